//! Any bytes as an agreement file: load → evaluate → every output format and every letter form.
//! Nothing may panic, and what the formats promise must hold: well-formed XML, valid JSON, no
//! control character from the input on a terminal, no input-made line that a CI runner reads.

#![no_main]

use aftale::diagnostic::Style;
use aftale::error::SourceFile;
use aftale::evaluate::FailOn;
use aftale::output::{self, Format};
use aftale::rules::Registry;
use libfuzzer_sys::fuzz_target;

#[path = "../../common/safety.rs"]
mod safety;

fn registry() -> &'static Registry {
    static REGISTRY: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(|| Registry::builtin().expect("built-in rules load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let run = aftale::run::check_text(SourceFile::new("fuzz.yaml", text), registry(), as_of, FailOn::Requirement);
    for format in Format::ALL {
        let out = output::render(&run, format, output::RenderOptions { style: Style::PLAIN, quiet: false });
        if let Err(e) = safety::output_is_safe(format, &out) {
            panic!("{format:?}: {e}\n{out}");
        }
    }
    for file in &run.files {
        if let aftale::run::FileOutcome::Unusable { errors, .. } = file {
            for e in errors {
                let text = aftale::diagnostic::render(e, Style::PLAIN);
                if let Err(e) = safety::terminal_is_safe(&text) {
                    panic!("diagnostic: {e}\n{text}");
                }
            }
        }
    }
    if let Some(a) = run.assessments().next() {
        let letter = aftale::letter::draft(
            a,
            registry(),
            aftale::reference::Reference::builtin(),
            aftale::letter::Templates::Pack,
            &aftale::letter::LetterOptions::default(),
        )
        .expect("the built-in letter template renders");
        if let Err(e) = safety::markdown_is_safe(&letter.markdown) {
            panic!("letter: {e}\n{}", letter.markdown);
        }
        let _ = aftale::letter::html::render(&letter);
        let docx = aftale::letter::docx::render(&letter).expect("the letter becomes a Word document");
        if let Err(e) = safety::docx_is_well_formed(&docx) {
            panic!("docx: {e}");
        }
    }
});
