//! The importer against DevTools copies, API docs and every option, each case checked
//! against what curl 7.88 sends where it matters.
use super::*;
use crate::model::request::test_requests::{body, with};
use crate::model::request::urlencoded::Piece;
use crate::model::request::{export, AuthAt, Body, BodyKind, FieldPart, Method, PartSource, Redirects, Row};
use crate::model::shell::ShellError;

const FORM: &str = "application/x-www-form-urlencoded";

fn at(url: &str) -> Request {
    let mut r = Request::default();
    r.set_url(url);
    r
}

/// The pieces `which` marked as curl's `--data-urlencode` output.
fn by_curl(mut pieces: Vec<Piece>, which: &[usize]) -> Vec<Piece> {
    which.iter().for_each(|&i| pieces[i].encoded = true);
    pieces
}

fn rows(pairs: &[(&str, &str)]) -> Vec<Row> {
    pairs.iter().map(|(n, v)| Row::new(*n, *v)).collect()
}

fn ok(command: &str) -> Imported {
    import(command).unwrap_or_else(|e| panic!("{command:?}: {e}"))
}

/// Chrome 131 "Copy as cURL (bash)" of a JSON POST, cookies and all.
const CHROME_BASH: &str = r#"curl 'https://api.example.com/v1/orders?status=open&page=2' \
  -H 'accept: application/json, text/plain, */*' \
  -H 'accept-language: en-GB,en;q=0.9' \
  -H 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' \
  -H 'content-type: application/json' \
  -b 'session=abc123; theme=dark' \
  -H 'origin: https://app.example.com' \
  -H 'priority: u=1, i' \
  -H 'sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"' \
  -H 'sec-fetch-mode: cors' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64)' \
  --data-raw $'{"note":"it\'s \\"quoted\\"\\nline two","qty":2}'"#;

/// Chrome 131 "Copy as cURL (cmd)" of a form POST: `^` escapes, `^%^` before hex digits.
const CHROME_CMD: &str = "curl ^\"https://api.example.com/v1/search?q=caf^%^C3^%^A9^&lang=fr^\" ^\r\n  -H ^\"accept: */*^\" ^\r\n  -H ^\"authorization: Basic dXNlcjpwYXNz^\" ^\r\n  -H ^\"content-type: application/x-www-form-urlencoded^\" ^\r\n  -b ^\"sid=1^\" ^\r\n  --data-raw ^\"a=1^&b=x+y^&json=^{^\\^\"k^\\^\":1^}^\"";

/// Firefox 133 "Copy as cURL": explicit -X, --compressed, capitalised header names.
const FIREFOX: &str = "curl 'https://h.example/api/items/7' --compressed -X PUT -H 'User-Agent: Mozilla/5.0' -H 'Accept: */*' -H 'Content-Type: text/csv' -H 'Connection: keep-alive' --data-raw $'a,b\\n1,2'";

/// Chrome's copy of a multipart upload: the body with its boundary, the file left out.
const CHROME_MULTIPART: &str = "curl 'https://h.example/upload' -H 'content-type: multipart/form-data; boundary=----WebKitFormBoundaryX1' --data-raw $'------WebKitFormBoundaryX1\\r\\nContent-Disposition: form-data; name=\"title\"\\r\\n\\r\\nMy \"doc\"\\r\\n------WebKitFormBoundaryX1\\r\\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\\r\\nContent-Type: text/plain\\r\\n\\r\\n\\r\\n------WebKitFormBoundaryX1--\\r\\n'";

#[test]
fn devtools_copies() {
    let cases: Vec<(&str, &str, Request)> = vec![
        (
            "chrome bash",
            CHROME_BASH,
            with(at("https://api.example.com/v1/orders?status=open&page=2"), |r| {
                r.method = Method::Post;
                r.auth = Auth::Bearer { token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln".into() };
                // curl sends -b's Cookie before every -H; the token's header keeps its -H place
                // and name.
                r.auth_at = Some(AuthAt { row: 3, name: "authorization".into() });
                r.headers = rows(&[
                    ("Cookie", "session=abc123; theme=dark"),
                    ("accept", "application/json, text/plain, */*"),
                    ("accept-language", "en-GB,en;q=0.9"),
                    ("content-type", "application/json"),
                    ("origin", "https://app.example.com"),
                    ("priority", "u=1, i"),
                    ("sec-ch-ua", "\"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\""),
                    ("sec-fetch-mode", "cors"),
                    ("user-agent", "Mozilla/5.0 (X11; Linux x86_64)"),
                ]);
                r.body = body(BodyKind::Json, r#"{"note":"it's \"quoted\"\nline two","qty":2}"#, &[]);
            }),
        ),
        (
            "chrome cmd",
            CHROME_CMD,
            with(at("https://api.example.com/v1/search?q=caf%C3%A9&lang=fr"), |r| {
                r.method = Method::Post;
                r.auth = Auth::Basic { user: "user".into(), password: "pass".into() };
                r.auth_at = Some(AuthAt { row: 2, name: "authorization".into() });
                r.headers = rows(&[
                    ("Cookie", "sid=1"),
                    ("accept", "*/*"),
                    ("content-type", "application/x-www-form-urlencoded"),
                ]);
                r.body = Body::form("a=1&b=x+y&json={\"k\":1}");
            }),
        ),
        (
            "firefox",
            FIREFOX,
            with(at("https://h.example/api/items/7"), |r| {
                r.method = Method::Put;
                r.headers = rows(&[
                    ("User-Agent", "Mozilla/5.0"),
                    ("Accept", "*/*"),
                    ("Content-Type", "text/csv"),
                    ("Connection", "keep-alive"),
                ]);
                r.body = body(BodyKind::Raw, "a,b\n1,2", &[]);
            }),
        ),
        (
            "chrome multipart",
            CHROME_MULTIPART,
            with(at("https://h.example/upload"), |r| {
                r.method = Method::Post;
                r.body = body(BodyKind::Multipart, "", &[("title", "My \"doc\""), ("file", "@x.txt")]);
                r.body.fields[1].part.content_type = Some("text/plain".into());
            }),
        ),
    ];
    for (name, command, expected) in cases {
        let got = ok(command);
        assert_eq!(got.request, expected, "{name}");
        assert!(got.unknown_flags.is_empty(), "{name}: {:?}", got.unknown_flags);
    }
    let chrome = ok(CHROME_BASH);
    // What the browser will not let the page's Send set, one line each, from the page's sender.
    let page: Vec<String> = chrome.differences.iter().map(Difference::sentence).collect();
    assert_eq!(page.len(), 5, "{page:#?}");
    assert!(page[0].starts_with("Cookie is not sent as the request has it: the browser does not let a page set it. curl, Python requests, HTTPie"), "{page:#?}");
    assert!(
        page[4].starts_with("user-agent is not sent as the request has it: the browser sends its own instead."),
        "{page:#?}"
    );
    assert!(ok(FIREFOX).notes.iter().any(|n| n.starts_with("--compressed: ")));
    assert!(ok(CHROME_MULTIPART).notes.iter().any(|n| n.contains("'file'") && n.contains("@x.txt")));
}

#[test]
fn every_flag() {
    let x = || at("https://x.example/a");
    let cases: Vec<(&str, Request)> = vec![
        ("curl https://x.example/a", x()),
        ("curl.exe --url https://x.example/a", x()),
        ("/usr/bin/curl -- https://x.example/a", x()),
        ("curl -X DELETE https://x.example/a", with(x(), |r| r.method = Method::Delete)),
        ("curl -XPATCH https://x.example/a", with(x(), |r| r.method = Method::Patch)),
        ("curl --request PUT https://x.example/a", with(x(), |r| r.method = Method::Put)),
        (
            "curl -H 'X-A: 1' -HX-B:2 --header 'X-C;' -H 'X-D: a: b ' https://x.example/a",
            with(x(), |r| r.headers = rows(&[("X-A", "1"), ("X-B", "2"), ("X-C", ""), ("X-D", "a: b ")])),
        ),
        (
            "curl -d a=1 --data b=2 --data-ascii c=3 https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Content-Type", FORM)]);
                r.body = Body::form("a=1&b=2&c=3");
            }),
        ),
        (
            "curl -d hello https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Content-Type", "application/x-www-form-urlencoded")]);
                r.body = body(BodyKind::Raw, "hello", &[]);
            }),
        ),
        (
            "curl --data-binary @body.bin -H 'Content-Type: application/octet-stream' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Content-Type", "application/octet-stream")]);
                r.body = body(BodyKind::Raw, "", &[]);
            }),
        ),
        (
            "curl --data-raw @literal -H 'content-type: text/plain' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("content-type", "text/plain")]);
                r.body = body(BodyKind::Raw, "@literal", &[]);
            }),
        ),
        (
            "curl --data-urlencode 'q=a b&c=d' --data-urlencode 'n=é+' --data-urlencode 'e=' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Content-Type", FORM)]);
                // curl 7.88 sent q=a+b%26c%3Dd&n=%C3%A9%2B&e= (a space is a +).
                r.body = Body::form("q=a+b%26c%3Dd&n=%C3%A9%2B&e=");
                r.body.form = by_curl(std::mem::take(&mut r.body.form), &[0, 1, 2]);
            }),
        ),
        (
            "curl --data-urlencode '=x y' --data-urlencode 'plain&' -H 'Content-Type: text/plain' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Content-Type", "text/plain")]);
                r.body = body(BodyKind::Raw, "x+y&plain%26", &[]);
            }),
        ),
        (
            "curl --data-urlencode 'name@file.txt' --data-urlencode @all.txt -d k=v https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Content-Type", FORM)]);
                // The unseen files add their pieces, empty, as curl adds the files' content.
                r.body = Body::form("name=&&k=v");
                r.body.form = by_curl(std::mem::take(&mut r.body.form), &[0]);
            }),
        ),
        (
            "curl -G -d q=1 --data-urlencode 'w=a b' https://x.example/a?z=0",
            with(at("https://x.example/a?z=0&q=1&w=a+b"), |r| r.query = by_curl(std::mem::take(&mut r.query), &[2])),
        ),
        (
            "curl --json '{\"a\":1}' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Content-Type", "application/json"), ("Accept", "application/json")]);
                r.body = body(BodyKind::Json, "{\"a\":1}", &[]);
            }),
        ),
        (
            "curl --json '{\"a\":' --json '1}' -H 'Accept: text/html' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Accept", "text/html"), ("Content-Type", "application/json")]);
                r.body = body(BodyKind::Json, "{\"a\":1}", &[]);
            }),
        ),
        (
            "curl -F a=1 -F 'f=@report.pdf;type=application/pdf' --form-string 'c=<x;type=y' -F 'q=\"x;y\\\"\";type=text/plain' -F 's=a;b' -F 'n=<in.txt' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                let part = |ct: &str| FieldPart { content_type: Some(ct.into()), ..FieldPart::default() };
                let mut fields = rows(&[("a", "1"), ("f", "@report.pdf"), ("c", "<x;type=y"), ("q", "x;y\""), ("s", "a"), ("n", "")]);
                fields[1].part = FieldPart { source: PartSource::File, ..part("application/pdf") };
                fields[3].part = part("text/plain");
                fields[5].part.source = PartSource::FileText { path: "in.txt".into() };
                r.body = Body::multipart(fields);
            }),
        ),
        (
            "curl -F a=1 -H 'Content-Type: multipart/form-data' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.body = body(BodyKind::Multipart, "", &[("a", "1")]);
            }),
        ),
        ("curl -u 'user:pa:ss' https://x.example/a", with(x(), |r| {
            r.auth = Auth::Basic { user: "user".into(), password: "pa:ss".into() };
            r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
        })),
        ("curl --digest --user u:p https://x.example/a", with(x(), |r| {
            r.auth = Auth::Digest { user: "u".into(), password: "p".into() };
            r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
        })),
        ("curl --digest --basic -u u:p https://x.example/a", with(x(), |r| {
            r.auth = Auth::Basic { user: "u".into(), password: "p".into() };
            r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
        })),
        ("curl -u onlyuser https://x.example/a", with(x(), |r| {
            r.auth = Auth::Basic { user: "onlyuser".into(), password: "".into() };
            r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
        })),
        ("curl 'https://u:p%40ss+@x.example/a'", with(x(), |r| {
            r.auth = Auth::Basic { user: "u".into(), password: "p@ss+".into() };
            r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
        })),
        // curl 7.88 sent `Cookie: a=1;b=2`.
        ("curl -b 'a=1' --cookie 'b=2' -b jar.txt https://x.example/a", with(x(), |r| r.headers = rows(&[("Cookie", "a=1;b=2")]))),
        (
            "curl -A 'agent/1.0' -e 'https://ref.example/;auto' --referer https://r2.example/ https://x.example/a",
            // One Referer: the last -e wins.
            with(x(), |r| r.headers = rows(&[("User-Agent", "agent/1.0"), ("Referer", "https://r2.example/")])),
        ),
        ("curl -I https://x.example/a", with(x(), |r| r.method = Method::Head)),
        ("curl --head https://x.example/a", with(x(), |r| r.method = Method::Head)),
        ("curl --oauth2-bearer t0k https://x.example/a", with(x(), |r| {
            r.auth = Auth::Bearer { token: "t0k".into() };
            r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
        })),
        ("curl -r 0-99 https://x.example/a", with(x(), |r| r.headers = rows(&[("Range", "bytes=0-99")]))),
        ("curl -T up.bin https://x.example/a", with(x(), |r| r.method = Method::Put)),
        // curl 7.88 requested /a?a=b+c&raw=%20.
        ("curl --url-query 'a=b c' --url-query '+raw=1%20' https://x.example/a", at("https://x.example/a?a=b+c&raw=1%20")),
        ("curl x.example/a", at("http://x.example/a")),
        (
            "curl -H 'Authorization: Basic dXNlcjpwYTpzcw==' https://x.example/a",
            with(x(), |r| {
                r.auth = Auth::Basic { user: "user".into(), password: "pa:ss".into() };
                r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
            }),
        ),
        // What the helper would not write back byte for byte stays the user's row: a lower-case
        // scheme, two spaces, a second Authorization header are what the server gets.
        (
            "curl -H 'Authorization: basic dXNlcjpwYTpzcw==' https://x.example/a",
            with(x(), |r| r.headers = rows(&[("Authorization", "basic dXNlcjpwYTpzcw==")])),
        ),
        ("curl -H 'authorization: bearer abc' https://x.example/a", with(x(), |r| r.headers = rows(&[("authorization", "bearer abc")]))),
        ("curl -H 'Authorization: Bearer  abc' https://x.example/a", with(x(), |r| r.headers = rows(&[("Authorization", "Bearer  abc")]))),
        (
            "curl -H 'Authorization: Bearer a' -H 'Authorization: Bearer b' https://x.example/a",
            with(x(), |r| {
                r.auth = Auth::Bearer { token: "a".into() };
                r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
                r.headers = rows(&[("Authorization", "Bearer b")]);
                let sent: Vec<_> = r.effective_headers().into_iter().map(|(_, v)| v).collect();
                assert_eq!(sent, ["Bearer a", "Bearer b"], "both go out, in order");
            }),
        ),
        ("curl -H 'Authorization: Basic bm9jb2xvbg==' https://x.example/a", with(x(), |r| r.headers = rows(&[("Authorization", "Basic bm9jb2xvbg==")]))),
        ("curl -H 'Authorization: Token abc' https://x.example/a", with(x(), |r| r.headers = rows(&[("Authorization", "Token abc")]))),
        (
            "curl -u a:b -H 'Authorization: Bearer xyz' https://x.example/a",
            with(x(), |r| {
                r.auth = Auth::Bearer { token: "xyz".into() };
                r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
            }),
        ),
        (
            "curl -d '{\"a\":[1]}' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                // What curl sends: JSON labelled as a form (a finding, not a fix).
                r.headers = rows(&[("Content-Type", FORM)]);
                r.body = body(BodyKind::Json, "{\"a\":[1]}", &[]);
            }),
        ),
        (
            "curl -H 'Content-Type: application/json; charset=utf-8' -d '[]' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Content-Type", "application/json; charset=utf-8")]);
                r.body = body(BodyKind::Json, "[]", &[]);
            }),
        ),
        (
            "curl -H 'Content-Type: application/vnd.api+json' -d 'not json' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Content-Type", "application/vnd.api+json")]);
                r.body = body(BodyKind::Raw, "not json", &[]);
            }),
        ),
        (
            "curl -H 'Content-Type: text/plain' -d 'a=1' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Content-Type", "text/plain")]);
                r.body = body(BodyKind::Raw, "a=1", &[]);
            }),
        ),
        (
            "curl -X GET -d a=1 https://x.example/a",
            with(x(), |r| {
                r.headers = rows(&[("Content-Type", FORM)]);
                r.body = Body::form("a=1");
            }),
        ),
        (
            "curl -d 'foo=\"bar\"&msg=@raw&sp=%20+&secret=*%5*!&item[]=1' -H 'Content-Type:' https://x.example/a",
            with(x(), |r| {
                r.method = Method::Post;
                r.removed_headers = vec!["Content-Type".into()];
                r.body = body(BodyKind::Raw, "foo=\"bar\"&msg=@raw&sp=%20+&secret=*%5*!&item[]=1", &[]);
            }),
        ),
        (
            "curl -d 'foo=\"bar\"&msg=@raw&sp=%20+&secret=*%5*!&item[]=1' 'https://x.example/a?pretty&'",
            with(at("https://x.example/a?pretty&"), |r| {
                r.method = Method::Post;
                r.headers = rows(&[("Content-Type", FORM)]);
                r.body = Body::form("foo=\"bar\"&msg=@raw&sp=%20+&secret=*%5*!&item[]=1");
            }),
        ),
        ("curl https://x.example/a | jq .", x()),
        ("curl https://x.example/a > out.json", x()),
        ("curl https://x.example/a 2>&1 >/dev/null && echo done", x()),
    ];
    for (command, expected) in cases {
        let got = ok(command);
        assert_eq!(got.request, expected, "{command}");
        assert!(got.unknown_flags.is_empty(), "{command}: unknown {:?}", got.unknown_flags);
    }
}

/// Flags whose meaning is only explained: (command, a note that must be there).
#[test]
fn notes_explain_what_changes_nothing_sent() {
    let cases: &[(&str, &str)] = &[
        ("curl -F 'f=v;x=1' https://x", "-F 'f=v;x=1': curl skips ';x=1', a parameter it does not know"),
        ("curl -H 'Expect:' https://x", "-H 'Expect:': curl sends no Expect header at all"),
        (
            "curl -H 'X-A: 1' -H 'X-A:' https://x",
            "removes only curl's own X-A header; the one given with -H is still sent",
        ),
        ("curl -H nocolon https://x", "-H 'nocolon': not a header"),
        ("curl -A '' https://x", "-A \"\": curl sends no User-Agent at all"),
        ("curl -u bob https://x", "-u bob: curl would ask for the password"),
        ("curl 'https://u:p@x/'", "the credentials in the URL become Basic auth"),
        ("curl x.example", "'x.example' has no scheme"),
        ("curl -T f.bin https://x/dir/", "-T f.bin: curl adds the file's name to a URL that ends in /"),
        ("curl 'https://x/items/{id}'", "curl reads {id} in the URL as a pattern with one choice"),
        ("curl -u a:b -H 'Authorization: Bearer t' https://x", "replaces -u / --oauth2-bearer"),
        ("curl -u a:b -H 'Authorization: Token t' https://x", "is sent instead of -u / --oauth2-bearer"),
        ("curl -u a:b -H 'Authorization:' https://x", "curl sends no credentials"),
        ("curl --compressed https://x", "Accept-Encoding: deflate, gzip, br, zstd"),
        ("curl --location-trusted https://x", "sends the -u credentials and Authorization to every host"),
        ("curl -e 'https://r/;auto' https://x", ";auto makes curl send a Referer on each redirect"),
        ("curl -s https://x", "-s: only changes what curl prints"),
        ("curl -v https://x", "-v: prints the whole exchange"),
        ("curl -L https://x", "-L: follows redirects"),
        ("curl --http2 https://x", "--http2: picks the HTTP version"),
        ("curl -i https://x", "-i: only changes what curl prints"),
        ("curl --no-progress-meter https://x", "--no-progress-meter: only changes"),
        ("curl --no-silent https://x", "--no-silent: switches off an option that only changes what curl prints"),
        ("curl -o out.json https://x", "-o out.json: only changes what curl prints"),
        ("curl --connect-timeout 5 https://x", "--connect-timeout 5: a timeout"),
        ("curl --cacert ca.pem https://x", "--cacert ca.pem: trusts the certificate authorities in a file"),
        ("curl --variable x=1 https://x https://y", "'https://y' is not used"),
        ("curl https://x | jq .", "'| jq .' belongs to the shell"),
        ("curl https://x > out.json", "'> out.json' belongs to the shell"),
        ("curl -d @- https://x <<EOF\nbody", "has no closing line 'EOF'"),
        // bash requests https://x/?a=1 in the background and sets b=2.
        ("curl https://x/?a=1&b=2", "the unquoted & before 'b=2' ends the command"),
    ];
    for (command, note) in cases {
        let got = ok(command);
        assert!(
            got.notes.iter().any(|n| n.contains(note)),
            "{command}: want a note containing {note:?}, got {:?}",
            got.notes
        );
        assert!(got.unknown_flags.is_empty() || command.contains("--variable"), "{command}: {:?}", got.unknown_flags);
    }
}

fn codes(got: &Imported) -> Vec<&'static str> {
    got.differences.iter().map(Difference::code).collect()
}

/// What the page cannot send as curl does: (command, code, words the difference must say).
/// Each has a near miss that must not give the code.
#[test]
fn differences_name_what_the_page_cannot_send() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "curl -d @body.json https://x",
            "file_content_unseen",
            "-d @body.json: curl reads the file 'body.json'",
            "curl -d body.json https://x",
        ),
        (
            "curl --data-binary @b.bin https://x",
            "file_content_unseen",
            "the file 'b.bin'",
            "curl --data-raw @b.bin https://x",
        ),
        ("curl --json @req.json https://x", "file_content_unseen", "--json @req.json", "curl --json '{}' https://x"),
        (
            "curl --data-urlencode 'n@f.txt' https://x",
            "file_content_unseen",
            "the file 'f.txt'",
            "curl --data-urlencode 'n=f@x.txt' https://x",
        ),
        // A file curl attaches is said once, by the page's sender: the exports attach it too.
        (
            "curl -F 'f=@a.pdf' https://x",
            "file_not_attached",
            "The file a.pdf of field f is not sent",
            "curl --form-string 'f=@a.pdf' https://x",
        ),
        ("curl -F 'f=<a.txt' https://x", "file_content_unseen", "the file 'a.txt'", "curl -F 'f=a.txt' https://x"),
        (
            "curl -F 'f=v;headers=@h.txt' https://x",
            "file_content_unseen",
            "the file 'h.txt'",
            "curl -F 'f=v;headers=\"X: 1\"' https://x",
        ),
        (
            "curl -b jar.txt https://x",
            "file_content_unseen",
            "-b jar.txt: curl reads cookies from the file 'jar.txt'",
            "curl -b a=1 https://x",
        ),
        (
            "curl -H @headers.txt https://x",
            "file_content_unseen",
            "the file 'headers.txt'",
            "curl -H 'X: @h' https://x",
        ),
        ("curl -T f.bin https://x", "file_content_unseen", "-T f.bin", "curl -T - https://x <<< data"),
        (
            "curl -K opts.txt https://x",
            "file_content_unseen",
            "more options from the file 'opts.txt'",
            "curl https://x",
        ),
        ("curl -n https://x", "file_content_unseen", "~/.netrc", "curl -u a:b https://x"),
        ("curl --netrc-file n.txt https://x", "file_content_unseen", "the file 'n.txt'", "curl https://x"),
        (
            "curl -d @- https://x",
            "file_content_unseen",
            "standard input (what is typed or piped in)",
            "curl -d @- https://x <<< a=1",
        ),
        (
            "curl -d @- https://x < body.txt",
            "file_content_unseen",
            "fills from the file 'body.txt'",
            "curl -d @- https://x <<< a=1",
        ),
        (
            "jq -n '{}' | curl -d @- https://x",
            "command_output_unseen",
            "the output of `jq -n '{}'`",
            "echo '{}' | curl -d @- https://x",
        ),
        (
            "curl -H \"Authorization: Bearer $(gcloud auth print-access-token)\" https://x",
            "command_output_unseen",
            "what `gcloud auth print-access-token` prints in the Authorization header",
            "curl -H 'Authorization: Bearer $(x)' https://x",
        ),
        (
            "curl -H \"Authorization: Bearer $API_TOKEN\" https://x",
            "variable_unresolved",
            "The shell expands $API_TOKEN in the Authorization header",
            "curl -H 'Authorization: Bearer $API_TOKEN' https://x",
        ),
        (
            "curl -u \"$USER:$PASS\" https://x",
            "variable_unresolved",
            "$USER in the -u credentials",
            "export PASS=x USER=u; curl -u \"$USER:$PASS\" https://x",
        ),
        (
            "curl --ntlm -u a:b https://x",
            "auth_scheme_not_reproduced",
            "--ntlm -u a: curl authenticates with NTLM",
            "curl --basic -u a:b https://x",
        ),
        (
            "curl --negotiate -u : https://x",
            "auth_scheme_not_reproduced",
            "Negotiate",
            "curl --digest -u a:b https://x",
        ),
        (
            "curl --anyauth -u a:b https://x",
            "auth_scheme_not_reproduced",
            "answers whichever scheme the server's 401 offers",
            "curl --anyauth https://x",
        ),
        (
            "curl -X 'GET /admin' https://x",
            "method_not_reproduced",
            "-X GET /admin: curl sends the method 'GET /admin' exactly as typed, though it is no HTTP method name",
            "curl -X PROPFIND https://x",
        ),
        ("curl https://x https://y", "more_requests_in_command", "curl also requests https://y", "curl https://x"),
        ("curl --url https://x --url https://y", "more_requests_in_command", "https://y", "curl --url https://x"),
        (
            "curl https://x -H 'A: 1' --next -d b=2 https://y",
            "more_requests_in_command",
            "https://y (after --next)",
            "curl https://x -H 'A: 1' -d b=2",
        ),
        (
            "curl 'https://x/items/[1-3]'",
            "more_requests_in_command",
            "2 more URLs that the pattern in https://x/items/[1-3] makes",
            "curl -g 'https://x/items/[1-3]'",
        ),
        (
            "curl -k https://x",
            "tls_check_skipped",
            "-k: curl accepts any TLS certificate",
            "curl --cacert ca.pem https://x",
        ),
        ("curl --insecure https://x", "tls_check_skipped", "--insecure", "curl --no-insecure https://x"),
        (
            "curl --cert c.pem --key k.pem https://x",
            "client_certificate_not_sent",
            "--cert c.pem, --key k.pem: curl proves who it is",
            "curl --cacert c.pem https://x",
        ),
        ("curl -E c.pem https://x", "client_certificate_not_sent", "-E c.pem", "curl https://x"),
        (
            "curl -x http://proxy:3128 -U u:p https://x",
            "proxy_not_used",
            "-x http://proxy:3128, -U u:p: curl goes through this proxy",
            "curl --noproxy '*' https://x",
        ),
        ("curl --socks5-hostname h:1080 https://x", "proxy_not_used", "--socks5-hostname h:1080", "curl https://x"),
        (
            "curl --aws-sigv4 aws:amz:us-east-1:s3 -u k:s https://x",
            "signature_not_reproduced",
            "AWS SigV4",
            "curl -u k:s https://x",
        ),
        (
            "curl -X GET -d a=1 https://x",
            "body_on_get_dropped",
            "The body of this GET is left out",
            "curl -G -d a=1 https://x",
        ),
    ];
    for (command, code, words, near_miss) in cases {
        let got = ok(command);
        let d = got.differences.iter().find(|d| d.code() == *code);
        let d = d.unwrap_or_else(|| panic!("{command}: want {code}, got {:?}", got.differences));
        assert!(d.sentence().contains(words), "{command}: {:?}", d.sentence());
        assert!(!codes(&ok(near_miss)).contains(code), "{near_miss}: {:?}", ok(near_miss).differences);
    }
    // A file field is attached by the exports that read files, and listed once.
    let file = ok("curl -F 'f=@a.pdf' https://x");
    assert_eq!(codes(&file), ["file_not_attached"], "{:?}", file.differences);
    assert!(
        file.differences[0].sentence().contains("curl, Python requests, HTTPie and JavaScript fetch send it exactly."),
        "{:?}",
        file.differences
    );
}

#[test]
fn options_that_only_print_change_nothing() {
    let got = ok("curl -sSLk --compressed -v -i --http2 -o /dev/null -w '%{http_code}' https://x.example/a");
    // -L is kept as what the command does with redirects; nothing else changes the request.
    assert_eq!(got.request, with(at("https://x.example/a"), |r| r.follow_redirects = Some(Redirects::Follow)));
    let flags: Vec<&str> = got.notes.iter().map(|n| n.split([':', ' ']).next().unwrap()).collect();
    assert_eq!(flags, ["-s", "-S", "-L", "--compressed", "-v", "-i", "--http2", "-o", "-w"]);
    assert_eq!(codes(&got), ["tls_check_skipped"], "-k changes what the page can reach");
}

#[test]
fn a_bearer_token_from_a_variable_stays_the_header_curl_makes() {
    let got = ok("curl --oauth2-bearer \"$TOKEN\" -H 'X-A: 1' https://x");
    assert_eq!(got.request.auth, Auth::None, "no ${{TOKEN}} in the Token box");
    assert_eq!(got.request.headers, rows(&[("Authorization", "Bearer ${TOKEN}"), ("X-A", "1")]));
    assert_eq!(got.request.variables.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["TOKEN"]);
}

#[test]
fn redirect_options_are_kept() {
    assert_eq!(ok("curl https://x").request.follow_redirects, None);
    assert_eq!(ok("curl -L https://x").request.follow_redirects, Some(Redirects::Follow));
    assert_eq!(ok("curl --location-trusted -u a:b https://x").request.follow_redirects, Some(Redirects::Trusted));
    assert_eq!(
        ok("curl --location-trusted --location https://x").request.follow_redirects,
        Some(Redirects::Follow),
        "the last one wins"
    );
    assert_eq!(ok("curl -L --no-location https://x").request.follow_redirects, None, "switched off again");
}

#[test]
fn unknown_flags_are_listed() {
    let cases: &[(&str, &[&str], &str)] = &[
        ("curl --frobnicate https://x.example/", &["--frobnicate"], "https://x.example/"),
        ("curl -W https://x.example/", &["-W"], "https://x.example/"),
        ("curl -sWv https://x.example/", &["-W"], "https://x.example/"),
        // The value of an unknown flag is not mistaken for the URL when a real URL is there.
        ("curl --variable name=v https://x.example/", &["--variable"], "https://x.example/"),
        ("curl --data=a=1 https://x.example/", &["--data=a=1"], "https://x.example/"),
    ];
    for (command, unknown, url) in cases {
        let got = ok(command);
        assert_eq!(got.unknown_flags, *unknown, "{command}");
        assert_eq!(got.request.url(), *url, "{command}");
    }
    assert!(ok("curl --variable name=v https://x.example/").notes.iter().any(|n| n.contains("'name=v' is not used")));
}

#[test]
fn errors_are_located() {
    let cases: &[(&str, CurlError, &str)] = &[
        ("", CurlError::Empty, "the command is empty"),
        ("  \n ", CurlError::Empty, "the command is empty"),
        ("wget https://x", CurlError::NotCurl { first_word: "wget".into() }, "starts with 'wget', not curl"),
        (
            "curl 'https://x",
            CurlError::Shell(ShellError::UnclosedQuote { quote: '\'', at: 5 }),
            "opened at character 5",
        ),
        (
            "curl ^\"https://x",
            CurlError::Shell(ShellError::UnclosedQuote { quote: '"', at: 5 }),
            "opened at character 5",
        ),
        ("curl -H 'A: 1'", CurlError::NoUrl, "has no URL"),
        (
            "curl https://x -H",
            CurlError::MissingValue { flag: "-H".into() },
            "-H at the end of the command needs a value",
        ),
        ("curl https://x -sH", CurlError::MissingValue { flag: "-H".into() }, "-H at the end"),
        ("curl https://x --data-raw", CurlError::MissingValue { flag: "--data-raw".into() }, "--data-raw at the end"),
        (
            "curl -F noequals https://x",
            CurlError::BadFormField { flag: "-F".into(), field: "noequals".into() },
            "-F 'noequals': a form field must be name=value",
        ),
        (
            "curl --form-string =v https://x",
            CurlError::BadFormField { flag: "--form-string".into(), field: "=v".into() },
            "--form-string '=v'",
        ),
        // curl 7.88: "Warning: You can only select one HTTP request method!"
        (
            "curl -d a=1 -F b=2 https://x",
            CurlError::TwoMethods { first: "-d".into(), second: "-F".into() },
            "-d and -F each choose how the request is sent",
        ),
        (
            "curl -I --json {} https://x",
            CurlError::TwoMethods { first: "-I".into(), second: "--json".into() },
            "curl refuses",
        ),
        ("curl -T f -d a https://x", CurlError::TwoMethods { first: "-T".into(), second: "-d".into() }, "curl refuses"),
        // "You asked for both GET (-d, --data) and multipart formpost (-F, --form)"
        (
            "curl -G -d q=1 -F a=1 https://x",
            CurlError::TwoMethods { first: "-d".into(), second: "-F".into() },
            "curl refuses",
        ),
        (
            "curl 'https://x/{a'",
            CurlError::Glob { url: "https://x/{a".into(), problem: "unmatched brace".into(), at: 11 },
            "curl refuses the URL 'https://x/{a': unmatched brace at character 11",
        ),
        ("# just a comment\n", CurlError::Empty, "the command is empty"),
    ];
    for (command, error, message) in cases {
        let got = import(command).unwrap_err();
        assert_eq!(&got, error, "{command:?}");
        assert!(got.to_string().contains(message), "{command:?}: {got}");
    }
}

/// What curl 7.88 put on the wire for each command (an echo server printed the request),
/// and the request the importer makes of it.
#[test]
fn as_curl_7_88_sent_it() {
    let x = || at("https://x.example/a");
    let post = |headers: &[(&str, &str)], body: Body| {
        with(x(), |r| {
            r.method = Method::Post;
            r.headers = rows(headers);
            r.body = body;
        })
    };
    let cases: Vec<(&str, Request)> = vec![
        // POST /a, Content-Type: application/json, Accept: application/json, body {"a":1}
        ("curl --json '{\"a\":' --json '1}' https://x.example/a", post(&[("Content-Type", "application/json"), ("Accept", "application/json")], Body::json("{\"a\":1}"))),
        // x=1{"a":1}: a --json piece is glued on, with the JSON Content-Type
        ("curl -d x=1 --json '{\"a\":1}' https://x.example/a", post(&[("Content-Type", "application/json"), ("Accept", "application/json")], Body::raw("x=1{\"a\":1}"))),
        // {"a":1}&x=1: a -d piece after it gets its &
        ("curl --json '{\"a\":1}' -d x=1 https://x.example/a", post(&[("Content-Type", "application/json"), ("Accept", "application/json")], Body::raw("{\"a\":1}&x=1"))),
        // a=1&b=2
        ("curl -d a=1 -d b=2 https://x.example/a", post(&[("Content-Type", FORM)], Body::form("a=1&b=2"))),
        // a+b&c+d&n=e+f&x@y=z&p=q%40r: = is looked for before @
        (
            "curl --data-urlencode 'a b' --data-urlencode '=c d' --data-urlencode 'n=e f' --data-urlencode 'x@y=z' --data-urlencode 'p=q@r' https://x.example/a",
            post(&[("Content-Type", FORM)], Body::raw("a+b&c+d&n=e+f&x@y=z&p=q%40r")),
        ),
        // q=-._~%2A%27%28%29%21%24%26%2B%3D%2F%3F%3A%40%3B%2C%5B%5D%C3%A9
        (
            "curl --data-urlencode \"q=-._~*'()!\\$&+=/?:@;,[]é\" https://x.example/a",
            post(&[("Content-Type", FORM)], Body { form: by_curl(Body::form("q=-._~%2A%27%28%29%21%24%26%2B%3D%2F%3F%3A%40%3B%2C%5B%5D%C3%A9").form, &[0]), ..Body::form("") }),
        ),
        // GET /a?z=0&q=1&r=2
        ("curl -G -d q=1 -d r=2 'https://x.example/a?z=0'", at("https://x.example/a?z=0&q=1&r=2")),
        // Range: bytes=600-
        ("curl -r 600- https://x.example/a", with(x(), |r| r.headers = rows(&[("Range", "bytes=600-")]))),
        // X-A: (empty) then X-A: 1; no Accept, no X-B (curl has none of its own), no User-Agent
        (
            "curl -H 'X-A;' -H 'X-A: 1' -H 'Accept:' -H 'X-B:' -H 'User-Agent:' https://x.example/a",
            with(x(), |r| {
                r.headers = rows(&[("X-A", ""), ("X-A", "1")]);
                r.removed_headers = vec!["Accept".into(), "X-B".into(), "User-Agent".into()];
            }),
        ),
        // No Authorization, Cookie, Referer, Range: each removed by its empty -H
        (
            "curl -u u:p -H 'Authorization:' -b a=1 -H 'Cookie:' -e http://r/ -H 'Referer:' -r 1-2 -H 'Range:' https://x.example/a",
            with(x(), |r| r.removed_headers = vec!["Authorization".into(), "Cookie".into(), "Referer".into(), "Range".into()]),
        ),
        // accept: text/html and user-agent: me replace curl's own
        (
            "curl -A agent -H 'user-agent: me' -b a=1 -H 'Cookie: b=2' https://x.example/a",
            with(x(), |r| r.headers = rows(&[("user-agent", "me"), ("Cookie", "b=2")])),
        ),
        // User-Agent left out entirely
        ("curl -A '' https://x.example/a", with(x(), |r| r.removed_headers = vec!["User-Agent".into()])),
        // PUT /dir/f.txt
        ("curl -T f.txt https://x.example/dir/", with(at("https://x.example/dir/f.txt"), |r| r.method = Method::Put)),
        ("curl -T ../f.txt https://x.example", with(at("https://x.example/f.txt"), |r| r.method = Method::Put)),
        // PUT /dir/ with the herestring's 'up\n', chunked
        (
            "curl -T - https://x.example/dir/ <<< 'up'",
            with(at("https://x.example/dir/"), |r| {
                r.method = Method::Put;
                r.body = Body::raw("up\n");
            }),
        ),
        // post /a: -X is sent as typed, kept beside the nearest method; the last -X wins
        (
            "curl -X PROPFIND https://x.example/a -X post",
            with(x(), |r| {
                r.method = Method::Post;
                r.method_as_typed = Some("post".into());
            }),
        ),
        (
            "curl -X PROPFIND -d a=1 https://x.example/a",
            with(post(&[("Content-Type", FORM)], Body::form("a=1")), |r| r.method_as_typed = Some("PROPFIND".into())),
        ),
        // GET /id/x
        ("curl 'https://x.example/{id}/x'", at("https://x.example/id/x")),
        ("curl -g 'https://x.example/{id}/x'", at("https://x.example/{id}/x")),
        // GET /1 then GET /2
        ("curl 'https://x.example/[1-2]'", at("https://x.example/1")),
        // HEAD with the data in the query; -G with -F stays a multipart POST
        ("curl -I -G -d q=1 https://x.example/a", with(at("https://x.example/a?q=1"), |r| r.method = Method::Head)),
        ("curl -G -F a=1 https://x.example/a", with(x(), |r| {
            r.method = Method::Post;
            r.body = Body::multipart(rows(&[("a", "1")]));
        })),
        // Authorization: Bearer tok wins over -u
        ("curl -u u:p --oauth2-bearer tok https://x.example/a", with(x(), |r| {
            r.auth = Auth::Bearer { token: "tok".into() };
            r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
        })),
        // Authorization: Basic Og==
        ("curl -u : https://x.example/a", with(x(), |r| {
            r.auth = Auth::Basic { user: "".into(), password: "".into() };
            r.auth_at = Some(AuthAt { row: 0, name: "Authorization".into() });
        })),
    ];
    for (command, expected) in cases {
        let got = ok(command);
        assert_eq!(got.request, expected, "{command}");
        assert!(got.unknown_flags.is_empty(), "{command}: unknown {:?}", got.unknown_flags);
    }
}

/// stdin from the paste: what curl reads for `@-`.
#[test]
fn heredocs_herestrings_and_pipes_are_the_data() {
    let body = |command: &str| ok(command).request.body_text().unwrap_or_default();
    let cases: &[(&str, &str)] = &[
        // -d strips CR and LF from what it reads: a=1
        ("curl -d @- https://x <<< 'a=1'", "a=1"),
        // --data-binary keeps them: a=1\n
        ("curl --data-binary @- https://x <<< 'a=1'", "a=1\n"),
        // --json @- keeps them: {"a": 1}\n
        ("curl --json @- https://x <<EOF\n{\"a\": 1}\nEOF\n", "{\"a\": 1}\n"),
        ("curl --data-binary @- https://x <<-'END'\n\t{\"user\": \"$USER\"}\n\tEND", "{\"user\": \"$USER\"}\n"),
        // stdin is read once: a=1&
        ("curl -d @- --data-binary @- https://x <<< 'a=1'", "a=1&"),
        // q=a+b%0A
        ("curl --data-urlencode 'q@-' https://x <<< 'a b'", "q=a+b%0A"),
        // piped\n
        ("echo 'piped' | curl --data-binary @- https://x", "piped\n"),
        ("echo -n '{\"a\":1}' | curl --json @- https://x", "{\"a\":1}"),
        ("printf '%s\\n' 'a=1' | curl --data-binary @- https://x", "a=1\n"),
    ];
    for (command, expected) in cases {
        assert_eq!(body(command), *expected, "{command}");
        assert!(ok(command).differences.iter().all(|d| d.code() != "file_content_unseen"), "{command}");
    }
    // An unquoted heredoc's variables stay variables.
    let got = ok("curl --data-binary @- https://x <<EOF\n{\"user\": \"$USER\"}\nEOF");
    assert_eq!(got.request.body_text().unwrap(), "{\"user\": \"${USER}\"}\n");
    assert_eq!(got.request.variables, [Variable { name: "USER".into(), value: None }]);
    assert_eq!(codes(&got), ["variable_unresolved"]);
    assert!(got.differences[0].what.contains("$USER in the body"));
}

#[test]
fn comments_and_several_commands() {
    let paste = "# Get the user's orders (it's paged)\n# second comment line with a ' too\ncurl 'https://x/orders' \\\n  -H 'Accept: */*' # don't forget\n\ncurl https://x/next; curl https://x/third && curl -X DELETE https://x/4 & curl https://x/5";
    let got = ok(paste);
    assert_eq!(got.request, with(at("https://x/orders"), |r| r.headers = rows(&[("Accept", "*/*")])));
    assert_eq!(
        got.commands,
        [
            "curl 'https://x/orders' \\\n  -H 'Accept: */*'",
            "curl https://x/next",
            "curl https://x/third",
            "curl -X DELETE https://x/4",
            "curl https://x/5"
        ]
    );
    assert_eq!(got.command, 0);
    let fourth = import_nth(paste, 3).unwrap();
    assert_eq!(
        (fourth.command, fourth.request.method, fourth.request.url()),
        (3, Method::Delete, "https://x/4".into())
    );
    assert_eq!(fourth.commands, got.commands);
    // Other commands are skipped: curl comes first among the ones listed.
    let got = ok("cd /tmp\nexport A=1\ncurl https://x/a | jq .");
    assert_eq!((got.commands.len(), got.request.url()), (1, "https://x/a".into()));
    // A comment line inside a continued command ends it: the options after it never reach curl.
    let broken = ok("curl https://x \\\n  # the token:\n  -H 'Authorization: Bearer t'");
    assert_eq!(broken.request, at("https://x"));
    assert!(
        broken.notes.iter().any(|n| n.starts_with("bash runs '-H 'Authorization: Bearer t'' as a command of its own")),
        "{:?}",
        broken.notes
    );
}

#[test]
fn variables_stay_variables_and_take_values_the_paste_gives() {
    let got = ok("curl -H \"Authorization: Bearer $API_TOKEN\" \"https://${HOST}/v1?key=$KEY\" -H \"X-User: $USER\"");
    assert_eq!(
        got.request.headers,
        rows(&[("Authorization", "Bearer ${API_TOKEN}"), ("X-User", "${USER}")]),
        "a variable stays visible in its header row"
    );
    assert_eq!(got.request.typed_url(), "https://${HOST}/v1?key=${KEY}");
    let names: Vec<&str> = got.request.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["API_TOKEN", "HOST", "KEY", "USER"]);
    assert_eq!(codes(&got), ["variable_unresolved"; 4]);
    let user = ok("curl -u \"$USER:pw\" https://x");
    assert_eq!(user.request.auth, Auth::Basic { user: "${USER}".into(), password: "pw".into() });
    assert_eq!(
        got.differences[0].sentence(),
        "The shell expands $API_TOKEN in the Authorization header; the page does not know its value and keeps the text ${API_TOKEN}. Unset, it expands to nothing: a classic 401."
    );
    // Values set before the command (export, a line of its own, the command's prefix, env).
    let paste = "export API_TOKEN=abc.def\nHOST=api.example.com\nKEY=\"k-$HOST\" curl -H \"Authorization: Bearer $API_TOKEN\" \"https://$HOST/?key=$KEY\" -H \"X-U: $UNSET\"";
    let got = ok(paste);
    let values: Vec<(&str, Option<&str>)> =
        got.request.variables.iter().map(|v| (v.name.as_str(), v.value.as_deref())).collect();
    assert_eq!(
        values,
        [
            ("API_TOKEN", Some("abc.def")),
            ("HOST", Some("api.example.com")),
            ("KEY", Some("k-api.example.com")),
            ("UNSET", None)
        ]
    );
    assert_eq!(codes(&got), ["variable_unresolved"]);
    assert_eq!(got.request.expanded().url(), "https://api.example.com/?key=k-api.example.com");
    assert_eq!(
        ok("env A=1 curl \"https://x/$A\"").request.variables,
        [Variable { name: "A".into(), value: Some("1".into()) }]
    );
    // Single quotes keep the text: no variable.
    assert!(ok("curl -H 'Authorization: Bearer $API_TOKEN' https://x").request.variables.is_empty());
}

/// `$1`, `$$`, `$?`… are the shell's own: never a variable of the request (an export would write
/// `os.environ["$"]` or `process.env.1`), kept as typed with a note.
#[test]
fn special_parameters_are_no_variables() {
    // A password with $ in double quotes: at a prompt bash expands $1 to nothing.
    let got = ok("curl -u \"bob:pa$1word\" -H \"X-Request-Id: $$\" https://x");
    assert_eq!(got.request.auth, Auth::Basic { user: "bob".into(), password: "pa$1word".into() });
    assert_eq!(got.request.headers, rows(&[("X-Request-Id", "$$")]));
    assert_eq!(got.request.variables, []);
    assert_eq!(codes(&got), Vec::<&str>::new());
    for target in export::Target::ALL {
        let snippet = export::export(&got.request, target, export::Options { secrets_as_env: true });
        assert!(!snippet.contains("environ[\"$") && !snippet.contains("process.env.1"), "{snippet}");
    }
    assert_eq!(
        got.notes[..2],
        [
            "bash fills in $1 (a script's argument: empty at a prompt) in the -u credentials; the page keeps the text $1, which no variable can stand for. Quote it ('…' or \\$) if it is part of the value.",
            "bash fills in $$ (the shell's process id) in the X-Request-Id header; the page keeps the text $$, which no variable can stand for. Quote it ('…' or \\$) if it is part of the value.",
        ]
    );
    for paste in [
        "curl -H \"X-A: $? $# $! $@ $* $- $0 $_ ${1} ${#TOKEN}\" https://x",
        "curl.exe -H \"X-A: $5 $_ ${a b} $?\" https://x",
        "curl ^\n -H \"X-A: %1 %C3%\" https://x",
    ] {
        let got = ok(paste);
        assert_eq!(got.request.variables, [], "{paste:?}");
        assert_eq!(codes(&got), Vec::<&str>::new(), "{paste:?}");
    }
    // Near misses: a name is a variable, quoted or braced; in single quotes it is text.
    let got = ok("curl -u \"bob:$API_TOKEN\" -H \"X-A: ${API_TOKEN}\" -H 'X-B: $1 $literal' https://x");
    assert_eq!(got.request.variables, [Variable { name: "API_TOKEN".into(), value: None }]);
    assert_eq!(codes(&got), ["variable_unresolved"]);
    assert!(got.notes.iter().all(|n| !n.contains("fills in")), "{:?}", got.notes);
}

/// DevTools' "Copy as cURL (bash)" URLs are full of %XX: a bash paste stays bash.
#[test]
fn percent_escapes_keep_a_bash_paste_bash() {
    let got = ok("curl \"https://x/?e=%E9t%E9&q=caf%C3%A9%20b\" -H \"Authorization: Bearer $TOKEN\" -d \"10%OFF%\"");
    assert_eq!(got.dialect, Dialect::Bash);
    assert_eq!(got.request.typed_url(), "https://x/?e=%E9t%E9&q=caf%C3%A9%20b");
    assert_eq!(got.request.variables, [Variable { name: "TOKEN".into(), value: None }]);
    // The near miss: the same command typed for cmd.
    let cmd = ok("curl \"https://x/?e=%E9t%E9&q=caf%C3%A9%20b\" -H \"Authorization: Bearer %TOKEN%\" -d \"10%OFF%\"");
    assert_eq!(cmd.dialect, Dialect::Cmd);
    assert_eq!(cmd.request.typed_url(), got.request.typed_url());
    let names: Vec<&str> = cmd.request.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["TOKEN", "OFF"], "cmd fills in %OFF% when it is set");
}

/// A cmd or PowerShell paste and its bash twin import to the same request.
#[test]
fn windows_pastes_match_their_bash_twins() {
    let twins: &[(&str, &str, &str)] = &[
        (
            "cmd (Chrome's copy)",
            "curl ^\"https://x.example/a?q=caf^%^C3^%^A9^&b=1^\" ^\n  -H ^\"Authorization: Bearer abc^\" ^\n  --data-raw ^\"^{^\\^\"it's^\\^\":1^}^\"",
            "curl 'https://x.example/a?q=caf%C3%A9&b=1' \\\n  -H 'Authorization: Bearer abc' \\\n  --data-raw '{\"it'\\''s\":1}'",
        ),
        (
            "cmd (typed)",
            "curl -X POST \"https://x.example/a\" -H \"Authorization: Bearer %TOKEN%\" -d \"{\\\"a\\\":\\\"b c\\\"}\" ^\n  -H \"X-Caret: a^b\"",
            "curl -X POST 'https://x.example/a' -H \"Authorization: Bearer $TOKEN\" -d '{\"a\":\"b c\"}' \\\n  -H 'X-Caret: a^b'",
        ),
        (
            "PowerShell",
            "curl.exe -X POST 'https://x.example/a' `\n  -H \"Authorization: Bearer $env:TOKEN\" `\n  -H \"X-Q: `\"q`\" `$5\" `\n  -d '{\"it''s\": 1}'",
            "curl -X POST 'https://x.example/a' \\\n  -H \"Authorization: Bearer $TOKEN\" \\\n  -H 'X-Q: \"q\" $5' \\\n  -d '{\"it'\\''s\": 1}'",
        ),
        (
            "PowerShell with its variable set",
            "$env:TOKEN = 'abc'\ncurl.exe -H \"Authorization: Bearer $env:TOKEN\" https://x.example/a",
            "export TOKEN='abc'\ncurl -H \"Authorization: Bearer $TOKEN\" https://x.example/a",
        ),
        (
            "PowerShell here-string body",
            "curl.exe -X POST https://x.example/a -H 'Content-Type: application/json' -d @'\n{\"name\": \"it's\", \"n\": 1}\n'@",
            "curl -X POST https://x.example/a -H 'Content-Type: application/json' -d '{\"name\": \"it'\\''s\", \"n\": 1}'",
        ),
        (
            "PowerShell stop-parsing --%",
            "curl.exe --% -X POST \"https://x.example/a\" -H \"Authorization: Bearer %TOKEN%\" -d \"a=1&b=2\"",
            "curl -X POST 'https://x.example/a' -H \"Authorization: Bearer $TOKEN\" -d 'a=1&b=2'",
        ),
        (
            "cmd with its variable set",
            "set TOKEN=abc\ncurl -H \"Authorization: Bearer %TOKEN%\" https://x.example/a",
            "TOKEN=abc\ncurl -H \"Authorization: Bearer $TOKEN\" https://x.example/a",
        ),
    ];
    for (name, windows, bash) in twins {
        let (w, b) = (ok(windows), ok(bash));
        assert_ne!(w.dialect, Dialect::Bash, "{name}");
        assert_eq!(b.dialect, Dialect::Bash, "{name}");
        assert_eq!(w.request, b.request, "{name}");
        assert_eq!(codes(&w), codes(&b), "{name}");
    }
    let ps = ok("curl https://x -H \"A: `\"1`\"\" `\n  -H 'B: 2'");
    assert!(ps.notes.iter().any(|n| n.contains("curl is Invoke-WebRequest")), "{:?}", ps.notes);
    assert!(ps.notes.iter().any(|n| n.contains("Windows PowerShell 5.1 drops the double quotes")), "{:?}", ps.notes);
}

#[test]
fn the_pieces_data_urlencode_wrote_are_marked() {
    let marks = |command: &str| {
        let r = ok(command).request;
        let pieces = if r.body.kind == BodyKind::Form { r.body.form } else { r.query };
        pieces.iter().map(|p| (p.raw.clone(), p.encoded)).collect::<Vec<_>>()
    };
    let m = |pairs: &[(&str, bool)]| pairs.iter().map(|(r, e)| (r.to_string(), *e)).collect::<Vec<_>>();
    assert_eq!(
        marks("curl -d 'a=x+y' --data-urlencode 'b=c d' -d 'e=1&f=2' --data-urlencode 'g=i j' https://x"),
        m(&[("a=x+y", false), ("b=c+d", true), ("e=1", false), ("f=2", false), ("g=i+j", true)])
    );
    // With -G the data goes in the query; the name before `=` is not encoded, `&` and all.
    assert_eq!(
        marks("curl -G --data-urlencode 'q=a b' -d 'r=+1' --data-urlencode 'g&h=i j' 'https://x/?s=t'"),
        m(&[("s=t", false), ("q=a+b", true), ("r=+1", false), ("g", false), ("h=i+j", true)])
    );
}
