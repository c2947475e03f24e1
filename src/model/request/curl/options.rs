//! What each option does to what curl will send: headers (`-H`, `-A`, `-e`, `-b`, `-r`), the
//! credentials, uploads, and what the page cannot do (TLS, client certificates, proxies,
//! signing, files).

use super::error::CurlError;
use super::flags::{long_name, Act, Unsupported};
use super::parsed::{Header, Parsed};
use crate::model::findings::codes::FILE_CONTENT_UNSEEN;
use crate::model::request::Redirects;

impl Parsed {
    pub(super) fn apply(
        &mut self,
        act: Act,
        flag: &str,
        value: Option<String>,
        negated: bool,
    ) -> Result<(), CurlError> {
        let v = value.unwrap_or_default();
        if negated {
            match act {
                Act::Compressed => self.compressed = false,
                Act::Globoff => self.globoff = false,
                Act::Location | Act::LocationTrusted => self.redirects = None,
                Act::Note(why) => self.note(format!("{flag}: switches off an option that {why}")),
                _ => self.note(format!("{flag}: switches --{} off", long_name(act))),
            }
            return Ok(());
        }
        match act {
            Act::Url => self.urls.push(v),
            Act::Request => self.method = Some(v),
            Act::Header => self.header(flag, &v),
            Act::Data(flavor) => self.data(flavor, flag, &v),
            Act::DataUrlencode => self.data_urlencode(flag, &v),
            Act::Json => self.json(flag, &v),
            Act::Form => self.form_field(flag, &v, false)?,
            Act::FormString => self.form_field(flag, &v, true)?,
            Act::User => self.user = Some(v),
            Act::Scheme(scheme) => {
                self.scheme = scheme;
                self.scheme_flag = flag.to_string();
            }
            Act::Cookie => self.cookie(flag, &v),
            Act::UserAgent if v.is_empty() => {
                self.headers.retain(|h| !(h.from_option && h.name == "User-Agent"));
                self.removed.push("User-Agent".into());
                self.note(format!("{flag} \"\": curl sends no User-Agent at all"));
            }
            Act::UserAgent => self.option_header("User-Agent", v),
            Act::Referer => {
                // `;auto` asks curl to set the Referer on redirects; it is not part of the value.
                if let Some(url) = v.strip_suffix(";auto") {
                    self.note(format!("{flag} '{v}': ;auto makes curl send a Referer on each redirect too"));
                    self.option_header("Referer", url.to_string());
                } else {
                    self.option_header("Referer", v);
                }
            }
            Act::Get => self.get = true,
            Act::Head => {
                self.head = true;
                self.kind("HEAD", flag);
            }
            Act::Bearer => self.bearer = Some(v),
            Act::Range => self.option_header("Range", format!("bytes={v}")),
            Act::Upload => self.upload(flag, &v),
            Act::UrlQuery => self.url_query(flag, &v),
            Act::Globoff => self.globoff = true,
            Act::Compressed => {
                self.compressed = true;
                self.note(format!("{flag}: curl asks for a compressed answer (curl 7.88 sends Accept-Encoding: deflate, gzip, br, zstd) and unpacks it; the browser sends its own Accept-Encoding and unpacks too"));
            }
            Act::Location => {
                self.redirects = Some(Redirects::Follow);
                self.note(format!("{flag}: follows redirects, as fetch does; curl drops -u and Authorization on a redirect to another host, and so does fetch"));
            }
            Act::LocationTrusted => {
                self.redirects = Some(Redirects::Trusted);
                self.note(format!("{flag}: curl follows redirects and sends the -u credentials and Authorization to every host it is sent to; the browser's fetch drops Authorization on a redirect to another origin"));
            }
            Act::Next => {}
            Act::Config => self.differ(
                FILE_CONTENT_UNSEEN,
                format!("{flag} {v}: curl reads more options from the file '{v}', which the page cannot see; whatever they add is missing."),
                Vec::new(),
            ),
            Act::Netrc => self.differ(
                FILE_CONTENT_UNSEEN,
                format!("{flag}: curl takes the user and password for the host from ~/.netrc (unless -u gives them), which the page cannot see."),
                Vec::new(),
            ),
            Act::NetrcFile => self.differ(
                FILE_CONTENT_UNSEEN,
                format!("{flag} {v}: curl takes the user and password for the host from the file '{v}', which the page cannot see."),
                Vec::new(),
            ),
            Act::Cannot(what) => self.cannot.push((what, flag.to_string())),
            Act::CannotValue(what) => self.cannot.push((what, format!("{flag} {v}"))),
            Act::Note(why) => self.note(format!("{flag}: {why}")),
            Act::NoteValue(why) => self.note(format!("{flag} {v}: {why}")),
        }
        Ok(())
    }

    fn header(&mut self, flag: &str, h: &str) {
        if let Some(file) = h.strip_prefix('@') {
            // One header per line of the file.
            if let Some(lines) = self.read(&format!("{flag} {h}"), file) {
                for line in lines.lines().map(str::trim_end).filter(|l| !l.is_empty()) {
                    self.header(flag, line);
                }
            }
            return;
        }
        match h.split_once(':') {
            // `Name:` with nothing after it removes curl's own header of that name.
            Some((name, value)) if value.trim().is_empty() => self.removed.push(name.trim().to_string()),
            Some((name, value)) => self.headers.push(Header {
                name: name.trim().to_string(),
                value: value.trim_start().to_string(),
                from_option: false,
            }),
            // `Name;` is curl's way of sending a header with an empty value.
            None => match h.strip_suffix(';') {
                Some(name) if !name.trim().is_empty() => self.headers.push(Header {
                    name: name.trim().to_string(),
                    value: String::new(),
                    from_option: false,
                }),
                _ => self.note(format!("{flag} '{h}': not a header (no ':'), so curl ignores it")),
            },
        }
    }

    /// `-b name=value` strings are joined with `;` (curl 7.88 sends `Cookie: a=1;b=2`); an
    /// argument without `=` is a cookie file.
    fn cookie(&mut self, flag: &str, v: &str) {
        if !v.contains('=') {
            self.differ(
                FILE_CONTENT_UNSEEN,
                format!("{flag} {v}: curl reads cookies from the file '{v}' and sends those for this host; the page cannot see them."),
                Vec::new(),
            );
            return;
        }
        match self.headers.iter_mut().find(|h| h.from_option && h.name == "Cookie") {
            Some(h) => {
                h.value.push(';');
                h.value.push_str(v);
            }
            None => self.headers.push(Header { name: "Cookie".into(), value: v.to_string(), from_option: true }),
        }
    }

    /// `-T file` PUTs the file; `-T -` (or `.`) standard input.
    fn upload(&mut self, flag: &str, v: &str) {
        self.kind("PUT upload", flag);
        let path = if v == "." { "-" } else { v };
        let content = self.read(&format!("{flag} {v}"), path);
        self.upload = Some((v.to_string(), content));
    }

    /// The differences for what the page cannot do, one per kind, naming the options.
    pub(super) fn cannot_differences(&mut self) {
        use crate::model::findings::codes::{
            CLIENT_CERTIFICATE_NOT_SENT, PROXY_NOT_USED, SIGNATURE_NOT_REPRODUCED, TLS_CHECK_SKIPPED,
        };
        let kinds = [
            (Unsupported::Tls, TLS_CHECK_SKIPPED, "curl accepts any TLS certificate here; the browser checks it, so a bad certificate fails the page's Send before any HTTP status."),
            (Unsupported::ClientCertificate, CLIENT_CERTIFICATE_NOT_SENT, "curl proves who it is with a TLS client certificate, which the page cannot read or send."),
            (Unsupported::Proxy, PROXY_NOT_USED, "curl goes through this proxy; the page's request goes the way the browser's proxy settings say."),
            (Unsupported::Signature, SIGNATURE_NOT_REPRODUCED, "curl signs the request with AWS SigV4 (Authorization: AWS4-HMAC-SHA256 …, X-Amz-Date); the page sends it unsigned."),
        ];
        for (kind, info, sentence) in kinds {
            let flags: Vec<String> = self.cannot.iter().filter(|(k, _)| *k == kind).map(|(_, f)| f.clone()).collect();
            if !flags.is_empty() {
                self.differ(info, format!("{}: {sentence}", flags.join(", ")), Vec::new());
            }
        }
    }
}
