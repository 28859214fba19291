//! Input that cannot be used: a Danish diagnostic that points at the line when there is one.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

pub use crate::codes::ErrorCode;
use crate::model::Span;
use crate::snippet::Excerpt;
pub use crate::source::SourceFile;
use crate::text::{self, FileName};

/// One problem with an input file (an agreement, a rule file, a config file).
#[derive(Debug, Clone)]
pub struct InputError {
    /// A stable code, e.g. `aftale::ukendt_nøgle`.
    pub code: ErrorCode,
    /// What is wrong, in Danish.
    pub message: String,
    /// How to fix it, in Danish.
    pub help: Option<String>,
    /// Where, with a short label.
    pub label: Option<Box<(Span, String)>>,
    /// The lines of the file the error points at, when its text could be read.
    pub source: Option<Box<Excerpt>>,
    /// The file's text, so that a terminal can draw the lines cut to its own width
    /// ([`InputError::excerpt_within`]); shared, not copied.
    origin: Option<Box<SourceFile>>,
    /// The file's name as the user gave it.
    pub file: String,
}

impl InputError {
    /// An error about a file as a whole (missing, unreadable), with no text to show.
    pub fn file(code: ErrorCode, file: &str, message: String) -> Self {
        InputError { code, message, help: None, label: None, source: None, origin: None, file: file.to_owned() }
    }

    /// An error at a place in a file's text.
    pub fn at(code: ErrorCode, file: &SourceFile, span: Option<Span>, message: String, label: &str) -> Self {
        InputError {
            code,
            message,
            help: None,
            label: span.map(|s| Box::new((s, label.to_owned()))),
            source: span.map(|s| Box::new(Excerpt::new(file, &[(s, label.to_owned())]))),
            origin: span.map(|_| Box::new(file.clone())),
            file: file.name.clone(),
        }
    }

    /// Adds a help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The lines the error points at, cut to fit `width` columns.
    pub fn excerpt_within(&self, width: usize) -> Option<Excerpt> {
        let (origin, label) = (self.origin.as_ref()?, self.label.as_deref()?);
        Some(Excerpt::within(origin, std::slice::from_ref(label), width))
    }

    /// The 1-based line and column, when the error points at one.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.label.as_deref().map(|(s, _)| (s.line, s.column))
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = text::message(&self.message);
        if self.file.is_empty() { write!(f, "{message}") } else { write!(f, "{}: {message}", FileName(&self.file)) }
    }
}

impl std::error::Error for InputError {}

impl Diagnostic for InputError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(text::message(h)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_deref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let excerpt = self.source.as_deref()?;
        Some(Box::new(excerpt.labeled_spans()))
    }
}
