//! `aftale rules` and `aftale explain ID`.

use std::fmt::Write as _;
use std::io::Write;

use aftale::codes::ErrorCode;
use aftale::diagnostic::Style;
use aftale::error::InputError;
use aftale::rules::{Pack, Registry, Rule};
use aftale::suggest;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use super::args::{Cli, ExplainArgs, ListFormat, RulesArgs};
use super::{EXIT_USAGE, print_input_errors};

fn registry(cli: &Cli, err: Style) -> Option<Registry> {
    match Registry::with_dirs(&cli.rule_dirs) {
        Ok(r) => Some(r),
        Err(errors) => {
            print_input_errors(&errors, err);
            None
        }
    }
}

/// The pack named, or the one that applies today, or the newest.
fn choose<'r>(registry: &'r Registry, name: Option<&str>) -> Result<&'r Pack, InputError> {
    match name {
        Some(name) => registry.pack(name).ok_or_else(|| {
            let names: Vec<&str> = registry.packs.iter().map(|p| p.name.as_str()).collect();
            let mut help = format!("Regelsættene er: {}.", names.join(", "));
            if let Some(s) = suggest::closest(name, names.iter().copied()) {
                help = format!("Mente du «{s}»? {help}");
            }
            InputError::file(ErrorCode::UnknownRuleset, "", format!("regelsættet «{name}» findes ikke")).with_help(help)
        }),
        None => registry
            .packs_on(super::today())
            .first()
            .copied()
            .or_else(|| registry.packs.iter().max_by_key(|p| p.applies.from))
            .ok_or_else(|| InputError::file(ErrorCode::NoRuleset, "", "der er ingen regelsæt".to_owned())),
    }
}

#[derive(Serialize)]
struct JsonRule<'a> {
    id: &'a str,
    ruleset: &'a str,
    title: &'a str,
    level: &'static str,
    heading: &'static str,
    source: &'a aftale::rules::Source,
    applies_from: Option<String>,
    applies_to: Option<String>,
    file: &'a str,
}

/// `aftale rules`: the rules of one pack.
pub fn list(cli: &Cli, args: &RulesArgs, out: Style, err: Style) -> u8 {
    let Some(registry) = registry(cli, err) else { return EXIT_USAGE };
    let pack = match choose(&registry, args.ruleset.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            print_input_errors(&[e], err);
            return EXIT_USAGE;
        }
    };
    let mut stdout: Vec<u8> = Vec::new();
    if args.format == ListFormat::Markdown {
        let packs: Vec<&Pack> = match &args.ruleset {
            Some(_) => vec![pack],
            None => registry.packs.iter().collect(),
        };
        let _ = write!(stdout, "{}", super::rules_reference::markdown(&registry, &packs));
        return super::deliver(args.output.as_deref(), args.written.force, args.written.quiet, &stdout, err);
    }
    match args.format {
        ListFormat::Json => {
            let rules: Vec<JsonRule> = pack
                .rules()
                .iter()
                .map(|r| JsonRule {
                    id: &r.id,
                    ruleset: &pack.name,
                    title: &r.title,
                    level: r.level.key(),
                    heading: r.heading.key(),
                    source: &r.source,
                    applies_from: r.applies.from.map(|d| d.0.to_string()),
                    applies_to: r.applies.to.map(|d| d.0.to_string()),
                    file: &r.file,
                })
                .collect();
            let _ = writeln!(stdout, "{}", serde_json::to_string_pretty(&rules).unwrap_or_default());
        }
        ListFormat::Human | ListFormat::Markdown => {
            let _ = writeln!(stdout, "{} – {}", pack.name, pack.title);
            let _ = writeln!(stdout, "Retsgrundlag: {}", pack.basis_line());
            let _ = writeln!(stdout, "Gælder for aftaler med ikrafttrædelse {}", pack.applies.danish());
            if let Some(notes) = &pack.notes {
                let options = textwrap::Options::new(out.width).word_splitter(textwrap::WordSplitter::NoHyphenation);
                let _ = writeln!(stdout, "{}", textwrap::fill(&format!("Noter: {}", notes.trim()), &options));
            }
            let mut table = Table::new();
            table.load_style(presets::UTF8_FULL_CONDENSED);
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(u16::try_from(out.width).unwrap_or(100));
            if !out.color {
                table.force_no_tty();
            }
            table.set_header(["Regel", "Niveau", "Overskrift", "Titel", "Citat / henvisning læst"]);
            for r in pack.rules() {
                let verified = r.evidence.yes_no();
                table.add_row([r.id.as_str(), r.level.danish(), r.heading.title(), r.title.as_str(), verified]);
            }
            let _ = writeln!(stdout, "{table}");
            let _ = writeln!(stdout, "Forklaring af en regel: aftale explain ID");
        }
    }
    super::deliver(args.output.as_deref(), args.written.force, args.written.quiet, &stdout, err)
}

/// `aftale explain ID`: everything about one rule.
pub fn explain(cli: &Cli, args: &ExplainArgs, out: Style, err: Style) -> u8 {
    let Some(registry) = registry(cli, err) else { return EXIT_USAGE };
    let id = args.id.trim().to_uppercase();
    let rule = match &args.ruleset {
        Some(name) => match choose(&registry, Some(name)) {
            Ok(pack) => pack.rule(&id),
            Err(e) => {
                print_input_errors(&[e], err);
                return EXIT_USAGE;
            }
        },
        None => {
            let current = choose(&registry, None).ok().and_then(|p| p.rule(&id));
            current.or_else(|| {
                let mut packs: Vec<&Pack> = registry.packs.iter().collect();
                packs.sort_by_key(|p| std::cmp::Reverse(p.applies.from));
                packs.iter().find_map(|p| p.rule(&id))
            })
        }
    };
    let Some(rule) = rule else {
        let ids: Vec<&str> = registry.packs.iter().flat_map(|p| p.rules().iter().map(|r| r.id.as_str())).collect();
        print_input_errors(&[unknown_rule_id(&args.id, &ids)], err);
        return EXIT_USAGE;
    };
    super::deliver(
        args.output.as_deref(),
        args.written.force,
        args.written.quiet,
        explanation(rule, &registry, out.width).as_bytes(),
        err,
    )
}

/// A rule id named on the command line (`explain ID`, `check --select/--ignore`) that no pack
/// has, shown harmlessly, with the closest id as a suggestion.
pub(super) fn unknown_rule_id(id: &str, known: &[&str]) -> InputError {
    let see = "Se alle regler med `aftale rules`.";
    let help = match suggest::closest(&id.trim().to_uppercase(), known.iter().copied()) {
        Some(near) => format!("Mente du {near}? {see}"),
        None => see.to_owned(),
    };
    InputError::file(
        ErrorCode::UnknownRule,
        "",
        format!("reglen «{}» findes ikke i noget regelsæt", aftale::text::shown(id)),
    )
    .with_help(help)
}

pub(super) fn explanation(rule: &Rule, registry: &Registry, width: usize) -> String {
    let options = textwrap::Options::new(width)
        .initial_indent("  ")
        .subsequent_indent("  ")
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let wrap = |text: &str| textwrap::fill(text.trim(), &options);
    // "Kilde:      …": the label, and the value wrapped under itself.
    let field = |label: &str, value: &str| {
        let first = format!("{label:<12}");
        let field_options = textwrap::Options::new(width)
            .initial_indent(&first)
            .subsequent_indent("            ")
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        textwrap::fill(value.trim(), &field_options)
    };
    let (message, help) = super::rules_reference::failing_example(rule, registry, super::today());
    let mut out = String::new();
    let _ = writeln!(out, "{} {}\n", rule.id, rule.title);
    let level_note = match rule.level {
        aftale::rules::Level::Indholdskrav => "afgør, om aftalen kan godkendes",
        aftale::rules::Level::Proceskrav => "rapporteres og giver exit-kode 1, men hindrer ikke i sig selv godkendelse",
        aftale::rules::Level::Anbefaling => "rådgivning; giver kun exit-kode 1 med --strict",
        aftale::rules::Level::Info => "en bemærkning; påvirker hverken vurdering eller exit-kode",
    };
    let _ = writeln!(out, "{}", field("Regelsæt:", &format!("{} ({})", rule.pack, rule.file)));
    let _ = writeln!(out, "{}", field("Niveau:", &format!("{} – {level_note}", rule.level.danish())));
    let _ = writeln!(out, "{}", field("Overskrift:", rule.heading.title()));
    let _ = writeln!(out, "{}", field("Kilde:", &rule.source.cite()));
    if let Some(url) = &rule.source.url {
        let _ = writeln!(out, "            {url}");
    }
    if let Some(quote) = &rule.evidence.quote {
        let _ = writeln!(out, "{}", field("Citat:", &format!("«{}» ({})", quote.tekst.trim(), quote.kilde.trim())));
    }
    let _ = writeln!(out, "{}", field("Status:", &rule.evidence.danish()));
    let _ = writeln!(out, "{}", field("Gælder:", &format!("aftaler med ikrafttrædelse {}", rule.applies.danish())));
    let _ = writeln!(out, "\nBegrundelse\n{}", wrap(&rule.docs().rationale));
    let _ = writeln!(out, "\nSådan opfyldes reglen\n{}", wrap(&help));
    if let Some(notes) = &rule.docs().notes {
        let _ = writeln!(out, "\nNoter om kilderne\n{}", wrap(notes));
    }
    let _ = writeln!(out, "\nEksempel på fund\n{}", wrap(&message));
    let indent = |text: &str| text.lines().map(|l| format!("    {l}\n")).collect::<String>();
    let _ = writeln!(out, "\nEksempel, der opfylder reglen\n{}", indent(&rule.docs().examples.passes));
    let _ = writeln!(out, "Eksempel, der ikke opfylder reglen\n{}", indent(&rule.docs().examples.fails));
    out
}
