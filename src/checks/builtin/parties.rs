//! Who the agreement is between: the region exists on its dates, and all of its
//! municipalities and only they are parties and have approved it.

use super::*;
use crate::checks::{CheckOutcome, Context};
use crate::danish;
use crate::model::{Outcome, Span};
use crate::reference::Municipality;
use crate::suggest;
use crate::text;

pub(super) fn region_exists(ctx: &Context) -> CheckOutcome {
    let date = reference_date(ctx);
    let region = ctx.region;
    if region.exists_on(date) {
        return CheckOutcome::passed().var("region", region.officielt_navn.as_str()).var("dato", date_value(date));
    }
    let existing: Vec<String> = ctx.reference.regions_on(date).map(|r| r.officielt_navn.clone()).collect();
    // Where the region's municipalities belong on that date (a merged region's successor, or
    // the regions a merged region was formed from).
    let own = ctx.reference.municipalities(region);
    let holders: Vec<String> = ctx
        .reference
        .regions_on(date)
        .filter(|r| ctx.reference.municipalities(r).iter().any(|m| own.iter().any(|o| o.navn == m.navn)))
        .map(|r| r.officielt_navn.clone())
        .collect();
    let mut outcome = CheckOutcome::failed()
        .var("region", region.officielt_navn.as_str())
        .var("dato", date_value(date))
        .var("regioner", list_value(&existing))
        .label(ctx.loaded.agreement.region.span, format!("findes ikke pr. {}", danish::date(date)));
    if !holders.is_empty() {
        outcome = outcome.var("kommunerne_under", list_value(&holders));
    }
    outcome
}

/// Matches a name written in the file against the region's municipalities.
pub(super) fn match_municipality<'a>(name: &str, expected: &[&'a Municipality]) -> Option<&'a Municipality> {
    let key = text::name_key(name);
    expected.iter().copied().find(|m| m.has_key(&key))
}

/// Says why a name is not one of the region's municipalities, with a suggestion: the label's
/// text, and the message's (which adds the reason for places that are never a party). Only the
/// first [`text::LIST_ITEMS`] strangers of a list (`nth`) get a suggestion: it compares the
/// name with every municipality, and a message names no more than that anyway.
pub(super) fn explain_stranger(ctx: &Context, name: &str, expected: &[&Municipality], nth: usize) -> (String, String) {
    if let Some(place) = ctx.reference.not_a_party(name) {
        let short = format!("{} er aldrig part i en sundhedsaftale", place.navn);
        // "Christiansø er aldrig part i en sundhedsaftale: øen … administreres direkte af staten".
        let detail = format!("{short}: {}", place.begrundelse.trim().trim_end_matches('.'));
        return (short, detail);
    }
    if let Some((region, m)) = ctx.reference.region_of_municipality(name) {
        let short = format!("{} hører til {}", m.navn, region.officielt_navn);
        return (short.clone(), short);
    }
    let names = expected.iter().flat_map(|m| [m.navn.as_str(), m.officielt_navn.as_str()]);
    let suggestion = if nth < text::LIST_ITEMS { suggest::closest(name, names) } else { None };
    let short = match suggestion {
        Some(s) => format!("«{}» er ikke en kommune i regionen; mente du «{s}»?", text::shown(name)),
        None => format!("«{}» er ikke en kommune i regionen", text::shown(name)),
    };
    (short.clone(), short)
}

pub(super) fn municipalities_exact(ctx: &Context) -> CheckOutcome {
    let expected = ctx.reference.municipalities(ctx.region);
    let listed = ctx.loaded.agreement.municipal_approvals();
    let Some(map) = ctx.loaded.agreement.behandling.as_ref().and_then(|b| b.kommuner.as_ref()) else {
        let names: Vec<String> = expected.iter().map(|m| m.navn.clone()).collect();
        return CheckOutcome::failed()
            .var("region", ctx.region.officielt_navn.as_str())
            .var("antal", expected.len())
            .var("mangler", list_value(&names))
            .var("antal_mangler", names.len())
            .var("ingen", true)
            .label(behandling_span(ctx), "`behandling.kommuner` mangler");
    };
    let mut outcome = CheckOutcome::passed();
    let mut matched: Vec<&str> = Vec::new();
    let mut strangers = Vec::new();
    let mut duplicates = Vec::new();
    let mut others: Vec<String> = Vec::new();
    for (name, _) in listed {
        let found = match_municipality(name, &expected);
        if found.is_none()
            && let Some(p) = ctx.reference.other_participant(name)
        {
            // Almen praksis (PLO) takes part, but is not a party under § 205: noted, not an error.
            others.push(text::shown(&name.value));
            outcome = outcome.label(name.span, format!("{} er ikke part efter § 205; ignoreret", p.navn));
            continue;
        }
        match found {
            Some(m) if matched.contains(&m.navn.as_str()) => {
                duplicates.push(m.navn.clone());
                outcome = outcome.label(name.span, format!("{} står allerede på listen", m.navn));
            }
            Some(m) => matched.push(m.navn.as_str()),
            None => {
                let (short, detail) = explain_stranger(ctx, name, &expected, strangers.len());
                strangers.push(detail);
                outcome = outcome.label(name.span, short);
            }
        }
    }
    let missing: Vec<String> =
        expected.iter().filter(|m| !matched.contains(&m.navn.as_str())).map(|m| m.navn.clone()).collect();
    if !missing.is_empty() {
        outcome = outcome.label(Span { len: 0, ..map.span }, format!("mangler: {}", danish::list(&missing)));
    }
    if missing.is_empty() && strangers.is_empty() && duplicates.is_empty() {
        let outcome = outcome.var("antal", expected.len()).var("region", ctx.region.officielt_navn.as_str());
        if others.is_empty() {
            return outcome;
        }
        let mut noted = outcome.var("andre", list_value(&others)).var("kun_andre", true);
        noted.verdict = crate::checks::Verdict::Failed;
        return noted.only_information();
    }
    outcome.verdict = crate::checks::Verdict::Failed;
    outcome
        .var("region", ctx.region.officielt_navn.as_str())
        .var("antal", expected.len())
        .var("mangler", list_value(&missing))
        .var("antal_mangler", missing.len())
        .var("fremmede", text::capped(strangers))
        .var("dubletter", list_value(&duplicates))
        .var("andre", list_value(&others))
}

pub(super) fn municipal_approvals(ctx: &Context) -> CheckOutcome {
    let expected = ctx.reference.municipalities(ctx.region);
    let listed = ctx.loaded.agreement.municipal_approvals();
    let mut outcome = CheckOutcome::passed();
    let mut pending = Vec::new();
    let mut other = Vec::new();
    // Each name normalised once, not once for every municipality it is compared with.
    let keys: Vec<std::borrow::Cow<str>> = listed.iter().map(|(name, _)| text::name_key(name)).collect();
    for m in &expected {
        let found = listed.iter().zip(&keys).find(|(_, key)| m.has_key(key)).map(|(entry, _)| entry);
        let Some((name, decision)) = found else {
            pending.push(m.navn.clone());
            continue;
        };
        match decision.as_ref().map(|d| (d.value.outcome(), d)) {
            Some((Outcome::Approved(_), _)) => {}
            Some((Outcome::Other(date, words), d)) => {
                pending.push(m.navn.clone());
                other.push(format!("{} («{}», {})", m.navn, text::shown(&words), danish::date(date)));
                outcome = outcome
                    .label(d.value.date_span(d.span), format!("«{}» er ikke en godkendelse", text::shown(&words)));
            }
            _ => {
                pending.push(m.navn.clone());
                outcome = outcome.label(name.span, "afventer godkendelse");
            }
        }
    }
    let approved = expected.len() - pending.len();
    outcome = outcome.var("godkendt", approved).var("antal", expected.len());
    if pending.is_empty() {
        return outcome;
    }
    if outcome.labels.is_empty() {
        outcome = outcome.label(behandling_span(ctx), "godkendelser mangler");
    }
    if !other.is_empty() {
        outcome = outcome.var("andre", danish::list(&text::capped(other)));
    }
    outcome.verdict = crate::checks::Verdict::Failed;
    let missing = if approved == 0 {
        "kommunalbestyrelsernes godkendelse".to_owned()
    } else {
        format!("godkendelse fra {}", danish::list(&text::capped(pending.clone())))
    };
    outcome.var("mangler", list_value(&pending)).var("antal_mangler", pending.len()).unconcluded(missing)
}

/// What an agreement lacks without the regional council's approval.
const UNCONCLUDED_REGIONAL: &str = "regionsrådets godkendelse";

/// The regional council has approved the agreement: a date, or a recorded decision that
/// approves. A recorded decision that does not approve ("Udsat") is named.
pub(super) fn regional_council_approval(ctx: &Context) -> CheckOutcome {
    let council = ctx.loaded.agreement.behandling.as_ref().and_then(|b| b.regionsraad.as_ref());
    let Some(decision) = council else {
        // `regionsråd: null` points at its key; a missing key at `behandling`.
        let key = ctx.loaded.tree.get("behandling").and_then(|b| match &b.kind {
            crate::tree::NodeKind::Map(entries) => {
                entries.iter().find(|(k, _)| k.value == "regionsråd").map(|(k, _)| k.span)
            }
            _ => None,
        });
        let missing = CheckOutcome::failed().unconcluded(UNCONCLUDED_REGIONAL);
        return match key {
            Some(span) => missing.label(span, "afventer regionsrådets beslutning"),
            None => missing.label(behandling_span(ctx), "regionsrådets godkendelse mangler"),
        };
    };
    match decision.value.outcome() {
        Outcome::Approved(Some(date)) => CheckOutcome::passed().var("dato", danish::date(date)),
        Outcome::Approved(None) => CheckOutcome::passed().var("dato", "(datoen er ikke oplyst)"),
        Outcome::Other(date, words) => CheckOutcome::failed()
            .var("beslutning", text::shown(&words))
            .var("dato", danish::date(date))
            .unconcluded(UNCONCLUDED_REGIONAL)
            .label(
                decision.value.date_span(decision.span),
                format!("«{}» er ikke en godkendelse", text::shown(&words)),
            ),
        Outcome::Pending => CheckOutcome::failed()
            .unconcluded(UNCONCLUDED_REGIONAL)
            .label(decision.span, "afventer regionsrådets beslutning"),
    }
}

/// Every approval is dated on or before the submission it belongs to: the regional council's
/// and the municipal councils' before `behandling.indsendt`, and a later version's approval
/// (`versioner[].godkendt`) before that version's own `indsendt`, never before the first.
pub(super) fn approvals_before_submission(ctx: &Context) -> CheckOutcome {
    let agreement = &ctx.loaded.agreement;
    let behandling = agreement.behandling.as_ref();
    // Sundhedsstyrelsen's receipt bounds the sending date when that is not recorded.
    let received = behandling.and_then(|b| b.sundhedsstyrelsen.as_ref()).and_then(|s| s.modtaget.as_ref());
    let first = behandling.and_then(|b| b.indsendt.as_ref()).or(received).map(|d| d.value.0);
    let versions: Vec<_> = agreement
        .versioner
        .iter()
        .filter_map(|v| Some((&v.version.value, v.godkendt.as_ref()?, v.indsendt.as_ref()?.value.0)))
        .collect();
    if first.is_none() && versions.is_empty() {
        return CheckOutcome::not_applicable("hverken `indsendt` eller `sundhedsstyrelsen.modtaget` er angivet");
    }
    let mut outcome = CheckOutcome::passed();
    let mut late: Vec<String> = Vec::new();
    if let Some(limit) = first {
        outcome = outcome.var("grænse", danish::date(limit));
        let council = behandling.and_then(|b| b.regionsraad.as_ref()).map(|d| ("regionsråd".to_owned(), d));
        let municipalities =
            agreement.municipal_approvals().iter().filter_map(|(n, d)| Some((n.value.clone(), d.as_ref()?)));
        for (who, decision) in council.into_iter().chain(municipalities) {
            let Some(date) = decision.value.approved_on() else { continue };
            if date > limit {
                late.push(format!("{} ({})", text::shown(&who), danish::date(date)));
                outcome =
                    outcome.label(decision.value.date_span(decision.span), format!("efter {}", danish::date(limit)));
            }
        }
    }
    for (version, approved, sent) in versions {
        if approved.value.0 > sent {
            late.push(format!("version {} ({})", text::shown(version), danish::date(approved.value.0)));
            outcome = outcome.label(approved.span, format!("efter versionens indsendelse {}", danish::date(sent)));
        }
    }
    if late.is_empty() {
        return outcome;
    }
    outcome.verdict = crate::checks::Verdict::Failed;
    let antal = late.len();
    outcome.var("mangler", danish::list(&text::capped(late))).var("antal", antal)
}
