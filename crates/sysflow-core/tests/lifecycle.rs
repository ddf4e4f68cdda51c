//! Process lifecycle on synthetic events: what a process leaves in the
//! state lasts only as long as something needs it. Its fd tables go with it
//! (also when its id comes back at once, and after the batched sweep of
//! exited processes), its emptied flow table goes at its exit, and a process
//! flow keeps its process cached so that the next segment writes the process
//! before the flow that references it. A parent that exited is written
//! again before its living child in a later segment.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{
    CLOSE_E, CLOSE_X, MS, OPEN_X, PROCEXIT_1_E, SEC, T0, WRITE_E, WRITE_X, feed, i64p, open,
    processor, u32p,
};
use sysflow_capture::{Item, ProcessEntry};
use sysflow_core::{CoreConfig, Processor};
use sysflow_types::{SegmentCheck, SfObjectState, SysFlow, Undefined};

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
    listed_child(p, out, tid, pid, 1);
}

/// [`listed`], with parent thread `ptid`.
fn listed_child(p: &mut Processor, out: &mut Vec<SysFlow>, tid: i64, pid: i64, ptid: i64) {
    let mut e = ProcessEntry::default();
    e.tid = tid;
    e.pid = pid;
    e.ptid = ptid;
    e.comm = b"worker".to_vec();
    e.exe = b"/usr/bin/worker".to_vec();
    e.cwd = b"/".to_vec();
    p.handle(&Item::Process(Box::new(e)), out).unwrap();
}

/// What a segment references that it never wrote before (processes,
/// parents, files, containers).
fn dangling(seg: &[SysFlow]) -> Vec<(usize, Undefined)> {
    SegmentCheck::stream(seg)
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

/// How the child's next record comes after the new segment.
#[derive(Debug, Clone, Copy)]
enum NextRecord {
    /// Its flow is closed: the flow is written on its own.
    Close,
    /// It exits: its exit event.
    Exit,
    /// The input ends: its open flow is written with TRUNCATE.
    Finish,
}

/// A parent that exits and leaves the cache while its child lives on with
/// an open file: in the next segment, the child's first record writes the
/// child again, and its parent, which that segment never wrote, before it.
fn orphan_across_segments(next: NextRecord) {
    let mut p = processor();
    let mut out = Vec::new();
    listed(&mut p, &mut out, 600, 600);
    listed_child(&mut p, &mut out, 601, 601, 600);
    open(&mut p, &mut out, T0, 601, "/tmp/child.log");
    let parent = out
        .iter()
        .find_map(|r| match r {
            SysFlow::Process(pr) if pr.oid.hpid == 600 => Some(pr.oid),
            _ => None,
        })
        .expect("the parent is written before its child");
    exit(&mut p, &mut out, T0 + 10 * MS, 600);
    // Past the deletion delay: the parent leaves the cache.
    write(&mut p, &mut out, T0 + 1_500 * MS, 601);
    assert_eq!(dangling(&out), [], "{out:#?}");
    p.new_segment();
    let mut seg = Vec::new();
    match next {
        NextRecord::Close => {
            feed(&mut p, &mut seg, T0 + 2 * SEC, 601, CLOSE_E, &[i64p(3)]);
            feed(&mut p, &mut seg, T0 + 2 * SEC + 1, 601, CLOSE_X, &[i64p(0)]);
        }
        NextRecord::Exit => exit(&mut p, &mut seg, T0 + 2 * SEC, 601),
        NextRecord::Finish => {}
    }
    p.finish(&mut seg).unwrap();
    assert_eq!(dangling(&seg), [], "{next:?}: {seg:#?}");
    // The parent is written again from what is known of it.
    let procs: Vec<_> = seg
        .iter()
        .filter_map(|r| match r {
            SysFlow::Process(pr) => Some((pr.oid.hpid, pr.poid, pr.state)),
            _ => None,
        })
        .collect();
    assert_eq!(
        procs[..2],
        [
            (600, None, SfObjectState::Reup),
            (601, Some(parent), SfObjectState::Reup)
        ],
        "{next:?}: {seg:#?}"
    );
}

#[test]
fn a_child_names_its_exited_parent_in_the_next_segment_at_a_close() {
    orphan_across_segments(NextRecord::Close);
}

#[test]
fn a_child_names_its_exited_parent_in_the_next_segment_at_its_exit() {
    orphan_across_segments(NextRecord::Exit);
}

#[test]
fn a_child_names_its_exited_parent_in_the_next_segment_at_the_end() {
    orphan_across_segments(NextRecord::Finish);
}
