//! Timestamp order across CPUs: a small reorder window over the ring.
//!
//! All CPUs write into one ring in commit order, but each event's timestamp
//! is taken a little before its commit, so events of different CPUs can be
//! slightly out of timestamp order. Events are held until they are older
//! than the newest one seen by the window (or, when the ring is quiet, than
//! the clock), then released in `(ts, arrival)` order.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::event::Event;

/// How far behind the newest event an event is held.
pub(crate) const WINDOW_NS: u64 = 5_000_000;
/// Most events held: beyond this the oldest is released at once.
const MAX_HELD: usize = 1 << 16;

struct Held(Event);

impl Held {
    fn key(&self) -> (u64, u64) {
        (self.0.ts, self.0.index)
    }
}

impl PartialEq for Held {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Held {}

impl PartialOrd for Held {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Held {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

/// The reorder window.
#[derive(Default)]
pub(crate) struct Reorder {
    held: BinaryHeap<Reverse<Held>>,
    newest: u64,
}

impl Reorder {
    /// Hold an event.
    pub(crate) fn push(&mut self, ev: Event) {
        self.newest = self.newest.max(ev.ts);
        self.held.push(Reverse(Held(ev)));
    }

    /// The oldest event if it is out of the window: older than the newest
    /// event (or than `now`, when given) by `WINDOW_NS`, or too many held.
    pub(crate) fn pop_ready(&mut self, now: Option<u64>) -> Option<Event> {
        let horizon = self.newest.max(now.unwrap_or(0));
        let Reverse(Held(oldest)) = self.held.peek()?;
        if oldest.ts.saturating_add(WINDOW_NS) <= horizon || self.held.len() > MAX_HELD {
            return self.pop();
        }
        None
    }

    /// The oldest event, whatever its age (when the stream ends).
    pub(crate) fn pop(&mut self) -> Option<Event> {
        self.held.pop().map(|Reverse(Held(ev))| ev)
    }
}
