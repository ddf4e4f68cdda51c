//! `evt.type` as a number: each name `evt.type` accepts has a code (its
//! place in the sorted name list), so that a condition on event types is a
//! bit set tested in constant time, not a string search per event.

use crate::abi_names::EVENT_TYPE_NAMES;

#[cfg(test)]
#[test]
fn every_name_fits_a_set() {
    assert!(EVENT_TYPE_NAMES.len() < TYPE_WORDS * 64);
    let all = TypeSet::of(EVENT_TYPE_NAMES.iter().map(|n| n.as_bytes()));
    for name in EVENT_TYPE_NAMES {
        assert!(all.contains(event_type_code(name)), "{name}");
    }
    assert!(!all.contains(EventTypeCode::UNKNOWN));
    let one = TypeSet::of([&b"openat"[..]]);
    assert!(one.contains(event_type_code("openat")));
    assert!(!one.contains(event_type_code("open")));
}

/// The code of an event type name (see [`event_type_code`]): what
/// [`Fields::event_type`](crate::Fields::event_type) returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventTypeCode(u16);

impl EventTypeCode {
    /// A name `evt.type` does not accept: no condition names it, so it is
    /// in no set (and `!=` any name holds for it).
    pub const UNKNOWN: EventTypeCode = EventTypeCode(u16::MAX);

    /// The code as a number, for a table that caches codes (see
    /// [`EventTypeCode::from_index`]).
    pub fn index(self) -> u16 {
        self.0
    }

    /// The code [`EventTypeCode::index`] gave.
    pub fn from_index(index: u16) -> EventTypeCode {
        EventTypeCode(index)
    }
}

/// The code of `name`, one of the event and syscall names of the ABI
/// sysdig 0.29.3 uses; [`EventTypeCode::UNKNOWN`] for any other.
///
/// Codes are stable within one build of this crate only: make them from
/// names (a table by event id, built once), never store them.
pub fn event_type_code(name: &str) -> EventTypeCode {
    EVENT_TYPE_NAMES
        .binary_search(&name)
        .ok()
        .and_then(|i| u16::try_from(i).ok())
        .map_or(EventTypeCode::UNKNOWN, EventTypeCode)
}

/// Words of a [`TypeSet`]: room for 512 names (the ABI has 357; a test
/// checks they fit). Inline, not boxed: evaluation then reads the set
/// without following a pointer.
const TYPE_WORDS: usize = 8;

/// A set of event types, one bit per code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TypeSet([u64; TYPE_WORDS]);

impl TypeSet {
    /// The set of the known `names` (others are left out).
    pub(crate) fn of<'a>(names: impl IntoIterator<Item = &'a [u8]>) -> TypeSet {
        let mut bits = [0u64; TYPE_WORDS];
        for name in names {
            let code = std::str::from_utf8(name).map_or(EventTypeCode::UNKNOWN, event_type_code);
            let i = usize::from(code.0);
            if let Some(word) = bits.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
        }
        TypeSet(bits)
    }

    /// Whether `code` is in the set.
    #[inline]
    pub(crate) fn contains(&self, code: EventTypeCode) -> bool {
        let i = usize::from(code.0);
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}
