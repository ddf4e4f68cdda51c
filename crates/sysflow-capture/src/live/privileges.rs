//! Dropping the privileges a live capture no longer needs once its probe is
//! loaded and attached ([`LiveCapture::drop_privileges`](super::LiveCapture::drop_privileges)).
//!
//! Loading and attaching take CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN),
//! and the `/proc` scan that follows reads other users' fd tables and
//! environments (CAP_SYS_PTRACE, CAP_DAC_READ_SEARCH). What the rest of the
//! run does, measured on Linux 6.18 as root:
//!
//! - the ring buffer is already mapped; reading it, and `poll` on it, check
//!   nothing;
//! - the probe's counters are read with `BPF_MAP_LOOKUP_ELEM` on a map fd we
//!   hold: since Linux 5.19 (`bpf: refine kernel.unprivileged_bpf_disabled
//!   behaviour`) only map creation and program loading check CAP_BPF, but
//!   before it every `bpf()` command did whenever
//!   `kernel.unprivileged_bpf_disabled` is set: CAP_BPF is kept on kernels
//!   older than 5.19;
//! - the cgroups of processes started later are read from
//!   `/proc/TID/cgroup`, which is mode 0444 and checks no ptrace access:
//!   a process without any capability reads another user's. Under a `/proc`
//!   mounted with `hidepid`, another user's `/proc/TID` is hidden unless we
//!   are in the mount's `gid` group (root's group by default), and then only
//!   CAP_SYS_PTRACE shows it (CAP_DAC_READ_SEARCH does not): CAP_SYS_PTRACE
//!   is kept where that applies;
//! - background mode moves the collector's threads from `SCHED_IDLE` back to
//!   `SCHED_OTHER`, which needs CAP_SYS_NICE (a thread that may not leave
//!   idle priority starves): kept in background mode;
//! - a saved capture that rotates starts each file with a new `/proc` scan,
//!   which takes CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH again for other
//!   users' processes: both are kept when the program says it scans again;
//! - the outputs (`.sf` files, the saved scap, the sf-processor socket) are
//!   opened after the drop, by the process's uid alone: no DAC override.
//!
//! Everything else leaves the effective, permitted and inheritable sets,
//! the ambient set is cleared, the bounding set is narrowed to the same
//! (where CAP_SETPCAP allows), and `no_new_privs` is set, so that no exec
//! can give anything back.
//!
//! Capabilities belong to threads, not processes: the drop applies to the
//! calling thread and the threads it starts afterwards. Another thread that
//! still holds more would make it pointless, so it is an error
//! ([`LiveError::PrivilegedThreads`]).

use std::fmt;
use std::fs;
use std::io;

use rustix::thread::{CapabilitySet, CapabilitySets};

use super::driver::parse_release;
use super::error::LiveError;

/// The capabilities a live capture kept, from
/// [`LiveCapture::drop_privileges`](super::LiveCapture::drop_privileges).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct KeptPrivileges {
    /// The capabilities kept in the effective and permitted sets, each
    /// with why: `("CAP_SYS_NICE", "background mode")`.
    pub kept: Vec<(&'static str, &'static str)>,
    /// Whether the bounding set was narrowed to them too (it takes
    /// CAP_SETPCAP, which root has; without it `no_new_privs` alone keeps
    /// an exec from gaining anything).
    pub bounding_narrowed: bool,
}

impl KeptPrivileges {
    /// The kept capabilities as a mask of `CAP_*` bits, as `/proc/PID/status`
    /// shows them.
    pub fn mask(&self) -> u64 {
        self.kept
            .iter()
            .filter_map(|(name, _)| WANTED.iter().find(|w| w.name == *name))
            .fold(0, |mask, w| mask | w.set.bits())
    }
}

impl fmt::Display for KeptPrivileges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kept.is_empty() {
            f.write_str("no capability")?;
        }
        for (i, (name, why)) in self.kept.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{name} ({why})")?;
        }
        if !self.bounding_narrowed {
            f.write_str("; bounding set unchanged (no CAP_SETPCAP)")?;
        }
        Ok(())
    }
}

/// A capability the rest of a run may need.
struct Wanted {
    name: &'static str,
    set: CapabilitySet,
}

const WANTED: [Wanted; 4] = [
    Wanted {
        name: "CAP_BPF",
        set: CapabilitySet::BPF,
    },
    Wanted {
        name: "CAP_SYS_NICE",
        set: CapabilitySet::SYS_NICE,
    },
    Wanted {
        name: "CAP_SYS_PTRACE",
        set: CapabilitySet::SYS_PTRACE,
    },
    Wanted {
        name: "CAP_DAC_READ_SEARCH",
        set: CapabilitySet::DAC_READ_SEARCH,
    },
];

/// The first kernel on which reading a map through an fd we hold needs no
/// CAP_BPF whatever `kernel.unprivileged_bpf_disabled` says.
const MAP_READ_UNPRIVILEGED: (u32, u32) = (5, 19);

/// What the rest of a run needs, and why: see the module's notes.
fn needed(background: bool, rescans_proc: bool) -> Vec<(&'static str, &'static str)> {
    let mut needs = Vec::new();
    let release = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    // An unknown release keeps it: losing the counters costs more.
    if parse_release(&release).is_none_or(|v| v < MAP_READ_UNPRIVILEGED) {
        needs.push(("CAP_BPF", "reading the probe's counters before Linux 5.19"));
    }
    if background {
        needs.push((
            "CAP_SYS_NICE",
            "background mode raises the collector from SCHED_IDLE",
        ));
    }
    if rescans_proc {
        // Another user's /proc/PID/fd is a directory of theirs, mode 0500;
        // its links, /proc/PID/exe and /proc/PID/environ take ptrace access.
        let why = "new /proc scans (another user's fds, executable and environment)";
        needs.push(("CAP_SYS_PTRACE", why));
        needs.push(("CAP_DAC_READ_SEARCH", why));
    }
    let mountinfo = fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    if !rescans_proc && proc_hides_pids(&mountinfo, in_group) {
        needs.push((
            "CAP_SYS_PTRACE",
            "/proc hides other users' processes (hidepid)",
        ));
    }
    needs
}

/// Whether the `/proc` mount in `mountinfo` hides other users' processes
/// from this process: `hidepid` is `noaccess` (1) or `invisible` (2) and
/// we are not in its `gid` group (0 unless set), or it is `ptraceable` (4).
pub(crate) fn proc_hides_pids(mountinfo: &str, in_group: impl Fn(u32) -> bool) -> bool {
    // ... mount-point ... - fstype source super-options
    let Some(options) = mountinfo.lines().find_map(|line| {
        let (left, right) = line.split_once(" - ")?;
        (left.split(' ').nth(4) == Some("/proc")).then(|| right.split(' ').nth(2))?
    }) else {
        return false;
    };
    let option = |key: &str| {
        options
            .split(',')
            .find_map(|o| o.strip_prefix(key)?.strip_prefix('='))
    };
    let gid = option("gid").and_then(|g| g.parse().ok()).unwrap_or(0);
    match option("hidepid") {
        None | Some("0" | "off") => false,
        Some("4" | "ptraceable") => true,
        Some(_) => !in_group(gid),
    }
}

/// Whether `gid` is this process's effective group or one of its groups.
fn in_group(gid: u32) -> bool {
    rustix::process::getegid().as_raw() == gid
        || rustix::process::getgroups().is_ok_and(|groups| groups.iter().any(|g| g.as_raw() == gid))
}

/// Drops every capability but those the rest of the run needs from the
/// calling thread, then checks that no other thread of the process holds
/// more.
pub(crate) fn drop_privileges(
    background: bool,
    rescans_proc: bool,
) -> Result<KeptPrivileges, LiveError> {
    let current = rustix::thread::capabilities(None).map_err(fail("read the capabilities"))?;
    let mut keep = CapabilitySet::empty();
    let mut kept = Vec::new();
    for (name, why) in needed(background, rescans_proc) {
        let Some(w) = WANTED.iter().find(|w| w.name == name) else {
            continue;
        };
        // What we do not have cannot be kept (a run with CAP_BPF and
        // CAP_PERFMON only has no CAP_SYS_NICE).
        if current.permitted.contains(w.set) {
            keep |= w.set;
            kept.push((name, why));
        }
    }
    let bounding_narrowed = keep_only(keep)?;
    let threads = privileged_threads(keep.bits());
    if threads > 0 {
        return Err(LiveError::PrivilegedThreads { threads });
    }
    Ok(KeptPrivileges {
        kept,
        bounding_narrowed,
    })
}

/// Drops every capability of the calling thread (effective, permitted,
/// inheritable, ambient, and bounding given CAP_SETPCAP) and sets its
/// `no_new_privs`.
///
/// For a thread that a program starts before a live capture drops its
/// privileges ([`LiveCapture::drop_privileges`](super::LiveCapture::drop_privileges))
/// and that needs none itself, such as a thread that waits for signals:
/// calling it first thing in that thread lets the capture's drop cover the
/// whole process, which it otherwise refuses with
/// [`LiveError::PrivilegedThreads`].
pub fn drop_thread_privileges() -> Result<(), LiveError> {
    keep_only(CapabilitySet::empty()).map(drop)
}

/// A [`LiveError::Privileges`] for `step`.
fn fail(step: &'static str) -> impl Fn(rustix::io::Errno) -> LiveError {
    move |e| LiveError::Privileges {
        step,
        source: io::Error::from(e),
    }
}

/// Reduces the calling thread's capabilities to `keep` (those of them it
/// has), clears its ambient set and sets `no_new_privs`; returns whether
/// the bounding set was narrowed too.
fn keep_only(keep: CapabilitySet) -> Result<bool, LiveError> {
    let current = rustix::thread::capabilities(None).map_err(fail("read the capabilities"))?;
    let keep = keep & current.permitted;
    // The bounding set first: dropping from it needs CAP_SETPCAP, which the
    // capset below removes.
    let bounding_narrowed = current.effective.contains(CapabilitySet::SETPCAP);
    if bounding_narrowed {
        let last: u32 = fs::read_to_string("/proc/sys/kernel/cap_last_cap")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(63)
            .min(63);
        for cap in 0..=last {
            let one = CapabilitySet::from_bits_retain(1 << cap);
            if keep.contains(one) {
                continue;
            }
            match rustix::thread::remove_capability_from_bounding_set(one) {
                // A capability this kernel does not know.
                Err(rustix::io::Errno::INVAL) => {}
                other => other.map_err(fail("narrow the bounding set"))?,
            }
        }
    }
    rustix::thread::clear_ambient_capability_set().map_err(fail("clear the ambient set"))?;
    rustix::thread::set_capabilities(
        None,
        CapabilitySets {
            effective: keep,
            permitted: keep,
            inheritable: CapabilitySet::empty(),
        },
    )
    .map_err(fail("set the capabilities"))?;
    rustix::thread::set_no_new_privs(true).map_err(fail("set no_new_privs"))?;
    Ok(bounding_narrowed)
}

/// How many other threads of this process hold an effective or permitted
/// capability beyond `mask`.
fn privileged_threads(mask: u64) -> usize {
    let me = rustix::thread::gettid().as_raw_nonzero().get();
    let Ok(tasks) = fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .flatten()
        .filter(|task| task.file_name().to_str().and_then(|t| t.parse().ok()) != Some(me))
        .filter_map(|task| fs::read_to_string(task.path().join("status")).ok())
        .filter(|status| {
            ["CapEff:", "CapPrm:"].iter().any(|field| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix(field))
                    .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
                    .is_some_and(|caps| caps & !mask != 0)
            })
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = "22 27 0:21 / /proc rw,relatime - proc proc rw";

    #[test]
    fn hidepid_hides_unless_we_are_in_its_group() {
        let with = |opts: &str| LINE.replace(" proc rw", &format!(" proc rw,{opts}"));
        let root = |g: u32| g == 0;
        assert!(!proc_hides_pids(LINE, root));
        assert!(!proc_hides_pids(&with("hidepid=off"), root));
        assert!(
            !proc_hides_pids(&with("hidepid=invisible"), root),
            "gid 0 by default"
        );
        assert!(proc_hides_pids(&with("hidepid=invisible"), |_| false));
        assert!(proc_hides_pids(&with("hidepid=2,gid=1234"), root));
        assert!(!proc_hides_pids(&with("hidepid=noaccess,gid=1234"), |g| g == 1234));
        assert!(proc_hides_pids(&with("hidepid=ptraceable"), |_| true));
        // Another proc mount does not count.
        let other = "45 31 0:40 / /tmp/p2 rw,relatime - proc proc rw,hidepid=invisible,gid=9";
        assert!(!proc_hides_pids(&format!("{LINE}\n{other}"), root));
    }

    /// The `Cap*` masks and `NoNewPrivs` of the calling thread.
    fn own_status() -> (u64, u64, u64, u64, bool) {
        let status = fs::read_to_string("/proc/thread-self/status").unwrap();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
                .unwrap()
        };
        (
            field("CapEff:"),
            field("CapPrm:"),
            field("CapInh:"),
            field("CapAmb:"),
            status.lines().any(|l| l == "NoNewPrivs:\t1"),
        )
    }

    /// In a thread of its own, so that the test process keeps its
    /// capabilities: the thread has none left, and no_new_privs.
    #[test]
    fn a_thread_can_give_up_every_capability() {
        let before = own_status();
        let after = std::thread::spawn(|| {
            drop_thread_privileges().unwrap();
            own_status()
        })
        .join()
        .unwrap();
        assert_eq!(after, (0, 0, 0, 0, true));
        assert_eq!(own_status(), before, "another thread was changed");
    }

    /// A drop while other threads (the test harness's) keep capabilities
    /// fails with PrivilegedThreads, after dropping in the calling thread.
    #[test]
    fn a_drop_with_privileged_threads_around_fails() {
        let privileged = own_status().0 != 0;
        let (result, after) = std::thread::spawn(|| {
            let result = drop_privileges(false, false);
            (result, own_status())
        })
        .join()
        .unwrap();
        if privileged {
            assert!(
                matches!(result, Err(LiveError::PrivilegedThreads { threads }) if threads >= 1),
                "{result:?}"
            );
        } else {
            assert!(result.is_ok(), "{result:?}");
        }
        assert!(after.4, "no_new_privs is set anyway");
        assert_eq!(after.0 & !(1 << 39 | 1 << 19), 0, "{:#x}", after.0);
    }

    #[test]
    fn the_mask_is_the_kept_bits() {
        let kept = KeptPrivileges {
            kept: vec![("CAP_SYS_NICE", "x"), ("CAP_BPF", "y")],
            bounding_narrowed: true,
        };
        assert_eq!(kept.mask(), (1 << 23) | (1 << 39));
        assert_eq!(kept.to_string(), "CAP_SYS_NICE (x), CAP_BPF (y)");
        let none = KeptPrivileges {
            kept: Vec::new(),
            bounding_narrowed: false,
        };
        assert_eq!(
            none.to_string(),
            "no capability; bounding set unchanged (no CAP_SETPCAP)"
        );
    }
}
