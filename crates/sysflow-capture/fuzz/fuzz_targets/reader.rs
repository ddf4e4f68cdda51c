//! Fuzz target for `ScapReader`: any bytes, plain or gzip-compressed, must
//! give items and at most one typed error, never a panic or an allocation
//! beyond what the input holds.
//!
//! For each input it drains the reader, decoding every event's type name
//! and parameters by both ABI revisions and formatting the error; checks
//! that the gzip path, the reused-event paths (`read_event`,
//! `read_item`) and the in-place ones (`read_event_ref`, `read_item_ref`)
//! see exactly the same items and error; and writes the items back with `ScapWriter`,
//! which must read back cleanly with as many items.

#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use sysflow_capture::{
    AbiRevision, Event, Item, Next, NextRef, ScapReader, ScapWriter, split_nul_list,
};

/// Everything the reader yields: items, and the error text if any.
fn drain(data: &[u8]) -> (Vec<Item>, Option<String>) {
    let mut items = Vec::new();
    let mut reader = match ScapReader::new(data) {
        Ok(r) => r,
        Err(e) => return (items, Some(e.to_string())),
    };
    loop {
        match reader.next_item() {
            Ok(Some(item)) => {
                touch(&item);
                items.push(item);
            }
            Ok(None) => return (items, None),
            Err(e) => {
                assert!(
                    matches!(reader.next_item(), Ok(None)),
                    "reader not finished"
                );
                return (items, Some(e.to_string()));
            }
        }
    }
}

/// Decode everything an item offers.
fn touch(item: &Item) {
    match item {
        Item::Event(ev) => {
            for rev in [AbiRevision::Current, AbiRevision::Sysdig0_29] {
                let _ = std::hint::black_box(ev.type_name(rev));
                for (name, value) in ev.params(rev) {
                    let _ = std::hint::black_box((name, format!("{value:?}")));
                }
            }
            for k in 0..ev.nparams() {
                assert!(ev.raw_param(k).is_some());
            }
            let _ = ev.generic_syscall();
        }
        Item::Process(p) => {
            let _ = std::hint::black_box(split_nul_list(&p.args));
            let _ = std::hint::black_box(split_nul_list(p.env.as_deref().unwrap_or_default()));
        }
        other => {
            let _ = std::hint::black_box(format!("{other:?}"));
        }
    }
}

/// The events `read_event` gives, with the error text if any.
fn drain_events(data: &[u8]) -> (Vec<Event>, Option<String>) {
    let mut out = Vec::new();
    let mut reader = match ScapReader::new(data) {
        Ok(r) => r,
        Err(e) => return (out, Some(e.to_string())),
    };
    let mut ev = Event::new(0, 0, 0, 0, &[]);
    loop {
        match reader.read_event(&mut ev) {
            Ok(true) => out.push(ev.clone()),
            Ok(false) => return (out, None),
            Err(e) => return (out, Some(e.to_string())),
        }
    }
}

/// Everything `read_item` gives (events from the reused one), with the
/// error text if any.
fn drain_read_item(data: &[u8]) -> (Vec<Item>, Option<String>) {
    let mut out = Vec::new();
    let mut reader = match ScapReader::new(data) {
        Ok(r) => r,
        Err(e) => return (out, Some(e.to_string())),
    };
    let mut ev = Event::new(0, 0, 0, 0, &[]);
    loop {
        match reader.read_item(&mut ev) {
            Ok(Some(Next::Event)) => out.push(Item::Event(ev.clone())),
            Ok(Some(Next::Item(item))) => out.push(item),
            Ok(Some(other)) => panic!("unexpected {other:?}"),
            Ok(None) => return (out, None),
            Err(e) => return (out, Some(e.to_string())),
        }
    }
}

/// Everything `read_item_ref` gives (events copied out of the reader's
/// buffer), with the error text if any.
fn drain_read_item_ref(data: &[u8]) -> (Vec<Item>, Option<String>) {
    let mut out = Vec::new();
    let mut reader = match ScapReader::new(data) {
        Ok(r) => r,
        Err(e) => return (out, Some(e.to_string())),
    };
    loop {
        match reader.read_item_ref() {
            Ok(Some(NextRef::Event(ev))) => out.push(Item::Event(ev.to_event())),
            Ok(Some(NextRef::Item(item))) => out.push(item),
            Ok(Some(other)) => panic!("unexpected {other:?}"),
            Ok(None) => return (out, None),
            Err(e) => return (out, Some(e.to_string())),
        }
    }
}

/// The events `read_event_ref` gives, copied, with the error text if any.
fn drain_event_refs(data: &[u8]) -> (Vec<Event>, Option<String>) {
    let mut out = Vec::new();
    let mut reader = match ScapReader::new(data) {
        Ok(r) => r,
        Err(e) => return (out, Some(e.to_string())),
    };
    loop {
        match reader.read_event_ref() {
            Ok(Some(ev)) => out.push(ev.to_event()),
            Ok(None) => return (out, None),
            Err(e) => return (out, Some(e.to_string())),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (items, err) = drain(data);

    // Reusing one event gives the same events and error.
    let (events, err2) = drain_events(data);
    let expected: Vec<&Event> = items
        .iter()
        .filter_map(|i| match i {
            Item::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.iter().collect::<Vec<_>>(), expected);
    assert_eq!(err2, err);

    // So does `read_item`, for every item.
    let (all, err3) = drain_read_item(data);
    assert_eq!(all, items);
    assert_eq!(err3, err);

    // And the in-place readers.
    let (all, err4) = drain_read_item_ref(data);
    assert_eq!(all, items);
    assert_eq!(err4, err);
    let (events, err5) = drain_event_refs(data);
    assert_eq!(events.iter().collect::<Vec<_>>(), expected);
    assert_eq!(err5, err);

    // The gzip path (unless the input is gzip already) reads the same.
    if data.get(..2) != Some(&[0x1f, 0x8b][..]) {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        if gz.write_all(data).is_ok()
            && let Ok(gz) = gz.finish()
        {
            let (gz_items, gz_err) = drain(&gz);
            assert_eq!(gz_items, items);
            assert_eq!(gz_err, err);
        }
    }

    // Whatever was read can be written, and reads back cleanly.
    let Ok(mut w) = ScapWriter::new(Vec::new()) else {
        return;
    };
    let mut written = 0usize;
    for item in &items {
        if w.write_item(item).is_ok() {
            written += 1;
        }
    }
    if written == items.len()
        && let Ok(bytes) = w.finish()
    {
        let (back, back_err) = drain(&bytes);
        assert_eq!(back_err, None);
        // The writer always starts with a section header.
        let lead = usize::from(!matches!(items.first(), Some(Item::Section(_))));
        assert_eq!(back.len(), items.len() + lead);
    }
});
