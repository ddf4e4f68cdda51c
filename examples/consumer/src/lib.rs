//! What both example consumers print: one line per SysFlow behaviour record
//! ([`describe`]), made from what a callback receives.

use std::fmt::Write;
use std::net::Ipv4Addr;

use libsysflow::CallbackRecord;
use libsysflow::types::SysFlow;

/// One line for a behaviour record: its type, time, thread and operations,
/// then the process (pid and executable), its container, and the file(s) or
/// the connection it concerns, e.g.
///
/// ```text
/// FileFlow 1555011816575383601 tid=10310 ORC pid=10310 exe=/usr/bin/cat file=/etc/hosts
/// ```
pub fn describe(r: &CallbackRecord<'_>) -> String {
    let (ts, tid, ops, net) = match r.record {
        SysFlow::ProcessEvent(e) => (e.ts, e.tid, e.op_flags.to_string(), None),
        SysFlow::ProcessFlow(f) => (f.ts, f.proc_oid.hpid, f.op_flags.to_string(), None),
        SysFlow::FileEvent(e) => (e.ts, e.tid, e.op_flags.to_string(), None),
        SysFlow::FileFlow(f) => (f.ts, f.tid, f.op_flags.to_string(), None),
        SysFlow::NetworkEvent(e) => (
            e.ts,
            e.tid,
            e.op_flags.to_string(),
            Some((e.sip, e.sport, e.dip, e.dport)),
        ),
        SysFlow::NetworkFlow(f) => (
            f.ts,
            f.tid,
            f.op_flags.to_string(),
            Some((f.sip, f.sport, f.dip, f.dport)),
        ),
        _ => (0, 0, String::new(), None),
    };
    // OpFlags print as fixed-width columns ("O   R   C"); one word here.
    let ops: String = ops.split_whitespace().collect();
    let mut line = format!("{} {ts} tid={tid} {ops}", r.record.record_type());
    // Writing to a String cannot fail.
    if let Some(p) = r.process {
        let _ = write!(line, " pid={} exe={}", p.oid.hpid, p.exe);
    }
    if let Some(c) = r.container {
        let _ = write!(line, " container={}", c.name);
    }
    if let Some(f) = r.file {
        let _ = write!(line, " file={}", f.path);
    }
    if let Some(f) = r.new_file {
        let _ = write!(line, " -> {}", f.path);
    }
    if let Some((sip, sport, dip, dport)) = net {
        // SysFlow stores IPv4 addresses as the in-memory (network order)
        // bytes read as a little-endian integer.
        let ip = |v: i32| Ipv4Addr::from(v.to_le_bytes());
        let _ = write!(line, " {}:{sport} -> {}:{dport}", ip(sip), ip(dip));
    }
    line
}

/// The header line a consumer prints (to stderr) when a segment starts.
pub fn describe_header(r: &CallbackRecord<'_>) -> String {
    let h = r.header;
    format!(
        "header: version={} exporter={} ip={} filename={}",
        h.version, h.exporter, h.ip, h.filename
    )
}
