//! The page: the shared state provided as context, and the sections in reading order.

use crate::browser::clock;
use crate::state::{AppUpdate, Composer, Diagnosis, Inspector, Sharing, Signer, TokenGetter, Verifier};
use crate::ui::diagnosis::FindingsList;
use crate::ui::oauth::GetTokenPanel;
use crate::ui::request::{CodeExport, CurlImport, RequestComposer, RequestLog};
use crate::ui::response::{RawResponseInput, ResponseView};
use crate::ui::signature::{SignPanel, SignaturePanel};
use crate::ui::token::{
    ClaimsTable, CredentialInfo, DecodedJson, GrantsChips, TimesTable, TokenInput, TokenParts, TokenSummary,
};
use crate::ui::{PageHeader, SharePanel, UpdateNotice};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let inspector = Inspector::new(clock::ticking_now());
    provide_context(inspector);
    let composer = Composer::new(inspector);
    provide_context(composer);
    let verifier = Verifier::new(inspector);
    provide_context(verifier);
    let diagnosis = Diagnosis::new(inspector, composer, verifier);
    provide_context(diagnosis);
    let signer = Signer::new();
    provide_context(signer);
    let getter = TokenGetter::new(signer);
    provide_context(getter);
    // Back from a sign-in: the inputs are put back before anything is drawn.
    getter.resume(composer, inspector, diagnosis);
    let sharing = Sharing::new();
    provide_context(sharing);
    // Opened from a share link: its inputs are put back.
    sharing.open_link(inspector, composer, diagnosis, getter);
    provide_context(AppUpdate::register());
    view! {
        <PageHeader />
        <UpdateNotice />
        <main class="workspace">
            <TokenInput />
            // The answer: right after the token on a phone, beside the inputs (and kept in view
            // while they scroll) on a wide screen.
            <div class="answer">
                <TokenSummary />
                <FindingsList />
                <SharePanel />
            </div>
            <CurlImport />
            <RequestComposer />
            <ResponseView />
            <RawResponseInput />
            <CodeExport />
            <TokenParts />
            <CredentialInfo />
            <DecodedJson />
            <SignaturePanel />
            <SignPanel />
            <GetTokenPanel />
            <ClaimsTable />
            <TimesTable />
            <GrantsChips />
            <RequestLog />
        </main>
        <footer class="page-footer">
            <p>"why401 runs entirely in your browser. Tokens never leave this page: no analytics, no third-party requests, nothing stored (a sign-in you start keeps your inputs in this tab's sessionStorage until the page is back). For offline use the browser keeps a copy of the app's own files, never what you type or send."</p>
        </footer>
    }
}
