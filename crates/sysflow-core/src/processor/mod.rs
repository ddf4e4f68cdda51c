//! The entry point: items in, records out. Dispatches each event to the
//! process-event, data-flow and file-event handlers after the state tables
//! have seen it.
//!
//! [`Processor`], its public methods and the per-event dispatch are here; the
//! handlers are in one module per record family, each an `impl Processor`
//! block: `process_events` (clone, exec, setuid, exit), `process_flows`,
//! `data_events` (which routes an fd's events to `file_flows` or
//! `net_flows`), `file_events`, `export` (periodic export and expiry, and
//! the flush of an exiting process's flows), and `bounds` (the limits of
//! the process and file caches and of open flows).

mod bounds;
mod data_events;
mod export;
mod file_events;
mod file_flows;
mod net_flows;
mod process_events;
mod process_flows;

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use sysflow_capture::{Event, EventRef, Item};
use sysflow_filter::Filter;
use sysflow_types::{Oid, OpFlags, RecordSink, RecordType};

use crate::bounds::Evictions;
use crate::config::{CollectionMode, CoreConfig, CoreLimits};
use crate::emit::Emitter;
use crate::event::{Ev, Kind};
use crate::file::Files;
use crate::filter::{EventFields, event_type_of};
use crate::flow::{ProcessFlows, Timing, worth_writing};
use crate::process::Processes;
use crate::state::State;
use process_flows::OpenProcessFlow;

/// Nanoseconds in a second.
const NS: u64 = 1_000_000_000;

/// Counters of a [`Processor`]'s work, for stats and the end-of-run summary.
///
/// The sizes are those of the tables [`CoreLimits`] bounds, now: after any
/// item each is at most its bound.
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
    /// Exited processes kept only to be written again, in a later segment,
    /// as the parents of cached processes.
    pub departed_processes: usize,
    /// Threads in the thread table now.
    pub threads: usize,
    /// Processes with an fd table now (exited ones until their sweep).
    pub fd_tables: usize,
    /// Fds in all fd tables now.
    pub fds: usize,
    /// Enter arguments kept for their exits now (in three tables: fds and
    /// ids, execve file names, setuid arguments; each at most
    /// [`CoreLimits::threads`]).
    pub pending_calls: usize,
    /// Processes with a table of open flows now.
    pub flow_tables: usize,
    /// File flows open now.
    pub file_flows: usize,
    /// Network flows open now.
    pub network_flows: usize,
    /// Process flows open now.
    pub process_flows: usize,
    /// Files in the file cache now.
    pub files: usize,
    /// Containers described now.
    pub containers: usize,
    /// User and group names known now.
    pub names: usize,
    /// What the tables forgot to stay within their [`CoreLimits`].
    pub evictions: Evictions,
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

    /// Entries evicted or refused in all ([`Evictions::total`]).
    pub fn evictions_total(&self) -> u64 {
        self.evictions.total()
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
    /// The bounds of the tables.
    limits: CoreLimits,
    /// At least the number of open flows: the exact count, taken when it
    /// last reached the bound, plus the flows opened since.
    flow_upper: usize,
    /// Items that may pass before the bounds are checked in full (see
    /// `bounds`).
    unchecked_items: usize,
    /// Processes and container marks that may be added before then.
    procs_room: usize,
    /// What the process and file caches, the open flows and the pending
    /// setuids forgot (the state keeps its own).
    evictions: Evictions,
    /// `falcoFilter`: events that fail it update the state only.
    filter: Option<Arc<Filter>>,
    /// The filter's scratch text, kept from event to event.
    filter_text: String,
}

impl Processor {
    /// A processor with empty tables and the default [`CoreLimits`].
    pub fn new(config: CoreConfig) -> Processor {
        Processor::with_limits(config, CoreLimits::default())
    }

    /// A processor with empty tables, bounded by `limits`.
    pub fn with_limits(config: CoreConfig, limits: CoreLimits) -> Processor {
        Processor {
            config,
            stats: CoreStats::default(),
            state: State::with_limits(limits),
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
            limits,
            flow_upper: 0,
            unchecked_items: 0,
            procs_room: 0,
            evictions: Evictions::default(),
            filter: None,
            filter_text: String::new(),
        }
    }

    /// Sets the `falcoFilter` (`sysporter -f`): from now on, an event that
    /// does not pass it updates the state tables (threads, fds, users,
    /// containers) and makes no record, as libsinsp filters events after
    /// parsing them. `None` lets every event through.
    pub fn set_filter(&mut self, filter: Option<Arc<Filter>>) {
        self.filter = filter;
    }

    /// Applies `event` to the state tables alone (no record, no flow) and
    /// says whether it passes the filter (every event passes without one):
    /// what `sysporter --print-events` shows.
    pub fn filter_event(&mut self, event: &Event) -> bool {
        self.stats.items += 1;
        self.stats.events += 1;
        let ev = Ev::new(event.view());
        self.now = ev.ts();
        self.state.before(&ev);
        self.state.described = None;
        let passes = self.passes(&ev);
        self.state.after(&ev);
        self.bound(ev.tid());
        passes
    }

    /// Whether `ev`, just applied to the state, passes the filter.
    #[inline]
    fn passes(&mut self, ev: &Ev<'_>) -> bool {
        self.judge(ev, &mut Hint::default())
    }

    /// Whether `ev` passes the filter; if it does, `hint` gets what
    /// evaluation found out that the flow processors would look up again.
    #[inline]
    fn judge(&mut self, ev: &Ev<'_>, hint: &mut Hint) -> bool {
        let Some(filter) = self.filter.as_deref() else {
            return true;
        };
        let code = if filter.depends_on_type() {
            event_type_of(ev)
        } else {
            None
        };
        // The event's type may decide (a rule on other calls): then no
        // field is read.
        if let Some(pass) = filter.decided(code) {
            return pass;
        }
        let now = self.now;
        let mut fields = EventFields::new(&self.state, ev, &mut self.filter_text);
        let pass = filter.matches_type(code, &mut fields);
        if pass {
            // What `adopt` does for a known thread.
            if let Some(t) = fields.known_thread() {
                t.last_ts.set(now);
                hint.adopted = true;
            }
            hint.process = fields.known_process().map(crate::process::oid_of);
            hint.event_fd = fields.known_event_fd();
            if let Some((num, fd)) = fields.known_fd() {
                hint.fd = Some((num, fd.map(data_events::FdFacts::of)));
                // An open's file flow needs the name (a new fd's file is
                // not known yet): a count up beats three lookups.
                if ev.kind == Kind::OpenX {
                    hint.fd_name = fd.map(|f| Arc::clone(&f.name));
                }
            }
        }
        pass
    }

    /// The bounds of this processor's tables.
    pub fn limits(&self) -> &CoreLimits {
        &self.limits
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
            let ev = Ev::new(e.view());
            self.event(&ev);
            self.bound(ev.tid());
        } else {
            self.bound(-1);
        }
        self.drain(sink)
    }

    /// Handles one event of the capture: [`Processor::handle`] for a caller
    /// that reads events into a reused buffer.
    #[inline]
    pub fn handle_event<S: RecordSink + ?Sized>(
        &mut self,
        event: &Event,
        sink: &mut S,
    ) -> Result<(), S::Error> {
        self.handle_event_ref(event.view(), sink)
    }

    /// Handles one event where it lies (in a reader's buffer,
    /// [`ScapReader::read_item_ref`](sysflow_capture::ScapReader::read_item_ref)):
    /// [`Processor::handle`] without copying the event.
    #[inline]
    pub fn handle_event_ref<S: RecordSink + ?Sized>(
        &mut self,
        event: EventRef<'_>,
        sink: &mut S,
    ) -> Result<(), S::Error> {
        self.stats.items += 1;
        self.stats.events += 1;
        let ev = Ev::new(event);
        self.event(&ev);
        self.bound(ev.tid());
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

    /// Containers written `incomplete` (nothing described them) since the
    /// last call, each at most once per call: what a live collector asks its
    /// container runtimes about. Their metadata comes back as container
    /// events (see `sysflow_capture::Event::container_json`), after which
    /// each is written again, complete.
    pub fn take_unknown_containers(&mut self) -> Vec<String> {
        let mut ids = self.procs.take_unknown_containers();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The containers some thread runs in (by the 12-digit ids the records
    /// carry), for a collector that forgets the metadata of containers that
    /// are gone.
    pub fn containers_in_use(&self) -> std::collections::HashSet<String> {
        self.state
            .containers_in_use()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// Counters so far.
    pub fn stats(&self) -> CoreStats {
        let mut s = self.stats.clone();
        s.processes = self.procs.cache.len();
        s.departed_processes = self.procs.departed_count();
        s.threads = self.state.thread_count();
        s.fd_tables = self.state.fd_table_count();
        s.fds = self.state.fd_count();
        s.pending_calls = self.state.pending_call_count() + self.setuid_arg.len();
        s.flow_tables = self.flows.len();
        s.file_flows = self.flows.values().map(|f| f.files.len()).sum();
        s.network_flows = self.flows.values().map(|f| f.nets.len()).sum();
        s.process_flows = self.proc_flows.len();
        s.files = self.files.len();
        s.containers = self.state.container_count();
        s.names = self.state.name_count();
        s.evictions = self.evictions.plus(&self.state.evictions);
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
        // Taken out, so that each record written goes back to the emitter
        // (whose spare process records are reused); what an error leaves
        // unwritten is dropped, as before.
        let mut records = std::mem::take(&mut self.out.records);
        let mut result = Ok(());
        for rec in records.drain(..) {
            if result.is_err() {
                continue;
            }
            if let Some(n) = self.stats.records.get_mut(rec.record_type().index()) {
                *n += 1;
            }
            result = sink.record(&rec);
            self.out.recycle(rec);
        }
        self.out.records = records;
        result
    }

    fn event(&mut self, ev: &Ev<'_>) {
        self.now = ev.ts();
        self.periodic();

        let setuid_enter = ev.kind == Kind::SetuidE || ev.kind == Kind::SetresuidE;
        // An exit without its enter (live events) carries the arguments itself.
        let setuid_alone = (ev.kind == Kind::SetuidX || ev.kind == Kind::SetresuidX)
            && !self.setuid_arg.contains_key(&ev.tid());
        if setuid_enter || setuid_alone {
            // Rendered before the state changes, as the reference renders the enter event.
            self.render_setuid_arg(ev);
        }
        self.state.before(ev);
        if let Some(id) = self.state.described.take() {
            // A container first written `incomplete` is written again as
            // soon as its metadata arrives: its processes may all be gone
            // by then (a container that exits at once).
            self.procs
                .container_described(&self.state, &id, &mut self.out);
        }
        if let Some(route) = self.route(ev) {
            let skip = self.config.filter_containers
                && self
                    .state
                    .threads
                    .get(&ev.tid())
                    .is_none_or(|t| t.container_id.is_empty());
            if !skip {
                let mut hint = Hint::default();
                if self.judge(ev, &mut hint) {
                    self.dispatch(ev, route, &mut hint);
                }
            }
        }
        self.state.after(ev);
    }

    /// What the processors do with `ev`, if anything: the events the
    /// filter must judge. The others change the state only, so they need
    /// no verdict, which is most of the saving of a filter that passes
    /// nearly everything.
    fn route(&self, ev: &Ev<'_>) -> Option<Route> {
        let mode = self.config.collection_mode;
        let files = mode != CollectionMode::NoFiles;
        let io = mode == CollectionMode::Flow;
        Some(match ev.kind {
            // ProcessEvents (`process_events`).
            Kind::CloneX => Route::Clone,
            Kind::ExecveX => Route::Exec,
            Kind::ProcExit => Route::Exit,
            Kind::SetuidX | Kind::SetresuidX => Route::Setuid,
            // File and network flows (`data_events`).
            Kind::OpenX => Route::Data(OpFlags::OPEN),
            Kind::AcceptX => Route::Data(OpFlags::ACCEPT),
            Kind::ConnectX => Route::Data(OpFlags::CONNECT),
            Kind::CloseX => Route::Data(OpFlags::CLOSE),
            Kind::WriteX if io || is_socket_io(ev) => Route::Data(OpFlags::WRITE_SEND),
            Kind::ReadX if io || is_socket_io(ev) => Route::Data(OpFlags::READ_RECV),
            Kind::ShutdownX if io => Route::Data(OpFlags::SHUTDOWN),
            Kind::SetnsX if io => Route::Data(OpFlags::SETNS),
            Kind::MmapE if io => Route::Data(OpFlags::MMAP),
            Kind::MmapX if io => Route::MmapExit,
            // FileEvents (`file_events`).
            Kind::MkdirX if files => Route::File(OpFlags::MKDIR),
            Kind::RmdirX if files => Route::File(OpFlags::RMDIR),
            Kind::UnlinkX if files => Route::File(OpFlags::UNLINK),
            Kind::LinkX if files => Route::File(OpFlags::LINK),
            Kind::SymlinkX if files => Route::File(OpFlags::SYMLINK),
            Kind::RenameX if files => Route::File(OpFlags::RENAME),
            _ => return None,
        })
    }

    fn dispatch(&mut self, ev: &Ev<'_>, route: Route, hint: &mut Hint) {
        match route {
            Route::Clone => self.clone_event(ev),
            Route::Exec => self.exec_event(ev),
            Route::Exit => self.exit_event(ev),
            Route::Setuid => self.setuid_event(ev),
            Route::Data(op) => self.data_event(ev, op, hint),
            // Current layouts carry the fd on the exit; an exit after its
            // enter was counted there.
            Route::MmapExit => {
                if !self.state.entered_pair(ev) {
                    self.data_event(ev, OpFlags::MMAP, hint);
                }
            }
            Route::File(op) => self.file_event(ev, op),
        }
    }

    /// A thread whose flows or file events are recorded before anything else
    /// told of it (its capture started late, or it came from a lost clone)
    /// is made up on the spot, as libsinsp does, so its records still name a
    /// process.
    ///
    /// Either way the thread is active now, for the thread table's bound.
    fn adopt(&mut self, tid: i64) {
        if let Some(t) = self.state.threads.get_mut(&tid) {
            t.last_ts.set(self.now);
        } else if tid > 0 {
            self.state.thread_mut(tid);
        }
    }

    /// The bookkeeping of a flow opened now: the next creation number, and
    /// now as its last export and update.
    fn timing(&mut self) -> Timing {
        self.seq += 1;
        Timing {
            seq: self.seq,
            export_secs: self.now / NS,
            update_secs: self.now / NS,
        }
    }
}

/// What judging an event found out that its processor would otherwise look
/// up again (see [`Processor::judge`]): nothing without a filter.
#[derive(Debug, Default)]
struct Hint {
    /// The state's fd of the event ([`State::event_fd`](crate::state::State::event_fd)).
    event_fd: Option<Option<i64>>,
    /// An fd number and what the table holds for it.
    fd: Option<(i64, Option<data_events::FdFacts>)>,
    /// Whether the event's thread is known and was marked active now (as
    /// [`Processor::adopt`] would).
    adopted: bool,
    /// The name of the fd of `fd`, for an open.
    fd_name: Option<Arc<str>>,
    /// The OID of the event's process.
    process: Option<sysflow_types::Oid>,
}

/// The processor an event goes to (see [`Processor::route`]).
#[derive(Debug, Clone, Copy)]
enum Route {
    Clone,
    Exec,
    Exit,
    Setuid,
    Data(OpFlags),
    /// An mmap's exit: a flow unless its enter made it.
    MmapExit,
    File(OpFlags),
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
