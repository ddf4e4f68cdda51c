//! Live capture of socket events, with their tuples as Falco's modern
//! probe fills them: unconnected UDP names its peer from the call's
//! address, unix tuples carry the path, socketpair its two socks, recvmsg
//! its ancillary data; a refused connect keeps the address it was given.
//!
//! Skips, like `live`, where this machine cannot capture.

use std::ffi::c_void;
use std::net::{SocketAddr, SocketAddrV4, UdpSocket};
use std::os::fd::AsRawFd;
use std::os::linux::net::SocketAddrExt;
use std::os::unix::net::{UnixDatagram, UnixListener, UnixStream};

use sysflow_capture::{Event, ParamValue, SockAddr, SockTuple};

use super::live::{capture_during, gettid, param, slot};

const CONNECT_X: u16 = 23;
const SOCKETPAIR_X: u16 = 43;
const SENDTO_X: u16 = 31;
const RECVFROM_X: u16 = 35;
const SENDMSG_X: u16 = 49;
const RECVMSG_X: u16 = 53;
const SENDMMSG_X: u16 = 51;
const RECVMMSG_X: u16 = 55;
const ACCEPT4_6_X: u16 = 389;
const SOCKET_EVENTS: [u16; 9] = [
    CONNECT_X,
    SOCKETPAIR_X,
    SENDTO_X,
    RECVFROM_X,
    SENDMSG_X,
    RECVMSG_X,
    SENDMMSG_X,
    RECVMMSG_X,
    ACCEPT4_6_X,
];

/// Parameter `name` of an event.
fn named<'e>(ev: &'e Event, name: &str) -> ParamValue<'e> {
    param(ev, slot(ev.event_type, name))
}

/// The events of thread `tid` of one type.
fn of_type(events: &[Event], tid: u64, ty: u16) -> Vec<&Event> {
    events
        .iter()
        .filter(|e| e.tid == tid && e.event_type == ty)
        .collect()
}

fn v4(a: SocketAddr) -> SocketAddrV4 {
    match a {
        SocketAddr::V4(a) => a,
        SocketAddr::V6(_) => panic!("IPv6 address on 127.0.0.1"),
    }
}

/// A `sockaddr_in` for `a`.
fn sockaddr_in(a: SocketAddrV4) -> libc::sockaddr_in {
    libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: a.port().to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from_ne_bytes(a.ip().octets()),
        },
        sin_zero: [0; 8],
    }
}

/// A libc result, or the panic that names the call.
fn ok(r: isize, what: &str) -> usize {
    usize::try_from(r).unwrap_or_else(|_| panic!("{what}: {}", std::io::Error::last_os_error()))
}

/// Unconnected UDP on loopback: each send and receive names its peer (the
/// socket has none), for sendto/recvfrom, sendmsg/recvmsg and per message
/// of sendmmsg/recvmmsg, with the bytes of each message.
#[test]
fn unconnected_udp_tuples_name_the_peer() {
    let captured = capture_during(
        "live udp",
        |e| SOCKET_EVENTS.contains(&e.event_type),
        move || {
            let [a, b, c] = [(); 3].map(|()| UdpSocket::bind("127.0.0.1:0").expect("bind"));
            let addr = |s: &UdpSocket| v4(s.local_addr().expect("addr"));
            let (aa, ba, ca) = (addr(&a), addr(&b), addr(&c));
            let mut buf = [0u8; 64];
            // sendto and recvfrom (std's send_to and recv_from).
            a.send_to(&[1; 10], ba).expect("send_to");
            let (n, from) = b.recv_from(&mut buf).expect("recv_from");
            assert_eq!((n, v4(from)), (10, aa));
            // sendmsg to b with its address; recvmsg filling one.
            let mut to = sockaddr_in(ba);
            let mut data = [2u8; 20];
            let mut iov = libc::iovec {
                iov_base: data.as_mut_ptr().cast::<c_void>(),
                iov_len: data.len(),
            };
            // SAFETY: an all-zero msghdr is valid (no name, no iovecs).
            let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
            msg.msg_name = (&raw mut to).cast::<c_void>();
            msg.msg_namelen = size_of::<libc::sockaddr_in>() as u32;
            msg.msg_iov = &raw mut iov;
            msg.msg_iovlen = 1;
            // SAFETY: msg points to live buffers of the sizes it gives.
            ok(unsafe { libc::sendmsg(a.as_raw_fd(), &msg, 0) }, "sendmsg");
            // SAFETY: an all-zero sockaddr_in is a valid buffer to fill.
            let mut from: libc::sockaddr_in = unsafe { std::mem::zeroed() };
            let mut rbuf = [0u8; 64];
            let mut riov = libc::iovec {
                iov_base: rbuf.as_mut_ptr().cast::<c_void>(),
                iov_len: rbuf.len(),
            };
            // SAFETY: as above.
            let mut rmsg: libc::msghdr = unsafe { std::mem::zeroed() };
            rmsg.msg_name = (&raw mut from).cast::<c_void>();
            rmsg.msg_namelen = size_of::<libc::sockaddr_in>() as u32;
            rmsg.msg_iov = &raw mut riov;
            rmsg.msg_iovlen = 1;
            // SAFETY: rmsg points to live buffers of the sizes it gives.
            assert_eq!(
                ok(
                    unsafe { libc::recvmsg(b.as_raw_fd(), &mut rmsg, 0) },
                    "recvmsg"
                ),
                20
            );
            // sendmmsg of two messages to two peers, then b receives two
            // (the first of them, and one from c) with one recvmmsg.
            let mut dests = [sockaddr_in(ba), sockaddr_in(ca)];
            let mut bodies = [[3u8; 3].to_vec(), [4u8; 5].to_vec()];
            let mut iovs: Vec<libc::iovec> = bodies
                .iter_mut()
                .map(|b| libc::iovec {
                    iov_base: b.as_mut_ptr().cast::<c_void>(),
                    iov_len: b.len(),
                })
                .collect();
            // SAFETY: all-zero mmsghdrs are valid, filled below.
            let mut msgs: [libc::mmsghdr; 2] = unsafe { std::mem::zeroed() };
            for (i, m) in msgs.iter_mut().enumerate() {
                m.msg_hdr.msg_name = (&raw mut dests[i]).cast::<c_void>();
                m.msg_hdr.msg_namelen = size_of::<libc::sockaddr_in>() as u32;
                m.msg_hdr.msg_iov = &raw mut iovs[i];
                m.msg_hdr.msg_iovlen = 1;
            }
            // SAFETY: msgs points to two valid mmsghdrs with live buffers.
            let sent = unsafe { libc::sendmmsg(a.as_raw_fd(), msgs.as_mut_ptr(), 2, 0) };
            assert_eq!(sent, 2);
            c.send_to(&[5; 4], ba).expect("send_to");
            // SAFETY: as above, two zeroed sockaddr_in and mmsghdrs.
            let mut froms: [libc::sockaddr_in; 2] = unsafe { std::mem::zeroed() };
            let mut rbufs = [[0u8; 32]; 2];
            let mut riovs: Vec<libc::iovec> = rbufs
                .iter_mut()
                .map(|b| libc::iovec {
                    iov_base: b.as_mut_ptr().cast::<c_void>(),
                    iov_len: b.len(),
                })
                .collect();
            // SAFETY: as above.
            let mut rmsgs: [libc::mmsghdr; 2] = unsafe { std::mem::zeroed() };
            for (i, m) in rmsgs.iter_mut().enumerate() {
                m.msg_hdr.msg_name = (&raw mut froms[i]).cast::<c_void>();
                m.msg_hdr.msg_namelen = size_of::<libc::sockaddr_in>() as u32;
                m.msg_hdr.msg_iov = &raw mut riovs[i];
                m.msg_hdr.msg_iovlen = 1;
            }
            // SAFETY: rmsgs points to two valid mmsghdrs with live buffers.
            let got = unsafe {
                libc::recvmmsg(
                    b.as_raw_fd(),
                    rmsgs.as_mut_ptr(),
                    2,
                    libc::MSG_DONTWAIT,
                    std::ptr::null_mut(),
                )
            };
            assert_eq!(got, 2);
            let fds = [&a, &b, &c].map(|s| i64::from(s.as_raw_fd()));
            (gettid(), [aa, ba, ca], fds)
        },
    );
    let Some((events, (tid, [aa, ba, ca], [fa, fb, fc]))) = captured else {
        return;
    };
    let tuple = |src, dst| ParamValue::SockTuple(SockTuple::Inet { src, dst });
    use ParamValue::{Empty, Errno, Fd, Uint};
    // (event type, fd, res, tuple) of each, in order.
    let check = |ty: u16, want: &[(i64, i64, ParamValue<'_>)]| {
        let got: Vec<(ParamValue<'_>, ParamValue<'_>, ParamValue<'_>)> = of_type(&events, tid, ty)
            .into_iter()
            .map(|e| (named(e, "fd"), named(e, "res"), named(e, "tuple")))
            .collect();
        let want: Vec<_> = want
            .iter()
            .map(|(fd, res, t)| (Fd(*fd), Errno(*res), t.clone()))
            .collect();
        assert_eq!(got, want, "event {ty}");
    };
    check(SENDTO_X, &[(fa, 10, tuple(aa, ba)), (fc, 4, tuple(ca, ba))]);
    // Inbound: the remote end (the sender) first.
    check(RECVFROM_X, &[(fb, 10, tuple(aa, ba))]);
    check(SENDMSG_X, &[(fa, 20, tuple(aa, ba))]);
    check(RECVMSG_X, &[(fb, 20, tuple(aa, ba))]);
    let recvmsg = of_type(&events, tid, RECVMSG_X)[0];
    assert_eq!(named(recvmsg, "size"), Uint(20));
    assert_eq!(named(recvmsg, "msgcontrol"), Empty);
    // One event per message, each with its bytes and its own peer.
    check(
        SENDMMSG_X,
        &[(fa, 3, tuple(aa, ba)), (fa, 5, tuple(aa, ca))],
    );
    check(
        RECVMMSG_X,
        &[(fb, 3, tuple(aa, ba)), (fb, 4, tuple(ca, ba))],
    );
    let sizes: Vec<ParamValue<'_>> = of_type(&events, tid, RECVMMSG_X)
        .into_iter()
        .map(|e| named(e, "size"))
        .collect();
    assert_eq!(sizes, [Uint(3), Uint(4)]);
}

/// A TCP connect refused (nobody listens on the port): no tuple, but the
/// address it was given.
#[test]
fn refused_connect_keeps_its_address() {
    let captured = capture_during(
        "live refused connect",
        |e| e.event_type == CONNECT_X,
        move || {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port")
                .port();
            let to = SocketAddrV4::new([127, 0, 0, 1].into(), port);
            // SAFETY: plain socket(2); the fd is closed below.
            let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0) };
            assert!(fd >= 0);
            let sa = sockaddr_in(to);
            // SAFETY: sa is a valid sockaddr_in of the length given.
            let r = unsafe {
                libc::connect(
                    fd,
                    (&raw const sa).cast::<libc::sockaddr>(),
                    size_of::<libc::sockaddr_in>() as u32,
                )
            };
            let err = std::io::Error::last_os_error().raw_os_error();
            // SAFETY: fd is ours.
            unsafe { libc::close(fd) };
            assert_eq!((r, err), (-1, Some(libc::ECONNREFUSED)));
            (gettid(), i64::from(fd), to)
        },
    );
    let Some((events, (tid, fd, to))) = captured else {
        return;
    };
    let connects = of_type(&events, tid, CONNECT_X);
    assert_eq!(connects.len(), 1);
    let params: Vec<ParamValue<'_>> = (0..4).map(|i| param(connects[0], i)).collect();
    assert_eq!(
        params,
        [
            ParamValue::Errno(-i64::from(libc::ECONNREFUSED)),
            ParamValue::Empty,
            ParamValue::Fd(fd),
            ParamValue::SockAddr(SockAddr::Inet(to)),
        ]
    );
}

/// The kernel socks of a unix tuple, and its path.
fn unix_tuple(v: ParamValue<'_>) -> (u64, u64, Vec<u8>) {
    match v {
        ParamValue::SockTuple(SockTuple::Unix { source, dest, path }) => {
            (source, dest, path.to_vec())
        }
        other => panic!("not a unix tuple: {other:?}"),
    }
}

/// A unix stream connection by path and one by abstract name: connect,
/// accept, send and receive all carry (server sock, client sock) and the
/// server's path (an abstract name without its leading NUL); connect also
/// the address given. An unbound datagram socket's sendto to a path (no
/// peer) carries that path.
#[test]
fn unix_tuples_carry_the_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sysflow-live.sock");
    let dgram_path = dir.path().join("sysflow-live-dgram.sock");
    let abstract_name = format!("sysflow-live-{}", std::process::id());
    let (path2, dgram2, name2) = (path.clone(), dgram_path.clone(), abstract_name.clone());
    let captured = capture_during(
        "live unix",
        |e| SOCKET_EVENTS.contains(&e.event_type),
        move || {
            let by_path = UnixListener::bind(&path2).expect("bind");
            let named =
                std::os::unix::net::SocketAddr::from_abstract_name(name2.as_bytes()).unwrap();
            let by_name = UnixListener::bind_addr(&named).expect("bind abstract");
            let mut fds = Vec::new();
            for (listener, client) in [
                (&by_path, UnixStream::connect(&path2)),
                (&by_name, UnixStream::connect_addr(&named)),
            ] {
                let client = client.expect("connect");
                let (server, _) = listener.accept().expect("accept");
                // send(2) and recv(2) are sendto and recvfrom without an address.
                // SAFETY: a 3-byte buffer that lives across the call.
                let sent = unsafe { libc::send(client.as_raw_fd(), b"abc".as_ptr().cast(), 3, 0) };
                assert_eq!(sent, 3);
                let mut buf = [0u8; 3];
                // SAFETY: as above.
                let got = unsafe { libc::recv(server.as_raw_fd(), buf.as_mut_ptr().cast(), 3, 0) };
                assert_eq!(got, 3);
                fds.push((i64::from(client.as_raw_fd()), i64::from(server.as_raw_fd())));
            }
            let receiver = UnixDatagram::bind(&dgram2).expect("bind dgram");
            let sender = UnixDatagram::unbound().expect("dgram");
            sender.send_to(b"d", &dgram2).expect("send_to");
            receiver.recv(&mut [0]).expect("recv");
            (gettid(), fds, i64::from(sender.as_raw_fd()))
        },
    );
    let Some((events, (tid, fds, sender))) = captured else {
        return;
    };
    let bytes = |p: &std::path::Path| p.as_os_str().as_encoded_bytes().to_vec();
    let connects = of_type(&events, tid, CONNECT_X);
    let accepts = of_type(&events, tid, ACCEPT4_6_X);
    let sends = of_type(&events, tid, SENDTO_X);
    let recvs = of_type(&events, tid, RECVFROM_X);
    assert_eq!(
        (connects.len(), accepts.len(), sends.len(), recvs.len()),
        (2, 2, 3, 3)
    );
    let mut socks = Vec::new();
    for (i, want_path) in [bytes(&path), abstract_name.into_bytes()]
        .into_iter()
        .enumerate()
    {
        let (client, server) = fds[i];
        let connect = connects[i];
        assert_eq!(named(connect, "res"), ParamValue::Errno(0));
        assert_eq!(named(connect, "fd"), ParamValue::Fd(client));
        // The address given: an abstract name without its leading NUL.
        assert_eq!(
            named(connect, "addr"),
            ParamValue::SockAddr(SockAddr::Unix(&want_path))
        );
        let (server_sk, client_sk, p) = unix_tuple(named(connect, "tuple"));
        assert!(server_sk != 0 && client_sk != 0 && server_sk != client_sk);
        assert_eq!(p, want_path, "connect {i}");
        assert_eq!(named(accepts[i], "fd"), ParamValue::Fd(server));
        // Every event of the connection: the same two socks, the server's path.
        let sent = sends[i];
        let received = recvs[i];
        assert_eq!(named(sent, "fd"), ParamValue::Fd(client));
        assert_eq!(named(received, "fd"), ParamValue::Fd(server));
        for ev in [accepts[i], sent, received] {
            assert_eq!(
                unix_tuple(named(ev, "tuple")),
                (server_sk, client_sk, want_path.clone()),
                "event {} of connection {i}",
                ev.event_type
            );
        }
        socks.push((server_sk, client_sk));
    }
    assert_ne!(socks[0], socks[1]);
    // The datagram: no peer, the path it was sent to.
    let dgram = sends[2];
    assert_eq!(named(dgram, "fd"), ParamValue::Fd(sender));
    let (peer, local, p) = unix_tuple(named(dgram, "tuple"));
    assert_eq!((peer, p), (0, bytes(&dgram_path)));
    assert!(local != 0);
    // Its receiver (std's recv is recvfrom): (local, no peer), its own path.
    let (local, peer, p) = unix_tuple(named(recvs[2], "tuple"));
    assert_eq!((peer, p), (0, bytes(&dgram_path)));
    assert!(local != 0);
}

/// socketpair's source and peer are the two socks, crossing over: the
/// first fd's sock is the local end of sends on it and the peer end of
/// sends on the other.
#[test]
fn socketpair_socks_cross_over() {
    let captured = capture_during(
        "live socketpair",
        |e| [SOCKETPAIR_X, SENDTO_X].contains(&e.event_type),
        move || {
            let mut fds = [0; 2];
            // SAFETY: fds is an array of two ints.
            let r =
                unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, fds.as_mut_ptr()) };
            assert_eq!(r, 0);
            for fd in fds {
                // SAFETY: a 1-byte buffer that lives across the call.
                assert_eq!(unsafe { libc::send(fd, b"x".as_ptr().cast(), 1, 0) }, 1);
            }
            for fd in fds {
                // SAFETY: fd is ours.
                unsafe { libc::close(fd) };
            }
            (gettid(), fds.map(i64::from))
        },
    );
    let Some((events, (tid, [fd0, fd1]))) = captured else {
        return;
    };
    let pairs = of_type(&events, tid, SOCKETPAIR_X);
    assert_eq!(pairs.len(), 1);
    let pair = pairs[0];
    use ParamValue::{Errno, Fd, Flags, Uint};
    let ParamValue::Uint(source) = param(pair, 3) else {
        panic!("source");
    };
    let ParamValue::Uint(peer) = param(pair, 4) else {
        panic!("peer");
    };
    assert!(source != 0 && peer != 0 && source != peer);
    let all: Vec<ParamValue<'_>> = (0..8).map(|i| param(pair, i)).collect();
    assert_eq!(
        all,
        [
            Errno(0),
            Fd(fd0),
            Fd(fd1),
            Uint(source),
            Uint(peer),
            Flags(libc::AF_UNIX as u32),
            Uint(libc::SOCK_STREAM as u64),
            Uint(0),
        ]
    );
    let sends = of_type(&events, tid, SENDTO_X);
    assert_eq!(sends.len(), 2);
    // Outbound unix tuples are (peer, local).
    let (p0, l0, _) = unix_tuple(named(sends[0], "tuple"));
    let (p1, l1, _) = unix_tuple(named(sends[1], "tuple"));
    assert_eq!(named(sends[0], "fd"), Fd(fd0));
    assert_eq!((l0, p0), (source, peer));
    assert_eq!((l1, p1), (peer, source));
}

/// SCM_RIGHTS over a socketpair: recvmsg's msgcontrol is the ancillary
/// data exactly as the kernel left it in our buffer (the received fd's
/// number in it).
#[test]
fn recvmsg_carries_its_ancillary_data() {
    let captured = capture_during(
        "live msgcontrol",
        |e| e.event_type == RECVMSG_X,
        move || {
            let (a, b) = UnixStream::pair().expect("socketpair");
            let passed = std::fs::File::open("/dev/null").expect("open");
            let (received, control) = pass_fd(&a, &b, passed.as_raw_fd());
            // SAFETY: the fd came to us; closed once.
            unsafe { libc::close(received) };
            (gettid(), i64::from(b.as_raw_fd()), control)
        },
    );
    let Some((events, (tid, fd, control))) = captured else {
        return;
    };
    let recvs = of_type(&events, tid, RECVMSG_X);
    assert_eq!(recvs.len(), 1);
    assert_eq!(named(recvs[0], "fd"), ParamValue::Fd(fd));
    assert_eq!(named(recvs[0], "size"), ParamValue::Uint(1));
    // cmsg_len 20 (a 16-byte header and one int), SOL_SOCKET, SCM_RIGHTS, padded to 24.
    assert_eq!(control.len(), 24);
    assert_eq!(control[..8], 20u64.to_ne_bytes());
    assert_eq!(named(recvs[0], "msgcontrol"), ParamValue::Bytes(&control));
}

/// Sends `fd` over `from` with SCM_RIGHTS and one data byte, receives it
/// on `to` with recvmsg: the fd received and the ancillary data as the
/// kernel left it.
pub(crate) fn pass_fd(from: &UnixStream, to: &UnixStream, fd: i32) -> (i32, Vec<u8>) {
    // SAFETY: CMSG_SPACE only computes a size.
    let space = unsafe { libc::CMSG_SPACE(size_of::<i32>() as u32) } as usize;
    let mut cbuf = vec![0u8; space];
    let mut data = [7u8];
    let mut iov = libc::iovec {
        iov_base: data.as_mut_ptr().cast::<c_void>(),
        iov_len: 1,
    };
    // SAFETY: an all-zero msghdr is valid; filled below with live buffers.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = &raw mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = cbuf.as_mut_ptr().cast::<c_void>();
    msg.msg_controllen = space;
    // SAFETY: the control buffer holds one cmsghdr and an int.
    unsafe {
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        (*cmsg).cmsg_level = libc::SOL_SOCKET;
        (*cmsg).cmsg_type = libc::SCM_RIGHTS;
        (*cmsg).cmsg_len = libc::CMSG_LEN(size_of::<i32>() as u32) as usize;
        std::ptr::write_unaligned(libc::CMSG_DATA(cmsg).cast::<i32>(), fd);
    }
    // SAFETY: msg points to live buffers of the sizes it gives.
    ok(
        unsafe { libc::sendmsg(from.as_raw_fd(), &msg, 0) },
        "sendmsg",
    );
    let mut rbuf = vec![0u8; space];
    let mut rdata = [0u8];
    let mut riov = libc::iovec {
        iov_base: rdata.as_mut_ptr().cast::<c_void>(),
        iov_len: 1,
    };
    // SAFETY: as above.
    let mut rmsg: libc::msghdr = unsafe { std::mem::zeroed() };
    rmsg.msg_iov = &raw mut riov;
    rmsg.msg_iovlen = 1;
    rmsg.msg_control = rbuf.as_mut_ptr().cast::<c_void>();
    rmsg.msg_controllen = space;
    // SAFETY: rmsg points to live buffers of the sizes it gives.
    assert_eq!(
        ok(
            unsafe { libc::recvmsg(to.as_raw_fd(), &mut rmsg, 0) },
            "recvmsg"
        ),
        1
    );
    // SAFETY: the kernel wrote one SCM_RIGHTS cmsghdr with one int.
    let received = unsafe {
        let cmsg = libc::CMSG_FIRSTHDR(&rmsg);
        assert!(!cmsg.is_null());
        std::ptr::read_unaligned(libc::CMSG_DATA(cmsg).cast::<i32>())
    };
    rbuf.truncate(rmsg.msg_controllen);
    (received, rbuf)
}
