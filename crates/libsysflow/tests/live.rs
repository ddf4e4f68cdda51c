//! Live capture into SysFlow records, end to end: the eBPF probe captures
//! this test's own workload, `sysflow-core` turns the events into records,
//! and the test checks the records of the child it runs: the clone and exec
//! as Process records and ProcessEvents, its file flows, its exit.
//!
//! The test process itself started before capture, and the live engine does
//! not scan `/proc` yet, so core knows nothing of it but what its events
//! say: its own file and TCP flows are not asserted until that scan exists.
//!
//! Skips with a message when not root or when the kernel has no BTF; with
//! both it must pass.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;

use libsysflow::types::{OpFlags, SysFlow};
use sysflow_capture::{EventSource, LiveCapture, LiveConfig, LiveError};
use sysflow_core::{CoreConfig, Processor};

#[test]
fn live_records_of_own_workload() {
    let mut config = LiveConfig::default();
    config.capture_self = true;
    let mut capture = match LiveCapture::start(&config) {
        Ok(c) => c,
        Err(e @ (LiveError::AccessDenied { .. } | LiveError::NoBtf { .. })) => {
            eprintln!("skipping live records test: {e}");
            return;
        }
        Err(e) => panic!("live capture does not work here although root and BTF are: {e:?}"),
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sysflow-live-records.bin");
    let mut f = std::fs::File::create(&path).expect("create");
    f.write_all(&[0x5a; 4321]).expect("write");
    drop(f);
    let status = Command::new("/bin/true")
        .args(["--sysflow-live-records"])
        .status()
        .expect("run /bin/true");
    assert!(status.success());
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let mut client = TcpStream::connect(listener.local_addr().expect("addr")).expect("connect");
    let (mut server, _) = listener.accept().expect("accept");
    client.write_all(&[1; 1000]).expect("send");
    server.read_exact(&mut [0; 1000]).expect("recv");
    server.write_all(&[2; 300]).expect("send");
    client.read_exact(&mut [0; 300]).expect("recv");
    drop((client, server, listener));
    capture.stop_handle().stop();

    let mut processor = Processor::new(CoreConfig::default());
    let mut records: Vec<SysFlow> = Vec::new();
    while let Some(ev) = capture.next_event().expect("live event") {
        processor.handle_event(&ev, &mut records).expect("vec sink");
    }
    processor.finish(&mut records).expect("vec sink");
    for r in &records {
        println!("{r:?}");
    }

    let cwd = std::env::current_dir().expect("cwd");
    let child = records
        .iter()
        .find_map(|r| match r {
            SysFlow::Process(p)
                if p.exe == "/bin/true" && p.exe_args == "--sysflow-live-records" =>
            {
                Some(p)
            }
            _ => None,
        })
        .expect("no Process record of the /bin/true child");
    assert_eq!(child.cwd, cwd.to_string_lossy());
    assert!(
        child
            .poid
            .is_some_and(|p| p.hpid == i64::from(std::process::id()))
    );
    let ops: Vec<OpFlags> = records
        .iter()
        .filter_map(|r| match r {
            SysFlow::ProcessEvent(e) if e.proc_oid == child.oid => Some(e.op_flags),
            _ => None,
        })
        .collect();
    assert_eq!(ops, [OpFlags::CLONE, OpFlags::EXEC, OpFlags::EXIT]);
    assert!(
        records
            .iter()
            .any(|r| matches!(r, SysFlow::FileFlow(f) if f.proc_oid == child.oid && f.num_r_recv_bytes > 0)),
        "no FileFlow with bytes read by the /bin/true child (its loader reads libc)"
    );
}
