//! Codes for what a sender (the page's own Send, or an export) cannot send exactly as the
//! request has it, and for what the pasted command does that the request cannot hold (found
//! by the curl importer). Listed under Import, before Send and in the exports, never in the ranking:
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
    VARIABLE_UNRESOLVED = "variable_unresolved", Warning,
        "A shell variable in the command has no value here.",
        "The shell fills in `$API_TOKEN` when it runs the command; the page does not know its value, so the request carries the text `${API_TOKEN}`. Give it its value (or paste the command with the `export API_TOKEN=…` line before it). Unset in your shell, it expands to nothing and the server gets `Authorization: Bearer ` with no token: a classic 401. Check with `echo \"$API_TOKEN\"`.",
        "Bash manual §3.5.3 (Shell Parameter Expansion)", "https://www.gnu.org/software/bash/manual/bash.html#Shell-Parameter-Expansion",
        "`curl -H \"Authorization: Bearer $API_TOKEN\" https://api.example.com/me`.";
    COMMAND_OUTPUT_UNSEEN = "command_output_unseen", Warning,
        "The command uses another command's output, which the page cannot run.",
        "Your shell runs `$(gcloud auth print-access-token)` (or the command piped into curl) and puts what it prints in its place; the page keeps the text `$(…)`. Run it yourself and paste its output there. A command that fails prints nothing, and the request goes out without the value.",
        "Bash manual §3.5.4 (Command Substitution)", "https://www.gnu.org/software/bash/manual/bash.html#Command-Substitution",
        "`curl -H \"Authorization: Bearer $(gcloud auth print-access-token)\" https://…`.";
    FILE_CONTENT_UNSEEN = "file_content_unseen", Warning,
        "The command reads a file the page cannot see.",
        "curl reads it when it runs (`-d @body.json`, `-F file=@a.pdf`, `-T`, `-H @headers.txt`, `-b cookies.txt`, `-K`, `~/.netrc`, or standard input); the page has only the command. Paste the content into the body or header, or use an export that reads the file, when one is named.",
        "curl(1): -d, --data", "https://curl.se/docs/manpage.html#-d",
        "`curl -d @body.json https://api.example.com/items`.";
    AUTH_SCHEME_NOT_REPRODUCED = "auth_scheme_not_reproduced", Warning,
        "curl authenticates with a scheme the page cannot do.",
        "NTLM and Negotiate (Kerberos/SPNEGO) are handshakes over several requests made with your Windows or Kerberos credentials, and `--anyauth` first asks without credentials, then answers whichever scheme the server's 401 offers. The page sends one request with the header you see. Test with curl itself.",
        "curl(1): --anyauth, --ntlm, --negotiate", "https://curl.se/docs/manpage.html#--anyauth",
        "`curl --ntlm -u 'CORP\\alice:secret' https://intranet.example.com/api`.";
    METHOD_NOT_REPRODUCED = "method_not_reproduced", Warning,
        "The sender does not send the method as the command has it.",
        "curl sends the `-X` method exactly as typed: any token (`PROPFIND`, `PURGE`), and case matters (RFC 9110: `post` is not `POST`). Python requests and HTTPie write every method in capitals, and HTTPie takes only letters (`M-SEARCH` cannot be sent); fetch writes DELETE, GET, HEAD, OPTIONS, POST and PUT in capitals whatever their case and refuses CONNECT, TRACE and TRACK. A method that is no token at all (a space in it) curl still sends, and nothing else can. A server that compares the method case-sensitively answers 405 or 404 to one and not the other: send the real one with curl or the raw HTTP message.",
        "RFC 9110 §9.1 (methods are case-sensitive)", "https://www.rfc-editor.org/rfc/rfc9110#section-9.1",
        "`curl -X post -d a=1 https://api.example.com/v1/items` exported to Python requests.";
    MORE_REQUESTS_IN_COMMAND = "more_requests_in_command", Info,
        "The command sends more than one request.",
        "curl requests every URL it is given, each `--next` section, and each URL a `{a,b}` or `[1-3]` pattern makes. The page imported the first; paste the others one at a time.",
        "curl(1): URL globbing, --next", "https://curl.se/docs/manpage.html#-:",
        "`curl https://a.example/x https://b.example/y`, or `https://api.example.com/items/[1-3]`.";
    TLS_CHECK_SKIPPED = "tls_check_skipped", Warning,
        "curl skipped the TLS certificate check; the browser will not.",
        "With `-k` / `--insecure` curl accepts any certificate: expired, self-signed, made for another host. The browser always checks, so the page's Send fails before any HTTP status when the certificate is bad. Fix the certificate, or test with curl and `-k`.",
        "curl(1): -k, --insecure", "https://curl.se/docs/manpage.html#-k",
        "`curl -k https://staging.internal/api`.";
    CLIENT_CERTIFICATE_NOT_SENT = "client_certificate_not_sent", Warning,
        "curl sends a TLS client certificate; the page does not.",
        "With `--cert` / `-E` (and `--key`) curl proves who it is in the TLS handshake (mutual TLS). The page cannot read the certificate file; the browser offers only certificates installed in it, if it asks at all. A server that requires one answers 401 or 403, or closes the connection. Test with curl and `--cert`.",
        "curl(1): -E, --cert", "https://curl.se/docs/manpage.html#-E",
        "`curl --cert client.pem --key client.key https://mtls.example.com/api`.";
    PROXY_NOT_USED = "proxy_not_used", Info,
        "curl goes through a proxy; the page uses the browser's.",
        "`-x` / `--proxy` (with `-U`, `--proxy-header`, `--socks5`…) sends the request through that proxy, which may add or check credentials. The browser uses the system's proxy settings. If the 401 or 407 comes from the proxy (`Proxy-Authenticate`), test with curl and `-x`.",
        "curl(1): -x, --proxy", "https://curl.se/docs/manpage.html#-x",
        "`curl -x http://proxy.corp:3128 -U bob:pw https://api.example.com/`.";
    SIGNATURE_NOT_REPRODUCED = "signature_not_reproduced", Warning,
        "curl signs the request with AWS SigV4; the page sends it unsigned.",
        "`--aws-sigv4` makes curl compute `Authorization: AWS4-HMAC-SHA256 …` and `X-Amz-Date` from the `-u` access key and secret over the exact request. The page does not sign, so the server sees no signature. Test with curl and `--aws-sigv4`, or an AWS SDK.",
        "curl(1): --aws-sigv4", "https://curl.se/docs/manpage.html#--aws-sigv4",
        "`curl --aws-sigv4 'aws:amz:us-east-1:execute-api' -u \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" https://…`.";
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
    REDIRECT_NOT_REPRODUCED = "redirect_not_reproduced", Warning,
        "The sender does not send the credentials on after a redirect, as the command does.",
        "With `--location-trusted` curl sends Authorization and `-u` credentials on to whatever host a redirect leads to; Python requests, HTTPie, fetch and the page leave them out there, as curl's `-L` does. If the API answers through a redirect to another host (a regional endpoint, a CDN), use the curl export, or call the final URL directly. (Following itself is kept: each export follows a redirect only when the command does, with `allow_redirects=False`, `redirect: \"manual\"` or `--follow`.)",
        "RFC 9110 §15.4, Fetch standard §4.4 (HTTP-redirect fetch)", "https://fetch.spec.whatwg.org/#http-redirect-fetch",
        "`curl --location-trusted -u alice:pw https://api.example.com/v1/me` exported to Python requests.";
    FORM_PART_CHANGED = "form_part_changed", Warning,
        "A multipart part goes out without its own type, file name or headers.",
        "The part has a Content-Type, a file name or header lines of its own (`-F 'meta={…};type=application/json'`, `;filename=`, `;headers=`). A browser's FormData sends a text field with none of them and gives a file part the name `blob` and the type application/octet-stream; HTTPie cannot set a text part's type, rename a file or add part headers. An API that reads a JSON metadata part by its type, or a file by its name, refuses the upload or misreads it (400, 415). curl, Python requests and the raw HTTP message send the part as it is.",
        "RFC 7578 §4.4, §4.8", "https://www.rfc-editor.org/rfc/rfc7578#section-4.4",
        "`curl -F 'meta={\"title\":\"x\"};type=application/json' -F file=@a.png https://api.example.com/upload` exported to HTTPie.";
}
