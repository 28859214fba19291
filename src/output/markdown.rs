//! Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: an overview table of the
//! files, then per file the human report's headings and tables and the findings not met.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets};

use super::report::{self, Section};
use super::{Part, PartOptions};
use crate::evaluate::{Assessment, FailOn};
use crate::run::{FileOutcome, RunOutcome, RunSummary};

/// Text, from us or from the input, as Markdown that stays text (in a table cell too: no `|`,
/// no line breaks, no markup).
fn md(text: &str) -> String {
    crate::text::markdown(text)
}

fn table(header: &[String], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut t = Table::new();
    t.load_style(presets::ASCII_MARKDOWN);
    t.set_content_arrangement(ContentArrangement::Disabled);
    t.force_no_tty();
    t.set_header(header.iter().map(|h| md(h)));
    for row in rows {
        t.add_row(row.iter().map(|c| md(c)));
    }
    t.to_string()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// The head: the run's headline and totals, and the overview table of the files.
pub fn head(summary: &RunSummary, rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let headline = match summary.outcome {
        RunOutcome::Passed => "Ingen krav fejler",
        RunOutcome::Failed => "Der er krav, der ikke er opfyldt",
        RunOutcome::Unusable => "En eller flere filer kan ikke bruges",
    };
    let _ = writeln!(out, "## aftale: {headline}\n");
    let _ = writeln!(out, "{}\n", summary.totals.danish());
    let header =
        strings(&["Fil", "Vurdering", "Kørsel", "Krav ikke opfyldt", "Anbefalinger", "Accepterede afvigelser"]);
    if !rows.is_empty() {
        let _ = writeln!(out, "{}\n", table(&header, rows.iter().cloned()));
    }
    out
}

/// One file's row in the overview and its section; quiet, only a file that fails has either.
pub fn part(file: &FileOutcome, settings: &PartOptions) -> Part {
    let fail_on = settings.fail_on;
    if settings.options.quiet && !fails(file, fail_on) {
        return Part::default();
    }
    let mut body = String::new();
    let row = match file {
        FileOutcome::Assessed(a) => {
            let s = a.summary(fail_on);
            file_section(&mut body, a, fail_on, settings.options.quiet);
            vec![
                md(&a.loaded.source.name),
                a.verdict_danish(),
                gate_word(a.fails(fail_on)).to_owned(),
                s.failed.to_string(),
                s.recommendations.to_string(),
                s.accepted.to_string(),
            ]
        }
        FileOutcome::Unusable { file, errors } => {
            let _ = writeln!(body, "### {}: kan ikke bruges\n", md(file));
            for e in errors {
                let place = e.line_column().map(|(l, c)| format!(" (linje {l}, kolonne {c})")).unwrap_or_default();
                let _ = writeln!(body, "- **{}**{place}: {}", e.code, md(&crate::text::message(&e.message)));
                if let Some(help) = &e.help {
                    let _ = writeln!(body, "  {}", md(&crate::text::message(help)));
                }
            }
            body.push('\n');
            let dash = || "–".to_owned();
            vec![md(file), "kan ikke bruges".to_owned(), gate_word(true).to_owned(), dash(), dash(), dash()]
        }
    };
    Part { row: Some(row), body }
}

/// The foot: the configuration's accepted deviations that were not used.
pub fn foot(summary: &RunSummary) -> String {
    let mut out = String::new();
    if !summary.notes.is_empty() {
        let _ = writeln!(out, "### Afvigelser i konfigurationen, der ikke blev brugt\n");
        for n in &summary.notes {
            let (place, why) = (md(&format!("{}:{}", n.config, n.line)), md(&n.why));
            let _ = writeln!(out, "- {place} **{}**: {why} ({})", md(&n.rule), md(&crate::text::shown_long(&n.reason)));
        }
        out.push('\n');
    }
    out
}

fn gate_word(fails: bool) -> &'static str {
    if fails { "fejler" } else { "består" }
}

fn fails(file: &FileOutcome, fail_on: FailOn) -> bool {
    match file {
        FileOutcome::Unusable { .. } => true,
        FileOutcome::Assessed(a) => a.fails(fail_on),
    }
}

fn file_section(out: &mut String, a: &Assessment, fail_on: FailOn, quiet: bool) {
    let _ = writeln!(out, "### {}: {}\n", md(&a.loaded.source.name), a.verdict_danish());
    for line in report::identity(a) {
        let _ = writeln!(out, "{}  ", md(&line));
    }
    out.push('\n');
    if !quiet {
        for Section { title, header, rows, after } in report::sections(a) {
            let _ = writeln!(out, "#### {title}\n");
            if !rows.is_empty() {
                let _ = writeln!(out, "{}\n", table(&header, rows.into_iter().map(|(cells, _)| cells)));
            }
            for line in after {
                let _ = writeln!(out, "{}  ", md(&line));
            }
            if !out.ends_with("\n\n") {
                out.push('\n');
            }
        }
    }
    let findings: Vec<_> = if quiet { a.failing_under(fail_on).collect() } else { report::unmet(a).collect() };
    if !findings.is_empty() {
        let _ = writeln!(out, "#### Fund\n");
        for f in findings {
            let (line, column) = super::place(f);
            let status = crate::diagnostic::status_with_waiver(f, &a.loaded.source.name);
            let _ = writeln!(
                out,
                "- **{}** {} ({}, {}), {}: {}",
                f.rule.id,
                md(&f.rule.title),
                f.level.danish(),
                md(&status),
                md(&format!("{}:{line}:{column}", a.loaded.source.name)),
                md(&f.message)
            );
            if !f.help.is_empty() {
                let _ = writeln!(out, "  {}", md(&f.help));
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "**{}**  \n{}\n", report::counts(a), report::gate_line(a, fail_on));
}
