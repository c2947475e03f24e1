//! Every finding code, as data: the one table the UI, the docs (`docs/findings.md`) and the
//! tests read. Codes are stable: rename one and links and tickets that quote it break.

use super::code::CodeInfo;
use super::codes::{DIAGNOSIS_CODES, REPRODUCTION_CODES, SENDING_CODES, SIGNATURE_CODES, TOKEN_CODES, VENDOR_CODES};

/// Every family, in documentation order. A new family is one file in `codes/` and one line
/// here. The order also breaks ties in the report: what is wrong with the token itself (its
/// claims, its signature), and a vendor's own specific words, come before the generic reading
/// of what the server said (`invalid_token`).
const FAMILIES: &[&[&CodeInfo]] =
    &[TOKEN_CODES, SIGNATURE_CODES, SENDING_CODES, VENDOR_CODES, DIAGNOSIS_CODES, REPRODUCTION_CODES];

/// All codes, in the order of the documentation table.
pub fn catalog() -> impl Iterator<Item = &'static CodeInfo> {
    FAMILIES.iter().flat_map(|f| f.iter().copied())
}

pub fn by_code(code: &str) -> Option<&'static CodeInfo> {
    catalog().find(|c| c.code == code)
}

/// Where a code sits in the catalog: likelier, more decisive causes come first.
pub fn position(code: &str) -> usize {
    catalog().position(|c| c.code == code).unwrap_or(usize::MAX)
}
