//! The only code that calls libscap: a safe [`Handle`] over `scap_t*`.
//!
//! Every `unsafe` block of the `libscap` engine is here, each with the
//! reason it is sound. Callers get owned strings and event bytes borrowed
//! from the handle until its next call.

use std::ffi::{CStr, c_char};
use std::ptr::{self, NonNull};

use falco_sys as sys;

/// Size of `struct ppm_evt_hdr` (ts, tid, len, type, nparams; packed).
pub(crate) const EVENT_HEADER_LEN: usize = size_of::<sys::ppm_evt_hdr>();

/// Block overhead around an event in a capture file: block type and total
/// length (8), cpu id (2), and the trailing total length (4). `EVF` blocks
/// add 4 bytes of dump flags.
pub(crate) const BLOCK_OVERHEAD: u64 = 14;

/// What one `scap_next` call gave.
pub(crate) enum Raw<'h> {
    /// An event: its bytes (header, parameter lengths, values) as libscap
    /// holds them until the next call, the CPU it came from, and the dump
    /// flags of its block (0 for plain blocks and live captures).
    Event {
        /// The event, exactly `len` bytes of its header.
        bytes: &'h [u8],
        /// CPU id.
        cpu: u16,
        /// `scap_event_get_dump_flags`.
        dump_flags: u32,
        /// File offsets before and after the call (`None` live).
        span: Option<(u64, u64)>,
    },
    /// A live capture had nothing to read within its timeout.
    Timeout,
    /// The end of a capture file.
    Eof,
    /// A block that is not an event: a concatenated capture's section header
    /// (or a metadata block libscap does not accept after events).
    UnexpectedBlock,
    /// A failure, with libscap's code and message.
    Failure {
        /// The return code.
        rc: i32,
        /// `scap_getlasterr`.
        message: String,
    },
}

/// An open libscap capture, closed on drop.
pub(crate) struct Handle {
    ptr: NonNull<sys::scap_t>,
    /// Opened on a file (libscap has a reader to ask for positions).
    file: bool,
}

// SAFETY: a `scap_t` holds no thread-affine state (no thread-locals, no
// signal handlers); moving it to another thread is fine as long as one
// thread uses it at a time, which `&mut self` on every call guarantees.
unsafe impl Send for Handle {}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle").finish_non_exhaustive()
    }
}

/// Size of the error buffer the open calls write into.
const LASTERR: usize = sys::SCAP_LASTERR_SIZE as usize;

/// Text of a NUL-terminated buffer libscap filled (lossy UTF-8; an
/// unterminated buffer is read up to its end).
fn buffer_text(buf: &[u8]) -> String {
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// Runs one of libscap's open calls with an error buffer of the size it
/// requires, and turns its result into a handle or `(rc, message)`.
fn open_with(
    file: bool,
    open: impl FnOnce(*mut c_char, *mut i32) -> *mut sys::scap_t,
) -> Result<Handle, (i32, String)> {
    let mut error = [0u8; LASTERR];
    let mut rc: i32 = 0;
    let raw = open(error.as_mut_ptr().cast(), &mut rc);
    match NonNull::new(raw) {
        Some(ptr) => Ok(Handle { ptr, file }),
        None => Err((rc, buffer_text(&error))),
    }
}

impl Handle {
    /// `scap_open_offline`: reads the file's metadata blocks, then stands
    /// before its first event. Plain and gzip files alike.
    pub(crate) fn open_offline(path: &CStr) -> Result<Handle, (i32, String)> {
        open_with(true, |error, rc| {
            // SAFETY: `path` is a NUL-terminated string that outlives the
            // call; `error` points to SCAP_LASTERR_SIZE writable bytes and
            // `rc` to an i32, as scap.h requires. libscap copies the name.
            unsafe { sys::scap_open_offline(path.as_ptr(), error, rc) }
        })
    }

    /// `scap_open_live`: opens every CPU's kernel-module device and scans
    /// `/proc`. (libscap loads its classic eBPF probe instead when the
    /// `BPF_PROBE` environment variable is set; the caller refuses that.)
    pub(crate) fn open_live() -> Result<Handle, (i32, String)> {
        open_with(false, |error, rc| {
            // SAFETY: `error` points to SCAP_LASTERR_SIZE writable bytes and
            // `rc` to an i32, as scap.h requires.
            unsafe { sys::scap_open_live(error, rc) }
        })
    }

    /// `scap_getlasterr`, copied out.
    pub(crate) fn last_error(&mut self) -> String {
        // SAFETY: the handle is open; libscap returns a pointer to its own
        // NUL-terminated buffer, valid until the next call on the handle,
        // and it is copied before anything else is called.
        let text = unsafe { sys::scap_getlasterr(self.ptr.as_ptr()) };
        if text.is_null() {
            return String::new();
        }
        // SAFETY: non-null and NUL-terminated (see above).
        unsafe { CStr::from_ptr(text) }
            .to_string_lossy()
            .into_owned()
    }

    /// `scap_ftell`: the position in the (decompressed) file, or `None` for
    /// a live capture.
    pub(crate) fn readfile_offset(&mut self) -> Option<u64> {
        if !self.file {
            return None;
        }
        // SAFETY: the handle is open on a file, so it has the reader whose
        // position (zlib's `gztell`, in decompressed bytes) this returns;
        // live handles have none and never get here.
        Some(unsafe { sys::scap_ftell(self.ptr.as_ptr()) })
    }

    /// `scap_restart_capture`: after [`Raw::UnexpectedBlock`], reads the
    /// section header and metadata of the next concatenated capture.
    pub(crate) fn restart(&mut self) -> Result<(), String> {
        // SAFETY: the handle is open; no event bytes are borrowed (the
        // borrow of `Raw` ended before this `&mut self` call).
        let rc = unsafe { sys::scap_restart_capture(self.ptr.as_ptr()) };
        if rc == sys::SCAP_SUCCESS {
            Ok(())
        } else {
            Err(self.last_error())
        }
    }

    /// `scap_next`. For a capture file the event's `len` is checked against
    /// the bytes libscap consumed for it (libscap itself does not check a
    /// version-2 event's `len` against its block), so a corrupt length is
    /// reported instead of reading past libscap's buffer. The check is the
    /// one that holds for every version-2 block (`EV` and `EVF`): the
    /// event lies within the block's bytes less its header, cpu id, flags
    /// and trailer. Version-1 events, which libscap lengthens by 4 bytes
    /// when it converts them, fail it.
    pub(crate) fn next(&mut self) -> Raw<'_> {
        let before = self.readfile_offset();
        let mut event: *mut sys::scap_evt = ptr::null_mut();
        let mut cpu: u16 = 0;
        // SAFETY: the handle is open and both out-pointers point to live
        // locals of the right types.
        let rc = unsafe { sys::scap_next(self.ptr.as_ptr(), &mut event, &mut cpu) };
        match rc {
            sys::SCAP_TIMEOUT => return Raw::Timeout,
            rc if rc == sys::SCAP_EOF as i32 => return Raw::Eof,
            rc if rc == sys::SCAP_UNEXPECTED_BLOCK as i32 => return Raw::UnexpectedBlock,
            rc if rc != sys::SCAP_SUCCESS as i32 => {
                return Raw::Failure {
                    rc,
                    message: self.last_error(),
                };
            }
            _ => {}
        }
        if event.is_null() {
            return Raw::Failure {
                rc,
                message: "scap_next returned no event".to_owned(),
            };
        }
        // SAFETY: on success `event` points to a whole event header inside
        // libscap's read buffer (file) or ring (live); the struct is packed,
        // so it is read unaligned.
        let header = unsafe { ptr::read_unaligned(event) };
        let len = header.len as usize;
        let after = self.readfile_offset();
        if let (Some(before), Some(after)) = (before, after) {
            let consumed = after.saturating_sub(before);
            let room = consumed.saturating_sub(BLOCK_OVERHEAD);
            if len as u64 > room {
                // libscap converts a version-1 event in place, 4 bytes
                // longer than its block allows for; those bytes cannot be
                // told apart from a corrupt length, so such events are
                // refused rather than read.
                let what = if len as u64 <= room + 4 {
                    "fits only a version-1 event block, which this engine does not read \
                     (ScapReader does)"
                } else {
                    "exceeds its block"
                };
                return Raw::Failure {
                    rc: sys::SCAP_FAILURE as i32,
                    message: format!(
                        "event length {len} {what} ({consumed} bytes read at offset {before})"
                    ),
                };
            }
        }
        // A length shorter than the header still leaves the header readable;
        // the decoder reports it.
        let n = len.max(EVENT_HEADER_LEN);
        // SAFETY: the `n` bytes from `event` are initialized and stay valid
        // until the next call on this handle, which the borrow of `self`
        // prevents: for a file they lie within the block libscap just read
        // (checked above against the bytes it consumed), for a live capture
        // within the ring record the kernel module wrote for this event.
        let bytes = unsafe { std::slice::from_raw_parts(event.cast::<u8>().cast_const(), n) };
        // SAFETY: the handle is open; the call returns a field of it.
        let dump_flags = unsafe { sys::scap_event_get_dump_flags(self.ptr.as_ptr()) };
        Raw::Event {
            bytes,
            cpu,
            dump_flags,
            span: before.zip(after),
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: the handle came from a successful open and is closed once,
        // here; nothing borrowed from it outlives `self`.
        unsafe { sys::scap_close(self.ptr.as_ptr()) }
    }
}
