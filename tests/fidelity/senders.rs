//! Running a curl command and each export for real, against the recorder only: curl through
//! bash (with `--connect-to` so that whatever host a command names, it reaches 127.0.0.1), the
//! Python snippet with `.venv/bin/python`, HTTPie with `.venv/bin/http` and a private config,
//! fetch with `node`, the raw message over a TCP socket. No proxy, no ~/.curlrc, no ~/.netrc.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;
use why401::model::request::export::Target;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What must be installed, checked once so that a missing tool fails with a clear message
/// instead of every run failing.
pub fn check_tools() {
    let works = |cmd: &mut Command| cmd.output().is_ok_and(|o| o.status.success());
    assert!(works(Command::new("curl").arg("--version")), "curl is missing");
    assert!(works(Command::new("bash").arg("--version")), "bash is missing");
    assert!(works(Command::new("node").arg("--version")), "node is missing (see README)");
    let python = root().join(".venv/bin/python");
    assert!(
        works(Command::new(&python).args(["-c", "import requests"])),
        "run `make setup`: {} cannot import requests",
        python.display()
    );
    assert!(
        works(Command::new(root().join(".venv/bin/http")).arg("--version")),
        "run `make setup`: .venv has no HTTPie"
    );
}

/// A private HTTPie config: the user's own cannot change what is sent, no update check,
/// `--ignore-stdin` for the terminal the snippet is written for (without it HTTPie would read
/// the empty stdin as a body and POST it). Written once: a run reading it while another thread
/// rewrites it would find it empty.
fn httpie_config() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fidelity-httpie");
        std::fs::create_dir_all(&dir).expect("HTTPie config dir");
        let config = r#"{"default_options": ["--ignore-stdin"], "disable_update_warnings": true}"#;
        std::fs::write(dir.join("config.json"), config).expect("HTTPie config");
        dir
    })
}

/// `curl` inside the script is this function: curl itself, without ~/.curlrc (`-q` must come
/// first), without a proxy, connecting to the recorder whatever the URL's host.
fn curl_prelude(port: u16) -> String {
    format!("curl() {{ command curl -q --noproxy '*' --connect-to ::127.0.0.1:{port} \"$@\"; }}\n")
}

fn isolated(mut cmd: Command) -> Command {
    for var in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"] {
        cmd.env_remove(var);
    }
    cmd.env("NO_PROXY", "*").env("no_proxy", "*").env("NETRC", "/dev/null").stdin(Stdio::null());
    // The corpus names its files relative to the repository (tests/fidelity/files/).
    cmd.current_dir(root());
    cmd
}

fn output(mut cmd: Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("cannot run: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "exit {}\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// The pasted command, as the user would run it, in an environment with `env`.
pub fn run_command(command: &str, port: u16, env: &[(String, String)]) -> Result<(), String> {
    let mut cmd = Command::new("timeout");
    cmd.args(["30", "bash", "-c", &format!("{}{command}", curl_prelude(port))]);
    cmd.envs(env.iter().map(|(k, v)| (k, v)));
    output(isolated(cmd))
}

/// An export, run as its snippet says in an environment with `env`; the raw message is
/// written to the port with the variables filled in, as whoever sends it must.
pub fn run_export(target: Target, snippet: &str, port: u16, env: &[(String, String)]) -> Result<(), String> {
    let mut cmd = Command::new("timeout");
    cmd.envs(env.iter().map(|(k, v)| (k, v)));
    cmd.arg("30");
    match target {
        Target::Curl => cmd.args(["bash", "-c", &format!("{}{snippet}", curl_prelude(port))]),
        Target::Python => cmd.arg(root().join(".venv/bin/python")).arg("-c").arg(snippet),
        Target::Httpie => {
            let path = format!("{}:{}", root().join(".venv/bin").display(), std::env::var("PATH").unwrap_or_default());
            cmd.args(["bash", "-c", snippet]).env("PATH", path).env("HTTPIE_CONFIG_DIR", httpie_config())
        }
        Target::Fetch => cmd.args(["node", "--input-type=module", "-e", snippet]),
        Target::RawHttp => return send_raw(&fill_in(snippet, env), port),
    };
    output(isolated(cmd))
}

/// The raw message with each `${NAME}` of `env` replaced by its value, `Basic base64(user:pw)`
/// encoded, and Content-Length counted again when the body had a variable in it (the export
/// counts the `${NAME}` it writes: its message is a template until then).
fn fill_in(message: &str, env: &[(String, String)]) -> String {
    if env.is_empty() {
        return message.to_string();
    }
    let fill = |s: &str| env.iter().fold(s.to_string(), |s, (k, v)| s.replace(&format!("${{{k}}}"), v));
    let (head, body) = message.split_once("\r\n\r\n").unwrap_or((message, ""));
    let (filled_head, filled_body) = (fill(head), fill(body));
    let lines: Vec<String> = filled_head
        .split("\r\n")
        .map(|line| {
            let (name, value) = line.split_once(": ").unwrap_or((line, ""));
            if name.eq_ignore_ascii_case("content-length") && filled_body != body {
                return format!("{name}: {}", filled_body.len());
            }
            match value.strip_prefix("Basic base64(").and_then(|v| v.strip_suffix(')')) {
                Some(pair) => format!("{name}: Basic {}", why401::model::b64::encode_std(pair.as_bytes())),
                None => line.to_string(),
            }
        })
        .collect();
    format!("{}\r\n\r\n{filled_body}", lines.join("\r\n"))
}

fn send_raw(message: &str, port: u16) -> Result<(), String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(30))).map_err(|e| e.to_string())?;
    s.write_all(message.as_bytes()).map_err(|e| format!("write: {e}"))?;
    let mut reply = Vec::new();
    s.read_to_end(&mut reply).map_err(|e| format!("read: {e}"))?;
    // An `Expect: 100-continue` in the message gets an interim answer first.
    let reply = reply.strip_prefix(b"HTTP/1.1 100 Continue\r\n\r\n".as_slice()).unwrap_or(&reply);
    if reply.starts_with(b"HTTP/1.1 200") {
        Ok(())
    } else {
        Err(format!("answer: {}", reply.escape_ascii()))
    }
}
