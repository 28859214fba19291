//! Deadlines: submission to Sundhedsstyrelsen, the yearly revision assessments, and the
//! midterm and final status reports.

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::checks::{CheckOutcome, Context};
use crate::danish;
use crate::deadlines::DeadlineBasis;
use crate::model::{Sp, Span, StatusReport};
use crate::text;

pub(super) fn submission_deadline(ctx: &Context) -> CheckOutcome {
    let behandling = ctx.loaded.agreement.behandling.as_ref();
    let submitted = behandling.and_then(|b| b.indsendt.as_ref());
    // Sundhedsstyrelsen's receipt proves the submission; its date bounds the sending date.
    let received = behandling.and_then(|b| b.sundhedsstyrelsen.as_ref()).and_then(|s| s.modtaget.as_ref());
    let not_sent = |o: CheckOutcome| match (submitted, received) {
        (None, None) => o.unconcluded(UNCONCLUDED_SUBMISSION),
        _ => o,
    };
    let Some(deadline) = &ctx.dates.submission else {
        return not_sent(CheckOutcome::not_applicable(
            "det kan ikke afgøres, hvornår aftalen er indgået (ingen datoer under `behandling`)",
        ));
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
    let late = |date: NaiveDate| (date - deadline.date).num_days();
    match (submitted, received) {
        (Some(date), _) if date.value.0 <= deadline.date => base.var("indsendt", date_value(date.value.0)),
        (Some(date), _) => {
            let days = late(date.value.0);
            let mut o = base
                .var("indsendt", date_value(date.value.0))
                .var("dage", days)
                .label(date.span, format!("{days} dage efter fristen {}", danish::date(deadline.date)));
            o.verdict = crate::checks::Verdict::Failed;
            o
        }
        (None, Some(date)) if date.value.0 <= deadline.date => base.var("modtaget", date_value(date.value.0)),
        (None, Some(date)) => {
            // Received after the deadline, but when it was sent is not known: information.
            let days = late(date.value.0);
            let mut o = base
                .var("modtaget", date_value(date.value.0))
                .var("dage", days)
                .label(date.span, format!("modtaget {days} dage efter fristen; afsendelsesdatoen er ikke oplyst"));
            o.verdict = crate::checks::Verdict::Failed;
            o.only_information()
        }
        (None, None) if ctx.as_of > deadline.date => {
            let mut o = base.label(behandling_span(ctx), "`indsendt` mangler").unconcluded(UNCONCLUDED_SUBMISSION);
            o.verdict = crate::checks::Verdict::Failed;
            o
        }
        (None, None) => CheckOutcome::not_applicable(format!(
            "aftalen er ikke indsendt endnu; fristen er {}",
            danish::date(deadline.date)
        ))
        .unconcluded(UNCONCLUDED_SUBMISSION),
    }
}

/// What an agreement lacks until it is sent to Sundhedsstyrelsen.
const UNCONCLUDED_SUBMISSION: &str = "indsendelsen til Sundhedsstyrelsen";

pub(super) fn revision_assessments(ctx: &Context) -> CheckOutcome {
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
    let unrecorded: Vec<&crate::deadlines::AgreementYear> =
        ctx.dates.ended_years.iter().filter(|y| !recorded.iter().any(|d| y.start <= *d && *d <= y.end)).collect();
    // Each year's assessment is due when the year ends, and is judged on its own date: one due
    // on or after the reform's start is only information (D9), whatever the years before it.
    let reform = ctx.reference.reform.fra.0;
    let (after, before): (Vec<&crate::deadlines::AgreementYear>, Vec<_>) =
        unrecorded.iter().copied().partition(|y| y.end >= reform);
    let missing: Vec<String> = before.iter().map(|y| describe(y)).collect();
    let years: Vec<String> = ctx.dates.ended_years.iter().map(describe).collect();
    let span = match opf {
        Some(o) => match o.revisionsvurderinger.first() {
            Some(first) => first.span,
            None => Span { len: 0, ..o.span },
        },
        None => root_span(ctx),
    };
    let after_names: Vec<String> = after.iter().map(|y| describe(y)).collect();
    let mut outcome =
        CheckOutcome::from_bool(unrecorded.is_empty()).var("år", list_value(&years)).var("antal_år", years.len());
    if unrecorded.is_empty() {
        return outcome;
    }
    if missing.is_empty() {
        // Only years due after the reform: information, with its caveat.
        let due = after.iter().map(|y| y.end).min().unwrap_or(reform);
        outcome = outcome
            .var("mangler", list_value(&after_names))
            .var("antal_mangler", after_names.len())
            .label(span, format!("mangler vurdering for {}", danish::list(&after_names)));
        return outcome.due_on(due, ctx.reference);
    }
    outcome = outcome
        .var("mangler", list_value(&missing))
        .var("antal_mangler", missing.len())
        .label(span, format!("mangler vurdering for {}", danish::list(&missing)));
    if !after_names.is_empty() {
        outcome = outcome.var("efter_reformen", list_value(&after_names));
    }
    outcome
}

/// Shared logic for midtvejsstatus and slutstatus.
pub(super) fn status_report(
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
        o.verdict = crate::checks::Verdict::Failed;
        o.due_on(deadline, ctx.reference)
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

pub(super) fn midterm_status(ctx: &Context) -> CheckOutcome {
    let report = ctx.loaded.agreement.opfoelgning.as_ref().and_then(|o| o.midtvejsstatus.as_ref());
    status_report(ctx, report, ctx.dates.midterm_status, "midtvejsstatus")
}

pub(super) fn final_status(ctx: &Context) -> CheckOutcome {
    let report = ctx.loaded.agreement.opfoelgning.as_ref().and_then(|o| o.slutstatus.as_ref());
    status_report(ctx, report, ctx.dates.final_status, "slutstatus")
}

/// How long Sundhedsstyrelsen has to approve or object: eight weeks from receipt.
const REPLY_DAYS: i64 = 8 * 7;

/// Sundhedsstyrelsen decided within eight weeks of receiving the agreement, where both dates
/// are known (`behandling.sundhedsstyrelsen.modtaget` and `.dato`).
pub(super) fn decision_within_eight_weeks(ctx: &Context) -> CheckOutcome {
    let decision = ctx.loaded.agreement.behandling.as_ref().and_then(|b| b.sundhedsstyrelsen.as_ref());
    let (Some(received), Some(decided)) =
        (decision.and_then(|d| d.modtaget.as_ref()), decision.and_then(|d| d.dato.as_ref()))
    else {
        return CheckOutcome::not_applicable("modtagelsen og afgørelsen er ikke begge dateret");
    };
    let limit = received.value.0 + chrono::Duration::days(REPLY_DAYS);
    let outcome = CheckOutcome::from_bool(decided.value.0 <= limit)
        .var("modtaget", date_value(received.value.0))
        .var("afgjort", date_value(decided.value.0))
        .var("frist", date_value(limit));
    if decided.value.0 <= limit {
        return outcome;
    }
    let days = (decided.value.0 - limit).num_days();
    outcome.var("dage", days).label(decided.span, format!("{days} dage efter fristen {}", danish::date(limit)))
}
