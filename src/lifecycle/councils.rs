//! The councils' approvals as of a date: the regional council and each municipal council of
//! the region, with its final decision.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::danish;
use crate::evaluate::Assessment;
use crate::model::{CouncilDecision, Outcome};
use crate::reference::Reference;

/// Where one council stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum CouncilState {
    /// Approved, on this date when the file records it.
    Approved { date: Option<NaiveDate> },
    /// Decided otherwise ("Udsat") on this date.
    Other { date: NaiveDate, decision: String },
    /// Not decided yet; the last committee that handled the case, if any.
    Pending { last_committee: Option<String> },
}

impl CouncilState {
    /// The date of the approval, if approved and the date is recorded.
    pub fn approved_on(&self) -> Option<NaiveDate> {
        match self {
            CouncilState::Approved { date } => *date,
            _ => None,
        }
    }

    /// Whether the council has approved.
    pub fn is_approved(&self) -> bool {
        matches!(self, CouncilState::Approved { .. })
    }

    /// What a person reads besides the state: the decision that is not an approval, or how far
    /// the case has come.
    pub fn detail(&self) -> Option<String> {
        match self {
            CouncilState::Approved { date: Some(_) } => None,
            CouncilState::Approved { date: None } => Some("godkendt; datoen er ikke oplyst".to_owned()),
            CouncilState::Other { date, decision } => {
                Some(format!("«{}» {} – ikke en godkendelse", crate::text::shown(decision), danish::date(*date)))
            }
            CouncilState::Pending { last_committee: Some(c) } => {
                Some(format!("senest behandlet i {}", crate::text::shown(c)))
            }
            CouncilState::Pending { last_committee: None } => None,
        }
    }
}

/// One council.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Council {
    pub name: String,
    #[serde(flatten)]
    pub state: CouncilState,
}

/// Every council that must approve the agreement.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Councils {
    pub regional: Council,
    pub municipalities: Vec<Council>,
}

impl Councils {
    /// The municipal councils that have not approved.
    pub fn pending(&self) -> Vec<&Council> {
        self.municipalities.iter().filter(|c| !c.state.is_approved()).collect()
    }

    /// "27 af 29 har godkendt; mangler: Samsø og Syddjurs".
    pub fn summary(&self) -> String {
        let pending: Vec<String> = self.pending().iter().map(|c| c.name.clone()).collect();
        let total = self.municipalities.len();
        let approved = total - pending.len();
        if pending.is_empty() {
            return format!("{approved} af {total} har godkendt");
        }
        let names = danish::list(&crate::text::capped(pending));
        format!("{approved} af {total} har godkendt; mangler: {names}")
    }
}

/// A council's state as of `as_of`: what was decided later has not been decided yet.
fn state_of(decision: Option<&CouncilDecision>, as_of: NaiveDate) -> CouncilState {
    let last_committee = |d: Option<&CouncilDecision>| match d {
        Some(CouncilDecision::Recorded(r)) => {
            r.forloeb.iter().rfind(|s| s.dato.value.0 <= as_of).map(|s| s.udvalg.value.clone())
        }
        _ => None,
    };
    match decision.map(CouncilDecision::outcome) {
        // An approval without a date is taken as made: the file records it as decided.
        Some(Outcome::Approved(date)) if date.is_none_or(|d| d <= as_of) => CouncilState::Approved { date },
        Some(Outcome::Other(date, decision)) if date <= as_of => CouncilState::Other { date, decision },
        _ => CouncilState::Pending { last_committee: last_committee(decision) },
    }
}

/// The councils of the agreement's region, in the reference data's order.
pub(super) fn tally(a: &Assessment, reference: &Reference, as_of: NaiveDate) -> Councils {
    let agreement = &a.loaded.agreement;
    let regional = agreement.behandling.as_ref().and_then(|b| b.regionsraad.as_ref()).map(|d| &d.value);
    let listed = agreement.municipal_approvals();
    let keys: Vec<std::borrow::Cow<str>> = listed.iter().map(|(name, _)| crate::text::name_key(name)).collect();
    let municipalities = reference
        .municipalities(a.region)
        .into_iter()
        .map(|m| {
            let found = listed.iter().zip(&keys).find(|(_, key)| m.has_key(key)).map(|(entry, _)| entry);
            let decision = found.and_then(|(_, d)| d.as_ref());
            Council { name: m.navn.clone(), state: state_of(decision.map(|d| &d.value), as_of) }
        })
        .collect();
    Councils {
        regional: Council {
            name: format!("Regionsrådet i {}", a.region.officielt_navn),
            state: state_of(regional, as_of),
        },
        municipalities,
    }
}
