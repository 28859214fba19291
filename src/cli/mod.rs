//! Command-line arguments (English, as users type them) with Danish help and errors.

mod args;
mod candidates;
mod check;
mod import;
mod letter;
mod manual;
mod output_file;
mod rules_cmd;
mod rules_reference;
mod server;
mod status;
pub(crate) mod streams;

pub use output_file::{OutputFile, write_atomically};
pub use streams::{print, print_binary, stdout_failure};

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::Path;

use aftale::codes::ErrorCode;
use aftale::diagnostic::{self, Style};
use aftale::error::InputError;
use aftale::evaluate::EvaluationOptions;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};

pub use args::{Cli, Command};

/// Exit code: nothing that must be fixed.
pub const EXIT_OK: u8 = 0;
/// Exit code: a requirement fails (or a recommendation, when strict).
pub const EXIT_FAIL: u8 = 1;
/// Exit code: the input or the command line is unusable.
pub const EXIT_USAGE: u8 = 2;

/// Parses the arguments and runs the command; returns the exit code.
pub fn run(args: Vec<OsString>) -> u8 {
    let args = help_as_flag(args);
    // Only help and errors show the Danish texts: a command line that parses without them is
    // not parsed twice, and one that asks for help or has a mistake is parsed again with them
    // (putting them on every subcommand cost a one-file check a fifth of its argument parsing).
    let parsed = Cli::command().try_get_matches_from(&args).ok().and_then(|m| Cli::from_arg_matches(&m).ok());
    let mut cli = match parsed {
        Some(cli) => cli,
        None => {
            let command = args::localize(Cli::command());
            match command.try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m)) {
                Ok(cli) => cli,
                Err(err) => return clap_error(&err),
            }
        }
    };
    dash_is_stdout(&mut cli.command);
    let style = |is_terminal: bool, size| Style {
        color: cli.color.enabled(is_terminal),
        width: terminal_width(is_terminal, size),
    };
    let out_style = style(std::io::stdout().is_terminal(), terminal_size::terminal_size_of(std::io::stdout()));
    let err_style = style(std::io::stderr().is_terminal(), terminal_size::terminal_size_of(std::io::stderr()));
    let code = match &cli.command {
        Command::Check(a) => check::run(&cli, a, out_style, err_style),
        Command::Rules(a) => rules_cmd::list(&cli, a, out_style, err_style),
        Command::Explain(a) => rules_cmd::explain(&cli, a, out_style, err_style),
        Command::Letter(a) => letter::run(&cli, a, err_style),
        Command::Status(a) => status::run(&cli, a, out_style, err_style),
        Command::Init(a) => init(&cli, a, err_style),
        Command::Import(a) => import::run(a, err_style),
        Command::Schema(a) => {
            let schema = match a.target {
                args::SchemaFor::Aftale => aftale::schema::agreement(aftale::reference::Reference::builtin()),
                args::SchemaFor::Konfiguration => aftale::config::schema(),
                args::SchemaFor::Uddata => aftale::output::json::schema(),
                args::SchemaFor::Status => aftale::status::schema(),
            };
            deliver(
                a.output.as_deref(),
                a.written.force,
                a.written.quiet,
                aftale::schema::to_text(&schema).as_bytes(),
                err_style,
            )
        }
        Command::Completions(a) => completions(a.shell, err_style),
        Command::Man(a) => manual::run(a, err_style),
        Command::Server => server::run(&cli),
    };
    let _ = std::io::stdout().flush();
    code
}

/// `aftale help [KOMMANDO]` as `aftale [KOMMANDO] --help`, as in cargo and ripgrep (clap's own
/// help subcommand would be listed in English among the commands).
fn help_as_flag(mut args: Vec<OsString>) -> Vec<OsString> {
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    args
}

/// `-o -` writes to standard output, as everywhere else on the command line.
fn dash_is_stdout(command: &mut Command) {
    let output = match command {
        Command::Check(a) => &mut a.output,
        Command::Letter(a) => &mut a.output,
        Command::Status(a) => &mut a.output,
        Command::Init(a) => &mut a.output,
        Command::Import(a) => &mut a.output,
        Command::Rules(a) => &mut a.output,
        Command::Explain(a) => &mut a.output,
        Command::Schema(a) => &mut a.output,
        Command::Man(a) => &mut a.output,
        Command::Completions(_) | Command::Server => return,
    };
    if output.as_deref().is_some_and(|p| p.as_os_str() == "-") {
        *output = None;
    }
}

/// `aftale init`: writes the starting file, never over an existing one without `--force`, and
/// says what to do next.
fn init(cli: &Cli, args: &args::InitArgs, err: Style) -> u8 {
    let registry = match aftale::rules::Registry::with_dirs(&cli.rule_dirs) {
        Ok(r) => r,
        Err(errors) => {
            print_input_errors(&errors, err);
            return EXIT_USAGE;
        }
    };
    let reference = aftale::reference::Reference::builtin();
    let as_of = args.as_of.unwrap_or_else(today);
    let options = EvaluationOptions { ruleset: args.ruleset.clone(), ..EvaluationOptions::on(as_of) };
    let text = match aftale::scaffold::scaffold(&args.region, &args.periode, &registry, reference, &options) {
        Ok(t) => t,
        Err(e) => {
            print_input_errors(&[e], err);
            return EXIT_USAGE;
        }
    };
    let Some(path) = &args.output else {
        return printed(print(text.as_bytes()), err);
    };
    let shown = aftale::text::visible(&path.to_string_lossy()).into_owned();
    if let Err(e) = keep_existing(path, args.force) {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    if let Err(e) = write_atomically(path, text.as_bytes()) {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    confirm_written(path, args.quiet);
    if args.quiet {
        return EXIT_OK;
    }
    let _ = writeln!(
        streams::stderr(),
        "Udfyld felterne markeret [[Udfyld: …]], sæt datoerne ind, efterhånden som de \
         foreligger, og kør: aftale check {shown}"
    );
    EXIT_OK
}

/// The shell's completion script, generated from the same command line the program parses.
fn completions(shell: clap_complete::Shell, err: Style) -> u8 {
    let mut command = args::localize(Cli::command());
    // Generated into memory: clap_complete panics on a write error (a closed pipe, a full disk).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "aftale", &mut script);
    printed(print(&script), err)
}

/// A run that would check no agreement at all – every file found left out by `udelad`,
/// `--exclude` or an ignore file, or not an agreement – is unusable, not a pass: a configuration
/// must not be able to switch the gate off.
pub fn nothing_to_check(prepared: &aftale::run::Prepared) -> Option<InputError> {
    if !prepared.is_empty() {
        return None;
    }
    let skipped = prepared.skipped.len();
    Some(InputError::file(ErrorCode::NoFiles, "", "ingen aftalefil blev tjekket".to_owned()).with_help(format!(
        "{} fundet, men udeladt (`udelad`, --exclude, .gitignore) eller ikke aftalefiler. Angiv aftalefilen \
             direkte, eller ret udeladelserne.",
        aftale::danish::count(skipped, "YAML-fil er", "YAML-filer er")
    )))
}

/// The exit code of a command whose output was written to standard output.
pub fn printed(result: Result<(), InputError>, err: Style) -> u8 {
    match result {
        Ok(()) => EXIT_OK,
        Err(e) => {
            print_input_errors(&[e], err);
            EXIT_USAGE
        }
    }
}

/// Refuses to replace an existing file unless `--force` says so: the one rule for every
/// command that writes a file `-o` names.
pub fn keep_existing(path: &Path, force: bool) -> Result<(), InputError> {
    // Only a file is kept: a FIFO or a device (`-o /dev/null`) is written to, never replaced.
    if force || !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let shown = aftale::text::visible(&path.to_string_lossy()).into_owned();
    Err(InputError::file(ErrorCode::OutputExists, &shown, "filen findes allerede og overskrives ikke".to_owned())
        .with_help("Vælg et andet filnavn, eller brug --force for at overskrive filen."))
}

/// Says on standard error which file was written, as every command does after writing a file
/// `-o` names (not with `-q`).
pub fn confirm_written(path: &Path, quiet: bool) {
    if !quiet {
        let shown = aftale::text::visible(&path.to_string_lossy()).into_owned();
        let _ = writeln!(streams::stderr(), "aftale: {shown} er skrevet");
    }
}

/// Writes what a command made to the file `-o` names – never over an existing file without
/// `--force` – or to standard output.
pub fn deliver(output: Option<&Path>, force: bool, quiet: bool, bytes: &[u8], err: Style) -> u8 {
    let Some(path) = output else { return printed(print(bytes), err) };
    if let Err(e) = keep_existing(path, force) {
        print_input_errors(&[e], err);
        return EXIT_USAGE;
    }
    match write_atomically(path, aftale::text::inert(&String::from_utf8_lossy(bytes)).as_bytes()) {
        Ok(()) => {
            confirm_written(path, quiet);
            EXIT_OK
        }
        Err(e) => {
            print_input_errors(&[e], err);
            EXIT_USAGE
        }
    }
}

/// The width to draw for: `COLUMNS` when set (for a terminal, a pipe or a file alike), else the
/// terminal's width, else 100; never under 40 or over 400 columns.
fn terminal_width(is_terminal: bool, size: Option<(terminal_size::Width, terminal_size::Height)>) -> usize {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok());
    let real = size.filter(|_| is_terminal).map(|(w, _)| usize::from(w.0));
    columns.or(real).unwrap_or(100).clamp(40, 400)
}

/// Writes input errors to standard error as diagnostics.
pub fn print_input_errors(errors: &[InputError], style: Style) {
    let mut stderr = streams::stderr();
    for error in errors {
        let _ = write!(stderr, "{}", diagnostic::render_input(error, style));
    }
}

/// Clap's own errors, said in Danish.
fn clap_error(err: &clap::Error) -> u8 {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = print(danish_usage(&err.render().to_string()).as_bytes());
            return EXIT_OK;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = write!(streams::stderr(), "{}", danish_usage(&err.render().to_string()));
            return EXIT_USAGE;
        }
        _ => {}
    }
    // Values from the command line are shown, never echoed raw: a value may hold an escape
    // sequence, a line break or a CI command.
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(aftale::text::shown(s)),
        Some(ContextValue::Strings(v)) => Some(v.iter().map(|s| aftale::text::shown(s)).collect::<Vec<_>>().join(", ")),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match err.kind() {
        ErrorKind::UnknownArgument => format!("ukendt tilvalg «{arg}»"),
        ErrorKind::InvalidSubcommand => {
            format!("ukendt kommando «{}»", text(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::InvalidValue => match text(ContextKind::ValidValue) {
            Some(valid) => format!("ugyldig værdi «{value}» for {arg}; mulige værdier: {valid}"),
            None => format!("{arg} mangler en værdi"),
        },
        ErrorKind::MissingRequiredArgument => format!("mangler: {arg}"),
        ErrorKind::MissingSubcommand => "angiv en kommando: check, rules eller explain".to_owned(),
        ErrorKind::ValueValidation => {
            let reason =
                std::error::Error::source(err).map(|e| aftale::text::shown(&e.to_string())).unwrap_or_default();
            format!("ugyldig værdi «{value}» for {arg}: {reason}")
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} kan ikke bruges sammen med {}", text(ContextKind::PriorArg).unwrap_or_default())
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("for mange værdier: «{value}»")
        }
        _ => format!("kommandolinjen kan ikke bruges ({})", aftale::text::shown(&err.kind().to_string())),
    };
    if let Some(s) = text(ContextKind::SuggestedArg).or_else(|| text(ContextKind::SuggestedSubcommand)) {
        message.push_str(&format!("; mente du «{s}»?"));
    }
    let mut stderr = streams::stderr();
    let _ = writeln!(stderr, "fejl: {message}");
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        let usage = aftale::text::visible(&usage.to_string()).into_owned();
        let usage = usage.trim().trim_start_matches("Usage:").trim_start_matches("Brug:").trim();
        let _ = writeln!(stderr, "\nBrug: {}", danish_usage(usage));
    }
    let _ = writeln!(stderr, "\nSe «aftale --help» for hjælp.");
    EXIT_USAGE
}

/// Clap writes `[OPTIONS]` in usage lines; the rest of the help is Danish.
fn danish_usage(text: &str) -> String {
    text.replace("[OPTIONS]", "[TILVALG]")
}

/// Today's date in Danish time (Europe/Copenhagen), whatever the machine's time zone: a deadline
/// is passed at midnight in Denmark, not at midnight where a CI runner happens to be.
pub fn today() -> chrono::NaiveDate {
    today_at(chrono::Utc::now())
}

/// The directory relative paths start from; a working directory that no longer exists leaves
/// them relative.
pub fn working_dir() -> std::path::PathBuf {
    std::env::current_dir().unwrap_or_default()
}

/// The Danish date at an instant.
pub fn today_at(now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    now.with_timezone(&chrono_tz::Europe::Copenhagen).date_naive()
}

/// An output file may never replace one of the inputs: `check a.yaml -o a.yaml` would
/// otherwise swap the agreement for its report. An input directory covers the agreement files
/// (`*.yaml`, `*.yml`) below it.
pub fn refuse_input_as_output(output: &Path, inputs: &[std::path::PathBuf]) -> Result<(), InputError> {
    let shown = aftale::text::visible(&output.to_string_lossy()).into_owned();
    let refuse = || {
        InputError::file(
            ErrorCode::OutputIsInput,
            "",
            format!("{shown} er en af de filer, der læses, og overskrives ikke med resultatet"),
        )
        .with_help("Skriv resultatet til en anden fil, fx --output aftale-rapport.txt.")
    };
    // Standard input read from a file (`< aftale.yaml`): the same file, named or not.
    if inputs.iter().any(|i| i.as_os_str() == "-") && same_file(output, Path::new("/dev/stdin")) {
        return Err(refuse());
    }
    let Ok(target) = std::fs::canonicalize(output) else { return Ok(()) };
    let is_yaml = target.extension().is_some_and(|e| e == "yaml" || e == "yml");
    for input in inputs.iter().filter(|i| i.as_os_str() != "-") {
        let Ok(input) = std::fs::canonicalize(input) else { continue };
        if input == target || (input.is_dir() && is_yaml && target.starts_with(&input)) {
            return Err(refuse());
        }
    }
    Ok(())
}

/// Whether two paths are the same regular file (device and inode), following links.
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.is_file() && b.is_file() && a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Every file a run reads that the output must not replace: the agreements, the configuration
/// named with `--config`, the name `--stdin-filename` gives standard input, and the
/// configurations found.
pub fn inputs_of(
    files: &[std::path::PathBuf],
    config: Option<&Path>,
    stdin_filename: Option<&str>,
) -> Vec<std::path::PathBuf> {
    let mut all = files.to_vec();
    all.extend(config.map(Path::to_path_buf));
    all.extend(stdin_filename.map(std::path::PathBuf::from));
    all
}

#[cfg(test)]
mod clock_tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn today_is_the_date_in_copenhagen() {
        use chrono::TimeZone;
        // 23:30 UTC on 31 December is already New Year's Day in Denmark (UTC+1 in winter).
        let late = chrono::Utc.with_ymd_and_hms(2023, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(today_at(late), NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        // 22:30 UTC on 30 June is 00:30 on 1 July in summer time (UTC+2).
        let summer = chrono::Utc.with_ymd_and_hms(2023, 6, 30, 22, 30, 0).unwrap();
        assert_eq!(today_at(summer), NaiveDate::from_ymd_opt(2023, 7, 1).unwrap());
        let before = chrono::Utc.with_ymd_and_hms(2023, 6, 30, 21, 59, 0).unwrap();
        assert_eq!(today_at(before), NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
    }
}
