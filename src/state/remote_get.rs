//! GET what the user asked for (an issuer's metadata, a JWKS, a resource's metadata), recorded
//! in the request log; a failure becomes the sentence and the finding that explain it.

use super::Composer;
use crate::browser::fetch;
use crate::model::findings::Finding;
use crate::model::json;
use crate::model::signature::remote;

/// GET a JSON document the user asked for; a failure becomes the finding that explains it.
pub async fn get_json(composer: Composer, url: &str) -> Result<serde_json::Value, (String, Option<Finding>)> {
    let body = get_body(composer, url).await?;
    json::parse(&body).map_err(|e| (format!("{url} did not return JSON: {e}"), None))
}

/// GET what the user asked for, recorded in the request log.
pub async fn get_body(composer: Composer, url: &str) -> Result<String, (String, Option<Finding>)> {
    remote::allowed_remote(url).map_err(|why| (why, None))?;
    match fetch::get_text(url).await {
        Ok((status, body)) => {
            composer.record("GET", url, status.to_string());
            if status != 200 {
                return Err((format!("{url} answered {status}"), None));
            }
            Ok(body)
        }
        Err(_) => {
            let probe = fetch::probe(url).await;
            composer.record("GET", url, "no response");
            Err((format!("{url} could not be read"), Some(remote::jwks_fetch_failed(url, probe))))
        }
    }
}
