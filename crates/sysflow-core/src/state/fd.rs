//! Open file descriptors, as the collector needs them: a kind, a name, open flags.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use sysflow_types::Foid;

/// What an fd refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FdKind {
    /// A regular file (`f`).
    File,
    /// A directory (`d`).
    Directory,
    /// An IPv4 socket; addresses as the collector writes them (network order read little-endian).
    Ipv4 {
        sip: u32,
        sport: u16,
        dip: u32,
        dport: u16,
        proto: u8,
        role: Role,
    },
    /// An IPv4 socket bound to a port (libsinsp's server socket, `4` too):
    /// listened on, never a flow until a datagram's tuple makes it a
    /// connection.
    Ipv4Server { ip: u32, port: u16, proto: u8 },
    /// An IPv6 socket (`6`): ignored by the flow processors.
    Ipv6,
    /// A unix-domain socket (`u`).
    Unix,
    /// A pipe (`p`).
    Pipe,
    /// Any other kind, by its type character.
    Other(u8),
}

/// Which end of a connection an IPv4 socket is, as libsinsp tells: what
/// orients the tuples of datagrams (client first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Role {
    /// Not known yet.
    #[default]
    None,
    /// It connected, or its first datagram went out.
    Client,
    /// It was accepted or bound, or its first datagram came in.
    Server,
    /// Listed in a capture's fd table (or found at start): its role is
    /// decided once the whole list is in (see `State::fix_listed_sockets`).
    Listed,
}

/// One open fd.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fd {
    pub kind: FdKind,
    /// Path, socket tuple, or `pipe:[inode]`; shared, since every flow and
    /// event on the fd refers to it.
    pub name: Arc<str>,
    /// Open flags in Falco's `PPM_O_*` encoding (0 when not opened by open).
    pub open_flags: u32,
    /// The FOID of the file this fd names, once a record has needed it.
    pub foid: Option<Foid>,
    /// The file cache's generation (output segment, or eviction) in which
    /// `foid`'s file was last seen written: until the next, flow records on
    /// the fd can use `foid` without asking the file cache.
    pub written_in: Option<u64>,
}

impl Fd {
    pub fn new(kind: FdKind, name: impl Into<Arc<str>>) -> Fd {
        Fd {
            kind,
            name: name.into(),
            open_flags: 0,
            foid: None,
            written_in: None,
        }
    }

    /// Gives the fd a new name: a file flow on it is then a flow of the
    /// file of that name, whose FOID is looked up anew.
    pub fn rename(&mut self, name: impl Into<Arc<str>>) {
        let name = name.into();
        if name != self.name {
            self.name = name;
            self.foid = None;
            self.written_in = None;
        }
    }

    /// The type character the reference uses (`f`, `d`, `4`, `6`, `u`, `p`, …).
    pub fn type_char(&self) -> u8 {
        match self.kind {
            FdKind::File => b'f',
            FdKind::Directory => b'd',
            FdKind::Ipv4 { .. } | FdKind::Ipv4Server { .. } => b'4',
            FdKind::Ipv6 => b'6',
            FdKind::Unix => b'u',
            FdKind::Pipe => b'p',
            FdKind::Other(c) => c,
        }
    }
}

/// The fds of one process (threads share their process's table).
pub(crate) type FdTable = HashMap<i64, Fd>;

/// Socket tuple as libsinsp names it: `a.b.c.d:p->e.f.g.h:q`.
pub(crate) fn ipv4_name(sip: u32, sport: u16, dip: u32, dport: u16) -> String {
    let ip = |a: u32| std::net::Ipv4Addr::from(a.to_le_bytes());
    format!("{}:{sport}->{}:{dport}", ip(sip), ip(dip))
}
