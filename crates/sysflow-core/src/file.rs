//! File entities: written once per segment before the first record that
//! references them, identified by the SHA-1 of container id and path.

use std::collections::BTreeMap;

use sha1::{Digest, Sha1};
use sysflow_types::{File, Foid, SfObjectState};

use crate::emit::Emitter;
use crate::process::Processes;
use crate::state::State;

#[derive(Debug, Clone)]
struct CachedFile {
    rec: File,
    written: bool,
}

/// Files written so far, by container id + path.
#[derive(Debug, Default)]
pub(crate) struct Files {
    cache: BTreeMap<String, CachedFile>,
}

/// The FOID of a file: SHA-1 over the container id (empty on the host) and the path.
pub(crate) fn foid(container_id: &str, path: &str) -> Foid {
    let mut h = Sha1::new();
    h.update(container_id.as_bytes());
    h.update(path.as_bytes());
    Foid(h.finalize().into())
}

impl Files {
    /// Makes sure the file `path` seen by thread `tid` is written in this
    /// segment; returns its FOID.
    #[allow(clippy::too_many_arguments)]
    pub fn get(
        &mut self,
        state: &State,
        procs: &mut Processes,
        tid: i64,
        path: &str,
        type_char: u8,
        requested: SfObjectState,
        ts: u64,
        out: &mut Emitter,
    ) -> Foid {
        let thread_container = state
            .threads
            .get(&tid)
            .map(|t| t.container_id.clone())
            .unwrap_or_default();
        let key = format!("{thread_container}{path}");
        if let Some(c) = self.cache.get_mut(&key) {
            if !c.written {
                let mut rec = c.rec.clone();
                rec.state = SfObjectState::Reup;
                if let Some(cid) = rec.container_id.clone() {
                    procs.write_container(state, &cid, out);
                }
                out.push(rec.clone());
                c.rec = rec;
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
            oid: foid(&thread_container, path),
            ts: ts as i64,
            restype: i32::from(type_char),
            path: path.to_owned(),
            container_id: (!main_container.is_empty()).then_some(main_container),
        };
        if let Some(cid) = rec.container_id.clone() {
            procs.write_container(state, &cid, out);
        }
        out.push(rec.clone());
        let oid = rec.oid;
        self.cache.insert(key, CachedFile { rec, written: true });
        oid
    }

    /// A new segment: every file is written again before its next reference.
    ///
    /// Files no open flow refers to leave the cache, as in the reference.
    pub fn new_segment(&mut self, in_use: impl Fn(&Foid) -> bool) {
        self.cache.retain(|_, f| in_use(&f.rec.oid));
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
}
