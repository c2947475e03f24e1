//! The token as pasted into the Token box: extracting it from whatever surrounds it, parsing
//! JWS / JWE / opaque tokens, reading claims, times, grants and the identity provider, and the
//! findings about the token alone.

pub mod claims;
pub mod examples;
pub mod grants;
pub mod idp;
pub mod input;
pub mod inspect;
pub mod jose;
pub mod opaque;
pub mod rules;
pub mod shown;
pub mod summary;
