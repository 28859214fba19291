//! The agreement's period and identity: four years from its entry into force, a title whose
//! years match, and a legal basis that is the one in force.

use chrono::Datelike;

use super::*;
use crate::checks::{CheckOutcome, Context};
use crate::text;

pub(super) fn period_four_years(ctx: &Context) -> CheckOutcome {
    let (Some(entry), Some(default)) = (ctx.dates.entry_into_force, ctx.dates.default_expiry) else {
        return CheckOutcome::not_applicable("aftalen angiver ingen ikrafttrædelsesdato");
    };
    let standard = CheckOutcome::passed().var("ikrafttrædelse", date_value(entry)).var("standard", date_value(default));
    match &ctx.loaded.agreement.udloeb {
        Some(stated) if stated.value.0 != default => {
            let mut o = standard.var("udløb", date_value(stated.value.0)).label(stated.span, "afviger fra fire år");
            o.verdict = crate::checks::Verdict::Failed;
            o
        }
        Some(stated) => standard.var("udløb", date_value(stated.value.0)),
        None => standard.var("udløb", date_value(default)),
    }
}

/// The first "YYYY-YYYY" (hyphen or dash) in a title. Works on the text as it is: a title may
/// be megabytes long, and nothing may grow with it but the time.
pub(super) fn title_year_range(title: &str) -> Option<(i32, i32)> {
    let bytes = title.as_bytes();
    // Four ASCII digits at a byte position (ASCII bytes are whole characters in UTF-8).
    let year_at = |at: usize| -> Option<i32> {
        let four = bytes.get(at..at + 4)?;
        four.iter().all(u8::is_ascii_digit).then(|| four.iter().fold(0, |n, d| n * 10 + i32::from(d - b'0')))
    };
    for i in 0..bytes.len() {
        let Some(first) = year_at(i) else { continue };
        if i > 0 && bytes[i - 1].is_ascii_digit() {
            continue;
        }
        let Some(rest) = title[i + 4..].trim_start().strip_prefix(['-', '–', '—']) else { continue };
        if let Some(second) = year_at(title.len() - rest.trim_start().len()) {
            return Some((first, second));
        }
    }
    None
}

pub(super) fn title_years(ctx: &Context) -> CheckOutcome {
    let title = &ctx.loaded.agreement.titel;
    let Some((from, to)) = title_year_range(title) else {
        return CheckOutcome::not_applicable("titlen nævner ingen årstal");
    };
    let (Some(entry), Some(expiry)) = (ctx.dates.entry_into_force, ctx.dates.expiry) else {
        return CheckOutcome::not_applicable("aftalen angiver ingen ikrafttrædelsesdato");
    };
    let outcome = CheckOutcome::from_bool(from == entry.year() && to == expiry.year())
        .var("titel_år", format!("{from}-{to}"))
        .var("periode", format!("{}-{}", entry.year(), expiry.year()))
        .var("ikrafttrædelse", date_value(entry))
        .var("udløb", date_value(expiry));
    if outcome.verdict == crate::checks::Verdict::Failed {
        return outcome.label(title.span, format!("perioden er {}-{}", entry.year(), expiry.year()));
    }
    outcome
}

/// The whole numbers in a citation ("BEK nr. 679 af 30. maj 2018" → 679, 30, 2018).
pub(super) fn numbers_in(text: &str) -> Vec<i64> {
    text.split(|c: char| !c.is_ascii_digit()).filter_map(|s| s.parse().ok()).collect()
}

pub(super) fn legal_basis_current(ctx: &Context) -> CheckOutcome {
    let current = ctx
        .pack
        .legal_basis
        .iter()
        .find(|i| i.kind == "bekendtgørelse")
        .map(|i| i.citation.as_str())
        .unwrap_or_default();
    let cited = &ctx.loaded.agreement.retsgrundlag;
    if cited.is_empty() {
        // The help names the current basis whatever the outcome.
        return CheckOutcome::not_applicable("aftalen angiver intet retsgrundlag").var("gældende", current);
    }
    let mut outcome = CheckOutcome::passed().var("gældende", current);
    let mut outdated = Vec::new();
    for citation in cited {
        let numbers = numbers_in(citation);
        let names = |i: &crate::rules::Instrument| matches!((i.number, i.year), (Some(n), Some(y)) if numbers.contains(&i64::from(n)) && numbers.contains(&i64::from(y)));
        let in_this_pack = ctx.pack.legal_basis.iter().any(names);
        let other = ctx
            .registry
            .packs
            .iter()
            .filter(|p| p.name != ctx.pack.name)
            .find_map(|p| p.legal_basis.iter().find(|i| names(i)).map(|i| (p, i)));
        if let (false, Some((pack, instrument))) = (in_this_pack, other) {
            outdated.push(text::shown_long(&citation.value));
            outcome =
                outcome.label(citation.span, format!("{} hører til regelsættet {}", instrument.citation, pack.name));
        }
    }
    if outdated.is_empty() {
        return outcome;
    }
    outcome.verdict = crate::checks::Verdict::Failed;
    outcome.var("forældede", list_value(&outdated))
}
