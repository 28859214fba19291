//! Benchmark: checking 1,000 agreement files in one run, against merely parsing them.
//!
//! `cargo bench --bench check_many` builds the release binary, writes 1,000 agreement files (the
//! loadable examples, repeated) into a temporary directory, and prints, side by side:
//! - the whole run, `aftale check DIR --format json`, end to end, as a user runs it;
//! - loading alone (reading, YAML parsing, the typed model), in one thread;
//! - loading and evaluating every rule, in one thread.
//!
//! Each figure is the median of several runs.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const FILES: usize = 1000;
const RUNS: usize = 7;

const EXAMPLES: [&str; 7] = [
    "examples/hovedstaden-2024-2027.yaml",
    "examples/nordjylland-2024-2027.yaml",
    "examples/midtjylland-2024-2027.yaml",
    "examples/sjaelland-2019-2023.yaml",
    "examples/fejl/manglende-kommuner.yaml",
    "examples/fejl/mangler-ikrafttraedelse.yaml",
    "examples/fejl/sen-indsendelse-accepteret.yaml",
];

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time<F: FnMut()>(mut f: F) -> Duration {
    median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut texts = Vec::new();
    let mut bytes = 0;
    for i in 0..FILES {
        let example = EXAMPLES[i % EXAMPLES.len()];
        let text = std::fs::read_to_string(root.join(example)).expect("the example exists");
        let name = format!("{i:04}-{}", Path::new(example).file_name().unwrap().to_string_lossy());
        std::fs::write(dir.path().join(&name), &text).expect("the file is written");
        bytes += text.len();
        texts.push((name, text));
    }

    let binary = env!("CARGO_BIN_EXE_aftale");
    let whole = time(|| {
        let out = Command::new(binary)
            .args(["check", "--format", "json", "--as-of", "2026-11-22"])
            .arg(dir.path())
            .output()
            .expect("aftale runs");
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    });

    let reference = aftale::reference::Reference::builtin();
    let registry = aftale::rules::Registry::builtin().expect("the rules load");
    let load_only = time(|| {
        for (name, text) in &texts {
            let source = aftale::error::SourceFile::new(name.as_str(), text.as_str());
            std::hint::black_box(aftale::load::load(source, reference).expect("loads"));
        }
    });
    let options = aftale::evaluate::EvaluationOptions::on(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let load_and_evaluate = time(|| {
        for (name, text) in &texts {
            let source = aftale::error::SourceFile::new(name.as_str(), text.as_str());
            let loaded = aftale::load::load(source, reference).expect("loads");
            std::hint::black_box(
                aftale::evaluate::evaluate(loaded, &registry, reference, &options).expect("evaluates"),
            );
        }
    });

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_file = |d: Duration| format!("{:>7.0} µs", d.as_secs_f64() * 1e6 / FILES as f64);
    let total = |d: Duration| format!("{:>7.0} ms", d.as_secs_f64() * 1e3);
    println!("{FILES} aftalefiler, {:.1} MB i alt; {cores} kerner; median af {RUNS} kørsler\n", bytes as f64 / 1e6);
    println!("{:<52} {:>10} {:>10}", "", "i alt", "pr. fil");
    println!("{:<52} {} {}", "aftale check DIR --format json (hele kørslen)", total(whole), per_file(whole));
    println!("{:<52} {} {}", "kun indlæsning: YAML og model (1 tråd)", total(load_only), per_file(load_only));
    println!("{:<52} {} {}", "indlæsning og vurdering (1 tråd)", total(load_and_evaluate), per_file(load_and_evaluate));
}
