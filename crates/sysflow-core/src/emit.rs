//! The record buffer every handler writes to; the processor drains it into
//! the sink after each event, so handlers need not know the sink's type.

use sysflow_types::SysFlow;

/// Records produced while handling one event, in output order.
#[derive(Debug, Default)]
pub(crate) struct Emitter {
    pub records: Vec<SysFlow>,
}

impl Emitter {
    pub fn push(&mut self, rec: impl Into<SysFlow>) {
        self.records.push(rec.into());
    }
}
