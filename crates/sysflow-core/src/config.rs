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
