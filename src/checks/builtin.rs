//! Checks that cannot be written as data: they compare the agreement with reference data,
//! compute deadlines, or match names. Rule files name them with `check: { builtin: NAME }`.
//!
//! Each check returns a [`CheckOutcome`] whose `vars` the rule's message template uses; the
//! wording itself stays in the rule file.

use chrono::{Datelike, NaiveDate};
use minijinja::Value;

use super::{CheckOutcome, Context};
use crate::danish;
use crate::deadlines::DeadlineBasis;
use crate::model::{Sp, Span, StatusReport};
use crate::reference::Municipality;
use crate::suggest;
use crate::text;

type CheckFn = fn(&Context) -> CheckOutcome;

/// Every named check.
const CHECKS: &[(&str, CheckFn)] = &[
    ("region_exists", region_exists),
    ("municipalities_exact", municipalities_exact),
    ("period_four_years", period_four_years),
    ("title_years", title_years),
    ("legal_basis_current", legal_basis_current),
    ("municipal_approvals", municipal_approvals),
    ("submission_deadline", submission_deadline),
    ("revision_assessments", revision_assessments),
    ("midterm_status", midterm_status),
    ("final_status", final_status),
    ("publication", publication),
    ("clusters_cover_region", clusters_cover_region),
    ("cooperation_agreements_link", cooperation_agreements_link),
    ("themes_observed", themes_observed),
];

/// The names of every named check, for error messages.
pub const NAMES: [&str; CHECKS.len()] = {
    let mut names = [""; CHECKS.len()];
    let mut i = 0;
    while i < CHECKS.len() {
        names[i] = CHECKS[i].0;
        i += 1;
    }
    names
};

/// The check with this name.
pub fn find(name: &str) -> Option<CheckFn> {
    CHECKS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// The date the agreement's region and parties are judged on: its entry into force, else when
/// it was made, else the `--as-of` date.
fn reference_date(ctx: &Context) -> NaiveDate {
    ctx.dates.entry_into_force.or(ctx.dates.made_on.as_ref().map(|(d, _)| *d)).unwrap_or(ctx.as_of)
}

/// The first line of the whole document, where a missing top-level key is pointed at.
fn root_span(ctx: &Context) -> Span {
    Span { len: 0, ..ctx.loaded.tree.span }
}

fn behandling_span(ctx: &Context) -> Span {
    ctx.loaded.agreement.behandling.as_ref().map_or_else(|| root_span(ctx), |b| Span { len: 0, ..b.span })
}

fn date_value(d: NaiveDate) -> Value {
    Value::from(danish::date(d))
}

/// A list for a message: at most [`text::LIST_ITEMS`] items, the last saying how many more.
fn list_value(items: &[String]) -> Value {
    Value::from(danish::list(&text::capped(items.to_vec())))
}

fn region_exists(ctx: &Context) -> CheckOutcome {
    let date = reference_date(ctx);
    let region = ctx.region;
    if region.exists_on(date) {
        return CheckOutcome::passed().var("region", region.officielt_navn.as_str()).var("dato", date_value(date));
    }
    let existing: Vec<String> = ctx.reference.regions_on(date).map(|r| r.officielt_navn.clone()).collect();
    // Where the region's municipalities belong on that date (a merged region's successor, or
    // the regions a merged region was formed from).
    let own = ctx.reference.municipalities(region);
    let holders: Vec<String> = ctx
        .reference
        .regions_on(date)
        .filter(|r| ctx.reference.municipalities(r).iter().any(|m| own.iter().any(|o| o.navn == m.navn)))
        .map(|r| r.officielt_navn.clone())
        .collect();
    let mut outcome = CheckOutcome::failed()
        .var("region", region.officielt_navn.as_str())
        .var("dato", date_value(date))
        .var("regioner", list_value(&existing))
        .label(ctx.loaded.agreement.region.span, format!("findes ikke pr. {}", danish::date(date)));
    if !holders.is_empty() {
        outcome = outcome.var("kommunerne_under", list_value(&holders));
    }
    outcome
}

/// Matches a name written in the file against the region's municipalities.
fn match_municipality<'a>(name: &str, expected: &[&'a Municipality]) -> Option<&'a Municipality> {
    expected.iter().copied().find(|m| m.is_named(name))
}

/// Says why a name is not one of the region's municipalities, with a suggestion: the label's
/// text, and the message's (which adds the reason for places that are never a party). Only the
/// first [`text::LIST_ITEMS`] strangers of a list (`nth`) get a suggestion: it compares the
/// name with every municipality, and a message names no more than that anyway.
fn explain_stranger(ctx: &Context, name: &str, expected: &[&Municipality], nth: usize) -> (String, String) {
    if let Some(place) = ctx.reference.not_a_party(name) {
        let short = format!("{} er aldrig part i en sundhedsaftale", place.navn);
        let detail = format!("{short}: {}", place.begrundelse.trim_end_matches('.'));
        return (short, detail);
    }
    if let Some((region, m)) = ctx.reference.region_of_municipality(name) {
        let short = format!("{} hører til {}", m.navn, region.officielt_navn);
        return (short.clone(), short);
    }
    let names = expected.iter().flat_map(|m| [m.navn.as_str(), m.officielt_navn.as_str()]);
    let suggestion = if nth < text::LIST_ITEMS { suggest::closest(name, names) } else { None };
    let short = match suggestion {
        Some(s) => format!("«{}» er ikke en kommune i regionen; mente du «{s}»?", text::shown(name)),
        None => format!("«{}» er ikke en kommune i regionen", text::shown(name)),
    };
    (short.clone(), short)
}

fn municipalities_exact(ctx: &Context) -> CheckOutcome {
    let expected = ctx.reference.municipalities(ctx.region);
    let listed = ctx.loaded.agreement.municipal_approvals();
    let Some(map) = ctx.loaded.agreement.behandling.as_ref().and_then(|b| b.kommuner.as_ref()) else {
        let names: Vec<String> = expected.iter().map(|m| m.navn.clone()).collect();
        return CheckOutcome::failed()
            .var("mangler", list_value(&names))
            .var("antal_mangler", names.len())
            .var("ingen", true)
            .label(behandling_span(ctx), "`behandling.kommuner` mangler");
    };
    let mut outcome = CheckOutcome::passed();
    let mut matched: Vec<&str> = Vec::new();
    let mut strangers = Vec::new();
    let mut duplicates = Vec::new();
    for (name, _) in listed {
        match match_municipality(name, &expected) {
            Some(m) if matched.contains(&m.navn.as_str()) => {
                duplicates.push(m.navn.clone());
                outcome = outcome.label(name.span, format!("{} står allerede på listen", m.navn));
            }
            Some(m) => matched.push(m.navn.as_str()),
            None => {
                let (short, detail) = explain_stranger(ctx, name, &expected, strangers.len());
                strangers.push(detail);
                outcome = outcome.label(name.span, short);
            }
        }
    }
    let missing: Vec<String> =
        expected.iter().filter(|m| !matched.contains(&m.navn.as_str())).map(|m| m.navn.clone()).collect();
    if !missing.is_empty() {
        outcome = outcome.label(Span { len: 0, ..map.span }, format!("mangler: {}", danish::list(&missing)));
    }
    if missing.is_empty() && strangers.is_empty() && duplicates.is_empty() {
        return outcome.var("antal", expected.len()).var("region", ctx.region.officielt_navn.as_str());
    }
    outcome.verdict = super::Verdict::Failed;
    outcome
        .var("region", ctx.region.officielt_navn.as_str())
        .var("antal", expected.len())
        .var("mangler", list_value(&missing))
        .var("antal_mangler", missing.len())
        .var("fremmede", text::capped(strangers))
        .var("dubletter", list_value(&duplicates))
}

fn period_four_years(ctx: &Context) -> CheckOutcome {
    let (Some(entry), Some(default)) = (ctx.dates.entry_into_force, ctx.dates.default_expiry) else {
        return CheckOutcome::not_applicable("aftalen angiver ingen ikrafttrædelsesdato");
    };
    let standard = CheckOutcome::passed().var("ikrafttrædelse", date_value(entry)).var("standard", date_value(default));
    match &ctx.loaded.agreement.udloeb {
        Some(stated) if stated.value.0 != default => {
            let mut o = standard.var("udløb", date_value(stated.value.0)).label(stated.span, "afviger fra fire år");
            o.verdict = super::Verdict::Failed;
            o
        }
        Some(stated) => standard.var("udløb", date_value(stated.value.0)),
        None => standard.var("udløb", date_value(default)),
    }
}

/// The first "YYYY-YYYY" (hyphen or dash) in a title.
fn title_year_range(title: &str) -> Option<(i32, i32)> {
    let chars: Vec<char> = title.chars().collect();
    for i in 0..chars.len() {
        let digits = |from: usize| -> Option<i32> {
            let s: String = chars.get(from..from + 4)?.iter().collect();
            if s.chars().all(|c| c.is_ascii_digit()) { s.parse().ok() } else { None }
        };
        let Some(first) = digits(i) else { continue };
        if i > 0 && chars[i - 1].is_ascii_digit() {
            continue;
        }
        let mut j = i + 4;
        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        if !chars.get(j).is_some_and(|c| matches!(c, '-' | '–' | '—')) {
            continue;
        }
        j += 1;
        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        if let Some(second) = digits(j) {
            return Some((first, second));
        }
    }
    None
}

fn title_years(ctx: &Context) -> CheckOutcome {
    let title = &ctx.loaded.agreement.titel;
    let Some((from, to)) = title_year_range(title) else {
        return CheckOutcome::not_applicable("titlen nævner ingen årstal");
    };
    let (Some(entry), Some(expiry)) = (ctx.dates.entry_into_force, ctx.dates.expiry) else {
        return CheckOutcome::not_applicable("aftalen angiver ingen ikrafttrædelsesdato");
    };
    let outcome = CheckOutcome::from_bool(from == entry.year() && to == expiry.year())
        .var("titel_år", format!("{from}-{to}"))
        .var("periode", format!("{}-{}", entry.year(), expiry.year()))
        .var("ikrafttrædelse", date_value(entry))
        .var("udløb", date_value(expiry));
    if outcome.verdict == super::Verdict::Failed {
        return outcome.label(title.span, format!("perioden er {}-{}", entry.year(), expiry.year()));
    }
    outcome
}

/// The whole numbers in a citation ("BEK nr. 679 af 30. maj 2018" → 679, 30, 2018).
fn numbers_in(text: &str) -> Vec<i64> {
    text.split(|c: char| !c.is_ascii_digit()).filter_map(|s| s.parse().ok()).collect()
}

fn legal_basis_current(ctx: &Context) -> CheckOutcome {
    let cited = &ctx.loaded.agreement.retsgrundlag;
    if cited.is_empty() {
        return CheckOutcome::not_applicable("aftalen angiver intet retsgrundlag");
    }
    let current = ctx
        .pack
        .legal_basis
        .iter()
        .find(|i| i.kind == "bekendtgørelse")
        .map(|i| i.citation.clone())
        .unwrap_or_default();
    let mut outcome = CheckOutcome::passed().var("gældende", current.as_str());
    let mut outdated = Vec::new();
    for citation in cited {
        let numbers = numbers_in(citation);
        let names = |i: &crate::rules::Instrument| matches!((i.number, i.year), (Some(n), Some(y)) if numbers.contains(&i64::from(n)) && numbers.contains(&i64::from(y)));
        let in_this_pack = ctx.pack.legal_basis.iter().any(names);
        let other = ctx
            .registry
            .packs
            .iter()
            .filter(|p| p.name != ctx.pack.name)
            .find_map(|p| p.legal_basis.iter().find(|i| names(i)).map(|i| (p, i)));
        if let (false, Some((pack, instrument))) = (in_this_pack, other) {
            outdated.push(text::shown_long(&citation.value));
            outcome =
                outcome.label(citation.span, format!("{} hører til regelsættet {}", instrument.citation, pack.name));
        }
    }
    if outdated.is_empty() {
        return outcome;
    }
    outcome.verdict = super::Verdict::Failed;
    outcome.var("forældede", list_value(&outdated))
}

fn municipal_approvals(ctx: &Context) -> CheckOutcome {
    let expected = ctx.reference.municipalities(ctx.region);
    let listed = ctx.loaded.agreement.municipal_approvals();
    let mut outcome = CheckOutcome::passed();
    let mut pending = Vec::new();
    for m in &expected {
        match listed.iter().find(|(name, _)| m.is_named(name)) {
            Some((_, Some(_))) => {}
            Some((name, None)) => {
                pending.push(m.navn.clone());
                outcome = outcome.label(name.span, "afventer godkendelse");
            }
            None => pending.push(m.navn.clone()),
        }
    }
    let approved = expected.len() - pending.len();
    outcome = outcome.var("godkendt", approved).var("antal", expected.len());
    if pending.is_empty() {
        return outcome;
    }
    if outcome.labels.is_empty() {
        outcome = outcome.label(behandling_span(ctx), "godkendelser mangler");
    }
    outcome.verdict = super::Verdict::Failed;
    outcome.var("mangler", list_value(&pending)).var("antal_mangler", pending.len())
}

fn submission_deadline(ctx: &Context) -> CheckOutcome {
    let Some(deadline) = &ctx.dates.submission else {
        return CheckOutcome::not_applicable(
            "det kan ikke afgøres, hvornår aftalen er indgået (ingen datoer under `behandling`)",
        );
    };
    let mut base = CheckOutcome::passed()
        .var("frist", date_value(deadline.date))
        .var("ordinær_frist", date_value(deadline.regular))
        .var("regel", ctx.pack.deadlines.submission.rule.as_str());
    if let Some(period) = ctx.dates.period {
        base = base.var("valgperiode", format!("{}-{}", period.start.year(), period.end.year()));
    }
    match &deadline.basis {
        DeadlineBasis::Regular => {}
        DeadlineBasis::Postponed { source } | DeadlineBasis::PostponedByFile { source } => {
            base = base.var("udsat", true).var("kilde", text::shown_long(source));
        }
    }
    let submitted = ctx.loaded.agreement.behandling.as_ref().and_then(|b| b.indsendt.as_ref());
    match submitted {
        Some(date) if date.value.0 <= deadline.date => base.var("indsendt", date_value(date.value.0)),
        Some(date) => {
            let late = (date.value.0 - deadline.date).num_days();
            let mut o = base
                .var("indsendt", date_value(date.value.0))
                .var("dage", late)
                .label(date.span, format!("{late} dage efter fristen {}", danish::date(deadline.date)));
            o.verdict = super::Verdict::Failed;
            o
        }
        None if ctx.as_of > deadline.date => {
            let mut o = base.label(behandling_span(ctx), "`indsendt` mangler");
            o.verdict = super::Verdict::Failed;
            o
        }
        None => CheckOutcome::not_applicable(format!(
            "aftalen er ikke indsendt endnu; fristen er {}",
            danish::date(deadline.date)
        )),
    }
}

fn revision_assessments(ctx: &Context) -> CheckOutcome {
    if ctx.dates.entry_into_force.is_none() {
        return CheckOutcome::not_applicable("aftalen angiver ingen ikrafttrædelsesdato");
    }
    if ctx.dates.ended_years.is_empty() {
        return CheckOutcome::not_applicable(format!("intet aftaleår er afsluttet pr. {}", danish::date(ctx.as_of)));
    }
    let opf = ctx.loaded.agreement.opfoelgning.as_ref();
    let recorded: Vec<NaiveDate> =
        opf.map(|o| o.revisionsvurderinger.iter().map(|d| d.value.0).collect()).unwrap_or_default();
    let describe = |y: &crate::deadlines::AgreementYear| {
        if y.start.month() == 1 && y.start.day() == 1 {
            y.start.year().to_string()
        } else {
            format!("{} – {}", danish::date(y.start), danish::date(y.end))
        }
    };
    let missing: Vec<String> = ctx
        .dates
        .ended_years
        .iter()
        .filter(|y| !recorded.iter().any(|d| y.start <= *d && *d <= y.end))
        .map(describe)
        .collect();
    let years: Vec<String> = ctx.dates.ended_years.iter().map(describe).collect();
    let outcome = CheckOutcome::from_bool(missing.is_empty())
        .var("år", list_value(&years))
        .var("antal_år", years.len())
        .var("mangler", list_value(&missing))
        .var("antal_mangler", missing.len());
    if missing.is_empty() {
        return outcome;
    }
    let span = match opf {
        Some(o) => match o.revisionsvurderinger.first() {
            Some(first) => first.span,
            None => Span { len: 0, ..o.span },
        },
        None => root_span(ctx),
    };
    outcome.label(span, format!("mangler vurdering for {}", danish::list(&missing)))
}

/// Shared logic for midtvejsstatus and slutstatus.
fn status_report(
    ctx: &Context,
    report: Option<&Sp<StatusReport>>,
    deadline: Option<NaiveDate>,
    key: &str,
) -> CheckOutcome {
    let Some(deadline) = deadline else {
        return CheckOutcome::not_applicable("fristen kan ikke beregnes uden ikrafttrædelsesdato");
    };
    let base = CheckOutcome::passed().var("frist", date_value(deadline));
    let sent = report.and_then(|r| r.sendt.as_ref());
    let planned = report.and_then(|r| r.planlagt.as_ref());
    let fail = |o: CheckOutcome, situation: &str, span: Span, text: String| {
        let mut o = o.var("situation", situation).label(span, text);
        o.verdict = super::Verdict::Failed;
        o
    };
    let missing_span = || match (report, ctx.loaded.agreement.opfoelgning.as_ref()) {
        (Some(r), _) => Span { len: 0, ..r.span },
        (None, Some(o)) => Span { len: 0, ..o.span },
        (None, None) => root_span(ctx),
    };
    match (sent, planned) {
        (Some(s), _) if s.value.0 <= deadline => base.var("sendt", date_value(s.value.0)),
        (Some(s), _) => fail(
            base.var("sendt", date_value(s.value.0)),
            "sendt_for_sent",
            s.span,
            format!("efter fristen {}", danish::date(deadline)),
        ),
        (None, Some(p)) if ctx.as_of > deadline => fail(
            base.var("planlagt", date_value(p.value.0)),
            "kun_planlagt",
            p.span,
            format!("fristen {} er passeret", danish::date(deadline)),
        ),
        (None, Some(p)) if p.value.0 > deadline => fail(
            base.var("planlagt", date_value(p.value.0)),
            "planlagt_for_sent",
            p.span,
            format!("efter fristen {}", danish::date(deadline)),
        ),
        (None, Some(p)) => base.var("planlagt", date_value(p.value.0)),
        (None, None) if ctx.as_of > deadline => {
            fail(base, "ikke_sendt", missing_span(), format!("`{key}` er ikke sendt"))
        }
        (None, None) => CheckOutcome::not_applicable(format!(
            "fristen {} ligger efter {}, og ingen dato er planlagt",
            danish::date(deadline),
            danish::date(ctx.as_of)
        )),
    }
}

fn midterm_status(ctx: &Context) -> CheckOutcome {
    let report = ctx.loaded.agreement.opfoelgning.as_ref().and_then(|o| o.midtvejsstatus.as_ref());
    status_report(ctx, report, ctx.dates.midterm_status, "midtvejsstatus")
}

fn final_status(ctx: &Context) -> CheckOutcome {
    let report = ctx.loaded.agreement.opfoelgning.as_ref().and_then(|o| o.slutstatus.as_ref());
    status_report(ctx, report, ctx.dates.final_status, "slutstatus")
}

/// A well-formed https address.
fn is_https_url(text: &str) -> bool {
    url::Url::parse(text.trim()).is_ok_and(|u| u.scheme() == "https" && u.host_str().is_some_and(|h| h.contains('.')))
}

fn publication(ctx: &Context) -> CheckOutcome {
    let submitted = ctx.loaded.agreement.behandling.as_ref().and_then(|b| b.indsendt.as_ref());
    if submitted.is_none_or(|d| d.value.0 > ctx.as_of) {
        return CheckOutcome::not_applicable("aftalen offentliggøres, når den er indgået og indsendt");
    }
    let region = ctx.region;
    let expected = ctx.reference.municipalities(region);
    let entries = ctx.loaded.agreement.publications();
    let mut outcome = CheckOutcome::passed();
    let mut invalid = Vec::new();
    let mut parties_found: Vec<String> = Vec::new();
    for (party, address) in entries {
        let name = if party.value.trim() == region.officielt_navn || party.value.trim() == region.navn {
            region.officielt_navn.clone()
        } else if let Some(m) = match_municipality(party, &expected) {
            m.navn.clone()
        } else {
            outcome = outcome.label(party.span, explain_stranger(ctx, party, &expected, invalid.len()).0);
            invalid.push(text::shown(&party.value));
            continue;
        };
        match address {
            Some(url) if is_https_url(url) => parties_found.push(name),
            Some(url) => {
                invalid.push(name);
                outcome = outcome.label(url.span, "ikke en gyldig https-adresse");
            }
            None => {
                invalid.push(name);
                outcome = outcome.label(party.span, "ingen adresse");
            }
        }
    }
    let all: Vec<String> =
        std::iter::once(region.officielt_navn.clone()).chain(expected.iter().map(|m| m.navn.clone())).collect();
    let missing: Vec<String> =
        all.iter().filter(|p| !parties_found.contains(p) && !invalid.contains(p)).cloned().collect();
    outcome = outcome.var("antal", all.len()).var("offentliggjort", parties_found.len());
    if missing.is_empty() && invalid.is_empty() {
        return outcome;
    }
    if !missing.is_empty() {
        let span = ctx
            .loaded
            .agreement
            .offentliggoerelse
            .as_ref()
            .map_or_else(|| root_span(ctx), |o| Span { len: 0, ..o.span });
        outcome = outcome.label(span, format!("mangler: {}", danish::list(&missing)));
    }
    outcome.verdict = super::Verdict::Failed;
    outcome
        .var("mangler", list_value(&missing))
        .var("antal_mangler", missing.len())
        .var("ugyldige", list_value(&invalid))
}

fn clusters_cover_region(ctx: &Context) -> CheckOutcome {
    let clusters = &ctx.loaded.agreement.sundhedsklynger;
    if clusters.is_empty() {
        return CheckOutcome::failed().var("ingen", true).label(root_span(ctx), "`sundhedsklynger` mangler");
    }
    let expected = ctx.reference.municipalities(ctx.region);
    let mut outcome = CheckOutcome::passed().var("antal_klynger", clusters.len());
    let mut covered: Vec<&str> = Vec::new();
    let mut strangers = Vec::new();
    let mut without_hospital = Vec::new();
    for cluster in clusters {
        if cluster.akutsygehus.as_ref().is_none_or(|h| h.trim().is_empty()) {
            without_hospital.push(text::shown(&cluster.navn.value));
            outcome = outcome.label(cluster.navn.span, "intet akutsygehus angivet");
        }
        for name in &cluster.kommuner {
            match match_municipality(name, &expected) {
                Some(m) => covered.push(m.navn.as_str()),
                None => {
                    let (short, detail) = explain_stranger(ctx, name, &expected, strangers.len());
                    strangers.push(detail);
                    outcome = outcome.label(name.span, short);
                }
            }
        }
    }
    let missing: Vec<String> =
        expected.iter().filter(|m| !covered.contains(&m.navn.as_str())).map(|m| m.navn.clone()).collect();
    if missing.is_empty() && strangers.is_empty() && without_hospital.is_empty() {
        return outcome;
    }
    if !missing.is_empty() {
        outcome = outcome.label(clusters[0].span, format!("ingen klynge dækker {}", danish::list(&missing)));
    }
    outcome.verdict = super::Verdict::Failed;
    outcome
        .var("mangler", list_value(&missing))
        .var("fremmede", text::capped(strangers))
        .var("uden_sygehus", list_value(&without_hospital))
}

fn cooperation_agreements_link(ctx: &Context) -> CheckOutcome {
    let agreements = &ctx.loaded.agreement.samarbejdsaftaler;
    if agreements.is_empty() {
        return CheckOutcome::not_applicable("aftalen nævner ingen samarbejdsaftaler");
    }
    let areas: Vec<&str> = ctx.loaded.agreement.fokusomraader.iter().map(|f| f.navn.value.as_str()).collect();
    let area_set: std::collections::HashSet<String> = areas.iter().map(|a| text::name_key(a).into_owned()).collect();
    let mut outcome = CheckOutcome::passed().var("antal", agreements.len());
    let mut unlinked = Vec::new();
    let mut unknown = Vec::new();
    for a in agreements {
        if a.fokusomraader.is_empty() {
            unlinked.push(text::shown_long(&a.titel.value));
            outcome = outcome.label(a.titel.span, "knyttes ikke til et fokusområde");
        }
        for reference in &a.fokusomraader {
            if area_set.contains(text::name_key(reference).as_ref()) {
                continue;
            }
            // A suggestion compares with every area: only for the first few unknown names.
            let suggestion = if unknown.len() < text::LIST_ITEMS {
                suggest::closest(reference, areas.iter().copied())
            } else {
                None
            };
            let said = match suggestion {
                Some(s) => format!("«{}» findes ikke; mente du «{}»?", text::shown(reference), text::shown(s)),
                None => format!("«{}» er ikke et fokusområde i aftalen", text::shown(reference)),
            };
            unknown.push(said.clone());
            outcome = outcome.label(reference.span, said);
        }
    }
    if unlinked.is_empty() && unknown.is_empty() {
        return outcome;
    }
    outcome.verdict = super::Verdict::Failed;
    outcome
        .var("uden_kobling", list_value(&unlinked))
        .var("antal_uden_kobling", unlinked.len())
        .var("ukendte", text::capped(unknown))
}

fn themes_observed(ctx: &Context) -> CheckOutcome {
    let themes = &ctx.loaded.agreement.temaer;
    if themes.is_empty() {
        return CheckOutcome::failed().label(root_span(ctx), "`temaer` mangler");
    }
    let keys: Vec<String> = themes.iter().map(|t| t.value.key().to_owned()).collect();
    let principles: Vec<String> = ctx.loaded.agreement.principper.iter().map(|p| p.navn.value.clone()).collect();
    CheckOutcome::passed().var("temaer", keys).var("principper", principles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_year_ranges_in_titles() {
        assert_eq!(title_year_range("Sundhedsaftale 2024-2027"), Some((2024, 2027)));
        assert_eq!(title_year_range("Sundhedsaftalen 2024–2027 – Nærhed"), Some((2024, 2027)));
        assert_eq!(title_year_range("Sundhedsaftale 2019 - 2023"), Some((2019, 2023)));
        assert_eq!(title_year_range("Sundhedsaftale"), None);
        assert_eq!(title_year_range("Aftale 12024-2027"), None);
    }

    #[test]
    fn extracts_numbers_from_citations() {
        assert_eq!(numbers_in("BEK nr. 679 af 30. maj 2018"), vec![679, 30, 2018]);
    }

    #[test]
    fn https_addresses() {
        assert!(is_https_url("https://www.regionh.dk/sundhedsaftale"));
        assert!(!is_https_url("http://www.regionh.dk/sundhedsaftale"));
        assert!(!is_https_url("www.regionh.dk"));
        assert!(!is_https_url("https://localhost/x"));
    }

    #[test]
    fn names_are_unique() {
        let mut names = NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NAMES.len());
    }

    #[test]
    fn the_registry_knows_exactly_the_checks_written_here() {
        assert_eq!(NAMES, crate::rules::BUILTIN_CHECKS);
    }
}
