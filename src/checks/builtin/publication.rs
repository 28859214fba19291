//! Publication: the region and every municipality publish the agreement at an https address.

use super::parties::{explain_stranger, match_municipality};
use super::*;
use crate::checks::{CheckOutcome, Context};
use crate::danish;
use crate::model::Span;
use crate::text;

/// A well-formed https address.
pub(super) fn is_https_url(text: &str) -> bool {
    url::Url::parse(text.trim()).is_ok_and(|u| u.scheme() == "https" && u.host_str().is_some_and(|h| h.contains('.')))
}

pub(super) fn publication(ctx: &Context) -> CheckOutcome {
    let submitted = ctx.loaded.agreement.behandling.as_ref().and_then(|b| b.indsendt.as_ref());
    if submitted.is_none_or(|d| d.value.0 > ctx.as_of) {
        return CheckOutcome::not_applicable("aftalen offentliggøres, når den er indgået og indsendt");
    }
    let region = ctx.region;
    let expected = ctx.reference.municipalities(region);
    let entries = ctx.loaded.agreement.publications();
    let mut outcome = CheckOutcome::passed();
    let mut invalid = Vec::new();
    let mut parties_found: Vec<String> = Vec::new();
    for (party, address) in entries {
        let name = if party.value.trim() == region.officielt_navn || party.value.trim() == region.navn {
            region.officielt_navn.clone()
        } else if let Some(m) = match_municipality(party, &expected) {
            m.navn.clone()
        } else if ctx.reference.other_participant(party).is_some() {
            // Almen praksis may publish the agreement too; it is not a party (§ 205).
            continue;
        } else {
            outcome = outcome.label(party.span, explain_stranger(ctx, party, &expected, invalid.len()).0);
            invalid.push(text::shown(&party.value));
            continue;
        };
        match address {
            Some(url) if is_https_url(url) => parties_found.push(name),
            Some(url) => {
                invalid.push(name);
                outcome = outcome.label(url.span, "ikke en gyldig https-adresse");
            }
            None => {
                invalid.push(name);
                outcome = outcome.label(party.span, "ingen adresse");
            }
        }
    }
    let all: Vec<String> =
        std::iter::once(region.officielt_navn.clone()).chain(expected.iter().map(|m| m.navn.clone())).collect();
    let missing: Vec<String> =
        all.iter().filter(|p| !parties_found.contains(p) && !invalid.contains(p)).cloned().collect();
    outcome = outcome.var("antal", all.len()).var("offentliggjort", parties_found.len());
    if missing.is_empty() && invalid.is_empty() {
        return outcome;
    }
    if !missing.is_empty() {
        let span = ctx
            .loaded
            .agreement
            .offentliggoerelse
            .as_ref()
            .map_or_else(|| root_span(ctx), |o| Span { len: 0, ..o.span });
        outcome = outcome.label(span, format!("mangler: {}", danish::list(&missing)));
    }
    outcome.verdict = crate::checks::Verdict::Failed;
    outcome
        .var("mangler", list_value(&missing))
        .var("antal_mangler", missing.len())
        .var("ugyldige", list_value(&invalid))
}
