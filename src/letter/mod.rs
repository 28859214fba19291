//! The draft reply letter: Sundhedsstyrelsen's answer to the region, drafted from the same
//! assessment `check` reports, so the two never disagree.
//!
//! The wording is a minijinja template per rule pack (`rules/<pack>/brev/brev.md.j2`, or a
//! directory given with `--template`); each recommendation's paragraph comes from its rule's
//! `letter` text. The template writes Markdown; [`html`] and [`docx`] turn that Markdown into a
//! print-ready page and a Word document. Every value taken from the agreement is escaped before
//! it reaches the Markdown, so it can never become markup. What a person must complete is written
//! `[[…]]`, the same way everywhere.

mod dating;
pub mod docx;
pub mod html;
mod places;
mod reply;
mod round;
mod templates;

pub use dating::LetterDate;
pub use places::placeholders;
pub(crate) use places::split_placeholders;

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use minijinja::Value;
use serde::Serialize;

use crate::codes::ErrorCode;
use crate::error::InputError;
use crate::evaluate::Assessment;
use crate::reference::Reference;
use crate::rules::Registry;

/// The Markdown the templates write: CommonMark with footnotes (the legal references).
pub(crate) const MARKDOWN: pulldown_cmark::Options = pulldown_cmark::Options::ENABLE_FOOTNOTES;

/// The letters of the approval round, each a template per pack (`reply::TEMPLATE`,
/// `round::COVER_TEMPLATE`, `round::AGENDA_TEMPLATE`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    /// Sundhedsstyrelsen's reply to the region (`brev.md.j2`).
    #[default]
    Reply,
    /// The committee's cover letter to the regional council and every municipal council
    /// (`foelgebrev.md.j2`).
    Cover,
    /// A municipality's case presentation for its council's agenda (`dagsorden.md.j2`).
    Agenda,
}

/// What the letter needs besides the assessment.
#[derive(Debug, Clone, Default)]
pub struct LetterOptions {
    /// Which letter.
    pub kind: Kind,
    /// The municipality whose case presentation it is (for [`Kind::Agenda`]).
    pub municipality: Option<String>,
    /// The letter's date.
    pub date: Option<NaiveDate>,
    /// Who signs, a line each (name, title, unit).
    pub signatory: Vec<String>,
    /// Whom to contact (name, e-mail, phone).
    pub contact: Option<String>,
    /// The case number for the letterhead (Sundhedsstyrelsen's, or the municipality's).
    pub case_number: Option<String>,
}

/// A drafted letter: its Markdown text and the places left for a person to complete.
#[derive(Debug, Clone)]
pub struct Letter {
    pub markdown: String,
    /// The title, for a document's metadata ("Sundhedsaftalerne 2024-2027").
    pub title: String,
    /// Every `[[…]]` left in the text, in order.
    pub placeholders: Vec<String>,
    /// The letter's date, for a document's metadata.
    pub date: NaiveDate,
    /// What the letter is, for a document's metadata.
    pub subject: &'static str,
    /// Who writes it, for a document's metadata.
    pub author: String,
}

impl Letter {
    /// The title may hold a value from the agreement: its control characters are made visible
    /// here, since documents' metadata and HTML titles are not Markdown.
    fn new(markdown: String, title: String, date: NaiveDate, subject: &'static str, author: &str) -> Letter {
        let title = crate::text::visible(&title).into_owned();
        // A CI command sequence from the agreement is inert in every form of the letter.
        let markdown = crate::text::inert(&markdown).into_owned();
        Letter { placeholders: placeholders(&markdown), markdown, title, date, subject, author: author.to_owned() }
    }
}

/// Drafts the letter `options.kind` for an assessment.
pub fn draft(
    a: &Assessment,
    registry: &Registry,
    reference: &Reference,
    templates: Templates,
    options: &LetterOptions,
) -> Result<Letter, InputError> {
    match options.kind {
        Kind::Reply => reply::draft(a, registry, reference, templates, options),
        Kind::Cover => round::cover(a, registry, reference, templates, options),
        Kind::Agenda => round::agenda(a, registry, reference, templates, options),
    }
}

/// Renders a letter's template with its context, as tidy Markdown.
fn render(
    templates: Templates,
    registry: &Registry,
    pack: &str,
    template: &str,
    context: &impl Serialize,
) -> Result<String, InputError> {
    let env = templates::environment(templates, registry, pack, template)?;
    let error = |e: minijinja::Error| {
        InputError::file(ErrorCode::LetterTemplate, template, format!("brevet kan ikke skrives: {e}"))
    };
    let markdown = env.get_template(template).map_err(error)?.render(Value::from(minijinja::value::Serde(context)));
    Ok(tidy(&markdown.map_err(error)?))
}

/// Where the letter's templates come from.
pub enum Templates<'a> {
    /// The pack's own (`rules/<pack>/brev/`).
    Pack,
    /// A directory the user gave (`--template DIR`).
    Directory(&'a Path),
}

/// How many characters of a value from the agreement the letter quotes (a name, a title, a
/// reason).
const LETTER_VALUE_CHARS: usize = 500;

/// A value from the agreement, bounded for the letter.
fn quoted(text: &str) -> String {
    crate::text::shorten(text, LETTER_VALUE_CHARS).into_owned()
}

fn citation(a: &Assessment, kind: &str) -> String {
    a.pack.instrument(kind).map(|i| i.citation.clone()).unwrap_or_default()
}

/// A legal reference's footnote: its address, or its title when the pack has no address.
fn footnote(a: &Assessment, kind: &str) -> String {
    a.pack.instrument(kind).map(|i| i.url.clone().unwrap_or_else(|| i.title.clone())).unwrap_or_default()
}

/// "2024-2027": the years of the agreement period, or of the title when no period is known.
fn period_years(a: &Assessment) -> String {
    if let Some(years) = a.period_years() {
        return years;
    }
    let title = &a.loaded.agreement.titel.value;
    let years: Vec<&str> = title.split(|c: char| !c.is_ascii_digit()).filter(|s| s.len() == 4).collect();
    match years.as_slice() {
        [from, to, ..] => format!("{from}-{to}"),
        [from] => (*from).to_owned(),
        [] => a.as_of.year().to_string(),
    }
}

/// Collapses the blank lines a template's loops leave behind.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
            out.push('\n');
        } else {
            blank = 0;
            out.push_str(line.trim_end_matches([' ', '\t']).trim_end());
            // Markdown's hard line break is two trailing spaces; keep it.
            if line.ends_with("  ") {
                out.push_str("  ");
            }
            out.push('\n');
        }
    }
    out.trim_start_matches('\n').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_become_markup() {
        assert_eq!(
            crate::text::markdown("<script>x</script> & *y* [z](u)"),
            "\\<script\\>x\\</script\\> \\& \\*y\\* \\[z\\](u)"
        );
        assert_eq!(crate::text::markdown("a\n# b"), "a \\# b");
        assert_eq!(quoted(&"x".repeat(10_000)).chars().count(), LETTER_VALUE_CHARS);
    }
}
