//! The fan-out sink: every record to several sinks (a file and a socket, as
//! the reference's multi-writer), with a defined behaviour when one fails,
//! and a segment per sink.

use sysflow_types::{RecordSink, SysFlow};
use tracing::{debug, error};

use crate::error::ExportError;
use crate::segment::{EntityStore, OwnSegment};
use crate::sink::ExportSink;
use crate::stats::SinkStats;

/// A sink in a [`MultiSink`].
pub type BoxedSink = Box<dyn ExportSink + Send>;

/// What a [`MultiSink`] does when one of its sinks fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum OnSinkError {
    /// The failed sink is logged (at error level), kept aside with its error
    /// ([`MultiSink::failures`]) and skipped from then on; the others go on.
    /// The fan-out fails only when no sink is left
    /// ([`ExportError::AllFailed`]). For a collector whose socket output
    /// matters more than a full disk, or the other way round.
    #[default]
    Isolate,
    /// The record still reaches every other sink, then the first error is
    /// returned, so the producer stops (the [`RecordSink`] contract); each
    /// sink can still be finished. For a run that must have every output or
    /// none.
    StopAll,
}

/// One sink of the fan-out and, once it failed, why.
struct Slot {
    sink: BoxedSink,
    failed: Option<ExportError>,
    /// Failed, and its error was taken ([`MultiSink::take_failures`]).
    taken: bool,
    /// `Some` while the sink is in a segment it started on its own (after
    /// a reconnection): the entities written in it. `None` while its
    /// segment is the producer's, which writes every entity it needs.
    own: Option<OwnSegment>,
    /// Entities written again to this sink from the store.
    replayed: u64,
    /// Entities its records needed that the store lacked.
    unresolved: u64,
}

impl Slot {
    /// Starts the segment the sink asks for, if it does: its header, and
    /// from now on every entity it lacks is written before the record that
    /// needs it.
    fn start_own_segment(&mut self) -> Result<(), ExportError> {
        if self.sink.needs_segment() {
            if let Some(own) = self.own.take() {
                self.unresolved += own.unresolved;
            }
            self.own = Some(OwnSegment::default());
            self.sink.start_segment()?;
        }
        Ok(())
    }

    /// The sink's stats with the fan-out's own counts.
    fn stats(&self) -> SinkStats {
        let mut stats = self.sink.stats();
        stats.replayed += self.replayed;
        stats
    }

    fn unresolved(&self) -> u64 {
        self.unresolved + self.own.as_ref().map_or(0, |o| o.unresolved)
    }
}

/// Sends every record to each of its sinks, in order.
///
/// A sink's error never silently stops the others: with
/// [`OnSinkError::Isolate`] (the default) the failed sink is set aside and
/// reported, with [`OnSinkError::StopAll`] the error is returned after the
/// record reached every other sink.
///
/// # Segments
///
/// Each sink has its own. [`rotate`](ExportSink::rotate) starts one in
/// every sink, and the producer then starts its own (writes every entity
/// again). A sink that asks for a segment alone
/// ([`needs_segment`](ExportSink::needs_segment): a socket that reconnected
/// or lost records) gets it from the fan-out itself, at the next record or
/// [`poll`](ExportSink::poll): its header, and then, before each record,
/// the entities that record needs and the sink has not had since its
/// header, taken from a store of the entities the producer wrote since its
/// segment began, as `REUP`. The producer is not told, so the other sinks
/// see nothing of it: a restarted socket costs the file nothing. The
/// fan-out itself never asks for a segment.
///
/// The store is kept only when a sink may ask for segments
/// ([`ExportSink::may_need_segment`]), and cleared at every rotation: it
/// holds at most what the producer wrote in one segment (processes, files,
/// containers; records share a process's environment). A sink's own
/// segment adds the identities of the entities written in it, forgotten at
/// its next segment or rotation.
pub struct MultiSink {
    slots: Vec<Slot>,
    policy: OnSinkError,
    /// The producer's entities, when some sink may need them again.
    store: Option<EntityStore>,
    /// Entities to write before a record, reused.
    pending: Vec<SysFlow>,
}

impl std::fmt::Debug for MultiSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MultiSink")
            .field("sinks", &self.slots.len())
            .field(
                "failed",
                &self
                    .slots
                    .iter()
                    .filter(|s| s.failed.is_some() || s.taken)
                    .count(),
            )
            .field("policy", &self.policy)
            .finish()
    }
}

impl MultiSink {
    /// A fan-out to `sinks`, in that order, isolating failures.
    pub fn new(sinks: Vec<BoxedSink>) -> MultiSink {
        MultiSink::with_policy(sinks, OnSinkError::default())
    }

    /// A fan-out to `sinks` with the given failure policy.
    pub fn with_policy(sinks: Vec<BoxedSink>, policy: OnSinkError) -> MultiSink {
        let store = sinks
            .iter()
            .any(|s| s.may_need_segment())
            .then(EntityStore::default);
        MultiSink {
            slots: sinks
                .into_iter()
                .map(|sink| Slot {
                    sink,
                    failed: None,
                    taken: false,
                    own: None,
                    replayed: 0,
                    unresolved: 0,
                })
                .collect(),
            policy,
            store,
            pending: Vec::new(),
        }
    }

    /// The sinks that failed, by position, with their errors (until
    /// [`take_failures`](MultiSink::take_failures) takes them).
    pub fn failures(&self) -> impl Iterator<Item = (usize, &ExportError)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.failed.as_ref().map(|e| (i, e)))
    }

    /// Whether the sink at `index` failed and was set aside.
    pub fn has_failed(&self, index: usize) -> bool {
        self.slots
            .get(index)
            .is_some_and(|s| s.failed.is_some() || s.taken)
    }

    /// Takes the errors of the sinks that failed, by position, to report
    /// them; the sinks stay set aside.
    pub fn take_failures(&mut self) -> Vec<(usize, ExportError)> {
        let mut taken = Vec::new();
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if let Some(e) = slot.failed.take() {
                slot.taken = true;
                taken.push((i, e));
            }
        }
        taken
    }

    /// Each sink's stats, in order (failed sinks included), with the
    /// entities the fan-out wrote to it again
    /// ([`replayed`](SinkStats::replayed)).
    pub fn each_stats(&self) -> Vec<SinkStats> {
        self.slots.iter().map(Slot::stats).collect()
    }

    /// Entities kept for sinks that may start segments of their own: what
    /// the producer wrote since its segment began (0 without such a sink).
    pub fn stored_entities(&self) -> usize {
        self.store.as_ref().map_or(0, EntityStore::len)
    }

    /// Entities a record needed in a sink's own segment that the producer
    /// had not written in its segment: zero when the producer keeps the
    /// segment contract.
    pub fn unresolved(&self) -> u64 {
        self.slots.iter().map(Slot::unresolved).sum()
    }

    /// The sinks, in order, to read their own state (a file sink's path).
    pub fn sinks(&self) -> impl Iterator<Item = &BoxedSink> {
        self.slots.iter().map(|s| &s.sink)
    }

    /// Runs `op` on every sink still working; a failure is handled by the
    /// policy.
    fn each(
        &mut self,
        mut op: impl FnMut(&mut Slot) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        let mut first: Option<ExportError> = None;
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if slot.failed.is_some() || slot.taken {
                continue;
            }
            if let Err(e) = op(slot) {
                error!(sink = i, error = %e, "an output failed");
                match self.policy {
                    OnSinkError::Isolate => {
                        slot.failed = Some(e);
                    }
                    OnSinkError::StopAll => {
                        if first.is_none() {
                            first = Some(e);
                        }
                    }
                }
            }
        }
        if let Some(e) = first {
            return Err(e);
        }
        if self.slots.iter().all(|s| s.failed.is_some() || s.taken) {
            // Every sink is gone: the producer must know. Each error stays in
            // `failures`.
            return Err(ExportError::AllFailed {
                sinks: self.slots.len(),
            });
        }
        Ok(())
    }
}

impl RecordSink for MultiSink {
    type Error = ExportError;

    /// Sends `rec` to every sink; a sink in a segment of its own first gets
    /// the entities `rec` needs that it lacks.
    fn record(&mut self, rec: &SysFlow) -> Result<(), ExportError> {
        let Some(store) = self.store.as_mut() else {
            return self.each(|s| s.sink.record(rec));
        };
        store.keep(rec);
        let store = &*store;
        let pending = &mut self.pending;
        let mut first: Option<ExportError> = None;
        let mut all_failed = true;
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if slot.failed.is_some() || slot.taken {
                continue;
            }
            let result = slot.start_own_segment().and_then(|()| {
                if let Some(own) = slot.own.as_mut() {
                    pending.clear();
                    own.missing(rec, store, pending);
                    for entity in pending.drain(..) {
                        slot.replayed += 1;
                        slot.sink.record(&entity)?;
                    }
                    own.wrote(rec);
                }
                slot.sink.record(rec)
            });
            match result {
                Ok(()) => all_failed = false,
                Err(e) => {
                    error!(sink = i, error = %e, "an output failed");
                    match self.policy {
                        OnSinkError::Isolate => slot.failed = Some(e),
                        OnSinkError::StopAll => {
                            all_failed = false;
                            first.get_or_insert(e);
                        }
                    }
                }
            }
        }
        if let Some(e) = first {
            return Err(e);
        }
        if all_failed {
            return Err(ExportError::AllFailed {
                sinks: self.slots.len(),
            });
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        self.each(|s| s.sink.flush())
    }
}

impl ExportSink for MultiSink {
    /// The sum of every sink's stats; [`MultiSink::each_stats`] has them one
    /// by one.
    fn stats(&self) -> SinkStats {
        let mut total = SinkStats::default();
        for s in &self.slots {
            total.add(&s.stats());
        }
        total
    }

    /// Never: the fan-out starts the segments its sinks ask for itself.
    fn needs_segment(&self) -> bool {
        false
    }

    /// Never: the fan-out starts the segments its sinks ask for itself.
    fn may_need_segment(&self) -> bool {
        false
    }

    /// Polls every sink, and starts the segment a sink asks for (its
    /// header; the entities follow with the next records).
    fn poll(&mut self) -> Result<(), ExportError> {
        let has_store = self.store.is_some();
        self.each(|s| {
            s.sink.poll()?;
            if has_store {
                s.start_own_segment()?;
            }
            Ok(())
        })
    }

    /// Starts the segments sinks ask for, as [`poll`](ExportSink::poll)
    /// does.
    fn start_segment(&mut self) -> Result<(), ExportError> {
        if self.store.is_none() {
            return Ok(());
        }
        self.each(Slot::start_own_segment)
    }

    /// Starts a segment in every sink; the producer then starts its own, so
    /// the store is emptied and every sink's segment is the producer's.
    fn rotate(&mut self, now_secs: u64) -> Result<(), ExportError> {
        if let Some(store) = self.store.as_mut() {
            store.clear();
        }
        let result = self.each(|s| s.sink.rotate(now_secs));
        for slot in &mut self.slots {
            if let Some(own) = slot.own.take() {
                slot.unresolved += own.unresolved;
            }
        }
        if self.unresolved() > 0 {
            debug!(
                unresolved = self.unresolved(),
                "entities a sink's own segment needed were not in the store"
            );
        }
        result
    }

    /// Finishes every sink, failed ones included (a failed file is still
    /// closed as far as it can be). With [`OnSinkError::Isolate`], a sink
    /// that cannot be finished (its last block meets a full disk) is set
    /// aside like any failure, and the fan-out fails only when no sink
    /// finished; with [`OnSinkError::StopAll`], the first error is returned.
    fn finish(&mut self) -> Result<(), ExportError> {
        let mut first = None;
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if let Some(own) = slot.own.take() {
                slot.unresolved += own.unresolved;
            }
            let had_failed = slot.failed.is_some() || slot.taken;
            if let Err(e) = slot.sink.finish() {
                if had_failed {
                    // Reported when it failed.
                    continue;
                }
                error!(sink = i, error = %e, "an output could not be finished");
                match self.policy {
                    OnSinkError::Isolate => slot.failed = Some(e),
                    OnSinkError::StopAll => {
                        first.get_or_insert(e);
                    }
                }
            }
        }
        if let Some(e) = first {
            return Err(e);
        }
        if !self.slots.is_empty() && self.slots.iter().all(|s| s.failed.is_some() || s.taken) {
            return Err(ExportError::AllFailed {
                sinks: self.slots.len(),
            });
        }
        Ok(())
    }
}
