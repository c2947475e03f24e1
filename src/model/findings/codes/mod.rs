//! Every finding code, one file per family. Rules import the constants from here by name
//! (`use crate::model::findings::codes::*`); the catalog reads the families' lists.

mod diagnosis;
mod reproduction;
mod sending;
mod signature;
mod token;
mod vendor;

pub use diagnosis::*;
pub use reproduction::*;
pub use sending::*;
pub use signature::*;
pub use token::*;
pub use vendor::*;
