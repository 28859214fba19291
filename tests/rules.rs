//! The rule registry's guarantees: every rule has a passing and a failing example that behave
//! as they say, ids are unique and stable, and exactly one pack applies on every date.

use std::collections::{BTreeMap, BTreeSet};

use aftale::error::SourceFile;
use aftale::evaluate::{self, EvaluationOptions, Status};
use aftale::load;
use aftale::reference::Reference;
use aftale::rules::{Level, Registry, Rule};
use chrono::NaiveDate;

fn registry() -> Registry {
    Registry::builtin().unwrap_or_else(|errors| panic!("built-in rules do not load: {errors:#?}"))
}

/// Evaluates one example of a rule and returns that rule's finding status and message.
fn run_example(rule: &Rule, text: &str, registry: &Registry) -> (Status, String) {
    let (status, message, _) = run_example_with_letter(rule, text, registry);
    (status, message)
}

/// Like `run_example`, with the rule's letter paragraph rendered from the same finding.
fn run_example_with_letter(rule: &Rule, text: &str, registry: &Registry) -> (Status, String, Option<String>) {
    let reference = Reference::builtin();
    let name = format!("{}/{} (eksempel)", rule.pack, rule.id);
    let loaded = load::load(SourceFile::new(name.clone(), text), reference)
        .unwrap_or_else(|e| panic!("{name}: example does not load: {e:#?}"));
    let as_of = rule.docs().examples.as_of.map_or_else(|| NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), |d| d.0);
    let options = EvaluationOptions { ruleset: Some(rule.pack.clone()), ..EvaluationOptions::on(as_of) };
    let assessment = evaluate::evaluate(loaded, registry, reference, &options)
        .unwrap_or_else(|e| panic!("{name}: example does not evaluate: {e:#?}"));
    let finding = assessment
        .findings
        .iter()
        .find(|f| f.rule.id == rule.id)
        .unwrap_or_else(|| panic!("{name}: the rule did not run on its own example"));
    (finding.status, finding.message.clone(), registry.render(rule, "letter", &finding.vars))
}

#[test]
fn every_rule_has_a_passing_and_a_failing_example() {
    let registry = registry();
    let mut problems = Vec::new();
    for pack in &registry.packs {
        assert!(!pack.rules().is_empty(), "pack {} has no rules", pack.name);
        for rule in pack.rules() {
            for (which, text, expected) in [
                ("passes", &rule.docs().examples.passes, Status::Passed),
                ("fails", &rule.docs().examples.fails, Status::Failed),
            ] {
                if text.trim().is_empty() {
                    problems.push(format!("{}/{}: `examples.{which}` is empty", pack.name, rule.id));
                    continue;
                }
                let (status, message) = run_example(rule, text, &registry);
                if status != expected {
                    problems.push(format!(
                        "{}/{}: `examples.{which}` gives {status:?}, expected {expected:?}: {message}",
                        pack.name, rule.id
                    ));
                }
                if message.contains("skabelonfejl") || message.contains("{{") {
                    problems.push(format!("{}/{}: message does not render: {message}", pack.name, rule.id));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every letter paragraph renders on its rule's failing example, with the values filled in.
#[test]
fn letter_paragraphs_render() {
    let registry = registry();
    let mut paragraphs = BTreeMap::new();
    for pack in &registry.packs {
        for rule in pack.rules().iter().filter(|r| r.letter.is_some()) {
            let (_, _, letter) = run_example_with_letter(rule, &rule.docs().examples.fails, &registry);
            let letter = letter.unwrap_or_default();
            assert!(!letter.is_empty() && !letter.contains("skabelonfejl"), "{}/{}: {letter}", pack.name, rule.id);
            paragraphs.insert(format!("{}/{}", pack.name, rule.id), letter);
        }
    }
    insta::assert_yaml_snapshot!(paragraphs);
}

/// The messages of every failing example, so a change of wording is seen in review.
#[test]
fn failing_example_messages() {
    let registry = registry();
    let mut messages = BTreeMap::new();
    for pack in &registry.packs {
        for rule in pack.rules() {
            let (_, message) = run_example(rule, &rule.docs().examples.fails, &registry);
            messages.insert(format!("{}/{}", pack.name, rule.id), message);
        }
    }
    insta::assert_yaml_snapshot!(messages);
}

#[test]
fn rule_ids_are_unique_within_a_pack() {
    let registry = registry();
    for pack in &registry.packs {
        let mut seen = BTreeSet::new();
        for rule in pack.rules() {
            assert!(seen.insert(&rule.id), "{}: duplicate id {}", pack.name, rule.id);
        }
    }
}

/// The same id in two packs is the same rule family; its title and level may change with the
/// law, but an id is never reused for something else, so the family must keep its heading.
#[test]
fn a_rule_id_means_the_same_rule_in_every_pack() {
    let registry = registry();
    let mut families: BTreeMap<&str, Vec<&Rule>> = BTreeMap::new();
    for pack in &registry.packs {
        for rule in pack.rules() {
            families.entry(rule.id.as_str()).or_default().push(rule);
        }
    }
    for (id, rules) in families {
        let headings: BTreeSet<_> = rules.iter().map(|r| r.heading).collect();
        assert_eq!(headings.len(), 1, "{id} changes heading between packs");
    }
}

#[test]
fn rule_ids_follow_the_scheme() {
    let registry = registry();
    for pack in &registry.packs {
        for rule in pack.rules() {
            let ok =
                rule.id.len() == 5 && rule.id.starts_with("SA") && rule.id[2..].chars().all(|c| c.is_ascii_digit());
            assert!(ok, "{}: id {} is not SA + three digits", pack.name, rule.id);
            let file_name = rule.file.rsplit('/').next().unwrap_or_default();
            assert!(file_name.starts_with(&rule.id), "{}: file {} does not start with its id", rule.id, rule.file);
        }
    }
}

fn days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

#[test]
fn exactly_one_pack_applies_on_every_date_2019_to_2030() {
    let registry = registry();
    let from = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2030, 12, 31).unwrap();
    for date in days(from, to) {
        let packs: Vec<&str> = registry.packs_on(date).iter().map(|p| p.name.as_str()).collect();
        assert_eq!(packs.len(), 1, "{date}: packs {packs:?}");
    }
}

/// Each rule's own dates lie within its pack's, and no rule family has two versions on a date.
#[test]
fn at_most_one_version_of_each_rule_applies_on_every_date() {
    let registry = registry();
    let from = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2030, 12, 31).unwrap();
    for date in days(from, to) {
        let mut seen = BTreeMap::new();
        for pack in registry.packs.iter().filter(|p| p.applies.contains(date)) {
            for rule in pack.rules().iter().filter(|r| r.applies.contains(date)) {
                if let Some(other) = seen.insert(rule.id.as_str(), pack.name.as_str()) {
                    panic!("{date}: {} applies in both {other} and {}", rule.id, pack.name);
                }
            }
        }
        for pack in &registry.packs {
            for rule in pack.rules() {
                if rule.applies.contains(date) {
                    assert!(
                        pack.applies.contains(date),
                        "{}/{} applies on {date} outside its pack",
                        pack.name,
                        rule.id
                    );
                }
            }
        }
    }
}

/// Every pack's rules, with their level, heading and validity, as a snapshot: adding or
/// changing a rule shows here for review, and needs no edit of this file.
#[test]
fn the_catalogue_of_every_pack() {
    let registry = registry();
    let mut catalogue = String::new();
    for pack in &registry.packs {
        catalogue.push_str(&format!("{} ({})\n", pack.name, pack.applies.danish()));
        for r in pack.rules() {
            catalogue.push_str(&format!(
                "  {} {:<12} {:<14} {} [{}]\n",
                r.id,
                r.level.danish(),
                r.heading.key(),
                r.title,
                r.applies.danish()
            ));
        }
    }
    insta::assert_snapshot!(catalogue);
}

#[test]
fn every_rule_cites_a_source_and_explains_itself() {
    let registry = registry();
    for pack in &registry.packs {
        for rule in pack.rules() {
            let id = format!("{}/{}", pack.name, rule.id);
            assert!(!rule.source.document.trim().is_empty(), "{id}: source.document");
            assert!(!rule.source.section.trim().is_empty(), "{id}: source.section");
            assert!(!rule.source.title.trim().is_empty(), "{id}: source.title");
            assert!(!rule.docs().rationale.trim().is_empty(), "{id}: rationale");
            assert!(!rule.help.trim().is_empty(), "{id}: help");
            if rule.level != Level::Info {
                assert!(
                    rule.letter.is_some(),
                    "{id}: requirements and recommendations need their paragraph for the letter"
                );
            }
        }
    }
}

/// Every variable a rule's texts use is one its check supplies: the named check's documented
/// variables (`checks::builtin::CHECKS`), or those every data check supplies.
#[test]
fn every_template_variable_is_supplied_by_the_check() {
    let registry = registry();
    let mut wrong = Vec::new();
    for pack in &registry.packs {
        for rule in pack.rules() {
            let supplied: &[&str] = match &rule.check {
                aftale::rules::Check::Builtin(name) => aftale::checks::builtin::variables(name).unwrap(),
                _ => aftale::checks::DATA_CHECK_VARS,
            };
            for part in ["message", "passed", "help", "letter"] {
                for var in registry.template_variables(rule, part).unwrap_or_default() {
                    if !supplied.contains(&var.as_str()) {
                        wrong.push(format!("{}/{} {part}: `{var}` is not supplied by its check", pack.name, rule.id));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every compiled-in rule text is a template that compiles (they are compiled lazily, when a
/// run first renders them, so this is where a slip in one shows).
#[test]
fn every_rule_text_compiles() {
    let registry = registry();
    for pack in &registry.packs {
        for rule in pack.rules() {
            let parts = [("message", true), ("help", true), ("letter", rule.letter.is_some())];
            for (part, present) in parts.into_iter().filter(|(_, present)| *present) {
                assert!(
                    present && registry.template_variables(rule, part).is_some(),
                    "{}/{} {part} does not compile",
                    pack.name,
                    rule.id
                );
            }
        }
    }
}

/// Every rule shows its evidence: the words it encodes with their source, or an explicit note of
/// what has not been read. (Loading a pack already refuses `verificeret: true` without a quote
/// and `verificeret: false` without saying what is unverified.)
#[test]
fn every_rule_has_a_quote_or_says_what_is_not_verified() {
    let registry = registry();
    for pack in &registry.packs {
        for rule in pack.rules() {
            let e = &rule.evidence;
            let name = format!("{}/{}", pack.name, rule.id);
            assert!(e.verified.is_some(), "{name}: `verificeret` mangler");
            assert!(e.quote.is_some() || e.unverified.is_some(), "{name}: hverken citat eller ikke_verificeret");
            if let Some(q) = &e.quote {
                assert!(!q.tekst.trim().is_empty() && !q.kilde.trim().is_empty(), "{name}: tomt citat");
            }
            assert!(e.validate().is_ok(), "{name}");
        }
    }
}

/// The compiled-in packs decode their rules only when a run asks for them; every rule file of
/// every pack decodes then (a file that did not would be missing from its pack).
#[test]
fn every_compiled_in_rule_file_decodes() {
    let registry = registry();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for pack in &registry.packs {
        let dir = root.join(&pack.name);
        let files = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.ends_with(".yaml") && name != "pack.yaml"
            })
            .count();
        assert_eq!(pack.rules().len(), files, "{}: every rule file is a rule", pack.name);
    }
}

/// Every text of every finding renders – message, help and letter paragraph, whatever the
/// finding's status – when each pack checks every rule's examples and every shipped example: a
/// check that returns early (not applicable) must still supply what its help names.
/// (name, text, date to assess on) of every rule example of every pack and every shipped example.
fn example_texts(registry: &Registry) -> Vec<(String, String, Option<NaiveDate>)> {
    let mut texts: Vec<(String, String, Option<NaiveDate>)> = Vec::new();
    for pack in &registry.packs {
        for rule in pack.rules() {
            for (which, text) in [("passes", &rule.docs().examples.passes), ("fails", &rule.docs().examples.fails)] {
                texts.push((
                    format!("{}/{} {which}", pack.name, rule.id),
                    text.clone(),
                    rule.docs().examples.as_of.map(|d| d.0),
                ));
            }
        }
    }
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in std::fs::read_dir(examples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            texts.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap(), None));
        }
    }
    texts
}

/// The human report wraps a finding's help itself, once per text, and lets miette draw the rest:
/// every finding must come out exactly as miette draws the whole diagnostic, in colour or not, at
/// any width, and the second time (from what was kept) as the first.
#[test]
fn a_finding_is_drawn_as_miette_draws_it_whole() {
    use aftale::diagnostic::{self, FindingDiagnostic, Style};
    let registry = registry();
    let reference = Reference::builtin();
    let mut drawn = 0;
    for (name, text, as_of) in example_texts(&registry) {
        let Ok(loaded) = load::load(SourceFile::new(name.clone(), text.as_str()), reference) else { continue };
        let as_of = as_of.unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        let Ok(assessment) = evaluate::evaluate(loaded, &registry, reference, &EvaluationOptions::on(as_of)) else {
            continue;
        };
        let source = &assessment.loaded.source;
        for f in assessment.findings.iter().filter(|f| f.status == Status::Failed) {
            for style in [Style::PLAIN, Style { color: true, width: 100 }, Style { color: false, width: 44 }] {
                let whole = diagnostic::render(&FindingDiagnostic::new(f, source, style.width), style);
                for _ in 0..2 {
                    assert_eq!(diagnostic::render_finding(f, source, style), whole, "{} on {name}", f.rule.id);
                }
                drawn += 1;
            }
        }
    }
    assert!(drawn > 100, "{drawn}");
}

#[test]
fn every_finding_renders_on_every_example() {
    let registry = registry();
    let reference = Reference::builtin();
    let texts = example_texts(&registry);
    let mut wrong = BTreeSet::new();
    for pack in &registry.packs {
        for (name, text, as_of) in &texts {
            let Ok(loaded) = load::load(SourceFile::new(name.clone(), text.as_str()), reference) else { continue };
            let as_of = as_of.unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
            let options = EvaluationOptions { ruleset: Some(pack.name.clone()), ..EvaluationOptions::on(as_of) };
            let Ok(assessment) = evaluate::evaluate(loaded, &registry, reference, &options) else { continue };
            for f in &assessment.findings {
                // The letter speaks only of what failed.
                let letter = match f.status {
                    Status::Failed => registry.render(f.rule, "letter", &f.vars).unwrap_or_default(),
                    _ => String::new(),
                };
                for (part, text) in [("message", &f.message), ("help", &f.help), ("letter", &letter)] {
                    if text.contains("skabelonfejl") || text.contains("{{") {
                        wrong.insert(format!("{}/{} {part} ({:?}) on {name}: {text}", pack.name, f.rule.id, f.status));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.into_iter().collect::<Vec<_>>().join("\n"));
}

/// build.rs sets each compiled-in rule's rationale, notes and examples apart, to be decoded when
/// asked for: every one decodes, and every compiled-in rule has them.
#[test]
fn every_compiled_in_rule_has_its_docs_apart() {
    for (path, json) in aftale::embedded::DOCS {
        let docs: Result<aftale::rules::RuleDocs, String> = aftale::embedded::parse(json);
        let docs = docs.unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(!docs.rationale.trim().is_empty() && !docs.examples.fails.is_empty(), "{path}");
    }
    let registry = registry();
    let rules: usize = registry.packs.iter().map(|p| p.rules().len()).sum();
    assert_eq!(aftale::embedded::DOCS.len(), rules);
}
