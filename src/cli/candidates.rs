//! Values the shell's completion offers where a region, a municipality, a rule pack or a rule
//! is expected. The arguments still take any text: a misspelt name gets the Danish error and
//! suggestion of the command itself, not clap's English one.

use std::ffi::OsStr;

use aftale::reference::Reference;
use aftale::rules::Registry;
use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};

/// A text argument with a list of candidates for completion. The list is made only when a
/// completion script or a manual page asks for it, never when arguments are parsed.
#[derive(Clone, Copy)]
pub struct Candidates(fn() -> Vec<String>);

impl TypedValueParser for Candidates {
    type Value = String;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &OsStr) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.0)().into_iter().map(|v| PossibleValue::new(v).hide(false))))
    }
}

/// The regions' short names (Hovedstaden, …, Østdanmark).
pub fn regions() -> Candidates {
    Candidates(|| Reference::builtin().regions.iter().map(|r| r.navn.clone()).collect())
}

/// Every municipality's short name.
pub fn municipalities() -> Candidates {
    Candidates(|| {
        let reference = Reference::builtin();
        let mut names: Vec<String> =
            reference.regions.iter().flat_map(|r| reference.municipalities(r)).map(|m| m.navn.clone()).collect();
        names.sort();
        names.dedup();
        names
    })
}

/// The built-in rule packs' names.
pub fn rulesets() -> Candidates {
    Candidates(|| Registry::builtin().map(|r| r.packs.iter().map(|p| p.name.clone()).collect()).unwrap_or_default())
}

/// The built-in rules' ids.
pub fn rules() -> Candidates {
    Candidates(|| {
        let mut ids: Vec<String> = Registry::builtin()
            .map(|r| r.packs.iter().flat_map(|p| p.rules().iter().map(|rule| rule.id.clone())).collect())
            .unwrap_or_default();
        ids.sort();
        ids.dedup();
        ids
    })
}
