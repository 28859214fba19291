//! End-to-end tests of the command line: each case in `tests/cmd/` gives the arguments, and the
//! exit code, standard output and standard error it must produce. Regenerate with
//! `TRYCMD=overwrite cargo test --test cli` and review the diff like code.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().env("NO_COLOR", "1").env("COLUMNS", "100").case("tests/cmd/*.toml");
}
