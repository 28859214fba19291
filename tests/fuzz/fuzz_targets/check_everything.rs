//! Any bytes as an agreement file: load → evaluate → every output format and every letter form;
//! and as a repository configuration (`.aftale.yaml`) and as the lines of an ignore file, whose
//! globs are compiled as a walk compiles them. Nothing may panic, and what the formats promise
//! must hold: well-formed XML, valid JSON, no control character from the input on a terminal, no
//! input-made line that a CI runner reads.

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
    // The configuration loader, and every line as a glob, bounded as the walk bounds them.
    let _ = aftale::config::parse(SourceFile::new(".aftale.yaml", text), std::path::Path::new("/repo/.aftale.yaml"));
    for line in text.lines().take(aftale::globs::MAX_PATTERNS) {
        if aftale::globs::refusal(line).is_none() {
            let _ = aftale::config::compile_glob(line);
        }
    }
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
        let reference = aftale::reference::Reference::builtin();
        // The three letters of the round; the case presentation for the region's first municipality.
        let first = reference.municipalities(a.region).first().map(|m| m.navn.clone());
        for (kind, municipality) in [
            (aftale::letter::Kind::Reply, None),
            (aftale::letter::Kind::Cover, None),
            (aftale::letter::Kind::Agenda, first),
        ] {
            let options = aftale::letter::LetterOptions { kind, municipality, ..Default::default() };
            let letter = aftale::letter::draft(a, registry(), reference, aftale::letter::Templates::Pack, &options)
                .expect("the built-in letter templates render");
            if let Err(e) = safety::markdown_is_safe(&letter.markdown) {
                panic!("letter: {e}\n{}", letter.markdown);
            }
            if let Err(e) = safety::html_is_safe(&aftale::letter::html::render(&letter)) {
                panic!("letter html: {e}");
            }
            let docx = aftale::letter::docx::render(&letter).expect("the letter becomes a Word document");
            if let Err(e) = safety::docx_is_well_formed(&docx) {
                panic!("docx: {e}");
            }
        }
        let life = aftale::lifecycle::of(a, reference);
        let statuses = [aftale::status::FileStatus::Followed(Box::new(life))];
        if let Err(e) = safety::terminal_is_safe(&aftale::status::human(&statuses, Style::PLAIN)) {
            panic!("status: {e}");
        }
        if let Err(e) = safety::markdown_is_safe(&aftale::status::markdown(&statuses)) {
            panic!("status markdown: {e}");
        }
        let ics = aftale::status::ics::render(&statuses, 14);
        assert!(ics.split("\r\n").all(|l| l.len() <= 75 && !l.contains(['\r', '\n'])), "status ics: {ics}");
    }
});
