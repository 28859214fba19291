//! The rule registry: rule packs and their rules, read from `rules/` (compiled in) or from a
//! directory the user adds with `--rules DIR`.
//!
//! A pack is a directory with `pack.yaml` (legal basis, dates, deadline conventions) and one
//! YAML file per rule (id, title, level, heading, source, dates, message, help, check, and its
//! two example files). Messages are minijinja templates, compiled once here.

mod check;
mod files;
mod pack;
mod registry;
mod vocabulary;

pub use check::{BUILTIN_CHECKS, Check, validate};
pub use pack::{
    DeadlineConventions, Examples, ExpiryConvention, FinalConvention, Instrument, MidtermConvention, Pack,
    Postponement, RevisionConvention, Rule, RuleDocs, SubmissionConvention,
};
pub use registry::{Registry, unknown_rule};
pub use vocabulary::{Evidence, Heading, Level, Quote, Source, Validity};
