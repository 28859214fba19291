//! Checking many files in one run: find the agreement files, find each one's repository
//! configuration, build the rule registries they need, evaluate them in parallel, and decide
//! what the run as a whole found.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::codes::ErrorCode;
use crate::danish;
use crate::error::{InputError, SourceFile};
use crate::evaluate::{self, Assessment, EvaluationOptions, FailOn};
use crate::load;
use crate::read;
use crate::reference::Reference;
use crate::rules::Registry;

mod discover;
mod ignores;
mod prepare;
mod summary;

pub use discover::Input;
use prepare::PreparedInput;
pub use prepare::{Prepared, prepare, registry_for};
pub use summary::{ConfigNote, RunOutcome, RunSummary, Totals};
use summary::{FileTally, Tally};

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
    /// A configuration file for every input, instead of looking for `.aftale.yaml`.
    pub config: Option<PathBuf>,
    /// What fails the run.
    pub fail_on: FailOn,
    /// The directory relative paths start from (the command line's working directory).
    pub working_dir: PathBuf,
    /// Globs (as in `.gitignore`) of files to leave out when walking a directory.
    pub exclude: Vec<String>,
    /// The name standard input is shown with and its configuration looked up by.
    pub stdin_filename: Option<String>,
    /// The largest agreement file read, in bytes (default: [`read::DEFAULT_MAX_SIZE`]).
    pub max_size: Option<u64>,
    /// `--no-config`: no `.aftale.yaml` is looked for (`--config` still names one).
    pub no_config: bool,
    /// `--no-ignore`: `.gitignore`, `.ignore` and `.git/info/exclude` are not read.
    pub no_ignore: bool,
    /// The text of `-` when it is given rather than read from standard input (an editor's
    /// buffer, checked by the language server).
    pub text: Option<String>,
    /// `--select`/`--ignore`: rules left out of the gate.
    pub selection: crate::evaluate::RuleSelection,
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

/// Everything one run found, kept in memory: for the letters and the formats that need every
/// file at once. `check` streams the other formats with [`stream`] instead.
#[derive(Debug)]
pub struct Run<'r> {
    pub files: Vec<FileOutcome<'r>>,
    pub summary: RunSummary,
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
    let mut tally = Tally::default();
    tally.add(FileTally::of(&outcome, fail_on));
    Run { files: vec![outcome], summary: tally.finish(None, fail_on, as_of, true) }
}

/// Evaluates every prepared file, in parallel, and keeps them all, in the input order.
pub fn evaluate<'p>(prepared: &'p Prepared, request: &Request) -> Run<'p> {
    let mut files = Vec::new();
    let summary = stream(prepared, request, |f| f, |f| files.push(f));
    Run { files, summary }
}

/// Evaluates every prepared file on all cores, turns each into `part` where it was evaluated,
/// and hands the parts to `sink` in the input order; a file is dropped as soon as its part is
/// made, so memory does not grow with the number of files.
pub fn stream<'p, T: Send>(
    prepared: &'p Prepared,
    request: &Request,
    part: impl Fn(FileOutcome<'p>) -> T + Sync,
    mut sink: impl FnMut(T),
) -> RunSummary {
    let (as_of, fail_on) = (request.as_of, request.fail_on);
    let mut tally = Tally::default();
    for (file, e) in &prepared.early {
        let outcome = FileOutcome::Unusable { file: file.clone(), errors: vec![e.clone()] };
        tally.add(FileTally::of(&outcome, fail_on));
        sink(part(outcome));
    }
    let reference = Reference::builtin();
    // Standard input can be read only once, and not from several threads.
    let max_size = request.max_size.unwrap_or(read::DEFAULT_MAX_SIZE);
    let stdin = prepared.inputs.iter().any(|p| p.input.is_stdin()).then(|| match &request.text {
        Some(text) => read::text_within(text, max_size),
        None => read::read_stdin(max_size),
    });
    let work = |p: &'p PreparedInput| -> (FileTally, T) {
        let outcome = evaluate_one(prepared, p, request, reference, &stdin);
        (FileTally::of(&outcome, fail_on), part(outcome))
    };
    crate::parallel::for_each_in_order(&prepared.inputs, work, |(t, p)| {
        tally.add(t);
        sink(p);
    });
    tally.finish(Some(prepared), fail_on, as_of, prepared.single)
}

/// Reads, loads and evaluates one prepared file.
fn evaluate_one<'p>(
    prepared: &'p Prepared,
    p: &'p PreparedInput,
    request: &Request,
    reference: &'static Reference,
    stdin: &Option<Result<SourceFile, InputError>>,
) -> FileOutcome<'p> {
    let unusable =
        |errors| FileOutcome::Unusable { file: p.input.display.clone(), errors: at_most(&p.input.display, errors) };
    let registry = match &p.registry {
        Ok(i) => &prepared.registries[*i],
        Err(errors) => return unusable(errors.clone()),
    };
    let config = p.config.map(|i| &prepared.configs[i]);
    let as_of = request.as_of;
    let options = EvaluationOptions {
        as_of,
        ruleset: request.ruleset.clone().or_else(|| config.and_then(|c| c.ruleset.clone())),
        levels: config.map(|c| c.levels.clone()).unwrap_or_default(),
        acceptances: config.map(|c| c.acceptances_for(&p.absolute, as_of)).unwrap_or_default(),
        selection: request.selection.clone(),
    };
    let max_size = request.max_size.unwrap_or(read::DEFAULT_MAX_SIZE);
    let source: Result<SourceFile, InputError> = if p.input.is_stdin() {
        let named = |mut s: SourceFile| {
            s.name.clone_from(&p.input.display);
            s
        };
        match stdin {
            Some(Ok(s)) => Ok(named(s.clone())),
            Some(Err(e)) => Err(e.clone()),
            None => read::read_stdin(max_size).map(named),
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
        Err(errors) => unusable(errors),
    }
}

impl Run<'_> {
    /// The assessed files.
    pub fn assessments(&self) -> impl Iterator<Item = &Assessment<'_>> {
        self.files.iter().filter_map(|f| match f {
            FileOutcome::Assessed(a) => Some(a.as_ref()),
            FileOutcome::Unusable { .. } => None,
        })
    }
}
