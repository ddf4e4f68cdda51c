//! FileEvents: mkdir, rmdir, unlink, link, symlink and rename, each written
//! after its process and the files it names, by absolute path.

use std::sync::Arc;

use sysflow_types::{FileEvent, OpFlags, SfObjectState};

use super::Processor;
use crate::event::Ev;
use crate::state::{AT_FDCWD, State, resolve_event_path};

impl Processor {
    /// A mkdir, rmdir, unlink, link, symlink or rename: its FileEvent, after
    /// the files it names.
    pub(super) fn file_event(&mut self, ev: &Ev<'_>, op: OpFlags) {
        let tid = ev.tid();
        self.adopt(tid);
        let Some((oid, _)) = self.process_of(ev, SfObjectState::Reup) else {
            return;
        };
        let Some((first, second)) = self.file_event_paths(ev, op) else {
            return;
        };
        let restype = if matches!(op, OpFlags::MKDIR | OpFlags::RMDIR) {
            b'd'
        } else {
            b'?'
        };
        let (first_state, second_state) = if second.is_some() {
            (SfObjectState::Reup, SfObjectState::Created)
        } else {
            (SfObjectState::Created, SfObjectState::Created)
        };
        let file_oid = self.files.get(
            &self.state,
            &mut self.procs,
            tid,
            &Arc::from(first.as_str()),
            None,
            restype,
            first_state,
            ev.ts(),
            &mut self.out,
        );
        let new_file_oid = second.map(|p| {
            self.files.get(
                &self.state,
                &mut self.procs,
                tid,
                &Arc::from(p.as_str()),
                None,
                b'?',
                second_state,
                ev.ts(),
                &mut self.out,
            )
        });
        self.out.push(FileEvent {
            proc_oid: oid,
            ts: ev.ts() as i64,
            tid,
            op_flags: op,
            file_oid,
            ret: ev.ret().map_or(-1, |r| r as i32),
            new_file_oid,
        });
    }

    /// The absolute paths a file event names: its path, or a link's, rename's
    /// or symlink's old and new paths (a symlinkat's target as given).
    fn file_event_paths(&self, ev: &Ev<'_>, op: OpFlags) -> Option<(String, Option<String>)> {
        let tid = ev.tid();
        let cwd = self
            .state
            .threads
            .get(&tid)
            .map(|t| t.cwd.clone())
            .unwrap_or_default();
        let absolute = |state: &State, path: &str, dirfd: Option<i64>| -> String {
            match dirfd {
                Some(fd) if fd != AT_FDCWD => {
                    resolve_event_path(&state.dir_of(tid, Some(fd)), path)
                }
                _ => resolve_event_path(&cwd, path),
            }
        };
        let paths = match op {
            OpFlags::MKDIR | OpFlags::RMDIR | OpFlags::UNLINK => {
                let path = ev
                    .text("path")
                    .or_else(|| ev.text("name"))
                    .unwrap_or_default();
                let dirfd = ev.int("dirfd");
                (absolute(&self.state, &path, dirfd), None)
            }
            OpFlags::LINK => {
                let old = ev.text("oldpath").unwrap_or_default();
                let new = ev.text("newpath").unwrap_or_default();
                (
                    absolute(&self.state, &old, ev.int("olddir")),
                    Some(absolute(&self.state, &new, ev.int("newdir"))),
                )
            }
            OpFlags::RENAME => {
                let old = ev.text("oldpath").unwrap_or_default();
                let new = ev.text("newpath").unwrap_or_default();
                (
                    absolute(&self.state, &old, ev.int("olddirfd")),
                    Some(absolute(&self.state, &new, ev.int("newdirfd"))),
                )
            }
            OpFlags::SYMLINK => {
                let target = ev.text("target").unwrap_or_default();
                let link = ev.text("linkpath").unwrap_or_default();
                match ev.int("linkdirfd") {
                    Some(dirfd) => (target, Some(absolute(&self.state, &link, Some(dirfd)))),
                    None => (
                        absolute(&self.state, &target, None),
                        Some(absolute(&self.state, &link, None)),
                    ),
                }
            }
            _ => return None,
        };
        Some(paths)
    }
}
