//! What the filter's fields need to know of each event id, worked out once
//! from sysdig 0.29's table (names, flags, parameter places) instead of
//! from names on every event: the filter runs on every event the
//! processors take, so its per-event work is table reads.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use sysflow_capture::{AbiRevision, Direction, EventFlags, event_info};
use sysflow_filter::{EventTypeCode, event_type_code};

/// One event id, as the filter's fields read it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Class {
    /// `evt.type`'s code; `None` for an id sysdig 0.29 does not know (and
    /// for generic events, whose name is their syscall's: see [`generic`]).
    pub type_code: Option<EventTypeCode>,
    /// The id's flags in sysdig 0.29's table, or the current one's for ids
    /// 0.29 does not know.
    pub flags: EventFlags,
    /// Whether the id before (an exit's enter) uses an fd.
    pub enter_uses_fd: bool,
    /// Which fd a successful exit adds to the table.
    pub added: Added,
    /// The parameter `evt.rawres` reads: `res`, or an fd-creating exit's
    /// `fd`.
    pub res: Option<u8>,
    /// `fd.typechar` of the event's fd when the table has no entry.
    pub guessed_typechar: u8,
    /// Where `fd.name` comes from when the table has no entry.
    pub creator: Creator,
}

/// The fd a successful exit adds, as libsinsp 0.29's parsers add them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Added {
    /// None.
    None,
    /// The result (open, socket, accept, eventfd, ...).
    Ret,
    /// The `fd2` parameter (pipe, socketpair).
    Fd2,
    /// The result, if it copies a known fd (dup, dup2, dup3).
    Dup,
    /// The result, if the call duplicates a known fd (fcntl).
    Fcntl,
}

/// What names the fd of an event whose fd the table lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Creator {
    /// The empty name.
    Empty,
    /// The `name` parameter (the opens).
    Path,
    /// The tuple parameter (accept, connect).
    Tuple,
}

const UNKNOWN: Class = Class {
    type_code: None,
    flags: EventFlags::NONE,
    enter_uses_fd: false,
    added: Added::None,
    res: None,
    guessed_typechar: b'o',
    creator: Creator::Empty,
};

/// The class of event id `id`.
#[inline]
pub(super) fn class(id: u16) -> &'static Class {
    static CLASSES: OnceLock<Box<[Class]>> = OnceLock::new();
    CLASSES
        .get_or_init(|| {
            let max = AbiRevision::Current
                .event_max()
                .max(AbiRevision::Sysdig0_29.event_max());
            (0..max).map(build).collect()
        })
        .get(usize::from(id))
        .unwrap_or(&UNKNOWN)
}

/// `evt.type`'s code for a generic event of syscall `code`; `None` where
/// sysdig 0.29 has no name for it.
#[inline]
pub(super) fn generic(code: u16) -> Option<EventTypeCode> {
    /// Each syscall's answer, filled in at its first event (few syscalls
    /// are generic events in a capture): 0 not yet known, 1 no name, else
    /// the code plus 2. Larger syscall codes are looked up every time.
    static GENERIC: [AtomicU32; 1024] = [const { AtomicU32::new(0) }; 1024];
    let lookup = |code| {
        AbiRevision::Sysdig0_29
            .generic_syscall_name(code)
            .map(event_type_code)
    };
    let Some(slot) = GENERIC.get(usize::from(code)) else {
        return lookup(code);
    };
    match slot.load(Ordering::Relaxed) {
        0 => {
            let found = lookup(code);
            let stored = found.map_or(1, |c| u32::from(c.index()) + 2);
            slot.store(stored, Ordering::Relaxed);
            found
        }
        1 => None,
        n => Some(EventTypeCode::from_index((n - 2) as u16)),
    }
}

fn table_flags(id: u16) -> EventFlags {
    AbiRevision::Sysdig0_29
        .event(id)
        .or_else(|| event_info(id))
        .map_or(EventFlags::NONE, |i| i.flags)
}

fn build(id: u16) -> Class {
    let flags = table_flags(id);
    let enter_uses_fd = table_flags(id.wrapping_sub(1)).contains(EventFlags::USES_FD);
    let Some(info) = AbiRevision::Sysdig0_29.event(id) else {
        return Class {
            flags,
            enter_uses_fd,
            ..UNKNOWN
        };
    };
    let name = info.name;
    let added = match name {
        "open" | "openat" | "openat2" | "creat" | "socket" | "accept" | "accept4" | "eventfd"
        | "signalfd" | "timerfd_create" | "inotify_init" => Added::Ret,
        "pipe" | "socketpair" => Added::Fd2,
        "dup" | "dup2" | "dup3" => Added::Dup,
        "fcntl" => Added::Fcntl,
        _ => Added::None,
    };
    let creates =
        Direction::of(id) == Direction::Exit && info.flags.contains(EventFlags::CREATES_FD);
    let res = info
        .params
        .iter()
        .position(|p| p.name == "res")
        .or_else(|| {
            creates
                .then(|| info.params.iter().position(|p| p.name == "fd"))
                .flatten()
        })
        .and_then(|i| u8::try_from(i).ok());
    let guessed_typechar = match name {
        "open" | "openat" | "openat2" | "creat" => b'f',
        "socket" | "accept" | "accept4" => b'4',
        "pipe" => b'p',
        "eventfd" => b'e',
        "signalfd" => b's',
        "timerfd_create" => b't',
        "inotify_init" => b'i',
        _ => b'o',
    };
    let creator = match name {
        "open" | "creat" | "openat" | "openat2" => Creator::Path,
        "accept" | "accept4" | "connect" => Creator::Tuple,
        _ => Creator::Empty,
    };
    Class {
        type_code: Some(event_type_code(name)),
        flags,
        enter_uses_fd,
        added,
        res,
        guessed_typechar,
        creator,
    }
}
