//! The state the reference's capture library (libsinsp) keeps and the
//! collector reads: threads, fd tables, users, groups and containers, seeded
//! from a capture's lists and kept current by events.
//!
//! Updates follow libsinsp's order: an event changes the state before the
//! record processors see it, except that a closed fd and an exited thread stay
//! visible to the processors of their own event and go afterwards
//! ([`State::after`]).
//!
//! [`State`] and its accessors are here; what each event does to it is in one
//! module per syscall family, each an `impl State` block that
//! [`State::before`] and [`State::after`] dispatch to: `seed` (a capture's
//! process, fd, user and group lists), `lifecycle` (clone, execve, exit),
//! `fd_table` (open, close, dup, fcntl, pipes, the working directory, fds
//! received with SCM_RIGHTS), `sockets` (received sockets too), `users`
//! (credentials) and `container`. `thread`, `fd` and `path`
//! hold the types and the path arithmetic they share; `bounds` keeps the
//! tables within their [`CoreLimits`].

mod bounds;
mod container;
mod fd;
mod fd_table;
mod lifecycle;
mod path;
mod seed;
mod sockets;
mod thread;
mod users;

use std::net::Ipv4Addr;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use sysflow_capture::AbiRevision;

pub(crate) use container::{ContainerInfo, PodInfo};
pub(crate) use fd::{Fd, FdKind, Role, ipv4_name};
pub(crate) use path::{resolve, resolve_event_path, resolve_shared};
pub(crate) use thread::Thread;

use crate::bounds::Evictions;
use crate::config::CoreLimits;
use crate::event::{Ev, Kind};
use fd::FdTable;

/// `AT_FDCWD`: a dirfd meaning "the working directory".
pub(crate) const AT_FDCWD: i64 = -100;

/// `PPM_O_DIRECTORY`: the open flag of a directory, for opens and listed fds.
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
    /// The container the event being applied described (a container event).
    pub described: Option<String>,
    /// The thread libsinsp makes up for the last container event (see
    /// [`Thread::for_container`]): the filter's thread for that event.
    pub container_thread: Option<Box<Thread>>,
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
    /// Ports the listed sockets listen on (libsinsp's `m_server_ports`).
    server_ports: HashSet<u16>,
    /// The capturing host's IPv4 interface addresses (the capture's
    /// interface list), for the filter's local and remote ends.
    pub interfaces: Vec<Ipv4Addr>,
    /// IPv4 connections were listed whose roles are not decided yet.
    listed_sockets: bool,
    /// The bounds of the tables (see `bounds`).
    limits: CoreLimits,
    /// The time of the event being applied (ns): when a thread was last
    /// active ([`Thread::last_ts`]).
    now: u64,
    /// Events so far whose type sysdig 0.29's table does not have (newer
    /// calls of a live capture): libsinsp 0.29 skips them unnumbered, so
    /// the filter's `evt.num` counts the others.
    pub unnumbered: u64,
    /// At least the number of fds in all tables: the exact count, taken
    /// when it last reached the bound, plus the fds added since.
    fd_upper: usize,
    /// User and group names in all tables.
    user_names: usize,
    group_names: usize,
    /// What the bounds made the tables forget.
    pub evictions: Evictions,
    /// The last cgroup list an exec or clone carried and the container id
    /// it names ([`State::container_id_for`]).
    cgroups_memo: (Vec<u8>, String),
}

/// Arguments of a thread's last enter event that its exit event lacks.
#[derive(Debug, Default, Clone, Copy)]
struct Entered {
    /// The event id of the last enter that [`State::enter`] kept, until an
    /// exit that pairs with it takes it ([`State::entered_pair`]).
    last: Option<u16>,
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
    /// Empty tables with these bounds.
    pub fn with_limits(limits: CoreLimits) -> State {
        State {
            limits,
            ..State::default()
        }
    }

    /// The thread of an event, created with nothing known if it is new;
    /// active now.
    pub fn thread_mut(&mut self, tid: i64) -> &mut Thread {
        if !self.threads.contains_key(&tid) {
            self.forget_exited(tid);
        }
        let now = self.now;
        let t = self
            .threads
            .entry(tid)
            .or_insert_with(|| Box::new(Thread::unknown(tid)));
        t.last_ts.set(now);
        t
    }

    /// The main thread of `tid`'s process (the thread itself if its main thread is unknown).
    pub fn main_thread(&self, tid: i64) -> Option<&Thread> {
        Some(self.main_of(self.threads.get(&tid)?))
    }

    /// The main thread of `t`'s process (`t` itself if that is unknown).
    pub fn main_of<'s>(&'s self, t: &'s Thread) -> &'s Thread {
        // Most events come from main threads: no second lookup for those.
        if t.pid == t.tid {
            return t;
        }
        self.threads.get(&t.pid).map_or(t, |m| &**m)
    }

    /// The process id of `tid`'s fd table: its process's, or its own for
    /// an unknown thread (which is not an exited process of that id).
    fn fd_pid(&mut self, tid: i64) -> i64 {
        match self.threads.get(&tid) {
            Some(t) => t.pid,
            None => {
                self.forget_exited(tid);
                tid
            }
        }
    }

    /// The fd table of `tid`'s process, if it has one.
    fn fd_table_mut(&mut self, tid: i64) -> Option<&mut FdTable> {
        let pid = self.fd_pid(tid);
        self.fds.get_mut(&pid)
    }

    /// Fd `fd` of `tid`'s process, to change it.
    fn fd_mut(&mut self, tid: i64, fd: i64) -> Option<&mut Fd> {
        self.fd_table_mut(tid)?.get_mut(&fd)
    }

    /// Puts `entry` in `tid`'s process's table as fd `fd`.
    fn fd_insert(&mut self, tid: i64, fd: i64, entry: Fd) {
        let pid = self.fd_pid(tid);
        self.fd_insert_at(pid, fd, entry);
    }

    /// Puts `entry` in process `pid`'s table as fd `fd`, replacing the fd
    /// of that number. A table at its bound takes no new number, as
    /// libsinsp's: the fd is counted as evicted.
    fn fd_insert_at(&mut self, pid: i64, fd: i64, entry: Fd) {
        let table = self.fds.entry(pid).or_default();
        if table.len() < self.limits.fds_per_process {
            // One probe: an insert that replaces counts as an addition,
            // which keeps `fd_upper` an upper bound.
            table.insert(fd, entry);
            self.fd_upper += 1;
        } else if let Some(slot) = table.get_mut(&fd) {
            *slot = entry;
        } else {
            self.evictions.fds += 1;
        }
    }

    /// The fd table of `tid`'s process, if it has one.
    fn fd_table(&self, tid: i64) -> Option<&FdTable> {
        self.fd_table_of(self.threads.get(&tid).map(|t| &**t), tid)
    }

    /// [`State::fd_table`] for a caller that already looked `tid` up
    /// (`thread` is `threads.get(&tid)`).
    fn fd_table_of(&self, thread: Option<&Thread>, tid: i64) -> Option<&FdTable> {
        let pid = match thread {
            Some(t) => t.pid,
            // An unknown thread under the id of an exited process is not
            // that process: its table waits for the sweep only for the
            // exited process's own threads.
            None if self.exited_pids.contains(&tid) => return None,
            None => tid,
        };
        self.fds.get(&pid)
    }

    /// Fd `fd` of thread `tid`'s process.
    pub fn fd(&self, tid: i64, fd: i64) -> Option<&Fd> {
        self.fd_table(tid)?.get(&fd)
    }

    /// [`State::fd`] for a caller that already looked `tid` up (`thread`
    /// is `threads.get(&tid)`).
    pub fn fd_of(&self, thread: Option<&Thread>, tid: i64, fd: i64) -> Option<&Fd> {
        self.fd_table_of(thread, tid)?.get(&fd)
    }

    /// Remembers the FOID of the file fd `fd` of `tid` names.
    /// `generation` is the file cache's current generation: `foid`'s file is
    /// written in it (see [`Fd::written_in`]). An fd that already names
    /// another FOID keeps it.
    pub fn set_fd_foid(&mut self, tid: i64, fd: i64, foid: sysflow_types::Foid, generation: u64) {
        if let Some(f) = self.fd_mut(tid, fd) {
            let kept = *f.foid.get_or_insert(foid);
            if kept == foid {
                f.written_in = Some(generation);
            }
        }
    }

    /// Applies an event to the state, before the record processors see it.
    pub fn before(&mut self, ev: &Ev<'_>) {
        self.now = ev.ts();
        if ev.ev.event_type >= AbiRevision::Sysdig0_29.event_max() {
            self.unnumbered += 1;
        }
        if self.listed_sockets {
            self.fix_listed_sockets();
        }
        match ev.kind {
            // Process lifecycle (`lifecycle`).
            Kind::CloneX => self.clone_exit(ev),
            Kind::ExecveE => self.execve_enter(ev),
            Kind::ExecveX => self.execve_exit(ev),
            // Fds and the working directory (`fd_table`).
            Kind::OpenX => self.open_exit(ev),
            Kind::DupX => self.dup_exit(ev),
            Kind::FcntlE => self.fcntl_enter(ev),
            Kind::FcntlX => self.fcntl_exit(ev),
            Kind::PipeX => self.pipe_exit(ev),
            Kind::OtherFdX(c) => self.other_fd_exit(ev, c),
            Kind::ChdirX => self.chdir_exit(ev),
            Kind::FchdirX => self.fchdir_exit(ev),
            Kind::CloseRangeX => self.close_range_exit(ev),
            Kind::TaskFile(f) if !f.is_socket() => self.task_file(ev, f),
            // Sockets (`sockets`).
            Kind::TaskFile(f) => self.task_file_socket(ev, f),
            Kind::SocketX => self.socket_exit(ev),
            Kind::SocketpairX => self.socketpair_exit(ev),
            Kind::ConnectE => self.connect_enter(ev),
            Kind::ConnectX => self.connect_exit(ev),
            Kind::BindX => self.bind_exit(ev),
            Kind::AcceptX => self.accept_exit(ev),
            Kind::ReadX | Kind::WriteX if ev.has_tuple() => self.io_tuple(ev),
            // Credentials (`users`).
            Kind::SetuidE => self.setuid_enter(ev),
            Kind::SetresuidE => self.setresuid_enter(ev),
            Kind::SetuidX | Kind::SetresuidX | Kind::SetreuidX => self.setuid_exit(ev),
            Kind::SetgidE => self.setgid_enter(ev),
            Kind::SetgidX => self.setgid_exit(ev),
            Kind::UserAdded => self.user_added(ev),
            Kind::GroupAdded => self.group_added(ev),
            // Containers (`container`).
            Kind::Container => self.described = self.container_event(ev),
            Kind::SetsidX => self.setsid_exit(ev),
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
        e.last = Some(ev.ev.event_type);
        e.fd = ev.fd_param();
        if ev.has_domain() {
            e.domain = ev.int("domain");
            e.sock_type = ev.int("type");
        }
    }

    /// Applies what must wait until the processors have seen the event.
    pub fn after(&mut self, ev: &Ev<'_>) {
        match ev.kind {
            Kind::CloseX => self.close_exit(ev),
            Kind::ProcExit => self.proc_exit(ev),
            _ => {}
        }
    }

    /// The fd an event's exit applies to: its `fd` parameter, or the one its enter carried.
    pub fn event_fd(&self, ev: &Ev<'_>) -> Option<i64> {
        ev.fd_param().or_else(|| self.entered_fd(ev.tid()))
    }

    /// Whether the thread's last kept enter is `ev`'s own (an exit's id is
    /// its enter's plus one), as libsinsp pairs them; it is taken, so a
    /// second exit does not pair with it too.
    pub fn entered_pair(&mut self, ev: &Ev<'_>) -> bool {
        let exit = ev.ev.event_type;
        self.entered
            .get_mut(&ev.tid())
            .and_then(|e| e.last.take())
            .is_some_and(|enter| enter.checked_add(1) == Some(exit))
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

    /// Whether `addr` is an address of the machine, for a process of the
    /// container `container` (empty: the host), as libsinsp 0.29 decides
    /// which end of a connection is local: the container's address (or,
    /// when its address is unknown, any container's), or an interface's.
    pub fn is_local_ipv4(&self, addr: Ipv4Addr, container: &str) -> bool {
        if !container.is_empty()
            && let Some(info) = self.containers.get(container)
        {
            if !info.ip.is_unspecified() {
                if info.ip == addr {
                    return true;
                }
            } else if self.containers.values().any(|c| c.ip == addr) {
                return true;
            }
        }
        self.interfaces.contains(&addr)
    }

    /// Threads known now.
    pub fn thread_count(&self) -> usize {
        self.threads.len()
    }

    /// Processes with an fd table.
    pub fn fd_table_count(&self) -> usize {
        self.fds.len()
    }

    /// Fds in all tables (one pass over the tables).
    pub fn fd_count(&self) -> usize {
        self.fds.values().map(FdTable::len).sum()
    }

    /// Enter arguments kept for their exits.
    pub fn pending_call_count(&self) -> usize {
        self.entered.len() + self.exec_filename.len()
    }

    /// The time of the event being applied (ns).
    pub fn now(&self) -> u64 {
        self.now
    }

    /// The containers some thread runs in.
    pub fn containers_in_use(&self) -> HashSet<&str> {
        self.threads
            .values()
            .filter(|t| !t.container_id.is_empty())
            .map(|t| t.container_id.as_str())
            .collect()
    }

    /// Containers described.
    pub fn container_count(&self) -> usize {
        self.containers.len()
    }

    /// User and group names known.
    pub fn name_count(&self) -> usize {
        self.user_names + self.group_names
    }
}
