//! The reference collector's outputs: decode, re-encode, copy.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::read::DeflateDecoder;
use sysflow_types::*;

use crate::common::golden_files;

/// A container file taken apart without our reader: header fields, and every
/// block's raw (compressed) bytes. Kept independent so that it checks the reader.
struct RawFile {
    schema: String,
    codec: String,
    sync: [u8; 16],
    blocks: Vec<(u64, Vec<u8>)>,
}

fn varint(bytes: &[u8], pos: &mut usize) -> i64 {
    let mut n = 0u64;
    let mut shift = 0;
    loop {
        let b = bytes[*pos];
        *pos += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return (n >> 1) as i64 ^ -((n & 1) as i64);
        }
        shift += 7;
    }
}

fn take<'a>(bytes: &'a [u8], pos: &mut usize, n: usize) -> &'a [u8] {
    let s = &bytes[*pos..*pos + n];
    *pos += n;
    s
}

fn parse_raw(bytes: &[u8]) -> RawFile {
    assert_eq!(&bytes[..4], b"Obj\x01");
    let mut pos = 4;
    let (mut schema, mut codec) = (String::new(), String::new());
    loop {
        let n = varint(bytes, &mut pos);
        if n == 0 {
            break;
        }
        for _ in 0..n {
            let klen = varint(bytes, &mut pos) as usize;
            let key = String::from_utf8(take(bytes, &mut pos, klen).to_vec()).unwrap();
            let vlen = varint(bytes, &mut pos) as usize;
            let value = String::from_utf8(take(bytes, &mut pos, vlen).to_vec()).unwrap();
            match key.as_str() {
                "avro.schema" => schema = value,
                "avro.codec" => codec = value,
                other => panic!("unexpected metadata key {other}"),
            }
        }
    }
    let sync: [u8; 16] = take(bytes, &mut pos, 16).try_into().unwrap();
    let mut blocks = Vec::new();
    while pos < bytes.len() {
        let count = varint(bytes, &mut pos) as u64;
        let size = varint(bytes, &mut pos) as usize;
        blocks.push((count, take(bytes, &mut pos, size).to_vec()));
        assert_eq!(take(bytes, &mut pos, 16), sync);
    }
    RawFile {
        schema,
        codec,
        sync,
        blocks,
    }
}

fn inflate(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    DeflateDecoder::new(data).read_to_end(&mut out).unwrap();
    out
}

fn read_all(path: &Path) -> Vec<SysFlow> {
    SfReader::open(path)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn golden_headers_embed_our_schema() {
    let Some(cases) = golden_files() else { return };
    for (case, path) in cases {
        let raw = parse_raw(&std::fs::read(&path).unwrap());
        assert_eq!(raw.codec, "deflate", "{case}");
        assert!(
            raw.schema == SCHEMA_JSON,
            "{case}: embedded schema differs from SCHEMA_JSON"
        );
        let reader = SfReader::open(&path).unwrap();
        assert_eq!(reader.schema(), SCHEMA_JSON);
        assert_eq!(reader.codec(), Codec::Deflate);
        assert_eq!(reader.sync_marker(), raw.sync);
    }
}

/// Every datum of every block decodes, uses exactly its bytes, and encodes
/// back to them; the reader yields the same records in the same order.
#[test]
fn every_golden_datum_decodes_and_reencodes_to_the_same_bytes() {
    let Some(cases) = golden_files() else { return };
    let mut total = 0;
    for (case, path) in cases {
        let raw = parse_raw(&std::fs::read(&path).unwrap());
        let mut decoded = Vec::new();
        for (b, (count, data)) in raw.blocks.iter().enumerate() {
            let plain = inflate(data);
            let mut pos = 0;
            for i in 0..*count {
                let (rec, used) = SysFlow::decode_prefix(&plain[pos..])
                    .unwrap_or_else(|e| panic!("{case}: block {b} record {i}: {e}"));
                let original = &plain[pos..pos + used];
                assert_eq!(
                    rec.to_bytes(),
                    original,
                    "{case}: block {b} record {i} re-encodes differently"
                );
                assert_eq!(SysFlow::decode(original).as_ref(), Ok(&rec));
                pos += used;
                decoded.push(rec);
            }
            assert_eq!(
                pos,
                plain.len(),
                "{case}: block {b} has bytes after its records"
            );
        }
        assert!(
            matches!(decoded.first(), Some(SysFlow::Header(h)) if h.version == 5 && h.exporter == "tests")
        );
        assert_eq!(
            read_all(&path),
            decoded,
            "{case}: SfReader disagrees with the raw decode"
        );
        total += decoded.len();
    }
    // The golden outputs hold 10,899 records in all (counted with sysflow-tools).
    assert_eq!(total, 10_899);
}

/// Given the reference's sync marker, our writer reproduces a reference file
/// byte for byte: same block boundaries, same deflate output.
#[test]
fn writer_reproduces_reference_files_exactly() {
    let Some(cases) = golden_files() else { return };
    for (case, path) in cases {
        let original = std::fs::read(&path).unwrap();
        let reader = SfReader::new(&original[..]).unwrap();
        let sync = reader.sync_marker();
        let records: Vec<SysFlow> = reader.map(Result::unwrap).collect();
        // Inline and background compression must give the same bytes.
        for compression_threads in [0, 1, 2] {
            let options = WriterOptions {
                sync_marker: Some(sync),
                compression_threads,
                ..WriterOptions::default()
            };
            let mut writer = SfWriter::with_options(Vec::new(), options).unwrap();
            for rec in &records {
                writer.append(rec).unwrap();
            }
            let ours = writer.finish().unwrap();
            assert_same_file(&case, &ours, &original);
        }
    }
}

fn assert_same_file(case: &str, ours: &[u8], original: &[u8]) {
    if ours != original {
        let (a, b) = (parse_raw(ours), parse_raw(original));
        let counts = |f: &RawFile| f.blocks.iter().map(|b| b.0).collect::<Vec<_>>();
        assert_eq!(counts(&a), counts(&b), "{case}: block boundaries differ");
        panic!("{case}: same blocks, different compressed bytes");
    }
}

/// The built example, or `None` (with a message) when this test binary was
/// built alone. A plain `cargo test` builds every example into
/// target/<profile>/examples, beside the deps directory this binary runs from.
fn example(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(Path::parent).unwrap();
    let path = dir.join("examples").join(name);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing; CI runs plain `cargo test`, which builds it",
        path.display()
    );
    sysflow_test_support::skip(format_args!(
        "{} is not built (a plain `cargo test` builds it)",
        path.display()
    ));
    None
}

#[test]
fn sfcopy_copies_every_golden_file() {
    let Some(cases) = golden_files() else { return };
    let Some(sfcopy) = example("sfcopy") else {
        return;
    };
    let tmp = std::env::temp_dir().join(format!("sfcopy-test-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for (case, path) in cases {
        let out = tmp.join(format!("{case}.sf"));
        let status = Command::new(&sfcopy).arg(&path).arg(&out).status().unwrap();
        assert!(status.success(), "{case}: sfcopy failed");
        let mut expected = read_all(&path);
        let mut copied = read_all(&out);
        for recs in [&mut expected, &mut copied] {
            for rec in recs.iter_mut() {
                if let SysFlow::Header(h) = rec {
                    h.filename.clear();
                }
            }
        }
        assert_eq!(copied, expected, "{case}");
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}
