//! serde_json's pretty layout, started at a given depth: a file's object goes into the run
//! object's `files` list as it is serialized, instead of being re-indented line by line.

use std::io::{self, Write};

use serde::Serialize;

/// Serialized as `serde_json::to_string_pretty` would, then passed through `text::json`, with
/// every line after the first indented `depth` levels (two spaces each) more: as the value
/// stands when nested that deep. Plain structs of strings and numbers always serialize.
pub fn pretty_at(value: &impl Serialize, depth: usize) -> String {
    let mut out = Vec::with_capacity(16 * 1024);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Layout { depth, open: 0, has_value: false });
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    // One search of the whole text is cheaper than one per string: most texts need nothing.
    crate::text::json(String::from_utf8(out).unwrap_or_default())
}

/// The layout of serde_json's `PrettyFormatter` (two spaces a level), `depth` levels in.
struct Layout {
    depth: usize,
    /// Arrays and objects open.
    open: usize,
    /// Whether the array or object just closed had an element.
    has_value: bool,
}

impl Layout {
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        writer.write_all(b"\n")?;
        let mut left = 2 * (self.depth + self.open);
        while left > 0 {
            let n = left.min(SPACES.len());
            writer.write_all(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.open += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.open -= 1;
        if self.has_value {
            self.new_line(writer)?;
        }
        writer.write_all(bracket)
    }

    fn element<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        self.new_line(writer)
    }
}

impl serde_json::ser::Formatter for Layout {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.element(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.element(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::pretty_at;

    /// The old way: serialize, escape, re-indent.
    fn reference(value: &serde_json::Value, depth: usize) -> String {
        let text = crate::text::json(serde_json::to_string_pretty(value).unwrap());
        text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
    }

    #[test]
    fn lays_out_as_serde_json_does_nested() {
        let value = serde_json::json!({
            "a": [], "b": {}, "c": [[], {}, [1, [2, {"x": null}]]], "d": "tekst\u{202e}\u{85}æ\n\"",
            "e": {"f": {"g": [true, false, 1.5, -3]}}, "h": "é".repeat(70)
        });
        for depth in [0, 1, 2, 40] {
            assert_eq!(pretty_at(&value, depth), reference(&value, depth), "depth {depth}");
        }
        for scalar in [serde_json::json!(null), serde_json::json!("x"), serde_json::json!([])] {
            assert_eq!(pretty_at(&scalar, 2), reference(&scalar, 2));
        }
    }
}
