//! Plain-English meanings of registered and common claims, and the time claims of a token.

use crate::model::json;
use crate::model::time::{self, Clock, Secs};
use serde_json::{Map, Value};

/// Meanings of payload claims (RFC 7519 §4.1, OIDC Core §2 and §5.1, RFC 9068, RFC 8693,
/// RFC 7800, and the vendor claims people meet most).
const PAYLOAD_MEANINGS: &[(&str, &str)] = &[
    ("iss", "Issuer: who created and signed the token; the API must trust exactly this value."),
    ("sub", "Subject: the user or client the token is about."),
    ("aud", "Audience: the API(s) the token is for; an API rejects tokens meant for another audience."),
    ("exp", "Expiration time: the token must not be accepted on or after this moment."),
    ("nbf", "Not before: the token must not be accepted before this moment."),
    ("iat", "Issued at: when the token was created."),
    ("jti", "JWT ID: a unique id, used to detect replay or to revoke this one token."),
    ("scope", "Scopes granted, space-separated (OAuth 2.0): what the client may do."),
    ("scp", "Scopes granted (Entra ID delegated permissions, Okta): what the client may do for the user."),
    ("roles", "Roles (Entra ID app roles / application permissions, or your IdP's roles)."),
    ("permissions", "Permissions (Auth0 RBAC puts them here instead of in scope)."),
    ("groups", "Groups the user belongs to."),
    ("azp", "Authorised party: the client the token was issued to."),
    ("client_id", "The OAuth client the token was issued to (RFC 9068; Cognito access tokens use it instead of aud)."),
    ("tid", "Entra ID tenant id: the directory that issued the token."),
    ("oid", "Entra ID object id: the immutable id of the user or service principal."),
    ("ver", "Token format version (Entra ID 1.0 or 2.0; Okta 1)."),
    ("token_use", "Cognito: \"access\" or \"id\"; APIs expect the access token unless configured otherwise."),
    ("realm_access", "Keycloak realm roles granted to the user."),
    ("resource_access", "Keycloak client roles, per client."),
    ("cnf", "Confirmation: the token is bound to a key (DPoP jkt or mTLS x5t#S256) and is useless without it."),
    ("act", "Actor: who is acting on behalf of the subject (token exchange, RFC 8693)."),
    ("nonce", "OIDC nonce from the sign-in request: marks an ID token, not an access token."),
    ("at_hash", "Access-token hash: marks an ID token issued alongside an access token."),
    ("c_hash", "Code hash: marks an ID token from the hybrid flow."),
    ("amr", "Authentication methods used at sign-in (pwd, mfa, otp…)."),
    ("acr", "Authentication context class: how strong the sign-in was."),
    ("auth_time", "When the user actually signed in (may be long before iat)."),
    ("sid", "Session id at the identity provider; ends when the user signs out."),
    ("email", "The user's e-mail address."),
    ("email_verified", "Whether the identity provider verified the e-mail address."),
    ("preferred_username", "The user's sign-in name; not unique or stable, do not use it as an id."),
    ("name", "The user's display name."),
    ("upn", "Entra ID user principal name (v1 tokens)."),
    ("appid", "Entra ID v1: the client application id."),
    ("idtyp", "Entra ID: \"app\" for an app-only token, \"user\" for a delegated one."),
    ("typ", "Keycloak token type: Bearer (access), ID or Refresh."),
    ("cid", "Okta: the client id the token was issued to."),
    ("uid", "Okta: the user id."),
    ("gty", "Auth0 grant type, e.g. client-credentials for machine-to-machine tokens."),
    ("cognito:groups", "Cognito user-pool groups the user belongs to."),
    ("cognito:username", "Cognito user name."),
    ("username", "User name."),
    ("session_state", "Keycloak session id."),
    ("hd", "Google Workspace hosted domain of the user."),
];

const HEADER_MEANINGS: &[(&str, &str)] = &[
    ("alg", "Algorithm used to sign (JWS) or to encrypt the key (JWE); \"none\" means unsigned."),
    ("typ", "Media type of the token: \"JWT\", or \"at+jwt\" for an RFC 9068 access token."),
    ("kid", "Key id: which of the issuer's keys (in its JWKS) signed this token."),
    ("x5t", "SHA-1 thumbprint of the signing certificate (Entra ID sets it alongside kid)."),
    ("x5t#S256", "SHA-256 thumbprint of the signing certificate."),
    ("jku", "URL of the JWK Set holding the key; servers must not fetch untrusted URLs from it."),
    ("x5u", "URL of the signing certificate chain."),
    ("x5c", "The signing certificate chain, embedded."),
    ("jwk", "The public key embedded in the header (DPoP proofs use it)."),
    ("cty", "Content type of the payload; \"JWT\" for a nested token."),
    ("enc", "Content encryption algorithm: the token is a JWE and its payload is encrypted."),
    ("zip", "The payload is compressed before encryption."),
    ("crit", "Extensions the recipient must understand or reject the token."),
    ("nonce", "Microsoft Graph sets this: the signature cannot be verified by anyone but Graph."),
];

pub fn payload_meaning(name: &str) -> Option<&'static str> {
    lookup(PAYLOAD_MEANINGS, name)
}

pub fn header_meaning(name: &str) -> Option<&'static str> {
    lookup(HEADER_MEANINGS, name)
}

fn lookup(table: &[(&str, &'static str)], name: &str) -> Option<&'static str> {
    table.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

/// How many claim rows a table shows before summarising the rest; a megabyte payload must
/// not create a million DOM rows.
pub const MAX_ROWS: usize = 200;
const MAX_VALUE_CHARS: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRow {
    pub name: String,
    pub value: String,
    pub meaning: Option<&'static str>,
}

pub fn rows(map: &Map<String, Value>, meaning: fn(&str) -> Option<&'static str>) -> Vec<ClaimRow> {
    map.iter()
        .take(MAX_ROWS)
        .map(|(name, value)| {
            let mut shown = json::compact(value, MAX_VALUE_CHARS);
            if let Some(at) = TIME_CLAIMS.contains(&name.as_str()).then(|| time::numeric_date(value)).flatten() {
                shown = format!("{shown} ({})", time::format_utc(at));
            }
            ClaimRow { name: json::truncate_chars(name, 80), value: shown, meaning: meaning(name) }
        })
        .collect()
}

/// The time claims the page explains, in display order.
pub const TIME_CLAIMS: [&str; 4] = ["exp", "nbf", "iat", "auth_time"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeRow {
    pub claim: &'static str,
    pub at: Secs,
    pub utc: String,
    /// A sentence such as "expires in 4 min 10 s" or "expired 2 h ago".
    pub relative: String,
}

pub fn time_rows(claims: &Map<String, Value>, clock: Clock) -> Vec<TimeRow> {
    TIME_CLAIMS
        .iter()
        .filter_map(|claim| {
            let at = time::numeric_date(claims.get(*claim)?)?;
            Some(TimeRow { claim, at, utc: time::format_utc(at), relative: describe_time(claim, at, clock.now) })
        })
        .collect()
}

fn describe_time(claim: &str, at: Secs, now: Secs) -> String {
    let rel = time::relative(at, now);
    let future = at > now;
    match (claim, future) {
        ("exp", true) => format!("expires {rel}"),
        ("exp", false) => format!("expired {rel}"),
        ("nbf", true) => format!("becomes valid {rel}"),
        ("nbf", false) => format!("valid since {rel}"),
        ("iat", true) => format!("issued in the future ({rel}): clocks disagree"),
        ("iat", false) => format!("issued {rel}"),
        (_, true) => format!("signed in {rel}: in the future"),
        (_, false) => format!("signed in {rel}"),
    }
}

/// Whether the token is usable now, the first thing a person wants to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Validity {
    Valid { expires_in: Secs },
    Expired { ago: Secs },
    NotYetValid { starts_in: Secs },
    NoExpiry,
}

impl Validity {
    pub fn label(&self) -> &'static str {
        match self {
            Validity::Valid { .. } => "valid now",
            Validity::Expired { .. } => "expired",
            Validity::NotYetValid { .. } => "not yet valid",
            Validity::NoExpiry => "no expiry",
        }
    }
}

/// `exp` and `nbf` judged as RFC 7519 §4.1.4–5 say, with the leeway the user allows.
pub fn validity(claims: &Map<String, Value>, clock: Clock) -> Validity {
    let exp = claims.get("exp").and_then(time::numeric_date);
    let nbf = claims.get("nbf").and_then(time::numeric_date);
    if let Some(nbf) = nbf {
        if clock.now + clock.leeway + time::ISSUE_ROUNDING < nbf {
            return Validity::NotYetValid { starts_in: nbf - clock.now };
        }
    }
    match exp {
        // "MUST NOT be accepted on or after" exp: equality is already expired.
        Some(exp) if clock.now - clock.leeway >= exp => Validity::Expired { ago: clock.now - exp },
        Some(exp) => Validity::Valid { expires_in: exp - clock.now },
        None => Validity::NoExpiry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn validity_table() {
        let c = |now, leeway| Clock { now, leeway };
        let cases = [
            (json!({"exp": 100}), c(99, 0), Validity::Valid { expires_in: 1 }),
            (json!({"exp": 100}), c(100, 0), Validity::Expired { ago: 0 }),
            (json!({"exp": 100}), c(130, 60), Validity::Valid { expires_in: -30 }),
            (json!({"exp": 100}), c(160, 60), Validity::Expired { ago: 60 }),
            (json!({"nbf": 200, "exp": 300}), c(150, 0), Validity::NotYetValid { starts_in: 50 }),
            (json!({"nbf": 200, "exp": 300}), c(150, 60), Validity::Valid { expires_in: 150 }),
            // Minted this second by an issuer that rounds up: valid, not "in 1 s".
            (json!({"nbf": 151, "exp": 300}), c(150, 0), Validity::Valid { expires_in: 150 }),
            (json!({"nbf": 152, "exp": 300}), c(150, 0), Validity::NotYetValid { starts_in: 2 }),
            (json!({"iat": 1}), c(150, 0), Validity::NoExpiry),
            (json!({"exp": "100"}), c(150, 0), Validity::NoExpiry),
        ];
        for (claims, clock, expected) in cases {
            assert_eq!(validity(&map(claims.clone()), clock), expected, "{claims} at {clock:?}");
        }
    }

    #[test]
    fn time_rows_say_past_and_future() {
        let claims = map(json!({"iat": 1000, "exp": 1250, "nbf": 1000, "auth_time": 900}));
        let rows = time_rows(&claims, Clock { now: 1000, leeway: 0 });
        let texts: Vec<_> = rows.iter().map(|r| (r.claim, r.relative.as_str())).collect();
        assert_eq!(
            texts,
            [
                ("exp", "expires in 4 min 10 s"),
                ("nbf", "valid since now"),
                ("iat", "issued now"),
                ("auth_time", "signed in 1 min 40 s ago")
            ]
        );
        let later = time_rows(&claims, Clock { now: 1250 + 7200, leeway: 0 });
        assert_eq!(later[0].relative, "expired 2 h ago");
    }

    #[test]
    fn every_claim_the_issue_names_has_a_meaning() {
        for name in [
            "iss",
            "sub",
            "aud",
            "exp",
            "nbf",
            "iat",
            "jti",
            "scope",
            "scp",
            "roles",
            "permissions",
            "groups",
            "azp",
            "client_id",
            "tid",
            "oid",
            "ver",
            "token_use",
            "realm_access",
            "resource_access",
            "cnf",
            "act",
            "nonce",
            "at_hash",
            "amr",
            "acr",
            "auth_time",
            "sid",
            "email",
            "preferred_username",
        ] {
            assert!(payload_meaning(name).is_some(), "{name}");
        }
        for name in ["typ", "alg", "kid", "x5t", "jku"] {
            assert!(header_meaning(name).is_some(), "{name}");
        }
        assert_eq!(payload_meaning("favourite_colour"), None);
    }

    #[test]
    fn time_claims_show_their_date() {
        let r = rows(&map(json!({"exp": 1300819380, "jti": 1300819380})), payload_meaning);
        assert_eq!(r[0].value, "1300819380 (2011-03-22 18:43:00 UTC)");
        assert_eq!(r[1].value, "1300819380");
    }

    #[test]
    fn rows_are_capped_and_values_cut() {
        let mut m = Map::new();
        for i in 0..(MAX_ROWS + 50) {
            m.insert(format!("c{i}"), json!("x".repeat(1000)));
        }
        let r = rows(&m, payload_meaning);
        assert_eq!(r.len(), MAX_ROWS);
        assert!(r[0].value.chars().count() < 400);
    }
}
