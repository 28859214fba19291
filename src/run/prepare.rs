//! Before evaluation: find the agreement files below the inputs, each one's repository
//! configuration, and the rule registries they need.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Request;
use super::discover::{Input, discover};
use crate::codes::ErrorCode;
use crate::config::{self, Config};
use crate::error::InputError;
use crate::rules::Registry;

/// The inputs with their configurations and registries, ready to evaluate.
pub struct Prepared {
    pub(super) inputs: Vec<PreparedInput>,
    pub(super) configs: Vec<Config>,
    pub(super) registries: Vec<Registry>,
    /// Problems found before evaluation, by the file they concern (a directory with no files).
    pub(super) early: Vec<(String, InputError)>,
    /// True when the request named exactly one file (the output then has no run summary).
    pub single: bool,
    /// Files found in a directory and skipped: not agreements, or left out by `udelad`.
    pub skipped: Vec<String>,
}

pub(super) struct PreparedInput {
    pub(super) input: Input,
    /// The file's path joined to the working directory, for matching a configuration's globs.
    pub(super) absolute: PathBuf,
    /// Index into `configs`, if a configuration applies.
    pub(super) config: Option<usize>,
    /// Index into `registries`, or the errors that make the file's setup unusable.
    pub(super) registry: Result<usize, Vec<InputError>>,
}

/// Finds the files, their configurations, and builds the registries they need.
pub fn prepare(request: &Request) -> Prepared {
    let (inputs, early, mut skipped) = discover(request);
    let single = request.inputs.len() == 1 && inputs.len() == 1 && early.is_empty() && !request.inputs[0].is_dir();
    let mut configs: Vec<Config> = Vec::new();
    let mut config_errors: BTreeMap<PathBuf, Vec<InputError>> = BTreeMap::new();
    let mut config_index: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let mut registries: Vec<Registry> = Vec::new();
    // One registry per set of rule directories, however many configurations share it (a
    // repository of 1,000 `.aftale.yaml` files builds one), and each configuration validated once.
    let mut registry_of_dirs: BTreeMap<Vec<PathBuf>, Result<usize, Vec<InputError>>> = BTreeMap::new();
    let mut registry_index: BTreeMap<Option<usize>, Result<usize, Vec<InputError>>> = BTreeMap::new();
    let mut prepared = Vec::new();
    // The configuration that applies to a directory, looked up once per directory.
    let mut config_of_dir: BTreeMap<PathBuf, Option<PathBuf>> = BTreeMap::new();
    let cwd = &request.working_dir;
    for input in inputs {
        let config_path = match &request.config {
            Some(path) => Some(cwd.join(path)),
            None if request.no_config => None,
            None => {
                // Standard input is found where `--stdin-filename` says it belongs.
                let named = if input.is_stdin() { Path::new(&input.display) } else { input.path.as_path() };
                let dir = named.parent().unwrap_or(Path::new("."));
                config_of_dir.entry(dir.to_path_buf()).or_insert_with(|| config::find(&cwd.join(dir))).clone()
            }
        };
        let config = match config_path {
            None => Ok(None),
            Some(path) => match (config_index.get(&path), config_errors.get(&path)) {
                (Some(i), _) => Ok(Some(*i)),
                (_, Some(errors)) => Err(errors.clone()),
                (None, None) => {
                    let display = relative_display(&path, cwd);
                    match config::load(&path, &display) {
                        Ok(c) => {
                            configs.push(c);
                            config_index.insert(path, configs.len() - 1);
                            Ok(Some(configs.len() - 1))
                        }
                        Err(errors) => {
                            config_errors.insert(path, errors.clone());
                            Err(errors)
                        }
                    }
                }
            },
        };
        let (config, registry) = match config {
            Err(errors) => (None, Err(errors)),
            Ok(config) => {
                let registry = registry_index
                    .entry(config)
                    .or_insert_with(|| {
                        let mut dirs = request.rule_dirs.clone();
                        if let Some(c) = config {
                            dirs.extend(configs[c].rule_dirs.iter().cloned());
                        }
                        let index = registry_of_dirs
                            .entry(dirs)
                            .or_insert_with_key(|dirs| {
                                registries.push(Registry::with_dirs(dirs)?);
                                Ok(registries.len() - 1)
                            })
                            .clone()?;
                        if let Some(c) = config {
                            validate_config(&configs[c], &registries[index])?;
                        }
                        Ok(index)
                    })
                    .clone();
                (config, registry)
            }
        };
        let absolute = cwd.join(&input.path);
        if input.walked && config.is_some_and(|c| configs[c].excludes(&absolute)) {
            skipped.push(input.display);
            continue;
        }
        prepared.push(PreparedInput { input, absolute, config, registry });
    }
    Prepared { inputs: prepared, configs, registries, early, single, skipped }
}

impl Prepared {
    /// Every pack of every registry the run uses, in the registries' order.
    pub fn packs(&self) -> Vec<&crate::rules::Pack> {
        self.registries.iter().flat_map(|r| r.packs.iter()).collect()
    }

    /// The rule registries built for the run, once its findings are no longer needed (a
    /// language server keeps them to explain the findings it published).
    pub fn into_registries(self) -> Vec<Registry> {
        self.registries
    }

    /// The configuration files read.
    pub fn config_paths(&self) -> Vec<PathBuf> {
        self.configs.iter().map(|c| c.path.clone()).collect()
    }

    /// Nothing to check and nothing unusable: every file found was left out.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty() && self.early.is_empty()
    }
}

/// Rule ids in a configuration must exist in some pack.
fn validate_config(config: &Config, registry: &Registry) -> Result<(), Vec<InputError>> {
    let ids: Vec<&str> = registry.packs.iter().flat_map(|p| p.rules().iter().map(|r| r.id.as_str())).collect();
    let mut errors = Vec::new();
    let mut check = |id: &str, span| {
        if !ids.contains(&id) {
            let message = format!("reglen «{}» findes ikke i noget regelsæt", crate::text::shown(id));
            errors.push(crate::rules::unknown_rule(
                id,
                &ids,
                &config.source,
                span,
                message,
                "Se `aftale rules` for reglerne.",
            ));
        }
    };
    for (id, span) in &config.level_spans {
        check(id, *span);
    }
    for a in &config.acceptances {
        check(&a.rule, a.rule_span);
    }
    if let Some(name) = &config.ruleset
        && registry.pack(name).is_none()
    {
        errors.push(InputError::file(
            ErrorCode::UnknownRuleset,
            &config.file,
            format!("regelsættet «{}» under `regelsæt` findes ikke", crate::text::shown(name)),
        ));
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// A path for display, relative to the working directory when it lies below it.
fn relative_display(path: &Path, cwd: &Path) -> String {
    let shown = path.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    shown.to_string_lossy().replace('\\', "/")
}

/// The registry the `index`-th prepared input was evaluated with.
pub fn registry_for(prepared: &Prepared, index: usize) -> Option<&Registry> {
    prepared.inputs.get(index).and_then(|p| p.registry.as_ref().ok()).map(|i| &prepared.registries[*i])
}
