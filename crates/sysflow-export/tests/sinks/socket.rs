//! The socket sink against an sf-processor-style server: the golden records
//! arrive one datum per packet, in order, and a server that stops reading
//! cannot hold the sender up.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use sysflow_export::{
    ExportError, ExportSink, FileSink, FileSinkConfig, Naming, SocketSink, SocketSinkConfig,
};
use sysflow_types::{
    Oid, OpFlags, ProcessEvent, RecordSink, RecordType, SCHEMA_VERSION, SfHeader, SysFlow,
};

use crate::common::{Server, golden_body, golden_files, read_sf};

#[test]
fn every_golden_record_arrives_as_one_packet_in_order() {
    let Some(cases) = golden_files() else {
        return;
    };
    for (name, path) in cases {
        let body = golden_body(&path);
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("sf.sock");
        let server = Server::bind(&sock).collect();
        let mut config = SocketSinkConfig::new(&sock, "golden", "10.0.0.1");
        // The server thread competes with other builds for the CPU.
        config.send_timeout = Duration::from_secs(20);
        let mut sink = SocketSink::connect(config).unwrap();
        assert!(sink.is_streaming(), "{name}");
        let out = dir.path().join("out.sf");
        let mut file = FileSink::create(
            FileSinkConfig::new(&out, Naming::Exact, "golden", "10.0.0.1"),
            0,
        )
        .unwrap();
        for rec in &body {
            sink.record(rec).unwrap();
            file.record(rec).unwrap();
        }
        sink.finish().unwrap();
        file.finish().unwrap();
        let got = server.join().unwrap();
        let written = read_sf(&out);

        assert_eq!(
            got.first(),
            Some(&SysFlow::Header(SfHeader {
                version: SCHEMA_VERSION,
                exporter: "golden".into(),
                ip: "10.0.0.1".into(),
                filename: String::new(),
            })),
            "{name}: the header comes first, without a file name"
        );
        assert_eq!(got.len(), body.len() + 1, "{name}");
        assert!(got[1..] == written[1..], "{name}: socket and file differ");
        assert!(got[1..] == body[..], "{name}: not the records sent");

        let stats = sink.stats();
        assert_eq!(stats.dropped_total(), 0, "{name}: {stats:?}");
        assert_eq!(stats.sent_total(), got.len() as u64, "{name}");
        assert_eq!(stats.sent_of(RecordType::Header), 1, "{name}");
        assert_eq!(stats.segments, 1, "{name}");
        let bytes: usize = got.iter().map(|r| r.to_bytes().len()).sum();
        assert_eq!(stats.bytes, bytes as u64, "{name}");
    }
}

fn event(ts: i64, arg_len: usize) -> SysFlow {
    SysFlow::ProcessEvent(ProcessEvent {
        proc_oid: Oid::new(1, 42),
        ts,
        tid: 42,
        op_flags: OpFlags::EXEC,
        args: vec!["x".repeat(arg_len)],
        ret: 0,
    })
}

#[test]
fn a_server_that_does_not_read_costs_drops_not_a_stuck_sender() {
    const RECORDS: i64 = 5_000;
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("slow.sock");
    let server = Server::bind(&sock);
    let mut config = SocketSinkConfig::new(&sock, "slow", "");
    config.send_timeout = Duration::from_millis(50);
    config.retry_initial = Duration::from_millis(20);
    config.retry_max = Duration::from_millis(200);
    let mut sink = SocketSink::connect(config).unwrap();
    // Accepted, and then never read while the sender runs.
    let conn = server.accept();

    let (done, finished) = mpsc::channel();
    let sender = std::thread::spawn(move || {
        let mut slowest = Duration::ZERO;
        for ts in 0..RECORDS {
            let start = Instant::now();
            // The driver's part: start the segment the sink asks for.
            if sink.needs_segment() {
                sink.start_segment().unwrap();
            }
            sink.record(&event(ts, 1_000)).unwrap();
            slowest = slowest.max(start.elapsed());
        }
        done.send(()).unwrap();
        (sink, slowest)
    });
    // Without a bounded send the sender would block forever: fail instead.
    finished
        .recv_timeout(Duration::from_secs(60))
        .expect("the sender is stuck on a server that does not read");
    let (mut sink, slowest) = sender.join().unwrap();
    // Each call waits for at most one send timeout (the record's, or the
    // header probing the server), with room for a loaded machine.
    assert!(
        slowest < Duration::from_secs(2),
        "a record took {slowest:?}"
    );

    let stats = sink.stats();
    assert!(stats.drop_reasons.timed_out > 0, "{stats:?}");
    assert_eq!(
        stats.sent_of(RecordType::ProcessEvent) + stats.dropped_of(RecordType::ProcessEvent),
        RECORDS as u64
    );
    assert_eq!(stats.drop_reasons.total(), stats.dropped_total());
    let sent_events = stats.sent_of(RecordType::ProcessEvent);
    assert!(sent_events > 0 && sent_events < RECORDS as u64, "{stats:?}");

    // The server reads again: the next probe gets through, a new segment
    // starts with a header, and records flow.
    let reader = std::thread::spawn(move || {
        let mut got = Vec::new();
        while let Some(rec) = conn.recv() {
            got.push(rec);
        }
        got
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut ts = RECORDS;
    while sink.stats().sent_of(RecordType::ProcessEvent) == sent_events {
        assert!(
            Instant::now() < deadline,
            "never recovered: {:?}",
            sink.stats()
        );
        if sink.needs_segment() {
            sink.start_segment().unwrap();
        }
        sink.record(&event(ts, 10)).unwrap();
        ts += 1;
        std::thread::sleep(Duration::from_millis(5));
    }
    sink.finish().unwrap();
    let got = reader.join().unwrap();
    let stats = sink.stats();
    assert_eq!(got.len() as u64, stats.sent_total(), "{stats:?}");
    let headers: Vec<usize> = got
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, SysFlow::Header(_)))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(headers.first(), Some(&0));
    assert!(headers.len() >= 2, "no new segment after the stall");
    assert_eq!(headers.len() as u64, stats.segments);
    // After the last header come only the records sent after recovery.
    let last = *headers.last().unwrap();
    assert!(
        got[last + 1..]
            .iter()
            .all(|r| matches!(r, SysFlow::ProcessEvent(e) if e.ts >= RECORDS))
    );
}

#[test]
fn a_record_larger_than_a_packet_is_dropped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("big.sock");
    let server = Server::bind(&sock).collect();
    let mut sink = SocketSink::connect(SocketSinkConfig::new(&sock, "big", "")).unwrap();
    sink.record(&event(1, 10)).unwrap();
    sink.record(&event(2, sysflow_export::SF_PROCESSOR_MAX_PACKET))
        .unwrap();
    sink.record(&event(3, 10)).unwrap();
    sink.finish().unwrap();
    let got = server.join().unwrap();
    assert_eq!(got.len(), 3);
    assert_eq!(got[1], event(1, 10));
    assert_eq!(got[2], event(3, 10));
    let stats = sink.stats();
    assert_eq!(stats.drop_reasons.oversized, 1);
    assert_eq!(stats.dropped_of(RecordType::ProcessEvent), 1);
    // An oversized record does not break the stream: no new segment.
    assert!(!sink.needs_segment());
}

#[test]
fn a_server_that_starts_later_is_found_by_poll_without_losing_a_record() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("late.sock");
    let mut config = SocketSinkConfig::new(&sock, "late", "");
    config.retry_initial = Duration::from_millis(5);
    config.retry_max = Duration::from_millis(20);
    let mut sink = SocketSink::connect(config).unwrap();
    assert!(!sink.is_streaming());
    let server = Server::bind(&sock).collect();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !sink.is_streaming() {
        assert!(Instant::now() < deadline, "never connected");
        sink.poll().unwrap();
        std::thread::sleep(Duration::from_millis(2));
    }
    // Nothing was dropped, so the stream needs no new segment.
    assert!(!sink.needs_segment());
    sink.record(&event(1, 10)).unwrap();
    sink.finish().unwrap();
    let got = server.join().unwrap();
    assert!(matches!(got[0], SysFlow::Header(_)));
    assert_eq!(got[1..], [event(1, 10)]);
    let stats = sink.stats();
    assert_eq!(stats.dropped_total(), 0);
    assert_eq!(
        stats.reconnects, 0,
        "the first connection is not a reconnection"
    );
}

/// A socket whose server runs as another user (neither root nor us) gets no
/// record: the sink refuses it when it connects, with an error naming the
/// server's uid.
#[test]
fn a_server_of_another_user_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("sf.sock");
    let Some(mut server) = crate::common::ForeignServer::start(&sock) else {
        return;
    };
    let err = SocketSink::connect(SocketSinkConfig::new(&sock, "e", "")).unwrap_err();
    assert!(
        matches!(
            err,
            ExportError::ForeignSocket {
                server_uid: crate::common::NOBODY,
                ours: 0,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("sf.sock"), "{message}");
    assert!(message.contains("uid 65534"), "{message}");
    assert!(message.contains("allow_foreign_socket"), "{message}");
    assert_eq!(
        server.packets(),
        0,
        "the refused connection carried packets"
    );

    // Allowed: the header and the records go to it.
    let mut config = SocketSinkConfig::new(&sock, "e", "");
    config.allow_foreign_socket = true;
    let mut sink = SocketSink::connect(config).unwrap();
    assert!(sink.is_streaming());
    sink.record(&event(1, 8)).unwrap();
    sink.finish().unwrap();
    assert_eq!(server.packets(), 2);
}

/// A server of another user that takes the path while the sink is
/// disconnected is refused at the reconnection, before any record reaches
/// it.
#[test]
fn a_server_of_another_user_is_refused_when_reconnecting() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("sf.sock");
    let server = Server::bind(&sock);
    let mut config = SocketSinkConfig::new(&sock, "e", "");
    config.retry_initial = Duration::from_millis(1);
    let mut sink = SocketSink::connect(config).unwrap();
    assert!(sink.is_streaming());
    drop(server);
    std::fs::remove_file(&sock).unwrap();
    let Some(mut foreign) = crate::common::ForeignServer::start(&sock) else {
        return;
    };
    // The first record finds the old server gone; a later one reconnects.
    let mut refused = None;
    for ts in 0..1000 {
        match sink.record(&event(ts, 8)) {
            Ok(()) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    let err = refused.expect("the reconnection was not refused");
    assert!(
        matches!(
            err,
            ExportError::ForeignSocket {
                server_uid: crate::common::NOBODY,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!sink.is_streaming());
    assert_eq!(foreign.packets(), 0);
}
