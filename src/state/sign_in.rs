//! The authorization code grant through this page's own address: the page's inputs go into
//! sessionStorage with the sign-in's `state` and verifier, the browser leaves for the
//! authorization server, and when it comes back the inputs are put back, the item removed,
//! the code taken out of the address bar and redeemed (or the error explained).

use super::page_inputs;
use super::token_getter::new_secrets;
use super::{Attempt, Composer, Diagnosis, Got, Inspector, TokenGetter};
use crate::browser::navigation;
use crate::model::diagnosis::{vendor_rules, Report};
use crate::model::oauth::authorization::{Callback, Refused};
use crate::model::oauth::token_request;
use crate::model::round_trip::{PendingSignIn, STORAGE_KEY};
use leptos::prelude::*;
use leptos::task::spawn_local;

impl TokenGetter {
    /// Leaves for the authorization server, the page's inputs kept for the way back; `retry`
    /// when Refresh and retry asked for the sign-in (the request is sent again afterwards).
    pub fn sign_in(self, composer: Composer, inspector: Inspector, diagnosis: Diagnosis, retry: Option<Attempt>) {
        let (Ok(url), Ok(secrets)) = (self.sign_in_url.get_untracked(), self.secrets.get_untracked()) else { return };
        let pending = PendingSignIn {
            state: secrets.state,
            verifier: secrets.verifier,
            redirect_uri: navigation::page_address(),
            page: {
                let mut page = page_inputs::capture(inspector, composer, diagnosis, self);
                // The password grant's password is of no use to a sign-in: not stored.
                page.form.password.clear();
                page
            },
            retry,
        };
        // A secret is never reused, even if leaving fails.
        self.secrets.set(new_secrets());
        if let Err(why) = navigation::stash(STORAGE_KEY, &pending.to_json()).and_then(|()| navigation::go(&url)) {
            navigation::take(STORAGE_KEY);
            self.got.set(Some(Got::Problem(format!("The sign-in could not start: {why}."))));
        }
    }

    /// At start: when the page comes back from a sign-in (or the user came back without
    /// finishing it), puts the inputs back, removes what was stored, and redeems the code.
    pub fn resume(self, composer: Composer, inspector: Inspector, diagnosis: Diagnosis) {
        self.forget_on_return();
        let callback = Callback::parse(&navigation::query());
        let stored = navigation::take(STORAGE_KEY);
        if callback.is_some() {
            navigation::drop_query();
        }
        let (callback, stored) = match (callback, stored) {
            (None, None) => return,
            (Some(_), None) => return self.problem(Refused::NothingPending.to_string()),
            (callback, Some(text)) => match PendingSignIn::from_json(&text) {
                Ok(p) => (callback, p),
                Err(e) => {
                    return self.problem(format!(
                        "The sign-in kept in this tab cannot be read back ({e}): press Get token to sign in again."
                    ))
                }
            },
        };
        let form = stored.page.form.clone();
        let issuer = stored.page.issuer.clone();
        page_inputs::restore(stored.page, inspector, composer, diagnosis, self);
        let Some(callback) = callback else {
            return self.problem(
                "The sign-in was not finished: the page is back without a code (the Back button, or the sign-in page left). Your inputs are restored; press Get token to sign in again.".into(),
            );
        };
        let code = match callback.accept(&stored.state, &issuer) {
            Ok(code) => code.to_string(),
            Err(Refused::Error { error, description }) => {
                let description = description.unwrap_or_default();
                let evidence = format!(
                    "The page came back from the sign-in with error={error}{}.",
                    if description.is_empty() {
                        String::new()
                    } else {
                        format!(", error_description=\"{description}\"")
                    }
                );
                let mut finding = vendor_rules::authorization_error(&error, &description, evidence);
                if finding.code() == "oauth_redirect_uri_not_registered" {
                    finding.fix =
                        format!("Register exactly {}, this page's address. {}", stored.redirect_uri, finding.fix);
                }
                self.open.set(true);
                return self.got.set(Some(Got::Refused(Report::single(finding))));
            }
            Err(other) => return self.problem(other.to_string()),
        };
        let request = match token_request::exchange(&form, &code, &stored.redirect_uri, &stored.verifier) {
            Ok(r) => r,
            Err(e) => return self.problem(format!("The code came back but cannot be redeemed: {e}")),
        };
        self.open.set(true);
        let retry = stored.retry;
        spawn_local(async move {
            let token = self.send_token_request(request, composer, inspector).await;
            if let (Some(token), Some(before)) = (token, retry) {
                self.retry_with(token, before, composer, diagnosis).await;
            }
        });
    }

    /// The Back button from the sign-in page may show this page from the browser's memory
    /// (the back/forward cache), without starting it again: the stored item is removed then too.
    pub fn forget_on_return(self) {
        let handle = window_event_listener(leptos::ev::pageshow, move |ev| {
            if ev.persisted() && navigation::take(STORAGE_KEY).is_some() {
                self.problem(
                    "The sign-in was not finished: the page is back without a code. Press Get token to sign in again."
                        .into(),
                );
            }
        });
        on_cleanup(move || handle.remove());
    }

    fn problem(self, why: String) {
        self.open.set(true);
        self.got.set(Some(Got::Problem(why)));
    }
}
