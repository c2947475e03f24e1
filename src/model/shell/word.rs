//! What every shell's reader produces: words made of literal text, variables and command
//! outputs, and the operators between them.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShellError {
    UnclosedQuote {
        quote: char,
        at: usize,
    },
    /// `$(`, `${` or a backtick that is never closed.
    UnclosedExpansion {
        opener: &'static str,
        at: usize,
    },
}

impl fmt::Display for ShellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShellError::UnclosedQuote { quote, at } => {
                write!(f, "the {quote} quote opened at character {at} is never closed")
            }
            ShellError::UnclosedExpansion { opener, at } => {
                write!(f, "the {opener} opened at character {at} is never closed")
            }
        }
    }
}

/// A piece of a word: text as it is, or what the shell fills in when it runs the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Lit(String),
    /// `$NAME`, `${NAME}`, `%NAME%`, `$env:NAME`: the variable's value, unknown here.
    Var(String),
    /// `$(command)` or `` `command` ``: what the command prints, unknown here.
    Output(String),
    /// What the shell fills in from its own state, as typed: bash's special and positional
    /// parameters (`$?`, `$$`, `$1`, `${#NAME}`), PowerShell's `$_` or `$5`, a name no
    /// environment variable can have (`${a b}`). Never a variable of the request: nothing the
    /// page or an export sets can stand for it.
    Special(String),
}

/// One word as the program receives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    pub parts: Vec<Part>,
    /// Some of it was quoted or escaped (a heredoc delimiter written so turns expansion off).
    pub quoted: bool,
    /// How many characters at its start were written bare (no quote, escape or expansion), for
    /// telling `NAME=value` assignments from arguments.
    plain: usize,
    plain_open: bool,
}

impl Word {
    pub fn new() -> Word {
        Word { plain_open: true, ..Word::default() }
    }

    pub fn lit(s: &str) -> Word {
        let mut w = Word::new();
        w.push_str(s);
        w
    }

    /// A character written bare.
    pub(super) fn push_plain(&mut self, c: char) {
        if self.plain_open {
            self.plain += 1;
        }
        self.push_lit(c);
    }

    /// A character that was quoted or escaped.
    pub(super) fn push(&mut self, c: char) {
        self.plain_open = false;
        self.quoted = true;
        self.push_lit(c);
    }

    pub(super) fn push_str(&mut self, s: &str) {
        s.chars().for_each(|c| self.push(c));
        if s.is_empty() {
            self.plain_open = false;
            self.quoted = true;
        }
    }

    fn push_lit(&mut self, c: char) {
        match self.parts.last_mut() {
            Some(Part::Lit(s)) => s.push(c),
            _ => self.parts.push(Part::Lit(c.to_string())),
        }
    }

    pub(super) fn push_part(&mut self, part: Part) {
        self.plain_open = false;
        match part {
            Part::Lit(s) => s.chars().for_each(|c| self.push_lit(c)),
            other => self.parts.push(other),
        }
    }

    /// Marks the word as present even when it is empty (`''`).
    pub(super) fn mark_quoted(&mut self) {
        self.plain_open = false;
        self.quoted = true;
    }

    /// The word as text: a variable as `${NAME}`, a command's output as `$(command)`.
    pub fn text(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Lit(s) => s.clone(),
                Part::Var(name) => format!("${{{name}}}"),
                Part::Output(cmd) => format!("$({cmd})"),
                Part::Special(typed) => typed.clone(),
            })
            .collect()
    }

    /// The text, when the shell fills nothing in.
    pub fn literal(&self) -> Option<String> {
        self.parts.iter().all(|p| matches!(p, Part::Lit(_))).then(|| self.text())
    }

    pub fn variables(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Var(name) => Some(name.as_str()),
            _ => None,
        })
    }

    pub fn outputs(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Output(cmd) => Some(cmd.as_str()),
            _ => None,
        })
    }

    pub fn specials(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Special(typed) => Some(typed.as_str()),
            _ => None,
        })
    }

    /// A variable the shell fills in, typed as `typed`: an environment variable when `name`
    /// can be one, else a special one. `_` is the shell's own (bash's last argument,
    /// PowerShell's pipeline object).
    pub(super) fn push_variable(&mut self, name: &str, typed: String) {
        self.push_part(if is_name(name) && name != "_" { Part::Var(name.to_string()) } else { Part::Special(typed) });
    }

    /// `NAME=value` written bare up to its `=`: a variable assignment when it comes before the
    /// command word (bash, and cmd's `set`).
    pub fn assignment(&self) -> Option<(String, Word)> {
        let Some(Part::Lit(first)) = self.parts.first() else { return None };
        let head: String = first.chars().take(self.plain).collect();
        let eq = head.find('=')?;
        let name = &head[..eq];
        if !is_name(name) {
            return None;
        }
        let mut value = Word::new();
        value.quoted = self.quoted;
        value.plain_open = false;
        let rest: String = first.chars().skip(name.chars().count() + 1).collect();
        if !rest.is_empty() {
            value.parts.push(Part::Lit(rest));
        }
        value.parts.extend(self.parts[1..].iter().cloned());
        Some((name.to_string(), value))
    }
}

/// A shell variable name: a letter or `_`, then letters, digits and `_`.
pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What a dialect's reader gives the command assembler. Positions are character indices into
/// the paste, for naming a command by its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Word {
        word: Word,
        start: usize,
        end: usize,
    },
    Op {
        op: String,
        start: usize,
        end: usize,
    },
    /// An unescaped line break: the end of a command, unless an operator asks for more.
    Newline,
    /// A heredoc's text, where its delimiter word was.
    Body {
        body: Word,
        start: usize,
        end: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_render_their_expansions() {
        let mut w = Word::lit("Bearer ");
        w.push_part(Part::Var("TOKEN".into()));
        w.push_part(Part::Output("date".into()));
        assert_eq!(w.text(), "Bearer ${TOKEN}$(date)");
        assert_eq!(w.literal(), None);
        assert_eq!(w.variables().collect::<Vec<_>>(), ["TOKEN"]);
        assert_eq!(Word::lit("x").literal().as_deref(), Some("x"));
    }

    #[test]
    fn assignments_are_bare_up_to_the_equals_sign() {
        let mut w = Word::new();
        "TOKEN=ab".chars().for_each(|c| w.push_plain(c));
        w.push('c');
        let (name, value) = w.assignment().unwrap();
        assert_eq!((name.as_str(), value.text().as_str()), ("TOKEN", "abc"));
        let mut quoted = Word::new();
        quoted.push('T');
        "=1".chars().for_each(|c| quoted.push_plain(c));
        assert_eq!(quoted.assignment(), None, "'T'=1 is a word, not an assignment");
        let mut url = Word::new();
        "https://x/?a=1".chars().for_each(|c| url.push_plain(c));
        assert_eq!(url.assignment(), None);
        assert!(is_name("_A1") && !is_name("1A") && !is_name(""));
    }
}
