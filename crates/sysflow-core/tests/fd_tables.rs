//! Fd tables outlive exits only as long as their process: on synthetic
//! events, a process that exits takes its fds with it, also when its id comes
//! back at once and after the batched sweep of exited processes.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use sysflow_capture::Event;
use sysflow_core::{CoreConfig, FileReadMode, Processor};
use sysflow_types::SysFlow;

const OPEN_X: u16 = 3;
const WRITE_E: u16 = 8;
const WRITE_X: u16 = 9;
const PROCEXIT_1_E: u16 = 186;
const SEC: u64 = 1_000_000_000;
const T0: u64 = 1_700_000_000 * SEC;

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

/// Thread `tid` (its own process) opens fd 3 on `path` for writing.
fn open(p: &mut Processor, out: &mut Vec<SysFlow>, ts: u64, tid: u64, path: &str) {
    let mut name = path.as_bytes().to_vec();
    name.push(0);
    feed(
        p,
        out,
        ts,
        tid,
        OPEN_X,
        &[i64p(3), name, u32p(2 | 4), u32p(0o644)],
    );
}

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

fn processor() -> Processor {
    Processor::new(CoreConfig {
        enable_process_flow: false,
        file_only: false,
        file_read_mode: FileReadMode::All,
        ..CoreConfig::default()
    })
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
