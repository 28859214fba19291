//! An input file's text and the name to show for it, with the line index diagnostics use.

use std::sync::{Arc, OnceLock};

/// The text of an input file and the name to show for it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: Arc<str>,
    /// Where each line starts, computed the first time a diagnostic needs it.
    lines: Arc<OnceLock<Vec<usize>>>,
}

impl SourceFile {
    /// A source from a name and its text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile { name: name.into(), text: text.into(), lines: Arc::default() }
    }

    /// The byte offsets where the lines start (at least one: 0).
    pub fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| line_starts(&self.text))
    }
}

/// The byte offsets where lines start (always at least one; a final line break starts no line).
/// A line ends at `\n`, `\r\n` or a lone `\r`, as YAML's lines do, so that a diagnostic names
/// the line the parser and the JSON output name.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let breaks =
        memchr::memchr2_iter(b'\n', b'\r', bytes).filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'));
    let mut starts: Vec<usize> = std::iter::once(0).chain(breaks.map(|i| i + 1)).collect();
    if starts.len() > 1 && starts.last() == Some(&text.len()) {
        starts.pop();
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::line_starts;

    #[test]
    fn lines_end_at_every_kind_of_break() {
        assert_eq!(line_starts(""), vec![0]);
        assert_eq!(line_starts("a\nb\r\nc\rd"), vec![0, 2, 5, 7]);
        assert_eq!(line_starts("a\n"), vec![0]);
        assert_eq!(line_starts("a\r\n\r\n"), vec![0, 3]);
        assert_eq!(line_starts("\r\r"), vec![0, 1]);
    }
}
