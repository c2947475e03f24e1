//! Codes about verifying the token's signature: the key, the algorithm, the issuer's metadata.
//! `alg_none` lives with the token codes and is reused, not repeated.

use crate::model::findings::code::codes;

codes! {
    SIGNATURE_CODES;
    MICROSOFT_GRAPH_TOKEN = "microsoft_graph_token", Error,
        "This is a Microsoft Graph token: only Graph can verify it.",
        "Graph access tokens are for Graph alone: Graph transforms the header's nonce before checking, so the signature never verifies with the published keys, and your API must not accept them anyway. Request a token for your own API (scope `api://<app-id>/.default`) so that aud is your app.",
        "Microsoft identity platform: access tokens", "https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens",
        "`aud` `00000003-0000-0000-c000-000000000000`, or a `nonce` in the header.";
    KID_NOT_IN_JWKS = "kid_not_in_jwks", Error,
        "The token's kid is not among the keys.",
        "Either the issuer rotated its keys (fetch the JWKS again; a server caching old keys must refresh), or the token comes from another tenant or environment (staging vs production, another realm) whose keys the API does not trust.",
        "RFC 7515 §4.1.4", "https://www.rfc-editor.org/rfc/rfc7515#section-4.1.4",
        "Header `\"kid\":\"2024-06\"` and a JWKS whose kids are `2025-01` and `2025-02`.";
    ALG_KEY_MISMATCH = "alg_key_mismatch", Error,
        "The token's algorithm does not fit the key.",
        "RS* and PS* need an RSA key, ES256/ES384/ES512 an EC key on P-256/P-384/P-521, EdDSA an Ed25519 key, HS* a shared secret. Verify with the issuer's key of that type, or fix the algorithm the issuer or the API is configured with.",
        "RFC 7518 §3.1", "https://www.rfc-editor.org/rfc/rfc7518#section-3.1",
        "An RS256 token and an EC P-256 key.";
    HS_WITH_PUBLIC_KEY = "hs_with_public_key", Error,
        "The token is HMAC-signed (HS*) but the key is a public key.",
        "An API that holds a public key must accept only asymmetric algorithms. A server that used the public key's bytes as an HMAC secret would accept tokens anyone can forge (the algorithm-confusion attack), so pin the accepted algorithms on the server. If the issuer really signs with HS256, verify with the shared secret instead.",
        "RFC 8725 §3.1", "https://www.rfc-editor.org/rfc/rfc8725#section-3.1",
        "Header `{\"alg\":\"HS256\"}` and an RSA `PUBLIC KEY`.";
    ECDSA_SIGNATURE_DER = "ecdsa_signature_der", Error,
        "The ECDSA signature is DER-encoded, not JOSE's raw r||s.",
        "JWS carries r and s as two fixed-length numbers: 64 bytes for ES256, 96 for ES384, 132 for ES512. The signer used a generic ECDSA API (Java's Signature, OpenSSL, AWS KMS Sign, .NET with the DER format) and encoded its DER output: convert it to r||s before base64url-encoding.",
        "RFC 7518 §3.4", "https://www.rfc-editor.org/rfc/rfc7518#section-3.4",
        "An ES256 token whose signature is 70 to 72 bytes starting with 0x30.";
    SIGNATURE_INVALID = "signature_invalid", Error,
        "The signature does not match the token and the key.",
        "The token was changed after it was signed, or it was signed with another key: a rotated key, another tenant or environment, or another issuer. Get a fresh token from the issuer the API trusts and check which keys the API is configured with.",
        "RFC 7515 §5.2", "https://www.rfc-editor.org/rfc/rfc7515#section-5.2",
        "RFC 7515 A.1 with one bit of its signature flipped, checked with its own key.";
    ISSUER_METADATA_MISMATCH = "issuer_metadata_mismatch", Error,
        "The issuer in the discovery document differs from the token's iss.",
        "They must be identical strings (a trailing slash counts), and servers that validate iss against the metadata reject the token. Configure the API with the issuer exactly as the token carries it, or get tokens from the issuer whose metadata the API reads.",
        "OpenID Connect Discovery §4.3", "https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfigurationValidation",
        "`iss` `https://idp.example.com/` and metadata issuer `https://idp.example.com`.";
    HS_SECRET_TOO_SHORT = "hs_secret_too_short", Warning,
        "The HMAC secret is shorter than the hash output.",
        "RFC 7518 requires at least as many bytes as the hash: 32 for HS256, 48 for HS384, 64 for HS512. jjwt and Nimbus (Spring Security) refuse shorter secrets, so such a server rejects the token before checking it. Generate a random secret, e.g. `openssl rand -base64 32`.",
        "RFC 7518 §3.2", "https://www.rfc-editor.org/rfc/rfc7518#section-3.2",
        "HS256 with the secret `secret` (6 bytes).";
    JWS_ENCODING_NOT_STRICT = "jws_encoding_not_strict", Error,
        "The token is not strict base64url: a strict server refuses it before checking the signature.",
        "Each part of a compact JWS is base64url without padding, whitespace, line breaks or any other character (RFC 7515 §2, §7.1), and a strict decoder also refuses leftover bits in the last character (RFC 4648 §3.5). This page read the token leniently to show it; a server decodes it strictly. Send the token exactly as the issuer produced it: no `=`, `+`, `/`, spaces, line breaks or percent-escapes added on the way.",
        "RFC 7515 §2", "https://www.rfc-editor.org/rfc/rfc7515#section-2",
        "`eyJ….VGVzdA.    c1LROH7e…` (spaces inside), or `=` padding after a part.";
    JWS_HEADER_DUPLICATE_MEMBER = "jws_header_duplicate_member", Error,
        "The token's header names one member twice.",
        "RFC 7515 §4 lets a verifier either reject such a header or keep only the last value. JSON.parse (Node), Python's json and Go's encoding/json keep the last, as this page did; a strict verifier rejects the token, and two parsers that disagree about `alg` or `kid` are how signature checks get bypassed. The issuer must write each header member once.",
        "RFC 7515 §4", "https://www.rfc-editor.org/rfc/rfc7515#section-4",
        "`{\"alg\":\"HS256\",\"alg\":\"none\"}`.";
    JWS_CRIT_INVALID = "jws_crit_invalid", Error,
        "The token's crit header asks for an extension a verifier must understand, or is malformed.",
        "`crit` lists header extensions the verifier must understand and apply, or reject the token (RFC 7515 §4.1.11): it must be a non-empty array naming members present in the header, never the standard ones. This page understands only `b64` (RFC 7797); a server that does not understand an extension listed there rejects the token however good its signature. Conversely an unencoded payload (`\"b64\": false`) must be listed in crit (RFC 7797 §6).",
        "RFC 7515 §4.1.11", "https://www.rfc-editor.org/rfc/rfc7515#section-4.1.11",
        "`{\"alg\":\"ES256\",\"crit\":[\"exp\"],\"exp\":1363284000}`.";
    RSA_KEY_WEAK = "rsa_key_weak", Error,
        "The RSA key must not be used: too short, a bad exponent, or the ROCA weakness.",
        "JOSE requires RSA keys of 2048 bits or more (RFC 7518 §3.3), and jose, Nimbus and others refuse shorter ones. A public exponent must be odd and greater than 1. A modulus with the ROCA fingerprint (CVE-2017-15361, keys from Infineon chips of 2012 to 2017) can be factored with a published method (cheaply at 512 and 1024 bits, for a large but feasible cost at 2048), so treat its private key as exposed. Generate a new key pair (2048 bits or more, e = 65537) with a current library, publish it and revoke the old one.",
        "RFC 7518 §3.3; CVE-2017-15361", "https://www.rfc-editor.org/rfc/rfc7518#section-3.3",
        "A 1024-bit RSA key, or a modulus whose remainders by small primes all fall in the subgroup 65537 generates.";
    JWKS_MIXED_KEY_TYPES = "jwks_mixed_key_types", Error,
        "The key set mixes shared secrets with public keys.",
        "A verifier that picks its key from a set by the token's kid or alg lets the token choose between a shared secret and a public key: the setting in which a token signed with HMAC over public key bytes gets accepted (algorithm confusion, RFC 8725 §3.1). Keep shared secrets out of published key sets and pin the algorithm each key is for.",
        "RFC 8725 §3.1", "https://www.rfc-editor.org/rfc/rfc8725#section-3.1",
        "A JWKS with an `oct` key next to `RSA` and `EC` keys.";
    JWKS_DUPLICATE_KID = "jwks_duplicate_kid", Error,
        "Two keys in the set share the token's kid.",
        "Keys in a set should have distinct kids; one kid may be shared only by keys of different types (RFC 7517 §4.5). With two keys that could both check this token under one kid, which one a server uses depends on its library (first, last, or each in turn), so the token may verify here and fail there. The issuer must give each key its own kid.",
        "RFC 7517 §4.5", "https://www.rfc-editor.org/rfc/rfc7517#section-4.5",
        "Two JWKs with `\"kid\":\"kid-aes-sign\"`.";
    TOKEN_CARRIES_KEY = "token_carries_key", Warning,
        "The token names its own verification key (jwk, x5c, jku or x5u in its header).",
        "Anyone can make a key pair, sign a token and name that key in its header: a server that verifies with a key the token brings accepts forgeries (CVE-2018-0114), and one that follows jku or x5u fetches from any URL the token names (RFC 8725 §3.10). A server must verify with keys it already trusts (the issuer's JWKS it fetched itself) and may use kid only to choose among them. Only a certificate chain (x5c) validated to a trusted root is an exception; DPoP proofs (typ dpop+jwt) carry their jwk by design.",
        "CVE-2018-0114; RFC 8725 §3.10", "https://www.rfc-editor.org/rfc/rfc8725#section-3.10",
        "Header `{\"alg\":\"RS256\",\"jwk\":{\"kty\":\"RSA\",…}}` signed with that very key.";
    X5C_CERTIFICATE_EXPIRED = "x5c_certificate_expired", Warning,
        "A certificate in the token's x5c chain is expired or not yet valid.",
        "A server that verifies with the token's x5c chain (and validates it to a trusted root, as it must) rejects a certificate outside its validity period, whatever the signature. The issuer must sign with a key whose certificate is current; a server that ignores x5c and uses its own keys is not affected.",
        "RFC 5280 §4.1.2.5", "https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.5",
        "`x5c` whose first certificate's notAfter is 2024-03-01 on a token checked in 2026.";
    JWKS_FETCH_BLOCKED_BY_CORS = "jwks_fetch_blocked_by_cors", Warning,
        "The browser blocked this page from reading the issuer's keys (CORS).",
        "Many issuers do not let other sites read their metadata or JWKS from a browser. Open the URL in a new tab (or `curl` it) and paste the JSON into the Key field.",
        "Fetch standard: CORS protocol", "https://fetch.spec.whatwg.org/#http-cors-protocol",
        "Fetching `https://idp.example.com/.well-known/jwks.json` when the issuer sends no Access-Control-Allow-Origin.";
}
