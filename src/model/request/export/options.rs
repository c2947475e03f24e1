//! Which tool a snippet is for, and how secrets appear in it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Curl,
    Python,
    Httpie,
    Fetch,
    /// The HTTP/1.1 message itself, for a ticket or `nc`.
    RawHttp,
}

impl Target {
    pub const ALL: [Target; 5] = [Target::Curl, Target::Python, Target::Httpie, Target::Fetch, Target::RawHttp];

    pub fn label(self) -> &'static str {
        match self {
            Target::Curl => "curl",
            Target::Python => "Python requests",
            Target::Httpie => "HTTPie",
            Target::Fetch => "JavaScript fetch",
            Target::RawHttp => "Raw HTTP",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Put secrets in environment variables ($TOKEN, os.environ["TOKEN"], …) so the snippet
    /// can be shared or pasted into a ticket without leaking them.
    pub secrets_as_env: bool,
}
