//! The `libscap` engine (feature `libscap`): events read through Falco's own
//! capture library, Debian 12's libscap 0.1.1dev+git20220316, via
//! `falco-sys`.
//!
//! [`LibscapCapture::open_file`] reads a scap capture file with libscap;
//! [`LibscapCapture::open_live`] captures through Falco's kernel module,
//! after checking that one is loaded ([`check_kmod`]). Either way libscap
//! hands out each event as the bytes of its header, parameter lengths and
//! values, which are decoded by the same code as the events of our own
//! reader, so both give the same [`Event`]s: event ids are never translated
//! (libscap's own 2022 event table is not used), and [`Event::params`]
//! decodes them with our tables.
//!
//! Differences that come from libscap itself:
//! - reading a file, it silently skips events whose id is at or above its
//!   table's end ([`LIBSCAP_EVENT_MAX`], 336), so newer events never
//!   arrive; the engine notices the gap in the file offsets, logs it and
//!   counts the bytes ([`LibscapCapture::skipped_bytes`]);
//! - [`Event::index`] counts the events libscap delivered;
//! - [`Event::dump_flags`] is `Some` only when libscap reports non-zero
//!   flags (it reports 0 for plain event blocks);
//! - metadata blocks (processes, fds, users, interfaces) stay inside
//!   libscap: the engine yields events only;
//! - a metadata block after the events stops libscap ("unexpected block"),
//!   where [`ScapReader`](crate::ScapReader) reads on; a concatenated
//!   capture's section header restarts it, as in libsinsp.
//!
//! And one of this engine: captures with version-1 event blocks (written
//! before 2018) are refused with an error at their first event. libscap
//! converts such events in place, lengthening them past their block, and
//! nothing it reports tells them apart from a corrupt length, which the
//! engine must not read past; [`ScapReader`](crate::ScapReader) reads them.

mod error;
mod ffi;

use std::ffi::CString;
use std::fs;
use std::path::Path;

use crate::error::CaptureError;
use crate::event::Event;
use crate::source::EventSource;

pub use error::LibscapError;

use ffi::{Handle, Raw};

/// One past the highest event id this libscap knows
/// ([`falco_sys::PPM_EVENT_MAX`]): reading a file, it skips events with
/// higher ids.
pub const LIBSCAP_EVENT_MAX: u16 = falco_sys::PPM_EVENT_MAX;

/// The kernel modules libscap's devices may come from: this libscap's own
/// driver build (`scap`) and Falco's (`falco`, the one the reference checks).
pub const KMOD_NAMES: [&str; 2] = ["scap", "falco"];

/// What [`check_kmod`] tells users to do.
const KMOD_HINT: &str = "load the kernel module of the driver release that matches libscap \
    0.1.1dev+git20220316 (devices /dev/scap0, ...; e.g. with falco-driver-loader or modprobe), \
    or use the `ebpf` engine";

/// The device this libscap build opens for CPU 0 (`DRIVER_DEVICE_NAME`),
/// under `HOST_ROOT` when that is set, as libscap does.
pub fn kmod_device() -> std::path::PathBuf {
    let name = String::from_utf8_lossy(falco_sys::DRIVER_DEVICE_NAME);
    let name = name.trim_end_matches('\0');
    let root = std::env::var_os("HOST_ROOT").unwrap_or_default();
    let mut path = std::path::PathBuf::from(root);
    path.push(format!("dev/{name}0"));
    if !path.has_root() {
        path = Path::new("/").join(path);
    }
    path
}

/// The reference's kernel-module check, extended to what this libscap
/// needs: a module named in [`KMOD_NAMES`] listed in `/proc/modules`
/// (`modules`, `None` when it could not be read: then, like the reference,
/// no module check), and the device [`kmod_device`] present. Failures are
/// [`LibscapError::ProbeNotLoaded`].
pub fn check_kmod_with(modules: Option<&str>, device: &Path) -> Result<(), LibscapError> {
    if let Some(text) = modules {
        let loaded: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|name| KMOD_NAMES.contains(name))
            .collect();
        if loaded.is_empty() {
            return Err(LibscapError::ProbeNotLoaded {
                reason: format!(
                    "neither kernel module `{}` nor `{}` is listed in /proc/modules",
                    KMOD_NAMES[0], KMOD_NAMES[1]
                ),
                hint: KMOD_HINT,
            });
        }
        if !device.exists() {
            return Err(LibscapError::ProbeNotLoaded {
                reason: format!(
                    "kernel module `{}` is loaded but {} does not exist (this libscap opens \
                     /dev/{}N only)",
                    loaded.join("`, `"),
                    device.display(),
                    String::from_utf8_lossy(falco_sys::DRIVER_DEVICE_NAME).trim_end_matches('\0')
                ),
                hint: KMOD_HINT,
            });
        }
    } else if !device.exists() {
        return Err(LibscapError::ProbeNotLoaded {
            reason: format!("{} does not exist", device.display()),
            hint: KMOD_HINT,
        });
    }
    Ok(())
}

/// [`check_kmod_with`] on this machine's `/proc/modules` and device.
pub fn check_kmod() -> Result<(), LibscapError> {
    let modules = fs::read_to_string("/proc/modules").ok();
    check_kmod_with(modules.as_deref(), &kmod_device())
}

/// What [`LibscapCapture::next_into`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LibscapNext {
    /// An event, now in the caller's [`Event`].
    Event,
    /// Live only: nothing arrived within libscap's timeout.
    Timeout,
    /// The end of the capture file.
    End,
}

/// A capture read through libscap: a file, or live through the kernel
/// module. Implements [`EventSource`].
#[derive(Debug)]
pub struct LibscapCapture {
    handle: Handle,
    live: bool,
    events: u64,
    skipped_bytes: u64,
    done: bool,
}

impl LibscapCapture {
    /// Opens a capture file (plain or gzip) with libscap, which reads its
    /// metadata blocks at once.
    pub fn open_file(path: impl AsRef<Path>) -> Result<LibscapCapture, LibscapError> {
        let path = path.as_ref();
        let c_path = CString::new(path.as_os_str().as_encoded_bytes()).map_err(|_| {
            LibscapError::BadPath {
                path: path.to_path_buf(),
            }
        })?;
        let handle = Handle::open_offline(&c_path)
            .map_err(|(rc, message)| LibscapError::from_libscap(rc, message))?;
        Ok(LibscapCapture::new(handle, false))
    }

    /// Starts live capture through the kernel module: [`check_kmod`] first,
    /// then libscap opens every CPU's device and scans `/proc`. Refuses
    /// when libscap would load its classic eBPF probe instead
    /// ([`LibscapError::ClassicBpf`]).
    pub fn open_live() -> Result<LibscapCapture, LibscapError> {
        if std::env::var_os(falco_sys::BPF_PROBE_ENV_VAR).is_some() {
            return Err(LibscapError::ClassicBpf {
                var: falco_sys::BPF_PROBE_ENV_VAR,
            });
        }
        check_kmod()?;
        let handle =
            Handle::open_live().map_err(|(rc, message)| LibscapError::from_libscap(rc, message))?;
        tracing::info!("libscap: live capture through {}", kmod_device().display());
        Ok(LibscapCapture::new(handle, true))
    }

    fn new(handle: Handle, live: bool) -> LibscapCapture {
        LibscapCapture {
            handle,
            live,
            events: 0,
            skipped_bytes: 0,
            done: false,
        }
    }

    /// Number of events delivered so far.
    pub fn events_read(&self) -> u64 {
        self.events
    }

    /// Bytes of a capture file that libscap read past without delivering an
    /// event: events with ids it does not know (see the module docs).
    pub fn skipped_bytes(&self) -> u64 {
        self.skipped_bytes
    }

    /// Reads the next event into `ev`, reusing its buffers. A live capture
    /// may return [`LibscapNext::Timeout`]; a file ends with
    /// [`LibscapNext::End`]. After an error or the end, further calls
    /// return [`LibscapNext::End`].
    pub fn next_into(&mut self, ev: &mut Event) -> Result<LibscapNext, CaptureError> {
        loop {
            if self.done {
                return Ok(LibscapNext::End);
            }
            match self.handle.next() {
                Raw::Event {
                    bytes,
                    cpu,
                    dump_flags,
                    span,
                } => {
                    let flags = (dump_flags != 0).then_some(dump_flags);
                    // The event's block ends where libscap stopped reading;
                    // anything between the start and the block was skipped.
                    let offset = match span {
                        Some((start, end)) => {
                            let offset =
                                end.saturating_sub(block_len(bytes.len(), flags.is_some()));
                            if offset > start {
                                let gap = offset - start;
                                self.skipped_bytes += gap;
                                tracing::warn!(
                                    "libscap skipped {gap} bytes before offset {offset} \
                                     (events with ids past its table)"
                                );
                            }
                            offset
                        }
                        None => 0,
                    };
                    return match ev.decode_from(bytes, false, offset, cpu, flags) {
                        Ok(()) => {
                            self.events += 1;
                            ev.index = self.events;
                            Ok(LibscapNext::Event)
                        }
                        Err(e) => {
                            self.done = true;
                            Err(e)
                        }
                    };
                }
                Raw::Timeout => return Ok(LibscapNext::Timeout),
                Raw::Eof => {
                    self.done = true;
                    return Ok(LibscapNext::End);
                }
                Raw::UnexpectedBlock if !self.live => {
                    // A concatenated capture's section header: start over
                    // from it, as libsinsp does.
                    tracing::debug!("libscap: restarting at a new section");
                    if let Err(message) = self.handle.restart() {
                        self.done = true;
                        return Err(LibscapError::Libs {
                            rc: falco_sys::SCAP_UNEXPECTED_BLOCK as i32,
                            message,
                        }
                        .into());
                    }
                }
                Raw::UnexpectedBlock => {
                    self.done = true;
                    return Err(LibscapError::Libs {
                        rc: falco_sys::SCAP_UNEXPECTED_BLOCK as i32,
                        message: "unexpected block in a live capture".to_owned(),
                    }
                    .into());
                }
                Raw::Failure { rc, message } => {
                    self.done = true;
                    return Err(LibscapError::from_libscap(rc, message).into());
                }
            }
        }
    }

    /// Reads the next event into `ev`, waiting through live timeouts;
    /// `Ok(false)` at the end. Same contract as
    /// [`ScapReader::read_event`](crate::ScapReader::read_event). A live
    /// capture has no end, so this blocks until an event arrives; a live
    /// loop that must stop calls [`LibscapCapture::next_into`] and checks
    /// its own flag at each [`LibscapNext::Timeout`].
    pub fn read_event(&mut self, ev: &mut Event) -> Result<bool, CaptureError> {
        loop {
            match self.next_into(ev)? {
                LibscapNext::Event => return Ok(true),
                LibscapNext::Timeout => {}
                LibscapNext::End => return Ok(false),
            }
        }
    }
}

/// Length of the file block that held an event of `event_len` bytes: block
/// header (8), cpu id (2), dump flags (4, `EVF` blocks), the event, padding
/// to 4 bytes, trailer (4).
fn block_len(event_len: usize, flagged: bool) -> u64 {
    let body = 2 + if flagged { 4 } else { 0 } + event_len as u64;
    8 + body.div_ceil(4) * 4 + 4
}

impl EventSource for LibscapCapture {
    fn next_event(&mut self) -> Result<Option<Event>, CaptureError> {
        let mut ev = Event::default();
        Ok(self.read_event(&mut ev)?.then_some(ev))
    }
}

#[cfg(test)]
mod tests;
