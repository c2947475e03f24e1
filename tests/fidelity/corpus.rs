//! Reads `corpus.txt` (its format is described at its top).

use why401::model::request::export::Target;

pub struct Entry {
    pub name: String,
    /// The line of `=== name` in corpus.txt.
    pub line: usize,
    /// The command with `{URL}` and `{HOST}` still in it.
    pub command: String,
    /// The reproduction codes each target must list (none when not named).
    pub expect: Vec<(Target, Vec<String>)>,
    /// Environment variables (`env NAME=value`) curl and every export run with: the shell
    /// fills them in for curl, and each export reads them as its snippet says.
    pub env: Vec<(String, String)>,
}

impl Entry {
    pub fn expected(&self, target: Target) -> Vec<String> {
        let mut codes: Vec<String> =
            self.expect.iter().filter(|(t, _)| *t == target).flat_map(|(_, c)| c.clone()).collect();
        codes.sort();
        codes
    }

    /// The command for a recorder at 127.0.0.1:port.
    pub fn command_for(&self, port: u16) -> String {
        self.command
            .replace("{URL}", &format!("http://127.0.0.1:{port}"))
            .replace("{HOST}", &format!("127.0.0.1:{port}"))
    }
}

pub fn target_named(word: &str) -> Option<Target> {
    Some(match word {
        "curl" => Target::Curl,
        "python" => Target::Python,
        "httpie" => Target::Httpie,
        "fetch" => Target::Fetch,
        "raw" => Target::RawHttp,
        _ => return None,
    })
}

pub fn short(target: Target) -> &'static str {
    match target {
        Target::Curl => "curl",
        Target::Python => "python",
        Target::Httpie => "httpie",
        Target::Fetch => "fetch",
        Target::RawHttp => "raw",
    }
}

pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut in_command = false;
    for (k, line) in text.lines().enumerate() {
        let n = k + 1;
        if let Some(name) = line.strip_prefix("=== ") {
            if entries.iter().any(|e| e.name == name.trim()) {
                return Err(format!("line {n}: a second entry named {name:?}"));
            }
            entries.push(Entry {
                name: name.trim().to_string(),
                line: n,
                command: String::new(),
                expect: vec![],
                env: vec![],
            });
            in_command = false;
            continue;
        }
        let Some(entry) = entries.last_mut() else {
            // The documentation before the first entry.
            continue;
        };
        if !in_command {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix("env ") {
                let (name, value) = rest.split_once('=').ok_or(format!("line {n}: env NAME=value"))?;
                let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if !valid {
                    return Err(format!("line {n}: {name:?} is no variable name"));
                }
                entry.env.push((name.to_string(), value.to_string()));
                continue;
            }
            if let Some(rest) = line.strip_prefix("expect ") {
                let (target, codes) = rest.split_once(':').ok_or(format!("line {n}: expect <target>: <codes>"))?;
                let target = target_named(target.trim()).ok_or(format!("line {n}: no target {target:?}"))?;
                let codes = codes.split(',').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
                entry.expect.push((target, codes));
                continue;
            }
            in_command = true;
        }
        entry.command.push_str(line);
        entry.command.push('\n');
    }
    for e in &mut entries {
        e.command = e.command.trim_end().to_string();
        if !without_assignments(&e.command).starts_with("curl ") {
            return Err(format!("line {}: {:?} does not start with `curl ` (after NAME=value words)", e.line, e.name));
        }
        if !e.command.contains("{URL}") && !e.command.contains("{HOST}") {
            return Err(format!("line {}: {:?} has no {{URL}} or {{HOST}}", e.line, e.name));
        }
    }
    Ok(entries)
}

/// The command without the `NAME=value` words before it (which set a variable for curl's
/// environment only, not for the words the shell expands in the same command).
fn without_assignments(command: &str) -> &str {
    let mut rest = command;
    while let Some((word, after)) = rest.split_once(' ') {
        let name = word.split_once('=').map(|(n, _)| n);
        let assignment = name.is_some_and(|n| {
            n.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        if !assignment || word.contains(['\'', '"']) {
            break;
        }
        rest = after;
    }
    rest
}
