//! The agreement's life as of a date, step by step: the hearing, the committee's adoption, the
//! councils' approvals, submission, Sundhedsstyrelsen's receipt and decision, the yearly revision
//! assessments, the status reports, publication and expiry. Each step has its date, its
//! deadline, its state and the rule behind it, computed from the same assessment `check`
//! reports, so the two never disagree.
//!
//! What is recorded with a date after the `--as-of` date has not happened yet on that date: a
//! file can be followed backwards and forwards through its life.

mod councils;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

use crate::danish;
use crate::evaluate::Assessment;
use crate::model::{Date, Decision, Sp};
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
}

impl State {
    /// The word a person reads.
    pub fn danish(self) -> &'static str {
        match self {
            State::Done => "gennemført",
            State::Due => "forestår",
            State::Overdue => "overskredet",
            State::NotYet => "ikke endnu",
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

/// A date recorded in the file, if it has happened by `as_of`.
fn happened(date: Option<&Sp<Date>>, as_of: NaiveDate) -> Option<NaiveDate> {
    date.map(|d| d.value.0).filter(|d| *d <= as_of)
}

/// The state of a step from when it happened, its deadline, and whether it can happen yet.
fn state(done_on: Option<NaiveDate>, due: Option<NaiveDate>, open: bool, as_of: NaiveDate) -> State {
    match (done_on, due) {
        (Some(_), _) => State::Done,
        (None, Some(due)) if due < as_of => State::Overdue,
        _ if open => State::Due,
        _ => State::NotYet,
    }
}

/// The id of the rule whose check is the named builtin, or `present: path`, in the assessment.
fn rule_for(a: &Assessment, wanted: &str) -> Option<String> {
    a.findings
        .iter()
        .find(|f| match &f.rule.check {
            Check::Builtin(name) => name == wanted,
            Check::Present(path) => path == wanted,
            _ => false,
        })
        .map(|f| f.rule.id.clone())
}

struct Builder {
    as_of: NaiveDate,
    steps: Vec<Step>,
}

impl Builder {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        key: &str,
        title: String,
        done_on: Option<NaiveDate>,
        due: Option<NaiveDate>,
        open: bool,
        rule: Option<String>,
        detail: Option<String>,
    ) {
        let state = state(done_on, due, open, self.as_of);
        let days_left = due.filter(|_| state != State::Done).map(|d| (d - self.as_of).num_days());
        // Done after its deadline: say how late.
        let late = match (done_on, due) {
            (Some(on), Some(due)) if on > due => Some(format!(
                "{} efter fristen",
                danish::count((on - due).num_days().unsigned_abs() as usize, "dag", "dage")
            )),
            _ => None,
        };
        let detail = match (late, detail) {
            (Some(l), Some(d)) => Some(format!("{l}; {d}")),
            (l, d) => l.or(d),
        };
        self.steps.push(Step {
            key: key.to_owned(),
            title,
            state,
            done_on,
            due,
            days_left,
            rule,
            detail,
            councils: None,
        });
    }
}

/// The agreement's life as of the assessment's date.
pub fn of(a: &Assessment, reference: &Reference) -> Lifecycle {
    let as_of = a.as_of;
    let agreement = &a.loaded.agreement;
    let behandling = agreement.behandling.as_ref();
    let mut b = Builder { as_of, steps: Vec::new() };

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
    let regional_done = match &regional.state {
        CouncilState::Approved { date } => Some(*date),
        _ => None,
    };
    b.push(
        "regionsråd",
        "Regionsrådets godkendelse".into(),
        regional_done,
        reply_by,
        open,
        rule_for(a, "regional_council_approval"),
        regional.state.detail(),
    );
    let all_approved = councils.pending().is_empty();
    let last = councils.municipalities.iter().filter_map(|c| c.state.approved_on()).max();
    let detail = councils.summary();
    b.push(
        "kommuner",
        "Kommunernes godkendelse".into(),
        last.filter(|_| all_approved),
        reply_by,
        open,
        rule_for(a, "municipal_approvals"),
        Some(detail),
    );
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
    b.push("modtaget", "Modtaget i Sundhedsstyrelsen".into(), received, None, submitted.is_some(), None, None);
    let decision = sst.and_then(|s| s.afgoerelse.as_ref()).map(|d| d.value);
    let decided_on = happened(sst.and_then(|s| s.dato.as_ref()), as_of);
    // A decision recorded without its date is taken as made once the agreement was received.
    let decided = decided_on.or(received.filter(|_| decision.is_some()));
    let detail = decision.filter(|_| decided.is_some()).map(|d| match d {
        Decision::Godkendt => "godkendt".to_owned(),
        Decision::IkkeGodkendt => "ikke godkendt".to_owned(),
    });
    let decision_deadline =
        received.filter(|_| rule_for(a, "decision_within_eight_weeks").is_some()).map(|r| r + chrono::Days::new(56));
    b.push(
        "afgørelse",
        "Sundhedsstyrelsens afgørelse".into(),
        decided,
        decision_deadline,
        received.is_some(),
        rule_for(a, "decision_within_eight_weeks"),
        detail,
    );

    // In force, and what follows from it.
    let entry = a.dates.entry_into_force;
    b.push(
        "ikrafttrædelse",
        "Ikrafttrædelse".into(),
        entry.filter(|e| *e <= as_of),
        None,
        false,
        rule_for(a, "ikrafttrædelse"),
        entry.filter(|e| *e > as_of).map(|e| format!("træder i kraft {}", danish::date(e))),
    );
    let in_force = entry.is_some_and(|e| e <= as_of);
    let opf = agreement.opfoelgning.as_ref();
    if let (Some(entry), Some(expiry)) = (entry, a.dates.expiry) {
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

    let expiry = a.dates.expiry;
    b.push(
        "udløb",
        "Udløb".into(),
        expiry.filter(|x| *x < as_of),
        expiry,
        false,
        rule_for(a, "period_four_years"),
        expiry.filter(|x| *x >= as_of).map(|x| format!("gælder til og med {}", danish::date(x))),
    );

    Lifecycle {
        file: a.loaded.source.name.clone(),
        title: crate::text::shorten(&agreement.titel.value, 200).into_owned(),
        region: a.region.officielt_navn.clone(),
        duty_holder: (!std::ptr::eq(a.duty_holder, a.region)).then(|| a.duty_holder.officielt_navn.clone()),
        as_of,
        period: a.period_years(),
        steps: b.steps,
    }
}

#[cfg(test)]
mod tests {
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
