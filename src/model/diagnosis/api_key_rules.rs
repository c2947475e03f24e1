//! A vendor's or gateway's refusal of an API key (`api_key_vendors` says whose): the key was
//! refused, or none was where the vendor reads it. The finding names the vendor, where its key
//! goes and its own fix, and quotes what it said.

use super::api_key_vendors::{vendor_of, Tie};
use super::facts::Facts;
use super::report::{Hit, Likelihood};
use crate::model::findings::codes::{API_KEY_MISSING, API_KEY_NOT_ENTITLED, API_KEY_REJECTED};
use crate::model::response::message::{reason, Reason};

pub fn run(f: &Facts, hits: &mut Vec<Hit>) {
    let Some(r) = f.response else { return };
    // Google answers 400 INVALID_ARGUMENT for an unknown key.
    if !matches!(r.status, 400 | 401 | 403) {
        return;
    }
    let host = f.url.as_ref().map(|u| u.host.as_str());
    let Some((vendor, tie)) = vendor_of(host, &r.body, &r.headers) else { return };
    let said = f.server_words.clone().unwrap_or_default();
    let why = reason(&f.server_text);
    let missing = why == Some(Reason::Missing);
    // The host alone does not make every refusal a key's: its words must be about a key or
    // credentials, not about a token's expiry, audience or signature (Okta, Supabase and Azure
    // API Management also validate JWTs).
    if tie == Tie::Host {
        let lower = said.to_lowercase();
        let about_keys =
            ["key", "api token", "unauthorized", "credentials", "authenticate"].iter().any(|w| lower.contains(w));
        if !about_keys || !matches!(why, None | Some(Reason::Missing) | Some(Reason::Invalid)) {
            return;
        }
    }
    // Credentials sent where the vendor reads them and not seen: credentials_not_received says it.
    if missing && vendor.in_authorization && f.sent_known() && f.authorization().is_some() {
        return;
    }
    if r.status == 400 && !r.body.contains("API_KEY_INVALID") {
        return;
    }
    let quote = if said.is_empty() { String::new() } else { format!(" (\"{said}\")") };
    let evidence = format!("{} {} from {}{quote}.", r.status, r.reason.trim(), vendor.name).replace("  ", " ");
    let fix = format!("{} Its key goes in {}.", vendor.fix, vendor.key);
    // Apigee's key is valid there; the developer app's products do not cover this call.
    let not_entitled = vendor.name == "Apigee"
        && (r.body.contains("InvalidApiKeyForGivenResource") || said.ends_with("for given resource"));
    let hit = if not_entitled {
        let path = f.url.as_ref().and_then(|u| u.path_and_query.split('?').next()).unwrap_or("/");
        let evidence = format!("{evidence} The key was recognised; what it belongs to does not include this call.");
        let headline = format!(
            "{} knows the API key, but its app's API products do not cover this API, path or environment{quote}",
            vendor.name
        );
        let fix = format!(
            "{} Apigee matches the request's path ({path}) against the product's resource paths relative to the proxy's base path, in the environment this host serves.",
            API_KEY_NOT_ENTITLED.fix
        );
        Hit::new(API_KEY_NOT_ENTITLED, evidence, Likelihood::High).headline(headline).fix(fix)
    } else if missing {
        Hit::new(API_KEY_MISSING, evidence, Likelihood::High)
            .headline(format!("{} found no API key in the request{quote}; send it in {}", vendor.name, vendor.key))
            .fix(fix)
    } else {
        Hit::new(API_KEY_REJECTED, evidence, Likelihood::High)
            .headline(format!("{} refused the API key{quote}", vendor.name))
            .fix(fix)
    };
    hits.push(hit);
}
