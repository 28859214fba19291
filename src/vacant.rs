//! Places left to fill (`[[Udfyld: …]]`, as `aftale init` writes them) are not content. Before
//! any rule reads the agreement, a text holding such a place is emptied, and a list item that
//! holds nothing but places is dropped; the places are kept, so a finding can list them.

use crate::model::Span;
use crate::tree::{Node, NodeKind};

/// A place left to fill, where it stands and what it says.
#[derive(Debug, Clone)]
pub struct Vacancy {
    pub span: Span,
    /// The key path in the file (`fokusområder[1].mål[1].tekst`).
    pub path: String,
    /// The place's words (`Udfyld: et fælles, forpligtende mål`).
    pub words: String,
}

/// Whether a text is, or holds, a place left to fill.
pub fn holds_place(text: &str) -> bool {
    // Called on every text of the file: a byte search for `[` first, as most texts have none.
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'[', bytes)
        .find(|&at| bytes.get(at + 1) == Some(&b'['))
        .is_some_and(|start| text[start..].contains("]]"))
}

/// Whether any value parsed from this file's text can hold a place. A value's `[[` stands in the
/// text as it is, unless a double-quoted escape (`\x5B`, or `\` at a line's end) made it: a file
/// with neither needs no walk (most files, and the walk visits every node).
pub fn may_hold_places(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"[[").is_some() || memchr::memchr(b'\\', text.as_bytes()).is_some()
}

/// Empties the places in the tree, and returns them in the file's order.
pub fn vacate(tree: &mut Node) -> Vec<Vacancy> {
    let mut found = Vec::new();
    walk(tree, &mut String::new(), &mut found);
    found
}

fn words(text: &str) -> String {
    let start = text.find("[[").map_or(0, |s| s + 2);
    let end = text[start..].find("]]").map_or(text.len(), |e| start + e);
    crate::text::shorten(text[start..end].trim(), 200).into_owned()
}

/// Empties the places under `node`; true when nothing but places (and empty values) was there.
/// `path` is the node's key path, extended and restored in place as the walk goes down.
fn walk(node: &mut Node, path: &mut String, found: &mut Vec<Vacancy>) -> bool {
    use std::fmt::Write as _;
    match &mut node.kind {
        NodeKind::Scalar(s) if holds_place(s) => {
            found.push(Vacancy { span: node.span, path: path.clone(), words: words(s) });
            *s = String::new();
            true
        }
        NodeKind::List(items) => {
            let mut vacant = Vec::with_capacity(items.len());
            let len = path.len();
            for (i, item) in items.iter_mut().enumerate() {
                let _ = write!(path, "[{}]", i + 1);
                vacant.push(walk(item, path, found));
                path.truncate(len);
            }
            if vacant.contains(&true) {
                let mut flags = vacant.into_iter();
                items.retain(|_| !flags.next().unwrap_or(false));
            }
            false
        }
        NodeKind::Map(entries) => {
            let mut any_place = false;
            let mut only_places = true;
            let len = path.len();
            for (key, value) in entries.iter_mut() {
                if len > 0 {
                    path.push('.');
                }
                path.push_str(&key.value);
                let before = found.len();
                let vacant = walk(value, path, found);
                path.truncate(len);
                any_place |= found.len() > before;
                only_places &= vacant || is_empty(value);
            }
            any_place && only_places
        }
        _ => false,
    }
}

/// Nothing there: null, an empty text or an empty list.
fn is_empty(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Null => true,
        NodeKind::Scalar(s) => s.trim().is_empty(),
        NodeKind::List(items) => items.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_emptied_and_items_of_places_dropped() {
        let mut tree = crate::yaml::parse_tree(
            "titel: \"[[Udfyld: titel]]\"\nvisioner:\n  - navn: \"[[Udfyld: en vision]]\"\n  - navn: Lighed\n\
             datakilder: [\"[[Udfyld: en kilde]]\", LUP]\n",
        )
        .unwrap();
        let places = vacate(&mut tree);
        assert_eq!(places.len(), 3);
        assert_eq!(places[0].path, "titel");
        assert_eq!(places[1].path, "visioner[1].navn");
        assert_eq!(places[1].words, "Udfyld: en vision");
        assert_eq!(tree.get("titel").and_then(Node::text), Some(""));
        assert_eq!(tree.get("visioner").map(|v| v.children().len()), Some(1));
        assert_eq!(tree.get("datakilder").map(|v| v.children().len()), Some(1));
        assert!(holds_place("a [[Bekræft]] b") && !holds_place("a [b] ]] [["));
    }

    #[test]
    fn a_place_made_by_an_escape_is_still_looked_for() {
        for text in ["titel: \"\\x5B\\x5BUdfyld: titel]]\"\n", "titel: \"[\\\n  [Udfyld: titel]]\"\n"] {
            let mut tree = crate::yaml::parse_tree(text).unwrap();
            assert!(may_hold_places(text), "{text}");
            assert_eq!(vacate(&mut tree).len(), 1, "{text}");
        }
        assert!(!may_hold_places("titel: Sundhedsaftale [2024] ]]\n"));
    }
}
