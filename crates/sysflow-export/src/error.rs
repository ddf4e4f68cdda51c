//! The crate's error type, [`ExportError`].

use std::io;
use std::path::PathBuf;

/// An output could not be written.
///
/// Every variant names the file or socket; after an error the sink's current
/// file may lack its tail, and the sink refuses further records. A socket
/// sink does not fail when its server goes away: it drops and counts records
/// and reconnects (see [`SocketSink`](crate::SocketSink)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The output file could not be created (missing directory, permissions).
    #[error("cannot create output file {}", path.display())]
    Create {
        /// The file that could not be created.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The output file's name is taken by something the sink may not
    /// replace: a file of another user, a symbolic link, a directory or
    /// another special file. It is left as it was. Output files are created
    /// exclusively; only a regular file of this process's own user is
    /// replaced (see [`create_output_file`](crate::create_output_file)).
    #[error("refusing output file {}: it already exists and {found}", path.display())]
    Exists {
        /// The name that is taken.
        path: PathBuf,
        /// What is there.
        found: ExistingOutput,
    },
    /// Writing to the output file failed.
    #[error("cannot write output file {} after {records} records", path.display())]
    Write {
        /// The file being written.
        path: PathBuf,
        /// Records of this file written before the failure (header included).
        records: u64,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// A record arrived after the sink was finished or had failed.
    #[error("output {} is already closed", path.display())]
    Closed {
        /// The last file the sink wrote, or the socket's path.
        path: PathBuf,
    },
    /// The socket path does not fit in a `sockaddr_un` (`sun_path` holds
    /// 107 bytes and a NUL on Linux).
    #[error("socket path {} is {len} bytes, longer than the {max} a unix socket address holds", path.display())]
    SocketPathTooLong {
        /// The configured path.
        path: PathBuf,
        /// Its length in bytes.
        len: usize,
        /// The longest path that fits.
        max: usize,
    },
    /// The socket could not be made or set up (no file descriptors left,
    /// options refused); a server that is absent or refuses the connection is
    /// not an error.
    #[error("cannot set up the socket for {}", path.display())]
    Socket {
        /// The socket's path.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The socket's server runs as another user, neither root nor this
    /// process's: no record is sent to it (a socket at a path another user
    /// can take, such as one in `/tmp`, would hand it every record). Its
    /// uid is the server's when it listened (`SO_PEERCRED`), checked at every
    /// connection; [`SocketSinkConfig::allow_foreign_socket`](crate::SocketSinkConfig::allow_foreign_socket)
    /// allows it.
    #[error(
        "refusing socket {}: its server runs as uid {server_uid}, neither root nor this process's uid {ours} \
         (allow_foreign_socket, sysporter --allow-foreign-socket, sends to it anyway)",
        path.display()
    )]
    ForeignSocket {
        /// The socket's path.
        path: PathBuf,
        /// The uid of the process that listens on it.
        server_uid: u32,
        /// This process's effective uid.
        ours: u32,
    },
    /// Every sink of a [`MultiSink`](crate::MultiSink) failed; their errors
    /// are in [`MultiSink::failures`](crate::MultiSink::failures).
    #[error("all {sinks} outputs failed")]
    AllFailed {
        /// How many sinks the fan-out had.
        sinks: usize,
    },
}

/// What already exists at an output file's name, in
/// [`ExportError::Exists`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExistingOutput {
    /// A file owned by another user, who could read or keep it open.
    OtherOwner {
        /// Its owner's uid.
        owner: u32,
        /// This process's effective uid.
        ours: u32,
    },
    /// A symbolic link, which is never followed.
    SymbolicLink,
    /// A directory.
    Directory,
    /// A pipe, socket or device.
    Special,
    /// Files of our own hold the time-made name and every numbered name
    /// after it up to `NAME.last`.
    NumbersTaken {
        /// The last number tried.
        last: u32,
    },
}

impl std::fmt::Display for ExistingOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExistingOutput::OtherOwner { owner, ours } => write!(
                f,
                "belongs to uid {owner}, not to this process's uid {ours} (only a regular file of our own is replaced)"
            ),
            ExistingOutput::SymbolicLink => {
                f.write_str("is a symbolic link, which is never followed")
            }
            ExistingOutput::Directory => f.write_str("is a directory"),
            ExistingOutput::Special => f.write_str("is not a regular file"),
            ExistingOutput::NumbersTaken { last } => {
                write!(f, "so do the numbered names after it, up to .{last}")
            }
        }
    }
}
