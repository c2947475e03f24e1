//! Shell variable references in text the user gave (`$API_TOKEN`, `${API_TOKEN}`,
//! `${API_TOKEN:-default}`): where they are and what the text becomes when they are unset. A
//! pasted command keeps them as typed; only the shell that runs it fills them in.

/// One `$NAME` or `${NAME…}` in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    pub name: String,
    /// As written, `$` and braces included.
    pub written: String,
    /// What the shell puts there when the variable is unset or empty: the default of
    /// `${NAME:-word}` / `${NAME:=word}`, else nothing.
    pub unset: String,
}

fn name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The variable starting at `at` (a `$`) and where it ends. `$1`, `$$`, `$5.00` and a `$`
/// alone are not names and are left as text.
fn at(text: &str, at: usize) -> Option<(Variable, usize)> {
    let bytes = text.as_bytes();
    match bytes.get(at + 1)? {
        b'{' => {
            let start = at + 2;
            let close = start + text[start..].find('}')?;
            let inner = &text[start..close];
            let len = inner.bytes().take_while(|b| name_char(*b)).count();
            if len == 0 || !name_start(inner.as_bytes()[0]) {
                return None;
            }
            let op = &inner[len..];
            let unset = [":-", ":=", "-", "="].iter().find_map(|o| op.strip_prefix(o)).unwrap_or_default();
            let var = Variable { name: inner[..len].into(), written: text[at..=close].into(), unset: unset.into() };
            Some((var, close + 1))
        }
        b if name_start(*b) => {
            let end = at + 1 + text[at + 1..].bytes().take_while(|b| name_char(*b)).count();
            let var = Variable { name: text[at + 1..end].into(), written: text[at..end].into(), unset: String::new() };
            Some((var, end))
        }
        _ => None,
    }
}

/// Where the text after a `$` that is not a variable resumes: `$$` (the shell's process id)
/// is one unit, so `$$word` holds no variable named `word`.
fn skip(text: &str, dollar: usize) -> usize {
    if text.as_bytes().get(dollar + 1) == Some(&b'$') {
        dollar + 2
    } else {
        dollar + 1
    }
}

/// Every variable in `text`, in order.
pub fn find(text: &str) -> Vec<Variable> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find('$') {
        let dollar = i + off;
        match at(text, dollar) {
            Some((var, end)) => {
                out.push(var);
                i = end;
            }
            None => i = skip(text, dollar),
        }
    }
    out
}

/// The text as the shell makes it when every variable in it is unset or empty.
pub fn when_unset(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(off) = text[i..].find('$') {
        let dollar = i + off;
        match at(text, dollar) {
            Some((var, end)) => {
                out.push_str(&text[i..dollar]);
                out.push_str(&var.unset);
                i = end;
            }
            None => {
                let next = skip(text, dollar);
                out.push_str(&text[i..next]);
                i = next;
            }
        }
    }
    out.push_str(&text[i..]);
    out
}

/// Variables every login shell sets, so "unset" does not apply to them.
pub fn always_set(name: &str) -> bool {
    matches!(name, "USER" | "LOGNAME" | "HOME" | "PATH" | "SHELL" | "PWD")
}

/// The text is one variable and nothing else (`${TOKEN}`, `$TOKEN`).
pub fn is_only_variable(text: &str) -> bool {
    let t = text.trim();
    matches!(find(t).as_slice(), [v] if v.written == t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_the_shell_expands() {
        let names = |t: &str| find(t).into_iter().map(|v| v.name).collect::<Vec<_>>();
        assert_eq!(names("Bearer ${API_TOKEN}"), ["API_TOKEN"]);
        assert_eq!(names("Bearer $API_TOKEN"), ["API_TOKEN"]);
        assert_eq!(names("$USER:$PASS"), ["USER", "PASS"]);
        assert_eq!(names("${A:-x}${B}c$_d"), ["A", "B", "_d"]);
        for none in ["$5.00", "$1", "$$", "a $ b", "${}", "${1}", "${unclosed", "cost: $", "$'x'", "pa$$word"] {
            assert!(find(none).is_empty(), "{none:?}");
        }
    }

    #[test]
    fn unset_values() {
        assert_eq!(when_unset("Bearer ${API_TOKEN}"), "Bearer ");
        assert_eq!(when_unset("Bearer $API_TOKEN"), "Bearer ");
        assert_eq!(when_unset("$USER:$PASS"), ":");
        assert_eq!(when_unset("${ENV:-prod}-${X:?must be set}"), "prod-");
        assert_eq!(when_unset("$5 and ${unclosed"), "$5 and ${unclosed");
        assert_eq!(when_unset("pa$$word$X"), "pa$$word");
        assert!(always_set("USER") && !always_set("API_TOKEN"));
        assert!(is_only_variable(" ${TOKEN} ") && is_only_variable("$TOKEN"));
        assert!(!is_only_variable("Bearer $TOKEN") && !is_only_variable("$A$B") && !is_only_variable("x"));
    }
}
