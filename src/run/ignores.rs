//! The ignore files of a walked folder – `.gitignore`, `.ignore`, and `.git/info/exclude` – read
//! as every input is read: only regular files, without blocking, never more than a limit, and
//! compiled only within the glob bounds. The `ignore` crate's own reading would block on a FIFO
//! named `.gitignore` and read a link to `/dev/zero` without end; it only walks here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::codes::ErrorCode;
use crate::error::InputError;

/// The largest ignore file read.
pub const MAX_SIZE: u64 = 64 * 1024;

/// The ignore files a folder may hold, and the repository's own exclude file.
const NAMES: [&str; 2] = [".gitignore", ".ignore"];
const EXCLUDE: &str = ".git/info/exclude";

/// The ignore rules of every folder met, read once each, and the problems found reading them.
#[derive(Default)]
pub struct Ignores {
    folders: Mutex<HashMap<PathBuf, Option<Gitignore>>>,
    problems: Mutex<Vec<InputError>>,
    /// `--no-ignore`: no ignore file is read, nothing is ignored by one.
    off: bool,
}

impl Ignores {
    /// Ignore files read (`on`), or not at all (`--no-ignore`).
    pub fn new(on: bool) -> Ignores {
        Ignores { off: !on, ..Ignores::default() }
    }

    /// Whether `path` (below `root`, the folder walked) is ignored: the deepest folder whose
    /// rules match it decides, as git does, and folders above `root` count too.
    pub fn ignored(&self, path: &Path, is_dir: bool) -> bool {
        if self.off {
            return false;
        }
        for folder in path.ancestors().skip(1) {
            let rules = self.rules(folder);
            if let Some(rules) = rules {
                match rules.matched(path, is_dir) {
                    Match::Ignore(_) => return true,
                    Match::Whitelist(_) => return false,
                    Match::None => {}
                }
            }
        }
        false
    }

    /// The problems met: an ignore file that is not a regular file, too big, or not text.
    pub fn problems(&self) -> Vec<InputError> {
        self.problems.lock().map(|p| p.clone()).unwrap_or_default()
    }

    fn rules(&self, folder: &Path) -> Option<Gitignore> {
        if let Ok(folders) = self.folders.lock()
            && let Some(known) = folders.get(folder)
        {
            return known.clone();
        }
        let (rules, problems) = read_folder(folder);
        if let Ok(mut p) = self.problems.lock() {
            p.extend(problems);
        }
        if let Ok(mut folders) = self.folders.lock() {
            folders.insert(folder.to_path_buf(), rules.clone());
        }
        rules
    }
}

/// The rules of one folder: its ignore files, and the repository's exclude file when the folder
/// holds `.git`.
fn read_folder(folder: &Path) -> (Option<Gitignore>, Vec<InputError>) {
    let mut builder = GitignoreBuilder::new(folder);
    let mut problems = Vec::new();
    let mut any = false;
    let mut lines = 0usize;
    let candidates = NAMES.iter().map(|n| folder.join(n)).chain(std::iter::once(folder.join(EXCLUDE)));
    for path in candidates {
        // `symlink_metadata` would miss a link to a regular file, which git follows; `read`
        // refuses whatever the link leads to that is not a regular file.
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let shown = crate::text::visible(&path.to_string_lossy()).into_owned();
        let source = match crate::read::read_text_limited(&path, &shown, MAX_SIZE) {
            Ok(s) => s,
            Err(e) => {
                problems.push(e.with_help("En ignorefil skal være en almindelig tekstfil på højst 64 kB."));
                continue;
            }
        };
        for line in source.text.lines() {
            let pattern = line.trim();
            if pattern.is_empty() || pattern.starts_with('#') {
                continue;
            }
            lines += 1;
            if lines > crate::globs::MAX_PATTERNS {
                problems.push(InputError::file(
                    ErrorCode::BadGlob,
                    &shown,
                    format!("ignorefilerne har mere end {} mønstre", crate::danish::number(crate::globs::MAX_PATTERNS)),
                ));
                break;
            }
            if let Some(why) = crate::globs::refusal(pattern) {
                problems.push(InputError::file(
                    ErrorCode::BadGlob,
                    &shown,
                    format!("mønstret «{}» kan ikke bruges: {why}", crate::text::shown(pattern)),
                ));
                continue;
            }
            if builder.add_line(Some(path.clone()), pattern).is_ok() {
                any = true;
            }
        }
    }
    let rules = if any { builder.build().ok() } else { None };
    (rules, problems)
}
