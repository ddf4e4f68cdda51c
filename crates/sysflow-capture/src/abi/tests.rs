//! Unit tests of the generated ABI tables against facts from the corpus notes.

use super::*;

#[test]
fn table_sizes_match_event_max() {
    assert_eq!(AbiRevision::Current.all_events().len(), 454);
    assert_eq!(AbiRevision::Sysdig0_29.all_events().len(), 336);
    assert_eq!(AbiRevision::Sysdig0_29.event_max(), 336);
    for rev in [AbiRevision::Current, AbiRevision::Sysdig0_29] {
        for (i, e) in rev.all_events().iter().enumerate() {
            assert_eq!(usize::from(e.id), i);
        }
    }
}

#[test]
fn execve_exit_differs_between_revisions() {
    let head = AbiRevision::Current.event(293).map(|e| e.params.len());
    let old = AbiRevision::Sysdig0_29.event(293).map(|e| e.params.len());
    assert_eq!(head, Some(31));
    assert_eq!(old, Some(20));
    let old_e = AbiRevision::Sysdig0_29.event(293);
    assert_eq!(
        old_e.and_then(|e| e.params.get(17)).map(|p| p.name),
        Some("pgid")
    );
    assert_eq!(
        old_e.and_then(|e| e.params.get(18)).map(|p| p.ty),
        Some(ParamType::Int32)
    );
    assert_eq!(
        event_info(293)
            .and_then(|e| e.params.get(17))
            .map(|p| p.name),
        Some("vpgid")
    );
}

#[test]
fn large_payload_is_per_type() {
    assert!(has_large_payload(322));
    assert!(has_large_payload(324));
    assert!(has_large_payload(402));
    assert!(!has_large_payload(272));
    assert!(!has_large_payload(3));
    assert!(!has_large_payload(u16::MAX));
}

#[test]
fn names_and_directions() {
    assert_eq!(event_info(3).map(|e| e.name), Some("open"));
    assert_eq!(event_info(3).map(|e| e.symbol), Some("PPME_SYSCALL_OPEN_X"));
    assert_eq!(
        event_info(306).map(|e| e.direction()),
        Some(Direction::Enter)
    );
    assert_eq!(Direction::of(307).as_char(), '<');
    assert_eq!(event_info(354).map(|e| e.name), Some("useradded"));
    assert_eq!(AbiRevision::Sysdig0_29.event(354), None);
}

#[test]
fn generic_syscall_names() {
    let old = AbiRevision::Sysdig0_29;
    assert_eq!(old.generic_syscall_name(300), Some("newfstatat"));
    assert_eq!(old.syscall_name(300), Some("newfsstat"));
    assert_eq!(AbiRevision::Current.syscall_name(300), Some("newfstatat"));
    assert_eq!(old.generic_syscall_name(176), Some("clock_gettime"));
    assert_eq!(old.generic_syscall_name(305), Some("setuid"));
    assert_eq!(old.generic_syscall_name(u16::MAX), None);
}
