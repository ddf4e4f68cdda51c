//! Unit tests of the driver's checks; runs on real captures are in `tests/golden.rs`.

use super::*;
use crate::error::ErrorCode;
use sysflow_core::CollectionMode;

fn offline(dir: &Path) -> SysFlowConfig {
    let input = dir.join("in.scap");
    fs::write(&input, b"").unwrap();
    SysFlowConfig {
        scap_input_path: Some(input),
        file_path: Some(dir.join("out.sf")),
        ..SysFlowConfig::default()
    }
}

/// A named change to a configuration.
type Tweak = (&'static str, fn(&mut SysFlowConfig));

fn refused(config: SysFlowConfig) -> SysFlowError {
    match SysFlowDriver::new(config) {
        Ok(_) => panic!("the configuration was accepted"),
        Err(e) => e,
    }
}

#[test]
fn live_capture_needs_an_output() {
    let err = refused(SysFlowConfig::default());
    assert_eq!(err.code(), ErrorCode::OperationNotSupported);
    assert!(err.to_string().contains("file_path"), "{err}");
}

#[test]
fn live_capture_refuses_falcos_drivers() {
    let dir = tempfile::tempdir().unwrap();
    for driver in [DriverType::Ebpf, DriverType::Kmod] {
        let c = SysFlowConfig {
            file_path: Some(dir.path().join("out.sf")),
            driver_type: driver,
            ..SysFlowConfig::default()
        };
        let err = refused(c);
        assert_eq!(err.code(), ErrorCode::OperationNotSupported);
        assert!(err.to_string().contains("ebpf-core"), "{err}");
    }
}

#[test]
fn options_without_a_capability_are_refused_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let tweaks: [Tweak; 4] = [
        ("Kubernetes", |c| {
            c.k8s_api_url = Some("https://k8s.local:6443".into())
        }),
        ("Kubernetes", |c| {
            c.k8s_api_cert = Some("/etc/k8s.crt".into())
        }),
        ("sampling", |c| c.sampling_ratio = 10),
        ("driver", |c| c.driver_type = DriverType::Kmod),
    ];
    for (what, tweak) in tweaks {
        let mut c = offline(dir.path());
        tweak(&mut c);
        let err = refused(c);
        assert_eq!(
            err.code(),
            ErrorCode::OperationNotSupported,
            "{what}: {err}"
        );
        assert!(err.to_string().contains(what), "{what}: {err}");
    }
}

#[test]
fn a_filter_is_compiled_by_new_and_a_bad_one_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = offline(dir.path());
    c.falco_filter = Some("proc.name in (sh, bash) and evt.type=execve".into());
    assert!(SysFlowDriver::new(c).is_ok());
    let mut c = offline(dir.path());
    c.falco_filter = Some("proc.name = sh and".into());
    let err = refused(c);
    assert_eq!(err.code(), ErrorCode::LibsError);
    let SysFlowError::Filter(f) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(f.position(), 18, "{err}");
    let mut c = offline(dir.path());
    c.falco_filter = Some("proc.nmae = sh".into());
    assert!(refused(c).to_string().contains("proc.nmae"));
    // Blank is no filter, as the reference ignores an empty one.
    let mut c = offline(dir.path());
    c.falco_filter = Some("  ".into());
    assert!(SysFlowDriver::new(c).is_ok());
}

#[test]
fn a_cri_socket_is_accepted_and_a_zero_timeout_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Offline, the capture's container events describe the containers: the
    // socket is ignored (with a warning), not refused.
    let mut c = offline(dir.path());
    c.cri_path = Some("/run/cri.sock".into());
    c.cri_timeout = 5;
    assert!(SysFlowDriver::new(c).is_ok());
    let mut c = offline(dir.path());
    c.cri_timeout = 0;
    assert!(matches!(
        refused(c),
        SysFlowError::Config {
            field: "cri_timeout",
            ..
        }
    ));
}

#[test]
fn an_output_is_required_and_its_directory_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = offline(dir.path());
    c.file_path = None;
    assert!(matches!(
        refused(c),
        SysFlowError::Config {
            field: "file_path",
            ..
        }
    ));

    let mut c = offline(dir.path());
    c.file_path = Some(dir.path().join("missing/out.sf"));
    let err = refused(c);
    assert_eq!(err.code(), ErrorCode::ErrorReadingFileSystem);
    assert!(matches!(err, SysFlowError::OutputDir { ref path, .. } if path.ends_with("missing")));

    let mut c = offline(dir.path());
    let mut out = dir.path().join("missing").into_os_string();
    out.push("/");
    c.file_path = Some(out.into());
    assert!(matches!(refused(c), SysFlowError::OutputDir { .. }));

    let mut c = offline(dir.path());
    let mut out = dir.path().as_os_str().to_os_string();
    out.push("/");
    c.file_path = Some(out.into());
    assert!(
        SysFlowDriver::new(c).is_ok(),
        "an existing directory is fine"
    );
}

#[test]
fn a_socket_or_a_callback_is_an_output_but_nothing_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = offline(dir.path());
    c.file_path = None;
    let err = refused(c.clone());
    assert_eq!(err.code(), ErrorCode::OperationNotSupported);
    assert!(err.to_string().contains("an output is required"), "{err}");

    let mut socket = c.clone();
    socket.socket_path = Some(dir.path().join("no-server.sock"));
    assert!(SysFlowDriver::new(socket).is_ok(), "socket alone");
    let mut callback = c.clone();
    callback.callback = Some(crate::Callback::new(|_| {}));
    assert!(SysFlowDriver::new(callback).is_ok(), "callback alone");
}

#[test]
fn invalid_values_are_typed_errors_from_new() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = offline(dir.path());
    c.sampling_ratio = 0;
    assert!(matches!(
        refused(c),
        SysFlowError::Config {
            field: "sampling_ratio",
            ..
        }
    ));

    let mut c = offline(dir.path());
    c.socket_path = Some(PathBuf::from(format!("/tmp/{}", "s".repeat(120))));
    let err = refused(c);
    assert_eq!(err.code(), ErrorCode::NameTooLong, "{err}");
}

#[test]
fn a_missing_capture_is_a_file_system_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = offline(dir.path());
    c.scap_input_path = Some(dir.path().join("nope.scap"));
    let err = refused(c);
    assert_eq!(err.code(), ErrorCode::ErrorReadingFileSystem);
    assert!(matches!(err, SysFlowError::OpenCapture { .. }));
}

#[test]
fn a_capture_that_is_not_scap_leaves_no_output() {
    // With and without an exporter id (without, the driver reads ahead
    // for the capture's host name).
    let mut driver = None;
    for exporter in ["tests", ""] {
        let dir = tempfile::tempdir().unwrap();
        let mut c = offline(dir.path());
        let input = dir.path().join("in.scap");
        fs::write(&input, b"this is not a capture file at all").unwrap();
        c.exporter_id = exporter.into();
        let out = c.file_path.clone().unwrap();
        let mut d = SysFlowDriver::new(c).unwrap();
        let err = d.run().unwrap_err();
        assert_eq!(err.code(), ErrorCode::EventParsingError);
        assert_eq!(err.offset(), Some(0), "{err}");
        assert!(!out.exists(), "{exporter:?}: a header-only output was left");
        assert_eq!(d.stats().records_total(), 0);
        driver = Some(d);
    }
    let mut driver = driver.unwrap();
    assert!(matches!(
        driver.run(),
        Err(SysFlowError::Unsupported { .. })
    ));
}

#[test]
fn the_version_is_the_crate_version() {
    assert_eq!(SysFlowDriver::version(), env!("CARGO_PKG_VERSION"));
    assert_eq!(SysFlowDriver::version().split('.').count(), 3);
}

#[test]
fn exit_handles_share_one_flag() {
    let dir = tempfile::tempdir().unwrap();
    let driver = SysFlowDriver::new(offline(dir.path())).unwrap();
    let handle = driver.exit_handle();
    assert!(!handle.is_requested());
    let flag = handle.flag();
    std::thread::spawn(move || flag.store(true, Ordering::Relaxed))
        .join()
        .unwrap();
    assert!(driver.exit_handle().is_requested());
}

#[test]
fn every_mode_selects_syscalls_the_probe_knows() {
    let known: Vec<&str> = sysflow_capture::supported_syscalls().collect();
    for mode in [
        CollectionMode::Flow,
        CollectionMode::Consumer,
        CollectionMode::NoFiles,
    ] {
        for name in mode.syscalls() {
            assert!(known.contains(&name), "{mode:?}: {name}");
        }
    }
}

#[test]
fn the_ring_holds_half_the_reference_buffers_together() {
    // Eight CPUs, 8 MiB buffers: one per CPU, or one per four CPUs.
    assert_eq!(ring_bytes(8 << 20, 0, 8), 32 << 20);
    assert_eq!(ring_bytes(8 << 20, 4, 8), 8 << 20);
    assert_eq!(
        ring_bytes(8 << 20, 3, 8),
        16 << 20,
        "3 buffers, rounded up to a power of two"
    );
    // The defaults on two CPUs.
    assert_eq!(ring_bytes(8 << 20, 0, 2), 8 << 20);
    // Kernel limits: at least a page, at most 1 GiB.
    assert_eq!(ring_bytes(0, 0, 2), 4096);
    assert_eq!(ring_bytes(usize::MAX, 1, 64), 1 << 30);
}

#[test]
fn the_saved_captures_size_limit_and_name_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let live = || SysFlowConfig {
        file_path: Some(dir.path().join("out.sf")),
        scap_output_path: Some(dir.path().join("cap.scap")),
        ..SysFlowConfig::default()
    };
    let field_of = |c| match refused(c) {
        SysFlowError::Config { field, .. } => field,
        other => panic!("{other}"),
    };
    let mut c = live();
    c.scap_output_path = None;
    c.scap_output_size_limit = Some(1 << 20);
    assert_eq!(field_of(c), "scap_output_size_limit");
    let mut c = live();
    c.scap_output_size_limit = Some(0);
    assert_eq!(field_of(c), "scap_output_size_limit");
    let mut c = live();
    let mut scap = dir.path().as_os_str().to_os_string();
    scap.push("/");
    c.scap_output_path = Some(scap.into());
    assert_eq!(field_of(c), "scap_output_path");
    let mut c = live();
    c.scap_output_path = Some(dir.path().join("missing/cap.scap"));
    assert!(matches!(refused(c), SysFlowError::ScapOutput { .. }));
}

#[test]
fn rotated_scap_files_are_named_like_rotated_sf_files() {
    let dir = tempfile::tempdir().unwrap();
    let at = 1_700_000_123;
    let prefix = dir.path().join("cap.scap");
    let name = rotated_scap_name(&prefix, at);
    assert_eq!(name, dir.path().join("cap.scap.1700000123"));
    assert_eq!(
        name,
        sysflow_export::file_name(&prefix, Naming::Timestamped, at)
    );
    // More files in the same second are numbered, never replaced.
    let names: Vec<PathBuf> = (0..3)
        .map(|_| ScapOut::create(name.clone(), true, &[]).unwrap())
        .map(|out| {
            let path = out.path.clone();
            out.finish().unwrap();
            path
        })
        .collect();
    let numbered = |n: u32| {
        let mut p = name.clone().into_os_string();
        p.push(format!(".{n}"));
        PathBuf::from(p)
    };
    assert_eq!(names, [name.clone(), numbered(1), numbered(2)]);
}

/// `--scap-out` at a name another user created in advance (mode 0666, so
/// that we could write it) is refused and the file left alone; a file of
/// our own there is replaced by a new one of mode 0600.
#[test]
fn the_saved_capture_is_created_exclusively() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.scap");
    fs::write(&path, b"ours").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
    // A second name keeps the old file (and its inode number) alive.
    let link = dir.path().join("kept.scap");
    fs::hard_link(&path, &link).unwrap();
    let old_inode = fs::metadata(&path).unwrap().ino();
    let out = ScapOut::create(path.clone(), false, &[]).unwrap();
    out.finish().unwrap();
    let meta = fs::metadata(&path).unwrap();
    assert_ne!(meta.ino(), old_inode, "the old file was written in place");
    assert_eq!(meta.mode() & 0o077, 0, "{:o}", meta.mode());
    assert_eq!(fs::read(&link).unwrap(), b"ours");

    if fs::metadata("/proc/self").map_or(true, |m| m.uid() != 0) {
        sysflow_test_support::skip("only root can make a file of another user");
        return;
    }
    let planted = dir.path().join("planted.scap");
    fs::write(&planted, b"planted").unwrap();
    fs::set_permissions(&planted, fs::Permissions::from_mode(0o666)).unwrap();
    std::os::unix::fs::chown(&planted, Some(65534), Some(65534)).unwrap();
    let err = match ScapOut::create(planted.clone(), false, &[]) {
        Ok(_) => panic!("a file of uid 65534 was written"),
        Err(e) => e,
    };
    assert_eq!(err.code(), ErrorCode::ErrorReadingFileSystem);
    assert!(
        matches!(
            err,
            SysFlowError::Export(ExportError::Exists {
                found: sysflow_export::ExistingOutput::OtherOwner { owner: 65534, .. },
                ..
            })
        ),
        "{err:?}"
    );
    let chain = anyhow_like(&err);
    assert!(chain.contains("planted.scap"), "{chain}");
    assert!(chain.contains("uid 65534"), "{chain}");
    assert_eq!(fs::read(&planted).unwrap(), b"planted");
}

/// An error and its sources, as one line.
fn anyhow_like(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
