//! Process lifecycle on synthetic events: what a process leaves in the
//! state lasts only as long as something needs it. Its fd tables go with it
//! (also when its id comes back at once, and after the batched sweep of
//! exited processes), its emptied flow table goes at its exit, and a process
//! flow keeps its process cached so that the next segment writes the process
//! before the flow that references it.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::HashSet;

mod common;

use common::{
    MS, OPEN_X, PROCEXIT_1_E, SEC, T0, WRITE_E, WRITE_X, feed, i64p, open, processor, u32p,
};
use sysflow_capture::{Item, ProcessEntry};
use sysflow_core::{CoreConfig, Processor};
use sysflow_types::{Oid, SysFlow};

fn write(p: &mut Processor, out: &mut Vec<SysFlow>, ts: u64, tid: u64) {
    feed(p, out, ts, tid, WRITE_E, &[i64p(3), u32p(4)]);
    feed(p, out, ts + 1, tid, WRITE_X, &[i64p(4), b"data".to_vec()]);
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

/// Paths of the files that FileFlows of thread `tid` name.
fn flow_paths(recs: &[SysFlow], tid: u64) -> Vec<String> {
    let files: std::collections::HashMap<_, _> = recs
        .iter()
        .filter_map(|r| match r {
            SysFlow::File(f) => Some((f.oid, f.path.clone())),
            _ => None,
        })
        .collect();
    recs.iter()
        .filter_map(|r| match r {
            SysFlow::FileFlow(f) if f.tid == tid as i64 => files.get(&f.file_oid).cloned(),
            _ => None,
        })
        .collect()
}

#[test]
fn an_exited_process_takes_its_fds_along() {
    let mut p = processor();
    let mut out = Vec::new();
    // Process 500 writes to fd 3 and exits with it open.
    open(&mut p, &mut out, T0, 500, "/tmp/old.log");
    write(&mut p, &mut out, T0 + 10, 500);
    exit(&mut p, &mut out, T0 + 20, 500);
    // A process under the same id, whose creation the capture missed,
    // writes to its own fd 3: not the old file.
    write(&mut p, &mut out, T0 + 30, 500);
    p.finish(&mut out).unwrap();
    assert_eq!(flow_paths(&out, 500), ["/tmp/old.log"], "{out:#?}");
}

#[test]
fn fds_of_many_exited_processes_are_dropped() {
    let mut p = processor();
    let mut out = Vec::new();
    // More exits than one sweep takes, each with a file left open; then
    // every id comes back and writes to fd 3 without opening it.
    let n = 3000;
    for i in 0..n {
        let tid = 10_000 + i;
        open(&mut p, &mut out, T0 + i * 100, tid, &format!("/tmp/f{i}"));
        exit(&mut p, &mut out, T0 + i * 100 + 50, tid);
    }
    // Whatever a sweep has not reached yet is less than one sweep's worth;
    // flow tables go with their processes' exits.
    let stats = p.stats();
    assert!(
        stats.fd_tables < 1100,
        "{} fd tables kept for {n} exited processes",
        stats.fd_tables
    );
    assert_eq!(
        stats.flow_tables, 0,
        "flow tables kept for exited processes"
    );
    let before = out.len();
    for i in 0..n {
        write(&mut p, &mut out, T0 + SEC + i * 100, 10_000 + i);
    }
    p.finish(&mut out).unwrap();
    let later = out[before..]
        .iter()
        .filter(|r| matches!(r, SysFlow::FileFlow(_)))
        .count();
    assert_eq!(later, 0, "flows on exited processes' fds");
    // The opens themselves were seen: each process had its flow.
    let opened = out[..before]
        .iter()
        .filter(|r| matches!(r, SysFlow::FileFlow(_)))
        .count();
    assert_eq!(opened as u64, n);
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

/// Processes a segment references that it never wrote.
fn dangling(seg: &[SysFlow]) -> Vec<Oid> {
    let mut written = HashSet::new();
    let mut missing = Vec::new();
    for r in seg {
        if let SysFlow::Process(p) = r {
            written.insert(p.oid);
        }
        if let Some(oid) = r.entity_refs().process
            && !written.contains(&oid)
        {
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
