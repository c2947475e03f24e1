//! The device grant (RFC 8628) on the user's press: the device authorization request, the code
//! shown for the user to type on another device, and the token endpoint polled at the interval
//! the server asks for until a token, a refusal, or the code's expiry. Stop waiting ends it.

use super::token_getter::refusal;
use super::{Composer, Got, Inspector, TokenGetter};
use crate::browser::clock::sleep;
use crate::model::oauth::device::{self, DeviceCode, Next};
use crate::model::oauth::token_response::{self, TokenAnswer};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The device flow in progress: the code to show, and where the polling stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceWait {
    pub code: DeviceCode,
    pub status: String,
}

impl TokenGetter {
    pub fn start_device(self, composer: Composer, inspector: Inspector) {
        let Ok(req) = self.form.with_untracked(device::authorization_request) else { return };
        if self.in_flight.get_untracked() {
            return;
        }
        let run = self.device_run.get_untracked() + 1;
        self.device_run.set(run);
        self.in_flight.set(true);
        self.got.set(None);
        spawn_local(async move {
            let got = self.device_flow(req, run, composer, inspector).await;
            // A cancelled run leaves the page to the next one.
            if self.device_run.get_untracked() == run {
                self.device.set(None);
                self.in_flight.set(false);
                self.got.set(got);
            }
        });
    }

    /// Stops the polling; the code shown is dropped.
    pub fn cancel_device(self) {
        self.device_run.update(|r| *r += 1);
        self.device.set(None);
        self.in_flight.set(false);
        self.got.set(Some(Got::Problem("Cancelled: the page stopped polling; the code is no longer used.".into())));
    }

    async fn device_flow(
        self,
        req: crate::model::request::Request,
        run: u32,
        composer: Composer,
        inspector: Inspector,
    ) -> Option<Got> {
        let clock = inspector.clock.get_untracked();
        let received = match self.call(&req, composer, clock, "device authorization").await {
            Ok(r) => r,
            Err(unanswered) => return Some(unanswered.into()),
        };
        let code = match device::read_authorization(received.status, &received.body) {
            Some(Ok(code)) => code,
            Some(Err(why)) => {
                return Some(Got::Problem(format!("The device authorization endpoint answered, but {why}.")))
            }
            None => return Some(Got::Refused(refusal(&req, &received, clock))),
        };
        let ends = clock.now.saturating_add(code.expires_in);
        let mut interval = code.interval;
        let waiting = |status: String| self.device.set(Some(DeviceWait { code: code.clone(), status }));
        waiting(format!("Waiting for the sign-in: the page asks the token endpoint every {interval} s."));
        let sent_refresh = self.form.with_untracked(|f| f.refresh_token.clone());
        // Built once: editing the fields while waiting does not send the polls elsewhere.
        let poll = match self.form.with_untracked(|f| device::poll_request(f, &code.device_code)) {
            Ok(p) => p,
            Err(e) => return Some(Got::Problem(e.to_string())),
        };
        loop {
            sleep((interval * 1000).clamp(0, i32::MAX as i64) as i32).await;
            if self.device_run.get_untracked() != run {
                return None;
            }
            let now = inspector.clock.get_untracked();
            if now.now >= ends {
                return Some(Got::Problem(format!(
                    "The device code's lifetime ({} s) is over and no sign-in came: press Get token to get a new code.",
                    code.expires_in
                )));
            }
            let received = match self.call(&poll, composer, now, "device grant poll").await {
                Ok(r) => r,
                Err(unanswered) => return Some(unanswered.into()),
            };
            if self.device_run.get_untracked() != run {
                return None;
            }
            let answer = token_response::read(received.status, &received.body);
            match device::next(&answer, interval) {
                Next::Wait { secs, slowed } => {
                    interval = secs;
                    waiting(if slowed {
                        format!("The server asked the page to slow down (slow_down): it now asks every {secs} s.")
                    } else {
                        format!("Still waiting for the sign-in (authorization_pending): next ask in {secs} s.")
                    });
                }
                Next::Done => {
                    let TokenAnswer::Granted(g) = answer else { return None };
                    return Some(self.take(g, &sent_refresh, inspector, composer));
                }
                Next::Stop(why) => return Some(Got::Problem(why)),
                Next::Diagnose => return Some(Got::Refused(refusal(&poll, &received, now))),
            }
        }
    }
}
