//! Codes for what a sender (the page's own Send, or an export) cannot send exactly as the
//! request has it. Listed under Import, before Send and in the exports, never in the ranking:
//! they are about reproducing the call, not about why it failed.

use crate::model::findings::code::codes;

codes! {
    REPRODUCTION_CODES;
    BODY_ON_GET_DROPPED = "body_on_get_dropped", Warning,
        "A browser cannot send a body with GET or HEAD.",
        "curl, Python requests and HTTPie send it: use their export to reproduce the call. Most servers ignore such a body; if yours reads it, move the data to the query or use POST.",
        "Fetch standard §5.4 (Request constructor, step 35)", "https://fetch.spec.whatwg.org/#dom-request",
        "`curl -X GET -d q=1 https://api.example.com/search`.";
    HEADERS_JOINED = "headers_joined", Info,
        "A repeated header goes out as one line.",
        "The sender keeps headers in a map, so two `X-A` lines become one `X-A: 1, 2`. HTTP says the two mean the same for most headers, but not for `Set-Cookie`-like ones or a server that reads only the first. curl and HTTPie send the lines separately.",
        "RFC 9110 §5.3", "https://www.rfc-editor.org/rfc/rfc9110#section-5.3",
        "`-H 'X-A: 1' -H 'X-A: 2'` exported to Python requests or fetch.";
}
