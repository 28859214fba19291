//! `aftale` checks a Danish *sundhedsaftale* (the health agreement between a region and its
//! municipalities) against the rules of the bekendtgørelse and the vejledning, and reports the
//! way Sundhedsstyrelsen's reply letter is laid out.
//!
//! The library is `load → evaluate → findings`; it knows nothing of terminals or exit codes.
//!
//! ```
//! use aftale::{error::SourceFile, evaluate, load, reference::Reference, rules::Registry};
//!
//! # fn main() -> Result<(), Vec<aftale::error::InputError>> {
//! let text = "format: 1\ntitel: Sundhedsaftale 2024-2027\nregion: Nordjylland\nikrafttrædelse: 2024-01-01\n";
//! let reference = Reference::builtin();
//! let registry = Registry::builtin()?;
//! let loaded = load::load(SourceFile::new("aftale.yaml", text), reference)?;
//! let options = evaluate::EvaluationOptions::on(chrono::NaiveDate::from_ymd_opt(2024, 2, 1).unwrap());
//! let assessment = evaluate::evaluate(loaded, &registry, reference, &options)?;
//! assert_eq!(assessment.pack.name, "bek-2022");
//! // No approval or submission is recorded: there is nothing Sundhedsstyrelsen can approve yet.
//! assert_eq!(assessment.approval(), evaluate::Approval::NotConcluded);
//! # Ok(())
//! # }
//! ```

pub mod checks;
pub mod codes;
pub mod config;
pub mod danish;
pub mod deadlines;
pub mod diagnostic;
pub mod embedded;
pub mod error;
pub mod evaluate;
pub mod finding;
pub mod globs;
pub mod import;
pub mod letter;
pub mod lifecycle;
pub mod load;
pub mod model;
pub mod output;
pub mod parallel;
pub mod read;
pub mod reference;
pub mod rules;
pub mod run;
pub mod scaffold;
pub mod schema;
pub mod snippet;
pub mod source;
pub mod status;
pub mod suggest;
pub mod text;
pub mod tree;
pub mod vacant;
pub mod yaml;
