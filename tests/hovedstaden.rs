//! The Hovedstaden example reproduces what Sundhedsstyrelsen actually wrote to Region Hovedstaden
//! about its Sundhedsaftale 2024-2027 (the reply letter of 2024).

use aftale::error::SourceFile;
use aftale::evaluate::{self, Approval, EvaluationOptions, Status};
use aftale::load;
use aftale::reference::Reference;
use aftale::rules::{Level, Registry};

#[test]
fn the_hovedstaden_example_gets_sundhedsstyrelsens_assessment() {
    let reference = Reference::builtin();
    let registry = Registry::builtin().unwrap();
    let text = include_str!("../examples/hovedstaden-2024-2027.yaml");
    let loaded = load::load(SourceFile::new("hovedstaden.yaml", text), reference).unwrap();
    let options = EvaluationOptions::on(chrono::NaiveDate::from_ymd_opt(2024, 2, 20).unwrap());
    let a = evaluate::evaluate(loaded, &registry, reference, &options).unwrap();

    // "Vi kan hermed meddele, at sundhedsaftalen er godkendt."
    assert_eq!(a.pack.name, "bek-2022");
    assert_eq!(a.approval(), Approval::Approvable);

    // Received 9 January 2024, after the postponed deadline of 1 January 2024: a process
    // requirement not met, which does not block approval.
    let late = a.findings.iter().find(|f| f.rule.id == "SA023").unwrap();
    assert_eq!((late.status, late.level), (Status::Failed, Level::Proceskrav));
    assert!(late.message.contains("9. januar 2024") && late.message.contains("1. januar 2024"), "{}", late.message);

    // The advice: version number (5.1), delmål and succeskriterier (3.2), knowledge and data
    // (3.4), the clusters' own goals (2.1), and the samarbejdsaftaler.
    let advice: Vec<(&str, &str)> =
        a.failing(Level::Anbefaling).map(|f| (f.rule.id.as_str(), f.rule.source.section.as_str())).collect();
    for expected in [("SA011", "afsnit 5.1"), ("SA033", "afsnit 3.2"), ("SA041", "afsnit 3.4"), ("SA052", "afsnit 2.1")]
    {
        assert!(advice.contains(&expected), "{expected:?} missing from {advice:?}");
    }
    assert!(advice.iter().any(|(id, _)| *id == "SA053"), "samarbejdsaftaler missing from {advice:?}");
    // And nothing else: the letter's Rådgivning has exactly the five points Sundhedsstyrelsen made.
    let ids: Vec<&str> = advice.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, ["SA011", "SA033", "SA041", "SA052", "SA053"]);

    // Only the late submission fails among the requirements.
    let failed: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.status == Status::Failed && f.level.is_requirement())
        .map(|f| f.rule.id.as_str())
        .collect();
    assert_eq!(failed, ["SA023"]);
}
