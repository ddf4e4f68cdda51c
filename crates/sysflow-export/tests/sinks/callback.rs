//! The callback sink on the golden outputs: every behaviour record is
//! delivered with its process, container and files resolved.

use sysflow_export::{CallbackRecord, CallbackSink};
use sysflow_types::{RecordSink, RecordType, SysFlow};

use crate::common::{golden_files, read_sf};

/// What the callback saw, by record type.
#[derive(Default, Debug)]
struct Seen {
    delivered: [u64; 12],
    with_process: [u64; 12],
    with_file: u64,
    wanted_file: u64,
    with_new_file: u64,
    wanted_new_file: u64,
    with_container: u64,
    wanted_container: u64,
    headers_ok: bool,
}

#[test]
fn every_golden_behaviour_record_gets_its_entities() {
    let Some(cases) = golden_files() else {
        return;
    };
    let mut delivered_everywhere = 0;
    for (name, path) in cases {
        let records = read_sf(&path);
        let SysFlow::Header(golden_header) = records[0].clone() else {
            panic!("{name}: no header");
        };
        let mut seen = Seen {
            headers_ok: true,
            ..Seen::default()
        };
        let mut sink = CallbackSink::new("unused", "", |r: &CallbackRecord<'_>| {
            let i = r.record.record_type().index();
            seen.delivered[i] += 1;
            seen.headers_ok &= *r.header == golden_header;
            if let Some(p) = r.process {
                seen.with_process[i] += 1;
                if p.container_id.is_some() {
                    seen.wanted_container += 1;
                    seen.with_container += u64::from(r.container.is_some());
                }
            }
            let (file, new_file) = match r.record {
                SysFlow::FileFlow(_) => (true, false),
                SysFlow::FileEvent(e) => (true, e.new_file_oid.is_some()),
                _ => (false, false),
            };
            if file {
                seen.wanted_file += 1;
                seen.with_file += u64::from(r.file.is_some());
            }
            if new_file {
                seen.wanted_new_file += 1;
                seen.with_new_file += u64::from(r.new_file.is_some());
            }
        });
        for rec in &records {
            sink.record(rec).unwrap();
        }
        assert_eq!(sink.unresolved(), 0, "{name}");
        assert_eq!(sink.stats().sent_total(), records.len() as u64, "{name}");
        drop(sink);

        let mut want = [0u64; 12];
        for rec in &records {
            want[rec.record_type().index()] += 1;
        }
        for ty in [
            RecordType::Header,
            RecordType::Container,
            RecordType::Process,
            RecordType::File,
            RecordType::Pod,
        ] {
            want[ty.index()] = 0;
        }
        assert_eq!(
            seen.delivered, want,
            "{name}: entities are kept, the rest delivered"
        );
        for ty in [
            RecordType::ProcessEvent,
            RecordType::ProcessFlow,
            RecordType::FileFlow,
            RecordType::FileEvent,
            RecordType::NetworkFlow,
            RecordType::NetworkEvent,
        ] {
            assert_eq!(
                seen.with_process[ty.index()],
                want[ty.index()],
                "{name}: every {ty} has its process"
            );
        }
        assert_eq!(seen.with_file, seen.wanted_file, "{name}");
        assert_eq!(seen.with_new_file, seen.wanted_new_file, "{name}");
        assert_eq!(seen.with_container, seen.wanted_container, "{name}");
        assert!(seen.headers_ok, "{name}: the segment's real header");
        delivered_everywhere += seen.delivered.iter().sum::<u64>();
    }
    assert!(delivered_everywhere > 0);
}
