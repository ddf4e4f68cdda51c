//! What a runtime says about a container, in the terms the collector writes.

use std::collections::BTreeMap;

use crate::RuntimeError;

/// Which runtime described a container.
///
/// The numbers are libsinsp's container types (`sinsp_container_type`), the
/// `type` field of the container JSON events a scap capture carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RuntimeKind {
    /// Docker Engine (`CT_DOCKER`, 0).
    #[doc(alias = "CT_DOCKER")]
    Docker,
    /// podman, through its Docker-compatible API (`CT_PODMAN`, 11).
    ///
    /// SysFlow's `ContainerType` enum stops at `CT_BPM` (9): it has no
    /// podman symbol. The reference collector casts libsinsp's 11 into it,
    /// which its Avro encoder rejects as out of bounds; sysflow-core writes
    /// such a container as `CT_DOCKER`, the API podman answered through.
    #[doc(alias = "CT_PODMAN")]
    Podman,
    /// A CRI runtime that did not name itself containerd or CRI-O (`CT_CRI`, 6).
    #[doc(alias = "CT_CRI")]
    Cri,
    /// containerd, through its CRI plugin (`CT_CONTAINERD`, 7).
    #[doc(alias = "CT_CONTAINERD")]
    Containerd,
    /// CRI-O (`CT_CRIO`, 8).
    #[doc(alias = "CT_CRIO")]
    Crio,
}

impl RuntimeKind {
    /// libsinsp's number for this runtime (`sinsp_container_type`).
    pub fn sinsp_type(self) -> i64 {
        match self {
            RuntimeKind::Docker => 0,
            RuntimeKind::Podman => 11,
            RuntimeKind::Cri => 6,
            RuntimeKind::Containerd => 7,
            RuntimeKind::Crio => 8,
        }
    }
}

/// A container's metadata, as a runtime reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerMeta {
    /// The full id (64 hex digits for docker and podman).
    pub id: String,
    /// The name, without the leading `/` the Docker API puts before it.
    pub name: String,
    /// The image as the container was created from it (`Config.Image`),
    /// e.g. `busybox:1.35` or `localhost/app@sha256:…`; empty when podman
    /// ran the container from a root filesystem (`--rootfs`).
    pub image: String,
    /// The image's repository: `image` without its tag and digest.
    pub image_repo: String,
    /// The image's tag; `latest` when `image` names neither tag nor digest,
    /// as Docker reads such a reference.
    pub image_tag: String,
    /// The image's digest (`sha256:…`) when `image` names one.
    pub image_digest: String,
    /// The image's id, without its `sha256:` prefix; empty when unknown.
    pub image_id: String,
    /// Whether the container runs privileged (`HostConfig.Privileged`).
    pub privileged: bool,
    /// The container's labels (`Config.Labels`); values that are not
    /// strings are left out.
    pub labels: BTreeMap<String, String>,
    /// The runtime that answered.
    pub kind: RuntimeKind,
    /// The pod the container runs in, when a CRI runtime described it.
    pub pod: Option<PodMeta>,
}

/// A pod, as a CRI runtime describes its sandbox.
///
/// Only what CRI knows: the Kubernetes API would add the node's name, the
/// host's IP, selectors and services, and sysflow-rs does not query it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PodMeta {
    /// The pod sandbox's id (64 hex digits).
    pub sandbox_id: String,
    /// The pod's Kubernetes uid (`metadata.uid`), SysFlow's pod id.
    pub uid: String,
    /// The pod's name.
    pub name: String,
    /// The pod's namespace.
    pub namespace: String,
    /// The pod's labels.
    pub labels: BTreeMap<String, String>,
    /// The sandbox's IP addresses (the primary one first), as text.
    pub ips: Vec<String>,
    /// How many times the container was restarted (its CRI `attempt`).
    pub restart_count: u32,
}

/// An image reference split into repository, tag and digest.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct ImageRef {
    pub repo: String,
    pub tag: String,
    pub digest: String,
}

impl ImageRef {
    /// Splits `[registry[:port]/]path[:tag][@digest]`. A colon is a tag's
    /// only after the last `/`, so a registry's port is not taken for one.
    pub fn parse(image: &str) -> ImageRef {
        let (name, digest) = match image.split_once('@') {
            Some((name, digest)) => (name, digest),
            None => (image, ""),
        };
        let last_slash = name.rfind('/').map_or(0, |i| i + 1);
        let (repo, tag) = match name[last_slash..].rfind(':') {
            Some(i) => (&name[..last_slash + i], &name[last_slash + i + 1..]),
            None => (name, ""),
        };
        let tag = if tag.is_empty() && digest.is_empty() && !repo.is_empty() {
            "latest"
        } else {
            tag
        };
        ImageRef {
            repo: repo.to_owned(),
            tag: tag.to_owned(),
            digest: digest.to_owned(),
        }
    }
}

/// The longest id or name sent to a runtime.
const MAX_ID: usize = 128;

/// Refuses, unsent, an id that no runtime could know: empty, longer than
/// [`MAX_ID`], or with anything but ASCII letters, digits, `_`, `.` and `-`
/// (so that no input can change a request's path).
pub(crate) fn check_id(id: &str) -> Result<(), RuntimeError> {
    if id.is_empty()
        || id.len() > MAX_ID
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    {
        return Err(RuntimeError::BadId { id: id.to_owned() });
    }
    Ok(())
}

#[cfg(test)]
mod tests;

impl ContainerMeta {
    /// The container event's JSON libsinsp would write for this container,
    /// known to the collector by `id` (the 12-digit id its cgroups give).
    ///
    /// libsinsp's keys, read by sysflow-core and sysdig alike; a pod adds
    /// `pod_sandbox_id` and `pod_sandbox_labels` (libsinsp's) and a `pod`
    /// object with what only CRI says of the sandbox (name, namespace, uid,
    /// IPs, restarts), which libsinsp ignores.
    pub fn sinsp_json(&self, id: &str) -> String {
        let mut c = serde_json::json!({
            "Mounts": [],
            "full_id": self.id,
            "id": id,
            "image": self.image,
            "imagedigest": self.image_digest,
            "imageid": self.image_id,
            "imagerepo": self.image_repo,
            "imagetag": self.image_tag,
            "ip": "",
            "labels": self.labels,
            "name": self.name,
            "privileged": self.privileged,
            "type": self.kind.sinsp_type(),
        });
        if let (Some(pod), Some(obj)) = (&self.pod, c.as_object_mut()) {
            obj.insert("pod_sandbox_id".into(), pod.sandbox_id.clone().into());
            obj.insert("pod_sandbox_labels".into(), serde_json::json!(pod.labels));
            obj.insert(
                "pod".into(),
                serde_json::json!({
                    "uid": pod.uid,
                    "name": pod.name,
                    "namespace": pod.namespace,
                    "ips": pod.ips,
                    "restart_count": pod.restart_count,
                }),
            );
        }
        serde_json::json!({ "container": c }).to_string()
    }
}
