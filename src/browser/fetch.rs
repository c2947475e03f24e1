//! Sending the composed request with the browser's fetch (through gloo-net), timing it, and
//! the second `no-cors` probe that tells a CORS block from an unreachable host.

use crate::model::request::sending::{PageContext, Probe};
use crate::model::request::{BodyKind, PartSource, Request};
use crate::model::response::received::Received;
use gloo_net::http::{Headers, Method, RequestBuilder};
use web_sys::{AbortSignal, RequestMode, ResponseType};

#[derive(Debug, Clone, PartialEq)]
pub enum SendError {
    /// The user pressed Cancel.
    Aborted,
    /// fetch rejected before any HTTP status: CORS, DNS, refused connection, TLS, mixed content.
    Network(String),
    /// The request could not even be built (an invalid header name, say).
    Invalid(String),
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

pub fn page_context() -> PageContext {
    let location = web_sys::window().map(|w| w.location());
    let origin = location.as_ref().and_then(|l| l.origin().ok()).unwrap_or_default();
    let secure = location.and_then(|l| l.protocol().ok()).is_some_and(|p| p == "https:");
    PageContext { origin, secure }
}

fn headers_for(req: &Request) -> Result<Headers, SendError> {
    let raw = web_sys::Headers::new().map_err(|e| SendError::Invalid(js_message(&e)))?;
    for (name, value) in req.effective_headers() {
        raw.append(&name, &value).map_err(|e| SendError::Invalid(format!("header {name}: {}", js_message(&e))))?;
    }
    Ok(Headers::from_raw(raw))
}

fn multipart(req: &Request) -> Result<web_sys::FormData, SendError> {
    let form = web_sys::FormData::new().map_err(|e| SendError::Invalid(js_message(&e)))?;
    // A file the page cannot read is left out, as file_not_attached says, rather than sent as
    // the text of its path. (FormData gives a typed part a filename, so a part's own type
    // cannot go either: text parts go as plain fields.)
    for field in req.body.fields.iter().filter(|f| f.enabled && f.part.source == PartSource::Text) {
        form.append_with_str(&field.name, &field.value).map_err(|e| SendError::Invalid(js_message(&e)))?;
    }
    Ok(form)
}

fn untyped_blob(text: &str) -> Result<web_sys::Blob, SendError> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    web_sys::Blob::new_with_str_sequence(&parts).map_err(|e| SendError::Invalid(js_message(&e)))
}

fn js_message(e: &wasm_bindgen::JsValue) -> String {
    // dyn_ref checks the value really is an Error; a thrown string falls through to as_string.
    wasm_bindgen::JsCast::dyn_ref::<js_sys::Error>(e)
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

pub async fn send(req: &Request, signal: &AbortSignal) -> Result<Received, SendError> {
    let method = Method::from_bytes(req.method_name().as_bytes()).map_err(|e| SendError::Invalid(e.to_string()))?;
    let builder = RequestBuilder::new(&req.url()).method(method).headers(headers_for(req)?).abort_signal(Some(signal));
    // fetch refuses a body on GET and HEAD: it is left out, as the reproduction list says.
    let body = if req.method.allows_body() { req.body_text() } else { None };
    let has_type = req.effective_headers().iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    let request = if req.method.allows_body() && req.body.kind == BodyKind::Multipart {
        builder.body(multipart(req)?)
    } else if let (Some(text), false) = (&body, has_type) {
        // A string body would go as text/plain; a Blob without a type goes with no
        // Content-Type at all, as the request has none.
        builder.body(untyped_blob(text)?)
    } else if let Some(text) = body {
        builder.body(text)
    } else {
        builder.build()
    }
    .map_err(|e| SendError::Invalid(e.to_string()))?;
    let started = now_ms();
    let response = request.send().await.map_err(|e| {
        if signal.aborted() {
            SendError::Aborted
        } else {
            SendError::Network(e.to_string())
        }
    })?;
    let headers: Vec<(String, String)> = response.headers().entries().collect();
    let body = response.text().await.unwrap_or_default();
    Ok(Received {
        status: response.status(),
        status_text: response.status_text(),
        body_bytes: body.len(),
        body,
        headers,
        elapsed_ms: now_ms() - started,
        cross_origin: response.type_() == ResponseType::Cors,
        redirected: response.redirected(),
        final_url: response.url(),
    })
}

/// A bare GET in `no-cors` mode: an opaque answer proves the server is reachable.
pub async fn probe(url: &str) -> Probe {
    match RequestBuilder::new(url).mode(RequestMode::NoCors).send().await {
        Ok(_) => Probe::Reachable,
        Err(_) => Probe::Failed,
    }
}

/// A plain GET without credentials, for an issuer's metadata or JWKS: status and body text.
pub async fn get_text(url: &str) -> Result<(u16, String), SendError> {
    let response = RequestBuilder::new(url).send().await.map_err(|e| SendError::Network(e.to_string()))?;
    let body = response.text().await.unwrap_or_default();
    Ok((response.status(), body))
}
