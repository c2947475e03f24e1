//! Values with secrets in them: `Bearer ` + `$TOKEN`, and the variable names secrets get.

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Part {
    Lit(String),
    Env(String),
}

/// A value that may be partly an environment variable: `Bearer ` + $TOKEN.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Text(pub(super) Vec<Part>);

impl Text {
    pub(super) fn lit(s: impl Into<String>) -> Text {
        Text(vec![Part::Lit(s.into())])
    }

    pub(super) fn then(mut self, other: Text) -> Text {
        for part in other.0 {
            match (self.0.last_mut(), part) {
                (Some(Part::Lit(a)), Part::Lit(b)) => a.push_str(&b),
                (_, part) => self.0.push(part),
            }
        }
        self
    }

    pub(super) fn has_env(&self) -> bool {
        self.0.iter().any(|p| matches!(p, Part::Env(_)))
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.iter().all(|p| matches!(p, Part::Lit(s) if s.is_empty()))
    }

    /// An expression in a language that joins strings with ` + ` (Python, JavaScript): each
    /// literal piece and each variable written by the given functions; `""` when empty.
    pub(super) fn concatenation(&self, lit: impl Fn(&str) -> String, var: impl Fn(&str) -> String) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .filter(|p| !matches!(p, Part::Lit(s) if s.is_empty()))
            .map(|p| match p {
                Part::Lit(s) => lit(s),
                Part::Env(v) => var(v),
            })
            .collect();
        if parts.is_empty() {
            "\"\"".into()
        } else {
            parts.join(" + ")
        }
    }

    /// The same value with each `${NAME}` of a shell variable the request declares (`names`)
    /// turned into that variable, so a shell, `os.environ` or `process.env` fills it in.
    pub(super) fn with_variables(self, names: &[String]) -> Text {
        if names.is_empty() {
            return self;
        }
        let mut out = Text::default();
        for part in self.0 {
            let Part::Lit(mut s) = part else {
                out = out.then(Text(vec![part]));
                continue;
            };
            while let Some((at, name)) = first_placeholder(&s, names) {
                out = out.then(Text::lit(&s[..at])).then(Text(vec![Part::Env(name.to_string())]));
                s = s[at + name.len() + 3..].to_string();
            }
            out = out.then(Text::lit(s));
        }
        out
    }

    /// The literal text with every variable left out; only for checks, never for output.
    pub(super) fn lits(&self) -> String {
        self.0.iter().filter_map(|p| if let Part::Lit(s) = p { Some(s.as_str()) } else { None }).collect()
    }
}

/// The first `${NAME}` in `s` whose name is one of `names`, with its byte offset.
fn first_placeholder<'a>(s: &str, names: &'a [String]) -> Option<(usize, &'a str)> {
    names.iter().filter_map(|n| s.find(&format!("${{{n}}}")).map(|at| (at, n.as_str()))).min_by_key(|(at, _)| *at)
}

/// Hands out variable names; the same secret gets the same name, a different one `_2`.
#[derive(Default)]
pub(super) struct Env {
    pub(super) on: bool,
    pub(super) bound: Vec<(String, String)>,
    /// The request's shell variables: a secret that is one keeps its own name.
    pub(super) vars: Vec<String>,
}

impl Env {
    pub(super) fn secret(&mut self, base: &str, value: &str) -> Text {
        let own = Text::lit(value).with_variables(&self.vars);
        if !self.on || value.is_empty() || own.has_env() {
            return own;
        }
        let mut name = base.to_string();
        for n in 2.. {
            match self.bound.iter().find(|(b, _)| *b == name) {
                Some((_, v)) if v == value => break,
                Some(_) => name = format!("{base}_{n}"),
                None => {
                    self.bound.push((name.clone(), value.to_string()));
                    break;
                }
            }
        }
        Text(vec![Part::Env(name)])
    }
}

pub(super) fn header_value(name: &str, value: &str, env: &mut Env) -> Text {
    let lower = name.to_ascii_lowercase();
    let var = match lower.as_str() {
        "authorization" => "TOKEN".to_string(),
        "proxy-authorization" => "PROXY_TOKEN".to_string(),
        "cookie" => "COOKIE".to_string(),
        _ if is_secret_header(&lower) => env_name(name),
        _ => return Text::lit(value),
    };
    // Keep the scheme readable: "Bearer " + $TOKEN, not $TOKEN holding "Bearer …".
    match value.split_once(' ') {
        Some((scheme, rest))
            if lower.ends_with("authorization")
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !rest.trim().is_empty() =>
        {
            Text::lit(format!("{scheme} ")).then(env.secret(&var, rest))
        }
        _ => env.secret(&var, value),
    }
}

/// X-Api-Key, X-Auth-Token, Private-Token, Ocp-Apim-Subscription-Key, X-Client-Secret…
pub(super) fn is_secret_header(lower: &str) -> bool {
    const NOT_SECRET: [&str; 3] = ["idempotency-key", "x-idempotency-key", "sec-websocket-key"];
    !NOT_SECRET.contains(&lower)
        && (["api-key", "apikey", "api_key", "token", "secret", "password", "signature"]
            .iter()
            .any(|w| lower.contains(w))
            || lower.ends_with("-key"))
}

/// `X-Api-Key` → `API_KEY`: the header's name, as a shell variable name.
pub(super) fn env_name(header: &str) -> String {
    let upper: String =
        header.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
    upper.strip_prefix("X_").unwrap_or(&upper).to_string()
}
