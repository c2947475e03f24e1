//! Keys as people paste them into the Key field, turned into what WebCrypto can import. Pure:
//! the signature check itself happens in the browser (`src/browser/`), with no bundled crypto.
//! Files import their siblings by name (`super::kind::Curve`), never through this file, so
//! what is re-exported here for the rest of the crate cannot close an import circle.
//!
//! DER is read and written by RustCrypto's `der` 0.8 (with `const-oid`), `spki` 0.8, `pkcs1`
//! 0.8 and `pkcs8` 0.11, replacing a hand-written reader, writers and OID codec: measured in the
//! release build, +21.9 KB raw, +9.0 KB gzip, +7.2 KB brotli of wasm (about 2.5× the code they
//! replace, under the 3× and 25 KB brotli limits). Ours stays where they are silent: `asn1.rs`
//! names the byte and field of every error, `pem.rs` reads lenient pastes with line:col errors
//! (pem-rfc7468 is strict), and `sec1`/`x509-cert` are not needed for the few fields read.

pub mod asn1;
pub mod certificate;
pub mod classify;
pub mod decode;
pub mod jwk;
pub mod kind;
pub mod material;
pub mod origin;
pub mod pem;
pub mod spki;
pub mod weakness;

pub use classify::{classify, Detected, KeyError, KeyInput};
pub use kind::{Curve, KeyKind, Private, PublicParts};
pub use material::KeyMaterial;
pub use origin::{Origin, SecretEncoding};
