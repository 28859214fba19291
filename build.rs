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
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = file.strip_prefix(&root).expect("file is under rules/");
        let relative = relative.to_string_lossy().replace('\\', "/");
        let included = if relative.ends_with(".yaml") {
            let text = std::fs::read_to_string(file).expect("rule files are UTF-8");
            let value: serde_json::Value =
                serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("rules/{relative} is not valid YAML: {e}"));
            let json = out_dir.join(relative.replace('/', "__") + ".json");
            std::fs::write(&json, value.to_string()).expect("OUT_DIR is writable");
            json
        } else {
            file.clone()
        };
        writeln!(out, "    ({relative:?}, include_str!({:?})),", included.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let dest = out_dir.join("embedded.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
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
