//! File entities: written once per segment before the first record that
//! references them, identified by the SHA-1 of container id and path.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use sha1::{Digest, Sha1};
use sysflow_types::{File, Foid, SfObjectState};

use crate::bounds::least_recent;
use crate::emit::Emitter;
use crate::process::Processes;
use crate::state::State;

/// Boxed record: a flow event's lookup reads only `written` and the key, so
/// table slots stay small (40 bytes instead of 128) and a lookup touches one
/// cache line; under `tar | cat` the table held 46k files and its misses were
/// a tenth of the collector's time.
#[derive(Debug, Clone)]
struct CachedFile {
    rec: Box<File>,
    written: bool,
    /// When it was last looked up by path or written ([`Files::uses`]),
    /// for the cache's bound.
    last_used: u64,
}

/// Files written so far, by FOID (which is the SHA-1 of their key,
/// container id + path, so one maps to the other).
#[derive(Debug, Default)]
pub(crate) struct Files {
    cache: FxHashMap<Foid, CachedFile>,
    /// The digests of the last few paths looked up (see [`Files::digest`]).
    recent: Vec<RecentDigest>,
    /// The slot of `recent` the next new digest replaces, once it is full.
    recent_next: usize,
    /// Counts output segments and evictions: a file returned by
    /// [`Files::get`] stays written (and cached) until the generation
    /// changes, so that an fd that knows its file's FOID from this
    /// generation may skip the cache.
    generation: u64,
    /// Counts lookups by path: the clock of [`CachedFile::last_used`].
    uses: u64,
}

/// How many recent path digests [`Files::digest`] keeps.
const RECENT_DIGESTS: usize = 8;

/// A path's FOID, kept for the next open of the same path.
#[derive(Debug)]
struct RecentDigest {
    container_id: Box<str>,
    path: Arc<str>,
    foid: Foid,
}

/// The FOID of a file: SHA-1 over the container id (empty on the host) and the path.
pub(crate) fn foid(container_id: &str, path: &str) -> Foid {
    let mut h = Sha1::new();
    h.update(container_id.as_bytes());
    h.update(path.as_bytes());
    Foid(h.finalize().into())
}

impl Files {
    /// The current generation: a file [`Files::get`] returned stays
    /// written and cached until this changes (a new segment, an eviction).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// [`foid`], from the few paths looked up last when it is one of them.
    ///
    /// A process mostly opens a handful of files again and again (a server
    /// its pages, a loader its libraries): a replay of a web server spent
    /// a twentieth of its time hashing the same few paths. A table of every
    /// path was slower than hashing (its lookups missed the cache, and it
    /// grew with the host's files); these few entries are compared by
    /// length first, so a path not among them costs a few compares.
    fn digest(&mut self, container_id: &str, path: &Arc<str>) -> Foid {
        if let Some(r) = self
            .recent
            .iter()
            .find(|r| *r.path == **path && *r.container_id == *container_id)
        {
            return r.foid;
        }
        let oid = foid(container_id, path);
        let entry = RecentDigest {
            container_id: container_id.into(),
            path: Arc::clone(path),
            foid: oid,
        };
        if self.recent.len() < RECENT_DIGESTS {
            self.recent.push(entry);
        } else if let Some(slot) = self.recent.get_mut(self.recent_next) {
            *slot = entry;
            self.recent_next = (self.recent_next + 1) % RECENT_DIGESTS;
        }
        oid
    }

    /// `known` if it names a file already written in this segment: then
    /// [`Files::get`] would return it without looking at the path.
    fn written(&self, known: Option<Foid>) -> Option<Foid> {
        known.filter(|oid| self.cache.get(oid).is_some_and(|c| c.written))
    }

    /// Makes sure the file `path` seen by thread `tid` is written in this
    /// segment; returns its FOID.
    #[allow(clippy::too_many_arguments)]
    pub fn get(
        &mut self,
        state: &State,
        procs: &mut Processes,
        tid: i64,
        path: &Arc<str>,
        known: Option<Foid>,
        type_char: u8,
        requested: SfObjectState,
        ts: u64,
        out: &mut Emitter,
    ) -> Foid {
        // The common case, a flow event on an fd whose file is written: no hashing.
        if let Some(oid) = self.written(known) {
            return oid;
        }
        let thread_container = state
            .threads
            .get(&tid)
            .map_or("", |t| t.container_id.as_str());
        let oid = self.digest(thread_container, path);
        self.uses += 1;
        if let Some(c) = self.cache.get_mut(&oid) {
            c.last_used = self.uses;
            if !c.written {
                c.rec.state = SfObjectState::Reup;
                if let Some(cid) = c.rec.container_id.clone() {
                    procs.write_container(state, &cid, out);
                }
                out.push((*c.rec).clone());
                c.written = true;
            }
            return c.rec.oid;
        }
        let main_container = state
            .main_thread(tid)
            .map(|t| t.container_id.clone())
            .unwrap_or_default();
        let rec = File {
            state: requested,
            oid,
            ts: ts as i64,
            restype: i32::from(type_char),
            path: path.to_string(),
            container_id: (!main_container.is_empty()).then_some(main_container),
        };
        if let Some(cid) = rec.container_id.clone() {
            procs.write_container(state, &cid, out);
        }
        out.push(rec.clone());
        self.cache.insert(
            oid,
            CachedFile {
                rec: Box::new(rec),
                written: true,
                last_used: self.uses,
            },
        );
        oid
    }

    /// Writes a cached file again (as REUP) if it is unwritten in this
    /// segment, before a flow that refers to it is written on its own
    /// (periodic export, exit, end of input).
    pub fn export(&mut self, state: &State, procs: &mut Processes, oid: Foid, out: &mut Emitter) {
        let Some(c) = self.cache.get_mut(&oid) else {
            return;
        };
        if c.written {
            return;
        }
        c.rec.state = SfObjectState::Reup;
        c.written = true;
        let rec = (*c.rec).clone();
        if let Some(cid) = rec.container_id.clone() {
            procs.write_container(state, &cid, out);
        }
        out.push(rec);
    }

    /// Files cached.
    #[inline]
    pub fn len(&self) -> usize {
        self.cache.len()
    }

    /// Forgets the files looked up least recently that are not `in_use`,
    /// down to `keep` cached (or as near as the files in use allow), for
    /// the cache's bound: one is written again before its next reference.
    /// Returns how many went.
    pub fn evict(&mut self, keep: usize, in_use: impl Fn(&Foid) -> bool) -> u64 {
        let all: Vec<(u64, Foid)> = self
            .cache
            .iter()
            .filter(|(oid, _)| !in_use(oid))
            .map(|(oid, c)| (c.last_used, *oid))
            .collect();
        let n = self.cache.len().saturating_sub(keep);
        let mut gone = 0;
        for oid in least_recent(all, n) {
            self.cache.remove(&oid);
            gone += 1;
        }
        // Fds that knew their files from this generation must ask again:
        // theirs may be gone, and a flow on one must find its file cached
        // when a new segment writes it again.
        self.generation += 1;
        gone
    }

    /// A new segment: every file is written again before its next reference.
    ///
    /// Files no open flow refers to leave the cache, as in the reference.
    pub fn new_segment(&mut self, in_use: impl Fn(&Foid) -> bool) {
        self.generation += 1;
        self.cache.retain(|oid, _| in_use(oid));
        for f in self.cache.values_mut() {
            f.written = false;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn foid_is_sha1_of_container_and_path() {
        // sha1("/etc/ld.so.cache"), as the golden outputs hold it.
        assert_eq!(
            super::foid("", "/etc/ld.so.cache").to_string(),
            "8d57b8c634ff3c042c2d003a93f46a7bc6cc86da"
        );
    }

    #[test]
    fn recent_digests_are_the_digests_of_their_own_key() {
        let mut files = super::Files::default();
        let paths: Vec<std::sync::Arc<str>> = (0..20)
            .map(|i| std::sync::Arc::from(format!("/srv/www/page{}.html", i % 11)))
            .collect();
        // Round after round, more paths than are kept, each in and out of a
        // container: every answer is the key's own SHA-1.
        for round in 0..3 {
            for path in &paths {
                for container in ["", "5d146d898ce4"] {
                    assert_eq!(
                        files.digest(container, path),
                        super::foid(container, path),
                        "round {round}: {container}:{path}"
                    );
                }
            }
        }
        assert_eq!(files.recent.len(), super::RECENT_DIGESTS);
    }
}
