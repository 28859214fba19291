//! What the agreement says, where the reading needs more than a data check: its entry into
//! force, the target groups it selects, the clusters' own goals, and the places left to fill.

use super::period::title_year_range;
use super::*;
use crate::checks::{CheckOutcome, Context};
use crate::text;

/// The agreement states when it enters into force (seed 001: "Det skal fremgå af aftalen,
/// hvornår den træder i kraft"). Sundhedsstyrelsen approved an agreement that names only its
/// period in the title (2024-2027): without a date, but with a period, it is information; with
/// neither, it is the requirement not met.
pub(super) fn entry_into_force_stated(ctx: &Context) -> CheckOutcome {
    if ctx.loaded.agreement.ikrafttraedelse.is_some() {
        return CheckOutcome::passed();
    }
    let missing = CheckOutcome::failed().label(root_span(ctx), "`ikrafttrædelse` mangler");
    match title_year_range(&ctx.loaded.agreement.titel.value) {
        Some((from, to)) => missing.var("periode", format!("{from}-{to}")).only_information(),
        None => missing,
    }
}

/// The focus areas that select target groups: Sundhedsstyrelsen's forward-looking advice
/// (vejledningens afsnit 3.4) follows from the selection, whatever data the agreement names.
pub(super) fn target_groups_selected(ctx: &Context) -> CheckOutcome {
    let selecting: Vec<_> = ctx.loaded.agreement.fokusomraader.iter().filter(|f| !f.maalgrupper.is_empty()).collect();
    if selecting.is_empty() {
        return CheckOutcome::passed();
    }
    let names: Vec<String> = selecting.iter().map(|f| text::shown(&f.navn.value)).collect();
    let mut outcome = CheckOutcome::failed().var("antal", names.len()).var("mangler", list_value(&names));
    for f in selecting.iter().take(text::LIST_ITEMS) {
        outcome = outcome.label(f.navn.span, "udvælger målgrupper");
    }
    outcome
}

/// Every cluster has goals of its own; an agreement that names no cluster sets none (every
/// region has clusters under BEK 1248/2022), so the advice of vejledningens afsnit 2.1 applies.
pub(super) fn clusters_own_goals(ctx: &Context) -> CheckOutcome {
    let clusters = &ctx.loaded.agreement.sundhedsklynger;
    if clusters.is_empty() {
        let span = ctx.loaded.agreement.klyngeorganisering.as_ref().map_or_else(|| root_span(ctx), |k| k.span);
        return CheckOutcome::failed().var("ingen", true).label(span, "ingen klynge har egne mål");
    }
    let without: Vec<_> = clusters.iter().filter(|c| c.maal.is_empty()).collect();
    if without.is_empty() {
        return CheckOutcome::passed().var("antal", clusters.len());
    }
    let names: Vec<String> = without.iter().map(|c| text::shown(&c.navn.value)).collect();
    let mut outcome = CheckOutcome::failed().var("antal", names.len()).var("mangler", list_value(&names));
    for c in without.iter().take(text::LIST_ITEMS) {
        outcome = outcome.label(c.navn.span, "ingen egne mål");
    }
    outcome
}

/// The places left to fill (`[[Udfyld: …]]`): each counts as missing for every rule, and this
/// finding lists them.
pub(super) fn no_places_left(ctx: &Context) -> CheckOutcome {
    let places = &ctx.loaded.vacancies;
    if places.is_empty() {
        return CheckOutcome::passed();
    }
    let listed: Vec<String> =
        places.iter().map(|p| format!("`{}` («{}»)", text::shown(&p.path), text::shown(&p.words))).collect();
    let mut outcome =
        CheckOutcome::failed().var("antal", places.len()).var("mangler", Value::from(text::capped(listed)));
    for p in places.iter().take(text::LIST_ITEMS) {
        outcome = outcome.label(p.span, "skal udfyldes");
    }
    outcome
}
