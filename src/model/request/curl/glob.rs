//! curl's URL globbing, which applies unless `-g`: `{a,b}` sets and `[1-3]`, `[01-10]`,
//! `[a-z]`, `[1-9:2]` ranges each make more requests, `{id}` (a set of one) is sent as `id`,
//! `\{` is a `{`, and a pattern curl cannot read is refused (checked against curl 7.88).

/// The first URL a pattern makes and how many it makes in all.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Globbed {
    pub(super) first: String,
    pub(super) count: u64,
    /// `{a}` patterns of one choice, as typed: curl sends them without their braces.
    pub(super) single_sets: Vec<String>,
}

/// Why curl refuses the URL, and where (1-based, as curl counts).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct GlobError {
    pub(super) problem: &'static str,
    pub(super) at: usize,
}

pub(super) fn glob(url: &str) -> Result<Globbed, GlobError> {
    let c: Vec<char> = url.chars().collect();
    let mut out = Globbed { first: String::new(), count: 1, single_sets: Vec::new() };
    let host_start = url.find("://").map_or(0, |k| url[..k + 3].chars().count());
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '\\' if matches!(c.get(i + 1), Some('[' | ']' | '{' | '}' | ',')) => {
                out.first.push(c[i + 1]);
                i += 2;
                continue;
            }
            // A shell variable or command output the page keeps as text (`${HOST}`, `$(cmd)`):
            // curl globs what the shell puts there, which the page cannot know.
            '$' if matches!(c.get(i + 1), Some('{' | '(')) => {
                let close = if c[i + 1] == '{' { '}' } else { ')' };
                let end = (i..c.len()).find(|&j| c[j] == close).unwrap_or(c.len() - 1);
                out.first.extend(&c[i..=end]);
                i = end + 1;
                continue;
            }
            // An IPv6 address in brackets is a host, not a range.
            '[' if i == host_start || (i > 0 && c[i - 1] == '@' && i > host_start) => {
                let close = (i..c.len()).find(|&j| c[j] == ']').ok_or(GlobError { problem: "bad range", at: i + 1 })?;
                out.first.extend(&c[i..=close]);
                i = close + 1;
                continue;
            }
            '{' => {
                let mut items = vec![String::new()];
                let mut j = i + 1;
                loop {
                    match c.get(j) {
                        None => return Err(GlobError { problem: "unmatched brace", at: i + 1 }),
                        Some('}') => break,
                        Some('{') => return Err(GlobError { problem: "nested brace", at: j + 1 }),
                        Some(',') => items.push(String::new()),
                        Some('\\') if c.get(j + 1).is_some() => {
                            j += 1;
                            items.last_mut().into_iter().for_each(|s| s.push(c[j]));
                        }
                        Some(&d) => items.last_mut().into_iter().for_each(|s| s.push(d)),
                    }
                    j += 1;
                }
                if items.len() == 1 && items[0].is_empty() {
                    return Err(GlobError { problem: "empty string within braces", at: j + 1 });
                }
                if items.len() == 1 {
                    out.single_sets.push(c[i..=j].iter().collect());
                }
                out.first.push_str(&items[0]);
                out.count = out.count.saturating_mul(items.len() as u64);
                i = j + 1;
                continue;
            }
            '[' => {
                let close =
                    (i..c.len()).find(|&j| c[j] == ']').ok_or(GlobError { problem: "bad range", at: c.len() + 1 })?;
                let inner: String = c[i + 1..close].iter().collect();
                let (first, count) = range(&inner).ok_or(GlobError { problem: "bad range", at: i + 1 })?;
                out.first.push_str(&first);
                out.count = out.count.saturating_mul(count);
                i = close + 1;
                continue;
            }
            ']' | '}' => return Err(GlobError { problem: "unmatched close brace/bracket", at: i + 1 }),
            d => out.first.push(d),
        }
        i += 1;
    }
    Ok(out)
}

/// `1-3`, `01-10`, `a-z`, `1-9:2`: the first value, as curl writes it, and how many there are.
fn range(inner: &str) -> Option<(String, u64)> {
    let (span, step) = match inner.split_once(':') {
        Some((span, step)) => (span, step.parse::<u64>().ok().filter(|s| *s > 0)?),
        None => (inner, 1),
    };
    let (from, to) = span.split_once('-')?;
    if let (Ok(a), Ok(b)) = (from.parse::<u64>(), to.parse::<u64>()) {
        if from.chars().all(|c| c.is_ascii_digit()) && to.chars().all(|c| c.is_ascii_digit()) && a <= b {
            return Some((from.to_string(), (b - a) / step + 1));
        }
        return None;
    }
    let (a, b) = (single_letter(from)?, single_letter(to)?);
    (a <= b && a.is_ascii_lowercase() == b.is_ascii_lowercase())
        .then(|| (a.to_string(), (b as u64 - a as u64) / step + 1))
}

fn single_letter(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next().filter(char::is_ascii_alphabetic)?;
    chars.next().is_none().then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each seen in what curl 7.88 requested from an echo server.
    #[test]
    fn patterns_as_curl_reads_them() {
        let ok = |url: &str| glob(url).unwrap_or_else(|e| panic!("{url}: {e:?}"));
        let cases: &[(&str, &str, u64)] = &[
            ("https://x/a?b=1", "https://x/a?b=1", 1),
            ("https://x/{id}/x", "https://x/id/x", 1),
            ("https://x/a?q={x}", "https://x/a?q=x", 1),
            ("https://x/{a,b}", "https://x/a", 2),
            ("https://x/[01-02]", "https://x/01", 2),
            ("https://x/[1-5:2]", "https://x/1", 3),
            ("https://x/[a-b]/{c,d,e}", "https://x/a/c", 6),
            ("https://x/\\{x\\}/\\[1\\]", "https://x/{x}/[1]", 1),
            ("http://[::1]:8080/v6", "http://[::1]:8080/v6", 1),
            ("http://u:p@[::1]/v6", "http://u:p@[::1]/v6", 1),
            ("https://${HOST}/{a,b}/$(id -u)", "https://${HOST}/a/$(id -u)", 2),
        ];
        for (url, first, count) in cases {
            let got = ok(url);
            assert_eq!((got.first.as_str(), got.count), (*first, *count), "{url}");
        }
        assert_eq!(ok("https://x/{id}/{a,b}").single_sets, ["{id}"]);
        // curl: (3) empty string within braces / unmatched brace / bad range /
        // unmatched close brace/bracket in URL position N
        let refused: &[(&str, &str)] = &[
            ("https://x/{}/x", "empty string within braces"),
            ("https://x/{a", "unmatched brace"),
            ("https://x/[1-", "bad range"),
            ("https://x/[x]", "bad range"),
            ("https://x/[1]", "bad range"),
            ("https://x/a]b", "unmatched close brace/bracket"),
            ("https://x/a}b", "unmatched close brace/bracket"),
            ("https://x/{a,{b}}", "nested brace"),
        ];
        for (url, problem) in refused {
            assert_eq!(glob(url).map_err(|e| e.problem), Err(*problem), "{url}");
        }
    }
}
