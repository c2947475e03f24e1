//! Shell variables this page's Send has no value for: the request then carries the text
//! `${NAME}` where the user's shell would have put the value (or nothing, when it is unset).

use super::difference::{Difference, Sender};
use crate::model::findings::codes::VARIABLE_UNRESOLVED;
use crate::model::request::export::Target;
use crate::model::request::{Request, Variable};

/// One difference per variable without a value that the request's text uses. Only the page's
/// Send needs the value: every export keeps the variable for the shell that runs it.
pub fn unresolved(r: &Request) -> Vec<Difference> {
    let text = format!("{r:?}");
    r.variables
        .iter()
        .filter(|v| v.value.is_none() && text.contains(&Variable::placeholder(&v.name)))
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
}
