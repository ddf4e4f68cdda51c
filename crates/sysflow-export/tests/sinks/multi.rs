//! The fan-out sink: a file and a socket get the same records, and a sink
//! that fails does not stop the other.

use std::time::Duration;

use sysflow_export::{
    BoxedSink, ExportError, ExportSink, FileSink, FileSinkConfig, MultiSink, Naming, OnSinkError,
    SocketSink, SocketSinkConfig,
};
use sysflow_types::{RecordSink, SfObjectState, SysFlow};

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
    // The fan-out starts the socket's segment itself, at a record or a poll.
    while multi.each_stats()[1].segments < 2 {
        assert!(std::time::Instant::now() < deadline, "no reconnection");
        multi.record(&header()).unwrap();
        multi.poll().unwrap();
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(!multi.needs_segment());
    multi.finish().unwrap();
    let each = multi.each_stats();
    assert_eq!(each[0].segments, 1, "the file was not rotated");
    assert_eq!(each[0].dropped_total(), 0);
    assert_eq!(each[1].segments, 2);
    assert_eq!(each[1].reconnects, 1);
    let conn = server.accept();
    assert!(matches!(conn.recv(), Some(SysFlow::Header(_))));
}

/// The entities a record names, and the one it defines, as keys.
fn refs_and_def(rec: &SysFlow) -> (Vec<String>, Option<String>) {
    let refs = rec.entity_refs();
    let mut names: Vec<String> = refs
        .process
        .map(|o| format!("p{o:?}"))
        .into_iter()
        .chain(
            [refs.file, refs.new_file]
                .into_iter()
                .flatten()
                .map(|f| format!("f{f:?}")),
        )
        .collect();
    let def = match rec {
        SysFlow::Process(p) => {
            names.extend(p.container_id.iter().map(|c| format!("c{c}")));
            Some(format!("p{:?}", p.oid))
        }
        SysFlow::File(f) => {
            names.extend(f.container_id.iter().map(|c| format!("c{c}")));
            Some(format!("f{:?}", f.oid))
        }
        SysFlow::Container(c) => Some(format!("c{}", c.id)),
        _ => None,
    };
    (names, def)
}

/// Fails unless every segment of `records` (from each header on) writes
/// every process, file and container before a record names it.
fn assert_segments_stand_alone(records: &[SysFlow], what: &str) {
    assert!(
        matches!(records.first(), Some(SysFlow::Header(_))),
        "{what}"
    );
    let mut defined = std::collections::HashSet::new();
    for (i, rec) in records.iter().enumerate() {
        if matches!(rec, SysFlow::Header(_)) {
            defined.clear();
        }
        let (refs, def) = refs_and_def(rec);
        for r in refs {
            assert!(
                defined.contains(&r),
                "{what}: record {i} ({rec:?}) names {r}, not written in its segment"
            );
        }
        defined.extend(def);
    }
}

/// Issue 14, item 5: a socket that reconnects gets its own segment from
/// the fan-out: a header, then each entity again (`REUP`, from the store)
/// before the first record that needs it; the file beside it gets exactly
/// the producer's records, nothing written again. The producer here writes
/// each entity once, as `sysflow_core::Processor` does within a segment, and
/// is never told of the socket's segment.
#[test]
fn a_reconnected_socket_gets_the_entities_it_lacks_and_the_file_nothing_more() {
    let Some(cases) = golden_files() else {
        return;
    };
    let (name, path) = cases
        .iter()
        .find(|(n, _)| n == "mpm-event-full-capture")
        .unwrap();
    let body = golden_body(path);
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("sf.sock");
    let out = dir.path().join("out.sf");
    let (half, rest) = body.split_at(body.len() / 2);
    let (down, after) = rest.split_at(10);
    // The first server reads the header and the first half, then goes away.
    let first_server = Server::bind(&sock);
    let expected = 1 + half.len();
    let first = std::thread::spawn(move || {
        let conn = first_server.accept();
        let got: Vec<SysFlow> = (0..expected).map(|_| conn.recv().unwrap()).collect();
        drop(conn);
        drop(first_server);
        got
    });
    let file = FileSink::create(FileSinkConfig::new(&out, Naming::Exact, "multi", ""), 0).unwrap();
    let mut config = SocketSinkConfig::new(&sock, "multi", "");
    config.send_timeout = Duration::from_secs(20);
    config.retry_initial = Duration::from_millis(5);
    config.retry_max = Duration::from_millis(20);
    let sinks: Vec<BoxedSink> = vec![
        Box::new(file),
        Box::new(SocketSink::connect(config).unwrap()),
    ];
    let mut multi = MultiSink::new(sinks);
    for rec in half {
        multi.record(rec).unwrap();
    }
    let first = first.join().unwrap();
    std::fs::remove_file(&sock).unwrap();
    // Without a server, these are dropped.
    for rec in down {
        multi.record(rec).unwrap();
    }
    assert!(multi.each_stats()[1].dropped_total() > 0);
    let server = Server::bind(&sock);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while multi.each_stats()[1].reconnects == 0 {
        assert!(std::time::Instant::now() < deadline, "no reconnection");
        multi.poll().unwrap();
        std::thread::sleep(Duration::from_millis(2));
    }
    let second = server.collect();
    for rec in after {
        multi.record(rec).unwrap();
    }
    assert!(multi.stored_entities() > 0);
    multi.finish().unwrap();
    let second = second.join().unwrap();

    // The file: its header and exactly the producer's records.
    let written = read_sf(&out);
    assert!(
        written[1..] == body[..],
        "{name}: the file got more than the producer wrote"
    );
    // The socket's new connection stands alone, through entities written
    // again from the store.
    assert_segments_stand_alone(&first, "first connection");
    assert_segments_stand_alone(&second, "second connection");
    let each = multi.each_stats();
    assert!(each[1].replayed > 0, "{:?}", each[1]);
    assert_eq!(each[0].replayed, 0, "the file got nothing again");
    assert_eq!(multi.unresolved(), 0);
    // After its header, the second connection got the producer's records in
    // order, with only the entities written again in between.
    assert_eq!(
        second.len() as u64,
        1 + each[1].replayed + after.len() as u64,
        "{name}"
    );
    let mut producer = after.iter().peekable();
    for rec in &second[1..] {
        if producer.peek() == Some(&rec) {
            producer.next();
        } else {
            assert!(
                matches!(rec, SysFlow::Container(_))
                    || matches!(rec, SysFlow::Process(p) if p.state == SfObjectState::Reup)
                    || matches!(rec, SysFlow::File(f) if f.state == SfObjectState::Reup),
                "{name}: {rec:?} is neither the producer's nor an entity written again"
            );
        }
    }
    assert!(producer.next().is_none(), "{name}: records missing");
}
