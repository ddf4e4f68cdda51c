//! Background mode on a saturated machine: the polling thread runs at idle
//! priority, is raised to normal priority when its ring fills (in time to
//! lose nothing), goes idle again after a calm second, and is back at normal
//! priority once the capture has ended.
//!
//! A test binary of its own: cargo runs test binaries one after the other,
//! so no other live test's probe and workload run beside it (their events
//! kept the ring from calming down, and once tipped it into drops).
#![cfg(feature = "ebpf")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use sysflow_capture::{LiveConfig, LiveNext};

#[path = "support/live.rs"]
mod live_support;

/// Linux's `SCHED_OTHER` and `SCHED_IDLE`.
const SCHED_OTHER: u32 = 0;
const SCHED_IDLE: u32 = 5;

/// The calling thread's scheduling policy (field 41 of its `stat`).
fn policy() -> u32 {
    let stat =
        std::fs::read_to_string("/proc/thread-self/stat").expect("read /proc/thread-self/stat");
    live_support::stat_field(&stat, 41)
}

/// Polls while `go_on` returns true, counting the events seen.
fn poll_while(capture: &mut sysflow_capture::LiveCapture, mut go_on: impl FnMut() -> bool) -> u64 {
    let mut seen = 0;
    while go_on() {
        match capture.poll_next().expect("poll") {
            LiveNext::Event(_) => seen += 1,
            LiveNext::Idle => {}
            LiveNext::End => break,
            _ => {}
        }
    }
    seen
}

#[test]
fn background_capture_rises_when_starved_and_loses_nothing() {
    let mut config = LiveConfig::default();
    config.background = true;
    let Some(mut capture) = live_support::start_or_skip(&config, "live background") else {
        return;
    };
    // Background mode starts with the first poll, on the polling thread.
    capture.poll_next().expect("first poll");
    assert_eq!(policy(), SCHED_IDLE, "the polling thread is idle at first");

    // Every CPU busy at normal priority: an idle-priority thread gets
    // almost nothing, and 400 k one-byte copies (800 k events, about 50 MB of
    // records) would overflow the 16 MiB ring three times over if nothing
    // raised the collector. dd runs at nice 10, so that it fills the ring
    // slowly enough for the watchdog's period to matter little.
    let cpus = std::thread::available_parallelism().map_or(2, |n| n.get());
    let busy = Arc::new(AtomicBool::new(true));
    let spinners: Vec<_> = (0..cpus)
        .map(|_| {
            let busy = Arc::clone(&busy);
            std::thread::spawn(move || {
                let mut x = 0u64;
                while busy.load(Ordering::Relaxed) {
                    x = std::hint::black_box(x.wrapping_add(1));
                }
            })
        })
        .collect();
    let mut dd = Command::new("nice")
        .args([
            "-n",
            "10",
            "dd",
            "if=/dev/zero",
            "of=/dev/null",
            "bs=1",
            "count=400000",
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start dd");
    // Once the collector is raised, the spinners stop and dd is killed:
    // what this test checks is that the raise comes before the ring
    // overflows. How fast a raised collector then drains a sustained
    // producer depends on everything else the machine runs (a debug-build
    // collector on a machine under stress lost that race), and is the live
    // benchmarks' business.
    let mut dd_done = false;
    let mut polls = 0u64;
    let mut seen = 0u64;
    while !dd_done {
        polls += 1;
        if polls.is_multiple_of(1024) && capture.stats().expect("stats").priority_raised >= 1 {
            busy.store(false, Ordering::Relaxed);
            // dd may have ended meanwhile: then kill finds nothing to kill.
            let _ = dd.kill();
        }
        if dd.try_wait().expect("wait for dd").is_some() {
            dd_done = true;
            busy.store(false, Ordering::Relaxed);
        }
        match capture.poll_next().expect("poll") {
            LiveNext::Event(_) => seen += 1,
            LiveNext::End => break,
            _ => {}
        }
    }
    // Reaped on every path (the capture could also have ended first).
    let _ = dd.kill();
    dd.wait().expect("reap dd");
    for s in spinners {
        s.join().expect("spinner");
    }
    let raised = capture.stats().expect("stats").priority_raised;
    assert!(
        raised >= 1,
        "the filling ring raised the collector ({seen} events seen)"
    );

    // The load is over: after a calm second the thread goes idle again.
    // The probe sees the whole host, and on a busy one (two CI runs and a
    // stress test beside this one) other processes' events can raise it
    // again as soon as it is idle: a raise counted after this point proves
    // it had gone idle in between, which is what is checked here.
    let raised_before = capture.stats().expect("stats").priority_raised;
    let calm = Instant::now();
    let mut raised_again = false;
    let mut polls = 0u64;
    while calm.elapsed() < Duration::from_secs(60) && policy() != SCHED_IDLE {
        polls += 1;
        if polls.is_multiple_of(1024)
            && capture.stats().expect("stats").priority_raised > raised_before
        {
            raised_again = true;
            break;
        }
        if let LiveNext::End = capture.poll_next().expect("poll") {
            break;
        }
    }
    assert!(
        policy() == SCHED_IDLE || raised_again,
        "idle again once the ring stayed calm (neither idle now nor raised again after going idle; {polls} polls)"
    );

    capture.stop_handle().stop();
    poll_while(&mut capture, || true);
    assert_eq!(policy(), SCHED_OTHER, "normal priority after the capture");
    let stats = capture.stats().expect("stats");
    eprintln!("background: {stats:?}");
    assert_eq!(
        stats.drops_full + stats.drops_too_large + stats.drops_internal,
        0,
        "no drops: {stats:?}"
    );
    assert_eq!(stats.read, stats.submitted, "{stats:?}");
    // The raise mark is an eighth of the 16 MiB ring: at least 2 MiB of
    // dd's records (about 60 bytes each) were captured before it.
    assert!(
        stats.submitted >= 20_000,
        "dd's reads were captured: {stats:?}"
    );
}
