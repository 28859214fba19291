//! GitLab's Code Quality report (`artifacts: reports: codequality`): a JSON array with one issue
//! per finding not met and per input error, each with a description, a check name, a stable
//! fingerprint, a severity and the file's path and line, so that the findings appear on a merge
//! request's diff. The format is GitLab's subset of the Code Climate issue
//! (<https://docs.gitlab.com/ci/testing/code_quality/>).

use serde::Serialize;

use super::PartOptions;
use crate::diagnostic::status_with_waiver;
use crate::evaluate::Finding;
use crate::rules::Level;
use crate::run::FileOutcome;

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The law's weight as GitLab's severity: a content requirement blocks approval (critical), a
/// process requirement is major, a recommendation minor, a remark info. A finding the parties
/// accept is info: the description still says what the law requires.
fn severity(finding: &Finding) -> &'static str {
    if finding.is_waived() {
        return "info";
    }
    match finding.level {
        Level::Indholdskrav => "critical",
        Level::Proceskrav => "major",
        Level::Anbefaling => "minor",
        Level::Info => "info",
    }
}

/// A fingerprint that stays the same when lines move: FNV-1a over the path and the check.
fn fingerprint(path: &str, check: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.bytes().chain([0]).chain(check.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A path as GitLab matches it against the repository: relative, `/`-separated, without `./`.
fn path(file: &str) -> String {
    file.replace('\\', "/").trim_start_matches("./").to_owned()
}

fn issue(file: &str, check: String, description: String, severity: &'static str, line: usize) -> Issue {
    let path = path(file);
    Issue {
        fingerprint: fingerprint(&path, &check),
        description,
        check_name: check,
        severity,
        location: Location { path, lines: Lines { begin: line.max(1) } },
    }
}

/// One file's issues, one JSON object per line.
pub fn part(file: &FileOutcome, settings: &PartOptions) -> String {
    let issues: Vec<Issue> = match file {
        FileOutcome::Unusable { file, errors } => errors
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let line = e.line_column().map_or(1, |(l, _)| l);
                let help = e.help.as_deref().map(|h| format!(" {h}")).unwrap_or_default();
                let description = format!("{}: filen kan ikke bruges: {}{help}", e.code, e.message);
                issue(file, format!("aftale/{}/{i}", e.code), description, "blocker", line)
            })
            .collect(),
        FileOutcome::Assessed(a) => a
            .findings
            .iter()
            .filter(|f| f.is_unmet() && (!settings.options.quiet || f.fails_gate(settings.fail_on)))
            .map(|f| {
                let name = &a.loaded.source.name;
                let mut description = format!("{} {} ({}): {}", f.rule.id, f.rule.title, f.level.danish(), f.message);
                if f.is_waived() {
                    description.push_str(&format!(" Status: {}.", status_with_waiver(f, name)));
                }
                let check = format!("aftale/{}/{}", f.rule.pack, f.rule.id);
                issue(name, check, description, severity(f), super::place(f).0)
            })
            .collect(),
    };
    let lines: Vec<String> = issues
        .iter()
        .map(|i| format!("  {}", crate::text::json(serde_json::to_string(i).unwrap_or_default())))
        .collect();
    lines.join(",\n")
}

/// The array's end; `any` says whether an issue was written.
pub fn foot(any: bool) -> String {
    if any { "\n]\n".to_owned() } else { "]\n".to_owned() }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fingerprints_are_stable_and_distinct() {
        let a = super::fingerprint("aftaler/a.yaml", "aftale/bek-2022/SA023");
        assert_eq!(a, super::fingerprint("aftaler/a.yaml", "aftale/bek-2022/SA023"));
        assert_ne!(a, super::fingerprint("aftaler/b.yaml", "aftale/bek-2022/SA023"));
        assert_ne!(a, super::fingerprint("aftaler/a.yaml", "aftale/bek-2022/SA022"));
    }
}
