//! The `sysflow.SysFlow` union: one record of any type, as files and streams carry it.

use crate::entity::{Container, File, Process, SfHeader};
use crate::event::{FileEvent, NetworkEvent, ProcessEvent};
use crate::flow::{FileFlow, NetworkFlow, ProcessFlow};
use crate::ident::{Foid, Oid};
use crate::k8s::{K8sEvent, Pod};

/// One SysFlow record: the `rec` field of the schema's top-level `sysflow.SysFlow` record.
///
/// Variants are in union-branch order, and the branch index is the record type
/// id every SysFlow consumer uses ([`RecordType`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SysFlow {
    /// Branch 0: segment header.
    Header(SfHeader),
    /// Branch 1: container entity.
    Container(Container),
    /// Branch 2: process entity.
    Process(Process),
    /// Branch 3: file entity.
    File(File),
    /// Branch 4: process event.
    ProcessEvent(ProcessEvent),
    /// Branch 5: network flow.
    NetworkFlow(NetworkFlow),
    /// Branch 6: file flow.
    FileFlow(FileFlow),
    /// Branch 7: file event.
    FileEvent(FileEvent),
    /// Branch 8: network event.
    NetworkEvent(NetworkEvent),
    /// Branch 9: process flow.
    ProcessFlow(ProcessFlow),
    /// Branch 10: pod entity.
    Pod(Pod),
    /// Branch 11: Kubernetes event.
    K8sEvent(K8sEvent),
}

/// The type of a [`SysFlow`] record; its discriminant is the union branch index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum RecordType {
    /// `sysflow.entity.SFHeader`.
    Header = 0,
    /// `sysflow.entity.Container`.
    Container = 1,
    /// `sysflow.entity.Process`.
    Process = 2,
    /// `sysflow.entity.File`.
    File = 3,
    /// `sysflow.event.ProcessEvent`.
    ProcessEvent = 4,
    /// `sysflow.flow.NetworkFlow`.
    NetworkFlow = 5,
    /// `sysflow.flow.FileFlow`.
    FileFlow = 6,
    /// `sysflow.event.FileEvent`.
    FileEvent = 7,
    /// `sysflow.event.NetworkEvent`.
    NetworkEvent = 8,
    /// `sysflow.flow.ProcessFlow`.
    ProcessFlow = 9,
    /// `sysflow.entity.Pod`.
    Pod = 10,
    /// `sysflow.event.K8sEvent`.
    K8sEvent = 11,
}

impl RecordType {
    /// Every record type, in branch order.
    pub const ALL: [RecordType; 12] = [
        RecordType::Header,
        RecordType::Container,
        RecordType::Process,
        RecordType::File,
        RecordType::ProcessEvent,
        RecordType::NetworkFlow,
        RecordType::FileFlow,
        RecordType::FileEvent,
        RecordType::NetworkEvent,
        RecordType::ProcessFlow,
        RecordType::Pod,
        RecordType::K8sEvent,
    ];

    /// The union branch index.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The record type at a union branch index.
    pub fn from_index(index: usize) -> Option<RecordType> {
        RecordType::ALL.get(index).copied()
    }

    /// The record's full Avro name, e.g. `sysflow.flow.FileFlow`.
    pub const fn full_name(self) -> &'static str {
        match self {
            RecordType::Header => "sysflow.entity.SFHeader",
            RecordType::Container => "sysflow.entity.Container",
            RecordType::Process => "sysflow.entity.Process",
            RecordType::File => "sysflow.entity.File",
            RecordType::ProcessEvent => "sysflow.event.ProcessEvent",
            RecordType::NetworkFlow => "sysflow.flow.NetworkFlow",
            RecordType::FileFlow => "sysflow.flow.FileFlow",
            RecordType::FileEvent => "sysflow.event.FileEvent",
            RecordType::NetworkEvent => "sysflow.event.NetworkEvent",
            RecordType::ProcessFlow => "sysflow.flow.ProcessFlow",
            RecordType::Pod => "sysflow.entity.Pod",
            RecordType::K8sEvent => "sysflow.event.K8sEvent",
        }
    }

    /// The short name: the full name without its namespace.
    pub fn name(self) -> &'static str {
        let full = self.full_name();
        full.rsplit('.').next().unwrap_or(full)
    }
}

impl std::fmt::Display for RecordType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The entities an event or flow record names by id (see
/// [`SysFlow::entity_refs`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EntityRefs {
    /// The process of an event or flow.
    pub process: Option<Oid>,
    /// The file of a file flow or file event.
    pub file: Option<Foid>,
    /// A file event's second file (rename, link).
    pub new_file: Option<Foid>,
}

impl SysFlow {
    /// The process and files this event or flow record names by id: a
    /// stream writes them (as Process and File records) before the record.
    /// The header and entities name none; a Process's parent (`poid`) is not
    /// counted, since the parent may predate the stream.
    pub fn entity_refs(&self) -> EntityRefs {
        let process = |oid: Oid| EntityRefs {
            process: Some(oid),
            ..EntityRefs::default()
        };
        match self {
            SysFlow::ProcessEvent(r) => process(r.proc_oid),
            SysFlow::ProcessFlow(r) => process(r.proc_oid),
            SysFlow::NetworkEvent(r) => process(r.proc_oid),
            SysFlow::NetworkFlow(r) => process(r.proc_oid),
            SysFlow::FileFlow(r) => EntityRefs {
                file: Some(r.file_oid),
                ..process(r.proc_oid)
            },
            SysFlow::FileEvent(r) => EntityRefs {
                process: Some(r.proc_oid),
                file: Some(r.file_oid),
                new_file: r.new_file_oid,
            },
            SysFlow::Header(_)
            | SysFlow::Container(_)
            | SysFlow::Process(_)
            | SysFlow::File(_)
            | SysFlow::Pod(_)
            | SysFlow::K8sEvent(_) => EntityRefs::default(),
        }
    }

    /// The type of this record.
    pub const fn record_type(&self) -> RecordType {
        match self {
            SysFlow::Header(_) => RecordType::Header,
            SysFlow::Container(_) => RecordType::Container,
            SysFlow::Process(_) => RecordType::Process,
            SysFlow::File(_) => RecordType::File,
            SysFlow::ProcessEvent(_) => RecordType::ProcessEvent,
            SysFlow::NetworkFlow(_) => RecordType::NetworkFlow,
            SysFlow::FileFlow(_) => RecordType::FileFlow,
            SysFlow::FileEvent(_) => RecordType::FileEvent,
            SysFlow::NetworkEvent(_) => RecordType::NetworkEvent,
            SysFlow::ProcessFlow(_) => RecordType::ProcessFlow,
            SysFlow::Pod(_) => RecordType::Pod,
            SysFlow::K8sEvent(_) => RecordType::K8sEvent,
        }
    }
}

macro_rules! impl_from_record {
    ($($ty:ident => $variant:ident),* $(,)?) => {
        $(impl From<$ty> for SysFlow {
            fn from(rec: $ty) -> SysFlow {
                SysFlow::$variant(rec)
            }
        })*
    };
}

impl_from_record! {
    SfHeader => Header,
    Container => Container,
    Process => Process,
    File => File,
    ProcessEvent => ProcessEvent,
    NetworkFlow => NetworkFlow,
    FileFlow => FileFlow,
    FileEvent => FileEvent,
    NetworkEvent => NetworkEvent,
    ProcessFlow => ProcessFlow,
    Pod => Pod,
    K8sEvent => K8sEvent,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OpFlags;

    #[test]
    fn a_rename_names_its_process_and_both_files() {
        let (oid, old, new) = (Oid::new(7, 42), Foid([1; 20]), Foid([2; 20]));
        let rename = SysFlow::FileEvent(FileEvent {
            proc_oid: oid,
            ts: 1,
            tid: 42,
            op_flags: OpFlags::RENAME,
            file_oid: old,
            ret: 0,
            new_file_oid: Some(new),
        });
        let refs = EntityRefs {
            process: Some(oid),
            file: Some(old),
            new_file: Some(new),
        };
        assert_eq!(rename.entity_refs(), refs);
        let header = SysFlow::Header(SfHeader::default());
        assert_eq!(header.entity_refs(), EntityRefs::default());
    }
}
