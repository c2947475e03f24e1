//! Reading Windows cmd: cmd itself handles `^` escapes (outside its `"` quotes), `^` line
//! continuations, `%NAME%` variables and the `& && | || < >` operators; then curl.exe's C
//! runtime splits what is left into words (`"` toggles quoting, `\"` is a quote). Two passes,
//! as Windows does it. `REM` and `::` lines are comments.

use super::word::{is_name, Part, ShellError, Token, Word};

/// Stands for variable `n` in the text cmd passes on (a private-use character).
const VAR_BASE: u32 = 0xF0000;

pub(super) fn lex(c: &[char]) -> Result<Vec<Token>, ShellError> {
    let mut tokens = Vec::new();
    let mut vars: Vec<String> = Vec::new();
    // The text of the current command line (between operators), with where each of its
    // characters was in the paste.
    let mut line: Vec<(char, usize)> = Vec::new();
    let mut quoted = false;
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if line.iter().all(|(c, _)| c.is_whitespace()) && !quoted && is_comment(&c[i..]) {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            continue;
        }
        match ch {
            '%' => {
                if let Some((name, len)) = variable(&c[i..]) {
                    let index = vars.iter().position(|v| *v == name).unwrap_or_else(|| {
                        vars.push(name);
                        vars.len() - 1
                    });
                    line.push((char::from_u32(VAR_BASE + index as u32).unwrap_or('%'), i));
                    i += len;
                    continue;
                }
                line.push(('%', i));
            }
            '"' => {
                quoted = !quoted;
                line.push(('"', i));
            }
            '\n' => {
                flush(&mut line, &vars, &mut tokens)?;
                tokens.push(Token::Newline);
                quoted = false;
            }
            '\r' if c.get(i + 1) == Some(&'\n') => {}
            _ if quoted => line.push((ch, i)),
            '^' => match c.get(i + 1) {
                Some('\r') if c.get(i + 2) == Some(&'\n') => i += 2,
                Some('\n') => i += 1,
                Some(&next) => {
                    line.push((next, i));
                    i += 1;
                }
                None => {}
            },
            '&' | '|' | '<' | '>' => {
                let start = i;
                let doubled = c.get(i + 1) == Some(&ch) && ch != '<';
                let mut op = if doubled { format!("{ch}{ch}") } else { ch.to_string() };
                if doubled {
                    i += 1;
                }
                // `2>`: the descriptor is a digit right before, on its own.
                if matches!(ch, '<' | '>') {
                    let n = line.len();
                    if n >= 1 && line[n - 1].0.is_ascii_digit() && (n == 1 || line[n - 2].0.is_whitespace()) {
                        op = format!("{}{op}", line[n - 1].0);
                        line.pop();
                    }
                    if c.get(i + 1) == Some(&'&') {
                        op.push('&');
                        i += 1;
                    }
                }
                flush(&mut line, &vars, &mut tokens)?;
                tokens.push(Token::Op { op, start, end: i + 1 });
            }
            _ => line.push((ch, i)),
        }
        i += 1;
    }
    flush(&mut line, &vars, &mut tokens)?;
    Ok(tokens)
}

/// `REM …` or `:: …` at the start of a command.
fn is_comment(rest: &[char]) -> bool {
    let head: String = rest.iter().take(4).collect::<String>().to_ascii_lowercase();
    head.starts_with("::") || (head.starts_with("rem") && head.chars().nth(3).is_none_or(char::is_whitespace))
}

/// `%NAME%` as cmd fills it in at the prompt: the name and how many characters it takes. There
/// `%1` is text (only a batch file has arguments), and cmd leaves a variable it does not know
/// as typed, so a percent-encoding that looks like one (`%C3%A9`, `%E9t%E9`) is text too.
pub(super) fn variable(rest: &[char]) -> Option<(String, usize)> {
    let close = (1..rest.len()).find(|&j| rest[j] == '%' || rest[j] == '\n')?;
    let name = &rest[1..close];
    let variable = rest[close] == '%' && !percent_encoded(name, &rest[close + 1..]);
    let name: String = name.iter().collect();
    (variable && is_name(&name)).then_some((name, close + 1))
}

/// Whether `%name%` is more likely percent-encoding: the name is two hex digits (`%C3%`), or
/// both of its `%` start an escape (`%E9t%E9`).
fn percent_encoded(name: &[char], after: &[char]) -> bool {
    let escape = |s: &[char]| s.len() >= 2 && s[..2].iter().all(char::is_ascii_hexdigit);
    escape(name) && (name.len() == 2 || escape(after))
}

/// The C runtime's split of one command line into words.
fn flush(line: &mut Vec<(char, usize)>, vars: &[String], tokens: &mut Vec<Token>) -> Result<(), ShellError> {
    let text = std::mem::take(line);
    let mut w = Word::new();
    let mut in_word = false;
    let mut start = 0;
    let mut quoted_at: Option<usize> = None;
    let mut k = 0;
    let push = |w: &mut Word, c: char, plain: bool| match c as u32 {
        n if n >= VAR_BASE && ((n - VAR_BASE) as usize) < vars.len() => {
            w.push_part(Part::Var(vars[(n - VAR_BASE) as usize].clone()))
        }
        _ if plain => w.push_plain(c),
        _ => w.push(c),
    };
    while k < text.len() {
        let (ch, at) = text[k];
        let blank = ch.is_whitespace() && quoted_at.is_none();
        if !in_word && !blank {
            in_word = true;
            start = at;
        }
        match ch {
            '\\' => {
                let slashes = text[k..].iter().take_while(|x| x.0 == '\\').count();
                k += slashes;
                if text.get(k).map(|x| x.0) == Some('"') {
                    (0..slashes / 2).for_each(|_| w.push('\\'));
                    if slashes % 2 == 1 {
                        w.push('"');
                        k += 1;
                    }
                } else {
                    (0..slashes).for_each(|_| w.push_plain('\\'));
                }
                continue;
            }
            '"' => {
                w.mark_quoted();
                // `""` inside quotes is a literal quote for the C runtime.
                if quoted_at.is_some() && text.get(k + 1).map(|x| x.0) == Some('"') {
                    w.push('"');
                    k += 2;
                    continue;
                }
                quoted_at = if quoted_at.is_some() { None } else { Some(at) };
            }
            c if c.is_whitespace() && quoted_at.is_none() => {
                if in_word {
                    tokens.push(Token::Word { word: std::mem::replace(&mut w, Word::new()), start, end: at });
                    in_word = false;
                }
            }
            c => push(&mut w, c, quoted_at.is_none()),
        }
        k += 1;
    }
    if let Some(at) = quoted_at {
        return Err(ShellError::UnclosedQuote { quote: '"', at });
    }
    if in_word {
        let end = text.last().map_or(start, |x| x.1 + 1);
        tokens.push(Token::Word { word: w, start, end });
    }
    Ok(())
}
