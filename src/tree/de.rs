//! The serde deserializer that reads typed structs from the tree, giving every [`Sp`] value its
//! place in the file.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use std::fmt;

use super::error::expected;
use super::{Error, ErrorKind, Node, NodeKind};
use crate::model::{Sp, Span};

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
