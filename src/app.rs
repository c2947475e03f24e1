use crate::browser::clock;
use crate::state::{Composer, Diagnosis, Inspector};
use crate::ui::*;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let inspector = Inspector::new(clock::ticking_now());
    provide_context(inspector);
    let composer = Composer::new(inspector);
    provide_context(composer);
    provide_context(Diagnosis::new(inspector, composer));
    view! {
        <PageHeader />
        <main>
            <TokenInput />
            <TokenSummary />
            <FindingsList />
            <CurlImport />
            <RequestComposer />
            <ResponseView />
            <RawResponseInput />
            <CodeExport />
            <TokenParts />
            <CredentialInfo />
            <DecodedJson />
            <ClaimsTable />
            <TimesTable />
            <GrantsChips />
            <RequestLog />
        </main>
        <footer class="page-footer">
            <p>"why401 runs entirely in your browser. Tokens never leave this page: no analytics, no storage, no third-party requests."</p>
        </footer>
    }
}
