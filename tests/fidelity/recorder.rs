//! A recording HTTP/1.1 server on 127.0.0.1 (an ephemeral port): it keeps each request as it
//! arrived (method, request target, header lines in order with their case, the body's bytes
//! after Content-Length or chunked framing) and answers `200 ok` at once, `100 Continue` first
//! when asked. Stopped when dropped.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One request as it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub method: String,
    pub target: Vec<u8>,
    pub version: String,
    /// Name and value of each header line, in order; the value without the spaces around it.
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
    /// How the body was framed: "length", "chunked" or "none".
    pub framing: &'static str,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_slice())
    }
}

pub struct Recorder {
    pub port: u16,
    log: Arc<Mutex<Vec<Result<Recorded, String>>>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Recorder {
    pub fn start() -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local address").port();
        let log: Arc<Mutex<Vec<Result<Recorded, String>>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (log2, stop2) = (log.clone(), stop.clone());
        let accept = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let log = log2.clone();
                std::thread::spawn(move || serve(stream, &log));
            }
        });
        Recorder { port, log, stop, accept: Some(accept) }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The requests recorded since the last call. A client has its answer only after its
    /// request was logged, so once it has exited, its request is here.
    pub fn take(&self) -> Vec<Result<Recorded, String>> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

fn serve(stream: TcpStream, log: &Mutex<Vec<Result<Recorded, String>>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut writer = match stream.try_clone() {
        Ok(w) => w,
        Err(_) => return,
    };
    let mut reader = BufReader::new(stream);
    match read_request(&mut reader, &mut writer) {
        Ok(None) => {}
        Ok(Some(rec)) => {
            let head = rec.method == "HEAD";
            log.lock().unwrap().push(Ok(rec));
            let reply: &[u8] =
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\n";
            let _ = writer.write_all(reply);
            if !head {
                let _ = writer.write_all(b"ok\n");
            }
        }
        Err(e) => {
            log.lock().unwrap().push(Err(e));
            let _ = writer.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    }
    let _ = writer.flush();
    let _ = writer.shutdown(std::net::Shutdown::Write);
}

/// One line ending in CRLF, without it; a bare LF is an error (no client here sends one).
fn line(r: &mut impl BufRead) -> Result<Option<Vec<u8>>, String> {
    let mut buf = Vec::new();
    let n = r.read_until(b'\n', &mut buf).map_err(|e| format!("reading: {e}"))?;
    if n == 0 {
        return Ok(None);
    }
    match buf.strip_suffix(b"\r\n") {
        Some(l) => Ok(Some(l.to_vec())),
        None => Err(format!("a line without CRLF: {}", buf.escape_ascii())),
    }
}

fn read_request(r: &mut impl BufRead, w: &mut impl Write) -> Result<Option<Recorded>, String> {
    // A connection closed before a request line carries none (a probe, or a client that gave up).
    let Some(request_line) = line(r)? else { return Ok(None) };
    let mut words = request_line.splitn(3, |&b| b == b' ');
    let (Some(method), Some(target), Some(version)) = (words.next(), words.next(), words.next()) else {
        return Err(format!("a bad request line: {}", request_line.escape_ascii()));
    };
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let mut rec = Recorded {
        method: text(method),
        target: target.to_vec(),
        version: text(version),
        headers: Vec::new(),
        body: Vec::new(),
        framing: "none",
    };
    loop {
        let l = line(r)?.ok_or("the connection closed inside the headers")?;
        if l.is_empty() {
            break;
        }
        let colon =
            l.iter().position(|&b| b == b':').ok_or_else(|| format!("a header without ':': {}", l.escape_ascii()))?;
        let value = l[colon + 1..].trim_ascii().to_vec();
        rec.headers.push((text(&l[..colon]), value));
    }
    if rec.header("expect").is_some_and(|v| v.eq_ignore_ascii_case(b"100-continue")) {
        w.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").map_err(|e| format!("writing 100: {e}"))?;
    }
    let chunked = rec.header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().ends_with(b"chunked"));
    if chunked {
        rec.framing = "chunked";
        loop {
            let size_line = line(r)?.ok_or("the connection closed inside a chunked body")?;
            let size = String::from_utf8_lossy(&size_line);
            let size = size.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size, 16).map_err(|_| format!("a bad chunk size: {size}"))?;
            if size == 0 {
                // Trailers, then the blank line.
                while !line(r)?.ok_or("the connection closed inside the trailers")?.is_empty() {}
                break;
            }
            let mut chunk = vec![0; size];
            r.read_exact(&mut chunk).map_err(|e| format!("reading a chunk: {e}"))?;
            rec.body.extend(chunk);
            if !line(r)?.is_some_and(|l| l.is_empty()) {
                return Err("a chunk not followed by CRLF".into());
            }
        }
    } else if let Some(len) = rec.header("content-length") {
        let len: usize = String::from_utf8_lossy(len).trim().parse().map_err(|_| "a bad Content-Length".to_string())?;
        rec.framing = "length";
        let mut body = vec![0; len];
        r.read_exact(&mut body).map_err(|e| format!("reading {len} bytes of body: {e}"))?;
        rec.body = body;
    }
    Ok(Some(rec))
}
