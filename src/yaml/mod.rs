//! All YAML parsing goes through this module, so the parser can be swapped in one place.
//!
//! The parser is `serde-saphyr`: `serde_yaml` is archived upstream and gives no spans on values,
//! while saphyr's `Spanned<T>` gives each value its line, column and byte span. The text is
//! parsed once into a [`Node`] tree; typed values are then read from the tree
//! ([`crate::tree::from_node`]). Saphyr's structured errors become Danish messages that point at
//! the line.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Error as SaphyrError, Location, Spanned};

use crate::model::{Sp, Span};
use crate::tree::{self, Error, ErrorKind, Node, NodeKind};

/// Parses one YAML document into a typed value.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    tree::from_node(&parse_tree(text)?)
}

mod events;

/// Parses one YAML document into a tree: in one pass from the parser's events when the text is
/// made of plain shapes (as agreement files are), else through serde-saphyr's spanned
/// deserializer, which gives the same tree and every error.
pub fn parse_tree(text: &str) -> Result<Node, Error> {
    match events::tree(text) {
        Some(node) => Ok(node),
        None => parse_tree_deserialized(text),
    }
}

/// The tree built in one pass from the parser's events, or `None` where the deserializer must
/// decide (for the test that compares the two paths).
#[doc(hidden)]
pub fn parse_tree_in_one_pass(text: &str) -> Option<Node> {
    events::tree(text)
}

/// The tree through serde-saphyr's spanned deserializer alone (for the test that compares the
/// two paths).
#[doc(hidden)]
pub fn parse_tree_deserialized(text: &str) -> Result<Node, Error> {
    let raw: Spanned<RawKind> = serde_saphyr::from_str(text).map_err(|err| translate(&err, text))?;
    let node = build(raw, text);
    if matches!(node.kind, NodeKind::Null) {
        return Err(Error::new(ErrorKind::Empty, "filen er tom", None));
    }
    Ok(node)
}

/// What saphyr hands us: values with saphyr's locations.
enum RawKind {
    Null,
    Bool(bool),
    Number,
    Scalar(String),
    List(Vec<Spanned<RawKind>>),
    Map(Vec<(Spanned<String>, Spanned<RawKind>)>),
}

fn build(raw: Spanned<RawKind>, text: &str) -> Node {
    let span = to_span(raw.referenced).unwrap_or_default();
    let kind = match raw.value {
        RawKind::Null => NodeKind::Null,
        RawKind::Bool(b) => NodeKind::Bool(b),
        // Numbers keep the text as written, so `version: 1.0` stays "1.0" – where the number is
        // written: through an alias (`*n`), at its anchor, never the alias's own text.
        RawKind::Number => {
            let written = to_span(raw.defined).unwrap_or(span);
            NodeKind::Number(text.get(written.offset..written.offset + written.len).unwrap_or_default().to_owned())
        }
        RawKind::Scalar(s) => NodeKind::Scalar(s),
        RawKind::List(items) => NodeKind::List(items.into_iter().map(|i| build(i, text)).collect()),
        RawKind::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    // Keys in NFC, so a decomposed "fokusområder" is the key it looks like.
                    let key = crate::text::nfc(&k.value).into_owned();
                    (Sp { span: to_span(k.referenced).unwrap_or_default(), value: key }, build(v, text))
                })
                .collect(),
        ),
    };
    Node { span, kind }
}

impl<'de> Deserialize<'de> for RawKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KindVisitor;
        impl<'de> Visitor<'de> for KindVisitor {
            type Value = RawKind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en YAML-værdi")
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawKind, E> {
                Ok(RawKind::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<RawKind, E> {
                Ok(RawKind::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawKind, D::Error> {
                RawKind::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawKind, E> {
                Ok(RawKind::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<RawKind, E> {
                Ok(RawKind::Number)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<RawKind, E> {
                Ok(RawKind::Number)
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<RawKind, E> {
                Ok(RawKind::Number)
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<RawKind, E> {
                Ok(RawKind::Number)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawKind, E> {
                Ok(RawKind::Number)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawKind, E> {
                Ok(RawKind::Scalar(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawKind, E> {
                Ok(RawKind::Scalar(v))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawKind, E> {
                Ok(RawKind::Scalar(String::from_utf8_lossy(v).into_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawKind, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(RawKind::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawKind, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
                    let value = map.next_value()?;
                    entries.push((
                        Spanned { value: key.value.0, referenced: key.referenced, defined: key.defined },
                        value,
                    ));
                }
                Ok(RawKind::Map(entries))
            }
        }
        deserializer.deserialize_any(KindVisitor)
    }
}

/// A mapping key read as text whatever its YAML type (`1:`, `true:`, `navn:`).
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en nøgle")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
        }
        deserializer
            .deserialize_any(KeyVisitor)
            .map_err(|_: D::Error| de::Error::custom("en nøgle skal være en enkelt værdi, ikke en liste eller tabel"))
    }
}

fn to_span(location: Location) -> Option<Span> {
    if location == Location::UNKNOWN || location.line() == 0 {
        return None;
    }
    let span = location.span();
    Some(Span {
        offset: usize::try_from(span.byte_offset()?).ok()?,
        len: usize::try_from(span.byte_len().unwrap_or(0)).unwrap_or(0),
        line: usize::try_from(location.line()).unwrap_or(0),
        column: usize::try_from(location.column()).unwrap_or(0),
    })
}

/// Parser (scanner) errors carry character offsets only; find the byte offset in the text.
fn to_span_in(location: Location, text: &str) -> Option<Span> {
    if let Some(span) = to_span(location) {
        return Some(span);
    }
    if location == Location::UNKNOWN || location.line() == 0 {
        return None;
    }
    let chars = usize::try_from(location.span().offset()).ok()?;
    let offset = text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i);
    let len = text[offset..].chars().next().map_or(0, char::len_utf8);
    Some(Span {
        offset,
        len,
        line: usize::try_from(location.line()).unwrap_or(0),
        column: usize::try_from(location.column()).unwrap_or(0),
    })
}

fn translate(err: &SaphyrError, text: &str) -> Error {
    let span = err.location().and_then(|l| to_span_in(l, text));
    let (kind, message) = match err {
        SaphyrError::WithSnippet { error, .. } => return translate(error, text),
        #[allow(deprecated)]
        SaphyrError::AliasError { error, .. } => return translate(error, text),
        SaphyrError::DuplicateMappingKey { key, .. } => (
            ErrorKind::DuplicateKey,
            match key {
                Some(key) => format!("nøglen `{}` står to gange", crate::text::shown(key)),
                None => "den samme nøgle står to gange".to_owned(),
            },
        ),
        SaphyrError::Eof { .. } => (ErrorKind::Empty, "filen er tom".to_owned()),
        SaphyrError::Message { msg, .. } => (ErrorKind::Other, msg.clone()),
        SaphyrError::MultipleDocuments { .. } => (
            ErrorKind::Other,
            "filen indeholder flere YAML-dokumenter (adskilt af `---`); en fil beskriver én aftale".to_owned(),
        ),
        SaphyrError::UnknownAnchor { .. } => {
            (ErrorKind::Other, "henvisningen (`*navn`) peger på et anker, der ikke findes".to_owned())
        }
        SaphyrError::Budget { .. } => {
            (ErrorKind::Other, "filen er for stor eller for dybt indlejret til at blive læst sikkert".to_owned())
        }
        SaphyrError::InvalidUtf8Input => (ErrorKind::Other, "filen er ikke gemt som UTF-8".to_owned()),
        SaphyrError::ExternalMessage { msg, .. } => (ErrorKind::Other, scanner_message(msg)),
        other => (ErrorKind::Other, scanner_message(&first_line(&other.to_string()))),
    };
    // A tab in the indentation: the scanner may stop a line early; point at the tab itself.
    let span = if message.contains("tabulatortegn") { first_indenting_tab(text).or(span) } else { span };
    Error::new(kind, message, span)
}

/// The first tab in a line's indentation (its leading whitespace), if any.
fn first_indenting_tab(text: &str) -> Option<Span> {
    let mut start = 0;
    for (n, line) in text.split('\n').enumerate() {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if let Some(i) = indent.find('\t') {
            return Some(Span { offset: start + i, len: 1, line: n + 1, column: indent[..i].chars().count() + 1 });
        }
        start += line.len() + 1;
    }
    None
}

/// The YAML scanner's messages, in Danish where they are common.
fn scanner_message(english: &str) -> String {
    let danish = if english.contains("mapping values are not allowed") {
        "et kolon efterfulgt af mellemrum (`: `) må ikke stå inde i en værdi; sæt værdien i anførselstegn"
    } else if english.contains("illegal placement of ':'") {
        "et kolon står et sted, hvor det ikke må stå; er en liste (`[`) eller en tekst i anførselstegn ovenfor ikke afsluttet?"
    } else if english.contains("did not find expected ',' or ']'") || english.contains("unclosed bracket '['") {
        "en liste i `[ ]` er ikke afsluttet med `]`"
    } else if english.contains("did not find expected ',' or '}'") || english.contains("unclosed bracket '{'") {
        "en tabel i `{ }` er ikke afsluttet med `}`"
    } else if english.contains("found a tab") || english.contains("tabs disallowed") {
        "et tabulatortegn bruges til indrykning, men YAML kræver mellemrum; erstat tabulatortegnet med mellemrum"
    } else if english.contains("found character that cannot start any token") {
        "et tegn, der ikke kan indlede en værdi (fx et tabulatortegn til indrykning; brug mellemrum)"
    } else if english.contains("did not find expected '-' indicator") {
        "et punkt i en liste står ikke på linje med de andre (`-` forventet); tjek indrykningen"
    } else if english.contains("did not find expected key") || english.contains("block mapping") {
        "indrykningen passer ikke; nøgler i samme tabel skal stå præcis under hinanden"
    } else if english.contains("simple key expected") {
        "en nøgle er længere end 1024 tegn, eller kolonet efter den mangler"
    } else if english.contains("surrogate") {
        "en `\\u`-escape i en tekst i anførselstegn angiver en halv UTF-16-surrogat (fx `\\ud800`), som ikke er et tegn; skriv tegnet selv, eller hele parret (fx `\\ud83d\\ude00`)"
    } else if english.contains("invalid Unicode character escape") {
        "en `\\u`- eller `\\U`-escape i en tekst i anførselstegn angiver ikke et gyldigt tegn"
    } else if english.contains("expected hexadecimal number") {
        "en `\\x`-, `\\u`- eller `\\U`-escape i en tekst i anførselstegn skal efterfølges af hexadecimale cifre"
    } else if english.contains("found unknown escape character") {
        "ukendt escape-sekvens (`\\`) i en tekst i anførselstegn"
    } else if english.contains("unclosed quote") || english.contains("quoted scalar") {
        "en tekst i anførselstegn er ikke afsluttet"
    } else if english.contains("alias") || english.contains("anchor") {
        "henvisningen (`*navn`) eller ankeret (`&navn`) er ikke gyldigt"
    } else {
        // A message the translation does not know: said in Danish, with the parser's own words
        // quoted for whoever reports it.
        return format!(
            "YAML-syntaksfejl: filen kan ikke læses som YAML (parserens besked: «{}»)",
            first_line(english)
        );
    };
    format!("YAML-syntaksfejl: {danish}")
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    // saphyr prefixes "error: line L column C: " which the diagnostic shows itself.
    match line.split_once(": ") {
        Some((head, rest)) if head.starts_with("error") => rest
            .split_once(": ")
            .filter(|(pos, _)| pos.starts_with("line"))
            .map(|(_, msg)| msg.to_owned())
            .unwrap_or_else(|| rest.to_owned()),
        _ => line.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_in_the_indentation_is_said_in_danish_at_its_line() {
        for text in ["a:\n\tb: 1\n", "visioner:\n  - navn: a\n\t- navn: b\n"] {
            let err = parse_tree(text).err().unwrap();
            assert!(err.to_string().contains("tabulatortegn bruges til indrykning"), "{err}");
            let span = err.span.unwrap();
            assert_eq!(
                (span.line, span.column, &text[span.offset..span.offset + 1]),
                (text.lines().position(|l| l.starts_with('\t')).unwrap() + 1, 1, "\t")
            );
        }
    }

    #[test]
    fn unclosed_quotes_and_brackets_are_said_in_danish() {
        let message = |text: &str| parse_tree(text).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message("titel: \"abc\nregion: x\n").contains("en tekst i anførselstegn er ikke afsluttet"));
        assert!(message("a: [1, 2\n").contains("en liste i `[ ]` er ikke afsluttet"));
        assert!(message("a: {b: 1\n").contains("en tabel i `{ }` er ikke afsluttet"));
        for text in ["titel: \"abc\nregion: x\n", "a: [1, 2\n", "a: {b: 1\n"] {
            assert!(!message(text).contains("unclosed"), "{}", message(text));
        }
    }

    #[test]
    fn syntax_errors_point_at_the_byte() {
        let err = parse_tree("a: b\nc: d: e\n").unwrap_err();
        assert!(err.message.starts_with("YAML-syntaksfejl: et kolon"), "{}", err.message);
        assert_eq!(err.span.map(|s| (s.line, s.offset)), Some((2, 9)));
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let err = parse_tree("a: 1\na: 2\n").unwrap_err();
        assert_eq!(err.kind, ErrorKind::DuplicateKey);
        assert_eq!(err.span.map(|s| s.line), Some(2));
    }

    #[test]
    fn empty_documents_are_empty() {
        assert_eq!(parse_tree("").unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(parse_tree("# bare en kommentar\n").unwrap_err().kind, ErrorKind::Empty);
    }
}
