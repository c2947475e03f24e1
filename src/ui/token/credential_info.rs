//! What an opaque, encrypted or Basic credential is, when it is not a readable JWT.

use crate::model::token::jose::Kind;
use crate::state::Inspector;
use crate::ui::RichText;
use leptos::prelude::*;

/// What an opaque token or encrypted token is, and what cannot be known from it.
#[component]
pub fn CredentialInfo() -> impl IntoView {
    let inspector = expect_context::<Inspector>();
    let text = Memo::new(move |_| {
        inspector.inspection.with(|i| match &i.token.kind {
            Kind::KnownOpaque(k) if i.basic.is_none() => Some((
                format!("{} {}", k.vendor, k.what),
                format!("{} It is opaque: its expiry, scopes and owner are known only to {}; nothing here can read them.", k.note, k.vendor),
            )),
            Kind::UnknownOpaque if i.basic.is_none() => Some((
                "Opaque token".into(),
                "Not a JWT and no known vendor prefix. Only its issuer can say what it grants and until when: ask its introspection endpoint (RFC 7662) or the API's token-info page.".into(),
            )),
            Kind::Jwe(_) => Some((
                "Encrypted token (JWE)".into(),
                "Five parts: protected header, encrypted key, IV, ciphertext, tag. Only the holder of the decryption key can read the claims, so APIs that expect a signed JWT reject it. Auth0 returns such tokens when no audience is requested.".into(),
            )),
            _ => None,
        })
    });
    view! {
        {move || text.get().map(|(title, body)| view! {
            <section class="card info" aria-label="About this credential">
                <h2>{title}</h2>
                <p><RichText text=body /></p>
            </section>
        })}
    }
}
