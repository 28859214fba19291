//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding
//! not met, with file, line and column, so each shows as an annotation on the pull request.
//! Syntax and escaping follow GitHub's documentation of workflow commands
//! (<https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands>).

use std::fmt::Write as _;

use super::PartOptions;
use crate::diagnostic::status_with_waiver;
use crate::evaluate::{FailOn, Finding};
use crate::rules::Level;
use crate::run::{FileOutcome, RunSummary};

/// The command for a finding: `error` when it fails the run, `notice` for a remark or an
/// accepted deviation, `warning` for the rest. Annotations are the gate's view; their text always
/// gives the rule pack's level and what the parties did.
fn command(finding: &Finding, fail_on: FailOn) -> &'static str {
    if finding.fails_gate(fail_on) {
        "error"
    } else if finding.acceptance.is_some() || finding.gate_level() == Level::Info {
        "notice"
    } else {
        "warning"
    }
}

/// One file's workflow commands.
pub fn part(file: &FileOutcome, settings: &PartOptions) -> String {
    let (options, fail_on) = (settings.options, settings.fail_on);
    let mut out = String::new();
    match file {
        FileOutcome::Unusable { file, errors } => {
            for e in errors {
                let mut props = format!("file={}", property(file));
                if let Some((line, col)) = e.line_column() {
                    let _ = write!(props, ",line={line},col={col}");
                }
                let _ = write!(props, ",title={}", property(&format!("{}: filen kan ikke bruges", e.code)));
                let help = e.help.as_deref().map(|h| format!("\n{h}")).unwrap_or_default();
                let _ = writeln!(out, "::error {props}::{}", data(&format!("{}{help}", e.message)));
            }
        }
        FileOutcome::Assessed(a) => {
            for f in a.findings.iter().filter(|f| f.is_unmet()) {
                if options.quiet && !f.fails_gate(fail_on) {
                    continue;
                }
                let (line, col) = super::place(f);
                let title = format!("{} {} ({})", f.rule.id, f.rule.title, f.level.danish());
                let detail = if f.is_waived() {
                    format!("Status: {}", status_with_waiver(f, &a.loaded.source.name))
                } else {
                    f.help.clone()
                };
                let _ = writeln!(
                    out,
                    "::{} file={},line={line},col={col},title={}::{}",
                    command(f, fail_on),
                    property(&a.loaded.source.name),
                    property(&title),
                    data(&format!("{}\n{detail}", f.message)),
                );
            }
        }
    }
    out
}

/// The run's summary line, unless quiet and nothing was said.
pub fn foot(summary: &RunSummary, options: super::RenderOptions, any: bool) -> String {
    if options.quiet && !any { String::new() } else { format!("aftale: {}\n", summary.totals.danish()) }
}

/// Escapes a command's message. Control characters other than line breaks (ESC and the like,
/// which a log viewer would act on) are first made visible.
pub fn data(text: &str) -> String {
    crate::text::visible_keep_lines(text).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property (`file=`, `title=`).
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(data("50%\nny linje\r"), "50%25%0Any linje\\r");
        assert_eq!(data("a\u{1b}]52;c;x\u{7}"), "a\\u{1b}]52;c;x\\u{7}");
        assert_eq!(property("SA023: a, b"), "SA023%3A a%2C b");
    }
}
