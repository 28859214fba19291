//! A council's decision on the agreement: a date (`Albertslund: 2023-11-28`, the simple form),
//! or the record of decisions as a municipal case has it (seed 003): the committees the case
//! went through, each with its date and decision ("Tiltrådt"), and the council's own decision
//! ("Godkendt") and its date. Rules and the status view use the council's final decision.

use std::fmt;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::values::{Date, Sp, Span, list_or_null};

/// A council's decision: its date, or the full record.
#[derive(Debug, Clone)]
pub enum CouncilDecision {
    /// The date of the council's approval.
    Dated(Date),
    /// The decision and the committee path that led to it.
    Recorded(DecisionRecord),
}

/// The record of a council's decision (`beslutning`, `dato`, `forløb`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(description = "Rådets beslutning og det udvalgsforløb, der førte til den, som i sagsfremstillingen.")]
#[serde(deny_unknown_fields, expecting = "en beslutning: en tabel med `beslutning`, `dato` og `forløb`")]
pub struct DecisionRecord {
    #[schemars(
        description = "Rådets beslutning, fx «Godkendt»; udeladt betyder godkendt, når datoen er angivet. «Godkendt» uden dato er en godkendelse, hvis dato ikke er oplyst."
    )]
    #[serde(default)]
    pub beslutning: Option<Sp<String>>,
    #[schemars(
        description = "Datoen for rådets (den endelige) beslutning; udeladt, indtil den foreligger, eller når kilden ikke oplyser den."
    )]
    #[serde(default)]
    pub dato: Option<Sp<Date>>,
    #[schemars(description = "Udvalgenes behandling før rådets, i rækkefølge.")]
    #[serde(default, rename = "forløb", deserialize_with = "list_or_null")]
    pub forloeb: Vec<Sp<CommitteeStep>>,
}

/// One committee's handling of the case before the council's decision.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Et udvalgs behandling af sagen.")]
#[serde(deny_unknown_fields, expecting = "et udvalgs behandling: en tabel med `udvalg`, `dato` og `beslutning`")]
pub struct CommitteeStep {
    #[schemars(description = "Udvalget, fx «Økonomiudvalget».")]
    pub udvalg: Sp<String>,
    #[schemars(description = "Mødets dato.")]
    pub dato: Sp<Date>,
    #[schemars(description = "Udvalgets beslutning, fx «Tiltrådt».")]
    #[serde(default)]
    pub beslutning: Option<Sp<String>>,
}

/// What a council's final decision amounts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Approved, on this date when the file records it (`{ beslutning: Godkendt }` without a
    /// date is an approval whose date is not recorded).
    Approved(Option<NaiveDate>),
    /// Decided otherwise on this date ("Udsat", "Ikke godkendt"): the decision's words.
    Other(NaiveDate, String),
    /// No decision by the council yet.
    Pending,
}

/// Whether a decision's words approve: "Godkendt", "Tiltrådt" or "Vedtaget", alone or followed
/// by more words ("Godkendt med bemærkninger"), and without "ikke".
pub fn approves(words: &str) -> bool {
    // The words as a council usually records them, without lower-casing a copy.
    if matches!(words, "Godkendt" | "Tiltrådt" | "Vedtaget" | "godkendt" | "tiltrådt" | "vedtaget") {
        return true;
    }
    let lower = words.trim().trim_end_matches('.').to_lowercase();
    let first = lower.split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or_default();
    matches!(first, "godkendt" | "tiltrådt" | "vedtaget") && !lower.split_whitespace().any(|w| w == "ikke")
}

impl CouncilDecision {
    /// The council's final decision.
    pub fn outcome(&self) -> Outcome {
        match self {
            CouncilDecision::Dated(d) => Outcome::Approved(Some(d.0)),
            CouncilDecision::Recorded(r) => match (&r.dato, &r.beslutning) {
                (None, Some(words)) if approves(&words.value) => Outcome::Approved(None),
                (None, _) => Outcome::Pending,
                (Some(d), None) => Outcome::Approved(Some(d.value.0)),
                (Some(d), Some(words)) if approves(&words.value) => Outcome::Approved(Some(d.value.0)),
                (Some(d), Some(words)) => Outcome::Other(d.value.0, words.value.clone()),
            },
        }
    }

    /// The date of the council's approval, if it approved and the date is recorded.
    pub fn approved_on(&self) -> Option<NaiveDate> {
        match self.outcome() {
            Outcome::Approved(d) => d,
            _ => None,
        }
    }

    /// Whether the council approved (with or without a recorded date).
    pub fn approves(&self) -> bool {
        matches!(self.outcome(), Outcome::Approved(_))
    }

    /// Where the final decision's date stands in the file, given where the decision stands.
    pub fn date_span(&self, whole: Span) -> Span {
        match self {
            CouncilDecision::Recorded(DecisionRecord { dato: Some(d), .. }) => d.span,
            _ => whole,
        }
    }
}

impl<'de> Deserialize<'de> for CouncilDecision {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecisionVisitor;
        impl<'de> Visitor<'de> for DecisionVisitor {
            type Value = CouncilDecision;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en dato (ÅÅÅÅ-MM-DD) eller en tabel med `beslutning`, `dato` og `forløb`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CouncilDecision, E> {
                super::values::parse_date(v).map(|d| CouncilDecision::Dated(Date(d))).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CouncilDecision, A::Error> {
                DecisionRecord::deserialize(de::value::MapAccessDeserializer::new(map)).map(CouncilDecision::Recorded)
            }
        }
        deserializer.deserialize_any(DecisionVisitor)
    }
}

impl JsonSchema for CouncilDecision {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Beslutning".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let record = generator.subschema_for::<DecisionRecord>();
        schemars::json_schema!({
            "description": "Rådets godkendelsesdato, eller beslutningen med udvalgsforløbet.",
            "anyOf": [ generator.subschema_for::<Date>(), record ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_of_an_approval() {
        for yes in ["Godkendt", "Godkendt.", "tiltrådt", "Vedtaget", "Godkendt med bemærkninger"] {
            assert!(approves(yes), "{yes}");
        }
        for no in ["Ikke godkendt", "Udsat", "Forkastet", "Godkendt ikke", "Sendt tilbage", ""] {
            assert!(!approves(no), "{no}");
        }
    }
}
