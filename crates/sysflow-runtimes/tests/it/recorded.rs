//! `inspect` on the container descriptions recorded from Docker 20.10.24
//! and podman 4.3.1 (`tests/data/README.md` says how they were made).

use std::collections::BTreeMap;
use std::time::Duration;

use sysflow_runtimes::{ContainerMeta, DockerClient, RuntimeError, RuntimeKind};

use crate::server::{Answer, Server, chunked, data, with_length};

const TIMEOUT: Duration = Duration::from_secs(5);

fn inspect(kind: RuntimeKind, answer: Answer, id: &str) -> Result<ContainerMeta, RuntimeError> {
    let server = Server::start(vec![answer]);
    let result = DockerClient::new(server.path(), kind, TIMEOUT).inspect(id);
    assert_eq!(
        server.requests(),
        [format!("GET /v1.24/containers/{id}/json HTTP/1.1")]
    );
    result
}

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

const BUSYBOX_ID: &str = "a1e366cfc577e98073fa30d0f59403f3882cb9e2f8001fe1f6b4b0929123ba5d";

#[test]
fn docker_containers_are_described() {
    let meta = inspect(
        RuntimeKind::Docker,
        chunked("200 OK", &data("docker/sf-labelled.json")),
        "1a7d1f2cc3b1",
    )
    .expect("inspect");
    assert_eq!(
        meta,
        ContainerMeta {
            id: "1a7d1f2cc3b1ed8bc4036ae0be1701dd455b41ca9b94a21a0413202d93afa4da".into(),
            name: "sf-labelled".into(),
            image: "sfbusybox:1.35".into(),
            image_repo: "sfbusybox".into(),
            image_tag: "1.35".into(),
            image_digest: String::new(),
            image_id: BUSYBOX_ID.into(),
            privileged: false,
            labels: labels(&[("app", "web"), ("tier", "front")]),
            kind: RuntimeKind::Docker,
            pod: None,
        }
    );
    // One that exited at once is still described.
    let quick = inspect(
        RuntimeKind::Docker,
        with_length("200 OK", &data("docker/sf-quick.json")),
        "sf-quick",
    )
    .expect("inspect");
    assert_eq!(quick.name, "sf-quick");
    assert!(quick.labels.is_empty());
    // The privileged flag, from a container this machine could create but
    // not start (runc lacks capabilities here; see tests/data/README.md).
    let privileged = inspect(
        RuntimeKind::Docker,
        with_length("200 OK", &data("docker/sf-priv.json")),
        "sf-priv",
    )
    .expect("inspect");
    assert!(privileged.privileged);
}

#[test]
fn a_raw_docker_response_parses() {
    // The bytes dockerd sent, framing and all.
    let meta = inspect(
        RuntimeKind::Docker,
        Answer::Raw(data("docker/sf-quick.http")),
        "sf-quick",
    )
    .expect("inspect");
    assert_eq!(
        meta.id,
        "b2fa03b19db5a7cf5b96334faa4e8c22bfc149b575581027d748d23ad6186113"
    );
}

#[test]
fn podman_containers_are_described() {
    let meta = inspect(
        RuntimeKind::Podman,
        chunked("200 OK", &data("podman/pm-imaged.json")),
        "pm-imaged",
    )
    .expect("inspect");
    assert_eq!(meta.name, "pm-imaged");
    assert_eq!(meta.image, "localhost/sfbusybox:1.35");
    assert_eq!(
        (meta.image_repo.as_str(), meta.image_tag.as_str()),
        ("localhost/sfbusybox", "1.35")
    );
    assert_eq!(
        meta.image_id,
        "070ac4ef9ee5b136b034ea0819c21364a045069fc855183ca8c162e7b82ca06a"
    );
    assert_eq!(meta.labels, labels(&[("app", "db")]));
    assert_eq!(meta.kind, RuntimeKind::Podman);
    assert_eq!(meta.kind.sinsp_type(), 11);

    // `podman run --rootfs`: no image, and `Image` is `sha256:` alone.
    let rootfs = inspect(
        RuntimeKind::Podman,
        chunked("200 OK", &data("podman/pm-labelled.json")),
        "pm-labelled",
    )
    .expect("inspect");
    assert_eq!(
        (
            rootfs.image.as_str(),
            rootfs.image_tag.as_str(),
            rootfs.image_id.as_str()
        ),
        ("", "", "")
    );
    assert_eq!(rootfs.labels, labels(&[("app", "web"), ("tier", "front")]));
    let privileged = inspect(
        RuntimeKind::Podman,
        chunked("200 OK", &data("podman/pm-priv.json")),
        "pm-priv",
    )
    .expect("inspect");
    assert!(privileged.privileged);
    let quick = inspect(
        RuntimeKind::Podman,
        chunked("200 OK", &data("podman/pm-quick.json")),
        "pm-quick",
    )
    .expect("inspect");
    assert_eq!(quick.name, "pm-quick");
}

#[test]
fn unknown_containers_are_not_found() {
    for (kind, body) in [
        (RuntimeKind::Docker, "docker/not-found.json"),
        (RuntimeKind::Podman, "podman/not-found.json"),
    ] {
        let err = inspect(kind, with_length("404 Not Found", &data(body)), "nope")
            .expect_err("not found");
        assert!(
            matches!(&err, RuntimeError::NotFound { id, .. } if id == "nope"),
            "{err:?}"
        );
    }
    let err = inspect(
        RuntimeKind::Docker,
        with_length("500 Internal Server Error", br#"{"message":"boom"}"#),
        "x",
    )
    .expect_err("500");
    assert!(
        matches!(&err, RuntimeError::Status { status: 500, message, .. } if message == "boom"),
        "{err:?}"
    );
}
