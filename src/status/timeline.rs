//! The agreement's life as an inline SVG timeline: every dated step of the lifecycle at its
//! date (done) or deadline, its state shown by colour *and* shape, the approval round as a band
//! up to the reply deadline, the `--as-of` date and the reform's start marked. Every text is
//! escaped; every mark has an accessible name.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::danish;
use crate::lifecycle::{Lifecycle, State, Step};

/// The drawing's width in SVG units (it scales to the page).
const WIDTH: f64 = 960.0;
const SMALL_WIDTH: f64 = 420.0;
const MARGIN: f64 = 24.0;
/// Where the axis runs, in the full and the small drawing.
const AXIS: f64 = 150.0;
const SMALL_AXIS: f64 = 22.0;
/// The rows labels are put in: above the axis, then below, alternately.
const LEVELS_ABOVE: [f64; 4] = [112.0, 86.0, 60.0, 34.0];
const LEVELS_BELOW: [f64; 4] = [176.0, 202.0, 228.0, 254.0];
/// An average character's width at the labels' size, to keep labels apart.
const CHAR_WIDTH: f64 = 6.2;

/// The class, the shape and the word for a state: colour is never the only sign.
pub(super) fn look(state: State) -> (&'static str, &'static str) {
    match state {
        State::Done => ("done", "●"),
        State::Due => ("due", "○"),
        State::Overdue => ("overdue", "▲"),
        State::NotYet => ("notyet", "□"),
        State::Information => ("info", "◆"),
    }
}

/// A step's date on the axis: when it happened, else its deadline.
fn date_of(step: &Step) -> Option<NaiveDate> {
    step.done_on.or(step.due)
}

/// The mark of a state at (x, y), `r` its size.
fn mark(state: State, x: f64, y: f64, r: f64) -> String {
    let class = look(state).0;
    match state {
        State::Done => format!(r#"<circle class="m {class}" cx="{x:.1}" cy="{y:.1}" r="{r:.1}"/>"#),
        State::Due => format!(r#"<circle class="m {class} hollow" cx="{x:.1}" cy="{y:.1}" r="{r:.1}"/>"#),
        State::Overdue => format!(
            r#"<path class="m {class}" d="M{:.1} {:.1} L{:.1} {:.1} L{:.1} {:.1} Z"/>"#,
            x,
            y - r * 1.2,
            x + r * 1.1,
            y + r * 0.8,
            x - r * 1.1,
            y + r * 0.8
        ),
        State::NotYet => {
            format!(
                r#"<rect class="m {class} hollow" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/>"#,
                x - r,
                y - r,
                2.0 * r,
                2.0 * r
            )
        }
        State::Information => format!(
            r#"<path class="m {class} hollow" d="M{x:.1} {:.1} L{:.1} {y:.1} L{x:.1} {:.1} L{:.1} {y:.1} Z"/>"#,
            y - r * 1.2,
            x + r * 1.2,
            y + r * 1.2,
            x - r * 1.2
        ),
    }
}

/// The days from `start` to `date`, as a position between the margins of a drawing `width` wide.
struct Scale {
    start: NaiveDate,
    days: f64,
    width: f64,
}

impl Scale {
    fn of(l: &Lifecycle, width: f64) -> Scale {
        let dates: Vec<NaiveDate> = l.steps.iter().filter_map(date_of).chain([l.as_of]).collect();
        let first = dates.iter().min().copied().unwrap_or(l.as_of);
        let last = dates.iter().max().copied().unwrap_or(l.as_of);
        let pad = ((last - first).num_days() / 30).max(15);
        let start = first - chrono::Duration::days(pad);
        let end = last + chrono::Duration::days(pad);
        Scale { start, days: (end - start).num_days().max(1) as f64, width }
    }

    fn x(&self, date: NaiveDate) -> f64 {
        MARGIN + (date - self.start).num_days() as f64 / self.days * (self.width - 2.0 * MARGIN)
    }

    fn contains(&self, date: NaiveDate) -> bool {
        (MARGIN..=self.width - MARGIN).contains(&self.x(date))
    }
}

/// The full timeline of one agreement, labelled; `id` makes its accessible names unique on the
/// page.
pub(super) fn full(l: &Lifecycle, reform: Option<NaiveDate>, id: usize) -> String {
    let scale = Scale::of(l, WIDTH);
    let esc = crate::output::html::esc;
    let mut svg = format!(
        r#"<svg class="timeline" viewBox="0 0 {WIDTH} 280" role="img" aria-labelledby="tl-{id}"><title id="tl-{id}">{}</title>"#,
        esc(&format!("Tidslinje for {} pr. {}", l.title, danish::date(l.as_of)))
    );
    years(&mut svg, &scale, AXIS, true);
    let councils = l.steps.iter().find(|s| s.councils.is_some());
    let opened = l.steps.iter().find(|s| s.key == "udvalg").and_then(|s| s.done_on);
    if let (Some(step), Some(from)) = (councils, opened)
        && let Some(to) = step.due.filter(|to| *to > from)
    {
        let (x0, x1) = (scale.x(from), scale.x(to));
        let _ = write!(
            svg,
            r#"<g><title>{}</title><rect class="window" x="{x0:.1}" y="{:.1}" width="{:.1}" height="16"/></g>"#,
            esc(&format!(
                "Godkendelsesrunden: fra udvalgets forslag {} til svarfristen {}",
                danish::date(from),
                danish::date(to)
            )),
            AXIS - 8.0,
            x1 - x0
        );
    }
    // The dates marked across the drawing go first, so that the steps' labels lie on top.
    marker(&mut svg, &scale, l.as_of, &format!("pr. {}", danish::date(l.as_of)), "asof", 12.0);
    // The reform's start, where it falls inside the agreement's life.
    if let Some(reform) = reform.filter(|d| scale.contains(*d)) {
        marker(&mut svg, &scale, reform, &format!("Reformen {}", danish::date(reform)), "reform", 276.0);
    }
    let mut ends = [f64::MIN; 8];
    let mut dated: Vec<&Step> = l.steps.iter().filter(|s| date_of(s).is_some()).collect();
    dated.sort_by_key(|s| date_of(s));
    for step in dated {
        let Some(date) = date_of(step) else { continue };
        let x = scale.x(date);
        let when = match (step.done_on, step.due) {
            (Some(done), _) => danish::date(done),
            (None, Some(due)) => format!("frist {}", danish::date(due)),
            (None, None) => String::new(),
        };
        let width = step.title.chars().count().max(when.chars().count()) as f64 * CHAR_WIDTH;
        let left = (x - width / 2.0).clamp(0.0, WIDTH - width);
        let level = (0..8).find(|&i| ends[i] < left).unwrap_or(7);
        ends[level] = left + width + 8.0;
        let y = if level % 2 == 0 { LEVELS_ABOVE[level / 2] } else { LEVELS_BELOW[level / 2] };
        let tie = if y < AXIS { (y + 16.0, AXIS - 9.0) } else { (AXIS + 9.0, y - 11.0) };
        let name = format!(
            "{}: {}{}",
            step.title,
            step.state.danish(),
            if when.is_empty() { String::new() } else { format!(", {when}") }
        );
        let _ = write!(
            svg,
            r#"<g><title>{}</title><line class="tie" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}"/>{}<text x="{:.1}" y="{y:.1}" class="label"><tspan class="step">{}</tspan><tspan x="{:.1}" dy="12">{}</tspan></text></g>"#,
            esc(&name),
            tie.0,
            tie.1,
            mark(step.state, x, AXIS, 6.0),
            left + width / 2.0,
            esc(&step.title),
            left + width / 2.0,
            esc(&when)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A small timeline for a row among several agreements: the marks, today and the years.
pub(super) fn small(l: &Lifecycle, id: usize) -> String {
    let scale = Scale::of(l, SMALL_WIDTH);
    let esc = crate::output::html::esc;
    let mut svg = format!(
        r#"<svg class="timeline small" viewBox="0 0 {SMALL_WIDTH} 44" role="img" aria-labelledby="ts-{id}"><title id="ts-{id}">{}</title>"#,
        esc(&format!("Tidslinje for {} pr. {}", l.title, danish::date(l.as_of)))
    );
    years(&mut svg, &scale, SMALL_AXIS, false);
    for step in l.steps.iter().filter(|s| date_of(s).is_some()) {
        let Some(date) = date_of(step) else { continue };
        let name = format!("{}: {}, {}", step.title, step.state.danish(), danish::date(date));
        let _ = write!(svg, "<g><title>{}</title>{}</g>", esc(&name), mark(step.state, scale.x(date), SMALL_AXIS, 5.0));
    }
    let x = scale.x(l.as_of);
    let _ = write!(svg, r#"<line class="asof" x1="{x:.1}" y1="4" x2="{x:.1}" y2="40"/>"#);
    svg.push_str("</svg>");
    svg
}

/// The axis with a tick and the year at each 1 January.
fn years(svg: &mut String, scale: &Scale, axis: f64, labelled: bool) {
    let _ =
        write!(svg, r#"<line class="axis" x1="{MARGIN}" y1="{axis}" x2="{:.1}" y2="{axis}"/>"#, scale.width - MARGIN);
    let first = scale.start.year() + 1;
    let last = (scale.start + chrono::Duration::days(scale.days as i64)).year();
    for year in first..=last {
        let Some(jan) = NaiveDate::from_ymd_opt(year, 1, 1) else { continue };
        let x = scale.x(jan);
        let _ = write!(
            svg,
            r#"<line class="tick" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}"/>"#,
            axis - 4.0,
            axis + 4.0
        );
        if labelled {
            let _ = write!(svg, r#"<text class="year" x="{:.1}" y="{:.1}">{year}</text>"#, x + 3.0, axis + 14.0);
        }
    }
}

/// A dated vertical line across the drawing, labelled at `label_y` (its top or its foot).
fn marker(svg: &mut String, scale: &Scale, date: NaiveDate, label: &str, class: &str, label_y: f64) {
    let x = scale.x(date);
    let esc = crate::output::html::esc;
    let anchor = if x > WIDTH * 0.8 {
        "end"
    } else if x < WIDTH * 0.2 {
        "start"
    } else {
        "middle"
    };
    let _ = write!(
        svg,
        r#"<g><title>{}</title><line class="{class}" x1="{x:.1}" y1="18" x2="{x:.1}" y2="264"/><text class="{class}-label" x="{x:.1}" y="{label_y:.1}" text-anchor="{anchor}">{}</text></g>"#,
        esc(label),
        esc(label)
    );
}
