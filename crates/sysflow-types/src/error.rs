//! Errors of datum decoding and of `.sf` file reading.

use std::io;

/// A SysFlow datum could not be decoded.
///
/// Offsets count bytes from the start of the datum (of the decompressed block
/// for records read from a file); `field` names the schema field being read,
/// e.g. `Process.exe`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The bytes ended inside a value.
    #[error("datum ends at byte {offset} while reading {field}")]
    UnexpectedEnd {
        /// Where the missing bytes should have been.
        offset: usize,
        /// The field being read.
        field: &'static str,
    },
    /// A variable-length integer is longer than its type allows.
    #[error("malformed or overflowing varint at byte {offset} in {field}")]
    BadVarint {
        /// Where the varint starts.
        offset: usize,
        /// The field being read.
        field: &'static str,
    },
    /// A union branch index is out of range.
    #[error("union branch {index} at byte {offset} is out of range for {field}")]
    BadUnionBranch {
        /// Where the index starts.
        offset: usize,
        /// The branch index found.
        index: i64,
        /// The field being read (`SysFlow.rec` for the record type).
        field: &'static str,
    },
    /// An enum index names no symbol.
    #[error("enum index {index} at byte {offset} has no symbol in {field}")]
    BadEnumIndex {
        /// Where the index starts.
        offset: usize,
        /// The index found.
        index: i64,
        /// The field being read.
        field: &'static str,
    },
    /// A boolean byte is neither 0 nor 1.
    #[error("boolean byte {byte:#04x} at byte {offset} in {field}")]
    BadBool {
        /// Where the byte is.
        offset: usize,
        /// The byte found.
        byte: u8,
        /// The field being read.
        field: &'static str,
    },
    /// A length or count is negative, or larger than the bytes that remain.
    #[error("length {length} at byte {offset} is impossible for {field}")]
    BadLength {
        /// Where the length starts.
        offset: usize,
        /// The length found.
        length: i64,
        /// The field being read.
        field: &'static str,
    },
    /// A string is not valid UTF-8.
    #[error("string at byte {offset} in {field} is not valid UTF-8")]
    BadUtf8 {
        /// Where the string's bytes start.
        offset: usize,
        /// The field being read.
        field: &'static str,
    },
    /// Bytes remain after a datum that should fill its buffer (a socket packet).
    #[error("{extra} bytes remain after the datum that ends at byte {offset}")]
    TrailingBytes {
        /// Where the datum ends.
        offset: usize,
        /// How many bytes follow it.
        extra: usize,
    },
}

/// A `.sf` file (an Avro object-container file of SysFlow records) could not be read.
///
/// Offsets count bytes from the start of the file. A reader that returns an
/// error has already returned every record it could decode before the damage.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SfError {
    /// Reading or writing the underlying file failed.
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),
    /// The file does not start with the Avro object-container magic `Obj\x01`.
    #[error("not an Avro object-container file: it starts with {found:02x?}, not 4f 62 6a 01")]
    BadMagic {
        /// The first bytes found (fewer than 4 if the file is that short).
        found: Vec<u8>,
    },
    /// The file's `avro.codec` is one this reader cannot decompress.
    #[error("unsupported codec {codec:?}: this reader handles \"null\" and \"deflate\"")]
    UnsupportedCodec {
        /// The codec named in the file.
        codec: String,
    },
    /// The file header has no `avro.schema` entry.
    #[error("the file header has no avro.schema entry")]
    MissingSchema,
    /// The file's writer schema is not SysFlow schema v5.
    #[error("the file's schema is not SysFlow schema v5: {detail}")]
    SchemaMismatch {
        /// What differs, or why the schema could not be parsed.
        detail: String,
    },
    /// The file ends inside a header or block.
    #[error("the file is truncated at byte {offset}, inside {part}")]
    Truncated {
        /// Where the file ends.
        offset: u64,
        /// The part being read.
        part: &'static str,
    },
    /// A header or block field holds an impossible value.
    #[error("corrupt {part} at byte {offset}: {detail}")]
    Corrupt {
        /// Where the bad field is.
        offset: u64,
        /// The part being read.
        part: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// A block is not followed by the file's sync marker.
    #[error("the block at byte {offset} is not followed by the file's sync marker")]
    SyncMismatch {
        /// Where the block starts.
        offset: u64,
    },
    /// A record inside a block does not decode.
    #[error("record {index} of the block at byte {offset}: {source}")]
    Record {
        /// Where the block starts.
        offset: u64,
        /// Position of the record in its block, from 0.
        index: u64,
        /// Why it does not decode.
        source: DecodeError,
    },
}
