//! Bench-only entry points (cargo feature `bench`; never in the shipped build): decoding and
//! verification timed inside the wasm, in the browser that runs jose and jwt-decode beside
//! them. scripts/bench.mjs calls them through Trunk's `window.wasmBindings`.

use crate::browser::webcrypto;
use crate::model::keys::{classify, SecretEncoding};
use crate::model::signature::check::CheckOutcome;
use crate::model::signature::{check, plan};
use crate::model::token::jose;
use wasm_bindgen::prelude::*;

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Microseconds per run, from the time since `start` (ms) over `runs` runs.
fn per_run_us(start: f64, runs: u32) -> f64 {
    (now_ms() - start) * 1000.0 / f64::from(runs.max(1))
}

/// Microseconds per decode of `token` (its segments, base64url and JSON), over `runs` runs.
#[wasm_bindgen]
pub fn bench_decode(token: &str, runs: u32) -> f64 {
    let start = now_ms();
    let mut kept = 0usize;
    for _ in 0..runs {
        kept += std::hint::black_box(jose::parse(std::hint::black_box(token))).segments.len();
    }
    std::hint::black_box(kept);
    per_run_us(start, runs)
}

/// Microseconds per verification of `token` with `key` (a JWK, JWKS or PEM, read once as the
/// Key field reads it): the token parsed, the plan with its strict checks, WebCrypto's verify
/// and the verdict, each run. Rejects unless every run says Verified.
#[wasm_bindgen]
pub async fn bench_verify(token: String, key: String, runs: u32) -> Result<f64, JsValue> {
    let input = classify(&key, SecretEncoding::Utf8);
    let start = now_ms();
    for _ in 0..runs {
        let parsed = jose::parse(&token);
        let plan = plan::plan(&parsed, &input.keys, input.is_set);
        let Some(verification) = plan.verification.as_ref() else {
            return Err(JsValue::from_str(&format!("not checked: {:?}", plan.why)));
        };
        let results = webcrypto::verify(verification, &input.keys).await;
        let (verdict, _) = check::judge(&plan, &input.keys, &results);
        if verdict.tone() != Some(true) {
            return Err(JsValue::from_str(&format!("not verified: {verdict:?}")));
        }
    }
    Ok(per_run_us(start, runs))
}

/// The parts of `bench_verify`, each timed in its own loop (performance.now() ticks in 100 us
/// steps, too coarse to time one part of one run): [plan with its strict checks, WebCrypto's
/// verify of the planned call], microseconds per run. The parse is `bench_decode`.
#[wasm_bindgen]
pub async fn bench_verify_parts(token: String, key: String, runs: u32) -> Result<Vec<f64>, JsValue> {
    let input = classify(&key, SecretEncoding::Utf8);
    let parsed = jose::parse(&token);
    let start = now_ms();
    let mut planned = 0usize;
    for _ in 0..runs {
        planned += std::hint::black_box(plan::plan(&parsed, &input.keys, input.is_set)).findings.len();
    }
    std::hint::black_box(planned);
    let plan_us = per_run_us(start, runs);
    let plan = plan::plan(&parsed, &input.keys, input.is_set);
    let verification = plan.verification.as_ref().ok_or_else(|| JsValue::from_str("not checked"))?;
    let start = now_ms();
    for _ in 0..runs {
        let results = webcrypto::verify(verification, &input.keys).await;
        if !results.last().is_some_and(|r| r.outcome == CheckOutcome::Verified) {
            return Err(JsValue::from_str("not verified"));
        }
    }
    Ok(vec![plan_us, per_run_us(start, runs)])
}
