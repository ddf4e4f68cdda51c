//! Unit tests of the live engine's pure parts: record decoding and the
//! credential checks (the live test itself is in `tests/it/live.rs`).

use super::driver::{caps_allow_bpf, parse_credentials};
use super::event_gen::{sf_evt_hdr, sf_record, sf_stats};
use super::{LiveError, decode_record};
use crate::abi::AbiRevision;
use crate::param::ParamValue;

#[test]
fn header_layout_matches_falco() {
    assert_eq!(size_of::<sf_evt_hdr>(), 26);
    assert_eq!(size_of::<sf_record>(), 28);
    assert_eq!(size_of::<sf_stats>(), 24);
    assert_eq!(std::mem::offset_of!(sf_evt_hdr, nparams), 22);
}

/// A close exit as the probe writes it: cpu, header, two u16 lengths, values.
#[test]
fn decodes_a_probe_record() {
    let mut rec = Vec::new();
    rec.extend_from_slice(&1u16.to_le_bytes());
    rec.extend_from_slice(&7u64.to_le_bytes());
    rec.extend_from_slice(&42u64.to_le_bytes());
    rec.extend_from_slice(&(26u32 + 4 + 16).to_le_bytes());
    rec.extend_from_slice(&5u16.to_le_bytes());
    rec.extend_from_slice(&2u32.to_le_bytes());
    rec.extend_from_slice(&8u16.to_le_bytes());
    rec.extend_from_slice(&8u16.to_le_bytes());
    rec.extend_from_slice(&0i64.to_le_bytes());
    rec.extend_from_slice(&3i64.to_le_bytes());
    let ev = decode_record(&rec, 9).unwrap();
    assert_eq!(
        (ev.cpu, ev.ts, ev.tid, ev.event_type, ev.index),
        (1, 7, 42, 5, 9)
    );
    assert_eq!(ev.type_name(AbiRevision::Current), Some("close"));
    assert_eq!(
        ev.param(AbiRevision::Current, 1).unwrap().unwrap(),
        ParamValue::Fd(3)
    );
    assert!(decode_record(&rec[..20], 1).is_err());
    assert!(decode_record(&[1], 1).is_err());
}

#[test]
fn credentials() {
    let root = "Name:\tx\nUid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\n";
    let (euid, caps) = parse_credentials(root);
    assert_eq!(euid, 0);
    assert!(caps_allow_bpf(caps));
    let user = "Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n";
    let (euid, caps) = parse_credentials(user);
    assert_eq!(euid, 1000);
    assert!(!caps_allow_bpf(caps));
    // CAP_BPF without CAP_PERFMON is not enough to attach tracing programs.
    assert!(!caps_allow_bpf(1 << 39));
    assert!(caps_allow_bpf((1 << 39) | (1 << 38)));
    let e = LiveError::AccessDenied {
        euid,
        cap_eff: caps,
    };
    assert!(e.to_string().contains("CAP_BPF"));
}
