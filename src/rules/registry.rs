//! The registry: every pack, and the compiled message templates of their rules.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::files::{PackSourceFile, has_syntax, read_pack, read_pack_dirs};
use super::pack::{PreparedText, PreparedTexts};
use super::{Pack, Rule};
use crate::codes::ErrorCode;
use crate::embedded;
use crate::error::{InputError, SourceFile};

/// The rule texts with template syntax by template name (`bek-2022/SA011/message`), put here
/// the first time one is rendered, for the registry's templates to compile.
type Texts = std::sync::Arc<std::sync::RwLock<BTreeMap<String, String>>>;

/// All packs, and the message templates of their rules: kept as text, and compiled the first
/// time one with template syntax is rendered (most runs render few of them, and half have no
/// syntax at all).
pub struct Registry {
    pub packs: Vec<Pack>,
    /// The texts with template syntax rendered so far, by template name.
    texts: Texts,
    /// Compiles a text from `texts` when it is first asked for.
    templates: minijinja::Environment<'static>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry").field("packs", &self.packs).finish_non_exhaustive()
    }
}

impl Registry {
    /// The packs compiled into the binary.
    pub fn builtin() -> Result<Registry, Vec<InputError>> {
        Registry::with_dirs(&[])
    }

    /// The compiled-in packs plus packs read from directories. A directory is a pack (it holds
    /// `pack.yaml`) or holds packs in its subdirectories. A pack with the name of a compiled-in
    /// pack replaces it.
    pub fn with_dirs(dirs: &[PathBuf]) -> Result<Registry, Vec<InputError>> {
        let mut by_pack: BTreeMap<String, Vec<PackSourceFile>> = BTreeMap::new();
        for (path, text) in embedded::FILES {
            let Some((pack, relative)) = path.split_once('/') else { continue };
            if pack == "reference" {
                continue;
            }
            by_pack.entry(pack.to_owned()).or_default().push(PackSourceFile {
                display: format!("rules/{path}"),
                relative: relative.to_owned(),
                text: std::borrow::Cow::Borrowed(*text),
                embedded: true,
                docs: embedded::docs(path),
            });
        }
        let mut sources: Vec<(String, Vec<PackSourceFile>)> =
            by_pack.into_iter().map(|(name, files)| (format!("rules/{name}"), files)).collect();
        let mut errors = Vec::new();
        for dir in dirs {
            match read_pack_dirs(dir) {
                Ok(found) => sources.extend(found),
                Err(e) => errors.push(e),
            }
        }
        let mut packs: Vec<Pack> = Vec::new();
        for (origin, files) in sources {
            match read_pack(&origin, files) {
                Ok(pack) => {
                    packs.retain(|p| p.name != pack.name);
                    packs.push(pack);
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            packs.sort_by(|a, b| a.name.cmp(&b.name));
            let texts = Texts::default();
            let mut templates = minijinja::Environment::new();
            templates.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
            let source = std::sync::Arc::clone(&texts);
            templates.set_loader(move |name| {
                Ok(source.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(name).cloned())
            });
            Ok(Registry { packs, texts, templates })
        } else {
            Err(errors)
        }
    }

    /// The pack with this name.
    pub fn pack(&self, name: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.name == name)
    }

    /// The packs that apply on `date`.
    pub fn packs_on(&self, date: NaiveDate) -> Vec<&Pack> {
        self.packs.iter().filter(|p| p.applies.contains(date)).collect()
    }

    /// The variables a rule's text (`message`, `passed`, `help`, `letter`) uses, when it has one.
    pub fn template_variables(&self, rule: &Rule, part: &str) -> Option<std::collections::BTreeSet<String>> {
        let name = self.template_of(rule, part)?;
        let template = self.templates.get_template(&name).ok()?;
        Some(template.undeclared_variables(false).into_iter().collect())
    }

    /// Renders one of a rule's templates (`message`, `passed`, `help`, `letter`) with the
    /// values a check found. Falls back to the raw text if rendering fails, so a report is
    /// never lost to a template slip (the rule tests render every example).
    pub fn render(&self, rule: &Rule, part: &str, vars: &BTreeMap<String, minijinja::Value>) -> Option<String> {
        let slot = PreparedTexts::PARTS.iter().position(|p| *p == part)?;
        // A rule belongs to this registry, so what it learnt here holds for every later call.
        let prepared = rule.prepared.0[slot].get_or_init(|| match rule.text(part) {
            None => PreparedText::Missing,
            Some(text) if !has_syntax(text) => PreparedText::Plain(crate::text::message(&tidy(text))),
            Some(_) => self.template_of(rule, part).map_or(PreparedText::Missing, PreparedText::Template),
        });
        let name = match prepared {
            PreparedText::Missing => return None,
            PreparedText::Plain(done) => return Some(done.clone()),
            PreparedText::Template(name) => name,
        };
        let rendered = self.templates.get_template(name).and_then(|template| template.render(vars));
        Some(match rendered {
            // Rule texts are ours; the values in them are not: make them visible, bound the length.
            Ok(text) => crate::text::message(&tidy(&text)),
            Err(err) => format!("{} [skabelonfejl: {err}]", rule.title),
        })
    }

    /// The name a rule's text is compiled under, its text put where the templates find it.
    fn template_of(&self, rule: &Rule, part: &str) -> Option<String> {
        let text = rule.text(part)?;
        let name = rule.template(part);
        let mut texts = self.texts.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        texts.entry(name.clone()).or_insert_with(|| text.to_owned());
        Some(name)
    }
}

/// An error for a rule id that does not exist, with the closest id as a suggestion.
pub fn unknown_rule(
    id: &str,
    known: &[&str],
    source: &SourceFile,
    span: crate::model::Span,
    message: String,
    see: &str,
) -> InputError {
    let help = match crate::suggest::closest(id, known.iter().copied()) {
        Some(s) => format!("Mente du {s}? {see}"),
        None => see.to_owned(),
    };
    InputError::at(ErrorCode::UnknownRule, source, Some(span), message, "ukendt regel").with_help(help)
}

/// Values that end a sentence themselves ("… i tide.") must not get a second full stop from the
/// template; folded YAML may also leave runs of spaces.
fn tidy(text: &str) -> String {
    let text = text.trim();
    let untidy = |pair: &[u8]| matches!(pair, [b'.' | b'?' | b'!', b'.'] | [b' ', b' ']);
    if !text.as_bytes().windows(2).any(untidy) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    // The character two before the present one in the text.
    let (mut two_back, mut one_back) = (None, None);
    while let Some(c) = chars.next() {
        let prev = out.chars().next_back();
        let ellipsis = chars.peek() == Some(&'.') || two_back == Some('.');
        let dropped = matches!((prev, c), (Some('.'), '.') if !ellipsis)
            || matches!((prev, c), (Some('?' | '!'), '.') | (Some(' '), ' '));
        if !dropped {
            out.push(c);
        }
        (two_back, one_back) = (one_back, Some(c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn tidy_removes_doubled_full_stops() {
        assert_eq!(tidy("hjælp i tide.."), "hjælp i tide.");
        assert_eq!(tidy("mente du «X»?."), "mente du «X»?");
        assert_eq!(tidy("og så videre..."), "og så videre...");
        assert_eq!(tidy("to  mellemrum"), "to mellemrum");
    }
}
