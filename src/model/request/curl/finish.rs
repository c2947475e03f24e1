//! The request curl sends, built from what its options said: which URL (globbing, the scheme
//! it guesses, credentials in it, `-T`'s file name), which method, the credentials, the
//! headers (a `-H` replaces curl's own, `-H 'Name:'` removes it) and the body.

use super::data::mark_encoded;
use super::error::CurlError;
use super::flags::Scheme;
use super::form::parse_multipart;
use super::glob::glob;
use super::imported::Imported;
use super::parsed::{Header, Parsed};
use super::words::read_options;
use crate::model::findings::codes::{AUTH_SCHEME_NOT_REPRODUCED, METHOD_NOT_REPRODUCED, MORE_REQUESTS_IN_COMMAND};
use crate::model::request::basic;
use crate::model::request::urlencoded::{self, decode_component};
use crate::model::request::{Auth, AuthAt, Body, Method, Request, Row};
use base64::Engine;

const FORM: &str = "application/x-www-form-urlencoded";

impl Parsed {
    pub(super) fn finish(mut self) -> Result<Imported, CurlError> {
        if let Some((first, second)) = self.two_kinds() {
            return Err(CurlError::TwoMethods { first, second });
        }
        let mut more = Vec::new();
        let url = self.pick_url(&mut more)?;
        let url = self.unglob(url, &mut more)?;
        let url = self.absolute(url);
        let url = self.take_userinfo(&url);
        let url = self.upload_name(url);
        self.more_requests(more);
        let mut r = Request::default();
        r.set_url(&url);
        // --url-query and -G add to the query as curl does: the text as it is, after `&`.
        for piece in std::mem::take(&mut self.url_query) {
            r.query.extend(urlencoded::split(&piece));
            r.query_mark = true;
        }
        (r.method, r.method_as_typed) = self.method();
        let data = self.joined_data();
        let form = !self.form.is_empty();
        let data_in_query = self.get && !form && self.upload.is_none();
        if let (true, Some(data)) = (data_in_query, data.as_deref()) {
            let mut pieces = urlencoded::split(data);
            mark_encoded(&mut pieces, &self.encoded_ranges());
            r.query.extend(pieces);
            r.query_mark = true;
        }
        r.auth = self.auth();
        if r.auth != Auth::None {
            // curl sends the header -u or --oauth2-bearer makes right after Host.
            r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
        }
        self.headers_into(&mut r);
        // A bearer token the shell fills in is no token the Token box can read: it stays the
        // header curl makes of it, where curl puts it.
        if let Auth::Bearer { token } = &r.auth {
            if token.contains("${") || token.contains("$(") {
                let row = r.auth_at.take().map_or(0, |at| at.row);
                r.headers.insert(row.min(r.headers.len()), Row::new("Authorization", format!("Bearer {token}")));
                r.auth = Auth::None;
            }
        }
        if form {
            r.body = Body::multipart(std::mem::take(&mut self.form));
            r.headers.retain(|h| {
                !(h.name.eq_ignore_ascii_case("content-type") && essence(&h.value) == "multipart/form-data")
            });
        } else if let Some((_, content)) = self.upload.take() {
            if let Some(content) = content {
                r.body = Body::raw(content);
            }
        } else if let (Some(data), false) = (data, data_in_query) {
            self.body_from_data(&mut r, data);
        }
        r.removed_headers = std::mem::take(&mut self.removed);
        r.follow_redirects = self.redirects;
        self.cannot_differences();
        Ok(Imported {
            request: r,
            unknown_flags: self.unknown,
            differences: self.differences,
            notes: self.notes,
            ..Imported::default()
        })
    }

    /// The first two options that choose different kinds of request. With `-G` the data goes
    /// in the query of a GET, which `-I` may turn into a HEAD (curl 7.88 accepts `-G -d -I`
    /// and refuses `-G -d -F` and `-G -d -T`).
    fn two_kinds(&self) -> Option<(String, String)> {
        let kind = |k: &'static str| if self.get && k == "POST data" { "GET" } else { k };
        let compatible = |a: &str, b: &str| a == b || matches!((a, b), ("GET", "HEAD") | ("HEAD", "GET"));
        let (first, flag) = self.kinds.first()?;
        let (_, other) = self.kinds.iter().find(|(k, _)| !compatible(kind(first), kind(k)))?;
        Some((flag.clone(), other.clone()))
    }

    /// curl requests every URL it is given; the page sends the first. A word with a scheme
    /// beats a bare one, since a bare word may be the value of a flag the importer does not know.
    fn pick_url(&mut self, more: &mut Vec<String>) -> Result<String, CurlError> {
        let at = self.urls.iter().position(|u| u.contains("://")).or(if self.urls.is_empty() { None } else { Some(0) });
        let url = self.urls.remove(at.ok_or(CurlError::NoUrl)?);
        for other in std::mem::take(&mut self.urls) {
            if self.unknown.is_empty() {
                more.push(other);
            } else {
                self.note(format!(
                    "'{other}' is not used: curl would treat it as another URL, unless it is the value of an unknown flag"
                ));
            }
        }
        if !self.next.is_empty() {
            // What follows --next is a request of its own, with its own options.
            let mut rest = Parsed::default();
            let words: Vec<String> =
                std::iter::once("curl".to_string()).chain(std::mem::take(&mut self.next)).collect();
            let _ = read_options(&words, &mut rest);
            more.extend(rest.urls.into_iter().map(|u| format!("{u} (after --next)")));
            more.extend(rest.next.iter().filter(|w| w.contains("://")).map(|u| format!("{u} (after --next)")));
        }
        Ok(url)
    }

    /// curl's `[]` and `{}` patterns, unless `-g`: the first URL they make.
    fn unglob(&mut self, url: String, more: &mut Vec<String>) -> Result<String, CurlError> {
        if self.globoff || !url.contains(['[', ']', '{', '}']) {
            return Ok(url);
        }
        let globbed =
            glob(&url).map_err(|e| CurlError::Glob { url: url.clone(), problem: e.problem.to_string(), at: e.at })?;
        for set in &globbed.single_sets {
            self.note(format!(
                "curl reads {set} in the URL as a pattern with one choice and sends it without its braces; add -g to send the braces"
            ));
        }
        if globbed.count > 1 {
            more.push(format!("{} more URLs that the pattern in {url} makes", globbed.count - 1));
        }
        Ok(globbed.first)
    }

    fn more_requests(&mut self, more: Vec<String>) {
        if !more.is_empty() {
            self.differ(
                MORE_REQUESTS_IN_COMMAND,
                format!("curl also requests {}; the page imported only the first request.", more.join(", ")),
                Vec::new(),
            );
        }
    }

    fn absolute(&mut self, url: String) -> String {
        if url.contains("://") {
            return url;
        }
        self.note(format!("'{url}' has no scheme; curl guesses http://, and so does the importer"));
        format!("http://{url}")
    }

    /// fetch refuses a URL with credentials in it, so `https://user:pass@host` becomes Basic,
    /// which is what curl sends for them.
    fn take_userinfo(&mut self, url: &str) -> String {
        let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let Some(at) = rest[..authority_end].rfind('@') else { return url.to_string() };
        let userinfo = &rest[..at];
        if self.user.is_none() {
            self.user = Some(userinfo.split(':').map(percent_decode).collect::<Vec<_>>().join(":"));
            self.note("the credentials in the URL become Basic auth, as curl sends them: browsers refuse URLs that contain them".into());
        }
        format!("{scheme}://{}", &rest[at + 1..])
    }

    /// `-T file` to a URL that ends in `/` (or has no path) PUTs to that URL plus the file's
    /// name, as curl 7.88 does (`-T f.txt http://h/dir/` → `PUT /dir/f.txt`).
    fn upload_name(&mut self, url: String) -> String {
        let Some((file, _)) = &self.upload else { return url };
        if file == "-" || file == "." {
            return url;
        }
        let (before, query) = match url.split_once('?') {
            Some((b, q)) => (b.to_string(), Some(q.to_string())),
            None => (url.clone(), None),
        };
        let path_start = before.find("://").map(|k| k + 3).and_then(|k| before[k..].find('/').map(|p| k + p));
        let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
        let joined = match path_start {
            None => format!("{before}/{name}"),
            Some(_) if before.ends_with('/') => format!("{before}{name}"),
            Some(_) => return url,
        };
        self.note(format!("-T {file}: curl adds the file's name to a URL that ends in /"));
        match query {
            Some(q) => format!("{joined}?{q}"),
            None => joined,
        }
    }

    /// What curl sends without `-X`, then `-X` as typed: a method that is none of the seven in
    /// capitals is kept as typed beside the nearest one (each sender says what it makes of it).
    fn method(&mut self) -> (Method, Option<String>) {
        let implied = if self.head {
            Method::Head
        } else if self.upload.is_some() {
            Method::Put
        } else if !self.form.is_empty() || (self.has_data && !self.get) {
            Method::Post
        } else {
            Method::Get
        };
        let Some(m) = self.method.clone() else { return (implied, None) };
        if let Some(method) = Method::parse(&m).filter(|p| p.as_str() == m) {
            return (method, None);
        }
        // RFC 9110 §9.1: a method is a token. Anything else (a space, a quote) curl still sends.
        let token = !m.is_empty() && m.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !token {
            self.differ(
                METHOD_NOT_REPRODUCED,
                format!("-X {m}: curl sends the method '{m}' exactly as typed, though it is no HTTP method name (RFC 9110 §9.1 allows letters, digits and !#$%&'*+-.^_`|~ only); the page imports it as {implied}."),
                Vec::new(),
            );
            return (implied, None);
        }
        (Method::parse(&m).unwrap_or(implied), Some(m))
    }

    fn auth(&mut self) -> Auth {
        if let Some(token) = self.bearer.take() {
            return Auth::Bearer { token };
        }
        let Some(user) = self.user.take() else { return Auth::None };
        let (name, password) = match user.split_once(':') {
            Some((u, p)) => (u.to_string(), p.to_string()),
            None => {
                self.note(format!("-u {user}: curl would ask for the password; imported with an empty one"));
                (user.clone(), String::new())
            }
        };
        let flag = self.scheme_flag.clone();
        match self.scheme {
            Scheme::Basic => Auth::Basic { user: name, password },
            Scheme::Digest => Auth::Digest { user: name, password },
            Scheme::Any => {
                self.differ(
                    AUTH_SCHEME_NOT_REPRODUCED,
                    format!("{flag} -u {name}: curl first asks without credentials and answers whichever scheme the server's 401 offers (Basic, Digest, NTLM, Negotiate); the page sends them as Basic up front."),
                    Vec::new(),
                );
                Auth::Basic { user: name, password }
            }
            Scheme::Ntlm | Scheme::Negotiate => {
                let scheme = if self.scheme == Scheme::Ntlm { "NTLM" } else { "Negotiate (Kerberos/SPNEGO)" };
                self.differ(
                    AUTH_SCHEME_NOT_REPRODUCED,
                    format!("{flag} -u {name}: curl authenticates with {scheme}, a handshake over several requests the page cannot do; the request is imported without these credentials."),
                    Vec::new(),
                );
                Auth::None
            }
        }
    }

    fn removes(&self, name: &str) -> bool {
        self.removed.iter().any(|h| h.eq_ignore_ascii_case(name))
    }

    /// The header rows in the order given. A `-H` replaces curl's own header of that name, and
    /// `-H 'Name:'` removes curl's own (never one the command sets with `-H`). An Authorization
    /// header the auth helper can express becomes the helper, so the composer shows one source
    /// of truth.
    fn headers_into(&mut self, r: &mut Request) {
        let mut headers = std::mem::take(&mut self.headers);
        // The order curl 7.88 sends them in: the headers its options make (Range, User-Agent,
        // Referer, Cookie), then every -H in the order given.
        const CURL_ORDER: [&str; 4] = ["range", "user-agent", "referer", "cookie"];
        let rank = |h: &Header| match h.from_option {
            true => CURL_ORDER.iter().position(|n| h.name.eq_ignore_ascii_case(n)).unwrap_or(CURL_ORDER.len()),
            false => CURL_ORDER.len() + 1,
        };
        headers.sort_by_key(rank);
        let given = |name: &str| headers.iter().any(|h| !h.from_option && h.name.eq_ignore_ascii_case(name));
        for name in self.removed.clone() {
            if given(&name) {
                self.note(format!(
                    "-H '{name}:' removes only curl's own {name} header; the one given with -H is still sent"
                ));
            } else {
                self.note(format!("-H '{name}:': curl sends no {name} header at all"));
            }
        }
        if self.removes("authorization") && r.auth != Auth::None {
            self.note(
                "-H 'Authorization:' removes the header -u or --oauth2-bearer would make: curl sends no credentials"
                    .into(),
            );
            r.auth = Auth::None;
            r.auth_at = None;
        }
        // Only the first Authorization -H can become the helper: curl sends every -H, so a
        // second one stays a row of its own.
        let mut seen_authorization = false;
        for h in &headers {
            if h.from_option && (given(&h.name) || self.removes(&h.name)) {
                continue;
            }
            let first_authorization = h.name.eq_ignore_ascii_case("authorization") && !seen_authorization;
            if h.name.eq_ignore_ascii_case("authorization") {
                seen_authorization = true;
            }
            if first_authorization {
                if let Some(auth) = auth_from_header(&h.value) {
                    if r.auth != Auth::None {
                        self.note("the Authorization header replaces -u / --oauth2-bearer, as it does in curl".into());
                    }
                    r.auth = auth;
                    // The helper's header keeps this row's place and name.
                    r.auth_at = Some(AuthAt { row: r.headers.len(), name: h.name.clone() });
                    continue;
                }
                if r.auth != Auth::None {
                    self.note("the Authorization header is sent instead of -u / --oauth2-bearer, as curl does".into());
                    r.auth = Auth::None;
                    r.auth_at = None;
                }
            }
            r.headers.push(Row::new(h.name.clone(), h.value.clone()));
        }
    }

    /// The data as curl sends it, byte for byte, with the Content-Type curl sends: the
    /// command's own, else `application/x-www-form-urlencoded` (`application/json` for
    /// `--json`), as a header row the user can see. The body kind only chooses the editor.
    fn body_from_data(&mut self, r: &mut Request, data: String) {
        if content_type(r).is_none() && !self.removes("content-type") {
            let ct = if self.json { "application/json" } else { FORM };
            r.headers.push(Row::new("Content-Type", ct));
        }
        if self.json && !r.has_header("accept") && !self.removes("accept") {
            r.headers.push(Row::new("Accept", "application/json"));
        }
        let ct = content_type(r).map(essence);
        let multipart_fields = ct.as_deref().filter(|c| *c == "multipart/form-data").and_then(|_| {
            let boundary = boundary(content_type(r)?)?;
            parse_multipart(&data, &boundary)
        });
        r.body = match (ct.as_deref(), multipart_fields) {
            (Some(_), Some(fields)) => {
                for f in fields.iter().filter(|f| f.is_file()) {
                    self.note(format!(
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
        mark_encoded(&mut r.body.form, &self.encoded_ranges());
    }
}

/// `Bearer t` and decodable `Basic …` become the auth helper; a value the shell fills in
/// stays a header row, where its `${NAME}` can be seen.
/// The auth helper for an `Authorization` value it writes back byte for byte: `Bearer <token>`
/// and `Basic <base64 of user:password>` exactly as the helper would write them. Anything else
/// (`bearer x`, two spaces, a trailing space, a variable) stays a header row, so a malformed
/// header reaches the server, and the diagnosis, as the user wrote it.
fn auth_from_header(value: &str) -> Option<Auth> {
    if value.contains("${") || value.contains("$(") {
        return None;
    }
    if let Some(token) = value.strip_prefix("Bearer ") {
        let canonical = !token.is_empty() && !token.contains(char::is_whitespace);
        return canonical.then(|| Auth::Bearer { token: token.to_string() });
    }
    let encoded = value.strip_prefix("Basic ")?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(encoded).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (user, password) = text.split_once(':')?;
    (basic::header_value(user, password) == value).then(|| Auth::Basic { user: user.into(), password: password.into() })
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

fn looks_like_json(data: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(data).is_ok_and(|v| v.is_object() || v.is_array())
}

/// Percent-decoding for the userinfo of a URL, where `+` is a plus sign.
fn percent_decode(s: &str) -> String {
    decode_component(&s.replace('+', "%2B"))
}
