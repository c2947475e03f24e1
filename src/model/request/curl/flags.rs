//! Every curl option the importer knows (curl 8's names; checked against curl 7.88), and what
//! each does to the request.

/// How a `-d`-like option reads its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DataFlavor {
    /// `-d`, `--data`, `--data-ascii`: `@file` is read with its CR and LF removed.
    Ascii,
    /// `--data-binary`: `@file` is read as it is.
    Binary,
    /// `--data-raw`: no `@` reading at all.
    Raw,
}

/// The auth scheme `-u` credentials are used with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Scheme {
    #[default]
    Basic,
    Digest,
    Ntlm,
    Negotiate,
    Any,
}

/// What the page cannot do that the option makes curl do: a reproduction difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unsupported {
    Tls,
    ClientCertificate,
    Proxy,
    Signature,
}

/// What a flag does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Act {
    Url,
    Request,
    Header,
    Data(DataFlavor),
    DataUrlencode,
    Json,
    Form,
    FormString,
    User,
    Scheme(Scheme),
    Cookie,
    UserAgent,
    Referer,
    Get,
    Head,
    Bearer,
    Range,
    Upload,
    UrlQuery,
    Globoff,
    Compressed,
    Location,
    LocationTrusted,
    Next,
    /// Reads more options from a file (`-K`): nothing the page can see.
    Config,
    /// Takes credentials from ~/.netrc or a netrc file (`-n`, `--netrc-file`).
    Netrc,
    NetrcFile,
    /// Something the page cannot do, without and with a value.
    Cannot(Unsupported),
    CannotValue(Unsupported),
    /// Understood, and changes nothing that is sent.
    Note(&'static str),
    NoteValue(&'static str),
}

impl Act {
    pub(super) fn takes_value(self) -> bool {
        !matches!(
            self,
            Act::Scheme(_)
                | Act::Get
                | Act::Head
                | Act::Globoff
                | Act::Compressed
                | Act::Location
                | Act::LocationTrusted
                | Act::Next
                | Act::Netrc
                | Act::Cannot(_)
                | Act::Note(_)
        )
    }

    /// A boolean that `--no-…` switches off harmlessly.
    pub(super) fn negatable(self) -> bool {
        matches!(self, Act::Note(_) | Act::Compressed | Act::Globoff | Act::Location | Act::LocationTrusted)
    }
}

const OUTPUT: &str = "only changes what curl prints or saves; the page shows the response itself";
const TLS: &str = "a TLS setting; the browser uses its own";
const LIMITS: &str = "a timeout, retry or speed setting; it does not change what is sent";
const HTTP_VERSION: &str = "picks the HTTP version; the browser negotiates its own";
const ROUTING: &str = "changes where curl connects; the browser resolves the host itself";
const CONNECTION: &str = "a connection setting; the browser manages connections itself";
const REDIRECT: &str =
    "a redirect setting; fetch follows redirects itself and drops Authorization on a cross-origin one";

/// Every flag the importer knows, as (short, long, what it does).
const FLAGS: &[(Option<char>, &str, Act)] = &[
    (None, "url", Act::Url),
    (Some('X'), "request", Act::Request),
    (Some('H'), "header", Act::Header),
    (Some('d'), "data", Act::Data(DataFlavor::Ascii)),
    (None, "data-ascii", Act::Data(DataFlavor::Ascii)),
    (None, "data-binary", Act::Data(DataFlavor::Binary)),
    (None, "data-raw", Act::Data(DataFlavor::Raw)),
    (None, "data-urlencode", Act::DataUrlencode),
    (None, "json", Act::Json),
    (Some('F'), "form", Act::Form),
    (None, "form-string", Act::FormString),
    (Some('u'), "user", Act::User),
    (None, "basic", Act::Scheme(Scheme::Basic)),
    (None, "digest", Act::Scheme(Scheme::Digest)),
    (None, "ntlm", Act::Scheme(Scheme::Ntlm)),
    (None, "ntlm-wb", Act::Scheme(Scheme::Ntlm)),
    (None, "negotiate", Act::Scheme(Scheme::Negotiate)),
    (None, "anyauth", Act::Scheme(Scheme::Any)),
    (Some('b'), "cookie", Act::Cookie),
    (Some('A'), "user-agent", Act::UserAgent),
    (Some('e'), "referer", Act::Referer),
    (Some('G'), "get", Act::Get),
    (Some('I'), "head", Act::Head),
    (None, "oauth2-bearer", Act::Bearer),
    (Some('r'), "range", Act::Range),
    (Some('T'), "upload-file", Act::Upload),
    (None, "url-query", Act::UrlQuery),
    (Some('g'), "globoff", Act::Globoff),
    (None, "compressed", Act::Compressed),
    (None, "location-trusted", Act::LocationTrusted),
    (Some(':'), "next", Act::Next),
    (Some('K'), "config", Act::Config),
    (Some('n'), "netrc", Act::Netrc),
    (None, "netrc-optional", Act::Netrc),
    (None, "netrc-file", Act::NetrcFile),
    (Some('k'), "insecure", Act::Cannot(Unsupported::Tls)),
    (Some('E'), "cert", Act::CannotValue(Unsupported::ClientCertificate)),
    (None, "key", Act::CannotValue(Unsupported::ClientCertificate)),
    (None, "cert-type", Act::CannotValue(Unsupported::ClientCertificate)),
    (None, "key-type", Act::CannotValue(Unsupported::ClientCertificate)),
    (None, "pass", Act::CannotValue(Unsupported::ClientCertificate)),
    (Some('x'), "proxy", Act::CannotValue(Unsupported::Proxy)),
    (Some('U'), "proxy-user", Act::CannotValue(Unsupported::Proxy)),
    (None, "proxy-header", Act::CannotValue(Unsupported::Proxy)),
    (None, "preproxy", Act::CannotValue(Unsupported::Proxy)),
    (None, "socks4", Act::CannotValue(Unsupported::Proxy)),
    (None, "socks4a", Act::CannotValue(Unsupported::Proxy)),
    (None, "socks5", Act::CannotValue(Unsupported::Proxy)),
    (None, "socks5-hostname", Act::CannotValue(Unsupported::Proxy)),
    (None, "proxy-cacert", Act::CannotValue(Unsupported::Proxy)),
    (None, "proxy-cert", Act::CannotValue(Unsupported::Proxy)),
    (None, "proxy-key", Act::CannotValue(Unsupported::Proxy)),
    (Some('p'), "proxytunnel", Act::Cannot(Unsupported::Proxy)),
    (None, "proxy-insecure", Act::Cannot(Unsupported::Proxy)),
    (None, "proxy-basic", Act::Cannot(Unsupported::Proxy)),
    (None, "proxy-digest", Act::Cannot(Unsupported::Proxy)),
    (None, "proxy-ntlm", Act::Cannot(Unsupported::Proxy)),
    (None, "proxy-negotiate", Act::Cannot(Unsupported::Proxy)),
    (None, "proxy-anyauth", Act::Cannot(Unsupported::Proxy)),
    (None, "aws-sigv4", Act::CannotValue(Unsupported::Signature)),
    (
        None,
        "noproxy",
        Act::NoteValue("lists hosts curl reaches without its proxy; the browser uses the system's settings"),
    ),
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
    (None, "remote-name-all", Act::Note(OUTPUT)),
    (Some('J'), "remote-header-name", Act::Note(OUTPUT)),
    (Some('R'), "remote-time", Act::Note(OUTPUT)),
    (None, "create-dirs", Act::Note(OUTPUT)),
    (None, "styled-output", Act::Note(OUTPUT)),
    (None, "ignore-content-length", Act::Note(OUTPUT)),
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
    (Some('j'), "junk-session-cookies", Act::Note("drops session cookies read with -b; nothing else changes")),
    (Some('L'), "location", Act::Location),
    (None, "max-redirs", Act::NoteValue(REDIRECT)),
    (None, "post301", Act::Note(REDIRECT)),
    (None, "post302", Act::Note(REDIRECT)),
    (None, "post303", Act::Note(REDIRECT)),
    (None, "proto-redir", Act::NoteValue(REDIRECT)),
    (Some('0'), "http1.0", Act::Note(HTTP_VERSION)),
    (None, "http1.1", Act::Note(HTTP_VERSION)),
    (None, "http2", Act::Note(HTTP_VERSION)),
    (None, "http2-prior-knowledge", Act::Note(HTTP_VERSION)),
    (None, "http3", Act::Note(HTTP_VERSION)),
    (None, "http3-only", Act::Note(HTTP_VERSION)),
    (None, "path-as-is", Act::Note("sends /../ in the path unchanged; browsers normalise the path first")),
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
    (None, "cacert", Act::NoteValue("trusts the certificate authorities in a file; the browser trusts its own store")),
    (
        None,
        "capath",
        Act::NoteValue("trusts the certificate authorities in a folder; the browser trusts its own store"),
    ),
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
    (None, "proto-default", Act::NoteValue("sets the scheme for a URL without one; the importer uses http://")),
];

/// The flag named `--name`, and whether it is a `--no-…` that switches a boolean off.
pub(super) fn long(name: &str) -> Option<(Act, bool)> {
    FLAGS.iter().find(|f| f.1 == name).map(|f| (f.2, false)).or_else(|| {
        let act = name.strip_prefix("no-").and_then(|n| FLAGS.iter().find(|f| f.1 == n)).map(|f| f.2)?;
        act.negatable().then_some((act, true))
    })
}

pub(super) fn short(c: char) -> Option<Act> {
    FLAGS.iter().find(|f| f.0 == Some(c)).map(|f| f.2)
}

/// The flag's long name, to name it in a sentence whatever way it was written.
pub(super) fn long_name(act: Act) -> &'static str {
    FLAGS.iter().find(|f| f.2 == act).map_or("", |f| f.1)
}
