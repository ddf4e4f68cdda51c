//! Container metadata, from the container events a capture carries.

use serde_json::Value;

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
        })
    }
}
