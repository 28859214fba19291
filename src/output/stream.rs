//! Every format is written file by file. Each file's part is made where the file was evaluated,
//! and the parts are written in order between a head and a foot. A head that states what only
//! the whole run knows (Markdown's totals, SARIF's rule list, JUnit's counts) can only
//! be written at the end; the caller then keeps the parts aside (in a temporary file) until it
//! can, so memory never grows with the number of files.

use std::io::{self, BufRead, Write};

pub use super::Part;
use super::{Format, PartOptions, RenderOptions, github, gitlab, html, human, json, junit, markdown, sarif};
use crate::evaluate::FailOn;
use crate::rules::Pack;
use crate::run::{FileOutcome, Run, RunSummary};

/// What a streamed format needs to know before the run ends.
#[derive(Debug, Clone, Copy)]
pub struct Streamer {
    pub format: Format,
    pub options: RenderOptions,
    pub fail_on: FailOn,
    /// Exactly one file was named.
    pub single: bool,
    /// The date the run evaluates on (JSON states it before the files).
    pub as_of: chrono::NaiveDate,
}

impl Streamer {
    /// A streamer for the format.
    pub fn new(
        format: Format,
        options: RenderOptions,
        fail_on: FailOn,
        single: bool,
        as_of: chrono::NaiveDate,
    ) -> Streamer {
        Streamer { format, options, fail_on, single, as_of }
    }

    /// Whether the format is one document whose head and foot both depend on the whole run
    /// (SARIF, JUnit): written with [`Streamer::closing`] and [`Streamer::copy_parts`].
    pub fn is_whole_document(&self) -> bool {
        matches!(self.format, Format::Sarif | Format::Junit)
    }

    /// What the emitters need of it.
    fn settings(&self) -> PartOptions {
        PartOptions { options: self.options, fail_on: self.fail_on, single: self.single }
    }

    /// One file's part.
    pub fn part(&self, file: &FileOutcome) -> Part {
        let settings = &self.settings();
        match self.format {
            Format::Human => Part { row: None, body: human::part(file, settings) },
            Format::Json => Part { row: None, body: json::part(file, settings) },
            Format::Github => Part { row: None, body: github::part(file, settings) },
            Format::Gitlab => Part { row: None, body: gitlab::part(file, settings) },
            Format::Html => Part { row: None, body: html::part(file, settings) },
            Format::Markdown => markdown::part(file, settings),
            Format::Sarif => {
                let (used, body) = sarif::part(file, self.fail_on);
                Part { row: Some(vec![used]), body }
            }
            Format::Junit => {
                let (counts, body) = junit::part(file, self.fail_on);
                Part { row: Some(counts), body }
            }
        }
    }

    /// True when the head states what only the whole run knows.
    pub fn head_waits(&self) -> bool {
        matches!(self.format, Format::Markdown | Format::Sarif | Format::Junit)
    }

    /// What comes before the parts.
    pub fn head(&self, summary: &RunSummary, rows: &[Vec<String>]) -> String {
        match self.format {
            Format::Markdown => markdown::head(summary, rows),
            _ => self.opening(),
        }
    }

    /// What a format that does not wait for the run opens with, before the first part.
    pub fn opening(&self) -> String {
        match self.format {
            Format::Json if !self.single => json::opening(self.as_of, self.fail_on),
            Format::Gitlab => "[".to_owned(),
            Format::Html => html::head(),
            _ => String::new(),
        }
    }

    /// What comes between the parts: before the first part that is not empty, and between two.
    fn separator(&self, first: bool) -> String {
        match (self.format, first) {
            (Format::Human, false) => human::separator(self.options.style),
            (Format::Json, true) if !self.single => "\n".to_owned(),
            (Format::Json, false) if !self.single => ",\n".to_owned(),
            (Format::Gitlab, true) => "\n".to_owned(),
            (Format::Gitlab, false) => ",\n".to_owned(),
            (Format::Sarif | Format::Junit, false) => "\n".to_owned(),
            _ => String::new(),
        }
    }

    /// What comes after the parts; `any` says whether a part was not empty.
    pub fn foot(&self, summary: &RunSummary, any: bool) -> String {
        match self.format {
            Format::Human => human::foot(summary, self.options),
            Format::Json if !self.single => json::foot(summary, any),
            Format::Github => github::foot(summary, self.options, any),
            Format::Markdown => markdown::foot(summary),
            Format::Gitlab => gitlab::foot(any),
            Format::Html => html::foot(summary),
            _ => String::new(),
        }
    }
}

/// The head and foot of a whole document (SARIF, JUnit), made when every part is written, and
/// what copying the parts needs (SARIF's rule indexes).
pub struct Closing {
    pub head: String,
    pub foot: String,
    rules: Option<sarif::Rules>,
}

impl Streamer {
    /// The head and foot of a whole document, from the parts' rows and the packs the run used.
    pub fn closing(&self, rows: &[Vec<String>], packs: &[&Pack]) -> Closing {
        match self.format {
            Format::Sarif => {
                let used: Vec<String> = rows.iter().filter_map(|r| r.first().cloned()).collect();
                let rules = sarif::Rules::of(&used, packs);
                let (head, foot) = rules.head_and_foot();
                Closing { head, foot, rules: Some(rules) }
            }
            _ => {
                let (head, foot) = junit::head_and_foot(rows);
                Closing { head, foot, rules: None }
            }
        }
    }

    /// Copies the kept parts into the document: SARIF's result lines each get their rule index
    /// and their place in the log's layout.
    pub fn copy_parts(&self, closing: &Closing, from: &mut dyn BufRead, to: &mut dyn Write) -> io::Result<()> {
        let Some(rules) = &closing.rules else {
            io::copy(from, to)?;
            return Ok(());
        };
        let mut first = true;
        for line in from.lines() {
            let line = line?;
            let Some(result) = rules.result(&line) else { continue };
            if !first {
                to.write_all(b",\n")?;
            }
            first = false;
            to.write_all(result.as_bytes())?;
        }
        Ok(())
    }
}

/// Writes parts in order, keeping the overview rows for the head.
#[derive(Debug)]
pub struct PartWriter<W: Write> {
    streamer: Streamer,
    out: W,
    rows: Vec<Vec<String>>,
    any: bool,
}

impl<W: Write> PartWriter<W> {
    pub fn new(streamer: Streamer, out: W) -> Self {
        PartWriter { streamer, out, rows: Vec::new(), any: false }
    }

    /// Writes the next part.
    pub fn write(&mut self, part: Part) -> io::Result<()> {
        if let Some(row) = part.row {
            self.rows.push(row);
        }
        if part.body.is_empty() {
            return Ok(());
        }
        self.out.write_all(self.streamer.separator(!self.any).as_bytes())?;
        self.any = true;
        self.out.write_all(part.body.as_bytes())
    }

    /// The writer, the overview rows, and whether anything was written.
    pub fn finish(self) -> (W, Vec<Vec<String>>, bool) {
        (self.out, self.rows, self.any)
    }
}

/// Renders a run kept in memory: the same head, parts and foot a streamed run writes.
pub fn render(run: &Run, streamer: Streamer) -> String {
    let mut parts = PartWriter::new(streamer, Vec::new());
    for file in &run.files {
        // Writing to memory cannot fail.
        let _ = parts.write(streamer.part(file));
    }
    let (body, rows, any) = parts.finish();
    if streamer.is_whole_document() {
        let packs: Vec<&Pack> = run.assessments().map(|a| a.pack).collect();
        let closing = streamer.closing(&rows, &packs);
        let mut out = closing.head.clone().into_bytes();
        let _ = streamer.copy_parts(&closing, &mut body.as_slice(), &mut out);
        out.extend_from_slice(closing.foot.as_bytes());
        return String::from_utf8_lossy(&out).into_owned();
    }
    let mut out = streamer.head(&run.summary, &rows);
    out.push_str(&String::from_utf8_lossy(&body));
    out.push_str(&streamer.foot(&run.summary, any));
    out
}
