//! Entity records: the header of a segment, containers, processes and files.
//!
//! Entities are written once per output segment, before the first behaviour
//! record that references them, and carry an [`SfObjectState`] telling a
//! consumer why they appear.

use std::sync::Arc;

use crate::ident::{Foid, Oid};

avro_enum! {
    /// Why an entity record was written: `sysflow.type.SFObjectState`.
    SfObjectState {
        /// The entity was first seen being created (clone, exec, file creation).
        Created = "CREATED",
        /// An entity already written was changed (exec, setuid) and is written again.
        Modified = "MODIFIED",
        /// An existing entity written for context: first reference, or again after a header.
        Reup = "REUP",
    }
}

avro_enum! {
    /// The runtime that manages a container: `sysflow.type.ContainerType`.
    ContainerType {
        /// Docker.
        Docker = "CT_DOCKER",
        /// LXC.
        Lxc = "CT_LXC",
        /// libvirt LXC.
        LibvirtLxc = "CT_LIBVIRT_LXC",
        /// Mesos.
        Mesos = "CT_MESOS",
        /// rkt.
        Rkt = "CT_RKT",
        /// A custom runtime.
        Custom = "CT_CUSTOM",
        /// A CRI runtime.
        Cri = "CT_CRI",
        /// containerd.
        Containerd = "CT_CONTAINERD",
        /// CRI-O.
        Crio = "CT_CRIO",
        /// BOSH process manager.
        Bpm = "CT_BPM",
    }
}

/// The first record of every file or stream segment: `sysflow.entity.SFHeader`.
///
/// Consumers drop their entity tables when they see a header, so everything a
/// segment references is written again after it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[doc(alias = "SFHeader")]
pub struct SfHeader {
    /// Schema version of the records that follow ([`SCHEMA_VERSION`](crate::SCHEMA_VERSION) for ours).
    pub version: i64,
    /// Exporter id (`sysporter -e`), or the host name.
    pub exporter: String,
    /// IP address of the node, or empty.
    pub ip: String,
    /// Path of the file being written; empty on a socket.
    pub filename: String,
}

/// A container: `sysflow.entity.Container`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    /// Container id (12 hex characters for Docker).
    pub id: String,
    /// Container name.
    pub name: String,
    /// Image name with its tag.
    pub image: String,
    /// Image id.
    pub imageid: String,
    /// Runtime that manages the container.
    #[doc(alias = "type")]
    pub container_type: ContainerType,
    /// Whether the container runs privileged.
    pub privileged: bool,
    /// Id of the pod the container belongs to, if known.
    #[doc(alias = "podId")]
    pub pod_id: Option<String>,
}

/// A process: `sysflow.entity.Process`.
///
/// Threads have no record of their own; behaviour records carry the thread id
/// and their process's [`Oid`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Process {
    /// Why this record was written.
    pub state: SfObjectState,
    /// Identity of the process.
    pub oid: Oid,
    /// Identity of the parent process, if known.
    pub poid: Option<Oid>,
    /// Timestamp (ns) of the event that created or changed the record.
    pub ts: i64,
    /// Executable path.
    pub exe: String,
    /// Arguments after argv\[0\], joined by single spaces.
    #[doc(alias = "exeArgs")]
    pub exe_args: String,
    /// User id, or -1 when unknown.
    pub uid: i32,
    /// User name, or `<NA>` when unknown.
    #[doc(alias = "userName")]
    pub user_name: String,
    /// Group id, or -1 when unknown.
    pub gid: i32,
    /// Group name, or `<NA>` when unknown.
    #[doc(alias = "groupName")]
    pub group_name: String,
    /// Whether the process has a controlling terminal.
    pub tty: bool,
    /// Id of the container the process runs in, if any.
    #[doc(alias = "containerId")]
    pub container_id: Option<String>,
    /// Whether the process is the entry point (pid 1) of its pid namespace.
    pub entry: bool,
    /// Working directory.
    pub cwd: String,
    /// Environment, one `NAME=value` string per entry. Shared: most
    /// processes of a host carry one of a few environments, and a record is
    /// cloned into caches and callbacks, so copies must not copy the strings.
    pub env: Arc<[String]>,
}

/// A file or file-like resource (directory, pipe, unix socket): `sysflow.entity.File`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Why this record was written.
    pub state: SfObjectState,
    /// Identity of the file.
    pub oid: Foid,
    /// Timestamp (ns) of the event that first referenced the file.
    pub ts: i64,
    /// Resource type as a character code; see [`FileType`](crate::FileType).
    pub restype: i32,
    /// Path, or a descriptor name such as `pipe:[83297874]`.
    pub path: String,
    /// Id of the container of the process that referenced the file, if any.
    #[doc(alias = "containerId")]
    pub container_id: Option<String>,
}

/// The kind of resource a [`File`] record names, stored as a character code in `restype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileType {
    /// A regular file (`f`).
    File,
    /// A directory (`d`).
    Directory,
    /// A unix-domain socket (`u`).
    UnixSocket,
    /// A pipe (`p`).
    Pipe,
    /// Not known, as for paths of file events (`?`).
    Unknown,
}

impl FileType {
    /// The character code.
    pub const fn as_char(self) -> char {
        match self {
            FileType::File => 'f',
            FileType::Directory => 'd',
            FileType::UnixSocket => 'u',
            FileType::Pipe => 'p',
            FileType::Unknown => '?',
        }
    }

    /// The value of the `restype` field.
    pub const fn restype(self) -> i32 {
        self.as_char() as i32
    }

    /// The type named by a `restype` value, if it is one of the known codes.
    pub fn from_restype(restype: i32) -> Option<FileType> {
        [
            FileType::File,
            FileType::Directory,
            FileType::UnixSocket,
            FileType::Pipe,
            FileType::Unknown,
        ]
        .into_iter()
        .find(|t| t.restype() == restype)
    }
}

impl File {
    /// The resource type, if `restype` holds a known code.
    pub fn file_type(&self) -> Option<FileType> {
        FileType::from_restype(self.restype)
    }
}
