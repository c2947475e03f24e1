//! `docs/findings.md` is the one documented table of finding codes. It is generated from the
//! catalog so the two cannot drift: this test fails when they differ, and
//! `WHY401_UPDATE_DOCS=1 cargo test --test findings_docs` rewrites the table.

mod common;

use common::tables;
use std::collections::HashSet;
use why401::model::findings::{by_code, catalog};

const START: &str = "<!-- codes:start -->";
const END: &str = "<!-- codes:end -->";

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn table() -> String {
    let mut out =
        String::from("| code | severity | title | example trigger | fix | reference |\n|---|---|---|---|---|---|\n");
    for c in catalog() {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | [{}]({}) |\n",
            c.code,
            c.severity.label(),
            cell(c.title),
            cell(c.example),
            cell(c.fix),
            c.reference,
            c.url
        ));
    }
    out
}

#[test]
fn docs_table_matches_the_catalog() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/findings.md");
    let doc = std::fs::read_to_string(path).expect("docs/findings.md exists");
    let (head, rest) = doc.split_once(START).expect("start marker");
    let (_, tail) = rest.split_once(END).expect("end marker");
    let expected = format!("{head}{START}\n{}{END}{tail}", table());
    if std::env::var_os("WHY401_UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
        return;
    }
    assert!(
        doc == expected,
        "docs/findings.md is out of date: run WHY401_UPDATE_DOCS=1 cargo test --test findings_docs"
    );
}

#[test]
fn codes_are_unique_snake_case_with_https_references() {
    let mut seen = std::collections::HashSet::new();
    for c in catalog() {
        assert!(seen.insert(c.code), "duplicate code {}", c.code);
        assert!(c.code.starts_with(|ch: char| ch.is_ascii_lowercase()), "{:?} starts with a letter", c.code);
        assert!(c.code.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'), "{}", c.code);
        assert!(c.url.starts_with("https://"), "{}", c.code);
        assert!(c.title.ends_with('.'), "title of {} is a sentence", c.code);
        assert!(!c.example.is_empty() && !c.fix.is_empty(), "{}", c.code);
    }
}

/// Every code fires in a row of a table-driven test that runs (`common::tables`: the input fires
/// it and its near miss does not). A row that is commented out, or that no longer fires its
/// code, does not count.
#[test]
fn every_code_fires_in_a_table_test() {
    let outcomes = tables::all();
    let fired: HashSet<&str> = outcomes.iter().filter(|o| o.passed()).map(|o| o.code).collect();
    let missing: Vec<&str> = catalog().map(|c| c.code).filter(|c| !fired.contains(c)).collect();
    let failing: Vec<String> =
        outcomes.iter().filter(|o| !o.passed() && missing.contains(&o.code)).map(|o| format!("{o:?}")).collect();
    assert!(
        missing.is_empty(),
        "{} of {} codes fire in no table row: {}\nrows for them that fail:\n{}",
        missing.len(),
        catalog().count(),
        missing.join(", "),
        failing.join("\n")
    );
    // A code in a table that is not in the catalog is a typo in the table.
    let unknown: Vec<&str> = outcomes.iter().map(|o| o.code).filter(|c| by_code(c).is_none()).collect();
    assert!(unknown.is_empty(), "table rows for codes the catalog does not have: {unknown:?}");
}
