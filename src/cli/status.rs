//! `aftale status FILE...`: the agreement's life as of a date, and its calendar.

use std::path::PathBuf;

use aftale::diagnostic::Style;
use aftale::lifecycle;
use aftale::reference::Reference;
use aftale::run::{self, FileOutcome, Request};
use aftale::status::{self, FileStatus, Unusable};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::args::{Cli, parse_as_of};
use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE, print_input_errors, write_atomically};

#[derive(Debug, Args)]
#[command(
    after_help = "Exit-koder: 0 = ingen frist er overskredet, 1 = en frist er overskredet, 2 = input eller kommandolinje kan ikke bruges."
)]
pub struct StatusArgs {
    /// Aftalefiler eller mapper (alle *.yaml og *.yml herunder); `-` læser fra standardinput
    #[arg(value_name = "FIL", required = true)]
    pub files: Vec<PathBuf>,

    /// Uddata: human (standard), json, markdown (til et issue eller en wiki) eller ics (kalender)
    #[arg(long, value_enum, default_value_t = StatusFormat::Human, value_name = "FORMAT")]
    pub format: StatusFormat,

    /// Skriv uddata til en fil i stedet for standardoutput
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    /// Overskriv filen, hvis den findes
    #[arg(long)]
    pub force: bool,

    /// Skriv ingen bekræftelse på standardfejl (kun eventuelle fejl)
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Datoen, status opgøres pr. (ÅÅÅÅ-MM-DD); standard er i dag (dansk tid)
    #[arg(long, value_name = "DATO", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,

    /// Kalenderens påmindelse: så mange dage før hver frist (standard 14; 0 = ingen påmindelse;
    /// højst 366)
    #[arg(long, value_name = "DAGE", default_value_t = 14, value_parser = parse_remind_days)]
    pub remind_days: u32,

    /// Brug dette regelsæt i stedet for det, aftalens ikrafttrædelse peger på
    #[arg(long, value_name = "NAVN", value_parser = super::candidates::rulesets())]
    pub ruleset: Option<String>,

    /// Brug denne konfigurationsfil i stedet for at lede efter .aftale.yaml
    #[arg(long, value_name = "FIL")]
    pub config: Option<PathBuf>,

    /// Led ikke efter .aftale.yaml (som ruffs --isolated); --config angiver stadig en fil
    #[arg(long, visible_alias = "isolated")]
    pub no_config: bool,

    /// Læs ikke .gitignore, .ignore og .git/info/exclude, når en mappe gennemgås
    #[arg(long)]
    pub no_ignore: bool,

    /// Spring filer og mapper over, der passer til mønsteret (gentages)
    #[arg(long, value_name = "MØNSTER")]
    pub exclude: Vec<String>,

    /// Navnet, standardinput vises med og konfigurationen findes ud fra (ved `-`)
    #[arg(long, value_name = "NAVN")]
    pub stdin_filename: Option<String>,

    /// Hvornår kørslen fejler: overdue (når en frist er overskredet; standard for rapporterne)
    /// eller never (standard for kalenderen, --format ics)
    #[arg(long, value_enum, value_name = "HVORNÅR")]
    pub fail_on: Option<StatusFailOn>,
}

/// What fails a `status` run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFailOn {
    Overdue,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Human,
    Json,
    Markdown,
    Ics,
}

/// `--remind-days`: a whole number of days, at most a year ahead.
fn parse_remind_days(text: &str) -> Result<u32, String> {
    text.trim().parse::<u32>().ok().filter(|d| *d <= 366).ok_or_else(|| "skriv et antal dage fra 0 til 366".to_owned())
}

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
    let read = super::inputs_of(&args.files, args.config.as_deref(), args.stdin_filename.as_deref());
    if let Some(output) = &args.output
        && let Err(e) =
            super::refuse_input_as_output(output, &read).and_then(|()| super::keep_existing(output, args.force))
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
        config: args.config.clone(),
        working_dir: super::working_dir(),
        exclude: args.exclude.clone(),
        stdin_filename: args.stdin_filename.clone(),
        max_size: cli.max_size,
        fail_on: aftale::evaluate::FailOn::default(),
        no_config: args.no_config,
        no_ignore: args.no_ignore,
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
        StatusFormat::Json => status::json(&statuses, as_of),
        StatusFormat::Markdown => status::markdown(&statuses),
        StatusFormat::Ics => status::ics::render(&statuses, args.remind_days),
    };
    let written = match &args.output {
        Some(path) => write_atomically(path, aftale::text::inert(&text).as_bytes())
            .map(|()| super::confirm_written(path, args.quiet)),
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
