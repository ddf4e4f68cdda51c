//! Background scheduling: the collector yields the CPU to the workload it
//! watches while its ring has room, and competes for it as an equal once
//! the ring fills.
//!
//! The collector is latency-tolerant: the ring buffers its lag. At normal
//! priority it still takes the CPU from the tasks it watches whenever both
//! want it. Under `tar cf - /usr/share | cat` on 2 cores the capture thread
//! and `cat` share a CPU; each wait of `cat` behind the collector fills the
//! pipe and stalls `tar`. At `SCHED_IDLE` the workload always goes first,
//! and the pipeline's slowdown under capture fell from about 1.23x to 1.20x
//! (40 runs of each, alternated).
//!
//! An idle-priority thread starves on a saturated host, and a starved
//! collector drops events. So a watchdog thread at normal priority reads
//! how full the ring is every [`PERIOD`]: above [`RAISE_AT`] it puts the
//! collector's threads back to `SCHED_OTHER`; once the ring has stayed
//! below [`LOWER_BELOW`] for [`CALM`] they go idle again. At the probe's
//! peak rate (about 190 MB/s of records) a 16 MiB ring takes more than
//! 70 ms to fill from the raise mark; the watchdog looks every 10 ms, or
//! every [`QUIET_PERIOD`] while the ring is nearly empty (each wakeup costs
//! about 10 µs here, and from under 1/64 full the ring cannot pass half full
//! within 25 ms even at that rate). A smaller ring is watched more often, in
//! proportion to its size ([`PERIODS_RING`]).
//!
//! "The collector's threads" are the thread that polls the capture and the
//! process's threads with one of the names in [`LiveConfig::background_threads`]
//! (the `.sf` writer's deflate threads). Threads they spawn inherit their
//! policy, so the set always shares one policy.
//!
//! [`LiveConfig::background_threads`]: super::LiveConfig::background_threads

use std::fs;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tracing::{debug, warn};

/// How often the watchdog reads the ring's fill.
const PERIOD: Duration = Duration::from_millis(10);
/// How often it reads the fill while the ring is under 1/64 full and the
/// threads are idle.
const QUIET_PERIOD: Duration = Duration::from_millis(25);
/// The fill under which the ring counts as nearly empty (1/64).
const QUIET_BELOW: u64 = 64;
/// The threads are raised to normal priority once this share of the ring
/// (1/8) is pending.
const RAISE_AT: u64 = 8;
/// ... and go idle again once less than this share (1/32) has been pending
/// for [`CALM`].
const LOWER_BELOW: u64 = 32;
/// How long the ring must stay calm before the threads go idle again, so
/// that a sustained load does not flip the policy at every period.
const CALM: Duration = Duration::from_secs(1);
/// The ring size [`PERIOD`] and [`QUIET_PERIOD`] are chosen for: a smaller
/// ring fills sooner at the same rate, so the watchdog looks at it more
/// often, in proportion (an 8 MiB ring every 5 ms, or 12.5 ms while it is
/// nearly empty; measured: with the unscaled periods, an 8 MiB ring dropped
/// events under two `dd bs=1` loops, as the 16 MiB one never did).
const PERIODS_RING: u64 = 16 << 20;
/// The shortest period, however small the ring.
const MIN_PERIOD: Duration = Duration::from_millis(1);

/// `period` for a ring of `capacity` bytes (see [`PERIODS_RING`]).
fn scaled(period: Duration, capacity: u64) -> Duration {
    if capacity >= PERIODS_RING {
        return period;
    }
    // Below PERIODS_RING, so it fits a u32.
    let capacity = u32::try_from(capacity).unwrap_or(u32::MAX);
    (period * capacity / (PERIODS_RING as u32)).max(MIN_PERIOD)
}

/// A read-only view of a BPF ring buffer's positions: how many bytes the
/// producers have reserved that the consumer has not yet released.
pub(crate) struct RingLevel {
    base: *mut libc::c_void,
    len: usize,
    page: usize,
    capacity: u64,
}

// SAFETY: the mapping is read-only, lives until `drop`, and is only read
// through atomic loads of the two kernel-maintained positions; the map it
// views stays alive as long as the mapping does.
unsafe impl Send for RingLevel {}

impl RingLevel {
    /// Maps the consumer and producer position pages of the ring `fd` of
    /// `capacity` bytes, read-only (the kernel allows any number of
    /// read-only mappings besides the consumer's own).
    pub(crate) fn open(fd: BorrowedFd<'_>, capacity: u64) -> io::Result<RingLevel> {
        // SAFETY: sysconf has no memory effects.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        let page = usize::try_from(page).map_err(|_| io::Error::last_os_error())?;
        let len = 2 * page;
        // SAFETY: a fresh shared read-only mapping of the ring's first two
        // pages; the kernel checks the fd and the offset.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                libc::MAP_SHARED,
                fd.as_raw_fd(),
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(RingLevel {
            base,
            len,
            page,
            capacity,
        })
    }

    /// Bytes pending in the ring (records and their headers).
    pub(crate) fn pending(&self) -> u64 {
        // SAFETY: both positions are 8-byte aligned u64s at the start of
        // their pages, inside the mapping; the kernel updates them
        // atomically, so they are read as atomics.
        let (consumer, producer) = unsafe {
            let consumer = &*(self.base as *const AtomicU64);
            let producer = &*(self.base.cast::<u8>().add(self.page) as *const AtomicU64);
            (
                consumer.load(Ordering::Acquire),
                producer.load(Ordering::Acquire),
            )
        };
        producer.saturating_sub(consumer)
    }

    /// The ring's size in bytes.
    pub(crate) fn capacity(&self) -> u64 {
        self.capacity
    }
}

impl Drop for RingLevel {
    fn drop(&mut self) {
        // SAFETY: `base` and `len` are the mapping made in `open`, unmapped once.
        unsafe {
            libc::munmap(self.base, self.len);
        }
    }
}

/// A thread's scheduling policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Policy {
    Idle,
    Normal,
}

/// Sets thread `tid`'s policy (priority 0, as both policies require).
///
/// Through the system call itself, not libc's wrapper: musl's
/// `sched_setscheduler` only ever fails with ENOSYS (POSIX gives the call
/// to processes, Linux to threads), and its `sched_param` has more fields
/// than the kernel's, which is the priority alone.
fn set_policy(tid: libc::pid_t, policy: Policy) -> io::Result<()> {
    // The kernel's `struct sched_param`.
    let sched_priority: libc::c_int = 0;
    let p = match policy {
        Policy::Idle => libc::SCHED_IDLE,
        Policy::Normal => libc::SCHED_OTHER,
    };
    // SAFETY: sched_setscheduler(2) reads one c_int through the pointer,
    // which points to `sched_priority`, alive across the call.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_sched_setscheduler,
            tid,
            p,
            &sched_priority as *const libc::c_int,
        )
    };
    if ret != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Whether a thread of this process may go to idle priority and back
/// (which needs CAP_SYS_NICE, or an `RLIMIT_NICE` that allows nice 0), tried
/// on a short-lived thread.
fn round_trip() -> io::Result<()> {
    std::thread::Builder::new()
        .name("sf-policy-check".into())
        .spawn(|| {
            let me = gettid();
            set_policy(me, Policy::Idle).and_then(|()| set_policy(me, Policy::Normal))
        })?
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the policy check panicked")))
}

/// The calling thread's id.
///
/// rustix's, which makes the system call itself: in a static musl build,
/// `libc::gettid` was a null function pointer (measured: the musl
/// sysporter crashed at the start of every live capture, calling 0x0).
fn gettid() -> libc::pid_t {
    rustix::thread::gettid().as_raw_nonzero().get()
}

/// The collector's threads: the polling thread and the named ones.
#[derive(Debug, Clone)]
struct Threads {
    poller: libc::pid_t,
    names: Vec<String>,
}

impl Threads {
    /// Sets every one of them to `policy`. Threads that ended meanwhile
    /// are skipped; any other failure is returned after trying the rest.
    fn set(&self, policy: Policy) -> io::Result<()> {
        let mut result = set_policy(self.poller, policy);
        if self.names.is_empty() {
            return result;
        }
        let Ok(tasks) = fs::read_dir("/proc/self/task") else {
            return result;
        };
        for task in tasks.flatten() {
            let Some(tid) = task
                .file_name()
                .to_str()
                .and_then(|t| t.parse::<libc::pid_t>().ok())
            else {
                continue;
            };
            if tid == self.poller {
                continue;
            }
            let Ok(comm) = fs::read_to_string(task.path().join("comm")) else {
                continue;
            };
            if !self.names.iter().any(|n| n == comm.trim_end()) {
                continue;
            }
            match set_policy(tid, policy) {
                Err(e) if e.raw_os_error() != Some(libc::ESRCH) && result.is_ok() => {
                    result = Err(e);
                }
                _ => {}
            }
        }
        result
    }
}

/// The running watchdog; dropping it stops the watchdog and leaves the
/// collector's threads at normal priority.
pub(crate) struct Background {
    stop: Arc<(Mutex<bool>, Condvar)>,
    raised: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
    threads: Threads,
}

impl Background {
    /// Puts the calling thread (the one that polls the capture) and the
    /// threads named `names` at idle priority, watched over by a new
    /// watchdog thread. `None`, with a warning, where this process may not
    /// raise a thread back from idle (no CAP_SYS_NICE and a low
    /// `RLIMIT_NICE`): then everything stays at normal priority.
    pub(crate) fn start(level: RingLevel, names: Vec<String>) -> Option<Background> {
        let threads = Threads {
            poller: gettid(),
            names,
        };
        // Idle without a way back would starve: the round trip is tried
        // first, on a thread of its own, since a thread that may not leave
        // idle priority stays there.
        if let Err(e) = round_trip() {
            warn!(error = %e, "cannot switch the collector between idle and normal priority: it stays at normal priority");
            return None;
        }
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let raised = Arc::new(AtomicU64::new(0));
        // Spawned while the caller is still at normal priority, which the
        // watchdog inherits and keeps.
        let thread = std::thread::Builder::new()
            .name("sf-watchdog".into())
            .spawn({
                let stop = Arc::clone(&stop);
                let raised = Arc::clone(&raised);
                let threads = threads.clone();
                move || watch(&level, &threads, &stop, &raised)
            });
        let thread = match thread {
            Ok(t) => t,
            Err(e) => {
                warn!(error = %e, "cannot start the collector's watchdog: it stays at normal priority");
                return None;
            }
        };
        if let Err(e) = threads.set(Policy::Idle) {
            warn!(error = %e, "cannot put the collector at idle priority");
        }
        Some(Background {
            stop,
            raised,
            thread: Some(thread),
            threads,
        })
    }

    /// Times the threads were raised because the ring filled.
    pub(crate) fn raised(&self) -> u64 {
        self.raised.load(Ordering::Relaxed)
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let (flag, cv) = &*self.stop;
        if let Ok(mut stop) = flag.lock() {
            *stop = true;
            cv.notify_all();
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        // Draining and closing the outputs must not wait for idle CPU time.
        if let Err(e) = self.threads.set(Policy::Normal) {
            warn!(error = %e, "cannot put the collector back at normal priority");
        }
    }
}

/// The watchdog's loop, until `stop` is set.
fn watch(level: &RingLevel, threads: &Threads, stop: &(Mutex<bool>, Condvar), raised: &AtomicU64) {
    let (flag, cv) = stop;
    let raise_at = level.capacity() / RAISE_AT;
    let calm_below = level.capacity() / LOWER_BELOW;
    let quiet_below = level.capacity() / QUIET_BELOW;
    let (busy_period, quiet_period) = (
        scaled(PERIOD, level.capacity()),
        scaled(QUIET_PERIOD, level.capacity()),
    );
    let mut policy = Policy::Idle;
    let mut period = busy_period;
    let mut busy_at = Instant::now();
    let Ok(mut stopped) = flag.lock() else {
        return;
    };
    loop {
        stopped = match cv.wait_timeout_while(stopped, period, |s| !*s) {
            Ok((s, _)) => s,
            Err(_) => return,
        };
        if *stopped {
            return;
        }
        let pending = level.pending();
        match policy {
            Policy::Idle if pending >= raise_at => {
                raised.fetch_add(1, Ordering::Relaxed);
                debug!(pending, "ring filling: collector raised to normal priority");
                if let Err(e) = threads.set(Policy::Normal) {
                    warn!(error = %e, "cannot raise the collector to normal priority");
                }
                policy = Policy::Normal;
                busy_at = Instant::now();
            }
            Policy::Normal if pending >= calm_below => busy_at = Instant::now(),
            Policy::Normal if busy_at.elapsed() >= CALM => {
                debug!(pending, "ring calm: collector back to idle priority");
                if let Err(e) = threads.set(Policy::Idle) {
                    warn!(error = %e, "cannot put the collector back at idle priority");
                }
                policy = Policy::Idle;
            }
            _ => {}
        }
        period = if policy == Policy::Idle && pending < quiet_below {
            quiet_period
        } else {
            busy_period
        };
    }
}
