//! The live part of the suite: a capture this test makes through our
//! probe (`sysporter --scap-out`) of workloads it runs itself, the same
//! capture rewritten for sysdig 0.29.3, and how the two sides' lines are
//! matched.
//!
//! Our probe is exit-only: every event is a system call's exit carrying the
//! enter's parameters, and sysdig 0.29.3 cannot follow the state of such a
//! capture. It is rewritten into the 2022 enter/exit pairs
//! ([`LegacyConverter`], what `scapcopy --legacy` does), which sysdig reads;
//! we read the original. So sysdig's lines include what the rewrite made,
//! which are set aside ([`Live::side`]):
//! - the enter of each exit (same time, same thread, direction `>`);
//! - calls whose event id sysdig 0.29.3 does not know (`dup2`, `pipe2`,
//!   `accept4`'s current layout, `setreuid`, `epoll_create1`, ...), which the
//!   rewrite renames into an older pair (`dup`, `pipe`, `accept`) or a
//!   generic event: `--print-events` shows what sysdig shows of the capture
//!   it is given, and sysdig 0.29.3 shows none of these in ours.
//!
//! Every other line of sysdig's stands for an event of our capture with the
//! same time, thread, 2022 name and direction, and is compared.
//! Expressions on `evt.num` are compared with sysdig on the exit-only
//! capture itself ([`Live::num_only`]): a number counts the events of a
//! file, and the rewrite adds the enters; those expressions test nothing
//! else that needs state.
//!
//! The workloads are the live SysFlow differential's
//! (`crates/libsysflow/tests/differential/workloads.rs`: files, directories,
//! every read and write call, dups, pipes, TCP over IPv4 and IPv6, UDP, unix
//! sockets with fd passing, set*id calls, threads, vfork, scripts,
//! execveat, shells, tools) and [`corpus`], which meets the values the
//! corpus names (`mv`, `curl` on port 9000, `healthcheck.sh`, `/etc/passwd`,
//! the `daemon` user, `tested_file?.txt`) and has bash start a process whose
//! threads name themselves. Each runs as a child process
//! (this binary with `--workload NAME`), one after another, while the probe
//! captures; the capture stops once the last has been reaped, and the
//! collector reads the ring out before it stops. Nothing waits for a time.
//! The host's other processes are in the capture too: both sides read the
//! same file.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter};
use std::net::TcpStream;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use sysflow_capture::{
    AbiRevision, Direction, Event, EventFlags, Item, LegacyConverter, ParamValue, ScapReader,
    ScapWriter,
};

use crate::workloads;

/// How long sysporter may take to load its probe and scan `/proc`, and a
/// workload's server to listen: a failure past it, never a wait for it.
const START_TIMEOUT: Duration = Duration::from_secs(120);

/// How often the workloads are captured before lost events fail the test.
const CAPTURE_ATTEMPTS: u32 = 3;

/// sysdig 0.29's `PPM_EVENT_MAX`: it neither numbers nor shows larger ids.
const SYSDIG_EVENT_MAX: u16 = 336;

/// The generic exit (`PPME_GENERIC_X`): what the rewrite makes of a call
/// the 2022 table has no event for.
const GENERIC_X: u16 = 1;

/// fcntl's `F_DUPFD` and `F_DUPFD_CLOEXEC` in Falco's encoding.
const FCNTL_DUPFDS: [i64; 2] = [1, 26];

/// The workloads, in the order they run: the differential's, then ours.
pub fn workload_names() -> Vec<&'static str> {
    workloads::ALL
        .iter()
        .map(|(name, _)| *name)
        .chain(["corpus"])
        .collect()
}

/// Runs workload `name` in the current directory (the child's side).
pub fn run_workload(name: &str) {
    match name {
        "corpus" => corpus(),
        "corpus-threads" => corpus_threads(),
        other => workloads::run(other),
    }
}

/// An event of the exit-only capture, as the matching needs it.
#[derive(Debug, Clone, Copy)]
struct Original {
    /// The name sysdig 0.29.3 gives its id, when that table has the id.
    name: Option<&'static str>,
    dir: char,
    /// Its position among the capture's events (ours, `evt.num`).
    index: u64,
    /// Its position among the events sysdig 0.29.3 numbers in the capture
    /// (those whose id its table has).
    sysdig_num: u64,
}

/// What a line of sysdig's (on the rewrite) stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// An event of our capture: compared.
    Compared,
    /// An enter the rewrite made for an exit.
    MadeEnter,
    /// A call whose id sysdig 0.29.3 does not know, renamed by the rewrite.
    Renamed,
}

/// A live capture and its rewrite, with what the matching and the
/// deviation rules need to know of the original.
pub struct Live {
    /// Holds the files below; removed with it.
    _dir: tempfile::TempDir,
    /// The exit-only capture, as the probe wrote it: our side reads it.
    pub capture: PathBuf,
    /// Its rewrite into the 2022 pairs: sysdig's side reads it.
    pub legacy: PathBuf,
    /// Events of the capture.
    pub events: u64,
    /// Every event of the capture by time and thread (nearly always one).
    originals: HashMap<(u64, i64), Vec<Original>>,
    /// Facts of the original capture the deviation rules check.
    pub facts: Facts,
}

/// What the exit-only capture says that the rules check and sysdig's view
/// of the rewrite does not show. Per process: a thread's events count to
/// its process (`pid_of`), and a process started in the capture inherits
/// what its parent had when it was cloned (`parent`).
#[derive(Debug, Default)]
pub struct Facts {
    /// The process of every thread listed or cloned.
    pid_of: HashMap<i64, i64>,
    /// The parent of every process cloned in the capture, and the time.
    parent: HashMap<i64, (i64, u64)>,
    /// Each process's successful execs: time, `filename`, `trusted_exepath`.
    execs: HashMap<i64, Vec<(u64, Exec)>>,
    /// Each process's successful set*id calls that set an effective id.
    set_ids: HashMap<i64, Vec<(u64, SetId)>>,
    /// What happened to each fd of each process, in order.
    fds: HashMap<(i64, i64), Vec<(u64, FdOrigin)>>,
    /// close_range calls of each process: time, and the fds it closed.
    close_ranges: HashMap<i64, Vec<(u64, RangeInclusive<i64>)>>,
    /// The fds of the capture's fd list, by process.
    listed: HashSet<(i64, i64)>,
}

/// An exec: the file name it was given, and the executable the kernel ran.
#[derive(Debug, Clone)]
pub struct Exec {
    pub filename: String,
    pub trusted: String,
}

/// A set*id call that set an effective user (`gid` false) or group id.
#[derive(Debug, Clone, Copy)]
pub struct SetId {
    pub call: &'static str,
    pub gid: bool,
}

/// What last happened to an fd number of a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FdOrigin {
    /// Made by a call sysdig 0.29.3 follows (listed fds too).
    Known,
    /// Made by a call the 2022 table has no event for (`memfd_create`,
    /// `epoll_create1`, `fanotify_init`, ...): the rewrite makes it a
    /// generic event, whose fd sysdig 0.29.3 never learns.
    Generic,
    /// Received over a unix socket (the probe's `task_file_*` events).
    Received,
    /// The target of a dup (dup2, dup3, fcntl `F_DUPFD`) whose source
    /// sysdig 0.29.3 did not know.
    DupOfUnknown,
    /// Closed.
    Closed,
}

impl Live {
    /// What sysdig's line `RAWTIME TID TYPE DIR` stands for.
    pub fn side(&self, line: &str) -> Side {
        let mut w = line.split(' ');
        let (Some(ts), Some(tid), Some(ty), Some(dir)) = (
            w.next().and_then(|t| t.parse::<u64>().ok()),
            w.next().and_then(|t| t.parse::<i64>().ok()),
            w.next(),
            w.next().and_then(|d| d.chars().next()),
        ) else {
            return Side::Compared;
        };
        let Some(originals) = self.originals.get(&(ts, tid)) else {
            return Side::Compared;
        };
        if originals.iter().any(|o| o.dir == dir && o.name == Some(ty)) {
            Side::Compared
        } else if originals.iter().any(|o| o.name.is_none()) {
            Side::Renamed
        } else if dir == '>' && originals.iter().all(|o| o.dir == '<') {
            Side::MadeEnter
        } else {
            Side::Compared
        }
    }

    /// Whether `expr` is compared with sysdig on the exit-only capture: it
    /// tests `evt.num`, a number that counts the events of a file.
    pub fn num_only(expr: &str) -> bool {
        expr.contains("evt.num")
    }

    /// The original event sysdig's line stands for.
    fn original(&self, line: &str) -> Option<&Original> {
        let mut w = line.split(' ');
        let ts = w.next()?.parse::<u64>().ok()?;
        let tid = w.next()?.parse::<i64>().ok()?;
        let name = w.next()?;
        let dir = w.next()?.chars().next()?;
        self.originals
            .get(&(ts, tid))?
            .iter()
            .find(|o| o.dir == dir && o.name == Some(name))
    }

    /// The event's number in our reading and in sysdig's of the capture.
    pub fn numbers(&self, line: &str) -> Option<(u64, u64)> {
        self.original(line).map(|o| (o.index, o.sysdig_num))
    }
}

impl Facts {
    /// The latest of `pid`'s entries of `table` at or before `ts` (per
    /// `at_or_before`), else what its parent had when it was cloned, up
    /// the tree.
    fn inherited<'f, T>(
        &'f self,
        pid: i64,
        ts: u64,
        table: impl Fn(i64) -> Option<&'f [(u64, T)]>,
        keep: impl Fn(u64, &T) -> bool,
    ) -> Option<&'f T> {
        let (mut pid, mut ts) = (pid, ts);
        for _ in 0..64 {
            let own = table(pid).and_then(|entries| {
                entries
                    .iter()
                    .rev()
                    .find(|(t, v)| *t <= ts && keep(*t, v))
                    .map(|(_, v)| v)
            });
            if own.is_some() {
                return own;
            }
            let &(parent, cloned) = self.parent.get(&pid)?;
            (pid, ts) = (parent, cloned);
        }
        None
    }

    /// The process of thread `tid`.
    pub fn pid(&self, tid: i64) -> i64 {
        self.pid_of.get(&tid).copied().unwrap_or(tid)
    }

    /// The exec whose image process `pid` runs at `ts`.
    pub fn exec(&self, pid: i64, ts: u64) -> Option<&Exec> {
        self.inherited(
            pid,
            ts,
            |p| self.execs.get(&p).map(Vec::as_slice),
            |_, _| true,
        )
    }

    /// The last call that set process `pid`'s effective group id (`gid`)
    /// or user id at or before `ts`.
    pub fn set_id(&self, pid: i64, ts: u64, gid: bool) -> Option<SetId> {
        self.inherited(
            pid,
            ts,
            |p| self.set_ids.get(&p).map(Vec::as_slice),
            |_, s| s.gid == gid,
        )
        .copied()
    }

    /// What last happened to fd `fd` of process `pid` before the event at
    /// `ts` (a close at `ts` is that event's own): a close_range that
    /// covered it counts as `None` when nothing came after it. `Some(None)`:
    /// the range closed it.
    pub fn fd_origin(&self, pid: i64, fd: i64, ts: u64) -> Option<Option<FdOrigin>> {
        if fd < 0 {
            return None;
        }
        let (mut pid, mut ts) = (pid, ts);
        for _ in 0..64 {
            let last = self.fds.get(&(pid, fd)).and_then(|v| {
                v.iter()
                    .rev()
                    .find(|(t, o)| *t < ts || (*t == ts && *o != FdOrigin::Closed))
            });
            let range = self.close_ranges.get(&pid).and_then(|v| {
                v.iter()
                    .rev()
                    .find(|(t, closed)| *t < ts && closed.contains(&fd))
            });
            match (last, range) {
                (Some((t, _)), Some((r, _))) if r > t => return Some(None),
                (Some((_, o)), _) => return Some(Some(*o)),
                (None, Some(_)) => return Some(None),
                (None, None) if self.listed.contains(&(pid, fd)) => {
                    return Some(Some(FdOrigin::Known));
                }
                (None, None) => {}
            }
            let &(parent, cloned) = self.parent.get(&pid)?;
            (pid, ts) = (parent, cloned);
        }
        None
    }

    /// Notes what one event of the original capture tells; `generic`: the
    /// rewrite made it a generic event, or dropped it.
    fn note(&mut self, ev: &Event, generic: bool) {
        let Some(info) = ev.info() else { return };
        let tid = ev.tid as i64;
        let ts = ev.ts;
        let int = |name: &str| named(ev, name).and_then(|v| int(&v));
        let res = int("res");
        match info.name {
            "clone" | "clone3" | "fork" | "vfork" if ev.direction() == Direction::Exit => {
                let flags = int("flags").unwrap_or(0);
                let thread = flags & 0x10000 != 0; // PPM_CL_CLONE_THREAD
                match res {
                    Some(0) => {
                        let pid = int("pid").unwrap_or(tid);
                        self.pid_of.insert(tid, pid);
                        if pid == tid {
                            let ptid = int("ptid").unwrap_or(-1);
                            let parent = self.pid(ptid);
                            self.parent.entry(pid).or_insert((parent, ts));
                        }
                    }
                    Some(child) if child > 0 => {
                        let caller = self.pid(tid);
                        if thread {
                            self.pid_of.insert(child, caller);
                        } else {
                            self.pid_of.insert(child, child);
                            self.parent.entry(child).or_insert((caller, ts));
                        }
                    }
                    _ => {}
                }
                return;
            }
            "execve" | "execveat" if ev.direction() == Direction::Exit && res == Some(0) => {
                let exec = Exec {
                    filename: named(ev, "filename").map(text).unwrap_or_default(),
                    trusted: named(ev, "trusted_exepath").map(text).unwrap_or_default(),
                };
                let pid = self.pid(tid);
                self.execs.entry(pid).or_default().push((ts, exec));
                return;
            }
            _ => {}
        }
        let pid = self.pid(tid);
        let set_id = match info.name {
            "setuid" => Some(("uid", false)),
            "setresuid" | "setreuid" => Some(("euid", false)),
            "setgid" => Some(("gid", true)),
            "setresgid" | "setregid" => Some(("egid", true)),
            _ => None,
        };
        if let Some((param, gid)) = set_id {
            let set = int(param).is_some_and(|id| id != i64::from(u32::MAX) && id != -1);
            if res == Some(0) && set {
                let call = info.name;
                self.set_ids
                    .entry(pid)
                    .or_default()
                    .push((ts, SetId { call, gid }));
            }
            return;
        }
        if info.name.starts_with("task_file") {
            if let Some(fd) = int("fd") {
                self.fds
                    .entry((pid, fd))
                    .or_default()
                    .push((ts, FdOrigin::Received));
            }
            return;
        }
        if ev.direction() != Direction::Exit {
            return;
        }
        if info.name == "close_range" {
            if res == Some(0)
                && let (Some(first), Some(last)) = (int("first"), int("last"))
            {
                let last = if last < 0 { i64::MAX } else { last };
                self.close_ranges
                    .entry(pid)
                    .or_default()
                    .push((ts, first..=last));
            }
            return;
        }
        if info.name == "close" {
            if res == Some(0)
                && let Some(fd) = int("fd")
            {
                self.fds
                    .entry((pid, fd))
                    .or_default()
                    .push((ts, FdOrigin::Closed));
            }
            return;
        }
        // A dup's target: unknown to sysdig when its source was.
        let dup_source = match info.name {
            "dup" | "dup2" | "dup3" => int("oldfd").or_else(|| int("fd")),
            "fcntl" if int("cmd").is_some_and(|c| FCNTL_DUPFDS.contains(&c)) => int("fd"),
            _ => None,
        };
        if let Some(source) = dup_source {
            if let Some(target) = res.filter(|r| *r >= 0) {
                let known = self.fd_origin(pid, source, ts) == Some(Some(FdOrigin::Known));
                let origin = if known {
                    FdOrigin::Known
                } else {
                    FdOrigin::DupOfUnknown
                };
                self.fds
                    .entry((pid, target))
                    .or_default()
                    .push((ts, origin));
            }
            return;
        }
        if !info.flags.contains(EventFlags::CREATES_FD) {
            return;
        }
        let origin = if generic {
            FdOrigin::Generic
        } else {
            FdOrigin::Known
        };
        let made: Vec<i64> = match info.name {
            "pipe" | "pipe2" | "socketpair" if res == Some(0) => {
                [int("fd1"), int("fd2")].into_iter().flatten().collect()
            }
            _ => res.or_else(|| int("fd")).into_iter().collect(),
        };
        for fd in made.into_iter().filter(|fd| *fd >= 0) {
            self.fds.entry((pid, fd)).or_default().push((ts, origin));
        }
    }
}

/// Parameter `name` of `ev`, by the current table.
fn named<'e>(ev: &'e Event, name: &str) -> Option<ParamValue<'e>> {
    let info = ev.info()?;
    let slot = info.params.iter().position(|p| p.name == name)?;
    ev.param(AbiRevision::Current, slot)?.ok()
}

fn int(v: &ParamValue<'_>) -> Option<i64> {
    Some(match *v {
        ParamValue::Int(i) | ParamValue::Fd(i) | ParamValue::Pid(i) | ParamValue::Errno(i) => i,
        ParamValue::Uint(u) => u as i64,
        ParamValue::Flags(f) | ParamValue::Uid(f) | ParamValue::Gid(f) => i64::from(f),
        _ => return None,
    })
}

fn text(v: ParamValue<'_>) -> String {
    match v {
        ParamValue::Str(b) | ParamValue::Path(b) | ParamValue::Bytes(b) => {
            String::from_utf8_lossy(b).into_owned()
        }
        _ => String::new(),
    }
}

/// Whether live capture can run here: root and kernel BTF. Outside CI a
/// missing one skips (said so); under CI it fails.
fn live_possible(ci: bool) -> bool {
    let root = fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .is_some_and(|l| l.split_whitespace().nth(2) == Some("0"))
    });
    let btf = Path::new("/sys/kernel/btf/vmlinux").exists();
    if root && btf {
        return true;
    }
    let why = format!("the live part needs root and kernel BTF (root: {root}, BTF: {btf})");
    assert!(!ci, "CI is set but {why}");
    sysflow_test_support::skip(why);
    false
}

/// The tools the workloads run, checked before capturing: outside CI a
/// missing one skips the live part (said so), under CI it fails.
fn tools_present(ci: bool) -> bool {
    let Some(missing) = sysflow_test_support::missing_tool(&[
        ("busybox", "true", "busybox-static"),
        ("bash", "--version", "bash"),
        ("python3", "--version", "python3"),
        ("curl", "--version", "curl"),
        ("setpriv", "--version", "util-linux"),
    ]) else {
        return true;
    };
    let why = format!("the live part's workloads need a tool: {missing}");
    assert!(!ci, "CI is set but {why}");
    sysflow_test_support::skip(why);
    false
}

/// Makes the live capture and its rewrite, or `None` where it cannot be
/// made here (skipped, said so). `SYSFLOW_FILTERS_REPLAY=FILE` takes a
/// capture kept from an earlier run (`SYSFLOW_FILTERS_KEEP=DIR`) instead.
pub fn capture(ci: bool) -> Option<Live> {
    let dir = tempfile::tempdir().expect("temp dir");
    let capture = dir.path().join("live.scap");
    let legacy = dir.path().join("legacy.scap");
    if let Some(saved) = std::env::var_os("SYSFLOW_FILTERS_REPLAY") {
        fs::copy(&saved, &capture)
            .unwrap_or_else(|e| panic!("SYSFLOW_FILTERS_REPLAY: {saved:?}: {e}"));
        println!("filters live: replaying {}", Path::new(&saved).display());
    } else {
        if !live_possible(ci) || !tools_present(ci) {
            return None;
        }
        let mut attempt = 1;
        loop {
            match record(dir.path(), &capture) {
                Ok(()) => break,
                Err(why) if attempt < CAPTURE_ATTEMPTS => {
                    println!("filters live: {why}; capturing again");
                    attempt += 1;
                }
                Err(why) => panic!("{why}, in {attempt} captures"),
            }
        }
    }
    let (originals, facts, events) = rewrite(&capture, &legacy);
    if let Some(keep) = std::env::var_os("SYSFLOW_FILTERS_KEEP") {
        let keep = PathBuf::from(keep);
        fs::create_dir_all(&keep).expect("SYSFLOW_FILTERS_KEEP");
        for f in [&capture, &legacy] {
            let to = keep.join(f.file_name().expect("a file name"));
            fs::copy(f, &to).expect("keep the capture");
        }
        println!("filters live: captures kept in {}", keep.display());
    }
    Some(Live {
        _dir: dir,
        capture,
        legacy,
        events,
        originals,
        facts,
    })
}

/// A live sysporter saving its capture, whose log lines are read as they
/// come.
struct Collector {
    child: Child,
    lines: mpsc::Receiver<String>,
    log: Vec<String>,
}

impl Collector {
    /// Starts capturing into `dir` (`live.sf`) and `scap`, and waits until
    /// the probe is attached and `/proc` scanned.
    fn start(dir: &Path, scap: &Path) -> Collector {
        let mut cmd = crate::sysporter();
        cmd.arg("-w")
            .arg(dir.join("live.sf"))
            .arg("--scap-out")
            .arg(scap)
            .args(["-G", "0", "-e", "filters"])
            // The capture matters, not its scheduling: at idle priority on
            // a saturated machine the ring fills before it is read.
            .arg("--normal-priority")
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start sysporter");
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let mut c = Collector {
            child,
            lines,
            log: Vec::new(),
        };
        let deadline = Instant::now() + START_TIMEOUT;
        while !c.log.iter().any(|l| l.contains("capturing live")) {
            let left = deadline.saturating_duration_since(Instant::now());
            match c.lines.recv_timeout(left) {
                Ok(line) => c.log.push(line),
                Err(_) => panic!("sysporter did not start capturing:\n{}", c.log.join("\n")),
            }
        }
        c
    }

    /// Stops the capture (SIGINT: the ring is read out first) and returns
    /// sysporter's closing summary line.
    fn stop(mut self) -> String {
        let pid = libc::pid_t::try_from(self.child.id()).expect("a pid");
        // SAFETY: signals the child this collector started and has not
        // reaped yet.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0, "kill -INT");
        let status = self.child.wait().expect("wait for sysporter");
        self.log.extend(self.lines.iter());
        let log = self.log.join("\n");
        assert!(status.success(), "sysporter failed ({status}):\n{log}");
        self.log
            .iter()
            .rev()
            .find(|l| l.starts_with("sysporter: read"))
            .cloned()
            .unwrap_or_else(|| panic!("no summary from sysporter:\n{log}"))
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Captures every workload into `scap`; an error when the probe lost
/// events (the host's other processes are captured too, and a burst of
/// them can overrun the ring).
fn record(dir: &Path, scap: &Path) -> Result<(), String> {
    let names = workload_names();
    let work = dir.join("work");
    let _ = fs::remove_dir_all(&work);
    // Each workload's stdio is opened before the capture starts, so that
    // the /proc scan lists it among this process's fds (as the
    // differential test does): its dup2 onto 0, 1 and 2 copies a known fd.
    let stdio: Vec<(PathBuf, File)> = names
        .iter()
        .map(|name| {
            let wd = work.join(name);
            fs::create_dir_all(&wd).expect("workload dir");
            let log = OpenOptions::new()
                .append(true)
                .create(true)
                .open(wd.join("workload.log"))
                .expect("workload log");
            (wd, log)
        })
        .collect();
    let collector = Collector::start(dir, scap);
    let started = Instant::now();
    for (name, (wd, log)) in names.iter().zip(stdio) {
        let err = log.try_clone().expect("log fd");
        let status = Command::new(std::env::current_exe().expect("this test's path"))
            .args(["--workload", name])
            .current_dir(&wd)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(err)
            .status()
            .expect("run a workload");
        let out = fs::read_to_string(wd.join("workload.log")).unwrap_or_default();
        assert!(status.success(), "workload {name} failed: {status}\n{out}");
    }
    let ran = started.elapsed();
    let summary = collector.stop();
    println!(
        "filters live: {} workloads in {:.1} s; {summary}",
        names.len(),
        ran.as_secs_f64()
    );
    if summary.contains(" 0 dropped") {
        Ok(())
    } else {
        Err(format!("the probe dropped events ({summary})"))
    }
}

/// Rewrites `capture` into `legacy` and notes every original event.
fn rewrite(capture: &Path, legacy: &Path) -> (HashMap<(u64, i64), Vec<Original>>, Facts, u64) {
    let reader = ScapReader::open(capture).expect("open the live capture");
    let file = File::create(legacy).expect("create the rewrite");
    let mut writer = ScapWriter::new(BufWriter::new(file)).expect("scap writer");
    let mut converter = LegacyConverter::new();
    let mut originals: HashMap<(u64, i64), Vec<Original>> = HashMap::new();
    let mut facts = Facts::default();
    let (mut events, mut numbered) = (0, 0);
    let mut out = Vec::new();
    for item in reader {
        let ev = match item.expect("the live capture reads back") {
            Item::Event(ev) => ev,
            Item::Process(p) => {
                facts.pid_of.insert(p.tid, p.pid);
                let p = converter.process(&p);
                writer
                    .write_item(&Item::Process(Box::new(p)))
                    .expect("write");
                continue;
            }
            Item::Fd(f) => {
                facts.listed.insert((facts.pid(f.tid), f.fd));
                writer.write_item(&Item::Fd(f)).expect("write");
                continue;
            }
            other => {
                writer.write_item(&other).expect("write");
                continue;
            }
        };
        events += 1;
        let known = ev.event_type < SYSDIG_EVENT_MAX;
        numbered += u64::from(known);
        let name = known
            .then(|| ev.type_name(AbiRevision::Sysdig0_29))
            .flatten();
        let dir = match ev.direction() {
            Direction::Enter => '>',
            Direction::Exit => '<',
        };
        originals
            .entry((ev.ts, ev.tid as i64))
            .or_default()
            .push(Original {
                name,
                dir,
                index: ev.index,
                sysdig_num: numbered,
            });
        converter.convert(&ev, &mut out);
        // Dropped, or a generic event: sysdig 0.29.3 learns nothing of it.
        let generic = out.is_empty() || out.iter().any(|e| e.event_type == GENERIC_X);
        facts.note(&ev, generic);
        for e in out.drain(..) {
            writer.write_event(&e).expect("write");
        }
    }
    writer.finish().expect("finish the rewrite");
    (originals, facts, events)
}

/// Our workload: the values the corpus names, met on this machine. A
/// python http.server on port 9000 (8080, or any free port, when taken), a
/// `healthcheck.sh` that asks it with curl (`-w '%{http_code}'`), files
/// named `tested_file?.txt` moved, edited, linked and removed, `/etc/passwd`
/// and `/etc/group` read, a directory made and removed, a command run as
/// the `daemon` user and group (uid and gid 1), and a process of ours
/// started by bash whose threads name themselves ([`corpus_threads`]).
fn corpus() {
    fs::write("index.html", "served for the filters\n").expect("index.html");
    let port = [9000u16, 8080]
        .into_iter()
        .find(|p| std::net::TcpListener::bind(("127.0.0.1", *p)).is_ok())
        .unwrap_or_else(|| {
            let any = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
            any.local_addr().expect("its address").port()
        });
    let mut server = Command::new("python3")
        .args([
            "-m",
            "http.server",
            "--bind",
            "127.0.0.1",
            &port.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start python's http.server");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < START_TIMEOUT,
            "http.server did not listen on port {port}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    fs::write(
        "healthcheck.sh",
        "#!/bin/sh\ncurl -s -o got.html -w '%{http_code}' \"http://127.0.0.1:$PORT/index.html\" > code.txt\n",
    )
    .expect("healthcheck.sh");
    let mut perms = fs::metadata("healthcheck.sh").expect("stat").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    fs::set_permissions("healthcheck.sh", perms).expect("chmod");
    // The files the daemon user writes.
    let mut perms = fs::metadata(".").expect("stat .").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o777);
    fs::set_permissions(".", perms).expect("chmod .");
    let script = r#"
        set -e
        ./healthcheck.sh
        test "$(cat code.txt)" = 200
        mkdir -p tmpdir
        echo data > tested_file1.txt
        cat tested_file1.txt /etc/passwd /etc/group > /dev/null
        mv tested_file1.txt tested_file2.txt
        sed -e s/data/changed/ tested_file2.txt > tmpdir/tested_file3.txt
        ln -s tmpdir/tested_file3.txt link.txt
        rm link.txt tested_file2.txt tmpdir/tested_file3.txt
        rmdir tmpdir
        setpriv --reuid=1 --regid=1 --clear-groups sh -c 'cat /etc/hostname > as-daemon.txt'
        "$SF_SELF" --workload corpus-threads
    "#;
    let status = Command::new("bash")
        .args(["-c", script])
        .env("PORT", port.to_string())
        .env(
            "SF_SELF",
            std::env::current_exe().expect("this test's path"),
        )
        .status()
        .expect("run bash");
    server.kill().expect("stop the server");
    server.wait().expect("wait for the server");
    assert!(status.success(), "the corpus workload's script: {status}");
}

/// Threads that name themselves (`sf-named`, then `sf-inner`, which the
/// first starts), each writing a file: libsinsp's thread fields read the
/// event's thread (its name, its parent thread), not only its process.
fn corpus_threads() {
    let named = std::thread::Builder::new()
        .name("sf-named".to_owned())
        .spawn(|| {
            let inner = std::thread::Builder::new()
                .name("sf-inner".to_owned())
                .spawn(|| fs::write("inner.txt", "from sf-inner\n").expect("inner.txt"))
                .expect("start sf-inner");
            fs::write("named.txt", "from sf-named\n").expect("named.txt");
            inner.join().expect("sf-inner");
        })
        .expect("start sf-named");
    named.join().expect("sf-named");
}
