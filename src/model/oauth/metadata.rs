//! Finding the token endpoint: an issuer's metadata (OpenID Connect Discovery, RFC 8414) and a
//! resource's own metadata (RFC 9728), each read for the one member the next step needs, with
//! the reason in plain words when it is not there.

use super::token_request::TokenForm;
use crate::model::json;
use serde_json::Value;

/// The endpoints an authorization server's metadata names (RFC 8414 §2): the token endpoint,
/// and those the other buttons use when the server has them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Endpoints {
    pub token: String,
    pub authorization: Option<String>,
    pub device_authorization: Option<String>,
    pub introspection: Option<String>,
    pub revocation: Option<String>,
}

type FieldOf = fn(&mut TokenForm) -> &mut String;

impl Endpoints {
    /// The endpoints by their metadata names, each with the Get a token field it fills.
    fn named(&self) -> [(&'static str, Option<&String>, FieldOf); 5] {
        [
            ("token_endpoint", Some(&self.token), |f| &mut f.token_url),
            ("authorization_endpoint", self.authorization.as_ref(), |f| &mut f.authorization_url),
            ("device_authorization_endpoint", self.device_authorization.as_ref(), |f| &mut f.device_url),
            ("introspection_endpoint", self.introspection.as_ref(), |f| &mut f.introspection_url),
            ("revocation_endpoint", self.revocation.as_ref(), |f| &mut f.revocation_url),
        ]
    }

    /// What a discovery step read: "token_endpoint …, authorization_endpoint …".
    pub fn describe(&self) -> String {
        let found = self.named().into_iter().filter_map(|(name, url, _)| Some(format!("{name} {}", url?)));
        found.collect::<Vec<_>>().join(", ")
    }

    /// Puts each endpoint the metadata names in its field; a field it does not name keeps
    /// what was typed.
    pub fn fill(&self, form: &mut TokenForm) {
        for (_, url, field) in self.named() {
            if let Some(url) = url {
                *field(form) = url.clone();
            }
        }
    }
}

/// RFC 8414 §3.2 / OpenID Connect Discovery §4.2: the endpoints of the metadata, after
/// checking that `issuer` is the one asked for (§3.3: a mismatch means another server's
/// metadata).
pub fn endpoints(body: &str, issuer: &str) -> Result<Endpoints, String> {
    let doc = object(body)?;
    let said = doc.get("issuer").and_then(Value::as_str).unwrap_or_default();
    if said.trim_end_matches('/') != issuer.trim().trim_end_matches('/') {
        return Err(format!("its issuer is \"{said}\", not \"{}\" (RFC 8414 §3.3)", issuer.trim()));
    }
    let member = |name: &str| doc.get(name).and_then(Value::as_str).map(str::to_string);
    Ok(Endpoints {
        token: member("token_endpoint").ok_or_else(|| "it has no token_endpoint".to_string())?,
        authorization: member("authorization_endpoint"),
        device_authorization: member("device_authorization_endpoint"),
        introspection: member("introspection_endpoint"),
        revocation: member("revocation_endpoint"),
    })
}

/// RFC 9728 §2: the first of the resource's `authorization_servers`.
pub fn authorization_server(body: &str) -> Result<String, String> {
    let doc = object(body)?;
    let servers = doc.get("authorization_servers").and_then(Value::as_array);
    match servers.and_then(|s| s.iter().find_map(Value::as_str)) {
        Some(first) => Ok(first.to_string()),
        None => Err("it lists no authorization_servers (RFC 9728 §2)".into()),
    }
}

fn object(body: &str) -> Result<serde_json::Map<String, Value>, String> {
    match json::parse(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("it is JSON but not an object".into()),
        Err(e) => Err(format!("it is not JSON: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_member_the_next_step_needs() {
        let meta = r#"{"issuer":"https://idp.example.com/","token_endpoint":"https://idp.example.com/oauth/token","revocation_endpoint":"https://idp.example.com/oauth/revoke"}"#;
        let found = endpoints(meta, "https://idp.example.com").unwrap();
        assert_eq!(found.token, "https://idp.example.com/oauth/token");
        assert_eq!(found.revocation.as_deref(), Some("https://idp.example.com/oauth/revoke"));
        assert_eq!(found.authorization, None);
        assert_eq!(
            found.describe(),
            "token_endpoint https://idp.example.com/oauth/token, revocation_endpoint https://idp.example.com/oauth/revoke"
        );
        let mut form = TokenForm { authorization_url: "typed".into(), ..TokenForm::default() };
        found.fill(&mut form);
        assert_eq!(
            (form.token_url.as_str(), form.revocation_url.as_str(), form.authorization_url.as_str()),
            ("https://idp.example.com/oauth/token", "https://idp.example.com/oauth/revoke", "typed")
        );
        let token_endpoint = |body: &str, issuer: &str| endpoints(body, issuer).map(|e| e.token);
        assert_eq!(
            token_endpoint(meta, "https://other.example.com").unwrap_err(),
            "its issuer is \"https://idp.example.com/\", not \"https://other.example.com\" (RFC 8414 §3.3)"
        );
        assert_eq!(
            token_endpoint(r#"{"issuer":"https://idp.example.com"}"#, "https://idp.example.com").unwrap_err(),
            "it has no token_endpoint"
        );
        assert!(token_endpoint("{\"issuer\":", "x")
            .unwrap_err()
            .starts_with("it is not JSON: JSON error at line 1 col"));
        // RFC 9728 §3.2's example.
        let prm = r#"{"resource":"https://resource.example.com","authorization_servers":["https://as1.example.com","https://as2.example.net"],"bearer_methods_supported":["header","body"]}"#;
        assert_eq!(authorization_server(prm).as_deref(), Ok("https://as1.example.com"));
        assert!(authorization_server(r#"{"resource":"x"}"#).is_err());
    }
}
