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
    for rule in ["SA031", "SA032"] {
        assert_eq!(status_of(&json, rule), "passed", "{rule}");
    }
    // It selects no target groups, so Sundhedsstyrelsen's advice on selecting them does not apply.
    assert_eq!(status_of(&json, "SA041"), "passed");
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

/// Sundhedsstyrelsen's advice is conditional and forward-looking: "Ved særligt behov for at
/// udvælge målgrupper og indsatser … anbefaler vi, at der fremadrettet tages udgangspunkt i viden
/// og data". It gave it to Region Hovedstaden, whose focus areas name their data basis; so it
/// follows from selecting target groups, with or without `datagrundlag` (legal-review-3 D4).
#[test]
fn knowledge_and_data_are_advised_wherever_target_groups_are_selected() {
    let selecting = BASE.replacen("    mål:\n", "    målgrupper: [børn og unge]\n    mål:\n", 1);
    assert_ne!(selecting, BASE);
    let (_, json) = statuses(&selecting, AS_OF);
    assert_eq!(status_of(&json, "SA041"), "failed");
    let without_data = selecting.replace("    datagrundlag: [Sundhedsprofil 2021]\n", "");
    let (_, json) = statuses(&without_data, AS_OF);
    assert_eq!(status_of(&json, "SA041"), "failed");
    let (_, json) = statuses(BASE, AS_OF);
    assert_eq!(status_of(&json, "SA041"), "passed");
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
    let (code, json) = statuses(&as_council, AS_OF);
    assert_eq!(status_of(&json, "SA002"), "failed");
    // … but only as information: it is ignored, and the agreement is still approvable (D18).
    let sa002 = json["findings"].as_array().and_then(|f| f.iter().find(|f| f["rule"] == "SA002")).cloned().unwrap();
    assert_eq!(sa002["level"], "info");
    assert!(sa002["message"].as_str().unwrap_or_default().contains("ikke part"), "{sa002}");
    assert_eq!((code, json["verdict"].as_str()), (0, Some("approvable")));
}

const SJAELLAND: &str = "examples/sjaelland-2024-2027.yaml";

/// From 1 January 2027 Region Østdanmark takes over Region Sjælland's rights and duties
/// (overgangslovens § 126): the regional council's duties, not the committee's. The report, the
/// JSON, `status` and the letter say who holds which, what is not read, and that the agreement
/// stays valid until a new one enters into force; the region is judged on the agreement's own
/// dates (legal-review-3 D6, D7, D9).
#[test]
fn after_the_merger_region_oestdanmark_holds_the_regional_councils_duties() {
    for as_of in ["2027-03-01", "2028-03-01"] {
        let out = aftale(&["check", "--as-of", as_of, SJAELLAND]);
        let report = String::from_utf8_lossy(&out.stdout);
        for says in [
            "Efter reformen: Region Østdanmark har overtaget Region Sjællands rettigheder og pligter (overgangslovens § 126), herunder regionsrådets pligter",
            "Kommunalbestyrelserne har fortsat deres pligter",
            "sundhedssamarbejdsudvalgets opgaver (den årlige revisionsvurdering, midtvejs- og slutstatus), er ikke læst",
            "Aftalen gælder, indtil en ny aftale træder i kraft",
        ] {
            assert!(report.replace("\n  ", " ").contains(says), "{as_of}: {says:?} missing from\n{report}");
        }
        assert!(!report.contains("herunder midtvejsstatus, slutstatus"), "{report}");
        assert!(
            report.lines().any(|l| l.contains("│ opfyldt ") && l.contains("SA001")),
            "SA001 judges the region on its own dates:\n{report}"
        );
        // The 2026 revision assessment is missing (a duty before the reform): exit 1 in both.
        assert_eq!(out.status.code(), Some(1), "{report}");

        let status = aftale(&["status", "--as-of", as_of, SJAELLAND]);
        let text = String::from_utf8_lossy(&status.stdout);
        assert!(text.contains("Efter reformen: Region Østdanmark har overtaget"), "{text}");
        assert!(!text.contains("Forpligtelserne ligger nu hos"), "{text}");
        assert!(!text.lines().any(|l| l.starts_with("│ Udløb") && l.contains("gennemført")), "never expired:\n{text}");
        assert!(text.contains("gælder, indtil en ny"), "{text}");
    }
    let out = aftale(&["check", "--as-of", "2027-03-01", "--format", "json", SJAELLAND]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["duty_holder"], "Region Østdanmark");
    assert!(json["reform_standing"].as_str().is_some_and(|s| s.contains("er ikke læst")));
    let before = aftale(&["check", "--as-of", "2026-11-22", "--format", "json", SJAELLAND]);
    let before: serde_json::Value = serde_json::from_slice(&before.stdout).expect("JSON");
    assert!(before.get("duty_holder").is_none() && before.get("reform_standing").is_none());

    // No committee of Region Østdanmark in any source: its place in the address is to confirm.
    let out = aftale(&["letter", "--as-of", "2027-03-01", SJAELLAND]);
    let letter = String::from_utf8_lossy(&out.stdout);
    assert!(
        letter.contains("[[Bekræft: modtager af sundhedssamarbejdsudvalgets opgaver]] og Regionsrådet i Region Østdanmark, der efter overgangslovens § 126 har overtaget Region Sjællands rettigheder og pligter"),
        "{letter}"
    );
    assert!(
        !letter.contains("(tidligere")
            && !letter.contains("Sundhedssamarbejdsudvalget og Regionsrådet i Region Østdanmark")
    );
}

/// After the reform: a duty due after it began is information in `check` and in `status`, each
/// year on its own date; a duty due before it still fails. `status` never fails on a duty due
/// after 1 January 2027 (legal-review-3 D9).
#[test]
fn a_duty_falling_after_the_reform_is_information_with_its_caveat() {
    let (code, json) = statuses(&std::fs::read_to_string(SJAELLAND).expect("the example"), "2028-03-01");
    let finding = |rule: &str| {
        json["findings"].as_array().and_then(|f| f.iter().find(|f| f["rule"] == rule)).cloned().expect(rule)
    };
    let sa062 = finding("SA062");
    assert_eq!((sa062["status"].as_str(), sa062["level"].as_str()), (Some("failed"), Some("info")));
    let message = sa062["message"].as_str().unwrap_or_default();
    assert!(message.contains("L 214 (2024-25)") && message.contains("ikke læst"), "{message}");
    assert!(message.contains("hvor Region Østdanmark dannes"), "{message}");
    // SA060: 2026 (due before the reform) fails; 2027 (due after) is only information.
    let sa060 = finding("SA060");
    assert_eq!(sa060["level"], "process_requirement");
    let message = sa060["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("for 2026 (") && message.contains("Vurderingen for 2027 faldt efter reformens begyndelse"),
        "{message}"
    );
    assert_eq!(code, 1);
    // With the 2026 assessment recorded, nothing due before the reform is missing: exit 0 in
    // `check` and in `status`.
    let text = std::fs::read_to_string(SJAELLAND).unwrap();
    let recorded = text.replace(
        "revisionsvurderinger: [2024-12-05, 2025-12-04]",
        "revisionsvurderinger: [2024-12-05, 2025-12-04, 2026-12-03]",
    );
    assert_ne!(recorded, text);
    let (code, json) = statuses(&recorded, "2028-03-01");
    assert_eq!(code, 0, "{json}");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("sundhedsaftale.yaml");
    std::fs::write(&path, &recorded).expect("written");
    let status = aftale(&["status", "--as-of", "2028-03-01", path.to_str().unwrap()]);
    let shown = String::from_utf8_lossy(&status.stdout);
    assert_eq!(status.status.code(), Some(0), "{shown}");
    assert!(shown.lines().any(|l| l.starts_with("│ Slutstatus") && l.contains("oplysning")), "{shown}");
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
    assert!(stderr.contains("hvor Region Østdanmark dannes") && stderr.contains("--ruleset"), "{stderr}");
    // The date L 214 ends the agreements is not read: never stated (D8).
    assert!(!stderr.contains("ophæver L 214") && stderr.contains("hvornår"), "{stderr}");
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

/// SA002 with no `behandling` at all fills every value its texts use: no template error reaches
/// the report or the letter (legal-review-3 D17).
#[test]
fn the_parties_rule_without_any_processing_has_no_template_error() {
    let text = "format: 1\ntitel: Sundhedsaftale 2024-2027\nregion: Nordjylland\nikrafttrædelse: 2024-01-01\n";
    let (_, json) = statuses(text, AS_OF);
    let sa002 = json["findings"].as_array().and_then(|f| f.iter().find(|f| f["rule"] == "SA002")).cloned().unwrap();
    let message = sa002["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("alle 11 kommuner i Region Nordjylland") && !message.contains("skabelonfejl"),
        "{message}"
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("sundhedsaftale.yaml");
    std::fs::write(&path, text).expect("written");
    for kind in ["reply", "cover"] {
        let out = aftale(&["letter", "--kind", kind, "--as-of", AS_OF, path.to_str().unwrap()]);
        let letter = String::from_utf8_lossy(&out.stdout);
        assert!(!letter.contains("skabelonfejl"), "{kind}: {letter}");
    }
}

/// Checked as of a date before what the file records, the report warns that the rules judge
/// events that had not happened yet (legal-review-3 D27).
#[test]
fn dates_after_the_as_of_date_are_warned_about() {
    let out = aftale(&["check", "--as-of", "2019-10-01", "--ruleset", "bek-2022", "examples/sjaelland-2024-2027.yaml"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("Advarsel: filen registrerer datoer efter vurderingsdatoen"), "{report}");
    assert!(report.contains("indsendt 15. december 2023"), "{report}");
    let (_, json) = statuses(BASE, "2019-10-01");
    assert!(json["recorded_after_as_of"].as_array().is_some_and(|a| !a.is_empty()), "{json}");
    let (_, json) = statuses(BASE, AS_OF);
    assert_eq!(json["recorded_after_as_of"], serde_json::json!([]));
}
