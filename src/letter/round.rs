//! The two other letters of the approval round, from the same agreement file and the same
//! template machinery as the reply letter:
//! - the committee's cover letter to the regional council and every municipal council, asking
//!   for political approval of the final proposal and a reply with the approval date (the
//!   shape of Region Hovedstaden's letter, seed 000);
//! - a municipality's case presentation for its council's agenda (the headings of the municipal
//!   case, seed 003: Sagsfremstilling, Økonomiske konsekvenser, Lovgrundlag, Indstilling and the
//!   decisions).

use serde::Serialize;

use super::{Kind, Letter, LetterDate, LetterOptions, Templates, period_years, quoted, render};
use crate::codes::ErrorCode;
use crate::danish;
use crate::error::InputError;
use crate::evaluate::Assessment;
use crate::model::{CouncilDecision, Outcome};
use crate::reference::{Municipality, Reference};
use crate::rules::Registry;

/// The cover letter's template in each pack.
pub const COVER_TEMPLATE: &str = "foelgebrev.md.j2";
/// The case presentation's template in each pack.
pub const AGENDA_TEMPLATE: &str = "dagsorden.md.j2";

#[derive(Serialize)]
struct Hearing {
    fra: String,
    til: String,
}

#[derive(Serialize)]
struct Change {
    version: String,
    dato: Option<String>,
    tekst: String,
}

/// What both letters say about the agreement and its approval round.
#[derive(Serialize)]
struct Round {
    /// Markdown: the date and any place to confirm (see [`LetterDate::shown`]).
    dato: minijinja::Value,
    sagsnummer: Option<String>,
    /// The pack's committee: "Sundhedssamarbejdsudvalget" (under the 2018 order,
    /// "Sundhedskoordinationsudvalget").
    udvalg: &'static str,
    udvalg_dato: Option<String>,
    region: String,
    kommuner: Vec<String>,
    antal_kommuner: usize,
    titel: String,
    aar: String,
    ikrafttraedelse: Option<String>,
    frist: Option<String>,
    svarfrist: Option<String>,
    hoering: Option<Hearing>,
    /// The changes made after the hearing, from the version history.
    aendringer: Vec<Change>,
    fokusomraader: Vec<String>,
    underskriver: Vec<String>,
    kontakt: Option<String>,
}

fn round(a: &Assessment, reference: &Reference, options: &LetterOptions, dated: &LetterDate) -> Round {
    let agreement = &a.loaded.agreement;
    let behandling = agreement.behandling.as_ref();
    let hearing = behandling.and_then(|b| b.hoering.as_ref());
    let adopted = behandling.and_then(|b| b.sundhedssamarbejdsudvalg.as_ref()).map(|d| d.value.0);
    let date = dated.date;
    // A change belongs to the final proposal when its version is dated after the hearing ended
    // and no later than the committee's adoption (or the letter, if not adopted yet).
    let limit = adopted.unwrap_or(date);
    let after_hearing = |d: chrono::NaiveDate| hearing.is_some_and(|h| d > h.til.value.0) && d <= limit;
    let aendringer = agreement
        .versioner
        .iter()
        .filter(|v| v.dato.as_ref().is_some_and(|d| after_hearing(d.value.0)))
        .filter_map(|v| {
            Some(Change {
                version: quoted(&v.version.value),
                dato: v.dato.as_ref().map(|d| danish::date(d.value.0)),
                tekst: quoted(&v.aendringer.as_ref()?.value),
            })
        })
        .collect();
    let municipalities = reference.municipalities(a.region);
    Round {
        dato: minijinja::Value::from_safe_string(dated.shown()),
        sagsnummer: options.case_number.as_deref().map(quoted),
        udvalg: a.pack.committee.name(),
        udvalg_dato: adopted.map(danish::date),
        region: a.region.officielt_navn.clone(),
        kommuner: municipalities.iter().map(|m| m.officielt_navn.clone()).collect(),
        antal_kommuner: municipalities.len(),
        titel: quoted(&agreement.titel.value),
        aar: period_years(a),
        ikrafttraedelse: a.dates.entry_into_force.map(danish::date),
        frist: a.dates.submission.as_ref().map(|s| danish::date(s.date)),
        svarfrist: behandling.and_then(|b| b.svarfrist.as_ref()).map(|d| danish::date(d.value.0)),
        hoering: hearing.map(|h| Hearing { fra: danish::date(h.fra.value.0), til: danish::date(h.til.value.0) }),
        aendringer,
        fokusomraader: agreement.fokusomraader.iter().map(|f| quoted(&f.navn.value)).collect(),
        underskriver: options.signatory.iter().map(|l| quoted(l.trim())).filter(|l| !l.is_empty()).collect(),
        kontakt: options.contact.as_deref().map(quoted),
    }
}

/// The committee's cover letter asking every council for political approval.
pub(super) fn cover(
    a: &Assessment,
    registry: &Registry,
    reference: &Reference,
    templates: Templates,
    options: &LetterOptions,
) -> Result<Letter, InputError> {
    let dated = super::dating::date(a, Kind::Cover, options.date, None);
    let context = round(a, reference, options, &dated);
    let markdown = render(templates, registry, &a.pack.name, COVER_TEMPLATE, &context)?;
    let title = format!("Politisk godkendelse af sundhedsaftalen {}", context.aar);
    Ok(Letter::new(markdown, title, dated.date, "Følgebrev om politisk godkendelse af sundhedsaftalen", context.udvalg))
}

#[derive(Serialize)]
struct Decision {
    udvalg: String,
    dato: String,
    beslutning: Option<String>,
}

#[derive(Serialize)]
struct Agenda {
    #[serde(flatten)]
    round: Round,
    kommune: String,
    /// The law and the executive order in force, from the rule pack.
    lovgrundlag: String,
    /// The committees the case went through, as recorded, up to the letter's date.
    forloeb: Vec<Decision>,
    /// The council's own decision, once recorded.
    kommunalbestyrelsen: Option<Decision>,
}

/// The municipality named with `--kommune`, among the region's.
fn municipality<'r>(
    a: &Assessment<'r>,
    reference: &'r Reference,
    name: Option<&str>,
) -> Result<&'r Municipality, InputError> {
    let all = reference.municipalities(a.region);
    let Some(name) = name else {
        return Err(InputError::file(
            ErrorCode::LetterMunicipality,
            "",
            "sagsfremstillingen skrives for én kommune".into(),
        )
        .with_help("Angiv kommunen med --kommune, fx --kommune Gentofte."));
    };
    all.iter().copied().find(|m| m.is_named(name)).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|m| m.navn.as_str()).collect();
        let hint = match crate::suggest::closest(name, names.iter().copied()) {
            Some(s) => format!("Mente du {s}? "),
            None => String::new(),
        };
        InputError::file(
            ErrorCode::LetterMunicipality,
            "",
            format!("«{}» er ikke en kommune i {}", crate::text::shown(name), a.region.officielt_navn),
        )
        .with_help(format!("{hint}Kommunerne i regionen: {}.", danish::list(&names)))
    })
}

/// "Sundhedslovens §§ 203-205 samt BEK nr. 1248 af 5. september 2022 om sundhedsklynger, …, som
/// ændret ved BEK nr. 999 af 21. juni 2023": the law and the executive order in force, from the
/// pack, as the municipal case writes it.
fn legal_basis(a: &Assessment) -> String {
    let item = |kind: &str| a.pack.instrument(kind);
    let order = item("bekendtgørelse").map(|b| {
        let subject = b.title.strip_prefix("Bekendtgørelse ").map(|t| format!(" {t}")).unwrap_or_default();
        let amended =
            item("ændringsbekendtgørelse").map(|c| format!(", som ændret ved {}", c.citation)).unwrap_or_default();
        format!("{}{subject}{amended}", b.citation)
    });
    match (item("lov"), order) {
        (Some(law), Some(order)) => format!("{} samt {order}", law.citation),
        (Some(law), None) => law.citation.clone(),
        (None, Some(order)) => order,
        (None, None) => String::new(),
    }
}

/// A municipality's case presentation for its council's agenda.
pub(super) fn agenda(
    a: &Assessment,
    registry: &Registry,
    reference: &Reference,
    templates: Templates,
    options: &LetterOptions,
) -> Result<Letter, InputError> {
    let m = municipality(a, reference, options.municipality.as_deref())?;
    let dated = super::dating::date(a, Kind::Agenda, options.date, Some(m));
    let round = round(a, reference, options, &dated);
    let date = dated.date;
    let decision = a
        .loaded
        .agreement
        .municipal_approvals()
        .iter()
        .find(|(name, _)| m.is_named(name))
        .and_then(|(_, d)| d.as_ref())
        .map(|d| &d.value);
    let forloeb = match decision {
        Some(CouncilDecision::Recorded(r)) => r
            .forloeb
            .iter()
            .filter(|s| s.dato.value.0 <= date)
            .map(|s| Decision {
                udvalg: quoted(&s.udvalg.value),
                dato: danish::date(s.dato.value.0),
                beslutning: s.beslutning.as_ref().map(|b| quoted(&b.value)),
            })
            .collect(),
        _ => Vec::new(),
    };
    let council = |dato, beslutning| Decision { udvalg: "Kommunalbestyrelsen".into(), dato, beslutning };
    let kommunalbestyrelsen = match decision.map(CouncilDecision::outcome) {
        Some(Outcome::Approved(d)) if d.is_none_or(|d| d <= date) => {
            let words = match decision {
                Some(CouncilDecision::Recorded(r)) => r.beslutning.as_ref().map(|b| quoted(&b.value)),
                _ => None,
            };
            let when = d.map_or_else(|| "dato ikke oplyst".to_owned(), danish::date);
            Some(council(when, Some(words.unwrap_or_else(|| "Godkendt".into()))))
        }
        Some(Outcome::Other(d, words)) if d <= date => Some(council(danish::date(d), Some(quoted(&words)))),
        _ => None,
    };
    let lovgrundlag = legal_basis(a);
    let title = format!("Godkendelse af {} – {}", round.titel, m.officielt_navn);
    let context = Agenda { round, kommune: m.officielt_navn.clone(), lovgrundlag, forloeb, kommunalbestyrelsen };
    let markdown = render(templates, registry, &a.pack.name, AGENDA_TEMPLATE, &context)?;
    Ok(Letter::new(markdown, title, date, "Sagsfremstilling om godkendelse af sundhedsaftalen", &m.officielt_navn))
}
