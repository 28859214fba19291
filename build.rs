//! Embeds every file under `rules/` into the binary, so `aftale check` needs no configuration.
//!
//! YAML files are parsed here, at build time, and embedded as JSON: reading the compiled-in
//! rules then costs a fraction of a millisecond instead of several (measured in the README).
//! A rule file that is not valid YAML stops the build with its name and line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut out = String::from(
        "/// Every file under `rules/`: its path relative to `rules/`, and its text (YAML files as JSON).\n",
    );
    out.push_str("pub static FILES: &[(&str, &str)] = &[\n");
    let mut docs = String::from(
        "/// Each compiled-in rule's rationale, notes and examples, by the rule file's path: read only\n\
         /// when asked for (`aftale check` never does).\n",
    );
    docs.push_str("pub static DOCS: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = file.strip_prefix(&root).expect("file is under rules/");
        let relative = relative.to_string_lossy().replace('\\', "/");
        let included = if relative.ends_with(".yaml") {
            let text = std::fs::read_to_string(file).expect("rule files are UTF-8");
            let mut value: serde_json::Value =
                serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("rules/{relative} is not valid YAML: {e}"));
            let stem = out_dir.join(relative.replace('/', "__"));
            if let Some(rule_docs) = split_docs(&mut value) {
                let path = stem.with_extension("docs.json");
                std::fs::write(&path, rule_docs.to_string()).expect("OUT_DIR is writable");
                writeln!(docs, "    ({relative:?}, include_str!({:?})),", path.display().to_string()).unwrap();
            }
            let json = stem.with_extension("yaml.json");
            std::fs::write(&json, value.to_string()).expect("OUT_DIR is writable");
            json
        } else {
            file.clone()
        };
        writeln!(out, "    ({relative:?}, include_str!({:?})),", included.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    docs.push_str("];\n");
    out.push_str(&docs);
    let dest = out_dir.join("embedded.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// A rule file's rationale, notes and examples, taken out of it: what is left holds empty values
/// in their place, so that one struct reads a compiled-in rule file and a user's.
fn split_docs(value: &mut serde_json::Value) -> Option<serde_json::Value> {
    use serde_json::{Value, json};
    let rule = value.as_object_mut().filter(|o| o.contains_key("check") && o.contains_key("examples"))?;
    let mut docs = serde_json::Map::new();
    for key in ["rationale", "notes", "examples"] {
        if let Some(v) = rule.remove(key) {
            docs.insert(key.to_owned(), v);
        }
    }
    rule.insert("rationale".to_owned(), Value::String(String::new()));
    rule.insert("examples".to_owned(), json!({ "passes": "", "fails": "" }));
    Some(Value::Object(docs))
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(&path, files);
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "md" | "j2" | "css")) {
            files.push(path);
        }
    }
}
