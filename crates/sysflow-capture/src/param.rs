//! Typed views of event parameter values.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};

use crate::abi::ParamType;
use crate::wire::Cursor;

/// `PPM_AF_UNIX`.
const AF_UNIX: u8 = 1;
/// `PPM_AF_INET`.
const AF_INET: u8 = 2;
/// `PPM_AF_INET6`.
const AF_INET6: u8 = 10;

/// A decoded parameter value, borrowing variable-length data from its event.
///
/// A zero-length parameter means "empty / not available" for every type and
/// decodes to [`ParamValue::Empty`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ParamValue<'a> {
    /// A zero-length parameter.
    Empty,
    /// Signed integer (`INT8`–`INT64`), sign-extended.
    Int(i64),
    /// Unsigned integer (`UINT8`–`UINT64`, `SIGSET`).
    Uint(u64),
    /// File descriptor (`FD`, `FD32`); negative values are errors or `AT_FDCWD` (-100).
    Fd(i64),
    /// Thread or process id (`PID`, `PID32`).
    Pid(i64),
    /// Return value: negative is `-errno`.
    Errno(i64),
    /// Bit flags or enum value (`FLAGS*`, `ENUMFLAGS*`), zero-extended.
    Flags(u32),
    /// File mode bits (`MODE`).
    Mode(u32),
    /// User id; `u32::MAX` is "none".
    Uid(u32),
    /// Group id; `u32::MAX` is "none".
    Gid(u32),
    /// PPM_SC syscall code (`SYSCALLID`).
    SyscallId(u16),
    /// Signal number (`SIGTYPE`).
    Signal(u8),
    /// Port (`PORT`).
    Port(u16),
    /// Layer-4 protocol (`L4PROTO`).
    L4Proto(u8),
    /// Socket family (`SOCKFAMILY`).
    SockFamily(u8),
    /// Boolean (`BOOL`).
    Bool(bool),
    /// Relative time in ns; `u64::MAX` is "none".
    RelTime(u64),
    /// Absolute time in ns since the epoch.
    AbsTime(u64),
    /// Floating point (`DOUBLE`).
    Double(f64),
    /// Text (`CHARBUF`), cut at the first NUL.
    Str(&'a [u8]),
    /// A path (`FSPATH`, `FSRELPATH`), cut at the first NUL; relative paths
    /// are relative to a dirfd parameter or the thread's cwd.
    Path(&'a [u8]),
    /// Raw bytes (`BYTEBUF`): I/O data or NUL-separated lists.
    Bytes(&'a [u8]),
    /// A socket address (`SOCKADDR`).
    SockAddr(SockAddr<'a>),
    /// A socket tuple (`SOCKTUPLE`).
    SockTuple(SockTuple<'a>),
    /// A list of `(fd, poll flags)` pairs (`FDLIST`).
    FdList(Vec<(i64, i16)>),
    /// An IPv4 address (`IPV4ADDR`).
    Ipv4(Ipv4Addr),
    /// An IPv6 address (`IPV6ADDR`).
    Ipv6(Ipv6Addr),
    /// A dynamically typed value (`DYN`): the index selects the real type
    /// from a per-parameter table that this crate does not model.
    Dyn {
        /// Sub-type index.
        index: u8,
        /// The encoded value.
        data: &'a [u8],
    },
    /// Any other type, undecoded.
    Raw(&'a [u8]),
}

/// A socket address parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SockAddr<'a> {
    /// A unix socket path (cut at the first NUL).
    Unix(&'a [u8]),
    /// An IPv4 address and port.
    Inet(SocketAddrV4),
    /// An IPv6 address and port.
    Inet6(SocketAddrV6),
    /// Another family, undecoded.
    Other {
        /// The `PPM_AF_*` family.
        family: u8,
        /// The bytes after the family.
        data: &'a [u8],
    },
}

/// A socket tuple parameter (source and destination of a connection).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SockTuple<'a> {
    /// An IPv4 connection.
    Inet {
        /// Source.
        src: SocketAddrV4,
        /// Destination.
        dst: SocketAddrV4,
    },
    /// An IPv6 connection.
    Inet6 {
        /// Source.
        src: SocketAddrV6,
        /// Destination.
        dst: SocketAddrV6,
    },
    /// A unix socket connection.
    Unix {
        /// Kernel address of the source end.
        source: u64,
        /// Kernel address of the destination end.
        dest: u64,
        /// Socket path (cut at the first NUL).
        path: &'a [u8],
    },
    /// Another family, undecoded.
    Other {
        /// The `PPM_AF_*` family.
        family: u8,
        /// The bytes after the family.
        data: &'a [u8],
    },
}

/// Cut `b` at its first NUL.
fn until_nul(b: &[u8]) -> &[u8] {
    memchr::memchr(0, b).and_then(|i| b.get(..i)).unwrap_or(b)
}

/// The exact little-endian integer of a fixed-size parameter.
fn fixed<const N: usize>(raw: &[u8]) -> Option<[u8; N]> {
    raw.try_into().ok()
}

impl<'a> ParamValue<'a> {
    /// Decode `raw` as type `ty`. Returns `None` only when a fixed-size type has a
    /// non-zero length other than its size, or a structured type is short.
    #[inline(always)]
    pub fn decode(ty: ParamType, raw: &'a [u8]) -> Option<ParamValue<'a>> {
        use ParamType as T;
        if raw.is_empty() {
            return Some(ParamValue::Empty);
        }
        let v = match ty {
            T::Int8 => ParamValue::Int(i64::from(i8::from_le_bytes(fixed(raw)?))),
            T::Int16 => ParamValue::Int(i64::from(i16::from_le_bytes(fixed(raw)?))),
            T::Int32 => ParamValue::Int(i64::from(i32::from_le_bytes(fixed(raw)?))),
            T::Int64 => ParamValue::Int(i64::from_le_bytes(fixed(raw)?)),
            T::Uint8 => ParamValue::Uint(u64::from(u8::from_le_bytes(fixed(raw)?))),
            T::Uint16 => ParamValue::Uint(u64::from(u16::from_le_bytes(fixed(raw)?))),
            T::Uint32 | T::SigSet => ParamValue::Uint(u64::from(u32::from_le_bytes(fixed(raw)?))),
            T::Uint64 => ParamValue::Uint(u64::from_le_bytes(fixed(raw)?)),
            T::Fd => ParamValue::Fd(i64::from_le_bytes(fixed(raw)?)),
            T::Fd32 => ParamValue::Fd(i64::from(i32::from_le_bytes(fixed(raw)?))),
            T::Pid => ParamValue::Pid(i64::from_le_bytes(fixed(raw)?)),
            T::Pid32 => ParamValue::Pid(i64::from(i32::from_le_bytes(fixed(raw)?))),
            T::Errno => ParamValue::Errno(i64::from_le_bytes(fixed(raw)?)),
            T::Flags8 | T::EnumFlags8 => ParamValue::Flags(u32::from(fixed::<1>(raw)?[0])),
            T::Flags16 | T::EnumFlags16 => {
                ParamValue::Flags(u32::from(u16::from_le_bytes(fixed(raw)?)))
            }
            T::Flags32 | T::EnumFlags32 => ParamValue::Flags(u32::from_le_bytes(fixed(raw)?)),
            T::Mode => ParamValue::Mode(u32::from_le_bytes(fixed(raw)?)),
            T::Uid => ParamValue::Uid(u32::from_le_bytes(fixed(raw)?)),
            T::Gid => ParamValue::Gid(u32::from_le_bytes(fixed(raw)?)),
            T::SyscallId => ParamValue::SyscallId(u16::from_le_bytes(fixed(raw)?)),
            T::SigType => ParamValue::Signal(fixed::<1>(raw)?[0]),
            T::Port => ParamValue::Port(u16::from_le_bytes(fixed(raw)?)),
            T::L4Proto => ParamValue::L4Proto(fixed::<1>(raw)?[0]),
            T::SockFamily => ParamValue::SockFamily(fixed::<1>(raw)?[0]),
            T::Bool => ParamValue::Bool(u32::from_le_bytes(fixed(raw)?) != 0),
            T::RelTime => ParamValue::RelTime(u64::from_le_bytes(fixed(raw)?)),
            T::AbsTime => ParamValue::AbsTime(u64::from_le_bytes(fixed(raw)?)),
            T::Double => ParamValue::Double(f64::from_le_bytes(fixed(raw)?)),
            T::Ipv4Addr => ParamValue::Ipv4(Ipv4Addr::from(fixed::<4>(raw)?)),
            T::Ipv6Addr => ParamValue::Ipv6(Ipv6Addr::from(fixed::<16>(raw)?)),
            T::CharBuf => ParamValue::Str(until_nul(raw)),
            T::FsPath | T::FsRelPath => ParamValue::Path(until_nul(raw)),
            T::ByteBuf => ParamValue::Bytes(raw),
            T::SockAddr => ParamValue::SockAddr(decode_sockaddr(raw)?),
            T::SockTuple => ParamValue::SockTuple(decode_socktuple(raw)?),
            T::FdList => ParamValue::FdList(decode_fdlist(raw)?),
            T::Dyn => {
                let (&index, data) = raw.split_first()?;
                ParamValue::Dyn { index, data }
            }
            _ => ParamValue::Raw(raw),
        };
        Some(v)
    }
}

fn decode_sockaddr(raw: &[u8]) -> Option<SockAddr<'_>> {
    let (&family, data) = raw.split_first()?;
    let mut c = Cursor::new(data);
    Some(match family {
        AF_UNIX => SockAddr::Unix(until_nul(data)),
        AF_INET => {
            let ip = c.ipv4()?;
            let port = c.u16()?;
            SockAddr::Inet(SocketAddrV4::new(ip, port))
        }
        AF_INET6 => {
            let ip = c.ipv6()?;
            let port = c.u16()?;
            SockAddr::Inet6(SocketAddrV6::new(ip, port, 0, 0))
        }
        _ => SockAddr::Other { family, data },
    })
}

fn decode_socktuple(raw: &[u8]) -> Option<SockTuple<'_>> {
    let (&family, data) = raw.split_first()?;
    let mut c = Cursor::new(data);
    Some(match family {
        AF_INET => {
            let (sip, sport) = (c.ipv4()?, c.u16()?);
            let (dip, dport) = (c.ipv4()?, c.u16()?);
            SockTuple::Inet {
                src: SocketAddrV4::new(sip, sport),
                dst: SocketAddrV4::new(dip, dport),
            }
        }
        AF_INET6 => {
            let (sip, sport) = (c.ipv6()?, c.u16()?);
            let (dip, dport) = (c.ipv6()?, c.u16()?);
            SockTuple::Inet6 {
                src: SocketAddrV6::new(sip, sport, 0, 0),
                dst: SocketAddrV6::new(dip, dport, 0, 0),
            }
        }
        AF_UNIX => {
            let source = c.u64()?;
            let dest = c.u64()?;
            let path = c.bytes(c.remaining())?;
            SockTuple::Unix {
                source,
                dest,
                path: until_nul(path),
            }
        }
        _ => SockTuple::Other { family, data },
    })
}

fn decode_fdlist(raw: &[u8]) -> Option<Vec<(i64, i16)>> {
    let mut c = Cursor::new(raw);
    let count = c.u16()?;
    // Each entry is 10 bytes, so the remaining length bounds the allocation.
    let mut out = Vec::with_capacity(usize::from(count).min(c.remaining() / 10));
    for _ in 0..count {
        let fd = c.i64()?;
        let flags = c.u16()?;
        out.push((fd, i16::from_le_bytes(flags.to_le_bytes())));
    }
    Some(out)
}
