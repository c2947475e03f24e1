//! Importing a pasted curl command (DevTools "Copy as cURL" for bash or cmd, API docs, a
//! terminal's history, PowerShell) into the composer's `Request`, as curl itself would send
//! it. Nothing is silently dropped or changed: a flag the importer does not know is listed,
//! what the page cannot send as curl does is a `Difference` with its code, and a flag that
//! changes nothing sent gets a note. A paste with several commands imports the first curl
//! command and lists the others.

mod data;
mod error;
mod finish;
mod flags;
mod form;
mod glob;
mod imported;
mod options;
mod parsed;
mod words;

#[cfg(test)]
mod tests;

pub use error::CurlError;
pub use imported::Imported;

use crate::model::findings::codes::{COMMAND_OUTPUT_UNSEEN, VARIABLE_UNRESOLVED};
use crate::model::request::reproduction::sender;
use crate::model::request::reproduction::{Difference, Sender};
use crate::model::request::{Auth, Request, Variable};
use crate::model::shell::{self, Command, Dialect, Part, Script, Stdin, Word};
use parsed::{Input, Parsed};

/// Imports the paste's first curl command.
pub fn import(paste: &str) -> Result<Imported, CurlError> {
    import_nth(paste, 0)
}

/// Imports the paste's curl command number `n` (0 is the first; `Imported::commands` lists
/// them all).
pub fn import_nth(paste: &str, n: usize) -> Result<Imported, CurlError> {
    let script = shell::parse(paste).map_err(CurlError::Shell)?;
    let curls: Vec<usize> =
        script.commands.iter().enumerate().filter(|(_, c)| curl_start(c).is_some()).map(|(i, _)| i).collect();
    let Some(&index) = curls.get(n).or(curls.first()) else {
        return Err(match script.commands.iter().find_map(|c| c.words.first()) {
            Some(w) => CurlError::NotCurl { first_word: w.text() },
            None => CurlError::Empty,
        });
    };
    let command = &script.commands[index];
    let start = curl_start(command).unwrap_or(0);
    let words: Vec<String> = command.words[start..].iter().map(Word::text).collect();
    let mut p = Parsed { stdin: stdin(&script, command), ..Parsed::default() };
    for output in &command.output {
        p.note(format!("'{output}' belongs to the shell: it only changes where curl's output goes"));
    }
    if let (Some("&"), Some(next)) = (command.ended_by.as_deref(), script.commands.get(index + 1)) {
        p.note(format!(
            "the unquoted & before '{}' ends the command: the shell runs curl in the background without what follows; quote the URL if the & belongs to it",
            next.source
        ));
    }
    words::read_options(&words, &mut p)?;
    let mut imported = p.finish()?;
    let values = known_values(&script, index, start);
    let mut expansions = command.words[start..].to_vec();
    if let Some(Stdin::Text(w)) = &command.stdin {
        expansions.push(w.clone());
    }
    if let Some(Stdin::Pipe(from)) = command.stdin {
        expansions.extend(script.commands[from].words.iter().cloned());
    }
    fill_variables(&mut imported, &expansions, &values, script.dialect);
    let page = sender::differences(&imported.request, Sender::Page);
    imported.differences.extend(page);
    imported.notes.extend(script.notes.iter().cloned());
    imported.notes.extend(stray_options(&script, index, &curls));
    if script.dialect == Dialect::PowerShell {
        imported.notes.extend(powershell_notes(&command.words[start..]));
    }
    imported.commands = curls.iter().map(|&i| script.commands[i].source.clone()).collect();
    imported.command = curls.iter().position(|&i| i == index).unwrap_or(0);
    imported.dialect = script.dialect;
    Ok(imported)
}

fn is_curl(word: &str) -> bool {
    let base = word.rsplit(['/', '\\']).next().unwrap_or(word);
    base.eq_ignore_ascii_case("curl") || base.eq_ignore_ascii_case("curl.exe")
}

/// Where curl is among the command's words: first, or after `sudo`, `time`, `env A=1`…
fn curl_start(c: &Command) -> Option<usize> {
    const PREFIXES: [&str; 6] = ["sudo", "time", "command", "exec", "nohup", "env"];
    let mut k = 0;
    while let Some(w) = c.words.get(k) {
        let text = w.text();
        if is_curl(&text) {
            return Some(k);
        }
        let after_prefix = k > 0 && (text.starts_with('-') || w.assignment().is_some());
        if !PREFIXES.contains(&text.as_str()) && !after_prefix {
            return None;
        }
        k += 1;
    }
    None
}

/// What curl reads on standard input, as far as the paste tells.
fn stdin(script: &Script, command: &Command) -> Input {
    match &command.stdin {
        None => Input::Unknown,
        Some(Stdin::Text(w)) => Input::Text(w.text()),
        Some(Stdin::File(w)) => Input::File(w.text()),
        Some(Stdin::Pipe(from)) => {
            let source = &script.commands[*from];
            printed(source).map_or_else(|| Input::Output(source.source.clone()), Input::Text)
        }
    }
}

/// What `echo` or a simple `printf` prints.
fn printed(c: &Command) -> Option<String> {
    let words: Vec<String> = c.words.iter().map(Word::text).collect();
    match words.first().map(String::as_str) {
        Some("echo") => {
            let flags = words[1..].iter().take_while(|w| matches!(w.as_str(), "-n" | "-e" | "-E" | "-ne" | "-en"));
            let flags: Vec<&String> = flags.collect();
            let newline = !flags.iter().any(|f| f.contains('n'));
            let escapes = flags.iter().any(|f| f.contains('e'));
            let mut text = words[1 + flags.len()..].join(" ");
            if escapes {
                text = backslash_escapes(&text);
            }
            if newline {
                text.push('\n');
            }
            Some(text)
        }
        Some("printf") => {
            let format = words.get(1)?;
            let mut args = words[2..].iter();
            let mut out = String::new();
            let mut chars = backslash_escapes(format).chars().collect::<Vec<_>>().into_iter().peekable();
            while let Some(ch) = chars.next() {
                if ch != '%' {
                    out.push(ch);
                    continue;
                }
                match chars.next() {
                    Some('%') => out.push('%'),
                    Some('s') => out.push_str(args.next().map_or("", String::as_str)),
                    _ => return None,
                }
            }
            (args.next().is_none()).then_some(out)
        }
        _ => None,
    }
}

fn backslash_escapes(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The variables the paste gives a value before the command runs: `NAME=value` lines,
/// `export NAME=value`, cmd's `set NAME=value`, PowerShell's `$env:NAME = 'value'`, and the
/// command's own `NAME=value curl …`.
fn known_values(script: &Script, index: usize, start: usize) -> Vec<(String, String)> {
    let mut known: Vec<(String, String)> = Vec::new();
    let set = |known: &mut Vec<(String, String)>, name: String, value: &Word| {
        let mut text = String::new();
        for part in &value.parts {
            match part {
                Part::Lit(s) => text.push_str(s),
                Part::Var(v) => match known.iter().rev().find(|(n, _)| n == v) {
                    Some((_, value)) => text.push_str(value),
                    None => return,
                },
                Part::Output(_) | Part::Special(_) => return,
            }
        }
        known.push((name, text));
    };
    for c in &script.commands[..index] {
        for (name, value) in &c.env {
            if c.words.is_empty() {
                set(&mut known, name.clone(), value);
            }
        }
        let Some(first) = c.words.first() else { continue };
        let name = first.text().to_ascii_lowercase();
        if ["export", "declare", "typeset", "readonly", "local"].contains(&name.as_str()) {
            for w in &c.words[1..] {
                if let Some((n, v)) = w.assignment() {
                    set(&mut known, n, &v);
                }
            }
        } else if name == "set" {
            if let Some((n, v)) =
                c.words.get(1).and_then(|w| w.text().split_once('=').map(|(n, v)| (n.to_string(), v.to_string())))
            {
                if shell::is_name(&n) {
                    set(&mut known, n, &Word::lit(&v));
                }
            }
        } else if let [Part::Var(n)] = first.parts.as_slice() {
            // PowerShell: `$env:NAME = 'value'`.
            if c.words.len() == 3 && c.words[1].text() == "=" {
                set(&mut known, n.clone(), &c.words[2]);
            }
        }
    }
    let command = &script.commands[index];
    for (name, value) in &command.env {
        set(&mut known, name.clone(), value);
    }
    for w in &command.words[..start] {
        if let Some((n, v)) = w.assignment() {
            set(&mut known, n, &v);
        }
    }
    known
}

/// Records the variables the request's text uses, with their values when the paste gives
/// them, and says which ones (and which command outputs and special parameters) the page
/// cannot fill in.
fn fill_variables(imported: &mut Imported, words: &[Word], known: &[(String, String)], dialect: Dialect) {
    let mut names: Vec<&str> = Vec::new();
    let mut outputs: Vec<&str> = Vec::new();
    let mut specials: Vec<&str> = Vec::new();
    for w in words {
        // Only an environment variable's name: an export writes it as `os.environ["NAME"]`,
        // `process.env.NAME` or `${NAME}`.
        names.extend(w.variables().filter(|v| shell::is_name(v) && !names.contains(v)).collect::<Vec<_>>());
        outputs.extend(w.outputs().filter(|o| !outputs.contains(o)).collect::<Vec<_>>());
        specials.extend(w.specials().filter(|s| !specials.contains(s)).collect::<Vec<_>>());
    }
    let escaped = if dialect == Dialect::PowerShell { "`$" } else { "\\$" };
    for special in specials {
        let places = places(&imported.request, special);
        if !places.is_empty() {
            imported.notes.push(format!(
                "{} fills in {special} ({}) in {}; the page keeps the text {special}, which no variable can stand for. Quote it ('…' or {escaped}) if it is part of the value.",
                dialect.label(),
                shell::special_meaning(dialect, special),
                places.join(" and ")
            ));
        }
    }
    for name in names {
        let places = places(&imported.request, &Variable::placeholder(name));
        if places.is_empty() {
            continue;
        }
        let value = known.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        if value.is_none() {
            imported.differences.push(Difference {
                info: VARIABLE_UNRESOLVED,
                what: format!(
                    "The shell expands ${name} in {}; the page does not know its value and keeps the text ${{{name}}}. Unset, it expands to nothing: a classic 401.",
                    places.join(" and ")
                ),
                exact: Vec::new(),
            });
        }
        imported.request.variables.push(Variable { name: name.to_string(), value });
    }
    for command in outputs {
        let places = places(&imported.request, &format!("$({command})"));
        if !places.is_empty() {
            imported.differences.push(Difference {
                info: COMMAND_OUTPUT_UNSEEN,
                what: format!(
                    "The shell puts what `{command}` prints in {}; the page cannot run it and keeps the text $({command}).",
                    places.join(" and ")
                ),
                exact: Vec::new(),
            });
        }
    }
}

/// Where in the request a text occurs, in words.
fn places(r: &Request, needle: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |place: String| {
        if !out.contains(&place) {
            out.push(place);
        }
    };
    if r.base_url.contains(needle) || r.query.iter().any(|p| p.raw.contains(needle)) {
        add("the URL".into());
    }
    for h in &r.headers {
        if h.name.contains(needle) || h.value.contains(needle) {
            add(format!("the {} header", h.name));
        }
    }
    match &r.auth {
        Auth::Bearer { token } if token.contains(needle) => add("the Authorization header".into()),
        Auth::Basic { user, password } | Auth::Digest { user, password }
            if user.contains(needle) || password.contains(needle) =>
        {
            add("the -u credentials".into())
        }
        _ => {}
    }
    let b = &r.body;
    if b.text.contains(needle)
        || b.form.iter().any(|p| p.raw.contains(needle))
        || b.fields.iter().any(|f| f.name.contains(needle) || f.value.contains(needle))
    {
        add("the body".into());
    }
    out
}

/// Commands made only of options after the imported one: the shell ran them on their own, so
/// curl never got them (a comment line, or a line without its continuation mark, ended it).
fn stray_options(script: &Script, index: usize, curls: &[usize]) -> Vec<String> {
    let next_curl = curls.iter().copied().find(|&i| i > index).unwrap_or(script.commands.len());
    let mark = match script.dialect {
        Dialect::Bash => "\\",
        Dialect::Cmd => "^",
        Dialect::PowerShell => "`",
    };
    script.commands[index + 1..next_curl]
        .iter()
        .filter(|c| c.words.first().is_some_and(|w| w.text().starts_with('-')))
        .map(|c| {
            format!(
                "{} runs '{}' as a command of its own: a comment line, or a line that does not end in {mark}, ended the curl command before it, so curl never got these options",
                script.dialect.label(),
                c.source
            )
        })
        .collect()
}

fn powershell_notes(words: &[Word]) -> Vec<String> {
    let mut notes = Vec::new();
    if words.first().is_some_and(|w| w.text().eq_ignore_ascii_case("curl")) {
        notes.push(
            "in Windows PowerShell 5.1, curl is Invoke-WebRequest, which does not take curl's options: type curl.exe"
                .into(),
        );
    }
    if words.iter().any(|w| w.text().contains('"')) {
        notes.push("read as PowerShell 7.3 or later passes it; Windows PowerShell 5.1 drops the double quotes inside an argument to curl.exe (curl gets {a:1} for '{\"a\":1}'), so the JSON your curl.exe sent may have been broken".into());
    }
    notes
}
