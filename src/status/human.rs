//! The status for a terminal: one table per agreement, or one line per agreement for several.

use comfy_table::{Cell, Color};

use crate::danish;
use crate::diagnostic::Style;
use crate::lifecycle::{Lifecycle, State};
use crate::text;

use super::{FileStatus, deadline, done, next_step, overview};

fn colour(state: State) -> Color {
    match state {
        State::Done => Color::Green,
        State::Due => Color::Yellow,
        State::Overdue => Color::Red,
        State::NotYet => Color::Reset,
        State::Information => Color::Cyan,
    }
}

/// The steps as a table: six columns where the terminal is wide enough for every column's
/// longest word, four (the rule under the step, the date done or due in one column) where it is
/// not, and a list where not even that fits. A word is never split.
fn table(l: &Lifecycle, style: Style) -> String {
    let wide = (
        ["Trin", "Status", "Gennemført", "Frist", "Regel", "Bemærkning"],
        l.steps.iter().map(|s| {
            let rule = s.rule.clone().unwrap_or_default();
            vec![s.title.clone(), s.state.danish().to_owned(), done(s), deadline(s), rule, detail(s)]
        }),
    );
    let narrow = (
        ["Trin", "Status", "Dato", "Bemærkning"],
        l.steps.iter().map(|s| {
            let title = match &s.rule {
                Some(rule) => format!("{} ({rule})", s.title),
                None => s.title.clone(),
            };
            let date = match (done(s), deadline(s)) {
                (done, due) if due.is_empty() => done,
                (done, due) if done.is_empty() => format!("frist {due}"),
                (done, due) => format!("{done}, frist {due}"),
            };
            vec![title, s.state.danish().to_owned(), date, detail(s)]
        }),
    );
    let states: Vec<State> = l.steps.iter().map(|s| s.state).collect();
    let wide_rows: Vec<Vec<String>> = wide.1.collect();
    if let Some(widths) = word_widths(&wide.0, &wide_rows, style.width) {
        return drawn(&wide.0, wide_rows, &widths, &states, style);
    }
    let narrow_rows: Vec<Vec<String>> = narrow.1.collect();
    if let Some(widths) = word_widths(&narrow.0, &narrow_rows, style.width) {
        return drawn(&narrow.0, narrow_rows, &widths, &states, style);
    }
    listed(&narrow_rows, style)
}

fn detail(step: &crate::lifecycle::Step) -> String {
    step.detail.as_deref().map(text::visible).unwrap_or_default().into_owned()
}

/// Each column's longest word, when the columns side by side (with their borders and padding)
/// fit in `width`.
fn word_widths(header: &[&str], rows: &[Vec<String>], width: usize) -> Option<Vec<u16>> {
    let longest = |column: usize| {
        let cells = std::iter::once(header[column]).chain(rows.iter().map(|r| r[column].as_str()));
        cells.flat_map(str::split_whitespace).map(|w| w.chars().count()).max().unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(longest).collect();
    let drawn = widths.iter().sum::<usize>() + 3 * widths.len() + 1;
    (drawn <= width).then(|| widths.iter().map(|w| u16::try_from(*w + 2).unwrap_or(u16::MAX)).collect())
}

fn drawn(header: &[&str], rows: Vec<Vec<String>>, widths: &[u16], states: &[State], style: Style) -> String {
    use comfy_table::{ColumnConstraint, Width};
    let mut table = crate::output::human::table(style);
    table.set_header(header.to_vec());
    for (row, state) in rows.into_iter().zip(states) {
        let cells = row.into_iter().enumerate().map(|(i, cell)| {
            let cell = Cell::new(cell);
            if i == 1 && style.color { cell.fg(colour(*state)) } else { cell }
        });
        table.add_row(cells.collect::<Vec<_>>());
    }
    for (column, width) in table.column_iter_mut().zip(widths) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(*width)));
    }
    table.to_string()
}

/// The steps one after the other, for a terminal too narrow for a table.
fn listed(rows: &[Vec<String>], style: Style) -> String {
    let options = |indent: &'static str| {
        textwrap::Options::new(style.width)
            .initial_indent(indent)
            .subsequent_indent("  ")
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(false)
    };
    let mut out = String::new();
    for row in rows {
        let mut first = format!("{}: {}", row[0], row[1]);
        if !row[2].is_empty() {
            first = format!("{first} · {}", row[2]);
        }
        out.push_str(&textwrap::fill(&first, options("")));
        out.push('\n');
        if !row[3].is_empty() {
            out.push_str(&textwrap::fill(&row[3], options("  ")));
            out.push('\n');
        }
    }
    out
}

/// One agreement in full: its identity, the table, and the councils still to approve.
fn one(l: &Lifecycle, style: Style) -> String {
    let title = text::line_start(&format!("{} · {}", text::shown_long(&l.title), l.region)).into_owned();
    let holder = match &l.reform_standing {
        Some(standing) => format!("Efter reformen: {standing}\n"),
        None => String::new(),
    };
    let identity = format!("{title}\nStatus pr. {} · Fil: {}\n{holder}", danish::date(l.as_of), text::visible(&l.file));
    let mut out = format!("{}\n{}\n", wrapped(&identity, style), table(l, style));
    if let Some(next) = next_step(l) {
        out.push_str(&format!("\n{}", wrapped(&format!("Næste: {next}"), style)));
    }
    out
}

/// Each line of `text` filled to the width, continuation lines indented, no word split.
fn wrapped(text: &str, style: Style) -> String {
    let options = textwrap::Options::new(style.width)
        .subsequent_indent("  ")
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    text.lines().map(|line| textwrap::fill(line, &options) + "\n").collect()
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
            // One line per agreement, whatever the width, so that it can be searched (`grep`).
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
