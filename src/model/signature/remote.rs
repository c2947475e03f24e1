//! The pure parts of fetching an issuer's keys on request: where its metadata lives, which URLs
//! may be fetched, comparing the metadata's issuer with `iss`, and the findings when the
//! browser withholds the answer.

use crate::model::findings::codes::{ISSUER_METADATA_MISMATCH, JWKS_FETCH_BLOCKED_BY_CORS, NETWORK_UNREACHABLE};
use crate::model::findings::Finding;
use crate::model::request::sending::Probe;
use crate::model::url;

/// The page fetched a JWKS or metadata URL and the browser withheld the answer.
pub fn jwks_fetch_blocked_by_cors(url: &str) -> Finding {
    Finding::new(
        JWKS_FETCH_BLOCKED_BY_CORS,
        format!("The browser did not let this page read {url}: the server does not allow cross-origin reads (no Access-Control-Allow-Origin for this page)."),
    )
    .with_fix(format!("Open {url} in a new tab (or run `curl {url}`) and paste the JSON into the Key field."))
}

/// A fetch of the issuer's keys that failed without a status, told apart by the no-cors probe
/// the browser layer already runs for requests (`sending::Probe`).
pub fn jwks_fetch_failed(url: &str, probe: Probe) -> Finding {
    match probe {
        Probe::Reachable => jwks_fetch_blocked_by_cors(url),
        Probe::Failed => Finding::new(
            NETWORK_UNREACHABLE,
            format!("Neither the request nor a no-cors probe reached {url}: no HTTP answer at all."),
        ),
    }
}

/// Compares the metadata's issuer with the token's `iss` exactly, as OpenID Connect Discovery
/// §4.3 requires, and names the difference.
pub fn check_issuer(token_iss: &str, metadata_issuer: &str) -> Option<Finding> {
    if token_iss == metadata_issuer {
        return None;
    }
    let difference = issuer_difference(token_iss, metadata_issuer);
    Some(
        Finding::new(
            ISSUER_METADATA_MISMATCH,
            format!("The token's iss is \"{token_iss}\"; the metadata says \"{metadata_issuer}\": {difference}."),
        )
        .on_claim("iss"),
    )
}

fn issuer_difference(token: &str, meta: &str) -> String {
    if token.trim() == meta.trim() {
        return "they differ only by surrounding whitespace".into();
    }
    if token.trim_end_matches('/') == meta.trim_end_matches('/') {
        return if token.ends_with('/') {
            "the token's has a trailing slash and the metadata's does not".into()
        } else {
            "the metadata's has a trailing slash and the token's does not".into()
        };
    }
    if meta.contains("{tenantid}") || meta.contains("{tenant}") {
        return "the metadata is Entra's multi-tenant document, whose issuer is a template: substitute the token's tid, or use the tenant's own metadata".into();
    }
    if token.eq_ignore_ascii_case(meta) {
        return "they differ only in letter case, and the comparison is case-sensitive".into();
    }
    let (t, m) = (url::parse(token), url::parse(meta));
    match (t, m) {
        (Ok(t), Ok(m)) if t.scheme != m.scheme && t.host == m.host => format!("one is {} and the other {}", t.scheme, m.scheme),
        (Ok(t), Ok(m)) if t.host == "sts.windows.net" && m.host == "login.microsoftonline.com" => {
            "the token is an Entra v1.0 token (sts.windows.net) and the metadata is v2.0: request v2 tokens (accessTokenAcceptedVersion: 2 in the app manifest) or use the v1.0 metadata".into()
        }
        (Ok(t), Ok(m)) if t.host == m.host => format!("same host, different path (\"{}\" vs \"{}\"): another tenant, realm or version", t.path_and_query, m.path_and_query),
        (Ok(t), Ok(m)) => format!("different hosts ({} vs {}): the token comes from another issuer or environment", t.host, m.host),
        _ => "they are different strings".into(),
    }
}

/// Where an issuer publishes its metadata: OpenID Connect Discovery §4 (appended) first, then
/// RFC 8414 §3.1 (inserted between host and path). Empty when `iss` is not an http(s) URL
/// without query or fragment, which an issuer must be; `allowed_remote` then says whether
/// plain http may be fetched (only on this machine, e.g. a mock issuer in tests).
pub fn discovery_urls(iss: &str) -> Vec<String> {
    let iss = iss.trim();
    let Some(rest) = iss.strip_prefix("https://").or_else(|| iss.strip_prefix("http://")) else { return Vec::new() };
    if iss.contains(['?', '#']) || rest.is_empty() {
        return Vec::new();
    }
    let scheme = &iss[..iss.len() - rest.len()];
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
        None => (rest, ""),
    };
    if host.is_empty() {
        return Vec::new();
    }
    vec![
        format!("{scheme}{host}{path}/.well-known/openid-configuration"),
        format!("{scheme}{host}/.well-known/oauth-authorization-server{path}"),
    ]
}

/// Only https, or http to this machine: a key fetched over plain http from elsewhere could have
/// been swapped on the way, and the page is served over https anyway.
pub fn allowed_remote(target: &str) -> Result<(), String> {
    let u = url::parse(target).map_err(|e| format!("{e}."))?;
    if u.userinfo.is_some() {
        return Err("the URL carries a user name or password; browsers refuse to fetch it.".into());
    }
    match u.scheme.as_str() {
        "https" => Ok(()),
        _ if is_loopback(&u.host) => Ok(()),
        _ => Err(format!("{} is plain http: only https URLs (or http on this machine) are fetched, so the keys cannot be swapped on the way.", u.origin())),
    }
}

/// Stricter than `url::Url::is_loopback`, which also accepts names such as
/// `127.example.com`: only `localhost` names and loopback IP literals.
fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "[::1]"
        || host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_urls_follow_both_rules() {
        let cases: &[(&str, &[&str])] = &[
            (
                "https://idp.example.com",
                &[
                    "https://idp.example.com/.well-known/openid-configuration",
                    "https://idp.example.com/.well-known/oauth-authorization-server",
                ],
            ),
            (
                "https://idp.example.com/",
                &[
                    "https://idp.example.com/.well-known/openid-configuration",
                    "https://idp.example.com/.well-known/oauth-authorization-server",
                ],
            ),
            (
                "https://login.example.com/realms/acme/",
                &[
                    "https://login.example.com/realms/acme/.well-known/openid-configuration",
                    "https://login.example.com/.well-known/oauth-authorization-server/realms/acme",
                ],
            ),
            (
                "http://127.0.0.1:8080/default",
                &[
                    "http://127.0.0.1:8080/default/.well-known/openid-configuration",
                    "http://127.0.0.1:8080/.well-known/oauth-authorization-server/default",
                ],
            ),
            ("joe", &[]),
            ("https://idp.example.com/?tenant=1", &[]),
            ("https://", &[]),
        ];
        for (iss, want) in cases {
            assert_eq!(discovery_urls(iss), *want, "{iss}");
        }
    }

    #[test]
    fn only_https_or_loopback_is_fetched() {
        let cases: &[(&str, bool)] = &[
            ("https://idp.example.com/jwks", true),
            ("http://127.0.0.1:9000/jwks", true),
            ("http://localhost/jwks", true),
            ("http://[::1]/jwks", true),
            ("http://idp.example.com/jwks", false),
            ("http://127.example.com/jwks", false),
            ("http://127.0.0.1.nip.io/jwks", false),
            ("ftp://idp.example.com/jwks", false),
            ("https://user:pw@idp.example.com/jwks", false),
            ("idp.example.com/jwks", false),
        ];
        for (u, ok) in cases {
            let r = allowed_remote(u);
            assert_eq!(r.is_ok(), *ok, "{u}: {r:?}");
            if let Err(e) = r {
                assert!(e.ends_with('.'), "{e}");
            }
        }
    }

    #[test]
    fn issuer_differences_are_named() {
        let cases = [
            ("https://idp.example.com/", "https://idp.example.com", "the token's has a trailing slash"),
            ("https://idp.example.com", "https://idp.example.com/", "the metadata's has a trailing slash"),
            ("https://IDP.example.com", "https://idp.example.com", "letter case"),
            ("http://idp.example.com", "https://idp.example.com", "one is http and the other https"),
            ("https://idp.example.com ", "https://idp.example.com", "surrounding whitespace"),
            ("https://sts.windows.net/tid/", "https://login.microsoftonline.com/tid/v2.0", "Entra v1.0 token"),
            (
                "https://login.microsoftonline.com/tid/v2.0",
                "https://login.microsoftonline.com/{tenantid}/v2.0",
                "multi-tenant",
            ),
            ("https://kc.example.com/realms/a", "https://kc.example.com/realms/b", "same host, different path"),
            ("https://staging.example.com", "https://prod.example.com", "different hosts"),
            ("joe", "jim", "different strings"),
        ];
        for (iss, meta, named) in cases {
            let f = check_issuer(iss, meta).unwrap_or_else(|| panic!("{iss} vs {meta}"));
            assert!(f.evidence.contains(named), "{iss} vs {meta}: {}", f.evidence);
            assert_eq!(f.claim.as_deref(), Some("iss"));
        }
        assert_eq!(check_issuer("https://idp.example.com/", "https://idp.example.com/"), None);
    }
}
