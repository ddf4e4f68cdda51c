//! ProcessFlows: with process flows on, a process's thread creations, failed
//! clones and thread exits are counted in one open flow instead of written as
//! events; it is written when the process exits, at export, or at the end.

use sysflow_types::{OpFlags, ProcessFlow, SfObjectState};

use super::{NS, Processor};
use crate::event::Ev;
use crate::flow::{Timing, worth_writing};

/// A process's open ProcessFlow.
#[derive(Debug, Clone)]
pub(super) struct OpenProcessFlow {
    pub(super) rec: ProcessFlow,
    pub(super) timing: Timing,
}

impl Processor {
    /// Adds a thread creation, failed clone or thread exit to the process's flow.
    pub(super) fn process_flow_op(&mut self, ev: &Ev<'_>, op: OpFlags, ret: i64) {
        let Some((oid, _)) = self.process_of(ev, SfObjectState::Reup) else {
            return;
        };
        let timing = self.timing();
        if !self.proc_flows.contains_key(&oid) {
            self.flow_upper += 1;
        }
        let flow = self
            .proc_flows
            .entry(oid)
            .or_insert_with(|| OpenProcessFlow {
                rec: ProcessFlow {
                    proc_oid: oid,
                    ts: ev.ts() as i64,
                    num_threads_cloned: 0,
                    op_flags: OpFlags::NONE,
                    end_ts: 0,
                    num_threads_exited: 0,
                    num_clone_errors: 0,
                },
                timing,
            });
        flow.rec.op_flags |= op;
        if op == OpFlags::CLONE {
            if ret == 0 {
                flow.rec.num_threads_cloned += 1;
            } else if ret == -1 {
                // The reference counts only -1 (EPERM), not every failure.
                flow.rec.num_clone_errors += 1;
            }
        } else if op == OpFlags::EXIT {
            flow.rec.num_threads_exited += 1;
        }
        flow.timing.update_secs = self.now / NS;
    }

    /// Writes a process flow worth writing, after its process if this segment
    /// has not written it yet.
    pub(super) fn write_proc_flow(&mut self, rec: ProcessFlow) {
        if worth_writing(rec.op_flags) {
            self.procs.export(&self.state, rec.proc_oid, &mut self.out);
            self.out.push(rec);
        }
    }
}
