//! The agreement file, format 1, as a typed model.
//!
//! The contract is `../shared/spec/aftale-format.md`: keys are the Danish words region staff
//! write, so the struct fields carry those names. Every value a rule may cite is wrapped in
//! [`Sp`], which keeps where it stood in the file. The serde attributes here are plain serde;
//! only `crate::yaml` knows which YAML parser fills them.

use schemars::JsonSchema;
use serde::Deserialize;

mod council;
mod values;
mod words;

pub use council::{CommitteeStep, CouncilDecision, DecisionRecord, Outcome, approves};
use values::list_or_null;
pub use values::{Date, OrderedMap, Sp, Span, parse_date};
pub use words::{Decision, GoalRef, Tema, Udvalg};

/// Municipal approvals: each municipality's name and its council's decision, a date or the
/// record of decisions (`null` while pending).
pub type Approvals = OrderedMap<Sp<String>, Option<Sp<CouncilDecision>>>;

/// Where each party publishes the agreement: party name and web address.
pub type Publications = OrderedMap<Sp<String>, Option<Sp<String>>>;

/// One sundhedsaftale, as described in one file.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "En sundhedsaftale, beskrevet i én fil (format 1).")]
#[serde(deny_unknown_fields, expecting = "en sundhedsaftale: en tabel med nøgler som `format`, `titel` og `region`")]
pub struct Agreement {
    #[schemars(description = "Filformatets version; skal være 1.")]
    pub format: Sp<u32>,
    #[schemars(description = "Aftalens titel, som den står på forsiden, fx «Sundhedsaftale 2024-2027».")]
    pub titel: Sp<String>,
    #[schemars(
        description = "Regionen: Hovedstaden, Sjælland, Syddanmark, Midtjylland eller Nordjylland (også «Region Hovedstaden» osv.)."
    )]
    pub region: Sp<String>,
    #[schemars(
        description = "Aftalens eget versionsnummer, fx \"1.0\" eller 1.1; udelades, hvis aftalen ikke har et.",
        schema_with = "values::optional_version_schema"
    )]
    #[serde(default)]
    pub version: Option<Sp<String>>,
    #[schemars(description = "Versionshistorikken, nyeste sidst.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<VersionEntry>>>")]
    pub versioner: Vec<Sp<VersionEntry>>,
    #[schemars(
        description = "Den ikrafttrædelsesdato, aftalen selv angiver (ÅÅÅÅ-MM-DD); udelades, hvis den ikke angiver en."
    )]
    #[serde(default, rename = "ikrafttrædelse")]
    pub ikrafttraedelse: Option<Sp<Date>>,
    #[schemars(
        description = "Aftalens sidste dag (ÅÅÅÅ-MM-DD); standard er dagen før fireårsdagen for ikrafttrædelsen."
    )]
    #[serde(default, rename = "udløb")]
    pub udloeb: Option<Sp<Date>>,
    #[schemars(description = "Det retsgrundlag, aftalen citerer, fx «BEK nr. 1248 af 5. september 2022».")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<String>>>")]
    pub retsgrundlag: Vec<Sp<String>>,
    #[schemars(description = "Den politiske proces: udvalget, høringen, godkendelserne og indsendelsen.")]
    #[serde(default)]
    pub behandling: Option<Sp<Behandling>>,
    #[schemars(description = "Aftalens visioner.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<Named>>>")]
    pub visioner: Vec<Sp<Named>>,
    #[schemars(description = "Principperne for samarbejdet.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<Named>>>")]
    pub principper: Vec<Sp<Named>>,
    #[schemars(description = "Temaer, som brevets afsnit «Øvrigt» kommenterer.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<Tema>>>")]
    pub temaer: Vec<Sp<Tema>>,
    #[schemars(description = "Det populations- og databaserede grundlag for målgrupper og indsatser.")]
    #[serde(default)]
    pub grundlag: Option<Sp<Grundlag>>,
    #[schemars(description = "Aftalens fælles, forpligtende målsætninger, samlet i fokusområder.")]
    #[serde(default, rename = "fokusområder", deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<Fokusomraade>>>")]
    pub fokusomraader: Vec<Sp<Fokusomraade>>,
    #[schemars(description = "Regionens sundhedsklynger omkring hvert akutsygehus.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<Sundhedsklynge>>>")]
    pub sundhedsklynger: Vec<Sp<Sundhedsklynge>>,
    #[schemars(
        description = "Klyngerne, som aftalen beskriver dem, når den ikke navngiver dem: antallet og hvad de bygger på."
    )]
    #[serde(default)]
    pub klyngeorganisering: Option<Sp<Klyngeorganisering>>,
    #[schemars(description = "Aftaler indgået under sundhedsaftalen.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<Samarbejdsaftale>>>")]
    pub samarbejdsaftaler: Vec<Sp<Samarbejdsaftale>>,
    #[schemars(description = "Opfølgningen: datakilder, årlige revisionsvurderinger, midtvejs- og slutstatus.")]
    #[serde(default, rename = "opfølgning")]
    pub opfoelgning: Option<Sp<Opfoelgning>>,
    #[schemars(
        description = "Hvor hver part (regionen og hver kommune) offentliggør aftalen: partens navn og en https-adresse."
    )]
    #[serde(default, rename = "offentliggørelse")]
    pub offentliggoerelse: Option<Sp<Publications>>,
    #[schemars(
        description = "Fund, parterne accepterer, hver med sin begrundelse. Ændrer ikke vurderingen, kun om kørslen består."
    )]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<Afvigelse>>>")]
    pub afvigelser: Vec<Sp<Afvigelse>>,
}

/// One entry of the version history (`versioner`).
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "Én version i historikken.")]
#[serde(deny_unknown_fields, expecting = "en version: `version`, `dato` og `ændringer`")]
pub struct VersionEntry {
    #[schemars(description = "Versionsnummeret.", schema_with = "values::version_schema")]
    pub version: Sp<String>,
    #[schemars(description = "Versionens dato (ÅÅÅÅ-MM-DD).")]
    #[serde(default)]
    pub dato: Option<Sp<Date>>,
    #[schemars(description = "Hvad der er ændret.")]
    #[serde(default, rename = "ændringer")]
    pub aendringer: Option<Sp<String>>,
    #[schemars(
        description = "Udvalgets godkendelse af denne version, når den er godkendt igen efter den første indsendelse."
    )]
    /// The committee's approval of this version, when it was approved again after the first
    /// submission (Region Syddanmark's version 1 of 2019, approved 29 October 2019).
    #[serde(default)]
    pub godkendt: Option<Sp<Date>>,
    #[schemars(description = "Datoen, denne version blev sendt til Sundhedsstyrelsen.")]
    /// When this version was sent to Sundhedsstyrelsen.
    #[serde(default)]
    pub indsendt: Option<Sp<Date>>,
}

/// A vision or principle: a name and an optional text.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "Et punkt med navn og eventuelt tekst.")]
#[serde(deny_unknown_fields, expecting = "et punkt med `navn` og eventuelt `tekst`")]
pub struct Named {
    #[schemars(description = "Navnet.")]
    pub navn: Sp<String>,
    #[schemars(description = "Teksten.")]
    #[serde(default)]
    pub tekst: Option<Sp<String>>,
}

/// The political process (`behandling`).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(description = "Den politiske proces.")]
#[serde(deny_unknown_fields, expecting = "behandlingen: en tabel med datoer for den politiske proces")]
pub struct Behandling {
    #[schemars(description = "Udvalget, der udarbejdede aftalen.")]
    #[serde(default)]
    pub udarbejdet_af: Option<Sp<Udvalg>>,
    #[schemars(description = "Høringsperioden.")]
    #[serde(default, rename = "høring")]
    pub hoering: Option<Sp<Periode>>,
    #[schemars(description = "Datoen, udvalget vedtog det endelige forslag.")]
    #[serde(default)]
    pub sundhedssamarbejdsudvalg: Option<Sp<Date>>,
    #[schemars(
        description = "Den dato, udvalget har bedt regionsrådet og kommunerne svare senest med godkendelsesdatoen."
    )]
    #[serde(default)]
    pub svarfrist: Option<Sp<Date>>,
    #[schemars(
        description = "Regionsrådets godkendelse (en dato eller beslutningen med forløbet); null, indtil den foreligger."
    )]
    #[serde(default, rename = "regionsråd")]
    pub regionsraad: Option<Sp<CouncilDecision>>,
    #[schemars(
        description = "Hver kommunalbestyrelses godkendelse (kort eller officielt navn): en dato eller beslutningen med forløbet; null, indtil den foreligger."
    )]
    #[serde(default)]
    pub kommuner: Option<Sp<Approvals>>,
    #[schemars(description = "Datoen, aftalen blev sendt til Sundhedsstyrelsen.")]
    #[serde(default)]
    pub indsendt: Option<Sp<Date>>,
    #[schemars(description = "En udsat indsendelsesfrist.")]
    #[serde(default)]
    pub frist_udsat_til: Option<Sp<Date>>,
    #[schemars(description = "Den akt eller det brev, der udsatte fristen.")]
    #[serde(default)]
    pub frist_udsat_kilde: Option<Sp<String>>,
    #[schemars(description = "Sundhedsstyrelsens afgørelse, når den kendes.")]
    #[serde(default)]
    pub sundhedsstyrelsen: Option<Sp<Afgoerelse>>,
}

/// A period with a first and a last day (`høring`).
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "En periode med første og sidste dag.")]
#[serde(deny_unknown_fields, expecting = "en periode: `{ fra: ÅÅÅÅ-MM-DD, til: ÅÅÅÅ-MM-DD }`")]
pub struct Periode {
    #[schemars(description = "Første dag (ÅÅÅÅ-MM-DD).")]
    pub fra: Sp<Date>,
    #[schemars(description = "Sidste dag (ÅÅÅÅ-MM-DD).")]
    pub til: Sp<Date>,
}

/// Sundhedsstyrelsen's decision, once known.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "Sundhedsstyrelsens afgørelse.")]
#[serde(deny_unknown_fields, expecting = "Sundhedsstyrelsens afgørelse: `modtaget`, `afgørelse` og `dato`")]
pub struct Afgoerelse {
    #[schemars(description = "Datoen, Sundhedsstyrelsen modtog aftalen.")]
    #[serde(default)]
    pub modtaget: Option<Sp<Date>>,
    #[schemars(description = "Afgørelsen: godkendt eller ikke_godkendt.")]
    #[serde(default, rename = "afgørelse")]
    pub afgoerelse: Option<Sp<Decision>>,
    #[schemars(description = "Afgørelsens dato.")]
    #[serde(default)]
    pub dato: Option<Sp<Date>>,
}

/// The population- and data-based basis for target groups and efforts (`grundlag`).
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "Grundlaget for målgrupper og indsatser.")]
#[serde(deny_unknown_fields, expecting = "grundlaget: `populationsbaseret`, `datakilder` og `beskrivelse`")]
pub struct Grundlag {
    #[schemars(description = "Om målgrupper og indsatser er valgt ud fra en populationsbaseret tilgang.")]
    #[serde(default)]
    pub populationsbaseret: Option<Sp<bool>>,
    #[schemars(description = "De datakilder, valget bygger på.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<String>>>")]
    pub datakilder: Vec<Sp<String>>,
    #[schemars(description = "Hvordan valget er gjort.")]
    #[serde(default)]
    pub beskrivelse: Option<Sp<String>>,
}

/// A focus area with the agreement's common, binding goals (`fokusområder`).
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "Et fokusområde med fælles, forpligtende mål.")]
#[serde(deny_unknown_fields, expecting = "et fokusområde med `navn`, `nationale_mål`, `målgrupper` og `mål`")]
pub struct Fokusomraade {
    #[schemars(description = "Fokusområdets navn.")]
    pub navn: Sp<String>,
    #[schemars(description = "De nationale mål (numrene 1-8 eller de præcise navne), fokusområdet understøtter.")]
    #[serde(default, rename = "nationale_mål", deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<GoalRef>>>")]
    pub nationale_maal: Vec<Sp<GoalRef>>,
    #[schemars(description = "Målgrupperne.")]
    #[serde(default, rename = "målgrupper", deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<String>>>")]
    pub maalgrupper: Vec<Sp<String>>,
    #[schemars(description = "De data, målgrupperne er valgt ud fra.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<String>>>")]
    pub datagrundlag: Vec<Sp<String>>,
    #[schemars(description = "Fokusområdets mål.")]
    #[serde(default, rename = "mål", deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<Maal>>>")]
    pub maal: Vec<Sp<Maal>>,
}

/// One goal (`mål`) with its delmål, succeskriterier and indicators.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "Et mål med delmål, succeskriterier og indikatorer.")]
#[serde(deny_unknown_fields, expecting = "et mål med `tekst`, `delmål`, `succeskriterier` og `indikatorer`")]
pub struct Maal {
    #[schemars(description = "Målet.")]
    pub tekst: Sp<String>,
    #[schemars(description = "Delmål.")]
    #[serde(default, rename = "delmål", deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<String>>>")]
    pub delmaal: Vec<Sp<String>>,
    #[schemars(description = "Succeskriterier.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<String>>>")]
    pub succeskriterier: Vec<Sp<String>>,
    #[schemars(description = "Indikatorer, hver med navn og datakilde.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<Indikator>>>")]
    pub indikatorer: Vec<Sp<Indikator>>,
}

/// An indicator and the data source that measures it.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "En indikator og den datakilde, der måler den.")]
#[serde(deny_unknown_fields, expecting = "en indikator med `navn` og `datakilde`")]
pub struct Indikator {
    #[schemars(description = "Indikatorens navn.")]
    pub navn: Sp<String>,
    #[schemars(description = "Datakilden, fx LUP eller Sundhedsprofilen.")]
    #[serde(default)]
    pub datakilde: Option<Sp<String>>,
}

/// A health cluster around an acute hospital.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "En sundhedsklynge omkring et akutsygehus.")]
#[serde(deny_unknown_fields, expecting = "en sundhedsklynge med `navn`, `akutsygehus`, `kommuner` og `mål`")]
pub struct Sundhedsklynge {
    #[schemars(description = "Klyngens navn.")]
    pub navn: Sp<String>,
    #[schemars(description = "Akutsygehuset.")]
    #[serde(default)]
    pub akutsygehus: Option<Sp<String>>,
    #[schemars(description = "Klyngens kommuner; en kommune kan høre til flere klynger.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<String>>>")]
    pub kommuner: Vec<Sp<String>>,
    #[schemars(description = "Klyngens egne mål inden for aftalen.")]
    #[serde(default, rename = "mål", deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<String>>>")]
    pub maal: Vec<Sp<String>>,
}

/// The clusters as an agreement describes them without naming them (seed 002: "vores fem
/// sundhedsklynger", "etableret med udgangspunkt i planområder").
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "Sundhedsklyngerne, som aftalen beskriver dem uden at navngive dem.")]
#[serde(deny_unknown_fields, expecting = "en beskrivelse af klyngerne med `antal` og `beskrivelse`")]
pub struct Klyngeorganisering {
    #[schemars(description = "Antallet af klynger, som aftalen nævner det.")]
    #[serde(default)]
    pub antal: Option<Sp<u32>>,
    #[schemars(description = "Hvad klyngerne bygger på, med aftalens ord.")]
    #[serde(default)]
    pub beskrivelse: Option<Sp<String>>,
}

/// An agreement made under the sundhedsaftale.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "En aftale indgået under sundhedsaftalen.")]
#[serde(deny_unknown_fields, expecting = "en samarbejdsaftale med `titel` og `fokusområder`")]
pub struct Samarbejdsaftale {
    #[schemars(description = "Samarbejdsaftalens titel.")]
    pub titel: Sp<String>,
    #[schemars(description = "De fokusområder, den hører til (deres navne).")]
    #[serde(default, rename = "fokusområder", deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<String>>>")]
    pub fokusomraader: Vec<Sp<String>>,
}

/// Follow-up: data sources, yearly revision assessments and status reports.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "opfølgningen: `datakilder`, `revisionsvurderinger`, `midtvejsstatus` og `slutstatus`"
)]
#[schemars(description = "Opfølgningen på aftalen.")]
pub struct Opfoelgning {
    #[schemars(description = "Datakilderne, opfølgningen bygger på.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<String>>>")]
    pub datakilder: Vec<Sp<String>>,
    #[schemars(description = "Datoen for hver årlig vurdering af behovet for revision.")]
    #[serde(default, deserialize_with = "list_or_null")]
    #[schemars(with = "Option<Vec<Sp<Date>>>")]
    pub revisionsvurderinger: Vec<Sp<Date>>,
    #[schemars(description = "Midtvejsstatus: sendt eller planlagt.")]
    #[serde(default)]
    pub midtvejsstatus: Option<Sp<StatusReport>>,
    #[schemars(description = "Slutstatus: sendt eller planlagt.")]
    #[serde(default)]
    pub slutstatus: Option<Sp<StatusReport>>,
}

/// A status report: the date it was sent, or while it lies ahead, the date planned.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "En status: datoen, den blev sendt, eller mens den ligger forude, den planlagte dato.")]
#[serde(deny_unknown_fields, expecting = "en status: `{ sendt: ÅÅÅÅ-MM-DD }` eller `{ planlagt: ÅÅÅÅ-MM-DD }`")]
pub struct StatusReport {
    #[schemars(description = "Datoen, statussen blev sendt til Sundhedsstyrelsen.")]
    #[serde(default)]
    pub sendt: Option<Sp<Date>>,
    #[schemars(description = "Den planlagte dato.")]
    #[serde(default)]
    pub planlagt: Option<Sp<Date>>,
}

/// A finding the parties accept, with their reason.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(description = "Et fund, parterne accepterer.")]
#[serde(deny_unknown_fields, expecting = "en afvigelse: `regel` og `begrundelse`")]
pub struct Afvigelse {
    #[schemars(description = "Reglens id, fx SA023.")]
    pub regel: Sp<String>,
    #[schemars(description = "Hvorfor parterne accepterer afvigelsen.")]
    pub begrundelse: Sp<String>,
}

impl Agreement {
    /// The recorded municipal approvals, in file order (empty when none are listed).
    pub fn municipal_approvals(&self) -> &[(Sp<String>, Option<Sp<CouncilDecision>>)] {
        self.behandling.as_ref().and_then(|b| b.kommuner.as_ref()).map(|k| k.value.0.as_slice()).unwrap_or(&[])
    }

    /// The publication entries, in file order.
    pub fn publications(&self) -> &[(Sp<String>, Option<Sp<String>>)] {
        self.offentliggoerelse.as_ref().map(|o| o.value.0.as_slice()).unwrap_or(&[])
    }
}
