//! Little-endian field decoding over a byte slice, shared by the block decoders.
//!
//! Every accessor returns `None` instead of panicking when the slice is too
//! short; callers turn that into a [`crate::CaptureError`] with an offset.

use std::net::{Ipv4Addr, Ipv6Addr};

/// A read position in a byte slice.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    #[inline]
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Cursor { buf, pos: 0 }
    }

    /// Bytes consumed so far.
    #[inline]
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// Bytes left.
    #[inline]
    pub(crate) fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    #[inline]
    pub(crate) fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    #[inline]
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }

    #[inline]
    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.array::<1>().map(|b| b[0])
    }

    #[inline]
    pub(crate) fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_le_bytes)
    }

    #[inline]
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    #[inline]
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    #[inline]
    pub(crate) fn i64(&mut self) -> Option<i64> {
        self.array().map(i64::from_le_bytes)
    }

    /// An IPv4 address stored in network byte order.
    #[inline]
    pub(crate) fn ipv4(&mut self) -> Option<Ipv4Addr> {
        self.array::<4>().map(Ipv4Addr::from)
    }

    /// An IPv6 address stored in network byte order.
    #[inline]
    pub(crate) fn ipv6(&mut self) -> Option<Ipv6Addr> {
        self.array::<16>().map(Ipv6Addr::from)
    }

    /// A string with a u16 length prefix and no terminator.
    #[inline]
    pub(crate) fn s16(&mut self) -> Option<Vec<u8>> {
        let n = self.u16()?;
        self.bytes(usize::from(n)).map(<[u8]>::to_vec)
    }

    /// A sub-cursor over the next `n` bytes, which are consumed.
    #[inline]
    pub(crate) fn sub(&mut self, n: usize) -> Option<Cursor<'a>> {
        self.bytes(n).map(Cursor::new)
    }
}
