//! The exported snippets, run for real: a local httpbin (from `make setup`'s .venv) echoes what
//! each one sent, and the echo must match the composed request. Only 127.0.0.1 is contacted.

use serde_json::{json, Map, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use why401::model::request::export::{self, Options, Target};
use why401::model::request::urlencoded::{self, Piece};
use why401::model::request::{Auth, Body, BodyKind, KeyLocation, Method, Redirects, Request, Row};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// gunicorn serving httpbin; stopped when dropped, also when an assertion panics.
struct Httpbin {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Httpbin {
    fn drop(&mut self) {
        // SIGINT is gunicorn's quick shutdown, which takes its workers down too; SIGKILL on
        // the master alone would leave them running until they notice.
        let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                let _ = std::fs::remove_file(&self.log);
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

impl Httpbin {
    fn start() -> Httpbin {
        let gunicorn = root().join(".venv/bin/gunicorn");
        assert!(gunicorn.exists(), "run `make setup` first: {} is missing", gunicorn.display());
        let requests_ok = Command::new(root().join(".venv/bin/python"))
            .args(["-c", "import requests"])
            .status()
            .is_ok_and(|s| s.success());
        assert!(requests_ok, "run `make setup` first: .venv has no `requests` for the Python snippets");
        let http = root().join(".venv/bin/http");
        assert!(http.exists(), "run `make setup` first: {} (HTTPie) is missing", http.display());
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let log = std::env::temp_dir().join(format!("why401-httpbin-{port}.log"));
        let child = Command::new(&gunicorn)
            .args(["-b", &format!("127.0.0.1:{port}"), "--workers", "2", "--graceful-timeout", "1", "httpbin:app"])
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("start gunicorn");
        let mut server = Httpbin { child, port, log };
        let deadline = Instant::now() + Duration::from_secs(30);
        while !server.answers() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("gunicorn exited ({status}):\n{}", std::fs::read_to_string(&server.log).unwrap_or_default());
            }
            assert!(Instant::now() < deadline, "httpbin did not answer on port {port} within 30 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    fn answers(&self) -> bool {
        let Ok(mut s) = TcpStream::connect(("127.0.0.1", self.port)) else { return false };
        let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
        let mut reply = String::new();
        s.write_all(b"GET /get HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").is_ok()
            && s.read_to_string(&mut reply).is_ok()
            && (reply.starts_with("HTTP/1.0 200") || reply.starts_with("HTTP/1.1 200"))
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

/// What httpbin should answer.
enum Expect {
    /// `/anything` echoes the request: it must be the composed one.
    Echo,
    /// `/basic-auth/u/p` and `/digest-auth/auth/u/p` answer this only to the right credentials.
    Authenticated(&'static str),
    /// `/redirect-to` followed (the command has -L): the echo of where it leads, ending so.
    Reached(&'static str),
    /// `/redirect-to` not followed (no -L): the empty 302 itself, as curl shows it.
    Stopped,
}

struct Case {
    name: &'static str,
    request: Request,
    expect: Expect,
    opts: Options,
    env: Vec<(&'static str, &'static str)>,
}

fn request(method: Method, url: String, f: impl FnOnce(&mut Request)) -> Request {
    let mut r = Request { method, ..Default::default() };
    r.set_url(&url);
    f(&mut r);
    r
}

fn body(kind: BodyKind, text: &str, fields: &[(&str, &str)]) -> Body {
    Body {
        kind,
        text: text.into(),
        form: if kind == BodyKind::Form { fields.iter().map(|(n, v)| Piece::new(n, v)).collect() } else { Vec::new() },
        fields: if kind == BodyKind::Multipart {
            fields.iter().map(|(n, v)| Row::new(*n, *v)).collect()
        } else {
            Vec::new()
        },
    }
}

fn case(name: &'static str, request: Request) -> Case {
    Case { name, request, expect: Expect::Echo, opts: Options::default(), env: vec![] }
}

fn cases(h: &Httpbin) -> Vec<Case> {
    vec![
        case(
            "GET with query",
            request(
                Method::Get,
                h.url("/anything/q?q=caf%C3%A9+au+lait&tag=a%2Bb&tag=c&x=it%27s+%22q%22&y=%24HOME&empty="),
                |_| {},
            ),
        ),
        case(
            "POST JSON",
            request(Method::Post, h.url("/anything/json"), |r| {
                r.body = body(
                    BodyKind::Json,
                    "{\n  \"msg\": \"it's \\\"quoted\\\"\\nline 2 \u{2014} caf\u{e9} \u{1F600}\",\n  \"n\": 1.5,\n  \"ok\": true,\n  \"none\": null,\n  \"list\": [1, \"two words\"],\n  \"nested\": {\"$k\": \"`v` \\\\ end\"}\n}",
                    &[],
                );
            }),
        ),
        case(
            "POST form",
            request(Method::Post, h.url("/anything/form"), |r| {
                r.body = body(
                    BodyKind::Form,
                    "",
                    &[("a", "1&2=3+4"), ("b", "caf\u{e9} cr\u{e8}me"), ("c", ""), ("sp ace", "it's \"x\"")],
                );
            }),
        ),
        case(
            "PUT raw text",
            request(Method::Put, h.url("/anything/raw"), |r| {
                r.body = body(BodyKind::Raw, "line 1\nit's \"raw\" $HOME `x` \\ caf\u{e9}\n", &[]);
            }),
        ),
        case(
            "multipart, two text fields",
            request(Method::Post, h.url("/anything/multipart"), |r| {
                r.body = body(BodyKind::Multipart, "", &[("title", "My \"doc\" it's"), ("note", "caf\u{e9}; x=1")]);
            }),
        ),
        Case {
            expect: Expect::Authenticated("u"),
            ..case(
                "Basic auth",
                request(Method::Get, h.url("/basic-auth/u/p"), |r| {
                    r.auth = Auth::Basic { user: "u".into(), password: "p".into() }
                }),
            )
        },
        case(
            "Basic auth, UTF-8 password",
            request(Method::Get, h.url("/anything/basic"), |r| {
                r.auth = Auth::Basic { user: "al'ice".into(), password: "p\u{e4}ss \u{20ac}$".into() }
            }),
        ),
        case(
            "custom headers",
            request(Method::Get, h.url("/anything/headers"), |r| {
                r.headers = vec![
                    Row::new("X-Quote", "it's \"quoted\" $HOME `id` \\ end"),
                    Row::new("X-Dollar", "$(whoami) ${PATH} !x"),
                    Row::new("Accept", "application/json"),
                ];
            }),
        ),
        case(
            "values starting with = or @, backslashes",
            request(Method::Post, h.url("/anything/edge"), |r| {
                r.headers = vec![Row::new("X-Eq", "=x"), Row::new("X-At", "@file"), Row::new("X-Bs", "a\\b \\ c\\")];
                r.body = body(BodyKind::Form, "", &[("a", "=v"), ("b", "@v"), ("c", "x\\=y"), ("d:e", "back\\slash")]);
            }),
        ),
        Case {
            expect: Expect::Authenticated("u"),
            ..case(
                "Digest auth",
                request(Method::Get, h.url("/digest-auth/auth/u/p"), |r| {
                    r.auth = Auth::Digest { user: "u".into(), password: "p".into() }
                }),
            )
        },
        Case {
            opts: Options { secrets_as_env: true },
            env: vec![("TOKEN", "tok-3n\u{76}'\"$x"), ("API_KEY", "k 1&2"), ("COOKIE", "sid=abc; theme=dark")],
            ..case(
                "secrets from the environment",
                request(Method::Delete, h.url("/anything/env?keep=1"), |r| {
                    r.headers = vec![
                        Row::new("Authorization", "Bearer tok-3n\u{76}'\"$x"),
                        Row::new("Cookie", "sid=abc; theme=dark"),
                    ];
                    r.auth =
                        Auth::ApiKey { name: "api_key".into(), value: "k 1&2".into(), location: KeyLocation::Query };
                }),
            )
        },
        // curl follows only with -L: without it every export must stop at the 302.
        Case {
            expect: Expect::Stopped,
            ..case("a redirect, not followed", request(Method::Get, h.url("/redirect-to?url=/anything/after"), |_| {}))
        },
        Case {
            expect: Expect::Reached("/anything/after"),
            ..case(
                "a redirect, followed as -L says",
                request(Method::Get, h.url("/redirect-to?url=/anything/after"), |r| {
                    r.follow_redirects = Some(Redirects::Follow)
                }),
            )
        },
    ]
}

/// A private HTTPie config directory: the user's own config cannot change what is sent, the
/// update check (which would contact packages.httpie.io) is off, and the status line and
/// headers are printed before the body. `--ignore-stdin` stands in for the terminal the
/// snippet is written for: with a non-terminal stdin HTTPie would read it as the body.
fn httpie_config() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("httpie");
    std::fs::create_dir_all(&dir).expect("HTTPie config dir");
    std::fs::write(
        dir.join("config.json"),
        r#"{"default_options": ["--ignore-stdin", "--print=hb"], "disable_update_warnings": true}"#,
    )
    .expect("HTTPie config");
    dir
}

/// Sends the raw HTTP message to the port its Host line names (gunicorn's sync workers close
/// the connection after answering) and returns the status and body.
fn send_raw(message: &str) -> Result<(u16, String), String> {
    let host = message.lines().find_map(|l| l.strip_prefix("Host: ")).ok_or("no Host line")?;
    let port: u16 = host.trim().rsplit(':').next().and_then(|p| p.parse().ok()).ok_or("no port")?;
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(30))).map_err(|e| e.to_string())?;
    s.write_all(message.as_bytes()).map_err(|e| format!("write: {e}"))?;
    let mut reply = String::new();
    s.read_to_string(&mut reply).map_err(|e| format!("read: {e}"))?;
    let status = reply.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or(format!("no status: {reply}"))?;
    let (_, body) = reply.split_once("\r\n\r\n").ok_or(format!("no body in {reply}"))?;
    Ok((status, body.to_string()))
}

/// Runs a snippet: the status (0 for curl, whose snippet prints only the body) and the body's text.
fn run(target: Target, snippet: &str, env: &[(&str, &str)]) -> Result<(u16, String), String> {
    if target == Target::RawHttp {
        return send_raw(snippet);
    }
    let mut cmd = Command::new("timeout");
    cmd.arg("30");
    match target {
        Target::Curl => cmd.args(["bash", "-c", snippet]),
        // `http` as the snippet calls it, from .venv; the status line comes before the headers.
        Target::Httpie => {
            let path = format!("{}:{}", root().join(".venv/bin").display(), std::env::var("PATH").unwrap_or_default());
            cmd.args(["bash", "-c", snippet]).env("PATH", path).env("HTTPIE_CONFIG_DIR", httpie_config())
        }
        // The snippet prints the status, headers and body; the marker lets us find the JSON.
        Target::Python => cmd
            .arg(root().join(".venv/bin/python"))
            .arg("-c")
            .arg(format!("{snippet}\nprint('@@ECHO@@', r.status_code)\nprint(r.text)\n")),
        Target::Fetch => cmd.args(["node", "--input-type=module", "-e", snippet]),
        Target::RawHttp => unreachable!("sent above"),
    };
    // Never through a proxy: the request must stay on 127.0.0.1.
    for var in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"] {
        cmd.env_remove(var);
    }
    cmd.env("NO_PROXY", "*").env("no_proxy", "*");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().map_err(|e| format!("cannot run: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        return Err(format!("exit {}\nstdout: {stdout}\nstderr: {}", out.status, String::from_utf8_lossy(&out.stderr)));
    }
    let (status, text) = match target {
        Target::Curl => (0, stdout.as_str()),
        // "HTTP/1.1 200 OK", the response headers (CRLF, as received), a blank line, the body.
        Target::Httpie => {
            let status = stdout.split_whitespace().nth(1).ok_or(format!("no status line in {stdout}"))?;
            let (_, body) = stdout.split_once("\r\n\r\n").ok_or(format!("no body in {stdout}"))?;
            (status.parse().map_err(|_| format!("bad status {status}"))?, body)
        }
        Target::Python => {
            let (_, tail) = stdout.split_once("@@ECHO@@ ").ok_or(format!("no marker in {stdout}"))?;
            let (status, text) = tail.split_once('\n').ok_or("no body")?;
            (status.trim().parse().map_err(|_| format!("bad status {status}"))?, text)
        }
        _ => {
            let (status, text) = stdout.split_once(' ').ok_or(format!("no status in {stdout}"))?;
            (status.parse().map_err(|_| format!("bad status {status}"))?, text)
        }
    };
    Ok((status, text.to_string()))
}

fn json_of(status: u16, text: &str) -> Result<Value, String> {
    serde_json::from_str(text.trim()).map_err(|e| format!("status {status}, not JSON ({e}): {text}"))
}

/// name → value, or → [values] when repeated: how httpbin shows args and form fields.
fn grouped(rows: &[Row]) -> Value {
    let mut map = Map::new();
    for r in rows.iter().filter(|r| r.enabled) {
        match map.get_mut(&r.name) {
            Some(Value::Array(a)) => a.push(json!(r.value)),
            Some(v) => *v = json!([v.clone(), r.value]),
            None => {
                map.insert(r.name.clone(), json!(r.value));
            }
        }
    }
    Value::Object(map)
}

fn header<'a>(echo: &'a Value, name: &str) -> Option<&'a str> {
    echo["headers"].as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).and_then(|(_, v)| v.as_str())
}

/// Everything that differs between the echo and the request, as sentences.
fn differences(r: &Request, echo: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: &str, got: &Value, want: &Value| {
        if got != want {
            out.push(format!("{what}: sent {got}, composed {want}"));
        }
    };
    check("method", &echo["method"], &json!(r.method.as_str()));
    let pieces =
        |text: &str| -> Vec<Row> { urlencoded::split(text).iter().map(|p| Row::new(p.name(), p.value())).collect() };
    let query = r.url().split_once('?').map(|(_, q)| pieces(q)).unwrap_or_default();
    check("args", &echo["args"], &grouped(&query));
    let composed = r.effective_headers();
    // Nothing beyond the composed headers, except what every client adds by itself (as the
    // browser does for the page). HTTPie's own: `User-Agent: HTTPie/3.x`, and `Accept:
    // application/json, */*;q=0.5` for JSON and --raw bodies where the others send */*.
    const TRANSPORT: &[&str] = &[
        "host",
        "accept",
        "accept-encoding",
        "accept-language",
        "connection",
        "content-length",
        "content-type",
        "user-agent",
        "sec-fetch-mode",
    ];
    for (name, value) in echo["headers"].as_object().into_iter().flatten() {
        let lower = name.to_ascii_lowercase();
        if !TRANSPORT.contains(&lower.as_str()) && !composed.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            check(&format!("header {name}"), value, &Value::Null);
        }
    }
    for (name, value) in composed {
        let got = header(echo, &name).map(|v| {
            if name.eq_ignore_ascii_case("content-type") {
                v.split(';').next().unwrap_or(v)
            } else {
                v
            }
        });
        check(&format!("header {name}"), &json!(got), &json!(value));
    }
    let (form, json_body, data) = match r.body.kind {
        BodyKind::Form => (grouped(&pieces(&r.body_text().unwrap_or_default())), Value::Null, json!("")),
        BodyKind::Multipart => (grouped(&r.body.fields), Value::Null, json!("")),
        BodyKind::Json => {
            (json!({}), serde_json::from_str(&r.body.text).expect("test JSON parses"), echo["data"].clone())
        }
        BodyKind::Raw => (json!({}), Value::Null, json!(r.body.text)),
        BodyKind::None => (json!({}), Value::Null, json!("")),
    };
    check("form", &echo["form"], &form);
    check("json", &echo["json"], &json_body);
    check("data", &echo["data"], &data);
    if r.body.kind == BodyKind::Multipart {
        check("files", &echo["files"], &json!({}));
    }
    out
}

#[test]
fn exported_snippets_send_the_composed_request() {
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(node, "node is missing: the fetch snippets are run with node (see README)");
    let server = Httpbin::start();
    let mut failures = Vec::new();
    let mut runs = 0;
    for case in cases(&server) {
        assert!(case.request.url().starts_with("http://127.0.0.1:"), "{}: only loopback", case.name);
        for target in Target::ALL {
            // fetch and a raw message cannot answer a Digest challenge; the snippet says so
            // instead (fetch), or sends the first request of the exchange (raw).
            if matches!(target, Target::Fetch | Target::RawHttp) && matches!(case.request.auth, Auth::Digest { .. }) {
                continue;
            }
            // A message is one request: following a redirect is its sender's job.
            if target == Target::RawHttp && matches!(case.expect, Expect::Reached(_)) {
                continue;
            }
            // A raw message shows a secret as a ${TOKEN} placeholder, for a ticket: not sendable.
            if target == Target::RawHttp && case.opts.secrets_as_env {
                continue;
            }
            let snippet = export::export(&case.request, target, case.opts);
            runs += 1;
            let problems = match run(target, &snippet, &case.env) {
                Err(e) => vec![e],
                // curl's snippet prints no status: 0 stands for "as expected" there.
                Ok((status, text)) => match (&case.expect, json_of(status, &text)) {
                    (Expect::Stopped, _) if matches!(status, 0 | 302) && text.trim().is_empty() => vec![],
                    (Expect::Stopped, _) => vec![format!("followed the redirect: status {status}, {text}")],
                    (_, Err(e)) => vec![e],
                    (_, Ok(_)) if !matches!(status, 0 | 200) => vec![format!("status {status}: {text}")],
                    (Expect::Authenticated(user), Ok(echo)) => {
                        let want = json!({ "authenticated": true, "user": user });
                        if echo == want {
                            vec![]
                        } else {
                            vec![format!("answer {echo}")]
                        }
                    }
                    (Expect::Reached(end), Ok(echo)) if echo["url"].as_str().is_some_and(|u| u.ends_with(end)) => {
                        vec![]
                    }
                    (Expect::Reached(_), Ok(echo)) => vec![format!("ended elsewhere: {}", echo["url"])],
                    (Expect::Echo, Ok(echo)) => differences(&case.request, &echo),
                },
            };
            if !problems.is_empty() {
                failures.push(format!(
                    "{} via {}:\n  {}\n--- snippet ---\n{snippet}",
                    case.name,
                    target.label(),
                    problems.join("\n  ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {runs} snippets sent something else:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
