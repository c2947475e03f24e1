//! What each sender cannot send exactly: every reproduction code fires for its sender and stays
//! silent on a near miss (the table is `common::tables::reproduction`, which `findings_docs`
//! also runs), and a sender that can send it lists nothing.

mod common;

use common::tables::{self, reproduction::*};
use why401::model::request::export::Target;
use why401::model::request::reproduction::Sender;

#[test]
fn each_code_fires_and_its_near_miss_does_not() {
    tables::assert_all(&tables::reproduction::outcomes());
}

#[test]
fn what_one_sender_cannot_send_another_sends_exactly() {
    for (code, sender, fires, _) in cases() {
        let listed = why401::model::request::reproduction::for_sender(&fires, sender);
        let d = listed.iter().find(|d| d.code() == code).expect("the case fires");
        assert!(!d.exact.is_empty() && !d.exact.contains(&sender), "{code}: {:?}", d.exact);
        for other in &d.exact {
            assert!(!codes(&fires, *other).contains(&code), "{code}: {} is said to send it exactly", other.label());
        }
    }
    // curl sends everything a request can hold.
    for (_, _, fires, _) in cases() {
        assert!(codes(&fires, Sender::Export(Target::Curl)).is_empty());
    }
}
