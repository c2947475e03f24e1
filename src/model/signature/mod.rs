//! Everything about a signature except the cryptography, which the browser's WebCrypto does:
//! which key and algorithm to use and why, the bytes that were signed, what to sign.

pub mod alg;
pub mod check;
pub mod plan;
pub mod remote;
pub mod sign;
pub mod strict;
