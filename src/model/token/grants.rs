//! Scopes, roles, permissions and groups, gathered from every place identity providers put them.

use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantKind {
    Scope,
    Role,
    Permission,
    Group,
}

impl GrantKind {
    pub fn label(self) -> &'static str {
        match self {
            GrantKind::Scope => "scope",
            GrantKind::Role => "role",
            GrantKind::Permission => "permission",
            GrantKind::Group => "group",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub value: String,
    pub kind: GrantKind,
    /// The claim path it came from, e.g. `scp` or `resource_access.my-api.roles`.
    pub source: String,
}

/// Strings from a claim that is either a space-separated string or an array of strings.
fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
        Value::Array(items) => items.iter().filter_map(|v| v.as_str()).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

fn push_all(out: &mut Vec<Grant>, value: &Value, kind: GrantKind, source: &str) {
    for v in strings(value) {
        out.push(Grant { value: v, kind, source: source.to_string() });
    }
}

/// Every grant in a claims set, in a stable order: scopes, then roles, permissions, groups.
pub fn gather(claims: &Map<String, Value>) -> Vec<Grant> {
    let mut out = Vec::new();
    for (name, kind) in [
        ("scope", GrantKind::Scope),
        ("scp", GrantKind::Scope),
        ("roles", GrantKind::Role),
        ("permissions", GrantKind::Permission),
        ("groups", GrantKind::Group),
        ("cognito:groups", GrantKind::Group),
    ] {
        if let Some(v) = claims.get(name) {
            push_all(&mut out, v, kind, name);
        }
    }
    if let Some(roles) = claims.get("realm_access").and_then(|r| r.get("roles")) {
        push_all(&mut out, roles, GrantKind::Role, "realm_access.roles");
    }
    if let Some(Value::Object(clients)) = claims.get("resource_access") {
        for (client, access) in clients {
            if let Some(roles) = access.get("roles") {
                push_all(&mut out, roles, GrantKind::Role, &format!("resource_access.{client}.roles"));
            }
        }
    }
    // Auth0 and others put roles in namespaced custom claims, e.g. `https://example.com/roles`.
    for (name, value) in claims {
        if name.contains("://") {
            if name.ends_with("/roles") {
                push_all(&mut out, value, GrantKind::Role, name);
            } else if name.ends_with("/groups") {
                push_all(&mut out, value, GrantKind::Group, name);
            } else if name.ends_with("/permissions") {
                push_all(&mut out, value, GrantKind::Permission, name);
            }
        }
    }
    out
}

/// The scope-like values (scopes and permissions) a server may compare with what it needs.
pub fn scope_values(grants: &[Grant]) -> Vec<&str> {
    grants
        .iter()
        .filter(|g| matches!(g.kind, GrantKind::Scope | GrantKind::Permission))
        .map(|g| g.value.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn gathered(v: Value) -> Vec<(String, GrantKind, String)> {
        gather(v.as_object().unwrap()).into_iter().map(|g| (g.value, g.kind, g.source)).collect()
    }

    fn g(v: &str, k: GrantKind, s: &str) -> (String, GrantKind, String) {
        (v.into(), k, s.into())
    }

    #[test]
    fn every_idp_shape() {
        use GrantKind::*;
        let cases = [
            (
                json!({"scope": "read:users  write:users"}),
                vec![g("read:users", Scope, "scope"), g("write:users", Scope, "scope")],
            ),
            (json!({"scp": "User.Read Mail.Send"}), vec![g("User.Read", Scope, "scp"), g("Mail.Send", Scope, "scp")]),
            (json!({"scp": ["openid", "email"]}), vec![g("openid", Scope, "scp"), g("email", Scope, "scp")]),
            (json!({"roles": ["Admin"]}), vec![g("Admin", Role, "roles")]),
            (json!({"permissions": ["read:x"]}), vec![g("read:x", Permission, "permissions")]),
            (
                json!({"groups": ["g1"], "cognito:groups": ["admins"]}),
                vec![g("g1", Group, "groups"), g("admins", Group, "cognito:groups")],
            ),
            (
                json!({"realm_access": {"roles": ["offline_access"]}, "resource_access": {"account": {"roles": ["manage-account"]}, "api": {"roles": ["reader"]}}}),
                vec![
                    g("offline_access", Role, "realm_access.roles"),
                    g("manage-account", Role, "resource_access.account.roles"),
                    g("reader", Role, "resource_access.api.roles"),
                ],
            ),
            (json!({"https://example.com/roles": ["editor"]}), vec![g("editor", Role, "https://example.com/roles")]),
            (json!({"scope": 42, "roles": {"a": 1}, "email": "x"}), vec![]),
        ];
        for (claims, expected) in cases {
            assert_eq!(gathered(claims.clone()), expected, "{claims}");
        }
    }

    #[test]
    fn scope_values_skip_roles() {
        let grants = gather(json!({"scope": "a b", "roles": ["r"], "permissions": ["p"]}).as_object().unwrap());
        assert_eq!(scope_values(&grants), ["a", "b", "p"]);
    }
}
