//! A Word document (.docx) read into blocks: the zip opened and its main XML unpacked within a
//! bound (a zip bomb stops there), the XML read as a stream (quick-xml), paragraphs with their
//! heading and list styles, and tables' rows.

use std::io::Read as _;

use super::read::{Block, BlockKind, MAX_BLOCKS, MAX_XML, Place, error, lines_to_blocks};
use crate::error::InputError;

/// A Word document: its paragraphs with their heading and list styles, and its tables' rows.
pub(super) fn read(name: &str, bytes: &[u8]) -> Result<(Vec<Block>, bool), InputError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| error(name, "Word-dokumentet kan ikke åbnes (ikke en gyldig .docx)".to_owned()))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| error(name, "Word-dokumentet har ingen tekst (word/document.xml mangler)".to_owned()))?;
    let mut xml = Vec::new();
    entry
        .take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|_| error(name, "Word-dokumentets tekst kan ikke pakkes ud".to_owned()))?;
    if xml.len() as u64 > MAX_XML {
        return Err(error(name, format!("Word-dokumentets tekst fylder mere end {} MB udpakket", MAX_XML >> 20)));
    }
    let paragraphs =
        docx_paragraphs(&xml).map_err(|e| error(name, format!("Word-dokumentets XML kan ikke læses: {e}")))?;
    let styled = paragraphs.iter().any(|p| p.heading.is_some());
    if !styled {
        // No heading styles: the text alone, as a PDF's.
        let text: Vec<String> = vec![
            paragraphs
                .iter()
                .map(|p| match &p.cells {
                    Some(cells) => cells.join(" | "),
                    None => p.text.clone(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ];
        let mut blocks = lines_to_blocks(&text);
        // Table rows are rows, whatever the text heuristics made of them.
        let rows = paragraphs.iter().filter_map(|p| p.cells.clone());
        for (b, cells) in blocks.iter_mut().filter(|b| b.text.contains(" | ")).zip(rows) {
            b.kind = BlockKind::Row(cells);
        }
        return Ok((blocks, false));
    }
    let mut blocks = Vec::new();
    let mut path: Vec<(u8, String)> = Vec::new();
    for (i, p) in paragraphs.into_iter().enumerate().take(MAX_BLOCKS) {
        // A heading stands under the headings above its level.
        if let (Some(level), None) = (p.heading, &p.cells) {
            path.retain(|(l, _)| *l < level);
        }
        let place = Place::Paragraph { headings: path.iter().map(|(_, t)| t.clone()).collect(), paragraph: i + 1 };
        let kind = match (p.heading, p.cells) {
            (_, Some(cells)) => BlockKind::Row(cells),
            (Some(level), None) => {
                path.push((level, p.text.clone()));
                BlockKind::Heading(level)
            }
            (None, None) if p.list => BlockKind::Item,
            (None, None) => BlockKind::Paragraph,
        };
        if p.text.trim().is_empty() && !matches!(kind, BlockKind::Row(_)) {
            continue;
        }
        blocks.push(Block { kind, text: p.text.trim().to_owned(), place });
    }
    Ok((blocks, true))
}

/// One paragraph (or table row) of a Word document.
struct DocxParagraph {
    text: String,
    heading: Option<u8>,
    list: bool,
    cells: Option<Vec<String>>,
}

/// The heading level a paragraph style names ("Heading1", "Overskrift2", "heading 3", "Title").
fn heading_level(style: &str) -> Option<u8> {
    let lower = style.to_lowercase().replace(' ', "");
    if lower == "title" || lower == "titel" {
        return Some(1);
    }
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("overskrift"))?;
    rest.parse::<u8>().ok().filter(|l| (1..=9).contains(l))
}

fn docx_paragraphs(xml: &[u8]) -> Result<Vec<DocxParagraph>, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let (mut text, mut heading, mut list, mut in_text) = (String::new(), None, false, false);
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<String> = None;
    let mut depth = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) => {
                depth += 1;
                if depth > 512 {
                    return Err("XML'en er indlejret for dybt".to_owned());
                }
                match e.local_name().as_ref() {
                    b"p" => (text, heading, list) = (String::new(), None, false),
                    b"numPr" => list = true,
                    b"t" => in_text = true,
                    b"tr" => row = Some(Vec::new()),
                    b"tc" => cell = Some(String::new()),
                    _ => {}
                }
            }
            Event::Empty(e) => match e.local_name().as_ref() {
                b"pStyle" => {
                    let style = e.attributes().flatten().find(|a| a.key.local_name().as_ref() == b"val");
                    if let Some(a) = style {
                        let value = String::from_utf8_lossy(&a.value).into_owned();
                        heading = heading_level(&value);
                        list |= value.to_lowercase().contains("list");
                    }
                }
                b"numPr" => list = true,
                b"tab" => text.push(' '),
                b"br" => text.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let decoded = t.decode().map_err(|e| e.to_string())?;
                let unescaped = quick_xml::escape::unescape(&decoded).map_err(|e| e.to_string())?;
                text.push_str(&unescaped);
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    b"t" => in_text = false,
                    b"p" => {
                        let done = std::mem::take(&mut text);
                        match cell.as_mut() {
                            Some(c) => {
                                if !c.is_empty() && !done.is_empty() {
                                    c.push(' ');
                                }
                                c.push_str(done.trim());
                            }
                            None => out.push(DocxParagraph { text: done, heading, list, cells: None }),
                        }
                    }
                    b"tc" => {
                        if let (Some(r), Some(c)) = (row.as_mut(), cell.take()) {
                            r.push(c);
                        }
                    }
                    b"tr" => {
                        if let Some(cells) = row.take() {
                            out.push(DocxParagraph {
                                text: cells.join(" "),
                                heading: None,
                                list: false,
                                cells: Some(cells),
                            });
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if out.len() > MAX_BLOCKS {
            break;
        }
        buf.clear();
    }
    Ok(out)
}
