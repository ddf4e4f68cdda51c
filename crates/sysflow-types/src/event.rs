//! Event records: single operations of a process on itself, a file or the network.

use crate::ident::{Foid, Oid};
use crate::op_flags::OpFlags;

/// A process lifecycle operation (clone, exec, exit, setuid): `sysflow.event.ProcessEvent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessEvent {
    /// The process the operation belongs to.
    #[doc(alias = "procOID")]
    pub proc_oid: Oid,
    /// Event timestamp (ns).
    pub ts: i64,
    /// Id of the thread that made the call.
    pub tid: i64,
    /// Exactly one of the process operations.
    #[doc(alias = "opFlags")]
    pub op_flags: OpFlags,
    /// Operation arguments (setuid: the new user).
    pub args: Vec<String>,
    /// Return value of the system call.
    pub ret: i32,
}

/// A file-system mutation (mkdir, rmdir, link, symlink, unlink, rename): `sysflow.event.FileEvent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEvent {
    /// The process that made the call.
    #[doc(alias = "procOID")]
    pub proc_oid: Oid,
    /// Event timestamp (ns).
    pub ts: i64,
    /// Id of the thread that made the call.
    pub tid: i64,
    /// Exactly one of the file-event operations.
    #[doc(alias = "opFlags")]
    pub op_flags: OpFlags,
    /// The file operated on (for two-path operations, the old path or the target).
    #[doc(alias = "fileOID")]
    pub file_oid: Foid,
    /// Return value of the system call.
    pub ret: i32,
    /// The second file of link, symlink and rename.
    #[doc(alias = "newFileOID")]
    pub new_file_oid: Option<Foid>,
}

/// A single network operation: `sysflow.event.NetworkEvent`.
///
/// Part of the schema; the reference collector never produces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkEvent {
    /// The process that made the call.
    #[doc(alias = "procOID")]
    pub proc_oid: Oid,
    /// Event timestamp (ns).
    pub ts: i64,
    /// Id of the thread that made the call.
    pub tid: i64,
    /// The operation.
    #[doc(alias = "opFlags")]
    pub op_flags: OpFlags,
    /// Source IPv4 address as stored in network byte order, read as a little-endian integer.
    pub sip: i32,
    /// Source port.
    pub sport: i32,
    /// Destination IPv4 address, encoded like `sip`.
    pub dip: i32,
    /// Destination port.
    pub dport: i32,
    /// IP protocol number.
    pub proto: i32,
    /// Return value of the system call.
    pub ret: i32,
}
