//! Seeding: the threads, fds, users and groups a capture lists before its
//! events (from `/proc` when it started), as libsinsp imports them.

use std::sync::Arc;

use sysflow_capture::{FdEntry, FdInfo, Interface, Item, ProcessEntry};

use super::fd::Role;
use super::path::with_slash;
use super::sockets::scap_l4_to_ip;
use super::thread::container_id_of;
use super::users::name_or_na;
use super::{Fd, FdKind, PPM_O_DIRECTORY, State, Thread, ipv4_name};
use crate::event::{lossy, split_list, split_list_borrowed};

impl State {
    /// Seeds the state from a capture's metadata item; false for events.
    pub fn seed(&mut self, item: &Item) -> bool {
        match item {
            Item::Process(p) => self.add_listed_process(p),
            Item::Fd(fd) => self.add_listed_fd(fd),
            Item::User(u) => {
                let name = String::from_utf8_lossy(&u.name).into_owned();
                self.add_user(String::new(), u.uid, name);
            }
            Item::Group(g) => {
                let name = String::from_utf8_lossy(&g.name).into_owned();
                self.add_group(String::new(), g.gid, name);
            }
            Item::Interface(Interface::V4 { addr, .. }) if !self.interfaces.contains(addr) => {
                self.interfaces.push(*addr);
            }
            Item::Event(_) => return false,
            _ => {}
        }
        true
    }

    fn add_listed_process(&mut self, p: &ProcessEntry) {
        let text = |b: &[u8]| lossy(b).into_owned();
        // A concatenated capture lists the same threads again in each
        // section: the shared argument and environment lists of the thread
        // listed before are kept when unchanged instead of copied anew.
        let old = self.threads.get(&p.tid);
        let args = match old {
            Some(t)
                if t.args
                    .iter()
                    .map(String::as_str)
                    .eq(split_list_borrowed(&p.args)) =>
            {
                Arc::clone(&t.args)
            }
            _ => split_list(&p.args).into(),
        };
        let env_bytes = p.env.as_deref().unwrap_or_default();
        let env = match old {
            Some(t) if *t.env == *env_bytes => Arc::clone(&t.env),
            _ => env_bytes.into(),
        };
        let thread = Thread {
            tid: p.tid,
            pid: p.pid,
            ptid: p.ptid,
            clone_ptid: p.ptid,
            comm: text(&p.comm),
            exe: text(&p.exe),
            exepath: p.exepath.as_deref().map(text).unwrap_or_default(),
            args,
            env,
            cwd: with_slash(text(&p.cwd)),
            uid: p.uid,
            gid: p.gid,
            // libsinsp builds its thread table before it imports the user
            // list, so listed threads only know root by name.
            user_name: name_or_na(None, p.uid).to_owned(),
            group_name: name_or_na(None, p.gid).to_owned(),
            clone_ts: 0,
            vtid: p.vtid.unwrap_or(p.tid),
            vpid: p.vpid.unwrap_or(p.pid),
            tty: p.tty.unwrap_or(0),
            sid: p.sid.unwrap_or(-1),
            loginuid: p.loginuid.unwrap_or(u32::MAX),
            container_id: container_id_of(p.cgroups.as_deref().unwrap_or_default()),
            last_ts: std::cell::Cell::new(0),
        };
        self.threads.insert(p.tid, Box::new(thread));
    }

    fn add_listed_fd(&mut self, e: &FdEntry) {
        // Straight into the shared name: one allocation, no String between.
        let text = |b: &[u8]| -> Arc<str> { Arc::from(&*lossy(b)) };
        let fd = match &e.info {
            FdInfo::File {
                open_flags, name, ..
            } => Fd {
                kind: if open_flags & PPM_O_DIRECTORY != 0 {
                    FdKind::Directory
                } else {
                    FdKind::File
                },
                name: text(name),
                open_flags: *open_flags,
                foid: None,
                written_in: None,
            },
            FdInfo::Named { name } => {
                let kind = match e.fd_type {
                    1 => FdKind::File,
                    2 => FdKind::Directory,
                    7 => FdKind::Pipe,
                    9 => FdKind::Other(b'e'),
                    10 => FdKind::Other(b's'),
                    11 => FdKind::Other(b'l'),
                    12 => FdKind::Other(b'i'),
                    13 => FdKind::Other(b't'),
                    14 => FdKind::Other(b'n'),
                    _ => FdKind::Other(b'o'),
                };
                Fd::new(kind, text(name))
            }
            FdInfo::Ipv4Socket {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            } => {
                let (s, d) = (
                    u32::from_le_bytes(sip.octets()),
                    u32::from_le_bytes(dip.octets()),
                );
                Fd::new(
                    FdKind::Ipv4 {
                        sip: s,
                        sport: *sport,
                        dip: d,
                        dport: *dport,
                        proto: scap_l4_to_ip(*l4proto),
                        role: Role::Listed,
                    },
                    ipv4_name(s, *sport, d, *dport),
                )
            }
            // A listening socket: never a flow (see `FdKind::Ipv4Server`).
            FdInfo::Ipv4Server { ip, port, l4proto } => {
                self.server_ports.insert(*port);
                Fd::new(
                    FdKind::Ipv4Server {
                        ip: u32::from_le_bytes(ip.octets()),
                        port: *port,
                        proto: scap_l4_to_ip(*l4proto),
                    },
                    format!("{}:{port}", ip),
                )
            }
            FdInfo::Ipv6Server { port, .. } => {
                self.server_ports.insert(*port);
                Fd::new(FdKind::Ipv6, String::new())
            }
            FdInfo::Ipv6Socket { .. } => Fd::new(FdKind::Ipv6, String::new()),
            FdInfo::Unix { name, .. } => Fd::new(FdKind::Unix, text(name)),
            _ => Fd::new(FdKind::Other(b'o'), String::new()),
        };
        self.listed_sockets |= matches!(fd.kind, FdKind::Ipv4 { .. });
        self.fd_insert_at(e.tid, e.fd, fd);
    }

    /// The roles of the IPv4 connections a capture listed, once the list is
    /// in, as libsinsp decides them: a connection whose local port some
    /// process listens on is the server's end (its tuple turned client
    /// first), any other a client's.
    pub(super) fn fix_listed_sockets(&mut self) {
        self.listed_sockets = false;
        for table in self.fds.values_mut() {
            for fd in table.values_mut() {
                let FdKind::Ipv4 {
                    sip,
                    sport,
                    dip,
                    dport,
                    proto,
                    role: Role::Listed,
                } = fd.kind
                else {
                    continue;
                };
                let server = self.server_ports.contains(&sport);
                fd.kind = if server {
                    fd.rename(ipv4_name(dip, dport, sip, sport));
                    FdKind::Ipv4 {
                        sip: dip,
                        sport: dport,
                        dip: sip,
                        dport: sport,
                        proto,
                        role: Role::Server,
                    }
                } else {
                    FdKind::Ipv4 {
                        sip,
                        sport,
                        dip,
                        dport,
                        proto,
                        role: Role::Client,
                    }
                };
            }
        }
    }
}
