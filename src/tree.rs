//! The agreement (or any input file) as a plain tree of keys and values, each with its place in
//! the file, and a serde deserializer that turns the tree into typed structs.
//!
//! The YAML parser builds the tree once (`crate::yaml`); the typed model, the rule files and
//! the reference data are then read from the tree, so the text is scanned only once and spans
//! reach every [`Sp`] value. Rules written only in YAML (`present: version`) address the tree by
//! the same dotted keys an author writes.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

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

/// What went wrong reading a file, in Danish, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub span: Option<Span>,
}

/// The kinds of errors the loader treats specially.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// A key that the format does not have, with the keys allowed in that place.
    UnknownKey { key: String, expected: Vec<&'static str> },
    /// A value that is not one of the allowed words.
    UnknownWord { word: String, expected: Vec<&'static str> },
    /// A required key is missing.
    MissingKey,
    /// The same key twice in one mapping.
    DuplicateKey,
    /// The document is empty.
    Empty,
    /// Any other syntax or type problem.
    Other,
}

impl Error {
    /// An error of the given kind.
    pub fn new(kind: ErrorKind, message: impl Into<String>, span: Option<Span>) -> Self {
        Error { kind, message: message.into(), span }
    }

    /// Puts the error at `span` unless it already points somewhere.
    fn at(mut self, span: Span) -> Self {
        self.span.get_or_insert(span);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(ErrorKind::Other, msg.to_string(), None)
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let kind = ErrorKind::UnknownKey { key: field.to_owned(), expected: expected.to_vec() };
        Error::new(kind, format!("ukendt nøgle `{}`", crate::text::shown(field)), None)
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let kind = ErrorKind::UnknownWord { word: variant.to_owned(), expected: expected.to_vec() };
        Error::new(kind, format!("ukendt værdi `{}`", crate::text::shown(variant)), None)
    }

    fn missing_field(field: &'static str) -> Self {
        Error::new(ErrorKind::MissingKey, format!("nøglen `{field}` mangler"), None)
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error::new(ErrorKind::DuplicateKey, format!("nøglen `{field}` står to gange"), None)
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        Error::custom(format!("her står {}, men der skal stå {}", unexpected(&unexp), expected(&exp.to_string())))
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        Error::custom(format!("ugyldig værdi {}; der skal stå {}", unexpected(&unexp), expected(&exp.to_string())))
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Error::custom(format!("listen har {len} elementer; der skal stå {}", expected(&exp.to_string())))
    }
}

fn unexpected(unexp: &de::Unexpected) -> String {
    use de::Unexpected as U;
    match unexp {
        U::Bool(b) => format!("`{b}`"),
        U::Unsigned(n) => format!("tallet {n}"),
        U::Signed(n) => format!("tallet {n}"),
        U::Float(n) => format!("tallet {n}"),
        U::Char(c) => format!("tegnet «{}»", crate::text::shown(c.encode_utf8(&mut [0; 4]))),
        U::Str(s) => format!("teksten «{}»", crate::text::shown(s)),
        U::Unit | U::Option => "en tom værdi".to_owned(),
        U::Seq => "en liste".to_owned(),
        U::Map => "en tabel".to_owned(),
        other => other.to_string(),
    }
}

/// Serde's built-in types describe themselves in English; say it in Danish where we know the
/// words. The format's own structs already say what they expect in Danish.
fn expected(english: &str) -> String {
    let danish = match english.trim() {
        "a string" | "string" | "a borrowed string" => "en tekst",
        "a sequence" => "en liste",
        "a map" => "en tabel (`nøgle: værdi`)",
        "a boolean" => "`true` eller `false`",
        "unit" => "en tom værdi",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => "et helt tal",
        "f32" | "f64" => "et tal",
        "a character" => "ét tegn",
        other => return other.to_owned(),
    };
    danish.to_owned()
}

/// The struct name through which [`Sp`] asks the tree deserializer for a span.
const SPANNED: &str = "$aftale::Sp";

impl<'de, T: de::Deserialize<'de>> de::Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: de::Deserialize<'de>> Visitor<'de> for SpVisitor<T> {
            type Value = Sp<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en værdi")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Sp<T>, A::Error> {
                let mut part = || -> Result<usize, A::Error> {
                    seq.next_element::<usize>()?.ok_or_else(|| de::Error::custom("intern fejl: span mangler"))
                };
                let span = Span { offset: part()?, len: part()?, line: part()?, column: part()? };
                let value = seq.next_element::<T>()?.ok_or_else(|| de::Error::custom("intern fejl: værdi mangler"))?;
                Ok(Sp { value, span })
            }
            // Any other deserializer: the value without a place.
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Sp<T>, D::Error> {
                Ok(Sp { value: T::deserialize(d)?, span: Span::default() })
            }
        }
        deserializer.deserialize_newtype_struct(SPANNED, SpVisitor(std::marker::PhantomData))
    }
}

/// Reads a typed value from a tree.
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, Error> {
    T::deserialize(NodeDe(node))
}

/// The serde deserializer over a node.
#[derive(Clone, Copy)]
struct NodeDe<'a>(&'a Node);

impl NodeDe<'_> {
    fn type_error(self, exp: &dyn de::Expected) -> Error {
        let message = format!("her står {}, men der skal stå {}", self.0.describe(), expected(&exp.to_string()));
        Error::new(ErrorKind::Other, message, Some(self.0.span))
    }

    fn number<T: std::str::FromStr>(self, exp: &dyn de::Expected) -> Result<T, Error> {
        match &self.0.kind {
            NodeKind::Number(s) | NodeKind::Scalar(s) => s.trim().parse().map_err(|_| self.type_error(exp)),
            _ => Err(self.type_error(exp)),
        }
    }
}

macro_rules! deserialize_number {
    ($($method:ident => $visit:ident: $ty:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let n: $ty = self.number(&visitor)?;
            visitor.$visit(n).map_err(|e: Error| e.at(self.0.span))
        }
    )*};
}

impl<'de> Deserializer<'de> for NodeDe<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.0.span;
        let result = match &self.0.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool(b) => visitor.visit_bool(*b),
            NodeKind::Number(s) => {
                if let Ok(n) = s.parse::<i64>() {
                    visitor.visit_i64(n)
                } else if let Ok(n) = s.parse::<u64>() {
                    visitor.visit_u64(n)
                } else {
                    match s.parse::<f64>() {
                        Ok(n) => visitor.visit_f64(n),
                        Err(_) => visitor.visit_str(s),
                    }
                }
            }
            NodeKind::Scalar(s) => visitor.visit_str(s),
            NodeKind::List(items) => visitor.visit_seq(SeqDe { items: items.iter() }),
            NodeKind::Map(entries) => visitor.visit_map(MapDe { entries: entries.iter(), value: None }),
        };
        result.map_err(|e: Error| e.at(span))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.0.span;
        match &self.0.kind {
            NodeKind::Scalar(s) | NodeKind::Number(s) => visitor.visit_str(s).map_err(|e: Error| e.at(span)),
            NodeKind::Bool(b) => visitor.visit_str(if *b { "true" } else { "false" }).map_err(|e: Error| e.at(span)),
            _ => Err(self.type_error(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // Keys and words are compared in NFC: "fokusområder" typed decomposed is the same key.
        let span = self.0.span;
        match &self.0.kind {
            NodeKind::Scalar(s) => visitor.visit_str(&crate::text::nfc(s)).map_err(|e: Error| e.at(span)),
            _ => self.deserialize_str(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            NodeKind::Bool(b) => visitor.visit_bool(*b).map_err(|e: Error| e.at(self.0.span)),
            _ => Err(self.type_error(&visitor)),
        }
    }

    deserialize_number! {
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_f32 => visit_f32: f32,
        deserialize_f64 => visit_f64: f64,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            NodeKind::Null => visitor.visit_unit(),
            _ => Err(self.type_error(&visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            NodeKind::List(items) => {
                visitor.visit_seq(SeqDe { items: items.iter() }).map_err(|e: Error| e.at(self.0.span))
            }
            _ => Err(self.type_error(&visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            NodeKind::Map(entries) => {
                visitor.visit_map(MapDe { entries: entries.iter(), value: None }).map_err(|e: Error| e.at(self.0.span))
            }
            _ => Err(self.type_error(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        if name == SPANNED {
            let s = self.0.span;
            return visitor.visit_seq(SpanSeq { parts: [s.offset, s.len, s.line, s.column], next: 0, node: self.0 });
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let span = self.0.span;
        match &self.0.kind {
            NodeKind::Scalar(s) => {
                let word = crate::text::nfc(s);
                visitor.visit_enum(de::value::StrDeserializer::<Error>::new(&word)).map_err(|e: Error| e.at(span))
            }
            NodeKind::Map(entries) if entries.len() == 1 => {
                let (key, value) = &entries[0];
                visitor.visit_enum(EnumDe { key, value }).map_err(|e: Error| e.at(span))
            }
            _ => Err(self.type_error(&visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! { char bytes byte_buf unit_struct tuple tuple_struct }
}

struct SeqDe<'a> {
    items: std::slice::Iter<'a, Node>,
}

impl<'de> de::SeqAccess<'de> for SeqDe<'_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some(node) => seed.deserialize(NodeDe(node)).map(Some).map_err(|e: Error| e.at(node.span)),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, (Sp<String>, Node)>,
    value: Option<&'a Node>,
}

impl<'de> de::MapAccess<'de> for MapDe<'_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.value = Some(value);
        let key_node = Node { span: key.span, kind: NodeKind::Scalar(key.value.clone()) };
        seed.deserialize(NodeDe(&key_node)).map(Some).map_err(|e: Error| e.at(key.span))
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(node) => seed.deserialize(NodeDe(node)).map_err(|e: Error| e.at(node.span)),
            None => Err(de::Error::custom("intern fejl: værdi uden nøgle")),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The parts of a span, then the value, for [`Sp`].
struct SpanSeq<'a> {
    parts: [usize; 4],
    next: usize,
    node: &'a Node,
}

impl<'de> de::SeqAccess<'de> for SpanSeq<'_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let i = self.next;
        self.next += 1;
        match i {
            0..=3 => seed.deserialize(self.parts[i].into_deserializer()).map(Some),
            4 => seed.deserialize(NodeDe(self.node)).map(Some).map_err(|e: Error| e.at(self.node.span)),
            _ => Ok(None),
        }
    }
}

/// An externally tagged enum written as a one-key mapping (`present: version`).
struct EnumDe<'a> {
    key: &'a Sp<String>,
    value: &'a Node,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumDe<'a> {
    type Error = Error;
    type Variant = NodeDe<'a>;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, NodeDe<'a>), Error> {
        let variant = seed
            .deserialize(de::value::StrDeserializer::<Error>::new(&self.key.value))
            .map_err(|e: Error| e.at(self.key.span))?;
        Ok((variant, NodeDe(self.value)))
    }
}

impl<'de> de::VariantAccess<'de> for NodeDe<'_> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }
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
