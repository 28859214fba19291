//! Arbitrary text never makes the loader (or what follows it) panic: it loads, or it gives
//! Danish diagnostics that render.

use aftale::diagnostic::{self, Style};
use aftale::error::SourceFile;
use aftale::evaluate::{self, EvaluationOptions};
use aftale::load;
use aftale::reference::Reference;
use aftale::rules::Registry;
use proptest::prelude::*;

const EXAMPLES: [&str; 3] = [
    include_str!("../examples/hovedstaden-2024-2027.yaml"),
    include_str!("../examples/nordjylland-2024-2027.yaml"),
    include_str!("../examples/midtjylland-2024-2027.yaml"),
];

fn registry() -> &'static Registry {
    static REGISTRY: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(|| Registry::builtin().expect("built-in rules load"))
}

/// Loads, evaluates and renders; the only thing that matters is that it returns.
fn exercise(text: &str) {
    let reference = Reference::builtin();
    match load::load(SourceFile::new("prop.yaml", text), reference) {
        Ok(loaded) => {
            let options = EvaluationOptions::on(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
            match evaluate::evaluate(loaded, registry(), reference, &options) {
                Ok(assessment) => {
                    let report =
                        aftale::output::human::render(&assessment, aftale::evaluate::FailOn::default(), Style::PLAIN);
                    assert!(report.contains("godkendes") || report.contains("Kan ikke vurderes"));
                    let _ = aftale::output::json::file_report(&assessment, aftale::evaluate::FailOn::default());
                    let letter = aftale::letter::draft(
                        &assessment,
                        registry(),
                        reference,
                        aftale::letter::Templates::Pack,
                        &aftale::letter::LetterOptions::default(),
                    )
                    .expect("the built-in letter template renders");
                    assert!(aftale::letter::html::render(&letter).starts_with("<!DOCTYPE html>"));
                    let cover =
                        aftale::letter::LetterOptions { kind: aftale::letter::Kind::Cover, ..Default::default() };
                    aftale::letter::draft(&assessment, registry(), reference, aftale::letter::Templates::Pack, &cover)
                        .expect("the built-in cover letter template renders");
                    let life = aftale::lifecycle::of(&assessment, reference);
                    let statuses = [aftale::status::FileStatus::Followed(Box::new(life))];
                    let _ = aftale::status::human(&statuses, Style::PLAIN);
                    let _ = aftale::status::markdown(&statuses);
                    let _ = aftale::status::json(&statuses, options.as_of);
                    assert!(aftale::status::ics::render(&statuses, 14).starts_with("BEGIN:VCALENDAR"));
                }
                Err(errors) => render_all(&errors),
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            render_all(&errors);
        }
    }
}

fn render_all(errors: &[aftale::error::InputError]) {
    for e in errors {
        let text = diagnostic::render(e, Style::PLAIN);
        assert!(!text.is_empty());
        assert!(!text.contains("panicked"));
    }
}

/// Text built from YAML's own punctuation and the format's keys, so the fuzzer reaches past the
/// first syntax error more often than random Unicode would.
fn yamlish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "format: 1\n",
        "titel: x\n",
        "region: Nordjylland\n",
        "ikrafttrædelse: 2024-01-01\n",
        "udløb: ",
        "behandling:\n",
        "  kommuner:\n",
        "    Aalborg: ",
        "2023-02-30",
        "null",
        "[",
        "]",
        "{",
        "}",
        ": ",
        "- ",
        "  ",
        "\n",
        "#",
        "&a ",
        "*a",
        "<<: *a\n",
        "'",
        "\"",
        "|\n",
        ">-\n",
        "\t",
        "æøå",
        "fokusområder:\n",
        "  - navn: F\n",
        "    nationale_mål: [",
        "9",
        "1",
        "mål:\n",
        "afvigelser:\n",
        "  - regel: SA023\n",
        "    begrundelse: ",
        "---\n",
        "...\n",
        "!!binary ",
        "~",
        "true",
        "0x1F",
        "\u{0}",
        "\u{FEFF}",
        "offentliggørelse:\n",
        "  Region Nordjylland: ",
        "https://rn.dk/x",
        "sundhedsklynger:\n",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

/// A real example with a few bytes cut out or repeated.
fn mutated_example() -> impl Strategy<Value = String> {
    (0..EXAMPLES.len(), prop::collection::vec((any::<prop::sample::Index>(), 0usize..12, any::<bool>()), 1..6))
        .prop_map(|(which, edits)| {
            let mut text: Vec<char> = EXAMPLES[which].chars().collect();
            for (at, len, cut) in edits {
                if text.is_empty() {
                    break;
                }
                let start = at.index(text.len());
                let end = (start + len).min(text.len());
                if cut {
                    text.drain(start..end);
                } else {
                    let copy: Vec<char> = text[start..end].to_vec();
                    text.splice(start..start, copy);
                }
            }
            text.into_iter().collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        exercise(&text);
    }

    #[test]
    fn yaml_like_text_never_panics(text in yamlish()) {
        exercise(&text);
    }

    #[test]
    fn damaged_examples_never_panic(text in mutated_example()) {
        exercise(&text);
    }
}

#[test]
fn deep_nesting_and_alias_bombs_are_refused_not_crashed() {
    let deep = "a: ".to_owned() + &"[".repeat(5_000) + &"]".repeat(5_000);
    exercise(&deep);
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        let prev = if i == 0 { "a".to_owned() } else { format!("b{}", i - 1) };
        bomb.push_str(&format!(
            "b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    exercise(&bomb);
}
