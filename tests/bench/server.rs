//! Benchmark: how long after an edit the editor has the findings.
//!
//! `cargo bench --bench server` starts the release binary's language server, opens the
//! Hovedstaden example and changes it 200 times (full sync, as an editor sends it), timing each
//! change from the moment it is sent to the moment its diagnostics arrive. Side by side, the
//! floor: parsing the same text with serde_yaml into a generic value, in this process. It prints
//! the median and the 95th percentile of both, and their ratio.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const EDITS: usize = 200;

fn percentile(times: &mut [Duration], p: usize) -> Duration {
    times.sort();
    times[(times.len() * p / 100).min(times.len() - 1)]
}

fn main() {
    let text = include_str!("../../examples/hovedstaden-2024-2027.yaml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_aftale"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |m: Value| {
        let body = m.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    let mut receive = || -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            match line.trim_end() {
                "" => break,
                l => length = l.strip_prefix("Content-Length: ").map_or(length, |n| n.parse().unwrap()),
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    };
    let uri = "file:///tmp/aftale-bench/aftale.yaml";
    send(json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}}));
    receive();
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
        {"uri": uri, "languageId": "yaml", "version": 0, "text": text}}}));
    receive();
    let mut server = Vec::new();
    for i in 1..=EDITS {
        // A keystroke in the title: the whole text, as full sync sends it.
        let edited =
            text.replacen("titel: Sundhedsaftale 2024-2027", &format!("titel: Sundhedsaftale 2024-2027{}", i % 2), 1);
        let start = Instant::now();
        send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": i}, "contentChanges": [{"text": edited}]}}));
        let published = receive();
        server.push(start.elapsed());
        assert_eq!(published["method"], "textDocument/publishDiagnostics");
    }
    send(json!({"jsonrpc": "2.0", "id": 1, "method": "shutdown"}));
    receive();
    send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
    let mut floor: Vec<Duration> = (0..EDITS)
        .map(|_| {
            let start = Instant::now();
            let value: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
            std::hint::black_box(value);
            start.elapsed()
        })
        .collect();
    let (s50, s95) = (percentile(&mut server, 50), percentile(&mut server, 95));
    let (f50, f95) = (percentile(&mut floor, 50), percentile(&mut floor, 95));
    println!("{EDITS} edits of the Hovedstaden example ({} bytes):", text.len());
    println!("  edit → diagnostics (server, whole check): median {s50:?}, 95th percentile {s95:?}");
    println!("  parsing only (serde_yaml, the floor):      median {f50:?}, 95th percentile {f95:?}");
    println!("  ratio of medians: {:.1}", s50.as_secs_f64() / f50.as_secs_f64());
}
