//! The agreement as a plain tree of keys and values, each with its place in the file.
//!
//! Rules written only in YAML (`present: version`, `each: fokusområder`) address the agreement
//! by the same dotted keys an author writes, so they need a generic view beside the typed model.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::model::{Sp, Span};

/// One value in the file.
#[derive(Debug, Clone)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

/// The shape of a value.
#[derive(Debug, Clone)]
pub enum NodeKind {
    Null,
    Bool(bool),
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

    /// The span of `key` itself (not its value) when this node is a mapping.
    pub fn key_span(&self, key: &str) -> Option<Span> {
        match &self.kind {
            NodeKind::Map(entries) => entries.iter().find(|(k, _)| k.value == key).map(|(k, _)| k.span),
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
            NodeKind::Scalar(s) => Some(s.clone()),
            NodeKind::Map(_) => ["navn", "titel", "tekst", "version"]
                .iter()
                .find_map(|k| match self.get(k).map(|n| &n.kind) {
                    Some(NodeKind::Scalar(s)) => Some(s.clone()),
                    _ => None,
                }),
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
                        NodeKind::List(items) => {
                            next.extend(items.iter().map(|n| (n, n.label().unwrap_or_default())))
                        }
                        NodeKind::Map(entries) => {
                            next.extend(entries.iter().map(|(k, v)| (v, k.value.clone())))
                        }
                        _ => {}
                    }
                } else {
                    match node.get(segment) {
                        Some(child) => next.push((child, name)),
                        None => missing.push(Missing { parent: node, key: segment.to_owned(), owner: name }),
                    }
                }
            }
            found = next;
        }
        Resolved { found, missing }
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
    pub owner: String,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Sp::<NodeKind>::deserialize(deserializer)?;
        Ok(Node { span: spanned.span, kind: spanned.value })
    }
}

impl<'de> Deserialize<'de> for NodeKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KindVisitor;
        impl<'de> Visitor<'de> for KindVisitor {
            type Value = NodeKind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en YAML-værdi")
            }
            fn visit_unit<E: de::Error>(self) -> Result<NodeKind, E> {
                Ok(NodeKind::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<NodeKind, E> {
                Ok(NodeKind::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<NodeKind, D::Error> {
                NodeKind::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<NodeKind, E> {
                Ok(NodeKind::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<NodeKind, E> {
                Ok(NodeKind::Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<NodeKind, E> {
                Ok(NodeKind::Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<NodeKind, E> {
                Ok(NodeKind::Scalar(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NodeKind, E> {
                Ok(NodeKind::Scalar(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeKind, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Node>()? {
                    items.push(item);
                }
                Ok(NodeKind::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeKind, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Sp<KeyText>>()? {
                    let value = map.next_value::<Node>()?;
                    entries.push((Sp { value: key.value.0, span: key.span }, value));
                }
                Ok(NodeKind::Map(entries))
            }
        }
        deserializer.deserialize_any(KindVisitor)
    }
}

/// A mapping key read as text whatever its YAML type (`1:`, `true:`, `navn:`).
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match NodeKind::deserialize(deserializer)? {
            NodeKind::Scalar(s) => Ok(KeyText(s)),
            NodeKind::Bool(b) => Ok(KeyText(b.to_string())),
            NodeKind::Null => Ok(KeyText(String::new())),
            _ => Err(de::Error::custom("en nøgle skal være en enkelt værdi, ikke en liste eller tabel")),
        }
    }
}
