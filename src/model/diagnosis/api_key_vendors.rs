//! API-key vendors and gateways as data: how to recognise each one's refusal (the request's
//! host, words or headers only it sends), what its key looks like, where it goes, and its own
//! fix. `api_key_rules` reads this table; a vendor is one entry here.

pub struct KeyVendor {
    pub name: &'static str,
    /// The request's host ends with one of these.
    pub hosts: &'static [&'static str],
    /// The response body contains one of these (each specific to the vendor).
    pub body_marks: &'static [&'static str],
    /// A response header (name, value prefix) only this vendor sends.
    pub header_marks: &'static [(&'static str, &'static str)],
    /// Where the key goes and what it looks like.
    pub key: &'static str,
    /// Whether the key travels in the Authorization header (Bearer or Basic).
    pub in_authorization: bool,
    /// The vendor's own fix, with its page.
    pub fix: &'static str,
}

pub const KEY_VENDORS: &[KeyVendor] = &[
    KeyVendor {
        name: "OpenAI",
        hosts: &["api.openai.com"],
        body_marks: &["\"invalid_api_key\"", "platform.openai.com/account/api-keys"],
        header_marks: &[("openai-organization", "")],
        key: "`Authorization: Bearer sk-…` (project keys start with `sk-proj-`)",
        in_authorization: true,
        fix: "Copy a current key from https://platform.openai.com/api-keys: a deleted or rotated key, a key of another project or organization (see the OpenAI-Organization and OpenAI-Project headers), or a key with a stray space or newline is refused.",
    },
    KeyVendor {
        name: "Anthropic",
        hosts: &["api.anthropic.com"],
        body_marks: &["\"authentication_error\""],
        header_marks: &[("anthropic-ratelimit-requests-limit", "")],
        key: "the `x-api-key: sk-ant-…` header with `anthropic-version: 2023-06-01` (not `Authorization: Bearer`)",
        in_authorization: false,
        fix: "Send the key in `x-api-key`; an `Authorization: Bearer` header is not read for API keys. Create or copy a key in the Anthropic Console (https://console.anthropic.com/settings/keys) and check it belongs to the workspace you expect.",
    },
    KeyVendor {
        name: "Google",
        // Google APIs take OAuth tokens too: only the key's own error says it was a key.
        hosts: &[],
        body_marks: &["\"API_KEY_INVALID\"", "API key not valid. Please pass a valid API key."],
        header_marks: &[],
        key: "the `key=` query parameter or the `x-goog-api-key` header",
        in_authorization: false,
        fix: "Google answers 400 for a key it does not know: copy the key again from the Cloud console (APIs & Services → Credentials) or Google AI Studio for Gemini, check it is not restricted to other APIs, referrers or IPs, and that it belongs to the project with the API enabled.",
    },
    KeyVendor {
        name: "Hugging Face",
        hosts: &["huggingface.co", "hf.co"],
        body_marks: &["Invalid credentials in Authorization header"],
        header_marks: &[],
        key: "`Authorization: Bearer hf_…` (a user access token)",
        in_authorization: true,
        fix: "Create a token at https://huggingface.co/settings/tokens with the scope the call needs (a fine-grained token must list the repository or the Inference Providers permission), and send it as Bearer.",
    },
    KeyVendor {
        name: "Cohere",
        hosts: &["api.cohere.com", "api.cohere.ai"],
        body_marks: &["invalid api token"],
        header_marks: &[],
        key: "`Authorization: Bearer <key>`",
        in_authorization: true,
        fix: "Copy the key from https://dashboard.cohere.com/api-keys; a trial key that was revoked or a production key of another team is refused.",
    },
    KeyVendor {
        name: "Mistral",
        hosts: &["mistral.ai"],
        body_marks: &[],
        header_marks: &[],
        key: "`Authorization: Bearer <key>`; codestral.mistral.ai takes its own Codestral key, not a La Plateforme key",
        in_authorization: true,
        fix: "Create a key in La Plateforme (https://console.mistral.ai/api-keys); a new key can take a few minutes to work, and a workspace without billing activated refuses every key.",
    },
    KeyVendor {
        name: "Twilio",
        hosts: &["api.twilio.com", "twilio.com"],
        body_marks: &["twilio.com/docs/errors/20003"],
        header_marks: &[("twilio-request-id", "")],
        key: "Basic auth: the Account SID (`AC…`) with the Auth Token, or an API Key SID (`SK…`) with its secret",
        in_authorization: true,
        fix: "Twilio error 20003: the SID and secret do not match. Use the Account SID with its Auth Token (or an API Key SID with its secret, never mixed), from the same account or subaccount as the URL's Accounts/AC… part; https://www.twilio.com/docs/errors/20003.",
    },
    KeyVendor {
        name: "SendGrid",
        hosts: &["api.sendgrid.com"],
        body_marks: &["The provided authorization grant is invalid, expired, or revoked"],
        header_marks: &[],
        key: "`Authorization: Bearer SG.<id>.<secret>` (the whole key, not its Key ID)",
        in_authorization: true,
        fix: "Send the whole API key (it starts with `SG.` and is shown once when created); the Key ID shown in the list afterwards is not the key. Create a new one at https://app.sendgrid.com/settings/api_keys with the permissions the call needs.",
    },
    KeyVendor {
        name: "Shopify",
        hosts: &["myshopify.com"],
        body_marks: &["[API] Invalid API key or access token"],
        header_marks: &[],
        key: "the `X-Shopify-Access-Token: shpat_…` header (an Admin API access token, not the API key or secret)",
        in_authorization: false,
        fix: "Send the app's Admin API access token (`shpat_…`) in X-Shopify-Access-Token; the API key and API secret key are not access tokens. A token of an uninstalled app or another store is refused.",
    },
    KeyVendor {
        name: "Supabase",
        hosts: &["supabase.co"],
        body_marks: &["Double check your Supabase"],
        header_marks: &[],
        key: "the `apikey` header with the project's anon (publishable) or service_role (secret) key",
        in_authorization: false,
        fix: "Copy the key from the project's Settings → API Keys and send it as `apikey` (the Authorization header carries the user's JWT, not the key). A key from another project, or a legacy key after the project moved to new API keys, is refused.",
    },
    KeyVendor {
        name: "Kong",
        hosts: &[],
        // key-auth's own words; Kong's other plugins (jwt, oauth2) refuse tokens, not keys.
        body_marks: &["Invalid authentication credentials", "No API key found in request"],
        header_marks: &[("server", "kong/"), ("x-kong-response-latency", "")],
        key: "the header or query parameter the key-auth plugin names (`apikey` by default)",
        in_authorization: false,
        fix: "The key is not one of this consumer's key-auth credentials: check the key (a rotated or deleted credential is refused) and that it is sent under the name the plugin's key_names setting lists.",
    },
    KeyVendor {
        name: "Apigee",
        hosts: &[],
        body_marks: &["oauth.v2.InvalidApiKey", "oauth.v2.FailedToResolveAPIKey"],
        header_marks: &[],
        key: "the query parameter or header the VerifyAPIKey policy reads (often `apikey`)",
        in_authorization: false,
        fix: "Use the Consumer Key of an approved developer app whose product includes this API proxy and environment; a revoked app, an expired key or the Consumer Secret is refused.",
    },
    KeyVendor {
        name: "Azure API Management",
        hosts: &["azure-api.net"],
        body_marks: &["invalid subscription key", "missing subscription key"],
        header_marks: &[("www-authenticate", "AzureApiManagementKey")],
        key: "the `Ocp-Apim-Subscription-Key` header or the `subscription-key` query parameter",
        in_authorization: false,
        fix: "Use the primary or secondary key of an active subscription to a product that includes this API (Developer portal → Profile, or the Subscriptions blade); a suspended or cancelled subscription's key is refused.",
    },
    KeyVendor {
        name: "Okta",
        hosts: &["okta.com", "oktapreview.com"],
        body_marks: &["\"E0000011\""],
        header_marks: &[],
        key: "`Authorization: SSWS <API token>` for Okta's management API",
        in_authorization: true,
        fix: "Okta API tokens expire after 30 days without use and die with the admin who created them: create a new one (Security → API → Tokens), or use OAuth 2.0 with scoped access tokens instead.",
    },
];

/// How a refusal was tied to its vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tie {
    /// The vendor's own words or headers.
    Marks,
    /// Only the request's host: the same host also refuses tokens, sessions, permissions.
    Host,
}

/// The vendor a refusal comes from: its own words or headers, else the request's host. A
/// gateway (no host of its own) with both kinds of marks needs both: its words alone are
/// common.
pub fn vendor_of(host: Option<&str>, body: &str, headers: &[(String, String)]) -> Option<(&'static KeyVendor, Tie)> {
    let by_host = host.and_then(|h| {
        let h = h.to_ascii_lowercase();
        KEY_VENDORS.iter().find(|v| v.hosts.iter().any(|s| h == *s || h.ends_with(&format!(".{s}"))))
    });
    let said = |v: &KeyVendor| v.body_marks.iter().any(|m| body.contains(m));
    let marked = |v: &KeyVendor| {
        v.header_marks.iter().any(|(name, prefix)| {
            headers.iter().any(|(n, value)| n.eq_ignore_ascii_case(name) && value.starts_with(prefix))
        })
    };
    let gateway = |v: &KeyVendor| v.hosts.is_empty() && !v.body_marks.is_empty() && !v.header_marks.is_empty();
    KEY_VENDORS
        .iter()
        .find(|v| said(v) && (!gateway(v) || marked(v)))
        .or_else(|| KEY_VENDORS.iter().find(|v| marked(v) && !gateway(v)))
        .map(|v| (v, Tie::Marks))
        .or(by_host.map(|v| (v, Tie::Host)))
}
