//! Live capture of the syscalls that change the state libsinsp keeps (the
//! probe's state syscall set, issue 13): each test makes the syscalls
//! itself, on its own thread, and asserts every parameter of their exit
//! events exactly, in the encodings Falco's modern probe uses.
//!
//! Skips, like `live`, where this machine cannot capture.

use std::ffi::CString;
use std::os::fd::AsRawFd;

use sysflow_capture::{Event, ParamValue};

use super::live::{capture_during, gettid, param, slot};

/// Every parameter of an event, decoded.
fn params(ev: &Event) -> Vec<ParamValue<'_>> {
    (0..ev.nparams()).map(|i| param(ev, i)).collect()
}

/// A raw syscall, so that libc chooses neither the variant (glibc's
/// `eventfd` is eventfd2) nor the threads it applies to (glibc's `setuid`
/// changes every thread's credentials; the syscall only the caller's).
/// Gives the result as the kernel returns it: `-errno` on failure.
fn sys(nr: libc::c_long, args: &[i64]) -> i64 {
    let a = |i: usize| args.get(i).copied().unwrap_or(0);
    // SAFETY: each caller passes the syscall's arguments; pointers among
    // them point to live values of the type the syscall expects.
    let r = unsafe { libc::syscall(nr, a(0), a(1), a(2), a(3), a(4), a(5)) };
    if r < 0 {
        -i64::from(std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
    } else {
        r
    }
}

/// The exit events of thread `tid` of the given types, in order.
fn of_thread(events: &[Event], tid: u64, types: &[u16]) -> Vec<Event> {
    events
        .iter()
        .filter(|e| e.tid == tid && types.contains(&e.event_type))
        .cloned()
        .collect()
}

/// Asserts the events are exactly `want`: (event type, every parameter).
fn assert_events(got: &[Event], want: &[(u16, Vec<ParamValue<'_>>)]) {
    let got: Vec<(u16, Vec<ParamValue<'_>>)> =
        got.iter().map(|e| (e.event_type, params(e))).collect();
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g, w);
    }
}

const CHDIR_X: u16 = 95;
const FCHDIR_X: u16 = 97;
const CHROOT_X: u16 = 267;

/// chdir (also one that fails), fchdir and chroot, on a thread that has
/// its own working directory and root (`unshare(CLONE_FS)`), so that the
/// other tests of this process keep theirs.
#[test]
fn working_directory_and_root() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir(&a).expect("mkdir");
    std::fs::create_dir(&b).expect("mkdir");
    let missing = dir.path().join("missing");
    let (a2, b2, missing2) = (a.clone(), b.clone(), missing.clone());
    let captured = capture_during(
        "live cwd",
        |e| [CHDIR_X, FCHDIR_X, CHROOT_X].contains(&e.event_type),
        move || {
            // Before the chroot, after which /proc is out of reach.
            let tid = gettid();
            assert_eq!(sys(libc::SYS_unshare, &[i64::from(libc::CLONE_FS)]), 0);
            let c = |p: &std::path::Path| CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
            let (ca, cm) = (c(&a2), c(&missing2));
            let b_dir = std::fs::File::open(&b2).expect("open b");
            let fd = i64::from(b_dir.as_raw_fd());
            let r = [
                sys(libc::SYS_chdir, &[ca.as_ptr() as i64]),
                sys(libc::SYS_chdir, &[cm.as_ptr() as i64]),
                sys(libc::SYS_fchdir, &[fd]),
                sys(libc::SYS_chroot, &[ca.as_ptr() as i64]),
            ];
            (tid, fd, r)
        },
    );
    let Some((events, (tid, fd, r))) = captured else {
        return;
    };
    assert_eq!(r, [0, -i64::from(libc::ENOENT), 0, 0]);
    let bytes = |p: &std::path::Path| p.as_os_str().as_encoded_bytes().to_vec();
    let (a, missing) = (bytes(&a), bytes(&missing));
    assert_events(
        &of_thread(&events, tid, &[CHDIR_X, FCHDIR_X, CHROOT_X]),
        &[
            (CHDIR_X, vec![ParamValue::Errno(0), ParamValue::Str(&a)]),
            (
                CHDIR_X,
                vec![
                    ParamValue::Errno(-i64::from(libc::ENOENT)),
                    ParamValue::Str(&missing),
                ],
            ),
            (FCHDIR_X, vec![ParamValue::Errno(0), ParamValue::Fd(fd)]),
            (CHROOT_X, vec![ParamValue::Errno(0), ParamValue::Path(&a)]),
        ],
    );
}

const EVENTFD_X: u16 = 63;
const EVENTFD2_X: u16 = 397;
const SIGNALFD_X: u16 = 127;
const SIGNALFD4_X: u16 = 399;
const TIMERFD_CREATE_X: u16 = 137;
const INOTIFY_INIT_X: u16 = 139;
const INOTIFY_INIT1_X: u16 = 395;
const EPOLL_CREATE_X: u16 = 375;
const EPOLL_CREATE1_X: u16 = 377;
const MEMFD_CREATE_X: u16 = 405;
const USERFAULTFD_X: u16 = 321;
const PIDFD_OPEN_X: u16 = 409;
const PIDFD_GETFD_X: u16 = 407;
const FD_CREATORS: [u16; 13] = [
    EVENTFD_X,
    EVENTFD2_X,
    SIGNALFD_X,
    SIGNALFD4_X,
    TIMERFD_CREATE_X,
    INOTIFY_INIT_X,
    INOTIFY_INIT1_X,
    EPOLL_CREATE_X,
    EPOLL_CREATE1_X,
    MEMFD_CREATE_X,
    USERFAULTFD_X,
    PIDFD_OPEN_X,
    PIDFD_GETFD_X,
];
/// `PPM_O_NONBLOCK`, `PPM_O_CLOEXEC`.
const PPM_O_NONBLOCK: u32 = 1 << 6;
const PPM_O_CLOEXEC: u32 = 1 << 12;

/// Every other syscall that makes an fd, once each (eventfd2 also with
/// invalid flags), with the flag encodings of Falco's modern probe.
#[test]
fn fd_creating_syscalls() {
    const MEMFD_NAME: &str = "sysflow-live-memfd";
    let captured = capture_during(
        "live fd creation",
        |e| FD_CREATORS.contains(&e.event_type),
        move || {
            // SAFETY: an all-zero sigset_t is a valid (empty) set.
            let mut mask: libc::sigset_t = unsafe { std::mem::zeroed() };
            // SAFETY: `mask` is a valid sigset_t.
            unsafe { libc::sigaddset(&mut mask, libc::SIGUSR1) };
            let mask_ptr = &raw const mask as i64;
            let name = CString::new(MEMFD_NAME).unwrap();
            let cloexec_nonblock = i64::from(libc::O_CLOEXEC | libc::O_NONBLOCK);
            let pid = i64::from(std::process::id());
            let r = vec![
                sys(libc::SYS_eventfd, &[7]),
                sys(libc::SYS_eventfd2, &[5, cloexec_nonblock]),
                sys(libc::SYS_eventfd2, &[1, -1]),
                sys(libc::SYS_signalfd, &[-1, mask_ptr, 8]),
                sys(
                    libc::SYS_signalfd4,
                    &[-1, mask_ptr, 8, i64::from(libc::SFD_CLOEXEC)],
                ),
                sys(
                    libc::SYS_timerfd_create,
                    &[i64::from(libc::CLOCK_MONOTONIC), cloexec_nonblock],
                ),
                sys(libc::SYS_inotify_init, &[]),
                sys(libc::SYS_inotify_init1, &[cloexec_nonblock]),
                sys(libc::SYS_epoll_create, &[7]),
                sys(libc::SYS_epoll_create1, &[i64::from(libc::EPOLL_CLOEXEC)]),
                sys(
                    libc::SYS_memfd_create,
                    &[
                        name.as_ptr() as i64,
                        i64::from(libc::MFD_CLOEXEC | libc::MFD_ALLOW_SEALING),
                    ],
                ),
                sys(libc::SYS_userfaultfd, &[cloexec_nonblock]),
                sys(libc::SYS_pidfd_open, &[pid, i64::from(libc::O_NONBLOCK)]),
            ];
            let (pidfd, target) = (r[12], r[0]);
            let mut r = r;
            r.push(sys(libc::SYS_pidfd_getfd, &[pidfd, target, 0]));
            for &fd in &r {
                if fd >= 0 {
                    sys(libc::SYS_close, &[fd]);
                }
            }
            (gettid(), pid, r)
        },
    );
    let Some((events, (tid, pid, r))) = captured else {
        return;
    };
    use ParamValue::{Errno, Fd, Flags, Int, Pid, Str, Uint};
    assert_eq!(r[2], -i64::from(libc::EINVAL));
    // userfaultfd may be refused (it is a kernel option and a sysctl): its
    // event reports whatever the kernel said.
    for (i, &fd) in r.iter().enumerate() {
        assert!(fd >= 0 || i == 2 || i == 11, "call {i} failed: {fd}");
    }
    assert_events(
        &of_thread(&events, tid, &FD_CREATORS),
        &[
            (EVENTFD_X, vec![Fd(r[0]), Uint(7), Uint(0)]),
            (
                EVENTFD2_X,
                vec![Fd(r[1]), Flags(PPM_O_NONBLOCK | PPM_O_CLOEXEC), Uint(5)],
            ),
            // Invalid flags encode as none.
            (EVENTFD2_X, vec![Fd(r[2]), Flags(0), Uint(1)]),
            // The mask is not read (Falco's is 0 too).
            (SIGNALFD_X, vec![Fd(r[3]), Fd(-1), Uint(0), Uint(0)]),
            (
                SIGNALFD4_X,
                vec![Fd(r[4]), Flags(PPM_O_CLOEXEC), Fd(-1), Uint(0)],
            ),
            // A u8 of flags, in which PPM_O_CLOEXEC does not fit: lost, as
            // in Falco's events.
            (
                TIMERFD_CREATE_X,
                vec![
                    Fd(r[5]),
                    Uint(libc::CLOCK_MONOTONIC as u64),
                    Uint(u64::from(PPM_O_NONBLOCK)),
                ],
            ),
            (INOTIFY_INIT_X, vec![Fd(r[6]), Uint(0)]),
            (
                INOTIFY_INIT1_X,
                vec![Fd(r[7]), Flags(PPM_O_NONBLOCK | PPM_O_CLOEXEC)],
            ),
            (EPOLL_CREATE_X, vec![Errno(r[8]), Int(7)]),
            // PPM_EPOLL_CLOEXEC.
            (EPOLL_CREATE1_X, vec![Errno(r[9]), Flags(1)]),
            // PPM_MFD_CLOEXEC | PPM_MFD_ALLOW_SEALING.
            (
                MEMFD_CREATE_X,
                vec![Fd(r[10]), Str(MEMFD_NAME.as_bytes()), Flags(3)],
            ),
            // userfaultfd's flags are sent as given.
            (
                USERFAULTFD_X,
                vec![
                    Errno(r[11]),
                    Flags((libc::O_CLOEXEC | libc::O_NONBLOCK) as u32),
                ],
            ),
            // PPM_PIDFD_NONBLOCK.
            (PIDFD_OPEN_X, vec![Fd(r[12]), Pid(pid), Flags(1)]),
            (PIDFD_GETFD_X, vec![Fd(r[13]), Fd(r[12]), Fd(r[0]), Uint(0)]),
        ],
    );
}

const FCNTL_X: u16 = 151;
const CLOSE_RANGE_X: u16 = 451;

/// fcntl exits only for the commands that change state (F_DUPFD,
/// F_DUPFD_CLOEXEC, F_SETFD; not F_GETFL or F_SETFL), with Falco's
/// PPM_FCNTL_* numbers; close_range with its PPM_CLOSE_RANGE_* flags.
#[test]
fn fcntl_and_close_range() {
    let captured = capture_during(
        "live fcntl",
        |e| [FCNTL_X, CLOSE_RANGE_X].contains(&e.event_type),
        move || {
            let f = std::fs::File::open("/dev/null").expect("open /dev/null");
            let fd = i64::from(f.as_raw_fd());
            let fcntl = |cmd: libc::c_int, arg: i64| sys(libc::SYS_fcntl, &[fd, cmd.into(), arg]);
            let getfl = fcntl(libc::F_GETFL, 0);
            let r = [
                fcntl(libc::F_DUPFD, 600),
                fcntl(libc::F_DUPFD_CLOEXEC, 700),
                fcntl(libc::F_SETFD, libc::FD_CLOEXEC.into()),
                fcntl(libc::F_SETFL, getfl | i64::from(libc::O_NONBLOCK)),
            ];
            // Each range is exactly one of the fds made above: nothing of
            // the other tests' is closed.
            let c = [
                sys(libc::SYS_close_range, &[r[0], r[0], 0]),
                sys(
                    libc::SYS_close_range,
                    &[r[1], r[1], i64::from(libc::CLOSE_RANGE_CLOEXEC)],
                ),
            ];
            sys(libc::SYS_close, &[r[1]]);
            (gettid(), fd, r, c)
        },
    );
    let Some((events, (tid, fd, r, c))) = captured else {
        return;
    };
    assert!(r[0] >= 600 && r[1] >= 700, "{r:?}");
    assert_eq!((r[2], r[3], c), (0, 0, [0, 0]));
    use ParamValue::{Errno, Fd, Flags, Uint};
    let first = |i: usize| Uint(r[i] as u64);
    assert_events(
        &of_thread(&events, tid, &[FCNTL_X, CLOSE_RANGE_X]),
        &[
            (FCNTL_X, vec![Fd(r[0]), Fd(fd), Flags(1), Uint(600)]),
            (FCNTL_X, vec![Fd(r[1]), Fd(fd), Flags(26), Uint(700)]),
            (FCNTL_X, vec![Fd(0), Fd(fd), Flags(3), Uint(1)]),
            (CLOSE_RANGE_X, vec![Errno(0), first(0), first(0), Flags(0)]),
            // PPM_CLOSE_RANGE_CLOEXEC.
            (
                CLOSE_RANGE_X,
                vec![Errno(0), first(1), first(1), Flags(1 << 2)],
            ),
        ],
    );
}

const SETRESUID_X: u16 = 193;
const SETRESGID_X: u16 = 195;
const SETUID_X: u16 = 199;
const SETGID_X: u16 = 201;
const SETREUID_X: u16 = 427;
const SETREGID_X: u16 = 429;
const SET_IDS: [u16; 6] = [
    SETRESUID_X,
    SETRESGID_X,
    SETUID_X,
    SETGID_X,
    SETREUID_X,
    SETREGID_X,
];

/// The set*id family, as the raw syscalls (which change only the calling
/// thread's credentials; it ends with root's again): every id as given,
/// -1 included.
#[test]
fn credential_changes() {
    if !nix_is_root() {
        sysflow_test_support::skip("not root");
        return;
    }
    let captured = capture_during(
        "live credentials",
        |e| SET_IDS.contains(&e.event_type),
        move || {
            let r = [
                sys(libc::SYS_setgid, &[4242]),
                sys(libc::SYS_setresgid, &[0, 4243, -1]),
                sys(libc::SYS_setregid, &[4244, 4245]),
                sys(libc::SYS_setresgid, &[0, 0, 0]),
                sys(libc::SYS_setreuid, &[-1, 4246]),
                // Back to euid 0: allowed, the real uid is still 0.
                sys(libc::SYS_setreuid, &[-1, 0]),
                sys(libc::SYS_setresuid, &[-1, 4247, -1]),
                sys(libc::SYS_setresuid, &[-1, 0, -1]),
                sys(libc::SYS_setuid, &[0]),
            ];
            (gettid(), r)
        },
    );
    let Some((events, (tid, r))) = captured else {
        return;
    };
    assert_eq!(r, [0; 9]);
    use ParamValue::{Errno, Gid, Uid};
    const UNCHANGED: u32 = u32::MAX;
    assert_events(
        &of_thread(&events, tid, &SET_IDS),
        &[
            (SETGID_X, vec![Errno(0), Gid(4242)]),
            (
                SETRESGID_X,
                vec![Errno(0), Gid(0), Gid(4243), Gid(UNCHANGED)],
            ),
            // setregid's ids are PT_UID in Falco's table.
            (SETREGID_X, vec![Errno(0), Uid(4244), Uid(4245)]),
            (SETRESGID_X, vec![Errno(0), Gid(0), Gid(0), Gid(0)]),
            (SETREUID_X, vec![Errno(0), Uid(UNCHANGED), Uid(4246)]),
            (SETREUID_X, vec![Errno(0), Uid(UNCHANGED), Uid(0)]),
            (
                SETRESUID_X,
                vec![Errno(0), Uid(UNCHANGED), Uid(4247), Uid(UNCHANGED)],
            ),
            (
                SETRESUID_X,
                vec![Errno(0), Uid(UNCHANGED), Uid(0), Uid(UNCHANGED)],
            ),
            (SETUID_X, vec![Errno(0), Uid(0)]),
        ],
    );
}

/// Whether this process runs with euid 0.
fn nix_is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

const MMAP_X: u16 = 161;

/// mmap of a file, private and shared, with every parameter and Falco's
/// PPM_PROT_* and PPM_MAP_* encodings; an anonymous mapping and a failed
/// one without an fd send nothing.
#[test]
fn mmap_of_files_only() {
    const ANON_LEN: i64 = 0x7000;
    const PAGE: i64 = 4096;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mapped");
    std::fs::write(&path, vec![7u8; 2 * PAGE as usize]).expect("write");
    let captured = capture_during(
        "live mmap",
        |e| e.event_type == MMAP_X,
        move || {
            let f = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&path)
                .expect("open");
            let fd = i64::from(f.as_raw_fd());
            let prot_r = i64::from(libc::PROT_READ);
            let prot_rw = i64::from(libc::PROT_READ | libc::PROT_WRITE);
            let private = i64::from(libc::MAP_PRIVATE);
            let shared_populate = i64::from(libc::MAP_SHARED | libc::MAP_POPULATE);
            let anon = i64::from(libc::MAP_PRIVATE | libc::MAP_ANONYMOUS);
            let r = [
                sys(libc::SYS_mmap, &[0, PAGE, prot_r, private, fd, 0]),
                sys(
                    libc::SYS_mmap,
                    &[0, PAGE, prot_rw, shared_populate, fd, PAGE],
                ),
                sys(libc::SYS_mmap, &[0, ANON_LEN, prot_rw, anon, -1, 0]),
                // No fd, not anonymous: EBADF, and nothing sent.
                sys(libc::SYS_mmap, &[0, ANON_LEN, prot_r, private, -1, 0]),
            ];
            for (&addr, len) in r.iter().zip([PAGE, PAGE, ANON_LEN]) {
                sys(libc::SYS_munmap, &[addr, len]);
            }
            (gettid(), fd, r)
        },
    );
    let Some((events, (tid, fd, r))) = captured else {
        return;
    };
    assert!(r[..3].iter().all(|&a| a > 0), "{r:?}");
    assert_eq!(r[3], -i64::from(libc::EBADF));
    let mine = of_thread(&events, tid, &[MMAP_X]);
    assert_eq!(mine.len(), 2, "only the two file mappings: {mine:#?}");
    use ParamValue::{Errno, Fd, Flags, Uint};
    for (ev, (addr, prot, flags, offset)) in mine.iter().zip([
        // PPM_PROT_READ; PPM_MAP_PRIVATE.
        (r[0], 1, 1 << 1, 0),
        // PPM_PROT_READ | PPM_PROT_WRITE; PPM_MAP_SHARED | PPM_MAP_POPULATE.
        (r[1], 3, 1 | (1 << 7), PAGE as u64),
    ]) {
        let p = params(ev);
        assert_eq!(p[0], Errno(addr));
        // vm_size, vm_rss, vm_swap: this process's, in KiB.
        let (ParamValue::Uint(vm_size), ParamValue::Uint(vm_rss)) = (&p[1], &p[2]) else {
            panic!("vm sizes: {p:?}");
        };
        assert!(*vm_size > 0 && vm_rss <= vm_size, "{p:?}");
        assert!(matches!(p[3], Uint(_)), "{p:?}");
        assert_eq!(
            p[4..],
            [
                Uint(0),
                Uint(PAGE as u64),
                Flags(prot),
                Flags(flags),
                Fd(fd),
                Uint(offset),
            ]
        );
    }
}

const EXECVE_19_X: u16 = 293;
const EXECVEAT_X: u16 = 331;

/// The last parameter of execve exits, `filename`, is the path as the
/// caller gave it (before a successful exec from the new stack, after a
/// failed one from the caller's memory); a successful execveat is an
/// execve event too, with the kernel's `/dev/fd/N/name`, as in Falco's
/// modern probe; a failed execveat is an execveat event, which has no
/// filename.
#[test]
fn execve_filename_is_the_path_given() {
    use std::os::unix::process::CommandExt;
    use std::process::Command;
    let true_path = std::fs::canonicalize("/bin/true").expect("canonicalize");
    let bin_dir = true_path.parent().expect("a directory").to_path_buf();
    let missing = format!("/nonexistent-sysflow-{}/x", std::process::id());
    let missing_name = format!("sysflow-missing-{}", std::process::id());
    let (bin_dir2, missing2, missing_name2) =
        (bin_dir.clone(), missing.clone(), missing_name.clone());
    let captured = capture_during(
        "live execve filename",
        |e| [EXECVE_19_X, EXECVEAT_X].contains(&e.event_type),
        move || {
            let mut sh = Command::new("/bin/sh");
            sh.arg("-c")
                .arg(format!("cd {} && exec ./true", bin_dir2.display()));
            let relative = super::live::run_child(&mut sh);
            assert!(Command::new(&missing2).spawn().is_err());
            let dir = std::fs::File::open(&bin_dir2).expect("open the directory");
            let dirfd = dir.as_raw_fd();
            // execveat from the child of a fork, before std's own exec.
            let execveat = |name: &str| {
                let name = CString::new(name).unwrap();
                let mut cmd = Command::new("/bin/true");
                // SAFETY: the closure allocates nothing: it makes a raw
                // syscall with pointers to its own stack and to `name`,
                // then reports errno.
                unsafe {
                    cmd.pre_exec(move || {
                        let argv = [name.as_ptr(), std::ptr::null()];
                        let envp = [std::ptr::null::<libc::c_char>()];
                        libc::syscall(
                            libc::SYS_execveat,
                            dirfd,
                            name.as_ptr(),
                            argv.as_ptr(),
                            envp.as_ptr(),
                            0,
                        );
                        Err(std::io::Error::last_os_error())
                    })
                };
                cmd.spawn()
            };
            let mut ok = execveat("true").expect("execveat true");
            let at_pid = u64::from(ok.id());
            assert!(ok.wait().expect("wait").success());
            assert!(execveat(&missing_name2).is_err());
            (relative, at_pid, i64::from(dirfd))
        },
    );
    let Some((events, (relative, at_pid, dirfd))) = captured else {
        return;
    };
    let filename = slot(EXECVE_19_X, "filename");
    let last_exec = |tid: u64| {
        events
            .iter()
            .rev()
            .find(|e| e.tid == tid && e.event_type == EXECVE_19_X)
            .unwrap_or_else(|| panic!("no execve exit of {tid}"))
    };
    let ev = last_exec(relative);
    assert_eq!((ev.nparams(), param(ev, 0)), (31, ParamValue::Errno(0)));
    assert_eq!(param(ev, filename), ParamValue::Path(b"./true"));
    let exepath = true_path.as_os_str().as_encoded_bytes();
    assert_eq!(
        param(ev, slot(EXECVE_19_X, "trusted_exepath")),
        ParamValue::Path(exepath)
    );
    // The failed execve, in the spawned child.
    let failed: Vec<&Event> = events
        .iter()
        .filter(|e| {
            e.event_type == EXECVE_19_X
                && param(e, filename) == ParamValue::Path(missing.as_bytes())
        })
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        param(failed[0], 0),
        ParamValue::Errno(-i64::from(libc::ENOENT))
    );
    assert_eq!(param(failed[0], 1), ParamValue::Str(missing.as_bytes()));
    // The successful execveat: an execve event.
    let ev = last_exec(at_pid);
    assert_eq!((ev.nparams(), param(ev, 0)), (31, ParamValue::Errno(0)));
    let dev_fd = format!("/dev/fd/{dirfd}/true");
    assert_eq!(param(ev, filename), ParamValue::Path(dev_fd.as_bytes()));
    assert_eq!(
        param(ev, slot(EXECVE_19_X, "trusted_exepath")),
        ParamValue::Path(exepath)
    );
    // The failed one: an execveat event, 30 parameters, the name given.
    let failed: Vec<&Event> = events
        .iter()
        .filter(|e| e.event_type == EXECVEAT_X)
        .filter(|e| param(e, 1) == ParamValue::Str(missing_name.as_bytes()))
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].nparams(), 30);
    assert_eq!(
        param(failed[0], 0),
        ParamValue::Errno(-i64::from(libc::ENOENT))
    );
}
