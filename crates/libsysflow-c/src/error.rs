//! The C API's error reporting: every fallible function returns [`SF_OK`]
//! or [`SF_FAILED`], and the calling thread's last error (a code and a
//! message) says why, in the manner of `errno` and libgit2's
//! `git_error_last`. Also the guard that keeps panics from crossing into C.

use std::cell::RefCell;
use std::ffi::{CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

use libsysflow::{ErrorCode, SysFlowError};

/// A function succeeded.
pub const SF_OK: i32 = 0;
/// A function failed: [`sf_last_error_code`] and [`sf_last_error_message`]
/// say why.
pub const SF_FAILED: i32 = -1;

// The reference's codes (its `sfexception::SysFlowError` order), then ours.
/// A failure of the capture library (the reference's catch-all).
pub const SF_ERROR_LIBS: i32 = 0;
/// The driver or probe cannot be accessed (permissions).
pub const SF_ERROR_PROBE_ACCESS_DENIED: i32 = 1;
/// The eBPF probe file does not exist.
pub const SF_ERROR_PROBE_NOT_EXIST: i32 = 2;
/// Reading or writing the file system failed.
pub const SF_ERROR_READING_FILE_SYSTEM: i32 = 3;
/// A name is too long (a socket path).
pub const SF_ERROR_NAME_TOO_LONG: i32 = 4;
/// The probe check failed otherwise.
pub const SF_ERROR_PROBE_CHECK: i32 = 5;
/// The kernel module is not loaded.
pub const SF_ERROR_PROBE_NOT_LOADED: i32 = 6;
/// The driver's API version does not match the library's.
pub const SF_ERROR_DRIVER_LIBS_MISMATCH: i32 = 7;
/// The event stream could not be parsed.
pub const SF_ERROR_EVENT_PARSING: i32 = 8;
/// A `/proc` resource was not found.
pub const SF_ERROR_PROC_RESOURCE_NOT_FOUND: i32 = 9;
/// The requested operation or configuration is not supported.
pub const SF_ERROR_OPERATION_NOT_SUPPORTED: i32 = 10;
/// An output failed, or could not deliver every record, while the run went
/// on to its end; the other outputs are complete.
pub const SF_ERROR_OUTPUT_INCOMPLETE: i32 = 11;
/// Not a run's failure but the API's misuse: a null pointer, an unknown
/// configuration key or enum value, a string that is not UTF-8.
pub const SF_ERROR_INVALID_ARGUMENT: i32 = 100;
/// The callback returned non-zero: the run stopped there, and its outputs
/// were closed cleanly.
pub const SF_ERROR_CALLBACK: i32 = 101;
/// A bug in the library: it panicked. The panic was stopped at the API's
/// boundary; the object it happened in should be freed, not used again.
pub const SF_ERROR_INTERNAL: i32 = 102;

/// An error on its way to the C caller.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) code: i32,
    pub(crate) message: String,
}

impl Failure {
    /// Bad input through the API.
    pub(crate) fn invalid(message: impl Into<String>) -> Failure {
        Failure {
            code: SF_ERROR_INVALID_ARGUMENT,
            message: message.into(),
        }
    }
}

impl From<SysFlowError> for Failure {
    fn from(e: SysFlowError) -> Failure {
        // The whole chain: the top error alone often lacks the OS's reason.
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        Failure {
            code: code_of(e.code()),
            message,
        }
    }
}

/// The C value of a facade code.
pub(crate) fn code_of(code: ErrorCode) -> i32 {
    code.value()
}

struct LastError {
    code: i32,
    message: CString,
}

thread_local! {
    static LAST_ERROR: RefCell<LastError> = RefCell::new(LastError {
        code: SF_ERROR_LIBS,
        message: CString::default(),
    });
}

/// Records `failure` as this thread's last error.
pub(crate) fn set_last_error(failure: Failure) {
    // A message with a NUL (from a path, say) is cut there rather than lost.
    let bytes: Vec<u8> = failure.message.into_bytes();
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let message = CString::new(&bytes[..end]).unwrap_or_default();
    LAST_ERROR.with(|last| {
        *last.borrow_mut() = LastError {
            code: failure.code,
            message,
        }
    });
}

/// Runs an API function's body: its error becomes the thread's last error
/// and [`SF_FAILED`], and a panic (a bug of ours) is stopped here, since
/// unwinding into C is undefined behaviour.
pub(crate) fn guard(f: impl FnOnce() -> Result<(), Failure>) -> i32 {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => SF_OK,
        Ok(Err(failure)) => {
            set_last_error(failure);
            SF_FAILED
        }
        Err(panic) => {
            set_last_error(panicked(panic));
            SF_FAILED
        }
    }
}

/// [`guard`] for functions that return a pointer: null on failure.
pub(crate) fn guard_ptr<T>(f: impl FnOnce() -> Result<*mut T, Failure>) -> *mut T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(ptr)) => ptr,
        Ok(Err(failure)) => {
            set_last_error(failure);
            std::ptr::null_mut()
        }
        Err(panic) => {
            set_last_error(panicked(panic));
            std::ptr::null_mut()
        }
    }
}

fn panicked(panic: Box<dyn std::any::Any + Send>) -> Failure {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    Failure {
        code: SF_ERROR_INTERNAL,
        message: format!("internal error (please report it): {what}"),
    }
}

/// The code of this thread's last failure: one of the `SF_ERROR_*` values.
/// Meaningful only right after a function returned [`SF_FAILED`] (or a
/// null pointer); successful calls leave it as it was.
#[unsafe(no_mangle)]
pub extern "C" fn sf_last_error_code() -> i32 {
    LAST_ERROR.with(|last| last.borrow().code)
}

/// The message of this thread's last failure, in English, NUL-terminated
/// and never null; empty before any failure. Valid until the thread's next
/// failing call: copy it to keep it.
#[unsafe(no_mangle)]
pub extern "C" fn sf_last_error_message() -> *const c_char {
    LAST_ERROR.with(|last| last.borrow().message.as_ptr())
}

/// The name of an `SF_ERROR_*` code as a static NUL-terminated string
/// (`"EventParsingError"`, `"InvalidArgument"`), or `"Unknown"`.
#[unsafe(no_mangle)]
pub extern "C" fn sf_error_name(code: i32) -> *const c_char {
    let name: &'static [u8] = match code {
        SF_ERROR_INVALID_ARGUMENT => b"InvalidArgument\0",
        SF_ERROR_CALLBACK => b"CallbackFailed\0",
        SF_ERROR_INTERNAL => b"InternalError\0",
        _ => match ErrorCode::ALL.iter().find(|c| c.value() == code) {
            Some(ErrorCode::LibsError) => b"LibsError\0",
            Some(ErrorCode::ProbeAccessDenied) => b"ProbeAccessDenied\0",
            Some(ErrorCode::ProbeNotExist) => b"ProbeNotExist\0",
            Some(ErrorCode::ErrorReadingFileSystem) => b"ErrorReadingFileSystem\0",
            Some(ErrorCode::NameTooLong) => b"NameTooLong\0",
            Some(ErrorCode::ProbeCheckError) => b"ProbeCheckError\0",
            Some(ErrorCode::ProbeNotLoaded) => b"ProbeNotLoaded\0",
            Some(ErrorCode::DriverLibsMismatch) => b"DriverLibsMismatch\0",
            Some(ErrorCode::EventParsingError) => b"EventParsingError\0",
            Some(ErrorCode::ProcResourceNotFound) => b"ProcResourceNotFound\0",
            Some(ErrorCode::OperationNotSupported) => b"OperationNotSupported\0",
            Some(ErrorCode::OutputIncomplete) => b"OutputIncomplete\0",
            None => b"Unknown\0",
        },
    };
    name.as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_facades() {
        let ours = [
            SF_ERROR_LIBS,
            SF_ERROR_PROBE_ACCESS_DENIED,
            SF_ERROR_PROBE_NOT_EXIST,
            SF_ERROR_READING_FILE_SYSTEM,
            SF_ERROR_NAME_TOO_LONG,
            SF_ERROR_PROBE_CHECK,
            SF_ERROR_PROBE_NOT_LOADED,
            SF_ERROR_DRIVER_LIBS_MISMATCH,
            SF_ERROR_EVENT_PARSING,
            SF_ERROR_PROC_RESOURCE_NOT_FOUND,
            SF_ERROR_OPERATION_NOT_SUPPORTED,
            SF_ERROR_OUTPUT_INCOMPLETE,
        ];
        for (c, code) in ErrorCode::ALL.iter().zip(ours) {
            assert_eq!(c.value(), code, "{c}");
            // SAFETY: sf_error_name returns a static NUL-terminated string.
            let name = unsafe { std::ffi::CStr::from_ptr(sf_error_name(code)) };
            assert_eq!(name.to_str().ok(), Some(c.name()));
        }
        assert_eq!(ours.len(), ErrorCode::ALL.len());
    }

    #[test]
    fn a_panic_becomes_an_internal_error() {
        assert_eq!(guard(|| panic!("boom")), SF_FAILED);
        assert_eq!(sf_last_error_code(), SF_ERROR_INTERNAL);
        // SAFETY: the message is NUL-terminated and lives until the next failure.
        let message = unsafe { std::ffi::CStr::from_ptr(sf_last_error_message()) };
        assert!(message.to_string_lossy().contains("boom"));
    }
}
