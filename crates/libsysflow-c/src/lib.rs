#![doc = include_str!("../README.md")]
//!
//! # The C API in brief
//!
//! - Every fallible function returns [`SF_OK`] or [`SF_FAILED`] (or a null
//!   pointer); [`sf_last_error_code`] and [`sf_last_error_message`] then
//!   say why, for the calling thread.
//! - [`sf_config_new`] gives the reference's defaults; `sf_config_set_*`
//!   and `sf_config_get_*` read and write fields by `SF_CONFIG_*` key;
//!   [`sf_config_set_callback`] sets the record callback and its user
//!   pointer.
//! - [`sf_driver_new`], [`sf_driver_run`], [`sf_driver_exit`] (safe in a
//!   signal handler), [`sf_driver_free`]; [`sf_version`].
//! - No panic crosses into C: one would be a bug, and is reported as
//!   [`SF_ERROR_INTERNAL`].
#![allow(non_camel_case_types)]

mod config;
mod driver;
mod error;
mod record;

use std::ffi::{CString, c_char};
use std::sync::OnceLock;

pub use config::*;
pub use driver::{sf_driver, sf_driver_exit, sf_driver_free, sf_driver_new, sf_driver_run};
pub use error::*;
pub use record::*;

/// libsysflow's version as a NUL-terminated string, e.g. `0.1.0`; valid for
/// the life of the program.
#[unsafe(no_mangle)]
pub extern "C" fn sf_version() -> *const c_char {
    static VERSION: OnceLock<CString> = OnceLock::new();
    VERSION
        .get_or_init(|| CString::new(libsysflow::VERSION).unwrap_or_default())
        .as_ptr()
}
