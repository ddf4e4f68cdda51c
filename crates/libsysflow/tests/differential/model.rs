//! The records of one workload in a form both sides can be put in: ours
//! read from the `.sf` file, and the reference's derived from libsinsp's
//! view of each event by the reference's record rules (which call makes
//! which flow operation, a flow per thread, fd and file or tuple).
//!
//! Flows are summed per key (thread, fd, and file or tuple), so that how a
//! flow was cut into records (closes, exits) does not matter; processes,
//! process events and file events are keyed by their event's time and
//! thread.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::net::Ipv4Addr;

use libsysflow::types::{OpFlags, SfObjectState, SysFlow};

use crate::oracle::SysdigEvent;

/// What a record is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// A FileFlow's thread, fd and file path.
    File { tid: i64, fd: i64, path: String },
    /// A File record (by path), whose type is the type of whatever first
    /// referred to the path: files are cached by path.
    FileObject { path: String },
    /// A NetworkFlow's thread, fd and tuple.
    Net {
        tid: i64,
        fd: i64,
        sip: Ipv4Addr,
        sport: u16,
        dip: Ipv4Addr,
        dport: u16,
        proto: i32,
    },
    /// A Process record (created or modified) at an event.
    Process { ts: u64, pid: i64 },
    /// A ProcessEvent.
    ProcEvent { ts: u64, tid: i64, op: &'static str },
    /// A FileEvent.
    FileEvent { ts: u64, tid: i64, op: &'static str },
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::File { tid, fd, path } => write!(f, "FileFlow tid {tid} fd {fd} {path}"),
            Key::FileObject { path } => write!(f, "File {path}"),
            Key::Net {
                tid,
                fd,
                sip,
                sport,
                dip,
                dport,
                proto,
            } => write!(
                f,
                "NetworkFlow tid {tid} fd {fd} {sip}:{sport}->{dip}:{dport} proto {proto}"
            ),
            Key::Process { ts, pid } => write!(f, "Process pid {pid} at {ts}"),
            Key::ProcEvent { ts, tid, op } => write!(f, "ProcessEvent {op} tid {tid} at {ts}"),
            Key::FileEvent { ts, tid, op } => write!(f, "FileEvent {op} tid {tid} at {ts}"),
        }
    }
}

/// A non-blocking connect in progress: libsinsp takes its tuple as a
/// success's.
const EINPROGRESS: i64 = 115;

/// What is compared of a record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value {
    /// A flow's operations and counters, summed over its records.
    Flow(Counts),
    /// A process as a record shows it.
    Process {
        exe: String,
        args: String,
        uid: i64,
        user: String,
        gid: i64,
        group: String,
        ppid: Option<i64>,
    },
    /// A process event's result and arguments.
    ProcEvent { ret: i64, args: Vec<String> },
    /// A file event's result and paths.
    FileEvent {
        ret: i64,
        path: String,
        new_path: Option<String>,
    },
    /// A File record's type character.
    Restype(char),
    #[default]
    None,
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Flow(c) => write!(
                f,
                "ops {} reads {}/{} B writes {}/{} B, {} opens {} closes",
                OpFlags(c.ops),
                c.r_ops,
                c.r_bytes,
                c.w_ops,
                c.w_bytes,
                c.opens,
                c.closes
            ),
            Value::Process {
                exe,
                args,
                uid,
                user,
                gid,
                group,
                ppid,
            } => write!(
                f,
                "exe {exe:?} args {args:?} uid {uid} ({user}) gid {gid} ({group}) parent {ppid:?}"
            ),
            Value::ProcEvent { ret, args } => write!(f, "ret {ret} args {args:?}"),
            Value::FileEvent {
                ret,
                path,
                new_path,
            } => write!(f, "ret {ret} {path} {new_path:?}"),
            Value::Restype(c) => write!(f, "type {c}"),
            Value::None => write!(f, "-"),
        }
    }
}

/// A workload's records, by key.
pub type Records = BTreeMap<Key, Value>;

/// The operations (without TRUNCATE, the mark of a flush) and counters
/// of a flow, and how often it was opened and closed (a key can hold
/// several flows, one after the other).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub ops: i32,
    pub r_ops: i64,
    pub r_bytes: i64,
    pub w_ops: i64,
    pub w_bytes: i64,
    pub opens: i64,
    pub closes: i64,
}

impl Counts {
    /// One record's worth.
    fn of_record(ops: OpFlags, r_ops: i64, r_bytes: i64, w_ops: i64, w_bytes: i64) -> Counts {
        let ops = ops.0 & !OpFlags::TRUNCATE.0;
        Counts {
            ops,
            r_ops,
            r_bytes,
            w_ops,
            w_bytes,
            opens: i64::from(ops & OpFlags::OPEN.0 != 0),
            closes: i64::from(ops & OpFlags::CLOSE.0 != 0),
        }
    }

    /// One call's worth: operation `op` with result `ret`.
    fn of_call(op: OpFlags, ret: i64) -> Counts {
        let (reads, writes) = (op == OpFlags::READ_RECV, op == OpFlags::WRITE_SEND);
        Counts {
            ops: op.0,
            r_ops: i64::from(reads),
            r_bytes: if reads { ret.max(0) } else { 0 },
            w_ops: i64::from(writes),
            w_bytes: if writes { ret.max(0) } else { 0 },
            opens: i64::from(op == OpFlags::OPEN),
            closes: i64::from(op == OpFlags::CLOSE),
        }
    }
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            ops: self.ops | o.ops,
            r_ops: self.r_ops + o.r_ops,
            r_bytes: self.r_bytes + o.r_bytes,
            w_ops: self.w_ops + o.w_ops,
            w_bytes: self.w_bytes + o.w_bytes,
            opens: self.opens + o.opens,
            closes: self.closes + o.closes,
        }
    }
}

/// The File record of `path` is of type `restype`, unless one was noted
/// before (the first reference makes the record). Unnamed fds (pipes, socket
/// pairs) all share the File of the empty path, so its type is not compared.
fn note_file(records: &mut Records, path: &str, restype: char) {
    if !path.is_empty() {
        records
            .entry(Key::FileObject {
                path: path.to_owned(),
            })
            .or_insert(Value::Restype(restype));
    }
}

/// Adds `add` to the flow of `key`.
fn add_flow(records: &mut Records, key: Key, add: Counts) {
    let v = records.entry(key).or_insert(Value::Flow(Counts::default()));
    if let Value::Flow(c) = v {
        *c = *c + add;
    }
}

fn ip(raw: i32) -> Ipv4Addr {
    Ipv4Addr::from(raw.to_le_bytes())
}

/// Our records of the processes `pids`.
pub fn ours(records: &[SysFlow], pids: &HashSet<i64>) -> Records {
    let files: HashMap<_, _> = records
        .iter()
        .filter_map(|r| match r {
            SysFlow::File(f) => Some((f.oid, (f.path.clone(), f.restype as u8 as char))),
            _ => None,
        })
        .collect();
    let mut out = Records::new();
    for r in records {
        match r {
            SysFlow::FileFlow(f) if pids.contains(&f.proc_oid.hpid) => {
                let (path, restype) = files.get(&f.file_oid).cloned().unwrap_or_default();
                note_file(&mut out, &path, restype);
                let key = Key::File {
                    tid: f.tid,
                    fd: i64::from(f.fd),
                    path,
                };
                let add = Counts::of_record(
                    f.op_flags,
                    f.num_r_recv_ops,
                    f.num_r_recv_bytes,
                    f.num_w_send_ops,
                    f.num_w_send_bytes,
                );
                add_flow(&mut out, key, add);
            }
            SysFlow::NetworkFlow(n) if pids.contains(&n.proc_oid.hpid) => {
                let key = Key::Net {
                    tid: n.tid,
                    fd: i64::from(n.fd),
                    sip: ip(n.sip),
                    sport: n.sport as u16,
                    dip: ip(n.dip),
                    dport: n.dport as u16,
                    proto: n.proto,
                };
                let add = Counts::of_record(
                    n.op_flags,
                    n.num_r_recv_ops,
                    n.num_r_recv_bytes,
                    n.num_w_send_ops,
                    n.num_w_send_bytes,
                );
                add_flow(&mut out, key, add);
            }
            SysFlow::Process(p)
                if pids.contains(&p.oid.hpid)
                    && matches!(p.state, SfObjectState::Created | SfObjectState::Modified) =>
            {
                out.insert(
                    Key::Process {
                        ts: p.ts as u64,
                        pid: p.oid.hpid,
                    },
                    Value::Process {
                        exe: p.exe.clone(),
                        args: p.exe_args.clone(),
                        uid: i64::from(p.uid),
                        user: p.user_name.clone(),
                        gid: i64::from(p.gid),
                        group: p.group_name.clone(),
                        ppid: p.poid.map(|o| o.hpid),
                    },
                );
            }
            SysFlow::ProcessEvent(e) if pids.contains(&e.proc_oid.hpid) => {
                out.insert(
                    Key::ProcEvent {
                        ts: e.ts as u64,
                        tid: e.tid,
                        op: op_name(e.op_flags),
                    },
                    Value::ProcEvent {
                        ret: i64::from(e.ret),
                        args: e.args.clone(),
                    },
                );
            }
            SysFlow::FileEvent(e) if pids.contains(&e.proc_oid.hpid) => {
                for oid in std::iter::once(e.file_oid).chain(e.new_file_oid) {
                    if let Some((path, restype)) = files.get(&oid) {
                        note_file(&mut out, path, *restype);
                    }
                }
                let path = |oid| files.get(&oid).map(|(p, _)| p.clone()).unwrap_or_default();
                out.insert(
                    Key::FileEvent {
                        ts: e.ts as u64,
                        tid: e.tid,
                        op: op_name(e.op_flags),
                    },
                    Value::FileEvent {
                        ret: i64::from(e.ret),
                        path: path(e.file_oid),
                        new_path: e.new_file_oid.map(path),
                    },
                );
            }
            _ => {}
        }
    }
    out
}

fn op_name(op: OpFlags) -> &'static str {
    [
        (OpFlags::CLONE, "CLONE"),
        (OpFlags::EXEC, "EXEC"),
        (OpFlags::EXIT, "EXIT"),
        (OpFlags::SETUID, "SETUID"),
        (OpFlags::MKDIR, "MKDIR"),
        (OpFlags::RMDIR, "RMDIR"),
        (OpFlags::LINK, "LINK"),
        (OpFlags::UNLINK, "UNLINK"),
        (OpFlags::SYMLINK, "SYMLINK"),
        (OpFlags::RENAME, "RENAME"),
    ]
    .iter()
    .find(|(o, _)| *o == op)
    .map_or("?", |(_, n)| n)
}

/// The flow operation the reference makes of a syscall exit (or, for
/// mmap, its enter).
fn flow_op(e: &SysdigEvent) -> Option<OpFlags> {
    let op = match (e.ty.as_str(), e.enter) {
        // The reference makes no flow operation of openat2 or creat (a
        // deviation of ours, see `deviations.rs`).
        ("open" | "openat", false) => OpFlags::OPEN,
        ("accept" | "accept4", false) => OpFlags::ACCEPT,
        ("connect", false) => OpFlags::CONNECT,
        ("close", false) => OpFlags::CLOSE,
        (
            "read" | "readv" | "pread" | "preadv" | "recv" | "recvfrom" | "recvmsg" | "recvmmsg",
            false,
        ) => OpFlags::READ_RECV,
        (
            "write" | "writev" | "pwrite" | "pwritev" | "send" | "sendto" | "sendmsg" | "sendmmsg",
            false,
        ) => OpFlags::WRITE_SEND,
        ("shutdown", false) => OpFlags::SHUTDOWN,
        ("setns", false) => OpFlags::SETNS,
        ("mmap" | "mmap2", true) => OpFlags::MMAP,
        _ => return None,
    };
    Some(op)
}

/// What the reference would count as flow operations on thread `tid`'s fd
/// `fd` (whatever libsinsp knows of it) from the events after time `ts`
/// up to the fd's next close (included): every call on it, by its result.
pub fn calls_after(events: &[SysdigEvent], tid: i64, fd: i64, ts: u64) -> Counts {
    let mut counts = Counts::default();
    for e in events.iter().filter(|e| e.tid == tid && e.ts > ts) {
        let Some(op) = flow_op(e).filter(|_| !e.enter && e.fd == Some(fd)) else {
            continue;
        };
        counts = counts + Counts::of_call(op, e.res.unwrap_or(0));
        if op == OpFlags::CLOSE {
            break;
        }
    }
    counts
}

/// The reference's records of events `events` (all of one workload's
/// threads, in order), from libsinsp's state as sysdig resolved it.
pub fn reference(events: &[SysdigEvent]) -> Records {
    let mut out = Records::new();
    let mut sockets = Sockets::default();
    for e in events {
        sockets.note(e);
        if let Some(op) = flow_op(e) {
            // sysdig names no fd at a failed connect's exit (it shows the
            // call's address): the fd is as its enter left it.
            let e = match (e.ty.as_str(), e.res) {
                ("connect", Some(r)) if r < 0 && r != -EINPROGRESS => {
                    enter_of(events, e).unwrap_or(e)
                }
                _ => e,
            };
            reference_flow(&mut out, e, op, &sockets);
            continue;
        }
        let res = e.res.unwrap_or(-1);
        let (pev, file_ev) = match (e.ty.as_str(), e.enter) {
            // Nor events of clone3 or execveat (deviations of ours).
            ("clone" | "fork" | "vfork", false) => (Some("CLONE"), None),
            ("execve", false) => (Some("EXEC"), None),
            ("procexit", true) => (Some("EXIT"), None),
            ("setuid" | "setresuid", false) => (Some("SETUID"), None),
            ("mkdir" | "mkdirat", false) => (None, Some("MKDIR")),
            ("rmdir", false) => (None, Some("RMDIR")),
            ("unlink" | "unlinkat", false) => (None, Some("UNLINK")),
            ("link" | "linkat", false) => (None, Some("LINK")),
            ("symlink" | "symlinkat", false) => (None, Some("SYMLINK")),
            ("rename" | "renameat" | "renameat2", false) => (None, Some("RENAME")),
            _ => (None, None),
        };
        if let Some(op) = pev {
            reference_process_event(&mut out, events, e, op, res);
        }
        if let Some(op) = file_ev {
            reference_file_event(&mut out, events, e, op, res);
        }
    }
    out
}

/// What sysdig does not show of IPv4 sockets without a role (no connect
/// succeeded, none was accepted, no datagram went through): it prints no
/// tuple for them, but libsinsp keeps one, which the reference writes:
/// nothing but the destination a connect's enter gave it.
#[derive(Default)]
struct Sockets {
    /// `(pid, fd)`: the address of the last connect on it.
    dest: HashMap<(i64, i64), (Ipv4Addr, u16)>,
}

impl Sockets {
    fn note(&mut self, e: &SysdigEvent) {
        match (e.ty.as_str(), e.enter) {
            ("connect", true) => {
                let Some(fd) = e.param("fd").and_then(|(raw, _)| raw.parse().ok()) else {
                    return;
                };
                let addr = e
                    .param("addr")
                    .and_then(|(raw, _)| raw.parse::<std::net::SocketAddrV4>().ok());
                match addr {
                    Some(a) => self.dest.insert((e.pid, fd), (*a.ip(), a.port())),
                    None => self.dest.remove(&(e.pid, fd)),
                };
            }
            ("socket" | "accept" | "accept4" | "dup", false) => {
                if let Some(fd) = e.res {
                    self.dest.remove(&(e.pid, fd));
                }
            }
            _ => {}
        }
    }

    /// The tuple libsinsp keeps for a role-less socket.
    fn hidden_tuple(&self, pid: i64, fd: i64) -> (Ipv4Addr, u16, Ipv4Addr, u16) {
        let (dip, dport) = self
            .dest
            .get(&(pid, fd))
            .copied()
            .unwrap_or((Ipv4Addr::UNSPECIFIED, 0));
        (Ipv4Addr::UNSPECIFIED, 0, dip, dport)
    }
}

fn reference_flow(out: &mut Records, e: &SysdigEvent, op: OpFlags, sockets: &Sockets) {
    let (fd, typechar, name, ty) = if op == OpFlags::MMAP {
        // The enter's fd argument, resolved by sysdig: `3(<f>/path)`.
        if e.param("flags")
            .is_some_and(|(_, r)| r.is_some_and(|r| r.contains("MAP_ANONYMOUS")))
        {
            return;
        }
        let Some((raw, Some(resolved))) = e.param("fd") else {
            return;
        };
        let Some(rest) = resolved.strip_prefix('<') else {
            return;
        };
        let Some((t, name)) = rest.split_once('>') else {
            return;
        };
        let Ok(fd) = raw.parse::<i64>() else { return };
        (fd, t.chars().next(), Some(name.to_owned()), None)
    } else {
        let fd = match op {
            OpFlags::OPEN | OpFlags::ACCEPT => e.res.filter(|&r| r >= 0),
            _ => e.fd,
        };
        let Some(fd) = fd else { return };
        (fd, e.fd_typechar, e.fd_name.clone(), e.fd_type.clone())
    };
    let ret = if op == OpFlags::MMAP {
        0
    } else {
        e.res.unwrap_or(0)
    };
    match typechar {
        Some(c @ ('f' | 'd' | 'u' | 'p')) => {
            let Some(path) = name else { return };
            note_file(out, &path, c);
            let key = Key::File {
                tid: e.tid,
                fd,
                path,
            };
            add_flow(out, key, Counts::of_call(op, ret));
        }
        Some('4') if ty.as_deref() == Some("ipv4") => {
            let (cip, cport, sip, sport) = match (&e.client, &e.server) {
                (Some((cip, cport)), Some((sip, sport))) => {
                    let (Ok(cip), Ok(sip)) = (cip.parse(), sip.parse()) else {
                        return;
                    };
                    (cip, *cport, sip, *sport)
                }
                // A server socket (bound to a port): no flow.
                (None, Some(_)) => return,
                _ => sockets.hidden_tuple(e.pid, fd),
            };
            let proto = match e.l4proto.as_deref() {
                Some("tcp") => 6,
                Some("udp") => 17,
                Some("icmp") => 1,
                Some("raw") => 254,
                _ => -1,
            };
            let key = Key::Net {
                tid: e.tid,
                fd,
                sip: cip,
                sport: cport,
                dip: sip,
                dport: sport,
                proto,
            };
            add_flow(out, key, Counts::of_call(op, ret));
        }
        _ => {}
    }
}

/// The enter event of exit `e` (the same thread's previous event).
fn enter_of<'e>(events: &'e [SysdigEvent], e: &SysdigEvent) -> Option<&'e SysdigEvent> {
    events
        .iter()
        .rev()
        .skip_while(|x| x.num != e.num)
        .skip(1)
        .find(|x| x.tid == e.tid)
        .filter(|x| x.enter && x.ty == e.ty)
}

fn reference_process_event(
    out: &mut Records,
    events: &[SysdigEvent],
    e: &SysdigEvent,
    op: &'static str,
    res: i64,
) {
    let mut args = Vec::new();
    let mut ret = res;
    if op == "SETUID" {
        // The reference renders the enter's `uid` as a user name (setresuid's
        // enter has none).
        let uid = enter_of(events, e).and_then(|x| x.param("uid"));
        args.push(match uid {
            Some((_, Some(name))) => name.to_owned(),
            Some((raw, None)) => raw.to_owned(),
            None => String::new(),
        });
    }
    if op == "EXIT" {
        ret = e
            .param("status")
            .and_then(|(raw, _)| raw.parse().ok())
            .unwrap_or(-1);
    }
    out.insert(
        Key::ProcEvent {
            ts: e.ts,
            tid: e.tid,
            op,
        },
        Value::ProcEvent { ret, args },
    );
    // The process the event creates or changes, as the record shows it: a
    // clone's only in the new process, not for a new thread.
    let new_process = op == "CLONE" && res == 0 && e.pid == e.tid;
    if new_process || op == "EXEC" || op == "SETUID" {
        let exe = match &e.exepath {
            Some(p) if !p.is_empty() && p != "<NA>" => p.clone(),
            _ => e.exe.clone().unwrap_or_default(),
        };
        out.insert(
            Key::Process {
                ts: e.ts,
                pid: e.pid,
            },
            Value::Process {
                exe,
                args: e.args.clone().unwrap_or_default(),
                uid: e.uid.unwrap_or(-1),
                user: e.user.clone().unwrap_or_default(),
                gid: e.gid.unwrap_or(-1),
                group: e.group.clone().unwrap_or_default(),
                ppid: e.ppid,
            },
        );
    }
}

/// A path as the reference writes it: absolute, `.` and `..` folded.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn reference_file_event(
    out: &mut Records,
    events: &[SysdigEvent],
    e: &SysdigEvent,
    op: &'static str,
    res: i64,
) {
    // Each path parameter as sysdig resolves it (relative ones against the
    // cwd or the dirfd), made absolute as the reference does.
    let resolved = |name: &str| -> Option<String> {
        let (raw, res) = e
            .param(name)
            .or_else(|| enter_of(events, e).and_then(|x| x.param(name)))?;
        Some(normalize(res.unwrap_or(raw)))
    };
    let (path, new_path) = match op {
        "MKDIR" | "RMDIR" | "UNLINK" => (resolved("path").or_else(|| resolved("name")), None),
        "LINK" | "RENAME" => (resolved("oldpath"), resolved("newpath")),
        // The reference resolves symlink's target against the working
        // directory, and keeps symlinkat's as it is.
        "SYMLINK" => {
            let target = e.param("target").map(|(raw, _)| raw.to_owned());
            let target = match (e.ty.as_str(), target) {
                ("symlink", Some(t)) if !t.starts_with('/') => Some(normalize(&format!(
                    "{}/{t}",
                    e.cwd.clone().unwrap_or_default()
                ))),
                (_, t) => t,
            };
            (target, resolved("linkpath"))
        }
        _ => (None, None),
    };
    // The files it names: directories for mkdir and rmdir, of no known
    // type otherwise.
    let first_type = if matches!(op, "MKDIR" | "RMDIR") {
        'd'
    } else {
        '?'
    };
    if let Some(p) = &path {
        note_file(out, p, first_type);
    }
    if let Some(p) = &new_path {
        note_file(out, p, '?');
    }
    out.insert(
        Key::FileEvent {
            ts: e.ts,
            tid: e.tid,
            op,
        },
        Value::FileEvent {
            ret: res,
            path: path.unwrap_or_default(),
            new_path,
        },
    );
}
