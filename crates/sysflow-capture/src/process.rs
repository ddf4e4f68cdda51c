//! Process list entries: the threads that existed when the capture started.

use crate::wire::Cursor;

/// A thread from a process list block (`PL` V1–V9).
///
/// Fields that a block version predates are `None`. String fields are raw
/// bytes; `args`, `env` and `cgroups` are NUL-separated lists (see
/// [`split_nul_list`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ProcessEntry {
    /// Process list block version (1–9) the entry came from.
    pub version: u8,
    /// Thread id.
    pub tid: i64,
    /// Process (thread group) id.
    pub pid: i64,
    /// Parent thread id.
    pub ptid: i64,
    /// Session id (V6+).
    pub sid: Option<i64>,
    /// Process group id in its pid namespace (V8+).
    pub vpgid: Option<i64>,
    /// Command name.
    pub comm: Vec<u8>,
    /// argv\[0\] as the process saw it.
    pub exe: Vec<u8>,
    /// Resolved executable path (V7+).
    pub exepath: Option<Vec<u8>>,
    /// argv\[1..\], NUL-separated.
    pub args: Vec<u8>,
    /// Working directory.
    pub cwd: Vec<u8>,
    /// File descriptor limit.
    pub fdlimit: u64,
    /// `PPM_CL_*` flags.
    pub flags: u32,
    /// Effective user id.
    pub uid: u32,
    /// Effective group id.
    pub gid: u32,
    /// Virtual memory size in KiB (V2+).
    pub vmsize_kb: Option<u32>,
    /// Resident set size in KiB (V2+).
    pub vmrss_kb: Option<u32>,
    /// Swap in KiB (V2+).
    pub vmswap_kb: Option<u32>,
    /// Major page faults (V2+).
    pub pfmajor: Option<u64>,
    /// Minor page faults (V2+).
    pub pfminor: Option<u64>,
    /// Environment, NUL-separated (V3+).
    pub env: Option<Vec<u8>>,
    /// Thread id in its pid namespace (V4+).
    pub vtid: Option<i64>,
    /// Process id in its pid namespace (V4+).
    pub vpid: Option<i64>,
    /// Cgroups as `subsys=path`, NUL-separated (V4+).
    pub cgroups: Option<Vec<u8>>,
    /// Root directory (V5+).
    pub root: Option<Vec<u8>>,
    /// Start time of the pid namespace's init (V9 tail, libs ≥ 0.10).
    pub pidns_init_start_ts: Option<u64>,
    /// Controlling terminal (V9 tail, libs ≥ 0.10).
    pub tty: Option<u32>,
    /// Login uid (V9 tail).
    pub loginuid: Option<u32>,
    /// Whether the executable is writable by the process (V9 tail).
    pub exe_writable: Option<bool>,
    /// Inheritable capabilities (V9 tail).
    pub cap_inheritable: Option<u64>,
    /// Permitted capabilities (V9 tail).
    pub cap_permitted: Option<u64>,
    /// Effective capabilities (V9 tail).
    pub cap_effective: Option<u64>,
    /// Executable lives in an overlayfs upper layer (V9 tail).
    pub exe_upper_layer: Option<bool>,
    /// Executable inode (V9 tail).
    pub exe_ino: Option<u64>,
    /// Executable inode ctime (V9 tail).
    pub exe_ino_ctime: Option<u64>,
    /// Executable inode mtime (V9 tail).
    pub exe_ino_mtime: Option<u64>,
    /// Executable is a memfd (V9 tail).
    pub exe_from_memfd: Option<bool>,
    /// Executable lives in an overlayfs lower layer (V9 tail).
    pub exe_lower_layer: Option<bool>,
    /// Process group id (V9 tail).
    pub pgid: Option<i64>,
}

/// The longest V9 tail written before libs 0.10 (loginuid, exe_writable and
/// three capability sets); a tail of at most this size uses that layout.
const PRE_0_10_TAIL_MAX: usize = 29;

/// Decode the fields of one entry of block version `version` (1–9). For V9
/// the cursor must cover exactly the entry after its length prefix.
pub(crate) fn decode_entry(c: &mut Cursor<'_>, version: u8) -> Option<ProcessEntry> {
    let mut p = ProcessEntry {
        version,
        tid: c.i64()?,
        pid: c.i64()?,
        ptid: c.i64()?,
        ..ProcessEntry::default()
    };
    if version >= 6 {
        p.sid = Some(c.i64()?);
    }
    if version >= 8 {
        p.vpgid = Some(c.i64()?);
    }
    p.comm = c.s16()?;
    p.exe = c.s16()?;
    if version >= 7 {
        p.exepath = Some(c.s16()?);
    }
    p.args = c.s16()?;
    p.cwd = c.s16()?;
    p.fdlimit = c.u64()?;
    p.flags = c.u32()?;
    p.uid = c.u32()?;
    p.gid = c.u32()?;
    if version >= 2 {
        p.vmsize_kb = Some(c.u32()?);
        p.vmrss_kb = Some(c.u32()?);
        p.vmswap_kb = Some(c.u32()?);
        p.pfmajor = Some(c.u64()?);
        p.pfminor = Some(c.u64()?);
    }
    if version >= 3 {
        p.env = Some(c.s16()?);
    }
    if version >= 4 {
        p.vtid = Some(c.i64()?);
        p.vpid = Some(c.i64()?);
        p.cgroups = Some(c.s16()?);
    }
    if version >= 5 {
        p.root = Some(c.s16()?);
    }
    if version >= 9 {
        decode_tail(c, &mut p);
    }
    Some(p)
}

/// Decode the optional V9 tail: each field only if it still fits.
fn decode_tail(c: &mut Cursor<'_>, p: &mut ProcessEntry) {
    if c.remaining() > PRE_0_10_TAIL_MAX {
        p.pidns_init_start_ts = c.u64();
        p.tty = c.u32();
    }
    p.loginuid = c.u32();
    p.exe_writable = c.u8().map(|b| b != 0);
    p.cap_inheritable = c.u64();
    p.cap_permitted = c.u64();
    p.cap_effective = c.u64();
    p.exe_upper_layer = c.u8().map(|b| b != 0);
    p.exe_ino = c.u64();
    p.exe_ino_ctime = c.u64();
    p.exe_ino_mtime = c.u64();
    p.exe_from_memfd = c.u8().map(|b| b != 0);
    p.exe_lower_layer = c.u8().map(|b| b != 0);
    p.pgid = c.i64();
}

/// Split a NUL-separated list (args, env, cgroups) into its items, ignoring
/// a trailing NUL.
pub fn split_nul_list(list: &[u8]) -> Vec<&[u8]> {
    let trimmed = list.strip_suffix(&[0]).unwrap_or(list);
    if trimmed.is_empty() {
        return Vec::new();
    }
    trimmed.split(|&b| b == 0).collect()
}
