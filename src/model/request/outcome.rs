//! What pressing Send produced, and the request log's line for it.

use crate::model::findings::Finding;
use crate::model::response::received::Received;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// With a note when the Digest helper could not answer the challenge.
    Received {
        received: Received,
        note: Option<String>,
    },
    /// fetch failed without a status; the finding says CORS or unreachable.
    Failed {
        finding: Finding,
        message: String,
    },
    /// The pre-send checks found errors: nothing was sent.
    NotSent(Vec<Finding>),
    Cancelled,
}

impl Outcome {
    /// The request log's words; None when nothing went on the wire.
    pub fn log_line(&self) -> Option<String> {
        match self {
            Outcome::Received { received, .. } => Some(received.log_line()),
            Outcome::Failed { finding, .. } => Some(format!("no response: {}", finding.code())),
            Outcome::NotSent(_) => None,
            Outcome::Cancelled => Some("cancelled".into()),
        }
    }

    /// The response the diagnosis should read, when there is one.
    pub fn received(&self) -> Option<&Received> {
        match self {
            Outcome::Received { received, .. } => Some(received),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::findings::codes::{CORS_BLOCKED, URL_INVALID};

    #[test]
    fn log_lines() {
        let failed = Outcome::Failed { finding: Finding::new(CORS_BLOCKED, "x"), message: "TypeError".into() };
        assert_eq!(failed.log_line().as_deref(), Some("no response: cors_blocked"));
        assert_eq!(Outcome::NotSent(vec![Finding::new(URL_INVALID, "x")]).log_line(), None, "not sent, not logged");
        assert_eq!(Outcome::Cancelled.log_line().as_deref(), Some("cancelled"));
        assert!(failed.received().is_none());
    }
}
