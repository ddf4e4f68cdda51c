//! Which syscalls each collection mode needs captured: what its records
//! are made of, and what the state rules need to keep the threads and fd
//! tables those records read right.

use crate::config::CollectionMode;

/// The reference collector's syscall set of each mode (sf-collector's
/// `sfmodes.h`), unchanged: what its records are made of. Names it asks
/// for that x86_64 does not have (`setuid32`, `setresuid32`) are kept; the
/// probe accepts and ignores them.
const REFERENCE_FLOW: &[&str] = &[
    "accept",
    "accept4",
    "bind",
    "chmod",
    "clone",
    "clone3",
    "close",
    "connect",
    "creat",
    "execve",
    "execveat",
    "fork",
    "link",
    "linkat",
    "listen",
    "mmap",
    "mkdir",
    "mkdirat",
    "open",
    "openat",
    "openat2",
    "pread64",
    "preadv",
    "pwritev",
    "pwrite64",
    "read",
    "readv",
    "recvfrom",
    "recvmmsg",
    "recvmsg",
    "rename",
    "renameat",
    "renameat2",
    "rmdir",
    "sendmmsg",
    "sendmsg",
    "sendto",
    "setns",
    "setresuid",
    "setresuid32",
    "setuid",
    "setuid32",
    "shutdown",
    "socketpair",
    "symlink",
    "symlinkat",
    "unlink",
    "unlinkat",
    "vfork",
    "write",
    "writev",
];
const REFERENCE_CONSUMER: &[&str] = &[
    "accept",
    "accept4",
    "chmod",
    "clone",
    "clone3",
    "close",
    "connect",
    "creat",
    "execve",
    "execveat",
    "fork",
    "link",
    "linkat",
    "mkdir",
    "mkdirat",
    "open",
    "openat",
    "openat2",
    "recvfrom",
    "recvmmsg",
    "recvmsg",
    "rename",
    "renameat",
    "renameat2",
    "rmdir",
    "sendmmsg",
    "sendmsg",
    "sendto",
    "setresuid",
    "setresuid32",
    "setuid",
    "setuid32",
    "socketpair",
    "symlink",
    "symlinkat",
    "unlink",
    "unlinkat",
    "vfork",
];
const REFERENCE_NO_FILES: &[&str] = &[
    "accept",
    "accept4",
    "clone",
    "clone3",
    "close",
    "connect",
    "creat",
    "execve",
    "execveat",
    "fork",
    "open",
    "openat",
    "openat2",
    "recvfrom",
    "recvmmsg",
    "recvmsg",
    "sendmmsg",
    "sendmsg",
    "sendto",
    "setresuid",
    "setresuid32",
    "setuid",
    "setuid32",
    "socketpair",
    "vfork",
];

/// What every mode's records rest on, whatever the mode records: the
/// process lifecycle (every record names its process), the fd lifecycle
/// (every flow names its fd, which an fd number only identifies if each
/// syscall that makes, copies or closes one is seen) and the credential
/// changes (every process record carries its user and group).
const STATE: &[&str] = &[
    // Process lifecycle.
    "clone",
    "clone3",
    "fork",
    "vfork",
    "execve",
    "execveat",
    // Fds made, copied and closed.
    "open",
    "openat",
    "openat2",
    "creat",
    "close",
    "close_range",
    "dup",
    "dup2",
    "dup3",
    "fcntl",
    "pipe",
    "pipe2",
    "socket",
    "socketpair",
    "accept",
    "accept4",
    "eventfd",
    "eventfd2",
    "signalfd",
    "signalfd4",
    "timerfd_create",
    "inotify_init",
    "inotify_init1",
    "epoll_create",
    "epoll_create1",
    "memfd_create",
    "userfaultfd",
    "pidfd_open",
    "pidfd_getfd",
    // Fds received with SCM_RIGHTS.
    "recvmsg",
    "recvmmsg",
    // Credentials.
    "setuid",
    "setgid",
    "setresuid",
    "setresgid",
    "setreuid",
    "setregid",
];

/// The working directory and root, against which libsinsp resolves the
/// relative paths of opens and file events: needed where file paths are
/// recorded. Exec paths do not need them (execve exits carry the cwd and
/// the resolved executable).
const PATHS: &[&str] = &["chdir", "fchdir", "chroot"];

impl CollectionMode {
    /// The syscalls this mode needs captured, sorted: the reference's set
    /// for the mode, whose syscalls its records are made of, and the state
    /// syscalls those records rest on.
    ///
    /// - Every mode: the process lifecycle, every syscall that makes, copies
    ///   or closes an fd (opens, `dup*`, `fcntl`'s `F_DUPFD`, pipes,
    ///   sockets, `accept*`, `eventfd` … `pidfd_getfd`, `close_range`), the
    ///   receives that pass fds (SCM_RIGHTS) and the credential changes
    ///   (`set*id`): without them fd numbers name the wrong files and
    ///   processes the wrong users.
    /// - [`Flow`](CollectionMode::Flow) and
    ///   [`Consumer`](CollectionMode::Consumer), which record file paths:
    ///   also `chdir`, `fchdir` and `chroot`, against which relative paths
    ///   resolve. [`NoFiles`](CollectionMode::NoFiles) records none.
    /// - `mmap` only in [`Flow`](CollectionMode::Flow) (the reference's
    ///   flow set has it): it marks a file flow as mapped.
    ///
    /// Deliberately absent everywhere: `prctl`, `capset` and `setsid`,
    /// which change libsinsp state (the child subreaper, capabilities,
    /// the session) that no SysFlow record reads.
    pub fn syscalls(self) -> Vec<&'static str> {
        let (reference, paths): (&[&'static str], &[&'static str]) = match self {
            CollectionMode::Flow => (REFERENCE_FLOW, PATHS),
            CollectionMode::Consumer => (REFERENCE_CONSUMER, PATHS),
            CollectionMode::NoFiles => (REFERENCE_NO_FILES, &[]),
        };
        let mut names: Vec<&'static str> = reference
            .iter()
            .chain(STATE)
            .chain(paths)
            .copied()
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::{CollectionMode, PATHS, STATE};

    const MODES: [CollectionMode; 3] = [
        CollectionMode::Flow,
        CollectionMode::Consumer,
        CollectionMode::NoFiles,
    ];

    #[test]
    fn every_mode_keeps_the_state_syscalls() {
        for mode in MODES {
            let names = mode.syscalls();
            for name in STATE {
                assert!(names.contains(name), "{mode:?} lacks {name}");
            }
            assert!(names.is_sorted(), "{mode:?}");
            assert!(names.windows(2).all(|w| w[0] != w[1]), "{mode:?}");
        }
    }

    #[test]
    fn each_mode_leaves_out_what_its_records_do_not_use() {
        let flow = CollectionMode::Flow.syscalls();
        for name in ["read", "write", "mmap", "chdir", "fchdir", "chroot", "bind"] {
            assert!(flow.contains(&name), "flow lacks {name}");
        }
        // Consumer mode records no reads or writes, and no mappings.
        let consumer = CollectionMode::Consumer.syscalls();
        for name in ["read", "write", "pread64", "readv", "mmap"] {
            assert!(!consumer.contains(&name), "consumer has {name}");
        }
        for name in PATHS {
            assert!(consumer.contains(name), "consumer lacks {name}");
        }
        // No-files mode records no paths, no file events, no mappings.
        let no_files = CollectionMode::NoFiles.syscalls();
        for name in [
            "read", "write", "mmap", "chdir", "fchdir", "chroot", "unlink", "rename",
        ] {
            assert!(!no_files.contains(&name), "nofiles has {name}");
        }
        // Nothing anywhere that no record reads.
        for mode in MODES {
            for name in ["prctl", "capset", "setsid"] {
                assert!(!mode.syscalls().contains(&name), "{mode:?} has {name}");
            }
        }
    }
}
