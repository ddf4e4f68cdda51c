//! The callback sink: each behaviour record handed to a closure with its
//! header, process, container and files resolved from the stream.

use rustc_hash::FxHashMap;
use sysflow_types::{
    Container, EntityRefs, File, Foid, Oid, Pod, Process, RecordSink, SCHEMA_VERSION, SfHeader,
    SysFlow,
};
use tracing::debug;

use crate::error::ExportError;
use crate::sink::ExportSink;
use crate::stats::SinkStats;

/// One behaviour record with everything it references, as the callback sees
/// it. Entities are borrowed from the sink for the duration of the call.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct CallbackRecord<'a> {
    /// The header of the segment the record belongs to (the real one: the
    /// reference passes an empty header).
    pub header: &'a SfHeader,
    /// The process's container, when the process has one and it was written.
    pub container: Option<&'a Container>,
    /// The pod of that container, when it has one and it was written.
    pub pod: Option<&'a Pod>,
    /// The process the record is about (`proc_oid`); `None` for a Kubernetes
    /// event, or an OID the segment never wrote.
    pub process: Option<&'a Process>,
    /// The file of a file flow or file event (`file_oid`).
    pub file: Option<&'a File>,
    /// The second file of a file event (`new_file_oid`: rename, link).
    pub new_file: Option<&'a File>,
    /// The record itself: a process, file or network event or flow, a
    /// process flow, or a Kubernetes event.
    pub record: &'a SysFlow,
}

/// Hands every behaviour record, with its entities, to a callback: the
/// reference's `SysFlowCallback`, as a Rust closure
/// `FnMut(&CallbackRecord<'_>)`.
///
/// As in the reference's callback writer, entity records (header, container,
/// process, file, pod) are not delivered on their own: the sink keeps them
/// and attaches them to the records that reference them. Everything else is
/// delivered: process, file and network events and flows, process flows and
/// Kubernetes events.
///
/// Entities come before the records that reference them within a segment,
/// so the sink resolves them from the stream itself. Its maps hold one
/// segment: they are cleared when a segment starts (a header record, or
/// [`rotate`](ExportSink::rotate)), after which the producer writes every
/// entity again; memory is bounded by what one segment references.
pub struct CallbackSink<F> {
    header: SfHeader,
    containers: FxHashMap<String, Container>,
    pods: FxHashMap<String, Pod>,
    processes: FxHashMap<Oid, Process>,
    files: FxHashMap<Foid, File>,
    callback: F,
    stats: SinkStats,
    /// Records delivered whose process was not in the segment.
    unresolved: u64,
    closed: bool,
}

impl<F> std::fmt::Debug for CallbackSink<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallbackSink")
            .field("header", &self.header)
            .field("processes", &self.processes.len())
            .field("files", &self.files.len())
            .field("containers", &self.containers.len())
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

impl<F: FnMut(&CallbackRecord<'_>)> CallbackSink<F> {
    /// A sink whose first segment has the header made of `exporter` and
    /// `ip` (and an empty `filename`, as there is no file).
    pub fn new(exporter: impl Into<String>, ip: impl Into<String>, callback: F) -> Self {
        let header = SfHeader {
            version: SCHEMA_VERSION,
            exporter: exporter.into(),
            ip: ip.into(),
            filename: String::new(),
        };
        let stats = SinkStats {
            segments: 1,
            ..SinkStats::default()
        };
        CallbackSink {
            header,
            containers: FxHashMap::default(),
            pods: FxHashMap::default(),
            processes: FxHashMap::default(),
            files: FxHashMap::default(),
            callback,
            stats,
            unresolved: 0,
            closed: false,
        }
    }

    /// The current segment's header.
    pub fn header(&self) -> &SfHeader {
        &self.header
    }

    /// Delivered records whose process (or, for file records, file) was not
    /// written earlier in the segment: zero for a well-formed stream.
    pub fn unresolved(&self) -> u64 {
        self.unresolved
    }

    /// What the sink did so far; `sent` counts every record taken, entities
    /// included.
    pub fn stats(&self) -> SinkStats {
        self.stats.clone()
    }

    /// Starts a segment with `header`: every entity is forgotten.
    fn start(&mut self, header: SfHeader) {
        self.header = header;
        self.forget();
        self.stats.segments += 1;
    }

    fn forget(&mut self) {
        self.containers.clear();
        self.pods.clear();
        self.processes.clear();
        self.files.clear();
    }

    fn deliver(&mut self, rec: &SysFlow) {
        let EntityRefs {
            process: proc_oid,
            file: file_oid,
            new_file: new_file_oid,
        } = rec.entity_refs();
        let process = proc_oid.and_then(|oid| self.processes.get(&oid));
        let container = process
            .and_then(|p| p.container_id.as_ref())
            .and_then(|id| self.containers.get(id));
        let pod = container
            .and_then(|c| c.pod_id.as_ref())
            .and_then(|id| self.pods.get(id));
        let file = file_oid.and_then(|oid| self.files.get(&oid));
        let new_file = new_file_oid.and_then(|oid| self.files.get(&oid));
        let missing = (proc_oid.is_some() && process.is_none())
            || (file_oid.is_some() && file.is_none())
            || (new_file_oid.is_some() && new_file.is_none());
        (self.callback)(&CallbackRecord {
            header: &self.header,
            container,
            pod,
            process,
            file,
            new_file,
            record: rec,
        });
        if missing {
            self.unresolved += 1;
            debug!(record = %rec.record_type(), "callback record references an entity the segment lacks");
        }
    }
}

impl<F: FnMut(&CallbackRecord<'_>)> RecordSink for CallbackSink<F> {
    type Error = ExportError;

    /// Keeps an entity, or delivers a behaviour record; a header record
    /// starts a new segment with that header.
    fn record(&mut self, rec: &SysFlow) -> Result<(), ExportError> {
        if self.closed {
            return Err(ExportError::Closed {
                path: "callback".into(),
            });
        }
        match rec {
            SysFlow::Header(h) => self.start(h.clone()),
            SysFlow::Container(c) => {
                self.containers.insert(c.id.clone(), c.clone());
            }
            SysFlow::Pod(p) => {
                self.pods.insert(p.id.clone(), p.clone());
            }
            SysFlow::Process(p) => {
                self.processes.insert(p.oid, p.clone());
            }
            SysFlow::File(f) => {
                self.files.insert(f.oid, f.clone());
            }
            _ => self.deliver(rec),
        }
        self.stats.count_sent(rec.record_type());
        Ok(())
    }
}

impl<F: FnMut(&CallbackRecord<'_>)> ExportSink for CallbackSink<F> {
    fn stats(&self) -> SinkStats {
        CallbackSink::stats(self)
    }

    /// Starts a new segment with a fresh header (same exporter and ip).
    fn rotate(&mut self, _now_secs: u64) -> Result<(), ExportError> {
        let header = self.header.clone();
        self.start(header);
        Ok(())
    }

    /// Forgets every entity; records after it are refused.
    fn finish(&mut self) -> Result<(), ExportError> {
        self.closed = true;
        self.forget();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use sysflow_types::{ContainerType, FileFlow, OpFlags, OpenFlags, ProcessEvent, SfObjectState};

    use super::*;

    fn container(id: &str) -> SysFlow {
        SysFlow::Container(Container {
            id: id.into(),
            name: "web".into(),
            image: "alpine".into(),
            imageid: "sha256:abc".into(),
            container_type: ContainerType::Docker,
            privileged: false,
            pod_id: None,
        })
    }

    fn process(oid: Oid, container: Option<&str>) -> SysFlow {
        SysFlow::Process(Process {
            state: SfObjectState::Created,
            oid,
            poid: None,
            ts: 1,
            exe: "/bin/sh".into(),
            exe_args: String::new(),
            uid: 0,
            user_name: "root".into(),
            gid: 0,
            group_name: "root".into(),
            tty: false,
            container_id: container.map(str::to_owned),
            entry: false,
            cwd: "/".into(),
            env: Default::default(),
        })
    }

    fn file(oid: Foid, path: &str) -> SysFlow {
        SysFlow::File(File {
            state: SfObjectState::Created,
            oid,
            ts: 1,
            restype: 0,
            path: path.into(),
            container_id: None,
        })
    }

    fn file_flow(proc_oid: Oid, file_oid: Foid) -> SysFlow {
        SysFlow::FileFlow(FileFlow {
            proc_oid,
            ts: 2,
            tid: 2,
            op_flags: OpFlags::OPEN,
            open_flags: OpenFlags::default(),
            end_ts: 3,
            file_oid,
            fd: 3,
            num_r_recv_ops: 0,
            num_w_send_ops: 0,
            num_r_recv_bytes: 0,
            num_w_send_bytes: 0,
        })
    }

    #[test]
    fn entities_resolve_and_a_header_forgets_them() {
        let oid = Oid::new(1, 2);
        let foid = Foid([9; 20]);
        let mut seen = Vec::new();
        let mut sink = CallbackSink::new("host", "10.0.0.1", |r: &CallbackRecord<'_>| {
            seen.push((
                r.header.exporter.clone(),
                r.process.map(|p| p.oid),
                r.container.map(|c| c.id.clone()),
                r.file.map(|f| f.path.clone()),
            ));
        });
        for rec in [
            container("c1"),
            process(oid, Some("c1")),
            file(foid, "/etc/passwd"),
            file_flow(oid, foid),
            SysFlow::Header(SfHeader {
                exporter: "other".into(),
                ..SfHeader::default()
            }),
            SysFlow::ProcessEvent(ProcessEvent {
                proc_oid: oid,
                ts: 4,
                tid: 2,
                op_flags: OpFlags::EXIT,
                args: Vec::new(),
                ret: 0,
            }),
        ] {
            sink.record(&rec).unwrap();
        }
        assert_eq!(sink.unresolved(), 1);
        assert_eq!(sink.stats().sent_total(), 6);
        assert_eq!(sink.stats().segments, 2);
        ExportSink::finish(&mut sink).unwrap();
        assert!(sink.record(&container("c2")).is_err());
        drop(sink);
        assert_eq!(
            seen,
            [
                (
                    "host".to_owned(),
                    Some(oid),
                    Some("c1".to_owned()),
                    Some("/etc/passwd".to_owned())
                ),
                ("other".to_owned(), None, None, None),
            ]
        );
    }
}
