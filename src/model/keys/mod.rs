//! Keys as people paste them into the Key field, turned into what WebCrypto can import. Pure:
//! the signature check itself happens in the browser (`src/browser/`), with no bundled crypto.

pub mod classify;
pub mod decode;
pub mod der;
pub mod jwk;
pub mod material;
pub mod pem;
pub mod spki;

pub use classify::{classify, Detected, KeyError, KeyInput, SecretEncoding};
pub use material::{Curve, KeyKind, KeyMaterial, Origin, Private, PublicParts};
