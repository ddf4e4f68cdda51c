//! sysflow-runtimes' integration tests, one binary:
//!
//! - `server`: an in-test unix socket server that answers with recorded or
//!   made-up responses, or never answers;
//! - `recorded`: `inspect` on the responses recorded from Docker and podman;
//! - `faults`: a missing socket, a silent runtime, garbage answers;
//! - `dockerd`: a private `dockerd` of the test's own (root, `docker.io` and
//!   `busybox-static` installed; skipped elsewhere, a failure under CI);
//! - `podman`: a private podman and its Docker-compatible API service (root,
//!   `podman` and `busybox-static` installed; the same).

// Tests panic on what they did not expect.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod dockerd;
mod faults;
mod podman;
mod recorded;
mod resolver;
mod server;
