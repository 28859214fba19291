//! `aftale check FILE...`.

use std::io::Write;

use aftale::diagnostic::Style;
use aftale::evaluate::FailOn;
use aftale::output;
use aftale::run::{self, FileOutcome, Request, RunOutcome};

use super::args::{CheckArgs, Cli, FailOnArg};
use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE, print_input_errors, refuse_input_as_output, write_atomically};

/// Runs `check`; returns the exit code.
pub fn run(cli: &Cli, args: &CheckArgs, out: Style, err: Style) -> u8 {
    let fail_on = match (args.strict, args.fail_on) {
        (true, _) | (_, Some(FailOnArg::Recommendation)) => FailOn::Recommendation,
        (_, Some(FailOnArg::Never)) => FailOn::Never,
        _ => FailOn::Requirement,
    };
    let request = Request {
        inputs: args.files.clone(),
        as_of: args.as_of.unwrap_or_else(super::today),
        ruleset: args.ruleset.clone(),
        rule_dirs: cli.rule_dirs.clone(),
        config: args.config.clone(),
        fail_on,
        max_size: cli.max_size,
    };
    if let Some(output) = &args.output
        && let Err(e) = refuse_input_as_output(output, &args.files)
    {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    let prepared = run::prepare(&request);
    let run = run::evaluate(&prepared, &request);
    for file in &run.files {
        if let FileOutcome::Unusable { errors, .. } = file {
            print_input_errors(errors, err);
        }
    }
    let format = args.format;
    // A file gets no colour, and its own width.
    let style = if args.output.is_some() { Style::PLAIN } else { out };
    let text = output::render(&run, format, output::RenderOptions { style, quiet: args.quiet });
    let written = match &args.output {
        Some(path) => write_atomically(path, text.as_bytes()),
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
        RunOutcome::Passed => EXIT_OK,
        RunOutcome::Failed => EXIT_FAIL,
        RunOutcome::Unusable => EXIT_USAGE,
    }
}
