//! What the options of one curl command say, gathered before the request is built, with the
//! differences and notes found on the way, and how curl reads `@file` and standard input.

use super::flags::{Scheme, Unsupported};
use crate::model::findings::codes::{COMMAND_OUTPUT_UNSEEN, FILE_CONTENT_UNSEEN};
use crate::model::findings::CodeInfo;
use crate::model::request::reproduction::{Difference, Sender};
use crate::model::request::{Redirects, Row};

/// One `-d`-like argument as curl adds it to the body.
pub(super) struct DataPiece {
    pub(super) text: String,
    /// `--json` pieces are glued to what comes before; the others follow a `&`.
    pub(super) json: bool,
    /// `--data-urlencode`: where in `text` the content curl encoded starts.
    pub(super) encoded_from: Option<usize>,
}

/// What the command's standard input holds, as far as the paste tells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) enum Input {
    /// Nothing in the paste says: the terminal, or whatever the caller pipes in.
    #[default]
    Unknown,
    /// A heredoc, a herestring or an `echo` piped in.
    Text(String),
    /// `< file`.
    File(String),
    /// Another command piped in, as written.
    Output(String),
}

/// A header as curl will send it.
pub(super) struct Header {
    pub(super) name: String,
    pub(super) value: String,
    /// Made by curl from one of its options (`-A`, `-e`, `-b`, `-r`): a `-H` of the same name
    /// replaces it, and `-H 'Name:'` removes it.
    pub(super) from_option: bool,
}

#[derive(Default)]
pub(super) struct Parsed {
    pub(super) urls: Vec<String>,
    pub(super) method: Option<String>,
    pub(super) headers: Vec<Header>,
    /// `-H 'Name:'`: curl leaves out its own header of that name, as written.
    pub(super) removed: Vec<String>,
    pub(super) data: Vec<DataPiece>,
    /// Any data option, even one whose content is unseen: curl still POSTs.
    pub(super) has_data: bool,
    pub(super) json: bool,
    pub(super) form: Vec<Row>,
    /// `-T`: the file (or `-`) and its content when the paste holds it.
    pub(super) upload: Option<(String, Option<String>)>,
    pub(super) get: bool,
    pub(super) head: bool,
    pub(super) user: Option<String>,
    pub(super) scheme: Scheme,
    /// The flag that chose the scheme, as typed.
    pub(super) scheme_flag: String,
    pub(super) bearer: Option<String>,
    pub(super) url_query: Vec<String>,
    pub(super) globoff: bool,
    pub(super) compressed: bool,
    /// `-L` or `--location-trusted`, the last one given.
    pub(super) redirects: Option<Redirects>,
    /// The options that choose the request's kind (POST data, multipart, PUT, HEAD), as
    /// (kind, flag): curl refuses two different kinds.
    pub(super) kinds: Vec<(&'static str, String)>,
    pub(super) stdin: Input,
    pub(super) stdin_read: bool,
    /// What the page cannot do, by the options that ask for it, as typed.
    pub(super) cannot: Vec<(Unsupported, String)>,
    /// The words after `--next`: the requests that follow.
    pub(super) next: Vec<String>,
    pub(super) unknown: Vec<String>,
    pub(super) notes: Vec<String>,
    pub(super) differences: Vec<Difference>,
}

impl Parsed {
    pub(super) fn differ(&mut self, info: &'static CodeInfo, what: String, exact: Vec<Sender>) {
        if !self.differences.iter().any(|d| d.info.code == info.code && d.what == what) {
            self.differences.push(Difference { info, what, exact });
        }
    }

    pub(super) fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// curl's own header from an option: the last such option wins.
    pub(super) fn option_header(&mut self, name: &str, value: String) {
        match self.headers.iter_mut().find(|h| h.from_option && h.name.eq_ignore_ascii_case(name)) {
            Some(h) => h.value = value,
            None => self.headers.push(Header { name: name.into(), value, from_option: true }),
        }
    }

    /// Which kind of request an option asks for; curl refuses a second, different one.
    pub(super) fn kind(&mut self, kind: &'static str, flag: &str) {
        self.kinds.push((kind, flag.to_string()));
    }

    /// The content curl reads for `@path` (`-` is standard input), when the paste holds it;
    /// otherwise the difference that says the page cannot see it. `option` names the argument
    /// as typed, e.g. `-d @body.json`.
    pub(super) fn read(&mut self, option: &str, path: &str) -> Option<String> {
        if path != "-" {
            self.differ(
                FILE_CONTENT_UNSEEN,
                format!("{option}: curl reads the file '{path}' here, which the page cannot see."),
                Vec::new(),
            );
            return None;
        }
        // Standard input is read once: a second `@-` gets nothing.
        if std::mem::replace(&mut self.stdin_read, true) {
            return Some(String::new());
        }
        match self.stdin.clone() {
            Input::Text(text) => Some(text),
            Input::File(file) => {
                self.differ(
                    FILE_CONTENT_UNSEEN,
                    format!("{option}: curl reads standard input, which the shell fills from the file '{file}'; the page cannot see it."),
                    Vec::new(),
                );
                None
            }
            Input::Output(command) => {
                self.differ(
                    COMMAND_OUTPUT_UNSEEN,
                    format!(
                        "{option}: curl reads standard input, the output of `{command}`, which the page cannot run."
                    ),
                    Vec::new(),
                );
                None
            }
            Input::Unknown => {
                self.differ(
                    FILE_CONTENT_UNSEEN,
                    format!(
                        "{option}: curl reads standard input (what is typed or piped in), which is not in the paste."
                    ),
                    Vec::new(),
                );
                None
            }
        }
    }
}
