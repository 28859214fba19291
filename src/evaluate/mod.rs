//! Evaluation: choose the rule pack, run every rule that applies, apply accepted deviations,
//! and reach the verdict. Everything an output format needs is in the [`Assessment`].

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::checks::{self, Context, Verdict};
use crate::codes::ErrorCode;
use crate::danish;
use crate::deadlines::{self, Deadlines};
use crate::error::InputError;
pub use crate::finding::{
    Acceptance, AcceptanceOrigin, Approval, FailOn, Finding, Gate, LevelOverride, RuleSelection, Status, Summary,
};
use crate::load::Loaded;
use crate::reference::{Reference, Region};
use crate::rules::{Level, Pack, Registry, Rule};
use crate::suggest;

mod acceptances;
mod recorded;
mod reform;

use acceptances::{apply_acceptances, collect_acceptances};
pub use recorded::approval_round;

/// How the rule pack was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackChoice {
    /// Named on the command line or in a configuration.
    Explicit,
    /// From the agreement's entry into force.
    EntryIntoForce(NaiveDate),
    /// From the first year in the title (no entry into force stated).
    TitleYear(i32),
    /// From the `--as-of` date (neither of the above).
    AsOf(NaiveDate),
}

impl PackChoice {
    /// Danish: why this pack.
    pub fn danish(&self) -> String {
        match self {
            PackChoice::Explicit => "valgt med --ruleset".to_owned(),
            PackChoice::EntryIntoForce(d) => format!("ud fra ikrafttrædelse {}", danish::date(*d)),
            PackChoice::TitleYear(y) => format!("ud fra årstallet {y} i titlen (ingen ikrafttrædelse angivet)"),
            PackChoice::AsOf(d) => {
                format!("ud fra vurderingsdatoen {} (hverken ikrafttrædelse eller årstal i titlen)", danish::date(*d))
            }
        }
    }
}

/// One national goal and the focus areas that link to it.
#[derive(Clone, Debug)]
pub struct CoverageRow {
    pub number: i64,
    pub name: String,
    /// Indexes into the agreement's `fokusområder`.
    pub areas: Vec<usize>,
}

/// An acceptance that matched no unmet finding.
#[derive(Clone, Debug)]
pub struct UnusedAcceptance {
    pub acceptance: Acceptance,
    /// Why it matched nothing.
    pub why: String,
}

/// Everything known about one agreement after evaluation.
#[derive(Debug)]
pub struct Assessment<'r> {
    pub loaded: Loaded,
    pub pack: &'r Pack,
    pub pack_choice: PackChoice,
    pub as_of: NaiveDate,
    pub region: &'r Region,
    /// The region that holds the agreement's duties on the `--as-of` date: the region itself,
    /// or the one formed from it (Region Østdanmark from 1 January 2027).
    pub duty_holder: &'r Region,
    pub dates: Deadlines,
    pub findings: Vec<Finding<'r>>,
    pub unused_acceptances: Vec<UnusedAcceptance>,
    pub coverage: Vec<CoverageRow>,
    /// The agreement's standing after the 2025 reform, on an `--as-of` date after it began, for
    /// an agreement in force then: who holds which duties, and what is not read (D6).
    pub reform_standing: Option<String>,
    /// Dates the file records after the `--as-of` date ("indsendt 9. januar 2024"): the rules
    /// judge them as if they had happened.
    pub recorded_after_as_of: Vec<String>,
}

/// What to evaluate against, beyond the agreement itself.
#[derive(Debug, Clone)]
pub struct EvaluationOptions {
    /// The date for time-dependent rules. The library never reads the clock: the command line
    /// passes today's date in Danish time when `--as-of` is not given.
    pub as_of: NaiveDate,
    /// A pack to use instead of choosing by date.
    pub ruleset: Option<String>,
    /// Level overrides by rule id (from a repository configuration), for the gate only.
    pub levels: BTreeMap<String, LevelOverride>,
    /// Accepted deviations from outside the file (from a repository configuration).
    pub acceptances: Vec<Acceptance>,
    /// Rules the command line leaves out of the gate (beats `levels`).
    pub selection: RuleSelection,
}

impl EvaluationOptions {
    /// Evaluating as of a date, with the pack chosen by date, and no configuration.
    pub fn on(as_of: NaiveDate) -> EvaluationOptions {
        EvaluationOptions {
            as_of,
            ruleset: None,
            levels: BTreeMap::new(),
            acceptances: Vec::new(),
            selection: RuleSelection::default(),
        }
    }
}

/// Evaluates a loaded agreement.
pub fn evaluate<'r>(
    loaded: Loaded,
    registry: &'r Registry,
    reference: &'r Reference,
    options: &EvaluationOptions,
) -> Result<Assessment<'r>, Vec<InputError>> {
    let as_of = options.as_of;
    let (pack, pack_choice) = choose_pack(&loaded, registry, reference, options, as_of)?;
    let Some(region) = reference.region(&loaded.agreement.region) else {
        // Loading refuses unknown regions, so this is only reachable through the library.
        return Err(vec![InputError::file(
            ErrorCode::UnknownRegion,
            &loaded.source.name,
            format!("regionen «{}» findes ikke", crate::text::shown(&loaded.agreement.region.value)),
        )]);
    };
    let acceptances = collect_acceptances(&loaded, pack, options)?;
    let dates = deadlines::compute(&loaded.agreement, &loaded.tree, pack, reference, as_of);
    let ctx = Context { loaded: &loaded, reference, registry, pack, region, dates: &dates, as_of };
    let reference_date = rule_date(&loaded, pack, as_of);
    let mut findings = Vec::new();
    for rule in pack.rules().iter().filter(|r| r.applies.contains(reference_date)) {
        findings.push(run_rule(rule, &ctx, registry, options));
    }
    let unused_acceptances = apply_acceptances(&mut findings, acceptances);
    let coverage = coverage(&loaded, reference);
    // The checks were the tree's last readers; the report needs the text and the typed model.
    // A run over many files keeps every assessment until it ends, so the tree goes now.
    let mut loaded = loaded;
    loaded.tree = crate::tree::Node { span: loaded.tree.span, kind: crate::tree::NodeKind::Null };
    let duty_holder = reference.duty_holder(region, as_of);
    let reform_standing = reform::standing(reference, pack, region, duty_holder, &dates, as_of);
    let recorded_after_as_of = recorded::after(&loaded.agreement, as_of);
    Ok(Assessment {
        loaded,
        pack,
        pack_choice,
        as_of,
        region,
        duty_holder,
        dates,
        findings,
        unused_acceptances,
        coverage,
        reform_standing,
        recorded_after_as_of,
    })
}

/// The date that decides which rules of the pack apply: the entry into force, else the title's
/// first year, else the `--as-of` date — moved into the pack's own dates when a pack was forced
/// with `--ruleset` for an agreement outside them.
fn rule_date(loaded: &Loaded, pack: &Pack, as_of: NaiveDate) -> NaiveDate {
    let a = &loaded.agreement;
    let date = a
        .ikrafttraedelse
        .as_ref()
        .map(|d| d.value.0)
        .or_else(|| first_title_year(&a.titel).map(|y| crate::reference::ymd(y, 1, 1)))
        .unwrap_or(as_of);
    match (pack.applies.from, pack.applies.to) {
        (Some(from), _) if date < from.0 => from.0,
        (_, Some(to)) if date > to.0 => to.0,
        _ => date,
    }
}

fn run_rule<'r>(rule: &'r Rule, ctx: &Context, registry: &Registry, options: &EvaluationOptions) -> Finding<'r> {
    let outcome = checks::run(&rule.check, ctx);
    let status = match outcome.verdict {
        Verdict::Passed => Status::Passed,
        Verdict::Failed => Status::Failed,
        Verdict::NotApplicable => Status::NotApplicable,
    };
    let message = match status {
        Status::Failed => registry.render(rule, "message", &outcome.vars),
        Status::NotApplicable => outcome.note.as_ref().map(|n| danish::upper_first(n) + "."),
        _ => registry.render(rule, "passed", &outcome.vars),
    }
    .unwrap_or_else(|| rule.title.clone());
    let help = registry.render(rule, "help", &outcome.vars).unwrap_or_default();
    // A duty whose law may have lapsed when it falls due is information, and says why.
    let (level, message) = match (&outcome.caveat, status) {
        (Some(caveat), Status::Failed) => (Level::Info, format!("{message} {caveat}")),
        (None, Status::Failed) if outcome.information => (Level::Info, message),
        _ => (rule.level, message),
    };
    Finding {
        rule,
        level,
        status,
        message,
        help,
        labels: outcome.labels,
        acceptance: None,
        level_override: options
            .selection
            .override_for(&rule.id)
            .or_else(|| options.levels.get(&rule.id).cloned())
            .filter(|o| o.level != level),
        vars: outcome.vars,
        unconcluded: outcome.unconcluded,
    }
}

fn choose_pack<'r>(
    loaded: &Loaded,
    registry: &'r Registry,
    reference: &Reference,
    options: &EvaluationOptions,
    as_of: NaiveDate,
) -> Result<(&'r Pack, PackChoice), Vec<InputError>> {
    let file = &loaded.source.name;
    if let Some(name) = &options.ruleset {
        return match registry.pack(name) {
            Some(pack) => Ok((pack, PackChoice::Explicit)),
            None => {
                let names: Vec<&str> = registry.packs.iter().map(|p| p.name.as_str()).collect();
                let mut err =
                    InputError::file(ErrorCode::UnknownRuleset, file, format!("regelsættet «{name}» findes ikke"))
                        .with_help(format!("Regelsættene er: {}.", names.join(", ")));
                if let Some(s) = suggest::closest(name, names.iter().copied()) {
                    err = err.with_help(format!("Mente du «{s}»? Regelsættene er: {}.", names.join(", ")));
                }
                Err(vec![err])
            }
        };
    }
    let a = &loaded.agreement;
    let (date, choice) = if let Some(entry) = &a.ikrafttraedelse {
        (entry.value.0, PackChoice::EntryIntoForce(entry.value.0))
    } else if let Some(year) = first_title_year(&a.titel) {
        (crate::reference::ymd(year, 1, 1), PackChoice::TitleYear(year))
    } else {
        (as_of, PackChoice::AsOf(as_of))
    };
    let packs = registry.packs_on(date);
    // A pack that began before the reform and has no end covers the agreements made under the
    // old rules, not those that begin after the new structure does.
    let reform = &reference.reform;
    if date >= reform.fra.0 && packs.iter().all(|p| p.applies.from.is_none_or(|f| f.0 < reform.fra.0)) {
        return Err(vec![
            InputError::file(
                ErrorCode::AfterReform,
                file,
                format!(
                    "aftalen træder i kraft {} ({}), efter {}, hvor Region Østdanmark dannes (overgangslovens \
                     § 126); intet regelsæt dækker aftaler, der træder i kraft derefter",
                    danish::date(date),
                    choice.danish(),
                    danish::date(reform.fra.0)
                ),
            )
            .with_help(format!(
                "{} {} Lovforslagenes status kan følges på ft.dk. Vil du alligevel tjekke aftalen efter de \
                 hidtidige regler, så vælg regelsættet med --ruleset, fx --ruleset bek-2022.",
                reform.lapse_unread(),
                crate::danish::upper_first(reform.efterfoelger.trim()),
            )),
        ]);
    }
    match packs.as_slice() {
        [pack] => Ok((pack, choice)),
        [] => Err(vec![
            InputError::file(
                ErrorCode::NoRuleset,
                file,
                format!("intet regelsæt gælder for {} ({})", danish::date(date), choice.danish()),
            )
            .with_help(pack_list_help(registry)),
        ]),
        many => {
            let names: Vec<&str> = many.iter().map(|p| p.name.as_str()).collect();
            Err(vec![
                InputError::file(
                    ErrorCode::SeveralRulesets,
                    file,
                    format!("flere regelsæt gælder for {}: {}", danish::date(date), names.join(", ")),
                )
                .with_help("Vælg ét med --ruleset NAVN."),
            ])
        }
    }
}

fn pack_list_help(registry: &Registry) -> String {
    let packs: Vec<String> = registry.packs.iter().map(|p| format!("{} ({})", p.name, p.applies.danish())).collect();
    format!("Regelsættene er: {}. Vælg ét med --ruleset NAVN.", packs.join("; "))
}

/// The first year of a "YYYY-YYYY" or a lone four-digit year in the title.
fn first_title_year(title: &str) -> Option<i32> {
    title
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| s.len() == 4)
        .find_map(|s| s.parse::<i32>().ok())
        .filter(|y| (1900..=2200).contains(y))
}

fn coverage(loaded: &Loaded, reference: &Reference) -> Vec<CoverageRow> {
    let areas = &loaded.agreement.fokusomraader;
    let links: Vec<Vec<i64>> = areas.iter().map(|a| reference.goal_numbers(&a.nationale_maal)).collect();
    reference
        .goals
        .iter()
        .map(|g| CoverageRow {
            number: g.nummer,
            name: g.navn.clone(),
            areas: links.iter().enumerate().filter(|(_, l)| l.contains(&g.nummer)).map(|(i, _)| i).collect(),
        })
        .collect()
}

impl Assessment<'_> {
    /// Counts of findings by what they mean; `failing_gate` under `fail_on`.
    pub fn summary(&self, fail_on: FailOn) -> Summary {
        let mut s = Summary::default();
        for f in &self.findings {
            match (f.status, f.level) {
                (Status::Passed, _) => s.passed += 1,
                (Status::NotApplicable, _) => s.not_applicable += 1,
                (Status::Failed, Level::Indholdskrav | Level::Proceskrav) => s.failed += 1,
                (Status::Failed, Level::Anbefaling) => s.recommendations += 1,
                (Status::Failed, Level::Info) => s.observations += 1,
            }
            if f.is_unmet() {
                s.accepted += usize::from(f.acceptance.is_some());
                s.overridden += usize::from(f.level_override.is_some());
            }
            s.failing_gate += usize::from(f.fails_gate(fail_on));
        }
        s
    }

    /// The verdict: not concluded while an approval or the submission is missing (seed 001:
    /// the agreement "er indgået, når den er godkendt af både regionsrådet og alle
    /// kommunalbestyrelser i regionen og indsendt"); else approvable unless a content requirement
    /// of the rule pack is not met. Accepted deviations and level overrides do not enter into it.
    pub fn approval(&self) -> Approval {
        if self.findings.iter().any(|f| f.unconcluded.is_some()) {
            return Approval::NotConcluded;
        }
        let blocked = self.findings.iter().any(|f| f.status == Status::Failed && f.level == Level::Indholdskrav);
        if blocked { Approval::NotApprovable } else { Approval::Approvable }
    }

    /// What the agreement lacks to be concluded, in the rules' order ("regionsrådets
    /// godkendelse", "godkendelse fra Samsø og Syddjurs", "indsendelse til Sundhedsstyrelsen").
    pub fn missing_for_conclusion(&self) -> Vec<&str> {
        self.findings.iter().filter_map(|f| f.unconcluded.as_deref()).collect()
    }

    /// The verdict as a person reads it: for an agreement not concluded, what is missing.
    pub fn verdict_danish(&self) -> String {
        let verdict = self.approval();
        if verdict != Approval::NotConcluded {
            return verdict.danish().to_owned();
        }
        let missing = self.missing_for_conclusion().iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        format!("{} (mangler: {})", verdict.danish(), danish::list(&missing))
    }

    /// Findings that fail the CI gate under `fail_on`.
    pub fn failing_under(&self, fail_on: FailOn) -> impl Iterator<Item = &Finding<'_>> {
        self.findings.iter().filter(move |f| f.fails_gate(fail_on))
    }

    /// The gate: whether the agreement fails the CI run under `fail_on`.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.failing_under(fail_on).next().is_some()
    }

    /// The gate for this agreement under `fail_on`.
    pub fn gate(&self, fail_on: FailOn) -> Gate {
        if self.fails(fail_on) { Gate::Fail } else { Gate::Pass }
    }

    /// Findings not met at one level of the rule pack (accepted or not): the law's view.
    pub fn failing(&self, level: Level) -> impl Iterator<Item = &Finding<'_>> {
        self.findings.iter().filter(move |f| f.status == Status::Failed && f.level == level)
    }

    /// The agreement's period as Danish text, when known.
    pub fn period_danish(&self) -> Option<String> {
        let entry = self.dates.entry_into_force?;
        let expiry = self.dates.expiry?;
        Some(format!("{} – {}", danish::date(entry), danish::date(expiry)))
    }

    /// The years of the title or period, for the letter's title ("2024-2027").
    pub fn period_years(&self) -> Option<String> {
        Some(format!("{}-{}", self.dates.entry_into_force?.year(), self.dates.expiry?.year()))
    }
}
