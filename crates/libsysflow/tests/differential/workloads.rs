//! The workloads the differential test captures: small programs, each run
//! as its own process (this test binary with `--workload NAME`), that make
//! the system calls whose state rules the test checks. Each works in the
//! directory it is started in and leaves nothing behind outside it.
//!
//! They panic on any unexpected failure, so that a broken workload is never
//! mistaken for agreement.

use std::ffi::CString;
use std::fs;
use std::io::{IoSlice, IoSliceMut, Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::os::fd::{AsRawFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
use std::os::unix::net::{UnixDatagram, UnixListener, UnixStream};
use std::path::Path;
use std::process::Command;

/// The deviations (headings of `docs/deviations.md`) each workload must
/// show: if one no longer occurs, ours has fallen back to what sysdig 0.29.3
/// does.
pub const MUST_SHOW: &[(&str, &str)] = &[
    ("dups", "A dup of an unknown fd"),
    ("close-range", "close_range"),
    ("io-calls", "clone3, execveat, openat2 and creat"),
    ("threads", "clone3, execveat, openat2 and creat"),
    ("udp", "sendmmsg and recvmmsg"),
    ("udp", "Datagrams on a socket bound to a port"),
    ("unix", "Files received over a unix socket"),
    ("creds", "setreuid and setregid"),
    ("spawn", "The executable of a script or a link"),
    ("exec", "The executable of a script or a link"),
];

/// Every workload, by name, with what it exercises.
pub const ALL: &[(&str, &str)] = &[
    (
        "fd-reuse",
        "fds reused after close: eventfd, memfd, signalfd, timerfd, inotify, epoll, pipe, socketpair",
    ),
    (
        "dups",
        "dup, dup2, dup3, fcntl F_DUPFD and F_DUPFD_CLOEXEC: stdout saved, redirected and restored",
    ),
    ("close-range", "close_range, then the closed numbers reused"),
    (
        "bash",
        "bash: redirections with save and restore, cd then relative paths",
    ),
    (
        "busybox",
        "busybox sh: stdout saved with F_DUPFD_CLOEXEC, redirected and restored",
    ),
    (
        "cwd",
        "chdir and fchdir then relative opens, openat with dirfds and ..",
    ),
    (
        "file-events",
        "mkdir, rmdir, unlink, link, symlink, rename and their *at forms, renameat2",
    ),
    (
        "io-calls",
        "pread, pwrite, readv, writev, preadv, pwritev, sendfile, splice, copy_file_range",
    ),
    (
        "tcp4",
        "TCP over IPv4: accept4, connect, send and receive, a refused and a pending connect",
    ),
    ("tcp6", "TCP over IPv6: the same"),
    (
        "udp",
        "UDP: sendto/recvfrom unconnected, send/recv connected, sendmsg/recvmsg, sendmmsg/recvmmsg",
    ),
    (
        "unix",
        "unix stream and datagram sockets, socketpair, an fd passed with SCM_RIGHTS",
    ),
    (
        "creds",
        "setuid, setgid, setresuid, setresgid, setreuid, setregid",
    ),
    ("threads", "threads that open, write and exit"),
    ("spawn", "vfork and posix_spawn"),
    ("exec", "exec of a script, execveat of an fd"),
    (
        "pipeline",
        "a shell pipeline: pipes between processes, dup2 onto stdin and stdout",
    ),
    (
        "tools",
        "tar, cp, mv, ln, find | xargs, rm -rf: *at calls with directory fds",
    ),
    (
        "setpriv",
        "setpriv dropping to nobody: setresuid, setresgid, setgroups",
    ),
    ("http", "python's http.server and curl over loopback TCP"),
];

/// Runs workload `name` in the current directory.
pub fn run(name: &str) {
    match name {
        "fd-reuse" => fd_reuse(),
        "dups" => dups(),
        "close-range" => close_range(),
        "bash" => bash(),
        "busybox" => busybox(),
        "cwd" => cwd(),
        "file-events" => file_events(),
        "io-calls" => io_calls(),
        "tcp4" => tcp("127.0.0.1"),
        "tcp6" => tcp("[::1]"),
        "udp" => udp(),
        "unix" => unix(),
        "creds" => creds(),
        "threads" => threads(),
        "spawn" => spawn(),
        "exec" => exec(),
        "pipeline" => shell(
            "ls -la /etc | grep -c conf | sort > count.txt; cat count.txt /etc/hostname | wc -l > lines.txt",
        ),
        "tools" => tools(),
        "setpriv" => setpriv(),
        "http" => http(),
        other => panic!("no workload {other}"),
    }
}

/// The result of a libc call that must succeed, or a panic naming `what`.
fn ok(ret: libc::c_int, what: &str) -> libc::c_int {
    assert!(ret >= 0, "{what}: {}", std::io::Error::last_os_error());
    ret
}

fn cstr(s: &str) -> CString {
    CString::new(s).expect("no NUL in a workload's text")
}

/// `write(2)` of `data` to `fd`, which must take it whole.
fn write_fd(fd: RawFd, data: &[u8]) {
    // SAFETY: `data` is a live buffer of `data.len()` bytes.
    let n = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
    assert_eq!(n, data.len() as isize, "write to fd {fd}");
}

/// `read(2)` of up to `len` bytes from `fd`; the count.
fn read_fd(fd: RawFd, len: usize) -> isize {
    let mut buf = vec![0u8; len];
    // SAFETY: `buf` is a live buffer of `len` bytes.
    unsafe { libc::read(fd, buf.as_mut_ptr().cast(), len) }
}

fn close(fd: RawFd) {
    // SAFETY: closes an fd this workload owns; nothing else uses it after.
    ok(unsafe { libc::close(fd) }, "close");
}

/// A file created to be written, as a raw fd (the number is what matters).
fn create(path: &str) -> RawFd {
    fs::File::create(path)
        .unwrap_or_else(|e| panic!("create {path}: {e}"))
        .into_raw_fd()
}

/// Opens `victim.txt`, writes, closes it, and lets `reuse` make a new fd,
/// which must take the same number; then reads or writes the new fd.
fn reuse_after_close(tag: &str, reuse: impl FnOnce() -> RawFd, io: impl FnOnce(RawFd)) {
    let path = format!("victim-{tag}.txt");
    let fd = create(&path);
    write_fd(fd, b"victim\n");
    close(fd);
    let new = reuse();
    assert_eq!(new, fd, "{tag} did not reuse the closed fd number");
    io(new);
    close(new);
}

fn fd_reuse() {
    // A read on a closed fd fails (EBADF): nobody's flow.
    let fd = create("victim-closed.txt");
    close(fd);
    assert!(read_fd(fd, 16) < 0);
    // SAFETY (each block below): plain syscalls with valid arguments; the
    // fds they return are owned by this function and closed by the helper.
    reuse_after_close(
        "eventfd",
        || ok(unsafe { libc::eventfd(0, 0) }, "eventfd"),
        |fd| {
            write_fd(fd, &1u64.to_ne_bytes());
            assert_eq!(read_fd(fd, 8), 8);
        },
    );
    reuse_after_close(
        "memfd",
        || {
            ok(
                unsafe { libc::memfd_create(cstr("sf-memfd").as_ptr(), 0) },
                "memfd_create",
            )
        },
        |fd| write_fd(fd, b"in memory"),
    );
    reuse_after_close(
        "signalfd",
        || {
            let mut mask = std::mem::MaybeUninit::<libc::sigset_t>::zeroed();
            unsafe { libc::sigemptyset(mask.as_mut_ptr()) };
            unsafe { libc::sigaddset(mask.as_mut_ptr(), libc::SIGUSR1) };
            ok(unsafe { libc::signalfd(-1, mask.as_ptr(), 0) }, "signalfd")
        },
        |_| {},
    );
    reuse_after_close(
        "timerfd",
        || {
            ok(
                unsafe { libc::timerfd_create(libc::CLOCK_MONOTONIC, 0) },
                "timerfd_create",
            )
        },
        |_| {},
    );
    reuse_after_close(
        "inotify",
        || ok(unsafe { libc::inotify_init1(0) }, "inotify_init1"),
        |_| {},
    );
    reuse_after_close(
        "epoll",
        || ok(unsafe { libc::epoll_create1(0) }, "epoll_create1"),
        |_| {},
    );
    reuse_after_close(
        "pipe",
        || {
            let mut fds = [0; 2];
            ok(unsafe { libc::pipe(fds.as_mut_ptr()) }, "pipe");
            // The write end writes to the read end; both are checked.
            write_fd(fds[1], b"through the pipe");
            close(fds[1]);
            fds[0]
        },
        |fd| assert_eq!(read_fd(fd, 64), 16),
    );
    // An fd kind neither libsinsp nor we follow (fanotify): only the close
    // of the file it reuses tells that its reads are no file's.
    reuse_after_close(
        "fanotify",
        || {
            let ret = unsafe {
                libc::fanotify_init(
                    libc::FAN_CLASS_NOTIF | libc::FAN_NONBLOCK,
                    libc::O_RDONLY as u32,
                )
            };
            ok(ret, "fanotify_init")
        },
        |fd| {
            assert!(
                read_fd(fd, 4096) < 0,
                "a fanotify fd without marks has nothing to read"
            )
        },
    );
    reuse_after_close(
        "socketpair",
        || {
            let mut fds = [0; 2];
            let ret =
                unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, fds.as_mut_ptr()) };
            ok(ret, "socketpair");
            write_fd(fds[1], b"pair");
            close(fds[1]);
            fds[0]
        },
        |fd| assert_eq!(read_fd(fd, 64), 4),
    );
}

/// stdout, saved and redirected to `target` by `save`, then restored by
/// `restore`; writes before, during and after.
fn save_redirect_restore(
    tag: &str,
    save: impl FnOnce(RawFd) -> RawFd,
    restore: impl FnOnce(RawFd, RawFd),
) {
    let target = create(&format!("redirect-{tag}.txt"));
    write_fd(1, format!("{tag}: before\n").as_bytes());
    let saved = save(1);
    // SAFETY: dup2 of two open fds of this process.
    ok(unsafe { libc::dup2(target, 1) }, "dup2");
    close(target);
    write_fd(1, format!("{tag}: redirected\n").as_bytes());
    restore(saved, 1);
    close(saved);
    write_fd(1, format!("{tag}: restored\n").as_bytes());
}

fn dups() {
    // stdout itself is a file, so that every write is a file flow.
    let out = create("stdout.txt");
    // SAFETY (each block below): dups of fds this process has open.
    ok(unsafe { libc::dup2(out, 1) }, "dup2");
    close(out);
    save_redirect_restore(
        "dup",
        |fd| ok(unsafe { libc::dup(fd) }, "dup"),
        |saved, fd| {
            ok(unsafe { libc::dup2(saved, fd) }, "dup2");
        },
    );
    save_redirect_restore(
        "dup3",
        |fd| ok(unsafe { libc::fcntl(fd, libc::F_DUPFD, 10) }, "F_DUPFD"),
        |saved, fd| {
            ok(unsafe { libc::dup3(saved, fd, libc::O_CLOEXEC) }, "dup3");
        },
    );
    // A dup whose source nobody follows (fanotify): the kernel closed the
    // target's file, whose name libsinsp keeps and we drop.
    let target = create("dup-target.txt");
    write_fd(target, b"before\n");
    let unknown = ok(
        unsafe {
            libc::fanotify_init(
                libc::FAN_CLASS_NOTIF | libc::FAN_NONBLOCK,
                libc::O_RDONLY as u32,
            )
        },
        "fanotify_init",
    );
    ok(
        unsafe { libc::dup2(unknown, target) },
        "dup2 of an unknown fd",
    );
    // SAFETY: a write to an fd this process owns; it fails (fanotify).
    assert!(unsafe { libc::write(target, b"x".as_ptr().cast(), 1) } < 0);
    close(target);
    close(unknown);
    save_redirect_restore(
        "cloexec",
        |fd| {
            ok(
                unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 20) },
                "F_DUPFD_CLOEXEC",
            )
        },
        |saved, fd| {
            ok(unsafe { libc::dup2(saved, fd) }, "dup2");
        },
    );
}

fn close_range() {
    let fds: Vec<RawFd> = (0..4).map(|i| create(&format!("range-{i}.txt"))).collect();
    for &fd in &fds {
        write_fd(fd, b"before the range closes\n");
    }
    let (first, last) = (fds[1] as u32, u32::MAX);
    // SAFETY: closes fds this workload opened (and any above them, none).
    let ret = unsafe { libc::syscall(libc::SYS_close_range, first, last, 0) };
    assert_eq!(ret, 0, "close_range: {}", std::io::Error::last_os_error());
    // The freed numbers come back for new files.
    let again = create("after-range.txt");
    assert_eq!(again, fds[1]);
    write_fd(again, b"after\n");
    close(again);
    write_fd(fds[0], b"kept\n");
    close(fds[0]);
    // A closed number nothing reused: a read on it fails (EBADF).
    assert!(read_fd(fds[3], 8) < 0);
}

fn bash() {
    let script = r#"
        set -e
        mkdir -p sub2
        exec 3>&1
        exec 1>redirected.txt
        echo to the file
        exec 1>&3 3>&-
        echo back on stdout
        cd sub2
        echo relative > rel.txt
        cat rel.txt > copy.txt
        cd ..
        { echo grouped; echo twice; } > grouped.txt
        echo appended >> grouped.txt
    "#;
    let status = Command::new("bash")
        .args(["-c", script])
        .stdout(fs::File::create("bash-stdout.txt").expect("stdout file"))
        .status()
        .expect("run bash");
    assert!(status.success(), "bash: {status}");
}

/// Runs `script` with bash in the current directory.
fn shell(script: &str) {
    let status = Command::new("bash")
        .args(["-c", script])
        .status()
        .expect("run bash");
    assert!(status.success(), "bash -c {script:?}: {status}");
}

fn tools() {
    fs::create_dir_all("src/deep").expect("mkdir");
    for (i, f) in ["src/a.txt", "src/deep/b.txt", "src/deep/c.txt"]
        .iter()
        .enumerate()
    {
        fs::write(f, format!("file {i}\n")).expect("write");
    }
    shell(
        "tar cf archive.tar -C src . && mkdir x && tar xf archive.tar -C x && cp -r x y \
         && mv y z && ln -s z w && find . -name '*.txt' | sort | xargs cat > all.txt \
         && rm -rf x z w archive.tar",
    );
}

fn setpriv() {
    // The files are written by nobody.
    let mut perms = fs::metadata(".").expect("stat .").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o777);
    fs::set_permissions(".", perms).expect("chmod .");
    let status = Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "sh",
            "-c",
            "id > id.txt",
        ])
        .status()
        .expect("run setpriv");
    assert!(status.success(), "setpriv: {status}");
}

/// python's http.server on a loopback port, one curl, then the server is
/// stopped: it waits until the server accepts connections, not for a time.
fn http() {
    fs::write("index.txt", "served over loopback\n").expect("write index.txt");
    let port = free_port("127.0.0.1");
    let mut server = Command::new("python3")
        .args([
            "-m",
            "http.server",
            "--bind",
            "127.0.0.1",
            &port.to_string(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start python's http.server");
    let started = std::time::Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "http.server did not listen on port {port}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = Command::new("curl")
        .args(["-s", "-o", "got.txt"])
        .arg(format!("http://127.0.0.1:{port}/index.txt"))
        .status()
        .expect("run curl");
    assert!(status.success(), "curl: {status}");
    assert_eq!(
        fs::read_to_string("got.txt").expect("got.txt"),
        "served over loopback\n"
    );
    server.kill().expect("stop the server");
    server.wait().expect("wait for the server");
}

fn busybox() {
    // busybox's ash saves stdout with F_DUPFD_CLOEXEC to fd 10 or above for
    // a redirected builtin, and restores it with dup2.
    let script = "echo one > first.txt; echo two; echo three > second.txt; echo four";
    let status = Command::new("busybox")
        .args(["sh", "-c", script])
        .stdout(fs::File::create("busybox-stdout.txt").expect("stdout file"))
        .status()
        .expect("run busybox");
    assert!(status.success(), "busybox: {status}");
}

fn cwd() {
    fs::create_dir_all("a/b").expect("mkdir a/b");
    fs::create_dir_all("c").expect("mkdir c");
    let c_path = cstr("a/b");
    std::env::set_current_dir("a").expect("chdir a");
    fs::write("in-a.txt", b"chdir\n").expect("write in a");
    // SAFETY (each block below): plain syscalls on paths and fds of this
    // workload; the fds are closed here.
    let dir = ok(
        unsafe { libc::open(cstr("b").as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY) },
        "open b",
    );
    ok(unsafe { libc::fchdir(dir) }, "fchdir");
    fs::write("in-b.txt", b"fchdir\n").expect("write in b");
    let up = ok(
        unsafe {
            libc::openat(
                dir,
                cstr("../../c/up.txt").as_ptr(),
                libc::O_WRONLY | libc::O_CREAT,
                0o644,
            )
        },
        "openat ..",
    );
    write_fd(up, b"through a dirfd\n");
    close(up);
    let here = ok(
        unsafe {
            libc::openat(
                libc::AT_FDCWD,
                cstr("./here.txt").as_ptr(),
                libc::O_WRONLY | libc::O_CREAT,
                0o644,
            )
        },
        "openat cwd",
    );
    write_fd(here, b"AT_FDCWD\n");
    close(here);
    close(dir);
    std::env::set_current_dir("../..").expect("chdir ../..");
    drop(c_path);
    fs::write("c/back.txt", b"back\n").expect("write back");
}

fn file_events() {
    fs::create_dir("d1").expect("mkdir");
    fs::write("d1/f1", b"x").expect("write");
    fs::hard_link("d1/f1", "d1/f2").expect("link");
    std::os::unix::fs::symlink("f1", "d1/s1").expect("symlink");
    fs::rename("d1/f2", "d1/f3").expect("rename");
    // SAFETY (each block below): *at calls with a directory fd of this
    // workload and NUL-terminated names.
    let dir = ok(
        unsafe { libc::open(cstr("d1").as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY) },
        "open d1",
    );
    ok(
        unsafe { libc::mkdirat(dir, cstr("sub").as_ptr(), 0o755) },
        "mkdirat",
    );
    ok(
        unsafe { libc::linkat(dir, cstr("f1").as_ptr(), dir, cstr("sub/f4").as_ptr(), 0) },
        "linkat",
    );
    ok(
        unsafe { libc::symlinkat(cstr("../f1").as_ptr(), dir, cstr("sub/s2").as_ptr()) },
        "symlinkat",
    );
    ok(
        unsafe { libc::renameat(dir, cstr("sub/f4").as_ptr(), dir, cstr("f5").as_ptr()) },
        "renameat",
    );
    ok(
        unsafe {
            libc::renameat2(
                dir,
                cstr("f5").as_ptr(),
                dir,
                cstr("f3").as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        },
        "renameat2",
    );
    ok(
        unsafe { libc::unlinkat(dir, cstr("sub/s2").as_ptr(), 0) },
        "unlinkat",
    );
    ok(
        unsafe { libc::unlinkat(dir, cstr("sub").as_ptr(), libc::AT_REMOVEDIR) },
        "rmdir at",
    );
    close(dir);
    // A failed unlink is an event too.
    assert!(fs::remove_file("d1/missing").is_err());
    for f in ["d1/f1", "d1/f3", "d1/f5", "d1/s1"] {
        fs::remove_file(f).expect("unlink");
    }
    fs::remove_dir("d1").expect("rmdir");
}

fn io_calls() {
    // creat and openat2: opens the reference's dispatch does not list.
    // SAFETY: creat and openat2 with NUL-terminated paths and an open_how
    // of the size passed; the fds are closed here.
    let c = ok(
        unsafe { libc::creat(cstr("created.txt").as_ptr(), 0o644) },
        "creat",
    );
    write_fd(c, b"created\n");
    close(c);
    // struct open_how { u64 flags, mode, resolve; }
    let how: [u64; 3] = [
        (libc::O_RDONLY | libc::O_CLOEXEC) as u64,
        0,
        libc::RESOLVE_NO_SYMLINKS,
    ];
    let o = unsafe {
        libc::syscall(
            libc::SYS_openat2,
            libc::AT_FDCWD,
            cstr("created.txt").as_ptr(),
            &raw const how,
            std::mem::size_of_val(&how),
        )
    };
    assert!(o >= 0, "openat2: {}", std::io::Error::last_os_error());
    assert_eq!(read_fd(o as RawFd, 64), 8);
    close(o as RawFd);
    let mut f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open("data.bin")
        .expect("open data.bin");
    let fd = f.as_raw_fd();
    let block = [7u8; 4096];
    // SAFETY (each block below): I/O on fds this workload owns, with
    // buffers that live across the call.
    assert_eq!(
        unsafe { libc::pwrite(fd, block.as_ptr().cast(), 4096, 0) },
        4096
    );
    let mut buf = [0u8; 1000];
    assert_eq!(
        unsafe { libc::pread(fd, buf.as_mut_ptr().cast(), 1000, 100) },
        1000
    );
    let written = f
        .write_vectored(&[IoSlice::new(b"vectored "), IoSlice::new(b"write\n")])
        .expect("writev");
    assert_eq!(written, 15);
    let (mut a, mut b) = ([0u8; 10], [0u8; 20]);
    std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(0)).expect("seek");
    let n = f
        .read_vectored(&mut [IoSliceMut::new(&mut a), IoSliceMut::new(&mut b)])
        .expect("readv");
    assert_eq!(n, 30);
    let iov = [libc::iovec {
        iov_base: block.as_ptr() as *mut libc::c_void,
        iov_len: 512,
    }];
    assert_eq!(unsafe { libc::pwritev(fd, iov.as_ptr(), 1, 8192) }, 512);
    let mut back = [0u8; 512];
    let iov = [libc::iovec {
        iov_base: back.as_mut_ptr().cast(),
        iov_len: 512,
    }];
    assert_eq!(unsafe { libc::preadv(fd, iov.as_ptr(), 1, 8192) }, 512);

    let out = fs::File::create("copy.bin").expect("create copy.bin");
    let mut off: libc::off_t = 0;
    let sent = unsafe { libc::sendfile(out.as_raw_fd(), fd, &mut off, 2048) };
    assert_eq!(sent, 2048);
    let copied = unsafe {
        libc::copy_file_range(
            fd,
            std::ptr::null_mut(),
            out.as_raw_fd(),
            std::ptr::null_mut(),
            1024,
            0,
        )
    };
    assert!(
        copied >= 0,
        "copy_file_range: {}",
        std::io::Error::last_os_error()
    );
    let mut pipe = [0; 2];
    ok(unsafe { libc::pipe(pipe.as_mut_ptr()) }, "pipe");
    let mut from: libc::loff_t = 0;
    let spliced = unsafe { libc::splice(fd, &mut from, pipe[1], std::ptr::null_mut(), 256, 0) };
    assert_eq!(spliced, 256);
    assert_eq!(read_fd(pipe[0], 256), 256);
    close(pipe[0]);
    close(pipe[1]);
}

/// A TCP exchange over `host` (`127.0.0.1` or `[::1]`), a connect refused
/// by a closed port, and a connect left pending when its socket closes.
fn tcp(host: &str) {
    let listener = TcpListener::bind(format!("{host}:0")).expect("listen");
    let addr = listener.local_addr().expect("listener address");
    let server = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().expect("accept");
        let mut req = [0u8; 1000];
        s.read_exact(&mut req).expect("read request");
        s.write_all(&[2; 300]).expect("write response");
    });
    let mut c = TcpStream::connect(addr).expect("connect");
    c.write_all(&[1; 1000]).expect("write request");
    let mut resp = [0u8; 300];
    c.read_exact(&mut resp).expect("read response");
    server.join().expect("server thread");
    drop(c);
    // A listener bound to a port it names (libsinsp's server socket): its
    // close is no flow; its connection is.
    let fixed =
        TcpListener::bind(format!("{host}:{}", free_port(host))).expect("listen on a named port");
    let fixed_addr = fixed.local_addr().expect("address");
    let mut c = TcpStream::connect(fixed_addr).expect("connect to the named port");
    let (mut s, _) = fixed.accept().expect("accept");
    c.write_all(b"ping").expect("write");
    let mut ping = [0u8; 4];
    s.read_exact(&mut ping).expect("read");
    drop((c, s, fixed));
    // A port nobody listens on: refused.
    let closed = TcpListener::bind(format!("{host}:0")).expect("bind a free port");
    let free = closed.local_addr().expect("free port");
    drop(closed);
    assert!(
        TcpStream::connect(free).is_err(),
        "connect to {free} must be refused"
    );
    // A non-blocking connect in progress, closed before it completes.
    let v6 = host.starts_with('[');
    let domain = if v6 { libc::AF_INET6 } else { libc::AF_INET };
    // SAFETY: a socket this workload owns (closed below), and a sockaddr of
    // the size passed.
    let fd = ok(
        unsafe { libc::socket(domain, libc::SOCK_STREAM | libc::SOCK_NONBLOCK, 0) },
        "socket",
    );
    let ret = if v6 {
        let mut sa: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
        sa.sin6_family = libc::AF_INET6 as u16;
        sa.sin6_port = addr.port().to_be();
        sa.sin6_addr.s6_addr[15] = 1;
        unsafe {
            libc::connect(
                fd,
                (&raw const sa).cast(),
                std::mem::size_of_val(&sa) as libc::socklen_t,
            )
        }
    } else {
        let mut sa: libc::sockaddr_in = unsafe { std::mem::zeroed() };
        sa.sin_family = libc::AF_INET as u16;
        // 192.0.2.1 (TEST-NET-1): never answers.
        sa.sin_addr.s_addr = u32::from_ne_bytes([192, 0, 2, 1]);
        sa.sin_port = 9u16.to_be();
        unsafe {
            libc::connect(
                fd,
                (&raw const sa).cast(),
                std::mem::size_of_val(&sa) as libc::socklen_t,
            )
        }
    };
    assert!(ret < 0, "the pending connect returned {ret}");
    close(fd);
}

/// A port of `host` free a moment ago, which a test binds to by number.
fn free_port(host: &str) -> u16 {
    let probe = TcpListener::bind(format!("{host}:0")).expect("bind a free port");
    probe.local_addr().expect("address").port()
}

fn udp() {
    // A server bound to a port it names: libsinsp's server socket until a
    // datagram's tuple makes it a connection.
    let named = UdpSocket::bind(format!("127.0.0.1:{}", free_port("127.0.0.1")))
        .expect("bind a named port");
    let asker = UdpSocket::bind("127.0.0.1:0").expect("bind");
    asker
        .send_to(&[9; 20], named.local_addr().expect("addr"))
        .expect("sendto");
    let mut buf = [0u8; 2048];
    let (n, from) = named.recv_from(&mut buf).expect("recvfrom");
    assert_eq!(n, 20);
    named.send_to(&[8; 10], from).expect("answer");
    assert_eq!(asker.recv_from(&mut buf).expect("recvfrom").0, 10);
    drop((named, asker));

    let server = UdpSocket::bind("127.0.0.1:0").expect("bind server");
    let client = UdpSocket::bind("127.0.0.1:0").expect("bind client");
    let (sa, ca) = (
        server.local_addr().expect("addr"),
        client.local_addr().expect("addr"),
    );
    // Unconnected: every datagram names its peer.
    client.send_to(&[1; 100], sa).expect("sendto");
    let (n, from) = server.recv_from(&mut buf).expect("recvfrom");
    assert_eq!((n, from), (100, ca));
    server.send_to(&[2; 50], from).expect("sendto back");
    assert_eq!(client.recv_from(&mut buf).expect("recvfrom").0, 50);
    // Connected: send and recv without addresses.
    client.connect(sa).expect("connect");
    client.send(&[3; 70]).expect("send");
    assert_eq!(server.recv_from(&mut buf).expect("recvfrom").0, 70);
    // sendmsg/recvmsg, then sendmmsg/recvmmsg, on fresh sockets.
    let a = UdpSocket::bind("127.0.0.1:0").expect("bind");
    let b = UdpSocket::bind("127.0.0.1:0").expect("bind");
    let b_addr = b.local_addr().expect("addr");
    let std::net::SocketAddr::V4(b4) = b_addr else {
        panic!("not IPv4")
    };
    let mut dest: libc::sockaddr_in = unsafe { std::mem::zeroed() };
    dest.sin_family = libc::AF_INET as u16;
    dest.sin_port = b4.port().to_be();
    dest.sin_addr.s_addr = u32::from_ne_bytes(b4.ip().octets());
    let payload = [4u8; 33];
    let mut iov = libc::iovec {
        iov_base: payload.as_ptr() as *mut libc::c_void,
        iov_len: payload.len(),
    };
    // SAFETY (each block below): msghdrs pointing at buffers and addresses
    // that live across the calls, on sockets this workload owns.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_name = (&raw mut dest).cast();
    msg.msg_namelen = std::mem::size_of_val(&dest) as libc::socklen_t;
    msg.msg_iov = &raw mut iov;
    msg.msg_iovlen = 1;
    assert_eq!(unsafe { libc::sendmsg(a.as_raw_fd(), &msg, 0) }, 33);
    let mut from: libc::sockaddr_in = unsafe { std::mem::zeroed() };
    let mut inbuf = [0u8; 100];
    let mut in_iov = libc::iovec {
        iov_base: inbuf.as_mut_ptr().cast(),
        iov_len: inbuf.len(),
    };
    let mut rmsg: libc::msghdr = unsafe { std::mem::zeroed() };
    rmsg.msg_name = (&raw mut from).cast();
    rmsg.msg_namelen = std::mem::size_of_val(&from) as libc::socklen_t;
    rmsg.msg_iov = &raw mut in_iov;
    rmsg.msg_iovlen = 1;
    assert_eq!(unsafe { libc::recvmsg(b.as_raw_fd(), &mut rmsg, 0) }, 33);
    let mut mmsgs: [libc::mmsghdr; 2] = unsafe { std::mem::zeroed() };
    for m in &mut mmsgs {
        m.msg_hdr = msg;
    }
    assert_eq!(
        unsafe { libc::sendmmsg(a.as_raw_fd(), mmsgs.as_mut_ptr(), 2, 0) },
        2
    );
    let mut rmmsgs: [libc::mmsghdr; 2] = unsafe { std::mem::zeroed() };
    for m in &mut rmmsgs {
        m.msg_hdr = rmsg;
    }
    let got = unsafe {
        libc::recvmmsg(
            b.as_raw_fd(),
            rmmsgs.as_mut_ptr(),
            2,
            libc::MSG_WAITFORONE,
            std::ptr::null_mut(),
        )
    };
    assert!(got >= 1, "recvmmsg: {}", std::io::Error::last_os_error());
}

fn unix() {
    let path = Path::new("stream.sock");
    let listener = UnixListener::bind(path).expect("bind stream");
    let server = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().expect("accept");
        let mut req = [0u8; 64];
        let n = s.read(&mut req).expect("read");
        s.write_all(&req[..n]).expect("echo");
    });
    let mut c = UnixStream::connect(path).expect("connect");
    c.write_all(b"over a unix stream").expect("write");
    let mut back = [0u8; 64];
    assert_eq!(c.read(&mut back).expect("read"), 18);
    server.join().expect("server thread");
    drop(c);
    // A connect to a path nobody listens on fails.
    assert!(UnixStream::connect("nobody.sock").is_err());

    let d1 = UnixDatagram::bind("d1.sock").expect("bind d1");
    let d2 = UnixDatagram::bind("d2.sock").expect("bind d2");
    d1.send_to(b"datagram", "d2.sock").expect("send_to");
    let mut buf = [0u8; 64];
    assert_eq!(d2.recv_from(&mut buf).expect("recv_from").0, 8);

    // An fd passed over a socket pair: the receiver reads the file through it.
    fs::write("passed.txt", b"read through a passed fd\n").expect("write passed.txt");
    let (tx, rx) = UnixStream::pair().expect("socketpair");
    let file = fs::File::open("passed.txt").expect("open passed.txt");
    send_fd(tx.as_raw_fd(), file.as_raw_fd());
    drop(file);
    let received = recv_fd(rx.as_raw_fd());
    let mut text = String::new();
    fs::File::from(received)
        .read_to_string(&mut text)
        .expect("read the passed fd");
    assert_eq!(text.len(), 25);
}

/// Sends `fd` over the unix socket `sock` (one byte of data, SCM_RIGHTS).
fn send_fd(sock: RawFd, fd: RawFd) {
    let data = [b'F'];
    let mut iov = libc::iovec {
        iov_base: data.as_ptr() as *mut libc::c_void,
        iov_len: 1,
    };
    // SAFETY: the control buffer is big and aligned enough for one
    // SCM_RIGHTS header with one fd, and every pointer outlives the call.
    unsafe {
        let space = libc::CMSG_SPACE(std::mem::size_of::<RawFd>() as u32) as usize;
        let mut control = vec![0u64; space.div_ceil(8)];
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_iov = &raw mut iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.as_mut_ptr().cast();
        msg.msg_controllen = space;
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        (*cmsg).cmsg_level = libc::SOL_SOCKET;
        (*cmsg).cmsg_type = libc::SCM_RIGHTS;
        (*cmsg).cmsg_len = libc::CMSG_LEN(std::mem::size_of::<RawFd>() as u32) as usize;
        std::ptr::write_unaligned(libc::CMSG_DATA(cmsg).cast::<RawFd>(), fd);
        assert_eq!(libc::sendmsg(sock, &msg, 0), 1, "sendmsg SCM_RIGHTS");
    }
}

/// Receives one fd sent by [`send_fd`].
fn recv_fd(sock: RawFd) -> OwnedFd {
    let mut data = [0u8; 1];
    let mut iov = libc::iovec {
        iov_base: data.as_mut_ptr().cast(),
        iov_len: 1,
    };
    // SAFETY: as in `send_fd`; the received fd is new and owned here.
    unsafe {
        let space = libc::CMSG_SPACE(std::mem::size_of::<RawFd>() as u32) as usize;
        let mut control = vec![0u64; space.div_ceil(8)];
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_iov = &raw mut iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.as_mut_ptr().cast();
        msg.msg_controllen = space;
        assert_eq!(libc::recvmsg(sock, &mut msg, 0), 1, "recvmsg SCM_RIGHTS");
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        assert!(!cmsg.is_null() && (*cmsg).cmsg_type == libc::SCM_RIGHTS);
        OwnedFd::from_raw_fd(std::ptr::read_unaligned(
            libc::CMSG_DATA(cmsg).cast::<RawFd>(),
        ))
    }
}

/// Identity changes in a child process (the test runs as root): each is
/// followed by a file write, so that the process is written with its new
/// identity.
fn creds() {
    // The files are written under the changed ids too.
    let mut perms = fs::metadata(".").expect("stat .").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o777);
    fs::set_permissions(".", perms).expect("chmod .");
    // SAFETY: fork in a single-threaded workload; the child only makes
    // syscalls and exits with `_exit`.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork");
    if pid == 0 {
        let step = |n: &str| {
            let fd = create(&format!("creds-{n}.txt"));
            write_fd(fd, n.as_bytes());
            close(fd);
        };
        // A setresuid that changes nothing writes the process as it is (a
        // ProcessEvent and a modified Process): the snapshot after each
        // group change, which no record shows by itself.
        let snapshot = || {
            ok(
                unsafe { libc::setresuid(u32::MAX, u32::MAX, u32::MAX) },
                "setresuid -1",
            )
        };
        unsafe {
            step("start");
            ok(libc::setgid(65534), "setgid");
            snapshot();
            step("setgid");
            ok(libc::setresgid(100, 100, 0), "setresgid");
            snapshot();
            step("setresgid");
            ok(libc::setregid(0, 0), "setregid");
            snapshot();
            step("setregid");
            ok(libc::setresuid(0, 65534, 0), "setresuid");
            step("setresuid");
            ok(libc::setreuid(0, 0), "setreuid back");
            snapshot();
            step("setreuid");
            ok(libc::setuid(65534), "setuid");
            step("setuid");
            // Not allowed any more: a failed setuid.
            assert!(libc::setuid(0) < 0);
            step("failed");
            libc::_exit(0);
        }
    }
    let mut status = 0;
    // SAFETY: waits for the child forked above.
    ok(unsafe { libc::waitpid(pid, &mut status, 0) }, "waitpid");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "creds child: {status}"
    );
}

fn threads() {
    let handles: Vec<_> = (0..3)
        .map(|i| {
            std::thread::spawn(move || {
                let path = format!("thread-{i}.txt");
                let mut f = fs::File::create(&path).expect("create");
                f.write_all(&vec![b't'; 100 * (i + 1)]).expect("write");
                drop(f);
                fs::read(&path).expect("read back").len()
            })
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        assert_eq!(h.join().expect("thread"), 100 * (i + 1));
    }
}

fn spawn() {
    let prog = cstr("/bin/true");
    let arg0 = cstr("true");
    let arg1 = cstr("--vforked");
    let argv = [arg0.as_ptr(), arg1.as_ptr(), std::ptr::null()];
    let envp = [std::ptr::null::<libc::c_char>()];
    // SAFETY: the vforked child only calls execve and _exit, as vfork
    // allows; the parent waits for it. (libc deprecates vfork for children
    // that do more, which write into the parent's stack frame.)
    #[allow(deprecated)]
    let pid = unsafe { libc::vfork() };
    if pid == 0 {
        unsafe {
            libc::execve(prog.as_ptr(), argv.as_ptr(), envp.as_ptr());
            libc::_exit(127);
        }
    }
    assert!(pid > 0, "vfork");
    let mut status = 0;
    // SAFETY: waits for the child above.
    ok(unsafe { libc::waitpid(pid, &mut status, 0) }, "waitpid");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    // posix_spawn (glibc: clone3 with CLONE_VM | CLONE_VFORK).
    let arg1 = cstr("--posix-spawned");
    let argv = [arg0.as_ptr(), arg1.as_ptr(), std::ptr::null()];
    let mut child = 0;
    // SAFETY: valid program, argv and envp arrays, NUL-terminated.
    let ret = unsafe {
        libc::posix_spawn(
            &mut child,
            prog.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            argv.as_ptr().cast(),
            envp.as_ptr().cast(),
        )
    };
    assert_eq!(ret, 0, "posix_spawn");
    ok(unsafe { libc::waitpid(child, &mut status, 0) }, "waitpid");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
}

fn exec() {
    fs::write(
        "script.sh",
        "#!/bin/sh\necho from a script > script-out.txt\n",
    )
    .expect("script");
    let mut perms = fs::metadata("script.sh").expect("stat").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    fs::set_permissions("script.sh", perms).expect("chmod");
    let status = Command::new("./script.sh")
        .arg("an-arg")
        .status()
        .expect("run script");
    assert!(status.success(), "script: {status}");

    // execveat of an fd of /bin/true (AT_EMPTY_PATH), in a child.
    // SAFETY: fork; the child execs or exits; the parent waits.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        unsafe {
            let fd = libc::open(cstr("/bin/true").as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
            let arg0 = cstr("true");
            let arg1 = cstr("--execveat");
            let argv = [arg0.as_ptr(), arg1.as_ptr(), std::ptr::null()];
            let envp = [std::ptr::null::<libc::c_char>()];
            libc::syscall(
                libc::SYS_execveat,
                fd,
                cstr("").as_ptr(),
                argv.as_ptr(),
                envp.as_ptr(),
                libc::AT_EMPTY_PATH,
            );
            libc::_exit(127);
        }
    }
    assert!(pid > 0, "fork");
    let mut status = 0;
    // SAFETY: waits for the child above.
    ok(unsafe { libc::waitpid(pid, &mut status, 0) }, "waitpid");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "execveat child"
    );
}
