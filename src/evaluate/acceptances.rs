//! Accepted deviations: the agreement's own (`afvigelser`) and a repository configuration's,
//! checked against the rule pack and attached to the findings they accept.

use super::{EvaluationOptions, UnusedAcceptance};
use crate::codes::ErrorCode;
use crate::error::InputError;
use crate::finding::{Acceptance, AcceptanceOrigin, Finding, Status};
use crate::load::Loaded;
use crate::rules::Pack;

pub(super) fn collect_acceptances(
    loaded: &Loaded,
    pack: &Pack,
    options: &EvaluationOptions,
) -> Result<Vec<Acceptance>, Vec<InputError>> {
    let mut errors = Vec::new();
    let mut acceptances = Vec::new();
    for a in &loaded.agreement.afvigelser {
        let id = a.regel.value.trim();
        if pack.rule(id).is_none() {
            let ids: Vec<&str> = pack.rules().iter().map(|r| r.id.as_str()).collect();
            errors.push(crate::rules::unknown_rule(
                id,
                &ids,
                &loaded.source,
                a.regel.span,
                format!(
                    "afvigelsen nævner reglen «{}», som ikke findes i regelsættet {}",
                    crate::text::shown(id),
                    pack.name
                ),
                &format!("Se `aftale rules --ruleset {}` for regelsættets regler.", pack.name),
            ));
            continue;
        }
        if a.begrundelse.trim().is_empty() {
            errors.push(
                InputError::at(
                    ErrorCode::DeviationWithoutReason,
                    &loaded.source,
                    Some(a.begrundelse.span),
                    "en afvigelse skal have en begrundelse".to_owned(),
                    "tom begrundelse",
                )
                .with_help("Skriv, hvorfor parterne accepterer afvigelsen."),
            );
            continue;
        }
        acceptances.push(Acceptance {
            rule: id.to_owned(),
            reason: a.begrundelse.value.trim().to_owned(),
            origin: AcceptanceOrigin::Agreement(a.regel.span),
        });
    }
    acceptances.extend(options.acceptances.iter().cloned());
    if errors.is_empty() { Ok(acceptances) } else { Err(errors) }
}

/// Marks accepted findings; returns the agreement's own acceptances that matched nothing.
/// (A repository configuration's acceptances cover many files; whether one was used anywhere is
/// decided for the whole run, in `crate::run`.)
pub(super) fn apply_acceptances(findings: &mut [Finding], acceptances: Vec<Acceptance>) -> Vec<UnusedAcceptance> {
    let mut unused = Vec::new();
    for acceptance in acceptances {
        if matches!(acceptance.origin, AcceptanceOrigin::Config { .. }) {
            if let Some(f) = findings
                .iter_mut()
                .find(|f| f.rule.id == acceptance.rule && f.status == Status::Failed && f.acceptance.is_none())
            {
                f.acceptance = Some(acceptance);
            }
            continue;
        }
        match findings.iter_mut().find(|f| f.rule.id == acceptance.rule) {
            Some(f) if f.status == Status::Failed && f.acceptance.is_none() => {
                f.acceptance = Some(acceptance);
            }
            Some(f) if f.status == Status::Failed => unused.push(UnusedAcceptance {
                acceptance,
                why: "reglen er allerede accepteret af en anden afvigelse".to_owned(),
            }),
            Some(f) => {
                let why = match f.status {
                    Status::NotApplicable => "reglen er ikke relevant for aftalen",
                    _ => "reglen er opfyldt",
                };
                unused.push(UnusedAcceptance { acceptance, why: why.to_owned() });
            }
            None => {
                unused.push(UnusedAcceptance { acceptance, why: "reglen gælder ikke for aftalens datoer".to_owned() })
            }
        }
    }
    unused
}
