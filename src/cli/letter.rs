//! `aftale letter FILE`: the draft reply letter.

use std::io::IsTerminal;

use aftale::codes::ErrorCode;
use aftale::diagnostic::Style;
use aftale::error::InputError;
use aftale::letter::{self, Templates};
use aftale::reference::Reference;
use aftale::run::{self, FileOutcome, Request};

use super::args::Cli;
use super::args::letter::{LetterArgs, LetterFormat, LetterKind};
use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE, print_input_errors, write_atomically};

/// The format: as asked, else from the output file's extension, else Markdown.
fn format(args: &LetterArgs) -> Result<LetterFormat, InputError> {
    if let Some(f) = args.format {
        return Ok(f);
    }
    let Some(path) = &args.output else { return Ok(LetterFormat::Markdown) };
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "md" | "markdown" => Ok(LetterFormat::Markdown),
        "html" | "htm" => Ok(LetterFormat::Html),
        "docx" => Ok(LetterFormat::Docx),
        _ => Err(InputError::file(
            ErrorCode::LetterFormat,
            "",
            format!("formatet kan ikke udledes af filnavnet {}", path.display()),
        )
        .with_help("Brug filendelsen .md, .html eller .docx, eller angiv --format.")),
    }
}

/// Runs `letter`; returns the exit code.
pub fn run(cli: &Cli, args: &LetterArgs, err: Style) -> u8 {
    let fail = |e: InputError| {
        print_input_errors(&[e], err);
        EXIT_USAGE
    };
    let format = match format(args) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    if args.file.is_dir() {
        let shown = aftale::text::visible(&args.file.to_string_lossy()).into_owned();
        return fail(
            InputError::file(
                ErrorCode::Directory,
                "",
                format!("{shown} er en mappe; et brev skrives for én aftalefil"),
            )
            .with_help("Angiv aftalefilen, fx `aftale letter aftaler/sundhedsaftale-2024.yaml`."),
        );
    }
    let read = super::inputs_of(
        std::slice::from_ref(&args.file),
        args.repository.config.as_deref(),
        args.stdin_filename.as_deref(),
    );
    if let Some(output) = &args.output
        && let Err(e) = super::refuse_input_as_output(output, &read)
    {
        return fail(e);
    }
    if let Some(path) = &args.output
        && let Err(e) = super::keep_existing(path, args.written.force)
    {
        return fail(e);
    }
    if format == LetterFormat::Docx && args.output.is_none() && std::io::stdout().is_terminal() {
        return fail(
            InputError::file(ErrorCode::LetterFormat, "", "et Word-dokument kan ikke skrives i terminalen".to_owned())
                .with_help("Angiv en fil med --output brev.docx."),
        );
    }
    let request = Request {
        inputs: vec![args.file.clone()],
        as_of: args.as_of.unwrap_or_else(super::today),
        ruleset: args.ruleset.clone(),
        rule_dirs: cli.rule_dirs.clone(),
        config: args.repository.config.clone(),
        working_dir: super::working_dir(),
        exclude: Vec::new(),
        stdin_filename: args.stdin_filename.clone(),
        max_size: cli.max_size,
        fail_on: aftale::evaluate::FailOn::default(),
        no_config: args.repository.no_config,
        no_ignore: args.repository.no_ignore,
        text: None,
        selection: Default::default(),
    };
    let prepared = run::prepare(&request);
    if let Some(output) = &args.output
        && let Err(e) = super::refuse_input_as_output(output, &prepared.config_paths())
    {
        return fail(e);
    }
    let outcome = run::evaluate(&prepared, &request);
    let assessment = match outcome.files.first() {
        Some(FileOutcome::Assessed(a)) => a,
        Some(FileOutcome::Unusable { errors, .. }) => {
            print_input_errors(errors, err);
            return EXIT_USAGE;
        }
        None => return EXIT_USAGE,
    };
    let registry = match run::registry_for(&prepared, 0) {
        Some(r) => r,
        None => return EXIT_USAGE,
    };
    let templates = match &args.template {
        Some(dir) => Templates::Directory(dir),
        None => Templates::Pack,
    };
    if args.kommune.is_some() && args.kind != LetterKind::Agenda {
        return fail(
            InputError::file(
                ErrorCode::LetterMunicipality,
                "",
                "--kommune bruges kun til sagsfremstillingen".to_owned(),
            )
            .with_help("Skriv kommunens sagsfremstilling med --kind agenda --kommune NAVN."),
        );
    }
    let kind = match args.kind {
        LetterKind::Reply => letter::Kind::Reply,
        LetterKind::Cover => letter::Kind::Cover,
        LetterKind::Agenda => letter::Kind::Agenda,
    };
    let options = letter::LetterOptions {
        kind,
        municipality: args.kommune.clone(),
        date: args.date,
        signatory: args.signatory.clone(),
        contact: args.contact.clone(),
        case_number: args.case_number.clone(),
    };
    let letter = match letter::draft(assessment, registry, Reference::builtin(), templates, &options) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    if args.strict && !assessment.loaded.vacancies.is_empty() {
        let places: Vec<String> = assessment
            .loaded
            .vacancies
            .iter()
            .map(|v| format!("`{}` («{}»)", aftale::text::shown(&v.path), aftale::text::shown(&v.words)))
            .collect();
        print_input_errors(
            &[InputError::file(
                ErrorCode::UnfinishedLetter,
                &assessment.loaded.source.name,
                format!(
                    "aftalefilen har {}, der skal udfyldes, før et brev kan skrives: {}",
                    aftale::danish::count(places.len(), "plads", "pladser"),
                    aftale::danish::list(&aftale::text::capped(places))
                ),
            )
            .with_help("Skriv aftalens egne ord i stedet for hver `[[Udfyld: …]]` i aftalefilen, eller slet linjen.")],
            err,
        );
        return EXIT_FAIL;
    }
    if args.strict && !letter.placeholders.is_empty() {
        let places: Vec<String> = letter.placeholders.iter().map(|p| format!("«{p}»")).collect();
        print_input_errors(
            &[InputError::file(
                ErrorCode::UnfinishedLetter,
                "",
                format!(
                    "brevet har {}, der skal udfyldes: {}",
                    aftale::danish::count(places.len(), "sted", "steder"),
                    places.join(", ")
                ),
            )
            .with_help(match kind {
                letter::Kind::Reply => "Angiv sagsnummer, underskriver og kontakt med --case-number, --signatory og --contact, og modtagelsesdatoen under `behandling.sundhedsstyrelsen.modtaget` i aftalefilen. Hvert [[Bekræft]] er en vurdering på Sundhedsstyrelsens vegne: sagsbehandleren bekræfter eller retter den i selve brevet.",
                letter::Kind::Cover => "Angiv underskrivere og svaradresse med --signatory og --contact, og svarfristen under `behandling.svarfrist` i aftalefilen.",
                letter::Kind::Agenda => "Angiv sagsnummeret med --case-number; de økonomiske konsekvenser, indstillingen og beslutningerne udfyldes i sagen.",
            })],
            err,
        );
        return EXIT_FAIL;
    }
    let bytes = match format {
        LetterFormat::Markdown => letter.markdown.into_bytes(),
        LetterFormat::Html => letter::html::render(&letter).into_bytes(),
        LetterFormat::Docx => match letter::docx::render(&letter) {
            Ok(b) => b,
            Err(e) => return fail(e),
        },
    };
    let written = match &args.output {
        Some(path) => write_atomically(path, &bytes).map(|()| super::confirm_written(path, args.written.quiet)),
        None if format == LetterFormat::Docx => super::print_binary(&bytes),
        None => super::print(&bytes),
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(e) => fail(e),
    }
}
