//! `cargo xtask bench`: the offline reading benchmark, `scapdump --count`
//! against `sysdig -r FILE -q` on the same file, side by side in one run.
//!
//! The file is 40 concatenated copies of the mpm-event full capture from
//! `../shared/golden` (about 107 MB and 1.43 M events; sysdig reads
//! concatenated captures), made once under `target/bench/`. `scapdump
//! --count` decodes every event and parameter. With `hyperfine` installed
//! (Debian package `hyperfine`) both commands are timed by it; otherwise by
//! this task, alternating the two commands. The result is the ratio of the
//! median wall times, which must be at most 0.25 (scapdump at least 4×
//! faster); the task fails otherwise. Only `sysdig -r` is run, never a
//! driver.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The trace the benchmark file is made of.
const TRACE: &str = "golden/mpm-event-full-capture/trace.scap";
/// How many copies are concatenated.
const COPIES: usize = 40;
/// The largest acceptable ratio of median wall times.
const MAX_RATIO: f64 = 0.25;
/// Timed runs of each command, unless `--runs` says otherwise.
const DEFAULT_RUNS: usize = 10;

const USAGE: &str = "usage: cargo xtask bench [--runs N]";

/// `cargo xtask bench [--runs N]`.
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode> {
    let runs = match args {
        [] => DEFAULT_RUNS,
        [flag, n] if flag == "--runs" => n
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .with_context(|| format!("--runs needs a positive number, not `{n}`"))?,
        _ => {
            eprintln!("{USAGE}");
            return Ok(ExitCode::from(2));
        }
    };

    let scapdump = build_scapdump(root)?;
    let file = bench_file(root)?;
    let sysdig_version = Command::new("sysdig")
        .arg("--version")
        .output()
        .context("sysdig is not installed (apt-get install --no-install-recommends sysdig)")?;
    eprintln!(
        "xtask: {}",
        String::from_utf8_lossy(&sysdig_version.stdout).trim()
    );

    // Both read the whole file: scapdump must count every event.
    let count = Command::new(&scapdump)
        .arg("--count")
        .arg(&file)
        .output()
        .context("cannot run scapdump")?;
    if !count.status.success() {
        bail!("scapdump --count failed on {}", file.display());
    }
    eprintln!(
        "xtask: scapdump counts {} events in {}",
        String::from_utf8_lossy(&count.stdout).trim(),
        file.display()
    );

    let ours = vec![
        scapdump.display().to_string(),
        "--count".to_owned(),
        file.display().to_string(),
    ];
    let theirs = vec![
        "sysdig".to_owned(),
        "-r".to_owned(),
        file.display().to_string(),
        "-q".to_owned(),
    ];
    let (a, b) = if has_hyperfine() {
        hyperfine(root, &ours, &theirs, runs)?
    } else {
        eprintln!("xtask: hyperfine not found; timing {runs} alternating runs here");
        alternate(&ours, &theirs, runs)?
    };
    let ratio = a.as_secs_f64() / b.as_secs_f64();
    println!("scapdump --count: median {:.1} ms", ms(a));
    println!("sysdig -r -q:     median {:.1} ms", ms(b));
    println!(
        "ratio {ratio:.3} (scapdump {:.2}x faster; target ratio <= {MAX_RATIO})",
        1.0 / ratio
    );
    Ok(if ratio <= MAX_RATIO {
        ExitCode::SUCCESS
    } else {
        println!("FAIL: ratio above {MAX_RATIO}");
        ExitCode::FAILURE
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Builds the release `scapdump` example and returns its path.
fn build_scapdump(root: &Path) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "sysflow-capture",
            "--example",
            "scapdump",
        ])
        .status()
        .context("cannot run cargo build")?;
    if !status.success() {
        bail!("building scapdump failed ({status})");
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let exe = target.join("release/examples/scapdump");
    if !exe.is_file() {
        bail!("{} was not built", exe.display());
    }
    Ok(exe)
}

/// `target/bench/mpm-event-full-x40.scap`, made if missing or stale.
fn bench_file(root: &Path) -> Result<PathBuf> {
    let trace = root.join("..").join("shared").join(TRACE);
    let one = fs::read(&trace).with_context(|| {
        format!(
            "cannot read {} (the shared folder beside the repository)",
            trace.display()
        )
    })?;
    let dir = root.join("target/bench");
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let file = dir.join(format!("mpm-event-full-x{COPIES}.scap"));
    let want = (one.len() * COPIES) as u64;
    if fs::metadata(&file).map(|m| m.len()).ok() != Some(want) {
        eprintln!("xtask: writing {} ({want} bytes)", file.display());
        let tmp = dir.join("bench.scap.tmp");
        fs::write(&tmp, one.repeat(COPIES))
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        fs::rename(&tmp, &file).with_context(|| format!("cannot rename to {}", file.display()))?;
    }
    Ok(file)
}

fn has_hyperfine() -> bool {
    Command::new("hyperfine")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Times both commands with hyperfine; returns their median wall times.
fn hyperfine(
    root: &Path,
    ours: &[String],
    theirs: &[String],
    runs: usize,
) -> Result<(Duration, Duration)> {
    let csv = root.join("target/bench/hyperfine.csv");
    let status = Command::new("hyperfine")
        .args(["-N", "--warmup", "2", "--runs"])
        .arg(runs.to_string())
        .arg("--export-csv")
        .arg(&csv)
        .arg(ours.join(" "))
        .arg(theirs.join(" "))
        .status()
        .context("cannot run hyperfine")?;
    if !status.success() {
        bail!("hyperfine failed ({status})");
    }
    let text =
        fs::read_to_string(&csv).with_context(|| format!("cannot read {}", csv.display()))?;
    // Columns: command,mean,stddev,median,user,system,min,max (the command
    // may hold commas, so count from the right).
    let medians: Vec<f64> = text
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.rsplitn(8, ',').collect();
            fields.get(4)?.trim().parse().ok()
        })
        .collect();
    match medians[..] {
        [a, b] => Ok((Duration::from_secs_f64(a), Duration::from_secs_f64(b))),
        _ => bail!("unexpected hyperfine CSV in {}:\n{text}", csv.display()),
    }
}

/// Times `runs` alternating runs of each command (after one warm-up run
/// each); returns their median wall times.
fn alternate(ours: &[String], theirs: &[String], runs: usize) -> Result<(Duration, Duration)> {
    let time = |argv: &[String]| -> Result<Duration> {
        let (program, args) = argv.split_first().context("empty command")?;
        let start = Instant::now();
        let status = Command::new(program)
            .args(args)
            .stdout(Stdio::null())
            .status()
            .with_context(|| format!("cannot run {program}"))?;
        let took = start.elapsed();
        if !status.success() {
            bail!("`{}` failed ({status})", argv.join(" "));
        }
        Ok(took)
    };
    time(ours)?;
    time(theirs)?;
    let mut a = Vec::with_capacity(runs);
    let mut b = Vec::with_capacity(runs);
    for _ in 0..runs {
        a.push(time(ours)?);
        b.push(time(theirs)?);
    }
    Ok((median(&mut a), median(&mut b)))
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    match v.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => v.get(n / 2).copied().unwrap_or_default(),
        n => {
            let lo = v.get(n / 2 - 1).copied().unwrap_or_default();
            let hi = v.get(n / 2).copied().unwrap_or_default();
            (lo + hi) / 2
        }
    }
}
