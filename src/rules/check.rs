//! The check language: what a rule checks, as data, and the names of the checks written in
//! Rust (implemented in `crate::checks::builtin`; a test there keeps the two lists equal).

use serde::Deserialize;

/// The names of the checks written in Rust, which a rule names as `check: { builtin: NAME }`.
/// The registry accepts exactly these; `crate::checks::builtin` implements each one.
pub const BUILTIN_CHECKS: [&str; 21] = [
    "region_exists",
    "municipalities_exact",
    "period_four_years",
    "title_years",
    "legal_basis_current",
    "municipal_approvals",
    "regional_council_approval",
    "approvals_before_submission",
    "submission_deadline",
    "decision_within_eight_weeks",
    "revision_assessments",
    "midterm_status",
    "final_status",
    "publication",
    "clusters_cover_region",
    "cooperation_agreements_link",
    "themes_observed",
    "entry_into_force_stated",
    "target_groups_selected",
    "clusters_own_goals",
    "no_places_left",
];

/// What a rule checks. Simple checks are data; anything else names a Rust check.
///
/// Paths are the agreement file's own keys joined with dots (`behandling.regionsråd`); `*` means
/// every item of a list or mapping.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// The value is there, not null and not empty text.
    Present(String),
    /// The list or mapping has at least one item.
    NotEmpty(String),
    /// The value is `true`.
    IsTrue(String),
    /// The value equals this word.
    Equals { path: String, value: String },
    /// The text, or one item of the list, contains these words (ignoring case).
    Mentions { path: String, text: String },
    /// Every item satisfies `require` (not applicable when there are no items). With `when`,
    /// only the items that satisfy `when` must (not applicable when none does).
    Each {
        items: String,
        require: Box<Check>,
        #[serde(default)]
        when: Option<Box<Check>>,
    },
    /// At least one item satisfies `require`.
    Some { items: String, require: Box<Check> },
    /// All of these hold.
    AllOf(Vec<Check>),
    /// At least one of these holds.
    AnyOf(Vec<Check>),
    /// Every date named by `dates` is on or before the date at `limit` (not applicable while
    /// `limit` is absent).
    OnOrBefore { dates: Vec<String>, limit: String },
    /// A check written in Rust, by name (see `src/checks/builtin.rs`).
    Builtin(String),
}

/// Checks that a data check is well formed; the message says what is wrong.
pub fn validate(check: &Check) -> Result<(), String> {
    let path_ok = |p: &str| !p.trim().is_empty() && p.split('.').all(|s| !s.trim().is_empty());
    let bad_path = |p: &str| format!("stien «{p}» er ikke gyldig; skriv nøgler adskilt af punktum");
    match check {
        Check::Present(p)
        | Check::NotEmpty(p)
        | Check::IsTrue(p)
        | Check::Equals { path: p, .. }
        | Check::Mentions { path: p, .. } => {
            if path_ok(p) {
                Ok(())
            } else {
                Err(bad_path(p))
            }
        }
        Check::Each { items, require, when } => {
            if !path_ok(items) {
                return Err(bad_path(items));
            }
            when.iter().try_for_each(|w| validate_nested(w))?;
            validate_nested(require)
        }
        Check::Some { items, require } => {
            if !path_ok(items) {
                return Err(bad_path(items));
            }
            validate_nested(require)
        }
        Check::AllOf(list) | Check::AnyOf(list) => {
            if list.is_empty() {
                return Err("`all_of` og `any_of` skal have mindst én kontrol".to_owned());
            }
            list.iter().try_for_each(validate_nested)
        }
        Check::OnOrBefore { dates, limit } => match dates.iter().chain(std::iter::once(limit)).find(|p| !path_ok(p)) {
            Some(p) => Err(bad_path(p)),
            None => Ok(()),
        },
        Check::Builtin(name) if BUILTIN_CHECKS.contains(&name.as_str()) => Ok(()),
        Check::Builtin(name) => {
            Err(format!("der findes ingen indbygget kontrol «{name}»; mulige: {}", BUILTIN_CHECKS.join(", ")))
        }
    }
}

fn validate_nested(check: &Check) -> Result<(), String> {
    match check {
        Check::Builtin(name) => {
            Err(format!("den indbyggede kontrol «{name}» skal stå alene, ikke inde i en anden kontrol"))
        }
        other => validate(other),
    }
}
