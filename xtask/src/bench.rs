//! `cargo xtask bench`: the offline benchmarks, each side by side with
//! `sysdig -r FILE -q` (which only parses) on the same file in one run:
//!
//! - reading: `scapdump --count` decodes every event and parameter; target
//!   ratio of median wall times at most 0.15 (issue 18);
//! - converting: `sysporter -r FILE -w OUT.sf` with the library defaults, the
//!   whole pipeline from capture to a closed `.sf` file; target at most 0.30
//!   (issue 18).
//!   The peak memory of both commands is printed too (with GNU `time`).
//!
//! The file is 40 concatenated copies of the mpm-event full capture from
//! `../shared/golden` (about 107 MB and 1.43 M events; sysdig reads
//! concatenated captures), made once under `target/bench/`. `scapdump
//! --count` decodes every event and parameter. With `hyperfine` installed
//! (Debian package `hyperfine`) both commands are timed by it; otherwise by
//! this task, alternating the two commands. The result is the ratio of the
//! median wall times, which must be at most the target; the task fails
//! otherwise, after printing every figure. Only `sysdig -r` is run, never a
//! driver.
//!
//! - the gzipped capture: `sysporter -r FILE.gz -w OUT.sf` against
//!   `sysdig -r FILE.gz -q` (gzip's default level, made once with `gzip`);
//!   decompression is in both; target at most 0.30 (issue 18).
//! - filtering: `sysporter -r FILE -w OUT.sf -f FILTER` against the same
//!   command without `-f`, for a Falco-rule condition that passes nearly
//!   every event (five clauses: `in` lists, `startswith`, `not`), so that
//!   the filter's cost is not hidden by the records it saves; target at most
//!   1.10. A selective condition is timed beside it, for reference.
//!
//! `cargo xtask bench live` runs the live-capture benchmarks instead (see
//! `bench_live.rs`), `cargo xtask bench cpp` the C++ API's against the
//! Rust consumer (see `bench_cpp.rs`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The trace the benchmark file is made of.
pub(crate) const TRACE: &str = "golden/mpm-event-full-capture/trace.scap";
/// How many copies are concatenated.
const COPIES: usize = 40;
/// The largest acceptable ratio of median wall times, reading.
const MAX_RATIO: f64 = 0.15;
/// The largest acceptable ratio of median wall times, converting.
const MAX_CONVERT_RATIO: f64 = 0.30;
/// The largest acceptable ratio of median wall times, converting the
/// gzipped file against sysdig reading it (issue 18's target).
const MAX_GZ_RATIO: f64 = 0.30;
/// The largest acceptable ratio of median wall times, with a filter against
/// without.
const MAX_FILTER_RATIO: f64 = 1.10;
/// A Falco-rule condition that passes nearly every event of the trace:
/// what evaluation costs, on top of records that are all still written.
const FILTER_PASSING: &str = "not (evt.type in (ptrace, bpf, init_module, finit_module) \
    and proc.name in (nc, ncat, socat, nmap)) and not fd.name startswith /dev/shm/sf \
    and not proc.exepath startswith /tmp/sf- and not (evt.type=execve and proc.pname in (sfbad))";
/// A selective one, as a rule on web servers' file writes would be.
const FILTER_SELECTIVE: &str = "evt.type in (open, openat, write, close) and proc.name in (httpd, nginx) \
    and (fd.name startswith /usr/local/apache2 or fd.name startswith /tmp) and evt.dir=<";
/// Timed runs of each command, unless `--runs` says otherwise.
const DEFAULT_RUNS: usize = 10;

const USAGE: &str = "usage: cargo xtask bench [--pgo] [--runs N] | bench live [--pgo] [--runs N] [--full] | bench cpp [--runs N]";

/// `cargo xtask bench [--runs N]`.
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode> {
    // `--pgo` anywhere: time the profile-guided sysporter.
    let pgo = args.iter().any(|a| a == "--pgo");
    let args: Vec<String> = args.iter().filter(|a| *a != "--pgo").cloned().collect();
    let args = args.as_slice();
    let sysporter = || {
        if pgo {
            crate::pgo::build(root)
        } else {
            build_sysporter(root)
        }
    };
    if let Some((live, rest)) = args.split_first()
        && live == "live"
    {
        return crate::bench_live::run(root, &sysporter()?, rest);
    }
    if let Some((cpp, rest)) = args.split_first()
        && cpp == "cpp"
    {
        return crate::bench_cpp::run(root, rest);
    }
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

    // sysdig only parsing a capture: the baseline of every figure here.
    let sysdig_reads = |capture: &Path| {
        vec![
            "sysdig".to_owned(),
            "-r".to_owned(),
            capture.display().to_string(),
            "-q".to_owned(),
        ]
    };
    let theirs = sysdig_reads(&file);
    let ours = vec![
        scapdump.display().to_string(),
        "--count".to_owned(),
        file.display().to_string(),
    ];
    let read_ok = compare(root, "scapdump --count", &ours, &theirs, runs, MAX_RATIO)?;

    let sysporter = sysporter()?;
    eprintln!(
        "xtask: timing {}{}",
        sysporter.display(),
        if pgo { " (profile-guided)" } else { "" }
    );
    let out = root.join("target/bench/out.sf");
    // sysporter converting a capture with the library defaults.
    let converts = |capture: &Path| {
        vec![
            sysporter.display().to_string(),
            "-r".to_owned(),
            capture.display().to_string(),
            "-w".to_owned(),
            out.display().to_string(),
            "-e".to_owned(),
            "bench".to_owned(),
        ]
    };
    let ours = converts(&file);
    let convert_ok = compare(
        root,
        "sysporter -r -w",
        &ours,
        &theirs,
        runs,
        MAX_CONVERT_RATIO,
    )?;
    peak_memory(&ours, &theirs);

    // The same capture gzipped (as capture files are often kept), read by
    // both: decompression is part of the figure.
    let gz = bench_file_gz(root, &file)?;
    let ours_gz = converts(&gz);
    let theirs_gz = sysdig_reads(&gz);
    let gz_ok = compare(
        root,
        "sysporter -r -w (gzipped capture)",
        &ours_gz,
        &theirs_gz,
        runs,
        MAX_GZ_RATIO,
    )?;

    // The filter's cost: the same conversion with and without -f.
    let unfiltered = ours.clone();
    let with_filter = |f: &str| {
        let mut argv = unfiltered.clone();
        argv.extend(["-f".to_owned(), f.to_owned()]);
        argv
    };
    let filter_ok = compare_with(
        root,
        ("sysporter -r -w -f (passing)", "sysporter -r -w"),
        &with_filter(FILTER_PASSING),
        &unfiltered,
        runs,
        MAX_FILTER_RATIO,
    )?;
    compare_with(
        root,
        ("sysporter -r -w -f (selective)", "sysporter -r -w"),
        &with_filter(FILTER_SELECTIVE),
        &unfiltered,
        runs,
        f64::INFINITY,
    )?;
    Ok(if read_ok && convert_ok && gz_ok && filter_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Times `ours` against `theirs` and prints the medians and the ratio;
/// returns whether the ratio is within `max_ratio`.
fn compare(
    root: &Path,
    name: &str,
    ours: &[String],
    theirs: &[String],
    runs: usize,
    max_ratio: f64,
) -> Result<bool> {
    compare_with(root, (name, "sysdig -r -q"), ours, theirs, runs, max_ratio)
}

/// [`compare`] with the names of both commands.
fn compare_with(
    root: &Path,
    (name, base): (&str, &str),
    ours: &[String],
    theirs: &[String],
    runs: usize,
    max_ratio: f64,
) -> Result<bool> {
    let (a, b) = if has_hyperfine() {
        hyperfine(root, ours, theirs, runs)?
    } else {
        eprintln!("xtask: hyperfine not found; timing {runs} alternating runs here");
        alternate(ours, theirs, runs)?
    };
    let ratio = a.as_secs_f64() / b.as_secs_f64();
    println!("{name}: median {:.1} ms", ms(a));
    println!("{base}: median {:.1} ms", ms(b));
    let target = if max_ratio.is_finite() {
        format!("target ratio <= {max_ratio}")
    } else {
        "reported".to_owned()
    };
    println!(
        "{name}: ratio {ratio:.3} ({:.2}x {base}'s speed; {target})",
        1.0 / ratio
    );
    if ratio > max_ratio {
        println!("FAIL: {name}: ratio above {max_ratio}");
    }
    Ok(ratio <= max_ratio)
}

/// Prints the peak resident memory of one run of each command, when GNU
/// `time` is installed.
fn peak_memory(ours: &[String], theirs: &[String]) {
    for argv in [ours, theirs] {
        let out = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .args(argv)
            .stdout(Stdio::null())
            .output();
        match out {
            Ok(o) if o.status.success() => {
                let text = String::from_utf8_lossy(&o.stderr);
                let kb = text.lines().last().unwrap_or_default().trim();
                println!("peak memory {kb} KiB: {}", argv.join(" "));
            }
            _ => {
                eprintln!("xtask: /usr/bin/time (Debian package `time`) is needed for peak memory");
                return;
            }
        }
    }
}

/// Builds the release `sysporter` binary and returns its path.
fn build_sysporter(root: &Path) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--release", "--quiet", "-p", "sysporter"])
        .status()
        .context("cannot run cargo build")?;
    if !status.success() {
        bail!("building sysporter failed ({status})");
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let exe = target.join("release/sysporter");
    if !exe.is_file() {
        bail!("{} was not built", exe.display());
    }
    Ok(exe)
}

pub(crate) fn ms(d: Duration) -> f64 {
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

/// `FILE.gz` beside `file`, gzipped by `gzip` at its default level, made
/// if missing or older than `file`.
fn bench_file_gz(root: &Path, file: &Path) -> Result<PathBuf> {
    let gz = root.join("target/bench").join(format!(
        "{}.gz",
        file.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("bench.scap")
    ));
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    if modified(&gz).is_none() || modified(&gz) < modified(file) {
        eprintln!("xtask: writing {}", gz.display());
        let tmp = gz.with_extension("gz.tmp");
        let out =
            fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        let status = Command::new("gzip")
            .arg("-c")
            .arg(file)
            .stdout(out)
            .status()
            .context("cannot run gzip")?;
        if !status.success() {
            bail!("gzip failed on {}", file.display());
        }
        fs::rename(&tmp, &gz).with_context(|| format!("cannot rename to {}", gz.display()))?;
    }
    Ok(gz)
}

/// `target/bench/mpm-event-full-x40.scap`, made if missing or stale.
pub(crate) fn bench_file(root: &Path) -> Result<PathBuf> {
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

pub(crate) fn has_hyperfine() -> bool {
    Command::new("hyperfine")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Times both commands with hyperfine; returns their median wall times.
pub(crate) fn hyperfine(
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
pub(crate) fn alternate(
    ours: &[String],
    theirs: &[String],
    runs: usize,
) -> Result<(Duration, Duration)> {
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
