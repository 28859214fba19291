//! Checks that cannot be written as data: they compare the agreement with reference data,
//! compute deadlines, or match names. Rule files name them with `check: { builtin: NAME }`.
//!
//! Each check returns a [`CheckOutcome`] whose `vars` the rule's message template uses; the
//! wording itself stays in the rule file.

use chrono::NaiveDate;
use minijinja::Value;

use super::{CheckOutcome, Context};

mod content;
mod cooperation;
mod deadlines;
mod parties;
mod period;
mod publication;

use crate::danish;
use crate::model::Span;
use crate::text;
use content::{clusters_own_goals, entry_into_force_stated, no_places_left, target_groups_selected};
use cooperation::{clusters_cover_region, cooperation_agreements_link, themes_observed};
use deadlines::{decision_within_eight_weeks, final_status, midterm_status, revision_assessments, submission_deadline};
use parties::{
    approvals_before_submission, municipal_approvals, municipalities_exact, region_exists, regional_council_approval,
};
use period::{legal_basis_current, period_four_years, title_years};
use publication::publication;

type CheckFn = fn(&Context) -> CheckOutcome;

/// A check written in Rust: its name (as rule files write it), the function, and the template
/// variables its outcome supplies to the rule's message, help and letter texts. A test checks
/// that every variable a rule's texts use is in `vars`.
pub struct Builtin {
    pub name: &'static str,
    run: CheckFn,
    pub vars: &'static [&'static str],
}

/// Every named check. The variables, by check:
/// - `region_exists`: `region` (official name), `dato` (the date judged on); failing:
///   `regioner` (the regions on that date), `kommunerne_under` (where the municipalities belong).
/// - `municipalities_exact`: `region`, `antal` (how many municipalities), and failing:
///   `mangler`, `antal_mangler`, `fremmede` (list), `dubletter`, `ingen` (no list at all),
///   `andre` (almen praksis listed, not a party), `kun_andre` (that is all: only information).
/// - `period_four_years`: `ikrafttrædelse`, `standard` (the default expiry), `udløb`.
/// - `title_years`: `titel_år`, `periode`, `ikrafttrædelse`, `udløb`.
/// - `legal_basis_current`: `gældende` (the pack's citation), failing: `forældede`.
/// - `municipal_approvals`: `antal`, `godkendt`, failing: `mangler`, `antal_mangler`, `andre`
///   (decisions other than approval).
/// - `regional_council_approval`: `dato`; failing on a decision other than approval: `beslutning`.
/// - `approvals_before_submission`: `grænse` (the first submission), failing: `mangler`, `antal`.
/// - `submission_deadline`: `frist`, `ordinær_frist`, `regel`, `valgperiode`, `udsat`, `kilde`,
///   `indsendt`, or `modtaget` (Sundhedsstyrelsen's receipt, when no sending date is recorded),
///   failing: `dage` (days late).
/// - `decision_within_eight_weeks`: `modtaget`, `afgjort`, `frist`, failing: `dage`.
/// - `revision_assessments`: `år`, `antal_år`, failing: `mangler`, `antal_mangler`,
///   `efter_reformen` (years due after the reform began, only information).
/// - `midterm_status`, `final_status`: `frist`, `sendt` or `planlagt`, failing: `situation`.
/// - `publication`: `antal`, `offentliggjort`, failing: `mangler`, `antal_mangler`, `ugyldige`,
///   `uden_https` (published at an address that is not a full https address: only a hint),
///   `ikke_registreret` (only publications not recorded: information, no source sets a time).
/// - `clusters_cover_region`: `antal_klynger`, failing: `mangler`, `fremmede`, `uden_sygehus`,
///   `ingen`.
/// - `cooperation_agreements_link`: `antal`, failing: `uden_kobling`, `antal_uden_kobling`,
///   `ukendte` (list).
/// - `themes_observed`: `temaer`, `principper`.
/// - `entry_into_force_stated`: failing: `periode` (the title's years, when the failure is only
///   information).
/// - `target_groups_selected`, `clusters_own_goals`: failing: `antal`, `mangler`; and `ingen`
///   (no cluster named at all).
/// - `no_places_left`: failing: `antal`, `mangler` (a list: each place and its words).
pub const CHECKS: &[Builtin] = &[
    Builtin { name: "region_exists", run: region_exists, vars: &["region", "dato", "regioner", "kommunerne_under"] },
    Builtin {
        name: "municipalities_exact",
        run: municipalities_exact,
        vars: &["region", "antal", "mangler", "antal_mangler", "fremmede", "dubletter", "ingen", "andre", "kun_andre"],
    },
    Builtin { name: "period_four_years", run: period_four_years, vars: &["ikrafttrædelse", "standard", "udløb"] },
    Builtin { name: "title_years", run: title_years, vars: &["titel_år", "periode", "ikrafttrædelse", "udløb"] },
    Builtin { name: "legal_basis_current", run: legal_basis_current, vars: &["gældende", "forældede"] },
    Builtin {
        name: "municipal_approvals",
        run: municipal_approvals,
        vars: &["antal", "godkendt", "mangler", "antal_mangler", "andre"],
    },
    Builtin { name: "regional_council_approval", run: regional_council_approval, vars: &["dato", "beslutning"] },
    Builtin {
        name: "approvals_before_submission",
        run: approvals_before_submission,
        vars: &["grænse", "mangler", "antal"],
    },
    Builtin {
        name: "submission_deadline",
        run: submission_deadline,
        vars: &["frist", "ordinær_frist", "regel", "valgperiode", "udsat", "kilde", "indsendt", "modtaget", "dage"],
    },
    Builtin {
        name: "decision_within_eight_weeks",
        run: decision_within_eight_weeks,
        vars: &["modtaget", "afgjort", "frist", "dage"],
    },
    Builtin {
        name: "revision_assessments",
        run: revision_assessments,
        vars: &["år", "antal_år", "mangler", "antal_mangler", "efter_reformen"],
    },
    Builtin { name: "midterm_status", run: midterm_status, vars: STATUS_REPORT_VARS },
    Builtin { name: "final_status", run: final_status, vars: STATUS_REPORT_VARS },
    Builtin {
        name: "publication",
        run: publication,
        vars: &["antal", "offentliggjort", "mangler", "antal_mangler", "ugyldige", "uden_https", "ikke_registreret"],
    },
    Builtin {
        name: "clusters_cover_region",
        run: clusters_cover_region,
        vars: &["antal_klynger", "mangler", "fremmede", "uden_sygehus", "ingen"],
    },
    Builtin {
        name: "cooperation_agreements_link",
        run: cooperation_agreements_link,
        vars: &["antal", "uden_kobling", "antal_uden_kobling", "ukendte"],
    },
    Builtin { name: "themes_observed", run: themes_observed, vars: &["temaer", "principper"] },
    Builtin { name: "entry_into_force_stated", run: entry_into_force_stated, vars: &["periode"] },
    Builtin { name: "target_groups_selected", run: target_groups_selected, vars: &["antal", "mangler"] },
    Builtin { name: "clusters_own_goals", run: clusters_own_goals, vars: &["antal", "mangler", "ingen"] },
    Builtin { name: "no_places_left", run: no_places_left, vars: &["antal", "mangler"] },
];

const STATUS_REPORT_VARS: &[&str] = &["frist", "sendt", "planlagt", "situation"];

/// The names of every named check, for error messages.
pub const NAMES: [&str; CHECKS.len()] = {
    let mut names = [""; CHECKS.len()];
    let mut i = 0;
    while i < CHECKS.len() {
        names[i] = CHECKS[i].name;
        i += 1;
    }
    names
};

/// The check with this name.
pub fn find(name: &str) -> Option<CheckFn> {
    CHECKS.iter().find(|c| c.name == name).map(|c| c.run)
}

/// The template variables the check with this name supplies.
pub fn variables(name: &str) -> Option<&'static [&'static str]> {
    CHECKS.iter().find(|c| c.name == name).map(|c| c.vars)
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
        assert_eq!(title_year_range("Æ 2024\u{3000}—\u{a0}2027"), Some((2024, 2027)));
        assert_eq!(title_year_range("ø2024-ø2027 og 2024-2027"), Some((2024, 2027)));
        assert_eq!(title_year_range("2024-"), None);
        assert_eq!(title_year_range("x".repeat(1 << 20).as_str()), None);
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
