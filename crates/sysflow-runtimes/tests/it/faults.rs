//! Runtimes that are missing, silent or broken: every call ends, in time,
//! with a typed error.

use std::time::{Duration, Instant};

use sysflow_runtimes::{DockerClient, RuntimeError, RuntimeKind};

use crate::server::{Answer, Server, with_length};

fn client(server: &Server, timeout: Duration) -> DockerClient {
    DockerClient::new(server.path(), RuntimeKind::Docker, timeout)
}

#[test]
fn a_missing_socket_is_reported_as_such() {
    let dir = tempfile::tempdir().expect("temp dir");
    let client = DockerClient::new(
        dir.path().join("docker.sock"),
        RuntimeKind::Docker,
        Duration::from_secs(1),
    );
    let err = client.inspect("abc").expect_err("no socket");
    assert!(matches!(err, RuntimeError::SocketMissing { .. }), "{err:?}");
    // A path that is not a socket: the connect is refused.
    let file = dir.path().join("plain");
    std::fs::write(&file, b"").expect("write");
    let err = DockerClient::new(&file, RuntimeKind::Docker, Duration::from_secs(1))
        .inspect("abc")
        .expect_err("not a socket");
    assert!(matches!(err, RuntimeError::Connect { .. }), "{err:?}");
}

#[test]
fn a_runtime_that_never_answers_times_out() {
    let server = Server::start(vec![Answer::Silent]);
    let timeout = Duration::from_millis(300);
    let start = Instant::now();
    let err = client(&server, timeout).inspect("abc").expect_err("silent");
    let took = start.elapsed();
    assert!(matches!(err, RuntimeError::Timeout { .. }), "{err:?}");
    assert!(took >= timeout, "gave up after {took:?}");
    // Bounded: well under ten times the timeout even on a loaded machine.
    assert!(took < timeout * 10, "took {took:?}");
}

#[test]
fn a_body_cut_short_is_bad_http() {
    // Headers promise 100 bytes; 10 arrive, then the connection closes.
    let server = Server::start(vec![Answer::Raw(
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Id\":\"ab\"".to_vec(),
    )]);
    let err = client(&server, Duration::from_secs(2))
        .inspect("abc")
        .expect_err("truncated");
    assert!(matches!(err, RuntimeError::BadHttp { .. }), "{err:?}");
}

/// Whether an error is the one a case expects.
type Check = fn(&RuntimeError) -> bool;

#[test]
fn garbage_answers_are_errors() {
    let cases: Vec<(Answer, Check)> = vec![
        (
            Answer::Raw(b"\x00\xffnot http at all\r\n\r\n".to_vec()),
            |e| matches!(e, RuntimeError::BadHttp { .. }),
        ),
        (Answer::Raw(Vec::new()), |e| {
            matches!(e, RuntimeError::BadHttp { .. })
        }),
        (with_length("200 OK", b"<html>proxy error</html>"), |e| {
            matches!(e, RuntimeError::BadJson { .. })
        }),
        (with_length("200 OK", b"[1,2,3]"), |e| {
            matches!(e, RuntimeError::MissingField { field: "Id", .. })
        }),
        (with_length("200 OK", br#"{"Id": 7}"#), |e| {
            matches!(e, RuntimeError::MissingField { .. })
        }),
        (
            Answer::Raw(
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffff\r\nab".to_vec(),
            ),
            |e| {
                matches!(
                    e,
                    RuntimeError::BadHttp { .. } | RuntimeError::TooLarge { .. }
                )
            },
        ),
    ];
    for (answer, expected) in cases {
        let server = Server::start(vec![answer]);
        let err = client(&server, Duration::from_secs(2))
            .inspect("abc")
            .expect_err("garbage");
        assert!(expected(&err), "{err:?}");
    }
}

#[test]
fn fields_of_the_wrong_type_are_left_empty() {
    let body = br#"{"Id":"ab","Name":5,"Config":{"Image":["x"],"Labels":{"a":"b","n":1}},"HostConfig":{"Privileged":"yes"},"Image":null}"#;
    let server = Server::start(vec![with_length("200 OK", body)]);
    let meta = client(&server, Duration::from_secs(2))
        .inspect("ab")
        .expect("inspect");
    assert_eq!(meta.name, "");
    assert_eq!(meta.image, "");
    assert!(!meta.privileged);
    assert_eq!(meta.labels.len(), 1);
}

#[test]
fn ids_that_could_change_the_request_are_refused_unsent() {
    let server = Server::start(vec![Answer::Silent]);
    let client = client(&server, Duration::from_secs(1));
    for id in [
        "",
        "../../info",
        "a b",
        "a?b",
        "x\r\nHost: y",
        &"a".repeat(200),
    ] {
        let err = client.inspect(id).expect_err("bad id");
        assert!(matches!(err, RuntimeError::BadId { .. }), "{id:?}: {err:?}");
    }
    assert!(server.requests().is_empty());
}
