//! Our base64url decoder against the `base64` crate as an oracle (see `common::oracle`): valid
//! input gives exactly the oracle's bytes; invalid input a located error at the first offending
//! character (or the length), inside the input, whose message says where and what.

mod common;

use common::oracle::{check_segment, oracle};
use why401::model::b64::{decode_segment, B64Error};

/// Every string of up to four characters over an alphabet with each kind of character (base64url
/// letters whose unused bits are zero or not, the standard alphabet, padding, whitespace, a
/// quote, a control character, multi-byte UTF-8), and of five over a smaller one (4n+1).
#[test]
fn every_short_input_against_the_oracle() {
    let wide = ['A', 'Q', 'z', '0', '-', '_', '+', '/', '=', ' ', '\n', '"', '\0', 'é'];
    let narrow = ['Q', 'z', '_', '+', '=', 'é'];
    let mut inputs = vec![String::new()];
    let mut frontier = vec![String::new()];
    for len in 1..=5 {
        let alphabet: &[char] = if len <= 4 { &wide } else { &narrow };
        frontier = frontier
            .iter()
            .filter(|s| len <= 4 || s.chars().all(|c| narrow.contains(&c)))
            .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
            .collect();
        inputs.extend(frontier.iter().cloned());
    }
    // (valid, located error, length error, recovered with an error, trailing-bits leniency)
    let mut seen = [0usize; 5];
    let mut failures = Vec::new();
    for s in &inputs {
        if let Err(why) = check_segment(s) {
            failures.push(format!("{s:?}: {why}"));
            continue;
        }
        let d = decode_segment(s);
        let kind = match (&d.error, &d.bytes) {
            (None, _) if oracle(s).is_ok_and(|(_, lenient)| lenient) => 4,
            (None, _) => 0,
            (Some(B64Error::Length { .. }), _) => 2,
            (Some(_), Some(_)) => 3,
            (Some(_), None) => 1,
        };
        seen[kind] += 1;
    }
    assert!(
        failures.is_empty(),
        "{} of {} inputs:\n{}",
        failures.len(),
        inputs.len(),
        failures[..failures.len().min(20)].join("\n")
    );
    assert!(seen.iter().all(|n| *n > 0), "every kind of outcome is exercised: {seen:?}");
    assert_eq!(seen.iter().sum::<usize>(), inputs.len());
}

#[test]
fn messages_name_the_location_and_the_character() {
    let cases: &[(&str, &str)] = &[
        ("ab+c", "is not valid base64url at byte 2: '+' belongs to standard base64"),
        ("abc\u{1}", "is not valid base64url at byte 3: control character U+0001 is not a base64url character"),
        ("é", "is not valid base64url at byte 0: 'é' is not a base64url character"),
        ("abé!", "is not valid base64url at byte 2: 'é'"),
        ("YQ==YQ", "is not valid base64url at byte 2: '=' padding is not allowed"),
        ("abcde", "is not valid base64url: 5 characters cannot encode whole bytes"),
    ];
    for (input, message) in cases {
        let e = decode_segment(input).error.unwrap_or_else(|| panic!("{input:?}: no error"));
        assert!(e.to_string().starts_with(message), "{input:?}: {e}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use proptest::prelude::*;

    /// A character of each kind, and any character at all.
    fn any_char() -> impl Strategy<Value = char> {
        prop_oneof![
            proptest::sample::select(vec![
                'A', 'Q', 'z', '-', '_', '+', '/', '=', ' ', '\t', '\r', '\n', '"', '.', '\0', 'é', '€', '😀'
            ]),
            any::<char>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn valid_input_gives_the_oracles_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..120)) {
            let text = URL_SAFE_NO_PAD.encode(&bytes);
            let d = decode_segment(&text);
            prop_assert_eq!(d.error, None, "{}", text);
            prop_assert_eq!(d.bytes, Some(bytes));
        }

        #[test]
        fn one_edit_to_valid_input(
            bytes in proptest::collection::vec(any::<u8>(), 0..60),
            at in any::<proptest::sample::Index>(),
            edit in 0..3u8,
            c in any_char(),
        ) {
            let mut text = URL_SAFE_NO_PAD.encode(&bytes);
            let i = if text.is_empty() { 0 } else { at.index(text.len()) };
            match edit {
                0 => text.insert(i, c),
                1 if !text.is_empty() => text.replace_range(i..i + 1, &c.to_string()),
                _ if !text.is_empty() => { text.remove(i); }
                _ => text.push(c),
            }
            prop_assert!(check_segment(&text).is_ok(), "{:?}: {}", text, check_segment(&text).unwrap_err());
        }

        #[test]
        fn any_text(text in prop_oneof!["[A-Za-z0-9_+/= \n\"é-]{0,24}", any::<String>()]) {
            prop_assert!(check_segment(&text).is_ok(), "{:?}: {}", text, check_segment(&text).unwrap_err());
        }
    }
}
