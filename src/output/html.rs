//! `--format html`: one self-contained, print-ready HTML report for the case officer or the
//! secretariat who opens a file rather than a terminal. The same content as the human report –
//! identity, the tables under Sundhedsstyrelsen's headings, the goal coverage, the deadlines,
//! every finding with its source lines, the verdict and the gate – with no external resource,
//! every value escaped, and print styles for A4.

use std::fmt::Write as _;

use super::PartOptions;
use super::report::{Tone, counts, gate_line, identity, sections, tone, unmet};
use crate::diagnostic::status_with_waiver;
use crate::evaluate::{Approval, Assessment, Finding};
use crate::run::{FileOutcome, RunSummary};

const CSS: &str = r#"
:root { --met: #1b6e3a; --unmet: #a4161a; --advice: #8a5a00; --note: #1f5f8b; --line: #d0d4d9; }
body { font-family: "Segoe UI", Calibri, Arial, sans-serif; font-size: 11pt; line-height: 1.4; color: #1d1d1f; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; border-bottom: 1px solid var(--line); break-after: avoid; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.identity { color: #444; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f2f4f6; }
.met { color: var(--met); } .unmet { color: var(--unmet); font-weight: 600; } .advice { color: var(--advice); } .note { color: var(--note); }
.finding { border-left: 4px solid var(--line); padding: .3rem .8rem; margin: .8rem 0; page-break-inside: avoid; }
.finding.f-unmet { border-color: var(--unmet); } .finding.f-advice { border-color: var(--advice); } .finding.f-note { border-color: var(--note); }
pre { background: #f6f8fa; padding: .4rem .6rem; overflow-x: auto; font-size: .85rem; white-space: pre-wrap; }
pre mark { background: #ffe08a; } pre .label { color: var(--unmet); } .source { color: #444; font-size: .92rem; }
.verdict { font-size: 1.1rem; font-weight: 600; margin-top: 1.2rem; } .gate { color: #444; }
.file + .file { border-top: 3px double var(--line); margin-top: 2rem; padding-top: 1rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } .file + .file { page-break-before: always; border: 0; } }
"#;

/// Text from us or from the input, as HTML text.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, &crate::text::visible_keep_lines(text));
    out
}

fn class(tone: Option<Tone>) -> &'static str {
    match tone {
        Some(Tone::Met) => "met",
        Some(Tone::Unmet) => "unmet",
        Some(Tone::Advice) => "advice",
        Some(Tone::Note) => "note",
        None => "",
    }
}

/// The document's start.
pub fn head() -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>aftale: vurdering af sundhedsaftaler</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    )
}

/// The document's end: for several files the run's totals.
pub fn foot(summary: &RunSummary) -> String {
    let mut out = String::new();
    if !summary.single {
        let _ = writeln!(out, "<p class=\"gate\">{}</p>", esc(&summary.totals.danish()));
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// One file's report.
pub fn part(file: &FileOutcome, settings: &PartOptions) -> String {
    let mut out = String::from("<section class=\"file\">\n");
    match file {
        FileOutcome::Unusable { file, errors } => {
            let _ = writeln!(out, "<h1>{}</h1>\n<p class=\"unmet\">Filen kan ikke bruges.</p>\n<ul>", esc(file));
            for e in errors {
                let place = e.line_column().map(|(l, c)| format!(" (linje {l}, kolonne {c})")).unwrap_or_default();
                let help = e.help.as_deref().map(|h| format!("<br>{}", esc(h))).unwrap_or_default();
                let _ = writeln!(out, "<li><strong>{}</strong>{place}: {}{help}</li>", e.code, esc(&e.message));
            }
            out.push_str("</ul>\n");
        }
        FileOutcome::Assessed(a) => assessment(&mut out, a, settings),
    }
    out.push_str("</section>\n");
    out
}

fn assessment(out: &mut String, a: &Assessment, settings: &PartOptions) {
    let lines = identity(a);
    let _ = writeln!(out, "<h1>{}</h1>\n<p class=\"identity\">", esc(&lines[0]));
    for line in &lines[1..] {
        let _ = writeln!(out, "{}<br>", esc(line));
    }
    out.push_str("</p>\n");
    for section in sections(a) {
        let _ = writeln!(out, "<h2>{}</h2>", esc(&section.title));
        if !section.rows.is_empty() {
            out.push_str("<table>\n<thead><tr>");
            for h in &section.header {
                let _ = write!(out, "<th>{}</th>", esc(h));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for (cells, tone) in &section.rows {
                out.push_str("<tr>");
                for (i, cell) in cells.iter().enumerate() {
                    let c = if i == 0 { class(*tone) } else { "" };
                    let _ = write!(out, "<td class=\"{c}\">{}</td>", esc(cell));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        for line in &section.after {
            let _ = writeln!(out, "<p>{}</p>", esc(line));
        }
    }
    let findings: Vec<&Finding> = unmet(a).collect();
    if !findings.is_empty() {
        out.push_str("<h2>Fund</h2>\n");
    }
    for f in findings {
        finding(out, a, f);
    }
    let verdict = a.approval();
    let tone = if verdict == Approval::Approvable { "met" } else { "unmet" };
    let _ =
        writeln!(out, "<p class=\"verdict {tone}\">{}</p>", esc(&format!("{} · {}", a.verdict_danish(), counts(a))));
    let _ = writeln!(out, "<p class=\"gate\">{}</p>", esc(&gate_line(a, settings.fail_on)));
}

/// How many places of one finding the page shows; the rest are counted.
const MAX_PLACES: usize = 50;

/// A finding not met: its rule, level and status, message, every place it points at (the
/// source lines with the place marked and what was found there), help, and its legal source.
fn finding(out: &mut String, a: &Assessment, f: &Finding) {
    let tone = format!("f-{}", class(tone(f)));
    let (line, column) = super::place(f);
    let status = status_with_waiver(f, &a.loaded.source.name);
    // The status only when it says more than the level ("ikke opfyldt", an accepted deviation).
    let status = if status == f.level.danish() { String::new() } else { format!(" · {}", esc(&status)) };
    let _ = writeln!(
        out,
        "<div class=\"finding {tone}\">\n<h3>{} {}</h3>\n<p><strong>{}</strong>{status} · linje {line}, kolonne {column}</p>\n<p>{}</p>",
        f.rule.id,
        esc(&f.rule.title),
        f.level.danish(),
        esc(&f.message)
    );
    let mut places: Vec<&crate::checks::Label> = f.labels.iter().filter(|l| l.span.line > 0).collect();
    places.sort_by_key(|l| (l.span.line, l.span.column));
    if places.is_empty() {
        snippet(out, a, line, &[]);
    }
    // Places on neighbouring lines share one excerpt.
    let mut groups: Vec<Vec<&crate::checks::Label>> = Vec::new();
    for label in places.iter().take(MAX_PLACES) {
        match groups.last_mut() {
            Some(group) if group.last().is_some_and(|l| label.span.line <= l.span.line + 2) => group.push(label),
            _ => groups.push(vec![label]),
        }
    }
    for group in &groups {
        snippet(out, a, group[0].span.line, group);
    }
    if places.len() > MAX_PLACES {
        let more = crate::danish::number(places.len() - MAX_PLACES);
        let _ = writeln!(out, "<p>… og {more} steder mere i filen.</p>");
    }
    if !f.help.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&f.help));
    }
    let _ = writeln!(out, "<p class=\"source\">{}</p>", esc(f.rule.source_line()));
    out.push_str("</div>\n");
}

/// The lines around `places` (from line `first`), each place's line marked and followed by what
/// was found there.
fn snippet(out: &mut String, a: &Assessment, first: usize, places: &[&crate::checks::Label]) {
    let source = &a.loaded.source;
    let starts = source.line_starts();
    let text = &*source.text;
    let last_place = places.last().map_or(first, |l| l.span.line);
    let (from, to) = (first.saturating_sub(1).max(1), (last_place + 1).min(starts.len()));
    let mut rows = String::new();
    for n in from..=to {
        let Some(&start) = starts.get(n - 1) else { break };
        let end = starts.get(n).map_or(text.len(), |&e| e.saturating_sub(1));
        let content = text.get(start..end).unwrap_or_default();
        let shown: String = crate::text::shorten(content.trim_end_matches('\r'), 160).into_owned();
        let row = format!("{n:>4} │ {}", esc(&shown));
        let here: Vec<&&crate::checks::Label> = places.iter().filter(|l| l.span.line == n).collect();
        if here.is_empty() && !(places.is_empty() && n == first) {
            let _ = writeln!(rows, "{row}");
            continue;
        }
        let _ = writeln!(rows, "<mark>{row}</mark>");
        for label in here.iter().filter(|l| !l.text.trim().is_empty()) {
            let indent = " ".repeat(7 + label.span.column.saturating_sub(1).min(80));
            let _ = writeln!(
                rows,
                "<span class=\"label\">{indent}└ {}</span>",
                esc(&crate::text::shorten(&label.text, 200))
            );
        }
    }
    if !rows.is_empty() {
        let _ = writeln!(out, "<pre>{rows}</pre>");
    }
}
