//! `--format json`: one object per agreement with English keys, documented in the README.
//! The same input gives the same bytes: fields are in a fixed order and findings in rule order.

use serde::Serialize;

use crate::error::InputError;
use crate::evaluate::{AcceptanceOrigin, Assessment, Summary};
use crate::rules::Source;
use crate::run::{FileOutcome, Run, Totals};

/// The version of this JSON layout; raised when a key changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

/// One agreement's result.
#[derive(Debug, Serialize)]
pub struct FileReport<'a> {
    pub schema_version: u32,
    pub file: &'a str,
    pub ruleset: &'a str,
    pub as_of: String,
    pub verdict: &'static str,
    pub summary: Summary,
    pub findings: Vec<JsonFinding<'a>>,
    pub unused_acceptances: Vec<JsonUnused<'a>>,
    pub deadlines: JsonDeadlines,
}

/// One rule's result.
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    pub rule: &'a str,
    pub title: &'a str,
    pub level: &'static str,
    pub status: &'static str,
    pub heading: &'static str,
    pub source: &'a Source,
    pub message: &'a str,
    pub help: &'a str,
    pub line: Option<usize>,
    pub column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted_reason: Option<&'a str>,
}

/// An accepted deviation that matched nothing.
#[derive(Debug, Serialize)]
pub struct JsonUnused<'a> {
    pub rule: &'a str,
    pub reason: &'a str,
    pub why: &'a str,
    pub file: &'a str,
    pub line: Option<usize>,
}

/// The computed dates, ISO formatted; null when they cannot be computed.
#[derive(Debug, Serialize)]
pub struct JsonDeadlines {
    pub entry_into_force: Option<String>,
    pub expiry: Option<String>,
    pub submission: Option<String>,
    pub midterm_status: Option<String>,
    pub final_status: Option<String>,
}

/// A file that could not be used.
#[derive(Debug, Serialize)]
pub struct JsonError<'a> {
    pub code: &'a str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// The JSON view of one assessment.
pub fn file_report<'a>(a: &'a Assessment) -> FileReport<'a> {
    let iso = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    FileReport {
        schema_version: SCHEMA_VERSION,
        file: &a.loaded.source.name,
        ruleset: &a.pack.name,
        as_of: a.as_of.to_string(),
        verdict: a.approval().key(),
        summary: a.summary(),
        findings: a
            .findings
            .iter()
            .map(|f| JsonFinding {
                rule: &f.rule.id,
                title: &f.rule.title,
                level: f.level.key(),
                status: f.status.key(),
                heading: f.rule.heading.key(),
                source: &f.rule.source,
                message: &f.message,
                help: &f.help,
                line: f.line_column().map(|(l, _)| l),
                column: f.line_column().map(|(_, c)| c),
                accepted_reason: f.acceptance.as_ref().map(|x| x.reason.as_str()),
            })
            .collect(),
        unused_acceptances: a
            .unused_acceptances
            .iter()
            .map(|u| {
                let (file, line) = match &u.acceptance.origin {
                    AcceptanceOrigin::Agreement(span) => (a.loaded.source.name.as_str(), Some(span.line)),
                    AcceptanceOrigin::Config { file, line } => (file.as_str(), Some(*line)),
                };
                JsonUnused { rule: &u.acceptance.rule, reason: &u.acceptance.reason, why: &u.why, file, line }
            })
            .collect(),
        deadlines: JsonDeadlines {
            entry_into_force: iso(a.dates.entry_into_force),
            expiry: iso(a.dates.expiry),
            submission: iso(a.dates.submission.as_ref().map(|s| s.date)),
            midterm_status: iso(a.dates.midterm_status),
            final_status: iso(a.dates.final_status),
        },
    }
}

/// The JSON view of input errors.
pub fn errors(errors: &[InputError]) -> Vec<JsonError<'_>> {
    errors
        .iter()
        .map(|e| JsonError {
            code: e.code,
            message: &e.message,
            help: e.help.as_deref(),
            line: e.line_column().map(|(l, _)| l),
            column: e.line_column().map(|(_, c)| c),
        })
        .collect()
}

/// A file that could not be used, as JSON.
#[derive(Debug, Serialize)]
pub struct UnusableReport<'a> {
    pub schema_version: u32,
    pub file: &'a str,
    pub errors: Vec<JsonError<'a>>,
}

/// One file of a run: assessed, or unusable.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum JsonFile<'a> {
    Assessed(Box<FileReport<'a>>),
    Unusable(UnusableReport<'a>),
}

/// A run of several files.
#[derive(Debug, Serialize)]
pub struct RunReport<'a> {
    pub schema_version: u32,
    pub as_of: String,
    pub fail_on: &'static str,
    pub outcome: &'static str,
    pub totals: Totals,
    pub files: Vec<JsonFile<'a>>,
    pub unused_config_acceptances: Vec<JsonConfigNote<'a>>,
}

/// An accepted deviation in a configuration that did nothing.
#[derive(Debug, Serialize)]
pub struct JsonConfigNote<'a> {
    pub rule: &'a str,
    pub reason: &'a str,
    pub why: &'a str,
    pub file: &'a str,
    pub line: usize,
}

fn file_json<'a>(file: &'a FileOutcome) -> JsonFile<'a> {
    match file {
        FileOutcome::Assessed(a) => JsonFile::Assessed(Box::new(file_report(a))),
        FileOutcome::Unusable { file, errors: e } => {
            JsonFile::Unusable(UnusableReport { schema_version: SCHEMA_VERSION, file, errors: errors(e) })
        }
    }
}

/// The JSON text of a run: one file's object when exactly one file was named, else a run object
/// with a `files` list.
pub fn render_run(run: &Run) -> String {
    let text = if run.single && run.files.len() == 1 {
        serde_json::to_string_pretty(&file_json(&run.files[0]))
    } else {
        serde_json::to_string_pretty(&RunReport {
            schema_version: SCHEMA_VERSION,
            as_of: run.as_of.to_string(),
            fail_on: match run.fail_on {
                crate::evaluate::FailOn::Requirement => "requirement",
                crate::evaluate::FailOn::Recommendation => "recommendation",
                crate::evaluate::FailOn::Never => "never",
            },
            outcome: match run.outcome() {
                crate::run::Outcome::Passed => "passed",
                crate::run::Outcome::Failed => "failed",
                crate::run::Outcome::Unusable => "unusable",
            },
            totals: run.totals(),
            files: run.files.iter().map(file_json).collect(),
            unused_config_acceptances: run
                .notes
                .iter()
                .map(|n| JsonConfigNote {
                    rule: &n.rule,
                    reason: &n.reason,
                    why: &n.why,
                    file: &n.config,
                    line: n.line,
                })
                .collect(),
        })
    };
    // Plain structs of strings and numbers always serialize.
    text.unwrap_or_default() + "\n"
}
