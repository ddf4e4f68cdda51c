//! The conversion of single events and short streams, checked slot by slot
//! with the 2022 table.

use super::*;
use crate::ParamValue;

const CPU: u16 = 1;
const TID: u64 = 4242;
const TS: u64 = 1_700_000_000_000_000_000;

fn ev(event_type: u16, params: &[&[u8]]) -> Event {
    Event::new(TS, TID, CPU, event_type, params)
}

fn convert(events: &[Event]) -> Vec<Event> {
    let mut c = LegacyConverter::new();
    let mut out = Vec::new();
    for e in events {
        c.convert(e, &mut out);
    }
    out
}

/// Each event's id and its parameters as decoded by the 2022 table.
fn shape(events: &[Event]) -> Vec<(u16, Vec<String>)> {
    events
        .iter()
        .map(|e| {
            let params = e
                .params(AbiRevision::Sysdig0_29)
                .map(|(_, v)| format!("{:?}", v.ok()))
                .collect();
            (e.event_type, params)
        })
        .collect()
}

#[test]
fn a_close_exit_gets_the_enter_that_carries_its_fd() {
    let out = convert(&[ev(5, &[&0i64.to_le_bytes(), &7i64.to_le_bytes()])]);
    assert_eq!(out.len(), 2);
    assert!(
        out.iter()
            .all(|e| e.ts == TS && e.tid == TID && e.cpu == CPU)
    );
    assert_eq!(
        shape(&out),
        [
            (4, vec![format!("{:?}", Some(ParamValue::Fd(7)))]),
            (5, vec![format!("{:?}", Some(ParamValue::Errno(0)))]),
        ]
    );
}

#[test]
fn an_enter_already_there_is_not_repeated() {
    let enter = ev(4, &[&7i64.to_le_bytes()]);
    let exit = ev(5, &[&0i64.to_le_bytes()]);
    let out = convert(&[enter, exit]);
    assert_eq!(out.iter().map(|e| e.event_type).collect::<Vec<_>>(), [4, 5]);
}

#[test]
fn an_exit_keeps_the_2022_slots_only() {
    // openat exit: fd, dirfd, name, flags, mode, dev, ino (2022: no ino).
    let name = b"/etc/passwd\0";
    let params: [&[u8]; 7] = [
        &3i64.to_le_bytes(),
        &(-100i64).to_le_bytes(),
        name,
        &1u32.to_le_bytes(),
        &0u32.to_le_bytes(),
        &0x803u32.to_le_bytes(),
        &12345u64.to_le_bytes(),
    ];
    let out = convert(&[ev(307, &params)]);
    assert_eq!(
        out.iter().map(|e| e.event_type).collect::<Vec<_>>(),
        [306, 307]
    );
    assert_eq!(out[0].nparams(), 4);
    assert_eq!(out[0].raw_param(1), Some(&name[..]));
    assert_eq!(out[1].nparams(), 6);
    assert_eq!(out[1].raw_param(5), Some(&0x803u32.to_le_bytes()[..]));
}

#[test]
fn the_child_side_of_a_clone_has_no_enter() {
    let zero = 0i64.to_le_bytes();
    let params: Vec<&[u8]> = std::iter::repeat_n(&zero[..], 21).collect();
    let out = convert(&[ev(223, &params)]);
    assert_eq!(out.iter().map(|e| e.event_type).collect::<Vec<_>>(), [223]);
    assert_eq!(out[0].nparams(), 20);
    let mut parent = params.clone();
    let child = 99i64.to_le_bytes();
    parent[0] = &child;
    let out = convert(&[ev(223, &parent)]);
    assert_eq!(
        out.iter().map(|e| e.event_type).collect::<Vec<_>>(),
        [222, 223]
    );
}

#[test]
fn newer_dup_and_pipe_exits_become_their_2022_pairs() {
    let dup2 = ev(
        363,
        &[
            &9i64.to_le_bytes(),
            &3i64.to_le_bytes(),
            &9i64.to_le_bytes(),
        ],
    );
    let pipe2 = ev(
        393,
        &[
            &0i64.to_le_bytes(),
            &4i64.to_le_bytes(),
            &5i64.to_le_bytes(),
            &77u64.to_le_bytes(),
            &0u32.to_le_bytes(),
        ],
    );
    let out = convert(&[dup2, pipe2]);
    assert_eq!(
        out.iter().map(|e| e.event_type).collect::<Vec<_>>(),
        [124, 125, 60, 61]
    );
    // dup's enter carries the source fd, its exit the new one.
    assert_eq!(out[0].raw_param(0), Some(&3i64.to_le_bytes()[..]));
    assert_eq!(out[1].raw_param(0), Some(&9i64.to_le_bytes()[..]));
    assert_eq!(out[3].nparams(), 4);
    assert_eq!(out[3].raw_param(2), Some(&5i64.to_le_bytes()[..]));
}

#[test]
fn parameters_take_the_2022_width() {
    // signalfd4 exit: res, flags (u16), fd, mask; signalfd's enter has an
    // 8-bit flags.
    let out = convert(&[ev(
        399,
        &[
            &6i64.to_le_bytes(),
            &0x0801u16.to_le_bytes(),
            &(-1i64).to_le_bytes(),
            &0x4000u32.to_le_bytes(),
        ],
    )]);
    assert_eq!(
        out.iter().map(|e| e.event_type).collect::<Vec<_>>(),
        [126, 127]
    );
    assert_eq!(out[0].raw_param(0), Some(&(-1i64).to_le_bytes()[..]));
    assert_eq!(out[0].raw_param(1), Some(&0x4000u32.to_le_bytes()[..]));
    assert_eq!(out[0].raw_param(2), Some(&[0x01][..]));
}

#[test]
fn missing_integers_get_a_driver_default() {
    // A failed setuid with an empty uid: 2022 reads the enter's uid blindly.
    let out = convert(&[ev(199, &[&(-1i64).to_le_bytes(), &[]])]);
    assert_eq!(out[0].raw_param(0), Some(&u32::MAX.to_le_bytes()[..]));
}

#[test]
fn syscalls_without_a_2022_event_become_generic_ones() {
    let setreuid = ev(
        427,
        &[
            &0i64.to_le_bytes(),
            &1000u32.to_le_bytes(),
            &1000u32.to_le_bytes(),
        ],
    );
    let out = convert(&[setreuid]);
    assert_eq!(out.iter().map(|e| e.event_type).collect::<Vec<_>>(), [0, 1]);
    let code = out[1].generic_syscall();
    assert_eq!(
        code.and_then(|c| AbiRevision::Sysdig0_29.syscall_name(c)),
        Some("setreuid")
    );
    assert_eq!(out[0].generic_syscall(), code);
}

#[test]
fn what_2022_cannot_know_is_dropped() {
    // memfd_create (no 2022 syscall code), an async event (402).
    let memfd = ev(405, &[&3i64.to_le_bytes(), b"x\0", &0u32.to_le_bytes()]);
    let asynchronous = ev(402, &[]);
    assert!(convert(&[memfd, asynchronous]).is_empty());
}

#[test]
fn enter_only_events_pass_with_the_2022_parameters() {
    let code = 256i64.to_le_bytes();
    let out = convert(&[ev(
        186,
        &[&code, &1i64.to_le_bytes(), &[0], &[0], &7i64.to_le_bytes()],
    )]);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].event_type, 186);
    assert_eq!(out[0].nparams(), 4);
}

#[test]
fn a_listed_process_keeps_the_short_tail_a_2022_reader_reads() {
    let mut p = ProcessEntry {
        version: 9,
        tid: 7,
        pid: 7,
        ptid: 1,
        loginuid: Some(u32::MAX),
        cap_effective: Some(0x1ff),
        exe_writable: Some(false),
        ..ProcessEntry::default()
    };
    (p.tty, p.pgid, p.pidns_init_start_ts) = (Some(34816), Some(7), Some(0));
    p.exe_ino = Some(12);
    let mut writer = crate::ScapWriter::new(Vec::new()).expect("writer");
    let converted = LegacyConverter::new().process(&p);
    writer
        .write_item(&crate::Item::Process(Box::new(converted)))
        .expect("write");
    let bytes = writer.finish().expect("finish");
    let listed: Vec<ProcessEntry> = crate::ScapReader::new(bytes.as_slice())
        .expect("reader")
        .filter_map(|item| match item.expect("item") {
            crate::Item::Process(p) => Some(*p),
            _ => None,
        })
        .collect();
    let [back] = listed.as_slice() else {
        panic!("one entry: {listed:?}")
    };
    // The short tail: what sysdig 0.29.3 reads from it, and nothing after.
    assert_eq!(back.loginuid, Some(u32::MAX));
    assert_eq!(back.cap_effective, Some(0x1ff));
    assert_eq!((back.tty, back.pgid, back.exe_ino), (None, None, None));
    assert_eq!((back.tid, back.pid, back.ptid), (7, 7, 1));
}
