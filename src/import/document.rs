//! A document read whole: the reader its kind calls for (Word, PDF or text) and the text every
//! value found must occur in.

use super::docx;
use super::read::{Block, BlockKind, Document, MAX_DOCUMENT, error, lines_to_blocks, normalise, pdf};
use crate::error::InputError;

/// Reads a document of the kind its name says (`.docx`, `.pdf`, `.txt`, `.md`).
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Document, InputError> {
    if bytes.len() > MAX_DOCUMENT {
        return Err(error(name, format!("dokumentet er større end {} MB og læses ikke", MAX_DOCUMENT >> 20)));
    }
    let lower = name.to_lowercase();
    let (blocks, styled) = if lower.ends_with(".docx") || bytes.starts_with(b"PK\x03\x04") {
        docx::read(name, bytes)?
    } else if lower.ends_with(".pdf") || bytes.starts_with(b"%PDF") {
        let pages = pdf(name, bytes)?;
        (lines_to_blocks(&pages), false)
    } else {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| error(name, "dokumentet er hverken Word, PDF eller UTF-8-tekst".to_owned()))?;
        let pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
        (lines_to_blocks(&pages), false)
    };
    if blocks.is_empty() {
        return Err(error(
            name,
            "dokumentet indeholder ingen tekst at importere (en scannet PDF har kun billeder af teksten)".to_owned(),
        ));
    }
    let text = normalise(&blocks.iter().map(block_text).collect::<Vec<_>>().join("\n"));
    Ok(Document { name: name.to_owned(), blocks, styled, text })
}

fn block_text(b: &Block) -> String {
    match &b.kind {
        BlockKind::Row(cells) => cells.join(" "),
        _ => b.text.clone(),
    }
}
