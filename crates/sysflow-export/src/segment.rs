//! Per-sink segments of a fan-out: the entities the producer wrote in its
//! segment ([`EntityStore`]), and those a sink wrote since a header of its
//! own ([`OwnSegment`]), so that a sink that starts a segment alone (a
//! reconnected socket) gets every entity again without the other sinks
//! seeing them twice.

use rustc_hash::{FxHashMap, FxHashSet};
use sysflow_types::{Container, File, Foid, Oid, Pod, Process, SfObjectState, SysFlow};

/// The latest record of every entity the producer wrote since its segment
/// started (the last rotation): what a sink that starts a segment of its own
/// may need again, since the producer writes each entity once per segment.
///
/// Cleared at every rotation, when the producer starts a segment itself and
/// writes again every entity something refers to; so it holds at most what
/// one of the producer's segments wrote.
#[derive(Debug, Default)]
pub(crate) struct EntityStore {
    containers: FxHashMap<String, Container>,
    pods: FxHashMap<String, Pod>,
    processes: FxHashMap<Oid, Process>,
    files: FxHashMap<Foid, File>,
}

impl EntityStore {
    /// Keeps `rec` if it is an entity (replacing an older record of it).
    pub fn keep(&mut self, rec: &SysFlow) {
        match rec {
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
            _ => {}
        }
    }

    /// Forgets every entity: the producer starts a segment.
    pub fn clear(&mut self) {
        self.containers.clear();
        self.pods.clear();
        self.processes.clear();
        self.files.clear();
    }

    /// Entities kept.
    pub fn len(&self) -> usize {
        self.containers.len() + self.pods.len() + self.processes.len() + self.files.len()
    }
}

/// The entities one sink wrote since it started a segment of its own, in
/// the middle of the producer's: the producer will not write again those it
/// wrote before, so the fan-out writes them to this sink from the
/// [`EntityStore`] before the first record that needs them.
#[derive(Debug, Default)]
pub(crate) struct OwnSegment {
    containers: FxHashSet<String>,
    pods: FxHashSet<String>,
    processes: FxHashSet<Oid>,
    files: FxHashSet<Foid>,
    /// Entities a record needed that the store did not have: zero for a
    /// producer that keeps the segment contract.
    pub unresolved: u64,
}

impl OwnSegment {
    /// Pushes to `out` the entities `rec` needs that this segment lacks, as
    /// `REUP`, in the order a producer writes them: for each process its
    /// container, processes oldest ancestor first, then files (each after
    /// its container); a container after its pod. They count as written.
    pub fn missing(&mut self, rec: &SysFlow, store: &EntityStore, out: &mut Vec<SysFlow>) {
        match rec {
            SysFlow::Process(p) => {
                // The producer writes a new process after its ancestors.
                if let Some(parent) = p.poid {
                    self.process(parent, false, store, out);
                }
                self.container(p.container_id.as_deref(), store, out);
            }
            SysFlow::File(f) => self.container(f.container_id.as_deref(), store, out),
            SysFlow::Container(c) => self.pod(c.pod_id.as_deref(), store, out),
            SysFlow::Header(_) | SysFlow::Pod(_) | SysFlow::K8sEvent(_) => {}
            _ => {
                let refs = rec.entity_refs();
                if let Some(oid) = refs.process {
                    self.process(oid, true, store, out);
                }
                for foid in [refs.file, refs.new_file].into_iter().flatten() {
                    self.file(foid, store, out);
                }
            }
        }
    }

    /// Notes that the entity `rec` (if it is one) was written.
    pub fn wrote(&mut self, rec: &SysFlow) {
        match rec {
            SysFlow::Container(c) if !self.containers.contains(&c.id) => {
                self.containers.insert(c.id.clone());
            }
            SysFlow::Pod(p) if !self.pods.contains(&p.id) => {
                self.pods.insert(p.id.clone());
            }
            SysFlow::Process(p) => {
                self.processes.insert(p.oid);
            }
            SysFlow::File(f) => {
                self.files.insert(f.oid);
            }
            _ => {}
        }
    }

    /// Process `oid` and its unwritten ancestors the store has, oldest
    /// first. A missing parent is normal (it may predate the producer's
    /// segment); a missing referenced process is not (`required`).
    fn process(&mut self, oid: Oid, required: bool, store: &EntityStore, out: &mut Vec<SysFlow>) {
        let mut chain: Vec<&Process> = Vec::new();
        let mut next = Some(oid);
        while let Some(o) = next {
            if self.processes.contains(&o) || chain.iter().any(|p| p.oid == o) {
                break;
            }
            let Some(p) = store.processes.get(&o) else {
                if required && chain.is_empty() {
                    self.unresolved += 1;
                }
                break;
            };
            chain.push(p);
            next = p.poid;
        }
        for p in chain.into_iter().rev() {
            self.container(p.container_id.as_deref(), store, out);
            out.push(SysFlow::Process(Process {
                state: SfObjectState::Reup,
                ..p.clone()
            }));
            self.processes.insert(p.oid);
        }
    }

    fn file(&mut self, foid: Foid, store: &EntityStore, out: &mut Vec<SysFlow>) {
        if self.files.contains(&foid) {
            return;
        }
        let Some(f) = store.files.get(&foid) else {
            self.unresolved += 1;
            return;
        };
        self.container(f.container_id.as_deref(), store, out);
        out.push(SysFlow::File(File {
            state: SfObjectState::Reup,
            ..f.clone()
        }));
        self.files.insert(foid);
    }

    fn container(&mut self, id: Option<&str>, store: &EntityStore, out: &mut Vec<SysFlow>) {
        let Some(id) = id else { return };
        if self.containers.contains(id) {
            return;
        }
        let Some(c) = store.containers.get(id) else {
            self.unresolved += 1;
            return;
        };
        self.pod(c.pod_id.as_deref(), store, out);
        out.push(SysFlow::Container(c.clone()));
        self.containers.insert(id.to_owned());
    }

    fn pod(&mut self, id: Option<&str>, store: &EntityStore, out: &mut Vec<SysFlow>) {
        let Some(id) = id else { return };
        if self.pods.contains(id) {
            return;
        }
        let Some(p) = store.pods.get(id) else {
            self.unresolved += 1;
            return;
        };
        out.push(SysFlow::Pod(p.clone()));
        self.pods.insert(id.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use sysflow_types::{ContainerType, FileFlow, OpFlags, OpenFlags};

    use super::*;

    fn process(oid: Oid, poid: Option<Oid>, container: Option<&str>) -> SysFlow {
        SysFlow::Process(Process {
            state: SfObjectState::Created,
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
            env: Default::default(),
        })
    }

    #[test]
    fn a_flow_gets_its_container_process_ancestors_and_file_in_producer_order() {
        let (grand, parent, child) = (Oid::new(1, 1), Oid::new(2, 2), Oid::new(3, 3));
        let foid = Foid([4; 20]);
        let mut store = EntityStore::default();
        let container = SysFlow::Container(Container {
            id: "c1".into(),
            name: "web".into(),
            image: "alpine:3".into(),
            imageid: String::new(),
            container_type: ContainerType::Docker,
            privileged: false,
            pod_id: None,
        });
        let file = SysFlow::File(File {
            state: SfObjectState::Created,
            oid: foid,
            ts: 1,
            restype: i32::from(b'f'),
            path: "/etc/hosts".into(),
            container_id: Some("c1".into()),
        });
        for rec in [
            container.clone(),
            process(grand, None, None),
            process(parent, Some(grand), Some("c1")),
            process(child, Some(parent), Some("c1")),
            file,
        ] {
            store.keep(&rec);
        }
        assert_eq!(store.len(), 5);
        let mut own = OwnSegment::default();
        // The sink's segment already has the grandparent.
        own.wrote(&process(grand, None, None));
        let flow = SysFlow::FileFlow(FileFlow {
            proc_oid: child,
            ts: 2,
            tid: 3,
            op_flags: OpFlags::OPEN,
            open_flags: OpenFlags::default(),
            end_ts: 3,
            file_oid: foid,
            fd: 3,
            num_r_recv_ops: 0,
            num_w_send_ops: 0,
            num_r_recv_bytes: 0,
            num_w_send_bytes: 0,
        });
        let mut out = Vec::new();
        own.missing(&flow, &store, &mut out);
        let names: Vec<String> = out
            .iter()
            .map(|r| match r {
                SysFlow::Container(c) => format!("container {}", c.id),
                SysFlow::Process(p) => format!("process {} {:?}", p.oid.hpid, p.state),
                SysFlow::File(f) => format!("file {} {:?}", f.path, f.state),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            names,
            [
                "container c1",
                "process 2 Reup",
                "process 3 Reup",
                "file /etc/hosts Reup"
            ]
        );
        // Written now: nothing more for the next record.
        out.clear();
        own.missing(&flow, &store, &mut out);
        assert!(out.is_empty());
        assert_eq!(own.unresolved, 0);
        // A process the producer never wrote is counted, not made up.
        let unknown = SysFlow::FileFlow(match flow {
            SysFlow::FileFlow(f) => FileFlow {
                proc_oid: Oid::new(9, 9),
                ..f
            },
            _ => unreachable!(),
        });
        own.missing(&unknown, &store, &mut out);
        assert!(out.is_empty());
        assert_eq!(own.unresolved, 1);
        store.clear();
        assert_eq!(store.len(), 0);
    }
}
