//! [`LiveError`]: what can go wrong starting or running live capture.

use std::error::Error as StdError;
use std::io;

/// A boxed error from the BPF loader (aya), kept opaque so that aya's types
/// stay out of this crate's API.
pub type LoaderError = Box<dyn StdError + Send + Sync + 'static>;

/// Everything that can go wrong with live capture through the eBPF probe.
///
/// The driver checks run before anything is loaded and map to the seed's
/// error codes: [`LiveError::AccessDenied`] is `ProbeAccessDenied`,
/// [`LiveError::NoBtf`] is `OperationNotSupported`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LiveError {
    /// The process may not load BPF programs.
    #[error(
        "probe access denied: loading the eBPF probe needs root, or CAP_BPF and CAP_PERFMON \
         (effective uid {euid}, effective capabilities {cap_eff:#x})"
    )]
    AccessDenied {
        /// Effective user id.
        euid: u32,
        /// Effective capability mask from `/proc/self/status`.
        cap_eff: u64,
    },
    /// The kernel exposes no BTF, which CO-RE relocation needs.
    #[error(
        "operation not supported: the kernel exposes no BTF at {path}; \
         it needs CONFIG_DEBUG_INFO_BTF=y"
    )]
    NoBtf {
        /// Where BTF was looked for.
        path: &'static str,
    },
    /// The kernel is older than the probe needs.
    #[error(
        "operation not supported: kernel {release} is too old; the eBPF probe needs \
         {}.{} or newer (BPF ring buffer, tp_btf, bpf_loop)", .required.0, .required.1
    )]
    KernelTooOld {
        /// The running kernel's release string.
        release: String,
        /// The oldest supported (major, minor) version.
        required: (u32, u32),
    },
    /// A syscall name the probe cannot capture.
    #[error("the eBPF probe cannot select syscall {name}")]
    UnknownSyscall {
        /// The name given.
        name: String,
    },
    /// Reading the process's credentials or the clock failed.
    #[error("cannot read {what}: {source}")]
    Environment {
        /// What was being read.
        what: &'static str,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// A loader step failed: parsing BTF, loading the object (CO-RE
    /// relocation, map creation) or a program (the verifier's log is in the
    /// source's message).
    #[error("eBPF probe: {step} failed: {source}")]
    Load {
        /// The step, e.g. `"load program sf_sys_exit"`.
        step: &'static str,
        /// The loader's error.
        #[source]
        source: LoaderError,
    },
    /// The kernel's verifier rejected a program.
    #[error("the kernel's verifier rejected {program} ({source}); the end of its log:\n{log_tail}")]
    Verifier {
        /// The program.
        program: &'static str,
        /// The `BPF_PROG_LOAD` error.
        #[source]
        source: io::Error,
        /// The last lines of the verifier's log (the whole log can be
        /// megabytes).
        log_tail: String,
    },
    /// The committed probe object lacks a program or map the engine needs.
    #[error("eBPF probe object has no {kind} named {name}")]
    Missing {
        /// `"program"` or `"map"`.
        kind: &'static str,
        /// Its name.
        name: &'static str,
    },
    /// Dropping privileges after the attach failed at `step`
    /// ([`LiveCapture::drop_privileges`](super::LiveCapture::drop_privileges)).
    #[error("cannot drop privileges: {step} failed: {source}")]
    Privileges {
        /// The step, e.g. `"set the capabilities"`.
        step: &'static str,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// Privileges were dropped in the calling thread, but other threads of
    /// the process still hold capabilities (capabilities belong to threads):
    /// the drop must happen before the program starts other threads.
    #[error(
        "cannot drop privileges: {threads} other threads of this process keep their capabilities; \
         drop them before starting threads, or turn the drop off"
    )]
    PrivilegedThreads {
        /// How many other threads hold more than the kept capabilities.
        threads: usize,
    },
    /// Waiting on the ring buffer failed.
    #[error("polling the ring buffer failed: {source}")]
    Poll {
        /// The underlying error.
        #[source]
        source: io::Error,
    },
}

impl LiveError {
    /// Whether this machine or process cannot capture live at all (no
    /// privilege, no BTF, too old a kernel), as opposed to a fault of the
    /// probe or the ring: a caller can answer it by replaying a capture file
    /// instead, and tests skip on it.
    pub fn is_unsupported_here(&self) -> bool {
        matches!(
            self,
            LiveError::AccessDenied { .. }
                | LiveError::NoBtf { .. }
                | LiveError::KernelTooOld { .. }
        )
    }
}
