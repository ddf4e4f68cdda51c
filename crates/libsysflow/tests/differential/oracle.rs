//! libsinsp's view of a live capture: the capture rewritten into the 2022
//! enter/exit pairs (`LegacyConverter`), read by sysdig 0.29.3, which prints
//! for every event the state it resolved (fd names and tuples, users,
//! executables); and the facts of the raw capture that the comparison
//! needs besides (the process tree, what each exec carried).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::process::Command;

use sysflow_capture::{
    AbiRevision, Event, Item, LegacyConverter, ParamValue, ScapReader, ScapWriter,
};

/// The fields sysdig prints for each event (JSON, one object per line; `*`
/// prints events whose fields are not all defined too).
const FIELDS: &[&str] = &[
    "evt.num",
    "evt.rawtime",
    "thread.tid",
    "proc.pid",
    "proc.ppid",
    "evt.type",
    "evt.dir",
    "evt.rawres",
    "fd.num",
    "fd.type",
    "fd.typechar",
    "fd.name",
    "fd.cip",
    "fd.cport",
    "fd.sip",
    "fd.sport",
    "fd.l4proto",
    "user.uid",
    "user.name",
    "group.gid",
    "group.name",
    "proc.exepath",
    "proc.exe",
    "proc.args",
    "proc.cwd",
    "evt.args",
];

/// One event as sysdig shows it, with the state it resolved.
#[derive(Debug, Clone, Default)]
pub struct SysdigEvent {
    pub num: u64,
    pub ts: u64,
    pub tid: i64,
    pub pid: i64,
    pub ppid: Option<i64>,
    pub ty: String,
    pub enter: bool,
    pub res: Option<i64>,
    pub fd: Option<i64>,
    pub fd_type: Option<String>,
    pub fd_typechar: Option<char>,
    pub fd_name: Option<String>,
    /// `fd.cip` and `fd.cport`: a connection's client end (none for a
    /// socket without a role, or a server socket).
    pub client: Option<(String, u16)>,
    /// `fd.sip` and `fd.sport`: a connection's server end, or the address a
    /// server socket is bound to.
    pub server: Option<(String, u16)>,
    pub l4proto: Option<String>,
    pub uid: Option<i64>,
    pub user: Option<String>,
    pub gid: Option<i64>,
    pub group: Option<String>,
    pub exepath: Option<String>,
    pub exe: Option<String>,
    pub args: Option<String>,
    pub cwd: Option<String>,
    /// `evt.args` split into `(name, raw value, resolved value)`.
    pub params: Vec<(String, String, Option<String>)>,
}

impl SysdigEvent {
    /// Parameter `name`'s raw text and its resolved text (in parentheses
    /// after it, where sysdig resolves one).
    pub fn param(&self, name: &str) -> Option<(&str, Option<&str>)> {
        self.params
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, v, r)| (v.as_str(), r.as_deref()))
    }
}

/// What the raw (exit-only) capture says besides what sysdig shows.
#[derive(Debug, Default)]
pub struct Facts {
    /// Parent process of every process started during the capture.
    pub parent: HashMap<i64, i64>,
    /// Process of every thread seen.
    pub pid_of: HashMap<i64, i64>,
    /// `(ts, tid)` of each execve exit: its `filename` and `trusted_exepath`.
    pub execs: HashMap<(u64, i64), (String, String)>,
    /// `(tid, fd)`: ops and bytes of sendmmsg/recvmmsg exits on it, as
    /// `(writes, bytes written, reads, bytes read)`.
    pub mmsg: HashMap<(i64, i64), (i64, i64, i64, i64)>,
    /// Processes that received fds over a unix socket, with the fds and
    /// the time of the recvmsg that received each: `(ts, fd)`.
    pub received_fds: HashMap<i64, Vec<(u64, i64)>>,
    /// Successful set*id calls that change an effective id, in order:
    /// `(pid, ts, call, gid?, effective id)`.
    pub creds: Vec<(i64, u64, &'static str, bool, i64)>,
    /// close_range calls that closed fds: `(pid, ts, first, last)`.
    pub close_ranges: Vec<(i64, u64, i64, i64)>,
    /// Events of the raw capture.
    pub events: u64,
}

impl Facts {
    /// Every process below `root` (itself included), by the clones seen.
    pub fn subtree(&self, root: i64) -> HashSet<i64> {
        let mut pids: HashSet<i64> = HashSet::from([root]);
        loop {
            let before = pids.len();
            for (child, parent) in &self.parent {
                if pids.contains(parent) {
                    pids.insert(*child);
                }
            }
            if pids.len() == before {
                return pids;
            }
        }
    }

    /// The threads of the processes `pids`.
    pub fn threads_of(&self, pids: &HashSet<i64>) -> HashSet<i64> {
        self.pid_of
            .iter()
            .filter(|(_, p)| pids.contains(p))
            .map(|(t, _)| *t)
            .chain(pids.iter().copied())
            .collect()
    }
}

fn text(v: ParamValue<'_>) -> String {
    match v {
        ParamValue::Str(b) | ParamValue::Path(b) | ParamValue::Bytes(b) => {
            String::from_utf8_lossy(b).into_owned()
        }
        _ => String::new(),
    }
}

fn int(v: &ParamValue<'_>) -> Option<i64> {
    Some(match *v {
        ParamValue::Int(i) | ParamValue::Fd(i) | ParamValue::Pid(i) | ParamValue::Errno(i) => i,
        ParamValue::Uint(u) => u as i64,
        ParamValue::Flags(f) | ParamValue::Uid(f) | ParamValue::Gid(f) => i64::from(f),
        _ => return None,
    })
}

fn named<'e>(ev: &'e Event, name: &str) -> Option<ParamValue<'e>> {
    let info = ev.info()?;
    let slot = info.params.iter().position(|p| p.name == name)?;
    ev.param(AbiRevision::Current, slot)?.ok()
}

/// Rewrites `capture` into `legacy` (2022 pairs) and gathers its facts.
pub fn convert(capture: &Path, legacy: &Path) -> Facts {
    let mut facts = Facts::default();
    let reader = ScapReader::open(capture).expect("open the live capture");
    let file = File::create(legacy).expect("create the converted capture");
    let mut writer = ScapWriter::new(BufWriter::new(file)).expect("scap writer");
    let mut converter = LegacyConverter::new();
    let mut out = Vec::new();
    for item in reader {
        let ev = match item.expect("the live capture reads back") {
            Item::Event(ev) => ev,
            Item::Process(p) => {
                facts.pid_of.insert(p.tid, p.pid);
                // The short tail sysdig 0.29.3 reads (the long one's first
                // bytes would be its login uid).
                let p = Box::new(converter.process(&p));
                writer.write_item(&Item::Process(p)).expect("write");
                continue;
            }
            other => {
                writer.write_item(&other).expect("write");
                continue;
            }
        };
        facts.events += 1;
        note(&mut facts, &ev);
        converter.convert(&ev, &mut out);
        for e in out.drain(..) {
            writer.write_event(&e).expect("write");
        }
    }
    writer.finish().expect("finish the converted capture");
    facts
}

/// What one raw event tells [`Facts`].
fn note(facts: &mut Facts, ev: &Event) {
    let Some(info) = ev.info() else { return };
    let tid = ev.tid as i64;
    let res = ev
        .param(AbiRevision::Current, 0)
        .and_then(Result::ok)
        .and_then(|v| int(&v));
    match info.name {
        "clone" | "clone3" | "fork" | "vfork" if res == Some(0) => {
            let pid = named(ev, "pid").and_then(|v| int(&v)).unwrap_or(tid);
            facts.pid_of.insert(tid, pid);
            if pid == tid {
                let ptid = named(ev, "ptid").and_then(|v| int(&v)).unwrap_or(-1);
                let parent = facts.pid_of.get(&ptid).copied().unwrap_or(ptid);
                facts.parent.insert(pid, parent);
            }
        }
        "execve" | "execveat" if ev.direction() == sysflow_capture::Direction::Exit => {
            let filename = named(ev, "filename").map(text).unwrap_or_default();
            let trusted = named(ev, "trusted_exepath").map(text).unwrap_or_default();
            facts.execs.insert((ev.ts, tid), (filename, trusted));
        }
        "sendmmsg" | "recvmmsg" if res.is_some_and(|r| r >= 0) => {
            let fd = named(ev, "fd").and_then(|v| int(&v)).unwrap_or(-1);
            let bytes = res.unwrap_or(0);
            let e = facts.mmsg.entry((tid, fd)).or_default();
            if info.name == "sendmmsg" {
                e.0 += 1;
                e.1 += bytes;
            } else {
                e.2 += 1;
                e.3 += bytes;
            }
        }
        "setuid" | "setresuid" | "setreuid" | "setgid" | "setresgid" | "setregid"
            if res == Some(0) =>
        {
            let gid = info.name.ends_with("gid");
            let names: &[&str] = if gid {
                &["gid", "egid"]
            } else {
                &["uid", "euid"]
            };
            let id = names
                .iter()
                .find_map(|n| named(ev, n).and_then(|v| int(&v)));
            if let Some(id) = id.filter(|&i| i != i64::from(u32::MAX)) {
                let pid = facts.pid_of.get(&tid).copied().unwrap_or(tid);
                facts.creds.push((pid, ev.ts, info.name, gid, id));
            }
        }
        "close_range" if res == Some(0) => {
            let flags = named(ev, "flags").and_then(|v| int(&v)).unwrap_or(0);
            let (first, last) = (
                named(ev, "first").and_then(|v| int(&v)).unwrap_or(0),
                named(ev, "last").and_then(|v| int(&v)).unwrap_or(0),
            );
            // CLOSE_RANGE_CLOEXEC (Falco's bit 1) closes nothing.
            if flags & 2 == 0 {
                let pid = facts.pid_of.get(&tid).copied().unwrap_or(tid);
                facts.close_ranges.push((pid, ev.ts, first, last));
            }
        }
        "recvmsg" if res.is_some_and(|r| r >= 0) => {
            if let Some(ParamValue::Bytes(control)) = named(ev, "msgcontrol")
                && !control.is_empty()
            {
                let pid = facts.pid_of.get(&tid).copied().unwrap_or(tid);
                facts
                    .received_fds
                    .entry(pid)
                    .or_default()
                    .extend(scm_rights(control).into_iter().map(|fd| (ev.ts, fd)));
            }
        }
        _ => {}
    }
}

/// The fds of the SCM_RIGHTS messages in ancillary data (x86_64 layout:
/// `cmsg_len` u64, level and type i32, data, each message 8-aligned).
fn scm_rights(mut control: &[u8]) -> Vec<i64> {
    let mut fds = Vec::new();
    while control.len() >= 16 {
        let len = u64::from_le_bytes(control[..8].try_into().unwrap_or_default()) as usize;
        let (level, ty) = (
            i32::from_le_bytes(control[8..12].try_into().unwrap_or_default()),
            i32::from_le_bytes(control[12..16].try_into().unwrap_or_default()),
        );
        if len < 16 || len > control.len() {
            break;
        }
        if level == libc::SOL_SOCKET && ty == libc::SCM_RIGHTS {
            fds.extend(
                control[16..len]
                    .chunks_exact(4)
                    .map(|c| i64::from(i32::from_le_bytes([c[0], c[1], c[2], c[3]]))),
            );
        }
        control = control.get(len.div_ceil(8) * 8..).unwrap_or_default();
    }
    fds
}

/// Runs sysdig on `legacy` and parses the events of threads `tids`.
pub fn sysdig(legacy: &Path, tids: &HashSet<i64>) -> Vec<SysdigEvent> {
    let format: String = std::iter::once("*".to_owned())
        .chain(FIELDS.iter().map(|f| format!("%{f} ")))
        .collect();
    let mut list: Vec<String> = tids.iter().map(i64::to_string).collect();
    list.sort();
    let filter = format!("thread.tid in ({})", list.join(","));
    let out = Command::new("sysdig")
        .args(["-j", "-r"])
        .arg(legacy)
        .args(["-p", format.trim_end(), &filter])
        .output()
        .expect("run sysdig");
    assert!(
        out.status.success(),
        "sysdig failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            let line = String::from_utf8_lossy(l);
            let v: serde_json::Value =
                serde_json::from_str(&line).unwrap_or_else(|e| panic!("sysdig line {e}: {line}"));
            parse(&v)
        })
        .collect()
}

fn parse(v: &serde_json::Value) -> SysdigEvent {
    let s = |k: &str| v[k].as_str().map(str::to_owned);
    let i = |k: &str| {
        v[k].as_i64()
            .or_else(|| v[k].as_str().and_then(|s| s.parse().ok()))
    };
    let end = |ip: &str, port: &str| match (s(ip), i(port)) {
        (Some(a), Some(p)) => Some((a, p as u16)),
        _ => None,
    };
    SysdigEvent {
        num: v["evt.num"].as_u64().unwrap_or(0),
        ts: v["evt.rawtime"].as_u64().unwrap_or(0),
        tid: i("thread.tid").unwrap_or(-1),
        pid: i("proc.pid").unwrap_or(-1),
        ppid: i("proc.ppid"),
        ty: s("evt.type").unwrap_or_default(),
        enter: s("evt.dir").as_deref() == Some(">"),
        res: i("evt.rawres"),
        fd: i("fd.num"),
        fd_type: s("fd.type"),
        fd_typechar: s("fd.typechar").and_then(|t| t.chars().next()),
        fd_name: s("fd.name"),
        client: end("fd.cip", "fd.cport"),
        server: end("fd.sip", "fd.sport"),
        l4proto: s("fd.l4proto"),
        uid: i("user.uid"),
        user: s("user.name"),
        gid: i("group.gid"),
        group: s("group.name"),
        exepath: s("proc.exepath"),
        exe: s("proc.exe"),
        args: s("proc.args"),
        cwd: s("proc.cwd"),
        params: split_args(&s("evt.args").unwrap_or_default()),
    }
}

/// `name=value(resolved) name=value ...` as sysdig prints `evt.args`.
/// Values never hold spaces in the workloads' events, except resolved
/// parts, which are balanced in parentheses.
fn split_args(args: &str) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = args.trim();
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().to_owned();
        let after = &rest[eq + 1..];
        // The value runs to the next ` name=` outside parentheses.
        let mut depth = 0i32;
        let mut end = after.len();
        for (i, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ' ' if depth <= 0 => {
                    let next = &after[i + 1..];
                    if next
                        .split_once('=')
                        .is_some_and(|(n, _)| !n.is_empty() && !n.contains([' ', '(']))
                    {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let value = &after[..end];
        let (raw, resolved) = match value.find('(') {
            Some(p) if value.ends_with(')') => (
                value[..p].to_owned(),
                Some(value[p + 1..value.len() - 1].to_owned()),
            ),
            _ => (value.to_owned(), None),
        };
        out.push((name, raw, resolved));
        rest = after.get(end..).unwrap_or_default().trim_start();
    }
    out
}

/// The parser of `evt.args` on a line with every shape it meets; run
/// before the suite, so that a misparse fails loudly.
pub fn self_check() {
    let a = split_args("fd=3(<f>/tmp/a b) size=10 path=sub(/x/sub) flags=0");
    let want = [
        ("fd", "3", Some("<f>/tmp/a b")),
        ("size", "10", None),
        ("path", "sub", Some("/x/sub")),
        ("flags", "0", None),
    ];
    assert_eq!(a.len(), want.len(), "{a:?}");
    for ((n, v, r), (wn, wv, wr)) in a.iter().zip(want) {
        assert_eq!((n.as_str(), v.as_str(), r.as_deref()), (wn, wv, wr));
    }
    let control: Vec<u8> = [
        20u64.to_le_bytes().as_slice(),
        &1i32.to_le_bytes(),
        &1i32.to_le_bytes(),
        &7i32.to_le_bytes(),
    ]
    .concat();
    assert_eq!(scm_rights(&control), [7]);
}
