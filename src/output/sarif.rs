//! SARIF 2.1.0 for GitHub code scanning, built with serde-sarif's types: every rule of the packs
//! used, with its source, and every finding not met as a result with a physical location.
//! Failed requirements are `error`, recommendations `warning`, remarks `note`; an accepted
//! deviation is a result with an external suppression and its reason.

use std::collections::BTreeMap;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run as SarifRun, Sarif,
    Suppression, Tool, ToolComponent,
};

use crate::diagnostic::status_with_waiver;
use crate::rules::{Level, Rule};
use crate::run::FileOutcome;

/// The SARIF schema this output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The rule id under which files that cannot be used are reported.
const INPUT_RULE: &str = "aftale/input";

/// Characters kept as they are in a relative URI path; everything else is percent-encoded.
const PATH: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

fn level(level: Level) -> ResultLevel {
    match level {
        Level::Indholdskrav | Level::Proceskrav => ResultLevel::Error,
        Level::Anbefaling => ResultLevel::Warning,
        Level::Info => ResultLevel::Note,
    }
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Indholdskrav | Level::Proceskrav => "error",
        Level::Anbefaling => "warning",
        Level::Info => "note",
    }
}

/// The base relative paths are resolved against: the checked-out repository, which GitHub
/// code scanning knows as `%SRCROOT%`.
const SRCROOT: &str = "%SRCROOT%";

/// A file path as a URI: an absolute path as a `file://` URI; a relative one as a relative
/// reference, to be resolved against [`SRCROOT`] (the second value).
fn uri(file: &str) -> (String, Option<&'static str>) {
    let path = file.replace('\\', "/");
    let windows_drive =
        path.as_bytes().get(1) == Some(&b':') && path.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
    if windows_drive {
        let (drive, rest) = path.split_at(2);
        return (format!("file:///{drive}{}", utf8_percent_encode(rest, PATH)), None);
    }
    if path.starts_with('/') {
        return (format!("file://{}", utf8_percent_encode(&path, PATH)), None);
    }
    let path = path.trim_start_matches("./");
    (utf8_percent_encode(path, PATH).to_string(), Some(SRCROOT))
}

fn id(rule: &Rule) -> String {
    format!("{}/{}", rule.pack, rule.id)
}

fn text(text: impl Into<String>) -> Message {
    Message::builder().text(text.into()).build()
}

fn location(file: &str, line: usize, column: usize) -> Location {
    let artifact = match uri(file) {
        (uri, Some(base)) => ArtifactLocation::builder().uri(uri).uri_base_id(base).build(),
        (uri, None) => ArtifactLocation::builder().uri(uri).build(),
    };
    let region = Region::builder().start_line(line as i64).start_column(column as i64).build();
    Location::builder()
        .physical_location(PhysicalLocation::builder().artifact_location(artifact).region(region).build())
        .build()
}

fn properties(pairs: &[(&str, &str)], tags: Vec<String>) -> PropertyBag {
    let extra: BTreeMap<String, serde_json::Value> = pairs.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect();
    PropertyBag::builder().tags(tags).additional_properties(extra).build()
}

fn descriptor(rule: &Rule, fallback_uri: Option<&str>) -> ReportingDescriptor {
    let source = &rule.source;
    let cite = source.cite();
    let quote = rule.evidence.quote.as_ref().map(|q| (q.tekst.trim(), q.kilde.trim()));
    let status = rule.evidence.danish();
    let quote_text = quote.map(|(t, k)| format!("\nCitat: «{t}» ({k})")).unwrap_or_default();
    let quote_markdown = quote.map(|(t, k)| format!("\n\n**Citat:** «{t}» ({k})")).unwrap_or_default();
    let help_text = format!("{}\n\nKilde: {cite}{quote_text}\nStatus: {status}", rule.docs().rationale.trim());
    let help_markdown =
        format!("{}\n\n**Kilde:** {cite}{quote_markdown}\n\n**Status:** {status}", rule.docs().rationale.trim());
    let props = properties(
        &[
            ("niveau", rule.level.danish()),
            ("level", rule.level.key()),
            ("overskrift", rule.heading.title()),
            ("regelsæt", &rule.pack),
            ("kilde.dokument", &source.document),
            ("kilde.afsnit", &source.section),
            ("kilde.titel", &source.title),
            ("fil", &rule.file),
        ],
        vec![rule.level.key().to_owned(), rule.heading.key().to_owned(), rule.pack.clone()],
    );
    let builder = ReportingDescriptor::builder()
        .id(id(rule))
        .name(rule.id.clone())
        .short_description(MultiformatMessageString::builder().text(rule.title.clone()).build())
        .full_description(MultiformatMessageString::builder().text(rule.docs().rationale.trim().to_owned()).build())
        .help(MultiformatMessageString::builder().text(help_text).markdown(help_markdown).build())
        .default_configuration(ReportingConfiguration::builder().level(json!(level_name(rule.level))).build())
        .properties(props);
    // A rule whose source has no address links to its pack's legal basis.
    match source.url.as_deref().or(fallback_uri) {
        Some(url) => builder.help_uri(url.to_owned()).build(),
        None => builder.build(),
    }
}

fn input_descriptor() -> ReportingDescriptor {
    ReportingDescriptor::builder()
        .id(INPUT_RULE)
        .name("input")
        .short_description(MultiformatMessageString::builder().text("Filen kan ikke bruges").build())
        .full_description(
            MultiformatMessageString::builder()
                .text("Aftalefilen kan ikke læses: den findes ikke, er ikke UTF-8 eller YAML, eller følger ikke filformatet.")
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(INPUT_HELP)
                .markdown(INPUT_HELP.replace("aftale check", "`aftale check`"))
                .build(),
        )
        .default_configuration(ReportingConfiguration::builder().level(json!("error")).build())
        .build()
}

/// The help of the input-errors rule.
const INPUT_HELP: &str = "Ret filen, så den kan læses: hver fejl peger på linjen og siger, hvad der er galt, og ofte, \
     hvad der var ment. Kør aftale check FIL lokalt for at se fejlene med kildeudsnit.";

/// The results of one file, each on a line of compact JSON, without `ruleIndex`: the index into
/// the run's rule list is only known when every file is done, and is set as the lines are copied
/// into the log (see [`Rules::result`]). A run of 20,000 files thus never holds more than one
/// file's results.
pub fn part(file: &FileOutcome, fail_on: crate::evaluate::FailOn) -> (String, String) {
    let mut results = Vec::new();
    let used = match file {
        FileOutcome::Unusable { file, errors } => {
            for e in errors {
                let (line, column) = e.line_column().unwrap_or((1, 1));
                let message = match &e.help {
                    Some(help) => format!("{}\n{help}", e.message),
                    None => e.message.clone(),
                };
                results.push(
                    SarifResult::builder()
                        .rule_id(INPUT_RULE)
                        .level(ResultLevel::Error)
                        .message(text(message))
                        .locations(vec![location(file, line, column)])
                        .properties(properties(&[("kode", e.code.as_str())], Vec::new()))
                        .build(),
                );
            }
            INPUT_RULE.to_owned()
        }
        FileOutcome::Assessed(a) => {
            for f in a.findings.iter().filter(|f| f.is_unmet()) {
                let (line, column) = super::place(f);
                let file = a.loaded.source.name.as_str();
                let message = if f.is_waived() {
                    format!("{}\nStatus: {}", f.message, status_with_waiver(f, file))
                } else {
                    f.message.clone()
                };
                let gate = if f.fails_gate(fail_on) { "fail" } else { "pass" };
                let mut props = vec![("niveau", f.level.danish()), ("status", f.status.key()), ("kørsel", gate)];
                if let Some(o) = &f.level_override {
                    props.push(("kørselsniveau", o.level.danish()));
                }
                // The level is the rule pack's: the law's view. An accepted deviation is a
                // suppression, SARIF's own way to say a result is accepted.
                let builder = SarifResult::builder()
                    .rule_id(id(f.rule))
                    .level(level(f.level))
                    .message(text(message))
                    .locations(vec![location(file, line, column)])
                    .properties(properties(&props, Vec::new()));
                let result = match (&f.acceptance, f.waiver_danish(file)) {
                    (Some(_), Some(waiver)) => builder
                        .suppressions(vec![
                            Suppression::builder().kind(json!("external")).justification(waiver).build(),
                        ])
                        .build(),
                    _ => builder.build(),
                };
                results.push(result);
            }
            a.pack.name.clone()
        }
    };
    // The SARIF types are plain data and always serialize.
    let lines: Vec<String> = results.iter().filter_map(|r| serde_json::to_string(r).ok()).collect();
    (used, lines.join("\n"))
}

/// The rules of the packs a run used, sorted, with their indexes; the input-errors rule last
/// when a file could not be used.
pub struct Rules {
    descriptors: Vec<ReportingDescriptor>,
    index: BTreeMap<String, usize>,
}

impl Rules {
    /// The rules of `used` (pack names, or the input-errors rule), found in `packs`.
    pub fn of(used: &[String], packs: &[&crate::rules::Pack]) -> Rules {
        let mut rules: BTreeMap<String, (&Rule, Option<&str>)> = BTreeMap::new();
        for name in used {
            // The first pack of that name wins, as the registry chose it.
            if let Some(pack) = packs.iter().find(|p| p.name == *name) {
                let basis = pack.legal_basis.iter().find_map(|i| i.url.as_deref());
                for rule in pack.rules() {
                    rules.entry(id(rule)).or_insert((rule, basis));
                }
            }
        }
        let mut descriptors: Vec<ReportingDescriptor> =
            rules.values().map(|(r, basis)| descriptor(r, *basis)).collect();
        let mut index: BTreeMap<String, usize> = rules.keys().enumerate().map(|(i, k)| (k.clone(), i)).collect();
        if used.iter().any(|u| u == INPUT_RULE) {
            index.insert(INPUT_RULE.to_owned(), descriptors.len());
            descriptors.push(input_descriptor());
        }
        Rules { descriptors, index }
    }

    /// The log up to its results, and after them.
    pub fn head_and_foot(&self) -> (String, String) {
        let driver = ToolComponent::builder()
            .name("aftale")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .full_name(format!("aftale {}", env!("CARGO_PKG_VERSION")))
            .rules(self.descriptors.clone())
            .build();
        let sarif_run = SarifRun::builder()
            .tool(Tool::builder().driver(driver).build())
            .results(Vec::new())
            .column_kind(json!("unicodeCodePoints"))
            .build();
        let log = Sarif::builder().schema(SCHEMA).version(json!("2.1.0")).runs(vec![sarif_run]).build();
        let whole = crate::text::json(serde_json::to_string_pretty(&log).unwrap_or_default()) + "\n";
        const EMPTY: &str = "\"results\": []";
        match whole.find(EMPTY) {
            Some(at) => {
                (format!("{}\"results\": [\n", &whole[..at]), format!("\n      ]{}", &whole[at + EMPTY.len()..]))
            }
            None => (whole, String::new()),
        }
    }

    /// One result line of a part, with its `ruleIndex`, as it stands in the log.
    pub fn result(&self, line: &str) -> Option<String> {
        let mut result: SarifResult = serde_json::from_str(line).ok()?;
        if let Some(i) = result.rule_id.as_deref().and_then(|id| self.index.get(id)) {
            result.rule_index = Some(*i as i64);
        }
        let pretty = crate::text::json(serde_json::to_string_pretty(&result).ok()?);
        Some(pretty.lines().map(|l| format!("        {l}")).collect::<Vec<_>>().join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn relative_paths_resolve_against_srcroot_and_absolute_ones_are_file_uris() {
        let relative = |u: &str| (u.to_owned(), Some("%SRCROOT%"));
        assert_eq!(uri("examples/hovedstaden-2024-2027.yaml"), relative("examples/hovedstaden-2024-2027.yaml"));
        assert_eq!(uri("./aftaler/sjælland 2019.yaml"), relative("aftaler/sj%C3%A6lland%202019.yaml"));
        assert_eq!(uri("aftaler\\x.yaml"), relative("aftaler/x.yaml"));
        assert_eq!(uri("/tmp/a b.yaml"), ("file:///tmp/a%20b.yaml".to_owned(), None));
        assert_eq!(uri("C:\\aftaler\\x.yaml"), ("file:///C:/aftaler/x.yaml".to_owned(), None));
    }
}
