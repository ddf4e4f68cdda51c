//! Falco's kernel event ABI: event ids, names, flags and parameter layouts.
//!
//! Two revisions of the tables are built in (see [`AbiRevision`]): the current
//! libs tables, and the 2022-03 snapshot that sysdig 0.29.3 is linked against.
//! Event ids are never reused or renumbered between revisions, so either table
//! decodes the bytes of any event it knows; the revisions differ in parameter
//! *names*, declared types (e.g. `INT32` vs `UID`) and parameter counts.

mod table;

#[cfg(test)]
mod tests;

/// Which revision of Falco's event tables to consult.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum AbiRevision {
    /// The current falcosecurity/libs tables (454 event ids).
    #[default]
    Current,
    /// libs commit e5c53d64 (2022-03), used by Debian's sysdig 0.29.3 (336 event ids).
    Sysdig0_29,
}

impl AbiRevision {
    fn events(self) -> &'static [EventInfo] {
        match self {
            AbiRevision::Current => &table::EVENTS_CURRENT,
            AbiRevision::Sysdig0_29 => &table::EVENTS_SYSDIG_0_29,
        }
    }

    /// Number of event ids this revision knows (`PPM_EVENT_MAX`). Readers of
    /// this revision skip larger ids without numbering them.
    pub fn event_max(self) -> u16 {
        match self {
            AbiRevision::Current => table::EVENT_MAX_CURRENT,
            AbiRevision::Sysdig0_29 => table::EVENT_MAX_SYSDIG_0_29,
        }
    }

    /// The table entry for event type `id`, if this revision knows it.
    pub fn event(self, id: u16) -> Option<&'static EventInfo> {
        self.events().get(usize::from(id))
    }

    /// All table entries of this revision, indexed by id.
    pub fn all_events(self) -> &'static [EventInfo] {
        self.events()
    }

    /// The PPM_SC syscall name for code `code` (as carried by
    /// [`ParamType::SyscallId`] parameters), if known.
    pub fn syscall_name(self, code: u16) -> Option<&'static str> {
        let names: &'static [&'static str] = match self {
            AbiRevision::Current => &table::SYSCALLS_CURRENT,
            AbiRevision::Sysdig0_29 => &table::SYSCALLS_SYSDIG_0_29,
        };
        names
            .get(usize::from(code))
            .copied()
            .filter(|n| !n.is_empty())
    }

    /// The syscall name a reader of this revision shows as the event type of
    /// a generic syscall event (ids 0 and 1) whose `ID` parameter is `code`.
    ///
    /// sysdig 0.29.3 takes these names from its own syscall info table, which
    /// differs from the PPM_SC symbols in a few places (`newfstatat`,
    /// `setuid` for `setuid32`, `<unknown>` for 0).
    pub fn generic_syscall_name(self, code: u16) -> Option<&'static str> {
        match self {
            AbiRevision::Sysdig0_29 => table::GENERIC_NAMES_SYSDIG_0_29
                .get(usize::from(code))
                .copied()
                .filter(|n| !n.is_empty()),
            AbiRevision::Current => self.syscall_name(code),
        }
    }
}

/// Look an event type up in the current tables.
pub fn event_info(id: u16) -> Option<&'static EventInfo> {
    AbiRevision::Current.event(id)
}

/// The length-array width of event type `id`: `true` when its parameter
/// lengths are u32 (`EF_LARGE_PAYLOAD` types), `false` for u16.
///
/// This is a property of the event type, not of the block kind, and it is the
/// same in every table revision.
#[inline]
pub fn has_large_payload(id: u16) -> bool {
    // Every event's decoding asks this first: one bit in 64 bytes the cache
    // keeps, instead of a row of the 25 KB table.
    let id = usize::from(id);
    LARGE_PAYLOAD
        .get(id / 64)
        .is_some_and(|word| word >> (id % 64) & 1 != 0)
}

/// The event ids with [`EventFlags::LARGE_PAYLOAD`], one bit each.
static LARGE_PAYLOAD: [u64; LARGE_PAYLOAD_WORDS] = large_payload_ids();

/// Words of [`LARGE_PAYLOAD`]: enough for every id of the current table.
const LARGE_PAYLOAD_WORDS: usize = table::EVENTS_CURRENT.len().div_ceil(64);

const fn large_payload_ids() -> [u64; LARGE_PAYLOAD_WORDS] {
    let mut bits = [0; LARGE_PAYLOAD_WORDS];
    let mut id = 0;
    while id < table::EVENTS_CURRENT.len() {
        if table::EVENTS_CURRENT[id]
            .flags
            .contains(EventFlags::LARGE_PAYLOAD)
        {
            bits[id / 64] |= 1 << (id % 64);
        }
        id += 1;
    }
    bits
}

/// Whether an event id denotes an enter (`>`) or exit (`<`) event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Enter event (even id), printed `>` by sysdig.
    Enter,
    /// Exit event (odd id), printed `<` by sysdig.
    Exit,
}

impl Direction {
    /// The direction of event type `id`: the low bit of the id.
    pub fn of(id: u16) -> Direction {
        if id.is_multiple_of(2) {
            Direction::Enter
        } else {
            Direction::Exit
        }
    }

    /// `'>'` for enter, `'<'` for exit.
    pub fn as_char(self) -> char {
        match self {
            Direction::Enter => '>',
            Direction::Exit => '<',
        }
    }
}

/// One event type of the ABI table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventInfo {
    /// Numeric event type id as stored in the event header.
    pub id: u16,
    /// C symbol, e.g. `PPME_SYSCALL_OPEN_X`.
    pub symbol: &'static str,
    /// Name as shown in `evt.type`, e.g. `open` (`syscall` for generic events).
    pub name: &'static str,
    /// Table flags.
    pub flags: EventFlags,
    /// Parameters in slot order.
    pub params: &'static [ParamInfo],
}

impl EventInfo {
    /// Enter or exit.
    pub fn direction(&self) -> Direction {
        Direction::of(self.id)
    }
}

/// One parameter slot of an event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParamInfo {
    /// Parameter name (a label only: names changed between revisions).
    pub name: &'static str,
    /// Declared type, which selects the byte encoding.
    pub ty: ParamType,
    /// Print format of integer types.
    pub fmt: PrintFormat,
}

/// Event table flags (`EF_*`). Bit values are this crate's own, not the C ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct EventFlags(u32);

impl EventFlags {
    /// No flag.
    pub const NONE: EventFlags = EventFlags(0);
    /// `EF_CREATES_FD`.
    pub const CREATES_FD: EventFlags = EventFlags(1 << 0);
    /// `EF_DESTROYS_FD`.
    pub const DESTROYS_FD: EventFlags = EventFlags(1 << 1);
    /// `EF_USES_FD`.
    pub const USES_FD: EventFlags = EventFlags(1 << 2);
    /// `EF_READS_FROM_FD`.
    pub const READS_FROM_FD: EventFlags = EventFlags(1 << 3);
    /// `EF_WRITES_TO_FD`.
    pub const WRITES_TO_FD: EventFlags = EventFlags(1 << 4);
    /// `EF_MODIFIES_STATE`.
    pub const MODIFIES_STATE: EventFlags = EventFlags(1 << 5);
    /// `EF_UNUSED`: the id is not produced by any driver.
    pub const UNUSED: EventFlags = EventFlags(1 << 6);
    /// `EF_WAITS`.
    pub const WAITS: EventFlags = EventFlags(1 << 7);
    /// `EF_SKIPPARSERESET`.
    pub const SKIP_PARSE_RESET: EventFlags = EventFlags(1 << 8);
    /// `EF_OLD_VERSION`: superseded by a newer id.
    pub const OLD_VERSION: EventFlags = EventFlags(1 << 9);
    /// `EF_DROP_SIMPLE_CONS`.
    pub const DROP_SIMPLE_CONS: EventFlags = EventFlags(1 << 10);
    /// `EF_LARGE_PAYLOAD`: parameter lengths are u32 instead of u16.
    pub const LARGE_PAYLOAD: EventFlags = EventFlags(1 << 11);
    /// `EF_CONVERTER_MANAGED`.
    pub const CONVERTER_MANAGED: EventFlags = EventFlags(1 << 12);

    /// The union of `self` and `other`.
    pub const fn with(self, other: EventFlags) -> EventFlags {
        EventFlags(self.0 | other.0)
    }

    /// Whether every bit of `other` is set.
    pub const fn contains(self, other: EventFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// The raw bits.
    pub const fn bits(self) -> u32 {
        self.0
    }
}

/// Parameter types (`enum ppm_param_type`); discriminants are the C values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(missing_docs)] // the variants are the PT_* names
pub enum ParamType {
    None = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Uint8 = 5,
    Uint16 = 6,
    Uint32 = 7,
    Uint64 = 8,
    CharBuf = 9,
    ByteBuf = 10,
    Errno = 11,
    SockAddr = 12,
    SockTuple = 13,
    Fd = 14,
    Pid = 15,
    FdList = 16,
    FsPath = 17,
    SyscallId = 18,
    SigType = 19,
    RelTime = 20,
    AbsTime = 21,
    Port = 22,
    L4Proto = 23,
    SockFamily = 24,
    Bool = 25,
    Ipv4Addr = 26,
    Dyn = 27,
    Flags8 = 28,
    Flags16 = 29,
    Flags32 = 30,
    Uid = 31,
    Gid = 32,
    Double = 33,
    SigSet = 34,
    CharBufArray = 35,
    CharBufPairArray = 36,
    Ipv4Net = 37,
    Ipv6Addr = 38,
    Ipv6Net = 39,
    IpAddr = 40,
    IpNet = 41,
    Mode = 42,
    FsRelPath = 43,
    EnumFlags8 = 44,
    EnumFlags16 = 45,
    EnumFlags32 = 46,
    Fd32 = 47,
    Pid32 = 48,
}

/// Print format of a parameter (`PF_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PrintFormat {
    /// `PF_NA`: not applicable.
    Na,
    /// `PF_DEC`: decimal.
    Dec,
    /// `PF_HEX`: hexadecimal.
    Hex,
    /// `PF_OCT`: octal.
    Oct,
    /// `PF_10_PADDED_DEC`: zero-padded decimal.
    PaddedDec,
}

#[cfg(test)]
mod large_payload_tests {
    use super::*;

    #[test]
    fn the_large_payload_bits_follow_the_table() {
        for id in 0..=u16::MAX {
            let flagged =
                event_info(id).is_some_and(|e| e.flags.contains(EventFlags::LARGE_PAYLOAD));
            assert_eq!(has_large_payload(id), flagged, "event {id}");
        }
        assert!(
            (0..=u16::MAX).any(has_large_payload),
            "no large-payload event at all"
        );
    }
}
