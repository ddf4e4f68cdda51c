//! Helpers shared by libsysflow's integration tests (each test binary uses
//! some of them).
#![allow(dead_code)]

use std::path::Path;

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

/// `../shared/golden` beside the repository, or `None` (a counted skip)
/// when absent; CI must have it.
#[allow(unused_imports)] // Not every test binary reads the golden traces.
pub use sysflow_test_support::golden_dir;

/// Every record of a `.sf` file.
pub fn read_sf(path: &Path) -> Vec<SysFlow> {
    let reader = SfReader::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Held by the live test whose capture runs (every live test takes it
/// first): every probe sees the whole host, so two live tests at once
/// each count the other's workload. libtest runs a binary's tests on
/// parallel threads; the live ones take turns. A failed test's (poisoned)
/// turn still ends.
pub fn live_turn() -> std::sync::MutexGuard<'static, ()> {
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    TURN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A driver for a live `config`, or `None` (a counted skip) where live
/// capture is impossible (no root, no BTF); CI has both and must run `what`.
pub fn live_driver_or_skip(config: SysFlowConfig, what: &str) -> Option<SysFlowDriver> {
    match SysFlowDriver::new(config) {
        Ok(d) => Some(d),
        Err(e)
            if !sysflow_test_support::under_ci()
                && matches!(
                    e.code(),
                    ErrorCode::ProbeAccessDenied | ErrorCode::OperationNotSupported
                ) =>
        {
            sysflow_test_support::skip(format_args!("live capture is impossible here: {e}"));
            None
        }
        Err(e) => panic!("{what}: live capture must work here: {e}"),
    }
}
