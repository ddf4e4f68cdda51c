//! Unit tests of the datum encoder and decoder: byte layouts and malformed input.

use super::*;

fn encoded(rec: &SysFlow) -> Vec<u8> {
    rec.to_bytes()
}

#[test]
fn varints_are_zig_zag() {
    let mut out = Vec::new();
    for v in [0i64, -1, 1, -64, 64, i64::MIN, i64::MAX] {
        out.clear();
        put_long(&mut out, v);
        let mut d = Decoder::new(&out);
        assert_eq!(d.long("x").unwrap(), v);
        assert_eq!(d.pos, out.len());
    }
    out.clear();
    put_long(&mut out, -1);
    assert_eq!(out, [1]);
    out.clear();
    put_long(&mut out, 64);
    assert_eq!(out, [0x80, 0x01]);
}

#[test]
fn header_bytes_are_plain_avro() {
    let rec = SysFlow::Header(SfHeader {
        version: 5,
        exporter: "tests".into(),
        ip: String::new(),
        filename: "f".into(),
    });
    assert_eq!(
        encoded(&rec),
        [0, 10, 10, b't', b'e', b's', b't', b's', 0, 2, b'f']
    );
}

#[test]
fn overlong_varint_is_rejected() {
    let bytes = [0xffu8; 11];
    assert!(matches!(
        SysFlow::decode(&bytes),
        Err(DecodeError::BadVarint { offset: 0, .. })
    ));
}

#[test]
fn int_fields_must_fit_32_bits() {
    // A ProcessEvent whose opFlags varint holds 2^40.
    let mut bytes = vec![8, 0, 2, 0, 0];
    put_long(&mut bytes, 1 << 40);
    let err = SysFlow::decode(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            DecodeError::BadVarint {
                field: "ProcessEvent.opFlags",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn huge_string_length_does_not_allocate() {
    // A Header whose exporter claims 2^62 bytes.
    let mut bytes = vec![0, 10];
    put_long(&mut bytes, 1 << 62);
    let err = SysFlow::decode(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            DecodeError::BadLength {
                field: "SFHeader.exporter",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn huge_array_count_does_not_allocate() {
    let rec = SysFlow::ProcessEvent(ProcessEvent {
        proc_oid: Oid::new(1, 2),
        ts: 3,
        tid: 4,
        op_flags: OpFlags::SETUID,
        args: vec![],
        ret: 0,
    });
    let mut bytes = encoded(&rec);
    // Replace the empty args array (0) and ret with a count of 2^60.
    bytes.truncate(bytes.len() - 2);
    put_long(&mut bytes, 1 << 60);
    let err = SysFlow::decode(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            DecodeError::BadLength {
                field: "ProcessEvent.args",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn unknown_branch_and_symbol_are_errors() {
    assert!(matches!(
        SysFlow::decode(&[24]),
        Err(DecodeError::BadUnionBranch { index: 12, .. })
    ));
    // A File whose state is symbol 3 (there are three).
    let err = SysFlow::decode(&[6, 6]).unwrap_err();
    assert!(
        matches!(
            err,
            DecodeError::BadEnumIndex {
                index: 3,
                field: "File.state",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn bad_bool_and_utf8_are_errors() {
    let rec = SysFlow::Container(Container {
        id: "c".into(),
        name: "n".into(),
        image: "i".into(),
        imageid: "d".into(),
        container_type: crate::ContainerType::Docker,
        privileged: false,
        pod_id: None,
    });
    let mut bytes = encoded(&rec);
    let n = bytes.len();
    bytes[n - 2] = 7;
    assert!(matches!(
        SysFlow::decode(&bytes),
        Err(DecodeError::BadBool { byte: 7, .. })
    ));
    let mut bytes = encoded(&rec);
    bytes[2] = 0xff;
    assert!(matches!(
        SysFlow::decode(&bytes),
        Err(DecodeError::BadUtf8 {
            field: "Container.id",
            ..
        })
    ));
}

#[test]
fn trailing_bytes_are_reported_for_packets() {
    let mut bytes = encoded(&SysFlow::Header(SfHeader::default()));
    let used = bytes.len();
    bytes.push(0);
    assert_eq!(
        SysFlow::decode(&bytes),
        Err(DecodeError::TrailingBytes {
            offset: used,
            extra: 1
        })
    );
    assert!(SysFlow::decode_prefix(&bytes).is_ok());
}

#[test]
fn negative_block_counts_are_read() {
    // env as one block written with a negative count and a byte size.
    let mut p = encoded(&SysFlow::Process(Process {
        state: crate::SfObjectState::Reup,
        oid: Oid::new(0, 1),
        poid: None,
        ts: 0,
        exe: String::new(),
        exe_args: String::new(),
        uid: 0,
        user_name: String::new(),
        gid: 0,
        group_name: String::new(),
        tty: false,
        container_id: None,
        entry: false,
        cwd: String::new(),
        env: Default::default(),
    }));
    p.pop();
    put_long(&mut p, -1);
    put_long(&mut p, 2);
    put_long(&mut p, 1);
    p.push(b'x');
    p.push(0);
    let SysFlow::Process(proc) = SysFlow::decode(&p).unwrap() else {
        panic!("not a process")
    };
    assert_eq!(*proc.env, ["x"]);
}
