//! The `/proc` scan at capture start: threads and open fds that existed
//! before the probe was attached, and the users and groups of `/etc/passwd`
//! and `/etc/group`, as the process-list, fd-list and user-list items a
//! capture file starts with, so that state tracking knows them.
//!
//! Best effort: processes that exit during the scan, and files that cannot
//! be read, are skipped or left empty.

use std::collections::HashMap;
use std::fs;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::Path;

use crate::fd::{FdEntry, FdInfo};
use crate::process::ProcessEntry;
use crate::reader::Item;
use crate::user::{Group, User};

/// `SCAP_FD_*` types the scan produces.
const FD_IPV4_SOCK: u8 = 3;
const FD_IPV6_SOCK: u8 = 4;
const FD_IPV4_SERVSOCK: u8 = 5;
const FD_IPV6_SERVSOCK: u8 = 6;
const FD_FIFO: u8 = 7;
const FD_FILE_V2: u8 = 16;
/// `SCAP_L4_*`.
const L4_TCP: u8 = 2;
const L4_UDP: u8 = 3;
/// libscap's limits on process-list strings (`SCAP_MAX_PATH_SIZE`,
/// `SCAP_MAX_ARGS_SIZE`, `SCAP_MAX_ENV_SIZE`, `SCAP_MAX_CGROUPS_SIZE`):
/// readers refuse longer ones.
const MAX_PATH: usize = 1024;
const MAX_ARGS: usize = 4096;
const MAX_ENV: usize = 4096;
const MAX_CGROUPS: usize = 4096;

/// The cgroups parameter for a `/proc/PID/cgroup` file: its lines,
/// NUL-terminated, cut as libscap cuts them.
pub(crate) fn cgroup_list(file: &[u8]) -> Vec<u8> {
    let list = file
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .flat_map(|l| l.iter().copied().chain([0]))
        .collect();
    cut_list(list, MAX_CGROUPS)
}

/// Cut a NUL-separated list to at most `max` bytes, at an entry boundary.
pub(crate) fn cut_list(mut v: Vec<u8>, max: usize) -> Vec<u8> {
    if v.len() > max {
        let end = v
            .get(..max)
            .and_then(|head| head.iter().rposition(|&b| b == 0))
            .map_or(0, |i| i + 1);
        v.truncate(end);
    }
    v
}

/// Cut a string to at most `max - 1` bytes (libscap keeps a NUL).
fn cut(mut v: Vec<u8>, max: usize) -> Vec<u8> {
    v.truncate(max - 1);
    v
}

/// `PPM_CL_CLONE_FILES | PPM_CL_CLONE_THREAD`: what libscap assumes of a
/// thread found in `/proc` that is not its process's leader (`/proc` does
/// not say how a thread was cloned). Without them readers give such a
/// thread a private, empty fd table instead of its process's.
const NON_LEADER_FLAGS: u32 = (1 << 0) | (1 << 13);

/// The `PPM_CL_*` flags of a thread found in `/proc`.
fn thread_flags(pid: i64, tid: i64) -> u32 {
    if tid == pid { 0 } else { NON_LEADER_FLAGS }
}

/// `TCP_LISTEN` in `/proc/net/tcp`'s `st` column.
const TCP_LISTEN: u8 = 0x0a;

/// Falco's `PPM_O_*` encoding of open(2) flags (as in the probe).
pub(crate) fn open_flags_to_ppm(f: u32) -> u32 {
    const MAP: [(u32, u32); 13] = [
        (0o100, 1 << 2),       // CREAT
        (0o2000, 1 << 3),      // APPEND
        (0o10000, 1 << 4),     // DSYNC
        (0o200, 1 << 5),       // EXCL
        (0o4000, 1 << 6),      // NONBLOCK
        (0o4000000, 1 << 7),   // SYNC
        (0o1000, 1 << 8),      // TRUNC
        (0o40000, 1 << 9),     // DIRECT
        (0o200000, 1 << 10),   // DIRECTORY
        (0o100000, 1 << 11),   // LARGEFILE
        (0o2000000, 1 << 12),  // CLOEXEC
        (0o20000000, 1 << 13), // TMPFILE
        (0o1, 1 << 1),         // WRONLY
    ];
    let mut r = match f & 3 {
        0 => 1,            // RDONLY
        2 => 1 | (1 << 1), // RDWR
        _ => 0,
    };
    for (bit, ppm) in MAP {
        if f & bit != 0 {
            r |= ppm;
        }
    }
    r
}

/// A connection or listener from `/proc/net/{tcp,udp}{,6}`.
#[derive(Debug, Clone)]
enum NetSock {
    V4 {
        local: (Ipv4Addr, u16),
        remote: (Ipv4Addr, u16),
        proto: u8,
        listen: bool,
    },
    V6 {
        local: (Ipv6Addr, u16),
        remote: (Ipv6Addr, u16),
        proto: u8,
        listen: bool,
    },
}

/// `HEX:PORT` of an IPv4 table: the address is the kernel's u32 in host
/// (little-endian) order, i.e. the network-order bytes reversed.
pub(crate) fn parse_v4(s: &str) -> Option<(Ipv4Addr, u16)> {
    let (ip, port) = s.split_once(':')?;
    let ip = u32::from_str_radix(ip, 16).ok()?;
    Some((
        Ipv4Addr::from(ip.to_le_bytes()),
        u16::from_str_radix(port, 16).ok()?,
    ))
}

/// `HEX:PORT` of an IPv6 table: four such u32 words.
pub(crate) fn parse_v6(s: &str) -> Option<(Ipv6Addr, u16)> {
    let (ip, port) = s.split_once(':')?;
    if ip.len() != 32 {
        return None;
    }
    let mut bytes = [0u8; 16];
    for (i, chunk) in bytes.chunks_mut(4).enumerate() {
        let word = u32::from_str_radix(ip.get(i * 8..i * 8 + 8)?, 16).ok()?;
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    Some((Ipv6Addr::from(bytes), u16::from_str_radix(port, 16).ok()?))
}

/// Parse one `/proc/net` table into `out`, keyed by socket inode.
fn parse_net_table(text: &str, v6: bool, proto: u8, out: &mut HashMap<u64, NetSock>) {
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let (Some(local), Some(remote), Some(st), Some(inode)) =
            (cols.get(1), cols.get(2), cols.get(3), cols.get(9))
        else {
            continue;
        };
        let Ok(inode) = inode.parse::<u64>() else {
            continue;
        };
        let listen = proto == L4_TCP && u8::from_str_radix(st, 16).ok() == Some(TCP_LISTEN);
        let sock = if v6 {
            match (parse_v6(local), parse_v6(remote)) {
                (Some(local), Some(remote)) => NetSock::V6 {
                    local,
                    remote,
                    proto,
                    listen,
                },
                _ => continue,
            }
        } else {
            match (parse_v4(local), parse_v4(remote)) {
                (Some(local), Some(remote)) => NetSock::V4 {
                    local,
                    remote,
                    proto,
                    listen,
                },
                _ => continue,
            }
        };
        out.insert(inode, sock);
    }
}

fn net_sockets(root: &Path) -> HashMap<u64, NetSock> {
    let mut out = HashMap::new();
    for (name, v6, proto) in [
        ("tcp", false, L4_TCP),
        ("tcp6", true, L4_TCP),
        ("udp", false, L4_UDP),
        ("udp6", true, L4_UDP),
    ] {
        if let Ok(text) = fs::read_to_string(root.join("net").join(name)) {
            parse_net_table(&text, v6, proto, &mut out);
        }
    }
    out
}

fn fd_info(sock: &NetSock) -> (u8, FdInfo) {
    match *sock {
        NetSock::V4 {
            local,
            proto,
            listen: true,
            ..
        } => (
            FD_IPV4_SERVSOCK,
            FdInfo::Ipv4Server {
                ip: local.0,
                port: local.1,
                l4proto: proto,
            },
        ),
        NetSock::V4 {
            local,
            remote,
            proto,
            ..
        } => (
            FD_IPV4_SOCK,
            FdInfo::Ipv4Socket {
                sip: local.0,
                dip: remote.0,
                sport: local.1,
                dport: remote.1,
                l4proto: proto,
            },
        ),
        NetSock::V6 {
            local,
            proto,
            listen: true,
            ..
        } => (
            FD_IPV6_SERVSOCK,
            FdInfo::Ipv6Server {
                ip: local.0,
                port: local.1,
                l4proto: proto,
            },
        ),
        NetSock::V6 {
            local,
            remote,
            proto,
            ..
        } => (
            FD_IPV6_SOCK,
            FdInfo::Ipv6Socket {
                sip: local.0,
                dip: remote.0,
                sport: local.1,
                dport: remote.1,
                l4proto: proto,
            },
        ),
    }
}

/// Field `n` (counted from 1, as in proc(5)) of a `stat` line, a number;
/// the command name (field 2) may hold spaces and parentheses.
fn stat_num(stat: &str, n: usize) -> Option<u64> {
    let (_, rest) = stat.rsplit_once(')')?;
    rest.split_whitespace().nth(n.checked_sub(3)?)?.parse().ok()
}

/// A `status` size such as `VmSize:   1234 kB`, in KiB.
fn kb(status: &str, key: &str) -> Option<u32> {
    nth_num(status, key, 0)
}

/// A `status` capability set (hex), limited to the capabilities Falco
/// encodes (bits 0 to 40, numbered as the kernel's).
fn caps(status: &str, key: &str) -> Option<u64> {
    let v = u64::from_str_radix(field(status, key)?, 16).ok()?;
    Some(v & ((1 << 41) - 1))
}

/// A file time in nanoseconds since the epoch (`None` before 1970).
fn epoch_ns(secs: i64, nsecs: i64) -> Option<u64> {
    let ns = u64::try_from(secs).ok()?.checked_mul(1_000_000_000)?;
    ns.checked_add(u64::try_from(nsecs).ok()?)
}

/// The value of `key:` in a `status`/`fdinfo`-style file.
fn field<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(':')))
        .map(str::trim)
}

/// The `n`th whitespace-separated number of a `status` field.
fn nth_num<T: std::str::FromStr>(text: &str, key: &str, n: usize) -> Option<T> {
    field(text, key)?.split_whitespace().nth(n)?.parse().ok()
}

fn read_link_bytes(p: &Path) -> Option<Vec<u8>> {
    fs::read_link(p)
        .ok()
        .map(|t| t.into_os_string().into_encoded_bytes())
}

/// The soft `Max open files` limit from a `limits` file.
fn fdlimit(limits: &str) -> u64 {
    limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// One thread of process `pid`.
fn thread_entry(proc_dir: &Path, task_dir: &Path, pid: i64, tid: i64) -> Option<ProcessEntry> {
    let status = fs::read_to_string(task_dir.join("status")).ok()?;
    let cmdline = fs::read(proc_dir.join("cmdline")).unwrap_or_default();
    let comm = fs::read(task_dir.join("comm")).unwrap_or_default();
    let comm = comm.strip_suffix(b"\n").unwrap_or(&comm).to_vec();
    let (exe, args) = match cmdline.iter().position(|&b| b == 0) {
        Some(i) => (
            cmdline.get(..i).unwrap_or_default().to_vec(),
            cmdline.get(i + 1..).unwrap_or_default().to_vec(),
        ),
        None if cmdline.is_empty() => (comm.clone(), Vec::new()),
        None => (cmdline.clone(), Vec::new()),
    };
    let mut e = ProcessEntry {
        version: 9,
        tid,
        pid,
        ptid: nth_num(&status, "PPid", 0).unwrap_or(0),
        flags: thread_flags(pid, tid),
        comm: cut(comm, 16),
        exe: cut(exe, MAX_PATH),
        exepath: read_link_bytes(&proc_dir.join("exe")).map(|p| cut(p, MAX_PATH)),
        args: cut_list(args, MAX_ARGS),
        cwd: cut(
            read_link_bytes(&proc_dir.join("cwd")).unwrap_or_default(),
            MAX_PATH,
        ),
        uid: nth_num(&status, "Uid", 1).unwrap_or(u32::MAX),
        gid: nth_num(&status, "Gid", 1).unwrap_or(u32::MAX),
        env: fs::read(proc_dir.join("environ"))
            .ok()
            .map(|e| cut_list(e, MAX_ENV)),
        ..ProcessEntry::default()
    };
    e.fdlimit = fs::read_to_string(proc_dir.join("limits"))
        .map(|l| fdlimit(&l))
        .unwrap_or(0);
    if let Ok(stat) = fs::read_to_string(task_dir.join("stat")) {
        // Field 7, tty_nr: the controlling terminal's device number.
        e.tty = stat_num(&stat, 7).and_then(|t| u32::try_from(t).ok());
        e.pfminor = stat_num(&stat, 10);
        e.pfmajor = stat_num(&stat, 12);
        e.pgid = stat_num(&stat, 5).and_then(|g| i64::try_from(g).ok());
    }
    // Kernel threads have no Vm* lines: left unset.
    e.vmsize_kb = kb(&status, "VmSize");
    e.vmrss_kb = kb(&status, "VmRSS");
    e.vmswap_kb = kb(&status, "VmSwap");
    e.loginuid = fs::read_to_string(proc_dir.join("loginuid"))
        .ok()
        .and_then(|v| v.trim().parse().ok());
    e.cap_inheritable = caps(&status, "CapInh");
    e.cap_permitted = caps(&status, "CapPrm");
    e.cap_effective = caps(&status, "CapEff");
    if let Ok(m) = fs::metadata(proc_dir.join("exe")) {
        use std::os::unix::fs::MetadataExt;
        e.exe_ino = Some(m.ino());
        e.exe_ino_ctime = epoch_ns(m.ctime(), m.ctime_nsec());
        e.exe_ino_mtime = epoch_ns(m.mtime(), m.mtime_nsec());
    }
    // The innermost namespace's ids are the last of NSpid / NStgid.
    e.vtid = field(&status, "NSpid").and_then(|v| v.split_whitespace().last()?.parse().ok());
    e.vpid = field(&status, "NStgid").and_then(|v| v.split_whitespace().last()?.parse().ok());
    e.cgroups = fs::read(proc_dir.join("cgroup"))
        .ok()
        .map(|c| cgroup_list(&c));
    Some(e)
}

/// The fds of process `pid` (listed once, for its main thread).
fn fd_entries(proc_dir: &Path, pid: i64, sockets: &HashMap<u64, NetSock>, out: &mut Vec<Item>) {
    let Ok(dir) = fs::read_dir(proc_dir.join("fd")) else {
        return;
    };
    for entry in dir.flatten() {
        let Some(fd) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i64>().ok())
        else {
            continue;
        };
        let Some(target) = read_link_bytes(&entry.path()) else {
            continue;
        };
        out.extend(fd_item(proc_dir, pid, fd, target, sockets));
    }
}

/// The fd-list item of fd `fd`, which links to `target`, in the table of
/// process `pid` whose `/proc` directory is `proc_dir`: files, pipes and
/// the TCP and UDP sockets of `sockets`; `None` for other kinds.
fn fd_item(
    proc_dir: &Path,
    pid: i64,
    fd: i64,
    target: Vec<u8>,
    sockets: &HashMap<u64, NetSock>,
) -> Option<Item> {
    let info = fs::read_to_string(proc_dir.join("fdinfo").join(fd.to_string())).unwrap_or_default();
    let ino: u64 = field(&info, "ino")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let (fd_type, fd_info, ino) = if target.first() == Some(&b'/') {
        let flags = field(&info, "flags")
            .and_then(|v| u32::from_str_radix(v, 8).ok())
            .unwrap_or(0);
        (
            FD_FILE_V2,
            FdInfo::File {
                open_flags: open_flags_to_ppm(flags),
                name: cut(target, MAX_PATH),
                dev: None,
            },
            ino,
        )
    } else if let Some(sock_ino) = bracketed(&target, b"socket:[") {
        let (t, i) = fd_info(sockets.get(&sock_ino)?);
        (t, i, sock_ino)
    } else if let Some(pipe_ino) = bracketed(&target, b"pipe:[") {
        (FD_FIFO, FdInfo::Named { name: Vec::new() }, pipe_ino)
    } else {
        return None;
    };
    Some(Item::Fd(FdEntry::new(pid, fd, ino, fd_type, fd_info)))
}

/// The number in `prefix123]`.
fn bracketed(target: &[u8], prefix: &[u8]) -> Option<u64> {
    let rest = target.strip_prefix(prefix)?.strip_suffix(b"]")?;
    std::str::from_utf8(rest).ok()?.parse().ok()
}

/// Users (`name:x:uid:gid:gecos:home:shell`) and groups (`name:x:gid:…`)
/// from `passwd`- and `group`-format text; malformed lines are skipped.
pub(crate) fn users_and_groups(passwd: &str, group: &str) -> Vec<Item> {
    let mut items = Vec::new();
    for line in passwd.lines() {
        let f: Vec<&str> = line.split(':').collect();
        if let [name, _, uid, gid, _, home, shell, ..] = f[..]
            && let (Ok(uid), Ok(gid)) = (uid.parse(), gid.parse())
        {
            let user = User::new(uid, gid, name.as_bytes(), home.as_bytes(), shell.as_bytes());
            items.push(Item::User(user));
        }
    }
    for line in group.lines() {
        let f: Vec<&str> = line.split(':').collect();
        if let [name, _, gid, ..] = f[..]
            && let Ok(gid) = gid.parse()
        {
            items.push(Item::Group(Group::new(gid, name.as_bytes())));
        }
    }
    items
}

/// Scan `root` (normally `/proc`): one process item per thread, then the
/// fds of each process, in pid order, then this host's users and groups.
pub fn scan_proc(root: &Path) -> Vec<Item> {
    let sockets = net_sockets(root);
    let mut pids: Vec<i64> = fs::read_dir(root)
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    pids.sort_unstable();
    let mut items = Vec::new();
    for pid in pids {
        let proc_dir = root.join(pid.to_string());
        let mut tids: Vec<i64> = fs::read_dir(proc_dir.join("task"))
            .map(|d| {
                d.flatten()
                    .filter_map(|e| e.file_name().to_str()?.parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        tids.sort_unstable();
        for tid in tids {
            let task_dir = proc_dir.join("task").join(tid.to_string());
            if let Some(e) = thread_entry(&proc_dir, &task_dir, pid, tid) {
                items.push(Item::Process(Box::new(e)));
            }
        }
        fd_entries(&proc_dir, pid, &sockets, &mut items);
    }
    let read = |p: &str| fs::read_to_string(p).unwrap_or_default();
    items.extend(users_and_groups(&read("/etc/passwd"), &read("/etc/group")));
    items
}

#[cfg(test)]
mod tests {
    #[test]
    fn stat_fields_count_past_odd_names() {
        let stat = "4242 (a b) c) S 1 4242 4242 34816 4242 4194560 100 7 3 0";
        assert_eq!(super::stat_num(stat, 10), Some(100));
        assert_eq!(super::stat_num(stat, 12), Some(3));
        assert_eq!(super::stat_num(stat, 2), None);
        assert_eq!(super::stat_num(stat, 40), None);
    }

    #[test]
    fn status_sizes_and_capabilities() {
        let status =
            "Name:\tx\nVmSize:\t  12345 kB\nCapEff:\t000001ffffffffff\nCapBnd:\tffffffffffffffff\n";
        assert_eq!(super::kb(status, "VmSize"), Some(12345));
        assert_eq!(super::kb(status, "VmRSS"), None);
        assert_eq!(super::caps(status, "CapEff"), Some(0x1ff_ffff_ffff));
        // Bits above CAP_CHECKPOINT_RESTORE (40) are not Falco's.
        assert_eq!(super::caps(status, "CapBnd"), Some(0x1ff_ffff_ffff));
    }

    /// Threads other than the leader share its fd table, as libscap assumes.
    #[test]
    fn non_leader_threads_are_cloned_with_their_files() {
        assert_eq!(super::thread_flags(42, 42), 0);
        // PPM_CL_CLONE_FILES (1 << 0) and PPM_CL_CLONE_THREAD (1 << 13).
        assert_eq!(super::thread_flags(42, 43), 0x2001);
    }

    #[test]
    fn tty_nr_is_the_seventh_field_even_with_odd_names() {
        let stat = "4242 (a b) c) S 1 4242 4242 34816 4242 4194560 100 0 0 0";
        assert_eq!(super::stat_num(stat, 7), Some(34816));
        assert_eq!(super::stat_num("1 (init) S 0 1 1 0 -1 4194560", 7), Some(0));
        assert_eq!(super::stat_num("no fields", 7), None);
    }
}
