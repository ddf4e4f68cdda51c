//! Container metadata, from the container events a capture carries.
//!
//! The events are libsinsp's (`PPME_CONTAINER_JSON_E`, `_2_E`): a JSON
//! object `{"container": {...}}`. A live collector synthesizes the same
//! events from what a runtime answered, so replay and live capture read
//! metadata one way. Pods are read from the keys libsinsp writes for a CRI
//! container (`pod_sandbox_id`, `pod_sandbox_labels`) and from a `pod`
//! object sysflow-rs adds with what CRI says of the sandbox (libsinsp
//! ignores keys it does not know).

use std::net::Ipv4Addr;

use serde_json::Value;

use super::{State, Thread};
use crate::event::Ev;

/// What the collector writes about a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContainerInfo {
    pub id: String,
    pub name: String,
    /// The image as the container was created from it (`Config.Image`).
    pub image: String,
    /// Image repository: `image` without tag or digest (libsinsp's
    /// `imagerepo`); empty in captures that do not carry it.
    pub image_repo: String,
    pub image_tag: String,
    pub image_digest: String,
    pub image_id: String,
    /// libsinsp's container type number.
    pub kind: i64,
    pub privileged: bool,
    /// The container's IPv4 address (`ip`), 0.0.0.0 when the capture has
    /// none: libsinsp counts it as a local address of the container's
    /// processes (the filter's `fd.lip`, `fd.is_server`).
    pub ip: Ipv4Addr,
    /// The pod the container runs in, when the capture says.
    pub pod: Option<PodInfo>,
    /// When the capture last described it (ns), for the container bound.
    pub described: u64,
}

/// What the collector writes about a pod.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct PodInfo {
    /// SysFlow's pod id: the pod's Kubernetes uid, or its sandbox id when
    /// the capture does not carry the uid.
    pub id: String,
    pub name: String,
    pub namespace: String,
    pub labels: Vec<(String, String)>,
    /// IPv4 addresses, as SysFlow encodes them (the address's bytes in
    /// network order, read as a little-endian number).
    pub ips: Vec<i64>,
    pub restart_count: i64,
}

impl ContainerInfo {
    /// Parses a container event's JSON (`{"container": {...}}`).
    pub fn from_json(json: &str) -> Option<ContainerInfo> {
        let v: Value = serde_json::from_str(json.trim_end_matches(['\n', '\0'])).ok()?;
        let c = v.get("container")?;
        let s = |k: &str| text(c, k);
        Some(ContainerInfo {
            id: s("id"),
            name: s("name"),
            image: s("image"),
            image_repo: s("imagerepo"),
            image_tag: s("imagetag"),
            image_digest: s("imagedigest"),
            image_id: s("imageid"),
            kind: c.get("type").and_then(Value::as_i64).unwrap_or(0),
            privileged: c
                .get("privileged")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            ip: c
                .get("ip")
                .and_then(Value::as_str)
                .and_then(|ip| ip.parse().ok())
                .unwrap_or(Ipv4Addr::UNSPECIFIED),
            pod: PodInfo::from_container(c),
            described: 0,
        })
    }

    /// The image as SysFlow writes it: `repository:tag`.
    ///
    /// The reference writes libsinsp's `image` and `:tag`, which doubles
    /// the tag of an image named with one (`busybox:1.35:1.35`); from the
    /// repository the name is what the runtime reports. Captures without
    /// `imagerepo` (older libsinsp) keep the reference's form.
    pub fn image_name(&self) -> String {
        if self.image_repo.is_empty() {
            if self.image.is_empty() && self.image_tag.is_empty() {
                return String::new();
            }
            return format!("{}:{}", self.image, self.image_tag);
        }
        if self.image_tag.is_empty() && !self.image_digest.is_empty() {
            return format!("{}@{}", self.image_repo, self.image_digest);
        }
        format!("{}:{}", self.image_repo, self.image_tag)
    }
}

impl PodInfo {
    /// The pod of a container object, if it names a sandbox.
    fn from_container(c: &Value) -> Option<PodInfo> {
        let sandbox = text(c, "pod_sandbox_id");
        let pod = c.get("pod");
        if sandbox.is_empty() && pod.is_none() {
            return None;
        }
        let empty = Value::Null;
        let pod = pod.unwrap_or(&empty);
        let uid = text(pod, "uid");
        let labels = c
            .get("pod_sandbox_labels")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        let ips = pod
            .get("ips")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|ip| ip.as_str()?.parse::<Ipv4Addr>().ok())
                    .map(|ip| i64::from(u32::from_le_bytes(ip.octets())))
                    .collect()
            })
            .unwrap_or_default();
        Some(PodInfo {
            id: if uid.is_empty() { sandbox } else { uid },
            name: text(pod, "name"),
            namespace: text(pod, "namespace"),
            labels,
            ips,
            restart_count: pod
                .get("restart_count")
                .and_then(Value::as_i64)
                .unwrap_or(0),
        })
    }
}

/// A string member of a JSON object, or empty.
fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

impl State {
    /// A container event: the container's metadata, by its id. Returns the
    /// id when the event described a container.
    pub(super) fn container_event(&mut self, ev: &Ev<'_>) -> Option<String> {
        let json = ev.text("json")?;
        let mut info = ContainerInfo::from_json(&json)?;
        info.described = self.now;
        let id = info.id.clone();
        self.containers.insert(id.clone(), info);
        let root = self.user_name("", 0).unwrap_or("root").to_owned();
        let group = self.group_name("", 0).unwrap_or("root").to_owned();
        let mut t = Thread::for_container(&id);
        t.user_name = root;
        t.group_name = group;
        self.container_thread = Some(Box::new(t));
        Some(id)
    }
}
