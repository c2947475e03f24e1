//! The Digest dance: a first request without credentials, a 401 with a challenge, and one
//! retry with the computed response (RFC 7616 §3.4). Pure, so the retry can be tested.

use crate::model::request::digest::{self, DigestInput};
use crate::model::request::{Auth, Request, Row};
use crate::model::response::challenge;
use crate::model::url;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DigestRetry {
    /// Send this request once more: it carries the computed Authorization header.
    Retry(Box<Request>),
    /// Not a Digest case: another auth helper, or not a 401.
    NotApplicable,
    /// 401 without a readable Digest challenge (hidden by CORS, or the server offered none).
    NoChallenge { offered: Vec<String> },
    /// A challenge this page cannot answer; the sentence says why.
    CannotAnswer(String),
}

impl DigestRetry {
    /// What to tell the user when the helper could not answer; None when it did or had no part.
    pub fn note(&self) -> Option<String> {
        match self {
            DigestRetry::NoChallenge { offered } if offered.is_empty() => Some(
                "Digest needs the server's challenge, but no WWW-Authenticate header is readable: the server must send Access-Control-Expose-Headers: WWW-Authenticate.".into(),
            ),
            DigestRetry::NoChallenge { offered } => {
                Some(format!("Digest was chosen, but the server offers {}.", offered.join(", ")))
            }
            DigestRetry::CannotAnswer(why) => Some(format!("Cannot answer the Digest challenge: {why}.")),
            DigestRetry::Retry(_) | DigestRetry::NotApplicable => None,
        }
    }
}

pub fn after_response(req: &Request, status: u16, headers: &[(String, String)], cnonce: &str) -> DigestRetry {
    let Auth::Digest { user, password } = &req.auth else { return DigestRetry::NotApplicable };
    if status != 401 {
        return DigestRetry::NotApplicable;
    }
    let values: Vec<&str> =
        headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("www-authenticate")).map(|(_, v)| v.as_str()).collect();
    let parsed = challenge::parse(&values);
    // RFC 7616 §3.7: when several Digest challenges are offered, prefer the strongest we know.
    let digests: Vec<&challenge::Challenge> = parsed.challenges.iter().filter(|c| c.is("digest")).collect();
    let Some(chosen) = ["SHA-512-256", "SHA-256", "MD5"]
        .iter()
        .find_map(|alg| {
            digests.iter().find(|c| {
                c.algorithm()
                    .unwrap_or("MD5")
                    .trim_end_matches("-sess")
                    .trim_end_matches("-SESS")
                    .eq_ignore_ascii_case(alg)
            })
        })
        .or(digests.first())
    else {
        return DigestRetry::NoChallenge { offered: parsed.challenges.iter().map(|c| c.scheme.clone()).collect() };
    };
    let uri = url::parse(&req.url()).map(|u| u.path_and_query).unwrap_or_else(|_| "/".into());
    let input = DigestInput { username: user, password, method: req.method.as_str(), uri: &uri, cnonce, nc: 1 };
    match digest::authorization(chosen, &input) {
        Ok(value) => {
            let mut retry = req.clone();
            retry.headers.retain(|h| !h.name.trim().eq_ignore_ascii_case("authorization"));
            retry.headers.push(Row::new("Authorization", value));
            DigestRetry::Retry(Box::new(retry))
        }
        Err(e) => DigestRetry::CannotAnswer(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::request::Method;

    fn digest_request() -> Request {
        let mut r = Request {
            method: Method::Get,
            auth: Auth::Digest { user: "Mufasa".into(), password: "Circle of Life".into() },
            ..Default::default()
        };
        r.set_url("http://www.example.org/dir/index.html");
        r
    }

    const RFC7616_CHALLENGES: [&str; 2] = [
        r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#,
        r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#,
    ];

    fn headers(values: &[&str]) -> Vec<(String, String)> {
        values.iter().map(|v| ("WWW-Authenticate".to_string(), v.to_string())).collect()
    }

    #[test]
    fn retries_with_the_strongest_offered_algorithm() {
        let DigestRetry::Retry(r) = after_response(
            &digest_request(),
            401,
            &headers(&RFC7616_CHALLENGES),
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
        ) else {
            panic!("no retry")
        };
        let auth = &r.headers.iter().find(|h| h.name == "Authorization").unwrap().value;
        assert!(
            auth.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""),
            "{auth}"
        );
        assert!(auth.contains("uri=\"/dir/index.html\""));
    }

    #[test]
    fn md5_only_server() {
        let DigestRetry::Retry(r) = after_response(
            &digest_request(),
            401,
            &headers(&RFC7616_CHALLENGES[1..]),
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
        ) else {
            panic!("no retry")
        };
        assert!(r.headers[0].value.contains("8ca523f5e9506fed4657c9700eebdbec"));
    }

    #[test]
    fn cases_without_a_retry() {
        let req = digest_request();
        assert_eq!(after_response(&req, 200, &[], "c"), DigestRetry::NotApplicable);
        assert_eq!(
            after_response(&Request::default(), 401, &headers(&RFC7616_CHALLENGES), "c"),
            DigestRetry::NotApplicable
        );
        assert_eq!(after_response(&req, 401, &[], "c"), DigestRetry::NoChallenge { offered: vec![] });
        assert_eq!(
            after_response(&req, 401, &headers(&["Basic realm=\"x\""]), "c"),
            DigestRetry::NoChallenge { offered: vec!["Basic".into()] }
        );
        let cannot = after_response(&req, 401, &headers(&["Digest realm=\"x\", nonce=\"n\", qop=\"auth-int\""]), "c");
        assert!(matches!(cannot, DigestRetry::CannotAnswer(_)));
        // What the page says in each case.
        assert!(cannot.note().unwrap().starts_with("Cannot answer the Digest challenge: "));
        let hidden = after_response(&req, 401, &[], "c").note().unwrap();
        assert!(hidden.contains("Access-Control-Expose-Headers: WWW-Authenticate"), "{hidden}");
        let other = after_response(&req, 401, &headers(&["Basic realm=\"x\"", "Bearer"]), "c").note().unwrap();
        assert_eq!(other, "Digest was chosen, but the server offers Basic, Bearer.");
        assert_eq!(after_response(&req, 200, &[], "c").note(), None);
    }
}
