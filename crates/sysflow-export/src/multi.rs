//! The fan-out sink: every record to several sinks (a file and a socket, as
//! the reference's multi-writer), with a defined behaviour when one fails.

use sysflow_types::{RecordSink, SysFlow};
use tracing::error;

use crate::error::ExportError;
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
}

/// Sends every record to each of its sinks, in order.
///
/// A sink's error never silently stops the others: with
/// [`OnSinkError::Isolate`] (the default) the failed sink is set aside and
/// reported, with [`OnSinkError::StopAll`] the error is returned after the
/// record reached every other sink. Segments are per sink:
/// [`needs_segment`](ExportSink::needs_segment) is any sink's, and
/// [`start_segment`](ExportSink::start_segment) starts one only in the sinks
/// that asked (a reconnected socket does not rotate the file; the file just
/// sees the entities written again as `REUP`), while
/// [`rotate`](ExportSink::rotate) rotates them all.
pub struct MultiSink {
    slots: Vec<Slot>,
    policy: OnSinkError,
}

impl std::fmt::Debug for MultiSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MultiSink")
            .field("sinks", &self.slots.len())
            .field("failed", &self.failures().count())
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
        MultiSink {
            slots: sinks
                .into_iter()
                .map(|sink| Slot { sink, failed: None })
                .collect(),
            policy,
        }
    }

    /// The sinks that failed, by position, with their errors.
    pub fn failures(&self) -> impl Iterator<Item = (usize, &ExportError)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.failed.as_ref().map(|e| (i, e)))
    }

    /// Each sink's stats, in order (failed sinks included).
    pub fn each_stats(&self) -> Vec<SinkStats> {
        self.slots.iter().map(|s| s.sink.stats()).collect()
    }

    /// The sinks, in order, to read their own state (a file sink's path).
    pub fn sinks(&self) -> impl Iterator<Item = &BoxedSink> {
        self.slots.iter().map(|s| &s.sink)
    }

    /// Runs `op` on every sink still working; a failure is handled by the
    /// policy.
    fn each(
        &mut self,
        mut op: impl FnMut(&mut BoxedSink) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        let mut first: Option<ExportError> = None;
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if slot.failed.is_some() {
                continue;
            }
            if let Err(e) = op(&mut slot.sink) {
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
        if self.slots.iter().all(|s| s.failed.is_some()) {
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

    fn record(&mut self, rec: &SysFlow) -> Result<(), ExportError> {
        self.each(|s| s.record(rec))
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        self.each(|s| s.flush())
    }
}

impl ExportSink for MultiSink {
    /// The sum of every sink's stats; [`MultiSink::each_stats`] has them one
    /// by one.
    fn stats(&self) -> SinkStats {
        let mut total = SinkStats::default();
        for s in &self.slots {
            total.add(&s.sink.stats());
        }
        total
    }

    fn needs_segment(&self) -> bool {
        self.slots
            .iter()
            .any(|s| s.failed.is_none() && s.sink.needs_segment())
    }

    fn poll(&mut self) -> Result<(), ExportError> {
        self.each(|s| s.poll())
    }

    fn start_segment(&mut self) -> Result<(), ExportError> {
        self.each(|s| {
            if s.needs_segment() {
                s.start_segment()
            } else {
                Ok(())
            }
        })
    }

    fn rotate(&mut self, now_secs: u64) -> Result<(), ExportError> {
        self.each(|s| s.rotate(now_secs))
    }

    /// Finishes every sink, failed ones included (a failed file is still
    /// closed as far as it can be); returns the first error.
    fn finish(&mut self) -> Result<(), ExportError> {
        let mut first = None;
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if let Err(e) = slot.sink.finish() {
                error!(sink = i, error = %e, "an output could not be finished");
                first.get_or_insert(e);
            }
        }
        first.map_or(Ok(()), Err)
    }
}
