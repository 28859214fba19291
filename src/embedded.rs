//! The files under `rules/`, compiled into the binary by `build.rs`. YAML files were parsed at
//! build time and are embedded as JSON; read them with [`parse`].

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The text of an embedded file, by its path relative to `rules/`.
pub fn file(path: &str) -> Option<&'static str> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}

/// A compiled-in rule's rationale, notes and examples (JSON), by its file's path relative to
/// `rules/`.
pub fn docs(path: &str) -> Option<&'static str> {
    DOCS.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}

/// Reads an embedded (JSON) file into a typed value.
pub fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}
