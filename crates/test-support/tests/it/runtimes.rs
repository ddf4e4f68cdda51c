//! The private runtimes, for real: containers run under the instance's
//! cgroup parent, instances keep apart, and nothing of an instance is left
//! after it is dropped, also when its test panics midway.

use std::path::{Path, PathBuf};

use sysflow_test_support::runtimes::{Dockerd, Podman, leftovers};
use sysflow_test_support::{skip, under_ci};

/// The cgroup paths of process `pid`, one per hierarchy.
fn cgroups_of(pid: i64) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/cgroup")).expect("cgroup")
}

fn assert_nothing_left(dir: &Path, cgroup_parent: &str) {
    let left = leftovers(dir, cgroup_parent);
    assert!(left.is_empty(), "left behind: {left:#?}");
}

#[test]
fn dockerd_runs_containers_under_its_cgroup_parent_and_leaves_nothing() {
    let Some(d) = Dockerd::start_or_skip() else {
        return;
    };
    let (dir, parent) = (d.dir().to_path_buf(), d.cgroup_parent().to_owned());
    let image = d.import_busybox("sf-busybox:harness");
    assert!(image.starts_with("sha256:"), "{image}");
    let id = d.run(&[
        "--name",
        "sf-harness",
        "sf-busybox:harness",
        "/bin/sleep",
        "60",
    ]);
    let v = d.inspect(&id);
    assert_eq!(v["Name"], "/sf-harness");
    let pid = v["State"]["Pid"].as_i64().expect("pid");
    let cgroups = cgroups_of(pid);
    assert!(cgroups.contains(&format!(":/{parent}/{id}\n")), "{cgroups}");
    let quick = d.run(&["sf-busybox:harness", "/bin/sh", "-c", "exit 3"]);
    assert_eq!(d.wait(&quick), 3);
    assert!(d.try_docker(&["inspect", "sf-nonesuch"]).is_err());
    assert!(!leftovers(&dir, &parent).is_empty());
    drop(d);
    assert_nothing_left(&dir, &parent);
}

#[test]
fn podman_runs_containers_under_its_cgroup_parent_and_leaves_nothing() {
    let Some(p) = Podman::start_or_skip() else {
        return;
    };
    let (dir, parent) = (p.dir().to_path_buf(), p.cgroup_parent().to_owned());
    let rootfs = p.rootfs();
    let rootfs = rootfs.to_str().expect("utf-8");
    let id = p.run(&[
        "--name",
        "sf-harness",
        "--rootfs",
        rootfs,
        "/bin/sleep",
        "60",
    ]);
    let v = p.inspect(&id);
    assert_eq!(v["Name"], "sf-harness");
    let pid = v["State"]["Pid"].as_i64().expect("pid");
    let cgroups = cgroups_of(pid);
    assert!(
        cgroups.contains(&format!(":/{parent}/libpod-{id}\n")),
        "{cgroups}"
    );
    // The lowered limits of containers.conf, without flags.
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).expect("limits");
    assert!(
        limits
            .lines()
            .any(|l| l.starts_with("Max open files") && l.contains("20000")),
        "{limits}"
    );
    // No network but loopback, or the host's when asked.
    let none = p.run(&[
        "--rootfs",
        rootfs,
        "/bin/sh",
        "-c",
        "test ! -e /sys/class/net/eth0",
    ]);
    assert_eq!(p.wait(&none), 0);
    let host = p.run(&["--network=host", "--rootfs", rootfs, "/bin/true"]);
    assert_eq!(p.wait(&host), 0);
    let image = p.import_busybox("localhost/sf-busybox:harness");
    assert!(image.starts_with("sha256:"), "{image}");
    let privileged = p.run(&[
        "--privileged",
        "localhost/sf-busybox:harness",
        "/bin/sleep",
        "60",
    ]);
    assert_eq!(p.inspect(&privileged)["HostConfig"]["Privileged"], true);
    drop(p);
    assert_nothing_left(&dir, &parent);
}

/// Starts two of a runtime at once (threads), runs a container of the same
/// name in each, and checks each sees only its own, then that dropping them
/// leaves nothing.
fn two_at_once<R: Send + 'static>(
    start: fn() -> Result<R, String>,
    run_named: fn(&R) -> String,
    ids: fn(&R) -> String,
    place: fn(&R) -> (PathBuf, String),
) {
    let started: Vec<_> = (0..2).map(|_| std::thread::spawn(start)).collect();
    let instances: Vec<R> = started
        .into_iter()
        .map(|t| t.join().expect("thread").expect("start"))
        .collect();
    let started_ids: Vec<String> = instances.iter().map(run_named).collect();
    for (r, id) in instances.iter().zip(&started_ids) {
        assert_eq!(ids(r), *id);
    }
    let places: Vec<(PathBuf, String)> = instances.iter().map(place).collect();
    assert_ne!(places[0], places[1]);
    drop(instances);
    for (dir, parent) in places {
        assert_nothing_left(&dir, &parent);
    }
}

#[test]
fn two_dockerds_at_once_keep_apart() {
    if let Some(reason) = Dockerd::unavailable() {
        assert!(!under_ci(), "CI must be able to run dockerd: {reason}");
        skip(format!("needs a private dockerd: {reason}"));
        return;
    }
    two_at_once(
        Dockerd::start,
        |d| {
            d.import_busybox("sf-busybox:twice");
            d.run(&[
                "--name",
                "sf-same-name",
                "sf-busybox:twice",
                "/bin/sleep",
                "60",
            ])
        },
        |d| d.docker(&["ps", "-aq", "--no-trunc"]),
        |d| (d.dir().to_path_buf(), d.cgroup_parent().to_owned()),
    );
}

#[test]
fn two_podmans_at_once_keep_apart() {
    if let Some(reason) = Podman::unavailable() {
        assert!(!under_ci(), "CI must be able to run podman: {reason}");
        skip(format!("needs a private podman: {reason}"));
        return;
    }
    two_at_once(
        Podman::start,
        |p| {
            let rootfs = p.rootfs();
            let rootfs = rootfs.to_str().unwrap();
            p.run(&[
                "--name",
                "sf-same-name",
                "--rootfs",
                rootfs,
                "/bin/sleep",
                "60",
            ])
        },
        |p| p.podman(&["ps", "-aq", "--no-trunc"]),
        |p| (p.dir().to_path_buf(), p.cgroup_parent().to_owned()),
    );
}

#[test]
fn a_test_panicking_midway_leaves_nothing() {
    let Some(p) = Podman::start_or_skip() else {
        return;
    };
    let (dir, parent) = (p.dir().to_path_buf(), p.cgroup_parent().to_owned());
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let rootfs = p.rootfs();
        p.run(&["--rootfs", rootfs.to_str().unwrap(), "/bin/sleep", "60"]);
        p.podman(&["inspect", "sf-nonesuch"]);
    }));
    assert!(panicked.is_err(), "inspecting no container must fail");
    assert_nothing_left(&dir, &parent);
}

#[test]
fn a_bare_podman_run_is_removed_from_libpod_parent() {
    let Some(p) = Podman::start_or_skip() else {
        return;
    };
    // podman's default parent, shared with every podman on the machine: the
    // instance removes its own container's directory there, and this test
    // the parent and its conmon directory when it made them.
    let shared = Path::new("/sys/fs/cgroup/memory/libpod_parent");
    let existed = shared.exists();
    let rootfs = p.rootfs();
    let id = p.podman(&[
        "run",
        "-d",
        "--rootfs",
        rootfs.to_str().unwrap(),
        "/bin/sleep",
        "60",
    ]);
    let ours = shared.join(format!("libpod-{id}"));
    assert!(ours.is_dir(), "{} is missing", ours.display());
    let (dir, parent) = (p.dir().to_path_buf(), p.cgroup_parent().to_owned());
    drop(p);
    assert!(!ours.exists(), "{} is left", ours.display());
    assert_nothing_left(&dir, &parent);
    if !existed {
        for hierarchy in std::fs::read_dir("/sys/fs/cgroup").unwrap().flatten() {
            let _ = std::fs::remove_dir(hierarchy.path().join("libpod_parent/conmon"));
            let _ = std::fs::remove_dir(hierarchy.path().join("libpod_parent"));
        }
        let _ = std::fs::remove_dir("/sys/fs/cgroup/libpod_parent");
    }
}
