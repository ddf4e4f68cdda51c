//! The rule that makes a segment of a stream stand alone: every entity a
//! record names is defined earlier in the same segment.

use std::collections::HashSet;

use crate::ident::{Foid, Oid};
use crate::sysflow::SysFlow;

/// An entity a record names that its segment has not defined before it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Undefined {
    /// The process of an event or flow.
    Process(Oid),
    /// A Process record's parent (`poid`).
    Parent(Oid),
    /// A file of a file flow or file event (either file of a rename or link).
    File(Foid),
    /// The container of a Process or File record.
    Container(String),
}

impl std::fmt::Display for Undefined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Undefined::Process(oid) => write!(f, "process {oid:?}"),
            Undefined::Parent(oid) => write!(f, "parent process {oid:?}"),
            Undefined::File(foid) => write!(f, "file {foid}"),
            Undefined::Container(id) => write!(f, "container {id}"),
        }
    }
}

/// Checks, record by record, the rule every segment of a SysFlow stream
/// keeps so that a consumer can resolve it on its own: each event's and
/// flow's process and files, each Process's and File's container, and each
/// Process's parent are defined by an earlier record of the same segment.
/// A segment starts at each header (or at [`SegmentCheck::new_segment`]).
///
/// A parent is defined when its own Process record came first: writers
/// write a process's ancestors oldest first, and leave `poid` empty when
/// they know no parent to write.
#[derive(Debug, Default, Clone)]
pub struct SegmentCheck {
    processes: HashSet<Oid>,
    files: HashSet<Foid>,
    containers: HashSet<String>,
}

impl SegmentCheck {
    /// A check at the start of a segment.
    pub fn new() -> SegmentCheck {
        SegmentCheck::default()
    }

    /// Forgets every definition, as a header does.
    pub fn new_segment(&mut self) {
        self.processes.clear();
        self.files.clear();
        self.containers.clear();
    }

    /// Checks one record and takes in what it defines; returns what it
    /// names that is not defined before it (empty when it keeps the rule).
    pub fn check(&mut self, rec: &SysFlow) -> Vec<Undefined> {
        let mut missing = Vec::new();
        match rec {
            SysFlow::Header(_) => self.new_segment(),
            SysFlow::Container(c) => {
                self.containers.insert(c.id.clone());
            }
            SysFlow::Process(p) => {
                self.need_container(p.container_id.as_deref(), &mut missing);
                if let Some(parent) = p.poid
                    && !self.processes.contains(&parent)
                {
                    missing.push(Undefined::Parent(parent));
                }
                self.processes.insert(p.oid);
            }
            SysFlow::File(f) => {
                self.need_container(f.container_id.as_deref(), &mut missing);
                self.files.insert(f.oid);
            }
            _ => {
                let refs = rec.entity_refs();
                if let Some(oid) = refs.process
                    && !self.processes.contains(&oid)
                {
                    missing.push(Undefined::Process(oid));
                }
                for foid in [refs.file, refs.new_file].into_iter().flatten() {
                    if !self.files.contains(&foid) {
                        missing.push(Undefined::File(foid));
                    }
                }
            }
        }
        missing
    }

    fn need_container(&self, id: Option<&str>, missing: &mut Vec<Undefined>) {
        if let Some(id) = id
            && !self.containers.contains(id)
        {
            missing.push(Undefined::Container(id.to_owned()));
        }
    }

    /// Checks a whole stream from the start of a segment: each record's
    /// index with what it names undefined.
    pub fn stream(records: &[SysFlow]) -> Vec<(usize, Undefined)> {
        let mut check = SegmentCheck::new();
        records
            .iter()
            .enumerate()
            .flat_map(|(i, r)| check.check(r).into_iter().map(move |u| (i, u)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::{
        Container, ContainerType, OpFlags, Process, ProcessEvent, SfHeader, SfObjectState,
    };

    fn process(oid: Oid, poid: Option<Oid>, container: Option<&str>) -> SysFlow {
        SysFlow::Process(Process {
            state: SfObjectState::Reup,
            oid,
            poid,
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
            env: Arc::from([]),
        })
    }

    fn exit(oid: Oid) -> SysFlow {
        SysFlow::ProcessEvent(ProcessEvent {
            proc_oid: oid,
            ts: 1,
            tid: oid.hpid,
            op_flags: OpFlags::EXIT,
            args: vec![],
            ret: 0,
        })
    }

    #[test]
    fn parents_processes_and_containers_must_come_first() {
        let (parent, child) = (Oid::new(1, 10), Oid::new(2, 11));
        let container = SysFlow::Container(Container {
            id: "c1".into(),
            name: "n".into(),
            image: "i:t".into(),
            imageid: String::new(),
            container_type: ContainerType::Docker,
            privileged: false,
            pod_id: None,
        });
        let good = [
            container.clone(),
            process(parent, None, None),
            process(child, Some(parent), Some("c1")),
            exit(child),
        ];
        assert_eq!(SegmentCheck::stream(&good), []);
        // A header starts over: the same records after it name nothing defined.
        let mut bad = good.to_vec();
        bad.push(SysFlow::Header(SfHeader::default()));
        bad.extend([process(child, Some(parent), Some("c1")), exit(child)]);
        assert_eq!(
            SegmentCheck::stream(&bad),
            [
                (5, Undefined::Container("c1".into())),
                (5, Undefined::Parent(parent)),
            ]
        );
        let mut check = SegmentCheck::new();
        assert_eq!(check.check(&exit(parent)), [Undefined::Process(parent)]);
    }
}
