//! The draft reply letter: Sundhedsstyrelsen's answer to the region, drafted from the same
//! assessment `check` reports, so the two never disagree.
//!
//! The wording is a minijinja template per rule pack (`rules/<pack>/brev/brev.md.j2`, or a
//! directory given with `--template`); each recommendation's paragraph comes from its rule's
//! `letter` text. The template writes Markdown; [`html`] and [`docx`] turn that Markdown into a
//! print-ready page and a Word document. Every value taken from the agreement is escaped before
//! it reaches the Markdown, so it can never become markup. What a person must complete is written
//! `[[…]]`, the same way everywhere.

pub mod docx;
pub mod html;
mod places;

pub use places::placeholders;
pub(crate) use places::split_placeholders;
use places::{CLOSE, OPEN};

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use minijinja::{Environment, Value};
use serde::Serialize;

use crate::codes::ErrorCode;
use crate::danish;
use crate::deadlines::DeadlineBasis;
use crate::error::InputError;
use crate::evaluate::{Assessment, Finding, Status};
use crate::reference::Reference;
use crate::rules::{Heading, Level, Registry};

/// The Markdown the templates write: CommonMark with footnotes (the legal references).
pub(crate) const MARKDOWN: pulldown_cmark::Options = pulldown_cmark::Options::ENABLE_FOOTNOTES;

/// The template every pack (or `--template` directory) provides.
pub const TEMPLATE: &str = "brev.md.j2";

/// What the letter needs besides the assessment.
#[derive(Debug, Clone, Default)]
pub struct LetterOptions {
    /// The letter's date.
    pub date: Option<NaiveDate>,
    /// Who signs, a line each (name, title, unit).
    pub signatory: Vec<String>,
    /// Whom to contact (name, e-mail, phone).
    pub contact: Option<String>,
    /// Sundhedsstyrelsen's case number for the letterhead.
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

fn environment(templates: Templates, registry: &Registry, pack: &str) -> Result<Environment<'static>, InputError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
    env.set_formatter(|out, state, value| {
        if value.is_safe() || value.is_none() || value.is_undefined() {
            return minijinja::escape_formatter(out, state, value);
        }
        let text = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
        out.write_str(&crate::text::markdown(&text)).map_err(minijinja::Error::from)
    });
    env.add_function("udfyld", |what: String| Value::from_safe_string(format!("{OPEN}Udfyld: {what}{CLOSE}")));
    // "A, B og C"; the items are escaped one by one, like any value.
    env.add_filter("liste", |items: Vec<String>| {
        let escaped: Vec<String> = items.iter().map(|i| crate::text::markdown(i)).collect();
        Value::from_safe_string(danish::list(&escaped))
    });
    let template_error = |name: &str, e: minijinja::Error| {
        InputError::file(ErrorCode::LetterTemplate, name, format!("brevskabelonen kan ikke læses: {e}"))
    };
    match templates {
        Templates::Pack => {
            let pack = registry.pack(pack).ok_or_else(|| {
                InputError::file(ErrorCode::LetterTemplate, pack, format!("regelsættet {pack} findes ikke"))
            })?;
            let mut found = false;
            for (name, text) in pack.files.iter().filter(|(n, _)| n.starts_with("brev/")) {
                let short = name.trim_start_matches("brev/").to_owned();
                found |= short == TEMPLATE;
                env.add_template_owned(short, text.clone()).map_err(|e| template_error(name, e))?;
            }
            if !found {
                return Err(InputError::file(
                    ErrorCode::LetterTemplate,
                    &pack.origin,
                    format!("regelsættet {} har ingen brevskabelon (brev/{TEMPLATE})", pack.name),
                ));
            }
        }
        Templates::Directory(dir) => {
            let display = dir.display().to_string();
            let entries = std::fs::read_dir(dir).map_err(|e| {
                InputError::file(
                    ErrorCode::LetterTemplate,
                    &display,
                    format!("mappen kan ikke læses: {}", crate::danish::io_error(&e)),
                )
            })?;
            let mut names: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
            names.sort();
            for path in names {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let source = crate::read::read_text(&path, &format!("{display}/{name}"))?;
                env.add_template_owned(name.clone(), source.text.to_string()).map_err(|e| template_error(&name, e))?;
            }
            if env.get_template(TEMPLATE).is_err() {
                return Err(InputError::file(
                    ErrorCode::LetterTemplate,
                    &display,
                    format!("mappen {display} indeholder ingen {TEMPLATE}"),
                ));
            }
        }
    }
    Ok(env)
}

/// The paragraph a finding contributes to the letter: its rule's `letter` text; for a
/// requirement without one, its message. Remarks without a letter text are for the report only.
/// A deviation the parties accept is their statement, quoted after the paragraph; it never
/// removes the paragraph, since Sundhedsstyrelsen's assessment does not depend on it.
fn paragraph(f: &Finding, registry: &Registry) -> Option<String> {
    let text =
        registry.render(f.rule, "letter", &f.vars).or_else(|| f.level.is_requirement().then(|| f.message.clone()))?;
    Some(match &f.acceptance {
        Some(a) if f.is_unmet() => {
            format!("{text} Parterne har oplyst, at de accepterer afvigelsen: {}", quoted(&a.reason))
        }
        _ => text,
    })
}

#[derive(Serialize)]
struct GoalLinks {
    /// "1 Bedre sammenhængende patientforløb", … for the goals some focus area covers.
    daekket: Vec<String>,
    fokusomraader: Vec<AreaLinks>,
    /// Paragraphs for unmet rules under this heading.
    afsnit: Vec<String>,
}

#[derive(Serialize)]
struct AreaLinks {
    navn: String,
    maal: Vec<String>,
}

#[derive(Serialize)]
struct Basis {
    datakilder: Vec<String>,
    afsnit: Vec<String>,
}

#[derive(Serialize)]
struct Context {
    dato: String,
    region: String,
    kommuner: Vec<String>,
    titel: String,
    aar: String,
    sagsnummer: Option<String>,
    bekendtgoerelse: String,
    vejledning: String,
    /// The footnotes after the two legal references: the document's address where the pack
    /// knows it (as Sundhedsstyrelsen's letter gives it), else its full title.
    bekendtgoerelse_note: String,
    vejledning_note: String,
    modtaget: Option<String>,
    godkendelig: bool,
    indholdskrav: Vec<String>,
    generelt: Vec<String>,
    nationale_maal: GoalLinks,
    grundlag: Basis,
    temaer: Vec<String>,
    principper: Vec<String>,
    datakilder: Vec<String>,
    oevrigt: Vec<String>,
    raadgivning: Vec<String>,
    ikrafttraedelse: Option<String>,
    udloeb: Option<String>,
    frist: Option<String>,
    frist_passeret: bool,
    midtvejsstatus: Option<String>,
    slutstatus: Option<String>,
    proceskrav: Vec<String>,
    underskriver: Vec<String>,
    kontakt: Option<String>,
}

/// Drafts the letter for an assessment.
pub fn draft(
    a: &Assessment,
    registry: &Registry,
    reference: &Reference,
    templates: Templates,
    options: &LetterOptions,
) -> Result<Letter, InputError> {
    let env = environment(templates, registry, &a.pack.name)?;
    let agreement = &a.loaded.agreement;
    let unmet = |heading: Heading| -> Vec<String> {
        a.findings
            .iter()
            .filter(|f| f.rule.heading == heading && f.status == Status::Failed && f.level != Level::Anbefaling)
            .filter_map(|f| paragraph(f, registry))
            .collect()
    };
    let failing = |level: Level| -> Vec<String> { a.failing(level).filter_map(|f| paragraph(f, registry)).collect() };
    let goal_name = |n: i64| reference.goal_by_number(n).map(|g| format!("{n} {}", g.navn)).unwrap_or_default();
    let areas: Vec<AreaLinks> = agreement
        .fokusomraader
        .iter()
        .map(|f| AreaLinks {
            navn: quoted(&f.navn.value),
            maal: reference.goal_numbers(&f.nationale_maal).into_iter().map(goal_name).collect(),
        })
        .collect();
    let covered: Vec<String> = a.coverage.iter().filter(|r| !r.areas.is_empty()).map(|r| goal_name(r.number)).collect();
    let date = options.date.unwrap_or(a.as_of);
    let years = period_years(a);
    let submission = a.dates.submission.as_ref();
    let context = Context {
        dato: danish::date(date),
        // After a merger the letter goes to the region that holds the agreement's duties.
        region: if std::ptr::eq(a.duty_holder, a.region) {
            a.region.officielt_navn.clone()
        } else {
            format!("{} (tidligere {})", a.duty_holder.officielt_navn, a.region.officielt_navn)
        },
        kommuner: reference.municipalities(a.region).iter().map(|m| m.officielt_navn.clone()).collect(),
        titel: quoted(&agreement.titel.value),
        aar: years.clone(),
        sagsnummer: options.case_number.as_deref().map(quoted),
        bekendtgoerelse: citation(a, "bekendtgørelse"),
        vejledning: citation(a, "vejledning"),
        bekendtgoerelse_note: footnote(a, "bekendtgørelse"),
        vejledning_note: footnote(a, "vejledning"),
        modtaget: agreement
            .behandling
            .as_ref()
            .and_then(|b| b.sundhedsstyrelsen.as_ref())
            .and_then(|s| s.modtaget.as_ref())
            .map(|d| danish::date(d.value.0)),
        godkendelig: a.approval() == crate::evaluate::Approval::Approvable,
        indholdskrav: failing(Level::Indholdskrav),
        generelt: unmet(Heading::Generelt),
        nationale_maal: GoalLinks { daekket: covered, fokusomraader: areas, afsnit: unmet(Heading::NationaleMaal) },
        grundlag: Basis {
            datakilder: agreement
                .grundlag
                .as_ref()
                .map(|g| g.datakilder.iter().map(|d| crate::danish::mid_sentence(&quoted(d), true)).collect())
                .unwrap_or_default(),
            afsnit: unmet(Heading::Grundlag),
        },
        temaer: agreement.temaer.iter().map(|t| t.value.key().to_owned()).collect(),
        principper: agreement
            .principper
            .iter()
            .map(|p| crate::danish::mid_sentence(&quoted(&p.navn.value), false))
            .collect(),
        datakilder: agreement
            .opfoelgning
            .as_ref()
            .map(|o| o.datakilder.iter().map(|d| crate::danish::mid_sentence(&quoted(d), true)).collect())
            .unwrap_or_default(),
        oevrigt: unmet(Heading::Oevrigt),
        raadgivning: failing(Level::Anbefaling),
        ikrafttraedelse: a.dates.entry_into_force.map(danish::date),
        udloeb: a.dates.expiry.map(danish::date),
        frist: submission.map(|s| match &s.basis {
            DeadlineBasis::Regular => danish::date(s.date),
            _ => format!("{} (udsat fra {})", danish::date(s.date), danish::date(s.regular)),
        }),
        frist_passeret: submission.is_some_and(|s| s.date < date),
        midtvejsstatus: a.dates.midterm_status.map(danish::date),
        slutstatus: a.dates.final_status.map(danish::date),
        proceskrav: unmet(Heading::Implementering).into_iter().chain(failing_process_elsewhere(a, registry)).collect(),
        underskriver: options.signatory.iter().map(|l| quoted(l.trim())).filter(|l| !l.is_empty()).collect(),
        kontakt: options.contact.clone(),
    };
    let template = env.get_template(TEMPLATE).map_err(|e| letter_error(&e))?;
    let markdown = template.render(Value::from(minijinja::value::Serde(&context))).map_err(|e| letter_error(&e))?;
    let markdown = tidy(&markdown);
    Ok(Letter { placeholders: placeholders(&markdown), title: format!("Sundhedsaftalerne {years}"), markdown, date })
}

/// Failed process requirements reported under another heading than Implementering.
fn failing_process_elsewhere(a: &Assessment, registry: &Registry) -> Vec<String> {
    a.failing(Level::Proceskrav)
        .filter(|f| f.rule.heading != Heading::Implementering)
        .filter_map(|f| paragraph(f, registry))
        .collect()
}

fn letter_error(e: &minijinja::Error) -> InputError {
    InputError::file(ErrorCode::LetterTemplate, TEMPLATE, format!("brevet kan ikke skrives: {e}"))
}

fn citation(a: &Assessment, kind: &str) -> String {
    a.pack.legal_basis.iter().find(|i| i.kind == kind).map(|i| i.citation.clone()).unwrap_or_default()
}

/// A legal reference's footnote: its address, or its title when the pack has no address.
fn footnote(a: &Assessment, kind: &str) -> String {
    a.pack
        .legal_basis
        .iter()
        .find(|i| i.kind == kind)
        .map(|i| i.url.clone().unwrap_or_else(|| i.title.clone()))
        .unwrap_or_default()
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
