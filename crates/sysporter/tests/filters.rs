//! Event filters against libsinsp (issue 17): every expression of
//! `tests/data/filters.txt` on every trace of `../shared` (`golden/*/trace.scap`
//! and `traces/*.scap`), selected by Debian's sysdig 0.29.3
//! (`sysdig -r FILE -p '%evt.rawtime %thread.tid %evt.type %evt.dir' EXPR`)
//! and by us (`sysporter -r FILE -f EXPR --print-events`, which prints the
//! same line for each event that passes). The lines must be the same, in
//! the same order; a difference is accepted only when a rule of
//! `filters/deviations.rs` recognizes its cause, each named in
//! `docs/deviations.md`.
//!
//! The corpus says how each line is checked (`filters/corpus.rs`): most
//! are compared as they are; those sysdig 0.29.3 refuses or misreads
//! (`==`, `intersects`, `bcontains`, `bstartswith`: docs/filters.md) or
//! evaluates otherwise (a named deviation) are compared with an equivalent
//! sysdig reads as we read the original, after checking that sysdig does
//! refuse, misread or differ; a few both must refuse.
//! The corpus must use every field of `sysflow_filter::FIELDS` twice and
//! every operator, and each compared line must select some events and
//! leave some out (checked from sysdig's side alone).
//!
//! The same runs on a live capture the test makes (`filters/live.rs`):
//! sysporter captures, through our probe, workloads this binary runs
//! itself (files, directories, sockets of every kind, execs, children,
//! pipes, dups, set*id calls), and saves the capture (`--scap-out`). Our
//! probe is exit-only, so that the filter's rules are checked on exit
//! events: ours reads that capture, and sysdig its rewrite into the 2022
//! enter/exit pairs, which sysdig 0.29.3 needs to follow the state. The
//! lines sysdig prints of what the rewrite made (the enters, calls renamed
//! for 2022) are set aside, every other must be the same; expressions on
//! `evt.num`, which counts a file's events, are compared with sysdig on
//! the exit-only capture itself. The corpus's promises (some events, not
//! all, none) concern the traces of `../shared` only.
//!
//! A program of its own (`harness = false`), to print a summary. Without
//! `../shared` the traces are skipped, without root and kernel BTF the
//! live part, without sysdig everything, saying so, except under CI (`CI`
//! set), where each is a failure. While sysporter has no
//! `--print-events`, only sysdig's side runs, on the traces.
//! Environment:
//! - `SYSFLOW_FILTERS_QUICK=1`: four small traces that between them have
//!   every kind of process, file, socket and container of the corpus (and
//!   the live part);
//! - `SYSFLOW_FILTERS_LIVE=0`: no live part (refused under CI);
//!   `SYSFLOW_FILTERS_LIVE=only`: the live part alone;
//! - `SYSFLOW_FILTERS_KEEP=DIR`: keep the live capture and its rewrite in
//!   DIR; `SYSFLOW_FILTERS_REPLAY=FILE`: compare on a kept capture instead
//!   of capturing (no root needed);
//! - `SYSFLOW_FILTERS_VERBOSE=1`: each expression's count on each trace;
//! - `SYSFLOW_FILTERS_JOBS=N`: N processes at once (default 2).
//!
//! Arguments not starting with `-` select the expressions containing one
//! of them (cargo's test-name filters included: when none matches, nothing
//! runs). Nothing is cached between runs.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "filters/corpus.rs"]
mod corpus;
#[path = "filters/deviations.rs"]
mod deviations;
#[path = "filters/live.rs"]
mod live;
/// The live SysFlow differential's workloads, which the live part runs too.
#[path = "../../libsysflow/tests/differential/workloads.rs"]
#[allow(dead_code)]
mod workloads;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use corpus::{Case, Kind};

/// sysdig's line for an event, which `--print-events` reproduces.
const FORMAT: &str = "%evt.rawtime %thread.tid %evt.type %evt.dir";
/// The traces of quick mode.
const QUICK: [&str; 4] = [
    "client-server-tcp-client-server",
    "files-files",
    "namespaces-setns",
    "nginx-legacy",
];
/// Differing lines shown per side of a mismatch.
const SHOW: usize = 5;

/// A capture both sides read: a trace of `../shared` (the same file), or
/// the live capture (ours the exit-only capture, sysdig its rewrite).
pub struct Trace {
    pub name: String,
    /// What sysporter reads.
    pub ours: PathBuf,
    /// What sysdig reads.
    pub sysdig: PathBuf,
    pub live: Option<live::Live>,
}

/// Which parts run (`SYSFLOW_FILTERS_LIVE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parts {
    Both,
    TracesOnly,
    LiveOnly,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, name] = args.as_slice()
        && flag == "--workload"
    {
        live::run_workload(name);
        return ExitCode::SUCCESS;
    }
    let only: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let all = corpus::parse(include_str!("data/filters.txt"));
    let (coverage, problems) = corpus::check(&all);
    if !problems.is_empty() {
        for p in &problems {
            println!("filters: {p}");
        }
        return ExitCode::FAILURE;
    }
    let cases: Vec<Case> = all
        .iter()
        .filter(|c| only.is_empty() || only.iter().any(|o| c.expr.contains(o)))
        .cloned()
        .collect();
    if cases.is_empty() {
        println!("filters: no expression matches {only:?}; 0 run");
        return ExitCode::SUCCESS;
    }
    let ci = sysflow_test_support::under_ci();
    let parts = match std::env::var("SYSFLOW_FILTERS_LIVE").as_deref() {
        Ok("0") => {
            assert!(
                !ci,
                "CI is set: the live part must run (SYSFLOW_FILTERS_LIVE=0)"
            );
            Parts::TracesOnly
        }
        Ok("only") => Parts::LiveOnly,
        _ => Parts::Both,
    };
    if !runs("sysdig", &["--version"]) {
        let why = "sysdig is not installed (apt-get install sysdig)";
        assert!(!ci, "CI is set but {why}");
        sysflow_test_support::skip(why);
        return ExitCode::SUCCESS;
    }
    let quick = std::env::var_os("SYSFLOW_FILTERS_QUICK").is_some();
    let mut traces: Vec<Trace> = Vec::new();
    if parts != Parts::LiveOnly
        && let Some(shared) = sysflow_test_support::shared_dir()
    {
        traces.extend(
            golden_traces(&shared)
                .into_iter()
                .filter(|(name, _)| !quick || QUICK.contains(&name.as_str()))
                .map(|(name, path)| Trace {
                    name,
                    ours: path.clone(),
                    sysdig: path,
                    live: None,
                }),
        );
    }
    let ours = prints_events();
    // The live part compares ours with sysdig's: nothing to do without ours.
    if parts != Parts::TracesOnly
        && ours
        && let Some(live) = live::capture(ci)
    {
        traces.push(Trace {
            name: "live".to_owned(),
            ours: live.capture.clone(),
            sysdig: live.legacy.clone(),
            live: Some(live),
        });
    }
    if traces.is_empty() {
        println!("filters: no trace and no live capture here; 0 run");
        return ExitCode::SUCCESS;
    }
    let least = |m: &std::collections::BTreeMap<&str, usize>| m.values().min().copied();
    println!(
        "filters: {} expressions of {} (each of {} fields in {} or more, each of {} operators in {} or more), {} traces{}; {}",
        cases.len(),
        all.len(),
        coverage.fields.len(),
        least(&coverage.fields).unwrap_or(0),
        coverage.operators.len(),
        least(&coverage.operators).unwrap_or(0),
        traces.len(),
        if quick { " (quick)" } else { "" },
        if ours {
            "sysdig and sysporter"
        } else {
            "sysdig only: sysporter has no --print-events yet"
        }
    );
    let started = Instant::now();
    let results = run_all(&jobs(&cases, &traces, ours));
    // The corpus's promises are about every trace of ../shared.
    let complete = !quick && only.is_empty() && traces.iter().any(|t| t.live.is_none());
    let ok = report(&cases, &traces, &results, ours, complete);
    println!("filters: {:.1} s", started.elapsed().as_secs_f64());
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Whether `program args` runs and succeeds.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The traces of `../shared`, named after their case or file, sorted.
fn golden_traces(shared: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(shared.join("golden")).expect("list golden/") {
        let dir = entry.expect("golden/ entry").path();
        let trace = dir.join("trace.scap");
        if trace.is_file() {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, trace));
        }
    }
    if let Ok(entries) = std::fs::read_dir(shared.join("traces")) {
        for entry in entries {
            let path = entry.expect("traces/ entry").path();
            if path.extension().is_some_and(|e| e == "scap") {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                out.push((name, path));
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no trace in {}", shared.display());
    out
}

/// The sysporter binary, without the reference's override variables this
/// process may have inherited (`FILTER` among them).
pub fn sysporter() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sysporter"));
    for var in libsysflow::ENV_OVERRIDES {
        cmd.env_remove(var);
    }
    cmd
}

/// Whether this sysporter has `--print-events`.
fn prints_events() -> bool {
    let help = sysporter().arg("--help").output().expect("run sysporter");
    String::from_utf8_lossy(&help.stdout).contains("--print-events")
}

/// One process to run: sysdig (`ours` false) or sysporter on a trace,
/// with an expression (sysdig without one: every event).
#[derive(Debug)]
struct Job {
    ours: bool,
    trace: PathBuf,
    expr: Option<String>,
}

/// How a process ended.
#[derive(Debug)]
struct Run {
    success: bool,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// The first line of stderr, for messages.
    fn error(&self) -> &str {
        self.stderr.lines().next().unwrap_or("(no message)")
    }
}

/// What each job's result is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    /// Every event of trace `t`, by sysdig.
    Total(usize),
    /// sysdig's selection for case `c` (its comparison expression) on `t`.
    Sysdig(usize, usize),
    /// sysdig on case `c`'s own expression on `t` (`refused`, `misread`,
    /// `error`).
    SysdigOwn(usize, usize),
    /// Our selection for case `c` on `t`.
    Ours(usize, usize),
}

/// What to run. On the live capture: sysdig's selection (on the rewrite,
/// or on the capture itself for `evt.num`) and ours; what sysdig 0.29.3
/// refuses or misreads is checked on the traces.
fn jobs(cases: &[Case], traces: &[Trace], ours: bool) -> Vec<(Key, Job)> {
    let mut jobs = Vec::new();
    for (t, trace) in traces.iter().enumerate() {
        let job = |ours, path: &PathBuf, expr: &str| Job {
            ours,
            trace: path.clone(),
            expr: Some(expr.to_owned()),
        };
        jobs.push((
            Key::Total(t),
            Job {
                ours: false,
                trace: trace.sysdig.clone(),
                expr: None,
            },
        ));
        let first = t == 0 && trace.live.is_none();
        for (c, case) in cases.iter().enumerate() {
            if let Some(e) = case.sysdig_expr() {
                let path = match &trace.live {
                    Some(_) if live::Live::num_only(&case.expr) => &trace.ours,
                    _ => &trace.sysdig,
                };
                jobs.push((Key::Sysdig(t, c), job(false, path, e)));
            }
            // A refusal is checked on the first trace, a misreading on each
            // trace of ../shared.
            let own = match case.kind {
                Kind::Misread | Kind::Differs => trace.live.is_none(),
                Kind::Refused | Kind::Error => first,
                Kind::Eq | Kind::None => false,
            };
            if own {
                jobs.push((Key::SysdigOwn(t, c), job(false, &trace.sysdig, &case.expr)));
            }
            if ours && (case.kind != Kind::Error || first) {
                jobs.push((Key::Ours(t, c), job(true, &trace.ours, &case.expr)));
            }
        }
    }
    jobs
}

fn execute(job: &Job) -> Run {
    let mut cmd = if job.ours {
        let mut cmd = sysporter();
        cmd.arg("-r").arg(&job.trace).arg("-f");
        cmd.arg(job.expr.as_deref().unwrap_or_default());
        cmd.arg("--print-events");
        cmd
    } else {
        let mut cmd = Command::new("sysdig");
        cmd.arg("-r").arg(&job.trace).args(["-p", FORMAT]);
        cmd.args(job.expr.as_deref());
        cmd
    };
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    Run {
        success: out.status.success(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs every job, `SYSFLOW_FILTERS_JOBS` (2) processes at a time.
fn run_all(jobs: &[(Key, Job)]) -> HashMap<Key, Run> {
    let workers: usize = std::env::var("SYSFLOW_FILTERS_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2)
        .max(1);
    let next = AtomicUsize::new(0);
    let results = Mutex::new(HashMap::with_capacity(jobs.len()));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some((key, job)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let run = execute(job);
                    results.lock().unwrap().insert(*key, run);
                }
            });
        }
    });
    results.into_inner().unwrap()
}

/// Per trace, for the summary.
#[derive(Default)]
struct TraceStats {
    /// Every event sysdig prints (on the live capture: those compared).
    events: usize,
    /// The live capture: sysdig's events of the rewrite set aside, as
    /// enters it made and as calls it renamed.
    made_enters: usize,
    renamed: usize,
    /// Comparisons that only open bugs (with deviations or not) explain.
    bugs: usize,
    /// Compared expressions selecting none, some, all of them.
    none: usize,
    some: usize,
    all: usize,
    /// Events selected, over all compared expressions.
    selected: usize,
    /// Our side: the same lines, and not.
    agree: usize,
    explained: usize,
    differ: usize,
}

/// Checks every result, prints the failures and the summary; whether all
/// passed. `complete`: every trace and expression ran, so that the
/// corpus's own promises (some events but not all, nothing) can be
/// checked.
fn report(
    cases: &[Case],
    traces: &[Trace],
    results: &HashMap<Key, Run>,
    ours: bool,
    complete: bool,
) -> bool {
    // Every expression ran on the live capture.
    let live_complete = ours
        && traces.iter().any(|t| t.live.is_some())
        && cases.len() == corpus::parse(include_str!("data/filters.txt")).len();
    let verbose = std::env::var_os("SYSFLOW_FILTERS_VERBOSE").is_some();
    let mut failures = Vec::new();
    let mut oracle = deviations::Oracle::default();
    // Comparisons each named deviation explained.
    let mut explained: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut stats: Vec<TraceStats> = traces.iter().map(|_| TraceStats::default()).collect();
    for (t, st) in stats.iter_mut().enumerate() {
        let run = &results[&Key::Total(t)];
        assert!(
            run.success,
            "sysdig fails on {}: {}",
            traces[t].name,
            run.error()
        );
        let lines = run.lines();
        st.events = lines.len();
        if let Some(live) = &traces[t].live {
            for l in &lines {
                match live.side(l) {
                    live::Side::Compared => {}
                    live::Side::MadeEnter => st.made_enters += 1,
                    live::Side::Renamed => st.renamed += 1,
                }
            }
            st.events -= st.made_enters + st.renamed;
        }
    }
    for (c, case) in cases.iter().enumerate() {
        let at = format!("filters.txt:{} `{}`", case.line, case.expr);
        let mut counts = Vec::new();
        let mut own_differs = false;
        for (t, tr) in traces.iter().enumerate() {
            let trace = &tr.name;
            if let Some(own) = results.get(&Key::SysdigOwn(t, c)) {
                match case.kind {
                    Kind::Misread if !own.success || !own.stdout.is_empty() => {
                        failures.push(format!(
                            "{at}: marked misread, but sysdig selects {} events of {trace} ({})",
                            own.lines().len(),
                            own.error()
                        ))
                    }
                    _ if case.kind == Kind::Differs && !own.success => {
                        failures.push(format!("{at}: sysdig fails on {trace}: {}", own.error()))
                    }
                    Kind::Refused | Kind::Error if own.success => failures.push(format!(
                        "{at}: marked {:?}, but sysdig 0.29.3 accepts it",
                        case.kind
                    )),
                    _ => {}
                }
            }
            if case.kind == Kind::Error {
                if let Some(run) = results.get(&Key::Ours(t, c))
                    && (run.code != Some(1) || !run.stderr.contains('^') || !run.stdout.is_empty())
                {
                    failures.push(format!(
                        "{at}: sysporter should exit 1 with the position and a caret, exited {:?}: {}",
                        run.code,
                        run.stderr.trim()
                    ));
                }
                continue;
            }
            let sysdig = &results[&Key::Sysdig(t, c)];
            if !sysdig.success {
                failures.push(format!("{at}: sysdig fails on {trace}: {}", sysdig.error()));
                if tr.live.is_none() {
                    counts.push(None);
                }
                continue;
            }
            let st = &mut stats[t];
            let mut selected = sysdig.lines();
            match &tr.live {
                // On the exit-only capture itself (`evt.num`): as it is.
                Some(_) if live::Live::num_only(&case.expr) => {}
                Some(live) => selected.retain(|l| live.side(l) == live::Side::Compared),
                None => counts.push(Some(selected.len())),
            }
            if let Some(own) = results.get(&Key::SysdigOwn(t, c)) {
                own_differs |= own.stdout != sysdig.stdout;
            }
            st.selected += selected.len();
            match selected.len() {
                0 => st.none += 1,
                n if n == st.events => st.all += 1,
                _ => st.some += 1,
            }
            let Some(run) = results.get(&Key::Ours(t, c)) else {
                continue;
            };
            let verdict = compare(&selected, run, |line| {
                deviations::DEVIATIONS
                    .iter()
                    .chain(deviations::OPEN_BUGS)
                    .find(|d| d.explains(case, tr, line, &mut oracle))
                    .map(|d| d.name)
            });
            match verdict {
                Verdict::Agree => st.agree += 1,
                Verdict::Explained(names) => {
                    st.explained += 1;
                    if names.iter().any(|n| deviations::is_open_bug(n)) {
                        st.bugs += 1;
                    }
                    for name in names {
                        *explained.entry(name).or_default() += 1;
                    }
                }
                Verdict::Differ(why) => {
                    st.differ += 1;
                    failures.push(format!("{at} on {trace}: {why}"));
                }
            }
        }
        if case.kind == Kind::Differs && complete && !own_differs {
            failures.push(format!(
                "{at}: marked differs, but sysdig selects the same as with the equivalent on every trace"
            ));
        }
        if verbose {
            let shown: Vec<String> = counts
                .iter()
                .map(|n| n.map_or("-".to_owned(), |n| n.to_string()))
                .collect();
            println!(
                "  {:>4} {:<8} {:<40} {}",
                case.line,
                format!("{:?}", case.kind),
                shown.join(" "),
                case.expr
            );
        }
        if complete && case.kind != Kind::Error && counts.iter().all(Option::is_some) {
            let counts: Vec<usize> = counts.into_iter().flatten().collect();
            let some = counts.iter().any(|n| *n > 0);
            // The traces come first, the live capture after them.
            let not_all = counts.iter().zip(&stats).any(|(n, st)| *n < st.events);
            if case.kind == Kind::None && some {
                failures.push(format!("{at}: marked none, but selects events: {counts:?}"));
            }
            if case.kind == Kind::Eq && !(some && not_all) {
                failures.push(format!(
                    "{at}: selects nothing, or every event of every trace: {counts:?}"
                ));
            }
        }
    }
    println!(
        "  {:<34} {:>7} {:>5} {:>5} {:>5} {:>9}{}",
        "trace",
        "events",
        "none",
        "some",
        "all",
        "selected",
        if ours {
            "   agree explained  differ"
        } else {
            ""
        }
    );
    for (Trace { name, .. }, st) in traces.iter().zip(&stats) {
        let ours_cols = if ours {
            format!(" {:>7} {:>9} {:>7}", st.agree, st.explained, st.differ)
        } else {
            String::new()
        };
        println!(
            "  {name:<34} {:>7} {:>5} {:>5} {:>5} {:>9}{ours_cols}",
            st.events, st.none, st.some, st.all, st.selected
        );
    }
    for (name, n) in &explained {
        if deviations::is_open_bug(name) {
            println!(
                "  explained by the OPEN BUG \"{name}\" (filters/deviations.rs): {n} comparisons"
            );
        } else {
            println!("  explained by \"{name}\" (docs/deviations.md): {n} comparisons");
        }
    }
    // An open bug's rule that explains nothing: the bug is fixed, or
    // the live part no longer meets it.
    if live_complete {
        for bug in deviations::ALWAYS_MET {
            if !explained.contains_key(bug) {
                failures.push(format!(
                    "the open bug \"{bug}\" explains no difference any more: remove its rule from filters/deviations.rs"
                ));
            }
        }
    }
    for (tr, st) in traces.iter().zip(&stats) {
        if let Some(live) = &tr.live {
            let compared = cases.iter().filter(|c| c.kind != Kind::Error).count();
            println!(
                "filters live: {compared} expressions x {} events compared (of {} in the capture; sysdig's {} enters the rewrite made and {} calls it renamed set aside), {} selected: {} agree, {} explained by deviations, {} by open bugs, {} differ",
                st.events,
                live.events,
                st.made_enters,
                st.renamed,
                st.selected,
                st.agree,
                st.explained - st.bugs,
                st.bugs,
                st.differ,
            );
        }
    }
    for f in &failures {
        println!("FAIL {f}");
    }
    println!("filters: {} failures", failures.len());
    failures.is_empty()
}

/// How our run compares with sysdig's selection.
enum Verdict {
    /// The same lines in the same order.
    Agree,
    /// Only lines a named deviation explains differ (its names).
    Explained(Vec<&'static str>),
    /// Why not: the lines only one side has (the first few of each, those
    /// no deviation explains), or the order.
    Differ(String),
}

fn compare(
    sysdig: &[&str],
    ours: &Run,
    mut explain: impl FnMut(&str) -> Option<&'static str>,
) -> Verdict {
    if !ours.success {
        return Verdict::Differ(format!(
            "sysporter failed ({:?}): {}",
            ours.code,
            ours.error()
        ));
    }
    let mine = ours.lines();
    if mine == sysdig {
        return Verdict::Agree;
    }
    let mut count: HashMap<&str, i64> = HashMap::new();
    for l in sysdig {
        *count.entry(l).or_default() += 1;
    }
    for l in &mine {
        *count.entry(l).or_default() -= 1;
    }
    let only = |lines: &[&str], sign: i64| -> Vec<String> {
        let mut left = count.clone();
        lines
            .iter()
            .filter(|l| {
                let n = left.get_mut(*l).unwrap();
                let keep = *n * sign > 0;
                if keep {
                    *n -= sign;
                }
                keep
            })
            .map(|l| (*l).to_owned())
            .collect()
    };
    let (only_sysdig, only_ours) = (only(sysdig, 1), only(&mine, -1));
    if only_sysdig.is_empty() && only_ours.is_empty() {
        return Verdict::Differ("the same events in another order".to_owned());
    }
    let mut names = Vec::new();
    let mut unexplained = |lines: Vec<String>| -> Vec<String> {
        lines
            .into_iter()
            .filter(|l| match explain(l) {
                Some(name) => {
                    names.push(name);
                    false
                }
                None => true,
            })
            .collect()
    };
    let (left_sysdig, left_ours) = (unexplained(only_sysdig), unexplained(only_ours));
    if left_sysdig.is_empty() && left_ours.is_empty() {
        names.sort_unstable();
        names.dedup();
        return Verdict::Explained(names);
    }
    let show = |v: &[String]| {
        v.iter()
            .take(SHOW)
            .map(|l| format!("\n      {l}"))
            .collect::<String>()
    };
    Verdict::Differ(format!(
        "{} events only sysdig selects, {} only ours (no deviation explains them){}{}{}{}",
        left_sysdig.len(),
        left_ours.len(),
        if left_sysdig.is_empty() {
            ""
        } else {
            "\n    sysdig only:"
        },
        show(&left_sysdig),
        if left_ours.is_empty() {
            ""
        } else {
            "\n    ours only:"
        },
        show(&left_ours),
    ))
}
