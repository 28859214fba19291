//! How the work is organised: clusters that cover the region, samarbejdsaftaler linked to
//! focus areas, and the themes the letter's Øvrigt section remarks on.

use super::parties::{explain_stranger, match_municipality};
use super::*;
use crate::checks::{CheckOutcome, Context};
use crate::danish;
use crate::suggest;
use crate::text;

pub(super) fn clusters_cover_region(ctx: &Context) -> CheckOutcome {
    let clusters = &ctx.loaded.agreement.sundhedsklynger;
    if clusters.is_empty() {
        if let Some(described) = &ctx.loaded.agreement.klyngeorganisering {
            let count = described.antal.as_ref().map(|n| format!("{} ", n.value)).unwrap_or_default();
            return CheckOutcome::not_applicable(format!(
                "aftalen beskriver {count}sundhedsklynger uden at navngive dem; hvilke kommuner de dækker, kan \
                 ikke kontrolleres"
            ));
        }
        return CheckOutcome::failed().var("ingen", true).label(root_span(ctx), "`sundhedsklynger` mangler");
    }
    let expected = ctx.reference.municipalities(ctx.region);
    let mut outcome = CheckOutcome::passed().var("antal_klynger", clusters.len());
    let mut covered: Vec<&str> = Vec::new();
    let mut strangers = Vec::new();
    let mut without_hospital = Vec::new();
    for cluster in clusters {
        if cluster.akutsygehus.as_ref().is_none_or(|h| h.trim().is_empty()) {
            without_hospital.push(text::shown(&cluster.navn.value));
            outcome = outcome.label(cluster.navn.span, "intet akutsygehus angivet");
        }
        for name in &cluster.kommuner {
            match match_municipality(name, &expected) {
                Some(m) => covered.push(m.navn.as_str()),
                None => {
                    let (short, detail) = explain_stranger(ctx, name, &expected, strangers.len());
                    strangers.push(detail);
                    outcome = outcome.label(name.span, short);
                }
            }
        }
    }
    let missing: Vec<String> =
        expected.iter().filter(|m| !covered.contains(&m.navn.as_str())).map(|m| m.navn.clone()).collect();
    if missing.is_empty() && strangers.is_empty() && without_hospital.is_empty() {
        return outcome;
    }
    if !missing.is_empty() {
        outcome = outcome.label(clusters[0].span, format!("ingen klynge dækker {}", danish::list(&missing)));
    }
    outcome.verdict = crate::checks::Verdict::Failed;
    outcome
        .var("mangler", list_value(&missing))
        .var("fremmede", text::capped(strangers))
        .var("uden_sygehus", list_value(&without_hospital))
}

pub(super) fn cooperation_agreements_link(ctx: &Context) -> CheckOutcome {
    let agreements = &ctx.loaded.agreement.samarbejdsaftaler;
    if agreements.is_empty() {
        return CheckOutcome::not_applicable("aftalen nævner ingen samarbejdsaftaler");
    }
    let areas: Vec<&str> = ctx.loaded.agreement.fokusomraader.iter().map(|f| f.navn.value.as_str()).collect();
    let area_set: std::collections::HashSet<String> = areas.iter().map(|a| text::name_key(a).into_owned()).collect();
    let mut outcome = CheckOutcome::passed().var("antal", agreements.len());
    let mut unlinked = Vec::new();
    let mut unknown = Vec::new();
    for a in agreements {
        if a.fokusomraader.is_empty() {
            unlinked.push(text::shown_long(&a.titel.value));
            outcome = outcome.label(a.titel.span, "knyttes ikke til et fokusområde");
        }
        for reference in &a.fokusomraader {
            if area_set.contains(text::name_key(reference).as_ref()) {
                continue;
            }
            // A suggestion compares with every area: only for the first few unknown names.
            let suggestion = if unknown.len() < text::LIST_ITEMS {
                suggest::closest(reference, areas.iter().copied())
            } else {
                None
            };
            let said = match suggestion {
                Some(s) => format!("«{}» findes ikke; mente du «{}»?", text::shown(reference), text::shown(s)),
                None => format!("«{}» er ikke et fokusområde i aftalen", text::shown(reference)),
            };
            unknown.push(said.clone());
            outcome = outcome.label(reference.span, said);
        }
    }
    if unlinked.is_empty() && unknown.is_empty() {
        return outcome;
    }
    outcome.verdict = crate::checks::Verdict::Failed;
    outcome
        .var("uden_kobling", list_value(&unlinked))
        .var("antal_uden_kobling", unlinked.len())
        .var("ukendte", text::capped(unknown))
}

pub(super) fn themes_observed(ctx: &Context) -> CheckOutcome {
    let themes = &ctx.loaded.agreement.temaer;
    if themes.is_empty() {
        return CheckOutcome::failed().label(root_span(ctx), "`temaer` mangler");
    }
    let keys: Vec<String> = themes.iter().map(|t| t.value.key().to_owned()).collect();
    let principles: Vec<String> = ctx.loaded.agreement.principper.iter().map(|p| p.navn.value.clone()).collect();
    CheckOutcome::passed().var("temaer", keys).var("principper", principles)
}
