//! What the editor asks of a checked document: hover (a finding's rule as `aftale explain`
//! prints it; a key's meaning from the schema's Danish descriptions), code actions (the
//! did-you-mean fix an input error suggests) and completion (keys, the region's municipalities
//! under `kommuner`, the national goals' numbers, the themes).

use std::collections::HashMap;

use aftale::reference::Reference;
use aftale::rules::Registry;
use lsp_types::{
    CodeAction, CodeActionOrCommand, CodeActionParams, CompletionItem, CompletionItemKind, CompletionResponse, Hover,
    HoverContents, MarkupContent, MarkupKind, Position, Range, TextEdit, WorkspaceEdit,
};
use serde_json::Value;

use super::findings::{Checked, Fix, offset};

fn contains(range: &Range, at: Position) -> bool {
    let after_start = (at.line, at.character) >= (range.start.line, range.start.character);
    let before_end = (at.line, at.character) <= (range.end.line, range.end.character);
    after_start && before_end
}

fn overlaps(a: &Range, b: &Range) -> bool {
    contains(a, b.start) || contains(a, b.end) || contains(b, a.start)
}

fn markdown(text: String) -> Hover {
    Hover { contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }), range: None }
}

/// A finding's rule explained, or the key under the cursor described.
pub fn hover(d: &Checked, at: Position) -> Option<Hover> {
    let rule = d
        .diagnostics
        .iter()
        .zip(&d.rules)
        .find_map(|(diag, rule)| contains(&diag.range, at).then_some(rule.as_ref()).flatten());
    if let Some((pack, id)) = rule {
        let builtin;
        let registry = match &d.registry {
            Some(registry) => registry,
            None => {
                builtin = Registry::builtin().ok()?;
                &builtin
            }
        };
        let rule = registry.packs.iter().filter(|p| &p.name == pack).find_map(|p| p.rule(id))?;
        let text = super::super::rules_cmd::explanation(rule, registry, 80);
        return Some(markdown(format!("```text\n{}\n```", text.replace("```", "'''"))));
    }
    let key = key_at(&d.text, at)?;
    let description = describe(&schema(), &key)?;
    Some(markdown(format!("**{key}**: {description}")))
}

/// The key on the line under the cursor (`  kommuner:` → "kommuner").
fn key_at(text: &str, at: Position) -> Option<String> {
    let line = text.lines().nth(at.line as usize)?;
    let key = line.trim_start().trim_start_matches("- ").split(':').next()?.trim();
    (!key.is_empty() && !key.contains(' ')).then(|| key.to_owned())
}

fn schema() -> Value {
    aftale::schema::agreement(Reference::builtin())
}

/// Every property in the schema by name, with its description (the first one found).
fn properties(schema: &Value) -> HashMap<String, String> {
    fn walk(v: &Value, out: &mut HashMap<String, String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    for (name, p) in props {
                        let d = p.get("description").and_then(Value::as_str).unwrap_or_default();
                        out.entry(name.clone()).or_insert_with(|| d.to_owned());
                    }
                }
                map.values().for_each(|c| walk(c, out));
            }
            Value::Array(items) => items.iter().for_each(|c| walk(c, out)),
            _ => {}
        }
    }
    let mut out = HashMap::new();
    walk(schema, &mut out);
    out
}

fn describe(schema: &Value, key: &str) -> Option<String> {
    properties(schema).remove(key).filter(|d| !d.is_empty())
}

/// The did-you-mean fixes of the diagnostics in the requested range.
// lsp-types keys `WorkspaceEdit::changes` by `Uri`, whose parsed form caches data in a `Cell`;
// the map is built once and never mutated through its keys.
#[allow(clippy::mutable_key_type)]
pub fn code_actions(d: &Checked, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    for (diag, fix) in d.diagnostics.iter().zip(&d.suggestions) {
        let Some(fix) = fix else { continue };
        if !overlaps(&diag.range, &params.range) {
            continue;
        }
        let (title, edit) = match fix {
            Fix::Replace(fix) => (format!("Ret til «{fix}»"), TextEdit { range: diag.range, new_text: fix.clone() }),
            Fix::Insert { key, at, text } => {
                (format!("Tilføj `{key}`"), TextEdit { range: Range { start: *at, end: *at }, new_text: text.clone() })
            }
        };
        let changes = HashMap::from([(params.text_document.uri.clone(), vec![edit])]);
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(lsp_types::CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag.clone()]),
            edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
            is_preferred: Some(true),
            ..CodeAction::default()
        }));
    }
    actions
}

/// The key a line at the cursor is under: the nearest line above with less indentation.
fn parent_key(text: &str, at: Position) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(at.line as usize).copied().unwrap_or("");
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mine = if here.trim().is_empty() { at.character as usize } else { indent(here) };
    lines[..(at.line as usize).min(lines.len())]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#') && indent(l) < mine)
        .and_then(|l| l.trim_start().trim_start_matches("- ").split(':').next().map(|k| k.trim().to_owned()))
}

fn item(label: String, detail: Option<String>, kind: CompletionItemKind) -> CompletionItem {
    CompletionItem { label, detail, kind: Some(kind), ..CompletionItem::default() }
}

/// What may be written at the cursor.
pub fn completion(d: &Checked, at: Position) -> CompletionResponse {
    let reference = Reference::builtin();
    let line_start = offset(&d.text, Position { line: at.line, character: 0 });
    let line = &d.text[line_start..offset(&d.text, at).max(line_start)];
    let items: Vec<CompletionItem> = if line.contains("nationale_mål") {
        let goals = reference.goals.iter();
        goals.map(|g| item(g.nummer.to_string(), Some(g.navn.clone()), CompletionItemKind::ENUM_MEMBER)).collect()
    } else {
        match parent_key(&d.text, at).as_deref() {
            Some("kommuner") => {
                let region = d.region.as_deref().and_then(|r| reference.region(r));
                region.map_or_else(Vec::new, |r| {
                    let municipalities = reference.municipalities(r).into_iter();
                    municipalities.map(|m| item(m.navn.clone(), None, CompletionItemKind::VALUE)).collect()
                })
            }
            Some("temaer") => themes().into_iter().map(|t| item(t, None, CompletionItemKind::ENUM_MEMBER)).collect(),
            _ => {
                let mut keys: Vec<(String, String)> = properties(&schema()).into_iter().collect();
                keys.sort();
                keys.into_iter().map(|(k, d)| item(k, Some(d), CompletionItemKind::PROPERTY)).collect()
            }
        }
    };
    CompletionResponse::Array(items)
}

/// The themes the schema knows (`temaer`).
fn themes() -> Vec<String> {
    fn enums(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Array(values)) = map.get("enum") {
                    out.extend(values.iter().filter_map(Value::as_str).map(str::to_owned));
                }
                map.values().for_each(|c| enums(c, out));
            }
            Value::Array(items) => items.iter().for_each(|c| enums(c, out)),
            _ => {}
        }
    }
    let schema = schema();
    let mut out = Vec::new();
    if let Some(temaer) = schema.pointer("/properties/temaer") {
        enums(temaer, &mut out);
        if out.is_empty()
            && let Some(reference) = temaer.pointer("/items/$ref").and_then(Value::as_str)
            && let Some(def) = schema.pointer(reference.trim_start_matches('#'))
        {
            enums(def, &mut out);
        }
    }
    out.sort();
    out.dedup();
    out
}
