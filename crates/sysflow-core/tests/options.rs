//! What each record-shaping option adds or removes, on the real golden traces.
//!
//! Each test replays a capture twice, with the reference test settings
//! (process flows off, every fd type, every read) and with one option changed,
//! and states exactly how the two outputs differ.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::HashMap;
use std::path::PathBuf;

use sysflow_capture::ScapReader;
use sysflow_core::{CoreConfig, FileReadMode, Processor};
use sysflow_types::{FileType, Foid, OpFlags, OpenFlags, SegmentCheck, SysFlow};

/// A golden case's trace, or `None` (a counted skip) without `../shared`.
fn trace(case: &str) -> Option<PathBuf> {
    let p = sysflow_test_support::golden_dir()?
        .join(case)
        .join("trace.scap");
    assert!(p.is_file(), "{} is missing from ../shared", p.display());
    Some(p)
}

/// The reference's test settings.
fn golden_config() -> CoreConfig {
    CoreConfig {
        enable_process_flow: false,
        file_only: false,
        file_read_mode: FileReadMode::All,
        ..CoreConfig::default()
    }
}

fn replay(path: &PathBuf, config: CoreConfig) -> Vec<SysFlow> {
    let mut p = Processor::new(config);
    let mut out = Vec::new();
    for item in ScapReader::open(path).unwrap() {
        p.handle(&item.unwrap(), &mut out).unwrap();
    }
    p.finish(&mut out).unwrap();
    out
}

fn behaviour(recs: &[SysFlow]) -> Vec<SysFlow> {
    recs.iter()
        .filter(|r| {
            !matches!(
                r,
                SysFlow::Process(_) | SysFlow::File(_) | SysFlow::Container(_)
            )
        })
        .cloned()
        .collect()
}

fn file_types(recs: &[SysFlow]) -> HashMap<Foid, (i32, String)> {
    recs.iter()
        .filter_map(|r| match r {
            SysFlow::File(f) => Some((f.oid, (f.restype, f.path.clone()))),
            _ => None,
        })
        .collect()
}

#[test]
fn file_only_keeps_flows_of_regular_files_only() {
    let Some(t) = trace("namespaces-setns") else {
        return;
    };
    let all = replay(&t, golden_config());
    let only = replay(
        &t,
        CoreConfig {
            file_only: true,
            ..golden_config()
        },
    );
    let types = file_types(&all);
    let expected: Vec<SysFlow> = behaviour(&all)
        .into_iter()
        .filter(|r| match r {
            SysFlow::FileFlow(f) => types[&f.file_oid].0 == FileType::File.restype(),
            _ => true,
        })
        .collect();
    let removed = behaviour(&all).len() - expected.len();
    assert!(
        removed > 50,
        "the trace has pipes, directories and unix sockets ({removed} flows)"
    );
    assert_eq!(behaviour(&only), expected);
    // No File record of another type is written any more.
    assert!(
        file_types(&only)
            .values()
            .all(|(t, _)| *t == FileType::File.restype() || *t == b'?' as i32 || *t == b'd' as i32)
    );
}

fn is_read(f: &sysflow_types::FileFlow) -> bool {
    f.open_flags.contains(OpenFlags::RDONLY)
        || (f.op_flags.contains(OpFlags::READ_RECV)
            && !f.op_flags.intersects(OpFlags::WRITE_SEND | OpFlags::MMAP))
}

#[test]
fn read_modes_drop_reads_as_documented() {
    let Some(t) = trace("mpm-event-full-capture") else {
        return;
    };
    let all = replay(&t, golden_config());
    let types = file_types(&all);
    let truncated_at_end = |f: &sysflow_types::FileFlow| f.op_flags.contains(OpFlags::TRUNCATE);
    let system = [
        "/proc/",
        "/dev/",
        "/sys/",
        "//sys/",
        "/lib/",
        "/lib64/",
        "/usr/lib/",
        "/usr/lib64/",
    ];

    let no_reads = replay(
        &t,
        CoreConfig {
            file_read_mode: FileReadMode::NoReads,
            ..golden_config()
        },
    );
    let no_system = replay(
        &t,
        CoreConfig {
            file_read_mode: FileReadMode::NoSystemReads,
            ..golden_config()
        },
    );
    let keep = |mode: FileReadMode, f: &sysflow_types::FileFlow| {
        // The final flush at the end of the input skips the filter, as the reference's does.
        if truncated_at_end(f) && f.end_ts == last_ts(&all) {
            return true;
        }
        let path = &types[&f.file_oid].1;
        match mode {
            FileReadMode::NoReads => !is_read(f),
            _ => !(is_read(f) && system.iter().any(|p| path.starts_with(p))),
        }
    };
    for (mode, got) in [
        (FileReadMode::NoReads, &no_reads),
        (FileReadMode::NoSystemReads, &no_system),
    ] {
        let expected: Vec<SysFlow> = behaviour(&all)
            .into_iter()
            .filter(|r| match r {
                SysFlow::FileFlow(f) => keep(mode, f),
                _ => true,
            })
            .collect();
        assert!(
            expected.len() < behaviour(&all).len(),
            "{mode:?} removes something"
        );
        assert_eq!(behaviour(got), expected, "{mode:?}");
    }
    assert!(behaviour(&no_reads).len() < behaviour(&no_system).len());
}

fn last_ts(recs: &[SysFlow]) -> i64 {
    recs.iter()
        .filter_map(|r| match r {
            SysFlow::FileFlow(f) => Some(f.end_ts),
            SysFlow::NetworkFlow(f) => Some(f.end_ts),
            _ => None,
        })
        .max()
        .unwrap_or_default()
}

#[test]
fn process_flows_replace_thread_events() {
    let Some(t) = trace("mpm-event-full-capture") else {
        return;
    };
    let events = replay(&t, golden_config());
    let flows = replay(
        &t,
        CoreConfig {
            enable_process_flow: true,
            ..golden_config()
        },
    );
    let clones = |recs: &[SysFlow]| {
        recs.iter()
            .filter(|r| matches!(r, SysFlow::ProcessEvent(e) if e.op_flags == OpFlags::CLONE))
            .count()
    };
    let exits = |recs: &[SysFlow]| {
        recs.iter()
            .filter(|r| matches!(r, SysFlow::ProcessEvent(e) if e.op_flags == OpFlags::EXIT))
            .count()
    };
    let pflows: Vec<&sysflow_types::ProcessFlow> = flows
        .iter()
        .filter_map(|r| match r {
            SysFlow::ProcessFlow(f) => Some(f),
            _ => None,
        })
        .collect();
    assert!(events.iter().all(|r| !matches!(r, SysFlow::ProcessFlow(_))));
    assert!(
        !pflows.is_empty(),
        "httpd's worker threads make process flows"
    );
    let cloned: i64 = pflows.iter().map(|f| f.num_threads_cloned).sum();
    let exited: i64 = pflows.iter().map(|f| f.num_threads_exited).sum();
    // Each thread creation was two CLONE events (caller's and new thread's);
    // now one counted in a flow, and none written.
    assert!(cloned > 0);
    assert_eq!(clones(&events) - clones(&flows), 2 * cloned as usize);
    assert_eq!(exits(&events) - exits(&flows), exited as usize);
    // Data flows are unchanged.
    let data = |recs: &[SysFlow]| {
        recs.iter()
            .filter(|r| matches!(r, SysFlow::FileFlow(_) | SysFlow::NetworkFlow(_)))
            .count()
    };
    assert_eq!(data(&events), data(&flows));
}

/// Every record's process, files and container, and every process's
/// parent, are written earlier in the same segment.
fn assert_self_contained(seg: &[SysFlow], what: &str) {
    let undefined = SegmentCheck::stream(seg);
    assert!(undefined.is_empty(), "{what}: {undefined:?}");
}

#[test]
fn every_segment_stands_alone_after_new_segment() {
    let Some(t) = trace("mpm-event-full-capture") else {
        return;
    };
    let items: Vec<_> = ScapReader::open(&t).unwrap().map(Result::unwrap).collect();
    let mut p = Processor::new(CoreConfig {
        enable_process_flow: true,
        ..golden_config()
    });
    let mut segments: Vec<Vec<SysFlow>> = vec![Vec::new()];
    let cut = items.len() / 3;
    for (i, item) in items.iter().enumerate() {
        if i > 0 && i % cut == 0 {
            p.new_segment();
            segments.push(Vec::new());
        }
        p.handle(item, segments.last_mut().unwrap()).unwrap();
    }
    p.finish(segments.last_mut().unwrap()).unwrap();
    assert!(segments.len() >= 3);
    for (n, seg) in segments.iter().enumerate() {
        assert!(n >= 3 || seg.len() > 100, "segment {n} has records");
        assert_self_contained(seg, &format!("segment {n}"));
    }
    // Later segments re-announce what they reference, as REUP.
    assert!(segments[1].iter().any(
        |r| matches!(r, SysFlow::Process(p) if p.state == sysflow_types::SfObjectState::Reup)
    ));
}
