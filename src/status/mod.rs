//! `aftale status`: the agreement's life ([`crate::lifecycle`]) for a person (human, or a page
//! with a timeline: HTML), for an issue or a wiki page (Markdown), for a program (JSON) and for a
//! calendar (iCalendar).

mod html;
mod human;
pub mod ics;
mod markdown;
mod timeline;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::danish;
use crate::lifecycle::{Lifecycle, State, Step};

pub use html::render as html;
pub use human::render as human;
pub use markdown::render as markdown;

/// A file whose life could not be followed: its name and the errors' messages.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Unusable {
    pub file: String,
    pub errors: Vec<String>,
}

/// One file's status, or why there is none.
#[derive(Clone, Debug)]
pub enum FileStatus {
    Followed(Box<Lifecycle>),
    Unusable(Unusable),
}

/// How far off a deadline is: "om 3 dage", "i dag", "8 dage for sent".
pub fn relative(step: &Step) -> Option<String> {
    let days = |n: i64| danish::count(usize::try_from(n.unsigned_abs()).unwrap_or(usize::MAX), "dag", "dage");
    step.days_left.map(|n| match n {
        0 => "i dag".to_owned(),
        n if n > 0 => format!("om {}", days(n)),
        n => format!("{} for sent", days(n)),
    })
}

/// The deadline with the days left or past: "21. december 2023 (om 3 dage)".
pub fn deadline(step: &Step) -> String {
    let Some(due) = step.due else { return String::new() };
    match relative(step) {
        Some(r) => format!("{} ({r})", danish::date(due)),
        None => danish::date(due),
    }
}

/// What to act on next, for a person: "Indsendelse til Sundhedsstyrelsen (overskredet) – frist
/// 1. januar 2024 (762 dage for sent)".
pub fn next_step(l: &Lifecycle) -> Option<String> {
    let next = l.next()?;
    let due = deadline(next);
    let due = if due.is_empty() { String::new() } else { format!(" – frist {due}") };
    Some(format!("{} ({}){due}", next.title, next.state.danish()))
}

/// The date a step happened, in Danish.
pub fn done(step: &Step) -> String {
    step.done_on.map(danish::date).unwrap_or_default()
}

/// One line for an agreement among several: what it is, and what to act on next.
pub fn overview(l: &Lifecycle) -> String {
    let overdue = l.steps.iter().filter(|s| s.state == State::Overdue).count();
    let next = match l.next() {
        Some(step) => {
            let due = match (step.due, relative(step)) {
                (Some(d), Some(r)) => format!("; frist {}, {r}", danish::date(d)),
                _ => String::new(),
            };
            format!("næste: {} ({}{due})", step.title, step.state.danish())
        }
        None => "intet forestår".to_owned(),
    };
    let overdue = match overdue {
        0 => String::new(),
        n => format!(" · {} overskredet", danish::count(n, "frist", "frister")),
    };
    format!("{} · {}{overdue} · {next}", l.region, crate::text::shown_long(&l.title))
}

/// The run's exit: a step overdue fails it.
pub fn any_overdue(statuses: &[FileStatus]) -> bool {
    statuses.iter().any(|s| matches!(s, FileStatus::Followed(l) if l.steps.iter().any(|x| x.state == State::Overdue)))
}

/// `aftale status --format json`: the run's date and each file's life.
#[derive(Serialize, JsonSchema)]
struct JsonRun<'a> {
    /// Always `aftale-status/1`.
    format: &'static str,
    /// The date the status is taken on.
    as_of: NaiveDate,
    files: Vec<JsonFile<'a>>,
}

/// A followed file, or one that could not be read.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
enum JsonFile<'a> {
    Followed(&'a Lifecycle),
    Unusable(&'a Unusable),
}

/// The statuses as one JSON document.
pub fn json(statuses: &[FileStatus], as_of: NaiveDate) -> String {
    let files = statuses
        .iter()
        .map(|s| match s {
            FileStatus::Followed(l) => JsonFile::Followed(l),
            FileStatus::Unusable(u) => JsonFile::Unusable(u),
        })
        .collect();
    let run = JsonRun { format: "aftale-status/1", as_of, files };
    crate::text::json(serde_json::to_string_pretty(&run).unwrap_or_default()) + "\n"
}

/// The JSON Schema of `aftale status --format json` (`aftale schema --for status`).
pub fn schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(JsonRun<'static>).to_value();
    schema["title"] = "aftale status --format json".into();
    schema
}
