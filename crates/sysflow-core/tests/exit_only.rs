//! The state rules on exit events that carry their enter's parameters (what
//! live capture and current Falco drivers send), and the enter+exit layouts
//! of older captures where a rule reads the enter; and on the task_file
//! events live capture sends for fds received with SCM_RIGHTS: each test writes the
//! events a short program makes and checks the records that name the state
//! the rule keeps (which file an fd is, which user a process runs as, which
//! address a socket has).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::net::Ipv4Addr;

use common::{MS, T0, feed, i64p, processor, u32p};
use sysflow_core::Processor;
use sysflow_types::{NetworkFlow, OpFlags, SfObjectState, SysFlow};

const READ_X: u16 = 7;
const WRITE_X: u16 = 9;
const CLOSE_X: u16 = 5;
const SOCKET_X: u16 = 19;
const BIND_X: u16 = 21;
const CONNECT_X: u16 = 23;
const SENDTO_X: u16 = 31;
const RECVFROM_X: u16 = 35;
const RECVMSG_X: u16 = 53;
const FCNTL_E: u16 = 150;
const FCNTL_X: u16 = 151;
const MMAP_X: u16 = 161;
const SETUID_X: u16 = 199;
const OPENAT_2_X: u16 = 307;
const DUP2_X: u16 = 363;
const EVENTFD2_X: u16 = 397;
const CLOSE_RANGE_X: u16 = 451;
const TASK_FILE_REGULAR_E: u16 = 436;
const TASK_FILE_DIRECTORY_E: u16 = 438;
const TASK_FILE_SOCKET_INET_E: u16 = 440;

const PID: u64 = 700;
const PPM_AF_INET: u8 = 2;
/// `PPM_FCNTL_F_DUPFD_CLOEXEC`.
const F_DUPFD_CLOEXEC: u8 = 26;
/// `PPM_O_RDWR | PPM_O_CREAT`.
const RDWR_CREAT: u32 = 1 | 2 | 4;

fn cstr(s: &str) -> Vec<u8> {
    let mut v = s.as_bytes().to_vec();
    v.push(0);
    v
}

fn sockaddr(ip: Ipv4Addr, port: u16) -> Vec<u8> {
    let mut v = vec![PPM_AF_INET];
    v.extend(ip.octets());
    v.extend(port.to_le_bytes());
    v
}

fn tuple(src: (Ipv4Addr, u16), dst: (Ipv4Addr, u16)) -> Vec<u8> {
    let mut v = vec![PPM_AF_INET];
    v.extend(src.0.octets());
    v.extend(src.1.to_le_bytes());
    v.extend(dst.0.octets());
    v.extend(dst.1.to_le_bytes());
    v
}

/// A test program: a processor, its records and a clock.
struct Run {
    p: Processor,
    out: Vec<SysFlow>,
    ts: u64,
}

impl Run {
    fn new() -> Run {
        Run {
            p: processor(),
            out: Vec::new(),
            ts: T0,
        }
    }

    fn ev(&mut self, ty: u16, params: &[Vec<u8>]) {
        self.ts += MS;
        feed(&mut self.p, &mut self.out, self.ts, PID, ty, params);
    }

    fn openat(&mut self, fd: i64, path: &str) {
        let params = [
            i64p(fd),
            i64p(-100),
            cstr(path),
            u32p(RDWR_CREAT),
            u32p(0o644),
            u32p(0),
            i64p(0),
        ];
        self.ev(OPENAT_2_X, &params);
    }

    fn read(&mut self, fd: i64, n: i64) {
        self.ev(READ_X, &[i64p(n), vec![], i64p(fd), u32p(64)]);
    }

    fn write(&mut self, fd: i64, n: i64) {
        self.ev(WRITE_X, &[i64p(n), vec![], i64p(fd), u32p(64)]);
    }

    fn close(&mut self, fd: i64) {
        self.ev(CLOSE_X, &[i64p(0), i64p(fd)]);
    }

    /// A recvmsg on unix socket `sock` that received fds with SCM_RIGHTS,
    /// then the events the probe sends for them (`described`: each a
    /// task_file event id and its parameters after the fd), at its time.
    fn receive(&mut self, sock: i64, described: &[(u16, i32, Vec<Vec<u8>>)]) {
        let control = Vec::new(); // not read: the events say what arrived
        self.ev(
            RECVMSG_X,
            &[i64p(1), u32p(1), vec![], vec![], control, i64p(sock)],
        );
        for (ty, fd, rest) in described {
            let mut params = vec![fd.to_le_bytes().to_vec()];
            params.extend(rest.iter().cloned());
            // At the recvmsg's time, as the probe sends them.
            feed(&mut self.p, &mut self.out, self.ts, PID, *ty, &params);
        }
    }

    fn finish(mut self) -> Vec<SysFlow> {
        self.p.finish(&mut self.out).unwrap();
        self.out
    }
}

/// `(path, read bytes, written bytes, op flags)` of every FileFlow.
fn file_flows(recs: &[SysFlow]) -> Vec<(String, i64, i64, OpFlags)> {
    let path = |oid| {
        recs.iter()
            .find_map(|r| match r {
                SysFlow::File(f) if f.oid == oid => Some(f.path.clone()),
                _ => None,
            })
            .unwrap_or_default()
    };
    recs.iter()
        .filter_map(|r| match r {
            SysFlow::FileFlow(f) => Some((
                path(f.file_oid),
                f.num_r_recv_bytes,
                f.num_w_send_bytes,
                OpFlags(f.op_flags.0 & !OpFlags::TRUNCATE.0),
            )),
            _ => None,
        })
        .collect()
}

fn net_flows(recs: &[SysFlow]) -> Vec<&NetworkFlow> {
    recs.iter()
        .filter_map(|r| match r {
            SysFlow::NetworkFlow(n) => Some(n),
            _ => None,
        })
        .collect()
}

fn ip(a: Ipv4Addr) -> i32 {
    i32::from_le_bytes(a.octets())
}

#[test]
fn a_close_without_its_enter_frees_the_fd() {
    let mut r = Run::new();
    r.openat(3, "/tmp/victim.txt");
    r.read(3, 10);
    r.close(3);
    // A read on the closed fd fails (EBADF): it is nobody's file flow.
    r.read(3, -9);
    let recs = r.finish();
    let reads: Vec<i64> = recs
        .iter()
        .filter_map(|x| match x {
            SysFlow::FileFlow(f) => Some(f.num_r_recv_ops),
            _ => None,
        })
        .collect();
    assert_eq!(reads, [1]);
    assert_eq!(
        file_flows(&recs),
        [(
            "/tmp/victim.txt".to_owned(),
            10,
            0,
            OpFlags::OPEN | OpFlags::READ_RECV | OpFlags::CLOSE
        )]
    );
}

#[test]
fn an_fd_reused_by_an_eventfd_is_no_file() {
    let mut r = Run::new();
    r.openat(3, "/tmp/victim.txt");
    r.close(3);
    r.ev(EVENTFD2_X, &[i64p(3), 0u16.to_le_bytes().to_vec(), i64p(0)]);
    r.read(3, 8);
    let flows = file_flows(&r.finish());
    assert_eq!(
        flows,
        [(
            "/tmp/victim.txt".to_owned(),
            0,
            0,
            OpFlags::OPEN | OpFlags::CLOSE
        )]
    );
}

#[test]
fn close_range_closes_every_fd_in_it() {
    let mut r = Run::new();
    r.openat(3, "/tmp/a");
    r.openat(4, "/tmp/b");
    r.openat(5, "/tmp/c");
    r.ev(CLOSE_RANGE_X, &[i64p(0), u32p(4), u32p(u32::MAX), u32p(0)]);
    for fd in 3..=5 {
        r.write(fd, 1);
    }
    let written: Vec<(String, i64)> = file_flows(&r.finish())
        .into_iter()
        .map(|(p, _, w, _)| (p, w))
        .collect();
    // The flows of b and c end at the process's end without their writes.
    assert!(written.contains(&("/tmp/a".to_owned(), 1)), "{written:?}");
    assert!(written.contains(&("/tmp/b".to_owned(), 0)), "{written:?}");
    assert!(written.contains(&("/tmp/c".to_owned(), 0)), "{written:?}");
}

/// A shell saving stdout with `fcntl(1, F_DUPFD_CLOEXEC, 10)`, redirecting it
/// to a file and restoring it with `dup2(saved, 1)`: writes after the
/// restore go to the original stdout. `with_enter` writes the enter+exit
/// layout of older captures, otherwise the exit-only one.
fn save_redirect_restore(with_enter: bool) -> Vec<(String, i64, i64, OpFlags)> {
    let mut r = Run::new();
    r.openat(1, "/tmp/stdout.log");
    if with_enter {
        r.ev(FCNTL_E, &[i64p(1), vec![F_DUPFD_CLOEXEC]]);
        r.ev(FCNTL_X, &[i64p(11)]);
    } else {
        let params = [i64p(11), i64p(1), vec![F_DUPFD_CLOEXEC], i64p(10)];
        r.ev(FCNTL_X, &params);
    }
    r.openat(3, "/tmp/redirect.txt");
    r.ev(DUP2_X, &[i64p(1), i64p(3), i64p(1)]);
    r.close(3);
    r.write(1, 5);
    r.ev(DUP2_X, &[i64p(1), i64p(11), i64p(1)]);
    r.close(11);
    r.write(1, 7);
    let mut flows = file_flows(&r.finish());
    flows.sort();
    flows
}

#[test]
fn fcntl_dupfd_cloexec_is_a_dup_with_and_without_its_enter() {
    for with_enter in [true, false] {
        let flows = save_redirect_restore(with_enter);
        let written = |path: &str| -> i64 {
            flows
                .iter()
                .filter(|f| f.0 == path)
                .map(|f| f.2)
                .sum::<i64>()
        };
        assert_eq!(written("/tmp/redirect.txt"), 5, "{flows:#?}");
        assert_eq!(written("/tmp/stdout.log"), 7, "{flows:#?}");
        // The saved copy's close is its own flow, on fd 11.
        assert!(
            flows
                .iter()
                .any(|f| f.0 == "/tmp/stdout.log" && f.3 == OpFlags::CLOSE),
            "{flows:#?}"
        );
    }
}

#[test]
fn setuid_without_its_enter_changes_the_user() {
    let mut r = Run::new();
    r.openat(3, "/tmp/before");
    r.ev(SETUID_X, &[i64p(0), u32p(65534)]);
    r.openat(4, "/tmp/after");
    let recs = r.finish();
    let modified: Vec<_> = recs
        .iter()
        .filter_map(|x| match x {
            SysFlow::Process(p) if p.state == SfObjectState::Modified => Some(p.uid),
            _ => None,
        })
        .collect();
    assert_eq!(modified, [65534]);
    let args: Vec<_> = recs
        .iter()
        .filter_map(|x| match x {
            SysFlow::ProcessEvent(e) if e.op_flags == OpFlags::SETUID => Some(e.args.clone()),
            _ => None,
        })
        .collect();
    // No user list: the uid has no name, which the reference shows as `<NA>`.
    assert_eq!(args, [vec!["<NA>".to_owned()]]);
}

#[test]
fn a_refused_connect_keeps_the_address_it_was_given() {
    let mut r = Run::new();
    let lo = Ipv4Addr::LOCALHOST;
    r.ev(SOCKET_X, &[i64p(3), u32p(2), u32p(1), u32p(0), u32p(0)]);
    r.ev(CONNECT_X, &[i64p(-111), vec![], i64p(3), sockaddr(lo, 9)]);
    r.close(3);
    let recs = r.finish();
    let nets = net_flows(&recs);
    assert_eq!(nets.len(), 1, "{nets:#?}");
    let n = nets[0];
    // Never connected, the socket has no role, and libsinsp shows no
    // protocol for it: the reference writes -1.
    assert_eq!(
        (n.sip, n.sport, n.dip, n.dport, n.proto),
        (0, 0, ip(lo), 9, -1)
    );
    assert_eq!(n.op_flags, OpFlags::CONNECT | OpFlags::CLOSE);
}

#[test]
fn a_bound_socket_is_a_server_with_no_flow() {
    let mut r = Run::new();
    r.ev(SOCKET_X, &[i64p(3), u32p(2), u32p(1), u32p(0), u32p(0)]);
    r.ev(
        BIND_X,
        &[i64p(0), sockaddr(Ipv4Addr::UNSPECIFIED, 8080), i64p(3)],
    );
    r.close(3);
    assert!(net_flows(&r.finish()).is_empty());
}

#[test]
fn datagrams_give_an_unconnected_socket_its_tuple() {
    let mut r = Run::new();
    let (lo, other) = (Ipv4Addr::LOCALHOST, Ipv4Addr::new(10, 0, 0, 2));
    r.ev(SOCKET_X, &[i64p(3), u32p(2), u32p(2), u32p(0), u32p(0)]);
    // A client: the first datagram goes out, the answer comes back.
    r.ev(
        SENDTO_X,
        &[
            i64p(12),
            vec![],
            i64p(3),
            u32p(12),
            tuple((lo, 40000), (other, 53)),
        ],
    );
    r.ev(
        RECVFROM_X,
        &[
            i64p(40),
            vec![],
            tuple((other, 53), (lo, 40000)),
            i64p(3),
            u32p(512),
        ],
    );
    r.close(3);
    let recs = r.finish();
    let nets = net_flows(&recs);
    assert_eq!(nets.len(), 1, "{nets:#?}");
    let n = nets[0];
    assert_eq!(
        (n.sip, n.sport, n.dip, n.dport, n.proto),
        (ip(lo), 40000, ip(other), 53, 17)
    );
    assert_eq!((n.num_w_send_bytes, n.num_r_recv_bytes), (12, 40));
}

#[test]
fn an_mmap_exit_names_its_file() {
    let mut r = Run::new();
    r.openat(3, "/usr/lib/libdemo.so");
    let params = [
        i64p(0x7f00_0000_0000),
        u32p(0),
        u32p(0),
        u32p(0),
        i64p(0),
        i64p(8192),
        u32p(1),
        u32p(1 << 1),
        i64p(3),
        i64p(0),
    ];
    r.ev(MMAP_X, &params);
    let flows = file_flows(&r.finish());
    assert_eq!(flows.len(), 1);
    assert_eq!(flows[0].3, OpFlags::OPEN | OpFlags::MMAP);
}

/// A real capture in the enter+exit layout of 2022 captures (recorded
/// live, rewritten by `scapcopy --legacy`, kept to the one process): bash
/// redirects stdout to `stdout.txt` and execs busybox's shell, which runs
/// `echo one > first.txt; echo two; echo three > second.txt; echo four`.
/// For each redirected builtin, busybox saves stdout with
/// `fcntl(1, F_DUPFD_CLOEXEC, 10)` (to fd 11), redirects it, writes, and
/// restores it with `dup2(11, 1)` before closing 11: `two` and `four` go to
/// stdout.txt, and the saved copy's closes are stdout.txt's too.
#[test]
fn busybox_restores_stdout_saved_with_f_dupfd_cloexec() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/busybox-dupfd.scap");
    let mut p = processor();
    let mut out = Vec::new();
    for item in sysflow_capture::ScapReader::open(&path).expect("open the capture") {
        p.handle(&item.expect("the capture reads"), &mut out)
            .expect("vec sink");
    }
    p.finish(&mut out).expect("vec sink");
    let written = |file: &str, fd: i32| -> (i64, i64) {
        let oid = out.iter().find_map(|r| match r {
            SysFlow::File(f) if f.path == format!("/tmp/bbx/work/{file}") => Some(f.oid),
            _ => None,
        });
        out.iter()
            .filter_map(|r| match r {
                SysFlow::FileFlow(f) if Some(f.file_oid) == oid && f.fd == fd => {
                    Some((f.num_w_send_ops, f.num_w_send_bytes))
                }
                _ => None,
            })
            .fold((0, 0), |a, w| (a.0 + w.0, a.1 + w.1))
    };
    assert_eq!(written("first.txt", 1), (1, 4));
    assert_eq!(written("second.txt", 1), (1, 6));
    assert_eq!(written("stdout.txt", 1), (2, 9));
    let closes_of_saved = out
        .iter()
        .filter(|r| matches!(r, SysFlow::FileFlow(f) if f.fd == 11 && f.op_flags.contains(OpFlags::CLOSE)))
        .count();
    assert_eq!(closes_of_saved, 2);
}

/// A capture's fd list (or the /proc scan at start) lists a socket that
/// listens on 8080 and a connection accepted on it: the listener is no flow
/// when it closes, and the connection, its local port being a listening
/// one, is the server's end, written client first with its protocol.
#[test]
fn listed_listeners_are_no_flows_and_their_connections_are_server_ends() {
    use sysflow_capture::{FdEntry, FdInfo, Item};
    let lo = Ipv4Addr::LOCALHOST;
    let mut r = Run::new();
    let listed = [
        FdEntry::new(
            PID as i64,
            5,
            0,
            5,
            FdInfo::Ipv4Server {
                ip: Ipv4Addr::UNSPECIFIED,
                port: 8080,
                l4proto: 2,
            },
        ),
        FdEntry::new(
            PID as i64,
            6,
            0,
            3,
            FdInfo::Ipv4Socket {
                sip: lo,
                dip: lo,
                sport: 8080,
                dport: 40000,
                l4proto: 2,
            },
        ),
    ];
    for e in listed {
        r.p.handle(&Item::Fd(e), &mut r.out).unwrap();
    }
    r.close(5);
    r.close(6);
    let recs = r.finish();
    let nets = net_flows(&recs);
    assert_eq!(nets.len(), 1, "{nets:#?}");
    let n = nets[0];
    assert_eq!(
        (n.sip, n.sport, n.dip, n.dport, n.proto, n.fd),
        (ip(lo), 40000, ip(lo), 8080, 6, 6)
    );
}

/// A file received with SCM_RIGHTS: its later reads (it was never opened
/// here, so its flow has no OPEN and, as the reference writes flows, no
/// open flags) are a FileFlow of that file.
#[test]
fn a_received_file_is_read_as_that_file() {
    let mut r = Run::new();
    // PPM_O_RDONLY | PPM_O_LARGEFILE.
    let flags = 1 | (1 << 11);
    let file = vec![
        cstr("/tmp/passed.txt"),
        u32p(flags),
        u32p(25),
        7_340_033u64.to_le_bytes().to_vec(),
    ];
    r.receive(4, &[(TASK_FILE_REGULAR_E, 5, file)]);
    r.read(5, 10);
    r.read(5, 15);
    r.close(5);
    assert_eq!(
        file_flows(&r.finish()),
        [(
            "/tmp/passed.txt".to_owned(),
            25,
            0,
            OpFlags::READ_RECV | OpFlags::CLOSE
        )]
    );
}

/// A directory received with SCM_RIGHTS is a dirfd that relative paths
/// resolve against.
#[test]
fn a_received_directory_resolves_relative_paths() {
    let mut r = Run::new();
    let dir = vec![cstr("/srv/data"), 42u64.to_le_bytes().to_vec()];
    r.receive(4, &[(TASK_FILE_DIRECTORY_E, 6, dir)]);
    let params = [
        i64p(7),
        i64p(6),
        cstr("report.txt"),
        u32p(RDWR_CREAT),
        u32p(0o644),
        u32p(0),
        i64p(0),
    ];
    r.ev(OPENAT_2_X, &params);
    r.write(7, 3);
    let flows = file_flows(&r.finish());
    assert_eq!(flows.len(), 1, "{flows:?}");
    assert_eq!(
        (flows[0].0.as_str(), flows[0].2),
        ("/srv/data/report.txt", 3)
    );
}

/// A connected IPv4 socket received with SCM_RIGHTS: its sends are a
/// NetworkFlow of its tuple, local end first. libsinsp gives a socket it
/// adds this way no role, and so shows no protocol: the reference writes -1.
#[test]
fn a_received_socket_sends_on_its_connection() {
    let mut r = Run::new();
    let (local, remote) = (Ipv4Addr::new(10, 0, 0, 1), Ipv4Addr::new(10, 0, 0, 2));
    let sock = vec![
        1u16.to_le_bytes().to_vec(),
        6u16.to_le_bytes().to_vec(),
        local.octets().to_vec(),
        40000u16.to_le_bytes().to_vec(),
        remote.octets().to_vec(),
        80u16.to_le_bytes().to_vec(),
        99u64.to_le_bytes().to_vec(),
    ];
    r.receive(4, &[(TASK_FILE_SOCKET_INET_E, 8, sock)]);
    r.write(8, 12);
    let recs = r.finish();
    let nets = net_flows(&recs);
    assert_eq!(nets.len(), 1, "{nets:#?}");
    let n = nets[0];
    assert_eq!(
        (n.sip, n.sport, n.dip, n.dport, n.proto),
        (ip(local), 40000, ip(remote), 80, -1)
    );
    assert_eq!((n.num_w_send_ops, n.num_w_send_bytes), (1, 12));
}
