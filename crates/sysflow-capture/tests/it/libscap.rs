//! Differential test of the two engines (feature `libscap`): every real
//! trace in `../shared` read by our `ScapReader` and by Falco's libscap
//! (`LibscapCapture`) must give the same events, and `scapdump` must print
//! the same lines with either engine.
//!
//! The one allowed difference is libscap's own: this 2022 libscap skips
//! events whose id is at or above its table's end (`PPM_EVENT_MAX`, 336).
//! Those events are dropped from our side before comparing, the bytes
//! libscap skipped must be exactly their blocks, and libscap's `num` counts
//! only the events it delivered.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use sysflow_capture::{Event, LIBSCAP_EVENT_MAX, LibscapCapture, ScapReader};

use crate::shared_dir;

/// Every trace the issue names: `golden/*/trace.scap` and `traces/*`.
fn all_traces(shared: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for (dir, nested) in [("golden", true), ("traces", false)] {
        let Ok(rd) = std::fs::read_dir(shared.join(dir)) else {
            continue;
        };
        for e in rd.flatten() {
            let p = if nested {
                e.path().join("trace.scap")
            } else {
                e.path()
            };
            if p.is_file() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn ours(path: &Path) -> Vec<Event> {
    let mut reader = ScapReader::open(path).expect("open with our reader");
    let mut out = Vec::new();
    let mut ev = Event::default();
    while reader.read_event(&mut ev).expect("our reader") {
        out.push(ev.clone());
    }
    out
}

fn libscap(path: &Path) -> (Vec<Event>, u64) {
    let mut capture = LibscapCapture::open_file(path).expect("open with libscap");
    let mut out = Vec::new();
    let mut ev = Event::default();
    while capture.read_event(&mut ev).expect("libscap") {
        out.push(ev.clone());
    }
    assert_eq!(capture.events_read(), out.len() as u64);
    (out, capture.skipped_bytes())
}

/// Our events without those libscap skips, renumbered the way libscap's
/// engine numbers them, and the bytes of the skipped events' blocks.
fn expected(ours: &[Event], file_len: u64) -> (Vec<Event>, u64, Vec<u64>) {
    let mut kept = Vec::new();
    let mut skipped_bytes = 0;
    let mut dropped = Vec::new();
    for (i, ev) in ours.iter().enumerate() {
        if ev.event_type >= LIBSCAP_EVENT_MAX {
            let end = ours.get(i + 1).map_or(file_len, |next| next.offset);
            skipped_bytes += end - ev.offset;
            dropped.push(ev.index);
        } else {
            let mut ev = ev.clone();
            ev.index = kept.len() as u64 + 1;
            kept.push(ev);
        }
    }
    (kept, skipped_bytes, dropped)
}

/// The example binary, built by `cargo test` next to the test binary.
fn scapdump() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let p = exe.parent()?.parent()?.join("examples").join("scapdump");
    p.is_file().then_some(p)
}

fn dump(bin: &Path, engine: &str, path: &Path) -> Vec<Value> {
    let out = Command::new(bin)
        .args(["--engine", engine])
        .arg(path)
        .output()
        .expect("run scapdump");
    assert!(
        out.status.success(),
        "scapdump --engine {engine} {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("json line"))
        .collect()
}

#[test]
fn libscap_and_our_reader_give_the_same_events() {
    let Some(shared) = shared_dir() else { return };
    let traces = all_traces(&shared);
    assert!(!traces.is_empty(), "no traces in {}", shared.display());
    let (mut compared, mut dropped_total) = (0usize, 0usize);
    for path in &traces {
        let file_len = std::fs::metadata(path).expect("stat").len();
        let mine = ours(path);
        let (theirs, skipped) = libscap(path);
        let (want, want_skipped, dropped) = expected(&mine, file_len);
        assert!(!want.is_empty(), "{}: no events", path.display());
        assert_eq!(
            theirs.len(),
            want.len(),
            "{}: event counts differ",
            path.display()
        );
        for (a, b) in theirs.iter().zip(&want) {
            assert_eq!(a, b, "{}: event {} differs", path.display(), b.index);
        }
        assert_eq!(
            skipped,
            want_skipped,
            "{}: libscap skipped other bytes than the blocks of events {dropped:?}",
            path.display()
        );
        eprintln!(
            "{}: {} events identical, {} skipped by libscap (ids >= 336)",
            path.display(),
            theirs.len(),
            dropped.len()
        );
        compared += theirs.len();
        dropped_total += dropped.len();
    }
    eprintln!(
        "{} traces: {compared} events identical, {dropped_total} events libscap skips",
        traces.len()
    );
}

#[test]
fn scapdump_prints_the_same_with_both_engines() {
    let Some(shared) = shared_dir() else { return };
    let Some(bin) = scapdump() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but the scapdump example was not built"
        );
        sysflow_test_support::skip("the scapdump example is not built (`cargo test` builds it)");
        return;
    };
    let traces = all_traces(&shared);
    assert!(!traces.is_empty());
    let (mut identical, mut lines) = (0usize, 0usize);
    for path in &traces {
        let dropped: Vec<u64> = ours(path)
            .iter()
            .filter(|e| e.event_type >= LIBSCAP_EVENT_MAX)
            .map(|e| e.index)
            .collect();
        let mine = dump(&bin, "ours", path);
        let theirs = dump(&bin, "libscap", path);
        lines += theirs.len();
        if dropped.is_empty() {
            assert!(
                mine == theirs,
                "{}: scapdump output differs between the engines",
                path.display()
            );
            identical += 1;
        } else {
            // The same lines without the events libscap skips; `num` counts
            // the events each engine delivered.
            let strip = |mut v: Value| {
                v.as_object_mut().map(|o| o.remove("num"));
                v
            };
            let kept: Vec<Value> = mine
                .into_iter()
                .filter(|v| !dropped.contains(&v["num"].as_u64().unwrap_or(0)))
                .map(strip)
                .collect();
            for (i, v) in theirs.iter().enumerate() {
                assert_eq!(v["num"].as_u64(), Some(i as u64 + 1));
            }
            let theirs: Vec<Value> = theirs.into_iter().map(strip).collect();
            assert!(
                kept == theirs,
                "{}: scapdump output differs beyond the skipped events",
                path.display()
            );
        }
    }
    eprintln!(
        "{} traces: {identical} print identically, the rest identically but for the events \
         libscap skips; {lines} lines from libscap",
        traces.len()
    );
}

/// The committed broken captures through libscap: no crash, no read past
/// a block, and a typed error where our reader gives one for the events.
#[test]
fn libscap_reads_the_broken_files_without_reading_past_blocks() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/broken")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() > 10, "{} broken files", files.len());
    for path in &files {
        let result = LibscapCapture::open_file(path).map_err(|e| e.to_string());
        let outcome = match result {
            Ok(mut capture) => {
                let mut ev = Event::default();
                let mut n = 0;
                loop {
                    match capture.read_event(&mut ev) {
                        Ok(true) => n += 1,
                        Ok(false) => break format!("{n} events"),
                        Err(e) => break format!("{n} events, then {e}"),
                    }
                }
            }
            Err(e) => format!("open failed: {e}"),
        };
        eprintln!("{}: {outcome}", path.display());
        if path.ends_with("event-length-beyond-block.scap") {
            assert!(
                outcome.contains("exceeds its block"),
                "{}: {outcome}",
                path.display()
            );
        }
    }
}
