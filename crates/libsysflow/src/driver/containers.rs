//! Live capture's container metadata: the ids the processor could not
//! describe go to the runtimes' resolver, and its answers come back as the
//! container events libsinsp would have put in the stream.

use std::collections::VecDeque;

use sysflow_capture::Event;
use sysflow_core::Processor;
use sysflow_runtimes::{LookupStats, Resolver, ResolverConfig};
use tracing::{info, warn};

/// How often containers no thread runs in are forgotten (s).
const FORGET_EVERY: u64 = 60;

/// The resolver, and the container events waiting to enter the stream.
pub(super) struct Containers {
    resolver: Resolver,
    /// Synthesized events, fed to the processor (and the saved capture)
    /// before the next event read from the probe.
    pub injected: VecDeque<Event>,
    last_forget: u64,
}

impl Containers {
    /// Starts the resolver; `None` (logged) if its thread cannot start,
    /// and containers then stay `incomplete`.
    pub fn start(config: ResolverConfig, now_secs: u64) -> Option<Containers> {
        match Resolver::start(config) {
            Ok(resolver) => Some(Containers {
                resolver,
                injected: VecDeque::new(),
                last_forget: now_secs,
            }),
            Err(e) => {
                warn!(error = %e, "cannot start the container metadata thread; containers stay incomplete");
                None
            }
        }
    }

    /// Hands the ids the processor wrote `incomplete` to the resolver and
    /// queues a container event, stamped `ts` (the last event's time, so
    /// the stream stays in order), for each answer. Never blocks.
    pub fn exchange(&mut self, processor: &mut Processor, ts: u64, now_secs: u64) {
        for id in processor.take_unknown_containers() {
            self.resolver.request(&id);
        }
        for (_, described) in self.resolver.poll() {
            self.injected
                .push_back(Event::container_json(ts, &described.json));
        }
        if now_secs.saturating_sub(self.last_forget) >= FORGET_EVERY {
            self.last_forget = now_secs;
            self.resolver.retain(&processor.containers_in_use());
        }
    }

    /// Container events for every container described and still cached,
    /// for a new file of the saved capture to replay on its own.
    pub fn described(&self, ts: u64) -> Vec<Event> {
        let mut ids: Vec<(&str, _)> = self.resolver.cached().collect();
        ids.sort_unstable_by_key(|(id, _)| *id);
        ids.into_iter()
            .map(|(_, described)| Event::container_json(ts, &described.json))
            .collect()
    }

    /// The look-ups' counters, logged if any was made.
    pub fn finish(self) -> LookupStats {
        let s = self.resolver.stats();
        if s.requested + s.dropped > 0 {
            info!(
                requested = s.requested,
                answered = s.answered,
                not_found = s.not_found,
                timed_out = s.timed_out,
                failed = s.failed,
                dropped = s.dropped,
                "container look-ups"
            );
        }
        s
    }
}
