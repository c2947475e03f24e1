//! The import table of `tests/import_rules.rs`: each code for what a pasted curl command does
//! that the page cannot send fires on its command and stays silent on a near miss.

use super::Outcome;
use why401::model::request::curl::import;
use why401::model::request::reproduction::Difference;

pub fn codes(command: &str) -> Vec<&'static str> {
    let imported = import(command).unwrap_or_else(|e| panic!("{command}: {e}"));
    imported.differences.iter().map(Difference::code).collect()
}

/// (code, command that fires it, near miss)
pub fn cases() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        (
            "variable_unresolved",
            "curl -H \"Authorization: Bearer $API_TOKEN\" https://api.example.com/me",
            "curl -H 'Authorization: Bearer $API_TOKEN' https://api.example.com/me",
        ),
        (
            "variable_unresolved",
            "curl -u \"alice:$PASSWORD\" https://api.example.com/me",
            "PASSWORD=s3cret curl -u \"alice:$PASSWORD\" https://api.example.com/me",
        ),
        (
            "command_output_unseen",
            "curl -H \"Authorization: Bearer $(gcloud auth print-access-token)\" https://api.example.com/me",
            "curl -H \"Authorization: Bearer \\$(gcloud auth print-access-token)\" https://api.example.com/me",
        ),
        (
            "file_content_unseen",
            "curl -d @body.json https://api.example.com/items",
            "curl --data-raw @body.json https://api.example.com/items",
        ),
        (
            "file_content_unseen",
            "curl --data-binary @- https://api.example.com/items",
            "curl --data-binary @- https://api.example.com/items <<'EOF'\n{\"a\": 1}\nEOF",
        ),
        (
            "auth_scheme_not_reproduced",
            "curl --ntlm -u 'CORP\\alice:secret' https://intranet.example.com/api",
            "curl --digest -u 'alice:secret' https://intranet.example.com/api",
        ),
        (
            "method_not_reproduced",
            "curl -X 'GET /admin' https://dav.example.com/files/",
            "curl -X PROPFIND https://dav.example.com/files/",
        ),
        (
            "more_requests_in_command",
            "curl https://api.example.com/a https://api.example.com/b",
            "curl https://api.example.com/a # https://api.example.com/b",
        ),
        ("tls_check_skipped", "curl -k https://staging.internal/api", "curl -s https://staging.internal/api"),
        (
            "client_certificate_not_sent",
            "curl --cert client.pem --key client.key https://mtls.example.com/api",
            "curl --cacert ca.pem https://mtls.example.com/api",
        ),
        (
            "proxy_not_used",
            "curl -x http://proxy.corp:3128 https://api.example.com/",
            "curl --noproxy '*' https://api.example.com/",
        ),
        (
            "signature_not_reproduced",
            "curl --aws-sigv4 'aws:amz:us-east-1:execute-api' -u \"$K:$S\" https://x.execute-api.us-east-1.amazonaws.com/",
            "curl -u \"$K:$S\" https://x.execute-api.us-east-1.amazonaws.com/",
        ),
    ]
}

pub fn outcomes() -> Vec<Outcome> {
    cases()
        .into_iter()
        .map(|(code, fires, near_miss)| Outcome {
            table: "import_rules",
            code,
            fired: codes(fires),
            quiet: codes(near_miss),
            case: fires.to_string(),
        })
        .collect()
}
