//! Reading PowerShell: `'…'` (where `''` is a quote), `"…"` (where `` `" ``, `""` and `` `$ ``
//! are literal and `$name`, `$env:NAME`, `$(…)` are filled in), the backtick escape and line
//! continuation, `#` and `<# … #>` comments, and the `; | && || >` operators. A leading `&`
//! (the call operator) is not part of the command. Here-strings (`@'…'@` literal, `@"…"@` with
//! variables) run from the line after the opener to a line starting with the closer; after
//! `--%` (stop-parsing) the rest of the line goes to curl.exe as Windows splits it: at spaces,
//! with `"…"` grouping and `%NAME%` filled in.

use super::word::{Part, ShellError, Token, Word};

fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, ';' | '|' | '>' | '<' | '&')
}

pub(super) fn lex(c: &[char]) -> Result<Vec<Token>, ShellError> {
    let mut lx = Lexer { c, i: 0, tokens: Vec::new() };
    lx.run()?;
    Ok(lx.tokens)
}

struct Lexer<'a> {
    c: &'a [char],
    i: usize,
    tokens: Vec<Token>,
}

impl Lexer<'_> {
    fn peek(&self, k: usize) -> Option<char> {
        self.c.get(self.i + k).copied()
    }

    fn continuation(&self) -> Option<usize> {
        match (self.peek(0), self.peek(1), self.peek(2)) {
            (Some('`'), Some('\n'), _) => Some(2),
            (Some('`'), Some('\r'), Some('\n')) => Some(3),
            _ => None,
        }
    }

    fn command_starts(&self) -> bool {
        matches!(self.tokens.last(), None | Some(Token::Newline))
            || matches!(self.tokens.last(), Some(Token::Op { op, .. }) if op != ">" && op != ">>")
    }

    fn run(&mut self) -> Result<(), ShellError> {
        while let Some(c) = self.peek(0) {
            if let Some(n) = self.continuation() {
                self.i += n;
                continue;
            }
            let start = self.i;
            match c {
                '\n' => {
                    self.i += 1;
                    self.tokens.push(Token::Newline);
                }
                c if c.is_whitespace() => self.i += 1,
                '<' if self.peek(1) == Some('#') => {
                    let close = (self.i + 2..self.c.len().saturating_sub(1))
                        .find(|&j| self.c[j] == '#' && self.c[j + 1] == '>')
                        .ok_or(ShellError::UnclosedExpansion { opener: "<#", at: self.i })?;
                    self.i = close + 2;
                }
                '#' => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                }
                '&' if self.peek(1) != Some('&') && self.command_starts() => self.i += 1,
                ';' | '|' | '&' | '<' | '>' => {
                    let two: String = self.c[self.i..(self.i + 2).min(self.c.len())].iter().collect();
                    let op = if ["&&", "||", ">>"].contains(&two.as_str()) { two } else { c.to_string() };
                    self.i += op.chars().count();
                    self.tokens.push(Token::Op { op, start, end: self.i });
                }
                c if c.is_ascii_digit() || c == '*' => {
                    // `2>&1`, `*>`: redirections of other streams.
                    if matches!(self.peek(1), Some('>')) {
                        let mut op: String = self.c[self.i..self.i + 2].iter().collect();
                        self.i += 2;
                        if self.peek(0) == Some('&') && self.peek(1).is_some_and(|d| d.is_ascii_digit()) {
                            op.push('&');
                            op.push(self.c[self.i + 1]);
                            self.i += 2;
                        }
                        self.tokens.push(Token::Op { op, start, end: self.i });
                    } else {
                        self.word()?;
                    }
                }
                _ => self.word()?,
            }
        }
        Ok(())
    }

    fn word(&mut self) -> Result<(), ShellError> {
        let start = self.i;
        if let Some(word) = self.here_string()? {
            self.tokens.push(Token::Word { word, start, end: self.i });
            return Ok(());
        }
        if self.c[self.i..].starts_with(&['-', '-', '%']) && self.c.get(self.i + 3).is_none_or(|c| c.is_whitespace()) {
            self.i += 3;
            self.stop_parsing();
            return Ok(());
        }
        let mut w = Word::new();
        while let Some(c) = self.peek(0) {
            if ends_word(c) {
                break;
            }
            match c {
                '`' => {
                    if let Some(n) = self.continuation() {
                        self.i += n;
                        break;
                    }
                    match self.peek(1) {
                        Some(e) => w.push(escape(e)),
                        None => w.push('`'),
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
                            Some('\'') if self.peek(1) == Some('\'') => {
                                w.push('\'');
                                self.i += 2;
                            }
                            Some('\'') => break,
                            Some(d) => {
                                w.push(d);
                                self.i += 1;
                            }
                        }
                    }
                    self.i += 1;
                }
                '"' => {
                    let at = self.i;
                    self.i += 1;
                    w.mark_quoted();
                    loop {
                        match self.peek(0) {
                            None => return Err(ShellError::UnclosedQuote { quote: '"', at }),
                            Some('"') if self.peek(1) == Some('"') => {
                                w.push('"');
                                self.i += 2;
                            }
                            Some('"') => break,
                            Some('`') => {
                                match self.peek(1) {
                                    Some('\n') => {}
                                    Some(e) => w.push(escape(e)),
                                    None => return Err(ShellError::UnclosedQuote { quote: '"', at }),
                                }
                                self.i += 2;
                            }
                            Some('$') => self.dollar(&mut w)?,
                            Some(d) => {
                                w.push(d);
                                self.i += 1;
                            }
                        }
                    }
                    self.i += 1;
                }
                '$' => self.dollar(&mut w)?,
                c => {
                    w.push_plain(c);
                    self.i += 1;
                }
            }
        }
        self.tokens.push(Token::Word { word: w, start, end: self.i });
        Ok(())
    }

    /// `@'` or `@"` at the end of a line opens a here-string, which ends at a line starting
    /// with `'@` or `"@`; the newlines next to the markers are not part of it.
    fn here_string(&mut self) -> Result<Option<Word>, ShellError> {
        let (Some('@'), Some(q @ ('\'' | '"'))) = (self.peek(0), self.peek(1)) else { return Ok(None) };
        let mut j = self.i + 2;
        while self.c.get(j).is_some_and(|c| *c == ' ' || *c == '\t' || *c == '\r') {
            j += 1;
        }
        if self.c.get(j) != Some(&'\n') {
            return Ok(None);
        }
        let at = self.i;
        let body = j + 1;
        let close = (body..self.c.len())
            .find(|&k| (k == body || self.c[k - 1] == '\n') && self.c[k] == q && self.c.get(k + 1) == Some(&'@'))
            .ok_or(ShellError::UnclosedQuote { quote: q, at })?;
        let mut end = close;
        // The newline (and CR) before the closer is not part of the text.
        if end > body && self.c[end - 1] == '\n' {
            end -= 1;
        }
        if end > body && self.c[end - 1] == '\r' {
            end -= 1;
        }
        let mut w = Word::new();
        w.mark_quoted();
        if q == '\'' {
            self.c[body..end.max(body)].iter().for_each(|c| w.push(*c));
            self.i = close + 2;
            return Ok(Some(w));
        }
        // Expandable: variables and `$(…)` as in "…", a backtick escapes.
        self.i = body;
        while self.i < end {
            match self.c[self.i] {
                '$' => self.dollar(&mut w)?,
                '`' if self.i + 1 < end => {
                    w.push(escape(self.c[self.i + 1]));
                    self.i += 2;
                }
                d => {
                    w.push(d);
                    self.i += 1;
                }
            }
        }
        self.i = close + 2;
        Ok(Some(w))
    }

    /// After `--%`: the rest of the line, split as Windows gives it to a program.
    fn stop_parsing(&mut self) {
        loop {
            while self.peek(0).is_some_and(|c| c != '\n' && c.is_whitespace()) {
                self.i += 1;
            }
            match self.peek(0) {
                None | Some('\n') => return,
                _ => {}
            }
            let start = self.i;
            let mut w = Word::new();
            let mut quoted = false;
            while let Some(c) = self.peek(0) {
                match c {
                    '\n' => break,
                    c if c.is_whitespace() && !quoted => break,
                    '"' => {
                        quoted = !quoted;
                        w.mark_quoted();
                        self.i += 1;
                    }
                    '%' => {
                        let name: String = self.c[self.i + 1..]
                            .iter()
                            .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
                            .collect();
                        if !name.is_empty() && self.c.get(self.i + 1 + name.chars().count()) == Some(&'%') {
                            w.push_variable(&name, format!("%{name}%"));
                            self.i += name.chars().count() + 2;
                        } else {
                            w.push('%');
                            self.i += 1;
                        }
                    }
                    c => {
                        w.push(c);
                        self.i += 1;
                    }
                }
            }
            self.tokens.push(Token::Word { word: w, start, end: self.i });
        }
    }

    /// `$env:NAME`, `${env:NAME}`, `$name`, `${name}`, `$(…)`, `$?`; anything else is a `$`.
    fn dollar(&mut self, w: &mut Word) -> Result<(), ShellError> {
        let at = self.i;
        match self.peek(1) {
            Some('{') => {
                let close = (self.i + 2..self.c.len())
                    .find(|&j| self.c[j] == '}')
                    .ok_or(ShellError::UnclosedExpansion { opener: "${", at })?;
                let inner: String = self.c[self.i + 2..close].iter().collect();
                self.i = close + 1;
                w.push_variable(strip_env(&inner), format!("${{{inner}}}"));
            }
            Some('(') => {
                let mut depth = 0;
                let mut j = self.i + 1;
                loop {
                    match self.c.get(j) {
                        None => return Err(ShellError::UnclosedExpansion { opener: "$(", at }),
                        Some('(') => depth += 1,
                        Some(')') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let inner: String = self.c[self.i + 2..j].iter().collect();
                self.i = j + 1;
                w.push_part(Part::Output(inner.trim().to_string()));
            }
            Some(c) if c.is_ascii_alphanumeric() || c == '_' => {
                let name: String = self.c[self.i + 1..]
                    .iter()
                    .enumerate()
                    .take_while(|(k, c)| {
                        c.is_ascii_alphanumeric()
                            || **c == '_'
                            // `env:` is a scope; a `:` anywhere else ends the name.
                            || (**c == ':' && self.c[self.i + 1..self.i + 1 + k].iter().collect::<String>().eq_ignore_ascii_case("env"))
                    })
                    .map(|(_, c)| *c)
                    .collect();
                self.i += 1 + name.chars().count();
                w.push_variable(strip_env(&name), format!("${name}"));
            }
            // Automatic variables: the last status, the last line's last and first tokens.
            Some(c @ ('?' | '$' | '^')) => {
                self.i += 2;
                w.push_part(Part::Special(format!("${c}")));
            }
            _ => {
                w.push('$');
                self.i += 1;
            }
        }
        Ok(())
    }
}

fn strip_env(name: &str) -> &str {
    match name.split_once(':') {
        Some((scope, rest)) if scope.eq_ignore_ascii_case("env") => rest,
        _ => name,
    }
}

/// What a backtick escape stands for.
fn escape(e: char) -> char {
    match e {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        'e' => '\u{1b}',
        'f' => '\u{c}',
        'v' => '\u{b}',
        other => other,
    }
}
