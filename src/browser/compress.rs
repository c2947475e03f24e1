//! deflate-raw through the browser's own CompressionStream, for share links: no compression
//! code in the wasm. (web-sys marks these streams unstable, so the two classes are bound here.)

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStream, ReadableWritablePair, Response, WritableStream};

#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> WritableStream;
}

pub async fn deflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let stream = CompressionStream::new("deflate-raw").map_err(|_| "this browser has no CompressionStream")?;
    through(data, &ReadableWritablePair::new(&stream.readable(), &stream.writable())).await
}

pub async fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let stream = DecompressionStream::new("deflate-raw").map_err(|_| "this browser has no DecompressionStream")?;
    through(data, &ReadableWritablePair::new(&stream.readable(), &stream.writable())).await
}

/// The bytes through a transform stream, read back whole (a Response collects them).
async fn through(data: &[u8], pair: &ReadableWritablePair) -> Result<Vec<u8>, String> {
    let mut owned = data.to_vec();
    let input = Response::new_with_opt_u8_array(Some(&mut owned)).map_err(|_| "the browser refused the data")?;
    let body = input.body().ok_or("the browser gave no stream")?;
    let output = Response::new_with_opt_readable_stream(Some(&body.pipe_through(pair)))
        .map_err(|_| "the browser refused the stream")?;
    let promise: Promise = output.array_buffer().map_err(|_| "the stream could not be read")?;
    let buffer = JsFuture::from(promise).await.map_err(|_| "the data is not deflate-raw (a cut or altered link)")?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
