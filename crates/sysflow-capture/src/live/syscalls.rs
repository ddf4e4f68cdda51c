//! The syscalls the probe can capture, by name, and the selection table
//! (`sc_enabled`) handed to it before loading.

use super::error::LiveError;

/// Syscalls the probe emits events for, with their x86_64 numbers.
pub(crate) const SUPPORTED: [(&str, u16); 81] = [
    ("read", 0),
    ("write", 1),
    ("open", 2),
    ("close", 3),
    ("mmap", 9),
    ("pread64", 17),
    ("pwrite64", 18),
    ("readv", 19),
    ("writev", 20),
    ("pipe", 22),
    ("dup", 32),
    ("dup2", 33),
    ("socket", 41),
    ("connect", 42),
    ("accept", 43),
    ("sendto", 44),
    ("recvfrom", 45),
    ("sendmsg", 46),
    ("recvmsg", 47),
    ("shutdown", 48),
    ("bind", 49),
    ("listen", 50),
    ("socketpair", 53),
    ("clone", 56),
    ("fork", 57),
    ("vfork", 58),
    ("execve", 59),
    ("fcntl", 72),
    ("chdir", 80),
    ("fchdir", 81),
    ("rename", 82),
    ("mkdir", 83),
    ("rmdir", 84),
    ("creat", 85),
    ("link", 86),
    ("unlink", 87),
    ("symlink", 88),
    ("chmod", 90),
    ("fchmod", 91),
    ("setuid", 105),
    ("setgid", 106),
    ("setreuid", 113),
    ("setregid", 114),
    ("setresuid", 117),
    ("setresgid", 119),
    ("chroot", 161),
    ("epoll_create", 213),
    ("inotify_init", 253),
    ("openat", 257),
    ("mkdirat", 258),
    ("unlinkat", 263),
    ("renameat", 264),
    ("linkat", 265),
    ("symlinkat", 266),
    ("fchmodat", 268),
    ("signalfd", 282),
    ("timerfd_create", 283),
    ("eventfd", 284),
    ("accept4", 288),
    ("signalfd4", 289),
    ("eventfd2", 290),
    ("epoll_create1", 291),
    ("dup3", 292),
    ("pipe2", 293),
    ("inotify_init1", 294),
    ("preadv", 295),
    ("pwritev", 296),
    ("recvmmsg", 299),
    ("sendmmsg", 307),
    ("setns", 308),
    ("renameat2", 316),
    ("memfd_create", 319),
    ("execveat", 322),
    ("userfaultfd", 323),
    ("pidfd_open", 434),
    ("clone3", 435),
    ("close_range", 436),
    ("openat2", 437),
    ("pidfd_getfd", 438),
    // Names the reference asks for that are captured under another name on
    // x86_64 (the 32-bit variants): accepted, ignored.
    ("setuid32", u16::MAX),
    ("setresuid32", u16::MAX),
];

/// The probe's `sc_enabled` table for a set of syscall names, exactly
/// those: which ones state tracking needs is the caller's choice (for
/// SysFlow, `sysflow_core::CollectionMode::syscalls`); the engine itself
/// needs none. An unknown name is an error.
pub(crate) fn table<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<[u8; 512], LiveError> {
    let mut table = [0u8; 512];
    for name in names {
        let (_, nr) = SUPPORTED.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            LiveError::UnknownSyscall {
                name: name.to_owned(),
            }
        })?;
        if let Some(slot) = table.get_mut(usize::from(*nr)) {
            *slot = 1;
        }
    }
    Ok(table)
}
