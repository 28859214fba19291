//! The arguments. Flags are English, as users type them; help texts are Danish.

use std::path::PathBuf;

use aftale::output::Format;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod import;
pub mod letter;
pub mod status;

/// Tjek en sundhedsaftale mod bekendtgørelsens og vejledningens krav.
#[derive(Debug, Parser)]
#[command(name = "aftale", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Farver: auto (standard: kun i en terminal og uden NO_COLOR), always eller never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "HVORNÅR", display_order = 900)]
    pub color: ColorChoice,

    /// Læg regelsæt til fra en mappe (en mappe med pack.yaml, eller mapper med hver sin)
    #[arg(long = "rules", value_name = "MAPPE", global = true, display_order = 901)]
    pub rule_dirs: Vec<PathBuf>,

    /// Den største aftalefil, der læses (fx 16M, 512K eller 100000 bytes); standard 16M
    #[arg(long, value_name = "STØRRELSE", global = true, value_parser = parse_size, display_order = 902)]
    pub max_size: Option<u64>,
}

/// "16M", "512K", "1G" (powers of 1024) or a number of bytes.
fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let upper = t.to_uppercase();
    let digits = upper.trim_end_matches(['B']).trim_end();
    let (number, factor) = match digits.char_indices().last() {
        Some((i, 'K')) => (&digits[..i], 1u64 << 10),
        Some((i, 'M')) => (&digits[..i], 1 << 20),
        Some((i, 'G')) => (&digits[..i], 1 << 30),
        _ => (digits, 1),
    };
    number
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("«{t}» er ikke en størrelse; skriv fx 16M, 512K eller et antal bytes"))
        .and_then(|n| {
            // Reading and parsing take several times a file's size in memory: the limit keeps a
            // run under 300 MB whatever a repository holds.
            if n > MAX_SIZE_LIMIT { Err(format!("højst {} MB kan læses", MAX_SIZE_LIMIT >> 20)) } else { Ok(n) }
        })
}

/// The highest `--max-size`.
const MAX_SIZE_LIMIT: u64 = 32 << 20;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tjek aftalefiler og skriv vurderingen under Sundhedsstyrelsens overskrifter
    Check(CheckArgs),
    /// Vis reglerne i et regelsæt
    Rules(RulesArgs),
    /// Forklar én regel: kilde, begrundelse og hvordan den opfyldes
    Explain(ExplainArgs),
    /// Skriv et udkast til Sundhedsstyrelsens svarbrev ud fra vurderingen
    Letter(letter::LetterArgs),
    /// Følg aftalens livsforløb pr. en dato: godkendelser, frister og status (også som kalender)
    Status(status::StatusArgs),
    /// Skriv en startfil til en ny aftale: regionens kommuner, fristerne og pladser til indholdet
    Init(InitArgs),
    /// Lav et udkast til aftalefilen ud fra regionens eget dokument (Word, PDF eller tekst)
    Import(import::ImportArgs),
    /// Skriv JSON Schema for aftalefilen (eller konfigurationen) til editorens fuldførelse og validering
    Schema(SchemaArgs),
    /// Skriv et script til skallens fuldførelse af kommandoer og tilvalg (fx bash)
    Completions(CompletionsArgs),
    /// Skriv manualsiden (man-format, roff): én side med alle kommandoer, eller en pr. kommando
    Man(ManArgs),
    /// Start sprogserveren (LSP over standardinput og -output), så editoren viser fundene, mens du skriver
    Server,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Regionen, fx Hovedstaden
    #[arg(long, value_name = "REGION", value_parser = super::candidates::regions())]
    pub region: String,

    /// Aftaleperioden som to årstal, fx 2024-2027
    #[arg(long, value_name = "ÅR-ÅR")]
    pub periode: String,

    /// Skriv startfilen hertil i stedet for til standardoutput (`-` er standardoutput); filen erstattes først, når den er skrevet helt
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    /// Overskriv filen, hvis den findes
    #[arg(long)]
    pub force: bool,

    /// Datoen fristerne vurderes ud fra (ÅÅÅÅ-MM-DD); standard er i dag
    #[arg(long, value_name = "DATO", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,

    /// Brug dette regelsæt i stedet for det, der gælder på ikrafttrædelsesdatoen
    #[arg(long, value_name = "REGELSÆT", value_parser = super::candidates::rulesets())]
    pub ruleset: Option<String>,

    /// Skriv ingen bekræftelse på standardfejl (kun eventuelle fejl)
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Skriv manualsiden hertil i stedet for til standardoutput (`-` er standardoutput); filen erstattes først, når den er skrevet helt
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    /// Skriv en side pr. kommando i denne mappe (aftale.1, aftale-check.1, …)
    #[arg(long, value_name = "MAPPE", conflicts_with = "output")]
    pub dir: Option<PathBuf>,

    #[command(flatten)]
    pub written: WriteArgs,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Hvilken fil: aftale (aftalefilen, standard), konfiguration (.aftale.yaml), uddata (check --format json) eller status (status --format json)
    #[arg(long = "for", value_enum, default_value_t = SchemaFor::Aftale, value_name = "FIL")]
    pub target: SchemaFor,

    /// Skriv skemaet hertil i stedet for til standardoutput (`-` er standardoutput); filen erstattes først, når den er skrevet helt
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub written: WriteArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFor {
    Aftale,
    Konfiguration,
    Uddata,
    Status,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Skallen: bash, zsh, fish, powershell eller elvish
    #[arg(value_enum, value_name = "SKAL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Aftalefiler eller mapper (alle *.yaml og *.yml herunder); `-` læser fra standardinput
    #[arg(value_name = "FIL", required = true)]
    pub files: Vec<PathBuf>,

    /// Uddata: human (rapport, standard), html (rapporten som én side), json, sarif, junit, github, gitlab eller markdown
    #[arg(long, value_enum, default_value_t = Format::Human, value_name = "FORMAT")]
    pub format: Format,

    /// Skriv uddata hertil i stedet for til standardoutput (`-` er standardoutput); filen erstattes først, når den er skrevet helt
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    /// Datoen for tidsafhængige regler (ÅÅÅÅ-MM-DD); standard er i dag
    #[arg(long, value_name = "DATO", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,

    /// Brug dette regelsæt i stedet for det, aftalens ikrafttrædelse peger på
    #[arg(long, value_name = "NAVN", value_parser = super::candidates::rulesets())]
    pub ruleset: Option<String>,

    /// Hvad der giver exit-kode 1: requirement (krav, standard), recommendation (også anbefalinger) eller never
    #[arg(long, value_enum, value_name = "NIVEAU", conflicts_with = "strict")]
    pub fail_on: Option<FailOnArg>,

    /// Det samme som --fail-on recommendation
    #[arg(long)]
    pub strict: bool,

    /// Skriv kun det, der fejler (og ingen bekræftelse af filen, der er skrevet)
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Overskriv filen, hvis den findes
    #[arg(long)]
    pub force: bool,

    /// Spring filer over, der matcher dette filmønster (som i .gitignore), når en mappe gennemgås; kan gentages
    #[arg(long, value_name = "MØNSTER")]
    pub exclude: Vec<String>,

    /// Navnet, standardinput vises med og konfigurationen findes ud fra (ved `-`)
    #[arg(long, value_name = "NAVN")]
    pub stdin_filename: Option<String>,

    #[command(flatten)]
    pub repository: RepositoryArgs,

    /// Lad kun disse regler afgøre, om kørslen fejler (fx SA011,SA030); vurderingen er den samme
    #[arg(long, value_name = "REGEL", value_delimiter = ',', value_parser = super::candidates::rules())]
    pub select: Vec<String>,

    /// Lad ikke disse regler afgøre, om kørslen fejler (fx SA063); vurderingen er den samme
    #[arg(long, value_name = "REGEL", value_delimiter = ',', value_parser = super::candidates::rules())]
    pub ignore: Vec<String>,
}

/// Where a run finds the repository's configuration and ignore files (`check`, `letter`,
/// `status`).
#[derive(Debug, Args)]
pub struct RepositoryArgs {
    /// Brug denne konfigurationsfil i stedet for at lede efter .aftale.yaml over hver fil
    #[arg(long, value_name = "FIL")]
    pub config: Option<PathBuf>,

    /// Led ikke efter .aftale.yaml (som ruffs --isolated); --config angiver stadig en fil
    #[arg(long, visible_alias = "isolated")]
    pub no_config: bool,

    /// Læs ikke .gitignore, .ignore og .git/info/exclude, når en mappe gennemgås
    #[arg(long)]
    pub no_ignore: bool,
}

/// Writing the file `-o` names, the same way in every command: kept unless `--force`, confirmed
/// on standard error unless `-q`.
#[derive(Debug, Args)]
pub struct WriteArgs {
    /// Overskriv filen, hvis den findes
    #[arg(long)]
    pub force: bool,

    /// Skriv ingen bekræftelse på standardfejl (kun eventuelle fejl)
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    Requirement,
    Recommendation,
    Never,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Regelsættet (standard: det, der gælder i dag)
    #[arg(long, value_name = "NAVN", value_parser = super::candidates::rulesets())]
    pub ruleset: Option<String>,

    /// Uddata: human (tabel, standard), json eller markdown (regelreferencen; alle regelsæt uden --ruleset)
    #[arg(long, value_enum, default_value_t = ListFormat::Human, value_name = "FORMAT")]
    pub format: ListFormat,

    /// Skriv reglerne hertil i stedet for til standardoutput (`-` er standardoutput); filen erstattes først, når den er skrevet helt
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub written: WriteArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Reglens id, fx SA011
    #[arg(value_name = "ID", value_parser = super::candidates::rules())]
    pub id: String,

    /// Regelsættet (standard: det, der gælder i dag, ellers det nyeste med reglen)
    #[arg(long, value_name = "NAVN", value_parser = super::candidates::rulesets())]
    pub ruleset: Option<String>,

    /// Skriv forklaringen hertil i stedet for til standardoutput (`-` er standardoutput); filen erstattes først, når den er skrevet helt
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub written: WriteArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
    /// Every pack's rules as one document (docs/regler.md).
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream: `always` and `never` decide; `auto` decides as clap's own
    /// colouring (anstream) does: NO_COLOR (https://no-color.org) turns colour off,
    /// CLICOLOR_FORCE or FORCE_COLOR (other than `0` or `false`) turns it on even in a pipe,
    /// CLICOLOR=0 turns it off, and otherwise a terminal is coloured unless TERM is `dumb`
    /// or unset (or a CI runner's log, which shows colour, is the terminal).
    pub fn enabled(self, stream_is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let force_color = std::env::var("FORCE_COLOR").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"));
                if anstyle_query::no_color() {
                    false
                } else if anstyle_query::clicolor_force() || force_color {
                    true
                } else if anstyle_query::clicolor() == Some(false) {
                    false
                } else {
                    stream_is_terminal && (anstyle_query::term_supports_color() || anstyle_query::is_ci())
                }
            }
        }
    }
}

pub(super) fn parse_as_of(text: &str) -> Result<NaiveDate, String> {
    aftale::model::parse_date(text)
}

/// Danish headings and help texts for clap's generated parts.
pub fn localize(command: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    let is_root = command.get_version().is_some();
    let mut command = command
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .help_template("{about-with-newline}\nBrug: {usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("Kommandoer")
        .subcommand_value_name("KOMMANDO")
        .mut_args(|a| {
            // Clap writes defaults and choices in English; the help texts say them in Danish.
            let a =
                if a.get_action().takes_values() { a.hide_default_value(true).hide_possible_values(true) } else { a };
            if a.is_positional() { a.help_heading("Argumenter") } else { a.help_heading("Tilvalg") }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Vis denne hjælp")
                .help_heading("Tilvalg"),
        );
    if is_root {
        command = command
            .disable_version_flag(true)
            .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("Vis versionen").help_heading("Tilvalg"))
            .after_help("Exit-koder: 0 = intet krav fejler, 1 = et krav fejler (eller en anbefaling med --strict), 2 = input eller kommandolinje kan ikke bruges.");
    }
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    names.into_iter().fold(command, |c, name| c.mut_subcommand(name, localize))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        // Parsed first without the Danish texts, then with them (see `cli::run`).
        super::Cli::command().debug_assert();
        super::localize(super::Cli::command()).debug_assert();
    }
}
