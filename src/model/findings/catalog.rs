//! Every finding code, as data: the one table the UI, the docs (`docs/findings.md`) and the
//! tests read. Codes are stable: rename one and links and tickets that quote it break.
//! Each family of codes lives in its own `codes_*.rs` file.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub struct CodeInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    /// The default fix; a finding may give a more specific one.
    pub fix: &'static str,
    /// e.g. "RFC 7519 §4.1.4".
    pub reference: &'static str,
    pub url: &'static str,
    /// What triggers it, for the documentation table.
    pub example: &'static str,
}

/// Declares codes as constants and collects them, in order, into a family's `ALL`.
macro_rules! codes {
    ($( $name:ident = $code:literal, $sev:ident, $title:literal, $fix:literal, $reference:literal, $url:literal, $example:literal; )*) => {
        $( pub const $name: &$crate::model::findings::catalog::CodeInfo = &$crate::model::findings::catalog::CodeInfo {
            code: $code, severity: $crate::model::findings::catalog::Severity::$sev, title: $title, fix: $fix, reference: $reference, url: $url, example: $example,
        }; )*
        /// This family's codes, in documentation order.
        pub const ALL: &[&$crate::model::findings::catalog::CodeInfo] = &[ $( $name ),* ];
    };
}
pub(crate) use codes;

// Every family defines `ALL`; only the code constants are meant to be used through here.
#[allow(ambiguous_glob_reexports)]
pub use super::codes_diagnosis::*;
#[allow(ambiguous_glob_reexports)]
pub use super::codes_sending::*;
#[allow(ambiguous_glob_reexports)]
pub use super::codes_signature::*;
#[allow(ambiguous_glob_reexports)]
pub use super::codes_token::*;
#[allow(ambiguous_glob_reexports)]
pub use super::codes_vendor::*;

/// Every family, in documentation order. A new family is one file and one line here. The
/// order also breaks ties in the report: what is wrong with the token itself (its claims, its
/// signature), and a vendor's own specific words, come before the generic reading of what the
/// server said (`invalid_token`).
const FAMILIES: &[&[&CodeInfo]] = &[
    super::codes_token::ALL,
    super::codes_signature::ALL,
    super::codes_sending::ALL,
    super::codes_vendor::ALL,
    super::codes_diagnosis::ALL,
];

/// All codes, in the order of the documentation table.
pub fn catalog() -> impl Iterator<Item = &'static CodeInfo> {
    FAMILIES.iter().flat_map(|f| f.iter().copied())
}

pub fn by_code(code: &str) -> Option<&'static CodeInfo> {
    catalog().find(|c| c.code == code)
}
