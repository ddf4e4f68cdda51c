//! What the state machines produce: the record-shaping options of the collector.

/// Which reads of files are written as FileFlows (`fileReadMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FileReadMode {
    /// Every file flow is written (`0`).
    All,
    /// Flows that only read are dropped (`1`).
    NoReads,
    /// Reads of system paths (`/proc/`, `/dev/`, `/sys/`, `/lib/`, …) are dropped (`2`, the default).
    #[default]
    NoSystemReads,
}

impl FileReadMode {
    /// The mode for the reference's numeric value, if it is one.
    pub fn from_number(n: u32) -> Option<FileReadMode> {
        match n {
            0 => Some(FileReadMode::All),
            1 => Some(FileReadMode::NoReads),
            2 => Some(FileReadMode::NoSystemReads),
            _ => None,
        }
    }
}

/// Which syscalls the collector turns into records (`collectionMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CollectionMode {
    /// Process events and every flow (`flow`, the default).
    #[default]
    Flow,
    /// Process events, opens as one-shot file flows, connections; no reads or writes (`consume`).
    Consumer,
    /// Like `flow` without file flows and file events (`nofiles`).
    NoFiles,
}

/// Options of the state machines. `Default` gives the reference library's defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreConfig {
    /// Aggregate thread creations and exits into ProcessFlows (`enableProcessFlow`, default true).
    pub enable_process_flow: bool,
    /// File flows only for regular files, not directories, pipes or unix sockets (`fileOnly`, default true).
    pub file_only: bool,
    /// Which reads are written (`fileReadMode`, default [`FileReadMode::NoSystemReads`]).
    pub file_read_mode: FileReadMode,
    /// Which syscalls become records (`collectionMode`, default [`CollectionMode::Flow`]).
    pub collection_mode: CollectionMode,
    /// Drop events of processes outside containers (`filterContainers`, default false).
    pub filter_containers: bool,
}

impl Default for CoreConfig {
    fn default() -> Self {
        CoreConfig {
            enable_process_flow: true,
            file_only: true,
            file_read_mode: FileReadMode::NoSystemReads,
            collection_mode: CollectionMode::Flow,
            filter_containers: false,
        }
    }
}

/// How large the tables that input grows may get, and so how much memory a
/// [`Processor`](crate::Processor) holds whatever its input (a hostile
/// capture, a process that forks or opens without end). `Default` gives
/// sizes no real host reaches, so that they change no record on one; when
/// input reaches a bound, the table forgets what it needed least recently,
/// counts it ([`Evictions`](crate::Evictions)), and keeps every record's
/// entities defined: a forgotten thread is made up again, like any thread
/// the capture never introduced, if it shows up later.
///
/// A table evicts down to seven eighths of its bound at once, so that the
/// scan that picks what to forget is paid once per eighth of the bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CoreLimits {
    /// Threads in the thread table (262,144). libsinsp's thread table has
    /// the same bound (`m_thread_table_default_size`), and refuses new
    /// threads once full, which after a burst would leave every later
    /// process unknown; here the processes whose threads were active least
    /// recently go instead, whole (threads, fd table, pending calls), as if
    /// they exited unseen. The fd tables and the arguments of pending calls
    /// (one per thread between a call's enter and exit) share this bound.
    pub threads: usize,
    /// Fds in one process's table (4,096): libsinsp's `MAX_FD_TABLE_SIZE`,
    /// with its rule: a full table takes no new fd number (its events make
    /// no flow), a number already there is replaced.
    pub fds_per_process: usize,
    /// Fds in all tables (1,048,576, about 100 MB of entries): a clone copies
    /// its parent's table, so without this bound each clone of a process
    /// with many fds would copy them all (libsinsp has none). Reaching it
    /// evicts processes, least recently active first, as the thread bound does.
    pub fds: usize,
    /// Processes in the process cache, exited parents kept for their
    /// children included (262,144, as many as threads); the exited ones
    /// waiting for their second to pass, as many. Exited ones go first, then
    /// the least recently looked up: one is written again (`REUP`) before
    /// its next record, and its open flows are written (`TRUNCATE`) before
    /// it goes.
    pub processes: usize,
    /// Open file, network and process flows (262,144). The least recently
    /// updated are written (`TRUNCATE`) and closed early; an idle flow goes
    /// after 60 s of event time anyway, but a capture's time need not move.
    pub flows: usize,
    /// Files in the file cache (524,288, twice the flows, so that files of
    /// open flows, which stay, never fill it). The least recently used
    /// files no open flow refers to go; one is written again before its
    /// next reference.
    pub files: usize,
    /// Containers, their metadata and which ones a segment wrote (16,384;
    /// a Kubernetes node runs at most a few hundred). Of the metadata,
    /// that of containers no thread runs in goes first, then the least
    /// recently described; a container named again after its metadata went
    /// is written `incomplete`. Past the bound, which containers the
    /// segment wrote is forgotten: each is written again before its next
    /// reference.
    pub containers: usize,
    /// User names and group names, each (65,536; names come from a
    /// capture's host list and its containers' user events). A full table
    /// takes no new name, as libsinsp's full tables take nothing new; a
    /// process that takes an id whose name was refused shows `<NA>`.
    pub names: usize,
}

impl Default for CoreLimits {
    fn default() -> Self {
        CoreLimits {
            threads: 262_144,
            fds_per_process: 4_096,
            fds: 1_048_576,
            processes: 262_144,
            flows: 262_144,
            files: 524_288,
            containers: 16_384,
            names: 65_536,
        }
    }
}

impl CoreLimits {
    /// Limits this small make every table evict after a few items: for
    /// tests and fuzzing of the eviction rules.
    pub fn tiny() -> CoreLimits {
        CoreLimits {
            threads: 16,
            fds_per_process: 8,
            fds: 32,
            processes: 16,
            flows: 16,
            files: 32,
            containers: 4,
            names: 8,
        }
    }
}

/// What a table keeps when it evicts at `bound`: seven eighths of it.
pub(crate) fn evict_to(bound: usize) -> usize {
    bound - (bound / 8).max(1).min(bound)
}
