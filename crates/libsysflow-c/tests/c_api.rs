//! The C API called as C calls it (through its `extern "C"` functions):
//! bad input gets an error code and a message and never crashes; defaults
//! are the reference's; a golden trace delivers through the C callback the
//! records, entities and strings the Rust callback gets; a callback that
//! returns non-zero stops the run with `SF_ERROR_CALLBACK` and a valid
//! file; `sf_driver_exit` from another thread stops a run.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::ffi::{CStr, CString, c_char, c_void};
use std::path::Path;
use std::ptr;

use libsysflow::types::{SfReader, SysFlow};
use libsysflow::{SysFlowConfig, SysFlowDriver};
use sysflow::*;
use sysflow_test_support::golden_dir;

/// The reference's golden-test environment, as configuration keys.
const GOLDEN_SETTINGS: [(u32, bool); 3] = [
    (SF_CONFIG_ENABLE_PROCESS_FLOW, false),
    (SF_CONFIG_FILE_ONLY, false),
    (SF_CONFIG_DROP_MODE, false),
];

fn last_error() -> (i32, String) {
    let message = unsafe { CStr::from_ptr(sf_last_error_message()) };
    (sf_last_error_code(), message.to_string_lossy().into_owned())
}

/// Asserts the last call failed with `code` and a message containing `words`.
fn assert_failed(status: i32, code: i32, words: &str) {
    assert_eq!(status, SF_FAILED);
    let (actual, message) = last_error();
    assert_eq!(actual, code, "message: {message}");
    assert!(message.contains(words), "`{message}` should say `{words}`");
}

fn golden_config(trace: &Path) -> *mut sf_config {
    let config = sf_config_new();
    assert!(!config.is_null());
    let path = CString::new(trace.to_str().unwrap()).unwrap();
    unsafe {
        assert_eq!(
            sf_config_set_string(config, SF_CONFIG_SCAP_INPUT_PATH, path.as_ptr()),
            SF_OK
        );
        for (key, value) in GOLDEN_SETTINGS {
            assert_eq!(sf_config_set_bool(config, key, value), SF_OK);
        }
        assert_eq!(
            sf_config_set_int(config, SF_CONFIG_FILE_READ_MODE, 0),
            SF_OK
        );
    }
    config
}

#[test]
fn null_pointers_are_refused_with_a_message() {
    unsafe {
        assert_failed(
            sf_config_set_bool(ptr::null_mut(), SF_CONFIG_FILE_ONLY, true),
            SF_ERROR_INVALID_ARGUMENT,
            "null",
        );
        assert_failed(
            sf_config_apply_env(ptr::null_mut()),
            SF_ERROR_INVALID_ARGUMENT,
            "null",
        );
        assert!(sf_driver_new(ptr::null()).is_null());
        assert_eq!(last_error().0, SF_ERROR_INVALID_ARGUMENT);
        assert_failed(
            sf_driver_run(ptr::null_mut()),
            SF_ERROR_INVALID_ARGUMENT,
            "null",
        );
        // Nothing to do, and nothing to crash on.
        sf_driver_exit(ptr::null_mut());
        sf_driver_free(ptr::null_mut());
        sf_config_free(ptr::null_mut());

        let config = sf_config_new();
        assert_failed(
            sf_config_set_string(config, SF_CONFIG_FILE_PATH, ptr::null()),
            SF_ERROR_INVALID_ARGUMENT,
            "SF_CONFIG_FILE_PATH: the value is a null pointer",
        );
        assert_failed(
            sf_config_get_int(config, SF_CONFIG_ROTATE_INTERVAL, ptr::null_mut()),
            SF_ERROR_INVALID_ARGUMENT,
            "null",
        );
        sf_config_free(config);
    }
}

#[test]
fn unknown_keys_kinds_and_enum_values_are_refused() {
    let config = sf_config_new();
    unsafe {
        assert_failed(
            sf_config_set_bool(config, 999, true),
            SF_ERROR_INVALID_ARGUMENT,
            "unknown configuration key 999",
        );
        assert_failed(
            sf_config_set_bool(config, SF_CONFIG_FILE_PATH, true),
            SF_ERROR_INVALID_ARGUMENT,
            "SF_CONFIG_FILE_PATH holds a string",
        );
        for (key, bad) in [
            (SF_CONFIG_DRIVER_TYPE, 4),
            (SF_CONFIG_DRIVER_TYPE, -1),
            (SF_CONFIG_COLLECTION_MODE, 3),
            (SF_CONFIG_FILE_READ_MODE, 7),
            (SF_CONFIG_SAMPLING_RATIO, 0),
            (SF_CONFIG_COMPRESSION_LEVEL, 20),
            (SF_CONFIG_FILE_CODEC, 3),
            (SF_CONFIG_FILE_CODEC, -1),
            (SF_CONFIG_CPU_BUFFERS, -2),
        ] {
            assert_failed(
                sf_config_set_int(config, key, bad),
                SF_ERROR_INVALID_ARGUMENT,
                "out of range",
            );
        }
        // A refused value leaves the field as it was.
        let mut driver_type = 0;
        assert_eq!(
            sf_config_get_int(config, SF_CONFIG_DRIVER_TYPE, &mut driver_type),
            SF_OK
        );
        assert_eq!(driver_type, 3, "NO_DRIVER");
        sf_config_free(config);
    }
}

#[test]
fn non_utf8_strings_are_refused() {
    let config = sf_config_new();
    let bad = b"/tmp/caf\xe9.scap\0";
    unsafe {
        assert_failed(
            sf_config_set_string(
                config,
                SF_CONFIG_SCAP_INPUT_PATH,
                bad.as_ptr().cast::<c_char>(),
            ),
            SF_ERROR_INVALID_ARGUMENT,
            "not UTF-8",
        );
        let mut value: *const c_char = ptr::null();
        assert_eq!(
            sf_config_get_string(config, SF_CONFIG_SCAP_INPUT_PATH, &mut value),
            SF_OK
        );
        assert_eq!(CStr::from_ptr(value).to_bytes(), b"", "still unset");
        sf_config_free(config);
    }
}

#[test]
fn defaults_are_the_references() {
    let config = sf_config_new();
    let defaults = SysFlowConfig::default();
    unsafe {
        let int = |key| {
            let mut v = -42;
            assert_eq!(sf_config_get_int(config, key, &mut v), SF_OK);
            v
        };
        let flag = |key| {
            let mut v = false;
            assert_eq!(sf_config_get_bool(config, key, &mut v), SF_OK);
            v
        };
        assert_eq!(int(SF_CONFIG_ROTATE_INTERVAL), 300);
        assert_eq!(int(SF_CONFIG_SAMPLING_RATIO), 1);
        assert_eq!(int(SF_CONFIG_CRI_TIMEOUT), 30);
        assert_eq!(int(SF_CONFIG_FILE_READ_MODE), 2);
        assert_eq!(int(SF_CONFIG_COLLECTION_MODE), 0);
        assert_eq!(int(SF_CONFIG_DRIVER_TYPE), 3);
        assert_eq!(
            int(SF_CONFIG_SINGLE_BUFFER_DIMENSION),
            defaults.single_buffer_dimension as i64
        );
        assert_eq!(int(SF_CONFIG_COMPRESSION_LEVEL), -1);
        assert_eq!(int(SF_CONFIG_FILE_CODEC), 0);
        assert_eq!(sf_config_set_int(config, SF_CONFIG_FILE_CODEC, 1), SF_OK);
        assert_eq!(int(SF_CONFIG_FILE_CODEC), 1);
        assert_eq!(sf_config_set_int(config, SF_CONFIG_FILE_CODEC, 0), SF_OK);
        assert!(flag(SF_CONFIG_ENABLE_PROCESS_FLOW));
        assert!(flag(SF_CONFIG_FILE_ONLY));
        assert!(flag(SF_CONFIG_DROP_MODE));
        assert!(flag(SF_CONFIG_MODULE_CHECKS));
        assert!(!flag(SF_CONFIG_FILTER_CONTAINERS));
        let mut name: *const c_char = ptr::null();
        assert_eq!(
            sf_config_get_string(config, SF_CONFIG_APP_NAME, &mut name),
            SF_OK
        );
        assert_eq!(CStr::from_ptr(name).to_str().unwrap(), "sysflowlibs");
        sf_config_free(config);
    }
    assert_eq!(
        unsafe { CStr::from_ptr(sf_version()) }.to_str().unwrap(),
        libsysflow::VERSION
    );
}

#[test]
fn a_configuration_that_cannot_run_fails_at_new_with_the_references_code() {
    let config = sf_config_new();
    let missing = CString::new("/nonexistent/trace.scap").unwrap();
    unsafe {
        // No output at all.
        assert!(sf_driver_new(config).is_null());
        assert_eq!(last_error().0, SF_ERROR_OPERATION_NOT_SUPPORTED);
        assert_eq!(
            sf_config_set_string(config, SF_CONFIG_SCAP_INPUT_PATH, missing.as_ptr()),
            SF_OK
        );
        let dir = tempfile::tempdir().unwrap();
        let out = CString::new(dir.path().join("out.sf").to_str().unwrap()).unwrap();
        assert_eq!(
            sf_config_set_string(config, SF_CONFIG_FILE_PATH, out.as_ptr()),
            SF_OK
        );
        assert!(sf_driver_new(config).is_null());
        let (code, message) = last_error();
        assert_eq!(code, SF_ERROR_READING_FILE_SYSTEM, "{message}");
        assert!(message.contains("/nonexistent/trace.scap"), "{message}");
        assert_eq!(
            CStr::from_ptr(sf_error_name(code)).to_str().unwrap(),
            "ErrorReadingFileSystem"
        );
        sf_config_free(config);
    }
}

/// What the C callback saw, one line per record, with every entity field
/// it can check against the Rust callback.
#[derive(Default)]
struct Seen {
    lines: Vec<String>,
    stop_after: Option<usize>,
}

unsafe fn text(s: sf_str) -> String {
    if s.ptr.is_null() {
        return "<null>".into();
    }
    let bytes = unsafe { std::slice::from_raw_parts(s.ptr.cast::<u8>(), s.len) };
    String::from_utf8(bytes.to_vec()).unwrap()
}

unsafe extern "C" fn collect(
    user: *mut c_void,
    header: *const sf_header,
    container: *const sf_container,
    process: *const sf_process,
    file: *const sf_file,
    new_file: *const sf_file,
    record: *const sf_record,
) -> i32 {
    let seen = unsafe { &mut *user.cast::<Seen>() };
    let (header, record) = unsafe { (&*header, &*record) };
    let mut line = format!(
        "v{} {} type={}",
        header.version,
        unsafe { text(header.exporter) },
        record.record_type
    );
    if let Some(p) = unsafe { process.as_ref() } {
        let env: Vec<String> = (0..p.env_len)
            .map(|i| unsafe { text(*p.env.add(i)) })
            .collect();
        let poid = unsafe { p.poid.as_ref() }.map(|o| (o.hpid, o.create_ts));
        line += &format!(
            " pid={} exe={} args={} user={}({}) cwd={} container={} poid={poid:?} env={}",
            p.oid.hpid,
            unsafe { text(p.exe) },
            unsafe { text(p.exe_args) },
            unsafe { text(p.user_name) },
            p.uid,
            unsafe { text(p.cwd) },
            unsafe { text(p.container_id) },
            env.len()
        );
    }
    if let Some(c) = unsafe { container.as_ref() } {
        line += &format!(" cont={}", unsafe { text(c.name) });
    }
    for f in [file, new_file] {
        if let Some(f) = unsafe { f.as_ref() } {
            line += &format!(" file={}:{}", f.restype as u8 as char, unsafe {
                text(f.path)
            });
        }
    }
    match record.record_type {
        SF_RECORD_FILE_FLOW => {
            let f = unsafe { record.data.file_flow };
            line += &format!(
                " fd={} ops={} bytes={}",
                f.fd,
                f.op_flags,
                f.num_r_recv_bytes + f.num_w_send_bytes
            );
        }
        SF_RECORD_NETWORK_FLOW => {
            let f = unsafe { record.data.network_flow };
            line += &format!(
                " {}:{}->{}:{} ops={}",
                f.sip, f.sport, f.dip, f.dport, f.op_flags
            );
        }
        SF_RECORD_PROCESS_EVENT => {
            let e = unsafe { record.data.process_event };
            let args: Vec<String> = (0..e.args_len)
                .map(|i| unsafe { text(*e.args.add(i)) })
                .collect();
            line += &format!(" ops={} ret={} args={args:?}", e.op_flags, e.ret);
        }
        SF_RECORD_FILE_EVENT => {
            let e = unsafe { record.data.file_event };
            line += &format!(
                " ops={} ret={} new={}",
                e.op_flags,
                e.ret,
                !e.new_file_oid.is_null()
            );
        }
        _ => {}
    }
    seen.lines.push(line);
    match seen.stop_after {
        Some(n) if seen.lines.len() >= n => 1,
        _ => 0,
    }
}

/// The same lines from the Rust callback.
fn rust_lines(trace: &Path) -> Vec<String> {
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = lines.clone();
    let mut config = SysFlowConfig::builder()
        .scap_input_path(trace)
        .enable_process_flow(false)
        .file_only(false)
        .drop_mode(false)
        .file_read_mode(libsysflow::FileReadMode::All)
        .callback(move |r| {
            let mut line = format!(
                "v{} {} type={}",
                r.header.version,
                r.header.exporter,
                r.record.record_type() as u8
            );
            if let Some(p) = r.process {
                line += &format!(
                    " pid={} exe={} args={} user={}({}) cwd={} container={} poid={:?} env={}",
                    p.oid.hpid,
                    p.exe,
                    p.exe_args,
                    p.user_name,
                    p.uid,
                    p.cwd,
                    p.container_id.as_deref().unwrap_or("<null>"),
                    p.poid.map(|o| (o.hpid, o.create_ts)),
                    p.env.len()
                );
            }
            if let Some(c) = r.container {
                line += &format!(" cont={}", c.name);
            }
            for f in [r.file, r.new_file].into_iter().flatten() {
                line += &format!(" file={}:{}", f.restype as u8 as char, f.path);
            }
            match r.record {
                SysFlow::FileFlow(f) => {
                    line += &format!(
                        " fd={} ops={} bytes={}",
                        f.fd,
                        f.op_flags.bits(),
                        f.num_r_recv_bytes + f.num_w_send_bytes
                    )
                }
                SysFlow::NetworkFlow(f) => {
                    line += &format!(
                        " {}:{}->{}:{} ops={}",
                        f.sip,
                        f.sport,
                        f.dip,
                        f.dport,
                        f.op_flags.bits()
                    )
                }
                SysFlow::ProcessEvent(e) => {
                    line += &format!(" ops={} ret={} args={:?}", e.op_flags.bits(), e.ret, e.args)
                }
                SysFlow::FileEvent(e) => {
                    line += &format!(
                        " ops={} ret={} new={}",
                        e.op_flags.bits(),
                        e.ret,
                        e.new_file_oid.is_some()
                    )
                }
                _ => {}
            }
            sink.lock().unwrap().push(line);
        })
        .build();
    config.exporter_id = "tests".into();
    SysFlowDriver::new(config).unwrap().run().unwrap();
    lines.lock().unwrap().clone()
}

#[test]
fn golden_traces_reach_the_c_callback_as_they_reach_the_rust_one() {
    let Some(golden) = golden_dir() else { return };
    let exporter = CString::new("tests").unwrap();
    let mut cases: Vec<_> = std::fs::read_dir(&golden)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    let mut total = 0;
    for case in cases {
        let trace = case.join("trace.scap");
        let config = golden_config(&trace);
        let mut seen = Seen::default();
        unsafe {
            assert_eq!(
                sf_config_set_string(config, SF_CONFIG_EXPORTER_ID, exporter.as_ptr()),
                SF_OK
            );
            assert_eq!(
                sf_config_set_callback(config, Some(collect), (&raw mut seen).cast()),
                SF_OK
            );
            let driver = sf_driver_new(config);
            sf_config_free(config);
            assert!(!driver.is_null(), "{:?}", last_error());
            assert_eq!(
                sf_driver_run(driver),
                SF_OK,
                "{}: {:?}",
                case.display(),
                last_error()
            );
            sf_driver_free(driver);
        }
        let expected = rust_lines(&trace);
        assert!(!expected.is_empty(), "{}", case.display());
        assert_eq!(seen.lines, expected, "{}", case.display());
        total += expected.len();
    }
    assert!(total > 100, "only {total} records in all the golden cases");
}

#[test]
fn a_callback_that_returns_non_zero_stops_the_run_and_the_file_is_valid() {
    let Some(golden) = golden_dir() else { return };
    let trace = golden.join("mpm-event-full-capture/trace.scap");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.sf");
    let out_c = CString::new(out.to_str().unwrap()).unwrap();
    let config = golden_config(&trace);
    let mut seen = Seen {
        stop_after: Some(5),
        ..Seen::default()
    };
    unsafe {
        assert_eq!(
            sf_config_set_string(config, SF_CONFIG_FILE_PATH, out_c.as_ptr()),
            SF_OK
        );
        assert_eq!(
            sf_config_set_callback(config, Some(collect), (&raw mut seen).cast()),
            SF_OK
        );
        let driver = sf_driver_new(config);
        sf_config_free(config);
        assert!(!driver.is_null());
        assert_failed(
            sf_driver_run(driver),
            SF_ERROR_CALLBACK,
            "callback returned non-zero",
        );
        // A driver runs once.
        assert_failed(
            sf_driver_run(driver),
            SF_ERROR_OPERATION_NOT_SUPPORTED,
            "twice",
        );
        sf_driver_free(driver);
    }
    assert_eq!(
        seen.lines.len(),
        5,
        "no record after the callback asked to stop"
    );
    // The file is whole: it reads to its end.
    let reader = SfReader::open(&out).unwrap();
    let records: Vec<SysFlow> = reader.map(|r| r.unwrap()).collect();
    assert!(matches!(records.first(), Some(SysFlow::Header(_))));
    assert!(records.len() >= 5);
}

#[test]
fn exit_from_another_thread_stops_a_run() {
    let Some(golden) = golden_dir() else { return };
    let trace = golden.join("mpm-event-full-capture/trace.scap");
    let config = golden_config(&trace);
    let mut seen = Seen::default();
    // Ask to stop before the run starts: the run must notice at once and
    // still end cleanly, with its open flows delivered.
    unsafe {
        assert_eq!(
            sf_config_set_callback(config, Some(collect), (&raw mut seen).cast()),
            SF_OK
        );
        let driver = sf_driver_new(config);
        sf_config_free(config);
        let address = driver as usize;
        std::thread::spawn(move || sf_driver_exit(address as *mut sf_driver))
            .join()
            .unwrap();
        assert_eq!(sf_driver_run(driver), SF_OK, "{:?}", last_error());
        sf_driver_free(driver);
    }
    let full = rust_lines(&trace);
    assert!(
        seen.lines.len() < full.len(),
        "{} records after exit, {} in the whole trace",
        seen.lines.len(),
        full.len()
    );
}
