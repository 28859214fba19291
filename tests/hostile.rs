//! Hostile input: every case runs through every output format of `check` and every form of the
//! letter, as the binary a user runs. For each: the documented exit code, no panic, bounded time
//! and memory, a small stderr, nothing from the input raw on a terminal, no input-made line a CI
//! runner or a Markdown renderer would act on, well-formed XML and valid JSON.
//!
//! The cases are generated here (some are too big to commit); the files in `tests/hostile/` are
//! inputs the fuzzer found, kept as regression cases.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

#[path = "common/safety.rs"]
mod safety;

use aftale::output::Format;

const NORDJYLLAND: &str = include_str!("../examples/nordjylland-2024-2027.yaml");
const HOVEDSTADEN: &str = include_str!("../examples/hovedstaden-2024-2027.yaml");

/// How long one run may take (a debug build, on a shared 2-core machine).
const TIME_LIMIT: Duration = Duration::from_secs(20);
/// The most any run may use, in kB of resident memory.
const MEMORY_LIMIT_KB: i64 = 768 * 1024;
/// The most any run may write to stderr.
const STDERR_LIMIT: usize = 1 << 20;

/// What `check` must end with.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// Exactly this exit code.
    Exit(i32),
    /// The file loads: 0 or 1, whatever the rules find.
    Loads,
}

enum Content {
    Text(String),
    Bytes(Vec<u8>),
    /// A named pipe with no writer.
    Fifo,
    /// A symbolic link to this path.
    Link(&'static str),
}

struct Case {
    name: &'static str,
    content: Content,
    expect: Expect,
}

fn text(name: &'static str, content: String, expect: Expect) -> Case {
    Case { name, content: Content::Text(content), expect }
}

/// Nordjylland (which meets every rule) with its title replaced by a YAML double-quoted string.
fn titled(title: &str) -> String {
    NORDJYLLAND.replace("titel: Sundhedsaftalen 2024-2027", &format!("titel: \"{title}\""))
}

/// Nordjylland with one more entry among the municipalities (a YAML key, double-quoted).
fn with_municipality(key: &str) -> String {
    NORDJYLLAND.replace("    Aalborg: 2023-12-11\n", &format!("    Aalborg: 2023-12-11\n    \"{key}\": 2023-12-11\n"))
}

fn cases() -> Vec<Case> {
    use Expect::*;
    let many_strangers: String = (0..20_000).map(|i| format!("    Fremmed{i}: 2023-12-11\n")).collect();
    let big_value = "x".repeat(4 << 20);
    let mut alias_bomb =
        String::from("format: 1\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (i, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"]) {
        alias_bomb.push_str(&format!(
            "{i}: &{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    let mut binary: Vec<u8> = b"format: 1\ntitel: ".to_vec();
    binary.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let nfd = HOVEDSTADEN.replace("Tårnby", "Ta\u{30a}rnby").replace("fokusområder:", "fokusomra\u{30a}der:");
    vec![
        // Terminal injection.
        text(
            "escape sequences",
            titled(r"a\e[2J\e[H\e]8;;https://evil.example\e\\link\e]8;;\e\\ \e]52;c;ZXZpbA==\a b"),
            Exit(0),
        ),
        text("carriage return over the verdict", titled(r"x\rKan godkendes · alt er opfyldt"), Exit(0)),
        text("C1 controls and NUL", titled(r"a\x85b\x9bc\0d\x7f"), Exit(0)),
        text("bidi overrides", titled(r"a\u202Ab\u202Bc\u202Dd\u202Ee\u2066f\u2067g\u2068h\u2069i"), Exit(0)),
        text("escape in a municipality", with_municipality(r"\e[31mAarhus\e[0m"), Exit(1)),
        // CI-log injection.
        text(
            "workflow commands in the title",
            titled(
                r"::error::falsk\n::add-mask::hemmelig\n::stop-commands::stop\n##[error]x\n##vso[task.complete result=Succeeded]",
            ),
            Exit(0),
        ),
        text("workflow commands in a municipality", with_municipality(r"\n::error file=x::falsk"), Exit(1)),
        // Markdown injection.
        text(
            "markdown in the title",
            titled(
                r"# Overskrift\n| a | b |\n|---|---|\n[klik](javascript:alert(1)) ![b](https://e.example/b.png) <script>alert(1)</script> <img src=x onerror=alert(1)>",
            ),
            Exit(0),
        ),
        text("markdown in a municipality", with_municipality(r"# H [x](javascript:y) <b>z</b>"), Exit(1)),
        // XML.
        text("C0 controls and noncharacters", titled(r"a\x01b\x08c\x0bd\x1fe\uFFFEf\uFFFFg"), Exit(0)),
        // Unicode.
        text("decomposed names and keys", nfd, Exit(0)),
        text("lone surrogate escape", titled(r"a\ud800b"), Exit(2)),
        // Size and position.
        text(
            "label at column 70000",
            format!(
                "format: 1\ntitel: x\nregion: Nordjylland\nikrafttrædelse: 2024-01-01\nbehandling: {{{}kommuner: {{Aarhus: 2023-01-01}}}}\n",
                " ".repeat(70_000)
            ),
            Exit(1),
        ),
        text(
            "a 4 MB municipality name",
            // A plain key may be at most 1024 characters; an explicit key (`? …`) may be any length.
            NORDJYLLAND.replace(
                "    Aalborg: 2023-12-11\n",
                &format!("    Aalborg: 2023-12-11\n    ? \"{big_value}\"\n    : 2023-12-11\n"),
            ),
            Exit(1),
        ),
        text("a 4 MB plain key", with_municipality(&big_value), Exit(2)),
        text("a 4 MB region", titled("x").replace("region: Nordjylland", &format!("region: {big_value}")), Exit(2)),
        text("a 4 MB unknown key", format!("format: 1\ntitel: x\nregion: Nordjylland\n{big_value}: 1\n"), Exit(2)),
        text(
            "20000 unknown municipalities",
            NORDJYLLAND.replace("    Aalborg: 2023-12-11\n", &format!("    Aalborg: 2023-12-11\n{many_strangers}")),
            Exit(1),
        ),
        text("over the size limit", format!("format: 1\ntitel: \"{}\"\n", "y".repeat(17 << 20)), Exit(2)),
        // Special files.
        Case { name: "a FIFO with no writer", content: Content::Fifo, expect: Exit(2) },
        Case { name: "a link to /dev/zero", content: Content::Link("/dev/zero"), expect: Exit(2) },
        // The earlier ones.
        text("alias bomb", alias_bomb, Exit(2)),
        text("deep nesting", format!("format: 1\ntitel: {}\n", "[".repeat(100_000)), Exit(2)),
        text("deep mappings", format!("format: 1\ntitel: {}x{}\n", "{a: ".repeat(50_000), "}".repeat(50_000)), Exit(2)),
        text("duplicate keys", format!("{NORDJYLLAND}titel: igen\n"), Exit(2)),
        Case { name: "binary", content: Content::Bytes(binary), expect: Exit(2) },
        Case {
            name: "invalid UTF-8",
            content: Content::Bytes(b"format: 1\ntitel: \xff\xfe\xc3\x28\n".to_vec()),
            expect: Exit(2),
        },
        text("byte-order mark", format!("\u{feff}{NORDJYLLAND}"), Exit(0)),
        text("CRLF line endings", NORDJYLLAND.replace('\n', "\r\n"), Exit(0)),
        text("two documents", format!("{NORDJYLLAND}---\n{NORDJYLLAND}"), Exit(2)),
        text("tags and odd keys", format!("{NORDJYLLAND}!!binary aGVq: 1\n"), Exit(2)),
        text(
            "custom tag on a value",
            titled("x").replace("region: Nordjylland", "region: !kommune Nordjylland"),
            Loads,
        ),
        text("complex key", "format: 1\n? [a, b]\n: c\n".to_owned(), Exit(2)),
        text("numbers as keys", "format: 1\n1: a\n2.5: b\n".to_owned(), Exit(2)),
        text("empty file", String::new(), Exit(2)),
        text("only comments", "# nothing\n# here\n".to_owned(), Exit(2)),
        text("null bytes only", "\0\0\0\0".to_owned(), Exit(2)),
    ]
}

fn aftale(args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let out =
        Command::new(env!("CARGO_BIN_EXE_aftale")).args(args).env("NO_COLOR", "1").output().expect("the binary runs");
    (out, started.elapsed())
}

/// The largest resident set of any child process so far, in kB.
fn children_max_rss_kb() -> i64 {
    // SAFETY: getrusage only writes the struct it is given.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss
    }
}

fn write_case(dir: &Path, case: &Case) -> PathBuf {
    let path = dir.join(format!("{}.yaml", case.name.replace([' ', '/'], "-")));
    match &case.content {
        Content::Text(t) => std::fs::write(&path, t).unwrap(),
        Content::Bytes(b) => std::fs::write(&path, b).unwrap(),
        Content::Fifo => {
            let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
            // SAFETY: a valid C string and a mode.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        }
        Content::Link(target) => std::os::unix::fs::symlink(target, &path).unwrap(),
    }
    path
}

/// Runs one command and checks what holds for every run; returns its output.
fn run_checked(case: &str, what: &str, args: &[&str]) -> Output {
    let (out, took) = aftale(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    assert!(code.is_some_and(|c| (0..=2).contains(&c)), "{case} / {what}: exit {code:?}\n{stderr:.2000}");
    assert!(!stderr.contains("panicked"), "{case} / {what}: panic\n{stderr:.2000}");
    assert!(took < TIME_LIMIT, "{case} / {what}: took {took:?}");
    assert!(out.stderr.len() < STDERR_LIMIT, "{case} / {what}: {} bytes on stderr", out.stderr.len());
    if let Err(e) = safety::terminal_is_safe(&stderr) {
        panic!("{case} / {what}: stderr: {e}");
    }
    let rss = children_max_rss_kb();
    assert!(rss < MEMORY_LIMIT_KB, "{case} / {what}: {rss} kB resident");
    out
}

fn check_everything(case_name: &str, file: &str, expect: Expect, dir: &Path) {
    check_formats(case_name, file, expect);
    if !matches!(expect, Expect::Exit(2)) {
        check_letters(case_name, file, dir);
        check_status(case_name, file);
    }
}

/// `aftale status` in every format: a calm exit, and output its reader takes as text.
fn check_status(case_name: &str, file: &str) {
    for format in ["human", "html", "json", "markdown", "ics"] {
        let out = run_checked(case_name, format, &["status", file, "--as-of", "2026-11-22", "--format", format]);
        let code = out.status.code().unwrap();
        assert!(code < 2, "{case_name} / status {format}: {}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
        let checked = match format {
            "human" => safety::terminal_is_safe(&stdout),
            "json" => safety::json_is_valid(&stdout),
            "markdown" => safety::markdown_is_safe(&stdout),
            "html" => safety::html_is_safe(&stdout),
            _ => ics_is_safe(&stdout),
        };
        if let Err(e) = checked {
            panic!("{case_name} / status {format}: {e}\n{stdout:.3000}");
        }
    }
}

/// An iCalendar file an independent parser reads, with only the events we wrote: every line
/// ends in CRLF, is folded at 75 octets, and no value starts a component of its own.
fn ics_is_safe(text: &str) -> Result<(), String> {
    let body = text.strip_suffix("\r\n").ok_or("no final CRLF")?;
    for line in body.split("\r\n") {
        if line.contains(['\r', '\n']) {
            return Err(format!("a bare line break: {line:.80}"));
        }
        if line.len() > 75 {
            return Err(format!("a line over 75 octets: {line:.80}"));
        }
    }
    let begins = body.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count();
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser.next().ok_or("no calendar")?.map_err(|e| e.to_string())?;
    if calendar.events.len() != begins {
        return Err(format!("{} events parsed, {begins} written", calendar.events.len()));
    }
    Ok(())
}

fn check_formats(case_name: &str, file: &str, expect: Expect) {
    for format in Format::ALL {
        let name = format.name();
        let out = run_checked(case_name, name, &["check", file, "--as-of", "2026-11-22", "--format", name]);
        let code = out.status.code().unwrap();
        match expect {
            Expect::Exit(e) => assert_eq!(code, e, "{case_name} / {name}: {}", String::from_utf8_lossy(&out.stderr)),
            Expect::Loads => assert!(code < 2, "{case_name} / {name}: {}", String::from_utf8_lossy(&out.stderr)),
        }
        let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
        if let Err(e) = safety::output_is_safe(format, &stdout) {
            panic!("{case_name} / {name}: {e}\n{stdout:.3000}");
        }
    }
}

fn check_letters(case_name: &str, file: &str, dir: &Path) {
    let kinds: [&[&str]; 3] = [&[], &["--kind", "cover"], &["--kind", "agenda", "--kommune", "Aalborg"]];
    for kind in kinds {
        for ext in ["md", "html", "docx"] {
            let target = dir.join(format!("brev.{ext}"));
            let target = target.to_str().unwrap();
            let args = [&["letter", file, "--as-of", "2026-11-22", "--force", "-o", target], kind].concat();
            let out = run_checked(case_name, ext, &args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            // The case presentation is for one of the region's municipalities; Aalborg is
            // Nordjylland's, and the other regions' files get a calm refusal.
            if out.status.code() == Some(2) && stderr.contains("aftale::brevets_kommune") {
                continue;
            }
            assert_eq!(out.status.code(), Some(0), "{case_name} / letter {kind:?} {ext}: {stderr}");
            let bytes = std::fs::read(target).unwrap();
            let checked = match ext {
                "md" => safety::markdown_is_safe(&String::from_utf8(bytes).unwrap()),
                "html" => safety::html_is_safe(&String::from_utf8(bytes).unwrap()),
                _ => safety::docx_is_well_formed(&bytes),
            };
            if let Err(e) = checked {
                panic!("{case_name} / letter {kind:?} {ext}: {e}");
            }
        }
    }
}

#[test]
fn every_hostile_input_gets_a_calm_answer_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for case in cases() {
        let path = write_case(dir.path(), &case);
        let started = Instant::now();
        check_everything(case.name, path.to_str().unwrap(), case.expect, dir.path());
        eprintln!("{:>8.2?}  {}", started.elapsed(), case.name);
    }
}

#[test]
fn the_fuzzers_findings_stay_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let mut found = 0;
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            found += 1;
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // Whatever the rules find; only exit code 2 skips the letters.
            let (out, _) = aftale(&["check", path.to_str().unwrap(), "--as-of", "2026-11-22", "--format", "json"]);
            let expect = if out.status.code() == Some(2) { Expect::Exit(2) } else { Expect::Loads };
            check_everything(&name, path.to_str().unwrap(), expect, dir.path());
        }
    }
    assert!(found > 0, "tests/hostile/ holds the fuzzer's regression cases");
}

#[test]
fn hostile_file_names_are_shown_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["\u{1b}[2J::error::navn.yaml", "linje\n::error::x.yaml", "# overskrift.yaml", "\u{202e}lmay.yaml"] {
        std::fs::write(dir.path().join(name), NORDJYLLAND).unwrap();
    }
    check_formats("hostile file names", dir.path().to_str().unwrap(), Expect::Exit(0));
    // Quiet output starts a line with the file name when a file fails.
    std::fs::write(dir.path().join("::error::fejl.yaml"), with_municipality("Aarhus")).unwrap();
    let out =
        run_checked("quiet", "human", &["check", dir.path().to_str().unwrap(), "--quiet", "--as-of", "2026-11-22"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    if let Err(e) = safety::terminal_is_safe(&stdout) {
        panic!("quiet report: {e}\n{stdout}");
    }
}

#[test]
fn an_input_is_never_replaced_by_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("aftale-2024.yaml");
    std::fs::write(&file, NORDJYLLAND).unwrap();
    let file = file.to_str().unwrap();
    for args in [
        vec!["check", file, "-o", file],
        vec!["check", dir.path().to_str().unwrap(), "-o", file],
        vec!["letter", file, "--format", "markdown", "--force", "-o", file],
    ] {
        let out = run_checked("own file", &args.join(" "), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("overskrives ikke"));
    }
    assert_eq!(std::fs::read_to_string(file).unwrap(), NORDJYLLAND);
    let out = run_checked("letter dir", "letter", &["letter", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("er en mappe"));
}

#[test]
fn max_size_changes_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sundhedsaftale.yaml");
    std::fs::write(&file, NORDJYLLAND).unwrap();
    let file = file.to_str().unwrap();
    let out = run_checked("max-size", "small", &["check", file, "--max-size", "1K"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("større end grænsen på 1 kB"));
    let out = run_checked("max-size", "enough", &["check", file, "--max-size", "1M", "--as-of", "2026-11-22"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_diagnostic_draws_twenty_places_and_says_how_many_more() {
    let dir = tempfile::tempdir().unwrap();
    let strangers: String = (0..500).map(|i| format!("    Fremmed{i}: 2023-12-11\n")).collect();
    let file = dir.path().join("mange.yaml");
    std::fs::write(
        &file,
        NORDJYLLAND.replace("    Aalborg: 2023-12-11\n", &format!("    Aalborg: 2023-12-11\n{strangers}")),
    )
    .unwrap();
    let out = run_checked("many places", "human", &["check", file.to_str().unwrap(), "--as-of", "2026-11-22"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Kun de første 20 af 500 steder i filen er vist."), "{stdout}");
    // 20 source lines, 20 labels and a message naming at most 20: nowhere near all 500.
    assert!(stdout.matches("Fremmed").count() < 100, "{stdout}");
}
