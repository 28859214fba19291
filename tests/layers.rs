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

/// The files of one directory module depend on each other one way too: among siblings (a file
/// or a folder next to it; `mod.rs` is their parent and not counted), the uses – `super::x`,
/// and `super::Name` where `mod.rs` re-exports `Name` from `x` – form no circle.
#[test]
fn sibling_files_use_each_other_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![src.clone()];
    let mut circles = Vec::new();
    let reexport = regex::Regex::new(r"(?m)^\s*(?:pub(?:\([a-z]+\))? )?use ([a-z_]+)::\{?([^;]+)").unwrap();
    let name_of = regex::Regex::new(r"super::(?:\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))").unwrap();

    while let Some(dir) = dirs.pop() {
        let mut siblings: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path.clone());
            }
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if (path.is_dir() || path.extension().is_some_and(|e| e == "rs")) && name != "mod" && name != "lib" {
                siblings.push(name);
            }
        }
        siblings.sort();
        siblings.dedup();
        // `pub use x::{A, B}` in mod.rs: A and B come from x.
        let parent = std::fs::read_to_string(dir.join("mod.rs")).unwrap_or_default();
        let mut origin = std::collections::BTreeMap::new();
        for c in reexport.captures_iter(&parent) {
            for name in c[2].split(|ch: char| !ch.is_alphanumeric() && ch != '_').filter(|n| !n.is_empty()) {
                origin.insert(name.to_owned(), c[1].to_owned());
            }
        }
        let mut edges: std::collections::BTreeMap<String, BTreeSet<String>> = std::collections::BTreeMap::new();
        for sibling in &siblings {
            let mut sources = Vec::new();
            let file = dir.join(format!("{sibling}.rs"));
            if file.exists() {
                sources.push(file);
            } else if dir.join(sibling).is_dir() {
                files(&dir.join(sibling), &mut sources);
                // Inside a folder, `super::` of its own files is the folder itself; only its
                // mod.rs reaches the siblings with `super::`.
                sources.retain(|p| p.ends_with(format!("{sibling}/mod.rs")));
            }
            for path in sources {
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                for c in name_of.captures_iter(code) {
                    let names = c.get(1).or(c.get(2)).unwrap().as_str();
                    for name in names.split(|ch: char| !ch.is_alphanumeric() && ch != '_').filter(|n| !n.is_empty()) {
                        let target = if siblings.contains(&name.to_owned()) {
                            Some(name.to_owned())
                        } else {
                            origin.get(name).cloned()
                        };
                        if let Some(target) = target.filter(|t| t != sibling) {
                            edges.entry(sibling.clone()).or_default().insert(target);
                        }
                    }
                }
            }
        }
        // A circle: a sibling that reaches itself.
        for start in edges.keys() {
            let mut seen = BTreeSet::new();
            let mut todo: Vec<&String> = edges[start].iter().collect();
            while let Some(next) = todo.pop() {
                if next == start {
                    circles
                        .push(format!("{}: {start} reaches itself", dir.strip_prefix(&src).unwrap_or(&dir).display()));
                    break;
                }
                if seen.insert(next.clone()) {
                    todo.extend(edges.get(next).into_iter().flatten());
                }
            }
        }
    }
    circles.sort();
    assert!(circles.is_empty(), "{}", circles.join("\n"));
}
