//! A hostile repository around the agreement: a committed `.aftale.yaml`, ignore files, FIFOs,
//! links to devices, thousands of files, odd names – and hostile command-line values and output
//! targets. Each repository is built here, in a scratch folder (devices are made with `mknod`
//! there when the tests run as root, never the real `/dev`). Every case must end calmly: an exit
//! code of 0, 1 or 2 as stated, no panic, in time, under 300 MB, no CI command sequence
//! (`##vso[`, `##[`) anywhere on stdout or stderr, nothing written but the requested output, and
//! no input replaced.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NORDJYLLAND: &str = include_str!("../examples/nordjylland-2024-2027.yaml");
const MEMORY_LIMIT_KB: i64 = 300 * 1024;
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// What a run printed, how it ended, and its own peak memory.
struct Ran {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
    rss_kb: i64,
}

/// Runs `aftale` in `dir` with `stdin` from a file when given, measuring the child's own peak
/// resident memory (wait4), and checks what every run must.
#[allow(clippy::zombie_processes)] // reaped by wait4 below, which also gives its memory
fn run_in(dir: &Path, args: &[&str], stdin: Option<&Path>) -> Ran {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aftale"));
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1").stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(match stdin {
        Some(path) => Stdio::from(std::fs::File::open(path).expect("stdin file")),
        None => Stdio::null(),
    });
    let started = Instant::now();
    let mut child = cmd.spawn().expect("the binary runs");
    let mut out_pipe = child.stdout.take().expect("stdout");
    let mut err_pipe = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let pid = child.id() as libc::pid_t;
    let (status, rss_kb) = loop {
        // SAFETY: wait4 writes only the status and the usage it is given, for our own child.
        unsafe {
            let mut status = 0;
            let mut usage: libc::rusage = std::mem::zeroed();
            let r = libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage);
            if r == pid {
                break (status, usage.ru_maxrss);
            }
        }
        assert!(started.elapsed() < TIME_LIMIT, "{args:?}: still running after {TIME_LIMIT:?}");
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = out_reader.join().unwrap();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
    assert!(libc::WIFEXITED(status), "{args:?}: killed by a signal\n{stderr}");
    let code = libc::WEXITSTATUS(status);
    assert!((0..=2).contains(&code), "{args:?}: exit {code}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: panic\n{stderr}");
    assert!(rss_kb < MEMORY_LIMIT_KB, "{args:?}: {rss_kb} kB resident");
    for (name, text) in [("stdout", String::from_utf8_lossy(&stdout).into_owned()), ("stderr", stderr.clone())] {
        assert!(!text.contains("##vso[") && !text.contains("##["), "{args:?}: a CI command on {name}:\n{text:.3000}");
    }
    Ran { code, stdout, stderr, rss_kb }
}

/// Every file below `dir` (not following links) with its type and, for a regular file, its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (String, Vec<u8>)> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
            let t = meta.file_type();
            let (kind, bytes) = if t.is_symlink() {
                (
                    "link".to_owned(),
                    std::fs::read_link(&path)
                        .map(|p| p.to_string_lossy().into_owned().into_bytes())
                        .unwrap_or_default(),
                )
            } else if t.is_dir() {
                stack.push(path.clone());
                ("dir".to_owned(), Vec::new())
            } else if t.is_file() {
                ("file".to_owned(), std::fs::read(&path).unwrap_or_default())
            } else if t.is_fifo() {
                ("fifo".to_owned(), Vec::new())
            } else if t.is_char_device() {
                ("char".to_owned(), Vec::new())
            } else {
                ("other".to_owned(), Vec::new())
            };
            all.insert(path, (kind, bytes));
        }
    }
    all
}

/// Runs the command and checks that nothing in `dir` changed but `allowed` (the output asked for).
fn run_unchanged(dir: &Path, args: &[&str], stdin: Option<&Path>, allowed: &[&str]) -> Ran {
    let before = snapshot(dir);
    let ran = run_in(dir, args, stdin);
    let mut after = snapshot(dir);
    for name in allowed {
        after.remove(&dir.join(name));
    }
    let mut before = before;
    for name in allowed {
        before.remove(&dir.join(name));
    }
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "{args:?}: files appeared or vanished"
    );
    for (path, was) in &before {
        assert_eq!(Some(was), after.get(path), "{args:?}: {} changed", path.display());
    }
    ran
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

/// A character device node in the scratch folder (as root only): `(1, 3)` is null, `(1, 7)` full.
fn mknod_char(path: &Path, major: u32, minor: u32) -> bool {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string path; fails without privilege, which the caller checks.
    unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(major, minor)) == 0 }
}

/// A repository with one agreement (and `extra` files written as given).
fn repo(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("aftaler")).unwrap();
    std::fs::write(dir.path().join("aftaler/nordjylland.yaml"), NORDJYLLAND).unwrap();
    for (name, text) in extra {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn walk(dir: &Path) -> Ran {
    run_unchanged(dir, &["check", "aftaler", "--as-of", "2026-11-22"], None, &[])
}

#[test]
fn globs_the_library_cannot_compile_are_configuration_errors() {
    let question_marks = format!("udelad: [\"{}\"]\n", "?".repeat(200_000));
    let braces = format!(
        "afvigelser:\n  - filer: \"{}x{}\"\n    regel: SA011\n    begrundelse: x\n",
        "{".repeat(500),
        "}".repeat(500)
    );
    let many: String = std::iter::once("udelad:\n".to_owned())
        .chain((0..50_000).map(|i| format!("  - \"arkiv{i}/*.yaml\"\n")))
        .collect();
    let some: String =
        std::iter::once("udelad:\n".to_owned()).chain((0..2_000).map(|i| format!("  - \"a{i}/*\"\n"))).collect();
    for (name, config, code) in [
        ("? run", question_marks, "aftale::filmønster"),
        ("nested braces", braces, "aftale::filmønster"),
        ("2,000 globs", some, "aftale::filmønster"),
        // Over the configuration's size limit before any glob is compiled.
        ("50,000 globs", many, "aftale::for_stor"),
    ] {
        let dir = repo(&[(".aftale.yaml", &config)]);
        let ran = walk(dir.path());
        assert_eq!(ran.code, 2, "{name}: {}", ran.stderr);
        assert!(ran.stderr.contains(code), "{name}: {}", ran.stderr);
    }
    let dir = repo(&[]);
    let ran = run_unchanged(dir.path(), &["check", "aftaler", "--exclude", &"{".repeat(500)], None, &[]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
}

#[test]
fn ignore_files_that_are_fifos_or_endless_devices_are_refused_at_once() {
    for place in ["aftaler/.gitignore", "aftaler/.ignore", "aftaler/sub/.gitignore", ".gitignore", ".git/info/exclude"]
    {
        for kind in ["fifo", "zero"] {
            let dir = repo(&[]);
            let path = dir.path().join(place);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::create_dir_all(dir.path().join("aftaler/sub")).unwrap();
            std::fs::write(dir.path().join("aftaler/sub/x.yaml"), NORDJYLLAND).unwrap();
            match kind {
                "fifo" => mkfifo(&path),
                _ => symlink("/dev/zero", &path).unwrap(),
            }
            let ran = walk(dir.path());
            assert_eq!(ran.code, 2, "{place} {kind}: {}\n{}", ran.stderr, String::from_utf8_lossy(&ran.stdout));
            assert!(ran.stderr.contains("aftale::ikke_fil"), "{place} {kind}: {}", ran.stderr);
        }
    }
}

#[test]
fn big_ignore_files_and_many_configurations_stay_small() {
    // A 0.8 MB .gitignore of globs: over the ignore files' limit.
    let globs: String = (0..40_000).map(|i| format!("arkiv{i}/**/*.y?ml\n")).collect();
    let dir = repo(&[("aftaler/.gitignore", &globs)]);
    let ran = walk(dir.path());
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert!(ran.rss_kb < 100 * 1024, "{} kB", ran.rss_kb);
    // 1,000 folders, each with its own configuration and agreement: one registry for all.
    let dir = repo(&[]);
    for i in 0..1000 {
        let folder = dir.path().join(format!("aftaler/r{i:04}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(".aftale.yaml"), "regelsæt: bek-2022\n").unwrap();
        std::fs::write(folder.join("aftale.yaml"), NORDJYLLAND).unwrap();
    }
    let ran = run_unchanged(dir.path(), &["check", "aftaler", "--as-of", "2026-11-22", "--quiet"], None, &[]);
    assert!(ran.code < 2, "{}", ran.stderr);
    assert!(ran.rss_kb < 150 * 1024, "{} kB for 1,000 configurations", ran.rss_kb);
}

#[test]
fn sarif_and_junit_for_many_files_are_written_as_they_come() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("mange")).unwrap();
    for i in 0..3000 {
        std::fs::write(dir.path().join(format!("mange/f{i:04}.yaml")), "format: 1\ntitel: x\nregion: Nordjylland\n")
            .unwrap();
    }
    // Run both before reading either: a child forked while this process holds a parsed log
    // would count this process's pages as its own until it execs.
    let mut peaks = Vec::new();
    for format in ["sarif", "junit"] {
        let out = format!("ud.{format}");
        // Not `run_unchanged`: its snapshot of 3,000 files would be inherited by the fork.
        let ran = run_in(dir.path(), &["check", "mange", "--format", format, "-o", &out], None);
        assert_eq!(ran.code, 1, "{}", ran.stderr);
        peaks.push(ran.rss_kb);
    }
    let sarif = std::fs::read_to_string(dir.path().join("ud.sarif")).unwrap();
    assert!(sarif.len() > 3_000_000, "{} bytes", sarif.len());
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(results.len() > 3000);
    for r in results.iter().step_by(97) {
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], r["ruleId"]);
    }
    let junit = std::fs::read_to_string(dir.path().join("ud.junit")).unwrap();
    assert!(roxmltree::Document::parse(&junit).is_ok(), "JUnit is well-formed XML");
    assert_eq!(junit.matches("<testsuite ").count(), 3000);
    // Memory does not grow with the files: far less than the output itself.
    // (Before, a run kept every assessment: 2 GB for 20,000 files in SARIF, 1.2 GB in JUnit.)
    assert!(peaks.iter().all(|kb| *kb < 80 * 1024), "{peaks:?} kB");
}

#[test]
fn ci_commands_and_controls_never_reach_a_log() {
    let evil = "x ##vso[task.setvariable variable=ok]ja ##[error]falsk \u{1b}[2J\u{7}\r\u{202e}";
    let yaml = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\u{1b}', "\\e")
            .replace('\u{7}', "\\a")
            .replace('\r', "\\r")
    };
    let title = NORDJYLLAND.replace("titel: Sundhedsaftalen 2024-2027", &format!("titel: \"{}\"", yaml(evil)));
    let config = format!(
        "afvigelser:\n  - filer: \"ingen/{}\\n::error::x\\n##[error]y\"\n    regel: SA011\n    begrundelse: \"{}\"\n",
        "a",
        yaml(evil)
    );
    let dir = repo(&[(".aftale.yaml", &config)]);
    let odd = dir.path().join(format!("aftaler/{}.yaml", "##vso[task.complete]\u{1b}[31m"));
    std::fs::write(&odd, &title).unwrap();
    for format in ["human", "json", "github", "gitlab", "markdown", "junit", "sarif", "html"] {
        let ran = walk_format(dir.path(), format);
        assert!(ran.code < 2, "{format}: {}", ran.stderr);
    }
    for format in ["human", "json", "markdown", "ics"] {
        let ran =
            run_unchanged(dir.path(), &["status", "aftaler", "--as-of", "2026-11-22", "--format", format], None, &[]);
        assert!(ran.code < 2, "status {format}: {}", ran.stderr);
        let text = String::from_utf8_lossy(&ran.stdout);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
            "status {format}: {text}"
        );
    }
    // Written to a file, a report may later be printed into a log: just as inert.
    for format in ["human", "json", "github", "junit", "sarif", "markdown"] {
        let out = format!("ud-{format}.txt");
        run_unchanged(dir.path(), &["check", "aftaler", "--format", format, "-o", &out], None, &[&out]);
        let written = std::fs::read_to_string(dir.path().join(&out)).unwrap();
        assert!(!written.contains("##vso[") && !written.contains("##["), "{format} file: {written:.2000}");
        std::fs::remove_file(dir.path().join(&out)).unwrap();
    }
    let name = odd.file_name().unwrap().to_str().unwrap().to_owned();
    for format in ["md", "html"] {
        let out = format!("brev.{format}");
        run_unchanged(dir.path(), &["letter", &format!("aftaler/{name}"), "-o", &out], None, &[&out]);
        let written = std::fs::read_to_string(dir.path().join(&out)).unwrap();
        assert!(!written.contains("##vso[") && !written.contains("##["), "letter {format}: {written:.2000}");
    }
    for kind in ["reply", "cover"] {
        let ran = run_unchanged(dir.path(), &["letter", &format!("aftaler/{name}"), "--kind", kind], None, &[]);
        assert_eq!(ran.code, 0, "{kind}: {}", ran.stderr);
    }
    // Values on the command line are shown, never echoed raw.
    for args in [
        vec!["check", "aftaler", "--as-of", "2024-13-01 ##vso[x]\u{1b}[2J"],
        vec!["check", "aftaler", "--format", "##[error]x\u{7}"],
        vec!["check", "--ukendt-##vso[x]\u{1b}"],
        vec!["##vso[task.x]\u{1b}[31m"],
    ] {
        let ran = run_unchanged(dir.path(), &args, None, &[]);
        assert_eq!(ran.code, 2, "{args:?}");
        assert!(!ran.stderr.contains('\u{1b}') && !ran.stderr.contains('\u{7}'), "{args:?}: {}", ran.stderr);
    }
    // The unused acceptance's glob keeps its line breaks visible: no line of its own.
    let ran = walk_format(dir.path(), "human");
    let text = String::from_utf8_lossy(&ran.stdout);
    assert!(!text.lines().any(|l| l.starts_with("::error") || l.starts_with("##")), "{text}");
}

fn walk_format(dir: &Path, format: &str) -> Ran {
    run_unchanged(dir, &["check", "aftaler", "--as-of", "2026-11-22", "--format", format], None, &[])
}

#[test]
fn output_targets_are_written_or_refused_never_replaced() {
    let dir = repo(&[(".aftale.yaml", "regelsæt: bek-2022\n"), ("konfig.yaml", "regelsæt: bek-2022\n")]);
    let d = dir.path();
    let agreement = "aftaler/nordjylland.yaml";
    // The configuration read, the --config file, the agreement given on standard input (named
    // or not), and a link to a file: refused, and nothing changes.
    for (args, stdin) in [
        (vec!["check", agreement, "-o", ".aftale.yaml"], None),
        (vec!["check", agreement, "--config", "konfig.yaml", "-o", "konfig.yaml"], None),
        (vec!["check", "-", "-o", agreement], Some(d.join(agreement))),
        (vec!["check", "-", "--stdin-filename", agreement, "-o", agreement], Some(d.join(agreement))),
        (vec!["status", agreement, "-o", ".aftale.yaml"], None),
        (vec!["letter", agreement, "--force", "-o", ".aftale.yaml"], None),
    ] {
        let ran = run_unchanged(d, &args, stdin.as_deref(), &[]);
        assert_eq!(ran.code, 2, "{args:?}: {}", ran.stderr);
    }
    symlink(d.join(agreement), d.join("rapport.md")).unwrap();
    let ran = run_unchanged(d, &["check", agreement, "-o", "rapport.md"], None, &[]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    std::fs::remove_file(d.join("rapport.md")).unwrap();
    // A FIFO with a reader is written to, and stays a FIFO.
    let fifo = d.join("rør");
    mkfifo(&fifo);
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || std::fs::read(reader_path).unwrap_or_default());
    let ran = run_in(d, &["check", agreement, "--format", "json", "-o", "rør"], None);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(String::from_utf8_lossy(&reader.join().unwrap()).contains("\"verdict\""));
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");
    // Devices, made here (as root): written directly, never replaced; a full one is exit 2.
    if mknod_char(&d.join("null"), 1, 3) && mknod_char(&d.join("full"), 1, 7) {
        let ran = run_in(d, &["check", agreement, "-o", "null"], None);
        assert_eq!(ran.code, 0, "{}", ran.stderr);
        assert!(std::fs::symlink_metadata(d.join("null")).unwrap().file_type().is_char_device());
        let ran = run_in(d, &["check", agreement, "-o", "full"], None);
        assert_eq!(ran.code, 2, "{}", ran.stderr);
        assert!(std::fs::symlink_metadata(d.join("full")).unwrap().file_type().is_char_device());
        // A full disk on standard output is an error too; a closed pipe is not.
        let full = std::fs::OpenOptions::new().write(true).open(d.join("full")).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_aftale"))
            .args(["check", agreement])
            .current_dir(d)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
        for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
            let full = std::fs::OpenOptions::new().write(true).open(d.join("full")).unwrap();
            let out =
                Command::new(env!("CARGO_BIN_EXE_aftale")).args(["completions", shell]).stdout(full).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{shell}: {}", String::from_utf8_lossy(&out.stderr));
        }
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_aftale"))
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "a closed pipe is quiet: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_run_that_checks_nothing_is_unusable() {
    let dir = repo(&[(".aftale.yaml", "udelad: [\"**\"]\n")]);
    for command in ["check", "status"] {
        let ran = run_unchanged(dir.path(), &[command, "aftaler", "--as-of", "2026-11-22"], None, &[]);
        assert_eq!(ran.code, 2, "{command}: {}", ran.stderr);
        assert!(ran.stderr.contains("ingen aftalefil blev tjekket"), "{command}: {}", ran.stderr);
    }
}

#[test]
fn places_values_and_dates_stay_right() {
    // Lone CR line ends: the human diagnostic names the line JSON names.
    let text = "format: 1\rtitel: x\rregion: Nordjylland\rukendt: 1\r";
    let dir = repo(&[("cr.yaml", text)]);
    let ran = run_unchanged(dir.path(), &["check", "cr.yaml"], None, &[]);
    assert!(ran.stderr.contains("cr.yaml:4:1]"), "{}", ran.stderr);
    // An alias to a number is the number.
    let dir = repo(&[("alias.yaml", "format: 1\ntitel: &t 2024\nregion: Nordjylland\nversion: *t\n")]);
    let ran = run_unchanged(dir.path(), &["check", "alias.yaml", "--format", "json"], None, &[]);
    assert!(ran.code < 2, "{}", ran.stderr);
    let ran = run_unchanged(dir.path(), &["check", "alias.yaml"], None, &[]);
    assert!(String::from_utf8_lossy(&ran.stdout).contains("version 2024"));
    // Extreme dates and reminders are refused with a clear error, not written to a calendar.
    let far = NORDJYLLAND.replace("ikrafttrædelse: 2024-01-01", "ikrafttrædelse: 9999-01-01");
    let dir = repo(&[("langt.yaml", &far)]);
    let ran = run_unchanged(dir.path(), &["status", "langt.yaml", "--format", "ics"], None, &[]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    for args in [["--as-of", "0001-01-01"], ["--remind-days", "1000000000"]] {
        let ran =
            run_unchanged(dir.path(), &[&["status", "aftaler", "--format", "ics"][..], &args[..]].concat(), None, &[]);
        assert_eq!(ran.code, 2, "{args:?}: {}", ran.stderr);
    }
}

#[test]
fn max_size_cannot_be_raised_past_what_memory_allows() {
    let dir = repo(&[]);
    let ran = run_unchanged(dir.path(), &["check", "aftaler", "--max-size", "64M"], None, &[]);
    assert_eq!(ran.code, 2);
    // The largest allowed, with a 30 MB line: still under the limit.
    let line = format!("format: 1\ntitel: \"{}\"\nregion: Nordjylland\n", "x".repeat(30 << 20));
    std::fs::write(dir.path().join("stor.yaml"), line).unwrap();
    let ran = run_unchanged(dir.path(), &["check", "stor.yaml", "--max-size", "32M", "--format", "json"], None, &[]);
    assert!(ran.code < 2, "{}", ran.stderr);
}
