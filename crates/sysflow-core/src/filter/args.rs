//! `evt.arg.NAME` and `evt.arg[N]`: an event's parameter as libsinsp 0.29
//! renders it for a filter, its resolved text when it has one (an fd's
//! `<f>/etc/passwd`, a result's `ENOENT`, flags' `O_RDONLY|O_CLOEXEC`, a
//! pid's command name, a relative path made absolute), else its raw text
//! (numbers as the event table's print format says).
//!
//! Flags are named for the sets of the calls filters commonly test (open
//! flags, access modes, mmap's flags and protection, fcntl commands,
//! socket families, rlimit resources, clone flags, futex operations); other flag sets render as their
//! number.

use std::fmt::Write as _;

use sysflow_capture::{ParamInfo, ParamType, ParamValue, PrintFormat};

use super::{errno_name, render_tuple};
use crate::state::{AT_FDCWD, State};

/// `PPM_O_*` open flags, in libsinsp's table order (`file_flags`).
const FILE_FLAGS: &[(&str, u32)] = &[
    ("O_LARGEFILE", 1 << 11),
    ("O_DIRECTORY", 1 << 10),
    ("O_DIRECT", 1 << 9),
    ("O_TRUNC", 1 << 8),
    ("O_SYNC", 1 << 7),
    ("O_NONBLOCK", 1 << 6),
    ("O_EXCL", 1 << 5),
    ("O_DSYNC", 1 << 4),
    ("O_APPEND", 1 << 3),
    ("O_CREAT", 1 << 2),
    ("O_RDWR", 3),
    ("O_WRONLY", 1 << 1),
    ("O_RDONLY", 1),
    ("O_CLOEXEC", 1 << 12),
    ("O_NONE", 0),
    ("O_TMPFILE", 1 << 13),
];

/// `PPM_*_OK` access modes (`access_flags`).
const ACCESS_FLAGS: &[(&str, u32)] = &[("F_OK", 0), ("R_OK", 4), ("W_OK", 2), ("X_OK", 1)];

/// `PPM_RLIMIT_*` (`rlimit_resources`).
const RLIMIT_RESOURCES: &[(&str, u32)] = &[
    ("RLIMIT_UNKNOWN", 255),
    ("RLIMIT_RTTIME", 15),
    ("RLIMIT_RTPRIO", 14),
    ("RLIMIT_NICE", 13),
    ("RLIMIT_MSGQUEUE", 12),
    ("RLIMIT_SIGPENDING", 11),
    ("RLIMIT_LOCKS", 10),
    ("RLIMIT_AS", 9),
    ("RLIMIT_MEMLOCK", 8),
    ("RLIMIT_NOFILE", 7),
    ("RLIMIT_NPROC", 6),
    ("RLIMIT_RSS", 5),
    ("RLIMIT_CORE", 4),
    ("RLIMIT_STACK", 3),
    ("RLIMIT_DATA", 2),
    ("RLIMIT_FSIZE", 1),
    ("RLIMIT_CPU", 0),
];

/// `PPM_FCNTL_*` (`fcntl_commands`).
const FCNTL_COMMANDS: &[(&str, u32)] = &[
    ("F_GETPIPE_SZ", 29),
    ("F_SETPIPE_SZ", 28),
    ("F_NOTIFY", 27),
    ("F_DUPFD_CLOEXEC", 26),
    ("F_CANCELLK", 25),
    ("F_GETLEASE", 24),
    ("F_SETLEASE", 23),
    ("F_GETOWN_EX", 22),
    ("F_SETOWN_EX", 21),
    ("F_SETLKW64", 19),
    ("F_SETLK64", 18),
    ("F_GETLK64", 17),
    ("F_GETSIG", 15),
    ("F_SETSIG", 13),
    ("F_GETOWN", 12),
    ("F_SETOWN", 10),
    ("F_SETLKW", 9),
    ("F_SETLK", 8),
    ("F_GETLK", 6),
    ("F_SETFL", 5),
    ("F_GETFL", 4),
    ("F_SETFD", 3),
    ("F_GETFD", 2),
    ("F_DUPFD", 1),
    ("F_OFD_GETLK", 30),
    ("F_OFD_SETLK", 31),
    ("F_OFD_SETLKW", 32),
    ("UNKNOWN", 0),
];

/// `PPM_AF_*` (`socket_families`).
const SOCKET_FAMILIES: &[(&str, u32)] = &[
    ("AF_NFC", 39),
    ("AF_ALG", 38),
    ("AF_CAIF", 37),
    ("AF_IEEE802154", 36),
    ("AF_PHONET", 35),
    ("AF_ISDN", 34),
    ("AF_RXRPC", 33),
    ("AF_IUCV", 32),
    ("AF_BLUETOOTH", 31),
    ("AF_TIPC", 30),
    ("AF_CAN", 29),
    ("AF_LLC", 26),
    ("AF_WANPIPE", 25),
    ("AF_PPPOX", 24),
    ("AF_IRDA", 23),
    ("AF_SNA", 22),
    ("AF_RDS", 21),
    ("AF_ATMSVC", 20),
    ("AF_ECONET", 19),
    ("AF_ASH", 18),
    ("AF_PACKET", 17),
    ("AF_ROUTE", 16),
    ("AF_NETLINK", 16),
    ("AF_KEY", 15),
    ("AF_SECURITY", 14),
    ("AF_NETBEUI", 13),
    ("AF_DECnet", 12),
    ("AF_ROSE", 11),
    ("AF_INET6", 10),
    ("AF_X25", 9),
    ("AF_ATMPVC", 8),
    ("AF_BRIDGE", 7),
    ("AF_NETROM", 6),
    ("AF_APPLETALK", 5),
    ("AF_IPX", 4),
    ("AF_AX25", 3),
    ("AF_INET", 2),
    ("AF_LOCAL", 1),
    ("AF_UNIX", 1),
    ("AF_UNSPEC", 0),
];

/// `PPM_MAP_*` (`mmap_flags`).
const MMAP_FLAGS: &[(&str, u32)] = &[
    ("MAP_SHARED", 1),
    ("MAP_PRIVATE", 2),
    ("MAP_FIXED", 4),
    ("MAP_ANONYMOUS", 8),
    ("MAP_32BIT", 16),
    ("MAP_RENAME", 32),
    ("MAP_NORESERVE", 64),
    ("MAP_POPULATE", 128),
    ("MAP_NONBLOCK", 256),
    ("MAP_GROWSDOWN", 512),
    ("MAP_DENYWRITE", 1024),
    ("MAP_EXECUTABLE", 2048),
    ("MAP_INHERIT", 4096),
    ("MAP_FILE", 8192),
    ("MAP_LOCKED", 16384),
];

/// `PPM_PROT_*` (`prot_flags`).
const PROT_FLAGS: &[(&str, u32)] = &[
    ("PROT_READ", 1),
    ("PROT_WRITE", 2),
    ("PROT_EXEC", 4),
    ("PROT_SEM", 8),
    ("PROT_GROWSDOWN", 16),
    ("PROT_GROWSUP", 32),
    ("PROT_SAO", 64),
    ("PROT_NONE", 0),
];

/// `PPM_CL_*` (`clone_flags`).
const CLONE_FLAGS: &[(&str, u32)] = &[
    ("CLONE_FILES", 1),
    ("CLONE_FS", 2),
    ("CLONE_IO", 4),
    ("CLONE_NEWIPC", 8),
    ("CLONE_NEWNET", 16),
    ("CLONE_NEWNS", 32),
    ("CLONE_NEWPID", 64),
    ("CLONE_NEWUTS", 128),
    ("CLONE_PARENT", 256),
    ("CLONE_PARENT_SETTID", 512),
    ("CLONE_PTRACE", 1024),
    ("CLONE_SIGHAND", 2048),
    ("CLONE_SYSVSEM", 4096),
    ("CLONE_THREAD", 8192),
    ("CLONE_UNTRACED", 16384),
    ("CLONE_VM", 32768),
    ("CLONE_INVERTED", 65536),
    ("NAME_CHANGED", 131072),
    ("CLOSED", 262144),
    ("CLONE_NEWUSER", 1048576),
    ("CLONE_CHILD_CLEARTID", 8388608),
    ("CLONE_CHILD_SETTID", 16777216),
    ("CLONE_SETTLS", 33554432),
    ("CLONE_STOPPED", 67108864),
    ("CLONE_VFORK", 134217728),
    ("CLONE_NEWCGROUP", 268435456),
];

/// `PPM_FU_*` (`futex_operations`).
const FUTEX_OPERATIONS: &[(&str, u32)] = &[
    ("FUTEX_CLOCK_REALTIME", 256),
    ("FUTEX_PRIVATE_FLAG", 128),
    ("FUTEX_CMP_REQUEUE_PI", 12),
    ("FUTEX_WAIT_REQUEUE_PI", 11),
    ("FUTEX_WAKE_BITSET", 10),
    ("FUTEX_WAIT_BITSET", 9),
    ("FUTEX_TRYLOCK_PI", 8),
    ("FUTEX_UNLOCK_PI", 7),
    ("FUTEX_LOCK_PI", 6),
    ("FUTEX_WAKE_OP", 5),
    ("FUTEX_CMP_REQUEUE", 4),
    ("FUTEX_REQUEUE", 3),
    ("FUTEX_FD", 2),
    ("FUTEX_WAKE", 1),
    ("FUTEX_WAIT", 0),
];

/// Signal names by number (x86-64).
const SIGNALS: [&str; 32] = [
    "",
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGILL",
    "SIGTRAP",
    "SIGABRT",
    "SIGBUS",
    "SIGFPE",
    "SIGKILL",
    "SIGUSR1",
    "SIGSEGV",
    "SIGUSR2",
    "SIGPIPE",
    "SIGALRM",
    "SIGTERM",
    "SIGSTKFLT",
    "SIGCHLD",
    "SIGCONT",
    "SIGSTOP",
    "SIGTSTP",
    "SIGTTIN",
    "SIGTTOU",
    "SIGURG",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGVTALRM",
    "SIGPROF",
    "SIGWINCH",
    "SIGIO",
    "SIGPWR",
    "SIGSYS",
];

/// libsinsp's `m_max_evt_output_len` in sysdig: a byte buffer is cut to
/// this many characters, the last three dots.
const MAX_BUFFER_TEXT: usize = 80;

/// What rendering a parameter needs from the event and the state.
pub(super) struct ArgContext<'s> {
    pub state: &'s State,
    pub tid: i64,
    /// The process's working directory, for relative paths.
    pub cwd: &'s str,
    /// The event's syscall name as sysdig 0.29.3 prints it (a generic
    /// event's `ID` parameter renders as it).
    pub syscall: &'s str,
}

/// Writes into `text` the value libsinsp 0.29 gives `evt.arg` for
/// parameter `value` of an `event` (its 0.29 name) declared as `info` (the
/// 0.29 table's), the resolved
/// text if there is one, else the raw one. `dirfd` is the value of the
/// dirfd parameter a relative path is relative to, if the event has one.
pub(super) fn render(
    cx: &ArgContext<'_>,
    event: &str,
    info: &ParamInfo,
    value: &ParamValue<'_>,
    dirfd: Option<i64>,
    text: &mut String,
) {
    match *value {
        ParamValue::Fd(fd) => render_fd(cx, fd, text),
        ParamValue::Errno(r) => match errno_name(-r).filter(|_| r < 0) {
            Some(name) => text.push_str(name),
            None => {
                let _ = write!(text, "{r}");
            }
        },
        ParamValue::Pid(pid) => match cx.state.threads.get(&pid) {
            Some(t) if !t.comm.is_empty() => text.push_str(&t.comm),
            _ => {
                let _ = write!(text, "{pid}");
            }
        },
        ParamValue::Flags(bits) => {
            let table = match (event, info.name) {
                ("open" | "openat" | "openat2" | "open_by_handle_at", "flags") => Some(FILE_FLAGS),
                ("access", "mode") => Some(ACCESS_FLAGS),
                ("getrlimit" | "setrlimit" | "prlimit", "resource") => Some(RLIMIT_RESOURCES),
                ("fcntl", "cmd") => Some(FCNTL_COMMANDS),
                ("socket" | "socketpair", "domain") => Some(SOCKET_FAMILIES),
                ("mmap" | "mmap2", "flags") => Some(MMAP_FLAGS),
                ("clone" | "fork" | "vfork" | "clone3", "flags") | ("setns", "nstype") => {
                    Some(CLONE_FLAGS)
                }
                ("futex", "op") => Some(FUTEX_OPERATIONS),
                ("mmap" | "mmap2" | "mprotect", "prot") => Some(PROT_FLAGS),
                _ => None,
            };
            if !table.is_some_and(|t| flag_names(t, bits, text)) {
                let _ = write!(text, "{bits}");
            }
        }
        ParamValue::Uid(id) | ParamValue::Gid(id) => {
            if id == u32::MAX {
                text.push_str("<NONE>");
            } else {
                let name = if matches!(value, ParamValue::Uid(_)) {
                    cx.state.user_name("", id)
                } else {
                    cx.state.group_name("", id)
                };
                text.push_str(name.unwrap_or("<NA>"));
            }
        }
        ParamValue::Signal(sig) => match SIGNALS.get(usize::from(sig)).filter(|s| !s.is_empty()) {
            Some(name) => text.push_str(name),
            None => {
                let _ = write!(text, "{sig}");
            }
        },
        ParamValue::RelTime(t) => {
            if t == u64::MAX {
                text.push_str("none");
            } else {
                let _ = write!(text, "{}s", t as f64 / 1e9);
            }
        }
        ParamValue::SyscallId(_) => text.push_str(cx.syscall),
        ParamValue::FdList(_) => {}
        ParamValue::Str(b) => push_lossy(text, b),
        ParamValue::Path(b) => render_path(cx, info, b, dirfd, text),
        ParamValue::Bytes(b) => {
            let start = text.len();
            for &c in b {
                text.push(if c.is_ascii_graphic() || c == b' ' {
                    char::from(c)
                } else {
                    '.'
                });
            }
            if text.len() - start > MAX_BUFFER_TEXT {
                text.truncate(start + MAX_BUFFER_TEXT - 3);
                text.push_str("...");
            }
        }
        ParamValue::SockTuple(_) | ParamValue::SockAddr(_) | ParamValue::Empty
            if matches!(info.ty, ParamType::SockTuple | ParamType::SockAddr) =>
        {
            render_tuple(value, text)
        }
        ParamValue::Empty => {}
        ParamValue::Int(n) => number(text, info.fmt, n, n as u64),
        // libsinsp prints unsigned 64-bit values as signed ones.
        ParamValue::Uint(n) => number(text, info.fmt, n as i64, n),
        ParamValue::Mode(m) => number(text, info.fmt, i64::from(m), u64::from(m)),
        ref other => {
            if let Some(n) = super::as_int(other) {
                let _ = write!(text, "{n}");
            }
        }
    }
}

/// A number as a print format writes it.
fn number(text: &mut String, fmt: PrintFormat, signed: i64, bits: u64) {
    let _ = match fmt {
        PrintFormat::Oct if bits == 0 => write!(text, "0"),
        PrintFormat::Oct => write!(text, "0{bits:o}"),
        PrintFormat::Hex => write!(text, "{bits:X}"),
        PrintFormat::PaddedDec => write!(text, "{signed:09}"),
        _ => write!(text, "{signed}"),
    };
}

/// Names the bits of `value` from `table` as libsinsp 0.29 does: in the
/// table's order, each entry whose bits are all set (an entry of 0 only
/// for 0), each bit named once; an entry equal to the whole value ends
/// the walk and comes last. Whether any name was written.
fn flag_names(table: &[(&str, u32)], value: u32, text: &mut String) -> bool {
    let start = text.len();
    let mut rest = value;
    let mut sep = "";
    let mut exact = None;
    for &(name, bits) in table {
        if bits == value {
            exact = Some(name);
            break;
        }
        let hit = if bits == 0 {
            value == 0
        } else {
            rest & bits == bits && rest != 0
        };
        if hit {
            text.push_str(sep);
            text.push_str(name);
            sep = "|";
            rest &= !bits;
        }
    }
    if let Some(name) = exact {
        text.push_str(sep);
        text.push_str(name);
    }
    text.len() > start
}

/// An fd parameter: `<TYPE>name` for an fd the table knows (`<4t>` for a
/// TCP socket), `AT_FDCWD`, an error's name, else the number.
fn render_fd(cx: &ArgContext<'_>, fd: i64, text: &mut String) {
    if fd >= 0 {
        if let Some(f) = cx.state.fd(cx.tid, fd) {
            text.push('<');
            text.push(char::from(f.type_char()));
            if let Some(c) = super::l4_char(f) {
                text.push(c);
            }
            text.push('>');
            push_sanitized(text, &f.name);
            return;
        }
    } else if fd == AT_FDCWD {
        text.push_str("AT_FDCWD");
        return;
    } else if let Some(name) = errno_name(-fd) {
        text.push_str(name);
        return;
    }
    let _ = write!(text, "{fd}");
}

/// A path parameter: a relative one joined to the working directory (or
/// to its dirfd's directory) and normalized, an absolute one as it is.
fn render_path(
    cx: &ArgContext<'_>,
    info: &ParamInfo,
    raw: &[u8],
    dirfd: Option<i64>,
    text: &mut String,
) {
    let end = raw.iter().position(|&c| c == 0).unwrap_or(raw.len());
    let raw = &raw[..end];
    if raw.is_empty() || raw[0] == b'/' || raw.starts_with(b"<NA>") {
        push_lossy(text, raw);
        return;
    }
    let start = text.len();
    match dirfd.filter(|_| info.ty == ParamType::FsRelPath) {
        Some(fd) if fd != AT_FDCWD => {
            if let Some(f) = cx.state.fd(cx.tid, fd).filter(|f| !f.name.is_empty()) {
                push_sanitized(text, &f.name);
                text.push('/');
            }
        }
        _ => text.push_str(cx.cwd),
    }
    let base_end = text.len();
    let path = String::from_utf8_lossy(raw);
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                let cut = text[start..]
                    .trim_end_matches('/')
                    .rfind('/')
                    .map_or(start, |i| start + i + 1);
                text.truncate(cut.max(start.min(base_end)));
            }
            _ => {
                if text.len() > start && !text.ends_with('/') {
                    text.push('/');
                }
                text.push_str(part);
            }
        }
    }
    // libsinsp's normalization keeps no trailing `/` but the root's.
    while text.len() > start + 1 && text.ends_with('/') {
        text.pop();
    }
}

/// Bytes up to a NUL, lossily decoded.
fn push_lossy(text: &mut String, b: &[u8]) {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    text.push_str(&String::from_utf8_lossy(&b[..end]));
}

/// A name without the characters libsinsp's sanitizer drops (those not
/// printable).
fn push_sanitized(text: &mut String, name: &str) {
    text.extend(name.chars().filter(|c| !c.is_control()));
}

/// A poll list as libsinsp 0.29 renders it, from the parameter's bytes
/// (a count, then each fd and its events): `fd:TFLAGS` for each, with the
/// fd's type character (`?` if unknown) and the flags in hex, separated by
/// spaces.
pub(super) fn render_fd_list(cx: &ArgContext<'_>, raw: &[u8], text: &mut String) {
    let Some(count) = raw.get(..2) else {
        return;
    };
    let count = u16::from_le_bytes([count[0], count[1]]);
    for (i, entry) in raw[2..]
        .chunks_exact(10)
        .take(usize::from(count))
        .enumerate()
    {
        let mut fd = [0; 8];
        fd.copy_from_slice(&entry[..8]);
        let fd = i64::from_le_bytes(fd);
        let flags = i16::from_le_bytes([entry[8], entry[9]]);
        let c = cx
            .state
            .fd(cx.tid, fd)
            .map_or('?', |f| char::from(f.type_char()));
        if i > 0 {
            text.push(' ');
        }
        let _ = write!(text, "{}:{c}{:x}", fd as u64, flags as i32 as u32);
    }
}
