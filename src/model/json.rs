//! JSON parsing with errors the user can locate, and pretty printing that keeps key order.

use serde_json::{Map, Value};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JSON error at line {} col {}: {}", self.line, self.column, self.message)
    }
}

/// Parses JSON text. The message drops serde's own "at line N column M" tail because the
/// location is carried separately and printed in one consistent form.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    serde_json::from_str::<Value>(text).map_err(|e| {
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(cut) => full[..cut].to_string(),
            None => full,
        };
        JsonError { line: e.line(), column: e.column(), message }
    })
}

pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// `pretty` of a JSON object held as its map (a header, a claims set), without copying it into
/// a `Value` first: the decoded view prints the claims on every keystroke.
pub fn pretty_object(map: &Map<String, Value>) -> String {
    serde_json::to_string_pretty(map).unwrap_or_default()
}

/// A one-line rendering of a value, cut to `max` characters for table cells.
pub fn compact(value: &Value, max: usize) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    truncate_chars(&text, max)
}

pub fn truncate_chars(text: &str, max: usize) -> String {
    let start = prefix_chars(text, max);
    match &text[start.len()..] {
        "" => text.to_string(),
        rest => format!("{start}… ({} more characters)", rest.chars().count()),
    }
}

/// A screenful of text: what a long text shows until the user asks for all of it (the decoded
/// JSON, the Token box holding a huge token).
pub const SCREENFUL_CHARS: usize = 4_000;

/// The first `max` characters of `text` (all of it when shorter), never a broken char.
pub fn prefix_chars(text: &str, max: usize) -> &str {
    text.char_indices().nth(max).map_or(text, |(cut, _)| &text[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn located_errors() {
        let cases = [("{\"a\":}", 1, 6), ("{\"a\":1,\n \"b\" 2}", 2, 6), ("", 1, 0)];
        for (text, line, column) in cases {
            let e = parse(text).unwrap_err();
            assert_eq!((e.line, e.column), (line, column), "{text:?}: {e}");
            assert!(e.to_string().starts_with(&format!("JSON error at line {line} col {column}: ")));
            assert!(!e.message.contains(" at line "));
        }
    }

    #[test]
    fn keeps_key_order() {
        let v = parse(r#"{"z":1,"a":{"y":[1,"x"],"b":null}}"#).unwrap();
        let want = "{\n  \"z\": 1,\n  \"a\": {\n    \"y\": [\n      1,\n      \"x\"\n    ],\n    \"b\": null\n  }\n}";
        assert_eq!(pretty(&v), want);
        assert_eq!(pretty_object(v.as_object().unwrap()), want);
    }

    #[test]
    fn truncates_long_values() {
        assert_eq!(truncate_chars("abcdef", 3), "abc… (3 more characters)");
        assert_eq!(truncate_chars("abc", 3), "abc");
        assert_eq!(compact(&Value::String("é".repeat(5)), 2), "éé… (3 more characters)");
        assert_eq!(prefix_chars("éab", 1), "é");
        assert_eq!(prefix_chars("ab", 5), "ab");
        assert_eq!(prefix_chars("ab", 0), "");
    }
}
