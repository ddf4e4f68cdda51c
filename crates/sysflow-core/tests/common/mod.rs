//! Synthetic events for the processor tests: the Falco event ids and times
//! they use, and builders of raw parameters and events.
// Each test file uses part of this module.
#![allow(dead_code)]

use sysflow_capture::Event;
use sysflow_core::{CoreConfig, FileReadMode, Processor};
use sysflow_types::SysFlow;

pub const OPEN_X: u16 = 3;
pub const CLOSE_E: u16 = 4;
pub const CLOSE_X: u16 = 5;
pub const WRITE_E: u16 = 8;
pub const WRITE_X: u16 = 9;
pub const PROCEXIT_1_E: u16 = 186;
pub const MS: u64 = 1_000_000;
pub const SEC: u64 = 1_000_000_000;
pub const T0: u64 = 1_700_000_000 * SEC;

pub fn i64p(v: i64) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}

pub fn u32p(v: u32) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}

/// A processor without process flows that keeps every kind of file flow
/// and every read.
pub fn processor() -> Processor {
    Processor::new(CoreConfig {
        enable_process_flow: false,
        file_only: false,
        file_read_mode: FileReadMode::All,
        ..CoreConfig::default()
    })
}

/// Event `ty` of thread `tid` at `ts` with raw parameters `params`.
pub fn event(ts: u64, tid: u64, ty: u16, params: &[Vec<u8>]) -> Event {
    let refs: Vec<&[u8]> = params.iter().map(Vec::as_slice).collect();
    Event::new(ts, tid, 0, ty, &refs)
}

/// Hands [`event`] to the processor.
pub fn feed(
    p: &mut Processor,
    out: &mut Vec<SysFlow>,
    ts: u64,
    tid: u64,
    ty: u16,
    params: &[Vec<u8>],
) {
    p.handle_event(&event(ts, tid, ty, params), out).unwrap();
}

/// Thread `tid` opens fd 3 on `path` for writing (`PPM_O_WRONLY |
/// PPM_O_CREAT`, mode 0644).
pub fn open(p: &mut Processor, out: &mut Vec<SysFlow>, ts: u64, tid: u64, path: &str) {
    let mut name = path.as_bytes().to_vec();
    name.push(0);
    feed(
        p,
        out,
        ts,
        tid,
        OPEN_X,
        &[i64p(3), name, u32p(2 | 4), u32p(0o644)],
    );
}
