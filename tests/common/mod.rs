//! Running the binary from the repository root, as the end-to-end tests do.

use std::process::{Command, Output};

/// Runs `aftale` with these arguments and extra environment, without colour unless asked.
pub fn aftale_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aftale"));
    cmd.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    // The colour settings of the machine running the tests are not the test's.
    for var in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CLICOLOR"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

/// Runs `aftale` with these arguments.
#[allow(dead_code)] // not every test file uses both helpers
pub fn aftale(args: &[&str]) -> Output {
    aftale_with_env(args, &[("NO_COLOR", "1")])
}

/// Runs `aftale` in `dir`, with `stdin` on standard input when given.
#[allow(dead_code)]
pub fn aftale_in(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aftale"));
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1");
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary runs");
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes()).expect("stdin written");
    }
    child.wait_with_output().expect("the binary ends")
}
