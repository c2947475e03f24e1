//! Project Wycheproof's JOSE vectors (tests/fixtures/wycheproof) through the page's own path:
//! the Token box's reading, the verification plan, the browser's WebCrypto and the strict
//! verdict. Every valid vector is "Signature verified"; no invalid one ever is: it fails to
//! verify, cannot be checked, or gets "a strict server rejects this token" with the reason.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen_test::*;
use why401::browser::webcrypto;
use why401::model::keys::{classify, SecretEncoding};
use why401::model::signature::check::{judge, Verdict};
use why401::model::signature::plan::plan_pasted;
use why401::model::token::inspect::inspect;

wasm_bindgen_test_configure!(run_in_browser);

const SIGNATURES: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wycheproof/json_web_signature_test.json"));
const KEYS: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wycheproof/json_web_key_test.json"));

/// tcIds whose `result` the page reads otherwise, for the reasons in the fixtures' README.
const SAME_AS_VALID_357: &[u64] = &[367, 370];
const STRAY_CHARACTER: &[u64] = &[372, 373];
const KEY_ALG_DIFFERS: &[u64] = &[346, 347, 350, 351];

struct Case {
    file: &'static str,
    tc_id: u64,
    comment: String,
    jws: String,
    key: String,
    valid: bool,
}

fn cases(file: &'static str, text: &str) -> Vec<Case> {
    let doc: Value = serde_json::from_str(text).expect("vector file");
    let mut out = Vec::new();
    for group in doc["testGroups"].as_array().expect("testGroups") {
        // The public half where there is one, as an API holds it; a secret otherwise.
        let key = group.get("public").or_else(|| group.get("private")).expect("a key").to_string();
        for t in group["tests"].as_array().expect("tests") {
            let tc_id = t["tcId"].as_u64().expect("tcId");
            let jws = match &t["jws"] {
                Value::String(s) => s.clone(),
                // JSON serialisation: pasted as the JSON text it is.
                other => other.to_string(),
            };
            let valid = match t["result"].as_str() {
                Some("valid") => {
                    file != "signature" || !STRAY_CHARACTER.contains(&tc_id) && !KEY_ALG_DIFFERS.contains(&tc_id)
                }
                _ => file == "signature" && SAME_AS_VALID_357.contains(&tc_id),
            };
            let comment = t["comment"].as_str().unwrap_or_default().to_string();
            out.push(Case { file, tc_id, comment, jws, key: key.clone(), valid });
        }
    }
    out
}

/// What the Signature card says for this token and key.
async fn verdict(case: &Case) -> (Verdict, Vec<String>) {
    let keys = classify(&case.key, SecretEncoding::Utf8);
    let inspection = inspect(&case.jws);
    let plan = plan_pasted(&inspection, &keys.keys, keys.is_set, None);
    let codes = |extra: &[why401::model::findings::Finding]| {
        plan.findings.iter().chain(&plan.refusals).chain(extra).map(|f| f.code().to_string()).collect::<Vec<_>>()
    };
    let Some(v) = plan.verification.clone() else {
        return (Verdict::NotChecked(plan.why.clone()), codes(&[]));
    };
    let results = webcrypto::verify(&v, &keys.keys).await;
    let (verdict, findings) = judge(&plan, &keys.keys, &results);
    let all = codes(&findings);
    (verdict, all)
}

#[wasm_bindgen_test]
async fn no_invalid_wycheproof_vector_is_called_verified_and_every_valid_one_is() {
    let mut all = cases("signature", SIGNATURES);
    all.extend(cases("key", KEYS));
    assert_eq!(all.len(), 401 + 26, "the vector files changed");
    let mut wrong = Vec::new();
    let (mut verified, mut refused, mut failed) = (0, 0, 0);
    for case in &all {
        let (verdict, codes) = verdict(case).await;
        match (&verdict, case.valid) {
            (Verdict::Verified { .. }, true) => verified += 1,
            (Verdict::Verified { .. }, false) | (_, true) => {
                wrong.push(format!("{} tcId {} {}: {verdict:?} {codes:?}", case.file, case.tc_id, case.comment))
            }
            (Verdict::Refused { .. }, false) => refused += 1,
            (_, false) => failed += 1,
        }
        if case.file == "signature" {
            let must = if STRAY_CHARACTER.contains(&case.tc_id) {
                Some("jws_encoding_not_strict")
            } else {
                KEY_ALG_DIFFERS.contains(&case.tc_id).then_some("alg_key_mismatch")
            };
            if let Some(code) = must {
                assert!(codes.iter().any(|c| c == code), "tcId {}: {code} in {codes:?}", case.tc_id);
            }
        }
    }
    web_sys::console::log_1(
        &format!("wycheproof: {verified} verified, {refused} refused by the strict rules, {failed} not verified")
            .into(),
    );
    assert!(wrong.is_empty(), "{} of {} vectors misjudged:\n{}", wrong.len(), all.len(), wrong.join("\n"));
}

/// The strict rules, each with the vector that needs it: the reason is named, not only "not
/// verified".
#[wasm_bindgen_test]
async fn each_strict_rule_names_its_reason_on_its_vector() {
    let mut all = cases("signature", SIGNATURES);
    all.extend(cases("key", KEYS));
    let expect: &[(&str, u64, &str)] = &[
        ("signature", 332, "alg_key_mismatch"),
        ("signature", 366, "jws_encoding_not_strict"),
        ("signature", 374, "jws_encoding_not_strict"),
        ("key", 1, "jwks_mixed_key_types"),
        ("key", 4, "jwks_duplicate_kid"),
        ("key", 7, "rsa_key_weak"),
        ("key", 10, "hs_secret_too_short"),
    ];
    for (file, tc_id, code) in expect {
        let case = all.iter().find(|c| c.file == *file && c.tc_id == *tc_id).expect("the vector");
        let (verdict, codes) = verdict(case).await;
        assert!(codes.iter().any(|c| c == code), "{file} {tc_id} {}: {code} in {codes:?} ({verdict:?})", case.comment);
        assert!(!matches!(verdict, Verdict::Verified { .. }), "{file} {tc_id}: {verdict:?}");
    }
    // Spaces inside the MAC: the page reads the token without them, and says so.
    let spaced = all.iter().find(|c| c.file == "signature" && c.tc_id == 360).expect("tcId 360");
    let (verdict, _) = verdict(spaced).await;
    assert!(matches!(&verdict, Verdict::Cleaned { what, .. } if what[0].contains("whitespace")), "{verdict:?}");
}
