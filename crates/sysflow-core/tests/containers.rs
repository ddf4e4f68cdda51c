//! Container metadata arriving after the container was written: a live
//! collector's runtime look-up ends after the container's first process
//! was recorded (or even gone). The container is written `incomplete` at
//! once, its id is handed out for a look-up, and it is written again,
//! complete and after its Pod, as soon as the container event arrives.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{MS, T0, feed, i64p, processor, u32p};
use sysflow_capture::Event;
use sysflow_types::{ContainerType, SysFlow};

const CLONE_20_X: u16 = 223;
const PROCEXIT_1_E: u16 = 186;
const FULL_ID: &str = "4f2a0c1e9b7d3a5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5";

fn cstr(s: &str) -> Vec<u8> {
    let mut v = s.as_bytes().to_vec();
    v.push(0);
    v
}

/// The child's exit of a fork: process `tid`, in the container `FULL_ID`.
fn clone_in_container(ts: u64, tid: i64) -> Event {
    let cgroups = format!("cpu=/docker/{FULL_ID}\0memory=/docker/{FULL_ID}\0");
    let params = [
        i64p(0),
        cstr("/bin/sleep"),
        cstr("1"),
        i64p(tid),
        i64p(tid),
        i64p(1),
        cstr("/"),
        i64p(1024),
        0u64.to_le_bytes().to_vec(),
        0u64.to_le_bytes().to_vec(),
        u32p(0),
        u32p(0),
        u32p(0),
        cstr("sleep"),
        cgroups.into_bytes(),
        u32p(0),
        u32p(0),
        u32p(0),
        i64p(tid),
        i64p(tid),
        0u64.to_le_bytes().to_vec(),
    ];
    let refs: Vec<&[u8]> = params.iter().map(Vec::as_slice).collect();
    Event::new(ts, tid as u64, 0, CLONE_20_X, &refs)
}

const JSON: &str = r#"{"container":{"Mounts":[],"full_id":"4f2a0c1e9b7d3a5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5","id":"4f2a0c1e9b7d","image":"sfbusybox:1.35","imagedigest":"","imageid":"a1e366cfc577","imagerepo":"sfbusybox","imagetag":"1.35","ip":"","labels":{"app":"web"},"name":"sf-quick","privileged":true,"type":7,"pod_sandbox_id":"9d8c7b6a5f4e","pod_sandbox_labels":{"team":"blue"},"pod":{"uid":"6f1e2d3c-0000-4000-8000-000000000001","name":"sf-pod","namespace":"sf-ns","ips":["10.1.2.3","fd00::1"],"restart_count":2}}}"#;

#[test]
fn a_container_described_late_is_written_again_after_its_pod() {
    let mut p = processor();
    let mut out: Vec<SysFlow> = Vec::new();
    p.handle_event(&clone_in_container(T0, 4242), &mut out)
        .unwrap();
    feed(&mut p, &mut out, T0 + MS, 4242, PROCEXIT_1_E, &[]);
    let first: Vec<&SysFlow> = out
        .iter()
        .filter(|r| matches!(r, SysFlow::Container(_)))
        .collect();
    let [SysFlow::Container(c)] = first.as_slice() else {
        panic!("one Container record expected: {out:?}")
    };
    assert_eq!(
        (c.id.as_str(), c.name.as_str()),
        ("4f2a0c1e9b7d", "incomplete")
    );
    assert_eq!(p.take_unknown_containers(), ["4f2a0c1e9b7d"]);
    assert!(p.take_unknown_containers().is_empty(), "handed out once");

    // The process is gone when the metadata arrives.
    out.clear();
    p.handle_event(&Event::container_json(T0 + 2 * MS, JSON), &mut out)
        .unwrap();
    let [SysFlow::Pod(pod), SysFlow::Container(c)] = out.as_slice() else {
        panic!("a Pod, then its Container: {out:?}")
    };
    assert_eq!(pod.id, "6f1e2d3c-0000-4000-8000-000000000001");
    assert_eq!(
        (pod.name.as_str(), pod.namespace.as_str()),
        ("sf-pod", "sf-ns")
    );
    assert_eq!(pod.labels, [("team".to_owned(), "blue".to_owned())]);
    // IPv4 only, the address's bytes in network order.
    assert_eq!(
        pod.internal_ip,
        [i64::from(u32::from_le_bytes([10, 1, 2, 3]))]
    );
    assert_eq!(pod.restart_count, 2);
    assert_eq!(pod.ts, (T0 + 2 * MS) as i64);
    assert!(pod.node_name.is_empty() && pod.services.is_empty());
    assert_eq!(c.name, "sf-quick");
    // The repository and tag, not the reference's `sfbusybox:1.35:1.35`.
    assert_eq!(c.image, "sfbusybox:1.35");
    assert_eq!(c.imageid, "a1e366cfc577");
    assert_eq!(c.container_type, ContainerType::Containerd);
    assert!(c.privileged);
    assert_eq!(c.pod_id.as_deref(), Some(pod.id.as_str()));

    // Described again: nothing new to write.
    out.clear();
    p.handle_event(&Event::container_json(T0 + 3 * MS, JSON), &mut out)
        .unwrap();
    assert!(out.is_empty(), "{out:?}");
    assert!(p.take_unknown_containers().is_empty());
}

#[test]
fn a_container_described_first_is_never_incomplete() {
    let mut p = processor();
    let mut out: Vec<SysFlow> = Vec::new();
    p.handle_event(&Event::container_json(T0, JSON), &mut out)
        .unwrap();
    assert!(out.is_empty(), "nothing refers to it yet: {out:?}");
    p.handle_event(&clone_in_container(T0 + MS, 7), &mut out)
        .unwrap();
    let containers: Vec<_> = out
        .iter()
        .filter_map(|r| match r {
            SysFlow::Container(c) => Some(c.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(containers, ["sf-quick"]);
    let at = out
        .iter()
        .position(|r| matches!(r, SysFlow::Container(_)))
        .expect("a Container record");
    assert!(at > 0 && matches!(out[at - 1], SysFlow::Pod(_)), "{out:?}");
    assert!(p.take_unknown_containers().is_empty());
    assert_eq!(
        p.containers_in_use().into_iter().collect::<Vec<_>>(),
        ["4f2a0c1e9b7d"]
    );
}
