//! What an import gives the composer.

use crate::model::request::reproduction::Difference;
use crate::model::request::Request;
use crate::model::shell::Dialect;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Imported {
    pub request: Request,
    /// Flags as typed (`--foo`, `-z`) that the importer does not understand.
    pub unknown_flags: Vec<String>,
    /// What the page cannot send as the command does, each with its code and the senders that
    /// do send it.
    pub differences: Vec<Difference>,
    /// What a flag means here when it changes nothing that is sent (`-s` only changes output).
    pub notes: Vec<String>,
    /// Every curl command in the paste, as written; the one at `command` was imported.
    pub commands: Vec<String>,
    pub command: usize,
    /// How the paste was read.
    pub dialect: Dialect,
}
