//! The record buffer every handler writes to; the processor drains it into
//! the sink after each event, so handlers need not know the sink's type.

use sysflow_types::{Process, SysFlow};

/// Process records kept for their buffers once written (see
/// [`Emitter::push_process`]): a record and its ancestors are the most one
/// event writes.
const SPARE_PROCESSES: usize = 8;

/// Records produced while handling one event, in output order.
#[derive(Debug, Default)]
pub(crate) struct Emitter {
    pub records: Vec<SysFlow>,
    /// Process records the sink is done with, whose strings the next
    /// copies are made in.
    spare: Vec<Process>,
}

impl Emitter {
    pub fn push(&mut self, rec: impl Into<SysFlow>) {
        self.records.push(rec.into());
    }

    /// Pushes a copy of `rec`, a process record the caller keeps (in the
    /// process cache): made in the buffers of a record already written
    /// when there is one, instead of allocating its six strings again (two
    /// process records an exec, each copied and freed once written, were a
    /// tenth of the collector's allocations on an exec-heavy host).
    pub fn push_process(&mut self, rec: &Process) {
        let copy = match self.spare.pop() {
            Some(mut spare) => {
                copy_process(&mut spare, rec);
                spare
            }
            None => rec.clone(),
        };
        self.records.push(SysFlow::Process(copy));
    }

    /// Takes back a record the sink is done with: a process record's
    /// buffers are kept for [`Emitter::push_process`].
    pub fn recycle(&mut self, rec: SysFlow) {
        if let SysFlow::Process(p) = rec
            && self.spare.len() < SPARE_PROCESSES
        {
            self.spare.push(p);
        }
    }
}

/// `*dst = src.clone()`, reusing `dst`'s strings (a derived `clone_from`
/// allocates anew).
fn copy_process(dst: &mut Process, src: &Process) {
    // Destructured, so that a field added to Process is not forgotten here.
    let Process {
        state,
        oid,
        poid,
        ts,
        exe,
        exe_args,
        uid,
        user_name,
        gid,
        group_name,
        tty,
        container_id,
        entry,
        cwd,
        env,
    } = src;
    dst.state = *state;
    dst.oid = *oid;
    dst.poid = *poid;
    dst.ts = *ts;
    dst.exe.clone_from(exe);
    dst.exe_args.clone_from(exe_args);
    dst.uid = *uid;
    dst.user_name.clone_from(user_name);
    dst.gid = *gid;
    dst.group_name.clone_from(group_name);
    dst.tty = *tty;
    dst.container_id.clone_from(container_id);
    dst.entry = *entry;
    dst.cwd.clone_from(cwd);
    dst.env.clone_from(env);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use sysflow_types::{Oid, Process, SfObjectState, SysFlow};

    use super::Emitter;

    fn process(exe: &str, container: Option<&str>) -> Process {
        Process {
            state: SfObjectState::Created,
            oid: Oid::new(7, 42),
            poid: Some(Oid::new(3, 1)),
            ts: 9,
            exe: exe.to_owned(),
            exe_args: "-c true".to_owned(),
            uid: 1000,
            user_name: "user".to_owned(),
            gid: 100,
            group_name: "users".to_owned(),
            tty: true,
            container_id: container.map(str::to_owned),
            entry: false,
            cwd: "/home/user/".to_owned(),
            env: Arc::from(vec!["A=1".to_owned()]),
        }
    }

    #[test]
    fn a_copy_in_a_spare_record_equals_the_original() {
        let mut out = Emitter::default();
        out.push_process(&process("/usr/bin/bash", Some("abc")));
        let written: Vec<SysFlow> = out.records.drain(..).collect();
        written.into_iter().for_each(|r| out.recycle(r));
        // The spare's fields all differ from the next record's.
        let mut next = process("/bin/true", None);
        next.state = SfObjectState::Modified;
        next.oid = Oid::new(8, 43);
        next.poid = None;
        next.ts = 10;
        next.exe_args.clear();
        next.uid = 0;
        next.user_name = "root".to_owned();
        next.gid = 0;
        next.group_name = "root".to_owned();
        next.tty = false;
        next.entry = true;
        next.cwd = "/".to_owned();
        next.env = Arc::from(Vec::new());
        out.push_process(&next);
        assert_eq!(out.records, vec![SysFlow::Process(next)]);
    }
}
