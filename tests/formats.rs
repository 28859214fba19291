//! Each output format checked against what its real consumer accepts, on a run over all of
//! `examples/` (which holds approvable, failing and unusable files).
//!
//! `sarif-schema-2.1.0.json` is the OASIS SARIF 2.1.0 JSON schema as shipped in the serde-sarif
//! crate (its `src/schema.json`, `$id` https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json).

use std::path::Path;
use std::process::Output;

mod common;
use common::aftale;

fn check_examples(format: &str) -> Output {
    aftale(&["check", "examples/", "--as-of", "2026-11-22", "--format", format])
}

/// The example files and what each must come to, as (file, verdict or "unusable", fails).
const EXPECTED: [(&str, &str, bool); 11] = [
    ("examples/fejl/manglende-kommuner.yaml", "not_concluded", true),
    ("examples/fejl/mangler-ikrafttraedelse.yaml", "not_approvable", true),
    ("examples/fejl/sen-indsendelse-accepteret.yaml", "approvable", false),
    ("examples/fejl/stavefejl-i-noegle.yaml", "unusable", true),
    ("examples/fejl/ugyldig-dato.yaml", "unusable", true),
    ("examples/hovedstaden-2024-2027.yaml", "approvable", false),
    ("examples/midtjylland-2024-2027.yaml", "not_concluded", true),
    ("examples/nordjylland-2024-2027.yaml", "approvable", false),
    ("examples/sjaelland-2019-2023.yaml", "approvable", false),
    ("examples/sjaelland-2024-2027.yaml", "approvable", false),
    ("examples/syddanmark-2024-2027.yaml", "not_concluded", true),
];

/// The Syddanmark example is not recorded as submitted: SA023 fails there, at `behandling`.
const UNSENT: &str = "examples/syddanmark-2024-2027.yaml";

/// The line of the Syddanmark example's first key under `behandling`, where SA023 points.
fn submitted_line() -> usize {
    let text = std::fs::read_to_string(format!("{}/{UNSENT}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    text.lines().position(|l| l.starts_with("behandling:")).unwrap() + 2
}

#[test]
fn checking_the_examples_directory_gives_each_files_result_and_the_worst_exit_code() {
    let out = check_examples("json");
    // Two examples are deliberately unusable, so the run as a whole is unusable.
    assert_eq!(out.status.code(), Some(2));
    let run: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = run["files"].as_array().unwrap();
    let actual: Vec<(&str, &str)> = files
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap(),
                f["verdict"].as_str().unwrap_or(if f["errors"].is_array() { "unusable" } else { "?" }),
            )
        })
        .collect();
    let expected: Vec<(&str, &str)> = EXPECTED.iter().map(|(f, v, _)| (*f, *v)).collect();
    assert_eq!(actual, expected);
    assert_eq!(run["totals"]["files"], EXPECTED.len());
    assert_eq!(run["totals"]["unusable"], 2);
    assert_eq!(run["totals"]["failing"], EXPECTED.iter().filter(|(_, v, fails)| *fails && *v != "unusable").count());
    assert_eq!(run["gate"], "fail");
    assert_eq!(run["verdict"], "not_approvable");

    // Without the unusable files, the worst is a failing requirement: exit code 1.
    let good: Vec<&str> = EXPECTED.iter().filter(|(_, v, _)| *v != "unusable").map(|(f, _, _)| *f).collect();
    let out = aftale(&[&["check", "--as-of", "2026-11-22"][..], &good].concat());
    assert_eq!(out.status.code(), Some(1));
    // And only files that meet every requirement: exit code 0.
    let passing: Vec<&str> = EXPECTED.iter().filter(|(_, _, fails)| !fails).map(|(f, _, _)| *f).collect();
    let out = aftale(&[&["check", "--as-of", "2026-11-22"][..], &passing].concat());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn every_format_gives_identical_bytes_twice() {
    for format in aftale::output::Format::ALL.map(aftale::output::Format::name) {
        let first = check_examples(format);
        let second = check_examples(format);
        assert!(!first.stdout.is_empty(), "{format}: no output");
        assert_eq!(first.stdout, second.stdout, "{format}: stdout differs between runs");
        assert_eq!(first.stderr, second.stderr, "{format}: stderr differs between runs");
        assert_eq!(first.status.code(), second.status.code());
        let text = String::from_utf8_lossy(&first.stdout);
        assert!(!text.contains(env!("CARGO_MANIFEST_DIR")), "{format}: output holds an absolute path");
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let mut schema: serde_json::Value =
        serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).expect("the schema is JSON");
    // The published schema's pattern for `language` properties ends in a stray `]`, which is not
    // a valid ECMA-262 regular expression, so a validator that checks formats refuses the schema
    // itself. We emit no `language`; the pattern is replaced (in memory only) by the one it means,
    // so every other pattern and format in the schema is checked.
    assert_eq!(
        replace_pattern(&mut schema, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$", "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"),
        2
    );
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).expect("the schema compiles");
    let out = check_examples("sarif");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let errors: Vec<String> =
        validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF does not validate:\n{}", errors.join("\n"));
    // What GitHub's rules ask beyond the schema: every rule has help, and every rule of a pack a
    // help address; relative paths name the base they are relative to.
    for rule in sarif["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules") {
        assert!(rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()), "{}", rule["id"]);
        if rule["id"] != "aftale/input" {
            assert!(rule["helpUri"].as_str().is_some_and(|u| u.starts_with("https://")), "{}", rule["id"]);
        }
    }
    for result in sarif["runs"][0]["results"].as_array().expect("results") {
        assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    }
    // The validator does reject what the standard does not allow.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));

    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let rule_index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[rule_index]["id"], result["ruleId"], "ruleIndex points at the rule");
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(uri).is_file(), "{uri} is a file of the repository");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
        let level = result["level"].as_str().unwrap();
        let expected = match result["properties"]["niveau"].as_str() {
            Some("indholdskrav" | "proceskrav") | None => "error",
            Some("anbefaling") => "warning",
            Some(_) => "note",
        };
        assert_eq!(level, expected, "{result}");
    }
    // The accepted late submission is a suppressed result with its reason.
    let suppressed: Vec<&serde_json::Value> = results.iter().filter(|r| r["suppressions"].is_array()).collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "external");
    // Rules carry their source: help, and a link where one is known.
    let sa011 = rules.iter().find(|r| r["id"] == "bek-2022/SA011").unwrap();
    assert_eq!(sa011["helpUri"], "https://www.retsinformation.dk/eli/retsinfo/2024/9008");
    assert!(sa011["help"]["text"].as_str().unwrap().contains("afsnit 5.1"));
}

fn replace_pattern(value: &mut serde_json::Value, from: &str, to: &str) -> usize {
    match value {
        serde_json::Value::Object(map) => {
            let mut n = 0;
            for (key, v) in map.iter_mut() {
                if key == "pattern" && v == from {
                    *v = serde_json::json!(to);
                    n += 1;
                } else {
                    n += replace_pattern(v, from, to);
                }
            }
            n
        }
        serde_json::Value::Array(items) => items.iter_mut().map(|v| replace_pattern(v, from, to)).sum(),
        _ => 0,
    }
}

#[test]
fn junit_parses_with_a_junit_reader_and_has_the_right_counts() {
    let out = check_examples("junit");
    let xml = String::from_utf8(out.stdout).unwrap();
    let report = quick_junit::Report::deserialize_from_str(&xml).expect("JUnit XML parses");
    assert_eq!(report.test_suites.len(), EXPECTED.len(), "one suite per file");
    let json: serde_json::Value = serde_json::from_slice(&check_examples("json").stdout).unwrap();
    let mut failures = 0;
    let mut tests = 0;
    let mut skipped = 0;
    for (suite, file) in report.test_suites.iter().zip(json["files"].as_array().unwrap()) {
        assert_eq!(suite.name.as_str(), file["file"].as_str().unwrap());
        match file["findings"].as_array() {
            Some(findings) => {
                assert_eq!(suite.test_cases.len(), findings.len(), "one case per rule in {}", suite.name.as_str());
                failures += findings.iter().filter(|f| f["fails_gate"] == true).count();
                skipped += findings.iter().filter(|f| f["status"] == "not_applicable").count();
                tests += findings.len();
            }
            None => tests += suite.test_cases.len(),
        }
    }
    assert_eq!(report.tests, tests);
    assert_eq!(report.failures, failures);
    assert_eq!(report.skipped, skipped);
    assert_eq!(report.errors, 2, "the two unusable examples");
    // A failure carries its message and its place.
    let failed = report
        .test_suites
        .iter()
        .flat_map(|s| &s.test_cases)
        .find(|c| {
            c.name.as_str().starts_with("SA023")
                && matches!(&c.status, quick_junit::TestCaseStatus::NonSuccess { description: Some(d), .. }
                    if d.as_str().contains(UNSENT))
        })
        .expect("the late submission fails");
    let description = match &failed.status {
        quick_junit::TestCaseStatus::NonSuccess { description, message, .. } => {
            assert!(message.as_ref().unwrap().as_str().contains("ikke registreret som indsendt"));
            description.as_ref().unwrap().as_str().to_owned()
        }
        other => panic!("{other:?}"),
    };
    assert!(description.starts_with(&format!("Sted: {UNSENT}:{}:3", submitted_line())), "{description}");
}

#[test]
fn github_lines_follow_the_workflow_command_syntax() {
    // https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands:
    // ::error file={name},line={line},col={col},title={title}::{message}
    let command = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:\r\n]+(,line=[1-9][0-9]*)?(,col=[1-9][0-9]*)?(,title=[^,:\r\n]*)?::[^\r\n]+$",
    )
    .unwrap();
    let out = check_examples("github");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let commands: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with("::")).collect();
    assert!(commands.len() > 10);
    for line in &commands {
        assert!(command.is_match(line), "not a workflow command: {line}");
    }
    // Everything else is the one summary line.
    assert_eq!(lines.len(), commands.len() + 1);
    assert!(lines.last().unwrap().starts_with(&format!("aftale: {} filer tjekket", EXPECTED.len())));
    let at = format!("::error file={UNSENT},line={},col=3,", submitted_line());
    assert!(commands.iter().any(|l| l.starts_with(&at)));
    assert!(
        commands
            .iter()
            .any(|l| l.starts_with("::warning file=examples/hovedstaden-2024-2027.yaml,line=9,col=1,title=SA011"))
    );
}

#[test]
fn markdown_has_the_report_headings_and_valid_tables() {
    let out = check_examples("markdown");
    let text = String::from_utf8(out.stdout).unwrap();
    for heading in [
        "#### Generelt",
        "#### Sammenhæng til de nationale mål for sundhedsvæsenet",
        "#### Afsæt i grundlaget for samarbejde om målgrupper og indsatser",
        "#### Øvrigt",
        "#### Rådgivning",
        "#### Implementering og opfølgning",
        "#### Frister",
        "#### Fund",
    ] {
        assert!(text.contains(heading), "missing {heading}");
    }
    // Every table row has as many cells as its header.
    let mut columns = None;
    for line in text.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let cells = line.replace("\\|", "").matches('|').count();
        match columns {
            None => columns = Some(cells),
            Some(n) => assert_eq!(cells, n, "ragged table row: {line}"),
        }
    }
}

#[test]
fn output_file_is_written_whole_and_never_left_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("aftale.sarif");
    std::fs::write(&target, "gammelt indhold").unwrap();
    let args = [
        "check",
        "examples/nordjylland-2024-2027.yaml",
        "--as-of",
        "2026-11-22",
        "--format",
        "sarif",
        "--output",
        target.to_str().unwrap(),
    ];
    // An existing file is kept without --force, as in every command that writes one.
    let out = aftale(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "gammelt indhold");
    let out = aftale(&[&args[..], &["--force"]].concat());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("aftale.sarif er skrevet"));
    assert!(out.stdout.is_empty(), "nothing on stdout when writing to a file");
    let written = std::fs::read_to_string(&target).unwrap();
    let stdout =
        aftale(&["check", "examples/nordjylland-2024-2027.yaml", "--as-of", "2026-11-22", "--format", "sarif"]).stdout;
    assert_eq!(written.as_bytes(), stdout.as_slice());
    // No temporary files are left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // A directory that does not exist: exit code 2, a Danish message, and nothing written.
    let missing = dir.path().join("findes-ikke").join("aftale.sarif");
    let out = aftale(&[
        "check",
        "examples/nordjylland-2024-2027.yaml",
        "--as-of",
        "2026-11-22",
        "--output",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("uddata kan ikke skrives"));
    assert!(!missing.exists());
}

/// GitLab's Code Quality report, checked against what GitLab documents and its codeclimate
/// parser's schema requires (app/validators/json_schemas/codeclimate.json in gitlab-org/gitlab):
/// an array of issues, each with a description, a fingerprint, a severity and a location with a
/// path; GitLab's severities are info, minor, major, critical and blocker; lines begin at 1. The
/// fingerprints are unique in a report, so GitLab shows every issue.
#[test]
fn gitlab_code_quality_follows_gitlabs_format() {
    let schema = serde_json::json!({
        "type": "array",
        "items": {
            "type": "object",
            "required": ["description", "check_name", "fingerprint", "severity", "location"],
            "properties": {
                "description": { "type": "string", "minLength": 1 },
                "check_name": { "type": "string", "minLength": 1 },
                "fingerprint": { "type": "string", "minLength": 1 },
                "severity": { "enum": ["info", "minor", "major", "critical", "blocker"] },
                "location": {
                    "type": "object",
                    "required": ["path", "lines"],
                    "properties": {
                        "path": { "type": "string", "minLength": 1 },
                        "lines": {
                            "type": "object",
                            "required": ["begin"],
                            "properties": { "begin": { "type": "integer", "minimum": 1 } }
                        }
                    }
                }
            }
        }
    });
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let out = check_examples("gitlab");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let errors: Vec<String> = validator.iter_errors(&report).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let issues = report.as_array().expect("an array");
    assert!(issues.len() > 10);
    let fingerprints: std::collections::BTreeSet<&str> =
        issues.iter().filter_map(|i| i["fingerprint"].as_str()).collect();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
    // The late submission is a major issue on its line; an unreadable file is a blocker.
    assert!(issues.iter().any(|i| i["check_name"] == "aftale/bek-2022/SA023"
        && i["severity"] == "major"
        && i["location"]["path"] == UNSENT
        && i["location"]["lines"]["begin"] == submitted_line()));
    assert!(
        issues.iter().any(|i| i["severity"] == "blocker" && i["location"]["path"] == "examples/fejl/ugyldig-dato.yaml")
    );
    // A file that meets every rule gives an empty report.
    let clean =
        aftale(&["check", "examples/nordjylland-2024-2027.yaml", "--as-of", "2026-11-22", "--format", "gitlab"]);
    assert_eq!(String::from_utf8_lossy(&clean.stdout), "[]\n");
}

/// The HTML report: one self-contained page (no external resource) with the report's headings,
/// the findings with their source lines, the verdict and the gate, for one file and for several.
#[test]
fn the_html_report_is_one_self_contained_page() {
    let out = aftale(&["check", UNSENT, "--as-of", "2026-11-22", "--format", "html"]);
    assert_eq!(out.status.code(), Some(1));
    let html = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"da\">") && html.ends_with("</html>\n"));
    for heading in [
        "Generelt",
        "Sammenhæng til de nationale mål for sundhedsvæsenet",
        "Rådgivning",
        "Implementering og opfølgning",
        "Frister",
        "Fund",
    ] {
        assert!(html.contains(&format!("<h2>{heading}</h2>")), "{heading}");
    }
    assert!(html.contains("<h3>SA023 Aftalen er indsendt til Sundhedsstyrelsen inden fristen</h3>"));
    assert!(html.contains(&format!("<mark>  {} │   udarbejdet_af:", submitted_line())), "the line is marked");
    assert!(html.contains("Kørslen fejler (--fail-on requirement): SA023"));
    for external in ["src=", "href=", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
    // Every place a finding points at, with what was found there, and the rule's source.
    let out = aftale(&["check", "examples/fejl/manglende-kommuner.yaml", "--format", "html"]);
    let html = String::from_utf8(out.stdout).expect("UTF-8");
    let sa002 = &html[html.find("<h3>SA002").unwrap()..];
    let sa002 = &sa002[..sa002.find("</div>").unwrap()];
    assert!(sa002.contains("<mark>  27 │     Brønderslev: 2023-11-29</mark>"), "{sa002}");
    assert!(sa002.contains("└ mangler: Læsø og Morsø"), "{sa002}");
    assert!(sa002.contains("<mark>  32 │     Christiansø: 2023-12-04</mark>"), "{sa002}");
    assert!(sa002.contains("└ Christiansø er aldrig part i en sundhedsaftale"), "{sa002}");
    assert!(sa002.contains("<p class=\"source\">Kilde: Sundhedsloven;"), "{sa002}");
    let many = check_examples("html");
    let html = String::from_utf8(many.stdout).expect("UTF-8");
    assert_eq!(html.matches("<section class=\"file\">").count(), EXPECTED.len());
    assert_eq!(html.matches("<!DOCTYPE html>").count(), 1);
}
