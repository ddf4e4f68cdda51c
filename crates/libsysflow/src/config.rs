//! [`SysFlowConfig`]: the collector's options, with the reference's defaults
//! and environment overrides.

use std::path::PathBuf;

use sysflow_core::{CollectionMode, CoreConfig, FileReadMode};
use tracing::warn;

/// Which kernel driver a live capture uses (`driverType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum DriverType {
    /// Falco's legacy eBPF probe (`-k ebpf`).
    Ebpf,
    /// The CO-RE ("modern") eBPF probe (`-k ebpf-core`).
    CoreEbpf,
    /// Falco's kernel module (`-k kmod`).
    Kmod,
    /// No driver: a capture file is read (the default).
    #[default]
    NoDriver,
}

/// Everything that configures a [`SysFlowDriver`](crate::SysFlowDriver).
///
/// `Default` gives the reference library's defaults
/// (`InitializeSysFlowConfig`). Options that only a live capture, a socket
/// or a filter engine would use are here so that programs can state them;
/// the driver refuses them with
/// [`ErrorCode::OperationNotSupported`](crate::ErrorCode::OperationNotSupported)
/// until those capabilities exist, rather than ignoring them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SysFlowConfig {
    /// Drop events of processes outside containers (`filterContainers`, default false).
    pub filter_containers: bool,
    /// Seconds between file rotations, ≤ 0 disables (`rotateInterval`,
    /// default 300). As in the reference, offline runs never rotate.
    pub rotate_interval: i64,
    /// The header's exporter (`exporterID`); empty means the capturing
    /// machine's host name, or this machine's.
    pub exporter_id: String,
    /// The header's IP (`nodeIP`, default empty; `NODE_IP` overrides it).
    pub node_ip: String,
    /// Output file (prefix) or directory (ending in `/`) (`filePath`).
    pub file_path: Option<PathBuf>,
    /// Unix socket for sf-processor (`socketPath`); not supported yet.
    pub socket_path: Option<PathBuf>,
    /// Capture file to read (`scapInputPath`); set means offline mode.
    pub scap_input_path: Option<PathBuf>,
    /// Live only: also save the raw capture as a scap file here (no
    /// equivalent in the reference; sysdig's `-w`), which sysdig and
    /// `scap_input_path` read back.
    pub scap_output_path: Option<PathBuf>,
    /// Falco filter expression (`falcoFilter`); not supported yet.
    pub falco_filter: Option<String>,
    /// Drop-mode sampling ratio, live only (`samplingRatio`, default 1).
    pub sampling_ratio: u32,
    /// CRI socket for container metadata (`criPath`); not supported yet.
    pub cri_path: Option<PathBuf>,
    /// CRI timeout (`criTO`, default 30); only meaningful with a CRI socket.
    pub cri_timeout: u32,
    /// Log table sizes at rotation and exit (`enableStats`, default false).
    pub enable_stats: bool,
    /// Aggregate thread clones and exits into ProcessFlows (`enableProcessFlow`, default true).
    pub enable_process_flow: bool,
    /// File flows only for regular files (`fileOnly`, default true).
    pub file_only: bool,
    /// Which reads become FileFlows (`fileReadMode`, default 2).
    pub file_read_mode: FileReadMode,
    /// Let the kernel drop events under load, live only (`dropMode`, default true).
    pub drop_mode: bool,
    /// Debug logging of the capture engine (`debugMode`, default false). No
    /// effect yet: our logging goes through `tracing`, configured by the program.
    pub debug_mode: bool,
    /// Check the kernel driver before a live capture (`moduleChecks`, default true).
    pub module_checks: bool,
    /// Per-CPU ring buffer size in bytes, live only (`singleBufferDimension`, default 8 MiB).
    pub single_buffer_dimension: usize,
    /// Program name for logs (`appName`, default `sysflowlibs`).
    pub app_name: String,
    /// Which syscalls become records (`collectionMode`, default flow).
    pub collection_mode: CollectionMode,
    /// Modern-probe ring buffers; 0 means one per online CPU (`cpuBuffers`).
    pub cpu_buffers: u32,
    /// The live driver (`driverType`, default none).
    pub driver_type: DriverType,
    /// Live only, not in the reference: empty the environment of every
    /// captured process (the `/proc` scan and execve events) before anything
    /// is written to records or to `scap_output_path`, so that a recording
    /// can be shared (default false).
    pub scrub_env: bool,
    /// Deflate level of the `.sf` files, 0 (stored) to 9; not in the
    /// reference. `None` (the default) picks by mode: 6 when reading a
    /// capture file, the reference's level (and bytes), and 1 for live
    /// capture, where deflate was the collector's largest single cost: at
    /// 1,600 execs/s level 1 takes about 60% less deflate CPU for files about
    /// 17% larger.
    pub compression_level: Option<u32>,
}

impl Default for SysFlowConfig {
    fn default() -> Self {
        SysFlowConfig {
            filter_containers: false,
            rotate_interval: 300,
            exporter_id: String::new(),
            node_ip: String::new(),
            file_path: None,
            socket_path: None,
            scap_input_path: None,
            scap_output_path: None,
            falco_filter: None,
            sampling_ratio: 1,
            cri_path: None,
            cri_timeout: 30,
            enable_stats: false,
            enable_process_flow: true,
            file_only: true,
            file_read_mode: FileReadMode::NoSystemReads,
            drop_mode: true,
            debug_mode: false,
            module_checks: true,
            single_buffer_dimension: 8 << 20,
            app_name: "sysflowlibs".into(),
            collection_mode: CollectionMode::Flow,
            cpu_buffers: 0,
            driver_type: DriverType::NoDriver,
            scrub_env: false,
            compression_level: None,
        }
    }
}

/// The deflate level of files converted from captures: the reference's.
pub const OFFLINE_COMPRESSION_LEVEL: u32 = 6;
/// The deflate level of live captures' files (see
/// [`SysFlowConfig::compression_level`]).
pub const LIVE_COMPRESSION_LEVEL: u32 = 1;

/// The environment variables [`SysFlowConfig::apply_env`] reads.
pub const ENV_OVERRIDES: [&str; 7] = [
    "NODE_IP",
    "ENABLE_DROP_MODE",
    "FILE_ONLY",
    "ENABLE_PROC_FLOW",
    "FILE_READ_MODE",
    "ENABLE_STATS",
    "DRIVER_LOG",
];

impl SysFlowConfig {
    /// The defaults with the process environment's overrides applied.
    pub fn from_env() -> SysFlowConfig {
        let mut config = SysFlowConfig::default();
        config.apply_env();
        config
    }

    /// Applies the reference's environment overrides from the process
    /// environment (see [`apply_env_with`](SysFlowConfig::apply_env_with)).
    pub fn apply_env(&mut self) {
        self.apply_env_with(|name| {
            std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
        });
    }

    /// Applies the reference's environment overrides, looking variables up
    /// with `lookup` (`None` = unset). As in the reference they win over
    /// whatever the program configured:
    ///
    /// | variable | effect |
    /// |---|---|
    /// | `NODE_IP` | set → [`node_ip`](Self::node_ip) = its value (set but empty → empty) |
    /// | `ENABLE_DROP_MODE`, `FILE_ONLY`, `ENABLE_PROC_FLOW` | `1` → on, any other value → off |
    /// | `FILE_READ_MODE` | `0`, `1`, `2` → that mode; other values keep the config; ignored in `nofiles` mode |
    /// | `ENABLE_STATS` | `1` → on; other values keep the config (the reference only ever enables) |
    /// | `DRIVER_LOG` | `1` → [`debug_mode`](Self::debug_mode) on, any other value → off |
    ///
    /// Unset variables leave the config as it is.
    pub fn apply_env_with(&mut self, lookup: impl Fn(&str) -> Option<String>) {
        let flag = |name: &str, current: bool| lookup(name).map_or(current, |v| v == "1");
        if let Some(ip) = lookup("NODE_IP") {
            self.node_ip = ip;
        }
        self.drop_mode = flag("ENABLE_DROP_MODE", self.drop_mode);
        self.file_only = flag("FILE_ONLY", self.file_only);
        self.enable_process_flow = flag("ENABLE_PROC_FLOW", self.enable_process_flow);
        if lookup("ENABLE_STATS").is_some_and(|v| v == "1") {
            self.enable_stats = true;
        }
        self.debug_mode = flag("DRIVER_LOG", self.debug_mode);
        if self.collection_mode != CollectionMode::NoFiles
            && let Some(mode) = lookup("FILE_READ_MODE")
        {
            match mode.parse().ok().and_then(FileReadMode::from_number) {
                Some(m) => self.file_read_mode = m,
                None => warn!(
                    value = %mode,
                    "FILE_READ_MODE must be 0 (all reads), 1 (no reads) or 2 (no system reads); keeping {:?}",
                    self.file_read_mode
                ),
            }
        }
    }

    /// The deflate level of output files (see
    /// [`compression_level`](SysFlowConfig::compression_level)).
    pub fn effective_compression_level(&self) -> u32 {
        self.compression_level
            .unwrap_or(if self.scap_input_path.is_some() {
                OFFLINE_COMPRESSION_LEVEL
            } else {
                LIVE_COMPRESSION_LEVEL
            })
    }

    /// The options of the state machines.
    pub fn core_config(&self) -> CoreConfig {
        CoreConfig {
            enable_process_flow: self.enable_process_flow,
            file_only: self.file_only,
            file_read_mode: self.file_read_mode,
            collection_mode: self.collection_mode,
            filter_containers: self.filter_containers,
        }
    }
}

#[cfg(test)]
mod tests;
