//! The machine info block of a live capture saved as scap: this host's CPU
//! count, memory, pid limit, name and boot time.

use std::fs;

use crate::machine::MachineInfo;

/// This host's machine info, best effort (unreadable values are 0 or empty).
pub fn machine_info() -> MachineInfo {
    let read = |p: &str| fs::read_to_string(p).unwrap_or_default();
    let memory_kb: u64 = read("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    MachineInfo {
        num_cpus: std::thread::available_parallelism()
            .map_or(1, |n| u32::try_from(n.get()).unwrap_or(u32::MAX)),
        memory_size_bytes: memory_kb.saturating_mul(1024),
        max_pid: read("/proc/sys/kernel/pid_max").trim().parse().unwrap_or(0),
        hostname: read("/proc/sys/kernel/hostname").trim().to_owned(),
        boot_ts_epoch: super::boot_epoch_ns().unwrap_or(0),
        flags: 0,
    }
}
