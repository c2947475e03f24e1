//! The token box and everything derived from it.

use crate::model::findings::Finding;
use crate::model::time::Clock;
use crate::model::token::inspect::{self, Inspection};
use crate::model::token::rules;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Inspector {
    /// What is in the Token box, exactly as typed or pasted.
    pub raw: RwSignal<String>,
    /// Clock-skew leeway in seconds (0 like most servers).
    pub leeway: RwSignal<i64>,
    pub clock: Memo<Clock>,
    /// Recomputed only when the text changes, not every second.
    pub inspection: Memo<Inspection>,
    pub findings: Memo<Vec<Finding>>,
}

impl Inspector {
    pub fn new(now: ReadSignal<i64>) -> Self {
        let raw = RwSignal::new(String::new());
        let leeway = RwSignal::new(0);
        let clock = Memo::new(move |_| Clock { now: now.get(), leeway: leeway.get() });
        let inspection = Memo::new(move |_| raw.with(|text| inspect::inspect(text)));
        let findings = Memo::new(move |_| inspection.with(|i| rules::for_token(i, clock.get())));
        Inspector { raw, leeway, clock, inspection, findings }
    }
}
