//! [`SysFlowDriver`]: the pipeline loop, from a capture to the outputs.

use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sysflow_capture::{
    CaptureError, Event, Item, LiveCapture, LiveConfig, LiveNext, LiveStats, NextRef, ScapReader,
    ScapWriter,
};
use sysflow_core::{CoreStats, Processor};
use sysflow_export::{
    BoxedSink, CallbackSink, ExportError, ExportSink, FileSink, FileSinkConfig, MAX_SOCKET_PATH,
    MultiSink, Naming, OnSinkError, SinkStats, SocketSink, SocketSinkConfig,
};
use sysflow_runtimes::{LookupStats, ResolverConfig};
use sysflow_types::Codec;
use sysflow_types::{DeflateEngine, RecordType};
use tracing::{debug, error, info, warn};

mod containers;

use crate::config::{DriverType, SysFlowConfig};
use crate::error::SysFlowError;
use crate::progress::{Counted, Progress};
use containers::Containers;

/// The [`SysFlowConfig::scap_input_path`] that means standard input.
pub const STDIN_PATH: &str = "-";

/// Items between two progress reports (and exit-flag checks are every item).
const PROGRESS_EVERY: u64 = 4096;
/// Live capture reads the clock for rotation every this many events (and
/// whenever the ring is idle).
const CLOCK_EVERY: u64 = 256;

/// Asks a running [`SysFlowDriver`] to stop, from any thread or a signal handler.
///
/// The driver notices at the next item: the item is not processed, open
/// flows are written with `TRUNCATE`, and the outputs are closed, as when
/// the input ends. While a live capture starts (the kernel verifies the
/// probe for a second or more) it notices within a few tens of
/// milliseconds: the run ends before any output is opened. A live capture
/// first reads what its probe already wrote (for at most five seconds,
/// under load), unless [`exit_now`](ExitHandle::exit_now) was called.
#[derive(Debug, Clone, Default)]
pub struct ExitHandle {
    stop: Arc<AtomicBool>,
    now: Arc<AtomicBool>,
}

impl ExitHandle {
    /// Requests the stop. Only stores to an atomic, so it is async-signal-safe.
    pub fn exit(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Requests a stop that does not wait for a live capture's backlog: the
    /// events the probe wrote and the driver has not read yet are left
    /// unread (`submitted` exceeds `read` in [`DriverStats::live`]). The open
    /// flows are still written and the outputs closed. The same as
    /// [`exit`](ExitHandle::exit) for a capture file. Async-signal-safe.
    pub fn exit_now(&self) {
        self.now.store(true, Ordering::Relaxed);
        self.exit();
    }

    /// Whether a stop was requested.
    pub fn is_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// The flag itself, for APIs that set an `AtomicBool` from a signal
    /// handler (such as `signal_hook::flag::register`).
    pub fn flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.stop)
    }

    /// The flag of [`exit_now`](ExitHandle::exit_now).
    fn now_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.now)
    }
}

/// The kind of an output of the driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OutputKind {
    /// `.sf` files ([`SysFlowConfig::file_path`]).
    File,
    /// The sf-processor socket ([`SysFlowConfig::socket_path`]).
    Socket,
    /// The consumer's function ([`SysFlowConfig::callback`]).
    Callback,
    /// The raw capture saved by live capture
    /// ([`SysFlowConfig::scap_output_path`]).
    Scap,
}

/// What one output of a run did.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct OutputStats {
    /// Which output.
    pub kind: OutputKind,
    /// The file written last, or the socket; `None` for the callback.
    pub path: Option<PathBuf>,
    /// Records sent and dropped by type, drop reasons, reconnections,
    /// segments (files, connections' headers), bytes.
    pub sink: SinkStats,
}

/// What a run did, for stats and summaries.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct DriverStats {
    /// Bytes of the capture read.
    pub bytes_read: u64,
    /// Size of the capture file.
    pub bytes_total: Option<u64>,
    /// Items (metadata entries and events) read from the capture.
    pub items: u64,
    /// Events read from the capture.
    pub events: u64,
    /// Records the first output took, by [`RecordType::index`], headers
    /// included: the file's when there is one, else the socket's, else the
    /// callback's. [`outputs`](DriverStats::outputs) has every output's.
    /// After the file output failed (a full disk), only what a reader gets
    /// back from its files.
    pub records: [u64; 12],
    /// Output files written.
    pub files: u64,
    /// The first output file (with rotation, files are named by the time
    /// they were opened: the first and the last name them all).
    pub first_output: Option<PathBuf>,
    /// The last output file.
    pub output: Option<PathBuf>,
    /// Each output's counters, in the order file, socket, callback.
    pub outputs: Vec<OutputStats>,
    /// Files of the saved live capture
    /// ([`scap_output_path`](SysFlowConfig::scap_output_path)) written.
    pub scap_files: u64,
    /// The first of them.
    pub first_scap_output: Option<PathBuf>,
    /// The last of them.
    pub scap_output: Option<PathBuf>,
    /// Whether [`ExitHandle::exit`] stopped the run before its input ended:
    /// a capture file not read to its end, or a live capture stopped before
    /// it started. A live capture that ran ends only this way, and is not
    /// early.
    pub exited_early: bool,
    /// Outputs (SysFlow outputs and the saved capture) that failed and
    /// were closed while the others went on; `run` returns the first as
    /// [`SysFlowError::OutputFailed`].
    pub output_failures: u64,
    /// Wall time of [`SysFlowDriver::run`].
    pub elapsed: Duration,
    /// The state machines' counters and cache sizes at the end of the run.
    pub core: CoreStats,
    /// Live capture's counters: events the probe submitted, dropped (ring
    /// full, too large) and read; `None` for capture files.
    pub live: Option<LiveStats>,
    /// Live capture's container metadata look-ups (asked, answered, not
    /// found, timed out, failed, dropped); `None` for capture files, whose
    /// container events carry the metadata.
    pub containers: Option<LookupStats>,
}

impl DriverStats {
    /// Records written of one type (see [`records`](DriverStats::records)).
    pub fn records_of(&self, ty: RecordType) -> u64 {
        self.records.get(ty.index()).copied().unwrap_or_default()
    }

    /// Records written in all (of the first output, see
    /// [`records`](DriverStats::records)), headers and entities (container,
    /// process, file, pod) included: what a `.sf` file holds. A callback is
    /// called only for the others, with the entities attached: see
    /// [`behaviour_records`](DriverStats::behaviour_records).
    pub fn records_total(&self) -> u64 {
        self.records.iter().sum()
    }

    /// Behaviour records written (of the first output): events and flows,
    /// without headers and entities. What a
    /// [`Callback`](crate::Callback) is called for, once each.
    pub fn behaviour_records(&self) -> u64 {
        RecordType::ALL
            .iter()
            .filter(|ty| !ENTITY_TYPES.contains(ty))
            .map(|ty| self.records_of(*ty))
            .sum()
    }

    /// The counters of the first output of a kind.
    pub fn output(&self, kind: OutputKind) -> Option<&OutputStats> {
        self.outputs.iter().find(|o| o.kind == kind)
    }

    /// Records the outputs dropped (a socket without its server), in all.
    pub fn records_dropped(&self) -> u64 {
        self.outputs.iter().map(|o| o.sink.dropped_total()).sum()
    }
}

/// The records that are no behaviour: the header and the entities, which
/// a callback receives attached to the behaviour records.
const ENTITY_TYPES: [RecordType; 5] = [
    RecordType::Header,
    RecordType::Container,
    RecordType::Process,
    RecordType::File,
    RecordType::Pod,
];

/// Why the item loop stopped early.
enum Stop {
    Capture(CaptureError),
    Sink(ExportError),
}

type ProgressFn = Box<dyn FnMut(&Progress) + Send>;

/// Collects SysFlow from a capture file or a live capture into its outputs:
/// `.sf` files, an sf-processor socket, a callback, or several of these.
/// The reference's `SysFlowDriver`.
///
/// ```no_run
/// use libsysflow::{SysFlowConfig, SysFlowDriver};
///
/// let config = SysFlowConfig::builder()
///     .scap_input_path("trace.scap")
///     .file_path("out.sf")
///     .apply_env()
///     .build();
/// let mut driver = SysFlowDriver::new(config)?;
/// driver.run()?;
/// println!("{} records", driver.stats().records_total());
/// # Ok::<(), libsysflow::SysFlowError>(())
/// ```
pub struct SysFlowDriver {
    config: SysFlowConfig,
    /// The capture file; `None` captures live.
    input: Option<PathBuf>,
    input_len: Option<u64>,
    exit: ExitHandle,
    stats: DriverStats,
    progress: Option<ProgressFn>,
    ran: bool,
    /// The compiled `falco_filter`.
    filter: Option<Arc<sysflow_filter::Filter>>,
}

impl std::fmt::Debug for SysFlowDriver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SysFlowDriver")
            .field("config", &self.config)
            .field("stats", &self.stats)
            .field("ran", &self.ran)
            .finish_non_exhaustive()
    }
}

impl SysFlowDriver {
    /// Checks the configuration and the input and output locations, so that
    /// a configuration that cannot run fails here rather than in
    /// [`run`](SysFlowDriver::run).
    ///
    /// The driver reads capture files ([`SysFlowConfig::scap_input_path`]),
    /// or without one captures live through sysflow-rs's own CO-RE eBPF
    /// probe (driver checks run here: privileges, kernel version, BTF). It
    /// writes to any of `.sf` files ([`SysFlowConfig::file_path`]), an
    /// sf-processor socket ([`SysFlowConfig::socket_path`]) and a callback
    /// ([`SysFlowConfig::callback`]); none at all is an error. Falco's
    /// legacy probe and kernel module, filters, CRI and Kubernetes metadata,
    /// and sampling outside live drop mode are refused with
    /// [`SysFlowError::Unsupported`] rather than ignored. `docs/errors.md`
    /// lists every error.
    pub fn new(config: SysFlowConfig) -> Result<SysFlowDriver, SysFlowError> {
        let unsupported = |feature, hint| Err(SysFlowError::Unsupported { feature, hint });
        let input = config.scap_input_path.clone();
        if input.is_some() && config.driver_type != DriverType::NoDriver {
            return unsupported(
                "a kernel driver while reading a capture file (driver_type; sysporter -k)",
                "leave the driver unset to read the file, or drop -r to capture live",
            );
        }
        if input.is_some() && config.scap_output_path.is_some() {
            return Err(SysFlowError::Config {
                field: "scap_output_path",
                problem: "only a live capture can be saved as scap",
            });
        }
        if input.is_none() && matches!(config.driver_type, DriverType::Ebpf | DriverType::Kmod) {
            return unsupported(
                "Falco's legacy eBPF probe and kernel module driver (driver_type; sysporter -k)",
                "live capture uses sysflow-rs's own CO-RE probe: -k ebpf-core, or no -k",
            );
        }
        if config.sampling_ratio == 0 {
            return Err(SysFlowError::Config {
                field: "sampling_ratio",
                problem: "must be at least 1 (1 keeps every event)",
            });
        }
        if config.sampling_ratio != 1 && (input.is_some() || !config.drop_mode) {
            return unsupported(
                "sampling without live capture's drop mode (sampling_ratio; sysporter -s)",
                "sample a live capture with drop mode on (drop_mode; ENABLE_DROP_MODE=1)",
            );
        }
        if config.cri_timeout == 0 {
            return Err(SysFlowError::Config {
                field: "cri_timeout",
                problem: "must be at least 1 second",
            });
        }
        if input.is_some() && config.cri_path.is_some() {
            warn!(
                "cri_path (sysporter -p) is for live capture: a capture file's container events describe its containers"
            );
        }
        if config.k8s_api_url.is_some() || config.k8s_api_cert.is_some() {
            return unsupported(
                "Kubernetes API metadata (k8s_api_url, k8s_api_cert; SF_K8S_API_URL, SF_K8S_API_CERT)",
                "unset them; pods come from the capture's container events when it has them",
            );
        }
        let zstd = config.file_codec == Codec::Zstandard;
        if config
            .compression_level
            .is_some_and(|l| l > if zstd { 19 } else { 9 })
        {
            return Err(SysFlowError::Config {
                field: "compression_level",
                problem: if zstd {
                    "zstandard levels go from 1 to 19 (0: its default, 3)"
                } else {
                    "deflate levels go from 0 to 9"
                },
            });
        }
        if config.file_path.is_none() && config.socket_path.is_none() && config.callback.is_none() {
            return Err(SysFlowError::Config {
                field: "file_path",
                problem: "an output is required: file_path, socket_path or callback",
            });
        }
        if let Some(output) = &config.file_path {
            check_output_dir(output)?;
            // Files named exactly as configured: offline, or live without rotation.
            let exact = input.is_some() || config.rotate_interval <= 0;
            if exact && sysflow_export::is_prefix(output) && output.is_dir() {
                return Err(SysFlowError::OutputIsDirectory {
                    path: output.clone(),
                });
            }
        }
        if config.scap_output_size_limit.is_some() && config.scap_output_path.is_none() {
            return Err(SysFlowError::Config {
                field: "scap_output_size_limit",
                problem: "limits the files of scap_output_path, which is not set",
            });
        }
        if config.scap_output_size_limit == Some(0) {
            return Err(SysFlowError::Config {
                field: "scap_output_size_limit",
                problem: "must be at least 1 byte",
            });
        }
        if let Some(scap) = &config.scap_output_path {
            if !sysflow_export::is_prefix(scap) {
                return Err(SysFlowError::Config {
                    field: "scap_output_path",
                    problem: "names a file (the prefix of the files, with rotation), not a directory",
                });
            }
            check_scap_output(scap, config.scap_rotates())?;
        }
        if let Some(socket) = &config.socket_path {
            let len = socket.as_os_str().len();
            if len > MAX_SOCKET_PATH {
                return Err(SysFlowError::Export(ExportError::SocketPathTooLong {
                    path: socket.clone(),
                    len,
                    max: MAX_SOCKET_PATH,
                }));
            }
        }
        let input_len = match &input {
            Some(input) => {
                // Not opened here: opening a named pipe waits for its writer.
                let meta = if input == Path::new(STDIN_PATH) {
                    open_input(input).and_then(|f| f.metadata())
                } else {
                    fs::metadata(input)
                }
                .map_err(|source| SysFlowError::OpenCapture {
                    path: input.clone(),
                    source,
                })?;
                if meta.is_dir() {
                    return Err(SysFlowError::OpenCapture {
                        path: input.clone(),
                        source: io::Error::other("a directory, not a capture"),
                    });
                }
                // Pipes and devices (`-r /dev/stdin`) have no size to report progress against.
                meta.is_file().then_some(meta.len())
            }
            None => {
                sysflow_capture::check_live_support()?;
                None
            }
        };
        let filter = compile_filter(config.falco_filter.as_deref())?;
        Ok(SysFlowDriver {
            filter,
            input_len,
            input,
            config,
            exit: ExitHandle::default(),
            stats: DriverStats::default(),
            progress: None,
            ran: false,
        })
    }

    /// The library's version, e.g. `0.1.0`.
    pub fn version() -> &'static str {
        crate::VERSION
    }

    /// The configuration the driver runs with.
    pub fn config(&self) -> &SysFlowConfig {
        &self.config
    }

    /// A handle that stops [`run`](SysFlowDriver::run) from another thread
    /// or a signal handler.
    pub fn exit_handle(&self) -> ExitHandle {
        self.exit.clone()
    }

    /// Requests a stop (see [`ExitHandle::exit`]).
    pub fn exit(&self) {
        self.exit.exit();
    }

    /// Calls `f` every few thousand items during [`run`](SysFlowDriver::run),
    /// and once at the end, with how far the run has got.
    pub fn on_progress(&mut self, f: impl FnMut(&Progress) + Send + 'static) {
        self.progress = Some(Box::new(f));
    }

    /// What the run did so far (complete once `run` returns).
    pub fn stats(&self) -> &DriverStats {
        &self.stats
    }

    /// Runs until the input ends or [`exit`](SysFlowDriver::exit) is
    /// called: opens the outputs (each starts with its header), feeds every
    /// item of the capture to the state machines in order, then writes the
    /// open flows (with `TRUNCATE`) and closes the outputs.
    ///
    /// If the capture is damaged part way, every record derived from the
    /// items before the damage is still written to a valid, closed file, and
    /// the error names the byte offset. A driver runs once.
    pub fn run(&mut self) -> Result<(), SysFlowError> {
        if self.ran {
            return Err(SysFlowError::Unsupported {
                feature: "running a driver twice",
                hint: "make a new SysFlowDriver for each run",
            });
        }
        self.ran = true;
        let started = Instant::now();
        let result = self.run_inner();
        self.stats.elapsed = started.elapsed();
        if self.config.enable_stats {
            log_stats(&self.stats.core, &self.stats.outputs, "end of run");
        }
        result
    }

    fn run_inner(&mut self) -> Result<(), SysFlowError> {
        let Some(input) = self.input.clone() else {
            return self.run_live();
        };
        let file = open_input(&input).map_err(|source| SysFlowError::OpenCapture {
            path: input.clone(),
            source,
        })?;
        let (counted, bytes) = Counted::new(file);
        let mut reader =
            ScapReader::read_ahead(counted).map_err(|e| SysFlowError::capture(input.clone(), e))?;
        self.stats.bytes_total = self.input_len;

        // Items up to the machine block, held until the exporter is known;
        // at least the first, so that an input that is no capture at all
        // fails before any output exists.
        let mut held = Vec::new();
        let mut failure = None;
        let mut exporter = self.config.exporter_id.clone();
        let find_host = exporter.is_empty();
        loop {
            match reader.next_item() {
                Ok(Some(Item::Machine(m))) => {
                    if find_host {
                        exporter = m.hostname.clone();
                    }
                    held.push(Item::Machine(m));
                    break;
                }
                Ok(Some(item @ Item::Event(_))) => {
                    held.push(item);
                    break;
                }
                Ok(Some(item)) => {
                    held.push(item);
                    if !find_host {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        if held.is_empty()
            && let Some(e) = failure
        {
            self.stats.bytes_read = bytes.load(Ordering::Relaxed);
            return Err(SysFlowError::capture(input, e));
        }
        if exporter.is_empty() {
            exporter = local_hostname();
        }

        let now_secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        // Offline runs never rotate, so names never carry a time (the reference's m_start == 0).
        let mut out = Outputs::open(&self.config, &exporter, Naming::Exact, now_secs)?;
        info!(input = %input.display(), outputs = %out.describe(), "converting capture");
        let mut processor = Processor::new(self.config.core_config());
        processor.set_filter(self.filter.clone());

        let stop = match failure {
            Some(e) => Err(Stop::Capture(e)),
            None => self.pump(&mut reader, held, &mut processor, &mut out.sink, &bytes),
        };
        let result = match stop {
            // Every output failed: nothing more can be written.
            Err(Stop::Sink(e)) => Err(fatal(&mut out.sink, e)),
            Ok(()) => processor
                .finish(&mut out.sink)
                .and_then(|()| out.sink.finish())
                .map_err(|e| fatal(&mut out.sink, e)),
            // Records of the items before the damage still reach a closed file.
            Err(Stop::Capture(e)) => {
                match processor
                    .finish(&mut out.sink)
                    .and_then(|()| out.sink.finish())
                {
                    Ok(()) => Err(SysFlowError::capture(input.clone(), e)),
                    Err(export) => {
                        error!(error = %e, "the capture was unreadable too");
                        Err(fatal(&mut out.sink, export))
                    }
                }
            }
        };
        if result.is_err() {
            // Closes what can still be closed; a no-op when already closed.
            let _ = out.sink.finish();
        }

        self.stats.bytes_read = bytes.load(Ordering::Relaxed);
        self.stats.events = reader.events_read();
        self.stats.core = processor.stats().clone();
        out.report(&mut self.stats);
        out.count_only_written(&mut self.stats, result.as_ref().err(), &[0; 12]);
        self.report_progress();
        debug!(?self.stats, "run finished");
        // An output that failed while the others went on, or a socket that
        // could not deliver what a capture file gave, makes the run fail
        // now that every other output is complete.
        let mut isolated = out.failures();
        self.stats.output_failures += isolated.len() as u64;
        result?;
        if !isolated.is_empty() {
            return Err(isolated.remove(0));
        }
        match self.stats.output(OutputKind::Socket) {
            Some(socket) if socket.sink.dropped_total() > 0 => {
                let e = SysFlowError::Undelivered {
                    path: socket.path.clone().unwrap_or_default(),
                    dropped: socket.sink.dropped_total(),
                    sent: socket.sink.sent_total(),
                };
                error!(error = %e, "the socket's server did not get the whole capture");
                Err(e)
            }
            _ => Ok(()),
        }
    }

    /// Live capture until an exit request: the `/proc` scan seeds the state,
    /// then events go to the state machines as they come; quiet periods
    /// drive flow export and socket reconnection, and with `rotate_interval`
    /// the outputs start a new segment (a new file). Open flows are written
    /// and the outputs closed at the end, also after a failure.
    fn run_live(&mut self) -> Result<(), SysFlowError> {
        let mut live = LiveConfig::default();
        live.scrub_env = self.config.scrub_env;
        live.background = self.config.background;
        live.background_threads = vec![sysflow_types::DEFLATE_THREAD_NAME.to_owned()];
        live.ring_bytes = ring_bytes(
            self.config.single_buffer_dimension,
            self.config.cpu_buffers,
            std::thread::available_parallelism().map_or(1, |n| n.get()),
        );
        if self.config.drop_mode {
            live.sampling_ratio = self.config.sampling_ratio;
        }
        live.syscalls = Some(
            self.config
                .collection_mode
                .syscalls()
                .into_iter()
                .map(str::to_owned)
                .collect(),
        );
        // A stop asked for while the probe loads (which takes seconds) ends
        // the run at once, before any output exists.
        let Some(mut capture) = LiveCapture::start_until(&live, self.exit.flag())? else {
            info!("exit requested before the capture started: stopping");
            self.stats.exited_early = true;
            return Ok(());
        };
        capture.skip_drain_on(self.exit.now_flag());
        // Before the outputs open, so that their threads inherit the
        // reduced sets and what they cannot reach fails now, not at a
        // rotation.
        if self.config.drop_privileges {
            // A saved capture that rotates scans /proc again for each file.
            let rescans = self.config.scap_output_path.is_some() && self.config.scap_rotates();
            let kept = capture.drop_privileges(rescans)?;
            info!(%kept, "privileges dropped");
        }
        let exporter = if self.config.exporter_id.is_empty() {
            local_hostname()
        } else {
            self.config.exporter_id.clone()
        };
        let rotate_secs = u64::try_from(self.config.rotate_interval).unwrap_or(0);
        let naming = if rotate_secs > 0 {
            Naming::Timestamped
        } else {
            Naming::Exact
        };
        let mut now_secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let proc_items = capture.take_proc_items();
        // The saved capture first: when it cannot be made (a symbolic link
        // or a directory in the way), no .sf file is left behind.
        let mut scap = match self.config.scap_output_path.clone() {
            Some(path) => Some(ScapFiles::create(
                path,
                self.config.scap_rotates(),
                self.config.scap_output_size_limit,
                now_secs,
                &proc_items,
            )?),
            None => None,
        };
        let mut out = match Outputs::open(&self.config, &exporter, naming, now_secs) {
            Ok(out) => out,
            Err(e) => {
                if let Some(scap) = scap {
                    scap.discard();
                }
                return Err(e);
            }
        };
        info!(outputs = %out.describe(), "capturing live");
        let sink = &mut out.sink;
        let mut processor = Processor::new(self.config.core_config());
        processor.set_filter(self.filter.clone());
        let mut last_rotation = now_secs;
        let mut containers = Containers::start(
            ResolverConfig::new(
                self.config.cri_path.clone(),
                Duration::from_secs(u64::from(self.config.cri_timeout)),
            ),
            now_secs,
        );
        // The last event's time: synthesized container events take it, so
        // that the stream (and the saved capture) stays in time order.
        let mut last_ts = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        // Records the file output took before its current file.
        let mut file_base = [0; 12];

        let mut failure: Option<SysFlowError> = None;
        // Outputs that failed while the others went on: reported at the end.
        let mut isolated: Vec<SysFlowError> = Vec::new();
        // Whether any SysFlow output still works (else only the saved
        // capture goes on).
        let mut records_out = true;
        for item in proc_items {
            if let Err(e) = processor.handle(&item, sink) {
                failure = Some(fatal(sink, e));
                break;
            }
            self.stats.items += 1;
        }
        while failure.is_none() {
            let injected = containers.as_mut().and_then(|c| c.injected.pop_front());
            let next = match injected {
                Some(ev) => LiveNext::Event(ev),
                None => match capture.poll_next() {
                    Ok(next) => next,
                    Err(e) => {
                        failure = Some(SysFlowError::capture(PathBuf::from("live"), e));
                        break;
                    }
                },
            };
            let idle = matches!(next, LiveNext::Idle);
            let handled = match next {
                LiveNext::Event(ev) => {
                    self.stats.items += 1;
                    self.stats.events += 1;
                    last_ts = last_ts.max(ev.ts);
                    if let Some(s) = scap.as_mut() {
                        // At the size limit, the next file starts after this event.
                        let saved = s.event(&ev).and_then(|()| {
                            if !s.full() {
                                return Ok(());
                            }
                            let now = SystemTime::now()
                                .duration_since(UNIX_EPOCH)
                                .map_or(now_secs, |d| d.as_secs());
                            let described = containers
                                .as_ref()
                                .map(|c| c.described(last_ts))
                                .unwrap_or_default();
                            s.rotate(now, &capture.scan_proc_items(), &described)
                        });
                        if let Err(e) = saved {
                            // A full disk under the saved capture: it is
                            // closed, the records go on.
                            isolated.push(ScapFiles::abandon(&mut scap, e, &mut self.stats));
                            if !records_out {
                                break;
                            }
                        }
                    }
                    let handled = if records_out {
                        processor.handle_event(&ev, sink)
                    } else {
                        Ok(())
                    };
                    capture.recycle(ev);
                    handled
                }
                LiveNext::Idle if records_out => {
                    let now_ns = SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
                    // A socket reconnects in a quiet period, not on (and
                    // dropping) the next record.
                    sink.poll().and_then(|()| processor.tick(now_ns, sink))
                }
                LiveNext::End => break,
                _ => Ok(()),
            };
            if let Err(e) = handled {
                // Every SysFlow output failed (each was logged): the saved
                // capture, if any, goes on alone.
                if scap.is_some() {
                    error!(error = %e, "every SysFlow output failed; only the capture is saved from now on");
                    records_out = false;
                } else {
                    failure = Some(fatal(sink, e));
                    break;
                }
            }
            if self.stats.items.is_multiple_of(PROGRESS_EVERY) {
                self.report_progress();
            }
            if let Some(c) = containers.as_mut()
                && (idle || self.stats.items.is_multiple_of(CLOCK_EVERY))
            {
                c.exchange(&mut processor, last_ts, now_secs);
            }
            // Reading the clock for every event showed in profiles; a
            // rotation a few hundred events late is a few ms late at most.
            if !records_out || (!idle && !self.stats.items.is_multiple_of(CLOCK_EVERY)) {
                continue;
            }
            // A busy host whose events make no records still lets a socket
            // reconnect.
            if !idle && let Err(e) = sink.poll() {
                failure = Some(fatal(sink, e));
                break;
            }
            now_secs = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(now_secs, |d| d.as_secs());
            if rotate_secs > 0 && now_secs.saturating_sub(last_rotation) >= rotate_secs {
                last_rotation = now_secs;
                let before = file_sent(sink, &out.kinds);
                if let Err(e) = sink.rotate(now_secs) {
                    failure = Some(fatal(sink, e));
                    break;
                }
                file_base = before;
                // The saved capture rotates with the files, named for the same second.
                let described = containers
                    .as_ref()
                    .map(|c| c.described(last_ts))
                    .unwrap_or_default();
                if let Some(s) = scap.as_mut()
                    && let Err(e) = s.rotate(now_secs, &capture.scan_proc_items(), &described)
                {
                    isolated.push(ScapFiles::abandon(&mut scap, e, &mut self.stats));
                }
                // Forgets what nothing open refers to, and writes the rest
                // again: every file stands alone. This is the only segment
                // the processor knows of: one an output starts alone (a
                // reconnected socket) is the fan-out's business.
                processor.new_segment();
                if self.config.enable_stats {
                    log_stats(
                        &processor.stats(),
                        &out_stats_of(sink, &out.kinds),
                        "rotation",
                    );
                }
            }
        }
        // The way a live capture ends, not early (unless it never started).
        if self.exit.is_requested() {
            info!("exit requested: stopping");
        }
        // After every SysFlow output failed, they are only closed: given the
        // open flows, the failed ones would refuse each, and the log repeat
        // the failure as "already closed". (One that failed while others
        // went on is set aside by the fan-out.)
        let outputs_failed = matches!(failure, Some(SysFlowError::Export(_)));
        let closed = if records_out && !outputs_failed {
            processor
                .finish(sink)
                .and_then(|()| sink.finish())
                .map_err(|e| fatal(sink, e))
        } else {
            Ok(())
        };
        let _ = sink.finish();
        if let Some(s) = scap {
            s.report(&mut self.stats);
            let path = s.current.path.clone();
            if let Err(e) = s.finish() {
                error!(path = %path.display(), error = %e, "cannot complete the saved capture");
                isolated.push(SysFlowError::OutputFailed {
                    kind: OutputKind::Scap,
                    path: Some(path),
                    source: Box::new(e),
                });
            }
        }
        match capture.stats() {
            Ok(s) => {
                info!(
                    read = s.read,
                    submitted = s.submitted,
                    drops_full = s.drops_full,
                    drops_too_large = s.drops_too_large,
                    drops_internal = s.drops_internal,
                    drops_received_fds = s.drops_received_fds,
                    priority_raised = s.priority_raised,
                    "live capture"
                );
                self.stats.live = Some(s);
            }
            Err(e) => error!(error = %e, "cannot read the probe's counters"),
        }
        self.stats.core = processor.stats().clone();
        self.stats.containers = containers.map(Containers::finish);
        out.report(&mut self.stats);
        out.count_only_written(
            &mut self.stats,
            failure.as_ref().or(closed.as_ref().err()),
            &file_base,
        );
        self.report_progress();
        isolated.extend(out.failures());
        self.stats.output_failures += isolated.len() as u64;
        if let Some(e) = failure {
            return Err(e);
        }
        closed?;
        match isolated.into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Feeds items to the processor until the end, an error, or an exit request.
    fn pump(
        &mut self,
        reader: &mut ScapReader<Counted<File>>,
        held: Vec<Item>,
        processor: &mut Processor,
        sink: &mut MultiSink,
        bytes: &AtomicU64,
    ) -> Result<(), Stop> {
        // Held items first, then the reader's: events where they lie in
        // its buffer (nothing copied), metadata as owned items.
        for item in held {
            if self.stop_requested() {
                return Ok(());
            }
            processor.handle(&item, sink).map_err(Stop::Sink)?;
            self.count_item(reader, bytes);
        }
        loop {
            if self.stop_requested() {
                return Ok(());
            }
            match reader.read_item_ref() {
                Ok(Some(NextRef::Event(ev))) => processor.handle_event_ref(ev, sink),
                Ok(Some(NextRef::Item(item))) => processor.handle(&item, sink),
                Ok(Some(_)) => continue,
                Ok(None) => return Ok(()),
                Err(e) => return Err(Stop::Capture(e)),
            }
            .map_err(Stop::Sink)?;
            self.count_item(reader, bytes);
        }
    }

    /// Whether an exit was asked for: the replay then stops early, which
    /// the stats and the log say.
    fn stop_requested(&mut self) -> bool {
        let stop = self.exit.is_requested();
        if stop {
            info!("exit requested: stopping");
            self.stats.exited_early = true;
        }
        stop
    }

    /// Counts one item handled, and reports progress now and then.
    #[inline]
    fn count_item(&mut self, reader: &ScapReader<Counted<File>>, bytes: &AtomicU64) {
        self.stats.items += 1;
        if self.stats.items.is_multiple_of(PROGRESS_EVERY) {
            self.stats.bytes_read = bytes.load(Ordering::Relaxed);
            self.stats.events = reader.events_read();
            self.report_progress();
        }
    }

    fn report_progress(&mut self) {
        if let Some(f) = self.progress.as_mut() {
            f(&Progress {
                bytes_read: self.stats.bytes_read,
                bytes_total: self.stats.bytes_total,
                items: self.stats.items,
                events: self.stats.events,
            });
        }
    }
}

/// The configured outputs, as one fan-out in the order file, socket,
/// callback.
struct Outputs {
    sink: MultiSink,
    kinds: Vec<OutputKind>,
    /// The first `.sf` file.
    first_file: Option<PathBuf>,
}

impl Outputs {
    /// Opens every configured output: the first file (and its header), the
    /// socket connection (an absent server is not an error), the callback.
    fn open(
        config: &SysFlowConfig,
        exporter: &str,
        naming: Naming,
        now_secs: u64,
    ) -> Result<Outputs, SysFlowError> {
        let mut sinks: Vec<BoxedSink> = Vec::new();
        let mut kinds = Vec::new();
        let mut first_file = None;
        if let Some(path) = &config.file_path {
            let mut file = FileSinkConfig::new(path, naming, exporter, &config.node_ip);
            file.writer_options.compression_level = config.effective_compression_level();
            file.writer_options.codec = config.file_codec;
            // Capture files keep zlib and so the reference's bytes; live
            // files only need to be fast to write.
            if config.scap_input_path.is_none() {
                file.writer_options.deflate_engine = DeflateEngine::ZlibRs;
            }
            let file = FileSink::create(file, now_secs)?;
            first_file = Some(file.path().to_path_buf());
            sinks.push(Box::new(file));
            kinds.push(OutputKind::File);
        }
        if let Some(path) = &config.socket_path {
            let mut socket = SocketSinkConfig::new(path, exporter, &config.node_ip);
            socket.allow_foreign_socket = config.allow_foreign_socket;
            sinks.push(Box::new(SocketSink::connect(socket)?));
            kinds.push(OutputKind::Socket);
        }
        if let Some(callback) = config.callback.clone() {
            sinks.push(Box::new(CallbackSink::new(
                exporter,
                &config.node_ip,
                move |r: &sysflow_export::CallbackRecord<'_>| callback.call(r),
            )));
            kinds.push(OutputKind::Callback);
        }
        // Unlike the reference, an output that fails is closed and the
        // others go on; the run reports it at its end.
        Ok(Outputs {
            sink: MultiSink::with_policy(sinks, OnSinkError::Isolate),
            kinds,
            first_file,
        })
    }

    /// The outputs that failed and were set aside while the others went
    /// on, as the run's errors (each was logged when it failed).
    fn failures(&mut self) -> Vec<SysFlowError> {
        let paths: Vec<Option<PathBuf>> = self
            .sink
            .sinks()
            .map(|s| s.path().map(Path::to_path_buf))
            .collect();
        self.sink
            .take_failures()
            .into_iter()
            .map(|(i, e)| SysFlowError::OutputFailed {
                kind: self.kinds.get(i).copied().unwrap_or(OutputKind::File),
                path: paths.get(i).cloned().flatten(),
                source: Box::new(SysFlowError::Export(e)),
            })
            .collect()
    }

    /// For logs: `file out.sf, socket /run/sf.sock, callback`.
    fn describe(&self) -> String {
        let described: Vec<String> = self
            .kinds
            .iter()
            .zip(self.sink.sinks())
            .map(|(kind, sink)| match sink.path() {
                Some(p) => format!("{} {}", kind_name(*kind), p.display()),
                None => kind_name(*kind).to_owned(),
            })
            .collect();
        described.join(", ")
    }

    /// Copies the outputs' counters into the run's stats.
    fn report(&self, stats: &mut DriverStats) {
        stats.outputs = out_stats_of(&self.sink, &self.kinds);
        if let Some(first) = stats.outputs.first() {
            stats.records = first.sink.sent;
        }
        if let Some((files, path)) = stats
            .output(OutputKind::File)
            .map(|f| (f.sink.segments, f.path.clone()))
        {
            stats.files = files;
            stats.output = path;
            stats.first_output = self.first_file.clone();
        }
    }
}

impl Outputs {
    /// After the file output failed writing: counts as written only what a
    /// reader gets back from its failed file (its complete blocks), on top
    /// of `file_base`, what the files before it took. The file sink counts
    /// a record when its block takes it, and a block that never reached
    /// the disk took it all the same.
    fn count_only_written(
        &self,
        stats: &mut DriverStats,
        run_error: Option<&SysFlowError>,
        file_base: &[u64; 12],
    ) {
        let Some(i) = self.kinds.iter().position(|k| *k == OutputKind::File) else {
            return;
        };
        let Some(path) = self.sink.sinks().nth(i).and_then(|s| s.path()) else {
            return;
        };
        let failed = |e: &ExportError| matches!(e, ExportError::Write { path: p, .. } if p == path);
        let failed = matches!(run_error, Some(SysFlowError::Export(e)) if failed(e))
            || self.sink.failures().any(|(j, e)| j == i && failed(e));
        let Some(output) = stats.outputs.get_mut(i).filter(|_| failed) else {
            return;
        };
        let readable = readable_records(path);
        let mut lost = 0;
        for ((sent, base), got) in output.sink.sent.iter_mut().zip(file_base).zip(readable) {
            let written = base.saturating_add(got).min(*sent);
            lost += *sent - written;
            *sent = written;
        }
        if lost > 0 {
            warn!(path = %path.display(), lost, "records taken by the failed output file never reached it");
        }
        if i == 0 {
            stats.records = output.sink.sent;
        }
    }
}

/// What the file output took so far, by record type (zeros without one).
fn file_sent(sink: &MultiSink, kinds: &[OutputKind]) -> [u64; 12] {
    kinds
        .iter()
        .zip(sink.sinks())
        .find(|(k, _)| **k == OutputKind::File)
        .map_or([0; 12], |(_, s)| s.stats().sent)
}

/// The records, by type, that a reader gets from the `.sf` file at `path`:
/// those of its complete blocks, up to the first fault.
fn readable_records(path: &Path) -> [u64; 12] {
    let mut counts = [0; 12];
    let Ok(reader) = sysflow_types::SfReader::open(path) else {
        return counts;
    };
    for rec in reader.map_while(Result::ok) {
        if let Some(n) = counts.get_mut(rec.record_type().index()) {
            *n += 1;
        }
    }
    counts
}

/// The error of a run whose SysFlow outputs all failed: the first one's
/// (the others were logged), rather than the fan-out's summary.
fn fatal(sink: &mut MultiSink, e: ExportError) -> SysFlowError {
    match e {
        ExportError::AllFailed { .. } => match sink.take_failures().into_iter().next() {
            Some((_, first)) => SysFlowError::Export(first),
            None => SysFlowError::Export(e),
        },
        e => SysFlowError::Export(e),
    }
}

fn kind_name(kind: OutputKind) -> &'static str {
    match kind {
        OutputKind::File => "file",
        OutputKind::Socket => "socket",
        OutputKind::Callback => "callback",
        OutputKind::Scap => "scap",
    }
}

/// Each output's counters; the kinds are in the same order as the sinks.
fn out_stats_of(sink: &MultiSink, kinds: &[OutputKind]) -> Vec<OutputStats> {
    kinds
        .iter()
        .zip(sink.sinks().zip(sink.each_stats()))
        .map(|(kind, (s, stats))| OutputStats {
            kind: *kind,
            path: s.path().map(Path::to_path_buf),
            sink: stats,
        })
        .collect()
}

/// `enableStats`: cache sizes and each output's counters, at rotations and
/// at the end of a run.
fn log_stats(core: &CoreStats, outputs: &[OutputStats], when: &str) {
    info!(
        when,
        events = core.events,
        processes = core.processes,
        threads = core.threads,
        fd_tables = core.fd_tables,
        file_flows = core.file_flows,
        network_flows = core.network_flows,
        records = core.records_total(),
        evictions = core.evictions_total(),
        "stats"
    );
    for o in outputs {
        info!(
            when,
            output = ?o.path,
            sent = o.sink.sent_total(),
            dropped = o.sink.dropped_total(),
            reconnects = o.sink.reconnects,
            segments = o.sink.segments,
            bytes = o.sink.bytes,
            "output stats"
        );
    }
}

/// A live capture being saved as a scap file.
struct ScapOut {
    path: PathBuf,
    writer: ScapWriter<BufWriter<File>>,
}

impl ScapOut {
    /// Creates the file and writes the machine info and the `/proc` scan;
    /// `time_named`: `path` is made of the time (a rotated file).
    fn create(
        path: PathBuf,
        time_named: bool,
        proc_items: &[Item],
    ) -> Result<ScapOut, SysFlowError> {
        // The capture holds every process's command line and environment:
        // created exclusively and readable by the owner only, as `.sf` files
        // are; a name taken by anything but a regular file of our own (a
        // planted file or link) is refused, never written. A rotated file's
        // name is made of the time: it never replaces a file of our own,
        // and takes the next of NAME.1, NAME.2, … instead.
        let (file, path) = if time_named {
            sysflow_export::create_unused_output_file(&path, 0o600)?
        } else {
            (sysflow_export::create_output_file(&path, 0o600)?, path)
        };
        let written = ScapWriter::new(BufWriter::new(file)).and_then(|mut writer| {
            writer.write_item(&Item::Machine(sysflow_capture::machine_info()))?;
            for item in proc_items {
                writer.write_item(item)?;
            }
            Ok(writer)
        });
        match written {
            Ok(writer) => Ok(ScapOut { path, writer }),
            Err(e) => {
                // Created here and never complete: not left behind.
                let _ = fs::remove_file(&path);
                Err(SysFlowError::scap_output(path, scap_io(e)))
            }
        }
    }

    fn event(&mut self, ev: &Event) -> Result<(), SysFlowError> {
        self.writer
            .write_event(ev)
            .map_err(|e| SysFlowError::scap_output(self.path.clone(), scap_io(e)))
    }

    fn finish(self) -> Result<(), SysFlowError> {
        let path = self.path;
        let out = self
            .writer
            .finish()
            .map_err(|e| SysFlowError::scap_output(path.clone(), scap_io(e)))?;
        out.into_inner()
            .map_err(|e| SysFlowError::scap_output(path, e.into_error()))
            .map(drop)
    }

    /// Removes the file of a run that failed before capturing anything.
    fn discard(self) {
        let path = self.path.clone();
        drop(self);
        let _ = fs::remove_file(&path);
    }
}

/// The saved live capture: one scap file, or with rotation one per
/// `rotate_interval` and per `scap_output_size_limit`, each a capture of its
/// own that starts with the machine and a new `/proc` scan.
struct ScapFiles {
    /// The configured path: the file, or the prefix of rotated files.
    path: PathBuf,
    rotating: bool,
    size_limit: Option<u64>,
    current: ScapOut,
    first: PathBuf,
    files: u64,
}

impl ScapFiles {
    fn create(
        path: PathBuf,
        rotating: bool,
        size_limit: Option<u64>,
        now_secs: u64,
        proc_items: &[Item],
    ) -> Result<ScapFiles, SysFlowError> {
        let current = if rotating {
            ScapOut::create(rotated_scap_name(&path, now_secs), true, proc_items)?
        } else {
            ScapOut::create(path.clone(), false, proc_items)?
        };
        Ok(ScapFiles {
            path,
            rotating,
            size_limit,
            first: current.path.clone(),
            current,
            files: 1,
        })
    }

    fn event(&mut self, ev: &Event) -> Result<(), SysFlowError> {
        self.current.event(ev)
    }

    /// Whether the current file reached the size limit.
    fn full(&self) -> bool {
        self.size_limit
            .is_some_and(|limit| self.current.writer.bytes_written() >= limit)
    }

    /// Closes the current file and starts the next, named for `now_secs`,
    /// with the machine and `proc_items`, the threads and fds that exist
    /// now, so that it replays on its own.
    /// `described`: container events for the containers still known, so
    /// that the new file describes them too.
    fn rotate(
        &mut self,
        now_secs: u64,
        proc_items: &[Item],
        described: &[Event],
    ) -> Result<(), SysFlowError> {
        if !self.rotating {
            return Ok(());
        }
        let mut next = ScapOut::create(rotated_scap_name(&self.path, now_secs), true, proc_items)?;
        for ev in described {
            if let Err(e) = next.event(ev) {
                next.discard();
                return Err(e);
            }
        }
        let done = std::mem::replace(&mut self.current, next);
        self.files += 1;
        debug!(path = %self.current.path.display(), "saving the capture to a new file");
        done.finish()
    }

    fn report(&self, stats: &mut DriverStats) {
        stats.scap_files = self.files;
        stats.first_scap_output = Some(self.first.clone());
        stats.scap_output = Some(self.current.path.clone());
    }

    fn finish(self) -> Result<(), SysFlowError> {
        self.current.finish()
    }

    fn discard(self) {
        self.current.discard();
    }

    /// Closes a saved capture that could not be written (what its last
    /// file holds may lack its tail), says so and counts its files; returns
    /// the run's report of it.
    fn abandon(
        scap: &mut Option<ScapFiles>,
        e: SysFlowError,
        stats: &mut DriverStats,
    ) -> SysFlowError {
        let path = scap.as_ref().map(|s| s.current.path.clone());
        error!(path = ?path, error = %e, "cannot write the saved capture; it is closed and the SysFlow outputs go on");
        if let Some(s) = scap.take() {
            s.report(stats);
            // It failed already: whatever finishing it says adds nothing.
            let _ = s.finish();
        }
        SysFlowError::OutputFailed {
            kind: OutputKind::Scap,
            path,
            source: Box::new(e),
        }
    }
}

/// A rotated scap file's name: `PATH.<secs>`, by sysflow-export's rule for
/// rotated `.sf` files (creating it takes `PATH.<secs>.1`, … for the further
/// files of one second).
fn rotated_scap_name(path: &Path, secs: u64) -> PathBuf {
    sysflow_export::file_name(path, Naming::Timestamped, secs)
}

/// The IO error under a scap writer's error.
fn scap_io(e: CaptureError) -> io::Error {
    match e {
        CaptureError::Write { source, .. } | CaptureError::Io { source, .. } => source,
        other => io::Error::other(other),
    }
}

/// The one shared ring's size: half the memory of the buffers the
/// reference's modern probe would make, `singleBufferDimension` each, one
/// per `cpuBuffers` CPUs (0: one per CPU), as a power of two between one
/// page and 1 GiB (the kernel's constraints). Half, because it holds as
/// many events: our probe's read and write records, the bulk of a capture,
/// take 40 bytes of ring, the reference's over 100 (with their data); and
/// the whole ring counts in the collector's RSS.
fn ring_bytes(per_buffer: usize, cpus_per_buffer: u32, cpus: usize) -> u32 {
    let buffers = match usize::try_from(cpus_per_buffer) {
        Ok(0) | Err(_) => cpus,
        Ok(n) => cpus.div_ceil(n),
    };
    let total = (per_buffer.saturating_mul(buffers.max(1)) / 2).clamp(4096, 1 << 30);
    u32::try_from(total.next_power_of_two()).unwrap_or(1 << 30)
}

/// Fails unless the directory the output goes to exists.
fn check_output_dir(output: &Path) -> Result<(), SysFlowError> {
    let dir = if sysflow_export::is_prefix(output) {
        match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    } else if output.as_os_str().is_empty() {
        Path::new(".")
    } else {
        output
    };
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(SysFlowError::OutputDir {
            path: dir.to_path_buf(),
            source: io::Error::other("not a directory"),
        }),
        Err(source) => Err(SysFlowError::OutputDir {
            path: dir.to_path_buf(),
            source,
        }),
    }
}

/// The capture to read: the file at `path`, or a duplicate of standard
/// input for [`STDIN_PATH`].
pub(crate) fn open_input(path: &Path) -> io::Result<File> {
    if path == Path::new(STDIN_PATH) {
        use std::os::fd::AsFd;
        return Ok(File::from(io::stdin().as_fd().try_clone_to_owned()?));
    }
    File::open(path)
}

/// Fails early (before the probe loads, which takes seconds) when the
/// saved capture's directory is missing, or, when its file is named exactly
/// (no rotation), what is at its path makes creating it fail: a symbolic
/// link, which is never followed, or a directory.
fn check_scap_output(path: &Path, rotates: bool) -> Result<(), SysFlowError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Err(source) = fs::metadata(dir).and_then(|m| {
        if m.is_dir() {
            Ok(())
        } else {
            Err(io::Error::from_raw_os_error(libc::ENOTDIR))
        }
    }) {
        return Err(SysFlowError::scap_output(path.to_path_buf(), source));
    }
    let errno = match fs::symlink_metadata(path) {
        Ok(_) if rotates => return Ok(()),
        Ok(m) if m.file_type().is_symlink() => libc::ELOOP,
        Ok(m) if m.is_dir() => libc::EISDIR,
        _ => return Ok(()),
    };
    Err(SysFlowError::scap_output(
        path.to_path_buf(),
        io::Error::from_raw_os_error(errno),
    ))
}

/// This machine's host name, the exporter when neither the configuration
/// nor the capture gives one.
fn local_hostname() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;

/// Compiles a `falco_filter` (none for `None` or an expression of blanks).
pub(crate) fn compile_filter(
    expr: Option<&str>,
) -> Result<Option<Arc<sysflow_filter::Filter>>, SysFlowError> {
    match expr {
        Some(e) if !e.trim().is_empty() => {
            let filter = sysflow_filter::compile(e)?;
            info!(filter = %e, "events are filtered");
            Ok(Some(Arc::new(filter)))
        }
        _ => Ok(None),
    }
}
