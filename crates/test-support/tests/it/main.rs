//! sysflow-test-support's integration tests, one binary:
//!
//! - `runtimes`: the private dockerd and podman harnesses, started for real
//!   (root, `docker.io`, `podman` and `busybox-static` installed; skipped
//!   elsewhere, a failure under CI), each checked to leave nothing behind.

// Tests panic on what they did not expect.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod runtimes;
