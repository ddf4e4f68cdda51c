//! End-to-end tests on the reference collector's golden data: each trace in
//! `../shared/golden/<case>/trace.scap` is converted by the driver, with the
//! reference's test environment, and compared with `expected.sf`.
//!
//! - `every_trace_converts_to_a_valid_file` (always on) checks what holds
//!   already: the run succeeds, reads the whole input, and the output is a
//!   valid `.sf` with our header and the driver's record counts. It prints
//!   the per-case comparison table (matched, missing, extra, ordering-rule
//!   violations); run with `--nocapture` to see it.
//! - `expected_files_keep_the_ordering_rule` checks the ordering checker on
//!   the reference's own output.
//! - One test per case (`golden_<case>`) asserts that our records equal the
//!   expected ones as multisets and keep the ordering rule; they are
//!   run for every case, and on failure
//!   print, for each unmatched record of ours, the fields that differ from
//!   the closest expected one.
//!
//! Without `../shared/golden` the tests skip with a message, unless `CI` is
//! set, where they fail.
//!
//! Modules: `golden/compare.rs` (multiset comparison, field diffs, ordering rule).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "golden/compare.rs"]
mod compare;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use libsysflow::types::SysFlow;
use libsysflow::{Codec, DriverStats, RecordType, SCHEMA_VERSION, SysFlowConfig, SysFlowDriver};

use common::{REFERENCE_TEST_ENV, golden_dir, read_sf};

/// The 13 cases of `../shared/golden`.
const CASES: [&str; 13] = [
    "client-server-tcp-client-server",
    "files-files",
    "files-filesat",
    "mpm-event-cold-start-capture",
    "mpm-event-full-capture",
    "mpm-preforked-cold-start-capture",
    "mpm-preforked-full-capture",
    "mpm-worker-cold-start-capture",
    "namespaces-setns",
    "objectstore-download",
    "objectstore-upload",
    "rename-rename",
    "setuid-setuid",
];

/// What one conversion gave.
struct Run {
    out: PathBuf,
    ours: Vec<SysFlow>,
    expected: Vec<SysFlow>,
    stats: DriverStats,
}

/// Converts one case's trace as `sysporter -r trace.scap -w out.sf -e tests`
/// does under the reference's test environment.
fn convert(golden: &Path, case: &str, tmp: &Path) -> Run {
    let env: HashMap<&str, &str> = REFERENCE_TEST_ENV.into_iter().collect();
    let mut config = SysFlowConfig::default();
    config.apply_env_with(|name| env.get(name).map(|v| v.to_string()));
    config.exporter_id = "tests".into();
    config.scap_input_path = Some(golden.join(case).join("trace.scap"));
    let out = tmp.join(format!("{case}.sf"));
    config.file_path = Some(out.clone());
    let mut driver = SysFlowDriver::new(config).unwrap_or_else(|e| panic!("{case}: {e}"));
    if let Err(e) = driver.run() {
        panic!("{case}: {:#}", Chain(&e));
    }
    Run {
        ours: read_sf(&out),
        expected: read_sf(&golden.join(case).join("expected.sf")),
        stats: driver.stats().clone(),
        out,
    }
}

/// Formats an error with its sources.
struct Chain<'a>(&'a dyn std::error::Error);

impl std::fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(s) = source {
            write!(f, ": {s}")?;
            source = s.source();
        }
        Ok(())
    }
}

#[test]
fn every_trace_converts_to_a_valid_file() {
    let Some(golden) = golden_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut table =
        String::from("case                               matched missing   extra   order\n");
    for case in CASES {
        let run = convert(&golden, case, tmp.path());
        let SysFlow::Header(h) = &run.ours[0] else {
            panic!(
                "{case}: the first record is {:?}, not a header",
                run.ours[0]
            );
        };
        assert_eq!(h.version, SCHEMA_VERSION, "{case}");
        assert_eq!(h.exporter, "tests", "{case}");
        assert_eq!(h.ip, "", "{case}");
        assert_eq!(Path::new(&h.filename), run.out, "{case}");
        let headers = run
            .ours
            .iter()
            .filter(|r| matches!(r, SysFlow::Header(_)))
            .count();
        assert_eq!(headers, 1, "{case}: an offline run writes one segment");
        assert_eq!(run.stats.records_total(), run.ours.len() as u64, "{case}");
        assert_eq!(run.stats.records_of(RecordType::Header), 1, "{case}");
        assert!(run.stats.events > 0, "{case}: no events read");
        assert_eq!(
            Some(run.stats.bytes_read),
            run.stats.bytes_total,
            "{case}: input not read to the end"
        );
        // Informational until the core is complete: the per-case tests assert these.
        let cmp = compare::compare(&run.ours, &run.expected);
        let order = compare::ordering_violations(&run.ours);
        table.push_str(&format!(
            "{case:<34} {:>7} {:>7} {:>7} {:>7}\n",
            cmp.matched,
            cmp.missing.len(),
            cmp.extra.len(),
            order.len()
        ));
    }
    eprintln!("{table}");
}

#[test]
fn expected_files_keep_the_ordering_rule() {
    let Some(golden) = golden_dir() else { return };
    for case in CASES {
        let expected = read_sf(&golden.join(case).join("expected.sf"));
        let bad = compare::ordering_violations(&expected);
        assert!(bad.is_empty(), "{case}: {}", bad.join("\n"));
    }
}

/// Converts one case and asserts that it matches the reference.
fn check_case(case: &str) {
    let Some(golden) = golden_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let run = convert(&golden, case, tmp.path());
    let cmp = compare::compare(&run.ours, &run.expected);
    let order = compare::ordering_violations(&run.ours);
    eprintln!("{case}:\n{}", cmp.report(20));
    assert!(
        order.is_empty(),
        "{case}: ordering rule broken:\n{}",
        order.join("\n")
    );
    assert!(
        cmp.is_match(),
        "{case}: the records differ from the reference (see above)"
    );
}

macro_rules! golden_cases {
    ($($(#[$attr:meta])* $name:ident => $case:literal),* $(,)?) => {$(
        #[test]
        $(#[$attr])*
        fn $name() {
            check_case($case);
        }
    )*};
}

golden_cases! {
    golden_client_server_tcp_client_server => "client-server-tcp-client-server",
    golden_files_files => "files-files",
    golden_files_filesat => "files-filesat",
    golden_mpm_event_cold_start_capture => "mpm-event-cold-start-capture",
    golden_mpm_event_full_capture => "mpm-event-full-capture",
    golden_mpm_preforked_cold_start_capture => "mpm-preforked-cold-start-capture",
    golden_mpm_preforked_full_capture => "mpm-preforked-full-capture",
    golden_mpm_worker_cold_start_capture => "mpm-worker-cold-start-capture",
    golden_namespaces_setns => "namespaces-setns",
    golden_objectstore_download => "objectstore-download",
    golden_objectstore_upload => "objectstore-upload",
    golden_rename_rename => "rename-rename",
    golden_setuid_setuid => "setuid-setuid",
}

#[test]
fn every_case_has_a_test() {
    // The macro's list and CASES must not drift apart.
    let source = include_str!("golden.rs");
    for case in CASES {
        assert!(
            source.contains(&format!("=> \"{case}\"")),
            "{case} has no golden test"
        );
    }
}

#[test]
fn progress_is_reported_up_to_the_whole_input() {
    use std::sync::{Arc, Mutex};

    let Some(golden) = golden_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut config = SysFlowConfig::default();
    config.scap_input_path = Some(golden.join("mpm-event-full-capture/trace.scap"));
    config.file_path = Some(tmp.path().join("out.sf"));
    let mut driver = SysFlowDriver::new(config).unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    driver.on_progress(move |p| sink.lock().unwrap().push(*p));
    driver.run().unwrap();
    let seen = seen.lock().unwrap();
    assert!(seen.len() > 2, "only {} reports", seen.len());
    assert!(
        seen.windows(2)
            .all(|w| w[0].bytes_read <= w[1].bytes_read && w[0].items <= w[1].items)
    );
    let last = seen.last().unwrap();
    assert_eq!(Some(last.bytes_read), last.bytes_total);
    assert_eq!(last.events, driver.stats().events);
}

#[test]
fn an_exit_request_stops_before_the_next_item_and_closes_the_file() {
    let Some(golden) = golden_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut config = SysFlowConfig::default();
    config.scap_input_path = Some(golden.join("setuid-setuid/trace.scap"));
    let out = tmp.path().join("out.sf");
    config.file_path = Some(out.clone());
    let mut driver = SysFlowDriver::new(config).unwrap();
    driver.exit();
    driver.run().unwrap();
    assert!(driver.stats().exited_early);
    assert_eq!(driver.stats().items, 0);
    assert!(matches!(read_sf(&out)[..], [SysFlow::Header(_), ..]));
}

/// The output's deflate level is the configured one: level 0 stores the
/// blocks, level 1 packs them less tightly than the default (the
/// reference's 6), and every level gives the same records. Levels past 9
/// are refused.
#[test]
fn compression_level_changes_bytes_not_records() {
    let Some(golden) = golden_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let case = "objectstore-download";
    let convert_at = |level: Option<u32>| {
        let mut config = SysFlowConfig::default();
        config.scap_input_path = Some(golden.join(case).join("trace.scap"));
        // Names of one length: the header, which holds it, is compressed too.
        let out = tmp.path().join(format!("{}.sf", level.unwrap_or(6)));
        config.file_path = Some(out.clone());
        config.compression_level = level;
        SysFlowDriver::new(config).unwrap().run().unwrap();
        let len = std::fs::metadata(&out).unwrap().len();
        let records: Vec<SysFlow> = read_sf(&out)
            .into_iter()
            .filter(|r| !matches!(r, SysFlow::Header(_)))
            .collect();
        (len, records)
    };
    let (stored, at0) = convert_at(Some(0));
    let (default, at6) = convert_at(None);
    let (fast, at1) = convert_at(Some(1));
    assert!(
        stored > 2 * default,
        "level 0: {stored} B, default: {default} B"
    );
    assert!(fast > default, "level 1: {fast} B, default: {default} B");
    assert!(!at6.is_empty());
    assert_eq!(at0, at6);
    assert_eq!(at1, at6);

    let mut config = SysFlowConfig::default();
    config.scap_input_path = Some(golden.join(case).join("trace.scap"));
    config.file_path = Some(tmp.path().join("x.sf"));
    config.compression_level = Some(10);
    let err = SysFlowDriver::new(config).expect_err("level 10 accepted");
    assert!(err.to_string().contains("compression_level"), "{err}");
}

/// The `zstandard` codec (not the reference's) writes the same records as
/// deflate, in a file that says `zstandard`, at the level asked for; zstd
/// levels past 19 are refused, 10 to 19 taken.
#[test]
fn zstandard_codec_writes_the_same_records() {
    let Some(golden) = golden_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let case = "objectstore-download";
    let convert = |codec: Codec, level: Option<u32>| {
        let mut config = SysFlowConfig::default();
        config.scap_input_path = Some(golden.join(case).join("trace.scap"));
        let out = tmp.path().join(format!("{codec:?}-{level:?}.sf"));
        config.file_path = Some(out.clone());
        config.file_codec = codec;
        config.compression_level = level;
        SysFlowDriver::new(config).unwrap().run().unwrap();
        let bytes = std::fs::read(&out).unwrap();
        let records: Vec<SysFlow> = read_sf(&out)
            .into_iter()
            .filter(|r| !matches!(r, SysFlow::Header(_)))
            .collect();
        (bytes, records)
    };
    let (deflate, expected) = convert(Codec::Deflate, None);
    let (zstd, records) = convert(Codec::Zstandard, None);
    let (zstd19, records19) = convert(Codec::Zstandard, Some(19));
    assert!(!expected.is_empty());
    assert_eq!(records, expected);
    assert_eq!(records19, expected);
    let says = |file: &[u8], name: &str| file.windows(name.len()).any(|w| w == name.as_bytes());
    assert!(says(&zstd, "zstandard") && !says(&deflate, "zstandard"));
    // The level reaches the compressor (sizes against deflate are the
    // codec bench's: this file is mostly its uncompressed header).
    assert!(
        zstd19.len() < zstd.len(),
        "zstandard level 3 {} B, level 19 {} B",
        zstd.len(),
        zstd19.len()
    );

    let mut config = SysFlowConfig::default();
    config.scap_input_path = Some(golden.join(case).join("trace.scap"));
    config.file_path = Some(tmp.path().join("x.sf"));
    config.file_codec = Codec::Zstandard;
    config.compression_level = Some(20);
    let err = SysFlowDriver::new(config).expect_err("zstd level 20 accepted");
    assert!(err.to_string().contains("zstandard levels"), "{err}");
}

/// `filter_containers` (`filterContainers`, `sysporter -c`) keeps the
/// events of processes in containers and drops the others, as the
/// reference's `-c`: the httpd trace runs in a container and keeps every
/// record, the file-operations trace runs on the host and keeps none.
#[test]
fn filter_containers_keeps_only_processes_in_containers() {
    let Some(golden) = golden_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let run = |case: &str, filter: bool| {
        let out = tmp.path().join(format!("{case}-{filter}.sf"));
        let config = SysFlowConfig::builder()
            .scap_input_path(golden.join(case).join("trace.scap"))
            .file_path(&out)
            .exporter_id("tests")
            .filter_containers(filter)
            .build();
        SysFlowDriver::new(config).unwrap().run().unwrap();
        read_sf(&out)
            .into_iter()
            .filter(|r| !matches!(r, SysFlow::Header(_)))
            .collect::<Vec<_>>()
    };
    let in_container = run("mpm-event-full-capture", true);
    assert!(in_container.len() > 100);
    // Every event and flow is of a process in a container (ancestors
    // outside it may still be written, as the reference writes them).
    let mut containerized = HashMap::new();
    for r in &in_container {
        match r {
            SysFlow::Process(p) => {
                containerized.insert(p.oid, p.container_id.is_some());
            }
            SysFlow::ProcessEvent(e) => assert!(containerized[&e.proc_oid], "{e:?}"),
            SysFlow::FileFlow(f) => assert!(containerized[&f.proc_oid], "{f:?}"),
            SysFlow::NetworkFlow(f) => assert!(containerized[&f.proc_oid], "{f:?}"),
            SysFlow::FileEvent(e) => assert!(containerized[&e.proc_oid], "{e:?}"),
            _ => {}
        }
    }
    assert_eq!(in_container, run("mpm-event-full-capture", false));
    assert!(!run("files-files", false).is_empty());
    assert_eq!(run("files-files", true), Vec::<SysFlow>::new());
}

/// The callback gets every behaviour record the file gets, in order, with
/// the segment's real header and the record's process and files resolved.
#[test]
fn the_callback_gets_every_behaviour_record_with_its_entities() {
    use std::sync::{Arc, Mutex};

    use libsysflow::types::SfHeader;

    let Some(golden) = golden_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    for case in CASES {
        let out = tmp.path().join(format!("{case}.sf"));
        /// What the callback saw of one record.
        type Seen = (
            SfHeader,
            SysFlow,
            Option<i64>,
            Option<String>,
            Option<String>,
        );
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let sink = Arc::clone(&seen);
        let config = SysFlowConfig::builder()
            .scap_input_path(golden.join(case).join("trace.scap"))
            .file_path(&out)
            .exporter_id("tests")
            .node_ip("10.1.2.3")
            .callback(move |r| {
                sink.lock().unwrap().push((
                    r.header.clone(),
                    r.record.clone(),
                    r.process.map(|p| p.oid.hpid),
                    r.file.map(|f| f.path.clone()),
                    r.new_file.map(|f| f.path.clone()),
                ))
            })
            .build();
        let mut driver = SysFlowDriver::new(config).unwrap();
        driver.run().unwrap();
        let seen = std::mem::take(&mut *seen.lock().unwrap());
        let file = read_sf(&out);
        let behaviour: Vec<&SysFlow> = file
            .iter()
            .filter(|r| {
                !matches!(
                    r,
                    SysFlow::Header(_)
                        | SysFlow::Container(_)
                        | SysFlow::Process(_)
                        | SysFlow::File(_)
                        | SysFlow::Pod(_)
                )
            })
            .collect();
        assert!(!behaviour.is_empty(), "{case}");
        let got: Vec<&SysFlow> = seen.iter().map(|s| &s.1).collect();
        assert_eq!(got, behaviour, "{case}");
        for (header, rec, pid, file, new_file) in &seen {
            assert_eq!(header.version, SCHEMA_VERSION);
            assert_eq!(header.exporter, "tests");
            assert_eq!(header.ip, "10.1.2.3");
            assert!(pid.is_some(), "{case}: no process for {rec:?}");
            match rec {
                SysFlow::FileFlow(_) => assert!(file.is_some(), "{case}: {rec:?}"),
                SysFlow::FileEvent(e) => {
                    assert!(file.is_some(), "{case}: {rec:?}");
                    assert_eq!(new_file.is_some(), e.new_file_oid.is_some(), "{case}");
                }
                _ => {}
            }
        }
        assert_eq!(driver.stats().behaviour_records(), seen.len() as u64);
        let stats = driver
            .stats()
            .output(libsysflow::OutputKind::Callback)
            .unwrap();
        assert_eq!(stats.sink.dropped_total(), 0);
    }
}

/// With a callback alone, `records_total` counts the headers and entities
/// the callback never sees as calls; `behaviour_records` counts the calls.
#[test]
fn behaviour_records_count_the_callbacks_calls() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    let Some(golden) = golden_dir() else { return };
    let calls = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&calls);
    let config = SysFlowConfig::builder()
        .scap_input_path(golden.join("files-files").join("trace.scap"))
        .exporter_id("tests")
        .callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        })
        .build();
    let mut driver = SysFlowDriver::new(config).unwrap();
    driver.run().unwrap();
    let stats = driver.stats();
    let calls = calls.load(Ordering::Relaxed);
    assert!(calls > 0);
    assert_eq!(stats.behaviour_records(), calls);
    assert!(stats.records_total() > calls, "entities are counted too");
}
