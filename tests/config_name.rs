//! The repository configuration is `.aftale.yaml`; an agreement named `aftale.yaml` — the name
//! most people would give it — is an agreement, whether named, read from standard input, or
//! drafted into a letter. The old name is read as a configuration only where it plainly is one.

mod common;
use common::aftale_in as run_in;

const AGREEMENT: &str = include_str!("../examples/nordjylland-2024-2027.yaml");

#[test]
fn an_agreement_named_aftale_yaml_is_an_agreement() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("aftale.yaml"), AGREEMENT).expect("written");
    let as_of = ["--as-of", "2026-11-22"];

    let out = run_in(dir.path(), &["check", "aftale.yaml", as_of[0], as_of[1]], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    let out = run_in(dir.path(), &["check", "-", as_of[0], as_of[1]], Some(AGREEMENT));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    let out = run_in(dir.path(), &["letter", "aftale.yaml", as_of[0], as_of[1]], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Region Nordjylland"));

    // As one file of a directory, too.
    let out = run_in(dir.path(), &["check", ".", as_of[0], as_of[1], "--format", "json"], None);
    let run: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(run["totals"]["files"], 1, "{run}");
}

#[test]
fn the_configuration_is_a_dot_file_and_the_old_name_is_read_where_it_is_plainly_one() {
    let config = "niveauer:\n  SA011: info\n";
    for name in [".aftale.yaml", "aftale.yaml"] {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let without_version = AGREEMENT.replace("\nversion: \"1.1\"\n", "\n");
        std::fs::write(dir.path().join("sundhedsaftale.yaml"), &without_version).expect("written");
        std::fs::write(dir.path().join(name), config).expect("written");
        let out = run_in(dir.path(), &["check", ".", "--as-of", "2026-11-22", "--format", "json"], None);
        let run: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(run["totals"]["files"], 1, "{name}: the configuration is not an agreement: {run}");
        let findings = run["files"][0]["findings"].as_array().cloned().unwrap_or_default();
        let sa011 = findings.iter().find(|f| f["rule"] == "SA011").cloned().unwrap_or_default();
        assert_eq!(sa011["level_override"]["level"], "info", "{name}: {run}");
    }
}
