//! Python values as `repr` prints them (`{'Content-Type': 'application/json'}`, `True`,
//! `None`, `b'…'`): what `print(r.headers)` or `print(r.json())` shows, read back into data.

use crate::model::located::{describe_char, line_col};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PyError {
    Unterminated { line: usize, column: usize },
    Syntax { line: usize, column: usize, expected: &'static str, found: String },
}

impl fmt::Display for PyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PyError::Unterminated { line, column } => {
                write!(f, "line {line}, column {column}: this Python string has no closing quote")
            }
            PyError::Syntax { line, column, expected, found } => {
                write!(
                    f,
                    "line {line}, column {column}: expected {expected} in the printed Python value, found {found}"
                )
            }
        }
    }
}

/// A Python value as `repr` prints it.
#[derive(Debug, Clone, PartialEq)]
pub enum Py {
    Str(String),
    /// Kept as written; JSON numbers and Python's agree for what APIs return.
    Num(String),
    Bool(bool),
    None,
    List(Vec<Py>),
    Dict(Vec<(Py, Py)>),
}

struct PyParser<'a> {
    text: &'a str,
    pos: usize,
}

/// Parses the Python value at byte `at`; returns it and the byte after it.
pub fn parse_at(text: &str, at: usize) -> Result<(Py, usize), PyError> {
    let mut p = PyParser { text, pos: at };
    let v = p.value()?;
    Ok((v, p.pos))
}

impl PyParser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            self.pos += 1;
        }
    }

    fn syntax(&self, expected: &'static str) -> PyError {
        let (line, column) = line_col(self.text, self.pos);
        let found = match self.peek() {
            None => "the end".to_string(),
            Some(c) => describe_char(c),
        };
        PyError::Syntax { line, column, expected, found }
    }

    fn eat(&mut self, c: char) -> bool {
        let ok = self.peek() == Some(c);
        if ok {
            self.pos += c.len_utf8();
        }
        ok
    }

    fn value(&mut self) -> Result<Py, PyError> {
        self.skip_ws();
        match self.peek() {
            Some('\'' | '"') => self.string().map(Py::Str),
            Some('{') => self.dict(),
            Some(open @ ('[' | '(')) => self.list(if open == '[' { ']' } else { ')' }),
            Some(c) if c.is_ascii_digit() || c == '-' => Ok(self.number()),
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let rest = &self.text[self.pos..];
                let word = &rest[..rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len())];
                let start = self.pos;
                self.pos += word.len();
                match word {
                    "True" => Ok(Py::Bool(true)),
                    "False" => Ok(Py::Bool(false)),
                    "None" => Ok(Py::None),
                    // A wrapper such as Headers({…}) or CaseInsensitiveDict({…}).
                    _ if self.eat('(') => {
                        let inner = self.value()?;
                        self.skip_ws();
                        if !self.eat(')') {
                            return Err(self.syntax("')'"));
                        }
                        Ok(inner)
                    }
                    _ => {
                        self.pos = start;
                        Err(self.syntax("a Python value"))
                    }
                }
            }
            _ => Err(self.syntax("a Python value")),
        }
    }

    fn number(&mut self) -> Py {
        let rest = &self.text[self.pos..];
        let len = rest
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_digit() || ".eE+".contains(c) || (c == '-' && i == 0)))
            .map_or(rest.len(), |(i, _)| i);
        self.pos += len;
        Py::Num(rest[..len].to_string())
    }

    fn list(&mut self, close: char) -> Result<Py, PyError> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.eat(close) {
                return Ok(Py::List(items));
            }
            items.push(self.value()?);
            self.skip_ws();
            if !self.eat(',') && self.peek() != Some(close) {
                return Err(self.syntax(if close == ']' { "',' or ']'" } else { "',' or ')'" }));
            }
        }
    }

    fn dict(&mut self) -> Result<Py, PyError> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.eat('}') {
                return Ok(Py::Dict(items));
            }
            let key = self.value()?;
            self.skip_ws();
            if !self.eat(':') {
                return Err(self.syntax("':'"));
            }
            let value = self.value()?;
            items.push((key, value));
            self.skip_ws();
            if !self.eat(',') && self.peek() != Some('}') {
                return Err(self.syntax("',' or '}'"));
            }
        }
    }

    /// A str literal as repr writes it: single or double quotes, backslash escapes.
    fn string(&mut self) -> Result<String, PyError> {
        let open = self.pos;
        let quote = self.peek().unwrap_or('\'');
        self.pos += 1;
        let mut out = String::new();
        let unterminated = |p: &Self| {
            let (line, column) = line_col(p.text, open);
            PyError::Unterminated { line, column }
        };
        loop {
            let Some(c) = self.peek() else { return Err(unterminated(self)) };
            self.pos += c.len_utf8();
            match c {
                '\n' | '\r' => return Err(unterminated(self)),
                c if c == quote => return Ok(out),
                '\\' => {
                    let Some(e) = self.peek() else { return Err(unterminated(self)) };
                    self.pos += e.len_utf8();
                    match e {
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        '0' => out.push('\0'),
                        '\\' | '\'' | '"' => out.push(e),
                        'x' | 'u' | 'U' => {
                            let n = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let hex = self
                                .text
                                .get(self.pos..self.pos + n)
                                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                            let ch = hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32);
                            let Some(ch) = ch else {
                                return Err(self.syntax(match e {
                                    'x' => "two hex digits after \\x",
                                    'u' => "four hex digits after \\u",
                                    _ => "eight hex digits after \\U",
                                }));
                            };
                            self.pos += n;
                            out.push(ch);
                        }
                        // Python keeps unknown escapes as written.
                        other => {
                            out.push('\\');
                            out.push(other);
                        }
                    }
                }
                c => out.push(c),
            }
        }
    }
}

/// The value as JSON text, so the JSON rules can read what `r.json()` printed.
pub fn to_json(v: &Py) -> String {
    fn value(v: &Py) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Py::Str(s) => Value::String(s.clone()),
            Py::Num(n) => serde_json::from_str(n).unwrap_or_else(|_| Value::String(n.clone())),
            Py::Bool(b) => Value::Bool(*b),
            Py::None => Value::Null,
            Py::List(items) => Value::Array(items.iter().map(value).collect()),
            Py::Dict(items) => Value::Object(
                items
                    .iter()
                    .map(|(k, v)| (if let Py::Str(s) = k { s.clone() } else { value(k).to_string() }, value(v)))
                    .collect(),
            ),
        }
    }
    value(v).to_string()
}
