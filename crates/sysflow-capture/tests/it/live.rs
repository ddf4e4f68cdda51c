//! Live capture through the eBPF probe, end to end: start capture, run our
//! own workload, stop, and assert the exact events of our own thread and
//! child.
//!
//! Skips with a message when not root, on kernels older than 5.17 or without
//! BTF; otherwise it must work (CI runs it as root on a BTF kernel).

use std::io::{Read, Write};
use std::net::{SocketAddr, SocketAddrV4, TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;

use sysflow_capture::{
    AbiRevision, Event, EventSource, LiveConfig, ParamValue, SockAddr, SockTuple,
};

pub(crate) use crate::live_support::{SerialCapture, start_or_skip, stat_field};

const EXECVE_19_X: u16 = 293;
const OPENAT_2_X: u16 = 307;
const WRITE_X: u16 = 9;
const CLOSE_X: u16 = 5;
const PROCEXIT_1_E: u16 = 186;
const CLONE_EXITS: [u16; 4] = [223, 225, 227, 335];
const CONNECT_X: u16 = 23;
const ACCEPT4_6_X: u16 = 389;
const SENDTO_X: u16 = 31;
const RECVFROM_X: u16 = 35;
/// Bytes the TCP client sends, and the server answers.
const REQUEST: usize = 1000;
const RESPONSE: usize = 300;

/// `PPM_O_WRONLY | PPM_O_CREAT | PPM_O_TRUNC | PPM_O_CLOEXEC`: how std's
/// `File::create` opens.
const CREATE_FLAGS: u32 = (1 << 1) | (1 << 2) | (1 << 8) | (1 << 12);
const WRITTEN: usize = 12_345;

/// The calling thread's id.
pub(crate) fn gettid() -> u64 {
    let link = std::fs::read_link("/proc/thread-self").expect("read /proc/thread-self");
    link.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.parse().ok())
        .expect("thread id in /proc/thread-self")
}

/// Captures (this process included) while `workload` runs on its own
/// thread, reading events meanwhile as a collector does, and stops when it
/// returns. Gives the events `keep` accepts and the workload's result, or
/// `None` where live capture is skipped.
pub(crate) fn capture_during<T: Send + 'static>(
    what: &str,
    keep: impl Fn(&Event) -> bool,
    workload: impl FnOnce() -> T + Send + 'static,
) -> Option<(Vec<Event>, T)> {
    let mut config = LiveConfig::default();
    config.capture_self = true;
    let mut capture = start_or_skip(&config, what)?;
    let stop = capture.stop_handle();
    let worker = std::thread::spawn(move || {
        let result = workload();
        stop.stop();
        result
    });
    let mut events = Vec::new();
    while let Some(ev) = capture.next_event().expect("live event") {
        if keep(&ev) {
            events.push(ev);
        }
    }
    Some((events, worker.join().expect("workload thread")))
}

/// Runs `cmd` to its successful end; returns its pid.
pub(crate) fn run_child(cmd: &mut Command) -> u64 {
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let pid = u64::from(child.id());
    let out = child.wait_with_output().expect("wait for the child");
    assert!(out.status.success(), "{cmd:?}: {}", out.status);
    pid
}

/// The index of parameter `name` in events of type `event_type`.
pub(crate) fn slot(event_type: u16, name: &str) -> usize {
    AbiRevision::Current
        .event(event_type)
        .and_then(|info| info.params.iter().position(|p| p.name == name))
        .unwrap_or_else(|| panic!("event {event_type} has no parameter {name}"))
}

pub(crate) fn param(ev: &Event, i: usize) -> ParamValue<'_> {
    ev.param(AbiRevision::Current, i)
        .unwrap_or_else(|| panic!("event {} has no parameter {i}", ev.event_type))
        .expect("parameter decodes")
}

#[test]
fn captures_own_workload() {
    let mut config = LiveConfig::default();
    config.capture_self = true;
    let Some(mut capture) = start_or_skip(&config, "live capture") else {
        return;
    };
    let tid = gettid();
    let pid = u64::from(std::process::id());

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sysflow-live-test.bin");
    let mut f = std::fs::File::create(&path).expect("create");
    f.write_all(&[0x5a; WRITTEN]).expect("write");
    drop(f);
    let unique = format!("sysflow-live-{}-{}", pid, std::process::id() ^ 0x5f5f);
    let status = Command::new("/bin/true")
        .args(["--sysflow-live-test", &unique])
        .status()
        .expect("run /bin/true");
    assert!(status.success());
    let status = Command::new("/bin/sh")
        .args(["-c", "exit 7", &unique])
        .status()
        .expect("run /bin/sh");
    assert_eq!(status.code(), Some(7));
    let (client_addr, server_addr) = tcp_exchange();
    let fs_paths = fs_workload(dir.path());

    let stop = capture.stop_handle();
    stop.stop();
    let mut mine = Vec::new();
    let mut exec = None;
    let mut sh_exec = None;
    let mut exits = Vec::new();
    let mut total = 0u64;
    while let Some(ev) = capture.next_event().expect("live event") {
        total += 1;
        if ev.tid == tid {
            mine.push(ev);
        } else if ev.event_type == EXECVE_19_X
            && param(&ev, 2) == ParamValue::Bytes(format!("-c\0exit 7\0{unique}\0").as_bytes())
        {
            sh_exec = Some(ev);
        } else if ev.event_type == EXECVE_19_X
            && matches!(param(&ev, 2), ParamValue::Bytes(b) if b.windows(unique.len()).any(|w| w == unique.as_bytes()))
        {
            exec = Some(ev);
        } else if ev.event_type == PROCEXIT_1_E {
            exits.push(ev);
        }
    }
    let stats = capture.stats().expect("stats");
    eprintln!("live: {total} events read, {stats:?}");
    assert_eq!(stats.read, total);
    assert_eq!(stats.drops_full, 0);

    check_file_events(&mine, &path);

    // The exec of /bin/true in our child, with its arguments.
    let exec = exec.expect("no execve exit event of our /bin/true child");
    let child = exec.tid;
    assert_eq!(param(&exec, 0), ParamValue::Errno(0));
    assert_eq!(param(&exec, 1), ParamValue::Str(b"/bin/true"));
    let args = format!("--sysflow-live-test\0{unique}\0");
    assert_eq!(param(&exec, 2), ParamValue::Bytes(args.as_bytes()));
    assert_eq!(param(&exec, 3), ParamValue::Pid(child as i64));
    assert_eq!(param(&exec, 4), ParamValue::Pid(child as i64));
    assert_eq!(param(&exec, 5), ParamValue::Pid(pid as i64));
    let cwd = std::env::current_dir().expect("cwd");
    assert_eq!(
        param(&exec, 6),
        ParamValue::Str(cwd.as_os_str().as_encoded_bytes())
    );
    assert_eq!(param(&exec, 13), ParamValue::Str(b"true"));
    // trusted_exepath: the executable's resolved path (/bin may be a link).
    let true_path = std::fs::canonicalize("/bin/true").expect("canonicalize");
    assert_eq!(
        param(&exec, 27),
        ParamValue::Path(true_path.as_os_str().as_encoded_bytes())
    );

    // The clone in our thread returned the child's pid.
    assert!(
        mine.iter().any(|e| CLONE_EXITS.contains(&e.event_type)
            && param(e, 0) == ParamValue::Pid(child as i64)
            && param(e, 4) == ParamValue::Pid(pid as i64)),
        "no clone exit returning {child} in our thread"
    );
    // The child exited with status 0.
    let exit = exits
        .iter()
        .find(|e| e.tid == child)
        .expect("no procexit of our child");
    assert_eq!(param(exit, 0), ParamValue::Errno(0));
    assert_eq!(param(exit, 2), ParamValue::Signal(0));

    // The shell that exited with code 7: wait status 7 << 8, ret 7.
    let sh = sh_exec.expect("no execve exit of our /bin/sh child").tid;
    let exit = exits
        .iter()
        .find(|e| e.tid == sh)
        .expect("no procexit of our shell");
    assert_eq!(param(exit, 0), ParamValue::Errno(7 << 8));
    assert_eq!(param(exit, 1), ParamValue::Errno(7));

    check_tcp_events(&mine, client_addr, server_addr);
    check_fs_events(&mine, &fs_paths);
    drop(dir);
}

/// Connect to our own listener on loopback, send REQUEST bytes, answer
/// RESPONSE bytes; the client's and the server's addresses.
fn tcp_exchange() -> (SocketAddrV4, SocketAddrV4) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let mut client = TcpStream::connect(listener.local_addr().expect("addr")).expect("connect");
    let (mut server, _) = listener.accept().expect("accept");
    client.write_all(&[1; REQUEST]).expect("send");
    server.read_exact(&mut [0; REQUEST]).expect("recv");
    server.write_all(&[2; RESPONSE]).expect("send");
    client.read_exact(&mut [0; RESPONSE]).expect("recv");
    let v4 = |a: SocketAddr| match a {
        SocketAddr::V4(a) => a,
        SocketAddr::V6(_) => panic!("IPv6 address on 127.0.0.1"),
    };
    (
        v4(client.local_addr().expect("addr")),
        v4(server.local_addr().expect("addr")),
    )
}

/// A directory made, a file renamed into it, both removed: the (dir, old
/// file, new file) paths.
fn fs_workload(base: &Path) -> [std::path::PathBuf; 3] {
    let dir = base.join("sysflow-live-dir");
    let old = base.join("sysflow-live-old");
    let new = dir.join("sysflow-live-new");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(&old, b"x").expect("write");
    std::fs::rename(&old, &new).expect("rename");
    std::fs::remove_file(&new).expect("unlink");
    std::fs::remove_dir(&dir).expect("rmdir");
    [dir, old, new]
}

/// mkdir, rename, unlink and rmdir exits with their paths, whichever
/// variant (plain or `*at`) libc chose.
fn check_fs_events(mine: &[Event], [dir, old, new]: &[std::path::PathBuf; 3]) {
    let path = |p: &std::path::PathBuf| p.as_os_str().as_encoded_bytes().to_vec();
    let has = |types: &[(u16, &[usize])], want: &[Vec<u8>]| {
        mine.iter().any(|e| {
            types.iter().any(|(ty, slots)| {
                e.event_type == *ty
                    && param(e, 0) == ParamValue::Errno(0)
                    && slots
                        .iter()
                        .zip(want)
                        .all(|(&i, w)| param(e, i) == ParamValue::Path(w))
            })
        })
    };
    // (event id, path slots): MKDIR_2_X, MKDIRAT_X; RENAME_X, RENAMEAT_X,
    // RENAMEAT2_X; UNLINK_2_X, UNLINKAT_2_X; RMDIR_2_X (or unlinkat).
    assert!(has(&[(277, &[1]), (305, &[2])], &[path(dir)]), "mkdir");
    assert!(
        has(
            &[(175, &[1, 2]), (177, &[2, 4]), (319, &[2, 4])],
            &[path(old), path(new)]
        ),
        "rename"
    );
    assert!(has(&[(301, &[1]), (303, &[2])], &[path(new)]), "unlink");
    assert!(has(&[(279, &[1]), (303, &[2])], &[path(dir)]), "rmdir");
}

/// connect, accept4, and the bytes both ways with their socket tuples.
fn check_tcp_events(mine: &[Event], client: SocketAddrV4, server: SocketAddrV4) {
    let to_server = ParamValue::SockTuple(SockTuple::Inet {
        src: client,
        dst: server,
    });
    let to_client = ParamValue::SockTuple(SockTuple::Inet {
        src: server,
        dst: client,
    });
    let connect = mine
        .iter()
        .find(|e| e.event_type == CONNECT_X && param(e, 1) == to_server)
        .expect("no connect exit with the client->server tuple");
    assert_eq!(param(connect, 0), ParamValue::Errno(0));
    assert_eq!(
        param(connect, 3),
        ParamValue::SockAddr(SockAddr::Inet(server))
    );
    let ParamValue::Fd(client_fd) = param(connect, 2) else {
        panic!("connect fd");
    };
    let accept = mine
        .iter()
        .find(|e| e.event_type == ACCEPT4_6_X && param(e, 1) == to_server)
        .expect("no accept4 exit with the client->server tuple");
    let ParamValue::Fd(server_fd) = param(accept, 0) else {
        panic!("accept fd");
    };
    assert!(server_fd >= 0 && server_fd != client_fd);
    // (event type, fd slot, fd, tuple slot, tuple): bytes summed over calls.
    let bytes = |ty: u16, fd_slot: usize, fd: i64, tuple_slot: usize, tuple: &ParamValue<'_>| {
        mine.iter()
            .filter(|e| e.event_type == ty && param(e, fd_slot) == ParamValue::Fd(fd))
            .map(|e| {
                assert_eq!(
                    &param(e, tuple_slot),
                    tuple,
                    "tuple of event {ty} on fd {fd}"
                );
                match param(e, 0) {
                    ParamValue::Errno(n) => n,
                    other => panic!("res {other:?}"),
                }
            })
            .sum::<i64>()
    };
    assert_eq!(bytes(SENDTO_X, 2, client_fd, 4, &to_server), REQUEST as i64);
    assert_eq!(
        bytes(RECVFROM_X, 3, server_fd, 2, &to_server),
        REQUEST as i64
    );
    assert_eq!(
        bytes(SENDTO_X, 2, server_fd, 4, &to_client),
        RESPONSE as i64
    );
    assert_eq!(
        bytes(RECVFROM_X, 3, client_fd, 2, &to_client),
        RESPONSE as i64
    );
}

/// A one-page ring that nobody reads while 2000 writes happen: the probe
/// counts what did not fit as drops, and everything that fit is read.
#[test]
fn overflow_is_counted_as_drops() {
    let mut config = LiveConfig::default();
    config.capture_self = true;
    config.ring_bytes = 4096;
    let Some(mut capture) = start_or_skip(&config, "live overflow") else {
        return;
    };
    let mut null = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/null")
        .expect("open /dev/null");
    for _ in 0..2000 {
        null.write_all(b"x").expect("write");
    }
    capture.stop_handle().stop();
    let mut read = 0u64;
    while capture.next_event().expect("live event").is_some() {
        read += 1;
    }
    let stats = capture.stats().expect("stats");
    eprintln!("overflow: {stats:?}");
    assert!(stats.drops_full > 0, "{stats:?}");
    assert!(read < 2000, "{read} events read from a one-page ring");
    assert_eq!(stats.read, read);
    assert!(
        stats.submitted >= read && stats.submitted - read <= 8,
        "{stats:?}"
    );
}

/// With only `openat` and `close` selected, our write is not captured,
/// while our open and close are.
#[test]
fn syscall_selection_in_the_kernel() {
    let mut config = LiveConfig::default();
    config.capture_self = true;
    config.syscalls = Some(vec!["openat".into(), "close".into()]);
    let Some(capture) = start_or_skip(&config, "live selection") else {
        return;
    };
    assert_open_close_without_write(capture, "selected.bin");
}

/// Drop mode with a huge sampling ratio keeps almost nothing of each second
/// but what state tracking needs: our open and close, not our write.
#[test]
fn drop_mode_keeps_state_events() {
    let mut config = LiveConfig::default();
    config.capture_self = true;
    config.sampling_ratio = 1_000_000_000;
    let Some(capture) = start_or_skip(&config, "live drop-mode") else {
        return;
    };
    assert_open_close_without_write(capture, "sampled.bin");
}

/// Writes a small file and stops: the capture must hold our thread's open
/// and close but not its write.
fn assert_open_close_without_write(mut capture: SerialCapture, file: &str) {
    let tid = gettid();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut f = std::fs::File::create(dir.path().join(file)).expect("create");
    f.write_all(b"not captured").expect("write");
    drop(f);
    capture.stop_handle().stop();
    let mut types = Vec::new();
    while let Some(ev) = capture.next_event().expect("live event") {
        if ev.tid == tid {
            types.push(ev.event_type);
        }
    }
    assert!(types.contains(&OPENAT_2_X), "{types:?}");
    assert!(types.contains(&CLOSE_X), "{types:?}");
    assert!(!types.contains(&WRITE_X), "{types:?}");
}

/// open, write and close of the temp file, in order, from our thread.
fn check_file_events(mine: &[Event], path: &Path) {
    let name = path.as_os_str().as_encoded_bytes();
    let open = mine
        .iter()
        .position(|e| e.event_type == OPENAT_2_X && param(e, 2) == ParamValue::Path(name))
        .expect("no openat exit for the temp file");
    let o = &mine[open];
    let ParamValue::Fd(fd) = param(o, 0) else {
        panic!("openat fd is not an fd");
    };
    assert!(fd >= 0);
    assert_eq!(param(o, 1), ParamValue::Fd(-100), "dirfd is AT_FDCWD");
    assert_eq!(param(o, 3), ParamValue::Flags(CREATE_FLAGS));
    assert_eq!(param(o, 4), ParamValue::Uint(0o666));
    let rest: Vec<&Event> = mine[open + 1..]
        .iter()
        .filter(|e| matches!(param(e, if e.event_type == CLOSE_X { 1 } else { 2 }), ParamValue::Fd(f) if f == fd))
        .filter(|e| [WRITE_X, CLOSE_X].contains(&e.event_type))
        .take(2)
        .collect();
    let types: Vec<u16> = rest.iter().map(|e| e.event_type).collect();
    assert_eq!(types, [WRITE_X, CLOSE_X], "write then close of fd {fd}");
    let w = rest[0];
    assert_eq!(param(w, 0), ParamValue::Errno(WRITTEN as i64));
    assert_eq!(param(w, 3), ParamValue::Uint(WRITTEN as u64));
    assert_eq!(param(rest[1], 0), ParamValue::Errno(0));
    // Timestamps are ns since the epoch, close to now, and ordered.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos() as u64;
    assert!(
        o.ts < now && now - o.ts < 60_000_000_000,
        "ts {} vs now {now}",
        o.ts
    );
    assert!(o.ts <= w.ts && w.ts <= rest[1].ts);
}

/// A 64-bit process may still make 32-bit syscalls (`int 0x80`), numbered
/// differently: 32-bit `read` is 3, which is 64-bit `close`. The probe must
/// skip them, not report a close. A 64-bit close of another bad fd is the
/// control that the thread is captured at all.
#[cfg(target_arch = "x86_64")]
#[test]
fn compat_syscalls_are_not_read_as_64_bit_ones() {
    const COMPAT_FD: i64 = 424_242;
    const NATIVE_FD: i64 = 424_243;
    const EBADF: i64 = -9;
    // Without IA32 emulation `int 0x80` faults instead of returning.
    if !Path::new("/proc/sys/abi/vsyscall32").exists() {
        sysflow_test_support::skip("this kernel has no 32-bit syscalls (no IA32 emulation)");
        return;
    }
    let mut config = LiveConfig::default();
    config.capture_self = true;
    let Some(mut capture) = start_or_skip(&config, "live compat-syscall") else {
        return;
    };
    let tid = gettid();
    let (compat_ret, native_ret): (i64, i64);
    // SAFETY: a 32-bit read(2) and a 64-bit close(2) of descriptors that do
    // not exist (read with a null buffer and length 0): both fail with EBADF
    // and touch no memory. Only the registers declared here change.
    unsafe {
        // rbx (the first argument) is reserved by LLVM: swap it in and out.
        std::arch::asm!(
            "xchg rbx, {fd}",
            "int 0x80",
            "xchg rbx, {fd}",
            fd = inout(reg) COMPAT_FD => _,
            inlateout("rax") 3i64 => compat_ret,
            // Where a 64-bit close would find its fd: a probe that took this
            // for one would report this fd.
            in("rdi") COMPAT_FD,
            in("rcx") 0i64,
            in("rdx") 0i64,
            options(nostack),
        );
        std::arch::asm!(
            "syscall",
            inlateout("rax") 3i64 => native_ret,
            in("rdi") NATIVE_FD,
            lateout("rcx") _,
            lateout("r11") _,
            options(nostack),
        );
    }
    capture.stop_handle().stop();
    let mut closes = Vec::new();
    while let Some(ev) = capture.next_event().expect("live event") {
        if ev.tid == tid
            && ev.event_type == CLOSE_X
            && let ParamValue::Fd(fd) = param(&ev, 1)
        {
            closes.push(fd);
        }
    }
    assert_eq!((compat_ret, native_ret), (EBADF, EBADF));
    assert!(closes.contains(&NATIVE_FD), "{closes:?}");
    assert!(!closes.contains(&COMPAT_FD), "{closes:?}");
}

/// Where this test may create a cgroup: the memory controller's hierarchy
/// (cgroup v1) or the unified one (v2), from this process's mounts.
fn cgroup_hierarchy() -> Option<std::path::PathBuf> {
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let mut unified = None;
    for line in mounts.lines() {
        // ... mount-point ... - fstype source super-options
        let (left, right) = line.split_once(" - ")?;
        let point = left.split(' ').nth(4)?;
        let mut r = right.split(' ');
        match (r.next(), r.nth(1)) {
            (Some("cgroup"), Some(opts)) if opts.split(',').any(|o| o == "memory") => {
                return Some(point.into());
            }
            (Some("cgroup2"), _) => unified = Some(point.into()),
            _ => {}
        }
    }
    unified
}

/// Processes started during capture in a new cgroup get that cgroup in
/// their exec events (the probe sends a key, the engine reads the list
/// once per key): a long-lived one resolved from /proc, a short-lived one
/// from the cache, and one that stays out of it keeps the old cgroups.
///
/// Nothing here waits on time: the long-lived children (`cat` on a pipe)
/// live until their exec has been read, and the next child starts only
/// then. (With a timed `sleep` a child could end before a busy machine's
/// engine read its `/proc`; and the engine once cached the old cgroup's key
/// with the list of a child read after it had joined the new one.)
#[test]
fn processes_started_in_a_new_cgroup_carry_it() {
    use std::collections::HashMap;
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    use sysflow_capture::LiveNext;

    let Some(hierarchy) = cgroup_hierarchy() else {
        sysflow_test_support::skip("no cgroup hierarchy is mounted");
        return;
    };
    let id = format!("{:016x}", std::process::id()).repeat(4);
    let scope = format!("docker-{id}.scope");
    let dir = hierarchy.join(&scope);
    if let Err(e) = std::fs::create_dir(&dir) {
        sysflow_test_support::skip(format_args!(
            "cannot create the cgroup {}: {e}",
            dir.display()
        ));
        return;
    }
    let join = format!("echo $$ > {}", dir.join("cgroup.procs").display());
    let mut config = LiveConfig::default();
    config.capture_self = true;
    let Some(mut capture) = start_or_skip(&config, "live cgroup") else {
        let _ = std::fs::remove_dir(&dir);
        return;
    };
    let (cgroups, comm) = (slot(EXECVE_19_X, "cgroups"), slot(EXECVE_19_X, "comm"));
    // The last exec of each thread: after it joined (or not) the cgroup.
    let mut last: HashMap<u64, Vec<u8>> = HashMap::new();
    // Polls until `pid`'s exec of cat has been read (and its cgroups
    // resolved), or the capture ended.
    let mut read_until_cat = |capture: &mut SerialCapture, pid: Option<u64>| {
        let started = Instant::now();
        loop {
            let ev = match capture.poll_next().expect("live event") {
                LiveNext::Event(ev) => ev,
                LiveNext::End => return,
                _ => continue,
            };
            if ev.event_type == EXECVE_19_X {
                last.insert(ev.tid, ev.raw_param(cgroups).unwrap_or_default().to_vec());
                if Some(ev.tid) == pid && matches!(param(&ev, comm), ParamValue::Str(b"cat")) {
                    return;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "no exec of cat by {pid:?} in two minutes: {:?}",
                capture.stats()
            );
        }
    };
    let cat = |script: String| {
        Command::new("/bin/sh")
            .arg("-c")
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start a child")
    };
    let end_cat = |mut child: std::process::Child| {
        drop(child.stdin.take());
        let status = child.wait().expect("wait for cat");
        assert!(status.success(), "cat: {status}");
    };

    let long = cat(format!("{join} && exec cat"));
    let long_pid = u64::from(long.id());
    read_until_cat(&mut capture, Some(long_pid));
    end_cat(long);
    let short_pid = run_child(
        Command::new("/bin/sh")
            .arg("-c")
            .arg(format!("{join} && exec /bin/true")),
    );
    let outside = cat("exec cat".to_owned());
    let outside_pid = u64::from(outside.id());
    read_until_cat(&mut capture, Some(outside_pid));
    end_cat(outside);
    capture.stop_handle().stop();
    read_until_cat(&mut capture, None);
    let _ = std::fs::remove_dir(&dir);

    let stats = capture.stats().expect("stats");
    let last_of = |pid: u64| {
        last.get(&pid)
            .cloned()
            .unwrap_or_else(|| panic!("no execve exit of {pid}: {stats:?}"))
    };
    let holds_scope = |list: &[u8]| {
        list.split(|&b| b == 0)
            .any(|entry| String::from_utf8_lossy(entry).ends_with(&format!("/{scope}")))
    };
    let long_list = last_of(long_pid);
    assert!(holds_scope(&long_list), "long-lived: {long_list:?}");
    let short = last_of(short_pid);
    assert!(holds_scope(&short), "short-lived, same cgroup: {short:?}");
    let outside = last_of(outside_pid);
    assert!(!holds_scope(&outside), "outside: {outside:?}");
    assert!(!outside.is_empty(), "outside: resolved ({stats:?})");
}

/// The controlling terminal of an exec'ed program: under `script` (which
/// gives its child a pseudo-terminal) the exec's tty is that terminal's
/// device number, as /proc reports it; without one (`setsid`) it is 0.
#[test]
fn execve_reports_the_controlling_terminal() {
    let has = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has("script") || !has("setsid") {
        sysflow_test_support::skip("util-linux's script and setsid are not installed");
        return;
    }
    let captured = capture_during(
        "live tty",
        |e| e.event_type == EXECVE_19_X,
        move || {
            // The shell under script prints its pid and tty_nr, then execs.
            let with = Command::new("script")
                .args([
                    "-qec",
                    "echo $$ $(cut -d' ' -f7 /proc/$$/stat); exec /bin/true",
                ])
                .arg("/dev/null")
                .output()
                .expect("run script");
            let text = String::from_utf8_lossy(&with.stdout).into_owned();
            let mut it = text.split_whitespace();
            let pid: u64 = it
                .next()
                .and_then(|p| p.parse().ok())
                .expect("pid from script");
            let tty: u32 = it
                .next()
                .and_then(|t| t.parse().ok())
                .expect("tty_nr from script");
            let free_pid = run_child(Command::new("setsid").args(["--wait", "/bin/true"]));
            (pid, tty, free_pid)
        },
    );
    let Some((events, (pid, tty, free_pid))) = captured else {
        return;
    };
    assert_ne!(tty, 0, "script gives its child a terminal");
    let slot = slot(EXECVE_19_X, "tty");
    let last_tty = |tid: u64| {
        events
            .iter()
            .rev()
            .find(|e| e.tid == tid)
            .and_then(|e| e.raw_param(slot))
            .map(|raw| u32::from_le_bytes(raw.try_into().expect("a 4-byte tty")))
    };
    assert_eq!(last_tty(pid), Some(tty));
    assert_eq!(last_tty(free_pid), Some(0));
}

/// An exec'ed program's memory, login uid, capabilities and executable, as
/// /proc and the file system give them while it runs: the exec exit reports
/// the same login uid, capability sets and inode (with its ctime and mtime),
/// and memory sizes no larger than the program's once its libraries are
/// mapped.
#[test]
fn execve_reports_memory_credentials_and_executable() {
    let captured = capture_during(
        "live exec identity",
        |e| e.event_type == EXECVE_19_X || CLONE_EXITS.contains(&e.event_type),
        move || {
            let mut child = Command::new("sleep").arg("0.5").spawn().expect("run sleep");
            let pid = child.id();
            // Once exec'ed (comm is the new program's) and its loader has
            // mapped libc, /proc describes the program. comm alone changes in
            // the middle of the exec, when VmSize is still below what the
            // exec exit reports; libc alone is in the maps before the exec
            // too, those of this process that the spawned child shares.
            let (comm, maps) = (format!("/proc/{pid}/comm"), format!("/proc/{pid}/maps"));
            let execed = || {
                std::fs::read_to_string(&comm).is_ok_and(|c| c.trim() == "sleep")
                    && std::fs::read_to_string(&maps).is_ok_and(|m| m.contains("/libc.so"))
            };
            while !execed() {
                std::thread::yield_now();
            }
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
            let loginuid: u32 = std::fs::read_to_string(format!("/proc/{pid}/loginuid"))
                .expect("loginuid")
                .trim()
                .parse()
                .expect("a login uid");
            let exe = std::fs::metadata(format!("/proc/{pid}/exe")).expect("the executable");
            assert!(child.wait().expect("wait for sleep").success());
            (u64::from(pid), status, stat, loginuid, exe)
        },
    );
    let Some((events, (pid, status, stat, loginuid, exe))) = captured else {
        return;
    };
    let ev = events
        .iter()
        .find(|e| e.tid == pid && param(e, 0) == ParamValue::Errno(0))
        .expect("the exec exit of sleep");
    let num = |name: &str| match param(ev, slot(EXECVE_19_X, name)) {
        ParamValue::Uint(v) | ParamValue::AbsTime(v) => v,
        ParamValue::Uid(v) => u64::from(v),
        ParamValue::Pid(v) => u64::try_from(v).expect("a positive id"),
        other => panic!("{name} is {other:?}"),
    };
    let status_field = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
            .map(str::trim)
            .unwrap_or_else(|| panic!("{key} in status"))
    };
    let hex = |key: &str| u64::from_str_radix(status_field(key), 16).expect("hex capabilities");
    let kb = |key: &str| {
        status_field(key)
            .trim_end_matches(" kB")
            .trim()
            .parse::<u64>()
            .expect("a size in kB")
    };
    use std::os::unix::fs::MetadataExt;
    // sleep stays in this test's process group, whose id is not its own.
    let pgrp: u64 = stat_field(&stat, 5);
    assert_ne!(pgrp, pid);
    assert_eq!(num("pgid"), pgrp);
    let ns_pgid = status_field("NSpgid").split_whitespace().last();
    assert_eq!(Some(num("vpgid")), ns_pgid.and_then(|g| g.parse().ok()));
    assert_eq!(num("loginuid"), u64::from(loginuid));
    assert_eq!(num("cap_inheritable"), hex("CapInh"));
    assert_eq!(num("cap_permitted"), hex("CapPrm"));
    assert_eq!(num("cap_effective"), hex("CapEff"));
    assert_eq!(num("exe_ino"), exe.ino());
    let ns = |secs: i64, nsecs: i64| {
        u64::try_from(secs).expect("a time after 1970") * 1_000_000_000
            + u64::try_from(nsecs).expect("nanoseconds")
    };
    assert_eq!(num("exe_ino_ctime"), ns(exe.ctime(), exe.ctime_nsec()));
    assert_eq!(num("exe_ino_mtime"), ns(exe.mtime(), exe.mtime_nsec()));
    // At the exec's exit only the program, its loader and stack are mapped,
    // and so few pages are resident that the kernel's approximate count (what
    // /proc shows too) may still be 0.
    let (vm_size, vm_rss) = (num("vm_size"), num("vm_rss"));
    assert!(
        vm_size > 0 && vm_size <= kb("VmSize"),
        "vm_size {vm_size}: {status}"
    );
    assert!(vm_rss <= vm_size, "vm_rss {vm_rss}, vm_size {vm_size}");
    assert_eq!(num("vm_swap"), 0);
    // The child's clone exit still has this test's memory (copied or
    // shared), megabytes of it resident.
    let clone = events
        .iter()
        .find(|e| e.tid == pid && CLONE_EXITS.contains(&e.event_type))
        .expect("the clone exit of sleep's child side");
    let clone_num = |name: &str| match param(clone, slot(clone.event_type, name)) {
        ParamValue::Uint(v) => v,
        other => panic!("{name} is {other:?}"),
    };
    let (vm_size, vm_rss) = (clone_num("vm_size"), clone_num("vm_rss"));
    assert!(
        vm_rss >= 1024 && vm_rss < vm_size,
        "clone: vm_rss {vm_rss}, vm_size {vm_size}"
    );
}

/// A process in a new pid namespace: its clone exit carries its ids inside
/// that namespace (1 for the namespace's first process), its host thread id
/// as the event's thread, and the parent's exit returns that host id.
#[test]
fn clone_into_a_pid_namespace_reports_the_namespace_ids() {
    let unshare_works = Command::new("unshare")
        .args(["--pid", "--fork", "/bin/true"])
        .status()
        .is_ok_and(|s| s.success());
    if !unshare_works {
        sysflow_test_support::skip("`unshare --pid --fork` does not work here");
        return;
    }
    let captured = capture_during(
        "live pid-namespace",
        |e| CLONE_EXITS.contains(&e.event_type),
        move || {
            run_child(Command::new("unshare").args([
                "--pid",
                "--fork",
                "/bin/sh",
                "-c",
                "exec /bin/true",
            ]))
        },
    );
    let Some((clones, unshare_pid)) = captured else {
        return;
    };
    let (vtid, vpid) = (slot(CLONE_EXITS[0], "vtid"), slot(CLONE_EXITS[0], "vpid"));
    // unshare's own fork: returns the child's host id.
    let parent = clones
        .iter()
        .find(|e| e.tid == unshare_pid && matches!(param(e, 0), ParamValue::Pid(r) if r > 0))
        .expect("unshare's clone exit");
    let ParamValue::Pid(child) = param(parent, 0) else {
        unreachable!()
    };
    let child = u64::try_from(child).expect("a host pid");
    let in_child = clones
        .iter()
        .find(|e| e.tid == child && param(e, 0) == ParamValue::Pid(0))
        .expect("the child's clone exit");
    assert_eq!(param(in_child, vtid), ParamValue::Pid(1));
    assert_eq!(param(in_child, vpid), ParamValue::Pid(1));
    // The parent is in the host's namespace: its ids there are its host ids.
    assert_eq!(param(parent, vtid), ParamValue::Pid(unshare_pid as i64));
}

/// Records of many sizes through a one-page ring that the reader keeps
/// draining: the ring's positions wrap around its end some twenty times, and
/// records that straddle the end (the reader maps the data pages once, and
/// joins such a record's two pieces) read whole, in order.
#[test]
fn records_that_wrap_the_ring_read_whole() {
    use std::time::{Duration, Instant};
    use sysflow_capture::LiveNext;

    let mut config = LiveConfig::default();
    config.capture_self = true;
    config.ring_bytes = 4096;
    // Woken at every record: the page never holds the default's mark.
    config.wakeup_bytes = 0;
    // A quiet ring releases one held event per poll timeout.
    config.poll_timeout = Duration::from_millis(1);
    config.syscalls = Some(vec!["openat".into()]);
    let Some(mut capture) = start_or_skip(&config, "live ring wrap") else {
        return;
    };
    let tid = gettid();
    let name = slot(OPENAT_2_X, "name");
    let prefix = format!("/nonexistent-sysflow-wrap-{}-", std::process::id());
    // Whatever the start's own `/proc` scan left in the page (and dropped)
    // is read first: until the first round's opens come through.
    let before = loop {
        let mut first = None;
        let path = format!("{prefix}start");
        assert!(std::fs::File::open(&path).is_err());
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(1) {
            let LiveNext::Event(ev) = capture.poll_next().expect("live event") else {
                continue;
            };
            if ev.tid == tid
                && ev.event_type == OPENAT_2_X
                && param(&ev, name) == ParamValue::Path(path.as_bytes())
            {
                first = Some(capture.stats().expect("stats").drops_full);
                break;
            }
        }
        if let Some(drops) = first {
            break drops;
        }
    };
    let mut seen = Vec::new();
    let mut expected = Vec::new();
    for round in 0..60usize {
        let mut want = Vec::new();
        for j in 0..8usize {
            // 0 to 150 bytes more: record sizes step through every multiple
            // of 8 the ring's positions move by.
            let pad = "x".repeat((round * 7 + j * 53) % 151);
            let path = format!("{prefix}{round}-{j}-{pad}");
            assert!(std::fs::File::open(&path).is_err());
            want.push(path);
        }
        let started = Instant::now();
        let mut got = 0;
        while got < want.len() && started.elapsed() < Duration::from_secs(10) {
            let LiveNext::Event(ev) = capture.poll_next().expect("live event") else {
                continue;
            };
            if ev.tid != tid || ev.event_type != OPENAT_2_X {
                continue;
            }
            let ParamValue::Path(path) = param(&ev, name) else {
                panic!("openat without a name: {ev:?}");
            };
            let path = String::from_utf8_lossy(path).into_owned();
            if path.starts_with(&prefix) {
                seen.push(path);
                got += 1;
            }
        }
        expected.extend(want);
    }
    let stats = capture.stats().expect("stats");
    if stats.drops_full == before {
        assert_eq!(seen, expected, "{stats:?}");
    } else {
        // Another test's opens filled the page: what was read is still
        // whole and in order.
        let mut rest = expected.iter();
        for path in &seen {
            assert!(rest.any(|p| p == path), "{path} is not a record we made");
        }
    }
}
