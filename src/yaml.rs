//! All YAML parsing goes through this module, so the parser can be swapped in one place.
//!
//! The parser is `serde-saphyr`: `serde_yaml` is archived upstream and gives no spans on values,
//! while saphyr's `Spanned<T>` gives each value its line, column and byte span. Its errors are
//! structured, so they are turned here into Danish messages that point at the line.

use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde_saphyr::{Error, Location, Spanned};

use crate::model::{Sp, Span};

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<T>::deserialize(deserializer)?;
        Ok(Sp {
            span: to_span(spanned.referenced).unwrap_or_default(),
            value: spanned.value,
        })
    }
}

/// What went wrong while reading a YAML document, in Danish, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub message: String,
    pub span: Option<Span>,
}

/// The kinds of YAML errors the loader treats specially.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlErrorKind {
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

/// Parses one YAML document into `T`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str(text).map_err(|err| translate(&err, text))
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

fn translate(err: &Error, text: &str) -> YamlError {
    let span = err.location().and_then(|l| to_span_in(l, text));
    let (kind, message) = match err {
        Error::WithSnippet { error, .. } => return translate(error, text),
        #[allow(deprecated)]
        Error::AliasError { error, .. } => return translate(error, text),
        Error::SerdeUnknownField { field, expected, .. } => (
            YamlErrorKind::UnknownKey { key: field.clone(), expected: expected.clone() },
            format!("ukendt nøgle `{field}`"),
        ),
        Error::SerdeUnknownVariant { variant, expected, .. } => (
            YamlErrorKind::UnknownWord { word: variant.clone(), expected: expected.clone() },
            format!("ukendt værdi `{variant}`"),
        ),
        Error::SerdeMissingField { field, .. } => (
            YamlErrorKind::MissingKey,
            format!("nøglen `{field}` mangler"),
        ),
        Error::DuplicateMappingKey { key, .. } => (
            YamlErrorKind::DuplicateKey,
            match key {
                Some(key) => format!("nøglen `{key}` står to gange"),
                None => "den samme nøgle står to gange".to_owned(),
            },
        ),
        Error::Eof { .. } => (YamlErrorKind::Empty, "filen er tom".to_owned()),
        Error::Message { msg, .. } => (YamlErrorKind::Other, msg.clone()),
        Error::SerdeInvalidType { unexpected, expected, .. } => (
            YamlErrorKind::Other,
            format!("her står {}, men der skal stå {}", what(unexpected), what(expected)),
        ),
        Error::SerdeInvalidValue { unexpected, expected, .. } => (
            YamlErrorKind::Other,
            format!("ugyldig værdi {}; der skal stå {}", what(unexpected), what(expected)),
        ),
        Error::Unexpected { expected, .. } => (
            YamlErrorKind::Other,
            format!("der skal stå {} her", what(expected)),
        ),
        Error::InvalidScalar { ty, .. } => (
            YamlErrorKind::Other,
            format!("værdien kan ikke læses som {}", what(ty)),
        ),
        Error::NullIntoString { .. } => (
            YamlErrorKind::Other,
            "værdien er tom, men der skal stå en tekst".to_owned(),
        ),
        Error::InvalidBooleanStrict { .. } => (
            YamlErrorKind::Other,
            "der skal stå `true` eller `false`".to_owned(),
        ),
        Error::MultipleDocuments { .. } => (
            YamlErrorKind::Other,
            "filen indeholder flere YAML-dokumenter (adskilt af `---`); en fil beskriver én aftale"
                .to_owned(),
        ),
        Error::UnknownAnchor { .. } => (
            YamlErrorKind::Other,
            "henvisningen (`*navn`) peger på et anker, der ikke findes".to_owned(),
        ),
        Error::Budget { .. } => (
            YamlErrorKind::Other,
            "filen er for stor eller for dybt indlejret til at blive læst sikkert".to_owned(),
        ),
        Error::InvalidUtf8Input => (
            YamlErrorKind::Other,
            "filen er ikke gemt som UTF-8".to_owned(),
        ),
        Error::ExternalMessage { msg, .. } => (YamlErrorKind::Other, scanner_message(msg)),
        other => (
            YamlErrorKind::Other,
            format!("YAML-syntaksfejl ({})", first_line(&other.to_string())),
        ),
    };
    YamlError { kind, message, span }
}

/// Serde and the parser describe types in English; say it in Danish where we know the words.
fn what(english: &str) -> String {
    let trimmed = english.trim();
    let danish = match trimmed {
        "a string" | "string" | "string scalar" | "a borrowed string" => "en tekst",
        "a sequence" | "sequence" | "sequence start" => "en liste",
        "a map" | "map" | "mapping" | "mapping start" => "en tabel (`nøgle: værdi`)",
        "a boolean" | "bool" | "boolean" => "`true` eller `false`",
        "unit value" | "null" => "en tom værdi",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
        | "u32 integer" | "integer" => "et helt tal",
        "f32" | "f64" | "floating point" => "et tal",
        "scalar" | "a scalar" => "en enkelt værdi",
        _ => {
            if let Some(rest) = trimmed.strip_prefix("integer `") {
                return format!("tallet {}", rest.trim_end_matches('`'));
            }
            if let Some(rest) = trimmed.strip_prefix("string ") {
                return format!("teksten {rest}");
            }
            if let Some(rest) = trimmed.strip_prefix("boolean `") {
                return format!("`{}", rest);
            }
            return trimmed.to_owned();
        }
    };
    danish.to_owned()
}

/// The YAML scanner's messages, in Danish where they are common.
fn scanner_message(english: &str) -> String {
    let danish = if english.contains("mapping values are not allowed") {
        "et kolon efterfulgt af mellemrum (`: `) må ikke stå inde i en værdi; sæt værdien i anførselstegn"
    } else if english.contains("did not find expected ',' or ']'") {
        "en liste i `[ ]` er ikke afsluttet med `]`"
    } else if english.contains("did not find expected ',' or '}'") {
        "en tabel i `{ }` er ikke afsluttet med `}`"
    } else if english.contains("found character that cannot start any token") {
        "et tegn, der ikke kan indlede en værdi (fx et tabulatortegn til indrykning; brug mellemrum)"
    } else if english.contains("did not find expected key") || english.contains("block mapping") {
        "indrykningen passer ikke; nøgler i samme tabel skal stå præcis under hinanden"
    } else if english.contains("found unknown escape character") {
        "ukendt escape-sekvens (`\\`) i en tekst i anførselstegn"
    } else if english.contains("quoted scalar") {
        "en tekst i anførselstegn er ikke afsluttet"
    } else if english.contains("alias") {
        "henvisningen (`*navn`) er ikke gyldig"
    } else {
        return format!("YAML-syntaksfejl ({})", first_line(english));
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
    use crate::model::Date;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        dato: Sp<Date>,
    }

    #[test]
    fn unknown_key_names_the_key_and_its_line() {
        let err = parse::<Doc>("dato: 2024-01-01\ndatoo: 2024-01-01\n").unwrap_err();
        assert_eq!(err.message, "ukendt nøgle `datoo`");
        assert_eq!(err.span.map(|s| s.line), Some(2));
    }

    #[test]
    fn impossible_date_points_at_the_value() {
        let err = parse::<Doc>("dato: 2023-02-30\n").unwrap_err();
        assert!(err.message.contains("2023-02-30"), "{}", err.message);
        let span = err.span.unwrap();
        assert_eq!((span.line, span.column, span.offset), (1, 7, 6));
    }

    #[test]
    fn spans_are_byte_offsets() {
        let doc: Doc = parse("# æøå\ndato: 2024-01-01\n").unwrap();
        assert_eq!(doc.dato.span.offset, "# æøå\ndato: ".len());
        assert_eq!(doc.dato.span.len, 10);
    }
}
