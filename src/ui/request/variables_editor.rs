//! The shell variables the imported command uses: the shell fills them in where the command
//! runs; here the user gives the value this page's Send should use.

use crate::state::Composer;
use leptos::prelude::*;

/// One field per variable, labelled with its name; empty until the user gives a value, and
/// then the page's Send writes it where the command says `${NAME}`. In memory only.
#[component]
pub fn VariablesEditor() -> impl IntoView {
    let composer = expect_context::<Composer>();
    let request = composer.request;
    let count = Memo::new(move |_| request.with(|r| r.variables.len()));
    view! {
        <Show when=move || { count.get() > 0 }>
            <fieldset class="variables">
                <legend>"Shell variables"</legend>
                <p class="hint">"Your command reads these from its shell, which fills them in (with nothing, when unset). Give the values this page's Send should use; the exports keep them as variables. Kept in memory only."</p>
                <For each=move || 0..count.get() key=|i| *i let:i>
                    {
                        let name = move || request.with(|r| r.variables.get(i).map(|v| v.name.clone()).unwrap_or_default());
                        let id = move || format!("var-{}", name());
                        view! {
                            <div class="field">
                                <label for=id><code>{move || format!("${}", name())}</code></label>
                                <input id=id type="text" spellcheck="false" autocomplete="off" placeholder="unset"
                                    prop:value=move || request.with(|r| r.variables.get(i).and_then(|v| v.value.clone()).unwrap_or_default())
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        request.update(|r| if let Some(var) = r.variables.get_mut(i) {
                                            var.value = (!v.is_empty()).then_some(v);
                                        });
                                    } />
                            </div>
                        }
                    }
                </For>
            </fieldset>
        </Show>
    }
}
