//! The committed corpus of hand-made broken captures in `tests/data/broken/`
//! and the error each must give.
//!
//! Every file is built here, from scratch, by [`cases`] (a few hundred bytes
//! each). `broken_corpus_is_current` checks the committed files against the
//! builders; run it with `UPDATE_EXPECT=1` to rewrite them.
//! `broken_files_give_their_errors` reads the committed files and checks the
//! table [`EXPECTED`]: how many items come before the fault, and the error
//! (variant, offset and fields), or none.

use std::io::Write;
use std::path::PathBuf;

use sysflow_capture::{CaptureError, Item, ScapReader};

const SHB: u32 = 0x0A0D_0D0A;
const MAGIC: u32 = 0x1A2B_3C4D;
const MI: u32 = 0x201;
const PL_V9: u32 = 0x215;
const EV_V2: u32 = 0x216;
const UL_V2: u32 = 0x220;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken")
}

/// A framed block: header, body, zero padding to 4 bytes, trailer.
fn block(ty: u32, body: &[u8]) -> Vec<u8> {
    let padded = body.len().div_ceil(4) * 4;
    let total = u32::try_from(12 + padded).expect("small block");
    framed(ty, total, body, total)
}

/// A block with explicit header length and trailer (no padding added).
fn framed(ty: u32, length: u32, body: &[u8], trailer: u32) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&ty.to_le_bytes());
    out.extend_from_slice(&length.to_le_bytes());
    out.extend_from_slice(body);
    out.resize(8 + body.len().div_ceil(4) * 4, 0);
    out.extend_from_slice(&trailer.to_le_bytes());
    out
}

fn shb_body(magic: u32, major: u16) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&magic.to_le_bytes());
    b.extend_from_slice(&major.to_le_bytes());
    b.extend_from_slice(&2u16.to_le_bytes());
    b.extend_from_slice(&u64::MAX.to_le_bytes());
    b
}

/// A valid 28-byte section header.
fn shb() -> Vec<u8> {
    block(SHB, &shb_body(MAGIC, 1))
}

/// A user list block with one user, `root`.
fn user_list() -> Vec<u8> {
    let mut e = vec![0u8];
    e.extend_from_slice(&0u32.to_le_bytes());
    e.extend_from_slice(&0u32.to_le_bytes());
    for s in [&b"root"[..], b"/root", b"/bin/sh"] {
        e.extend_from_slice(&u16::try_from(s.len()).expect("short").to_le_bytes());
        e.extend_from_slice(s);
    }
    let mut body = u32::try_from(e.len() + 4)
        .expect("short")
        .to_le_bytes()
        .to_vec();
    body.extend_from_slice(&e);
    block(UL_V2, &body)
}

/// An `EV_V2` body: cpu, header (`len` as given, or the true length), u16
/// parameter lengths, values.
fn event_body(event_type: u16, params: &[&[u8]], len: Option<u32>) -> Vec<u8> {
    let true_len = 26 + 2 * params.len() + params.iter().map(|p| p.len()).sum::<usize>();
    let mut b = Vec::new();
    b.extend_from_slice(&3u16.to_le_bytes());
    b.extend_from_slice(&1_700_000_000_000_000_000u64.to_le_bytes());
    b.extend_from_slice(&4242u64.to_le_bytes());
    let len = len.unwrap_or(u32::try_from(true_len).expect("short"));
    b.extend_from_slice(&len.to_le_bytes());
    b.extend_from_slice(&event_type.to_le_bytes());
    b.extend_from_slice(&u32::try_from(params.len()).expect("few").to_le_bytes());
    for p in params {
        b.extend_from_slice(&u16::try_from(p.len()).expect("short").to_le_bytes());
    }
    for p in params {
        b.extend_from_slice(p);
    }
    b
}

/// A `close` exit event (id 5, one `res` parameter).
fn close_exit() -> Vec<u8> {
    block(EV_V2, &event_body(5, &[&0i64.to_le_bytes()], None))
}

/// An `open` exit event (id 3) with a path.
fn open_exit() -> Vec<u8> {
    let params: [&[u8]; 4] = [
        &3i64.to_le_bytes(),
        b"/etc/passwd\0",
        &0u32.to_le_bytes(),
        &0o644u32.to_le_bytes(),
    ];
    block(EV_V2, &event_body(3, &params, None))
}

fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.concat()
}

/// Every broken file: name (without `.scap`) and bytes.
fn cases() -> Vec<(&'static str, Vec<u8>)> {
    // A big-endian writer swaps every field, the magic and lengths included.
    let mut swapped = Vec::new();
    swapped.extend_from_slice(&SHB.to_be_bytes());
    swapped.extend_from_slice(&28u32.to_be_bytes());
    swapped.extend_from_slice(&MAGIC.to_be_bytes());
    swapped.extend_from_slice(&1u16.to_be_bytes());
    swapped.extend_from_slice(&2u16.to_be_bytes());
    swapped.extend_from_slice(&u64::MAX.to_be_bytes());
    swapped.extend_from_slice(&28u32.to_be_bytes());

    let valid = cat(&[shb(), user_list(), open_exit(), close_exit()]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&valid).expect("gzip");
    let gz = gz.finish().expect("gzip");
    let gz_cut = gz.get(..gz.len() / 2).expect("half").to_vec();

    let open = open_exit();
    let open_cut = open.get(..open.len() - 10).expect("cut").to_vec();

    let mut ul_bad_trailer = user_list();
    let n = ul_bad_trailer.len();
    ul_bad_trailer.truncate(n - 4);
    ul_bad_trailer.extend_from_slice(&u32::try_from(n + 4).expect("short").to_le_bytes());

    let mut bad_process = Vec::new();
    // A PL_V9 entry that claims 4000 bytes in a 40-byte block.
    bad_process.extend_from_slice(&4000u32.to_le_bytes());
    bad_process.extend_from_slice(&[7u8; 24]);

    let too_many_params = {
        // nparams = 3 but only room for one length and value.
        let mut b = event_body(5, &[&0i64.to_le_bytes()], None);
        b.splice(24..28, 3u32.to_le_bytes());
        block(EV_V2, &b)
    };

    vec![
        ("empty", Vec::new()),
        ("not-scap", cat(&[user_list(), shb()])),
        ("byte-swapped-magic", swapped),
        ("bad-magic", block(SHB, &shb_body(0xDEAD_BEEF, 1))),
        ("major-version-2", block(SHB, &shb_body(MAGIC, 2))),
        (
            "truncated-section-header",
            shb().get(..20).expect("cut").to_vec(),
        ),
        (
            "truncated-block-header",
            cat(&[shb(), close_exit().get(..6).expect("cut").to_vec()]),
        ),
        (
            "block-length-too-short",
            cat(&[shb(), framed(MI, 8, &[], 8), close_exit()]),
        ),
        (
            "block-length-not-multiple-of-4",
            cat(&[shb(), framed(UL_V2, 30, &[0; 18], 30), close_exit()]),
        ),
        (
            "block-length-huge",
            cat(&[shb(), close_exit(), framed(EV_V2, 0xFFFF_FFF0, &[0; 32], 0)]),
        ),
        (
            "section-length-huge",
            cat(&[framed(SHB, 0xFFFF_FFF0, &shb_body(MAGIC, 1), 0)]),
        ),
        (
            "trailer-mismatch",
            cat(&[shb(), ul_bad_trailer, close_exit()]),
        ),
        (
            "machine-info-too-short",
            cat(&[shb(), block(MI, &[0; 40]), close_exit()]),
        ),
        (
            "bad-process-entry",
            cat(&[shb(), block(PL_V9, &bad_process), close_exit()]),
        ),
        (
            "truncated-event-block",
            cat(&[shb(), user_list(), close_exit(), open_cut]),
        ),
        (
            "event-length-beyond-block",
            cat(&[
                shb(),
                close_exit(),
                block(EV_V2, &event_body(5, &[&0i64.to_le_bytes()], Some(400))),
            ]),
        ),
        (
            "event-params-overrun",
            cat(&[shb(), close_exit(), too_many_params]),
        ),
        (
            "unknown-block-type",
            cat(&[
                shb(),
                block(0x0999, b"an unknown block is skipped by its length"),
                close_exit(),
            ]),
        ),
        ("gzip-truncated", gz_cut),
    ]
}

/// The outcome each committed file must give: items delivered before the
/// end, and the error (its `Debug` form; I/O errors as variant, offset and
/// kind), or `None` when the file reads cleanly.
const EXPECTED: &[(&str, usize, Option<&str>)] = &[
    (
        "empty",
        0,
        Some("Truncated { offset: 0, needed: 8, available: 0 }"),
    ),
    (
        "not-scap",
        0,
        Some("NotScap { offset: 0, block_type: 544 }"),
    ),
    ("byte-swapped-magic", 0, Some("ByteSwapped { offset: 0 }")),
    (
        "bad-magic",
        0,
        Some("BadMagic { offset: 0, magic: 3735928559 }"),
    ),
    (
        "major-version-2",
        0,
        Some("UnsupportedVersion { offset: 0, major: 2, minor: 2 }"),
    ),
    (
        "truncated-section-header",
        0,
        Some("Truncated { offset: 0, needed: 28, available: 20 }"),
    ),
    (
        "truncated-block-header",
        1,
        Some("Truncated { offset: 28, needed: 8, available: 6 }"),
    ),
    (
        "block-length-too-short",
        1,
        Some("BadBlockLength { offset: 28, block_type: 513, length: 8 }"),
    ),
    (
        "block-length-not-multiple-of-4",
        1,
        Some("BadBlockLength { offset: 28, block_type: 544, length: 30 }"),
    ),
    (
        "block-length-huge",
        2,
        Some("BadBlockLength { offset: 80, block_type: 534, length: 4294967280 }"),
    ),
    (
        "section-length-huge",
        0,
        Some("BadBlockLength { offset: 0, block_type: 168627466, length: 4294967280 }"),
    ),
    (
        "trailer-mismatch",
        1,
        Some("TrailerMismatch { offset: 28, block_type: 544, length: 48, trailer: 52 }"),
    ),
    (
        "machine-info-too-short",
        1,
        Some("BadBlockLength { offset: 28, block_type: 513, length: 52 }"),
    ),
    (
        "bad-process-entry",
        1,
        Some(r#"BadEntry { offset: 36, block_type: 533, what: "process" }"#),
    ),
    (
        "truncated-event-block",
        3,
        Some("Truncated { offset: 128, needed: 76, available: 66 }"),
    ),
    (
        "event-length-beyond-block",
        2,
        Some("BadEvent { offset: 80, event_type: 5, defect: Length { len: 400, available: 38 } }"),
    ),
    (
        "event-params-overrun",
        2,
        Some("BadEvent { offset: 80, event_type: 5, defect: Params { nparams: 3, len: 36 } }"),
    ),
    ("unknown-block-type", 2, None),
    (
        "gzip-truncated",
        2,
        Some("Io { offset: 76, kind: UnexpectedEof }"),
    ),
];

fn render(e: &CaptureError) -> String {
    match e {
        CaptureError::Io { offset, source } => {
            format!("Io {{ offset: {offset}, kind: {:?} }}", source.kind())
        }
        other => format!("{other:?}"),
    }
}

/// Read a file to its end: items delivered, and the error that ended it.
fn outcome(bytes: &[u8]) -> (Vec<Item>, Option<String>) {
    let mut items = Vec::new();
    let mut reader = match ScapReader::new(bytes) {
        Ok(r) => r,
        Err(e) => return (items, Some(render(&e))),
    };
    loop {
        match reader.next_item() {
            Ok(Some(item)) => items.push(item),
            Ok(None) => return (items, None),
            Err(e) => {
                assert!(
                    matches!(reader.next_item(), Ok(None)),
                    "reader not finished"
                );
                return (items, Some(render(&e)));
            }
        }
    }
}

#[test]
fn broken_corpus_is_current() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    if update {
        std::fs::create_dir_all(dir()).expect("mkdir");
    }
    for (name, bytes) in cases() {
        assert!(bytes.len() <= 512, "{name}: {} bytes", bytes.len());
        let path = dir().join(format!("{name}.scap"));
        if update {
            std::fs::write(&path, &bytes).expect("write");
            continue;
        }
        let committed = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (rerun with UPDATE_EXPECT=1)", path.display()));
        assert!(
            committed == bytes,
            "{name}.scap differs from its builder (rerun with UPDATE_EXPECT=1)"
        );
    }
    // No stray files, and every file has an expectation.
    let mut on_disk: Vec<String> = std::fs::read_dir(dir())
        .expect("corpus dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut built: Vec<String> = cases()
        .into_iter()
        .map(|(n, _)| format!("{n}.scap"))
        .collect();
    built.sort();
    assert_eq!(on_disk, built);
    let mut expected: Vec<String> = EXPECTED.iter().map(|e| format!("{}.scap", e.0)).collect();
    expected.sort();
    assert_eq!(expected, built);
}

#[test]
fn broken_files_give_their_errors() {
    let mut failures = Vec::new();
    for &(name, items_before, error) in EXPECTED {
        let path = dir().join(format!("{name}.scap"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (items, got) = outcome(&bytes);
        if items.len() != items_before || got.as_deref() != error {
            failures.push(format!(
                "{name}: got {} items and {got:?}, expected {items_before} and {error:?}",
                items.len()
            ));
        }
        // Whatever came before the fault is whole: the first item (if any)
        // is the section header.
        if let Some(first) = items.first() {
            assert!(matches!(first, Item::Section(_)), "{name}: {first:?}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
