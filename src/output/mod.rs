//! Output formats. Every format reads the same [`Run`]: the findings, the accepted deviations
//! and level overrides are settled before any of them runs, so the formats never disagree.

pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
mod json_layout;
pub mod junit;
pub mod markdown;
pub mod report;
pub mod sarif;
pub mod stream;

use crate::diagnostic::Style;
use crate::evaluate::Finding;
use crate::run::Run;

/// The output formats of `check`: the one list, used by the command line (its values are the
/// variants' names in lower case), the emitters and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The report, for people.
    Human,
    /// The report as one self-contained, print-ready HTML page.
    Html,
    /// One JSON object (or, for many files, one object with a `files` list).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// JUnit XML, for GitLab, Azure DevOps and Jenkins test reports.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab's Code Quality report, for merge requests.
    Gitlab,
    /// Markdown, for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
    Markdown,
}

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub style: Style,
    /// Print only what fails (human, markdown and github).
    pub quiet: bool,
}

impl Format {
    /// Every format, in the order the help lists them.
    pub const ALL: [Format; 8] = [
        Format::Human,
        Format::Html,
        Format::Json,
        Format::Sarif,
        Format::Junit,
        Format::Github,
        Format::Gitlab,
        Format::Markdown,
    ];

    /// The name on the command line (`--format json`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Html => "html",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
            Format::Markdown => "markdown",
        }
    }
}

/// What a format needs to write one file's part: how to render, what fails the run, and
/// whether the run names exactly one file. The emitters take it, so that none of them depends
/// on the streaming that calls them (`stream.rs`).
#[derive(Debug, Clone, Copy)]
pub struct PartOptions {
    pub options: RenderOptions,
    pub fail_on: crate::evaluate::FailOn,
    /// Exactly one file was named.
    pub single: bool,
}

/// One file's share of an output.
#[derive(Debug, Default)]
pub struct Part {
    /// The file's row in the overview table at the head (Markdown).
    pub row: Option<Vec<String>>,
    /// What is written for the file; empty when nothing is.
    pub body: String,
}

/// Renders a run in a format.
pub fn render(run: &Run, format: Format, options: RenderOptions) -> String {
    stream::render(
        run,
        stream::Streamer::new(format, options, run.summary.fail_on, run.summary.single, run.summary.as_of),
    )
}

/// The place a finding points at, as (line, column); the file's first line when it points
/// nowhere in particular.
pub(crate) fn place(finding: &Finding) -> (usize, usize) {
    finding.line_column().filter(|(l, _)| *l > 0).unwrap_or((1, 1))
}
