//! The differences between sysdig 0.29.3's selection and ours that
//! `docs/deviations.md` names (section "Filters, checked against sysdig
//! 0.29.3"), each with a rule that recognizes it from sysdig's own view of
//! the event, so that another difference on the same field still fails.
//!
//! Corpus lines whose whole meaning differs in sysdig 0.29.3 are marked in
//! the corpus instead (`refused`, `misread`, `differs`); the rules here
//! explain single events.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::corpus::Case;

/// A named deviation: its name in `docs/deviations.md`, and whether it
/// explains that `line` (an event line of sysdig's format) was selected by
/// one side only for `case` on `trace`.
pub struct Deviation {
    pub name: &'static str,
    explains: fn(&Case, &Path, &str, &mut Oracle) -> bool,
}

impl Deviation {
    pub fn explains(&self, case: &Case, trace: &Path, line: &str, oracle: &mut Oracle) -> bool {
        (self.explains)(case, trace, line, oracle)
    }
}

pub const DEVIATIONS: &[Deviation] = &[Deviation {
    name: "group.gid of 64 bits",
    explains: gid_high_bits,
}];

/// libsinsp 0.29 declares `group.gid` as 64 bits and reads them from the
/// thread's 32-bit gid, so the high half is whatever follows it in memory
/// (`30064771072` is gid 0 with 7 above it). The rule: the expression
/// tests `group.gid`, and sysdig's value for the event does not fit in 32
/// bits.
fn gid_high_bits(case: &Case, trace: &Path, line: &str, oracle: &mut Oracle) -> bool {
    case.expr.contains("group.gid")
        && oracle
            .value(trace, "group.gid", line)
            .and_then(|v| v.parse::<u64>().ok())
            .is_some_and(|gid| gid > u64::from(u32::MAX))
}

/// sysdig's values of fields, per event line, fetched once per trace and
/// field in a run (nothing is kept between runs).
#[derive(Default)]
pub struct Oracle {
    values: HashMap<(PathBuf, &'static str), HashMap<String, String>>,
}

impl Oracle {
    /// sysdig's `%field` for the event printed as `line`, if it has one.
    pub fn value(&mut self, trace: &Path, field: &'static str, line: &str) -> Option<&str> {
        let table = self
            .values
            .entry((trace.to_path_buf(), field))
            .or_insert_with(|| {
                let format = format!("*{}\t%{field}", crate::FORMAT);
                let out = Command::new("sysdig")
                    .arg("-r")
                    .arg(trace)
                    .args(["-p", &format])
                    .output()
                    .expect("run sysdig");
                String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .filter_map(|l| l.split_once('\t'))
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect()
            });
        table.get(line).map(String::as_str).filter(|v| *v != "<NA>")
    }
}
