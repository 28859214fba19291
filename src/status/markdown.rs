//! The status as Markdown, for an issue or a wiki page: every value from the agreement is
//! escaped so that it stays text.

use crate::danish;
use crate::lifecycle::Lifecycle;
use crate::text::markdown as md;

use super::{FileStatus, deadline, done, overview};

fn one(l: &Lifecycle) -> String {
    let mut out = format!(
        "## {} · {}\n\nStatus pr. {} · Fil: `{}`\n\n",
        md(&crate::text::shown_long(&l.title)),
        l.region,
        danish::date(l.as_of),
        crate::text::visible(&l.file).replace('`', "'")
    );
    if let Some(standing) = &l.reform_standing {
        out.push_str(&format!("Efter reformen: {standing}\n\n"));
    }
    out.push_str("| Trin | Status | Gennemført | Frist | Regel | Bemærkning |\n|---|---|---|---|---|---|\n");
    for step in &l.steps {
        let state = match step.state {
            crate::lifecycle::State::Overdue => format!("**{}**", step.state.danish()),
            _ => step.state.danish().to_owned(),
        };
        out.push_str(&format!(
            "| {} | {state} | {} | {} | {} | {} |\n",
            md(&step.title),
            done(step),
            deadline(step),
            step.rule.as_deref().map(md).unwrap_or_default(),
            step.detail.as_deref().map(md).unwrap_or_default(),
        ));
    }
    if let Some(next) = l.next() {
        out.push_str(&format!("\n**Næste:** {} ({})\n", md(&next.title), next.state.danish()));
    }
    out
}

/// The statuses of a run: a section per agreement for one, a table row per agreement for several.
pub fn render(statuses: &[FileStatus]) -> String {
    if let [FileStatus::Followed(l)] = statuses {
        return one(l);
    }
    let mut out = String::from("| Fil | Status |\n|---|---|\n");
    for status in statuses {
        let (file, line) = match status {
            FileStatus::Followed(l) => (&l.file, md(&overview(l))),
            FileStatus::Unusable(u) => (&u.file, "kan ikke læses".to_owned()),
        };
        // A file name is shown: control, bidi and line-break characters made visible.
        out.push_str(&format!("| `{}` | {line} |\n", crate::text::visible(file).replace(['`', '|'], "'")));
    }
    out
}
