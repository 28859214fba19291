//! `aftale check FILE...`.

use std::io::Write;
use std::path::Path;

use aftale::diagnostic::Style;
use aftale::error::InputError;
use aftale::evaluate::FailOn;
use aftale::output::{self, Format};
use aftale::run::{self, FileOutcome, Outcome, Request};

use super::args::{CheckArgs, CheckFormat, Cli, FailOnArg};
use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE, print_input_errors};

/// Runs `check`; returns the exit code.
pub fn run(cli: &Cli, args: &CheckArgs, out: Style, err: Style) -> u8 {
    let fail_on = match (args.strict, args.fail_on) {
        (true, _) | (_, Some(FailOnArg::Recommendation)) => FailOn::Recommendation,
        (_, Some(FailOnArg::Never)) => FailOn::Never,
        _ => FailOn::Requirement,
    };
    let request = Request {
        inputs: args.files.clone(),
        as_of: args.as_of,
        ruleset: args.ruleset.clone(),
        rule_dirs: cli.rule_dirs.clone(),
        config: args.config.clone(),
        fail_on,
    };
    let prepared = run::prepare(&request);
    let run = run::evaluate(&prepared, &request);
    for file in &run.files {
        if let FileOutcome::Unusable { errors, .. } = file {
            print_input_errors(errors, err);
        }
    }
    let format = match args.format {
        CheckFormat::Human => Format::Human,
        CheckFormat::Json => Format::Json,
        CheckFormat::Sarif => Format::Sarif,
        CheckFormat::Junit => Format::Junit,
        CheckFormat::Github => Format::Github,
        CheckFormat::Markdown => Format::Markdown,
    };
    // A file gets no colour, and its own width.
    let style = if args.output.is_some() { Style::PLAIN } else { out };
    let text = output::render(&run, format, output::Options { style, quiet: args.quiet });
    let written = match &args.output {
        Some(path) => write_atomically(path, &text),
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(())
        }
    };
    if let Err(e) = written {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    match run.outcome() {
        Outcome::Passed => EXIT_OK,
        Outcome::Failed => EXIT_FAIL,
        Outcome::Unusable => EXIT_USAGE,
    }
}

/// Writes to a temporary file beside the target and renames it into place, so an existing file
/// is only ever replaced by a complete new one.
fn write_atomically(path: &Path, text: &str) -> Result<(), InputError> {
    let display = path.display().to_string();
    let fail =
        |e: std::io::Error| InputError::file("aftale::uddata", &display, format!("uddata kan ikke skrives: {e}"));
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new().prefix(".aftale-").tempfile_in(dir).map_err(fail)?;
    temp.write_all(text.as_bytes()).map_err(fail)?;
    // A temporary file is private to its owner; the output gets the permissions a new file would
    // have, or those of the file it replaces.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(permissions) = permissions {
        std::fs::set_permissions(temp.path(), permissions).map_err(fail)?;
    }
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}
