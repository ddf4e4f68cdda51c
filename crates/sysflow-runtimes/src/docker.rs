//! The Docker Engine API client (`GET /containers/{id}/json`), which also
//! speaks to podman's Docker-compatible API.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use crate::container::{ImageRef, check_id};
use crate::{ContainerMeta, RuntimeError, RuntimeKind, http};

/// Docker's default API socket.
pub const DOCKER_SOCKET: &str = "/var/run/docker.sock";

/// podman's default API socket when run as root (`podman system service`,
/// or systemd's `podman.socket`).
pub const PODMAN_SOCKET: &str = "/run/podman/podman.sock";

/// The API version asked for: 1.24 is the oldest that current Docker
/// Engines still serve (and podman serves every version), and it already
/// has every field read here.
const API_VERSION: &str = "v1.24";

/// A client of one Docker Engine API socket (Docker's, or podman's
/// Docker-compatible one).
///
/// Each call opens a connection, sends one request and closes it, all
/// within the client's timeout; the client holds no connection between
/// calls, so it is cheap to clone and share across threads.
#[derive(Debug, Clone)]
pub struct DockerClient {
    socket: PathBuf,
    kind: RuntimeKind,
    timeout: Duration,
}

impl DockerClient {
    /// A client of the API at `socket`, which reports containers as `kind`,
    /// each call bounded by `timeout`.
    pub fn new(socket: impl Into<PathBuf>, kind: RuntimeKind, timeout: Duration) -> DockerClient {
        DockerClient {
            socket: socket.into(),
            kind,
            timeout,
        }
    }

    /// The socket this client talks to.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// The runtime kind its containers are reported as.
    pub fn kind(&self) -> RuntimeKind {
        self.kind
    }

    /// Describes the container `id` (a full or unique short id, or a name).
    ///
    /// Ids containing anything but ASCII letters, digits, `_`, `.` and `-`
    /// are refused ([`RuntimeError::BadId`]) without asking, so that no
    /// input can change the request's path.
    pub fn inspect(&self, id: &str) -> Result<ContainerMeta, RuntimeError> {
        check_id(id)?;
        let target = format!("/{API_VERSION}/containers/{id}/json");
        let response = http::get(&self.socket, &target, self.timeout)?;
        match response.status {
            200 => self.parse(&response.body),
            404 => Err(RuntimeError::NotFound {
                path: self.socket.clone(),
                id: id.to_owned(),
            }),
            status => Err(RuntimeError::Status {
                path: self.socket.clone(),
                status,
                message: api_message(&response.body),
            }),
        }
    }

    /// Whether the API answers (`GET /_ping`).
    pub fn ping(&self) -> Result<(), RuntimeError> {
        let response = http::get(&self.socket, "/_ping", self.timeout)?;
        if response.status == 200 {
            Ok(())
        } else {
            Err(RuntimeError::Status {
                path: self.socket.clone(),
                status: response.status,
                message: api_message(&response.body),
            })
        }
    }

    fn parse(&self, body: &[u8]) -> Result<ContainerMeta, RuntimeError> {
        let v: Value = serde_json::from_slice(body).map_err(|source| RuntimeError::BadJson {
            path: self.socket.clone(),
            source,
        })?;
        let missing = |field| RuntimeError::MissingField {
            path: self.socket.clone(),
            field,
        };
        let id = v
            .get("Id")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| missing("Id"))?;
        let config = v.get("Config");
        let image = text(config.and_then(|c| c.get("Image")));
        let image_ref = ImageRef::parse(image);
        let image_id = text(v.get("Image"));
        let labels: BTreeMap<String, String> = config
            .and_then(|c| c.get("Labels"))
            .and_then(Value::as_object)
            .map(|labels| {
                labels
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        Ok(ContainerMeta {
            id: id.to_owned(),
            name: text(v.get("Name")).trim_start_matches('/').to_owned(),
            image: image.to_owned(),
            image_repo: image_ref.repo,
            image_tag: image_ref.tag,
            image_digest: image_ref.digest,
            // podman says `sha256:` alone for a container without an image.
            image_id: image_id
                .strip_prefix("sha256:")
                .unwrap_or(image_id)
                .to_owned(),
            privileged: v
                .get("HostConfig")
                .and_then(|h| h.get("Privileged"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
            labels,
            kind: self.kind,
            pod: None,
        })
    }
}

/// A JSON string, or empty when absent or not a string.
fn text(v: Option<&Value>) -> &str {
    v.and_then(Value::as_str).unwrap_or_default()
}

/// The `message` of an API error body, or empty.
fn api_message(body: &[u8]) -> String {
    serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_default()
}
