//! [`SysFlowConfig`]: the collector's options, with the reference's defaults
//! and environment overrides.

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use sysflow_core::{CollectionMode, CoreConfig, FileReadMode};
use sysflow_export::CallbackRecord;
use sysflow_types::Codec;
use tracing::warn;

/// The closure a [`Callback`] holds.
pub type CallbackFn = dyn for<'a> FnMut(&CallbackRecord<'a>) + Send;

/// The consumer's function for SysFlow records (`callback`, the reference's
/// `SysFlowCallback`): called once per behaviour record (process, file and
/// network events and flows, process flows) with the segment's header and
/// the record's container, process and files resolved.
///
/// A cheap handle: cloning a [`SysFlowConfig`] shares the closure (behind a
/// mutex, so configurations stay `Clone` and `Send`), and two callbacks are
/// equal only when they are the same closure.
#[derive(Clone)]
pub struct Callback(Arc<Mutex<CallbackFn>>);

impl Callback {
    /// Wraps a closure.
    pub fn new(f: impl for<'a> FnMut(&CallbackRecord<'a>) + Send + 'static) -> Callback {
        Callback(Arc::new(Mutex::new(f)))
    }

    /// Calls the closure with one record.
    pub fn call(&self, record: &CallbackRecord<'_>) {
        // A callback that panicked before poisons the mutex; the panic has
        // already ended that run, and a new run may call the closure again.
        let mut f = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        f(record);
    }
}

impl fmt::Debug for Callback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Callback(..)")
    }
}

impl PartialEq for Callback {
    fn eq(&self, other: &Callback) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Callback {}

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
/// (`InitializeSysFlowConfig`); [`SysFlowConfig::builder`] sets fields one
/// by one; [`SysFlowConfig::apply_env`] applies the reference's environment
/// overrides. Options whose capability does not exist yet (Falco filters,
/// CRI and Kubernetes metadata) are here so that programs can state them;
/// [`SysFlowDriver::new`](crate::SysFlowDriver::new) refuses them with
/// [`ErrorCode::OperationNotSupported`](crate::ErrorCode::OperationNotSupported)
/// rather than ignoring them. `docs/config.md` is the full reference.
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
    /// Unix `SOCK_SEQPACKET` socket of an sf-processor to stream records to
    /// (`socketPath`); the server creates it, the driver connects, and
    /// reconnects when the server restarts.
    pub socket_path: Option<PathBuf>,
    /// Capture file to read (`scapInputPath`); set means offline mode.
    /// `-` reads the capture from standard input ([`STDIN_PATH`](crate::STDIN_PATH)).
    pub scap_input_path: Option<PathBuf>,
    /// Live only: also save the raw capture as a scap file here (no
    /// equivalent in the reference; sysdig's `-w`), which sysdig and
    /// `scap_input_path` read back. With rotation (`rotate_interval` > 0,
    /// or `scap_output_size_limit`) the files are named as rotated `.sf`
    /// files are: `PATH.<secs>`, the time each was opened (`PATH.<secs>.1`,
    /// `.2`, … for more in the same second); each is a capture of its own,
    /// starting with the machine and the threads and fds that exist then.
    pub scap_output_path: Option<PathBuf>,
    /// Live only, with `scap_output_path`: start a new scap file once the
    /// current one holds this many bytes (sysdig's `-C`; sysporter's
    /// `--scap-out-size` takes megabytes), besides the rotation every
    /// `rotate_interval`. Not in the reference; default none.
    pub scap_output_size_limit: Option<u64>,
    /// Falco filter expression (`falcoFilter`); not supported yet.
    pub falco_filter: Option<String>,
    /// Drop-mode sampling ratio, live only (`samplingRatio`, default 1).
    pub sampling_ratio: u32,
    /// CRI socket asked for container and pod metadata in live capture
    /// (`criPath`); unset, containerd's, CRI-O's and k3s's usual sockets.
    /// Docker's and podman's API sockets are asked first either way.
    pub cri_path: Option<PathBuf>,
    /// The bound of each call to a container runtime, in seconds (`criTO`,
    /// default 30, at least 1). Look-ups run beside the event loop: a slow
    /// runtime leaves its containers `incomplete` longer, and never slows
    /// the capture.
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
    /// Debug logging of the capture engine (`debugMode`, default false). The
    /// library logs through `tracing` and does not install a subscriber, so
    /// this asks the program's setup to show the capture engine's
    /// (`sysflow_capture`) debug messages: [`log_directives`](crate::log_directives)
    /// adds `sysflow_capture=debug` for it, as `sysporter` does.
    pub debug_mode: bool,
    /// The consumer's function for records (`callback`, default none); an
    /// output like `file_path` and `socket_path`, and usable with them.
    pub callback: Option<Callback>,
    /// Kubernetes API URL for pod metadata and events (`k8sAPIURL`,
    /// `SF_K8S_API_URL`); not supported yet: refused when set.
    pub k8s_api_url: Option<String>,
    /// Kubernetes API certificate file (`k8sAPICert`, `SF_K8S_API_CERT`);
    /// not supported yet: refused when set.
    pub k8s_api_cert: Option<PathBuf>,
    /// Check the kernel driver before a live capture (`moduleChecks`, default true).
    pub module_checks: bool,
    /// Per-CPU ring buffer size in bytes, live only (`singleBufferDimension`, default 8 MiB).
    pub single_buffer_dimension: usize,
    /// Program name for logs (`appName`, default `sysflowlibs`).
    pub app_name: String,
    /// Which syscalls become records (`collectionMode`, default flow).
    pub collection_mode: CollectionMode,
    /// CPUs per ring buffer in the reference's modern probe; 0 means one
    /// buffer per online CPU (`cpuBuffers`). Our probe shares one ring
    /// among all CPUs, sized as those buffers together.
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
    /// 17% larger. Live files are also deflated by zlib-rs instead of zlib
    /// (`sysflow_types::DeflateEngine`), 2.4 times as fast at level 1.
    pub compression_level: Option<u32>,
    /// The codec of the `.sf` files' blocks: deflate (the default, and the
    /// reference's), or, not in the reference, `zstandard` (which fastavro,
    /// and so `sysprint`, reads with Python's zstd support; the reference's
    /// own readers do not) or `null`. With `zstandard`,
    /// [`compression_level`](SysFlowConfig::compression_level) is zstd's
    /// level, 1 to 19 (0 or unset: 3).
    pub file_codec: Codec,
    /// Live only, not in the reference: let the workload go first. The
    /// thread running the capture and the output's deflate threads run at
    /// idle priority (`SCHED_IDLE`) while the ring has room; a watchdog
    /// raises them to normal priority once an eighth of the ring is pending
    /// and lowers them again after a calm second, so that they never starve
    /// into drops. Under `tar | cat` on 2 cores this took the pipeline's
    /// slowdown from about 1.23x to 1.20x. It changes the scheduling policy
    /// of the thread that calls [`run`](crate::SysFlowDriver::run) until the
    /// run ends; needs CAP_SYS_NICE, else a warning and normal priority
    /// (default false; sysporter turns it on).
    pub background: bool,
    /// Not in the reference: send to [`socket_path`](Self::socket_path)
    /// even when its server runs as another user than root or this
    /// process's. By default (false) such a server is refused, at the first
    /// connection and at every reconnection, with
    /// `ExportError::ForeignSocket`: a socket another user binds at the path
    /// (while sf-processor is down, in a directory they can write) would
    /// otherwise receive every record. The server's uid is its
    /// credentials when it listened (`SO_PEERCRED`).
    pub allow_foreign_socket: bool,
    /// Live only, not in the reference: once the probe is attached and
    /// `/proc` scanned, drop every capability the rest of the run does not
    /// need and set `no_new_privs` (`LiveCapture::drop_privileges`). What is
    /// kept: CAP_SYS_NICE with [`background`](Self::background), CAP_BPF
    /// on kernels older than 5.19, CAP_SYS_PTRACE under a `/proc` mounted
    /// with `hidepid` that hides other users' processes; usually nothing
    /// else. The outputs are opened after the drop, so they must be
    /// reachable by the process's uid alone (no CAP_DAC_OVERRIDE: root
    /// writes into root's directories, not into another user's).
    /// Capabilities are per thread: the drop covers the thread that calls
    /// [`run`](crate::SysFlowDriver::run) and the threads the run starts,
    /// and `run` fails if another thread of the program still holds more
    /// (default false, since it changes the whole program; sysporter turns
    /// it on).
    pub drop_privileges: bool,
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
            scap_output_size_limit: None,
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
            callback: None,
            k8s_api_url: None,
            k8s_api_cert: None,
            module_checks: true,
            single_buffer_dimension: 8 << 20,
            app_name: "sysflowlibs".into(),
            collection_mode: CollectionMode::Flow,
            cpu_buffers: 0,
            driver_type: DriverType::NoDriver,
            scrub_env: false,
            compression_level: None,
            file_codec: Codec::Deflate,
            background: false,
            allow_foreign_socket: false,
            drop_privileges: false,
        }
    }
}

/// The deflate level of files converted from captures: the reference's.
pub const OFFLINE_COMPRESSION_LEVEL: u32 = 6;
/// The deflate level of live captures' files (see
/// [`SysFlowConfig::compression_level`]).
pub const LIVE_COMPRESSION_LEVEL: u32 = 1;

/// The `zstandard` codec's level unless set: zstd's own default.
pub const ZSTD_COMPRESSION_LEVEL: u32 = 3;

/// The environment variables [`SysFlowConfig::apply_env`] reads.
pub const ENV_OVERRIDES: [&str; 9] = [
    "NODE_IP",
    "ENABLE_DROP_MODE",
    "FILE_ONLY",
    "ENABLE_PROC_FLOW",
    "FILE_READ_MODE",
    "ENABLE_STATS",
    "DRIVER_LOG",
    "SF_K8S_API_URL",
    "SF_K8S_API_CERT",
];

impl SysFlowConfig {
    /// A builder starting from the defaults.
    ///
    /// ```
    /// use libsysflow::SysFlowConfig;
    ///
    /// let config = SysFlowConfig::builder()
    ///     .scap_input_path("trace.scap")
    ///     .socket_path("/run/sysflow.sock")
    ///     .exporter_id("my-host")
    ///     .callback(|r| println!("{}", r.record.record_type()))
    ///     .build();
    /// assert_eq!(config.rotate_interval, 300);
    /// ```
    pub fn builder() -> SysFlowConfigBuilder {
        SysFlowConfigBuilder(SysFlowConfig::default())
    }

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
    /// | `SF_K8S_API_URL` | set → [`k8s_api_url`](Self::k8s_api_url) = its value, and [`k8s_api_cert`](Self::k8s_api_cert) = `SF_K8S_API_CERT` (or none) |
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
        // As in the reference, the certificate only counts with a URL from
        // the environment too.
        if let Some(url) = lookup("SF_K8S_API_URL") {
            self.k8s_api_url = Some(url);
            self.k8s_api_cert = lookup("SF_K8S_API_CERT").map(PathBuf::from);
        }
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
        if self.file_codec == Codec::Zstandard {
            return self
                .compression_level
                .filter(|&l| l > 0)
                .unwrap_or(ZSTD_COMPRESSION_LEVEL);
        }
        self.compression_level
            .unwrap_or(if self.scap_input_path.is_some() {
                OFFLINE_COMPRESSION_LEVEL
            } else {
                LIVE_COMPRESSION_LEVEL
            })
    }

    /// Whether the saved live capture's files rotate (and are named
    /// `PATH.<secs>`): with `rotate_interval` > 0 or a
    /// `scap_output_size_limit`.
    pub fn scap_rotates(&self) -> bool {
        self.rotate_interval > 0 || self.scap_output_size_limit.is_some()
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

/// Builds a [`SysFlowConfig`] from the defaults, one field at a time
/// ([`SysFlowConfig::builder`]). Each method sets the field of the same
/// name; optional fields take the value itself.
#[derive(Debug, Clone)]
#[must_use]
pub struct SysFlowConfigBuilder(SysFlowConfig);

/// Setters of plain fields.
macro_rules! set {
    ($($name:ident: $ty:ty),* $(,)?) => {$(
        #[doc = concat!("Sets [`SysFlowConfig::", stringify!($name), "`].")]
        pub fn $name(mut self, value: impl Into<$ty>) -> Self {
            self.0.$name = value.into();
            self
        }
    )*};
}

/// Setters of optional fields: the value, not an `Option`.
macro_rules! set_some {
    ($($name:ident: $ty:ty),* $(,)?) => {$(
        #[doc = concat!("Sets [`SysFlowConfig::", stringify!($name), "`].")]
        pub fn $name(mut self, value: impl Into<$ty>) -> Self {
            self.0.$name = Some(value.into());
            self
        }
    )*};
}

impl SysFlowConfigBuilder {
    set! {
        filter_containers: bool,
        rotate_interval: i64,
        exporter_id: String,
        node_ip: String,
        sampling_ratio: u32,
        cri_timeout: u32,
        enable_stats: bool,
        enable_process_flow: bool,
        file_only: bool,
        file_read_mode: FileReadMode,
        drop_mode: bool,
        debug_mode: bool,
        module_checks: bool,
        single_buffer_dimension: usize,
        app_name: String,
        collection_mode: CollectionMode,
        cpu_buffers: u32,
        driver_type: DriverType,
        scrub_env: bool,
        background: bool,
        allow_foreign_socket: bool,
        drop_privileges: bool,
        file_codec: Codec,
    }

    set_some! {
        file_path: PathBuf,
        socket_path: PathBuf,
        scap_input_path: PathBuf,
        scap_output_path: PathBuf,
        scap_output_size_limit: u64,
        falco_filter: String,
        cri_path: PathBuf,
        k8s_api_url: String,
        k8s_api_cert: PathBuf,
        compression_level: u32,
    }

    /// Sets [`SysFlowConfig::callback`] to `f`.
    pub fn callback(mut self, f: impl for<'a> FnMut(&CallbackRecord<'a>) + Send + 'static) -> Self {
        self.0.callback = Some(Callback::new(f));
        self
    }

    /// Applies the process environment's overrides
    /// ([`SysFlowConfig::apply_env`]) to what is set so far.
    pub fn apply_env(mut self) -> Self {
        self.0.apply_env();
        self
    }

    /// The configuration. It is checked by
    /// [`SysFlowDriver::new`](crate::SysFlowDriver::new).
    pub fn build(self) -> SysFlowConfig {
        self.0
    }
}

#[cfg(test)]
mod tests;
