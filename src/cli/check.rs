//! `aftale check FILE...`.

use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

use aftale::diagnostic::Style;
use aftale::error::InputError;
use aftale::evaluate::FailOn;
use aftale::output;
use aftale::output::stream::{PartWriter, Streamer};
use aftale::run::{self, FileOutcome, Prepared, Request, RunOutcome, RunSummary};

use super::args::{CheckArgs, Cli, FailOnArg};
use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE, OutputFile, print_input_errors, refuse_input_as_output};

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
        config: args.repository.config.clone(),
        fail_on,
        working_dir: super::working_dir(),
        exclude: args.exclude.clone(),
        stdin_filename: args.stdin_filename.clone(),
        max_size: cli.max_size,
        no_config: args.repository.no_config,
        no_ignore: args.repository.no_ignore,
        text: None,
        selection: aftale::evaluate::RuleSelection {
            select: args.select.iter().map(|r| r.trim().to_owned()).collect(),
            ignore: args.ignore.iter().map(|r| r.trim().to_owned()).collect(),
        },
    };
    let read = super::inputs_of(&args.files, args.repository.config.as_deref(), args.stdin_filename.as_deref());
    if let Some(output) = &args.output
        && let Err(e) = refuse_input_as_output(output, &read).and_then(|()| super::keep_existing(output, args.force))
    {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    let prepared = run::prepare(&request);
    if let Some(output) = &args.output
        && let Err(e) = refuse_input_as_output(output, &prepared.config_paths())
    {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    if !prepared.skipped.is_empty() {
        let names: Vec<String> = prepared.skipped.iter().map(|n| aftale::text::shown(n)).collect();
        let _ = writeln!(
            super::streams::stderr(),
            "aftale: {} YAML-fil(er) er sprunget over, fordi de ikke er aftalefiler eller er udeladt: {}",
            names.len(),
            aftale::danish::list(&aftale::text::capped(names))
        );
    }
    if let Some(e) = unknown_selected_rule(&request.selection, &prepared) {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    if let Some(e) = super::nothing_to_check(&prepared) {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    // A file gets no colour, and its own width.
    let style = if args.output.is_some() { Style::PLAIN } else { out };
    let options = output::RenderOptions { style, quiet: args.quiet };
    let streamer = Streamer::new(args.format, options, fail_on, prepared.single, request.as_of);
    let outcome = write_streamed(&prepared, &request, streamer, args.output.as_deref(), err);
    if outcome.is_ok()
        && let Some(path) = &args.output
    {
        super::confirm_written(path, args.quiet);
    }
    // The process ends now: freeing the rule registries and configurations piece by piece would
    // cost more than the rest of a one-file run's output (the operating system takes it all back).
    std::mem::forget(prepared);
    match outcome {
        Ok(RunOutcome::Passed) => EXIT_OK,
        Ok(RunOutcome::Failed) => EXIT_FAIL,
        Ok(RunOutcome::Unusable) => EXIT_USAGE,
        Err(e) => {
            print_input_errors(&[e], err);
            EXIT_USAGE
        }
    }
}

/// A rule named by `--select` or `--ignore` that no rule pack of the run has.
fn unknown_selected_rule(selection: &aftale::evaluate::RuleSelection, prepared: &Prepared) -> Option<InputError> {
    // Without a selection no pack's rules need decoding here.
    selection.named().next()?;
    let packs = prepared.packs();
    let ids: Vec<&str> = packs.iter().flat_map(|p| p.rules().iter().map(|r| r.id.as_str())).collect();
    let unknown = selection.named().find(|id| !ids.contains(id))?;
    Some(super::rules_cmd::unknown_rule_id(unknown, &ids))
}

/// Evaluates the files and writes each one's part as soon as it and those before it are done,
/// so memory does not grow with the number of files. A head that states the run's totals is
/// written last: the parts wait in a temporary file until then.
fn write_streamed(
    prepared: &Prepared,
    request: &Request,
    streamer: Streamer,
    output: Option<&Path>,
    err: Style,
) -> Result<RunOutcome, InputError> {
    let Some(path) = output else {
        let mut stdout = BufWriter::with_capacity(1 << 16, super::streams::Guarded::new(std::io::stdout().lock()));
        // A closed standard output (`| head`) is no reason to fail the run; a full disk is.
        let (summary, written) = stream_into(prepared, request, streamer, &mut stdout, err);
        let finished = written.and_then(|()| stdout.into_inner().map_err(|e| e.into_error())?.finish());
        super::stdout_failure(finished)?;
        return Ok(summary.outcome);
    };
    let mut file = OutputFile::create(path)?;
    // A report in a file may be printed into a CI log later: inert as standard output is.
    let mut guarded = super::streams::Guarded::new(&mut file);
    let (summary, written) = stream_into(prepared, request, streamer, &mut guarded, err);
    let written = written.and_then(|()| guarded.finish());
    written.map_err(|e| file.failure(e))?;
    file.commit()?;
    Ok(summary.outcome)
}

/// Streams the run into `out`; the run is evaluated to the end even if writing fails.
fn stream_into(
    prepared: &Prepared,
    request: &Request,
    streamer: Streamer,
    out: &mut dyn Write,
    err: Style,
) -> (RunSummary, std::io::Result<()>) {
    let mut written = Ok(());
    let mut spill = if streamer.head_waits() {
        match tempfile::tempfile() {
            Ok(file) => Some(BufWriter::with_capacity(1 << 16, file)),
            Err(e) => return (run::stream(prepared, request, |_| (), |()| ()), Err(e)),
        }
    } else {
        None
    };
    if spill.is_none()
        && let Err(e) = out.write_all(streamer.opening().as_bytes())
    {
        written = Err(e);
    }
    let body: &mut dyn Write = match spill {
        Some(ref mut spill) => spill,
        None => &mut *out,
    };
    let mut parts = PartWriter::new(streamer, body);
    let each = |file: FileOutcome| {
        let errors = match &file {
            FileOutcome::Unusable { errors, .. } => errors.clone(),
            FileOutcome::Assessed(_) => Vec::new(),
        };
        (errors, streamer.part(&file))
    };
    let summary = run::stream(prepared, request, each, |(errors, part)| {
        print_input_errors(&errors, err);
        if written.is_ok() {
            written = parts.write(part);
        }
    });
    let (_, rows, any) = parts.finish();
    let finished = written.and_then(|()| {
        if let Some(spill) = spill {
            let mut spill = spill.into_inner().map_err(|e| e.into_error())?;
            spill.seek(SeekFrom::Start(0))?;
            let mut spill = std::io::BufReader::with_capacity(1 << 16, spill);
            if streamer.is_whole_document() {
                // SARIF's rule list and JUnit's counts stand before the results and after them.
                let closing = streamer.closing(&rows, &prepared.packs());
                out.write_all(closing.head.as_bytes())?;
                streamer.copy_parts(&closing, &mut spill, out)?;
                out.write_all(closing.foot.as_bytes())?;
                return out.flush();
            }
            out.write_all(streamer.head(&summary, &rows).as_bytes())?;
            std::io::copy(&mut spill, out)?;
        }
        out.write_all(streamer.foot(&summary, any).as_bytes())?;
        out.flush()
    });
    (summary, finished)
}
