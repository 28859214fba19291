//! Publication: the region and every municipality publish the agreement on its website. The
//! source asks for publication, not for a form of address: an address without https is a hint
//! (information), not a duty unmet (legal-review-3 D22).

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

/// An address a reader can follow: a web address with a host, with or without its scheme.
fn is_web_address(text: &str) -> bool {
    let text = text.trim();
    let parsed = if text.contains("://") { url::Url::parse(text) } else { url::Url::parse(&format!("https://{text}")) };
    parsed.is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| h.contains('.')))
}

pub(super) fn publication(ctx: &Context) -> CheckOutcome {
    // Submitted: sent, or received by Sundhedsstyrelsen, by the `--as-of` date.
    let behandling = ctx.loaded.agreement.behandling.as_ref();
    let sent = behandling.and_then(|b| b.indsendt.as_ref()).map(|d| d.value.0);
    let received = behandling.and_then(|b| b.sundhedsstyrelsen.as_ref()).and_then(|s| s.modtaget.as_ref());
    let submitted = sent.or(received.map(|d| d.value.0));
    if submitted.is_none_or(|d| d > ctx.as_of) {
        return CheckOutcome::not_applicable("aftalen offentliggøres, når den er indgået og indsendt");
    }
    let region = ctx.region;
    let expected = ctx.reference.municipalities(region);
    let entries = ctx.loaded.agreement.publications();
    let mut outcome = CheckOutcome::passed();
    let mut invalid = Vec::new();
    let mut without_https = Vec::new();
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
            Some(url) if is_web_address(url) => {
                outcome = outcome.label(url.span, "ikke en fuld https-adresse");
                without_https.push(name.clone());
                parties_found.push(name);
            }
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
        if without_https.is_empty() {
            return outcome;
        }
        // Published everywhere; some addresses are not full https addresses: a hint.
        outcome.verdict = crate::checks::Verdict::Failed;
        return outcome.var("uden_https", list_value(&without_https)).only_information();
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
    let outcome = outcome
        .var("mangler", list_value(&missing))
        .var("antal_mangler", missing.len())
        .var("ugyldige", list_value(&invalid))
        .var("uden_https", list_value(&without_https));
    // No source sets a time for publication: a publication not recorded is not a duty missed,
    // only information. An entry that is wrong (no usable address, not a party) is.
    if invalid.is_empty() { outcome.var("ikke_registreret", true).only_information() } else { outcome }
}
