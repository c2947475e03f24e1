//! Reading a pasted shell command the way bash, Windows cmd or PowerShell would, enough for the
//! curl lines that browsers' "Copy as cURL", API docs and terminals give: comments, several
//! commands in one paste, pipes and redirections, heredocs and herestrings, and variables and
//! command outputs kept as such (the page cannot know their values).

mod bash;
mod cmd;
mod powershell;
mod word;

use word::Token;
pub use word::{is_name, Part, ShellError, Word};

/// Which quoting rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    #[default]
    Bash,
    /// Chrome's "Copy as cURL (cmd)" escapes with `^`.
    Cmd,
    PowerShell,
}

impl Dialect {
    pub fn label(self) -> &'static str {
        match self {
            Dialect::Bash => "bash",
            Dialect::Cmd => "Windows cmd",
            Dialect::PowerShell => "PowerShell",
        }
    }
}

/// What a command reads on its standard input, as far as the paste says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stdin {
    /// A heredoc (`<<EOF`) or herestring (`<<< word`): the text, expanded as the shell does.
    Text(Word),
    /// `< file`.
    File(Word),
    /// `other | this`: the output of the command at this index.
    Pipe(usize),
}

/// One simple command.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Command {
    /// `NAME=value` words before the command word: variables set for this command only (or,
    /// with no words after them, for the rest of the paste).
    pub env: Vec<(String, Word)>,
    pub words: Vec<Word>,
    pub stdin: Option<Stdin>,
    /// Where the output goes, as typed: redirections (`> out.json`, `2>&1`) and the command it
    /// is piped to (`| jq .`).
    pub output: Vec<String>,
    /// The command as it is in the paste.
    pub source: String,
    /// The operator after it (`;`, `&`, `&&`, `||`), when one ends it.
    pub ended_by: Option<String>,
}

impl Command {
    /// The command word, e.g. `curl`.
    pub fn name(&self) -> Option<String> {
        self.words.first().map(Word::text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub dialect: Dialect,
    pub commands: Vec<Command>,
    /// What was read approximately (`${X:-default}` as `$X`, a heredoc never closed).
    pub notes: Vec<String>,
}

/// The dialect of a paste: cmd's `^` escapes or continuations, `set NAME=` or `REM` lines;
/// PowerShell's backtick continuations or `$env:`; a cmd `%NAME%` in a paste with nothing of
/// bash's; `curl.exe` without cmd's `\"` is PowerShell; else bash.
pub fn detect(paste: &str) -> Dialect {
    // A continuation mark ends a line after a space (a word may end in the same character).
    let continued = |mark: char| {
        let marked = format!(" {mark}");
        paste
            .lines()
            .any(|l| l.trim_end_matches('\r').ends_with(&marked) || l.trim_end_matches('\r') == mark.to_string())
    };
    let lines = || paste.lines().map(|l| l.trim_start().to_ascii_lowercase());
    let cmd_line = |l: String| is_cmd_set(&l) || l.starts_with("rem ") || l == "rem" || l.starts_with("::");
    if paste.contains("^\"") || continued('^') || lines().any(cmd_line) {
        return Dialect::Cmd;
    }
    let lower = paste.to_ascii_lowercase();
    let here_string = paste.lines().any(|l| matches!(l.trim_end(), l if l.ends_with("@'") || l.ends_with("@\"")));
    if continued('`') || lower.contains("$env:") || lower.contains("${env:") || here_string || lower.contains(" --% ") {
        return Dialect::PowerShell;
    }
    if has_cmd_variable(paste) && !has_bash_marks(paste) {
        return Dialect::Cmd;
    }
    let first = paste.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("");
    let first_word = first.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    let first_word = first_word.trim_start_matches('&').trim();
    if first_word.ends_with("curl.exe") {
        return if paste.contains("\\\"") { Dialect::Cmd } else { Dialect::PowerShell };
    }
    Dialect::Bash
}

/// cmd's `set NAME=value`, `set "NAME=value"` or `set /a`, `set /p`; not bash's `set -e`.
fn is_cmd_set(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("set ") else { return false };
    let rest = rest.trim_start();
    rest.starts_with('/')
        || rest.trim_start_matches('"').split_once('=').is_some_and(|(name, _)| is_name(name.trim_end()))
}

/// A `%NAME%` that reads as a cmd variable: not percent-encoding (`%C3%A9`, `%E9t%E9`), not a
/// percent sign after a number (`10%OFF%`), not a `date` format (`%Y%m%d`).
fn has_cmd_variable(paste: &str) -> bool {
    let c: Vec<char> = paste.chars().collect();
    let mut i = 0;
    while i < c.len() {
        if c[i] == '%' && (i == 0 || c[i - 1] != '^') {
            if let Some((_, len)) = cmd::variable(&c[i..]) {
                let after_number = i > 0 && c[i - 1].is_ascii_digit();
                let glued = c.get(i + len).is_some_and(char::is_ascii_alphanumeric);
                if !after_number && !glued {
                    return true;
                }
                i += len;
                continue;
            }
        }
        i += 1;
    }
    false
}

/// What only bash reads: a `'…'` quote outside `"…"`, `$NAME`, `${…}`, `$(…)`, or a `\` at the
/// end of a line.
fn has_bash_marks(paste: &str) -> bool {
    let c: Vec<char> = paste.chars().collect();
    let mut in_double = false;
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '\\' => i += 1,
            '"' => in_double = !in_double,
            '\'' if !in_double => return true,
            '$' if c.get(i + 1).is_some_and(|&n| n.is_ascii_alphabetic() || matches!(n, '_' | '{' | '(')) => {
                return true
            }
            _ => {}
        }
        i += 1;
    }
    paste.lines().any(|l| l.trim_end_matches('\r').ends_with('\\'))
}

/// What a special parameter (`Part::Special`, as typed) stands for, said for the request.
pub fn special_meaning(dialect: Dialect, typed: &str) -> &'static str {
    let inner = typed.strip_prefix('$').unwrap_or(typed);
    let inner = inner.strip_prefix('{').and_then(|i| i.strip_suffix('}')).unwrap_or(inner);
    let powershell = dialect == Dialect::PowerShell;
    match (inner.chars().next(), inner.chars().count()) {
        (Some('?'), _) if powershell => "whether the last command succeeded: True or False",
        (Some('^'), _) => "the first word of the last line run",
        (Some('$'), _) if powershell => "the last word of the last line run",
        (Some('_'), 1) if powershell => "the pipeline's current object",
        _ if powershell => "a PowerShell variable, which is no environment variable",
        (Some('0'), 1) => "the shell's or script's name",
        (Some(c), _) if c.is_ascii_digit() => "a script's argument: empty at a prompt",
        (Some('?'), _) => "the last command's exit status",
        (Some('$'), _) => "the shell's process id",
        (Some('!'), 1) => "the process id of the last command run in the background",
        (Some('!'), _) => "the value of the variable another one names",
        (Some('#'), 1) => "the number of a script's arguments: 0 at a prompt",
        (Some('#'), _) => "the length of a variable's value",
        (Some('@' | '*'), _) => "a script's arguments: none at a prompt",
        (Some('-'), _) => "the shell's option flags",
        (Some('_'), _) => "the last argument of the previous command",
        _ => "a value of the shell's own",
    }
}

/// Every command in the paste, in order.
pub fn parse(paste: &str) -> Result<Script, ShellError> {
    let dialect = detect(paste);
    let chars: Vec<char> = paste.chars().collect();
    let (tokens, notes) = match dialect {
        Dialect::Bash => bash::lex(&chars)?,
        Dialect::Cmd => (cmd::lex(&chars)?, Vec::new()),
        Dialect::PowerShell => (powershell::lex(&chars)?, Vec::new()),
    };
    let mut script = Script { dialect, commands: Vec::new(), notes };
    assemble(tokens, &chars, &mut script);
    Ok(script)
}

/// The words of the paste's first command, as text (variables as `${NAME}`).
pub fn split(line: &str) -> Result<Vec<String>, ShellError> {
    let script = parse(line)?;
    let first = script.commands.into_iter().find(|c| !c.words.is_empty()).unwrap_or_default();
    Ok(first.words.iter().map(Word::text).collect())
}

#[derive(Default)]
struct Building {
    command: Command,
    span: Option<(usize, usize)>,
}

impl Building {
    fn covers(&mut self, start: usize, end: usize) {
        self.span = Some(match self.span {
            Some((s, e)) => (s.min(start), e.max(end)),
            None => (start, end),
        });
    }
}

/// Groups tokens into commands: words, then what the operators say about input and output.
fn assemble(tokens: Vec<Token>, chars: &[char], script: &mut Script) {
    let mut current = Building::default();
    let mut piped_from: Option<usize> = None;
    let mut tokens = tokens.into_iter().peekable();
    let finish = |b: &mut Building, piped_from: Option<usize>, commands: &mut Vec<Command>| -> Option<usize> {
        let mut b = std::mem::take(b);
        if b.command.words.is_empty() && b.command.env.is_empty() {
            return None;
        }
        if let Some((s, e)) = b.span {
            b.command.source = chars[s..e].iter().collect::<String>().trim().to_string();
        }
        if let Some(from) = piped_from {
            b.command.stdin.get_or_insert(Stdin::Pipe(from));
            let to = format!("| {}", b.command.source);
            if let Some(c) = commands.get_mut(from) {
                c.output.push(to);
            }
        }
        commands.push(b.command);
        Some(commands.len() - 1)
    };
    while let Some(token) = tokens.next() {
        match token {
            Token::Word { word, start, end } => {
                current.covers(start, end);
                match word.assignment() {
                    Some(assignment) if current.command.words.is_empty() => current.command.env.push(assignment),
                    _ => current.command.words.push(word),
                }
            }
            Token::Body { .. } => {}
            Token::Newline => {
                // A line ending in `|` or `&&` goes on: nothing was being built.
                if finish(&mut current, piped_from, &mut script.commands).is_some() {
                    piped_from = None;
                }
            }
            Token::Op { op, start, end } => match op.as_str() {
                "|" | "|&" => piped_from = finish(&mut current, piped_from, &mut script.commands),
                ";" | "&" | "&&" | "||" | ";;" => {
                    if let Some(done) = finish(&mut current, piped_from, &mut script.commands) {
                        script.commands[done].ended_by = Some(op.clone());
                    }
                    piped_from = None;
                }
                "(" | ")" => {}
                "<<" | "<<-" => {
                    current.covers(start, end);
                    if let Some(Token::Body { body, start, end }) = tokens.next_if(|t| matches!(t, Token::Body { .. }))
                    {
                        current.covers(start, end);
                        current.command.stdin = Some(Stdin::Text(body));
                    }
                }
                "<<<" | "<" => {
                    current.covers(start, end);
                    if let Some(Token::Word { mut word, start, end }) =
                        tokens.next_if(|t| matches!(t, Token::Word { .. }))
                    {
                        current.covers(start, end);
                        current.command.stdin = Some(if op == "<" {
                            Stdin::File(word)
                        } else {
                            word.push('\n');
                            Stdin::Text(word)
                        });
                    }
                }
                redirect => {
                    current.covers(start, end);
                    let target = match tokens.next_if(|t| matches!(t, Token::Word { .. })) {
                        Some(Token::Word { word, start, end }) => {
                            current.covers(start, end);
                            word.text()
                        }
                        _ => String::new(),
                    };
                    let joined = if redirect.ends_with('&') { "" } else { " " };
                    current.command.output.push(format!("{redirect}{joined}{target}").trim().to_string());
                }
            },
        }
    }
    finish(&mut current, piped_from, &mut script.commands);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(paste: &str) -> Vec<String> {
        split(paste).unwrap_or_else(|e| panic!("{paste:?}: {e}"))
    }

    fn commands(paste: &str) -> Vec<Vec<String>> {
        let script = parse(paste).unwrap_or_else(|e| panic!("{paste:?}: {e}"));
        script.commands.iter().map(|c| c.words.iter().map(Word::text).collect()).collect()
    }

    #[test]
    fn bash_words() {
        let cases: &[(&str, &[&str])] = &[
            ("curl https://x", &["curl", "https://x"]),
            ("curl 'a b' \"c d\" e\\ f", &["curl", "a b", "c d", "e f"]),
            ("curl \\\n  -H 'X: 1'", &["curl", "-H", "X: 1"]),
            ("curl \\\r\n  -H 'X: 1'", &["curl", "-H", "X: 1"]),
            ("echo \"a \\\"q\\\" \\$x\"", &["echo", "a \"q\" $x"]),
            ("echo $'a\\nb\\x41\\u00e9\\''", &["echo", "a\nbAé'"]),
            ("echo $'\\101\\cA\\z\\\\\\e'", &["echo", "A\u{1}\\z\\\u{1b}"]),
            ("echo ''", &["echo", ""]),
            ("echo a'b'\"c\"", &["echo", "abc"]),
            ("echo $\"x\" a$ $ '$b'", &["echo", "x", "a$", "$", "$b"]),
            ("echo https://x/#frag a#b", &["echo", "https://x/#frag", "a#b"]),
            // Variables and command outputs stay what they are: the shell fills them in.
            ("echo $A ${B}c \"Bearer $TOKEN\" '$D'", &["echo", "${A}", "${B}c", "Bearer ${TOKEN}", "$D"]),
            (
                "echo \"$(gcloud auth print-access-token)\" `date`",
                &["echo", "$(gcloud auth print-access-token)", "$(date)"],
            ),
            // Special and positional parameters are the shell's own, kept as typed.
            ("echo pa$1word a$$b", &["echo", "pa$1word", "a$$b"]),
        ];
        for (line, expected) in cases {
            assert_eq!(words(line), *expected, "{line:?}");
        }
        let script = parse("echo ${TOKEN:-x}").unwrap();
        assert_eq!(script.commands[0].words[1].variables().collect::<Vec<_>>(), ["TOKEN"]);
        assert!(script.notes[0].contains("${TOKEN:-x} is read as $TOKEN"), "{:?}", script.notes);
    }

    #[test]
    fn only_environment_variable_names_are_variables() {
        let parts = |paste: &str| -> (Vec<String>, Vec<String>) {
            let script = parse(paste).unwrap_or_else(|e| panic!("{paste:?}: {e}"));
            let words = &script.commands[0].words;
            let vars = words.iter().flat_map(Word::variables).map(String::from).collect();
            (vars, words.iter().flat_map(Word::specials).map(String::from).collect())
        };
        // bash: special and positional parameters; near misses: a name, braced or quoted.
        let paste = "echo $$ $1 $? $# $! $@ $* $- $0 $_ ${1} ${#} ${10} ${#TOKEN} ${!REF} ${_:-x} \"pa$9word\" \"$API_TOKEN\" ${API_TOKEN} '$literal' $_X";
        let (vars, specials) = parts(paste);
        assert_eq!(vars, ["API_TOKEN", "API_TOKEN", "_X"]);
        assert_eq!(
            specials,
            [
                "$$",
                "$1",
                "$?",
                "$#",
                "$!",
                "$@",
                "$*",
                "$-",
                "$0",
                "$_",
                "${1}",
                "${#}",
                "${10}",
                "${#TOKEN}",
                "${!REF}",
                "${_:-x}",
                "$9"
            ]
        );
        assert_eq!(words(paste)[17..], ["pa$9word", "${API_TOKEN}", "${API_TOKEN}", "$literal", "${_X}"]);
        assert!(parse(paste).unwrap().notes.is_empty(), "a special parameter is kept whole, not read as another");
        // PowerShell: $5, $_, ${a b} and the automatic $? $$ $^ are no environment variables.
        let (vars, specials) = parts("curl.exe \"$^ $5 $_ ${a b} ${env:1} $? $$\" $env:TOKEN ${env:API_KEY} $x");
        assert_eq!(vars, ["TOKEN", "API_KEY", "x"]);
        assert_eq!(specials, ["$^", "$5", "$_", "${a b}", "${env:1}", "$?", "$$"]);
        // cmd: %1 and %C3% are text at the prompt; %TOKEN% is a variable.
        let (vars, specials) = parts("curl ^\n %1 %C3% %TOKEN% %A-B%");
        assert_eq!((vars, specials), (vec!["TOKEN".to_string()], vec![]));
        for paste in ["echo $1 $$ ${#X} $A_1", "curl.exe $5 ${a b} $env:T", "curl ^\n %1 %2% %T%"] {
            for v in parts(paste).0 {
                assert!(is_name(&v) && v != "_", "{paste:?}: {v:?}");
            }
        }
    }

    #[test]
    fn comments_end_at_the_line_and_quote_nothing() {
        let paste =
            "# Get the user's orders (it's paged)\ncurl https://x/orders \\\n  -H 'Accept: */*' # don't forget\n";
        assert_eq!(commands(paste), [vec!["curl", "https://x/orders", "-H", "Accept: */*"]]);
        // A comment line inside a continued command ends it: bash runs the rest on its own.
        let broken = "curl https://x \\\n  # the token:\n  -H 'Authorization: Bearer t'";
        assert_eq!(commands(broken), [vec!["curl", "https://x"], vec!["-H", "Authorization: Bearer t"]]);
    }

    #[test]
    fn several_commands_and_their_operators() {
        let paste =
            "export TOKEN=abc; curl https://a && curl https://b & curl https://c\ncurl https://d || echo failed";
        assert_eq!(
            commands(paste),
            [
                vec!["export", "TOKEN=abc"],
                vec!["curl", "https://a"],
                vec!["curl", "https://b"],
                vec!["curl", "https://c"],
                vec!["curl", "https://d"],
                vec!["echo", "failed"]
            ]
        );
        let script = parse("A=1 B='x y' curl https://x | jq . > out.json 2>&1\nTOKEN=t").unwrap();
        let curl = &script.commands[0];
        assert_eq!(
            curl.env.iter().map(|(n, v)| (n.as_str(), v.text())).collect::<Vec<_>>(),
            [("A", "1".into()), ("B", "x y".into())]
        );
        assert_eq!(curl.output, ["| jq . > out.json 2>&1"]);
        assert_eq!(curl.source, "A=1 B='x y' curl https://x");
        assert_eq!(parse("curl https://x/?a=1&b=2").unwrap().commands[0].ended_by.as_deref(), Some("&"));
        assert_eq!(script.commands[1].stdin, Some(Stdin::Pipe(0)));
        assert_eq!(script.commands[1].output, ["> out.json", "2>&1"]);
        assert_eq!(script.commands[2].words, []);
        assert_eq!(script.commands[2].env[0].0, "TOKEN");
        // An operator inside quotes is text; a line ending in | or && goes on.
        assert_eq!(commands("curl 'a|b' \"c;d\" e\\&f"), [vec!["curl", "a|b", "c;d", "e&f"]]);
        assert_eq!(
            commands("echo x |\n  curl -d @- https://x"),
            [vec!["echo", "x"], vec!["curl", "-d", "@-", "https://x"]]
        );
    }

    #[test]
    fn heredocs_and_herestrings_are_stdin() {
        let stdin = |paste: &str| match parse(paste).unwrap().commands[0].stdin.clone() {
            Some(Stdin::Text(w)) => w.text(),
            other => panic!("{paste:?}: {other:?}"),
        };
        assert_eq!(
            stdin("curl -d @- https://x <<EOF\n{\"user\": \"$USER\", \"n\": \\$1}\nEOF\n"),
            "{\"user\": \"${USER}\", \"n\": $1}\n"
        );
        assert_eq!(stdin("curl -d @- https://x <<'EOF'\n{\"a\": \"$USER\"}\nEOF"), "{\"a\": \"$USER\"}\n");
        assert_eq!(stdin("curl -d @- https://x << \"END\"\n$x\n END\nEND"), "$x\n END\n");
        assert_eq!(stdin("curl -d @- https://x <<-EOF\n\t\ta\n\tEOF\n"), "a\n");
        assert_eq!(stdin("curl --data-binary @- https://x <<< \"a=$B\""), "a=${B}\n");
        assert_eq!(stdin("curl --data-binary @- https://x <<<'it''s'"), "its\n");
        // The heredoc's lines are not words of the command; what follows is the next command.
        let script = parse("curl -d @- https://x <<EOF | jq .\nbody\nEOF\ncurl https://y").unwrap();
        assert_eq!(script.commands.len(), 3);
        assert_eq!(script.commands[2].words[1].text(), "https://y");
        let open = parse("curl -d @- https://x <<EOF\nbody").unwrap();
        assert!(open.notes[0].contains("no closing line 'EOF'"), "{:?}", open.notes);
        let script = parse("curl -T - https://x < body.json").unwrap();
        assert!(matches!(&script.commands[0].stdin, Some(Stdin::File(w)) if w.text() == "body.json"));
    }

    #[test]
    fn cmd_words() {
        let line =
            "curl ^\"https://x/^\" ^\n  -H ^\"authorization: Bearer abc^\" ^\n  --data-raw ^\"^{^\\^\"a^\\^\":1^}^\"";
        assert_eq!(detect(line), Dialect::Cmd);
        assert_eq!(words(line), ["curl", "https://x/", "-H", "authorization: Bearer abc", "--data-raw", "{\"a\":1}"]);
        // cmd's own quotes keep ^ and & as text; %NAME% is a variable; ^% is not one.
        let typed = "curl \"https://x/?a=1&b=^\" -H \"Authorization: Bearer %TOKEN%\" -d \"{\\\"a\\\":1}\" ^\n -d caf^%^C3^%^A9 & echo done";
        assert_eq!(detect(typed), Dialect::Cmd);
        assert_eq!(
            commands(typed),
            [
                vec![
                    "curl",
                    "https://x/?a=1&b=^",
                    "-H",
                    "Authorization: Bearer ${TOKEN}",
                    "-d",
                    "{\"a\":1}",
                    "-d",
                    "caf%C3%A9"
                ],
                vec!["echo", "done"]
            ]
        );
        assert_eq!(
            commands("rem get the orders ^\nREM\n:: more\ncurl.exe \"https://x\" ^\r\n -H \"A: 1\""),
            [vec!["curl.exe", "https://x", "-H", "A: 1"]]
        );
        assert_eq!(parse("curl ^\"https://x").unwrap_err(), ShellError::UnclosedQuote { quote: '"', at: 5 });
    }

    #[test]
    fn cmd_at_the_prompt_leaves_arguments_and_percent_encodings() {
        // Interactive cmd has no %1 (only a batch file does) and leaves an unknown %C3% as typed.
        let paste = "curl \"https://x/a%20b?q=caf%C3%A9&p=%1\" ^\n -H \"Authorization: Bearer %TOKEN%\" -d %E9t%E9";
        assert_eq!(detect(paste), Dialect::Cmd);
        assert_eq!(
            words(paste),
            ["curl", "https://x/a%20b?q=caf%C3%A9&p=%1", "-H", "Authorization: Bearer ${TOKEN}", "-d", "%E9t%E9"]
        );
        // Near misses: names that start like an escape but are not one stay variables.
        assert_eq!(
            words("curl ^\n -d \"%DEBUG%\" -d %AB_1% -d %C3%"),
            ["curl", "-d", "${DEBUG}", "-d", "${AB_1}", "-d", "%C3%"]
        );
    }

    #[test]
    fn percents_alone_never_make_a_bash_paste_cmd() {
        // DevTools' "Copy as cURL (bash)" URLs are full of %XX; a percent is no cmd variable.
        let bash: &[(&str, &[&str])] = &[
            ("curl 'https://x/?q=%E9t%E9' -H \"A: $TOKEN\"", &["curl", "https://x/?q=%E9t%E9", "-H", "A: ${TOKEN}"]),
            ("curl \"https://x/?q=%E9t%E9\" -H \"A: $TOKEN\"", &["curl", "https://x/?q=%E9t%E9", "-H", "A: ${TOKEN}"]),
            ("curl https://x/?q=%E9t%E9", &["curl", "https://x/?q=%E9t%E9"]),
            ("curl \"https://x/a%20b?q=caf%C3%A9\"", &["curl", "https://x/a%20b?q=caf%C3%A9"]),
            (
                "curl -d \"10%OFF%\" -H \"A: $TOKEN\" https://x",
                &["curl", "-d", "10%OFF%", "-H", "A: ${TOKEN}", "https://x"],
            ),
            ("curl -d \"10%OFF%\" https://x", &["curl", "-d", "10%OFF%", "https://x"]),
            ("curl \"https://x/?d=$(date +%Y%m%d)\"", &["curl", "https://x/?d=$(date +%Y%m%d)"]),
            ("curl -H \"X-Day: %Y%m%d\" https://x", &["curl", "-H", "X-Day: %Y%m%d", "https://x"]),
            ("curl -d \"%OFF%\" \\\n  -H \"A: 1\" https://x", &["curl", "-d", "%OFF%", "-H", "A: 1", "https://x"]),
            ("set -euo pipefail\ncurl -H \"A: $TOKEN\" https://x", &["curl", "-H", "A: ${TOKEN}", "https://x"]),
        ];
        for (paste, expected) in bash {
            let script = parse(paste).unwrap();
            assert_eq!(script.dialect, Dialect::Bash, "{paste:?}");
            let last = script.commands.last().unwrap();
            assert_eq!(last.words.iter().map(Word::text).collect::<Vec<_>>(), *expected, "{paste:?}");
        }
        // Near misses: a %NAME% with nothing of bash's, cmd's set, quoting and continuations.
        let cmd = [
            "curl -H \"A: %TOKEN%\" https://x",
            "curl -d \"off=%OFF%\" https://x",
            "curl \"https://x/?q=%E9t%E9\" -H \"A: %TOKEN%\"",
            "curl -d \"{\\\"it's\\\":1}\" -H \"A: %TOKEN%\" https://x",
            "set TOKEN=abc\ncurl https://x",
            "SET \"TOKEN=abc\"\ncurl https://x",
            "curl \"https://x/?q=%E9t%E9\" ^\n -H \"A: $TOKEN\"",
        ];
        for paste in cmd {
            assert_eq!(detect(paste), Dialect::Cmd, "{paste:?}");
        }
        assert_eq!(words("curl \"https://x/?q=%E9t%E9\" -H \"A: %TOKEN%\"")[3], "A: ${TOKEN}");
    }

    #[test]
    fn powershell_words() {
        let paste = "curl.exe -X POST 'https://x/a' `\n  -H \"Authorization: Bearer $env:TOKEN\" `\n  -H \"X-Q: `\"q`\" `$5 \"\"\" `\n  -d '{\"it''s\": 1}' # done";
        assert_eq!(detect(paste), Dialect::PowerShell);
        assert_eq!(
            words(paste),
            [
                "curl.exe",
                "-X",
                "POST",
                "https://x/a",
                "-H",
                "Authorization: Bearer ${TOKEN}",
                "-H",
                "X-Q: \"q\" $5 \"",
                "-d",
                "{\"it's\": 1}"
            ]
        );
        assert_eq!(
            words("& curl.exe \"a`tb\" ${env:K} $x $(Get-Token) x$"),
            ["curl.exe", "a\tb", "${K}", "${x}", "$(Get-Token)", "x$"]
        );
        assert_eq!(
            commands("curl.exe https://a; curl.exe https://b | Out-Null"),
            [vec!["curl.exe", "https://a"], vec!["curl.exe", "https://b"], vec!["Out-Null"]]
        );
        // Here-strings: literal and expandable; the newlines next to the markers are not text.
        let here = "curl.exe https://x -d @'\n{\"a\": \"$b\"}\nline 2\n'@ -H \"X: 1\"";
        assert_eq!(detect(here), Dialect::PowerShell);
        assert_eq!(words(here), ["curl.exe", "https://x", "-d", "{\"a\": \"$b\"}\nline 2", "-H", "X: 1"]);
        assert_eq!(
            words("curl.exe -d @\"\r\nq=$env:Q `$x\r\n\"@ https://x"),
            ["curl.exe", "-d", "q=${Q} $x", "https://x"]
        );
        assert!(matches!(parse("curl.exe -d @'\nnever closed"), Err(ShellError::UnclosedQuote { quote: '\'', .. })));
        // --% hands the rest of the line to curl.exe as Windows splits it.
        let stop = "curl.exe --% -X POST \"https://x/a b\" -d \"a=1&b=%TOKEN%\"\ncurl.exe https://y";
        assert_eq!(detect(stop), Dialect::PowerShell);
        assert_eq!(
            commands(stop),
            [vec!["curl.exe", "-X", "POST", "https://x/a b", "-d", "a=1&b=${TOKEN}"], vec!["curl.exe", "https://y"]]
        );
        assert_eq!(
            detect("curl.exe -d \"{\\\"a\\\":1}\" https://x"),
            Dialect::Cmd,
            "\\\" is cmd's escape, not PowerShell's"
        );
        assert_eq!(detect("curl https://x -H 'A: 1'"), Dialect::Bash);
        assert_eq!(detect("set T=1\ncurl https://x"), Dialect::Cmd);
        assert_eq!(detect("curl -H \"A: %TOKEN%\" https://x"), Dialect::Cmd);
        assert_eq!(
            detect("curl \"https://x/?q=caf%C3%A9%20%E2%82%AC\""),
            Dialect::Bash,
            "a percent-encoding is no variable"
        );
    }

    #[test]
    fn unclosed_quotes_are_located() {
        assert_eq!(split("curl 'abc"), Err(ShellError::UnclosedQuote { quote: '\'', at: 5 }));
        assert_eq!(split("curl \"abc"), Err(ShellError::UnclosedQuote { quote: '"', at: 5 }));
        assert_eq!(split("curl $'abc"), Err(ShellError::UnclosedQuote { quote: '\'', at: 5 }));
        assert_eq!(split("curl $(date"), Err(ShellError::UnclosedExpansion { opener: "$(", at: 5 }));
        assert!(split("curl 'a").unwrap_err().to_string().contains("character 5"));
        // The apostrophe of a comment is no quote.
        assert!(split("# the user's token\ncurl https://x").is_ok());
    }
}
