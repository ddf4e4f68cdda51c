//! The machine info block: the capturing host's CPU count, memory and name.

use crate::wire::Cursor;

/// Size of the machine info body that every reader copies.
pub(crate) const MACHINE_INFO_LEN: usize = 180;

/// Contents of the machine info block (`MI`, block type 0x201).
///
/// To build one for writing, start from `MachineInfo::default()` and set
/// the fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct MachineInfo {
    /// Number of CPUs of the capturing host.
    pub num_cpus: u32,
    /// Physical memory in bytes.
    pub memory_size_bytes: u64,
    /// `max_pid` (0 in every known capture).
    pub max_pid: u64,
    /// Host name (NUL padding removed, decoded lossily as UTF-8).
    pub hostname: String,
    /// Boot time in ns since the epoch (current libs; a reserved 0 before).
    pub boot_ts_epoch: u64,
    /// Machine flags (current libs; a reserved 0 before).
    pub flags: u64,
}

impl MachineInfo {
    /// Decode the fixed 180-byte body; `None` if it is shorter.
    pub(crate) fn decode(body: &[u8]) -> Option<MachineInfo> {
        let mut c = Cursor::new(body);
        let num_cpus = c.u32()?;
        let memory_size_bytes = c.u64()?;
        let max_pid = c.u64()?;
        let name = c.bytes(128)?;
        let end = name.iter().position(|&b| b == 0).unwrap_or(name.len());
        let hostname = String::from_utf8_lossy(name.get(..end)?).into_owned();
        let boot_ts_epoch = c.u64()?;
        let flags = c.u64()?;
        Some(MachineInfo {
            num_cpus,
            memory_size_bytes,
            max_pid,
            hostname,
            boot_ts_epoch,
            flags,
        })
    }
}
