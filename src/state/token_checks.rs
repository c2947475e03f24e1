//! Introspect and Revoke: asking the authorization server about the Token box's token or the
//! refresh token (RFC 7662), and revoking one (RFC 7009), on the user's press.

use super::token_getter::{refusal, Unanswered};
use super::{Composer, Inspector, TokenGetter};
use crate::model::diagnosis::Report;
use crate::model::oauth::introspection::{self, Said, Which};
use crate::model::oauth::token_request::FormError;
use crate::model::request::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last Introspect or Revoke press brought.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    /// The answer, in plain words.
    Said(Said),
    /// Refused, unreadable or not answered: the diagnosis of that exchange.
    Failed(Report),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Introspect,
    Revoke,
}

impl TokenGetter {
    /// The request a press would send, or why there is none yet (tracked: the buttons follow).
    pub fn check_request(self, check: Check, inspector: Inspector) -> Result<Request, FormError> {
        let which = self.which.get();
        let token = match which {
            Which::Access => inspector.inspection.with(|i| i.extracted.token.clone()),
            Which::Refresh => self.form.with(|f| f.refresh_token.clone()),
        };
        self.form.with(|f| match check {
            Check::Introspect => introspection::introspect(f, &token, which),
            Check::Revoke => introspection::revoke(f, &token, which),
        })
    }

    pub fn check_token(self, check: Check, composer: Composer, inspector: Inspector) {
        // One call at a time: a slow Introspect must not overwrite a later Revoke's answer.
        if self.checking.get_untracked() {
            return;
        }
        let Ok(req) = untrack(|| self.check_request(check, inspector)) else { return };
        let which = self.which.get_untracked();
        self.checked.set(None);
        self.checking.set(true);
        spawn_local(async move {
            let clock = inspector.clock.get_untracked();
            let what = match check {
                Check::Introspect => "introspection",
                Check::Revoke => "revocation",
            };
            let checked = match self.call(&req, composer, clock, what).await {
                Ok(received) => {
                    let said = match check {
                        Check::Introspect => {
                            introspection::read_introspection(received.status, &received.body, clock.now)
                        }
                        Check::Revoke => introspection::read_revocation(received.status, &received.body, which),
                    };
                    match said {
                        Some(s) => Checked::Said(s),
                        None => Checked::Failed(refusal(&req, &received, clock)),
                    }
                }
                Err(Unanswered::Failed(report)) => Checked::Failed(report),
                Err(Unanswered::NotSent(why)) => Checked::Said(Said { good: false, line: why }),
            };
            self.checked.set(Some(checked));
            self.checking.set(false);
        });
    }
}
