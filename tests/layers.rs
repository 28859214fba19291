//! Data flows one way: each module may use only modules below it in `LAYERS`, so the import
//! graph has no cycle. The list is kept by hand; a new module must be placed in it.

use std::collections::BTreeSet;
use std::path::Path;

/// Every top-level module of `src/`, from the bottom (imports nothing of ours) to the top.
const LAYERS: &[&str] = &[
    // Small helpers anything may use.
    "codes",
    "danish",
    "text",
    "parallel",
    "embedded",
    "suggest",
    "globs",
    "source",
    // The agreement and reading it.
    "model",
    "snippet",
    "error",
    "read",
    "tree",
    "yaml",
    "reference",
    "vacant",
    "load",
    // The rules, the checks, and evaluation.
    "rules",
    "deadlines",
    "checks",
    "finding",
    "evaluate",
    "diagnostic",
    // The agreement's life as of a date, from an assessment.
    "lifecycle",
    // Runs over many files, and what they produce.
    "config",
    "run",
    "output",
    "letter",
    "status",
    "scaffold",
    "import",
    "schema",
    // The binary.
    "cli",
    "main",
    "lib",
];

/// The module a file belongs to: `src/rules/files.rs` → `rules`.
fn module_of(path: &Path, src: &Path) -> String {
    let relative = path.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// The modules of ours a file uses (`crate::x`, and `aftale::x` in the binary), leaving out
/// comments and test modules.
fn uses(text: &str) -> BTreeSet<String> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    // Error codes are strings such as "aftale::mappe": a path is never right after a quote.
    let pattern = regex::Regex::new(r#"(?:^|[^"\w])(?:crate|aftale)::([a-z_]+)"#).unwrap();
    pattern.captures_iter(&code).map(|c| c[1].to_owned()).collect()
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_uses_only_modules_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let layer = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut wrong = Vec::new();
    for path in &all {
        let module = module_of(path, &src);
        let Some(own) = layer(&module) else {
            wrong.push(format!("{}: module `{module}` is not in LAYERS", path.display()));
            continue;
        };
        for used in uses(&std::fs::read_to_string(path).unwrap()) {
            match layer(&used) {
                _ if used == module => {}
                Some(other) if other < own => {}
                Some(_) => wrong.push(format!("{}: `{module}` uses `{used}`, which is not below it", path.display())),
                None => wrong.push(format!("{}: `{used}` is not in LAYERS", path.display())),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_layer_is_a_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for module in LAYERS {
        assert!(
            src.join(format!("{module}.rs")).exists() || src.join(module).is_dir(),
            "LAYERS names `{module}`, which is not in src/"
        );
    }
}

#[test]
fn only_the_command_line_reads_the_clock_and_the_environment() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    for path in all.iter().filter(|p| !matches!(module_of(p, &src).as_str(), "cli" | "main")) {
        let text = std::fs::read_to_string(path).unwrap();
        for reads in
            ["Utc::now", "Local::now", "SystemTime::now", "env::var", "is_terminal", "current_dir", "path::absolute"]
        {
            assert!(
                !text.contains(reads),
                "{}: the library reads {reads}; the command line passes it in",
                path.display()
            );
        }
    }
}
