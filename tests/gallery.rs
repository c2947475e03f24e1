//! The response gallery (`tests/gallery/responses.txt`, format in `tests/gallery/README.md`):
//! real responses people paste, each diagnosed as the page does (with its request and token
//! when the entry gives them). The finding that ranks first must be the entry's `top`, and the
//! verdict must contain its `says` words. The top-1 rate is printed and must be 100 %.

use why401::model::diagnosis::{self, Context};
use why401::model::findings::catalog;
use why401::model::request::curl;
use why401::model::response::raw::parse;
use why401::model::time::Clock;
use why401::model::token::inspect::inspect;

/// 2026-01-05 10:00 UTC.
const DEFAULT_NOW: i64 = 1_767_607_200;

#[derive(Debug, Default)]
struct Entry {
    name: String,
    line: usize,
    source: String,
    top: String,
    says: Vec<String>,
    token: Option<String>,
    request: Option<String>,
    now: Option<i64>,
    /// Why the page does not get it right yet: the entry is the work to do, and the test fails
    /// once it passes, so the mark goes.
    pending: Option<String>,
    response: String,
}

fn parse_gallery(text: &str) -> Result<Vec<Entry>, String> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut in_response = false;
    for (k, line) in text.lines().enumerate() {
        let n = k + 1;
        if let Some(name) = line.strip_prefix("=== ") {
            if entries.iter().any(|e| e.name == name.trim()) {
                return Err(format!("line {n}: a second entry named {name:?}"));
            }
            entries.push(Entry { name: name.trim().into(), line: n, ..Entry::default() });
            in_response = false;
            continue;
        }
        let Some(e) = entries.last_mut() else {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            return Err(format!("line {n}: text before the first ==="));
        };
        if in_response {
            e.response.push_str(line);
            e.response.push('\n');
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (key, value) = line.split_once(':').ok_or(format!("line {n}: `key: value` expected"))?;
        let value = value.trim().to_string();
        match key {
            "source" => e.source = value,
            "top" => e.top = value,
            "says" => e.says.push(value),
            "token" => e.token = Some(value),
            "request" => e.request = Some(value),
            "now" => e.now = Some(value.parse().map_err(|_| format!("line {n}: now is unix seconds"))?),
            "pending" => e.pending = Some(value),
            "response" => in_response = true,
            other => return Err(format!("line {n}: unknown key {other:?}")),
        }
    }
    for e in &mut entries {
        let missing =
            [("source", e.source.is_empty()), ("top", e.top.is_empty()), ("response", e.response.trim().is_empty())];
        if let Some((what, _)) = missing.iter().find(|(_, m)| *m) {
            return Err(format!("line {}: {:?} has no {what}", e.line, e.name));
        }
        if e.says.is_empty() {
            return Err(format!("line {}: {:?} says nothing the verdict must contain", e.line, e.name));
        }
        e.response = e.response.trim_end().to_string();
    }
    Ok(entries)
}

/// What the page concludes for one entry: the ranked codes and the verdict, or why it could not.
fn diagnose(e: &Entry) -> Result<(Vec<&'static str>, String), String> {
    let response = parse(&e.response).map_err(|err| format!("the response does not parse: {err}"))?;
    let request = match &e.request {
        Some(command) => {
            Some(curl::import(command).map_err(|err| format!("the request does not import: {err}"))?.request)
        }
        None => None,
    };
    let inspection = e.token.as_deref().map(inspect);
    let ctx = Context {
        request: request.as_ref(),
        response: Some(&response),
        inspection: inspection.as_ref(),
        clock: Clock { now: e.now.unwrap_or(DEFAULT_NOW), leeway: 0 },
        signature: &[],
    };
    let report = diagnosis::diagnose(&ctx);
    Ok((report.ranked.iter().map(|r| r.finding.code()).collect(), report.verdict))
}

/// Why the entry fails, or None when the page gets it right.
fn judge(e: &Entry) -> Option<String> {
    let (codes, verdict) = match diagnose(e) {
        Ok(got) => got,
        Err(why) => return Some(why),
    };
    if codes.first().copied() != Some(e.top.as_str()) {
        return Some(format!("ranked {:?}, want {} first\n  verdict: {verdict}", &codes[..codes.len().min(4)], e.top));
    }
    let lower = verdict.to_lowercase();
    let missing: Vec<&String> = e.says.iter().filter(|w| !lower.contains(&w.to_lowercase())).collect();
    if !missing.is_empty() {
        return Some(format!("the verdict lacks {missing:?}: {verdict}"));
    }
    None
}

fn gallery() -> Vec<Entry> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gallery/responses.txt");
    let text = std::fs::read_to_string(path).expect("tests/gallery/responses.txt");
    parse_gallery(&text).unwrap_or_else(|e| panic!("tests/gallery/responses.txt: {e}"))
}

#[test]
fn every_gallery_response_gets_its_reason_on_top() {
    let entries = gallery();
    let mut failures = Vec::new();
    let mut pending = Vec::new();
    // `WHY401_GALLERY_SHOW=<part of a name>` prints what the page concludes for those entries.
    let show = std::env::var("WHY401_GALLERY_SHOW").ok();
    for e in &entries {
        if let Some(part) = show.as_deref().filter(|p| e.name.contains(p)) {
            println!("{} (line {}) [{part}]: {:?}", e.name, e.line, diagnose(e));
        }
        match (judge(e), &e.pending) {
            (None, None) => {}
            (Some(why), None) => failures.push(format!("{} (line {}): {why}", e.name, e.line)),
            (Some(why), Some(mark)) => pending.push(format!("{} (line {}): {mark}\n    {why}", e.name, e.line)),
            (None, Some(_)) => {
                failures.push(format!("{} (line {}): passes now: remove its pending mark", e.name, e.line))
            }
        }
    }
    let passed = entries.len() - failures.len() - pending.len();
    println!(
        "gallery: {passed} of {} responses have their reason on top ({:.1} %); {} pending:\n{}",
        entries.len(),
        100.0 * passed as f64 / entries.len().max(1) as f64,
        pending.len(),
        pending.join("\n")
    );
    assert!(
        failures.is_empty(),
        "{} of {} gallery entries fail:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
}

#[test]
fn the_gallery_is_well_formed() {
    let entries = gallery();
    assert!(entries.len() >= 120, "the gallery holds {} responses; the issue asks for at least 120", entries.len());
    for e in &entries {
        let known = catalog::by_code(&e.top).is_some();
        assert!(known || e.pending.is_some(), "{}: {} is no finding code (a new one is pending work)", e.name, e.top);
        let s = &e.source;
        // A page (URL), source read (`package@version:path`, `owner/repo:path`, optionally at a
        // commit), or the documentation a reconstruction follows.
        let code =
            !s.contains(' ') && s.split_once(':').is_some_and(|(at, path)| at.contains(['/', '@']) && !path.is_empty());
        let sourced = s.starts_with("https://")
            || s.starts_with("http://")
            || code
            || s.starts_with("reconstructed from the documented format: http");
        assert!(
            sourced,
            "{}: the source {s:?} is no URL, package@version:path, owner/repo:path or documented format",
            e.name
        );
    }
}

#[test]
fn the_parser_reads_entries_and_refuses_broken_ones() {
    let ok = "# comment\n=== a\nsource: https://x\ntop: invalid_token\nsays: invalid\nresponse:\nHTTP/1.1 401 Unauthorized\n\n{}\n\n=== b\nsource: https://y\ntop: t\nsays: s\nnow: 5\nresponse:\nHTTP/1.1 403 Forbidden\n";
    let entries = parse_gallery(ok).expect("parses");
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].response, "HTTP/1.1 401 Unauthorized\n\n{}");
    assert_eq!(entries[1].now, Some(5));
    assert!(parse_gallery("=== a\nsource: x\ntop: t\nresponse:\nHTTP/1.1 401 x\n")
        .unwrap_err()
        .contains("says nothing"));
    assert!(parse_gallery("=== a\n=== a\n").unwrap_err().contains("second entry"));
    assert!(parse_gallery("=== a\nwhat: x\n").unwrap_err().contains("unknown key"));
}
