//! Unit tests of the live engine's pure parts: record decoding and the
//! credential checks (the live test itself is in `tests/it/live.rs`).

use super::driver::{caps_allow_bpf, parse_credentials};
use super::event_gen::{sf_evt_hdr, sf_record, sf_rw_compact, sf_stats};
use super::{LiveError, decode_record};
use crate::abi::AbiRevision;
use crate::param::ParamValue;

#[test]
fn header_layout_matches_falco() {
    assert_eq!(size_of::<sf_evt_hdr>(), 26);
    assert_eq!(size_of::<sf_record>(), 28);
    assert_eq!(size_of::<sf_stats>(), 56);
    assert_eq!(std::mem::offset_of!(sf_evt_hdr, nparams), 22);
}

/// A close exit as the probe writes it: cpu, header, two u16 lengths, values.
#[test]
fn decodes_a_probe_record() {
    let mut rec = Vec::new();
    rec.extend_from_slice(&1u16.to_le_bytes());
    rec.extend_from_slice(&7u64.to_le_bytes());
    rec.extend_from_slice(&42u64.to_le_bytes());
    rec.extend_from_slice(&(26u32 + 4 + 16).to_le_bytes());
    rec.extend_from_slice(&5u16.to_le_bytes());
    rec.extend_from_slice(&2u32.to_le_bytes());
    rec.extend_from_slice(&8u16.to_le_bytes());
    rec.extend_from_slice(&8u16.to_le_bytes());
    rec.extend_from_slice(&0i64.to_le_bytes());
    rec.extend_from_slice(&3i64.to_le_bytes());
    let ev = decode_record(&rec, 9).unwrap();
    assert_eq!(
        (ev.cpu, ev.ts, ev.tid, ev.event_type, ev.index),
        (1, 7, 42, 5, 9)
    );
    assert_eq!(ev.type_name(AbiRevision::Current), Some("close"));
    assert_eq!(
        ev.param(AbiRevision::Current, 1).unwrap().unwrap(),
        ParamValue::Fd(3)
    );
    assert!(decode_record(&rec[..20], 1).is_err());
    assert!(decode_record(&[1], 1).is_err());
}

/// A write exit in the probe's compact form decodes to the event the long
/// form gives: res, empty data, fd (sign-extended), size.
#[test]
fn decodes_a_compact_record() {
    let mut compact = Vec::new();
    compact.extend_from_slice(&(0x8000u16 | 3).to_le_bytes());
    compact.extend_from_slice(&9u16.to_le_bytes()); // write exit
    compact.extend_from_slice(&4_000_000u32.to_le_bytes());
    compact.extend_from_slice(&1_796_683_346_513_949_817u64.to_le_bytes());
    compact.extend_from_slice(&(-9i64).to_le_bytes());
    compact.extend_from_slice(&(-1i32).to_le_bytes());
    compact.extend_from_slice(&4096u32.to_le_bytes());
    assert_eq!(compact.len(), size_of::<sf_rw_compact>());
    let mut long = Vec::new();
    long.extend_from_slice(&3u16.to_le_bytes());
    long.extend_from_slice(&1_796_683_346_513_949_817u64.to_le_bytes());
    long.extend_from_slice(&4_000_000u64.to_le_bytes());
    long.extend_from_slice(&(26u32 + 8 + 20).to_le_bytes());
    long.extend_from_slice(&9u16.to_le_bytes());
    long.extend_from_slice(&4u32.to_le_bytes());
    for len in [8u16, 0, 8, 4] {
        long.extend_from_slice(&len.to_le_bytes());
    }
    long.extend_from_slice(&(-9i64).to_le_bytes());
    long.extend_from_slice(&(-1i64).to_le_bytes());
    long.extend_from_slice(&4096u32.to_le_bytes());
    let (a, b) = (
        decode_record(&compact, 5).unwrap(),
        decode_record(&long, 5).unwrap(),
    );
    assert_eq!(a, b);
    assert_eq!(a.type_name(AbiRevision::Current), Some("write"));
    assert_eq!((a.cpu, a.tid), (3, 4_000_000));
    assert_eq!(
        a.param(AbiRevision::Current, 2).unwrap().unwrap(),
        ParamValue::Fd(-1)
    );
    // Without the mark, 32 bytes are an EV body (here a short one).
    compact[1] = 0;
    assert!(decode_record(&compact, 1).is_err());
}

#[test]
fn credentials() {
    let root = "Name:\tx\nUid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\n";
    let (euid, caps) = parse_credentials(root);
    assert_eq!(euid, 0);
    assert!(caps_allow_bpf(caps));
    let user = "Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n";
    let (euid, caps) = parse_credentials(user);
    assert_eq!(euid, 1000);
    assert!(!caps_allow_bpf(caps));
    // CAP_BPF without CAP_PERFMON is not enough to attach tracing programs.
    assert!(!caps_allow_bpf(1 << 39));
    assert!(caps_allow_bpf((1 << 39) | (1 << 38)));
    let e = LiveError::AccessDenied {
        euid,
        cap_eff: caps,
    };
    assert!(e.to_string().contains("CAP_BPF"));
    assert!(e.is_unsupported_here());
    let e = LiveError::UnknownSyscall {
        name: "frobnicate".into(),
    };
    assert!(!e.is_unsupported_here());
}

#[test]
fn proc_net_addresses() {
    use super::proc_scan::{parse_v4, parse_v6};
    use std::net::{Ipv4Addr, Ipv6Addr};
    assert_eq!(
        parse_v4("0100007F:1F90"),
        Some((Ipv4Addr::new(127, 0, 0, 1), 8080))
    );
    assert_eq!(
        parse_v6("00000000000000000000000001000000:0050"),
        Some((Ipv6Addr::LOCALHOST, 80))
    );
    assert_eq!(parse_v4("zz:1"), None);
}

#[test]
fn open_flags_as_falco_encodes_them() {
    use super::proc_scan::open_flags_to_ppm;
    assert_eq!(open_flags_to_ppm(0), 1); // RDONLY
    assert_eq!(open_flags_to_ppm(0o2 | 0o2000000), 3 | (1 << 12)); // RDWR|CLOEXEC
    // WRONLY|CREAT|TRUNC|CLOEXEC, as the live test's File::create.
    assert_eq!(open_flags_to_ppm(0o1 | 0o100 | 0o1000 | 0o2000000), 4358);
}

/// The scan sees this process: its cwd, and a file it holds open.
#[test]
fn scan_sees_this_process() {
    use crate::fd::FdInfo;
    use crate::reader::Item;
    let f = tempfile_in_target();
    let items = super::scan_proc(std::path::Path::new("/proc"));
    let pid = i64::from(std::process::id());
    let me = items
        .iter()
        .find_map(|i| match i {
            Item::Process(p) if p.tid == pid => Some(p),
            _ => None,
        })
        .expect("this process in the scan");
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(me.cwd, cwd.as_os_str().as_encoded_bytes());
    assert_eq!(me.pid, pid);
    // The executable and its times, from the file system rather than /proc.
    use std::os::unix::fs::MetadataExt;
    let exe = std::fs::metadata(std::env::current_exe().unwrap()).unwrap();
    assert_eq!(me.exe_ino, Some(exe.ino()));
    let mtime = u64::try_from(exe.mtime()).unwrap() * 1_000_000_000
        + u64::try_from(exe.mtime_nsec()).unwrap();
    assert_eq!(me.exe_ino_mtime, Some(mtime));
    assert!(me.vmsize_kb.is_some_and(|v| v > 0), "{:?}", me.vmsize_kb);
    assert!(me.vmrss_kb.is_some_and(|v| v > 0), "{:?}", me.vmrss_kb);
    assert!(me.pfminor.is_some_and(|v| v > 0), "{:?}", me.pfminor);
    assert!(me.loginuid.is_some());
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let pgrp = stat.rsplit(')').next().unwrap().split_whitespace().nth(2);
    assert_eq!(me.pgid, pgrp.and_then(|g| g.parse().ok()));
    assert!(me.cap_effective.is_some());
    // The leader has no clone flags; this test's own thread (libtest runs
    // tests on threads of their own) shares its files.
    assert_eq!(me.flags, 0);
    let tid: i64 = std::fs::read_link("/proc/thread-self")
        .unwrap()
        .file_name()
        .and_then(|n| n.to_str()?.parse().ok())
        .unwrap();
    assert_ne!(tid, pid);
    let thread = items
        .iter()
        .find_map(|i| match i {
            Item::Process(p) if p.tid == tid => Some(p),
            _ => None,
        })
        .expect("this thread in the scan");
    assert_eq!((thread.pid, thread.flags), (pid, 0x2001));
    let name = f.0.as_os_str().as_encoded_bytes();
    assert!(items.iter().any(|i| matches!(
        i,
        Item::Fd(e) if e.tid == pid && matches!(&e.info, FdInfo::File { name: n, .. } if n == name)
    )));
    std::fs::remove_file(&f.0).unwrap();
}

/// A file in the temp directory, held open for the test's duration.
fn tempfile_in_target() -> (std::path::PathBuf, std::fs::File) {
    let dir = std::env::temp_dir();
    let path = dir.join(format!("sysflow-scan-test-{}", std::process::id()));
    let f = std::fs::File::create(&path).unwrap();
    (path, f)
}

/// Events of different CPUs a little out of order come out sorted, once
/// the window has passed them or the stream ends.
#[test]
fn reorder_window() {
    use super::order::{Reorder, WINDOW_NS};
    use crate::event::Event;
    let ev = |ts: u64, index: u64| {
        let mut e = Event::new(ts, 1, 0, 5, &[]);
        e.index = index;
        e
    };
    let mut r = Reorder::default();
    r.push(ev(1_000, 1));
    r.push(ev(900, 2));
    assert!(r.pop_ready(None).is_none(), "held inside the window");
    r.push(ev(1_000 + WINDOW_NS, 3));
    assert_eq!(r.pop_ready(None).map(|e| e.index), Some(2));
    assert_eq!(r.pop_ready(None).map(|e| e.index), Some(1));
    assert!(r.pop_ready(None).is_none());
    // A quiet ring: the clock releases it.
    assert_eq!(
        r.pop_ready(Some(1_000 + 2 * WINDOW_NS)).map(|e| e.index),
        Some(3)
    );
    assert_eq!(r.late, 0);
    // Older than what was released: counted late, still delivered.
    r.push(ev(5, 4));
    assert_eq!(r.late, 1);
    assert_eq!(r.pop().map(|e| e.index), Some(4));
    assert!(r.pop().is_none());
}

/// Whatever the arrival order, the window releases events sorted by
/// timestamp, ties in arrival order.
#[test]
fn reorder_window_sorts_any_arrival_order() {
    use super::order::Reorder;
    use crate::event::Event;
    let mut r = Reorder::default();
    // A deterministic shuffle with ties: ts = (i * 7919) % 50.
    for index in 1..=400u64 {
        let mut e = Event::new((index * 7919) % 50, 1, 0, 5, &[]);
        e.index = index;
        r.push(e);
    }
    let out: Vec<(u64, u64)> = std::iter::from_fn(|| r.pop())
        .map(|e| (e.ts, e.index))
        .collect();
    assert_eq!(out.len(), 400);
    let mut sorted = out.clone();
    sorted.sort_unstable();
    assert_eq!(out, sorted);
}

#[test]
fn kernel_release() {
    use super::driver::{MIN_KERNEL, parse_release};
    assert_eq!(parse_release("6.18.44-fc-v669\n"), Some((6, 18)));
    assert_eq!(parse_release("5.4.0-150-generic"), Some((5, 4)));
    assert_eq!(parse_release("6.1"), Some((6, 1)));
    assert_eq!(parse_release("garbage"), None);
    assert!(parse_release("5.15.0").is_some_and(|v| v < MIN_KERNEL));
    let e = LiveError::KernelTooOld {
        release: "5.15.0".into(),
        required: MIN_KERNEL,
    };
    assert!(e.to_string().contains("5.17 or newer"), "{e}");
}

#[test]
fn users_and_groups_from_etc() {
    use super::proc_scan::users_and_groups;
    use crate::reader::Item;
    use crate::user::{Group, User};
    let items = users_and_groups(
        "root:x:0:0:root:/root:/bin/bash\nbroken\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n",
        "root:x:0:\nadm:x:4:syslog\n",
    );
    assert_eq!(
        items,
        [
            Item::User(User::new(0, 0, b"root", b"/root", b"/bin/bash")),
            Item::User(User::new(
                65534,
                65534,
                b"nobody",
                b"/nonexistent",
                b"/usr/sbin/nologin"
            )),
            Item::Group(Group::new(0, b"root")),
            Item::Group(Group::new(4, b"adm")),
        ]
    );
}

#[test]
fn syscall_selection_table() {
    use super::syscalls::table;
    let t = table(["openat", "mmap", "setuid32"]).unwrap();
    assert_eq!(t[257], 1, "openat");
    assert_eq!(t[9], 1, "mmap");
    assert_eq!(t[0], 0, "read was not asked for");
    assert_eq!(t[3], 0, "close was not asked for either");
    // setuid32 is accepted and means nothing on x86_64.
    assert_eq!(t.iter().filter(|&&b| b == 1).count(), 2);
    match table(["openat", "frobnicate"]) {
        Err(LiveError::UnknownSyscall { name }) => assert_eq!(name, "frobnicate"),
        other => panic!("{other:?}"),
    }
    assert!(super::supported_syscalls().any(|n| n == "renameat2"));
}

/// The probe's default selection (`sc_enabled` in probe.bpf.c, used when
/// no selection is given) is every syscall `SUPPORTED` numbers.
#[test]
fn default_selection_is_every_supported_syscall() {
    let source = include_str!("../../bpf/probe.bpf.c");
    let start = source.find("sc_enabled[SF_SYSCALL_MAX] = {").unwrap();
    let end = start + source[start..].find("};").unwrap();
    let mut default: Vec<u16> = source[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix('[')?.split_once(']')?.0.parse().ok())
        .collect();
    default.sort_unstable();
    let mut supported: Vec<u16> = super::syscalls::SUPPORTED
        .iter()
        .map(|&(_, nr)| nr)
        .filter(|&nr| nr != u16::MAX)
        .collect();
    supported.sort_unstable();
    assert_eq!(default, supported);
}

#[test]
fn process_list_strings_fit_libscap() {
    use super::proc_scan::cut_list;
    assert_eq!(cut_list(b"ab\0cd\0ef\0".to_vec(), 7), b"ab\0cd\0");
    assert_eq!(cut_list(b"ab\0cd\0".to_vec(), 6), b"ab\0cd\0");
    assert_eq!(cut_list(b"abcdef\0".to_vec(), 3), b"");
}

#[test]
fn verifier_log_tail() {
    use super::log_tail;
    let log = (1..=30)
        .map(|i| format!("line {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let tail = log_tail(&format!("{log}\n\n"), 3);
    assert_eq!(tail, "line 28\nline 29\nline 30");
    assert_eq!(log_tail("short", 20), "short");
}
