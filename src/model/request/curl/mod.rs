//! Importing a `curl` command line (DevTools "Copy as cURL", bash or Windows cmd, and what API
//! docs print) into the composer's `Request`. Nothing is silently dropped: a flag the importer
//! does not know is listed, and a known flag that changes nothing a browser sends gets a note.

use crate::model::request::urlencoded::{self, decode_component};
use crate::model::request::{Auth, Body, BodyKind, Method, Request, Row};
use crate::model::shell::{self, ShellError};
use base64::Engine;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Imported {
    pub request: Request,
    /// Flags as typed (`--foo`, `-z`) that the importer does not understand.
    pub unknown_flags: Vec<String>,
    /// What a known flag means here when the page cannot do it, or what was changed and why.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurlError {
    Empty,
    NotCurl { first_word: String },
    Shell(ShellError),
    NoUrl,
    MissingValue { flag: String },
    UnsupportedMethod { method: String },
    BadFormField { flag: String, field: String },
    DataAndForm,
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
            CurlError::UnsupportedMethod { method } => {
                write!(f, "-X {method}: the page can send only GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS")
            }
            CurlError::BadFormField { flag, field } => {
                write!(f, "{flag} '{field}': a form field must be name=value (or name=@file)")
            }
            CurlError::DataAndForm => {
                write!(f, "the command mixes -d/--data with -F/--form, which curl refuses: keep one of them")
            }
        }
    }
}

impl std::error::Error for CurlError {}

/// What a flag does. Flags with a note are understood but cannot change what a browser sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Url,
    Request,
    Header,
    /// `-d`, `--data-binary`: a leading `@` names a file.
    Data,
    DataRaw,
    DataUrlencode,
    Json,
    Form,
    FormString,
    User,
    Digest,
    Basic,
    Cookie,
    UserAgent,
    Referer,
    Get,
    Head,
    Bearer,
    Range,
    Upload,
    UrlQuery,
    Note(&'static str),
    NoteValue(&'static str),
}

impl Act {
    fn takes_value(self) -> bool {
        !matches!(self, Act::Digest | Act::Basic | Act::Get | Act::Head | Act::Note(_))
    }
}

const OUTPUT: &str = "only changes what curl prints or saves; the page shows the response itself";
const TLS: &str = "a TLS setting; the browser uses its own and always checks certificates";
const LIMITS: &str = "a timeout, retry or speed setting; it does not change what is sent";
const HTTP_VERSION: &str = "picks the HTTP version; the browser negotiates its own";
const PROXY: &str = "a proxy setting; the browser uses the system's proxy";
const ROUTING: &str = "changes where curl connects; the browser resolves the host itself";
const CONNECTION: &str = "a connection setting; the browser manages connections itself";
const REDIRECT: &str =
    "a redirect setting; fetch follows redirects itself and drops Authorization on a cross-origin one";
const FORM: &str = "application/x-www-form-urlencoded";
const NO_FILES: &str = "reads a file, which the page cannot do; nothing is imported from it";

/// Every flag the importer knows (curl 8), as (short, long, what it does).
const FLAGS: &[(Option<char>, &str, Act)] = &[
    (None, "url", Act::Url),
    (Some('X'), "request", Act::Request),
    (Some('H'), "header", Act::Header),
    (Some('d'), "data", Act::Data),
    (None, "data-ascii", Act::Data),
    (None, "data-binary", Act::Data),
    (None, "data-raw", Act::DataRaw),
    (None, "data-urlencode", Act::DataUrlencode),
    (None, "json", Act::Json),
    (Some('F'), "form", Act::Form),
    (None, "form-string", Act::FormString),
    (Some('u'), "user", Act::User),
    (None, "digest", Act::Digest),
    (None, "basic", Act::Basic),
    (Some('b'), "cookie", Act::Cookie),
    (Some('A'), "user-agent", Act::UserAgent),
    (Some('e'), "referer", Act::Referer),
    (Some('G'), "get", Act::Get),
    (Some('I'), "head", Act::Head),
    (None, "oauth2-bearer", Act::Bearer),
    (Some('r'), "range", Act::Range),
    (Some('T'), "upload-file", Act::Upload),
    (None, "url-query", Act::UrlQuery),
    (None, "compressed", Act::Note("asks for a compressed response and unpacks it; browsers always do")),
    (Some('s'), "silent", Act::Note(OUTPUT)),
    (Some('S'), "show-error", Act::Note(OUTPUT)),
    (Some('v'), "verbose", Act::Note("prints the whole exchange; the page shows the request and the response instead")),
    (Some('i'), "include", Act::Note(OUTPUT)),
    (None, "show-headers", Act::Note(OUTPUT)),
    (Some('f'), "fail", Act::Note(OUTPUT)),
    (None, "fail-with-body", Act::Note(OUTPUT)),
    (None, "fail-early", Act::Note(OUTPUT)),
    (Some('#'), "progress-bar", Act::Note(OUTPUT)),
    (None, "no-progress-meter", Act::Note(OUTPUT)),
    (Some('N'), "no-buffer", Act::Note(OUTPUT)),
    (Some('O'), "remote-name", Act::Note(OUTPUT)),
    (Some('J'), "remote-header-name", Act::Note(OUTPUT)),
    (Some('R'), "remote-time", Act::Note(OUTPUT)),
    (None, "create-dirs", Act::Note(OUTPUT)),
    (None, "styled-output", Act::Note(OUTPUT)),
    (Some('o'), "output", Act::NoteValue(OUTPUT)),
    (None, "output-dir", Act::NoteValue(OUTPUT)),
    (Some('w'), "write-out", Act::NoteValue(OUTPUT)),
    (Some('D'), "dump-header", Act::NoteValue(OUTPUT)),
    (None, "trace", Act::NoteValue(OUTPUT)),
    (None, "trace-ascii", Act::NoteValue(OUTPUT)),
    (None, "trace-config", Act::NoteValue(OUTPUT)),
    (None, "stderr", Act::NoteValue(OUTPUT)),
    (
        Some('c'),
        "cookie-jar",
        Act::NoteValue("saves the response's cookies to a file; the browser keeps its own cookie jar"),
    ),
    (
        Some('k'),
        "insecure",
        Act::Note("skips the TLS certificate check; a browser never does, so a bad certificate fails here"),
    ),
    (
        Some('L'),
        "location",
        Act::Note("follows redirects; fetch does too, and drops Authorization on a cross-origin redirect"),
    ),
    (None, "location-trusted", Act::Note(REDIRECT)),
    (None, "max-redirs", Act::NoteValue(REDIRECT)),
    (None, "post301", Act::Note(REDIRECT)),
    (None, "post302", Act::Note(REDIRECT)),
    (None, "post303", Act::Note(REDIRECT)),
    (Some('0'), "http1.0", Act::Note(HTTP_VERSION)),
    (None, "http1.1", Act::Note(HTTP_VERSION)),
    (None, "http2", Act::Note(HTTP_VERSION)),
    (None, "http2-prior-knowledge", Act::Note(HTTP_VERSION)),
    (None, "http3", Act::Note(HTTP_VERSION)),
    (None, "http3-only", Act::Note(HTTP_VERSION)),
    (
        Some('g'),
        "globoff",
        Act::Note("turns off curl's [] and {} URL patterns; the URL is taken literally here anyway"),
    ),
    (None, "path-as-is", Act::Note("sends /../ in the path unchanged; browsers normalise the path first")),
    (Some('n'), "netrc", Act::Note("takes credentials from ~/.netrc, which the page cannot read")),
    (None, "netrc-optional", Act::Note("takes credentials from ~/.netrc, which the page cannot read")),
    (None, "netrc-file", Act::NoteValue("takes credentials from a netrc file, which the page cannot read")),
    (Some('K'), "config", Act::NoteValue("reads more options from a file, which the page cannot read")),
    (None, "anyauth", Act::Note("lets curl pick the auth scheme from the server's challenge; imported as Basic")),
    (None, "ntlm", Act::Note("NTLM is not something a page can do; the credentials are imported as Basic")),
    (
        None,
        "negotiate",
        Act::Note("Kerberos/SPNEGO is not something a page can do; the credentials are imported as Basic"),
    ),
    (
        None,
        "aws-sigv4",
        Act::NoteValue("signs the request with AWS SigV4, which the page cannot do; imported unsigned"),
    ),
    (Some('z'), "time-cond", Act::NoteValue("adds If-Modified-Since from a date or a file; not imported")),
    (Some('C'), "continue-at", Act::NoteValue("resumes a download; not imported")),
    (Some('4'), "ipv4", Act::Note(ROUTING)),
    (Some('6'), "ipv6", Act::Note(ROUTING)),
    (None, "resolve", Act::NoteValue(ROUTING)),
    (None, "connect-to", Act::NoteValue(ROUTING)),
    (None, "interface", Act::NoteValue(ROUTING)),
    (None, "local-port", Act::NoteValue(ROUTING)),
    (None, "dns-servers", Act::NoteValue(ROUTING)),
    (None, "unix-socket", Act::NoteValue(ROUTING)),
    (None, "abstract-unix-socket", Act::NoteValue(ROUTING)),
    (Some('x'), "proxy", Act::NoteValue(PROXY)),
    (Some('U'), "proxy-user", Act::NoteValue(PROXY)),
    (None, "proxy-header", Act::NoteValue(PROXY)),
    (None, "noproxy", Act::NoteValue(PROXY)),
    (None, "preproxy", Act::NoteValue(PROXY)),
    (None, "socks5", Act::NoteValue(PROXY)),
    (None, "socks5-hostname", Act::NoteValue(PROXY)),
    (Some('p'), "proxytunnel", Act::Note(PROXY)),
    (Some('m'), "max-time", Act::NoteValue(LIMITS)),
    (None, "connect-timeout", Act::NoteValue(LIMITS)),
    (None, "retry", Act::NoteValue(LIMITS)),
    (None, "retry-delay", Act::NoteValue(LIMITS)),
    (None, "retry-max-time", Act::NoteValue(LIMITS)),
    (None, "retry-connrefused", Act::Note(LIMITS)),
    (None, "retry-all-errors", Act::Note(LIMITS)),
    (None, "max-filesize", Act::NoteValue(LIMITS)),
    (None, "limit-rate", Act::NoteValue(LIMITS)),
    (Some('Y'), "speed-limit", Act::NoteValue(LIMITS)),
    (Some('y'), "speed-time", Act::NoteValue(LIMITS)),
    (None, "expect100-timeout", Act::NoteValue(LIMITS)),
    (None, "keepalive-time", Act::NoteValue(CONNECTION)),
    (None, "no-keepalive", Act::Note(CONNECTION)),
    (None, "no-sessionid", Act::Note(CONNECTION)),
    (None, "tcp-nodelay", Act::Note(CONNECTION)),
    (None, "tcp-fastopen", Act::Note(CONNECTION)),
    (Some('Z'), "parallel", Act::Note(CONNECTION)),
    (None, "raw", Act::Note(CONNECTION)),
    (None, "tr-encoding", Act::Note(CONNECTION)),
    (Some('q'), "disable", Act::Note("skips ~/.curlrc; nothing to do here")),
    (None, "cacert", Act::NoteValue(TLS)),
    (None, "capath", Act::NoteValue(TLS)),
    (Some('E'), "cert", Act::NoteValue("sends a TLS client certificate; the browser asks for one itself")),
    (None, "key", Act::NoteValue(TLS)),
    (None, "cert-type", Act::NoteValue(TLS)),
    (None, "key-type", Act::NoteValue(TLS)),
    (None, "pass", Act::NoteValue(TLS)),
    (None, "ciphers", Act::NoteValue(TLS)),
    (None, "tls13-ciphers", Act::NoteValue(TLS)),
    (None, "pinnedpubkey", Act::NoteValue(TLS)),
    (None, "crlfile", Act::NoteValue(TLS)),
    (None, "curves", Act::NoteValue(TLS)),
    (None, "tls-max", Act::NoteValue(TLS)),
    (Some('1'), "tlsv1", Act::Note(TLS)),
    (None, "tlsv1.0", Act::Note(TLS)),
    (None, "tlsv1.1", Act::Note(TLS)),
    (None, "tlsv1.2", Act::Note(TLS)),
    (None, "tlsv1.3", Act::Note(TLS)),
    (None, "ssl-no-revoke", Act::Note(TLS)),
    (None, "ssl-revoke-best-effort", Act::Note(TLS)),
    (None, "ca-native", Act::Note(TLS)),
    (None, "cert-status", Act::Note(TLS)),
    (None, "false-start", Act::Note(TLS)),
    (None, "no-alpn", Act::Note(TLS)),
    (None, "proto", Act::NoteValue("restricts the protocols curl may use; no effect on what is sent")),
    (None, "proto-redir", Act::NoteValue(REDIRECT)),
    (None, "proto-default", Act::NoteValue("sets the scheme for a URL without one; the importer uses http://")),
];

fn lookup_long(name: &str) -> Option<Act> {
    FLAGS.iter().find(|f| f.1 == name).map(|f| f.2)
}

fn lookup_short(c: char) -> Option<Act> {
    FLAGS.iter().find(|f| f.0 == Some(c)).map(|f| f.2)
}

/// One `-d`-like argument. `--json` pieces are glued without `&`, as curl does.
struct DataPiece {
    text: String,
    json: bool,
}

#[derive(Default)]
struct Parsed {
    urls: Vec<String>,
    method: Option<String>,
    headers: Vec<(String, String)>,
    cookie_at: Option<usize>,
    data: Vec<DataPiece>,
    /// Any data flag, even one whose file could not be read: curl still POSTs.
    has_data: bool,
    json_flag: bool,
    form: Vec<Row>,
    user: Option<String>,
    digest: bool,
    bearer: Option<String>,
    get: bool,
    head: bool,
    upload: bool,
    url_query: Vec<String>,
    /// Headers the command removes from curl's own (`-H 'Name:'`).
    removed: Vec<String>,
    unknown: Vec<String>,
    notes: Vec<String>,
}

pub fn import(command: &str) -> Result<Imported, CurlError> {
    let script = shell::parse(command).map_err(CurlError::Shell)?;
    let first = script.commands.iter().find(|c| !c.words.is_empty()).ok_or(CurlError::Empty)?;
    let words: Vec<String> = first.words.iter().map(shell::Word::text).collect();
    if !is_curl(&words[0]) {
        return Err(CurlError::NotCurl { first_word: words[0].clone() });
    }
    let mut p = Parsed::default();
    for output in &first.output {
        p.notes.push(format!("'{output}' belongs to the shell: it only changes where curl's output goes"));
    }
    let mut i = 1;
    let mut options_done = false;
    while i < words.len() {
        let word = &words[i];
        i += 1;
        if options_done || !word.starts_with('-') || word == "-" {
            match shell_operator(word) {
                Some(Operator::End) => {
                    p.notes
                        .push(format!("everything from '{word}' on belongs to the shell, not to curl; it is ignored"));
                    break;
                }
                Some(Operator::Redirect) => {
                    p.notes.push(format!(
                        "the shell redirection '{word}' only changes where curl's output goes; it is ignored"
                    ));
                    if matches!(word.as_str(), ">" | ">>" | "1>" | "2>" | "<") {
                        i += 1;
                    }
                }
                None => p.urls.push(word.clone()),
            }
            continue;
        }
        if word == "--" {
            options_done = true;
            continue;
        }
        if let Some(long) = word.strip_prefix("--") {
            let act = lookup_long(long).or_else(|| {
                // `--no-silent` and friends switch a boolean off: just as harmless.
                long.strip_prefix("no-").and_then(lookup_long).filter(|a| matches!(a, Act::Note(_)))
            });
            match act {
                Some(act) => {
                    let value = if act.takes_value() { Some(take_value(&words, &mut i, word)?) } else { None };
                    p.apply(act, word, value)?;
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
            match lookup_short(c) {
                Some(act) if act.takes_value() => {
                    let rest: String = letters[k + 1..].iter().collect();
                    let value = if rest.is_empty() { take_value(&words, &mut i, &flag)? } else { rest };
                    p.apply(act, &flag, Some(value))?;
                    break;
                }
                Some(act) => p.apply(act, &flag, None)?,
                None => p.unknown.push(flag),
            }
        }
    }
    p.finish()
}

fn is_curl(word: &str) -> bool {
    let base = word.rsplit(['/', '\\']).next().unwrap_or(word);
    base.eq_ignore_ascii_case("curl") || base.eq_ignore_ascii_case("curl.exe")
}

enum Operator {
    End,
    Redirect,
}

/// shell::split keeps `|` and `>` as words; a pasted `curl … | jq` must not make `jq` a URL.
fn shell_operator(word: &str) -> Option<Operator> {
    match word {
        "|" | "||" | "&&" | ";" | "&" => Some(Operator::End),
        w if w.starts_with('>') || w.starts_with("1>") || w.starts_with("2>") || w == "<" => Some(Operator::Redirect),
        _ => None,
    }
}

fn take_value(words: &[String], i: &mut usize, flag: &str) -> Result<String, CurlError> {
    let value = words.get(*i).ok_or_else(|| CurlError::MissingValue { flag: flag.to_string() })?;
    *i += 1;
    Ok(value.clone())
}

impl Parsed {
    fn apply(&mut self, act: Act, flag: &str, value: Option<String>) -> Result<(), CurlError> {
        let v = value.unwrap_or_default();
        if matches!(act, Act::Data | Act::DataRaw | Act::DataUrlencode | Act::Json) {
            self.has_data = true;
        }
        match act {
            Act::Url => self.urls.push(v),
            Act::Request => self.method = Some(v),
            Act::Header => self.header(flag, &v),
            Act::Data => match v.strip_prefix('@') {
                Some(file) => self.file_note(flag, file),
                None => self.data.push(DataPiece { text: v, json: false }),
            },
            Act::DataRaw => self.data.push(DataPiece { text: v, json: false }),
            Act::DataUrlencode => {
                if let Some(text) = self.urlencode_piece(flag, &v) {
                    self.data.push(DataPiece { text, json: false });
                }
            }
            Act::Json => {
                self.json_flag = true;
                match v.strip_prefix('@') {
                    Some(file) => self.file_note(flag, file),
                    None => self.data.push(DataPiece { text: v, json: true }),
                }
            }
            Act::Form => self.form_field(flag, &v, false)?,
            Act::FormString => self.form_field(flag, &v, true)?,
            Act::User => self.user = Some(v),
            Act::Digest => self.digest = true,
            Act::Basic => self.digest = false,
            Act::Cookie => self.cookie(flag, &v),
            Act::UserAgent if v.is_empty() => {
                self.notes.push(format!("{flag} \"\": tells curl to send no User-Agent; not imported"))
            }
            Act::UserAgent => self.headers.push(("User-Agent".into(), v)),
            Act::Referer => {
                // `;auto` asks curl to update the Referer on redirects; it is not part of the value.
                let url = v.strip_suffix(";auto").unwrap_or(&v).to_string();
                self.headers.push(("Referer".into(), url));
            }
            Act::Get => self.get = true,
            Act::Head => self.head = true,
            Act::Bearer => self.bearer = Some(v),
            Act::Range => self.headers.push(("Range".into(), format!("bytes={v}"))),
            Act::Upload => {
                self.upload = true;
                self.notes.push(format!(
                    "{flag} {v}: uploads the file with PUT; the page cannot read files, so the body is left empty"
                ));
            }
            Act::UrlQuery => {
                let piece = match v.strip_prefix('+') {
                    Some(raw) => Some(raw.to_string()),
                    None => self.urlencode_piece(flag, &v),
                };
                self.url_query.extend(piece);
            }
            Act::Note(why) => self.notes.push(format!("{flag}: {why}")),
            Act::NoteValue(why) => self.notes.push(format!("{flag} {v}: {why}")),
        }
        Ok(())
    }

    fn file_note(&mut self, flag: &str, file: &str) {
        self.notes.push(format!("{flag} @{file}: the data comes from the file '{file}', which the page cannot read; paste its contents into the body"));
    }

    fn header(&mut self, flag: &str, h: &str) {
        if let Some(file) = h.strip_prefix('@') {
            self.notes.push(format!("{flag} @{file}: {NO_FILES}"));
            return;
        }
        match h.split_once(':') {
            Some((name, value)) if value.trim().is_empty() => {
                self.notes.push(format!("{flag} '{h}': curl sends no {} header at all", name.trim()));
                self.removed.push(name.trim().to_string());
            }
            Some((name, value)) => self.headers.push((name.trim().to_string(), value.trim_start().to_string())),
            // `Name;` is curl's way of sending a header with an empty value.
            None => match h.strip_suffix(';') {
                Some(name) if !name.trim().is_empty() => self.headers.push((name.trim().to_string(), String::new())),
                _ => self.notes.push(format!("{flag} '{h}': not a header (no ':'), so curl ignores it")),
            },
        }
    }

    fn cookie(&mut self, flag: &str, v: &str) {
        // Without '=' curl reads the argument as a cookie file name.
        if !v.contains('=') {
            self.notes.push(format!("{flag} {v}: reads cookies from the file '{v}', which the page cannot read"));
            return;
        }
        match self.cookie_at {
            Some(at) => {
                let existing = &mut self.headers[at].1;
                existing.push_str("; ");
                existing.push_str(v);
            }
            None => {
                self.cookie_at = Some(self.headers.len());
                self.headers.push(("Cookie".into(), v.to_string()));
            }
        }
    }

    /// curl's `--data-urlencode` forms: `content`, `=content`, `name=content`, `@file`,
    /// `name@file`. Whichever of `=` and `@` comes first decides.
    fn urlencode_piece(&mut self, flag: &str, v: &str) -> Option<String> {
        match v.find(['=', '@']) {
            Some(at) if v.as_bytes()[at] == b'@' => {
                self.file_note(flag, &v[at + 1..]);
                None
            }
            Some(0) => Some(curl_escape(&v[1..])),
            Some(at) => Some(format!("{}={}", &v[..at], curl_escape(&v[at + 1..]))),
            None => Some(curl_escape(v)),
        }
    }

    fn form_field(&mut self, flag: &str, v: &str, literal: bool) -> Result<(), CurlError> {
        let bad = || CurlError::BadFormField { flag: flag.to_string(), field: v.to_string() };
        let (name, rest) = v.split_once('=').ok_or_else(bad)?;
        if name.is_empty() {
            return Err(bad());
        }
        if literal {
            if rest.starts_with('@') {
                self.notes.push(format!("{flag} '{v}': the composer reads a value starting with @ as a file name"));
            }
            self.form.push(Row::new(name, rest));
            return Ok(());
        }
        let (prefix, body) = match rest.chars().next() {
            Some(c @ ('@' | '<')) => (Some(c), &rest[1..]),
            _ => (None, rest),
        };
        let (value, params) = split_form_params(body);
        for param in params {
            self.notes
                .push(format!("{flag} {name}: ;{param} is not kept (the sender sets each part's headers itself)"));
        }
        match prefix {
            Some('@') => {
                self.notes.push(format!("{flag} {name}=@{value}: the page cannot attach files; the field keeps @{value} for the exported commands"));
                self.form.push(Row::new(name, format!("@{value}")));
            }
            Some(_) => {
                self.notes.push(format!("{flag} {name}=<{value}: the value comes from the file '{value}', which the page cannot read; it is left empty"));
                self.form.push(Row::new(name, ""));
            }
            None => self.form.push(Row::new(name, value)),
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Imported, CurlError> {
        if !self.form.is_empty() && !self.data.is_empty() {
            return Err(CurlError::DataAndForm);
        }
        let url = self.pick_url()?;
        let mut r = Request::default();
        let url = self.absolute(url);
        let url = self.take_userinfo(&url);
        r.set_url(&url);
        // --url-query and -G add to the query as curl does: the text as it is, after `&`.
        for piece in std::mem::take(&mut self.url_query) {
            r.query.extend(urlencoded::split(&piece));
            r.query_mark = true;
        }
        r.method = self.method()?;
        let data = self.joined_data();
        if self.get {
            if let Some(data) = data.as_deref() {
                r.query.extend(urlencoded::split(data));
                r.query_mark = true;
            }
        }
        r.auth = self.auth();
        self.headers_into(&mut r);
        if !self.form.is_empty() {
            r.body = Body::multipart(std::mem::take(&mut self.form));
            self.drop_content_type(&mut r, |ct| essence(ct) == "multipart/form-data");
        } else if let (Some(data), false) = (data, self.get) {
            self.body_from_data(&mut r, data);
        }
        if !r.method.allows_body() && r.body.kind != BodyKind::None {
            self.notes.push(format!(
                "curl sends this body even with {}; the exported curl, Python and HTTPie send it too, but a browser refuses to, so the page's Send leaves it out",
                r.method
            ));
        }
        self.forbidden_header_notes(&r);
        Ok(Imported { request: r, unknown_flags: self.unknown, notes: self.notes })
    }

    /// curl requests every URL it is given; the page sends one. A word with a scheme beats a
    /// bare one, since a bare word may be the value of a flag the importer does not know.
    fn pick_url(&mut self) -> Result<String, CurlError> {
        let at = self.urls.iter().position(|u| u.contains("://")).or(if self.urls.is_empty() { None } else { Some(0) });
        let url = self.urls.remove(at.ok_or(CurlError::NoUrl)?);
        for other in &self.urls {
            self.notes.push(format!(
                "'{other}' is not used: curl would treat it as another URL (or it is the value of an unknown flag)"
            ));
        }
        Ok(url)
    }

    fn absolute(&mut self, url: String) -> String {
        if url.contains("://") {
            return url;
        }
        self.notes.push(format!("'{url}' has no scheme; curl guesses http://, and so does the importer"));
        format!("http://{url}")
    }

    /// fetch refuses a URL with credentials in it, so `https://user:pass@host` becomes Basic.
    fn take_userinfo(&mut self, url: &str) -> String {
        let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let Some(at) = rest[..authority_end].rfind('@') else { return url.to_string() };
        let userinfo = &rest[..at];
        if self.user.is_none() {
            self.user = Some(userinfo.split(':').map(percent_decode).collect::<Vec<_>>().join(":"));
            self.notes
                .push("the credentials in the URL become Basic auth: browsers refuse URLs that contain them".into());
        }
        format!("{scheme}://{}", &rest[at + 1..])
    }

    fn method(&mut self) -> Result<Method, CurlError> {
        if let Some(m) = &self.method {
            let parsed = Method::parse(m).ok_or_else(|| CurlError::UnsupportedMethod { method: m.clone() })?;
            if m.trim() != parsed.as_str() {
                self.notes.push(format!("-X {m}: curl sends the method exactly as typed and methods are case-sensitive; imported as {parsed}"));
            }
            return Ok(parsed);
        }
        Ok(if self.head {
            Method::Head
        } else if self.get {
            Method::Get
        } else if self.upload {
            Method::Put
        } else if self.has_data || !self.form.is_empty() {
            Method::Post
        } else {
            Method::Get
        })
    }

    fn joined_data(&self) -> Option<String> {
        if !self.has_data {
            return None;
        }
        let mut out = String::new();
        for (k, piece) in self.data.iter().enumerate() {
            if k > 0 && !(piece.json && self.data[k - 1].json) {
                out.push('&');
            }
            out.push_str(&piece.text);
        }
        Some(out)
    }

    fn auth(&mut self) -> Auth {
        if let Some(token) = self.bearer.take() {
            return Auth::Bearer { token };
        }
        let Some(user) = self.user.take() else { return Auth::None };
        let (user, password) = match user.split_once(':') {
            Some((u, p)) => (u.to_string(), p.to_string()),
            None => {
                self.notes.push(format!("-u {user}: curl would ask for the password; imported with an empty one"));
                (user, String::new())
            }
        };
        if self.digest {
            Auth::Digest { user, password }
        } else {
            Auth::Basic { user, password }
        }
    }

    /// Header rows in the order given; an Authorization header the auth helper can express
    /// becomes the helper, so the composer shows one source of truth.
    fn headers_into(&mut self, r: &mut Request) {
        for (name, value) in std::mem::take(&mut self.headers) {
            if name.eq_ignore_ascii_case("authorization") {
                if let Some(auth) = auth_from_header(&value) {
                    if r.auth != Auth::None {
                        self.notes
                            .push("the Authorization header replaces -u / --oauth2-bearer, as it does in curl".into());
                    }
                    r.auth = auth;
                    continue;
                }
                if r.auth != Auth::None {
                    self.notes
                        .push("the Authorization header is sent instead of -u / --oauth2-bearer, as curl does".into());
                }
            }
            r.headers.push(Row::new(name, value));
        }
    }

    /// The data as curl sends it, byte for byte, with the Content-Type curl sends: the
    /// command's own, else `application/x-www-form-urlencoded` (`application/json` for
    /// `--json`), as a header row the user can see. The body kind only chooses the editor.
    fn body_from_data(&mut self, r: &mut Request, data: String) {
        if content_type(r).is_none() && !self.removed.iter().any(|h| h.eq_ignore_ascii_case("content-type")) {
            let ct = if self.json_flag { "application/json" } else { FORM };
            r.headers.push(Row::new("Content-Type", ct));
        }
        if self.json_flag && !r.has_header("accept") && !self.removed.iter().any(|h| h.eq_ignore_ascii_case("accept")) {
            r.headers.push(Row::new("Accept", "application/json"));
        }
        let ct = content_type(r).map(essence);
        let multipart_fields = ct.as_deref().filter(|c| *c == "multipart/form-data").and_then(|_| {
            let boundary = boundary(content_type(r)?)?;
            parse_multipart(&data, &boundary)
        });
        r.body = match (ct.as_deref(), multipart_fields) {
            (Some(_), Some(fields)) => {
                for f in fields.iter().filter(|f| f.value.starts_with('@')) {
                    self.notes.push(format!(
                        "the file in field '{}' is not in the copied command; the field keeps {} for the exported commands",
                        f.name, f.value
                    ));
                }
                // The boundary belongs to whoever builds the body: the sender writes its own.
                r.headers.retain(|h| !h.name.eq_ignore_ascii_case("content-type"));
                Body::multipart(fields)
            }
            (Some(_), None) if looks_like_json(&data) => Body::json(data),
            (Some(FORM), None) if urlencoded::looks_like_form(&data) => Body::form(&data),
            _ => Body::raw(data),
        };
    }

    /// Removes Content-Type rows that only repeat what the body kind implies.
    fn drop_content_type(&mut self, r: &mut Request, implied: impl Fn(&str) -> bool) {
        r.headers.retain(|h| !(h.name.eq_ignore_ascii_case("content-type") && implied(&h.value)));
    }

    fn forbidden_header_notes(&mut self, r: &Request) {
        if r.has_header("cookie") {
            self.notes.push("browsers forbid setting Cookie from script: the page cannot send it (the browser sends its own cookies for the site); the exported commands can".into());
        }
        let forbidden: Vec<&str> =
            r.headers.iter().filter(|h| h.enabled && is_browser_owned(&h.name)).map(|h| h.name.as_str()).collect();
        if !forbidden.is_empty() {
            self.notes.push(format!(
                "the browser sets these headers itself and ignores the page's values: {}",
                forbidden.join(", ")
            ));
        }
    }
}

/// Forbidden request headers (Fetch standard), plus User-Agent, which Chrome still refuses.
fn is_browser_owned(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    n.starts_with("sec-")
        || n.starts_with("proxy-")
        || matches!(
            n.as_str(),
            "accept-charset"
                | "accept-encoding"
                | "access-control-request-headers"
                | "access-control-request-method"
                | "connection"
                | "content-length"
                | "cookie2"
                | "date"
                | "dnt"
                | "expect"
                | "host"
                | "keep-alive"
                | "origin"
                | "referer"
                | "te"
                | "trailer"
                | "transfer-encoding"
                | "upgrade"
                | "user-agent"
                | "via"
        )
}

fn auth_from_header(value: &str) -> Option<Auth> {
    let (scheme, rest) = value.trim().split_once(' ')?;
    let rest = rest.trim();
    if scheme.eq_ignore_ascii_case("bearer") && !rest.is_empty() && !rest.contains(char::is_whitespace) {
        return Some(Auth::Bearer { token: rest.to_string() });
    }
    if scheme.eq_ignore_ascii_case("basic") {
        let bytes = base64::engine::general_purpose::STANDARD.decode(rest).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (user, password) = text.split_once(':')?;
        return Some(Auth::Basic { user: user.into(), password: password.into() });
    }
    None
}

fn content_type(r: &Request) -> Option<&str> {
    r.headers.iter().rev().find(|h| h.enabled && h.name.eq_ignore_ascii_case("content-type")).map(|h| h.value.as_str())
}

fn essence(ct: &str) -> String {
    ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

fn boundary(ct: &str) -> Option<String> {
    ct.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("boundary").then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The text fields of a multipart body as DevTools copies it (`--data-raw $'------Webkit…'`).
/// A file part becomes `@filename`, the composer's convention for a file.
fn parse_multipart(body: &str, boundary: &str) -> Option<Vec<Row>> {
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
        let disposition = head.lines().find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
        let param = |key: &str| {
            disposition.split(';').skip(1).find_map(|p| {
                let (k, v) = p.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
            })
        };
        let name = param("name")?;
        match param("filename") {
            Some(file) => fields.push(Row::new(name, format!("@{file}"))),
            None => fields.push(Row::new(name, content)),
        }
    }
    None
}

/// Splits `value;type=text/plain;filename=x` into the value and its parameters. A `;` counts
/// only before a parameter curl knows, so `a;b` stays one value; `"…"` quotes a value with `;`.
fn split_form_params(body: &str) -> (String, Vec<String>) {
    const KNOWN: [&str; 4] = ["type=", "filename=", "headers=", "encoder="];
    let (value, tail) = if let Some(quoted) = body.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = quoted.char_indices();
        let mut end = quoted.len();
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' => value.extend(chars.next().map(|x| x.1)),
                '"' => {
                    end = at + 1;
                    break;
                }
                c => value.push(c),
            }
        }
        (value, &quoted[end..])
    } else {
        let cut = body
            .match_indices(';')
            .map(|(at, _)| at)
            .find(|&at| KNOWN.iter().any(|k| body[at + 1..].to_ascii_lowercase().starts_with(k)))
            .unwrap_or(body.len());
        (body[..cut].to_string(), &body[cut..])
    };
    let params = tail.split(';').map(str::trim).filter(|p| !p.is_empty()).map(String::from).collect();
    (value, params)
}

fn looks_like_json(data: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(data).is_ok_and(|v| v.is_object() || v.is_array())
}

/// What curl_easy_escape does: every byte but unreserved ones as %XX (space too).
fn curl_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Percent-decoding for the userinfo of a URL, where `+` is a plus sign.
fn percent_decode(s: &str) -> String {
    decode_component(&s.replace('+', "%2B"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::request::urlencoded::Piece;

    fn at(url: &str) -> Request {
        let mut r = Request::default();
        r.set_url(url);
        r
    }

    fn with(mut r: Request, f: impl FnOnce(&mut Request)) -> Request {
        f(&mut r);
        r
    }

    fn rows(pairs: &[(&str, &str)]) -> Vec<Row> {
        pairs.iter().map(|(n, v)| Row::new(*n, *v)).collect()
    }

    fn body(kind: BodyKind, text: &str, fields: &[(&str, &str)]) -> Body {
        Body {
            kind,
            text: text.into(),
            form: if kind == BodyKind::Form {
                fields.iter().map(|(n, v)| Piece::new(n, v)).collect()
            } else {
                Vec::new()
            },
            fields: if kind == BodyKind::Multipart {
                fields.iter().map(|(n, v)| Row::new(*n, *v)).collect()
            } else {
                Vec::new()
            },
        }
    }

    fn ok(command: &str) -> Imported {
        import(command).unwrap_or_else(|e| panic!("{command:?}: {e}"))
    }

    /// Chrome 131 "Copy as cURL (bash)" of a JSON POST, cookies and all.
    const CHROME_BASH: &str = r#"curl 'https://api.example.com/v1/orders?status=open&page=2' \
  -H 'accept: application/json, text/plain, */*' \
  -H 'accept-language: en-GB,en;q=0.9' \
  -H 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' \
  -H 'content-type: application/json' \
  -b 'session=abc123; theme=dark' \
  -H 'origin: https://app.example.com' \
  -H 'priority: u=1, i' \
  -H 'sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"' \
  -H 'sec-fetch-mode: cors' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64)' \
  --data-raw $'{"note":"it\'s \\"quoted\\"\\nline two","qty":2}'"#;

    /// Chrome 131 "Copy as cURL (cmd)" of a form POST: `^` escapes, `^%^` before hex digits.
    const CHROME_CMD: &str = "curl ^\"https://api.example.com/v1/search?q=caf^%^C3^%^A9^&lang=fr^\" ^\r\n  -H ^\"accept: */*^\" ^\r\n  -H ^\"authorization: Basic dXNlcjpwYXNz^\" ^\r\n  -H ^\"content-type: application/x-www-form-urlencoded^\" ^\r\n  -b ^\"sid=1^\" ^\r\n  --data-raw ^\"a=1^&b=x+y^&json=^{^\\^\"k^\\^\":1^}^\"";

    /// Firefox 133 "Copy as cURL": explicit -X, --compressed, capitalised header names.
    const FIREFOX: &str = "curl 'https://h.example/api/items/7' --compressed -X PUT -H 'User-Agent: Mozilla/5.0' -H 'Accept: */*' -H 'Content-Type: text/csv' -H 'Connection: keep-alive' --data-raw $'a,b\\n1,2'";

    /// Chrome's copy of a multipart upload: the body with its boundary, the file left out.
    const CHROME_MULTIPART: &str = "curl 'https://h.example/upload' -H 'content-type: multipart/form-data; boundary=----WebKitFormBoundaryX1' --data-raw $'------WebKitFormBoundaryX1\\r\\nContent-Disposition: form-data; name=\"title\"\\r\\n\\r\\nMy \"doc\"\\r\\n------WebKitFormBoundaryX1\\r\\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\\r\\nContent-Type: text/plain\\r\\n\\r\\n\\r\\n------WebKitFormBoundaryX1--\\r\\n'";

    #[test]
    fn devtools_copies() {
        let cases: Vec<(&str, &str, Request)> = vec![
            (
                "chrome bash",
                CHROME_BASH,
                with(at("https://api.example.com/v1/orders?status=open&page=2"), |r| {
                    r.method = Method::Post;
                    r.auth = Auth::Bearer { token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln".into() };
                    r.headers = rows(&[
                        ("accept", "application/json, text/plain, */*"),
                        ("accept-language", "en-GB,en;q=0.9"),
                        ("content-type", "application/json"),
                        ("Cookie", "session=abc123; theme=dark"),
                        ("origin", "https://app.example.com"),
                        ("priority", "u=1, i"),
                        ("sec-ch-ua", "\"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\""),
                        ("sec-fetch-mode", "cors"),
                        ("user-agent", "Mozilla/5.0 (X11; Linux x86_64)"),
                    ]);
                    r.body = body(BodyKind::Json, r#"{"note":"it's \"quoted\"\nline two","qty":2}"#, &[]);
                }),
            ),
            (
                "chrome cmd",
                CHROME_CMD,
                with(at("https://api.example.com/v1/search?q=caf%C3%A9&lang=fr"), |r| {
                    r.method = Method::Post;
                    r.auth = Auth::Basic { user: "user".into(), password: "pass".into() };
                    r.headers = rows(&[
                        ("accept", "*/*"),
                        ("content-type", "application/x-www-form-urlencoded"),
                        ("Cookie", "sid=1"),
                    ]);
                    r.body = Body::form("a=1&b=x+y&json={\"k\":1}");
                }),
            ),
            (
                "firefox",
                FIREFOX,
                with(at("https://h.example/api/items/7"), |r| {
                    r.method = Method::Put;
                    r.headers = rows(&[
                        ("User-Agent", "Mozilla/5.0"),
                        ("Accept", "*/*"),
                        ("Content-Type", "text/csv"),
                        ("Connection", "keep-alive"),
                    ]);
                    r.body = body(BodyKind::Raw, "a,b\n1,2", &[]);
                }),
            ),
            (
                "chrome multipart",
                CHROME_MULTIPART,
                with(at("https://h.example/upload"), |r| {
                    r.method = Method::Post;
                    r.body = body(BodyKind::Multipart, "", &[("title", "My \"doc\""), ("file", "@x.txt")]);
                }),
            ),
        ];
        for (name, command, expected) in cases {
            let got = ok(command);
            assert_eq!(got.request, expected, "{name}");
            assert!(got.unknown_flags.is_empty(), "{name}: {:?}", got.unknown_flags);
        }
        let chrome = ok(CHROME_BASH);
        assert!(chrome.notes.iter().any(|n| n.contains("forbid setting Cookie")), "{:?}", chrome.notes);
        assert!(chrome.notes.contains(&"the browser sets these headers itself and ignores the page's values: origin, sec-ch-ua, sec-fetch-mode, user-agent".to_string()), "{:?}", chrome.notes);
        assert!(ok(FIREFOX).notes.iter().any(|n| n.starts_with("--compressed: ")));
        assert!(ok(CHROME_MULTIPART).notes.iter().any(|n| n.contains("'file'") && n.contains("@x.txt")));
    }

    #[test]
    fn every_flag() {
        let x = || at("https://x.example/a");
        let cases: Vec<(&str, Request)> = vec![
            ("curl https://x.example/a", x()),
            ("curl.exe --url https://x.example/a", x()),
            ("/usr/bin/curl -- https://x.example/a", x()),
            ("curl -X DELETE https://x.example/a", with(x(), |r| r.method = Method::Delete)),
            ("curl -XPATCH https://x.example/a", with(x(), |r| r.method = Method::Patch)),
            ("curl --request put https://x.example/a", with(x(), |r| r.method = Method::Put)),
            (
                "curl -H 'X-A: 1' -HX-B:2 --header 'X-C;' -H 'X-D: a: b ' https://x.example/a",
                with(x(), |r| r.headers = rows(&[("X-A", "1"), ("X-B", "2"), ("X-C", ""), ("X-D", "a: b ")])),
            ),
            (
                "curl -d a=1 --data b=2 --data-ascii c=3 https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Content-Type", FORM)]);
                    r.body = Body::form("a=1&b=2&c=3");
                }),
            ),
            (
                "curl -d hello https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Content-Type", "application/x-www-form-urlencoded")]);
                    r.body = body(BodyKind::Raw, "hello", &[]);
                }),
            ),
            (
                "curl --data-binary @body.bin -H 'Content-Type: application/octet-stream' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Content-Type", "application/octet-stream")]);
                    r.body = body(BodyKind::Raw, "", &[]);
                }),
            ),
            (
                "curl --data-raw @literal -H 'content-type: text/plain' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("content-type", "text/plain")]);
                    r.body = body(BodyKind::Raw, "@literal", &[]);
                }),
            ),
            (
                "curl --data-urlencode 'q=a b&c=d' --data-urlencode 'n=é+' --data-urlencode 'e=' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Content-Type", FORM)]);
                    r.body = Body::form("q=a%20b%26c%3Dd&n=%C3%A9%2B&e=");
                }),
            ),
            (
                "curl --data-urlencode '=x y' --data-urlencode 'plain&' -H 'Content-Type: text/plain' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Content-Type", "text/plain")]);
                    r.body = body(BodyKind::Raw, "x%20y&plain%26", &[]);
                }),
            ),
            (
                "curl --data-urlencode 'name@file.txt' --data-urlencode @all.txt -d k=v https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Content-Type", FORM)]);
                    r.body = Body::form("k=v");
                }),
            ),
            (
                "curl -G -d q=1 --data-urlencode 'w=a b' https://x.example/a?z=0",
                with(at("https://x.example/a?z=0&q=1&w=a%20b"), |_| {}),
            ),
            (
                "curl --json '{\"a\":1}' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Content-Type", "application/json"), ("Accept", "application/json")]);
                    r.body = body(BodyKind::Json, "{\"a\":1}", &[]);
                }),
            ),
            (
                "curl --json '{\"a\":' --json '1}' -H 'Accept: text/html' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Accept", "text/html"), ("Content-Type", "application/json")]);
                    r.body = body(BodyKind::Json, "{\"a\":1}", &[]);
                }),
            ),
            (
                "curl -F a=1 -F 'f=@report.pdf;type=application/pdf' --form-string 'c=<x;type=y' -F 'q=\"x;y\\\"\";type=text/plain' -F 's=a;b' -F 'n=<in.txt' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.body = body(BodyKind::Multipart, "", &[("a", "1"), ("f", "@report.pdf"), ("c", "<x;type=y"), ("q", "x;y\""), ("s", "a;b"), ("n", "")]);
                }),
            ),
            (
                "curl -F a=1 -H 'Content-Type: multipart/form-data' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.body = body(BodyKind::Multipart, "", &[("a", "1")]);
                }),
            ),
            ("curl -u 'user:pa:ss' https://x.example/a", with(x(), |r| r.auth = Auth::Basic { user: "user".into(), password: "pa:ss".into() })),
            ("curl --digest --user u:p https://x.example/a", with(x(), |r| r.auth = Auth::Digest { user: "u".into(), password: "p".into() })),
            ("curl --digest --basic -u u:p https://x.example/a", with(x(), |r| r.auth = Auth::Basic { user: "u".into(), password: "p".into() })),
            ("curl -u onlyuser https://x.example/a", with(x(), |r| r.auth = Auth::Basic { user: "onlyuser".into(), password: "".into() })),
            ("curl 'https://u:p%40ss+@x.example/a'", with(x(), |r| r.auth = Auth::Basic { user: "u".into(), password: "p@ss+".into() })),
            ("curl -b 'a=1' --cookie 'b=2' -b jar.txt https://x.example/a", with(x(), |r| r.headers = rows(&[("Cookie", "a=1; b=2")]))),
            (
                "curl -A 'agent/1.0' -e 'https://ref.example/;auto' --referer https://r2.example/ https://x.example/a",
                with(x(), |r| r.headers = rows(&[("User-Agent", "agent/1.0"), ("Referer", "https://ref.example/"), ("Referer", "https://r2.example/")])),
            ),
            ("curl -I https://x.example/a", with(x(), |r| r.method = Method::Head)),
            ("curl --head https://x.example/a", with(x(), |r| r.method = Method::Head)),
            ("curl --oauth2-bearer t0k https://x.example/a", with(x(), |r| r.auth = Auth::Bearer { token: "t0k".into() })),
            ("curl -r 0-99 https://x.example/a", with(x(), |r| r.headers = rows(&[("Range", "bytes=0-99")]))),
            ("curl -T up.bin https://x.example/a", with(x(), |r| r.method = Method::Put)),
            ("curl --url-query 'a=b c' --url-query '+raw=1%20' https://x.example/a", at("https://x.example/a?a=b%20c&raw=1%20")),
            ("curl x.example/a", at("http://x.example/a")),
            (
                "curl -H 'Authorization: basic dXNlcjpwYTpzcw==' https://x.example/a",
                with(x(), |r| r.auth = Auth::Basic { user: "user".into(), password: "pa:ss".into() }),
            ),
            ("curl -H 'Authorization: Basic bm9jb2xvbg==' https://x.example/a", with(x(), |r| r.headers = rows(&[("Authorization", "Basic bm9jb2xvbg==")]))),
            ("curl -H 'Authorization: Token abc' https://x.example/a", with(x(), |r| r.headers = rows(&[("Authorization", "Token abc")]))),
            (
                "curl -u a:b -H 'Authorization: Bearer xyz' https://x.example/a",
                with(x(), |r| r.auth = Auth::Bearer { token: "xyz".into() }),
            ),
            (
                "curl -d '{\"a\":[1]}' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    // What curl sends: JSON labelled as a form (a finding, not a fix).
                    r.headers = rows(&[("Content-Type", FORM)]);
                    r.body = body(BodyKind::Json, "{\"a\":[1]}", &[]);
                }),
            ),
            (
                "curl -H 'Content-Type: application/json; charset=utf-8' -d '[]' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Content-Type", "application/json; charset=utf-8")]);
                    r.body = body(BodyKind::Json, "[]", &[]);
                }),
            ),
            (
                "curl -H 'Content-Type: application/vnd.api+json' -d 'not json' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Content-Type", "application/vnd.api+json")]);
                    r.body = body(BodyKind::Raw, "not json", &[]);
                }),
            ),
            (
                "curl -H 'Content-Type: text/plain' -d 'a=1' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Content-Type", "text/plain")]);
                    r.body = body(BodyKind::Raw, "a=1", &[]);
                }),
            ),
            (
                "curl -X GET -d a=1 https://x.example/a",
                with(x(), |r| {
                    r.headers = rows(&[("Content-Type", FORM)]);
                    r.body = Body::form("a=1");
                }),
            ),
            (
                "curl -d 'foo=\"bar\"&msg=@raw&sp=%20+&secret=*%5*!&item[]=1' -H 'Content-Type:' https://x.example/a",
                with(x(), |r| {
                    r.method = Method::Post;
                    r.body = body(BodyKind::Raw, "foo=\"bar\"&msg=@raw&sp=%20+&secret=*%5*!&item[]=1", &[]);
                }),
            ),
            (
                "curl -d 'foo=\"bar\"&msg=@raw&sp=%20+&secret=*%5*!&item[]=1' 'https://x.example/a?pretty&'",
                with(at("https://x.example/a?pretty&"), |r| {
                    r.method = Method::Post;
                    r.headers = rows(&[("Content-Type", FORM)]);
                    r.body = Body::form("foo=\"bar\"&msg=@raw&sp=%20+&secret=*%5*!&item[]=1");
                }),
            ),
            ("curl https://x.example/a | jq .", x()),
            ("curl https://x.example/a > out.json", x()),
            ("curl https://x.example/a 2>&1 >/dev/null && echo done", x()),
        ];
        for (command, expected) in cases {
            let got = ok(command);
            assert_eq!(got.request, expected, "{command}");
            assert!(got.unknown_flags.is_empty(), "{command}: unknown {:?}", got.unknown_flags);
        }
    }

    /// Flags whose meaning is only explained: (command, a note that must be there).
    #[test]
    fn notes_explain_what_cannot_happen() {
        let cases: &[(&str, &str)] = &[
            (
                "curl -d @body.json https://x",
                "-d @body.json: the data comes from the file 'body.json', which the page cannot read",
            ),
            ("curl --json @req.json https://x", "--json @req.json: the data comes from the file 'req.json'"),
            (
                "curl --data-urlencode 'n@f.txt' https://x",
                "--data-urlencode @f.txt: the data comes from the file 'f.txt'",
            ),
            ("curl -F 'f=@a.pdf;type=application/pdf' https://x", "-F f: ;type=application/pdf is not kept"),
            ("curl -F 'f=@a.pdf' https://x", "-F f=@a.pdf: the page cannot attach files"),
            ("curl -F 'f=<a.txt' https://x", "-F f=<a.txt: the value comes from the file 'a.txt'"),
            ("curl -b jar.txt https://x", "-b jar.txt: reads cookies from the file 'jar.txt'"),
            ("curl -b a=1 https://x", "browsers forbid setting Cookie from script"),
            ("curl -H 'cookie: a=1' https://x", "browsers forbid setting Cookie from script"),
            ("curl -H 'Expect:' https://x", "-H 'Expect:': curl sends no Expect header at all"),
            ("curl -H @headers.txt https://x", "-H @headers.txt: reads a file"),
            ("curl -H nocolon https://x", "-H 'nocolon': not a header"),
            ("curl -A '' https://x", "-A \"\": tells curl to send no User-Agent"),
            ("curl -u bob https://x", "-u bob: curl would ask for the password"),
            ("curl 'https://u:p@x/'", "the credentials in the URL become Basic auth"),
            ("curl x.example", "'x.example' has no scheme"),
            ("curl -X post https://x", "-X post: curl sends the method exactly as typed"),
            ("curl -X GET -d a=1 https://x", "curl sends this body even with GET"),
            ("curl -T f.bin https://x", "-T f.bin: uploads the file with PUT"),
            ("curl -u a:b -H 'Authorization: Bearer t' https://x", "replaces -u / --oauth2-bearer"),
            ("curl -u a:b -H 'Authorization: Token t' https://x", "is sent instead of -u / --oauth2-bearer"),
            ("curl --compressed https://x", "--compressed: asks for a compressed response"),
            ("curl -s https://x", "-s: only changes what curl prints"),
            ("curl -v https://x", "-v: prints the whole exchange"),
            ("curl -k https://x", "-k: skips the TLS certificate check"),
            ("curl --insecure https://x", "--insecure: skips the TLS certificate check"),
            ("curl -L https://x", "-L: follows redirects"),
            ("curl --http2 https://x", "--http2: picks the HTTP version"),
            ("curl -i https://x", "-i: only changes what curl prints"),
            ("curl --no-progress-meter https://x", "--no-progress-meter: only changes"),
            ("curl --no-compressed https://x", "--no-compressed: asks for a compressed response"),
            ("curl -o out.json https://x", "-o out.json: only changes what curl prints"),
            ("curl --connect-timeout 5 https://x", "--connect-timeout 5: a timeout"),
            ("curl --ntlm -u a:b https://x", "--ntlm: NTLM is not something a page can do"),
            ("curl https://x https://y", "'https://y' is not used"),
            ("curl https://x | jq .", "'| jq .' belongs to the shell"),
            ("curl https://x > out.json", "'> out.json' belongs to the shell"),
        ];
        for (command, note) in cases {
            let got = ok(command);
            assert!(
                got.notes.iter().any(|n| n.contains(note)),
                "{command}: want a note containing {note:?}, got {:?}",
                got.notes
            );
            assert!(got.unknown_flags.is_empty(), "{command}: {:?}", got.unknown_flags);
        }
    }

    #[test]
    fn options_that_only_print_change_nothing() {
        let got = ok("curl -sSLk --compressed -v -i --http2 -o /dev/null -w '%{http_code}' https://x.example/a");
        assert_eq!(got.request, at("https://x.example/a"));
        let flags: Vec<&str> = got.notes.iter().map(|n| n.split([':', ' ']).next().unwrap()).collect();
        assert_eq!(flags, ["-s", "-S", "-L", "-k", "--compressed", "-v", "-i", "--http2", "-o", "-w"]);
    }

    #[test]
    fn unknown_flags_are_listed() {
        let cases: &[(&str, &[&str], &str)] = &[
            ("curl --frobnicate https://x.example/", &["--frobnicate"], "https://x.example/"),
            ("curl -W https://x.example/", &["-W"], "https://x.example/"),
            ("curl -sWv https://x.example/", &["-W"], "https://x.example/"),
            // The value of an unknown flag is not mistaken for the URL when a real URL is there.
            ("curl --variable name=v https://x.example/", &["--variable"], "https://x.example/"),
            ("curl --data=a=1 https://x.example/", &["--data=a=1"], "https://x.example/"),
        ];
        for (command, unknown, url) in cases {
            let got = ok(command);
            assert_eq!(got.unknown_flags, *unknown, "{command}");
            assert_eq!(got.request.url(), *url, "{command}");
        }
        assert!(ok("curl --variable name=v https://x.example/")
            .notes
            .iter()
            .any(|n| n.contains("'name=v' is not used")));
    }

    #[test]
    fn errors_are_located() {
        let cases: &[(&str, CurlError, &str)] = &[
            ("", CurlError::Empty, "the command is empty"),
            ("  \n ", CurlError::Empty, "the command is empty"),
            ("wget https://x", CurlError::NotCurl { first_word: "wget".into() }, "starts with 'wget', not curl"),
            (
                "curl 'https://x",
                CurlError::Shell(ShellError::UnclosedQuote { quote: '\'', at: 5 }),
                "opened at character 5",
            ),
            (
                "curl ^\"https://x",
                CurlError::Shell(ShellError::UnclosedQuote { quote: '"', at: 5 }),
                "opened at character 5",
            ),
            ("curl -H 'A: 1'", CurlError::NoUrl, "has no URL"),
            (
                "curl https://x -H",
                CurlError::MissingValue { flag: "-H".into() },
                "-H at the end of the command needs a value",
            ),
            ("curl https://x -sH", CurlError::MissingValue { flag: "-H".into() }, "-H at the end"),
            (
                "curl https://x --data-raw",
                CurlError::MissingValue { flag: "--data-raw".into() },
                "--data-raw at the end",
            ),
            (
                "curl -X PROPFIND https://x",
                CurlError::UnsupportedMethod { method: "PROPFIND".into() },
                "-X PROPFIND: the page can send only",
            ),
            (
                "curl -F noequals https://x",
                CurlError::BadFormField { flag: "-F".into(), field: "noequals".into() },
                "-F 'noequals': a form field must be name=value",
            ),
            (
                "curl --form-string =v https://x",
                CurlError::BadFormField { flag: "--form-string".into(), field: "=v".into() },
                "--form-string '=v'",
            ),
            ("curl -d a=1 -F b=2 https://x", CurlError::DataAndForm, "mixes -d/--data with -F/--form"),
        ];
        for (command, error, message) in cases {
            let got = import(command).unwrap_err();
            assert_eq!(&got, error, "{command:?}");
            assert!(got.to_string().contains(message), "{command:?}: {got}");
        }
    }

    #[test]
    fn form_params_split_only_at_known_parameters() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("plain", "plain", &[]),
            ("a;b", "a;b", &[]),
            ("a;type=text/x", "a", &["type=text/x"]),
            ("f.pdf;filename=g.pdf;type=application/pdf", "f.pdf", &["filename=g.pdf", "type=application/pdf"]),
            ("\"x;y\\\\z\";type=t", "x;y\\z", &["type=t"]),
        ];
        for (input, value, params) in cases {
            assert_eq!(
                split_form_params(input),
                (value.to_string(), params.iter().map(|p| p.to_string()).collect::<Vec<_>>()),
                "{input}"
            );
        }
    }
}
