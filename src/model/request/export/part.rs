//! A multipart field as every target must send it: its source (text, a file attached, a file's
//! text), and the part's own type, file name and header lines, with the defaults curl gives
//! them, so that each snippet writes the same part or the reproduction list says it cannot.

use crate::model::request::{PartSource, Row};

pub(super) enum Source {
    Text(String),
    /// `@path`: the file is attached.
    File(String),
    /// `<path`: the file's content is the text value.
    FileText(String),
}

pub(super) struct Field {
    pub(super) name: String,
    pub(super) source: Source,
    /// `;type=` as given.
    pub(super) content_type: Option<String>,
    /// `;filename=` as given.
    pub(super) filename: Option<String>,
    /// `;headers=` lines as given.
    pub(super) headers: Vec<String>,
}

impl Field {
    pub(super) fn from_row(row: &Row) -> Field {
        let source = match &row.part.source {
            PartSource::Text => Source::Text(row.value.clone()),
            PartSource::File => Source::File(row.value.strip_prefix('@').unwrap_or(&row.value).to_string()),
            PartSource::FileText { path } => Source::FileText(path.clone()),
        };
        Field {
            name: row.name.clone(),
            source,
            content_type: row.part.content_type.clone(),
            filename: row.part.filename.clone(),
            headers: row.part.headers.clone(),
        }
    }

    /// The file name the part carries: the one given, else an attached file's own name.
    pub(super) fn sent_filename(&self) -> Option<&str> {
        match (&self.filename, &self.source) {
            (Some(f), _) => Some(f),
            (None, Source::File(path)) => Some(file_name(path)),
            _ => None,
        }
    }

    /// The part's Content-Type as curl's `lib/mime.c` picks it: the one given; else for a file
    /// the type of its file name, then of its path, then application/octet-stream; for text
    /// only the type of a given file name.
    pub(super) fn sent_type(&self) -> Option<&str> {
        if let Some(t) = &self.content_type {
            return Some(t);
        }
        let by_name = self.filename.as_deref().and_then(type_of);
        match &self.source {
            Source::File(path) => Some(by_name.or(type_of(path)).unwrap_or("application/octet-stream")),
            _ => by_name,
        }
    }

    /// The part's header lines as `(name, value)`, as clients that take a map want them.
    pub(super) fn header_pairs(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|line| match line.split_once(':') {
                Some((n, v)) => (n.trim().to_string(), v.trim_start().to_string()),
                None => (line.trim().to_string(), String::new()),
            })
            .collect()
    }

    /// A text field with nothing but a name and a value.
    pub(super) fn is_plain_text(&self) -> bool {
        matches!(self.source, Source::Text(_))
            && self.content_type.is_none()
            && self.filename.is_none()
            && self.headers.is_empty()
    }
}

/// The type curl gives a file name, from its extension as `lib/mime.c` does.
pub fn type_of(name: &str) -> Option<&'static str> {
    const TYPES: [(&str, &str); 10] = [
        (".gif", "image/gif"),
        (".jpg", "image/jpeg"),
        (".jpeg", "image/jpeg"),
        (".png", "image/png"),
        (".svg", "image/svg+xml"),
        (".txt", "text/plain"),
        (".htm", "text/html"),
        (".html", "text/html"),
        (".pdf", "application/pdf"),
        (".xml", "application/xml"),
    ];
    let lower = name.to_ascii_lowercase();
    TYPES.iter().find(|(ext, _)| lower.ends_with(ext)).map(|(_, t)| *t)
}

/// The name a file part carries: the path's last component.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::request::FieldPart;

    fn field(row: Row, part: FieldPart) -> Field {
        Field::from_row(&Row { part: FieldPart { source: row.part.source.clone(), ..part }, ..row })
    }

    #[test]
    fn types_and_names_follow_curl() {
        let pdf = field(Row::file("f", "dir/Report.PDF"), FieldPart::default());
        assert_eq!((pdf.sent_filename(), pdf.sent_type()), (Some("Report.PDF"), Some("application/pdf")));
        let renamed =
            field(Row::file("f", "notes.bin"), FieldPart { filename: Some("a.txt".into()), ..FieldPart::default() });
        assert_eq!((renamed.sent_filename(), renamed.sent_type()), (Some("a.txt"), Some("text/plain")));
        let unknown = field(Row::file("f", "data.bin"), FieldPart::default());
        assert_eq!(unknown.sent_type(), Some("application/octet-stream"));
        let text = field(Row::new("t", "x"), FieldPart::default());
        assert_eq!((text.sent_filename(), text.sent_type()), (None, None));
        assert!(text.is_plain_text());
        let typed = field(
            Row::new("t", "{}"),
            FieldPart { content_type: Some("application/json".into()), ..FieldPart::default() },
        );
        assert_eq!(typed.sent_type(), Some("application/json"));
        assert!(!typed.is_plain_text());
        let headed = field(Row::new("t", "1"), FieldPart { headers: vec!["X-Trace:7".into()], ..FieldPart::default() });
        assert_eq!(headed.header_pairs(), [("X-Trace".to_string(), "7".to_string())]);
    }
}
