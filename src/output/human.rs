//! The human report: the report's content (`report.rs`) drawn for a terminal, as tables with
//! coloured statuses, a diagnostic for every finding not met, and the verdict and gate lines.

use std::fmt::Write as _;

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use crate::diagnostic::{self, Style};
use crate::evaluate::{Approval, Assessment, FailOn};
use crate::run::{FileOutcome, RunOutcome, RunSummary};
use crate::text;

use super::PartOptions;
use super::report::{Tone, counts, gate_line, identity, sections, unmet};

/// A table drawn for the terminal's width, coloured only when the style says so.
pub fn table(style: Style) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(u16::try_from(style.width).unwrap_or(100));
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

fn bold(text: &str, style: Style) -> String {
    if style.color { format!("\x1b[1m{text}\x1b[0m") } else { text.to_owned() }
}

/// One file's part of the run: its report (or, quiet, only what fails). The diagnostics of a
/// file that cannot be used go to standard error; among several files, the report names it.
pub fn part(file: &FileOutcome, settings: &PartOptions) -> String {
    let style = settings.options.style;
    match file {
        FileOutcome::Assessed(a) if settings.options.quiet => quiet(a, settings.fail_on, style),
        FileOutcome::Assessed(a) => render(a, settings.fail_on, style),
        FileOutcome::Unusable { .. } if settings.single => String::new(),
        FileOutcome::Unusable { file, errors } => {
            let first = errors.first().map_or_else(String::new, |e| text::message(&e.message));
            format!("{}: kan ikke bruges: {first}\n", bold(&file_at_line_start(file), style))
        }
    }
}

/// The rule between two files' reports.
pub fn separator(style: Style) -> String {
    format!("\n{}\n\n", "═".repeat(style.width.min(100)))
}

/// After the reports: the configuration's unused acceptances, and for several files a summary
/// line.
pub fn foot(summary: &RunSummary, options: super::RenderOptions) -> String {
    let mut out = String::new();
    let style = options.style;
    if !summary.notes.is_empty() {
        let _ = writeln!(out, "\n{}", bold("Afvigelser i konfigurationen, der ikke blev brugt", style));
        for n in &summary.notes {
            let config = text::visible(&n.config);
            let line = format!("- {config}:{} {}: {} ({})", n.line, n.rule, n.why, text::shown_long(&n.reason));
            let _ = writeln!(out, "{}", text::message(&line));
        }
    }
    let nothing_to_say = options.quiet && summary.outcome == RunOutcome::Passed;
    if !summary.single && !nothing_to_say {
        let _ = writeln!(out, "\n{}", summary.totals.danish());
    }
    out
}

/// Only what fails the run: a line naming the file and the verdict, then the diagnostics.
fn quiet(a: &Assessment, fail_on: FailOn, style: Style) -> String {
    if !a.fails(fail_on) {
        return String::new();
    }
    let mut out = format!("{}: {}\n", bold(&file_at_line_start(&a.loaded.source.name), style), verdict_line(a, style));
    for f in a.failing_under(fail_on) {
        let _ = write!(out, "\n{}", diagnostic::render_finding(f, &a.loaded.source, style));
    }
    out
}

fn color(tone: Tone) -> Color {
    match tone {
        Tone::Met => Color::Green,
        Tone::Unmet => Color::Red,
        Tone::Advice => Color::Yellow,
        Tone::Note => Color::Cyan,
    }
}

/// A file name that starts a line: visible, and unable to start a CI runner's command.
fn file_at_line_start(name: &str) -> String {
    text::line_start(&text::visible(name)).into_owned()
}

/// A line of the report broken to fit the width, continued with an indent.
fn fit(line: &str, style: Style) -> String {
    if line.chars().count() <= style.width {
        return line.to_owned();
    }
    // A line of counts ("5 anbefalinger · 1 bemærkning") breaks between its parts only.
    if line.contains(" · ") {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for part in line.split(" · ") {
            if current.is_empty() {
                current.push_str(part);
            // Room for the part and for the " ·" that ends a line when another follows.
            } else if current.chars().count() + 3 + part.chars().count() + 2 <= style.width {
                current.push_str(" · ");
                current.push_str(part);
            } else {
                lines.push(current + " ·");
                current = format!("  {part}");
            }
        }
        lines.push(current);
        // A part longer than the line (a verdict naming what is missing) is wrapped itself.
        return lines.iter().map(|l| wrap(l, style)).collect::<Vec<_>>().join("\n");
    }
    wrap(line, style)
}

fn wrap(line: &str, style: Style) -> String {
    if line.chars().count() <= style.width {
        return line.to_owned();
    }
    // Broken at spaces, as miette breaks the findings (see `diagnostic::render`).
    let options = textwrap::Options::new(style.width)
        .subsequent_indent("  ")
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(line, options)
}

/// Renders one agreement's whole report: the verdict under the identity, so it is seen without
/// scrolling, and again with the gate as the last two lines, where a terminal ends.
pub fn render(a: &Assessment, fail_on: FailOn, style: Style) -> String {
    let mut out = String::new();
    let lines = identity(a);
    let _ = writeln!(out, "{}", bold(&fit(&lines[0], style), style));
    for line in &lines[1..] {
        let _ = writeln!(out, "{}", fit(line, style));
    }
    let _ = writeln!(out, "{}", fit(&format!("Vurdering: {}", verdict_line(a, style)), style));
    for section in sections(a) {
        let _ = writeln!(out, "\n{}", bold(&section.title, style));
        if !section.rows.is_empty() {
            let mut t = table(style);
            t.set_header(section.header.into_iter().map(Cell::new_owned).collect::<Vec<_>>());
            for (cells, tone) in section.rows {
                let mut cells: Vec<Cell> = cells.into_iter().map(Cell::new_owned).collect();
                if let (true, Some(tone)) = (style.color, tone) {
                    cells[0] = cells[0].clone().fg(color(tone));
                }
                t.add_row(cells);
            }
            // Line by line: the table's Display joins its lines into one more string first.
            for line in t.lines() {
                out.push_str(&line);
                out.push('\n');
            }
        }
        for line in section.after {
            let _ = writeln!(out, "{line}");
        }
    }
    diagnostics(&mut out, a, style);
    unused(&mut out, a, style);
    let _ = writeln!(out, "\n{}", fit(&verdict_line(a, style), style));
    let _ = writeln!(out, "{}", fit(&gate_line(a, fail_on), style));
    out
}

fn diagnostics(out: &mut String, a: &Assessment, style: Style) {
    let mut unmet = unmet(a).peekable();
    if unmet.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "\n{}", bold("Fund", style));
    for f in unmet {
        let _ = write!(out, "\n{}", diagnostic::render_finding(f, &a.loaded.source, style));
    }
}

fn unused(out: &mut String, a: &Assessment, style: Style) {
    if a.unused_acceptances.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", bold("Ubrugte afvigelser", style));
    for u in &a.unused_acceptances {
        let line = format!("- {}: {} ({})", u.acceptance.rule, u.why, text::shown_long(&u.acceptance.reason));
        let _ = writeln!(out, "{}", text::message(&line));
    }
}

/// "Kan godkendes · 1 proceskrav ikke opfyldt · 4 anbefalinger · …".
pub fn verdict_line(a: &Assessment, style: Style) -> String {
    let verdict = a.approval();
    let words = a.verdict_danish();
    let head = match (verdict, style.color) {
        (Approval::Approvable, true) => format!("\x1b[1;32m{words}\x1b[0m"),
        (Approval::NotApprovable, true) => format!("\x1b[1;31m{words}\x1b[0m"),
        (Approval::NotConcluded, true) => format!("\x1b[1;33m{words}\x1b[0m"),
        (_, false) => words,
    };
    format!("{head} · {}", counts(a))
}
