//! Sundhedsstyrelsen's reply letter: the assessment under the reply letter's headings.

use serde::Serialize;

use super::places::{CLOSE, OPEN};
use super::{Letter, LetterOptions, Templates, citation, footnote, period_years, quoted, render};
use crate::danish;
use crate::deadlines::DeadlineBasis;
use crate::error::InputError;
use crate::evaluate::{Assessment, Finding, Status};
use crate::reference::Reference;
use crate::rules::{Heading, Level, Registry};

/// The reply letter's template in each pack.
pub const TEMPLATE: &str = "brev.md.j2";

/// The paragraph a finding contributes to the letter, as Markdown: its rule's `letter` text; for
/// a requirement without one, its message. Remarks without a letter text, and rules kept out of
/// letters (`i_brev: false`), are for the report only. A deviation the parties accept is their
/// statement, quoted after the paragraph; it never removes the paragraph, since Sundhedsstyrelsen's
/// assessment does not depend on it. A judgement the draft makes on Sundhedsstyrelsen's behalf
/// (`confirm`), or what the rule asks to confirm (`brev_bekræft`), opens with a place to confirm.
fn paragraph(f: &Finding, registry: &Registry, confirm: bool) -> Option<String> {
    // What the agreement lacks to be concluded is in the letter's list of what
    // Sundhedsstyrelsen awaits, not repeated as a remark.
    if !f.rule.in_letter || f.unconcluded.is_some() {
        return None;
    }
    let text =
        registry.render(f.rule, "letter", &f.vars).or_else(|| f.level.is_requirement().then(|| f.message.clone()))?;
    if text.trim().is_empty() {
        return None;
    }
    let text = match &f.acceptance {
        Some(a) if f.is_unmet() => {
            format!("{text} Parterne har oplyst, at de accepterer afvigelsen: {}", quoted(&a.reason))
        }
        _ => text,
    };
    let text = crate::text::markdown(&text);
    Some(match (&f.rule.letter_confirm, confirm) {
        (Some(what), _) => format!("{OPEN}Bekræft: {}{CLOSE} {text}", crate::text::markdown(what)),
        (None, true) => format!("{OPEN}Bekræft{CLOSE} {text}"),
        (None, false) => text,
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
    /// Markdown: the date and any place to confirm (see [`super::LetterDate::shown`]).
    dato: minijinja::Value,
    /// The addressees before the municipal councils: the committee and the regional council, or
    /// after the reform the region that holds the regional council's duties.
    til: String,
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
    /// The agreement is concluded: every council has approved it and it has been sent.
    indgaaet: bool,
    /// What Sundhedsstyrelsen is waiting for, when it is not.
    afventer: Vec<String>,
    godkendelig: bool,

    indholdskrav: Vec<String>,
    generelt: Vec<String>,
    nationale_maal: GoalLinks,
    grundlag: Basis,
    temaer: Vec<String>,
    datakilder: Vec<String>,
    oevrigt: Vec<String>,
    raadgivning: Vec<String>,
    ikrafttraedelse: Option<String>,
    udloeb: Option<String>,
    /// Four years from the entry into force, whatever the agreement states as its expiry.
    standard_udloeb: Option<String>,
    frist: Option<String>,
    frist_passeret: bool,
    midtvejsstatus: Option<String>,
    slutstatus: Option<String>,
    proceskrav: Vec<String>,
    /// The agreement's standing after the 2025 reform, when the letter is dated after it began.
    efter_reformen: Option<String>,
    underskriver: Vec<String>,
    kontakt: Option<String>,
}

/// Drafts the letter for an assessment.
pub(super) fn draft(
    a: &Assessment,
    registry: &Registry,
    reference: &Reference,
    templates: Templates,
    options: &LetterOptions,
) -> Result<Letter, InputError> {
    let agreement = &a.loaded.agreement;
    // Placed by heading; a judgement under the first four headings is marked to confirm.
    let confirm =
        |h: Heading| matches!(h, Heading::Generelt | Heading::NationaleMaal | Heading::Grundlag | Heading::Oevrigt);
    let unmet = |heading: Heading| -> Vec<String> {
        a.findings
            .iter()
            .filter(|f| f.rule.heading == heading && f.status == Status::Failed)
            .filter_map(|f| paragraph(f, registry, confirm(heading)))
            .collect()
    };
    let failing =
        |level: Level| -> Vec<String> { a.failing(level).filter_map(|f| paragraph(f, registry, false)).collect() };
    let mut advice: Vec<&Finding> =
        a.findings.iter().filter(|f| f.rule.heading == Heading::Raadgivning && f.status == Status::Failed).collect();
    let order = |f: &Finding| a.pack.advice_order.iter().position(|id| *id == f.rule.id).unwrap_or(usize::MAX);
    advice.sort_by_key(|f| order(f));
    let raadgivning: Vec<String> = advice.into_iter().filter_map(|f| paragraph(f, registry, false)).collect();
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
    let dated = super::dating::date(a, super::Kind::Reply, options.date, None);
    let date = dated.date;
    let years = period_years(a);
    let submission = a.dates.submission.as_ref();
    let context = Context {
        dato: minijinja::Value::from_safe_string(dated.shown()),
        til: addressees(a),
        region: a.region.officielt_navn.clone(),
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
        indgaaet: a.approval() != crate::evaluate::Approval::NotConcluded,
        afventer: a.missing_for_conclusion().iter().map(|s| (*s).to_owned()).collect(),
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
        datakilder: agreement
            .opfoelgning
            .as_ref()
            .map(|o| o.datakilder.iter().map(|d| crate::danish::mid_sentence(&quoted(d), true)).collect())
            .unwrap_or_default(),
        oevrigt: unmet(Heading::Oevrigt),
        raadgivning,
        ikrafttraedelse: a.dates.entry_into_force.map(danish::date),
        udloeb: a.dates.expiry.map(danish::date),
        standard_udloeb: a.dates.default_expiry.map(danish::date),
        frist: submission.map(|s| match &s.basis {
            DeadlineBasis::Regular => danish::date(s.date),
            _ => format!("{} (udsat fra {})", danish::date(s.date), danish::date(s.regular)),
        }),
        frist_passeret: submission.is_some_and(|s| s.date < date),
        midtvejsstatus: a.dates.midterm_status.map(danish::date),
        slutstatus: a.dates.final_status.map(danish::date),
        proceskrav: unmet(Heading::Implementering).into_iter().chain(failing_process_elsewhere(a, registry)).collect(),
        efter_reformen: a.reform_standing.clone(),
        underskriver: options.signatory.iter().map(|l| quoted(l.trim())).filter(|l| !l.is_empty()).collect(),
        kontakt: options.contact.clone(),
    };
    let markdown = render(templates, registry, &a.pack.name, TEMPLATE, &context)?;
    Ok(Letter::new(markdown, format!("Sundhedsaftalerne {years}"), date, SUBJECT, "Sundhedsstyrelsen"))
}

/// The reply letter's subject, for a document's metadata.
const SUBJECT: &str = "Udkast til svarbrev om sundhedsaftalen";

/// Failed process requirements reported under another heading than Implementering.
fn failing_process_elsewhere(a: &Assessment, registry: &Registry) -> Vec<String> {
    a.failing(Level::Proceskrav)
        .filter(|f| f.rule.heading != Heading::Implementering)
        .filter_map(|f| paragraph(f, registry, false))
        .collect()
}

/// "Sundhedssamarbejdsudvalget og Regionsrådet i Region Hovedstaden". After the reform the
/// regional council's duties lie with the region formed from it (overgangslovens § 126), and who
/// receives the committee's tasks is not read: a place to confirm (legal-review-3 D7).
fn addressees(a: &Assessment) -> String {
    let committee = a.pack.committee.name();
    let region = crate::text::markdown(&a.region.officielt_navn);
    match (&a.reform_standing, std::ptr::eq(a.duty_holder, a.region)) {
        (None, _) => format!("{committee} og Regionsrådet i {region}"),
        (Some(_), true) => {
            format!(
                "{OPEN}Bekræft: modtager af {}s opgaver{CLOSE} og Regionsrådet i {region}",
                committee.to_lowercase()
            )
        }
        (Some(_), false) => format!(
            "{OPEN}Bekræft: modtager af {}s opgaver{CLOSE} og Regionsrådet i {}, der efter overgangslovens § 126 har \
             overtaget {region}s rettigheder og pligter",
            committee.to_lowercase(),
            crate::text::markdown(&a.duty_holder.officielt_navn)
        ),
    }
}
