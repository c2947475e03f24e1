//! Basic credentials that reached the server and were refused: the Basic challenge came back,
//! or the answer says the credentials are invalid. What the decoded credentials show (a
//! newline from `echo`, a second colon) comes first; the checks to make follow.

use super::facts::Facts;
use super::report::{Hit, Likelihood};
use crate::model::findings::codes::{BASIC_CHARSET_MISMATCH, BASIC_CREDENTIALS_REJECTED};
use crate::model::response::message::{reason, Reason};

/// Words of servers that checked the user name and password and refused them.
const REFUSED: &[&str] = &[
    "bad credentials",
    "invalid password",
    "invalid or non-existent authentication",
    "invalid credentials",
    "invalid username or password",
    "incorrect username or password",
    "authentication failed",
    "wrong password",
];

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(r) = f.response else { return };
    let Some(creds) = f.token.as_deref().and_then(|t| t.basic.as_ref()).and_then(|b| b.as_ref().ok()) else { return };
    if hits.iter().any(|h| h.code() == BASIC_CHARSET_MISMATCH.code) {
        return;
    }
    let words = f.server_words.clone().unwrap_or_default();
    // "No credentials provided" to a request that sent them: they did not arrive (another rule).
    if reason(&words) == Some(Reason::Missing) {
        return;
    }
    let said = format!("{} {words}", r.reason).to_lowercase();
    let challenge = f.challenges.iter().find(|c| c.is("basic"));
    let by_words = matches!(r.status, 401 | 403) && REFUSED.iter().any(|w| said.contains(w));
    if !(r.status == 401 && challenge.is_some() || by_words) {
        return;
    }
    let answer = match challenge {
        Some(c) => {
            format!("{} with `Basic{}`", r.status, c.realm().map(|x| format!(" realm=\"{x}\"")).unwrap_or_default())
        }
        None => format!("{} {}", r.status, r.reason.trim()),
    };
    // A user name that is itself a secret (Stripe's `-u sk_live_…:`, a token as the user with
    // no password) is masked like a token.
    let user = if creds.password_chars == 0 || creds.user.chars().count() >= 24 {
        super::mask::mask_token(&creds.user)
    } else {
        creds.user.clone()
    };
    let evidence =
        format!("{answer} to Basic credentials for user \"{user}\" (a {}-character password).", creds.password_chars);
    let headline = if creds.control {
        "the Basic credentials end in a newline or another control character (`echo` without `-n`), so the server checks a password that is not yours; encode them with `printf %s 'user:password' | base64`".to_string()
    } else if creds.second_colon {
        format!("the server rejected these credentials (user \"{}\"); if the user name itself has a colon, it cannot go in Basic: the server splits at the first one (RFC 7617 §2)", user)
    } else {
        format!("the server rejected these credentials (user \"{user}\"): the user name or the password is wrong")
    };
    hits.push(Hit::new(BASIC_CREDENTIALS_REJECTED, evidence, Likelihood::High).headline(headline));
}
