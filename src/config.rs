//! The repository configuration, `aftale.yaml` at the root of a documents repository: the
//! default rule pack, extra rule directories, per-rule level overrides, and accepted deviations
//! for files matched by a glob, each with a reason and an optional expiry date.
//!
//! ```yaml
//! regelsæt: bek-2022
//! regelmapper: [regler]
//! niveauer:                 # for the CI gate only; the verdict keeps the pack's levels
//!   SA014: info
//!   SA011: { niveau: info, begrundelse: Versionsnummeret følger af filnavnet. }
//! afvigelser:
//!   - filer: "aftaler/2024-*.yaml"
//!     regel: SA023
//!     begrundelse: Fristen blev udsat for alle regioner.
//!     udløber: 2025-01-01
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use globset::{Glob, GlobMatcher};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::codes::ErrorCode;
use crate::error::{InputError, SourceFile};
use crate::evaluate::{Acceptance, AcceptanceOrigin, LevelOverride};
use crate::load::yaml_error;
use crate::model::{Date, OrderedMap, Sp};
use crate::rules::Level;
use crate::tree;
use crate::yaml;

/// The file name looked for, walking up from each agreement file: a dot-file, as `.yamllint` and
/// `.spectral.yaml` are, so that it cannot be taken for an agreement.
pub const FILE_NAME: &str = ".aftale.yaml";

/// The name used before 0.2. It is read as the configuration only where that is unambiguous: no
/// `.aftale.yaml` beside it, and every top-level key a configuration key. An agreement named
/// `aftale.yaml` (with `format`, `titel`, `region` …) is an agreement.
pub const LEGACY_FILE_NAME: &str = "aftale.yaml";

/// The largest configuration read: a configuration is a few lines.
pub const MAX_SIZE: u64 = 1024 * 1024;

/// The configuration's top-level keys.
const KEYS: [&str; 5] = ["regelsæt", "regelmapper", "niveauer", "afvigelser", "udelad"];

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(
    title = "Repository-konfiguration for aftale (.aftale.yaml)",
    description = "Hvad der gælder for hele dokumentrepositoriet: regelsæt, ekstra regelmapper, niveauer for CI-kørslen og accepterede afvigelser."
)]
#[serde(
    deny_unknown_fields,
    expecting = "konfigurationen: `regelsæt`, `regelmapper`, `niveauer`, `afvigelser` og `udelad`"
)]
struct ConfigFile {
    #[schemars(description = "Regelsættet for alle filer, fx bek-2022, medmindre --ruleset angives.")]
    #[serde(default, rename = "regelsæt")]
    ruleset: Option<Sp<String>>,
    #[schemars(description = "Mapper med ekstra regelsæt, i forhold til konfigurationens mappe.")]
    #[serde(default)]
    regelmapper: Vec<Sp<String>>,
    #[schemars(description = "Niveauer for CI-kørslen pr. regel-id; ændrer aldrig vurderingen.")]
    #[serde(default)]
    niveauer: OrderedMap<Sp<String>, Sp<LevelSetting>>,
    #[schemars(description = "Accepterede afvigelser for de filer, mønstrene matcher.")]
    #[serde(default)]
    afvigelser: Vec<Sp<ConfigAcceptance>>,
    #[schemars(
        description = "Filmønstre (i forhold til konfigurationens mappe) for YAML-filer, der ikke er aftaler og springes over, når en mappe gennemgås."
    )]
    #[serde(default)]
    udelad: Vec<Sp<String>>,
}

/// The JSON Schema of the configuration file (`aftale schema --for config`).
pub fn schema() -> serde_json::Value {
    schemars::schema_for!(ConfigFile).to_value()
}

/// A level override: the level alone, or the level with a reason.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "et niveau (`indholdskrav`, `proceskrav`, `anbefaling`, `info`) eller `niveau` og `begrundelse`"
)]
enum LevelSetting {
    Short(Level),
    Long(LongLevelSetting),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct LongLevelSetting {
    niveau: Level,
    begrundelse: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "en afvigelse: `filer`, `regel`, `begrundelse` og eventuelt `udløber`")]
struct ConfigAcceptance {
    filer: Sp<Globs>,
    regel: Sp<String>,
    begrundelse: Sp<String>,
    #[serde(default, rename = "udløber")]
    expires: Option<Sp<Date>>,
}

/// One glob or a list of globs.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged, expecting = "et filmønster eller en liste af filmønstre")]
enum Globs {
    One(String),
    Many(Vec<String>),
}

/// An accepted deviation for the files a glob matches.
#[derive(Debug, Clone)]
pub struct FileAcceptance {
    pub patterns: Vec<String>,
    matchers: Vec<GlobMatcher>,
    pub rule: String,
    pub reason: String,
    pub expires: Option<NaiveDate>,
    pub line: usize,
    /// Where the rule id stands, for errors.
    pub rule_span: crate::model::Span,
}

/// A loaded repository configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file, as shown to the user.
    pub file: String,
    /// The directory globs and rule directories are relative to.
    pub dir: PathBuf,
    /// The file read, as opened.
    pub path: PathBuf,
    pub ruleset: Option<String>,
    pub rule_dirs: Vec<PathBuf>,
    /// Level overrides for the CI gate, by rule id.
    pub levels: BTreeMap<String, LevelOverride>,
    pub level_spans: BTreeMap<String, crate::model::Span>,
    pub acceptances: Vec<FileAcceptance>,
    /// Files left out when a directory is walked (`udelad`).
    pub excluded: Vec<GlobMatcher>,
    pub source: SourceFile,
}

/// The nearest configuration in `start` (an absolute directory) or a directory above it:
/// `.aftale.yaml`, or an `aftale.yaml` that is plainly a configuration.
pub fn find(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        let current = dir.join(FILE_NAME);
        if current.is_file() {
            return Some(current);
        }
        let legacy = dir.join(LEGACY_FILE_NAME);
        (legacy.is_file() && is_plainly_config(&legacy)).then_some(legacy)
    })
}

/// Whether the file is a YAML mapping whose keys are all configuration keys. An empty file,
/// one that does not parse, or one with an agreement's keys is not.
pub fn is_plainly_config(path: &Path) -> bool {
    let Ok(source) = crate::read::read_text_limited(path, LEGACY_FILE_NAME, MAX_SIZE) else { return false };
    match yaml::parse_tree(&source.text) {
        Ok(tree::Node { kind: tree::NodeKind::Map(entries), .. }) => {
            !entries.is_empty() && entries.iter().all(|(k, _)| KEYS.contains(&k.value.as_str()))
        }
        _ => false,
    }
}

/// Compiles a pattern that passed [`crate::globs::refusal`] (for the fuzz target).
pub fn compile_glob(pattern: &str) -> Option<GlobMatcher> {
    Glob::new(pattern).ok().map(|g| g.compile_matcher())
}

/// A glob of the configuration, or the error that points at it.
fn glob(pattern: &str, span: crate::model::Span, source: &SourceFile) -> Result<GlobMatcher, InputError> {
    if let Some(why) = crate::globs::refusal(pattern) {
        return Err(InputError::at(
            ErrorCode::BadGlob,
            source,
            Some(span),
            format!("filmønstret «{}» kan ikke bruges: {why}", crate::text::shown(pattern)),
            "filmønster",
        ));
    }
    Glob::new(pattern).map(|g| g.compile_matcher()).map_err(|e| {
        InputError::at(
            ErrorCode::BadGlob,
            source,
            Some(span),
            format!("filmønstret «{}» kan ikke bruges: {}", crate::text::shown(pattern), e.kind()),
            "filmønster",
        )
    })
}

/// Reads a configuration file. `display` is the name to show; globs and directories are taken
/// relative to the file's directory.
pub fn load(path: &Path, display: &str) -> Result<Config, Vec<InputError>> {
    let source = crate::read::read_text_limited(path, display, MAX_SIZE).map_err(|e| vec![e])?;
    parse(source, path)
}

/// Reads a configuration from its text; `path` is where it stands (globs and rule directories
/// are relative to its directory).
pub fn parse(source: SourceFile, path: &Path) -> Result<Config, Vec<InputError>> {
    let display = source.name.clone();
    let display = display.as_str();
    let tree = yaml::parse_tree(&source.text).map_err(|e| vec![yaml_error(&source, e)])?;
    let raw: ConfigFile = tree::from_node(&tree).map_err(|e| vec![yaml_error(&source, e)])?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut errors = Vec::new();
    let count = raw.udelad.len()
        + raw
            .afvigelser
            .iter()
            .map(|a| match &a.filer.value {
                Globs::One(_) => 1,
                Globs::Many(ps) => ps.len(),
            })
            .sum::<usize>();
    if count > crate::globs::MAX_PATTERNS {
        return Err(vec![
            InputError::file(
                ErrorCode::BadGlob,
                display,
                format!(
                    "konfigurationen har {} filmønstre; højst {} kan bruges",
                    crate::danish::number(count),
                    crate::danish::number(crate::globs::MAX_PATTERNS)
                ),
            )
            .with_help("Saml mønstrene med `**` og `{…}`, fx `arkiv/**`."),
        ]);
    }
    let mut acceptances = Vec::new();
    let mut excluded = Vec::new();
    for pattern in &raw.udelad {
        match glob(pattern, pattern.span, &source) {
            Ok(matcher) => excluded.push(matcher),
            Err(e) => errors.push(e.with_help("Skriv et mønster som `arkiv/**` eller `mkdocs.yml`.")),
        }
    }
    for a in &raw.afvigelser {
        let patterns = match &a.filer.value {
            Globs::One(p) => vec![p.clone()],
            Globs::Many(ps) => ps.clone(),
        };
        let mut matchers = Vec::new();
        for pattern in &patterns {
            match glob(pattern, a.filer.span, &source) {
                Ok(matcher) => matchers.push(matcher),
                Err(e) => {
                    errors.push(e.with_help("Skriv et mønster som `aftaler/*.yaml` eller `**/sundhedsaftale-*.yaml`."))
                }
            }
        }
        if a.begrundelse.trim().is_empty() {
            errors.push(
                InputError::at(
                    ErrorCode::DeviationWithoutReason,
                    &source,
                    Some(a.begrundelse.span),
                    "en afvigelse skal have en begrundelse".to_owned(),
                    "tom begrundelse",
                )
                .with_help("Skriv, hvorfor afvigelsen accepteres."),
            );
        }
        acceptances.push(FileAcceptance {
            patterns,
            matchers,
            rule: a.regel.trim().to_owned(),
            reason: a.begrundelse.trim().to_owned(),
            expires: a.expires.as_ref().map(|d| d.value.0),
            line: a.span.line,
            rule_span: a.regel.span,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Config {
        file: display.to_owned(),
        rule_dirs: raw.regelmapper.iter().map(|d| dir.join(&d.value)).collect(),
        ruleset: raw.ruleset.map(|r| r.value),
        levels: raw
            .niveauer
            .0
            .iter()
            .map(|(k, v)| {
                let (level, reason) = match &v.value {
                    LevelSetting::Short(level) => (*level, None),
                    LevelSetting::Long(l) => (l.niveau, Some(l.begrundelse.trim().to_owned())),
                };
                let file = display.to_owned();
                (k.value.clone(), LevelOverride { level, reason, file, line: Some(k.span.line) })
            })
            .collect(),
        level_spans: raw.niveauer.0.iter().map(|(k, _)| (k.value.clone(), k.span)).collect(),
        acceptances,
        excluded,
        dir,
        path: path.to_path_buf(),
        source,
    })
}

impl Config {
    /// Whether `udelad` leaves the file (an absolute path) out of a directory walk.
    pub fn excludes(&self, file: &Path) -> bool {
        self.relative(file).is_some_and(|r| self.excluded.iter().any(|m| m.is_match(&r)))
    }

    /// The file's path (absolute, as the configuration's directory is) relative to the
    /// configuration's directory, with `/` separators.
    fn relative(&self, file: &Path) -> Option<String> {
        let relative = file.strip_prefix(&self.dir).ok()?;
        Some(relative.to_string_lossy().replace('\\', "/"))
    }

    /// Whether an acceptance's globs match the file.
    pub fn matches(&self, acceptance: &FileAcceptance, file: &Path) -> bool {
        self.relative(file).is_some_and(|r| acceptance.matchers.iter().any(|m| m.is_match(&r)))
    }

    /// The acceptances that apply to a file on `as_of`: matched by a glob and not expired.
    pub fn acceptances_for(&self, file: &Path, as_of: NaiveDate) -> Vec<Acceptance> {
        self.acceptances
            .iter()
            .filter(|a| a.expires.is_none_or(|e| as_of <= e) && self.matches(a, file))
            .map(|a| Acceptance {
                rule: a.rule.clone(),
                reason: a.reason.clone(),
                origin: AcceptanceOrigin::Config { file: self.file.clone(), line: a.line },
            })
            .collect()
    }
}
