//! The one-pass tree builder: the [`Node`] tree straight from the YAML parser's events
//! (granit-parser, the parser serde-saphyr itself runs on), without serde's machinery in
//! between. It takes only the plain shapes agreement files are made of and gives up – returning
//! `None`, so that the spanned deserializer reads the file instead – on anything where that
//! path could decide differently: every parser error, anchors, aliases, tags, merge keys,
//! duplicate or non-text keys, scalars whose type is not plain to see, deep nesting, many
//! nodes and a second document. What it builds is the same tree, with the same spans, as the
//! deserializer's (`tests/yaml_paths.rs` compares them on every fixture, hostile case and
//! generated document).

use std::collections::HashSet;

use granit_parser::{Event, Parser, ScalarStyle, Span as ParserSpan};

use crate::model::{Sp, Span};
use crate::tree::{Node, NodeKind};

/// Deeper than this, the deserializer (and its budget, 64 levels) decides.
const MAX_DEPTH: usize = 48;
/// More nodes than this, the deserializer (and its budget, 250,000 nodes) decides.
const MAX_NODES: usize = 100_000;
/// A mapping with more keys than this checks duplicates with a hash set.
const LINEAR_KEYS: usize = 16;

/// The tree of a one-document text made of plain shapes, or `None`.
pub(super) fn tree(text: &str) -> Option<Node> {
    let mut builder = Builder { parser: Parser::new_from_str(text), text, nodes: 0 };
    matches!(builder.next()?.0, Event::StreamStart).then_some(())?;
    matches!(builder.next()?.0, Event::DocumentStart(..)).then_some(())?;
    let first = builder.next()?;
    let root = builder.node(first, 0)?;
    matches!(builder.next()?.0, Event::DocumentEnd).then_some(())?;
    matches!(builder.next()?.0, Event::StreamEnd).then_some(())?;
    // An empty document is the deserializer's to report.
    (!matches!(root.kind, NodeKind::Null)).then_some(root)
}

struct Builder<'t> {
    parser: Parser<'t, granit_parser::StrInput<'t>>,
    text: &'t str,
    nodes: usize,
}

impl<'t> Builder<'t> {
    /// The next event; `None` on a parser error (or the end).
    fn next(&mut self) -> Option<(Event<'t>, ParserSpan)> {
        self.parser.next_event()?.ok()
    }

    fn node(&mut self, (event, at): (Event<'t>, ParserSpan), depth: usize) -> Option<Node> {
        self.nodes += 1;
        if self.nodes > MAX_NODES || depth > MAX_DEPTH {
            return None;
        }
        let span = span(&at)?;
        let kind = match event {
            Event::Scalar(value, style, 0, None) => scalar(&value, style, self.text, span)?,
            Event::SequenceStart(_, 0, None) => {
                let mut items = Vec::new();
                loop {
                    let next = self.next()?;
                    if matches!(next.0, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.node(next, depth + 1)?);
                }
                NodeKind::List(items)
            }
            Event::MappingStart(_, 0, None) => NodeKind::Map(self.entries(depth)?),
            _ => return None,
        };
        Some(Node { span, kind })
    }

    fn entries(&mut self, depth: usize) -> Option<Vec<(Sp<String>, Node)>> {
        let mut entries: Vec<(Sp<String>, Node)> = Vec::new();
        // The keys as written (before NFC), as the deserializer compares them.
        let mut written: Vec<String> = Vec::new();
        let mut seen: Option<HashSet<String>> = None;
        loop {
            let (event, at) = self.next()?;
            let key = match event {
                Event::MappingEnd => return Some(entries),
                Event::Scalar(value, style, 0, None) if is_text_key(&value, style) => value,
                _ => return None,
            };
            let duplicate = match &mut seen {
                Some(set) => !set.insert(key.to_string()),
                None => {
                    let duplicate = written.iter().any(|k| *k == *key);
                    written.push(key.to_string());
                    if written.len() > LINEAR_KEYS {
                        seen = Some(written.drain(..).collect());
                    }
                    duplicate
                }
            };
            if duplicate {
                return None;
            }
            self.nodes += 1;
            let key = Sp { span: span(&at)?, value: crate::text::nfc(&key).into_owned() };
            let value = self.next()?;
            entries.push((key, self.node(value, depth + 1)?));
        }
    }
}

/// The span the deserializer gives a value: the event's start line, its column counted from 1,
/// and its bytes.
fn span(at: &ParserSpan) -> Option<Span> {
    let (start, end) = (at.start.byte_offset()?, at.end.byte_offset()?);
    if at.start.line() == 0 {
        return None;
    }
    Some(Span { offset: start, len: end.saturating_sub(start), line: at.start.line(), column: at.start.col() + 1 })
}

/// A scalar's kind when it is plain to see; `None` when only the deserializer's typing rules
/// (YAML 1.1 booleans, other number forms) can say.
fn scalar(value: &str, style: ScalarStyle, text: &str, span: Span) -> Option<NodeKind> {
    if !matches!(style, ScalarStyle::Plain) {
        return Some(NodeKind::Scalar(value.to_owned()));
    }
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Some(NodeKind::Null),
        "true" => return Some(NodeKind::Bool(true)),
        "false" => return Some(NodeKind::Bool(false)),
        _ => {}
    }
    if is_plain_number(value) {
        let written = text.get(span.offset..span.offset + span.len)?;
        return Some(NodeKind::Number(written.to_owned()));
    }
    (is_date(value) || is_plain_word(value)).then(|| NodeKind::Scalar(value.to_owned()))
}

/// A key the deserializer reads as the same text: quoted, or plain and plainly a word.
fn is_text_key(value: &str, style: ScalarStyle) -> bool {
    !matches!(style, ScalarStyle::Plain) || is_plain_word(value)
}

/// Plain text that cannot be a null, a boolean or a number in any YAML schema the deserializer
/// knows: it starts with a letter and is not one of the words YAML gives a type.
fn is_plain_word(value: &str) -> bool {
    const TYPED: &[&str] = &["y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf", "infinity"];
    value.chars().next().is_some_and(char::is_alphabetic)
        && !(value.len() <= 8 && TYPED.iter().any(|w| value.eq_ignore_ascii_case(w)))
}

/// `0`, `12`, `-7` or `1.25`: a decimal integer or fraction without a leading zero, short
/// enough for the deserializer's 64-bit parse.
fn is_plain_number(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let decimal = |s: &str| !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit());
    decimal(whole)
        && (whole == "0" || !whole.starts_with('0'))
        && !(value.starts_with('-') && whole == "0" && fraction.is_none())
        && fraction.is_none_or(decimal)
}

/// `2024-01-01`: a date, which YAML's core schema leaves a text.
fn is_date(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_shapes_are_typed_here() {
        assert!(is_plain_number("0") && is_plain_number("12") && is_plain_number("-7") && is_plain_number("1.25"));
        for not in ["01", "-0", "1.", ".5", "1e5", "0x1F", "+1", "1_000", "1234567890123456", ""] {
            assert!(!is_plain_number(not), "{not}");
        }
        assert!(is_plain_word("Hovedstaden") && is_plain_word("Ærø") && is_plain_word("navn"));
        for not in ["yes", "No", "ON", "Off", "y", "N", "True", "NULL", "nan", ".inf", "Infinity", "<<", "1a", ""] {
            assert!(!is_plain_word(not), "{not}");
        }
        assert!(is_date("2024-01-01") && !is_date("2024-1-01") && !is_date("2024-01-011"));
    }

    #[test]
    fn anything_unusual_is_left_to_the_deserializer() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "<<: {a: 1}\n",
            "a: 1\na: 2\n",
            "1: a\n",
            "a: yes\n",
            "a: 0x10\n",
            "---\na: 1\n---\nb: 2\n",
            "a: [1, 2\n",
            "",
            "# bare en kommentar\n",
        ] {
            assert!(tree(text).is_none(), "{text:?}");
        }
        assert!(tree("titel: Sundhedsaftale 2024-2027\nversion: 1.0\nudløb: 2027-12-31\n").is_some());
    }
}
