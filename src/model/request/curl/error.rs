//! Why a paste cannot be imported at all: what curl itself (or the shell) would refuse.

use crate::model::shell::ShellError;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurlError {
    Empty,
    NotCurl {
        first_word: String,
    },
    Shell(ShellError),
    NoUrl,
    MissingValue {
        flag: String,
    },
    BadFormField {
        flag: String,
        field: String,
    },
    /// Two options that each pick the request's kind (`-d` POST, `-F` multipart, `-T` PUT,
    /// `-I` HEAD): curl says "You can only select one HTTP request method!" and sends nothing.
    TwoMethods {
        first: String,
        second: String,
    },
    /// A `[` or `{` pattern curl cannot read in the URL ("bad range", "unmatched brace").
    Glob {
        url: String,
        problem: String,
        at: usize,
    },
}

impl fmt::Display for CurlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CurlError::Empty => write!(f, "the command is empty: paste a line that starts with curl"),
            CurlError::NotCurl { first_word } => {
                write!(f, "the command starts with '{first_word}', not curl: paste a line that starts with curl")
            }
            CurlError::Shell(e) => write!(f, "{e}"),
            CurlError::NoUrl => {
                write!(f, "the command has no URL: curl needs one, as a word of its own or after --url")
            }
            CurlError::MissingValue { flag } => write!(f, "{flag} at the end of the command needs a value after it"),
            CurlError::BadFormField { flag, field } => {
                write!(f, "{flag} '{field}': a form field must be name=value (or name=@file), and curl refuses it")
            }
            CurlError::TwoMethods { first, second } => write!(
                f,
                "{first} and {second} each choose how the request is sent, and curl refuses both together (\"You can only select one HTTP request method!\"): keep one of them"
            ),
            CurlError::Glob { url, problem, at } => write!(
                f,
                "curl refuses the URL '{url}': {problem} at character {at}. curl reads [ ] and {{ }} in a URL as patterns; add -g (--globoff) to send them as they are"
            ),
        }
    }
}

impl std::error::Error for CurlError {}
