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
    JWKS_FETCH_BLOCKED_BY_CORS = "jwks_fetch_blocked_by_cors", Warning,
        "The browser blocked this page from reading the issuer's keys (CORS).",
        "Many issuers do not let other sites read their metadata or JWKS from a browser. Open the URL in a new tab (or `curl` it) and paste the JSON into the Key field.",
        "Fetch standard: CORS protocol", "https://fetch.spec.whatwg.org/#http-cors-protocol",
        "Fetching `https://idp.example.com/.well-known/jwks.json` when the issuer sends no Access-Control-Allow-Origin.";
}
