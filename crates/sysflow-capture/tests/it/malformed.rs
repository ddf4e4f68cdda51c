//! Malformed, transformed and synthetic captures: typed errors with offsets,
//! nothing lost before a fault, and the less common block kinds.

use std::io::Write;

use sysflow_capture::{
    AbiRevision, CaptureError, Event, FdInfo, Interface, Item, ParamValue, ScapReader,
};

use crate::shared_dir;

const SHB: u32 = 0x0A0D_0D0A;

/// A real trace's bytes, or `None` when the shared folder is absent.
fn trace(case: &str) -> Option<Vec<u8>> {
    let shared = shared_dir()?;
    Some(std::fs::read(shared.join("golden").join(case).join("trace.scap")).expect("read trace"))
}

fn u32_at(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(b[off..off + 4].try_into().expect("4 bytes"))
}

fn put_u32(b: &mut [u8], off: usize, v: u32) {
    b[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

/// `(offset, type, total length)` of every block, walked independently of
/// the reader.
fn blocks(b: &[u8]) -> Vec<(usize, u32, usize)> {
    let mut out = Vec::new();
    let mut off = 0;
    while off + 8 <= b.len() {
        let len = u32_at(b, off + 4) as usize;
        out.push((off, u32_at(b, off), len));
        off += len;
    }
    out
}

/// A block with zero padding and trailer.
fn block(ty: u32, body: &[u8]) -> Vec<u8> {
    let padded = body.len().div_ceil(4) * 4;
    let total = (12 + padded) as u32;
    let mut out = Vec::new();
    out.extend_from_slice(&ty.to_le_bytes());
    out.extend_from_slice(&total.to_le_bytes());
    out.extend_from_slice(body);
    out.resize(8 + padded, 0);
    out.extend_from_slice(&total.to_le_bytes());
    out
}

fn shb() -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(&0x1A2B_3C4Du32.to_le_bytes());
    body.extend_from_slice(&1u16.to_le_bytes());
    body.extend_from_slice(&2u16.to_le_bytes());
    body.extend_from_slice(&u64::MAX.to_le_bytes());
    block(SHB, &body)
}

/// Read everything: the items delivered and the error that ended the read.
fn read_all(bytes: Vec<u8>) -> (Vec<Item>, Option<CaptureError>) {
    let mut items = Vec::new();
    let mut reader = match ScapReader::new(std::io::Cursor::new(bytes)) {
        Ok(r) => r,
        Err(e) => return (items, Some(e)),
    };
    loop {
        match reader.next_item() {
            Ok(Some(i)) => items.push(i),
            Ok(None) => return (items, None),
            Err(e) => {
                // After an error the reader is finished.
                assert!(matches!(reader.next_item(), Ok(None)));
                return (items, Some(e));
            }
        }
    }
}

fn events(items: &[Item]) -> Vec<&Event> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn truncated_event_block_reports_offset_after_delivering_prior_events() {
    let Some(bytes) = trace("setuid-setuid") else {
        return;
    };
    let evs: Vec<_> = blocks(&bytes)
        .into_iter()
        .filter(|b| b.1 == 0x216)
        .collect();
    let (off, _, len) = evs[100];
    let cut = bytes[..off + 10].to_vec();
    let (items, err) = read_all(cut);
    assert_eq!(events(&items).len(), 100);
    assert_eq!(events(&items).last().map(|e| e.index), Some(100));
    match err {
        Some(CaptureError::Truncated {
            offset,
            needed,
            available,
        }) => {
            assert_eq!(offset, off as u64);
            assert_eq!(needed, len as u64);
            assert_eq!(available, 10);
        }
        other => panic!("expected Truncated, got {other:?}"),
    }
    // A cut inside a block header.
    let (items, err) = read_all(bytes[..off + 5].to_vec());
    assert_eq!(events(&items).len(), 100);
    assert!(
        matches!(err, Some(CaptureError::Truncated { offset, needed: 8, available: 5 }) if offset == off as u64),
        "{err:?}"
    );
}

#[test]
fn truncated_process_list_delivers_complete_entries() {
    let Some(bytes) = trace("files-files") else {
        return;
    };
    let (off, ty, len) = blocks(&bytes)
        .into_iter()
        .find(|b| b.1 == 0x215)
        .expect("PL_V9");
    // Make the block claim less than it has: the entry that straddles the
    // new end is malformed, those before it are delivered.
    let mut b = bytes[..off + len].to_vec();
    let short = (len / 2) as u32 & !3;
    put_u32(&mut b, off + 4, short);
    b.truncate(off + short as usize);
    put_u32(&mut b, off + short as usize - 4, short);
    let (items, err) = read_all(b);
    let procs = items
        .iter()
        .filter(|i| matches!(i, Item::Process(_)))
        .count();
    assert!(procs > 10 && procs < 201, "{procs}");
    match err {
        Some(CaptureError::BadEntry {
            offset,
            block_type,
            what: "process",
        }) => {
            assert_eq!(block_type, ty);
            assert!(offset > off as u64 && offset < (off + short as usize) as u64);
        }
        other => panic!("expected BadEntry, got {other:?}"),
    }
}

#[test]
fn section_header_errors() {
    let Some(bytes) = trace("setuid-setuid") else {
        return;
    };
    // Big-endian capture: every field byte-swapped (the block type is a palindrome).
    let mut swapped = bytes.clone();
    for off in [4, 8, 24] {
        let v = u32_at(&swapped, off).swap_bytes();
        put_u32(&mut swapped, off, v);
    }
    let (items, err) = read_all(swapped);
    assert!(items.is_empty());
    assert!(
        matches!(err, Some(CaptureError::ByteSwapped { offset: 0 })),
        "{err:?}"
    );

    let mut major = bytes.clone();
    major[12] = 2;
    let (items, err) = read_all(major);
    assert!(items.is_empty());
    assert!(
        matches!(
            err,
            Some(CaptureError::UnsupportedVersion {
                offset: 0,
                major: 2,
                minor: 2
            })
        ),
        "{err:?}"
    );

    let mut magic = bytes.clone();
    magic[8] = 0;
    let (_, err) = read_all(magic);
    assert!(
        matches!(err, Some(CaptureError::BadMagic { offset: 0, .. })),
        "{err:?}"
    );

    let (_, err) = read_all(bytes[28..].to_vec());
    assert!(
        matches!(
            err,
            Some(CaptureError::NotScap {
                offset: 0,
                block_type: 0x201
            })
        ),
        "{err:?}"
    );
    let (_, err) = read_all(Vec::new());
    assert!(
        matches!(
            err,
            Some(CaptureError::Truncated {
                offset: 0,
                needed: 8,
                available: 0
            })
        ),
        "{err:?}"
    );
}

#[test]
fn bad_lengths_are_typed_errors_without_huge_allocations() {
    let Some(bytes) = trace("setuid-setuid") else {
        return;
    };
    let evs: Vec<_> = blocks(&bytes)
        .into_iter()
        .filter(|b| b.1 == 0x216)
        .collect();
    let (off, _, _) = evs[5];
    // A block length below the minimum.
    let mut b = bytes.clone();
    put_u32(&mut b, off + 4, 8);
    let (items, err) = read_all(b);
    assert_eq!(events(&items).len(), 5);
    assert!(
        matches!(err, Some(CaptureError::BadBlockLength { offset, block_type: 0x216, length: 8 }) if offset == off as u64),
        "{err:?}"
    );
    // A huge block length: rejected up front, or (below the cap) truncated
    // without allocating what the header promises.
    let mut b = bytes.clone();
    put_u32(&mut b, off + 4, 0xFFFF_FFF0);
    let (_, err) = read_all(b.clone());
    assert!(
        matches!(err, Some(CaptureError::BadBlockLength { .. })),
        "{err:?}"
    );
    let mut r = ScapReader::new(std::io::Cursor::new(b))
        .expect("reader")
        .with_max_block_len(u32::MAX);
    let err = std::iter::from_fn(|| r.next_item().transpose()).find_map(Result::err);
    assert!(
        matches!(err, Some(CaptureError::Truncated { offset, needed: 0xFFFF_FFF0, .. }) if offset == off as u64),
        "{err:?}"
    );
    // An event whose `len` exceeds its block.
    let mut b = bytes.clone();
    put_u32(&mut b, off + 8 + 2 + 16, 0x7FFF_0000);
    let (items, err) = read_all(b);
    assert_eq!(events(&items).len(), 5);
    assert!(
        matches!(err, Some(CaptureError::BadEvent { offset, .. }) if offset == off as u64),
        "{err:?}"
    );
    // A metadata trailer that does not repeat the length.
    let (mi_off, _, mi_len) = blocks(&bytes)[1];
    let mut b = bytes.clone();
    put_u32(&mut b, mi_off + mi_len - 4, 7);
    let (items, err) = read_all(b);
    assert_eq!(items.len(), 1, "only the section header");
    assert!(
        matches!(err, Some(CaptureError::TrailerMismatch { offset, trailer: 7, .. }) if offset == mi_off as u64),
        "{err:?}"
    );
}

#[test]
fn gzip_concatenation_and_unknown_blocks() {
    let Some(bytes) = trace("files-filesat") else {
        return;
    };
    let (plain, err) = read_all(bytes.clone());
    assert!(err.is_none());

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&bytes).expect("compress");
    let gz = gz.finish().expect("compress");
    assert_eq!(&gz[..2], &[0x1f, 0x8b]);
    let (unzipped, err) = read_all(gz);
    assert!(err.is_none(), "{err:?}");
    assert_eq!(unzipped, plain);

    // Two captures back to back: a second section after the first's events.
    let mut twice = bytes.clone();
    twice.extend_from_slice(&bytes);
    let (items, err) = read_all(twice);
    assert!(err.is_none(), "{err:?}");
    let sections: Vec<u64> = items
        .iter()
        .filter_map(|i| match i {
            Item::Section(s) => Some(s.offset),
            _ => None,
        })
        .collect();
    assert_eq!(sections, vec![0, bytes.len() as u64]);
    assert_eq!(events(&items).len(), 2 * events(&plain).len());
    assert_eq!(items.len(), 2 * plain.len());

    // Unknown block types before and among the events are skipped.
    let bl = blocks(&bytes);
    let first_ev = bl.iter().find(|b| b.1 == 0x216).expect("event").0;
    let mut with_unknown = bytes[..28].to_vec();
    with_unknown.extend(block(0x7777, b"hello"));
    with_unknown.extend_from_slice(&bytes[28..first_ev]);
    with_unknown.extend(block(0x7778, &[0; 40]));
    with_unknown.extend_from_slice(&bytes[first_ev..]);
    let (items, err) = read_all(with_unknown);
    assert!(err.is_none(), "{err:?}");
    assert_eq!(items.len(), plain.len());
    assert_eq!(
        events(&items),
        events(&plain)
            .iter()
            .map(|e| {
                // Offsets shift by the two inserted blocks (20 + 52 bytes).
                let mut e = (*e).clone();
                e.offset += 72;
                e
            })
            .collect::<Vec<_>>()
            .iter()
            .collect::<Vec<_>>()
    );
}

/// Rewrite every EV_V2 block with `f(cpu_and_event) -> (new type, new body)`.
fn rewrite_events(bytes: &[u8], f: impl Fn(&[u8]) -> (u32, Vec<u8>)) -> Vec<u8> {
    let mut out = Vec::new();
    for (off, ty, len) in blocks(bytes) {
        if ty == 0x216 {
            let body = &bytes[off + 8..off + len - 4];
            let (nty, nbody) = f(body);
            out.extend(block(nty, &nbody));
        } else {
            out.extend_from_slice(&bytes[off..off + len]);
        }
    }
    out
}

#[test]
fn flagged_and_version_1_event_blocks() {
    let Some(bytes) = trace("files-files") else {
        return;
    };
    let (plain, _) = read_all(bytes.clone());
    let plain = events(&plain).into_iter().cloned().collect::<Vec<_>>();

    // EVF_V2: cpuid, then a u32 dump-flags word, then the event.
    let evf = rewrite_events(&bytes, |b| {
        let mut nb = b[..2].to_vec();
        nb.extend_from_slice(&1u32.to_le_bytes());
        nb.extend_from_slice(&b[2..]);
        (0x217, nb)
    });
    let (items, err) = read_all(evf);
    assert!(err.is_none(), "{err:?}");
    let flagged = events(&items);
    assert_eq!(flagged.len(), plain.len());
    for (f, p) in flagged.iter().zip(&plain) {
        assert_eq!(f.dump_flags, Some(1));
        assert!(f.is_state_only());
        assert_eq!(
            (f.ts, f.tid, f.cpu, f.event_type),
            (p.ts, p.tid, p.cpu, p.event_type)
        );
        assert!(f.raw_params().eq(p.raw_params()));
    }

    // EV_V1: no nparams field; the count is derived from the lengths.
    let v1 = rewrite_events(&bytes, |b| {
        let len = u32_at(b, 2 + 16);
        let mut nb = b[..2 + 22].to_vec();
        put_u32(&mut nb, 2 + 16, len - 4);
        let end = 2 + len as usize;
        nb.extend_from_slice(&b[2 + 26..end]);
        (0x204, nb)
    });
    let (items, err) = read_all(v1);
    assert!(err.is_none(), "{err:?}");
    let derived = events(&items);
    assert_eq!(derived.len(), plain.len());
    let same = derived
        .iter()
        .zip(&plain)
        .filter(|(d, p)| d.nparams() == p.nparams() && d.raw_params().eq(p.raw_params()))
        .count();
    assert_eq!(same, plain.len());
}

fn s16(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&(s.len() as u16).to_le_bytes());
    out.extend_from_slice(s);
}

/// One process entry of block version `v` with distinctive values.
fn process_entry(v: u8) -> Vec<u8> {
    let mut e = Vec::new();
    for x in [42i64, 40, 1] {
        e.extend_from_slice(&x.to_le_bytes());
    }
    if v >= 6 {
        e.extend_from_slice(&7i64.to_le_bytes());
    }
    if v >= 8 {
        e.extend_from_slice(&8i64.to_le_bytes());
    }
    s16(&mut e, b"bash");
    s16(&mut e, b"-bash");
    if v >= 7 {
        s16(&mut e, b"/usr/bin/bash");
    }
    s16(&mut e, b"-c\0ls\0");
    s16(&mut e, b"/root");
    e.extend_from_slice(&1024u64.to_le_bytes());
    e.extend_from_slice(&0u32.to_le_bytes());
    e.extend_from_slice(&1000u32.to_le_bytes());
    e.extend_from_slice(&100u32.to_le_bytes());
    if v >= 2 {
        for x in [1u32, 2, 3] {
            e.extend_from_slice(&x.to_le_bytes());
        }
        for x in [4u64, 5] {
            e.extend_from_slice(&x.to_le_bytes());
        }
    }
    if v >= 3 {
        s16(&mut e, b"HOME=/root\0");
    }
    if v >= 4 {
        e.extend_from_slice(&2i64.to_le_bytes());
        e.extend_from_slice(&3i64.to_le_bytes());
        s16(&mut e, b"cpu=/\0");
    }
    if v >= 5 {
        s16(&mut e, b"/");
    }
    e
}

#[test]
fn old_metadata_block_versions() {
    let pl_types = [0x202, 0x207, 0x209, 0x210, 0x211, 0x212, 0x213, 0x214];
    let mut file = shb();
    for (i, ty) in pl_types.iter().enumerate() {
        let v = i as u8 + 1;
        let mut body = process_entry(v);
        body.extend(process_entry(v));
        file.extend(block(*ty, &body));
    }
    // V9 with HEAD's full 76-byte tail.
    let mut e9 = process_entry(8);
    e9.extend_from_slice(&123u64.to_le_bytes()); // pidns_init_start_ts
    e9.extend_from_slice(&34816u32.to_le_bytes()); // tty
    e9.extend_from_slice(&1000u32.to_le_bytes()); // loginuid
    e9.push(1); // exe_writable
    for c in [0u64, 0x1ff, 0x3ff] {
        e9.extend_from_slice(&c.to_le_bytes());
    }
    e9.push(0);
    for x in [99u64, 5, 6] {
        e9.extend_from_slice(&x.to_le_bytes());
    }
    e9.push(0);
    e9.push(1);
    e9.extend_from_slice(&40i64.to_le_bytes());
    let mut body = ((e9.len() + 4) as u32).to_le_bytes().to_vec();
    body.extend(e9);
    file.extend(block(0x215, &body));
    // FDL V1: tid, then entries without a length prefix.
    let mut fdl = 42i64.to_le_bytes().to_vec();
    fdl.extend_from_slice(&3i64.to_le_bytes());
    fdl.extend_from_slice(&77u64.to_le_bytes());
    fdl.push(5); // IPV4_SERVSOCK
    fdl.extend_from_slice(&[0, 0, 0, 0]);
    fdl.extend_from_slice(&8080u16.to_le_bytes());
    fdl.push(2);
    fdl.extend_from_slice(&4i64.to_le_bytes());
    fdl.extend_from_slice(&78u64.to_le_bytes());
    fdl.push(1); // FILE
    s16(&mut fdl, b"/etc/passwd");
    file.extend(block(0x203, &fdl));
    // IL V1: an IPv4 entry without link speed (type 3).
    let mut il = 3u16.to_le_bytes().to_vec();
    il.extend_from_slice(&2u16.to_le_bytes());
    il.extend_from_slice(&[10, 0, 0, 1, 255, 0, 0, 0, 10, 255, 255, 255]);
    il.extend_from_slice(b"e0");
    file.extend(block(0x205, &il));
    // UL V1: a user and a group without length prefixes.
    let mut ul = vec![0u8];
    ul.extend_from_slice(&1000u32.to_le_bytes());
    ul.extend_from_slice(&100u32.to_le_bytes());
    s16(&mut ul, b"alice");
    s16(&mut ul, b"/home/alice");
    s16(&mut ul, b"/bin/sh");
    ul.push(1);
    ul.extend_from_slice(&100u32.to_le_bytes());
    s16(&mut ul, b"users");
    file.extend(block(0x206, &ul));

    let (items, err) = read_all(file);
    assert!(err.is_none(), "{err:?}");
    let procs: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            Item::Process(p) => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(procs.len(), 17);
    for p in &procs {
        let v = p.version;
        assert_eq!((p.tid, p.pid, p.ptid), (42, 40, 1), "v{v}");
        assert_eq!(
            (p.comm.as_slice(), p.exe.as_slice()),
            (&b"bash"[..], &b"-bash"[..])
        );
        assert_eq!((p.uid, p.gid, p.fdlimit), (1000, 100, 1024), "v{v}");
        assert_eq!(p.cwd, b"/root");
        assert_eq!(p.sid.is_some(), v >= 6, "v{v}");
        assert_eq!(p.vpgid.is_some(), v >= 8, "v{v}");
        assert_eq!(p.exepath.is_some(), v >= 7, "v{v}");
        assert_eq!(p.vmrss_kb, (v >= 2).then_some(2), "v{v}");
        assert_eq!(p.env.is_some(), v >= 3, "v{v}");
        assert_eq!(p.vpid, (v >= 4).then_some(3), "v{v}");
        assert_eq!(p.root.is_some(), v >= 5, "v{v}");
    }
    let p9 = procs.last().expect("v9");
    assert_eq!(p9.version, 9);
    assert_eq!(
        (p9.pidns_init_start_ts, p9.tty, p9.loginuid),
        (Some(123), Some(34816), Some(1000))
    );
    assert_eq!(
        (p9.cap_effective, p9.exe_ino, p9.pgid),
        (Some(0x3ff), Some(99), Some(40))
    );
    assert_eq!(
        (p9.exe_from_memfd, p9.exe_lower_layer),
        (Some(false), Some(true))
    );

    let fds: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            Item::Fd(f) => Some(f),
            _ => None,
        })
        .collect();
    assert_eq!(fds.len(), 2);
    assert!(matches!(
        fds[0].info,
        FdInfo::Ipv4Server {
            port: 8080,
            l4proto: 2,
            ..
        }
    ));
    assert_eq!((fds[1].tid, fds[1].fd, fds[1].ino), (42, 4, 78));
    assert!(matches!(&fds[1].info, FdInfo::Named { name } if name == b"/etc/passwd"));
    assert!(items.iter().any(|i| matches!(i,
        Item::Interface(Interface::V4 { name, addr, link_speed: None, .. })
            if name == b"e0" && addr.octets() == [10, 0, 0, 1])));
    assert!(
        items
            .iter()
            .any(|i| matches!(i, Item::User(u) if u.name == b"alice" && u.uid == 1000))
    );
    assert!(
        items
            .iter()
            .any(|i| matches!(i, Item::Group(g) if g.name == b"users" && g.gid == 100))
    );
}

#[test]
fn zero_length_and_extra_parameters() {
    // A close exit (5) with an empty res and an extra, unknown parameter.
    let mut ev = Vec::new();
    ev.extend_from_slice(&0u16.to_le_bytes()); // cpu
    ev.extend_from_slice(&1_000u64.to_le_bytes());
    ev.extend_from_slice(&4242u64.to_le_bytes());
    ev.extend_from_slice(&(26u32 + 4 + 3).to_le_bytes());
    ev.extend_from_slice(&5u16.to_le_bytes());
    ev.extend_from_slice(&2u32.to_le_bytes());
    ev.extend_from_slice(&0u16.to_le_bytes());
    ev.extend_from_slice(&3u16.to_le_bytes());
    ev.extend_from_slice(b"xyz");
    let mut file = shb();
    file.extend(block(0x216, &ev));
    let (items, err) = read_all(file);
    assert!(err.is_none(), "{err:?}");
    let e = events(&items)[0];
    assert_eq!(e.nparams(), 2);
    let params: Vec<_> = e.params(AbiRevision::Current).collect();
    assert_eq!(params.len(), 2);
    assert!(matches!(params[0], ("res", Ok(ParamValue::Empty))));
    // Current close exit has 2 params (res, fd): `xyz` is not a valid fd.
    assert!(matches!(
        params[1],
        (
            "fd",
            Err(CaptureError::BadParam {
                index: 1,
                len: 3,
                ..
            })
        )
    ));
    // The 2022 table knows only `res`: the extra parameter is not decoded.
    assert_eq!(e.params(AbiRevision::Sysdig0_29).count(), 1);
    assert_eq!(e.raw_param(1), Some(&b"xyz"[..]));
    assert_eq!(e.raw_param(2), None);
}

/// Deterministic xorshift generator for the mutation test.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Randomly corrupted traces never panic: the reader either finishes or
/// stops with an error, and every parameter decode returns a value or error.
#[test]
fn corrupted_traces_never_panic() {
    let Some(bytes) = trace("setuid-setuid") else {
        return;
    };
    let mut rng = XorShift(0x5eed_cafe_f00d_d00d);
    let (mut ok, mut failed) = (0, 0);
    for round in 0..60 {
        let mut b = bytes.clone();
        for _ in 0..(1 + round % 8) {
            let at = (rng.next() % b.len() as u64) as usize;
            b[at] = rng.next() as u8;
        }
        if round % 5 == 0 {
            let cut = (rng.next() % b.len() as u64) as usize;
            b.truncate(cut);
        }
        let (items, err) = read_all(b);
        for e in events(&items) {
            for rev in [AbiRevision::Current, AbiRevision::Sysdig0_29] {
                for (_, v) in e.params(rev) {
                    let _ = v;
                }
            }
        }
        if err.is_some() { failed += 1 } else { ok += 1 }
    }
    // Both outcomes occur: many mutations hit parameter bytes harmlessly,
    // others break framing.
    assert!(ok > 0 && failed > 0, "ok {ok}, failed {failed}");
}
