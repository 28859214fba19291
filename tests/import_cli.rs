//! `aftale import` as a user runs it: the summary on stderr (and as JSON), the draft to stdout
//! or to a file that is never replaced unasked, standard input, and hostile documents – a zip
//! bomb, deep XML, broken and truncated PDFs, text that is not UTF-8, a document too big, text
//! that would act on a terminal or a CI log – each a clear Danish error or a safe draft, exit 2
//! or 0, never a panic, in bounded time.

#![cfg(unix)]

mod common;
#[path = "common/safety.rs"]
#[allow(dead_code)] // the checks of the other outputs
mod safety;

use std::io::Write as _;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::aftale;

fn path(name: &str) -> String {
    format!("{}/tests/import/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `aftale` with `stdin` piped in, in a bounded time.
fn with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aftale"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    // The program may stop reading early (a document too big): a broken pipe is expected.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    out
}

#[test]
fn the_summary_on_stderr_and_the_draft_on_stdout() {
    let out = aftale(&["import", &path("seed-002.txt")]);
    assert_eq!(out.status.code(), Some(0));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stdout.starts_with("# Udkast lavet af `aftale import` fra "), "{stdout}");
    assert!(stdout.contains("\nvisioner:\n"), "{stdout}");
    assert!(stderr.contains("Fundet: region, 4 visioner, 8 principper, 3 fokusområder med 6 mål"), "{stderr}");
    assert!(stderr.contains("Ikke fundet: titel, versionsnummer, ikrafttrædelse og høringsperiode."), "{stderr}");
    assert!(stderr.contains("kør: aftale check aftale.yaml"), "{stderr}");
    let quiet = aftale(&["import", &path("seed-002.txt"), "-q"]);
    assert_eq!((quiet.status.code(), quiet.stderr.len()), (Some(0), 0));
    assert_eq!(quiet.stdout, out.stdout);
}

#[test]
fn the_summary_as_json_for_scripts() {
    let out = aftale(&["import", &path("nordjylland.docx"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(summary["found"][0], "titel");
    assert!(summary["found"].as_array().unwrap().iter().any(|f| f == "4 sundhedsklynger"), "{summary}");
    assert!(summary["not_found"].as_array().unwrap().iter().any(|f| f == "visioner"), "{summary}");
    assert_eq!(summary["uncertain"], serde_json::json!([]));
}

#[test]
fn a_file_is_written_only_when_named_and_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("aftale.yaml");
    let target = target.to_str().unwrap();
    std::fs::write(target, "mit arbejde\n").unwrap();
    let out = aftale(&["import", &path("midtjylland.docx"), "-o", target]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("findes allerede og overskrives ikke"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(target).unwrap(), "mit arbejde\n");
    let out = aftale(&["import", &path("midtjylland.docx"), "-o", target, "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert!(std::fs::read_to_string(target).unwrap().contains("region: Midtjylland"));
    assert!(text(&out.stderr).contains(&format!("kør: aftale check {target}")));
    // The document itself is never the output.
    let copy = dir.path().join("kopi.txt");
    std::fs::copy(path("seed-002.txt"), &copy).unwrap();
    let copy = copy.to_str().unwrap();
    let out = aftale(&["import", copy, "-o", copy, "--force"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(copy).unwrap(), std::fs::read(path("seed-002.txt")).unwrap());
}

#[test]
fn standard_input_with_its_name() {
    let docx = std::fs::read(path("nordjylland.docx")).unwrap();
    let out = with_stdin(&["import", "-", "--stdin-filename", "nordjylland.docx"], &docx);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("version: \"1.1\""));
    assert!(text(&out.stderr).starts_with("Importeret fra nordjylland.docx."));
}

/// A Word document whose main XML is `xml`.
fn docx(xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml).unwrap();
    zip.finish().unwrap().into_inner()
}

/// Runs a hostile document through `import` from standard input; checks the common bounds.
fn hostile(name: &str, bytes: &[u8]) -> Output {
    let start = Instant::now();
    let out = with_stdin(&["import", "-", "--stdin-filename", name], bytes);
    let took = start.elapsed();
    let stderr = text(&out.stderr);
    assert!(took < Duration::from_secs(30), "{name}: {took:?}");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert!(out.stderr.len() < 64 * 1024, "{name}: {} bytes on stderr", out.stderr.len());
    safety::terminal_is_safe(&stderr).unwrap_or_else(|e| panic!("{name}: {e}"));
    out
}

fn refused(name: &str, bytes: &[u8], says: &str) {
    let out = hostile(name, bytes);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
    assert!(stderr.contains(says), "{name}: {stderr}");
    assert!(out.stdout.is_empty(), "{name}");
}

#[test]
fn a_zip_bomb_stops_at_the_bound() {
    // 64 MB of XML that packs to some 60 kB.
    let mut xml = b"<w:document><w:body><w:p><w:r><w:t>".to_vec();
    xml.resize(64 << 20, b' ');
    refused("bombe.docx", &docx(&xml), "fylder mere end 32 MB udpakket");
}

#[test]
fn deep_and_broken_xml() {
    let deep = "<w:sdt>".repeat(200_000);
    let out = hostile("dyb.docx", &docx(format!("<w:document><w:body>{deep}").as_bytes()));
    assert!(matches!(out.status.code(), Some(0 | 2)), "{}", text(&out.stderr));
    refused("brudt.docx", &docx(b"<w:document><w:body><w:p></w:r>"), "Word-dokumentets XML kan ikke læses");
    refused("ikke-zip.docx", b"PK\x03\x04 ikke en zip", "Word-dokumentet kan ikke åbnes");
    refused("tom.docx", &docx(b""), "ingen tekst at importere");
}

#[test]
fn broken_and_truncated_pdfs() {
    refused("skrald.pdf", b"%PDF-1.7\n\x00\xff\xfe skrald", "PDF");
    let pdf = std::fs::read(path("seed-002.pdf")).unwrap();
    for cut in [pdf.len() / 2, pdf.len() - 40, 1000] {
        let out = hostile("afkortet.pdf", &pdf[..cut]);
        assert!(matches!(out.status.code(), Some(0 | 2)), "{cut}: {}", text(&out.stderr));
    }
}

#[test]
fn text_that_is_not_utf8_and_a_document_too_big() {
    refused("latin1.txt", b"Sundhedsaftale for Sj\xe6lland", "hverken Word, PDF eller UTF-8-tekst");
    let big = vec![b'a'; (32 << 20) + 10];
    refused("stor.txt", &big, "større end 32 MB");
}

#[test]
fn a_document_cannot_act_on_a_terminal_or_a_ci_log() {
    let doc = "Vores visioner\n\n\
               \u{1b}[2J::error file=x::Ingen\n\n\
               ##vso[task.setvariable variable=x]1\n\n\
               Vores principper\n\n\
               - Mere \u{202e}lighed\" i: sundhed\n";
    let out = hostile("ond.txt", doc.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let draft = text(&out.stdout);
    // Our YAML comments start with "# "; past that, no line may start a command or a heading,
    // and nothing raw reaches a terminal.
    for line in draft.lines() {
        safety::terminal_is_safe(line.strip_prefix("# ").unwrap_or(line)).unwrap();
        assert!(!line.trim_start().starts_with("::"), "{line}");
    }
    assert!(!draft.contains("##vso["), "{draft}");
    // The draft is still a YAML file that loads.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ond.yaml");
    std::fs::write(&file, &draft).unwrap();
    // A document that names no region leaves the region to fill, and check says so.
    let out = aftale(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("regionen er ikke udfyldt"), "{}", text(&out.stderr));
    std::fs::write(&file, draft.replacen("region: \"[[Udfyld: regionen", "region: Sjælland # \"", 1)).unwrap();
    let out = aftale(&["check", file.to_str().unwrap()]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}\n{}", draft, text(&out.stderr));
}
