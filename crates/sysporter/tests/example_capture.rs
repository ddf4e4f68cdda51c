//! The committed example capture, `examples/live-workload.scap` (recorded
//! live with sysporter's own probe, `--scrub-env`, then `scaptrim`): it
//! replays with `sysporter -r` into the expected records, carries no
//! environment values or host details, and sysdig reads it (checked when
//! sysdig is installed; required under CI).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use libsysflow::types::{SfReader, SysFlow};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/live-workload.scap")
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn the_example_replays_into_the_expected_records() {
    let dir = tempfile::tempdir().unwrap();
    let out_sf = dir.path().join("example.sf");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sysporter"));
    for var in libsysflow::ENV_OVERRIDES {
        cmd.env_remove(var);
    }
    let out = cmd
        .arg("-r")
        .arg(example())
        .arg("-w")
        .arg(&out_sf)
        .args(["-e", "example"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let records: Vec<SysFlow> = SfReader::open(&out_sf)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let count = |f: fn(&SysFlow) -> bool| records.iter().filter(|r| f(r)).count();
    let counts = [
        count(|r| matches!(r, SysFlow::Header(_))),
        count(|r| matches!(r, SysFlow::Process(_))),
        count(|r| matches!(r, SysFlow::ProcessEvent(_))),
        count(|r| matches!(r, SysFlow::FileFlow(_))),
        count(|r| matches!(r, SysFlow::NetworkFlow(_))),
        records.len(),
    ];
    assert_eq!(
        counts, EXPECTED,
        "header, process, process event, file flow, network flow, all: {err}"
    );
    // The child that exits with code 3 (the exit record carries the wait
    // status, code << 8, like the reference).
    let rets: Vec<i32> = records
        .iter()
        .filter_map(|r| match r {
            SysFlow::ProcessEvent(e) => Some(e.ret),
            _ => None,
        })
        .collect();
    assert!(rets.contains(&(3 << 8)), "no exit with code 3: {rets:?}");
    // Both directions of the loopback exchange: 1000 bytes one way, 300 back.
    let net: Vec<(i64, i64)> = records
        .iter()
        .filter_map(|r| match r {
            SysFlow::NetworkFlow(n) => Some((n.num_r_recv_bytes, n.num_w_send_bytes)),
            _ => None,
        })
        .collect();
    assert!(
        net.iter().any(|&(r, w)| r == 1000 && w == 300)
            && net.iter().any(|&(r, w)| r == 300 && w == 1000),
        "{net:?}"
    );
}

#[test]
fn the_example_holds_no_environment_values_or_host_details() {
    let bytes = std::fs::read(example()).unwrap();
    assert!(bytes.len() < 512 << 10, "a small capture");
    for needle in [
        "PATH=",
        "HOME=",
        "LANG=",
        "TERM=",
        "SSL_",
        "AWS_",
        "_KEY",
        "TOKEN",
        "SECRET",
        "PASSWORD",
        "process_api",
        "bash_jobs",
        "/root/",
        "/work/",
        "/home/",
        "pyenv",
        ".cargo",
        "sandbox",
        "/tmp/exrec",
    ] {
        assert!(!contains(&bytes, needle), "the example holds `{needle}`");
    }
    // Recorded in a directory of its own: no other temporary path.
    for (at, _) in find_all(&bytes, "/tmp/") {
        assert!(
            bytes[at..].starts_with(b"/tmp/sysflow-example"),
            "the example holds {:?}",
            String::from_utf8_lossy(&bytes[at..(at + 40).min(bytes.len())])
        );
    }
    // Clone and execve events carry the process's cgroups: recorded in a
    // cgroup namespace of its own, each is its root (`4:memory:/`), which
    // says nothing of the host's cgroups (`memory:/process_api/...`).
    for controller in [
        ":cpu:",
        ":cpuacct:",
        ":cpuset:",
        ":memory:",
        ":devices:",
        ":freezer:",
        ":blkio:",
        ":pids:",
        ":name=systemd:",
        "0::",
    ] {
        for (at, len) in find_all(&bytes, controller) {
            let path = &bytes[at + len..];
            assert!(
                path.starts_with(b"/\0"),
                "a cgroup that is not its namespace's root: {:?}",
                String::from_utf8_lossy(&path[..path.len().min(60)])
            );
        }
    }
}

/// Where `needle` occurs in `haystack`, with its length.
fn find_all(haystack: &[u8], needle: &str) -> Vec<(usize, usize)> {
    haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle.as_bytes())
        .map(|(at, _)| (at, needle.len()))
        .collect()
}

/// The capture's machine is named for the example (recorded in a UTS
/// namespace of its own), not for the host that recorded it: without `-e`
/// the replay's header says so.
#[test]
fn the_example_machine_is_named_for_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let out_sf = dir.path().join("example.sf");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sysporter"));
    for var in libsysflow::ENV_OVERRIDES {
        cmd.env_remove(var);
    }
    let out = cmd
        .arg("-r")
        .arg(example())
        .arg("-w")
        .arg(&out_sf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = SfReader::open(&out_sf).unwrap().next().unwrap().unwrap();
    match first {
        SysFlow::Header(h) => assert_eq!(h.exporter, "sysflow-example"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn sysdig_reads_the_example() {
    match Command::new("sysdig").arg("-r").arg(example()).output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "sysdig: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.lines().count() > 100, "sysdig shows too few events");
            assert!(text.contains("execve"), "sysdig shows no execve");
        }
        Err(_) if !sysflow_test_support::under_ci() => {
            sysflow_test_support::skip("sysdig is not installed (apt-get install sysdig)");
        }
        Err(e) => panic!("sysdig is needed under CI: {e}"),
    }
}

/// Header, processes, process events, file flows, network flows, all records.
const EXPECTED: [usize; 6] = [1, 18, 32, 31, 3, 143];
