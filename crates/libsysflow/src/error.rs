//! [`SysFlowError`], the facade's one error, and the reference's [`ErrorCode`]s.

use std::fmt;
use std::io;
use std::path::PathBuf;

use sysflow_capture::{CaptureError, LiveError};
use sysflow_export::ExportError;

use crate::driver::OutputKind;

/// The reference collector's error codes (`SysFlowException::getErrorCode`),
/// in the reference's order, so that [`ErrorCode::value`] matches its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    /// A failure of the capture library (the reference's catch-all).
    LibsError,
    /// The driver or probe cannot be accessed (permissions).
    ProbeAccessDenied,
    /// The eBPF probe file does not exist.
    ProbeNotExist,
    /// Reading or writing the file system failed.
    ErrorReadingFileSystem,
    /// A name is too long (unused by the reference).
    NameTooLong,
    /// The probe check failed otherwise.
    ProbeCheckError,
    /// The kernel module is not loaded.
    ProbeNotLoaded,
    /// The driver's API version does not match the library's.
    DriverLibsMismatch,
    /// The event stream could not be parsed.
    EventParsingError,
    /// A `/proc` resource was not found.
    ProcResourceNotFound,
    /// The requested operation or configuration is not supported.
    OperationNotSupported,
    /// Not the reference's: an output failed, or could not deliver every
    /// record, while the run went on to its end; the other outputs are
    /// complete ([`SysFlowError::OutputFailed`],
    /// [`SysFlowError::Undelivered`]). The reference stops at the first
    /// output error.
    OutputIncomplete,
}

impl ErrorCode {
    /// Every code, in the reference's order, then ours.
    pub const ALL: [ErrorCode; 12] = [
        ErrorCode::LibsError,
        ErrorCode::ProbeAccessDenied,
        ErrorCode::ProbeNotExist,
        ErrorCode::ErrorReadingFileSystem,
        ErrorCode::NameTooLong,
        ErrorCode::ProbeCheckError,
        ErrorCode::ProbeNotLoaded,
        ErrorCode::DriverLibsMismatch,
        ErrorCode::EventParsingError,
        ErrorCode::ProcResourceNotFound,
        ErrorCode::OperationNotSupported,
        ErrorCode::OutputIncomplete,
    ];

    /// The reference's numeric value (its enum ordinal); ours follow its.
    pub const fn value(self) -> i32 {
        self as i32
    }

    /// The reference's name, e.g. `EventParsingError`.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorCode::LibsError => "LibsError",
            ErrorCode::ProbeAccessDenied => "ProbeAccessDenied",
            ErrorCode::ProbeNotExist => "ProbeNotExist",
            ErrorCode::ErrorReadingFileSystem => "ErrorReadingFileSystem",
            ErrorCode::NameTooLong => "NameTooLong",
            ErrorCode::ProbeCheckError => "ProbeCheckError",
            ErrorCode::ProbeNotLoaded => "ProbeNotLoaded",
            ErrorCode::DriverLibsMismatch => "DriverLibsMismatch",
            ErrorCode::EventParsingError => "EventParsingError",
            ErrorCode::ProcResourceNotFound => "ProcResourceNotFound",
            ErrorCode::OperationNotSupported => "OperationNotSupported",
            ErrorCode::OutputIncomplete => "OutputIncomplete",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why collection could not start or did not complete.
///
/// [`code`](SysFlowError::code) gives the reference's [`ErrorCode`]; the
/// [`source`](std::error::Error::source) chain holds the underlying error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SysFlowError {
    /// The `falco_filter` expression does not compile: its position and
    /// what was expected are in the [`FilterError`](sysflow_filter::FilterError),
    /// whose message draws the expression with a caret under the fault.
    /// The reference reports libsinsp's filter exceptions as
    /// [`ErrorCode::LibsError`].
    #[error("bad falco_filter: {0}")]
    Filter(#[from] sysflow_filter::FilterError),
    /// [`print_events`](crate::print_events) could not write its lines (a
    /// closed pipe, a full disk).
    #[error("cannot write the events")]
    PrintOutput(#[source] io::Error),
    /// A capability this version does not have yet.
    #[error("{feature} is not supported yet: {hint}")]
    Unsupported {
        /// What was asked for.
        feature: &'static str,
        /// What to do instead.
        hint: &'static str,
    },
    /// A configuration that cannot run.
    #[error("invalid configuration: {field}: {problem}")]
    Config {
        /// The [`SysFlowConfig`](crate::SysFlowConfig) field at fault.
        field: &'static str,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// The directory the output goes to does not exist or is not a directory.
    #[error("output directory {} is not usable", path.display())]
    OutputDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The output file's path is a directory: a directory output ends in
    /// `/` ([`file_path`](crate::SysFlowConfig::file_path)).
    #[error("output {0} is a directory: end it with '/' ({0}/) to write files into it", path.display())]
    OutputIsDirectory {
        /// The configured output.
        path: PathBuf,
    },
    /// The capture file could not be opened.
    #[error("cannot open capture {}", path.display())]
    OpenCapture {
        /// The capture file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// Reading the capture failed; every record derived from the events
    /// before `offset` was written and the output file closed.
    #[error("capture {} is unreadable{}", path.display(), AtOffset(*offset))]
    Capture {
        /// The capture file.
        path: PathBuf,
        /// Byte offset of the damage in the (decompressed) capture, when known.
        offset: Option<u64>,
        /// The reader's error.
        #[source]
        source: CaptureError,
    },
    /// Writing the output failed.
    #[error("cannot write the SysFlow output")]
    Export(#[from] ExportError),
    /// The saved live capture ([`scap_output_path`](crate::SysFlowConfig::scap_output_path))
    /// could not be created or written.
    #[error("cannot save the live capture to {} (scap_output_path; sysporter --scap-out){problem}", path.display())]
    ScapOutput {
        /// The scap file.
        path: PathBuf,
        /// What is in the way, when known (`": a symbolic link is there, …"`), else empty.
        problem: &'static str,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// Live capture through the eBPF probe could not start or failed.
    #[error(transparent)]
    Live(#[from] LiveError),
    /// One output failed and was closed while the others went on to the
    /// end of the run (a full disk under the saved scap, or under the `.sf`
    /// files); `source` is its error. Other outputs that failed later were
    /// logged.
    #[error("the {} output{} failed and was closed; the other outputs went on", kind_name(*kind), InPath(path.as_deref()))]
    OutputFailed {
        /// Which output.
        kind: OutputKind,
        /// Its file or socket, when it has one.
        path: Option<PathBuf>,
        /// Why it failed.
        #[source]
        source: Box<SysFlowError>,
    },
    /// A capture file was converted, but the socket could not deliver
    /// every record (no server, or one that went away or stalled):
    /// `dropped` of them were lost. Live capture keeps retrying instead.
    #[error("socket {}: {dropped} of {} records were not delivered", path.display(), dropped + sent)]
    Undelivered {
        /// The socket.
        path: PathBuf,
        /// Records dropped (headers excluded: the sink makes those).
        dropped: u64,
        /// Records sent (headers included).
        sent: u64,
    },
}

impl SysFlowError {
    /// The reference's code for this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            SysFlowError::Unsupported { .. } | SysFlowError::Config { .. } => {
                ErrorCode::OperationNotSupported
            }
            SysFlowError::Export(ExportError::SocketPathTooLong { .. }) => ErrorCode::NameTooLong,
            SysFlowError::OutputDir { .. }
            | SysFlowError::OutputIsDirectory { .. }
            | SysFlowError::OpenCapture { .. }
            | SysFlowError::ScapOutput { .. }
            | SysFlowError::Export(_) => ErrorCode::ErrorReadingFileSystem,
            SysFlowError::Capture { source, .. } => match source {
                CaptureError::Io { .. } | CaptureError::Write { .. } => {
                    ErrorCode::ErrorReadingFileSystem
                }
                CaptureError::Live(e) => live_code(e),
                #[cfg(feature = "libscap")]
                CaptureError::Libscap(e) => libscap_code(e),
                _ => ErrorCode::EventParsingError,
            },
            SysFlowError::Live(e) => live_code(e),
            SysFlowError::OutputFailed { .. } | SysFlowError::Undelivered { .. } => {
                ErrorCode::OutputIncomplete
            }
            SysFlowError::Filter(_) => ErrorCode::LibsError,
            SysFlowError::PrintOutput(_) => ErrorCode::ErrorReadingFileSystem,
        }
    }

    /// The byte offset in the input where reading failed, for capture errors.
    pub fn offset(&self) -> Option<u64> {
        match self {
            SysFlowError::Capture { offset, .. } => *offset,
            _ => None,
        }
    }

    /// The saved capture at `path` failed with `source`, with a hint for
    /// what the error says is in the way.
    pub(crate) fn scap_output(path: PathBuf, source: io::Error) -> SysFlowError {
        let problem = match source.raw_os_error() {
            Some(libc::ELOOP) => ": a symbolic link is there, which is never followed",
            Some(libc::EISDIR) => ": it is a directory; give a file name",
            _ => "",
        };
        SysFlowError::ScapOutput {
            path,
            problem,
            source,
        }
    }

    pub(crate) fn capture(path: PathBuf, source: CaptureError) -> SysFlowError {
        SysFlowError::Capture {
            offset: capture_offset(&source),
            path,
            source,
        }
    }
}

/// The reference's code for a live-capture error: the driver checks give
/// `ProbeAccessDenied` and `OperationNotSupported`, anything else is the
/// capture library's failure.
fn live_code(e: &LiveError) -> ErrorCode {
    match e {
        LiveError::AccessDenied { .. } => ErrorCode::ProbeAccessDenied,
        LiveError::NoBtf { .. }
        | LiveError::KernelTooOld { .. }
        | LiveError::PrivilegedThreads { .. } => ErrorCode::OperationNotSupported,
        _ => ErrorCode::LibsError,
    }
}

/// The reference's code for a libscap engine error: the kernel-module
/// check gives `ProbeNotLoaded`; libscap's messages were sorted by the
/// reference's substring rules.
#[cfg(feature = "libscap")]
fn libscap_code(e: &sysflow_capture::LibscapError) -> ErrorCode {
    use sysflow_capture::LibscapError as L;
    match e {
        L::ProbeNotLoaded { .. } => ErrorCode::ProbeNotLoaded,
        L::ProbeAccessDenied { .. } => ErrorCode::ProbeAccessDenied,
        L::DriverLibsMismatch { .. } => ErrorCode::DriverLibsMismatch,
        L::ClassicBpf { .. } => ErrorCode::OperationNotSupported,
        L::BadPath { .. } => ErrorCode::ErrorReadingFileSystem,
        _ => ErrorCode::LibsError,
    }
}

/// Where in the capture a reader error happened, when the error says.
fn capture_offset(e: &CaptureError) -> Option<u64> {
    match e {
        CaptureError::Io { offset, .. }
        | CaptureError::Truncated { offset, .. }
        | CaptureError::NotScap { offset, .. }
        | CaptureError::ByteSwapped { offset }
        | CaptureError::BadMagic { offset, .. }
        | CaptureError::UnsupportedVersion { offset, .. }
        | CaptureError::BadBlockLength { offset, .. }
        | CaptureError::TrailerMismatch { offset, .. }
        | CaptureError::BadEntry { offset, .. }
        | CaptureError::BadEvent { offset, .. }
        | CaptureError::Write { offset, .. } => Some(*offset),
        _ => None,
    }
}

/// An output's name in messages.
fn kind_name(kind: OutputKind) -> &'static str {
    match kind {
        OutputKind::File => "file",
        OutputKind::Socket => "socket",
        OutputKind::Callback => "callback",
        OutputKind::Scap => "saved capture",
    }
}

/// Formats ` PATH`, or nothing.
struct InPath<'a>(Option<&'a std::path::Path>);

impl fmt::Display for InPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(p) => write!(f, " {}", p.display()),
            None => Ok(()),
        }
    }
}

/// Formats ` at byte N`, or nothing when the offset is unknown.
struct AtOffset(Option<u64>);

impl fmt::Display for AtOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(offset) => write!(f, " at byte {offset}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_the_reference_order() {
        let values: Vec<i32> = ErrorCode::ALL.iter().map(|c| c.value()).collect();
        assert_eq!(values, (0..12).collect::<Vec<_>>());
        assert_eq!(ErrorCode::EventParsingError.value(), 8);
        assert_eq!(
            ErrorCode::OperationNotSupported.to_string(),
            "OperationNotSupported"
        );
    }

    #[test]
    fn a_truncated_capture_names_its_offset() {
        let err = SysFlowError::capture(
            "t.scap".into(),
            CaptureError::Truncated {
                offset: 4242,
                needed: 100,
                available: 3,
            },
        );
        assert_eq!(err.code(), ErrorCode::EventParsingError);
        assert_eq!(err.offset(), Some(4242));
        assert_eq!(err.to_string(), "capture t.scap is unreadable at byte 4242");
        let source = std::error::Error::source(&err).map(|s| s.to_string());
        assert!(source.is_some_and(|s| s.contains("4242")));
    }

    #[cfg(feature = "libscap")]
    #[test]
    fn libscap_errors_get_the_reference_codes() {
        use sysflow_capture::LibscapError;
        let code = |e: LibscapError| SysFlowError::capture("-".into(), e.into()).code();
        // This machine has no kernel module: the real check's error.
        if let Err(e) = sysflow_capture::check_kmod() {
            assert_eq!(code(e), ErrorCode::ProbeNotLoaded);
        }
        let denied = "error opening device /dev/scap0. Make sure you have root credentials \
                      and that the scap module is loaded.";
        let cases = [
            (denied, ErrorCode::ProbeAccessDenied),
            (
                "Driver supports API version 9.0.0, but running version needs 1.0.0",
                ErrorCode::DriverLibsMismatch,
            ),
            ("unexpected block type 513", ErrorCode::LibsError),
        ];
        for (message, want) in cases {
            let e = LibscapError::from_libscap(1, message.to_owned());
            assert_eq!(code(e), want, "{message}");
        }
    }

    #[test]
    fn privileges_left_in_other_threads_are_a_configuration_that_cannot_run() {
        let err = SysFlowError::Live(LiveError::PrivilegedThreads { threads: 2 });
        assert_eq!(err.code(), ErrorCode::OperationNotSupported);
        let err = SysFlowError::Live(LiveError::Privileges {
            step: "set the capabilities",
            source: io::Error::from_raw_os_error(1),
        });
        assert_eq!(err.code(), ErrorCode::LibsError);
    }

    #[test]
    fn io_errors_are_file_system_errors() {
        let err = SysFlowError::capture(
            "t.scap".into(),
            CaptureError::Io {
                offset: 0,
                source: io::Error::other("disk on fire"),
            },
        );
        assert_eq!(err.code(), ErrorCode::ErrorReadingFileSystem);
        let err = SysFlowError::Export(ExportError::Closed { path: "x".into() });
        assert_eq!(err.code(), ErrorCode::ErrorReadingFileSystem);
        let err = SysFlowError::Export(ExportError::Exists {
            path: "out.sf".into(),
            found: sysflow_export::ExistingOutput::SymbolicLink,
        });
        assert_eq!(err.code(), ErrorCode::ErrorReadingFileSystem);
        let err = SysFlowError::Export(ExportError::ForeignSocket {
            path: "/tmp/sf.sock".into(),
            server_uid: 1000,
            ours: 0,
        });
        assert_eq!(err.code(), ErrorCode::ErrorReadingFileSystem);
    }
}
