//! Checking many files in one run: find the agreement files, find each one's repository
//! configuration, build the rule registries they need, evaluate them in parallel, and decide
//! what the run as a whole found.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::codes::ErrorCode;
use crate::danish;
use crate::error::{InputError, SourceFile};
use crate::evaluate::{self, AcceptanceOrigin, Assessment, EvaluationOptions, FailOn};
use crate::load;
use crate::read;
use crate::reference::Reference;
use crate::rules::Registry;

mod prepare;

use prepare::PreparedInput;
pub use prepare::{Input, Prepared, discover, prepare, registry_for};

/// What to check and how.
#[derive(Debug, Clone)]
pub struct Request {
    /// Files, directories, or `-` for standard input, as the user gave them.
    pub inputs: Vec<PathBuf>,
    /// The date for time-dependent rules (the command line's default is today in Danish time).
    pub as_of: NaiveDate,
    /// A rule pack for every file (beats the configuration's).
    pub ruleset: Option<String>,
    /// Extra rule directories from the command line.
    pub rule_dirs: Vec<PathBuf>,
    /// A configuration file for every input, instead of looking for `aftale.yaml`.
    pub config: Option<PathBuf>,
    /// What fails the run.
    pub fail_on: FailOn,
    /// The largest agreement file read, in bytes (default: [`read::DEFAULT_MAX_SIZE`]).
    pub max_size: Option<u64>,
}

/// One file's result.
#[derive(Debug)]
pub enum FileOutcome<'r> {
    /// The file was evaluated.
    Assessed(Box<Assessment<'r>>),
    /// The file could not be used.
    Unusable { file: String, errors: Vec<InputError> },
}

impl FileOutcome<'_> {
    /// The file's name as shown.
    pub fn file(&self) -> &str {
        match self {
            FileOutcome::Assessed(a) => &a.loaded.source.name,
            FileOutcome::Unusable { file, .. } => file,
        }
    }
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

/// Everything one run found.
#[derive(Debug)]
pub struct Run<'r> {
    pub files: Vec<FileOutcome<'r>>,
    pub notes: Vec<ConfigNote>,
    pub fail_on: FailOn,
    pub as_of: NaiveDate,
    /// Exactly one file was named: outputs need no run summary.
    pub single: bool,
}

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

/// How many errors are reported for one file; the last says how many more there are.
pub const MAX_ERRORS: usize = 20;

/// The first [`MAX_ERRORS`] errors, and one that counts the rest: a file with 20,000 mistakes
/// gets a report a person can read, and standard error stays small.
fn at_most(file: &str, mut errors: Vec<InputError>) -> Vec<InputError> {
    if errors.len() > MAX_ERRORS {
        let more = errors.len() - (MAX_ERRORS - 1);
        errors.truncate(MAX_ERRORS - 1);
        errors.push(
            InputError::file(ErrorCode::MoreErrors, file, format!("og {} fejl mere i filen", danish::number(more)))
                .with_help("Ret fejlene ovenfor, og kør igen for at se resten."),
        );
    }
    errors
}

/// Checks one text with the built-in rules, as `check` would a file of that name, without a
/// configuration: for tests and fuzzing, which feed the result to every output format.
pub fn check_text<'r>(source: SourceFile, registry: &'r Registry, as_of: NaiveDate, fail_on: FailOn) -> Run<'r> {
    let reference = Reference::builtin();
    let file = source.name.clone();
    let options = EvaluationOptions::on(as_of);
    let outcome = match load::load(source, reference).and_then(|l| evaluate::evaluate(l, registry, reference, &options))
    {
        Ok(a) => FileOutcome::Assessed(Box::new(a)),
        Err(errors) => FileOutcome::Unusable { errors: at_most(&file, errors), file },
    };
    Run { files: vec![outcome], notes: Vec::new(), fail_on, as_of, single: true }
}

/// Evaluates every prepared file, in parallel, keeping the input order.
pub fn evaluate<'p>(prepared: &'p Prepared, request: &Request) -> Run<'p> {
    let as_of = request.as_of;
    let reference = Reference::builtin();
    // Standard input can be read only once, and not from several threads.
    let max_size = request.max_size.unwrap_or(read::DEFAULT_MAX_SIZE);
    let stdin = prepared.inputs.iter().any(|p| p.input.display == "-").then(|| read::read_stdin(max_size));
    let work = |p: &'p PreparedInput| -> FileOutcome<'p> {
        let registry = match &p.registry {
            Ok(i) => &prepared.registries[*i],
            Err(errors) => {
                return FileOutcome::Unusable {
                    file: p.input.display.clone(),
                    errors: at_most(&p.input.display, errors.clone()),
                };
            }
        };
        let config = p.config.map(|i| &prepared.configs[i]);
        let options = EvaluationOptions {
            as_of,
            ruleset: request.ruleset.clone().or_else(|| config.and_then(|c| c.ruleset.clone())),
            levels: config.map(|c| c.levels.clone()).unwrap_or_default(),
            acceptances: config.map(|c| c.acceptances_for(&p.input.path, as_of)).unwrap_or_default(),
        };
        let source: Result<SourceFile, InputError> = if p.input.display == "-" {
            match &stdin {
                Some(Ok(s)) => Ok(s.clone()),
                Some(Err(e)) => Err(e.clone()),
                None => read::read_stdin(max_size),
            }
        } else {
            read::read_text_limited(&p.input.path, &p.input.display, max_size)
        };
        let result = source
            .map_err(|e| vec![e])
            .and_then(|source| load::load(source, reference))
            .and_then(|loaded| evaluate::evaluate(loaded, registry, reference, &options));
        match result {
            Ok(a) => FileOutcome::Assessed(Box::new(a)),
            Err(errors) => {
                FileOutcome::Unusable { file: p.input.display.clone(), errors: at_most(&p.input.display, errors) }
            }
        }
    };
    let mut files: Vec<FileOutcome<'p>> = crate::parallel::map(&prepared.inputs, work);
    let mut early: Vec<FileOutcome<'p>> = prepared
        .early
        .iter()
        .map(|(file, e)| FileOutcome::Unusable { file: file.clone(), errors: vec![e.clone()] })
        .collect();
    early.append(&mut files);
    let notes = config_notes(prepared, &early, as_of);
    Run { files: early, notes, fail_on: request.fail_on, as_of, single: prepared.single }
}

/// A configuration's acceptances that were expired, matched no file, or accepted nothing.
fn config_notes(prepared: &Prepared, files: &[FileOutcome], as_of: NaiveDate) -> Vec<ConfigNote> {
    let mut notes = Vec::new();
    for (index, config) in prepared.configs.iter().enumerate() {
        let using: Vec<&PreparedInput> = prepared.inputs.iter().filter(|p| p.config == Some(index)).collect();
        // A configuration that cannot be used has been reported as such; its notes would be noise.
        if using.iter().any(|p| p.registry.is_err()) {
            continue;
        }
        let covered: Vec<&Path> = using.iter().map(|p| p.input.path.as_path()).collect();
        for a in &config.acceptances {
            let used = files.iter().any(|f| match f {
                FileOutcome::Assessed(assessment) => assessment.findings.iter().any(|finding| {
                    finding.is_unmet()
                        && matches!(&finding.acceptance, Some(x) if x.origin == AcceptanceOrigin::Config { file: config.file.clone(), line: a.line })
                }),
                FileOutcome::Unusable { .. } => false,
            });
            let why = match a.expires {
                Some(e) if e < as_of => format!("afvigelsen udløb {} og gælder ikke længere", danish::date(e)),
                _ if used => continue,
                _ if !covered.iter().any(|path| config.matches(a, path)) => {
                    format!("mønstret {} matchede ingen af de tjekkede filer", a.patterns.join(", "))
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

impl Run<'_> {
    /// How the run ends: unusable beats failed beats passed.
    pub fn outcome(&self) -> RunOutcome {
        self.files
            .iter()
            .map(|f| match f {
                FileOutcome::Unusable { .. } => RunOutcome::Unusable,
                FileOutcome::Assessed(a) if a.fails(self.fail_on) => RunOutcome::Failed,
                FileOutcome::Assessed(_) => RunOutcome::Passed,
            })
            .max()
            .unwrap_or(RunOutcome::Passed)
    }

    /// The run's verdict as a key: `approvable` when every file is, `not_approvable` when one
    /// is not, `unknown` when a file could not be used and none is not approvable.
    pub fn verdict_key(&self) -> &'static str {
        let mut verdict = "approvable";
        for f in &self.files {
            match f {
                FileOutcome::Assessed(a) if a.approval() == evaluate::Approval::NotApprovable => {
                    return "not_approvable";
                }
                FileOutcome::Unusable { .. } => verdict = "unknown",
                FileOutcome::Assessed(_) => {}
            }
        }
        verdict
    }

    /// The assessed files.
    pub fn assessments(&self) -> impl Iterator<Item = &Assessment<'_>> {
        self.files.iter().filter_map(|f| match f {
            FileOutcome::Assessed(a) => Some(a.as_ref()),
            FileOutcome::Unusable { .. } => None,
        })
    }

    /// Counts for the run's summary line.
    pub fn totals(&self) -> Totals {
        let mut t = Totals { files: self.files.len(), ..Totals::default() };
        for f in &self.files {
            match f {
                FileOutcome::Unusable { .. } => t.unusable += 1,
                FileOutcome::Assessed(a) => {
                    if a.approval() == evaluate::Approval::NotApprovable {
                        t.not_approvable += 1;
                    }
                    if a.fails(self.fail_on) {
                        t.failing += 1;
                    }
                    let s = a.summary(self.fail_on);
                    t.requirements += s.failed;
                    t.recommendations += s.recommendations;
                    t.accepted += s.accepted;
                }
            }
        }
        t
    }
}

/// Counts over the whole run (serialized as the JSON output's `totals`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    pub files: usize,
    /// Files that fail under the threshold.
    pub failing: usize,
    pub not_approvable: usize,
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
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        [
            plural(self.files, "fil tjekket", "filer tjekket"),
            plural(self.failing, "fejler", "fejler"),
            plural(self.not_approvable, "kan ikke godkendes", "kan ikke godkendes"),
            plural(self.unusable, "kunne ikke læses", "kunne ikke læses"),
            plural(self.requirements, "krav ikke opfyldt", "krav ikke opfyldt"),
            plural(self.recommendations, "anbefaling", "anbefalinger"),
            plural(self.accepted, "accepteret afvigelse", "accepterede afvigelser"),
        ]
        .join(" · ")
    }
}
