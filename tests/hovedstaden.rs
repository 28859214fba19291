//! The Hovedstaden example, encoded only from the seeds, reproduces what Sundhedsstyrelsen
//! actually wrote to Region Hovedstaden about its Sundhedsaftale 2024-2027 (the reply letter of
//! 2024, seed 001): the verdict, exactly its five pieces of advice in its order, no critical
//! remark it did not make, and the duties under Implementering og opfølgning. Variants that are
//! not concluded get no approval anywhere.

use aftale::error::SourceFile;
use aftale::evaluate::{self, Approval, Assessment, EvaluationOptions, Status};
use aftale::letter::{self, LetterOptions, Templates};
use aftale::load;
use aftale::reference::Reference;
use aftale::rules::{Level, Registry};

const EXAMPLE: &str = include_str!("../examples/hovedstaden-2024-2027.yaml");

fn registry() -> &'static Registry {
    static REGISTRY: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(|| Registry::builtin().unwrap())
}

fn assess(text: &str, as_of: (i32, u32, u32)) -> Assessment<'static> {
    let reference = Reference::builtin();
    let loaded = load::load(SourceFile::new("hovedstaden.yaml", text), reference).unwrap();
    let options = EvaluationOptions::on(chrono::NaiveDate::from_ymd_opt(as_of.0, as_of.1, as_of.2).unwrap());
    evaluate::evaluate(loaded, registry(), reference, &options).unwrap()
}

fn reply(a: &Assessment) -> String {
    letter::draft(a, registry(), Reference::builtin(), Templates::Pack, &LetterOptions::default()).unwrap().markdown
}

/// The text between a heading and the next.
fn section<'a>(letter: &'a str, heading: &str) -> &'a str {
    let start = letter.find(&format!("## {heading}\n")).unwrap_or_else(|| panic!("no {heading} in\n{letter}"));
    let rest = &letter[start + heading.len() + 4..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

#[test]
fn the_faithful_example_gets_sundhedsstyrelsens_verdict() {
    let a = assess(EXAMPLE, (2024, 3, 1));
    // "Vi kan hermed meddele, at sundhedsaftalen er godkendt."
    assert_eq!(a.pack.name, "bek-2022");
    assert_eq!(a.approval(), Approval::Approvable);
    // Nothing fails a CI run: the receipt after the deadline with no sending date recorded is
    // information, and so is the entry into force the text gives only as a period.
    let failed: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.status == Status::Failed && f.level.is_requirement())
        .map(|f| f.rule.id.as_str())
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    let late = a.findings.iter().find(|f| f.rule.id == "SA023").unwrap();
    assert_eq!((late.status, late.level), (Status::Failed, Level::Info));
    assert!(late.message.contains("afsendelsesdatoen er ikke oplyst"), "{}", late.message);
    let entry = a.findings.iter().find(|f| f.rule.id == "SA010").unwrap();
    assert_eq!(entry.level, Level::Info);
    // The councils approved without dates on record: approvals, not "afventer".
    for id in ["SA020", "SA021"] {
        assert_eq!(a.findings.iter().find(|f| f.rule.id == id).unwrap().status, Status::Passed, "{id}");
    }
}

#[test]
fn the_letter_gives_exactly_sundhedsstyrelsens_five_pieces_of_advice_in_its_order() {
    let a = assess(EXAMPLE, (2024, 3, 1));
    let letter = reply(&a);
    assert!(letter.contains("**Vi kan hermed meddele, at sundhedsaftalen er godkendt.**"), "{letter}");
    let advice: Vec<&str> =
        section(&letter, "Rådgivning").split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    assert_eq!(advice.len(), 5, "{advice:#?}");
    // Seed 001's order: 5.1, 3.4, 3.2, 2.1, samarbejdsaftaler (3.1 and 3.2).
    assert!(advice[0].starts_with("Versionsnummer bør tilføjes sundhedsaftalen, jf. vejledningens afsnit 5.1."));
    assert!(advice[1].starts_with("Ved særligt behov for at udvælge målgrupper") && advice[1].contains("afsnit 3.4"));
    assert!(advice[2].contains("delmål og succeskriterier") && advice[2].contains("afsnit 3.2"));
    assert!(advice[3].contains("selvstændige mål for arbejdet i klyngen") && advice[3].contains("afsnit 2.1"));
    assert!(advice[4].contains("samarbejdsaftaler") && advice[4].contains("3.1 om nye modeller"));
    // The section numbers SST used differ from the vejledning's table of contents: to confirm.
    assert!(advice[4].starts_with("[[Bekræft: afsnitsnumrene"));
}

#[test]
fn the_letter_makes_no_remark_sundhedsstyrelsen_did_not_make() {
    let letter = reply(&assess(EXAMPLE, (2024, 3, 1)));
    for never in [
        "indikator med datakilde",      // SA034: SST praised the data sources instead
        "efter fristen 1. januar 2024", // no late-receipt remark
        "nationale mål for hvert fokusområde",
        "Sammenhængen til de nationale mål kan med fordel", // SA032 stays in the report
        "knytter sig efter aftalefilen",                    // no goal mapping the agreement does not contain
        "ikke dokumenteret",
        "Aftalens principper for samarbejdet er",
        "[[Udfyld: ikrafttrædelsesdato]]",
    ] {
        assert!(!letter.contains(never), "{never:?} in\n{letter}");
    }
    // Every judgement drafted on Sundhedsstyrelsen's behalf is marked to confirm.
    for heading in ["Generelt", "Sammenhæng til de nationale mål for sundhedsvæsenet", "Øvrigt"] {
        for paragraph in section(&letter, heading).split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            assert!(paragraph.starts_with("[[Bekræft"), "{heading}: {paragraph}");
        }
    }
    // The praise of national data sources SST did write.
    assert!(letter.contains("eksisterende og landsdækkende datakilder"));
}

#[test]
fn implementering_states_the_duties_without_computed_dates() {
    let letter = reply(&assess(EXAMPLE, (2024, 3, 1)));
    let duties = section(&letter, "Implementering og opfølgning");
    for duty in [
        "indsendt til Sundhedsstyrelsen senest den 1. juli i regionsrådets og kommunalbestyrelsernes valgperiodes andet år",
        "Det skal fremgå af aftalen, hvornår den træder i kraft.",
        "gældende, indtil en ny aftale træder i kraft",
        "i udgangspunktet fire år fra ikrafttrædelsesdatoen",
        "midtvejsstatus",
        "slutstatus",
        "én gang årligt vurdere behovet for at revidere",
        "offentliggøre den indgåede sundhedsaftale",
        "private leverandører",
        "kan medføre behov for revision af sundhedsaftalen",
    ] {
        assert!(duties.contains(duty), "{duty:?} missing from\n{duties}");
    }
    // The fixed text of SST's letter: the revised vejledning and the structural caveat.
    assert!(letter.contains("en revideret version af vejledningen er udgivet i januar 2024"));
    assert!(letter.contains("taget højde for mulige scenarier for eventuelle strukturelle ændringer"));
}

/// The example with one line replaced.
fn variant(old: &str, new: &str) -> String {
    assert!(EXAMPLE.contains(old), "{old}");
    EXAMPLE.replacen(old, new, 1)
}

#[test]
fn an_agreement_not_concluded_is_never_approved() {
    let variants = [
        ("one council has not approved", variant("Dragør: { beslutning: Godkendt }", "Dragør: null"), "Dragør"),
        (
            "a council postponed",
            variant("Dragør: { beslutning: Godkendt }", "Dragør: { beslutning: Udsat, dato: 2023-12-14 }"),
            "Dragør",
        ),
        (
            "the regional council has not approved",
            variant("regionsråd: { beslutning: Godkendt }", "regionsråd: null"),
            "regionsrådets godkendelse",
        ),
        ("nothing received", variant("    modtaget: 2024-01-09\n", ""), "indsendelsen til Sundhedsstyrelsen"),
    ];
    for (what, text, missing) in variants {
        let text = text.replace("    afgørelse: godkendt\n", "");
        let a = assess(&text, (2024, 3, 1));
        assert_eq!(a.approval(), Approval::NotConcluded, "{what}");
        assert!(
            a.missing_for_conclusion().iter().any(|m| m.contains(missing)),
            "{what}: {:?}",
            a.missing_for_conclusion()
        );
        assert!(a.verdict_danish().starts_with("Kan ikke vurderes: aftalen er ikke indgået"), "{what}");
        let json = aftale::output::json::file_report(&a, aftale::evaluate::FailOn::Requirement);
        assert_eq!(json.verdict, "not_concluded", "{what}");
        let letter = reply(&a);
        assert!(!letter.contains("godkendt.**") && !letter.contains("hermed meddele"), "{what}:\n{letter}");
        assert!(letter.contains("Sundhedsstyrelsen afventer") && letter.contains(missing), "{what}:\n{letter}");
        // The cover letter and the case presentation exist precisely before conclusion.
        let cover = LetterOptions { kind: letter::Kind::Cover, ..LetterOptions::default() };
        assert!(letter::draft(&a, registry(), Reference::builtin(), Templates::Pack, &cover).is_ok(), "{what}");
    }
}

#[test]
fn an_init_file_with_its_places_is_not_approvable() {
    let as_of = chrono::NaiveDate::from_ymd_opt(2023, 3, 1).unwrap();
    let text = aftale::scaffold::scaffold(
        "Hovedstaden",
        "2024-2027",
        registry(),
        Reference::builtin(),
        &EvaluationOptions::on(as_of),
    )
    .unwrap();
    // Fill in every approval and the receipt: the places alone must keep it from approval.
    let filled = text.replace(": null", ": 2023-12-01").replace("  # indsendt:", "  indsendt: 2023-12-20 #");
    let a = assess(&filled, (2024, 3, 1));
    assert_ne!(a.approval(), Approval::Approvable, "{}", a.verdict_danish());
    let places = a.findings.iter().find(|f| f.rule.id == "SA004").unwrap();
    assert_eq!(places.status, Status::Failed);
    assert!(places.message.contains("visioner[1].navn"), "{}", places.message);
}
