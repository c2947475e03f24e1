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

/// What Python's `json.dumps` (as `requests`' `json=` calls it) writes for `v`: `, ` and `: `
/// between items, every non-ASCII character escaped. None when `v` holds a number written with
/// an exponent, which Python spells its own way (`1e-07`): then `json=` is never exact.
pub(super) fn python_json_dumps(v: &Value) -> Option<String> {
    Some(match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        // Both print the shortest text that reads back as the same double (`2.5`, `1.0`).
        Value::Number(n) if n.to_string().contains(['e', 'E']) => return None,
        Value::Number(n) => n.to_string(),
        Value::String(s) => ascii_json_string(s),
        Value::Array(a) => format!("[{}]", a.iter().map(python_json_dumps).collect::<Option<Vec<_>>>()?.join(", ")),
        Value::Object(o) => {
            let items: Option<Vec<String>> =
                o.iter().map(|(k, x)| Some(format!("{}: {}", ascii_json_string(k), python_json_dumps(x)?))).collect();
            format!("{{{}}}", items?.join(", "))
        }
    })
}

/// What JavaScript's `JSON.stringify` writes for `v`: no spaces, non-ASCII as it is. None when a
/// number would be spelt otherwise in JavaScript (`1.0` is `1` there, exponents differ) or is an
/// integer a double cannot hold, and for a `__proto__` key, which an object literal cannot hold.
pub(super) fn js_json_stringify(v: &Value) -> Option<String> {
    const EXACT: u64 = 1 << 53;
    fn same_in_js(v: &Value) -> bool {
        match v {
            Value::Number(n) if n.is_f64() => {
                n.as_f64().is_some_and(|f| f.fract() != 0.0) && !n.to_string().contains(['e', 'E'])
            }
            Value::Number(n) => {
                n.as_u64().is_some_and(|x| x < EXACT) || n.as_i64().is_some_and(|x| x.unsigned_abs() < EXACT)
            }
            Value::Array(a) => a.iter().all(same_in_js),
            Value::Object(o) => o.iter().all(|(k, x)| k != "__proto__" && same_in_js(x)),
            _ => true,
        }
    }
    // serde_json escapes exactly the characters JSON.stringify does (quote, backslash, controls).
    same_in_js(v).then(|| serde_json::to_string(v).ok()).flatten()
}

/// A JSON string with every non-ASCII character as `\uXXXX` (surrogate pairs beyond U+FFFF).
fn ascii_json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}
