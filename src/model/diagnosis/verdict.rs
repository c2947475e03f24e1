//! The one line on top of the report, in plain words, from the likeliest finding.

use super::facts::Facts;
use super::report::{Hit, Likelihood};
use crate::model::findings::{clause, Severity};
use crate::model::time::{self, Secs};

/// "10:03 UTC" on the same day as `now`, else "2011-03-22 18:43 UTC".
pub fn short_utc(at: Secs, now: Secs) -> String {
    let full = time::format_utc(at);
    let same_day = at.div_euclid(86_400) == now.div_euclid(86_400);
    match (full.get(..10), full.get(11..16)) {
        (Some(_), Some(hm)) if same_day => format!("{hm} UTC"),
        (Some(date), Some(hm)) => format!("{date} {hm} UTC"),
        _ => full,
    }
}

fn prefix(l: Likelihood) -> &'static str {
    match l {
        Likelihood::High => "Most likely",
        Likelihood::Medium => "Probably",
        Likelihood::Low => "Possibly",
    }
}

/// ` The server says: "…".`, the server's own words after the verdict, unless `line` quotes
/// them already or they say no more than the status line ("Unauthorized").
fn server_said(f: &Facts, line: &str) -> String {
    let Some(said) = f.server_words.as_deref() else { return String::new() };
    let bare: String = said.chars().filter(|c| c.is_alphabetic() || *c == ' ').collect::<String>().to_lowercase();
    const STATUS_ONLY: &[&str] =
        &["unauthorized", "unauthorised", "forbidden", "authorization required", "access denied"];
    if STATUS_ONLY.contains(&bare.trim()) || line.to_lowercase().contains(&said.to_lowercase()) {
        return String::new();
    }
    let stop = if said.ends_with(['.', '!', '?', '…']) { "" } else { "." };
    format!(" The server says: \"{said}\"{stop}")
}

/// No token, request or response: the page has just opened, or was cleared.
pub fn nothing_given(f: &Facts) -> bool {
    f.request.is_none() && f.response.is_none() && f.token.is_none()
}

/// The verdict and whether everything is fine.
pub fn verdict(f: &Facts, hits: &[Hit]) -> (String, bool) {
    let problems = hits.iter().any(|h| h.finding.info.severity != Severity::Info);
    if nothing_given(f) {
        return ("Nothing to diagnose yet: paste a token, compose a request or paste a response.".into(), false);
    }
    if let Some(top) = hits.first().filter(|_| problems) {
        let words = top.headline.clone().unwrap_or_else(|| clause(top.finding.info.title));
        let said = server_said(f, &words);
        let line = if top.code() == "unexplained_401" {
            format!("Unexplained 401: {words}.{said}")
        } else {
            format!("{}: {words}.{said}", prefix(top.likelihood))
        };
        return (line, false);
    }
    match f.status {
        // Anything at or above 400 is a failure even when no rule names an auth cause.
        Some(s) if s >= 400 => (
            {
                let line = format!(
                    "No authentication problem found: the {s} answer is about something other than credentials."
                );
                format!("{line}{}", server_said(f, &line))
            },
            false,
        ),
        Some(s) => (format!("All good: the server answered {s} and nothing here points to a problem."), true),
        None => ("All good: nothing here would make a server answer 401.".into(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_oauth_error_redirect_is_not_all_good() {
        let r = crate::model::response::raw::parse(
            "HTTP/1.1 302 Found\nLocation: http://localhost:8080/?error=access_denied&error_description=Service%20not%20found%3A%20https%3A%2F%2Fapi&state=x\n\n",
        )
        .unwrap();
        let ctx = crate::model::diagnosis::Context {
            request: None,
            response: Some(&r),
            inspection: None,
            clock: crate::model::time::Clock { now: 0, leeway: 0 },
            signature: &[],
        };
        let report = crate::model::diagnosis::diagnose(&ctx);
        assert_eq!(
            (report.verdict.as_str(), report.all_good),
            (
                "Most likely: Auth0 has no API whose identifier is the audience 'https://api' (\"Service not found\").",
                false
            )
        );
        assert!(!report.nothing_given);
    }

    #[test]
    fn nothing_given_is_its_own_state_not_a_failure() {
        let ctx = crate::model::diagnosis::Context {
            request: None,
            response: None,
            inspection: None,
            clock: crate::model::time::Clock { now: 0, leeway: 0 },
            signature: &[],
        };
        let report = crate::model::diagnosis::diagnose(&ctx);
        assert!(report.nothing_given && !report.all_good && report.ranked.is_empty());
        assert!(report.verdict.starts_with("Nothing to diagnose yet"));
    }

    #[test]
    fn short_times() {
        // 2011-03-22 18:43:00 UTC.
        let exp = 1_300_819_380;
        assert_eq!(short_utc(exp, exp + 3_600), "18:43 UTC");
        assert_eq!(short_utc(exp, exp + 86_400), "2011-03-22 18:43 UTC");
    }

    #[test]
    fn clauses_keep_names() {
        assert_eq!(clause("The token has expired."), "the token has expired");
        assert_eq!(clause("DPoP proof."), "DPoP proof");
        assert_eq!(clause("\"Bearer\" appears more than once."), "\"Bearer\" appears more than once");
        assert_eq!(clause("GitHub: the token has none."), "GitHub: the token has none");
        assert_eq!(clause("A JSON body."), "a JSON body");
        // Vendor names start the title without being sentence words.
        assert_eq!(clause("Slack: the token was revoked."), "Slack: the token was revoked");
        assert_eq!(clause("Microsoft Entra refused the client secret."), "Microsoft Entra refused the client secret");
        assert_eq!(clause("Stripe key from the wrong mode."), "Stripe key from the wrong mode");
        // Every catalog title reads as a clause: a vendor keeps its name, a sentence word drops
        // its capital.
        for c in crate::model::findings::catalog() {
            let words = clause(c.title);
            let first = c.title.split_whitespace().next().unwrap_or_default();
            let vendor = [
                "Microsoft",
                "Slack",
                "Stripe",
                "Google",
                "GitHub",
                "AWS",
                "Keycloak",
                "Azure",
                "Salesforce",
                "Jira",
                "Kong",
                "Auth0",
            ];
            if vendor.iter().any(|v| first.starts_with(v)) {
                assert!(words.starts_with(first), "{}: {words}", c.code);
            } else if first.starts_with(char::is_alphabetic) && !first.starts_with("DPoP") {
                assert!(words.starts_with(char::is_lowercase), "{}: {words}", c.code);
            }
        }
    }
}
