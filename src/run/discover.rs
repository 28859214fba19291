//! Finding the agreement files: files as given, `-` as standard input, and directories walked as
//! ripgrep walks them (the `ignore` crate): sorted, hidden files and folders skipped, `.gitignore`
//! and `.ignore` respected (read by `ignores`, bounded), `--exclude` globs left out. A YAML file found in a directory that is
//! plainly not an agreement – its top level has keys, and none is `format`, `titel` or `region` (a
//! CI file, a documentation site's configuration) – is skipped, not failed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::Request;
use super::ignores::Ignores;
use crate::codes::ErrorCode;
use crate::config;
use crate::error::InputError;

/// One agreement file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it (`-` is standard input).
    pub path: PathBuf,
    /// The name shown for it: the path as given, found below a directory given, or for standard
    /// input the `--stdin-filename`.
    pub display: String,
    /// Found by walking a directory, not named: a configuration's `udelad` may leave it out.
    pub walked: bool,
}

impl Input {
    /// Whether the file is standard input.
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// The keys an agreement file's top level has; a YAML file found in a directory with none of
/// them is not an agreement.
const AGREEMENT_KEYS: [&str; 3] = ["format", "titel", "region"];

/// How much of a file is read to tell whether it is an agreement.
const SNIFF_BYTES: usize = 64 * 1024;
/// What is read first: enough for an agreement's opening comments and its first keys.
const FIRST_SNIFF: usize = 4 * 1024;

/// The files to check, the problems found on the way, and the files skipped as not agreements.
pub fn discover(request: &Request) -> (Vec<Input>, Vec<(String, InputError)>, Vec<String>) {
    let mut found: Vec<Input> = Vec::new();
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    // A set of the paths so far: comparing each with all the others was quadratic.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut push = |input: Input, found: &mut Vec<Input>| {
        if input.is_stdin() || seen.insert(input.path.clone()) {
            found.push(input);
        }
    };
    for input in &request.inputs {
        let display = input.to_string_lossy().replace('\\', "/");
        if display == "-" {
            let display = request.stdin_filename.clone().unwrap_or(display);
            push(Input { path: input.clone(), display, walked: false }, &mut found);
            continue;
        }
        if !input.is_dir() {
            push(Input { path: input.clone(), display, walked: false }, &mut found);
            continue;
        }
        let before = found.len();
        let ignores = std::sync::Arc::new(Ignores::new(!request.no_ignore));
        let walker = match walker(input, &request.working_dir, &request.exclude, ignores.clone()) {
            Ok(w) => w,
            Err(e) => {
                errors.push((display.clone(), e));
                continue;
            }
        };
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push((
                        display.clone(),
                        InputError::file(ErrorCode::Io, &display, format!("kan ikke læses: {e}")),
                    ));
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy();
            let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
            if !entry.file_type().is_some_and(|t| t.is_file()) || !is_yaml {
                continue;
            }
            // The configuration is not an agreement: `.aftale.yaml`, or a legacy `aftale.yaml`
            // that is plainly one.
            let path = entry.path();
            if name == config::FILE_NAME || (name == config::LEGACY_FILE_NAME && config::is_plainly_config(path)) {
                continue;
            }
            let shown = path.to_string_lossy().replace('\\', "/");
            if plainly_not_an_agreement(path) {
                skipped.push(shown);
                continue;
            }
            push(Input { path: path.to_path_buf(), display: shown, walked: true }, &mut found);
        }
        let problems = ignores.problems();
        if !problems.is_empty() {
            errors.extend(problems.into_iter().map(|e| (display.clone(), e)));
            continue;
        }
        if found.len() == before {
            errors.push((
                display.clone(),
                InputError::file(
                    ErrorCode::NoFiles,
                    &display,
                    format!("mappen {display} indeholder ingen aftalefiler (*.yaml eller *.yml)"),
                ),
            ));
        }
    }
    (found, errors, skipped)
}

/// A walker over `dir`, as ripgrep walks: sorted by name, hidden entries and ignored files left
/// out, and the `--exclude` globs (relative to `dir`) too. The ignore files are read by
/// [`Ignores`], never by the walker itself.
fn walker(
    dir: &Path,
    cwd: &Path,
    exclude: &[String],
    ignores: std::sync::Arc<Ignores>,
) -> Result<ignore::Walk, InputError> {
    let bad = |glob: &str, why: String| {
        InputError::file(
            ErrorCode::BadGlob,
            "",
            format!("--exclude «{}» er ikke et filmønster: {why}", crate::text::shown(glob)),
        )
        .with_help("Skriv et filmønster som i .gitignore, fx arkiv/** eller *.udkast.yaml.")
    };
    if exclude.len() > crate::globs::MAX_PATTERNS {
        return Err(InputError::file(
            ErrorCode::BadGlob,
            "",
            format!("højst {} --exclude kan bruges", crate::danish::number(crate::globs::MAX_PATTERNS)),
        ));
    }
    let mut overrides = ignore::overrides::OverrideBuilder::new(dir);
    for glob in exclude {
        if let Some(why) = crate::globs::refusal(glob) {
            return Err(bad(glob, why));
        }
        overrides.add(&format!("!{glob}")).map_err(|e| bad(glob, e.to_string()))?;
    }
    let overrides =
        overrides.build().map_err(|e| InputError::file(ErrorCode::BadGlob, "", format!("--exclude: {e}")))?;
    // The folders above `dir` count, as `.gitignore` files of a repository's parents do.
    let root = cwd.join(dir);
    let relative_to = dir.to_path_buf();
    Ok(ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(false)
        .git_exclude(false)
        .git_global(false)
        .ignore(false)
        .parents(false)
        .require_git(false)
        .overrides(overrides)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let path = entry.path();
            let absolute = match path.strip_prefix(&relative_to) {
                Ok(rest) => root.join(rest),
                Err(_) => path.to_path_buf(),
            };
            !ignores.ignored(&absolute, is_dir)
        })
        .sort_by_file_name(|a, b| a.cmp(b))
        .build())
}

/// Whether the file's top level has keys and none is an agreement's. A file that cannot be
/// read, is empty, or has no top-level keys (a list, only comments) may be a broken agreement,
/// and is checked.
fn plainly_not_an_agreement(path: &Path) -> bool {
    use std::io::Read as _;
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let mut head = Vec::with_capacity(FIRST_SNIFF);
    // An agreement names `format`, `titel` or `region` within its first lines: read a little
    // first, and the rest of SNIFF_BYTES only when that does not settle it.
    for limit in [FIRST_SNIFF, SNIFF_BYTES] {
        let want = (limit - head.len()) as u64;
        if (&mut file).take(want).read_to_end(&mut head).is_err() {
            return false;
        }
        let text = valid_prefix(&head);
        let whole = head.len() < limit;
        let complete = if whole { text } else { text.rsplit_once('\n').map_or("", |(lines, _)| lines) };
        if complete.lines().filter_map(top_level_key).any(|k| AGREEMENT_KEYS.contains(&k)) {
            return false;
        }
        if whole {
            break;
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut keys = text.lines().filter_map(top_level_key).peekable();
    keys.peek().is_some() && keys.all(|k| !AGREEMENT_KEYS.contains(&k))
}

/// The longest start of `bytes` that is UTF-8.
fn valid_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    }
}

/// The key of a top-level mapping entry (`key: …` at the start of the line), if the line is one.
fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-', '%']) || line.starts_with("---") || line.starts_with("...") {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::top_level_key;

    #[test]
    fn top_level_keys_are_read_from_the_line_start() {
        assert_eq!(top_level_key("format: 1"), Some("format"));
        assert_eq!(top_level_key("\"region\": Hovedstaden"), Some("region"));
        assert_eq!(top_level_key("  nested: x"), None);
        assert_eq!(top_level_key("# format: 1"), None);
        assert_eq!(top_level_key("- item"), None);
        assert_eq!(top_level_key("plain text"), None);
    }
}
