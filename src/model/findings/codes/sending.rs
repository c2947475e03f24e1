//! Codes about what the browser will and will not send or show.

use crate::model::findings::code::codes;

codes! {
    SENDING_CODES;
    URL_INVALID = "url_invalid", Error,
        "The URL cannot be requested.",
        "Write the full URL with its scheme, e.g. `https://api.example.com/v1/items`, and percent-encode spaces.",
        "RFC 9110 §4.2", "https://www.rfc-editor.org/rfc/rfc9110#section-4.2",
        "`api.example.com/items` (no scheme), or a space inside the URL.";
    CREDENTIALS_IN_URL = "credentials_in_url", Error,
        "The URL carries a user name and password.",
        "Browsers refuse to fetch such URLs and many servers ignore them; `requests` turns them into Basic auth. Remove them from the URL and use the Basic auth helper instead.",
        "Fetch standard §5.4 (Request constructor)", "https://fetch.spec.whatwg.org/#dom-request",
        "`https://user:secret@api.example.com/`.";
    MIXED_CONTENT = "mixed_content", Error,
        "An https page cannot call an http URL.",
        "Browsers block it as mixed content before it leaves the machine. Call the API over https, or run why401 locally over http (`make serve`).",
        "Mixed Content §4.3", "https://www.w3.org/TR/mixed-content/#should-block-fetch",
        "The page on https and the URL `http://api.example.com/`.";
    HEADER_INVALID = "header_invalid", Error,
        "A header contains characters no client may send.",
        "Strip line breaks and leading spaces (often a token read from a file or environment variable), and keep values to ISO-8859-1. Browsers and Python requests both refuse such values.",
        "RFC 9110 §5.5", "https://www.rfc-editor.org/rfc/rfc9110#section-5.5",
        "`Authorization: Bearer eyJ…\\n` (a trailing newline), or an emoji in a header.";
    FORBIDDEN_HEADER = "forbidden_header", Warning,
        "The browser will not send this header.",
        "Page scripts cannot set Cookie, Host, Origin, Referer and other forbidden headers; the browser drops them silently. Test with the exported curl or Python, which send them.",
        "Fetch standard: forbidden request-header", "https://fetch.spec.whatwg.org/#forbidden-request-header",
        "A `Cookie: session=…` header row.";
    CORS_BLOCKED = "cors_blocked", Error,
        "The browser blocked the response (CORS): this is not the server's 401.",
        "The server must allow this page's origin and headers (listed in the evidence). Until it does, run the exported curl to see the real status.",
        "Fetch standard: CORS protocol", "https://fetch.spec.whatwg.org/#http-cors-protocol",
        "A request with `Authorization` to a server that sends no `Access-Control-Allow-*` headers.";
    NETWORK_UNREACHABLE = "network_unreachable", Error,
        "The server could not be reached at all.",
        "Check the host name and port, that the server is running, and any VPN or proxy; a TLS certificate your browser does not trust fails the same way. No HTTP status was received, so this is not a 401.",
        "Fetch standard: network error", "https://fetch.spec.whatwg.org/#concept-network-error",
        "`http://127.0.0.1:9/` (nothing listening).";
    WWW_AUTHENTICATE_HIDDEN = "www_authenticate_hidden", Warning,
        "The 401's WWW-Authenticate header is hidden from this page by CORS.",
        "The challenge says why the server refused (e.g. `error=\"invalid_token\"`). The server should send `Access-Control-Expose-Headers: WWW-Authenticate`; meanwhile paste the response from `curl -i` into Raw response.",
        "RFC 9110 §15.5.2", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        "httpbin's `/bearer` without a token, called cross-origin.";
}
