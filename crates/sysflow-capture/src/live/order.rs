//! Timestamp order across CPUs: a small reorder window over the ring.
//!
//! All CPUs write into one ring in commit order, but each event's timestamp
//! is taken a little before its commit, so events of different CPUs can be
//! slightly out of timestamp order. Events are held until they are older
//! than the newest one seen by the window (or, when the ring is quiet, than
//! the clock), then released in `(ts, arrival)` order.
//!
//! The window is a deque kept sorted by insertion: events arrive nearly in
//! order, so an insertion moves few (usually no) events, and a release is a
//! pop from the front. A binary heap moved every event through log(n)
//! sift steps of a ~100-byte struct, a tenth of the collector's CPU on an
//! exec-heavy host (`cargo xtask bench live --only exec`).

use std::collections::VecDeque;

use crate::event::Event;

/// How far behind the newest event an event is held. Measured here under
/// `tar | cat` (350k events/s) and 1,600 execs/s: no event arrived more than
/// 100 us behind the newest one, a handful more than 10 us. A longer window
/// holds more events, which a busy host evicts from the cache before they
/// are processed (5 ms cost about a fifth of the collector's time).
pub(crate) const WINDOW_NS: u64 = 1_000_000;
/// Most events held: beyond this the oldest is released at once.
const MAX_HELD: usize = 1 << 16;

fn key(ev: &Event) -> (u64, u64) {
    (ev.ts, ev.index)
}

/// The reorder window. Invariant: `held` is sorted by [`key`].
#[derive(Default)]
pub(crate) struct Reorder {
    held: VecDeque<Event>,
    newest: u64,
    /// Timestamp of the last event released.
    released: u64,
    /// Events that arrived after a later one was released: out of order by
    /// more than the window.
    pub(crate) late: u64,
}

impl Reorder {
    /// Hold an event.
    pub(crate) fn push(&mut self, ev: Event) {
        if ev.ts < self.released {
            self.late += 1;
        }
        self.newest = self.newest.max(ev.ts);
        let k = key(&ev);
        if self.held.back().is_none_or(|last| key(last) <= k) {
            self.held.push_back(ev);
        } else {
            let at = self.held.partition_point(|e| key(e) <= k);
            self.held.insert(at, ev);
        }
    }

    /// The oldest event if it is out of the window: older than the newest
    /// event (or than `now`, when given) by `WINDOW_NS`, or too many held.
    pub(crate) fn pop_ready(&mut self, now: Option<u64>) -> Option<Event> {
        let horizon = self.newest.max(now.unwrap_or(0));
        let oldest = self.held.front()?;
        if oldest.ts.saturating_add(WINDOW_NS) <= horizon || self.held.len() > MAX_HELD {
            return self.pop();
        }
        None
    }

    /// The oldest event, whatever its age (when the stream ends).
    pub(crate) fn pop(&mut self) -> Option<Event> {
        let ev = self.held.pop_front();
        if let Some(e) = &ev {
            self.released = self.released.max(e.ts);
        }
        if let Some(next) = self.held.front() {
            next.prefetch();
        }
        ev
    }
}
