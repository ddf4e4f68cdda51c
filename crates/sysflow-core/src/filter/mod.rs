//! `falcoFilter`: the fields of Falco's filter language read from an event
//! and the state it left, for [`sysflow_filter::Filter`].
//!
//! The filter sees an event after the state tables applied it and before
//! the flow processors do, as libsinsp filters an event after parsing it:
//! an open's exit already has its fd (`fd.name`), a close's still has the
//! fd it closes, an execve's exit the new image (`proc.name`). Every event
//! updates the state whether it passes or not; one that fails is kept from
//! the processors only.
//!
//! Values are libsinsp 0.29's (see `docs/filters.md`); where the state
//! does not hold what a field needs, the field is absent (every test on it
//! fails), which the differential suite against sysdig lists.

use std::cell::Cell;
use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr};

use sysflow_capture::{
    AbiRevision, Direction, EventFlags, ParamType, ParamValue, SockAddr, SockTuple,
};
use sysflow_filter::{EventTypeCode, FieldArg, FieldId, Fields, Value};

mod args;
mod classes;

use classes::{Added, Creator};

use crate::event::{Ev, Kind, as_int};
use crate::state::{Fd, FdKind, Role, State, Thread};

/// The fields of one event, borrowed from it and from the state.
///
/// The event's thread, process and fd are looked up once, at the first
/// field that needs them: a filter reads several fields of each.
pub(crate) struct EventFields<'a, 'e> {
    state: &'a State,
    ev: &'a Ev<'e>,
    /// Scratch text for values that are made, not stored (`proc.args`,
    /// `fd.directory`, `evt.arg.*`): reused from event to event, so that
    /// evaluation allocates only while it grows.
    text: &'a mut String,
    thread: Memo<Option<&'a Thread>>,
    process: Memo<Option<&'a Thread>>,
    fd: Memo<Option<(i64, Option<&'a Fd>)>>,
    /// [`State::event_fd`] of the event.
    event_fd: Memo<Option<i64>>,
    /// What the event's id says (read once: several fields need it).
    class: &'static classes::Class,
}

/// A value worked out at its first use in an event's evaluation.
/// (`OnceCell` would do, at the cost of a check against reentrance that
/// this hot path does without.)
struct Memo<T: Copy>(Cell<Option<T>>);

impl<T: Copy> Memo<T> {
    fn new() -> Self {
        Memo(Cell::new(None))
    }

    /// The value, if it was worked out.
    fn get(&self) -> Option<T> {
        self.0.get()
    }

    #[inline]
    fn get_or_init(&self, init: impl FnOnce() -> T) -> T {
        if let Some(v) = self.0.get() {
            return v;
        }
        let v = init();
        self.0.set(Some(v));
        v
    }
}

impl<'a, 'e> EventFields<'a, 'e> {
    /// The fields of `ev`, just applied to `state`; `text` is scratch
    /// space kept from event to event.
    pub(crate) fn new(state: &'a State, ev: &'a Ev<'e>, text: &'a mut String) -> Self {
        EventFields {
            state,
            ev,
            text,
            thread: Memo::new(),
            process: Memo::new(),
            fd: Memo::new(),
            event_fd: Memo::new(),
            class: classes::class(ev.ev.event_type),
        }
    }

    /// [`State::event_fd`] of the event, if evaluation asked for it: the
    /// processors need not ask again.
    pub(crate) fn known_event_fd(&self) -> Option<Option<i64>> {
        self.event_fd.get()
    }

    /// The fd evaluation looked up (its number and the table's entry), if
    /// it did and the event's thread is known: a processor looking up the
    /// same number finds the same entry (it may make up an unknown thread
    /// before looking, which could change what it finds).
    pub(crate) fn known_fd(&self) -> Option<(i64, Option<&'a Fd>)> {
        if self.ev.kind == Kind::Container || !matches!(self.thread.get(), Some(Some(_))) {
            return None;
        }
        self.fd.get()?
    }

    /// The event's thread, if evaluation looked it up and it is known
    /// (not a container event's made-up one).
    pub(crate) fn known_thread(&self) -> Option<&'a Thread> {
        if self.ev.kind == Kind::Container {
            return None;
        }
        self.thread.get()?
    }

    /// The event's process (its main thread), if evaluation looked it up
    /// and it is known (not a container event's made-up one).
    pub(crate) fn known_process(&self) -> Option<&'a Thread> {
        if self.ev.kind == Kind::Container {
            return None;
        }
        self.process.get()?
    }

    #[inline]
    fn event_fd(&self) -> Option<i64> {
        self.event_fd.get_or_init(|| self.state.event_fd(self.ev))
    }
}

impl<'a> EventFields<'a, '_> {
    /// The event's thread: a container event's is one libsinsp makes up.
    #[inline]
    fn thread(&self) -> Option<&'a Thread> {
        self.thread.get_or_init(|| {
            if self.ev.kind == Kind::Container {
                return self.state.container_thread.as_deref();
            }
            self.state.threads.get(&self.ev.tid()).map(|t| &**t)
        })
    }

    /// The process (main thread) of the event's thread.
    #[inline]
    fn process(&self) -> Option<&'a Thread> {
        self.process.get_or_init(|| {
            let t = self.thread()?;
            if self.ev.kind == Kind::Container {
                return Some(t);
            }
            Some(self.state.main_of(t))
        })
    }

    /// The `n`th ancestor of the event's process: 0 is the process itself.
    fn ancestor(&self, n: usize) -> Option<&Thread> {
        let mut t = self.process()?;
        for _ in 0..n {
            if t.ptid <= 0 {
                return None;
            }
            t = self.state.main_thread(t.ptid)?;
        }
        Some(t)
    }

    /// The event's fd number, libsinsp 0.29's `m_lastevent_fd`, for an
    /// event its table says creates, uses or destroys an fd (`None` for
    /// others, whose `fd.*` fields are all absent). An enter event is
    /// about its `fd` argument if it uses one, else about -1 (an open's
    /// enter: the fd is not made yet); an exit about the fd it added to
    /// the table (an open's, an accept's, dup's copy, pipe's and
    /// socketpair's second), else its enter's. mmap uses no fd in 0.29's
    /// table.
    fn fd_num(&self) -> Option<i64> {
        let ev = self.ev;
        let class = self.class;
        let fd_event = EventFlags::CREATES_FD.bits()
            | EventFlags::USES_FD.bits()
            | EventFlags::DESTROYS_FD.bits();
        if class.flags.bits() & fd_event == 0 {
            return None;
        }
        if ev.ev.direction() == Direction::Enter {
            if class.flags.contains(EventFlags::USES_FD) {
                return Some(ev.fd_param().unwrap_or(-1));
            }
            return Some(-1);
        }
        if let Some(added) = self.added_fd(class.added) {
            return Some(added);
        }
        if class.enter_uses_fd {
            return Some(self.event_fd().unwrap_or(-1));
        }
        Some(-1)
    }

    /// The fd a successful exit added to the table, as libsinsp 0.29's
    /// parsers add them (each addition sets the thread's last fd).
    fn added_fd(&self, added: Added) -> Option<i64> {
        if added == Added::None {
            return None;
        }
        let ev = self.ev;
        let ret = ev.ret().filter(|r| *r >= 0)?;
        match added {
            Added::None => None,
            Added::Ret => Some(ret),
            Added::Fd2 => ev.int("fd2"),
            // A copy of a known fd only: libsinsp leaves an unknown one.
            Added::Dup | Added::Fcntl => {
                let old = self.event_fd()?;
                self.state.fd(ev.tid(), old)?;
                if added == Added::Fcntl && !self.state.fcntl_dups(ev) {
                    return None;
                }
                Some(ret)
            }
        }
    }

    /// The fd of the event: its number (see [`EventFields::fd_num`]) and
    /// its entry, if the table has one.
    #[inline]
    fn fd_ref(&self) -> Option<(i64, Option<&'a Fd>)> {
        self.fd.get_or_init(|| {
            let num = self.fd_num()?;
            let tid = self.ev.tid();
            // A container event's thread is made up: its fds are the
            // table's (none), as before.
            let thread = match self.ev.kind {
                Kind::Container => self.state.threads.get(&tid).map(|t| &**t),
                _ => self.thread(),
            };
            Some((num, self.state.fd_of(thread, tid, num)))
        })
    }

    fn fd(&self) -> Option<&'a Fd> {
        self.fd_ref()?.1
    }

    /// Whether the event is a connect's exit that failed: libsinsp names
    /// its fd after the address the call was given.
    #[inline]
    fn failed_connect(&self) -> bool {
        self.ev.kind == Kind::ConnectX && self.ev.ret().is_some_and(|r| r < 0)
    }

    /// `fd.typechar` of an fd event without a table entry: libsinsp guesses
    /// it from the call (an open's is a file, a socket's or accept's IPv4,
    /// a pipe's a pipe), `o` for others.
    fn guessed_typechar(&self) -> u8 {
        self.class.guessed_typechar
    }

    /// `fd.name` of an fd event without a table entry (or a failed
    /// connect): an enter has none; an open's, accept's or connect's exit
    /// the name or address the call was given; any other exit the empty
    /// name.
    fn creator_name(&mut self) -> Value<'_> {
        let ev = self.ev;
        if ev.ev.direction() == Direction::Enter {
            return Value::Absent;
        }
        self.text.clear();
        match self.class.creator {
            // The path made absolute against the working directory or
            // the dirfd, as `evt.arg.name` renders it.
            Creator::Path => {
                let name = ev
                    .ev
                    .info_in(AbiRevision::Sysdig0_29)
                    .and_then(|info| info.params.iter().position(|p| p.name == "name"));
                if let Some(index) = name {
                    return self.arg_at(index);
                }
            }
            Creator::Tuple => {
                if let Some(Ok(tuple)) = ev.ev.param(AbiRevision::Current, 1) {
                    render_tuple(&tuple, self.text);
                }
            }
            Creator::Empty => {}
        }
        Value::Str(self.text.as_bytes())
    }

    /// Whether `addr` is local for the event's process (its container's
    /// address, or an interface's).
    fn is_local(&self, addr: Ipv4Addr) -> bool {
        let container = self.thread().map_or("", |t| t.container_id.as_str());
        self.state.is_local_ipv4(addr, container)
    }

    /// One end of an IPv4 socket as libsinsp 0.29's fields read it
    /// (`field` is the `ip`, `net` or `port` field of that end): a socket
    /// neither connected nor listening has none; the local end is the
    /// client's when the client address is local, else the server's; a
    /// listening socket has a server end only, and client port 0.
    fn end(&self, fd: &Fd, field: FieldId) -> Option<(Ipv4Addr, u16)> {
        use FieldId as F;
        match fd.kind {
            FdKind::Ipv4 {
                sip,
                sport,
                dip,
                dport,
                role,
                ..
            } if role != Role::None => {
                let client = (ipv4(sip), sport);
                let server = (ipv4(dip), dport);
                Some(match field {
                    F::FdCip | F::FdCnet | F::FdCport => client,
                    F::FdSip | F::FdSnet | F::FdSport => server,
                    _ => {
                        let local = field == F::FdLip || field == F::FdLnet || field == F::FdLport;
                        if self.is_local(client.0) == local {
                            client
                        } else {
                            server
                        }
                    }
                })
            }
            FdKind::Ipv4Server { ip, port, .. } => match field {
                F::FdSip | F::FdSnet | F::FdSport => Some((ipv4(ip), port)),
                // libsinsp 0.29 reads a listening socket's client port
                // as an empty string: 0.
                F::FdCport => Some((Ipv4Addr::UNSPECIFIED, 0)),
                _ => None,
            },
            _ => None,
        }
    }

    fn str<'s>(&'s mut self, text: &str) -> Value<'s> {
        self.text.clear();
        self.text.push_str(text);
        Value::Str(self.text.as_bytes())
    }
}

/// A stored string as a value.
fn s(text: &str) -> Value<'_> {
    Value::Str(text.as_bytes())
}

impl Fields for EventFields<'_, '_> {
    /// The fields rules test most are read here, inline in the evaluator;
    /// the others in [`EventFields::field`].
    #[inline(always)]
    fn get(&mut self, field: FieldId, arg: &FieldArg) -> Value<'_> {
        use FieldId as F;
        match field {
            F::FdName => match self.fd_ref() {
                None => Value::Absent,
                Some((_, Some(fd))) if !self.failed_connect() => s(&fd.name),
                Some(_) => self.creator_name(),
            },
            F::ProcName => self.thread().map_or(Value::Absent, |t| s(&t.comm)),
            F::ProcExe => self.process().map_or(Value::Absent, |t| s(&t.exe)),
            F::ProcExePath => self.process().map_or(Value::Absent, |t| s(&t.exepath)),
            _ => self.field(field, arg),
        }
    }

    #[inline(always)]
    fn event_type(&mut self) -> Option<EventTypeCode> {
        event_type_of(self.ev)
    }

    fn any(
        &mut self,
        field: FieldId,
        arg: &FieldArg,
        visit: &mut dyn FnMut(Value<'_>) -> bool,
    ) -> bool {
        use FieldId as F;
        match (field, arg) {
            // Every ancestor, from the parent up.
            (F::ProcAname | F::ProcApid, FieldArg::None) => {
                let mut n = 1;
                while let Some(t) = self.ancestor(n) {
                    let hit = if field == F::ProcAname {
                        visit(s(&t.comm))
                    } else {
                        visit(num(t.pid))
                    };
                    if hit {
                        return true;
                    }
                    n += 1;
                    if n > 4096 {
                        break;
                    }
                }
                false
            }
            // Either end of a connection: client, then server.
            (F::FdIp | F::FdNet | F::FdPort, _) => {
                let Some(fd) = self.fd() else {
                    return visit(Value::Absent);
                };
                let mut any = false;
                for (ip, port) in raw_ends(fd).into_iter().flatten() {
                    let value = if field == F::FdPort {
                        Value::U64(u64::from(port))
                    } else {
                        Value::Ip(IpAddr::V4(ip))
                    };
                    any = true;
                    if visit(value) {
                        return true;
                    }
                }
                if !any {
                    return visit(Value::Absent);
                }
                false
            }
            _ => {
                let value = self.get(field, arg);
                visit(value)
            }
        }
    }
}

impl EventFields<'_, '_> {
    /// Every field but the few [`Fields::get`] reads itself.
    #[inline(never)]
    fn field(&mut self, field: FieldId, arg: &FieldArg) -> Value<'_> {
        use FieldId as F;
        let ev = self.ev;
        match field {
            F::EvtType => match ev.ev.type_name(AbiRevision::Sysdig0_29) {
                Some(name) => s(name),
                None => Value::Absent,
            },
            F::EvtDir => s(match ev.ev.direction() {
                Direction::Enter => ">",
                Direction::Exit => "<",
            }),
            // As libsinsp 0.29 numbers them: without the newer events.
            F::EvtNum => Value::U64(ev.ev.index.saturating_sub(self.state.unnumbered)),
            F::EvtRawRes => match exit_res(ev) {
                Some(r) => Value::I64(r),
                None => Value::Absent,
            },
            F::EvtRes => match exit_res(ev) {
                Some(r) if r < 0 => match errno_name(-r) {
                    Some(name) => s(name),
                    None => {
                        self.text.clear();
                        let _ = write!(self.text, "{r}");
                        Value::Str(self.text.as_bytes())
                    }
                },
                Some(_) => s("SUCCESS"),
                None => Value::Absent,
            },
            F::EvtFailed => Value::Bool(exit_res(ev).is_some_and(|r| r < 0)),
            F::EvtIsOpenRead | F::EvtIsOpenWrite => {
                if ev.kind != Kind::OpenX {
                    return Value::Bool(false);
                }
                let flags = ev.int("flags").unwrap_or(0);
                // PPM_O_RDONLY is 1, PPM_O_WRONLY 2, PPM_O_RDWR both.
                let bit = if field == F::EvtIsOpenRead { 1 } else { 2 };
                Value::Bool(flags & bit != 0)
            }
            F::EvtArg => self.arg(arg),
            // The event's thread's name, as libsinsp 0.29 has it (a thread
            // may name itself).
            F::ProcArgs => {
                let Some(t) = self.process() else {
                    return Value::Absent;
                };
                let text = &mut *self.text;
                text.clear();
                for (i, a) in t.args.iter().enumerate() {
                    if i > 0 {
                        text.push(' ');
                    }
                    text.push_str(a);
                }
                Value::Str(self.text.as_bytes())
            }
            // The thread's name (a thread may name itself), the process's
            // arguments.
            F::ProcCmdline => {
                let (Some(thread), Some(t)) = (self.thread(), self.process()) else {
                    return Value::Absent;
                };
                let text = &mut *self.text;
                text.clear();
                text.push_str(&thread.comm);
                for a in t.args.iter() {
                    text.push(' ');
                    text.push_str(a);
                }
                Value::Str(self.text.as_bytes())
            }
            F::ProcPid => self.process().map_or(Value::Absent, |t| num(t.pid)),
            // The process's parent id as the thread table has it, known
            // parent or not (-1 for none).
            F::ProcPpid => match self.thread() {
                Some(t) if t.is_main() => num(t.clone_ptid),
                Some(t) => match self.state.threads.get(&t.pid) {
                    Some(main) => num(main.clone_ptid),
                    None => Value::Absent,
                },
                None => Value::Absent,
            },
            // The name of the thread that made the event's thread (its
            // parent in the table, libsinsp 0.29's `m_ptid`): for a thread,
            // the thread that cloned it, not the process's parent.
            F::ProcPname => match self.thread() {
                Some(t) if t.clone_ptid > 0 => self
                    .state
                    .threads
                    .get(&t.clone_ptid)
                    .map_or(Value::Absent, |p| s(&p.comm)),
                _ => Value::Absent,
            },
            F::ProcAname | F::ProcApid => {
                let n = match arg {
                    FieldArg::Index(i) => usize::try_from(*i).unwrap_or(0),
                    _ => 1,
                };
                match (self.ancestor(n), field) {
                    (Some(t), F::ProcAname) => s(&t.comm),
                    (Some(t), _) => num(t.pid),
                    (None, _) => Value::Absent,
                }
            }
            F::ProcCwd => self.process().map_or(Value::Absent, |t| s(&t.cwd)),
            F::ProcTty => self
                .process()
                .map_or(Value::Absent, |t| Value::I64(i64::from(t.tty))),
            F::ProcVpid => match self.thread() {
                Some(t) if t.vpid != -1 => num(t.vpid),
                _ => Value::Absent,
            },
            F::ProcSid => self.thread().map_or(Value::Absent, |t| num(t.sid)),
            F::UserLoginUid => self
                .thread()
                .map_or(Value::Absent, |t| Value::I64(i64::from(t.loginuid as i32))),
            F::ThreadTid => Value::I64(ev.tid()),
            F::ThreadVtid => self.thread().map_or(Value::Absent, |t| num(t.vtid)),
            F::UserUid => self
                .thread()
                .map_or(Value::Absent, |t| Value::U64(u64::from(t.uid))),
            // The capture's user and group lists, looked up now, as
            // libsinsp 0.29 does (the records keep the names the ids had
            // when they were set).
            F::UserName => match self.thread().and_then(|t| self.state.user_name("", t.uid)) {
                Some(name) => s(name),
                None => Value::Absent,
            },
            F::GroupGid => self
                .thread()
                .map_or(Value::Absent, |t| Value::U64(u64::from(t.gid))),
            F::GroupName => match self.thread().and_then(|t| self.state.group_name("", t.gid)) {
                Some(name) => s(name),
                None => Value::Absent,
            },
            F::FdNum => match self.fd_num() {
                Some(n) => Value::I64(n),
                None => Value::Absent,
            },
            F::FdType => self.fd().map_or(Value::Absent, |fd| s(fd_type(fd))),
            F::FdTypeChar => {
                let c = match self.fd_ref() {
                    Some((_, Some(fd))) => fd.type_char(),
                    Some((_, None)) => self.guessed_typechar(),
                    None => return Value::Absent,
                };
                self.text.clear();
                self.text.push(char::from(c));
                Value::Str(self.text.as_bytes())
            }
            F::FdDirectory => {
                let known = match self.fd_ref() {
                    None => return Value::Absent,
                    Some((_, fd)) => fd.map(|fd| (fd.kind, fd.name.clone())),
                };
                match known {
                    Some((FdKind::Directory, name)) => self.str(&name),
                    Some((FdKind::File, name)) => self.str(dir_name(&name)),
                    Some(_) => Value::Absent,
                    None => {
                        if matches!(self.creator_name(), Value::Absent) {
                            return Value::Absent;
                        }
                        let len = self.text.len();
                        match self.text.rfind('/') {
                            Some(0) | None => {
                                self.text.clear();
                                self.text.push('/');
                            }
                            Some(i) if i + 1 < len => self.text.truncate(i),
                            Some(_) => {}
                        }
                        Value::Str(self.text.as_bytes())
                    }
                }
            }
            F::FdFilename => match self.fd() {
                Some(fd) if fd.kind == FdKind::File => {
                    let name = fd.name.clone();
                    self.str(file_name(&name))
                }
                _ => Value::Absent,
            },
            F::FdCip
            | F::FdSip
            | F::FdLip
            | F::FdRip
            | F::FdCnet
            | F::FdSnet
            | F::FdLnet
            | F::FdRnet => match self.fd().and_then(|fd| self.end(fd, field)) {
                Some((ip, _)) => Value::Ip(IpAddr::V4(ip)),
                None => Value::Absent,
            },
            F::FdCport | F::FdSport | F::FdLport | F::FdRport => {
                match self.fd().and_then(|fd| self.end(fd, field)) {
                    Some((_, port)) => Value::U64(u64::from(port)),
                    None => Value::Absent,
                }
            }
            F::FdIp | F::FdNet => match self.fd().and_then(|fd| raw_ends(fd)[0]) {
                Some((ip, _)) => Value::Ip(IpAddr::V4(ip)),
                None => Value::Absent,
            },
            F::FdPort => match self.fd().and_then(|fd| raw_ends(fd)[0]) {
                Some((_, port)) => Value::U64(u64::from(port)),
                None => Value::Absent,
            },
            F::FdL4Proto => match self.fd().map(|fd| &fd.kind) {
                None => Value::Absent,
                Some(FdKind::Ipv4 { proto, role, .. }) => match (*proto, role) {
                    (IPPROTO_RAW, _) => s("raw"),
                    (_, Role::None) => s("<NA>"),
                    (p, _) => s(l4_name(p)),
                },
                Some(FdKind::Ipv4Server { proto, .. }) => s(l4_name(*proto)),
                Some(_) => s("<NA>"),
            },
            F::FdSockFamily => match self.fd().map(|fd| &fd.kind) {
                Some(FdKind::Ipv4 { .. } | FdKind::Ipv4Server { .. } | FdKind::Ipv6) => s("ip"),
                Some(FdKind::Unix) => s("unix"),
                _ => Value::Absent,
            },
            // The server end is this machine's (libsinsp does not look at
            // who connected).
            F::FdIsServer => match self.fd().map(|fd| fd.kind) {
                Some(FdKind::Ipv4Server { .. }) => Value::Bool(true),
                Some(FdKind::Ipv4 { dip, .. }) => Value::Bool(self.is_local(ipv4(dip))),
                Some(_) => Value::Bool(false),
                None => Value::Absent,
            },
            F::ContainerId => match self.thread() {
                Some(t) if t.container_id.is_empty() => s("host"),
                Some(t) => s(&t.container_id),
                None => Value::Absent,
            },
            F::ContainerName
            | F::ContainerImage
            | F::ContainerImageRepository
            | F::ContainerPrivileged => self.container(field),
            // Anything newer: the state does not keep it.
            _ => Value::Absent,
        }
    }

    /// `container.name`, `.image`, `.image.repository`, `.privileged`:
    /// absent for an empty name or image (and outside containers, but the
    /// name, `host`); privileged only for docker-compatible runtimes.
    fn container(&mut self, field: FieldId) -> Value<'_> {
        use FieldId as F;
        let Some(t) = self.thread() else {
            return Value::Absent;
        };
        if t.container_id.is_empty() {
            return match field {
                F::ContainerName => s("host"),
                _ => Value::Absent,
            };
        }
        let Some(info) = self.state.containers.get(&t.container_id) else {
            return Value::Absent;
        };
        let text = match field {
            F::ContainerName => &info.name,
            F::ContainerImage => &info.image,
            F::ContainerImageRepository => &info.image_repo,
            // CT_DOCKER, CT_CRI, CT_CONTAINERD, CT_CRIO, CT_PODMAN.
            _ if matches!(info.kind, 0 | 6 | 7 | 8 | 11) => return Value::Bool(info.privileged),
            _ => return Value::Absent,
        };
        if text.is_empty() {
            return Value::Absent;
        }
        s(text)
    }

    /// `evt.arg.NAME` or `evt.arg[N]`: the parameter as libsinsp 0.29
    /// renders it (see `args`), by the names and types of its event table;
    /// absent when the event has no such parameter.
    fn arg(&mut self, arg: &FieldArg) -> Value<'_> {
        let ev = self.ev;
        let Some(info) = ev.ev.info_in(AbiRevision::Sysdig0_29) else {
            return Value::Absent;
        };
        let index = match arg {
            FieldArg::Index(i) => usize::try_from(*i).ok(),
            FieldArg::Name(name) => info.params.iter().position(|p| p.name == &**name),
            _ => None,
        };
        match index {
            Some(index) => self.arg_at(index),
            None => Value::Absent,
        }
    }

    /// Parameter `index` of the event as `evt.arg[index]` renders it.
    fn arg_at(&mut self, index: usize) -> Value<'_> {
        let ev = self.ev;
        let Some(info) = ev.ev.info_in(AbiRevision::Sysdig0_29) else {
            return Value::Absent;
        };
        let Some(param) = info.params.get(index) else {
            return Value::Absent;
        };
        if param.ty == ParamType::FdList {
            // Rendered from its bytes: decoding would make a list.
            let Some(raw) = ev.ev.raw_param(index) else {
                return Value::Absent;
            };
            let cx = args::ArgContext {
                state: self.state,
                tid: ev.tid(),
                cwd: "",
                syscall: "",
            };
            self.text.clear();
            args::render_fd_list(&cx, raw, self.text);
            return Value::Str(self.text.as_bytes());
        }
        let Some(Ok(value)) = ev.ev.param(AbiRevision::Sysdig0_29, index) else {
            return Value::Absent;
        };
        // The dirfd a relative path parameter is relative to.
        let dirfd_name = match param.name {
            "oldpath" => "olddirfd",
            "newpath" => "newdirfd",
            _ => "dirfd",
        };
        let dirfd = info
            .params
            .iter()
            .position(|p| p.name == dirfd_name)
            .and_then(|i| ev.ev.param(AbiRevision::Sysdig0_29, i)?.ok())
            .and_then(|v| as_int(&v));
        let state = self.state;
        let cx = args::ArgContext {
            state,
            tid: ev.tid(),
            cwd: state.main_thread(ev.tid()).map_or("", |t| t.cwd.as_str()),
            syscall: ev.ev.type_name(AbiRevision::Sysdig0_29).unwrap_or(""),
        };
        self.text.clear();
        args::render(&cx, info.name, param, &value, dirfd, self.text);
        Value::Str(self.text.as_bytes())
    }
}

/// `evt.type` of `ev` as a code ([`Fields::event_type`]).
#[inline]
pub(crate) fn event_type_of(ev: &Ev<'_>) -> Option<EventTypeCode> {
    let e = &ev.ev;
    if e.event_type <= 1
        && let Some(code) = e.generic_syscall()
    {
        return classes::generic(code);
    }
    classes::class(e.event_type).type_code
}

/// A number as the signed value fields of pids and ids hold.
fn num(n: i64) -> Value<'static> {
    Value::I64(n)
}

/// An event's result as libsinsp 0.29 finds it: its `res` parameter, or
/// the `fd` of an exit that creates one (by the 2022 table's names);
/// `None` for events with neither.
fn exit_res(ev: &Ev<'_>) -> Option<i64> {
    let index = classes::class(ev.ev.event_type).res?;
    as_int(
        &ev.ev
            .param(AbiRevision::Sysdig0_29, usize::from(index))?
            .ok()?,
    )
}

/// libsinsp's name for an fd's type.
fn fd_type(fd: &Fd) -> &'static str {
    match fd.kind {
        FdKind::File => "file",
        FdKind::Directory => "directory",
        FdKind::Ipv4 { .. } | FdKind::Ipv4Server { .. } => "ipv4",
        FdKind::Ipv6 => "ipv6",
        FdKind::Unix => "unix",
        FdKind::Pipe => "pipe",
        FdKind::Other(c) => match c {
            b'e' => "event",
            b's' => "signalfd",
            b'l' => "eventpoll",
            b'i' => "inotify",
            b't' => "timerfd",
            b'n' => "netlink",
            b'b' => "bpf",
            b'u' => "userfaultfd",
            b'r' => "io_uring",
            b'm' => "memfd",
            _ => "unknown",
        },
    }
}

/// A file's directory as libsinsp 0.29 cuts it: up to the last `/`,
/// `/` when that is the first character or there is none, the whole name
/// when it ends in `/`. (A slice of `name`, except the `/` fallback.)
fn dir_name(name: &str) -> &str {
    match name.rfind('/') {
        Some(0) | None => "/",
        Some(i) if i + 1 < name.len() => &name[..i],
        Some(_) => name,
    }
}

/// A file's name as libsinsp 0.29 cuts it: after the last `/`, the whole
/// name when it ends in `/`, and `/` when it has none.
fn file_name(name: &str) -> &str {
    match name.rfind('/') {
        Some(i) if i + 1 < name.len() => &name[i + 1..],
        Some(_) => name,
        None => "/",
    }
}

/// The protocol letter libsinsp 0.29 writes after an IP socket's type
/// character (`<4t>`): none before the socket has a role.
fn l4_char(fd: &Fd) -> Option<char> {
    let proto = match fd.kind {
        FdKind::Ipv4 { proto, role, .. } if role != Role::None || proto == IPPROTO_RAW => proto,
        FdKind::Ipv4Server { proto, .. } => proto,
        _ => return None,
    };
    match proto {
        6 => Some('t'),
        17 => Some('u'),
        1 => Some('i'),
        IPPROTO_RAW => Some('r'),
        _ => None,
    }
}

/// A layer-4 protocol's name, from the IP protocol number the state keeps.
fn l4_name(proto: u8) -> &'static str {
    match proto {
        6 => "tcp",
        17 => "udp",
        1 => "icmp",
        IPPROTO_RAW => "raw",
        _ => "<NA>",
    }
}

/// `IPPROTO_RAW`.
const IPPROTO_RAW: u8 = 255;

/// An address as the state keeps it (network order read little-endian).
fn ipv4(a: u32) -> Ipv4Addr {
    Ipv4Addr::from(a.to_le_bytes())
}

/// The ends `fd.ip`, `fd.port` and `fd.net` compare: an IPv4 socket's
/// client and server, connected or not; a listening socket's address.
fn raw_ends(fd: &Fd) -> [Option<(Ipv4Addr, u16)>; 2] {
    match fd.kind {
        FdKind::Ipv4 {
            sip,
            sport,
            dip,
            dport,
            ..
        } => [Some((ipv4(sip), sport)), Some((ipv4(dip), dport))],
        FdKind::Ipv4Server { ip, port, .. } => [Some((ipv4(ip), port)), None],
        // The state keeps no IPv6 addresses: an IPv6 socket's are compared
        // as unspecified, which libsinsp 0.29 compares byte for byte with
        // an IPv4 value as 0.0.0.0.
        FdKind::Ipv6 => [
            Some((Ipv4Addr::UNSPECIFIED, 0)),
            Some((Ipv4Addr::UNSPECIFIED, 0)),
        ],
        _ => [None, None],
    }
}

/// Linux's errno names (x86-64), as libsinsp prints results.
fn errno_name(errno: i64) -> Option<&'static str> {
    const NAMES: [&str; 134] = [
        "",
        "EPERM",
        "ENOENT",
        "ESRCH",
        "EINTR",
        "EIO",
        "ENXIO",
        "E2BIG",
        "ENOEXEC",
        "EBADF",
        "ECHILD",
        "EAGAIN",
        "ENOMEM",
        "EACCES",
        "EFAULT",
        "ENOTBLK",
        "EBUSY",
        "EEXIST",
        "EXDEV",
        "ENODEV",
        "ENOTDIR",
        "EISDIR",
        "EINVAL",
        "ENFILE",
        "EMFILE",
        "ENOTTY",
        "ETXTBSY",
        "EFBIG",
        "ENOSPC",
        "ESPIPE",
        "EROFS",
        "EMLINK",
        "EPIPE",
        "EDOM",
        "ERANGE",
        "EDEADLK",
        "ENAMETOOLONG",
        "ENOLCK",
        "ENOSYS",
        "ENOTEMPTY",
        "ELOOP",
        "",
        "ENOMSG",
        "EIDRM",
        "ECHRNG",
        "EL2NSYNC",
        "EL3HLT",
        "EL3RST",
        "ELNRNG",
        "EUNATCH",
        "ENOCSI",
        "EL2HLT",
        "EBADE",
        "EBADR",
        "EXFULL",
        "ENOANO",
        "EBADRQC",
        "EBADSLT",
        "",
        "EBFONT",
        "ENOSTR",
        "ENODATA",
        "ETIME",
        "ENOSR",
        "ENONET",
        "ENOPKG",
        "EREMOTE",
        "ENOLINK",
        "EADV",
        "ESRMNT",
        "ECOMM",
        "EPROTO",
        "EMULTIHOP",
        "EDOTDOT",
        "EBADMSG",
        "EOVERFLOW",
        "ENOTUNIQ",
        "EBADFD",
        "EREMCHG",
        "ELIBACC",
        "ELIBBAD",
        "ELIBSCN",
        "ELIBMAX",
        "ELIBEXEC",
        "EILSEQ",
        "ERESTART",
        "ESTRPIPE",
        "EUSERS",
        "ENOTSOCK",
        "EDESTADDRREQ",
        "EMSGSIZE",
        "EPROTOTYPE",
        "ENOPROTOOPT",
        "EPROTONOSUPPORT",
        "ESOCKTNOSUPPORT",
        "EOPNOTSUPP",
        "EPFNOSUPPORT",
        "EAFNOSUPPORT",
        "EADDRINUSE",
        "EADDRNOTAVAIL",
        "ENETDOWN",
        "ENETUNREACH",
        "ENETRESET",
        "ECONNABORTED",
        "ECONNRESET",
        "ENOBUFS",
        "EISCONN",
        "ENOTCONN",
        "ESHUTDOWN",
        "ETOOMANYREFS",
        "ETIMEDOUT",
        "ECONNREFUSED",
        "EHOSTDOWN",
        "EHOSTUNREACH",
        "EALREADY",
        "EINPROGRESS",
        "ESTALE",
        "EUCLEAN",
        "ENOTNAM",
        "ENAVAIL",
        "EISNAM",
        "EREMOTEIO",
        "EDQUOT",
        "ENOMEDIUM",
        "EMEDIUMTYPE",
        "ECANCELED",
        "ENOKEY",
        "EKEYEXPIRED",
        "EKEYREVOKED",
        "EKEYREJECTED",
        "EOWNERDEAD",
        "ENOTRECOVERABLE",
        "ERFKILL",
        "EHWPOISON",
    ];
    // The kernel's own codes, which reach user space only in traces
    // (an interrupted call about to restart).
    const KERNEL: [&str; 19] = [
        "ERESTARTSYS",
        "ERESTARTNOINTR",
        "ERESTARTNOHAND",
        "ENOIOCTLCMD",
        "ERESTART_RESTARTBLOCK",
        "EPROBE_DEFER",
        "EOPENSTALE",
        "ENOPARAM",
        "",
        "EBADHANDLE",
        "ENOTSYNC",
        "EBADCOOKIE",
        "ENOTSUPP",
        "ETOOSMALL",
        "ESERVERFAULT",
        "EBADTYPE",
        "EJUKEBOX",
        "EIOCBQUEUED",
        "ERECALLCONFLICT",
    ];
    let i = usize::try_from(errno).ok()?;
    let name = match i {
        512.. => *KERNEL.get(i - 512)?,
        _ => *NAMES.get(i)?,
    };
    (!name.is_empty()).then_some(name)
}

/// A socket tuple or address as libsinsp 0.29 prints it (ports as numbers,
/// no name resolution): `a.b.c.d:p->e.f.g.h:q`, a unix tuple's two kernel
/// addresses in hex and its path, `NULL` for an empty one.
fn render_tuple(value: &ParamValue<'_>, text: &mut String) {
    match value {
        ParamValue::SockTuple(SockTuple::Inet { src, dst }) => {
            let _ = write!(text, "{src}->{dst}");
        }
        ParamValue::SockTuple(SockTuple::Inet6 { src, dst }) => {
            // Both ends IPv4-mapped: an IPv4 tuple.
            if let (Some(s), Some(d)) = (src.ip().to_ipv4_mapped(), dst.ip().to_ipv4_mapped()) {
                let _ = write!(text, "{s}:{}->{d}:{}", src.port(), dst.port());
                return;
            }
            let _ = write!(
                text,
                "{}:{}->{}:{}",
                src.ip(),
                src.port(),
                dst.ip(),
                dst.port()
            );
        }
        ParamValue::SockTuple(SockTuple::Unix { source, dest, path }) => {
            let _ = write!(
                text,
                "{source:x}->{dest:x} {}",
                String::from_utf8_lossy(path)
            );
        }
        ParamValue::SockTuple(SockTuple::Other { family, .. })
        | ParamValue::SockAddr(SockAddr::Other { family, .. }) => {
            let _ = write!(text, "family {family}");
        }
        ParamValue::SockAddr(SockAddr::Inet(a)) => {
            let _ = write!(text, "{a}");
        }
        ParamValue::SockAddr(SockAddr::Inet6(a)) => {
            let _ = write!(text, "{}:{}", a.ip(), a.port());
        }
        ParamValue::SockAddr(SockAddr::Unix(path)) => {
            text.push_str(&String::from_utf8_lossy(path));
        }
        ParamValue::Empty => text.push_str("NULL"),
        _ => {}
    }
}
