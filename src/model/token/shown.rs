//! What the Token box shows of what it holds. Past `BOX_LIMIT` bytes the browser alone needs
//! tens of milliseconds per change to take the text into a textarea and lay it out (a real
//! 1 MB paste into a bare textarea: 130 ms, README "Size and speed"), so the box shows the
//! token's start, read-only, until the user asks to edit all of it. Everything else on the
//! page reads the whole token: only the box's own display is cut.

use crate::model::json::{prefix_chars, SCREENFUL_CHARS};

/// Longer than any token a server accepts in a header (8–16 KB), so only pastes far past what
/// a real request can carry are cut.
pub const BOX_LIMIT: usize = 100_000;

/// The box shows the start of a long token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut<'a> {
    /// The first `SCREENFUL_CHARS` characters, a prefix of the token (never a broken char).
    pub start: &'a str,
    pub total_chars: usize,
}

/// The cut view of `raw`, or `None` when the box shows all of it (short enough, or the user
/// chose to edit the whole token).
pub fn cut(raw: &str, edit_whole: bool) -> Option<Cut<'_>> {
    if edit_whole || raw.len() <= BOX_LIMIT {
        return None;
    }
    Some(Cut { start: prefix_chars(raw, SCREENFUL_CHARS), total_chars: raw.chars().count() })
}

/// The line under a cut box, in plain words.
pub fn cut_notice(cut: &Cut<'_>) -> String {
    format!(
        "The box shows the first {} of this token's {} characters, read-only, so that the page stays quick; everything else here reads the whole token, and copying the whole box copies all of it.",
        group(cut.start.chars().count()),
        group(cut.total_chars)
    )
}

/// 1013250 -> "1,013,250".
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tokens_and_chosen_whole_tokens_are_shown_whole() {
        assert_eq!(cut("eyJ.eyJ.sig", false), None);
        assert_eq!(cut(&"x".repeat(BOX_LIMIT), false), None);
        assert_eq!(cut(&"x".repeat(BOX_LIMIT + 1), true), None);
    }

    #[test]
    fn long_tokens_show_their_start_and_count_every_char() {
        let long = format!("eyJ{}", "a".repeat(BOX_LIMIT));
        let c = cut(&long, false).unwrap();
        assert_eq!(c.start.len(), SCREENFUL_CHARS);
        assert!(long.starts_with(c.start));
        assert_eq!(c.total_chars, BOX_LIMIT + 3);
        // Multi-byte characters are cut whole, and counted as one each.
        let wide = "é".repeat(BOX_LIMIT);
        let c = cut(&wide, false).unwrap();
        assert_eq!(c.start.chars().count(), SCREENFUL_CHARS);
        assert_eq!(c.start.len(), 2 * SCREENFUL_CHARS);
        assert_eq!(c.total_chars, BOX_LIMIT);
    }

    #[test]
    fn the_notice_says_how_much_is_shown() {
        let long = "x".repeat(1_013_250);
        let notice = cut_notice(&cut(&long, false).unwrap());
        assert!(notice.starts_with("The box shows the first 4,000 of this token's 1,013,250 characters, read-only"));
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(100_000), "100,000");
    }
}
