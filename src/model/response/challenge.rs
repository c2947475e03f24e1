//! `WWW-Authenticate` / `Proxy-Authenticate` parsing, exactly as RFC 9110 §11.6.1 writes it:
//!
//! ```text
//! WWW-Authenticate = #challenge
//! challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//! auth-param = token BWS "=" BWS ( token / quoted-string )
//! token68    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//! ```
//!
//! The one ambiguity is the comma: it separates challenges *and* the params of one challenge.
//! After a comma, a token followed by `=` is a param; any other token starts a new challenge.
//!
//! Repeated header values are parsed as one list, because RFC 9110 §5.3 makes them equivalent
//! to a single value joined with commas (and Python requests joins them that way too).
//! Problems are located by header value and byte; after one, parsing resumes at the next
//! top-level comma, so one broken challenge does not hide the others.

use crate::model::located::describe_char;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// As sent: the page shows what the server wrote; compare with [`Challenge::is`].
    pub scheme: String,
    pub token68: Option<String>,
    /// Name lowercased (names are case-insensitive), value unescaped, and whether it was quoted.
    pub params: Vec<(String, String, bool)>,
    /// Which header value (0-based) and byte the scheme starts at.
    pub value: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub challenges: Vec<Challenge>,
    pub problems: Vec<ChallengeError>,
}

/// A problem and where it is: `value` is the 0-based index of the header value, `offset` the
/// byte inside that value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeError {
    pub value: usize,
    pub offset: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `realm="abc` with no closing quote; located at the opening quote.
    UnterminatedQuote { name: String },
    /// `realm=` followed by nothing, a comma, or something that is neither token nor quoted-string.
    MissingValue { name: String, found: Option<char> },
    /// `realm "x"`: a name with no `=` after it.
    MissingEquals { name: String, found: Option<char> },
    /// `="x"`: a value with no name.
    MissingName,
    /// A param before any scheme, e.g. a header value that starts with `realm="x"`.
    ParamBeforeScheme { name: String },
    /// `Negotiate abc==, realm="x"`: a token68 challenge has no params.
    ParamAfterToken68 { name: String },
    /// `realm="a" nonce="b"`: two elements with no comma between them.
    MissingComma { found: char },
    /// `Basic\trealm=…`, `Basic"x"`: only a space, a comma or the end may follow a scheme.
    BadAfterScheme { scheme: String, found: char },
    /// After `Scheme `, neither a token68 nor a param name.
    NotAParam { found: char },
    /// A list element that cannot start a scheme.
    NotAScheme { found: char },
    /// A control character (other than tab) inside a quoted string; kept in the value.
    ControlInQuotes { name: String, ch: char },
    /// RFC 9110 §11.2: each param name occurs once per challenge. The first one is used.
    DuplicateParam { name: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::UnterminatedQuote { name } => write!(f, "the quoted value of {name} has no closing '\"'"),
            Problem::MissingValue { name, found: None } => write!(f, "{name}= has no value before the end"),
            Problem::MissingValue { name, found: Some(',') } => write!(f, "{name}= has no value before the comma"),
            Problem::MissingValue { name, found: Some(c) } => {
                write!(f, "{name}= must be followed by a token or a quoted string, not {}", describe_char(*c))
            }
            Problem::MissingEquals { name, found } => {
                write!(f, "parameter {name} must be followed by '=', found {}", describe_opt(*found))
            }
            Problem::MissingName => write!(f, "'=' with no parameter name before it"),
            Problem::ParamBeforeScheme { name } => {
                write!(f, "parameter {name} comes before any scheme (a challenge starts with a scheme such as Basic or Bearer)")
            }
            Problem::ParamAfterToken68 { name } => {
                write!(f, "parameter {name} follows a token68 value; a challenge has either a token68 or parameters, not both")
            }
            Problem::MissingComma { found } => write!(f, "expected a comma before {}", describe_char(*found)),
            Problem::BadAfterScheme { scheme, found } => {
                write!(
                    f,
                    "the scheme {scheme} must be followed by a space, a comma or the end, not {}",
                    describe_char(*found)
                )
            }
            Problem::NotAParam { found } => {
                write!(f, "expected a parameter name or a token68, found {}", describe_char(*found))
            }
            Problem::NotAScheme { found } => write!(f, "expected a scheme name, found {}", describe_char(*found)),
            Problem::ControlInQuotes { name, ch } => {
                write!(f, "the quoted value of {name} contains {}", describe_char(*ch))
            }
            Problem::DuplicateParam { name } => {
                write!(f, "parameter {name} appears twice in one challenge; the first is used")
            }
        }
    }
}

impl fmt::Display for ChallengeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "header value {} at byte {}: {}", self.value + 1, self.offset, self.problem)
    }
}

fn describe_opt(ch: Option<char>) -> String {
    ch.map_or_else(|| "the end".into(), describe_char)
}

impl Challenge {
    /// Schemes are case-insensitive (RFC 9110 §11.1).
    pub fn is(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    /// The first value of a param, by case-insensitive name.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _, _)| n.eq_ignore_ascii_case(name)).map(|(_, v, _)| v.as_str())
    }

    pub fn realm(&self) -> Option<&str> {
        self.param("realm")
    }

    /// RFC 6750 §3 / RFC 9449 §7.1.
    pub fn error(&self) -> Option<&str> {
        self.param("error")
    }

    pub fn error_description(&self) -> Option<&str> {
        self.param("error_description")
    }

    pub fn error_uri(&self) -> Option<&str> {
        self.param("error_uri")
    }

    /// RFC 6750 §3: space-delimited scope tokens.
    pub fn scope(&self) -> Option<Vec<&str>> {
        self.param("scope").map(split_spaces)
    }

    pub fn nonce(&self) -> Option<&str> {
        self.param("nonce")
    }

    pub fn opaque(&self) -> Option<&str> {
        self.param("opaque")
    }

    /// RFC 7616 §3.3: the nonce was stale but the credentials were right; retry with the new one.
    pub fn stale(&self) -> bool {
        self.param("stale").is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    pub fn algorithm(&self) -> Option<&str> {
        self.param("algorithm")
    }

    /// RFC 7616 §3.3: `qop="auth, auth-int"`, a comma list inside one quoted string.
    pub fn qop(&self) -> Option<Vec<&str>> {
        self.param("qop").map(|v| v.split(',').map(|s| s.trim_matches([' ', '\t'])).filter(|s| !s.is_empty()).collect())
    }

    /// RFC 7616 §3.3: the server wants the username hashed.
    pub fn userhash(&self) -> bool {
        self.param("userhash").is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    pub fn charset(&self) -> Option<&str> {
        self.param("charset")
    }

    /// RFC 9449 §7.1: the JWS algorithms a DPoP server accepts, space-delimited.
    pub fn algs(&self) -> Option<Vec<&str>> {
        self.param("algs").map(split_spaces)
    }

    /// RFC 9728 §5.1: where the protected resource's metadata is.
    pub fn resource_metadata(&self) -> Option<&str> {
        self.param("resource_metadata")
    }
}

fn split_spaces(v: &str) -> Vec<&str> {
    v.split([' ', '\t']).filter(|s| !s.is_empty()).collect()
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn is_token68_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~+/".contains(&b)
}

fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// What the params that follow a comma attach to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Nothing yet in this list.
    Start,
    /// A scheme with params, or with nothing after it (RFC 9110 needs a space before the list,
    /// but `Basic, realm="x"` means one thing only, so the param is kept).
    Params,
    Token68,
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    value: usize,
    out: Parsed,
    mode: Mode,
}

/// Parses every value of one header (`WWW-Authenticate` or `Proxy-Authenticate`), in order.
pub fn parse(values: &[&str]) -> Parsed {
    let mut out = Parsed::default();
    let mut mode = Mode::Start;
    for (value, s) in values.iter().enumerate() {
        let mut p = Parser { s, b: s.as_bytes(), pos: 0, value, out, mode };
        p.list();
        out = p.out;
        mode = p.mode;
    }
    out
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn peek_at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    /// The character at a byte offset; offsets here always sit on ASCII boundaries, but a
    /// replacement character is safer than a panic if that ever changes.
    fn char_at(&self, i: usize) -> Option<char> {
        self.s.get(i..).and_then(|r| r.chars().next()).or_else(|| (i < self.b.len()).then_some('\u{FFFD}'))
    }

    fn skip_ows_from(&self, mut i: usize) -> usize {
        while self.peek_at(i).is_some_and(is_ows) {
            i += 1;
        }
        i
    }

    fn token_end(&self, i: usize) -> usize {
        let mut j = i;
        while self.peek_at(j).is_some_and(is_tchar) {
            j += 1;
        }
        j
    }

    fn report(&mut self, offset: usize, problem: Problem) {
        self.out.problems.push(ChallengeError { value: self.value, offset, problem });
    }

    /// True when `i` starts `token BWS "="`: after a comma, that is a param, not a new scheme.
    fn param_starts_at(&self, i: usize) -> bool {
        let end = self.token_end(i);
        end > i && self.peek_at(self.skip_ows_from(end)) == Some(b'=')
    }

    /// Skips empty list elements (`, ,`) from `i`; returns where the next element starts and
    /// whether a comma was crossed.
    fn skip_separators_from(&self, mut i: usize) -> (usize, bool) {
        let mut comma = false;
        loop {
            i = self.skip_ows_from(i);
            if self.peek_at(i) == Some(b',') {
                comma = true;
                i += 1;
            } else {
                return (i, comma);
            }
        }
    }

    /// Recovery: moves to the next comma outside a quoted string (or the end).
    fn skip_to_comma(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b',' => return,
                b'"' => {
                    self.pos += 1;
                    while let Some(q) = self.peek() {
                        self.pos += if q == b'\\' { 2 } else { 1 };
                        if q == b'"' {
                            break;
                        }
                    }
                    self.pos = self.pos.min(self.b.len());
                }
                _ => self.pos += 1,
            }
        }
    }

    fn list(&mut self) {
        let mut first = true;
        loop {
            let (next, comma) = self.skip_separators_from(self.pos);
            self.pos = next;
            let Some(b) = self.peek() else { return };
            if !first && !comma {
                self.report(self.pos, Problem::MissingComma { found: self.char_at(self.pos).unwrap_or(' ') });
                self.skip_to_comma();
                continue;
            }
            first = false;
            if self.param_starts_at(self.pos) {
                let start = self.pos;
                let name_end = self.token_end(start);
                let name = self.s[start..name_end].to_ascii_lowercase();
                match self.mode {
                    Mode::Params => {
                        if !self.param() {
                            self.skip_to_comma();
                        }
                    }
                    Mode::Start => {
                        self.report(start, Problem::ParamBeforeScheme { name });
                        self.skip_to_comma();
                    }
                    Mode::Token68 => {
                        self.report(start, Problem::ParamAfterToken68 { name });
                        self.skip_to_comma();
                    }
                }
            } else if is_tchar(b) {
                self.challenge();
            } else {
                let found = self.char_at(self.pos).unwrap_or(' ');
                self.report(self.pos, if b == b'=' { Problem::MissingName } else { Problem::NotAScheme { found } });
                self.skip_to_comma();
            }
        }
    }

    /// At a scheme: reads it and whatever follows up to the next list separator.
    fn challenge(&mut self) {
        let start = self.pos;
        let end = self.token_end(start);
        let scheme = self.s[start..end].to_string();
        self.out.challenges.push(Challenge {
            scheme: scheme.clone(),
            token68: None,
            params: Vec::new(),
            value: self.value,
            offset: start,
        });
        self.mode = Mode::Params;
        self.pos = end;
        let after = self.skip_ows_from(end);
        if matches!(self.peek_at(after), None | Some(b',')) {
            self.pos = after;
            return;
        }
        if self.peek() != Some(b' ') {
            let found = self.char_at(self.pos).unwrap_or(' ');
            self.report(self.pos, Problem::BadAfterScheme { scheme, found });
            self.skip_to_comma();
            return;
        }
        while self.peek() == Some(b' ') {
            self.pos += 1;
        }
        if let Some(end68) = self.token68_end(self.pos) {
            let token68 = self.s[self.pos..end68].to_string();
            if let Some(c) = self.out.challenges.last_mut() {
                c.token68 = Some(token68);
            }
            self.mode = Mode::Token68;
            self.pos = end68;
            return;
        }
        // No '=' can be here: `Scheme =` is param-shaped, so `list` never calls this for it.
        if self.peek().is_some_and(is_tchar) {
            if !self.param() {
                self.skip_to_comma();
            }
        } else {
            let found = self.char_at(self.pos).unwrap_or(' ');
            self.report(self.pos, Problem::NotAParam { found });
            self.skip_to_comma();
        }
    }

    /// Where a token68 starting at `i` ends, if what is there is one: it must be followed by the
    /// end or a comma. When a param follows that comma the input is broken either way; a
    /// `token` or `token=` is then read as a param missing its value (`Bearer realm=, error="x"`),
    /// anything only token68 allows ('/', "==") as a token68 with a stray param after it.
    fn token68_end(&self, i: usize) -> Option<usize> {
        let mut j = i;
        while self.peek_at(j).is_some_and(is_token68_char) {
            j += 1;
        }
        if j == i {
            return None;
        }
        let chars_end = j;
        while self.peek_at(j) == Some(b'=') {
            j += 1;
        }
        let k = self.skip_ows_from(j);
        match self.peek_at(k) {
            None => Some(j),
            Some(b',') => {
                let (next, _) = self.skip_separators_from(k);
                let param_shaped = self.token_end(i) == chars_end && j - chars_end <= 1;
                (!(param_shaped && self.param_starts_at(next))).then_some(j)
            }
            Some(_) => None,
        }
    }

    /// At a param name: `token BWS "=" BWS ( token / quoted-string )`, pushed onto the current
    /// challenge. Returns false after reporting a problem, leaving `pos` where it was found.
    fn param(&mut self) -> bool {
        let start = self.pos;
        let name_end = self.token_end(start);
        let name = self.s[start..name_end].to_ascii_lowercase();
        let eq = self.skip_ows_from(name_end);
        if self.peek_at(eq) != Some(b'=') {
            self.pos = eq;
            self.report(eq, Problem::MissingEquals { name, found: self.char_at(eq) });
            return false;
        }
        self.pos = self.skip_ows_from(eq + 1);
        let (value, quoted) = match self.peek() {
            Some(b'"') => match self.quoted_string(&name) {
                Some(v) => (v, true),
                None => return false,
            },
            Some(b) if is_tchar(b) => {
                let end = self.token_end(self.pos);
                let v = self.s[self.pos..end].to_string();
                self.pos = end;
                (v, false)
            }
            _ => {
                self.report(self.pos, Problem::MissingValue { name, found: self.char_at(self.pos) });
                return false;
            }
        };
        if let Some(c) = self.out.challenges.last_mut() {
            if c.params.iter().any(|(n, _, _)| *n == name) {
                self.out.problems.push(ChallengeError {
                    value: self.value,
                    offset: start,
                    problem: Problem::DuplicateParam { name: name.clone() },
                });
            }
            c.params.push((name, value, quoted));
        }
        true
    }

    /// At a '"': the unescaped content, with `pos` after the closing quote. An unterminated
    /// string is reported at its opening quote and consumes the rest of the value.
    fn quoted_string(&mut self, name: &str) -> Option<String> {
        let open = self.pos;
        let mut bytes = Vec::new();
        let mut i = open + 1;
        loop {
            match self.peek_at(i) {
                None => {
                    self.report(open, Problem::UnterminatedQuote { name: name.to_string() });
                    self.pos = self.b.len();
                    return None;
                }
                Some(b'"') => break,
                Some(b'\\') if i + 1 < self.b.len() => {
                    // quoted-pair: the escaped byte stands for itself.
                    bytes.push(self.b[i + 1]);
                    i += 2;
                    continue;
                }
                Some(b) => {
                    if b != b'\t' && (b < 0x20 || b == 0x7f) {
                        self.out.problems.push(ChallengeError {
                            value: self.value,
                            offset: i,
                            problem: Problem::ControlInQuotes { name: name.to_string(), ch: b as char },
                        });
                    }
                    bytes.push(b);
                }
            }
            i += 1;
        }
        self.pos = i + 1;
        // Only ASCII backslashes were removed, so the bytes are still UTF-8.
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (scheme, token68, params as (name, value, quoted)) of every challenge.
    type Shape = (String, Option<String>, Vec<(String, String, bool)>);

    fn shapes(p: &Parsed) -> Vec<Shape> {
        p.challenges.iter().map(|c| (c.scheme.clone(), c.token68.clone(), c.params.clone())).collect()
    }

    fn ch(scheme: &str, params: &[(&str, &str, bool)]) -> Shape {
        (scheme.into(), None, params.iter().map(|(n, v, q)| (n.to_string(), v.to_string(), *q)).collect())
    }

    fn t68(scheme: &str, token: &str) -> Shape {
        (scheme.into(), Some(token.into()), vec![])
    }

    const RFC7616_SHA256: &str = r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;
    const RFC7616_MD5: &str = r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;

    #[test]
    fn well_formed_headers() {
        let nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        let opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
        let digest = |alg| {
            ch(
                "Digest",
                &[
                    ("realm", "http-auth@example.org", true),
                    ("qop", "auth, auth-int", true),
                    ("algorithm", alg, false),
                    ("nonce", nonce, true),
                    ("opaque", opaque, true),
                ],
            )
        };
        let joined = format!("{RFC7616_SHA256}, {RFC7616_MD5}");
        let cases: Vec<(&str, Vec<&str>, Vec<Shape>)> = vec![
            ("RFC 6750 §3", vec![r#"Bearer realm="example""#], vec![ch("Bearer", &[("realm", "example", true)])]),
            (
                "RFC 6750 §3 expired",
                vec![r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#],
                vec![ch(
                    "Bearer",
                    &[
                        ("realm", "example", true),
                        ("error", "invalid_token", true),
                        ("error_description", "The access token expired", true),
                    ],
                )],
            ),
            (
                "RFC 9110 §11.6.1",
                vec![r#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#],
                vec![
                    ch("Basic", &[("realm", "simple", true)]),
                    ch(
                        "Newauth",
                        &[("realm", "apps", true), ("type", "1", false), ("title", "Login to \"apps\"", true)],
                    ),
                ],
            ),
            (
                "RFC 7616 §3.9.1, two header values",
                vec![RFC7616_SHA256, RFC7616_MD5],
                vec![digest("SHA-256"), digest("MD5")],
            ),
            ("RFC 7616 §3.9.1, one joined value", vec![&joined], vec![digest("SHA-256"), digest("MD5")]),
            (
                "RFC 9449 §9 nonce",
                vec![
                    r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#,
                ],
                vec![ch(
                    "DPoP",
                    &[
                        ("error", "use_dpop_nonce", true),
                        ("error_description", "Resource server requires nonce in DPoP proof", true),
                    ],
                )],
            ),
            (
                "RFC 9449 §7.1 algs",
                vec![r#"DPoP algs="ES256 PS256""#],
                vec![ch("DPoP", &[("algs", "ES256 PS256", true)])],
            ),
            (
                "token68",
                vec!["Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg+/A=="],
                vec![t68("Negotiate", "YIIBhwYGKwYBBQUCoIIBezCCAXeg+/A==")],
            ),
            (
                "token68 then a challenge",
                vec![r#"Negotiate abc==, NTLM, Basic realm="x""#],
                vec![t68("Negotiate", "abc=="), ch("NTLM", &[]), ch("Basic", &[("realm", "x", true)])],
            ),
            ("token68 that looks like a name", vec!["Basic realm"], vec![t68("Basic", "realm")]),
            (
                "repeated values",
                vec![r#"Bearer realm="api""#, r#"basic realm="api", charset="UTF-8""#],
                vec![
                    ch("Bearer", &[("realm", "api", true)]),
                    ch("basic", &[("realm", "api", true), ("charset", "UTF-8", true)]),
                ],
            ),
            (
                "unquoted params, mixed case names, BWS",
                vec!["Digest Realm=x , ALGORITHM = MD5-sess,stale=TRUE"],
                vec![ch(
                    "Digest",
                    &[("realm", "x", false), ("algorithm", "MD5-sess", false), ("stale", "TRUE", false)],
                )],
            ),
            (
                "a challenge continued in the next value, as if joined with a comma (RFC 9110 §5.3)",
                vec![r#"Digest realm="a""#, r#"nonce="n", Basic"#],
                vec![ch("Digest", &[("realm", "a", true), ("nonce", "n", true)]), ch("Basic", &[])],
            ),
            ("empty list elements", vec![r#", ,Basic realm="x" ,"#], vec![ch("Basic", &[("realm", "x", true)])]),
            (
                "empty elements between params",
                vec![r#"Basic realm="x",, ,charset="UTF-8",,Bearer"#],
                vec![ch("Basic", &[("realm", "x", true), ("charset", "UTF-8", true)]), ch("Bearer", &[])],
            ),
            ("bare schemes", vec!["Basic,Bearer ,  NTLM"], vec![ch("Basic", &[]), ch("Bearer", &[]), ch("NTLM", &[])]),
            ("empty and blank values", vec!["", " \t", ","], vec![]),
            (
                "escapes, commas and UTF-8 inside quotes",
                vec![r#"Basic realm="a\\b, c\d ünïcode""#],
                vec![ch("Basic", &[("realm", "a\\b, cd ünïcode", true)])],
            ),
            (
                "the comma after a param that is a new scheme",
                vec![r#"Digest realm="a", stale"#],
                vec![ch("Digest", &[("realm", "a", true)]), ch("stale", &[])],
            ),
        ];
        for (name, values, want) in cases {
            let got = parse(&values);
            assert_eq!(got.problems, [], "{name}");
            assert_eq!(shapes(&got), want, "{name}");
        }
    }

    #[test]
    fn challenges_know_where_they_start() {
        let p = parse(&[r#"Bearer realm="api""#, r#"  , Basic realm="api", Digest nonce=1"#]);
        let at: Vec<_> = p.challenges.iter().map(|c| (c.value, c.offset)).collect();
        assert_eq!(at, [(0, 0), (1, 4), (1, 23)]);
    }

    #[test]
    fn typed_accessors() {
        let p = parse(&[
            r#"Bearer realm="example", error="insufficient_scope", error_description="needs more", error_uri="https://e/x", scope="openid  profile email""#,
            RFC7616_SHA256,
            r#"DIGEST realm=r, nonce=n, stale=True, qop="auth-int,auth ,", userhash=true, charset=UTF-8"#,
            r#"dpop algs="ES256 PS256", Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource""#,
        ]);
        assert_eq!(p.problems, []);
        let [bearer, sha, md, dpop, meta] = &p.challenges[..] else { panic!("{:?}", p.challenges) };
        assert!(bearer.is("bearer") && !bearer.is("Basic"));
        assert_eq!(bearer.realm(), Some("example"));
        assert_eq!(bearer.error(), Some("insufficient_scope"));
        assert_eq!(bearer.error_description(), Some("needs more"));
        assert_eq!(bearer.error_uri(), Some("https://e/x"));
        assert_eq!(bearer.scope(), Some(vec!["openid", "profile", "email"]));
        assert_eq!(bearer.nonce(), None);
        assert_eq!(sha.algorithm(), Some("SHA-256"));
        assert_eq!(sha.qop(), Some(vec!["auth", "auth-int"]));
        assert_eq!(sha.opaque(), Some("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"));
        assert!(!sha.stale() && !sha.userhash());
        assert!(md.is("Digest") && md.stale() && md.userhash());
        assert_eq!(md.qop(), Some(vec!["auth-int", "auth"]));
        assert_eq!((md.nonce(), md.charset(), md.algorithm()), (Some("n"), Some("UTF-8"), None));
        assert_eq!(dpop.algs(), Some(vec!["ES256", "PS256"]));
        assert_eq!(meta.resource_metadata(), Some("https://resource.example.com/.well-known/oauth-protected-resource"));
        assert_eq!(meta.scope(), None);
    }

    #[test]
    fn stale_is_only_true_for_true() {
        for (value, want) in
            [("true", true), ("TRUE", true), ("\"true\"", true), ("false", false), ("yes", false), ("1", false)]
        {
            assert_eq!(parse(&[&format!("Digest stale={value}")]).challenges[0].stale(), want, "{value}");
        }
    }

    #[test]
    fn malformed_inputs_are_located_and_the_rest_still_parses() {
        use Problem::*;
        let s = |v: &str| v.to_string();
        // (name, header values, challenges, problems as (value, byte, problem))
        type Case<'a> = (&'a str, Vec<&'a str>, Vec<Shape>, Vec<(usize, usize, Problem)>);
        let cases: Vec<Case> = vec![
            (
                "unterminated quote",
                vec![r#"Basic realm="x"#],
                vec![ch("Basic", &[])],
                vec![(0, 12, UnterminatedQuote { name: s("realm") })],
            ),
            (
                "param without value, before a comma",
                vec![r#"Digest realm="a", qop=, nonce="n""#],
                vec![ch("Digest", &[("realm", "a", true), ("nonce", "n", true)])],
                vec![(0, 22, MissingValue { name: s("qop"), found: Some(',') })],
            ),
            ("param without value, at the end", vec!["Bearer error="], vec![t68("Bearer", "error=")], vec![]),
            (
                "param without value, then a param",
                vec![r#"Bearer realm=, error="x""#],
                vec![ch("Bearer", &[("error", "x", true)])],
                vec![(0, 13, MissingValue { name: s("realm"), found: Some(',') })],
            ),
            (
                "param value that is not a token",
                vec![r#"Basic realm=@x, charset=UTF-8"#],
                vec![ch("Basic", &[("charset", "UTF-8", false)])],
                vec![(0, 12, MissingValue { name: s("realm"), found: Some('@') })],
            ),
            (
                "= without a name",
                vec![r#"Basic realm="a", ="x", Bearer"#],
                vec![ch("Basic", &[("realm", "a", true)]), ch("Bearer", &[])],
                vec![(0, 17, MissingName)],
            ),
            // `token BWS "="` is a param wherever a list element starts, even right after a scheme.
            ("= after the scheme", vec![r#"Basic ="x""#], vec![], vec![(0, 0, ParamBeforeScheme { name: s("basic") })]),
            (
                "name without =",
                vec![r#"Basic realm "x", Bearer"#],
                vec![ch("Basic", &[]), ch("Bearer", &[])],
                vec![(0, 12, MissingEquals { name: s("realm"), found: Some('"') })],
            ),
            (
                "missing comma",
                vec![r#"Digest realm="a" nonce="b", Basic"#],
                vec![ch("Digest", &[("realm", "a", true)]), ch("Basic", &[])],
                vec![(0, 17, MissingComma { found: 'n' })],
            ),
            (
                "param before any scheme",
                vec![r#"realm="x", Basic"#],
                vec![ch("Basic", &[])],
                vec![(0, 0, ParamBeforeScheme { name: s("realm") })],
            ),
            (
                "param after token68",
                vec![r#"Negotiate a/b==, realm="x", Basic"#],
                vec![t68("Negotiate", "a/b=="), ch("Basic", &[])],
                vec![(0, 17, ParamAfterToken68 { name: s("realm") })],
            ),
            (
                "tab after the scheme",
                vec!["Basic\trealm=\"x\", Bearer"],
                vec![ch("Basic", &[]), ch("Bearer", &[])],
                vec![(0, 5, BadAfterScheme { scheme: s("Basic"), found: '\t' })],
            ),
            (
                "quote after the scheme and space",
                vec![r#"Basic "x""#],
                vec![ch("Basic", &[])],
                vec![(0, 6, NotAParam { found: '"' })],
            ),
            (
                "not a scheme; the comma inside quotes does not end the skip",
                vec![r#""x, y", Basic"#],
                vec![ch("Basic", &[])],
                vec![(0, 0, NotAScheme { found: '"' })],
            ),
            (
                "a line break inside quotes",
                vec!["Basic realm=\"a\nb\""],
                vec![ch("Basic", &[("realm", "a\nb", true)])],
                vec![(0, 14, ControlInQuotes { name: s("realm"), ch: '\n' })],
            ),
            (
                "duplicate param",
                vec![r#"Bearer realm="a", REALM="b""#],
                vec![ch("Bearer", &[("realm", "a", true), ("realm", "b", true)])],
                vec![(0, 18, DuplicateParam { name: s("realm") })],
            ),
            (
                "located in the second value",
                vec![r#"Basic realm="ok""#, r#"Bearer error="x", ü"#],
                vec![ch("Basic", &[("realm", "ok", true)]), ch("Bearer", &[("error", "x", true)])],
                vec![(1, 18, NotAScheme { found: 'ü' })],
            ),
        ];
        for (name, values, want, problems) in cases {
            let got = parse(&values);
            assert_eq!(shapes(&got), want, "{name}");
            let got_problems: Vec<_> = got.problems.into_iter().map(|e| (e.value, e.offset, e.problem)).collect();
            assert_eq!(got_problems, problems, "{name}");
        }
    }

    #[test]
    fn errors_read_as_sentences() {
        let cases = [
            (r#"Basic realm="x"#, r#"header value 1 at byte 12: the quoted value of realm has no closing '"'"#),
            ("Digest qop=, x=1", "header value 1 at byte 11: qop= has no value before the comma"),
            (
                "Basic\trealm=x",
                "header value 1 at byte 5: the scheme Basic must be followed by a space, a comma or the end, not a tab",
            ),
            (
                r#"Bearer realm "x""#,
                "header value 1 at byte 13: parameter realm must be followed by '=', found a double quote",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(parse(&[input]).problems[0].to_string(), want);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Characters the grammar gives meaning to, plus a few it forbids.
        const GRAMMAR: &[char] =
            &['a', 'Z', '0', ' ', '\t', ',', '=', '"', '\\', '/', '+', '-', '.', '~', '!', '@', '\n', '\0', 'é', '€'];

        fn grammar_soup() -> impl Strategy<Value = String> {
            proptest::collection::vec(proptest::sample::select(GRAMMAR), 0..48).prop_map(|v| v.into_iter().collect())
        }

        fn token() -> impl Strategy<Value = String> {
            "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,8}"
        }

        /// A param value as it appears on the wire, and what it means.
        fn value() -> impl Strategy<Value = (String, String, bool)> {
            prop_oneof![
                token().prop_map(|t| (t.clone(), t, false)),
                "[ -~\t\u{80}-\u{10FFFF}]{0,12}".prop_map(|v| (
                    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"")),
                    v,
                    true
                )),
            ]
        }

        /// A well-formed challenge, serialized with random optional whitespace.
        fn challenge() -> impl Strategy<Value = (String, Shape)> {
            let params = proptest::collection::vec((token(), value(), " {0,2}", " {0,2}"), 0..4);
            let token68 = "[A-Za-z0-9._~+/-]{1,10}={0,2}";
            (token(), prop_oneof![params.prop_map(Ok), token68.prop_map(Err)]).prop_map(|(scheme, rest)| match rest {
                Ok(params) => {
                    let mut wire = Vec::new();
                    let mut meaning = Vec::new();
                    for (i, (name, (raw, v, quoted), bws1, bws2)) in params.into_iter().enumerate() {
                        // Suffixing the index keeps names unique, as RFC 9110 §11.2 requires.
                        let name = format!("{name}{i}");
                        wire.push(format!("{name}{bws1}={bws2}{raw}"));
                        meaning.push((name.to_ascii_lowercase(), v, quoted));
                    }
                    let text = if wire.is_empty() { scheme.clone() } else { format!("{scheme} {}", wire.join(" , ")) };
                    (text, (scheme, None, meaning))
                }
                Err(t68) => (format!("{scheme} {t68}"), (scheme, Some(t68), vec![])),
            })
        }

        proptest! {
            #[test]
            fn never_panics_and_locates_inside_the_input(values in proptest::collection::vec(prop_oneof![any::<String>(), grammar_soup()], 0..4)) {
                let refs: Vec<&str> = values.iter().map(String::as_str).collect();
                let parsed = parse(&refs);
                for e in &parsed.problems {
                    prop_assert!(e.value < values.len());
                    prop_assert!(e.offset <= values[e.value].len());
                    prop_assert!(!e.to_string().is_empty());
                }
                for c in &parsed.challenges {
                    prop_assert!(!c.scheme.is_empty());
                    prop_assert!(values[c.value][c.offset..].starts_with(&c.scheme));
                }
            }

            #[test]
            fn well_formed_lists_round_trip(list in proptest::collection::vec(challenge(), 0..5), sep in ",|, |,,| ,  ,") {
                let (wire, want): (Vec<String>, Vec<Shape>) = list.into_iter().unzip();
                let parsed = parse(&[&wire.join(&sep)]);
                prop_assert_eq!(&parsed.problems, &vec![]);
                prop_assert_eq!(shapes(&parsed), want);
            }
        }
    }
}
