//! The section header block that starts every capture (and every section of
//! a concatenated capture).

/// Magic number of a little-endian section header.
pub(crate) const MAGIC: u32 = 0x1A2B_3C4D;

/// A section header block (`SHB`, block type 0x0A0D0D0A).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SectionHeader {
    /// Byte offset of the block in the (decompressed) stream.
    pub offset: u64,
    /// Major format version (always 1).
    pub major: u16,
    /// Minor format version (2 for every writer since 2018; ignored by readers).
    pub minor: u16,
    /// Section length; `u64::MAX` means unknown.
    pub section_length: u64,
}
