//! The report for a ticket, as Markdown or JSON, with every secret masked. Both are rendered
//! from one masked structure, so they cannot disagree about what is hidden.
//!
//! JSON field names are stable: tools may read them.

use super::context::Context;
use super::facts::Facts;
use super::mask::{mask_header, mask_param, mask_token, mask_url, secret_param, Scrubber};
use super::report::Report;
use crate::model::json;
use crate::model::response::Source;
use crate::model::token::summary;
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Serialize)]
struct Export {
    tool: &'static str,
    verdict: String,
    all_good: bool,
    findings: Vec<FindingOut>,
    script_checks: Vec<CheckOut>,
    request: Option<RequestOut>,
    response: Option<ResponseOut>,
    token: Option<TokenOut>,
}

#[derive(Serialize)]
struct FindingOut {
    code: &'static str,
    severity: &'static str,
    likelihood: &'static str,
    title: &'static str,
    evidence: String,
    fix: String,
    reference: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct CheckOut {
    title: String,
    why: String,
}

#[derive(Serialize)]
struct NameValue {
    name: String,
    value: String,
}

#[derive(Serialize)]
struct RequestOut {
    /// "composer", or "trace" when the headers come from a pasted `curl -v`.
    source: &'static str,
    method: Option<String>,
    url: Option<String>,
    headers: Vec<NameValue>,
    body: Option<BodyOut>,
}

#[derive(Serialize)]
struct BodyOut {
    kind: &'static str,
    /// Form fields, or the top level of a JSON body; secrets masked.
    fields: Vec<NameValue>,
    chars: usize,
}

#[derive(Serialize)]
struct HopOut {
    status: u16,
    method: String,
    url: String,
    location: String,
}

#[derive(Serialize)]
struct ResponseOut {
    status: u16,
    reason: String,
    source: &'static str,
    headers: Vec<NameValue>,
    redirects: Vec<HopOut>,
}

#[derive(Serialize)]
struct TokenOut {
    kind: String,
    value: String,
    /// Claims that explain authorisation failures; personal data such as email is left out.
    claims: Map<String, Value>,
}

/// Claims worth putting in a ticket.
const TICKET_CLAIMS: &[&str] = &[
    "iss",
    "aud",
    "azp",
    "client_id",
    "exp",
    "nbf",
    "iat",
    "scope",
    "scp",
    "roles",
    "permissions",
    "token_use",
    "typ",
    "ver",
    "tid",
    "cnf",
];

fn build(report: &Report, ctx: &Context) -> Export {
    let f = Facts::new(ctx);
    let scrub = Scrubber::new(&f);
    let s = |text: &str| scrub.apply(text);
    let keys = &scrub.key_names;
    let findings = report
        .ranked
        .iter()
        .map(|r| FindingOut {
            code: r.finding.info.code,
            severity: r.finding.info.severity.label(),
            likelihood: r.likelihood.label(),
            title: r.finding.info.title,
            evidence: s(&r.finding.evidence),
            fix: s(&r.finding.fix),
            reference: r.finding.info.reference,
            url: r.finding.info.url,
        })
        .collect();
    let headers = |list: &[(String, String)]| -> Vec<NameValue> {
        list.iter().map(|(n, v)| NameValue { name: n.clone(), value: s(&mask_header(n, v, keys)) }).collect()
    };
    let request = match (ctx.request, &f.sent_headers) {
        (Some(req), Some(sent)) => Some(RequestOut {
            source: if f.from_trace { "trace" } else { "composer" },
            method: Some(req.method.to_string()),
            url: Some(s(&mask_url(&req.url(), keys))),
            headers: headers(sent),
            body: body(req, keys).map(|mut b| {
                b.fields.iter_mut().for_each(|nv| nv.value = s(&nv.value));
                b
            }),
        }),
        (None, Some(sent)) => {
            Some(RequestOut { source: "trace", method: None, url: None, headers: headers(sent), body: None })
        }
        _ => None,
    };
    let response = ctx.response.map(|r| ResponseOut {
        status: r.status,
        reason: r.reason.clone(),
        source: match r.source {
            Source::Pasted => "pasted",
            Source::Fetched { cross_origin: false } => "fetched",
            Source::Fetched { cross_origin: true } => "fetched cross-origin",
        },
        headers: headers(&r.headers),
        redirects: r
            .hops
            .iter()
            .map(|h| HopOut {
                status: h.status,
                method: h.method.clone(),
                url: s(&mask_url(&h.url, keys)),
                location: s(&mask_url(&h.location, keys)),
            })
            .collect(),
    });
    let token = f.token.as_deref().map(|t| {
        let claims = t
            .token
            .claims()
            .filter(|_| t.basic.is_none())
            .map(|c| TICKET_CLAIMS.iter().filter_map(|k| c.get(*k).map(|v| (k.to_string(), v.clone()))).collect())
            .unwrap_or_default();
        let value =
            if t.basic.is_some() { format!("Basic {}", super::mask::HIDDEN) } else { mask_token(&t.extracted.token) };
        TokenOut { kind: summary::describe(t).0, value, claims }
    });
    Export {
        tool: "why401",
        verdict: s(&report.verdict),
        all_good: report.all_good,
        findings,
        script_checks: report
            .script_checks
            .iter()
            .map(|c| CheckOut { title: c.title.clone(), why: c.why.clone() })
            .collect(),
        request,
        response,
        token,
    }
}

fn body(req: &crate::model::request::Request, keys: &[String]) -> Option<BodyOut> {
    use crate::model::request::BodyKind;
    if !req.method.allows_body() {
        return None;
    }
    let nv = |n: &str, v: String| NameValue { name: n.to_string(), value: v };
    match req.body.kind {
        BodyKind::None => None,
        BodyKind::Form => Some(BodyOut {
            kind: req.body.kind.label(),
            fields: req
                .body
                .form
                .iter()
                .filter(|p| p.enabled)
                .map(|p| nv(&p.name(), mask_param(&p.name(), &p.value(), keys)))
                .collect(),
            chars: req.body_text().unwrap_or_default().chars().count(),
        }),
        BodyKind::Multipart => Some(BodyOut {
            kind: req.body.kind.label(),
            fields: req
                .body
                .fields
                .iter()
                .filter(|f| f.enabled)
                .map(|f| nv(&f.name, mask_param(&f.name, &f.value, keys)))
                .collect(),
            chars: req
                .body
                .fields
                .iter()
                .filter(|f| f.enabled)
                .map(|f| f.name.chars().count() + f.value.chars().count() + 1)
                .sum(),
        }),
        BodyKind::Json | BodyKind::Raw => {
            let fields = match serde_json::from_str::<Value>(&req.body.text) {
                Ok(Value::Object(m)) => m
                    .iter()
                    .map(|(k, v)| {
                        let text = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                        let masked = if secret_param(k, keys) {
                            mask_param(k, &text, keys)
                        } else if v.is_object() || v.is_array() {
                            "…".into()
                        } else {
                            text
                        };
                        nv(k, masked)
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Some(BodyOut { kind: req.body.kind.label(), fields, chars: req.body.text.chars().count() })
        }
    }
}

/// The report as JSON, secrets masked.
pub fn json(report: &Report, ctx: &Context) -> String {
    serde_json::to_string_pretty(&build(report, ctx)).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The report as Markdown for a ticket, secrets masked.
pub fn markdown(report: &Report, ctx: &Context) -> String {
    let e = build(report, ctx);
    let mut md = format!("## why401: {}\n\n", e.verdict);
    if !e.findings.is_empty() {
        md.push_str("| # | likelihood | severity | code | finding |\n|---|---|---|---|---|\n");
        for (i, f) in e.findings.iter().enumerate() {
            md.push_str(&format!(
                "| {} | {} | {} | `{}` | {} |\n",
                i + 1,
                f.likelihood,
                f.severity,
                f.code,
                cell(f.title)
            ));
        }
        for (i, f) in e.findings.iter().enumerate() {
            md.push_str(&format!(
                "\n### {}. `{}`: {}\n\n- **Evidence:** {}\n- **Fix:** {}\n- **Reference:** [{}]({})\n",
                i + 1,
                f.code,
                f.title,
                f.evidence,
                f.fix,
                f.reference,
                f.url
            ));
        }
    }
    if !e.script_checks.is_empty() {
        md.push_str("\n### Checks for your script\n\n");
        for c in &e.script_checks {
            md.push_str(&format!("- **{}.** {}\n", c.title, c.why));
        }
    }
    if let Some(r) = &e.request {
        md.push_str(&format!(
            "\n### Request ({})\n\n```http\n",
            if r.source == "trace" { "from the trace" } else { "as composed" }
        ));
        if let (Some(m), Some(u)) = (&r.method, &r.url) {
            md.push_str(&format!("{m} {u}\n"));
        }
        for h in &r.headers {
            md.push_str(&format!("{}: {}\n", h.name, h.value));
        }
        md.push_str("```\n");
        if let Some(b) = &r.body {
            md.push_str(&format!("\nBody: {}, {} characters", b.kind, b.chars));
            if !b.fields.is_empty() {
                let list: Vec<String> = b.fields.iter().map(|nv| format!("`{}={}`", nv.name, nv.value)).collect();
                md.push_str(&format!(": {}", list.join(", ")));
            }
            md.push('\n');
        }
    }
    if let Some(r) = &e.response {
        md.push_str(&format!(
            "\n### Response ({})\n\n```http\n{}\n",
            r.source,
            format!("HTTP {} {}", r.status, r.reason).trim_end()
        ));
        for h in &r.headers {
            md.push_str(&format!("{}: {}\n", h.name, h.value));
        }
        md.push_str("```\n");
        for h in &r.redirects {
            md.push_str(&format!("- redirect: {} {} → {} {}\n", h.method, h.url, h.status, h.location));
        }
    }
    if let Some(t) = &e.token {
        md.push_str(&format!("\n### Token\n\n{}: `{}`\n", t.kind, t.value));
        if !t.claims.is_empty() {
            md.push_str(&format!("\n```json\n{}\n```\n", json::pretty_object(&t.claims)));
        }
    }
    md
}
