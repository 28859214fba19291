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
