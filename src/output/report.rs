//! The report's content, the same for every format that draws it: the agreement's identity,
//! a section per heading of Sundhedsstyrelsen's letter with a row per rule, the national-goal
//! coverage, the deadlines, the findings not met, the counts behind the verdict and the gate.
//! `human.rs` draws it for a terminal, `markdown.rs` as Markdown.

use crate::danish;
use crate::deadlines::DeadlineBasis;
use crate::diagnostic;
use crate::evaluate::{Assessment, FailOn, Finding, Status, Summary};
use crate::rules::{Heading, Level};
use crate::text;

/// What a row's status means, for a format that marks it (the terminal colours it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Met.
    Met,
    /// A requirement not met.
    Unmet,
    /// A recommendation not followed.
    Advice,
    /// A remark, or a finding the parties accept.
    Note,
}

/// What a finding's status means for a format that marks it.
pub fn tone(finding: &Finding) -> Option<Tone> {
    match (finding.status, finding.level) {
        (Status::Passed, _) => Some(Tone::Met),
        (Status::Failed, _) if finding.acceptance.is_some() => Some(Tone::Note),
        (Status::Failed, Level::Indholdskrav | Level::Proceskrav) => Some(Tone::Unmet),
        (Status::Failed, Level::Anbefaling) => Some(Tone::Advice),
        (Status::Failed, Level::Info) => Some(Tone::Note),
        (Status::NotApplicable, _) => None,
    }
}

/// A section of the report: a title, a table (rows may colour their first cell), and lines
/// after it.
pub struct Section {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<(Vec<String>, Option<Tone>)>,
    pub after: Vec<String>,
}

/// The report's sections for one agreement, in order.
pub fn sections(a: &Assessment) -> Vec<Section> {
    let mut sections = Vec::new();
    for heading in Heading::ALL {
        let rows: Vec<(Vec<String>, Option<Tone>)> = a
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
                (cells, tone(f))
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
            cells.iter_mut().for_each(text::make_message);
        }
        section.after.iter_mut().for_each(text::make_message);
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
    let mut rows = vec![
        ["Indsendelse til Sundhedsstyrelsen".to_owned(), submission.0, submission.1],
        ["Midtvejsstatus".to_owned(), date_or(d.midterm_status), conv.midterm_status.rule.clone()],
        ["Slutstatus".to_owned(), date_or(d.final_status), conv.final_status.rule.clone()],
        ["Udløb".to_owned(), date_or(d.expiry), expiry_rule],
    ];
    if let Some(convention) = &conv.revision {
        rows.push(["Årlig revisionsvurdering".to_owned(), revision, convention.rule.clone()]);
    }
    Section {
        title: "Frister".to_owned(),
        header: strings(&["Frist", "Dato", "Regel"]),
        rows: rows.into_iter().map(|r| (r.to_vec(), None)).collect(),
        after: Vec::new(),
    }
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
    let mut lines = vec![
        // The title starts the report: it may not start a line a CI runner would act on.
        text::line_start(&format!("{title} · {} · {version}", a.region.officielt_navn)).into_owned(),
        format!("Periode: {period}"),
        format!("Regelsæt: {} – {} ({})", a.pack.name, a.pack.basis_line(), a.pack_choice.danish()),
        format!("Vurderet pr. {} · Fil: {}", danish::date(a.as_of), text::visible(&a.loaded.source.name)),
    ];
    if let Some(standing) = &a.reform_standing {
        lines.push(format!("Efter reformen: {standing}"));
    }
    if !a.recorded_after_as_of.is_empty() {
        lines.push(format!(
            "Advarsel: filen registrerer datoer efter vurderingsdatoen ({}); reglerne vurderer dem, som om de var sket",
            danish::list(&text::capped(a.recorded_after_as_of.clone()))
        ));
    }
    lines
}

/// The findings not met, in the letter's order of headings.
pub fn unmet<'a>(a: &'a Assessment) -> impl Iterator<Item = &'a Finding<'a>> {
    Heading::ALL.into_iter().flat_map(move |h| a.findings.iter().filter(move |f| f.rule.heading == h && f.is_unmet()))
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
    let lowered = waived(|f| f.acceptance.is_none() && f.level_override.as_ref().is_some_and(|o| o.line.is_some()));
    let left_out = waived(|f| f.acceptance.is_none() && f.level_override.as_ref().is_some_and(|o| o.line.is_none()));
    let mut why = Vec::new();
    if !accepted.is_empty() {
        why.push(format!("{} er accepteret", ids(accepted)));
    }
    if !lowered.is_empty() {
        why.push(format!("{} har fået et andet niveau i konfigurationen", ids(lowered)));
    }
    if !left_out.is_empty() {
        why.push(format!("{} er valgt fra med --select/--ignore", ids(left_out)));
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
