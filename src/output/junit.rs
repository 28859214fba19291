//! JUnit XML for the test reports of GitLab, Azure DevOps and Jenkins, built with quick-junit:
//! one test suite per file, one test case per rule. A rule that fails the run is a failure with
//! its message and location; a rule that does not apply is skipped; a file that cannot be used
//! is one test case in error.

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use crate::diagnostic::status_with_waiver;
use crate::evaluate::FailOn;
use crate::evaluate::Status;
use crate::run::FileOutcome;
use crate::text;

/// One file's test suite as the report writes it, and its counts (tests, skipped, failures,
/// errors) for the report's head: the report is written suite by suite, so a run of 20,000 files
/// never holds more than one.
pub fn part(file: &FileOutcome, fail_on: FailOn) -> (Vec<String>, String) {
    let mut report = Report::new("aftale");
    report.add_test_suite(suite(file, fail_on));
    // A report of plain strings always serializes.
    let whole = report.to_string().unwrap_or_default();
    let lines: Vec<&str> = whole.lines().collect();
    // The suite is what stands between the report's opening and closing lines.
    let body = if lines.len() > 3 { lines[2..lines.len() - 1].join("\n") } else { String::new() };
    let counts = ["tests", "skipped", "failures", "errors"]
        .iter()
        .map(|name| attribute(lines.get(1).copied().unwrap_or_default(), name).unwrap_or_else(|| "0".to_owned()))
        .collect();
    (counts, body)
}

/// The value of an attribute written `name="value"` in an XML start tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_owned())
}

/// The report's opening, with the counts of every suite, and its closing.
pub fn head_and_foot(rows: &[Vec<String>]) -> (String, String) {
    let mut sums = [0u64; 4];
    for row in rows {
        for (sum, value) in sums.iter_mut().zip(row) {
            *sum += value.parse::<u64>().unwrap_or(0);
        }
    }
    let [tests, skipped, failures, errors] = sums;
    (
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"aftale\" tests=\"{tests}\" skipped=\"{skipped}\" failures=\"{failures}\" errors=\"{errors}\">\n"
        ),
        "\n</testsuites>\n".to_owned(),
    )
}

/// One file's test suite.
fn suite(file: &FileOutcome, fail_on: FailOn) -> TestSuite {
    {
        match file {
            FileOutcome::Unusable { file, errors } => {
                let file = &text::visible(file).into_owned();
                let mut suite = TestSuite::new(file.as_str());
                for e in errors {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                    let place = e.line_column().map(|(l, c)| format!("{file}:{l}:{c}")).unwrap_or_else(|| file.clone());
                    let help = e.help.as_deref().map(|h| format!("\n{}", text::message(h))).unwrap_or_default();
                    let message = text::message(&e.message);
                    status
                        .set_message(message.as_str())
                        .set_type(e.code.as_str())
                        .set_description(format!("Sted: {place}\n{message}{help}"));
                    let mut case = TestCase::new("filen kan bruges", status);
                    case.set_classname(file.as_str());
                    suite.add_test_case(case);
                }
                suite
            }
            FileOutcome::Assessed(a) => {
                let file = &text::visible(&a.loaded.source.name).into_owned();
                let mut suite = TestSuite::new(file.as_str());
                suite.add_property(Property::new("regelsæt", a.pack.name.as_str()));
                suite.add_property(Property::new("vurdering", a.verdict_danish()));
                suite.add_property(Property::new("kørsel", a.gate(fail_on).key()));
                suite.add_property(Property::new("vurderet_pr", a.as_of.to_string()));
                for f in &a.findings {
                    let (line, column) = super::place(f);
                    let place = format!("{file}:{line}:{column}");
                    let mut out = None;
                    let status = match f.status {
                        Status::Passed => TestCaseStatus::success(),
                        Status::NotApplicable => {
                            let mut s = TestCaseStatus::skipped();
                            s.set_message(f.message.as_str());
                            s
                        }
                        Status::Failed if f.fails_gate(fail_on) => {
                            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                            let status = status_with_waiver(f, file);
                            s.set_message(f.message.as_str())
                                .set_type(f.level.danish())
                                .set_description(format!("Sted: {place}\n{status}\n{}\n{}", f.message, f.help));
                            s
                        }
                        // Not met, but not counted by this run's gate: passes, with the reason.
                        Status::Failed => {
                            let status = status_with_waiver(f, file);
                            out = Some(format!("{} ({status}): {place}: {}", f.level.danish(), f.message));
                            TestCaseStatus::success()
                        }
                    };
                    // Finding texts are already visible; XML's own limits are kept once more here.
                    let status = xml_safe(status);
                    let mut case = TestCase::new(format!("{} {}", f.rule.id, f.rule.title), status);
                    case.set_classname(format!("{}.{}", f.rule.pack, f.rule.heading.key()));
                    if let Some(out) = out {
                        case.set_system_out(text::xml(&out).into_owned());
                    }
                    suite.add_test_case(case);
                }
                suite
            }
        }
    }
}

/// A test case status with every text XML 1.0 allows.
fn xml_safe(status: TestCaseStatus) -> TestCaseStatus {
    match status {
        TestCaseStatus::NonSuccess { kind, message, ty, description, reruns } => TestCaseStatus::NonSuccess {
            kind,
            message: message.map(|m| text::xml(&m).into_owned().into()),
            ty,
            description: description.map(|d| text::xml(&d).into_owned().into()),
            reruns,
        },
        TestCaseStatus::Skipped { message, ty, description } => TestCaseStatus::Skipped {
            message: message.map(|m| text::xml(&m).into_owned().into()),
            ty,
            description: description.map(|d| text::xml(&d).into_owned().into()),
        },
        other => other,
    }
}
