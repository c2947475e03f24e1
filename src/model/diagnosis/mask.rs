//! Secrets out of anything meant for a ticket: tokens keep their first 6 and last 4 characters
//! (enough to tell two tokens apart), passwords and API keys become "***".
//!
//! Two layers: every field known to hold a secret is masked where it is written, and a
//! scrubber replaces any known secret that still turns up in free text (evidence quoting a
//! header, an error_description echoing the token).

use super::facts::{credential_of, is_key_header, is_key_param, scheme_of, Facts, AUTHORIZATION_TYPOS};
use crate::model::request::urlencoded;
use crate::model::request::Auth;
use crate::model::token::inspect;
use crate::model::variables;
use base64::Engine;

pub const HIDDEN: &str = "***";

/// Shorter tokens would show most of themselves through 10 characters.
const MIN_TOKEN_TO_SHOW: usize = 20;

/// Secrets shorter than this are not scrubbed from free text (they would garble ordinary
/// words); they are only ever written through the field masks.
const MIN_SCRUBBED: usize = 4;

pub fn mask_token(token: &str) -> String {
    // `${API_TOKEN}` names where the token comes from; it holds none.
    if variables::is_only_variable(token) {
        return token.trim().to_string();
    }
    let chars: Vec<char> = token.trim().chars().collect();
    if chars.len() < MIN_TOKEN_TO_SHOW {
        return HIDDEN.into();
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// Schemes whose credential is a password or derived from one: nothing of it is shown.
fn password_scheme(scheme: &str) -> bool {
    ["basic", "digest", "negotiate", "ntlm", "aws4-hmac-sha256", "hoba"].iter().any(|s| scheme.eq_ignore_ascii_case(s))
}

/// An Authorization-like value with its credential masked and its scheme kept.
pub fn mask_credentials(value: &str) -> String {
    match scheme_of(value) {
        Some(s) if password_scheme(&s) => format!("{s} {HIDDEN}"),
        Some(s) => {
            let v = value.trim();
            let cred = credential_of(v);
            if !cred.is_empty() {
                format!("{s} {}", mask_token(cred))
            } else if v.len() > s.len() {
                // `Bearereyj…`: the scheme glued to the token.
                format!("{s}{}", mask_token(&v[s.len()..]))
            } else {
                v.to_string()
            }
        }
        None => mask_token(value),
    }
}

fn token_param(name: &str) -> bool {
    ["access_token", "refresh_token", "id_token", "token", "assertion", "client_assertion", "subject_token"]
        .contains(&name.to_ascii_lowercase().as_str())
}

pub fn secret_param(name: &str, extra: &[String]) -> bool {
    let n = name.trim().to_ascii_lowercase();
    is_key_param(&n)
        || token_param(&n)
        || [
            "password",
            "passwd",
            "secret",
            "code",
            "code_verifier",
            "signature",
            "sig",
            "x-amz-signature",
            "x-amz-credential",
            "x-amz-security-token",
            "session",
        ]
        .contains(&n.as_str())
        || extra.iter().any(|e| e.eq_ignore_ascii_case(name))
}

pub fn mask_param(name: &str, value: &str, extra: &[String]) -> String {
    if !secret_param(name, extra) {
        value.to_string()
    } else if token_param(name) && !extra.iter().any(|e| e.eq_ignore_ascii_case(name)) {
        mask_token(value)
    } else {
        HIDDEN.into()
    }
}

pub fn mask_header(name: &str, value: &str, extra: &[String]) -> String {
    let n = name.trim().to_ascii_lowercase();
    if n == "authorization" || n == "proxy-authorization" || AUTHORIZATION_TYPOS.contains(&n.as_str()) {
        mask_credentials(value)
    } else if n == "dpop" {
        mask_token(value)
    } else if n == "location" || n == "content-location" {
        mask_url(value, extra)
    } else if n == "cookie"
        || n == "set-cookie"
        || is_key_header(&n)
        || extra.iter().any(|e| e.eq_ignore_ascii_case(name.trim()))
    {
        HIDDEN.into()
    } else {
        value.to_string()
    }
}

/// A URL with its userinfo password and secret query and fragment values masked (an implicit
/// flow puts `#access_token=` in the fragment).
pub fn mask_url(url: &str, extra: &[String]) -> String {
    let (rest, fragment) = url.split_once('#').map_or((url, None), |(r, f)| (r, Some(f)));
    let (base, query) = rest.split_once('?').map_or((rest, None), |(b, q)| (b, Some(q)));
    let base = match base.split_once("://") {
        Some((scheme, after)) => {
            let (authority, path) = after.split_at(after.find('/').unwrap_or(after.len()));
            match authority.rsplit_once('@') {
                Some((info, host)) => {
                    let user = info.split(':').next().unwrap_or("");
                    format!("{scheme}://{user}:{HIDDEN}@{host}{path}")
                }
                None => base.to_string(),
            }
        }
        None => base.to_string(),
    };
    let mut out = base;
    if let Some(q) = query {
        out.push('?');
        out.push_str(&mask_pairs(q, extra));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(&mask_pairs(f, extra));
    }
    out
}

fn mask_pairs(pairs: &str, extra: &[String]) -> String {
    let decode = crate::model::request::urlencoded::decode_component;
    pairs
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((n, v)) if secret_param(&decode(n), extra) => format!("{n}={}", mask_param(&decode(n), v, extra)),
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Known secrets and what replaces them, longest first so a token is not half-replaced by a
/// shorter secret it contains.
pub struct Scrubber {
    pairs: Vec<(String, String)>,
    /// Header and parameter names that carry an API key in this request.
    pub key_names: Vec<String>,
}

impl Scrubber {
    pub fn new(f: &Facts) -> Scrubber {
        let mut s = Scrubber { pairs: Vec::new(), key_names: Vec::new() };
        if let Some(req) = f.request {
            match &req.auth {
                Auth::Bearer { token } => s.token(token),
                Auth::Basic { user, password } | Auth::Digest { user, password } => {
                    s.secret(password);
                    s.secret(&format!("{user}:{password}"));
                    s.secret(&crate::model::b64::encode_std(format!("{user}:{password}").as_bytes()));
                }
                Auth::ApiKey { name, value, .. } => {
                    s.key_names.push(name.clone());
                    s.secret(value);
                }
                Auth::None => {}
            }
            for row in req.headers.iter().chain(&req.body.fields) {
                s.named(&row.name, &row.value);
            }
            for piece in req.query.iter().chain(&req.body.form) {
                s.named(&piece.name(), &piece.value());
            }
        }
        for (name, value) in f.sent_headers.iter().flatten() {
            s.named(name, value);
        }
        for (name, value) in f.query.iter().chain(&f.form) {
            s.named(name, value);
        }
        if let Some(t) = f.token.as_deref() {
            s.inspection(t);
        }
        s.longest_first()
    }

    /// For secrets already known by value (a share link's removed fields): each becomes "***",
    /// wherever and however encoded it turns up.
    pub fn of_secrets(secrets: &[String]) -> Scrubber {
        let mut s = Scrubber { pairs: Vec::new(), key_names: Vec::new() };
        for secret in secrets {
            s.secret(secret);
        }
        s.longest_first()
    }

    fn longest_first(mut self) -> Scrubber {
        self.pairs.sort_by_key(|(secret, _)| std::cmp::Reverse(secret.len()));
        self.pairs.dedup();
        self
    }

    fn secret(&mut self, secret: &str) {
        self.add(secret, HIDDEN.into());
    }

    fn token(&mut self, token: &str) {
        self.add(token, mask_token(token));
    }

    fn add(&mut self, secret: &str, mask: String) {
        let secret = secret.trim();
        if secret.chars().count() >= MIN_SCRUBBED && secret != mask && !variables::is_only_variable(secret) {
            // Also as it appears in a URL or a form body, encoded by a client or by the page.
            let by_client = urlencoded::form_urlencode([("x", secret)]).split_off(2);
            for encoded in [by_client, urlencoded::encode_component(secret)] {
                if encoded != secret && !self.pairs.iter().any(|(s, _)| *s == encoded) {
                    self.pairs.push((encoded, mask.clone()));
                }
            }
            self.pairs.push((secret.to_string(), mask));
        }
    }

    /// A header, query parameter or form field: secret by its name.
    fn named(&mut self, name: &str, value: &str) {
        let n = name.trim().to_ascii_lowercase();
        if n == "authorization" || n == "proxy-authorization" || AUTHORIZATION_TYPOS.contains(&n.as_str()) {
            self.credentials(value);
        } else if n == "cookie"
            || is_key_header(&n)
            || self.key_names.iter().any(|k| k.eq_ignore_ascii_case(name.trim()))
        {
            self.secret(value);
            for part in value.split(';').filter_map(|p| p.split_once('=')).map(|(_, v)| v) {
                self.secret(part);
            }
        } else if n == "dpop" || token_param(&n) {
            self.token(value);
        } else if secret_param(&n, &self.key_names) {
            self.secret(value);
        }
    }

    fn credentials(&mut self, value: &str) {
        let scheme = scheme_of(value);
        let cred = if scheme.is_some() { credential_of(value) } else { value.trim() };
        match scheme {
            Some(s) if password_scheme(&s) => {
                self.secret(cred);
                if s.eq_ignore_ascii_case("basic") {
                    self.basic_parts(cred);
                }
            }
            _ => {
                self.token(cred);
                // What a tolerant reader would take as the token: without quotes, newlines, a doubled scheme.
                let extracted = inspect::inspect(value).extracted.token;
                self.token(&extracted);
            }
        }
    }

    fn basic_parts(&mut self, b64: &str) {
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(b64.trim()) else { return };
        let text: String = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => e.into_bytes().iter().map(|b| char::from(*b)).collect(),
        };
        if let Some((_, password)) = text.split_once(':') {
            self.secret(password);
        }
        self.secret(&text);
    }

    fn inspection(&mut self, t: &inspect::Inspection) {
        if t.basic.is_some() {
            self.secret(&t.extracted.token);
            self.basic_parts(&t.extracted.token);
        } else {
            self.token(&t.extracted.token);
        }
    }

    pub fn apply(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (secret, mask) in &self.pairs {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), mask);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_masks() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        let cases = [
            (mask_token(jwt), "eyJhbG…dXJl"),
            (mask_token("short"), "***"),
            (mask_token("${API_TOKEN}"), "${API_TOKEN}"),
            (mask_credentials("Bearer $API_TOKEN"), "Bearer $API_TOKEN"),
            (mask_credentials(&format!("Bearer {jwt}")), "Bearer eyJhbG…dXJl"),
            (mask_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), "Basic ***"),
            (mask_credentials("Digest username=\"u\", response=\"abc\""), "Digest ***"),
            (mask_credentials(jwt), "eyJhbG…dXJl"),
            (mask_header("X-Api-Key", "k-123", &[]), "***"),
            (mask_header("Accept", "application/json", &[]), "application/json"),
            (
                mask_url("https://u:pw@h.example/p?access_token=abc&page=2&api_key=zz", &[]),
                "https://u:***@h.example/p?access_token=***&page=2&api_key=***",
            ),
            (
                mask_url("https://app.example/cb#state=s1&access_token=abc&token_type=Bearer", &[]),
                "https://app.example/cb#state=s1&access_token=***&token_type=Bearer",
            ),
            (mask_url("https://h.example/p?sig=x#top", &[]), "https://h.example/p?sig=***#top"),
            (
                mask_header("Location", "https://app.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz", &[]),
                "https://app.example/cb?code=***&state=xyz",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }
}
