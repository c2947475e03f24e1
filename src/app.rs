use crate::browser::clock;
use crate::state::{Composer, Inspector};
use crate::ui::*;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let inspector = Inspector::new(clock::ticking_now());
    provide_context(inspector);
    provide_context(Composer::new(inspector));
    view! {
        <PageHeader />
        <main>
            <TokenInput />
            <TokenSummary />
            <FindingsList />
            <CurlImport />
            <RequestComposer />
            <ResponseView />
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
