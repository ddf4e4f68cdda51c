//! The differences between sysdig 0.29.3's selection and ours that
//! `docs/deviations.md` names (section "Filters, checked against sysdig
//! 0.29.3"), each with a rule that recognizes it from sysdig's own view of
//! the event, so that another difference on the same field still fails.
//!
//! Corpus lines whose whole meaning differs in sysdig 0.29.3 are marked in
//! the corpus instead (`refused`, `misread`, `differs`); the rules here
//! explain single events.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::corpus::Case;

/// A named deviation: its name in `docs/deviations.md`, and whether it
/// explains that `line` (an event line of sysdig's format) was selected by
/// one side only for `case` on `trace`.
pub struct Deviation {
    pub name: &'static str,
    explains: fn(&Case, &Path, &str, &mut Oracle) -> bool,
}

impl Deviation {
    pub fn explains(&self, case: &Case, trace: &Path, line: &str, oracle: &mut Oracle) -> bool {
        (self.explains)(case, trace, line, oracle)
    }
}

pub const DEVIATIONS: &[Deviation] = &[
    Deviation {
        name: "group.gid of 64 bits",
        explains: gid_high_bits,
    },
    Deviation {
        name: "connect enters with the fd only",
        explains: fd_only_connect,
    },
    Deviation {
        name: "fcntl after a duplicating fcntl",
        explains: stale_dupfd,
    },
    Deviation {
        name: "an execve's working directory",
        explains: empty_cwd,
    },
];

/// libsinsp 0.29 does not take an execve's working directory: a process
/// it made up from a clone event with an empty `cwd` keeps an empty one
/// (objectstore's healthcheck shell), where the collector's state, like
/// the reference collector's, takes the execve's (`/`). The rule: the
/// expression tests `proc.cwd` and sysdig's value for the event is empty,
/// or the event is a getcwd's exit (which sets it, after sysdig filtered).
fn empty_cwd(case: &Case, trace: &Path, line: &str, oracle: &mut Oracle) -> bool {
    // A getcwd's exit is filtered before libsinsp applies it (it names
    // the directory), and printed after.
    case.expr.contains("proc.cwd")
        && (line.ends_with(" getcwd <") || oracle.value(trace, "proc.cwd", line) == Some(""))
}

/// libsinsp 0.29 declares `group.gid` as 64 bits and reads them from the
/// thread's 32-bit gid, so the high half is whatever follows it in memory
/// (`30064771072` is gid 0 with 7 above it). The rule: the expression
/// tests `group.gid`, and sysdig's value for the event does not fit in 32
/// bits.
fn gid_high_bits(case: &Case, trace: &Path, line: &str, oracle: &mut Oracle) -> bool {
    case.expr.contains("group.gid")
        && oracle
            .value(trace, "group.gid", line)
            .and_then(|v| v.parse::<u64>().ok())
            .is_some_and(|gid| gid > u64::from(u32::MAX))
}

/// An old driver's connect enter carries only the fd. libsinsp 0.29 then
/// leaves the socket as it was; the collector's state follows the
/// reference collector, which names it after the address it last rendered
/// and forgets its destination, so the socket's name, addresses and
/// `evt.arg.fd` differ from then on. The rule: the expression tests an fd
/// field or an argument, and the event's fd (sysdig's `proc.pid` and
/// `fd.num`) had such a connect enter at or before the event.
fn fd_only_connect(case: &Case, trace: &Path, line: &str, oracle: &mut Oracle) -> bool {
    if !(case.expr.contains("fd.") || case.expr.contains("evt.arg")) {
        return false;
    }
    let Some(at) = line.split(' ').next().and_then(|t| t.parse::<u64>().ok()) else {
        return false;
    };
    let (Some(pid), Some(fd)) = (
        oracle.value(trace, "proc.pid", line).map(str::to_owned),
        oracle.value(trace, "fd.num", line).map(str::to_owned),
    ) else {
        return false;
    };
    oracle
        .query(
            trace,
            "%evt.rawtime %proc.pid %fd.num %evt.args",
            "evt.type=connect and evt.dir=\">\"",
        )
        .iter()
        .any(|l| {
            let f: Vec<&str> = l.splitn(4, ' ').collect();
            f.len() == 4
                && !f[3].contains("addr=")
                && f[1] == pid
                && f[2] == fd
                && f[0].parse::<u64>().is_ok_and(|t| t <= at)
        })
}

/// libsinsp 0.29 keeps a thread's last F_DUPFD enter for its exit, and an
/// fcntl of another command that follows finds it: the exit is parsed as
/// a duplication whose new fd is the result (`fcntl(fd, F_SETFD)`
/// returning 0 makes fd 0 a copy of fd). The event's fd number is then
/// the result, and the process's fd of that number names the copied file
/// until the capture ends (we keep the fd it was). The rule: the event is
/// such an exit, or it is about that fd of that process (or of a process
/// it forked) after it.
fn stale_dupfd(_case: &Case, trace: &Path, line: &str, oracle: &mut Oracle) -> bool {
    let mut words = line.split(' ');
    let (Some(at), Some(tid)) = (
        words.next().and_then(|t| t.parse::<u64>().ok()),
        words.next(),
    ) else {
        return false;
    };
    let bogus = stale_dupfd_exits(oracle.query(
        trace,
        "%evt.rawtime %thread.tid %proc.pid %evt.dir %evt.args",
        "evt.type=fcntl",
    ));
    if bogus.iter().any(|b| b.at == at && b.tid == tid) {
        return true;
    }
    let (Some(pid), Some(fd)) = (
        oracle.value(trace, "proc.pid", line).map(str::to_owned),
        oracle.value(trace, "fd.num", line).map(str::to_owned),
    ) else {
        return false;
    };
    let bogus: Vec<StaleDupfd> = bogus
        .into_iter()
        .filter(|b| b.fd == fd && b.at <= at)
        .collect();
    if bogus.is_empty() {
        return false;
    }
    // The process, or one it forked since (which inherited the fd).
    let parents: HashMap<String, String> = oracle
        .query(
            trace,
            "%proc.pid %proc.ppid",
            "evt.type in (clone, fork, vfork) and evt.dir=<",
        )
        .iter()
        .filter_map(|l| l.split_once(' '))
        .map(|(p, pp)| (p.to_owned(), pp.to_owned()))
        .collect();
    let mut p = pid;
    for _ in 0..64 {
        if bogus.iter().any(|b| b.pid == p) {
            return true;
        }
        match parents.get(&p) {
            Some(pp) if *pp != p => p = pp.clone(),
            _ => return false,
        }
    }
    false
}

/// An fcntl exit libsinsp 0.29 parses as a duplication it was not.
struct StaleDupfd {
    at: u64,
    tid: String,
    pid: String,
    fd: String,
}

/// The exits of fcntl calls of another command after an F_DUPFD enter on
/// the same thread, from sysdig's `fcntl` events.
fn stale_dupfd_exits(lines: &[String]) -> Vec<StaleDupfd> {
    let mut dupfd_seen: HashMap<&str, bool> = HashMap::new();
    let mut pending: HashMap<&str, bool> = HashMap::new();
    let mut out = Vec::new();
    for l in lines {
        let f: Vec<&str> = l.splitn(5, ' ').collect();
        if f.len() < 5 {
            continue;
        }
        let (tid, args) = (f[1], f[4]);
        if f[3] == ">" {
            let dup = args.contains("(F_DUPFD)") || args.contains("(F_DUPFD_CLOEXEC)");
            let seen = dupfd_seen.entry(tid).or_default();
            pending.insert(tid, !dup && *seen);
            *seen |= dup;
        } else if pending.remove(tid).unwrap_or(false) {
            let res = args.strip_prefix("res=").map(|r| {
                r.split(|c: char| !c.is_ascii_digit() && c != '-')
                    .next()
                    .unwrap_or("")
            });
            if let Some(res) = res.filter(|r| !r.is_empty() && !r.starts_with('-')) {
                out.push(StaleDupfd {
                    at: f[0].parse().unwrap_or(0),
                    tid: tid.to_owned(),
                    pid: f[2].to_owned(),
                    fd: res.to_owned(),
                });
            }
        }
    }
    out
}

/// sysdig's values of fields, per event line, fetched once per trace and
/// field in a run (nothing is kept between runs).
#[derive(Default)]
pub struct Oracle {
    values: HashMap<(PathBuf, &'static str), HashMap<String, String>>,
    queries: HashMap<(PathBuf, &'static str, &'static str), Vec<String>>,
}

impl Oracle {
    /// sysdig's `%field` for the event printed as `line`, if it has one.
    pub fn value(&mut self, trace: &Path, field: &'static str, line: &str) -> Option<&str> {
        let table = self
            .values
            .entry((trace.to_path_buf(), field))
            .or_insert_with(|| {
                let format = format!("*{}\t%{field}", crate::FORMAT);
                let out = Command::new("sysdig")
                    .arg("-r")
                    .arg(trace)
                    .args(["-p", &format])
                    .output()
                    .expect("run sysdig");
                String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .filter_map(|l| l.split_once('\t'))
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect()
            });
        table.get(line).map(String::as_str).filter(|v| *v != "<NA>")
    }

    /// sysdig's lines for `format` on the events `filter` selects.
    pub fn query(&mut self, trace: &Path, format: &'static str, filter: &'static str) -> &[String] {
        self.queries
            .entry((trace.to_path_buf(), format, filter))
            .or_insert_with(|| {
                let out = Command::new("sysdig")
                    .arg("-r")
                    .arg(trace)
                    .args(["-p", &format!("*{format}"), filter])
                    .output()
                    .expect("run sysdig");
                String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .map(str::to_owned)
                    .collect()
            })
    }
}
