//! The cgroup lists of threads seen in execve and clone exits.
//!
//! The probe cannot afford to build the list (walking the cgroup tree made
//! the verifier reject the syscall program), so it sends a key of two ids
//! that are never reused (see `sf_cgroup_key` in `bpf/event.h`). The first
//! event with a new key reads the thread's `/proc/TID/cgroup`, in the form
//! the `/proc` scan gives processes listed at start; later events with the
//! same key reuse it, so an exec costs a table lookup. This is how
//! processes started after capture began get their container ids.

use std::collections::HashMap;
use std::fs;
use std::sync::Arc;

use crate::abi;
use crate::event::Event;

use super::event_gen::sf_cgroup_key;
use super::proc_scan::cgroup_list;

/// Keys kept; beyond this the table starts over (each key is one cgroup
/// set, so only a host that churns through many containers gets there).
const MAX_KEYS: usize = 4096;
/// Size of the key in the event.
const KEY_LEN: usize = std::mem::size_of::<sf_cgroup_key>();

/// Cgroup lists by key.
#[derive(Default)]
pub(crate) struct CgroupLists {
    by_key: HashMap<[u8; KEY_LEN], Arc<[u8]>>,
    /// `/proc` reads that failed (the thread was gone): the event keeps an
    /// empty list, and the thread its parent's container.
    pub(crate) unresolved: u64,
}

impl CgroupLists {
    /// Replaces the key in `ev`'s `cgroups` parameter with the list it
    /// names; events without one are left alone.
    pub(crate) fn fill(&mut self, ev: &mut Event) {
        let Some(slot) = cgroups_slot(ev.event_type) else {
            return;
        };
        let Some(key) = ev
            .raw_param(slot)
            .and_then(|raw| <[u8; KEY_LEN]>::try_from(raw).ok())
        else {
            return;
        };
        let list = match self.by_key.get(&key) {
            Some(list) => Arc::clone(list),
            None => match fs::read(format!("/proc/{}/cgroup", ev.tid)) {
                Ok(text) => {
                    if self.by_key.len() >= MAX_KEYS {
                        self.by_key.clear();
                    }
                    let list: Arc<[u8]> = cgroup_list(&text).into();
                    self.by_key.insert(key, Arc::clone(&list));
                    list
                }
                Err(_) => {
                    self.unresolved += 1;
                    Arc::from(&[][..])
                }
            },
        };
        ev.replace_param(slot, &list);
    }
}

/// The `cgroups` slot of the events the probe puts a key in.
fn cgroups_slot(event_type: u16) -> Option<usize> {
    // execve 19, execveat, clone 20, fork 20, vfork 20, clone3 exits.
    const KEYED: [u16; 6] = [293, 331, 223, 225, 227, 335];
    if !KEYED.contains(&event_type) {
        return None;
    }
    abi::event_info(event_type)?
        .params
        .iter()
        .position(|p| p.name == "cgroups")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyed_event(ty: u16, tid: u64, key: [u8; KEY_LEN]) -> (Event, usize) {
        let slot = cgroups_slot(ty).expect("a keyed event type");
        let n = abi::event_info(ty).unwrap().params.len();
        let values: Vec<Vec<u8>> = (0..n)
            .map(|i| if i == slot { key.to_vec() } else { vec![7; 2] })
            .collect();
        let refs: Vec<&[u8]> = values.iter().map(Vec::as_slice).collect();
        (Event::new(1, tid, 0, ty, &refs), slot)
    }

    #[test]
    fn a_key_becomes_this_threads_cgroup_list_and_is_reused() {
        let me = u64::from(std::process::id());
        let expected = cgroup_list(&fs::read("/proc/self/cgroup").unwrap());
        assert!(!expected.is_empty());
        let mut lists = CgroupLists::default();
        let (mut ev, slot) = keyed_event(293, me, [1; KEY_LEN]);
        lists.fill(&mut ev);
        assert_eq!(ev.raw_param(slot), Some(&expected[..]));
        // The other parameters are untouched.
        assert_eq!(ev.raw_param(slot - 1), Some(&[7, 7][..]));
        assert_eq!(ev.raw_param(slot + 1), Some(&[7, 7][..]));
        // Same key, a thread that does not exist: the cached list.
        let (mut again, _) = keyed_event(223, u64::from(u32::MAX), [1; KEY_LEN]);
        lists.fill(&mut again);
        assert_eq!(again.raw_param(slot), Some(&expected[..]));
        // A new key for a thread that does not exist: empty, and counted.
        let (mut gone, _) = keyed_event(335, u64::from(u32::MAX), [2; KEY_LEN]);
        lists.fill(&mut gone);
        assert_eq!(gone.raw_param(slot), Some(&[][..]));
        assert_eq!(lists.unresolved, 1);
    }

    #[test]
    fn other_events_are_left_alone() {
        let mut lists = CgroupLists::default();
        let mut close = Event::new(1, 1, 0, 5, &[&[0; 8], &[0; KEY_LEN]]);
        lists.fill(&mut close);
        assert_eq!(close.raw_param(1), Some(&[0; KEY_LEN][..]));
    }
}
