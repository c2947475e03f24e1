//! Keys as people paste them into the Key field, turned into what WebCrypto can import. Pure:
//! the signature check itself happens in the browser (`src/browser/`), with no bundled crypto.
//! Files import their siblings by name (`super::kind::Curve`), never through this file, so
//! what is re-exported here for the rest of the crate cannot close an import circle.

pub mod classify;
pub mod decode;
pub mod der;
pub mod jwk;
pub mod kind;
pub mod material;
pub mod origin;
pub mod pem;
pub mod spki;

pub use classify::{classify, Detected, KeyError, KeyInput};
pub use kind::{Curve, KeyKind, Private, PublicParts};
pub use material::KeyMaterial;
pub use origin::{Origin, SecretEncoding};
