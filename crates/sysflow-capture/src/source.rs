//! The [`EventSource`] seam: anything that produces kernel events in order.

use crate::error::CaptureError;
use crate::event::Event;
use crate::reader::ScapReader;

/// A producer of kernel events, in order: the scap file reader today, live
/// capture engines later.
///
/// Contract: `next_event` returns `Ok(Some(event))` for each event,
/// `Ok(None)` at the end of the stream, and `Err` for a fault; after an
/// error or the end, further calls return `Ok(None)`.
pub trait EventSource {
    /// The next event, `Ok(None)` at the end of the stream.
    fn next_event(&mut self) -> Result<Option<Event>, CaptureError>;
}

impl<R: std::io::Read> EventSource for ScapReader<R> {
    fn next_event(&mut self) -> Result<Option<Event>, CaptureError> {
        ScapReader::next_event(self)
    }
}

impl<S: EventSource + ?Sized> EventSource for &mut S {
    fn next_event(&mut self) -> Result<Option<Event>, CaptureError> {
        (**self).next_event()
    }
}

impl<S: EventSource + ?Sized> EventSource for Box<S> {
    fn next_event(&mut self) -> Result<Option<Event>, CaptureError> {
        (**self).next_event()
    }
}
