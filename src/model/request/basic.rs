//! HTTP Basic credentials (RFC 7617).

use crate::model::b64;

/// `Basic base64(user:password)` with UTF-8 bytes, as RFC 7617 §2.1 recommends and browsers do.
pub fn header_value(user: &str, password: &str) -> String {
    format!("Basic {}", b64::encode_std(format!("{user}:{password}").as_bytes()))
}

/// Python requests encodes Basic credentials as Latin-1 (`_basic_auth_str`), so for any
/// character above U+007F its header differs from the UTF-8 one, and above U+00FF it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Latin1Difference {
    /// Every character is ASCII: both encodings agree.
    Same,
    /// Latin-1 can encode it, but the bytes differ from UTF-8.
    Differs { latin1_header: String },
    /// A character above U+00FF: requests raises UnicodeEncodeError.
    Unencodable { ch: char },
}

pub fn python_requests_difference(user: &str, password: &str) -> Latin1Difference {
    let joined = format!("{user}:{password}");
    if joined.is_ascii() {
        return Latin1Difference::Same;
    }
    let mut bytes = Vec::with_capacity(joined.len());
    for ch in joined.chars() {
        match u8::try_from(ch as u32) {
            Ok(b) => bytes.push(b),
            Err(_) => return Latin1Difference::Unencodable { ch },
        }
    }
    Latin1Difference::Differs { latin1_header: format!("Basic {}", b64::encode_std(&bytes)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7617_example() {
        assert_eq!(header_value("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    #[test]
    fn rfc7617_utf8_example() {
        // RFC 7617 §2.1: user "test", password "123£" in UTF-8.
        assert_eq!(header_value("test", "123\u{a3}"), "Basic dGVzdDoxMjPCow==");
    }

    #[test]
    fn python_requests_latin1() {
        assert_eq!(python_requests_difference("Aladdin", "open sesame"), Latin1Difference::Same);
        // base64(b"test:123\xa3") as requests would send it.
        assert_eq!(
            python_requests_difference("test", "123£"),
            Latin1Difference::Differs { latin1_header: "Basic dGVzdDoxMjOj".into() }
        );
        assert_eq!(python_requests_difference("u", "pass€"), Latin1Difference::Unencodable { ch: '€' });
    }
}
