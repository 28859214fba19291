//! Text from the input, made fit to show. Every byte of an agreement file, a configuration or a
//! file name is untrusted: before it reaches a terminal, a CI log or a document it is made
//! visible (control characters, bidi overrides and line separators become escapes such as
//! `\u{1b}`) and, where it is echoed in a message or a label, shortened. Each output format adds
//! its own escaping on top (Markdown, XML, workflow commands); this module is what they share.

use std::borrow::Cow;
use std::fmt;

/// How many characters of a value a message or a label echoes.
pub const VALUE_CHARS: usize = 80;

/// How many characters of a value that is long by nature (a legal citation, a title, a reason)
/// a message echoes.
pub const LONG_VALUE_CHARS: usize = 200;

/// How many characters a label under a snippet may have (its values already shortened).
pub const LABEL_CHARS: usize = 160;

/// How many characters a whole message may have.
pub const MESSAGE_CHARS: usize = 2_000;

/// How many items of a list a message names.
pub const LIST_ITEMS: usize = 20;

/// Whether a character must not reach a terminal or a document as it is: C0 and C1 controls
/// (ESC, CR, NUL, NEL, …), DEL, the bidi embeddings, overrides, isolates and marks, the line and
/// paragraph separators, the byte-order mark, and the noncharacters XML forbids.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
    )
}

/// The text with every CI command sequence a runner acts on anywhere in a line – Azure DevOps'
/// `##vso[…]` and `##[…]` – made inert: the second `#` becomes a full-width `＃`. The program's
/// standard output and error do this to everything; a format whose lines have a length limit
/// (the calendar) does it before it folds them.
pub fn inert(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let is_command = |i: usize| {
        let rest = &bytes[i..];
        rest.starts_with(b"##[")
            || (rest.len() >= 6 && rest.starts_with(b"##") && rest[2..6].eq_ignore_ascii_case(b"vso["))
    };
    if !text.contains("##") || !(0..bytes.len()).any(is_command) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    for i in 0..bytes.len() {
        if bytes[i] == b'#' && i >= last && is_command(i) {
            out.push_str(&text[last..i]);
            out.push_str("#＃");
            last = i + 2;
        }
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// The text with every unsafe character written as a Rust-style escape (`\n`, `\t`, `\r`,
/// `\u{1b}`), so it shows as what it is and does nothing. Text without such characters is
/// returned as it is.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape_where(text, C0::All, is_unsafe)
}

/// Like [`visible`], but keeps line breaks (`\n`): for text of our own with input inside, where
/// each input part has already been made visible.
pub fn visible_keep_lines(text: &str) -> Cow<'_, str> {
    escape_where(text, C0::ButLineBreaks, |c| c != '\n' && is_unsafe(c))
}

/// Which C0 controls [`holds_unsafe`] looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum C0 {
    All,
    ButLineBreaks,
    None,
}

/// Whether the text holds a character [`is_unsafe`] picks, read from the UTF-8 bytes (most text
/// holds none, and this is much faster than decoding it). `c0` says which C0 controls count.
/// A test checks every character against [`is_unsafe`].
pub(crate) fn holds_unsafe(text: &str, c0: C0) -> bool {
    const CHUNK: usize = 64;
    let bytes = text.as_bytes();
    // The C0 controls looked for are the bytes below `below`, but `but`.
    let (below, but) = match c0 {
        C0::All => (0x20, 0xff),
        C0::ButLineBreaks => (0x20, b'\n'),
        C0::None => (0, 0xff),
    };
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let exact = |i: usize, b: u8| match b {
        0..=0x1f => b < below && b != but,
        0x7f => true,
        // C1 controls, U+0080–U+009F.
        0xc2 => (0x80..=0x9f).contains(&at(i + 1)),
        // U+061C, the Arabic letter mark.
        0xd8 => at(i + 1) == 0x9c,
        // U+200E, U+200F, U+2028–U+202E, U+2066–U+2069.
        0xe2 => matches!((at(i + 1), at(i + 2)), (0x80, 0x8e | 0x8f | 0xa8..=0xae) | (0x81, 0xa6..=0xa9)),
        // U+FEFF, U+FFFE, U+FFFF.
        0xef => matches!((at(i + 1), at(i + 2)), (0xbb, 0xbf) | (0xbf, 0xbe | 0xbf)),
        _ => false,
    };
    // A branch-free look at each chunk for the bytes that can start one (the compiler makes it
    // a vector loop); only a chunk that has one is read byte by byte.
    let candidate =
        |b: u8| ((b < below) & (b != but)) | (b == 0x7f) | (b == 0xc2) | (b == 0xd8) | (b == 0xe2) | (b == 0xef);
    bytes.chunks(CHUNK).enumerate().any(|(n, chunk)| {
        chunk.iter().fold(false, |seen, &b| seen | candidate(b))
            && chunk.iter().enumerate().any(|(i, &b)| exact(n * CHUNK + i, b))
    })
}

/// The text with the characters `escape` picks written as escapes; `escape` must pick only
/// characters [`is_unsafe`] picks, and none of the C0 controls `c0` leaves out.
fn escape_where(text: &str, c0: C0, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    use std::fmt::Write as _;
    if !holds_unsafe(text, c0) || !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !escape(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

/// The text cut to at most `max` characters, ending in "…" when cut.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    // No more bytes than `max` is no more characters either: most texts, without counting.
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let keep = max.saturating_sub(1);
            let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
            Cow::Owned(format!("{}…", &text[..end]))
        }
    }
}

/// A value from the input as a message or a label echoes it: shortened to [`VALUE_CHARS`] and
/// made visible. `format!("«{}»", shown(name))`.
pub fn shown(text: &str) -> String {
    visible(&shorten(text, VALUE_CHARS)).into_owned()
}

/// Like [`shown`], for values that are long by nature: [`LONG_VALUE_CHARS`].
pub fn shown_long(text: &str) -> String {
    visible(&shorten(text, LONG_VALUE_CHARS)).into_owned()
}

/// A label's whole text: made visible and cut to [`LABEL_CHARS`].
pub fn label(text: &str) -> String {
    visible(&shorten(text, LABEL_CHARS)).into_owned()
}

/// A whole message: made visible (keeping our own line breaks) and cut to [`MESSAGE_CHARS`].
pub fn message(text: &str) -> String {
    visible_keep_lines(&shorten(text, MESSAGE_CHARS)).into_owned()
}

/// [`message`] in place: a text that needs nothing of it (most) is left as it is.
pub fn make_message(text: &mut String) {
    if text.len() > MESSAGE_CHARS || holds_unsafe(text, C0::ButLineBreaks) {
        *text = message(text);
    }
}

/// The text in Unicode's composed form (NFC), for comparing names and keys: "Tårnby" typed
/// with a combining ring is the same name. Output keeps the author's own form.
pub fn nfc(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    // Characters up to U+00FF (lead bytes below C4) are all in NFC and compose with nothing
    // before them.
    if text.bytes().all(|b| b < 0xc4) {
        return Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// A name as compared: NFC and without surrounding spaces.
pub fn name_key(text: &str) -> Cow<'_, str> {
    nfc(text.trim())
}

/// At most [`LIST_ITEMS`] items, the last saying how many more there are.
pub fn capped(mut items: Vec<String>) -> Vec<String> {
    if items.len() > LIST_ITEMS {
        let more = items.len() - (LIST_ITEMS - 1);
        items.truncate(LIST_ITEMS - 1);
        items.push(format!("{} flere", crate::danish::number(more)));
    }
    items
}

/// A file name as shown: visible (a line break in it is `\n`, so it cannot end a line). Where it
/// starts a line, [`line_start`] guards it too.
pub struct FileName<'a>(pub &'a str);

impl fmt::Display for FileName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(self.0))
    }
}

/// Text that starts a line of output, made safe to do so: `::` (GitHub workflow commands) and
/// `#` (Markdown headings, `##vso[` and `##[` commands) at its start are broken with a leading
/// space.
pub fn line_start(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim_start();
    if trimmed.starts_with("::") || trimmed.starts_with('#') {
        Cow::Owned(format!(" {text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A value as Markdown text that stays text: every character CommonMark or GitHub's extensions
/// give a meaning inline (emphasis, code, links, images, raw HTML, entities, tables,
/// strikethrough) is backslash-escaped, line breaks become spaces, and what would start a block
/// at the beginning of a line (a heading, a quote, a bullet, a setext underline, an indented
/// code block) is escaped too, wherever the value lands. A leading "2024." is left alone: at
/// worst it numbers a list, and dates would read badly as "20\. februar". The result is also
/// [`visible`].
pub fn markdown(text: &str) -> String {
    let flat: String = text.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }).collect();
    let flat = visible(flat.trim_start());
    let mut out = String::with_capacity(flat.len() + 8);
    for (i, c) in flat.chars().enumerate() {
        // `:` too: a line of a report printed in a CI log must not start a workflow command.
        let block_start = i == 0 && matches!(c, '#' | '>' | '-' | '+' | '=' | '~' | ':');
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '#' | '!' | '~' | '$')
            || block_start
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The characters XML 1.0 allows in text: everything else (C0 controls but tab, line feed and
/// carriage return; U+FFFE and U+FFFF) is written as a visible escape instead.
pub fn xml(text: &str) -> Cow<'_, str> {
    escape_where(
        text,
        C0::All,
        |c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'),
    )
}

/// JSON text (already serialized) with the characters serde_json leaves raw but a terminal or a
/// browser would act on (C1 controls, bidi controls, line separators) written as `\uXXXX`.
/// Those can only occur inside JSON strings, where the escape means the same character.
pub fn json(serialized: String) -> String {
    // C0 controls inside strings are already escaped by serde_json; the ones left are the
    // layout's own line breaks and indentation. What is left to escape is DEL and above.
    let needs = |c: char| c as u32 >= 0x7f && is_unsafe(c);
    if !holds_unsafe(&serialized, C0::None) {
        return serialized;
    }
    let mut out = String::with_capacity(serialized.len() + 16);
    for c in serialized.chars() {
        if needs(c) {
            use std::fmt::Write as _;
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod inert_tests {
    use super::inert;

    #[test]
    fn ci_commands_are_inert_anywhere() {
        assert_eq!(inert("a ##vso[task.x]b ##[error]c"), "a #＃vso[task.x]b #＃[error]c");
        assert_eq!(inert("## Overskrift #3"), "## Overskrift #3");
        assert_eq!(inert("###[x]"), "##＃[x]");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_made_in_place_is_the_message() {
        let long = "æ".repeat(MESSAGE_CHARS + 5);
        for text in ["plain", "two\nlines", "ESC \u{1b}[31m", "bidi \u{202e}", "\ttab", long.as_str()] {
            let mut made = text.to_owned();
            make_message(&mut made);
            assert_eq!(made, message(text), "{text:?}");
        }
    }

    #[test]
    fn reading_the_bytes_finds_exactly_the_unsafe_characters() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(holds_unsafe(&text, C0::All), is_unsafe(c), "U+{:04X}", c as u32);
            assert_eq!(holds_unsafe(&text, C0::ButLineBreaks), is_unsafe(c) && c != '\n', "U+{:04X}", c as u32);
            assert_eq!(holds_unsafe(&text, C0::None), is_unsafe(c) && c >= ' ', "U+{:04X}", c as u32);
        }
        assert!(!holds_unsafe("Tårnby «Fælles» 2024–2027 …", C0::All));
        assert!(!holds_unsafe("to linjer\nmed linjeskift", C0::ButLineBreaks));
    }

    #[test]
    fn latin_1_text_is_already_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let latin: String = ('\u{0}'..='\u{ff}').collect();
        assert_eq!(latin.nfc().collect::<String>(), latin);
    }

    #[test]
    fn controls_and_bidi_become_visible() {
        assert_eq!(visible("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(visible("ok\rKan godkendes"), "ok\\rKan godkendes");
        assert_eq!(visible("x\u{202e}y\u{2066}z\u{85}"), "x\\u{202e}y\\u{2066}z\\u{85}");
        assert_eq!(visible("Tårnby"), "Tårnby");
        assert!(matches!(visible("Tårnby"), Cow::Borrowed(_)));
        assert_eq!(visible_keep_lines("a\nb\u{7}"), "a\nb\\u{7}");
    }

    #[test]
    fn values_are_shortened_on_a_character_boundary() {
        assert_eq!(shorten("æøå", 3), "æøå");
        assert_eq!(shorten("æøåæ", 3), "æø…");
        assert_eq!(shown(&"x".repeat(1000)).chars().count(), VALUE_CHARS);
    }

    #[test]
    fn decomposed_names_compare_equal() {
        assert_eq!(nfc("Ta\u{30a}rnby"), "Tårnby");
        assert_eq!(name_key("  Tårnby "), "Tårnby");
    }

    #[test]
    fn lists_say_how_many_more() {
        let items: Vec<String> = (0..100).map(|i| i.to_string()).collect();
        let capped = capped(items);
        assert_eq!(capped.len(), LIST_ITEMS);
        assert_eq!(capped.last().unwrap(), "81 flere");
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw() {
        let text = serde_json::to_string("a\u{9b}b\u{202e}c\u{1b}").unwrap();
        let safe = json(text);
        assert_eq!(safe, "\"a\\u009bb\\u202ec\\u001b\"");
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), "a\u{9b}b\u{202e}c\u{1b}");
    }

    #[test]
    fn markdown_values_stay_text() {
        assert_eq!(
            markdown("<script>x</script> & *y* [z](javascript:u)"),
            "\\<script\\>x\\</script\\> \\& \\*y\\* \\[z\\](javascript:u)"
        );
        assert_eq!(markdown("a\n# b"), "a \\# b");
        assert_eq!(markdown("# Overskrift"), "\\# Overskrift");
        assert_eq!(markdown("- punkt"), "\\- punkt");
        assert_eq!(markdown(" ::error::x"), "\\::error::x");
        assert_eq!(markdown("Region Hovedstaden 2024-2027"), "Region Hovedstaden 2024-2027");
        assert_eq!(markdown("![billede](x.png) | a"), "\\!\\[billede\\](x.png) \\| a");
        assert_eq!(markdown("    kode"), "kode");
    }

    #[test]
    fn xml_text_has_only_allowed_characters() {
        assert_eq!(xml("a\u{0}b\u{ffff}\tc"), "a\\u{0}b\\u{ffff}\tc");
    }

    #[test]
    fn lines_cannot_start_a_workflow_command() {
        assert_eq!(line_start("::error::x"), " ::error::x");
        assert_eq!(line_start("Sundhedsaftale"), "Sundhedsaftale");
    }
}
