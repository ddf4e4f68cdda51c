//! Driver checks run before anything is loaded: privileges, kernel version
//! and BTF.

use std::fs;
use std::path::Path;

use super::error::LiveError;

/// Where the kernel exposes its BTF.
pub(crate) const VMLINUX_BTF: &str = "/sys/kernel/btf/vmlinux";

/// The oldest kernel the probe loads on: `bpf_loop` arrived in 5.17 (the
/// ring buffer in 5.8, `tp_btf` in 5.5).
pub(crate) const MIN_KERNEL: (u32, u32) = (5, 17);

const CAP_SYS_ADMIN: u32 = 21;
const CAP_PERFMON: u32 = 38;
const CAP_BPF: u32 = 39;

/// The effective uid and capability mask, from `/proc/self/status`.
fn credentials() -> Result<(u32, u64), LiveError> {
    let status =
        fs::read_to_string("/proc/self/status").map_err(|source| LiveError::Environment {
            what: "/proc/self/status",
            source,
        })?;
    Ok(parse_credentials(&status))
}

/// `Uid:` (real, effective, …) and `CapEff:` (hex) from a status file;
/// missing or unparsable fields count as unprivileged.
pub(crate) fn parse_credentials(status: &str) -> (u32, u64) {
    let mut euid = u32::MAX;
    let mut cap_eff = 0;
    for line in status.lines() {
        if let Some(rest) = line.strip_prefix("Uid:") {
            euid = rest
                .split_whitespace()
                .nth(1)
                .and_then(|u| u.parse().ok())
                .unwrap_or(u32::MAX);
        } else if let Some(rest) = line.strip_prefix("CapEff:") {
            cap_eff = u64::from_str_radix(rest.trim(), 16).unwrap_or(0);
        }
    }
    (euid, cap_eff)
}

/// Whether a capability mask allows loading and attaching tracing programs:
/// CAP_BPF with CAP_PERFMON, or CAP_SYS_ADMIN.
pub(crate) fn caps_allow_bpf(cap_eff: u64) -> bool {
    let has = |cap: u32| cap_eff & (1u64 << cap) != 0;
    (has(CAP_BPF) && has(CAP_PERFMON)) || has(CAP_SYS_ADMIN)
}

/// `(major, minor)` of a kernel release string such as `6.18.44-fc-v669`.
pub(crate) fn parse_release(release: &str) -> Option<(u32, u32)> {
    let mut parts = release.trim().split(['.', '-']);
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

/// Check that this process may load the probe on this kernel: privileges
/// ([`LiveError::AccessDenied`]), kernel version
/// ([`LiveError::KernelTooOld`]) and BTF ([`LiveError::NoBtf`]).
pub fn check_live_support() -> Result<(), LiveError> {
    let (euid, cap_eff) = credentials()?;
    if !caps_allow_bpf(cap_eff) {
        return Err(LiveError::AccessDenied { euid, cap_eff });
    }
    let release = fs::read_to_string("/proc/sys/kernel/osrelease").map_err(|source| {
        LiveError::Environment {
            what: "/proc/sys/kernel/osrelease",
            source,
        }
    })?;
    // An unparsable release is let through: loading will tell.
    if parse_release(&release).is_some_and(|v| v < MIN_KERNEL) {
        return Err(LiveError::KernelTooOld {
            release: release.trim().to_owned(),
            required: MIN_KERNEL,
        });
    }
    if !Path::new(VMLINUX_BTF).exists() {
        return Err(LiveError::NoBtf { path: VMLINUX_BTF });
    }
    Ok(())
}
