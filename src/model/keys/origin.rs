//! How a key was pasted: which PEM block, JWK, JWKS entry or secret encoding it came from, for
//! the sentence that tells the user which of their keys was used.

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SecretEncoding {
    /// The secret's text is the key, as most servers use it.
    #[default]
    Utf8,
    Base64,
    Base64Url,
}

impl SecretEncoding {
    pub fn label(self) -> &'static str {
        match self {
            SecretEncoding::Utf8 => "UTF-8 text",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Base64Url => "base64url",
        }
    }
}

/// Where the key came from, for the sentence that says which key was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A PEM block with this label, or bare base64 DER recognised as that structure.
    Pem {
        label: String,
        armoured: bool,
    },
    Jwk,
    /// Position in the pasted or fetched JWKS, from 0.
    JwksEntry {
        index: usize,
    },
    Secret {
        encoding: SecretEncoding,
    },
}

impl Origin {
    /// "from the JWKS, key 2": ends the sentence that names a key.
    pub fn phrase(&self) -> String {
        match self {
            Origin::Pem { label, armoured: true } => format!("from a PEM {label}"),
            Origin::Pem { label, armoured: false } => format!("from base64 DER ({label})"),
            Origin::Jwk => "from the JWK".into(),
            Origin::JwksEntry { index } => format!("from the JWKS, key {}", index + 1),
            Origin::Secret { encoding } => format!("({})", encoding.label()),
        }
    }
}
