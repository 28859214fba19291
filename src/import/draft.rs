//! Writing the draft agreement file: ordered as `aftale init` orders its file, every value found
//! with a comment saying where it stands in the document, every value not found a
//! `[[Udfyld: …]]` place with a hint, and the process records (approvals, submission) left to fill,
//! with the region's municipalities from the reference data.

use std::fmt::Write as _;

use serde::Serialize;

use super::found::{Found, Item};
use super::read::Document;
use crate::reference::Reference;

/// What the import found and did not, for the summary.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub document: String,
    /// What was found, in Danish, with counts.
    pub found: Vec<String>,
    /// What the document did not state, in Danish.
    pub not_found: Vec<String>,
    /// What may be read two ways, in Danish.
    pub uncertain: Vec<String>,
}

/// A value from the document as a YAML double-quoted string: every character that is not
/// plainly printable escaped, so nothing from the document can end the line or the string.
fn q(text: &str) -> String {
    let mut out = String::from("\"");
    for c in crate::text::shorten(text.trim(), 2000).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || crate::text::is_unsafe(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn at<T>(item: &Item<T>) -> String {
    format!("# {}", item.place.danish())
}

fn fill(what: &str) -> String {
    format!("\"[[Udfyld: {what}]]\"")
}

/// The draft and its summary.
pub fn write(doc: &Document, found: &Found, reference: &Reference) -> (String, Summary) {
    let mut y = String::new();
    let mut got: Vec<String> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let shown = crate::text::visible(&doc.name).into_owned();
    let _ =
        writeln!(y, "# Udkast lavet af `aftale import` fra {shown}. Hver værdi har en kommentar, der siger, hvor den");
    let _ = writeln!(y, "# står i dokumentet: gennemgå dem. Det, dokumentet ikke siger, er markeret [[Udfyld: …]];");
    let _ = writeln!(y, "# udfyld det eller slet linjen, og før godkendelserne ind, efterhånden som de foreligger.");
    let _ = writeln!(y, "format: 1");
    match &found.title {
        Some(t) => {
            let _ = writeln!(y, "titel: {}   {}", q(&t.value), at(t));
            got.push("titel".into());
        }
        None => {
            let _ = writeln!(y, "titel: {}", fill("aftalens titel, som den står på forsiden"));
            missing.push("titel".into());
        }
    }
    let region = found.region.as_ref().and_then(|r| reference.region(&r.value));
    match (&found.region, region) {
        (Some(r), Some(_)) => {
            let _ = writeln!(y, "region: {}   {}", r.value, at(r));
            got.push("region".into());
        }
        _ => {
            let _ = writeln!(
                y,
                "region: {}",
                fill("regionen: Hovedstaden, Sjælland, Syddanmark, Midtjylland eller Nordjylland")
            );
            missing.push("region".into());
        }
    }
    match &found.version {
        Some(v) => {
            let _ = writeln!(y, "version: {}   {}", q(&v.value), at(v));
            got.push("versionsnummer".into());
        }
        None => {
            let _ = writeln!(y, "# version: dokumentet angiver intet versionsnummer");
            missing.push("versionsnummer".into());
        }
    }
    match &found.entry_into_force {
        Some(d) => {
            let _ = writeln!(y, "ikrafttrædelse: {}   {}", d.value, at(d));
            got.push("ikrafttrædelse".into());
        }
        None => {
            let _ = writeln!(
                y,
                "# ikrafttrædelse: dokumentet angiver ingen dato (ÅÅÅÅ-MM-DD, hvis den står et andet sted)"
            );
            missing.push("ikrafttrædelse".into());
        }
    }
    if let Some(d) = &found.expiry {
        let _ = writeln!(y, "udløb: {}   {}", d.value, at(d));
        got.push("udløb".into());
    }
    y.push('\n');
    // The process: what the document states of the hearing and the committee; the approvals
    // and the submission are records to keep, not content of the document.
    let _ = writeln!(y, "behandling:");
    let _ = writeln!(y, "  # udarbejdet_af: sundhedssamarbejdsudvalget   # skriv udvalget, der udarbejdede aftalen");
    match &found.hearing {
        Some((from, to)) => {
            let _ = writeln!(y, "  høring: {{ fra: {}, til: {} }}   {}", from.value, to.value, at(from));
            got.push("høringsperiode".into());
        }
        None => {
            let _ = writeln!(y, "  # høring: {{ fra: ÅÅÅÅ-MM-DD, til: ÅÅÅÅ-MM-DD }}");
            missing.push("høringsperiode".into());
        }
    }
    match &found.committee {
        Some(d) => {
            let _ = writeln!(y, "  sundhedssamarbejdsudvalg: {}   {}", d.value, at(d));
            got.push("udvalgets vedtagelse".into());
        }
        None => {
            let _ = writeln!(
                y,
                "  # sundhedssamarbejdsudvalg: ÅÅÅÅ-MM-DD   # udvalgets vedtagelse af det endelige forslag"
            );
        }
    }
    let _ = writeln!(y, "  regionsråd: null                  # datoen for regionsrådets godkendelse");
    let _ = writeln!(y, "  kommuner:                         # datoen for hver kommunalbestyrelses godkendelse");
    match region {
        Some(r) => {
            for m in reference.municipalities(r) {
                let _ = writeln!(y, "    {}: null", m.navn);
            }
        }
        None => {
            let _ = writeln!(y, "    {}: null", fill("en kommune i regionen"));
        }
    }
    let _ = writeln!(y, "  # indsendt: ÅÅÅÅ-MM-DD              # datoen, aftalen sendes til Sundhedsstyrelsen");
    y.push('\n');
    list(&mut y, "visioner", &found.visions, "en vision for samarbejdet", &mut got, &mut missing);
    list(&mut y, "principper", &found.principles, "et princip for samarbejdet", &mut got, &mut missing);
    basis(&mut y, doc);
    areas(&mut y, found, &mut got, &mut missing);
    clusters(&mut y, found, &mut got, &mut missing);
    if found.cooperation.is_empty() {
        let _ = writeln!(y, "# samarbejdsaftaler: dokumentet nævner ingen");
        missing.push("samarbejdsaftaler".into());
    } else {
        let _ = writeln!(y, "samarbejdsaftaler:");
        for c in &found.cooperation {
            let _ = writeln!(y, "  - titel: {}   {}", q(&c.value), at(c));
        }
        got.push(format!("{} samarbejdsaftaler", found.cooperation.len()));
    }
    y.push('\n');
    let _ = writeln!(y, "opfølgning:");
    if found.data_sources.is_empty() {
        let _ = writeln!(y, "  datakilder: []   # dokumentet nævner ingen datakilder til opfølgningen");
        missing.push("opfølgningens datakilder".into());
    } else {
        let _ = writeln!(y, "  datakilder:");
        for d in &found.data_sources {
            let _ = writeln!(y, "    - {}   {}", q(&d.value), at(d));
        }
        got.push(format!("{} datakilder til opfølgningen", found.data_sources.len()));
    }
    let mention = |p: &Option<super::read::Place>| {
        p.as_ref().map(|p| format!(" (nævnt {}, uden dato)", p.danish())).unwrap_or_default()
    };
    let revision = found.revision.as_ref().map(|p| format!(" (revision nævnt {})", p.danish())).unwrap_or_default();
    let _ = writeln!(y, "  revisionsvurderinger: []          # datoen for hver årlig vurdering{revision}");
    let _ = writeln!(y, "  # midtvejsstatus: {{ planlagt: ÅÅÅÅ-MM-DD }}{}", mention(&found.midterm));
    let _ = writeln!(y, "  # slutstatus: {{ planlagt: ÅÅÅÅ-MM-DD }}{}", mention(&found.final_status));
    let _ = writeln!(y, "\n# offentliggørelse: hver parts adresse for aftalen, når den er offentliggjort\n");
    let summary = Summary { document: shown, found: got, not_found: missing, uncertain: found.uncertain.clone() };
    (y, summary)
}

fn list(
    y: &mut String,
    key: &str,
    items: &[Item<String>],
    hint: &str,
    got: &mut Vec<String>,
    missing: &mut Vec<String>,
) {
    let _ = writeln!(y, "{key}:");
    if items.is_empty() {
        let _ = writeln!(y, "  - navn: {}", fill(hint));
        missing.push(key.to_owned());
        return;
    }
    for i in items {
        let _ = writeln!(y, "  - navn: {}   {}", q(&i.value), at(i));
    }
    got.push(format!("{} {key}", items.len()));
}

/// The population- and data-based basis, where the text names it: "populationsansvar" and a
/// named Sundhedsprofil.
fn basis(y: &mut String, doc: &Document) {
    let population = doc.blocks.iter().find(|b| {
        let t = b.text.to_lowercase();
        t.contains("populationsansvar") || t.contains("populationsbaseret")
    });
    let profiles: Vec<(&super::read::Block, String)> = doc
        .blocks
        .iter()
        .filter_map(|b| {
            let words: Vec<&str> = b.text.split_whitespace().collect();
            let i = words.iter().position(|w| *w == "Sundhedsprofil")?;
            let year = words.get(i + 1)?.trim_end_matches(['.', ',', ';']);
            (year.len() == 4 && year.chars().all(|c| c.is_ascii_digit())).then(|| (b, format!("Sundhedsprofil {year}")))
        })
        .collect();
    let _ = writeln!(y, "grundlag:");
    match population {
        Some(b) => {
            let _ = writeln!(y, "  populationsbaseret: true   # «populationsansvar», {}", b.place.danish());
        }
        None => {
            let _ = writeln!(
                y,
                "  # populationsbaseret: true   # hvis målgrupper og indsatser er valgt ud fra populationen"
            );
        }
    }
    match profiles.first() {
        Some((b, name)) => {
            let _ = writeln!(y, "  datakilder: [{}]   # {}", q(name), b.place.danish());
        }
        None => {
            let _ = writeln!(y, "  datakilder: [{}]", fill("de data, målgrupper og indsatser er valgt ud fra"));
        }
    }
    y.push('\n');
}

fn areas(y: &mut String, found: &Found, got: &mut Vec<String>, missing: &mut Vec<String>) {
    let word = found.area_word.as_deref().unwrap_or("fokusområder");
    let _ = writeln!(y, "# Dokumentets {word}.");
    let _ = writeln!(y, "fokusområder:");
    if found.areas.is_empty() {
        let _ = writeln!(y, "  - navn: {}", fill("fokusområdets navn"));
        let _ = writeln!(y, "    mål:");
        let _ = writeln!(y, "      - tekst: {}", fill("et fælles, forpligtende mål"));
        missing.push(word.to_owned());
        return;
    }
    let goals: usize = found.areas.iter().map(|a| a.goals.len()).sum();
    got.push(format!("{} {word} med {goals} mål", found.areas.len()));
    for a in &found.areas {
        let _ = writeln!(y, "  - navn: {}   {}", q(&a.name.value), at(&a.name));
        if !a.national_goals.is_empty() {
            let numbers: Vec<String> = a.national_goals.iter().map(|n| q(&n.value)).collect();
            let _ = writeln!(y, "    nationale_mål: [{}]   {}", numbers.join(", "), at(&a.national_goals[0]));
        }
        for (key, items) in [("målgrupper", &a.target_groups), ("datagrundlag", &a.data_basis)] {
            if !items.is_empty() {
                let _ = writeln!(y, "    {key}:");
                for i in items {
                    let _ = writeln!(y, "      - {}   {}", q(&i.value), at(i));
                }
            }
        }
        let _ = writeln!(y, "    mål:");
        if a.goals.is_empty() {
            let _ = writeln!(y, "      - tekst: {}", fill("et mål, som dokumentet ikke opstiller som en liste"));
        }
        for (n, g) in a.goals.iter().enumerate() {
            let _ = writeln!(y, "      - tekst: {}   {}", q(&g.value), at(g));
            // Sub-goals, criteria and indicators stated for the area go with its first goal.
            if n == 0 {
                for (key, items) in [("delmål", &a.sub_goals), ("succeskriterier", &a.criteria)] {
                    if !items.is_empty() {
                        let _ = writeln!(y, "        {key}:");
                        for i in items {
                            let _ = writeln!(y, "          - {}   {}", q(&i.value), at(i));
                        }
                    }
                }
                if !a.indicators.is_empty() {
                    let _ = writeln!(y, "        indikatorer:");
                    for i in &a.indicators {
                        let _ = writeln!(y, "          - navn: {}   {}", q(&i.value), at(i));
                    }
                }
            }
        }
    }
    y.push('\n');
}

fn clusters(y: &mut String, found: &Found, got: &mut Vec<String>, missing: &mut Vec<String>) {
    if !found.clusters.is_empty() {
        let _ = writeln!(y, "sundhedsklynger:");
        for c in &found.clusters {
            let _ = writeln!(y, "  - navn: {}   {}", q(&c.name.value), at(&c.name));
            if let Some(h) = &c.hospital {
                let _ = writeln!(y, "    akutsygehus: {}   {}", q(&h.value), at(h));
            }
            let names: Vec<String> = c.municipalities.iter().map(|m| q(&m.value)).collect();
            match c.municipalities.first() {
                Some(first) => {
                    let _ = writeln!(y, "    kommuner: [{}]   {}", names.join(", "), at(first));
                }
                None => {
                    let _ = writeln!(y, "    kommuner: [{}]", fill("klyngens kommuner"));
                }
            }
            let _ = writeln!(y, "    mål: []");
        }
        got.push(format!("{} sundhedsklynger", found.clusters.len()));
    } else if let Some(n) = &found.cluster_count {
        let _ = writeln!(y, "# Dokumentet navngiver ikke sine sundhedsklynger.");
        let _ = writeln!(y, "klyngeorganisering:");
        let _ = writeln!(y, "  antal: {}   {}", n.value, at(n));
        if let Some(b) = &found.cluster_basis {
            let _ = writeln!(y, "  beskrivelse: {}   {}", q(&b.value), at(b));
        }
        got.push(format!("{} sundhedsklynger (uden navne)", n.value));
    } else {
        let _ = writeln!(y, "# sundhedsklynger: dokumentet beskriver dem ikke");
        missing.push("sundhedsklynger".into());
    }
    y.push('\n');
}
