//! Periodic export and expiry of open flows, on synthetic events: a flow is
//! written every 30 s while it stays open, and dropped without a record
//! after 60 s without activity (the reference's timers, in event time).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{CLOSE_E, CLOSE_X, SEC, T0, WRITE_E, WRITE_X, event, feed, i64p, processor, u32p};
use sysflow_core::Processor;
use sysflow_types::{FileFlow, OpFlags, SysFlow};

const TID: u64 = 4242;

fn open(p: &mut Processor, out: &mut Vec<SysFlow>, ts: u64) {
    common::open(p, out, ts, TID, "/tmp/out.log");
}

fn write(p: &mut Processor, out: &mut Vec<SysFlow>, ts: u64, n: i64) {
    feed(p, out, ts, TID, WRITE_E, &[i64p(3), u32p(n as u32)]);
    feed(
        p,
        out,
        ts + 1000,
        TID,
        WRITE_X,
        &[i64p(n), vec![b'x'; n as usize]],
    );
}

fn close(p: &mut Processor, out: &mut Vec<SysFlow>, ts: u64) {
    feed(p, out, ts, TID, CLOSE_E, &[i64p(3)]);
    feed(p, out, ts + 1000, TID, CLOSE_X, &[i64p(0)]);
}

fn file_flows(recs: &[SysFlow]) -> Vec<FileFlow> {
    recs.iter()
        .filter_map(|r| match r {
            SysFlow::FileFlow(f) => Some(f.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn open_flows_are_exported_every_30_seconds() {
    let mut p = processor();
    let mut out = Vec::new();
    open(&mut p, &mut out, T0);
    write(&mut p, &mut out, T0 + SEC, 10);
    assert!(
        file_flows(&out).is_empty(),
        "nothing is written while the flow is young"
    );

    // 31 s later the next event exports the flow as it stood, then starts a new span.
    let t1 = T0 + 31 * SEC;
    write(&mut p, &mut out, t1, 5);
    let flows = file_flows(&out);
    assert_eq!(flows.len(), 1, "{flows:#?}");
    let f = &flows[0];
    assert_eq!(f.op_flags, OpFlags::OPEN | OpFlags::WRITE_SEND);
    assert_eq!((f.ts, f.end_ts), (T0 as i64, t1 as i64));
    assert_eq!((f.num_w_send_ops, f.num_w_send_bytes), (1, 10));
    assert_eq!(f.open_flags.bits(), 6);

    // The close reports only what happened since the export.
    close(&mut p, &mut out, t1 + SEC);
    let flows = file_flows(&out);
    assert_eq!(flows.len(), 2);
    let f = &flows[1];
    assert_eq!(f.op_flags, OpFlags::WRITE_SEND | OpFlags::CLOSE);
    assert_eq!((f.ts, f.end_ts), (t1 as i64, (t1 + SEC + 1000) as i64));
    assert_eq!((f.num_w_send_ops, f.num_w_send_bytes), (1, 5));
}

#[test]
fn idle_flows_are_dropped_after_60_seconds() {
    let mut p = processor();
    let mut out = Vec::new();
    open(&mut p, &mut out, T0);
    write(&mut p, &mut out, T0 + SEC, 10);
    // Another thread's activity moves the clock on: at 31 s the flow is
    // exported, at 62 s it has been idle for over 60 s and is dropped.
    for s in [31, 62] {
        let tick = event(T0 + s * SEC, TID + 1, WRITE_E, &[i64p(9), u32p(1)]);
        p.handle_event(&tick, &mut out).unwrap();
    }
    assert_eq!(file_flows(&out).len(), 1, "one export before the drop");
    // The close now finds no flow: it is written on its own, as the reference does.
    close(&mut p, &mut out, T0 + 63 * SEC);
    let flows = file_flows(&out);
    assert_eq!(flows.len(), 2, "{flows:#?}");
    assert_eq!(flows[1].op_flags, OpFlags::CLOSE);
    assert_eq!(flows[1].ts, flows[1].end_ts);
    // Nothing is left for the end of input.
    p.finish(&mut out).unwrap();
    assert_eq!(file_flows(&out).len(), 2);
}
