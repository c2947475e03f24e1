//! Reading bash (and sh, zsh for what curl lines use): quotes, `\` escapes and line
//! continuations, `$'…'`, variables and command substitutions kept as such, comments,
//! operators, and heredoc bodies read where bash reads them (after the line that asks).

use super::word::{is_name, Part, ShellError, Token, Word};

/// Characters that end a bare word.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '&' | ';' | '<' | '>' | '(' | ')')
}

/// Operators, longest first.
const OPERATORS: [&str; 21] = [
    "<<<", "<<-", "&>>", "<<", "<>", "<&", ">>", ">|", ">&", "&&", "&>", "||", "|&", ";;", "<", ">", "&", "|", ";",
    "(", ")",
];

struct Heredoc {
    /// Where its Body token is.
    token: usize,
    delimiter: String,
    strip_tabs: bool,
    expand: bool,
    at: usize,
}

pub(super) struct Lexer<'a> {
    c: &'a [char],
    i: usize,
    tokens: Vec<Token>,
    pending: Vec<Heredoc>,
    /// The last operator asked for a heredoc delimiter: `Some(strip_tabs)`.
    delimiter_next: Option<bool>,
    pub(super) notes: Vec<String>,
}

/// The tokens of a bash paste, and what was read approximately.
pub(super) fn lex(c: &[char]) -> Result<(Vec<Token>, Vec<String>), ShellError> {
    let mut lx = Lexer { c, i: 0, tokens: Vec::new(), pending: Vec::new(), delimiter_next: None, notes: Vec::new() };
    lx.run()?;
    Ok((lx.tokens, lx.notes))
}

impl Lexer<'_> {
    fn peek(&self, k: usize) -> Option<char> {
        self.c.get(self.i + k).copied()
    }

    fn at_line_continuation(&self) -> Option<usize> {
        match (self.peek(0), self.peek(1), self.peek(2)) {
            (Some('\\'), Some('\n'), _) => Some(2),
            (Some('\\'), Some('\r'), Some('\n')) => Some(3),
            _ => None,
        }
    }

    fn run(&mut self) -> Result<(), ShellError> {
        loop {
            while let Some(c) = self.peek(0) {
                if let Some(n) = self.at_line_continuation() {
                    self.i += n;
                } else if c != '\n' && c.is_whitespace() {
                    self.i += 1;
                } else {
                    break;
                }
            }
            let Some(c) = self.peek(0) else { break };
            match c {
                '\n' => {
                    self.i += 1;
                    self.read_bodies()?;
                    self.tokens.push(Token::Newline);
                }
                // A comment runs to the end of the line; its quotes are text.
                '#' => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                }
                c if ends_word(c) => self.operator(),
                c if c.is_ascii_digit() && self.fd_operator() => {}
                _ => self.word()?,
            }
        }
        self.read_bodies()
    }

    fn operator(&mut self) {
        let start = self.i;
        let rest: String = self.c[self.i..(self.i + 3).min(self.c.len())].iter().collect();
        let op = OPERATORS.iter().find(|op| rest.starts_with(**op)).copied().unwrap_or("");
        if op.is_empty() {
            self.i += 1;
            return;
        }
        self.i += op.chars().count();
        if op == "<<" || op == "<<-" {
            self.delimiter_next = Some(op == "<<-");
        }
        self.tokens.push(Token::Op { op: op.to_string(), start, end: self.i });
    }

    /// `2>`, `2>&1`, `1>>`: a number right before a redirection names the file descriptor.
    fn fd_operator(&mut self) -> bool {
        let digits = self.c[self.i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !matches!(self.peek(digits), Some('<' | '>')) {
            return false;
        }
        let start = self.i;
        self.i += digits;
        self.operator();
        if let Some(Token::Op { op, start: s, .. }) = self.tokens.last_mut() {
            let fd: String = self.c[start..start + digits].iter().collect();
            *op = format!("{fd}{op}");
            *s = start;
        }
        true
    }

    fn word(&mut self) -> Result<(), ShellError> {
        let start = self.i;
        let mut w = Word::new();
        while let Some(c) = self.peek(0) {
            if ends_word(c) {
                break;
            }
            match c {
                '\\' => {
                    if let Some(n) = self.at_line_continuation() {
                        self.i += n;
                        continue;
                    }
                    match self.peek(1) {
                        Some(next) => w.push(next),
                        None => w.push('\\'),
                    }
                    self.i = (self.i + 2).min(self.c.len());
                }
                '\'' => {
                    let at = self.i;
                    self.i += 1;
                    w.mark_quoted();
                    loop {
                        match self.peek(0) {
                            None => return Err(ShellError::UnclosedQuote { quote: '\'', at }),
                            Some('\'') => break,
                            Some(d) => w.push(d),
                        }
                        self.i += 1;
                    }
                    self.i += 1;
                }
                '"' => {
                    let at = self.i;
                    self.i += 1;
                    w.mark_quoted();
                    self.double_quoted(&mut w, at)?;
                }
                '$' if self.peek(1) == Some('\'') => {
                    let at = self.i;
                    self.i += 2;
                    w.mark_quoted();
                    self.ansi_c(&mut w).ok_or(ShellError::UnclosedQuote { quote: '\'', at })?;
                }
                '$' if self.peek(1) == Some('"') => {
                    let at = self.i + 1;
                    self.i += 2;
                    w.mark_quoted();
                    self.double_quoted(&mut w, at)?;
                }
                '$' => self.dollar(&mut w)?,
                '`' => self.backtick(&mut w)?,
                c => {
                    w.push_plain(c);
                    self.i += 1;
                }
            }
        }
        let end = self.i;
        if let Some(strip_tabs) = self.delimiter_next.take() {
            self.pending.push(Heredoc {
                token: self.tokens.len(),
                delimiter: w.text(),
                strip_tabs,
                expand: !w.quoted,
                at: start,
            });
            self.tokens.push(Token::Body { body: Word::new(), start, end });
        } else {
            self.tokens.push(Token::Word { word: w, start, end });
        }
        Ok(())
    }

    /// After the opening `"`: up to the closing one.
    fn double_quoted(&mut self, w: &mut Word, at: usize) -> Result<(), ShellError> {
        loop {
            match self.peek(0) {
                None => return Err(ShellError::UnclosedQuote { quote: '"', at }),
                Some('"') => {
                    self.i += 1;
                    return Ok(());
                }
                Some('\\') => match self.peek(1) {
                    Some('\n') => self.i += 2,
                    Some(e @ ('"' | '\\' | '$' | '`')) => {
                        w.push(e);
                        self.i += 2;
                    }
                    _ => {
                        w.push('\\');
                        self.i += 1;
                    }
                },
                Some('$') => self.dollar(w)?,
                Some('`') => self.backtick(w)?,
                Some(d) => {
                    w.push(d);
                    self.i += 1;
                }
            }
        }
    }

    /// At a `$` that is not `$'` or `$"`: a variable, a command substitution, or a `$`.
    fn dollar(&mut self, w: &mut Word) -> Result<(), ShellError> {
        let at = self.i;
        match self.peek(1) {
            Some('{') => {
                let close = (self.i + 2..self.c.len())
                    .find(|&j| self.c[j] == '}')
                    .ok_or(ShellError::UnclosedExpansion { opener: "${", at })?;
                let inner: String = self.c[self.i + 2..close].iter().collect();
                self.i = close + 1;
                let typed = format!("${{{inner}}}");
                // `${1}`, `${#}`, `${#NAME}` (a length), `${!NAME}` (indirection): the shell's own.
                if inner.starts_with(|c: char| "@*#?$!-".contains(c) || c.is_ascii_digit()) {
                    w.push_part(Part::Special(typed));
                    return Ok(());
                }
                let name: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if name.is_empty() {
                    w.push_part(Part::Lit(typed));
                    return Ok(());
                }
                if name != inner && name != "_" {
                    self.notes
                        .push(format!("${{{inner}}} is read as ${name}: what it does to the value is not applied"));
                }
                w.push_variable(&name, typed);
            }
            Some('(') => {
                let arithmetic = self.peek(2) == Some('(');
                let end = balanced(self.c, self.i + 1).ok_or(ShellError::UnclosedExpansion { opener: "$(", at })?;
                let inner: String = self.c[self.i + 2..end].iter().collect();
                self.i = end + 1;
                w.push_part(Part::Output(if arithmetic { inner } else { inner.trim().to_string() }));
            }
            // Special and positional parameters: `$?`, `$$`, `$1` (`$10` is `${1}0`).
            Some(c) if c.is_ascii_digit() || "@*#?$!-".contains(c) => {
                self.i += 2;
                w.push_part(Part::Special(format!("${c}")));
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let name: String =
                    self.c[self.i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '_').collect();
                self.i += 1 + name.chars().count();
                debug_assert!(is_name(&name));
                w.push_variable(&name, format!("${name}"));
            }
            _ => {
                w.push('$');
                self.i += 1;
            }
        }
        Ok(())
    }

    fn backtick(&mut self, w: &mut Word) -> Result<(), ShellError> {
        let at = self.i;
        let mut inner = String::new();
        let mut j = self.i + 1;
        loop {
            match self.c.get(j) {
                None => return Err(ShellError::UnclosedExpansion { opener: "`", at }),
                Some('`') => break,
                Some('\\') if matches!(self.c.get(j + 1), Some('`' | '\\' | '$')) => {
                    inner.push(self.c[j + 1]);
                    j += 2;
                }
                Some(&d) => {
                    inner.push(d);
                    j += 1;
                }
            }
        }
        self.i = j + 1;
        w.push_part(Part::Output(inner.trim().to_string()));
        Ok(())
    }

    /// After `$'`: the ANSI-C escapes bash knows; the index after the closing quote.
    fn ansi_c(&mut self, w: &mut Word) -> Option<()> {
        loop {
            let d = self.peek(0)?;
            self.i += 1;
            match d {
                '\'' => return Some(()),
                '\\' => {
                    let e = self.peek(0)?;
                    self.i += 1;
                    match e {
                        'n' => w.push('\n'),
                        't' => w.push('\t'),
                        'r' => w.push('\r'),
                        'a' => w.push('\u{7}'),
                        'b' => w.push('\u{8}'),
                        'e' | 'E' => w.push('\u{1b}'),
                        'f' => w.push('\u{c}'),
                        'v' => w.push('\u{b}'),
                        '\\' | '\'' | '"' | '?' => w.push(e),
                        'c' => {
                            let ctl = self.peek(0)?;
                            self.i += 1;
                            w.push(char::from((ctl.to_ascii_uppercase() as u8) ^ 0x40));
                        }
                        '0'..='7' => {
                            let mut value = e.to_digit(8)?;
                            for _ in 0..2 {
                                match self.peek(0).and_then(|c| c.to_digit(8)) {
                                    Some(d) => {
                                        value = value * 8 + d;
                                        self.i += 1;
                                    }
                                    None => break,
                                }
                            }
                            w.push(char::from_u32(value & 0xff)?);
                        }
                        'x' | 'u' | 'U' => {
                            let max = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let digits: String =
                                self.c[self.i..].iter().take(max).take_while(|c| c.is_ascii_hexdigit()).collect();
                            self.i += digits.chars().count();
                            match u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32) {
                                Some(c) => w.push(c),
                                None => {
                                    w.push('\\');
                                    w.push(e);
                                }
                            }
                        }
                        other => {
                            w.push('\\');
                            w.push(other);
                        }
                    }
                }
                other => w.push(other),
            }
        }
    }

    /// At a line break: the bodies of the heredocs opened on the line just ended.
    fn read_bodies(&mut self) -> Result<(), ShellError> {
        for doc in std::mem::take(&mut self.pending) {
            let mut text = String::new();
            let mut closed = false;
            while self.i < self.c.len() {
                let end = (self.i..self.c.len()).find(|&j| self.c[j] == '\n').unwrap_or(self.c.len());
                let mut line: String = self.c[self.i..end].iter().collect();
                self.i = (end + 1).min(self.c.len());
                if doc.strip_tabs {
                    line = line.trim_start_matches('\t').to_string();
                }
                if line.trim_end_matches('\r') == doc.delimiter {
                    closed = true;
                    break;
                }
                text.push_str(&line);
                text.push('\n');
            }
            if !closed {
                self.notes.push(format!(
                    "the heredoc <<{} at character {} has no closing line '{}': bash reads it to the end of the paste",
                    doc.delimiter, doc.at, doc.delimiter
                ));
            }
            let body = if doc.expand { expand_body(&text, &mut self.notes)? } else { Word::lit(&text) };
            if let Some(Token::Body { body: slot, .. }) = self.tokens.get_mut(doc.token) {
                *slot = body;
            }
        }
        Ok(())
    }
}

/// The index of the `)` that closes the `(` at `open`, skipping quoted text.
fn balanced(c: &[char], open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut j = open;
    while j < c.len() {
        match c[j] {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            '\\' => j += 1,
            '\'' => j = (j + 1..c.len()).find(|&k| c[k] == '\'')?,
            '"' => {
                j += 1;
                while *c.get(j)? != '"' {
                    j += if c[j] == '\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        j += 1;
    }
    None
}

/// An unquoted heredoc's text as bash expands it: variables, command substitutions, and `\`
/// before `$`, `` ` ``, `\` or a line break; quotes are text.
fn expand_body(text: &str, notes: &mut Vec<String>) -> Result<Word, ShellError> {
    let chars: Vec<char> = text.chars().collect();
    let mut lx =
        Lexer { c: &chars, i: 0, tokens: Vec::new(), pending: Vec::new(), delimiter_next: None, notes: Vec::new() };
    let mut w = Word::new();
    w.mark_quoted();
    while let Some(c) = lx.peek(0) {
        match c {
            '\\' => match lx.peek(1) {
                Some('\n') => lx.i += 2,
                Some(e @ ('$' | '`' | '\\')) => {
                    w.push(e);
                    lx.i += 2;
                }
                _ => {
                    w.push('\\');
                    lx.i += 1;
                }
            },
            '$' => lx.dollar(&mut w)?,
            '`' => lx.backtick(&mut w)?,
            c => {
                w.push(c);
                lx.i += 1;
            }
        }
    }
    notes.append(&mut lx.notes);
    Ok(w)
}
