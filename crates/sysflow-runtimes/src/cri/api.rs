//! The CRI `runtime.v1` messages the client sends and reads, written by hand
//! over prost's derive: only the fields it uses, with the field numbers of
//! `k8s.io/cri-api/pkg/apis/runtime/v1/api.proto` (prost skips the others).

use std::collections::HashMap;

/// `runtime.v1.RuntimeService`'s methods, as gRPC paths.
pub(crate) const VERSION: &str = "/runtime.v1.RuntimeService/Version";
pub(crate) const CONTAINER_STATUS: &str = "/runtime.v1.RuntimeService/ContainerStatus";
pub(crate) const POD_SANDBOX_STATUS: &str = "/runtime.v1.RuntimeService/PodSandboxStatus";
pub(crate) const LIST_CONTAINERS: &str = "/runtime.v1.RuntimeService/ListContainers";

/// `VersionRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct VersionRequest {
    /// The kubelet's runtime API version.
    #[prost(string, tag = "1")]
    pub version: String,
}

/// `VersionResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct VersionResponse {
    /// The runtime's name: `containerd`, `cri-o`, ….
    #[prost(string, tag = "2")]
    pub runtime_name: String,
}

/// `ContainerStatusRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct ContainerStatusRequest {
    /// The container's id, or (containerd, CRI-O) a unique prefix of it.
    #[prost(string, tag = "1")]
    pub container_id: String,
    /// Asks for `info`, the runtime's own JSON about the container.
    #[prost(bool, tag = "2")]
    pub verbose: bool,
}

/// `ContainerStatusResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct ContainerStatusResponse {
    /// The container's status.
    #[prost(message, optional, tag = "1")]
    pub status: Option<ContainerStatus>,
    /// With `verbose`: runtime-specific JSON, under the key `info` for
    /// containerd and CRI-O.
    #[prost(map = "string, string", tag = "2")]
    pub info: HashMap<String, String>,
}

/// `ContainerStatus`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct ContainerStatus {
    /// The full id.
    #[prost(string, tag = "1")]
    pub id: String,
    /// The name the kubelet gave, and the attempt.
    #[prost(message, optional, tag = "2")]
    pub metadata: Option<ContainerMetadata>,
    /// The image as the container was created from it.
    #[prost(message, optional, tag = "8")]
    pub image: Option<ImageSpec>,
    /// containerd 1.x: the image's id (`sha256:…`); CRI-O and containerd
    /// 2: a digested reference (`repo@sha256:…`).
    #[prost(string, tag = "9")]
    pub image_ref: String,
    /// The container's labels.
    #[prost(map = "string, string", tag = "12")]
    pub labels: HashMap<String, String>,
    /// The image's id (CRI 1.30 on; older runtimes leave it empty).
    #[prost(string, tag = "17")]
    pub image_id: String,
}

/// `ContainerMetadata`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct ContainerMetadata {
    /// The container's name.
    #[prost(string, tag = "1")]
    pub name: String,
    /// How many times the kubelet created this container before.
    #[prost(uint32, tag = "2")]
    pub attempt: u32,
}

/// `ImageSpec`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct ImageSpec {
    /// The image, by name or id.
    #[prost(string, tag = "1")]
    pub image: String,
}

/// `PodSandboxStatusRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PodSandboxStatusRequest {
    /// The sandbox's id.
    #[prost(string, tag = "1")]
    pub pod_sandbox_id: String,
    /// Asks for `info`.
    #[prost(bool, tag = "2")]
    pub verbose: bool,
}

/// `PodSandboxStatusResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PodSandboxStatusResponse {
    /// The sandbox's status.
    #[prost(message, optional, tag = "1")]
    pub status: Option<PodSandboxStatus>,
}

/// `PodSandboxStatus`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PodSandboxStatus {
    /// The sandbox's full id.
    #[prost(string, tag = "1")]
    pub id: String,
    /// The pod's name, uid and namespace.
    #[prost(message, optional, tag = "2")]
    pub metadata: Option<PodSandboxMetadata>,
    /// The pod's IPs (empty with the host's network).
    #[prost(message, optional, tag = "5")]
    pub network: Option<PodSandboxNetworkStatus>,
    /// The pod's labels.
    #[prost(map = "string, string", tag = "7")]
    pub labels: HashMap<String, String>,
}

/// `PodSandboxMetadata`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PodSandboxMetadata {
    /// The pod's name.
    #[prost(string, tag = "1")]
    pub name: String,
    /// The pod's Kubernetes uid.
    #[prost(string, tag = "2")]
    pub uid: String,
    /// The pod's namespace.
    #[prost(string, tag = "3")]
    pub namespace: String,
}

/// `PodSandboxNetworkStatus`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PodSandboxNetworkStatus {
    /// The primary IP.
    #[prost(string, tag = "1")]
    pub ip: String,
    /// Further IPs (dual stack).
    #[prost(message, repeated, tag = "2")]
    pub additional_ips: Vec<PodIp>,
}

/// `PodIP`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PodIp {
    /// The address, as text.
    #[prost(string, tag = "1")]
    pub ip: String,
}

/// `ListContainersRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct ListContainersRequest {
    /// Which containers to list; all of them when absent.
    #[prost(message, optional, tag = "1")]
    pub filter: Option<ContainerFilter>,
}

/// `ContainerFilter`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct ContainerFilter {
    /// One container's id.
    #[prost(string, tag = "1")]
    pub id: String,
}

/// `ListContainersResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct ListContainersResponse {
    /// The containers.
    #[prost(message, repeated, tag = "1")]
    pub containers: Vec<Container>,
}

/// `Container`, as `ListContainers` lists it.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct Container {
    /// The full id.
    #[prost(string, tag = "1")]
    pub id: String,
    /// The sandbox it runs in.
    #[prost(string, tag = "2")]
    pub pod_sandbox_id: String,
}
