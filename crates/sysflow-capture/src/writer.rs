//! [`ScapWriter`]: writes scap captures that sysdig 0.29.3 and current libs
//! both read.
//!
//! Layout rules (from the format notes): a 28-byte section header, a 192-byte
//! machine info block, `PL_V9` with the short pre-libs-0.10 tail, `FDL_V2`,
//! `IL_V2`, `UL_V2`, and `EV_V2` events (`EVF_V2` when dump flags are non-zero,
//! the `_LARGE` kinds for large-payload types or blocks over 64 KiB). Blocks
//! are zero-padded to 4 bytes and end with their length.
//!
//! Consecutive metadata items of one kind (fds: of one thread) are grouped
//! into one block, so memory use is bounded by the largest group.

use std::io::Write;
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::abi;
use crate::error::CaptureError;
use crate::event::{Event, HEADER_LEN_V2};
use crate::fd::{FdEntry, FdInfo};
use crate::interface::Interface;
use crate::machine::MachineInfo;
use crate::process::ProcessEntry;
use crate::reader::Item;
use crate::section::MAGIC;
use crate::user::{Group, User};

/// Block type ids written.
const SHB: u32 = 0x0A0D_0D0A;
const MI: u32 = 0x201;
const PL_V9: u32 = 0x215;
const FDL_V2: u32 = 0x218;
const IL_V2: u32 = 0x219;
const UL_V2: u32 = 0x220;
const EV_V2: u32 = 0x216;
const EVF_V2: u32 = 0x217;
const EV_V2_LARGE: u32 = 0x221;
const EVF_V2_LARGE: u32 = 0x222;
/// Largest body plus trailer of a non-large event block.
const SMALL_EVENT_BLOCK_MAX: usize = 65536;

/// The metadata block being accumulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    Processes,
    Fds(i64),
    Interfaces,
    Users,
}

/// Writes a scap capture item by item.
pub struct ScapWriter<W: Write> {
    out: W,
    written: u64,
    group: Option<Pending>,
    body: Vec<u8>,
    fresh: bool,
}

impl<W: Write> std::fmt::Debug for ScapWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScapWriter")
            .field("written", &self.written)
            .finish_non_exhaustive()
    }
}

fn put_u16(b: &mut Vec<u8>, v: u16) {
    b.extend_from_slice(&v.to_le_bytes());
}
fn put_u32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}
fn put_u64(b: &mut Vec<u8>, v: u64) {
    b.extend_from_slice(&v.to_le_bytes());
}
fn put_i64(b: &mut Vec<u8>, v: i64) {
    b.extend_from_slice(&v.to_le_bytes());
}
fn put_s16(b: &mut Vec<u8>, s: &[u8], what: &'static str) -> Result<(), CaptureError> {
    let n = u16::try_from(s.len()).map_err(|_| CaptureError::TooLong { what, len: s.len() })?;
    put_u16(b, n);
    b.extend_from_slice(s);
    Ok(())
}
fn put_v4(b: &mut Vec<u8>, ip: &Ipv4Addr) {
    b.extend_from_slice(&ip.octets());
}
fn put_v6(b: &mut Vec<u8>, ip: &Ipv6Addr) {
    b.extend_from_slice(&ip.octets());
}

/// Prefix `entry` with its u32 length (`counts_itself` adds the prefix's 4 bytes).
fn sized_entry(b: &mut Vec<u8>, entry: &[u8], counts_itself: bool) -> Result<(), CaptureError> {
    let len = entry.len() + if counts_itself { 4 } else { 0 };
    let n = u32::try_from(len).map_err(|_| CaptureError::TooLong { what: "entry", len })?;
    put_u32(b, n);
    b.extend_from_slice(entry);
    Ok(())
}

impl<W: Write> ScapWriter<W> {
    /// Bytes written to the output so far (metadata items still grouped
    /// into their block are not, until an event or `finish` writes it).
    pub fn bytes_written(&self) -> u64 {
        self.written
    }

    /// Start a capture: writes the section header.
    pub fn new(out: W) -> Result<ScapWriter<W>, CaptureError> {
        let mut w = ScapWriter {
            out,
            written: 0,
            group: None,
            body: Vec::new(),
            fresh: true,
        };
        w.section()?;
        Ok(w)
    }

    fn section(&mut self) -> Result<(), CaptureError> {
        let mut body = Vec::with_capacity(16);
        put_u32(&mut body, MAGIC);
        put_u16(&mut body, 1);
        put_u16(&mut body, 2);
        put_u64(&mut body, u64::MAX);
        self.block(SHB, &body)
    }

    /// Write one framed block: header, body, zero padding, trailer.
    fn block(&mut self, ty: u32, body: &[u8]) -> Result<(), CaptureError> {
        let padded = body.len().div_ceil(4) * 4;
        let total = u32::try_from(padded + 12).map_err(|_| CaptureError::TooLong {
            what: "block",
            len: body.len(),
        })?;
        let mut head = Vec::with_capacity(8);
        put_u32(&mut head, ty);
        put_u32(&mut head, total);
        let pad = [0u8; 3];
        let pad = pad.get(..padded - body.len()).unwrap_or_default();
        let offset = self.written;
        let res = self
            .out
            .write_all(&head)
            .and_then(|()| self.out.write_all(body))
            .and_then(|()| self.out.write_all(pad))
            .and_then(|()| self.out.write_all(&total.to_le_bytes()));
        res.map_err(|source| CaptureError::Write { offset, source })?;
        self.written += u64::from(total);
        Ok(())
    }

    /// Write out the metadata block being accumulated, if any.
    fn flush_group(&mut self) -> Result<(), CaptureError> {
        let Some(group) = self.group.take() else {
            return Ok(());
        };
        let body = std::mem::take(&mut self.body);
        let ty = match group {
            Pending::Processes => PL_V9,
            Pending::Fds(_) => FDL_V2,
            Pending::Interfaces => IL_V2,
            Pending::Users => UL_V2,
        };
        self.block(ty, &body)
    }

    /// Switch the accumulating block to `group`, flushing another one.
    fn enter(&mut self, group: Pending) -> Result<(), CaptureError> {
        if self.group != Some(group) {
            self.flush_group()?;
            self.group = Some(group);
            if let Pending::Fds(tid) = group {
                put_i64(&mut self.body, tid);
            }
        }
        Ok(())
    }

    /// Write any item. A [`Item::Section`] other than the first item starts
    /// a new, concatenated capture.
    pub fn write_item(&mut self, item: &Item) -> Result<(), CaptureError> {
        let fresh = std::mem::replace(&mut self.fresh, false);
        match item {
            Item::Section(_) if fresh => Ok(()),
            Item::Section(_) => {
                self.flush_group()?;
                self.section()
            }
            Item::Machine(mi) => self.write_machine(mi),
            Item::Process(p) => self.write_process(p),
            Item::Fd(f) => self.write_fd(f),
            Item::Interface(i) => self.write_interface(i),
            Item::User(u) => self.write_user(u),
            Item::Group(g) => self.write_group(g),
            Item::Event(e) => self.write_event(e),
        }
    }

    /// Write the machine info block.
    pub fn write_machine(&mut self, mi: &MachineInfo) -> Result<(), CaptureError> {
        self.flush_group()?;
        let mut b = Vec::with_capacity(180);
        put_u32(&mut b, mi.num_cpus);
        put_u64(&mut b, mi.memory_size_bytes);
        put_u64(&mut b, mi.max_pid);
        let mut name = [0u8; 128];
        let host = mi.hostname.as_bytes();
        let n = host.len().min(127);
        if let (Some(dst), Some(src)) = (name.get_mut(..n), host.get(..n)) {
            dst.copy_from_slice(src);
        }
        b.extend_from_slice(&name);
        put_u64(&mut b, mi.boot_ts_epoch);
        put_u64(&mut b, mi.flags);
        put_u64(&mut b, 0);
        put_u64(&mut b, 0);
        self.block(MI, &b)
    }

    /// Add a thread to the current process list block (`PL_V9`).
    ///
    /// Missing optional fields are written as 0 or empty. The V9 tail uses
    /// the short pre-0.10 layout (`loginuid`, then `exe_writable` and the
    /// capabilities if present), which sysdig 0.29.3 reads correctly, unless
    /// the entry carries a field only the full layout has.
    pub fn write_process(&mut self, p: &ProcessEntry) -> Result<(), CaptureError> {
        self.enter(Pending::Processes)?;
        let mut e = Vec::new();
        put_i64(&mut e, p.tid);
        put_i64(&mut e, p.pid);
        put_i64(&mut e, p.ptid);
        put_i64(&mut e, p.sid.unwrap_or(0));
        put_i64(&mut e, p.vpgid.unwrap_or(0));
        put_s16(&mut e, &p.comm, "comm")?;
        put_s16(&mut e, &p.exe, "exe")?;
        put_s16(&mut e, p.exepath.as_deref().unwrap_or_default(), "exepath")?;
        put_s16(&mut e, &p.args, "args")?;
        put_s16(&mut e, &p.cwd, "cwd")?;
        put_u64(&mut e, p.fdlimit);
        put_u32(&mut e, p.flags);
        put_u32(&mut e, p.uid);
        put_u32(&mut e, p.gid);
        put_u32(&mut e, p.vmsize_kb.unwrap_or(0));
        put_u32(&mut e, p.vmrss_kb.unwrap_or(0));
        put_u32(&mut e, p.vmswap_kb.unwrap_or(0));
        put_u64(&mut e, p.pfmajor.unwrap_or(0));
        put_u64(&mut e, p.pfminor.unwrap_or(0));
        put_s16(&mut e, p.env.as_deref().unwrap_or_default(), "env")?;
        put_i64(&mut e, p.vtid.unwrap_or(0));
        put_i64(&mut e, p.vpid.unwrap_or(0));
        put_s16(&mut e, p.cgroups.as_deref().unwrap_or_default(), "cgroups")?;
        put_s16(&mut e, p.root.as_deref().unwrap_or_default(), "root")?;
        write_tail(&mut e, p);
        sized_entry(&mut self.body, &e, true)
    }

    /// Add an fd to the current fd list block of its thread (`FDL_V2`).
    /// [`FdInfo::Unknown`] entries are written without a payload.
    pub fn write_fd(&mut self, f: &FdEntry) -> Result<(), CaptureError> {
        self.enter(Pending::Fds(f.tid))?;
        let mut e = Vec::new();
        put_i64(&mut e, f.fd);
        put_u64(&mut e, f.ino);
        e.push(f.fd_type);
        match &f.info {
            FdInfo::Named { name } => put_s16(&mut e, name, "fd name")?,
            FdInfo::File {
                open_flags,
                name,
                dev,
            } => {
                put_u32(&mut e, *open_flags);
                put_s16(&mut e, name, "fd name")?;
                if let Some(dev) = dev {
                    put_u32(&mut e, *dev);
                }
            }
            FdInfo::Ipv4Socket {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            } => {
                put_v4(&mut e, sip);
                put_v4(&mut e, dip);
                put_u16(&mut e, *sport);
                put_u16(&mut e, *dport);
                e.push(*l4proto);
            }
            FdInfo::Ipv6Socket {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            } => {
                put_v6(&mut e, sip);
                put_v6(&mut e, dip);
                put_u16(&mut e, *sport);
                put_u16(&mut e, *dport);
                e.push(*l4proto);
            }
            FdInfo::Ipv4Server { ip, port, l4proto } => {
                put_v4(&mut e, ip);
                put_u16(&mut e, *port);
                e.push(*l4proto);
            }
            FdInfo::Ipv6Server { ip, port, l4proto } => {
                put_v6(&mut e, ip);
                put_u16(&mut e, *port);
                e.push(*l4proto);
            }
            FdInfo::Unix { source, dest, name } => {
                put_u64(&mut e, *source);
                put_u64(&mut e, *dest);
                put_s16(&mut e, name, "fd name")?;
            }
            FdInfo::Unknown => {}
        }
        sized_entry(&mut self.body, &e, true)
    }

    /// Add an interface to the current interface list block (`IL_V2`); a
    /// missing link speed is written as 0.
    pub fn write_interface(&mut self, i: &Interface) -> Result<(), CaptureError> {
        self.enter(Pending::Interfaces)?;
        let mut e = Vec::new();
        let name = i.name();
        let namelen = u16::try_from(name.len()).map_err(|_| CaptureError::TooLong {
            what: "interface name",
            len: name.len(),
        })?;
        match i {
            Interface::V4 {
                addr,
                netmask,
                broadcast,
                link_speed,
                ..
            } => {
                put_u16(&mut e, 1);
                put_u16(&mut e, namelen);
                put_v4(&mut e, addr);
                put_v4(&mut e, netmask);
                put_v4(&mut e, broadcast);
                put_u64(&mut e, link_speed.unwrap_or(0));
            }
            Interface::V6 {
                addr,
                netmask,
                broadcast,
                link_speed,
                ..
            } => {
                put_u16(&mut e, 2);
                put_u16(&mut e, namelen);
                put_v6(&mut e, addr);
                put_v6(&mut e, netmask);
                put_v6(&mut e, broadcast);
                put_u64(&mut e, link_speed.unwrap_or(0));
            }
        }
        e.extend_from_slice(name);
        // The interface list is the one place whose entry length excludes itself.
        sized_entry(&mut self.body, &e, false)
    }

    /// Add a user to the current user list block (`UL_V2`).
    pub fn write_user(&mut self, u: &User) -> Result<(), CaptureError> {
        self.enter(Pending::Users)?;
        let mut e = vec![0u8];
        put_u32(&mut e, u.uid);
        put_u32(&mut e, u.gid);
        put_s16(&mut e, &u.name, "user name")?;
        put_s16(&mut e, &u.home, "home")?;
        put_s16(&mut e, &u.shell, "shell")?;
        sized_entry(&mut self.body, &e, true)
    }

    /// Add a group to the current user list block (`UL_V2`).
    pub fn write_group(&mut self, g: &Group) -> Result<(), CaptureError> {
        self.enter(Pending::Users)?;
        let mut e = vec![1u8];
        put_u32(&mut e, g.gid);
        put_s16(&mut e, &g.name, "group name")?;
        sized_entry(&mut self.body, &e, true)
    }

    /// Write an event block, keeping the event's parameter count and bytes.
    pub fn write_event(&mut self, ev: &Event) -> Result<(), CaptureError> {
        self.flush_group()?;
        let large_type = abi::has_large_payload(ev.event_type);
        let lens = ev.param_lens();
        let data = ev.param_data();
        let width = if large_type { 4 } else { 2 };
        let len = HEADER_LEN_V2 as usize + lens.len() * width + data.len();
        let too_long = |what, len| CaptureError::TooLong { what, len };
        let len32 = u32::try_from(len).map_err(|_| too_long("event", len))?;
        let nparams = u32::try_from(lens.len()).map_err(|_| too_long("event", lens.len()))?;
        let flags = ev.dump_flags.filter(|&f| f != 0);
        let mut b = Vec::with_capacity(len + 6);
        put_u16(&mut b, ev.cpu);
        if let Some(f) = flags {
            put_u32(&mut b, f);
        }
        put_u64(&mut b, ev.ts);
        put_u64(&mut b, ev.tid);
        put_u32(&mut b, len32);
        put_u16(&mut b, ev.event_type);
        put_u32(&mut b, nparams);
        for l in lens {
            if large_type {
                put_u32(&mut b, l);
            } else {
                let l = u16::try_from(l).map_err(|_| too_long("parameter", l as usize))?;
                put_u16(&mut b, l);
            }
        }
        b.extend_from_slice(data);
        let large = large_type || b.len().div_ceil(4) * 4 + 4 > SMALL_EVENT_BLOCK_MAX;
        let ty = match (flags.is_some(), large) {
            (false, false) => EV_V2,
            (true, false) => EVF_V2,
            (false, true) => EV_V2_LARGE,
            (true, true) => EVF_V2_LARGE,
        };
        self.block(ty, &b)
    }

    /// Flush pending metadata and the output; returns the output.
    pub fn finish(mut self) -> Result<W, CaptureError> {
        self.flush_group()?;
        let offset = self.written;
        self.out
            .flush()
            .map_err(|source| CaptureError::Write { offset, source })?;
        Ok(self.out)
    }
}

/// Write the V9 tail: the short layout unless a full-layout-only field is set.
fn write_tail(e: &mut Vec<u8>, p: &ProcessEntry) {
    let full = p.pidns_init_start_ts.is_some()
        || p.tty.is_some()
        || p.exe_upper_layer.is_some()
        || p.exe_ino.is_some()
        || p.exe_ino_ctime.is_some()
        || p.exe_ino_mtime.is_some()
        || p.exe_from_memfd.is_some()
        || p.exe_lower_layer.is_some()
        || p.pgid.is_some();
    let caps = p.exe_writable.is_some()
        || p.cap_inheritable.is_some()
        || p.cap_permitted.is_some()
        || p.cap_effective.is_some();
    if full {
        put_u64(e, p.pidns_init_start_ts.unwrap_or(0));
        put_u32(e, p.tty.unwrap_or(0));
    }
    if full || caps || p.loginuid.is_some() {
        put_u32(e, p.loginuid.unwrap_or(u32::MAX));
    }
    if full || caps {
        e.push(u8::from(p.exe_writable.unwrap_or(false)));
        put_u64(e, p.cap_inheritable.unwrap_or(0));
        put_u64(e, p.cap_permitted.unwrap_or(0));
        put_u64(e, p.cap_effective.unwrap_or(0));
    }
    if full {
        e.push(u8::from(p.exe_upper_layer.unwrap_or(false)));
        put_u64(e, p.exe_ino.unwrap_or(0));
        put_u64(e, p.exe_ino_ctime.unwrap_or(0));
        put_u64(e, p.exe_ino_mtime.unwrap_or(0));
        e.push(u8::from(p.exe_from_memfd.unwrap_or(false)));
        e.push(u8::from(p.exe_lower_layer.unwrap_or(false)));
        put_i64(e, p.pgid.unwrap_or(0));
    }
}
