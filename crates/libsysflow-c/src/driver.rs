//! `sf_driver`: a [`SysFlowDriver`] behind an opaque pointer, and the
//! bridge from its Rust callback to the C one.

use std::ffi::c_void;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use libsysflow::{Callback, CallbackRecord, ExitHandle, SysFlowDriver};

use crate::config::sf_config;
use crate::error::{Failure, SF_ERROR_CALLBACK, guard, guard_ptr};
use crate::record::{Scratch, View, sf_container, sf_file, sf_header, sf_process, sf_record};

/// The C callback with its user pointer.
#[derive(Clone, Copy)]
pub(crate) struct CallbackFn {
    pub(crate) f: unsafe extern "C" fn(
        *mut c_void,
        *const sf_header,
        *const sf_container,
        *const sf_process,
        *const sf_file,
        *const sf_file,
        *const sf_record,
    ) -> i32,
    pub(crate) user: *mut c_void,
}

// SAFETY: the pointer is only handed back to the callback, on the thread
// that runs the driver; `sf_config_set_callback`'s contract makes that the
// caller's promise.
unsafe impl Send for CallbackFn {}

/// A driver: made from a configuration, run once, then freed.
pub struct sf_driver {
    /// Outside the mutex, so that `sf_driver_exit` never waits: it is
    /// called from signal handlers while `sf_driver_run` holds the lock.
    exit: ExitHandle,
    driver: Mutex<SysFlowDriver>,
    /// Set when the callback asked to stop.
    stopped: Arc<AtomicBool>,
}

/// Makes a driver from `config` (which stays the caller's, and may be
/// freed at once): checks the configuration and the input and output
/// locations, so that a configuration that cannot run fails here. Null on
/// failure, with the reason in `sf_last_error_code` and
/// `sf_last_error_message`. Environment overrides are not applied here: see
/// `sf_config_apply_env`.
///
/// # Safety
/// `config` is null or a live configuration.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_driver_new(config: *const sf_config) -> *mut sf_driver {
    guard_ptr(|| {
        // SAFETY: null or live, per the contract.
        let c = unsafe { config.as_ref() }
            .ok_or_else(|| Failure::invalid("the configuration is a null pointer"))?;
        let mut rust_config = c.config.clone();
        let stopped = Arc::new(AtomicBool::new(false));
        // The exit handle exists only once the driver does; the callback
        // reads it through this slot.
        let exit_slot: Arc<Mutex<Option<ExitHandle>>> = Arc::default();
        if let Some(callback) = c.callback {
            let stopped = Arc::clone(&stopped);
            let exit_slot = Arc::clone(&exit_slot);
            let mut scratch = Scratch::default();
            rust_config.callback = Some(Callback::new(move |r: &CallbackRecord<'_>| {
                if stopped.load(Ordering::Relaxed) {
                    return;
                }
                if deliver(callback, r, &mut scratch) != 0 {
                    stopped.store(true, Ordering::Relaxed);
                    let slot = exit_slot.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(exit) = slot.as_ref() {
                        exit.exit_now();
                    }
                }
            }));
        }
        let driver = SysFlowDriver::new(rust_config).map_err(Failure::from)?;
        let exit = driver.exit_handle();
        *exit_slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(exit.clone());
        Ok(Box::into_raw(Box::new(sf_driver {
            exit,
            driver: Mutex::new(driver),
            stopped,
        })))
    })
}

/// Calls the C callback with the C view of `r`; what it returned, or 0 for
/// a record callbacks never receive.
fn deliver(callback: CallbackFn, r: &CallbackRecord<'_>, scratch: &mut Scratch) -> i32 {
    let Some(mut view) = View::of(r, scratch) else {
        return 0;
    };
    view.link();
    // SAFETY: every pointer is to a live value of this frame (or null), as
    // the callback's contract states; the function and user pointer are
    // the caller's (sf_config_set_callback).
    unsafe {
        (callback.f)(
            callback.user,
            &view.header,
            opt(&view.container),
            opt(&view.process),
            opt(&view.file),
            opt(&view.new_file),
            &view.record,
        )
    }
}

/// A pointer to the value, or null.
fn opt<T>(v: &Option<T>) -> *const T {
    v.as_ref().map_or(std::ptr::null(), |v| v as *const T)
}

fn driver_ref<'a>(driver: *mut sf_driver) -> Result<&'a sf_driver, Failure> {
    // SAFETY: null or a live driver, per the callers' contracts.
    unsafe { driver.as_ref() }.ok_or_else(|| Failure::invalid("the driver is a null pointer"))
}

/// Runs until the input ends or [`sf_driver_exit`] is called: every record
/// goes to the configured outputs, open flows are written at the end, and
/// the outputs are closed. [`SF_OK`](crate::SF_OK) or
/// [`SF_FAILED`](crate::SF_FAILED); a damaged capture still leaves a valid
/// file with every record before the damage. A driver runs once.
///
/// # Safety
/// `driver` is null or a live driver.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_driver_run(driver: *mut sf_driver) -> i32 {
    guard(|| {
        let d = driver_ref(driver)?;
        let mut inner = d.driver.try_lock().map_err(|e| match e {
            std::sync::TryLockError::WouldBlock => {
                Failure::invalid("the driver is already running on another thread")
            }
            std::sync::TryLockError::Poisoned(_) => Failure::invalid(
                "the driver failed with an internal error before; free it and make a new one",
            ),
        })?;
        // Set by an earlier run: this one then fails as a second run does.
        let stopped_before = d.stopped.load(Ordering::Relaxed);
        let result = inner.run();
        if !stopped_before && d.stopped.load(Ordering::Relaxed) {
            return Err(Failure {
                code: SF_ERROR_CALLBACK,
                message: "the callback returned non-zero: the run stopped there, and its outputs were closed".into(),
            });
        }
        result.map_err(Failure::from)
    })
}

/// Asks a running driver to stop; it notices at its next event, writes its
/// open flows and closes its outputs, and `sf_driver_run` returns. Only
/// stores to atomics: safe from a signal handler and from any thread. Null
/// is ignored.
///
/// # Safety
/// `driver` is null or a live driver (not being freed meanwhile).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_driver_exit(driver: *mut sf_driver) {
    // SAFETY: null or live, per the contract. No allocation, lock or
    // unwinding here: this runs in signal handlers.
    if let Some(d) = unsafe { driver.as_ref() } {
        d.exit.exit();
    }
}

/// Frees a driver that is not running; null is ignored.
///
/// # Safety
/// `driver` is null or a pointer from [`sf_driver_new`], not yet freed, not
/// running, and not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sf_driver_free(driver: *mut sf_driver) {
    if !driver.is_null() {
        // SAFETY: per the contract, the pointer came from Box::into_raw.
        drop(unsafe { Box::from_raw(driver) });
    }
}
