//! The data options as curl 7.88 sends them (checked against it with an echo server): `-d`
//! and `--data-ascii` strip CR and LF from `@file`, `--data-binary` keeps them, `--data-raw`
//! reads no file; `--data-urlencode` in its five forms; `--json` glued to what comes before;
//! several pieces joined with `&`.

use super::flags::DataFlavor;
use super::parsed::{DataPiece, Parsed};
use crate::model::request::urlencoded::{quote_plus, Piece};
use std::ops::Range;

impl Parsed {
    pub(super) fn data(&mut self, flavor: DataFlavor, flag: &str, v: &str) {
        self.has_data = true;
        self.kind("POST data", flag);
        let text = match (flavor, v.strip_prefix('@')) {
            (DataFlavor::Raw, _) | (_, None) => v.to_string(),
            (DataFlavor::Ascii, Some(path)) => {
                self.read(&format!("{flag} {v}"), path).unwrap_or_default().replace(['\r', '\n'], "")
            }
            (DataFlavor::Binary, Some(path)) => self.read(&format!("{flag} {v}"), path).unwrap_or_default(),
        };
        self.data.push(DataPiece { text, json: false, encoded_from: None });
    }

    pub(super) fn json(&mut self, flag: &str, v: &str) {
        self.has_data = true;
        self.json = true;
        self.kind("POST data", flag);
        let text = match v.strip_prefix('@') {
            Some(path) => self.read(&format!("{flag} {v}"), path).unwrap_or_default(),
            None => v.to_string(),
        };
        self.data.push(DataPiece { text, json: true, encoded_from: None });
    }

    pub(super) fn data_urlencode(&mut self, flag: &str, v: &str) {
        self.has_data = true;
        self.kind("POST data", flag);
        let text = self.urlencode_piece(flag, v);
        // The content follows the name and its `=` (curl encodes every `=` in the content).
        let encoded_from = Some(text.find('=').map_or(0, |eq| eq + 1));
        self.data.push(DataPiece { text, json: false, encoded_from });
    }

    /// `content`, `=content`, `name=content`, `@file`, `name@file`: curl looks for `=` first
    /// and only then for `@` (so `a@b=c` is the name `a@b`), and encodes the content only.
    pub(super) fn urlencode_piece(&mut self, flag: &str, v: &str) -> String {
        let (name, content) = match v.find('=').or_else(|| v.find('@')) {
            Some(at) if v.as_bytes()[at] == b'@' => {
                let path = &v[at + 1..];
                (&v[..at], self.read(&format!("{flag} {v}"), path).unwrap_or_default())
            }
            Some(at) => (&v[..at], v[at + 1..].to_string()),
            None => ("", v.to_string()),
        };
        if name.is_empty() {
            quote_plus(&content)
        } else {
            format!("{name}={}", quote_plus(&content))
        }
    }

    /// `--url-query`: the same forms, and `+text` added as it is.
    pub(super) fn url_query(&mut self, flag: &str, v: &str) {
        let piece = match v.strip_prefix('+') {
            Some(raw) => raw.to_string(),
            None => self.urlencode_piece(flag, v),
        };
        self.url_query.push(piece);
    }

    /// The body curl builds: each piece after a `&`, except `--json` pieces, which are glued on.
    pub(super) fn joined_data(&self) -> Option<String> {
        if !self.has_data {
            return None;
        }
        let mut out = String::new();
        for (k, piece) in self.data.iter().enumerate() {
            if k > 0 && !piece.json {
                out.push('&');
            }
            out.push_str(&piece.text);
        }
        Some(out)
    }

    /// Where in `joined_data` lies the content curl encoded for `--data-urlencode`.
    pub(super) fn encoded_ranges(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        for (k, piece) in self.data.iter().enumerate() {
            if k > 0 && !piece.json {
                at += 1;
            }
            if let Some(from) = piece.encoded_from {
                out.push(at + from..at + piece.text.len());
            }
            at += piece.text.len();
        }
        out
    }
}

/// Marks the pieces of the joined data (`urlencoded::split` of it, every piece) whose value is
/// wholly content curl encoded.
pub(super) fn mark_encoded(pieces: &mut [Piece], ranges: &[Range<usize>]) {
    let mut at = 0;
    for piece in pieces {
        if let Some(eq) = piece.raw.find('=') {
            let (start, end) = (at + eq + 1, at + piece.raw.len());
            piece.encoded = ranges.iter().any(|r| r.start <= start && end <= r.end);
        }
        at += piece.raw.len() + 1;
    }
}
