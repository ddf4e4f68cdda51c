//! The reader against the real traces: block census and decoded contents.

use std::collections::BTreeMap;

use sysflow_capture::{
    AbiRevision, Event, FdInfo, Interface, Item, ParamValue, ScapReader, SockTuple, split_nul_list,
};

use crate::{shared_dir, traces};

/// Per-file counts from the corpus census in `reference/scap-format.md`:
/// (events, process entries, fd entries).
const CENSUS: &[(&str, u64, u64, u64)] = &[
    ("client-server-tcp-client-server", 2302, 131, 628),
    ("files-files", 2186, 201, 1019),
    ("files-filesat", 1697, 201, 1019),
    ("mpm-event-cold-start-capture", 3507, 303, 1150),
    ("mpm-event-full-capture", 35860, 206, 1081),
    ("mpm-preforked-cold-start-capture", 2388, 225, 1160),
    ("mpm-preforked-full-capture", 34102, 206, 1081),
    ("mpm-worker-cold-start-capture", 2381, 302, 1144),
    ("namespaces-setns", 9947, 214, 1121),
    ("objectstore-download", 20306, 246, 1159),
    ("objectstore-upload", 8829, 246, 1159),
    ("rename-rename", 4525, 356, 969),
    ("setuid-setuid", 1973, 201, 1019),
    ("nginx-legacy", 29925, 327, 1132),
];

#[derive(Default, Debug)]
struct Census {
    sections: u64,
    machines: u64,
    processes: u64,
    fds: u64,
    interfaces: u64,
    users: u64,
    groups: u64,
    events: u64,
    order_ok: bool,
}

fn census(path: &std::path::Path) -> Census {
    let mut c = Census {
        order_ok: true,
        ..Census::default()
    };
    let mut saw_event = false;
    for item in ScapReader::open(path).expect("open") {
        let item = item.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let is_event = matches!(item, Item::Event(_));
        if saw_event && !is_event {
            c.order_ok = false;
        }
        saw_event |= is_event;
        match item {
            Item::Section(_) => c.sections += 1,
            Item::Machine(_) => c.machines += 1,
            Item::Process(_) => c.processes += 1,
            Item::Fd(_) => c.fds += 1,
            Item::Interface(_) => c.interfaces += 1,
            Item::User(_) => c.users += 1,
            Item::Group(_) => c.groups += 1,
            Item::Event(ev) => {
                c.events += 1;
                assert_eq!(ev.index, c.events);
            }
            _ => {}
        }
    }
    c
}

#[test]
fn census_matches_reference() {
    let Some(shared) = shared_dir() else { return };
    let all = traces(&shared);
    assert_eq!(all.len(), CENSUS.len(), "trace set changed: {all:?}");
    for (name, path) in &all {
        let c = census(path);
        let want = CENSUS
            .iter()
            .find(|r| r.0 == name)
            .unwrap_or_else(|| panic!("no census row for {name}"));
        assert_eq!(
            (c.events, c.processes, c.fds),
            (want.1, want.2, want.3),
            "{name}"
        );
        assert_eq!((c.sections, c.machines), (1, 1), "{name}");
        assert!(c.order_ok, "{name}: metadata after events");
        // Interfaces: 2..=14 per file; users only where a UL block exists.
        assert!((2..=14).contains(&c.interfaces), "{name}: {c:?}");
        if name == "rename-rename" {
            assert_eq!((c.users, c.groups), (0, 0));
        } else {
            assert!((19..=34).contains(&c.users), "{name}: {c:?}");
            assert!((39..=60).contains(&c.groups), "{name}: {c:?}");
        }
    }
}

/// Collect the items of one golden trace.
fn items(shared: &std::path::Path, case: &str) -> Vec<Item> {
    let path = shared.join("golden").join(case).join("trace.scap");
    ScapReader::open(&path)
        .expect("open")
        .collect::<Result<Vec<_>, _>>()
        .expect("decode")
}

#[test]
fn metadata_contents() {
    let Some(shared) = shared_dir() else { return };
    let items = items(&shared, "rename-rename");
    let mut fd_types: BTreeMap<u8, u64> = BTreeMap::new();
    let mut tails = (0, 0);
    for item in &items {
        match item {
            Item::Machine(mi) => {
                assert!([1, 2, 4, 8, 16, 48].contains(&mi.num_cpus), "{mi:?}");
                assert_eq!(mi.max_pid, 0);
                assert!(!mi.hostname.is_empty());
            }
            Item::Process(p) => {
                assert_eq!(p.version, 9);
                // 2023 files carry loginuid, exe_writable and the capabilities,
                // in the pre-0.10 layout (no tty, no pidns_init_start_ts).
                assert!(p.loginuid.is_some() && p.cap_effective.is_some(), "{p:?}");
                assert_eq!((p.tty, p.pidns_init_start_ts), (None, None));
                assert_eq!(p.exe_ino, None);
                tails.0 += 1;
                if p.tid == p.pid {
                    tails.1 += 1;
                }
            }
            Item::Fd(f) => {
                *fd_types.entry(f.fd_type).or_default() += 1;
                if let FdInfo::File { dev, name, .. } = &f.info {
                    assert!(dev.is_some(), "2023 FILE_V2 entries carry dev");
                    assert!(!name.is_empty());
                }
            }
            _ => {}
        }
    }
    assert_eq!(tails.0, 356);
    assert!(tails.1 > 0);
    // No plain FILE (1) entries anywhere; FILE_V2 (16) dominates.
    assert_eq!(fd_types.get(&1), None);
    assert!(fd_types.get(&16).copied().unwrap_or(0) > 0);
    // init is pid 1 with no parent info other than 0.
    let init = items.iter().find_map(|i| match i {
        Item::Process(p) if p.pid == 1 => Some(p),
        _ => None,
    });
    let init = init.expect("pid 1 in the proclist");
    assert!(init.exepath.as_ref().is_some_and(|e| e.starts_with(b"/")));
}

#[test]
fn old_tail_and_interfaces() {
    let Some(shared) = shared_dir() else { return };
    let items = items(&shared, "files-files");
    let mut lo = false;
    for item in &items {
        match item {
            // 2019 files: a 4-byte tail with loginuid only.
            Item::Process(p) => {
                assert!(p.loginuid.is_some(), "{p:?}");
                assert_eq!(p.exe_writable, None);
                assert!(p.cgroups.is_some() && p.root.is_some());
            }
            Item::Interface(Interface::V4 {
                name,
                addr,
                netmask,
                link_speed,
                ..
            }) if name == b"lo" => {
                assert_eq!(addr.octets(), [127, 0, 0, 1]);
                assert_eq!(netmask.octets(), [255, 0, 0, 0]);
                assert!(link_speed.is_some());
                lo = true;
            }
            Item::Fd(f) => {
                if let FdInfo::File { dev, .. } = &f.info {
                    assert_eq!(*dev, None, "2019 FILE_V2 entries predate dev");
                }
            }
            _ => {}
        }
    }
    assert!(lo, "interface lo 127.0.0.1 not found");
}

#[test]
fn event_parameters_decode() {
    let Some(shared) = shared_dir() else { return };
    let mut execve = 0;
    let mut with_args = 0;
    let mut tuples = 0;
    let mut nonzero_ports = 0;
    for (name, path) in traces(&shared) {
        for ev in ScapReader::open(&path).expect("open") {
            let Item::Event(ev) = ev.expect("decode") else {
                continue;
            };
            // Every parameter the current table describes decodes.
            for (pname, v) in ev.params(AbiRevision::Current) {
                let v = v.unwrap_or_else(|e| panic!("{name} #{} {pname}: {e}", ev.index));
                if let ParamValue::SockTuple(SockTuple::Inet { src, dst }) = v {
                    tuples += 1;
                    nonzero_ports += usize::from(src.port() != 0 && dst.port() != 0);
                }
            }
            if ev.event_type == 293 {
                execve += 1;
                assert!(matches!(ev.nparams(), 18 | 19 | 23), "{}", ev.nparams());
                match ev.param(AbiRevision::Current, 2) {
                    // args is a NUL-separated list with a trailing NUL.
                    Some(Ok(ParamValue::Bytes(args))) => {
                        assert!(args.ends_with(&[0]));
                        assert!(!split_nul_list(args).is_empty());
                        with_args += 1;
                    }
                    Some(Ok(ParamValue::Empty)) => {}
                    other => panic!("execve args: {other:?}"),
                }
            }
        }
    }
    assert_eq!(
        execve, 33,
        "execve exits in the 14 traces (sysdig counts 33)"
    );
    assert!(with_args > 20, "{with_args}");
    assert!(tuples > 100, "{tuples}");
    assert!(nonzero_ports * 2 > tuples, "{nonzero_ports} of {tuples}");
}

#[test]
fn large_payload_container_event() {
    let Some(shared) = shared_dir() else { return };
    let path = shared.join("golden/rename-rename/trace.scap");
    let mut reader = ScapReader::open(path).expect("open");
    let first = reader.next_event().expect("decode").expect("an event");
    // rename.scap starts with a CONTAINER_JSON_2_E in an EV_V2_LARGE block,
    // whose parameter lengths are u32.
    assert_eq!(first.event_type, 324);
    assert_eq!(first.nparams(), 1);
    let Some(Ok(ParamValue::Str(json))) = first.param(AbiRevision::Current, 0) else {
        panic!("json param");
    };
    assert!(json.starts_with(b"{"), "{}", String::from_utf8_lossy(json));
    // Its users and groups come as USER_ADDED_E / GROUP_ADDED_E events.
    let mut added = (0, 0);
    while let Some(ev) = reader.next_event().expect("decode") {
        match ev.event_type {
            354 => added.0 += 1,
            358 => added.1 += 1,
            _ => {}
        }
    }
    assert_eq!(added, (10, 10));
}

/// `read_event` (one reused event, and the buffered fast path) gives the
/// same events as `next_event`, for every trace, plain and through a small
/// read size that splits blocks across reads.
#[test]
fn read_event_matches_next_event() {
    /// A reader that hands out at most 1000 bytes per call.
    struct Dribble<'a>(&'a [u8]);
    impl std::io::Read for Dribble<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.0.len()).min(1000);
            let (head, tail) = self.0.split_at(n);
            buf[..n].copy_from_slice(head);
            self.0 = tail;
            Ok(n)
        }
    }
    let Some(shared) = shared_dir() else { return };
    for (name, path) in traces(&shared) {
        let bytes = std::fs::read(&path).expect("read");
        let mut reader = ScapReader::new(&bytes[..]).expect("reader");
        let mut expected = Vec::new();
        while let Some(ev) = reader.next_event().expect("decode") {
            expected.push(ev);
        }
        for dribble in [false, true] {
            let mut reader = if dribble {
                ScapReader::new(Box::new(Dribble(&bytes)) as Box<dyn std::io::Read>)
            } else {
                ScapReader::new(Box::new(&bytes[..]) as Box<dyn std::io::Read>)
            }
            .expect("reader");
            let mut ev = Event::default();
            let mut n = 0;
            while reader.read_event(&mut ev).expect("decode") {
                assert!(ev == expected[n], "{name}: event {n} differs");
                n += 1;
            }
            assert_eq!(n, expected.len(), "{name}");
        }
    }
}

/// A source that hands out at most 7 bytes a read, so that every event is
/// cut between reads and takes the reader's general path.
struct Dribble(std::fs::File);

impl std::io::Read for Dribble {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(7);
        self.0.read(&mut buf[..n])
    }
}

/// The events of `reader` through `read_event_ref`, owned.
fn events_by_ref<R: std::io::Read>(mut reader: ScapReader<R>) -> Vec<Event> {
    let mut out = Vec::new();
    while let Some(ev) = reader.read_event_ref().expect("decode") {
        out.push(ev.to_event());
    }
    out
}

#[test]
fn events_in_place_equal_the_events_decoded_into_a_buffer() {
    let Some(shared) = shared_dir() else { return };
    for (name, path) in traces(&shared) {
        let file = || std::fs::File::open(&path).expect("open");
        let mut reader = ScapReader::new(file()).expect("header");
        let mut owned = Vec::new();
        let mut ev = Event::default();
        while reader.read_event(&mut ev).expect("decode") {
            owned.push(ev.clone());
        }
        assert!(!owned.is_empty(), "{name}");
        // Read ahead in 1 MiB buffers (events cut between buffers), and in
        // 7-byte reads (every event through the general path).
        let ahead = events_by_ref(ScapReader::open(&path).expect("open"));
        let dribbled = events_by_ref(ScapReader::new(Dribble(file())).expect("header"));
        for (how, got) in [("read ahead", ahead), ("dribbled", dribbled)] {
            assert_eq!(got.len(), owned.len(), "{name}, {how}");
            for (a, b) in got.iter().zip(&owned) {
                assert_eq!(
                    (a, a.index, a.offset),
                    (b, b.index, b.offset),
                    "{name}, {how}"
                );
            }
        }
    }
}
