//! Unit tests of the libscap engine's checks and error sorting.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use super::{LibscapCapture, LibscapError, block_len, check_kmod_with};

const MODULES: &str = "\
nf_tables 348160 0 - Live 0x0000000000000000
scap 806912 2 - Live 0x0000000000000000
";

#[test]
fn no_module_listed_is_probe_not_loaded() {
    let err = check_kmod_with(Some("nf_tables 348160 0 - Live 0x0\n"), Path::new("/"))
        .expect_err("no scap or falco module");
    assert!(
        matches!(err, LibscapError::ProbeNotLoaded { .. }),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains("`scap`") && text.contains("`falco`"),
        "{text}"
    );
    assert!(text.contains("falco-driver-loader"), "{text}");
    assert!(err.is_unsupported_here());
}

#[test]
fn a_module_without_its_device_is_probe_not_loaded() {
    let missing = Path::new("/nonexistent/dev/scap0");
    let err = check_kmod_with(Some(MODULES), missing).expect_err("no device");
    let text = err.to_string();
    assert!(matches!(err, LibscapError::ProbeNotLoaded { .. }));
    assert!(
        text.contains("/nonexistent/dev/scap0") && text.contains("`scap`"),
        "{text}"
    );
    // Falco's own module name counts as loaded too.
    let falco = "falco 806912 2 - Live 0x0\n";
    let err = check_kmod_with(Some(falco), missing).expect_err("no device");
    assert!(err.to_string().contains("`falco` is loaded"), "{err}");
}

#[test]
fn a_module_and_its_device_pass() {
    // Any existing path stands in for the device node.
    check_kmod_with(Some(MODULES), Path::new("/")).unwrap();
    // A module whose name merely starts like ours does not count.
    let err = check_kmod_with(Some("scapx 1 0 - Live 0x0\n"), Path::new("/"));
    assert!(err.is_err());
    // An unreadable /proc/modules skips the module check, as the
    // reference does; the device still decides.
    check_kmod_with(None, Path::new("/")).unwrap();
    assert!(check_kmod_with(None, Path::new("/nonexistent/dev/scap0")).is_err());
}

/// On this machine: no kernel module means the live open fails with
/// `ProbeNotLoaded` before libscap is called (a machine with the module
/// loaded skips).
#[test]
fn live_open_without_the_kmod_is_probe_not_loaded() {
    if std::env::var_os(falco_sys::BPF_PROBE_ENV_VAR).is_some() {
        let err = LibscapCapture::open_live().expect_err("classic BPF is refused");
        assert!(matches!(err, LibscapError::ClassicBpf { .. }), "{err:?}");
        return;
    }
    if super::check_kmod().is_ok() {
        eprintln!("SKIP: a scap/falco kernel module and its device are present");
        return;
    }
    let err = LibscapCapture::open_live().expect_err("no kernel module here");
    assert!(
        matches!(err, LibscapError::ProbeNotLoaded { .. }),
        "{err:?}"
    );
    assert!(err.is_unsupported_here());
    assert!(err.to_string().contains("probe not loaded"), "{err}");
}

#[test]
fn libscap_messages_sort_into_the_seed_codes() {
    let denied = LibscapError::from_libscap(
        1,
        "error opening device /dev/scap0. Make sure you have root credentials and that the \
         scap module is loaded."
            .to_owned(),
    );
    assert!(matches!(denied, LibscapError::ProbeAccessDenied { .. }));
    for m in [
        "Driver supports API version 2.0.0, but running version needs 1.0.0",
        "Driver supports schema version 1.0.0, but running version needs 2.0.0",
        "API version mismatch: device /dev/scap1 reports API version 1.0.0, expected 2.0.0",
        "Kernel module does not support PPM_IOCTL_GET_API_VERSION",
    ] {
        let e = LibscapError::from_libscap(1, m.to_owned());
        assert!(matches!(e, LibscapError::DriverLibsMismatch { .. }), "{m}");
        assert!(e.to_string().contains(m));
    }
    let other = LibscapError::from_libscap(1, "unexpected block type 513".to_owned());
    assert_eq!(
        other,
        LibscapError::Libs {
            rc: 1,
            message: "unexpected block type 513".to_owned()
        }
    );
    assert!(!other.is_unsupported_here());
}

#[test]
fn missing_files_are_libscap_errors() {
    let err = LibscapCapture::open_file("/nonexistent/trace.scap").expect_err("no file");
    match err {
        LibscapError::Libs { message, .. } => {
            assert!(message.contains("/nonexistent/trace.scap"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    let err = LibscapCapture::open_file("a\0b").expect_err("NUL in path");
    assert!(matches!(err, LibscapError::BadPath { .. }));
}

#[test]
fn block_lengths_include_padding_and_flags() {
    // 8 header + 2 cpu + 26 event (+ 0 pad) + 4 trailer.
    assert_eq!(block_len(26, false), 40);
    // 2 + 27 = 29 → 32.
    assert_eq!(block_len(27, false), 44);
    // EVF: 2 + 4 + 26 = 32.
    assert_eq!(block_len(26, true), 44);
}
