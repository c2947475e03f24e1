//! `-F` and `--form-string` as curl 7.88 reads them (checked against it with an echo server):
//! `@file` attaches a file, `<file` sends its content as text, the value ends at the first `;`
//! unless quoted, then `;type=` (which runs on over `;charset=…` and any `;x=y` that is not
//! another parameter), `;filename=`, `;headers=` (text or `@file`) and `;encoder=`; anything
//! else after a `;` is skipped with a warning. And the multipart bodies DevTools copies.

use super::error::CurlError;
use super::parsed::Parsed;
use crate::model::request::{FieldPart, PartSource, Row};

const PARAMETERS: [&str; 4] = ["type", "filename", "headers", "encoder"];

/// A `-F` value split as curl splits it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct FormValue {
    pub(super) value: String,
    pub(super) content_type: Option<String>,
    pub(super) filename: Option<String>,
    pub(super) headers: Vec<String>,
    /// What curl skips: parameters it does not know.
    pub(super) skipped: Vec<String>,
}

impl Parsed {
    pub(super) fn form_field(&mut self, flag: &str, v: &str, literal: bool) -> Result<(), CurlError> {
        let bad = || CurlError::BadFormField { flag: flag.to_string(), field: v.to_string() };
        let (name, rest) = v.split_once('=').ok_or_else(bad)?;
        if name.is_empty() {
            return Err(bad());
        }
        self.kind("multipart form", flag);
        if literal {
            self.form.push(Row::new(name, rest));
            return Ok(());
        }
        let (prefix, body) = match rest.chars().next() {
            Some(c @ ('@' | '<')) => (Some(c), &rest[1..]),
            _ => (None, rest),
        };
        let parsed = split_form_value(body);
        for skipped in &parsed.skipped {
            self.note(format!("{flag} '{v}': curl skips ';{skipped}', a parameter it does not know"));
        }
        let mut part = FieldPart {
            source: PartSource::Text,
            filename: parsed.filename.clone(),
            content_type: parsed.content_type.clone(),
            headers: Vec::new(),
        };
        for h in &parsed.headers {
            match h.strip_prefix('@') {
                Some(file) => {
                    let headers = self.read(&format!("{flag} {name}=…;headers=@{file}"), file).unwrap_or_default();
                    part.headers.extend(headers.lines().map(str::trim_end).filter(|l| !l.is_empty()).map(String::from));
                }
                None => part.headers.push(h.clone()),
            }
        }
        match prefix {
            Some('@') => {
                // `@a.txt,b.txt` attaches several files in one field.
                let files: Vec<&str> =
                    if body.starts_with('"') { vec![parsed.value.as_str()] } else { parsed.value.split(',').collect() };
                if files.len() > 1 {
                    self.note(format!("{flag} {name}: curl sends the {} files in one multipart/mixed part; they are imported as fields of the same name", files.len()));
                }
                // The field keeps the file's path; what the page's Send and the raw HTTP message
                // cannot attach is said by the sender's own file_not_attached.
                for file in files {
                    let mut row = Row::file(name, file);
                    row.part.filename = part.filename.clone();
                    row.part.content_type = part.content_type.clone();
                    row.part.headers = part.headers.clone();
                    self.form.push(row);
                }
            }
            Some(_) => {
                let path = parsed.value.clone();
                let content = self.read(&format!("{flag} {name}=<{path}"), &path);
                part.source = if content.is_some() { PartSource::Text } else { PartSource::FileText { path } };
                self.form.push(Row { part, ..Row::new(name, content.unwrap_or_default()) });
            }
            None => self.form.push(Row { part, ..Row::new(name, parsed.value) }),
        }
        Ok(())
    }
}

/// Reads a `"…"` word (`\"` and `\\` are escapes) or a bare one up to the next `;`.
fn word(s: &str) -> (String, &str) {
    if let Some(quoted) = s.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = quoted.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' => match chars.clone().next() {
                    Some((_, e @ ('"' | '\\'))) => {
                        value.push(e);
                        chars.next();
                    }
                    _ => value.push('\\'),
                },
                '"' => {
                    let rest = &quoted[at + 1..];
                    return (value, rest.find(';').map_or("", |k| &rest[k..]));
                }
                c => value.push(c),
            }
        }
        return (value, "");
    }
    let end = s.find(';').unwrap_or(s.len());
    (s[..end].trim_end().to_string(), &s[end..])
}

/// Whether `segment` (after a `;`) starts one of the parameters curl knows.
fn known(segment: &str) -> bool {
    let segment = segment.trim_start().to_ascii_lowercase();
    PARAMETERS.iter().any(|p| segment.strip_prefix(p).is_some_and(|r| r.starts_with('=')))
}

pub(super) fn split_form_value(body: &str) -> FormValue {
    let (value, mut rest) = word(body);
    let mut out = FormValue { value, ..FormValue::default() };
    while let Some(after) = rest.strip_prefix(';') {
        let segment = after.trim_start();
        let (key, tail) = segment.split_once('=').unwrap_or((segment, ""));
        match key.to_ascii_lowercase().as_str() {
            "type" if known(segment) => {
                // The type runs on over `;charset=…` and anything else that is not a parameter.
                let mut end = tail.len();
                let mut from = 0;
                while let Some(k) = tail[from..].find(';') {
                    if known(&tail[from + k + 1..]) {
                        end = from + k;
                        break;
                    }
                    from += k + 1;
                }
                out.content_type = Some(tail[..end].trim().to_string());
                rest = &tail[end..];
            }
            "filename" | "headers" | "encoder" if known(segment) => {
                let (value, next) = word(tail);
                match key.to_ascii_lowercase().as_str() {
                    "filename" => out.filename = Some(value),
                    "headers" => out.headers.push(value),
                    _ => {}
                }
                rest = next;
            }
            _ => {
                let end = after.find(';').unwrap_or(after.len());
                let skipped = after[..end].trim();
                if !skipped.is_empty() {
                    out.skipped.push(skipped.to_string());
                }
                rest = &after[end..];
            }
        }
    }
    out
}

/// The fields of a multipart body as DevTools copies it (`--data-raw $'------Webkit…'`). A
/// file part becomes a file field named by its filename; its content is never in the copy.
pub(super) fn parse_multipart(body: &str, boundary: &str) -> Option<Vec<Row>> {
    let delimiter = format!("--{boundary}");
    let mut parts = body.split(delimiter.as_str());
    if !parts.next()?.trim().is_empty() {
        return None;
    }
    let mut fields = Vec::new();
    for part in parts {
        if part.starts_with("--") {
            return Some(fields);
        }
        let part = part.strip_prefix("\r\n")?.strip_suffix("\r\n")?;
        let (head, content) = part.split_once("\r\n\r\n")?;
        let header = |name: &str| {
            head.lines().find_map(|l| {
                let (n, v) = l.split_once(':')?;
                n.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
        };
        let disposition = header("content-disposition")?;
        let param = |key: &str| {
            disposition.split(';').skip(1).find_map(|p| {
                let (k, v) = p.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
            })
        };
        let name = param("name")?;
        let mut row = match param("filename") {
            Some(file) => Row::file(name, &file),
            None => Row::new(name, content),
        };
        row.part.content_type = header("content-type");
        fields.push(row);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, value, type, filename, headers, skipped)
    type Case = (
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        &'static [&'static str],
        &'static [&'static str],
    );

    #[test]
    fn form_values_split_as_curl_splits_them() {
        // Each seen in what curl 7.88 sent.
        let cases: &[Case] = &[
            ("plain", "plain", None, None, &[], &[]),
            ("v , w", "v , w", None, None, &[], &[]),
            // Warning: skip unknown form field: b
            ("a;b", "a", None, None, &[], &["b"]),
            ("v;foo=bar", "v", None, None, &[], &["foo=bar"]),
            ("a;type=text/x", "a", Some("text/x"), None, &[], &[]),
            ("v;type=text/plain; charset=utf-8", "v", Some("text/plain; charset=utf-8"), None, &[], &[]),
            ("v;type=text/plain;foo=bar;filename=z", "v", Some("text/plain;foo=bar"), Some("z"), &[], &[]),
            ("f.pdf;filename=g.pdf;type=application/pdf", "f.pdf", Some("application/pdf"), Some("g.pdf"), &[], &[]),
            ("h.txt;filename=\"a b.txt\"", "h.txt", None, Some("a b.txt"), &[], &[]),
            ("v;headers=\"X-P: 1\";headers=@hdr.txt", "v", None, None, &["X-P: 1", "@hdr.txt"], &[]),
            ("\"a;b\\\"c\";type=t/q", "a;b\"c", Some("t/q"), None, &[], &[]),
            ("\"x;y\\\\z\"", "x;y\\z", None, None, &[], &[]),
        ];
        for (input, value, ct, filename, headers, skipped) in cases {
            let got = split_form_value(input);
            assert_eq!(got.value, *value, "{input}");
            assert_eq!(got.content_type.as_deref(), *ct, "{input}");
            assert_eq!(got.filename.as_deref(), *filename, "{input}");
            assert_eq!(got.headers, *headers, "{input}");
            assert_eq!(got.skipped, *skipped, "{input}");
        }
    }
}
