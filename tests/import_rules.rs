//! What a pasted curl command does that the page cannot send: every import code fires on its
//! command and stays silent on a near miss (the table is `common::tables::import`, which
//! `findings_docs` also runs), and every code there is one of the reproduction family.

mod common;

use common::tables;
use why401::model::findings::codes::REPRODUCTION_CODES;

#[test]
fn each_code_fires_and_its_near_miss_does_not() {
    tables::assert_all(&tables::import::outcomes());
}

#[test]
fn import_codes_are_reproduction_codes() {
    for (code, _, _) in tables::import::cases() {
        assert!(REPRODUCTION_CODES.iter().any(|c| c.code == code), "{code}");
    }
}
