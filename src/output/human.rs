//! The human report: the agreement's identity, then Sundhedsstyrelsen's headings in the letter's
//! order, each with a table of its rules; the national-goal coverage; the computed deadlines; a
//! diagnostic for every finding not met; and the verdict. The sections are built once here and
//! drawn as terminal tables or, by `markdown.rs`, as Markdown tables.

use std::fmt::Write as _;

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use crate::danish;
use crate::deadlines::DeadlineBasis;
use crate::diagnostic::{self, FindingDiagnostic, Style};
use crate::evaluate::{Approval, Assessment, FailOn, Finding, Status, Summary};
use crate::rules::{Heading, Level};
use crate::run::{FileOutcome, Run, RunOutcome};
use crate::text;

fn status_color(finding: &Finding) -> Option<Color> {
    match (finding.status, finding.level) {
        (Status::Passed, _) => Some(Color::Green),
        (Status::Failed, _) if finding.acceptance.is_some() => Some(Color::Cyan),
        (Status::Failed, Level::Indholdskrav | Level::Proceskrav) => Some(Color::Red),
        (Status::Failed, Level::Anbefaling) => Some(Color::Yellow),
        (Status::Failed, Level::Info) => Some(Color::Cyan),
        (Status::NotApplicable, _) => None,
    }
}

/// A section of the report: a title, a table (rows may colour their first cell), and lines
/// after it.
pub(crate) struct Section {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<(Vec<String>, Option<Color>)>,
    pub after: Vec<String>,
}

/// The report's sections for one agreement, in order.
pub(crate) fn sections(a: &Assessment) -> Vec<Section> {
    let mut sections = Vec::new();
    for heading in Heading::ALL {
        let rows: Vec<(Vec<String>, Option<Color>)> = a
            .findings
            .iter()
            .filter(|f| f.rule.heading == heading)
            .map(|f| {
                let cells = vec![
                    diagnostic::status_with_waiver(f, &a.loaded.source.name),
                    f.rule.id.clone(),
                    f.rule.title.clone(),
                    f.rule.source.section.clone(),
                ];
                (cells, status_color(f))
            })
            .collect();
        if !rows.is_empty() {
            sections.push(Section {
                title: heading.title().to_owned(),
                header: strings(&["Status", "Regel", "Titel", "Kilde"]),
                rows,
                after: Vec::new(),
            });
        }
    }
    sections.push(coverage(a));
    sections.push(deadlines(a));
    // Cells quote the file (names, reasons, the source of a postponement): whatever a section
    // holds is made visible and bounded here, once for the terminal and Markdown alike.
    for section in &mut sections {
        for (cells, _) in &mut section.rows {
            for cell in cells.iter_mut() {
                *cell = text::message(cell);
            }
        }
        for line in &mut section.after {
            *line = text::message(line);
        }
    }
    sections
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn coverage(a: &Assessment) -> Section {
    let areas = &a.loaded.agreement.fokusomraader;
    let title = "De otte nationale mål og aftalens fokusområder".to_owned();
    if areas.is_empty() {
        return Section {
            title,
            header: Vec::new(),
            rows: Vec::new(),
            after: vec!["Aftalen har ingen fokusområder.".to_owned()],
        };
    }
    let mut header = vec!["Nationalt mål".to_owned()];
    header.extend((1..=areas.len()).map(|i| format!("F{i}")));
    let rows = a
        .coverage
        .iter()
        .map(|row| {
            let mut cells = vec![format!("{} {}", row.number, row.name)];
            cells.extend((0..areas.len()).map(|i| if row.areas.contains(&i) { "✓".to_owned() } else { String::new() }));
            (cells, None)
        })
        .collect();
    let mut after: Vec<String> = areas
        .iter()
        .enumerate()
        .map(|(i, area)| format!("F{} = {}", i + 1, text::shown_long(&area.navn.value)))
        .collect();
    let uncovered: Vec<String> =
        a.coverage.iter().filter(|r| r.areas.is_empty()).map(|r| r.number.to_string()).collect();
    if !uncovered.is_empty() {
        after.push(format!("Nationale mål uden fokusområde: {}.", danish::list(&uncovered)));
    }
    Section { title, header, rows, after }
}

fn deadlines(a: &Assessment) -> Section {
    let d = &a.dates;
    let conv = &a.pack.deadlines;
    let date_or = |date: Option<chrono::NaiveDate>| date.map_or_else(|| "kan ikke beregnes".to_owned(), danish::date);
    let submission = match &d.submission {
        Some(s) => {
            let basis = match &s.basis {
                DeadlineBasis::Regular => conv.submission.rule.clone(),
                DeadlineBasis::Postponed { source } | DeadlineBasis::PostponedByFile { source } => {
                    format!("udsat fra {}: {}", danish::date(s.regular), text::shown_long(source))
                }
            };
            (danish::date(s.date), basis)
        }
        None => (date_or(None), conv.submission.rule.clone()),
    };
    let expiry_rule = if a.loaded.agreement.udloeb.is_some() {
        "angivet i aftalen (`udløb`)".to_owned()
    } else {
        conv.expiry.rule.clone()
    };
    let years: Vec<String> = d.ended_years.iter().map(|y| danish::date(y.end)).collect();
    let revision = if years.is_empty() {
        "intet aftaleår afsluttet endnu".to_owned()
    } else {
        format!("aftaleår afsluttet {}", danish::list(&years))
    };
    let rows = [
        ["Indsendelse til Sundhedsstyrelsen".to_owned(), submission.0, submission.1],
        ["Midtvejsstatus".to_owned(), date_or(d.midterm_status), conv.midterm_status.rule.clone()],
        ["Slutstatus".to_owned(), date_or(d.final_status), conv.final_status.rule.clone()],
        ["Udløb".to_owned(), date_or(d.expiry), expiry_rule],
        ["Årlig revisionsvurdering".to_owned(), revision, conv.revision.rule.clone()],
    ];
    Section {
        title: "Frister".to_owned(),
        header: strings(&["Frist", "Dato", "Regel"]),
        rows: rows.into_iter().map(|r| (r.to_vec(), None)).collect(),
        after: Vec::new(),
    }
}

fn table(style: Style) -> Table {
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

/// The identity block: title, region, version, period, rule pack and the date used.
pub fn identity(a: &Assessment) -> Vec<String> {
    let agreement = &a.loaded.agreement;
    let version = match &agreement.version {
        Some(v) => format!("version {}", v.value),
        None => "intet versionsnummer".to_owned(),
    };
    let period = a.period_danish().unwrap_or_else(|| "periode ikke angivet".to_owned());
    let version = text::shown(&version);
    let title = text::shown_long(&agreement.titel.value);
    vec![
        // The title starts the report: it may not start a line a CI runner would act on.
        text::line_start(&format!("{title} · {} · {version}", a.region.officielt_navn)).into_owned(),
        format!("Periode: {period}"),
        format!("Regelsæt: {} – {} ({})", a.pack.name, a.pack.basis_line(), a.pack_choice.danish()),
        format!("Vurderet pr. {} · Fil: {}", danish::date(a.as_of), text::visible(&a.loaded.source.name)),
    ]
}

/// Renders a run: each file's report (or, quiet, only what fails), the configuration's unused
/// acceptances, and for several files a summary line.
pub fn render_run(run: &Run, options: super::RenderOptions) -> String {
    let style = options.style;
    let render_file = |file: &FileOutcome| match file {
        FileOutcome::Assessed(a) if options.quiet => quiet(a, run, style),
        FileOutcome::Assessed(a) => render(a, run.fail_on, style),
        // The diagnostics go to standard error; among several files, the report names it.
        FileOutcome::Unusable { .. } if run.single => String::new(),
        FileOutcome::Unusable { file, errors } => {
            let first = errors.first().map_or_else(String::new, |e| text::message(&e.message));
            format!("{}: kan ikke bruges: {first}\n", bold(&file_at_line_start(file), style))
        }
    };
    let mut out = String::new();
    for part in crate::parallel::map(&run.files, render_file) {
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let _ = write!(out, "\n{}\n\n", "═".repeat(style.width.min(100)));
        }
        out.push_str(&part);
    }
    if !run.notes.is_empty() {
        let _ = writeln!(out, "\n{}", bold("Afvigelser i konfigurationen, der ikke blev brugt", style));
        for n in &run.notes {
            let config = text::visible(&n.config);
            let line = format!("- {config}:{} {}: {} ({})", n.line, n.rule, n.why, text::shown_long(&n.reason));
            let _ = writeln!(out, "{}", text::message(&line));
        }
    }
    let nothing_to_say = options.quiet && run.outcome() == RunOutcome::Passed;
    if !run.single && !nothing_to_say {
        let _ = writeln!(out, "\n{}", run.totals().danish());
    }
    out
}

/// Only what fails the run: a line naming the file and the verdict, then the diagnostics.
fn quiet(a: &Assessment, run: &Run, style: Style) -> String {
    if !a.fails(run.fail_on) {
        return String::new();
    }
    let mut out = format!("{}: {}\n", bold(&file_at_line_start(&a.loaded.source.name), style), verdict_line(a, style));
    for f in a.failing_under(run.fail_on) {
        let _ = write!(out, "\n{}", diagnostic::render(&FindingDiagnostic::new(f, &a.loaded.source), style));
    }
    out
}

/// A file name that starts a line: visible, and unable to start a CI runner's command.
fn file_at_line_start(name: &str) -> String {
    text::line_start(&text::visible(name)).into_owned()
}

/// Renders one agreement's whole report; the last two lines are the verdict and the gate.
pub fn render(a: &Assessment, fail_on: FailOn, style: Style) -> String {
    let mut out = String::new();
    let lines = identity(a);
    let _ = writeln!(out, "{}", bold(&lines[0], style));
    for line in &lines[1..] {
        let _ = writeln!(out, "{line}");
    }
    for section in sections(a) {
        let _ = writeln!(out, "\n{}", bold(&section.title, style));
        if !section.rows.is_empty() {
            let mut t = table(style);
            t.set_header(section.header);
            for (cells, color) in section.rows {
                let mut cells: Vec<Cell> = cells.into_iter().map(Cell::new).collect();
                if let (true, Some(color)) = (style.color, color) {
                    cells[0] = cells[0].clone().fg(color);
                }
                t.add_row(cells);
            }
            let _ = writeln!(out, "{t}");
        }
        for line in section.after {
            let _ = writeln!(out, "{line}");
        }
    }
    diagnostics(&mut out, a, style);
    unused(&mut out, a, style);
    let _ = writeln!(out, "\n{}", verdict_line(a, style));
    let _ = writeln!(out, "{}", gate_line(a, fail_on));
    out
}

/// The findings not met, in the letter's order of headings.
pub(crate) fn unmet<'a>(a: &'a Assessment) -> impl Iterator<Item = &'a Finding<'a>> {
    Heading::ALL.into_iter().flat_map(move |h| a.findings.iter().filter(move |f| f.rule.heading == h && f.is_unmet()))
}

fn diagnostics(out: &mut String, a: &Assessment, style: Style) {
    let mut unmet = unmet(a).peekable();
    if unmet.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "\n{}", bold("Fund", style));
    for f in unmet {
        let _ = write!(out, "\n{}", diagnostic::render(&FindingDiagnostic::new(f, &a.loaded.source), style));
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
    let head = match (verdict, style.color) {
        (Approval::Approvable, true) => format!("\x1b[1;32m{}\x1b[0m", verdict.danish()),
        (Approval::NotApprovable, true) => format!("\x1b[1;31m{}\x1b[0m", verdict.danish()),
        (_, false) => verdict.danish().to_owned(),
    };
    format!("{head} · {}", counts(a))
}

/// The gate, after the verdict: whether this CI run passes, and whether the parties' accepted
/// deviations or the configuration's levels are why it does.
/// "Kørslen består (--fail-on requirement), fordi SA002 er accepteret; vurderingen er uændret".
pub fn gate_line(a: &Assessment, fail_on: FailOn) -> String {
    let ids = |fs: Vec<&Finding>| fs.iter().map(|f| f.rule.id.as_str()).collect::<Vec<_>>().join(", ");
    let failing: Vec<&Finding> = a.failing_under(fail_on).collect();
    if !failing.is_empty() {
        return format!("Kørslen fejler ({}): {}", fail_on.flag(), ids(failing));
    }
    // Findings the gate would have counted at the pack's own level, but does not.
    let waived = |pick: fn(&Finding) -> bool| -> Vec<&Finding> {
        a.findings.iter().filter(|f| f.is_unmet() && fail_on.counts(f.level) && pick(f)).collect()
    };
    let accepted = waived(|f| f.acceptance.is_some());
    let lowered = waived(|f| f.acceptance.is_none() && f.level_override.is_some());
    let mut why = Vec::new();
    if !accepted.is_empty() {
        why.push(format!("{} er accepteret", ids(accepted)));
    }
    if !lowered.is_empty() {
        why.push(format!("{} har fået et andet niveau i konfigurationen", ids(lowered)));
    }
    if why.is_empty() {
        format!("Kørslen består ({})", fail_on.flag())
    } else {
        format!("Kørslen består ({}), fordi {}; vurderingen er uændret", fail_on.flag(), why.join(", og "))
    }
}

/// The counts behind the verdict, in Danish: what the law sees, then what the parties accept.
pub fn counts(a: &Assessment) -> String {
    let content = a.failing(Level::Indholdskrav).count();
    let process = a.failing(Level::Proceskrav).count();
    let Summary { recommendations, observations, accepted, overridden, passed, not_applicable, .. } =
        a.summary(FailOn::Never);
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let overridden = (overridden > 0).then(|| plural(overridden, "niveau ændret", "niveauer ændret"));
    [
        plural(content, "indholdskrav ikke opfyldt", "indholdskrav ikke opfyldt"),
        plural(process, "proceskrav ikke opfyldt", "proceskrav ikke opfyldt"),
        plural(recommendations, "anbefaling", "anbefalinger"),
        plural(observations, "bemærkning", "bemærkninger"),
        plural(accepted, "accepteret afvigelse", "accepterede afvigelser"),
        plural(passed, "opfyldt", "opfyldt"),
        plural(not_applicable, "ikke relevant", "ikke relevante"),
    ]
    .into_iter()
    .chain(overridden)
    .collect::<Vec<_>>()
    .join(" · ")
}
