//! The agreement file, format 1, as a typed model.
//!
//! The contract is `../shared/spec/aftale-format.md`: keys are the Danish words region staff
//! write, so the struct fields carry those names. Every value a rule may cite is wrapped in
//! [`Sp`], which keeps where it stood in the file. The serde attributes here are plain serde;
//! only `crate::yaml` knows which YAML parser fills them.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

mod values;

use values::list_or_null;
pub use values::{Date, OrderedMap, Sp, Span, parse_date};

/// Municipal approvals: each municipality's name and its council's date (`null` while pending).
pub type Approvals = OrderedMap<Sp<String>, Option<Sp<Date>>>;

/// Where each party publishes the agreement: party name and web address.
pub type Publications = OrderedMap<Sp<String>, Option<Sp<String>>>;

/// One sundhedsaftale, as described in one file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "en sundhedsaftale: en tabel med nøgler som `format`, `titel` og `region`")]
pub struct Agreement {
    pub format: Sp<u32>,
    pub titel: Sp<String>,
    pub region: Sp<String>,
    #[serde(default)]
    pub version: Option<Sp<String>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub versioner: Vec<Sp<VersionEntry>>,
    #[serde(default, rename = "ikrafttrædelse")]
    pub ikrafttraedelse: Option<Sp<Date>>,
    #[serde(default, rename = "udløb")]
    pub udloeb: Option<Sp<Date>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub retsgrundlag: Vec<Sp<String>>,
    #[serde(default)]
    pub behandling: Option<Sp<Behandling>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub visioner: Vec<Sp<Named>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub principper: Vec<Sp<Named>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub temaer: Vec<Sp<Tema>>,
    #[serde(default)]
    pub grundlag: Option<Sp<Grundlag>>,
    #[serde(default, rename = "fokusområder", deserialize_with = "list_or_null")]
    pub fokusomraader: Vec<Sp<Fokusomraade>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub sundhedsklynger: Vec<Sp<Sundhedsklynge>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub samarbejdsaftaler: Vec<Sp<Samarbejdsaftale>>,
    #[serde(default, rename = "opfølgning")]
    pub opfoelgning: Option<Sp<Opfoelgning>>,
    #[serde(default, rename = "offentliggørelse")]
    pub offentliggoerelse: Option<Sp<Publications>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub afvigelser: Vec<Sp<Afvigelse>>,
}

/// One entry of the version history (`versioner`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "en version: `version`, `dato` og `ændringer`")]
pub struct VersionEntry {
    pub version: Sp<String>,
    #[serde(default)]
    pub dato: Option<Sp<Date>>,
    #[serde(default, rename = "ændringer")]
    pub aendringer: Option<Sp<String>>,
    /// The committee's approval of this version, when it was approved again after the first
    /// submission (Region Syddanmark's version 1 of 2019, approved 29 October 2019).
    #[serde(default)]
    pub godkendt: Option<Sp<Date>>,
    /// When this version was sent to Sundhedsstyrelsen.
    #[serde(default)]
    pub indsendt: Option<Sp<Date>>,
}

/// A vision or principle: a name and an optional text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "et punkt med `navn` og eventuelt `tekst`")]
pub struct Named {
    pub navn: Sp<String>,
    #[serde(default)]
    pub tekst: Option<Sp<String>>,
}

/// The political process (`behandling`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "behandlingen: en tabel med datoer for den politiske proces")]
pub struct Behandling {
    #[serde(default)]
    pub udarbejdet_af: Option<Sp<Udvalg>>,
    #[serde(default, rename = "høring")]
    pub hoering: Option<Sp<Periode>>,
    #[serde(default)]
    pub sundhedssamarbejdsudvalg: Option<Sp<Date>>,
    #[serde(default, rename = "regionsråd")]
    pub regionsraad: Option<Sp<Date>>,
    #[serde(default)]
    pub kommuner: Option<Sp<Approvals>>,
    #[serde(default)]
    pub indsendt: Option<Sp<Date>>,
    #[serde(default)]
    pub frist_udsat_til: Option<Sp<Date>>,
    #[serde(default)]
    pub frist_udsat_kilde: Option<Sp<String>>,
    #[serde(default)]
    pub sundhedsstyrelsen: Option<Sp<Afgoerelse>>,
}

/// The committee that drafted the agreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase", expecting = "`sundhedssamarbejdsudvalget` eller `sundhedskoordinationsudvalget`")]
pub enum Udvalg {
    Sundhedssamarbejdsudvalget,
    Sundhedskoordinationsudvalget,
}

/// A period with a first and a last day (`høring`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "en periode: `{ fra: ÅÅÅÅ-MM-DD, til: ÅÅÅÅ-MM-DD }`")]
pub struct Periode {
    pub fra: Sp<Date>,
    pub til: Sp<Date>,
}

/// Sundhedsstyrelsen's decision, once known.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "Sundhedsstyrelsens afgørelse: `modtaget`, `afgørelse` og `dato`")]
pub struct Afgoerelse {
    #[serde(default)]
    pub modtaget: Option<Sp<Date>>,
    #[serde(default, rename = "afgørelse")]
    pub afgoerelse: Option<Sp<Decision>>,
    #[serde(default)]
    pub dato: Option<Sp<Date>>,
}

/// `godkendt` or `ikke_godkendt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", expecting = "`godkendt` eller `ikke_godkendt`")]
pub enum Decision {
    Godkendt,
    IkkeGodkendt,
}

/// Tags the letter's "Øvrigt" section comments on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
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

/// The population- and data-based basis for target groups and efforts (`grundlag`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "grundlaget: `populationsbaseret`, `datakilder` og `beskrivelse`")]
pub struct Grundlag {
    #[serde(default)]
    pub populationsbaseret: Option<Sp<bool>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub datakilder: Vec<Sp<String>>,
    #[serde(default)]
    pub beskrivelse: Option<Sp<String>>,
}

/// A focus area with the agreement's common, binding goals (`fokusområder`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "et fokusområde med `navn`, `nationale_mål`, `målgrupper` og `mål`")]
pub struct Fokusomraade {
    pub navn: Sp<String>,
    #[serde(default, rename = "nationale_mål", deserialize_with = "list_or_null")]
    pub nationale_maal: Vec<Sp<GoalRef>>,
    #[serde(default, rename = "målgrupper", deserialize_with = "list_or_null")]
    pub maalgrupper: Vec<Sp<String>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub datagrundlag: Vec<Sp<String>>,
    #[serde(default, rename = "mål", deserialize_with = "list_or_null")]
    pub maal: Vec<Sp<Maal>>,
}

/// A reference to one of the eight national goals: its number or its exact Danish name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalRef {
    Number(i64),
    Name(String),
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

/// One goal (`mål`) with its delmål, succeskriterier and indicators.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "et mål med `tekst`, `delmål`, `succeskriterier` og `indikatorer`")]
pub struct Maal {
    pub tekst: Sp<String>,
    #[serde(default, rename = "delmål", deserialize_with = "list_or_null")]
    pub delmaal: Vec<Sp<String>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub succeskriterier: Vec<Sp<String>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub indikatorer: Vec<Sp<Indikator>>,
}

/// An indicator and the data source that measures it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "en indikator med `navn` og `datakilde`")]
pub struct Indikator {
    pub navn: Sp<String>,
    #[serde(default)]
    pub datakilde: Option<Sp<String>>,
}

/// A health cluster around an acute hospital.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "en sundhedsklynge med `navn`, `akutsygehus`, `kommuner` og `mål`")]
pub struct Sundhedsklynge {
    pub navn: Sp<String>,
    #[serde(default)]
    pub akutsygehus: Option<Sp<String>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub kommuner: Vec<Sp<String>>,
    #[serde(default, rename = "mål", deserialize_with = "list_or_null")]
    pub maal: Vec<Sp<String>>,
}

/// An agreement made under the sundhedsaftale.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "en samarbejdsaftale med `titel` og `fokusområder`")]
pub struct Samarbejdsaftale {
    pub titel: Sp<String>,
    #[serde(default, rename = "fokusområder", deserialize_with = "list_or_null")]
    pub fokusomraader: Vec<Sp<String>>,
}

/// Follow-up: data sources, yearly revision assessments and status reports.
#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "opfølgningen: `datakilder`, `revisionsvurderinger`, `midtvejsstatus` og `slutstatus`"
)]
pub struct Opfoelgning {
    #[serde(default, deserialize_with = "list_or_null")]
    pub datakilder: Vec<Sp<String>>,
    #[serde(default, deserialize_with = "list_or_null")]
    pub revisionsvurderinger: Vec<Sp<Date>>,
    #[serde(default)]
    pub midtvejsstatus: Option<Sp<StatusReport>>,
    #[serde(default)]
    pub slutstatus: Option<Sp<StatusReport>>,
}

/// A status report: the date it was sent, or while it lies ahead, the date planned.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "en status: `{ sendt: ÅÅÅÅ-MM-DD }` eller `{ planlagt: ÅÅÅÅ-MM-DD }`")]
pub struct StatusReport {
    #[serde(default)]
    pub sendt: Option<Sp<Date>>,
    #[serde(default)]
    pub planlagt: Option<Sp<Date>>,
}

/// A finding the parties accept, with their reason.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "en afvigelse: `regel` og `begrundelse`")]
pub struct Afvigelse {
    pub regel: Sp<String>,
    pub begrundelse: Sp<String>,
}

impl Agreement {
    /// The recorded municipal approvals, in file order (empty when none are listed).
    pub fn municipal_approvals(&self) -> &[(Sp<String>, Option<Sp<Date>>)] {
        self.behandling.as_ref().and_then(|b| b.kommuner.as_ref()).map(|k| k.value.0.as_slice()).unwrap_or(&[])
    }

    /// The publication entries, in file order.
    pub fn publications(&self) -> &[(Sp<String>, Option<Sp<String>>)] {
        self.offentliggoerelse.as_ref().map(|o| o.value.0.as_slice()).unwrap_or(&[])
    }
}
