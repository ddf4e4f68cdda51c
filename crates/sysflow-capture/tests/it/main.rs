//! Integration tests of `sysflow-capture`, one binary:
//!
//! - `broken`: the committed hand-made broken files in `tests/data/broken`
//!   and the typed error each must give;
//! - `corpus`: the reader against the real traces in `../shared`
//!   (block census, metadata contents, event decoding);
//! - `live` (feature `ebpf`): live capture of our own workload through the
//!   eBPF probe; skips when not root or without kernel BTF; with
//!   `live_state` (every parameter of the syscalls that change libsinsp's
//!   state), `live_sockets` (socket tuples as Falco's modern probe fills
//!   them), `live_received` (fds received with SCM_RIGHTS: the task_file
//!   events that follow their receive), and `live_stop` (a prompt stop under
//!   load); `live_background` (idle priority raised when the ring fills on a
//!   saturated machine) is a binary of its own, `tests/background.rs`, so
//!   that no other live test's probe runs beside it;
//! - `libscap` (feature `libscap`): differential test of our reader against
//!   Falco's libscap on every trace, events and `scapdump` output;
//! - `generated`: property test, generated items of every kind (events of
//!   every id with valid typed parameters, metadata) written, read back
//!   (plain and gzip) and rewritten identically;
//! - `malformed`: truncated, corrupted and synthetic captures derived from
//!   real traces (typed errors, nothing lost before the fault);
//! - `roundtrip`: `ScapWriter` copies read back identically, also for sysdig;
//! - `sysdig`: differential test against Debian's sysdig 0.29.3.
//! - `tooling`: the generated ABI table is up to date; the `scapdump` example.
//!
//! Tests that need `../shared` (beside the repository root), root and BTF,
//! or a tool skip with a message when they are absent, and fail instead
//! when `CI` is set; `cargo xtask test` counts the skips
//! (`sysflow_test_support::skip`).

// Test helpers outside `#[test]` functions panic on broken fixtures by design
// (the workspace warns on `expect`/`unwrap` outside tests).
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod broken;
mod corpus;
mod generated;
#[cfg(feature = "libscap")]
mod libscap;
#[cfg(feature = "ebpf")]
mod live;
#[cfg(feature = "ebpf")]
mod live_received;
#[cfg(feature = "ebpf")]
mod live_sockets;
#[cfg(feature = "ebpf")]
mod live_state;
#[cfg(feature = "ebpf")]
mod live_stop;
#[cfg(feature = "ebpf")]
#[path = "../support/live.rs"]
mod live_support;
mod malformed;
mod roundtrip;
mod sysdig;
mod tooling;

use std::path::PathBuf;

pub use sysflow_test_support::shared_dir;

/// Every real trace: the golden ones and `traces/nginx-legacy.scap`, with a
/// short name.
pub fn traces(shared: &std::path::Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(shared.join("golden")) {
        for e in rd.flatten() {
            let p = e.path().join("trace.scap");
            if p.is_file() {
                out.push((e.file_name().to_string_lossy().into_owned(), p));
            }
        }
    }
    let legacy = shared.join("traces/nginx-legacy.scap");
    if legacy.is_file() {
        out.push(("nginx-legacy".to_owned(), legacy));
    }
    out.sort();
    out
}
