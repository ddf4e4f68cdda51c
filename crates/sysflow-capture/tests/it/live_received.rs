//! Live capture of fds received with SCM_RIGHTS: after the receive, the
//! probe describes each fd now in the receiver's table with an event of
//! Falco's task_file iterator (`PPME_ITER_TASK_FILE_*_E`), at the time of
//! the receive's event, so that it follows it. Every parameter is checked
//! against what the receiver itself finds out about the fd (`fstat`,
//! `/proc/thread-self/fdinfo`, the path `/proc` links it to).
//!
//! Skips, like `live`, where this machine cannot capture.

use std::ffi::c_void;
use std::net::{Ipv4Addr, Ipv6Addr, TcpListener, TcpStream, UdpSocket};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::net::{UnixListener, UnixStream};

use sysflow_capture::{Event, ParamValue};

use super::live::{capture_during, gettid, param, slot};

const RECVMSG_X: u16 = 53;
const RECVMMSG_X: u16 = 55;
const SOCKETPAIR_X: u16 = 43;
const TASK_FILE_PIPE_E: u16 = 432;
const TASK_FILE_MEMFD_E: u16 = 434;
const TASK_FILE_REGULAR_E: u16 = 436;
const TASK_FILE_DIRECTORY_E: u16 = 438;
const TASK_FILE_SOCKET_INET_E: u16 = 440;
const TASK_FILE_SOCKET_INET6_E: u16 = 442;
const TASK_FILE_SOCKET_UNIX_E: u16 = 444;
const TASK_FILE_ANON_INODE_E: u16 = 448;

/// Whether `ty` is one of the task_file events (432 to 448, even).
fn is_task_file(ty: u16) -> bool {
    (432..=448).contains(&ty) && ty.is_multiple_of(2)
}

/// Parameter `name` of an event.
fn named<'e>(ev: &'e Event, name: &str) -> ParamValue<'e> {
    param(ev, slot(ev.event_type, name))
}

/// A libc result that must not be negative.
fn ok(r: isize, what: &str) -> usize {
    usize::try_from(r).unwrap_or_else(|_| panic!("{what}: {}", std::io::Error::last_os_error()))
}

/// The control buffer of a message passing `n` fds with SCM_RIGHTS.
fn rights(fds: &[RawFd]) -> Vec<u64> {
    let bytes = size_of_val(fds) as u32;
    // SAFETY: CMSG_SPACE only computes a size.
    let space = unsafe { libc::CMSG_SPACE(bytes) } as usize;
    let mut control = vec![0u64; space.div_ceil(8)];
    // SAFETY: an all-zero msghdr is valid; it only locates the header in
    // `control`, which holds one cmsghdr and `fds`.
    unsafe {
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_control = control.as_mut_ptr().cast::<c_void>();
        msg.msg_controllen = space;
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        (*cmsg).cmsg_level = libc::SOL_SOCKET;
        (*cmsg).cmsg_type = libc::SCM_RIGHTS;
        (*cmsg).cmsg_len = libc::CMSG_LEN(bytes) as usize;
        std::ptr::copy_nonoverlapping(
            fds.as_ptr(),
            libc::CMSG_DATA(cmsg).cast::<RawFd>(),
            fds.len(),
        );
    }
    control
}

/// Sends one data byte on `sock`, with `fds` passed with SCM_RIGHTS when
/// there are any.
fn send_fds(sock: RawFd, fds: &[RawFd]) {
    let data = [b'F'];
    let mut iov = libc::iovec {
        iov_base: data.as_ptr().cast_mut().cast::<c_void>(),
        iov_len: 1,
    };
    let mut control = rights(fds);
    // SAFETY: an all-zero msghdr is valid; filled with live buffers.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = &raw mut iov;
    msg.msg_iovlen = 1;
    if !fds.is_empty() {
        msg.msg_control = control.as_mut_ptr().cast::<c_void>();
        msg.msg_controllen = size_of_val(control.as_slice());
    }
    // SAFETY: msg points to live buffers of the sizes it gives.
    assert_eq!(ok(unsafe { libc::sendmsg(sock, &msg, 0) }, "sendmsg"), 1);
}

/// The fds of the SCM_RIGHTS message in ancillary data as the kernel left
/// it (`len` bytes of `control`).
fn fds_in(control: &[u64], len: usize) -> Vec<RawFd> {
    // SAFETY: an all-zero msghdr is valid; it only walks `control`, whose
    // first `len` bytes the kernel wrote.
    unsafe {
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_control = control.as_ptr().cast_mut().cast::<c_void>();
        msg.msg_controllen = len;
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        if cmsg.is_null() {
            return Vec::new();
        }
        assert_eq!(
            ((*cmsg).cmsg_level, (*cmsg).cmsg_type),
            (libc::SOL_SOCKET, libc::SCM_RIGHTS)
        );
        let n = ((*cmsg).cmsg_len - libc::CMSG_LEN(0) as usize) / size_of::<RawFd>();
        let data = libc::CMSG_DATA(cmsg).cast::<RawFd>();
        (0..n)
            .map(|i| std::ptr::read_unaligned(data.add(i)))
            .collect()
    }
}

/// Receives one message on `sock` with recvmsg: the fds it passed.
fn recv_fds(sock: RawFd) -> Vec<RawFd> {
    let mut data = [0u8; 1];
    let mut iov = libc::iovec {
        iov_base: data.as_mut_ptr().cast::<c_void>(),
        iov_len: 1,
    };
    let mut control = vec![0u64; 64];
    // SAFETY: an all-zero msghdr is valid; filled with live buffers.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = &raw mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.as_mut_ptr().cast::<c_void>();
    msg.msg_controllen = size_of_val(control.as_slice());
    // SAFETY: msg points to live buffers of the sizes it gives.
    assert_eq!(
        ok(unsafe { libc::recvmsg(sock, &mut msg, 0) }, "recvmsg"),
        1
    );
    fds_in(&control, msg.msg_controllen)
}

/// `fstat` of an fd: its inode number.
fn ino(fd: RawFd) -> u64 {
    // SAFETY: an all-zero stat is valid, and fstat fills it.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a live stat buffer.
    assert_eq!(unsafe { libc::fstat(fd, &mut st) }, 0, "fstat");
    st.st_ino
}

/// The path `/proc` links fd `fd` of this thread to (the kernel's d_path).
fn linked(fd: RawFd) -> Vec<u8> {
    std::fs::read_link(format!("/proc/thread-self/fd/{fd}"))
        .expect("read the fd's link")
        .into_os_string()
        .into_encoded_bytes()
}

/// Field `name` of `/proc/thread-self/fdinfo/FD`.
fn fdinfo(fd: RawFd, name: &str) -> u64 {
    let text = std::fs::read_to_string(format!("/proc/thread-self/fdinfo/{fd}")).expect("fdinfo");
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("{name} in {text}"))
}

/// What the receiver knows of each fd it received, to check the events
/// against.
struct Received {
    /// The receiving thread.
    tid: u64,
    /// Its socket's fd, whose recvmsg passed the fds.
    sock: i64,
    /// The fds received, in the message's order.
    fds: Vec<RawFd>,
    /// Their inode numbers.
    inos: Vec<u64>,
    /// The regular file's path, the directory's and the memfd's, as
    /// `/proc` links them.
    file: Vec<u8>,
    dir: Vec<u8>,
    memfd: Vec<u8>,
    /// The regular file's mount id and `F_GETFL` flags.
    mnt_id: u64,
    getfl: i32,
    /// The TCP connection's ends (the passed socket's local one first).
    local_port: u16,
    remote_port: u16,
    /// The port the UDP socket on ::1 is bound to.
    udp6_port: u16,
    /// The passed end of a socket pair, as the sender had it.
    pair_fd: i64,
    /// The unix listener's path.
    unix_path: Vec<u8>,
}

/// A regular file, a directory, a connected TCP socket, a UDP socket on
/// ::1, one end of a socket pair, a unix socket bound to a path, a pipe, an
/// eventfd and a memfd passed in one SCM_RIGHTS message: right after the receiver's
/// recvmsg exit, one task_file event per fd, in the message's order, for
/// the receiving thread, at the recvmsg's time, each with every parameter
/// as the receiver sees the fd (the fd number it got; the path /proc links
/// it to; flags, mount id and inode; the socket's addresses and ports, the
/// pair's sock as its socketpair event names it, the listener's path).
#[test]
fn received_fds_are_described_after_their_recvmsg() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir_path = std::fs::canonicalize(dir.path()).expect("canonical temp dir");
    let captured = capture_during(
        "live received fds",
        |_| true,
        move || {
            let tid = gettid();
            let file_path = dir_path.join("passed.txt");
            std::fs::write(&file_path, b"passed").expect("write");
            let file = std::fs::OpenOptions::new()
                .read(true)
                .append(true)
                .open(&file_path)
                .expect("open");
            let directory = std::fs::File::open(&dir_path).expect("open the directory");
            let listener = TcpListener::bind("127.0.0.1:0").expect("listen");
            let client = TcpStream::connect(listener.local_addr().expect("addr")).expect("connect");
            let (_server, _) = listener.accept().expect("accept");
            let udp6 = UdpSocket::bind("[::1]:0").expect("bind [::1]");
            let (pair_a, _pair_b) = UnixStream::pair().expect("socketpair");
            let unix_path = dir_path.join("bound.sock");
            let bound = UnixListener::bind(&unix_path).expect("bind");
            let (pipe_r, _pipe_w) = std::io::pipe().expect("pipe");
            // SAFETY: plain syscalls; the fds returned are owned here.
            let eventfd = unsafe { OwnedFd::from_raw_fd(libc::eventfd(0, 0)) };
            // SAFETY: as above, with a NUL-terminated name.
            let memfd =
                unsafe { OwnedFd::from_raw_fd(libc::memfd_create(c"sysflow-passed".as_ptr(), 0)) };
            let passed = [
                file.as_raw_fd(),
                directory.as_raw_fd(),
                client.as_raw_fd(),
                udp6.as_raw_fd(),
                pair_a.as_raw_fd(),
                bound.as_raw_fd(),
                pipe_r.as_raw_fd(),
                eventfd.as_raw_fd(),
                memfd.as_raw_fd(),
            ];
            let (tx, rx) = UnixStream::pair().expect("socketpair");
            send_fds(tx.as_raw_fd(), &passed);
            let fds = recv_fds(rx.as_raw_fd());
            assert_eq!(fds.len(), passed.len());
            // SAFETY: F_GETFL on an fd we own.
            let getfl = unsafe { libc::fcntl(fds[0], libc::F_GETFL) };
            let received = Received {
                tid,
                sock: i64::from(rx.as_raw_fd()),
                inos: fds.iter().map(|&fd| ino(fd)).collect(),
                file: linked(fds[0]),
                dir: linked(fds[1]),
                memfd: linked(fds[8]),
                mnt_id: fdinfo(fds[0], "mnt_id"),
                getfl,
                local_port: client.local_addr().expect("addr").port(),
                remote_port: listener.local_addr().expect("addr").port(),
                udp6_port: udp6.local_addr().expect("addr").port(),
                pair_fd: i64::from(pair_a.as_raw_fd()),
                unix_path: unix_path.into_os_string().into_encoded_bytes(),
                fds,
            };
            for &fd in &received.fds {
                // SAFETY: the fds came to us; each closed once.
                unsafe { libc::close(fd) };
            }
            received
        },
    );
    let Some((events, r)) = captured else {
        return;
    };
    let ours: Vec<&Event> = events.iter().filter(|e| e.tid == r.tid).collect();
    let at = ours
        .iter()
        .position(|e| e.event_type == RECVMSG_X && named(e, "fd") == ParamValue::Fd(r.sock))
        .expect("the recvmsg exit");
    let recvmsg = ours[at];
    let described: Vec<&Event> = ours[at + 1..]
        .iter()
        .take_while(|e| is_task_file(e.event_type))
        .copied()
        .collect();
    let kinds: Vec<u16> = described.iter().map(|e| e.event_type).collect();
    assert_eq!(
        kinds,
        [
            TASK_FILE_REGULAR_E,
            TASK_FILE_DIRECTORY_E,
            TASK_FILE_SOCKET_INET_E,
            TASK_FILE_SOCKET_INET6_E,
            TASK_FILE_SOCKET_UNIX_E,
            TASK_FILE_SOCKET_UNIX_E,
            TASK_FILE_PIPE_E,
            TASK_FILE_ANON_INODE_E,
            TASK_FILE_MEMFD_E,
        ]
    );
    // Nothing else of ours describes an fd: the other recvmsg calls passed none.
    assert_eq!(
        ours.iter().filter(|e| is_task_file(e.event_type)).count(),
        described.len()
    );
    for (i, ev) in described.iter().enumerate() {
        assert_eq!(ev.ts, recvmsg.ts, "event {i} at its recvmsg's time");
        assert_eq!(
            named(ev, "fd"),
            ParamValue::Fd(i64::from(r.fds[i])),
            "event {i}"
        );
        assert_eq!(
            named(ev, "ino_num"),
            ParamValue::Uint(r.inos[i]),
            "event {i}"
        );
    }
    let [file, dir, tcp, udp6, pair, bound, pipe, eventfd, memfd] = described[..] else {
        unreachable!("nine events checked above");
    };

    // The file: O_RDWR | O_APPEND as opened, with the O_LARGEFILE the kernel
    // adds (F_GETFL shows the same flags); Falco's PPM_O_RDWR, PPM_O_APPEND,
    // PPM_O_LARGEFILE.
    // (x86_64's O_LARGEFILE, which glibc defines as 0 there since it is implied.)
    assert_eq!(r.getfl, libc::O_RDWR | libc::O_APPEND | 0o100000);
    assert_eq!(named(file, "path"), ParamValue::Path(&r.file));
    assert!(r.file.ends_with(b"/passed.txt"), "{:?}", r.file);
    assert_eq!(
        named(file, "flags"),
        ParamValue::Flags(3 | (1 << 3) | (1 << 11))
    );
    assert_eq!(named(file, "mnt_id"), ParamValue::Uint(r.mnt_id));
    assert_eq!(named(dir, "path"), ParamValue::Path(&r.dir));

    // The TCP connection from the receiver's end: type SOCK_STREAM,
    // protocol TCP, 127.0.0.1 both ends.
    assert_eq!(named(tcp, "sk_type"), ParamValue::Uint(1));
    assert_eq!(named(tcp, "sk_proto"), ParamValue::Uint(6));
    assert_eq!(
        named(tcp, "local_ip"),
        ParamValue::Ipv4(Ipv4Addr::LOCALHOST)
    );
    assert_eq!(named(tcp, "local_port"), ParamValue::Port(r.local_port));
    assert_eq!(
        named(tcp, "remote_ip"),
        ParamValue::Ipv4(Ipv4Addr::LOCALHOST)
    );
    assert_eq!(named(tcp, "remote_port"), ParamValue::Port(r.remote_port));
    // The UDP socket bound to ::1, with no peer: SOCK_DGRAM, protocol UDP.
    assert_eq!(named(udp6, "sk_type"), ParamValue::Uint(2));
    assert_eq!(named(udp6, "sk_proto"), ParamValue::Uint(17));
    assert_eq!(
        named(udp6, "local_ip"),
        ParamValue::Ipv6(Ipv6Addr::LOCALHOST)
    );
    assert_eq!(named(udp6, "local_port"), ParamValue::Port(r.udp6_port));
    assert_eq!(
        named(udp6, "remote_ip"),
        ParamValue::Ipv6(Ipv6Addr::UNSPECIFIED)
    );
    assert_eq!(named(udp6, "remote_port"), ParamValue::Port(0));

    // The pair's end: its sock is the `source` of its socketpair event (the
    // first fd's), and it is bound to no path.
    let socketpair = ours
        .iter()
        .find(|e| e.event_type == SOCKETPAIR_X && named(e, "fd1") == ParamValue::Fd(r.pair_fd))
        .expect("the socketpair of the passed end");
    let source = match named(socketpair, "source") {
        ParamValue::Uint(s) => s,
        other => panic!("socketpair source {other:?}"),
    };
    assert_ne!(source, 0);
    assert_eq!(named(pair, "sk_type"), ParamValue::Uint(1));
    assert_eq!(named(pair, "sk_proto"), ParamValue::Uint(0));
    assert_eq!(named(pair, "sk_pointer"), ParamValue::Uint(source));
    assert_eq!(named(pair, "sun_path"), ParamValue::Path(b""));
    assert_eq!(named(bound, "sun_path"), ParamValue::Path(&r.unix_path));
    assert!(matches!(named(bound, "sk_pointer"), ParamValue::Uint(p) if p != 0 && p != source));

    // The pipe is named by its (empty) pipefs dentry; the eventfd is known
    // by its anonymous inode's name, so it has no path; the memfd's path is
    // what d_path makes of it.
    assert_eq!(named(pipe, "path"), ParamValue::Path(b""));
    assert_eq!(named(eventfd, "fd_type"), ParamValue::Flags(1));
    assert_eq!(named(eventfd, "path"), ParamValue::Empty);
    assert_eq!(r.memfd, b"/memfd:sysflow-passed (deleted)");
    assert_eq!(named(memfd, "path"), ParamValue::Path(&r.memfd));
}

/// What [`recvmmsg_fds_follow_their_message`]'s receiver got.
struct Batch {
    /// The fds each of the three messages passed.
    fds: [Vec<RawFd>; 3],
}

/// recvmmsg of three datagrams: the first passes a file, the second
/// nothing, the third 20 fds. Each message's fds are described right after
/// that message's event, at its time; of the third's, the first 16 (the
/// probe's limit per message), the other 4 counted as drops.
#[test]
fn recvmmsg_fds_follow_their_message() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    use sysflow_capture::{EventSource, LiveConfig};

    let mut config = LiveConfig::default();
    config.capture_self = true;
    let Some(mut capture) = super::live::start_or_skip(&config, "live recvmmsg fds") else {
        return;
    };
    let stop = capture.stop_handle();
    let worker_tid = Arc::new(AtomicU64::new(0));
    let worker = {
        let worker_tid = Arc::clone(&worker_tid);
        std::thread::spawn(move || {
            worker_tid.store(gettid(), Ordering::Release);
            let (tx, rx) = std::os::unix::net::UnixDatagram::pair().expect("socketpair");
            let null = std::fs::File::open("/dev/null").expect("open /dev/null");
            let many: Vec<OwnedFd> = (0..20)
                .map(|_| OwnedFd::from(null.try_clone().expect("dup")))
                .collect();
            let many: Vec<RawFd> = many.iter().map(AsRawFd::as_raw_fd).collect();
            send_fds(tx.as_raw_fd(), &[null.as_raw_fd()]);
            send_fds(tx.as_raw_fd(), &[]);
            send_fds(tx.as_raw_fd(), &many);
            let mut data = [[0u8; 1]; 3];
            let mut iovs: Vec<libc::iovec> = data
                .iter_mut()
                .map(|d| libc::iovec {
                    iov_base: d.as_mut_ptr().cast::<c_void>(),
                    iov_len: 1,
                })
                .collect();
            let mut controls = vec![vec![0u64; 32]; 3];
            // SAFETY: all-zero mmsghdrs are valid; filled with live buffers.
            let mut msgs: Vec<libc::mmsghdr> =
                (0..3).map(|_| unsafe { std::mem::zeroed() }).collect();
            for ((m, iov), control) in msgs.iter_mut().zip(&mut iovs).zip(&mut controls) {
                m.msg_hdr.msg_iov = iov;
                m.msg_hdr.msg_iovlen = 1;
                m.msg_hdr.msg_control = control.as_mut_ptr().cast::<c_void>();
                m.msg_hdr.msg_controllen = size_of_val(control.as_slice());
            }
            // SAFETY: every mmsghdr points to live buffers of the sizes it gives.
            let got = unsafe {
                libc::recvmmsg(
                    rx.as_raw_fd(),
                    msgs.as_mut_ptr(),
                    3,
                    0,
                    std::ptr::null_mut(),
                )
            };
            assert_eq!(got, 3, "recvmmsg: {}", std::io::Error::last_os_error());
            let fds: Vec<Vec<RawFd>> = msgs
                .iter()
                .zip(&controls)
                .map(|(m, control)| fds_in(control, m.msg_hdr.msg_controllen))
                .collect();
            for &fd in fds.iter().flatten() {
                // SAFETY: the fds came to us; each closed once.
                unsafe { libc::close(fd) };
            }
            stop.stop();
            Batch {
                fds: [fds[0].clone(), fds[1].clone(), fds[2].clone()],
            }
        })
    };
    let mut events = Vec::new();
    while let Some(ev) = capture.next_event().expect("live event") {
        if ev.tid == worker_tid.load(Ordering::Acquire) {
            events.push(ev);
        }
    }
    let batch = worker.join().expect("worker");
    assert_eq!(batch.fds.each_ref().map(Vec::len), [1, 0, 20]);
    let stats = capture.stats().expect("stats");

    // The stream from the first recvmmsg event on: each message's event,
    // then its fds'.
    let from = events
        .iter()
        .position(|e| e.event_type == RECVMMSG_X)
        .expect("the recvmmsg events");
    let stream: Vec<&Event> = events[from..]
        .iter()
        .filter(|e| e.event_type == RECVMMSG_X || is_task_file(e.event_type))
        .collect();
    let mut expected = Vec::new();
    for fds in &batch.fds {
        expected.push((RECVMMSG_X, None));
        expected.extend(
            fds.iter()
                .take(16)
                .map(|&fd| (TASK_FILE_REGULAR_E, Some(i64::from(fd)))),
        );
    }
    let got: Vec<(u16, Option<i64>)> = stream
        .iter()
        .map(|e| {
            let fd = is_task_file(e.event_type).then(|| match named(e, "fd") {
                ParamValue::Fd(fd) => fd,
                other => panic!("fd {other:?}"),
            });
            (e.event_type, fd)
        })
        .collect();
    assert_eq!(got, expected);
    // Each fd's event has its message's time; /dev/null is a device, which
    // the iterator describes as a regular file.
    let mut message_ts = 0;
    for e in &stream {
        if e.event_type == RECVMMSG_X {
            message_ts = e.ts;
        } else {
            assert_eq!(e.ts, message_ts);
            assert_eq!(named(e, "path"), ParamValue::Path(b"/dev/null"));
        }
    }
    // The 4 fds past the limit counted, the 17 described too (more only if
    // other processes on this machine passed fds meanwhile).
    assert!(stats.drops_received_fds >= 4, "{stats:?}");
    assert!(stats.received_fds >= 17, "{stats:?}");
}
