//! The example consumers, run as a user runs them, on golden traces
//! (`../shared/golden`; skipped with a message when absent, failing under
//! CI): `consumer -r` prints one line per event and flow record, naming its
//! process and file, after the header; `socket-consumer` prints the same
//! lines for the same records streamed over its socket.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use libsysflow::types::{SfReader, SysFlow};
use libsysflow::{ENV_OVERRIDES, SysFlowConfig, SysFlowDriver};

/// The environment the reference's golden outputs were made with.
const REFERENCE_TEST_ENV: [(&str, &str); 4] = [
    ("ENABLE_PROC_FLOW", "0"),
    ("FILE_ONLY", "0"),
    ("FILE_READ_MODE", "0"),
    ("ENABLE_DROP_MODE", "0"),
];

/// A golden case's trace, or `None` (a counted skip) without `../shared`.
fn trace(case: &str) -> Option<PathBuf> {
    let path = sysflow_test_support::golden_dir()?
        .join(case)
        .join("trace.scap");
    assert!(
        path.is_file(),
        "{} is missing from ../shared",
        path.display()
    );
    Some(path)
}

/// The example binary with the reference's test environment and no other
/// override inherited.
fn example(name: &str) -> Command {
    let bin = match name {
        "consumer" => env!("CARGO_BIN_EXE_consumer"),
        _ => env!("CARGO_BIN_EXE_socket-consumer"),
    };
    let mut cmd = Command::new(bin);
    for var in ENV_OVERRIDES {
        cmd.env_remove(var);
    }
    cmd.envs(REFERENCE_TEST_ENV);
    cmd
}

/// The driver's configuration matching the examples' (defaults and the
/// reference's test environment).
fn config() -> SysFlowConfig {
    let env: HashMap<&str, &str> = REFERENCE_TEST_ENV.into_iter().collect();
    let mut config = SysFlowConfig::default();
    config.apply_env_with(|name| env.get(name).map(|v| (*v).to_owned()));
    config
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn consumer(trace: &Path) -> Output {
    let out = example("consumer").arg("-r").arg(trace).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    out
}

#[test]
fn consumer_prints_one_line_per_event_and_flow_record() {
    for case in [
        "rename-rename",
        "client-server-tcp-client-server",
        "files-files",
    ] {
        let Some(trace) = trace(case) else { return };
        let out = consumer(&trace);
        let stdout = text(&out.stdout);
        let lines: Vec<&str> = stdout.lines().collect();

        // The same records, written to a file by the driver.
        let dir = tempfile::tempdir().unwrap();
        let sf = dir.path().join("out.sf");
        let mut c = config();
        c.scap_input_path = Some(trace.clone());
        c.file_path = Some(sf.clone());
        SysFlowDriver::new(c).unwrap().run().unwrap();
        let records: Vec<SysFlow> = SfReader::open(&sf)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut processes = HashMap::new();
        let mut files = HashMap::new();
        let mut behaviour = Vec::new();
        for r in &records {
            match r {
                SysFlow::Process(p) => {
                    processes.insert(p.oid, p.clone());
                }
                SysFlow::File(f) => {
                    files.insert(f.oid, f.path.clone());
                }
                SysFlow::Header(_) | SysFlow::Container(_) | SysFlow::Pod(_) => {}
                other => behaviour.push(other.clone()),
            }
        }
        assert!(!behaviour.is_empty(), "{case}");
        assert_eq!(lines.len(), behaviour.len(), "{case}:\n{stdout}");
        for (line, rec) in lines.iter().zip(&behaviour) {
            let (proc_oid, file) = match rec {
                SysFlow::ProcessEvent(e) => (e.proc_oid, None),
                SysFlow::ProcessFlow(f) => (f.proc_oid, None),
                SysFlow::NetworkFlow(f) => (f.proc_oid, None),
                SysFlow::NetworkEvent(e) => (e.proc_oid, None),
                SysFlow::FileFlow(f) => (f.proc_oid, Some(f.file_oid)),
                SysFlow::FileEvent(e) => (e.proc_oid, Some(e.file_oid)),
                other => panic!("{other:?}"),
            };
            assert!(
                line.starts_with(&format!("{} ", rec.record_type())),
                "{case}: {line} for {rec:?}"
            );
            let p = &processes[&proc_oid];
            assert!(
                line.contains(&format!(" pid={} exe={}", p.oid.hpid, p.exe)),
                "{case}: {line}"
            );
            if let Some(file) = file {
                assert!(
                    line.contains(&format!(" file={}", files[&file])),
                    "{case}: {line}"
                );
            }
        }
        // The callback's header is the real one: schema, exporter (the
        // capture's host name), no file name (there is no file).
        let stderr = text(&out.stderr);
        let header = stderr
            .lines()
            .find(|l| l.starts_with("header: "))
            .unwrap_or_else(|| panic!("{case}: no header line: {stderr}"));
        assert!(
            header.starts_with("header: version=5 exporter="),
            "{header}"
        );
        assert!(!header.contains("exporter= "), "empty exporter: {header}");
    }
}

#[test]
fn socket_consumer_prints_the_same_lines_for_the_streamed_records() {
    let Some(trace) = trace("rename-rename") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("sf.sock");
    let server = example("socket-consumer")
        .arg("--once")
        .arg(&sock)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let waited = Instant::now();
    while !sock.exists() && waited.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&sock).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600, "the socket is the owner's only");

    let mut c = config();
    c.scap_input_path = Some(trace.clone());
    c.socket_path = Some(sock.clone());
    let mut driver = SysFlowDriver::new(c).unwrap();
    driver.run().unwrap();
    let streamed = server.wait_with_output().unwrap();
    assert!(streamed.status.success(), "{}", text(&streamed.stderr));
    assert!(!sock.exists(), "--once removes its socket");

    let direct = consumer(&trace);
    assert!(!direct.stdout.is_empty());
    assert_eq!(text(&streamed.stdout), text(&direct.stdout));
    assert_eq!(
        text(&streamed.stderr),
        text(&direct.stderr),
        "the same header"
    );
}
