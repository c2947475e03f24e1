//! Splitting a shell command line into words the way bash (or Windows cmd) would, enough for the
//! `curl` lines that browsers' "Copy as cURL" and API docs produce.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShellError {
    UnclosedQuote { quote: char, at: usize },
}

impl fmt::Display for ShellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShellError::UnclosedQuote { quote, at } => {
                write!(f, "the {quote} quote opened at character {at} is never closed")
            }
        }
    }
}

/// Which quoting rules apply. Chrome's "Copy as cURL (cmd)" escapes with `^`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Bash,
    Cmd,
}

pub fn detect(line: &str) -> Dialect {
    if line.contains("^\"") || line.contains("^\n") || line.contains("^\r\n") {
        Dialect::Cmd
    } else {
        Dialect::Bash
    }
}

pub fn split(line: &str) -> Result<Vec<String>, ShellError> {
    match detect(line) {
        Dialect::Bash => split_bash(line),
        Dialect::Cmd => split_cmd(line),
    }
}

fn split_bash(line: &str) -> Result<Vec<String>, ShellError> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        match c {
            '\\' => {
                match chars.get(i + 1).map(|x| x.1) {
                    Some('\n') => {}
                    Some('\r') if chars.get(i + 2).map(|x| x.1) == Some('\n') => i += 1,
                    Some(next) => {
                        word.push(next);
                        in_word = true;
                    }
                    None => {}
                }
                i += 2;
                continue;
            }
            '\'' => {
                in_word = true;
                let close = find(&chars, i + 1, |c| c == '\'').ok_or(ShellError::UnclosedQuote { quote: '\'', at })?;
                word.extend(chars[i + 1..close].iter().map(|x| x.1));
                i = close + 1;
                continue;
            }
            '$' if chars.get(i + 1).map(|x| x.1) == Some('\'') => {
                in_word = true;
                i = ansi_c_quoted(&chars, i + 2, &mut word).ok_or(ShellError::UnclosedQuote { quote: '\'', at })?;
                continue;
            }
            '"' => {
                in_word = true;
                let mut j = i + 1;
                loop {
                    let Some(&(_, d)) = chars.get(j) else {
                        return Err(ShellError::UnclosedQuote { quote: '"', at });
                    };
                    match d {
                        '"' => break,
                        '\\' if matches!(chars.get(j + 1).map(|x| x.1), Some('"' | '\\' | '$' | '`')) => {
                            word.push(chars[j + 1].1);
                            j += 2;
                        }
                        '\\' if chars.get(j + 1).map(|x| x.1) == Some('\n') => j += 2,
                        _ => {
                            word.push(d);
                            j += 1;
                        }
                    }
                }
                i = j + 1;
                continue;
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
        i += 1;
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

fn find(chars: &[(usize, char)], from: usize, pred: impl Fn(char) -> bool) -> Option<usize> {
    (from..chars.len()).find(|&j| pred(chars[j].1))
}

/// Reads a `$'…'` body starting after the opening quote; returns the index after the closing one.
fn ansi_c_quoted(chars: &[(usize, char)], mut j: usize, word: &mut String) -> Option<usize> {
    loop {
        let (_, d) = *chars.get(j)?;
        match d {
            '\'' => return Some(j + 1),
            '\\' => {
                let (_, e) = *chars.get(j + 1)?;
                j += 2;
                match e {
                    'n' => word.push('\n'),
                    't' => word.push('\t'),
                    'r' => word.push('\r'),
                    '0' => word.push('\0'),
                    'x' | 'u' | 'U' => {
                        let max = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let digits: String =
                            chars[j..].iter().take(max).map(|x| x.1).take_while(|c| c.is_ascii_hexdigit()).collect();
                        j += digits.len();
                        match u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32) {
                            Some(c) => word.push(c),
                            None => {
                                word.push('\\');
                                word.push(e);
                            }
                        }
                    }
                    other => word.push(other),
                }
            }
            other => {
                word.push(other);
                j += 1;
            }
        }
    }
}

/// cmd first strips its `^` escapes, then curl.exe's C runtime splits the arguments
/// (`"` toggles quoting, `\"` is a literal quote): two passes, as Windows does it.
fn split_cmd(line: &str) -> Result<Vec<String>, ShellError> {
    let mut unescaped = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '^' {
            unescaped.push(c);
            continue;
        }
        match chars.next() {
            Some('\r') => {
                chars.next_if_eq(&'\n');
            }
            Some('\n') | None => {}
            Some(next) => unescaped.push(next),
        }
    }
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quoted_at: Option<usize> = None;
    let mut it = unescaped.char_indices().peekable();
    while let Some((at, c)) = it.next() {
        match c {
            '\\' => {
                let mut slashes = 1;
                while it.next_if(|x| x.1 == '\\').is_some() {
                    slashes += 1;
                }
                if it.peek().map(|x| x.1) == Some('"') {
                    word.extend(std::iter::repeat_n('\\', slashes / 2));
                    if slashes % 2 == 1 {
                        it.next();
                        word.push('"');
                    }
                } else {
                    word.extend(std::iter::repeat_n('\\', slashes));
                }
                in_word = true;
            }
            '"' => {
                in_word = true;
                quoted_at = if quoted_at.is_some() { None } else { Some(at) };
            }
            c if c.is_whitespace() && quoted_at.is_none() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if let Some(at) = quoted_at {
        return Err(ShellError::UnclosedQuote { quote: '"', at });
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_words() {
        let cases: &[(&str, &[&str])] = &[
            ("curl https://x", &["curl", "https://x"]),
            ("curl 'a b' \"c d\" e\\ f", &["curl", "a b", "c d", "e f"]),
            ("curl \\\n  -H 'X: 1'", &["curl", "-H", "X: 1"]),
            ("curl \\\r\n  -H 'X: 1'", &["curl", "-H", "X: 1"]),
            ("echo \"a \\\"q\\\" \\$x\"", &["echo", "a \"q\" $x"]),
            ("echo $'a\\nb\\x41\\u00e9\\''", &["echo", "a\nbAé'"]),
            ("echo ''", &["echo", ""]),
            ("echo a'b'\"c\"", &["echo", "abc"]),
        ];
        for (line, words) in cases {
            assert_eq!(split(line).unwrap(), *words, "{line:?}");
        }
    }

    #[test]
    fn cmd_words() {
        let line =
            "curl ^\"https://x/^\" ^\n  -H ^\"authorization: Bearer abc^\" ^\n  --data-raw ^\"^{^\\^\"a^\\^\":1^}^\"";
        assert_eq!(detect(line), Dialect::Cmd);
        assert_eq!(
            split(line).unwrap(),
            ["curl", "https://x/", "-H", "authorization: Bearer abc", "--data-raw", "{\"a\":1}"]
        );
    }

    #[test]
    fn unclosed_quotes_are_located() {
        assert_eq!(split("curl 'abc"), Err(ShellError::UnclosedQuote { quote: '\'', at: 5 }));
        assert_eq!(split("curl \"abc"), Err(ShellError::UnclosedQuote { quote: '"', at: 5 }));
        assert_eq!(split("curl $'abc"), Err(ShellError::UnclosedQuote { quote: '\'', at: 5 }));
        assert!(split("curl 'a").unwrap_err().to_string().contains("character 5"));
    }
}
