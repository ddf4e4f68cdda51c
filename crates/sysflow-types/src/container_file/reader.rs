//! The streaming `.sf` reader.

use std::fs;
use std::io::{self, BufReader, ErrorKind, Read};
use std::path::Path;
use std::sync::OnceLock;

use flate2::{Decompress, FlushDecompress, Status};

use super::{CODEC_KEY, Codec, MAGIC, SCHEMA_KEY, SYNC_LEN};
use crate::error::SfError;
use crate::schema::{SCHEMA_JSON, canonical_form};
use crate::sysflow::SysFlow;

/// No block, compressed or not, may be larger than this. The reference writes
/// blocks of about 80 KB; the bound only stops a corrupt size or a deflate bomb
/// from exhausting memory.
const MAX_BLOCK_BYTES: usize = 256 << 20;

/// Metadata entries (codec, schema, user keys) are small; a larger one is corruption.
const MAX_METADATA_BYTES: usize = 16 << 20;

/// Reads SysFlow records from an Avro object-container file, one block in memory at a time.
///
/// The constructor reads the header and checks that the file's schema is
/// SysFlow schema v5 (by Parsing Canonical Form, so layout differences do not
/// matter). Records come from [`next_record`](SfReader::next_record) or the
/// `Iterator` impl. When the file is damaged, the reader first returns every
/// record it can still decode, including those at the start of a truncated or
/// corrupt block, then the error; after an error it returns nothing more.
#[derive(Debug)]
pub struct SfReader<R: Read> {
    input: R,
    offset: u64,
    codec: Codec,
    schema: String,
    metadata: Vec<(String, Vec<u8>)>,
    sync: [u8; SYNC_LEN],
    compressed: Vec<u8>,
    block: Vec<u8>,
    inflater: Decompress,
    block_offset: u64,
    block_pos: usize,
    block_left: u64,
    block_index: u64,
    /// The error to return once the salvaged records of a damaged block are out.
    pending: Option<SfError>,
    done: bool,
}

impl SfReader<BufReader<fs::File>> {
    /// Opens the file at `path` and reads its header.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, SfError> {
        SfReader::new(BufReader::with_capacity(1 << 16, fs::File::open(path)?))
    }
}

impl<R: Read> SfReader<R> {
    /// Reads the header from `input`.
    pub fn new(input: R) -> Result<Self, SfError> {
        let mut reader = SfReader {
            input,
            offset: 0,
            codec: Codec::Null,
            schema: String::new(),
            metadata: Vec::new(),
            sync: [0; SYNC_LEN],
            compressed: Vec::new(),
            block: Vec::new(),
            inflater: Decompress::new(false),
            block_offset: 0,
            block_pos: 0,
            block_left: 0,
            block_index: 0,
            pending: None,
            done: false,
        };
        reader.read_header()?;
        Ok(reader)
    }

    /// The file's writer schema, as embedded.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// The file's block codec.
    pub fn codec(&self) -> Codec {
        self.codec
    }

    /// The file's sync marker.
    pub fn sync_marker(&self) -> [u8; SYNC_LEN] {
        self.sync
    }

    /// Every metadata entry of the header, in file order.
    pub fn metadata(&self) -> &[(String, Vec<u8>)] {
        &self.metadata
    }

    /// Byte offset in the file of the block the last record came from.
    pub fn block_offset(&self) -> u64 {
        self.block_offset
    }

    /// The next record, `None` at the end of the file (or after an error).
    pub fn next_record(&mut self) -> Result<Option<SysFlow>, SfError> {
        if self.done {
            return Ok(None);
        }
        let result = self.next_inner();
        if !matches!(result, Ok(Some(_))) {
            self.done = true;
        }
        result
    }

    fn next_inner(&mut self) -> Result<Option<SysFlow>, SfError> {
        while self.block_left == 0 {
            if let Some(err) = self.pending.take() {
                return Err(err);
            }
            if self.block_pos != self.block.len() {
                return Err(SfError::Corrupt {
                    offset: self.block_offset,
                    part: "block",
                    detail: format!(
                        "{} bytes remain after the block's records",
                        self.block.len() - self.block_pos
                    ),
                });
            }
            if !self.read_block()? {
                return Ok(None);
            }
        }
        let rest = self.block.get(self.block_pos..).unwrap_or_default();
        match SysFlow::decode_prefix(rest) {
            Ok((rec, used)) => {
                self.block_pos += used;
                self.block_left -= 1;
                self.block_index += 1;
                Ok(Some(rec))
            }
            // In a damaged block the decode failure is a symptom; report the cause.
            Err(source) => Err(self.pending.take().unwrap_or(SfError::Record {
                offset: self.block_offset,
                index: self.block_index,
                source,
            })),
        }
    }

    fn read_header(&mut self) -> Result<(), SfError> {
        let mut magic = [0u8; 4];
        let got = read_up_to(&mut self.input, &mut magic)?;
        self.offset += got as u64;
        if got < magic.len() || magic != MAGIC {
            return Err(SfError::BadMagic {
                found: magic.get(..got).unwrap_or_default().to_vec(),
            });
        }
        loop {
            let count_at = self.offset;
            let mut count = self.varint("header metadata")?;
            if count == 0 {
                break;
            }
            if count < 0 {
                self.varint("header metadata")?;
                count = count.saturating_neg();
            }
            if count > 1024 {
                return Err(SfError::Corrupt {
                    offset: count_at,
                    part: "header metadata",
                    detail: format!("{count} entries in one map block"),
                });
            }
            for _ in 0..count {
                let key = self.bytes("header metadata")?;
                let value = self.bytes("header metadata")?;
                let key = String::from_utf8(key).map_err(|_| SfError::Corrupt {
                    offset: count_at,
                    part: "header metadata",
                    detail: "a key is not valid UTF-8".into(),
                })?;
                self.metadata.push((key, value));
            }
        }
        self.read_exact_at("header sync marker", SYNC_LEN)?;
        self.sync.copy_from_slice(&self.compressed[..SYNC_LEN]);

        let codec = self.meta_str(CODEC_KEY).unwrap_or("null");
        self.codec = Codec::from_name(codec).ok_or_else(|| SfError::UnsupportedCodec {
            codec: codec.to_owned(),
        })?;
        let schema = self
            .meta_str(SCHEMA_KEY)
            .ok_or(SfError::MissingSchema)?
            .to_owned();
        check_schema(&schema)?;
        self.schema = schema;
        Ok(())
    }

    fn meta_str(&self, key: &str) -> Option<&str> {
        self.metadata
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| std::str::from_utf8(v).ok())
    }

    /// Reads the next block into `self.block`; false at a clean end of file.
    fn read_block(&mut self) -> Result<bool, SfError> {
        self.block_offset = self.offset;
        self.block_index = 0;
        self.block_pos = 0;
        self.block.clear();
        let mut first = [0u8; 1];
        if read_up_to(&mut self.input, &mut first)? == 0 {
            return Ok(false);
        }
        self.offset += 1;
        let count = self.varint_from(first[0], "block header")?;
        let size_at = self.offset;
        let size = self.varint("block header")?;
        let count = u64::try_from(count).map_err(|_| SfError::Corrupt {
            offset: self.block_offset,
            part: "block header",
            detail: format!("negative record count {count}"),
        })?;
        let size = usize::try_from(size)
            .ok()
            .filter(|&s| s <= MAX_BLOCK_BYTES)
            .ok_or_else(|| SfError::Corrupt {
                offset: size_at,
                part: "block header",
                detail: format!("block size {size} is negative or over {MAX_BLOCK_BYTES} bytes"),
            })?;
        // A truncated or corrupt block still gives up the records before the damage.
        if let Err(e) = self.read_exact_at("block data", size) {
            self.pending = Some(e);
        } else {
            let mut sync = [0u8; SYNC_LEN];
            let got = read_up_to(&mut self.input, &mut sync)?;
            self.offset += got as u64;
            if got < SYNC_LEN {
                self.pending = Some(SfError::Truncated {
                    offset: self.offset,
                    part: "block sync marker",
                });
            } else if sync != self.sync {
                self.pending = Some(SfError::SyncMismatch {
                    offset: self.block_offset,
                });
            }
        }
        match self.codec {
            Codec::Null => std::mem::swap(&mut self.block, &mut self.compressed),
            Codec::Deflate | Codec::Zstandard => {
                let result = if self.codec == Codec::Deflate {
                    inflate(&mut self.inflater, &self.compressed, &mut self.block)
                } else {
                    unzstd(&self.compressed, &mut self.block)
                };
                if let Err(detail) = result {
                    // A truncated block fails to inflate as a consequence; keep its cause.
                    if self.pending.is_none() {
                        self.pending = Some(SfError::Corrupt {
                            offset: self.block_offset,
                            part: "block data",
                            detail,
                        });
                    }
                }
            }
        }
        self.block_left = count;
        Ok(true)
    }

    /// Reads exactly `n` bytes into `self.compressed`; on a short read keeps
    /// what arrived and reports the truncation.
    fn read_exact_at(&mut self, part: &'static str, n: usize) -> Result<(), SfError> {
        self.compressed.clear();
        let got = (&mut self.input)
            .take(n as u64)
            .read_to_end(&mut self.compressed)?;
        self.offset += got as u64;
        if got < n {
            return Err(SfError::Truncated {
                offset: self.offset,
                part,
            });
        }
        Ok(())
    }

    fn bytes(&mut self, part: &'static str) -> Result<Vec<u8>, SfError> {
        let at = self.offset;
        let len = self.varint(part)?;
        let len = usize::try_from(len)
            .ok()
            .filter(|&l| l <= MAX_METADATA_BYTES)
            .ok_or_else(|| SfError::Corrupt {
                offset: at,
                part,
                detail: format!("length {len} is negative or over {MAX_METADATA_BYTES} bytes"),
            })?;
        self.read_exact_at(part, len)?;
        Ok(std::mem::take(&mut self.compressed))
    }

    fn varint(&mut self, part: &'static str) -> Result<i64, SfError> {
        let mut b = [0u8; 1];
        if read_up_to(&mut self.input, &mut b)? == 0 {
            return Err(SfError::Truncated {
                offset: self.offset,
                part,
            });
        }
        self.offset += 1;
        self.varint_from(b[0], part)
    }

    /// Finishes a zig-zag varint whose first byte has been read.
    fn varint_from(&mut self, first: u8, part: &'static str) -> Result<i64, SfError> {
        let start = self.offset - 1;
        let mut n = u64::from(first & 0x7f);
        let mut byte = first;
        let mut shift = 7;
        while byte & 0x80 != 0 {
            if shift > 63 {
                return Err(SfError::Corrupt {
                    offset: start,
                    part,
                    detail: "varint longer than 10 bytes".into(),
                });
            }
            let mut b = [0u8; 1];
            if read_up_to(&mut self.input, &mut b)? == 0 {
                return Err(SfError::Truncated {
                    offset: self.offset,
                    part,
                });
            }
            self.offset += 1;
            byte = b[0];
            n |= u64::from(byte & 0x7f) << shift;
            shift += 7;
        }
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    }
}

impl<R: Read> Iterator for SfReader<R> {
    type Item = Result<SysFlow, SfError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record().transpose()
    }
}

/// Fills as much of `buf` as the input has; returns how much that was.
fn read_up_to(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match input.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// Inflates raw deflate `input` into `out`. On corrupt or incomplete input,
/// `out` keeps everything inflated before the damage.
fn inflate(inflater: &mut Decompress, input: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    inflater.reset(false);
    out.clear();
    out.reserve(input.len().saturating_mul(4).clamp(4096, MAX_BLOCK_BYTES));
    loop {
        let consumed = inflater.total_in() as usize;
        let rest = input.get(consumed..).unwrap_or_default();
        let before = out.len();
        match inflater.decompress_vec(rest, out, FlushDecompress::Finish) {
            Ok(Status::StreamEnd) => return Ok(()),
            Ok(_) => {
                if out.len() == before && inflater.total_in() as usize >= input.len() {
                    return Err("the deflate stream ends before its final block".into());
                }
                if out.len() >= MAX_BLOCK_BYTES {
                    return Err(format!(
                        "the block inflates to more than {MAX_BLOCK_BYTES} bytes"
                    ));
                }
                out.reserve(out.capacity());
            }
            Err(e) => return Err(format!("invalid deflate data: {e}")),
        }
    }
}

/// Decompresses a `zstandard` block (one or more frames) into `out`, at
/// most [`MAX_BLOCK_BYTES`] of it.
fn unzstd(input: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    out.clear();
    let decoder = zstd::stream::read::Decoder::with_buffer(input)
        .map_err(|e| format!("invalid zstandard data: {e}"))?;
    // One byte past the bound tells a block that is too large.
    let limit = u64::try_from(MAX_BLOCK_BYTES).unwrap_or(u64::MAX) + 1;
    decoder
        .take(limit)
        .read_to_end(out)
        .map_err(|e| format!("invalid zstandard data: {e}"))?;
    if out.len() > MAX_BLOCK_BYTES {
        return Err(format!(
            "the block decompresses to more than {MAX_BLOCK_BYTES} bytes"
        ));
    }
    Ok(())
}

/// Accepts a writer schema whose canonical form is that of SysFlow schema v5.
fn check_schema(schema: &str) -> Result<(), SfError> {
    static OURS: OnceLock<Result<String, String>> = OnceLock::new();
    let ours = OURS
        .get_or_init(|| canonical_form(SCHEMA_JSON).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| SfError::SchemaMismatch { detail: e.clone() })?;
    if schema == SCHEMA_JSON || canonical_form(schema)? == *ours {
        return Ok(());
    }
    let version = serde_json::from_str::<serde_json::Value>(schema)
        .ok()
        .and_then(|v| v["fields"][0]["type"][0]["fields"][0]["default"].as_i64());
    Err(SfError::SchemaMismatch {
        detail: match version {
            Some(v) => format!("its SFHeader declares schema version {v}"),
            None => "its record layout differs".into(),
        },
    })
}
