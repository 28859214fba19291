//! What went wrong reading a file into the typed model: a Danish message, its kind, and where.

use std::fmt;

use serde::de;

use crate::model::Span;

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
    pub(super) fn at(mut self, span: Span) -> Self {
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
pub(super) fn expected(english: &str) -> String {
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
