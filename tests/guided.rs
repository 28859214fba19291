//! What helps a person write and run agreement files: shell completions and the manual page.

mod common;
use common::aftale;

#[test]
fn completions_for_every_shell_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = aftale(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        for command in ["check", "rules", "explain", "letter", "completions", "man", "as-of", "format"] {
            assert!(script.contains(command), "{shell}: {command} missing");
        }
    }
    // bash itself reads the script without a syntax error.
    let out = aftale(&["completions", "bash"]);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("aftale.bash");
    std::fs::write(&path, &out.stdout).expect("written");
    if let Ok(check) = std::process::Command::new("bash").arg("-n").arg(&path).output() {
        assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    }
}

#[test]
fn an_unknown_shell_is_refused_in_danish() {
    let out = aftale(&["completions", "cmd"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bash"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_manual_page_is_roff_with_every_command() {
    let out = aftale(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains(".TH aftale 1"), "{page}");
    for command in ["check", "rules", "explain", "letter", "completions"] {
        assert!(page.contains(command), "{command} missing");
    }
    // groff, where installed, formats it without a warning.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("aftale.1");
    std::fs::write(&path, &out.stdout).expect("written");
    if let Ok(formatted) = std::process::Command::new("groff").args(["-k", "-man", "-Tutf8", "-ww"]).arg(&path).output()
    {
        assert!(formatted.status.success(), "{}", String::from_utf8_lossy(&formatted.stderr));
        assert!(
            String::from_utf8_lossy(&formatted.stderr).trim().is_empty(),
            "{}",
            String::from_utf8_lossy(&formatted.stderr)
        );
    }
}

/// The committed rules reference is what `aftale rules --format markdown` prints; regenerate it
/// with `cargo run -- rules --format markdown > docs/regler.md` after changing a rule.
#[test]
fn the_rules_reference_is_up_to_date() {
    let out = aftale(&["rules", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0));
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/regler.md")).expect("docs/regler.md");
    let generated = String::from_utf8_lossy(&out.stdout);
    assert!(
        committed == generated,
        "docs/regler.md is out of date: run `cargo run -- rules --format markdown > docs/regler.md`"
    );
    // Every rule of every pack is in it, with its evidence.
    for id in ["SA001", "SA024", "SA032", "SA070"] {
        assert!(generated.contains(&format!("**{id} ")), "{id}");
    }
    assert!(generated.contains("- Status: ikke verificeret:") && generated.contains("- Citat: «"));
}

/// `aftale init` writes a starting file that loads without input errors (what is missing makes
/// `check` exit 1), never overwrites a file without `--force`, and says what to do next.
#[test]
fn init_writes_a_starting_file_that_loads() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (region, period, pack) in
        [("Hovedstaden", "2024-2027", "bek-2022"), ("Region Syddanmark", "2019-2023", "bek-2018")]
    {
        let path = dir.path().join(format!("{period}.yaml"));
        let file = path.to_str().expect("utf-8");
        let out = aftale(&["init", "--region", region, "--periode", period, "-o", file, "--as-of", "2023-06-01"]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("aftale check"), "says what to do next");
        let text = std::fs::read_to_string(&path).expect("written");
        assert!(text.contains("[[Udfyld:") && text.contains(&format!("# Regelsæt: {pack}")), "{text}");
        assert!(text.contains("#   Midtvejsstatus: senest"), "{text}");
        let check = aftale(&["check", file, "--as-of", "2023-06-01", "--format", "json"]);
        assert_eq!(check.status.code(), Some(1), "{}", String::from_utf8_lossy(&check.stderr));
        let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
        assert_eq!(json["ruleset"], pack);

        // Not again without --force; with it, yes.
        let again = aftale(&["init", "--region", region, "--periode", period, "-o", file]);
        assert_eq!(again.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
        let forced = aftale(&["init", "--region", region, "--periode", period, "-o", file, "--force"]);
        assert_eq!(forced.status.code(), Some(0));
    }
    // Every municipality of the region is listed as pending.
    let out = aftale(&["init", "--region", "Nordjylland", "--periode", "2024-2027"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().filter(|l| l.starts_with("    ") && l.ends_with(": null")).count(), 11, "{text}");
}

#[test]
fn init_refuses_what_it_cannot_write_in_danish() {
    let cases: [(&[&str], &str); 3] = [
        (&["--region", "Hovedstadn", "--periode", "2024-2027"], "Mente du «Hovedstaden»?"),
        (&["--region", "Hovedstaden", "--periode", "2024"], "to årstal"),
        (&["--region", "Hovedstaden", "--periode", "2028-2031"], "hvor Region Østdanmark dannes"),
    ];
    for (args, says) in cases {
        let mut all = vec!["init"];
        all.extend_from_slice(args);
        let out = aftale(&all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

/// In an 80-column terminal the report's tables and its verdict lines fit: the width is the
/// terminal's own. (Runs where `script` can give the program a terminal.)
#[test]
fn an_80_column_terminal_gets_tables_that_fit() {
    let bin = env!("CARGO_BIN_EXE_aftale");
    let command = format!(
        "stty rows 40 cols 80; {bin} check examples/hovedstaden-2024-2027.yaml --as-of 2026-11-22 --color never"
    );
    let Ok(out) = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLUMNS")
        .output()
    else {
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    if !text.contains("Generelt") {
        return; // `script` could not run the program here
    }
    let tables: Vec<&str> = text.lines().filter(|l| l.starts_with(['┌', '│', '╞', '├', '└'])).collect();
    assert!(tables.len() > 20);
    for line in tables.iter().chain(text.lines().filter(|l| l.starts_with("Kan godkendes")).collect::<Vec<_>>().iter())
    {
        assert!(line.chars().count() <= 80, "{} columns: {line}", line.chars().count());
    }
}

/// In an 80-column terminal an input error's source lines are cut to fit too: a long line with
/// an unknown key far to the right is drawn around the key, within 80 columns.
#[test]
fn an_80_column_terminal_gets_input_errors_that_fit() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("bred.yaml");
    let long = "a".repeat(60);
    let text = format!(
        "format: 1\ntitel: {}\nregion: Nordjylland\nbehandling: {{ høring: {{ fra: 2023-01-01, til: 2023-02-01 }}, {long}: 1 }}\n",
        "x".repeat(150)
    );
    std::fs::write(&path, text).expect("written");
    let bin = env!("CARGO_BIN_EXE_aftale");
    let command = format!("stty rows 40 cols 80; {bin} check {} --color never", path.display());
    let Ok(out) =
        std::process::Command::new("script").args(["-qec", &command, "/dev/null"]).env_remove("COLUMNS").output()
    else {
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    if !text.contains("aftale::ukendt_nøgle") {
        return; // `script` could not run the program here
    }
    assert!(text.contains("╰── ukendt nøgle"), "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{} columns: {line}", line.chars().count());
    }
}

/// Columns are characters, 1-based, in every format, also on a line with æ, ø and å before the
/// place: `  Hjørring: http://…` points at column 13 in the report, JSON, SARIF and GitHub output.
#[test]
fn columns_count_characters_in_every_format() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/nordjylland-2024-2027.yaml"))
        .expect("the example");
    let changed = text.replace("  Hjørring: https://", "  Hjørring: http://");
    assert_ne!(changed, text);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("sundhedsaftale.yaml");
    std::fs::write(&path, changed).expect("written");
    let file = path.to_str().expect("utf-8");
    let line = text.lines().position(|l| l.starts_with("  Hjørring: https://")).expect("the line") + 1;
    let run = |format: &str| {
        String::from_utf8_lossy(&aftale(&["check", file, "--as-of", "2026-11-22", "--format", format]).stdout)
            .into_owned()
    };
    assert!(run("human").contains(&format!("sundhedsaftale.yaml:{line}:13]")), "human");
    assert!(run("github").contains(&format!("line={line},col=13,title=SA063")), "github");
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("JSON");
    let sa063 =
        json["findings"].as_array().and_then(|f| f.iter().find(|f| f["rule"] == "SA063")).cloned().expect("SA063");
    assert_eq!((sa063["line"].as_u64(), sa063["column"].as_u64()), (Some(line as u64), Some(13)));
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).expect("SARIF");
    let results = sarif["runs"][0]["results"].as_array().cloned().unwrap_or_default();
    let region = results.iter().find(|r| r["ruleId"].as_str().is_some_and(|id| id.ends_with("SA063"))).expect("SA063")
        ["locations"][0]["physicalLocation"]["region"]
        .clone();
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(line as u64), Some(13)));
}

/// bash's own completion, driven as the shell drives it, offers the names the arguments expect.
#[test]
fn bash_completes_regions_municipalities_packs_and_rules() {
    let out = aftale(&["completions", "bash"]);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("aftale.bash");
    std::fs::write(&path, &out.stdout).expect("written");
    let script = format!(
        r#"source '{}'
for words in "aftale init --region Ho" "aftale letter x.yaml --kommune Gento" "aftale explain SA01" \
             "aftale check --ruleset bek" "aftale check x.yaml --ignore SA06"; do
  COMP_WORDS=($words); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); COMP_LINE="$words"; COMP_POINT=${{#COMP_LINE}}
  _aftale aftale "${{COMP_WORDS[-1]}}" "${{COMP_WORDS[-2]}}"
  echo "$words => ${{COMPREPLY[*]}}"
done"#,
        path.display()
    );
    let Ok(ran) = std::process::Command::new("bash").arg("-c").arg(script).output() else { return };
    let said = String::from_utf8_lossy(&ran.stdout);
    for expected in [
        "--region Ho => Hovedstaden",
        "--kommune Gento => Gentofte",
        "explain SA01 => SA010 SA011",
        "--ruleset bek => bek-2018 bek-2022",
        "--ignore SA06 => SA060 SA061 SA062 SA063",
    ] {
        assert!(said.contains(expected), "{expected}:\n{said}\n{}", String::from_utf8_lossy(&ran.stderr));
    }
}

/// One page holds every command's options; `--dir` writes a page per command for
/// `man aftale-check`, and keeps pages that are there without `--force`.
#[test]
fn the_manual_has_every_commands_options_and_a_page_per_command() {
    let page = String::from_utf8_lossy(&aftale(&["man"]).stdout).into_owned();
    for section in [".SH \"AFTALE CHECK\"", ".SH \"AFTALE STATUS\"", ".SH \"AFTALE SERVER\""] {
        assert!(page.contains(section), "{section} missing");
    }
    assert!(page.contains("\\-\\-select") && page.contains("\\-\\-kommune"), "the commands' options are on the page");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = aftale(&["man", "--dir", d]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    for name in ["aftale.1", "aftale-check.1", "aftale-letter.1", "aftale-status.1", "aftale-server.1"] {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap_or_default();
        assert!(text.starts_with(".ie") || text.contains(".TH"), "{name}: {text:.80}");
    }
    assert!(String::from_utf8_lossy(&out.stderr).contains("aftale-check.1 er skrevet"));
    assert_eq!(aftale(&["man", "--dir", d]).status.code(), Some(2));
    assert_eq!(aftale(&["man", "--dir", d, "--force", "-q"]).status.code(), Some(0));
    assert_eq!(aftale(&["man", "--dir", "findes/ikke"]).status.code(), Some(2));
}

/// A rule id from the command line that no pack has is shown harmlessly, with a suggestion.
#[test]
fn an_unknown_rule_id_is_shown_harmlessly() {
    for args in [
        &["explain", "SA01\u{1b}[31m"][..],
        &["check", "examples/nordjylland-2024-2027.yaml", "--ignore", "SA01\u{1b}[31m"],
    ] {
        let out = aftale(args);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains('\u{1b}'), "{stderr}");
        assert!(stderr.contains("findes ikke i noget regelsæt"), "{stderr}");
    }
}
