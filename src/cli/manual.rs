//! `aftale man`: the manual page, with every command's options on one page, or a page per
//! command in a directory (`--dir`), as `man aftale-check` expects.

use aftale::codes::ErrorCode;
use aftale::diagnostic::Style;
use aftale::error::InputError;
use clap::CommandFactory;

use super::args::{self, Cli, ManArgs};
use super::{EXIT_OK, EXIT_USAGE, print_input_errors};

/// Runs `man`; returns the exit code.
pub fn run(args: &ManArgs, err: Style) -> u8 {
    let fail = |e: InputError| {
        print_input_errors(&[e], err);
        EXIT_USAGE
    };
    let mut command = args::localize(Cli::command());
    command.build();
    let Some(dir) = &args.dir else {
        return match one_page(&command) {
            Ok(page) => super::deliver(args.output.as_deref(), args.written.force, args.written.quiet, &page, err),
            Err(e) => fail(e),
        };
    };
    if !dir.is_dir() {
        let shown = aftale::text::visible(&dir.to_string_lossy()).into_owned();
        return fail(
            InputError::file(ErrorCode::Output, &shown, "mappen findes ikke".to_owned())
                .with_help("Opret mappen, fx ~/.local/share/man/man1, og kør igen."),
        );
    }
    let mut pages = Vec::new();
    for cmd in std::iter::once(&command).chain(command.get_subcommands()) {
        let man = clap_mangen::Man::new(cmd.clone());
        let path = dir.join(man.get_filename());
        if let Err(e) = super::keep_existing(&path, args.written.force) {
            return fail(e);
        }
        match render(&man) {
            Ok(page) => pages.push((path, page)),
            Err(e) => return fail(e),
        }
    }
    for (path, page) in &pages {
        if let Err(e) = super::write_atomically(path, page) {
            return fail(e);
        }
        super::confirm_written(path, args.written.quiet);
    }
    EXIT_OK
}

/// The main page, followed by a section for each command with its synopsis and options.
fn one_page(command: &clap::Command) -> Result<Vec<u8>, InputError> {
    let mut page = render(&clap_mangen::Man::new(command.clone()))?;
    for sub in command.get_subcommands() {
        let name = sub.get_display_name().unwrap_or(sub.get_name()).replace('-', " ");
        let man = clap_mangen::Man::new(sub.clone());
        let mut section = Vec::new();
        let written = man
            .render_synopsis_section(&mut section)
            .and_then(|()| man.render_description_section(&mut section))
            .and_then(|()| man.render_options_section(&mut section));
        written.map_err(failure)?;
        // Each command's sections become subsections under a section of its own.
        let section = String::from_utf8_lossy(&section).replace(".SH ", ".SS ");
        page.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        page.extend_from_slice(section.as_bytes());
    }
    Ok(page)
}

fn render(man: &clap_mangen::Man) -> Result<Vec<u8>, InputError> {
    let mut page = Vec::new();
    man.render(&mut page).map_err(failure)?;
    Ok(page)
}

fn failure(e: std::io::Error) -> InputError {
    InputError::file(ErrorCode::Output, "", format!("manualsiden kan ikke skrives: {}", aftale::danish::io_error(&e)))
}
