//! The differential test of issue 9, "reproduce the user's request exactly". Every curl command
//! of `tests/fidelity/corpus.txt` is run with real curl against a recording server on
//! 127.0.0.1; then imported, exported to each target, and each export run against the same
//! server. Every export must send what curl sent: the same method, request target, header
//! fields (what each client adds by itself aside, `wire::OWN_HEADERS`) and body bytes
//! (multipart part by part). A difference passes only when `reproduction::sender::differences`
//! lists a code that explains it, and every code listed must explain a difference that
//! happened; the codes each target lists must also be the ones the corpus entry expects.
//!
//! The case of header names and the order of different names, which HTTP gives no meaning
//! (RFC 9110 §5.1, §5.3), are reported apart ("order") and pass; the order of repeated lines of
//! one name is compared.
//!
//! The summary table goes to stdout (`cargo test --test fidelity -- --nocapture`) and to
//! `target/tmp/fidelity-summary.txt`. `WHY401_FIDELITY_ONLY=text` runs only the entries whose
//! name contains the text (and then the test fails, so that a filtered run never passes
//! for a whole one); `WHY401_FIDELITY_JOBS` sets the number of entries run at once (4).

#[path = "fidelity/corpus.rs"]
mod corpus;
#[path = "fidelity/recorder.rs"]
mod recorder;
#[path = "fidelity/senders.rs"]
mod senders;
#[path = "fidelity/wire.rs"]
mod wire;

use corpus::{short, Entry};
use recorder::{Recorded, Recorder};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;
use why401::model::request::curl;
use why401::model::request::export::{self, Options, Target};
use why401::model::request::reproduction::sender::differences;
use why401::model::request::reproduction::{Difference, Sender};
use wire::{Client, Mismatch};

const MIN_ENTRIES: usize = 80;

enum Cell {
    Exact,
    /// Only the case of names or the order of different names differ.
    Order,
    /// Differences, each explained by one of these codes.
    Listed(Vec<String>),
    Fail(String),
}

impl Cell {
    fn label(&self) -> &'static str {
        match self {
            Cell::Exact => "exact",
            Cell::Order => "order",
            Cell::Listed(_) => "listed",
            Cell::Fail(_) => "FAIL",
        }
    }
}

struct Outcome {
    name: String,
    line: usize,
    cells: Vec<(Target, Cell)>,
    /// Each listed difference with what it explained, for the report.
    explained: Vec<String>,
}

fn client(target: Target) -> Client {
    match target {
        Target::Curl => Client::Curl,
        Target::Python => Client::Requests,
        Target::Httpie => Client::Httpie,
        Target::Fetch => Client::Node,
        Target::RawHttp => Client::Socket,
    }
}

/// Whether `what` names the header `name` (as a word of its own).
fn names(what: &str, name: &str) -> bool {
    let (what, name) = (what.to_ascii_lowercase(), name.to_ascii_lowercase());
    what.match_indices(&name).any(|(at, _)| {
        let token = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        !token(what[..at].chars().next_back()) && !token(what[at + name.len()..].chars().next())
    })
}

/// Whether a listed difference accounts for what was seen on the wire.
fn explains(d: &Difference, m: &Mismatch) -> bool {
    match (d.code(), m) {
        // The model's prediction must be what happened: the difference names the target sent.
        ("url_normalised", Mismatch::Target { got, .. }) => d.what.contains(&format!(" as {got} instead of ")),
        ("body_on_get_dropped", Mismatch::Body { dropped, .. }) => *dropped,
        ("body_on_get_dropped", Mismatch::Missing { name, .. }) => {
            name.eq_ignore_ascii_case("content-type") && names(&d.what, "Content-Type")
        }
        ("headers_joined", Mismatch::Joined { name, .. }) => names(&d.what, name),
        ("method_not_reproduced", Mismatch::Method { got, .. }) => d.what.contains(&format!("goes out as {got}:")),
        ("header_not_settable", Mismatch::Missing { name, .. } | Mismatch::Value { name, .. }) => names(&d.what, name),
        ("header_not_settable", Mismatch::Host { .. }) => names(&d.what, "Host"),
        ("headers_added", Mismatch::Extra { name, .. }) => names(&d.what, name),
        ("file_not_attached", Mismatch::Body { what, .. }) => what.contains("content"),
        // The part named in the difference is the one whose headers differ.
        ("form_part_changed", Mismatch::Body { what, .. }) => {
            let field = d.what.split('"').nth(1).unwrap_or_default();
            let part_headers = what.contains(" headers ") && what.contains(&format!("name=\\\"{field}\\\""));
            part_headers || what.contains(" content ") && d.what.contains("line breaks")
        }
        _ => false,
    }
}

fn one(records: Vec<Result<Recorded, String>>, who: &str) -> Result<Recorded, String> {
    let mut ok = Vec::new();
    for r in records {
        ok.push(r.map_err(|e| format!("{who}: the recorder could not read the request: {e}"))?);
    }
    match ok.len() {
        1 => Ok(ok.remove(0)),
        n => Err(format!(
            "{who} sent {n} requests, not one:\n{}",
            ok.iter().map(wire::show).collect::<Vec<_>>().join("\n")
        )),
    }
}

fn judge(
    entry: &Entry,
    target: Target,
    reference: &Recorded,
    request: &why401::model::request::Request,
    rec: &Recorder,
    explained: &mut Vec<String>,
) -> Cell {
    let snippet = export::export(request, target, Options::default());
    let listed = differences(request, Sender::Export(target));
    let mut codes: Vec<String> = listed.iter().map(|d| d.code().to_string()).collect();
    codes.sort();
    codes.dedup();
    let fail = |why: String| Cell::Fail(format!("{why}\n--- {} export ---\n{snippet}", target.label()));
    if let Err(e) = senders::run_export(target, &snippet, rec.port, &entry.env) {
        let _ = rec.take();
        return fail(format!("the export did not run: {e}"));
    }
    let got = match one(rec.take(), target.label()) {
        Ok(g) => g,
        Err(e) => return fail(e),
    };
    let mismatches = wire::compare(reference, &got, client(target));
    let mut problems = Vec::new();
    let expected = entry.expected(target);
    if codes != expected {
        problems.push(format!("listed codes {codes:?}, the corpus expects {expected:?}"));
    }
    for m in mismatches.iter().filter(|m| !m.is_cosmetic()) {
        match listed.iter().find(|d| explains(d, m)) {
            Some(d) => explained.push(format!("{} / {}: {} ← {m}", entry.name, short(target), d.code())),
            None => problems.push(format!("unexplained: {m}")),
        }
    }
    for d in &listed {
        if !mismatches.iter().any(|m| explains(d, m)) {
            problems.push(format!("{} is listed but nothing it explains happened: {}", d.code(), d.what));
        }
    }
    if !problems.is_empty() {
        return fail(format!(
            "{}\n--- curl sent ---\n{}--- {} sent ---\n{}",
            problems.join("\n"),
            wire::show(reference),
            target.label(),
            wire::show(&got)
        ));
    }
    for m in mismatches.iter().filter(|m| m.is_cosmetic()) {
        explained.push(format!("{} / {}: (no meaning in HTTP) {m}", entry.name, short(target)));
    }
    if !codes.is_empty() {
        Cell::Listed(codes)
    } else if mismatches.is_empty() {
        Cell::Exact
    } else {
        Cell::Order
    }
}

fn run_entry(entry: &Entry) -> Outcome {
    let rec = Recorder::start();
    let command = entry.command_for(rec.port);
    let mut explained = Vec::new();
    let all = |why: String| Target::ALL.into_iter().map(|t| (t, Cell::Fail(why.clone()))).collect();
    let prepared = (|| {
        senders::run_command(&command, rec.port, &entry.env)
            .map_err(|e| format!("curl itself failed: {e}\n{command}"))?;
        let reference = one(rec.take(), "curl")?;
        let imported = curl::import(&command).map_err(|e| format!("the import failed: {e}\n{command}"))?;
        let url = imported.request.url();
        // Only the recorder is ever contacted.
        let base = rec.url();
        if url != base && !url.starts_with(&format!("{base}/")) && !url.starts_with(&format!("{base}?")) {
            return Err(format!("the imported URL {url} is not the recorder's"));
        }
        Ok((reference, imported.request))
    })();
    let cells = match prepared {
        Err(e) => all(e),
        Ok((reference, request)) => {
            Target::ALL.into_iter().map(|t| (t, judge(entry, t, &reference, &request, &rec, &mut explained))).collect()
        }
    };
    Outcome { name: entry.name.clone(), line: entry.line, cells, explained }
}

fn summary(outcomes: &[Outcome], seconds: f64, filtered: Option<&str>) -> String {
    let mut s = String::from("Differential test: each corpus command run by curl, then by each export\n");
    s.push_str("exact = the same request; order = the same fields, names in another case or order; listed = differences, each explained by a listed code\n\n");
    s.push_str(&format!("{:<48}", "command"));
    for t in Target::ALL {
        s.push_str(&format!("{:>8}", short(t)));
    }
    s.push('\n');
    for o in outcomes {
        let name: String = o.name.chars().take(46).collect();
        s.push_str(&format!("{name:<48}"));
        for (_, c) in &o.cells {
            s.push_str(&format!("{:>8}", c.label()));
        }
        s.push('\n');
    }
    s.push_str("\ntotals (exact / order / listed / FAIL)\n");
    let mut grand = [0usize; 4];
    for (k, t) in Target::ALL.into_iter().enumerate() {
        let mut n = [0usize; 4];
        for o in outcomes {
            let i = match o.cells[k].1 {
                Cell::Exact => 0,
                Cell::Order => 1,
                Cell::Listed(_) => 2,
                Cell::Fail(_) => 3,
            };
            n[i] += 1;
            grand[i] += 1;
        }
        s.push_str(&format!("  {:<16} {:>3} / {:>3} / {:>3} / {:>3}\n", t.label(), n[0], n[1], n[2], n[3]));
    }
    s.push_str(&format!(
        "  {:<16} {:>3} / {:>3} / {:>3} / {:>3}   ({} commands × {} targets, {seconds:.1} s)\n",
        "all",
        grand[0],
        grand[1],
        grand[2],
        grand[3],
        outcomes.len(),
        Target::ALL.len()
    ));
    if let Some(f) = filtered {
        s.push_str(&format!("FILTERED by WHY401_FIDELITY_ONLY={f:?}: not a whole run\n"));
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for o in outcomes {
        for (_, c) in &o.cells {
            if let Cell::Listed(codes) = c {
                for code in codes {
                    match counts.iter_mut().find(|(c, _)| c == code) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((code.clone(), 1)),
                    }
                }
            }
        }
    }
    s.push_str("\nCodes listed (cells): ");
    s.push_str(&counts.iter().map(|(c, n)| format!("{c} × {n}")).collect::<Vec<_>>().join(", "));
    s.push_str("\n\nListed differences and what each explained, and the names in another case or order:\n");
    for o in outcomes {
        for e in &o.explained {
            s.push_str(&format!("  {e}\n"));
        }
    }
    s
}

#[test]
fn every_export_sends_what_curl_sends() {
    senders::check_tools();
    let started = Instant::now();
    let text = include_str!("fidelity/corpus.txt");
    let mut entries = corpus::parse(text).unwrap_or_else(|e| panic!("corpus.txt: {e}"));
    let total = entries.len();
    let filter = std::env::var("WHY401_FIDELITY_ONLY").ok().filter(|f| !f.is_empty());
    if let Some(f) = &filter {
        entries.retain(|e| e.name.contains(f.as_str()));
    }
    let jobs: usize = std::env::var("WHY401_FIDELITY_JOBS").ok().and_then(|j| j.parse().ok()).unwrap_or(4);
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Outcome)>> = Mutex::default();
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(entry) = entries.get(i) else { break };
                let outcome = run_entry(entry);
                done.lock().unwrap().push((i, outcome));
            });
        }
    });
    let mut outcomes = done.into_inner().unwrap();
    outcomes.sort_by_key(|(i, _)| *i);
    let outcomes: Vec<Outcome> = outcomes.into_iter().map(|(_, o)| o).collect();
    let table = summary(&outcomes, started.elapsed().as_secs_f64(), filter.as_deref());
    println!("{table}");
    let _ = std::fs::write(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("fidelity-summary.txt"), &table);
    let failures: Vec<String> = outcomes
        .iter()
        .flat_map(|o| {
            o.cells.iter().filter_map(move |(t, c)| match c {
                Cell::Fail(why) => {
                    Some(format!("=== {} (corpus.txt line {}) via {}:\n{why}", o.name, o.line, t.label()))
                }
                _ => None,
            })
        })
        .collect();
    assert!(failures.is_empty(), "{table}\n{} failures:\n\n{}", failures.len(), failures.join("\n\n"));
    assert!(filter.is_none(), "only {} of {total} entries ran (WHY401_FIDELITY_ONLY)", outcomes.len());
    assert!(total >= MIN_ENTRIES, "the corpus has {total} commands; it needs at least {MIN_ENTRIES}");
}

/// The recorder itself: it keeps a request's bytes as they came, un-chunks a chunked body,
/// answers `Expect: 100-continue` before the body, and says what it cannot read.
#[test]
fn the_recorder_keeps_what_arrived() {
    use std::io::{Read, Write};
    let rec = Recorder::start();
    let send = |bytes: &[u8]| {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", rec.port)).unwrap();
        s.write_all(bytes).unwrap();
        let mut reply = String::new();
        s.read_to_string(&mut reply).unwrap();
        reply
    };
    let reply = send(b"PUT /a%20b?x=1&y HTTP/1.1\r\nHost: h\r\nX-A:  1 \r\nx-a: 2\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n3\r\nab\n\r\n2;ext=1\r\n\xff!\r\n0\r\nTrailer: t\r\n\r\n");
    assert!(reply.starts_with("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"), "{reply}");
    let got = one(rec.take(), "test").unwrap();
    assert_eq!(
        (got.method.as_str(), got.target.as_slice(), got.version.as_str()),
        ("PUT", b"/a%20b?x=1&y".as_slice(), "HTTP/1.1")
    );
    let headers: Vec<(&str, &[u8])> = got.headers.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect();
    assert_eq!(headers[..3], [("Host", b"h".as_slice()), ("X-A", b"1"), ("x-a", b"2")]);
    assert_eq!((got.body.as_slice(), got.framing), (b"ab\n\xff!".as_slice(), "chunked"));
    let reply = send(b"POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nab\r\n");
    assert!(reply.starts_with("HTTP/1.1 200 OK"), "{reply}");
    assert_eq!(one(rec.take(), "test").unwrap().body, b"ab\r\n");
    let reply = send(b"GET / HTTP/1.1\nHost: h\n\n");
    assert!(reply.starts_with("HTTP/1.1 400"), "{reply}");
    assert!(one(rec.take(), "test").unwrap_err().contains("a line without CRLF"));
}

/// A listed difference explains only what it says: `url_normalised` must name the very target
/// the client sent, so that a wrong prediction of the rewrite fails instead of passing.
#[test]
fn a_rewritten_url_is_explained_only_by_its_own_prediction() {
    let mut r = why401::model::request::Request::default();
    r.set_url("http://127.0.0.1:1/s?ids[]=1");
    let listed = differences(&r, Sender::Export(Target::Python));
    let [d] = listed.as_slice() else { panic!("{listed:?}") };
    let target = |got: &str| Mismatch::Target { want: "/s?ids[]=1".into(), got: got.into() };
    assert!(explains(d, &target("/s?ids%5B%5D=1")), "{}", d.what);
    assert!(!explains(d, &target("/s?ids%5b%5d=1")), "another rewrite than the one predicted");
    assert!(!explains(d, &target("/s")), "{}", d.what);
}
