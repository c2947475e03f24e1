//! A credential the command takes from a shell variable (`-H "Authorization: Bearer
//! $API_TOKEN"`, `-u "$USER:$PASS"`): what the request carries when the variable is unset where
//! the command runs, and how to check it. The variables are the request's own: the curl
//! importer writes `${NAME}` where the shell expands one and lists it in `Request::variables`
//! (a `$` in single quotes, or typed into the page, is text). A trace that shows one went out
//! as text, and the page's own Send without a value for it (a browser has no shell), settle it.
//! A credential that is nothing but `$NAME` as text goes out as that text.

use super::facts::{credential_of, is_key_header, scheme_of, Facts, AUTHORIZATION_TYPOS};
use super::mask::secret_param;
use super::report::{Hit, Likelihood};
use crate::model::findings::codes::CREDENTIAL_FROM_VARIABLE;
use crate::model::request::{self, basic, urlencoded, Auth, BodyKind, KeyLocation};
use crate::model::response::Source;
use crate::model::variables::{self, Variable};
use serde_json::Value;

/// One credential that holds a variable.
struct Place {
    /// "the Authorization header", "the Basic credentials".
    what: String,
    /// "is", or "are" for credentials.
    verb: &'static str,
    /// The part as written, for the evidence: `Bearer ${API_TOKEN}`.
    written: String,
    /// The command-line argument that holds it, written so the shell expands the variable.
    argument: String,
    vars: Vec<Variable>,
    /// What the request carries when the variables are unset or empty.
    carries: String,
    /// What a server makes of that, when it is worth a sentence.
    consequence: &'static str,
}

/// How the request came to hold the variable as text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    /// In the command: the shell fills it in, if it is set.
    Command,
    /// The page's own Send sent it: no shell filled it in.
    SentByPage,
    /// A pasted trace shows it went out as text.
    Traced,
    /// Not a variable at all: `$NAME` as text (single-quoted, or typed into the page).
    Literal,
}

/// Which `$NAME`s in a text are taken for variables.
#[derive(Clone, Copy)]
enum Names<'a> {
    /// Every one: a pasted trace shows what went out, and nothing else says what a shell did.
    Any,
    /// The request's variables, each written `${NAME}` where the shell expands it.
    Expanded(&'a [request::Variable]),
    /// A credential that is nothing but `$NAME` or `${NAME}` as text, no variable of the request.
    Literal(&'a [request::Variable]),
}

impl Names<'_> {
    fn find(self, text: &str) -> Vec<Variable> {
        match self {
            Names::Any => variables::find(text),
            Names::Expanded(known) => placeholders(text, known),
            Names::Literal(known) => {
                let whole = variables::is_only_variable(text) || variables::is_only_variable(credential_of(text));
                if whole && placeholders(text, known).is_empty() {
                    variables::find(text)
                } else {
                    Vec::new()
                }
            }
        }
    }
}

/// The `${NAME}`s in `text` that stand for one of the request's variables.
fn placeholders(text: &str, known: &[request::Variable]) -> Vec<Variable> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("${") {
        let after = &rest[at + 2..];
        match after.find('}').map(|close| &after[..close]).filter(|name| known.iter().any(|v| v.name == *name)) {
            Some(name) => {
                let written = request::Variable::placeholder(name);
                out.push(Variable { name: name.to_string(), written, unset: String::new() });
                rest = &after[name.len() + 1..];
            }
            None => rest = after,
        }
    }
    out
}

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    if f.from_trace {
        hits.extend(traced(f).iter().map(|place| hit(f, place, Seen::Traced)));
        return;
    }
    let Some(req) = f.request else { return };
    let sent_by_page = f.response.is_some_and(|r| matches!(r.source, Source::Fetched { .. }));
    // The page's Send fills in the values given under Shell variables (`Request::expanded`).
    let valued = |v: &Variable| req.variables.iter().any(|r| r.name == v.name && r.value.is_some());
    for place in in_request(f, Names::Expanded(&req.variables)) {
        let unfilled: Vec<Variable> = place.vars.iter().filter(|v| !valued(v)).cloned().collect();
        if !sent_by_page {
            hits.push(hit(f, &place, Seen::Command));
        } else if unfilled.is_empty() {
            // Send had the values: only the user's own shell may lack them.
            let mut h = hit(f, &place, Seen::Command);
            h.likelihood = Likelihood::Low;
            h.finding.evidence.push_str(
                " This page's Send filled in the value given under Shell variables: whether your own shell has it is what is left to check.",
            );
            hits.push(h);
        } else {
            let partly = unfilled.len() < place.vars.len();
            let mut h = hit(f, &Place { vars: unfilled, ..place }, Seen::SentByPage);
            if partly {
                h.finding.evidence.push_str(" It filled in the others with the values given under Shell variables.");
            }
            hits.push(h);
        }
    }
    for place in in_request(f, Names::Literal(&req.variables)) {
        hits.push(hit(f, &place, Seen::Literal));
    }
}

fn hit(f: &Facts, p: &Place, seen: Seen) -> Hit {
    // The variable worth checking: USER is always set, PASS may not be.
    let var = p.vars.iter().find(|v| !variables::always_set(&v.name)).unwrap_or(&p.vars[0]);
    let name = var.name.as_str();
    let names = join_names(&p.vars);
    let (written, carries) = (&p.written, &p.carries);
    let what = format!("{} {}", upper_first(&p.what), p.verb);
    let check = format!("`echo \"${{{name}:?unset}}\"`");
    let all_set = p.vars.iter().all(|v| variables::always_set(&v.name));
    let (evidence, headline, fix) = match seen {
        // `-u "$USER:…"`: set, but to the login name of the machine, not the API's user.
        Seen::Command if all_set => (
            format!("{what} `{written}`: the shell fills in {names}, which every shell sets, to the login name or a path of the machine that runs the command; that is rarely what the API expects."),
            format!("the credential comes from the shell variable {name}, which every shell sets to your own login name or path; put the API's value there"),
            format!("Write the API's own value instead of `{}`, or a variable of your own that holds it (`API_USER`), and check it with `echo \"${{API_USER:?unset}}\"`.", var.written),
        ),
        Seen::Command => {
            let mut evidence = format!(
                "{what} `{written}`: the shell that runs the command fills in {names}. If {name} is unset or empty there, the request carries {carries}.{}",
                p.consequence
            );
            for v in p.vars.iter().filter(|v| variables::always_set(&v.name)) {
                evidence.push_str(&format!(
                    " {} is always set, to the login name or path of the machine that runs the command, which is rarely what the API expects.",
                    v.name
                ));
            }
            (
                evidence,
                format!("the credential comes from the shell variable {name}; if it is unset where the command runs, the request carries {carries}; check it with {check}"),
                format!(
                    "Check the variable in the shell that runs the command: {check} prints it, or stops with `{name}: unset` when it is unset or empty. Keep the argument in double quotes ({}): inside single quotes the shell does not expand it and curl sends the text `{}` itself. A variable set in another terminal, only in a `.env` file, or without `export` for a script is not set there.",
                    p.argument, var.written
                ),
            )
        }
        Seen::SentByPage => (
            format!(
                "{what} `{written}`, and this page's Send had no value for {name}: a browser has no shell to fill in {names}, so the server got the text `{}` instead of a credential.",
                var.written
            ),
            format!("this page sent the text `{}` instead of a credential: a browser cannot fill in {name}; paste its value, or run the exported curl in your shell", var.written),
            format!("Paste the value of {name} into the request, or run the exported curl in a shell where {name} is set; check it there with {check}."),
        ),
        Seen::Traced => (
            format!(
                "The trace shows the text `{written}` went out (in {}): nothing filled in {names}, so the server got `{}` instead of a credential.",
                p.what,
                var.written
            ),
            format!("the text `{}` went out instead of a credential: nothing filled in {name}", var.written),
            format!("Make the variable's value reach the request: in a shell, keep the argument in double quotes ({}), since single quotes keep the shell from expanding it; in JavaScript, `${{{name}}}` is filled in only inside backticks, not in \"…\" or '…'. Check the value with {check}.", p.argument),
        ),
        Seen::Literal => (
            format!(
                "{what} `{written}`: that is the text `{}` itself, not a variable's value. Nothing fills in {name} there (in single quotes the shell does not expand it, and this page sends what is typed), so the server gets `{}` instead of a credential.",
                var.written, var.written
            ),
            format!("the request carries the text `{}` instead of a credential: nothing fills in {name} (in single quotes the shell does not expand it)", var.written),
            format!("If you meant the variable, put the argument in double quotes ({}) so the shell fills it in, and check it with {check}; on this page, write the value itself.", p.argument),
        ),
    };
    let likely = match seen {
        // Set, only to the wrong value: no empty credential goes out.
        Seen::Command if all_set => {
            if f.is_status(&[401, 403]) {
                Likelihood::Medium
            } else {
                Likelihood::Low
            }
        }
        _ => likelihood(f, seen),
    };
    Hit::new(CREDENTIAL_FROM_VARIABLE, evidence, likely).headline(headline).fix(fix)
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|first| first.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn likelihood(f: &Facts, seen: Seen) -> Likelihood {
    let refused = f.is_status(&[400, 401, 403]);
    // A 401 whose challenge names no error: the server saw no credentials, which is what an
    // empty variable sends.
    let as_if_none = f.is_status(&[401]) && f.challenges.iter().all(|c| c.error().is_none());
    // error="invalid_token" and the like: the server read a credential, so the variable was set.
    let judged = f.challenges.iter().any(|c| c.error().is_some());
    match f.status {
        _ if refused && seen != Seen::Command => Likelihood::High,
        _ if as_if_none => Likelihood::High,
        _ if judged => Likelihood::Low,
        None => Likelihood::Medium,
        _ if refused => Likelihood::Medium,
        _ => Likelihood::Low,
    }
}

fn join_names(vars: &[Variable]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for v in vars {
        if !names.contains(&v.name.as_str()) {
            names.push(&v.name);
        }
    }
    match names.as_slice() {
        [one] => format!("the value of {one}"),
        [init @ .., last] => format!("the values of {} and {last}", init.join(", ")),
        [] => String::new(),
    }
}

/// The text with the variables that may be unset removed (the ones every shell sets stay).
fn unset(text: &str, names: Names) -> String {
    let mut out = text.to_string();
    for v in names.find(text).iter().filter(|v| !variables::always_set(&v.name)) {
        out = out.replacen(&v.written, &v.unset, 1);
    }
    out
}

fn credential_header(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    matches!(n.as_str(), "authorization" | "proxy-authorization" | "cookie" | "dpop")
        || AUTHORIZATION_TYPOS.contains(&n.as_str())
        || is_key_header(&n)
        || (["token", "secret", "password", "auth", "session", "credential"].iter().any(|w| n.contains(w))
            && !n.contains("idempotency"))
}

fn credential_param(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    secret_param(&n, &[])
        || ["token", "secret", "password", "passwd", "apikey", "api_key"].iter().any(|w| n.contains(w))
}

/// A credential header that holds a variable.
fn header_place(name: &str, value: &str, names: Names) -> Option<Place> {
    if !credential_header(name) {
        return None;
    }
    any_header_place(name, value, names)
}

/// A header that holds a variable, and what curl sends when it is unset.
fn any_header_place(name: &str, value: &str, names: Names) -> Option<Place> {
    let vars = names.find(value);
    if vars.is_empty() {
        return None;
    }
    let left = unset(value, names);
    let mut consequence = "";
    let carries = if left.trim().is_empty() {
        format!("no {name} header at all (curl drops a header with nothing after the colon)")
    } else if let Some(scheme) = scheme_of(&left).filter(|_| credential_of(&left).is_empty()) {
        consequence = " Servers answer that with 401, as if nothing was sent.";
        format!("`{name}: {scheme} ` with an empty token")
    } else {
        format!("`{name}: {}`", left.trim())
    };
    Some(Place {
        what: format!("the {name} header"),
        verb: "is",
        written: value.to_string(),
        argument: format!("`-H \"{name}: {value}\"`"),
        vars,
        carries,
        consequence,
    })
}

/// A query parameter, form field or JSON field named like a credential that holds a variable.
fn field_place(what: String, name: &str, written: &str, value: &str, argument: String, names: Names) -> Option<Place> {
    let vars = names.find(value);
    if vars.is_empty() || !credential_param(name) {
        return None;
    }
    let left = unset(value, names);
    let carries = if left.is_empty() { format!("{name} with an empty value") } else { format!("{name} = `{left}`") };
    Some(Place { what, verb: "is", written: written.to_string(), argument, vars, carries, consequence: "" })
}

fn in_request(f: &Facts, names: Names) -> Vec<Place> {
    let Some(req) = f.request else { return Vec::new() };
    let mut out: Vec<Place> = Vec::new();
    out.extend(auth_place(&req.auth, names));
    for h in req.headers.iter().filter(|h| h.enabled) {
        out.extend(header_place(h.name.trim(), &h.value, names));
    }
    for p in req.query.iter().filter(|p| p.enabled) {
        let name = p.name();
        let what = format!("the query parameter {name}");
        let argument = format!("`\"https://…?{}\"`", p.raw);
        out.extend(field_place(what, &name, &p.raw, p.raw_value().unwrap_or_default(), argument, names));
    }
    if let Some(body) = f.body_text() {
        let form = f.content_type().as_deref() == Some("application/x-www-form-urlencoded");
        if form && !body.trim_start().starts_with(['{', '[']) {
            for p in urlencoded::split(&body) {
                let name = p.name();
                let what = format!("the form field {name}");
                let argument = format!("`-d \"{}\"`", p.raw);
                out.extend(field_place(what, &name, &p.raw, p.raw_value().unwrap_or_default(), argument, names));
            }
        } else if let Ok(json) = serde_json::from_str::<Value>(&body) {
            json_places(&json, names, &mut out);
        }
    }
    if req.body.kind == BodyKind::Multipart {
        for r in req.body.fields.iter().filter(|r| r.enabled) {
            let what = format!("the multipart field {}", r.name);
            let written = format!("{}={}", r.name, r.value);
            let argument = format!("`-F \"{written}\"`");
            out.extend(field_place(what, &r.name, &written, &r.value, argument, names));
        }
    }
    out
}

fn json_places(v: &Value, names: Names, out: &mut Vec<Place>) {
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                match value {
                    Value::String(s) => {
                        let written = format!("\"{key}\": \"{s}\"");
                        // JSON needs its own double quotes, so the variable alone goes in the shell's.
                        let argument = names
                            .find(s)
                            .first()
                            .map_or(String::new(), |v| format!("`-d '{{\"{key}\": \"'\"{}\"'\"}}'`", v.written));
                        out.extend(field_place(format!("the JSON field \"{key}\""), key, &written, s, argument, names));
                    }
                    other => json_places(other, names, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| json_places(i, names, out)),
        _ => {}
    }
}

/// The auth helpers, which the importer fills from `-u`, `--oauth2-bearer` and an
/// Authorization header it can read.
fn auth_place(auth: &Auth, names: Names) -> Option<Place> {
    match auth {
        Auth::Bearer { token } => header_place("Authorization", &format!("Bearer {}", token.trim()), names),
        Auth::Basic { user, password } | Auth::Digest { user, password } => {
            let vars: Vec<Variable> = names.find(user).into_iter().chain(names.find(password)).collect();
            if vars.is_empty() {
                return None;
            }
            // A password typed as it is stays out of the evidence.
            let shown = if names.find(password).is_empty() { "***" } else { password.as_str() };
            let (u, p) = (unset(user, names), unset(password, names));
            let empty = match (u.is_empty(), p.is_empty()) {
                (true, true) => "an empty user name and password",
                (true, false) => "an empty user name",
                (false, true) => "an empty password",
                (false, false) => "other credentials",
            };
            let user_kept = names.find(&u).is_empty();
            let carries = match auth {
                Auth::Basic { .. } if user_kept => format!("`Authorization: {}`, {empty}", basic::header_value(&u, &p)),
                Auth::Basic { .. } => format!("Basic credentials with {empty}"),
                _ => format!("a Digest answer for {empty}"),
            };
            let kind = if matches!(auth, Auth::Basic { .. }) { "Basic" } else { "Digest" };
            Some(Place {
                what: format!("the {kind} credentials"),
                verb: "are",
                written: format!("{user}:{shown}"),
                argument: format!("`-u \"{user}:{shown}\"`"),
                vars,
                carries,
                consequence: "",
            })
        }
        Auth::ApiKey { name, value, location: KeyLocation::Header } => any_header_place(name, value, names),
        Auth::ApiKey { name, value, location: KeyLocation::Query } => {
            let written = format!("{name}={value}");
            let mut place =
                field_place(format!("the query parameter {name}"), "api_key", &written, value, String::new(), names)?;
            place.argument = format!("`\"https://…?{written}\"`");
            place.carries = format!("`{name}={}` in the URL", unset(value, names));
            Some(place)
        }
        Auth::None => None,
    }
}

/// Headers a pasted trace shows went out holding a variable's name instead of its value.
fn traced(f: &Facts) -> Vec<Place> {
    f.sent_headers.iter().flatten().filter_map(|(name, value)| header_place(name.trim(), value, Names::Any)).collect()
}
