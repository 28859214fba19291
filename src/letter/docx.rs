//! The letter as a Word document, built with docx-rs from the letter's Markdown (parsed with
//! pulldown-cmark): headings become Word headings, the places to complete are highlighted.

use crate::codes::ErrorCode;
use std::collections::HashMap;

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, Footnote, InstrPAGE, InstrText, LineSpacing, PageMargin,
    Paragraph, Run, RunFonts, Style, StyleType, VertAlignType,
};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{Letter, split_placeholders};
use crate::error::InputError;

const FONT: &str = "Calibri";

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .bold()
            .size(size)
            .q_format(true)
    };
    let mut reference = Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    reference.run_property = reference.run_property.vert_align(VertAlignType::SuperScript);
    docx.add_style(Style::new("Normal", StyleType::Paragraph).name("Normal").size(22).fonts(fonts()))
        .add_style(heading("Heading1", "heading 1", 34).outline_lvl(0))
        .add_style(heading("Heading2", "heading 2", 25).outline_lvl(1))
        .add_style(heading("Heading3", "heading 3", 23).outline_lvl(2))
        .add_style(reference)
        .add_style(Style::new("FootnoteText", StyleType::Paragraph).name("footnote text").based_on("Normal").size(18))
}

/// "Side N" at the foot of every page, as in Sundhedsstyrelsen's letters.
fn page_number_footer() -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Right)
            .size(18)
            .add_run(Run::new().add_text("Side ").size(18))
            .add_run(Run::new().add_field_char(FieldCharType::Begin, false).size(18))
            .add_run(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())).size(18))
            .add_run(Run::new().add_field_char(FieldCharType::Separate, false).size(18))
            .add_run(Run::new().add_text("1").size(18))
            .add_run(Run::new().add_field_char(FieldCharType::End, false).size(18)),
    )
}

/// The text of each footnote definition, by label, so that a reference can carry it into a
/// Word footnote (the Markdown defines footnotes after the text that refers to them).
fn footnote_texts(markdown: &str) -> HashMap<String, String> {
    let mut texts = HashMap::new();
    let mut current: Option<(CowStr, String)> = None;
    for event in Parser::new_ext(markdown, super::MARKDOWN) {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => current = Some((label, String::new())),
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, text)) = current.take() {
                    texts.insert(label.to_string(), text.trim().to_owned());
                }
            }
            Event::Text(t) | Event::Code(t) if current.is_some() => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = current.as_mut() {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    texts
}

/// A Word footnote numbered `number`. Its number is written before the text as a run in the
/// footnote-reference style, which [`with_footnote_marks`] turns into Word's own footnote mark
/// (docx-rs has no `w:footnoteRef`).
fn footnote(number: usize, text: &str) -> Footnote {
    let paragraph = Paragraph::new()
        .style("FootnoteText")
        .add_run(Run::new().add_text(number.to_string()).style("FootnoteReference"))
        .add_run(Run::new().add_text(format!(" {}", crate::text::xml(text))));
    Footnote { id: number, content: vec![paragraph] }
}

fn fonts() -> RunFonts {
    RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT)
}

/// Text with the current emphasis; places to complete are highlighted.
fn runs(text: &str, bold: bool, italic: bool) -> Vec<Run> {
    split_placeholders(text)
        .into_iter()
        .map(|(is_place, part)| {
            // Only characters XML allows: the value's own text, with the rest made visible.
            let mut run = Run::new().add_text(crate::text::xml(part));
            if bold {
                run = run.bold();
            }
            if italic {
                run = run.italic();
            }
            if is_place {
                run = run.highlight("yellow");
            }
            run
        })
        .collect()
}

fn spacing() -> LineSpacing {
    LineSpacing::new().after(120)
}

/// Adds the gathered text to the paragraph (starting one if none is open).
fn flush(paragraph: &mut Option<Paragraph>, text: &mut String, bold: bool, italic: bool) {
    if text.is_empty() {
        return;
    }
    let p = paragraph.take().unwrap_or_else(|| Paragraph::new().line_spacing(spacing()));
    *paragraph = Some(runs(text, bold, italic).into_iter().fold(p, Paragraph::add_run));
    text.clear();
}

/// Builds the Word document's bytes.
pub fn render(letter: &Letter) -> Result<Vec<u8>, InputError> {
    // The document is created and last changed on the letter's date, not on 1 January 1970.
    let stamp = format!("{}T00:00:00Z", letter.date.format("%Y-%m-%d"));
    let mut docx = styles(Docx::new().created_at(&stamp).updated_at(&stamp))
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(1418).bottom(1418).left(1418).right(1247))
        .default_fonts(fonts())
        .default_size(22)
        .footer(page_number_footer());
    let notes = footnote_texts(&letter.markdown);
    let mut paragraph: Option<Paragraph> = None;
    let (mut bold, mut italic, mut in_item, mut in_note, mut note_count) = (false, false, false, false, 0);
    // The next number of an ordered list ("Bilag: 1. …"); `None` in a bullet list.
    let mut number: Option<u64> = None;
    // The parser splits text at every `[`, so a place to complete arrives in pieces; text is
    // gathered until the next other event.
    let mut text = String::new();
    // The text of the paragraph being written, and whether a list follows a lead-in.
    let (mut last_text, mut keep_list) = (String::new(), false);
    for event in Parser::new_ext(&letter.markdown, super::MARKDOWN) {
        // Footnote definitions went into their references' Word footnotes.
        match &event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_note = true,
            Event::End(TagEnd::FootnoteDefinition) => {
                in_note = false;
                continue;
            }
            _ => {}
        }
        if in_note {
            continue;
        }
        if let Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) = &event {
            text.push_str(t);
            last_text.push_str(t);
            continue;
        }
        if matches!(event, Event::Start(Tag::Paragraph | Tag::Item | Tag::Heading { .. })) {
            last_text.clear();
        }
        flush(&mut paragraph, &mut text, bold, italic);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let style = match level {
                    HeadingLevel::H1 => "Heading1",
                    HeadingLevel::H2 => "Heading2",
                    _ => "Heading3",
                };
                paragraph = Some(
                    Paragraph::new()
                        .style(style)
                        .keep_next(true)
                        .line_spacing(LineSpacing::new().before(240).after(120)),
                );
            }
            Event::Start(Tag::Paragraph) if !in_item => paragraph = Some(Paragraph::new().line_spacing(spacing())),
            Event::Start(Tag::List(first)) => number = first,
            Event::End(TagEnd::List(_)) => {
                number = None;
                keep_list = false;
            }
            Event::Start(Tag::Item) => {
                in_item = true;
                let marker = match number.as_mut() {
                    Some(n) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    None => "– ".to_owned(),
                };
                paragraph = Some(
                    Paragraph::new()
                        .indent(Some(360), Some(docx_rs::SpecialIndentType::Hanging(240)), None, None)
                        .line_spacing(spacing())
                        .add_run(Run::new().add_text(marker)),
                );
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::Item) => {
                in_item = false;
                if let Some(p) = paragraph.take() {
                    // The items of a list after a lead-in are kept on one page with it.
                    docx = docx.add_paragraph(if keep_list { p.keep_next(true) } else { p });
                }
            }
            Event::End(TagEnd::Paragraph) if !in_item => {
                if let Some(p) = paragraph.take() {
                    // A lead-in ("Bilag:") stays with its list, the closing with the signature.
                    let held = last_text.trim_end().ends_with(':') || last_text.trim() == "Med venlig hilsen";
                    keep_list = last_text.trim_end().ends_with(':');
                    docx = docx.add_paragraph(if held { p.keep_next(true) } else { p });
                }
            }
            Event::Start(Tag::Strong) => bold = true,
            Event::End(TagEnd::Strong) => bold = false,
            Event::Start(Tag::Emphasis) => italic = true,
            Event::End(TagEnd::Emphasis) => italic = false,
            Event::SoftBreak => {
                paragraph = paragraph.map(|p| p.add_run(Run::new().add_text(" ")));
            }
            Event::FootnoteReference(label) => {
                note_count += 1;
                let text = notes.get(label.as_ref()).map_or("", String::as_str);
                let reference = Run::new().add_footnote_reference(footnote(note_count, text));
                let p = paragraph.take().unwrap_or_else(|| Paragraph::new().line_spacing(spacing()));
                paragraph = Some(p.add_run(reference));
            }
            Event::HardBreak => {
                paragraph = paragraph.map(|p| p.add_run(Run::new().add_break(BreakType::TextWrapping)));
            }
            _ => {}
        }
    }
    flush(&mut paragraph, &mut text, bold, italic);
    if let Some(p) = paragraph {
        docx = docx.add_paragraph(p);
    }
    let fail = |e: &dyn std::fmt::Display| {
        InputError::file(ErrorCode::Docx, &letter.title, format!("Word-dokumentet kan ikke skrives: {e}"))
    };
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).map_err(|e| fail(&e))?;
    with_core_properties(bytes.into_inner(), letter).map_err(|e| fail(&e))
}

/// The document's core properties, which docx-rs leaves as "unknown": the title, the author,
/// the language (da-DK), and the letter's date as created and modified.
fn core_xml(letter: &Letter) -> String {
    let escape = |t: &str| {
        crate::text::xml(t).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
    };
    let stamp = format!("{}T00:00:00Z", letter.date.format("%Y-%m-%d"));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>\
         <dc:creator>{author}</dc:creator><cp:lastModifiedBy>aftale</cp:lastModifiedBy>\
         <dc:language>da-DK</dc:language><cp:revision>1</cp:revision>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:modified></cp:coreProperties>",
        title = escape(&letter.title),
        subject = escape(letter.subject),
        author = escape(&letter.author),
    )
}

/// Footnotes whose number is Word's footnote mark (`w:footnoteRef`), so that Word and
/// LibreOffice number them with their references. Only the numbers [`footnote`] wrote are in the
/// footnote-reference style.
fn with_footnote_marks(xml: &str) -> String {
    const BEFORE: &str = "<w:rStyle w:val=\"FootnoteReference\" /></w:rPr><w:t xml:space=\"preserve\">";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(BEFORE) {
        let after = &rest[at + BEFORE.len()..];
        let Some(end) = after.find("</w:t>") else { break };
        if !after[..end].bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&rest[..at + BEFORE.len()]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..at]);
        out.push_str("<w:rStyle w:val=\"FootnoteReference\" /></w:rPr><w:footnoteRef/>");
        rest = &after[end + "</w:t>".len()..];
    }
    out.push_str(rest);
    out
}

/// The styles with Danish (da-DK) as the document's language, so Word checks the spelling in
/// Danish and hyphenates as Danish; docx-rs writes no language.
fn with_danish(xml: &str) -> String {
    xml.replacen("<w:rPrDefault><w:rPr>", "<w:rPrDefault><w:rPr><w:lang w:val=\"da-DK\" w:eastAsia=\"da-DK\" />", 1)
}

/// The packed document with its core properties replaced.
fn with_core_properties(bytes: Vec<u8>, letter: &Letter) -> Result<Vec<u8>, zip::result::ZipError> {
    use std::io::{Cursor, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i)?;
        let name = part.name().to_owned();
        out.start_file(name.as_str(), options)?;
        if name == "docProps/core.xml" {
            out.write_all(core_xml(letter).as_bytes())?;
        } else if name == "word/styles.xml" {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut part, &mut xml)?;
            out.write_all(with_danish(&xml).as_bytes())?;
        } else if name == "word/footnotes.xml" {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut part, &mut xml)?;
            out.write_all(with_footnote_marks(&xml).as_bytes())?;
        } else {
            std::io::copy(&mut part, &mut out)?;
        }
    }
    Ok(out.finish()?.into_inner())
}
