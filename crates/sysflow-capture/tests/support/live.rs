//! What live tests of more than one test binary share: starting a capture
//! (one at a time in a test binary) or saying why this machine cannot, and
//! reading `/proc/*/stat` fields.

use std::ops::{Deref, DerefMut};
use std::sync::{Mutex, MutexGuard, PoisonError};

use sysflow_capture::{LiveCapture, LiveConfig};

/// Held by the test whose capture runs: every probe sees the whole host,
/// so two live tests at once each count the other's workload (a flood of
/// syscalls in one overran the other's ring, and kept another's from
/// calming down). libtest runs a binary's tests on parallel threads; the
/// live ones take turns.
static TURN: Mutex<()> = Mutex::new(());

/// A live capture that holds this binary's turn until dropped.
pub struct SerialCapture {
    // Dropped before the turn: the next test's probe attaches after this
    // one has detached.
    capture: LiveCapture,
    _turn: MutexGuard<'static, ()>,
}

impl Deref for SerialCapture {
    type Target = LiveCapture;
    fn deref(&self) -> &LiveCapture {
        &self.capture
    }
}

impl DerefMut for SerialCapture {
    fn deref_mut(&mut self) -> &mut LiveCapture {
        &mut self.capture
    }
}

/// Starts a live capture, or skips (counted, saying why) where this
/// machine cannot capture (not root, no BTF, kernel too old) and returns
/// `None`. Any other failure, and any failure under CI (which has root
/// and BTF), is a test failure: capture must work there.
/// (`what` names the test's capture in the failure message.)
///
/// Waits for the live test before it in this binary to end: a test that
/// failed (a poisoned lock) still ends its turn.
pub fn start_or_skip(config: &LiveConfig, what: &str) -> Option<SerialCapture> {
    let turn = TURN.lock().unwrap_or_else(PoisonError::into_inner);
    match LiveCapture::start(config) {
        Ok(capture) => Some(SerialCapture {
            capture,
            _turn: turn,
        }),
        Err(e) if e.is_unsupported_here() && !sysflow_test_support::under_ci() => {
            sysflow_test_support::skip(format_args!("live capture is impossible here: {e}"));
            None
        }
        Err(e) => {
            panic!("{what}: live capture does not work here although root and BTF are: {e:?}")
        }
    }
}

/// Field `n` (counted from 1, as in proc(5)) of a `/proc/.../stat` line; the
/// command name (field 2) may hold spaces and parentheses.
pub fn stat_field<T: std::str::FromStr>(stat: &str, n: usize) -> T {
    stat.rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().nth(n - 3))
        .and_then(|f| f.parse().ok())
        .unwrap_or_else(|| panic!("field {n} of {stat:?}"))
}
