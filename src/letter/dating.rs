//! A letter's date: the one given (`--date`/`--dato`), else the latest event the letter reports
//! that had happened by the `--as-of` date, else that date. A letter dated after one of its own
//! deadlines says so, at its date, as a place the signer must confirm.

use chrono::NaiveDate;

use super::Kind;
use super::places::{CLOSE, OPEN};
use crate::danish;
use crate::evaluate::Assessment;
use crate::model::{CouncilDecision, Outcome};
use crate::reference::Municipality;

/// The letter's date, and the deadlines of its own it is dated after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterDate {
    pub date: NaiveDate,
    /// "svarfristen 1. marts 2024": deadlines the letter itself names that fall before its date.
    pub late: Vec<String>,
}

impl LetterDate {
    /// The date as the letter writes it, in Markdown: "5. marts 2024", followed by a place to
    /// confirm for each of its own deadlines it is dated after.
    pub fn shown(&self) -> String {
        let mut shown = crate::text::markdown(&danish::date(self.date));
        for deadline in &self.late {
            let deadline = crate::text::markdown(deadline);
            shown.push_str(&format!(" {OPEN}Bekræft: brevet er dateret efter {deadline}{CLOSE}"));
        }
        shown
    }
}

/// Dates a letter of `kind` (for `municipality`'s case presentation, when given).
pub fn date(a: &Assessment, kind: Kind, given: Option<NaiveDate>, municipality: Option<&Municipality>) -> LetterDate {
    let date = given.unwrap_or_else(|| {
        events(a, kind, municipality).into_iter().filter(|d| *d <= a.as_of).max().unwrap_or(a.as_of)
    });
    let late = own_deadlines(a, kind)
        .into_iter()
        .filter(|(_, deadline)| *deadline < date)
        .map(|(what, deadline)| format!("{what} {}", danish::date(deadline)))
        .collect();
    LetterDate { date, late }
}

/// The dates of the events a letter of `kind` reports.
fn events(a: &Assessment, kind: Kind, municipality: Option<&Municipality>) -> Vec<NaiveDate> {
    let agreement = &a.loaded.agreement;
    let Some(b) = &agreement.behandling else { return Vec::new() };
    let adopted = b.sundhedssamarbejdsudvalg.as_ref().map(|d| d.value.0);
    match kind {
        // The reply reports the approvals, the submission and its receipt; a decision already
        // recorded is the reply's own date.
        Kind::Reply => {
            if let Some(decided) = b.sundhedsstyrelsen.as_ref().and_then(|s| s.dato.as_ref()) {
                return vec![decided.value.0];
            }
            crate::evaluate::approval_round(agreement).into_iter().map(|(_, d)| d).collect()
        }
        // The cover letter sends the committee's adopted proposal, with the hearing and the
        // changes made after it.
        Kind::Cover => {
            let mut dates: Vec<NaiveDate> = adopted.into_iter().collect();
            dates.extend(b.hoering.as_ref().map(|h| h.til.value.0));
            let versions = agreement.versioner.iter().filter_map(|v| v.dato.as_ref().map(|d| d.value.0));
            dates.extend(versions.filter(|d| adopted.is_none_or(|adopted| *d <= adopted)));
            dates
        }
        // The case presentation reports the adoption and the municipality's own path.
        Kind::Agenda => {
            let mut dates: Vec<NaiveDate> = adopted.into_iter().collect();
            let own = agreement
                .municipal_approvals()
                .iter()
                .find(|(name, _)| municipality.is_some_and(|m| m.is_named(name)))
                .and_then(|(_, d)| d.as_ref());
            if let Some(decision) = own {
                if let CouncilDecision::Recorded(r) = &decision.value {
                    dates.extend(r.forloeb.iter().map(|s| s.dato.value.0));
                }
                match decision.value.outcome() {
                    Outcome::Approved(Some(d)) | Outcome::Other(d, _) => dates.push(d),
                    _ => {}
                }
            }
            dates
        }
    }
}

/// The deadlines a letter of `kind` names as its own: the committee's reply deadline it asks the
/// councils to keep, and the submission deadline the round must be over by. The reply letter
/// has none: no source sets a deadline for Sundhedsstyrelsen's reply.
fn own_deadlines(a: &Assessment, kind: Kind) -> Vec<(&'static str, NaiveDate)> {
    if kind == Kind::Reply {
        return Vec::new();
    }
    let b = a.loaded.agreement.behandling.as_ref();
    let mut deadlines: Vec<(&'static str, NaiveDate)> = Vec::new();
    deadlines.extend(b.and_then(|b| b.svarfrist.as_ref()).map(|d| ("svarfristen", d.value.0)));
    deadlines.extend(a.dates.submission.as_ref().map(|s| ("fristen for indsendelse", s.date)));
    deadlines
}
