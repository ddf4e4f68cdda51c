//! Damaged files: typed errors, never a panic, and every record before the damage.

use sysflow_types::*;

use crate::common::{golden_files, one_of_each};

/// Reads until the end or the first error; returns the records and the error.
fn read_until_error(bytes: &[u8]) -> (Vec<SysFlow>, Option<SfError>) {
    let reader = match SfReader::new(bytes) {
        Ok(r) => r,
        Err(e) => return (Vec::new(), Some(e)),
    };
    let mut records = Vec::new();
    for rec in reader {
        match rec {
            Ok(rec) => records.push(rec),
            Err(e) => return (records, Some(e)),
        }
    }
    (records, None)
}

/// A file of `n` copies of one record of each type, in small blocks, null or deflate.
fn sample_file(codec: Codec, copies: usize) -> (Vec<u8>, Vec<SysFlow>) {
    let options = WriterOptions {
        codec,
        block_size: 2_000,
        ..WriterOptions::default()
    };
    let mut writer = SfWriter::with_options(Vec::new(), options).unwrap();
    let mut records = Vec::new();
    for _ in 0..copies {
        for rec in one_of_each() {
            writer.append(&rec).unwrap();
            records.push(rec);
        }
    }
    (writer.finish().unwrap(), records)
}

#[test]
fn every_truncation_returns_a_prefix_then_an_error() {
    for codec in [Codec::Null, Codec::Deflate, Codec::Zstandard] {
        let (bytes, records) = sample_file(codec, 20);
        let mut salvaged_inside_blocks = 0;
        let mut previous = 0;
        for len in 0..bytes.len() {
            let (got, err) = read_until_error(&bytes[..len]);
            assert!(got.len() <= records.len());
            assert_eq!(
                got[..],
                records[..got.len()],
                "{codec:?}: truncated at {len}: not a prefix"
            );
            // Cutting more never yields fewer records.
            assert!(
                got.len() >= previous,
                "{codec:?}: truncated at {len}: fewer records than at {}",
                len - 1
            );
            previous = got.len();
            match err {
                Some(SfError::Truncated { offset, .. }) => assert!(offset <= len as u64),
                Some(SfError::BadMagic { .. }) => assert!(len < 4),
                // A cut exactly between blocks is a shorter valid file.
                None => continue,
                Some(other) => panic!("{codec:?}: truncated at {len}: {other}"),
            }
            salvaged_inside_blocks += 1;
        }
        assert!(salvaged_inside_blocks > bytes.len() / 2);
        assert_eq!(read_until_error(&bytes).0, records);
    }
}

#[test]
fn truncated_golden_file_keeps_earlier_blocks_and_part_of_the_cut_one() {
    let Some(cases) = golden_files() else { return };
    let (_, path) = cases
        .iter()
        .find(|(c, _)| c == "mpm-event-full-capture")
        .unwrap();
    let bytes = std::fs::read(path).unwrap();
    let all = read_until_error(&bytes).0;
    let cut = bytes.len() * 3 / 4;
    let (got, err) = read_until_error(&bytes[..cut]);
    assert!(
        matches!(err, Some(SfError::Truncated { offset, part: "block data" }) if offset == cut as u64),
        "{err:?}"
    );
    // Blocks hold about 1,200 records each: three whole blocks at least, and
    // records salvaged from the cut one.
    assert!(
        got.len() > all.len() / 2,
        "only {} of {} records",
        got.len(),
        all.len()
    );
    assert_eq!(got[..], all[..got.len()]);
}

#[test]
fn wrong_magic_is_named() {
    let (mut bytes, _) = sample_file(Codec::Deflate, 1);
    bytes[3] = 2;
    match read_until_error(&bytes).1 {
        Some(SfError::BadMagic { found }) => assert_eq!(found, b"Obj\x02"),
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(read_until_error(b"").1, Some(SfError::BadMagic { found }) if found.is_empty())
    );
    let err = read_until_error(b"\x1f\x8b\x08\x00").1.unwrap();
    assert!(
        err.to_string()
            .contains("not an Avro object-container file"),
        "{err}"
    );
}

#[test]
fn unknown_codec_is_named() {
    let (bytes, _) = sample_file(Codec::Null, 1);
    // "null" and "zstd" have the same length, so the header stays well formed.
    let at = bytes.windows(4).position(|w| w == b"null").unwrap();
    let mut bytes = bytes;
    bytes[at..at + 4].copy_from_slice(b"zstd");
    match read_until_error(&bytes).1 {
        Some(SfError::UnsupportedCodec { codec }) => assert_eq!(codec, "zstd"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_block_length_is_an_error_after_the_earlier_blocks() {
    let (bytes, records) = sample_file(Codec::Deflate, 20);
    let reader = SfReader::new(&bytes[..]).unwrap();
    let sync = reader.sync_marker();
    // The second block starts right after the first sync marker that follows the header's.
    let first_sync = bytes.windows(16).position(|w| w == sync).unwrap();
    let second = first_sync
        + 16
        + bytes[first_sync + 16..]
            .windows(16)
            .position(|w| w == sync)
            .unwrap()
        + 16;
    let first_block_records = read_until_error(&bytes[..second]).0.len();

    // Block size 2^62: impossible.
    let mut huge = bytes[..second].to_vec();
    huge.push(2); // one record
    huge.extend_from_slice(&[0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    huge.extend_from_slice(&bytes[second + 2..]);
    let (got, err) = read_until_error(&huge);
    assert_eq!(got.len(), first_block_records);
    assert!(
        matches!(
            err,
            Some(SfError::Corrupt {
                part: "block header",
                ..
            })
        ),
        "{err:?}"
    );

    // A block size one byte short: the sync marker no longer lines up.
    let mut short = bytes.clone();
    let mut pos = second;
    while short[pos] & 0x80 != 0 {
        pos += 1;
    }
    pos += 1; // past the count
    assert!(short[pos] & 0x80 != 0 || short[pos] > 2);
    short[pos] -= 2; // zig-zag: one less
    let (got, err) = read_until_error(&short);
    assert!(got.len() >= first_block_records && got[..] == records[..got.len()]);
    assert!(err.is_some());

    // Negative record count.
    let mut negative = bytes.clone();
    negative[second] = 1; // zig-zag -1
    let err = read_until_error(&negative).1;
    assert!(
        matches!(
            err,
            Some(SfError::Corrupt {
                part: "block header",
                ..
            })
        ),
        "{err:?}"
    );
}

#[test]
fn schema_of_another_version_is_rejected() {
    let v4 = sysflow_types::SCHEMA_JSON
        .replace(r#"{"name":"version","type":"long","default":5}"#, r#"{"name":"version","type":"long","default":4}"#)
        .replace(r#",{"name":"cwd","type":"string"},{"name":"env","type":{"type":"array","items":"string"}}"#, "");
    assert_ne!(v4.len(), SCHEMA_JSON.len());
    let (bytes, _) = sample_file(Codec::Null, 1);
    let at = bytes
        .windows(SCHEMA_JSON.len())
        .position(|w| w == SCHEMA_JSON.as_bytes())
        .unwrap();
    // Rebuild the header with the other schema (its length prefix changes).
    let mut patched = bytes[..at - 2].to_vec();
    let n = v4.len() as u64 * 2;
    patched.extend_from_slice(&[(n as u8) | 0x80, (n >> 7) as u8]);
    patched.extend_from_slice(v4.as_bytes());
    patched.extend_from_slice(&bytes[at + SCHEMA_JSON.len()..]);
    let err = read_until_error(&patched).1.unwrap();
    assert!(matches!(err, SfError::SchemaMismatch { .. }), "{err:?}");
    assert!(err.to_string().contains("schema version 4"), "{err}");
}

#[test]
fn flipped_bytes_never_panic() {
    let (bytes, records) = sample_file(Codec::Deflate, 5);
    // Every byte of the file, flipped in turn: an error or a valid read, never a panic.
    for i in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[i] ^= 0x55;
        let (got, _) = read_until_error(&damaged);
        assert!(got.len() <= records.len() + 64);
    }
}
