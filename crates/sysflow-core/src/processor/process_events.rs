//! ProcessEvents: clone, execve, setuid and exit, each written after the
//! process it changes; and the lookup every record makes of its process.

use sysflow_types::{Oid, OpFlags, ProcessEvent, SfObjectState};

use super::Processor;
use crate::event::{Ev, Kind};

/// Clone flag (Falco's encoding): the new task is a thread of the caller's process.
const PPM_CL_CLONE_THREAD: i64 = 1 << 13;

impl Processor {
    /// A clone: the new process's event (with process flows on, a new thread
    /// or a failure counts in its process's flow instead).
    pub(super) fn clone_event(&mut self, ev: &Ev<'_>) {
        let ret = ev.ret().unwrap_or(-1);
        if self.config.enable_process_flow {
            // With process flows, only process creations are events; new
            // threads and failures are counted in the process's flow.
            let is_main = self
                .state
                .threads
                .get(&ev.tid())
                .is_some_and(|t| t.is_main());
            let is_thread = ev
                .int("flags")
                .is_some_and(|f| f & PPM_CL_CLONE_THREAD != 0);
            if !((is_main && ret == 0) || (ret > 0 && !is_thread)) {
                self.process_flow_op(ev, OpFlags::CLONE, ret);
                return;
            }
        }
        let Some((oid, _)) = self.process_of(ev, SfObjectState::Created) else {
            return;
        };
        self.process_event(oid, ev, OpFlags::CLONE, Vec::new());
    }

    /// An execve: the process, modified, and its event.
    pub(super) fn exec_event(&mut self, ev: &Ev<'_>) {
        let Some(oid) = self.changed_process(ev, SfObjectState::Created) else {
            return;
        };
        self.process_event(oid, ev, OpFlags::EXEC, Vec::new());
    }

    /// setuid's or setresuid's enter: the argument its exit's event will carry.
    pub(super) fn render_setuid_arg(&mut self, ev: &Ev<'_>) {
        // Rendered as the reference renders the enter event: the user's
        // name in the thread's container, or `<NA>`.
        let container = self
            .state
            .threads
            .get(&ev.tid())
            .map(|t| t.container_id.clone())
            .unwrap_or_default();
        let arg = match ev.int("uid") {
            Some(uid) => self
                .state
                .user_name(&container, uid as u32)
                .unwrap_or("<NA>")
                .to_owned(),
            None => String::new(),
        };
        self.setuid_arg.insert(ev.tid(), arg);
        // The reference renders setuid's uid into libsinsp's shared text
        // buffer (see `State::rendered`); setresuid has no `uid`.
        if ev.kind == Kind::SetuidE
            && let Some(uid) = ev.int("uid")
        {
            self.state.rendered = if uid as u32 == u32::MAX {
                "-1".to_owned()
            } else {
                uid.to_string()
            };
        }
    }

    /// A setuid or setresuid: the process, modified, and its event with the
    /// argument its enter rendered.
    pub(super) fn setuid_event(&mut self, ev: &Ev<'_>) {
        let Some(oid) = self.changed_process(ev, SfObjectState::Reup) else {
            return;
        };
        let arg = self.setuid_arg.remove(&ev.tid()).unwrap_or_default();
        self.process_event(oid, ev, OpFlags::SETUID, vec![arg]);
    }

    /// A thread's exit: its flows (all of the process's for the main thread)
    /// are written, then the event; an exited process is queued to leave the
    /// cache.
    pub(super) fn exit_event(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        self.setuid_arg.remove(&tid);
        let Some((oid, _)) = self.process_of(ev, SfObjectState::Reup) else {
            return;
        };
        let is_main = self.state.threads.get(&tid).is_some_and(|t| t.is_main());
        if self.config.enable_process_flow {
            if !is_main {
                self.process_flow_op(ev, OpFlags::EXIT, 0);
                return;
            }
            if let Some(mut flow) = self.proc_flows.remove(&oid) {
                flow.rec.end_ts = ev.ts() as i64;
                self.write_proc_flow(flow.rec);
            }
        }
        self.flush_flows(oid, if is_main { None } else { Some(tid) }, ev.ts());
        self.process_event(oid, ev, OpFlags::EXIT, Vec::new());
        if is_main {
            self.procs.mark_for_deletion(oid, ev.ts());
        }
    }

    /// Writes a ProcessEvent of `oid`'s process for `ev`.
    fn process_event(&mut self, oid: Oid, ev: &Ev<'_>, op: OpFlags, args: Vec<String>) {
        let ret = ev.ret().map_or(-1, |r| r as i32);
        self.out.push(ProcessEvent {
            proc_oid: oid,
            ts: ev.ts() as i64,
            tid: ev.tid(),
            op_flags: op,
            args,
            ret,
        });
    }

    /// The process of `ev`'s thread, written with its ancestors in this
    /// segment if it is not yet (see [`Processes::get`](crate::process::Processes::get)).
    pub(super) fn process_of(
        &mut self,
        ev: &Ev<'_>,
        requested: SfObjectState,
    ) -> Option<(Oid, bool)> {
        self.procs
            .get(&self.state, ev.tid(), requested, ev.ts(), &mut self.out)
    }

    /// The process `ev` changed (by exec or setuid): one the cache already
    /// held is re-emitted as modified, since its record must show the new
    /// image or credentials; a new one is emitted in state `requested`.
    pub(super) fn changed_process(&mut self, ev: &Ev<'_>, requested: SfObjectState) -> Option<Oid> {
        let (oid, existed) = self.process_of(ev, requested)?;
        if existed {
            self.procs
                .modified(&self.state, ev.tid(), ev.ts(), &mut self.out);
        }
        Some(oid)
    }
}
