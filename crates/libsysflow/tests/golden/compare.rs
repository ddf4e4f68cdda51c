//! Comparing record lists as multisets, with field-level diffs, and checking
//! the entity ordering rule: the helpers of the golden tests.
//!
//! Records are compared whole (every field, every nested value); the only
//! exemption is the SFHeader's `filename`, which names the file written.

use std::collections::{BTreeMap, HashMap};
use std::fmt::{Debug, Write as _};

use libsysflow::RecordType;
use libsysflow::types::{SegmentCheck, SysFlow};

/// One field whose value differs between two records of the same type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    /// Dotted path of the field, e.g. `oid.create_ts` or `args.[1]`.
    pub path: String,
    /// Our value (`<absent>` when the field is missing, e.g. a shorter list).
    pub ours: String,
    /// The expected value.
    pub expected: String,
}

/// The result of comparing our records with the expected ones.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Per record type: (ours, expected), for types present in either.
    pub counts: BTreeMap<RecordType, (usize, usize)>,
    /// Records present in both (with multiplicity).
    pub matched: usize,
    /// Expected records we did not produce.
    pub missing: Vec<SysFlow>,
    /// Records we produced that were not expected.
    pub extra: Vec<SysFlow>,
}

impl Comparison {
    /// Whether both lists hold the same records, as multisets.
    pub fn is_match(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty()
    }

    /// A readable report: counts by type, then for up to `limit` extra
    /// records the closest missing record of the same type and the fields
    /// that differ.
    pub fn report(&self, limit: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "    {:<14} {:>6} {:>8}", "type", "ours", "expected");
        for (ty, (ours, expected)) in &self.counts {
            let mark = if ours == expected { "" } else { "  <-" };
            let _ = writeln!(out, "    {:<14} {ours:>6} {expected:>8}{mark}", ty.name());
        }
        let _ = writeln!(
            out,
            "    matched {}, missing {} (expected, not produced), extra {} (produced, not expected)",
            self.matched,
            self.missing.len(),
            self.extra.len()
        );
        for (i, rec) in self.extra.iter().take(limit).enumerate() {
            let ty = rec.record_type();
            match closest(rec, &self.missing) {
                Some((_, diffs)) => {
                    let _ = writeln!(
                        out,
                        "    extra #{i} {ty}: the closest missing {ty} differs in {} field(s):",
                        diffs.len()
                    );
                    for d in diffs {
                        let _ = writeln!(
                            out,
                            "        {}: ours {} != expected {}",
                            d.path, d.ours, d.expected
                        );
                    }
                }
                None => {
                    let _ = writeln!(out, "    extra #{i} {ty}: no missing {ty} to compare with:");
                    for (path, value) in flatten(rec) {
                        let _ = writeln!(out, "        {path}: {value}");
                    }
                }
            }
        }
        if self.extra.len() > limit {
            let _ = writeln!(
                out,
                "    ... {} more extra records",
                self.extra.len() - limit
            );
        }
        let unpaired: Vec<&SysFlow> = self
            .missing
            .iter()
            .filter(|m| {
                !self
                    .extra
                    .iter()
                    .any(|e| e.record_type() == m.record_type())
            })
            .collect();
        for (i, rec) in unpaired.iter().take(limit).enumerate() {
            let _ = writeln!(out, "    missing #{i}: {}", one_line(rec));
        }
        if unpaired.len() > limit {
            let _ = writeln!(
                out,
                "    ... {} more missing records of types we did not produce",
                unpaired.len() - limit
            );
        }
        out
    }
}

/// The record with what the comparison ignores cleared (the header's filename).
pub fn normalize(rec: &SysFlow) -> SysFlow {
    let mut rec = rec.clone();
    if let SysFlow::Header(h) = &mut rec {
        h.filename.clear();
    }
    rec
}

/// Compares two record lists as multisets (order ignored, multiplicity kept).
pub fn compare(ours: &[SysFlow], expected: &[SysFlow]) -> Comparison {
    let mut cmp = Comparison::default();
    for rec in ours {
        cmp.counts.entry(rec.record_type()).or_default().0 += 1;
    }
    for rec in expected {
        cmp.counts.entry(rec.record_type()).or_default().1 += 1;
    }
    let key = |rec: &SysFlow| {
        let mut bytes = Vec::new();
        normalize(rec).encode(&mut bytes);
        bytes
    };
    let mut pool: HashMap<Vec<u8>, Vec<&SysFlow>> = HashMap::new();
    for rec in expected {
        pool.entry(key(rec)).or_default().push(rec);
    }
    for rec in ours {
        match pool.get_mut(&key(rec)).and_then(|v| v.pop()) {
            Some(_) => cmp.matched += 1,
            None => cmp.extra.push(rec.clone()),
        }
    }
    // Keep the missing records in file order, for readable reports.
    let mut left: HashMap<Vec<u8>, usize> = pool.into_iter().map(|(k, v)| (k, v.len())).collect();
    for rec in expected {
        if let Some(n) = left.get_mut(&key(rec)).filter(|n| **n > 0) {
            *n -= 1;
            cmp.missing.push(rec.clone());
        }
    }
    cmp
}

/// The candidate of the same type with the fewest differing fields, and those fields.
pub fn closest<'a>(
    rec: &SysFlow,
    candidates: &'a [SysFlow],
) -> Option<(&'a SysFlow, Vec<FieldDiff>)> {
    candidates
        .iter()
        .filter(|c| c.record_type() == rec.record_type())
        .map(|c| (c, field_diff(rec, c)))
        .min_by_key(|(_, d)| d.len())
}

/// Every field whose value differs between `ours` and `expected`.
pub fn field_diff(ours: &SysFlow, expected: &SysFlow) -> Vec<FieldDiff> {
    let a: BTreeMap<String, String> = flatten(&normalize(ours)).into_iter().collect();
    let b: BTreeMap<String, String> = flatten(&normalize(expected)).into_iter().collect();
    let absent = || "<absent>".to_string();
    let mut paths: Vec<&String> = a.keys().chain(b.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .map(|p| FieldDiff {
            path: p.clone(),
            ours: a.get(p).cloned().unwrap_or_else(absent),
            expected: b.get(p).cloned().unwrap_or_else(absent),
        })
        .collect()
}

/// The record without its union wrapper, for printing.
fn inner(rec: &SysFlow) -> &dyn Debug {
    match rec {
        SysFlow::Header(r) => r,
        SysFlow::Container(r) => r,
        SysFlow::Process(r) => r,
        SysFlow::File(r) => r,
        SysFlow::ProcessEvent(r) => r,
        SysFlow::NetworkFlow(r) => r,
        SysFlow::FileFlow(r) => r,
        SysFlow::FileEvent(r) => r,
        SysFlow::NetworkEvent(r) => r,
        SysFlow::ProcessFlow(r) => r,
        SysFlow::Pod(r) => r,
        SysFlow::K8sEvent(r) => r,
    }
}

/// The record on one line, for lists of missing records.
pub fn one_line(rec: &SysFlow) -> String {
    format!("{} {:?}", rec.record_type(), inner(rec))
}

/// The record's leaf values by dotted path, read from its pretty `Debug`
/// form: `oid.hpid`, `args.[0]`, `poid.[0].create_ts`.
pub fn flatten(rec: &SysFlow) -> Vec<(String, String)> {
    let text = format!("{:#?}", inner(rec));
    let mut out = Vec::new();
    // Open containers: (name, index of the next unnamed element, whether a
    // tuple wrapper such as `Some(..)` or `OpFlags(..)`, whose single element
    // takes the wrapper's own path).
    let mut stack: Vec<(String, usize, bool)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        let t = t.strip_suffix(',').unwrap_or(t);
        if n == 0 {
            stack.push((String::new(), 0, false));
            continue;
        }
        if matches!(t, "}" | "]" | ")") {
            stack.pop();
            continue;
        }
        let (key, value) = match t.split_once(": ") {
            Some((k, v)) if !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                (k.to_string(), v)
            }
            _ => {
                let key = match stack.last_mut() {
                    Some((_, i, tuple)) => {
                        *i += 1;
                        if *tuple && *i == 1 {
                            String::new()
                        } else {
                            format!("[{}]", *i - 1)
                        }
                    }
                    None => String::new(),
                };
                (key, t)
            }
        };
        let path = stack
            .iter()
            .skip(1)
            .map(|(name, _, _)| name.as_str())
            .chain(std::iter::once(key.as_str()))
            .filter(|name| !name.is_empty())
            .collect::<Vec<_>>()
            .join(".");
        if value.ends_with('{') || value.ends_with('[') || value.ends_with('(') {
            stack.push((key, 0, value.ends_with('(')));
        } else {
            out.push((path, value.to_string()));
        }
    }
    out
}

/// Where a record references an entity that did not appear earlier in its
/// segment (a segment starts at each SFHeader): each behaviour record's
/// Process (by OID) and File (by FOID), each entity's Container, and each
/// Process's parent ([`SegmentCheck`], the check the core's segment tests use too).
pub fn ordering_violations(records: &[SysFlow]) -> Vec<String> {
    SegmentCheck::stream(records)
        .into_iter()
        .map(|(i, what)| {
            format!(
                "record {i} ({}): {what} not written before it",
                records[i].record_type()
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use libsysflow::types::{Oid, OpFlags, ProcessEvent, SfHeader, SfObjectState};

    use super::*;

    fn header(filename: &str) -> SysFlow {
        SysFlow::Header(SfHeader {
            version: 5,
            exporter: "tests".into(),
            ip: String::new(),
            filename: filename.into(),
        })
    }

    fn exec(ts: i64, args: &[&str]) -> SysFlow {
        SysFlow::ProcessEvent(ProcessEvent {
            proc_oid: Oid::new(100, 7),
            ts,
            tid: 7,
            op_flags: OpFlags::EXEC,
            args: args.iter().map(|a| a.to_string()).collect(),
            ret: 0,
        })
    }

    #[test]
    fn equal_lists_in_another_order_match_and_filenames_are_ignored() {
        let ours = [header("/tmp/a.sf"), exec(2, &[]), exec(1, &[])];
        let expected = [header("/usr/local/x.sf"), exec(1, &[]), exec(2, &[])];
        let cmp = compare(&ours, &expected);
        assert!(cmp.is_match(), "{}", cmp.report(5));
        assert_eq!(cmp.matched, 3);
    }

    #[test]
    fn a_missing_an_extra_and_a_differing_record_are_all_reported() {
        let expected = [
            header("x"),
            exec(1, &["-c"]),
            exec(2, &[]),
            exec(2, &[]),
            exec(3, &[]),
        ];
        // exec(3) is missing, exec(2) appears once too few, exec(9) is extra,
        // and exec(1) has a differing argument.
        let ours = [header("y"), exec(1, &["-x"]), exec(2, &[]), exec(9, &[])];
        let cmp = compare(&ours, &expected);
        assert!(!cmp.is_match());
        assert_eq!(cmp.matched, 2);
        assert_eq!(cmp.extra, [exec(1, &["-x"]), exec(9, &[])]);
        assert_eq!(cmp.missing, [exec(1, &["-c"]), exec(2, &[]), exec(3, &[])]);
        assert_eq!(cmp.counts[&RecordType::ProcessEvent], (3, 4));

        let (best, diffs) = closest(&exec(1, &["-x"]), &cmp.missing).unwrap();
        assert_eq!(best, &exec(1, &["-c"]));
        assert_eq!(
            diffs,
            [FieldDiff {
                path: "args.[0]".into(),
                ours: "\"-x\"".into(),
                expected: "\"-c\"".into(),
            }]
        );
        let report = cmp.report(10);
        assert!(
            report.contains("args.[0]: ours \"-x\" != expected \"-c\""),
            "{report}"
        );
        assert!(report.contains("ts: ours 9 != expected"), "{report}");
        assert!(report.contains("missing 3"), "{report}");
    }

    #[test]
    fn nested_and_list_fields_have_paths() {
        let paths: Vec<String> = flatten(&exec(5, &["a: b", "c"]))
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(
            paths,
            [
                "proc_oid.create_ts",
                "proc_oid.hpid",
                "ts",
                "tid",
                "op_flags",
                "args.[0]",
                "args.[1]",
                "ret"
            ]
        );
        let diffs = field_diff(&exec(5, &["a"]), &exec(5, &["a", "b"]));
        assert_eq!(diffs.len(), 1);
        assert_eq!(diffs[0].ours, "<absent>");
    }

    #[test]
    fn an_event_before_its_process_breaks_the_ordering_rule() {
        let proc_rec = SysFlow::Process(libsysflow::types::Process {
            state: SfObjectState::Created,
            oid: Oid::new(100, 7),
            poid: None,
            ts: 100,
            exe: "/bin/sh".into(),
            exe_args: String::new(),
            uid: 0,
            user_name: "root".into(),
            gid: 0,
            group_name: "root".into(),
            tty: false,
            container_id: None,
            entry: false,
            cwd: "/".into(),
            env: Default::default(),
        });
        assert!(ordering_violations(&[header("x"), proc_rec.clone(), exec(1, &[])]).is_empty());
        let bad = ordering_violations(&[header("x"), exec(1, &[]), proc_rec.clone()]);
        assert_eq!(bad.len(), 1, "{bad:?}");
        // A new header starts a new segment: entities must be written again.
        let bad = ordering_violations(&[header("x"), proc_rec, header("y"), exec(1, &[])]);
        assert_eq!(bad.len(), 1, "{bad:?}");
    }
}
