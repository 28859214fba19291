//! Input that cannot be used: a Danish diagnostic that points at the line when there is one.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

use crate::model::Span;

/// One problem with an input file (an agreement, a rule file, a config file).
#[derive(Debug, Clone)]
pub struct InputError {
    /// A stable code, e.g. `aftale::ukendt_nøgle`.
    pub code: &'static str,
    /// What is wrong, in Danish.
    pub message: String,
    /// How to fix it, in Danish.
    pub help: Option<String>,
    /// Where, with a short label.
    pub label: Option<Box<(Span, String)>>,
    /// The file, when its text could be read.
    pub source: Option<Box<NamedSource<Arc<str>>>>,
    /// The file's name as the user gave it.
    pub file: String,
}

impl InputError {
    /// An error about a file as a whole (missing, unreadable), with no text to show.
    pub fn file(code: &'static str, file: &str, message: String) -> Self {
        InputError { code, message, help: None, label: None, source: None, file: file.to_owned() }
    }

    /// An error at a place in a file's text.
    pub fn at(code: &'static str, file: &SourceFile, span: Option<Span>, message: String, label: &str) -> Self {
        InputError {
            code,
            message,
            help: None,
            label: span.map(|s| Box::new((s, label.to_owned()))),
            source: Some(Box::new(file.named())),
            file: file.name.clone(),
        }
    }

    /// Adds a help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The 1-based line and column, when the error points at one.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.label.as_deref().map(|(s, _)| (s.line, s.column))
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.is_empty() { write!(f, "{}", self.message) } else { write!(f, "{}: {}", self.file, self.message) }
    }
}

impl std::error::Error for InputError {}

impl Diagnostic for InputError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_deref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (span, text) = self.label.as_deref()?;
        self.source.as_ref()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(Some(text.clone()), *span))))
    }
}

/// The text of an input file and the name to show for it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: Arc<str>,
}

impl SourceFile {
    /// A source from a name and its text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile { name: name.into(), text: text.into() }
    }

    /// The source for miette.
    pub fn named(&self) -> NamedSource<Arc<str>> {
        NamedSource::new(self.name.clone(), Arc::clone(&self.text))
    }
}
