//! What a token endpoint answers (RFC 6749 §5.1 and §5.2): the tokens and their lifetime, or
//! the error. Anything else (HTML, an empty body) is said as such, never guessed at.

use crate::model::json;
use crate::model::time::{self, Secs};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Granted {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: Option<i64>,
    /// A new refresh token: with rotation (RFC 9700 §4.14.2) it replaces the one sent.
    pub refresh_token: Option<String>,
    pub scope: Option<String>,
    pub id_token: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenAnswer {
    Granted(Granted),
    /// `{"error": …}`: the diagnosis reads it with the request that caused it.
    Refused {
        error: String,
        description: Option<String>,
    },
    /// Neither: what it was instead.
    Unreadable(String),
}

pub fn read(status: u16, body: &str) -> TokenAnswer {
    let doc = match json::parse(body) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return TokenAnswer::Unreadable(format!("HTTP {status} with JSON that is not an object")),
        Err(e) if body.trim().is_empty() => {
            return TokenAnswer::Unreadable(format!("HTTP {status} with no body ({e})"))
        }
        Err(e) => return TokenAnswer::Unreadable(format!("HTTP {status} with a body that is not JSON: {e}")),
    };
    let text = |name: &str| doc.get(name).and_then(Value::as_str).map(str::to_string);
    if let Some(error) = text("error") {
        return TokenAnswer::Refused { error, description: text("error_description") };
    }
    match (status, text("access_token")) {
        (200, Some(access_token)) => TokenAnswer::Granted(Granted {
            access_token,
            token_type: text("token_type").unwrap_or_default(),
            // Some servers send the number as a string.
            expires_in: doc
                .get("expires_in")
                .and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok()))),
            refresh_token: text("refresh_token"),
            scope: text("scope"),
            id_token: text("id_token"),
        }),
        (200, None) => TokenAnswer::Unreadable("HTTP 200 without an access_token".into()),
        (s, _) => TokenAnswer::Unreadable(format!("HTTP {s} without an OAuth error")),
    }
}

/// The line under Get token when a token came.
pub fn received_line(expires_in: Option<i64>, scope: Option<&str>, rotated: bool, bearer: bool) -> String {
    let mut line = "Token received: it is in the Token box".to_string();
    if let Some(s) = expires_in {
        line.push_str(&format!(", valid for {}", time::human_duration(s.max(0) as u64)));
    }
    if let Some(s) = scope {
        line.push_str(&format!(", scope \"{s}\""));
    }
    line.push('.');
    if bearer {
        line.push_str(" The request had no credentials: its Auth is now Bearer, which sends this token.");
    }
    if rotated {
        line.push_str(" The server rotated the refresh token: the new one replaced the old in Refresh token.");
    }
    line
}

/// How long the token received is still good, as the clock ticks; None without expires_in.
pub fn expiry_line(expires_at: Option<Secs>, now: Secs) -> Option<String> {
    let at = expires_at?;
    Some(if at > now {
        format!("The token expires at {} ({}).", time::format_utc(at), time::relative(at, now))
    } else {
        format!(
            "The token expired at {} ({}): Get token again, or Refresh and retry.",
            time::format_utc(at),
            time::relative(at, now)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_page_says_about_a_token_received() {
        assert_eq!(
            received_line(Some(3600), Some("orders:read"), true, true),
            "Token received: it is in the Token box, valid for 1 h, scope \"orders:read\". The request had no credentials: its Auth is now Bearer, which sends this token. The server rotated the refresh token: the new one replaced the old in Refresh token."
        );
        assert_eq!(received_line(None, None, false, false), "Token received: it is in the Token box.");
        let at = 1_700_000_000;
        assert_eq!(expiry_line(None, at), None);
        assert!(expiry_line(Some(at), at - 90)
            .unwrap()
            .starts_with("The token expires at 2023-11-14 22:13:20 UTC (in 1 min 30 s)"));
        assert!(expiry_line(Some(at), at + 5).unwrap().contains("Get token again, or Refresh and retry"));
    }

    #[test]
    fn reads_rfc6749_answers() {
        // RFC 6749 §5.1's example, and §5.2's.
        let ok = r#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"example","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","example_parameter":"example_value"}"#;
        match read(200, ok) {
            TokenAnswer::Granted(g) => {
                assert_eq!((g.access_token.as_str(), g.expires_in), ("2YotnFZFEjr1zCsicMWpAA", Some(3600)));
                assert_eq!(g.refresh_token.as_deref(), Some("tGzv3JOkF0XG5Qx2TlKWIA"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            read(400, r#"{"error":"invalid_request"}"#),
            TokenAnswer::Refused { error: "invalid_request".into(), description: None }
        );
        let string_expiry = read(200, r#"{"access_token":"a","token_type":"Bearer","expires_in":"299"}"#);
        assert!(matches!(string_expiry, TokenAnswer::Granted(Granted { expires_in: Some(299), .. })));
        assert_eq!(
            read(200, "<html>"),
            TokenAnswer::Unreadable(
                "HTTP 200 with a body that is not JSON: JSON error at line 1 col 1: expected value".into()
            )
        );
        assert!(matches!(read(502, ""), TokenAnswer::Unreadable(_)));
        assert!(matches!(read(200, r#"{"token_type":"Bearer"}"#), TokenAnswer::Unreadable(_)));
    }
}
