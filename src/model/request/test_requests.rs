//! Builders the request's unit tests share (curl import, exports): a request changed in place,
//! and a body of any kind from name/value pairs.

use super::urlencoded::Piece;
use super::{Body, BodyKind, Request, Row};

pub(crate) fn with(mut r: Request, f: impl FnOnce(&mut Request)) -> Request {
    f(&mut r);
    r
}

/// A value that starts with @ is a file: what the exports attach, and what -F gives back.
pub(crate) fn body(kind: BodyKind, text: &str, fields: &[(&str, &str)]) -> Body {
    Body {
        kind,
        text: text.into(),
        form: if kind == BodyKind::Form { fields.iter().map(|(n, v)| Piece::new(n, v)).collect() } else { Vec::new() },
        fields: if kind == BodyKind::Multipart {
            fields
                .iter()
                .map(|(n, v)| v.strip_prefix('@').map_or_else(|| Row::new(*n, *v), |p| Row::file(*n, p)))
                .collect()
        } else {
            Vec::new()
        },
    }
}
