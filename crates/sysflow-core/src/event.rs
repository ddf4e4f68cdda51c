//! A view of one kernel event: what it means to the collector ([`Kind`]) and
//! its parameters by name.
//!
//! Falco's event ids are versioned (`execve` has eight exit layouts, `clone`
//! four); the kind is derived once from each id's C symbol, and parameters are
//! looked up by name in that id's table, so every layout is handled alike.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use sysflow_capture::{AbiRevision, EventInfo, EventRef, ParamInfo, ParamValue, SockTuple};

/// What an event means to the state tables and the record processors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// clone, clone3, fork, vfork exit.
    CloneX,
    /// execve exit (execveat included: the driver reports its exit like execve's).
    ExecveX,
    /// Process or thread exit.
    ProcExit,
    /// setuid enter: carries the requested uid.
    SetuidE,
    /// setuid exit.
    SetuidX,
    /// setresuid enter: carries the requested ids.
    SetresuidE,
    /// setresuid exit.
    SetresuidX,
    /// setgid / setresgid enter: carries the requested group.
    SetgidE,
    /// setgid / setresgid / setregid exit: updates state only.
    SetgidX,
    /// setreuid exit: updates state only (the reference has no event for it).
    SetreuidX,
    /// execve enter: carries the file name the exit lacks.
    ExecveE,
    /// open, openat, openat2, creat exit.
    OpenX,
    /// close exit.
    CloseX,
    /// dup, dup2, dup3 exit.
    DupX,
    /// fcntl enter (remembers the command) and exit.
    FcntlE,
    /// fcntl exit.
    FcntlX,
    /// pipe, pipe2 exit.
    PipeX,
    /// socket exit.
    SocketX,
    /// socketpair exit.
    SocketpairX,
    /// connect enter.
    ConnectE,
    /// connect exit.
    ConnectX,
    /// bind exit.
    BindX,
    /// accept, accept4 exit.
    AcceptX,
    /// Reads and receives.
    ReadX,
    /// Writes and sends.
    WriteX,
    /// shutdown exit.
    ShutdownX,
    /// setns exit.
    SetnsX,
    /// setsid exit: the thread's new session.
    SetsidX,
    /// mmap, mmap2 enter (the reference reads the fd from the enter event).
    MmapE,
    /// mmap, mmap2 exit: current layouts carry the fd too.
    MmapX,
    /// mkdir, mkdirat exit.
    MkdirX,
    /// rmdir exit.
    RmdirX,
    /// unlink, unlinkat exit.
    UnlinkX,
    /// link, linkat exit.
    LinkX,
    /// symlink, symlinkat exit.
    SymlinkX,
    /// rename, renameat, renameat2 exit.
    RenameX,
    /// chdir exit.
    ChdirX,
    /// fchdir exit.
    FchdirX,
    /// close_range exit.
    CloseRangeX,
    /// An fd of a kind no flow is made of (eventfd, epoll, signalfd, …): only tracked.
    OtherFdX(u8),
    /// An fd of a task's table as Falco's task_file iterator describes it
    /// (`PPME_ITER_TASK_FILE_*_E`; our probe sends them for the fds a
    /// recvmsg or recvmmsg received with SCM_RIGHTS), by its kind.
    TaskFile(TaskFile),
    /// Container metadata (JSON or fixed fields).
    Container,
    /// A user account appeared.
    UserAdded,
    /// A group appeared.
    GroupAdded,
    /// Anything else.
    Other,
}

/// The kinds of fd the task_file iterator's events describe, one event id
/// each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TaskFile {
    /// A pipe or FIFO.
    Pipe,
    /// A memfd.
    Memfd,
    /// A regular file (or a device, or a link).
    Regular,
    /// A directory.
    Directory,
    /// An IPv4 socket.
    Inet,
    /// An IPv6 socket.
    Inet6,
    /// A unix socket.
    Unix,
    /// A netlink socket.
    Netlink,
    /// An anonymous inode (eventfd, epoll, inotify, …, or a pidfd).
    AnonInode,
}

impl TaskFile {
    /// Whether the fd is a socket.
    pub(crate) fn is_socket(self) -> bool {
        matches!(
            self,
            TaskFile::Inet | TaskFile::Inet6 | TaskFile::Unix | TaskFile::Netlink
        )
    }
}

fn classify(info: &EventInfo) -> Kind {
    let s = info.symbol;
    let exit = s.ends_with("_X");
    let base = s
        .trim_start_matches("PPME_")
        .trim_end_matches("_E")
        .trim_end_matches("_X");
    // Strip the version suffix (`EXECVE_19`, `CLONE_20`, `ACCEPT4_5`).
    let stem = match base.rsplit_once('_') {
        Some((stem, v)) if v.chars().all(|c| c.is_ascii_digit()) => stem,
        _ => base,
    };
    let name = stem
        .trim_start_matches("SYSCALL_")
        .trim_start_matches("SOCKET_");
    match (name, exit) {
        ("CLONE" | "CLONE3" | "FORK" | "VFORK", true) => Kind::CloneX,
        ("EXECVE" | "EXECVEAT", true) => Kind::ExecveX,
        ("PROCEXIT", false) => Kind::ProcExit,
        ("SETUID", false) => Kind::SetuidE,
        ("SETUID", true) => Kind::SetuidX,
        ("SETRESUID", false) => Kind::SetresuidE,
        ("SETRESUID", true) => Kind::SetresuidX,
        ("SETGID" | "SETRESGID" | "SETREGID", true) => Kind::SetgidX,
        ("SETREUID", true) => Kind::SetreuidX,
        ("SETGID" | "SETRESGID", false) => Kind::SetgidE,
        ("EXECVE" | "EXECVEAT", false) => Kind::ExecveE,
        ("OPEN" | "OPENAT" | "OPENAT2" | "CREAT" | "OPEN_BY_HANDLE_AT", true) => Kind::OpenX,
        ("CLOSE", true) => Kind::CloseX,
        ("DUP" | "DUP2" | "DUP3", true) => Kind::DupX,
        ("FCNTL", false) => Kind::FcntlE,
        ("FCNTL", true) => Kind::FcntlX,
        ("PIPE" | "PIPE2", true) => Kind::PipeX,
        ("SOCKET", true) => Kind::SocketX,
        ("SOCKETPAIR", true) => Kind::SocketpairX,
        ("CONNECT", true) => Kind::ConnectX,
        ("CONNECT", false) => Kind::ConnectE,
        ("BIND", true) => Kind::BindX,
        ("ACCEPT" | "ACCEPT4", true) => Kind::AcceptX,
        (
            "READ" | "READV" | "PREAD" | "PREADV" | "RECV" | "RECVFROM" | "RECVMSG" | "RECVMMSG",
            true,
        ) => Kind::ReadX,
        (
            "WRITE" | "WRITEV" | "PWRITE" | "PWRITEV" | "SEND" | "SENDTO" | "SENDMSG" | "SENDMMSG",
            true,
        ) => Kind::WriteX,
        ("SHUTDOWN", true) => Kind::ShutdownX,
        ("SETNS", true) => Kind::SetnsX,
        ("SETSID", true) => Kind::SetsidX,
        ("MMAP" | "MMAP2", false) => Kind::MmapE,
        ("MMAP" | "MMAP2", true) => Kind::MmapX,
        ("MKDIR" | "MKDIRAT", true) => Kind::MkdirX,
        ("RMDIR", true) => Kind::RmdirX,
        ("UNLINK" | "UNLINKAT", true) => Kind::UnlinkX,
        ("LINK" | "LINKAT", true) => Kind::LinkX,
        ("SYMLINK" | "SYMLINKAT", true) => Kind::SymlinkX,
        ("RENAME" | "RENAMEAT" | "RENAMEAT2", true) => Kind::RenameX,
        ("CHDIR", true) => Kind::ChdirX,
        ("FCHDIR", true) => Kind::FchdirX,
        ("CLOSE_RANGE", true) => Kind::CloseRangeX,
        ("EVENTFD" | "EVENTFD2", true) => Kind::OtherFdX(b'e'),
        ("SIGNALFD" | "SIGNALFD4", true) => Kind::OtherFdX(b's'),
        ("EPOLL_CREATE" | "EPOLL_CREATE1", true) => Kind::OtherFdX(b'l'),
        ("INOTIFY_INIT" | "INOTIFY_INIT1", true) => Kind::OtherFdX(b'i'),
        ("TIMERFD_CREATE", true) => Kind::OtherFdX(b't'),
        ("USERFAULTFD", true) => Kind::OtherFdX(b'u'),
        ("MEMFD_CREATE", true) => Kind::OtherFdX(b'm'),
        ("PIDFD_OPEN" | "PIDFD_GETFD", true) => Kind::OtherFdX(b'P'),
        ("ITER_TASK_FILE_PIPE", false) => Kind::TaskFile(TaskFile::Pipe),
        ("ITER_TASK_FILE_MEMFD", false) => Kind::TaskFile(TaskFile::Memfd),
        ("ITER_TASK_FILE_REGULAR", false) => Kind::TaskFile(TaskFile::Regular),
        ("ITER_TASK_FILE_DIRECTORY", false) => Kind::TaskFile(TaskFile::Directory),
        ("ITER_TASK_FILE_SOCKET_INET", false) => Kind::TaskFile(TaskFile::Inet),
        ("ITER_TASK_FILE_SOCKET_INET6", false) => Kind::TaskFile(TaskFile::Inet6),
        ("ITER_TASK_FILE_SOCKET_UNIX", false) => Kind::TaskFile(TaskFile::Unix),
        ("ITER_TASK_FILE_SOCKET_NETLINK", false) => Kind::TaskFile(TaskFile::Netlink),
        ("ITER_TASK_FILE_ANON_INODE", false) => Kind::TaskFile(TaskFile::AnonInode),
        ("CONTAINER" | "CONTAINER_JSON" | "CONTAINER_JSON_2", false) => Kind::Container,
        ("USER_ADDED", false) => Kind::UserAdded,
        ("GROUP_ADDED", false) => Kind::GroupAdded,
        _ => Kind::Other,
    }
}

/// What is known of an event id before any event of it is seen.
struct Meta {
    kind: Kind,
    /// A system call's enter event (not a scheduler, signal or metadata event).
    syscall_enter: bool,
    /// Parameter slots by name.
    params: FxHashMap<&'static str, usize>,
    /// The table's parameter types by slot, kept here so that decoding a
    /// parameter needs no second table lookup.
    infos: &'static [ParamInfo],
    /// The slot of `fd`, the most looked-up parameter.
    fd: Option<usize>,
    /// Whether the event has a `domain` parameter (socket, socketpair).
    has_domain: bool,
    /// The slot of `tuple` (sends and receives look it up on every event).
    tuple: Option<usize>,
}

/// The meaning of every event id, computed once: replays look these up for
/// every event, so names are not compared there.
fn metas() -> &'static [Meta] {
    static METAS: OnceLock<Vec<Meta>> = OnceLock::new();
    METAS.get_or_init(|| {
        let rev = AbiRevision::Current;
        (0..rev.event_max())
            .map(|id| match rev.event(id) {
                Some(info) => Meta {
                    kind: classify(info),
                    syscall_enter: !info.symbol.ends_with("_X")
                        && ["PPME_SYSCALL_", "PPME_SOCKET_", "PPME_GENERIC_"]
                            .iter()
                            .any(|p| info.symbol.starts_with(p)),
                    params: info
                        .params
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (p.name, i))
                        .collect(),
                    infos: info.params,
                    fd: info.params.iter().position(|p| p.name == "fd"),
                    has_domain: info.params.iter().any(|p| p.name == "domain"),
                    tuple: info.params.iter().position(|p| p.name == "tuple"),
                },
                None => Meta {
                    kind: Kind::Other,
                    syscall_enter: false,
                    params: FxHashMap::default(),
                    infos: &[],
                    fd: None,
                    has_domain: false,
                    tuple: None,
                },
            })
            .collect()
    })
}

/// Events with more parameters than this have their parameters located
/// once, when the event is wrapped ([`Ev::slots`]): execve and clone exits
/// (31 and 21 parameters) have a dozen of them read, and finding each by
/// summing the lengths before it cost about 300 instructions a lookup, a
/// tenth of the collector's instructions on an exec-heavy host. Smaller
/// events (reads, writes, opens, mmaps: most of any capture) keep the
/// summing: they have few parameters read, and locating all of theirs
/// cost more than it saved (measured with 8 here: 2% more instructions).
const SLOTS_FROM: usize = 16;
/// The most parameters any event of the ABI has (task_file's).
const MAX_PARAMS: usize = 32;

/// One event with its meaning and named parameters.
pub(crate) struct Ev<'a> {
    pub ev: EventRef<'a>,
    pub kind: Kind,
    meta: Option<&'static Meta>,
    /// Where every parameter lies, for events with more than
    /// [`SLOTS_FROM`] of them; `None` for the others, whose parameters are
    /// found when asked for.
    slots: Option<Slots<'a>>,
}

/// The parameters of an event located once.
struct Slots<'a> {
    /// The concatenated values.
    values: &'a [u8],
    /// Where each parameter ends in `values` (it starts where the one
    /// before it ends).
    ends: [u32; MAX_PARAMS],
}

impl<'a> Slots<'a> {
    fn of(ev: &EventRef<'a>) -> Slots<'a> {
        let mut ends = [0u32; MAX_PARAMS];
        let mut at = 0u32;
        for (end, len) in ends.iter_mut().zip(ev.param_lens()) {
            at = at.saturating_add(len);
            *end = at;
        }
        Slots {
            values: ev.param_data(),
            ends,
        }
    }

    /// The raw bytes of parameter `index` (below the event's count).
    #[inline]
    fn get(&self, index: usize) -> Option<&'a [u8]> {
        let end = *self.ends.get(index)? as usize;
        let start = match index.checked_sub(1) {
            Some(before) => *self.ends.get(before)? as usize,
            None => 0,
        };
        self.values.get(start..end)
    }
}

impl<'a> Ev<'a> {
    // Inlined, so that the event is built where the caller keeps it rather
    // than copied there (it holds the slot table).
    #[inline(always)]
    pub fn new(ev: EventRef<'a>) -> Ev<'a> {
        let meta = metas().get(usize::from(ev.event_type));
        let n = ev.nparams();
        let mut e = Ev {
            ev,
            kind: meta.map_or(Kind::Other, |m| m.kind),
            meta,
            slots: None,
        };
        if n > SLOTS_FROM && n <= MAX_PARAMS {
            e.slots = Some(Slots::of(&e.ev));
        }
        e
    }

    /// The raw bytes of parameter `index`, `None` past the stored count.
    #[inline]
    fn raw(&self, index: usize) -> Option<&'a [u8]> {
        match &self.slots {
            Some(slots) if index < self.ev.nparams() => slots.get(index),
            Some(_) => None,
            None => self.ev.raw_param(index),
        }
    }

    pub fn ts(&self) -> u64 {
        self.ev.ts
    }

    pub fn tid(&self) -> i64 {
        self.ev.tid as i64
    }

    #[inline]
    fn index(&self, name: &str) -> Option<usize> {
        self.meta?.params.get(name).copied()
    }

    /// Slot `index` decoded by the current table's type: what
    /// [`Event::param`] gives, without building an error for bad bytes.
    #[inline]
    fn value(&self, index: usize) -> Option<ParamValue<'a>> {
        let ty = self.meta?.infos.get(index)?.ty;
        ParamValue::decode(ty, self.raw(index)?)
    }

    /// Slot `index` as an integer ([`ParamValue::as_int`] of
    /// [`Ev::value`]), decoded without building the value.
    #[inline]
    fn int_at(&self, index: usize) -> Option<i64> {
        let ty = self.meta?.infos.get(index)?.ty;
        ParamValue::decode_int(ty, self.raw(index)?)
    }

    /// The `fd` parameter, found without a name lookup.
    #[inline]
    pub fn fd_param(&self) -> Option<i64> {
        self.int_at(self.meta?.fd?)
    }

    /// Whether the event has a `domain` parameter.
    pub fn has_domain(&self) -> bool {
        self.meta.is_some_and(|m| m.has_domain)
    }

    /// Whether this event's layout has a `tuple` parameter and the event
    /// carries it (old receive layouts lack it, or leave it empty).
    #[inline]
    pub fn has_tuple(&self) -> bool {
        self.meta
            .and_then(|m| m.tuple)
            .and_then(|i| self.raw(i))
            .is_some_and(|raw| !raw.is_empty())
    }

    /// Whether this is a system call's enter event.
    pub fn is_syscall_enter(&self) -> bool {
        self.meta.is_some_and(|m| m.syscall_enter)
    }

    /// Parameter `name`, decoded; `None` when this layout lacks it, the file
    /// stored fewer parameters, or the bytes do not decode.
    #[inline]
    pub fn param(&self, name: &str) -> Option<ParamValue<'a>> {
        self.value(self.index(name)?)
    }

    /// An integer parameter of any integer-like type.
    #[inline]
    pub fn int(&self, name: &str) -> Option<i64> {
        self.int_at(self.index(name)?)
    }

    /// The return value: the first parameter as an integer.
    #[inline]
    pub fn ret(&self) -> Option<i64> {
        self.int_at(0)
    }

    /// A text or path parameter, lossily decoded.
    pub fn text(&self, name: &str) -> Option<String> {
        self.text_ref(name).map(Cow::into_owned)
    }

    /// A text or path parameter, lossily decoded, borrowed from the event
    /// when it is valid UTF-8 (for callers that only look at it or copy it once).
    #[inline]
    pub fn text_ref(&self, name: &str) -> Option<Cow<'a, str>> {
        match self.param(name)? {
            ParamValue::Str(b) | ParamValue::Path(b) | ParamValue::Bytes(b) => Some(lossy(b)),
            ParamValue::Empty => Some(Cow::Borrowed("")),
            _ => None,
        }
    }

    /// A byte-buffer or text parameter's raw bytes.
    pub fn bytes(&self, name: &str) -> Option<&'a [u8]> {
        match self.param(name)? {
            ParamValue::Bytes(b) | ParamValue::Str(b) => Some(b),
            ParamValue::Empty => Some(&[]),
            _ => None,
        }
    }

    /// A NUL-separated list parameter (args, env, cgroups).
    pub fn list(&self, name: &str) -> Option<Vec<String>> {
        match self.param(name)? {
            ParamValue::Bytes(b) | ParamValue::Str(b) => Some(split_list(b)),
            ParamValue::Empty => Some(Vec::new()),
            _ => None,
        }
    }

    /// A socket tuple parameter.
    pub fn tuple(&self, name: &str) -> Option<SockTuple<'a>> {
        let value = match (name, self.meta.and_then(|m| m.tuple)) {
            ("tuple", Some(i)) => self.value(i),
            _ => self.param(name),
        };
        match value? {
            ParamValue::SockTuple(t) => Some(t),
            _ => None,
        }
    }
}

/// Splits a NUL-separated list the way libsinsp does: one trailing NUL is
/// dropped, then C strings are read while bytes remain (so `"\0\0\0"` holds
/// two empty strings, and `"a\0b\0"` holds `a` and `b`).
pub(crate) fn split_list(bytes: &[u8]) -> Vec<String> {
    split_list_borrowed(bytes).map(Cow::into_owned).collect()
}

/// [`split_list`] without copying the items (for callers that only read them).
pub(crate) fn split_list_borrowed(bytes: &[u8]) -> impl Iterator<Item = Cow<'_, str>> {
    let mut rest = bytes.strip_suffix(&[0]).unwrap_or(bytes);
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        let item = lossy(&rest[..end]);
        rest = rest.get(end + 1..).unwrap_or_default();
        Some(item)
    })
}

/// `b` as text, invalid UTF-8 replaced as [`String::from_utf8_lossy`] does;
/// borrowed when valid. `str::from_utf8` checks the (usual) valid case much
/// faster than the lossy decoder walks it.
pub(crate) fn lossy(b: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(b) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(b),
    }
}

/// Any integer-like value as i64.
pub(crate) fn as_int(v: &ParamValue<'_>) -> Option<i64> {
    v.as_int()
}
