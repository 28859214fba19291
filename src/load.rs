//! Loading an agreement file: YAML → typed model and tree, then the checks that make the file
//! usable at all (format version, region name, national-goal references). Anything wrong here is
//! an input error (exit code 2), not a finding.

use crate::codes::ErrorCode;
use crate::error::{InputError, SourceFile};
use crate::model::{Agreement, GoalRef, Span};
use crate::reference::Reference;
use crate::suggest;
use crate::tree::{self, Error as TreeError, ErrorKind, Node};
use crate::yaml;

/// The file-format version this program reads.
pub const FORMAT_VERSION: u32 = 1;

/// An agreement file that loaded: its text, its typed model and its tree.
#[derive(Debug)]
pub struct Loaded {
    pub source: SourceFile,
    pub agreement: Agreement,
    pub tree: Node,
    /// The places left to fill (`[[Udfyld: …]]`): emptied before any rule reads the file.
    pub vacancies: Vec<crate::vacant::Vacancy>,
}

/// Loads an agreement from its text. Returns every problem found, not just the first, when the
/// YAML itself could be read.
pub fn load(source: SourceFile, reference: &Reference) -> Result<Loaded, Vec<InputError>> {
    let mut tree = yaml::parse_tree(&source.text).map_err(|e| vec![yaml_error(&source, e)])?;
    let vacancies =
        if crate::vacant::may_hold_places(&source.text) { crate::vacant::vacate(&mut tree) } else { Vec::new() };
    let agreement: Agreement = tree::from_node(&tree).map_err(|e| vec![yaml_error(&source, e)])?;
    let errors = validate(&source, &agreement, reference);
    if errors.is_empty() { Ok(Loaded { source, agreement, tree, vacancies }) } else { Err(errors) }
}

/// Turns a YAML error into a Danish diagnostic, adding "did you mean" where it helps.
pub fn yaml_error(source: &SourceFile, err: TreeError) -> InputError {
    let TreeError { kind, message, span } = err;
    match kind {
        ErrorKind::UnknownKey { key, expected } => {
            let mut help = match suggest::closest(&key, expected.iter().copied()) {
                Some(s) => format!("Mente du `{s}`?"),
                None => String::new(),
            };
            if !expected.is_empty() {
                if !help.is_empty() {
                    help.push(' ');
                }
                let keys: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
                help.push_str(&format!("Tilladte nøgler her: {}.", keys.join(", ")));
            }
            InputError::at(ErrorCode::UnknownKey, source, span, message, "ukendt nøgle").with_help(help)
        }
        ErrorKind::UnknownWord { word, expected } => {
            let options: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
            let mut help = format!("Mulige værdier: {}.", options.join(", "));
            if let Some(s) = suggest::closest(&word, expected.iter().copied()) {
                help = format!("Mente du `{s}`? {help}");
            }
            InputError::at(ErrorCode::UnknownWord, source, span, message, "ukendt værdi").with_help(help)
        }
        ErrorKind::MissingKey => InputError::at(ErrorCode::MissingKey, source, span, message, "her")
            .with_help("Tilføj nøglen; se filformatet i README.md."),
        ErrorKind::DuplicateKey => InputError::at(ErrorCode::DuplicateKey, source, span, message, "står her igen")
            .with_help("Hver nøgle må kun stå én gang i samme tabel; slet eller ret den ene."),
        ErrorKind::Empty => InputError::at(ErrorCode::EmptyFile, source, None, message, "")
            .with_help("En aftalefil skal mindst have `format: 1`, `titel` og `region`; se examples/."),
        ErrorKind::Other => {
            let code = if message.contains("dato") { ErrorCode::InvalidDate } else { ErrorCode::Yaml };
            InputError::at(code, source, span, message, "her")
        }
    }
}

fn validate(source: &SourceFile, a: &Agreement, reference: &Reference) -> Vec<InputError> {
    let mut errors = Vec::new();
    if a.format.value != FORMAT_VERSION {
        errors.push(
            InputError::at(
                ErrorCode::FormatVersion,
                source,
                Some(a.format.span),
                format!(
                    "filformat {} kendes ikke; denne version af aftale læser format {FORMAT_VERSION}",
                    a.format.value
                ),
                "filformat",
            )
            .with_help(format!("Skriv `format: {FORMAT_VERSION}`, eller opdatér aftale.")),
        );
    }
    if reference.region(&a.region).is_none() {
        let mut err = InputError::at(
            ErrorCode::UnknownRegion,
            source,
            Some(a.region.span),
            if a.region.value.trim().is_empty() {
                "regionen er ikke udfyldt, og uden den kan aftalen ikke vurderes".to_owned()
            } else {
                format!("regionen «{}» findes ikke", crate::text::shown(&a.region.value))
            },
            "ukendt region",
        );
        let names: Vec<&str> = reference.regions.iter().map(|r| r.navn.as_str()).collect();
        let mut help = format!("Regionerne er: {}.", names.join(", "));
        if let Some(s) = suggest::closest(&a.region, reference.region_names()) {
            help = format!("Mente du «{s}»? {help}");
        }
        err = err.with_help(help);
        errors.push(err);
    }
    for area in &a.fokusomraader {
        for goal in &area.nationale_maal {
            if let Some(err) = goal_error(source, &goal.value, goal.span, reference) {
                errors.push(err);
            }
        }
    }
    if let Some(b) = &a.behandling {
        if let (Some(postponed), None) = (&b.frist_udsat_til, &b.frist_udsat_kilde) {
            errors.push(
                InputError::at(
                    ErrorCode::PostponementWithoutSource,
                    source,
                    Some(postponed.span),
                    "en udsat frist skal have en kilde".to_owned(),
                    "udsat frist",
                )
                .with_help(
                    "Angiv under `frist_udsat_kilde`, hvilken afgørelse eller hvilket brev der udsatte fristen.",
                ),
            );
        }
    }
    errors
}

fn goal_error(source: &SourceFile, goal: &GoalRef, span: Span, reference: &Reference) -> Option<InputError> {
    let list = || reference.goals.iter().map(|g| format!("{} {}", g.nummer, g.navn)).collect::<Vec<_>>().join("; ");
    match goal {
        GoalRef::Number(n) if reference.goal_by_number(*n).is_none() => Some(
            InputError::at(
                ErrorCode::UnknownNationalGoal,
                source,
                Some(span),
                format!("der findes intet nationalt mål nummer {n}"),
                "ukendt mål",
            )
            .with_help(format!("De otte nationale mål er: {}.", list())),
        ),
        GoalRef::Name(name) if reference.goal_by_name(name).is_none() => {
            let mut help = format!("Skriv målets nummer (1-8) eller dets præcise navn: {}.", list());
            if let Some(s) = suggest::closest(name, reference.goals.iter().map(|g| g.navn.as_str())) {
                help = format!("Mente du «{s}»? {help}");
            }
            Some(
                InputError::at(
                    ErrorCode::UnknownNationalGoal,
                    source,
                    Some(span),
                    format!("«{}» er ikke et af de otte nationale mål", crate::text::shown(name)),
                    "ukendt mål",
                )
                .with_help(help),
            )
        }
        _ => None,
    }
}
