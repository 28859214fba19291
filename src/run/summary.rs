//! What a run keeps of its files once their parts of the output are written: counts, the
//! verdict, the gate, and which of the configurations' accepted deviations were used. A run of
//! 10,000 files keeps no more than a run of one.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;

use super::FileOutcome;
use super::prepare::{Prepared, PreparedInput};
use crate::danish;
use crate::evaluate::{AcceptanceOrigin, Approval, FailOn};

/// How the run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RunOutcome {
    /// Nothing fails.
    Passed,
    /// Something fails under the threshold.
    Failed,
    /// A file (or the setup) could not be used.
    Unusable,
}

/// An accepted deviation from a configuration that did nothing in this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigNote {
    pub config: String,
    pub line: usize,
    pub rule: String,
    pub reason: String,
    /// Why: expired, matched no file, or matched nothing unmet.
    pub why: String,
}

/// What the whole run found, known once every file has been evaluated.
#[derive(Debug, Clone)]
pub struct RunSummary {
    pub fail_on: FailOn,
    pub as_of: NaiveDate,
    /// Exactly one file was named: outputs need no run summary.
    pub single: bool,
    pub totals: Totals,
    /// How the run ends: unusable beats failed beats passed.
    pub outcome: RunOutcome,
    /// `not_approvable` when a file is not approvable, else `not_concluded` when a file is not
    /// concluded, else `unknown` when a file could not be used, else `approvable`.
    pub verdict: &'static str,
    pub notes: Vec<ConfigNote>,
}

/// Counts over the whole run (serialized as the JSON output's `totals`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Totals {
    pub files: usize,
    /// Files that fail under the threshold.
    pub failing: usize,
    pub not_approvable: usize,
    /// Files whose agreement is not concluded (an approval or the submission is missing).
    pub not_concluded: usize,
    pub unusable: usize,
    /// Requirements not met, over all files.
    #[serde(rename = "failed")]
    pub requirements: usize,
    pub recommendations: usize,
    pub accepted: usize,
}

impl Totals {
    /// The run's summary line, in Danish.
    pub fn danish(&self) -> String {
        let plural = danish::count;
        [
            plural(self.files, "fil tjekket", "filer tjekket"),
            plural(self.failing, "fejler", "fejler"),
            plural(self.not_approvable, "kan ikke godkendes", "kan ikke godkendes"),
            plural(self.not_concluded, "ikke indgået", "ikke indgået"),
            plural(self.unusable, "kunne ikke læses", "kunne ikke læses"),
            plural(self.requirements, "krav ikke opfyldt", "krav ikke opfyldt"),
            plural(self.recommendations, "anbefaling", "anbefalinger"),
            plural(self.accepted, "accepteret afvigelse", "accepterede afvigelser"),
        ]
        .join(" · ")
    }
}

/// What one file adds to the run's summary, taken before the file is dropped.
#[derive(Debug, Default)]
pub struct FileTally {
    totals: Totals,
    outcome: Option<RunOutcome>,
    /// A configuration's accepted deviations this file used, as (configuration, line).
    used: Vec<(String, usize)>,
}

impl FileTally {
    pub fn of(file: &FileOutcome, fail_on: FailOn) -> FileTally {
        let mut t = Totals { files: 1, ..Totals::default() };
        let (outcome, used) = match file {
            FileOutcome::Unusable { .. } => {
                t.unusable = 1;
                (RunOutcome::Unusable, Vec::new())
            }
            FileOutcome::Assessed(a) => {
                let fails = a.fails(fail_on);
                t.not_approvable = usize::from(a.approval() == Approval::NotApprovable);
                t.not_concluded = usize::from(a.approval() == Approval::NotConcluded);
                t.failing = usize::from(fails);
                let s = a.summary(fail_on);
                (t.requirements, t.recommendations, t.accepted) = (s.failed, s.recommendations, s.accepted);
                let used = a
                    .findings
                    .iter()
                    .filter(|f| f.is_unmet())
                    .filter_map(|f| match &f.acceptance {
                        Some(x) => match &x.origin {
                            AcceptanceOrigin::Config { file, line } => Some((file.clone(), *line)),
                            AcceptanceOrigin::Agreement(_) => None,
                        },
                        None => None,
                    })
                    .collect();
                (if fails { RunOutcome::Failed } else { RunOutcome::Passed }, used)
            }
        };
        FileTally { totals: t, outcome: Some(outcome), used }
    }
}

/// The summary being added up, file by file, in any order.
#[derive(Debug, Default)]
pub struct Tally {
    totals: Totals,
    outcome: Option<RunOutcome>,
    any_not_approvable: bool,
    used: HashSet<(String, usize)>,
}

impl Tally {
    pub fn add(&mut self, file: FileTally) {
        let t = &mut self.totals;
        t.files += file.totals.files;
        t.failing += file.totals.failing;
        t.not_approvable += file.totals.not_approvable;
        t.not_concluded += file.totals.not_concluded;
        t.unusable += file.totals.unusable;
        t.requirements += file.totals.requirements;
        t.recommendations += file.totals.recommendations;
        t.accepted += file.totals.accepted;
        self.outcome = self.outcome.max(file.outcome);
        self.any_not_approvable |= file.totals.not_approvable > 0;
        self.used.extend(file.used);
    }

    /// The summary, with the configurations' accepted deviations that did nothing.
    pub fn finish(self, prepared: Option<&Prepared>, fail_on: FailOn, as_of: NaiveDate, single: bool) -> RunSummary {
        let verdict = if self.any_not_approvable {
            "not_approvable"
        } else if self.totals.not_concluded > 0 {
            "not_concluded"
        } else if self.totals.unusable > 0 {
            "unknown"
        } else {
            "approvable"
        };
        let notes = prepared.map(|p| config_notes(p, &self.used, as_of)).unwrap_or_default();
        RunSummary {
            fail_on,
            as_of,
            single,
            totals: self.totals,
            outcome: self.outcome.unwrap_or(RunOutcome::Passed),
            verdict,
            notes,
        }
    }
}

/// A configuration's acceptances that were expired, matched no file, or accepted nothing.
fn config_notes(prepared: &Prepared, used: &HashSet<(String, usize)>, as_of: NaiveDate) -> Vec<ConfigNote> {
    let mut notes = Vec::new();
    for (index, config) in prepared.configs.iter().enumerate() {
        let using: Vec<&PreparedInput> = prepared.inputs.iter().filter(|p| p.config == Some(index)).collect();
        // A configuration that cannot be used has been reported as such; its notes would be noise.
        if using.iter().any(|p| p.registry.is_err()) {
            continue;
        }
        let covered: Vec<&Path> = using.iter().map(|p| p.absolute.as_path()).collect();
        for a in &config.acceptances {
            let was_used = used.contains(&(config.file.clone(), a.line));
            let why = match a.expires {
                Some(e) if e < as_of => format!("afvigelsen udløb {} og gælder ikke længere", danish::date(e)),
                _ if was_used => continue,
                _ if !covered.iter().any(|path| config.matches(a, path)) => {
                    let shown: Vec<String> = a.patterns.iter().map(|p| crate::text::shown(p)).collect();
                    format!("mønstret {} matchede ingen af de tjekkede filer", crate::text::capped(shown).join(", "))
                }
                _ => "reglen var opfyldt eller ikke relevant i de filer, mønstret matchede".to_owned(),
            };
            notes.push(ConfigNote {
                config: config.file.clone(),
                line: a.line,
                rule: a.rule.clone(),
                reason: a.reason.clone(),
                why,
            });
        }
    }
    notes
}
