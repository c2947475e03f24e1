//! Codes for what a sender (the page's own Send, or an export) cannot send exactly as the
//! request has it. Listed under Import, before Send and in the exports, never in the ranking:
//! they are about reproducing the call, not about why it failed.

use crate::model::findings::code::codes;

codes! {
    REPRODUCTION_CODES;
    BODY_ON_GET_DROPPED = "body_on_get_dropped", Warning,
        "A browser cannot send a body with GET or HEAD.",
        "curl, Python requests, HTTPie and the raw HTTP message send it: use their export to reproduce the call. Most servers ignore such a body; if yours reads it, move the data to the query or use POST.",
        "Fetch standard §5.4 (Request constructor, step 35)", "https://fetch.spec.whatwg.org/#dom-request",
        "`curl -X GET -d q=1 https://api.example.com/search`.";
    HEADERS_JOINED = "headers_joined", Info,
        "A repeated header goes out as one line.",
        "The sender keeps headers in a map, so two `X-A` lines become one `X-A: 1, 2`. HTTP says the two mean the same for most headers, but not for `Set-Cookie`-like ones or a server that reads only the first. curl, HTTPie and the raw HTTP message send the lines separately.",
        "RFC 9110 §5.3", "https://www.rfc-editor.org/rfc/rfc9110#section-5.3",
        "`-H 'X-A: 1' -H 'X-A: 2'` exported to Python requests or fetch.";
    URL_NORMALISED = "url_normalised", Info,
        "The client rewrites the URL's text before sending it.",
        "Python requests (and HTTPie, built on it) percent-encode what RFC 3986 does not allow as it is (`[` `]` `{` `}` `|` `^` `\"`, non-ASCII), upper-case escapes, decode escaped letters and digits (`%41` becomes `A`) and drop a `?` with nothing after it; fetch follows the WHATWG URL standard (a quote, `<`, `>` and non-ASCII encoded, `'` too in the query, `\\` read as `/`, a bare `?` dropped). Most servers decode both forms alike; a signature over the URL's text (OAuth 1.0, webhooks) or a server that compares it raw does not. curl and the raw HTTP message send the URL as typed.",
        "RFC 3986 §2.1, WHATWG URL §4.4", "https://url.spec.whatwg.org/#concept-basic-url-parser",
        "`curl -g 'https://api.example.com/items?ids[]=1'` exported to Python requests (`ids%5B%5D=1`).";
    HEADER_NOT_SETTABLE = "header_not_settable", Warning,
        "The client will not send this header as the request has it.",
        "Node's fetch refuses `Connection` (other than keep-alive), `Content-Length`, `Transfer-Encoding`, `Expect`, `Keep-Alive` and `Upgrade` (the export leaves them out), sets `Host` from the URL and `Sec-Fetch-Mode` to `cors`; a browser drops every forbidden request header; HTTPie drops a backslash written before `:`, `;`, `@` or `=` (its item syntax has no way to keep it). curl, Python requests and the raw HTTP message send them as written: use one of those when the server reads the header.",
        "Fetch standard: forbidden request-header", "https://fetch.spec.whatwg.org/#forbidden-request-header",
        "`curl -H 'Host: api.example.com' http://127.0.0.1:8080/` exported to fetch.";
    HEADERS_ADDED = "headers_added", Info,
        "The client adds headers the request does not have.",
        "fetch adds `Cache-Control: no-cache` and `Pragma: no-cache` to a request with `If-None-Match`, `If-Modified-Since`, `If-Match`, `If-Unmodified-Since` or `If-Range`, and `Accept-Encoding: identity` to one with `Range`, as the Fetch standard says. Most servers ignore them; a cache or CDN in front of the API does not. Set the header yourself to keep your value, or use curl, Python requests, HTTPie or the raw HTTP message.",
        "Fetch standard §4.6 (HTTP-network-or-cache fetch)", "https://fetch.spec.whatwg.org/#http-network-or-cache-fetch",
        "`curl -H 'If-None-Match: \"abc\"' https://api.example.com/items` exported to fetch.";
    FILE_NOT_ATTACHED = "file_not_attached", Warning,
        "A file the request sends is not in it.",
        "A multipart field names a file (`-F file=@report.pdf`): the page cannot read files, and the raw HTTP message can only show where the file's bytes go. The curl, Python requests, HTTPie and fetch exports read the file, each with the type curl gives it.",
        "RFC 7578 §4.2", "https://www.rfc-editor.org/rfc/rfc7578#section-4.2",
        "`curl -F file=@report.pdf https://api.example.com/v1/files` in the raw HTTP export.";
}
