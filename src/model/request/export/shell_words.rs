//! Shell quoting for the curl and HTTPie snippets: bash reads back exactly the text.

use super::text::{Part, Text};

pub(super) fn sh_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c)
}

/// One shell word, single-quoted unless nothing in it is special; `'` becomes `'\''`.
pub(super) fn sh_quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(sh_safe) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A word with variables: "Authorization: Bearer $TOKEN". `!` would trigger history expansion
/// inside double quotes in an interactive shell, so such text is single-quoted piecewise.
pub(super) fn sh(t: &Text) -> String {
    if !t.has_env() {
        return sh_quote(&t.lits());
    }
    if t.lits().contains('!') {
        return t
            .0
            .iter()
            .map(|p| match p {
                Part::Lit(s) if s.is_empty() => String::new(),
                Part::Lit(s) => format!("'{}'", s.replace('\'', r"'\''")),
                Part::Env(v) => format!("\"${{{v}}}\""),
            })
            .collect();
    }
    let mut out = String::from("\"");
    for (k, part) in t.0.iter().enumerate() {
        match part {
            Part::Lit(s) => {
                for c in s.chars() {
                    if matches!(c, '\\' | '"' | '$' | '`') {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
            Part::Env(v) => {
                let glued = matches!(t.0.get(k + 1), Some(Part::Lit(s)) if s.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
                out.push_str(&if glued { format!("${{{v}}}") } else { format!("${v}") });
            }
        }
    }
    out.push('"');
    out
}

pub(super) fn continued(lines: Vec<String>) -> String {
    lines.join(" \\\n  ") + "\n"
}
