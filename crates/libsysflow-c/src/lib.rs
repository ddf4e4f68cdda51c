#![doc = include_str!("../README.md")]

use std::ffi::{CString, c_char};
use std::sync::OnceLock;

/// libsysflow's version as a NUL-terminated string, e.g. `0.1.0`; valid for
/// the life of the program.
#[unsafe(no_mangle)]
pub extern "C" fn sf_version() -> *const c_char {
    static VERSION: OnceLock<CString> = OnceLock::new();
    VERSION
        .get_or_init(|| CString::new(libsysflow::VERSION).unwrap_or_default())
        .as_ptr()
}
