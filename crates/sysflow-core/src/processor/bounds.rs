//! The bounds of the processor's tables ([`CoreLimits`](crate::CoreLimits)),
//! checked after every item: open flows, the process and file caches, which
//! containers a segment wrote, pending setuids; and the state's, whose
//! forgotten processes leave the process cache as exited ones do.
//!
//! Invariant: what goes keeps the records' entities defined. A flow that
//! goes is written (`TRUNCATE`) first, a process with open flows has them
//! written before it leaves the cache, and a process, file or container
//! that left is written again before the next record that names it.

use sysflow_types::{Oid, OpFlags};

use super::Processor;
use super::export::FlowRef;
use crate::bounds::least_recent;
use crate::config::evict_to;
use crate::process::oid_of;

/// The most entries one item adds to a table other than the fds, the
/// process cache and the containers marked written (a clone adds a child
/// thread and maybe its made-up parent; an event an enter, an fd and its
/// table, a flow and a process flow, two files, an exited process).
const ITEM_GROWTH: usize = 8;

impl Processor {
    /// Brings the tables within their bounds when one may be past it
    /// (`tid`: the thread of the item just handled, whose process the state
    /// forgets last).
    ///
    /// Runs after every item, so it must cost next to nothing: the tables
    /// an item grows by a few entries at most are checked only once the
    /// items since the last check could have filled one
    /// ([`Processor::headroom`]); the two an item can grow by many (the
    /// process cache by a chain of ancestors, the containers written with
    /// them) once the entries added to them since could have filled one.
    #[inline]
    pub(super) fn bound(&mut self, tid: i64) {
        if self.unchecked_items > 0 && self.procs.added <= self.procs_room {
            self.unchecked_items -= 1;
            return;
        }
        self.check_bounds(tid);
    }

    #[cold]
    #[inline(never)]
    fn check_bounds(&mut self, tid: i64) {
        let max = self.limits;
        if self.state.over_bounds()
            || self.flow_upper > max.flows
            || self.flows.len() > max.flows
            || self.procs.len() > max.processes
            || self.procs.deletions_pending() > max.processes
            || self.files.len() > max.files
            || self.procs.container_marks() > max.containers
            || self.setuid_arg.len() > max.threads
        {
            self.enforce_bounds(tid);
        }
        self.unchecked_items = self.headroom();
        self.procs.added = 0;
        self.procs_room = (max.processes.saturating_sub(self.procs.len()))
            .min(max.containers.saturating_sub(self.procs.container_marks()));
    }

    /// How many items can pass before a table other than the process cache
    /// and the container marks could be past its bound: the least room
    /// left in any, over what one item can add to it.
    fn headroom(&self) -> usize {
        let max = &self.limits;
        let room = |len: usize, bound: usize| bound.saturating_sub(len) / ITEM_GROWTH;
        let (threads, tables, pending, fds, containers) = self.state.sizes();
        let fd_room = max.fds.saturating_sub(fds) / (max.fds_per_process + ITEM_GROWTH);
        [
            room(threads, max.threads),
            room(tables, max.threads),
            room(pending, max.threads),
            room(self.setuid_arg.len(), max.threads),
            room(containers, max.containers),
            room(self.flow_upper, max.flows),
            room(self.flows.len(), max.flows),
            room(self.procs.deletions_pending(), max.processes),
            room(self.files.len(), max.files),
            fd_room,
        ]
        .into_iter()
        .min()
        .unwrap_or(0)
    }

    #[cold]
    #[inline(never)]
    fn enforce_bounds(&mut self, tid: i64) {
        let keep = self.state.threads.get(&tid).map(|t| t.pid);
        let now = self.now;
        for t in self.state.enforce_bounds(keep) {
            if self.setuid_arg.remove(&t.tid).is_some() {
                self.evictions.pending_calls += 1;
            }
            // Forgotten as if it exited: the cache lets it go in a second.
            if t.is_main() {
                self.procs.mark_for_deletion(oid_of(&t), now);
            }
        }
        self.trim_setuid_args();
        self.bound_flows();
        self.bound_processes();
        if self.files.len() > self.limits.files {
            let in_use: rustc_hash::FxHashSet<sysflow_types::Foid> = self
                .flows
                .values()
                .flat_map(|pf| pf.files.keys().map(|k| k.foid))
                .collect();
            let keep = evict_to(self.limits.files);
            self.evictions.files += self.files.evict(keep, |f| in_use.contains(f));
        }
        if self.procs.container_marks() > self.limits.containers {
            self.evictions.containers += self.procs.forget_containers() as u64;
        }
    }

    /// Pending setuids past the bound: those of threads no longer in the
    /// table first, then the lowest thread ids.
    fn trim_setuid_args(&mut self) {
        let max = self.limits.threads;
        if self.setuid_arg.len() <= max {
            return;
        }
        let before = self.setuid_arg.len();
        let threads = &self.state.threads;
        self.setuid_arg.retain(|tid, _| threads.contains_key(tid));
        let target = evict_to(max);
        if self.setuid_arg.len() > target {
            let mut tids: Vec<i64> = self.setuid_arg.keys().copied().collect();
            tids.sort_unstable();
            let n = self.setuid_arg.len() - target;
            for tid in &tids[..n] {
                self.setuid_arg.remove(tid);
            }
        }
        self.evictions.pending_calls += (before - self.setuid_arg.len()) as u64;
    }

    /// Open flows past the bound: the least recently updated are written
    /// (`TRUNCATE`) and closed, down to seven eighths of it; emptied flow
    /// tables go.
    fn bound_flows(&mut self) {
        let max = self.limits.flows;
        if self.flow_upper <= max && self.flows.len() <= max {
            return;
        }
        self.flows.retain(|_, pf| !pf.is_empty());
        let open = self.open_flows();
        let target = evict_to(max);
        if open > target {
            let mut all: Vec<(u64, (u64, Oid, FlowRef))> = Vec::with_capacity(open);
            for (oid, pf) in &self.flows {
                for (k, f) in &pf.files {
                    let t = &f.timing;
                    all.push((t.update_secs, (t.seq, *oid, FlowRef::File(*k))));
                }
                for (k, f) in &pf.nets {
                    let t = &f.timing;
                    all.push((t.update_secs, (t.seq, *oid, FlowRef::Net(*k))));
                }
            }
            for (oid, f) in &self.proc_flows {
                let t = &f.timing;
                all.push((t.update_secs, (t.seq, *oid, FlowRef::Process)));
            }
            for (_, oid, r) in least_recent(all, open - target) {
                self.close_early(oid, r);
                self.evictions.flows += 1;
            }
            self.flows.retain(|_, pf| !pf.is_empty());
        }
        self.flow_upper = self.open_flows();
    }

    /// Open file, network and process flows (one pass over the flow tables).
    fn open_flows(&self) -> usize {
        let data: usize = self
            .flows
            .values()
            .map(|pf| pf.files.len() + pf.nets.len())
            .sum();
        data + self.proc_flows.len()
    }

    /// Writes an open flow (`TRUNCATE`, ending now) and closes it.
    fn close_early(&mut self, oid: Oid, r: FlowRef) {
        let now = self.now as i64;
        match r {
            FlowRef::File(k) => {
                if let Some(mut f) = self.flows.get_mut(&oid).and_then(|pf| pf.files.remove(&k)) {
                    f.rec.op_flags |= OpFlags::TRUNCATE;
                    f.rec.end_ts = now;
                    self.write_file_flow(f.rec, &f.path);
                }
            }
            FlowRef::Net(k) => {
                if let Some(mut f) = self.flows.get_mut(&oid).and_then(|pf| pf.nets.remove(&k)) {
                    f.rec.op_flags |= OpFlags::TRUNCATE;
                    f.rec.end_ts = now;
                    self.write_net(f.rec);
                }
            }
            FlowRef::Process => {
                if let Some(mut f) = self.proc_flows.remove(&oid) {
                    f.rec.op_flags |= OpFlags::TRUNCATE;
                    f.rec.end_ts = now;
                    self.write_proc_flow(f.rec);
                }
            }
        }
    }

    /// The process cache past its bound: exited processes waiting for
    /// their second go first, then the least recently used, each after
    /// its open flows are written.
    fn bound_processes(&mut self) {
        let max = self.limits.processes;
        let target = evict_to(max);
        if self.procs.deletions_pending() > max {
            let (flows, proc_flows) = (&self.flows, &self.proc_flows);
            self.evictions.processes += self
                .procs
                .delete_early(target, |oid| super::owns_flows(flows, proc_flows, oid));
        }
        if self.procs.len() <= max {
            return;
        }
        for oid in self.procs.least_recently_used(self.procs.len() - target) {
            let owns = super::owns_flows(&self.flows, &self.proc_flows, oid);
            if owns {
                self.flush_flows(oid, None, self.now);
                self.close_early(oid, FlowRef::Process);
            }
            self.procs.evict(oid);
            self.evictions.processes += 1;
        }
    }
}
