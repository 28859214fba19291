//! One policy for files named with `-o`, in every command: an existing file is kept unless
//! `--force` is given, the file written is confirmed on standard error, and `-q` leaves only
//! errors there.

mod common;
use common::aftale;

const AGREEMENT: &str = "examples/hovedstaden-2024-2027.yaml";

#[test]
fn every_command_keeps_an_existing_file_confirms_what_it_writes_and_is_quiet_with_q() {
    let commands: &[&[&str]] = &[
        &["check", AGREEMENT, "--as-of", "2027-03-01"],
        &["status", AGREEMENT, "--as-of", "2027-03-01", "--format", "ics"],
        &["letter", AGREEMENT, "--as-of", "2027-03-01"],
        &["init", "--region", "Nordjylland", "--periode", "2024-2027", "--as-of", "2023-06-01"],
        &["import", "tests/import/seed-002.txt"],
        &["rules"],
        &["explain", "SA011"],
        &["schema"],
        &["man"],
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, command) in commands.iter().enumerate() {
        let target = dir.path().join(format!("ud-{i}.md"));
        let target = target.to_str().unwrap();
        std::fs::write(target, "mit eget indhold").unwrap();
        let with = |extra: &[&str]| aftale(&[command, &["-o", target][..], extra].concat());
        let kept = with(&[]);
        let stderr = String::from_utf8_lossy(&kept.stderr);
        assert_eq!(kept.status.code(), Some(2), "{command:?}: {stderr}");
        assert!(stderr.contains("overskrives ikke") && stderr.contains("--force"), "{command:?}: {stderr}");
        assert_eq!(std::fs::read_to_string(target).unwrap(), "mit eget indhold", "{command:?}");

        let written = with(&["--force"]);
        let stderr = String::from_utf8_lossy(&written.stderr);
        assert_eq!(written.status.code(), Some(0), "{command:?}: {stderr}");
        assert!(written.stdout.is_empty(), "{command:?}: only the file is written");
        assert!(stderr.contains(&format!("aftale: {target} er skrevet")), "{command:?}: {stderr}");
        assert_ne!(std::fs::read_to_string(target).unwrap(), "mit eget indhold", "{command:?}");

        let quiet = with(&["--force", "-q"]);
        assert_eq!(quiet.status.code(), Some(0), "{command:?}");
        assert!(quiet.stderr.is_empty(), "{command:?}: {}", String::from_utf8_lossy(&quiet.stderr));
    }
}

#[test]
fn a_device_is_written_to_not_kept() {
    if std::path::Path::new("/dev/null").exists() {
        let out = aftale(&["schema", "-o", "/dev/null"]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
}
