//! What every output must be, whatever the input: the checks the hostile-input test and the fuzz
//! target share (the fuzz target includes this file by path).

use aftale::output::Format;

/// A character from the input that must not reach a terminal raw (see `aftale::text`).
fn unsafe_char(c: char) -> bool {
    c != '\n' && aftale::text::is_unsafe(c)
}

/// No control, bidi or separator character, and no line a CI runner would read as a command.
pub fn terminal_is_safe(text: &str) -> Result<(), String> {
    if let Some(c) = text.chars().find(|c| unsafe_char(*c)) {
        return Err(format!("raw U+{:04X} in terminal output", c as u32));
    }
    if let Some(line) = text.lines().find(|l| l.starts_with("::") || l.starts_with('#')) {
        return Err(format!("a line starts like a command or a heading: {line:.80}"));
    }
    Ok(())
}

/// Markdown: only our own headings start with `#`, nothing starts with `::`, no raw controls.
pub fn markdown_is_safe(text: &str) -> Result<(), String> {
    if let Some(c) = text.chars().find(|c| unsafe_char(*c)) {
        return Err(format!("raw U+{:04X} in Markdown", c as u32));
    }
    for line in text.lines() {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if line.starts_with("::") || (hashes > 0 && !(1..=4).contains(&hashes)) {
            return Err(format!("an input-made line: {line:.80}"));
        }
        if hashes > 0 && !line[hashes..].starts_with(' ') {
            return Err(format!("a heading that is not ours: {line:.80}"));
        }
        // Raw HTML and images need an unescaped `<` or `![`.
        let bytes = line.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            let escaped = i > 0 && bytes[i - 1] == b'\\';
            if (*b == b'<' || (*b == b'!' && bytes.get(i + 1) == Some(&b'['))) && !escaped {
                return Err(format!("raw markup: {line:.80}"));
            }
        }
    }
    Ok(())
}

/// No line (indentation aside) starts like a CI runner's command.
pub fn no_line_starts_a_command(text: &str) -> Result<(), String> {
    match text.lines().map(str::trim_start).find(|l| l.starts_with("::") || l.starts_with("##")) {
        Some(line) => Err(format!("a line starts like a command: {line:.80}")),
        None => Ok(()),
    }
}

/// Well-formed XML.
pub fn xml_is_well_formed(text: &str) -> Result<(), String> {
    roxmltree::Document::parse(text).map(|_| ()).map_err(|e| format!("XML is not well-formed: {e}"))
}

/// JSON that parses, with nothing raw a terminal would act on.
pub fn json_is_valid(text: &str) -> Result<(), String> {
    serde_json::from_str::<serde_json::Value>(text).map_err(|e| format!("JSON does not parse: {e}"))?;
    match text.chars().find(|c| unsafe_char(*c) && *c != '\n') {
        Some(c) => Err(format!("raw U+{:04X} in JSON", c as u32)),
        None => Ok(()),
    }
}

/// GitHub workflow commands: each line one of ours, nothing raw.
pub fn github_is_safe(text: &str) -> Result<(), String> {
    if let Some(c) = text.chars().find(|c| unsafe_char(*c)) {
        return Err(format!("raw U+{:04X} in workflow commands", c as u32));
    }
    for line in text.lines() {
        let ours = ["::error file=", "::warning file=", "::notice file=", "aftale: "];
        if !ours.iter().any(|p| line.starts_with(p)) {
            return Err(format!("a line that is not one of ours: {line:.80}"));
        }
    }
    Ok(())
}

/// The HTML letter: no script, image or frame, no event handler or script link in any tag,
/// nothing raw. (The input's own text, escaped, may say "javascript:"; a tag may not.)
pub fn html_is_safe(html: &str) -> Result<(), String> {
    let tags = regex::Regex::new(r"<[^>]*>").unwrap();
    for tag in tags.find_iter(html) {
        let tag = tag.as_str().to_lowercase();
        let bad = ["<script", "<img", "<iframe", "javascript:", " on"].iter().find(|b| tag.contains(*b));
        if let Some(bad) = bad {
            return Err(format!("«{bad}» in the tag {tag:.80}"));
        }
    }
    match html.chars().find(|c| *c != '\n' && aftale::text::is_unsafe(*c)) {
        Some(c) => Err(format!("raw U+{:04X} in the HTML", c as u32)),
        None => Ok(()),
    }
}

/// The check for one output format.
pub fn output_is_safe(format: Format, text: &str) -> Result<(), String> {
    match format {
        Format::Human => terminal_is_safe(text),
        Format::Html => html_is_safe(text),
        Format::Markdown => markdown_is_safe(text),
        Format::Json | Format::Sarif | Format::Gitlab => json_is_valid(text),
        Format::Junit => xml_is_well_formed(text).and_then(|()| no_line_starts_a_command(text)),
        Format::Github => github_is_safe(text),
    }
}

/// Every XML part of a Word document is well-formed.
pub fn docx_is_well_formed(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("not a zip: {e}"))?;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| e.to_string())?;
        if part.name().ends_with(".xml") || part.name().ends_with(".rels") {
            let mut text = String::new();
            part.read_to_string(&mut text).map_err(|e| e.to_string())?;
            xml_is_well_formed(&text).map_err(|e| format!("{}: {e}", part.name()))?;
        }
    }
    Ok(())
}
