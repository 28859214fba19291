//! `aftale check FILE`.

use std::io::Write;

use aftale::diagnostic::Style;
use aftale::error::{self, InputError};
use aftale::evaluate::{self, Assessment, Options};
use aftale::reference::Reference;
use aftale::rules::{Level, Registry};
use aftale::{json, load, report};

use super::args::{CheckArgs, CheckFormat, Cli};
use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE, print_input_errors};

/// Runs `check`; returns the exit code.
pub fn run(cli: &Cli, args: &CheckArgs, out: Style, err: Style) -> u8 {
    let registry = match Registry::with_dirs(&cli.rule_dirs) {
        Ok(r) => r,
        Err(errors) => {
            print_input_errors(&errors, err);
            return EXIT_USAGE;
        }
    };
    let reference = Reference::builtin();
    let options = Options { as_of: args.as_of, ruleset: args.ruleset.clone(), ..Options::default() };
    let display = args.file.display().to_string();
    let result = read(&args.file, &display)
        .map_err(|e| vec![e])
        .and_then(|source| load::load(source, reference))
        .and_then(|loaded| evaluate::evaluate(loaded, &registry, reference, &options));
    let assessment = match result {
        Ok(a) => a,
        Err(errors) => {
            print_input_errors(&errors, err);
            if args.format == CheckFormat::Json {
                let value = serde_json::json!({
                    "schema_version": json::SCHEMA_VERSION,
                    "file": display,
                    "errors": json::errors(&errors),
                });
                print_json(&value);
            }
            return EXIT_USAGE;
        }
    };
    match args.format {
        CheckFormat::Human => {
            let _ = write!(std::io::stdout().lock(), "{}", report::render(&assessment, out));
        }
        CheckFormat::Json => print_json(&json::file_report(&assessment)),
    }
    exit_code(&assessment, args.strict)
}

fn read(path: &std::path::Path, display: &str) -> Result<error::SourceFile, InputError> {
    if display == "-" { error::read_stdin() } else { error::read_text(path, display) }
}

fn print_json<T: serde::Serialize>(value: &T) {
    let mut stdout = std::io::stdout().lock();
    // Serializing plain structs of strings and numbers cannot fail.
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let _ = writeln!(stdout, "{text}");
}

/// 1 when a requirement fails unaccepted (or, strict, a recommendation); else 0.
pub fn exit_code(a: &Assessment, strict: bool) -> u8 {
    let requirement = a.failing(Level::Indholdskrav).next().is_some() || a.failing(Level::Proceskrav).next().is_some();
    let recommendation = strict && a.failing(Level::Anbefaling).next().is_some();
    if requirement || recommendation { EXIT_FAIL } else { EXIT_OK }
}
