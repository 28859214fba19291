//! Writing an output file all or nothing: into a temporary file beside it, renamed over it only
//! when complete, so a failed run never leaves half a report where the last one was. Only a
//! regular file (or a new one) is replaced that way: a device, a FIFO or a pipe named as output
//! (`/dev/null`, `/dev/stdout`) is written to directly and never replaced, and a symbolic link to
//! a regular file is refused – in a repository it may lead anywhere.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use aftale::codes::ErrorCode;
use aftale::error::InputError;
use tempfile::NamedTempFile;

/// An output file being written.
pub struct OutputFile<'p> {
    path: &'p Path,
    target: Target,
}

enum Target {
    /// A regular file, new or replaced whole.
    Replaced(BufWriter<NamedTempFile>),
    /// A device, FIFO or pipe, written to as it is.
    Direct(BufWriter<std::fs::File>),
}

/// What the output path is.
enum Kind {
    /// Nothing yet, or a regular file: written whole by rename.
    Regular,
    /// A device, a FIFO, a socket: written directly.
    Special,
    /// A symbolic link to a regular file, a broken link, or a directory: refused, with why.
    Refused(&'static str),
}

fn kind(path: &Path) -> Kind {
    let Ok(link) = std::fs::symlink_metadata(path) else { return Kind::Regular };
    if link.is_dir() {
        return Kind::Refused("er en mappe");
    }
    if link.file_type().is_symlink() {
        return match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => Kind::Refused("er et symbolsk link til en mappe"),
            Ok(m) if m.is_file() => Kind::Refused("er et symbolsk link til en fil og erstattes ikke"),
            Ok(_) => Kind::Special,
            Err(_) => Kind::Refused("er et symbolsk link, der ikke peger på noget"),
        };
    }
    if link.is_file() { Kind::Regular } else { Kind::Special }
}

/// Opens a device or FIFO for writing without waiting for a reader that may never come.
#[cfg(unix)]
fn open_special(path: &Path) -> io::Result<std::fs::File> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new().write(true).custom_flags(libc::O_NONBLOCK).open(path)?;
    // Writing then blocks as usual, so a slow reader loses nothing.
    // SAFETY: fcntl on a descriptor this function owns, with flags read from it.
    unsafe {
        let flags = libc::fcntl(file.as_raw_fd(), libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(file.as_raw_fd(), libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
    Ok(file)
}

#[cfg(not(unix))]
fn open_special(path: &Path) -> io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).open(path)
}

impl<'p> OutputFile<'p> {
    /// Starts the file at `path`, in its directory.
    pub fn create(path: &'p Path) -> Result<Self, InputError> {
        match kind(path) {
            Kind::Refused(why) => {
                let shown = aftale::text::visible(&path.to_string_lossy()).into_owned();
                return Err(InputError::file(
                    ErrorCode::Output,
                    &shown,
                    format!("uddata kan ikke skrives: {shown} {why}"),
                )
                .with_help("Angiv en almindelig fil som uddata, eller udelad -o for at skrive til standardoutput."));
            }
            Kind::Special => {
                let file = open_special(path).map_err(|e| failure(path, e))?;
                return Ok(OutputFile { path, target: Target::Direct(BufWriter::with_capacity(1 << 16, file)) });
            }
            Kind::Regular => {}
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new().prefix(".aftale-").tempfile_in(dir).map_err(|e| failure(path, e))?;
        Ok(OutputFile { path, target: Target::Replaced(BufWriter::with_capacity(1 << 16, temp)) })
    }

    /// Puts the complete file in place.
    pub fn commit(self) -> Result<(), InputError> {
        let path = self.path;
        let fail = |e| failure(path, e);
        let temp = match self.target {
            Target::Direct(mut file) => return file.flush().map_err(fail),
            Target::Replaced(temp) => temp,
        };
        let temp = temp.into_inner().map_err(|e| fail(e.into_error()))?;
        // A temporary file is private to its owner; the output gets the permissions a new file
        // would have, or those of the file it replaces.
        let permissions = match std::fs::metadata(path) {
            Ok(meta) => Some(meta.permissions()),
            Err(_) => default_permissions(),
        };
        if let Some(permissions) = permissions {
            std::fs::set_permissions(temp.path(), permissions).map_err(fail)?;
        }
        temp.as_file().sync_all().map_err(fail)?;
        temp.persist(path).map_err(|e| fail(e.error))?;
        Ok(())
    }

    /// The error for a failure to write the file.
    pub fn failure(&self, e: io::Error) -> InputError {
        failure(self.path, e)
    }
}

impl Write for OutputFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.target {
            Target::Replaced(t) => t.write(buf),
            Target::Direct(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Replaced(t) => t.flush(),
            Target::Direct(f) => f.flush(),
        }
    }
}

fn failure(path: &Path, e: io::Error) -> InputError {
    InputError::file(
        ErrorCode::Output,
        &path.display().to_string(),
        format!("uddata kan ikke skrives: {}", aftale::danish::io_error(&e)),
    )
}

/// Writes a whole file at once, all or nothing.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    let mut file = OutputFile::create(path)?;
    file.write_all(bytes).map_err(|e| file.failure(e))?;
    file.commit()
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}
