//! HTTP Digest (RFC 7616) client responses: the `Authorization` value for a parsed challenge.
//! Pure: the cnonce and nonce count come from the caller, so a response can be reproduced.

use crate::model::response::challenge::Challenge;
use md5::Md5;
use sha2::{Digest, Sha256, Sha512_256};
use std::fmt;

/// What the user knows and what the request sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestInput<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub method: &'a str,
    /// The request-target as sent: path and query, e.g. `/dir/index.html?x=1`.
    pub uri: &'a str,
    pub cnonce: &'a str,
    /// The nonce count: how many requests this nonce has been used for, starting at 1.
    pub nc: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DigestError {
    NotDigest {
        scheme: String,
    },
    MissingParam {
        name: &'static str,
    },
    UnknownAlgorithm {
        name: String,
    },
    /// Only `qop=auth-int` is offered.
    AuthIntOnly,
    UnsupportedQop {
        offered: String,
    },
    /// A `-sess` algorithm with no qop: there is no correct response (see Display).
    SessWithoutQop {
        algorithm: &'static str,
    },
}

impl fmt::Display for DigestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DigestError::NotDigest { scheme } => write!(f, "the challenge is {scheme}, not Digest"),
            DigestError::MissingParam { name } => write!(f, "the Digest challenge has no {name}, which the response needs (RFC 7616 §3.3)"),
            DigestError::UnknownAlgorithm { name } => write!(
                f,
                "the Digest challenge asks for algorithm {name}, which is none of MD5, MD5-sess, SHA-256, SHA-256-sess, SHA-512-256 or SHA-512-256-sess (RFC 7616 §3.3)"
            ),
            DigestError::AuthIntOnly => write!(
                f,
                "the server only offers qop=auth-int, which hashes the exact request body into the response; \
                 this page does not compute it, and neither does Python requests (its HTTPDigestAuth only answers \
                 qop=auth and sends no Authorization header otherwise), so the server must also offer qop=auth"
            ),
            DigestError::UnsupportedQop { offered } => {
                write!(f, "the server offers qop=\"{offered}\", and only auth and auth-int exist (RFC 7616 §3.3)")
            }
            DigestError::SessWithoutQop { algorithm } => write!(
                f,
                "the server asks for {algorithm} but offers no qop: a -sess response hashes a client nonce that may only be sent with a qop (RFC 2617 §3.2.2), so no response can be checked"
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hash {
    Md5,
    Sha256,
    Sha512_256,
}

impl Hash {
    fn hex(self, data: &str) -> String {
        match self {
            Hash::Md5 => to_hex(&Md5::digest(data.as_bytes())),
            Hash::Sha256 => to_hex(&Sha256::digest(data.as_bytes())),
            Hash::Sha512_256 => to_hex(&Sha512_256::digest(data.as_bytes())),
        }
    }
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The algorithm's canonical name, its hash and whether it is a `-sess` variant.
/// Names are compared case-insensitively, as Python requests and browsers do.
fn algorithm(name: Option<&str>) -> Result<(&'static str, Hash, bool), DigestError> {
    const KNOWN: [(&str, Hash, bool); 6] = [
        ("MD5", Hash::Md5, false),
        ("MD5-sess", Hash::Md5, true),
        ("SHA-256", Hash::Sha256, false),
        ("SHA-256-sess", Hash::Sha256, true),
        ("SHA-512-256", Hash::Sha512_256, false),
        ("SHA-512-256-sess", Hash::Sha512_256, true),
    ];
    // RFC 7616 §3.3: no algorithm means MD5.
    let name = name.unwrap_or("MD5");
    KNOWN
        .into_iter()
        .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
        .ok_or_else(|| DigestError::UnknownAlgorithm { name: name.to_string() })
}

/// True for qop=auth; false when no qop is offered, which means RFC 2069's older form.
fn choose_qop(challenge: &Challenge) -> Result<bool, DigestError> {
    let offered = challenge.qop().unwrap_or_default();
    if offered.is_empty() {
        return Ok(false);
    }
    if offered.iter().any(|q| q.eq_ignore_ascii_case("auth")) {
        Ok(true)
    } else if offered.iter().any(|q| q.eq_ignore_ascii_case("auth-int")) {
        Err(DigestError::AuthIntOnly)
    } else {
        Err(DigestError::UnsupportedQop { offered: offered.join(", ") })
    }
}

/// A quoted-string for the header: the parser unescaped the challenge's values, so `"` and `\`
/// are escaped again for them to reach the server as they were sent.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The `Authorization` header value answering a Digest challenge.
///
/// The username goes out as UTF-8 inside quotes, as Python requests sends it; RFC 7616's
/// `username*` form is not produced.
pub fn authorization(challenge: &Challenge, input: &DigestInput) -> Result<String, DigestError> {
    if !challenge.is("Digest") {
        return Err(DigestError::NotDigest { scheme: challenge.scheme.clone() });
    }
    let realm = challenge.realm().ok_or(DigestError::MissingParam { name: "realm" })?;
    let nonce = challenge.nonce().ok_or(DigestError::MissingParam { name: "nonce" })?;
    let (alg_name, hash, sess) = algorithm(challenge.algorithm())?;
    let with_qop = choose_qop(challenge)?;
    if sess && !with_qop {
        return Err(DigestError::SessWithoutQop { algorithm: alg_name });
    }
    let nc = format!("{:08x}", input.nc);
    let cnonce = input.cnonce;

    let mut ha1 = hash.hex(&format!("{}:{realm}:{}", input.username, input.password));
    if sess {
        ha1 = hash.hex(&format!("{ha1}:{nonce}:{cnonce}"));
    }
    let ha2 = hash.hex(&format!("{}:{}", input.method, input.uri));
    let response = if with_qop {
        hash.hex(&format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"))
    } else {
        hash.hex(&format!("{ha1}:{nonce}:{ha2}"))
    };

    // RFC 7616 §3.4.4: A1 keeps the plain name; only the header carries the hash.
    let username = if challenge.userhash() {
        hash.hex(&format!("{}:{realm}", input.username))
    } else {
        input.username.to_string()
    };
    let mut parts = vec![
        format!("username={}", quoted(&username)),
        format!("realm={}", quoted(realm)),
        format!("uri={}", quoted(input.uri)),
        format!("algorithm={alg_name}"),
        format!("nonce={}", quoted(nonce)),
    ];
    if with_qop {
        parts.extend([format!("nc={nc}"), format!("cnonce={}", quoted(cnonce)), "qop=auth".to_string()]);
    }
    parts.push(format!("response=\"{response}\""));
    if let Some(opaque) = challenge.opaque() {
        parts.push(format!("opaque={}", quoted(opaque)));
    }
    if challenge.userhash() {
        parts.push("userhash=true".to_string());
    }
    Ok(format!("Digest {}", parts.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::response::challenge::parse;

    fn challenge(header: &str) -> Challenge {
        let parsed = parse(&[header]);
        assert_eq!(parsed.problems, [], "{header}");
        parsed.challenges.into_iter().next().expect(header)
    }

    fn answer(header: &str, input: &DigestInput) -> Result<String, DigestError> {
        authorization(&challenge(header), input)
    }

    /// The `response="…"` part of a header.
    fn response_of(header: &str) -> &str {
        header.split("response=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or("")
    }

    const RFC7616_NONCE: &str = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    const RFC7616_OPAQUE: &str = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

    const MUFASA_7616: DigestInput = DigestInput {
        username: "Mufasa",
        password: "Circle of Life",
        method: "GET",
        uri: "/dir/index.html",
        cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
        nc: 1,
    };

    fn rfc7616_challenge(algorithm: &str) -> String {
        format!(
            r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={algorithm}, nonce="{RFC7616_NONCE}", opaque="{RFC7616_OPAQUE}""#
        )
    }

    #[test]
    fn rfc7616_section_3_9_1_whole_headers() {
        for (algorithm, response) in [
            ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
            ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
        ] {
            let want = format!(
                r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm={algorithm}, nonce="{RFC7616_NONCE}", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="{response}", opaque="{RFC7616_OPAQUE}""#
            );
            assert_eq!(answer(&rfc7616_challenge(algorithm), &MUFASA_7616), Ok(want), "{algorithm}");
        }
    }

    #[test]
    fn rfc2617_section_3_5() {
        let header = r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#;
        let input = DigestInput {
            username: "Mufasa",
            password: "Circle Of Life",
            method: "GET",
            uri: "/dir/index.html",
            cnonce: "0a4f113b",
            nc: 1,
        };
        assert_eq!(
            answer(header, &input),
            Ok(r#"Digest username="Mufasa", realm="testrealm@host.com", uri="/dir/index.html", algorithm=MD5, nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", nc=00000001, cnonce="0a4f113b", qop=auth, response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41""#.into())
        );
    }

    #[test]
    fn rfc2069_form_without_qop() {
        // RFC 2069 §2.4's inputs. Its printed response (e966c932…) is a known mistake in that
        // RFC; this value is H(H(A1):nonce:H(A2)) as §2.1.2 defines it, reproduced by
        //   python3 -c 'import hashlib as h; m=lambda s: h.md5(s.encode()).hexdigest(); print(m(m("Mufasa:testrealm@host.com:CircleOfLife")+":dcd98b7102dd2f0e8b11d0f600bfb0c093:"+m("GET:/dir/index.html")))'
        let header = r#"Digest realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#;
        let input = DigestInput {
            username: "Mufasa",
            password: "CircleOfLife",
            method: "GET",
            uri: "/dir/index.html",
            cnonce: "ignored",
            nc: 1,
        };
        assert_eq!(
            answer(header, &input),
            Ok(r#"Digest username="Mufasa", realm="testrealm@host.com", uri="/dir/index.html", algorithm=MD5, nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", response="1949323746fe6a43ef61f9606e7febea", opaque="5ccc069c403ebaf9f0171e9517f40e41""#.into())
        );
    }

    /// Expected values come from Python's hashlib, not from this code. To reproduce:
    ///
    /// ```text
    /// python3 -c '
    /// import hashlib
    /// H = lambda a, s: hashlib.new(a, s.encode()).hexdigest()
    /// n, c = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
    /// for a in ("md5", "sha256", "sha512_256"):
    ///     for sess in (False, True):
    ///         ha1 = H(a, "Mufasa:http-auth@example.org:Circle of Life")
    ///         ha1 = H(a, f"{ha1}:{n}:{c}") if sess else ha1
    ///         print(a, sess, H(a, f"{ha1}:{n}:00000001:{c}:auth:" + H(a, "GET:/dir/index.html")))'
    /// ```
    #[test]
    fn every_algorithm_against_hashlib() {
        let cases = [
            ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
            ("md5-SESS", "e783283f46242139c486a698fec7211d"),
            ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
            ("SHA-256-sess", "2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7"),
            ("SHA-512-256", "430d05014cecc49cab6fbe03176d41a1da86cbfe24a16580e22aaad928d960d0"),
            ("SHA-512-256-sess", "3f2a34f923c38b0fb26dce2fdfc2ce326c23cecf86fbb1444f3e51fbbc2cb92e"),
        ];
        for (algorithm, want) in cases {
            let header =
                answer(&rfc7616_challenge(algorithm), &MUFASA_7616).unwrap_or_else(|e| panic!("{algorithm}: {e}"));
            assert_eq!(response_of(&header), want, "{algorithm}");
        }
    }

    #[test]
    fn userhash_rfc7616_section_3_9_2_inputs() {
        // §3.9.2's printed hashes do not reproduce (RFC errata 4897), so the expected values are
        // hashlib's for the same inputs:
        //   u = "J\u00e4s\u00f8n Doe"; H = lambda s: hashlib.new("sha512_256", s.encode()).hexdigest()
        //   H(u + ":api@example.org")  and the response as in every_algorithm_against_hashlib.
        let header = r#"Digest realm="api@example.org", qop="auth", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", charset=UTF-8, userhash=true"#;
        let input = DigestInput {
            username: "J\u{e4}s\u{f8}n Doe",
            password: "Secret, or not?",
            method: "GET",
            uri: "/doe.json",
            cnonce: "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
            nc: 1,
        };
        assert_eq!(
            answer(header, &input),
            Ok(r#"Digest username="793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b", realm="api@example.org", uri="/doe.json", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", nc=00000001, cnonce="NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", qop=auth, response="3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5", opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", userhash=true"#.into())
        );
    }

    #[test]
    fn header_shape() {
        let input = DigestInput { nc: 0x1a, uri: "/a?b=\"c\"", ..MUFASA_7616 };
        let cases = [
            // auth chosen among several, whatever the order and case.
            (r#"Digest realm="r", nonce="n", qop="auth-int, AUTH""#, "nc=0000001a, cnonce=", "opaque="),
            // No opaque in the challenge, none in the answer.
            (r#"Digest realm="r", nonce="n", qop=auth"#, "qop=auth, response=", "opaque="),
            // Escaped quotes in the challenge go back escaped; the uri is escaped too.
            (r#"Digest realm="a \"b\"", nonce=n, opaque="o\\p""#, r#"realm="a \"b\"", uri="/a?b=\"c\"""#, "qop="),
            (r#"Digest realm="r", nonce="n", opaque="o\\p""#, r#"opaque="o\\p""#, "userhash"),
        ];
        for (challenge_text, present, absent) in cases {
            let got = answer(challenge_text, &input).unwrap_or_else(|e| panic!("{challenge_text}: {e}"));
            assert!(got.contains(present), "{challenge_text}: {got} lacks {present}");
            assert!(!got.contains(absent), "{challenge_text}: {got} has {absent}");
        }
    }

    #[test]
    fn errors() {
        let cases = [
            (r#"Basic realm="r""#, DigestError::NotDigest { scheme: "Basic".into() }),
            (r#"Digest nonce="n""#, DigestError::MissingParam { name: "realm" }),
            (r#"Digest realm="r""#, DigestError::MissingParam { name: "nonce" }),
            (r#"Digest realm="r", nonce="n", algorithm=SHA-1"#, DigestError::UnknownAlgorithm { name: "SHA-1".into() }),
            (r#"Digest realm="r", nonce="n", qop="auth-int""#, DigestError::AuthIntOnly),
            (r#"Digest realm="r", nonce="n", qop="x, y""#, DigestError::UnsupportedQop { offered: "x, y".into() }),
            (
                r#"Digest realm="r", nonce="n", algorithm=MD5-sess"#,
                DigestError::SessWithoutQop { algorithm: "MD5-sess" },
            ),
        ];
        for (header, want) in cases {
            assert_eq!(answer(header, &MUFASA_7616), Err(want), "{header}");
        }
    }

    #[test]
    fn errors_read_as_sentences() {
        let unknown = answer(r#"Digest realm="r", nonce="n", algorithm=SHA-1"#, &MUFASA_7616).unwrap_err().to_string();
        assert!(
            unknown.starts_with("the Digest challenge asks for algorithm SHA-1, which is none of MD5"),
            "{unknown}"
        );
        let auth_int = DigestError::AuthIntOnly.to_string();
        assert!(auth_int.contains("Python requests") && auth_int.contains("request body"), "{auth_int}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_challenge_text_gives_a_header_or_an_error(text in prop_oneof![any::<String>(), "Digest[ -~]{0,80}", "(Digest|digest|Basic) ((realm|nonce|qop|algorithm|opaque|userhash|stale)=(\"[a-z ,\\-]*\"|[A-Za-z0-9\\-]*)(, )?){0,6}"],
                                                             user in ".{0,8}", uri in ".{0,8}", nc in any::<u32>()) {
                let input = DigestInput { username: &user, password: "p", method: "GET", uri: &uri, cnonce: "c", nc };
                for c in parse(&[&text]).challenges {
                    if let Ok(header) = authorization(&c, &input) {
                        prop_assert!(header.starts_with("Digest username="));
                        prop_assert!(matches!(response_of(&header).len(), 32 | 64), "{}", header);
                    }
                }
            }
        }
    }
}
