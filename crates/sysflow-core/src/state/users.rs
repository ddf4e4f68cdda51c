//! Credentials: the user and group name tables (the host's from a capture's
//! lists, a container's from its `UserAdded`/`GroupAdded` events), and the
//! setuid, setresuid and setgid families that change a process's ids.
//!
//! Invariant: a thread's user and group names are resolved when its ids are
//! set, as libsinsp does, so a name added later does not rename it.

use rustc_hash::FxHashMap as HashMap;

use super::State;
use super::thread::NA;
use crate::event::Ev;

impl State {
    /// The name of a user in the container's users (the host's for the empty id).
    pub fn user_name(&self, container: &str, uid: u32) -> Option<&str> {
        id_name(&self.users, container, uid)
    }

    /// The name of a group, looked up like [`State::user_name`].
    pub fn group_name(&self, container: &str, gid: u32) -> Option<&str> {
        id_name(&self.groups, container, gid)
    }

    /// setuid's enter: remembers the uid asked for, for the exit.
    pub(super) fn setuid_enter(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        self.entered.entry(tid).or_default().uid = ev.int("uid");
    }

    /// setresuid's enter: remembers the effective uid asked for, for the exit.
    pub(super) fn setresuid_enter(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        self.entered.entry(tid).or_default().uid = ev.int("euid");
    }

    /// A successful setuid, setresuid or setreuid gives the process the
    /// (effective) uid it asked for: the exit's parameter (current layouts),
    /// or its enter's.
    pub(super) fn setuid_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        if ev.ret() == Some(0)
            && let Some(uid) = self.requested_uid(ev)
        {
            self.set_uid(tid, uid);
        }
    }

    /// The uid a setuid, setresuid or setreuid event asks for: its `uid` (or
    /// `euid`), or its enter's.
    pub fn requested_uid(&self, ev: &Ev<'_>) -> Option<u32> {
        ev.int("uid")
            .or_else(|| ev.int("euid"))
            .or_else(|| self.entered.get(&ev.tid()).and_then(|e| e.uid))
            .and_then(|u| u32::try_from(u).ok())
    }

    /// setgid's (and setresgid's) enter: remembers the gid asked for, for the exit.
    pub(super) fn setgid_enter(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        self.entered.entry(tid).or_default().gid = ev.int("gid").or_else(|| ev.int("egid"));
    }

    /// A successful setgid, setresgid or setregid gives the process the
    /// (effective) gid it asked for: the exit's parameter, or its enter's.
    pub(super) fn setgid_exit(&mut self, ev: &Ev<'_>) {
        let tid = ev.tid();
        let gid = ev
            .int("gid")
            .or_else(|| ev.int("egid"))
            .or_else(|| self.entered.get(&tid).and_then(|e| e.gid))
            .and_then(|g| u32::try_from(g).ok());
        if ev.ret() == Some(0)
            && let Some(gid) = gid.filter(|&g| g != u32::MAX)
        {
            self.set_gid(tid, gid);
        }
    }

    /// A user of a container, named by the container engine.
    pub(super) fn user_added(&mut self, ev: &Ev<'_>) {
        if let (Some(uid), Some(name)) = (ev.int("uid"), ev.text("name")) {
            let container = ev.text("container_id").unwrap_or_default();
            self.add_user(container, uid as u32, name);
        }
    }

    /// A group of a container, named like [`State::user_added`].
    pub(super) fn group_added(&mut self, ev: &Ev<'_>) {
        if let (Some(gid), Some(name)) = (ev.int("gid"), ev.text("name")) {
            let container = ev.text("container_id").unwrap_or_default();
            self.add_group(container, gid as u32, name);
        }
    }

    /// Names user `uid` of a container (the host's: ""), unless the user
    /// names are at their bound (a name already known is renamed).
    pub(super) fn add_user(&mut self, container: String, uid: u32, name: String) {
        let full = self.user_names >= self.limits.names;
        match add_name(&mut self.users, container, uid, name, full) {
            Some(true) => self.user_names += 1,
            Some(false) => {}
            None => self.evictions.names += 1,
        }
    }

    /// Names group `gid` of a container, like [`State::add_user`].
    pub(super) fn add_group(&mut self, container: String, gid: u32, name: String) {
        let full = self.group_names >= self.limits.names;
        match add_name(&mut self.groups, container, gid, name, full) {
            Some(true) => self.group_names += 1,
            Some(false) => {}
            None => self.evictions.names += 1,
        }
    }

    fn container_of(&self, tid: i64) -> String {
        self.threads
            .get(&tid)
            .map(|t| t.container_id.clone())
            .unwrap_or_default()
    }

    fn set_uid(&mut self, tid: i64, uid: u32) {
        if uid == u32::MAX {
            return;
        }
        let name = name_or_na(self.user_name(&self.container_of(tid), uid), uid).to_owned();
        self.for_process(tid, |t| {
            t.uid = uid;
            t.user_name = name.clone();
        });
    }

    fn set_gid(&mut self, tid: i64, gid: u32) {
        let name = name_or_na(self.group_name(&self.container_of(tid), gid), gid).to_owned();
        self.for_process(tid, |t| {
            t.gid = gid;
            t.group_name = name.clone();
        });
    }
}

/// Names `id` in a container's table, a new id only unless `full`:
/// whether the table gained an id, `None` when it refused it.
fn add_name(
    table: &mut HashMap<String, HashMap<u32, String>>,
    container: String,
    id: u32,
    name: String,
    full: bool,
) -> Option<bool> {
    if let Some(known) = table.get_mut(&container).and_then(|t| t.get_mut(&id)) {
        *known = name;
        return Some(false);
    }
    if full {
        return None;
    }
    table.entry(container).or_default().insert(id, name);
    Some(true)
}

/// A user's or group's name in a container's table (the host's: "").
pub(super) fn id_name<'t>(
    table: &'t HashMap<String, HashMap<u32, String>>,
    container: &str,
    id: u32,
) -> Option<&'t str> {
    table.get(container)?.get(&id).map(String::as_str)
}

/// A resolved name, or what libsinsp shows for an unknown id (root is always known).
pub(super) fn name_or_na(name: Option<&str>, id: u32) -> &str {
    match name {
        Some(n) => n,
        None if id == 0 => "root",
        None => NA,
    }
}
