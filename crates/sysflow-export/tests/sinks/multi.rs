//! The fan-out sink: a file and a socket get the same records, and a sink
//! that fails does not stop the other.

use std::time::Duration;

use sysflow_export::{
    BoxedSink, ExportError, ExportSink, FileSink, FileSinkConfig, MultiSink, Naming, OnSinkError,
    SocketSink, SocketSinkConfig,
};
use sysflow_types::{RecordSink, SysFlow};

use crate::common::{Server, golden_body, golden_files, read_sf};

fn socket(path: &std::path::Path) -> SocketSink {
    let mut config = SocketSinkConfig::new(path, "multi", "");
    config.send_timeout = Duration::from_secs(20);
    SocketSink::connect(config).unwrap()
}

#[test]
fn a_file_and_a_socket_receive_the_same_records() {
    let Some(cases) = golden_files() else {
        return;
    };
    // Two cases are enough here; the socket test covers them all.
    for (name, path) in cases.into_iter().take(2) {
        let body = golden_body(&path);
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("sf.sock");
        let server = Server::bind(&sock).collect();
        let out = dir.path().join("out.sf");
        let file =
            FileSink::create(FileSinkConfig::new(&out, Naming::Exact, "multi", ""), 0).unwrap();
        let sinks: Vec<BoxedSink> = vec![Box::new(file), Box::new(socket(&sock))];
        let mut multi = MultiSink::new(sinks);
        for rec in &body {
            multi.record(rec).unwrap();
        }
        assert!(!multi.needs_segment());
        multi.finish().unwrap();
        let got = server.join().unwrap();
        let written = read_sf(&out);
        assert!(got[1..] == written[1..], "{name}");
        assert!(got[1..] == body[..], "{name}");
        let paths: Vec<_> = multi.sinks().filter_map(|s| s.path()).collect();
        assert_eq!(paths, [out.as_path(), sock.as_path()]);
        let each = multi.each_stats();
        assert_eq!(each[0].sent_total(), written.len() as u64);
        assert_eq!(each[1].sent_total(), got.len() as u64);
        assert_eq!(
            multi.stats().sent_total(),
            (written.len() + got.len()) as u64
        );
    }
}

fn closed_file(dir: &std::path::Path) -> BoxedSink {
    let mut file = FileSink::create(
        FileSinkConfig::new(dir.join("gone.sf"), Naming::Exact, "", ""),
        0,
    )
    .unwrap();
    // A finished file refuses records: the stand-in for a full disk.
    file.finish().unwrap();
    Box::new(file)
}

fn header() -> SysFlow {
    SysFlow::Header(sysflow_types::SfHeader::default())
}

#[test]
fn a_failed_sink_is_set_aside_and_the_other_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("sf.sock");
    let server = Server::bind(&sock).collect();
    let sinks: Vec<BoxedSink> = vec![closed_file(dir.path()), Box::new(socket(&sock))];
    let mut multi = MultiSink::new(sinks);
    for _ in 0..3 {
        multi.record(&header()).unwrap();
    }
    let failures: Vec<usize> = multi.failures().map(|(i, _)| i).collect();
    assert_eq!(failures, [0]);
    assert!(matches!(
        multi.failures().next(),
        Some((0, ExportError::Closed { .. }))
    ));
    multi.finish().unwrap();
    // The socket's own header, then the three records.
    assert_eq!(server.join().unwrap().len(), 4);
}

#[test]
fn stop_all_returns_the_error_after_the_others_got_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("sf.sock");
    let server = Server::bind(&sock).collect();
    let sinks: Vec<BoxedSink> = vec![closed_file(dir.path()), Box::new(socket(&sock))];
    let mut multi = MultiSink::with_policy(sinks, OnSinkError::StopAll);
    assert!(matches!(
        multi.record(&header()),
        Err(ExportError::Closed { .. })
    ));
    drop(multi);
    assert_eq!(server.join().unwrap().len(), 2);
}

#[test]
fn when_every_sink_failed_the_fan_out_fails() {
    let dir = tempfile::tempdir().unwrap();
    let sinks: Vec<BoxedSink> = vec![closed_file(dir.path()), closed_file(dir.path())];
    let mut multi = MultiSink::new(sinks);
    assert!(matches!(
        multi.record(&header()),
        Err(ExportError::AllFailed { sinks: 2 })
    ));
    assert_eq!(multi.failures().count(), 2);
}

#[test]
fn a_reconnected_socket_starts_its_segment_without_rotating_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("sf.sock");
    let server = Server::bind(&sock);
    let out = dir.path().join("out.sf");
    let file = FileSink::create(FileSinkConfig::new(&out, Naming::Exact, "multi", ""), 0).unwrap();
    let mut config = SocketSinkConfig::new(&sock, "multi", "");
    config.retry_initial = Duration::from_millis(5);
    config.retry_max = Duration::from_millis(20);
    let sinks: Vec<BoxedSink> = vec![
        Box::new(file),
        Box::new(SocketSink::connect(config).unwrap()),
    ];
    let mut multi = MultiSink::new(sinks);
    drop(server.accept());
    drop(server);
    let server = Server::bind(&sock);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !multi.needs_segment() {
        assert!(std::time::Instant::now() < deadline, "no reconnection");
        multi.record(&header()).unwrap();
        std::thread::sleep(Duration::from_millis(2));
    }
    multi.start_segment().unwrap();
    assert!(!multi.needs_segment());
    multi.finish().unwrap();
    let each = multi.each_stats();
    assert_eq!(each[0].segments, 1, "the file was not rotated");
    assert_eq!(each[0].dropped_total(), 0);
    assert_eq!(each[1].segments, 2);
    assert_eq!(each[1].reconnects, 1);
    let conn = server.accept();
    assert!(matches!(conn.recv(), Some(SysFlow::Header(_))));
    assert!(conn.recv().is_none());
}
