//! Walking a documents repository: `.gitignore` and `--exclude` and the configuration's
//! `udelad` leave files out, YAML files that are plainly not agreements are skipped rather than
//! failed, and standard input can carry the file's real name.

use std::path::Path;
use std::process::Output;

mod common;
use common::aftale_in as run_in;

const AGREEMENT: &str = include_str!("../examples/nordjylland-2024-2027.yaml");

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("directories");
    std::fs::write(path, text).expect("written");
}

/// The files the JSON run names, relative to the directory.
fn files(out: &Output) -> Vec<String> {
    let run: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    run["files"].as_array().map_or_else(Vec::new, |f| {
        f.iter().map(|f| f["file"].as_str().unwrap_or_default().trim_start_matches("./").to_owned()).collect()
    })
}

#[test]
fn a_documents_repository_is_walked_as_git_sees_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let d = dir.path();
    write(d, "aftaler/nordjylland.yaml", AGREEMENT);
    write(d, "arkiv/gammel.yaml", AGREEMENT);
    write(d, "kladder/udkast.yaml", AGREEMENT);
    write(d, "build/kopi.yaml", AGREEMENT);
    write(d, ".gitignore", "build/\n");
    // Plainly not agreements: a documentation site's and a compose configuration.
    write(d, "mkdocs.yml", "site_name: Sundhedsaftalen\nnav:\n  - index.md\n");
    write(d, "docker-compose.yml", "services:\n  web:\n    image: nginx\n");
    write(d, ".aftale.yaml", "udelad: [\"arkiv/**\"]\n");
    let args = ["check", ".", "--as-of", "2026-11-22", "--format", "json", "--exclude", "kladder/**"];
    let out = run_in(d, &args, None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(files(&out), ["aftaler/nordjylland.yaml"], "{stderr}");
    assert!(stderr.contains("sprunget over") && stderr.contains("mkdocs.yml"), "{stderr}");

    // A broken agreement is still an agreement: it fails rather than being skipped.
    write(d, "aftaler/brudt.yaml", "titel: Sundhedsaftale 2024-2027\nregion: Nordjylland\n");
    let out = run_in(d, &args, None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(files(&out), ["aftaler/brudt.yaml", "aftaler/nordjylland.yaml"]);

    // A file named on the command line is checked even where a walk would leave it out.
    let out = run_in(d, &["check", "kladder/udkast.yaml", "--as-of", "2026-11-22"], None);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn standard_input_carries_its_real_name() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let d = dir.path();
    write(d, "aftaler/.aftale.yaml", "niveauer:\n  SA023: info\n");
    let late = AGREEMENT.replace("  indsendt: 2023-12-20", "  indsendt: 2024-02-01");
    let args = ["check", "-", "--stdin-filename", "aftaler/nordjylland.yaml", "--as-of", "2026-11-22"];
    let out = run_in(d, &args, Some(&late));
    let report = String::from_utf8_lossy(&out.stdout);
    // The name shows in the report and the configuration beside it applies (SA023 is info there).
    assert!(report.contains("Fil: aftaler/nordjylland.yaml"), "{report}");
    assert_eq!(out.status.code(), Some(0), "{report}");
    let mut sarif_args = args.to_vec();
    sarif_args.extend(["--format", "sarif"]);
    let out = run_in(d, &sarif_args, Some(&late));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF");
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "aftaler/nordjylland.yaml");
}

#[test]
fn no_config_and_no_ignore_leave_the_repository_out() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let d = dir.path();
    write(d, "aftaler/nordjylland.yaml", AGREEMENT);
    write(d, "arkiv/gammel.yaml", AGREEMENT);
    write(d, "build/kopi.yaml", AGREEMENT);
    write(d, ".gitignore", "build/\n");
    write(d, ".aftale.yaml", "udelad: [\"arkiv/**\"]\n");
    let args = ["check", ".", "--as-of", "2026-11-22", "--format", "json"];
    let with = |extra: &[&str]| files(&run_in(d, &[&args[..], extra].concat(), None));
    assert_eq!(with(&[]), ["aftaler/nordjylland.yaml"]);
    assert_eq!(with(&["--no-config"]), ["aftaler/nordjylland.yaml", "arkiv/gammel.yaml"]);
    assert_eq!(with(&["--isolated"]), ["aftaler/nordjylland.yaml", "arkiv/gammel.yaml"]);
    assert_eq!(with(&["--no-ignore"]), ["aftaler/nordjylland.yaml", "build/kopi.yaml"]);
    assert_eq!(with(&["--no-config", "--no-ignore"]).len(), 3);
    // A configuration that cannot be read stops the run, unless it is not looked for.
    write(d, ".aftale.yaml", "niveauer: [\n");
    assert_eq!(run_in(d, &args, None).status.code(), Some(2));
    assert_eq!(run_in(d, &[&args[..], &["--no-config"]].concat(), None).status.code(), Some(0));
}
