//! The SysFlow schema v5 as JSON, and the schema comparison readers use.

use std::collections::HashSet;

use serde_json::Value;

use crate::error::SfError;

/// The SysFlow schema v5, exactly as the reference collector embeds it in every
/// file it writes (compact JSON, 6162 bytes). Our files carry it as their writer
/// schema so that any SysFlow reader treats them like the reference's.
pub const SCHEMA_JSON: &str = include_str!("../schema/sysflow-v5.avsc");

/// The schema version written in every [`SfHeader`](crate::SfHeader): the
/// default of `SFHeader.version` in [`SCHEMA_JSON`].
pub const SCHEMA_VERSION: i64 = 5;

/// The Parsing Canonical Form of an Avro schema, as the Avro specification
/// defines it: only the attributes that affect decoding, full names, no
/// whitespace. Two schemas with the same canonical form encode data the same
/// way, however their JSON is laid out.
pub fn canonical_form(schema_json: &str) -> Result<String, SfError> {
    let value: Value = serde_json::from_str(schema_json).map_err(|e| SfError::SchemaMismatch {
        detail: format!("the schema is not valid JSON: {e}"),
    })?;
    let mut out = String::with_capacity(schema_json.len());
    let mut seen = HashSet::new();
    canonical(&value, "", &mut seen, &mut out)
        .map_err(|detail| SfError::SchemaMismatch { detail })?;
    Ok(out)
}

const PRIMITIVES: [&str; 8] = [
    "null", "boolean", "int", "long", "float", "double", "bytes", "string",
];

fn full_name(name: &str, namespace: &str) -> String {
    if name.contains('.') || namespace.is_empty() {
        name.to_owned()
    } else {
        format!("{namespace}.{name}")
    }
}

fn push_json_str(out: &mut String, s: &str) {
    out.push_str(&Value::String(s.to_owned()).to_string());
}

fn canonical(
    v: &Value,
    namespace: &str,
    seen: &mut HashSet<String>,
    out: &mut String,
) -> Result<(), String> {
    match v {
        Value::String(s) if PRIMITIVES.contains(&s.as_str()) => push_json_str(out, s),
        Value::String(s) => push_json_str(out, &full_name(s, namespace)),
        Value::Array(branches) => {
            out.push('[');
            for (i, b) in branches.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(b, namespace, seen, out)?;
            }
            out.push(']');
        }
        Value::Object(o) => {
            let ty = o.get("type").ok_or("a schema object has no \"type\"")?;
            let Some(ty_name) = ty.as_str() else {
                // {"type": {...}} or {"type": [...]} wraps another schema.
                return canonical(ty, namespace, seen, out);
            };
            match ty_name {
                "record" | "error" | "enum" | "fixed" => {
                    let name = o
                        .get("name")
                        .and_then(Value::as_str)
                        .ok_or("a named type has no \"name\"")?;
                    let own_ns = o
                        .get("namespace")
                        .and_then(Value::as_str)
                        .unwrap_or(namespace);
                    let full = full_name(name, own_ns);
                    if !seen.insert(full.clone()) {
                        push_json_str(out, &full);
                        return Ok(());
                    }
                    let inner_ns = full.rsplit_once('.').map_or("", |(ns, _)| ns).to_owned();
                    out.push_str("{\"name\":");
                    push_json_str(out, &full);
                    out.push_str(",\"type\":");
                    push_json_str(
                        out,
                        if ty_name == "error" {
                            "record"
                        } else {
                            ty_name
                        },
                    );
                    match ty_name {
                        "enum" => {
                            let symbols = o.get("symbols").ok_or("an enum has no \"symbols\"")?;
                            out.push_str(",\"symbols\":");
                            out.push_str(&symbols.to_string());
                        }
                        "fixed" => {
                            let size = o
                                .get("size")
                                .and_then(Value::as_u64)
                                .ok_or("a fixed has no \"size\"")?;
                            out.push_str(&format!(",\"size\":{size}"));
                        }
                        _ => {
                            let fields = o
                                .get("fields")
                                .and_then(Value::as_array)
                                .ok_or("a record has no \"fields\"")?;
                            out.push_str(",\"fields\":[");
                            for (i, f) in fields.iter().enumerate() {
                                if i > 0 {
                                    out.push(',');
                                }
                                let fname = f
                                    .get("name")
                                    .and_then(Value::as_str)
                                    .ok_or("a field has no \"name\"")?;
                                let fty = f.get("type").ok_or("a field has no \"type\"")?;
                                out.push_str("{\"name\":");
                                push_json_str(out, fname);
                                out.push_str(",\"type\":");
                                canonical(fty, &inner_ns, seen, out)?;
                                out.push('}');
                            }
                            out.push(']');
                        }
                    }
                    out.push('}');
                }
                "array" => {
                    out.push_str("{\"type\":\"array\",\"items\":");
                    canonical(
                        o.get("items").ok_or("an array has no \"items\"")?,
                        namespace,
                        seen,
                        out,
                    )?;
                    out.push('}');
                }
                "map" => {
                    out.push_str("{\"type\":\"map\",\"values\":");
                    canonical(
                        o.get("values").ok_or("a map has no \"values\"")?,
                        namespace,
                        seen,
                        out,
                    )?;
                    out.push('}');
                }
                other => canonical(&Value::String(other.to_owned()), namespace, seen, out)?,
            }
        }
        other => return Err(format!("unexpected JSON in a schema: {other}")),
    }
    Ok(())
}

#[cfg(test)]
mod tests;
