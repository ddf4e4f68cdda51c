//! The state the reference's capture library (libsinsp) keeps and the
//! collector reads: threads, fd tables, users, groups and containers, seeded
//! from a capture's lists and kept current by events.
//!
//! Updates follow libsinsp's order: an event changes the state before the
//! record processors see it, except that a closed fd and an exited thread stay
//! visible to the processors of their own event and go afterwards
//! ([`State::after`]).

mod container;
mod fd;
mod fd_table;
mod path;
mod sockets;
mod thread;
mod users;

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use sysflow_capture::{FdEntry, FdInfo, Item, ProcessEntry};

pub(crate) use container::ContainerInfo;
pub(crate) use fd::{Fd, FdKind, ipv4_name};
use path::with_slash;
pub(crate) use path::{resolve, resolve_event_path, resolve_shared};
use thread::NA;
pub(crate) use thread::Thread;

use crate::event::{Ev, Kind, lossy, split_list, split_list_borrowed};
use fd::FdTable;
use sockets::scap_l4_to_ip;
use thread::container_id_of;
use users::{id_name, name_or_na};

/// `AT_FDCWD`: a dirfd meaning "the working directory".
pub(crate) const AT_FDCWD: i64 = -100;

/// Clone flag (Falco's encoding): the new task is a thread of the caller's process.
const PPM_CL_CLONE_THREAD: i64 = 1 << 13;
/// Clone flag (Falco's encoding): the new task shares the caller's fd table.
const PPM_CL_CLONE_FILES: i64 = 1;
/// `PPM_O_DIRECTORY`.
const PPM_O_DIRECTORY: u32 = 1 << 10;
/// Threads, fds, users, groups and containers.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub threads: HashMap<i64, Box<Thread>>,
    /// Fd tables by process id (the main thread's tid).
    fds: HashMap<i64, FdTable>,
    /// User names by (container id, uid); the host is the empty container id.
    /// By container id, then id: looked up by `&str` without building a key
    /// (every clone and exec looks names up).
    users: HashMap<String, HashMap<u32, String>>,
    groups: HashMap<String, HashMap<u32, String>>,
    pub containers: HashMap<String, ContainerInfo>,
    /// What each thread's last enter event carried, for its exit.
    entered: HashMap<i64, Entered>,
    /// libsinsp renders some parameters into one text buffer that every event
    /// reuses, and names a new unix socket after whatever it last held when
    /// an old driver's connect enter carries only the fd. The reference
    /// collector writes to it too (a setuid's uid). This is that buffer.
    pub rendered: String,
    /// The file name of each thread's pending execve (not `Copy`, so kept apart).
    exec_filename: HashMap<i64, String>,
    /// Processes whose main thread exited, whose fd tables go once no thread
    /// of theirs is left (see [`State::sweep_fd_tables`]).
    exited_pids: HashSet<i64>,
}

/// Exited processes checked for leftover threads in one pass over the
/// thread table. Checking at every exit walked every thread of the host for
/// each exit, 8% of the collector's time at 1,600 execs/s; every 64 exits,
/// still 4%.
const EXITED_SWEEP: usize = 1024;

/// Arguments of a thread's last enter event that its exit event lacks.
#[derive(Debug, Default, Clone, Copy)]
struct Entered {
    /// The fd the call operates on.
    fd: Option<i64>,
    /// fcntl's command.
    fcntl_cmd: Option<i64>,
    /// The uid setuid/setresuid asked for.
    uid: Option<i64>,
    /// socket's domain.
    domain: Option<i64>,
    /// socket's type (stream, datagram, raw), flags included.
    sock_type: Option<i64>,
    /// The gid setgid/setresgid asked for.
    gid: Option<i64>,
}

impl State {
    /// Seeds the state from a capture's metadata item; false for events.
    pub fn seed(&mut self, item: &Item) -> bool {
        match item {
            Item::Process(p) => self.add_listed_process(p),
            Item::Fd(fd) => self.add_listed_fd(fd),
            Item::User(u) => {
                self.users
                    .entry(String::new())
                    .or_default()
                    .insert(u.uid, String::from_utf8_lossy(&u.name).into_owned());
            }
            Item::Group(g) => {
                self.groups
                    .entry(String::new())
                    .or_default()
                    .insert(g.gid, String::from_utf8_lossy(&g.name).into_owned());
            }
            Item::Event(_) => return false,
            _ => {}
        }
        true
    }

    fn add_listed_process(&mut self, p: &ProcessEntry) {
        let text = |b: &[u8]| lossy(b).into_owned();
        // A concatenated capture lists the same threads again in each
        // section: the shared argument and environment lists of the thread
        // listed before are kept when unchanged instead of copied anew.
        let old = self.threads.get(&p.tid);
        let args = match old {
            Some(t)
                if t.args
                    .iter()
                    .map(String::as_str)
                    .eq(split_list_borrowed(&p.args)) =>
            {
                Arc::clone(&t.args)
            }
            _ => split_list(&p.args).into(),
        };
        let env_bytes = p.env.as_deref().unwrap_or_default();
        let env = match old {
            Some(t) if *t.env == *env_bytes => Arc::clone(&t.env),
            _ => env_bytes.into(),
        };
        let thread = Thread {
            tid: p.tid,
            pid: p.pid,
            ptid: p.ptid,
            comm: text(&p.comm),
            exe: text(&p.exe),
            exepath: p.exepath.as_deref().map(text).unwrap_or_default(),
            args,
            env,
            cwd: with_slash(text(&p.cwd)),
            uid: p.uid,
            gid: p.gid,
            // libsinsp builds its thread table before it imports the user
            // list, so listed threads only know root by name.
            user_name: name_or_na(None, p.uid).to_owned(),
            group_name: name_or_na(None, p.gid).to_owned(),
            clone_ts: 0,
            vtid: p.vtid.unwrap_or(p.tid),
            vpid: p.vpid.unwrap_or(p.pid),
            tty: p.tty.unwrap_or(0),
            container_id: container_id_of(split_list_borrowed(
                p.cgroups.as_deref().unwrap_or_default(),
            )),
        };
        self.threads.insert(p.tid, Box::new(thread));
    }

    fn add_listed_fd(&mut self, e: &FdEntry) {
        // Straight into the shared name: one allocation, no String between.
        let text = |b: &[u8]| -> Arc<str> { Arc::from(&*lossy(b)) };
        let fd = match &e.info {
            FdInfo::File {
                open_flags, name, ..
            } => Fd {
                kind: if open_flags & PPM_O_DIRECTORY != 0 {
                    FdKind::Directory
                } else {
                    FdKind::File
                },
                name: text(name),
                open_flags: *open_flags,
                foid: None,
                written_in: None,
            },
            FdInfo::Named { name } => {
                let kind = match e.fd_type {
                    1 => FdKind::File,
                    2 => FdKind::Directory,
                    7 => FdKind::Pipe,
                    9 => FdKind::Other(b'e'),
                    10 => FdKind::Other(b's'),
                    11 => FdKind::Other(b'l'),
                    12 => FdKind::Other(b'i'),
                    13 => FdKind::Other(b't'),
                    14 => FdKind::Other(b'n'),
                    _ => FdKind::Other(b'o'),
                };
                Fd::new(kind, text(name))
            }
            FdInfo::Ipv4Socket {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            } => {
                let (s, d) = (
                    u32::from_le_bytes(sip.octets()),
                    u32::from_le_bytes(dip.octets()),
                );
                Fd::new(
                    FdKind::Ipv4 {
                        sip: s,
                        sport: *sport,
                        dip: d,
                        dport: *dport,
                        proto: scap_l4_to_ip(*l4proto),
                    },
                    ipv4_name(s, *sport, d, *dport),
                )
            }
            FdInfo::Ipv4Server { ip, port, l4proto } => {
                let a = u32::from_le_bytes(ip.octets());
                Fd::new(
                    FdKind::Ipv4 {
                        sip: 0,
                        sport: 0,
                        dip: a,
                        dport: *port,
                        proto: scap_l4_to_ip(*l4proto),
                    },
                    format!("{}:{port}", ip),
                )
            }
            FdInfo::Ipv6Socket { .. } | FdInfo::Ipv6Server { .. } => {
                Fd::new(FdKind::Ipv6, String::new())
            }
            FdInfo::Unix { name, .. } => Fd::new(FdKind::Unix, text(name)),
            _ => Fd::new(FdKind::Other(b'o'), String::new()),
        };
        self.fds.entry(e.tid).or_default().insert(e.fd, fd);
    }

    /// The thread of an event, created with nothing known if it is new.
    pub fn thread_mut(&mut self, tid: i64) -> &mut Thread {
        if !self.threads.contains_key(&tid) {
            self.forget_exited(tid);
        }
        self.threads
            .entry(tid)
            .or_insert_with(|| Box::new(Thread::unknown(tid)))
    }

    /// The main thread of `tid`'s process (the thread itself if its main thread is unknown).
    pub fn main_thread(&self, tid: i64) -> Option<&Thread> {
        let t = self.threads.get(&tid)?;
        // Most events come from main threads: no second lookup for those.
        if t.pid == tid {
            return Some(t);
        }
        Some(self.threads.get(&t.pid).unwrap_or(t))
    }

    /// The fd table of `tid`'s process.
    fn fd_table_mut(&mut self, tid: i64) -> &mut FdTable {
        let pid = match self.threads.get(&tid) {
            Some(t) => t.pid,
            None => {
                self.forget_exited(tid);
                tid
            }
        };
        self.fds.entry(pid).or_default()
    }

    /// Fd `fd` of thread `tid`'s process.
    pub fn fd(&self, tid: i64, fd: i64) -> Option<&Fd> {
        let pid = match self.threads.get(&tid) {
            Some(t) => t.pid,
            // An unknown thread under the id of an exited process is not
            // that process: its table waits for the sweep only for the
            // exited process's own threads.
            None if self.exited_pids.contains(&tid) => return None,
            None => tid,
        };
        self.fds.get(&pid)?.get(&fd)
    }

    /// Remembers the FOID of the file fd `fd` of `tid` names.
    /// `segment` is the file cache's current segment: `foid`'s file is
    /// written in it (see [`Fd::written_in`]). An fd that already names
    /// another FOID keeps it.
    pub fn set_fd_foid(&mut self, tid: i64, fd: i64, foid: sysflow_types::Foid, segment: u64) {
        if let Some(f) = self.fd_table_mut(tid).get_mut(&fd) {
            let kept = *f.foid.get_or_insert(foid);
            if kept == foid {
                f.written_in = Some(segment);
            }
        }
    }

    /// Applies an event to the state, before the record processors see it.
    pub fn before(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        match ev.kind {
            Kind::CloneX => self.clone_exit(ev),
            Kind::ExecveX => self.execve_exit(ev),
            Kind::SetuidX | Kind::SetresuidX => self.setuid_exit(ev),
            Kind::SetuidE => self.setuid_enter(ev),
            Kind::SetgidE => self.setgid_enter(ev),
            Kind::SetgidX => self.setgid_exit(ev),
            Kind::ExecveE => {
                if let Some(f) = ev.text("filename") {
                    self.exec_filename.insert(tid, f);
                }
            }
            Kind::SetresuidE => self.setresuid_enter(ev),
            Kind::OpenX => self.open_exit(ev),
            Kind::DupX => self.dup_exit(ev),
            Kind::FcntlX => self.fcntl_exit(ev),
            Kind::FcntlE => self.fcntl_enter(ev),
            Kind::PipeX => self.pipe_exit(ev),
            Kind::SocketX => self.socket_exit(ev),
            Kind::SocketpairX => self.socketpair_exit(ev),
            Kind::ConnectE => self.connect_enter(ev),
            Kind::ConnectX => self.connect_exit(ev),
            Kind::BindX => self.bind_exit(ev),
            Kind::AcceptX => self.accept_exit(ev),
            Kind::ChdirX => self.chdir_exit(ev),
            Kind::FchdirX => self.fchdir_exit(ev),
            Kind::OtherFdX(c) => self.other_fd_exit(ev, c),
            Kind::Container => self.container_event(ev),
            Kind::UserAdded => self.user_added(ev),
            Kind::GroupAdded => self.group_added(ev),
            _ => self.enter(ev),
        }
    }

    /// Remembers what enter events carry for their exits (the fd of an
    /// operation whose exit lacks it, a socket's domain).
    fn enter(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        // Only system calls count: a context switch or signal delivered
        // between a call's enter and exit must not change what the exit sees.
        if !ev.is_syscall_enter() {
            return;
        }
        let e = self.entered.entry(tid).or_default();
        e.fd = ev.fd_param();
        if ev.has_domain() {
            e.domain = ev.int("domain");
            e.sock_type = ev.int("type");
        }
    }

    /// Applies what must wait until the processors have seen the event.
    pub fn after(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        match ev.kind {
            Kind::CloseX => self.close_exit(ev),
            Kind::ProcExit => {
                if let Some(t) = self.threads.remove(&tid) {
                    self.entered.remove(&tid);
                    self.exec_filename.remove(&tid);
                    // While the main thread lives, so does the fd table.
                    if !self.threads.contains_key(&t.pid)
                        && self.exited_pids.insert(t.pid)
                        && self.exited_pids.len() >= EXITED_SWEEP
                    {
                        self.sweep_fd_tables();
                    }
                }
            }
            _ => {}
        }
    }

    /// Drops the fd tables of exited processes that have no thread left.
    fn sweep_fd_tables(&mut self) {
        let mut exited = std::mem::take(&mut self.exited_pids);
        for t in self.threads.values() {
            if exited.remove(&t.pid) && exited.is_empty() {
                break;
            }
        }
        for pid in exited {
            self.fds.remove(&pid);
        }
    }

    /// A new process takes `pid`: an exited process's table under the same
    /// id, not yet swept, must not pass for the new one's.
    fn forget_exited(&mut self, pid: i64) {
        if self.exited_pids.remove(&pid) {
            self.fds.remove(&pid);
        }
    }

    /// The fd an event's exit applies to: its `fd` parameter, or the one its enter carried.
    pub fn event_fd(&self, ev: &Ev<'_>) -> Option<i64> {
        ev.fd_param().or_else(|| self.entered_fd(ev.tid()))
    }

    fn entered_fd(&self, tid: i64) -> Option<i64> {
        self.entered.get(&tid).and_then(|e| e.fd)
    }

    /// Applies `f` to every known thread of `tid`'s process (credentials and
    /// the working directory are per process in libsinsp's view).
    fn for_process(&mut self, tid: i64, mut f: impl FnMut(&mut Thread)) {
        let pid = self.threads.get(&tid).map_or(tid, |t| t.pid);
        for t in self
            .threads
            .values_mut()
            .filter(|t| t.pid == pid || t.tid == tid)
        {
            f(t);
        }
    }

    fn clone_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        let Some(res) = ev.ret() else { return };
        if res < 0 {
            return;
        }
        let flags = ev.int("flags").unwrap_or(0);
        let child_tid = if res == 0 { tid } else { res };
        // The first of the two exit events (parent's or child's) creates the
        // child; the second finds it and changes nothing.
        if res == 0
            && let Some(t) = self.threads.get_mut(&tid).filter(|t| t.clone_ts != 0)
        {
            // Only the child knows its ids inside its pid namespace.
            t.vtid = ev.int("vtid").unwrap_or(t.vtid);
            t.vpid = ev.int("vpid").unwrap_or(t.vpid);
            return;
        }
        if res > 0 && self.threads.contains_key(&child_tid) {
            return;
        }
        // A caller inside a pid namespace gets the child's id in that
        // namespace, which names no host thread: wait for the child's event.
        if res > 0
            && self
                .threads
                .get(&tid)
                .is_some_and(|t| t.vtid > 0 && t.vtid != t.tid)
        {
            return;
        }
        let parent_tid = if res == 0 {
            ev.int("ptid").unwrap_or(-1)
        } else {
            tid
        };
        let is_thread = flags & PPM_CL_CLONE_THREAD != 0;
        // A thread's parent, for libsinsp, is its process's main thread.
        let parent_tid = if res == 0 && is_thread {
            ev.int("pid").unwrap_or(parent_tid)
        } else {
            parent_tid
        };
        if res == 0 && parent_tid > 0 && !self.threads.contains_key(&parent_tid) {
            // libsinsp makes up the unknown parent from what the clone event
            // says of the caller's image. A made-up main thread of a process
            // looks like any thread it never saw created; a made-up parent
            // process never had its ids set, so it has no names at all.
            let mut stub = Thread::unknown(parent_tid);
            stub.comm = ev.text("comm").unwrap_or_default();
            stub.exe = ev.text("exe").unwrap_or_default();
            stub.args = ev.list("args").unwrap_or_default().into();
            if !is_thread {
                stub.user_name = String::new();
                stub.group_name = String::new();
            }
            self.threads.insert(parent_tid, Box::new(stub));
        }
        let parent = self.threads.get(&parent_tid);
        // The parent's ids, the only part of it used once the child is copied from it.
        let parent_ids = parent.map(|p| (p.pid, p.ptid));
        let mut child = parent
            .cloned()
            .unwrap_or_else(|| Box::new(Thread::unknown(child_tid)));
        child.tid = child_tid;
        if res == 0 {
            child.pid = ev.int("pid").unwrap_or(child_tid);
            child.ptid = ev.int("ptid").unwrap_or(-1);
        } else {
            child.pid = if is_thread {
                parent_ids.map_or(tid, |(pid, _)| pid)
            } else {
                child_tid
            };
            child.ptid = if is_thread {
                parent_ids.map_or(-1, |(_, ptid)| ptid)
            } else {
                tid
            };
        }
        // The child starts as a copy of its parent, which the event's image
        // fields nearly always repeat: set only what differs.
        if let Some(comm) = ev.text_ref("comm") {
            set_text(&mut child.comm, &comm);
        }
        if let Some(exe) = ev.text_ref("exe") {
            set_text(&mut child.exe, &exe);
        }
        if let Some(args) = ev.bytes("args") {
            set_list(&mut child.args, args);
        }
        if let Some(cwd) = ev.text_ref("cwd").filter(|c| !c.is_empty()) {
            set_text(&mut child.cwd, &cwd);
        }
        if let Some(uid) = ev.int("uid") {
            child.uid = uid as u32;
            set_text(
                &mut child.user_name,
                name_or_na(self.user_name(&child.container_id, child.uid), child.uid),
            );
        }
        if let Some(gid) = ev.int("gid") {
            child.gid = gid as u32;
            set_text(
                &mut child.group_name,
                name_or_na(self.group_name(&child.container_id, child.gid), child.gid),
            );
        }
        if res == 0 {
            child.vtid = ev.int("vtid").unwrap_or(child_tid);
            child.vpid = ev.int("vpid").unwrap_or(child.pid);
        } else {
            child.vtid = -1;
            child.vpid = -1;
        }
        if let Some(cg) = ev.bytes("cgroups").filter(|cg| !cg.is_empty()) {
            child.container_id = container_id_of(split_list_borrowed(cg));
        }
        child.clone_ts = ev.ts();
        if !is_thread {
            self.forget_exited(child.pid);
        }
        // A new process gets a copy of its parent's fds; a thread (or CLONE_FILES) shares them.
        if !is_thread && flags & PPM_CL_CLONE_FILES == 0 {
            let parent_pid = parent_ids.map_or(parent_tid, |(pid, _)| pid);
            if let Some(table) = self.fds.get(&parent_pid).cloned() {
                self.fds.insert(child.pid, table);
            }
        }
        self.threads.insert(child_tid, child);
    }

    fn execve_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret().is_some_and(|r| r < 0) {
            return;
        }
        let existed = self.threads.contains_key(&tid);
        let t = self.thread_mut(tid);
        if let Some(exe) = ev.text_ref("exe") {
            set_text(&mut t.exe, &exe);
        }
        if let Some(args) = ev.bytes("args") {
            set_list(&mut t.args, args);
        }
        if let Some(comm) = ev.text_ref("comm") {
            set_text(&mut t.comm, &comm);
        }
        // libsinsp resolves the cwd parameter against the cwd it knows and
        // adds a slash, so an empty one (old drivers) turns an unknown cwd
        // into "/". A thread first seen at this very event is not updated.
        if existed && let Some(cwd) = ev.text("cwd") {
            t.cwd = with_slash(if cwd.is_empty() {
                t.cwd.clone()
            } else {
                resolve(&t.cwd, &cwd)
            });
            if t.cwd.is_empty() {
                t.cwd.push('/');
            }
        }
        // Most programs run with the environment their parent had.
        if let Some(env) = ev.bytes("env")
            && *t.env != *env
        {
            t.env = env.into();
        }
        if let Some(pid) = ev.int("pid") {
            t.pid = pid;
        }
        if let Some(ptid) = ev.int("ptid") {
            t.ptid = ptid;
        }
        if let Some(tty) = ev.int("tty") {
            t.tty = tty as u32;
        }
        let (uid, gid) = (ev.int("uid"), ev.int("gid"));
        if let Some(uid) = uid {
            t.uid = uid as u32;
        }
        if let Some(gid) = gid {
            t.gid = gid as u32;
        }
        if let Some(t) = self.threads.get_mut(&tid) {
            if uid.is_some() {
                let name = id_name(&self.users, &t.container_id, t.uid);
                set_text(&mut t.user_name, name_or_na(name, t.uid));
            }
            if gid.is_some() {
                let name = id_name(&self.groups, &t.container_id, t.gid);
                set_text(&mut t.group_name, name_or_na(name, t.gid));
            }
        }
        let filename = self.exec_filename.remove(&tid);
        let t = self.thread_mut(tid);
        // Without the driver's resolved path, libsinsp takes the file name execve was given.
        t.exepath = match (ev.text("trusted_exepath"), filename) {
            (Some(p), _) if !p.is_empty() => p,
            (_, Some(f)) if !f.is_empty() && f != NA => {
                if f.starts_with('/') {
                    f
                } else {
                    resolve(&t.cwd, &f)
                }
            }
            _ => String::new(),
        };
        // Borrowed, not split into strings: every live exec and clone
        // carries the list, and splitting it was a tenth of the collector's
        // CPU at 1,600 execs/s.
        if let Some(cg) = ev.bytes("cgroups").filter(|cg| !cg.is_empty()) {
            t.container_id = container_id_of(split_list_borrowed(cg));
        }
    }

    fn container_event(&mut self, ev: &Ev<'_>) {
        let Some(json) = ev.text("json") else { return };
        if let Some(info) = ContainerInfo::from_json(&json) {
            self.containers.insert(info.id.clone(), info);
        }
    }

    /// Threads known now.
    pub fn thread_count(&self) -> usize {
        self.threads.len()
    }

    /// Processes with an fd table.
    pub fn fd_table_count(&self) -> usize {
        self.fds.len()
    }
}

/// Sets `field` to `value`, reusing its buffer (nothing to do when equal).
fn set_text(field: &mut String, value: &str) {
    if field != value {
        field.clear();
        field.push_str(value);
    }
}

/// Sets a shared list to the items of a NUL-separated `raw` list, keeping
/// the shared one when the items are the same.
fn set_list(field: &mut Arc<[String]>, raw: &[u8]) {
    let mut items = split_list_borrowed(raw);
    let same = field.iter().all(|f| items.next().is_some_and(|i| i == **f));
    if !(same && items.next().is_none()) {
        *field = split_list(raw).into();
    }
}
