//! What the engine hands the page: ranked findings, the verdict line, checks for the user's
//! script; and the `Hit` each rule produces before ranking.

use crate::model::findings::{clause, CodeInfo, Finding};

/// How sure a finding is to be the cause. Declared in ranking order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Likelihood {
    /// The signal settles it, e.g. error="invalid_token" and an exp in the past.
    High,
    /// A strong hint.
    Medium,
    /// A heuristic.
    Low,
}

impl Likelihood {
    pub fn label(self) -> &'static str {
        match self {
            Likelihood::High => "high",
            Likelihood::Medium => "medium",
            Likelihood::Low => "low",
        }
    }

    /// One step less sure, for a finding whose evidence did not take part in this exchange.
    pub(crate) fn demoted(self) -> Likelihood {
        match self {
            Likelihood::High => Likelihood::Medium,
            _ => Likelihood::Low,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub finding: Finding,
    pub likelihood: Likelihood,
}

/// Something to check in the user's own script when the evidence to decide it is absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptCheck {
    pub title: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// One line in plain words, built from the top finding.
    pub verdict: String,
    /// Likeliest first.
    pub ranked: Vec<Ranked>,
    pub script_checks: Vec<ScriptCheck>,
    pub all_good: bool,
    /// Nothing to diagnose: no token, request or response (the verdict says what to give).
    pub nothing_given: bool,
}

impl Report {
    /// One finding the page saw by itself, with no exchange to diagnose: a sign-in that came
    /// back with an error.
    pub fn single(finding: Finding) -> Report {
        let words = finding.headline.clone().unwrap_or_else(|| clause(finding.info.title));
        let ranked = vec![Ranked { finding, likelihood: Likelihood::High }];
        Report {
            verdict: format!("Most likely: {words}."),
            ranked,
            script_checks: Vec::new(),
            all_good: false,
            nothing_given: false,
        }
    }

    /// The page's own request got no readable answer (CORS, unreachable): that outranks
    /// anything said about the request, since the server's reply was never seen.
    pub fn answer_withheld(mut self, finding: Finding) -> Report {
        self.verdict = format!("Most likely: {}", finding.info.title);
        self.all_good = false;
        self.nothing_given = false;
        self.ranked.insert(0, Ranked { finding, likelihood: Likelihood::High });
        self
    }
}

/// A rule's result before ranking, with the verdict line it gives when it comes out on top.
pub(crate) struct Hit {
    pub finding: Finding,
    pub likelihood: Likelihood,
    /// Lowercase words after "Most likely: "; the title is used when absent.
    pub headline: Option<String>,
}

impl Hit {
    pub fn new(info: &'static CodeInfo, evidence: impl Into<String>, likelihood: Likelihood) -> Hit {
        Hit { finding: Finding::new(info, evidence), likelihood, headline: None }
    }

    pub fn of(finding: Finding, likelihood: Likelihood) -> Hit {
        let headline = finding.headline.clone();
        Hit { finding, likelihood, headline }
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Hit {
        self.finding.fix = fix.into();
        self
    }

    pub fn headline(mut self, headline: impl Into<String>) -> Hit {
        self.headline = Some(headline.into());
        self
    }

    pub fn code(&self) -> &'static str {
        self.finding.info.code
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::findings::codes::{CORS_BLOCKED, TOKEN_EXPIRED};

    #[test]
    fn a_withheld_answer_goes_on_top() {
        let report = Report {
            verdict: "All good".into(),
            ranked: vec![Ranked { finding: Finding::new(TOKEN_EXPIRED, "exp"), likelihood: Likelihood::High }],
            script_checks: Vec::new(),
            all_good: true,
            nothing_given: false,
        };
        let r = report.answer_withheld(Finding::new(CORS_BLOCKED, "no Access-Control-Allow-Origin"));
        assert_eq!(r.ranked.iter().map(|x| x.finding.code()).collect::<Vec<_>>(), ["cors_blocked", "token_expired"]);
        assert!(!r.all_good);
        assert_eq!(r.verdict, format!("Most likely: {}", CORS_BLOCKED.title));
    }
}
