//! Process entities: the process cache, written once per segment before the
//! first record that references a process, with its ancestors oldest first.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use sysflow_types::{Container, ContainerType, Oid, Pod, Process, SfObjectState};

use crate::bounds::least_recent;
use crate::emit::Emitter;
use crate::event::split_list;
use crate::state::{State, Thread};

/// Placeholder metadata for a container the capture has not described.
const INCOMPLETE: &str = "incomplete";

/// How long an exited process stays in the cache, and how often the
/// deletion queue is checked (ns).
const DELETION_DELAY: u64 = 1_000_000_000;

/// A cached process.
#[derive(Debug, Clone)]
pub(crate) struct CachedProcess {
    pub rec: Process,
    /// Written in the current segment.
    pub written: bool,
    /// Processes whose `poid` is this one and that are still cached.
    pub children: BTreeSet<Oid>,
    /// When it was last looked up or written ([`Processes::uses`]), for
    /// the cache's bound.
    last_used: u64,
}

/// A cached container and whether it was written in this segment.
#[derive(Debug, Clone)]
struct CachedContainer {
    written: bool,
    incomplete: bool,
}

/// Processes and containers written so far, by identity.
///
/// Invariant: every Process record written names as parent (`poid`) a
/// process written earlier in the same segment, or none.
#[derive(Debug, Default)]
pub(crate) struct Processes {
    /// Unordered (every flow event looks its process up here); the one walk
    /// whose order shows, [`Processes::parent_oid`]'s, takes the least OID.
    pub cache: FxHashMap<Oid, CachedProcess>,
    /// Exited processes that left the cache while cached children still
    /// name them as parent: a later segment writes them again (`REUP`)
    /// before those children. The reference forgets them, and a child
    /// written again after a new segment names a parent the segment never
    /// defined. Each leaves with its last cached child; they are not the
    /// cache (never found by pid, see [`Processes::parent_oid`]).
    departed: FxHashMap<Oid, CachedProcess>,
    containers: BTreeMap<String, CachedContainer>,
    /// Pods written in this segment, by SysFlow pod id.
    pods: BTreeSet<String>,
    /// Containers written `incomplete` since the last
    /// [`Processes::take_unknown_containers`]: the ids a live collector asks
    /// its runtimes about.
    unknown: Vec<String>,
    /// Processes whose main thread exited, with the time (ns) they were queued.
    deletion: VecDeque<(Oid, u64)>,
    last_deletion_check: u64,
    envs: EnvMemo,
    /// Counts lookups and writes: the clock of [`CachedProcess::last_used`].
    uses: u64,
    /// Processes and container marks added since the processor last
    /// checked the bounds (it resets this).
    pub added: usize,
}

/// Environments already split into records' string lists, by content.
///
/// Splitting an environment costs an allocation per variable, and on a busy
/// host nearly every new process carries one of a few environments (a shell's
/// children, a service's workers): with this memo, their records share one
/// list. Bounded by [`EnvMemo::CAPACITY`] entries; when full it starts over.
#[derive(Debug, Default)]
struct EnvMemo {
    lists: FxHashMap<Arc<[u8]>, Arc<[String]>>,
}

impl EnvMemo {
    /// At a few KB per environment (twice: bytes and strings), at most a few MB.
    const CAPACITY: usize = 256;

    fn split(&mut self, env: &Arc<[u8]>) -> Arc<[String]> {
        if env.is_empty() {
            return Arc::from([]);
        }
        if let Some(list) = self.lists.get(&**env) {
            return Arc::clone(list);
        }
        if self.lists.len() >= Self::CAPACITY {
            self.lists.clear();
        }
        let list: Arc<[String]> = split_list(env).into();
        self.lists.insert(Arc::clone(env), Arc::clone(&list));
        list
    }
}

/// The OID of a thread's process: its main thread's clone time and pid.
pub(crate) fn oid_of(main: &Thread) -> Oid {
    Oid::new(main.clone_ts as i64, main.pid)
}

/// A process record's `exe`: the resolved path, else what the driver said.
fn exe_of(main: &Thread) -> String {
    exe_ref(main).to_owned()
}

/// [`exe_of`], borrowed.
fn exe_ref(main: &Thread) -> &str {
    if main.exepath.is_empty() || main.exepath == "<NA>" {
        &main.exe
    } else {
        &main.exepath
    }
}

/// `*out = args.join(" ")` in `out`'s buffer.
fn join_into(out: &mut String, args: &[String]) {
    out.clear();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(a);
    }
}

impl Processes {
    /// Builds the record of a process from its main thread.
    fn build(
        envs: &mut EnvMemo,
        state: &State,
        main: &Thread,
        container_tid: i64,
        record_state: SfObjectState,
        ts: i64,
        poid: Option<Oid>,
    ) -> Process {
        let container_id = state
            .threads
            .get(&container_tid)
            .map(|t| t.container_id.clone())
            .unwrap_or_default();
        Process {
            state: record_state,
            oid: oid_of(main),
            poid,
            ts,
            exe: exe_of(main),
            exe_args: main.args.join(" "),
            uid: main.uid as i32,
            user_name: main.user_name.clone(),
            gid: main.gid as i32,
            group_name: main.group_name.clone(),
            tty: main.tty != 0,
            container_id: (!container_id.is_empty()).then_some(container_id),
            entry: main.vpid == 1,
            cwd: main.cwd.clone(),
            env: envs.split(&main.env),
        }
    }

    /// The parent of a main thread, promoted to its own main thread.
    fn parent_main<'s>(state: &'s State, main: &Thread) -> Option<&'s Thread> {
        if main.ptid < 0 {
            return None;
        }
        state.main_thread(main.ptid)
    }

    /// The parent OID of a main thread: its parent thread's process, or else a
    /// cached process whose pid is the parent id.
    fn parent_oid(&self, state: &State, main: &Thread) -> Option<Oid> {
        if let Some(p) = Self::parent_main(state, main) {
            return Some(oid_of(p));
        }
        if main.ptid <= 0 {
            return None;
        }
        self.cache
            .keys()
            .filter(|o| o.hpid == main.ptid)
            .min()
            .copied()
    }

    /// [`Processes::get`] for a caller that knows the process's OID (the
    /// OID of `state.main_thread(tid)`), when its record is written: the
    /// usual case, answered without the thread look-ups. `None`
    /// otherwise (then `get` does the rest).
    pub fn get_written(&mut self, oid: Oid) -> Option<(Oid, bool)> {
        let c = self.cache.get_mut(&oid).filter(|c| c.written)?;
        self.uses += 1;
        c.last_used = self.uses;
        Some((oid, true))
    }

    /// Makes sure the process of `tid` and its ancestors are written in this
    /// segment (oldest first), creating it with `requested` state if new.
    /// Returns its OID and whether it already existed in the cache.
    pub fn get(
        &mut self,
        state: &State,
        tid: i64,
        requested: SfObjectState,
        ts: u64,
        out: &mut Emitter,
    ) -> Option<(Oid, bool)> {
        let main = state.main_thread(tid)?;
        let oid = oid_of(main);
        self.uses += 1;
        if let Some(c) = self.cache.get_mut(&oid) {
            c.last_used = self.uses;
            if c.written {
                return Some((oid, true));
            }
        }
        let cached = self.cache.get(&oid);
        let existed = cached.is_some();
        let rec = match cached {
            Some(c) => reup(&c.rec),
            None => {
                let poid = self.parent_oid(state, main);
                Self::build(&mut self.envs, state, main, tid, requested, ts as i64, poid)
            }
        };
        // This process and its unwritten ancestors, youngest first: each
        // one's parent is its record's, taken from the cache when it is
        // there, else made from the parent thread of the thread walked so
        // far (the reference's walk up libsinsp's parent threads, which the
        // records' parents follow); the walk stops at a written parent, or
        // at one nothing is known of.
        let mut chain = vec![(rec, false)];
        let mut thread = Some(main);
        let mut seen = BTreeSet::from([oid]);
        while let Some(p) = chain.last().and_then(|(r, _)| r.poid) {
            if !seen.insert(p) {
                break;
            }
            // Threads with pid 0 and no clone time are not processes.
            let parent_thread = thread
                .and_then(|t| Self::parent_main(state, t))
                .filter(|t| oid_of(t) == p && !(t.pid == 0 && t.clone_ts == 0));
            if let Some(c) = self.cache.get(&p) {
                if c.written {
                    break;
                }
                chain.push((reup(&c.rec), false));
                thread = parent_thread.or_else(|| {
                    state
                        .main_thread(p.hpid)
                        .filter(|t| oid_of(t) == p && t.tid == t.pid)
                });
            } else if let Some(pt) = parent_thread {
                let grand = self.parent_oid(state, pt);
                let rec = Self::build(
                    &mut self.envs,
                    state,
                    pt,
                    pt.tid,
                    SfObjectState::Reup,
                    ts as i64,
                    grand,
                );
                chain.push((rec, false));
                thread = Some(pt);
            } else if let Some(d) = self.departed.get(&p).filter(|d| !d.written) {
                chain.push((reup(&d.rec), true));
                thread = None;
            } else {
                break;
            }
        }
        for (rec, departed) in chain.into_iter().rev() {
            self.emit(state, rec, departed, out);
        }
        Some((oid, existed))
    }

    /// Whether process `oid` is written in this segment.
    fn is_written(&self, oid: Oid) -> bool {
        self.cache
            .get(&oid)
            .or_else(|| self.departed.get(&oid))
            .is_some_and(|c| c.written)
    }

    /// Writes a process record, after its container, and caches it as
    /// written. Its parent must be written already: one that is not (its
    /// record is lost, or the input made a cycle of parents) is dropped
    /// from the record, so that every parent named resolves in the segment.
    /// `departed`: the record is a departed process's, written again.
    fn emit(&mut self, state: &State, mut rec: Process, departed: bool, out: &mut Emitter) {
        if let Some(parent) = rec.poid
            && !self.is_written(parent)
        {
            rec.poid = None;
        }
        if let Some(cid) = rec.container_id.clone() {
            self.write_container(state, &cid, out);
        }
        let this = rec.oid;
        if let Some(parent) = rec.poid
            && let Some(p) = self
                .cache
                .get_mut(&parent)
                .or_else(|| self.departed.get_mut(&parent))
        {
            p.children.insert(this);
        }
        out.push_process(&rec);
        self.uses += 1;
        let last_used = self.uses;
        if departed {
            if let Some(d) = self.departed.get_mut(&this) {
                d.rec = rec;
                d.written = true;
                d.last_used = last_used;
            }
            return;
        }
        // A departed process made again from its thread (a thread listed
        // without a clone time outlives its main thread under the same OID)
        // is back in the cache, with the children it had.
        let children = self
            .departed
            .remove(&this)
            .map(|d| d.children)
            .unwrap_or_default();
        match self.cache.entry(this) {
            Entry::Occupied(mut e) => {
                let cached = e.get_mut();
                cached.rec = rec;
                cached.written = true;
                cached.children.extend(children);
                cached.last_used = last_used;
            }
            Entry::Vacant(e) => {
                e.insert(CachedProcess {
                    rec,
                    written: true,
                    children,
                    last_used,
                });
                self.added += 1;
            }
        }
    }

    /// Writes a process again as MODIFIED after exec or setuid changed it.
    pub fn modified(&mut self, state: &State, tid: i64, ts: u64, out: &mut Emitter) {
        let Some(main) = state.main_thread(tid) else {
            return;
        };
        let oid = oid_of(main);
        // The container the process runs in now: a runtime's init process
        // is cloned on the host and enters the container's cgroups before
        // its exec (the reference keeps the container of the clone, and so
        // writes `docker run`'s first process as the host's).
        let container = (!main.container_id.is_empty()).then(|| main.container_id.clone());
        if let Some(cid) = &container
            && self
                .cache
                .get(&oid)
                .is_some_and(|c| c.rec.container_id.as_ref() != Some(cid))
        {
            self.write_container(state, cid, out);
        }
        let Some(cached) = self.cache.get_mut(&oid) else {
            return;
        };
        let rec = &mut cached.rec;
        if container.is_some() {
            rec.container_id = container;
        }
        rec.state = SfObjectState::Modified;
        rec.ts = ts as i64;
        rec.exe.clear();
        rec.exe.push_str(exe_ref(main));
        join_into(&mut rec.exe_args, &main.args);
        rec.uid = main.uid as i32;
        rec.user_name.clone_from(&main.user_name);
        rec.gid = main.gid as i32;
        rec.group_name.clone_from(&main.group_name);
        cached.written = true;
        out.push_process(&cached.rec);
    }

    /// Writes a cached process if unwritten in this segment, after its
    /// container and its unwritten ancestors (oldest first), before a flow
    /// of it is written on its own (periodic export, close, exit, end of
    /// input). The reference writes the process alone, whose parent a new
    /// segment may not have written.
    ///
    /// Inlined: nearly every flow written finds its process written.
    #[inline]
    pub fn export(&mut self, state: &State, oid: Oid, out: &mut Emitter) {
        if self.cache.get(&oid).is_some_and(|c| c.written) {
            return;
        }
        self.export_with_ancestors(state, oid, out);
    }

    /// Writes a cached (or departed) process and its unwritten ancestors
    /// that the cache knows, oldest first.
    pub fn export_with_ancestors(&mut self, state: &State, oid: Oid, out: &mut Emitter) {
        let mut chain: Vec<(Process, bool)> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut next = Some(oid);
        while let Some(o) = next {
            if !seen.insert(o) {
                break;
            }
            let (c, departed) = match self.cache.get(&o) {
                Some(c) => (c, false),
                None => match self.departed.get(&o) {
                    Some(d) => (d, true),
                    None => break,
                },
            };
            if c.written {
                break;
            }
            next = c.rec.poid;
            chain.push((reup(&c.rec), departed));
        }
        for (rec, departed) in chain.into_iter().rev() {
            self.emit(state, rec, departed, out);
        }
    }

    /// Makes sure container `id` is written in this segment.
    pub fn write_container(&mut self, state: &State, id: &str, out: &mut Emitter) {
        let known = state.containers.get(id);
        if let Some(c) = self.containers.get(id)
            && c.written
            && !(c.incomplete && known.is_some())
        {
            return;
        }
        let rec = match known {
            Some(info) => {
                let pod_id = info.pod.as_ref().map(|pod| {
                    if self.pods.insert(pod.id.clone()) {
                        out.push(pod_record(state.now(), pod));
                        self.added += 1;
                    }
                    pod.id.clone()
                });
                Container {
                    id: id.to_owned(),
                    name: info.name.clone(),
                    image: info.image_name(),
                    imageid: info.image_id.clone(),
                    container_type: usize::try_from(info.kind)
                        .ok()
                        .and_then(ContainerType::from_index)
                        .unwrap_or(ContainerType::Docker),
                    privileged: info.privileged,
                    pod_id,
                }
            }
            None => {
                self.unknown.push(id.to_owned());
                Container {
                    id: id.to_owned(),
                    name: INCOMPLETE.into(),
                    image: format!("{INCOMPLETE}:{INCOMPLETE}"),
                    imageid: String::new(),
                    container_type: ContainerType::Docker,
                    privileged: false,
                    pod_id: None,
                }
            }
        };
        out.push(rec);
        self.added += 1;
        self.containers.insert(
            id.to_owned(),
            CachedContainer {
                written: true,
                incomplete: known.is_none(),
            },
        );
    }

    /// Container `id` was just described: written again at once if this
    /// segment wrote it `incomplete`.
    pub fn container_described(&mut self, state: &State, id: &str, out: &mut Emitter) {
        if self
            .containers
            .get(id)
            .is_some_and(|c| c.written && c.incomplete)
        {
            self.write_container(state, id, out);
        }
    }

    /// The containers written `incomplete` since the last call (each once
    /// per write, so possibly repeated).
    pub fn take_unknown_containers(&mut self) -> Vec<String> {
        std::mem::take(&mut self.unknown)
    }

    /// Queues a process for removal from the cache one second after its exit.
    pub fn mark_for_deletion(&mut self, oid: Oid, now: u64) {
        self.deletion.push_back((oid, now));
    }

    /// Removes processes queued at least a second ago (checked at most once a second).
    ///
    /// Called for every event: inlined so that the usual "not yet" costs a
    /// comparison, not a call.
    #[inline]
    pub fn check_deletions(&mut self, now: u64, has_flows: impl Fn(Oid) -> bool) {
        if self.deletions_due(now) {
            self.run_deletions(now, has_flows);
        }
    }

    /// Whether [`Processes::check_deletions`] would look at the queue at `now`.
    #[inline]
    pub fn deletions_due(&self, now: u64) -> bool {
        now >= self.last_deletion_check + DELETION_DELAY
    }

    fn run_deletions(&mut self, now: u64, has_flows: impl Fn(Oid) -> bool) {
        self.last_deletion_check = now;
        while let Some(&(oid, at)) = self.deletion.front() {
            if now < at + DELETION_DELAY {
                break;
            }
            self.deletion.pop_front();
            if has_flows(oid) {
                continue;
            }
            self.remove(oid);
        }
    }

    /// Removes a process from the cache: one that cached children still
    /// name as parent departs (see [`Processes::departed`]).
    fn remove(&mut self, oid: Oid) {
        let Some(gone) = self.cache.remove(&oid) else {
            return;
        };
        if gone.children.is_empty() {
            self.unlink(oid, gone.rec.poid);
        } else {
            self.departed.insert(oid, gone);
        }
    }

    /// Removes `child` from its parent's children; a departed parent left
    /// without children goes, and so on up.
    fn unlink(&mut self, child: Oid, parent: Option<Oid>) {
        let mut link = parent.map(|p| (child, p));
        while let Some((child, parent)) = link.take() {
            if let Some(p) = self.cache.get_mut(&parent) {
                p.children.remove(&child);
            } else if let Some(d) = self.departed.get_mut(&parent) {
                d.children.remove(&child);
                if d.children.is_empty()
                    && let Some(d) = self.departed.remove(&parent)
                {
                    link = d.rec.poid.map(|grand| (parent, grand));
                }
            }
        }
    }

    /// A new segment: everything is written again before its next reference.
    ///
    /// Like the reference at rotation, processes that own no flow and have no
    /// cached children leave the cache (repeatedly, so that emptied parents
    /// go too), and so do containers no cached process runs in.
    pub fn new_segment(&mut self, owns_flows: impl Fn(Oid) -> bool) {
        loop {
            let idle: Vec<Oid> = self
                .cache
                .iter()
                .filter(|(oid, p)| p.children.is_empty() && !owns_flows(**oid))
                .map(|(oid, _)| *oid)
                .collect();
            if idle.is_empty() {
                break;
            }
            for oid in idle {
                self.remove(oid);
            }
        }
        for p in self.cache.values_mut().chain(self.departed.values_mut()) {
            p.written = false;
        }
        let used: BTreeSet<String> = self
            .cache
            .values()
            .chain(self.departed.values())
            .filter_map(|p| p.rec.container_id.clone())
            .collect();
        self.containers.retain(|id, _| used.contains(id));
        for c in self.containers.values_mut() {
            c.written = false;
        }
        self.pods.clear();
    }

    /// Exited processes kept only as their cached children's parents.
    pub fn departed_count(&self) -> usize {
        self.departed.len()
    }

    /// Processes cached, departed ones included: what the bound counts.
    #[inline]
    pub fn len(&self) -> usize {
        self.cache.len() + self.departed.len()
    }

    /// Exited processes waiting to leave the cache.
    #[inline]
    pub fn deletions_pending(&self) -> usize {
        self.deletion.len()
    }

    /// Containers marked as written or not in this segment.
    #[inline]
    pub fn container_marks(&self) -> usize {
        self.containers.len()
    }

    /// Forgets which containers this segment wrote: each is written again
    /// before its next reference. Returns how many marks went.
    pub fn forget_containers(&mut self) -> usize {
        let n = self.containers.len();
        self.containers.clear();
        self.pods.clear();
        n
    }

    /// Takes the exited processes at the front of the deletion queue out
    /// early, down to `keep` waiting, as if their second had passed.
    /// Returns how many left the cache.
    pub fn delete_early(&mut self, keep: usize, has_flows: impl Fn(Oid) -> bool) -> u64 {
        let mut n = 0;
        while self.deletion.len() > keep {
            let Some((oid, _)) = self.deletion.pop_front() else {
                break;
            };
            if !has_flows(oid) && self.cache.contains_key(&oid) {
                self.remove(oid);
                n += 1;
            }
        }
        n
    }

    /// The `n` processes (cached or departed) looked up or written least
    /// recently, least recent first.
    pub fn least_recently_used(&self, n: usize) -> Vec<Oid> {
        let all = self
            .cache
            .iter()
            .chain(&self.departed)
            .map(|(oid, c)| (c.last_used, *oid))
            .collect();
        least_recent(all, n)
    }

    /// Forgets a process for the cache's bound. Unlike an exited process it
    /// does not depart: a cached child written again later names it only
    /// if its thread can still make it again (see [`Processes::emit`]).
    pub fn evict(&mut self, oid: Oid) {
        if let Some(gone) = self
            .cache
            .remove(&oid)
            .or_else(|| self.departed.remove(&oid))
        {
            self.unlink(oid, gone.rec.poid);
        }
    }
}

/// A cached record, to be written again for context (`REUP`).
fn reup(rec: &Process) -> Process {
    let mut rec = rec.clone();
    rec.state = SfObjectState::Reup;
    rec
}

/// The Pod record of a pod written at `now` (ns). CRI knows no node, host
/// address, selectors or services: those stay empty.
fn pod_record(now: u64, pod: &crate::state::PodInfo) -> Pod {
    Pod {
        ts: i64::try_from(now).unwrap_or(i64::MAX),
        id: pod.id.clone(),
        name: pod.name.clone(),
        node_name: String::new(),
        host_ip: Vec::new(),
        internal_ip: pod.ips.clone(),
        namespace: pod.namespace.clone(),
        restart_count: pod.restart_count,
        labels: pod.labels.clone(),
        selectors: Vec::new(),
        services: Vec::new(),
    }
}
