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

impl ParamValue<'_> {
    /// The value as an integer, for every integer-like type (ids, fds,
    /// errnos, flags, modes, ports, times, booleans); `None` for the rest.
    pub fn as_int(&self) -> Option<i64> {
        Some(match *self {
            ParamValue::Int(i) | ParamValue::Fd(i) | ParamValue::Pid(i) | ParamValue::Errno(i) => i,
            ParamValue::Uint(u) => u as i64,
            ParamValue::Flags(f)
            | ParamValue::Mode(f)
            | ParamValue::Uid(f)
            | ParamValue::Gid(f) => i64::from(f),
            ParamValue::Port(p) => i64::from(p),
            ParamValue::SyscallId(s) => i64::from(s),
            ParamValue::Signal(s) | ParamValue::L4Proto(s) | ParamValue::SockFamily(s) => {
                i64::from(s)
            }
            ParamValue::Bool(b) => i64::from(b),
            ParamValue::RelTime(t) | ParamValue::AbsTime(t) => t as i64,
            _ => return None,
        })
    }

    /// `decode(ty, raw)` then [`ParamValue::as_int`], without building the
    /// value: the integer parameters (fds, return values, flags) are most
    /// of what a consumer reads, and this is a fraction of the
    /// instructions.
    #[inline]
    pub fn decode_int(ty: ParamType, raw: &[u8]) -> Option<i64> {
        use ParamType as T;
        let n = raw.len();
        // A fixed-size integer of `n` bytes, sign-extended or not.
        let le = |signed: bool| -> Option<i64> {
            Some(match n {
                1 => {
                    let [b] = fixed::<1>(raw)?;
                    if signed {
                        i64::from(b as i8)
                    } else {
                        i64::from(b)
                    }
                }
                2 => {
                    let v = u16::from_le_bytes(fixed(raw)?);
                    if signed {
                        i64::from(v as i16)
                    } else {
                        i64::from(v)
                    }
                }
                4 => {
                    let v = u32::from_le_bytes(fixed(raw)?);
                    if signed {
                        i64::from(v as i32)
                    } else {
                        i64::from(v)
                    }
                }
                8 => u64::from_le_bytes(fixed(raw)?) as i64,
                _ => return None,
            })
        };
        let (size, signed) = match ty {
            T::Int8 => (1, true),
            T::Int16 => (2, true),
            T::Int32 | T::Fd32 | T::Pid32 => (4, true),
            T::Int64 | T::Fd | T::Pid | T::Errno | T::Uint64 | T::RelTime | T::AbsTime => (8, true),
            T::Uint8 | T::Flags8 | T::EnumFlags8 | T::SigType | T::L4Proto | T::SockFamily => {
                (1, false)
            }
            T::Uint16 | T::Flags16 | T::EnumFlags16 | T::SyscallId | T::Port => (2, false),
            T::Uint32 | T::SigSet | T::Flags32 | T::EnumFlags32 | T::Mode | T::Uid | T::Gid => {
                (4, false)
            }
            T::Bool => {
                return Some(i64::from(u32::from_le_bytes(fixed(raw)?) != 0));
            }
            _ => return None,
        };
        if n != size {
            return None;
        }
        le(signed)
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

#[cfg(test)]
mod tests {
    use super::ParamValue;
    use crate::ParamType as T;

    #[test]
    fn decode_int_is_decode_then_as_int() {
        let types = [
            T::None,
            T::Int8,
            T::Int16,
            T::Int32,
            T::Int64,
            T::Uint8,
            T::Uint16,
            T::Uint32,
            T::Uint64,
            T::CharBuf,
            T::ByteBuf,
            T::Errno,
            T::SockAddr,
            T::SockTuple,
            T::Fd,
            T::Pid,
            T::FdList,
            T::FsPath,
            T::SyscallId,
            T::SigType,
            T::RelTime,
            T::AbsTime,
            T::Port,
            T::L4Proto,
            T::SockFamily,
            T::Bool,
            T::Ipv4Addr,
            T::Dyn,
            T::Flags8,
            T::Flags16,
            T::Flags32,
            T::Uid,
            T::Gid,
            T::Double,
            T::SigSet,
            T::CharBufArray,
            T::CharBufPairArray,
            T::Ipv4Net,
            T::Ipv6Addr,
            T::Ipv6Net,
            T::IpAddr,
            T::IpNet,
            T::Mode,
            T::FsRelPath,
            T::EnumFlags8,
            T::EnumFlags16,
            T::EnumFlags32,
            T::Fd32,
            T::Pid32,
        ];
        assert_eq!(types.len(), 49, "every type of the table");
        // Bytes with the high bit set and clear, so that sign extension shows.
        let patterns: [&[u8]; 3] = [
            &[
                0x80, 0xff, 0x7f, 0x01, 0xfe, 0x00, 0x90, 0xc3, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66,
                0x77, 0x88, 0x99,
            ],
            &[
                0x7f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00,
            ],
            &[0xff; 17],
        ];
        for ty in types {
            for bytes in patterns {
                for len in 0..=bytes.len() {
                    let raw = &bytes[..len];
                    assert_eq!(
                        ParamValue::decode_int(ty, raw),
                        ParamValue::decode(ty, raw).and_then(|v| v.as_int()),
                        "{ty:?} over {raw:02x?}"
                    );
                }
            }
        }
    }
}
