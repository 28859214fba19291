//! The agreement's life as of a date, step by step: the hearing, the committee's adoption, the
//! councils' approvals, submission, Sundhedsstyrelsen's receipt and decision, the yearly revision
//! assessments, the status reports, publication and expiry. Each step has its date, its
//! deadline, its state and the rule behind it, computed from the same assessment `check`
//! reports, so the two never disagree.
//!
//! What is recorded with a date after the `--as-of` date has not happened yet on that date: a
//! file can be followed backwards and forwards through its life.

mod councils;
mod steps;

use steps::{Builder, happened, rule_for};

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

use crate::danish;
use crate::evaluate::Assessment;
use crate::model::Decision;
use crate::reference::Reference;
use crate::rules::Check;

pub use councils::{Council, CouncilState, Councils};

/// Where a step stands on the `--as-of` date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// It has happened.
    Done,
    /// It can happen now, and its deadline (if any) has not passed.
    Due,
    /// Its deadline has passed and it has not happened.
    Overdue,
    /// It cannot happen yet.
    NotYet,
    /// Its deadline fell on or after the 2025 reform began, when the duty may no longer apply,
    /// or the step has no state of its own (the agreement's expiry): a person reads the detail.
    Information,
}

impl State {
    /// The word a person reads.
    pub fn danish(self) -> &'static str {
        match self {
            State::Done => "gennemført",
            State::Due => "forestår",
            State::Overdue => "overskredet",
            State::NotYet => "ikke endnu",
            State::Information => "oplysning",
        }
    }
}

/// One step of the agreement's life.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Step {
    /// A stable key: `høring`, `kommuner`, `revisionsvurdering-2024`, `midtvejsstatus`, …
    pub key: String,
    /// What the step is, in Danish.
    pub title: String,
    pub state: State,
    /// When it happened.
    pub done_on: Option<NaiveDate>,
    /// Its deadline.
    pub due: Option<NaiveDate>,
    /// Days from the `--as-of` date to the deadline: negative when it has passed.
    pub days_left: Option<i64>,
    /// The rule behind it, when one is (`SA061`).
    pub rule: Option<String>,
    /// What else a person needs to know, in Danish.
    pub detail: Option<String>,
    /// For the councils' approvals: each council.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub councils: Option<Councils>,
}

/// An agreement's life as of a date.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Lifecycle {
    pub file: String,
    pub title: String,
    pub region: String,
    /// The region that holds the agreement's duties on the `--as-of` date, when it is another
    /// (Region Østdanmark from 1 January 2027).
    pub duty_holder: Option<String>,
    pub as_of: NaiveDate,
    /// The years of the agreement period ("2024-2027"), for calendar identifiers.
    pub period: Option<String>,
    /// Who holds which duties after the 2025 reform, and what is not read (as `check` says it).
    pub reform_standing: Option<String>,
    pub steps: Vec<Step>,
}

impl Lifecycle {
    /// The first step that is overdue, else the first that is due: what to act on next.
    pub fn next(&self) -> Option<&Step> {
        self.steps
            .iter()
            .find(|s| s.state == State::Overdue)
            .or_else(|| self.steps.iter().find(|s| s.state == State::Due))
    }
}

/// The agreement's life as of the assessment's date.
pub fn of(a: &Assessment, reference: &Reference) -> Lifecycle {
    let as_of = a.as_of;
    let agreement = &a.loaded.agreement;
    let behandling = agreement.behandling.as_ref();
    let reform = &reference.reform;
    // The standing after the reform says what is not read; the step only points to it.
    let caveat = format!(
        "fristen falder efter reformens begyndelse {}; kun en oplysning (se «Efter reformen»)",
        danish::date(reform.fra.0)
    );
    let mut b = Builder { as_of, reform: reform.fra.0, caveat, steps: Vec::new() };

    // The hearing: open from its first day, done after its last.
    let hearing = behandling.and_then(|x| x.hoering.as_ref());
    let (from, to) = (hearing.map(|h| h.fra.value.0), hearing.map(|h| h.til.value.0));
    let detail = hearing.map(|h| format!("{} – {}", danish::date(h.fra.value.0), danish::date(h.til.value.0)));
    let hearing_done = to.filter(|t| *t < as_of);
    b.push("høring", "Høring".into(), hearing_done, None, from.is_some_and(|f| f <= as_of), None, detail);

    let adopted = happened(behandling.and_then(|x| x.sundhedssamarbejdsudvalg.as_ref()), as_of);
    b.push(
        "udvalg",
        format!("{}s forslag", a.pack.committee.name()),
        adopted,
        None,
        hearing_done.is_some(),
        // No rule dates the committee's adoption.
        None,
        None,
    );

    // The councils: the regional council and every municipal council, by the reply deadline.
    let reply_by = behandling.and_then(|x| x.svarfrist.as_ref()).map(|d| d.value.0);
    let councils = councils::tally(a, reference, as_of);
    let open = adopted.is_some();
    let regional = councils.regional.clone();
    let regional_done = regional.state.approved_on();
    b.push(
        "regionsråd",
        "Regionsrådets godkendelse".into(),
        regional_done,
        reply_by,
        open,
        rule_for(a, "regional_council_approval"),
        regional.state.detail().filter(|_| regional_done.is_some() || !regional.state.is_approved()),
    );
    if regional_done.is_none() && regional.state.is_approved() {
        b.done_without_date("godkendt; datoen er ikke oplyst");
    }
    let all_approved = councils.pending().is_empty();
    let all_dated = councils.municipalities.iter().all(|c| c.state.approved_on().is_some());
    let last = councils.municipalities.iter().filter_map(|c| c.state.approved_on()).max();
    let detail = councils.summary();
    b.push(
        "kommuner",
        "Kommunernes godkendelse".into(),
        last.filter(|_| all_approved && all_dated),
        reply_by,
        open,
        rule_for(a, "municipal_approvals"),
        Some(detail),
    );
    if all_approved && !all_dated {
        b.done_without_date("ikke alle datoer er oplyst");
    }
    if let Some(step) = b.steps.last_mut() {
        step.councils = Some(councils);
    }

    // Submission to Sundhedsstyrelsen, and its receipt and decision there.
    let submitted = happened(behandling.and_then(|x| x.indsendt.as_ref()), as_of);
    let deadline = a.dates.submission.as_ref().map(|s| s.date);
    b.push(
        "indsendelse",
        "Indsendelse til Sundhedsstyrelsen".into(),
        submitted,
        deadline,
        open,
        rule_for(a, "submission_deadline"),
        None,
    );
    let sst = behandling.and_then(|x| x.sundhedsstyrelsen.as_ref());
    let received = happened(sst.and_then(|s| s.modtaget.as_ref()), as_of);
    if submitted.is_none() && received.is_some() {
        // The receipt proves the submission; when it was sent is not recorded.
        let note = match (received, deadline) {
            (Some(r), Some(d)) if r > d => {
                format!("modtaget {} efter fristen; afsendelsesdatoen er ikke oplyst", danish::date(r))
            }
            _ => "afsendelsesdatoen er ikke oplyst; aftalen er modtaget i Sundhedsstyrelsen".to_owned(),
        };
        b.done_without_date(&note);
    }
    b.push("modtaget", "Modtaget i Sundhedsstyrelsen".into(), received, None, submitted.is_some(), None, None);
    let decision = sst.and_then(|s| s.afgoerelse.as_ref()).map(|d| d.value);
    let decided_on = happened(sst.and_then(|s| s.dato.as_ref()), as_of);
    let words = |d: Decision| match d {
        Decision::Godkendt => "godkendt",
        Decision::IkkeGodkendt => "ikke godkendt",
    };
    let decision_deadline =
        received.filter(|_| rule_for(a, "decision_within_eight_weeks").is_some()).map(|r| r + chrono::Days::new(56));
    b.push(
        "afgørelse",
        "Sundhedsstyrelsens afgørelse".into(),
        decided_on,
        decision_deadline,
        received.is_some(),
        rule_for(a, "decision_within_eight_weeks"),
        decision.filter(|_| decided_on.is_some()).map(|d| words(d).to_owned()),
    );
    // A decision recorded without its date: made, but its date is not shown (never invented).
    if let Some(d) = decision.filter(|_| decided_on.is_none() && received.is_some()) {
        b.done_without_date(&format!("{} (datoen er ikke oplyst)", words(d)));
    }
    mark_predecessors_done(&mut b.steps);

    // In force, and what follows from it.
    let entry = a.dates.entry_into_force;
    b.push(
        "ikrafttrædelse",
        "Ikrafttrædelse".into(),
        entry.filter(|e| *e <= as_of),
        None,
        false,
        rule_for(a, "entry_into_force_stated"),
        entry.filter(|e| *e > as_of).map(|e| format!("træder i kraft {}", danish::date(e))),
    );
    let in_force = entry.is_some_and(|e| e <= as_of);
    let opf = agreement.opfoelgning.as_ref();
    // A yearly revision assessment only where the pack's law sets one (not under bek-2018).
    let revision = a.pack.deadlines.revision.is_some();
    if let (Some(entry), Some(expiry), true) = (entry, a.dates.expiry, revision) {
        let recorded: Vec<NaiveDate> = opf
            .map(|o| o.revisionsvurderinger.iter().map(|d| d.value.0).filter(|d| *d <= as_of).collect())
            .unwrap_or_default();
        for (n, year) in crate::deadlines::agreement_years(entry, expiry).into_iter().enumerate() {
            let done = recorded.iter().copied().filter(|d| year.start <= *d && *d <= year.end).min();
            let label = if year.start.month() == 1 && year.start.day() == 1 {
                year.start.year().to_string()
            } else {
                format!("{} – {}", danish::date(year.start), danish::date(year.end))
            };
            b.push(
                &format!("revisionsvurdering-{}", n + 1),
                format!("Revisionsvurdering år {} ({label})", n + 1),
                done,
                Some(year.end),
                year.start <= as_of,
                rule_for(a, "revision_assessments"),
                None,
            );
        }
    }
    for (key, title, report, due, check) in [
        (
            "midtvejsstatus",
            "Midtvejsstatus",
            opf.and_then(|o| o.midtvejsstatus.as_ref()),
            a.dates.midterm_status,
            "midterm_status",
        ),
        ("slutstatus", "Slutstatus", opf.and_then(|o| o.slutstatus.as_ref()), a.dates.final_status, "final_status"),
    ] {
        let sent = happened(report.and_then(|r| r.sendt.as_ref()), as_of);
        let planned = report.and_then(|r| r.planlagt.as_ref()).map(|d| format!("planlagt {}", danish::date(d.value.0)));
        b.push(key, title.into(), sent, due, in_force, rule_for(a, check), planned.filter(|_| sent.is_none()));
    }

    // Publication by every party: from the publication rule's own count.
    let publication = a.findings.iter().find(|f| matches!(&f.rule.check, Check::Builtin(n) if n == "publication"));
    let count = |name: &str| publication.and_then(|f| f.vars.get(name)).and_then(|v| i64::try_from(v.clone()).ok());
    let (published, parties) = (count("offentliggjort"), count("antal"));
    let all_published = published.is_some() && published == parties;
    let detail = match (published, parties) {
        (Some(p), Some(n)) => Some(format!("{p} af {n} parter har offentliggjort aftalen")),
        _ => None,
    };
    b.push(
        "offentliggørelse",
        "Offentliggørelse".into(),
        None,
        None,
        submitted.is_some() || in_force,
        publication.map(|f| f.rule.id.clone()),
        detail,
    );
    // The file records where, not when: done, without a date.
    if let Some(step) = b.steps.last_mut().filter(|_| all_published && (submitted.is_some() || in_force)) {
        step.state = State::Done;
    }

    // The agreement lasts four years in principle and is valid until a new one enters into
    // force (seed 001): its expiry is never shown as having happened.
    if let Some(expiry) = a.dates.expiry {
        let detail_of_expiry = format!(
            "i udgangspunktet; gælder, indtil en ny aftale træder i kraft{}",
            if expiry >= reform.fra.0 { " (reformens overgangsregler er ikke læst)" } else { "" }
        );
        b.push("udløb", "Udløb".into(), None, Some(expiry), false, rule_for(a, "period_four_years"), None);
        // The date in principle, not a deadline anyone can miss.
        if let Some(step) = b.steps.last_mut() {
            step.state = if expiry < as_of { State::Information } else { State::NotYet };
            step.detail = Some(detail_of_expiry.clone());
        }
    }

    Lifecycle {
        file: a.loaded.source.name.clone(),
        title: crate::text::shorten(&agreement.titel.value, 200).into_owned(),
        region: a.region.officielt_navn.clone(),
        duty_holder: (!std::ptr::eq(a.duty_holder, a.region)).then(|| a.duty_holder.officielt_navn.clone()),
        as_of,
        period: a.period_years(),
        reform_standing: a.reform_standing.clone(),
        steps: b.steps,
    }
}

/// The steps before the councils' approvals and Sundhedsstyrelsen's receipt happen in order: a
/// step that must precede one recorded as done has happened, though the file gives no date.
fn mark_predecessors_done(steps: &mut [Step]) {
    const ORDER: [&str; 6] = ["høring", "udvalg", "regionsråd", "kommuner", "indsendelse", "modtaget"];
    const INFERRED: [&str; 3] = ["høring", "udvalg", "indsendelse"];
    let position = |key: &str| ORDER.iter().position(|k| *k == key);
    let last_done = steps
        .iter()
        .filter(|s| s.state == State::Done)
        .filter_map(|s| position(&s.key))
        .chain(steps.iter().filter(|s| s.key == "afgørelse" && s.state == State::Done).map(|_| ORDER.len()))
        .max();
    let Some(last) = last_done else { return };
    for step in steps.iter_mut() {
        let before = position(&step.key).is_some_and(|p| p < last);
        if before && INFERRED.contains(&step.key.as_str()) && step.state != State::Done {
            step.state = State::Done;
            step.days_left = None;
            step.detail = Some(step.detail.take().map_or_else(
                || "gennemført før et senere trin; datoen er ikke oplyst".to_owned(),
                |d| format!("{d}; gennemført før et senere trin"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::steps::state;
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_step_is_done_due_overdue_or_not_yet() {
        let as_of = d("2025-06-01");
        assert_eq!(state(Some(d("2025-01-01")), Some(d("2024-01-01")), true, as_of), State::Done);
        assert_eq!(state(None, Some(d("2025-05-31")), true, as_of), State::Overdue);
        assert_eq!(state(None, Some(d("2025-06-01")), true, as_of), State::Due);
        assert_eq!(state(None, Some(d("2026-01-01")), false, as_of), State::NotYet);
        assert_eq!(state(None, None, true, as_of), State::Due);
    }
}
