//! Exit-only events of the current ABI rewritten as the enter/exit pairs of
//! the 2022 ABI, which sysdig 0.29.3 (libs e5c53d64) and the libsinsp of
//! that age need.
//!
//! Current drivers, our probe among them, send one exit event per system
//! call that carries the enter's parameters too. libsinsp of 2022 reads
//! those parameters from the enter event, and applies some state changes
//! (a close, a setuid, a dup's source fd) only when it has one: given an
//! exit-only capture it leaves closed fds open and ids unchanged. This
//! module gives each exit the enter a 2022 driver would have sent, in the
//! layouts of that year:
//!
//! - an exit whose id the 2022 table knows keeps its id and the parameters
//!   that table lists (ids are never renumbered and parameters only ever
//!   appended, so the slots mean the same); its enter gets each of its
//!   parameters from the exit parameter of the same name;
//! - a newer id whose syscall a 2022 driver reported under an older pair
//!   (`dup2` as `dup`, `pipe2` as `pipe`, `accept4` `_6` as `_5`, …) is
//!   rewritten into that pair;
//! - any other syscall becomes the generic pair (ids 0 and 1) with the
//!   2022 syscall code, as a 2022 driver reported syscalls it had no event
//!   for; events that are not syscalls and that 2022 does not know are
//!   dropped.
//!
//! An exit whose enter is already in the input (older captures) gets no
//! second one, and neither does a clone-family exit in the child, which
//! never has one.
//!
//! Process-list entries lose the fields of the longer tail libs 0.10
//! introduced (`LegacyConverter::process`): a 2022 reader takes the first
//! bytes of that tail for the login uid.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::abi::{AbiRevision, EventInfo, ParamInfo, ParamType};
use crate::event::Event;
use crate::process::ProcessEntry;

/// Generic syscall events of both revisions (`PPME_GENERIC_E`/`_X`).
const GENERIC_E: u16 = 0;
const GENERIC_X: u16 = 1;

/// Rewrites a stream of events (in capture order) into the 2022 ABI: each
/// exit gets the enter a 2022 driver would have sent, in that year's
/// layouts, and what 2022 does not know becomes a generic syscall event or
/// is dropped (the rules are in the header of `src/legacy.rs`, a private
/// module).
#[derive(Debug, Default)]
pub struct LegacyConverter {
    /// The last event id of each thread, to tell whether an exit's enter is
    /// already in the input.
    last: HashMap<u64, u16>,
}

/// What one current event id becomes.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// Passed through: an enter, or an event without a pair (`procexit`).
    Keep,
    /// An exit of a pair the 2022 table knows: `(enter id, exit id)`;
    /// `same_id` when the exit keeps its id (slots copied as they are),
    /// otherwise its parameters are filled by name.
    Pair {
        enter: u16,
        exit: u16,
        same_id: bool,
    },
    /// The generic pair for 2022 syscall code `code`.
    Generic { code: u16 },
    /// Nothing a 2022 reader would know.
    Drop,
}

/// Newer exits that a 2022 driver reported under an older pair, by the
/// current symbol: the 2022 exit symbol.
const REMAPPED: [(&str, &str); 8] = [
    ("PPME_SYSCALL_DUP_1_X", "PPME_SYSCALL_DUP_X"),
    ("PPME_SYSCALL_DUP2_X", "PPME_SYSCALL_DUP_X"),
    ("PPME_SYSCALL_DUP3_X", "PPME_SYSCALL_DUP_X"),
    ("PPME_SYSCALL_PIPE2_X", "PPME_SOCKET_PIPE_X"),
    ("PPME_SOCKET_ACCEPT4_6_X", "PPME_SOCKET_ACCEPT4_5_X"),
    ("PPME_SYSCALL_EVENTFD2_X", "PPME_SYSCALL_EVENTFD_X"),
    ("PPME_SYSCALL_SIGNALFD4_X", "PPME_SYSCALL_SIGNALFD_X"),
    (
        "PPME_SYSCALL_INOTIFY_INIT1_X",
        "PPME_SYSCALL_INOTIFY_INIT_X",
    ),
];

/// 2022 parameter names that the current exit calls otherwise, by 2022
/// event symbol: `(2022 name, current name)`.
const RENAMED: [(&str, &str, &str); 1] = [("PPME_SYSCALL_DUP_E", "fd", "oldfd")];

/// Clone-family exits: the child's (result 0) has no enter.
const CLONE_EXITS: [&str; 4] = [
    "PPME_SYSCALL_CLONE_20_X",
    "PPME_SYSCALL_FORK_20_X",
    "PPME_SYSCALL_VFORK_20_X",
    "PPME_SYSCALL_CLONE3_X",
];

fn plans() -> &'static [Plan] {
    static PLANS: OnceLock<Vec<Plan>> = OnceLock::new();
    PLANS.get_or_init(|| {
        let old = AbiRevision::Sysdig0_29;
        let by_symbol: HashMap<&str, u16> = old
            .all_events()
            .iter()
            .map(|e| (e.symbol.trim_start_matches("PPME_"), e.id))
            .collect();
        AbiRevision::Current
            .all_events()
            .iter()
            .map(|e| plan(e, old, &by_symbol))
            .collect()
    })
}

fn plan(e: &EventInfo, old: AbiRevision, by_symbol: &HashMap<&str, u16>) -> Plan {
    let known = old.event(e.id).filter(|o| o.name == e.name);
    if e.id.is_multiple_of(2) || e.id == GENERIC_X {
        return if known.is_some() {
            Plan::Keep
        } else {
            Plan::Drop
        };
    }
    if known.is_some() {
        return Plan::Pair {
            enter: e.id - 1,
            exit: e.id,
            same_id: true,
        };
    }
    if let Some((_, target)) = REMAPPED.iter().find(|(s, _)| *s == e.symbol)
        && let Some(&exit) = by_symbol.get(target.trim_start_matches("PPME_"))
    {
        return Plan::Pair {
            enter: exit - 1,
            exit,
            same_id: false,
        };
    }
    // A syscall exit (its enter, in the current table, is a syscall's)
    // that 2022 reported generically, by its syscall code.
    let syscall = e.symbol.starts_with("PPME_SYSCALL_") || e.symbol.starts_with("PPME_SOCKET_");
    match (0..512u16).find(|&c| old.syscall_name(c) == Some(e.name)) {
        Some(code) if syscall => Plan::Generic { code },
        _ => Plan::Drop,
    }
}

impl LegacyConverter {
    /// A converter that has seen no event.
    pub fn new() -> LegacyConverter {
        LegacyConverter::default()
    }

    /// `p` as a 2022 reader reads a process-list entry: without the fields
    /// that only the longer tail of libs 0.10 and later holds (the pid
    /// namespace's start, the terminal, the executable's inode and layers,
    /// the process group), so that [`ScapWriter`](crate::ScapWriter) writes
    /// the short tail. sysdig 0.29.3 reads the login uid from the first
    /// four bytes after the root directory, which in the longer tail are
    /// the low half of the pid namespace's start time (0 for our live
    /// captures, so every listed process was root's login). It reads none
    /// of the fields dropped here.
    pub fn process(&self, p: &ProcessEntry) -> ProcessEntry {
        let mut p = p.clone();
        p.pidns_init_start_ts = None;
        p.tty = None;
        p.exe_upper_layer = None;
        p.exe_ino = None;
        p.exe_ino_ctime = None;
        p.exe_ino_mtime = None;
        p.exe_from_memfd = None;
        p.exe_lower_layer = None;
        p.pgid = None;
        p
    }

    /// Appends to `out` the events of the 2022 ABI that stand for `ev`
    /// (none, one, or an enter and an exit), in order.
    pub fn convert(&mut self, ev: &Event, out: &mut Vec<Event>) {
        let Some(info) = ev.info() else { return };
        let plan = plans()
            .get(usize::from(ev.event_type))
            .copied()
            .unwrap_or(Plan::Drop);
        let old = AbiRevision::Sysdig0_29;
        let last = self.last.insert(ev.tid, ev.event_type);
        match plan {
            Plan::Drop => {}
            Plan::Keep => {
                if let Some(o) = old.event(ev.event_type) {
                    out.push(by_slot(ev, info, o));
                }
            }
            Plan::Generic { code } => {
                if last != Some(GENERIC_E) {
                    let params: [&[u8]; 2] = [&code.to_le_bytes(), &0u16.to_le_bytes()];
                    out.push(Event::new(ev.ts, ev.tid, ev.cpu, GENERIC_E, &params));
                }
                out.push(Event::new(
                    ev.ts,
                    ev.tid,
                    ev.cpu,
                    GENERIC_X,
                    &[&code.to_le_bytes()],
                ));
            }
            Plan::Pair {
                enter,
                exit,
                same_id,
            } => {
                let (Some(oe), Some(ox)) = (old.event(enter), old.event(exit)) else {
                    return;
                };
                let child_of_clone = CLONE_EXITS.contains(&info.symbol)
                    && ev.raw_param(0).and_then(|r| int(r, ParamType::Pid)) == Some(0);
                if last != Some(enter) && !child_of_clone {
                    out.push(by_name(ev, info, oe));
                }
                out.push(if same_id {
                    by_slot(ev, info, ox)
                } else {
                    by_name(ev, info, ox)
                });
            }
        }
        if let Some(e) = out.last() {
            self.last.insert(ev.tid, e.event_type);
        }
    }
}

/// `ev` with the 2022 table's slots of `to`, each in that table's width.
fn by_slot(ev: &Event, from: &EventInfo, to: &EventInfo) -> Event {
    let params: Vec<Vec<u8>> = to
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| fit(p, ev.raw_param(i), from.params.get(i).map(|f| f.ty)))
        .collect();
    build(ev, to.id, &params)
}

/// Event `to` of the 2022 table, each parameter taken from `ev`'s
/// parameter of the same name (a default when it has none).
fn by_name(ev: &Event, from: &EventInfo, to: &EventInfo) -> Event {
    let params: Vec<Vec<u8>> = to
        .params
        .iter()
        .map(|p| {
            let name = RENAMED
                .iter()
                .find(|(s, n, _)| *s == to.symbol && *n == p.name)
                .map_or(p.name, |(_, _, current)| current);
            let slot = from.params.iter().position(|f| f.name == name);
            let raw = slot.and_then(|i| ev.raw_param(i));
            fit(p, raw, slot.and_then(|i| from.params.get(i)).map(|f| f.ty))
        })
        .collect();
    build(ev, to.id, &params)
}

fn build(ev: &Event, id: u16, params: &[Vec<u8>]) -> Event {
    let refs: Vec<&[u8]> = params.iter().map(Vec::as_slice).collect();
    Event::new(ev.ts, ev.tid, ev.cpu, id, &refs)
}

/// `raw` (of type `from`) as parameter `to`: integers sign- or
/// zero-extended or cut to `to`'s width, and a missing or empty integer
/// given the value a driver would have sent (0, or -1 for ids); anything
/// else as it is. libsinsp of 2022 reads integer parameters without
/// checking their length.
fn fit(to: &ParamInfo, raw: Option<&[u8]>, from: Option<ParamType>) -> Vec<u8> {
    let Some(width) = int_width(to.ty) else {
        return raw.map(<[u8]>::to_vec).unwrap_or_default();
    };
    let value = match (raw, from) {
        (Some(r), Some(f)) if !r.is_empty() => int(r, f),
        _ => None,
    }
    .unwrap_or(match to.ty {
        ParamType::Uid | ParamType::Gid => u32::MAX.into(),
        _ => 0,
    });
    value.to_le_bytes()[..width].to_vec()
}

/// The little-endian integer `raw` holds, sign-extended for signed types.
fn int(raw: &[u8], ty: ParamType) -> Option<i64> {
    let mut bytes = [0u8; 8];
    bytes.get_mut(..raw.len())?.copy_from_slice(raw);
    let v = i64::from_le_bytes(bytes);
    let bits = raw.len() * 8;
    Some(if signed(ty) && bits > 0 && bits < 64 {
        (v << (64 - bits)) >> (64 - bits)
    } else {
        v
    })
}

fn signed(ty: ParamType) -> bool {
    use ParamType as T;
    matches!(
        ty,
        T::Int8
            | T::Int16
            | T::Int32
            | T::Int64
            | T::Errno
            | T::Fd
            | T::Pid
            | T::Fd32
            | T::Pid32
            | T::RelTime
    )
}

/// The width of a fixed-size integer type; `None` for any other.
fn int_width(ty: ParamType) -> Option<usize> {
    use ParamType as T;
    Some(match ty {
        T::Int8 | T::Uint8 | T::Flags8 | T::EnumFlags8 | T::SigType | T::L4Proto => 1,
        T::SockFamily => 1,
        T::Int16 | T::Uint16 | T::Flags16 | T::EnumFlags16 | T::SyscallId | T::Port => 2,
        T::Int32 | T::Uint32 | T::Flags32 | T::EnumFlags32 | T::Uid | T::Gid | T::Mode => 4,
        T::Fd32 | T::Pid32 | T::Bool => 4,
        T::Int64 | T::Uint64 | T::Errno | T::Fd | T::Pid | T::RelTime | T::AbsTime => 8,
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
