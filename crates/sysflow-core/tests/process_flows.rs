//! A process flow keeps its process cached: on synthetic events, a thread
//! that exits after its main thread adds to the process's flow, the process
//! is due for deletion meanwhile, and the next segment must still write the
//! process before the flow that references it.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::HashSet;

use sysflow_capture::{Event, Item, ProcessEntry};
use sysflow_core::{CoreConfig, Processor};
use sysflow_types::{Oid, SysFlow};

const PROCEXIT_1_E: u16 = 186;
const OPEN_X: u16 = 3;
const MS: u64 = 1_000_000;
const T0: u64 = 1_700_000_000_000_000_000;

fn i64p(v: i64) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}

fn u32p(v: u32) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}

fn feed(p: &mut Processor, out: &mut Vec<SysFlow>, ts: u64, tid: u64, ty: u16, params: &[Vec<u8>]) {
    let refs: Vec<&[u8]> = params.iter().map(Vec::as_slice).collect();
    p.handle_event(&Event::new(ts, tid, 0, ty, &refs), out)
        .unwrap();
}

/// Thread `tid` of process `pid`, listed as running when capture started
/// (such threads carry no creation time, so each resolves to its process's
/// OID even once the main thread is gone).
fn listed(p: &mut Processor, out: &mut Vec<SysFlow>, tid: i64, pid: i64) {
    let mut e = ProcessEntry::default();
    e.tid = tid;
    e.pid = pid;
    e.ptid = 1;
    e.comm = b"worker".to_vec();
    e.exe = b"/usr/bin/worker".to_vec();
    e.cwd = b"/".to_vec();
    p.handle(&Item::Process(Box::new(e)), out).unwrap();
}

fn exit(p: &mut Processor, out: &mut Vec<SysFlow>, ts: u64, tid: u64) {
    feed(
        p,
        out,
        ts,
        tid,
        PROCEXIT_1_E,
        &[i64p(0), i64p(0), vec![0], vec![0], i64p(0)],
    );
}

/// Processes a segment references that it never wrote.
fn dangling(seg: &[SysFlow]) -> Vec<Oid> {
    let mut written = HashSet::new();
    let mut missing = Vec::new();
    for r in seg {
        let oid = match r {
            SysFlow::Process(p) => {
                written.insert(p.oid);
                continue;
            }
            SysFlow::ProcessFlow(f) => f.proc_oid,
            SysFlow::ProcessEvent(e) => e.proc_oid,
            SysFlow::FileFlow(f) => f.proc_oid,
            _ => continue,
        };
        if !written.contains(&oid) {
            missing.push(oid);
        }
    }
    missing
}

#[test]
fn a_process_flow_keeps_its_process_for_the_next_segment() {
    let mut p = Processor::new(CoreConfig {
        enable_process_flow: true,
        ..CoreConfig::default()
    });
    let mut out = Vec::new();
    listed(&mut p, &mut out, 500, 500);
    listed(&mut p, &mut out, 501, 500);
    // The main thread exits first: the process is queued for deletion.
    exit(&mut p, &mut out, T0 + 10 * MS, 500);
    // Its thread exits half a second later: a new process flow.
    exit(&mut p, &mut out, T0 + 500 * MS, 501);
    // Another process's event, past the deletion delay.
    feed(
        &mut p,
        &mut out,
        T0 + 1_500 * MS,
        900,
        OPEN_X,
        &[i64p(3), b"/tmp/x\0".to_vec(), u32p(1), u32p(0)],
    );
    assert!(
        out.iter().any(|r| matches!(r, SysFlow::Process(_))),
        "the process was written in the first segment"
    );
    p.new_segment();
    let mut seg = Vec::new();
    p.finish(&mut seg).unwrap();
    assert!(
        seg.iter().any(|r| matches!(r, SysFlow::ProcessFlow(_))),
        "the flow is written at the end: {seg:#?}"
    );
    assert_eq!(dangling(&seg), [], "{seg:#?}");
}
