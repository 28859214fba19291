//! Reference data: regions and municipalities by date, the eight national goals, and the
//! election calendar. The facts live in `rules/reference/*.yaml` with their sources.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use crate::embedded;
use crate::model::Date;

/// A region, with the dates it exists.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub navn: String,
    pub officielt_navn: String,
    #[serde(default)]
    pub fra: Option<Date>,
    #[serde(default)]
    pub til: Option<Date>,
    pub kilde: String,
    #[serde(default)]
    kommuner: Vec<Municipality>,
    /// A region formed by merging others takes their municipalities.
    #[serde(default)]
    kommuner_fra: Vec<String>,
}

/// No name in the reference data is anywhere near this long (in bytes, in any Unicode form): a
/// longer text is not compared, so a huge value costs nothing to look up.
const MAX_NAME_BYTES: usize = 256;

/// A municipality, by short and official name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    pub navn: String,
    pub officielt_navn: String,
}

impl Municipality {
    /// True when `name` is this municipality's short or official name.
    pub fn is_named(&self, name: &str) -> bool {
        if name.len() > MAX_NAME_BYTES {
            return false;
        }
        self.has_key(&crate::text::name_key(name))
    }

    /// True when `key`, a name already as compared ([`crate::text::name_key`]), is this
    /// municipality's short or official name: for loops that compare one name with many.
    pub fn has_key(&self, key: &str) -> bool {
        key == self.navn || key == self.officielt_navn
    }
}

/// A place that can never be a party (Christiansø).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotAParty {
    pub navn: String,
    #[serde(default)]
    pub andre_navne: Vec<String>,
    pub begrundelse: String,
    pub kilde: String,
}

/// Takes part in the cooperation and may be named in an agreement, but is not a party to it
/// (almen praksis).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherParticipant {
    pub navn: String,
    /// A name containing one of these words (lower case) is this participant.
    pub ord: Vec<String>,
    pub begrundelse: String,
    pub kilde: String,
}

/// The 2025 health reform: when the new structure begins, its sources, and what is not read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reform {
    pub navn: String,
    pub fra: Date,
    pub kilder: Vec<String>,
    pub ikke_verificeret: String,
    #[serde(rename = "efterfølger")]
    pub efterfoelger: String,
}

impl Reform {
    /// What is and is not known of the agreements' end, in one Danish sentence: L 214 abolishes
    /// them "i deres nuværende form", but when, and with which transitional rules, is not read.
    pub fn lapse_unread(&self) -> &'static str {
        "L 214 (2024-25) afskaffer sundhedsaftaler i deres nuværende form; hvornår, og hvilke \
         overgangsregler der gælder for de indgåede aftaler, er ikke læst."
    }
}

/// One of the eight national goals.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalGoal {
    pub nummer: i64,
    pub navn: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionsFile {
    regioner: Vec<Region>,
    andre_deltagere: Vec<OtherParticipant>,
    ikke_parter: Vec<NotAParty>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalsFile {
    #[allow(dead_code)]
    kilde: String,
    #[serde(rename = "mål")]
    maal: Vec<NationalGoal>,
}

/// When elections are held: every `interval_år` years from `valgår`, on the n-th given weekday
/// of the given month.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionCalendar {
    pub kilde: String,
    #[serde(rename = "valgår")]
    pub anchor_year: i32,
    #[serde(rename = "interval_år")]
    pub interval_years: i32,
    #[serde(rename = "valgmåned")]
    pub month: u32,
    #[serde(rename = "ugedag")]
    pub weekday: String,
    #[serde(rename = "uge_i_måneden")]
    pub nth: u8,
    pub kendte_valg: Vec<KnownElection>,
}

/// An election date read in a source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownElection {
    pub dato: Date,
    pub kilde: String,
}

/// An election period: 1 January after an election to 31 December four years later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ElectionPeriod {
    pub election: NaiveDate,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// All reference data.
#[derive(Debug)]
pub struct Reference {
    pub regions: Vec<Region>,
    pub not_parties: Vec<NotAParty>,
    pub other_participants: Vec<OtherParticipant>,
    pub reform: Reform,
    pub goals: Vec<NationalGoal>,
    pub elections: ElectionCalendar,
}

impl Reference {
    /// The reference data compiled into the binary.
    pub fn builtin() -> &'static Reference {
        static REFERENCE: OnceLock<Reference> = OnceLock::new();
        // Embedded at build time; the test `reference_data_loads` proves it parses.
        REFERENCE.get_or_init(|| Reference::parse().expect("embedded reference data is valid")) // ok: embedded, tested
    }

    fn parse() -> Result<Reference, String> {
        let read = |name: &str| {
            embedded::file(&format!("reference/{name}")).ok_or_else(|| format!("rules/reference/{name} mangler"))
        };
        let regions: RegionsFile =
            embedded::parse(read("regioner.yaml")?).map_err(|e| format!("regioner.yaml: {e}"))?;
        let goals: GoalsFile =
            embedded::parse(read("nationale-maal.yaml")?).map_err(|e| format!("nationale-maal.yaml: {e}"))?;
        let elections: ElectionCalendar =
            embedded::parse(read("valgperioder.yaml")?).map_err(|e| format!("valgperioder.yaml: {e}"))?;
        let reform: Reform = embedded::parse(read("reform.yaml")?).map_err(|e| format!("reform.yaml: {e}"))?;
        Ok(Reference {
            regions: regions.regioner,
            not_parties: regions.ikke_parter,
            other_participants: regions.andre_deltagere,
            reform,
            goals: goals.maal,
            elections,
        })
    }

    /// The participant that is not a party (almen praksis) a name refers to, if any.
    pub fn other_participant(&self, name: &str) -> Option<&OtherParticipant> {
        if name.len() > MAX_NAME_BYTES {
            return None;
        }
        let name = crate::text::name_key(name).to_lowercase();
        self.other_participants.iter().find(|p| {
            p.ord.iter().any(|w| {
                // Whole words only: "plo" must not match "Haderslev Kommune (ploven)".
                name.split(|c: char| !c.is_alphanumeric())
                    .collect::<Vec<_>>()
                    .windows(w.split(' ').count())
                    .any(|ws| ws.join(" ") == *w)
            })
        })
    }

    /// The region with this short or official name.
    pub fn region(&self, name: &str) -> Option<&Region> {
        if name.len() > MAX_NAME_BYTES {
            return None;
        }
        let name = crate::text::name_key(name);
        self.regions.iter().find(|r| r.navn == *name || r.officielt_navn == *name)
    }

    /// Every name a region may be written with, for "did you mean".
    pub fn region_names(&self) -> impl Iterator<Item = &str> {
        self.regions.iter().flat_map(|r| [r.navn.as_str(), r.officielt_navn.as_str()])
    }

    /// The region's municipalities (for a merged region, those of the regions it was formed from).
    pub fn municipalities<'a>(&'a self, region: &'a Region) -> Vec<&'a Municipality> {
        let mut all: Vec<&Municipality> = region.kommuner.iter().collect();
        for part in &region.kommuner_fra {
            if let Some(other) = self.region(part) {
                all.extend(other.kommuner.iter());
            }
        }
        all
    }

    /// The region that holds a region's duties on `date`: itself while it exists, else the
    /// region formed from it (Region Østdanmark from 1 January 2027, overgangslovens § 126).
    pub fn duty_holder<'a>(&'a self, region: &'a Region, date: NaiveDate) -> &'a Region {
        if region.exists_on(date) {
            return region;
        }
        self.regions_on(date).find(|r| r.kommuner_fra.contains(&region.navn)).unwrap_or(region)
    }

    /// The regions that exist on `date`.
    pub fn regions_on(&self, date: NaiveDate) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(move |r| r.exists_on(date))
    }

    /// The region (among those with their own municipality list) a municipality belongs to.
    pub fn region_of_municipality(&self, name: &str) -> Option<(&Region, &Municipality)> {
        if name.len() > MAX_NAME_BYTES {
            return None;
        }
        let name = crate::text::name_key(name);
        let named = |m: &&Municipality| m.navn == *name || m.officielt_navn == *name;
        self.regions.iter().find_map(|r| r.kommuner.iter().find(named).map(|m| (r, m)))
    }

    /// The place that can never be a party, if `name` names it.
    pub fn not_a_party(&self, name: &str) -> Option<&NotAParty> {
        if name.len() > MAX_NAME_BYTES {
            return None;
        }
        let name = crate::text::name_key(name);
        self.not_parties.iter().find(|p| p.navn == *name || p.andre_navne.iter().any(|n| *n == *name))
    }

    /// A national goal by number or exact name.
    pub fn goal_by_number(&self, number: i64) -> Option<&NationalGoal> {
        self.goals.iter().find(|g| g.nummer == number)
    }

    /// A national goal by its exact Danish name.
    pub fn goal_by_name(&self, name: &str) -> Option<&NationalGoal> {
        let name = crate::text::name_key(name);
        self.goals.iter().find(|g| g.navn == *name)
    }

    /// The national goal numbers a focus area links to, sorted, each once (names resolved;
    /// unknown ones dropped, since loading refuses them).
    pub fn goal_numbers(&self, goals: &[crate::model::Sp<crate::model::GoalRef>]) -> Vec<i64> {
        use crate::model::GoalRef;
        let mut numbers: Vec<i64> = goals
            .iter()
            .filter_map(|g| match &g.value {
                GoalRef::Number(n) => self.goal_by_number(*n).map(|g| g.nummer),
                GoalRef::Name(name) => self.goal_by_name(name).map(|g| g.nummer),
            })
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }

    /// The election period that contains `date`.
    pub fn election_period(&self, date: NaiveDate) -> ElectionPeriod {
        let cal = &self.elections;
        // The period containing `date` starts on 1 January of (election year + 1).
        let offset = (date.year() - 1 - cal.anchor_year).rem_euclid(cal.interval_years);
        let election_year = date.year() - 1 - offset;
        ElectionPeriod {
            election: self.election_day(election_year),
            start: ymd(election_year + 1, 1, 1),
            end: ymd(election_year + cal.interval_years, 12, 31),
        }
    }

    /// The election day in an election year (the n-th weekday of the month).
    pub fn election_day(&self, year: i32) -> NaiveDate {
        let cal = &self.elections;
        let weekday = match cal.weekday.as_str() {
            "mandag" => Weekday::Mon,
            "onsdag" => Weekday::Wed,
            "torsdag" => Weekday::Thu,
            "fredag" => Weekday::Fri,
            "lørdag" => Weekday::Sat,
            "søndag" => Weekday::Sun,
            _ => Weekday::Tue,
        };
        NaiveDate::from_weekday_of_month_opt(year, cal.month, weekday, cal.nth)
            .unwrap_or_else(|| ymd(year, cal.month, 1))
    }
}

impl Region {
    /// True when the region exists on `date`.
    pub fn exists_on(&self, date: NaiveDate) -> bool {
        self.fra.is_none_or(|f| f.0 <= date) && self.til.is_none_or(|t| date <= t.0)
    }
}

/// A date from parts known to be valid (1 January, 31 December, the first of a month).
pub fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reference_data_loads() {
        Reference::parse().unwrap();
    }

    #[test]
    fn there_are_98_municipalities_in_five_regions() {
        let r = Reference::builtin();
        let counts: Vec<(String, usize)> =
            r.regions_on(d("2024-01-01")).map(|reg| (reg.navn.clone(), r.municipalities(reg).len())).collect();
        let expected =
            [("Hovedstaden", 29), ("Sjælland", 17), ("Syddanmark", 22), ("Midtjylland", 19), ("Nordjylland", 11)];
        assert_eq!(counts, expected.map(|(n, c)| (n.to_owned(), c)));
    }

    #[test]
    fn oestdanmark_replaces_hovedstaden_and_sjaelland_in_2027() {
        let r = Reference::builtin();
        let names: Vec<&str> = r.regions_on(d("2027-01-01")).map(|reg| reg.navn.as_str()).collect();
        assert_eq!(names, ["Syddanmark", "Midtjylland", "Nordjylland", "Østdanmark"]);
        let oest = r.region("Region Østdanmark").unwrap();
        assert_eq!(r.municipalities(oest).len(), 46);
        assert!(!r.region("Hovedstaden").unwrap().exists_on(d("2027-01-01")));
        assert!(r.region("Hovedstaden").unwrap().exists_on(d("2026-12-31")));
    }

    #[test]
    fn official_names_are_accepted() {
        let r = Reference::builtin();
        assert_eq!(r.region_of_municipality("Københavns Kommune").unwrap().1.navn, "København");
        assert_eq!(r.region_of_municipality("Bornholms Regionskommune").unwrap().0.navn, "Hovedstaden");
        assert!(r.region_of_municipality("Christiansø").is_none());
        assert!(r.not_a_party("Christiansø").is_some());
    }

    #[test]
    fn election_formula_matches_known_elections() {
        let r = Reference::builtin();
        for known in &r.elections.kendte_valg {
            let year = known.dato.0.year();
            assert_eq!(r.election_day(year), known.dato.0, "{}", known.kilde);
        }
        assert_eq!(r.election_day(2017), d("2017-11-21"));
    }

    #[test]
    fn election_periods() {
        let r = Reference::builtin();
        let p = r.election_period(d("2023-09-26"));
        assert_eq!((p.start, p.end), (d("2022-01-01"), d("2025-12-31")));
        let p = r.election_period(d("2019-04-30"));
        assert_eq!((p.start, p.end), (d("2018-01-01"), d("2021-12-31")));
        let p = r.election_period(d("2022-01-01"));
        assert_eq!(p.start, d("2022-01-01"));
        let p = r.election_period(d("2021-12-31"));
        assert_eq!(p.start, d("2018-01-01"));
    }

    #[test]
    fn eight_goals_in_order() {
        let r = Reference::builtin();
        let numbers: Vec<i64> = r.goals.iter().map(|g| g.nummer).collect();
        assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
        assert_eq!(r.goal_by_number(7).unwrap().navn, "Flere sunde leveår");
    }
}
