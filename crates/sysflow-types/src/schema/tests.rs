//! Unit tests of the embedded schema and its canonical form.

use super::*;

#[test]
fn embedded_schema_is_the_reference_text() {
    assert_eq!(SCHEMA_JSON.len(), 6162);
    assert!(
        !SCHEMA_JSON.ends_with('\n'),
        "the schema must be embedded without a trailing newline"
    );
}

#[test]
fn schema_version_is_the_header_default() {
    let v: Value = serde_json::from_str(SCHEMA_JSON).unwrap();
    let header = &v["fields"][0]["type"][0];
    assert_eq!(header["name"], "SFHeader");
    assert_eq!(header["fields"][0]["name"], "version");
    assert_eq!(header["fields"][0]["default"], SCHEMA_VERSION);
}

#[test]
fn canonical_form_ignores_layout_and_docs() {
    let a = r#"{"type":"record","name":"R","namespace":"n","fields":[{"name":"x","type":"long","default":1,"doc":"d"}]}"#;
    let b = r#"{ "name": "n.R", "type": "record",
                 "fields": [ { "type": "long", "name": "x" } ] }"#;
    assert_eq!(canonical_form(a).unwrap(), canonical_form(b).unwrap());
    assert_eq!(
        canonical_form(a).unwrap(),
        r#"{"name":"n.R","type":"record","fields":[{"name":"x","type":"long"}]}"#
    );
}

#[test]
fn canonical_form_tells_field_order_apart() {
    let a = r#"{"type":"record","name":"R","fields":[{"name":"x","type":"long"},{"name":"y","type":"int"}]}"#;
    let b = r#"{"type":"record","name":"R","fields":[{"name":"y","type":"int"},{"name":"x","type":"long"}]}"#;
    assert_ne!(canonical_form(a).unwrap(), canonical_form(b).unwrap());
}

#[test]
fn canonical_form_resolves_references_by_namespace() {
    let c = canonical_form(SCHEMA_JSON).unwrap();
    // Named types are spelled out once, then referenced by full name.
    assert_eq!(c.matches(r#""name":"sysflow.type.OID""#).count(), 1);
    assert!(c.contains(r#""type":["null","sysflow.type.OID"]"#));
    assert!(c.contains(r#"{"name":"sysflow.entity.Service","type":"record""#));
}
