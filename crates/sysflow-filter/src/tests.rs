//! Unit tests: the parser's trees and spans, the compiler's errors, every
//! operator through a fake `Fields`, the string matchers, the number
//! parsers, the catalogue's integrity, and no panic on any input.

use std::collections::HashMap;
use std::net::IpAddr;

use proptest::prelude::*;

use super::*;
use crate::matching::{fnmatch, path_prefix};
use crate::values::{scan_i32, scan_i64, scan_u32, scan_u64};

/// An owned field value for the fake.
#[derive(Clone)]
enum V {
    S(&'static str),
    U(u64),
    I(i64),
    B(bool),
    Ip(&'static str),
}

/// A fake event: field values by id, ancestors' names and pids, the
/// client and server sides of `fd.ip`/`fd.port`, and a count of calls.
#[derive(Default)]
struct Fake {
    values: HashMap<FieldId, V>,
    ancestors: Vec<(&'static str, i64)>,
    either: Vec<V>,
    calls: usize,
}

fn value(v: &V) -> Value<'_> {
    match v {
        V::S(s) => Value::Str(s.as_bytes()),
        V::U(u) => Value::U64(*u),
        V::I(i) => Value::I64(*i),
        V::B(b) => Value::Bool(*b),
        V::Ip(ip) => Value::Ip(ip.parse::<IpAddr>().unwrap()),
    }
}

impl Fields for Fake {
    fn get(&mut self, field: FieldId, arg: &FieldArg) -> Value<'_> {
        self.calls += 1;
        match (field, arg) {
            (FieldId::ProcAname, FieldArg::Index(n)) => self
                .ancestors
                .get(*n as usize)
                .map_or(Value::Absent, |(name, _)| Value::Str(name.as_bytes())),
            _ => self.values.get(&field).map_or(Value::Absent, value),
        }
    }

    fn any(
        &mut self,
        field: FieldId,
        _arg: &FieldArg,
        visit: &mut dyn FnMut(Value<'_>) -> bool,
    ) -> bool {
        self.calls += 1;
        match field {
            FieldId::ProcAname => self
                .ancestors
                .iter()
                .skip(1)
                .any(|(name, _)| visit(Value::Str(name.as_bytes()))),
            FieldId::ProcApid => self
                .ancestors
                .iter()
                .skip(1)
                .any(|(_, pid)| visit(Value::I64(*pid))),
            _ => self.either.iter().any(|v| visit(value(v))),
        }
    }
}

fn event() -> Fake {
    let mut f = Fake::default();
    for (id, v) in [
        (FieldId::ProcName, V::S("bash")),
        (FieldId::ProcPid, V::I(42)),
        (FieldId::EvtNum, V::U(1160)),
        (FieldId::EvtType, V::S("openat")),
        (FieldId::EvtFailed, V::B(false)),
        (FieldId::UserUid, V::U(u64::from(u32::MAX))),
        (FieldId::FdName, V::S("/etc/passwd")),
        (FieldId::FdSip, V::Ip("10.1.2.3")),
        (FieldId::FdSnet, V::Ip("10.1.2.3")),
        (FieldId::FdRip, V::Ip("fe80::1:2")),
        (FieldId::FdSport, V::U(80)),
        (FieldId::ProcCmdline, V::S("bash -c Echo")),
    ] {
        f.values.insert(id, v);
    }
    f.ancestors = vec![("bash", 42), ("sshd", 7), ("systemd", 1)];
    f.either = vec![V::Ip("10.1.2.3"), V::Ip("192.168.0.1")];
    f
}

fn matches(expr: &str) -> bool {
    let filter = compile(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
    filter.matches(&mut event())
}

#[test]
fn trees_and_spans() {
    let tree = parse("not proc.name = bash and (evt.num in (1, 2) or fd.name exists)").unwrap();
    let ExprKind::And(items) = &tree.kind else {
        panic!("{tree:?}")
    };
    assert_eq!(tree.span, Span::new(0, 62));
    assert!(matches!(items[0].kind, ExprKind::Not(_)));
    assert_eq!(items[0].span, Span::new(0, 20));
    assert_eq!(items[1].span, Span::new(25, 62));
    let ExprKind::Or(inner) = &items[1].kind else {
        panic!()
    };
    let ExprKind::Compare { field, op, value } = &inner[0].kind else {
        panic!()
    };
    assert_eq!(
        (field.name.as_str(), field.span),
        ("evt.num", Span::new(26, 33))
    );
    assert_eq!(*op, CmpOp::In);
    let Operand::List { items, span } = value else {
        panic!()
    };
    assert_eq!(*span, Span::new(37, 43));
    assert_eq!(items[1].bytes, b"2");
    assert_eq!(items[1].span, Span::new(41, 42));
    assert!(matches!(inner[1].kind, ExprKind::Exists { .. }));
}

#[test]
fn values_unescape_as_libsinsp() {
    let lit = |expr: &str| match parse(expr).unwrap().kind {
        ExprKind::Compare {
            value: Operand::Single(lit),
            ..
        } => lit.bytes,
        other => panic!("{other:?}"),
    };
    assert_eq!(lit(r#"proc.name = "a b""#), b"a b");
    assert_eq!(lit(r#"proc.name = 'a""#), b"a");
    assert_eq!(lit(r#"proc.name = "a\"b""#), b"a\"b");
    assert_eq!(lit(r#"proc.name = "a\\b""#), b"a\\b");
    assert_eq!(lit(r#"proc.name = "a\'b""#), b"a\\'b");
    assert_eq!(lit(r"proc.name = a\x41\x62"), b"aAb");
    assert_eq!(lit(r"proc.name = a\n"), b"a\\n");
    assert_eq!(lit(r"proc.name = a,b"), b"a,b");
    assert_eq!(lit("proc.name = "), b"");
    assert_eq!(lit(r"proc.name = a\"), b"a");
    assert_eq!(lit("proc.name==bash"), b"bash");
    assert_eq!(lit("proc.name containsbash"), b"bash");
}

/// The kind and position of a refused expression's error.
fn error(expr: &str) -> (ErrorKind, usize) {
    match compile(expr) {
        Ok(_) => panic!("{expr} compiled"),
        Err(e) => (e.kind().clone(), e.position()),
    }
}

#[test]
fn syntax_errors() {
    use ErrorKind::*;
    assert_eq!(error("").0, Empty);
    assert_eq!(error("  ").0, Empty);
    assert_eq!(
        error("evt.num=1 or evt.num=2 and evt.num=3"),
        (MixedAndOr, 23)
    );
    assert_eq!(error("(evt.num=1").0, UnclosedParen);
    assert_eq!(error("evt.num=1)"), (UnbalancedParen, 9));
    assert_eq!(error("( ) and evt.num=1").0, EmptyParens);
    assert!(matches!(
        error("evt.num=1 not evt.num=2"),
        (Syntax { .. }, 10)
    ));
    assert!(matches!(error("evt.num=1 evt.num=2"), (Syntax { .. }, 10)));
    assert!(matches!(error("evt.num=1 and"), (Syntax { .. }, 13)));
    assert!(matches!(error("and evt.num=1"), (Syntax { .. }, 0)));
    assert!(matches!(error("proc.name in a"), (Syntax { .. }, 13)));
    assert!(matches!(error("proc.name in (a b)"), (Syntax { .. }, 16)));
    assert!(matches!(error("'proc.name'=a"), (Syntax { .. }, 0)));
    assert_eq!(error("proc.name foo bar"), (UnknownOperator, 10));
    assert!(matches!(error("proc.name"), (Syntax { .. }, 9)));
    assert_eq!(error(r#"proc.name="abc"#), (UnclosedQuote, 10));
    assert_eq!(error(r#"proc.name="a\x4g""#), (BadEscape, 12));
    assert_eq!(error(r"proc.name=a\ b"), (BadEscape, 11));
    let deep = format!("{}evt.num=1{}", "(".repeat(200), ")".repeat(200));
    assert_eq!(error(&deep).0, TooDeep);
}

#[test]
fn semantic_errors() {
    use ErrorKind::*;
    assert_eq!(error("proc.nosuch = 1"), (UnknownField, 0));
    assert_eq!(error("a = 1 and proc.namex = 1"), (UnknownField, 0));
    assert_eq!(error("evt.num = 1 and proc.namex = 1"), (UnknownField, 16));
    assert_eq!(error("proc.env contains x"), (UnsupportedField, 0));
    assert_eq!(error("k8s.pod.label.app = x"), (UnsupportedField, 0));
    assert_eq!(error("evt.rawarg.fd = 3"), (UnsupportedField, 0));
    assert!(matches!(
        error("evt.arg.nosuch = 3"),
        (BadFieldArgument { .. }, 0)
    ));
    assert!(matches!(error("evt.arg = 3"), (BadFieldArgument { .. }, 0)));
    assert!(matches!(
        error("evt.arg[x] = 3"),
        (BadFieldArgument { .. }, 0)
    ));
    assert_eq!(error("proc.aname[x] = a").0, UnknownField);
    assert!(matches!(
        error("evt.num contains 1"),
        (
            OperatorNotForType {
                op: "contains",
                field_type: "u64"
            },
            0
        )
    ));
    assert!(matches!(
        error("evt.num pmatch (1)").0,
        OperatorNotForType { .. }
    ));
    assert!(matches!(
        error("fd.is_server < true").0,
        OperatorNotForType { .. }
    ));
    assert!(matches!(error("fd.ip exists").0, OperatorNotForType { .. }));
    assert!(matches!(error("evt.num = 1x"), (BadValue { .. }, 10)));
    assert!(matches!(error("evt.num = 0x10").0, BadValue { .. }));
    assert!(matches!(error("evt.num in (1, )"), (BadValue { .. }, 15)));
    assert!(matches!(error("evt.type = OPEN"), (BadValue { .. }, 11)));
    assert!(matches!(error("evt.type contains op").0, BadValue { .. }));
    assert!(matches!(error("fd.is_server = 1").0, BadValue { .. }));
    assert!(matches!(error("fd.sip = 10.0.0.0/8").0, BadValue { .. }));
    assert!(matches!(error("fd.net = 10.0.0.1").0, BadValue { .. }));
    assert!(matches!(error("fd.net = 10.0.0.0/33").0, BadValue { .. }));
    assert!(matches!(error("fd.sport = -1").0, BadValue { .. }));
    assert!(matches!(
        error("fd.sport = no-such-service-x").0,
        BadValue { .. }
    ));
    assert!(matches!(error("proc.name bcontains 6").0, BadValue { .. }));
    assert!(matches!(error("proc.name bcontains zz").0, BadValue { .. }));
}

#[test]
fn display_shows_a_caret() {
    let e = compile("proc.name = bash or\tevt.num = x").unwrap_err();
    let expected = format!(
        "bad value 'x': expected a number at position 30\n  \
         proc.name = bash or evt.num = x\n  {}^",
        " ".repeat(30)
    );
    assert_eq!(e.to_string(), expected);
    assert_eq!(e.found(), "x");
    let e = compile("évt.num = 1").unwrap_err();
    assert!(e.to_string().ends_with("\n  évt.num = 1\n  ^"), "{e}");
    let e = compile("evt.num = 1 and").unwrap_err();
    assert!(
        e.to_string().contains("found the end of the expression"),
        "{e}"
    );
}

#[test]
fn accepted_like_libsinsp() {
    for expr in [
        "evt.num=1160 orevt.num=1161",
        "notevt.num=1160",
        "not not evt.num=1160",
        "(evt.num=1) and(evt.num=2)",
        r#"proc.name="bash"and evt.num=1"#,
        "proc.name in ()",
        "proc.name in (a,)",
        "proc.name=",
        "evt.num=+5",
        "evt.num=-1",
        "evt.num = 99999999999999999999",
        "user.uid = 4294967296",
        "fd.sport=70000",
        "fd.sport=http",
        "fd.net=::1",
        "evt.arg[99999999999]=1",
        "proc.aname[-2]=bash",
        "evt.type startswith open",
        "evt.type in (open, syscall, fchmodat)",
    ] {
        if let Err(e) = compile(expr) {
            panic!("{expr}: {e}");
        }
    }
}

#[test]
fn absent_fails_every_test_and_not_inverts() {
    // The fake has no fd.num.
    assert!(!matches("fd.num = 3"));
    assert!(!matches("fd.num != 3"));
    assert!(!matches("fd.num exists"));
    assert!(matches("not fd.num exists"));
    assert!(matches("not fd.num = 3"));
    assert!(matches("not fd.num != 3"));
    assert!(!matches("fd.num in (3, 4)"));
    assert!(!matches("fd.directory glob *"));
    assert!(!matches("fd.directory contains \"\""));
}

#[test]
fn boolean_structure() {
    assert!(matches("proc.name = bash and evt.num = 1160"));
    assert!(!matches("proc.name = bash and evt.num = 1"));
    assert!(matches("proc.name = sh or evt.num = 1160"));
    assert!(!matches("not (proc.name = sh or evt.num = 1160)"));
    assert!(matches("not not proc.name = sh"));
    assert!(matches(
        "(proc.name = sh or proc.name = bash) and not (evt.num < 5 or fd.num exists)"
    ));
}

#[test]
fn short_circuit() {
    let filter = compile("proc.name = sh and evt.num = 1 and fd.name exists").unwrap();
    let mut fake = event();
    assert!(!filter.matches(&mut fake));
    assert_eq!(fake.calls, 1);
    let filter = compile("proc.name = bash or evt.num = 1 or fd.name exists").unwrap();
    let mut fake = event();
    assert!(filter.matches(&mut fake));
    assert_eq!(fake.calls, 1);
}

#[test]
fn string_operators() {
    assert!(matches("proc.name = bash"));
    assert!(matches("proc.name == bash"));
    assert!(!matches("proc.name = Bash"));
    assert!(matches("proc.name != Bash"));
    assert!(matches("proc.name < bat"));
    assert!(matches("proc.name <= bash"));
    assert!(matches("proc.name > b"));
    assert!(!matches("proc.name >= bat"));
    assert!(matches("proc.cmdline contains \"-c E\""));
    assert!(!matches("proc.cmdline contains echo"));
    assert!(matches("proc.cmdline icontains ECHO"));
    assert!(matches("proc.cmdline contains \"\""));
    assert!(matches("fd.name startswith /etc/"));
    assert!(matches("fd.name startswith \"\""));
    assert!(matches("fd.name endswith passwd"));
    assert!(!matches("fd.name endswith /etc/passwdx"));
    assert!(matches("fd.name glob /etc/*"));
    assert!(matches("fd.name glob /*/p?ss[a-z]d"));
    assert!(!matches("fd.name glob /etc"));
    assert!(matches("proc.name in (sh, bash, \"a b\")"));
    assert!(!matches("proc.name in (sh, zsh)"));
    assert!(matches("proc.name intersects (sh, bash)"));
    assert!(matches("fd.name pmatch (/usr, /etc)"));
    assert!(matches("fd.name pmatch (/)"));
    assert!(!matches("fd.name pmatch (/et, /etc/passwd/x)"));
    // bcontains and bstartswith take hex bytes: "as" and "/etc".
    assert!(matches("proc.name bcontains 6173"));
    assert!(matches("fd.name bstartswith 2F657463"));
    assert!(!matches("fd.name bstartswith 6574"));
    // A value's NUL ends it, as a C string's.
    assert!(matches(r"proc.name = bash\x00more"));
}

#[test]
fn evt_type_is_a_string_of_known_names() {
    assert!(matches("evt.type = openat"));
    assert!(matches("evt.type in (open, openat)"));
    assert!(matches("evt.type != open"));
}

#[test]
fn number_operators() {
    assert!(matches("evt.num = 1160"));
    assert!(matches("evt.num != 1"));
    assert!(matches(
        "evt.num < 1161 and evt.num <= 1160 and evt.num > 1159 and evt.num >= 1160"
    ));
    assert!(matches("evt.num in (1, 1160)"));
    assert!(!matches("evt.num in (1, 2)"));
    assert!(matches("proc.pid = 42"));
    assert!(matches("proc.pid > -1"));
    assert!(matches("evt.num = \"1160\""));
    // user.uid is 32 bits: -1 is 4294967295, as sscanf("%u") reads it.
    assert!(matches("user.uid = -1"));
    assert!(matches("user.uid = 4294967295"));
    assert!(matches("fd.sport = 80 and fd.sport in (http, 443)"));
    assert!(matches("fd.sport = 65616"));
}

#[test]
fn bool_and_address_operators() {
    assert!(matches("evt.failed = false"));
    assert!(matches("evt.failed != true"));
    assert!(matches("evt.failed in (false)"));
    assert!(matches("fd.sip = 10.1.2.3"));
    assert!(matches("fd.sip != 10.1.2.4"));
    assert!(matches("fd.sip in (1.1.1.1, 10.1.2.3)"));
    assert!(!matches("fd.sip = ::1"));
    assert!(matches("fd.rip = fe80::1:2"));
    assert!(matches("fd.snet = 10.0.0.0/8"));
    assert!(matches("fd.snet = 0.0.0.0/0"));
    assert!(!matches("fd.snet = 10.1.3.0/24"));
    assert!(matches("fd.snet != 10.1.3.0/24"));
    assert!(matches("fd.snet in (192.168.0.0/16, 10.1.2.0/24)"));
}

#[test]
fn multi_valued_fields() {
    // Any ancestor, from the parent up.
    assert!(matches("proc.aname = systemd"));
    assert!(matches("proc.aname = sshd"));
    assert!(!matches("proc.aname = bash"));
    assert!(matches("proc.aname[0] = bash"));
    assert!(matches("proc.aname[2] = systemd"));
    assert!(!matches("proc.aname[3] exists"));
    assert!(matches("proc.aname in (init, sshd)"));
    assert!(matches("proc.aname[-1] startswith sys"));
    assert!(matches("proc.apid = 1"));
    // Client or server: = and in for either, != for both.
    assert!(matches("fd.ip = 192.168.0.1"));
    assert!(matches("fd.ip in (10.1.2.3)"));
    assert!(!matches("fd.ip != 10.1.2.3"));
    assert!(matches("fd.ip != 10.9.9.9"));
    assert!(matches("fd.net = 192.168.0.0/16"));
    assert!(!matches("fd.net != 192.168.0.0/16"));
}

#[test]
fn fields_lists_what_the_filter_reads() {
    let filter = compile("proc.aname[2] = a or evt.arg.fd = 3 or not proc.name exists").unwrap();
    assert_eq!(
        filter.fields(),
        vec![
            (FieldId::ProcAname, FieldArg::Index(2)),
            (FieldId::EvtArg, FieldArg::Name("fd".into())),
            (FieldId::ProcName, FieldArg::None),
        ]
    );
    assert_eq!(
        filter.expression(),
        "proc.aname[2] = a or evt.arg.fd = 3 or not proc.name exists"
    );
}

#[test]
fn glob_is_fnmatch() {
    for (pattern, string, expected) in [
        ("*", "", true),
        ("*", "a/b", true),
        ("a*b", "a/x/b", true),
        ("a*b", "a/x/bc", false),
        ("*.c", ".c", true),
        ("?", "", false),
        ("?", "/", true),
        ("[abc]", "b", true),
        ("[!abc]", "b", false),
        ("[^abc]", "d", true),
        ("[]a]", "]", true),
        ("[a-c]x", "bx", true),
        ("[[:digit:]]*", "7up", true),
        ("[[:upper:]]", "a", false),
        ("[abc", "[abc", true),
        ("\\*", "*", true),
        ("\\*", "a", false),
        ("a\\", "a\\", true),
        ("*a*a*a", "aaaa", true),
        ("*ab", "aab", true),
        ("**", "x", true),
    ] {
        assert_eq!(
            fnmatch(pattern.as_bytes(), string.as_bytes()),
            expected,
            "{pattern} {string}"
        );
    }
}

#[test]
fn pmatch_compares_components() {
    let split = |p: &str| -> Vec<Box<[u8]>> {
        p.split('/')
            .filter(|c| !c.is_empty())
            .map(|c| Box::from(c.as_bytes()))
            .collect()
    };
    assert!(path_prefix(&split("/usr"), b"/usr"));
    assert!(path_prefix(&split("/usr"), b"/usr/bin/x"));
    assert!(path_prefix(&split("/usr"), b"//usr//bin"));
    assert!(path_prefix(&split("/usr"), b"usr/bin"));
    assert!(!path_prefix(&split("/usr"), b"/usrx"));
    assert!(!path_prefix(&split("/usr/lib"), b"/usr"));
    assert!(path_prefix(&split("/"), b"anything"));
    assert!(path_prefix(&split(""), b""));
}

#[test]
fn numbers_as_sscanf_reads_them() {
    assert_eq!(scan_u64("42"), Some(42));
    assert_eq!(scan_u64("+42"), Some(42));
    assert_eq!(scan_u64(" 42"), Some(42));
    assert_eq!(scan_u64("42 "), None);
    assert_eq!(scan_u64("-1"), Some(u64::MAX));
    assert_eq!(scan_u64("99999999999999999999"), Some(u64::MAX));
    assert_eq!(scan_u64(""), None);
    assert_eq!(scan_u64("-"), None);
    assert_eq!(scan_u64("0x1"), None);
    assert_eq!(scan_i64("-9223372036854775809"), Some(i64::MIN));
    assert_eq!(scan_i64("9223372036854775808"), Some(i64::MAX));
    assert_eq!(scan_u32("4294967296"), Some(0));
    assert_eq!(scan_u32("-1"), Some(u32::MAX));
    assert_eq!(scan_i32("99999999999"), Some(99999999999_i64 as i32));
    assert_eq!(scan_i32("-2"), Some(-2));
}

#[test]
fn catalogue_is_consistent() {
    for (i, info) in FIELDS.iter().enumerate() {
        assert_eq!(info.id as usize, i, "{}", info.name);
        assert_eq!(info.id.name(), info.name);
        // Every supported field is one libsinsp 0.29.3 knows.
        assert!(
            crate::known_fields::LIBSINSP_FIELDS
                .binary_search(&info.name)
                .is_ok(),
            "{}",
            info.name
        );
    }
    for list in [
        crate::known_fields::LIBSINSP_FIELDS,
        crate::abi_names::EVENT_TYPE_NAMES,
        crate::abi_names::PARAM_NAMES,
    ] {
        assert!(list.windows(2).all(|w| w[0] < w[1]), "not sorted");
    }
}

/// The generated name tables are what `shared/reference/event-abi.json`
/// says (skipped where `../shared` is not beside the workspace).
#[test]
fn abi_names_match_the_reference() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/reference/event-abi.json"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: no {path}");
        return;
    };
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let abi = &json["libs-e5c53d64-2022-sysdig-0.29.3"];
    let mut types: Vec<&str> = abi["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .chain(
            abi["ppm_sc"]
                .as_object()
                .unwrap()
                .values()
                .map(|v| v.as_str().unwrap()),
        )
        .collect();
    types.sort();
    types.dedup();
    assert_eq!(types, crate::abi_names::EVENT_TYPE_NAMES);
    let mut params: Vec<&str> = abi["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["params"].as_array().unwrap())
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    params.sort();
    params.dedup();
    assert_eq!(params, crate::abi_names::PARAM_NAMES);
}

/// Pieces of the language, so that random expressions get past the lexer.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("proc.name".to_owned()),
        Just("evt.num".to_owned()),
        Just("fd.sip".to_owned()),
        Just("proc.aname[1]".to_owned()),
        Just("evt.arg.fd".to_owned()),
        Just(" and ".to_owned()),
        Just(" or ".to_owned()),
        Just("not ".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("=".to_owned()),
        Just(" in ".to_owned()),
        Just(" exists".to_owned()),
        Just(",".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("\\x".to_owned()),
        "[ -~]{0,4}",
        any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(filter) = compile(&text) {
            filter.matches(&mut event());
        } else if let Err(e) = compile(&text) {
            let _ = e.to_string();
        }
    }

    #[test]
    fn any_expression_never_panics(pieces in proptest::collection::vec(piece(), 0..16)) {
        let text = pieces.concat();
        match compile(&text) {
            Ok(filter) => { filter.matches(&mut event()); }
            Err(e) => {
                let _ = e.to_string();
                prop_assert!(e.position() <= text.len());
            }
        }
    }
}

/// The README's example, which doctests (off in this workspace) would run.
#[test]
fn readme_example() {
    struct Event<'a> {
        name: &'a str,
        pid: i64,
    }

    impl Fields for Event<'_> {
        fn get(&mut self, field: FieldId, _arg: &FieldArg) -> Value<'_> {
            match field {
                FieldId::ProcName => Value::Str(self.name.as_bytes()),
                FieldId::ProcPid => Value::I64(self.pid),
                _ => Value::Absent,
            }
        }
    }

    let filter = compile("proc.name in (bash, sh) and not proc.pid = 1").unwrap();
    assert!(filter.matches(&mut Event {
        name: "bash",
        pid: 42
    }));
    assert!(!filter.matches(&mut Event {
        name: "cat",
        pid: 42
    }));

    let error = compile("proc.name = bash or proc.pid = 1 and proc.pid = 2").unwrap_err();
    assert_eq!(error.position(), 33);
}

/// The example of docs/filters.md's Errors section, caret included.
#[test]
fn docs_error_example() {
    let e = compile("proc.name = a and evt.num=1 or evt.num = 2").unwrap_err();
    let doc = include_str!("../../../docs/filters.md");
    assert!(doc.contains(&e.to_string()), "{e}");
}

/// A boolean tree over conditions whose results on [`event`] are known,
/// `evt.type` ones among them (which the compiler decides per event type).
#[derive(Debug, Clone)]
enum Tree {
    Atom(usize),
    Not(Box<Tree>),
    And(Vec<Tree>),
    Or(Vec<Tree>),
}

/// Conditions with their results on [`event`] and on an event without
/// `evt.type` (absent fails every test, `!=` too).
const ATOMS: &[(&str, bool, bool)] = &[
    ("proc.name = bash", true, true),
    ("proc.name = sh", false, false),
    ("fd.num exists", false, false),
    ("fd.num != 3", false, false),
    ("evt.type = openat", true, false),
    ("evt.type != openat", false, false),
    ("evt.type in (open, close)", false, false),
    ("evt.type in (openat, close)", true, false),
    ("evt.type != read", true, false),
    ("evt.type intersects (read, openat)", true, false),
    ("fd.name startswith /etc", true, true),
    ("proc.name in (sh, bash)", true, true),
    ("evt.type startswith open", true, false),
];

impl Tree {
    fn render(&self) -> String {
        match self {
            Tree::Atom(i) => ATOMS[*i].0.to_owned(),
            Tree::Not(t) => format!("not ({})", t.render()),
            Tree::And(items) => format!(
                "({})",
                items
                    .iter()
                    .map(Tree::render)
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            Tree::Or(items) => format!(
                "({})",
                items
                    .iter()
                    .map(Tree::render)
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        }
    }

    fn eval(&self, typed: bool) -> bool {
        match self {
            Tree::Atom(i) => {
                if typed {
                    ATOMS[*i].1
                } else {
                    ATOMS[*i].2
                }
            }
            Tree::Not(t) => !t.eval(typed),
            Tree::And(items) => items.iter().all(|t| t.eval(typed)),
            Tree::Or(items) => items.iter().any(|t| t.eval(typed)),
        }
    }
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = (0..ATOMS.len()).prop_map(Tree::Atom);
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| Tree::Not(Box::new(t))),
            proptest::collection::vec(inner.clone(), 1..4).prop_map(Tree::And),
            proptest::collection::vec(inner, 1..4).prop_map(Tree::Or),
        ]
    })
}

proptest! {
    /// The compiled programs (specialized per event type, constants
    /// folded, `and`/`or` as jumps) give the tree's result.
    #[test]
    fn programs_agree_with_the_tree(t in tree()) {
        let expr = t.render();
        let filter = compile(&expr).unwrap();
        prop_assert_eq!(filter.matches(&mut event()), t.eval(true), "{}", expr);
        let mut untyped = event();
        untyped.values.remove(&FieldId::EvtType);
        prop_assert_eq!(filter.matches(&mut untyped), t.eval(false), "{}", expr);
    }
}
