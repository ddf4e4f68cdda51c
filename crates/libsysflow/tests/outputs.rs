//! One output's trouble is not every output's (issue 14, item 5): an output
//! whose disk is full is closed and reported, the others go on, and `run`
//! ends with `OutputIncomplete` once they are complete.
//!
//! - `a_full_disk_under_the_file_leaves_the_callback_whole`: a capture
//!   converted to a `.sf` file on a full file system and a callback; the
//!   callback gets every record a run without the file gives.
//! - `a_full_disk_under_the_saved_capture_leaves_the_records_whole` (live):
//!   `--scap-out` on a full file system; the `.sf` file still gets the
//!   records of what runs after the failure.
//! - `a_full_disk_under_the_file_leaves_the_saved_capture_whole` (live): the
//!   reverse; the saved capture holds what runs after the file failed.
//!
//! A full disk is a small tmpfs mounted for the test (root); without root
//! the tests skip with a message, except under CI.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use libsysflow::types::{SfReader, SysFlow};
use libsysflow::{ErrorCode, OutputKind, SysFlowConfig, SysFlowDriver, SysFlowError};

mod common;
use common::{REFERENCE_TEST_ENV, golden_dir, live_driver_or_skip, live_turn, read_sf};

/// A tmpfs of `size` mounted on a temporary directory, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` (after saying so) where mounting is not allowed, except under CI.
    fn mount(size: &str, what: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(
                !sysflow_test_support::under_ci(),
                "{what}: cannot mount a tmpfs, and CI runs as root"
            );
            sysflow_test_support::skip("cannot mount a tmpfs (not root)");
            return None;
        }
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills what is left of it.
    fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.path().join("filler")).unwrap();
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).is_ok() {}
        // A last partial page.
        while f.write_all(&block[..512]).is_ok() {}
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn offline(trace: &Path, file: Option<PathBuf>) -> SysFlowConfig {
    let env: HashMap<&str, &str> = REFERENCE_TEST_ENV.into_iter().collect();
    let mut config = SysFlowConfig::builder()
        .scap_input_path(trace)
        .exporter_id("tests")
        .build();
    config.file_path = file;
    config.apply_env_with(|name| env.get(name).map(|v| (*v).to_owned()));
    config
}

/// Every record the callback got, as its debug text.
fn with_callback(config: &mut SysFlowConfig) -> Arc<Mutex<Vec<String>>> {
    let got = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&got);
    config.callback = Some(libsysflow::Callback::new(move |r| {
        sink.lock().unwrap().push(format!("{:?}", r.record));
    }));
    got
}

/// Fails unless `err` says the output of `kind` failed while the others went on.
fn assert_output_failed(err: &SysFlowError, kind: OutputKind) {
    assert_eq!(err.code(), ErrorCode::OutputIncomplete, "{err}");
    match err {
        SysFlowError::OutputFailed { kind: k, .. } => assert_eq!(*k, kind, "{err}"),
        other => panic!("{other:?}"),
    }
    let chain = std::iter::successors(std::error::Error::source(err), |e| e.source())
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ");
    assert!(chain.contains("No space left on device"), "{err}: {chain}");
}

#[test]
fn a_full_disk_under_the_file_leaves_the_callback_whole() {
    let Some(golden) = golden_dir() else { return };
    let trace = golden.join("mpm-event-full-capture/trace.scap");
    // The callback alone.
    let mut config = offline(&trace, None);
    let alone = with_callback(&mut config);
    SysFlowDriver::new(config).unwrap().run().unwrap();
    let alone = alone.lock().unwrap().clone();
    assert!(alone.len() > 1000);

    // With a file on a disk that holds its header and little more.
    let Some(disk) = Tmpfs::mount("8k", "the full-disk test") else {
        return;
    };
    let mut config = offline(&trace, Some(disk.path().join("out.sf")));
    let got = with_callback(&mut config);
    let mut driver = SysFlowDriver::new(config).unwrap();
    let err = driver.run().unwrap_err();
    assert_output_failed(&err, OutputKind::File);
    assert_eq!(driver.stats().output_failures, 1);
    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), alone.len(), "the callback lost records");
    assert!(got == alone);
}

/// Waits until `path` exists (the live driver made it), or fails.
fn wait_for(path: &Path, run: &std::thread::JoinHandle<impl Sized>) {
    let started = Instant::now();
    while !path.exists() {
        assert!(!run.is_finished(), "the driver stopped before {path:?}");
        assert!(started.elapsed() < Duration::from_secs(60), "no {path:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
}

/// Runs `/bin/true MARKER` and waits a little for its events.
fn marker(marker: &str) {
    let _ = Command::new("/bin/true").arg(marker).status();
    std::thread::sleep(Duration::from_millis(500));
}

fn has_marker(records: &[SysFlow], marker: &str) -> bool {
    records
        .iter()
        .any(|r| matches!(r, SysFlow::Process(p) if p.exe_args.contains(marker)))
}

fn live_config(file: PathBuf, scap: PathBuf) -> SysFlowConfig {
    let mut config = SysFlowConfig::builder()
        .file_path(file)
        .exporter_id("outputs")
        .build();
    config.scap_output_path = Some(scap);
    config.rotate_interval = 0;
    config
}

#[test]
fn a_full_disk_under_the_saved_capture_leaves_the_records_whole() {
    let _turn = live_turn();
    let Some(disk) = Tmpfs::mount("16m", "the live full-disk test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.sf");
    let scap = disk.path().join("live.scap");
    let Some(mut driver) = live_driver_or_skip(
        live_config(out.clone(), scap.clone()),
        "the live full-disk test",
    ) else {
        return;
    };
    let exit = driver.exit_handle();
    let run = std::thread::spawn(move || {
        let result = driver.run();
        (result, driver)
    });
    wait_for(&scap, &run);
    disk.fill();
    // The saved capture fails at its next buffer of events.
    for _ in 0..20 {
        let _ = Command::new("/bin/true").status();
    }
    std::thread::sleep(Duration::from_millis(500));
    marker("after-the-scap-failed-4242");
    exit.exit();
    let (result, driver) = run.join().unwrap();
    let err = result.unwrap_err();
    assert_output_failed(&err, OutputKind::Scap);
    assert_eq!(driver.stats().output_failures, 1);
    let records = read_sf(&out);
    assert!(
        has_marker(&records, "after-the-scap-failed-4242"),
        "the records stopped with the saved capture"
    );
}

#[test]
fn a_full_disk_under_the_file_leaves_the_saved_capture_whole() {
    let _turn = live_turn();
    let Some(disk) = Tmpfs::mount("1m", "the live full-disk test") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = disk.path().join("out.sf");
    let scap = dir.path().join("live.scap");
    let Some(mut driver) = live_driver_or_skip(
        live_config(out.clone(), scap.clone()),
        "the live full-disk test",
    ) else {
        return;
    };
    let exit = driver.exit_handle();
    let run = std::thread::spawn(move || {
        let result = driver.run();
        (result, driver)
    });
    wait_for(&scap, &run);
    disk.fill();
    // Records enough for the file to write blocks: file flows of every file
    // tar reads.
    let _ = Command::new("sh")
        .args([
            "-c",
            "tar cf - /usr/share/doc /usr/lib/x86_64-linux-gnu 2>/dev/null | cat > /dev/null",
        ])
        .status();
    std::thread::sleep(Duration::from_millis(500));
    marker("after-the-file-failed-4242");
    exit.exit();
    let (result, driver) = run.join().unwrap();
    let err = result.unwrap_err();
    assert_output_failed(&err, OutputKind::File);
    assert_eq!(driver.stats().output_failures, 1);
    // The file stopped before the marker (what it holds, as far as it can
    // be read), the saved capture did not.
    let in_file: Vec<SysFlow> = SfReader::open(&out)
        .map(|r| r.map_while(Result::ok).collect())
        .unwrap_or_default();
    assert!(
        !has_marker(&in_file, "after-the-file-failed-4242"),
        "the file did not fail before the marker: the workload is too small"
    );
    let bytes = std::fs::read(&scap).unwrap();
    let needle = b"after-the-file-failed-4242";
    assert!(
        bytes.windows(needle.len()).any(|w| w == needle),
        "the saved capture stopped with the file"
    );
    // And it is a whole capture: it replays to its end.
    let replay = dir.path().join("replay.sf");
    let mut config = SysFlowConfig::builder()
        .scap_input_path(&scap)
        .file_path(&replay)
        .build();
    config.exporter_id = "replay".into();
    SysFlowDriver::new(config).unwrap().run().unwrap();
    assert!(has_marker(&read_sf(&replay), "after-the-file-failed-4242"));
}
