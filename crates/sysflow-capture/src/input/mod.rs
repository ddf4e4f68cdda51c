//! The reader's byte source: plain or gunzipped input behind one buffer from
//! which whole blocks are decoded in place.
//!
//! Allocation is driven by bytes that actually arrived, never by a length
//! field: the buffer starts at 16 KiB and at most doubles each time it has
//! been filled, up to [`CHUNK`] or the size of the largest block.

use std::io::{self, Chain, Cursor as IoCursor, Read};

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

/// The input with the sniffed leading bytes put back in front.
type Prefixed<R> = Chain<IoCursor<Vec<u8>>, R>;

/// Plain, or gunzipped when the input starts with `1f 8b`.
enum Source<R: Read> {
    Plain(Prefixed<R>),
    Gzip(Box<MultiGzDecoder<Prefixed<R>>>),
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Plain(r) => r.read(buf),
            Source::Gzip(r) => r.read(buf),
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

    /// Consume `n` bytes (at most what is available).
    #[inline]
    pub(crate) fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.pos);
        self.pos += n;
        self.offset += n as u64;
    }
}
