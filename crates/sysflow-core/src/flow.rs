//! File and network flows: per-process tables of open flows, the operations
//! they accumulate, and when they are written (close, exit, periodic export,
//! end of input).

use rustc_hash::FxHashMap;
use sysflow_types::{FileFlow, Foid, NetworkFlow, Oid, OpFlags, OpenFlags, ProcessFlow};

use crate::config::FileReadMode;

/// A flow is exported after this long without being written (seconds).
pub(crate) const EXPORT_SECS: u64 = 30;
/// An open flow with no activity for this long is dropped (seconds).
pub(crate) const EXPIRE_SECS: u64 = 60;

/// The reference's key of a network flow within its process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct NetKey {
    pub tid: i64,
    pub sip: u32,
    pub sport: u16,
    pub dip: u32,
    pub dport: u16,
    pub fd: i64,
}

/// The key of a file flow within its process: the reference keys it by path,
/// container, thread and fd; the FOID stands for container and path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct FileKey {
    pub tid: i64,
    pub fd: i64,
    pub foid: Foid,
}

/// Bookkeeping shared by both flow kinds.
#[derive(Debug, Clone)]
pub(crate) struct Timing {
    /// Insertion order, to break export-time ties as the reference does.
    pub seq: u64,
    /// Second of the last export (or creation).
    pub export_secs: u64,
    /// Second of the last operation.
    pub update_secs: u64,
}

#[derive(Debug, Clone)]
pub(crate) struct OpenFileFlow {
    pub rec: FileFlow,
    /// The path, for the read filter.
    pub path: std::sync::Arc<str>,
    pub timing: Timing,
}

#[derive(Debug, Clone)]
pub(crate) struct OpenNetFlow {
    pub rec: NetworkFlow,
    pub timing: Timing,
}

/// The open flows of one process.
///
/// Hash maps, since an open and a close per file is the hot path (a B-tree
/// frees and reallocates its node each time the map empties); where the
/// reference's order is observable (several flows written at once), the
/// keys are sorted first.
#[derive(Debug, Default, Clone)]
pub(crate) struct ProcessFlows {
    pub files: FxHashMap<FileKey, OpenFileFlow>,
    pub nets: FxHashMap<NetKey, OpenNetFlow>,
}

impl ProcessFlows {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.nets.is_empty()
    }

    /// Takes out every file flow, in key order.
    pub fn take_files(&mut self) -> Vec<OpenFileFlow> {
        let mut all: Vec<(FileKey, OpenFileFlow)> = self.files.drain().collect();
        all.sort_unstable_by_key(|(k, _)| *k);
        all.into_iter().map(|(_, f)| f).collect()
    }

    /// Takes out every network flow, in key order.
    pub fn take_nets(&mut self) -> Vec<OpenNetFlow> {
        let mut all: Vec<(NetKey, OpenNetFlow)> = self.nets.drain().collect();
        all.sort_unstable_by_key(|(k, _)| *k);
        all.into_iter().map(|(_, f)| f).collect()
    }
}

/// File and network flows, which count reads and writes alike.
pub(crate) trait RwFlow {
    /// The op flags and the counters: reads, writes, bytes read, bytes written.
    fn rw(&mut self) -> (&mut OpFlags, [&mut i64; 4]);
}

impl RwFlow for FileFlow {
    fn rw(&mut self) -> (&mut OpFlags, [&mut i64; 4]) {
        (
            &mut self.op_flags,
            [
                &mut self.num_r_recv_ops,
                &mut self.num_w_send_ops,
                &mut self.num_r_recv_bytes,
                &mut self.num_w_send_bytes,
            ],
        )
    }
}

impl RwFlow for NetworkFlow {
    fn rw(&mut self) -> (&mut OpFlags, [&mut i64; 4]) {
        (
            &mut self.op_flags,
            [
                &mut self.num_r_recv_ops,
                &mut self.num_w_send_ops,
                &mut self.num_r_recv_bytes,
                &mut self.num_w_send_bytes,
            ],
        )
    }
}

/// Applies one operation to a flow's counters.
pub(crate) fn apply(op: OpFlags, ret: i64, flow: &mut impl RwFlow) {
    let (flags, [r_ops, w_ops, r_bytes, w_bytes]) = flow.rw();
    *flags |= op;
    if op == OpFlags::WRITE_SEND {
        *w_ops += 1;
        if ret > 0 {
            *w_bytes += i64::from(ret as i32);
        }
    } else if op == OpFlags::READ_RECV {
        *r_ops += 1;
        if ret > 0 {
            *r_bytes += i64::from(ret as i32);
        }
    }
}

/// System paths whose reads mode 2 drops.
const SYSTEM_PREFIXES: [&str; 8] = [
    "/proc/",
    "/dev/",
    "/sys/",
    "//sys/",
    "/lib/",
    "/lib64/",
    "/usr/lib/",
    "/usr/lib64/",
];

/// Whether a file flow is written under the read mode (the reference's read-noise filter).
pub(crate) fn should_write(mode: FileReadMode, flow: &FileFlow, key: &str) -> bool {
    let is_read = flow.open_flags.contains(OpenFlags::RDONLY)
        || (flow.op_flags.contains(OpFlags::READ_RECV)
            && !flow
                .op_flags
                .intersects(OpFlags::WRITE_SEND | OpFlags::MMAP));
    match mode {
        FileReadMode::All => true,
        FileReadMode::NoReads => !is_read,
        FileReadMode::NoSystemReads => {
            !(is_read && SYSTEM_PREFIXES.iter().any(|p| key.starts_with(p)))
        }
    }
}

/// Whether the writer keeps a flow: not empty, not only `TRUNCATE`.
pub(crate) fn worth_writing(op_flags: OpFlags) -> bool {
    !op_flags.is_empty() && op_flags != OpFlags::TRUNCATE
}

/// A new file flow record.
pub(crate) fn new_file_flow(proc_oid: Oid, ts: u64, tid: i64, fd: i64, file_oid: Foid) -> FileFlow {
    FileFlow {
        proc_oid,
        ts: ts as i64,
        tid,
        op_flags: OpFlags::NONE,
        open_flags: OpenFlags::NONE,
        end_ts: 0,
        file_oid,
        fd: fd as i32,
        num_r_recv_ops: 0,
        num_w_send_ops: 0,
        num_r_recv_bytes: 0,
        num_w_send_bytes: 0,
    }
}

/// A flow that starts a new span after a periodic export: what it reports
/// from then on is only what happens after `now`.
pub(crate) trait Restart: Clone {
    fn restart(&mut self, now: i64);
    fn set_end(&mut self, end: i64);
}

/// Cuts an open flow's span at `now` (ns) for a periodic export. `None` when
/// the flow has been idle for the expiry interval: the caller drops it
/// without a record. Otherwise the record to write, ending now, while the
/// flow itself starts a new span.
pub(crate) fn cut_span<R: Restart>(rec: &mut R, timing: &mut Timing, now: u64) -> Option<R> {
    let secs = now / 1_000_000_000;
    if secs >= timing.update_secs + EXPIRE_SECS {
        return None;
    }
    let mut span = rec.clone();
    span.set_end(now as i64);
    rec.restart(now as i64);
    timing.export_secs = secs;
    Some(span)
}

/// Clears a file or network flow's op flags and counters.
fn clear_rw(flow: &mut impl RwFlow) {
    let (flags, counters) = flow.rw();
    *flags = OpFlags::NONE;
    for c in counters {
        *c = 0;
    }
}

impl Restart for FileFlow {
    fn set_end(&mut self, end: i64) {
        self.end_ts = end;
    }

    fn restart(&mut self, now: i64) {
        self.ts = now;
        self.end_ts = 0;
        clear_rw(self);
    }
}

impl Restart for NetworkFlow {
    fn set_end(&mut self, end: i64) {
        self.end_ts = end;
    }

    fn restart(&mut self, now: i64) {
        self.ts = now;
        self.end_ts = 0;
        clear_rw(self);
    }
}

impl Restart for ProcessFlow {
    fn set_end(&mut self, end: i64) {
        self.end_ts = end;
    }

    fn restart(&mut self, now: i64) {
        self.ts = now;
        self.end_ts = 0;
        self.op_flags = OpFlags::NONE;
        self.num_threads_cloned = 0;
        self.num_threads_exited = 0;
        self.num_clone_errors = 0;
    }
}
