//! Reading a document into text blocks – headings, paragraphs, list items and table rows – each
//! with where it stands: page and line for PDF and text, heading path and paragraph for Word.
//! Everything is bounded as `check` bounds an agreement: the document's size, a Word document's
//! unpacked XML, a PDF's pages and the time its text takes to extract.

use std::time::Duration;

use crate::codes::ErrorCode;
use crate::error::InputError;

/// The largest document read.
pub const MAX_DOCUMENT: usize = 32 << 20;
/// The most a Word document's main XML may unpack to (a zip bomb stops here).
pub(super) const MAX_XML: u64 = 32 << 20;
/// The most pages of a PDF read, and how long its text may take.
const MAX_PAGES: usize = 500;
const PDF_TIME: Duration = Duration::from_secs(20);
/// The most blocks kept.
pub(super) const MAX_BLOCKS: usize = 50_000;

/// Where a block stands in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Page and line (1-based), for PDF and text.
    Line { page: usize, line: usize },
    /// The headings above it and its paragraph number (1-based), for Word.
    Paragraph { headings: Vec<String>, paragraph: usize },
}

impl Place {
    /// "side 3, linje 120" or "Sundhedsaftalens fokusområder › Sammen om …, afsnit 12".
    pub fn danish(&self) -> String {
        match self {
            Place::Line { page, line } => format!("side {page}, linje {line}"),
            Place::Paragraph { headings, paragraph } if headings.is_empty() => format!("afsnit {paragraph}"),
            Place::Paragraph { headings, paragraph } => {
                let path: Vec<String> = headings.iter().map(|h| crate::text::shorten(h, 40).into_owned()).collect();
                format!("{}, afsnit {paragraph}", path.join(" › "))
            }
        }
    }
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading, with its level (1 = a section) when the document says; 0 when it is only
    /// inferred from a short line.
    Heading(u8),
    /// A paragraph (its wrapped lines joined).
    Paragraph,
    /// An item of a bulleted or numbered list.
    Item,
    /// A table row, its cells.
    Row(Vec<String>),
}

/// A piece of the document's text.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub place: Place,
}

/// A document read into blocks, and whether its headings were marked (Word styles) or inferred.
#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub blocks: Vec<Block>,
    pub styled: bool,
    /// The whole text, normalised, to check that every value found occurs in it.
    pub text: String,
}

pub(super) fn error(name: &str, message: String) -> InputError {
    InputError::file(ErrorCode::Import, name, message)
}

/// Text compared for "occurs in the document": NFKC (ligatures become letters), lower case,
/// words broken at a line end joined, whitespace collapsed.
pub fn normalise(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    let folded: String = text.nfkc().collect::<String>().to_lowercase();
    let mut joined = String::with_capacity(folded.len());
    let mut rest = folded.as_str();
    while let Some(i) = rest.find("-\n") {
        let next = &rest[i + 2..];
        let broken = next.chars().next().is_some_and(char::is_lowercase) && !suspended(next);
        joined.push_str(&rest[..i]);
        joined.push_str(if broken { "" } else { "- " });
        rest = next;
    }
    joined.push_str(rest);
    joined.replace('\u{ad}', "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a line ends a sentence or a lead-in.
fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', ';'])
}

/// A bullet's mark at the start of a line, if any; the text after it.
fn bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    // Bullets as fonts write them: Word's Symbol and Wingdings bullets reach a PDF's text as
    // private-use characters.
    for mark in ["•", "▪", "●", "◦", "–", "-", "*", "·", "\u{f0b7}", "\u{f0a7}", "\u{f0d8}", "\u{f076}", "\u{f0fc}"]
    {
        if let Some(rest) = t.strip_prefix(mark)
            && rest.starts_with(char::is_whitespace)
        {
            return Some(rest.trim());
        }
    }
    None
}

/// "Målgrupper: a og b": a line with a short label, which is neither a heading nor continued.
fn labelled(text: &str) -> bool {
    text.split_once(": ").is_some_and(|(label, _)| label.split_whitespace().count() <= 3)
}

/// A line that may be a heading: short, starts with a capital (or a section number), does not
/// end a sentence or break a word, and is not a page number.
fn heading_like(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    let first = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ').chars().next();
    !labelled(t)
        && (1..=10).contains(&words)
        && t.chars().count() <= 80
        && first.is_some_and(char::is_uppercase)
        && !t.ends_with(['.', ',', ';', '!', '?', ':', '-'])
}

/// Text lines (pages of them) into blocks: wrapped lines joined into paragraphs, a word broken
/// at a line end joined, bullets as items, short lines after a finished sentence as headings.
pub(super) fn lines_to_blocks(pages: &[String]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page.lines().collect();
        for (l, raw) in lines.iter().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.chars().all(|c| c.is_ascii_digit()) || blocks.len() >= MAX_BLOCKS {
                continue;
            }
            let place = Place::Line { page: p + 1, line: l + 1 };
            // A short line standing alone between blank lines is a heading even after a line
            // that does not end its sentence (a table's last row in a PDF's text).
            let blank = |i: Option<usize>| i.and_then(|i| lines.get(i)).is_none_or(|t| t.trim().is_empty());
            let alone = line.chars().count() <= 40 && blank(l.checked_sub(1)) && blank(Some(l + 1));
            let previous_done = alone
                || blocks.last().is_none_or(|b| matches!(b.kind, BlockKind::Heading(_)) || ends_sentence(&b.text));
            // A heading wrapped over lines (a title in a large font): the line directly below
            // goes on with it when the heading cannot end where it does.
            if let Some(b) = blocks.last_mut()
                && matches!(b.kind, BlockKind::Heading(_))
                && !blank(l.checked_sub(1))
                && heading_goes_on(&b.text, line)
            {
                join_line(&mut b.text, line);
                continue;
            }
            if let Some(item) = bullet(line) {
                blocks.push(Block { kind: BlockKind::Item, text: item.to_owned(), place });
                continue;
            }
            // After a list item, a heading-like line starts a heading: a wrapped item goes on in
            // lower case or ends its sentence.
            let after_item = blocks.last().is_some_and(|b| b.kind == BlockKind::Item);
            if (previous_done || after_item) && heading_like(line) {
                blocks.push(Block { kind: BlockKind::Heading(0), text: line.to_owned(), place });
                continue;
            }
            match blocks.last_mut() {
                // A line that goes on with the paragraph or item before it.
                Some(b)
                    if matches!(b.kind, BlockKind::Paragraph | BlockKind::Item)
                        && !ends_sentence(&b.text)
                        && !labelled(&b.text) =>
                {
                    join_line(&mut b.text, line);
                }
                _ => blocks.push(Block { kind: BlockKind::Paragraph, text: line.to_owned(), place }),
            }
        }
    }
    blocks
}

/// Whether a heading goes on in the next line: it ends with a dash, a comma or a word that
/// joins, or the next line goes on in lower case.
fn heading_goes_on(heading: &str, next: &str) -> bool {
    let last = heading.split_whitespace().last().unwrap_or("");
    heading.ends_with(['–', '-', ',', '&'])
        || ["og", "i", "for", "med", "til", "af", "om", "på"].contains(&last)
        || next.chars().next().is_some_and(char::is_lowercase)
}

/// Whether a line goes on after a suspended compound ("opgave- og ansvarsfordeling"), so the
/// hyphen before it stays.
fn suspended(next: &str) -> bool {
    let word = next.split_whitespace().next().unwrap_or("");
    ["og", "eller", "samt", "til", "som"].contains(&word)
}

/// Joins a wrapped line to its paragraph: a word broken with a hyphen at the line end is joined
/// without it when the next line goes on in lower case.
fn join_line(text: &mut String, line: &str) {
    let broken = text.ends_with('-')
        && text.chars().rev().nth(1).is_some_and(char::is_alphabetic)
        && line.chars().next().is_some_and(char::is_lowercase)
        && !suspended(line);
    if broken {
        text.pop();
    } else {
        text.push(' ');
    }
    text.push_str(line);
}

/// A PDF's text, page by page, with its ligatures as letters; bounded in pages and time, and a
/// broken file is an error, never a panic of the extractor.
pub(super) fn pdf(name: &str, bytes: &[u8]) -> Result<Vec<String>, InputError> {
    let owned = bytes.to_vec();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(&owned));
        std::panic::set_hook(quiet);
        let _ = tx.send(pages);
    });
    match rx.recv_timeout(PDF_TIME) {
        Ok(Ok(Ok(pages))) => {
            use unicode_normalization::UnicodeNormalization as _;
            Ok(pages.into_iter().take(MAX_PAGES).map(|p| p.nfkc().collect::<String>()).collect())
        }
        Ok(Ok(Err(e))) => {
            Err(error(name, format!("PDF-filens tekst kan ikke læses: {}", crate::text::shown(&e.to_string()))))
        }
        Ok(Err(_)) => Err(error(name, "PDF-filen er beskadiget og kan ikke læses".to_owned())),
        Err(_) => Err(error(name, format!("PDF-filens tekst kunne ikke læses på {} sekunder", PDF_TIME.as_secs()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(BlockKind, String)> {
        lines_to_blocks(&[text.to_owned()]).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn a_pdfs_known_gaps_ligatures_and_words_broken_at_a_line_end() {
        // pdf-extract gives "ﬁ" as one character; NFKC makes it two letters.
        use unicode_normalization::UnicodeNormalization as _;
        let page: String = "Eﬀektiv ressourceudnyttelse og ﬁre ﬂere mål.".nfkc().collect();
        assert_eq!(page, "Effektiv ressourceudnyttelse og fire flere mål.");
        assert_eq!(
            blocks("Vi samarbejder om sårbare gravide og små-\nbørnsfamilier i hele regionen."),
            [(BlockKind::Paragraph, "Vi samarbejder om sårbare gravide og småbørnsfamilier i hele regionen.".into())]
        );
        // A hyphen before a capital or "og" is kept: "opgave- og ansvarsfordeling".
        assert_eq!(
            blocks("Vi har en klar opgave-\nog ansvarsfordeling mellem parterne.")[0].1,
            "Vi har en klar opgave- og ansvarsfordeling mellem parterne."
        );
        assert_eq!(normalise("små-\nbørnsfamilier  I\u{ad}ndsats"), "småbørnsfamilier indsats");
    }

    #[test]
    fn symbol_bullets_a_wrapped_title_and_a_heading_after_a_table_row() {
        let text = "Sundhedsaftalen 2024-2027 –\nNærhed og sammenhæng\n\nVores mål:\n\n\u{f0b7} Flere lever sundt.\n\n\
                    Klynge Nord Regionshospital,\nHjørring Læsø\n\nOpfølgning\n\nVi følger op.";
        assert_eq!(
            blocks(text),
            [
                (BlockKind::Heading(0), "Sundhedsaftalen 2024-2027 – Nærhed og sammenhæng".into()),
                (BlockKind::Paragraph, "Vores mål:".into()),
                (BlockKind::Item, "Flere lever sundt.".into()),
                (BlockKind::Paragraph, "Klynge Nord Regionshospital, Hjørring Læsø".into()),
                (BlockKind::Heading(0), "Opfølgning".into()),
                (BlockKind::Paragraph, "Vi følger op.".into()),
            ]
        );
    }
}
