//! `status --format html`: the approval round and the agreement's life as one self-contained,
//! print-ready page – a timeline (inline SVG), the councils as tiles with the count and the
//! reply deadline, and the steps as a table; for several files one row per agreement with its
//! small timeline. Everything comes from [`crate::lifecycle`], as in the other formats; every
//! value from the file is escaped text.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::timeline::{self, look};
use super::{FileStatus, deadline, done, next_step, overview};
use crate::danish;
use crate::lifecycle::{Council, CouncilState, Councils, Lifecycle, Step};
use crate::output::html::esc;

const CSS: &str = r#"
:root { --done: #1b6e3a; --due: #8a5a00; --overdue: #a4161a; --notyet: #5f6368; --info: #1f5f8b; --line: #d0d4d9; }
body { font-family: "Segoe UI", Calibri, Arial, sans-serif; font-size: 11pt; line-height: 1.4; color: #1d1d1f; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 1.4rem 0 .4rem; border-bottom: 1px solid var(--line); break-after: avoid; }
.identity { color: #444; margin: 0 0 .8rem; }
svg.timeline { width: 100%; height: auto; display: block; margin: .4rem 0 .8rem; }
svg.timeline.small { margin: 0; min-width: 18rem; } td.flow { width: 45%; }
.axis { stroke: #333; stroke-width: 1.5; } .tick { stroke: #333; } .year { font-size: 11px; fill: #444; }
.window { fill: #dfe7f1; stroke: #8aa2c0; stroke-dasharray: 4 2; }
.tie { stroke: #9aa0a6; stroke-width: .8; }
.label { font-size: 11px; text-anchor: middle; fill: #222; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; } .label .step { font-weight: 600; }
.m { stroke-width: 2; } .m.hollow { fill: #fff; }
.m.done { fill: var(--done); stroke: var(--done); } .m.due { stroke: var(--due); } .m.overdue { fill: var(--overdue); stroke: var(--overdue); }
.m.notyet { stroke: var(--notyet); } .m.info { stroke: var(--info); }
.asof { stroke: #000; stroke-width: 1.5; stroke-dasharray: 6 3; } .asof-label { font-size: 12px; font-weight: 700; }
.reform { stroke: var(--info); stroke-width: 1.2; stroke-dasharray: 2 3; } .reform-label { font-size: 11px; fill: var(--info); }
.legend { font-size: .9rem; color: #333; margin: 0 0 1rem; } .legend span { margin-right: 1.2rem; white-space: nowrap; }
td.state { white-space: nowrap; } .s-done { color: var(--done); } .s-due { color: var(--due); } .s-overdue { color: var(--overdue); font-weight: 600; } .s-notyet { color: var(--notyet); } .s-info { color: var(--info); }
.undated { font-size: .92rem; color: #333; } .count { font-weight: 600; margin: .2rem 0 .6rem; }
ul.tiles { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .4rem; }
.tile { border: 1px solid var(--line); border-left-width: 6px; padding: .3rem .5rem; break-inside: avoid; font-size: .92rem; }
.tile .what { display: block; font-size: .85rem; color: #333; }
.tile.approved { border-left-color: var(--done); } .tile.other { border-left-color: var(--overdue); border-left-style: double; }
.tile.pending { border-left-color: var(--notyet); border-left-style: dashed; } .tile.regional { grid-column: 1 / -1; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f2f4f6; }
table.steps th:nth-child(1) { width: 22%; } table.steps th:nth-child(3) { width: 13%; } table.steps th:nth-child(4) { width: 19%; } table.steps th:nth-child(5) { width: 6%; }
.file + .file { border-top: 3px double var(--line); margin-top: 2rem; padding-top: 1rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print { body { margin: 0; max-width: none; font-size: 9.5pt; } .file + .file { page-break-before: always; border: 0; } ul.tiles { grid-template-columns: repeat(4, 1fr); } }
"#;

/// The page for the statuses of a run.
pub fn render(statuses: &[FileStatus]) -> String {
    let reform = Some(crate::reference::Reference::builtin().reform.fra.0);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>aftale: status for sundhedsaftaler</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    );
    match statuses {
        [FileStatus::Followed(l)] => one(&mut out, l, reform),
        _ => several(&mut out, statuses),
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The states' signs, so that neither colour nor shape alone carries the meaning.
fn legend() -> String {
    use crate::lifecycle::State;
    let mut out = String::from("<p class=\"legend\">");
    for state in [State::Done, State::Due, State::Overdue, State::NotYet, State::Information] {
        let (class, sign) = look(state);
        let _ = write!(out, "<span class=\"s-{class}\">{sign} {}</span>", state.danish());
    }
    out.push_str("<span>┆ vurderingsdatoen</span><span>▭ godkendelsesrunden</span></p>\n");
    out
}

fn one(out: &mut String, l: &Lifecycle, reform: Option<NaiveDate>) {
    let _ = writeln!(out, "<section class=\"file\">\n<h1>{}</h1>", esc(&format!("{} · {}", l.title, l.region)));
    let _ =
        writeln!(out, "<p class=\"identity\">Status pr. {} · Fil: {}</p>", esc(&danish::date(l.as_of)), esc(&l.file));
    if let Some(standing) = &l.reform_standing {
        let _ = writeln!(out, "<p>{}</p>", esc(&format!("Efter reformen: {standing}")));
    }
    out.push_str("<h2>Aftalens forløb</h2>\n");
    out.push_str(&timeline::full(l, reform, 0));
    out.push_str(&legend());
    let undated: Vec<String> = l
        .steps
        .iter()
        .filter(|s| s.done_on.is_none() && s.due.is_none())
        .map(|s| format!("{} {} ({})", look(s.state).1, s.title, s.state.danish()))
        .collect();
    if !undated.is_empty() {
        let _ = writeln!(out, "<p class=\"undated\">Uden dato på tidslinjen: {}</p>", esc(&undated.join(" · ")));
    }
    if let Some(next) = next_step(l) {
        let _ = writeln!(out, "<p><strong>Næste:</strong> {}</p>", esc(&next));
    }
    if let Some(step) = l.steps.iter().find(|s| s.councils.is_some())
        && let Some(councils) = &step.councils
    {
        tiles(out, step, councils);
    }
    steps(out, l);
    out.push_str("</section>\n");
}

/// The councils as tiles, with the count and the reply deadline.
fn tiles(out: &mut String, step: &Step, councils: &Councils) {
    let total = councils.municipalities.len();
    let approved = total - councils.pending().len();
    let mut count = format!("{approved} af {total} kommunalbestyrelser har godkendt");
    if step.done_on.is_none() && step.due.is_some() {
        let _ = write!(count, " · svarfrist {}", deadline(step));
    }
    let _ = writeln!(out, "<h2>Godkendelser</h2>\n<p class=\"count\">{}</p>\n<ul class=\"tiles\">", esc(&count));
    tile(out, &councils.regional, true);
    for council in &councils.municipalities {
        tile(out, council, false);
    }
    out.push_str("</ul>\n");
}

fn tile(out: &mut String, council: &Council, regional: bool) {
    let (class, sign, word) = match &council.state {
        CouncilState::Approved { date: Some(d) } => ("approved", "✓", format!("godkendt {}", danish::date(*d))),
        CouncilState::Approved { date: None } => ("approved", "✓", "godkendt; datoen er ikke oplyst".to_owned()),
        CouncilState::Other { .. } => ("other", "✗", council.state.detail().unwrap_or_default()),
        CouncilState::Pending { .. } => {
            let detail = council.state.detail().map(|d| format!(" – {d}")).unwrap_or_default();
            ("pending", "◷", format!("afventer{detail}"))
        }
    };
    let regional_class = if regional { " regional" } else { "" };
    let _ = writeln!(
        out,
        "<li class=\"tile {class}{regional_class}\"><strong>{sign} {}</strong><span class=\"what\">{}</span></li>",
        esc(&council.name),
        esc(&word)
    );
}

/// Every step as a table, as the terminal shows it.
fn steps(out: &mut String, l: &Lifecycle) {
    out.push_str("<h2>Trin</h2>\n<table class=\"steps\">\n<thead><tr><th>Trin</th><th>Status</th><th>Gennemført</th><th>Frist</th><th>Regel</th><th>Bemærkning</th></tr></thead>\n<tbody>\n");
    for step in &l.steps {
        let (class, sign) = look(step.state);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"state s-{class}\">{sign} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&step.title),
            step.state.danish(),
            esc(&done(step)),
            esc(&deadline(step)),
            esc(step.rule.as_deref().unwrap_or("")),
            esc(step.detail.as_deref().unwrap_or(""))
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// One row per agreement, each with its small timeline.
fn several(out: &mut String, statuses: &[FileStatus]) {
    let as_of = statuses.iter().find_map(|s| match s {
        FileStatus::Followed(l) => Some(l.as_of),
        FileStatus::Unusable(_) => None,
    });
    let when = as_of.map(|d| format!(" pr. {}", danish::date(d))).unwrap_or_default();
    let _ = writeln!(out, "<h1>{}</h1>", esc(&format!("Sundhedsaftaler{when}")));
    out.push_str(&legend());
    out.push_str(
        "<table>\n<thead><tr><th>Fil</th><th>Aftale og næste skridt</th><th>Forløb</th></tr></thead>\n<tbody>\n",
    );
    for (i, status) in statuses.iter().enumerate() {
        match status {
            FileStatus::Followed(l) => {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td class=\"flow\">{}</td></tr>",
                    esc(&l.file),
                    esc(&overview(l)),
                    timeline::small(l, i)
                );
            }
            FileStatus::Unusable(u) => {
                let _ = writeln!(out, "<tr><td>{}</td><td>kan ikke læses</td><td></td></tr>", esc(&u.file));
            }
        }
    }
    out.push_str("</tbody>\n</table>\n");
}
