//! Redirects seen in a trace (`curl -v -L`, or the page's own fetch): the Authorization header
//! dropped when the redirect leaves the host, and a POST turned into a GET. And what the
//! command's own redirect option (`-L`, `--location-trusted`) sends to another host.

use super::facts::{is_key_header, Facts};
use super::report::{Hit, Likelihood};
use crate::model::findings::codes::*;
use crate::model::request::{Auth, KeyLocation, Redirects};
use crate::model::response::{Hop, Source};
use crate::model::url::{self, Url};

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    leaks(f, hits);
    let Some(resp) = f.response else { return };
    if resp.hops.is_empty() {
        return;
    }
    dropped_authorization(f, hits);
    if resp.status >= 400 {
        changed_method(f, hits);
    }
}

/// The first hop whose redirect strips Authorization: the hop, both ends and why.
pub fn stripping_hop<'f>(f: &'f Facts) -> Option<(&'f Hop, Url, Url, &'static str)> {
    let resp = f.response?;
    resp.hops.iter().enumerate().find_map(|(i, h)| {
        let (from, to, scheme_known) = endpoints(f, i)?;
        let why = match (&resp.source, f.request.and_then(|r| r.follow_redirects)) {
            (Source::Fetched { .. }, _) => browser_strip_reason(&from, &to)?,
            // `--location-trusted`: curl sends the credentials on every hop and strips nothing.
            (Source::Pasted, Some(Redirects::Trusted)) => return None,
            // The command is curl's (`-L`): curl 7.83+ strips on any new host, scheme or port.
            (Source::Pasted, Some(Redirects::Follow)) => curl_strip_reason(&from, &to)?,
            (Source::Pasted, None) => strip_reason(&from, &to)?,
        };
        (scheme_known || why == "another host").then_some((h, from, to, why))
    })
}

fn dropped_authorization(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(resp) = f.response else { return };
    if !f.is_status(&[401, 403]) {
        return;
    }
    let Some((hop, from, to, why)) = stripping_hop(f) else { return };
    // A trace shows the last request's headers: with Authorization still there (curl
    // --location-trusted) nothing was dropped.
    let last_had_it = f.from_trace && f.authorization().is_some();
    let meant = f.request.is_some_and(|r| {
        r.auth_header().is_some_and(|(n, _)| n.eq_ignore_ascii_case("authorization")) || r.has_header("authorization")
    }) || f.token.is_some();
    if last_had_it || !(meant || f.from_trace) {
        return;
    }
    let likely = if meant { Likelihood::High } else { Likelihood::Medium };
    // The browser hides a followed redirect's status: only that it happened and where it ended.
    let evidence = if hop.status == 0 {
        format!(
            "The browser followed a redirect from {} to {} ({why}) and, as fetch does on a cross-origin redirect, sent the next request without Authorization; it got {}.",
            from.origin(),
            to.origin(),
            resp.status
        )
    } else {
        format!(
            "{} redirected {} to {} ({why}); the request that followed carried no Authorization and got {}.",
            hop.status,
            from.origin(),
            to.origin(),
            resp.status
        )
    };
    let mut hit = Hit::new(REDIRECT_DROPPED_AUTHORIZATION, evidence, likely).headline(format!(
        "the redirect from {} to {} dropped the Authorization header; call the final URL directly",
        from.origin(),
        to.origin()
    ));
    if f.request.is_some_and(|r| r.follow_redirects == Some(Redirects::Follow)) {
        hit.finding.evidence.push_str(" The command follows redirects with -L, which keeps Authorization, -u credentials and cookies set with -H for the original host, scheme and port.");
        hit = hit.fix(format!("Call the final URL directly: `curl … '{}'`. `--location-trusted` would resend Authorization, but to any host a redirect names, which leaks it wherever a redirect points.", to.origin() + &to.path_and_query));
    }
    hits.push(hit);
}

/// What the command sends to another host when it follows a redirect: everything with
/// `--location-trusted`; API key headers even with plain `-L` (curl strips only Authorization
/// and Cookie).
fn leaks(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(req) = f.request else { return };
    let Some(mode) = req.follow_redirects else { return };
    let mut carried: Vec<String> = Vec::new();
    if mode == Redirects::Trusted {
        match &req.auth {
            Auth::Bearer { .. } => carried.push("the Authorization header".into()),
            Auth::Basic { .. } | Auth::Digest { .. } => carried.push("the -u credentials".into()),
            _ => {}
        }
        for h in req.headers.iter().filter(|h| h.enabled) {
            let n = h.name.trim();
            if n.eq_ignore_ascii_case("authorization") || n.eq_ignore_ascii_case("cookie") {
                carried.push(format!("the {n} header"));
            }
        }
    }
    let mut keys: Vec<String> =
        req.headers.iter().filter(|h| h.enabled && is_key_header(&h.name)).map(|h| h.name.trim().to_string()).collect();
    if let Auth::ApiKey { name, location: KeyLocation::Header, .. } = &req.auth {
        keys.push(name.trim().to_string());
    }
    carried.extend(keys.iter().map(|k| format!("the {k} header")));
    if carried.is_empty() {
        return;
    }
    let option = if mode == Redirects::Trusted { "--location-trusted" } else { "-L" };
    let mut evidence = format!(
        "The command follows redirects with {option} and carries {}: curl sends {} to whatever host a Location header names",
        join_and(&carried),
        if carried.len() == 1 { "it" } else { "them" }
    );
    if mode == Redirects::Follow {
        evidence.push_str(", since -L strips only Authorization and Cookie");
    }
    evidence.push('.');
    // A trace that shows the last request, on another host, still carrying the credential.
    let still_sent = f.authorization().is_some()
        || f.sent_header("cookie").is_some()
        || keys.iter().any(|k| f.sent_header(k).is_some());
    let shown = if f.from_trace && still_sent { leaked_to(f) } else { None };
    let likely = match &shown {
        Some(_) if f.is_status(&[401, 403]) => Likelihood::Medium,
        _ => Likelihood::Low,
    };
    if let Some((from, to)) = &shown {
        evidence.push_str(&format!(
            " The trace shows it happened: {from} redirected to {to}, and the request there still carried them."
        ));
    }
    let headline = match &shown {
        Some((_, to)) => format!("the command sent your credentials on to {to} when it followed a redirect ({option}); call the final URL directly"),
        None => format!("the command would send {} to any host a redirect names ({option}); call the final URL directly", join_and(&carried)),
    };
    hits.push(Hit::new(REDIRECT_LEAKS_CREDENTIALS, evidence, likely).headline(headline));
}

/// "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The first traced redirect to another host, scheme or port, as origins.
fn leaked_to(f: &Facts) -> Option<(String, String)> {
    let hops = &f.response?.hops;
    (0..hops.len()).find_map(|i| {
        let (from, to, _) = endpoints(f, i)?;
        curl_strip_reason(&from, &to).map(|_| (from.origin(), to.origin()))
    })
}

fn changed_method(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(resp) = f.response else { return };
    for (i, hop) in resp.hops.iter().enumerate() {
        // `Hop::method` is the method of the request that followed the redirect.
        let before =
            if i == 0 { f.request.map(|r| r.method.to_string()) } else { Some(resp.hops[i - 1].method.clone()) };
        let Some(before) = before.map(|m| m.to_ascii_uppercase()).filter(|m| !m.is_empty()) else { continue };
        let after =
            if hop.method.is_empty() { rebuilt_method(hop.status, &before) } else { hop.method.to_ascii_uppercase() };
        if before != "GET" && before != "HEAD" && after == "GET" {
            let at = if hop.url.is_empty() { String::new() } else { format!(" {}", hop.url) };
            hits.push(
                Hit::new(
                    REDIRECT_CHANGED_METHOD,
                    format!("{before}{at} got {}, and the client followed it with GET, without the body; only 307 and 308 keep the method.", hop.status),
                    Likelihood::High,
                )
                .headline(format!("a {} redirect turned your {before} into a GET without its body; call the final URL directly", hop.status)),
            );
            return;
        }
    }
}

/// The URL hop `i` was for and where its Location points, and whether both schemes are known
/// (a trace may show `//host/path` only).
fn endpoints(f: &Facts, i: usize) -> Option<(Url, Url, bool)> {
    let hops = &f.response?.hops;
    let hop = &hops[i];
    let raw_from = if !hop.url.is_empty() {
        hop.url.clone()
    } else if i == 0 {
        f.request?.url()
    } else {
        let (_, prev_to, _) = endpoints(f, i - 1)?;
        format!("{}://{}{}", prev_to.scheme, prev_to.host, prev_to.port.map(|p| format!(":{p}")).unwrap_or_default())
            + &prev_to.path_and_query
    };
    let loc = hop.location.trim();
    // Without the origin's scheme only a change of host can be judged.
    let scheme_known = !raw_from.starts_with("//");
    let from_text = if scheme_known { raw_from } else { format!("https:{raw_from}") };
    let from = url::parse(&from_text).ok()?;
    let to = if loc.contains("://") {
        url::parse(loc).ok()?
    } else if let Some(rest) = loc.strip_prefix("//") {
        url::parse(&format!("{}://{rest}", from.scheme)).ok()?
    } else {
        // A path: same scheme, host and port.
        let mut same = from.clone();
        same.path_and_query = loc.to_string();
        same
    };
    Some((from, to, scheme_known))
}

/// Python requests' `should_strip_auth`, which curl and browsers match closely: a new host
/// strips; so does a new scheme or port, except http→https on the default ports.
pub fn strip_reason(from: &Url, to: &Url) -> Option<&'static str> {
    if from.host != to.host {
        return Some("another host");
    }
    let port = |u: &Url| u.port.unwrap_or(u.default_port());
    if from.scheme == "http" && port(from) == 80 && to.scheme == "https" && port(to) == 443 {
        return None;
    }
    if from.scheme != to.scheme {
        return Some("another scheme");
    }
    (port(from) != port(to)).then_some("another port")
}

/// curl's rule since 7.83: Authorization, `-u` credentials and cookies set
/// with `-H` go only to the original host, scheme and port; http → https strips them too.
pub fn curl_strip_reason(from: &Url, to: &Url) -> Option<&'static str> {
    let port = |u: &Url| u.port.unwrap_or(u.default_port());
    if from.host != to.host {
        Some("another host")
    } else if from.scheme != to.scheme {
        Some("another scheme")
    } else {
        (port(from) != port(to)).then_some("another port")
    }
}

/// The Fetch standard's rule (whatwg/fetch#1544): any change of origin removes Authorization,
/// http→https included.
pub fn browser_strip_reason(from: &Url, to: &Url) -> Option<&'static str> {
    (from.origin() != to.origin()).then_some("another origin")
}

/// requests' `rebuild_method`, for a hop whose next method the trace does not show: 303 makes
/// anything but HEAD a GET, so does 302; 301 only a POST.
fn rebuilt_method(status: u16, before: &str) -> String {
    let to_get = match status {
        302 | 303 => before != "HEAD",
        301 => before == "POST",
        _ => false,
    };
    if to_get {
        "GET".into()
    } else {
        before.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn should_strip_auth_like_requests() {
        let cases = [
            ("https://a.example/x", "https://b.example/x", Some("another host")),
            ("http://a.example/x", "https://a.example/x", None),
            ("http://a.example:8080/x", "https://a.example/x", Some("another scheme")),
            ("https://a.example/x", "http://a.example/x", Some("another scheme")),
            ("https://a.example/x", "https://a.example:8443/x", Some("another port")),
            ("https://a.example/x", "https://a.example:443/y", None),
            ("https://a.example/x", "https://a.example/x/", None),
        ];
        for (from, to, want) in cases {
            assert_eq!(strip_reason(&url::parse(from).unwrap(), &url::parse(to).unwrap()), want, "{from} -> {to}");
        }
    }

    #[test]
    fn browsers_strip_on_any_new_origin() {
        let cases = [
            ("http://a.example/x", "https://a.example/x", Some("another origin")),
            ("http://127.0.0.1:8080/x", "http://localhost:8080/x", Some("another origin")),
            ("https://a.example/x", "https://a.example:443/y", None),
        ];
        for (from, to, want) in cases {
            assert_eq!(
                browser_strip_reason(&url::parse(from).unwrap(), &url::parse(to).unwrap()),
                want,
                "{from} -> {to}"
            );
        }
    }

    #[test]
    fn method_rewrites_like_requests() {
        let cases = [
            (301, "POST", "GET"),
            (301, "PUT", "PUT"),
            (302, "PUT", "GET"),
            (303, "DELETE", "GET"),
            (303, "HEAD", "HEAD"),
            (307, "POST", "POST"),
            (308, "POST", "POST"),
        ];
        for (status, before, after) in cases {
            assert_eq!(rebuilt_method(status, before), after, "{status} {before}");
        }
    }
}
