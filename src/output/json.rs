//! `--format json`: one object per agreement with English keys, documented in the README.
//! The same input gives the same bytes: fields are in a fixed order and findings in rule order.

use schemars::JsonSchema;
use serde::Serialize;

use super::PartOptions;
use super::json_layout::pretty_at;
use crate::error::InputError;
use crate::evaluate::{AcceptanceOrigin, Assessment, FailOn, Summary};
use crate::rules::Source;
use crate::run::{FileOutcome, RunOutcome, RunSummary, Totals};

/// The version of this JSON layout; raised when a key changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 2;

/// One agreement's result.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FileReport<'a> {
    pub schema_version: u32,
    pub file: &'a str,
    pub ruleset: &'a str,
    pub as_of: String,
    /// The region that holds the agreement's duties on `as_of`, when it is not the agreement's
    /// own (Region Østdanmark from 1 January 2027).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duty_holder: Option<&'a str>,
    /// What Sundhedsstyrelsen would decide, from the rule pack's levels only: `approvable`,
    /// `not_approvable`, or `not_concluded` while an approval or the submission is missing.
    pub verdict: &'static str,
    /// What the agreement lacks to be concluded (empty once it is concluded), in Danish.
    pub missing_for_conclusion: Vec<&'a str>,
    /// After the 2025 reform: who holds which duties, and what is not read, in Danish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reform_standing: Option<&'a str>,
    /// Dates the file records after `as_of`, in Danish; the rules judge them as if they had
    /// happened.
    pub recorded_after_as_of: &'a [String],
    /// Whether this CI run passes for the file: honours deviations, overrides and `--fail-on`.
    pub gate: &'static str,
    pub summary: Summary,
    pub findings: Vec<JsonFinding<'a>>,
    pub unused_acceptances: Vec<JsonUnused<'a>>,
    pub deadlines: JsonDeadlines,
}

/// One rule's result.
#[derive(Debug, Serialize, JsonSchema)]
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
    /// Whether the finding fails the CI gate.
    pub fails_gate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<JsonWaiver<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_override: Option<JsonLevelOverride<'a>>,
}

/// An accepted deviation on a finding not met: why, and where it was written.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonWaiver<'a> {
    pub reason: &'a str,
    pub file: &'a str,
    pub line: Option<usize>,
}

/// A configuration's level for a rule, used by the gate only.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonLevelOverride<'a> {
    pub level: &'static str,
    pub reason: Option<&'a str>,
    pub file: &'a str,
    pub line: Option<usize>,
}

/// An accepted deviation that matched nothing.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonUnused<'a> {
    pub rule: &'a str,
    pub reason: &'a str,
    pub why: &'a str,
    pub file: &'a str,
    pub line: Option<usize>,
}

/// The computed dates, ISO formatted; null when they cannot be computed.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonDeadlines {
    pub entry_into_force: Option<String>,
    pub expiry: Option<String>,
    pub submission: Option<String>,
    pub midterm_status: Option<String>,
    pub final_status: Option<String>,
}

/// A file that could not be used.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonError<'a> {
    pub code: &'a str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// Where an acceptance was written: the file and line.
fn origin<'a>(a: &'a Assessment, origin: &'a AcceptanceOrigin) -> (&'a str, Option<usize>) {
    match origin {
        AcceptanceOrigin::Agreement(span) => (a.loaded.source.name.as_str(), Some(span.line)),
        AcceptanceOrigin::Config { file, line } => (file.as_str(), Some(*line)),
    }
}

/// The JSON view of one assessment.
pub fn file_report<'a>(a: &'a Assessment, fail_on: FailOn) -> FileReport<'a> {
    let iso = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    FileReport {
        schema_version: SCHEMA_VERSION,
        file: &a.loaded.source.name,
        ruleset: &a.pack.name,
        as_of: a.as_of.to_string(),
        duty_holder: (!std::ptr::eq(a.duty_holder, a.region)).then_some(a.duty_holder.officielt_navn.as_str()),
        verdict: a.approval().key(),
        missing_for_conclusion: a.missing_for_conclusion(),
        reform_standing: a.reform_standing.as_deref(),
        recorded_after_as_of: &a.recorded_after_as_of,
        gate: a.gate(fail_on).key(),
        summary: a.summary(fail_on),
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
                fails_gate: f.fails_gate(fail_on),
                accepted: f.acceptance.as_ref().filter(|_| f.is_unmet()).map(|x| {
                    let (file, line) = origin(a, &x.origin);
                    JsonWaiver { reason: &x.reason, file, line }
                }),
                level_override: f.level_override.as_ref().filter(|_| f.is_unmet()).map(|o| JsonLevelOverride {
                    level: o.level.key(),
                    reason: o.reason.as_deref(),
                    file: &o.file,
                    line: o.line,
                }),
            })
            .collect(),
        unused_acceptances: a
            .unused_acceptances
            .iter()
            .map(|u| {
                let (file, line) = origin(a, &u.acceptance.origin);
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
            code: e.code.as_str(),
            message: &e.message,
            help: e.help.as_deref(),
            line: e.line_column().map(|(l, _)| l),
            column: e.line_column().map(|(_, c)| c),
        })
        .collect()
}

/// A file that could not be used, as JSON.
#[derive(Debug, Serialize, JsonSchema)]
pub struct UnusableReport<'a> {
    pub schema_version: u32,
    pub file: &'a str,
    pub errors: Vec<JsonError<'a>>,
}

/// One file of a run: assessed, or unusable.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum JsonFile<'a> {
    Assessed(Box<FileReport<'a>>),
    Unusable(UnusableReport<'a>),
}

/// What a run of several files states before its `files` list: only what is known before the
/// first file is checked, so the files are written as they are checked.
#[derive(Debug, Serialize, JsonSchema)]
struct RunOpening {
    schema_version: u32,
    as_of: String,
    fail_on: &'static str,
}

/// What a run of several files states after its `files` list, when the run is over.
#[derive(Debug, Serialize, JsonSchema)]
struct RunClosing<'a> {
    /// `not_approvable` when a file is not approvable, else `not_concluded` when a file is not
    /// concluded, else `unknown` when a file could not be read, else `approvable`.
    verdict: &'static str,
    /// `pass` or `fail`: the exit code's view (a file that cannot be used fails it too).
    gate: &'static str,
    totals: Totals,
    unused_config_acceptances: Vec<JsonConfigNote<'a>>,
}

/// The run object of several files, as `opening`, the parts and `foot` write it: for the schema.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "aftale check --format json, several files")]
struct RunReportSchema<'a> {
    #[serde(flatten)]
    opening: RunOpening,
    files: Vec<JsonFile<'a>>,
    #[serde(flatten)]
    closing: RunClosing<'a>,
}

/// The JSON Schema of `--format json`: one file's object, or the run object of several files.
pub fn schema() -> serde_json::Value {
    let mut generator = schemars::SchemaGenerator::default();
    let one = generator.subschema_for::<JsonFile>();
    let many = generator.subschema_for::<RunReportSchema>();
    let mut schema = schemars::json_schema!({
        "title": "aftale check --format json",
        "description": "Ét objekt for én navngiven fil, ellers et kørselsobjekt med listen `files`.",
        "oneOf": [one, many]
    });
    let definitions: serde_json::Map<String, serde_json::Value> = generator.take_definitions(true);
    schema.insert("$defs".to_owned(), serde_json::Value::Object(definitions));
    schema.insert("$schema".to_owned(), "https://json-schema.org/draft/2020-12/schema".into());
    schema.to_value()
}

/// An accepted deviation in a configuration that did nothing.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonConfigNote<'a> {
    pub rule: &'a str,
    pub reason: &'a str,
    pub why: &'a str,
    pub file: &'a str,
    pub line: usize,
}

fn file_json<'a>(file: &'a FileOutcome, fail_on: FailOn) -> JsonFile<'a> {
    match file {
        FileOutcome::Assessed(a) => JsonFile::Assessed(Box::new(file_report(a, fail_on))),
        FileOutcome::Unusable { file, errors: e } => {
            JsonFile::Unusable(UnusableReport { schema_version: SCHEMA_VERSION, file, errors: errors(e) })
        }
    }
}

/// Serialized as serde_json's pretty printer would, with the characters serde_json leaves raw
/// but a terminal acts on escaped too.
fn pretty(value: &impl Serialize) -> String {
    pretty_at(value, 0)
}

/// One file's JSON: the whole output when exactly one file was named, else an element of the
/// run object's `files` list.
pub fn part(file: &FileOutcome, settings: &PartOptions) -> String {
    if settings.single {
        pretty(&file_json(file, settings.fail_on)) + "\n"
    } else {
        format!("    {}", pretty_at(&file_json(file, settings.fail_on), 2))
    }
}

/// A run of several files, up to the opening of its `files` list.
pub fn opening(as_of: chrono::NaiveDate, fail_on: FailOn) -> String {
    let opening =
        pretty(&RunOpening { schema_version: SCHEMA_VERSION, as_of: as_of.to_string(), fail_on: fail_on.key() });
    format!("{},\n  \"files\": [", opening.trim_end_matches('}').trim_end())
}

/// The rest of a run of several files: what the whole run found. `any` says whether the
/// `files` list has an element.
pub fn foot(summary: &RunSummary, any: bool) -> String {
    let closing = pretty(&RunClosing {
        verdict: summary.verdict,
        gate: if summary.outcome == RunOutcome::Passed { "pass" } else { "fail" },
        totals: summary.totals,
        unused_config_acceptances: summary
            .notes
            .iter()
            .map(|n| JsonConfigNote { rule: &n.rule, reason: &n.reason, why: &n.why, file: &n.config, line: n.line })
            .collect(),
    });
    let close = if any { "\n  ]" } else { "]" };
    // The closing object's own opening brace gives way to the end of the list.
    format!("{close},{}\n", closing.strip_prefix('{').unwrap_or(&closing))
}
