//! Operation bits of behaviour records and Falco's open-flag bits.

use std::fmt::{self, Write as _};
use std::ops::{BitOr, BitOrAssign};

/// The operations a behaviour record covers: the `opFlags` field.
///
/// Events carry exactly one bit; flows carry every operation seen in their span.
/// `Display` renders the compact form the official SysFlow reader (`sysprint`)
/// prints: the file-event names, else the process-event names, else an
/// 11-column mask such as `O   R    C  ` (open, accept, connect, write, read,
/// setns, mmap, shutdown, close, truncate, digest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct OpFlags(pub i32);

impl OpFlags {
    /// No operation.
    pub const NONE: OpFlags = OpFlags(0);
    /// A process or thread was created (`OP_CLONE`).
    pub const CLONE: OpFlags = OpFlags(1 << 0);
    /// A program was executed (`OP_EXEC`).
    pub const EXEC: OpFlags = OpFlags(1 << 1);
    /// A process or thread exited (`OP_EXIT`).
    pub const EXIT: OpFlags = OpFlags(1 << 2);
    /// The user id changed (`OP_SETUID`).
    pub const SETUID: OpFlags = OpFlags(1 << 3);
    /// A namespace was entered (`OP_SETNS`).
    pub const SETNS: OpFlags = OpFlags(1 << 4);
    /// A connection was accepted (`OP_ACCEPT`).
    pub const ACCEPT: OpFlags = OpFlags(1 << 5);
    /// A connection was made (`OP_CONNECT`).
    pub const CONNECT: OpFlags = OpFlags(1 << 6);
    /// A file was opened (`OP_OPEN`).
    pub const OPEN: OpFlags = OpFlags(1 << 7);
    /// Data was read or received (`OP_READ_RECV`).
    pub const READ_RECV: OpFlags = OpFlags(1 << 8);
    /// Data was written or sent (`OP_WRITE_SEND`).
    pub const WRITE_SEND: OpFlags = OpFlags(1 << 9);
    /// The descriptor was closed (`OP_CLOSE`).
    pub const CLOSE: OpFlags = OpFlags(1 << 10);
    /// The flow was cut short: exit or end of capture (`OP_TRUNCATE`).
    pub const TRUNCATE: OpFlags = OpFlags(1 << 11);
    /// The socket was shut down (`OP_SHUTDOWN`).
    pub const SHUTDOWN: OpFlags = OpFlags(1 << 12);
    /// The file was memory-mapped (`OP_MMAP`).
    pub const MMAP: OpFlags = OpFlags(1 << 13);
    /// A content digest was taken (`OP_DIGEST`; never set by the collector).
    pub const DIGEST: OpFlags = OpFlags(1 << 14);
    /// A directory was created (`OP_MKDIR`).
    pub const MKDIR: OpFlags = OpFlags(1 << 15);
    /// A directory was removed (`OP_RMDIR`).
    pub const RMDIR: OpFlags = OpFlags(1 << 16);
    /// A hard link was created (`OP_LINK`).
    pub const LINK: OpFlags = OpFlags(1 << 17);
    /// A name was removed (`OP_UNLINK`).
    pub const UNLINK: OpFlags = OpFlags(1 << 18);
    /// A symbolic link was created (`OP_SYMLINK`).
    pub const SYMLINK: OpFlags = OpFlags(1 << 19);
    /// A file was renamed (`OP_RENAME`).
    pub const RENAME: OpFlags = OpFlags(1 << 20);

    /// The raw bits as written in the record.
    pub const fn bits(self) -> i32 {
        self.0
    }

    /// Whether every bit of `other` is set.
    pub const fn contains(self, other: OpFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any bit of `other` is set.
    pub const fn intersects(self, other: OpFlags) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether no bit is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the set bits, lowest first (`OPEN`, `READ_RECV`, …).
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        OP_NAMES
            .iter()
            .filter(move |(bit, _)| self.contains(*bit))
            .map(|&(_, name)| name)
    }
}

const OP_NAMES: [(OpFlags, &str); 21] = [
    (OpFlags::CLONE, "CLONE"),
    (OpFlags::EXEC, "EXEC"),
    (OpFlags::EXIT, "EXIT"),
    (OpFlags::SETUID, "SETUID"),
    (OpFlags::SETNS, "SETNS"),
    (OpFlags::ACCEPT, "ACCEPT"),
    (OpFlags::CONNECT, "CONNECT"),
    (OpFlags::OPEN, "OPEN"),
    (OpFlags::READ_RECV, "READ_RECV"),
    (OpFlags::WRITE_SEND, "WRITE_SEND"),
    (OpFlags::CLOSE, "CLOSE"),
    (OpFlags::TRUNCATE, "TRUNCATE"),
    (OpFlags::SHUTDOWN, "SHUTDOWN"),
    (OpFlags::MMAP, "MMAP"),
    (OpFlags::DIGEST, "DIGEST"),
    (OpFlags::MKDIR, "MKDIR"),
    (OpFlags::RMDIR, "RMDIR"),
    (OpFlags::LINK, "LINK"),
    (OpFlags::UNLINK, "UNLINK"),
    (OpFlags::SYMLINK, "SYMLINK"),
    (OpFlags::RENAME, "RENAME"),
];

impl BitOr for OpFlags {
    type Output = OpFlags;
    fn bitor(self, rhs: OpFlags) -> OpFlags {
        OpFlags(self.0 | rhs.0)
    }
}

impl BitOrAssign for OpFlags {
    fn bitor_assign(&mut self, rhs: OpFlags) {
        self.0 |= rhs.0;
    }
}

impl fmt::Display for OpFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The official reader tries the named groups in this order and only falls
        // back to the column mask when neither group has a bit set.
        const FILE_EVENTS: [(OpFlags, &str); 6] = [
            (OpFlags::MKDIR, "MKDIR"),
            (OpFlags::RMDIR, "RMDIR"),
            (OpFlags::LINK, "LINK"),
            (OpFlags::SYMLINK, "SYMLINK"),
            (OpFlags::UNLINK, "UNLINK"),
            (OpFlags::RENAME, "RENAME"),
        ];
        const PROCESS_EVENTS: [(OpFlags, &str); 4] = [
            (OpFlags::CLONE, "CLONE"),
            (OpFlags::EXEC, "EXEC"),
            (OpFlags::EXIT, "EXIT"),
            (OpFlags::SETUID, "SETUID"),
        ];
        const COLUMNS: [(OpFlags, char); 11] = [
            (OpFlags::OPEN, 'O'),
            (OpFlags::ACCEPT, 'A'),
            (OpFlags::CONNECT, 'C'),
            (OpFlags::WRITE_SEND, 'W'),
            (OpFlags::READ_RECV, 'R'),
            (OpFlags::SETNS, 'N'),
            (OpFlags::MMAP, 'M'),
            (OpFlags::SHUTDOWN, 'S'),
            (OpFlags::CLOSE, 'C'),
            (OpFlags::TRUNCATE, 'T'),
            (OpFlags::DIGEST, 'D'),
        ];
        for group in [&FILE_EVENTS[..], &PROCESS_EVENTS[..]] {
            if group.iter().any(|(bit, _)| self.contains(*bit)) {
                for (bit, name) in group {
                    if self.contains(*bit) {
                        f.write_str(name)?;
                    }
                }
                return Ok(());
            }
        }
        for (bit, c) in COLUMNS {
            f.write_char(if self.contains(bit) { c } else { ' ' })?;
        }
        Ok(())
    }
}

/// Flags of an open call in Falco's encoding (`PPM_O_*`): the `openFlags` field.
///
/// These are not the kernel's `O_*` values; Falco's drivers translate them.
/// `Display` lists the set flags separated by `|` (`RDONLY|CLOEXEC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct OpenFlags(pub i32);

impl OpenFlags {
    /// No flag (`PPM_O_NONE`).
    pub const NONE: OpenFlags = OpenFlags(0);
    /// Open for reading (`PPM_O_RDONLY`).
    pub const RDONLY: OpenFlags = OpenFlags(1 << 0);
    /// Open for writing (`PPM_O_WRONLY`).
    pub const WRONLY: OpenFlags = OpenFlags(1 << 1);
    /// Open for reading and writing (`PPM_O_RDWR`, both bits).
    pub const RDWR: OpenFlags = OpenFlags(Self::RDONLY.0 | Self::WRONLY.0);
    /// Create if missing (`PPM_O_CREAT`).
    pub const CREAT: OpenFlags = OpenFlags(1 << 2);
    /// Append (`PPM_O_APPEND`).
    pub const APPEND: OpenFlags = OpenFlags(1 << 3);
    /// Synchronized data writes (`PPM_O_DSYNC`).
    pub const DSYNC: OpenFlags = OpenFlags(1 << 4);
    /// Fail if the file exists (`PPM_O_EXCL`).
    pub const EXCL: OpenFlags = OpenFlags(1 << 5);
    /// Non-blocking (`PPM_O_NONBLOCK`).
    pub const NONBLOCK: OpenFlags = OpenFlags(1 << 6);
    /// Synchronized writes (`PPM_O_SYNC`).
    pub const SYNC: OpenFlags = OpenFlags(1 << 7);
    /// Truncate (`PPM_O_TRUNC`).
    pub const TRUNC: OpenFlags = OpenFlags(1 << 8);
    /// Bypass the page cache (`PPM_O_DIRECT`).
    pub const DIRECT: OpenFlags = OpenFlags(1 << 9);
    /// Must be a directory (`PPM_O_DIRECTORY`).
    pub const DIRECTORY: OpenFlags = OpenFlags(1 << 10);
    /// Large file (`PPM_O_LARGEFILE`).
    pub const LARGEFILE: OpenFlags = OpenFlags(1 << 11);
    /// Close on exec (`PPM_O_CLOEXEC`).
    pub const CLOEXEC: OpenFlags = OpenFlags(1 << 12);
    /// Unnamed temporary file (`PPM_O_TMPFILE`).
    pub const TMPFILE: OpenFlags = OpenFlags(1 << 13);
    /// The call created the file (`PPM_O_F_CREATED`, set by newer drivers).
    pub const F_CREATED: OpenFlags = OpenFlags(1 << 14);

    /// The raw bits as written in the record.
    pub const fn bits(self) -> i32 {
        self.0
    }

    /// Whether every bit of `other` is set.
    pub const fn contains(self, other: OpenFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl BitOr for OpenFlags {
    type Output = OpenFlags;
    fn bitor(self, rhs: OpenFlags) -> OpenFlags {
        OpenFlags(self.0 | rhs.0)
    }
}

impl fmt::Display for OpenFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NAMES: [(OpenFlags, &str); 14] = [
            (OpenFlags::CREAT, "CREAT"),
            (OpenFlags::APPEND, "APPEND"),
            (OpenFlags::DSYNC, "DSYNC"),
            (OpenFlags::EXCL, "EXCL"),
            (OpenFlags::NONBLOCK, "NONBLOCK"),
            (OpenFlags::SYNC, "SYNC"),
            (OpenFlags::TRUNC, "TRUNC"),
            (OpenFlags::DIRECT, "DIRECT"),
            (OpenFlags::DIRECTORY, "DIRECTORY"),
            (OpenFlags::LARGEFILE, "LARGEFILE"),
            (OpenFlags::CLOEXEC, "CLOEXEC"),
            (OpenFlags::TMPFILE, "TMPFILE"),
            (OpenFlags::F_CREATED, "F_CREATED"),
            (OpenFlags::NONE, ""),
        ];
        let access = if self.contains(OpenFlags::RDWR) {
            Some("RDWR")
        } else if self.contains(OpenFlags::RDONLY) {
            Some("RDONLY")
        } else if self.contains(OpenFlags::WRONLY) {
            Some("WRONLY")
        } else {
            None
        };
        let mut parts = access.into_iter().chain(
            NAMES
                .iter()
                .filter(|(bit, _)| bit.0 != 0 && self.contains(*bit))
                .map(|&(_, name)| name),
        );
        match parts.next() {
            None => f.write_str("NONE"),
            Some(first) => {
                f.write_str(first)?;
                parts.try_for_each(|name| write!(f, "|{name}"))
            }
        }
    }
}

#[cfg(test)]
mod tests;
