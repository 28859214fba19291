//! The places in a letter a person must complete, written `[[…]]`.

/// Opens and closes a place a person must complete.
pub(super) const OPEN: &str = "[[";
pub(super) const CLOSE: &str = "]]";

/// The `[[…]]` places in a text, in order.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        match after.find(CLOSE) {
            Some(end) => {
                found.push(after[..end].to_owned());
                rest = &after[end + CLOSE.len()..];
            }
            None => break,
        }
    }
    found
}

/// Splits text into plain parts and `[[…]]` places, for formats that mark the places.
pub(crate) fn split_placeholders(text: &str) -> Vec<(bool, &str)> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        let Some(end) = rest[start..].find(CLOSE).map(|e| start + e + CLOSE.len()) else { break };
        if start > 0 {
            parts.push((false, &rest[..start]));
        }
        parts.push((true, &rest[start..end]));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        parts.push((false, rest));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders() {
        let text = "Modtaget [[Udfyld: dato]]. Underskrevet af [[Udfyld: navn]].";
        assert_eq!(placeholders(text), ["Udfyld: dato", "Udfyld: navn"]);
        assert_eq!(split_placeholders("a [[b]] c").len(), 3);
    }
}
