//! "Works here, fails in my script": Python requests pitfalls that nothing pasted can show.
//! Each appears only while its evidence is absent; a trace that settles it turns it into a
//! finding (redirect_rules) or silences it.

use super::facts::{Carrier, Facts};
use super::report::{Hit, ScriptCheck};
use crate::model::request::basic::{self, Latin1Difference};
use crate::model::request::{Auth, BodyKind, Redirects};

pub fn checks(f: &Facts, hits: &[Hit]) -> Vec<ScriptCheck> {
    // Only a request that failed, or one not sent yet, is worth checking a script for.
    if !(f.status.is_none() || f.is_status(&[400, 401, 403])) || (f.request.is_none() && !f.from_trace) {
        return Vec::new();
    }
    let fired = |code: &str| hits.iter().any(|h| h.code() == code);
    let has_authorization = f.carriers.iter().any(|c| matches!(c, Carrier::Authorization { .. }));
    let mut out = Vec::new();
    let hops_unknown = f.response.is_none_or(|r| r.hops.is_empty());
    let curl_follows = f.request.is_some_and(|r| r.follow_redirects == Some(Redirects::Follow));
    if has_authorization && hops_unknown && curl_follows && !fired("redirect_dropped_authorization") {
        out.push(ScriptCheck {
            title: "curl -L drops the Authorization header on a redirect to another host".into(),
            why: "The command follows redirects with -L, and curl (7.83 and later) sends Authorization, -u credentials and cookies set with -H only to the original host, scheme and port: a redirect to www., to https or to another port arrives without them. Nothing here shows whether a redirect happened: run the command with -v and paste its output (look for `< Location:`), or call the final URL directly.".into(),
        });
    } else if has_authorization && hops_unknown && !fired("redirect_dropped_authorization") {
        out.push(ScriptCheck {
            title: "Redirects can drop the Authorization header".into(),
            why: "Python requests removes Authorization when a redirect changes the host, the scheme or the port (except http → https on the default ports), and turns a POST into a GET after 301, 302 or 303. Nothing here shows whether a redirect happened: print `r.history` and `r.url`, or run `curl -v -L` and paste its output.".into(),
        });
    }
    if has_authorization && !fired("authorization_replaced") {
        out.push(ScriptCheck {
            title: "~/.netrc can replace your Authorization header".into(),
            why: "When `auth=` is not given, requests reads ~/.netrc (or $NETRC) and, if it has an entry for this host, sends those credentials instead of the Authorization set in `headers=`. Pass `auth=` explicitly, set `session.trust_env = False`, or check ~/.netrc.".into(),
        });
    }
    let has_body = f.request.is_some_and(|r| {
        r.method.allows_body() && matches!(r.body.kind, BodyKind::Json | BodyKind::Form | BodyKind::Raw)
    });
    let body_settled =
        ["token_request_not_form", "json_sent_as_form", "form_sent_as_json", "json_without_json_content_type"];
    if has_body && !body_settled.iter().any(|c| fired(c)) {
        out.push(ScriptCheck {
            title: "data= and json= send different bodies".into(),
            why: "`data={…}` sends a form (application/x-www-form-urlencoded), which token endpoints require; `json={…}` sends JSON, which JSON APIs require; `data=json.dumps(…)` sends JSON text without a JSON Content-Type. Check that your script uses the one this endpoint reads.".into(),
        });
    }
    if let Some(Auth::Basic { user, password }) = f.request.map(|r| &r.auth) {
        let differs = basic::python_requests_difference(user, password) != Latin1Difference::Same;
        if differs && !fired("basic_charset_mismatch") {
            out.push(ScriptCheck {
                title: "Python requests encodes Basic credentials as Latin-1".into(),
                why: "This user name or password has non-ASCII characters. This page and curl send them as UTF-8; `auth=(user, password)` in requests sends Latin-1 (and fails above U+00FF), so the server sees another password. Pass bytes: `auth=(user.encode(), password.encode())`.".into(),
            });
        }
    }
    out
}
