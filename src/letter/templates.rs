//! The letters' template environment: the templates of a rule pack (`rules/<pack>/brev/`) or of
//! a directory given with `--template`, with the escaping formatter, `udfyld(…)` for the places
//! a person must complete, and the `liste` filter ("A, B og C").

use minijinja::{Environment, Value};

use super::Templates;
use super::places::{CLOSE, OPEN};
use crate::codes::ErrorCode;
use crate::danish;
use crate::error::InputError;
use crate::rules::Registry;

/// The template environment of a pack (or a `--template` directory) with the letters' filters,
/// holding at least the template `wanted`.
pub(super) fn environment(
    templates: Templates,
    registry: &Registry,
    pack: &str,
    wanted: &str,
) -> Result<Environment<'static>, InputError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
    env.set_formatter(|out, state, value| {
        if value.is_safe() || value.is_none() || value.is_undefined() {
            return minijinja::escape_formatter(out, state, value);
        }
        let text = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
        out.write_str(&crate::text::markdown(&text)).map_err(minijinja::Error::from)
    });
    env.add_function("udfyld", |what: String| Value::from_safe_string(format!("{OPEN}Udfyld: {what}{CLOSE}")));
    // A judgement the draft makes on Sundhedsstyrelsen's behalf: the case officer confirms it.
    env.add_function("bekraeft", |what: Option<String>| {
        Value::from_safe_string(match what {
            Some(what) => format!("{OPEN}Bekræft: {what}{CLOSE}"),
            None => format!("{OPEN}Bekræft{CLOSE}"),
        })
    });
    // "A, B og C"; the items are escaped one by one, like any value.
    env.add_filter("liste", |items: Vec<String>| {
        let escaped: Vec<String> = items.iter().map(|i| crate::text::markdown(i)).collect();
        Value::from_safe_string(danish::list(&escaped))
    });
    let template_error = |name: &str, e: minijinja::Error| {
        InputError::file(ErrorCode::LetterTemplate, name, format!("brevskabelonen kan ikke læses: {e}"))
    };
    match templates {
        Templates::Pack => {
            let pack = registry.pack(pack).ok_or_else(|| {
                InputError::file(ErrorCode::LetterTemplate, pack, format!("regelsættet {pack} findes ikke"))
            })?;
            let mut found = false;
            for (name, text) in pack.files.iter().filter(|(n, _)| n.starts_with("brev/")) {
                let short = name.trim_start_matches("brev/").to_owned();
                found |= short == wanted;
                env.add_template_owned(short, text.clone()).map_err(|e| template_error(name, e))?;
            }
            if !found {
                return Err(InputError::file(
                    ErrorCode::LetterTemplate,
                    &pack.origin,
                    format!("regelsættet {} har ingen brevskabelon (brev/{wanted})", pack.name),
                ));
            }
        }
        Templates::Directory(dir) => {
            let display = dir.display().to_string();
            let entries = std::fs::read_dir(dir).map_err(|e| {
                InputError::file(
                    ErrorCode::LetterTemplate,
                    &display,
                    format!("mappen kan ikke læses: {}", crate::danish::io_error(&e)),
                )
            })?;
            let mut names: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
            names.sort();
            for path in names {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let source = crate::read::read_text(&path, &format!("{display}/{name}"))?;
                env.add_template_owned(name.clone(), source.text.to_string()).map_err(|e| template_error(&name, e))?;
            }
            if env.get_template(wanted).is_err() {
                return Err(InputError::file(
                    ErrorCode::LetterTemplate,
                    &display,
                    format!("mappen {display} indeholder ingen {wanted}"),
                ));
            }
        }
    }
    Ok(env)
}
