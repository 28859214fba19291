//! Standard output and standard error as the program writes them. A CI runner acts on what it
//! reads there: Azure DevOps takes `##vso[…]` and `##[…]` anywhere in a line as a command. Every
//! such sequence is neutralised on its way out, whatever format or message carries it – the
//! second `#` becomes a full-width `＃`, visible and inert. A closed pipe (`| head`) is quiet;
//! any other write failure (a full disk) is an error, exit code 2.

use std::io::{self, Write};

use aftale::codes::ErrorCode;
use aftale::error::InputError;

/// What replaces the second `#` of a command sequence.
const INERT: &[u8] = "＃".as_bytes();

/// A writer that neutralises CI command sequences, also when one is split between two writes.
pub struct Guarded<W: Write> {
    inner: W,
    /// The end of the last write that may be the start of a sequence (`#`, `##`, `##v`, …).
    carry: Vec<u8>,
}

impl<W: Write> Guarded<W> {
    pub fn new(inner: W) -> Self {
        Guarded { inner, carry: Vec::new() }
    }

    /// Writes what is held back and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        let carry = std::mem::take(&mut self.carry);
        self.inner.write_all(&carry)?;
        self.inner.flush()
    }
}

/// Whether `rest` starts a sequence a runner would act on: `##[` or `##vso[` (any case).
fn is_command(rest: &[u8]) -> bool {
    rest.starts_with(b"##[") || (rest.len() >= 6 && rest.starts_with(b"##") && rest[2..6].eq_ignore_ascii_case(b"vso["))
}

/// Whether `tail` could still become a command sequence with more bytes.
fn may_become_command(tail: &[u8]) -> bool {
    let pattern = b"##vso[";
    !tail.is_empty() && tail.len() < pattern.len() && {
        let n = tail.len();
        tail.eq_ignore_ascii_case(&pattern[..n]) || (n <= 2 && tail == &b"##"[..n])
    }
}

/// Writes `data` with every command sequence neutralised, and returns the end held back for the
/// next write. Text between two `#` is copied whole.
fn neutralise(data: &[u8], out: &mut impl Write) -> io::Result<Vec<u8>> {
    // Hold back the longest end that may still become a sequence.
    let keep = (1..6.min(data.len() + 1)).rev().find(|&n| may_become_command(&data[data.len() - n..])).unwrap_or(0);
    let body = &data[..data.len() - keep];
    let (mut copied, mut at) = (0, 0);
    while let Some(found) = memchr::memchr(b'#', &body[at..]) {
        let hash = at + found;
        if is_command(&data[hash..]) {
            out.write_all(&body[copied..=hash])?;
            out.write_all(INERT)?;
            copied = hash + 2;
            at = hash + 2;
        } else {
            at = hash + 1;
        }
    }
    out.write_all(&body[copied.min(body.len())..])?;
    Ok(data[body.len()..].to_vec())
}

impl<W: Write> Write for Guarded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.carry = if self.carry.is_empty() {
            neutralise(buf, &mut self.inner)?
        } else {
            let mut data = std::mem::take(&mut self.carry);
            data.extend_from_slice(buf);
            neutralise(&data, &mut self.inner)?
        };
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Guarded<W> {
    fn drop(&mut self) {
        let carry = std::mem::take(&mut self.carry);
        let _ = self.inner.write_all(&carry);
        let _ = self.inner.flush();
    }
}

/// What a failed write to standard output means: nothing for a closed pipe, else an error.
pub fn stdout_failure(result: io::Result<()>) -> Result<(), InputError> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(InputError::file(
            ErrorCode::Output,
            "",
            format!("standardoutput kan ikke skrives: {}", aftale::danish::io_error(&e)),
        )),
    }
}

/// Writes text to standard output, neutralised.
pub fn print(text: &[u8]) -> Result<(), InputError> {
    let mut out = Guarded::new(io::stdout().lock());
    let written = out.write_all(text);
    stdout_failure(written.and_then(|()| out.finish()))
}

/// Writes bytes that are not text (a Word document) to standard output as they are.
pub fn print_binary(bytes: &[u8]) -> Result<(), InputError> {
    let mut out = io::stdout().lock();
    stdout_failure(out.write_all(bytes).and_then(|()| out.flush()))
}

/// Standard error, neutralised; what cannot be written there cannot be reported anywhere.
pub fn stderr() -> Guarded<io::StderrLock<'static>> {
    Guarded::new(io::stderr().lock())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&str]) -> String {
        let mut out = Vec::new();
        {
            let mut g = Guarded::new(&mut out);
            for c in chunks {
                g.write_all(c.as_bytes()).unwrap();
            }
            g.finish().unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn command_sequences_are_neutralised_anywhere_and_across_writes() {
        assert_eq!(through(&["x ##vso[task.setvariable]y"]), "x #＃vso[task.setvariable]y");
        assert_eq!(through(&["a##[error]b"]), "a#＃[error]b");
        assert_eq!(through(&["a #", "#V", "SO[x"]), "a #＃VSO[x");
        assert_eq!(through(&["##", "[group]"]), "#＃[group]");
        assert_eq!(through(&["## Overskrift\n", "#tag ##"]), "## Overskrift\n#tag ##");
        assert_eq!(through(&["æøå ##vs", "o"]), "æøå ##vso");
    }
}
