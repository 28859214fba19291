//! `aftale status FILE...`: the agreement's life as of a date, and its calendar.

use aftale::diagnostic::Style;
use aftale::lifecycle;
use aftale::reference::Reference;
use aftale::run::{self, FileOutcome, Request};
use aftale::status::{self, FileStatus, Unusable};

use super::args::Cli;
use super::args::status::{StatusArgs, StatusFailOn, StatusFormat};
use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE, print_input_errors, write_atomically};

/// Whether an overdue deadline fails the run: by `--fail-on`, else for the reports and not for
/// the calendar (writing it is the whole job; a scheduled reminder reads the report).
fn fails_on_overdue(args: &StatusArgs) -> bool {
    match args.fail_on {
        Some(choice) => choice == StatusFailOn::Overdue,
        None => args.format != StatusFormat::Ics,
    }
}

/// Runs `status`; returns the exit code.
pub fn run(cli: &Cli, args: &StatusArgs, out: Style, err: Style) -> u8 {
    let read = super::inputs_of(&args.files, args.repository.config.as_deref(), args.stdin_filename.as_deref());
    if let Some(output) = &args.output
        && let Err(e) =
            super::refuse_input_as_output(output, &read).and_then(|()| super::keep_existing(output, args.written.force))
    {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    let as_of = args.as_of.unwrap_or_else(super::today);
    let request = Request {
        inputs: args.files.clone(),
        as_of,
        ruleset: args.ruleset.clone(),
        rule_dirs: cli.rule_dirs.clone(),
        config: args.repository.config.clone(),
        working_dir: super::working_dir(),
        exclude: args.exclude.clone(),
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
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    if let Some(e) = super::nothing_to_check(&prepared) {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    let reference = Reference::builtin();
    let mut statuses = Vec::new();
    let mut unusable = false;
    run::stream(
        &prepared,
        &request,
        |outcome| match outcome {
            FileOutcome::Assessed(a) => (FileStatus::Followed(Box::new(lifecycle::of(&a, reference))), Vec::new()),
            FileOutcome::Unusable { file, errors } => {
                let messages = errors.iter().map(|e| e.message.clone()).collect();
                (FileStatus::Unusable(Unusable { file, errors: messages }), errors)
            }
        },
        |(status, errors)| {
            if !errors.is_empty() {
                print_input_errors(&errors, err);
                unusable = true;
            }
            statuses.push(status);
        },
    );
    if statuses.is_empty() {
        return EXIT_USAGE;
    }
    let text = match args.format {
        StatusFormat::Human => status::human(&statuses, if args.output.is_some() { Style::PLAIN } else { out }),
        StatusFormat::Html => status::html(&statuses),
        StatusFormat::Json => status::json(&statuses, as_of),
        StatusFormat::Markdown => status::markdown(&statuses),
        StatusFormat::Ics => status::ics::render(&statuses, args.remind_days),
    };
    let written = match &args.output {
        Some(path) => write_atomically(path, aftale::text::inert(&text).as_bytes())
            .map(|()| super::confirm_written(path, args.written.quiet)),
        None => super::print(text.as_bytes()),
    };
    if let Err(e) = written {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    if unusable {
        EXIT_USAGE
    } else if fails_on_overdue(args) && status::any_overdue(&statuses) {
        EXIT_FAIL
    } else {
        EXIT_OK
    }
}
