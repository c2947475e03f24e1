//! Codes of the diagnosis engine: what the request, the response and the token say together.
//! Listed most decisive first, because equal likelihood and severity fall back to this order.

use crate::model::findings::code::codes;

codes! {
    DIAGNOSIS_CODES;
    REDIRECT_DROPPED_AUTHORIZATION = "redirect_dropped_authorization", Error,
        "A redirect to another host, scheme or port dropped the Authorization header.",
        "Call the final URL directly (fix the host, scheme or trailing slash that causes the redirect). Python requests (`should_strip_auth`), curl without `--location-trusted` and browsers all remove Authorization when a redirect leaves the original host.",
        "RFC 9110 §15.4", "https://www.rfc-editor.org/rfc/rfc9110#section-15.4",
        "`301` from `https://example.com/api` to `https://www.example.com/api`, then 401.";
    CREDENTIALS_MISSING = "credentials_missing", Error,
        "The request carried no credentials.",
        "Send them: `Authorization: <scheme> <credentials>` with the scheme the server's WWW-Authenticate names (Bearer, Basic, …), or the API key header the API documents. Check that the variable holding the token is set in this environment.",
        "RFC 9110 §11.6.2", "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2",
        "401 `WWW-Authenticate: Bearer realm=\"example\"` to a request with no Authorization header and no API key.";
    AUTHORIZATION_TOKEN_EMPTY = "authorization_token_empty", Error,
        "The Authorization header has a scheme but no usable token.",
        "The variable that should hold the token was empty or unset when the header was built: `Bearer undefined`, `Bearer null` and `Bearer None` are what JavaScript and Python print for it. Load the token before building the header and fail loudly when it is missing.",
        "RFC 6750 §2.1", "https://www.rfc-editor.org/rfc/rfc6750#section-2.1",
        "`Authorization: Bearer undefined`, or `Authorization: Bearer ` with nothing after it.";
    CREDENTIAL_FROM_VARIABLE = "credential_from_variable", Warning,
        "A credential in the request is a shell variable, which may be unset where the command runs.",
        "Check the variable in the shell that runs the command: `echo \"${API_TOKEN:?unset}\"` prints it, or stops with `API_TOKEN: unset` when it is unset or empty. Put the header in double quotes (`-H \"Authorization: Bearer $API_TOKEN\"`): inside single quotes the shell does not expand it and curl sends the text `$API_TOKEN` itself. A variable set in another terminal, only in a `.env` file, or without `export` for a script is not set there.",
        "POSIX Shell Command Language §2.6.2", "https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_18_06_02",
        "`curl -H \"Authorization: Bearer ${API_TOKEN}\" https://api.example.com/v1/orders`.";
    AUTHORIZATION_SCHEME_MISSING = "authorization_scheme_missing", Error,
        "The Authorization header holds a bare credential with no scheme.",
        "Put the scheme and one space before the credential: `Authorization: Bearer <token>`. Servers split the value at the first space; without it the whole token is read as an unknown scheme.",
        "RFC 9110 §11.4", "https://www.rfc-editor.org/rfc/rfc9110#section-11.4",
        "`Authorization: eyJhbGciOi…` (a JWT alone).";
    HEADER_NAME_IN_VALUE = "header_name_in_value", Error,
        "The Authorization value starts with a header name.",
        "The value was built from a whole header line. Set the header's value to `Bearer <token>` only: in Python `headers={\"Authorization\": f\"Bearer {token}\"}`.",
        "RFC 9110 §11.6.2", "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2",
        "`Authorization: Authorization: Bearer eyJ…`.";
    CREDENTIALS_SENT_TWICE = "credentials_sent_twice", Error,
        "The request sends credentials in more than one way at once.",
        "Send the token once, in the Authorization header: remove the other Authorization header, or the `access_token` query or form parameter. RFC 6750 forbids more than one method per request and servers answer 400 invalid_request.",
        "RFC 6750 §2", "https://www.rfc-editor.org/rfc/rfc6750#section-2",
        "`Authorization: Bearer eyJ…` and `?access_token=eyJ…` in the same request.";
    AUTHORIZATION_REPLACED = "authorization_replaced", Error,
        "The Authorization header that was sent is not the one the request sets.",
        "Something replaced it on the way out. In Python requests, when `auth=` is not given, an entry for this host in ~/.netrc (or $NETRC) replaces the Authorization set in `headers=` with Basic credentials: pass `auth=` explicitly or set `session.trust_env = False`. curl does the same with `--netrc`; a proxy, an SDK interceptor or a gateway can too.",
        "psf/requests#3929 (netrc overrides headers)", "https://github.com/psf/requests/issues/3929",
        "The request sets `Authorization: Bearer eyJ…`; the pasted `curl -v` shows `> Authorization: Basic dXNlcjpwYXNz`.";
    REDIRECT_CHANGED_METHOD = "redirect_changed_method", Error,
        "A redirect turned the POST into a GET and dropped its body.",
        "Call the final URL directly. After 301, 302 and 303 clients resend a POST as GET without its body; only 307 and 308 keep the method. Typical triggers: http → https and a missing trailing slash.",
        "RFC 9110 §15.4", "https://www.rfc-editor.org/rfc/rfc9110#section-15.4",
        "`POST http://api.example.com/token` → `301` to https, then `GET` → 401 or 405.";
    REDIRECT_LEAKS_CREDENTIALS = "redirect_leaks_credentials", Warning,
        "The command sends its credentials on to any host a redirect names.",
        "Call the final URL directly and follow redirects without trusting them: drop `--location-trusted` (plain `-L` keeps Authorization, `-u` credentials and cookies set with `-H` for the original host, scheme and port). curl sends every other `-H` header, an API key too, to each host a redirect names even with plain `-L`: call the final URL without `-L`.",
        "curl manual: --location-trusted", "https://curl.se/docs/manpage.html#--location-trusted",
        "`curl --location-trusted -H 'Authorization: Bearer eyJ…' https://api.example.com/v1`, or `curl -L -H 'X-Api-Key: …'`, redirected to another host.";
    PROXY_AUTH_REQUIRED = "proxy_auth_required", Error,
        "A proxy, not the server, wants credentials (407).",
        "The request never reached the API. Give the proxy its credentials (`Proxy-Authorization`, `curl -x http://proxy:3128 -U user:pass`, `proxies={\"https\": \"http://user:pass@proxy:3128\"}` in Python), or bypass it with `NO_PROXY` if the API is internal. Check HTTPS_PROXY / HTTP_PROXY in the environment.",
        "RFC 9110 §15.5.8", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.8",
        "`407 Proxy Authentication Required` with `Proxy-Authenticate: Basic realm=\"corp\"`.";
    SCHEME_MISMATCH = "scheme_mismatch", Error,
        "The request uses an authentication scheme the server does not offer.",
        "Use one of the schemes in WWW-Authenticate (compared case-insensitively): Basic credentials for Basic, a Digest answer for Digest (`HTTPDigestAuth`, `curl --digest`), `Authorization: DPoP` with a DPoP proof for DPoP.",
        "RFC 9110 §11.6.1", "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1",
        "`Authorization: Basic …` answered by `WWW-Authenticate: Digest realm=\"api\", nonce=\"…\"`.";
    BASIC_CREDENTIALS_REJECTED = "basic_credentials_rejected", Error,
        "The server rejected the Basic user name and password.",
        "The same Basic challenge came back (or a 401/403 saying the credentials are invalid), so they were most probably checked and refused; a proxy or redirect that dropped the header gives the same answer (`curl -v` shows what went out). Check, in order: the user name's case and the exact password; a newline at the end (`echo 'u:p' | base64` adds one: use `printf %s` or `echo -n`, or let `curl -u` / `requests` build the header); non-ASCII characters (a `charset=\"UTF-8\"` challenge wants UTF-8, Python requests sends Latin-1); a `:` in the user name (it cannot go in Basic) or an `@` that made a URL's userinfo end early; `~/.netrc` or a credential helper overriding what you typed; and whether the service wants an API token instead of the account password (GitHub, Atlassian, PyPI's `__token__`).",
        "RFC 7617 §2", "https://www.rfc-editor.org/rfc/rfc7617#section-2",
        "`curl -u 'admin:wrongpass' …` answered 401 `WWW-Authenticate: Basic realm=\"Restricted\"`.";
    INVALID_TOKEN = "invalid_token", Error,
        "The server rejected the token as invalid (error=\"invalid_token\").",
        "The token reached the server and was refused: expired, revoked, signed by another issuer or key, or meant for another audience. Read error_description, compare exp, iss and aud with what the API expects, and get a new token.",
        "RFC 6750 §3.1", "https://www.rfc-editor.org/rfc/rfc6750#section-3.1",
        "`WWW-Authenticate: Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"`.";
    INSUFFICIENT_SCOPE = "insufficient_scope", Error,
        "The token lacks a scope this resource needs (error=\"insufficient_scope\").",
        "Request a new token that includes the missing scopes (and have the user or an admin consent to them). Refreshing will not help: a refreshed token keeps the scopes of the original grant.",
        "RFC 6750 §3.1", "https://www.rfc-editor.org/rfc/rfc6750#section-3.1",
        "`403` with `WWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"orders:write\"` and a token with `scope: \"orders:read\"`.";
    INVALID_REQUEST = "invalid_request", Error,
        "The server says the request itself is malformed (error=\"invalid_request\").",
        "Look for a missing or repeated parameter, the token sent two ways at once (header and `access_token`), or a malformed Authorization value. The error_description usually names it.",
        "RFC 6750 §3.1", "https://www.rfc-editor.org/rfc/rfc6750#section-3.1",
        "`400` with `WWW-Authenticate: Bearer error=\"invalid_request\"`.";
    CREDENTIALS_NOT_RECEIVED = "credentials_not_received", Error,
        "The request had credentials but the server answers as if it got none.",
        "Something between you and the application removed the header: a redirect, a proxy or gateway (Apache mod_wsgi needs `WSGIPassAuthorization On`; some load balancers strip Authorization), or the app reads another header name. Call the final URL directly and log the headers the application receives.",
        "RFC 6750 §3.1", "https://www.rfc-editor.org/rfc/rfc6750#section-3.1",
        "`Authorization: Bearer eyJ…` sent, `WWW-Authenticate: Bearer realm=\"api\"` (no error) returned.";
    DPOP_TOKEN_SENT_AS_BEARER = "dpop_token_sent_as_bearer", Error,
        "A DPoP-bound token (cnf.jkt) was sent with the Bearer scheme.",
        "Send it as `Authorization: DPoP <token>` together with a `DPoP:` proof header signed by the key whose thumbprint is in cnf.jkt. Servers refuse a bound token presented as a plain bearer token.",
        "RFC 9449 §7.1", "https://www.rfc-editor.org/rfc/rfc9449#section-7.1",
        "A token with `\"cnf\":{\"jkt\":\"0ZcOCORZNYy…\"}` sent as `Authorization: Bearer …`.";
    DPOP_NONCE_REQUIRED = "dpop_nonce_required", Error,
        "The server wants a fresh nonce in the DPoP proof (use_dpop_nonce).",
        "Nothing is wrong with the token: build a new DPoP proof that carries the `nonce` from the `DPoP-Nonce` response header and send the request again. DPoP libraries do this retry once automatically.",
        "RFC 9449 §9", "https://www.rfc-editor.org/rfc/rfc9449#section-9",
        "`401` with `WWW-Authenticate: DPoP error=\"use_dpop_nonce\"` and `DPoP-Nonce: eyJ7S_zG…`.";
    DPOP_PROOF_INVALID = "dpop_proof_invalid", Error,
        "The server rejected the DPoP proof (invalid_dpop_proof).",
        "Check the proof JWT: `typ` \"dpop+jwt\", an `alg` the server lists in `algs`, `htm` and `htu` equal to this request's method and URL (no query or fragment), a fresh `iat` and unique `jti`, `ath` = hash of the access token, and the same key the token is bound to.",
        "RFC 9449 §7.1", "https://www.rfc-editor.org/rfc/rfc9449#section-7.1",
        "`WWW-Authenticate: DPoP error=\"invalid_dpop_proof\", error_description=\"Invalid DPoP proof\"`.";
    MTLS_BOUND_TOKEN = "mtls_bound_token", Warning,
        "The token is bound to a client certificate (cnf[\"x5t#S256\"]).",
        "The server accepts it only over a TLS connection that presents the same client certificate. A browser page usually cannot; use curl `--cert`/`--key` or your client's mTLS settings with the certificate the token was issued to.",
        "RFC 8705 §3", "https://www.rfc-editor.org/rfc/rfc8705#section-3",
        "A token with `\"cnf\":{\"x5t#S256\":\"bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2\"}`.";
    DIGEST_STALE = "digest_stale", Error,
        "The Digest nonce expired (stale=true); the password was right.",
        "Answer the new challenge once more with the new nonce; do not ask for the password again. Python requests and curl --digest retry on their own; a hand-made Digest header must be recomputed for every new nonce.",
        "RFC 7616 §3.3", "https://www.rfc-editor.org/rfc/rfc7616#section-3.3",
        "`WWW-Authenticate: Digest realm=\"api\", nonce=\"new…\", stale=true`.";
    DIGEST_UNSUPPORTED = "digest_unsupported", Error,
        "The Digest challenge asks for an algorithm or qop the client cannot answer.",
        "Have the server also offer qop=\"auth\" and MD5 or SHA-256. Python requests answers MD5, MD5-sess, SHA, SHA-256 and SHA-512 with qop auth only, and sends nothing for anything else; this page also does SHA-512-256.",
        "RFC 7616 §3.3", "https://www.rfc-editor.org/rfc/rfc7616#section-3.3",
        "`WWW-Authenticate: Digest realm=\"api\", nonce=\"n\", qop=\"auth-int\"` only.";
    BASIC_CHARSET_MISMATCH = "basic_charset_mismatch", Warning,
        "The server wants UTF-8 Basic credentials and these are not encoded that way.",
        "Encode `user:password` as UTF-8 before base64. Python requests encodes Basic credentials as Latin-1: pass bytes, e.g. `auth=(user.encode(), password.encode())`, or build the header yourself.",
        "RFC 7617 §2.1", "https://www.rfc-editor.org/rfc/rfc7617#section-2.1",
        "`WWW-Authenticate: Basic realm=\"api\", charset=\"UTF-8\"` and the password `pässword` sent as Latin-1.";
    JSON_SENT_AS_FORM = "json_sent_as_form", Error,
        "The JSON body is labelled as a form (application/x-www-form-urlencoded).",
        "Label it as JSON: add `-H 'Content-Type: application/json'`, or send it with `--json '{…}'` (curl 7.82+), which sets the Content-Type and Accept for you. curl's `-d` labels any data as a form unless told otherwise, so the server's form parser reads the whole JSON text as one field name with no value. In Python use `json=` rather than `data=`.",
        "RFC 9110 §8.3", "https://www.rfc-editor.org/rfc/rfc9110#section-8.3",
        "`curl -d '{\"user\":\"ann\"}' https://api.example.com/login` (no Content-Type, so curl sends `application/x-www-form-urlencoded`).";
    FORM_SENT_AS_JSON = "form_sent_as_json", Error,
        "The body is a form but is labelled as JSON.",
        "Send what the label says: either JSON (`{\"user\":\"ann\",\"password\":\"…\"}`, or `--json`), or keep the form and drop the `Content-Type: application/json` header so curl's `-d` labels it `application/x-www-form-urlencoded`. A JSON parser stops at the first byte of `user=ann` and the server answers 400, or treats the request as having no credentials.",
        "RFC 9110 §8.3", "https://www.rfc-editor.org/rfc/rfc9110#section-8.3",
        "`curl -H 'Content-Type: application/json' -d 'user=ann&password=…' https://api.example.com/login`.";
    JSON_WITHOUT_JSON_CONTENT_TYPE = "json_without_json_content_type", Warning,
        "The body is JSON but its Content-Type is not.",
        "Send `Content-Type: application/json` with it (`--json` in curl, `json=` in Python requests; `data=json.dumps(…)` sends no Content-Type at all). Most frameworks parse a body only when its Content-Type says JSON: Express leaves `req.body` empty, Flask answers 415, and the credentials or fields in it are never read.",
        "RFC 8259 §11", "https://www.rfc-editor.org/rfc/rfc8259#section-11",
        "`curl -H 'Content-Type: text/plain' -d '{\"refresh_token\":\"…\"}' https://api.example.com/token`.";
    FORM_VALUE_NOT_ENCODED = "form_value_not_encoded", Warning,
        "A form value has an unencoded `&`, `+` or `%` that changes what the server reads.",
        "Let curl encode each field: `--data-urlencode 'password=p&ss+w%rd'` (one per field) instead of `-d`, which sends the bytes as typed. By hand, write `&` as `%26`, `+` as `%2B` and `%` as `%25`. In Python pass a dict to `data=`, which encodes it.",
        "URL Standard §5.1 (application/x-www-form-urlencoded parsing)", "https://url.spec.whatwg.org/#urlencoded-parsing",
        "`curl -d 'user=ann&password=p&ss+1' …`: the server reads the password `p` and a field named `ss 1`.";
    GET_WITH_BODY = "get_with_body", Warning,
        "A GET or HEAD request carries a body.",
        "Send the data where the server reads it: in the query (`curl -G -d …` or `--data-urlencode` with `-G` turns it into `?name=value`), or in a POST (drop `-X GET`: `-d` alone makes curl POST). A body on GET has no defined meaning: most servers ignore it, some proxies and CDNs refuse it with 400, and browsers cannot send it at all.",
        "RFC 9110 §9.3.1", "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.1",
        "`curl -X GET -d 'grant_type=client_credentials' https://login.example.com/oauth/token`.";
    TOKEN_REQUEST_NOT_FORM = "token_request_not_form", Warning,
        "The token request body is JSON; token endpoints read a form.",
        "Send the parameters as `application/x-www-form-urlencoded`: `data=` in Python requests (not `json=`), `-d` / `--data-urlencode` in curl, `URLSearchParams` with fetch.",
        "RFC 6749 §4.1.3", "https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3",
        "`POST /oauth/token` with `{\"grant_type\":\"client_credentials\",…}` as JSON.";
    CLIENT_SECRET_NOT_FORM_ENCODED = "client_secret_not_form_encoded", Warning,
        "The client secret has characters that must be form-encoded before Basic authentication.",
        "RFC 6749 wants client_id and client_secret form-urlencoded before they are joined with ':' and base64-encoded. Encode them (`urllib.parse.quote_plus`), or send them as `client_id` / `client_secret` form fields if the server allows.",
        "RFC 6749 §2.3.1", "https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1",
        "A token request with Basic credentials whose secret contains `+`, `/`, `:` or `%`.";
    FORBIDDEN_STATUS = "forbidden", Error,
        "The server knows who you are but does not allow this (403).",
        "A 403 is about permission, not identity: repeating the request with the same credentials will not help. Get the role, scope, group or resource grant this operation needs, or use an account that has it. (A 401 would mean the credentials were missing or not accepted.)",
        "RFC 9110 §15.5.4", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        "`403 Forbidden` to a request with a valid token.";
    AUDIENCE_MISMATCH = "audience_mismatch", Warning,
        "The token's audience (aud) does not look like this API.",
        "Request the token for this API: pass its identifier as `audience` (Auth0), `resource` (ADFS, RFC 8707) or the API's scope (`api://…/.default` with Entra). A token for another API is refused even when valid.",
        "RFC 9068 §4", "https://www.rfc-editor.org/rfc/rfc9068#section-4",
        "`aud: \"https://graph.microsoft.com\"` sent to `https://api.example.com`.";
    ISSUER_ENVIRONMENT_MISMATCH = "issuer_environment_mismatch", Warning,
        "The token comes from another environment than the API.",
        "Use a token from the identity provider the API trusts in this environment: staging APIs trust the staging issuer, production APIs the production one.",
        "RFC 9068 §4", "https://www.rfc-editor.org/rfc/rfc9068#section-4",
        "`iss: \"https://login.staging.example.com/\"` sent to `https://api.example.com`.";
    UNEXPLAINED_401 = "unexplained_401", Warning,
        "Nothing here explains the 401.",
        "Check, in this order: the key or token belongs to this environment and tenant (test vs live, staging vs production); it was not revoked or rotated; the server's logs for the reason; the clocks of client and server. Paste the full `curl -v` output to see what was really sent.",
        "RFC 9110 §15.5.2", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        "A 401 with `WWW-Authenticate: Bearer` to a well-formed, unexpired token.";
    WWW_AUTHENTICATE_MISSING = "www_authenticate_missing", Warning,
        "The 401 has no WWW-Authenticate header.",
        "Every 401 must say which scheme it wants; without it clients cannot react and this page cannot tell why. Look at the body and the server logs, and ask the API's owners to send the challenge.",
        "RFC 9110 §15.5.2", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        "A pasted `HTTP/1.1 401 Unauthorized` with only `Content-Type` and a body.";
    CHALLENGE_MALFORMED = "challenge_malformed", Info,
        "The WWW-Authenticate header does not follow the grammar.",
        "The parts that could be read were used; the rest may be misread by clients too. Tell the API's owners where it breaks (the evidence gives the byte).",
        "RFC 9110 §11.6.1", "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1",
        "`WWW-Authenticate: Bearer realm=\"api` (no closing quote).";
    NOT_FOUND_WITH_CREDENTIALS = "not_found_with_credentials", Info,
        "A 404 to an authenticated request can hide a 403.",
        "Some servers (GitHub, many REST APIs) answer 404 instead of 403 so as not to reveal that a resource exists. If the URL is right, check that these credentials may see it (repository access, tenant, project).",
        "RFC 9110 §15.5.5", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        "`404 Not Found` from a private repository to a token without access to it.";
    RESOURCE_METADATA_HINT = "resource_metadata_hint", Info,
        "The server publishes how to get a token for it (resource_metadata).",
        "Fetch the URL in resource_metadata: it lists the authorization servers this API trusts and the scopes it supports, which tells you where and how to ask for a token.",
        "RFC 9728 §5.1", "https://www.rfc-editor.org/rfc/rfc9728#section-5.1",
        "`WWW-Authenticate: Bearer resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource\"`.";
}
