//! `aftale import DOKUMENT`: the draft agreement file from the region's own document, and a
//! summary of what was found (on standard error, or as JSON there with `--format json`).

use std::io::{Read as _, Write as _};

use aftale::codes::ErrorCode;
use aftale::diagnostic::Style;
use aftale::error::InputError;
use aftale::import;
use aftale::reference::Reference;

use super::args::import::{ImportArgs, SummaryFormat};
use super::{EXIT_OK, EXIT_USAGE, print_input_errors, write_atomically};

fn read(args: &ImportArgs) -> Result<(String, Vec<u8>), InputError> {
    let limit = import::read::MAX_DOCUMENT as u64;
    if args.document.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().lock().take(limit + 1).read_to_end(&mut bytes).map_err(|e| {
            InputError::file(
                ErrorCode::Io,
                "-",
                format!("standardinput kan ikke læses: {}", aftale::danish::io_error(&e)),
            )
        })?;
        return Ok((args.stdin_filename.clone().unwrap_or_else(|| "-".to_owned()), bytes));
    }
    let shown = aftale::text::visible(&args.document.to_string_lossy()).into_owned();
    let bytes = aftale::read::read_bytes_limited(&args.document, &shown, limit)?;
    Ok((shown, bytes))
}

/// Runs `import`; returns the exit code.
pub fn run(args: &ImportArgs, err: Style) -> u8 {
    let fail = |e: InputError| {
        print_input_errors(&[e], err);
        EXIT_USAGE
    };
    if let Some(output) = &args.output {
        if let Err(e) = super::refuse_input_as_output(output, std::slice::from_ref(&args.document)) {
            return fail(e);
        }
        if let Err(e) = super::keep_existing(output, args.force) {
            return fail(e);
        }
    }
    let (name, bytes) = match read(args) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let doc = match import::read_bytes(&name, &bytes) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let reference = Reference::builtin();
    let regions: Vec<(&str, &str)> =
        reference.regions.iter().map(|r| (r.navn.as_str(), r.officielt_navn.as_str())).collect();
    let found = import::find(&doc, &regions);
    let (draft, summary) = import::write(&doc, &found, reference);
    let written = match &args.output {
        Some(path) => write_atomically(path, draft.as_bytes()).map(|()| super::confirm_written(path, args.quiet)),
        None => super::print(draft.as_bytes()),
    };
    if let Err(e) = written {
        return fail(e);
    }
    if args.quiet {
        return EXIT_OK;
    }
    let mut stderr = super::streams::stderr();
    let _ = match args.format {
        SummaryFormat::Json => writeln!(stderr, "{}", serde_json::to_string_pretty(&summary).unwrap_or_default()),
        SummaryFormat::Human => write!(stderr, "{}", human(&summary, args.output.as_deref())),
    };
    EXIT_OK
}

/// The summary a person reads.
fn human(s: &import::draft::Summary, output: Option<&std::path::Path>) -> String {
    let list = |items: &[String]| {
        if items.is_empty() {
            "intet".to_owned()
        } else {
            aftale::danish::list(&aftale::text::capped(items.iter().map(|i| aftale::text::shown(i)).collect()))
        }
    };
    let mut out =
        format!("Importeret fra {}.\nFundet: {}.\nIkke fundet: {}.\n", s.document, list(&s.found), list(&s.not_found));
    if !s.uncertain.is_empty() {
        out.push_str("Usikkert:\n");
        for u in s.uncertain.iter().take(20) {
            out.push_str(&format!("  - {}\n", aftale::text::shown_long(u)));
        }
    }
    let target = output.map(|p| aftale::text::visible(&p.to_string_lossy()).into_owned());
    out.push_str(&format!(
        "Gennemgå kommentarerne i udkastet, udfyld det, der er markeret [[Udfyld: …]], og kør: aftale check {}\n",
        target.as_deref().unwrap_or("aftale.yaml")
    ));
    out
}
