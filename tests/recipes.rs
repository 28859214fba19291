//! The CI recipes a user pastes (`examples/ci/`): every `aftale` command in them runs, with
//! these arguments, on a repository of agreements, and ends with a result, not a usage error.

mod common;

use common::aftale_in;

/// Every `aftale check` or `aftale status` command line in the recipes, without the shell
/// around it (`|| true`, `>> "$GITHUB_STEP_SUMMARY"`).
fn commands() -> Vec<(String, Vec<String>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let recipes = [
        "examples/ci/github/.github/workflows/aftale.yml",
        "examples/ci/github/.github/workflows/aftale-status.yml",
        "examples/ci/gitlab/.gitlab-ci.yml",
    ];
    let mut found = Vec::new();
    for recipe in recipes {
        let text = std::fs::read_to_string(root.join(recipe)).unwrap();
        for line in text.lines() {
            let Some(at) = line.find("aftale check ").or_else(|| line.find("aftale status ")) else { continue };
            let command = line[at..].split(" || ").next().unwrap().split(" >> ").next().unwrap();
            let words = command.split_whitespace().skip(1).map(|w| w.trim_matches('"').to_owned()).collect();
            found.push((format!("{recipe}: {command}"), words));
        }
    }
    found
}

#[test]
fn every_command_in_the_recipes_runs() {
    let commands = commands();
    assert!(commands.len() >= 8, "{commands:?}");
    let repo = tempfile::tempdir().unwrap();
    let agreements = repo.path().join("aftaler");
    std::fs::create_dir(&agreements).unwrap();
    for name in ["nordjylland-2024-2027.yaml", "hovedstaden-2024-2027.yaml"] {
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
        std::fs::copy(from, agreements.join(name)).unwrap();
    }
    for (what, words) in commands {
        let args: Vec<String> =
            words.iter().map(|w| if w == "$AGREEMENTS" { "aftaler/".to_owned() } else { w.clone() }).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        // Each recipe runs in a fresh checkout: a report an earlier recipe wrote is not there.
        if let Some(at) = args.iter().position(|a| *a == "-o" || *a == "--output") {
            let _ = std::fs::remove_file(repo.path().join(args[at + 1]));
        }
        let out = aftale_in(repo.path(), &args, None);
        let code = out.status.code();
        assert!(matches!(code, Some(0 | 1)), "{what}: exit {code:?}\n{}", String::from_utf8_lossy(&out.stderr));
    }
    // What the recipes upload exists.
    for file in ["aftale.sarif", "aftale-junit.xml", "aftale-codequality.json", "frister.ics"] {
        assert!(repo.path().join(file).is_file(), "{file}");
    }
}
