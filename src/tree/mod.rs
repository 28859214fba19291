//! The agreement (or any input file) as a plain tree of keys and values, each with its place in
//! the file, and a serde deserializer that turns the tree into typed structs.
//!
//! The YAML parser builds the tree once (`crate::yaml`); the typed model, the rule files and
//! the reference data are then read from the tree, so the text is scanned only once and spans
//! reach every [`Sp`] value. Rules written only in YAML (`present: version`) address the tree by
//! the same dotted keys an author writes.

mod de;
mod error;

pub use de::from_node;
pub use error::{Error, ErrorKind};

use crate::model::{Sp, Span};

/// One value in the file.
#[derive(Debug, Clone)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

/// The shape of a value. Scalars keep their text as written.
#[derive(Debug, Clone)]
pub enum NodeKind {
    Null,
    Bool(bool),
    /// A number, with its text as written (`1.0` stays `1.0`).
    Number(String),
    Scalar(String),
    List(Vec<Node>),
    Map(Vec<(Sp<String>, Node)>),
}

impl Node {
    /// The value of `key` when this node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Map(entries) => entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a scalar or number.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s) | NodeKind::Number(s) => Some(s),
            _ => None,
        }
    }

    /// Present means: there, not null, and not an empty text.
    pub fn is_present(&self) -> bool {
        match &self.kind {
            NodeKind::Null => false,
            NodeKind::Scalar(s) => !s.trim().is_empty(),
            _ => true,
        }
    }

    /// The items of a list or the values of a mapping; nothing for anything else.
    pub fn children(&self) -> Vec<&Node> {
        match &self.kind {
            NodeKind::List(items) => items.iter().collect(),
            NodeKind::Map(entries) => entries.iter().map(|(_, v)| v).collect(),
            _ => Vec::new(),
        }
    }

    /// A short name for the node when it is listed in a message: its `navn`, `titel` or
    /// `tekst`, or the scalar itself.
    pub fn label(&self) -> Option<String> {
        match &self.kind {
            NodeKind::Scalar(s) | NodeKind::Number(s) => Some(s.clone()),
            NodeKind::Map(_) => ["navn", "titel", "tekst", "version"]
                .iter()
                .find_map(|k| self.get(k).and_then(Node::text).map(str::to_owned)),
            _ => None,
        }
    }

    /// A true boolean (`true`), nothing else.
    pub fn is_true(&self) -> bool {
        matches!(self.kind, NodeKind::Bool(true))
    }

    /// Resolves a dotted path. `*` stands for every item of a list or mapping, so one path can
    /// name many nodes. Returns the nodes found and, for each branch that stopped early, the
    /// deepest node that exists (where a diagnostic should point) and the key that was missing.
    pub fn resolve<'a>(&'a self, path: &str) -> Resolved<'a> {
        let mut found = vec![(self, String::new())];
        let mut missing = Vec::new();
        for segment in path.split('.').filter(|s| !s.is_empty()) {
            let mut next = Vec::new();
            for (node, name) in found {
                if segment == "*" {
                    match &node.kind {
                        NodeKind::List(items) => next.extend(items.iter().map(|n| (n, n.label().unwrap_or_default()))),
                        NodeKind::Map(entries) => next.extend(entries.iter().map(|(k, v)| (v, k.value.clone()))),
                        _ => {}
                    }
                } else {
                    match node.get(segment) {
                        Some(child) => next.push((child, name)),
                        None => missing.push(Missing { parent: node, key: segment.to_owned() }),
                    }
                }
            }
            found = next;
        }
        Resolved { found, missing }
    }

    /// How the value reads in a Danish message ("en liste", "teksten «x»").
    fn describe(&self) -> String {
        match &self.kind {
            NodeKind::Null => "en tom værdi".to_owned(),
            NodeKind::Bool(b) => format!("`{b}`"),
            NodeKind::Number(s) => format!("tallet {s}"),
            NodeKind::Scalar(s) if s.chars().count() > 40 => "en tekst".to_owned(),
            NodeKind::Scalar(s) => format!("teksten «{}»", crate::text::shown(s)),
            NodeKind::List(_) => "en liste".to_owned(),
            NodeKind::Map(_) => "en tabel".to_owned(),
        }
    }
}

/// The result of resolving a path.
pub struct Resolved<'a> {
    /// Nodes the path names, each with the name of the item it was reached through (for `*`).
    pub found: Vec<(&'a Node, String)>,
    /// Branches where a key was missing.
    pub missing: Vec<Missing<'a>>,
}

/// A key that was not there, and the node that should have held it.
pub struct Missing<'a> {
    pub parent: &'a Node,
    pub key: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        dato: Sp<Date>,
        #[serde(default)]
        tal: Option<Sp<u32>>,
    }

    fn parse(text: &str) -> Result<Doc, Error> {
        from_node(&crate::yaml::parse_tree(text)?)
    }

    #[test]
    fn unknown_key_names_the_key_and_its_line() {
        let err = parse("dato: 2024-01-01\ndatoo: 2024-01-01\n").unwrap_err();
        assert_eq!(err.message, "ukendt nøgle `datoo`");
        assert_eq!(err.span.map(|s| (s.line, s.column)), Some((2, 1)));
    }

    #[test]
    fn impossible_date_points_at_the_value() {
        let err = parse("dato: 2023-02-30\n").unwrap_err();
        assert!(err.message.contains("2023-02-30"), "{}", err.message);
        let span = err.span.unwrap();
        assert_eq!((span.line, span.column, span.offset, span.len), (1, 7, 6, 10));
    }

    #[test]
    fn spans_are_byte_offsets() {
        let doc = parse("# æøå\ndato: 2024-01-01\n").unwrap();
        assert_eq!(doc.dato.span.offset, "# æøå\ndato: ".len());
        assert_eq!(doc.dato.span.len, 10);
    }

    #[test]
    fn type_errors_say_what_is_there_in_danish() {
        let doc = parse("dato: 2024-01-01\ntal: 7\n").unwrap();
        assert_eq!(doc.tal.map(|t| (t.value, t.span.line)), Some((7, 2)));
        let err = parse("dato: 2024-01-01\ntal: [1]\n").unwrap_err();
        assert_eq!(err.message, "her står en liste, men der skal stå et helt tal");
        assert_eq!(err.span.map(|s| s.line), Some(2));
    }

    #[test]
    fn missing_key_points_at_the_mapping() {
        let err = parse("tal: 1\n").unwrap_err();
        assert_eq!(err.kind, ErrorKind::MissingKey);
        assert_eq!(err.span.map(|s| s.line), Some(1));
    }

    #[test]
    fn numbers_keep_their_text() {
        let node = crate::yaml::parse_tree("version: 1.0\n").unwrap();
        assert_eq!(node.get("version").and_then(Node::text), Some("1.0"));
    }
}
