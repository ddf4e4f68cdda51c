//! What live tests of more than one test binary share: starting a capture
//! or saying why this machine cannot, and reading `/proc/*/stat` fields.

use sysflow_capture::{LiveCapture, LiveConfig};

/// Starts a live capture, or prints why `what` is skipped where this
/// machine cannot capture (not root, no BTF, kernel too old) and returns
/// `None`. Any other failure is a test failure: capture must work here.
pub fn start_or_skip(config: &LiveConfig, what: &str) -> Option<LiveCapture> {
    match LiveCapture::start(config) {
        Ok(c) => Some(c),
        Err(e) if e.is_unsupported_here() => {
            eprintln!("skipping {what} test: {e}");
            None
        }
        Err(e) => panic!("live capture does not work here although root and BTF are: {e:?}"),
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
