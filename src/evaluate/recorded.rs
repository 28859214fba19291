//! Dates the file records after the `--as-of` date: a check as of an earlier date judges
//! events that had not happened yet, so the report warns (legal-review-3 D27).

use chrono::NaiveDate;

use crate::danish;
use crate::model::Agreement;

/// "indsendt 9. januar 2024", for every recorded date after `as_of`, in the file's order.
pub(super) fn after(agreement: &Agreement, as_of: NaiveDate) -> Vec<String> {
    let mut found = approval_round(agreement);
    if let Some(o) = &agreement.opfoelgning {
        found.extend(o.revisionsvurderinger.iter().map(|d| ("en revisionsvurdering", d.value.0)));
        found.extend(
            o.midtvejsstatus.as_ref().and_then(|r| r.sendt.as_ref()).map(|d| ("midtvejsstatus sendt", d.value.0)),
        );
        found.extend(o.slutstatus.as_ref().and_then(|r| r.sendt.as_ref()).map(|d| ("slutstatus sendt", d.value.0)));
    }
    found.into_iter().filter(|(_, d)| *d > as_of).map(|(what, d)| format!("{what} {}", danish::date(d))).collect()
}

/// The approval round's recorded dates, in the file's order: the committee's adoption, the
/// regional council's and the latest municipal approval, the submission, its receipt and
/// Sundhedsstyrelsen's decision.
pub fn approval_round(agreement: &Agreement) -> Vec<(&'static str, NaiveDate)> {
    let mut found: Vec<(&'static str, NaiveDate)> = Vec::new();
    if let Some(b) = &agreement.behandling {
        found.extend(b.sundhedssamarbejdsudvalg.as_ref().map(|d| ("udvalgets vedtagelse", d.value.0)));
        found.extend(
            b.regionsraad.as_ref().and_then(|d| d.value.approved_on()).map(|d| ("regionsrådets godkendelse", d)),
        );
        let latest = agreement.municipal_approvals().iter().filter_map(|(_, d)| d.as_ref()?.value.approved_on()).max();
        found.extend(latest.map(|d| ("en kommunalbestyrelses godkendelse", d)));
        found.extend(b.indsendt.as_ref().map(|d| ("indsendt", d.value.0)));
        if let Some(s) = &b.sundhedsstyrelsen {
            found.extend(s.modtaget.as_ref().map(|d| ("modtaget i Sundhedsstyrelsen", d.value.0)));
            found.extend(s.dato.as_ref().map(|d| ("Sundhedsstyrelsens afgørelse", d.value.0)));
        }
    }
    found
}
