//! What the importer found in a document, each value with its place, and the facts single
//! sentences and table rows state (a version, the region, dates with their meaning, counts,
//! clusters).

use chrono::NaiveDate;

use super::read::{Block, Place};
use super::words::{dates_in, list_items, number_word};

/// A value and where it stands.
#[derive(Debug, Clone)]
pub struct Item<T> {
    pub value: T,
    pub place: Place,
}

pub(super) fn item<T>(value: T, place: &Place) -> Item<T> {
    Item { value, place: place.clone() }
}

/// A focus area (or indsatsområde, tema …) with what the document says of it.
#[derive(Debug, Clone)]
pub struct Area {
    pub name: Item<String>,
    pub goals: Vec<Item<String>>,
    pub target_groups: Vec<Item<String>>,
    pub national_goals: Vec<Item<String>>,
    pub sub_goals: Vec<Item<String>>,
    pub criteria: Vec<Item<String>>,
    pub indicators: Vec<Item<String>>,
    pub data_basis: Vec<Item<String>>,
}

/// A cluster from a table: its name, hospital and municipalities.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub name: Item<String>,
    pub hospital: Option<Item<String>>,
    pub municipalities: Vec<Item<String>>,
}

/// Everything found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub title: Option<Item<String>>,
    pub region: Option<Item<String>>,
    pub version: Option<Item<String>>,
    pub entry_into_force: Option<Item<NaiveDate>>,
    pub expiry: Option<Item<NaiveDate>>,
    pub hearing: Option<(Item<NaiveDate>, Item<NaiveDate>)>,
    pub committee: Option<Item<NaiveDate>>,
    pub visions: Vec<Item<String>>,
    pub principles: Vec<Item<String>>,
    /// What the document calls its focus areas ("fokusområder", "indsatsområder", "temaer").
    pub area_word: Option<String>,
    pub areas: Vec<Area>,
    pub cooperation: Vec<Item<String>>,
    pub data_sources: Vec<Item<String>>,
    pub clusters: Vec<Cluster>,
    pub cluster_count: Option<Item<u32>>,
    pub cluster_basis: Option<Item<String>>,
    pub midterm: Option<Place>,
    pub final_status: Option<Place>,
    /// Where the follow-up speaks of revising the agreement or assessing it each year.
    pub revision: Option<Place>,
    /// What may be read two ways, in Danish.
    pub uncertain: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Other,
    Visions,
    Principles,
    Areas,
    FollowUp,
    Clusters,
    Cooperation,
}

/// Facts any block may state: the region, the version.
pub(super) fn find_facts(f: &mut Found, b: &Block, text: &str, regions: &[(&str, &str)]) {
    if f.version.is_none() {
        let words: Vec<&str> = text.split_whitespace().collect();
        if let Some(i) = words.iter().position(|w| w.eq_ignore_ascii_case("version"))
            && let Some(v) = words.get(i + 1).map(|v| v.trim_end_matches(['.', ',', ';', ')']))
            && v.chars().next().is_some_and(|c| c.is_ascii_digit())
            && v.chars().all(|c| c.is_ascii_digit() || c == '.')
        {
            f.version = Some(item(v.to_owned(), &b.place));
        }
    }
    if f.region.is_none() {
        for (short, official) in regions {
            if text.contains(official) {
                f.region = Some(item((*short).to_owned(), &b.place));
                break;
            }
        }
    }
}

/// Facts a sentence may state: dates with their meaning, the number of areas and clusters, the
/// follow-up's data sources, samarbejdsaftaler named as examples, the status reports.
pub(super) fn paragraph_facts(f: &mut Found, s: &str, place: &Place, section: Section, expected: &mut Option<u32>) {
    let lower = s.to_lowercase();
    let dates = dates_in(s);
    if lower.contains("træder i kraft")
        && f.entry_into_force.is_none()
        && let Some(d) = dates.first()
    {
        f.entry_into_force = Some(item(*d, place));
    }
    if (lower.contains("udløber") || lower.contains("gælder til og med"))
        && f.expiry.is_none()
        && let Some(d) = dates.last()
    {
        f.expiry = Some(item(*d, place));
    }
    if lower.contains("høring") && dates.len() >= 2 && f.hearing.is_none() {
        f.hearing = Some((item(dates[0], place), item(dates[1], place)));
    }
    if lower.contains("sundhedssamarbejdsudvalg")
        && ["godkend", "vedtog", "vedtaget", "behandlede"].iter().any(|w| lower.contains(w))
        && !lower.contains("høring")
        && f.committee.is_none()
        && let Some(d) = dates.first()
    {
        f.committee = Some(item(*d, place));
    }
    // "tre fokusområder", "fem sundhedsklynger"
    let words: Vec<&str> = s.split_whitespace().collect();
    for pair in words.windows(2) {
        let next = pair[1].to_lowercase();
        let next = next.trim_end_matches(['.', ',', ';']);
        if let Some(n) = number_word(pair[0]) {
            if ["fokusområder", "indsatsområder", "temaer"].contains(&next) && expected.is_none() {
                *expected = Some(n);
            }
            if next == "sundhedsklynger" && f.cluster_count.is_none() && n > 1 {
                f.cluster_count = Some(item(n, place));
            }
        }
    }
    if lower.contains("sundhedsklynger") && lower.contains("etableret") && f.cluster_basis.is_none() {
        f.cluster_basis = Some(item(s.to_owned(), place));
    }
    if section == Section::FollowUp {
        if let Some(at) = lower.find("data fra") {
            let rest = &s[at + "data fra".len()..];
            let rest = rest.trim_end_matches(['.', ';']);
            for part in rest.split(" samt data fra ") {
                for name in list_items(part.trim().trim_start_matches("fx ").trim_start_matches("bl.a. ")) {
                    f.data_sources.push(item(name, place));
                }
            }
        }
        if lower.contains("midtvejsstatus") {
            f.midterm.get_or_insert_with(|| place.clone());
        }
        if lower.contains("slutstatus") {
            f.final_status.get_or_insert_with(|| place.clone());
        }
        if ["revider", "revision", "årlig vurdering", "årligt vurdere"].iter().any(|w| lower.contains(w)) {
            f.revision.get_or_insert_with(|| place.clone());
        }
    }
    // "A, B og C er eksempler på, hvordan vi med tværsektorielle aftaler …"
    if let Some(at) = lower.find(" er eksempler på")
        && lower.contains("aftale")
        && f.cooperation.is_empty()
    {
        let named = list_items(&s[..at]);
        if named.len() >= 2 {
            f.cooperation.extend(named.into_iter().map(|n| item(n, place)));
        }
    }
}

/// A table row: the header row of a clusters table (a column of clusters, one of
/// municipalities), then one cluster a row.
pub(super) fn cluster_row(
    f: &mut Found,
    cells: &[String],
    place: &Place,
    header: &mut Option<(usize, Option<usize>, usize)>,
) {
    let lower: Vec<String> = cells.iter().map(|c| c.to_lowercase()).collect();
    let name = lower.iter().position(|c| c.contains("klynge"));
    let municipalities = lower.iter().position(|c| c.contains("kommune"));
    if let (Some(n), Some(m)) = (name, municipalities) {
        let hospital = lower.iter().position(|c| c.contains("sygehus") || c.contains("hospital"));
        *header = Some((n, hospital, m));
        return;
    }
    let Some((n, h, m)) = *header else { return };
    let (Some(cluster), Some(members)) = (cells.get(n), cells.get(m)) else { return };
    if cluster.trim().is_empty() {
        return;
    }
    f.clusters.push(Cluster {
        name: item(cluster.trim().to_owned(), place),
        hospital: h
            .and_then(|h| cells.get(h))
            .filter(|c| !c.trim().is_empty())
            .map(|c| item(c.trim().to_owned(), place)),
        municipalities: list_items(members).into_iter().map(|m| item(m, place)).collect(),
    });
}
