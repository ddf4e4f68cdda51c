//! Sockets in the fd table: socket, socketpair, connect, bind and accept,
//! which give a socket fd its family, tuple and name, and the text buffer
//! libsinsp renders parameters into ([`State::rendered`]), which some of these
//! names are taken from.

use std::net::Ipv4Addr;

use sysflow_capture::{ParamValue, SockAddr, SockTuple};

use super::{Fd, FdKind, State, ipv4_name};
use crate::event::Ev;

/// Socket families in Falco's encoding.
const PPM_AF_UNIX: i64 = 1;
const PPM_AF_INET: i64 = 2;
const PPM_AF_INET6: i64 = 10;
const PPM_AF_NETLINK: i64 = 16;

/// IP protocol numbers, as NetworkFlow's `proto` holds them.
const IPPROTO_TCP: u8 = 6;
const IPPROTO_UDP: u8 = 17;
const IPPROTO_RAW: u8 = 254;

/// A non-blocking connect still in progress: not a failure.
const EINPROGRESS: i64 = 115;

impl State {
    /// A new socket: an fd of its family, unnamed until bound or connected.
    pub(super) fn socket_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        // Current layouts carry domain and type on the exit; old ones
        // only on the enter event, remembered by `enter`.
        if let Some(fd) = ev.ret().filter(|&fd| fd >= 0) {
            let entered = self.entered.get(&tid).copied().unwrap_or_default();
            let domain = ev.int("domain").or(entered.domain).unwrap_or(PPM_AF_INET);
            let sock_type = ev.int("type").or(entered.sock_type);
            let kind = match domain {
                PPM_AF_UNIX => FdKind::Unix,
                PPM_AF_INET => FdKind::Ipv4 {
                    sip: 0,
                    sport: 0,
                    dip: 0,
                    dport: 0,
                    proto: ip_proto(sock_type),
                },
                PPM_AF_INET6 => FdKind::Ipv6,
                PPM_AF_NETLINK => FdKind::Other(b'n'),
                _ => FdKind::Other(b'o'),
            };
            self.fd_table_mut(tid)
                .insert(fd, Fd::new(kind, String::new()));
        }
    }

    /// A socket pair: two unnamed unix sockets.
    pub(super) fn socketpair_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret() == Some(0) {
            for p in ["fd1", "fd2"] {
                if let Some(fd) = ev.int(p) {
                    self.fd_table_mut(tid)
                        .insert(fd, Fd::new(FdKind::Unix, String::new()));
                }
            }
        }
    }

    /// connect's enter, remembered for the exit; an old driver's carries only
    /// the fd, and changes it at once.
    pub(super) fn connect_enter(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        self.enter(ev);
        if ev.ev.nparams() == 1
            && let Some(fd) = ev.int("fd")
        {
            self.connect_enter_fd_only(tid, fd);
        }
    }

    /// A connect (or one in progress) gives the socket its tuple.
    pub(super) fn connect_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        // A failed connect leaves the fd as it was.
        let failed = ev.ret().is_some_and(|r| r < 0 && r != -EINPROGRESS);
        if !failed && let (Some(fd), Some(tuple)) = (self.event_fd(ev), ev.tuple("tuple")) {
            self.set_tuple(tid, fd, &tuple);
        }
    }

    /// A bound socket is named after its address, which also lands in the
    /// shared buffer.
    pub(super) fn bind_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret().is_some_and(|r| r >= 0)
            && let Some(fd) = self.event_fd(ev)
            && let Some(ParamValue::SockAddr(addr)) = ev.param("addr")
        {
            let name = match addr {
                SockAddr::Inet(a) => a.to_string(),
                SockAddr::Inet6(a) => a.to_string(),
                SockAddr::Unix(p) => String::from_utf8_lossy(p).into_owned(),
                _ => return,
            };
            if let Some(entry) = self.fd_table_mut(tid).get_mut(&fd) {
                entry.name = name.clone().into();
                self.rendered = name;
            }
        }
    }

    /// An accepted connection: a new fd, an IPv4 TCP socket until its tuple
    /// says otherwise.
    pub(super) fn accept_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if let Some(fd) = ev.int("fd").filter(|&fd| fd >= 0) {
            let fresh = Fd::new(
                FdKind::Ipv4 {
                    sip: 0,
                    sport: 0,
                    dip: 0,
                    dport: 0,
                    proto: 6,
                },
                String::new(),
            );
            self.fd_table_mut(tid).insert(fd, fresh);
            if let Some(tuple) = ev.tuple("tuple") {
                self.set_tuple(tid, fd, &tuple);
            }
        }
    }

    /// What an old driver's connect enter (fd only) does to the fd: an IPv4
    /// socket loses its destination and is named by its rendered tuple;
    /// any other socket is named after the shared buffer's text.
    fn connect_enter_fd_only(&mut self, tid: i64, fd: i64) {
        let rendered = self.rendered.clone();
        let Some(entry) = self.fd_table_mut(tid).get_mut(&fd) else {
            return;
        };
        match entry.kind {
            FdKind::Ipv4 {
                sip, sport, proto, ..
            } => {
                entry.kind = FdKind::Ipv4 {
                    sip,
                    sport,
                    dip: 0,
                    dport: 0,
                    proto,
                };
                let name = ipv4_name(sip, sport, 0, 0);
                entry.name = name.clone().into();
                self.rendered = name;
            }
            FdKind::Ipv6 => {}
            _ => entry.name = rendered.into(),
        }
    }

    /// Records a connected socket's addresses and names it as libsinsp
    /// prints its tuple (`a.b.c.d:p->e.f.g.h:q`, or `source->dest path` for a
    /// unix socket); the text also lands in the shared buffer.
    fn set_tuple(&mut self, tid: i64, fd: i64, tuple: &SockTuple<'_>) {
        let table = self.fd_table_mut(tid);
        let Some(entry) = table.get_mut(&fd) else {
            return;
        };
        match tuple {
            SockTuple::Inet { src, dst } => {
                set_ipv4_tuple(entry, *src.ip(), src.port(), *dst.ip(), dst.port());
            }
            SockTuple::Unix { source, dest, path } => {
                entry.kind = FdKind::Unix;
                entry.name =
                    format!("{source:x}->{dest:x} {}", String::from_utf8_lossy(path)).into();
            }
            // libsinsp treats a connection between IPv4-mapped IPv6 addresses as IPv4.
            SockTuple::Inet6 { src, dst } => {
                match (src.ip().to_ipv4_mapped(), dst.ip().to_ipv4_mapped()) {
                    (Some(s4), Some(d4)) => {
                        set_ipv4_tuple(entry, s4, src.port(), d4, dst.port());
                    }
                    _ => entry.kind = FdKind::Ipv6,
                }
            }
            _ => {}
        }
        let name = entry.name.to_string();
        self.rendered = name;
    }
}

/// The IP protocol of a socket of a given `type` (low bits: 1 stream, 2 datagram, 3 raw);
/// 0 for anything else.
fn ip_proto(sock_type: Option<i64>) -> u8 {
    match sock_type.map(|t| t & 0xf) {
        Some(1) => IPPROTO_TCP,
        Some(2) => IPPROTO_UDP,
        Some(3) => IPPROTO_RAW,
        _ => 0,
    }
}

/// The IP protocol of a capture's fd-list layer-4 code (`SCAP_L4_*`).
pub(super) fn scap_l4_to_ip(l4: u8) -> u8 {
    match l4 {
        2 => IPPROTO_TCP,
        3 => IPPROTO_UDP,
        4 => 1,
        5 => IPPROTO_RAW,
        _ => 0,
    }
}

/// Makes `entry` the IPv4 socket `src:sport->dst:dport`, keeping the
/// protocol it already knew (TCP if it knew none), and names it the way
/// libsinsp does.
fn set_ipv4_tuple(entry: &mut Fd, src: Ipv4Addr, sport: u16, dst: Ipv4Addr, dport: u16) {
    let (sip, dip) = (
        u32::from_le_bytes(src.octets()),
        u32::from_le_bytes(dst.octets()),
    );
    let proto = match entry.kind {
        FdKind::Ipv4 { proto, .. } => proto,
        _ => IPPROTO_TCP,
    };
    entry.kind = FdKind::Ipv4 {
        sip,
        sport,
        dip,
        dport,
        proto,
    };
    entry.name = ipv4_name(sip, sport, dip, dport).into();
}
