//! The reader's byte source: plain or gunzipped input behind one buffer from
//! which whole blocks are decoded in place.
//!
//! Allocation is driven by bytes that actually arrived, never by a length
//! field: the buffer starts at 16 KiB and at most doubles each time it has
//! been filled, up to [`CHUNK`] or the size of the largest block.
//!
//! [`Input::read_ahead`] moves the reading (and gunzipping) to a thread of
//! its own, which fills [`AHEAD_CHUNK`]-sized buffers while the caller
//! decodes the previous one. On a plain file the kernel's copy out of the
//! page cache was about a quarter of a replay's reading time; on gzip,
//! decompression is most of it. The buffers change hands whole, a few a
//! second, never per event: per-event handover across cores was slower
//! than one thread.

use std::io::{self, Chain, Cursor as IoCursor, Read};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

use flate2::read::MultiGzDecoder;

#[cfg(test)]
mod tests;

/// The buffer size reads grow to (and, once reached, the least amount
/// asked of the source per read).
const CHUNK: usize = 256 << 10;
/// The first buffer size.
const FIRST_CHUNK: usize = 16 << 10;
/// Free space below which consumed bytes are dropped before reading.
const MIN_READ: usize = 4 << 10;

/// Bytes a read-ahead thread puts in each buffer.
const AHEAD_CHUNK: usize = 1 << 20;
/// Free space left in front of each read-ahead buffer, into which the
/// unconsumed end of the previous buffer (a block cut in two) is copied.
const HEADROOM: usize = 64 << 10;
/// Filled buffers waiting for the decoder: enough to ride out a slow read.
const AHEAD_DEPTH: usize = 2;
/// Buffers a read-ahead thread makes: those waiting, the one it fills, the
/// one being decoded. It reuses them, so none is zeroed twice.
const AHEAD_BUFFERS: usize = AHEAD_DEPTH + 2;

/// The input with the sniffed leading bytes put back in front.
type Prefixed<R> = Chain<IoCursor<Vec<u8>>, R>;

/// Plain, or gunzipped when the input starts with `1f 8b`.
enum Source<R: Read> {
    Plain(Prefixed<R>),
    Gzip(Box<MultiGzDecoder<Prefixed<R>>>),
    /// Either of the above, read by a thread (see [`Input::read_ahead`]).
    Ahead(Ahead),
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Plain(r) => r.read(buf),
            Source::Gzip(r) => r.read(buf),
            // Not reached: `refill` takes whole buffers from the thread.
            Source::Ahead(_) => Ok(0),
        }
    }
}

/// The decoder's end of a read-ahead thread.
struct Ahead {
    /// Filled buffers: bytes from [`HEADROOM`] on; a read error ends the
    /// stream, and so does the thread's end (the sender dropped).
    full: Receiver<io::Result<Filled>>,
    /// Spent buffers, back to the thread for reuse.
    spent: Sender<Vec<u8>>,
}

/// A buffer from the read-ahead thread and the end of its bytes (which
/// start at [`HEADROOM`]). The buffer keeps its full length, so that reusing
/// it zeroes nothing: a pipe's short reads would otherwise clear a whole
/// buffer for every few bytes.
type Filled = (Vec<u8>, usize);

/// The read-ahead thread: fills buffers from `src` until its end, an
/// error, or the reader's end (the receiver dropped).
fn read_ahead_loop<R: Read>(
    mut src: Source<R>,
    full: SyncSender<io::Result<Filled>>,
    spent: Receiver<Vec<u8>>,
) {
    let mut made = 0;
    loop {
        // A spent buffer if one is back; a new one while fewer than
        // AHEAD_BUFFERS exist; else wait for one (none comes back once
        // the reader is gone: then stop).
        let mut chunk = match spent.try_recv() {
            Ok(chunk) => chunk,
            Err(_) if made < AHEAD_BUFFERS => {
                made += 1;
                Vec::new()
            }
            Err(_) => match spent.recv() {
                Ok(chunk) => chunk,
                Err(_) => return,
            },
        };
        chunk.resize(HEADROOM + AHEAD_CHUNK, 0);
        let mut got = HEADROOM;
        let mut at_end = false;
        let mut failure = None;
        while got < chunk.len() {
            let Some(space) = chunk.get_mut(got..) else {
                break;
            };
            let asked = space.len();
            match src.read(space) {
                Ok(0) => {
                    at_end = true;
                    break;
                }
                Ok(n) => {
                    got += n;
                    // A short read is all a pipe or socket has for now:
                    // hand it over rather than wait for more, so that a
                    // live stream's events are not held back. (A regular
                    // file reads short only at its end.)
                    if n < asked {
                        break;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        // What was read, then any error.
        if got > HEADROOM && full.send(Ok((chunk, got))).is_err() {
            return;
        }
        if let Some(e) = failure {
            let _ = full.send(Err(e));
            return;
        }
        if at_end {
            return;
        }
    }
}

/// A buffered window on the (decompressed) stream.
pub(crate) struct Input<R: Read> {
    src: Source<R>,
    buf: Vec<u8>,
    /// Start of the unconsumed bytes in `buf`.
    pos: usize,
    /// End of the valid bytes in `buf`.
    end: usize,
    /// Stream offset of `buf[pos]`.
    offset: u64,
    eof: bool,
}

impl<R: Read> Input<R> {
    /// Wrap `inner`, sniffing the gzip magic from its first two bytes.
    pub(crate) fn new(mut inner: R) -> io::Result<Input<R>> {
        let mut head = [0u8; 2];
        let mut got = 0;
        while got < head.len() {
            let slot = head.get_mut(got..).unwrap_or_default();
            match inner.read(slot) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let prefix = head.get(..got).unwrap_or_default().to_vec();
        let gzip = prefix == [0x1f, 0x8b];
        let chained = IoCursor::new(prefix).chain(inner);
        let src = if gzip {
            Source::Gzip(Box::new(MultiGzDecoder::new(chained)))
        } else {
            Source::Plain(chained)
        };
        Ok(Input {
            src,
            buf: Vec::new(),
            pos: 0,
            end: 0,
            offset: 0,
            eof: false,
        })
    }

    /// Read `inner` on a thread of its own (falling back to reading it
    /// here if no thread can be started): see the module's description.
    pub(crate) fn read_ahead(inner: R) -> io::Result<Input<R>>
    where
        R: Send + 'static,
    {
        let mut input = Input::new(inner)?;
        let (full_tx, full_rx) = mpsc::sync_channel(AHEAD_DEPTH);
        let (spent_tx, spent_rx) = mpsc::channel();
        let ahead = Source::Ahead(Ahead {
            full: full_rx,
            spent: spent_tx,
        });
        let src = std::mem::replace(&mut input.src, ahead);
        let (src_tx, src_rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("sf-read-ahead".into())
            .spawn(move || {
                if let Ok(src) = src_rx.recv() {
                    read_ahead_loop(src, full_tx, spent_rx);
                }
            });
        // The source goes to the thread once it runs, so that a failed
        // spawn leaves it here to be read directly.
        match spawned {
            Ok(_) => {
                let _ = src_tx.send(src);
            }
            Err(_) => input.src = src,
        }
        Ok(input)
    }

    /// Stream offset of the next unconsumed byte.
    #[inline]
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// Make `n` unconsumed bytes available if the stream has them; returns
    /// how many are available (fewer than `n` only at the end of the stream).
    #[inline]
    pub(crate) fn fill(&mut self, n: usize) -> io::Result<usize> {
        if self.end - self.pos >= n {
            return Ok(n);
        }
        self.refill(n)
    }

    /// [`Input::fill`] when the buffer is short: read from the source.
    #[inline(never)]
    fn refill(&mut self, n: usize) -> io::Result<usize> {
        if matches!(self.src, Source::Ahead(_)) {
            return self.refill_ahead(n);
        }
        while self.end - self.pos < n && !self.eof {
            let free = self.buf.len() - self.end;
            if free == 0 || (free < MIN_READ && self.pos > 0) {
                self.make_room(n);
            }
            let Some(space) = self.buf.get_mut(self.end..) else {
                break;
            };
            match self.src.read(space) {
                Ok(0) => self.eof = true,
                Ok(got) => self.end += got,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok((self.end - self.pos).min(n))
    }

    /// [`Input::refill`] from a read-ahead thread: take its next buffers,
    /// the unconsumed bytes of the current one put in front.
    fn refill_ahead(&mut self, n: usize) -> io::Result<usize> {
        while self.end - self.pos < n && !self.eof {
            let Source::Ahead(ahead) = &self.src else {
                break;
            };
            let (mut next, filled) = match ahead.full.recv() {
                Ok(Ok(chunk)) => chunk,
                Ok(Err(e)) => {
                    self.eof = true;
                    return Err(e);
                }
                // The thread is done: the end of the stream.
                Err(_) => {
                    self.eof = true;
                    break;
                }
            };
            let tail = self.end - self.pos;
            if tail <= HEADROOM {
                let start = HEADROOM - tail;
                if let (Some(dst), Some(src)) = (
                    next.get_mut(start..HEADROOM),
                    self.buf.get(self.pos..self.end),
                ) {
                    dst.copy_from_slice(src);
                }
                let spent = std::mem::replace(&mut self.buf, next);
                // The empty buffer the input starts with is not one of the
                // thread's: only those go back, which keeps their number.
                if spent.capacity() > 0 {
                    let _ = ahead.spent.send(spent);
                }
                self.pos = start;
                self.end = filled;
            } else {
                // A block longer than the headroom is cut in two: join
                // its parts in the current buffer (moved to its front once,
                // then appended to).
                if self.pos > 0 {
                    self.buf.copy_within(self.pos..self.end, 0);
                }
                self.buf.truncate(tail);
                self.buf
                    .extend_from_slice(next.get(HEADROOM..filled).unwrap_or_default());
                self.pos = 0;
                self.end = self.buf.len();
                let _ = ahead.spent.send(next);
            }
        }
        Ok((self.end - self.pos).min(n))
    }

    /// Free space at the end of the buffer: move the unconsumed bytes to
    /// the front, and grow the buffer (at most doubling) while it is under
    /// [`CHUNK`] or too small for the `n` bytes wanted. Growth thus follows
    /// the bytes that arrived: a short input never gets a large buffer.
    fn make_room(&mut self, n: usize) {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        let len = self.buf.len();
        if self.end < len && len >= CHUNK {
            return;
        }
        let target = len.saturating_mul(2).clamp(FIRST_CHUNK, n.max(CHUNK));
        // The buffer is full of wanted bytes (`n > len`), or under `CHUNK`.
        self.buf.resize(target.max(len + 1), 0);
    }

    /// The next `n` unconsumed bytes (after a successful [`Input::fill`]).
    #[inline]
    pub(crate) fn peek(&self, n: usize) -> &[u8] {
        let end = self.pos.saturating_add(n).min(self.end);
        self.buf.get(self.pos..end).unwrap_or_default()
    }

    /// All unconsumed bytes in the buffer.
    #[inline]
    pub(crate) fn available(&self) -> &[u8] {
        self.buf.get(self.pos..self.end).unwrap_or_default()
    }

    /// The last `n` bytes consumed, which stay in the buffer until the
    /// next [`Input::fill`].
    #[inline]
    pub(crate) fn behind(&self, n: usize) -> &[u8] {
        self.buf
            .get(self.pos.saturating_sub(n)..self.pos)
            .unwrap_or_default()
    }

    /// Consume `n` bytes (at most what is available).
    #[inline]
    pub(crate) fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.pos);
        self.pos += n;
        self.offset += n as u64;
    }
}
