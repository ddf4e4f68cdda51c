//! Sockets in the fd table: socket, socketpair, connect, bind, accept and
//! the tuples of sends and receives, which give a socket fd its family,
//! addresses, role and name, and sockets received with SCM_RIGHTS
//! (task_file events); and the text buffer libsinsp renders parameters
//! into ([`State::rendered`]), which some of these names are taken from.
//!
//! The rules are libsinsp's, with one adaptation for exit-only events: a
//! connect's exit that carries the address it was given does what the
//! enter event would have done with it first.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4};

use sysflow_capture::{ParamValue, SockAddr, SockTuple};

use super::fd::Role;
use super::{Fd, FdKind, State, ipv4_name};
use crate::event::{Ev, Kind, TaskFile};

/// Socket families in Falco's encoding.
const PPM_AF_UNIX: i64 = 1;
const PPM_AF_INET: i64 = 2;
const PPM_AF_INET6: i64 = 10;
const PPM_AF_NETLINK: i64 = 16;

/// IP protocol numbers, as NetworkFlow's `proto` holds them.
const IPPROTO_TCP: u8 = 6;
const IPPROTO_UDP: u8 = 17;
const IPPROTO_RAW: u8 = 254;

/// Socket types (`SOCK_*`) and the protocols that go with them, as a
/// task_file event gives them.
const SOCK_STREAM: i64 = 1;
const SOCK_DGRAM: i64 = 2;
const SOCK_RAW: i64 = 3;
const IPPROTO_IP: i64 = 0;
const IPPROTO_ICMP: u8 = 1;

/// A non-blocking connect still in progress: not a failure.
const EINPROGRESS: i64 = 115;

/// A fresh IPv4 socket of protocol `proto`: no addresses, no role.
fn new_ipv4(proto: u8) -> FdKind {
    FdKind::Ipv4 {
        sip: 0,
        sport: 0,
        dip: 0,
        dport: 0,
        proto,
        role: Role::None,
    }
}

/// An address as the collector stores it: network-order bytes read little-endian.
fn raw_ip(ip: Ipv4Addr) -> u32 {
    u32::from_le_bytes(ip.octets())
}

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
                PPM_AF_INET => new_ipv4(ip_proto(sock_type)),
                PPM_AF_INET6 => FdKind::Ipv6,
                PPM_AF_NETLINK => FdKind::Other(b'n'),
                _ => FdKind::Other(b'o'),
            };
            self.fd_insert(tid, fd, Fd::new(kind, String::new()));
        }
    }

    /// A socket pair: two unix sockets, unnamed until a send or receive
    /// names them by their tuple.
    pub(super) fn socketpair_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret() == Some(0) {
            for p in ["fd1", "fd2"] {
                if let Some(fd) = ev.int(p) {
                    self.fd_insert(tid, fd, Fd::new(FdKind::Unix, String::new()));
                }
            }
        }
    }

    /// connect's enter, remembered for the exit. Its address is the
    /// socket's destination from now on, whatever the outcome; an old
    /// driver's enter carries only the fd, and changes it otherwise.
    pub(super) fn connect_enter(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        self.enter(ev);
        let Some(fd) = ev.int("fd") else { return };
        if ev.ev.nparams() == 1 {
            self.connect_enter_fd_only(tid, fd);
        } else if let Some(ParamValue::SockAddr(addr)) = ev.param("addr") {
            self.connect_to(tid, fd, &addr);
        }
    }

    /// A connect (or one in progress) gives the socket its tuple. An exit
    /// that carries the address given (all live ones) applies it first, as
    /// its enter would have: a failed connect keeps it as its destination.
    pub(super) fn connect_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        let Some(fd) = self.event_fd(ev) else { return };
        if !self.entered_pair(ev)
            && let Some(ParamValue::SockAddr(addr)) = ev.param("addr")
        {
            self.connect_to(tid, fd, &addr);
        }
        let failed = ev.ret().is_some_and(|r| r < 0 && r != -EINPROGRESS);
        if failed {
            return;
        }
        if let Some(tuple) = ev.tuple("tuple") {
            self.set_tuple(tid, fd, &tuple);
        }
        if let Some(FdKind::Ipv4 { role, .. }) = self.fd_mut(tid, fd).map(|f| &mut f.kind)
            && *role == Role::None
        {
            *role = Role::Client;
        }
    }

    /// What connect's address does to a socket: an IP address is its
    /// destination (the socket's name unchanged); a unix socket is named
    /// by the path.
    fn connect_to(&mut self, tid: i64, fd: i64, addr: &SockAddr<'_>) {
        let Some(entry) = self.fd_mut(tid, fd) else {
            return;
        };
        let dest = match addr {
            SockAddr::Inet(a) => *a,
            SockAddr::Inet6(a) => match a.ip().to_ipv4_mapped() {
                Some(v4) => SocketAddrV4::new(v4, a.port()),
                None => {
                    entry.kind = FdKind::Ipv6;
                    return;
                }
            },
            SockAddr::Unix(path) => {
                entry.rename(String::from_utf8_lossy(path).into_owned());
                return;
            }
            _ => return,
        };
        let (sip, sport, proto, role) = match entry.kind {
            FdKind::Ipv4 {
                sip,
                sport,
                proto,
                role,
                ..
            } => (sip, sport, proto, role),
            FdKind::Ipv4Server { proto, .. } => (0, 0, proto, Role::Server),
            _ => (0, 0, 0, Role::None),
        };
        entry.kind = FdKind::Ipv4 {
            sip,
            sport,
            dip: raw_ip(*dest.ip()),
            dport: dest.port(),
            proto,
            role,
        };
    }

    /// A socket bound to a non-zero port is a server socket (no flows);
    /// every bound socket is named after its address, which also lands in
    /// the shared buffer.
    pub(super) fn bind_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret().is_some_and(|r| r >= 0)
            && let Some(fd) = self.event_fd(ev)
            && let Some(ParamValue::SockAddr(addr)) = ev.param("addr")
        {
            let (name, server) = match addr {
                SockAddr::Inet(a) => (a.to_string(), Some(a)),
                SockAddr::Inet6(a) => (
                    a.to_string(),
                    a.ip()
                        .to_ipv4_mapped()
                        .map(|v4| SocketAddrV4::new(v4, a.port())),
                ),
                SockAddr::Unix(p) => (String::from_utf8_lossy(p).into_owned(), None),
                _ => return,
            };
            if let Some(entry) = self.fd_mut(tid, fd) {
                if let Some(a) = server.filter(|a| a.port() > 0) {
                    let proto = match entry.kind {
                        FdKind::Ipv4 { proto, .. } | FdKind::Ipv4Server { proto, .. } => proto,
                        _ => 0,
                    };
                    entry.kind = FdKind::Ipv4Server {
                        ip: raw_ip(*a.ip()),
                        port: a.port(),
                        proto,
                    };
                }
                entry.rename(name.clone());
                self.rendered = name;
            }
        }
    }

    /// An accepted connection: a new fd, an IPv4 TCP socket (the server's
    /// end) until its tuple says otherwise.
    pub(super) fn accept_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if let Some(fd) = ev.int("fd").filter(|&fd| fd >= 0) {
            let mut fresh = Fd::new(new_ipv4(IPPROTO_TCP), String::new());
            if let FdKind::Ipv4 { role, .. } = &mut fresh.kind {
                *role = Role::Server;
            }
            self.fd_insert(tid, fd, fresh);
            if let Some(tuple) = ev.tuple("tuple") {
                self.set_tuple(tid, fd, &tuple);
            }
        }
    }

    /// A successful send or receive whose event carries the socket's tuple
    /// (sendto, sendmsg, recvfrom, recvmsg): a datagram socket, or one that
    /// has no name yet, takes it (libsinsp's `update_fd`), oriented client
    /// first by the role the socket has or is guessed to have.
    pub(super) fn io_tuple(&mut self, ev: &Ev<'_>) {
        if ev.ret().is_none_or(|r| r < 0) {
            return;
        }
        let Some(tuple) = ev.tuple("tuple") else {
            return;
        };
        let tid = ev.tid();
        let Some(fd) = self.event_fd(ev) else { return };
        let incoming = ev.kind == Kind::ReadX;
        let Some(entry) = self.fd(tid, fd) else {
            return;
        };
        let tcp = matches!(
            entry.kind,
            FdKind::Ipv4 {
                proto: IPPROTO_TCP,
                ..
            }
        );
        if !entry.name.is_empty() && tcp {
            return;
        }
        let v4 = match tuple {
            SockTuple::Inet { src, dst } => Some((src, dst)),
            SockTuple::Inet6 { src, dst } => {
                match (src.ip().to_ipv4_mapped(), dst.ip().to_ipv4_mapped()) {
                    (Some(s), Some(d)) => Some((
                        SocketAddrV4::new(s, src.port()),
                        SocketAddrV4::new(d, dst.port()),
                    )),
                    _ => None,
                }
            }
            SockTuple::Unix { .. } => {
                if let Some(entry) = self.fd_mut(tid, fd) {
                    entry.kind = FdKind::Unix;
                    entry.rename(unix_name(&tuple));
                }
                return;
            }
            _ => return,
        };
        let Some((src, dst)) = v4 else {
            if let Some(entry) = self.fd_mut(tid, fd) {
                entry.kind = FdKind::Ipv6;
            }
            return;
        };
        self.update_ipv4(tid, fd, src, dst, incoming);
    }

    /// libsinsp's `update_fd` for an IPv4 tuple, then its role guess and
    /// swap, then the new name.
    fn update_ipv4(
        &mut self,
        tid: i64,
        fd: i64,
        src: SocketAddrV4,
        dst: SocketAddrV4,
        incoming: bool,
    ) {
        let Some(entry) = self.fd(tid, fd) else {
            return;
        };
        let (tsip, tsport, tdip, tdport) =
            (raw_ip(*src.ip()), src.port(), raw_ip(*dst.ip()), dst.port());
        let (mut dip, mut dport, mut proto, mut role) = match entry.kind {
            FdKind::Ipv4 {
                sip,
                sport,
                dip,
                dport,
                proto,
                role,
            } => {
                let same = (tsip, tsport, tdip, tdport) == (sip, sport, dip, dport)
                    || (tdip, tdport, tsip, tsport) == (sip, sport, dip, dport);
                if same {
                    return;
                }
                (dip, dport, proto, role)
            }
            FdKind::Ipv4Server { proto, .. } => (0, 0, proto, Role::Server),
            _ => (0, 0, 0, Role::None),
        };
        // The source is the tuple's; the destination only where none was known.
        let (mut sip, mut sport) = (tsip, tsport);
        if dip == 0 {
            dip = tdip;
        }
        if dport == 0 {
            dport = tdport;
        }
        // A connection whose protocol is not known yet is a datagram one:
        // TCP would not change its address midway.
        if proto == 0 {
            proto = IPPROTO_UDP;
        }
        if role == Role::None {
            // The guess looks at the process's sockets with this one's new
            // addresses (so that it counts too), as libsinsp's does.
            if let Some(entry) = self.fd_mut(tid, fd) {
                entry.kind = FdKind::Ipv4 {
                    sip,
                    sport,
                    dip,
                    dport,
                    proto,
                    role,
                };
            }
            role = self.guess_role(tid, dport, sport, incoming);
        }
        let swap = if incoming {
            role == Role::Client
        } else {
            role == Role::Server
        };
        if swap {
            std::mem::swap(&mut sip, &mut dip);
            std::mem::swap(&mut sport, &mut dport);
        }
        if let Some(entry) = self.fd_mut(tid, fd) {
            set_ipv4(entry, (sip, sport, dip, dport), proto, role);
        }
    }

    /// libsinsp's guess of a socket's role from its ports: a server when its
    /// process has a socket bound to (or connected to) the destination port
    /// and none using the source port as a client, a client otherwise; when
    /// both, what the first datagram's direction suggests.
    fn guess_role(&self, tid: i64, dport: u16, sport: u16, incoming: bool) -> Role {
        let Some(table) = self.fd_table(tid) else {
            return Role::Client;
        };
        let bound = table.values().any(|f| match f.kind {
            FdKind::Ipv4 { dport: p, .. } | FdKind::Ipv4Server { port: p, .. } => p == dport,
            _ => false,
        });
        if !bound {
            return Role::Client;
        }
        let client_port = table
            .values()
            .any(|f| matches!(f.kind, FdKind::Ipv4 { sport: p, .. } if p == sport));
        match (client_port, incoming) {
            (false, _) | (true, true) => Role::Server,
            (true, false) => Role::Client,
        }
    }

    /// What an old driver's connect enter (fd only) does to the fd: an IPv4
    /// socket loses its destination and is named by its rendered tuple;
    /// any other socket is named after the shared buffer's text.
    fn connect_enter_fd_only(&mut self, tid: i64, fd: i64) {
        let rendered = self.rendered.clone();
        let Some(entry) = self.fd_mut(tid, fd) else {
            return;
        };
        match entry.kind {
            FdKind::Ipv4 {
                sip,
                sport,
                proto,
                role,
                ..
            } => {
                entry.kind = FdKind::Ipv4 {
                    sip,
                    sport,
                    dip: 0,
                    dport: 0,
                    proto,
                    role,
                };
                let name = ipv4_name(sip, sport, 0, 0);
                entry.rename(name.clone());
                self.rendered = name;
            }
            FdKind::Ipv6 => {}
            _ => entry.rename(rendered),
        }
    }

    /// A socket that entered the table without a call of its own (one
    /// received with SCM_RIGHTS), as Falco's task_file iterator describes
    /// it; libsinsp adds it as it adds a socket it reads from `/proc`: an
    /// IPv4 socket with a remote end is a connection named by its tuple
    /// (local end first) with no role yet, one without is a server socket
    /// whose port joins the listened ports; an IPv6 connection between
    /// IPv4-mapped addresses is an IPv4 one; a unix socket is named by the
    /// path it is bound to; a netlink socket is `n`.
    pub(super) fn task_file_socket(&mut self, ev: &Ev<'_>, f: TaskFile) {
        let Some(fd) = ev.fd_param() else {
            return;
        };
        let proto = l4_proto(ev.int("sk_type"), ev.int("sk_proto"));
        let entry = match f {
            TaskFile::Inet => {
                let ip = |name| match ev.param(name) {
                    Some(ParamValue::Ipv4(a)) => a,
                    _ => Ipv4Addr::UNSPECIFIED,
                };
                let port = |name| ev.int(name).unwrap_or(0) as u16;
                self.received_ipv4(
                    SocketAddrV4::new(ip("local_ip"), port("local_port")),
                    SocketAddrV4::new(ip("remote_ip"), port("remote_port")),
                    proto,
                )
            }
            TaskFile::Inet6 => {
                let ip = |name| match ev.param(name) {
                    Some(ParamValue::Ipv6(a)) => a,
                    _ => Ipv6Addr::UNSPECIFIED,
                };
                let port = |name| ev.int(name).unwrap_or(0) as u16;
                let (local, remote) = (ip("local_ip"), ip("remote_ip"));
                if remote.is_unspecified() {
                    self.server_ports.insert(port("local_port"));
                    Fd::new(FdKind::Ipv6, String::new())
                } else if let (Some(l), Some(r)) = (local.to_ipv4_mapped(), remote.to_ipv4_mapped())
                {
                    self.received_ipv4(
                        SocketAddrV4::new(l, port("local_port")),
                        SocketAddrV4::new(r, port("remote_port")),
                        proto,
                    )
                } else {
                    Fd::new(FdKind::Ipv6, String::new())
                }
            }
            TaskFile::Unix => Fd::new(FdKind::Unix, ev.text_ref("sun_path").unwrap_or_default()),
            TaskFile::Netlink => Fd::new(FdKind::Other(b'n'), String::new()),
            _ => return,
        };
        self.fd_insert(ev.tid(), fd, entry);
    }

    /// A received IPv4 socket: a connection from `local` to `remote`, or a
    /// server socket on `local`'s port when there is no remote end.
    fn received_ipv4(&mut self, local: SocketAddrV4, remote: SocketAddrV4, proto: u8) -> Fd {
        let (sip, sport) = (raw_ip(*local.ip()), local.port());
        if remote.ip().is_unspecified() {
            self.server_ports.insert(sport);
            return Fd::new(
                FdKind::Ipv4Server {
                    ip: sip,
                    port: sport,
                    proto,
                },
                local.to_string(),
            );
        }
        let (dip, dport) = (raw_ip(*remote.ip()), remote.port());
        Fd::new(
            FdKind::Ipv4 {
                sip,
                sport,
                dip,
                dport,
                proto,
                role: Role::None,
            },
            ipv4_name(sip, sport, dip, dport),
        )
    }

    /// Records a connected socket's addresses and names it as libsinsp
    /// prints its tuple (`a.b.c.d:p->e.f.g.h:q`, or `source->dest path` for a
    /// unix socket); the text also lands in the shared buffer.
    fn set_tuple(&mut self, tid: i64, fd: i64, tuple: &SockTuple<'_>) {
        let Some(entry) = self.fd_mut(tid, fd) else {
            return;
        };
        match tuple {
            SockTuple::Inet { src, dst } => {
                set_ipv4_tuple(entry, *src.ip(), src.port(), *dst.ip(), dst.port());
            }
            SockTuple::Unix { .. } => {
                entry.kind = FdKind::Unix;
                entry.rename(unix_name(tuple));
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

/// A unix tuple as libsinsp renders it: `source->dest path`, in hex.
fn unix_name(tuple: &SockTuple<'_>) -> String {
    match tuple {
        SockTuple::Unix { source, dest, path } => {
            format!("{source:x}->{dest:x} {}", String::from_utf8_lossy(path))
        }
        _ => String::new(),
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

/// The IP protocol of a socket of type `sk_type` and protocol `sk_proto`
/// (as a task_file event gives them), as libscap infers its layer 4: a
/// stream is TCP and a datagram UDP when their protocol says so or is the
/// default, a datagram may be ICMP, a raw socket is raw; 0 for anything
/// else.
fn l4_proto(sk_type: Option<i64>, sk_proto: Option<i64>) -> u8 {
    let proto = sk_proto.unwrap_or(IPPROTO_IP);
    match sk_type {
        Some(SOCK_STREAM) if proto == IPPROTO_IP || proto == i64::from(IPPROTO_TCP) => IPPROTO_TCP,
        Some(SOCK_DGRAM) if proto == IPPROTO_IP || proto == i64::from(IPPROTO_UDP) => IPPROTO_UDP,
        Some(SOCK_DGRAM) if proto == i64::from(IPPROTO_ICMP) => IPPROTO_ICMP,
        Some(SOCK_RAW) => IPPROTO_RAW,
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
/// protocol and role it already knew (TCP if it knew none), and names it
/// the way libsinsp does.
fn set_ipv4_tuple(entry: &mut Fd, src: Ipv4Addr, sport: u16, dst: Ipv4Addr, dport: u16) {
    let (proto, role) = match entry.kind {
        FdKind::Ipv4 { proto, role, .. } => (proto, role),
        FdKind::Ipv4Server { proto, .. } => (proto, Role::Server),
        _ => (IPPROTO_TCP, Role::None),
    };
    set_ipv4(entry, (raw_ip(src), sport, raw_ip(dst), dport), proto, role);
}

/// Makes `entry` the IPv4 socket `(sip, sport, dip, dport)` and names it by
/// that tuple, as libsinsp does.
fn set_ipv4(entry: &mut Fd, (sip, sport, dip, dport): (u32, u16, u32, u16), proto: u8, role: Role) {
    entry.kind = FdKind::Ipv4 {
        sip,
        sport,
        dip,
        dport,
        proto,
        role,
    };
    entry.rename(ipv4_name(sip, sport, dip, dport));
}
