//! Identities that link behaviour records to the entities they are about.
//!
//! Processes are named by [`Oid`] (creation time plus host pid, so a recycled pid
//! still names a new process) and files by [`Foid`] (a SHA-1 digest the collector
//! computes over container id and path).

use std::fmt;

/// A process object id: `sysflow.type.OID`.
///
/// The collector sets `create_ts` to the clone time of the process's main thread
/// (0 for processes that predate the capture) and `hpid` to its pid in the host
/// pid namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Oid {
    /// Creation timestamp of the main thread, in nanoseconds since the epoch.
    #[doc(alias = "createTS")]
    pub create_ts: i64,
    /// Process id in the host pid namespace.
    pub hpid: i64,
}

impl Oid {
    /// Builds an OID from its two parts.
    pub const fn new(create_ts: i64, hpid: i64) -> Self {
        Oid { create_ts, hpid }
    }
}

impl fmt::Display for Oid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.hpid, self.create_ts)
    }
}

/// A file object id: `sysflow.type.FOID`, an Avro `fixed` of 20 bytes.
///
/// The collector fills it with the SHA-1 digest of the container id (empty on the
/// host) followed by the file's path; this crate treats it as opaque bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Foid(pub [u8; Foid::LEN]);

impl Foid {
    /// Size of the fixed in bytes.
    pub const LEN: usize = 20;

    /// The raw digest bytes.
    pub const fn as_bytes(&self) -> &[u8; Foid::LEN] {
        &self.0
    }
}

impl From<[u8; Foid::LEN]> for Foid {
    fn from(bytes: [u8; Foid::LEN]) -> Self {
        Foid(bytes)
    }
}

impl fmt::Display for Foid {
    /// Lower-case hex, the way `sha1sum` prints a digest.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Foid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Foid({self})")
    }
}
