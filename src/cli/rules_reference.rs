//! `aftale rules --format markdown`: every pack's rules as one document, committed as
//! `docs/regler.md` (a test keeps the two equal). It shows what `aftale explain` shows for each
//! rule, with the message and help its failing example gives (which `explain` shows too).

use std::fmt::Write as _;

use aftale::error::SourceFile;
use aftale::evaluate::{self, EvaluationOptions};
use aftale::load;
use aftale::reference::Reference;
use aftale::rules::{Pack, Registry, Rule};
use chrono::NaiveDate;

/// The date the examples' messages are given for, unless an example names its own: a fixed date,
/// so that the document does not change with the day it is made.
const EXAMPLE_DATE: (i32, u32, u32) = (2026, 11, 22);

/// Text of ours as Markdown that stays text.
fn md(text: &str) -> String {
    aftale::text::markdown(text.trim())
}

/// The rules reference for these packs.
pub fn markdown(registry: &Registry, packs: &[&Pack]) -> String {
    let date = NaiveDate::from_ymd_opt(EXAMPLE_DATE.0, EXAMPLE_DATE.1, EXAMPLE_DATE.2).unwrap_or_default();
    let mut out = String::from("# Regler\n\n");
    let _ = writeln!(
        out,
        "Genereret med `aftale rules --format markdown`; rediger regelfilerne under `rules/`, ikke dette \
         dokument. Eksemplernes fund er vurderet pr. {}, medmindre eksemplet angiver en dato.\n",
        aftale::danish::date(date)
    );
    for pack in packs {
        let _ = writeln!(out, "- [{}](#{}): {}", pack.name, pack.name, md(&pack.title));
    }
    for pack in packs {
        let _ = writeln!(out, "\n## {}\n\n{}\n", pack.name, md(&pack.title));
        let _ = writeln!(out, "- Retsgrundlag: {}", md(&pack.basis_line()));
        let _ = writeln!(out, "- Gælder for aftaler med ikrafttrædelse {}", pack.applies.danish());
        if let Some(notes) = &pack.notes {
            let _ = writeln!(out, "- Noter: {}", md(notes));
        }
        out.push_str("\n| Regel | Titel | Niveau | Overskrift | Citat / henvisning læst |\n|---|---|---|---|---|\n");
        for r in pack.rules() {
            let verified = r.evidence.yes_no();
            let _ = writeln!(
                out,
                "| [{}](#{}-{}) | {} | {} | {} | {verified} |",
                r.id,
                pack.name,
                r.id.to_lowercase(),
                md(&r.title),
                r.level.danish(),
                r.heading.title()
            );
        }
        for r in pack.rules() {
            rule(&mut out, r, registry, date);
        }
    }
    out
}

fn rule(out: &mut String, r: &Rule, registry: &Registry, date: NaiveDate) {
    let _ = writeln!(out, "\n### {}-{}\n\n**{} {}**\n", r.pack, r.id.to_lowercase(), r.id, md(&r.title));
    let _ = writeln!(out, "- Niveau: {}", r.level.danish());
    let _ = writeln!(out, "- Overskrift: {}", r.heading.title());
    let source = r.source.cite();
    match &r.source.url {
        Some(url) => {
            let _ = writeln!(out, "- Kilde: {} (<{url}>)", md(&source));
        }
        None => {
            let _ = writeln!(out, "- Kilde: {}", md(&source));
        }
    }
    let _ = writeln!(out, "- Gælder: aftaler med ikrafttrædelse {}", r.applies.danish());
    if let Some(q) = &r.evidence.quote {
        let _ = writeln!(out, "- Citat: «{}» ({})", md(&q.tekst), md(&q.kilde));
    }
    let _ = writeln!(out, "- Status: {}", md(&r.evidence.danish()));
    let _ = writeln!(out, "- Regelfil: `{}`", r.file);
    let _ = writeln!(out, "\n{}", md(&r.docs().rationale));
    if let Some(notes) = &r.docs().notes {
        let _ = writeln!(out, "\n*Noter om kilderne:* {}", md(notes));
    }
    let (message, help) = failing_example(r, registry, date);
    let _ = writeln!(out, "\n*Fund i eksemplet, der ikke opfylder reglen:* {}", md(&message));
    let _ = writeln!(out, "\n*Sådan opfyldes reglen:* {}", md(&help));
}

/// The message and help the rule gives on its own failing example, so `explain` shows real
/// output rather than a template.
pub(super) fn failing_example(rule: &Rule, registry: &Registry, default_date: NaiveDate) -> (String, String) {
    let reference = Reference::builtin();
    let fallback = || (rule.message.clone(), rule.help.clone());
    let Ok(loaded) = load::load(SourceFile::new("eksempel.yaml", rule.docs().examples.fails.as_str()), reference)
    else {
        return fallback();
    };
    let as_of = rule.docs().examples.as_of.map_or(default_date, |d| d.0);
    let options = EvaluationOptions { ruleset: Some(rule.pack.clone()), ..EvaluationOptions::on(as_of) };
    let Ok(assessment) = evaluate::evaluate(loaded, registry, reference, &options) else {
        return fallback();
    };
    match assessment.findings.iter().find(|f| f.rule.id == rule.id) {
        Some(f) => (f.message.clone(), f.help.clone()),
        None => fallback(),
    }
}
