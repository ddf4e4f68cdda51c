//! CRI runtimes that are missing, silent or broken: every `inspect` ends,
//! in time, with a typed error.

use std::time::{Duration, Instant};

use sysflow_runtimes::{CriClient, RuntimeError};

use crate::grpc_server::{GrpcServer, Reply};
use crate::server::{Answer, Server};

#[test]
fn a_missing_socket_is_reported_as_such() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut client = CriClient::new(dir.path().join("containerd.sock"), Duration::from_secs(1));
    let err = client.inspect("0123456789ab").expect_err("no socket");
    assert!(matches!(err, RuntimeError::SocketMissing { .. }), "{err:?}");
}

/// Asserts that `inspect` times out, neither early nor much late.
fn times_out(socket: &std::path::Path) {
    let timeout = Duration::from_millis(300);
    let start = Instant::now();
    let err = CriClient::new(socket, timeout)
        .inspect("0123456789ab")
        .expect_err("silent");
    let took = start.elapsed();
    assert!(matches!(err, RuntimeError::Timeout { .. }), "{err:?}");
    assert!(took >= timeout, "gave up after {took:?}");
    // Bounded: well under ten times the timeout even on a loaded machine.
    assert!(took < timeout * 10, "took {took:?}");
}

#[test]
fn a_runtime_that_never_answers_times_out() {
    // Accepts, reads the client's preface, says nothing (not even HTTP/2
    // settings).
    let server = Server::start(vec![Answer::Silent]);
    times_out(server.path());
}

#[test]
fn a_runtime_that_never_answers_a_call_times_out() {
    // Speaks HTTP/2 but leaves the call open.
    let server = GrpcServer::start(|_, _| Reply::Stall);
    times_out(server.path());
    // And a later call on the same client is bounded as well.
    let mut client = CriClient::new(server.path(), Duration::from_millis(200));
    for _ in 0..2 {
        let err = client.inspect("0123456789ab").expect_err("stalled");
        assert!(matches!(err, RuntimeError::Timeout { .. }), "{err:?}");
    }
}

/// Whether an error is the one a case expects.
type Check = fn(&RuntimeError) -> bool;

#[test]
fn garbage_answers_are_errors() {
    let cases: Vec<(Answer, Check)> = vec![
        // An HTTP/1 server (Docker's socket, say).
        (
            Answer::Raw(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".to_vec()),
            |e| matches!(e, RuntimeError::Http2 { .. } | RuntimeError::Io { .. }),
        ),
        (Answer::Raw(b"\x00\x00\x12\x04\x00garbage".to_vec()), |e| {
            matches!(e, RuntimeError::Http2 { .. } | RuntimeError::Io { .. })
        }),
        (Answer::Raw(Vec::new()), |e| {
            matches!(e, RuntimeError::Http2 { .. } | RuntimeError::Io { .. })
        }),
    ];
    for (answer, expected) in cases {
        let server = Server::start(vec![answer]);
        let err = CriClient::new(server.path(), Duration::from_secs(2))
            .inspect("0123456789ab")
            .expect_err("garbage");
        assert!(expected(&err), "{err:?}");
    }
}

#[test]
fn answers_that_are_not_grpc_are_errors() {
    let cases: Vec<(fn() -> Reply, Check)> = vec![
        (
            || Reply::Http(503),
            |e| matches!(e, RuntimeError::Status { status: 503, .. }),
        ),
        (
            || Reply::Body(vec![1, 0, 0, 0, 1, 0]),
            |e| {
                matches!(
                    e,
                    RuntimeError::BadGrpc {
                        problem: "compressed message",
                        ..
                    }
                )
            },
        ),
        (
            || Reply::Body(vec![0, 0, 0, 0, 9, 0]),
            |e| {
                matches!(
                    e,
                    RuntimeError::BadGrpc {
                        problem: "message cut short",
                        ..
                    }
                )
            },
        ),
        (
            || Reply::Body(Vec::new()),
            |e| {
                matches!(
                    e,
                    RuntimeError::BadGrpc {
                        problem: "no message",
                        ..
                    }
                )
            },
        ),
        // Field 1 as a string whose length runs past the end.
        (
            || Reply::Message(vec![0x0a, 0x7f, b'x']),
            |e| matches!(e, RuntimeError::BadProtobuf { .. }),
        ),
        (
            || Reply::Status(13, "internal%20error"),
            |e| matches!(e, RuntimeError::GrpcStatus { code: 13, message, .. } if message == "internal error"),
        ),
    ];
    for (reply, expected) in cases {
        // Version is answered the same way: the client fails there, or
        // (for an error status) takes the runtime as plain CRI and fails on
        // ContainerStatus.
        let server = GrpcServer::start(move |_, _| reply());
        let err = CriClient::new(server.path(), Duration::from_secs(2))
            .inspect("0123456789ab")
            .expect_err("not gRPC");
        assert!(expected(&err), "{err:?}");
    }
}

#[test]
fn a_status_without_a_container_is_an_error() {
    // An empty ContainerStatusResponse: no `status`.
    let server = GrpcServer::start(|method, _| match method {
        "/runtime.v1.RuntimeService/ContainerStatus" => Reply::Message(Vec::new()),
        _ => Reply::Message(Vec::new()),
    });
    let err = CriClient::new(server.path(), Duration::from_secs(2))
        .inspect("0123456789ab")
        .expect_err("empty");
    assert!(
        matches!(
            err,
            RuntimeError::MissingField {
                field: "status",
                ..
            }
        ),
        "{err:?}"
    );
}
