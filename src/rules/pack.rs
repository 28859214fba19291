//! A rule pack and its rules: the legal basis, the dates the pack applies to, the deadline
//! conventions, and one rule per file with its two examples.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Check, Evidence, Heading, Level, Source, Validity};
use crate::model::Date;

/// Two small agreement files that show the rule met and not met.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// The `--as-of` date to evaluate the examples on (for time-dependent rules).
    #[serde(default)]
    pub as_of: Option<Date>,
    pub passes: String,
    pub fails: String,
}

/// One rule of a pack.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub pack: String,
    pub title: String,
    pub level: Level,
    pub heading: Heading,
    pub source: Source,
    pub applies: Validity,
    /// The rationale, notes and examples: see [`Rule::docs`].
    pub(super) docs: DocsCell,
    /// The quoted words and whether they have been read in the binding source.
    pub evidence: Evidence,
    pub check: Check,
    /// The rule file, as the user would find it (`rules/bek-2022/SA011-versionsnummer.yaml`).
    pub file: String,
    /// The raw templates, for `aftale explain`.
    pub message: String,
    pub passed: Option<String>,
    pub help: String,
    pub letter: Option<String>,
    /// Whether the rule may enter a letter (`i_brev: false`: report only).
    pub in_letter: bool,
    /// What the case officer must confirm about the rule's paragraph (`brev_bekræft`).
    pub letter_confirm: Option<String>,
    /// What the registry learnt about each text the first time it rendered it.
    pub(super) prepared: PreparedTexts,
    /// [`Rule::source_line`], made the first time it is asked for.
    pub(super) source_line: std::sync::OnceLock<String>,
}

/// What a rule file says to explain the rule, which a check never reads.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDocs {
    pub rationale: String,
    #[serde(default)]
    pub notes: Option<String>,
    pub examples: Examples,
}

/// A rule's [`RuleDocs`]: read with the file from a user's pack; for a compiled-in rule, kept
/// as the JSON `build.rs` set apart and decoded the first time they are asked for.
#[derive(Debug)]
pub(super) struct DocsCell {
    compiled_in: Option<&'static str>,
    docs: std::sync::OnceLock<RuleDocs>,
}

impl DocsCell {
    pub(super) fn read(docs: RuleDocs) -> DocsCell {
        DocsCell { compiled_in: None, docs: std::sync::OnceLock::from(docs) }
    }

    pub(super) fn compiled_in(json: &'static str) -> DocsCell {
        DocsCell { compiled_in: Some(json), docs: std::sync::OnceLock::new() }
    }
}

impl Rule {
    /// The rationale, notes and examples (`aftale rules`, SARIF's rule descriptions, the tests).
    pub fn docs(&self) -> &RuleDocs {
        self.docs.docs.get_or_init(|| {
            let json = self.docs.compiled_in.unwrap_or_default();
            // build.rs wrote this JSON from a rule file the tests read: it cannot fail to
            // decode, but if it did the rule would still explain why rather than stop the run.
            crate::embedded::parse(json).unwrap_or_else(|e| RuleDocs {
                rationale: format!("[den indbyggede begrundelse kan ikke læses: {e}]"),
                notes: None,
                examples: Examples { as_of: None, passes: String::new(), fails: String::new() },
            })
        })
    }

    /// "Kilde: …" with the rule's legal source; a rule whose words have not been read in the
    /// binding source says so.
    pub fn source_line(&self) -> &str {
        self.source_line.get_or_init(|| {
            let unverified = match (self.evidence.is_verified(), self.evidence.is_reference_verified()) {
                (true, true) => "",
                (true, false) => " – henvisningen er ikke verificeret",
                (false, _) => " – kilden er ikke verificeret",
            };
            format!("Kilde: {}{unverified}", self.source.cite())
        })
    }

    /// One of its raw texts by name: `message`, `passed`, `help` or `letter`.
    pub(super) fn text(&self, part: &str) -> Option<&str> {
        match part {
            "message" => Some(&self.message),
            "passed" => self.passed.as_deref(),
            "help" => Some(&self.help),
            "letter" => self.letter.as_deref(),
            _ => None,
        }
    }

    /// The name its `part` (message, help, letter …) is compiled under.
    pub(super) fn template(&self, part: &str) -> String {
        format!("{}/{}/{part}", self.pack, self.id)
    }
}

/// The texts a rule renders, in the order of [`PreparedTexts::PARTS`].
#[derive(Debug, Default)]
pub(super) struct PreparedTexts(pub(super) [std::sync::OnceLock<PreparedText>; 4]);

impl PreparedTexts {
    pub(super) const PARTS: [&str; 4] = ["message", "passed", "help", "letter"];
}

/// One of a rule's texts, as the registry renders it.
#[derive(Debug)]
pub(super) enum PreparedText {
    /// The rule has no such text.
    Missing,
    /// Without template syntax: the same every time, rendered once.
    Plain(String),
    /// A template, compiled under this name.
    Template(String),
}

/// A legal instrument a pack rests on.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub id: String,
    /// bekendtgørelse, vejledning, lov.
    pub kind: String,
    /// How it is cited: "BEK nr. 1248 af 5. september 2022".
    pub citation: String,
    pub title: String,
    #[serde(default)]
    pub number: Option<u32>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// How the pack's deadlines are computed (Danish: frister).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineConventions {
    pub source: String,
    pub submission: SubmissionConvention,
    pub expiry: ExpiryConvention,
    pub midterm_status: MidtermConvention,
    pub final_status: FinalConvention,
    /// The yearly assessment of revision needs, where the pack's sources set one.
    #[serde(default)]
    pub revision: Option<RevisionConvention>,
}

/// Submission: `day`/`month` of the `year_of_period`-th year of the election period in which
/// the agreement is made.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionConvention {
    pub rule: String,
    pub month: u32,
    pub day: u32,
    pub year_of_period: i32,
    /// Paths to the dates that tell when the agreement was made, first found wins.
    pub made_on: Vec<String>,
    #[serde(default)]
    pub postponements: Vec<Postponement>,
}

/// A general postponement of the submission deadline for one election period.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Postponement {
    pub period_start: Date,
    pub deadline: Date,
    pub source: String,
    #[serde(default)]
    pub notes: Option<String>,
}

/// Expiry: `years` after entry into force, less `minus_days`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpiryConvention {
    pub rule: String,
    pub years: u32,
    pub minus_days: u32,
}

/// Midterm status: no later than `years` after entry into force.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MidtermConvention {
    pub rule: String,
    pub years: u32,
}

/// Final status: no later than `months_before_expiry` before expiry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinalConvention {
    pub rule: String,
    pub months_before_expiry: u32,
}

/// Revision: one assessment in every full year the agreement has been in force.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionConvention {
    pub rule: String,
}

/// A pack's rules: read when the pack is read (a user's pack, whose mistakes are reported
/// then), or – for a compiled-in pack, tested to read – the first time they are asked for, so
/// that a run decodes only the packs it uses.
pub(crate) struct PackRules {
    rules: std::sync::OnceLock<Vec<Rule>>,
    decode: Option<Box<dyn Fn() -> Vec<Rule> + Send + Sync>>,
}

impl PackRules {
    /// Rules read already.
    pub(super) fn read(rules: Vec<Rule>) -> PackRules {
        PackRules { rules: std::sync::OnceLock::from(rules), decode: None }
    }

    /// Rules decoded when first asked for.
    pub(super) fn on_demand(decode: Box<dyn Fn() -> Vec<Rule> + Send + Sync>) -> PackRules {
        PackRules { rules: std::sync::OnceLock::new(), decode: Some(decode) }
    }

    fn get(&self) -> &[Rule] {
        self.rules.get_or_init(|| self.decode.as_ref().map(|decode| decode()).unwrap_or_default())
    }
}

impl std::fmt::Debug for PackRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.rules.get() {
            Some(rules) => rules.fmt(f),
            None => f.write_str("(not decoded yet)"),
        }
    }
}

/// A rule pack: the rules for one legal regime, with the dates it applies to.
#[derive(Debug)]
pub struct Pack {
    pub name: String,
    pub title: String,
    pub applies: Validity,
    pub notes: Option<String>,
    pub legal_basis: Vec<Instrument>,
    /// The committee that drafts and follows up the agreement under the pack's law.
    pub committee: crate::model::Udvalg,
    pub deadlines: DeadlineConventions,
    /// The order of the reply letter's Rådgivning, by rule id.
    pub advice_order: Vec<String>,
    pub(crate) rules: PackRules,
    /// Where the pack came from: `rules/bek-2022` or the user's directory.
    pub origin: String,
    /// Other files of the pack (letter templates, compiled by `crate::letter` when a letter is
    /// drafted), by path relative to the pack.
    pub files: BTreeMap<String, String>,
}

impl Pack {
    /// The pack's rules, by id.
    pub fn rules(&self) -> &[Rule] {
        self.rules.get()
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules().iter().find(|r| r.id == id)
    }

    /// The pack's first legal instrument of this kind (`lov`, `bekendtgørelse`, `vejledning`, …).
    pub fn instrument(&self, kind: &str) -> Option<&Instrument> {
        self.legal_basis.iter().find(|i| i.kind == kind)
    }

    /// The pack's (first) bekendtgørelse and vejledning, for citing the pack in one line.
    pub fn basis_line(&self) -> String {
        ["bekendtgørelse", "vejledning"]
            .iter()
            .filter_map(|kind| self.instrument(kind))
            .map(|i| i.citation.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}
