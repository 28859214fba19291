//! The connection to the editor over standard input and output: LSP's framing
//! (`Content-Length` headers), read by our own bounded reader instead of `lsp-server`'s, which
//! allocates whatever length a client declares and ends the connection at the first malformed
//! message. Here a message that is not JSON, not UTF-8, too large or badly framed gets a
//! JSON-RPC parse error (`id: null`), and the next message is read as usual.

use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use lsp_server::{Connection, Message};

/// The longest header line read.
const MAX_HEADER_LINE: u64 = 1024;

/// The thread that writes standard output (the reader may be waiting on standard input, which
/// only the client can end; the process ends it).
pub struct Threads {
    writer: JoinHandle<()>,
}

impl Threads {
    /// Waits until every message sent has been written.
    pub fn join(self) {
        let _ = self.writer.join();
    }
}

/// A connection over standard input and output that accepts messages of up to `limit` bytes.
pub fn stdio(limit: usize) -> io::Result<(Connection, Threads)> {
    let (server, client) = Connection::memory();
    let Connection { sender: to_server, receiver: from_server } = client;
    let stdout = Arc::new(Mutex::new(io::stdout()));
    let out = Arc::clone(&stdout);
    let writer = std::thread::Builder::new().name("aftale-lsp-writer".into()).spawn(move || {
        for message in from_server {
            let Ok(mut out) = out.lock() else { return };
            if message.write(&mut *out).is_err() {
                return;
            }
        }
    })?;
    std::thread::Builder::new().name("aftale-lsp-reader".into()).spawn(move || {
        let mut input = io::stdin().lock();
        loop {
            match read(&mut input, limit) {
                Ok(Frame::Message(message)) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if to_server.send(message).is_err() || exit {
                        return;
                    }
                }
                Ok(Frame::Unreadable(why)) => {
                    let Ok(mut out) = stdout.lock() else { return };
                    if parse_error(&mut *out, &why).is_err() {
                        return;
                    }
                }
                Ok(Frame::End) | Err(_) => return,
            }
        }
    })?;
    Ok((server, Threads { writer }))
}

/// What one read from the client gave.
#[derive(Debug)]
pub enum Frame {
    Message(Message),
    /// A message that could not be read, and why (for the parse error).
    Unreadable(String),
    /// The client closed its end.
    End,
}

/// Reads one framed message, never holding more than `limit` bytes of it.
pub fn read(input: &mut impl BufRead, limit: usize) -> io::Result<Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut malformed: Option<String> = None;
    let mut any = false;
    loop {
        let mut line = Vec::new();
        let n = input.by_ref().take(MAX_HEADER_LINE).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(if any {
                Frame::Unreadable("forbindelsen lukkede midt i en besked".into())
            } else {
                Frame::End
            });
        }
        any = true;
        if !line.ends_with(b"\n") {
            // A header line longer than any real one: skip the rest of it.
            skip_line(input)?;
            malformed.get_or_insert_with(|| "en overskriftslinje er for lang".into());
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if length.is_none() && malformed.is_none() {
                // Blank lines between messages.
                any = false;
                continue;
            }
            break;
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("Content-Length") => {
                length = Some(value.trim().parse::<usize>().map_err(|_| format!("Content-Length «{}»", value.trim())));
            }
            Some(_) => {}
            None => {
                malformed.get_or_insert_with(|| format!("overskriften «{}» er ikke «Navn: værdi»", shorten(text)));
            }
        }
    }
    let length = match length {
        Some(Ok(length)) => length,
        Some(Err(why)) => return Ok(Frame::Unreadable(format!("ugyldig {why}"))),
        None => return Ok(Frame::Unreadable(malformed.unwrap_or_else(|| "Content-Length mangler".into()))),
    };
    if length > limit {
        let skipped = io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Ok(Frame::End);
        }
        return Ok(Frame::Unreadable(format!("beskeden er på {length} bytes; højst {limit} læses")));
    }
    let mut body = Vec::new();
    input.by_ref().take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(Frame::End);
    }
    if let Some(why) = malformed {
        return Ok(Frame::Unreadable(why));
    }
    let Ok(text) = String::from_utf8(body) else { return Ok(Frame::Unreadable("beskeden er ikke UTF-8".into())) };
    match serde_json::from_str::<Message>(&text) {
        Ok(message) => Ok(Frame::Message(message)),
        Err(e) => Ok(Frame::Unreadable(format!("beskeden er ikke en JSON-RPC-besked: {e}"))),
    }
}

fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|b| *b == b'\n') {
            Some(at) => {
                input.consume(at + 1);
                return Ok(());
            }
            None => {
                let all = buffer.len();
                input.consume(all);
            }
        }
    }
}

fn shorten(text: &str) -> String {
    aftale::text::shorten(text, 60).into_owned()
}

/// JSON-RPC's answer to a message it cannot read: a parse error with a null id.
fn parse_error(out: &mut impl Write, why: &str) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": -32700, "message": format!("beskeden kan ikke læses: {why}") },
    })
    .to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::{Frame, read};

    fn frames(bytes: &[u8]) -> Vec<String> {
        let mut input = std::io::BufReader::new(bytes);
        let mut out = Vec::new();
        loop {
            match read(&mut input, 1000).unwrap() {
                Frame::Message(m) => out.push(format!("message {}", serde_json::to_string(&m).unwrap())),
                Frame::Unreadable(why) => out.push(format!("unreadable {why}")),
                Frame::End => return out,
            }
        }
    }

    #[test]
    fn bad_messages_are_answered_and_the_next_is_read() {
        let ok = br#"{"jsonrpc":"2.0","method":"exit"}"#;
        let mut bytes = Vec::new();
        for body in [&b"{not json"[..], b"\xff\xfe", ok] {
            bytes.extend(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
            bytes.extend(body);
        }
        bytes.extend(b"Content-Length: 5000\r\n\r\n");
        bytes.extend(vec![b'x'; 5000]);
        bytes.extend(b"Noget vr\xf8vl\r\n\r\n");
        bytes.extend(format!("Content-Length: {}\r\n\r\n", ok.len()).as_bytes());
        bytes.extend(ok);
        bytes.extend(b"Content-Length: 999999999999\r\n\r\nabc");
        let seen = frames(&bytes);
        assert_eq!(seen.len(), 6, "{seen:#?}");
        assert!(seen[0].starts_with("unreadable beskeden er ikke en JSON-RPC-besked"), "{}", seen[0]);
        assert_eq!(seen[1], "unreadable beskeden er ikke UTF-8");
        assert!(seen[2].starts_with("message") && seen[2].contains("exit"));
        assert_eq!(seen[3], "unreadable beskeden er på 5000 bytes; højst 1000 læses");
        assert!(
            seen[4].starts_with("unreadable Content-Length mangler") || seen[4].contains("overskriften"),
            "{}",
            seen[4]
        );
        assert!(seen[5].starts_with("message"), "{}", seen[5]);
    }
}
