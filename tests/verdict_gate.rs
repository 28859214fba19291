//! The verdict belongs to the law; the gate belongs to the run. For one rule of each level, an
//! accepted deviation in the agreement and a level override in the repository configuration
//! change the gate and the exit code as the README documents, and never the verdict, the JSON
//! `verdict`, or the letter's verdict sentence. Every format shows the waiver with its file and
//! reason.

use std::path::Path;
use std::process::Output;

mod common;
use common::aftale;

const AS_OF: &str = "2026-11-22";
const BASE: &str = include_str!("../examples/nordjylland-2024-2027.yaml");

/// One rule per level, and how to make the complete Nordjylland example fail exactly that rule.
struct Case {
    rule: &'static str,
    level: &'static str,
    /// The status word the report gives the finding.
    word: &'static str,
    mutate: fn(&str) -> String,
    verdict: &'static str,
}

const CASES: [Case; 4] = [
    Case {
        rule: "SA002",
        level: "content_requirement",
        word: "ikke opfyldt",
        mutate: |t| t.replace("    Aalborg: 2023-12-11\n", "    Aalborg: 2023-12-11\n    Aarhus: 2023-12-11\n"),
        verdict: "not_approvable",
    },
    Case {
        rule: "SA023",
        level: "process_requirement",
        word: "ikke opfyldt",
        mutate: |t| t.replace("  indsendt: 2023-12-20", "  indsendt: 2024-02-01"),
        verdict: "approvable",
    },
    Case {
        rule: "SA011",
        level: "recommendation",
        word: "anbefaling",
        mutate: |t| t.replace("\nversion: \"1.1\"\n", "\n"),
        verdict: "approvable",
    },
    Case {
        rule: "SA070",
        level: "info",
        word: "bemærkning",
        mutate: |t| t.lines().filter(|l| !l.starts_with("temaer:")).map(|l| format!("{l}\n")).collect(),
        verdict: "approvable",
    },
];

const REASON: &str = "Vi er uenige.";

fn is_requirement(level: &str) -> bool {
    level.ends_with("requirement")
}

/// The exit code the README documents for an unwaived finding at `level` under `fail_on`.
fn documented_exit(level: &str, fail_on: &str) -> i32 {
    let counts = match fail_on {
        "requirement" => is_requirement(level),
        "recommendation" => is_requirement(level) || level == "recommendation",
        _ => false,
    };
    i32::from(counts)
}

fn check(file: &Path, extra: &[&str]) -> Output {
    let file = file.to_str().unwrap();
    aftale(&[&["check", file, "--as-of", AS_OF][..], extra].concat())
}

fn json(file: &Path, fail_on: &str) -> (i32, serde_json::Value) {
    let out = check(file, &["--format", "json", "--fail-on", fail_on]);
    let value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), value)
}

/// The letter's sentence on the verdict.
fn letter_verdict(file: &Path) -> &'static str {
    let out = aftale(&["letter", file.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let approved = text.contains("Vi kan hermed meddele, at sundhedsaftalen er godkendt.");
    let refused = text.contains("kan ikke godkende sundhedsaftalen i sin nuværende form");
    match (approved, refused) {
        (true, false) => "approvable",
        (false, true) => "not_approvable",
        _ => panic!("the letter must give exactly one verdict:\n{text}"),
    }
}

fn finding<'a>(report: &'a serde_json::Value, rule: &str) -> &'a serde_json::Value {
    report["findings"].as_array().unwrap().iter().find(|f| f["rule"] == rule).unwrap()
}

/// Writes the case's agreement (with `extra` appended) and, if given, a repository configuration.
fn setup(case: &Case, extra: &str, config: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sundhedsaftale.yaml");
    std::fs::write(&file, format!("{}{extra}", (case.mutate)(BASE))).unwrap();
    if let Some(config) = config {
        std::fs::write(dir.path().join(".aftale.yaml"), config).unwrap();
    }
    (dir, file)
}

#[test]
fn each_case_fails_exactly_its_rule() {
    for case in &CASES {
        let (_dir, file) = setup(case, "", None);
        let (_, report) = json(&file, "requirement");
        let failed: Vec<&str> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["status"] == "failed")
            .map(|f| f["rule"].as_str().unwrap())
            .collect();
        assert_eq!(failed, [case.rule]);
        assert_eq!(finding(&report, case.rule)["level"], case.level);
        assert_eq!(report["verdict"], case.verdict);
        assert_eq!(letter_verdict(&file), case.verdict);
        for fail_on in ["requirement", "recommendation", "never"] {
            let (code, report) = json(&file, fail_on);
            let expected = documented_exit(case.level, fail_on);
            assert_eq!(code, expected, "{} --fail-on {fail_on}", case.rule);
            assert_eq!(report["gate"], if expected == 1 { "fail" } else { "pass" });
        }
    }
}

#[test]
fn an_accepted_deviation_passes_the_gate_and_never_changes_the_verdict() {
    for case in &CASES {
        let extra = format!("afvigelser:\n  - regel: {}\n    begrundelse: \"{REASON}\"\n", case.rule);
        let (_dir, file) = setup(case, &extra, None);
        for fail_on in ["requirement", "recommendation", "never"] {
            let (code, report) = json(&file, fail_on);
            assert_eq!(code, 0, "{} accepted, --fail-on {fail_on}", case.rule);
            assert_eq!(report["gate"], "pass");
            assert_eq!(report["verdict"], case.verdict, "{}: the verdict is the law's", case.rule);
            let f = finding(&report, case.rule);
            assert_eq!(f["status"], "failed");
            assert_eq!(f["level"], case.level);
            assert_eq!(f["fails_gate"], false);
            assert_eq!(f["accepted"]["reason"], REASON);
            assert!(f["accepted"]["file"].as_str().unwrap().ends_with("sundhedsaftale.yaml"));
        }
        assert_eq!(letter_verdict(&file), case.verdict);
        let shown = format!("{} – accepteret af {}: {REASON}", case.word, file.display());
        assert_shown_everywhere(&file, &shown, case);
    }
}

#[test]
fn a_deviation_accepted_in_the_configuration_passes_the_gate_and_never_changes_the_verdict() {
    for case in &CASES {
        let config =
            format!("afvigelser:\n  - filer: \"*.yaml\"\n    regel: {}\n    begrundelse: \"{REASON}\"\n", case.rule);
        let (dir, file) = setup(case, "", Some(&config));
        let (code, report) = json(&file, "recommendation");
        assert_eq!(code, 0, "{} accepted by the configuration", case.rule);
        assert_eq!(report["gate"], "pass");
        assert_eq!(report["verdict"], case.verdict, "{}: the verdict is the law's", case.rule);
        let f = finding(&report, case.rule);
        assert_eq!((&f["status"], &f["level"]), (&"failed".into(), &case.level.into()));
        assert!(f["accepted"]["file"].as_str().unwrap().ends_with(".aftale.yaml"));
        assert_eq!(letter_verdict(&file), case.verdict);
        let config_shown = dir.path().join(".aftale.yaml").display().to_string();
        assert_shown_everywhere(&file, &format!("{} – accepteret af {config_shown}: {REASON}", case.word), case);
    }
}

#[test]
fn a_level_override_changes_the_gate_both_ways_and_never_the_verdict() {
    for case in &CASES {
        // Lowered to info (or, for the info rule, raised to a content requirement).
        let (to, to_key, gate_code) =
            if case.level == "info" { ("indholdskrav", "content_requirement", 1) } else { ("info", "info", 0) };
        let config = format!("niveauer:\n  {}: {{ niveau: {to}, begrundelse: \"{REASON}\" }}\n", case.rule);
        let (dir, file) = setup(case, "", Some(&config));
        let (code, report) = json(&file, "recommendation");
        assert_eq!(code, gate_code, "{} overridden to {to}", case.rule);
        assert_eq!(report["gate"], if gate_code == 1 { "fail" } else { "pass" });
        assert_eq!(report["verdict"], case.verdict, "{}: the verdict is the law's", case.rule);
        let f = finding(&report, case.rule);
        assert_eq!(f["level"], case.level);
        assert_eq!(f["level_override"]["level"], to_key);
        assert_eq!(f["level_override"]["reason"], REASON);
        assert_eq!(letter_verdict(&file), case.verdict);
        let config_shown = dir.path().join(".aftale.yaml");
        let config_shown = config_shown.display().to_string();
        let word = match to {
            "info" => "info",
            _ => "indholdskrav",
        };
        let shown = format!("{} – niveau ændret til {word} af {config_shown}: {REASON}", case.word);
        assert_shown_everywhere(&file, &shown, case);
    }
}

#[test]
fn the_short_form_of_a_level_override_works_too() {
    let case = &CASES[0];
    let (_dir, file) = setup(case, "", Some("niveauer:\n  SA002: anbefaling\n"));
    let (code, report) = json(&file, "requirement");
    assert_eq!((code, &report["gate"], &report["verdict"]), (0, &"pass".into(), &"not_approvable".into()));
    let human = String::from_utf8(check(&file, &[]).stdout).unwrap();
    assert!(human.contains("Kan ikke godkendes i sin nuværende form ·"), "{human}");
    assert!(human.contains("Kørslen består (--fail-on requirement), fordi SA002 har fået et andet niveau"), "{human}");
}

/// The waiver text appears in the human report, Markdown, SARIF, JUnit and the GitHub lines.
fn assert_shown_everywhere(file: &Path, shown: &str, case: &Case) {
    // Every format that shows findings one by one (JSON has the waiver as data, tested above).
    for format in aftale::output::Format::ALL.map(aftale::output::Format::name).into_iter().filter(|f| *f != "json") {
        let out = check(file, &["--format", format, "--color", "never"]);
        let text = String::from_utf8_lossy(&out.stdout);
        // Tables and the formats' own escaping wrap or encode the text; compare without them.
        let flat = flatten(&text);
        assert!(flat.contains(&flatten(shown)), "{format} for {} lacks «{shown}»:\n{text}", case.rule);
        if format == "human" {
            let verdict = if case.verdict == "approvable" {
                "Kan godkendes ·"
            } else {
                "Kan ikke godkendes i sin nuværende form ·"
            };
            assert!(text.contains(verdict), "{text}");
        }
    }
}

/// Letters and digits only, in lower case: what survives table wrapping, XML and workflow-command
/// escaping, and a capital at the start of a sentence.
fn flatten(text: &str) -> String {
    let decoded = text.replace("%3A", ":").replace("%2C", ",").replace("%0A", " ");
    decoded.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}
