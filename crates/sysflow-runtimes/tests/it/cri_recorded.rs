//! `CriClient::inspect` against containerd 1.6.20's recorded CRI responses
//! (`tests/data/cri`, see its README), served by the in-test gRPC server,
//! and against a made-up CRI runtime that wants full ids.

use std::collections::BTreeMap;
use std::time::Duration;

use prost::Message;
use sysflow_runtimes::{ContainerMeta, CriClient, PodMeta, RuntimeError, RuntimeKind};

use crate::grpc_server::{GrpcServer, Reply};
use crate::server::data;

const TIMEOUT: Duration = Duration::from_secs(5);

const VERSION: &str = "/runtime.v1.RuntimeService/Version";
const CONTAINER_STATUS: &str = "/runtime.v1.RuntimeService/ContainerStatus";
const POD_SANDBOX_STATUS: &str = "/runtime.v1.RuntimeService/PodSandboxStatus";
const LIST_CONTAINERS: &str = "/runtime.v1.RuntimeService/ListContainers";

const SF_CTR: &str = "ff878ba75c4146b3f0a6480281ba495f335c0f804c944bcbb4778f537300db3a";
const SF_CTR_QUICK: &str = "2d9ad382c336cca884d0c7ce8a23e95f53bf4538de736baed9ae5aa9338fba3c";
const SF_POD: &str = "9aa980b20443caf221e805b71ad295d0dfe5176e93a51057c690eec4554f71ff";
const BUSYBOX_ID: &str = "a1e366cfc577e98073fa30d0f59403f3882cb9e2f8001fe1f6b4b0929123ba5d";

/// `ContainerStatusRequest` and `PodSandboxStatusRequest` alike: an id and
/// `verbose`.
#[derive(Clone, PartialEq, Message)]
struct IdRequest {
    #[prost(string, tag = "1")]
    id: String,
    #[prost(bool, tag = "2")]
    verbose: bool,
}

/// `VersionResponse`.
#[derive(Clone, PartialEq, Message)]
struct VersionResponse {
    #[prost(string, tag = "1")]
    version: String,
    #[prost(string, tag = "2")]
    runtime_name: String,
    #[prost(string, tag = "3")]
    runtime_version: String,
    #[prost(string, tag = "4")]
    runtime_api_version: String,
}

/// `ListContainersResponse`, with `Container`'s id and sandbox id.
#[derive(Clone, PartialEq, Message)]
struct ListContainersResponse {
    #[prost(message, repeated, tag = "1")]
    containers: Vec<ListedContainer>,
}

#[derive(Clone, PartialEq, Message)]
struct ListedContainer {
    #[prost(string, tag = "1")]
    id: String,
    #[prost(string, tag = "2")]
    pod_sandbox_id: String,
}

/// A `Version` answer naming `runtime_name`. Not recorded: containerd
/// 1.6.20 answers `containerd`, `1.6.20~ds1`, API `v1`, as made up here.
fn version(runtime_name: &str) -> Reply {
    Reply::Message(
        VersionResponse {
            version: "0.1.0".into(),
            runtime_name: runtime_name.into(),
            runtime_version: "1.6.20~ds1".into(),
            runtime_api_version: "v1".into(),
        }
        .encode_to_vec(),
    )
}

/// containerd as recorded: ids by unique prefix, NOT_FOUND otherwise.
fn containerd(method: &str, request: &[u8]) -> Reply {
    let id = IdRequest::decode(request).expect("request").id;
    assert!(
        method == VERSION || IdRequest::decode(request).expect("request").verbose,
        "{method} not verbose"
    );
    let known = |full: &str| !id.is_empty() && full.starts_with(&id);
    match method {
        VERSION => version("containerd"),
        CONTAINER_STATUS if known(SF_CTR) => Reply::Message(data("cri/container-status-sf-ctr.pb")),
        CONTAINER_STATUS if known(SF_CTR_QUICK) => {
            Reply::Message(data("cri/container-status-sf-ctr-quick.pb"))
        }
        POD_SANDBOX_STATUS if known(SF_POD) => {
            Reply::Message(data("cri/pod-sandbox-status-sf-pod.pb"))
        }
        CONTAINER_STATUS | POD_SANDBOX_STATUS => {
            Reply::Status(5, "an error occurred when try to find container: not found")
        }
        _ => Reply::Status(12, "unknown method"),
    }
}

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn sf_pod(restart_count: u32) -> PodMeta {
    PodMeta {
        sandbox_id: SF_POD.into(),
        uid: "uid-1234".into(),
        name: "sf-pod".into(),
        namespace: "sf-ns".into(),
        labels: labels(&[("app", "sf"), ("tier", "pod")]),
        // Host network: CRI reports no IP.
        ips: Vec::new(),
        restart_count,
    }
}

fn sf_ctr(kind: RuntimeKind) -> ContainerMeta {
    ContainerMeta {
        id: SF_CTR.into(),
        name: "sf-ctr".into(),
        image: "docker.io/library/sfbusybox:1.35".into(),
        image_repo: "docker.io/library/sfbusybox".into(),
        image_tag: "1.35".into(),
        image_digest: String::new(),
        image_id: BUSYBOX_ID.into(),
        privileged: false,
        labels: labels(&[("app", "sf"), ("role", "worker")]),
        kind,
        pod: Some(sf_pod(0)),
    }
}

#[test]
fn containerd_containers_and_their_pod_are_described() {
    let server = GrpcServer::start(containerd);
    let mut client = CriClient::new(server.path(), TIMEOUT);
    assert_eq!(client.socket(), server.path());
    // By the 12-digit prefix libsinsp keeps.
    let meta = client.inspect(&SF_CTR[..12]).expect("inspect");
    assert_eq!(meta, sf_ctr(RuntimeKind::Containerd));
    assert_eq!(
        server.calls(),
        [VERSION, CONTAINER_STATUS, POD_SANDBOX_STATUS]
    );
    // An exited container, by its full id; Version is not asked again.
    let quick = client.inspect(SF_CTR_QUICK).expect("inspect");
    assert_eq!(
        quick,
        ContainerMeta {
            id: SF_CTR_QUICK.into(),
            name: "sf-ctr-quick".into(),
            labels: BTreeMap::new(),
            ..sf_ctr(RuntimeKind::Containerd)
        }
    );
    assert_eq!(server.calls().iter().filter(|m| *m == VERSION).count(), 1);
}

#[test]
fn unknown_ids_are_not_found() {
    let server = GrpcServer::start(containerd);
    let mut client = CriClient::new(server.path(), TIMEOUT);
    let err = client.inspect("0123456789ab").expect_err("unknown");
    assert!(
        matches!(&err, RuntimeError::NotFound { id, .. } if id == "0123456789ab"),
        "{err:?}"
    );
    // Refused unsent, as the Docker client refuses them.
    let err = client.inspect("../x").expect_err("bad id");
    assert!(matches!(err, RuntimeError::BadId { .. }), "{err:?}");
    assert_eq!(server.calls(), [VERSION, CONTAINER_STATUS]);
}

#[test]
fn the_runtime_is_told_by_its_version_name() {
    for (name, kind) in [
        ("containerd", RuntimeKind::Containerd),
        ("cri-o", RuntimeKind::Crio),
        ("some-cri", RuntimeKind::Cri),
    ] {
        let server = GrpcServer::start(move |method, request| match method {
            VERSION => version(name),
            _ => containerd(method, request),
        });
        let meta = CriClient::new(server.path(), TIMEOUT)
            .inspect(SF_CTR)
            .expect("inspect");
        assert_eq!(meta.kind, kind, "{name}");
    }
    // A runtime without Version is a CRI runtime all the same.
    let server = GrpcServer::start(|method, request| match method {
        VERSION => Reply::Status(12, "unknown method Version"),
        _ => containerd(method, request),
    });
    let meta = CriClient::new(server.path(), TIMEOUT)
        .inspect(SF_CTR)
        .expect("inspect");
    assert_eq!(meta.kind, RuntimeKind::Cri);
}

/// `ContainerStatusResponse` with its `status` left encoded, and without
/// `info`.
#[derive(Clone, PartialEq, Message)]
struct StatusOnly {
    #[prost(bytes = "vec", tag = "1")]
    status: Vec<u8>,
}

/// A CRI runtime that knows containers by their full ids only, and whose
/// verbose info does not name the sandbox (here: none at all).
fn full_ids_only(method: &str, request: &[u8]) -> Reply {
    match method {
        VERSION => version("other"),
        LIST_CONTAINERS => Reply::Message(
            ListContainersResponse {
                containers: [SF_CTR, SF_CTR_QUICK]
                    .map(|id| ListedContainer {
                        id: id.into(),
                        pod_sandbox_id: SF_POD.into(),
                    })
                    .to_vec(),
            }
            .encode_to_vec(),
        ),
        CONTAINER_STATUS if IdRequest::decode(request).expect("request").id == SF_CTR => {
            // The recorded answer without its `info` map.
            let recorded = data("cri/container-status-sf-ctr.pb");
            let status = StatusOnly::decode(&recorded[..]).expect("recorded");
            Reply::Message(status.encode_to_vec())
        }
        CONTAINER_STATUS => Reply::Status(5, "no such container"),
        _ => containerd(method, request),
    }
}

#[test]
fn a_runtime_wanting_full_ids_is_asked_with_the_listed_one() {
    let server = GrpcServer::start(full_ids_only);
    let meta = CriClient::new(server.path(), TIMEOUT)
        .inspect(&SF_CTR[..12])
        .expect("inspect");
    assert_eq!(meta, sf_ctr(RuntimeKind::Cri));
    assert_eq!(
        server.calls(),
        [
            VERSION,
            CONTAINER_STATUS,
            LIST_CONTAINERS,
            CONTAINER_STATUS,
            LIST_CONTAINERS,
            POD_SANDBOX_STATUS
        ]
    );
    // A prefix no listed container starts is not found.
    let err = CriClient::new(server.path(), TIMEOUT)
        .inspect("0123456789ab")
        .expect_err("unknown");
    assert!(matches!(err, RuntimeError::NotFound { .. }), "{err:?}");
}
