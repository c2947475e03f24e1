//! The auth helpers as the composer offers them: which one is chosen, switching between them
//! without losing what was typed, and the sentence under the helper that says what it sends.

use super::basic::{self, Latin1Difference};
use super::{Auth, KeyLocation, Request};

/// The helper chosen in the Auth select; `as_str` is the option's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    None,
    Bearer,
    Basic,
    ApiKey,
    Digest,
}

impl AuthKind {
    pub const ALL: [AuthKind; 5] =
        [AuthKind::None, AuthKind::Bearer, AuthKind::Basic, AuthKind::ApiKey, AuthKind::Digest];

    pub fn of(auth: &Auth) -> AuthKind {
        match auth {
            Auth::None => AuthKind::None,
            Auth::Bearer { .. } => AuthKind::Bearer,
            Auth::Basic { .. } => AuthKind::Basic,
            Auth::ApiKey { .. } => AuthKind::ApiKey,
            Auth::Digest { .. } => AuthKind::Digest,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AuthKind::None => "none",
            AuthKind::Bearer => "bearer",
            AuthKind::Basic => "basic",
            AuthKind::ApiKey => "apikey",
            AuthKind::Digest => "digest",
        }
    }

    /// What the option says.
    pub fn label(self) -> &'static str {
        match self {
            AuthKind::None => "None",
            AuthKind::Bearer => "Bearer token (from the Token box)",
            AuthKind::Basic => "Basic",
            AuthKind::ApiKey => "API key",
            AuthKind::Digest => "Digest",
        }
    }

    pub fn parse(value: &str) -> Option<AuthKind> {
        AuthKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// Basic and Digest both take a user name and password.
    pub fn has_credentials(self) -> bool {
        matches!(self, AuthKind::Basic | AuthKind::Digest)
    }
}

/// The helper switched to `to`, keeping the user name and password between Basic and Digest.
pub fn switched(auth: &Auth, to: AuthKind) -> Auth {
    let (user, password) = match auth {
        Auth::Basic { user, password } | Auth::Digest { user, password } => (user.clone(), password.clone()),
        _ => (String::new(), String::new()),
    };
    match to {
        AuthKind::None => Auth::None,
        AuthKind::Bearer => Auth::Bearer { token: String::new() },
        AuthKind::Basic => Auth::Basic { user, password },
        AuthKind::Digest => Auth::Digest { user, password },
        AuthKind::ApiKey => {
            Auth::ApiKey { name: "X-API-Key".into(), value: String::new(), location: KeyLocation::Header }
        }
    }
}

/// What the helper puts on the request, in the words shown under it; None for no helper.
pub fn produced(r: &Request) -> Option<String> {
    match &r.auth {
        Auth::None => None,
        Auth::Digest { .. } => Some(
            "Computed from the server's Digest challenge after its first 401 (RFC 7616), then sent once more.".into(),
        ),
        Auth::ApiKey { name, value, location: KeyLocation::Query } => Some(format!("Query parameter: {name}={value}")),
        Auth::Bearer { token } if token.is_empty() => {
            Some("Paste the token in the Token box above: the Bearer helper sends that token.".into())
        }
        _ => r.auth_header().map(|(n, v)| format!("{n}: {v}")),
    }
}

/// Basic credentials that Python requests would encode differently from the page (Latin-1).
pub fn latin1_warning(auth: &Auth) -> Option<String> {
    let Auth::Basic { user, password } = auth else { return None };
    match basic::python_requests_difference(user, password) {
        Latin1Difference::Same => None,
        Latin1Difference::Differs { latin1_header } => Some(format!("Python requests encodes Basic credentials as Latin-1 and would send {latin1_header} instead: a server that expects UTF-8 (RFC 7617) rejects it. Pass the credentials as bytes: auth=(user.encode(), password.encode()).")),
        Latin1Difference::Unencodable { ch } => Some(format!("Python requests cannot encode '{ch}' in Basic credentials (it uses Latin-1) and raises UnicodeEncodeError; pass auth=(user.encode(), password.encode()).")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_switching_keeps_credentials() {
        for kind in AuthKind::ALL {
            assert_eq!(AuthKind::parse(kind.as_str()), Some(kind));
            assert_eq!(AuthKind::of(&switched(&Auth::None, kind)), kind);
        }
        assert_eq!(AuthKind::parse("Bearer"), None, "option values are lowercase");
        let basic = Auth::Basic { user: "u".into(), password: "p".into() };
        assert_eq!(switched(&basic, AuthKind::Digest), Auth::Digest { user: "u".into(), password: "p".into() });
        assert_eq!(switched(&basic, AuthKind::Bearer), Auth::Bearer { token: String::new() });
        assert_eq!(
            switched(&Auth::Bearer { token: "t".into() }, AuthKind::Basic),
            Auth::Basic { user: String::new(), password: String::new() }
        );
    }

    #[test]
    fn the_sentence_under_each_helper() {
        let mut r = Request::default();
        assert_eq!(produced(&r), None);
        r.auth = Auth::Bearer { token: String::new() };
        assert!(produced(&r).unwrap().contains("Token box"));
        r.auth = Auth::Bearer { token: "abc".into() };
        assert_eq!(produced(&r).unwrap(), "Authorization: Bearer abc");
        r.auth = Auth::Basic { user: "u".into(), password: "p".into() };
        assert_eq!(produced(&r).unwrap(), "Authorization: Basic dTpw");
        r.auth = Auth::ApiKey { name: "k".into(), value: "v".into(), location: KeyLocation::Query };
        assert_eq!(produced(&r).unwrap(), "Query parameter: k=v");
        r.auth = Auth::Digest { user: "u".into(), password: "p".into() };
        assert!(produced(&r).unwrap().contains("RFC 7616"));
    }

    #[test]
    fn latin1_warning_only_when_python_differs() {
        assert_eq!(latin1_warning(&Auth::Basic { user: "u".into(), password: "p".into() }), None);
        let w = latin1_warning(&Auth::Basic { user: "u".into(), password: "päss".into() }).unwrap();
        assert!(w.contains("would send Basic dTpw5HNz instead"), "u:päss in Latin-1: {w}");
        let w = latin1_warning(&Auth::Basic { user: "u".into(), password: "€".into() }).unwrap();
        assert!(w.contains("cannot encode '€'"), "{w}");
        assert_eq!(latin1_warning(&Auth::Digest { user: "u".into(), password: "päss".into() }), None);
    }
}
