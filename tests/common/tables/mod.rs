//! The table-driven finding tests as functions. Each table runs its rows (a code, an input that
//! must fire it, a near miss that must not) and returns what it saw, so that its own test file
//! asserts every row and `findings_docs` checks that every catalog code fires in some row.

pub mod diagnosis;
pub mod import;
pub mod reproduction;
pub mod sending;
pub mod signature;
pub mod token;
pub mod vendor;

/// One row, run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The test file the table belongs to.
    pub table: &'static str,
    pub code: &'static str,
    /// The codes the input that must fire `code` gave, and those its near miss gave.
    pub fired: Vec<&'static str>,
    pub quiet: Vec<&'static str>,
    /// The inputs, in words, for a failure message.
    pub case: String,
}

impl Outcome {
    /// The code fired on its case and stayed silent on the near miss.
    pub fn passed(&self) -> bool {
        self.fired.contains(&self.code) && !self.quiet.contains(&self.code)
    }

    fn problem(&self) -> Option<String> {
        let (table, code, case) = (self.table, self.code, &self.case);
        if !self.fired.contains(&code) {
            Some(format!("{table}: {code} should fire on {case}, got {:?}", self.fired))
        } else if self.quiet.contains(&code) {
            Some(format!("{table}: {code} should not fire on the near miss of {case}, got {:?}", self.quiet))
        } else {
            None
        }
    }
}

/// Every row fired its code and no near miss did.
pub fn assert_all(outcomes: &[Outcome]) {
    assert!(!outcomes.is_empty(), "an empty table");
    let problems: Vec<String> = outcomes.iter().filter_map(Outcome::problem).collect();
    assert!(problems.is_empty(), "{} of {} rows:\n{}", problems.len(), outcomes.len(), problems.join("\n"));
}

/// The rows of every table.
pub fn all() -> Vec<Outcome> {
    [
        token::outcomes(),
        signature::outcomes(),
        sending::outcomes(),
        vendor::outcomes(),
        diagnosis::outcomes(),
        reproduction::outcomes(),
        import::outcomes(),
    ]
    .concat()
}
