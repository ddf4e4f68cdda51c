//! `.sf` files: Avro object-container files of SysFlow records.
//!
//! Layout: the magic `Obj\x01`; a metadata map (`avro.codec`, `avro.schema`);
//! a 16-byte sync marker; then blocks, each an object count, a byte size, the
//! (compressed) concatenated datums and the sync marker again.

mod deflater;
mod reader;
mod writer;

pub use deflater::DeflateEngine;
pub use reader::SfReader;
pub use writer::{DEFLATE_THREAD_NAME, SfWriter, WriterOptions};

/// The four bytes every Avro object-container file starts with.
const MAGIC: [u8; 4] = *b"Obj\x01";

/// Length of the sync marker that follows the header and every block.
const SYNC_LEN: usize = 16;

/// Metadata key naming the block codec.
const CODEC_KEY: &str = "avro.codec";

/// Metadata key holding the writer schema.
const SCHEMA_KEY: &str = "avro.schema";

/// How the datums of a block are compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Codec {
    /// Raw deflate (RFC 1951, no zlib header), as the reference collector writes.
    #[default]
    Deflate,
    /// No compression.
    Null,
    /// Zstandard (one frame per block), which the Avro specification names
    /// `zstandard` and fastavro reads (with `backports.zstd` before Python 3.14).
    /// Not the reference's: its readers read deflate and null only.
    Zstandard,
}

impl Codec {
    /// The name written in the `avro.codec` metadata entry.
    pub const fn name(self) -> &'static str {
        match self {
            Codec::Deflate => "deflate",
            Codec::Null => "null",
            Codec::Zstandard => "zstandard",
        }
    }

    fn from_name(name: &str) -> Option<Codec> {
        match name {
            "deflate" => Some(Codec::Deflate),
            "null" => Some(Codec::Null),
            "zstandard" => Some(Codec::Zstandard),
            _ => None,
        }
    }
}
