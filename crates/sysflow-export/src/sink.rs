//! [`ExportSink`]: what the driver needs from any output beyond taking records.

use std::path::Path;

use sysflow_types::RecordSink;

use crate::error::ExportError;
use crate::stats::SinkStats;

/// An output the driver runs: a [`RecordSink`] with segments, stats and an end.
///
/// # Segments
///
/// Every sink writes its own `SFHeader` at the start of each segment (a new
/// file, a new connection, a new callback header); the producer never passes
/// headers in. After a sink starts a segment, the producer must write every
/// entity again (as `REUP`) before the next record that references it, which
/// is what `sysflow_core::Processor::new_segment` does. So between two calls
/// into the processor, the driver does:
///
/// ```text
/// sink.poll()?;                                   // on idle ticks at least
/// if rotation is due            { sink.rotate(now_secs)?;  processor.new_segment(); }
/// else if sink.needs_segment()  { sink.start_segment()?;   processor.new_segment(); }
/// ```
///
/// and never inside a call, so that no record between the header and the
/// re-written entities references an entity the segment lacks.
///
/// A [`MultiSink`](crate::MultiSink) never needs a segment: it starts the
/// ones its sinks ask for itself, and writes them the entities they lack
/// from its own store, so a producer in front of it only rotates.
pub trait ExportSink: RecordSink<Error = ExportError> {
    /// What the sink did so far.
    fn stats(&self) -> SinkStats;

    /// Where the records go, for logs and the driver's stats: the file being
    /// written (or last written), the socket's path; `None` for a callback
    /// or a fan-out (ask its [`sinks`](crate::MultiSink::sinks)).
    fn path(&self) -> Option<&Path> {
        None
    }

    /// Whether the sink lost records (a reconnected or recovered socket) and
    /// waits for the producer to start a new segment. Until then it drops
    /// every record, counted as
    /// [`awaiting_segment`](crate::DropReasons::awaiting_segment).
    fn needs_segment(&self) -> bool {
        false
    }

    /// Whether [`needs_segment`](ExportSink::needs_segment) may ever be
    /// true: a [`MultiSink`](crate::MultiSink) keeps the entities such a
    /// sink may need again only when one of its sinks says so.
    fn may_need_segment(&self) -> bool {
        false
    }

    /// Does the sink's time-driven work without a record: a socket sink
    /// reconnects when its retry delay is over. Records do this too; calling
    /// it on the driver's idle ticks lets a sink reconnect during a quiet
    /// period instead of on (and dropping) the next record.
    fn poll(&mut self) -> Result<(), ExportError> {
        Ok(())
    }

    /// Starts the new segment [`needs_segment`](ExportSink::needs_segment)
    /// asked for, by writing a fresh header; does nothing when none is needed.
    /// The producer then writes the entities again.
    fn start_segment(&mut self) -> Result<(), ExportError> {
        Ok(())
    }

    /// Starts a new segment because the rotation interval elapsed: a file
    /// sink opens its next file (named for `now_secs`, seconds since the
    /// epoch), a socket or callback sink writes a fresh header. The producer
    /// then writes the entities again.
    fn rotate(&mut self, now_secs: u64) -> Result<(), ExportError>;

    /// Ends the output: the file is completed, the connection closed. Calling
    /// it again does nothing; records after it are refused with
    /// [`ExportError::Closed`].
    fn finish(&mut self) -> Result<(), ExportError>;
}

impl<S: ExportSink + ?Sized> ExportSink for Box<S> {
    fn stats(&self) -> SinkStats {
        (**self).stats()
    }
    fn path(&self) -> Option<&Path> {
        (**self).path()
    }
    fn needs_segment(&self) -> bool {
        (**self).needs_segment()
    }
    fn may_need_segment(&self) -> bool {
        (**self).may_need_segment()
    }
    fn poll(&mut self) -> Result<(), ExportError> {
        (**self).poll()
    }
    fn start_segment(&mut self) -> Result<(), ExportError> {
        (**self).start_segment()
    }
    fn rotate(&mut self, now_secs: u64) -> Result<(), ExportError> {
        (**self).rotate(now_secs)
    }
    fn finish(&mut self) -> Result<(), ExportError> {
        (**self).finish()
    }
}
