//! Data events: the calls that open, use or close an fd (open, accept,
//! connect, read, write, close, shutdown, setns, mmap), routed by the kind of
//! the fd they name to a network flow or a file flow.

use sysflow_types::OpFlags;

use super::{Hint, Processor};
use crate::config::CollectionMode;
use crate::event::{Ev, Kind};
use crate::flow::NetKey;
use crate::state::{Fd, FdKind, Role};

/// The IP protocol number of raw sockets, as NetworkFlow's `proto` holds it.
const IPPROTO_RAW: u8 = 254;

/// mmap flag: no file behind the mapping.
const PPM_MAP_ANONYMOUS: i64 = 1 << 4;

impl Processor {
    /// An event that opens, uses or closes an fd, as operation `op` of the
    /// flow of the fd it names: a network flow for an IPv4 socket, a file
    /// flow for the fd kinds the configuration keeps, nothing for the rest.
    pub(super) fn data_event(&mut self, ev: &Ev<'_>, op: OpFlags, hint: &mut Hint) {
        let tid = ev.tid();
        if !hint.adopted {
            self.adopt(tid);
        }
        let fd_num = match ev.kind {
            Kind::OpenX => ev.ret(),
            Kind::AcceptX => ev.int("fd").or_else(|| ev.ret()),
            Kind::MmapE | Kind::MmapX => {
                if ev.int("flags").is_some_and(|f| f & PPM_MAP_ANONYMOUS != 0) {
                    return;
                }
                ev.int("fd")
            }
            _ => hint.event_fd.unwrap_or_else(|| self.state.event_fd(ev)),
        };
        let Some(fd_num) = fd_num.filter(|&fd| fd >= 0) else {
            return;
        };
        let facts = match hint.fd {
            Some((num, facts)) if num == fd_num => facts,
            _ => self.state.fd(tid, fd_num).map(FdFacts::of),
        };
        let Some(fd) = facts else {
            return;
        };
        let ret = if matches!(ev.kind, Kind::MmapE | Kind::MmapX) {
            0
        } else {
            ev.ret().unwrap_or(0)
        };
        match fd.kind {
            FdKind::Ipv4 {
                sip,
                sport,
                dip,
                dport,
                proto,
                role,
            } => {
                // libsinsp shows no protocol for a socket without a role
                // (not connected, accepted or used for a datagram), raw
                // sockets excepted; the reference writes what it shows.
                let proto = match role {
                    Role::None | Role::Listed if proto != IPPROTO_RAW => 0,
                    _ => proto,
                };
                let key = NetKey {
                    tid,
                    sip,
                    sport,
                    dip,
                    dport,
                    fd: fd_num,
                };
                self.net_flow(ev, op, key, proto, ret);
            }
            FdKind::Ipv6 => {}
            _ => {
                if self.config.collection_mode == CollectionMode::NoFiles {
                    return;
                }
                let tc = fd.type_char;
                let accepted = if self.config.file_only {
                    tc == b'f'
                } else {
                    matches!(tc, b'f' | b'd' | b'u' | b'p')
                };
                if accepted {
                    let name = hint
                        .fd_name
                        .take()
                        .filter(|_| matches!(hint.fd, Some((n, _)) if n == fd_num));
                    let known = super::file_flows::Known {
                        name,
                        process: hint.process,
                    };
                    self.file_flow(ev, op, fd_num, fd, ret, known);
                }
            }
        }
    }
}

/// What the flow handlers need of an fd, copied out of the fd table: the
/// common path then never touches the fd's shared name (an atomic count
/// up and down per event).
#[derive(Debug, Clone, Copy)]
pub(super) struct FdFacts {
    kind: FdKind,
    pub(super) type_char: u8,
    pub(super) open_flags: u32,
    pub(super) foid: Option<sysflow_types::Foid>,
    pub(super) written_in: Option<u64>,
}

impl FdFacts {
    pub(super) fn of(fd: &Fd) -> FdFacts {
        FdFacts {
            kind: fd.kind,
            type_char: fd.type_char(),
            open_flags: fd.open_flags,
            foid: fd.foid,
            written_in: fd.written_in,
        }
    }
}
