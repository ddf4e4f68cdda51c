//! Helpers shared by libsysflow's integration tests (each test binary uses
//! some of them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use libsysflow::types::{SfReader, SysFlow};
use libsysflow::{ErrorCode, SysFlowConfig, SysFlowDriver};

/// The environment the reference's golden outputs were made with (its test
/// image's `tests/tests.bats`).
pub const REFERENCE_TEST_ENV: [(&str, &str); 4] = [
    ("ENABLE_PROC_FLOW", "0"),
    ("FILE_ONLY", "0"),
    ("FILE_READ_MODE", "0"),
    ("ENABLE_DROP_MODE", "0"),
];

/// `../shared/golden` beside the repository, or `None` (after saying so)
/// when absent; CI must have it.
pub fn golden_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/golden");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing, and CI needs it",
        dir.display()
    );
    eprintln!(
        "skipped: {} is absent (the golden data lives beside the repository)",
        dir.display()
    );
    None
}

/// Every record of a `.sf` file.
pub fn read_sf(path: &Path) -> Vec<SysFlow> {
    let reader = SfReader::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A driver for a live `config`, or `None` (after saying so) where live
/// capture is impossible (no root, no BTF); CI has both and must run `what`.
pub fn live_driver_or_skip(config: SysFlowConfig, what: &str) -> Option<SysFlowDriver> {
    match SysFlowDriver::new(config) {
        Ok(d) => Some(d),
        Err(e)
            if std::env::var_os("CI").is_none()
                && matches!(
                    e.code(),
                    ErrorCode::ProbeAccessDenied | ErrorCode::OperationNotSupported
                ) =>
        {
            eprintln!("skipping {what}: {e}");
            None
        }
        Err(e) => panic!("live capture must work here: {e}"),
    }
}
