//! Reading input: only regular files and standard input, never more than a size limit, as
//! UTF-8 text, with a Danish error for every way this fails. Nothing here can block on a FIFO
//! or read an endless device: the file is opened without blocking and checked before it is read.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::codes::ErrorCode;
use crate::error::{InputError, SourceFile};
use crate::model::Span;

/// The largest input read unless `--max-size` says otherwise: 16 MB.
pub const DEFAULT_MAX_SIZE: u64 = 16 * 1024 * 1024;

/// Reads a file as UTF-8 text, with the default size limit.
pub fn read_text(path: &Path, display: &str) -> Result<SourceFile, InputError> {
    read_text_limited(path, display, DEFAULT_MAX_SIZE)
}

/// Reads a regular file of at most `max` bytes as UTF-8 text.
pub fn read_text_limited(path: &Path, display: &str, max: u64) -> Result<SourceFile, InputError> {
    text(display, read_bytes_limited(path, display, max)?)
}

/// Reads a regular file of at most `max` bytes, as it is (a Word document, a PDF).
pub fn read_bytes_limited(path: &Path, display: &str, max: u64) -> Result<Vec<u8>, InputError> {
    let file = open(path).map_err(|err| io_error(display, &err, path))?;
    // What was opened, not what the path named a moment before.
    let metadata = file.metadata().map_err(|err| io_error(display, &err, path))?;
    if metadata.is_dir() {
        return Err(InputError::file(ErrorCode::Directory, display, format!("{display} er en mappe, ikke en fil")));
    }
    if !metadata.is_file() {
        return Err(not_regular(display, &metadata));
    }
    if metadata.len() > max {
        return Err(too_big(display, max));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // The file may grow while it is read (or lie about its size, as /proc does): read one byte
    // past the limit at most.
    file.take(max.saturating_add(1)).read_to_end(&mut bytes).map_err(|err| io_error(display, &err, path))?;
    if bytes.len() as u64 > max {
        return Err(too_big(display, max));
    }
    Ok(bytes)
}

/// Reads standard input as UTF-8 text, at most `max` bytes.
pub fn read_stdin(max: u64) -> Result<SourceFile, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().take(max.saturating_add(1)).read_to_end(&mut bytes).map_err(|err| {
        InputError::file(ErrorCode::Io, "-", format!("standardinput kan ikke læses: {}", crate::danish::io_error(&err)))
    })?;
    if bytes.len() as u64 > max {
        return Err(too_big("-", max));
    }
    text("-", bytes)
}

/// Text given rather than read (an editor's buffer), with the same bound as a file.
pub fn text_within(text: &str, max: u64) -> Result<SourceFile, InputError> {
    if text.len() as u64 > max {
        return Err(too_big("-", max));
    }
    Ok(SourceFile::new("-", text.to_owned()))
}

/// Opens for reading without blocking: a FIFO with no writer would otherwise wait forever.
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    // Windows has no FIFOs that block on open; refuse what is not a file before opening it.
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() && !metadata.is_dir() {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "ikke en almindelig fil"));
    }
    File::open(path)
}

fn text(display: &str, bytes: Vec<u8>) -> Result<SourceFile, InputError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(display, text)),
        Err(err) => Err(not_utf8(display, err.as_bytes(), err.utf8_error().valid_up_to())),
    }
}

/// "16 MB", "512 kB", "100 bytes".
pub fn size_danish(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB && bytes % MB == 0 {
        format!("{} MB", bytes / MB)
    } else if bytes >= 1024 && bytes % 1024 == 0 {
        format!("{} kB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

fn too_big(display: &str, max: u64) -> InputError {
    InputError::file(
        ErrorCode::TooLarge,
        display,
        format!("filen er større end grænsen på {} og læses ikke", size_danish(max)),
    )
    .with_help(
        "En aftalefil fylder sjældent mere end 100 kB. Er filen en aftale, kan grænsen hæves med fx --max-size 32M.",
    )
}

fn not_regular(display: &str, metadata: &std::fs::Metadata) -> InputError {
    let kind = kind(metadata);
    InputError::file(ErrorCode::NotRegularFile, display, format!("{display} er ikke en almindelig fil, men {kind}"))
        .with_help("Angiv en aftalefil (YAML), eller `-` for at læse fra standardinput.")
}

#[cfg(unix)]
fn kind(metadata: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = metadata.file_type();
    if t.is_fifo() {
        "en navngiven pipe (FIFO)"
    } else if t.is_socket() {
        "en socket"
    } else if t.is_char_device() || t.is_block_device() {
        "en enhed (fx /dev/zero)"
    } else {
        "en særlig fil"
    }
}

#[cfg(not(unix))]
fn kind(_: &std::fs::Metadata) -> &'static str {
    "en særlig fil"
}

fn io_error(display: &str, err: &std::io::Error, path: &Path) -> InputError {
    use std::io::ErrorKind;
    let message = match err.kind() {
        _ if path.is_dir() => format!("{display} er en mappe, ikke en fil"),
        ErrorKind::NotFound => format!("filen {display} findes ikke"),
        ErrorKind::PermissionDenied => format!("filen {display} må ikke læses (manglende rettigheder)"),
        ErrorKind::IsADirectory => format!("{display} er en mappe, ikke en fil"),
        _ => format!("filen {display} kan ikke læses: {}", crate::danish::io_error(err)),
    };
    let code = if message.contains("mappe") { ErrorCode::Directory } else { ErrorCode::Io };
    InputError::file(code, display, message)
}

/// A file that is not UTF-8: show the text up to the first bad byte and point at it.
fn not_utf8(display: &str, bytes: &[u8], valid_up_to: usize) -> InputError {
    let lossy = String::from_utf8_lossy(bytes).into_owned();
    let prefix = String::from_utf8_lossy(&bytes[..valid_up_to]);
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let offset = prefix.len();
    let source = SourceFile::new(display, lossy);
    InputError::at(
        ErrorCode::NotUtf8,
        &source,
        Some(Span { offset, len: char::REPLACEMENT_CHARACTER.len_utf8(), line, column }),
        format!("filen er ikke gemt som UTF-8 (ugyldig byte i linje {line})"),
        "ugyldigt tegn",
    )
    .with_help("Gem filen som UTF-8; de fleste editorer kan vælge tegnsæt under \"Gem som\".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_danish() {
        assert_eq!(size_danish(DEFAULT_MAX_SIZE), "16 MB");
        assert_eq!(size_danish(2048), "2 kB");
        assert_eq!(size_danish(1000), "1000 bytes");
    }
}
