//! Progress of a run: how much of the input has been read, for progress bars.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A snapshot of a run's progress, passed to the
/// [`on_progress`](crate::SysFlowDriver::on_progress) callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Progress {
    /// Bytes of the capture file read so far (compressed bytes for a gzip capture).
    pub bytes_read: u64,
    /// Size of the capture file, when known.
    pub bytes_total: Option<u64>,
    /// Items (metadata entries and events) read so far.
    pub items: u64,
    /// Events read so far.
    pub events: u64,
}

/// A reader that counts the bytes it passes on.
pub(crate) struct Counted<R> {
    inner: R,
    bytes: Arc<AtomicU64>,
}

impl<R> Counted<R> {
    /// Wraps `inner`; the count is readable through the returned handle.
    pub(crate) fn new(inner: R) -> (Counted<R>, Arc<AtomicU64>) {
        let bytes = Arc::new(AtomicU64::new(0));
        (
            Counted {
                inner,
                bytes: Arc::clone(&bytes),
            },
            bytes,
        )
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
