//! The token inspector's whole model: from the text in the Token box to everything shown.

use crate::model::token::input::{self, Extracted};
use crate::model::token::jose::{self, Token};
use base64::Engine;

/// HTTP Basic credentials found instead of a token (RFC 7617).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicCredentials {
    pub user: String,
    /// Only the length: the page never echoes a password back.
    pub password_chars: usize,
    /// Set when the bytes were not UTF-8 and were read as Latin-1 (what Python requests sends).
    pub latin1: bool,
    /// A control character (a newline from `echo` without `-n`, a CR) in the user or password,
    /// which RFC 7617 §2 forbids: the server checks a password that ends in it.
    pub control: bool,
    /// The part after the first ':' has another ':': a user name with a colon cannot be sent
    /// with Basic (the server splits at the first one), or the password has one.
    pub second_colon: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    pub extracted: Extracted,
    pub token: Token,
    /// Decoded Basic credentials, or why they could not be decoded.
    pub basic: Option<Result<BasicCredentials, String>>,
}

impl Inspection {
    pub fn is_empty(&self) -> bool {
        self.extracted.token.is_empty()
    }
}

/// Pure and proportional to the input size: it runs on every keystroke.
pub fn inspect(text: &str) -> Inspection {
    let extracted = input::extract(text);
    let token = jose::parse(&extracted.token);
    let is_basic = extracted.scheme.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("basic"));
    let basic = is_basic.then(|| decode_basic(&extracted.token));
    Inspection { extracted, token, basic }
}

pub fn decode_basic(credentials: &str) -> Result<BasicCredentials, String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(credentials)
        .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(credentials))
        .map_err(|e| format!("Basic credentials are not valid base64: {e}"))?;
    let (text, latin1) = match String::from_utf8(bytes) {
        Ok(t) => (t, false),
        Err(e) => (e.into_bytes().iter().map(|b| char::from(*b)).collect(), true),
    };
    let (user, password) = text
        .split_once(':')
        .ok_or_else(|| "Basic credentials decode to text without a ':' between user name and password".to_string())?;
    Ok(BasicCredentials {
        user: user.to_string(),
        password_chars: password.chars().count(),
        latin1,
        control: text.chars().any(char::is_control),
        second_colon: password.contains(':'),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_rfc7617_example() {
        let i = inspect("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert_eq!(
            i.basic,
            Some(Ok(BasicCredentials {
                user: "Aladdin".into(),
                password_chars: 11,
                latin1: false,
                control: false,
                second_colon: false
            }))
        );
    }

    #[test]
    fn basic_newline_and_colon() {
        // `echo foo:passw0rd | base64`
        let echoed = decode_basic("Zm9vOnBhc3N3MHJkCg==").unwrap();
        assert!(echoed.control && !echoed.second_colon);
        let colon = decode_basic("YWNtZTphbGljZTpzM2NyZXQ=").unwrap();
        assert_eq!((colon.user.as_str(), colon.second_colon, colon.control), ("acme", true, false));
    }

    #[test]
    fn basic_latin1_and_errors() {
        // "é:x" in Latin-1, as Python requests encodes it.
        let latin1 = base64::engine::general_purpose::STANDARD.encode([0xE9, b':', b'x']);
        assert_eq!(
            decode_basic(&latin1),
            Ok(BasicCredentials {
                user: "é".into(),
                password_chars: 1,
                latin1: true,
                control: false,
                second_colon: false
            })
        );
        assert!(decode_basic("!!!").unwrap_err().contains("not valid base64"));
        assert!(decode_basic("YWJj").unwrap_err().contains("without a ':'"));
    }

    #[test]
    fn bearer_is_not_basic() {
        assert_eq!(inspect("Bearer abc").basic, None);
    }
}
