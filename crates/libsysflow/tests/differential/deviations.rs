//! The differences between our records and the reference's that
//! `docs/deviations.md` names, each with a rule that recognizes exactly
//! that difference: a rule explains a difference only when the raw capture
//! or sysdig's view shows the cause the document gives, so that a new
//! difference of the same category still fails the test.

use std::collections::HashSet;
use std::fmt;

use libsysflow::types::OpFlags;

use crate::model::{Counts, Key, Records, Value};
use crate::oracle::{Facts, SysdigEvent};

/// One difference between our records and the reference's.
#[derive(Debug, Clone)]
pub enum Difference {
    /// We wrote a record the reference would not.
    OnlyOurs(Key, Value),
    /// The reference would write a record we did not.
    OnlyReference(Key, Value),
    /// Both wrote it, with different values: `(key, ours, reference)`.
    Differ(Key, Value, Value),
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::OnlyOurs(k, v) => write!(f, "only ours: {k}: {v}"),
            Difference::OnlyReference(k, v) => write!(f, "only the reference's: {k}: {v}"),
            Difference::Differ(k, o, r) => write!(f, "{k}: ours {o} / reference {r}"),
        }
    }
}

/// What the comparison of one workload knows.
pub struct Context<'a> {
    pub facts: &'a Facts,
    /// Both sides' records of the workload.
    pub ours: &'a Records,
    pub reference: &'a Records,
    /// sysdig's events of the workload's threads, in order.
    pub events: &'a [SysdigEvent],
    pub pids: &'a HashSet<i64>,
}

/// Whether a difference is a known deviation, and which.
#[derive(Debug)]
pub enum Verdict {
    /// Explained by the named deviation of `docs/deviations.md`.
    Explained(&'static str),
    Unexplained,
}

/// A named deviation: its heading in `docs/deviations.md` and its rule.
struct Deviation {
    name: &'static str,
    explains: fn(&Difference, &Context<'_>) -> bool,
}

const DEVIATIONS: &[Deviation] = &[
    Deviation {
        name: "A dup of an unknown fd",
        explains: dup_of_unknown,
    },
    Deviation {
        name: "close_range",
        explains: closed_by_range,
    },
    Deviation {
        name: "Datagrams on a socket bound to a port",
        explains: bound_datagram_socket,
    },
    Deviation {
        name: "clone3, execveat, openat2 and creat",
        explains: newer_calls,
    },
    Deviation {
        name: "The executable of a script or a link",
        explains: trusted_exepath,
    },
    Deviation {
        name: "setreuid and setregid",
        explains: setre_ids,
    },
    Deviation {
        name: "sendmmsg and recvmmsg",
        explains: mmsg,
    },
    Deviation {
        name: "Files received over a unix socket",
        explains: received_fd,
    },
];

/// The flows of a UDP socket bound to a port it named, once datagrams go
/// through it: libsinsp keeps the bound address in memory that its
/// connection tuple shares, and reads the destination of the first
/// datagram's tuple from there (the port's two bytes, the protocol's scap
/// code, a zero: `251.137.3.0` for port 35323). We take the datagram's. The
/// rule checks, on that thread and fd and among the flows with the bound
/// port at one end, that one of the reference's has exactly that address,
/// that ours is one flow between the port and a real peer, and that both
/// sides count the same calls and bytes.
fn bound_datagram_socket(d: &Difference, cx: &Context<'_>) -> bool {
    let (Difference::OnlyOurs(k, _)
    | Difference::OnlyReference(k, _)
    | Difference::Differ(k, _, _)) = d;
    let Key::Net { tid, fd, .. } = k else {
        return false;
    };
    // The port the socket was bound to, by its thread's bind.
    let Some(port) = cx.events.iter().find_map(|e| {
        let bound = !e.enter && e.ty == "bind" && e.res == Some(0) && e.fd == Some(*fd);
        let addr = e.param("addr")?.0.parse::<std::net::SocketAddrV4>().ok()?;
        (bound && e.pid == cx.facts.pid_of.get(tid).copied().unwrap_or(*tid) && addr.port() != 0)
            .then_some(addr.port())
    }) else {
        return false;
    };
    // The socket's flows: on that thread and fd, with the bound port at
    // one end (a later socket may reuse the fd number).
    let on = |records: &'_ Records| -> Vec<(Key, Value)> {
        records
            .iter()
            .filter(|(k, _)| {
                matches!(k, Key::Net { tid: t, fd: f, sport, dport, .. }
                    if t == tid && f == fd && (*sport == port || *dport == port))
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let (ours, theirs) = (on(cx.ours), on(cx.reference));
    let [p0, p1] = port.to_le_bytes();
    let garbage = std::net::Ipv4Addr::new(p0, p1, 3, 0);
    let has_garbage = theirs
        .iter()
        .any(|(k, _)| matches!(k, Key::Net { sip, dip, .. } if *sip == garbage || *dip == garbage));
    let totals = |flows: &[(Key, Value)]| {
        flows.iter().fold((0, 0, 0, 0, 0), |t, (_, v)| match v {
            Value::Flow(c) => (
                t.0 + c.r_ops,
                t.1 + c.r_bytes,
                t.2 + c.w_ops,
                t.3 + c.w_bytes,
                t.4 + c.closes,
            ),
            _ => t,
        })
    };
    let ours_real = matches!(ours.as_slice(), [(Key::Net { sip, sport, dip, dport, .. }, _)]
        if *sip != garbage && *dip != garbage && (*sport == port || *dport == port));
    has_garbage && ours_real && totals(&ours) == totals(&theirs)
}

/// What the reference counts on thread `tid`'s fd `fd` from the events
/// after event number `from` up to the fd's next close (included).
fn reference_after(cx: &Context<'_>, tid: i64, fd: i64, from: u64) -> Counts {
    let mut slice = Vec::new();
    for e in cx.events.iter().filter(|e| e.tid == tid && e.num > from) {
        slice.push(e.clone());
        if e.ty == "close" && !e.enter && e.fd == Some(fd) {
            break;
        }
    }
    crate::model::reference(&slice)
        .iter()
        .filter_map(|(k, v)| match (k, v) {
            (Key::File { tid: t, fd: f, .. } | Key::Net { tid: t, fd: f, .. }, Value::Flow(c))
                if *t == tid && *f == fd =>
            {
                Some(*c)
            }
            _ => None,
        })
        .fold(Counts::default(), |a, c| a + c)
}

/// A file flow of thread `tid`'s fd `fd` where the reference counts, on
/// top of ours, exactly what happened on that fd after event `from`.
fn reference_has_more_after(
    d: &Difference,
    cx: &Context<'_>,
    from: impl Fn(i64, i64) -> Option<u64>,
) -> bool {
    let zero = Value::Flow(Counts::default());
    let (key, ours, theirs) = match d {
        Difference::Differ(k, o, t) => (k, o, t),
        Difference::OnlyReference(k, t) => (k, &zero, t),
        Difference::OnlyOurs(..) => return false,
    };
    let (Key::File { tid, fd, .. }, Value::Flow(o), Value::Flow(t)) = (key, ours, theirs) else {
        return false;
    };
    let Some(from) = from(*tid, *fd) else {
        return false;
    };
    let after = reference_after(cx, *tid, *fd, from);
    after != Counts::default() && *t == *o + after && t.ops == (o.ops | after.ops)
}

/// The flow of an fd that a dup2 from an fd unknown to both sides
/// replaced: the kernel closed the file, libsinsp keeps naming it (and
/// counts the fd's later calls, to its close, on it); we drop it.
fn dup_of_unknown(d: &Difference, cx: &Context<'_>) -> bool {
    reference_has_more_after(d, cx, |tid, fd| {
        cx.events.iter().enumerate().find_map(|(i, e)| {
            let dup = !e.enter && e.ty == "dup" && e.tid == tid && e.res == Some(fd);
            let enter = cx.events[..i].iter().rev().find(|x| x.tid == tid)?;
            let unknown = enter.enter && enter.ty == "dup" && enter.param("fd")?.1.is_none();
            (dup && unknown).then_some(e.num)
        })
    })
}

/// The flow of an fd that close_range closed: libsinsp follows the call
/// only since 0.25 (the reference's 0.18.1 and sysdig 0.29.3 do not), so
/// the fd stays open there and the reference counts the fd's later calls
/// on it.
fn closed_by_range(d: &Difference, cx: &Context<'_>) -> bool {
    reference_has_more_after(d, cx, |tid, fd| {
        let pid = cx.facts.pid_of.get(&tid).copied().unwrap_or(tid);
        let (_, ts, _, _) = cx
            .facts
            .close_ranges
            .iter()
            .find(|(p, _, first, last)| *p == pid && (*first..=*last).contains(&fd))?;
        cx.events
            .iter()
            .filter(|e| e.tid == tid && e.ts <= *ts)
            .map(|e| e.num)
            .max()
    })
}

/// The sysdig event of thread `tid` at `ts` (an exit, or procexit).
fn event_at<'e>(cx: &'e Context<'_>, ts: u64, tid: i64) -> Option<&'e SysdigEvent> {
    cx.events
        .iter()
        .find(|e| e.ts == ts && e.tid == tid && (!e.enter || e.ty == "procexit"))
}

/// What we record of the calls the reference does not dispatch: clone3's
/// and execveat's ProcessEvents, and the Process record a clone3 child gets
/// at once (the reference writes it at the child's first event it
/// handles); and the OPEN operation of a flow opened with openat2 or creat,
/// the only difference of that flow (the reference's flow starts at the
/// fd's first read or write, or is not written if there is none).
fn newer_calls(d: &Difference, cx: &Context<'_>) -> bool {
    match d {
        Difference::OnlyOurs(Key::ProcEvent { ts, tid, op }, _) => {
            let want = match *op {
                "CLONE" => "clone3",
                "EXEC" => "execveat",
                _ => return false,
            };
            event_at(cx, *ts, *tid).is_some_and(|e| e.ty == want)
        }
        Difference::OnlyOurs(Key::Process { ts, pid }, _) => {
            event_at(cx, *ts, *pid).is_some_and(|e| e.ty == "clone3" || e.ty == "execveat")
        }
        Difference::OnlyOurs(Key::File { tid, fd, path, .. }, Value::Flow(c)) => {
            // Opened and closed, nothing between: the reference's flow never
            // started.
            opened_by_newer_call(cx, *tid, *fd, path)
                && c.r_ops + c.w_ops == 0
                && c.ops & !(OpFlags::OPEN.0 | OpFlags::CLOSE.0) == 0
        }
        Difference::Differ(Key::File { tid, fd, path, .. }, Value::Flow(o), Value::Flow(t)) => {
            opened_by_newer_call(cx, *tid, *fd, path)
                && o.ops == (t.ops | OpFlags::OPEN.0)
                && Counts {
                    ops: t.ops | OpFlags::OPEN.0,
                    opens: o.opens,
                    ..*t
                } == *o
        }
        _ => false,
    }
}

/// Whether thread `tid` opened `path` on `fd` with openat2 or creat.
fn opened_by_newer_call(cx: &Context<'_>, tid: i64, fd: i64, path: &str) -> bool {
    cx.events.iter().any(|e| {
        !e.enter
            && e.tid == tid
            && (e.ty == "openat2" || e.ty == "creat")
            && e.res == Some(fd)
            && e.fd_name.as_deref() == Some(path)
    })
}

/// A Process record that differs only in `exe`: ours the executable the
/// kernel ran (an exec's `trusted_exepath`), sysdig's the file name that
/// exec was given, resolved against the working directory (a script, or a
/// path through a symbolic link such as `/bin`). Processes cloned later
/// inherit both.
fn trusted_exepath(d: &Difference, cx: &Context<'_>) -> bool {
    let Difference::Differ(Key::Process { .. }, ours, reference) = d else {
        return false;
    };
    let (Value::Process { exe: ours_exe, .. }, Value::Process { exe: their_exe, .. }) =
        (ours, reference)
    else {
        return false;
    };
    let same_otherwise = {
        let strip = |v: &Value| match v {
            Value::Process {
                args,
                uid,
                user,
                gid,
                group,
                ppid,
                ..
            } => Some((args.clone(), *uid, user.clone(), *gid, group.clone(), *ppid)),
            _ => None,
        };
        strip(ours) == strip(reference)
    };
    same_otherwise
        && cx
            .facts
            .execs
            .iter()
            .any(|((ts, tid), (filename, trusted))| {
                if trusted != ours_exe || filename.is_empty() {
                    return false;
                }
                let cwd = cx
                    .events
                    .iter()
                    .find(|e| e.ts == *ts && e.tid == *tid && !e.enter)
                    .and_then(|e| e.cwd.clone())
                    .unwrap_or_default();
                let given = if filename.starts_with('/') {
                    filename.clone()
                } else {
                    format!("{cwd}/{filename}")
                };
                crate::model::normalize(&given) == *their_exe
            })
}

/// A Process record whose user or group differs only because sysdig
/// 0.29.3 ignores setreuid and setregid: the process's last call before
/// the record that changed that id was one of those, and ours is the
/// effective id it set.
fn setre_ids(d: &Difference, cx: &Context<'_>) -> bool {
    let Difference::Differ(Key::Process { ts, pid }, ours, reference) = d else {
        return false;
    };
    let (
        Value::Process {
            exe,
            args,
            uid,
            user,
            gid,
            group,
            ppid,
        },
        Value::Process {
            exe: te,
            args: ta,
            uid: tu,
            user: tus,
            gid: tg,
            group: tgr,
            ppid: tp,
        },
    ) = (ours, reference)
    else {
        return false;
    };
    // The process's last call that changed the (effective) id before the
    // record, if it is a setreuid/setregid: its id.
    let last_setre = |want_gid: bool| {
        cx.facts
            .creds
            .iter()
            .filter(|(p, t, _, g, _)| p == pid && t <= ts && *g == want_gid)
            .max_by_key(|(_, t, _, _, _)| *t)
            .filter(|(_, _, call, _, _)| call.starts_with("setre"))
            .map(|(_, _, _, _, id)| *id)
    };
    let uid_ok = (uid, user) == (tu, tus) || last_setre(false) == Some(*uid);
    let gid_ok = (gid, group) == (tg, tgr) || last_setre(true) == Some(*gid);
    (exe, args, ppid) == (te, ta, tp) && uid_ok && gid_ok
}

/// A flow whose reads or writes include sendmmsg or recvmmsg calls: 2022
/// drivers sent those without parameters, so libsinsp of that age never
/// saw which fd they used. Ours must be the reference's plus exactly the
/// calls and bytes of the raw capture's sendmmsg/recvmmsg exits on that
/// thread and fd.
fn mmsg(d: &Difference, cx: &Context<'_>) -> bool {
    let (key, ours, reference) = match d {
        Difference::Differ(k, o, r) => (k, o, Some(r)),
        Difference::OnlyOurs(k, o) => (k, o, None),
        Difference::OnlyReference(..) => return false,
    };
    let (Key::Net { tid, fd, .. } | Key::File { tid, fd, .. }) = key else {
        return false;
    };
    let Some(&(w_ops, w_bytes, r_ops, r_bytes)) = cx.facts.mmsg.get(&(*tid, *fd)) else {
        return false;
    };
    let zero = Value::Flow(Counts::default());
    let (Value::Flow(o), Value::Flow(t)) = (ours, reference.unwrap_or(&zero)) else {
        return false;
    };
    let mut bits = t.ops;
    if w_ops > 0 {
        bits |= OpFlags::WRITE_SEND.0;
    }
    if r_ops > 0 {
        bits |= OpFlags::READ_RECV.0;
    }
    let expected = Counts {
        ops: bits,
        r_ops: t.r_ops + r_ops,
        r_bytes: t.r_bytes + r_bytes,
        w_ops: t.w_ops + w_ops,
        w_bytes: t.w_bytes + w_bytes,
        ..*t
    };
    *o == expected
}

/// A flow of an fd that arrived with SCM_RIGHTS: libsinsp of 2022 never
/// learns what such an fd is (current libsinsp looks it up, our probe
/// describes it), so the reference has no flow on it: ours is only ours,
/// or, where the fd's number last held the same file on the same thread
/// (a process that sends itself a file it then closes gets it back under
/// that number), the reference's flow of that earlier fd plus exactly the
/// calls on the fd after the receive, to its close.
fn received_fd(d: &Difference, cx: &Context<'_>) -> bool {
    let (Difference::OnlyOurs(Key::File { tid, fd, .. }, _)
    | Difference::Differ(Key::File { tid, fd, .. }, _, _)) = d
    else {
        return false;
    };
    let pid = cx.facts.pid_of.get(tid).copied().unwrap_or(*tid);
    let Some(received) = cx
        .facts
        .received_fds
        .get(&pid)
        .filter(|_| cx.pids.contains(&pid))
    else {
        return false;
    };
    let mut when = received.iter().filter(|(_, f)| f == fd).map(|(ts, _)| *ts);
    match d {
        Difference::OnlyOurs(..) => when.next().is_some(),
        Difference::Differ(_, Value::Flow(o), Value::Flow(t)) => when.any(|ts| {
            let after = crate::model::calls_after(cx.events, *tid, *fd, ts);
            after != Counts::default() && *o == *t + after
        }),
        _ => false,
    }
}

/// The deviation that explains `d`, if any.
pub fn explain(d: &Difference, cx: &Context<'_>) -> Verdict {
    DEVIATIONS
        .iter()
        .find(|dev| (dev.explains)(d, cx))
        .map_or(Verdict::Unexplained, |dev| Verdict::Explained(dev.name))
}

/// Every deviation is named in `docs/deviations.md`.
pub fn self_check() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/deviations.md"),
    )
    .expect("docs/deviations.md");
    for d in DEVIATIONS {
        assert!(
            doc.contains(d.name),
            "deviation {:?} is not named in docs/deviations.md",
            d.name
        );
    }
}
