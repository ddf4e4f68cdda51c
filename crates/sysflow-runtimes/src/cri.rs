//! The CRI client: container and pod metadata from a Container Runtime
//! Interface runtime (containerd's CRI plugin, CRI-O) over gRPC on its unix
//! socket.
//!
//! One [`CriClient::inspect`] opens one HTTP/2 connection and makes, on it,
//! `Version` (once per client: it tells containerd from CRI-O),
//! `ContainerStatus` and `PodSandboxStatus`, both verbose, all bounded by
//! the client's timeout from connect to the last byte; the connection is
//! closed when the call returns.
//!
//! Why h2 on tokio rather than tonic: the client makes a handful of unary
//! calls, which `grpc` frames as one length-prefixed message each way plus a
//! `grpc-status` trailer (`grpc.rs`, about 150 lines over h2). tonic brings
//! hyper, hyper-util, tower and http-body around the same h2 for channels,
//! load balancing and streaming that a look-up does not use. The tokio
//! runtime is a current-thread one the client owns (no thread of its own:
//! it runs only inside `inspect`), created at the first call.

mod api;
mod grpc;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bytes::Bytes;
use h2::client::SendRequest;
use serde_json::Value;

use crate::container::{ImageRef, check_id};
use crate::{ContainerMeta, PodMeta, RuntimeError, RuntimeKind, http};

/// containerd's default socket (its CRI plugin serves on it).
pub const CONTAINERD_SOCKET: &str = "/run/containerd/containerd.sock";

/// CRI-O's default socket.
pub const CRIO_SOCKET: &str = "/run/crio/crio.sock";

/// The socket of the containerd k3s embeds.
pub const K3S_SOCKET: &str = "/run/k3s/containerd/containerd.sock";

/// The CRI sockets asked when no `criPath` is given, in this order.
pub const DEFAULT_CRI_SOCKETS: [&str; 3] = [CONTAINERD_SOCKET, CRIO_SOCKET, K3S_SOCKET];

/// The CRI API version sent with `Version` (the kubelet's runtime API).
const CRI_VERSION: &str = "v1";

/// The length of a full container id.
const FULL_ID: usize = 64;

/// A client of one CRI runtime socket.
///
/// It remembers which runtime answered (`Version`, asked at the first
/// [`inspect`](CriClient::inspect)) and owns a current-thread tokio runtime
/// (an epoll and an event descriptor, no thread) between calls; it holds no
/// connection between calls. It is `Send`, for use from one worker thread.
#[derive(Debug)]
pub struct CriClient {
    socket: PathBuf,
    timeout: Duration,
    kind: Option<RuntimeKind>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl CriClient {
    /// A client of the CRI runtime at `socket`, each [`inspect`](Self::inspect)
    /// bounded by `timeout`. Does no IO.
    pub fn new(socket: impl Into<PathBuf>, timeout: Duration) -> CriClient {
        CriClient {
            socket: socket.into(),
            timeout,
            kind: None,
            runtime: None,
        }
    }

    /// The socket this client talks to.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// Describes the container `id` (its full 64 hex digits, or a unique
    /// prefix such as the 12 digits libsinsp keeps) and the pod it runs in.
    ///
    /// containerd and CRI-O accept a unique prefix in `ContainerStatus`;
    /// for another CRI runtime a prefix it does not know is looked for in
    /// `ListContainers`. An id the runtime does not know is
    /// [`RuntimeError::NotFound`]; ids with anything but ASCII letters,
    /// digits, `_`, `.` and `-` are refused unsent ([`RuntimeError::BadId`]).
    pub fn inspect(&mut self, id: &str) -> Result<ContainerMeta, RuntimeError> {
        check_id(id)?;
        let deadline = Instant::now() + self.timeout;
        let timed_out = || RuntimeError::Timeout {
            path: self.socket.clone(),
            after: self.timeout,
        };
        let stream = http::connect(&self.socket, self.timeout)?;
        let left = deadline
            .checked_duration_since(Instant::now())
            .ok_or_else(timed_out)?;
        stream
            .set_nonblocking(true)
            .map_err(|source| RuntimeError::Io {
                path: self.socket.clone(),
                source,
            })?;
        // Taken out for the call, and put back after it.
        let runtime = match self.runtime.take() {
            Some(runtime) => runtime,
            None => tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .enable_time()
                .build()
                .map_err(|source| RuntimeError::Io {
                    path: self.socket.clone(),
                    source,
                })?,
        };
        let call = Call {
            socket: &self.socket,
            timeout: left,
        };
        let kind = self.kind;
        let result = runtime.block_on(async {
            let stream =
                tokio::net::UnixStream::from_std(stream).map_err(|source| RuntimeError::Io {
                    path: self.socket.clone(),
                    source,
                })?;
            tokio::time::timeout(left, call.inspect(stream, id, kind))
                .await
                .unwrap_or_else(|_| Err(timed_out()))
        });
        self.runtime = Some(runtime);
        let (meta, kind) = result?;
        self.kind = Some(kind);
        Ok(meta)
    }
}

/// One `inspect`'s calls, on one connection.
struct Call<'a> {
    socket: &'a Path,
    /// What is left of the client's timeout, sent as `grpc-timeout`.
    timeout: Duration,
}

impl Call<'_> {
    async fn inspect(
        &self,
        stream: tokio::net::UnixStream,
        id: &str,
        kind: Option<RuntimeKind>,
    ) -> Result<(ContainerMeta, RuntimeKind), RuntimeError> {
        let (mut send, connection) = grpc::handshake(self.socket, stream).await?;
        grpc::with_connection(self.socket, connection, async {
            let kind = match kind {
                Some(kind) => kind,
                None => self.kind(&mut send).await?,
            };
            let meta = self.describe(&mut send, id, kind).await?;
            Ok((meta, kind))
        })
        .await
    }

    async fn call<R: prost::Message + Default>(
        &self,
        send: &mut SendRequest<Bytes>,
        method: &'static str,
        request: &impl prost::Message,
    ) -> Result<R, RuntimeError> {
        grpc::unary(self.socket, send, method, request, self.timeout).await
    }

    /// The runtime's kind, from its `Version` name; a runtime without
    /// `Version` (an error status) is a CRI runtime of no known kind.
    async fn kind(&self, send: &mut SendRequest<Bytes>) -> Result<RuntimeKind, RuntimeError> {
        let request = api::VersionRequest {
            version: CRI_VERSION.to_owned(),
        };
        match self
            .call::<api::VersionResponse>(send, api::VERSION, &request)
            .await
        {
            Ok(version) => Ok(match version.runtime_name.as_str() {
                "containerd" => RuntimeKind::Containerd,
                "cri-o" => RuntimeKind::Crio,
                _ => RuntimeKind::Cri,
            }),
            Err(RuntimeError::GrpcStatus { .. }) => Ok(RuntimeKind::Cri),
            Err(e) => Err(e),
        }
    }

    async fn describe(
        &self,
        send: &mut SendRequest<Bytes>,
        id: &str,
        kind: RuntimeKind,
    ) -> Result<ContainerMeta, RuntimeError> {
        let response = match self.container_status(send, id).await {
            Err(RuntimeError::NotFound { .. })
                if kind == RuntimeKind::Cri && id.len() < FULL_ID =>
            {
                // A runtime that may want full ids: find the one this
                // prefix starts, if only one does.
                let full = self.full_id(send, id).await?;
                self.container_status(send, &full).await?
            }
            result => result?,
        };
        let missing = |field| RuntimeError::MissingField {
            path: self.socket.to_owned(),
            field,
        };
        let status = response.status.ok_or_else(|| missing("status"))?;
        if status.id.is_empty() {
            return Err(missing("status.id"));
        }
        let info = response
            .info
            .get("info")
            .and_then(|info| serde_json::from_str::<Value>(info).ok());
        let mut sandbox_id = info
            .as_ref()
            .and_then(|info| info.get("sandboxID"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if sandbox_id.is_empty() {
            sandbox_id = self.sandbox_of(send, &status.id).await?;
        }
        let attempt = status.metadata.as_ref().map_or(0, |m| m.attempt);
        let pod = if sandbox_id.is_empty() {
            None
        } else {
            self.pod(send, &sandbox_id, attempt).await?
        };
        Ok(container_meta(status, info.as_ref(), kind, pod))
    }

    /// `ContainerStatus`, verbose; NOT_FOUND (or containerd's UNKNOWN "does
    /// not exist") as [`RuntimeError::NotFound`].
    async fn container_status(
        &self,
        send: &mut SendRequest<Bytes>,
        id: &str,
    ) -> Result<api::ContainerStatusResponse, RuntimeError> {
        let request = api::ContainerStatusRequest {
            container_id: id.to_owned(),
            verbose: true,
        };
        self.call(send, api::CONTAINER_STATUS, &request)
            .await
            .map_err(|e| self.not_found(e, id))
    }

    fn not_found(&self, e: RuntimeError, id: &str) -> RuntimeError {
        match e {
            RuntimeError::GrpcStatus { code, message, .. }
                if code == grpc::NOT_FOUND
                    || (code == grpc::UNKNOWN
                        && (message.contains("does not exist")
                            || message.contains("not found"))) =>
            {
                RuntimeError::NotFound {
                    path: self.socket.to_owned(),
                    id: id.to_owned(),
                }
            }
            e => e,
        }
    }

    /// The full id of the one container whose id starts with `prefix`.
    async fn full_id(
        &self,
        send: &mut SendRequest<Bytes>,
        prefix: &str,
    ) -> Result<String, RuntimeError> {
        let list: api::ListContainersResponse = self
            .call(
                send,
                api::LIST_CONTAINERS,
                &api::ListContainersRequest::default(),
            )
            .await?;
        let mut matching = list
            .containers
            .into_iter()
            .filter(|c| c.id.starts_with(prefix));
        match (matching.next(), matching.next()) {
            (Some(c), None) => Ok(c.id),
            _ => Err(RuntimeError::NotFound {
                path: self.socket.to_owned(),
                id: prefix.to_owned(),
            }),
        }
    }

    /// The sandbox of container `id`, from `ListContainers` (for runtimes
    /// whose verbose info does not name it); empty when not listed.
    async fn sandbox_of(
        &self,
        send: &mut SendRequest<Bytes>,
        id: &str,
    ) -> Result<String, RuntimeError> {
        let request = api::ListContainersRequest {
            filter: Some(api::ContainerFilter { id: id.to_owned() }),
        };
        let list: api::ListContainersResponse =
            self.call(send, api::LIST_CONTAINERS, &request).await?;
        Ok(list
            .containers
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| c.pod_sandbox_id)
            .unwrap_or_default())
    }

    /// The pod of sandbox `id`; `None` when it was removed meanwhile.
    async fn pod(
        &self,
        send: &mut SendRequest<Bytes>,
        id: &str,
        attempt: u32,
    ) -> Result<Option<PodMeta>, RuntimeError> {
        let request = api::PodSandboxStatusRequest {
            pod_sandbox_id: id.to_owned(),
            verbose: true,
        };
        let response: api::PodSandboxStatusResponse =
            match self.call(send, api::POD_SANDBOX_STATUS, &request).await {
                Err(e) => match self.not_found(e, id) {
                    RuntimeError::NotFound { .. } => return Ok(None),
                    e => return Err(e),
                },
                Ok(response) => response,
            };
        let Some(status) = response.status else {
            return Ok(None);
        };
        let metadata = status.metadata.unwrap_or_default();
        let network = status.network.unwrap_or_default();
        let ips = std::iter::once(network.ip)
            .chain(network.additional_ips.into_iter().map(|ip| ip.ip))
            .filter(|ip| !ip.is_empty())
            .collect();
        Ok(Some(PodMeta {
            sandbox_id: if status.id.is_empty() {
                id.to_owned()
            } else {
                status.id
            },
            uid: metadata.uid,
            name: metadata.name,
            namespace: metadata.namespace,
            labels: status.labels.into_iter().collect(),
            ips,
            restart_count: attempt,
        }))
    }
}

/// Whether `s` is an image id (`sha256:` and hex digits, or 64 hex digits)
/// rather than a reference by name.
fn is_image_id(s: &str) -> bool {
    let hex = s.strip_prefix("sha256:").unwrap_or(s);
    (hex.len() == FULL_ID || s.len() > hex.len())
        && !hex.is_empty()
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A [`ContainerMeta`] from a `ContainerStatus` and its verbose info.
///
/// The image is the spec's (`image.image`), else `image_ref`; its id is
/// `image_id` (CRI 1.30 on), else `image_ref` when that is an id (containerd
/// 1.x puts `sha256:…` there); its digest is the name's, else `image_ref`'s
/// when that is a digested reference (CRI-O, containerd 2). Privileged is
/// CRI-O's `privileged` or containerd's
/// `config.linux.security_context.privileged`.
fn container_meta(
    status: api::ContainerStatus,
    info: Option<&Value>,
    kind: RuntimeKind,
    pod: Option<PodMeta>,
) -> ContainerMeta {
    let spec = status.image.map(|i| i.image).unwrap_or_default();
    let image = if spec.is_empty() {
        status.image_ref.clone()
    } else {
        spec
    };
    // An image given by id has no repository or tag: take them from a
    // digested `image_ref` when there is one.
    let named = if !is_image_id(&image) {
        image.as_str()
    } else if !is_image_id(&status.image_ref) {
        status.image_ref.as_str()
    } else {
        ""
    };
    let mut parsed = ImageRef::parse(named);
    if parsed.digest.is_empty()
        && let Some((_, digest)) = status.image_ref.split_once('@')
    {
        parsed.digest = digest.to_owned();
    }
    let image_id = if !status.image_id.is_empty() {
        status.image_id.as_str()
    } else if is_image_id(&status.image_ref) {
        status.image_ref.as_str()
    } else {
        ""
    };
    let flag = |pointer| {
        info.and_then(|info| info.pointer(pointer))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    let privileged = flag("/privileged") || flag("/config/linux/security_context/privileged");
    let metadata = status.metadata.unwrap_or_default();
    ContainerMeta {
        id: status.id,
        name: metadata.name,
        image_repo: parsed.repo,
        image_tag: parsed.tag,
        image_digest: parsed.digest,
        image_id: image_id
            .strip_prefix("sha256:")
            .unwrap_or(image_id)
            .to_owned(),
        image,
        privileged,
        labels: status.labels.into_iter().collect::<BTreeMap<_, _>>(),
        kind,
        pod,
    }
}

#[cfg(test)]
mod tests;
