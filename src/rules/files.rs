//! Reading packs: the compiled-in `rules/` and the directories a user adds with `--rules`.
//! A mistake in a rule file is reported with its line, like a mistake in an agreement.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::pack::{DocsCell, PackRules};
use super::{
    Check, DeadlineConventions, Evidence, Examples, Heading, Instrument, Level, Pack, Quote, Rule, RuleDocs, Source,
    Validity,
};
use crate::codes::ErrorCode;
use crate::embedded;
use crate::error::{InputError, SourceFile};
use crate::load::yaml_error;
use crate::model::Sp;
use crate::yaml;

/// A file of a pack: its name for messages, its path within the pack, and its text.
pub(super) struct PackSourceFile {
    pub(super) display: String,
    pub(super) relative: String,
    /// Borrowed for a compiled-in file, owned for one read from a directory.
    pub(super) text: std::borrow::Cow<'static, str>,
    /// Compiled in: YAML files were turned into JSON at build time.
    pub(super) embedded: bool,
    /// A compiled-in rule file's rationale, notes and examples, which build.rs set apart.
    pub(super) docs: Option<&'static str>,
}

impl PackSourceFile {
    /// Reads the file into a typed value, with a diagnostic pointing into it on failure.
    fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, InputError> {
        if self.embedded {
            return embedded::parse(&self.text).map_err(|e| {
                InputError::file(ErrorCode::RuleFile, &self.display, format!("den indbyggede fil kan ikke læses: {e}"))
            });
        }
        yaml::parse(&self.text)
            .map_err(|e| yaml_error(&SourceFile::new(self.display.clone(), self.text.to_string()), e))
    }
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
    #[serde(default)]
    citat: Option<Quote>,
    #[serde(default)]
    verificeret: Option<bool>,
    #[serde(default)]
    ikke_verificeret: Option<String>,
    /// Whether the § or afsnit in `source.section` has been read (D16): a quote can be verified
    /// in Sundhedsstyrelsen's letter while the vejledning's section it names is not.
    #[serde(default)]
    henvisning_verificeret: Option<bool>,
    /// `false`: the rule is for the report only and never enters a letter (a rule that goes
    /// beyond its sources, or a remark Sundhedsstyrelsen did not make).
    #[serde(default = "yes")]
    i_brev: bool,
    /// What the case officer must confirm about the rule's paragraph in a letter.
    #[serde(default, rename = "brev_bekræft")]
    brev_bekraeft: Option<String>,
    check: Sp<Check>,
    examples: Examples,
}

fn yes() -> bool {
    true
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
    /// The committee the pack's law sets up; a user's pack without it gets today's.
    #[serde(default)]
    committee: crate::model::Udvalg,
    deadlines: DeadlineConventions,
    /// The order of the reply letter's Rådgivning, by rule id (as Sundhedsstyrelsen's letter).
    #[serde(default, rename = "rådgivning_orden")]
    advice_order: Vec<String>,
}

pub(super) fn read_pack_dirs(dir: &Path) -> Result<Vec<(String, Vec<PackSourceFile>)>, InputError> {
    let display = dir.display().to_string();
    if !dir.is_dir() {
        let message = if dir.exists() {
            format!("{display} er ikke en mappe; --rules skal pege på en mappe med regelsæt")
        } else {
            format!("mappen {display} findes ikke")
        };
        return Err(InputError::file(ErrorCode::RuleDirectory, &display, message));
    }
    if dir.join("pack.yaml").is_file() {
        return Ok(vec![(display.clone(), read_dir_files(dir, &display)?)]);
    }
    let mut found = Vec::new();
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| {
            InputError::file(
                ErrorCode::RuleDirectory,
                &display,
                format!("mappen kan ikke læses: {}", crate::danish::io_error(&e)),
            )
        })?
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
            ErrorCode::RuleDirectory,
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
            .map_err(|e| InputError::file(ErrorCode::RuleDirectory, display, format!("mappen kan ikke læses: {e}")))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let shown = format!("{display}/{relative}");
            let source = crate::read::read_text(&path, &shown)?;
            files.push(PackSourceFile {
                display: shown,
                relative,
                text: source.text.to_string().into(),
                embedded: false,
                docs: None,
            });
        }
    }
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(files)
}

pub(super) fn read_pack(origin: &str, files: Vec<PackSourceFile>) -> Result<Pack, Vec<InputError>> {
    let Some(pack_file) = files.iter().find(|f| f.relative == "pack.yaml") else {
        return Err(vec![InputError::file(ErrorCode::RulesetDirectory, origin, format!("{origin} mangler pack.yaml"))]);
    };
    let header: PackFile = pack_file.parse().map_err(|e| vec![e])?;
    let embedded = files.iter().all(|f| f.embedded);
    let mut pack = Pack {
        name: header.name,
        title: header.title,
        applies: header.applies,
        notes: header.notes,
        legal_basis: header.legal_basis,
        committee: header.committee,
        deadlines: header.deadlines,
        advice_order: header.advice_order,
        rules: PackRules::read(Vec::new()),
        origin: origin.to_owned(),
        files: BTreeMap::new(),
    };
    let mut rule_files = Vec::new();
    for file in files {
        if file.relative == "pack.yaml" {
            continue;
        }
        // Rule files sit at the top of the pack; anything below (letter templates) is kept as is.
        if file.relative.contains('/') || !file.relative.ends_with(".yaml") {
            pack.files.insert(file.relative, file.text.into_owned());
            continue;
        }
        rule_files.push(file);
    }
    if embedded {
        // Compiled in, and read by the tests: decoded when a run first asks for the rules.
        let name = pack.name.clone();
        pack.rules = PackRules::on_demand(Box::new(move || read_rules(&name, &rule_files).0));
        return Ok(pack);
    }
    let (rules, errors) = read_rules(&pack.name, &rule_files);
    pack.rules = PackRules::read(rules);
    if errors.is_empty() { Ok(pack) } else { Err(errors) }
}

/// The rules of a pack's rule files, sorted by id, and what is wrong with them.
fn read_rules(pack: &str, files: &[PackSourceFile]) -> (Vec<Rule>, Vec<InputError>) {
    let mut rules: Vec<Rule> = Vec::new();
    let mut errors = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for file in files {
        match read_rule(pack, file) {
            Ok(rule) => {
                if !seen.insert(rule.id.clone()) {
                    errors.push(InputError::file(
                        ErrorCode::DuplicateRule,
                        &file.display,
                        format!("regel-id {} findes to gange i regelsættet {pack}", rule.id),
                    ));
                }
                rules.push(rule);
            }
            Err(e) => errors.push(e),
        }
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    (rules, errors)
}

fn read_rule(pack: &str, file: &PackSourceFile) -> Result<Rule, InputError> {
    let raw: RuleFile = file.parse()?;
    // The file as a source for a diagnostic: made only when there is one to show.
    let source = || SourceFile::new(file.display.clone(), file.text.to_string());
    if let Err(problem) = super::validate(&raw.check.value) {
        return Err(InputError::at(ErrorCode::RuleFile, &source(), Some(raw.check.span), problem, "her"));
    }
    let evidence = Evidence {
        quote: raw.citat,
        verified: raw.verificeret,
        unverified: raw.ikke_verificeret,
        reference_verified: raw.henvisning_verificeret,
    };
    if let Err(problem) = evidence.validate() {
        return Err(InputError::at(ErrorCode::RuleFile, &source(), Some(raw.id.span), problem, "denne regel"));
    }
    let rule = Rule {
        id: raw.id.value.clone(),
        pack: pack.to_owned(),
        title: raw.title,
        level: raw.level,
        heading: raw.heading,
        source: raw.source,
        applies: raw.applies,
        docs: match file.docs {
            Some(json) => DocsCell::compiled_in(json),
            None => DocsCell::read(RuleDocs { rationale: raw.rationale, notes: raw.notes, examples: raw.examples }),
        },
        evidence,
        check: raw.check.value,
        file: file.display.clone(),
        message: raw.message.value.clone(),
        passed: raw.passed.as_ref().map(|p| p.value.clone()),
        help: raw.help.value.clone(),
        letter: raw.letter.as_ref().map(|l| l.value.clone()),
        in_letter: raw.i_brev,
        letter_confirm: raw.brev_bekraeft,
        prepared: Default::default(),
        source_line: Default::default(),
    };
    let parts = [
        ("message", Some(&raw.message)),
        ("passed", raw.passed.as_ref()),
        ("help", Some(&raw.help)),
        ("letter", raw.letter.as_ref()),
    ];
    for (part, text) in parts {
        let Some(text) = text else { continue };
        // The compiled-in rules are compiled by their tests; a user's rule file is checked here,
        // so that a mistake is reported with its line when the pack is read.
        let checked = if file.embedded || !has_syntax(&text.value) {
            Ok(())
        } else {
            minijinja::Environment::new().template_from_str(&text.value).map(|_| ())
        };
        if let Err(err) = checked {
            return Err(InputError::at(
                ErrorCode::RuleTemplate,
                &source(),
                Some(text.span),
                format!("skabelonen i `{part}` kan ikke læses: {}", err.detail().unwrap_or("syntaksfejl")),
                "her",
            ));
        }
    }
    Ok(rule)
}

/// Whether a text holds template syntax; one without is its own rendering.
pub(super) fn has_syntax(text: &str) -> bool {
    text.contains("{{") || text.contains("{%") || text.contains("{#")
}
