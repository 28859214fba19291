//! The pieces the life cycle is built from: whether a recorded date has happened by the
//! `--as-of` date, a step's state, the rule behind a step, and the builder that collects the
//! steps in order.

use chrono::NaiveDate;

use super::{State, Step};
use crate::danish;
use crate::evaluate::Assessment;
use crate::model::{Date, Sp};
use crate::rules::Check;

/// A date recorded in the file, if it has happened by `as_of`.
pub(super) fn happened(date: Option<&Sp<Date>>, as_of: NaiveDate) -> Option<NaiveDate> {
    date.map(|d| d.value.0).filter(|d| *d <= as_of)
}

/// The state of a step from when it happened, its deadline, and whether it can happen yet.
pub(super) fn state(done_on: Option<NaiveDate>, due: Option<NaiveDate>, open: bool, as_of: NaiveDate) -> State {
    match (done_on, due) {
        (Some(_), _) => State::Done,
        (None, Some(due)) if due < as_of => State::Overdue,
        _ if open => State::Due,
        _ => State::NotYet,
    }
}

/// The id of the rule whose check is the named builtin, or `present: path`, in the assessment.
pub(super) fn rule_for(a: &Assessment, wanted: &str) -> Option<String> {
    a.findings
        .iter()
        .find(|f| match &f.rule.check {
            Check::Builtin(name) => name == wanted,
            Check::Present(path) => path == wanted,
            _ => false,
        })
        .map(|f| f.rule.id.clone())
}

pub(super) struct Builder {
    pub(super) as_of: NaiveDate,
    /// The reform's start: a deadline on or after it that has passed is information.
    pub(super) reform: NaiveDate,
    /// The caveat for such a deadline.
    pub(super) caveat: String,
    pub(super) steps: Vec<Step>,
}

impl Builder {
    /// The step just pushed has happened, though the file gives no date for it.
    pub(super) fn done_without_date(&mut self, note: &str) {
        if let Some(step) = self.steps.last_mut() {
            step.state = State::Done;
            step.days_left = None;
            step.detail = Some(match step.detail.take() {
                Some(d) => format!("{note}; {d}"),
                None => note.to_owned(),
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn push(
        &mut self,
        key: &str,
        title: String,
        done_on: Option<NaiveDate>,
        due: Option<NaiveDate>,
        open: bool,
        rule: Option<String>,
        detail: Option<String>,
    ) {
        let mut state = state(done_on, due, open, self.as_of);
        let mut detail = detail;
        // A duty due once the reform has begun may no longer apply: information, not overdue.
        if state == State::Overdue && due.is_some_and(|d| d >= self.reform) {
            state = State::Information;
            detail = Some(match detail {
                Some(d) => format!("{d}; {}", self.caveat),
                None => self.caveat.clone(),
            });
        }
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
