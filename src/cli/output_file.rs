//! Writing an output file all or nothing: into a temporary file beside it, renamed over it only
//! when complete, so a failed run never leaves half a report where the last one was.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use aftale::codes::ErrorCode;
use aftale::error::InputError;
use tempfile::NamedTempFile;

/// An output file being written.
pub struct OutputFile<'p> {
    path: &'p Path,
    temp: BufWriter<NamedTempFile>,
}

impl<'p> OutputFile<'p> {
    /// Starts the file at `path`, in its directory.
    pub fn create(path: &'p Path) -> Result<Self, InputError> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new().prefix(".aftale-").tempfile_in(dir).map_err(|e| failure(path, e))?;
        Ok(OutputFile { path, temp: BufWriter::with_capacity(1 << 16, temp) })
    }

    /// Puts the complete file in place.
    pub fn commit(self) -> Result<(), InputError> {
        let path = self.path;
        let fail = |e| failure(path, e);
        let temp = self.temp.into_inner().map_err(|e| fail(e.into_error()))?;
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
        self.temp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temp.flush()
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
