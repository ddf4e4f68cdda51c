//! sysflow-runtimes' integration tests, one binary:
//!
//! - `server`: an in-test unix socket server that answers with recorded or
//!   made-up responses, or never answers;
//! - `recorded`: `inspect` on the responses recorded from Docker and podman;
//! - `faults`: a missing socket, a silent runtime, garbage answers;
//! - `grpc_server`: an in-test gRPC (h2) server answering from a handler;
//! - `cri_recorded`: the CRI client on containerd's recorded responses;
//! - `cri_faults`: CRI runtimes missing, silent or broken;
//! - `containerd`: a private containerd's CRI plugin (root, `containerd`
//!   and `busybox-static` installed; skipped elsewhere, a failure under CI);
//! - `dockerd`: a private `dockerd` of the test's own (root, `docker.io` and
//!   `busybox-static` installed; skipped elsewhere, a failure under CI);
//! - `podman`: a private podman and its Docker-compatible API service (root,
//!   `podman` and `busybox-static` installed; the same).

// Tests panic on what they did not expect.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod containerd;
mod cri_faults;
mod cri_recorded;
mod dockerd;
mod faults;
mod grpc_server;
mod podman;
mod recorded;
mod resolver;
mod server;
