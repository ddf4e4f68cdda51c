//! The private runtimes, for real: containers run under the instance's
//! cgroup parent, instances keep apart, and nothing of an instance is left
//! after it is dropped, also when its test panics midway.

use std::path::{Path, PathBuf};

use sysflow_test_support::runtimes::{Dockerd, leftovers};
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
