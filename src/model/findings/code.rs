//! What a finding code is: its severity, title, default fix and standards reference. The
//! `codes!` macro declares a family of them as constants; the families live in `codes/`.

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

/// Declares codes as constants and collects them, in order, into the family's list (named
/// first, so that every family's list has its own name and the families can be re-exported
/// together without clashing).
macro_rules! codes {
    ($family:ident; $( $name:ident = $code:literal, $sev:ident, $title:literal, $fix:literal, $reference:literal, $url:literal, $example:literal; )*) => {
        $( pub const $name: &$crate::model::findings::code::CodeInfo = &$crate::model::findings::code::CodeInfo {
            code: $code, severity: $crate::model::findings::code::Severity::$sev, title: $title, fix: $fix, reference: $reference, url: $url, example: $example,
        }; )*
        /// This family's codes, in documentation order.
        pub const $family: &[&$crate::model::findings::code::CodeInfo] = &[ $( $name ),* ];
    };
}
pub(crate) use codes;
