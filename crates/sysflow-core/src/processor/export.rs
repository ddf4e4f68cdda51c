//! When open flows are written other than at their own close: the periodic
//! export (a flow open for 30 s is written and starts a new span; one idle
//! for 60 s is dropped instead), and the flush of a process's (or a thread's)
//! flows when it exits.
//!
//! Invariant: the periodic check runs at most once a second of event time
//! and writes the flows due oldest export first, ties in creation order.

use sysflow_types::{Oid, OpFlags};

use super::{NS, Processor, owns_flows};
use crate::flow::{EXPORT_SECS, FileKey, NetKey, cut_span};

impl Processor {
    /// Exports flows open for 30 s and drops those idle for 60 s (at most once
    /// a second), and removes exited processes from the cache.
    ///
    /// Runs for every event: inlined, the usual "nothing due" is two
    /// comparisons.
    #[inline]
    pub(super) fn periodic(&mut self) {
        if self.now < self.next_expiry_ns && !self.procs.deletions_due(self.now) {
            return;
        }
        self.periodic_work();
    }

    fn periodic_work(&mut self) {
        let now = self.now;
        let (flows, proc_flows) = (&self.flows, &self.proc_flows);
        self.procs
            .check_deletions(now, |oid| owns_flows(flows, proc_flows, oid));
        if now < self.next_expiry_ns {
            return;
        }
        let secs = now / NS;
        let primed = self.last_expiry_check.is_some();
        if self.last_expiry_check.is_some_and(|last| secs <= last) {
            return;
        }
        self.last_expiry_check = Some(secs);
        self.next_expiry_ns = secs.saturating_add(1).saturating_mul(NS);
        if !primed {
            return;
        }
        // Every open flow due for export, oldest export first, ties in creation order.
        let mut due: Vec<(u64, u64, Oid, FlowRef)> = Vec::new();
        for (oid, pf) in &self.flows {
            for (k, f) in &pf.files {
                if secs >= f.timing.export_secs + EXPORT_SECS {
                    due.push((f.timing.export_secs, f.timing.seq, *oid, FlowRef::File(*k)));
                }
            }
            for (k, f) in &pf.nets {
                if secs >= f.timing.export_secs + EXPORT_SECS {
                    due.push((f.timing.export_secs, f.timing.seq, *oid, FlowRef::Net(*k)));
                }
            }
        }
        for (oid, f) in &self.proc_flows {
            if secs >= f.timing.export_secs + EXPORT_SECS {
                due.push((f.timing.export_secs, f.timing.seq, *oid, FlowRef::Process));
            }
        }
        due.sort_by_key(|a| (a.0, a.1));
        for (_, _, oid, r) in due {
            match r {
                FlowRef::File(k) => self.export_file_flow(oid, k, now),
                FlowRef::Net(k) => self.export_net_flow(oid, k, now),
                FlowRef::Process => self.export_proc_flow(oid, now),
            }
        }
    }

    /// Exports (or drops, if idle) one file flow due for export.
    fn export_file_flow(&mut self, oid: Oid, key: FileKey, now: u64) {
        let Some(pf) = self.flows.get_mut(&oid) else {
            return;
        };
        let Some(f) = pf.files.get_mut(&key) else {
            return;
        };
        let path = f.path.clone();
        match cut_span(&mut f.rec, &mut f.timing, now) {
            None => {
                pf.files.remove(&key);
            }
            Some(rec) => {
                self.procs.export(&self.state, oid, &mut self.out);
                self.write_file_flow(rec, &path);
            }
        }
    }

    /// Exports (or drops, if idle) one network flow due for export.
    fn export_net_flow(&mut self, oid: Oid, key: NetKey, now: u64) {
        let Some(pf) = self.flows.get_mut(&oid) else {
            return;
        };
        let Some(f) = pf.nets.get_mut(&key) else {
            return;
        };
        match cut_span(&mut f.rec, &mut f.timing, now) {
            None => {
                pf.nets.remove(&key);
            }
            Some(rec) => {
                self.procs.export(&self.state, oid, &mut self.out);
                self.write_net(rec);
            }
        }
    }

    /// Exports (or drops, if idle) one process flow due for export.
    fn export_proc_flow(&mut self, oid: Oid, now: u64) {
        let Some(f) = self.proc_flows.get_mut(&oid) else {
            return;
        };
        match cut_span(&mut f.rec, &mut f.timing, now) {
            None => {
                self.proc_flows.remove(&oid);
            }
            Some(rec) => {
                self.procs.export(&self.state, oid, &mut self.out);
                self.write_proc_flow(rec);
            }
        }
    }

    /// Writes with `TRUNCATE` every flow of a process (or of one of its threads).
    pub(super) fn flush_flows(&mut self, oid: Oid, only_tid: Option<i64>, ts: u64) {
        let Some(pf) = self.flows.get_mut(&oid) else {
            return;
        };
        let mut files: Vec<FileKey> = pf
            .files
            .iter()
            .filter(|(_, f)| only_tid.is_none_or(|t| f.rec.tid == t))
            .map(|(k, _)| *k)
            .collect();
        files.sort_unstable();
        let mut nets: Vec<NetKey> = pf
            .nets
            .keys()
            .filter(|k| only_tid.is_none_or(|t| k.tid == t))
            .copied()
            .collect();
        nets.sort_unstable();
        let mut file_recs = Vec::new();
        for k in files {
            if let Some(f) = pf.files.remove(&k) {
                file_recs.push(f);
            }
        }
        let mut net_recs = Vec::new();
        for k in nets {
            if let Some(f) = pf.nets.remove(&k) {
                net_recs.push(f);
            }
        }
        // An exited process's emptied table goes too: kept, every process
        // that ever had a flow left one behind (a collector's heap grew by
        // about 2 KB per process, 33 MiB in 10 minutes of execs).
        if pf.is_empty() {
            self.flows.remove(&oid);
        }
        for mut f in file_recs {
            f.rec.op_flags |= OpFlags::TRUNCATE;
            f.rec.end_ts = ts as i64;
            self.write_file_flow(f.rec, &f.path);
        }
        for mut f in net_recs {
            f.rec.op_flags |= OpFlags::TRUNCATE;
            f.rec.end_ts = ts as i64;
            self.write_net(f.rec);
        }
    }
}

/// Which open flow of a process an export (or eviction) refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum FlowRef {
    File(FileKey),
    Net(NetKey),
    Process,
}
