//! How an x86_64 ELF executable is linked, read from its program headers:
//! whether it names a program interpreter (`PT_INTERP`, the dynamic
//! loader) and how many shared libraries its dynamic section needs
//! (`DT_NEEDED`). A fully static executable has neither; a static-pie one
//! still has a dynamic section, for its own relocations.

use anyhow::{Context, Result, bail};

/// `PT_DYNAMIC`: the dynamic section.
const PT_DYNAMIC: u32 = 2;
/// `PT_INTERP`: the program interpreter's path.
const PT_INTERP: u32 = 3;
/// `DT_NULL`: the end of the dynamic section.
const DT_NULL: u64 = 0;
/// `DT_NEEDED`: a shared library the program needs.
const DT_NEEDED: u64 = 1;

/// What an executable needs from the system to start.
#[derive(Debug, PartialEq, Eq)]
pub struct Linkage {
    /// The program interpreter it names, if any (e.g. `/lib64/ld-linux-x86-64.so.2`).
    pub interpreter: Option<String>,
    /// How many shared libraries its dynamic section needs.
    pub needed: usize,
}

impl Linkage {
    /// Whether it starts with nothing from the system: no interpreter, no
    /// shared library.
    pub fn is_static(&self) -> bool {
        self.interpreter.is_none() && self.needed == 0
    }
}

/// Reads the linkage of a 64-bit little-endian ELF file; anything else, or
/// a header that points outside the file, is an error.
pub fn linkage(bytes: &[u8]) -> Result<Linkage> {
    if bytes.get(..4) != Some(b"\x7fELF".as_slice()) {
        bail!("not an ELF file");
    }
    // EI_CLASS 2: 64-bit; EI_DATA 1: little-endian.
    if bytes.get(4..6) != Some([2u8, 1].as_slice()) {
        bail!("not a 64-bit little-endian ELF file");
    }
    let phoff = usize::try_from(u64_at(bytes, 0x20)?).context("program headers out of range")?;
    let phentsize = usize::from(u16_at(bytes, 0x36)?);
    let phnum = usize::from(u16_at(bytes, 0x38)?);
    if phentsize < 0x38 {
        bail!("program header entries of {phentsize} bytes");
    }
    let mut linkage = Linkage {
        interpreter: None,
        needed: 0,
    };
    for i in 0..phnum {
        let at = i
            .checked_mul(phentsize)
            .and_then(|o| o.checked_add(phoff))
            .context("program header out of range")?;
        let header = slice(bytes, at as u64, phentsize as u64)?;
        let kind = u32_at(header, 0)?;
        if kind != PT_INTERP && kind != PT_DYNAMIC {
            continue;
        }
        let offset = u64_at(header, 0x08)?;
        let size = u64_at(header, 0x20)?;
        let segment = slice(bytes, offset, size)?;
        if kind == PT_INTERP {
            let path = segment.split(|&b| b == 0).next().unwrap_or_default();
            linkage.interpreter = Some(String::from_utf8_lossy(path).into_owned());
        } else {
            for entry in segment.chunks_exact(16) {
                match u64_at(entry, 0)? {
                    DT_NULL => break,
                    DT_NEEDED => linkage.needed += 1,
                    _ => {}
                }
            }
        }
    }
    Ok(linkage)
}

/// `size` bytes at `offset`, if the file holds them.
fn slice(bytes: &[u8], offset: u64, size: u64) -> Result<&[u8]> {
    let start = usize::try_from(offset).ok();
    let end = start
        .zip(usize::try_from(size).ok())
        .and_then(|(s, n)| s.checked_add(n));
    start
        .zip(end)
        .and_then(|(s, e)| bytes.get(s..e))
        .with_context(|| {
            format!("a segment of {size} bytes at {offset} is past the end of the file")
        })
}

/// The little-endian integer of `N` bytes at `at`.
fn le_bytes<const N: usize>(bytes: &[u8], at: usize) -> Result<[u8; N]> {
    at.checked_add(N)
        .and_then(|end| bytes.get(at..end))
        .and_then(|b| <[u8; N]>::try_from(b).ok())
        .with_context(|| format!("the file ends before byte {at} + {N}"))
}

fn u16_at(bytes: &[u8], at: usize) -> Result<u16> {
    le_bytes(bytes, at).map(u16::from_le_bytes)
}

fn u32_at(bytes: &[u8], at: usize) -> Result<u32> {
    le_bytes(bytes, at).map(u32::from_le_bytes)
}

fn u64_at(bytes: &[u8], at: usize) -> Result<u64> {
    le_bytes(bytes, at).map(u64::from_le_bytes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// A 64-bit ELF header with `phnum` program headers right after it.
    fn header(phnum: u16) -> Vec<u8> {
        let mut elf = vec![0u8; 0x40];
        elf[..6].copy_from_slice(b"\x7fELF\x02\x01");
        elf[0x20..0x28].copy_from_slice(&0x40u64.to_le_bytes());
        elf[0x36..0x38].copy_from_slice(&0x38u16.to_le_bytes());
        elf[0x38..0x3a].copy_from_slice(&phnum.to_le_bytes());
        elf
    }

    /// Appends a program header of `kind` for `size` bytes at `offset`.
    fn program_header(elf: &mut Vec<u8>, kind: u32, offset: u64, size: u64) {
        let mut ph = vec![0u8; 0x38];
        ph[..4].copy_from_slice(&kind.to_le_bytes());
        ph[0x08..0x10].copy_from_slice(&offset.to_le_bytes());
        ph[0x20..0x28].copy_from_slice(&size.to_le_bytes());
        elf.extend(ph);
    }

    #[test]
    fn this_test_binary_is_dynamically_linked() {
        let exe = std::fs::read(std::env::current_exe().unwrap()).unwrap();
        let linkage = linkage(&exe).unwrap();
        assert!(!linkage.is_static(), "{linkage:?}");
        assert!(linkage.interpreter.unwrap().contains("ld-linux"));
        assert!(linkage.needed > 0);
    }

    #[test]
    fn a_static_pie_has_a_dynamic_section_without_needed_libraries() {
        let mut elf = header(1);
        let dynamic = 0x40 + 0x38;
        program_header(&mut elf, PT_DYNAMIC, dynamic, 32);
        // DT_RELA (7), then DT_NULL.
        elf.extend(7u64.to_le_bytes());
        elf.extend(0u64.to_le_bytes());
        elf.extend([0u8; 16]);
        let pie = linkage(&elf).unwrap();
        assert!(pie.is_static(), "{pie:?}");

        // The same with a DT_NEEDED entry and an interpreter.
        let mut elf = header(2);
        let interp = 0x40 + 2 * 0x38;
        program_header(&mut elf, PT_INTERP, interp, 8);
        program_header(&mut elf, PT_DYNAMIC, interp + 8, 32);
        elf.extend(b"/ld.so\0\0");
        elf.extend(DT_NEEDED.to_le_bytes());
        elf.extend(5u64.to_le_bytes());
        elf.extend([0u8; 16]);
        assert_eq!(
            linkage(&elf).unwrap(),
            Linkage {
                interpreter: Some("/ld.so".into()),
                needed: 1
            }
        );
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        assert!(linkage(b"").is_err());
        assert!(linkage(b"#!/bin/sh\n").is_err());
        let mut elf = header(1);
        program_header(&mut elf, PT_INTERP, u64::MAX, 8);
        assert!(linkage(&elf).is_err());
        let mut elf = header(3);
        program_header(&mut elf, PT_INTERP, 0, 8);
        assert!(
            linkage(&elf).is_err(),
            "two of three program headers missing"
        );
        let mut elf = header(1);
        elf[0x20..0x28].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(linkage(&elf).is_err());
    }
}
