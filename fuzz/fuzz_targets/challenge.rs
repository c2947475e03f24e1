//! Any bytes, split into header values at line breaks: the parser and the Digest response
//! computed from every challenge it finds must return, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use why401::model::response::challenge::parse;
use why401::model::request::digest::{authorization, DigestInput};

fuzz_target!(|data: &[u8]| {
    // Header values reach the parser as &str; lossy keeps non-UTF-8 inputs useful.
    let text = String::from_utf8_lossy(data);
    let values: Vec<&str> = text.split('\n').collect();
    let parsed = parse(&values);
    for e in &parsed.problems {
        assert!(e.offset <= values[e.value].len());
        let _ = e.to_string();
    }
    let input = DigestInput { username: "u", password: "p", method: "GET", uri: "/", cnonce: "c", nc: 1 };
    for c in &parsed.challenges {
        let _ = authorization(c, &input);
    }
});
