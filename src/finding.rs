//! One rule's result for one agreement, and the two answers drawn from all of them: the
//! **verdict** ([`Approval`]: what Sundhedsstyrelsen would decide, from the rule pack's own
//! levels only) and the **gate** ([`Gate`]: whether this CI run passes, which honours accepted
//! deviations, the configuration's level overrides and `--fail-on`). Nothing the checked party
//! writes reaches the verdict.

use std::collections::BTreeMap;

use minijinja::Value;

use crate::checks::Label;
use crate::model::Span;
use crate::rules::{Level, Rule};
use crate::text;

/// The status of one rule for one agreement, as the law sees it. An accepted deviation or a
/// level override never changes it: those belong to the CI gate (see [`Finding::fails_gate`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Passed,
    Failed,
    NotApplicable,
}

impl Status {
    /// The English key used in machine formats.
    pub fn key(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::NotApplicable => "not_applicable",
        }
    }
}

/// Where an accepted deviation was recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AcceptanceOrigin {
    /// `afvigelser` in the agreement file, at this place.
    Agreement(Span),
    /// A repository configuration file (`.aftale.yaml`).
    Config { file: String, line: usize },
}

/// A deviation the parties accept, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acceptance {
    pub rule: String,
    pub reason: String,
    pub origin: AcceptanceOrigin,
}

/// A level a repository configuration gives a rule for its CI runs (`niveauer`). It changes
/// whether a run passes, never the verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelOverride {
    pub level: Level,
    /// Why, when the configuration says.
    pub reason: Option<String>,
    /// The configuration file, as shown, and the line of the override (none when the command
    /// line set it).
    pub file: String,
    pub line: Option<usize>,
}

/// `check --select`/`--ignore`: rules a local run leaves out of its gate. Like a level override
/// it changes whether the run passes, visibly, never the verdict.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSelection {
    /// When not empty, only these rules count for the gate.
    pub select: Vec<String>,
    /// These rules do not count for the gate.
    pub ignore: Vec<String>,
}

impl RuleSelection {
    /// The level override that leaves `rule` out, if the selection leaves it out.
    pub fn override_for(&self, rule: &str) -> Option<LevelOverride> {
        let reason = if self.ignore.iter().any(|r| r == rule) {
            format!("--ignore {rule}")
        } else if !self.select.is_empty() && !self.select.iter().any(|r| r == rule) {
            format!("ikke med i --select {}", self.select.join(","))
        } else {
            return None;
        };
        Some(LevelOverride { level: Level::Info, reason: Some(reason), file: "kommandolinjen".to_owned(), line: None })
    }

    /// Every rule id named.
    pub fn named(&self) -> impl Iterator<Item = &str> {
        self.select.iter().chain(&self.ignore).map(String::as_str)
    }
}

/// One rule's result.
#[derive(Debug, Clone)]
pub struct Finding<'r> {
    pub rule: &'r Rule,
    /// The rule pack's level: what the law makes of the rule. The verdict uses only this.
    pub level: Level,
    /// The law's status; see [`Status`].
    pub status: Status,
    /// What was found, in Danish, with the values that explain it.
    pub message: String,
    /// How to fix it.
    pub help: String,
    pub labels: Vec<Label>,
    /// A deviation the parties accept for the CI gate, when the rule is not met.
    pub acceptance: Option<Acceptance>,
    /// A level the repository configuration sets for the CI gate.
    pub level_override: Option<LevelOverride>,
    /// The values the check found, for the letter's paragraphs.
    pub vars: BTreeMap<String, Value>,
    /// What the agreement still lacks to be concluded ("regionsrådets godkendelse"), when this
    /// rule found it missing: an agreement is concluded once the regional council and every
    /// municipal council have approved it and it has been sent (seed 001).
    pub unconcluded: Option<String>,
}

impl Finding<'_> {
    /// The rule is not met (whether or not the parties accept it).
    pub fn is_unmet(&self) -> bool {
        self.status == Status::Failed
    }

    /// The level the CI gate counts: the configuration's override, else the pack's level.
    pub fn gate_level(&self) -> Level {
        self.level_override.as_ref().map_or(self.level, |o| o.level)
    }

    /// Whether this finding fails the CI run under `fail_on`: not met, not accepted, and at a
    /// level `fail_on` counts.
    pub fn fails_gate(&self, fail_on: FailOn) -> bool {
        self.status == Status::Failed && self.acceptance.is_none() && fail_on.counts(self.gate_level())
    }

    /// Not met, and the checked party changed how it counts for the gate.
    pub fn is_waived(&self) -> bool {
        self.is_unmet() && (self.acceptance.is_some() || self.level_override.is_some())
    }

    /// What the checked party did about an unmet finding, in Danish, for every output:
    /// "accepteret af .aftale.yaml: Vi er uenige." and/or "niveau ændret til anbefaling af
    /// .aftale.yaml". `agreement` is the agreement file's name as shown.
    pub fn waiver_danish(&self, agreement: &str) -> Option<String> {
        if !self.is_unmet() {
            return None;
        }
        let mut parts = Vec::new();
        if let Some(a) = &self.acceptance {
            let file = match &a.origin {
                AcceptanceOrigin::Agreement(_) => agreement,
                AcceptanceOrigin::Config { file, .. } => file.as_str(),
            };
            parts.push(format!("accepteret af {}: {}", text::visible(file), text::shown_long(&a.reason)));
        }
        if let Some(o) = &self.level_override {
            let mut said = format!("niveau ændret til {} af {}", o.level.danish(), text::visible(&o.file));
            if let Some(reason) = &o.reason {
                said = format!("{said}: {}", text::shown_long(reason));
            }
            parts.push(said);
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// The first place the finding points at, as (line, column).
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.labels.first().map(|l| (l.span.line, l.span.column))
    }
}

/// The verdict on approval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approval {
    /// "Kan godkendes": no content requirement fails.
    Approvable,
    /// "Kan ikke godkendes i sin nuværende form".
    NotApprovable,
    /// "Kan ikke vurderes: aftalen er ikke indgået": an approval or the submission is missing,
    /// so there is nothing Sundhedsstyrelsen can approve or refuse yet.
    NotConcluded,
}

impl Approval {
    /// The English key.
    pub fn key(self) -> &'static str {
        match self {
            Approval::Approvable => "approvable",
            Approval::NotApprovable => "not_approvable",
            Approval::NotConcluded => "not_concluded",
        }
    }

    /// The Danish verdict line.
    pub fn danish(self) -> &'static str {
        match self {
            Approval::Approvable => "Kan godkendes",
            Approval::NotApprovable => "Kan ikke godkendes i sin nuværende form",
            Approval::NotConcluded => "Kan ikke vurderes: aftalen er ikke indgået",
        }
    }
}

/// The CI gate: whether this run passes. It honours accepted deviations, level overrides and
/// `--fail-on`; the [`Approval`] does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    Pass,
    Fail,
}

impl Gate {
    /// The English key (`gate` in JSON).
    pub fn key(self) -> &'static str {
        match self {
            Gate::Pass => "pass",
            Gate::Fail => "fail",
        }
    }
}

/// What makes a run fail (exit code 1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FailOn {
    /// A content or process requirement not met (the default).
    #[default]
    Requirement,
    /// Also a recommendation not followed (`--strict`).
    Recommendation,
    /// Nothing: report only.
    Never,
}

impl FailOn {
    /// The command-line option that sets it, as the reports show it.
    pub fn flag(self) -> &'static str {
        match self {
            FailOn::Requirement => "--fail-on requirement",
            FailOn::Recommendation => "--fail-on recommendation",
            FailOn::Never => "--fail-on never",
        }
    }

    /// The English key (`fail_on` in JSON).
    pub fn key(self) -> &'static str {
        match self {
            FailOn::Requirement => "requirement",
            FailOn::Recommendation => "recommendation",
            FailOn::Never => "never",
        }
    }

    /// Whether an unmet, unaccepted finding at this level fails the run.
    pub fn counts(self, level: Level) -> bool {
        match self {
            FailOn::Requirement => level.is_requirement(),
            FailOn::Recommendation => level.is_requirement() || level == Level::Anbefaling,
            FailOn::Never => false,
        }
    }
}

/// Counts of findings (serialized as the JSON output's `summary`). The first three count what
/// the law sees, whether or not the parties accept it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Requirements (content or process) not met.
    pub failed: usize,
    /// Recommendations not followed.
    pub recommendations: usize,
    /// Observations (info rules that found something to remark on).
    pub observations: usize,
    /// Findings not met that an accepted deviation lets pass the gate.
    pub accepted: usize,
    /// Findings not met whose level the configuration changed for the gate.
    pub overridden: usize,
    /// Findings that fail the CI gate under the run's `--fail-on`.
    pub failing_gate: usize,
    pub passed: usize,
    pub not_applicable: usize,
}
