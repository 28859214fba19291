//! The closed vocabularies of the agreement file: the committee, the decision, the themes, and
//! a reference to a national goal.

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// The committee that drafted the agreement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(
    description = "Udvalget: sundhedssamarbejdsudvalget (fra 1. juli 2022) eller sundhedskoordinationsudvalget (før)."
)]
#[serde(rename_all = "lowercase", expecting = "`sundhedssamarbejdsudvalget` eller `sundhedskoordinationsudvalget`")]
pub enum Udvalg {
    #[default]
    Sundhedssamarbejdsudvalget,
    Sundhedskoordinationsudvalget,
}

impl Udvalg {
    /// The committee's name as a letter writes it: "Sundhedssamarbejdsudvalget".
    pub fn name(self) -> &'static str {
        match self {
            Udvalg::Sundhedssamarbejdsudvalget => "Sundhedssamarbejdsudvalget",
            Udvalg::Sundhedskoordinationsudvalget => "Sundhedskoordinationsudvalget",
        }
    }
}

/// `godkendt` or `ikke_godkendt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Sundhedsstyrelsens afgørelse.")]
#[serde(rename_all = "snake_case", expecting = "`godkendt` eller `ikke_godkendt`")]
pub enum Decision {
    Godkendt,
    IkkeGodkendt,
}

/// Tags the letter's "Øvrigt" section comments on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[schemars(description = "Et tema, som brevets afsnit «Øvrigt» kommenterer.")]
#[serde(rename_all = "snake_case", expecting = "et af de kendte temaer")]
pub enum Tema {
    #[serde(rename = "omstilling_til_det_primære_sundhedsvæsen")]
    OmstillingTilDetPrimaereSundhedsvaesen,
    Rekruttering,
    Sundhedsteknologi,
    Datadeling,
    Civilsamfund,
    Populationsansvar,
    Forebyggelse,
    LighedISundhed,
}

impl Tema {
    /// The key as written in the file.
    pub fn key(self) -> &'static str {
        match self {
            Tema::OmstillingTilDetPrimaereSundhedsvaesen => "omstilling_til_det_primære_sundhedsvæsen",
            Tema::Rekruttering => "rekruttering",
            Tema::Sundhedsteknologi => "sundhedsteknologi",
            Tema::Datadeling => "datadeling",
            Tema::Civilsamfund => "civilsamfund",
            Tema::Populationsansvar => "populationsansvar",
            Tema::Forebyggelse => "forebyggelse",
            Tema::LighedISundhed => "lighed_i_sundhed",
        }
    }
}

/// A reference to one of the eight national goals: its number or its exact Danish name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalRef {
    Number(i64),
    Name(String),
}

impl JsonSchema for GoalRef {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "NationaltMaal".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // The goals' names are added from the reference data (`crate::schema`).
        schemars::json_schema!({
            "description": "Et nationalt mål: dets nummer (1-8) eller dets præcise navn.",
            "anyOf": [
                { "type": "integer", "minimum": 1, "maximum": 8 },
                { "type": "string", "pattern": "^[1-8]$" },
                { "type": "string", "title": "navn" }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for GoalRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct GoalRefVisitor;
        impl Visitor<'_> for GoalRefVisitor {
            type Value = GoalRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("et nationalt måls nummer (1-8) eller dets navn")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<GoalRef, E> {
                Ok(GoalRef::Number(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<GoalRef, E> {
                Ok(GoalRef::Number(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<GoalRef, E> {
                Ok(match v.trim().parse::<i64>() {
                    Ok(n) => GoalRef::Number(n),
                    Err(_) => GoalRef::Name(v.to_owned()),
                })
            }
        }
        deserializer.deserialize_any(GoalRefVisitor)
    }
}
