//! Strings and JSON values as Python or JavaScript literals.

use serde_json::Value;

/// A Python string literal in ASCII: safe whatever encoding the terminal or file uses.
pub(super) fn py_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// A JS string literal; also valid JSON, and U+2028/2029 are escaped for older engines.
pub(super) fn js_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[derive(Clone, Copy)]
pub(super) enum Lang {
    Python,
    Js,
}

pub(super) fn literal(v: &Value, lang: Lang, depth: usize) -> String {
    let (unit, t, f, null) = match lang {
        Lang::Python => ("    ", "True", "False", "None"),
        Lang::Js => ("  ", "true", "false", "null"),
    };
    let string = |s: &str| match lang {
        Lang::Python => py_str(s),
        Lang::Js => js_str(s),
    };
    let pad = |d: usize| unit.repeat(d);
    match v {
        Value::Null => null.into(),
        Value::Bool(b) => if *b { t } else { f }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Object(o) if o.is_empty() => "{}".into(),
        Value::Array(a) => {
            let items: String =
                a.iter().map(|x| format!("{}{},\n", pad(depth + 1), literal(x, lang, depth + 1))).collect();
            format!("[\n{items}{}]", pad(depth))
        }
        Value::Object(o) => {
            let items: String = o
                .iter()
                .map(|(k, x)| format!("{}{}: {},\n", pad(depth + 1), string(k), literal(x, lang, depth + 1)))
                .collect();
            format!("{{\n{items}{}}}", pad(depth))
        }
    }
}
