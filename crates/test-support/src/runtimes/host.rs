//! The host state a runtime instance leaves behind, found and removed: its
//! processes, the mounts under its directory, and its cgroup directories.
//!
//! An instance owns a process when it sits in one of the instance's cgroups
//! or names the instance's directory on its command line (the directory's
//! name is random, so no one else's process does); nothing else is ended.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process};

/// Where cgroup hierarchies are mounted.
const CGROUP_ROOT: &str = "/sys/fs/cgroup";

/// How long ended processes and busy cgroups get before giving up.
const CLEANUP_TIMEOUT: Duration = Duration::from_secs(30);

/// What remains on this machine of an instance with directory `dir` and
/// cgroup parent `cgroup_parent` (without a leading `/`), one line each:
/// processes naming `dir` or in the cgroups, mounts under `dir`, cgroup
/// directories named `cgroup_parent` in any hierarchy, and `dir` itself.
/// Empty once a [`Dockerd`](super::Dockerd) or [`Podman`](super::Podman)
/// was dropped.
pub fn leftovers(dir: &Path, cgroup_parent: &str) -> Vec<String> {
    let mut found = Vec::new();
    for pid in owned_processes(dir, &cgroup_dirs(cgroup_parent)) {
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        found.push(format!("process {pid}: {}", cmdline.trim_end()));
    }
    for mount in mounts_under(dir) {
        found.push(format!("mount {}", mount.display()));
    }
    for cgroup in cgroup_dirs(cgroup_parent) {
        found.push(format!("cgroup {}", cgroup.display()));
    }
    if dir.exists() {
        found.push(format!("directory {}", dir.display()));
    }
    found
}

/// Ends the processes the instance at `dir` owns, those in `cgroups` (and
/// below) or naming `dir`: TERM, then KILL for those still there after a
/// while.
pub(crate) fn end_processes(dir: &Path, cgroups: &[PathBuf]) {
    if owned_processes(dir, cgroups).is_empty() {
        return;
    }
    for pid in owned_processes(dir, cgroups) {
        signal(pid, Signal::TERM);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline && !owned_processes(dir, cgroups).is_empty() {
        std::thread::sleep(Duration::from_millis(100));
    }
    let deadline = Instant::now() + CLEANUP_TIMEOUT;
    loop {
        let left = owned_processes(dir, cgroups);
        if left.is_empty() {
            return;
        }
        if Instant::now() >= deadline {
            eprintln!(
                "warning: processes {left:?} of {} outlived KILL",
                dir.display()
            );
            return;
        }
        for pid in left {
            signal(pid, Signal::KILL);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn signal(pid: i32, sig: Signal) {
    if let Some(pid) = Pid::from_raw(pid) {
        let _ = kill_process(pid, sig);
    }
}

/// Unmounts everything mounted under `dir`, the deepest first, lazily (a
/// busy mount goes once its last user does).
pub(crate) fn unmount_under(dir: &Path) {
    let mut mounts = mounts_under(dir);
    mounts.sort_by_key(|m| std::cmp::Reverse(m.components().count()));
    for mount in mounts {
        if let Err(e) = rustix::mount::unmount(&mount, rustix::mount::UnmountFlags::DETACH) {
            eprintln!("warning: cannot unmount {}: {e}", mount.display());
        }
    }
}

/// Removes the cgroup directory `/<cgroup_parent>` of every hierarchy, its
/// children first, retrying while the kernel still holds a cgroup whose
/// last process just ended.
pub(crate) fn remove_cgroups(cgroup_parent: &str) {
    for dir in cgroup_dirs(cgroup_parent) {
        remove_cgroup_tree(&dir);
    }
}

/// Removes one cgroup directory and its children, children first.
pub(crate) fn remove_cgroup_tree(dir: &Path) {
    let children: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    for child in children {
        remove_cgroup_tree(&child);
    }
    let deadline = Instant::now() + CLEANUP_TIMEOUT;
    loop {
        match std::fs::remove_dir(dir) {
            Ok(()) => return,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(e) if Instant::now() >= deadline => {
                eprintln!("warning: cannot remove cgroup {}: {e}", dir.display());
                return;
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// The existing directories `/<cgroup_parent>` of every cgroup hierarchy
/// (cgroup v1's per-controller ones, and a v2 root), each hierarchy once.
pub(crate) fn cgroup_dirs(cgroup_parent: &str) -> Vec<PathBuf> {
    let relative = cgroup_parent.trim_start_matches('/');
    if relative.is_empty() {
        return Vec::new();
    }
    let root = Path::new(CGROUP_ROOT);
    let mut hierarchies = vec![root.to_path_buf()];
    if let Ok(entries) = std::fs::read_dir(root) {
        // Symlinks (cpu -> cpu,cpuacct) name a hierarchy listed already.
        hierarchies.extend(
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path()),
        );
    }
    hierarchies
        .into_iter()
        .map(|h| h.join(relative))
        .filter(|d| d.is_dir())
        .collect()
}

/// Processes (not this one) in `cgroups` or below, or naming `dir`.
fn owned_processes(dir: &Path, cgroups: &[PathBuf]) -> Vec<i32> {
    let me = std::process::id() as i32;
    let mut pids = Vec::new();
    for cgroup in cgroups {
        collect_cgroup_procs(cgroup, &mut pids);
    }
    let needle = dir.as_os_str().as_encoded_bytes();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<i32>().ok())
            else {
                continue;
            };
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            if !needle.is_empty() && cmdline.windows(needle.len()).any(|w| w == needle) {
                pids.push(pid);
            }
        }
    }
    pids.sort_unstable();
    pids.dedup();
    pids.retain(|&p| p != me && Path::new(&format!("/proc/{p}")).exists());
    pids
}

fn collect_cgroup_procs(cgroup: &Path, pids: &mut Vec<i32>) {
    if let Ok(text) = std::fs::read_to_string(cgroup.join("cgroup.procs")) {
        pids.extend(text.lines().filter_map(|l| l.trim().parse::<i32>().ok()));
    }
    if let Ok(entries) = std::fs::read_dir(cgroup) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                collect_cgroup_procs(&entry.path(), pids);
            }
        }
    }
}

/// Mount points at or under `dir` in this process's mount namespace.
fn mounts_under(dir: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    text.lines()
        .filter_map(|line| line.split(' ').nth(4))
        .map(|point| PathBuf::from(unescape_octal(point)))
        .filter(|point| point.starts_with(dir))
        .collect()
}

/// mountinfo's escapes (`\040` for a space, and so on) undone.
pub(super) fn unescape_octal(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes
            .get(i + 1..i + 4)
            .filter(|d| bytes[i] == b'\\' && d.iter().all(|c| (b'0'..=b'7').contains(c)));
        match octal {
            Some(d) => {
                out.push(d.iter().fold(0u8, |n, c| n.wrapping_mul(8) + (c - b'0')));
                i += 4;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
