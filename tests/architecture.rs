//! The shape of the house, checked: `src/model/` is pure (no browser crate), and its files
//! import downwards only. A file that needs something from a file that needs it back is an
//! import circle, and so is a folder that needs a folder that needs it back. Both are found
//! here from the source text, so a new `use` that closes a circle fails `cargo test`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MODEL: &str = "src/model";
const BROWSER_CRATES: &[&str] = &["leptos", "web_sys", "js_sys", "wasm_bindgen", "gloo_net", "gloo"];

/// A module path inside the crate, e.g. ["model", "token", "jose"].
type ModPath = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(file: &Path) -> ModPath {
    let rel = file.strip_prefix("src").expect("under src/");
    let mut parts: ModPath = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code a file runs in the page: its `#[cfg(test)]` items and comments left out, since
/// tests may reach anywhere and comments import nothing. An item is cut from the attribute to
/// its closing brace (or to the end of the file when the braces cannot be matched).
fn shipped_code(text: &str) -> String {
    let code: String = text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
    let mut out = String::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        // `#[cfg(test)] mod tests;` ends at its `;`: what follows is shipped code again.
        let semi = item.find(';');
        let Some(open) = item.find('{') else { return out };
        if let Some(semi) = semi.filter(|s| *s < open) {
            rest = &item[semi + 1..];
            continue;
        }
        let mut depth = 0;
        let end = item[open..].char_indices().find_map(|(i, c)| {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            (depth == 0).then_some(open + i + 1)
        });
        match end {
            Some(end) => rest = &item[end..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else { return vec![tree] };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').expect("a closing brace")];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items.into_iter().filter(|s| !s.is_empty()).flat_map(|item| expand_use(&format!("{prefix}{item}"))).collect()
}

/// Every path the code names: `use` trees expanded, and `crate::…` / `super::…` inline.
fn paths_named(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    // `use` statements start a line (after `pub` or `pub(crate)`); a "use " inside a string
    // does not.
    let mut lines = code.lines();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        let t = t.strip_prefix("pub(crate) ").or_else(|| t.strip_prefix("pub ")).unwrap_or(t);
        let Some(tree) = t.strip_prefix("use ") else { continue };
        let mut stmt = tree.to_string();
        while !stmt.contains(';') {
            match lines.next() {
                Some(more) => stmt.push_str(more),
                None => break,
            }
        }
        out.extend(expand_use(stmt.split(';').next().unwrap_or_default()));
    }
    // Inline paths: `crate::…`, `super::…`, `self::…`, and `name::…`, which may be a child
    // module (the caller decides).
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let begin = from + at;
            let before = code[..begin].chars().last();
            let end = code[begin..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| begin + e);
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                out.push(code[begin..end].trim_end_matches(':').to_string());
            }
            from = end.max(begin + start.len());
        }
    }
    let mut word = String::new();
    let bytes: Vec<char> = code.chars().collect();
    for (i, &c) in bytes.iter().enumerate() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        let starts_path = c == ':' && bytes.get(i + 1) == Some(&':') && i >= word.len();
        let qualified = i > word.len() && bytes.get(i - word.len() - 1) == Some(&':');
        if starts_path && !word.is_empty() && !qualified && !["crate", "super", "self"].contains(&word.as_str()) {
            let rest: String =
                bytes[i + 2..].iter().take_while(|c| c.is_alphanumeric() || **c == '_' || **c == ':').collect();
            out.push(format!("{word}::{}", rest.trim_end_matches(':')));
        }
        word.clear();
    }
    out
}

/// The module a path starts from, made absolute; None for other crates. `is_child` says
/// whether a bare first segment is a submodule of `here` (`request_rules::run` in a mod.rs).
fn absolute(path: &str, here: &ModPath, is_child: impl Fn(&str) -> bool) -> Option<ModPath> {
    let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    // A file's own module is `self`; `super` is its parent (for mod.rs, the folder's parent).
    let mut base: ModPath = here.clone();
    match segs.first().copied() {
        Some("crate") => {
            base.clear();
            segs.remove(0);
        }
        Some("self") => {
            segs.remove(0);
        }
        Some("super") => {
            while segs.first() == Some(&"super") {
                base.pop();
                segs.remove(0);
            }
        }
        Some(first) if is_child(first) => {}
        _ => return None,
    }
    base.extend(segs.iter().map(|s| s.to_string()));
    Some(base)
}

struct House {
    /// module path → file
    files: BTreeMap<ModPath, PathBuf>,
    /// file module → modules it imports (files only, itself excluded)
    edges: BTreeMap<ModPath, BTreeSet<ModPath>>,
}

fn house() -> House {
    let mut paths = Vec::new();
    rust_files(Path::new(MODEL), &mut paths);
    let files: BTreeMap<ModPath, PathBuf> = paths.iter().map(|p| (module_of(p), p.clone())).collect();
    let mut edges = BTreeMap::new();
    for (module, file) in &files {
        let code = shipped_code(&fs::read_to_string(file).expect("readable source"));
        let mut to = BTreeSet::new();
        let is_child = |name: &str| {
            let mut child = module.clone();
            child.push(name.to_string());
            files.contains_key(&child)
        };
        for named in paths_named(&code) {
            let Some(mut target) = absolute(&named, module, is_child) else { continue };
            // The longest prefix that is a file: `model::token::jose::Token` → model::token::jose.
            while !target.is_empty() && !files.contains_key(&target) {
                target.pop();
            }
            if !target.is_empty() && &target != module {
                to.insert(target);
            }
        }
        edges.insert(module.clone(), to);
    }
    House { files, edges }
}

/// A circle in `edges`, if any, as the nodes on it.
fn find_cycle<N: Ord + Clone>(edges: &BTreeMap<N, BTreeSet<N>>) -> Option<Vec<N>> {
    fn visit<N: Ord + Clone>(
        n: &N,
        edges: &BTreeMap<N, BTreeSet<N>>,
        state: &mut BTreeMap<N, u8>,
        stack: &mut Vec<N>,
    ) -> Option<Vec<N>> {
        state.insert(n.clone(), 1);
        stack.push(n.clone());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m) {
                Some(1) => {
                    let from = stack.iter().position(|s| s == m).expect("on the stack");
                    return Some(stack[from..].to_vec());
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(m, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(n.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if !state.contains_key(n) {
            if let Some(c) = visit(n, edges, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

/// Every circle, each shown once: a found circle's closing edge is removed and the search runs
/// again, so one report lists them all.
fn all_cycles(mut edges: BTreeMap<ModPath, BTreeSet<ModPath>>) -> Vec<String> {
    let mut found = Vec::new();
    while let Some(cycle) = find_cycle(&edges) {
        found.push(show(&cycle));
        let (last, first) = (cycle.last().expect("a circle has nodes"), &cycle[0]);
        edges.get_mut(last).expect("the node has edges").remove(first);
    }
    found
}

fn show(cycle: &[ModPath]) -> String {
    cycle.iter().map(|m| m.join("::")).chain(cycle.first().map(|m| m.join("::"))).collect::<Vec<_>>().join(" → ")
}

#[test]
fn model_files_import_no_circle() {
    let house = house();
    assert!(house.files.len() > 40, "found only {} files under {MODEL}", house.files.len());
    let circles = all_cycles(house.edges);
    assert!(circles.is_empty(), "import circles between files:\n{}", circles.join("\n"));
}

/// The folder a module lives in under model/ (a leaf file is its own folder).
fn folder(m: &ModPath) -> ModPath {
    m.iter().take(2).cloned().collect()
}

#[test]
fn model_folders_import_no_circle() {
    let house = house();
    let mut folders: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
    for (from, tos) in &house.edges {
        let entry = folders.entry(folder(from)).or_default();
        entry.extend(tos.iter().map(folder).filter(|f| *f != folder(from)));
    }
    assert!(folders.len() >= 10, "folders: {:?}", folders.keys().collect::<Vec<_>>());
    let circles = all_cycles(folders);
    assert!(circles.is_empty(), "import circles between folders:\n{}", circles.join("\n"));
}

#[test]
fn model_uses_no_browser_crate() {
    let house = house();
    for file in house.files.values() {
        let code = shipped_code(&fs::read_to_string(file).expect("readable source"));
        for name in BROWSER_CRATES {
            assert!(!names_crate(&code, name), "{} uses {name}: model/ must stay pure", file.display());
        }
    }
}

/// Whether `code` names the crate `name` (`name::…`, not `my_name::…`).
fn names_crate(code: &str, name: &str) -> bool {
    let needle = format!("{name}::");
    code.match_indices(&needle)
        .any(|(at, _)| !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':'))
}

// The checker itself, on code it must judge: a circle it cannot see would make the tests
// above pass for nothing.
#[test]
fn the_checker_reads_use_trees_and_finds_circles() {
    assert_eq!(
        expand_use("crate::model::{a, b::{c, d}, e::F}"),
        ["crate::model::a", "crate::model::b::c", "crate::model::b::d", "crate::model::e::F"]
    );
    let named = paths_named("use super::jose::{self, Token};\nfn f() { crate::model::b64::encode(x); }");
    assert!(named.contains(&"super::jose::self".to_string()), "{named:?}");
    assert!(named.contains(&"crate::model::b64::encode".to_string()), "{named:?}");
    let here: ModPath = vec!["model".into(), "token".into(), "rules".into()];
    assert_eq!(absolute("super::jose::Token", &here, |_| false).unwrap(), ["model", "token", "jose", "Token"]);
    assert_eq!(absolute("crate::model::b64", &here, |_| false).unwrap(), ["model", "b64"]);
    assert_eq!(absolute("serde_json::Value", &here, |_| false), None);

    assert_eq!(
        absolute("facts::Facts", &here, |n| n == "facts").unwrap(),
        ["model", "token", "rules", "facts", "Facts"]
    );
    let named = paths_named("fn f() { request_rules::run(&f); serde_json::json!(1) }");
    assert!(named.contains(&"request_rules::run".to_string()), "{named:?}");
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    edges.insert("a", ["b"].into());
    edges.insert("b", ["c"].into());
    edges.insert("c", BTreeSet::new());
    assert_eq!(find_cycle(&edges), None);
    edges.insert("c", ["a"].into());
    assert_eq!(find_cycle(&edges), Some(vec!["a", "b", "c"]));
    assert!(names_crate("let w = web_sys::window();", "web_sys"));
    assert!(!names_crate("use crate::my_web_sys::x;", "web_sys"));
    let shipped = shipped_code(
        "use a::b; // use c::d\n#[cfg(test)]\nmod tests { fn f() { use x::y; } }\nfn after() { web_sys::window(); }",
    );
    assert!(!shipped.contains("c::d") && !shipped.contains("x::y"), "{shipped}");
    assert!(shipped.contains("web_sys::window"), "code after a test module still counts: {shipped}");
    let declared = shipped_code("mod a;\n#[cfg(test)]\nmod tests;\n\npub use a::X;\nfn f() { let _ = 1; }");
    assert!(
        declared.contains("pub use a::X") && declared.contains("fn f()"),
        "a declared test module cuts nothing else: {declared}"
    );
}

/// Every source file opens with a `//!` line saying what it holds, so a newcomer can read the
/// folders without opening every file.
#[test]
fn every_source_file_says_what_it_holds() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    assert!(files.len() > 100, "found only {} files under src/", files.len());
    let silent: Vec<String> = files
        .iter()
        .filter(|f| !fs::read_to_string(f).expect("readable source").starts_with("//! "))
        .map(|f| f.display().to_string())
        .collect();
    assert!(silent.is_empty(), "files without a //! line: {silent:?}");
}
