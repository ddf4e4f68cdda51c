//! The consumer side of the probe's BPF ring buffer, read through our own
//! mappings instead of aya's `RingBuf`, for two reasons:
//!
//! - Memory. The kernel lays the ring's data pages out twice in a row, so
//!   that a record that wraps around the end reads as one piece, and aya
//!   maps both copies. The kernel fills the whole mapping at `mmap` time
//!   (`remap_vmalloc_range`), so every page counts in the collector's RSS
//!   from the start: a 16 MiB ring cost 32 MiB. Here the data pages are
//!   mapped once, and the rare record that wraps is joined in a buffer.
//! - The producers' time. aya publishes the consumer position after every
//!   record, and each publication moves the position's cache line to the
//!   reader's CPU, to be moved back by the next reservation on the
//!   producer's. Here the position is published once per batch
//!   ([`Ring::publish`]), and before the reader waits.
//!
//! Layout (`kernel/bpf/ringbuf.c`): page 0 holds the consumer position
//! (the only page user space may map writable), page 1 the producer
//! position, then the data pages. Each record starts 8-byte aligned with
//! an 8-byte header: a u32 length whose two top bits say "busy" (not yet
//! committed) and "discarded", and a u32 the kernel uses itself.

use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering, fence};

use aya::maps::MapData;

/// The record header's "not yet committed" bit.
const BUSY_BIT: u32 = 1 << 31;
/// The record header's "discarded" bit.
const DISCARD_BIT: u32 = 1 << 30;
/// The record header's size.
const HEADER: u64 = 8;

/// A shared mapping, unmapped on drop.
struct Mapping {
    base: *mut libc::c_void,
    len: usize,
}

impl Mapping {
    /// Maps `len` bytes of `fd` from `offset`, with protection `prot`.
    fn new(fd: BorrowedFd<'_>, len: usize, prot: libc::c_int, offset: usize) -> io::Result<Self> {
        let offset = libc::off_t::try_from(offset).map_err(io::Error::other)?;
        // SAFETY: a fresh shared mapping chosen by the kernel; it checks the
        // fd, the length, the offset and the protection (writable only for
        // the consumer page).
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                prot,
                libc::MAP_SHARED,
                fd.as_raw_fd(),
                offset,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(Mapping { base, len })
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: `base` and `len` are a mapping made in `new`, unmapped once.
        unsafe {
            libc::munmap(self.base, self.len);
        }
    }
}

/// The reader of one BPF ring buffer.
pub(crate) struct Ring {
    /// The map: keeps its fd open while it is mapped and polled.
    map: MapData,
    /// Page 0, the consumer position, writable.
    consumer: Mapping,
    /// Page 1 (the producer position) and the data pages, once, read-only.
    producer: Mapping,
    page: usize,
    /// The data area's size (a power of two).
    size: u64,
    /// Where the next record starts (logical position, not wrapped).
    pos: u64,
    /// The position last published to the kernel.
    published: u64,
    /// The producer position last read.
    producer_pos: u64,
    /// A record that wraps around the end of the data area, joined.
    joined: Vec<u8>,
}

// SAFETY: the mappings are owned by the `Ring` alone and only touched
// through `&mut self` (and `&self` for atomic loads of the positions); the
// map whose pages they are stays open as long as they exist.
unsafe impl Send for Ring {}

impl Ring {
    /// Maps the ring `map` of `size` data bytes (a power of two and a
    /// multiple of the page size, which the kernel enforced at creation).
    pub(crate) fn new(map: MapData, size: u32) -> io::Result<Ring> {
        // SAFETY: sysconf has no memory effects.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        let page = usize::try_from(page).map_err(|_| io::Error::last_os_error())?;
        let size_bytes = usize::try_from(size).map_err(io::Error::other)?;
        if !size.is_power_of_two() || size_bytes % page != 0 {
            return Err(io::Error::other(format!(
                "ring size {size} is not a power of two multiple of the page size"
            )));
        }
        let fd = map.fd().as_fd();
        let consumer = Mapping::new(fd, page, libc::PROT_READ | libc::PROT_WRITE, 0)?;
        let producer = Mapping::new(fd, page + size_bytes, libc::PROT_READ, page)?;
        let mut ring = Ring {
            map,
            consumer,
            producer,
            page,
            size: u64::from(size),
            pos: 0,
            published: 0,
            producer_pos: 0,
            joined: Vec::new(),
        };
        // A fresh map starts at 0, but take what the kernel says.
        ring.pos = ring.consumer_pos().load(Ordering::Acquire);
        ring.published = ring.pos;
        ring.producer_pos = ring.load_producer_pos();
        Ok(ring)
    }

    /// The kernel's consumer position.
    fn consumer_pos(&self) -> &AtomicU64 {
        // SAFETY: the consumer page is mapped (page-aligned, so 8-byte
        // aligned) and lives as long as `self`; the position is a u64 at its
        // start, which the kernel reads atomically.
        unsafe { &*(self.consumer.base as *const AtomicU64) }
    }

    /// The kernel's producer position, with Acquire: the records below it
    /// have their headers written.
    fn load_producer_pos(&self) -> u64 {
        // SAFETY: the producer page is the first of the read-only mapping,
        // which lives as long as `self`; the kernel stores the position
        // with Release.
        unsafe { &*(self.producer.base as *const AtomicU64) }.load(Ordering::Acquire)
    }

    /// How far the records were read, in bytes since the start (headers
    /// and padding included): what the ring has carried.
    pub(crate) fn position(&self) -> u64 {
        self.pos
    }

    /// Publishes how far the records were read: the kernel may then reuse
    /// their space. Records returned by [`next`](Ring::next) stay valid until
    /// this is called.
    pub(crate) fn publish(&mut self) {
        if self.published != self.pos {
            self.consumer_pos().store(self.pos, Ordering::Release);
            self.published = self.pos;
        }
    }

    /// The next committed record, or `None` when there is none yet (or the
    /// oldest one is still being written).
    pub(crate) fn next(&mut self) -> Option<&[u8]> {
        loop {
            if self.pos == self.producer_pos {
                self.producer_pos = self.load_producer_pos();
                if self.pos == self.producer_pos {
                    if self.published == self.pos {
                        return None;
                    }
                    // Caught up: publish, then look once more, so that either
                    // this sees a record committed meanwhile, or its producer
                    // sees the new position (a producer that wakes "when the
                    // consumer has caught up" compares against it).
                    self.publish();
                    fence(Ordering::SeqCst);
                    self.producer_pos = self.load_producer_pos();
                    if self.pos == self.producer_pos {
                        return None;
                    }
                }
            }
            let at = self.pos & (self.size - 1);
            let data = self.data_area();
            // `at` is 8-byte aligned and at least a header below the end.
            // SAFETY: `data` is `size` bytes of the mapping, `at + 4 <= size`,
            // the mapping is page-aligned so the u32 is aligned; the kernel
            // writes the header atomically (commit is an xchg).
            let header = unsafe { &*(data.add(at as usize) as *const AtomicU32) };
            let header = header.load(Ordering::Acquire);
            if header & BUSY_BIT != 0 {
                return None;
            }
            let len = u64::from(header & !(BUSY_BIT | DISCARD_BIT));
            let start = self.pos + HEADER;
            self.pos = start + len.next_multiple_of(HEADER);
            if header & DISCARD_BIT != 0 {
                continue;
            }
            if len > self.size - HEADER {
                // Not a record the kernel can make: skip to what the
                // producer has written, rather than read outside the area.
                self.pos = self.producer_pos;
                continue;
            }
            let from = start & (self.size - 1);
            let first = len.min(self.size - from);
            // SAFETY: `from + first <= size` and `len - first <= size`: both
            // pieces lie in the data area, which the kernel does not write
            // until the consumer position passes them (it is not published
            // before the caller is done with the slice, which borrows `self`).
            unsafe {
                let head = std::slice::from_raw_parts(data.add(from as usize), first as usize);
                if first == len {
                    return Some(head);
                }
                let tail = std::slice::from_raw_parts(data, (len - first) as usize);
                self.joined.clear();
                self.joined.extend_from_slice(head);
                self.joined.extend_from_slice(tail);
            }
            return Some(&self.joined);
        }
    }

    /// The start of the data area.
    fn data_area(&self) -> *const u8 {
        // SAFETY: the producer mapping is one page then `size` data bytes.
        unsafe { self.producer.base.cast::<u8>().add(self.page) }
    }
}

impl AsFd for Ring {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.map.fd().as_fd()
    }
}

impl AsRawFd for Ring {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        self.as_fd().as_raw_fd()
    }
}
