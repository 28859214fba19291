//! The rule registry: rule packs and their rules, read from `rules/` (compiled in) or from a
//! directory the user adds with `--rules DIR`.
//!
//! A pack is a directory with `pack.yaml` (legal basis, dates, deadline conventions) and one
//! YAML file per rule (id, title, level, heading, source, dates, message, help, check, and its
//! two example files). Messages are minijinja templates, compiled once here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::checks;
use crate::embedded;
use crate::error::{InputError, SourceFile};
use crate::load::yaml_error;
use crate::model::{Date, Sp};
use crate::yaml;

/// How much a finding weighs (Danish: niveau).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Content requirement: decides whether the agreement can be approved.
    Indholdskrav,
    /// Process requirement: reported, but does not by itself block approval.
    Proceskrav,
    /// Recommendation (bør): goes under Rådgivning; fails a run only in strict mode.
    Anbefaling,
    /// An observation for the report and the letter.
    Info,
}

impl Level {
    /// The Danish word.
    pub fn danish(self) -> &'static str {
        match self {
            Level::Indholdskrav => "indholdskrav",
            Level::Proceskrav => "proceskrav",
            Level::Anbefaling => "anbefaling",
            Level::Info => "info",
        }
    }

    /// The English key used in JSON and other machine formats.
    pub fn key(self) -> &'static str {
        match self {
            Level::Indholdskrav => "content_requirement",
            Level::Proceskrav => "process_requirement",
            Level::Anbefaling => "recommendation",
            Level::Info => "info",
        }
    }

    /// A requirement (content or process).
    pub fn is_requirement(self) -> bool {
        matches!(self, Level::Indholdskrav | Level::Proceskrav)
    }

    /// Every level, in order.
    pub const ALL: [Level; 4] = [Level::Indholdskrav, Level::Proceskrav, Level::Anbefaling, Level::Info];
}

/// The heading of Sundhedsstyrelsen's reply letter a finding is reported under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Heading {
    #[serde(rename = "generelt")]
    Generelt,
    #[serde(rename = "nationale_mål")]
    NationaleMaal,
    #[serde(rename = "grundlag")]
    Grundlag,
    #[serde(rename = "øvrigt")]
    Oevrigt,
    #[serde(rename = "rådgivning")]
    Raadgivning,
    #[serde(rename = "implementering")]
    Implementering,
}

impl Heading {
    /// The headings in the letter's order.
    pub const ALL: [Heading; 6] = [
        Heading::Generelt,
        Heading::NationaleMaal,
        Heading::Grundlag,
        Heading::Oevrigt,
        Heading::Raadgivning,
        Heading::Implementering,
    ];

    /// The heading as Sundhedsstyrelsen writes it.
    pub fn title(self) -> &'static str {
        match self {
            Heading::Generelt => "Generelt",
            Heading::NationaleMaal => "Sammenhæng til de nationale mål for sundhedsvæsenet",
            Heading::Grundlag => "Afsæt i grundlaget for samarbejde om målgrupper og indsatser",
            Heading::Oevrigt => "Øvrigt",
            Heading::Raadgivning => "Rådgivning",
            Heading::Implementering => "Implementering og opfølgning",
        }
    }

    /// The key used in rule files and machine formats.
    pub fn key(self) -> &'static str {
        match self {
            Heading::Generelt => "generelt",
            Heading::NationaleMaal => "nationale_mål",
            Heading::Grundlag => "grundlag",
            Heading::Oevrigt => "øvrigt",
            Heading::Raadgivning => "rådgivning",
            Heading::Implementering => "implementering",
        }
    }
}

/// Where a rule comes from in the law or the guidance.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document: a law, an executive order, the guidance, or Sundhedsstyrelsen's letter.
    pub document: String,
    /// § / stk. or afsnit.
    pub section: String,
    /// The section's title.
    pub title: String,
    /// A link, ideally an ELI address on retsinformation.dk.
    #[serde(default)]
    pub url: Option<String>,
}

/// The dates something applies to, both ends included; open when absent.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validity {
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub to: Option<Date>,
}

impl Validity {
    /// True when `date` lies within.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f.0 <= date) && self.to.is_none_or(|t| date <= t.0)
    }

    /// "fra 1. juli 2022" / "1. juli 2019 – 30. juni 2022" / "altid".
    pub fn danish(&self) -> String {
        use crate::danish::date;
        match (self.from, self.to) {
            (Some(f), Some(t)) => format!("{} – {}", date(f.0), date(t.0)),
            (Some(f), None) => format!("fra {}", date(f.0)),
            (None, Some(t)) => format!("til og med {}", date(t.0)),
            (None, None) => "uden tidsgrænse".to_owned(),
        }
    }
}

/// What a rule checks. Simple checks are data; anything else names a Rust check.
///
/// Paths are the agreement file's own keys joined with dots (`behandling.regionsråd`); `*` means
/// every item of a list or mapping.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// The value is there, not null and not empty text.
    Present(String),
    /// The list or mapping has at least one item.
    NotEmpty(String),
    /// The value is `true`.
    IsTrue(String),
    /// The value equals this word.
    Equals { path: String, value: String },
    /// Every item satisfies `require` (not applicable when there are no items).
    Each { items: String, require: Box<Check> },
    /// At least one item satisfies `require`.
    Some { items: String, require: Box<Check> },
    /// All of these hold.
    AllOf(Vec<Check>),
    /// At least one of these holds.
    AnyOf(Vec<Check>),
    /// Every date named by `dates` is on or before the date at `limit` (not applicable while
    /// `limit` is absent).
    OnOrBefore { dates: Vec<String>, limit: String },
    /// A check written in Rust, by name (see `src/checks/builtin.rs`).
    Builtin(String),
}

/// Two small agreement files that show the rule met and not met.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// The `--as-of` date to evaluate the examples on (for time-dependent rules).
    #[serde(default)]
    pub as_of: Option<Date>,
    pub passes: String,
    pub fails: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: Sp<String>,
    title: String,
    level: Level,
    heading: Heading,
    source: Source,
    #[serde(default)]
    applies: Validity,
    rationale: String,
    message: Sp<String>,
    #[serde(default)]
    passed: Option<Sp<String>>,
    help: Sp<String>,
    #[serde(default)]
    letter: Option<Sp<String>>,
    #[serde(default)]
    notes: Option<String>,
    check: Sp<Check>,
    examples: Examples,
}

/// One rule of a pack.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub pack: String,
    pub title: String,
    pub level: Level,
    pub heading: Heading,
    pub source: Source,
    pub applies: Validity,
    pub rationale: String,
    pub notes: Option<String>,
    pub check: Check,
    pub examples: Examples,
    /// The rule file, as the user would find it (`rules/bek-2022/SA011-versionsnummer.yaml`).
    pub file: String,
    /// The raw templates, for `aftale explain`.
    pub message: String,
    pub help: String,
    pub letter: Option<String>,
}

impl Rule {
    fn template(&self, part: &str) -> String {
        format!("{}/{}/{part}", self.pack, self.id)
    }
}

/// A legal instrument a pack rests on.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub id: String,
    /// bekendtgørelse, vejledning, lov.
    pub kind: String,
    /// How it is cited: "BEK nr. 1248 af 5. september 2022".
    pub citation: String,
    pub title: String,
    #[serde(default)]
    pub number: Option<u32>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// How the pack's deadlines are computed (Danish: frister).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineConventions {
    pub source: String,
    pub submission: SubmissionConvention,
    pub expiry: ExpiryConvention,
    pub midterm_status: MidtermConvention,
    pub final_status: FinalConvention,
    pub revision: RevisionConvention,
}

/// Submission: `day`/`month` of the `year_of_period`-th year of the election period in which
/// the agreement is made.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionConvention {
    pub rule: String,
    pub month: u32,
    pub day: u32,
    pub year_of_period: i32,
    /// Paths to the dates that tell when the agreement was made, first found wins.
    pub made_on: Vec<String>,
    #[serde(default)]
    pub postponements: Vec<Postponement>,
}

/// A general postponement of the submission deadline for one election period.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Postponement {
    pub period_start: Date,
    pub deadline: Date,
    pub source: String,
    #[serde(default)]
    pub notes: Option<String>,
}

/// Expiry: `years` after entry into force, less `minus_days`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpiryConvention {
    pub rule: String,
    pub years: u32,
    pub minus_days: u32,
}

/// Midterm status: no later than `years` after entry into force.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MidtermConvention {
    pub rule: String,
    pub years: u32,
}

/// Final status: no later than `months_before_expiry` before expiry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinalConvention {
    pub rule: String,
    pub months_before_expiry: u32,
}

/// Revision: one assessment in every full year the agreement has been in force.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionConvention {
    pub rule: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    name: String,
    title: String,
    applies: Validity,
    #[serde(default)]
    notes: Option<String>,
    legal_basis: Vec<Instrument>,
    deadlines: DeadlineConventions,
}

/// A rule pack: the rules for one legal regime, with the dates it applies to.
#[derive(Debug)]
pub struct Pack {
    pub name: String,
    pub title: String,
    pub applies: Validity,
    pub notes: Option<String>,
    pub legal_basis: Vec<Instrument>,
    pub deadlines: DeadlineConventions,
    pub rules: Vec<Rule>,
    /// Where the pack came from: `rules/bek-2022` or the user's directory.
    pub origin: String,
    /// Other files of the pack (letter templates, compiled by `crate::letter` when a letter is
    /// drafted), by path relative to the pack.
    pub files: BTreeMap<String, String>,
}

impl Pack {
    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The pack's (first) bekendtgørelse and vejledning, for citing the pack in one line.
    pub fn basis_line(&self) -> String {
        ["bekendtgørelse", "vejledning"]
            .iter()
            .filter_map(|kind| self.legal_basis.iter().find(|i| i.kind == *kind))
            .map(|i| i.citation.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// All packs, and the compiled message templates of their rules.
pub struct Registry {
    pub packs: Vec<Pack>,
    templates: minijinja::Environment<'static>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry").field("packs", &self.packs).finish_non_exhaustive()
    }
}

/// A file of a pack: its name for messages, its path within the pack, and its text.
struct PackSourceFile {
    display: String,
    relative: String,
    text: String,
    /// Compiled in: YAML files were turned into JSON at build time.
    embedded: bool,
}

impl PackSourceFile {
    /// Reads the file into a typed value, with a diagnostic pointing into it on failure.
    fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, InputError> {
        if self.embedded {
            return embedded::parse(&self.text).map_err(|e| {
                InputError::file("aftale::regel", &self.display, format!("den indbyggede fil kan ikke læses: {e}"))
            });
        }
        yaml::parse(&self.text).map_err(|e| yaml_error(&SourceFile::new(self.display.clone(), self.text.clone()), e))
    }
}

impl Registry {
    /// The packs compiled into the binary.
    pub fn builtin() -> Result<Registry, Vec<InputError>> {
        Registry::with_dirs(&[])
    }

    /// The compiled-in packs plus packs read from directories. A directory is a pack (it holds
    /// `pack.yaml`) or holds packs in its subdirectories. A pack with the name of a compiled-in
    /// pack replaces it.
    pub fn with_dirs(dirs: &[PathBuf]) -> Result<Registry, Vec<InputError>> {
        let mut by_pack: BTreeMap<String, Vec<PackSourceFile>> = BTreeMap::new();
        for (path, text) in embedded::FILES {
            let Some((pack, relative)) = path.split_once('/') else { continue };
            if pack == "reference" {
                continue;
            }
            by_pack.entry(pack.to_owned()).or_default().push(PackSourceFile {
                display: format!("rules/{path}"),
                relative: relative.to_owned(),
                text: (*text).to_owned(),
                embedded: true,
            });
        }
        let mut sources: Vec<(String, Vec<PackSourceFile>)> =
            by_pack.into_iter().map(|(name, files)| (format!("rules/{name}"), files)).collect();
        let mut errors = Vec::new();
        for dir in dirs {
            match read_pack_dirs(dir) {
                Ok(found) => sources.extend(found),
                Err(e) => errors.push(e),
            }
        }
        let mut templates = minijinja::Environment::new();
        templates.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
        let mut packs: Vec<Pack> = Vec::new();
        for (origin, files) in sources {
            match read_pack(&origin, files, &mut templates) {
                Ok(pack) => {
                    packs.retain(|p| p.name != pack.name);
                    packs.push(pack);
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            packs.sort_by(|a, b| a.name.cmp(&b.name));
            Ok(Registry { packs, templates })
        } else {
            Err(errors)
        }
    }

    /// The pack with this name.
    pub fn pack(&self, name: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.name == name)
    }

    /// The packs that apply on `date`.
    pub fn packs_on(&self, date: NaiveDate) -> Vec<&Pack> {
        self.packs.iter().filter(|p| p.applies.contains(date)).collect()
    }

    /// Renders one of a rule's templates (`message`, `passed`, `help`, `letter`) with the
    /// values a check found. Falls back to the raw text if rendering fails, so a report is
    /// never lost to a template slip (the rule tests render every example).
    pub fn render(&self, rule: &Rule, part: &str, vars: &BTreeMap<String, minijinja::Value>) -> Option<String> {
        let template = self.templates.get_template(&rule.template(part)).ok()?;
        Some(match template.render(vars) {
            // Rule texts are ours; the values in them are not: make them visible, bound the length.
            Ok(text) => crate::text::message(&tidy(&text)),
            Err(err) => format!("{} [skabelonfejl: {err}]", rule.title),
        })
    }
}

/// An error for a rule id that does not exist, with the closest id as a suggestion.
pub fn unknown_rule(
    id: &str,
    known: &[&str],
    source: &SourceFile,
    span: crate::model::Span,
    message: String,
    see: &str,
) -> InputError {
    let help = match crate::suggest::closest(id, known.iter().copied()) {
        Some(s) => format!("Mente du {s}? {see}"),
        None => see.to_owned(),
    };
    InputError::at("aftale::ukendt_regel", source, Some(span), message, "ukendt regel").with_help(help)
}

/// Values that end a sentence themselves ("… i tide.") must not get a second full stop from the
/// template; folded YAML may also leave runs of spaces.
fn tidy(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = out.chars().last();
        let ellipsis = chars.get(i + 1) == Some(&'.') || (i >= 2 && chars[i - 2] == '.');
        match (prev, c) {
            (Some('.'), '.') if !ellipsis => continue,
            (Some('?' | '!'), '.') => continue,
            (Some(' '), ' ') => continue,
            _ => out.push(c),
        }
    }
    out
}

fn read_pack_dirs(dir: &Path) -> Result<Vec<(String, Vec<PackSourceFile>)>, InputError> {
    let display = dir.display().to_string();
    if !dir.is_dir() {
        let message = if dir.exists() {
            format!("{display} er ikke en mappe; --rules skal pege på en mappe med regelsæt")
        } else {
            format!("mappen {display} findes ikke")
        };
        return Err(InputError::file("aftale::regelmappe", &display, message));
    }
    if dir.join("pack.yaml").is_file() {
        return Ok(vec![(display.clone(), read_dir_files(dir, &display)?)]);
    }
    let mut found = Vec::new();
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| InputError::file("aftale::regelmappe", &display, format!("mappen kan ikke læses: {e}")))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("pack.yaml").is_file())
        .collect();
    subdirs.sort();
    for sub in subdirs {
        let name = sub.display().to_string();
        found.push((name.clone(), read_dir_files(&sub, &name)?));
    }
    if found.is_empty() {
        return Err(InputError::file(
            "aftale::regelmappe",
            &display,
            format!("{display} indeholder intet regelsæt (ingen pack.yaml)"),
        ));
    }
    Ok(found)
}

fn read_dir_files(dir: &Path, display: &str) -> Result<Vec<PackSourceFile>, InputError> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = std::fs::read_dir(&current)
            .map_err(|e| InputError::file("aftale::regelmappe", display, format!("mappen kan ikke læses: {e}")))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let shown = format!("{display}/{relative}");
            let source = crate::read::read_text(&path, &shown)?;
            files.push(PackSourceFile { display: shown, relative, text: source.text.to_string(), embedded: false });
        }
    }
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(files)
}

fn read_pack(
    origin: &str,
    files: Vec<PackSourceFile>,
    templates: &mut minijinja::Environment<'static>,
) -> Result<Pack, Vec<InputError>> {
    let Some(pack_file) = files.iter().find(|f| f.relative == "pack.yaml") else {
        return Err(vec![InputError::file("aftale::regelsæt", origin, format!("{origin} mangler pack.yaml"))]);
    };
    let header: PackFile = pack_file.parse().map_err(|e| vec![e])?;
    let mut pack = Pack {
        name: header.name,
        title: header.title,
        applies: header.applies,
        notes: header.notes,
        legal_basis: header.legal_basis,
        deadlines: header.deadlines,
        rules: Vec::new(),
        origin: origin.to_owned(),
        files: BTreeMap::new(),
    };
    let mut errors = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for file in files {
        if file.relative == "pack.yaml" {
            continue;
        }
        // Rule files sit at the top of the pack; anything below (letter templates) is kept as is.
        if file.relative.contains('/') || !file.relative.ends_with(".yaml") {
            pack.files.insert(file.relative, file.text);
            continue;
        }
        match read_rule(&pack.name, &file, templates) {
            Ok(rule) => {
                if !seen.insert(rule.id.clone()) {
                    errors.push(InputError::file(
                        "aftale::dobbelt_regel",
                        &file.display,
                        format!("regel-id {} findes to gange i regelsættet {}", rule.id, pack.name),
                    ));
                }
                pack.rules.push(rule);
            }
            Err(e) => errors.push(e),
        }
    }
    pack.rules.sort_by(|a, b| a.id.cmp(&b.id));
    if errors.is_empty() { Ok(pack) } else { Err(errors) }
}

fn read_rule(
    pack: &str,
    file: &PackSourceFile,
    templates: &mut minijinja::Environment<'static>,
) -> Result<Rule, InputError> {
    let raw: RuleFile = file.parse()?;
    let source = SourceFile::new(file.display.clone(), file.text.clone());
    let source = &source;
    if let Err(problem) = checks::validate(&raw.check.value) {
        return Err(InputError::at("aftale::regel", source, Some(raw.check.span), problem, "her"));
    }
    let rule = Rule {
        id: raw.id.value.clone(),
        pack: pack.to_owned(),
        title: raw.title,
        level: raw.level,
        heading: raw.heading,
        source: raw.source,
        applies: raw.applies,
        rationale: raw.rationale,
        notes: raw.notes,
        check: raw.check.value,
        examples: raw.examples,
        file: source.name.clone(),
        message: raw.message.value.clone(),
        help: raw.help.value.clone(),
        letter: raw.letter.as_ref().map(|l| l.value.clone()),
    };
    let parts = [
        ("message", Some(&raw.message)),
        ("passed", raw.passed.as_ref()),
        ("help", Some(&raw.help)),
        ("letter", raw.letter.as_ref()),
    ];
    for (part, text) in parts {
        let Some(text) = text else { continue };
        if let Err(err) = templates.add_template_owned(rule.template(part), text.value.clone()) {
            return Err(InputError::at(
                "aftale::skabelon",
                source,
                Some(text.span),
                format!("skabelonen i `{part}` kan ikke læses: {}", err.detail().unwrap_or("syntaksfejl")),
                "her",
            ));
        }
    }
    Ok(rule)
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn tidy_removes_doubled_full_stops() {
        assert_eq!(tidy("hjælp i tide.."), "hjælp i tide.");
        assert_eq!(tidy("mente du «X»?."), "mente du «X»?");
        assert_eq!(tidy("og så videre..."), "og så videre...");
        assert_eq!(tidy("to  mellemrum"), "to mellemrum");
    }
}
