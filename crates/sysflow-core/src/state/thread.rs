//! Threads as the collector sees them: identity, program, credentials, cwd,
//! container, and when they were cloned.

use std::cell::Cell;
use std::sync::Arc;

/// What libsinsp calls an unknown name.
pub(crate) const NA: &str = "<NA>";

/// One thread. Process-wide facts (program, credentials) are kept on every
/// thread, as the reference's capture library does, and read from the main thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Thread {
    pub tid: i64,
    /// Thread-group id: the main thread's tid.
    pub pid: i64,
    /// Parent thread id, -1 when unknown.
    pub ptid: i64,
    /// The parent as libsinsp 0.29's thread table keeps it, for the filter
    /// (`proc.ppid`, `proc.pname`): from the process list or the clone,
    /// never changed by an execve (whose `ptid` the records follow).
    pub clone_ptid: i64,
    pub comm: String,
    /// argv\[0\] or the exe path the driver reported.
    pub exe: String,
    /// The resolved executable path, empty when unknown.
    pub exepath: String,
    /// Shared: a clone copies its parent's, and most threads never change them.
    pub args: Arc<[String]>,
    /// The environment as the capture stores it (NUL-separated): split only
    /// when a Process record is built, which few threads ever need.
    pub env: Arc<[u8]>,
    pub cwd: String,
    /// User and group ids; `u32::MAX` when unknown.
    pub uid: u32,
    pub gid: u32,
    /// User and group names, resolved when the ids were set (as libsinsp does).
    pub user_name: String,
    pub group_name: String,
    /// When the thread was cloned (ns), 0 when it predates the capture.
    pub clone_ts: u64,
    /// Thread id inside its pid namespace.
    pub vtid: i64,
    /// Process id inside its pid namespace.
    pub vpid: i64,
    /// Controlling terminal device, 0 when none.
    pub tty: u32,
    /// Session id, -1 when unknown (the filter's `proc.sid`).
    pub sid: i64,
    /// Audit user id, `u32::MAX` for none (the filter's `user.loginuid`).
    pub loginuid: u32,
    /// Container id, empty on the host.
    pub container_id: String,
    /// When the thread last did something the records show (a clone, an
    /// exec, a flow or file event; ns), for the thread table's bound: the
    /// processes least recently active are the ones forgotten. A cell:
    /// the filter's evaluation, which reads the thread, marks it active
    /// for the processor that would otherwise look it up again.
    pub last_ts: Cell<u64>,
}

impl Thread {
    /// A thread first seen through one of its events, with nothing known about it.
    pub fn unknown(tid: i64) -> Thread {
        Thread {
            tid,
            pid: tid,
            ptid: -1,
            clone_ptid: -1,
            comm: String::new(),
            exe: String::new(),
            exepath: String::new(),
            args: Arc::from([]),
            env: Arc::from(&[][..]),
            cwd: String::new(),
            uid: u32::MAX,
            gid: u32::MAX,
            user_name: NA.into(),
            group_name: NA.into(),
            clone_ts: 0,
            vtid: -1,
            vpid: -1,
            tty: 0,
            sid: -1,
            loginuid: u32::MAX,
            container_id: String::new(),
            last_ts: Cell::new(0),
        }
    }

    /// The thread libsinsp 0.29 attributes a container event to (one it
    /// makes up, in no table): tid and pid -1, ids in its namespace -2,
    /// named `container:ID`, root, in the container.
    pub fn for_container(id: &str) -> Thread {
        Thread {
            pid: -1,
            ptid: 0,
            clone_ptid: 0,
            comm: format!("container:{id}"),
            cwd: String::new(),
            uid: 0,
            gid: 0,
            vtid: -2,
            vpid: -2,
            loginuid: 0,
            container_id: id.to_owned(),
            ..Thread::unknown(-1)
        }
    }

    pub fn is_main(&self) -> bool {
        self.tid == self.pid
    }
}

/// The container id a list of cgroup entries names, as the reference's
/// capture library derives it: the first 12 hex digits of a 64-digit
/// docker/containerd id. `cgroups` is the list as events and `/proc` items
/// carry it: `controller=path` entries, each ended by a NUL. It is scanned
/// as bytes, never split into strings: every live exec and clone carries the
/// list, and decoding each entry as text cost 3,400 instructions a list
/// (a tenth of the collector's work at 1,600 execs/s). The id and the
/// characters around it are ASCII, so bytes find what the text would.
pub(crate) fn container_id_of(cgroups: &[u8]) -> String {
    // `/docker/<id>`, `/kubepods/.../<id>`, `docker-<id>.scope`,
    // `cri-containerd-<id>.scope`, `crio-<id>.scope`: the id is a run of
    // exactly 64 hex digits between non-hex characters.
    for entry in cgroups.split(|&b| b == 0) {
        // Most host cgroups are too short to hold an id: no byte scan.
        if entry.len() < 64 {
            continue;
        }
        let path = entry
            .iter()
            .position(|&b| b == b'=')
            .map_or(entry, |at| entry.get(at + 1..).unwrap_or_default());
        if path.len() < 64 {
            continue;
        }
        let mut run = 0;
        for (i, &b) in path.iter().enumerate() {
            if b.is_ascii_hexdigit() {
                run += 1;
                continue;
            }
            if run == 64 && matches!(b, b'/' | b'.' | b'-' | b':') {
                return short_id(path.get(i - 64..i - 52));
            }
            run = 0;
        }
        if run == 64 {
            return short_id(path.get(path.len() - 64..path.len() - 52));
        }
    }
    String::new()
}

/// The 12 hex digits found, as text (ASCII, so always valid).
fn short_id(digits: Option<&[u8]>) -> String {
    digits
        .and_then(|d| std::str::from_utf8(d).ok())
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_cgroup_names_a_short_id() {
        let id = "b199b3b57988e3e14b08e95a0259000e048e894187d0326d61327a0ea5e0a2d0";
        let cg = format!("cpuset=/docker/{id}\0cpu=/\0");
        assert_eq!(container_id_of(cg.as_bytes()), "b199b3b57988");
        let scope = format!("cpu=/\0memory=/system.slice/docker-{id}.scope\0");
        assert_eq!(container_id_of(scope.as_bytes()), "b199b3b57988");
        // The last entry may lack its NUL; an id may end the path.
        let last = format!("cpu=/\0memory=/kubepods/pod1/{id}");
        assert_eq!(container_id_of(last.as_bytes()), "b199b3b57988");
        assert_eq!(container_id_of(b"cpu=/user.slice\0"), "");
        // 65 hex digits are no id, nor is one split across entries.
        let long = format!("memory=/docker/{id}0/\0");
        assert_eq!(container_id_of(long.as_bytes()), "");
        let split = format!("cpu=/docker/{}\0{}/\0", &id[..30], &id[30..]);
        assert_eq!(container_id_of(split.as_bytes()), "");
    }
}
