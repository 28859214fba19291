//! Properties of the binary's output that case files cannot state: colour, and determinism.

mod common;
use common::aftale_with_env as aftale;

const CHECK: [&str; 4] = ["check", "examples/hovedstaden-2024-2027.yaml", "--as-of", "2026-11-22"];

#[test]
fn no_colour_when_stdout_is_not_a_terminal() {
    let out = aftale(&CHECK, &[]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
}

#[test]
fn colour_always_colours_and_never_does_not() {
    let always = aftale(&[&CHECK[..], &["--color", "always"]].concat(), &[("NO_COLOR", "1")]);
    assert!(String::from_utf8_lossy(&always.stdout).contains("\x1b["));
    let never = aftale(&[&CHECK[..], &["--color", "never"]].concat(), &[]);
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\x1b'));
    assert_eq!(always.status.code(), never.status.code());
}

#[test]
fn force_color_and_clicolor_force_colour_a_pipe_and_no_color_wins() {
    let coloured = |env: &[(&str, &str)]| String::from_utf8_lossy(&aftale(&CHECK, env).stdout).contains("\x1b[");
    assert!(coloured(&[("FORCE_COLOR", "1")]));
    assert!(coloured(&[("CLICOLOR_FORCE", "1")]));
    assert!(!coloured(&[("FORCE_COLOR", "0")]));
    assert!(!coloured(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    // A terminal with TERM=dumb gets no colour: checked by hand with `script`, which gives
    // the program a terminal (see the README's "Using it").
}

#[test]
fn columns_sets_the_width_of_a_pipe_too() {
    let out = aftale(&CHECK, &[("COLUMNS", "60")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let borders: Vec<&str> = stdout.lines().filter(|l| l.starts_with('┌')).collect();
    assert!(!borders.is_empty());
    assert!(borders.iter().all(|l| l.chars().count() <= 60), "{borders:?}");
    // `explain` wraps its fields and paragraphs; only an address and the YAML examples may not.
    let out = aftale(&["explain", "SA011"], &[("COLUMNS", "60")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let prose = stdout.split("\nEksempel, der opfylder").next().unwrap();
    for line in prose.lines().filter(|l| !l.trim_start().starts_with("https://")) {
        assert!(line.chars().count() <= 60, "{line}");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for format in ["human", "json"] {
        let args = [&CHECK[..], &["--format", format]].concat();
        let first = aftale(&args, &[]);
        let second = aftale(&args, &[]);
        assert_eq!(first.stdout, second.stdout, "{format}");
        assert_eq!(first.stderr, second.stderr, "{format}");
    }
}

#[test]
fn json_is_valid_and_has_the_documented_keys() {
    let out = aftale(&[&CHECK[..], &["--format", "json"]].concat(), &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    for key in ["file", "ruleset", "as_of", "verdict", "summary", "findings"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    for key in ["failed", "recommendations", "accepted", "passed", "not_applicable"] {
        assert!(v["summary"].get(key).is_some(), "missing summary.{key}");
    }
    let finding = &v["findings"][0];
    for key in ["rule", "title", "level", "status", "heading", "source", "message", "help", "line", "column"] {
        assert!(finding.get(key).is_some(), "missing findings[].{key}");
    }
    for key in ["document", "section", "title"] {
        assert!(finding["source"].get(key).is_some(), "missing source.{key}");
    }
}

#[test]
fn rules_explain_schema_and_man_write_a_file_with_o_and_keep_an_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    for (args, starts) in [
        (&["rules"][..], "bek-2022"),
        (&["explain", "SA011"][..], "SA011 Aftalen har et versionsnummer"),
        (&["schema"][..], "{"),
        (&["man"][..], ".ie"),
    ] {
        let path = dir.path().join(format!("{}.txt", args[0]));
        let target = path.to_str().unwrap();
        let out = aftale(&[args, &["-o", target]].concat(), &[]);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty(), "{args:?}");
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.starts_with(starts), "{args:?}: {}", &written[..written.len().min(80)]);
        // Again: the file is kept unless --force says otherwise; `-o -` is standard output.
        assert_eq!(aftale(&[args, &["-o", target]].concat(), &[]).status.code(), Some(2), "{args:?}");
        assert_eq!(aftale(&[args, &["-o", target, "--force"]].concat(), &[]).status.code(), Some(0), "{args:?}");
        let dash = aftale(&[args, &["-o", "-"]].concat(), &[]);
        assert_eq!(String::from_utf8_lossy(&dash.stdout), written, "{args:?}");
    }
}

/// The status table fits the width at 140, 100, 80 and 50 columns and never splits a word:
/// every word of the steps' texts is whole somewhere in the output.
#[test]
fn the_status_table_fits_the_width_and_never_splits_a_word() {
    let args = ["status", "examples/midtjylland-2024-2027.yaml", "--as-of", "2026-02-01"];
    let json = aftale(&[&args[..], &["--format", "json"]].concat(), &[]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut words: Vec<String> = Vec::new();
    for step in json["files"][0]["steps"].as_array().unwrap() {
        for field in ["title", "detail"] {
            words.extend(step[field].as_str().unwrap_or_default().split_whitespace().map(str::to_owned));
        }
    }
    assert!(words.iter().any(|w| w == "Sundhedssamarbejdsudvalgets"), "{words:?}");
    for width in ["140", "100", "80", "50"] {
        let out = aftale(&args, &[("COLUMNS", width)]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let limit: usize = width.parse().unwrap();
        for line in stdout.lines() {
            assert!(line.chars().count() <= limit, "{width}: {line}");
        }
        let shown: Vec<&str> =
            stdout.split(|c: char| c.is_whitespace() || "│┆".contains(c)).filter(|w| !w.is_empty()).collect();
        for word in &words {
            let whole = |s: &&str| *s == word || s.strip_suffix(':') == Some(word.as_str());
            assert!(shown.iter().any(whole), "{width}: «{word}» is split");
        }
    }
}
