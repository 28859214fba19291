//! `aftale check` against the floor: a program that only parses the same files with serde_yaml.
//!
//! `cargo bench --bench floor` writes 1, 100, 1,000 and 10,000 copies of the Hovedstaden example
//! into temporary directories and, for each case, runs the floor and `aftale check` alternately,
//! in pairs, in one process – the machines are shared and noisy, so only a ratio measured side by
//! side means anything. It prints the median wall time of each with every core, the median CPU
//! time (user + sys, from `wait4`) of each with both pinned to core 0 (`taskset -c 0`), the
//! medians of the per-pair ratios, and the peak resident memory of each.
//!
//! The floor is this same binary, started again with `AFTALE_FLOOR=PATH`: it reads every
//! `*.yaml` below PATH (or PATH itself) and parses it into a `serde_yaml::Value`, nothing else.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EXAMPLE: &str = "examples/hovedstaden-2024-2027.yaml";
const PAIRS: usize = 9;

/// The floor: parse every file with serde_yaml.
fn floor(path: &Path) {
    let mut files = Vec::new();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("the directory reads") {
            files.push(entry.expect("an entry").path());
        }
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    let mut nodes = 0usize;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("the file reads");
        let value: serde_yaml::Value = serde_yaml::from_str(&text).expect("the file is YAML");
        nodes += usize::from(value.is_mapping());
    }
    std::hint::black_box(nodes);
}

/// What one run cost.
struct Cost {
    wall: Duration,
    /// User and system CPU time.
    cpu: Duration,
    /// Peak resident memory in kB.
    rss: i64,
}

/// Runs a command to the end; returns what it cost.
fn measure(mut command: Command) -> Cost {
    let started = Instant::now();
    let child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("the program starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: wait4 fills the status and the usage of the child we started and have not waited
    // for; `child` is forgotten so std never waits for it a second time.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::wait4(pid, &mut status, 0, &mut usage), pid);
        usage
    };
    std::mem::forget(child);
    let took = started.elapsed();
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1, "the program failed: {status}");
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Cost { wall: took, cpu: time(usage.ru_utime) + time(usage.ru_stime), rss: usage.ru_maxrss }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn copies(n: usize, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for i in 0..n {
        std::fs::write(dir.path().join(format!("aftale-{i:05}.yaml")), text).expect("the file is written");
    }
    let target = if n == 1 { dir.path().join("aftale-00000.yaml") } else { dir.path().to_path_buf() };
    (dir, target)
}

fn main() {
    if let Some(path) = std::env::var_os("AFTALE_FLOOR") {
        floor(Path::new(&path));
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(EXAMPLE)).expect("the example exists");
    let me = std::env::current_exe().expect("the bench knows itself");
    let aftale = env!("CARGO_BIN_EXE_aftale");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("{} ({} bytes), {cores} cores, {PAIRS} pairs per case\n", EXAMPLE, text.len());
    println!("Wall time with every core; CPU time (user + sys) with both pinned to core 0 (taskset -c 0).\n");
    println!(
        "{:<20} {:>10} {:>10} {:>7} {:>10} {:>10} {:>7} {:>9} {:>9}",
        "case", "floor", "aftale", "ratio", "floor CPU", "aftale CPU", "ratio", "floor RSS", "aftale RSS"
    );
    let taskset = Command::new("taskset").arg("--version").output().is_ok_and(|o| o.status.success());
    for (files, format) in
        [(1, "json"), (1, "human"), (100, "json"), (1000, "json"), (1000, "human"), (10_000, "json"), (10_000, "human")]
    {
        let (_dir, target) = copies(files, &text);
        let (mut floor_times, mut aftale_times, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        let (mut floor_cpu, mut aftale_cpu, mut cpu_ratios) = (Vec::new(), Vec::new(), Vec::new());
        let (mut floor_rss, mut aftale_rss) = (0, 0);
        for pair in 0..PAIRS {
            for pinned in [false, true] {
                if pinned && !taskset {
                    continue;
                }
                let command = |program: &Path| {
                    if pinned {
                        let mut c = Command::new("taskset");
                        c.args(["-c", "0"]).arg(program);
                        c
                    } else {
                        Command::new(program)
                    }
                };
                let run_floor = || {
                    let mut c = command(&me);
                    c.env("AFTALE_FLOOR", &target);
                    measure(c)
                };
                let run_aftale = || {
                    let mut c = command(Path::new(aftale));
                    c.args(["check", "--as-of", "2026-11-22", "--format", format]).arg(&target);
                    measure(c)
                };
                // Alternate which goes first, so that neither always meets a warm or a cold cache.
                let (f, a) = if pair % 2 == 0 {
                    let f = run_floor();
                    (f, run_aftale())
                } else {
                    let a = run_aftale();
                    (run_floor(), a)
                };
                if pinned {
                    floor_cpu.push(f.cpu.as_secs_f64());
                    aftale_cpu.push(a.cpu.as_secs_f64());
                    cpu_ratios.push(a.cpu.as_secs_f64() / f.cpu.as_secs_f64().max(1e-6));
                } else {
                    floor_times.push(f.wall.as_secs_f64());
                    aftale_times.push(a.wall.as_secs_f64());
                    ratios.push(a.wall.as_secs_f64() / f.wall.as_secs_f64());
                    floor_rss = floor_rss.max(f.rss);
                    aftale_rss = aftale_rss.max(a.rss);
                }
            }
        }
        let cpu = |v: Vec<f64>| if v.is_empty() { f64::NAN } else { median(v) * 1e3 };
        println!(
            "{:<20} {:>8.1}ms {:>8.1}ms {:>6.2}× {:>8.1}ms {:>8.1}ms {:>6.2}× {:>6} MB {:>6} MB",
            format!("{files} file(s), {format}"),
            median(floor_times) * 1e3,
            median(aftale_times) * 1e3,
            median(ratios),
            cpu(floor_cpu),
            cpu(aftale_cpu),
            if cpu_ratios.is_empty() { f64::NAN } else { median(cpu_ratios) },
            floor_rss / 1024,
            aftale_rss / 1024
        );
    }
}
