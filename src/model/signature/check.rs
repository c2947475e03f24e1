//! What WebCrypto answered for each attempt of a plan, and what the page concludes from it:
//! the verdict in the Signature card and the findings that explain a failed check.

use super::plan::{after_verification, Plan};
use super::strict;
use crate::model::findings::{clause, Finding};
use crate::model::keys::KeyMaterial;

/// WebCrypto's answer for one attempt of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckOutcome {
    /// The signature is valid for this key.
    Verified,
    /// The key was imported and the signature does not verify with it.
    Invalid,
    /// This browser cannot run the algorithm (Ed25519 in older browsers, no WebCrypto outside a
    /// secure context). A sentence starting in lower case, ending with a full stop.
    Unsupported(String),
    /// The key could not be imported or the check threw; the sentence carries the exception's
    /// name and message (e.g. "DataError: …").
    ImportFailed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Index into `Verification::attempts`.
    pub attempt: usize,
    /// Index into the keys (`Attempt::key`).
    pub key: usize,
    pub outcome: CheckOutcome,
}

/// What the last check said, in the words the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Verified {
        key: String,
    },
    /// The bytes verify with `key`, but a strict server still refuses the token: `why` names
    /// each reason (the findings say more).
    Refused {
        key: String,
        why: Vec<String>,
    },
    /// The bytes verify once the page removed what the paste added (`what`): a server given the
    /// token as pasted refuses it.
    Cleaned {
        key: String,
        what: Vec<String>,
    },
    /// The bytes verify with the key the token names in its own header (`member`): anyone can
    /// make such a token.
    SelfNamed {
        key: String,
        member: &'static str,
    },
    Invalid {
        tried: usize,
    },
    NotChecked(String),
    Checking,
}

impl Verdict {
    /// The sentence in the Signature card. "Signature verified" is said only for a signature
    /// WebCrypto accepted with the named key.
    pub fn sentence(&self) -> String {
        match self {
            Verdict::Verified { key } => format!("Signature verified with {key}."),
            Verdict::Cleaned { key, what } => format!(
                "The signature matches the token as this page read it, after removing {}. A server given the token as pasted refuses it; if only your copy added that, the token is fine. (Key: {key}.)",
                what.join(" and ")
            ),
            Verdict::SelfNamed { key, member } => format!(
                "The signature matches the key the token names in its own {member} header ({key}), which proves nothing: anyone can sign a token and name their own key. A server must verify with keys it already trusts."
            ),
            Verdict::Refused { key, why } => {
                format!(
                    "The signature matches, but a strict server rejects this token: {}. (Key: {key}.)",
                    why.join("; ")
                )
            }
            Verdict::Invalid { tried: 1 } => "Signature invalid: the key did not verify it.".into(),
            Verdict::Invalid { tried } => format!("Signature invalid: none of the {tried} keys verified it."),
            Verdict::Checking => "Checking…".into(),
            Verdict::NotChecked(why) if why.is_empty() => "Not checked.".into(),
            Verdict::NotChecked(why) => why.clone(),
        }
    }

    /// Good, bad, or neither (not checked yet, or could not be).
    pub fn tone(&self) -> Option<bool> {
        match self {
            Verdict::Verified { .. } => Some(true),
            Verdict::Invalid { .. } | Verdict::Refused { .. } => Some(false),
            _ => None,
        }
    }
}

/// The verdict and the findings for WebCrypto's answers to `plan`'s attempts. A check that
/// could not run (unsupported, import failed) is "not checked", never "invalid", unless
/// another key was imported and rejected the signature.
pub fn judge(plan: &Plan, keys: &[KeyMaterial], results: &[Checked]) -> (Verdict, Vec<Finding>) {
    let verified = results.iter().find(|c| c.outcome == CheckOutcome::Verified);
    let problem = results.iter().find_map(|c| match &c.outcome {
        CheckOutcome::Unsupported(m) | CheckOutcome::ImportFailed(m) => Some(m),
        _ => None,
    });
    let any_invalid = results.iter().any(|c| c.outcome == CheckOutcome::Invalid);
    match (verified, problem) {
        (Some(c), _) => {
            let key = keys.get(c.key).map(KeyMaterial::label).unwrap_or_default();
            let shown = |f: &Finding| plan.findings.iter().any(|p| p.code() == f.code());
            let for_key =
                plan.verification.as_ref().and_then(|v| v.attempts.get(c.attempt)).map_or(&[][..], |a| &a.refusals);
            let refusals: Vec<&Finding> = plan
                .findings
                .iter()
                .filter(|f| strict::TOKEN_REFUSALS.contains(&f.code()))
                .chain(&plan.refusals)
                .chain(for_key)
                .collect();
            let mut why: Vec<String> = Vec::new();
            for title in refusals.iter().map(|f| clause(f.info.title)) {
                if !why.contains(&title) {
                    why.push(title);
                }
            }
            if why.is_empty() && !plan.pasted.is_empty() {
                return (Verdict::Cleaned { key, what: plan.pasted.clone() }, Vec::new());
            }
            if why.is_empty() {
                let attempt = plan.verification.as_ref().and_then(|v| v.attempts.get(c.attempt));
                if let Some(member) = attempt.and_then(|a| a.named_by_token) {
                    return (Verdict::SelfNamed { key, member }, Vec::new());
                }
                return (Verdict::Verified { key }, after_verification(plan, keys, true));
            }
            // What the plan already shows is named in the verdict, not repeated as a finding.
            let new = refusals.into_iter().filter(|f| !shown(f)).cloned().collect();
            (Verdict::Refused { key, why }, new)
        }
        (None, Some(why)) if !any_invalid => (Verdict::NotChecked(format!("Not checked: {why}")), Vec::new()),
        (None, _) => (Verdict::Invalid { tried: results.len() }, after_verification(plan, keys, false)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::{classify, SecretEncoding};
    use crate::model::signature::plan::plan;
    use crate::model::token::jose;

    // RFC 7515 A.1: HS256 with its published key.
    const A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const A1_KEY: &str =
        r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;

    fn checked(outcomes: &[CheckOutcome]) -> Vec<Checked> {
        outcomes.iter().enumerate().map(|(i, o)| Checked { attempt: i, key: 0, outcome: o.clone() }).collect()
    }

    #[test]
    fn verdicts_from_answers() {
        let keys = classify(A1_KEY, SecretEncoding::Utf8).keys;
        let p = plan(&jose::parse(A1), &keys, false);
        let (v, findings) = judge(&p, &keys, &checked(&[CheckOutcome::Verified]));
        assert!(matches!(v, Verdict::Verified { ref key } if key.contains("HMAC secret of 64 bytes")), "{v:?}");
        assert!(findings.is_empty(), "{findings:?}");

        let (v, findings) = judge(&p, &keys, &checked(&[CheckOutcome::Invalid]));
        assert_eq!(v, Verdict::Invalid { tried: 1 });
        assert_eq!(findings.iter().map(Finding::code).collect::<Vec<_>>(), ["signature_invalid"]);

        let unsupported = CheckOutcome::Unsupported("this browser has no Ed25519.".into());
        let (v, findings) = judge(&p, &keys, &checked(&[unsupported]));
        assert_eq!(v, Verdict::NotChecked("Not checked: this browser has no Ed25519.".into()));
        assert!(findings.is_empty());

        // A key that could not be imported does not hide another key's rejection.
        let failed = CheckOutcome::ImportFailed("DataError: bad key".into());
        let (v, _) = judge(&p, &keys, &checked(&[failed, CheckOutcome::Invalid]));
        assert_eq!(v, Verdict::Invalid { tried: 2 });
        assert_eq!(v.sentence(), "Signature invalid: none of the 2 keys verified it.");
        assert_eq!(Verdict::Invalid { tried: 1 }.sentence(), "Signature invalid: the key did not verify it.");
        assert_eq!(Verdict::NotChecked(String::new()).sentence(), "Not checked.");
        assert_eq!(judge(&p, &keys, &checked(&[CheckOutcome::Verified])).0.tone(), Some(true));
    }

    #[test]
    fn bytes_that_verify_are_not_verified_when_a_strict_server_refuses() {
        // The same token and secret, the key now declared for HS512 and the secret too short.
        let key = A1_KEY.replace("{\"kty\"", "{\"alg\":\"HS512\",\"kty\"");
        let keys = classify(&key, SecretEncoding::Utf8).keys;
        let p = plan(&jose::parse(A1), &keys, false);
        let (v, findings) = judge(&p, &keys, &checked(&[CheckOutcome::Verified]));
        assert_eq!(
            v.sentence(),
            "The signature matches, but a strict server rejects this token: the token's algorithm does not fit the key. (Key: HMAC secret of 64 bytes from the JWK.)"
        );
        assert_eq!(v.tone(), Some(false));
        // The plan already showed the mismatch before the check: it is named, not repeated.
        assert!(p.findings.iter().any(|f| f.code() == "alg_key_mismatch"));
        assert!(findings.is_empty(), "{findings:?}");
        // Padding after the signature: the bytes still verify, the encoding does not pass.
        let padded = format!("{A1}=");
        let keys = classify(A1_KEY, SecretEncoding::Utf8).keys;
        let p = plan(&jose::parse(&padded), &keys, false);
        let (v, _) = judge(&p, &keys, &checked(&[CheckOutcome::Verified]));
        assert!(
            matches!(&v, Verdict::Refused { why, .. } if why[0].starts_with("the token is not strict base64url")),
            "{v:?}"
        );
    }

    #[test]
    fn header_refusals_make_the_verdict_refused() {
        let keys = classify(A1_KEY, SecretEncoding::Utf8).keys;
        let b64 = crate::model::b64::encode;
        for (header, reason) in [
            (r#"{"alg":"HS256","kid":"a","kid":"b"}"#, "the token's header names one member twice"),
            (r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, "the token's crit header asks for an extension"),
            (r#"{"alg":"HS256","b64":"false","crit":["b64"]}"#, "the token's crit header asks for an extension"),
        ] {
            let token = format!("{}.{}.{}", b64(header.as_bytes()), b64(b"{}"), b64(&[0; 32]));
            let p = plan(&jose::parse(&token), &keys, false);
            let (v, _) = judge(&p, &keys, &checked(&[CheckOutcome::Verified]));
            assert!(matches!(&v, Verdict::Refused { why, .. } if why[0].starts_with(reason)), "{header}: {v:?}");
        }
        // A lone key under another kid verifies the bytes, but a server choosing by kid never
        // tries it; without a kid on either side it is simply the key.
        let kid = |k: &str| A1_KEY.replace("{\"kty\"", &format!("{{\"kid\":\"{k}\",\"kty\""));
        let token = format!("{}.{}.{}", b64(br#"{"alg":"HS256","kid":"2025"}"#), b64(b"{}"), b64(&[0; 32]));
        for (key, refused) in [(kid("2024"), true), (kid("2025"), false)] {
            let keys = classify(&key, SecretEncoding::Utf8).keys;
            let p = plan(&jose::parse(&token), &keys, false);
            let (v, _) = judge(&p, &keys, &checked(&[CheckOutcome::Verified]));
            assert_eq!(matches!(v, Verdict::Refused { .. }), refused, "{key}: {v:?}");
        }
    }
}
