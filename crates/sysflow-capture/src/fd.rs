//! File descriptor list entries: the fds open when the capture started.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::wire::Cursor;

/// An open file descriptor from an fd list block (`FDL` V1/V2).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FdEntry {
    /// Thread whose fd table holds the entry.
    pub tid: i64,
    /// The fd number.
    pub fd: i64,
    /// Inode number.
    pub ino: u64,
    /// The raw `SCAP_FD_*` type byte.
    pub fd_type: u8,
    /// Type-specific data.
    pub info: FdInfo,
}

impl FdEntry {
    /// Build an entry (for writing captures or tests). `fd_type` is the raw
    /// `SCAP_FD_*` byte and should match `info`'s kind.
    pub fn new(tid: i64, fd: i64, ino: u64, fd_type: u8, info: FdInfo) -> FdEntry {
        FdEntry {
            tid,
            fd,
            ino,
            fd_type,
            info,
        }
    }
}

/// Layer-4 protocol of a socket fd (`SCAP_L4_*`), kept as the raw byte.
pub type L4Proto = u8;

/// Type-specific data of an [`FdEntry`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FdInfo {
    /// A named fd (file, directory, fifo, eventfd, epoll, inotify, …).
    Named {
        /// Name or path.
        name: Vec<u8>,
    },
    /// A regular file with its open flags (`FILE_V2`).
    File {
        /// Open flags.
        open_flags: u32,
        /// Path.
        name: Vec<u8>,
        /// Device number, when the entry carries one.
        dev: Option<u32>,
    },
    /// A connected IPv4 socket.
    Ipv4Socket {
        /// Source address.
        sip: Ipv4Addr,
        /// Destination address.
        dip: Ipv4Addr,
        /// Source port.
        sport: u16,
        /// Destination port.
        dport: u16,
        /// Layer-4 protocol.
        l4proto: L4Proto,
    },
    /// A connected IPv6 socket.
    Ipv6Socket {
        /// Source address.
        sip: Ipv6Addr,
        /// Destination address.
        dip: Ipv6Addr,
        /// Source port.
        sport: u16,
        /// Destination port.
        dport: u16,
        /// Layer-4 protocol.
        l4proto: L4Proto,
    },
    /// A listening IPv4 socket.
    Ipv4Server {
        /// Bound address.
        ip: Ipv4Addr,
        /// Bound port.
        port: u16,
        /// Layer-4 protocol.
        l4proto: L4Proto,
    },
    /// A listening IPv6 socket.
    Ipv6Server {
        /// Bound address.
        ip: Ipv6Addr,
        /// Bound port.
        port: u16,
        /// Layer-4 protocol.
        l4proto: L4Proto,
    },
    /// A unix socket.
    Unix {
        /// Kernel address of this end.
        source: u64,
        /// Kernel address of the peer.
        dest: u64,
        /// Socket path.
        name: Vec<u8>,
    },
    /// A type this reader does not know (FDL V2 only, skipped by length).
    Unknown,
}

/// `SCAP_FD_*` type values with a special payload.
const IPV4_SOCK: u8 = 3;
const IPV6_SOCK: u8 = 4;
const IPV4_SERVSOCK: u8 = 5;
const IPV6_SERVSOCK: u8 = 6;
const UNIX_SOCK: u8 = 8;
const FILE_V2: u8 = 16;

/// Whether `ty` is a named type whose payload is just a name.
fn is_named(ty: u8) -> bool {
    matches!(ty, 1 | 2 | 7 | 9..=15 | 17..=21)
}

/// Decode one entry's fields. For V2 the cursor covers exactly the entry
/// after its length prefix, which allows the optional `dev` and unknown types.
pub(crate) fn decode_entry(c: &mut Cursor<'_>, tid: i64, v2: bool) -> Option<FdEntry> {
    let fd = c.i64()?;
    let ino = c.u64()?;
    let fd_type = c.u8()?;
    let info = match fd_type {
        IPV4_SOCK => FdInfo::Ipv4Socket {
            sip: c.ipv4()?,
            dip: c.ipv4()?,
            sport: c.u16()?,
            dport: c.u16()?,
            l4proto: c.u8()?,
        },
        IPV6_SOCK => FdInfo::Ipv6Socket {
            sip: c.ipv6()?,
            dip: c.ipv6()?,
            sport: c.u16()?,
            dport: c.u16()?,
            l4proto: c.u8()?,
        },
        IPV4_SERVSOCK => FdInfo::Ipv4Server {
            ip: c.ipv4()?,
            port: c.u16()?,
            l4proto: c.u8()?,
        },
        IPV6_SERVSOCK => FdInfo::Ipv6Server {
            ip: c.ipv6()?,
            port: c.u16()?,
            l4proto: c.u8()?,
        },
        UNIX_SOCK => FdInfo::Unix {
            source: c.u64()?,
            dest: c.u64()?,
            name: c.s16()?,
        },
        FILE_V2 => {
            let open_flags = c.u32()?;
            let name = c.s16()?;
            let dev = if v2 { c.u32() } else { None };
            FdInfo::File {
                open_flags,
                name,
                dev,
            }
        }
        t if is_named(t) => FdInfo::Named { name: c.s16()? },
        _ if v2 => FdInfo::Unknown,
        _ => return None,
    };
    Some(FdEntry {
        tid,
        fd,
        ino,
        fd_type,
        info,
    })
}
