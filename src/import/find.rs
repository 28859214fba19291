//! Finding what the document states, where it states it: the sections by their headings (what
//! the document calls them – fokusområder, indsatsområder, temaer …), the items under them,
//! goals after a lead-in ("Det er vores mål, at:"), data sources after "data fra", dates written
//! the Danish way, clusters in a table. Only what the text states is found; a guess is never
//! made, and what may be read two ways is reported as uncertain.

use super::found::{Area, Found, Item, Section, cluster_row, find_facts, item, paragraph_facts};
use super::read::{BlockKind, Document, Place};
pub use super::words::dates_in;
use super::words::{list_items, sentences};

/// The section a heading opens, if it names one.
fn section_of(heading: &str) -> Option<(Section, Option<&'static str>)> {
    let h = heading.to_lowercase();
    let words: [(&str, Section, Option<&'static str>); 12] = [
        ("vision", Section::Visions, None),
        ("princip", Section::Principles, None),
        ("fokusområde", Section::Areas, Some("fokusområder")),
        ("indsatsområde", Section::Areas, Some("indsatsområder")),
        ("temaer", Section::Areas, Some("temaer")),
        ("pejlemærke", Section::Areas, Some("pejlemærker")),
        ("opfølgning", Section::FollowUp, None),
        ("sundhedsklynge", Section::Clusters, None),
        ("organisering", Section::Clusters, None),
        ("samarbejdsaftale", Section::Cooperation, None),
        ("indledning", Section::Other, None),
        ("bilag", Section::Other, None),
    ];
    words.iter().find(|(w, _, _)| h.contains(w)).map(|(_, s, word)| (*s, *word))
}

/// A lead-in to a list of goals: "Det er vores mål, at:", "Vores mål for fokusområdet", "Mål:".
fn goal_lead_in(text: &str) -> bool {
    let t = text.to_lowercase();
    (t.contains("vores mål") || t.starts_with("mål") || t.contains("målsætninger")) && !t.contains("målgrupp")
}

/// What a lead-in's list holds, when it names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Goals,
    TargetGroups,
    Indicators,
    SubGoals,
    Criteria,
    DataSources,
    Cooperation,
    Unknown,
}

fn list_of(text: &str) -> List {
    let t = text.to_lowercase();
    if t.contains("målgrupp") {
        List::TargetGroups
    } else if t.contains("indikator") {
        List::Indicators
    } else if t.contains("delmål") {
        List::SubGoals
    } else if t.contains("succeskriter") {
        List::Criteria
    } else if t.contains("datakilde") || t.contains("datagrundlag") {
        List::DataSources
    } else if t.contains("samarbejdsaftale") {
        List::Cooperation
    } else if goal_lead_in(text) {
        List::Goals
    } else {
        List::Unknown
    }
}

/// "Målgrupper: a, b og c" as ("målgrupper", [a, b, c]).
fn labelled(text: &str) -> Option<(List, Vec<String>)> {
    let (label, rest) = text.split_once(':')?;
    if label.split_whitespace().count() > 3 || rest.trim().is_empty() {
        return None;
    }
    let list = match label.trim().to_lowercase().as_str() {
        l if l.starts_with("målgrupp") => List::TargetGroups,
        l if l.starts_with("indikator") => List::Indicators,
        l if l.starts_with("delmål") => List::SubGoals,
        l if l.starts_with("succeskriter") => List::Criteria,
        l if l.starts_with("datagrundlag") || l.starts_with("datakilde") => List::DataSources,
        l if l.starts_with("nationale mål") || l.starts_with("nationalt mål") => List::Unknown,
        _ => return None,
    };
    Some((list, list_items(rest)))
}

/// Finds what the document states.
pub fn find(doc: &Document, regions: &[(&str, &str)]) -> Found {
    let mut f = Found::default();
    let mut section = Section::Other;
    let mut list = List::Unknown;
    let mut expected_areas: Option<u32> = None;
    let mut header: Option<(usize, Option<usize>, usize)> = None;
    for (i, b) in doc.blocks.iter().enumerate() {
        let text = b.text.trim();
        find_facts(&mut f, b, text, regions);
        if i < 5
            && f.title.is_none()
            && text.to_lowercase().contains("sundhedsaftale")
            && text.chars().any(|c| c.is_ascii_digit())
            && text.len() < 120
        {
            f.title = Some(item(text.to_owned(), &b.place));
        }
        match &b.kind {
            BlockKind::Row(cells) => {
                cluster_row(&mut f, cells, &b.place, &mut header);
                continue;
            }
            BlockKind::Heading(_) if goal_lead_in(text) => {
                list = List::Goals;
                continue;
            }
            BlockKind::Heading(_) => {
                if let Some((s, word)) = section_of(text) {
                    section = s;
                    list = List::Unknown;
                    if word.is_some() && f.area_word.is_none() {
                        f.area_word = word.map(str::to_owned);
                    }
                    continue;
                }
                list = List::Unknown;
                match section {
                    Section::Visions => f.visions.push(item(text.to_owned(), &b.place)),
                    Section::Principles => f.principles.push(item(text.to_owned(), &b.place)),
                    Section::Areas => new_area(&mut f, text, &b.place),
                    Section::Cooperation => f.cooperation.push(item(text.to_owned(), &b.place)),
                    _ => {}
                }
            }
            BlockKind::Paragraph => {
                if let Some((kind, items)) = labelled(text) {
                    let target = f.areas.last_mut();
                    match (kind, target) {
                        (List::Unknown, Some(a)) => {
                            a.national_goals.extend(items.into_iter().map(|v| item(v, &b.place)))
                        }
                        (k, Some(a)) => area_list(a, k).extend(items.into_iter().map(|v| item(v, &b.place))),
                        (List::DataSources, None) => {
                            f.data_sources.extend(items.into_iter().map(|v| item(v, &b.place)))
                        }
                        _ => {}
                    }
                    list = List::Unknown;
                    continue;
                }
                // A lead-in ends with a colon, or is a short line ("Vores mål for fokusområdet").
                let short = text.split_whitespace().count() <= 6 && !text.ends_with('.');
                list = if text.ends_with(':') || short { list_of(text) } else { List::Unknown };
                for s in sentences(text) {
                    paragraph_facts(&mut f, s, &b.place, section, &mut expected_areas);
                }
            }
            BlockKind::Item => {
                let value = text.trim_end_matches(['.', ';']).trim().to_owned();
                let place = &b.place;
                match (section, list) {
                    (Section::Areas, List::Goals) | (Section::Other, List::Goals) => match f.areas.last_mut() {
                        Some(a) => a.goals.push(item(text.to_owned(), place)),
                        None => f.uncertain.push(format!(
                            "«{}» ({}) står som et mål uden et fokusområde",
                            crate::text::shown(text),
                            place.danish()
                        )),
                    },
                    (_, List::DataSources) if section == Section::FollowUp => f.data_sources.push(item(value, place)),
                    (_, List::Cooperation) | (Section::Cooperation, _) => f.cooperation.push(item(value, place)),
                    (
                        Section::Areas,
                        l @ (List::TargetGroups
                        | List::Indicators
                        | List::SubGoals
                        | List::Criteria
                        | List::DataSources),
                    ) => {
                        if let Some(a) = f.areas.last_mut() {
                            area_list(a, l).push(item(value, place));
                        }
                    }
                    (Section::Visions, _) if list == List::Unknown => f.visions.push(item(value, place)),
                    (Section::Principles, _) if list == List::Unknown => f.principles.push(item(value, place)),
                    (Section::Areas, List::Unknown) => f.uncertain.push(format!(
                        "en liste ({}) kan være mål eller målgrupper; den er ikke taget med",
                        place.danish()
                    )),
                    _ => {}
                }
            }
        }
    }
    finish_areas(&mut f, expected_areas);
    f
}

fn area_list(a: &mut Area, list: List) -> &mut Vec<Item<String>> {
    match list {
        List::TargetGroups => &mut a.target_groups,
        List::Indicators => &mut a.indicators,
        List::SubGoals => &mut a.sub_goals,
        List::Criteria => &mut a.criteria,
        List::DataSources => &mut a.data_basis,
        _ => &mut a.goals,
    }
}

/// A heading under the focus areas: a new area, unless it repeats the last one's name (a
/// sub-heading such as "Sammen om ældre og borgere med kroniske sygdomme" under "… kronisk
/// sygdom").
fn new_area(f: &mut Found, text: &str, place: &Place) {
    if let Some(last) = f.areas.last() {
        let similar = strsim::normalized_levenshtein(&last.name.value.to_lowercase(), &text.to_lowercase());
        if similar >= 0.85 {
            return;
        }
    }
    f.areas.push(Area {
        name: item(text.to_owned(), place),
        goals: Vec::new(),
        target_groups: Vec::new(),
        national_goals: Vec::new(),
        sub_goals: Vec::new(),
        criteria: Vec::new(),
        indicators: Vec::new(),
        data_basis: Vec::new(),
    });
}

/// Areas without goals, when the document says how many it has, are sub-headings; when the
/// count still differs, that is uncertain.
fn finish_areas(f: &mut Found, expected: Option<u32>) {
    if let Some(n) = expected
        && f.areas.len() > n as usize
    {
        f.areas.retain(|a| !a.goals.is_empty());
    }
    if let Some(n) = expected
        && f.areas.len() != n as usize
    {
        f.uncertain.push(format!(
            "dokumentet nævner {n} {}, men {} er fundet",
            f.area_word.as_deref().unwrap_or("fokusområder"),
            f.areas.len()
        ));
    }
    for a in &f.areas {
        if a.goals.is_empty() {
            f.uncertain.push(format!("«{}» har ingen mål, der står som en liste", crate::text::shown(&a.name.value)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn danish_dates_in_running_text() {
        assert_eq!(dates_in("Aftalen træder i kraft den 1. januar 2024."), [d(2024, 1, 1)]);
        assert_eq!(dates_in("fra 1/1-2024 til 29. september 2023"), [d(2024, 1, 1), d(2023, 9, 29)]);
        assert_eq!(dates_in("i høring 15/5 2023 – 2023-08-25"), [d(2023, 5, 15), d(2023, 8, 25)]);
        assert!(dates_in("31. februar 2024 og 3. kvartal").is_empty());
        assert_eq!(dates_in("fra den 15. maj til den 25. august 2023"), [d(2023, 5, 15), d(2023, 8, 25)]);
    }

    #[test]
    fn lists_and_sentences() {
        assert_eq!(list_items("A, B og C."), ["A", "B", "C"]);
        assert_eq!(
            sentences("Vi mødes 1. januar 2024. Fx. noget! Slut"),
            ["Vi mødes 1. januar 2024.", "Fx. noget!", "Slut"]
        );
    }
}
