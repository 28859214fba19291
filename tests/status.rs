//! `aftale status`: the agreement's life on the examples at several dates, its formats, and the
//! calendar read back with an independent iCalendar parser (the `ical` crate).

mod common;

use common::aftale;
use serde_json::Value;

/// The JSON status of one file as of a date, and the exit code.
fn status(file: &str, as_of: &str) -> (Value, Option<i32>) {
    let out = aftale(&["status", file, "--as-of", as_of, "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    (json["files"][0].clone(), out.status.code())
}

fn step<'a>(file: &'a Value, key: &str) -> &'a Value {
    file["steps"].as_array().unwrap().iter().find(|s| s["key"] == key).unwrap_or_else(|| panic!("no step {key}"))
}

/// The Hovedstaden agreement with an invented date for every step (a test fixture).
const HOVEDSTADEN: &str = "tests/fixtures/hovedstaden-illustrativ.yaml";

/// The faithful example: what the seeds state, and no date they do not give.
const FAITHFUL: &str = "examples/hovedstaden-2024-2027.yaml";

/// Approvals recorded without dates are approvals; a decision without a date shows none; the
/// receipt proves the submission; a step before a recorded one has happened (issue 18, D25).
#[test]
fn the_faithful_example_shows_no_date_the_seeds_do_not_give() {
    let (file, code) = status(FAITHFUL, "2024-03-01");
    assert_eq!(code, Some(0), "{file}");
    for key in ["regionsråd", "kommuner", "indsendelse", "modtaget", "afgørelse", "udvalg", "høring"] {
        assert_eq!(step(&file, key)["state"], "done", "{key}: {}", step(&file, key));
    }
    for key in ["regionsråd", "kommuner", "indsendelse", "afgørelse", "udvalg", "høring"] {
        assert!(step(&file, key)["done_on"].is_null(), "{key} has no date in any seed: {}", step(&file, key));
    }
    assert_eq!(step(&file, "modtaget")["done_on"], "2024-01-09");
    assert_eq!(step(&file, "afgørelse")["detail"], "godkendt (datoen er ikke oplyst)");
    assert_eq!(step(&file, "kommuner")["detail"], "ikke alle datoer er oplyst; 29 af 29 har godkendt");
    let submitted = step(&file, "indsendelse")["detail"].as_str().unwrap_or_default().to_owned();
    assert!(
        submitted.contains("efter fristen") && submitted.contains("afsendelsesdatoen er ikke oplyst"),
        "{submitted}"
    );
    let councils = step(&file, "kommuner")["councils"]["municipalities"].as_array().unwrap().clone();
    assert!(councils.iter().all(|c| c["state"] == "approved" && c["date"].is_null()), "{councils:?}");
}

#[test]
fn before_the_reply_deadline_the_pending_councils_are_named() {
    let (file, code) = status(HOVEDSTADEN, "2023-11-29");
    assert_eq!(code, Some(0), "nothing is overdue yet");
    let councils = step(&file, "kommuner");
    assert_eq!(councils["state"], "due");
    // The committee's reply date in the cover letter (seed 000).
    assert_eq!(councils["due"], "2023-12-21");
    assert_eq!(councils["days_left"], 22);
    assert_eq!(councils["rule"], "SA021");
    let detail = councils["detail"].as_str().unwrap();
    assert!(detail.starts_with("9 af 29 har godkendt; mangler: Allerød,"), "{detail}");
    assert!(detail.contains("København") && !detail.contains("Albertslund"), "{detail}");
    let pending: Vec<&Value> =
        councils["councils"]["municipalities"].as_array().unwrap().iter().filter(|c| c["state"] == "pending").collect();
    assert_eq!(pending.len(), 20);
    assert_eq!(step(&file, "regionsråd")["state"], "due");
    assert_eq!(step(&file, "indsendelse")["due"], "2024-01-01");
    assert_eq!(step(&file, "høring")["state"], "done");
    assert_eq!(step(&file, "midtvejsstatus")["state"], "not_yet");
}

#[test]
fn after_submission_the_agreement_is_decided_and_the_first_year_runs() {
    let (file, code) = status(HOVEDSTADEN, "2024-03-01");
    assert_eq!(code, Some(0));
    let submitted = step(&file, "indsendelse");
    assert_eq!(submitted["state"], "done");
    assert_eq!(submitted["done_on"], "2024-01-09");
    assert_eq!(submitted["detail"], "8 dage efter fristen", "submitted after the postponed deadline");
    assert_eq!(step(&file, "modtaget")["done_on"], "2024-01-09");
    // The fixture records the decision, not its date: no date is shown (D25).
    assert_eq!(step(&file, "afgørelse")["detail"], "godkendt (datoen er ikke oplyst)");
    assert!(step(&file, "afgørelse")["done_on"].is_null());
    assert_eq!(step(&file, "kommuner")["detail"], "29 af 29 har godkendt");
    assert_eq!(step(&file, "offentliggørelse")["state"], "done");
    let first = step(&file, "revisionsvurdering-1");
    assert_eq!((first["state"].as_str(), first["due"].as_str()), (Some("due"), Some("2024-12-31")));
    assert_eq!(step(&file, "midtvejsstatus")["due"], "2026-01-01");
}

#[test]
fn after_the_midterm_deadline_a_status_not_sent_is_overdue() {
    // Hovedstaden's file records the midterm status sent on 15 December 2025.
    let (file, code) = status(HOVEDSTADEN, "2026-02-01");
    assert_eq!(code, Some(0));
    assert_eq!(step(&file, "midtvejsstatus")["state"], "done");
    assert_eq!(step(&file, "midtvejsstatus")["done_on"], "2025-12-15");
    assert_eq!(step(&file, "revisionsvurdering-2")["state"], "done");
    // The same file read as of the day before it was sent: due, then overdue after the deadline.
    let (before, _) = status(HOVEDSTADEN, "2025-12-14");
    assert_eq!(step(&before, "midtvejsstatus")["state"], "due");
    assert_eq!(step(&before, "midtvejsstatus")["days_left"], 18);
    // Without the midterm status recorded: overdue after 1 January 2026, and the run fails.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("uden-midtvejsstatus.yaml");
    let text = std::fs::read_to_string(HOVEDSTADEN).unwrap().replace("  midtvejsstatus: { sendt: 2025-12-15 }", "");
    std::fs::write(&path, text).unwrap();
    let (file, code) = status(path.to_str().unwrap(), "2026-02-01");
    let midterm = step(&file, "midtvejsstatus");
    assert_eq!(midterm["state"], "overdue", "{midterm}");
    assert_eq!(midterm["days_left"], -31);
    assert_eq!(code, Some(1));
}

#[test]
fn a_recorded_committee_path_shows_how_far_a_case_has_come() {
    let (file, _) = status("examples/midtjylland-2024-2027.yaml", "2023-12-15");
    let councils = &step(&file, "kommuner")["councils"]["municipalities"];
    let named = |n: &str| councils.as_array().unwrap().iter().find(|c| c["name"] == n).unwrap().clone();
    assert_eq!(named("Favrskov")["state"], "approved");
    assert_eq!(named("Favrskov")["date"], "2023-12-12");
    assert_eq!(named("Samsø")["state"], "pending");
    assert_eq!(named("Samsø")["last_committee"], "Økonomiudvalget");
    // As of before the council's meeting, the approval has not happened yet.
    let (early, _) = status("examples/midtjylland-2024-2027.yaml", "2023-12-01");
    let councils = &step(&early, "kommuner")["councils"]["municipalities"];
    let favrskov = councils.as_array().unwrap().iter().find(|c| c["name"] == "Favrskov").unwrap();
    assert_eq!(favrskov["state"], "pending");
    assert_eq!(favrskov["last_committee"], "Voksen- og plejeudvalget");
}

/// Each event's UID, start date and alarm trigger, read by the `ical` crate.
fn read_events(ics: &[u8]) -> Vec<(String, String, String, Vec<String>)> {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics));
    let calendar = parser.next().expect("one calendar").expect("a calendar the parser accepts");
    assert!(parser.next().is_none());
    calendar
        .events
        .iter()
        .map(|e| {
            let prop = |name: &str| {
                e.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default()
            };
            let triggers = e
                .alarms
                .iter()
                .flat_map(|a| a.properties.iter().filter(|p| p.name == "TRIGGER").filter_map(|p| p.value.clone()))
                .collect();
            (prop("UID"), prop("DTSTART"), prop("SUMMARY"), triggers)
        })
        .collect()
}

#[test]
fn the_calendar_holds_the_deadlines_ahead_with_stable_identifiers() {
    let out = aftale(&["status", HOVEDSTADEN, "--as-of", "2024-03-01", "--format", "ics", "--remind-days", "21"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(text.lines().all(|l| l.len() <= 75), "lines are folded at 75 octets");
    let events = read_events(&out.stdout);
    let start = |uid_part: &str| {
        events.iter().find(|e| e.0.contains(uid_part)).map(|e| e.1.clone()).unwrap_or_else(|| panic!("{uid_part}"))
    };
    assert_eq!(start("-midtvejsstatus-"), "20260101");
    assert_eq!(start("-slutstatus-"), "20270630");
    assert_eq!(start("-udloeb-"), "20271231");
    assert_eq!(start("-revisionsvurdering-1-"), "20241231");
    assert!(!events.iter().any(|e| e.0.contains("indsendelse")), "a deadline met is not ahead");
    assert!(events.iter().all(|e| e.3 == ["-P21D"]), "every event reminds 21 days before");
    let uids: std::collections::BTreeSet<&String> = events.iter().map(|e| &e.0).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    // A later status of the same agreement keeps the identifiers, so a calendar updates.
    let later = aftale(&["status", HOVEDSTADEN, "--as-of", "2026-02-01", "--format", "ics"]);
    let later = read_events(&later.stdout);
    let slutstatus = later.iter().find(|e| e.1 == "20270630").unwrap();
    assert!(slutstatus.0.starts_with("region-hovedstaden-2024-2027-slutstatus-"), "{}", slutstatus.0);
    assert!(slutstatus.0.ends_with("@aftale"));
    assert!(later.iter().all(|e| uids.contains(&e.0)));
    assert!(later.iter().all(|e| e.3 == ["-P14D"]), "14 days by default");
    // The same file as of the same date gives the same bytes.
    let again = aftale(&["status", HOVEDSTADEN, "--as-of", "2024-03-01", "--format", "ics", "--remind-days", "21"]);
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn several_files_get_one_line_each_and_an_overdue_step_fails_the_run() {
    let out = aftale(&["status", HOVEDSTADEN, "examples/midtjylland-2024-2027.yaml", "--as-of", "2026-02-01"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].starts_with("tests/fixtures/hovedstaden-illustrativ.yaml: Region Hovedstaden"), "{stdout}");
    assert!(lines[1].contains("frist") && lines[1].contains("overskredet"), "{stdout}");
}

#[test]
fn the_calendar_written_exits_0_and_fail_on_decides_for_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("frister.ics");
    let ics = ics.to_str().unwrap();
    let base = ["status", HOVEDSTADEN, "examples/midtjylland-2024-2027.yaml", "--as-of", "2026-02-01"];
    let run = |extra: &[&str]| aftale(&[&base[..], extra].concat()).status.code();
    // A deadline is overdue on this date: the report fails the run, the calendar is written.
    assert_eq!(run(&[]), Some(1));
    assert_eq!(run(&["--format", "ics", "-o", ics]), Some(0));
    assert!(std::fs::read_to_string(ics).unwrap().starts_with("BEGIN:VCALENDAR"));
    assert_eq!(run(&["--format", "ics", "-o", ics, "--fail-on", "overdue", "--force"]), Some(1));
    assert_eq!(run(&["--format", "json", "--fail-on", "never"]), Some(0));
}

#[test]
fn values_from_the_file_stay_text_in_markdown_and_the_calendar() {
    let hostile = std::fs::read_to_string(HOVEDSTADEN)
        .unwrap()
        .replace("titel: Sundhedsaftale 2024-2027", "titel: \"| **x** <b>\\r\\nBEGIN:VEVENT\\n# h\"");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aftale.yaml");
    std::fs::write(&path, hostile).unwrap();
    let path = path.to_str().unwrap();
    let md = aftale(&["status", path, "--as-of", "2024-03-01", "--format", "markdown"]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("\\| \\*\\*x\\*\\* \\<b\\>"), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("# h")));
    let ics = aftale(&["status", path, "--as-of", "2024-03-01", "--format", "ics"]);
    let text = String::from_utf8_lossy(&ics.stdout);
    let begins = text.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count();
    assert_eq!(begins, read_events(&ics.stdout).len(), "no event smuggled in");
    assert!(text.contains(r"<b>\\r\\nBEGIN:VEVENT"), "the title's line break is shown as text");
    assert!(!text.contains('\r') || text.split("\r\n").all(|l| !l.contains('\r')), "no bare carriage return");
}

#[test]
fn after_the_reform_the_status_names_the_region_that_holds_the_duties() {
    let (file, _) = status("examples/sjaelland-2024-2027.yaml", "2027-03-01");
    assert_eq!(file["region"], "Region Sjælland");
    assert_eq!(file["duty_holder"], "Region Østdanmark");
    let (before, _) = status("examples/sjaelland-2024-2027.yaml", "2026-12-31");
    assert!(before["duty_holder"].is_null());
}

/// The Markdown status is a GFM table a Markdown reader takes as one: every row has the six
/// cells of the header, also when the agreement's title and a committee hold `|`.
#[test]
fn the_markdown_status_is_one_table_whatever_the_values() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let hostile = std::fs::read_to_string("examples/midtjylland-2024-2027.yaml")
        .unwrap()
        .replace("udvalg: Økonomiudvalget, dato: 2023-12-06", "udvalg: \"Øk | udvalg\", dato: 2023-12-06")
        .lines()
        .map(|l| if l.starts_with("titel:") { "titel: \"| a | b |\"" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aftale.yaml");
    std::fs::write(&path, hostile).unwrap();
    let out = aftale(&["status", path.to_str().unwrap(), "--as-of", "2023-12-15", "--format", "markdown"]);
    let md = String::from_utf8(out.stdout).unwrap();
    let (mut rows, mut cells, mut widths) = (0, 0, Vec::new());
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableRow | Tag::TableHead) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                rows += 1;
                widths.push(cells);
            }
            _ => {}
        }
    }
    assert_eq!(rows, 17, "the header and 16 steps:\n{md}");
    assert!(widths.iter().all(|w| *w == 6), "{widths:?}\n{md}");
    assert!(md.contains("\\| a \\| b \\|"), "{md}");
}

#[test]
fn an_unreadable_file_or_an_input_as_output_is_refused() {
    let out = aftale(&["status", "findes-ikke.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("findes-ikke.yaml findes ikke"));
    assert!(out.stdout.is_empty(), "its errors are on stderr only");
    let out = aftale(&["status", HOVEDSTADEN, "--format", "ics", "-o", HOVEDSTADEN]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("er en af de filer, der læses"));
    // Among several files, the readable ones are still followed; the run is unusable (exit 2).
    let out = aftale(&["status", HOVEDSTADEN, "findes-ikke.yaml", "--as-of", "2024-03-01"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Region Hovedstaden") && stdout.contains("findes-ikke.yaml: kan ikke læses"), "{stdout}");
}

/// Two files for the same region and period (a draft beside the agreement) give events that do
/// not overwrite each other.
#[test]
fn two_files_of_one_agreement_have_their_own_calendar_identifiers() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("udkast.yaml");
    std::fs::copy(HOVEDSTADEN, &copy).unwrap();
    let out = aftale(&["status", HOVEDSTADEN, copy.to_str().unwrap(), "--as-of", "2024-03-01", "--format", "ics"]);
    let events = read_events(&out.stdout);
    let uids: std::collections::BTreeSet<&String> = events.iter().map(|e| &e.0).collect();
    assert!(events.len() > 2);
    assert_eq!(uids.len(), events.len(), "UIDs are unique per file");
}
