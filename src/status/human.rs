//! The status for a terminal: one table per agreement, or one line per agreement for several.

use comfy_table::{Cell, Color};

use crate::danish;
use crate::diagnostic::Style;
use crate::lifecycle::{Lifecycle, State};
use crate::text;

use super::{FileStatus, deadline, done, overview};

fn colour(state: State) -> Color {
    match state {
        State::Done => Color::Green,
        State::Due => Color::Yellow,
        State::Overdue => Color::Red,
        State::NotYet => Color::Reset,
        State::Information => Color::Cyan,
    }
}

fn table(l: &Lifecycle, style: Style) -> String {
    let mut table = crate::output::human::table(style);
    table.set_header(["Trin", "Status", "Gennemført", "Frist", "Regel", "Bemærkning"]);
    for step in &l.steps {
        let mut state = Cell::new(step.state.danish());
        if style.color {
            state = state.fg(colour(step.state));
        }
        table.add_row(vec![
            Cell::new(&step.title),
            state,
            Cell::new(done(step)),
            Cell::new(deadline(step)),
            Cell::new(step.rule.as_deref().unwrap_or("")),
            Cell::new(step.detail.as_deref().map(text::visible).unwrap_or_default()),
        ]);
    }
    table.to_string()
}

/// One agreement in full: its identity, the table, and the councils still to approve.
fn one(l: &Lifecycle, style: Style) -> String {
    let title = text::line_start(&format!("{} · {}", text::shown_long(&l.title), l.region)).into_owned();
    let holder = match &l.reform_standing {
        Some(standing) => format!("Efter reformen: {standing}\n"),
        None => String::new(),
    };
    let mut out = format!(
        "{title}\nStatus pr. {} · Fil: {}\n{holder}\n{}\n",
        danish::date(l.as_of),
        text::visible(&l.file),
        table(l, style)
    );
    if let Some(next) = l.next() {
        let due = deadline(next);
        let due = if due.is_empty() { String::new() } else { format!(" – frist {due}") };
        out.push_str(&format!("\nNæste: {} ({}){due}\n", next.title, next.state.danish()));
    }
    out
}

/// The statuses of a run: in full for one file, one line each for several.
pub fn render(statuses: &[FileStatus], style: Style) -> String {
    match statuses {
        [FileStatus::Followed(l)] => return one(l, style),
        // Its errors are on standard error; there is nothing to add.
        [FileStatus::Unusable(_)] => return String::new(),
        _ => {}
    }
    let mut out = String::new();
    for status in statuses {
        match status {
            FileStatus::Followed(l) => {
                out.push_str(&format!("{}: {}\n", text::line_start(&text::visible(&l.file)), overview(l)))
            }
            FileStatus::Unusable(u) => {
                out.push_str(&format!("{}: kan ikke læses\n", text::line_start(&text::visible(&u.file))))
            }
        }
    }
    out
}
