//! Fidelity to the sources: rules that follow what the law and Sundhedsstyrelsen's practice
//! really say, each case made by changing the complete Nordjylland example so that exactly the
//! point under test differs.

mod common;
use common::aftale;

const AS_OF: &str = "2026-11-22";
const BASE: &str = include_str!("../examples/nordjylland-2024-2027.yaml");

/// The status of every rule when the agreement text is checked as JSON.
fn statuses(text: &str, as_of: &str) -> (i32, serde_json::Value) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // Not `aftale.yaml`: that name is the repository configuration's.
    let path = dir.path().join("sundhedsaftale.yaml");
    std::fs::write(&path, text).expect("written");
    let out = aftale(&["check", "--format", "json", "--as-of", as_of, path.to_str().expect("utf-8")]);
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), json)
}

fn status_of(json: &serde_json::Value, rule: &str) -> String {
    json["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["rule"] == rule))
        .map(|f| f["status"].as_str().unwrap_or_default().to_owned())
        .unwrap_or_else(|| "missing".to_owned())
}

#[test]
fn the_example_meets_every_requirement() {
    let (code, json) = statuses(BASE, AS_OF);
    assert_eq!(code, 0, "{json}");
    for rule in ["SA031", "SA032", "SA041"] {
        assert_eq!(status_of(&json, rule), "passed", "{rule}");
    }
}

/// SA031 asks for the agreement's link to the national goals as a whole (Sundhedsstyrelsen found
/// "tydelig sammenhæng" in Region Hovedstaden's agreement without a link per focus area); the
/// link per focus area is the recommendation SA032.
#[test]
fn the_national_goals_are_linked_by_the_agreement_not_by_every_focus_area() {
    // One focus area without goals: the requirement holds, the recommendation does not.
    let one_unlinked = BASE.replacen("    nationale_mål: [7]\n", "", 1);
    let (_, json) = statuses(&one_unlinked, AS_OF);
    assert_eq!((status_of(&json, "SA031").as_str(), status_of(&json, "SA032").as_str()), ("passed", "failed"));

    // No focus area names a goal, but the follow-up is built on them: still linked.
    let none_linked: String =
        BASE.lines().filter(|l| !l.contains("nationale_mål:")).map(|l| format!("{l}\n")).collect();
    let (_, json) = statuses(&none_linked, AS_OF);
    assert_eq!(status_of(&json, "SA031"), "passed");

    // Neither: the requirement fails and the agreement cannot be approved.
    let no_link = none_linked.replace("Nationale mål for sundhedsvæsenet, ", "");
    let (code, json) = statuses(&no_link, AS_OF);
    assert_eq!((code, status_of(&json, "SA031").as_str()), (1, "failed"));
    assert_eq!(json["verdict"], "not_approvable");
}

/// Sundhedsstyrelsen's advice is conditional: "Ved særligt behov for at udvælge målgrupper og
/// indsatser …". A focus area that selects no target groups is not advised.
#[test]
fn knowledge_and_data_are_advised_only_where_target_groups_are_selected() {
    let no_data = BASE.replace("    datagrundlag: [Sundhedsprofil 2021]\n", "");
    let (_, json) = statuses(&no_data, AS_OF);
    assert_eq!(status_of(&json, "SA041"), "failed");

    let no_selection: String =
        no_data.lines().filter(|l| !l.contains("målgrupper:")).map(|l| format!("{l}\n")).collect();
    let (_, json) = statuses(&no_selection, AS_OF);
    assert_eq!(status_of(&json, "SA041"), "not_applicable");
}

/// Almen praksis takes part but is not a party (sundhedslovens § 205): named where the
/// agreement is published, it is neither required nor an error.
#[test]
fn almen_praksis_named_outside_the_councils_is_not_an_error() {
    let with_plo = BASE.replace(
        "offentliggørelse:\n",
        "offentliggørelse:\n  PLO-Nordjylland: https://www.laeger.dk/plo-nordjylland\n",
    );
    assert_ne!(with_plo, BASE);
    let (code, json) = statuses(&with_plo, AS_OF);
    assert_eq!((code, status_of(&json, "SA063").as_str(), status_of(&json, "SA002").as_str()), (0, "passed", "passed"));

    // In `behandling.kommuner` it is not a council: SA002 says so.
    let as_council =
        BASE.replace("    Aalborg: 2023-12-11\n", "    Aalborg: 2023-12-11\n    PLO-Nordjylland: 2023-12-11\n");
    assert_ne!(as_council, BASE);
    let (_, json) = statuses(&as_council, AS_OF);
    assert_eq!(status_of(&json, "SA002"), "failed");
}

const HOVEDSTADEN: &str = "examples/hovedstaden-2024-2027.yaml";

/// From 1 January 2027 Region Østdanmark takes over Region Hovedstaden's rights and duties
/// (overgangslovens § 126): the report, the JSON and the letter say who now holds them, and the
/// region is still judged on the agreement's own dates.
#[test]
fn after_the_merger_region_oestdanmark_holds_the_duties() {
    let out = aftale(&["check", "--as-of", "2027-03-01", HOVEDSTADEN]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("Forpligtelser: Region Østdanmark har overtaget Region Hovedstadens"), "{report}");
    assert!(
        report.lines().any(|l| l.contains("│ opfyldt ") && l.contains("SA001")),
        "SA001 judges the region on its own dates:\n{report}"
    );

    let out = aftale(&["check", "--as-of", "2027-03-01", "--format", "json", HOVEDSTADEN]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["duty_holder"], "Region Østdanmark");
    let before = aftale(&["check", "--as-of", "2026-11-22", "--format", "json", HOVEDSTADEN]);
    let before: serde_json::Value = serde_json::from_slice(&before.stdout).expect("JSON");
    assert!(before.get("duty_holder").is_none());

    let out = aftale(&["letter", "--as-of", "2027-03-01", HOVEDSTADEN]);
    let letter = String::from_utf8_lossy(&out.stdout);
    assert!(letter.contains("Regionsrådet i Region Østdanmark (tidligere Region Hovedstaden)"), "{letter}");
}

/// A slutstatus due after the new structure begins is information, with the caveat that the
/// date the agreement provisions lapse has not been read; it does not fail the run.
#[test]
fn a_duty_falling_after_the_reform_is_information_with_its_caveat() {
    let text = std::fs::read_to_string(HOVEDSTADEN).expect("the example");
    let (_, json) = statuses(&text, "2027-08-01");
    let finding = json["findings"].as_array().and_then(|f| f.iter().find(|f| f["rule"] == "SA062")).cloned();
    let finding = finding.expect("SA062");
    assert_eq!((finding["status"].as_str(), finding["level"].as_str()), (Some("failed"), Some("info")));
    let message = finding["message"].as_str().unwrap_or_default();
    assert!(message.contains("L 214 (2024-25)") && message.contains("ikke læst"), "{message}");
    // The midtvejsstatus fell due before the reform: still a process requirement.
    let late = BASE.replace("  midtvejsstatus: { sendt: 2025-12-17 }", "  midtvejsstatus: { sendt: 2026-02-01 }");
    assert_ne!(late, BASE);
    let (_, json) = statuses(&late, "2026-11-22");
    let mid =
        json["findings"].as_array().and_then(|f| f.iter().find(|f| f["rule"] == "SA061")).cloned().expect("SA061");
    assert_eq!((mid["status"].as_str(), mid["level"].as_str()), (Some("failed"), Some("process_requirement")));
}

/// No rule pack covers agreements that enter into force after the reform: a clear message and
/// exit 2, unless a pack is chosen on purpose.
#[test]
fn an_agreement_after_the_reform_has_no_rule_pack() {
    let later = BASE.replace("ikrafttrædelse: 2024-01-01", "ikrafttrædelse: 2028-01-01");
    assert_ne!(later, BASE);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("sundhedsaftale.yaml");
    std::fs::write(&path, &later).expect("written");
    let path = path.to_str().expect("utf-8");
    let out = aftale(&["check", "--as-of", AS_OF, path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("efter sundhedsreformen") && stderr.contains("--ruleset"), "{stderr}");
    let forced = aftale(&["check", "--as-of", AS_OF, "--ruleset", "bek-2022", path]);
    assert_ne!(forced.status.code(), Some(2), "{}", String::from_utf8_lossy(&forced.stderr));
}

/// A version approved again after the first submission (Region Syddanmark's version 1 of 2019,
/// approved by the committee on 29 October 2019) is compared with its own submission, not with
/// the first; approved after its own submission, it fails SA022.
#[test]
fn a_later_version_is_compared_with_its_own_submission() {
    let later = BASE.replace(
        "    ændringer: Klyngernes mål tilføjet efter den årlige revisionsvurdering\n",
        "    ændringer: Klyngernes mål tilføjet efter den årlige revisionsvurdering\n    godkendt: 2024-12-10\n    indsendt: 2024-12-20\n",
    );
    assert_ne!(later, BASE);
    let (code, json) = statuses(&later, AS_OF);
    assert_eq!((code, status_of(&json, "SA022").as_str()), (0, "passed"), "{json}");

    let sent_first = later.replace("    indsendt: 2024-12-20\n", "    indsendt: 2024-12-01\n");
    let (_, json) = statuses(&sent_first, AS_OF);
    assert_eq!(status_of(&json, "SA022"), "failed");
    let finding = json["findings"].as_array().and_then(|f| f.iter().find(|f| f["rule"] == "SA022")).cloned();
    let message = finding.map(|f| f["message"].as_str().unwrap_or_default().to_owned()).unwrap_or_default();
    assert!(message.contains("version 1.1 (10. december 2024)"), "{message}");
}
