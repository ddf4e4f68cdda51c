//! Flow records: operations of one thread on one resource, aggregated over time.
//!
//! A flow is written when its resource is closed, when its thread or process
//! exits, periodically while it stays open, and at the end of a capture (with
//! [`OpFlags::TRUNCATE`]); `ts`..`end_ts` is the span it covers.

use crate::ident::{Foid, Oid};
use crate::op_flags::{OpFlags, OpenFlags};

/// Traffic of a thread on an IPv4 socket: `sysflow.flow.NetworkFlow`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkFlow {
    /// The process owning the thread.
    #[doc(alias = "procOID")]
    pub proc_oid: Oid,
    /// Start of the span (ns).
    pub ts: i64,
    /// Id of the thread.
    pub tid: i64,
    /// Every operation seen in the span.
    #[doc(alias = "opFlags")]
    pub op_flags: OpFlags,
    /// End of the span (ns).
    #[doc(alias = "endTs")]
    pub end_ts: i64,
    /// Client IPv4 address as stored in network byte order, read as a little-endian integer
    /// (127.0.0.1 is 16777343); see [`ipv4_from_sysflow`](crate::ipv4_from_sysflow).
    pub sip: i32,
    /// Client port.
    pub sport: i32,
    /// Server IPv4 address, encoded like `sip`.
    pub dip: i32,
    /// Server port.
    pub dport: i32,
    /// IP protocol: 6 TCP, 17 UDP, 1 ICMP, 254 raw, -1 other.
    pub proto: i32,
    /// File descriptor number.
    pub fd: i32,
    /// Number of read/receive calls.
    #[doc(alias = "numRRecvOps")]
    pub num_r_recv_ops: i64,
    /// Number of write/send calls.
    #[doc(alias = "numWSendOps")]
    pub num_w_send_ops: i64,
    /// Bytes read or received.
    #[doc(alias = "numRRecvBytes")]
    pub num_r_recv_bytes: i64,
    /// Bytes written or sent.
    #[doc(alias = "numWSendBytes")]
    pub num_w_send_bytes: i64,
}

/// Activity of a thread on an open file, directory, pipe or unix socket: `sysflow.flow.FileFlow`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFlow {
    /// The process owning the thread.
    #[doc(alias = "procOID")]
    pub proc_oid: Oid,
    /// Start of the span (ns).
    pub ts: i64,
    /// Id of the thread.
    pub tid: i64,
    /// Every operation seen in the span.
    #[doc(alias = "opFlags")]
    pub op_flags: OpFlags,
    /// Flags of the open call, in Falco's `PPM_O_*` encoding (0 if the open was not seen).
    #[doc(alias = "openFlags")]
    pub open_flags: OpenFlags,
    /// End of the span (ns).
    #[doc(alias = "endTs")]
    pub end_ts: i64,
    /// The file.
    #[doc(alias = "fileOID")]
    pub file_oid: Foid,
    /// File descriptor number.
    pub fd: i32,
    /// Number of read calls.
    #[doc(alias = "numRRecvOps")]
    pub num_r_recv_ops: i64,
    /// Number of write calls.
    #[doc(alias = "numWSendOps")]
    pub num_w_send_ops: i64,
    /// Bytes read.
    #[doc(alias = "numRRecvBytes")]
    pub num_r_recv_bytes: i64,
    /// Bytes written.
    #[doc(alias = "numWSendBytes")]
    pub num_w_send_bytes: i64,
}

/// Thread creations and exits of a process, aggregated: `sysflow.flow.ProcessFlow`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessFlow {
    /// The process.
    #[doc(alias = "procOID")]
    pub proc_oid: Oid,
    /// Start of the span (ns).
    pub ts: i64,
    /// Threads created in the span.
    #[doc(alias = "numThreadsCloned")]
    pub num_threads_cloned: i64,
    /// Every operation seen in the span.
    #[doc(alias = "opFlags")]
    pub op_flags: OpFlags,
    /// End of the span (ns).
    #[doc(alias = "endTs")]
    pub end_ts: i64,
    /// Threads that exited in the span.
    #[doc(alias = "numThreadsExited")]
    pub num_threads_exited: i64,
    /// Failed thread creations in the span.
    #[doc(alias = "numCloneErrors")]
    pub num_clone_errors: i64,
}

/// The IPv4 address a `sip`/`dip` field holds.
///
/// The collector stores the address bytes in network order and reads them as a
/// little-endian integer, so the first octet is the lowest byte.
pub fn ipv4_from_sysflow(addr: i32) -> std::net::Ipv4Addr {
    std::net::Ipv4Addr::from(addr.to_le_bytes())
}

/// The `sip`/`dip` value for an IPv4 address; the inverse of [`ipv4_from_sysflow`].
pub fn ipv4_to_sysflow(addr: std::net::Ipv4Addr) -> i32 {
    i32::from_le_bytes(addr.octets())
}
