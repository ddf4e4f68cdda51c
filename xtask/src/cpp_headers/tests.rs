//! Tests of the C++ header generators: the committed headers are current,
//! and the avrogencpp naming rules on small schemas.

use super::{enums_hh, generate, stale, sysflow_hh};

#[test]
fn committed_headers_are_current() {
    let root = crate::workspace_root().unwrap();
    let headers = generate().unwrap();
    let stale = stale(&root, &headers);
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run `cargo xtask headers` and commit them"
    );
}

/// The part of `text` from the line that starts with `start` to the next
/// line that is `};`.
fn block<'a>(text: &'a str, start: &str) -> &'a str {
    let from = text
        .find(&format!("\n{start}"))
        .unwrap_or_else(|| panic!("no `{start}` in:\n{text}"));
    let rest = &text[from + 1..];
    let to = rest.find("\n};\n").unwrap_or(rest.len());
    &rest[..to]
}

#[test]
fn unions_are_numbered_after_their_branches_one_per_field() {
    // Two [null, string] fields get two classes (the reference's numbering,
    // not AVRO-4033's sharing); the outer union comes after the records it
    // holds, and each record after what it uses.
    let schema = r#"{"type": "record", "name": "Top", "namespace": "t", "fields": [
        {"name": "u", "type": [
            {"type": "record", "name": "A", "fields": [
                {"name": "x", "type": ["null", "string"]},
                {"name": "y", "type": ["null", "string"]}]},
            {"type": "record", "name": "B", "namespace": "t.other", "fields": [
                {"name": "a", "type": "t.A"},
                {"name": "f", "type": ["null", {"type": "fixed", "name": "F", "size": 4}]}]}
        ]}]}"#;
    let text = sysflow_hh::generate(schema).unwrap();
    let order: Vec<&str> = text.lines().filter(|l| l.starts_with("struct ")).collect();
    assert_eq!(
        order,
        [
            "struct _SysFlow_avsc_Union__0__ {",
            "struct _SysFlow_avsc_Union__1__ {",
            "struct A {",
            "struct _SysFlow_avsc_Union__2__ {",
            "struct B {",
            "struct _SysFlow_avsc_Union__3__ {",
            "struct Top {",
        ]
    );
    let a = block(&text, "struct A {");
    assert!(
        a.contains("    typedef _SysFlow_avsc_Union__0__ x_t;\n"),
        "{a}"
    );
    assert!(
        a.contains("    typedef _SysFlow_avsc_Union__1__ y_t;\n"),
        "{a}"
    );
    assert!(a.contains("    x_t x;\n    y_t y;\n"), "{a}");
    // A named fixed is a std::array, and its branch is named after it.
    let u2 = block(&text, "struct _SysFlow_avsc_Union__2__ {");
    assert!(
        u2.contains("const std::array<std::uint8_t, 4> &get_F() const & {"),
        "{u2}"
    );
    assert!(
        u2.contains("std::variant<std::monostate, std::array<std::uint8_t, 4>> value_;"),
        "{u2}"
    );
    assert!(u2.contains("bool is_null() const { return value_.index() == 0; }"));
    let u3 = block(&text, "struct _SysFlow_avsc_Union__3__ {");
    assert!(u3.contains("std::variant<A, B> value_;"), "{u3}");
    assert!(u3.contains("A &get_A() & {"), "{u3}");
    assert!(u3.contains("void set_B(B &&v) {"), "{u3}");
    assert!(!u3.contains("is_null"), "{u3}");
    assert!(u3.contains("wrong_branch(\"Top.u\", names_, 2,"), "{u3}");
    assert!(text.contains("    typedef _SysFlow_avsc_Union__3__ u_t;\n    u_t u;\n"));
}

#[test]
fn types_map_as_avrogencpp_maps_them() {
    let schema = r#"{"type": "record", "name": "R", "fields": [
        {"name": "i", "type": "int"},
        {"name": "l", "type": {"type": "long"}},
        {"name": "b", "type": "boolean"},
        {"name": "s", "type": "string"},
        {"name": "by", "type": "bytes"},
        {"name": "d", "type": "double"},
        {"name": "a", "type": {"type": "array", "items": "long"}},
        {"name": "m", "type": {"type": "map", "values": "string"}},
        {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["X", "delete"]}},
        {"name": "namespace", "type": "E"},
        {"name": "au", "type": {"type": "array", "items": ["null", "int"]}}
    ]}"#;
    let text = sysflow_hh::generate(schema).unwrap();
    let r = block(&text, "struct R {");
    for member in [
        "std::int32_t i;",
        "std::int64_t l;",
        "bool b;",
        "std::string s;",
        "std::vector<std::uint8_t> by;",
        "double d;",
        "std::vector<std::int64_t> a;",
        "std::map<std::string, std::string> m;",
        "E e;",
        "E namespace_;",
        "std::vector<_SysFlow_avsc_Union__0__> au;",
        "typedef _SysFlow_avsc_Union__0__ au_item_t;",
    ] {
        assert!(
            r.contains(&format!("\n    {member}\n")),
            "{member} in:\n{r}"
        );
    }
    assert!(r.contains("        : i(),\n"), "{r}");
    assert!(r.contains("          namespace_(),\n"), "{r}");
    let e = block(&text, "enum class E : unsigned {");
    assert_eq!(e, "enum class E : unsigned {\n    X = 0,\n    delete_ = 1,");
    let u = block(&text, "struct _SysFlow_avsc_Union__0__ {");
    assert!(u.contains("        int_ = 1,\n"), "{u}");
    assert!(u.contains("const std::int32_t &get_int() const & {"), "{u}");
}

#[test]
fn schemas_it_cannot_map_are_errors() {
    for (schema, error) in [
        (
            r#"{"type": "record", "name": "L", "fields": [
                {"name": "next", "type": ["null", "L"]}]}"#,
            "recursive",
        ),
        (
            r#"{"type": "record", "name": "R", "fields": [{"name": "x", "type": "Nope"}]}"#,
            "no type Nope",
        ),
        (
            r#"{"type": "record", "name": "R", "fields": [
                {"name": "a", "type": {"type": "fixed", "name": "a.F", "size": 1}},
                {"name": "b", "type": {"type": "fixed", "name": "b.F", "size": 2}}]}"#,
            "C++ name F",
        ),
        (
            r#"{"type": "record", "name": "Branch", "fields": []}"#,
            "declares Branch",
        ),
        (
            r#"{"type": "record", "name": "R", "fields": [{"name": "n", "type": "null"}]}"#,
            "type null",
        ),
    ] {
        let e = format!("{:#}", sysflow_hh::generate(schema).unwrap_err());
        assert!(e.contains(error), "{e}");
    }
}

#[test]
fn sysflow_hh_has_the_reference_names() {
    let text = sysflow_hh::generate(sysflow_types::SCHEMA_JSON).unwrap();
    for (record, typedef) in [
        ("Container", "typedef _SysFlow_avsc_Union__0__ podId_t;"),
        ("Process", "typedef _SysFlow_avsc_Union__1__ poid_t;"),
        ("Process", "typedef _SysFlow_avsc_Union__2__ containerId_t;"),
        ("File", "typedef _SysFlow_avsc_Union__3__ containerId_t;"),
        (
            "FileEvent",
            "typedef _SysFlow_avsc_Union__4__ newFileOID_t;",
        ),
        ("SysFlow", "typedef _SysFlow_avsc_Union__5__ rec_t;"),
    ] {
        let r = block(&text, &format!("struct {record} {{"));
        assert!(r.contains(typedef), "{typedef} in:\n{r}");
    }
    assert!(text.contains("const std::array<std::uint8_t, 20> &get_FOID() const & {"));
    assert!(text.contains("std::string namespace_;"));
    assert!(!text.contains("_SysFlow_avsc_Union__6__"));
}

#[test]
fn enums_hh_has_the_reference_values() {
    let text = enums_hh::generate(sysflow_types::SCHEMA_JSON).unwrap();
    for line in [
        "#define SF_HEADER 0\n",
        "#define SF_FILE_OBJ 3\n",
        "#define SF_K8S_EVT 11\n",
        "    OP_CLONE = (1 << 0),\n",
        "    OP_READ_RECV = (1 << 8),\n",
        "    OP_RENAME = (1 << 20)\n",
        "    SF_O_NONE = 0,\n",
        "    SF_O_RDWR = (SF_O_RDONLY | SF_O_WRONLY),\n",
        "    SF_O_F_CREATED = (1 << 14)\n",
    ] {
        assert!(text.contains(line), "{line} in:\n{text}");
    }
}
