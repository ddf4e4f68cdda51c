//! Bounded tables: what was evicted to keep them within their
//! [`CoreLimits`](crate::CoreLimits), and how the least recently used
//! entries are picked.

/// Entries the tables forgot, or refused, to stay within their
/// [`CoreLimits`](crate::CoreLimits); all zero unless input reached a bound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Evictions {
    /// Threads forgotten, with their processes (the least recently active).
    pub threads: u64,
    /// Fd tables dropped: of evicted processes, and of processes with no
    /// thread left in the table.
    pub fd_tables: u64,
    /// Fds dropped with their tables, or not added to a full table.
    pub fds: u64,
    /// Arguments of pending calls (an enter's, for its exit) dropped.
    pub pending_calls: u64,
    /// Processes that left the process cache early.
    pub processes: u64,
    /// Open flows written and closed early.
    pub flows: u64,
    /// Files that left the file cache.
    pub files: u64,
    /// Containers whose metadata, or whose mark as written, was dropped.
    pub containers: u64,
    /// User and group names not added to a full table.
    pub names: u64,
}

impl Evictions {
    /// Both counts, field by field.
    pub(crate) fn plus(&self, o: &Evictions) -> Evictions {
        Evictions {
            threads: self.threads + o.threads,
            fd_tables: self.fd_tables + o.fd_tables,
            fds: self.fds + o.fds,
            pending_calls: self.pending_calls + o.pending_calls,
            processes: self.processes + o.processes,
            flows: self.flows + o.flows,
            files: self.files + o.files,
            containers: self.containers + o.containers,
            names: self.names + o.names,
        }
    }

    /// Everything evicted or refused.
    pub fn total(&self) -> u64 {
        self.threads
            + self.fd_tables
            + self.fds
            + self.pending_calls
            + self.processes
            + self.flows
            + self.files
            + self.containers
            + self.names
    }
}

/// The `n` keys of `items` used least recently (by time, then key), in
/// that order: one selection, then a sort of the `n` chosen.
pub(crate) fn least_recent<K: Ord + Copy>(mut items: Vec<(u64, K)>, n: usize) -> Vec<K> {
    if n == 0 {
        return Vec::new();
    }
    if n < items.len() {
        items.select_nth_unstable(n - 1);
        items.truncate(n);
    }
    items.sort_unstable();
    items.into_iter().map(|(_, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recent_come_first_ties_by_key() {
        let items = vec![(5, 'a'), (1, 'd'), (3, 'b'), (1, 'c'), (9, 'e')];
        assert_eq!(least_recent(items.clone(), 3), ['c', 'd', 'b']);
        assert_eq!(least_recent(items.clone(), 0), []);
        assert_eq!(least_recent(items, 9).len(), 5);
    }
}
