//! Writer round trips: every real trace, copied item by item with
//! `ScapWriter`, reads back to the same items, and sysdig 0.29.3 prints the
//! same text for the copy as for the original.

use std::process::Command;

use sysflow_capture::{Event, Item, ScapReader, ScapWriter};

use crate::{shared_dir, traces};

fn read(bytes: Vec<u8>) -> Vec<Item> {
    ScapReader::new(std::io::Cursor::new(bytes))
        .expect("reader")
        .collect::<Result<Vec<_>, _>>()
        .expect("decode")
}

/// Items with stream offsets cleared (they legitimately change).
fn normalized(items: Vec<Item>) -> Vec<Item> {
    items
        .into_iter()
        .map(|i| match i {
            Item::Event(mut e) => {
                e.offset = 0;
                Item::Event(e)
            }
            Item::Section(mut s) => {
                s.offset = 0;
                Item::Section(s)
            }
            other => other,
        })
        .collect()
}

/// `items` written by `ScapWriter` into a capture in memory.
pub(crate) fn copy(items: &[Item]) -> Vec<u8> {
    let mut w = ScapWriter::new(Vec::new()).expect("writer");
    for i in items {
        w.write_item(i).expect("write");
    }
    w.finish().expect("finish")
}

#[test]
fn copies_read_back_identically() {
    let Some(shared) = shared_dir() else { return };
    for (name, path) in traces(&shared) {
        let original = read(std::fs::read(&path).expect("read"));
        let bytes = copy(&original);
        let again = read(bytes.clone());
        assert_eq!(again.len(), original.len(), "{name}");
        assert!(
            normalized(again) == normalized(original.clone()),
            "{name}: items differ"
        );
        // Writing the copy again gives the same bytes.
        assert_eq!(copy(&read(bytes.clone())), bytes, "{name}");
    }
}

#[test]
fn sysdig_prints_the_same_for_copies() {
    let Some(shared) = shared_dir() else { return };
    if Command::new("sysdig").arg("--version").output().is_err() {
        assert!(
            !sysflow_test_support::under_ci(),
            "CI is set but sysdig is not installed"
        );
        sysflow_test_support::skip("sysdig is not installed (apt-get install sysdig)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("sysflow-capture-rt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    // `*` prints events even where a field (e.g. fd.name) does not apply.
    let fmt = "*%evt.num %evt.rawtime %evt.cpu %thread.tid %evt.type %evt.dir %evt.args %proc.name %fd.name %user.name";
    for (name, path) in traces(&shared) {
        let original = read(std::fs::read(&path).expect("read"));
        let out = dir.join(format!("{name}.scap"));
        std::fs::write(&out, copy(&original)).expect("write copy");
        let run = |p: &std::path::Path| {
            let o = Command::new("sysdig")
                .args(["-D", "-v", "-b", "-j", "-r"])
                .arg(p)
                .args(["-p", fmt])
                .output()
                .expect("sysdig");
            assert!(o.status.success(), "sysdig failed on {}", p.display());
            o.stdout
        };
        let a = run(&path);
        let b = run(&out);
        assert!(a.len() > 1000, "{name}");
        assert!(a == b, "{name}: sysdig output differs for the copy");
        eprintln!("{name}: sysdig output identical ({} bytes)", a.len());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn large_and_flagged_events_choose_block_kinds() {
    // A 70 KiB write payload cannot be framed with u16 lengths.
    let big = vec![7u8; 70_000];
    let ev = Event::new(1, 2, 3, 9, &[&0i64.to_le_bytes(), &big]);
    let mut w = ScapWriter::new(Vec::new()).expect("writer");
    assert!(w.write_event(&ev).is_err());
    // A container JSON event (large-payload type) goes to a _LARGE block.
    let json = vec![b'x'; 70_000];
    let ev = Event::new(1, 2, 3, 324, &[&json]);
    w.write_event(&ev).expect("write");
    // A state-only close exit goes to an EVF_V2 block with its flags.
    let mut flagged = Event::new(4, 5, 0, 5, &[&0i64.to_le_bytes()]);
    flagged.dump_flags = Some(1);
    w.write_event(&flagged).expect("write");
    let bytes = w.finish().expect("finish");
    let u32_at = |o: usize| u32::from_le_bytes(bytes[o..o + 4].try_into().expect("4"));
    assert_eq!(u32_at(28), 0x221);
    let second = 28 + u32_at(32) as usize;
    assert_eq!(u32_at(second), 0x217);
    let items = read(bytes);
    let Some(Item::Event(back)) = items.get(1) else {
        panic!("event expected: {items:?}");
    };
    assert_eq!(back.raw_param(0).map(<[u8]>::len), Some(70_000));
    let Some(Item::Event(back)) = items.get(2) else {
        panic!("event expected: {items:?}");
    };
    assert!(back.is_state_only());
    assert_eq!((back.ts, back.tid, back.event_type), (4, 5, 5));
}
