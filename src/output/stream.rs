//! The formats written file by file: human, JSON, GitHub and Markdown. Each file's part is made
//! where the file was evaluated, and the parts are written in order between a head and a foot.
//! A head that states the run's totals (JSON for several files, Markdown) can only be written at
//! the end; the caller then keeps the parts aside (in a temporary file) until it can.

use std::io::{self, Write};

use super::{Format, RenderOptions, github, gitlab, html, human, json, markdown};
use crate::evaluate::FailOn;
use crate::run::{FileOutcome, Run, RunSummary};

/// One file's share of an output.
#[derive(Debug, Default)]
pub struct Part {
    /// The file's row in the overview table at the head (Markdown).
    pub row: Option<Vec<String>>,
    /// What is written for the file; empty when nothing is.
    pub body: String,
}

/// What a streamed format needs to know before the run ends.
#[derive(Debug, Clone, Copy)]
pub struct Streamer {
    pub format: Format,
    pub options: RenderOptions,
    pub fail_on: FailOn,
    /// Exactly one file was named.
    pub single: bool,
}

impl Streamer {
    /// A streamer for the format, or `None` when the format needs every file at once (SARIF's
    /// rule list and JUnit's counts come before the results).
    pub fn new(format: Format, options: RenderOptions, fail_on: FailOn, single: bool) -> Option<Streamer> {
        match format {
            Format::Sarif | Format::Junit => None,
            _ => Some(Streamer { format, options, fail_on, single }),
        }
    }

    /// One file's part.
    pub fn part(&self, file: &FileOutcome) -> Part {
        match self.format {
            Format::Human => Part { row: None, body: human::part(file, self) },
            Format::Json => Part { row: None, body: json::part(file, self) },
            Format::Github => Part { row: None, body: github::part(file, self) },
            Format::Gitlab => Part { row: None, body: gitlab::part(file, self) },
            Format::Html => Part { row: None, body: html::part(file, self) },
            Format::Markdown => markdown::part(file, self),
            Format::Sarif | Format::Junit => Part::default(),
        }
    }

    /// True when the head states what only the whole run knows.
    pub fn head_waits(&self) -> bool {
        match self.format {
            Format::Json => !self.single,
            Format::Markdown => true,
            _ => false,
        }
    }

    /// What comes before the parts.
    pub fn head(&self, summary: &RunSummary, rows: &[Vec<String>]) -> String {
        match self.format {
            Format::Json if !self.single => json::head(summary),
            Format::Markdown => markdown::head(summary, rows),
            _ => self.opening(),
        }
    }

    /// What a format that does not wait for the run opens with, before the first part.
    pub fn opening(&self) -> String {
        match self.format {
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
    let mut out = streamer.head(&run.summary, &rows);
    out.push_str(&String::from_utf8_lossy(&body));
    out.push_str(&streamer.foot(&run.summary, any));
    out
}
