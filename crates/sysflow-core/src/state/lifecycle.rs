//! Process lifecycle in the thread table: clone (the child, copied from its
//! parent), execve (a new image), and exit, with the sweep that drops the fd
//! tables of processes whose last thread is gone.
//!
//! Invariant: an exited process's fd table stays until no thread of it is
//! left, and never passes for the table of a new process under the same id.

use std::sync::Arc;

use super::path::with_slash;
use super::thread::{NA, container_id_of};
use super::users::{id_name, name_or_na};
use super::{State, Thread, resolve};
use crate::event::{Ev, split_list, split_list_borrowed};

/// Clone flag (Falco's encoding): the new task is a thread of the caller's process.
const PPM_CL_CLONE_THREAD: i64 = 1 << 13;
/// Clone flag (Falco's encoding): the new task shares the caller's fd table.
const PPM_CL_CLONE_FILES: i64 = 1;

/// Exited processes checked for leftover threads in one pass over the
/// thread table. Checking at every exit walked every thread of the host for
/// each exit, 8% of the collector's time at 1,600 execs/s; every 64 exits,
/// still 4%.
const EXITED_SWEEP: usize = 1024;

impl State {
    /// A clone's exit, the parent's or the child's: the first of the two
    /// creates the child, a copy of its parent updated from the event.
    pub(super) fn clone_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        let Some(res) = ev.ret() else { return };
        if res < 0 {
            return;
        }
        let flags = ev.int("flags").unwrap_or(0);
        let child_tid = if res == 0 { tid } else { res };
        if self.clone_child_known(ev, res, child_tid) {
            return;
        }
        let parent_tid = if res == 0 {
            ev.int("ptid").unwrap_or(-1)
        } else {
            tid
        };
        let is_thread = flags & PPM_CL_CLONE_THREAD != 0;
        // A thread's parent, for libsinsp, is its process's main thread.
        let parent_tid = if res == 0 && is_thread {
            ev.int("pid").unwrap_or(parent_tid)
        } else {
            parent_tid
        };
        // libsinsp copies the session and audit ids only from a parent it
        // knew (by name or uid).
        let valid_parent = self
            .threads
            .get(&parent_tid)
            .is_some_and(|p| p.uid != u32::MAX || !(p.comm.is_empty() || p.comm == NA));
        if res == 0 && parent_tid > 0 && !self.threads.contains_key(&parent_tid) {
            self.add_parent_stub(ev, parent_tid, is_thread);
        }
        let parent = self.threads.get(&parent_tid);
        // The parent's ids, the only part of it used once the child is copied from it.
        let parent_ids = parent.map(|p| (p.pid, p.ptid));
        let mut child = parent
            .cloned()
            .unwrap_or_else(|| Box::new(Thread::unknown(child_tid)));
        child.tid = child_tid;
        if res == 0 {
            child.pid = ev.int("pid").unwrap_or(child_tid);
            child.ptid = ev.int("ptid").unwrap_or(-1);
        } else {
            child.pid = if is_thread {
                parent_ids.map_or(tid, |(pid, _)| pid)
            } else {
                child_tid
            };
            child.ptid = if is_thread {
                parent_ids.map_or(-1, |(_, ptid)| ptid)
            } else {
                tid
            };
        }
        self.copy_clone_image(ev, &mut child);
        child.clone_ptid = if res == 0 { parent_tid } else { tid };
        if !valid_parent {
            child.sid = -1;
            child.loginuid = 0;
        }
        if res == 0 {
            child.vtid = ev.int("vtid").unwrap_or(child_tid);
            child.vpid = ev.int("vpid").unwrap_or(child.pid);
        } else {
            child.vtid = -1;
            child.vpid = -1;
        }
        if let Some(cg) = ev.bytes("cgroups").filter(|cg| !cg.is_empty()) {
            child.container_id = self.container_id_for(cg);
        }
        child.clone_ts = ev.ts();
        child.last_ts.set(self.now);
        if !is_thread {
            self.forget_exited(child.pid);
        }
        // A new process gets a copy of its parent's fds; a thread (or CLONE_FILES) shares them.
        if !is_thread && flags & PPM_CL_CLONE_FILES == 0 {
            let parent_pid = parent_ids.map_or(parent_tid, |(pid, _)| pid);
            if let Some(table) = self.fds.get(&parent_pid).cloned() {
                self.fd_upper += table.len();
                self.fds.insert(child.pid, table);
            }
        }
        if let Some(caller) = self.threads.get_mut(&tid) {
            caller.last_ts.set(self.now);
        }
        self.threads.insert(child_tid, child);
    }

    /// Whether a clone's exit finds nothing to create: its child is known
    /// already, or a later event will tell who it is.
    fn clone_child_known(&mut self, ev: &Ev<'_>, res: i64, child_tid: i64) -> bool {
        let tid = ev.tid();
        // The first of the two exit events (parent's or child's) creates the
        // child; the second finds it and changes nothing.
        if res == 0
            && let Some(t) = self.threads.get_mut(&tid).filter(|t| t.clone_ts != 0)
        {
            // Only the child knows its ids inside its pid namespace.
            t.vtid = ev.int("vtid").unwrap_or(t.vtid);
            t.vpid = ev.int("vpid").unwrap_or(t.vpid);
            return true;
        }
        if res > 0 && self.threads.contains_key(&child_tid) {
            return true;
        }
        // A caller inside a pid namespace gets the child's id in that
        // namespace, which names no host thread: wait for the child's event.
        if res > 0
            && self
                .threads
                .get(&tid)
                .is_some_and(|t| t.vtid > 0 && t.vtid != t.tid)
        {
            return true;
        }
        false
    }

    /// The container id of an exec's or clone's cgroup list. Nearly every
    /// exec and clone of a host carries the list the one before carried:
    /// comparing it with that one costs a tenth of scanning it again.
    fn container_id_for(&mut self, cgroups: &[u8]) -> String {
        let (last, id) = &mut self.cgroups_memo;
        if last.as_slice() != cgroups {
            last.clear();
            last.extend_from_slice(cgroups);
            *id = container_id_of(cgroups);
        }
        id.clone()
    }

    /// Makes up the unknown parent `parent_tid` of a child's clone exit.
    fn add_parent_stub(&mut self, ev: &Ev<'_>, parent_tid: i64, is_thread: bool) {
        // libsinsp makes up the unknown parent from what the clone event
        // says of the caller's image. A made-up main thread of a process
        // looks like any thread it never saw created; a made-up parent
        // process never had its ids set, so it has no names at all.
        let mut stub = Thread::unknown(parent_tid);
        stub.last_ts.set(self.now);
        stub.comm = ev.text("comm").unwrap_or_default();
        stub.exe = ev.text("exe").unwrap_or_default();
        stub.args = ev.list("args").unwrap_or_default().into();
        if !is_thread {
            stub.user_name = String::new();
            stub.group_name = String::new();
        }
        self.threads.insert(parent_tid, Box::new(stub));
    }

    /// The image fields of a clone's event that differ from the parent's, on its child.
    fn copy_clone_image(&self, ev: &Ev<'_>, child: &mut Thread) {
        // The child starts as a copy of its parent, which the event's image
        // fields nearly always repeat: set only what differs.
        if let Some(comm) = ev.text_ref("comm") {
            set_text(&mut child.comm, &comm);
        }
        if let Some(exe) = ev.text_ref("exe") {
            set_text(&mut child.exe, &exe);
        }
        if let Some(args) = ev.bytes("args") {
            set_list(&mut child.args, args);
        }
        if let Some(cwd) = ev.text_ref("cwd").filter(|c| !c.is_empty()) {
            set_text(&mut child.cwd, &cwd);
        }
        if let Some(uid) = ev.int("uid") {
            child.uid = uid as u32;
            set_text(
                &mut child.user_name,
                name_or_na(self.user_name(&child.container_id, child.uid), child.uid),
            );
        }
        if let Some(gid) = ev.int("gid") {
            child.gid = gid as u32;
            set_text(
                &mut child.group_name,
                name_or_na(self.group_name(&child.container_id, child.gid), child.gid),
            );
        }
    }

    /// A successful setsid: the thread leads a new session, its id the result.
    pub(super) fn setsid_exit(&mut self, ev: &Ev<'_>) {
        if let Some(sid) = ev.ret().filter(|r| *r >= 0)
            && let Some(t) = self.threads.get_mut(&ev.tid())
        {
            t.sid = sid;
        }
    }

    /// execve's enter: the file name, for the exit.
    /// execve's enter: the file name it was given, for the exit.
    pub(super) fn execve_enter(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if let Some(f) = ev.text("filename") {
            self.exec_filename.insert(tid, f);
        }
    }

    /// An execve's exit: the thread's new image, ids and container.
    pub(super) fn execve_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret().is_some_and(|r| r < 0) {
            return;
        }
        let existed = self.threads.contains_key(&tid);
        let t = self.thread_mut(tid);
        if let Some(exe) = ev.text_ref("exe") {
            set_text(&mut t.exe, &exe);
        }
        if let Some(args) = ev.bytes("args") {
            set_list(&mut t.args, args);
        }
        if let Some(comm) = ev.text_ref("comm") {
            set_text(&mut t.comm, &comm);
        }
        // libsinsp resolves the cwd parameter against the cwd it knows and
        // adds a slash, so an empty one (old drivers) turns an unknown cwd
        // into "/". A thread first seen at this very event is not updated.
        if existed && let Some(cwd) = ev.text("cwd") {
            t.cwd = with_slash(if cwd.is_empty() {
                t.cwd.clone()
            } else {
                resolve(&t.cwd, &cwd)
            });
            if t.cwd.is_empty() {
                t.cwd.push('/');
            }
        }
        // Most programs run with the environment their parent had.
        if let Some(env) = ev.bytes("env")
            && *t.env != *env
        {
            t.env = env.into();
        }
        if let Some(pid) = ev.int("pid") {
            t.pid = pid;
        }
        if let Some(ptid) = ev.int("ptid") {
            t.ptid = ptid;
            // libsinsp 0.29 takes an execve's parent only when it had none.
            if t.clone_ptid == -1 {
                t.clone_ptid = ptid;
            }
        }
        if let Some(tty) = ev.int("tty") {
            t.tty = tty as u32;
        }
        if let Some(loginuid) = ev.int("loginuid") {
            t.loginuid = loginuid as u32;
        }
        let (uid, gid) = (ev.int("uid"), ev.int("gid"));
        if let Some(uid) = uid {
            t.uid = uid as u32;
        }
        if let Some(gid) = gid {
            t.gid = gid as u32;
        }
        if let Some(t) = self.threads.get_mut(&tid) {
            if uid.is_some() {
                let name = id_name(&self.users, &t.container_id, t.uid);
                set_text(&mut t.user_name, name_or_na(name, t.uid));
            }
            if gid.is_some() {
                let name = id_name(&self.groups, &t.container_id, t.gid);
                set_text(&mut t.group_name, name_or_na(name, t.gid));
            }
        }
        self.set_exec_path_and_container(ev, tid);
    }

    /// An execve's exit, continued: the executable's path and the container.
    fn set_exec_path_and_container(&mut self, ev: &Ev<'_>, tid: i64) {
        let filename = self.exec_filename.remove(&tid);
        let container_id = ev
            .bytes("cgroups")
            .filter(|cg| !cg.is_empty())
            .map(|cg| self.container_id_for(cg));
        let t = self.thread_mut(tid);
        // Without the driver's resolved path, libsinsp takes the file name execve was given.
        t.exepath = match (ev.text("trusted_exepath"), filename) {
            (Some(p), _) if !p.is_empty() => p,
            (_, Some(f)) if !f.is_empty() && f != NA => {
                if f.starts_with('/') {
                    f
                } else {
                    resolve(&t.cwd, &f)
                }
            }
            _ => String::new(),
        };
        if let Some(id) = container_id {
            t.container_id = id;
        }
    }

    /// A thread's exit, once the processors have seen it (see
    /// [`State::after`]): it leaves the table; a process whose main thread is
    /// gone waits for the sweep that drops the fd tables of processes with no
    /// thread left.
    pub(super) fn proc_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if let Some(t) = self.threads.remove(&tid) {
            self.entered.remove(&tid);
            self.exec_filename.remove(&tid);
            // While the main thread lives, so does the fd table.
            if !self.threads.contains_key(&t.pid)
                && self.exited_pids.insert(t.pid)
                && self.exited_pids.len() >= EXITED_SWEEP
            {
                self.sweep_fd_tables();
            }
        }
    }

    /// Drops the fd tables of exited processes that have no thread left.
    fn sweep_fd_tables(&mut self) {
        let mut exited = std::mem::take(&mut self.exited_pids);
        for t in self.threads.values() {
            if exited.remove(&t.pid) && exited.is_empty() {
                break;
            }
        }
        for pid in exited {
            self.fds.remove(&pid);
        }
    }

    /// A new process takes `pid`: an exited process's table under the same
    /// id, not yet swept, must not pass for the new one's.
    pub(super) fn forget_exited(&mut self, pid: i64) {
        if self.exited_pids.remove(&pid) {
            self.fds.remove(&pid);
        }
    }
}

/// Sets `field` to `value`, reusing its buffer (nothing to do when equal).
fn set_text(field: &mut String, value: &str) {
    if field != value {
        field.clear();
        field.push_str(value);
    }
}

/// Sets a shared list to the items of a NUL-separated `raw` list, keeping
/// the shared one when the items are the same.
fn set_list(field: &mut Arc<[String]>, raw: &[u8]) {
    let mut items = split_list_borrowed(raw);
    let same = field.iter().all(|f| items.next().is_some_and(|i| i == **f));
    if !(same && items.next().is_none()) {
        *field = split_list(raw).into();
    }
}
