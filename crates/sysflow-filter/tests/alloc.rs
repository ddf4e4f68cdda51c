//! Evaluation allocates nothing: a compiled filter using every kind of test
//! (string sets, globs, path prefixes, numbers, addresses, networks,
//! ancestors, client-or-server fields) is run under a counting global
//! allocator, which must count no allocation during `matches`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicUsize, Ordering};

use sysflow_filter::{FieldArg, FieldId, Fields, Value, compile};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator, only counting calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

struct Event {
    name: String,
    path: String,
    ancestors: Vec<String>,
}

impl Fields for Event {
    fn get(&mut self, field: FieldId, _arg: &FieldArg) -> Value<'_> {
        match field {
            FieldId::ProcName => Value::Str(self.name.as_bytes()),
            FieldId::FdName => Value::Str(self.path.as_bytes()),
            FieldId::EvtNum => Value::U64(7),
            FieldId::ProcPid => Value::I64(-3),
            FieldId::FdIsServer => Value::Bool(true),
            FieldId::FdSip => Value::Ip(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1))),
            _ => Value::Absent,
        }
    }

    fn any(
        &mut self,
        field: FieldId,
        _arg: &FieldArg,
        visit: &mut dyn FnMut(Value<'_>) -> bool,
    ) -> bool {
        match field {
            FieldId::ProcAname => self
                .ancestors
                .iter()
                .any(|a| visit(Value::Str(a.as_bytes()))),
            FieldId::FdNet => [Ipv4Addr::new(10, 0, 0, 1), Ipv4Addr::new(192, 168, 1, 1)]
                .into_iter()
                .any(|ip| visit(Value::Ip(IpAddr::V4(ip)))),
            _ => false,
        }
    }
}

#[test]
fn matches_allocates_nothing() {
    let filter = compile(
        "(proc.name in (bash, sh, zsh) or proc.name glob \"*sh\" or proc.name icontains BA) \
         and fd.name pmatch (/etc, /usr/lib) and not fd.name endswith .so \
         and evt.num < 100 and proc.pid in (-3, 4) and fd.is_server = true \
         and (fd.sip = 10.0.0.0 or fd.sip in (10.0.0.1)) and fd.net != 172.16.0.0/12 \
         and proc.aname = sshd and not fd.num exists",
    )
    .unwrap();
    let mut event = Event {
        name: "bash".to_owned(),
        path: "/etc/passwd".to_owned(),
        ancestors: vec!["sshd".to_owned(), "systemd".to_owned()],
    };
    // Warm up (nothing lazily allocated should remain, but be fair).
    assert!(filter.matches(&mut event));
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let mut passed = 0;
    for _ in 0..1000 {
        passed += usize::from(filter.matches(&mut event));
    }
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    assert_eq!(passed, 1000);
    assert_eq!(after - before, 0, "matches allocated");
}
