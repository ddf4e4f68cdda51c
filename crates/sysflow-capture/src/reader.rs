//! [`ScapReader`]: a streaming reader of scap capture files.
//!
//! The reader pulls large chunks through [`std::io::Read`] into one buffer
//! and decodes whole blocks in place, so memory use is bounded by the
//! largest block (capped by [`ScapReader::with_max_block_len`], and only
//! allocated as its bytes arrive), never by the file. Each block is
//! decoded into [`Item`]s that are handed out in file order; when a block is
//! malformed, the items decoded before the fault are delivered first and the
//! error comes next, after which the reader is finished.
//!
//! Leniency, where libscap is stricter: a metadata block after the first
//! event is decoded and delivered in place (libscap stops with "unexpected
//! block" unless it is the section header of a concatenated capture), and a
//! section header may carry trailing option bytes (as current libs allow).
//! Event block trailers are not checked, as in libscap.

use std::collections::VecDeque;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::CaptureError;
use crate::event::{Event, EventRef};
use crate::fd::{self, FdEntry};
use crate::input::Input;
use crate::interface::{self, Interface};
use crate::machine::{MACHINE_INFO_LEN, MachineInfo};
use crate::process::{self, ProcessEntry};
use crate::section::{MAGIC, SectionHeader};
use crate::user::{self, Group, User, UserEntry};
use crate::wire::Cursor;

/// Block type ids (`*_INT` are pre-release ids that readers still accept).
mod block {
    pub const SHB: u32 = 0x0A0D_0D0A;
    pub const MI: u32 = 0x201;
    pub const MI_INT: u32 = 0x8002_ABCD;
    pub const PL_V1: u32 = 0x202;
    pub const PL_V1_INT: u32 = 0x8000_ABCD;
    pub const PL_V2: u32 = 0x207;
    pub const PL_V2_INT: u32 = 0x8013_ABCD;
    pub const PL_V3: u32 = 0x209;
    pub const PL_V3_INT: u32 = 0x8014_ABCD;
    pub const PL_V4: u32 = 0x210;
    pub const PL_V5: u32 = 0x211;
    pub const PL_V6: u32 = 0x212;
    pub const PL_V7: u32 = 0x213;
    pub const PL_V8: u32 = 0x214;
    pub const PL_V9: u32 = 0x215;
    pub const FDL_V1: u32 = 0x203;
    pub const FDL_V1_INT: u32 = 0x8001_ABCD;
    pub const FDL_V2: u32 = 0x218;
    pub const EV_V1: u32 = 0x204;
    pub const EV_V1_INT: u32 = 0x8010_ABCD;
    pub const EVF_V1: u32 = 0x208;
    pub const EV_V2: u32 = 0x216;
    pub const EVF_V2: u32 = 0x217;
    pub const EV_V2_LARGE: u32 = 0x221;
    pub const EVF_V2_LARGE: u32 = 0x222;
    pub const IL_V1: u32 = 0x205;
    pub const IL_V1_INT: u32 = 0x8011_ABCD;
    pub const IL_V2: u32 = 0x219;
    pub const UL_V1: u32 = 0x206;
    pub const UL_V1_INT: u32 = 0x8012_ABCD;
    pub const UL_V2: u32 = 0x220;
}

/// Default cap on a block's total length (256 MiB).
const DEFAULT_MAX_BLOCK_LEN: u32 = 256 << 20;
/// Block header: type and total length.
const BLOCK_HEADER_LEN: u32 = 8;
/// Block header plus trailer.
const BLOCK_OVERHEAD: u32 = 12;
/// Section header body: magic, major, minor, section length.
const SHB_BODY_LEN: usize = 16;

/// One thing read from a capture, in file order.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Item {
    /// A section header: the start of a capture, or of a further capture
    /// concatenated after the previous one's events.
    Section(SectionHeader),
    /// The capturing machine.
    Machine(MachineInfo),
    /// A thread that existed when the capture started (boxed: it is by far
    /// the largest item).
    Process(Box<ProcessEntry>),
    /// An fd open when the capture started.
    Fd(FdEntry),
    /// A network interface address.
    Interface(Interface),
    /// A user account.
    User(User),
    /// A group.
    Group(Group),
    /// A kernel event.
    Event(Event),
}

/// What one block gave.
enum Block {
    /// The end of the input, at a block boundary.
    End,
    /// A section header or an event.
    Item(Item),
    /// An event, decoded into the caller's slot.
    EventInto,
    /// Metadata items (queued in `pending`), or an unknown block skipped.
    Queued,
}

/// What [`ScapReader::read_item`] read.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Next {
    /// An event, now in the caller's [`Event`].
    Event,
    /// A metadata item.
    Item(Item),
}

/// What [`ScapReader::read_item_ref`] read.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum NextRef<'a> {
    /// An event, where it lies in the reader's buffer.
    Event(EventRef<'a>),
    /// A metadata item.
    Item(Item),
}

/// A streaming reader of scap capture files (plain or gzip-compressed).
///
/// Use it as an iterator of `Result<Item, CaptureError>`, or call
/// [`ScapReader::next_item`] / [`ScapReader::next_event`]. To read events
/// without allocating for each, call [`ScapReader::read_event`] with one
/// reused [`Event`].
pub struct ScapReader<R: Read> {
    input: Input<R>,
    pending: VecDeque<Item>,
    pending_err: Option<CaptureError>,
    seen_section: bool,
    events: u64,
    done: bool,
    max_block_len: u32,
    /// Where [`ScapReader::read_event_ref`] decodes an event that is not
    /// whole in the buffer.
    scratch: Event,
}

impl ScapReader<File> {
    /// Open a capture file, read ahead on a thread of its own (see
    /// [`ScapReader::read_ahead`]).
    pub fn open(path: impl AsRef<Path>) -> Result<ScapReader<File>, CaptureError> {
        let file = File::open(path).map_err(|source| CaptureError::Io { offset: 0, source })?;
        ScapReader::read_ahead(file)
    }
}

impl<R: Read> ScapReader<R> {
    /// Wrap a byte stream. A gzip stream (`1f 8b`) is decompressed on the
    /// fly; offsets in errors then refer to the decompressed bytes.
    pub fn new(inner: R) -> Result<ScapReader<R>, CaptureError> {
        let input = Input::new(inner).map_err(|source| CaptureError::Io { offset: 0, source })?;
        Ok(ScapReader::with_input(input))
    }

    /// Like [`ScapReader::new`], but `inner` is read (and gunzipped) on a
    /// thread of its own, `sf-read-ahead`, while this one decodes: reading
    /// a file costs about a quarter of decoding it, and decompressing a
    /// gzip capture more than decoding it. It hands over buffers of up to
    /// 1 MiB (what a pipe has at once, sooner) and holds at most four. The
    /// thread ends with the input, or after the reader is dropped, when its
    /// read in progress returns (on a pipe, when the writer writes or
    /// closes). If no thread can be started, the input is read as
    /// [`ScapReader::new`] reads it.
    pub fn read_ahead(inner: R) -> Result<ScapReader<R>, CaptureError>
    where
        R: Send + 'static,
    {
        let input =
            Input::read_ahead(inner).map_err(|source| CaptureError::Io { offset: 0, source })?;
        Ok(ScapReader::with_input(input))
    }

    fn with_input(input: Input<R>) -> ScapReader<R> {
        ScapReader {
            input,
            pending: VecDeque::new(),
            pending_err: None,
            seen_section: false,
            events: 0,
            done: false,
            max_block_len: DEFAULT_MAX_BLOCK_LEN,
            scratch: Event::default(),
        }
    }

    /// Refuse blocks whose total length exceeds `max` bytes (default 256 MiB)
    /// with [`CaptureError::BadBlockLength`].
    pub fn with_max_block_len(mut self, max: u32) -> Self {
        self.max_block_len = max;
        self
    }

    /// Number of events read so far.
    pub fn events_read(&self) -> u64 {
        self.events
    }

    /// The next item in file order, `Ok(None)` at the end of the capture.
    /// After an error the reader is finished and returns `Ok(None)`.
    pub fn next_item(&mut self) -> Result<Option<Item>, CaptureError> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Ok(Some(item));
            }
            if let Some(err) = self.pending_err.take() {
                self.done = true;
                return Err(err);
            }
            if self.done {
                return Ok(None);
            }
            match self.read_block(None) {
                Ok(Block::Item(item)) => return Ok(Some(item)),
                Ok(Block::EventInto | Block::Queued) => {}
                Ok(Block::End) => self.done = true,
                Err(err) => self.pending_err = Some(err),
            }
        }
    }

    /// The next event, skipping metadata items; `Ok(None)` at the end.
    pub fn next_event(&mut self) -> Result<Option<Event>, CaptureError> {
        while let Some(item) = self.next_item()? {
            if let Item::Event(ev) = item {
                return Ok(Some(ev));
            }
        }
        Ok(None)
    }

    /// The next item in file order, like [`ScapReader::next_item`], except
    /// that an event is decoded into `ev`, reusing its buffers, and reported
    /// as [`Next::Event`]; metadata items come back owned. A loop over a
    /// capture then allocates only for metadata and while buffers grow.
    /// After an error the reader is finished and returns `Ok(None)`.
    pub fn read_item(&mut self, ev: &mut Event) -> Result<Option<Next>, CaptureError> {
        if let Some((length, flagged)) = self.next_in_place() {
            ev.copy_from(&self.take_in_place(length, flagged)?);
            return Ok(Some(Next::Event));
        }
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Ok(Some(match item {
                    Item::Event(e) => {
                        *ev = e;
                        Next::Event
                    }
                    other => Next::Item(other),
                }));
            }
            if let Some(err) = self.pending_err.take() {
                self.done = true;
                return Err(err);
            }
            if self.done {
                return Ok(None);
            }
            match self.read_block(Some(ev)) {
                Ok(Block::EventInto) => return Ok(Some(Next::Event)),
                Ok(Block::Item(Item::Event(e))) => {
                    *ev = e;
                    return Ok(Some(Next::Event));
                }
                Ok(Block::Item(item)) => return Ok(Some(Next::Item(item))),
                Ok(Block::Queued) => {}
                Ok(Block::End) => self.done = true,
                Err(err) => self.pending_err = Some(err),
            }
        }
    }

    /// Read the next event into `ev`, skipping metadata items, and reusing
    /// `ev`'s parameter buffers (so a loop over a capture allocates only
    /// while they grow). Returns `Ok(false)` at the end. After an error,
    /// `ev`'s contents are unspecified and the reader is finished.
    pub fn read_event(&mut self, ev: &mut Event) -> Result<bool, CaptureError> {
        if let Some((length, flagged)) = self.next_in_place() {
            ev.copy_from(&self.take_in_place(length, flagged)?);
            return Ok(true);
        }
        loop {
            if let Some(item) = self.pending.pop_front() {
                if let Item::Event(e) = item {
                    *ev = e;
                    return Ok(true);
                }
                continue;
            }
            if let Some(err) = self.pending_err.take() {
                self.done = true;
                return Err(err);
            }
            if self.done {
                return Ok(false);
            }
            match self.read_block(Some(ev)) {
                Ok(Block::EventInto) => return Ok(true),
                Ok(Block::Item(Item::Event(e))) => {
                    *ev = e;
                    return Ok(true);
                }
                Ok(Block::Item(_) | Block::Queued) => {}
                Ok(Block::End) => self.done = true,
                Err(err) => self.pending_err = Some(err),
            }
        }
    }

    /// The next event, skipping metadata items, where it lies in the
    /// reader's buffer: no parameter is copied (an event cut between two
    /// reads is copied once). `Ok(None)` at the end. The event borrows the
    /// reader until the next call; [`EventRef::to_event`] keeps one. After
    /// an error the reader is finished.
    pub fn read_event_ref(&mut self) -> Result<Option<EventRef<'_>>, CaptureError> {
        if let Some((length, flagged)) = self.next_in_place() {
            return self.take_in_place(length, flagged).map(Some);
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        let got = self.read_event(&mut scratch);
        self.scratch = scratch;
        Ok(got?.then(|| self.scratch.view()))
    }

    /// The next item in file order, like [`ScapReader::read_item`], except
    /// that an event is handed out where it lies in the reader's buffer, as
    /// [`ScapReader::read_event_ref`] does. After an error the reader is
    /// finished and returns `Ok(None)`.
    pub fn read_item_ref(&mut self) -> Result<Option<NextRef<'_>>, CaptureError> {
        if let Some((length, flagged)) = self.next_in_place() {
            return self
                .take_in_place(length, flagged)
                .map(|ev| Some(NextRef::Event(ev)));
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        let got = self.read_item(&mut scratch);
        self.scratch = scratch;
        Ok(match got? {
            Some(Next::Event) => Some(NextRef::Event(self.scratch.view())),
            Some(Next::Item(item)) => Some(NextRef::Item(item)),
            None => None,
        })
    }

    /// The length of the next block and whether it has flags, if it is an
    /// event that can be handed out in place (nothing queued before it,
    /// wholly in the buffer).
    #[inline]
    fn next_in_place(&self) -> Option<(usize, bool)> {
        let quiet = self.pending.is_empty() && self.pending_err.is_none() && !self.done;
        if quiet && self.seen_section {
            self.buffered_event_len()
        } else {
            None
        }
    }

    /// Consume the buffered `length`-byte event block and parse it where it
    /// lies.
    #[inline]
    fn take_in_place(
        &mut self,
        length: usize,
        flagged: bool,
    ) -> Result<EventRef<'_>, CaptureError> {
        let off = self.input.offset();
        self.input.consume(length);
        let whole = self.input.behind(length);
        let body = whole
            .get(BLOCK_HEADER_LEN as usize..length.saturating_sub(4))
            .unwrap_or_default();
        match parse_event_body(body, off, false, flagged) {
            Ok(mut ev) => {
                self.events += 1;
                ev.index = self.events;
                Ok(ev)
            }
            Err(err) => {
                self.done = true;
                Err(err)
            }
        }
    }

    /// The length of the V2 event block at the front of the buffer, and
    /// whether it carries flags, if it is wholly there with a plausible
    /// length; `None` sends everything else to the general path (which
    /// also reports bad lengths).
    #[inline]
    fn buffered_event_len(&self) -> Option<(usize, bool)> {
        let avail = self.input.available();
        let (&[t0, t1, t2, t3, l0, l1, l2, l3], _) = avail.split_first_chunk::<8>()?;
        let flagged = match u32::from_le_bytes([t0, t1, t2, t3]) {
            block::EV_V2 | block::EV_V2_LARGE => false,
            block::EVF_V2 | block::EVF_V2_LARGE => true,
            _ => return None,
        };
        let length = u32::from_le_bytes([l0, l1, l2, l3]);
        if length < BLOCK_OVERHEAD || length > self.max_block_len || !length.is_multiple_of(4) {
            return None;
        }
        let length = length as usize;
        (avail.len() >= length).then_some((length, flagged))
    }

    /// Make the `n`-byte block at the current offset available, or report
    /// how it is truncated.
    fn fill_block(&mut self, off: u64, n: u32) -> Result<(), CaptureError> {
        let avail = self
            .input
            .fill(n as usize)
            .map_err(|source| CaptureError::Io {
                offset: self.input.offset(),
                source,
            })?;
        if avail < n as usize {
            return Err(CaptureError::Truncated {
                offset: off,
                needed: u64::from(n),
                available: avail as u64,
            });
        }
        Ok(())
    }

    /// Read and decode one block. Events go into `slot` when given.
    fn read_block(&mut self, slot: Option<&mut Event>) -> Result<Block, CaptureError> {
        let off = self.input.offset();
        let got = self
            .input
            .fill(BLOCK_HEADER_LEN as usize)
            .map_err(|source| CaptureError::Io {
                offset: self.input.offset(),
                source,
            })?;
        if got == 0 && self.seen_section {
            return Ok(Block::End);
        }
        let mut c = Cursor::new(self.input.peek(BLOCK_HEADER_LEN as usize));
        let (Some(block_type), Some(length)) = (c.u32(), c.u32()) else {
            return Err(CaptureError::Truncated {
                offset: off,
                needed: u64::from(BLOCK_HEADER_LEN),
                available: got as u64,
            });
        };
        if !self.seen_section && block_type != block::SHB {
            return Err(CaptureError::NotScap {
                offset: off,
                block_type,
            });
        }
        if block_type == block::SHB {
            return self.read_section(off, length);
        }
        // Writers pad every block to 4 bytes.
        if length < BLOCK_OVERHEAD || length > self.max_block_len || !length.is_multiple_of(4) {
            return Err(CaptureError::BadBlockLength {
                offset: off,
                block_type,
                length,
            });
        }
        self.fill_block(off, length)?;
        let whole = self.input.peek(length as usize);
        let inner = whole.get(BLOCK_HEADER_LEN as usize..).unwrap_or_default();
        let (body, trailer) = inner.split_at(inner.len().saturating_sub(4));
        let trailer = Cursor::new(trailer).u32().unwrap_or_default();
        let body_off = off + u64::from(BLOCK_HEADER_LEN);
        let event_kind = match block_type {
            block::EV_V2 | block::EV_V2_LARGE => Some((false, false)),
            block::EVF_V2 | block::EVF_V2_LARGE => Some((false, true)),
            block::EV_V1 | block::EV_V1_INT => Some((true, false)),
            block::EVF_V1 => Some((true, true)),
            _ => None,
        };
        if let Some((v1, flagged)) = event_kind {
            // Event block trailers are not checked, as in libscap.
            let result = match slot {
                Some(ev) => decode_event_into(ev, body, off, v1, flagged).map(|()| {
                    self.events += 1;
                    ev.index = self.events;
                    Block::EventInto
                }),
                None => {
                    let mut ev = Event::default();
                    decode_event_into(&mut ev, body, off, v1, flagged).map(|()| {
                        self.events += 1;
                        ev.index = self.events;
                        Block::Item(Item::Event(ev))
                    })
                }
            };
            self.input.consume(length as usize);
            return result;
        }
        if trailer != length {
            return Err(CaptureError::TrailerMismatch {
                offset: off,
                block_type,
                length,
                trailer,
            });
        }
        let out = &mut self.pending;
        let result = match block_type {
            block::MI | block::MI_INT => match MachineInfo::decode(body) {
                Some(mi) if body.len() >= MACHINE_INFO_LEN => {
                    out.push_back(Item::Machine(mi));
                    Ok(())
                }
                _ => Err(CaptureError::BadBlockLength {
                    offset: off,
                    block_type,
                    length,
                }),
            },
            block::PL_V1 | block::PL_V1_INT => decode_processes(body, body_off, block_type, 1, out),
            block::PL_V2 | block::PL_V2_INT => decode_processes(body, body_off, block_type, 2, out),
            block::PL_V3 | block::PL_V3_INT => decode_processes(body, body_off, block_type, 3, out),
            block::PL_V4 => decode_processes(body, body_off, block_type, 4, out),
            block::PL_V5 => decode_processes(body, body_off, block_type, 5, out),
            block::PL_V6 => decode_processes(body, body_off, block_type, 6, out),
            block::PL_V7 => decode_processes(body, body_off, block_type, 7, out),
            block::PL_V8 => decode_processes(body, body_off, block_type, 8, out),
            block::PL_V9 => decode_processes(body, body_off, block_type, 9, out),
            block::FDL_V1 | block::FDL_V1_INT => decode_fds(body, body_off, block_type, false, out),
            block::FDL_V2 => decode_fds(body, body_off, block_type, true, out),
            block::IL_V1 | block::IL_V1_INT => {
                decode_interfaces(body, body_off, block_type, false, out)
            }
            block::IL_V2 => decode_interfaces(body, body_off, block_type, true, out),
            block::UL_V1 | block::UL_V1_INT => decode_users(body, body_off, block_type, false, out),
            block::UL_V2 => decode_users(body, body_off, block_type, true, out),
            // Unknown block types are skipped by length.
            _ => Ok(()),
        };
        self.input.consume(length as usize);
        result.map(|()| Block::Queued)
    }

    /// Decode a section header block whose 8-byte header is available.
    fn read_section(&mut self, off: u64, length: u32) -> Result<Block, CaptureError> {
        // Check the magic before trusting the length: in a byte-swapped file
        // the length is swapped too.
        self.fill_block(off, BLOCK_HEADER_LEN + 4)?;
        let head = self.input.peek((BLOCK_HEADER_LEN + 4) as usize);
        let magic = Cursor::new(head.get(BLOCK_HEADER_LEN as usize..).unwrap_or_default())
            .u32()
            .unwrap_or_default();
        if magic == MAGIC.swap_bytes() {
            return Err(CaptureError::ByteSwapped { offset: off });
        }
        if magic != MAGIC {
            return Err(CaptureError::BadMagic { offset: off, magic });
        }
        let min = BLOCK_OVERHEAD + SHB_BODY_LEN as u32;
        if length < min || length > self.max_block_len || !length.is_multiple_of(4) {
            return Err(CaptureError::BadBlockLength {
                offset: off,
                block_type: block::SHB,
                length,
            });
        }
        self.fill_block(off, length)?;
        // Versions and section length follow the magic; options are ignored.
        let fields = self.input.peek(length as usize);
        let mut c = Cursor::new(
            fields
                .get(BLOCK_HEADER_LEN as usize + 4..)
                .unwrap_or_default(),
        );
        let (major, minor, section_length) = match (c.u16(), c.u16(), c.u64()) {
            (Some(a), Some(b), Some(l)) => (a, b, l),
            _ => {
                return Err(CaptureError::BadBlockLength {
                    offset: off,
                    block_type: block::SHB,
                    length,
                });
            }
        };
        if major > 1 {
            return Err(CaptureError::UnsupportedVersion {
                offset: off,
                major,
                minor,
            });
        }
        self.input.consume(length as usize);
        self.seen_section = true;
        Ok(Block::Item(Item::Section(SectionHeader {
            offset: off,
            major,
            minor,
            section_length,
        })))
    }
}

impl<R: Read> Iterator for ScapReader<R> {
    type Item = Result<Item, CaptureError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_item().transpose()
    }
}

impl<R: Read> std::fmt::Debug for ScapReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScapReader")
            .field("offset", &self.input.offset())
            .field("events", &self.events)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// Walk a block body's entries while at least 4 bytes remain (less is
/// padding). `entry` decodes one entry from the cursor, given its offset.
fn entries(
    body: &[u8],
    body_off: u64,
    block_type: u32,
    what: &'static str,
    mut entry: impl FnMut(&mut Cursor<'_>) -> Option<()>,
) -> Result<(), CaptureError> {
    let mut c = Cursor::new(body);
    while c.remaining() >= 4 {
        let offset = body_off + c.pos() as u64;
        if entry(&mut c).is_none() {
            return Err(CaptureError::BadEntry {
                offset,
                block_type,
                what,
            });
        }
    }
    Ok(())
}

/// Take a u32 entry length and return a cursor over the entry's content.
/// `counts_itself` says whether the length includes its own 4 bytes.
fn sized<'a>(c: &mut Cursor<'a>, counts_itself: bool) -> Option<Cursor<'a>> {
    let len = c.u32()? as usize;
    let content = if counts_itself {
        len.checked_sub(4)?
    } else {
        len
    };
    c.sub(content)
}

fn decode_processes(
    body: &[u8],
    body_off: u64,
    block_type: u32,
    version: u8,
    out: &mut VecDeque<Item>,
) -> Result<(), CaptureError> {
    entries(body, body_off, block_type, "process", |c| {
        let p = if version >= 9 {
            process::decode_entry(&mut sized(c, true)?, version)?
        } else {
            process::decode_entry(c, version)?
        };
        out.push_back(Item::Process(Box::new(p)));
        Some(())
    })
}

fn decode_fds(
    body: &[u8],
    body_off: u64,
    block_type: u32,
    v2: bool,
    out: &mut VecDeque<Item>,
) -> Result<(), CaptureError> {
    let mut c = Cursor::new(body);
    let Some(tid) = c.i64() else {
        return Err(CaptureError::BadEntry {
            offset: body_off,
            block_type,
            what: "fd list",
        });
    };
    let rest = body.get(8..).unwrap_or_default();
    entries(rest, body_off + 8, block_type, "fd", |c| {
        let e = if v2 {
            fd::decode_entry(&mut sized(c, true)?, tid, true)?
        } else {
            fd::decode_entry(c, tid, false)?
        };
        out.push_back(Item::Fd(e));
        Some(())
    })
}

fn decode_interfaces(
    body: &[u8],
    body_off: u64,
    block_type: u32,
    v2: bool,
    out: &mut VecDeque<Item>,
) -> Result<(), CaptureError> {
    entries(body, body_off, block_type, "interface", |c| {
        let i = if v2 {
            interface::decode_entry(&mut sized(c, false)?)?
        } else {
            interface::decode_entry(c)?
        };
        out.push_back(Item::Interface(i));
        Some(())
    })
}

fn decode_users(
    body: &[u8],
    body_off: u64,
    block_type: u32,
    v2: bool,
    out: &mut VecDeque<Item>,
) -> Result<(), CaptureError> {
    entries(body, body_off, block_type, "user", |c| {
        let u = if v2 {
            user::decode_entry(&mut sized(c, true)?)?
        } else {
            user::decode_entry(c)?
        };
        out.push_back(match u {
            UserEntry::User(u) => Item::User(u),
            UserEntry::Group(g) => Item::Group(g),
        });
        Some(())
    })
}

/// Decode the event of an event block body into `ev`.
#[inline]
fn decode_event_into(
    ev: &mut Event,
    body: &[u8],
    off: u64,
    v1: bool,
    flagged: bool,
) -> Result<(), CaptureError> {
    ev.copy_from(&parse_event_body(body, off, v1, flagged)?);
    Ok(())
}

/// Parse the event of an event block body where it lies.
#[inline]
fn parse_event_body(
    body: &[u8],
    off: u64,
    v1: bool,
    flagged: bool,
) -> Result<EventRef<'_>, CaptureError> {
    let mut c = Cursor::new(body);
    let short = || CaptureError::BadEvent {
        offset: off,
        event_type: 0,
        defect: crate::error::EventDefect::ShortHeader,
    };
    let cpu = c.u16().ok_or_else(short)?;
    let dump_flags = if flagged {
        Some(c.u32().ok_or_else(short)?)
    } else {
        None
    };
    let rest = body.get(c.pos()..).unwrap_or_default();
    EventRef::parse(rest, v1, off, cpu, dump_flags)
}
