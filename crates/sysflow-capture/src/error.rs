//! The crate's error type, [`CaptureError`].

use std::io;

use crate::abi::ParamType;

/// Everything that can go wrong while reading a capture.
///
/// Offsets are byte positions in the (decompressed) capture stream: the start
/// of the block for block-level errors, the start of the faulty entry or
/// event for errors inside a block.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CaptureError {
    /// Opening or reading the underlying file failed.
    #[error("I/O error at byte {offset}: {source}")]
    Io {
        /// Stream position when the error happened.
        offset: u64,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The stream ended inside a block.
    #[error("truncated block at byte {offset}: needed {needed} bytes, only {available} available")]
    Truncated {
        /// Start of the incomplete block.
        offset: u64,
        /// Bytes the block header promised (or the 8-byte header itself).
        needed: u64,
        /// Bytes that were actually there.
        available: u64,
    },
    /// The first block is not a section header block.
    #[error(
        "not a scap file: block type {block_type:#x} at byte {offset}, expected a section header"
    )]
    NotScap {
        /// Offset of the offending block.
        offset: u64,
        /// Its block type.
        block_type: u32,
    },
    /// A section header with a byte-swapped magic (a big-endian capture),
    /// which no scap reader supports.
    #[error("byte-swapped section magic at byte {offset}: big-endian captures are not supported")]
    ByteSwapped {
        /// Offset of the section header block.
        offset: u64,
    },
    /// A section header with an unknown magic.
    #[error("invalid section magic {magic:#010x} at byte {offset}")]
    BadMagic {
        /// Offset of the section header block.
        offset: u64,
        /// The magic found.
        magic: u32,
    },
    /// A section header whose major version is newer than 1.
    #[error("unsupported scap version {major}.{minor} at byte {offset}")]
    UnsupportedVersion {
        /// Offset of the section header block.
        offset: u64,
        /// Major version found.
        major: u16,
        /// Minor version found.
        minor: u16,
    },
    /// A block total length that is too small, too large, not a multiple
    /// of 4, or inconsistent with the block's content.
    #[error("bad length {length} for block type {block_type:#x} at byte {offset}")]
    BadBlockLength {
        /// Offset of the block.
        offset: u64,
        /// Block type.
        block_type: u32,
        /// The total length in the block header.
        length: u32,
    },
    /// A metadata block whose trailer does not repeat its header length.
    #[error(
        "block type {block_type:#x} at byte {offset}: trailer {trailer} does not match length {length}"
    )]
    TrailerMismatch {
        /// Offset of the block.
        offset: u64,
        /// Block type.
        block_type: u32,
        /// Total length in the header.
        length: u32,
        /// Total length in the trailer.
        trailer: u32,
    },
    /// An entry inside a metadata block is malformed.
    #[error("malformed {what} entry at byte {offset} (block type {block_type:#x})")]
    BadEntry {
        /// Offset of the entry.
        offset: u64,
        /// Type of the enclosing block.
        block_type: u32,
        /// Which kind of entry (e.g. `"process"`).
        what: &'static str,
    },
    /// An event whose lengths do not add up.
    #[error("malformed event of type {event_type} at byte {offset}: {defect}")]
    BadEvent {
        /// Offset of the event block.
        offset: u64,
        /// Event type id (0 when the header itself was unreadable).
        event_type: u16,
        /// What is wrong.
        defect: EventDefect,
    },
    /// A parameter whose length does not fit its declared type.
    #[error("event type {event_type}, parameter {index} ({ty:?}): invalid length {len}")]
    BadParam {
        /// Event type id.
        event_type: u16,
        /// Parameter slot.
        index: usize,
        /// Declared type.
        ty: ParamType,
        /// The parameter's length in bytes.
        len: usize,
    },

    /// Writing a capture failed.
    #[error("write error at byte {offset}: {source}")]
    Write {
        /// Bytes written before the failure.
        offset: u64,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// Live capture through the eBPF probe failed.
    #[cfg(feature = "ebpf")]
    #[error(transparent)]
    Live(#[from] crate::live::LiveError),
    /// Reading through libscap (feature `libscap`) failed.
    #[cfg(feature = "libscap")]
    #[error(transparent)]
    Libscap(#[from] crate::libscap::LibscapError),
    /// A value too large for the field that must hold it when writing
    /// (e.g. a parameter over 65535 bytes in a type with u16 lengths).
    #[error("cannot write {what}: length {len} exceeds the format's limit")]
    TooLong {
        /// What was being written.
        what: &'static str,
        /// The offending length.
        len: usize,
    },
}

/// What is wrong with a malformed event (see [`CaptureError::BadEvent`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EventDefect {
    /// The block is too short for the event header.
    #[error("block too short for the event header")]
    ShortHeader,
    /// The event's `len` field is smaller than its header or exceeds the block.
    #[error("event length {len} does not fit the block ({available} bytes available)")]
    Length {
        /// The event's `len` field.
        len: u32,
        /// Bytes available in the block for the event.
        available: usize,
    },
    /// The parameter-length array or the values overrun the event length.
    #[error("{nparams} parameters overrun the event length {len}")]
    Params {
        /// Parameter count.
        nparams: u32,
        /// The event's `len` field.
        len: u32,
    },
    /// No parameter count fits a version-1 event (which carries none).
    #[error("no parameter count fits the version-1 event length {len}")]
    V1ParamCount {
        /// The event's `len` field.
        len: u32,
    },
}
