//! The human report: the agreement's identity, then Sundhedsstyrelsen's headings in the letter's
//! order, each with a table of its rules; the national-goal coverage; the computed deadlines; a
//! diagnostic for every finding not met; and the verdict.

use std::fmt::Write as _;

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use crate::danish;
use crate::deadlines::DeadlineBasis;
use crate::diagnostic::{self, FindingDiagnostic, Style};
use crate::evaluate::{Approval, Assessment, Finding, Status, Summary};
use crate::rules::{Heading, Level};

/// The Danish status word for a finding, as the report's tables show it.
pub fn status_word(finding: &Finding) -> &'static str {
    match (finding.status, finding.level) {
        (Status::Passed, _) => "opfyldt",
        (Status::NotApplicable, _) => "ikke relevant",
        (Status::Accepted, _) => "accepteret afvigelse",
        (Status::Failed, Level::Indholdskrav | Level::Proceskrav) => "ikke opfyldt",
        (Status::Failed, Level::Anbefaling) => "anbefaling",
        (Status::Failed, Level::Info) => "bemærkning",
    }
}

fn status_color(finding: &Finding) -> Option<Color> {
    match (finding.status, finding.level) {
        (Status::Passed, _) => Some(Color::Green),
        (Status::Failed, Level::Indholdskrav | Level::Proceskrav) => Some(Color::Red),
        (Status::Failed, Level::Anbefaling) => Some(Color::Yellow),
        (Status::Accepted, _) | (Status::Failed, Level::Info) => Some(Color::Cyan),
        (Status::NotApplicable, _) => None,
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
    vec![
        format!("{} · {} · {}", agreement.titel.value, a.region.officielt_navn, version),
        format!("Periode: {period}"),
        format!("Regelsæt: {} – {} ({})", a.pack.name, a.pack.basis_line(), a.pack_choice.danish()),
        format!("Vurderet pr. {} · Fil: {}", danish::date(a.as_of), a.loaded.source.name),
    ]
}

/// Renders the whole report.
pub fn render(a: &Assessment, style: Style) -> String {
    let mut out = String::new();
    let lines = identity(a);
    let _ = writeln!(out, "{}", bold(&lines[0], style));
    for line in &lines[1..] {
        let _ = writeln!(out, "{line}");
    }
    for heading in Heading::ALL {
        let findings: Vec<&Finding> = a.findings.iter().filter(|f| f.rule.heading == heading).collect();
        if findings.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", bold(heading.title(), style));
        let mut t = table(style);
        t.set_header(["Status", "Regel", "Titel", "Kilde"]);
        for f in findings {
            let mut status = Cell::new(status_word(f));
            if let (true, Some(color)) = (style.color, status_color(f)) {
                status = status.fg(color);
            }
            t.add_row(vec![status, Cell::new(&f.rule.id), Cell::new(&f.rule.title), Cell::new(&f.rule.source.section)]);
        }
        let _ = writeln!(out, "{t}");
    }
    coverage(&mut out, a, style);
    deadlines(&mut out, a, style);
    diagnostics(&mut out, a, style);
    unused(&mut out, a, style);
    let _ = writeln!(out, "\n{}", verdict_line(a, style));
    out
}

fn coverage(out: &mut String, a: &Assessment, style: Style) {
    let areas = &a.loaded.agreement.fokusomraader;
    let _ = writeln!(out, "\n{}", bold("De otte nationale mål og aftalens fokusområder", style));
    if areas.is_empty() {
        let _ = writeln!(out, "Aftalen har ingen fokusområder.");
        return;
    }
    let mut t = table(style);
    let mut header = vec!["Nationalt mål".to_owned()];
    header.extend((1..=areas.len()).map(|i| format!("F{i}")));
    t.set_header(header);
    for row in &a.coverage {
        let mut cells = vec![format!("{} {}", row.number, row.name)];
        cells.extend((0..areas.len()).map(|i| if row.areas.contains(&i) { "✓".to_owned() } else { String::new() }));
        t.add_row(cells);
    }
    let _ = writeln!(out, "{t}");
    for (i, area) in areas.iter().enumerate() {
        let _ = writeln!(out, "F{} = {}", i + 1, area.navn.value);
    }
    let uncovered: Vec<String> =
        a.coverage.iter().filter(|r| r.areas.is_empty()).map(|r| r.number.to_string()).collect();
    if !uncovered.is_empty() {
        let _ = writeln!(out, "Nationale mål uden fokusområde: {}.", danish::list(&uncovered));
    }
}

fn deadlines(out: &mut String, a: &Assessment, style: Style) {
    let d = &a.dates;
    let conv = &a.pack.deadlines;
    let _ = writeln!(out, "\n{}", bold("Frister", style));
    let mut t = table(style);
    t.set_header(["Frist", "Dato", "Regel"]);
    let date_or = |date: Option<chrono::NaiveDate>| date.map_or_else(|| "kan ikke beregnes".to_owned(), danish::date);
    if let Some(s) = &d.submission {
        let basis = match &s.basis {
            DeadlineBasis::Regular => conv.submission.rule.clone(),
            DeadlineBasis::Postponed { source } | DeadlineBasis::PostponedByFile { source } => {
                format!("udsat fra {}: {source}", danish::date(s.regular))
            }
        };
        t.add_row(vec!["Indsendelse til Sundhedsstyrelsen".to_owned(), danish::date(s.date), basis]);
    } else {
        t.add_row(vec!["Indsendelse til Sundhedsstyrelsen".to_owned(), date_or(None), conv.submission.rule.clone()]);
    }
    t.add_row(vec!["Midtvejsstatus".to_owned(), date_or(d.midterm_status), conv.midterm_status.rule.clone()]);
    t.add_row(vec!["Slutstatus".to_owned(), date_or(d.final_status), conv.final_status.rule.clone()]);
    let expiry_rule = if a.loaded.agreement.udloeb.is_some() {
        "angivet i aftalen (`udløb`)".to_owned()
    } else {
        conv.expiry.rule.clone()
    };
    t.add_row(vec!["Udløb".to_owned(), date_or(d.expiry), expiry_rule]);
    let years: Vec<String> = d.ended_years.iter().map(|y| danish::date(y.end)).collect();
    let revision = if years.is_empty() {
        "intet aftaleår afsluttet endnu".to_owned()
    } else {
        format!("aftaleår afsluttet {}", danish::list(&years))
    };
    t.add_row(vec!["Årlig revisionsvurdering".to_owned(), revision, conv.revision.rule.clone()]);
    let _ = writeln!(out, "{t}");
}

fn diagnostics(out: &mut String, a: &Assessment, style: Style) {
    let unmet: Vec<&Finding> = Heading::ALL
        .iter()
        .flat_map(|h| a.findings.iter().filter(move |f| f.rule.heading == *h && f.is_unmet()))
        .collect();
    if unmet.is_empty() {
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
        let _ = writeln!(out, "- {}: {} ({})", u.acceptance.rule, u.why, u.acceptance.reason);
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

/// The counts behind the verdict, in Danish.
pub fn counts(a: &Assessment) -> String {
    let content = a.failing(Level::Indholdskrav).count();
    let process = a.failing(Level::Proceskrav).count();
    let Summary { recommendations, observations, accepted, passed, not_applicable, .. } = a.summary();
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    [
        plural(content, "indholdskrav ikke opfyldt", "indholdskrav ikke opfyldt"),
        plural(process, "proceskrav ikke opfyldt", "proceskrav ikke opfyldt"),
        plural(recommendations, "anbefaling", "anbefalinger"),
        plural(observations, "bemærkning", "bemærkninger"),
        plural(accepted, "accepteret afvigelse", "accepterede afvigelser"),
        plural(passed, "opfyldt", "opfyldt"),
        plural(not_applicable, "ikke relevant", "ikke relevante"),
    ]
    .join(" · ")
}
