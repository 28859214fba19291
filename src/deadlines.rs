//! The agreement's computed dates: expiry, the submission deadline, status-report deadlines and
//! the yearly revision assessments due. The conventions come from the pack (`pack.yaml`,
//! `deadlines:`), so a new regime can change them without code.

use chrono::{Days, Months, NaiveDate};

use crate::model::{Agreement, parse_date};
use crate::reference::{ElectionPeriod, Reference};
use crate::rules::Pack;
use crate::tree::{Node, NodeKind};

/// Every date the rules and the report need.
#[derive(Debug, Clone, Default)]
pub struct Deadlines {
    /// The entry into force the agreement states.
    pub entry_into_force: Option<NaiveDate>,
    /// The expiry: `udløb` when stated, else the pack's default.
    pub expiry: Option<NaiveDate>,
    /// The expiry by the pack's convention (`ikrafttrædelse` + 4 years − 1 day).
    pub default_expiry: Option<NaiveDate>,
    /// The date that tells when the agreement was made, and which key it came from.
    pub made_on: Option<(NaiveDate, String)>,
    /// The election period the agreement was made in.
    pub period: Option<ElectionPeriod>,
    /// The deadline for submission to Sundhedsstyrelsen.
    pub submission: Option<SubmissionDeadline>,
    /// The latest date for sending the midterm status.
    pub midterm_status: Option<NaiveDate>,
    /// The latest date for sending the final status.
    pub final_status: Option<NaiveDate>,
    /// The agreement years that have ended by the `--as-of` date, each needing a revision assessment.
    pub ended_years: Vec<AgreementYear>,
}

/// The submission deadline and why it is what it is.
#[derive(Debug, Clone)]
pub struct SubmissionDeadline {
    pub date: NaiveDate,
    /// The deadline the rule gives before any postponement.
    pub regular: NaiveDate,
    pub basis: DeadlineBasis,
}

/// Where a submission deadline comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineBasis {
    /// The rule in the executive order.
    Regular,
    /// A general postponement recorded in the pack.
    Postponed { source: String },
    /// A postponement the agreement file records (`frist_udsat_til`).
    PostponedByFile { source: String },
}

/// One year of the agreement's life: from a yearly anniversary of entry into force to the day
/// before the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgreementYear {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Computes the dates for one agreement under one pack, as of `as_of`.
pub fn compute(agreement: &Agreement, tree: &Node, pack: &Pack, reference: &Reference, as_of: NaiveDate) -> Deadlines {
    let conv = &pack.deadlines;
    let entry = agreement.ikrafttraedelse.as_ref().map(|d| d.value.0);
    let default_expiry = entry.and_then(|e| {
        e.checked_add_months(Months::new(12 * conv.expiry.years))?
            .checked_sub_days(Days::new(u64::from(conv.expiry.minus_days)))
    });
    let expiry = agreement.udloeb.as_ref().map(|d| d.value.0).or(default_expiry);
    let made_on = conv.submission.made_on.iter().find_map(|path| {
        tree.resolve(path).found.iter().find_map(|(node, _)| {
            // A council's recorded decision (`regionsråd: { beslutning, dato }`) counts by its date.
            let node = if matches!(node.kind, NodeKind::Map(_)) { node.get("dato")? } else { node };
            match &node.kind {
                NodeKind::Scalar(s) => parse_date(s).ok().map(|d| (d, path.clone())),
                _ => None,
            }
        })
    });
    let made_on = made_on.or_else(|| entry.and_then(|e| e.pred_opt()).map(|d| (d, "ikrafttrædelse".to_owned())));
    let period = made_on.as_ref().map(|(d, _)| reference.election_period(*d));
    let submission = period.map(|p| submission_deadline(agreement, pack, p));
    let midterm_status = entry.and_then(|e| e.checked_add_months(Months::new(12 * conv.midterm_status.years)));
    let final_status = expiry.and_then(|x| x.checked_sub_months(Months::new(conv.final_status.months_before_expiry)));
    let ended_years = match (entry, expiry) {
        (Some(entry), Some(expiry)) => ended_years(entry, expiry, as_of),
        _ => Vec::new(),
    };
    Deadlines {
        entry_into_force: entry,
        expiry,
        default_expiry,
        made_on,
        period,
        submission,
        midterm_status,
        final_status,
        ended_years,
    }
}

fn submission_deadline(agreement: &Agreement, pack: &Pack, period: ElectionPeriod) -> SubmissionDeadline {
    let conv = &pack.deadlines.submission;
    let year = chrono::Datelike::year(&period.start) + conv.year_of_period - 1;
    let regular = NaiveDate::from_ymd_opt(year, conv.month, conv.day).unwrap_or(period.start);
    let file_postponement = agreement.behandling.as_ref().and_then(|b| {
        let date = b.frist_udsat_til.as_ref()?.value.0;
        let source = b.frist_udsat_kilde.as_ref().map(|s| s.value.clone()).unwrap_or_default();
        Some(SubmissionDeadline { date, regular, basis: DeadlineBasis::PostponedByFile { source } })
    });
    if let Some(deadline) = file_postponement {
        return deadline;
    }
    match conv.postponements.iter().find(|p| p.period_start.0 == period.start) {
        Some(p) => SubmissionDeadline {
            date: p.deadline.0,
            regular,
            basis: DeadlineBasis::Postponed { source: p.source.clone() },
        },
        None => SubmissionDeadline { date: regular, regular, basis: DeadlineBasis::Regular },
    }
}

/// Every year of the agreement, from entry into force to expiry.
pub fn agreement_years(entry: NaiveDate, expiry: NaiveDate) -> Vec<AgreementYear> {
    let mut years = Vec::new();
    for k in 1..=100u32 {
        let (Some(start), Some(next)) =
            (entry.checked_add_months(Months::new(12 * (k - 1))), entry.checked_add_months(Months::new(12 * k)))
        else {
            break;
        };
        let Some(end) = next.pred_opt() else { break };
        if end > expiry {
            break;
        }
        years.push(AgreementYear { start, end });
    }
    years
}

/// The agreement years that ended before `as_of`, up to expiry.
fn ended_years(entry: NaiveDate, expiry: NaiveDate, as_of: NaiveDate) -> Vec<AgreementYear> {
    agreement_years(entry, expiry).into_iter().take_while(|y| y.end < as_of).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn full_years_end_before_the_as_of_date() {
        let years = ended_years(d("2024-01-01"), d("2027-12-31"), d("2026-11-22"));
        assert_eq!(years.len(), 2);
        assert_eq!(years[1], AgreementYear { start: d("2025-01-01"), end: d("2025-12-31") });
        assert!(ended_years(d("2024-01-01"), d("2027-12-31"), d("2024-12-31")).is_empty());
        assert_eq!(ended_years(d("2024-01-01"), d("2027-12-31"), d("2030-01-01")).len(), 4);
    }
}
