//! The entry point: items in, records out. Dispatches each event to the
//! process-event, data-flow and file-event handlers after the state tables
//! have seen it.

mod export;
mod process_events;
mod process_flows;

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use sysflow_capture::{Event, Item};
use sysflow_types::{
    FileEvent, FileFlow, NetworkFlow, Oid, OpFlags, OpenFlags, RecordSink, RecordType,
    SfObjectState,
};

use crate::config::{CollectionMode, CoreConfig};
use crate::emit::Emitter;
use crate::event::{Ev, Kind};
use crate::file::Files;
use crate::flow::{
    FileKey, NetKey, OpenFileFlow, OpenNetFlow, ProcessFlows, Timing, apply, new_file_flow,
    should_write, worth_writing,
};
use crate::process::Processes;
use crate::state::{AT_FDCWD, Fd, FdKind, State, resolve_event_path};
use process_flows::OpenProcessFlow;

const NS: u64 = 1_000_000_000;
/// mmap flag: no file behind the mapping.
const PPM_MAP_ANONYMOUS: i64 = 1 << 4;

/// Counters of a [`Processor`]'s work, for stats and the end-of-run summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CoreStats {
    /// Items handled (metadata and events).
    pub items: u64,
    /// Events handled.
    pub events: u64,
    /// Records written, by [`RecordType::index`].
    pub records: [u64; 12],
    /// Processes in the process cache now.
    pub processes: usize,
    /// Threads in the thread table now.
    pub threads: usize,
    /// Processes with an fd table now (exited ones until their sweep).
    pub fd_tables: usize,
    /// Processes with a table of open flows now.
    pub flow_tables: usize,
    /// File flows open now.
    pub file_flows: usize,
    /// Network flows open now.
    pub network_flows: usize,
}

impl CoreStats {
    /// Records written of one type.
    pub fn records_of(&self, ty: RecordType) -> u64 {
        self.records.get(ty.index()).copied().unwrap_or_default()
    }

    /// Records written in all.
    pub fn records_total(&self) -> u64 {
        self.records.iter().sum()
    }
}

/// Turns a capture's items into SysFlow records.
#[derive(Debug)]
pub struct Processor {
    config: CoreConfig,
    stats: CoreStats,
    state: State,
    procs: Processes,
    files: Files,
    /// Open flows by process (unordered: every walk that writes several
    /// flows sorts them).
    flows: HashMap<Oid, ProcessFlows>,
    /// Thread activity of each process, when process flows are on.
    proc_flows: BTreeMap<Oid, OpenProcessFlow>,
    seq: u64,
    out: Emitter,
    /// Timestamp of the last event (ns): the clock offline.
    now: u64,
    /// Second of the last expiry check; `None` until the first primes it.
    last_expiry_check: Option<u64>,
    /// The first ns of the second after `last_expiry_check`: events before
    /// it skip the check without dividing their timestamp.
    next_expiry_ns: u64,
    /// The rendered argument of each thread's pending setuid.
    setuid_arg: HashMap<i64, String>,
}

impl Processor {
    /// A processor with empty tables.
    pub fn new(config: CoreConfig) -> Processor {
        Processor {
            config,
            stats: CoreStats::default(),
            state: State::default(),
            procs: Processes::default(),
            files: Files::default(),
            flows: HashMap::default(),
            proc_flows: BTreeMap::new(),
            seq: 0,
            out: Emitter::default(),
            now: 0,
            last_expiry_check: None,
            next_expiry_ns: 0,
            setuid_arg: HashMap::default(),
        }
    }

    /// The options this processor was made with.
    pub fn config(&self) -> &CoreConfig {
        &self.config
    }

    /// Handles one item of the capture, in capture order; the records it
    /// produces go to `sink`. Only the sink's errors are returned.
    pub fn handle<S: RecordSink + ?Sized>(
        &mut self,
        item: &Item,
        sink: &mut S,
    ) -> Result<(), S::Error> {
        self.stats.items += 1;
        if !self.state.seed(item)
            && let Item::Event(e) = item
        {
            self.stats.events += 1;
            let ev = Ev::new(e);
            self.event(&ev);
        }
        self.drain(sink)
    }

    /// Handles one event of the capture: [`Processor::handle`] for a caller
    /// that reads events into a reused buffer.
    pub fn handle_event<S: RecordSink + ?Sized>(
        &mut self,
        event: &Event,
        sink: &mut S,
    ) -> Result<(), S::Error> {
        self.stats.items += 1;
        self.stats.events += 1;
        self.event(&Ev::new(event));
        self.drain(sink)
    }

    /// Starts a new output segment: the pipeline has just written a header
    /// (new file, reconnected socket), so every entity is written again, as
    /// `REUP`, before the next record that references it.
    ///
    /// Entities nothing open refers to are forgotten here, which is what
    /// bounds the caches on a long run: a rotating output calls this every
    /// rotation interval.
    pub fn new_segment(&mut self) {
        let (flows, proc_flows) = (&self.flows, &self.proc_flows);
        self.procs
            .new_segment(|oid| owns_flows(flows, proc_flows, oid));
        let open_files: FxHashSet<sysflow_types::Foid> = flows
            .values()
            .flat_map(|pf| pf.files.values().map(|f| f.rec.file_oid))
            .collect();
        self.files.new_segment(|foid| open_files.contains(foid));
    }

    /// Periodic work at time `now_ns` (ns since the epoch) when no event
    /// arrives: flows are exported every 30 s and dropped after 60 s idle.
    /// Offline, event timestamps drive this and `tick` is not needed.
    pub fn tick<S: RecordSink + ?Sized>(
        &mut self,
        now_ns: u64,
        sink: &mut S,
    ) -> Result<(), S::Error> {
        self.now = self.now.max(now_ns);
        self.periodic();
        self.drain(sink)
    }

    /// Ends the input: every open flow is written with `TRUNCATE`, after any
    /// process it needs.
    pub fn finish<S: RecordSink + ?Sized>(&mut self, sink: &mut S) -> Result<(), S::Error> {
        let mut flows = std::mem::take(&mut self.flows);
        let mut proc_flows = std::mem::take(&mut self.proc_flows);
        let mut oids: Vec<Oid> = flows.keys().chain(proc_flows.keys()).copied().collect();
        oids.sort();
        oids.dedup();
        for oid in oids {
            let mut pf = flows.remove(&oid).unwrap_or_default();
            let proc_flow = proc_flows.remove(&oid);
            if pf.is_empty() && proc_flow.is_none() {
                continue;
            }
            self.procs
                .export_with_ancestors(&self.state, oid, &mut self.out);
            for mut f in pf.take_nets() {
                f.rec.op_flags |= OpFlags::TRUNCATE;
                f.rec.end_ts = self.now as i64;
                self.write_net(f.rec);
            }
            for mut f in pf.take_files() {
                f.rec.op_flags |= OpFlags::TRUNCATE;
                f.rec.end_ts = self.now as i64;
                // The reference skips the read filter in this last flush.
                if worth_writing(f.rec.op_flags) {
                    self.push_file_flow(f.rec);
                }
            }
            if let Some(mut f) = proc_flow {
                f.rec.op_flags |= OpFlags::TRUNCATE;
                f.rec.end_ts = self.now as i64;
                self.write_proc_flow(f.rec);
            }
        }
        self.drain(sink)
    }

    /// Counters so far.
    pub fn stats(&self) -> CoreStats {
        let mut s = self.stats.clone();
        s.processes = self.procs.cache.len();
        s.threads = self.state.thread_count();
        s.fd_tables = self.state.fd_table_count();
        s.flow_tables = self.flows.len();
        s.file_flows = self.flows.values().map(|f| f.files.len()).sum();
        s.network_flows = self.flows.values().map(|f| f.nets.len()).sum();
        s
    }

    /// Inlined: most events make no record, and then this is one test.
    #[inline]
    fn drain<S: RecordSink + ?Sized>(&mut self, sink: &mut S) -> Result<(), S::Error> {
        if self.out.records.is_empty() {
            return Ok(());
        }
        self.drain_records(sink)
    }

    fn drain_records<S: RecordSink + ?Sized>(&mut self, sink: &mut S) -> Result<(), S::Error> {
        for rec in self.out.records.drain(..) {
            if let Some(n) = self.stats.records.get_mut(rec.record_type().index()) {
                *n += 1;
            }
            sink.record(&rec)?;
        }
        Ok(())
    }

    fn event(&mut self, ev: &Ev<'_>) {
        self.now = ev.ts();
        self.periodic();

        if ev.kind == Kind::SetuidE || ev.kind == Kind::SetresuidE {
            // Rendered before the state changes, as the reference renders the enter event.
            self.render_setuid_arg(ev);
        }
        self.state.before(ev);
        let skip = self.config.filter_containers
            && self
                .state
                .threads
                .get(&ev.tid())
                .is_none_or(|t| t.container_id.is_empty());
        if !skip {
            self.dispatch(ev);
        }
        self.state.after(ev);
    }

    fn dispatch(&mut self, ev: &Ev<'_>) {
        let mode = self.config.collection_mode;
        let files = mode != CollectionMode::NoFiles;
        let io = mode == CollectionMode::Flow;
        match ev.kind {
            Kind::CloneX => self.clone_event(ev),
            Kind::ExecveX => self.exec_event(ev),
            Kind::ProcExit => self.exit_event(ev),
            Kind::SetuidX | Kind::SetresuidX => self.setuid_event(ev),
            Kind::OpenX => self.data_event(ev, OpFlags::OPEN),
            Kind::AcceptX => self.data_event(ev, OpFlags::ACCEPT),
            Kind::ConnectX => self.data_event(ev, OpFlags::CONNECT),
            Kind::CloseX => self.data_event(ev, OpFlags::CLOSE),
            Kind::WriteX if io || is_socket_io(ev) => self.data_event(ev, OpFlags::WRITE_SEND),
            Kind::ReadX if io || is_socket_io(ev) => self.data_event(ev, OpFlags::READ_RECV),
            Kind::ShutdownX if io => self.data_event(ev, OpFlags::SHUTDOWN),
            Kind::SetnsX if io => self.data_event(ev, OpFlags::SETNS),
            Kind::MmapE if io => self.data_event(ev, OpFlags::MMAP),
            Kind::MkdirX if files => self.file_event(ev, OpFlags::MKDIR),
            Kind::RmdirX if files => self.file_event(ev, OpFlags::RMDIR),
            Kind::UnlinkX if files => self.file_event(ev, OpFlags::UNLINK),
            Kind::LinkX if files => self.file_event(ev, OpFlags::LINK),
            Kind::SymlinkX if files => self.file_event(ev, OpFlags::SYMLINK),
            Kind::RenameX if files => self.file_event(ev, OpFlags::RENAME),
            _ => {}
        }
    }

    /// Writes a file flow that passes the read filter, after its process and
    /// file if this segment has not written them yet.
    fn write_file_flow(&mut self, rec: FileFlow, path: &str) {
        if worth_writing(rec.op_flags) && should_write(self.config.file_read_mode, &rec, path) {
            self.push_file_flow(rec);
        }
    }

    fn push_file_flow(&mut self, rec: FileFlow) {
        self.procs.export(&self.state, rec.proc_oid, &mut self.out);
        self.files
            .export(&self.state, &mut self.procs, rec.file_oid, &mut self.out);
        self.out.push(rec);
    }

    fn write_net(&mut self, rec: NetworkFlow) {
        if worth_writing(rec.op_flags) {
            self.procs.export(&self.state, rec.proc_oid, &mut self.out);
            self.out.push(rec);
        }
    }

    /// A thread whose flows or file events are recorded before anything else
    /// told of it (its capture started late, or it came from a lost clone)
    /// is made up on the spot, as libsinsp does, so its records still name a
    /// process.
    fn adopt(&mut self, tid: i64) {
        if tid > 0 && !self.state.threads.contains_key(&tid) {
            self.state.thread_mut(tid);
        }
    }

    // -- data flows ------------------------------------------------------------

    fn data_event(&mut self, ev: &Ev<'_>, op: OpFlags) {
        let tid = ev.tid();
        self.adopt(tid);
        let fd_num = match ev.kind {
            Kind::OpenX => ev.ret(),
            Kind::AcceptX => ev.int("fd").or_else(|| ev.ret()),
            Kind::MmapE => {
                if ev.int("flags").is_some_and(|f| f & PPM_MAP_ANONYMOUS != 0) {
                    return;
                }
                ev.int("fd")
            }
            _ => self.state.event_fd(ev),
        };
        let Some(fd_num) = fd_num.filter(|&fd| fd >= 0) else {
            return;
        };
        let Some(fd) = self.state.fd(tid, fd_num).map(FdFacts::of) else {
            return;
        };
        let ret = if ev.kind == Kind::MmapE {
            0
        } else {
            ev.ret().unwrap_or(0)
        };
        match fd.kind {
            FdKind::Ipv4 {
                sip,
                sport,
                dip,
                dport,
                proto,
            } => {
                let key = NetKey {
                    tid,
                    sip,
                    sport,
                    dip,
                    dport,
                    fd: fd_num,
                };
                self.net_flow(ev, op, key, proto, ret);
            }
            FdKind::Ipv6 => {}
            _ => {
                if self.config.collection_mode == CollectionMode::NoFiles {
                    return;
                }
                let tc = fd.type_char;
                let accepted = if self.config.file_only {
                    tc == b'f'
                } else {
                    matches!(tc, b'f' | b'd' | b'u' | b'p')
                };
                if accepted {
                    self.file_flow(ev, op, fd_num, fd, ret);
                }
            }
        }
    }

    fn timing(&mut self) -> Timing {
        self.seq += 1;
        Timing {
            seq: self.seq,
            export_secs: self.now / NS,
            update_secs: self.now / NS,
        }
    }

    /// The name of fd `fd` of thread `tid`, shared (empty if it is gone).
    fn fd_name(&self, tid: i64, fd: i64) -> Arc<str> {
        self.state
            .fd(tid, fd)
            .map_or_else(|| Arc::from(""), |f| Arc::clone(&f.name))
    }

    fn file_flow(&mut self, ev: &Ev<'_>, op: OpFlags, fd_num: i64, fd: FdFacts, ret: i64) {
        let tid = ev.tid();
        let Some((oid, _)) = self.process_of(ev, SfObjectState::Reup) else {
            return;
        };
        // The usual read or write: the fd knows its file and the file is
        // written, so the name is not needed.
        let segment = self.files.segment();
        // Fetched at most once: an open hashes it and stores it in its flow.
        let mut name: Option<Arc<str>> = None;
        let file_oid = match fd.foid {
            Some(oid) if fd.written_in == Some(segment) => oid,
            _ => {
                let name = name.insert(self.fd_name(tid, fd_num));
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
                self.state.set_fd_foid(tid, fd_num, oid, segment);
                oid
            }
        };
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

    fn net_flow(&mut self, ev: &Ev<'_>, op: OpFlags, key: NetKey, proto: u8, ret: i64) {
        let tid = ev.tid();
        let Some((oid, _)) = self.process_of(ev, SfObjectState::Reup) else {
            return;
        };
        let proto = match proto {
            6 => 6,
            17 => 17,
            1 => 1,
            254 => 254,
            _ => -1,
        };
        let new_rec = || NetworkFlow {
            proc_oid: oid,
            ts: ev.ts() as i64,
            tid,
            op_flags: OpFlags::NONE,
            end_ts: 0,
            sip: key.sip as i32,
            sport: i32::from(key.sport),
            dip: key.dip as i32,
            dport: i32::from(key.dport),
            proto,
            fd: key.fd as i32,
            num_r_recv_ops: 0,
            num_w_send_ops: 0,
            num_r_recv_bytes: 0,
            num_w_send_bytes: 0,
        };
        if self.config.collection_mode == CollectionMode::Consumer
            && op != OpFlags::CONNECT
            && op != OpFlags::ACCEPT
        {
            return;
        }
        let exists = self
            .flows
            .get(&oid)
            .is_some_and(|pf| pf.nets.contains_key(&key));
        if !exists {
            if op == OpFlags::CLOSE {
                self.close_related_nets(oid, key, ev.ts());
                let mut rec = new_rec();
                rec.op_flags = OpFlags::CLOSE;
                rec.end_ts = ev.ts() as i64;
                self.write_net(rec);
                return;
            }
            let timing = self.timing();
            self.flows.entry(oid).or_default().nets.insert(
                key,
                OpenNetFlow {
                    rec: new_rec(),
                    timing,
                },
            );
        }
        let now_secs = self.now / NS;
        let Some(flow) = self
            .flows
            .get_mut(&oid)
            .and_then(|pf| pf.nets.get_mut(&key))
        else {
            return;
        };
        apply(op, ret, &mut flow.rec);
        flow.timing.update_secs = now_secs;
        if op == OpFlags::CLOSE {
            self.close_related_nets(oid, key, ev.ts());
            if let Some(mut flow) = self.flows.get_mut(&oid).and_then(|pf| pf.nets.remove(&key)) {
                flow.rec.end_ts = ev.ts() as i64;
                self.write_net(flow.rec);
            }
        }
    }

    fn close_related_nets(&mut self, oid: Oid, key: NetKey, ts: u64) {
        let Some(pf) = self.flows.get_mut(&oid) else {
            return;
        };
        let mut related: Vec<NetKey> = pf
            .nets
            .keys()
            .filter(|k| {
                k.tid != key.tid
                    && NetKey {
                        tid: key.tid,
                        ..**k
                    } == key
            })
            .copied()
            .collect();
        related.sort_unstable();
        let mut recs: Vec<OpenNetFlow> = related.iter().filter_map(|k| pf.nets.remove(k)).collect();
        recs.sort_by_key(|f| {
            !f.rec
                .op_flags
                .intersects(OpFlags::ACCEPT | OpFlags::CONNECT)
        });
        for mut f in recs {
            f.rec.op_flags |= OpFlags::TRUNCATE;
            f.rec.end_ts = ts as i64;
            self.write_net(f.rec);
        }
    }

    // -- file events -------------------------------------------------------------

    fn file_event(&mut self, ev: &Ev<'_>, op: OpFlags) {
        let tid = ev.tid();
        self.adopt(tid);
        let Some((oid, _)) = self.process_of(ev, SfObjectState::Reup) else {
            return;
        };
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
        let (first, second) = match op {
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
            _ => return,
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
}

/// What the flow handlers need of an fd, copied out of the fd table: the
/// common path then never touches the fd's shared name (an atomic count
/// up and down per event).
#[derive(Debug, Clone, Copy)]
struct FdFacts {
    kind: FdKind,
    type_char: u8,
    open_flags: u32,
    foid: Option<sysflow_types::Foid>,
    written_in: Option<u64>,
}

impl FdFacts {
    fn of(fd: &Fd) -> FdFacts {
        FdFacts {
            kind: fd.kind,
            type_char: fd.type_char(),
            open_flags: fd.open_flags,
            foid: fd.foid,
            written_in: fd.written_in,
        }
    }
}

/// Whether a read or write event is a socket call (recv*/send*), which the
/// consumer mode still collects.
fn is_socket_io(ev: &Ev<'_>) -> bool {
    ev.ev
        .info()
        .is_some_and(|i| i.symbol.starts_with("PPME_SOCKET_"))
}

/// Whether process `oid` has an open flow of any kind, which keeps it
/// cached (for deletions and at a new segment alike). Process flows count
/// too: a thread outliving its main thread adds to one after the process was
/// queued for deletion, and the flow is written later.
fn owns_flows(
    flows: &HashMap<Oid, ProcessFlows>,
    proc_flows: &BTreeMap<Oid, OpenProcessFlow>,
    oid: Oid,
) -> bool {
    flows.get(&oid).is_some_and(|f| !f.is_empty()) || proc_flows.contains_key(&oid)
}
