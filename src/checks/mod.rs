//! Running one rule's check: the data checks written in rule files, and the named Rust checks
//! in [`builtin`].

pub mod builtin;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::Value;

use crate::danish;
use crate::deadlines::Deadlines;
use crate::load::Loaded;
use crate::model::{Span, parse_date};
use crate::reference::{Reference, Region};
use crate::rules::{Check, Pack, Registry};
use crate::text;
use crate::tree::{Node, NodeKind};

/// What a check concluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    Failed,
    NotApplicable,
}

/// A place in the agreement file, and what to say about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// The template variables every data check supplies when it fails: the items that fail
/// (`mangler`, a list, and `poster`, each item), how many (`antal`), the values found (`værdi`),
/// the failing items grouped by owner (`grupper`), and the limit of `on_or_before` (`grænse`).
pub const DATA_CHECK_VARS: &[&str] = &["mangler", "antal", "poster", "værdi", "grupper", "grænse"];

/// The result of one check: its verdict, the values its message needs, and where to point.
#[derive(Clone, Debug)]
pub struct CheckOutcome {
    pub verdict: Verdict,
    pub vars: BTreeMap<String, Value>,
    pub labels: Vec<Label>,
    /// Why the rule does not apply (shown instead of a message).
    pub note: Option<String>,
    /// Why a duty not met is only information: the law that sets it may no longer apply when
    /// it falls due (the 2025 reform). Added to the message.
    pub caveat: Option<String>,
    /// The rule's failure is, in this case, only information (a late receipt whose sending date
    /// is not recorded).
    pub information: bool,
    /// What the agreement still lacks to be concluded, when the check found it missing.
    pub unconcluded: Option<String>,
}

impl CheckOutcome {
    /// A passed outcome with no values.
    pub fn passed() -> Self {
        CheckOutcome {
            verdict: Verdict::Passed,
            vars: BTreeMap::new(),
            labels: Vec::new(),
            note: None,
            caveat: None,
            information: false,
            unconcluded: None,
        }
    }

    /// A failed outcome with no values yet.
    pub fn failed() -> Self {
        CheckOutcome { verdict: Verdict::Failed, ..CheckOutcome::passed() }
    }

    /// Not applicable, with the reason.
    pub fn not_applicable(note: impl Into<String>) -> Self {
        CheckOutcome { verdict: Verdict::NotApplicable, note: Some(note.into()), ..CheckOutcome::passed() }
    }

    /// Passed when `ok`, else failed.
    pub fn from_bool(ok: bool) -> Self {
        if ok { CheckOutcome::passed() } else { CheckOutcome::failed() }
    }

    /// Adds a value for the message template.
    pub fn var(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.vars.insert(key.to_owned(), value.into());
        self
    }

    /// A duty that falls due on `deadline`: when that is on or after the 2025 reform's new
    /// structure begins, a failure is only information, with the reason.
    pub fn due_on(mut self, deadline: NaiveDate, reference: &Reference) -> Self {
        let reform = &reference.reform;
        if self.verdict == Verdict::Failed && deadline >= reform.fra.0 {
            self.caveat = Some(format!(
                "Fristen falder på eller efter {}, hvor Region Østdanmark dannes (overgangslovens § 126). {} \
                 Manglen er derfor kun en oplysning.",
                crate::danish::date(reform.fra.0),
                reform.lapse_unread()
            ));
        }
        self
    }

    /// Marks a failure as only information.
    pub fn only_information(mut self) -> Self {
        self.information = true;
        self
    }

    /// Records what the agreement lacks to be concluded.
    pub fn unconcluded(mut self, missing: impl Into<String>) -> Self {
        self.unconcluded = Some(missing.into());
        self
    }

    /// Adds a place to point at.
    pub fn label(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label { span, text: text.into() });
        self
    }
}

/// Everything a check may look at.
pub struct Context<'a> {
    pub loaded: &'a Loaded,
    pub reference: &'a Reference,
    pub registry: &'a Registry,
    pub pack: &'a Pack,
    pub region: &'a Region,
    pub dates: &'a Deadlines,
    pub as_of: NaiveDate,
}

/// Runs a check on an agreement.
pub fn run(check: &Check, ctx: &Context) -> CheckOutcome {
    if let Check::Builtin(name) = check {
        return match builtin::find(name) {
            Some(f) => f(ctx),
            None => CheckOutcome::not_applicable(format!("ukendt indbygget kontrol «{name}»")),
        };
    }
    let eval = eval(check, &ctx.loaded.tree, true);
    let mut outcome = if eval.not_applicable {
        CheckOutcome::not_applicable(eval.na_note.unwrap_or_else(|| "ikke relevant for denne aftale".to_owned()))
    } else {
        CheckOutcome::from_bool(eval.passed)
    };
    if outcome.verdict == Verdict::Failed {
        // Names and values come from the file: shortened, made visible, and only so many.
        let shown = |items: &[String]| text::capped(items.iter().map(|i| text::shown(i)).collect());
        outcome = outcome
            .var("mangler", danish::list(&shown(&eval.names)))
            .var("antal", eval.names.len())
            .var("poster", shown(&eval.names))
            .var("værdi", danish::list(&shown(&eval.values)))
            .var("grupper", groups(&eval.owners));
        outcome.labels = eval.labels;
    }
    if let Some(limit) = eval.limit {
        outcome = outcome.var("grænse", danish::date(limit));
    }
    outcome
}

/// What evaluating a data check against a node found.
struct Eval {
    passed: bool,
    not_applicable: bool,
    na_note: Option<String>,
    /// Names of the items that failed (for `each`) or the keys that were missing.
    names: Vec<String>,
    labels: Vec<Label>,
    /// The values that were there but did not satisfy the check.
    values: Vec<String>,
    /// For `each`, the name of what holds each failing item (the focus area of a goal).
    owners: Vec<String>,
    limit: Option<NaiveDate>,
}

impl Eval {
    fn ok() -> Self {
        Eval {
            passed: true,
            not_applicable: false,
            na_note: None,
            names: Vec::new(),
            labels: Vec::new(),
            values: Vec::new(),
            owners: Vec::new(),
            limit: None,
        }
    }

    fn fail(name: String, label: Label) -> Self {
        Eval { passed: false, names: vec![name], labels: vec![label], ..Eval::ok() }
    }

    fn na(note: String) -> Self {
        Eval { not_applicable: true, na_note: Some(note), ..Eval::ok() }
    }
}

/// Evaluates a data check at `node`. `top` is true for the rule's own check, where an `each`
/// over nothing means "not applicable"; nested, it holds vacuously.
fn eval(check: &Check, node: &Node, top: bool) -> Eval {
    match check {
        Check::Present(path) => leaf(node, path, |n| n.is_present(), "er tom"),
        Check::NotEmpty(path) => leaf(node, path, |n| !n.children().is_empty(), "er tom"),
        Check::IsTrue(path) => leaf(node, path, Node::is_true, "er ikke `true`"),
        Check::Equals { path, value } => {
            let equal = |n: &Node| matches!(&n.kind, NodeKind::Scalar(s) if s == value);
            leaf(node, path, equal, &format!("skal være `{value}`"))
        }
        Check::Mentions { path, text } => {
            let wanted = text.to_lowercase();
            let says = |n: &Node| matches!(&n.kind, NodeKind::Scalar(s) if s.to_lowercase().contains(&wanted));
            let mentions = |n: &Node| says(n) || n.children().iter().any(|c| says(c));
            leaf(node, path, mentions, &format!("nævner ikke «{text}»"))
        }
        Check::Each { items, require, when } => {
            let mut list = items_of(node, items);
            if list.is_empty() {
                return if top { Eval::na(format!("aftalen har ingen `{items}`")) } else { Eval::ok() };
            }
            if let Some(when) = when {
                list.retain(|(item, _, _)| eval(when, item, false).passed);
                if list.is_empty() {
                    return if top { Eval::na(format!("ingen `{items}` er omfattet")) } else { Eval::ok() };
                }
            }
            let mut result = Eval::ok();
            for (item, name, owner) in list {
                let sub = eval(require, item, false);
                if !sub.passed {
                    result.passed = false;
                    result.names.push(name);
                    result.owners.push(owner);
                    result.labels.extend(sub.labels);
                }
            }
            result
        }
        Check::Some { items, require } => {
            let list = items_of(node, items);
            if list.iter().any(|(item, _, _)| eval(require, item, false).passed) {
                return Eval::ok();
            }
            let resolved = node.resolve(items);
            let label = match (resolved.found.first(), resolved.missing.first()) {
                (Some((n, _)), _) => Label { span: n.span, text: "ingen af disse opfylder kravet".to_owned() },
                (None, Some(m)) => Label { span: anchor(m.parent), text: format!("`{}` mangler", m.key) },
                (None, None) => Label { span: node.span, text: "her".to_owned() },
            };
            Eval::fail(items.clone(), label)
        }
        Check::AllOf(list) => {
            let mut result = Eval::ok();
            for sub in list.iter().map(|c| eval(c, node, false)) {
                if !sub.passed {
                    result.passed = false;
                    result.names.extend(sub.names);
                    result.labels.extend(sub.labels);
                    result.values.extend(sub.values);
                }
            }
            result
        }
        Check::AnyOf(list) => {
            let subs: Vec<Eval> = list.iter().map(|c| eval(c, node, false)).collect();
            if subs.iter().any(|s| s.passed) {
                return Eval::ok();
            }
            let names: Vec<String> = subs.iter().flat_map(|s| s.names.clone()).collect();
            let span = subs.iter().flat_map(|s| s.labels.first()).map(|l| l.span).next().unwrap_or(node.span);
            let keys: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            let label = Label { span, text: format!("mangler {}", or_list(&keys)) };
            Eval { passed: false, names, labels: vec![label], ..Eval::ok() }
        }
        Check::OnOrBefore { dates, limit } => on_or_before(node, dates, limit),
        // `validate` keeps named checks out of nested positions; at the top `run` handles them.
        Check::Builtin(name) => Eval::na(format!("kontrollen «{name}» kan ikke indgå i en sammensat kontrol")),
    }
}

/// A check on one value at `path`; missing values point at the deepest key that exists.
fn leaf(node: &Node, path: &str, holds: impl Fn(&Node) -> bool, fails: &str) -> Eval {
    let resolved = node.resolve(path);
    let last = path.rsplit('.').next().unwrap_or(path).to_owned();
    if let Some(m) = resolved.missing.first() {
        let label = Label { span: anchor(m.parent), text: format!("`{}` mangler", m.key) };
        return Eval::fail(last, label);
    }
    match resolved.found.iter().find(|(n, _)| !holds(n)) {
        Some((n, _)) => {
            let mut eval = Eval::fail(last.clone(), Label { span: n.span, text: format!("`{last}` {fails}") });
            if let NodeKind::Scalar(s) = &n.kind {
                eval.values.push(s.clone());
            }
            eval
        }
        None => Eval::ok(),
    }
}

/// The items an `each`/`some` iterates over: the children of every node `path` names.
/// Each item comes with its name and the name of what holds it (the focus area of a goal).
fn items_of<'a>(node: &'a Node, path: &str) -> Vec<(&'a Node, String, String)> {
    let resolved = node.resolve(path);
    let mut items = Vec::new();
    for (found, owner) in resolved.found {
        match &found.kind {
            NodeKind::List(list) => items.extend(
                list.iter().map(|n| (n, short(&n.label().unwrap_or_else(|| "(uden navn)".to_owned())), owner.clone())),
            ),
            NodeKind::Map(entries) => items.extend(entries.iter().map(|(k, v)| (v, k.value.clone(), owner.clone()))),
            _ => {}
        }
    }
    items
}

/// Long names (a goal's full sentence) are cut at a word boundary for messages.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    let text = text.trim();
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', '.', ';', ' ']);
    format!("{cut} …")
}

/// "A (2), B (1)": how many failing items each owner holds, in order of first appearance.
fn groups(owners: &[String]) -> String {
    // In the order they first appear; a map keeps this linear for files with many owners.
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for owner in owners.iter().filter(|o| !o.is_empty()) {
        match index.get(owner.as_str()) {
            Some(&i) => counts[i].1 += 1,
            None => {
                index.insert(owner, counts.len());
                counts.push((owner, 1));
            }
        }
    }
    let parts: Vec<String> = counts.iter().map(|(o, n)| format!("{} ({n})", text::shown(o))).collect();
    danish::list(&text::capped(parts))
}

fn on_or_before(node: &Node, dates: &[String], limit: &str) -> Eval {
    let limit_date = node.resolve(limit).found.iter().find_map(|(n, _)| scalar_date(n));
    let Some(limit_date) = limit_date else {
        return Eval::na(format!("`{limit}` er ikke angivet"));
    };
    let mut result = Eval { limit: Some(limit_date), ..Eval::ok() };
    for path in dates {
        let key = path.rsplit('.').find(|s| *s != "*").unwrap_or(path);
        for (n, owner) in node.resolve(path).found {
            let Some(date) = scalar_date(n) else { continue };
            if date > limit_date {
                let who = if owner.is_empty() { key.to_owned() } else { owner };
                result.passed = false;
                result.names.push(format!("{who} ({})", danish::date(date)));
                result.labels.push(Label { span: n.span, text: format!("efter {}", danish::date(limit_date)) });
            }
        }
    }
    result
}

fn scalar_date(node: &Node) -> Option<NaiveDate> {
    match &node.kind {
        NodeKind::Scalar(s) => parse_date(s).ok(),
        _ => None,
    }
}

/// Where to point for something missing inside `parent`: its first line.
fn anchor(parent: &Node) -> Span {
    Span { len: 0, ..parent.span }
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} eller {}", init.join(", "), last),
    }
}
