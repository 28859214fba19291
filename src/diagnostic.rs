//! Findings as miette diagnostics, and rendering any diagnostic to text.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, Severity, SourceCode};

use crate::error::{InputError, SourceFile};
use crate::evaluate::{Finding, Status};
use crate::snippet::Excerpt;
use crate::text;

use crate::rules::Level;

/// How diagnostics are drawn.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Line width for wrapping.
    pub width: usize,
}

impl Style {
    /// No colour, 100 columns: what tests and pipes get.
    pub const PLAIN: Style = Style { color: false, width: 100 };
}

/// Renders a diagnostic the way cargo and clippy do, with the source lines it points at.
pub fn render(diagnostic: &dyn Diagnostic, style: Style) -> String {
    let handler = GraphicalReportHandler::new_themed(theme(style))
        .with_width(style.width)
        .with_links(false)
        .with_urls(false)
        .with_context_lines(1)
        // Break at spaces, as the rest of the report does: the Unicode line-breaking algorithm
        // (textwrap's default) cost more than everything else in the human report together.
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    if handler.render_report(&mut out, diagnostic).is_err() {
        out = diagnostic.to_string();
    }
    out
}

fn theme(style: Style) -> GraphicalTheme {
    if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() }
}

/// A finding drawn for a terminal. miette draws all of it but the help, which comes last: that
/// is wrapped here as miette would, once per text – a rule's help is the same in every file of
/// a run, and wrapping it was a fifth of the human report's cost.
pub fn render_finding(finding: &Finding, source: &SourceFile, style: Style) -> String {
    let diagnostic = FindingDiagnostic::new(finding, source, style.width);
    let mut out = render(&WithoutHelp(&diagnostic), style);
    if let Some(help) = diagnostic.help() {
        out.push_str(&help_footer(&help.to_string(), style));
    }
    out
}

/// "  help: …" wrapped to the width with miette's options, kept for the next file.
fn help_footer(help: &str, style: Style) -> Rc<str> {
    /// By width and colour, each help text's footer.
    type Kept = HashMap<(usize, bool), HashMap<String, Rc<str>>>;
    thread_local! {
        static FOOTERS: RefCell<Kept> = RefCell::default();
    }
    FOOTERS.with_borrow_mut(|footers| {
        let kept = footers.entry((style.width, style.color)).or_default();
        if let Some(footer) = kept.get(help) {
            return Rc::clone(footer);
        }
        // What miette's `render_footer` does, with the options `render` gives it.
        let initial_indent = theme(style).styles.help.style("  help: ").to_string();
        let options = textwrap::Options::new(style.width.saturating_sub(2))
            .initial_indent(&initial_indent)
            .subsequent_indent("        ")
            .break_words(true)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let footer: Rc<str> = format!("{}\n", textwrap::fill(help, options)).into();
        // Helps that name the file or the acceptance differ from file to file: bound what is kept.
        if kept.len() >= 256 {
            kept.clear();
        }
        kept.insert(help.to_owned(), Rc::clone(&footer));
        footer
    })
}

/// A diagnostic as miette is to draw it: without its help.
struct WithoutHelp<'a>(&'a dyn Diagnostic);

impl fmt::Debug for WithoutHelp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for WithoutHelp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl std::error::Error for WithoutHelp<'_> {}

impl Diagnostic for WithoutHelp<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0.code()
    }

    fn severity(&self) -> Option<Severity> {
        self.0.severity()
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.0.labels()
    }
}

/// An input error drawn for a terminal: its source lines cut to fit the terminal's width.
pub struct InputDiagnostic<'a> {
    error: &'a InputError,
    excerpt: Option<Excerpt>,
}

impl<'a> InputDiagnostic<'a> {
    pub fn new(error: &'a InputError, width: usize) -> Self {
        InputDiagnostic { error, excerpt: error.excerpt_within(width) }
    }
}

impl fmt::Debug for InputDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.error, f)
    }
}

impl fmt::Display for InputDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.error, f)
    }
}

impl std::error::Error for InputDiagnostic<'_> {}

impl Diagnostic for InputDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.error.code()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.error.help()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        match &self.excerpt {
            Some(e) => Some(e),
            None => self.error.source_code(),
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        match &self.excerpt {
            Some(e) => Some(Box::new(e.labeled_spans())),
            None => self.error.labels(),
        }
    }
}

/// An input error as a terminal `style.width` columns wide shows it.
pub fn render_input(error: &InputError, style: Style) -> String {
    render(&InputDiagnostic::new(error, style.width), style)
}

/// A finding that is not met, pointing into the agreement file.
pub struct FindingDiagnostic<'a> {
    pub finding: &'a Finding<'a>,
    pub source: &'a SourceFile,
    excerpt: Excerpt,
}

impl<'a> FindingDiagnostic<'a> {
    /// Wraps a finding with the file it is about, its source lines cut to fit `width` columns.
    pub fn new(finding: &'a Finding<'a>, source: &'a SourceFile, width: usize) -> Self {
        let labels: Vec<(crate::model::Span, String)> =
            finding.labels.iter().map(|l| (l.span, l.text.clone())).collect();
        FindingDiagnostic { finding, source, excerpt: Excerpt::within(source, &labels, width) }
    }
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingDiagnostic").field("rule", &self.finding.rule.id).finish()
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.finding.level.danish(), text::message(&self.finding.message))
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("{} {}", self.finding.rule.id, self.finding.rule.title)))
    }

    fn severity(&self) -> Option<Severity> {
        // The law's level: an accepted deviation is shown in the help, never as a milder mark.
        Some(match self.finding.level {
            Level::Indholdskrav | Level::Proceskrav => Severity::Error,
            Level::Anbefaling => Severity::Warning,
            Level::Info => Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let cite = self.finding.rule.source_line();
        let mut text = String::new();
        let total = self.finding.labels.len();
        if self.excerpt.hidden > 0 {
            let shown = total - self.excerpt.hidden;
            let (shown, total) = (crate::danish::number(shown), crate::danish::number(total));
            text = format!("Kun de første {shown} af {total} steder i filen er vist.\n");
        }
        if self.finding.is_waived() {
            // The help starts a sentence: "Ikke opfyldt – accepteret af …".
            let status = crate::danish::upper_first(&status_with_waiver(self.finding, &self.source.name));
            let status = status.trim_end_matches('.');
            text = format!("{text}{status}. Det ændrer ikke vurderingen, kun om kørslen fejler.\n");
        }
        if !self.finding.help.is_empty() {
            text = format!("{text}{}\n", self.finding.help);
        }
        text.push_str(cite);
        Some(Box::new(crate::text::message(&text)))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.excerpt)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.excerpt.is_empty() {
            return None;
        }
        Some(Box::new(self.excerpt.labeled_spans()))
    }
}

/// The law's status word for a finding, as the report's tables show it.
pub fn status_word(finding: &Finding) -> &'static str {
    match (finding.status, finding.level) {
        (Status::Passed, _) => "opfyldt",
        (Status::NotApplicable, _) => "ikke relevant",
        (Status::Failed, Level::Indholdskrav | Level::Proceskrav) => "ikke opfyldt",
        (Status::Failed, Level::Anbefaling) => "anbefaling",
        (Status::Failed, Level::Info) => "bemærkning",
    }
}

/// The status with what the checked party did about it: "ikke opfyldt – accepteret af
/// aftale.yaml: Vi er uenige." `agreement` is the agreement file's name as shown.
pub fn status_with_waiver(finding: &Finding, agreement: &str) -> String {
    match finding.waiver_danish(agreement) {
        Some(waiver) => format!("{} – {waiver}", status_word(finding)),
        None => status_word(finding).to_owned(),
    }
}
