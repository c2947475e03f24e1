//! The words located errors share: how a character is named ("a tab", "control character
//! U+0000") and where a byte offset is as a line and column, so every parser says it alike.

/// A character as an error message names it: invisible and confusable ones in words.
pub fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\n' => "a line break (LF)".into(),
        '\r' => "a carriage return (CR)".into(),
        '"' => "a double quote".into(),
        '\\' => "a backslash".into(),
        ':' => "a colon".into(),
        c if c.is_control() => format!("control character U+{:04X}", c as u32),
        c => format!("'{c}'"),
    }
}

/// 1-based line and character column of a byte offset; a CR before the line break is not
/// counted as a column.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].trim_end_matches('\r').chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_places() {
        assert_eq!(describe_char('\t'), "a tab");
        assert_eq!(describe_char('\u{0}'), "control character U+0000");
        assert_eq!(describe_char('é'), "'é'");
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab\r\ncd", 2), (1, 3));
        // Columns count characters, not bytes; an offset inside a character rounds down.
        assert_eq!(line_col("é\nx", 1), (1, 1));
        assert_eq!(line_col("éx", 2), (1, 2));
        assert_eq!(line_col("x", 99), (1, 2));
    }
}
