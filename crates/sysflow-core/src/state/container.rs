//! Container metadata, from the container events a capture carries.

use serde_json::Value;

use super::State;
use crate::event::Ev;

/// What the collector writes about a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContainerInfo {
    pub id: String,
    pub name: String,
    /// Image repository (or name).
    pub image: String,
    pub image_tag: String,
    pub image_id: String,
    /// libsinsp's container type number.
    pub kind: i64,
    pub privileged: bool,
    /// When the capture last described it (ns), for the container bound.
    pub described: u64,
}

impl ContainerInfo {
    /// Parses a container event's JSON (`{"container": {...}}`).
    pub fn from_json(json: &str) -> Option<ContainerInfo> {
        let v: Value = serde_json::from_str(json.trim_end_matches(['\n', '\0'])).ok()?;
        let c = v.get("container")?;
        let s = |k: &str| {
            c.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        Some(ContainerInfo {
            id: s("id"),
            name: s("name"),
            image: s("image"),
            image_tag: s("imagetag"),
            image_id: s("imageid"),
            kind: c.get("type").and_then(Value::as_i64).unwrap_or(0),
            privileged: c
                .get("privileged")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            described: 0,
        })
    }
}

impl State {
    /// A container event: the container's metadata, by its id.
    pub(super) fn container_event(&mut self, ev: &Ev<'_>) {
        let Some(json) = ev.text("json") else { return };
        if let Some(mut info) = ContainerInfo::from_json(&json) {
            info.described = self.now;
            self.containers.insert(info.id.clone(), info);
        }
    }
}
