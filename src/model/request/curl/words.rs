//! Reading a curl command's words as curl does: long options, clusters of short ones (`-sSL`,
//! `-XPOST`), `--` before URLs, and `--next` where the next request starts.

use super::error::CurlError;
use super::flags::{self, Act};
use super::parsed::Parsed;

/// Applies every option of `words` (the first word is curl itself) to `p`. What follows
/// `--next` is kept in `p.next`.
pub(super) fn read_options(words: &[String], p: &mut Parsed) -> Result<(), CurlError> {
    let mut i = 1;
    let mut options_done = false;
    while i < words.len() {
        let word = &words[i];
        i += 1;
        if options_done || !word.starts_with('-') || word == "-" {
            p.urls.push(word.clone());
            continue;
        }
        if word == "--" {
            options_done = true;
            continue;
        }
        if let Some(long) = word.strip_prefix("--") {
            match flags::long(long) {
                Some((Act::Next, false)) => {
                    p.next = words[i..].to_vec();
                    return Ok(());
                }
                Some((act, negated)) => {
                    let value =
                        if act.takes_value() && !negated { Some(take_value(words, &mut i, word)?) } else { None };
                    p.apply(act, word, value, negated)?;
                }
                None => p.unknown.push(word.clone()),
            }
            continue;
        }
        // A cluster of short flags (`-sSL`); a flag that takes a value takes the rest of the
        // word (`-XPOST`, `-HAccept: x`) or, when nothing is left, the next word.
        let letters: Vec<char> = word[1..].chars().collect();
        for (k, &c) in letters.iter().enumerate() {
            let flag = format!("-{c}");
            match flags::short(c) {
                Some(Act::Next) => {
                    p.next = words[i..].to_vec();
                    return Ok(());
                }
                Some(act) if act.takes_value() => {
                    let rest: String = letters[k + 1..].iter().collect();
                    let value = if rest.is_empty() { take_value(words, &mut i, &flag)? } else { rest };
                    p.apply(act, &flag, Some(value), false)?;
                    break;
                }
                Some(act) => p.apply(act, &flag, None, false)?,
                None => p.unknown.push(flag),
            }
        }
    }
    Ok(())
}

fn take_value(words: &[String], i: &mut usize, flag: &str) -> Result<String, CurlError> {
    let value = words.get(*i).ok_or_else(|| CurlError::MissingValue { flag: flag.to_string() })?;
    *i += 1;
    Ok(value.clone())
}
