//! Codes about the token itself and how it was pasted or put in the header.

use crate::model::findings::code::codes;

codes! {
    TOKEN_CODES;

    TOKEN_MALFORMED = "token_malformed", Error,
        "The token cannot be decoded.",
        "Copy the whole token again: most often it was truncated, or characters were added or changed on the way. The evidence names the part and byte.",
        "RFC 7519 §7.2", "https://www.rfc-editor.org/rfc/rfc7519#section-7.2",
        "A token cut short: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0` (2 parts), or `payload is not valid base64url at byte 17`.";
    BASE64_NOT_URL_SAFE = "base64_not_url_safe", Error,
        "The token uses standard base64 ('+', '/' or '='), not base64url.",
        "JWT parts are base64url without padding: '-' and '_' instead of '+' and '/', no '='. Something re-encoded or URL-decoded the token; send it exactly as the issuer produced it.",
        "RFC 7515 §2", "https://www.rfc-editor.org/rfc/rfc7515#section-2",
        "A payload segment containing `+`, `/` or ending in `=`.";
    TOKEN_EXPIRED = "token_expired", Error,
        "The token has expired.",
        "Get a new token: refresh it with the refresh token, or sign in again. Access tokens are short-lived on purpose; cache them with their expiry and renew before it.",
        "RFC 7519 §4.1.4", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4",
        "`exp` = 1300819380 (2011-03-22 18:43:00 UTC) and the clock says 2026.";
    TOKEN_NOT_YET_VALID = "token_not_yet_valid", Error,
        "The token is not valid yet: its nbf (not before) is in the future.",
        "A clock is off: the issuer's, the server's or yours. Synchronise clocks with NTP, or configure the server to allow a small leeway (30-60 s).",
        "RFC 7519 §4.1.5", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.5",
        "`nbf` two minutes ahead of the clock, leeway 0 s.";
    IAT_IN_FUTURE = "iat_in_future", Warning,
        "The token claims to be issued in the future.",
        "The issuer's clock is ahead of this one. Libraries such as jsonwebtoken (Node) and PyJWT reject such tokens; synchronise clocks or allow leeway.",
        "RFC 7519 §4.1.6", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.6",
        "`iat` five minutes ahead of the clock.";
    EXP_IN_MILLISECONDS = "exp_in_milliseconds", Error,
        "A time claim is in milliseconds; JWT times are seconds.",
        "Divide by 1000 where the token is made (JavaScript's Date.now() is milliseconds). Read as seconds this date is tens of thousands of years away, so servers either reject it or never expire it.",
        "RFC 7519 §2 (NumericDate)", "https://www.rfc-editor.org/rfc/rfc7519#section-2",
        "`exp` = 1767226200000 (milliseconds) instead of 1767226200.";
    TIME_CLAIM_NOT_NUMERIC = "time_claim_not_numeric", Error,
        "A time claim is not a number.",
        "exp, nbf and iat must be JSON numbers of seconds since 1970, not strings or dates. Fix the code that creates the token.",
        "RFC 7519 §2 (NumericDate)", "https://www.rfc-editor.org/rfc/rfc7519#section-2",
        "`\"exp\": \"1767226200\"` (a string).";
    NO_EXPIRY = "no_expiry", Info,
        "The token has no expiry (no exp claim).",
        "It cannot expire, so a 401 means it was revoked, is for another audience, or the server requires exp (RFC 9068 access tokens must have one).",
        "RFC 9068 §2.2", "https://www.rfc-editor.org/rfc/rfc9068#section-2.2",
        "A payload with `sub` and `iss` but no `exp`.";
    ALG_NONE = "alg_none", Error,
        "The token is unsigned (alg \"none\").",
        "Every API must reject unsigned tokens. Get a signed token from the issuer; never configure a server to accept \"none\".",
        "RFC 8725 §3.1", "https://www.rfc-editor.org/rfc/rfc8725#section-3.1",
        "RFC 7515 A.5: header `{\"alg\":\"none\"}`, empty signature.";
    SIGNATURE_MISSING = "signature_missing", Error,
        "The signature part is empty although the algorithm says the token is signed.",
        "The token was cut after the second dot or its signature stripped. Copy the whole token.",
        "RFC 7515 §7.1", "https://www.rfc-editor.org/rfc/rfc7515#section-7.1",
        "`{\"alg\":\"HS256\"}` header and nothing after the second dot.";
    JWE_NOT_READABLE = "jwe_not_readable", Warning,
        "The token is encrypted (JWE): its claims cannot be read without the recipient's key.",
        "APIs that expect a signed JWT reject it. With Auth0, an access token requested without an `audience` comes back encrypted or opaque: pass the API identifier as `audience`.",
        "RFC 7516 §9", "https://www.rfc-editor.org/rfc/rfc7516#section-9",
        "RFC 7520 §5.6: five parts, header `{\"alg\":\"dir\",\"enc\":\"A128GCM\"}`.";
    PAYLOAD_NOT_JSON = "payload_not_json", Info,
        "The payload is not a JSON claims set: this is a signed message, not a JWT.",
        "A JWS may carry any bytes, but an API expecting a JWT needs a JSON object of claims. Check that this is the token the API wants.",
        "RFC 7519 §7.2", "https://www.rfc-editor.org/rfc/rfc7519#section-7.2",
        "RFC 7520 §4.1: payload \"It’s a dangerous business, Frodo…\".";
    ID_TOKEN_AS_ACCESS_TOKEN = "id_token_as_access_token", Error,
        "This is an ID token, not an access token.",
        "ID tokens tell your app who signed in; APIs want the access token. From the token response use `access_token`, not `id_token` (and request the API's scopes/audience so the access token is a JWT for it).",
        "OpenID Connect Core §2", "https://openid.net/specs/openid-connect-core-1_0.html#IDToken",
        "Payload has `nonce` or `at_hash`, Cognito `token_use: \"id\"`, or Keycloak `typ: \"ID\"`.";
    REFRESH_TOKEN_AS_ACCESS_TOKEN = "refresh_token_as_access_token", Error,
        "This is a refresh token, not an access token.",
        "Refresh tokens go only to the token endpoint (grant_type=refresh_token), which returns a new access token to send to the API.",
        "RFC 6749 §1.5", "https://www.rfc-editor.org/rfc/rfc6749#section-1.5",
        "Keycloak payload `typ: \"Refresh\"` or `\"Offline\"`.";
    NOT_RFC9068_ACCESS_TOKEN = "not_rfc9068_access_token", Info,
        "The header typ is not \"at+jwt\": not a typed RFC 9068 access token.",
        "Most APIs accept typ \"JWT\"; servers that follow RFC 9068 strictly reject anything but \"at+jwt\" (to stop ID tokens being replayed as access tokens). Only then change the issuer's token format.",
        "RFC 9068 §4", "https://www.rfc-editor.org/rfc/rfc9068#section-4",
        "An access token whose header says `\"typ\":\"JWT\"`.";
    OPAQUE_TOKEN = "opaque_token", Info,
        "Opaque token: its expiry, scopes and audience cannot be read from it.",
        "Only the issuer knows what it grants: use its introspection endpoint (RFC 7662) or the vendor's token page. If you expected a JWT, the issuer was asked for the wrong token type or audience.",
        "RFC 7662 §2", "https://www.rfc-editor.org/rfc/rfc7662#section-2",
        "`ghp_…`, `ya29.…` or any token that is not a JWT.";
    WRONG_CREDENTIAL_TYPE = "wrong_credential_type", Error,
        "This credential is not accepted as an API access token.",
        "Use the credential the API expects; the evidence names what this one is for.",
        "RFC 6750 §1.2", "https://www.rfc-editor.org/rfc/rfc6750#section-1.2",
        "A Stripe `pk_live_…` publishable key, a GitHub `ghr_…` refresh token, an AWS `AKIA…` key id.";
    BEARER_PREFIX_DUPLICATED = "bearer_prefix_duplicated", Error,
        "\"Bearer\" appears more than once.",
        "Your code adds \"Bearer \" to a value that already starts with it. Store the bare token and add the prefix in one place.",
        "RFC 6750 §2.1", "https://www.rfc-editor.org/rfc/rfc6750#section-2.1",
        "`Authorization: Bearer Bearer eyJ…`.";
    BEARER_MISSING_SPACE = "bearer_missing_space", Error,
        "There is no space between the scheme and the token.",
        "The header value is the scheme, one space, then the token: `Authorization: Bearer <token>`.",
        "RFC 6750 §2.1", "https://www.rfc-editor.org/rfc/rfc6750#section-2.1",
        "`Authorization: BearereyJ…`.";
    BEARER_LOWERCASE = "bearer_lowercase", Warning,
        "The scheme is not spelled \"Bearer\".",
        "Schemes are case-insensitive by the standard, but some servers compare them case-sensitively. Send `Bearer` exactly to rule this out.",
        "RFC 9110 §11.1", "https://www.rfc-editor.org/rfc/rfc9110#section-11.1",
        "`Authorization: bearer eyJ…`.";
    TOKEN_QUOTED = "token_quoted", Error,
        "The token is wrapped in quotes.",
        "Quotes are not part of the token; they come from JSON.stringify, a config file or shell quoting. Send the bare value.",
        "RFC 6750 §2.1", "https://www.rfc-editor.org/rfc/rfc6750#section-2.1",
        "`Authorization: Bearer \"eyJ…\"`.";
    TOKEN_URL_ENCODED = "token_url_encoded", Error,
        "The token is URL-encoded.",
        "No token contains `%`: this one was copied from a URL, a cookie or a form body with its percent-escapes (`%3D` for `=`, `%2B` for `+`, `%2F` for `/`) still in it, and the server compares it byte for byte. Decode it once before it goes into the header (`urllib.parse.unquote` in Python, `decodeURIComponent` in JavaScript).",
        "RFC 3986 §2.1", "https://www.rfc-editor.org/rfc/rfc3986#section-2.1",
        "`Authorization: Bearer eyJhbGciOi…%3D%3D` or a token copied out of a redirect URL.";
    TOKEN_WHITESPACE = "token_whitespace", Error,
        "The token contains line breaks or whitespace.",
        "A trailing newline usually comes from a file or environment variable: strip it (`.strip()` in Python, `.trim()` in JS). Python requests refuses such a header value; other clients send it and the server rejects it.",
        "RFC 9110 §5.5", "https://www.rfc-editor.org/rfc/rfc9110#section-5.5",
        "A token followed by `\\n`, or wrapped over two lines.";
    HEADER_NAME_TYPO = "header_name_typo", Error,
        "The header is not named Authorization.",
        "Servers read credentials only from `Authorization` (US spelling). `Authorisation`, `Authentication` or `Auth` are ignored, so the request arrives with no credentials at all.",
        "RFC 9110 §11.6.2", "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2",
        "`Authorisation: Bearer eyJ…`.";
    TOKEN_REVOKED = "token_revoked", Error,
        "The server says the token was revoked.",
        "A revoked token stays revoked whatever its exp says: sign-out, a password change, a refresh that rotated it, or an admin revoked it (a denylist such as Flask-JWT-Extended's or simplejwt's blacklist). Stop reusing it: refresh (with the newest refresh token) or sign in again, and check that the client stores the new token it gets.",
        "RFC 7009 §2", "https://www.rfc-editor.org/rfc/rfc7009#section-2",
        "`{\"msg\":\"Token has been revoked\"}` (Flask-JWT-Extended), `{\"detail\":\"Token is blacklisted\"}` (simplejwt).";
    ISSUER_REJECTED = "issuer_rejected", Error,
        "The server does not accept the token's issuer.",
        "The token comes from an issuer the API is not configured for: another tenant, realm or environment, or the same one under another URL (http vs https, a host name vs localhost, a trailing slash: `iss` is compared as a string). Compare the token's iss byte for byte with the API's configured issuer or authority, and get a token from that one.",
        "RFC 7519 §4.1.1, RFC 8725 §3.8", "https://www.rfc-editor.org/rfc/rfc8725#section-3.8",
        "Spring: `error_description=\"The iss claim is not valid\"`; jsonwebtoken: `jwt issuer invalid. expected: https://id.example.com/`.";
}
