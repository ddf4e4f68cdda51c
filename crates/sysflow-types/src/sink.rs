//! The seam between whatever produces records and whatever consumes them.

use std::convert::Infallible;
use std::io::{self, Write};

use crate::container_file::SfWriter;
use crate::sysflow::SysFlow;

/// A consumer of SysFlow records: a file, a socket, a callback, a test's `Vec`.
///
/// Contract:
/// - [`record`](RecordSink::record) is called once per record, in output order.
///   The first record of every segment is a [`SysFlow::Header`]. A sink may
///   buffer; a record it accepted must not be lost by a later `flush` or drop.
/// - [`flush`](RecordSink::flush) is called when the producer wants everything
///   accepted so far to be visible downstream (end of input, rotation, shutdown).
///   The default does nothing.
/// - After a sink returns an error, the producer stops using it; a sink need not
///   accept anything after an error.
pub trait RecordSink {
    /// What the sink reports when it cannot take a record.
    type Error: std::error::Error + Send + Sync + 'static;

    /// Takes one record.
    fn record(&mut self, rec: &SysFlow) -> Result<(), Self::Error>;

    /// Makes every record taken so far visible downstream.
    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

impl<S: RecordSink + ?Sized> RecordSink for &mut S {
    type Error = S::Error;
    fn record(&mut self, rec: &SysFlow) -> Result<(), Self::Error> {
        (**self).record(rec)
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        (**self).flush()
    }
}

impl<S: RecordSink + ?Sized> RecordSink for Box<S> {
    type Error = S::Error;
    fn record(&mut self, rec: &SysFlow) -> Result<(), Self::Error> {
        (**self).record(rec)
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        (**self).flush()
    }
}

/// Collects records in memory, for tests and examples.
impl RecordSink for Vec<SysFlow> {
    type Error = Infallible;
    fn record(&mut self, rec: &SysFlow) -> Result<(), Infallible> {
        self.push(rec.clone());
        Ok(())
    }
}

/// A `.sf` file is a sink; `flush` writes the pending block.
impl<W: Write> RecordSink for SfWriter<W> {
    type Error = io::Error;
    fn record(&mut self, rec: &SysFlow) -> io::Result<()> {
        self.append(rec)
    }
    fn flush(&mut self) -> io::Result<()> {
        SfWriter::flush(self)
    }
}

/// A sink made from a closure that sees each record.
///
/// ```
/// use sysflow_types::{FnSink, RecordSink, SfHeader, SysFlow};
///
/// let mut count = 0;
/// let mut sink = FnSink::new(|_rec: &SysFlow| {
///     count += 1;
///     Ok::<(), std::convert::Infallible>(())
/// });
/// sink.record(&SysFlow::Header(SfHeader::default())).unwrap();
/// drop(sink);
/// assert_eq!(count, 1);
/// ```
pub struct FnSink<F>(F);

impl<F> FnSink<F> {
    /// Wraps a closure.
    pub fn new(f: F) -> Self {
        FnSink(f)
    }
}

impl<F, E> RecordSink for FnSink<F>
where
    F: FnMut(&SysFlow) -> Result<(), E>,
    E: std::error::Error + Send + Sync + 'static,
{
    type Error = E;
    fn record(&mut self, rec: &SysFlow) -> Result<(), E> {
        (self.0)(rec)
    }
}
