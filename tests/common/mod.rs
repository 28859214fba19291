//! Running the binary from the repository root, as the end-to-end tests do.

use std::process::{Command, Output};

/// Runs `aftale` with these arguments and extra environment, without colour unless asked.
pub fn aftale_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aftale"));
    cmd.args(args).current_dir(env!("CARGO_MANIFEST_DIR")).env_remove("NO_COLOR");
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
