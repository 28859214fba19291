//! Checks that cannot be written as data: they compare the agreement with reference data,
//! compute deadlines, or match names. Rule files name them with `check: { builtin: NAME }`.
//!
//! Each check returns a [`CheckOutcome`] whose `vars` the rule's message template uses; the
//! wording itself stays in the rule file.

use chrono::NaiveDate;
use minijinja::Value;

use super::{CheckOutcome, Context};

mod cooperation;
mod deadlines;
mod parties;
mod period;
mod publication;

use crate::danish;
use crate::model::Span;
use crate::text;
use cooperation::{clusters_cover_region, cooperation_agreements_link, themes_observed};
use deadlines::{final_status, midterm_status, revision_assessments, submission_deadline};
use parties::{municipal_approvals, municipalities_exact, region_exists};
use period::{legal_basis_current, period_four_years, title_years};
use publication::publication;

type CheckFn = fn(&Context) -> CheckOutcome;

/// Every named check.
const CHECKS: &[(&str, CheckFn)] = &[
    ("region_exists", region_exists),
    ("municipalities_exact", municipalities_exact),
    ("period_four_years", period_four_years),
    ("title_years", title_years),
    ("legal_basis_current", legal_basis_current),
    ("municipal_approvals", municipal_approvals),
    ("submission_deadline", submission_deadline),
    ("revision_assessments", revision_assessments),
    ("midterm_status", midterm_status),
    ("final_status", final_status),
    ("publication", publication),
    ("clusters_cover_region", clusters_cover_region),
    ("cooperation_agreements_link", cooperation_agreements_link),
    ("themes_observed", themes_observed),
];

/// The names of every named check, for error messages.
pub const NAMES: [&str; CHECKS.len()] = {
    let mut names = [""; CHECKS.len()];
    let mut i = 0;
    while i < CHECKS.len() {
        names[i] = CHECKS[i].0;
        i += 1;
    }
    names
};

/// The check with this name.
pub fn find(name: &str) -> Option<CheckFn> {
    CHECKS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// The date the agreement's region and parties are judged on: its entry into force, else when
/// it was made, else the `--as-of` date.
pub(super) fn reference_date(ctx: &Context) -> NaiveDate {
    ctx.dates.entry_into_force.or(ctx.dates.made_on.as_ref().map(|(d, _)| *d)).unwrap_or(ctx.as_of)
}

/// The first line of the whole document, where a missing top-level key is pointed at.
pub(super) fn root_span(ctx: &Context) -> Span {
    Span { len: 0, ..ctx.loaded.tree.span }
}

pub(super) fn behandling_span(ctx: &Context) -> Span {
    ctx.loaded.agreement.behandling.as_ref().map_or_else(|| root_span(ctx), |b| Span { len: 0, ..b.span })
}

pub(super) fn date_value(d: NaiveDate) -> Value {
    Value::from(danish::date(d))
}

/// A list for a message: at most [`text::LIST_ITEMS`] items, the last saying how many more.
pub(super) fn list_value(items: &[String]) -> Value {
    Value::from(danish::list(&text::capped(items.to_vec())))
}

#[cfg(test)]
mod tests {
    use super::period::{numbers_in, title_year_range};
    use super::publication::is_https_url;
    use super::*;

    #[test]
    fn finds_year_ranges_in_titles() {
        assert_eq!(title_year_range("Sundhedsaftale 2024-2027"), Some((2024, 2027)));
        assert_eq!(title_year_range("Sundhedsaftalen 2024–2027 – Nærhed"), Some((2024, 2027)));
        assert_eq!(title_year_range("Sundhedsaftale 2019 - 2023"), Some((2019, 2023)));
        assert_eq!(title_year_range("Sundhedsaftale"), None);
        assert_eq!(title_year_range("Aftale 12024-2027"), None);
    }

    #[test]
    fn extracts_numbers_from_citations() {
        assert_eq!(numbers_in("BEK nr. 679 af 30. maj 2018"), vec![679, 30, 2018]);
    }

    #[test]
    fn https_addresses() {
        assert!(is_https_url("https://www.regionh.dk/sundhedsaftale"));
        assert!(!is_https_url("http://www.regionh.dk/sundhedsaftale"));
        assert!(!is_https_url("www.regionh.dk"));
        assert!(!is_https_url("https://localhost/x"));
    }

    #[test]
    fn names_are_unique() {
        let mut names = NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NAMES.len());
    }

    #[test]
    fn the_registry_knows_exactly_the_checks_written_here() {
        assert_eq!(NAMES, crate::rules::BUILTIN_CHECKS);
    }
}
