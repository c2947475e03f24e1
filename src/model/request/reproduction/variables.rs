//! Shell variables this page's Send has no value for: the request then carries the text
//! `${NAME}` where the user's shell would have put the value (or nothing, when it is unset).

use super::difference::{Difference, Sender};
use crate::model::findings::codes::VARIABLE_UNRESOLVED;
use crate::model::request::export::Target;
use crate::model::request::{Request, Variable};

/// One difference per variable without a value that the text the request sends uses (a
/// switched-off row sends nothing). Only the page's Send needs the value: every export keeps
/// the variable for the shell that runs it.
pub fn unresolved(r: &Request) -> Vec<Difference> {
    let sent = r.sent_texts();
    r.variables
        .iter()
        .filter(|v| v.value.is_none() && sent.iter().any(|t| t.contains(&Variable::placeholder(&v.name))))
        .map(|v| Difference {
            info: VARIABLE_UNRESOLVED,
            what: format!(
                "Send would carry the text ${{{0}}}: give ${0} its value under Shell variables (your shell fills it in, with nothing when it is unset).",
                v.name
            ),
            exact: vec![
                Sender::Export(Target::Curl),
                Sender::Export(Target::Python),
                Sender::Export(Target::Httpie),
                Sender::Export(Target::Fetch),
            ],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::request::Row;

    #[test]
    fn only_variables_without_a_value_that_the_text_uses() {
        let mut r = Request::default();
        r.set_url("https://h/x");
        r.headers.push(Row::new("Authorization", "Bearer ${API_TOKEN}"));
        r.variables =
            vec![Variable { name: "API_TOKEN".into(), value: None }, Variable { name: "UNUSED".into(), value: None }];
        let listed = unresolved(&r);
        assert_eq!(listed.len(), 1);
        assert!(listed[0].what.starts_with("Send would carry the text ${API_TOKEN}"), "{}", listed[0].what);
        r.variables[0].value = Some("t0k".into());
        assert!(unresolved(&r).is_empty(), "a value given");
    }

    #[test]
    fn a_switched_off_row_uses_no_variable() {
        let mut r = Request::default();
        r.set_url("https://h/x?k=${IN_QUERY}");
        r.query[0].enabled = false;
        r.headers.push(Row::new("X-Off", "${IN_HEADER}"));
        r.headers[0].enabled = false;
        r.body = crate::model::request::Body::multipart(vec![Row::new("f", "${IN_FIELD}")]);
        r.body.fields[0].enabled = false;
        r.body.text = "${IN_OTHER_EDITOR}".into();
        r.variables = ["IN_QUERY", "IN_HEADER", "IN_FIELD", "IN_OTHER_EDITOR"]
            .iter()
            .map(|n| Variable { name: n.to_string(), value: None })
            .collect();
        assert!(unresolved(&r).is_empty(), "{:?}", unresolved(&r));
        r.headers[0].enabled = true;
        r.body.fields[0].enabled = true;
        let listed: Vec<String> = unresolved(&r).into_iter().map(|d| d.what).collect();
        assert_eq!(listed.len(), 2, "{listed:?}");
        assert!(listed[0].contains("${IN_HEADER}") && listed[1].contains("${IN_FIELD}"), "{listed:?}");
        // A header's name, the auth helper and a form piece count too.
        let mut r = Request::default();
        r.set_url("https://h/x");
        r.headers.push(Row::new("X-${IN_NAME}", "1"));
        r.auth = crate::model::request::Auth::Basic { user: "u".into(), password: "${IN_AUTH}".into() };
        r.body = crate::model::request::Body::form("a=${IN_FORM}&b=${OFF_FORM}");
        r.body.form[1].enabled = false;
        r.variables = ["IN_NAME", "IN_AUTH", "IN_FORM", "OFF_FORM"]
            .iter()
            .map(|n| Variable { name: n.to_string(), value: None })
            .collect();
        assert_eq!(unresolved(&r).len(), 3, "{:?}", unresolved(&r));
    }
}
