//! `aftale server` at the protocol level, as an editor speaks to it over standard input and
//! output: diagnostics on open and on change, hover, the did-you-mean code action and its
//! edit, completion, LSP errors for bad requests, and no crash on junk or a vanishing client.
//! (`.ci/neovim-lsp` drives the same server from Neovim's own LSP client.)

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aftale"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut server = Server { child, stdin, stdout };
        server.send(json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}}));
        let init = server.receive();
        assert_eq!(init["result"]["capabilities"]["hoverProvider"], true, "{init}");
        server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        server
    }

    fn send_bytes(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        let _ = write!(stdin, "Content-Length: {}\r\n\r\n", body.len());
        let _ = stdin.write_all(body);
        let _ = stdin.flush();
    }

    fn send(&mut self, message: Value) {
        self.send_bytes(message.to_string().as_bytes());
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(self.stdout.read_line(&mut line).unwrap() > 0, "the server closed its output");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// The response to request `id`, skipping notifications.
    fn response(&mut self, id: i64) -> Value {
        loop {
            let m = self.receive();
            if m["id"] == id {
                return m;
            }
        }
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(id)
    }

    fn diagnostics(&mut self) -> Vec<Value> {
        loop {
            let m = self.receive();
            if m["method"] == "textDocument/publishDiagnostics" {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    /// Ends the session the way an editor does; returns the exit code.
    fn stop(mut self) -> Option<i32> {
        let r = self.request(99, "shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        drop(self.stdin.take());
        wait(&mut self.child)
    }
}

fn wait(child: &mut Child) -> Option<i32> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    panic!("the server did not stop");
}

const URI: &str = "file:///tmp/aftale-server-test/aftale.yaml";

fn misspelt() -> String {
    include_str!("../examples/hovedstaden-2024-2027.yaml")
        .replace("    Tårnby: { beslutning: Godkendt }", "    Tårnbi: { beslutning: Godkendt }")
}

fn open(server: &mut Server, text: &str) -> Vec<Value> {
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": text}}}));
    server.diagnostics()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap()
}

#[test]
fn a_misspelt_municipality_is_found_explained_and_fixed() {
    let text = misspelt();
    let line = line_of(&text, "Tårnbi");
    let mut server = Server::start();
    let diagnostics = open(&mut server, &text);
    let at_name = diagnostics
        .iter()
        .find(|d| d["code"] == "SA002" && d["range"]["start"]["line"] == line)
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(at_name["severity"], 1, "a content requirement is an error");
    assert_eq!(at_name["range"]["start"]["character"], 4);
    assert_eq!(at_name["range"]["end"]["character"], 10, "Tårnbi is six UTF-16 units");
    assert!(at_name["message"].as_str().unwrap().contains("mente du «Tårnby»"), "{at_name}");
    // A recommendation is a warning, with a link to its source.
    let version = diagnostics.iter().find(|d| d["code"] == "SA011").unwrap();
    assert_eq!(version["severity"], 2);
    assert_eq!(version["codeDescription"]["href"], "https://www.retsinformation.dk/eli/retsinfo/2024/9008");

    let position = json!({"line": line, "character": 6});
    let hover = server.request(1, "textDocument/hover", json!({"textDocument": {"uri": URI}, "position": position}));
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("SA002 Alle regionens kommuner og kun dem er parter") && shown.contains("bek-2022"));

    let range = json!({"start": position, "end": position});
    let actions = server.request(
        2,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range, "context": {"diagnostics": []}}),
    );
    let action = &actions["result"][0];
    assert_eq!(action["title"], "Ret til «Tårnby»");
    let edit = &action["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "Tårnby");
    assert_eq!(edit["range"]["start"], json!({"line": line, "character": 4}));

    // The fix applied: the finding is gone on the next change.
    let fixed = misspelt().replace("Tårnbi:", "Tårnby:");
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}}));
    let after = server.diagnostics();
    assert!(after.iter().all(|d| d["code"] != "SA002"), "{after:#?}");
    assert_eq!(server.stop(), Some(0));
}

#[test]
fn completion_offers_the_regions_municipalities_goals_and_keys() {
    let text = misspelt();
    let mut server = Server::start();
    open(&mut server, &text);
    let at = |line: usize, character: usize| json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}});
    let labels = |v: &Value| -> Vec<String> {
        v["result"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap().to_owned()).collect()
    };
    let municipalities = labels(&server.request(1, "textDocument/completion", at(line_of(&text, "Tårnbi"), 4)));
    assert_eq!(municipalities.len(), 29);
    assert!(municipalities.contains(&"Tårnby".to_owned()));
    let keys = labels(&server.request(2, "textDocument/completion", at(line_of(&text, "titel:"), 0)));
    assert!(keys.contains(&"ikrafttrædelse".to_owned()) && keys.contains(&"version".to_owned()), "{keys:?}");
    let hover = server.request(3, "textDocument/hover", at(line_of(&text, "titel:"), 1));
    assert!(hover["result"]["contents"]["value"].as_str().unwrap().starts_with("**titel**"), "{hover}");
    assert_eq!(server.stop(), Some(0));
}

#[test]
fn bad_requests_get_errors_and_junk_does_not_crash_it() {
    let mut server = Server::start();
    let unknown = server.request(1, "aftale/ukendt", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad = server.request(2, "textDocument/hover", json!({"position": "her"}));
    assert_eq!(bad["error"]["code"], -32602);
    // A hover in a document that is not open, a huge line, and a half-typed file.
    let none = server.request(
        3,
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x.yaml"},
        "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(none["result"], Value::Null);
    let huge = format!("titel: {}\nregion: [", "x".repeat(2_000_000));
    let diagnostics = open(&mut server, &huge);
    assert!(!diagnostics.is_empty());
    let completion = server.request(
        4,
        "textDocument/completion",
        json!({"textDocument": {"uri": URI},
        "position": {"line": 5000, "character": 5000}}),
    );
    assert!(completion.get("result").is_some(), "{completion}");
    assert_eq!(server.stop(), Some(0));
}

#[test]
fn a_client_that_disappears_or_sends_garbage_ends_the_server_quietly() {
    let mut server = Server::start();
    drop(server.stdin.take());
    assert!(wait(&mut server.child).is_some());
    // Invalid UTF-8, JSON that is not a message, and a broken header each get a parse error
    // (id null), and the server goes on answering.
    let mut server = Server::start();
    for junk in [&b"\xff\xfe{not json"[..], b"{\"jsonrpc\": 2", b"[1, 2, 3]"] {
        server.send_bytes(junk);
        let error = server.receive();
        assert_eq!(error["error"]["code"], -32700, "{error}");
        assert_eq!(error["id"], Value::Null, "{error}");
    }
    let stdin = server.stdin.as_mut().unwrap();
    stdin.write_all(b"Ikke en overskrift\r\n\r\n").unwrap();
    stdin.flush().unwrap();
    assert_eq!(server.receive()["error"]["code"], -32700);
    let diagnostics = open(&mut server, &misspelt());
    assert!(!diagnostics.is_empty());
    assert_eq!(server.stop(), Some(0));
    // A declared length far beyond any document is never allocated: the server reads on.
    let mut server = Server::start();
    let stdin = server.stdin.as_mut().unwrap();
    stdin.write_all(b"Content-Length: 99999999999999\r\n\r\n{}").unwrap();
    drop(server.stdin.take());
    assert_eq!(wait(&mut server.child), Some(0));
}

/// A finding of the repository's own rule pack (`regelmapper` in its configuration) is explained
/// on hover like a built-in one.
#[test]
fn hover_explains_a_rule_of_the_repositorys_own_pack() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repo-regler/uden-visioner.yaml");
    let uri = format!("file://{}", path.display());
    let text = std::fs::read_to_string(&path).unwrap();
    let mut server = Server::start();
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}}));
    let diagnostics = server.diagnostics();
    let own = diagnostics.iter().find(|d| d["code"] == "SA900").unwrap_or_else(|| panic!("{diagnostics:?}"));
    let hover = server.request(
        1,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": own["range"]["start"]}),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap_or_default();
    assert!(shown.contains("SA900") && shown.contains("vision"), "{hover}");
    assert_eq!(server.stop(), Some(0));
}

/// A missing required key: the code action inserts it, with its `[[Udfyld: …]]` place, where
/// the loader said it was missing; the document then loads.
#[test]
fn a_missing_key_is_inserted_with_its_place_to_fill() {
    let text = include_str!("../examples/nordjylland-2024-2027.yaml").replace("titel: Sundhedsaftalen 2024-2027\n", "");
    let mut server = Server::start();
    let diagnostics = open(&mut server, &text);
    let missing = diagnostics.iter().find(|d| d["code"] == "aftale::manglende_nøgle").expect("a missing key");
    let actions = server.request(
        1,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": missing["range"], "context": {"diagnostics": [missing]}}),
    );
    let action = &actions["result"][0];
    assert_eq!(action["title"], "Tilføj `titel`", "{actions}");
    let edit = &action["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "titel: \"[[Udfyld: titel]]\"\n", "{edit}");
    let line = edit["range"]["start"]["line"].as_u64().unwrap() as usize;
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(line, "titel: \"[[Udfyld: titel]]\"");
    let fixed = lines.join("\n") + "\n";
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}}));
    let after = server.diagnostics();
    assert!(after.iter().all(|d| d["code"] != "aftale::manglende_nøgle"), "{after:?}");
    assert!(after.iter().any(|d| d["code"] == "SA004"), "the place to fill is found: {after:?}");
    assert_eq!(server.stop(), Some(0));
}
