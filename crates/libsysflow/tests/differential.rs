//! Live capture against libsinsp: a suite of workloads runs under one live
//! capture through our eBPF probe, saved as scap (`scap_output_path`) and
//! turned into SysFlow by the driver; the capture is then rewritten into
//! the enter/exit pairs of the 2022 ABI and read by sysdig 0.29.3, whose
//! libsinsp resolves every event's state (fd names and tuples, users,
//! executables). For each workload's processes, every FileFlow,
//! NetworkFlow, Process (created or modified), ProcessEvent and FileEvent
//! we wrote must be the one the reference's rules make of libsinsp's view,
//! and none may be missing; the differences we know of are named in
//! `docs/deviations.md` and explained, each by a rule that checks the
//! difference is that one (see `differential/deviations.rs`).
//!
//! A program of its own (`harness = false`): it also runs the workloads,
//! as `differential --workload NAME`. `differential NAME...` runs only
//! those workloads. It skips, saying so, without root or BTF, or without
//! sysdig, except under CI (`CI` set), where it must run.
//!
//! The comparison is in `differential/model.rs`; the workloads in
//! `differential/workloads.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "differential/deviations.rs"]
mod deviations;
#[path = "differential/model.rs"]
mod model;
#[path = "differential/oracle.rs"]
mod oracle;
#[path = "differential/workloads.rs"]
mod workloads;

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use libsysflow::types::{SfReader, SysFlow};
use libsysflow::{CollectionMode, ErrorCode, FileReadMode, SysFlowConfig, SysFlowDriver};

use deviations::{Difference, Verdict};

/// How long the driver may take to load its probe and scan `/proc`.
const ATTACH_TIMEOUT: Duration = Duration::from_secs(60);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, name] = args.as_slice()
        && flag == "--workload"
    {
        workloads::run(name);
        return ExitCode::SUCCESS;
    }
    // Arguments cargo's test runner passes (`--nocapture`, …) are ignored;
    // any other names workloads to run.
    let only: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    oracle::self_check();
    deviations::self_check();
    let ci = sysflow_test_support::under_ci();
    let chosen: Vec<&str> = workloads::ALL
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| only.is_empty() || only.contains(n))
        .collect();
    if chosen.is_empty() {
        // As a test runner given a filter no test matches (cargo passes
        // filters meant for other test binaries too).
        println!("differential: no workload matches {only:?}; 0 run");
        return ExitCode::SUCCESS;
    }
    if let Some(why) = missing_tool(ci) {
        sysflow_test_support::skip(why);
        return ExitCode::SUCCESS;
    }
    match run(&chosen, ci) {
        Some(true) => ExitCode::SUCCESS,
        Some(false) => ExitCode::FAILURE,
        None => ExitCode::SUCCESS,
    }
}

/// Why the suite cannot run here (outside CI), if it cannot.
fn missing_tool(ci: bool) -> Option<String> {
    let why = sysflow_test_support::missing_tool(&[
        ("sysdig", "--version", "sysdig"),
        ("busybox", "true", "busybox-static"),
        ("bash", "--version", "bash"),
    ])?;
    assert!(!ci, "CI is set but {why}");
    Some(why)
}

/// Captures the workloads, compares, reports; `None` when live capture is
/// impossible here (skipped, said so).
fn run(chosen: &[&str], ci: bool) -> Option<bool> {
    let dir = tempfile::tempdir().expect("temp dir");
    let (sf, scap) = (dir.path().join("live.sf"), dir.path().join("live.scap"));
    // The comparison means nothing if the probe lost events (the host's
    // other processes are captured too, and a syscall flood overruns any
    // ring): the capture is taken again, up to three times.
    let mut attempt = 1;
    let roots = loop {
        match capture(chosen, ci, dir.path(), &sf, &scap)? {
            Ok(roots) => break roots,
            Err(stats) if attempt < CAPTURE_ATTEMPTS => {
                println!("differential: the probe dropped events ({stats}); capturing again");
                attempt += 1;
            }
            Err(stats) => panic!("the probe dropped events in {attempt} captures: {stats}"),
        }
    };

    let records: Vec<SysFlow> = SfReader::open(&sf)
        .expect("open the .sf file")
        .collect::<Result<_, _>>()
        .expect("a valid .sf file");
    let replay_ok = live_equals_replay(&records, &scap, dir.path(), &facts_pids(&scap, &roots));
    let legacy = dir.path().join("legacy.scap");
    let facts = oracle::convert(&scap, &legacy);
    let pids: Vec<HashSet<i64>> = roots.iter().map(|(_, root)| facts.subtree(*root)).collect();
    let tids: HashSet<i64> = pids.iter().flat_map(|p| facts.threads_of(p)).collect();
    let events = oracle::sysdig(&legacy, &tids);
    println!(
        "differential: {} live events, {} records, {} events of the workloads in sysdig",
        facts.events,
        records.len(),
        events.len(),
    );

    // SYSFLOW_DIFFERENTIAL_VERBOSE=1 prints every record compared.
    let verbose = std::env::var_os("SYSFLOW_DIFFERENTIAL_VERBOSE").is_some();
    let mut all_ok = true;
    let mut totals = (0usize, 0usize, 0usize);
    for ((name, root), pids) in roots.iter().zip(&pids) {
        let threads = facts.threads_of(pids);
        let theirs: Vec<_> = events
            .iter()
            .filter(|e| threads.contains(&e.tid))
            .cloned()
            .collect();
        let reference = model::reference(&theirs);
        let ours = model::ours(&records, pids);
        let context = deviations::Context {
            facts: &facts,
            ours: &ours,
            reference: &reference,
            events: &theirs,
            pids,
        };
        let diffs = diff(&ours, &reference);
        let (explained, unexplained): (Vec<_>, Vec<_>) = diffs
            .into_iter()
            .map(|d| {
                let v = deviations::explain(&d, &context);
                (d, v)
            })
            .partition(|(_, v)| matches!(v, Verdict::Explained(_)));
        let compared = ours.len().max(reference.len());
        totals.0 += compared;
        totals.1 += explained.len();
        totals.2 += unexplained.len();
        let missing: Vec<&str> = workloads::MUST_SHOW
            .iter()
            .filter(|(w, dev)| {
                w == name
                    && !explained
                        .iter()
                        .any(|(_, v)| matches!(v, Verdict::Explained(d) if d == dev))
            })
            .map(|(_, dev)| *dev)
            .collect();
        let ok = unexplained.is_empty() && !reference.is_empty() && missing.is_empty();
        println!(
            "test differential::{name} ... {} ({compared} records of pid {root} and {} more processes; {} known deviations)",
            if ok { "ok" } else { "FAILED" },
            pids.len() - 1,
            explained.len()
        );
        if verbose {
            for (k, v) in &ours {
                println!("    ours: {k}: {v}");
            }
        }
        // Explained differences in full with SYSFLOW_DIFFERENTIAL_VERBOSE,
        // counted by deviation otherwise.
        let mut by_deviation: std::collections::BTreeMap<&str, usize> = Default::default();
        for (d, v) in &explained {
            if let Verdict::Explained(why) = v {
                *by_deviation.entry(why).or_default() += 1;
                if verbose {
                    println!("    explained ({why}): {d}");
                }
            }
        }
        if !by_deviation.is_empty() {
            let list: Vec<String> = by_deviation
                .iter()
                .map(|(d, n)| format!("{d}: {n}"))
                .collect();
            println!("    known deviations: {}", list.join("; "));
        }
        for (d, _) in &unexplained {
            println!("    DIFFERENCE: {d}");
        }
        if reference.is_empty() {
            println!("    no records at all: the workload was not captured");
        }
        for dev in &missing {
            println!(
                "    MISSING DEVIATION: {dev:?} no longer occurs: ours now does what sysdig 0.29.3 does"
            );
        }
        all_ok &= ok;
    }
    println!(
        "differential: {} workloads, {} records compared, {} known deviations, {} unexplained differences",
        roots.len(),
        totals.0,
        totals.1,
        totals.2
    );
    if !all_ok && let Ok(keep) = std::env::var("SYSFLOW_DIFFERENTIAL_KEEP") {
        let keep = PathBuf::from(keep);
        for f in ["live.sf", "live.scap", "legacy.scap"] {
            let _ = std::fs::copy(dir.path().join(f), keep.join(f));
        }
        println!("differential: captures kept in {}", keep.display());
    }
    Some(all_ok && replay_ok)
}

/// The configuration of the reference's golden outputs (process flows off,
/// every fd type, every read, no drop mode, flow mode), writing to `out`.
fn reference_test_env(out: &Path) -> libsysflow::SysFlowConfigBuilder {
    SysFlowConfig::builder()
        .file_path(out)
        .exporter_id("differential")
        .enable_process_flow(false)
        .file_only(false)
        .file_read_mode(FileReadMode::All)
        .drop_mode(false)
        .collection_mode(CollectionMode::Flow)
}

/// Every process of the workloads (their trees), from the raw capture.
fn facts_pids(scap: &Path, roots: &[(&str, i64)]) -> HashSet<i64> {
    let facts = oracle::convert(scap, &scap.with_extension("tmp"));
    let _ = std::fs::remove_file(scap.with_extension("tmp"));
    roots.iter().flat_map(|(_, r)| facts.subtree(*r)).collect()
}

/// The saved capture, replayed, gives the workloads' records the live run
/// gave, time stamps included: what the live engine adds to the events
/// (cgroups, received fds) is in the file too.
fn live_equals_replay(live: &[SysFlow], scap: &Path, dir: &Path, pids: &HashSet<i64>) -> bool {
    let out = dir.join("replay.sf");
    let config = reference_test_env(&out).scap_input_path(scap).build();
    let mut driver = SysFlowDriver::new(config).expect("replay driver");
    driver.run().expect("replay the live capture");
    let replayed: Vec<SysFlow> = SfReader::open(&out)
        .expect("open the replay")
        .collect::<Result<_, _>>()
        .expect("a valid replay");
    let mine = |records: &[SysFlow]| -> Vec<String> {
        let mut v: Vec<String> = records
            .iter()
            .filter(|r| match r {
                SysFlow::Process(p) => pids.contains(&p.oid.hpid),
                SysFlow::FileFlow(f) => pids.contains(&f.proc_oid.hpid),
                SysFlow::NetworkFlow(n) => pids.contains(&n.proc_oid.hpid),
                SysFlow::ProcessEvent(e) => pids.contains(&e.proc_oid.hpid),
                SysFlow::FileEvent(e) => pids.contains(&e.proc_oid.hpid),
                _ => false,
            })
            .map(|r| format!("{r:?}"))
            .collect();
        v.sort();
        v
    };
    let (a, b) = (mine(live), mine(&replayed));
    let ok = a == b && !a.is_empty();
    println!(
        "test differential::live-equals-replay ... {} ({} records of the workloads, live and replayed)",
        if ok { "ok" } else { "FAILED" },
        a.len()
    );
    if !ok {
        for only in a.iter().filter(|r| !b.contains(r)).take(10) {
            println!("    only live: {only}");
        }
        for only in b.iter().filter(|r| !a.contains(r)).take(10) {
            println!("    only replayed: {only}");
        }
    }
    ok
}

/// How often the workloads are captured before lost events fail the test.
const CAPTURE_ATTEMPTS: u32 = 3;

/// Runs the workloads under one live capture into `sf` and `scap` (under
/// `dir`); their root pids, the probe's counters if it dropped events, or
/// `None` where live capture is impossible here (skipped, said so).
#[allow(clippy::type_complexity)]
fn capture<'n>(
    chosen: &[&'n str],
    ci: bool,
    dir: &Path,
    sf: &Path,
    scap: &Path,
) -> Option<Result<Vec<(&'n str, i64)>, String>> {
    let config = reference_test_env(sf)
        .rotate_interval(0)
        .scap_output_path(scap)
        .build();
    // The workloads' stdio is opened before the capture starts, so that the
    // /proc scan lists it in this process's fds: the children's dup2 of it
    // onto 0, 1 and 2 then copies a known fd (this process is not captured,
    // so an fd it opened later would be unknown to both sides).
    // A second attempt starts afresh (the output's existence says the probe
    // is attached).
    let _ = std::fs::remove_dir_all(dir.join("work"));
    let _ = std::fs::remove_file(sf);
    let _ = std::fs::remove_file(scap);
    let stdio: Vec<Stdio3> = chosen.iter().map(|n| Stdio3::open(dir, n)).collect();
    let mut driver = match SysFlowDriver::new(config) {
        Ok(d) => d,
        Err(e)
            if !ci
                && matches!(
                    e.code(),
                    ErrorCode::ProbeAccessDenied | ErrorCode::OperationNotSupported
                ) =>
        {
            sysflow_test_support::skip(format_args!("live capture is impossible here: {e}"));
            return None;
        }
        Err(e) => panic!("live capture must work here: {e}"),
    };
    let exit = driver.exit_handle();
    let capture = std::thread::spawn(move || {
        let result = driver.run();
        (result, driver)
    });
    // The output file is created once the probe is attached.
    let waited = Instant::now();
    while !sf.exists() {
        assert!(
            waited.elapsed() < ATTACH_TIMEOUT && !capture.is_finished(),
            "the live capture did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let roots: Vec<(&str, i64)> = chosen
        .iter()
        .zip(stdio)
        .map(|(name, stdio)| (*name, run_workload(name, stdio)))
        .collect();
    // Every event of a workload is in the ring once its process has been
    // reaped; the driver drains the ring before it stops.
    exit.exit();
    let (result, driver) = capture.join().expect("capture thread");
    result.expect("live capture");
    let live = driver.stats().live;
    let dropped = live
        .as_ref()
        .map_or(0, |l| l.drops_full + l.drops_too_large + l.drops_internal);
    Some(if dropped == 0 {
        Ok(roots)
    } else {
        Err(format!("{live:?}"))
    })
}

/// A workload's directory and its stdin, stdout and stderr.
struct Stdio3 {
    dir: PathBuf,
    log: PathBuf,
    stdin: File,
    stdout: File,
    stderr: File,
}

impl Stdio3 {
    /// Makes `base/work/NAME` and opens the workload's stdio there.
    fn open(base: &Path, name: &str) -> Stdio3 {
        let dir = base.join("work").join(name);
        std::fs::create_dir_all(&dir).expect("workload dir");
        let log = dir.join("workload.log");
        let open_log = || {
            OpenOptions::new()
                .append(true)
                .create(true)
                .open(&log)
                .expect("workload log")
        };
        Stdio3 {
            stdin: File::open("/dev/null").expect("/dev/null"),
            stdout: open_log(),
            stderr: open_log(),
            dir,
            log,
        }
    }
}

/// Runs workload `name` as a child process in its directory; its pid.
fn run_workload(name: &str, io: Stdio3) -> i64 {
    let mut child = Command::new(std::env::current_exe().expect("this test's path"))
        .args(["--workload", name])
        .current_dir(&io.dir)
        .stdin(io.stdin)
        .stdout(io.stdout)
        .stderr(io.stderr)
        .spawn()
        .expect("start the workload");
    let pid = i64::from(child.id());
    let status = child.wait().expect("wait for the workload");
    let log = std::fs::read_to_string(&io.log).unwrap_or_default();
    assert!(status.success(), "workload {name} failed: {status}\n{log}");
    pid
}

/// Every key one side has and the other not, and every value that differs.
fn diff(ours: &model::Records, reference: &model::Records) -> Vec<Difference> {
    let mut out = Vec::new();
    for (k, v) in ours {
        match reference.get(k) {
            None => out.push(Difference::OnlyOurs(k.clone(), v.clone())),
            Some(r) if r != v => out.push(Difference::Differ(k.clone(), v.clone(), r.clone())),
            Some(_) => {}
        }
    }
    for (k, v) in reference {
        if !ours.contains_key(k) {
            out.push(Difference::OnlyReference(k.clone(), v.clone()));
        }
    }
    out
}
