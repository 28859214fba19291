//! Checking an editor's document as `check` checks the file of that name, and the findings as
//! LSP diagnostics: at the finding's place (UTF-16 positions, as LSP counts), the rule id as
//! code with a link to its source, the severity by level, the Danish message.

use aftale::evaluate::FailOn;
use aftale::rules::Level;
use aftale::run::{self, FileOutcome, Request};
use lsp_types::{CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range, Uri};

/// The command line's settings for every check: extra rule directories, the largest text.
pub struct Settings {
    pub rule_dirs: Vec<std::path::PathBuf>,
    pub max_size: Option<u64>,
}

/// What checking a document found, kept for hover and code actions.
pub struct Checked {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// For each diagnostic, the rule pack and rule it comes from (none for an input error).
    pub rules: Vec<Option<(String, String)>>,
    /// For each diagnostic, the fix it suggests.
    pub suggestions: Vec<Option<Fix>>,
    /// The region the document names, for completing its municipalities.
    pub region: Option<String>,
    /// The rules the document was checked with (built-in, `--rules` and the configuration's
    /// `regelmapper`), to explain a finding on hover.
    pub registry: Option<aftale::rules::Registry>,
}

/// A fix a code action offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// The diagnostic's range replaced by what a did-you-mean help suggests.
    Replace(String),
    /// A missing key inserted at the place, with its `[[Udfyld: …]]` value.
    Insert { key: String, at: lsp_types::Position, text: String },
}

/// The file path of a `file:` URI, if it is one.
fn path_of(uri: &Uri) -> Option<std::path::PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

/// Checks `text` as the file `uri` names, with that file's repository configuration.
pub fn check(uri: &Uri, text: String, settings: &Settings) -> Checked {
    let path = path_of(uri);
    let name = path.as_ref().map_or_else(|| "aftale.yaml".to_owned(), |p| p.to_string_lossy().into_owned());
    let working_dir = path
        .as_ref()
        .and_then(|p| p.parent().map(|d| d.to_path_buf()))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let request = Request {
        inputs: vec!["-".into()],
        as_of: super::super::today(),
        ruleset: None,
        rule_dirs: settings.rule_dirs.clone(),
        config: None,
        fail_on: FailOn::default(),
        working_dir,
        exclude: Vec::new(),
        stdin_filename: Some(name),
        max_size: settings.max_size,
        no_config: false,
        no_ignore: false,
        text: Some(text.clone()),
        selection: Default::default(),
    };
    let prepared = run::prepare(&request);
    let outcome = run::evaluate(&prepared, &request);
    let mut checked = Checked {
        text,
        diagnostics: Vec::new(),
        rules: Vec::new(),
        suggestions: Vec::new(),
        region: None,
        registry: None,
    };
    for file in &outcome.files {
        match file {
            FileOutcome::Assessed(a) => {
                checked.region = Some(a.loaded.agreement.region.value.clone());
                for f in a.findings.iter().filter(|f| f.is_unmet()) {
                    let href = f.rule.source.url.as_deref().and_then(|u| u.parse::<Uri>().ok());
                    // One diagnostic at each place the finding points at (the file's start if none).
                    let places: Vec<(usize, usize, &str)> = if f.labels.is_empty() {
                        vec![(0, 0, "")]
                    } else {
                        f.labels.iter().map(|l| (l.span.offset, l.span.offset + l.span.len, l.text.as_str())).collect()
                    };
                    for (from, to, label) in places {
                        let message = match label {
                            "" => format!("{} [{}]", f.message, f.level.danish()),
                            label => format!("{} [{}]\n{label}", f.message, f.level.danish()),
                        };
                        checked.diagnostics.push(Diagnostic {
                            range: range(&checked.text, from, to),
                            severity: Some(severity(f.level)),
                            code: Some(NumberOrString::String(f.rule.id.clone())),
                            code_description: href.clone().map(|href| CodeDescription { href }),
                            source: Some("aftale".to_owned()),
                            message,
                            ..Diagnostic::default()
                        });
                        checked.rules.push(Some((f.rule.pack.clone(), f.rule.id.clone())));
                        // "«Tårnbi» er ikke en kommune i regionen; mente du «Tårnby»?"
                        let written = checked.text.get(from..to).unwrap_or_default();
                        let said = f.message.split_once(&format!("«{written}»")).map(|(_, rest)| rest);
                        checked
                            .suggestions
                            .push(said.filter(|_| !written.is_empty()).and_then(suggestion).map(Fix::Replace));
                    }
                }
            }
            FileOutcome::Unusable { errors, .. } => {
                for e in errors {
                    let range = e
                        .label
                        .as_ref()
                        .map_or_else(Range::default, |l| range(&checked.text, l.0.offset, l.0.offset + l.0.len));
                    let message = match &e.help {
                        Some(help) => format!("{}\n{help}", e.message),
                        None => e.message.clone(),
                    };
                    checked.diagnostics.push(Diagnostic {
                        range,
                        severity: Some(DiagnosticSeverity::ERROR),
                        code: Some(NumberOrString::String(e.code.as_str().to_owned())),
                        source: Some("aftale".to_owned()),
                        message,
                        ..Diagnostic::default()
                    });
                    checked.rules.push(None);
                    let insert = (e.code == aftale::codes::ErrorCode::MissingKey)
                        .then(|| missing_key(&e.message, range.start))
                        .flatten();
                    checked
                        .suggestions
                        .push(insert.or_else(|| e.help.as_deref().and_then(suggestion).map(Fix::Replace)));
                }
            }
        }
    }
    drop(outcome);
    checked.registry = prepared.into_registries().into_iter().next();
    checked
}

/// "nøglen `titel` mangler" at a mapping's first key: insert `titel: "[[Udfyld: titel]]"`
/// before that key, at its indentation (`format` gets the only format there is, 1).
fn missing_key(message: &str, at: lsp_types::Position) -> Option<Fix> {
    let key = message.split_once("nøglen `")?.1.split_once('`')?.0;
    if key.is_empty() || key.contains(['\n', ':', '"']) {
        return None;
    }
    let value = if key == "format" { "1".to_owned() } else { format!("\"[[Udfyld: {key}]]\"") };
    let indent = " ".repeat(at.character as usize);
    Some(Fix::Insert { key: key.to_owned(), at, text: format!("{key}: {value}\n{indent}") })
}

/// Content requirements are errors; process requirements and recommendations warnings.
fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Indholdskrav => DiagnosticSeverity::ERROR,
        Level::Proceskrav | Level::Anbefaling => DiagnosticSeverity::WARNING,
        Level::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The name a help's "Mente du «X»?" (or `X`) suggests.
fn suggestion(help: &str) -> Option<String> {
    let rest = help.split_once("Mente du ").or_else(|| help.split_once("mente du "))?.1;
    let (open, close) = match rest.chars().next()? {
        '«' => ('«', '»'),
        '`' => ('`', '`'),
        _ => return None,
    };
    let inner = rest.strip_prefix(open)?;
    Some(inner[..inner.find(close)?].to_owned())
}

/// The LSP position of a byte offset: line, and UTF-16 code units into it.
pub fn position(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let offset = (0..=offset).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = text[start..offset].chars().map(char::len_utf16).sum();
    Position { line: u32::try_from(line).unwrap_or(u32::MAX), character: u32::try_from(character).unwrap_or(u32::MAX) }
}

/// The byte offset of an LSP position (the line's end when past it).
pub fn offset(text: &str, at: Position) -> usize {
    let start = if at.line == 0 {
        0
    } else {
        text.match_indices('\n').nth(at.line as usize - 1).map_or(text.len(), |(i, _)| i + 1)
    };
    let line = &text[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let mut units = 0;
    for (i, c) in line.char_indices() {
        if units >= at.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + line.len()
}

fn range(text: &str, from: usize, to: usize) -> Range {
    Range { start: position(text, from), end: position(text, to) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_as_lsp_does() {
        let text = "a: æ\nkommuner: { Tårnby: 𝕏x }\n";
        let x = text.find('x').unwrap();
        assert_eq!(position(text, x), Position { line: 1, character: 22 });
        assert_eq!(offset(text, Position { line: 1, character: 22 }), x);
        assert_eq!(offset(text, Position { line: 9, character: 0 }), text.len());
        assert_eq!(suggestion("Mente du «Tårnby»? Kommunerne er …").as_deref(), Some("Tårnby"));
        assert_eq!(suggestion("Mente du `kommuner`?").as_deref(), Some("kommuner"));
    }
}
