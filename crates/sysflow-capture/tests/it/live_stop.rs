//! A stop asked for while the system keeps making events is prompt: the
//! probe is detached at once and only what the ring already holds is drained.
//! A stop asked for while the probe still loads abandons the start at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use sysflow_capture::{LiveConfig, LiveNext};

#[test]
fn stop_under_load_is_prompt() {
    let mut config = LiveConfig::default();
    config.capture_self = true;
    // A small ring, so that draining what it holds after the stop is quick
    // even for the deliberately slow consumer below.
    config.ring_bytes = 64 << 10;
    let Some(mut capture) = super::live::start_or_skip(&config, "live stop") else {
        return;
    };
    // A thread that never stops making syscalls, so the ring is never empty.
    let busy = Arc::new(AtomicBool::new(true));
    let load = {
        let busy = Arc::clone(&busy);
        std::thread::spawn(move || {
            let dir = std::env::temp_dir();
            while busy.load(Ordering::Relaxed) {
                let _ = std::fs::metadata(&dir);
                let _ = std::fs::File::open("/dev/null");
            }
        })
    };
    // Consume for a while, then ask for a stop while the load goes on.
    let started = Instant::now();
    let mut seen = 0u64;
    while started.elapsed() < Duration::from_millis(500) {
        if let LiveNext::Event(_) = capture.poll_next().expect("poll") {
            seen += 1;
        }
    }
    assert!(seen > 100, "the load made events ({seen})");
    capture.stop_handle().stop();
    let asked = Instant::now();
    let mut drained = 0u64;
    loop {
        match capture.poll_next().expect("poll") {
            LiveNext::End => break,
            _ => {
                // A consumer slower than the load: without detaching at the
                // stop, the ring would never run dry and this would not end.
                std::thread::sleep(Duration::from_millis(1));
                drained += 1;
                assert!(
                    asked.elapsed() < Duration::from_secs(20),
                    "still draining 20 s after the stop, under load ({drained} items since)"
                );
            }
        }
    }
    busy.store(false, Ordering::Relaxed);
    load.join().expect("load thread");
}

/// `start_until` gives up within a few polls of its flag whether the stop
/// comes before the start or while the verifier checks the programs (over
/// a second on a busy 2-CPU machine).
#[test]
fn stop_while_loading_abandons_the_start() {
    let config = LiveConfig::default();
    if let Err(e) = sysflow_capture::check_live_support() {
        assert!(
            !sysflow_test_support::under_ci(),
            "live capture must work under CI: {e}"
        );
        sysflow_test_support::skip(format_args!("live capture is impossible here: {e}"));
        return;
    }
    let stopped = Arc::new(AtomicBool::new(true));
    let asked = Instant::now();
    let start = sysflow_capture::LiveCapture::start_until(&config, Arc::clone(&stopped));
    assert!(matches!(start, Ok(None)), "{start:?}");
    assert!(
        asked.elapsed() < Duration::from_millis(500),
        "{:?}",
        asked.elapsed()
    );

    let stop = Arc::new(AtomicBool::new(false));
    let setter = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            stop.store(true, Ordering::Release);
            Instant::now()
        })
    };
    let start = sysflow_capture::LiveCapture::start_until(&config, stop);
    let returned = Instant::now();
    let asked = setter.join().expect("setter");
    match start {
        Ok(None) => {}
        Ok(Some(_)) => {
            eprintln!("the probe loaded within 100 ms: no stop while loading to test");
            return;
        }
        Err(e) => panic!("{e}"),
    }
    assert!(
        returned.saturating_duration_since(asked) < Duration::from_millis(500),
        "start_until returned {:?} after the stop",
        returned.saturating_duration_since(asked)
    );
}
