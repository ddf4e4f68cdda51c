//! The `containers` figure of `cargo xtask bench live` (issue 16): the
//! collector CPU that containers starting at 20 a second add to the same
//! load without containers.
//!
//! A load starts 20 short-lived processes a second for 30 s, each at its
//! place in a schedule (process k at k/20 s, so a late start does not delay
//! the next ones):
//! `sh -c 'echo $$ > P && echo x > F && cat F > /dev/null && exec sleep 2'`.
//! - Host: `P` is `/dev/null`; every process stays in xtask's cgroups
//!   (reported beside the figure).
//! - Cgroups, the baseline: each process in a new cgroup whose name holds no
//!   64-hex id: the same load, cgroup churn and the collector's reads of new
//!   cgroups included, without containers.
//! - Containers: `P` is the `cgroup.procs` of a new cgroup named with a
//!   fresh random 64-hex-digit id, below xtask's own cgroup of cgroup v1's
//!   `memory` hierarchy (else cgroup v2's): the probe keys a thread's
//!   cgroups on its memory and unified cgroups, so each process is a new
//!   container to the collector, which reads its cgroups from `/proc` and
//!   looks it up. The `sleep` is the container's init: it outlives that
//!   read, as a runtime's init does. Its cgroup is removed once it ends.
//!   The look-ups go to a Docker API in xtask that describes every
//!   container (200, with the answer Docker 20.10 gave for `sf-labelled`,
//!   recorded in sysflow-runtimes' test data): the whole path, look-up,
//!   answer, container event injected, Container record written again.
//! - Containers, not found: the same, with a private `dockerd` answering
//!   (404: no such container); left out when dockerd is not installed.
//!
//! Each run starts a fresh collector with the same environment (the
//! runtime sockets above; podman's and the CRI socket point where nothing
//! listens). Its CPU is utime+stime of its process (all threads, from
//! `/proc/PID/stat`) from the first start to the end of the last process,
//! as a share of one core. Runs alternate host, containers and not found
//! (reversed every other round), `--runs` rounds; each figure is the median
//! with containers minus the median on the host, in points, target at most
//! one point. Also checked: the starts kept the rate, every container was
//! looked up and answered (sysporter's summary line), and nothing was
//! dropped.

use std::collections::VecDeque;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::{Bench, Figure, Summary, clock_ticks, cpu_ticks, median, thread_ticks, workload};

/// Container starts per second.
const RATE: u32 = 20;
/// How long each load starts processes.
const SECS: u32 = 30;
/// How long each process lives (its `sleep`, a container's init).
const LIFETIME_SECS: u32 = 2;
/// The largest acceptable rise of the collector's CPU share, points.
const MAX_RISE_POINTS: f64 = 1.0;
/// The smallest acceptable rate of starts achieved, per second.
const MIN_RATE: f64 = 19.5;
/// One process of a load: `$1` is where it writes its pid (a new cgroup's
/// `cgroup.procs`, or `/dev/null`), `$2` its file, `$3` its lifetime.
const SCRIPT: &str =
    r#"echo $$ > "$1" && echo x > "$2" && cat "$2" > /dev/null && exec sleep "$3""#;
/// How long a cgroup whose processes ended may stay busy.
const CLEANUP_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the private dockerd may take to answer.
const DOCKERD_TIMEOUT: Duration = Duration::from_secs(120);

/// Where a load's processes run, and who answers the look-ups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Load {
    Host,
    /// Each process in a new cgroup that is no container (a name without a
    /// 64-hex id): the same load as the containers', cgroup churn
    /// included, without containers.
    Cgroups,
    /// In containers the canned Docker API describes.
    Described,
    /// In containers the private dockerd does not know.
    NotFound,
}

/// One run of a load.
struct Run {
    /// Collector CPU, percent of one core.
    cpu: f64,
    /// Starts per second achieved.
    rate: f64,
    summary: Summary,
}

/// The figures: collector CPU with containers described, and not found,
/// against the host.
pub(super) fn figures(
    bench: &Bench,
    root: &Path,
    runs: usize,
    figures: &mut Vec<Figure>,
) -> Result<()> {
    let scratch = bench.out.join("containers");
    if scratch.exists() {
        fs::remove_dir_all(&scratch)
            .with_context(|| format!("cannot empty {}", scratch.display()))?;
    }
    fs::create_dir_all(&scratch).with_context(|| format!("cannot create {}", scratch.display()))?;
    let recorded = root.join("crates/sysflow-runtimes/tests/data/docker/sf-labelled.json");
    let body =
        fs::read(&recorded).with_context(|| format!("cannot read {}", recorded.display()))?;
    let canned = CannedDocker::start(scratch.join("docker.sock"), body)?;
    let dockerd = Dockerd::start()?;
    if dockerd.is_none() {
        eprintln!("xtask: no dockerd: the not-found variant is left out");
    }
    let nothing = scratch.join("nothing.sock");
    let nothing_str = nothing.to_string_lossy().into_owned();
    let args = ["-p", nothing_str.as_str()];
    let env = |docker: &Path| {
        [
            ("DOCKER_HOST", format!("unix://{}", docker.display())),
            ("CONTAINER_HOST", format!("unix://{nothing_str}")),
        ]
    };

    let (mut host, mut cgroups, mut described, mut not_found) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for round in 0..runs {
        let mut order = vec![Load::Host, Load::Cgroups, Load::Described];
        if dockerd.is_some() {
            order.push(Load::NotFound);
        }
        if round % 2 == 1 {
            order.reverse();
        }
        for load in order {
            let (socket, into) = match (load, &dockerd) {
                (Load::Host, _) => (canned.path.clone(), &mut host),
                (Load::Cgroups, _) => (canned.path.clone(), &mut cgroups),
                (Load::Described, _) => (canned.path.clone(), &mut described),
                (Load::NotFound, Some(d)) => (d.socket(), &mut not_found),
                (Load::NotFound, None) => continue,
            };
            let answered = canned.answered();
            let run = measure(bench, &scratch, load, &env(&socket), &args)?;
            eprintln!(
                "xtask: containers round {}/{runs}: {load:?}: collector {:.2} %, {:.2} starts/s, \
                 {} events, {} dropped, {} Container records, look-ups {:?}, canned API answered {}",
                round + 1,
                run.cpu,
                run.rate,
                run.summary.events,
                run.summary.dropped,
                run.summary.container_records,
                run.summary.lookups,
                canned.answered() - answered,
            );
            into.push(run);
        }
    }
    drop(dockerd);
    drop(canned);

    let started = u64::from(RATE * SECS);
    let host_cpu = median(&mut host.iter().map(|r| r.cpu).collect::<Vec<_>>());
    let plain_cpu = median(&mut cgroups.iter().map(|r| r.cpu).collect::<Vec<_>>());
    let host_ok = host
        .iter()
        .all(|r| r.summary.dropped == 0 && r.rate >= MIN_RATE);
    for (load, runs) in [(Load::Described, &described), (Load::NotFound, &not_found)] {
        if runs.is_empty() {
            continue;
        }
        let cpu = median(&mut runs.iter().map(|r| r.cpu).collect::<Vec<_>>());
        let rise = cpu - plain_cpu;
        figures.push(Figure {
            name: match load {
                Load::Described => "collector CPU rise, 20 containers/s described",
                _ => "collector CPU rise, 20 containers/s unknown to dockerd",
            },
            value: format!(
                "{rise:+.2} points ({cpu:.2} % against {plain_cpu:.2} % for the same processes \
                 in new cgroups that are no containers; {} each)",
                match runs.len() {
                    1 => "1 run".to_owned(),
                    n => format!("{n} runs"),
                }
            ),
            target: format!("<= +{MAX_RISE_POINTS:.1} point"),
            pass: Some(rise <= MAX_RISE_POINTS),
        });
        figures.push(Figure {
            name: "  the same, against processes on the host",
            value: format!(
                "{:+.2} points ({cpu:.2} % against {host_cpu:.2} %): cgroup churn included",
                cpu - host_cpu
            ),
            target: "reported".to_owned(),
            pass: None,
        });
        // The worst run of each check.
        let rate = runs
            .iter()
            .chain(&host)
            .map(|r| r.rate)
            .fold(f64::MAX, f64::min);
        let dropped: u64 = runs.iter().chain(&host).map(|r| r.summary.dropped).sum();
        let lookups = |r: &Run| r.summary.lookups.unwrap_or_default();
        let looked_up = runs.iter().map(|r| lookups(r).looked_up).min().unwrap_or(0);
        let (answered, what) = match load {
            Load::Described => (
                runs.iter().map(|r| lookups(r).described).min().unwrap_or(0),
                "described",
            ),
            _ => (
                runs.iter().map(|r| lookups(r).not_found).min().unwrap_or(0),
                "not found",
            ),
        };
        let records = runs
            .iter()
            .map(|r| r.summary.container_records)
            .min()
            .unwrap_or(0);
        figures.push(Figure {
            name: match load {
                Load::Described => "  described: starts, look-ups, drops",
                _ => "  unknown: starts, look-ups, drops",
            },
            value: format!(
                "{rate:.2} starts/s; {looked_up} looked up, {answered} {what} of {started}; \
                 {records} Container records; {dropped} dropped"
            ),
            target: format!(">= {MIN_RATE}/s, all {what}, 0 drops"),
            pass: Some(
                host_ok
                    && rate >= MIN_RATE
                    && looked_up >= started
                    && answered >= started
                    && dropped == 0,
            ),
        });
    }
    Ok(())
}

/// Runs `load` under a fresh collector and measures the collector's CPU.
fn measure(
    bench: &Bench,
    scratch: &Path,
    load: Load,
    env: &[(&str, String)],
    args: &[&str],
) -> Result<Run> {
    let collector = bench.start_with(env, args)?;
    let mut driver = Driver::new(scratch, load)?;
    let pid = collector.child.id();
    let threads0 = thread_ticks(pid)?;
    let ticks0 = cpu_ticks(pid)?;
    let start = Instant::now();
    let span = driver.drive()?;
    let wall = start.elapsed().as_secs_f64();
    let ticks1 = cpu_ticks(pid)?;
    let threads1 = thread_ticks(pid)?;
    drop(driver);
    let summary = collector.stop()?;
    let percent = |ticks: u64| ticks as f64 / clock_ticks() / wall * 100.0;
    let by_thread: Vec<String> = threads1
        .iter()
        .map(|(name, t1)| {
            let t0 = threads0.get(name).copied().unwrap_or(0);
            format!("{name} {:.2} %", percent(t1.saturating_sub(t0)))
        })
        .collect();
    eprintln!(
        "xtask: {load:?}: collector threads: {}",
        by_thread.join(", ")
    );
    Ok(Run {
        cpu: percent(ticks1.saturating_sub(ticks0)),
        rate: f64::from(RATE * SECS - 1) / span.as_secs_f64(),
        summary,
    })
}

/// The processes of one load and the cgroups of its containers. Dropping
/// it kills what still runs and removes the cgroups and files it made.
struct Driver {
    /// Where the containers' cgroups are made; `None`: on the host.
    parent: Option<PathBuf>,
    /// The processes' files.
    work: PathBuf,
    /// The containers' ids, made before the load starts (reading
    /// `/dev/urandom` during it would be load the host side does not have).
    ids: Vec<String>,
    /// Started and not yet waited for, in start order, with their cgroups.
    running: VecDeque<(Child, Option<PathBuf>)>,
    /// Cgroups made and not removed yet.
    cgroups: Vec<PathBuf>,
}

impl Driver {
    fn new(scratch: &Path, load: Load) -> Result<Driver> {
        let work = scratch.join("work");
        if work.exists() {
            fs::remove_dir_all(&work)
                .with_context(|| format!("cannot empty {}", work.display()))?;
        }
        fs::create_dir_all(&work).with_context(|| format!("cannot create {}", work.display()))?;
        let mut driver = Driver {
            parent: None,
            work,
            ids: Vec::new(),
            running: VecDeque::new(),
            cgroups: Vec::new(),
        };
        if load == Load::Cgroups {
            let parent = own_cgroup()?.join(format!("sf-bench-{}", std::process::id()));
            fs::create_dir(&parent)
                .with_context(|| format!("cannot create cgroup {}", parent.display()))?;
            driver.parent = Some(parent);
            // Names of the ids' length, but no run of 64 hex digits.
            driver.ids = (0..RATE * SECS).map(|k| format!("plain-{k:058}")).collect();
        } else if load != Load::Host {
            let parent = own_cgroup()?.join(format!("sf-bench-{}", std::process::id()));
            fs::create_dir(&parent)
                .with_context(|| format!("cannot create cgroup {}", parent.display()))?;
            driver.parent = Some(parent);
            let mut random = vec![0u8; 32 * (RATE * SECS) as usize];
            fs::File::open("/dev/urandom")
                .and_then(|mut f| f.read_exact(&mut random))
                .context("cannot read /dev/urandom")?;
            driver.ids = random
                .chunks(32)
                .map(|c| c.iter().map(|b| format!("{b:02x}")).collect())
                .collect();
        }
        Ok(driver)
    }

    /// Starts the load's processes on schedule and waits for them all to
    /// end; returns the time from the first start to the last.
    fn drive(&mut self) -> Result<Duration> {
        let period = Duration::from_secs(1) / RATE;
        let t0 = Instant::now();
        let mut last = t0;
        let mut late = Duration::ZERO;
        for k in 0..RATE * SECS {
            let due = t0 + period * k;
            match due.checked_duration_since(Instant::now()) {
                Some(wait) => thread::sleep(wait),
                None => late = late.max(due.elapsed()),
            }
            last = Instant::now();
            self.start_one(k)?;
            self.reap(false)?;
        }
        self.reap(true)?;
        if late > period {
            eprintln!(
                "xtask: a start was {:.0} ms late",
                late.as_secs_f64() * 1000.0
            );
        }
        Ok(last - t0)
    }

    /// Starts process `k`, in a new container unless on the host.
    fn start_one(&mut self, k: u32) -> Result<()> {
        let procs = match (&self.parent, self.ids.get(k as usize)) {
            (Some(parent), Some(id)) => {
                let dir = parent.join(id);
                fs::create_dir(&dir)
                    .with_context(|| format!("cannot create cgroup {}", dir.display()))?;
                self.cgroups.push(dir.clone());
                Some(dir)
            }
            (Some(_), None) => bail!("no id for container {k}"),
            (None, _) => None,
        };
        let child = workload("sh")
            .arg("-c")
            .arg(SCRIPT)
            .arg("sh")
            .arg(
                procs
                    .as_ref()
                    .map_or_else(|| PathBuf::from("/dev/null"), |d| d.join("cgroup.procs")),
            )
            .arg(self.work.join(format!("f.{k}")))
            .arg(LIFETIME_SECS.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .context("cannot start a load's process")?;
        self.running.push_back((child, procs));
        Ok(())
    }

    /// Waits for the processes that ended (`all`: for every one), oldest
    /// first, and removes their cgroups; fails when one failed.
    fn reap(&mut self, all: bool) -> Result<()> {
        while let Some((child, _)) = self.running.front_mut() {
            let status = if all {
                child.wait()?
            } else {
                match child.try_wait()? {
                    Some(status) => status,
                    None => break,
                }
            };
            let cgroup = self.running.pop_front().and_then(|(_, c)| c);
            if !status.success() {
                bail!("a load's process failed ({status})");
            }
            // An ended process leaves its cgroup a moment later: one that
            // is still busy is removed at the end.
            if let Some(dir) = cgroup
                && fs::remove_dir(&dir).is_ok()
            {
                self.cgroups.retain(|d| *d != dir);
            }
        }
        Ok(())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        for (child, _) in &mut self.running {
            let _ = child.kill();
            let _ = child.wait();
        }
        let dirs = self.cgroups.iter().chain(&self.parent);
        for dir in dirs {
            let deadline = Instant::now() + CLEANUP_TIMEOUT;
            while let Err(e) = fs::remove_dir(dir) {
                if e.kind() == std::io::ErrorKind::NotFound {
                    break;
                }
                if Instant::now() >= deadline {
                    eprintln!("warning: cannot remove cgroup {}: {e}", dir.display());
                    break;
                }
                thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = fs::remove_dir_all(&self.work);
    }
}

/// This process's cgroup directory in cgroup v1's `memory` hierarchy,
/// else in cgroup v2's: the new containers' cgroups go below it, within
/// whatever limits it has.
fn own_cgroup() -> Result<PathBuf> {
    let text = fs::read_to_string("/proc/self/cgroup").context("cannot read /proc/self/cgroup")?;
    let path_of = |controllers: &str| {
        text.lines().find_map(|l| {
            let mut fields = l.splitn(3, ':');
            let (_, c, path) = (fields.next()?, fields.next()?, fields.next()?);
            (c == controllers).then(|| path.trim_start_matches('/').to_owned())
        })
    };
    let v1 = Path::new("/sys/fs/cgroup/memory");
    if v1.join("cgroup.procs").exists()
        && let Some(path) = path_of("memory")
    {
        return Ok(v1.join(path));
    }
    let v2 = Path::new("/sys/fs/cgroup");
    if v2.join("cgroup.procs").exists()
        && fs::read_to_string("/proc/self/mountinfo").is_ok_and(|m| {
            m.lines()
                .any(|l| l.contains(" /sys/fs/cgroup ") && l.contains(" - cgroup2 "))
        })
        && let Some(path) = path_of("")
    {
        return Ok(v2.join(path));
    }
    bail!("neither cgroup v1's memory hierarchy nor cgroup v2 is mounted at /sys/fs/cgroup")
}

/// A Docker API on a unix socket that describes every container as
/// Docker 20.10 described `sf-labelled`.
struct CannedDocker {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    answered: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl CannedDocker {
    fn start(path: PathBuf, body: Vec<u8>) -> Result<CannedDocker> {
        let _ = fs::remove_file(&path);
        let listener =
            UnixListener::bind(&path).with_context(|| format!("cannot bind {}", path.display()))?;
        let stop = Arc::new(AtomicBool::new(false));
        let answered = Arc::new(AtomicU64::new(0));
        let (flag, count) = (Arc::clone(&stop), Arc::clone(&answered));
        let thread = thread::spawn(move || {
            for conn in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    return;
                }
                if let Ok(mut conn) = conn
                    && answer(&mut conn, &body)
                {
                    count.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
        Ok(CannedDocker {
            path,
            stop,
            answered,
            thread: Some(thread),
        })
    }

    /// Requests answered so far.
    fn answered(&self) -> u64 {
        self.answered.load(Ordering::Relaxed)
    }
}

/// Reads one request's head and answers it with `body`; whether it did.
fn answer(conn: &mut UnixStream, body: &[u8]) -> bool {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match conn.read(&mut buf) {
            Ok(0) | Err(_) => return false,
            Ok(n) => head.extend_from_slice(buf.get(..n).unwrap_or_default()),
        }
    }
    let mut answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    answer.extend_from_slice(body);
    conn.write_all(&answer).is_ok()
}

impl Drop for CannedDocker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept.
        let _ = UnixStream::connect(&self.path);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let _ = fs::remove_file(&self.path);
    }
}

/// A private `dockerd` (no containers: it only answers look-ups), with its
/// own data root, exec root, socket and pidfile in a directory of its own;
/// its own containerd too, unless a system one runs. Dropping it stops it
/// and removes everything it made.
struct Dockerd {
    child: Child,
    dir: PathBuf,
}

impl Dockerd {
    /// Starts one and waits until its API answers; `None` when dockerd is
    /// not installed.
    fn start() -> Result<Option<Dockerd>> {
        let dir = std::env::temp_dir().join(format!("sf-bench-dockerd-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).with_context(|| format!("cannot empty {}", dir.display()))?;
        }
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        // Not the host's /etc/docker/daemon.json.
        fs::write(dir.join("daemon.json"), "{}\n").context("cannot write daemon.json")?;
        let log = fs::File::create(dir.join("dockerd.log")).context("cannot create dockerd.log")?;
        let spawned = Command::new("dockerd")
            .args(["--iptables=false", "--bridge=none", "--storage-driver=vfs"])
            .arg("--data-root")
            .arg(dir.join("data"))
            .arg("--exec-root")
            .arg(dir.join("exec"))
            .arg("--pidfile")
            .arg(dir.join("docker.pid"))
            .arg("--config-file")
            .arg(dir.join("daemon.json"))
            .arg("-H")
            .arg(format!("unix://{}", dir.join("docker.sock").display()))
            .stdin(Stdio::null())
            .stdout(log.try_clone().context("cannot open dockerd.log")?)
            .stderr(log)
            .spawn();
        let child = match spawned {
            Ok(child) => child,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let _ = fs::remove_dir_all(&dir);
                return Ok(None);
            }
            Err(e) => {
                let _ = fs::remove_dir_all(&dir);
                return Err(e).context("cannot start dockerd");
            }
        };
        // From here on, dropping `d` cleans up.
        let mut d = Dockerd { child, dir };
        let started = Instant::now();
        while !ping(&d.socket()) {
            let log = || fs::read_to_string(d.dir.join("dockerd.log")).unwrap_or_default();
            if let Some(status) = d.child.try_wait()? {
                bail!("dockerd exited at start ({status}):\n{}", log());
            }
            if started.elapsed() > DOCKERD_TIMEOUT {
                bail!(
                    "dockerd did not answer within {DOCKERD_TIMEOUT:?}:\n{}",
                    log()
                );
            }
            thread::sleep(Duration::from_millis(100));
        }
        eprintln!(
            "xtask: a private dockerd answers after {:.1} s",
            started.elapsed().as_secs_f64()
        );
        Ok(Some(d))
    }

    fn socket(&self) -> PathBuf {
        self.dir.join("docker.sock")
    }
}

impl Drop for Dockerd {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Its containerd, should it outlive dockerd: any process naming the directory.
        let dir = self.dir.to_string_lossy().into_owned();
        for pid in processes_naming(&dir) {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        // Mounts under it, deepest first.
        let mut mounts: Vec<String> = fs::read_to_string("/proc/self/mountinfo")
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split(' ').nth(4))
            .filter(|p| p.starts_with(&dir))
            .map(str::to_owned)
            .collect();
        mounts.sort_by_key(|m| std::cmp::Reverse(m.len()));
        for mount in mounts {
            let _ = Command::new("umount").args(["-l", &mount]).status();
        }
        if let Err(e) = fs::remove_dir_all(&self.dir) {
            eprintln!("warning: cannot remove {dir}: {e}");
        }
    }
}

/// Whether the Docker API at `socket` answers `GET /_ping`.
fn ping(socket: &Path) -> bool {
    let Ok(mut s) = UnixStream::connect(socket) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    if s.write_all(b"GET /_ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    answer.starts_with(b"HTTP/1.1 200")
}

/// Processes other than this one whose command line contains `needle`.
fn processes_naming(needle: &str) -> Vec<u32> {
    let me = std::process::id();
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| pid != me)
        .filter(|pid| {
            fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|c| String::from_utf8_lossy(&c).contains(needle))
        })
        .collect()
}
