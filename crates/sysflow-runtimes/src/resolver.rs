//! Look-ups beside the event loop: a worker thread asks the runtimes, the
//! loop hands it ids and takes its answers without ever waiting.
//!
//! Invariants:
//! - [`Resolver::request`] and [`Resolver::poll`] never block: a request
//!   that does not fit the bounded queue is counted as dropped and asked
//!   again at the container's next sighting.
//! - An id is asked at most once at a time, and once answered it is not
//!   asked again while it stays cached; a failed one is asked again at
//!   most [`ResolverConfig::attempts`] times, each after
//!   [`ResolverConfig::retry_after`].
//! - Each failing container is logged once (its first failure), never per
//!   event; a host without any runtime socket is logged once in all.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::time::{Duration, Instant};

use tracing::{debug, info, warn};

use crate::{ContainerMeta, DOCKER_SOCKET, DockerClient, PODMAN_SOCKET, RuntimeError, RuntimeKind};

/// Requests the worker has not taken yet, at most.
const QUEUE: usize = 1024;

/// One runtime the resolver may ask, by its API socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeSocket {
    /// A Docker Engine API socket (docker, or podman's compatible API),
    /// whose containers are reported as the given kind.
    Docker(PathBuf, RuntimeKind),
    /// A CRI socket (containerd, CRI-O, k3s).
    Cri(PathBuf),
}

impl RuntimeSocket {
    /// The socket's path.
    pub fn path(&self) -> &Path {
        match self {
            RuntimeSocket::Docker(path, _) | RuntimeSocket::Cri(path) => path,
        }
    }
}

/// What the resolver asks, and how.
#[derive(Debug, Clone)]
pub struct ResolverConfig {
    /// The runtimes, asked in this order until one knows the container.
    /// Those whose socket does not exist are skipped at each look-up, so a
    /// runtime started later is found.
    pub runtimes: Vec<RuntimeSocket>,
    /// The bound of each call to a runtime (`criTO`).
    pub timeout: Duration,
    /// How long after a failed look-up a container is asked about again.
    pub retry_after: Duration,
    /// Look-ups of one container at most, the first included.
    pub attempts: u32,
    /// Containers remembered at most (answers and failures); past it the
    /// failures go first, then answers, and those are asked again if seen.
    pub capacity: usize,
}

impl ResolverConfig {
    /// The usual runtimes: Docker's and podman's API sockets, then
    /// `cri_path` if given, else containerd's, CRI-O's and k3s's CRI
    /// sockets; each call bounded by `timeout`.
    ///
    /// As their own tools do, `DOCKER_HOST` and `CONTAINER_HOST` (podman)
    /// name other sockets when they are `unix://` addresses (remote hosts
    /// cannot describe this host's containers, and are ignored).
    pub fn new(cri_path: Option<PathBuf>, timeout: Duration) -> ResolverConfig {
        let socket = |var: &str, default: &str| {
            std::env::var(var)
                .ok()
                .and_then(|v| v.strip_prefix("unix://").map(PathBuf::from))
                .filter(|p| p.is_absolute())
                .unwrap_or_else(|| PathBuf::from(default))
        };
        let mut runtimes = vec![
            RuntimeSocket::Docker(socket("DOCKER_HOST", DOCKER_SOCKET), RuntimeKind::Docker),
            RuntimeSocket::Docker(socket("CONTAINER_HOST", PODMAN_SOCKET), RuntimeKind::Podman),
        ];
        match cri_path {
            Some(path) => runtimes.push(RuntimeSocket::Cri(path)),
            None => runtimes.extend(
                crate::DEFAULT_CRI_SOCKETS
                    .iter()
                    .map(|p| RuntimeSocket::Cri(PathBuf::from(p))),
            ),
        }
        ResolverConfig {
            runtimes,
            timeout,
            retry_after: Duration::from_secs(10),
            attempts: 3,
            capacity: 4096,
        }
    }
}

/// What the look-ups came to so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LookupStats {
    /// Look-ups handed to the worker.
    pub requested: u64,
    /// Look-ups a runtime answered with the container's metadata.
    pub answered: u64,
    /// Look-ups no runtime knew the container in.
    pub not_found: u64,
    /// Look-ups that ran out of time at some runtime (and no other knew it).
    pub timed_out: u64,
    /// Look-ups that failed otherwise (refused, garbage, an error status),
    /// or found no runtime socket at all.
    pub failed: u64,
    /// Requests not made because the queue was full (asked again at the
    /// container's next sighting).
    pub dropped: u64,
    /// Answers served again from the cache (the processor had forgotten them).
    pub cached: u64,
    /// Containers the cache forgot to stay in its bound.
    pub evicted: u64,
}

/// A container a runtime described: its metadata, and the container
/// event's JSON for the id it was asked by ([`ContainerMeta::sinsp_json`]),
/// made on the worker thread so that the event loop only copies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    /// What the runtime said.
    pub meta: ContainerMeta,
    /// libsinsp's container JSON for the id asked.
    pub json: String,
}

impl std::ops::Deref for Described {
    type Target = ContainerMeta;

    fn deref(&self) -> &ContainerMeta {
        &self.meta
    }
}

/// How a look-up ended.
#[derive(Debug)]
enum Outcome {
    Found(Box<Described>),
    NotFound,
    /// No runtime socket exists.
    NoRuntime,
    Failed(RuntimeError),
}

#[derive(Debug)]
enum Entry {
    /// Asked; `prior` look-ups of it failed before.
    Pending {
        prior: u32,
    },
    Known(Arc<Described>),
    Failed {
        at: Instant,
        attempts: u32,
    },
}

/// Container metadata looked up beside the event loop.
///
/// Dropping it lets the worker end after its current call (it is not
/// waited for: a runtime that hangs delays nothing but itself).
#[derive(Debug)]
pub struct Resolver {
    requests: SyncSender<String>,
    replies: Receiver<(String, Outcome)>,
    entries: HashMap<String, Entry>,
    /// Cached answers to hand out at the next [`Resolver::poll`].
    ready: Vec<(String, Arc<Described>)>,
    stats: LookupStats,
    config: ResolverConfig,
    /// Whether the host's lack of any runtime socket was logged.
    told_no_runtime: bool,
    /// Whether the worker's end was logged.
    told_gone: bool,
}

impl Resolver {
    /// Starts the worker thread.
    pub fn start(config: ResolverConfig) -> std::io::Result<Resolver> {
        let (requests, jobs) = mpsc::sync_channel::<String>(QUEUE);
        // Unbounded by type, bounded in fact: one reply per request, and
        // at most QUEUE requests plus one in hand are outstanding.
        let (answer, replies) = mpsc::channel();
        let runtimes = config.runtimes.clone();
        let timeout = config.timeout;
        std::thread::Builder::new()
            .name("sf-runtimes".into())
            .spawn(move || work(&jobs, &answer, &runtimes, timeout))?;
        let present: Vec<String> = config
            .runtimes
            .iter()
            .filter(|r| r.path().exists())
            .map(|r| r.path().display().to_string())
            .collect();
        info!(
            runtimes = %present.join(", "),
            timeout_s = config.timeout.as_secs_f64(),
            "container metadata from the runtimes"
        );
        Ok(Resolver {
            requests,
            replies,
            entries: HashMap::new(),
            ready: Vec::new(),
            stats: LookupStats::default(),
            config,
            told_no_runtime: false,
            told_gone: false,
        })
    }

    /// Asks about container `id` (the 12-digit id the records carry) unless
    /// it is being asked already, or known (then its metadata comes back at
    /// the next [`Resolver::poll`]), or failed too recently or too often.
    pub fn request(&mut self, id: &str) {
        match self.entries.get(id) {
            Some(Entry::Pending { .. }) => return,
            Some(Entry::Known(meta)) => {
                self.stats.cached += 1;
                self.ready.push((id.to_owned(), Arc::clone(meta)));
                return;
            }
            Some(Entry::Failed { at, attempts })
                if *attempts >= self.config.attempts || at.elapsed() < self.config.retry_after =>
            {
                return;
            }
            Some(Entry::Failed { .. }) | None => {}
        }
        match self.requests.try_send(id.to_owned()) {
            Ok(()) => {
                self.stats.requested += 1;
                let prior = match self.entries.get(id) {
                    Some(Entry::Failed { attempts, .. }) => *attempts,
                    _ => 0,
                };
                self.entries.insert(id.to_owned(), Entry::Pending { prior });
                self.bound();
            }
            Err(TrySendError::Full(_)) => self.stats.dropped += 1,
            Err(TrySendError::Disconnected(_)) => {
                self.stats.failed += 1;
                if !self.told_gone {
                    self.told_gone = true;
                    warn!("the container metadata worker has stopped; containers stay incomplete");
                }
            }
        }
    }

    /// The containers described since the last call, by the id they were
    /// asked for: answers that arrived, and cached ones asked for again.
    pub fn poll(&mut self) -> Vec<(String, Arc<Described>)> {
        let mut out = std::mem::take(&mut self.ready);
        // An ended worker (Disconnected) leaves nothing to take either.
        while let Ok((id, outcome)) = self.replies.try_recv() {
            let attempts = match self.entries.get(&id) {
                Some(Entry::Pending { prior }) => prior + 1,
                _ => 1,
            };
            let failed = |entries: &mut HashMap<String, Entry>| {
                entries.insert(
                    id.clone(),
                    Entry::Failed {
                        at: Instant::now(),
                        attempts,
                    },
                );
            };
            match outcome {
                Outcome::Found(described) => {
                    self.stats.answered += 1;
                    debug!(container = %id, name = %described.meta.name, "container described");
                    let meta = Arc::new(*described);
                    self.entries
                        .insert(id.clone(), Entry::Known(Arc::clone(&meta)));
                    out.push((id, meta));
                }
                Outcome::NotFound => {
                    self.stats.not_found += 1;
                    if attempts == 1 {
                        warn!(container = %id, "no container runtime knows this container; it stays incomplete");
                    }
                    failed(&mut self.entries);
                }
                Outcome::NoRuntime => {
                    self.stats.failed += 1;
                    if !self.told_no_runtime {
                        self.told_no_runtime = true;
                        let sockets: Vec<String> = self
                            .config
                            .runtimes
                            .iter()
                            .map(|r| r.path().display().to_string())
                            .collect();
                        warn!(
                            sockets = %sockets.join(", "),
                            "no container runtime socket found; containers stay incomplete"
                        );
                    }
                    failed(&mut self.entries);
                }
                Outcome::Failed(e) => {
                    if matches!(e, RuntimeError::Timeout { .. }) {
                        self.stats.timed_out += 1;
                    } else {
                        self.stats.failed += 1;
                    }
                    if attempts == 1 {
                        warn!(
                            container = %id,
                            error = %crate::error::chain(&e),
                            "container metadata look-up failed; the container stays incomplete"
                        );
                    }
                    failed(&mut self.entries);
                }
            }
        }
        out
    }

    /// Forgets containers not in `in_use` (by their 12-digit ids): gone
    /// containers leave the cache, and one seen again is asked again.
    pub fn retain(&mut self, in_use: &std::collections::HashSet<String>) {
        self.entries
            .retain(|id, e| matches!(e, Entry::Pending { .. }) || in_use.contains(id));
    }

    /// The cached answers, by the id they were asked for.
    pub fn cached(&self) -> impl Iterator<Item = (&str, &Described)> + '_ {
        self.entries.iter().filter_map(|(id, e)| match e {
            Entry::Known(described) => Some((id.as_str(), described.as_ref())),
            _ => None,
        })
    }

    /// The counters so far.
    pub fn stats(&self) -> LookupStats {
        self.stats
    }

    /// Keeps the cache within its capacity: failures go first, then answers.
    fn bound(&mut self) {
        if self.entries.len() <= self.config.capacity {
            return;
        }
        let target = self.config.capacity - self.config.capacity / 8;
        let mut victims: Vec<String> = self
            .entries
            .iter()
            .filter(|(_, e)| matches!(e, Entry::Failed { .. }))
            .map(|(id, _)| id.clone())
            .collect();
        victims.extend(
            self.entries
                .iter()
                .filter(|(_, e)| matches!(e, Entry::Known(_)))
                .map(|(id, _)| id.clone()),
        );
        let excess = self.entries.len().saturating_sub(target);
        for id in victims.into_iter().take(excess) {
            self.entries.remove(&id);
            self.stats.evicted += 1;
        }
    }
}

/// The worker: one look-up at a time until the resolver is dropped.
fn work(
    jobs: &Receiver<String>,
    answer: &mpsc::Sender<(String, Outcome)>,
    runtimes: &[RuntimeSocket],
    timeout: Duration,
) {
    let mut clients: Vec<Client> = runtimes.iter().map(|r| Client::new(r, timeout)).collect();
    while let Ok(id) = jobs.recv() {
        let outcome = look_up(&mut clients, &id);
        if answer.send((id, outcome)).is_err() {
            return;
        }
    }
}

/// Asks each runtime whose socket exists, in order, until one knows `id`.
/// A failure is reported only when no later runtime knows the container.
fn look_up(clients: &mut [Client], id: &str) -> Outcome {
    let mut failure = None;
    let mut asked = false;
    for client in clients.iter_mut() {
        if !client.path().exists() {
            continue;
        }
        asked = true;
        match client.inspect(id) {
            // The event's JSON is made here, off the event loop.
            Ok(meta) => {
                let json = meta.sinsp_json(id);
                return Outcome::Found(Box::new(Described { meta, json }));
            }
            Err(RuntimeError::NotFound { .. }) => {}
            Err(e) => {
                debug!(container = %id, socket = %client.path().display(), error = %e, "look-up failed");
                failure.get_or_insert(e);
            }
        }
    }
    match (failure, asked) {
        (Some(e), _) => Outcome::Failed(e),
        (None, true) => Outcome::NotFound,
        (None, false) => Outcome::NoRuntime,
    }
}

/// A client of one runtime socket.
enum Client {
    Docker(DockerClient),
    Cri(crate::CriClient),
}

impl Client {
    fn new(socket: &RuntimeSocket, timeout: Duration) -> Client {
        match socket {
            RuntimeSocket::Docker(path, kind) => {
                Client::Docker(DockerClient::new(path.clone(), *kind, timeout))
            }
            RuntimeSocket::Cri(path) => Client::Cri(crate::CriClient::new(path.clone(), timeout)),
        }
    }

    fn path(&self) -> &Path {
        match self {
            Client::Docker(c) => c.socket(),
            Client::Cri(c) => c.socket(),
        }
    }

    fn inspect(&mut self, id: &str) -> Result<ContainerMeta, RuntimeError> {
        match self {
            Client::Docker(c) => c.inspect(id),
            Client::Cri(c) => c.inspect(id),
        }
    }
}
