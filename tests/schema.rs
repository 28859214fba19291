//! The JSON Schemas editors use: generated from the model, committed under `schema/`, and
//! checked here by a validator that is not this project's code (the `jsonschema` crate) against
//! every example and fixture.

use std::path::{Path, PathBuf};

use aftale::error::SourceFile;
use aftale::reference::Reference;

mod common;
use common::aftale;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("schema").join(name)).expect("the committed schema");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    for (target, file) in [
        ("aftale", "aftale.schema.json"),
        ("konfiguration", "aftale-konfiguration.schema.json"),
        ("uddata", "aftale-uddata.schema.json"),
        ("status", "aftale-status.schema.json"),
    ] {
        let out = aftale(&["schema", "--for", target]);
        assert_eq!(out.status.code(), Some(0));
        let committed = std::fs::read_to_string(root().join("schema").join(file)).expect("committed");
        assert!(
            String::from_utf8_lossy(&out.stdout) == committed,
            "schema/{file} is out of date: run `cargo run -- schema --for {target} > schema/{file}`"
        );
    }
}

/// Every YAML file under `dir`, sorted.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The file as JSON, as an editor's YAML extension sees it; `None` when it is not YAML at all.
fn as_json(path: &Path) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_yaml::from_str(&text).ok()
}

/// Whether aftale loads the file without input errors.
fn loads(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else { return false };
    aftale::load::load(SourceFile::new(path.display().to_string(), text), Reference::builtin()).is_ok()
}

/// Agreement files that aftale reads but the schema refuses, or the other way round, each with
/// the reason the two differ.
const DIFFERENCES: &[(&str, &str)] = &[
    // A date that does not exist (2023-02-30) matches the date pattern, and JSON Schema 2020-12
    // only annotates `format: date`; the loader refuses it, pointing at the line.
    ("examples/fejl/ugyldig-dato.yaml", "a date that does not exist"),
    // Christiansø belongs to no municipality. The schema lists the municipalities' names, so an
    // editor flags it at once; aftale reads the file and reports it as SA002, with the reason.
    ("examples/fejl/manglende-kommuner.yaml", "a name that is no municipality"),
    // JSON Schema sees the parsed value, in which a key occurs once; the loader (and the YAML
    // extension itself) refuse a key written twice.
    ("tests/fixtures/dobbelt-noegle.yaml", "a key written twice"),
];

#[test]
fn every_agreement_the_loader_reads_is_valid_and_every_schema_error_is_refused() {
    let schema = committed("aftale.schema.json");
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let mut checked = 0;
    let mut mismatches = Vec::new();
    for dir in ["examples", "tests/fixtures"] {
        for path in yaml_files(&root().join(dir)) {
            let relative = path.strip_prefix(root()).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            // Configurations, rule packs and CI files are not agreements.
            if name.contains("aftale.yaml") && !relative.starts_with("examples/fejl")
                || relative.contains("regelsaet")
                || relative.contains("repo-regler/regler")
                || relative.starts_with("examples/ci")
            {
                continue;
            }
            let Some(json) = as_json(&path) else { continue };
            checked += 1;
            let valid = validator.is_valid(&json);
            let listed = DIFFERENCES.iter().any(|(f, _)| *f == relative);
            if (valid != loads(&path)) != listed {
                let note = if listed { " (listed as a difference, but they agree)" } else { "" };
                mismatches.push(format!("{relative}: schema {valid}, loader {}{note}", loads(&path)));
            }
        }
    }
    assert!(checked >= 20, "only {checked} files checked");
    assert!(mismatches.is_empty(), "the schema and the loader disagree:\n{}", mismatches.join("\n"));
}

#[test]
fn the_configurations_are_valid() {
    let schema = committed("aftale-konfiguration.schema.json");
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    for dir in ["tests/fixtures/repo", "tests/fixtures/repo-regler"] {
        for name in [".aftale.yaml", "aftale.yaml"] {
            let path = root().join(dir).join(name);
            let Some(json) = as_json(&path) else { continue };
            let errors: Vec<String> = validator.iter_errors(&json).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        }
    }
}

/// Runs each command and validates its JSON on standard output against a committed schema.
fn assert_output_follows(schema_file: &str, runs: &[&[&str]]) {
    let schema = committed(schema_file);
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    for args in runs {
        let out = aftale(args);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let errors: Vec<String> =
            validator.iter_errors(&json).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{args:?}: {errors:?}");
    }
}

/// What `check --format json` prints, for one file, for a directory, and for a file that cannot
/// be used, is valid against the committed output schema.
#[test]
fn the_json_output_follows_its_schema() {
    assert_output_follows(
        "aftale-uddata.schema.json",
        &[
            &["check", "examples/hovedstaden-2024-2027.yaml", "--as-of", "2027-03-01", "--format", "json"],
            &["check", "examples", "--as-of", "2026-11-22", "--format", "json"],
            &["check", "tests/fixtures/syntaksfejl.yaml", "--format", "json"],
            &["check", "tests/fixtures/repo", "--as-of", "2026-11-22", "--format", "json"],
            &["check", "examples/fejl/manglende-kommuner.yaml", "--ignore", "SA002", "--format", "json"],
        ],
    );
}

/// What `status --format json` prints, for one file at several dates, for several files and for
/// a file that cannot be read, is valid against the committed status schema.
#[test]
fn the_status_output_follows_its_schema() {
    assert_output_follows(
        "aftale-status.schema.json",
        &[
            &["status", "examples/hovedstaden-2024-2027.yaml", "--as-of", "2023-11-29", "--format", "json"],
            &["status", "examples/midtjylland-2024-2027.yaml", "--as-of", "2023-12-15", "--format", "json"],
            &["status", "examples", "--as-of", "2027-03-01", "--format", "json"],
            &["status", "tests/fixtures/syntaksfejl.yaml", "--format", "json"],
        ],
    );
}
