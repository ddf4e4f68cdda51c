//! The bounds of the state's tables ([`CoreLimits`](crate::CoreLimits)):
//! checked after every item, enforced in batches down to seven eighths of
//! each bound.
//!
//! - Threads, fd tables and fds: the processes whose threads were active
//!   least recently go, whole (every thread, the fd table, pending calls),
//!   as if they had exited unseen; the caller forgets them in the process
//!   cache too. Fd tables of processes with no thread left go first.
//! - A full fd table takes no new fd (`State::fd_insert_at`), and full
//!   name tables no new name (`users`).
//! - Pending calls (enter arguments kept for the exit): those of threads no
//!   longer in the table go first, then the lowest thread ids.
//! - Container metadata: containers no thread runs in go first, then the
//!   least recently described.
//!
//! Invariant: every choice depends only on the input (activity times, then
//! ids), so output stays deterministic.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{State, Thread};
use crate::config::evict_to;

impl State {
    /// Whether a table is past its bound.
    pub fn over_bounds(&self) -> bool {
        let max = self.limits.threads;
        self.threads.len() > max
            || self.fds.len() > max
            || self.entered.len() > max
            || self.exec_filename.len() > max
            || self.fd_upper > self.limits.fds
            || self.containers.len() > self.limits.containers
    }

    /// The sizes the bounds check: threads, fd tables, the larger table of
    /// pending calls, fds (at most), containers.
    pub fn sizes(&self) -> (usize, usize, usize, usize, usize) {
        let pending = self.entered.len().max(self.exec_filename.len());
        let (threads, tables) = (self.threads.len(), self.fds.len());
        (
            threads,
            tables,
            pending,
            self.fd_upper,
            self.containers.len(),
        )
    }

    /// Brings every table within its bound. Returns the threads forgotten
    /// with their processes. `keep`: a process (the last item's) that goes
    /// only if nothing else is left to forget.
    pub fn enforce_bounds(&mut self, keep: Option<i64>) -> Vec<Thread> {
        let max = self.limits.threads;
        let threads = &self.threads;
        self.evictions.pending_calls += trim_pending(&mut self.entered, threads, max);
        self.evictions.pending_calls += trim_pending(&mut self.exec_filename, threads, max);
        let mut tables_over = false;
        if self.fds.len() > max {
            self.drop_orphan_fd_tables();
            tables_over = self.fds.len() > evict_to(max);
        }
        let mut fds_over = false;
        if self.fd_upper > self.limits.fds {
            self.fd_upper = self.fd_count();
            fds_over = self.fd_upper > evict_to(self.limits.fds);
        }
        let threads_over = self.threads.len() > max;
        let gone = if threads_over || tables_over || fds_over {
            self.evict_processes(keep, threads_over, tables_over, fds_over)
        } else {
            Vec::new()
        };
        if self.containers.len() > self.limits.containers {
            self.evict_containers();
        }
        gone
    }

    /// Drops the fd tables of processes with no thread in the table.
    fn drop_orphan_fd_tables(&mut self) {
        let live: HashSet<i64> = self.threads.values().map(|t| t.pid).collect();
        let orphans: Vec<i64> = self
            .fds
            .keys()
            .filter(|pid| !live.contains(pid))
            .copied()
            .collect();
        for pid in orphans {
            self.drop_fd_table(pid);
        }
    }

    fn drop_fd_table(&mut self, pid: i64) {
        self.exited_pids.remove(&pid);
        if let Some(table) = self.fds.remove(&pid) {
            self.evictions.fd_tables += 1;
            self.evictions.fds += table.len() as u64;
        }
    }

    /// Forgets the processes least recently active until each table that
    /// is over (threads, fd tables, fds) is down to seven eighths of its
    /// bound; a process that would bring down none of those is kept.
    fn evict_processes(
        &mut self,
        keep: Option<i64>,
        threads_over: bool,
        tables_over: bool,
        fds_over: bool,
    ) -> Vec<Thread> {
        // Each process's latest activity and thread count: threads by
        // process, then one entry per process, least recently active first.
        let mut by_pid: Vec<(i64, u64)> = self
            .threads
            .values()
            .map(|t| (t.pid, t.last_ts.get()))
            .collect();
        by_pid.sort_unstable();
        let mut procs: Vec<(u64, i64, usize)> = Vec::new();
        for (pid, ts) in by_pid {
            match procs.last_mut() {
                Some(last) if last.1 == pid => {
                    last.0 = last.0.max(ts);
                    last.2 += 1;
                }
                _ => procs.push((ts, pid, 1)),
            }
        }
        for p in &mut procs {
            if Some(p.1) == keep {
                p.0 = u64::MAX;
            }
        }
        procs.sort_unstable();
        let (thread_target, fd_target) = (evict_to(self.limits.threads), evict_to(self.limits.fds));
        let (mut threads, mut tables, mut fds) =
            (self.threads.len(), self.fds.len(), self.fd_upper);
        let mut victims: HashSet<i64> = HashSet::default();
        for (_, pid, n_threads) in procs {
            let more_threads = threads_over && threads > thread_target;
            let more_tables = tables_over && tables > thread_target;
            let more_fds = fds_over && fds > fd_target;
            if !(more_threads || more_tables || more_fds) {
                break;
            }
            let n_fds = self.fds.get(&pid).map(|t| t.len());
            let helps = more_threads
                || (more_tables && n_fds.is_some())
                || (more_fds && n_fds.is_some_and(|n| n > 0));
            if !helps {
                continue;
            }
            victims.insert(pid);
            threads -= n_threads;
            if let Some(n) = n_fds {
                tables -= 1;
                fds = fds.saturating_sub(n);
            }
        }
        let gone: Vec<Thread> = self
            .threads
            .extract_if(|_, t| victims.contains(&t.pid))
            .map(|(_, t)| *t)
            .collect();
        for t in &gone {
            let calls = self.entered.remove(&t.tid).is_some() as u64
                + self.exec_filename.remove(&t.tid).is_some() as u64;
            self.evictions.pending_calls += calls;
        }
        for &pid in &victims {
            self.drop_fd_table(pid);
        }
        self.evictions.threads += gone.len() as u64;
        self.fd_upper = fds;
        gone
    }

    /// Forgets containers down to seven eighths of the bound: those no
    /// thread runs in first, then the least recently described.
    fn evict_containers(&mut self) {
        let used: HashSet<&str> = self
            .threads
            .values()
            .map(|t| t.container_id.as_str())
            .collect();
        let mut order: Vec<(bool, u64, String)> = self
            .containers
            .values()
            .map(|c| (used.contains(c.id.as_str()), c.described, c.id.clone()))
            .collect();
        order.sort_unstable();
        let n = self.containers.len() - evict_to(self.limits.containers);
        for (_, _, id) in order.into_iter().take(n) {
            self.containers.remove(&id);
            self.evictions.containers += 1;
        }
    }
}

/// Trims a table of pending calls past `max` entries to seven eighths of
/// it: calls of threads no longer in the table first, then the lowest
/// thread ids. Returns how many went.
fn trim_pending<V>(
    pending: &mut HashMap<i64, V>,
    threads: &HashMap<i64, Box<Thread>>,
    max: usize,
) -> u64 {
    if pending.len() <= max {
        return 0;
    }
    let before = pending.len();
    pending.retain(|tid, _| threads.contains_key(tid));
    let target = evict_to(max);
    if pending.len() > target {
        let mut tids: Vec<i64> = pending.keys().copied().collect();
        tids.sort_unstable();
        let n = pending.len() - target;
        for tid in &tids[..n] {
            pending.remove(tid);
        }
    }
    (before - pending.len()) as u64
}
