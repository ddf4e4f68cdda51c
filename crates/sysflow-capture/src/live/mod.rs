//! Live capture through sysflow-rs's own CO-RE eBPF probe (feature `ebpf`).
//!
//! [`LiveCapture::start`] runs the driver checks ([`check_live_support`]),
//! loads the committed probe object (`bpf/probe.bpf.o`, built by
//! `cargo xtask bpf`) with aya, relocating it against the running kernel's
//! BTF, and attaches its two `tp_btf` programs: `sys_exit` (exit-only
//! syscall capture) and `sched_process_exit`. The probe writes Falco events
//! into one BPF ring buffer, each record the body of a scap EV block, so they
//! are decoded by the same code as events read from capture files.
//! [`LiveCapture`] implements [`EventSource`]; a [`StopHandle`] ends the
//! stream: the programs are detached, the ring is drained, then `Ok(None)`.
//! [`LiveCapture::take_proc_items`] gives the threads and fds that existed
//! at start ([`scan_proc`]), like the metadata blocks of a capture file;
//! fds received later with SCM_RIGHTS are described by the probe itself,
//! with task_file events that follow their recvmsg.

mod background;
mod cgroups;
mod driver;
mod error;
mod machine;
mod order;
mod privileges;
mod proc_scan;
mod ring;
mod syscalls;
// Generated from bpf/event.h by `cargo xtask bpf`: C names, not all used.
#[allow(non_camel_case_types, non_upper_case_globals, dead_code)]
mod event_gen;
#[cfg(test)]
mod tests;

use std::io;
use std::os::fd::{AsFd, AsRawFd};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use aya::maps::{Map, MapData, PerCpuArray, ProgramArray};
use aya::programs::BtfTracePoint;
use aya::{Btf, Ebpf, EbpfLoader};

use crate::error::{CaptureError, EventDefect};
use crate::event::Event;
use crate::reader::Item;
use crate::source::EventSource;

pub use driver::check_live_support;
pub use error::{LiveError, LoaderError};
pub use machine::machine_info;
pub use privileges::{KeptPrivileges, drop_thread_privileges};
pub use proc_scan::scan_proc;

/// The probe, compiled and committed by `cargo xtask bpf`.
static PROBE: &[u8] = include_bytes!("../../bpf/probe.bpf.o");

/// The probe's programs: (program, tracepoint, load step, attach step).
const PROGRAMS: [(&str, &str, &str); 2] = [
    ("sf_sys_exit", "sys_exit", "attach program sf_sys_exit"),
    (
        "sf_sched_process_exit",
        "sched_process_exit",
        "attach program sf_sched_process_exit",
    ),
];

/// Programs `sf_sys_exit` tail-calls, by their slot in the `tails` map
/// (`sf_tail` in the header): loaded, never attached.
const TAILS: [(&str, u32); 3] = [
    ("sf_exit_execve", event_gen::sf_tail_SF_TAIL_EXECVE),
    ("sf_exit_clone", event_gen::sf_tail_SF_TAIL_CLONE),
    ("sf_exit_recv_fds", event_gen::sf_tail_SF_TAIL_RECV_FDS),
];

// SAFETY: `sf_stats` is a `#[repr(C)]` struct of seven u64s generated from
// the probe's header: no padding, and every bit pattern is a valid value,
// which is what aya's `Pod` requires to copy it out of a map.
unsafe impl aya::Pod for event_gen::sf_stats {}

/// Settings of a live capture.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LiveConfig {
    /// Size of the ring buffer in bytes (a power of two, multiple of the
    /// page size).
    pub ring_bytes: u32,
    /// Wake the reader only once this many bytes are pending (0: at every
    /// event); in between it polls every `poll_timeout`.
    pub wakeup_bytes: u64,
    /// Longest wait for events before checking for a stop request, while
    /// the ring fills at a fair rate; while it fills slowly, up to three
    /// times as long (events then wait for the reader that long, at most,
    /// below `wakeup_bytes`).
    pub poll_timeout: Duration,
    /// Also capture the calling process (excluded by default, since reading
    /// the ring and writing the output would otherwise feed back).
    pub capture_self: bool,
    /// Capture only these syscalls (by name, exactly these: for SysFlow,
    /// `sysflow_core::CollectionMode::syscalls` adds what state tracking
    /// needs), selected in the kernel; `None` captures every syscall the
    /// probe knows.
    pub syscalls: Option<Vec<String>>,
    /// Drop mode's sampling ratio n: outside the first 1/n of each second
    /// only process lifecycle, working directory changes and fd creation
    /// and closing are captured (the reference's `samplingRatio`); 1 keeps
    /// everything.
    pub sampling_ratio: u32,
    /// Empty the environment of every captured process, in the `/proc`
    /// scan's items and in execve events, before they are returned: a
    /// capture saved from them can be shared.
    pub scrub_env: bool,
    /// Run the thread that polls the capture at idle priority
    /// (`SCHED_IDLE`) while the ring has room, so that the workload goes
    /// first; a watchdog raises it to normal priority once an eighth of
    /// the ring is pending, and lowers it again after a calm second. Needs
    /// CAP_SYS_NICE (root has it); without it the capture stays at normal
    /// priority and says so in a warning. Off by default.
    pub background: bool,
    /// Names of other threads of this process that follow the polling
    /// thread's priority in [`background`](LiveConfig::background) mode
    /// (an output's worker threads), found by their name at each change.
    pub background_threads: Vec<String>,
}

impl Default for LiveConfig {
    /// A 16 MiB ring, wakeups every 256 KiB, 10 ms polls, self excluded: the
    /// settings measured in `ebpf-notes.md` to give no drops.
    fn default() -> Self {
        LiveConfig {
            ring_bytes: 16 << 20,
            wakeup_bytes: 256 << 10,
            poll_timeout: Duration::from_millis(10),
            capture_self: false,
            syscalls: None,
            sampling_ratio: 1,
            scrub_env: false,
            background: false,
            background_threads: Vec::new(),
        }
    }
}

/// Counters of a live capture.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LiveStats {
    /// Events the probe put into the ring (all CPUs).
    pub submitted: u64,
    /// Events lost because the ring was full.
    pub drops_full: u64,
    /// Events lost because they did not fit the probe's scratch buffer.
    pub drops_too_large: u64,
    /// Events lost by a fault of the probe itself (a tail-call slot the
    /// loader left empty); never expected.
    pub drops_internal: u64,
    /// Fds received with SCM_RIGHTS that got no event because their
    /// message passed more than the probe describes (16).
    pub drops_received_fds: u64,
    /// Records read from the ring by this engine. After a stop it equals
    /// `submitted`, unless a program was still committing long after the
    /// detach.
    pub read: u64,
    /// Events that arrived after a later event had been released: out of
    /// timestamp order by more than the reorder window (1 ms). Processed
    /// anyway, late.
    pub late: u64,
    /// Threads whose cgroups could not be read (they were gone from
    /// `/proc` before their exec or clone was processed, and no earlier
    /// thread had the same cgroups): they keep their parent's container.
    pub cgroups_unresolved: u64,
    /// In [`LiveConfig::background`] mode, times the collector went from
    /// idle to normal priority because its ring was filling.
    pub priority_raised: u64,
    /// Fds received with SCM_RIGHTS that the probe described (task_file
    /// events submitted after their recvmsg or recvmmsg).
    pub received_fds: u64,
}

/// Ends a live capture from another thread or a signal handler's thread.
#[derive(Debug, Clone)]
pub struct StopHandle(Arc<AtomicBool>);

impl StopHandle {
    /// Ask the capture to stop: it detaches the probe, returns what is still
    /// in the ring, then ends the stream.
    pub fn stop(&self) {
        self.0.store(true, Ordering::Release);
    }
}

/// A slowly filling ring is waited for up to this many poll timeouts
/// ([`LiveCapture::wait_timeout`]).
const SLOW_RING_WAITS: u32 = 3;
/// ... as long as it holds at most this share of its size (1/64) by then.
const SLOW_RING_SHARE: u64 = 64;

/// How long a stopped capture keeps draining its ring before it ends.
const DRAIN_AFTER_STOP: Duration = Duration::from_secs(5);

/// A running live capture; an [`EventSource`] of Falco events.
pub struct LiveCapture {
    /// The loaded programs and their links; dropped (detached) on stop.
    ebpf: Option<Ebpf>,
    ring: ring::Ring,
    stats: PerCpuArray<MapData, event_gen::sf_stats>,
    stop: Arc<AtomicBool>,
    /// With `stop`: end without draining the ring ([`LiveCapture::skip_drain_on`]).
    skip_drain: Arc<AtomicBool>,
    poll_timeout: Duration,
    /// The ring's size in bytes.
    ring_bytes: u64,
    /// When the last wait started, and the ring's read position then.
    last_wait: Option<(Instant, u64)>,
    read: u64,
    done: bool,
    /// The `/proc` scan taken once the probe was attached.
    proc_items: Vec<Item>,
    /// Events read but not yet released in timestamp order.
    reorder: order::Reorder,
    /// Events handed back through [`LiveCapture::recycle`], decoded into
    /// again: an event's two buffers are otherwise allocated per event.
    pool: Vec<Event>,
    /// Cgroup lists for the probe's cgroup keys.
    cgroups: cgroups::CgroupLists,
    /// Buffer bytes of the events in `pool`.
    pool_bytes: usize,
    /// [`LiveConfig::scrub_env`].
    scrub_env: bool,
    /// After a stop, when draining the ring gives up.
    drain_until: Option<Instant>,
    /// [`LiveConfig::background`]: what the first poll needs to start it.
    background_pending: Option<(background::RingLevel, Vec<String>)>,
    /// The watchdog of background mode, from the first poll to the stop.
    background: Option<background::Background>,
    /// Raises counted by a watchdog that has stopped.
    priority_raised: u64,
    /// [`LiveConfig::background`], which keeps CAP_SYS_NICE in
    /// [`drop_privileges`](LiveCapture::drop_privileges).
    background_mode: bool,
}

impl std::fmt::Debug for LiveCapture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveCapture")
            .field("attached", &self.ebpf.is_some())
            .field("read", &self.read)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// Lines of the verifier's log kept in [`LiveError::Verifier`].
const VERIFIER_LOG_LINES: usize = 20;

/// The last `n` lines of a log.
pub(crate) fn log_tail(log: &str, n: usize) -> String {
    let lines: Vec<&str> = log.trim_end().lines().collect();
    lines
        .get(lines.len().saturating_sub(n)..)
        .unwrap_or_default()
        .join("\n")
}

fn load_err<E>(step: &'static str) -> impl FnOnce(E) -> LiveError
where
    E: std::error::Error + Send + Sync + 'static,
{
    move |e| LiveError::Load {
        step,
        source: Box::new(e),
    }
}

/// What the loader thread needs to load the probe: the global values the
/// configuration sets, computed on the caller's thread.
struct LoadPlan {
    selection: Option<[u8; 512]>,
    self_tgid: u32,
    boot_epoch: u64,
    wakeup_bytes: u64,
    sampling_ratio: u32,
    ring_bytes: u32,
}

/// How often a start waiting for the loader thread looks at its stop flag.
const LOAD_STOP_CHECK: Duration = Duration::from_millis(20);

impl LoadPlan {
    /// Reads the kernel's BTF, loads the object (CO-RE relocation, maps) and
    /// every program, and fills the tail-call slots: everything but the
    /// attach, which is what takes time (the verifier needs over a second
    /// for `sf_exit_execve` on a busy 2-CPU machine).
    fn load(self) -> Result<Ebpf, LiveError> {
        let btf = Btf::from_sys_fs().map_err(load_err("read kernel BTF"))?;
        let mut loader = EbpfLoader::new();
        if let Some(table) = &self.selection {
            loader.override_global("sc_enabled", &table[..], true);
        }
        let mut ebpf = loader
            .btf(Some(&btf))
            .override_global("self_tgid", &self.self_tgid, true)
            .override_global("boot_epoch_ns", &self.boot_epoch, true)
            .override_global("wakeup_bytes", &self.wakeup_bytes, true)
            .override_global("sampling_ratio", &self.sampling_ratio, true)
            .map_max_entries("events", self.ring_bytes)
            .load(PROBE)
            .map_err(load_err("load probe object"))?;
        // Everything is loaded and the tail-call slots are filled before
        // anything is attached, so that no process event finds a slot empty.
        let tails = TAILS.iter().map(|&(name, _)| (name, "sys_exit"));
        let all = PROGRAMS
            .iter()
            .map(|&(name, tp, _)| (name, tp))
            .chain(tails);
        for (name, tracepoint) in all {
            let program = btf_program(&mut ebpf, name, "load a program")?;
            program.load(tracepoint, &btf).map_err(|e| match e {
                aya::programs::ProgramError::LoadError {
                    io_error,
                    verifier_log,
                } => LiveError::Verifier {
                    program: name,
                    source: io_error,
                    log_tail: log_tail(&format!("{verifier_log:?}"), VERIFIER_LOG_LINES),
                },
                other => load_err("load a program")(other),
            })?;
        }
        fill_tails(&mut ebpf)?;
        Ok(ebpf)
    }

    /// [`LoadPlan::load`] on a thread of its own that blocks every signal,
    /// while this thread waits for it and looks at `stop` every
    /// [`LOAD_STOP_CHECK`]: `Ok(None)` as soon as a stop is asked for.
    ///
    /// A signal that reaches a thread inside the verifier makes the load
    /// fail with `EAGAIN`, which aya retries with the verifier's log on:
    /// several whole verifications more, seconds in all. Blocked in the
    /// loader, the signal goes to another thread (the caller's, which sets
    /// the stop flag in its handler), and the load is never interrupted. A
    /// loader abandoned on a stop finishes in the background and drops what
    /// it loaded: nothing was attached.
    fn load_until(self, stop: &AtomicBool) -> Result<Option<Ebpf>, LiveError> {
        let (done, result) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("sf-probe-load".into())
            .spawn(move || {
                block_signals();
                // The receiver is gone when the start was abandoned.
                let _ = done.send(self.load());
            })
            .map_err(load_err("start the loader thread"))?;
        loop {
            if stop.load(Ordering::Acquire) {
                return Ok(None);
            }
            match result.recv_timeout(LOAD_STOP_CHECK) {
                Ok(loaded) => return loaded.map(Some),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(load_err("load the probe")(io::Error::other(
                        "the loader thread ended without a result",
                    )));
                }
            }
        }
    }
}

/// Blocks every signal in the calling thread, so that the process's
/// signals go to its other threads.
fn block_signals() {
    // SAFETY: `set` is a valid, exclusively borrowed sigset_t that
    // sigfillset initialises before pthread_sigmask reads it; a null old
    // set is allowed. Only the calling thread's mask changes.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut set);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}

impl LiveCapture {
    /// Check, load and attach the probe; events flow from now on.
    pub fn start(config: &LiveConfig) -> Result<LiveCapture, LiveError> {
        // Nothing else holds the flag: the start is never abandoned.
        LiveCapture::start_until(config, Arc::new(AtomicBool::new(false)))?.ok_or_else(|| {
            load_err("start the capture")(io::Error::other("stopped before it started"))
        })
    }

    /// [`start`](LiveCapture::start), unless `stop` becomes true first:
    /// then the start is abandoned within a few tens of milliseconds, even
    /// while the kernel's verifier checks the probe, nothing is attached, and
    /// the result is `Ok(None)`. A capture that started stops when `stop`
    /// becomes true (as with [`stop_on`](LiveCapture::stop_on)).
    pub fn start_until(
        config: &LiveConfig,
        stop: Arc<AtomicBool>,
    ) -> Result<Option<LiveCapture>, LiveError> {
        check_live_support()?;
        let self_tgid: u32 = if config.capture_self {
            0
        } else {
            std::process::id()
        };
        let selection = match &config.syscalls {
            Some(names) => Some(syscalls::table(names.iter().map(String::as_str))?),
            None => None,
        };
        let plan = LoadPlan {
            selection,
            self_tgid,
            boot_epoch: boot_epoch_ns()?,
            wakeup_bytes: config.wakeup_bytes,
            sampling_ratio: config.sampling_ratio.max(1),
            ring_bytes: config.ring_bytes,
        };
        let Some(mut ebpf) = plan.load_until(&stop)? else {
            return Ok(None);
        };
        if stop.load(Ordering::Acquire) {
            return Ok(None);
        }
        for (name, _, attach_step) in PROGRAMS {
            btf_program(&mut ebpf, name, attach_step)?
                .attach()
                .map_err(load_err(attach_step))?;
        }
        let ring = ebpf.take_map("events").ok_or(LiveError::Missing {
            kind: "map",
            name: "events",
        })?;
        let Map::RingBuf(ring) = ring else {
            return Err(load_err("open ring buffer")(io::Error::other(
                "map `events` is not a ring buffer",
            )));
        };
        let ring =
            ring::Ring::new(ring, config.ring_bytes).map_err(load_err("open ring buffer"))?;
        let background_pending = if config.background {
            let level = background::RingLevel::open(ring.as_fd(), u64::from(config.ring_bytes))
                .map_err(load_err("map the ring's positions"))?;
            Some((level, config.background_threads.clone()))
        } else {
            None
        };
        let stats = ebpf.take_map("stats").ok_or(LiveError::Missing {
            kind: "map",
            name: "stats",
        })?;
        let stats = PerCpuArray::try_from(stats).map_err(load_err("open stats map"))?;
        // After attaching, so that nothing falls between scan and capture
        // (what changes meanwhile shows up in both).
        let mut proc_items = scan_proc(std::path::Path::new("/proc"));
        if config.scrub_env {
            proc_items.iter_mut().for_each(scrub_item_env);
        }
        Ok(Some(LiveCapture {
            ebpf: Some(ebpf),
            drain_until: None,
            background_pending,
            background: None,
            priority_raised: 0,
            background_mode: config.background,
            ring,
            stats,
            stop,
            skip_drain: Arc::new(AtomicBool::new(false)),
            poll_timeout: config.poll_timeout,
            ring_bytes: u64::from(config.ring_bytes),
            last_wait: None,
            read: 0,
            done: false,
            proc_items,
            reorder: order::Reorder::default(),
            pool: Vec::new(),
            cgroups: cgroups::CgroupLists::new(),
            pool_bytes: 0,
            scrub_env: config.scrub_env,
        }))
    }

    /// The threads and fds that existed when capture started (process and
    /// fd items from a `/proc` scan), to seed state tracking before the
    /// first event; empty after the first call.
    pub fn take_proc_items(&mut self) -> Vec<Item> {
        std::mem::take(&mut self.proc_items)
    }

    /// A new `/proc` scan, like [`take_proc_items`](LiveCapture::take_proc_items)'s
    /// (environments emptied likewise with [`LiveConfig::scrub_env`]): the
    /// threads and fds that exist now, for a capture file that starts part
    /// way through the capture (a rotated copy). As at the start, what
    /// changes during the scan shows in the scan, in the events that follow,
    /// or in both.
    pub fn scan_proc_items(&self) -> Vec<Item> {
        let mut items = scan_proc(std::path::Path::new("/proc"));
        if self.scrub_env {
            items.iter_mut().for_each(scrub_item_env);
        }
        items
    }

    /// Drops the privileges the rest of the capture does not need, once the
    /// probe is attached and `/proc` scanned: every capability but those it
    /// still uses leaves the calling thread's effective, permitted and
    /// inheritable sets (and its bounding set, given CAP_SETPCAP), the
    /// ambient set is cleared and `no_new_privs` set. It keeps CAP_SYS_NICE
    /// in [`background`](LiveConfig::background) mode (to raise the
    /// collector from `SCHED_IDLE`), CAP_BPF on kernels older than 5.19 (to
    /// read the probe's counters) and CAP_SYS_PTRACE under a `/proc` mounted
    /// with `hidepid` that hides other users' processes from us (to read the
    /// cgroups of processes started later), and with `rescans_proc` (the
    /// program scans `/proc` again, [`scan_proc_items`](LiveCapture::scan_proc_items))
    /// CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH, which other users' fds and
    /// executables take; usually nothing else is needed. It returns what it
    /// kept.
    ///
    /// Anything the program opens afterwards is opened with its uid alone:
    /// files and sockets it may not reach without CAP_DAC_OVERRIDE (say, a
    /// directory of another user) fail.
    ///
    /// Capabilities are per thread: call it from the thread that polls the
    /// capture, before the program starts other threads (threads started
    /// later inherit the reduced sets). If another thread still holds more
    /// than was kept, the drop fails with [`LiveError::PrivilegedThreads`]
    /// (the calling thread has dropped them anyway).
    pub fn drop_privileges(&self, rescans_proc: bool) -> Result<KeptPrivileges, LiveError> {
        privileges::drop_privileges(self.background_mode, rescans_proc)
    }

    /// Stop when `flag` becomes true, instead of through [`StopHandle`]s
    /// (for a flag a signal handler sets).
    pub fn stop_on(&mut self, flag: Arc<AtomicBool>) {
        self.stop = flag;
    }

    /// Once `flag` is true, a stop ends the stream without draining the
    /// ring: the events the probe already wrote are left unread (submitted
    /// but not read in [`LiveStats`]), those read and held for ordering are
    /// still returned. For a second Ctrl-C, when the first one's drain
    /// (bounded at five seconds, under load) is too long to wait for.
    pub fn skip_drain_on(&mut self, flag: Arc<AtomicBool>) {
        self.skip_drain = flag;
    }

    /// A handle that stops this capture.
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(Arc::clone(&self.stop))
    }

    /// The kernel-side counters summed over CPUs, and the records read.
    pub fn stats(&self) -> Result<LiveStats, LiveError> {
        let per_cpu = self.stats.get(&0, 0).map_err(load_err("read stats map"))?;
        let mut s = LiveStats {
            read: self.read,
            late: self.reorder.late,
            cgroups_unresolved: self.cgroups.unresolved,
            priority_raised: self.priority_raised
                + self
                    .background
                    .as_ref()
                    .map_or(0, background::Background::raised),
            ..LiveStats::default()
        };
        for c in per_cpu.iter() {
            s.submitted = s.submitted.saturating_add(c.events);
            s.drops_full = s.drops_full.saturating_add(c.drops_full);
            s.drops_too_large = s.drops_too_large.saturating_add(c.drops_too_large);
            s.drops_internal = s.drops_internal.saturating_add(c.drops_internal);
            s.received_fds = s.received_fds.saturating_add(c.received_fds);
            s.drops_received_fds = s.drops_received_fds.saturating_add(c.drops_received_fds);
        }
        Ok(s)
    }

    /// How long the next [`wait`](LiveCapture::wait) may last: a poll
    /// timeout, or up to [`SLOW_RING_WAITS`] of them while the ring fills
    /// so slowly that it holds less than 1/[`SLOW_RING_SHARE`] of its size
    /// by then (at the rate it carried since the last wait).
    ///
    /// Below `wakeup_bytes` pending, the reader runs once a wait, so the
    /// wait sets how many events each of its wakeups handles, and each
    /// wakeup refills the caches the workload evicted: at 1,600 execs/s
    /// (about 25,000 events/s, 6 MB/s) 30 ms waits took less collector CPU
    /// than 10 ms ones. The bound on what the ring then holds keeps it well
    /// under what background mode calls calm (1/32 of the ring): with
    /// 30 ms waits at any rate, a host running such a workload kept the
    /// watchdog from ever lowering the collector's priority again. Falco's
    /// libscap likewise sleeps up to 30 ms while its buffers are empty.
    fn wait_timeout(&self, now: Instant) -> Duration {
        let base = self.poll_timeout;
        let longest = base.saturating_mul(SLOW_RING_WAITS);
        let Some((then, pos)) = self.last_wait else {
            return base;
        };
        let bytes = self.ring.position().saturating_sub(pos);
        if bytes == 0 {
            return longest;
        }
        // How long the ring takes to fill 1/SLOW_RING_SHARE at that rate.
        let secs = now.duration_since(then).as_secs_f64();
        let budget = (self.ring_bytes / SLOW_RING_SHARE) as f64;
        Duration::try_from_secs_f64(budget * secs / bytes as f64)
            .unwrap_or(longest)
            .clamp(base, longest)
    }

    /// Wait until the ring has data or the wait's timeout
    /// ([`wait_timeout`](LiveCapture::wait_timeout)) passes.
    fn wait(&mut self) -> Result<(), LiveError> {
        let now = Instant::now();
        let timeout = self.wait_timeout(now);
        self.last_wait = Some((now, self.ring.position()));
        let mut pfd = libc::pollfd {
            fd: self.ring.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
        // SAFETY: `pfd` is a valid pollfd that lives across the call, and
        // the count passed is 1; the fd is the ring's, open while `self` is.
        let r = unsafe { libc::poll(&mut pfd, 1, ms) };
        if r < 0 {
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(LiveError::Poll { source: e });
            }
        }
        Ok(())
    }
}

/// Program `name` of the object, which is a `tp_btf` program.
fn btf_program<'a>(
    ebpf: &'a mut Ebpf,
    name: &'static str,
    step: &'static str,
) -> Result<&'a mut BtfTracePoint, LiveError> {
    ebpf.program_mut(name)
        .ok_or(LiveError::Missing {
            kind: "program",
            name,
        })?
        .try_into()
        .map_err(load_err(step))
}

/// Puts the tail-called programs into their slots of the `tails` map. The
/// map stays in `ebpf`: the kernel empties a program array once no process
/// holds it open.
fn fill_tails(ebpf: &mut Ebpf) -> Result<(), LiveError> {
    let fds = TAILS
        .iter()
        .map(|&(name, slot)| {
            let fd = btf_program(ebpf, name, "fill the tail-call map")?
                .fd()
                .map_err(load_err("fill the tail-call map"))?
                .try_clone()
                .map_err(load_err("fill the tail-call map"))?;
            Ok((slot, fd))
        })
        .collect::<Result<Vec<_>, LiveError>>()?;
    let map = ebpf.map_mut("tails").ok_or(LiveError::Missing {
        kind: "map",
        name: "tails",
    })?;
    let mut tails = ProgramArray::try_from(map).map_err(load_err("fill the tail-call map"))?;
    for (slot, fd) in &fds {
        tails
            .set(*slot, fd, 0)
            .map_err(load_err("fill the tail-call map"))?;
    }
    Ok(())
}

/// The syscall names [`LiveConfig::syscalls`] accepts.
pub fn supported_syscalls() -> impl Iterator<Item = &'static str> {
    syscalls::SUPPORTED.iter().map(|(name, _)| *name)
}

/// Records taken from the ring before releasing held events. Small, because
/// the reorder window's deque never shrinks and its head walks all of its
/// capacity: with 4,096 the window cycled through ~400 KB of cold slots, and
/// `tar | cat` spent about 12% more collector CPU than with 256.
const BATCH: usize = 256;
/// Most buffer bytes [`LiveCapture::recycle`] keeps: enough for every event
/// a busy ring has in flight (a batch and the 1 ms reorder window, a few
/// thousand small events at 1.5 M events/s), so that decoding rarely
/// allocates; every byte here counts in the collector's RSS.
const POOL_BYTES: usize = 2 << 20;
/// Events whose buffers grew beyond this (an execve with a large
/// environment) are freed rather than kept.
const POOL_EVENT_BYTES: usize = 16 << 10;

/// What [`LiveCapture::poll_next`] found.
#[derive(Debug)]
#[non_exhaustive]
pub enum LiveNext {
    /// The next event in timestamp order.
    Event(Event),
    /// Nothing to release within the poll timeout: a chance for periodic
    /// work (flow export, rotation) on a quiet system.
    Idle,
    /// The capture was stopped and everything before the stop was returned.
    End,
}

impl LiveCapture {
    /// Hands back an event that [`poll_next`](LiveCapture::poll_next)
    /// returned and the caller is done with, so that its buffers are decoded
    /// into again instead of allocating new ones for each event. Optional:
    /// events not handed back are simply freed.
    pub fn recycle(&mut self, ev: Event) {
        let bytes = ev.capacity_bytes();
        if bytes <= POOL_EVENT_BYTES && self.pool_bytes + bytes <= POOL_BYTES {
            self.pool_bytes += bytes;
            self.pool.push(ev);
        }
    }

    /// The next event, or [`LiveNext::Idle`] after a poll timeout without
    /// one, or [`LiveNext::End`] once stopped and drained. Events come in
    /// timestamp order (see `order.rs`), a few milliseconds after they
    /// happen; after a stop, what the ring holds, drained for at most five
    /// seconds (the probe is detached at once). After an error or the end, it returns `End`.
    pub fn poll_next(&mut self) -> Result<LiveNext, CaptureError> {
        loop {
            if self.done {
                return Ok(LiveNext::End);
            }
            // The thread polling now is the collector's: background mode
            // starts here, not in `start`, which may run on another thread.
            if let Some((level, names)) = self.background_pending.take() {
                self.background = background::Background::start(level, names);
            }
            // Detach as soon as a stop is asked for, even while the ring is
            // busy, and drain for a bounded time only: a stop under load is
            // prompt even if the kernel keeps a detached program running for
            // a while. The drain runs at normal priority.
            if self.stop.load(Ordering::Acquire) {
                if let Some(b) = self.background.take() {
                    self.priority_raised += b.raised();
                }
                let skip_drain = self.skip_drain.load(Ordering::Acquire);
                if self.ebpf.take().is_some() {
                    // Programs running on other CPUs at that moment may still
                    // commit: give them a poll timeout before draining.
                    if !skip_drain {
                        std::thread::sleep(self.poll_timeout);
                    }
                    self.drain_until = Some(Instant::now() + DRAIN_AFTER_STOP);
                }
                if skip_drain || self.drain_until.is_some_and(|t| Instant::now() >= t) {
                    if let Some(ev) = self.reorder.pop() {
                        return Ok(LiveNext::Event(ev));
                    }
                    self.done = true;
                    return Ok(LiveNext::End);
                }
            }
            // Release what is ready before reading more: the ring, not this
            // process's memory, must absorb a consumer that lags (where it
            // overflows into counted drops). Pulling a batch for every event
            // returned grew the window without bound under load.
            if let Some(ev) = self.reorder.pop_ready(None) {
                return Ok(LiveNext::Event(ev));
            }
            let mut pulled = 0;
            while pulled < BATCH {
                let Some(record) = self.ring.next() else {
                    break;
                };
                pulled += 1;
                self.read += 1;
                let mut ev = match self.pool.pop() {
                    Some(ev) => {
                        self.pool_bytes = self.pool_bytes.saturating_sub(ev.capacity_bytes());
                        ev
                    }
                    None => Event::new(0, 0, 0, 0, &[]),
                };
                match decode_record_into(&mut ev, record, self.read) {
                    Ok(()) => {
                        self.cgroups.fill(&mut ev);
                        if self.scrub_env {
                            ev.scrub_env();
                        }
                        self.reorder.push(ev);
                    }
                    Err(e) => {
                        self.done = true;
                        return Err(e);
                    }
                }
            }
            // The batch is decoded: its space goes back to the probe.
            self.ring.publish();
            if let Some(ev) = self.reorder.pop_ready(None) {
                return Ok(LiveNext::Event(ev));
            }
            if pulled > 0 {
                continue;
            }
            if self.stop.load(Ordering::Acquire) && self.ebpf.is_none() {
                if let Some(ev) = self.reorder.pop() {
                    return Ok(LiveNext::Event(ev));
                }
                self.done = true;
                return Ok(LiveNext::End);
            }
            if let Err(e) = self.wait() {
                self.done = true;
                return Err(e.into());
            }
            // A quiet ring: release what the clock says is old enough.
            let now = clock_ns(libc::CLOCK_REALTIME).ok();
            return Ok(match self.reorder.pop_ready(now) {
                Some(ev) => LiveNext::Event(ev),
                None => LiveNext::Idle,
            });
        }
    }
}

impl EventSource for LiveCapture {
    /// [`LiveCapture::poll_next`], waiting through idle periods.
    fn next_event(&mut self) -> Result<Option<Event>, CaptureError> {
        loop {
            match self.poll_next()? {
                LiveNext::Event(ev) => return Ok(Some(ev)),
                LiveNext::Idle => {}
                LiveNext::End => return Ok(None),
            }
        }
    }
}

/// Empty a process item's environment (other items are left alone).
pub(crate) fn scrub_item_env(item: &mut Item) {
    if let Item::Process(p) = item
        && let Some(env) = p.env.as_mut()
    {
        env.clear();
    }
}

/// Decode one ring record (an EV block body: u16 cpu, then the event);
/// `index` is its 1-based position in the stream.
#[cfg(test)]
pub(crate) fn decode_record(record: &[u8], index: u64) -> Result<Event, CaptureError> {
    let mut ev = Event::new(0, 0, 0, 0, &[]);
    decode_record_into(&mut ev, record, index)?;
    Ok(ev)
}

/// [`decode_record`] into an event whose buffers are reused.
fn decode_record_into(ev: &mut Event, record: &[u8], index: u64) -> Result<(), CaptureError> {
    if let Some(compact) = compact_record(record) {
        ev.decode_from(&compact.body, false, 0, compact.cpu, None)?;
        ev.index = index;
        return Ok(());
    }
    let (cpu, body) = record
        .split_first_chunk::<2>()
        .ok_or(CaptureError::BadEvent {
            offset: 0,
            event_type: 0,
            defect: EventDefect::ShortHeader,
        })?;
    ev.decode_from(body, false, 0, u16::from_le_bytes(*cpu), None)?;
    ev.index = index;
    Ok(())
}

/// A read or write exit the probe wrote in compact form (`sf_rw_compact`),
/// rebuilt as the EV block body of the Falco event it stands for.
struct Compact {
    cpu: u16,
    /// Header (26 bytes), four u16 lengths, res, fd (as i64), size.
    body: [u8; COMPACT_BODY],
}

/// The Falco body of a compact record: header, lengths 8, 0, 8, 4, values.
const COMPACT_BODY: usize = 26 + 8 + 8 + 8 + 4;

/// The Falco event `record` stands for, when it is a compact one: 32 bytes
/// with `SF_COMPACT_MARK` in its first u16 (an EV body's cpu id there is
/// always below it).
fn compact_record(record: &[u8]) -> Option<Compact> {
    const MARK: u16 = event_gen::sf_compact_SF_COMPACT_MARK as u16;
    let r: &[u8; size_of::<event_gen::sf_rw_compact>()] = record.try_into().ok()?;
    let u16_at = |i: usize| u16::from_le_bytes([r[i], r[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    let u64_at = |i: usize| u64::from(u32_at(i)) | u64::from(u32_at(i + 4)) << 32;
    let cpu_mark = u16_at(0);
    if cpu_mark & MARK == 0 {
        return None;
    }
    let fd = i64::from(u32_at(24) as i32);
    let mut body = [0u8; COMPACT_BODY];
    let mut at = 0;
    let mut put = |bytes: &[u8]| {
        if let Some(slot) = body.get_mut(at..at + bytes.len()) {
            slot.copy_from_slice(bytes);
        }
        at += bytes.len();
    };
    put(&u64_at(8).to_le_bytes()); // ts
    put(&u64::from(u32_at(4)).to_le_bytes()); // tid
    put(&(COMPACT_BODY as u32).to_le_bytes()); // len
    put(&u16_at(2).to_le_bytes()); // type
    put(&4u32.to_le_bytes()); // nparams
    for len in [8u16, 0, 8, 4] {
        put(&len.to_le_bytes());
    }
    put(&u64_at(16).to_le_bytes()); // res
    put(&fd.to_le_bytes());
    put(&u32_at(28).to_le_bytes()); // size
    Some(Compact {
        cpu: cpu_mark & !MARK,
        body,
    })
}

/// CLOCK_REALTIME minus CLOCK_BOOTTIME: added in the probe to its boot-time
/// timestamps to give ns since the epoch.
fn boot_epoch_ns() -> Result<u64, LiveError> {
    Ok(clock_ns(libc::CLOCK_REALTIME)?.saturating_sub(clock_ns(libc::CLOCK_BOOTTIME)?))
}

fn clock_ns(clock: libc::clockid_t) -> Result<u64, LiveError> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, exclusively borrowed timespec for the call.
    let r = unsafe { libc::clock_gettime(clock, &mut ts) };
    if r != 0 {
        return Err(LiveError::Environment {
            what: "the clock",
            source: io::Error::last_os_error(),
        });
    }
    let secs = u64::try_from(ts.tv_sec).unwrap_or(0);
    let nanos = u64::try_from(ts.tv_nsec).unwrap_or(0);
    Ok(secs.saturating_mul(1_000_000_000).saturating_add(nanos))
}
