//! The token against the request it was sent with: an audience that names another API, and an
//! issuer from another environment. Heuristics, so they stay at medium at most.

use super::facts::Facts;
use super::report::{Hit, Likelihood};
use crate::model::findings::codes::*;
use serde_json::Value;

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    let (Some(claims), Some(url)) = (f.claims(), f.url.as_ref()) else { return };
    if url.is_loopback() {
        // A local API under development trusts whatever it is configured to: nothing to compare.
        return;
    }
    let refused = f.is_status(&[401, 403]);
    let auds: Vec<&str> = match claims.get("aud") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    audience(&auds, &url.host, refused, hits);
    if let Some(iss) = claims.get("iss").and_then(Value::as_str) {
        issuer(iss, &url.host, refused, hits);
    }
}

/// What an audience value can be compared with.
#[derive(Debug, PartialEq, Eq)]
enum Aud {
    Host(String),
    /// Microsoft Graph's application id: a token for Graph, never for your API.
    Graph,
    /// Keycloak's default audience when no audience mapper is set.
    KeycloakAccount,
    /// A client id, GUID or `api://` URI: nothing here says which host it means.
    Opaque,
}

fn classify(aud: &str) -> Aud {
    let a = aud.trim();
    if a.eq_ignore_ascii_case("00000003-0000-0000-c000-000000000000")
        || a.trim_end_matches('/').eq_ignore_ascii_case("https://graph.microsoft.com")
    {
        return Aud::Graph;
    }
    if a == "account" {
        return Aud::KeycloakAccount;
    }
    if let Some((scheme, rest)) = a.split_once("://") {
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Aud::Opaque;
        }
        let host = rest.split(['/', ':', '?', '#']).next().unwrap_or("");
        return if host.contains('.') || host == "localhost" {
            Aud::Host(host.to_ascii_lowercase())
        } else {
            Aud::Opaque
        };
    }
    let domain_like = a.contains('.')
        && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && a.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if domain_like {
        Aud::Host(a.to_ascii_lowercase())
    } else {
        Aud::Opaque
    }
}

/// The last two labels, or three under a two-letter country code's second level (`co.uk`).
fn site(host: &str) -> String {
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    let take = if n >= 3
        && labels[n - 1].len() == 2
        && ["co", "com", "org", "net", "ac", "gov", "edu"].contains(&labels[n - 2])
    {
        3
    } else {
        2
    };
    labels[n.saturating_sub(take)..].join(".")
}

fn audience(auds: &[&str], host: &str, refused: bool, hits: &mut Vec<Hit>) {
    if auds.is_empty() {
        return;
    }
    let kinds: Vec<Aud> = auds.iter().map(|a| classify(a)).collect();
    // One opaque audience may well be this API's identifier: only judge what can be judged.
    if kinds.contains(&Aud::Opaque) {
        return;
    }
    let matches = kinds.iter().any(|k| matches!(k, Aud::Host(h) if site(h) == site(host)));
    if matches {
        return;
    }
    let shown = auds.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ");
    let mut evidence = format!("aud = {shown}, and the request goes to {host}");
    if kinds.contains(&Aud::Graph) {
        evidence.push_str("; that audience is Microsoft Graph: such a token is for Graph only, and your API cannot even verify its signature");
    }
    if kinds.contains(&Aud::KeycloakAccount) {
        evidence.push_str(
            "; \"account\" is Keycloak's default audience, given when no audience mapper adds the API's client",
        );
    }
    evidence.push('.');
    let likely = if refused { Likelihood::Medium } else { Likelihood::Low };
    hits.push(
        Hit::new(AUDIENCE_MISMATCH, evidence, likely)
            .headline(format!("the token is for {shown}, not for {host}; request one for this API")),
    );
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Env {
    Local,
    Named(&'static str),
    Production,
}

impl Env {
    fn label(self) -> &'static str {
        match self {
            Env::Local => "a local machine",
            Env::Named(n) => n,
            Env::Production => "production",
        }
    }
}

/// Hosted identity providers name tenants, not environments (`dev-abc.us.auth0.com` is often
/// production), so their hosts say nothing.
const HOSTED_IDPS: &[&str] = &[
    "auth0.com",
    "okta.com",
    "okta-emea.com",
    "microsoftonline.com",
    "windows.net",
    "amazonaws.com",
    "google.com",
    "ciamlogin.com",
    "b2clogin.com",
    "githubusercontent.com",
];

fn env_of(host: &str) -> Option<Env> {
    let h = host.trim_matches(['[', ']']).to_ascii_lowercase();
    if h == "localhost"
        || h.ends_with(".localhost")
        || h.starts_with("127.")
        || h == "::1"
        || h == "0.0.0.0"
        || h == "host.docker.internal"
    {
        return Some(Env::Local);
    }
    if HOSTED_IDPS.iter().any(|d| h == *d || h.ends_with(&format!(".{d}"))) {
        return None;
    }
    const WORDS: &[(&str, &str)] = &[
        ("dev", "development"),
        ("develop", "development"),
        ("development", "development"),
        ("test", "test"),
        ("testing", "test"),
        ("qa", "test"),
        ("uat", "test"),
        ("staging", "staging"),
        ("stage", "staging"),
        ("stg", "staging"),
        ("preprod", "staging"),
        ("sandbox", "sandbox"),
        ("oktapreview", "sandbox"),
    ];
    let words = h.split(['.', '-']);
    for w in words {
        if let Some((_, env)) = WORDS.iter().find(|(k, _)| *k == w) {
            return Some(Env::Named(env));
        }
    }
    Some(Env::Production)
}

fn issuer(iss: &str, host: &str, refused: bool, hits: &mut Vec<Hit>) {
    let iss_host = iss.split_once("://").map_or(iss, |(_, r)| r).split(['/', '?', '#']).next().unwrap_or("");
    let iss_host =
        iss_host.rsplit_once(':').filter(|(_, p)| p.chars().all(|c| c.is_ascii_digit())).map_or(iss_host, |(h, _)| h);
    let (Some(from), Some(to)) = (env_of(iss_host), env_of(host)) else { return };
    if from == to {
        return;
    }
    let likely = if from == Env::Local && refused { Likelihood::Medium } else { Likelihood::Low };
    hits.push(
        Hit::new(
            ISSUER_ENVIRONMENT_MISMATCH,
            format!("iss = \"{iss}\" looks like {}, and the API at {host} looks like {}.", from.label(), to.label()),
            likely,
        )
        .headline(format!(
            "the token comes from {} but the API is {}; use a token from the API's own environment",
            from.label(),
            to.label()
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audiences_classified() {
        let cases = [
            ("https://api.example.com/", Aud::Host("api.example.com".into())),
            ("api.example.com", Aud::Host("api.example.com".into())),
            ("api://4f1c-orders", Aud::Opaque),
            ("6e74172b-be56-4843-9ff4-e66a39bb12e3", Aud::Opaque),
            ("00000003-0000-0000-c000-000000000000", Aud::Graph),
            ("account", Aud::KeycloakAccount),
            ("my-api", Aud::Opaque),
            ("v1.2", Aud::Opaque),
        ];
        for (aud, want) in cases {
            assert_eq!(classify(aud), want, "{aud}");
        }
    }

    #[test]
    fn sites_and_environments() {
        assert_eq!(site("api.eu.example.co.uk"), "example.co.uk");
        assert_eq!(site("a.b.example.com"), "example.com");
        let cases = [
            ("login.staging.example.com", Some(Env::Named("staging"))),
            ("auth-dev.example.com", Some(Env::Named("development"))),
            ("devices.example.com", Some(Env::Production)),
            ("127.0.0.1", Some(Env::Local)),
            ("dev-abc.us.auth0.com", None),
            ("acme.oktapreview.com", Some(Env::Named("sandbox"))),
        ];
        for (host, want) in cases {
            assert_eq!(env_of(host), want, "{host}");
        }
    }
}
