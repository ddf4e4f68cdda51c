//! The cgroup lists of threads seen in execve and clone exits.
//!
//! The probe cannot afford to build the list (walking the cgroup tree made
//! the verifier reject the syscall program), so it sends a key of two ids
//! that are never reused (see `sf_cgroup_key` in `bpf/event.h`). The first
//! event with a new key reads the thread's `/proc/TID/cgroup`, in the form
//! the `/proc` scan gives processes listed at start; later events with the
//! same key reuse it, so an exec costs a table lookup. This is how
//! processes started after capture began get their container ids.
//!
//! The read comes after the event, and the thread may have moved to
//! another cgroup in between (a shell that joins a container's cgroup right
//! after its fork, read late on a busy machine). The list read is then
//! checked against the key: the ids are the inode numbers of the cgroups'
//! directories, so the list's paths are looked up under the hierarchies'
//! mount points, and a list whose directories are not the key's is neither
//! used nor cached (it would give the cgroup the thread left, and every
//! later thread of it, the one it joined).

use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
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
    /// Where the key's hierarchies are mounted, to check lists read late.
    mounts: Hierarchies,
    /// `/proc` reads that failed (the thread was gone) or gave another
    /// cgroup than the event's (it had moved): the event keeps an empty
    /// list, and the thread its parent's container.
    pub(crate) unresolved: u64,
}

impl CgroupLists {
    /// Lists for the hierarchies mounted as `/proc/self/mountinfo` says.
    pub(crate) fn new() -> Self {
        let mounts = fs::read("/proc/self/mountinfo")
            .map(|info| Hierarchies::from_mountinfo(&info))
            .unwrap_or_default();
        CgroupLists {
            mounts,
            ..Default::default()
        }
    }

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
                Ok(text) if self.mounts.agree(&key, &text) => {
                    if self.by_key.len() >= MAX_KEYS {
                        self.by_key.clear();
                    }
                    let list: Arc<[u8]> = cgroup_list(&text).into();
                    self.by_key.insert(key, Arc::clone(&list));
                    list
                }
                Ok(_) | Err(_) => {
                    self.unresolved += 1;
                    Arc::from(&[][..])
                }
            },
        };
        ev.replace_param(slot, &list);
    }
}

/// The mount points of the hierarchies whose ids make a key: cgroup v2's
/// and cgroup v1's memory controller, each where its root is mounted.
#[derive(Default, Debug, PartialEq)]
struct Hierarchies {
    unified: Option<PathBuf>,
    memory: Option<PathBuf>,
}

impl Hierarchies {
    /// From `/proc/self/mountinfo` (proc(5)): mounts of a hierarchy's root
    /// only, the first of each.
    fn from_mountinfo(info: &[u8]) -> Self {
        let mut found = Hierarchies::default();
        for line in String::from_utf8_lossy(info).lines() {
            let Some((mount, fs)) = line.split_once(" - ") else {
                continue;
            };
            let mount: Vec<&str> = mount.split(' ').collect();
            let mut fs = fs.split(' ');
            let (Some(root), Some(point)) = (mount.get(3), mount.get(4)) else {
                continue;
            };
            // Paths with spaces are escaped (\040); a cgroup mount has none.
            if *root != "/" || point.contains('\\') {
                continue;
            }
            let (fstype, options) = (fs.next(), fs.nth(1).unwrap_or_default());
            let slot = match fstype {
                Some("cgroup2") => &mut found.unified,
                Some("cgroup") if options.split(',').any(|o| o == "memory") => &mut found.memory,
                _ => continue,
            };
            slot.get_or_insert_with(|| PathBuf::from(point));
        }
        found
    }

    /// Whether `text`, a `/proc/TID/cgroup` file, can be `key`'s: false
    /// only when a cgroup it names has a directory whose inode is not the
    /// key's id (where a path cannot be looked up, e.g. in another cgroup
    /// namespace, the list is taken as it is).
    fn agree(&self, key: &[u8; KEY_LEN], text: &[u8]) -> bool {
        let id = |range: std::ops::Range<usize>| {
            key.get(range)
                .and_then(|b| <[u8; 8]>::try_from(b).ok())
                .map_or(0, u64::from_le_bytes)
        };
        let (unified, memory) = (id(0..8), id(8..16));
        let inode = |mount: &Option<PathBuf>, path: &str| {
            let mount = mount.as_deref()?;
            fs::metadata(mount.join(Path::new(path.trim_start_matches('/'))))
                .ok()
                .map(|m| m.ino())
        };
        for line in String::from_utf8_lossy(text).lines() {
            let mut fields = line.splitn(3, ':');
            let (Some(_), Some(controllers), Some(path)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let (want, mount) = if controllers.is_empty() {
                (unified, &self.unified)
            } else if controllers.split(',').any(|c| c == "memory") {
                (memory, &self.memory)
            } else {
                continue;
            };
            if want != 0 && inode(mount, path).is_some_and(|ino| ino != want) {
                return false;
            }
        }
        true
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

    #[test]
    fn hierarchies_are_found_in_mountinfo() {
        let info = b"31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
36 31 0:33 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
52 40 0:38 /kubepods /var/lib/x rw,relatime - cgroup2 cgroup2 rw
";
        assert_eq!(
            Hierarchies::from_mountinfo(info),
            Hierarchies {
                unified: Some("/sys/fs/cgroup/unified".into()),
                memory: Some("/sys/fs/cgroup/memory".into()),
            }
        );
        assert_eq!(
            Hierarchies::from_mountinfo(b"garbage\n"),
            Hierarchies::default()
        );
    }

    /// A key whose memory id is not the inode of the directory the list
    /// names is a thread that moved: the list is not its event's.
    #[test]
    fn a_list_that_is_not_the_keys_is_refused_and_not_cached() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("docker/abc")).unwrap();
        let ino = std::fs::metadata(root.path().join("docker/abc"))
            .unwrap()
            .ino();
        let mounts = Hierarchies {
            unified: None,
            memory: Some(root.path().to_path_buf()),
        };
        let key = |unified: u64, memory: u64| {
            let mut k = [0; KEY_LEN];
            k[..8].copy_from_slice(&unified.to_le_bytes());
            k[8..].copy_from_slice(&memory.to_le_bytes());
            k
        };
        let text = b"5:devices:/\n4:memory:/docker/abc\n0::/\n";
        assert!(mounts.agree(&key(1, ino), text));
        assert!(!mounts.agree(&key(1, ino + 1), text));
        // No memory id, or a path that cannot be looked up: taken as is.
        assert!(mounts.agree(&key(1, 0), text));
        assert!(mounts.agree(&key(1, ino + 1), b"4:memory:/elsewhere\n"));

        // This thread's list, under a key that cannot be its own (its
        // cgroup v2 path, `0::PATH`, made under a scratch mount point):
        // refused, counted, not cached; under its own key, used and cached.
        let me = u64::from(std::process::id());
        let ours = std::fs::read("/proc/self/cgroup").unwrap();
        let ours_text = String::from_utf8_lossy(&ours).into_owned();
        let path = ours_text
            .lines()
            .find_map(|l| l.strip_prefix("0::"))
            .expect("a cgroup v2 line in /proc/self/cgroup");
        let dir = root.path().join("v2").join(path.trim_start_matches('/'));
        std::fs::create_dir_all(&dir).unwrap();
        let mut lists = CgroupLists {
            mounts: Hierarchies {
                unified: Some(root.path().join("v2")),
                memory: None,
            },
            ..Default::default()
        };
        let (mut moved, slot) = keyed_event(293, me, key(u64::MAX, 0));
        lists.fill(&mut moved);
        assert_eq!(moved.raw_param(slot), Some(&[][..]));
        assert_eq!((lists.unresolved, lists.by_key.len()), (1, 0));
        let real = std::fs::metadata(&dir).unwrap().ino();
        let (mut stayed, _) = keyed_event(293, me, key(real, 0));
        lists.fill(&mut stayed);
        assert_eq!(stayed.raw_param(slot), Some(&cgroup_list(&ours)[..]));
        assert_eq!((lists.unresolved, lists.by_key.len()), (1, 1));
    }
}
