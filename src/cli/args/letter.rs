//! The arguments of `aftale letter`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::{RepositoryArgs, parse_as_of};

#[derive(Debug, Args)]
pub struct LetterArgs {
    /// Aftalefilen (YAML, format 1); `-` læser fra standardinput
    #[arg(value_name = "FIL")]
    pub file: PathBuf,

    /// Brevet: reply (Sundhedsstyrelsens svarbrev, standard), cover (udvalgets følgebrev til
    /// regionsrådet og kommunalbestyrelserne) eller agenda (kommunens sagsfremstilling, kræver --kommune)
    #[arg(long, value_enum, default_value_t = LetterKind::Reply, value_name = "BREV")]
    pub kind: LetterKind,

    /// Kommunen, hvis sagsfremstilling skrives (ved --kind agenda), fx Gentofte
    #[arg(long, alias = "municipality", value_name = "KOMMUNE", value_parser = super::super::candidates::municipalities())]
    pub kommune: Option<String>,

    /// Navnet, standardinput vises med og konfigurationen findes ud fra (ved `-`)
    #[arg(long, value_name = "NAVN")]
    pub stdin_filename: Option<String>,

    /// Format: markdown (standard), html eller docx; udledes af --output's filendelse
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<LetterFormat>,

    /// Skriv brevet hertil i stedet for til standardoutput (`-` er standardoutput); filen erstattes først, når den er skrevet helt
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub written: super::WriteArgs,

    /// Brevets dato (ÅÅÅÅ-MM-DD); standard er den seneste hændelse, brevet nævner (senest --as-of)
    #[arg(long, visible_alias = "dato", value_name = "DATO", value_parser = parse_as_of)]
    pub date: Option<NaiveDate>,

    /// Datoen for tidsafhængige regler (ÅÅÅÅ-MM-DD); standard er i dag
    #[arg(long, value_name = "DATO", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,

    /// Brug dette regelsæt i stedet for det, aftalens ikrafttrædelse peger på
    #[arg(long, value_name = "NAVN", value_parser = super::super::candidates::rulesets())]
    pub ruleset: Option<String>,

    /// Brug brevskabelonerne i denne mappe (brev.md.j2) i stedet for regelsættets
    #[arg(long, value_name = "MAPPE")]
    pub template: Option<PathBuf>,

    /// Den, der underskriver: én linje pr. gang, fx --signatory "Tanja Popp" --signatory Enhedschef
    #[arg(long, value_name = "TEKST")]
    pub signatory: Vec<String>,

    /// Kontaktperson (navn, e-mail og telefon)
    #[arg(long, value_name = "TEKST")]
    pub contact: Option<String>,

    /// Sagsnummeret i brevhovedet (Sundhedsstyrelsens, eller kommunens i sagsfremstillingen)
    #[arg(long, value_name = "TEKST")]
    pub case_number: Option<String>,

    /// Skriv ikke brevet, hvis der stadig er steder, der skal udfyldes
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub repository: RepositoryArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LetterKind {
    /// Sundhedsstyrelsens svarbrev til regionen og kommunerne
    Reply,
    /// Udvalgets følgebrev: anmodning om politisk godkendelse og svar med godkendelsesdatoen
    Cover,
    /// Kommunens sagsfremstilling til kommunalbestyrelsens dagsorden (kræver --kommune)
    Agenda,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LetterFormat {
    Markdown,
    Html,
    Docx,
}
