//! FileFlows: the opens, reads, writes and closes of a thread on one file
//! (a regular file; unless `file_only`, also a directory, unix socket or
//! pipe), aggregated into one flow per thread, fd and file, written at close
//! with the same file's flows of other threads, through the read filter.

use std::sync::Arc;

use sysflow_types::{FileFlow, Foid, Oid, OpFlags, OpenFlags, SfObjectState};

use super::data_events::FdFacts;
use super::{NS, Processor};
use crate::config::CollectionMode;
use crate::event::Ev;
use crate::flow::{FileKey, OpenFileFlow, apply, new_file_flow, should_write, worth_writing};

/// What the filter's evaluation already found out for a file flow's
/// event (see `Hint`), so that it is not looked up again.
#[derive(Debug, Default)]
pub(super) struct Known {
    /// The fd's name (an open's).
    pub name: Option<Arc<str>>,
    /// The OID of the event's process.
    pub process: Option<Oid>,
}

impl Processor {
    /// Operation `op` (returning `ret`) on file fd `fd_num`: its flow is
    /// created or updated, and written at close.
    pub(super) fn file_flow(
        &mut self,
        ev: &Ev<'_>,
        op: OpFlags,
        fd_num: i64,
        fd: FdFacts,
        ret: i64,
        known: Known,
    ) {
        let tid = ev.tid();
        let written = known.process.and_then(|oid| self.procs.get_written(oid));
        let Some((oid, _)) = written.or_else(|| self.process_of(ev, SfObjectState::Reup)) else {
            return;
        };
        let (file_oid, name) = self.file_of_fd(ev, fd_num, fd, known.name);
        let open_flags = OpenFlags(fd.open_flags as i32);
        if self.config.collection_mode == CollectionMode::Consumer {
            if op == OpFlags::OPEN {
                let mut rec = new_file_flow(oid, ev.ts(), tid, fd_num, file_oid);
                rec.op_flags = OpFlags::OPEN;
                rec.open_flags = open_flags;
                rec.end_ts = ev.ts() as i64;
                self.write_file_flow(rec, "");
            }
            return;
        }
        let key = FileKey {
            foid: file_oid,
            tid,
            fd: fd_num,
        };
        let now_secs = self.now / NS;
        let touch = |flow: &mut OpenFileFlow| {
            apply(op, ret, &mut flow.rec);
            if op == OpFlags::OPEN {
                flow.rec.open_flags = open_flags;
            }
            flow.timing.update_secs = now_secs;
        };
        // An existing flow (reads, writes, closes) is found with one lookup
        // per map; a new one is inserted and updated in place.
        if let Some(flow) = self
            .flows
            .get_mut(&oid)
            .and_then(|pf| pf.files.get_mut(&key))
        {
            touch(flow);
        } else {
            let mut rec = new_file_flow(oid, ev.ts(), tid, fd_num, file_oid);
            if op == OpFlags::OPEN {
                rec.open_flags = open_flags;
            }
            if op == OpFlags::CLOSE {
                self.close_related_files(oid, key, ev.ts());
                rec.op_flags = OpFlags::CLOSE;
                rec.end_ts = ev.ts() as i64;
                let name = self.fd_name(tid, fd_num);
                self.write_file_flow(rec, &name);
                return;
            }
            let timing = self.timing();
            self.flow_upper += 1;
            let path = name.unwrap_or_else(|| self.fd_name(tid, fd_num));
            let flow = self
                .flows
                .entry(oid)
                .or_default()
                .files
                .entry(key)
                .or_insert(OpenFileFlow { rec, path, timing });
            touch(flow);
        }
        if op == OpFlags::CLOSE {
            self.close_related_files(oid, key, ev.ts());
            if let Some(mut flow) = self
                .flows
                .get_mut(&oid)
                .and_then(|pf| pf.files.remove(&key))
            {
                flow.rec.end_ts = ev.ts() as i64;
                self.write_file_flow(flow.rec, &flow.path);
            }
        }
    }

    /// The file fd `fd_num` names, and its name if it had to be fetched.
    /// `known_name` is the fd's name, if the caller has it.
    fn file_of_fd(
        &mut self,
        ev: &Ev<'_>,
        fd_num: i64,
        fd: FdFacts,
        known_name: Option<Arc<str>>,
    ) -> (Foid, Option<Arc<str>>) {
        let tid = ev.tid();
        // The usual read or write: the fd knows its file and the file is
        // written, so the name is not needed.
        let generation = self.files.generation();
        // Fetched at most once: an open hashes it and stores it in its flow.
        let mut name: Option<Arc<str>> = None;
        let file_oid = match fd.foid {
            Some(oid) if fd.written_in == Some(generation) => oid,
            _ => {
                let name = name.insert(known_name.unwrap_or_else(|| self.fd_name(tid, fd_num)));
                let oid = self.files.get(
                    &self.state,
                    &mut self.procs,
                    tid,
                    name,
                    fd.foid,
                    fd.type_char,
                    SfObjectState::Reup,
                    ev.ts(),
                    &mut self.out,
                );
                self.state.set_fd_foid(tid, fd_num, oid, generation);
                oid
            }
        };
        (file_oid, name)
    }

    /// On close, flows of the same file and fd on other threads of the process
    /// are written with `TRUNCATE`: those that saw the open first.
    fn close_related_files(&mut self, oid: Oid, closing: FileKey, ts: u64) {
        let Some(pf) = self.flows.get_mut(&oid) else {
            return;
        };
        let mut related: Vec<FileKey> = pf
            .files
            .keys()
            .filter(|k| k.foid == closing.foid && k.fd == closing.fd && k.tid != closing.tid)
            .copied()
            .collect();
        related.sort_unstable();
        let mut recs: Vec<OpenFileFlow> =
            related.iter().filter_map(|k| pf.files.remove(k)).collect();
        recs.sort_by_key(|f| !f.rec.op_flags.contains(OpFlags::OPEN));
        for mut f in recs {
            f.rec.op_flags |= OpFlags::TRUNCATE;
            f.rec.end_ts = ts as i64;
            self.write_file_flow(f.rec, &f.path);
        }
    }

    /// Writes a file flow that passes the read filter, after its process and
    /// file if this segment has not written them yet.
    pub(super) fn write_file_flow(&mut self, rec: FileFlow, path: &str) {
        if worth_writing(rec.op_flags) && should_write(self.config.file_read_mode, &rec, path) {
            self.push_file_flow(rec);
        }
    }

    /// Writes a file flow without the read filter (the end of input skips it),
    /// after its process and file if this segment has not written them yet.
    pub(super) fn push_file_flow(&mut self, rec: FileFlow) {
        self.procs.export(&self.state, rec.proc_oid, &mut self.out);
        self.files
            .export(&self.state, &mut self.procs, rec.file_oid, &mut self.out);
        self.out.push(rec);
    }

    /// The name of fd `fd` of thread `tid`, shared (empty if it is gone).
    fn fd_name(&self, tid: i64, fd: i64) -> Arc<str> {
        self.state
            .fd(tid, fd)
            .map_or_else(|| Arc::from(""), |f| Arc::clone(&f.name))
    }
}
