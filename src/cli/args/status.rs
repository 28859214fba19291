//! The arguments of `aftale status`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::{RepositoryArgs, WriteArgs, parse_as_of};

#[derive(Debug, Args)]
#[command(
    after_help = "Exit-koder: 0 = ingen frist er overskredet, 1 = en frist er overskredet, 2 = input eller kommandolinje kan ikke bruges."
)]
pub struct StatusArgs {
    /// Aftalefiler eller mapper (alle *.yaml og *.yml herunder); `-` læser fra standardinput
    #[arg(value_name = "FIL", required = true)]
    pub files: Vec<PathBuf>,

    /// Uddata: human (standard), html (forløbet som tidslinje og godkendelserne som felter, én side), json, markdown (til et issue eller en wiki) eller ics (kalender)
    #[arg(long, value_enum, default_value_t = StatusFormat::Human, value_name = "FORMAT")]
    pub format: StatusFormat,

    /// Skriv uddata hertil i stedet for til standardoutput (`-` er standardoutput); filen erstattes først, når den er skrevet helt
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub written: WriteArgs,

    /// Datoen, status opgøres pr. (ÅÅÅÅ-MM-DD); standard er i dag (dansk tid)
    #[arg(long, value_name = "DATO", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,

    /// Kalenderens påmindelse: så mange dage før hver frist (standard 14; 0 = ingen påmindelse;
    /// højst 366)
    #[arg(long, value_name = "DAGE", default_value_t = 14, value_parser = parse_remind_days)]
    pub remind_days: u32,

    /// Brug dette regelsæt i stedet for det, aftalens ikrafttrædelse peger på
    #[arg(long, value_name = "NAVN", value_parser = super::super::candidates::rulesets())]
    pub ruleset: Option<String>,

    #[command(flatten)]
    pub repository: RepositoryArgs,

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
    Html,
    Json,
    Markdown,
    Ics,
}

/// `--remind-days`: a whole number of days, at most a year ahead.
fn parse_remind_days(text: &str) -> Result<u32, String> {
    text.trim().parse::<u32>().ok().filter(|d| *d <= 366).ok_or_else(|| "skriv et antal dage fra 0 til 366".to_owned())
}
