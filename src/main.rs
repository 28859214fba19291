//! The `aftale` command line: turns arguments into a request, runs the library, prints the
//! result and sets the exit code (0 = no requirement fails, 1 = a requirement fails, 2 = the
//! input or the command line is unusable).

mod cli;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ExitCode::from(cli::run(std::env::args_os().collect()))
}
