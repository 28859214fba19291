//! The arguments of `aftale import`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Dokumentet: .docx, .pdf, .txt eller .md; `-` læser fra standardinput
    #[arg(value_name = "DOKUMENT")]
    pub document: PathBuf,

    /// Skriv udkastet hertil i stedet for til standardoutput (`-` er standardoutput); filen erstattes først, når den er skrevet helt
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    /// Overskriv filen, hvis den findes
    #[arg(long)]
    pub force: bool,

    /// Oversigten på standardfejl: human (standard) eller json (til scripts)
    #[arg(long, value_enum, default_value_t = SummaryFormat::Human, value_name = "FORMAT")]
    pub format: SummaryFormat,

    /// Dokumentets navn, når det læses fra standardinput (afgør, om det er Word, PDF eller tekst)
    #[arg(long, value_name = "NAVN")]
    pub stdin_filename: Option<String>,

    /// Skriv ingen oversigt på standardfejl (kun udkastet og eventuelle fejl)
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Human,
    Json,
}
