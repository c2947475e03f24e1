//! Just enough URL parsing to judge a request before the browser sends it: scheme, userinfo,
//! host and port. The browser's own parser has the last word; this one explains.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    pub scheme: String,
    pub userinfo: Option<String>,
    pub host: String,
    pub port: Option<u16>,
    /// Path and query as written, starting with '/' (empty path becomes "/").
    pub path_and_query: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    Empty,
    NoScheme,
    UnsupportedScheme(String),
    NoHost,
    Whitespace { at: usize },
    BadPort(String),
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::Empty => write!(f, "the URL is empty"),
            UrlError::NoScheme => write!(f, "the URL has no scheme: start it with https:// (or http://)"),
            UrlError::UnsupportedScheme(s) => write!(f, "\"{s}:\" URLs cannot be fetched: use https:// or http://"),
            UrlError::NoHost => write!(f, "the URL has no host name after the scheme"),
            UrlError::Whitespace { at } => {
                write!(f, "the URL contains whitespace at character {at}: encode spaces as %20")
            }
            UrlError::BadPort(p) => write!(f, "\"{p}\" is not a valid port number"),
        }
    }
}

pub fn parse(input: &str) -> Result<Url, UrlError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(UrlError::Empty);
    }
    if let Some(at) = s.char_indices().find(|(_, c)| c.is_whitespace()).map(|(i, _)| i) {
        return Err(UrlError::Whitespace { at });
    }
    let (scheme, rest) = s.split_once("://").ok_or(UrlError::NoScheme)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(UrlError::UnsupportedScheme(scheme));
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u.to_string()), h),
        None => (None, authority),
    };
    let (host, port) = split_port(hostport)?;
    if host.is_empty() {
        return Err(UrlError::NoHost);
    }
    let tail = tail.split('#').next().unwrap_or("");
    let path_and_query = if tail.starts_with('/') { tail.to_string() } else { format!("/{tail}") };
    Ok(Url { scheme, userinfo, host: host.to_ascii_lowercase(), port, path_and_query })
}

fn split_port(hostport: &str) -> Result<(&str, Option<u16>), UrlError> {
    // IPv6 literals keep their colons inside brackets.
    let colon = if hostport.starts_with('[') {
        hostport.find(']').and_then(|i| hostport[i..].find(':').map(|j| i + j))
    } else {
        hostport.rfind(':')
    };
    match colon {
        Some(i) => {
            let port = &hostport[i + 1..];
            if port.is_empty() {
                return Ok((&hostport[..i], None));
            }
            port.parse::<u16>().map(|p| (&hostport[..i], Some(p))).map_err(|_| UrlError::BadPort(port.to_string()))
        }
        None => Ok((hostport, None)),
    }
}

impl Url {
    pub fn default_port(&self) -> u16 {
        if self.scheme == "https" {
            443
        } else {
            80
        }
    }

    pub fn origin(&self) -> String {
        match self.port {
            Some(p) if p != self.default_port() => format!("{}://{}:{p}", self.scheme, self.host),
            _ => format!("{}://{}", self.scheme, self.host),
        }
    }

    /// Browsers treat loopback hosts as potentially trustworthy: no mixed-content block.
    pub fn is_loopback(&self) -> bool {
        let ipv4_loopback = {
            let octets: Vec<&str> = self.host.split('.').collect();
            octets.len() == 4
                && octets[0] == "127"
                && octets.iter().all(|o| !o.is_empty() && o.len() <= 3 && o.bytes().all(|b| b.is_ascii_digit()))
        };
        self.host == "localhost" || self.host.ends_with(".localhost") || ipv4_loopback || self.host == "[::1]"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        let u = parse("https://User:p%40ss@API.example.com:8443/v1/x?y=1#frag").unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.userinfo.as_deref(), Some("User:p%40ss"));
        assert_eq!(u.host, "api.example.com");
        assert_eq!(u.port, Some(8443));
        assert_eq!(u.path_and_query, "/v1/x?y=1");
        assert_eq!(u.origin(), "https://api.example.com:8443");
        let u = parse("http://127.0.0.1:80?x").unwrap();
        assert_eq!(
            (u.origin().as_str(), u.path_and_query.as_str(), u.is_loopback()),
            ("http://127.0.0.1", "/?x", true)
        );
        let u = parse("http://[::1]:8080/").unwrap();
        assert_eq!((u.host.as_str(), u.port), ("[::1]", Some(8080)));
    }

    #[test]
    fn loopback_is_judged_on_the_whole_host() {
        for (url, loopback) in [
            ("http://127.0.0.1/", true),
            ("http://127.1.2.3:80/", true),
            ("http://localhost:8080/", true),
            ("http://api.localhost/", true),
            ("http://[::1]/", true),
            ("http://127.example.com/", false),
            ("http://127.0.0.1.nip.io/", false),
            ("http://localhost.example.com/", false),
        ] {
            assert_eq!(parse(url).unwrap().is_loopback(), loopback, "{url}");
        }
    }

    #[test]
    fn errors_explain() {
        let cases = [
            ("", UrlError::Empty),
            ("api.example.com/x", UrlError::NoScheme),
            ("ftp://x", UrlError::UnsupportedScheme("ftp".into())),
            ("https:///x", UrlError::NoHost),
            ("https://x/a b", UrlError::Whitespace { at: 11 }),
            ("https://x:99999/", UrlError::BadPort("99999".into())),
        ];
        for (input, e) in cases {
            assert_eq!(parse(input), Err(e), "{input}");
        }
    }
}
