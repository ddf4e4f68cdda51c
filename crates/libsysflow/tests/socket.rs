//! The driver streaming to an sf-processor-style server, end to end: a
//! listening `SOCK_SEQPACKET` socket made here, read one datum per packet as
//! sf-processor reads it, fed by [`SysFlowDriver`] from the golden traces.
//!
//! - `the_socket_receives_exactly_what_the_file_gets`: for every golden
//!   trace, one run with a file and a socket; the socket's packets are the
//!   file's records, in order (the headers differ only in `filename`, which
//!   a socket leaves empty).
//! - `a_restarted_server_gets_a_new_header_and_the_entities_again`: the
//!   capture arrives through a pipe in three parts; the server dies after
//!   the first and comes back after the second. The run succeeds, every
//!   record is either sent or counted as dropped, and the new connection is
//!   a stream of its own: a header first, then entities (`REUP` for those
//!   that were alive) before any record that references them.
//!
//! - `a_stalled_socket_costs_the_file_nothing`: a server that stops reading
//!   for a while, during a capture that arrives in parts: the file gets
//!   the records of a run without a socket, nothing written again; the
//!   socket's segments each stand alone.
//!
//! - `a_live_capture_survives_a_server_restart`: the same restart during a
//!   live capture (root and BTF; skipped otherwise, except under CI), where
//!   the driver also polls the socket on idle ticks.
//!
//! `SIGPIPE` is fatal in this binary (see `restore_sigpipe`), so a send
//! without `MSG_NOSIGNAL` to the dead server would kill it. Without
//! `../shared/golden` the tests skip with a message, unless `CI` is set.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::JoinHandle;
use std::time::Duration;

use libsysflow::types::{SfObjectState, SysFlow};
use libsysflow::{ErrorCode, OutputKind, RecordType, SysFlowConfig, SysFlowDriver, SysFlowError};
use socket2::{Domain, SockAddr, Socket, Type};

mod common;
use common::{REFERENCE_TEST_ENV, golden_dir, live_driver_or_skip, live_turn, read_sf};

/// sf-processor's receive buffer: larger packets would be truncated.
const SF_PROCESSOR_BUFFER: usize = 16_384;

/// Makes `SIGPIPE` kill the process again, as in a C program (Rust ignores
/// it by default): the driver must never raise it.
fn restore_sigpipe() {
    // SAFETY: setting a signal's disposition to the default; no handler runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn config(trace: &Path, file: Option<&Path>, socket: &Path) -> SysFlowConfig {
    let env: HashMap<&str, &str> = REFERENCE_TEST_ENV.into_iter().collect();
    let mut config = SysFlowConfig::builder()
        .scap_input_path(trace)
        .socket_path(socket)
        .exporter_id("tests")
        .build();
    config.file_path = file.map(Path::to_path_buf);
    config.apply_env_with(|name| env.get(name).map(|v| (*v).to_owned()));
    config
}

/// A listening `SOCK_SEQPACKET` socket, made the way sf-processor makes it.
struct Server(Socket);

impl Server {
    fn bind(path: &Path) -> Server {
        let _ = std::fs::remove_file(path);
        let listener = Socket::new(Domain::UNIX, Type::SEQPACKET, None).unwrap();
        listener.bind(&SockAddr::unix(path).unwrap()).unwrap();
        listener.listen(4).unwrap();
        Server(listener)
    }

    /// Every packet of an accepted connection until the client closes it.
    fn read_all(conn: &Socket) -> Vec<SysFlow> {
        conn.set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let mut got = Vec::new();
        let mut buf = vec![0u8; SF_PROCESSOR_BUFFER + 1];
        loop {
            let n = match (&*conn).read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => panic!("server read: {e}"),
            };
            got.push(SysFlow::decode(&buf[..n]).unwrap());
        }
        got
    }

    /// Accepts one connection in a thread and reads packets until the client
    /// closes it, or, with `idle`, until nothing came for that long; then
    /// the connection and the listener are closed.
    fn collect(self, idle: Option<Duration>) -> JoinHandle<Vec<SysFlow>> {
        self.collect_for(idle, None)
    }

    /// [`collect`](Server::collect), also ending once `lifetime` has passed
    /// since the connection was accepted.
    fn collect_for(
        self,
        idle: Option<Duration>,
        lifetime: Option<Duration>,
    ) -> JoinHandle<Vec<SysFlow>> {
        std::thread::spawn(move || {
            let (conn, _) = self.0.accept().unwrap();
            // A driver bug must fail the test, not hang it.
            conn.set_read_timeout(Some(idle.unwrap_or(Duration::from_secs(60))))
                .unwrap();
            let accepted = std::time::Instant::now();
            let mut got = Vec::new();
            let mut buf = vec![0u8; SF_PROCESSOR_BUFFER + 1];
            loop {
                if lifetime.is_some_and(|l| accepted.elapsed() >= l) {
                    break;
                }
                let n = match (&conn).read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if idle.is_some() && e.kind() == std::io::ErrorKind::WouldBlock => {
                        break;
                    }
                    // A signal for another thread of the test process (the
                    // live engine's) interrupted the read.
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => panic!("server read: {e}"),
                };
                assert!(n <= SF_PROCESSOR_BUFFER, "a {n}-byte packet");
                let packet = &buf[..n];
                let rec = SysFlow::decode(packet).unwrap();
                assert_eq!(rec.to_bytes(), packet, "not one bare datum per packet");
                got.push(rec);
            }
            // Shut down, not only closed: a process another test forks
            // meanwhile holds copies of both descriptors until its exec,
            // and the sockets, kept alive by them, would take the driver's
            // next packets or connection (216 records counted as sent that
            // this server never read).
            let _ = conn.shutdown(std::net::Shutdown::Both);
            let _ = self.0.shutdown(std::net::Shutdown::Both);
            got
        })
    }
}

/// The file's records with the header's `filename` cleared, as a socket
/// sends it.
fn as_socket_sends(mut records: Vec<SysFlow>) -> Vec<SysFlow> {
    for r in &mut records {
        if let SysFlow::Header(h) = r {
            h.filename.clear();
        }
    }
    records
}

#[test]
fn the_socket_receives_exactly_what_the_file_gets() {
    restore_sigpipe();
    let Some(golden) = golden_dir() else { return };
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&golden)
        .unwrap()
        .map(|e| e.unwrap().path().join("trace.scap"))
        .filter(|p| p.is_file())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    for trace in cases {
        let case = trace.parent().unwrap().file_name().unwrap().to_owned();
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("sf.sock");
        let out = dir.path().join("out.sf");
        let server = Server::bind(&sock).collect(None);
        let mut driver = SysFlowDriver::new(config(&trace, Some(&out), &sock)).unwrap();
        driver.run().unwrap();
        let got = server.join().unwrap();
        let file = read_sf(&out);
        assert!(file.len() > 1, "{case:?}: only a header");
        assert_eq!(got, as_socket_sends(file.clone()), "{case:?}");

        let stats = driver.stats();
        let socket = stats.output(OutputKind::Socket).unwrap();
        assert_eq!(socket.sink.sent_total(), got.len() as u64, "{case:?}");
        assert_eq!(socket.sink.dropped_total(), 0, "{case:?}");
        assert_eq!(socket.sink.reconnects, 0, "{case:?}");
        assert_eq!(stats.records_total(), file.len() as u64, "{case:?}");
        assert_eq!(stats.records_dropped(), 0, "{case:?}");

        // The socket alone sends the same stream.
        let server = Server::bind(&sock).collect(None);
        let mut driver = SysFlowDriver::new(config(&trace, None, &sock)).unwrap();
        driver.run().unwrap();
        assert_eq!(server.join().unwrap(), got, "{case:?}: socket alone");
        assert_eq!(driver.stats().records_total(), got.len() as u64);
    }
}

/// The entities a record references ([`SysFlow::entity_refs`]), as the
/// keys [`defines`] gives them.
fn references(rec: &SysFlow) -> Vec<String> {
    let refs = rec.entity_refs();
    let process = refs.process.map(|o| format!("p{}:{}", o.hpid, o.create_ts));
    let files = [refs.file, refs.new_file].into_iter().flatten();
    process
        .into_iter()
        .chain(files.map(|f| format!("f{:?}", f.0)))
        .collect()
}

/// The entity a record defines.
fn defines(rec: &SysFlow) -> Option<String> {
    match rec {
        SysFlow::Process(r) => Some(format!("p{}:{}", r.oid.hpid, r.oid.create_ts)),
        SysFlow::File(r) => Some(format!("f{:?}", r.oid.0)),
        _ => None,
    }
}

/// Both servers got records, and each connection's stream stands alone
/// (its own header, every reference written in it).
fn assert_both_connections_stand_alone(before: &[SysFlow], after: &[SysFlow]) {
    assert!(before.len() > 1, "the first server got records");
    assert_self_contained(before, "first connection");
    assert!(after.len() > 1, "the second server got records");
    assert_self_contained(after, "second connection");
}

/// Fails unless `records` is a stream of its own: a header first, and every
/// process and file defined before a record references it.
fn assert_self_contained(records: &[SysFlow], what: &str) {
    assert!(
        matches!(records.first(), Some(SysFlow::Header(_))),
        "{what}: does not start with a header: {:?}",
        records.first()
    );
    let mut defined = HashSet::new();
    for (i, rec) in records.iter().enumerate() {
        // A Process's parent is not among them: it may have exited before
        // the stream began.
        for r in references(rec) {
            assert!(
                defined.contains(&r),
                "{what}: record {i} ({}) references {r}, not defined before it",
                rec.record_type()
            );
        }
        if let Some(d) = defines(rec) {
            defined.insert(d);
        }
    }
}

#[test]
fn a_restarted_server_gets_a_new_header_and_the_entities_again() {
    restore_sigpipe();
    let Some(golden) = golden_dir() else { return };
    let trace = golden.join("mpm-event-full-capture/trace.scap");
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.scap");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success()),
        "mkfifo"
    );
    let sock = dir.path().join("sf.sock");
    let out = dir.path().join("out.sf");

    let first_server = Server::bind(&sock).collect(Some(Duration::from_millis(1500)));
    let mut driver = SysFlowDriver::new(config(&fifo, Some(&out), &sock)).unwrap();
    let run = std::thread::spawn(move || {
        let result = driver.run();
        (result, driver)
    });
    let bytes = std::fs::read(&trace).unwrap();
    let third = bytes.len() / 3;
    // Opening the pipe waits for the driver to open it.
    let mut pipe = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    pipe.write_all(&bytes[..third]).unwrap();
    // The server reads until the driver has been quiet for a while (it
    // waits on the pipe), then dies.
    let before = first_server.join().unwrap();
    let _ = std::fs::remove_file(&sock);

    // Records of the second part find no server.
    pipe.write_all(&bytes[third..2 * third]).unwrap();
    std::thread::sleep(Duration::from_millis(700));

    let second_server = Server::bind(&sock).collect(None);
    pipe.write_all(&bytes[2 * third..]).unwrap();
    drop(pipe);
    let (result, driver) = run.join().unwrap();
    let after = second_server.join().unwrap();
    // A converted capture whose records did not all reach the socket fails,
    // after finishing every output.
    let dropped = driver.stats().records_dropped();
    match result {
        Err(e @ SysFlowError::Undelivered { .. }) => {
            assert_eq!(e.code(), ErrorCode::OutputIncomplete);
            assert!(e.to_string().contains(&format!("{dropped} of ")), "{e}");
        }
        other => panic!("{other:?}"),
    }

    assert_both_connections_stand_alone(&before, &after);
    let reup = after
        .iter()
        .filter(|r| matches!(r, SysFlow::Process(p) if p.state == SfObjectState::Reup))
        .count();
    assert!(
        reup > 0,
        "no process written again as REUP after reconnecting"
    );

    let stats = driver.stats();
    let socket = stats.output(OutputKind::Socket).unwrap();
    assert!(socket.sink.reconnects >= 1, "{:?}", socket.sink);
    assert!(socket.sink.dropped_total() > 0, "{:?}", socket.sink);
    assert!(
        socket.sink.drop_reasons.disconnected > 0,
        "{:?}",
        socket.sink
    );
    assert_eq!(
        socket.sink.sent_total(),
        (before.len() + after.len()) as u64
    );
    assert_eq!(socket.sink.dropped_of(RecordType::Header), 0);
    // Every record the file got was sent or counted as dropped: nothing is
    // lost silently. The file and the socket get the same records, apart
    // from the headers of each (one file, two connections).
    // The entities written again went to the socket alone.
    let file = read_sf(&out);
    let body = |n: usize, headers: usize| (n - headers) as u64;
    assert!(socket.sink.replayed > 0, "{:?}", socket.sink);
    assert_eq!(
        body(file.len(), 1) + socket.sink.replayed,
        body(before.len() + after.len(), 2) + socket.sink.dropped_total(),
        "file records and entities written again vs sent + dropped"
    );
    let file_stats = stats.output(OutputKind::File).unwrap();
    assert_eq!(file_stats.sink.replayed, 0);
    assert_eq!(stats.records_dropped(), socket.sink.dropped_total());
}

/// Fails unless each segment of `records` (from each header on) is a stream
/// of its own.
fn assert_segments_stand_alone(records: &[SysFlow], what: &str) {
    let starts: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, SysFlow::Header(_)))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(starts.first(), Some(&0), "{what}: no header first");
    for (n, w) in starts
        .iter()
        .chain([&records.len()])
        .collect::<Vec<_>>()
        .windows(2)
        .enumerate()
    {
        assert_self_contained(&records[*w[0]..*w[1]], &format!("{what}, segment {n}"));
    }
}

/// Issue 14, item 5: a socket consumer that stops reading made each retry
/// write every known process and file again to every output (a 27 MB `.sf`
/// instead of 18 MB). The capture arrives through a pipe in parts, with
/// pauses in which the stalled socket retries; the server reads again
/// after a while. The file must hold exactly the records of a run without
/// the socket.
#[test]
fn a_stalled_socket_costs_the_file_nothing() {
    restore_sigpipe();
    let Some(golden) = golden_dir() else { return };
    let trace = golden.join("mpm-event-full-capture/trace.scap");
    let dir = tempfile::tempdir().unwrap();

    let alone_dir = dir.path().join("alone");
    std::fs::create_dir(&alone_dir).unwrap();
    let mut alone_config = config(&trace, Some(&alone_dir.join("out.sf")), Path::new("-"));
    alone_config.socket_path = None;
    SysFlowDriver::new(alone_config).unwrap().run().unwrap();
    let alone = read_sf(&alone_dir.join("out.sf"));

    let fifo = dir.path().join("in.scap");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success()),
        "mkfifo"
    );
    let sock = dir.path().join("sf.sock");
    let out = dir.path().join("out.sf");
    // The server accepts, does not read until told to, then reads to the end.
    let server = Server::bind(&sock);
    let (resume, resumed) = std::sync::mpsc::channel::<()>();
    let reader = std::thread::spawn(move || {
        let (conn, _) = server.0.accept().unwrap();
        resumed.recv().unwrap();
        Server::read_all(&conn)
    });
    let mut driver = SysFlowDriver::new(config(&fifo, Some(&out), &sock)).unwrap();
    let run = std::thread::spawn(move || {
        let result = driver.run();
        (result, driver)
    });
    let bytes = std::fs::read(&trace).unwrap();
    let mut pipe = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    let parts = 8;
    let part = bytes.len().div_ceil(parts);
    for (i, chunk) in bytes.chunks(part).enumerate() {
        pipe.write_all(chunk).unwrap();
        std::thread::sleep(Duration::from_millis(250));
        if i == parts / 2 {
            resume.send(()).unwrap();
        }
    }
    drop(pipe);
    let (result, driver) = run.join().unwrap();
    assert!(
        matches!(result, Err(SysFlowError::Undelivered { .. })),
        "{result:?}"
    );
    let got = reader.join().unwrap();

    let file = read_sf(&out);
    let socket = driver
        .stats()
        .output(OutputKind::Socket)
        .unwrap()
        .sink
        .clone();
    assert!(
        socket.drop_reasons.timed_out > 0,
        "the server never stalled: {socket:?}"
    );
    assert_eq!(file.len(), alone.len(), "records written again to the file");
    assert!(
        file[1..] == alone[1..],
        "the file differs from a run without the socket"
    );
    assert_segments_stand_alone(&got, "socket");
}

/// Issue 14, item 7: a capture converted to a socket without its server
/// exited 0 having dropped every record. It must fail, with
/// `OutputIncomplete` and the count, after writing the file beside it whole.
#[test]
fn a_replay_without_its_server_fails_after_writing_the_file() {
    let Some(golden) = golden_dir() else { return };
    let trace = golden.join("setuid-setuid/trace.scap");
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("absent.sock");
    let out = dir.path().join("out.sf");
    let mut driver = SysFlowDriver::new(config(&trace, Some(&out), &sock)).unwrap();
    let err = driver.run().unwrap_err();
    assert_eq!(err.code(), ErrorCode::OutputIncomplete, "{err}");
    let stats = driver.stats();
    let socket = stats.output(OutputKind::Socket).unwrap();
    assert_eq!(socket.sink.sent_total(), 0);
    let file = read_sf(&out);
    assert_eq!(socket.sink.dropped_total(), file.len() as u64 - 1);
    match &err {
        SysFlowError::Undelivered {
            path,
            dropped,
            sent,
        } => {
            assert_eq!(path, &sock);
            assert_eq!((*dropped, *sent), (file.len() as u64 - 1, 0));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.to_string(),
        format!(
            "socket {}: {} of {} records were not delivered",
            sock.display(),
            file.len() - 1,
            file.len() - 1
        )
    );
}

#[test]
fn a_live_capture_survives_a_server_restart() {
    let _turn = live_turn();
    restore_sigpipe();
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("sf.sock");
    let first_server =
        Server::bind(&sock).collect_for(Some(Duration::from_secs(5)), Some(Duration::from_secs(1)));
    let config = SysFlowConfig::builder()
        .socket_path(&sock)
        .exporter_id("live-socket")
        .build();
    let Some(mut driver) = live_driver_or_skip(config, "live socket test") else {
        return;
    };
    let exit = driver.exit_handle();
    let run = std::thread::spawn(move || {
        let result = driver.run();
        (result, driver)
    });
    // Processes to capture, whatever else the machine does, for `time`.
    let work = |time: Duration| {
        let started = std::time::Instant::now();
        while started.elapsed() < time {
            let _ = Command::new("/bin/true").status();
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    // The first server lives 1 s from the driver's connection, made once
    // the probe is attached.
    while !first_server.is_finished() {
        work(Duration::from_millis(100));
    }
    let before = first_server.join().unwrap();
    let _ = std::fs::remove_file(&sock);
    work(Duration::from_millis(800));
    let second_server = Server::bind(&sock).collect(None);
    work(Duration::from_millis(1500));
    exit.exit();
    let (result, driver) = run.join().unwrap();
    // Live capture keeps retrying: drops are no error.
    result.unwrap();
    let after = second_server.join().unwrap();

    assert_both_connections_stand_alone(&before, &after);
    let socket = driver
        .stats()
        .output(OutputKind::Socket)
        .unwrap()
        .sink
        .clone();
    assert!(socket.reconnects >= 1, "{socket:?}");
    // Packets still queued when the first server closed count as sent but
    // never reached it.
    assert!(socket.sent_total() >= (before.len() + after.len()) as u64);
}
