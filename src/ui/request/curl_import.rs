//! The Import curl box that fills the composer from a pasted command.

use crate::model::findings::codes::VARIABLE_UNRESOLVED;
use crate::model::request::curl::{self, Imported};
use crate::model::request::reproduction::{sender, Difference, Sender};
use crate::model::request::Auth;
use crate::model::shell::Dialect;
use crate::state::{Composer, Inspector};
use crate::ui::RichText;
use leptos::prelude::*;

/// Paste what DevTools' "Copy as cURL", the API docs or a terminal give; the composer is filled
/// from the first curl command. Flags the page does not understand are listed, and so is what
/// the page cannot send as curl does, each with its code; other commands in the paste can be
/// imported instead.
#[component]
pub fn CurlImport() -> impl IntoView {
    let composer = expect_context::<Composer>();
    let inspector = expect_context::<Inspector>();
    let text = RwSignal::new(String::new());
    let report = RwSignal::new(None::<Result<Imported, String>>);
    let run = move |n: usize| {
        let result = text.with_untracked(|t| curl::import_nth(t, n));
        report.set(Some(match result {
            Ok(imported) => {
                let mut request = imported.request.clone();
                // The Bearer helper's token lives in the Token box, shared with the inspector.
                if let Auth::Bearer { token } = &mut request.auth {
                    inspector.raw.set(std::mem::take(token));
                }
                composer.request.set(request);
                composer.sync_url_text();
                // What the request itself shows (its body on GET, its shell variables) is worked
                // out again before Send as it changes; the rest is the command's own and is kept
                // to be said there too.
                let own = sender::differences(&imported.request, Sender::Page);
                let kept = imported.differences.iter().filter(|d| !own.contains(d) && d.info != VARIABLE_UNRESOLVED);
                composer.command_differences.set(kept.cloned().collect());
                Ok(imported)
            }
            Err(e) => {
                composer.command_differences.set(Vec::new());
                Err(e.to_string())
            }
        }));
    };
    view! {
        <section class="card curl-import">
            <h2>"Import curl"</h2>
            <label for="curl" class="field-label small">"curl command"</label>
            <textarea id="curl" rows="4" spellcheck="false" autocomplete="off"
                placeholder="curl 'https://api.example.com/v1/items' -H 'Authorization: Bearer …'"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <button type="button" class="primary" on:click=move |_| run(0) disabled=move || text.with(|t| t.trim().is_empty())>"Import"</button>
            {move || report.get().map(|r| match r {
                Err(e) => view! { <p class="problem" role="alert">{format!("Could not import: {e}")}</p> }.into_any(),
                Ok(imported) => view! { <ImportReport imported run /> }.into_any(),
            })}
        </section>
    }
}

/// What the import did: the command used, unknown flags, what the page cannot reproduce, notes,
/// and the paste's other commands.
#[component]
fn ImportReport(imported: Imported, run: impl Fn(usize) + Copy + Send + Sync + 'static) -> impl IntoView {
    let Imported { unknown_flags, differences, notes, commands, command, dialect, .. } = imported;
    let status = match (commands.len(), dialect) {
        (0 | 1, Dialect::Bash) => "Imported into the request below.".to_string(),
        (0 | 1, d) => format!("Read as {}; imported into the request below.", d.label()),
        (n, Dialect::Bash) => format!("Imported command {} of {n} into the request below.", command + 1),
        (n, d) => format!("Read as {}; imported command {} of {n} into the request below.", d.label(), command + 1),
    };
    let others: Vec<(usize, String)> =
        commands.into_iter().enumerate().filter(|(k, _)| *k != command).map(|(k, c)| (k, shortened(&c))).collect();
    view! {
        <p class="hint" role="status">{status}</p>
        <Show when={let n = unknown_flags.len(); move || n > 0}>
            <p class="warning-note">"Not understood, left out: "{unknown_flags.iter().map(|f| view! { <code>{f.clone()}</code>" " }).collect_view()}</p>
        </Show>
        {(!differences.is_empty()).then(|| view! {
            <h3 class="small">"What the page cannot reproduce"</h3>
            <ul class="findings-list" aria-label="What the page cannot reproduce">
                {differences.into_iter().map(|d| view! { <DifferenceCard d /> }).collect_view()}
            </ul>
        })}
        <ul class="notes" aria-label="Import notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
        {(!others.is_empty()).then(|| view! {
            <div class="curl-commands" role="group" aria-label="Other commands in the paste">
                {others.into_iter().map(|(k, c)| view! {
                    <button type="button" on:click=move |_| run(k)>{format!("Import command {}: {c}", k + 1)}</button>
                }).collect_view()}
            </div>
        })}
    }
}

/// One difference, shown like a finding card: severity, code, title, what differs, the fix.
#[component]
fn DifferenceCard(d: Difference) -> impl IntoView {
    let info = d.info;
    let severity = info.severity.label();
    view! {
        <li class=format!("finding {severity}")>
            <div class="finding-head">
                <span class=format!("severity {severity}")>{severity}</span>
                <code class="finding-code">{info.code}</code>
                <span class="finding-title">{info.title}</span>
            </div>
            <p class="finding-evidence"><RichText text=d.sentence() /></p>
            <p class="finding-fix"><span class="label">"Fix: "</span><RichText text=info.fix /></p>
            <p class="finding-ref">
                <a href=info.url target="_blank" rel="noopener noreferrer">{info.reference}</a>
            </p>
        </li>
    }
}

/// A command on one line, cut to a length that fits a button.
fn shortened(command: &str) -> String {
    let one_line =
        command.split_whitespace().filter(|w| *w != "\\" && *w != "^" && *w != "`").collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}
