//! `docs/findings.md` is the one documented table of finding codes. It is generated from the
//! catalog so the two cannot drift: this test fails when they differ, and
//! `WHY401_UPDATE_DOCS=1 cargo test --test findings_docs` rewrites the table.

use why401::model::findings::catalog;

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
        assert!(c.code.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'), "{}", c.code);
        assert!(c.url.starts_with("https://"), "{}", c.code);
        assert!(c.title.ends_with('.'), "title of {} is a sentence", c.code);
        assert!(!c.example.is_empty() && !c.fix.is_empty(), "{}", c.code);
    }
}

/// Every code appears as `("code", …)` in some table-driven test under tests/, where each case
/// checks that it fires and that a near miss does not.
#[test]
fn every_code_has_a_table_driven_case() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
    let sources: String = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        // Formatting may break a tuple over lines: compare without whitespace.
        .flat_map(|text| text.chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>())
        .collect();
    for c in catalog() {
        assert!(sources.contains(&format!("(\"{}\",", c.code)), "no table-driven test case for {}", c.code);
    }
}
