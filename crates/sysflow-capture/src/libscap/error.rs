//! [`LibscapError`]: why the libscap engine could not open or read, with
//! libscap's messages sorted into the seed's error codes.

use std::path::PathBuf;

/// Everything that can go wrong opening or reading through libscap.
///
/// The variants follow the reference collector's codes: the kernel-module
/// check gives [`LibscapError::ProbeNotLoaded`], and libscap's own messages
/// are sorted the way the reference sorts libsinsp's
/// ([`LibscapError::from_libscap`]): device open failures are
/// [`LibscapError::ProbeAccessDenied`], API and schema version complaints
/// [`LibscapError::DriverLibsMismatch`], anything else
/// [`LibscapError::Libs`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LibscapError {
    /// No kernel module libscap can use is loaded (the reference's
    /// `ProbeNotLoaded`).
    #[error("probe not loaded: {reason}; {hint}")]
    ProbeNotLoaded {
        /// What the check found.
        reason: String,
        /// What to do about it.
        hint: &'static str,
    },
    /// libscap could not open the driver's devices or scan `/proc`, which
    /// it blames on missing root credentials (the reference's
    /// `ProbeAccessDenied`).
    #[error("probe access denied: {message}")]
    ProbeAccessDenied {
        /// libscap's message.
        message: String,
    },
    /// The loaded driver speaks another API or schema version than this
    /// libscap (the reference's `DriverLibsMismatch`).
    #[error("driver and libscap do not match: {message}")]
    DriverLibsMismatch {
        /// libscap's message.
        message: String,
    },
    /// libscap's classic eBPF probe was asked for (the reference's
    /// `OperationNotSupported`): it cannot load on kernels with the
    /// CVE-2025-38563 fix, so the engine refuses it up front.
    #[error(
        "operation not supported: {var} is set, which makes libscap load its classic eBPF probe; \
         that probe does not load on current kernels (CVE-2025-38563 fix). Unset {var} to use \
         the kernel module, or use the `ebpf` engine"
    )]
    ClassicBpf {
        /// The environment variable that selects the probe.
        var: &'static str,
    },
    /// A capture path with an interior NUL byte, which C cannot take.
    #[error("capture path {} contains a NUL byte", path.display())]
    BadPath {
        /// The path.
        path: PathBuf,
    },
    /// Any other libscap failure (the reference's `LibsError`).
    #[error("libscap error {rc}: {message}")]
    Libs {
        /// libscap's return code.
        rc: i32,
        /// libscap's message.
        message: String,
    },
}

impl LibscapError {
    /// Sorts a libscap failure by its message, like the reference sorts
    /// libsinsp's: "Make sure you have root credentials" →
    /// [`LibscapError::ProbeAccessDenied`]; "Driver supports API version",
    /// "missing api_version section" and the other version complaints →
    /// [`LibscapError::DriverLibsMismatch`]; anything else →
    /// [`LibscapError::Libs`].
    pub fn from_libscap(rc: i32, message: String) -> LibscapError {
        const MISMATCH: [&str; 6] = [
            "Driver supports API version",
            "Driver supports schema version",
            "missing api_version section",
            "API version mismatch",
            "Schema version mismatch",
            "does not support PPM_IOCTL_GET_",
        ];
        if message.contains("Make sure you have root credentials") {
            LibscapError::ProbeAccessDenied { message }
        } else if MISMATCH.iter().any(|m| message.contains(m)) {
            LibscapError::DriverLibsMismatch { message }
        } else {
            LibscapError::Libs { rc, message }
        }
    }

    /// Whether this machine or process cannot capture live through libscap
    /// at all (no usable kernel module, no privilege, the classic eBPF probe
    /// asked for), as opposed to a fault while capturing.
    pub fn is_unsupported_here(&self) -> bool {
        matches!(
            self,
            LibscapError::ProbeNotLoaded { .. }
                | LibscapError::ProbeAccessDenied { .. }
                | LibscapError::ClassicBpf { .. }
        )
    }
}
