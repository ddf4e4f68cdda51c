//! Live capture into SysFlow records, end to end: the eBPF probe captures
//! this test's own workload, `sysflow-core` turns the events into records,
//! and the test checks the records: the file flow of the temp file it writes
//! (bytes), the network flows of a TCP exchange over loopback (bytes both
//! ways), and its child's clone, exec and exit. The test process itself
//! started before capture; the engine's `/proc` scan seeds core with it.
//!
//! Skips with a message when not root, on kernels older than 5.17 or without
//! BTF; otherwise it must pass.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;

use libsysflow::types::{OpFlags, SysFlow};
use sysflow_capture::{EventSource, LiveCapture, LiveConfig};
use sysflow_core::{CoreConfig, Processor};

mod common;
use common::{live_driver_or_skip, live_turn};

#[test]
fn live_records_of_own_workload() {
    let _turn = live_turn();
    let mut config = LiveConfig::default();
    config.capture_self = true;
    let mut capture = match LiveCapture::start(&config) {
        Ok(c) => c,
        Err(e) if e.is_unsupported_here() && !sysflow_test_support::under_ci() => {
            sysflow_test_support::skip(format_args!("live capture is impossible here: {e}"));
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
    let (client_addr, server_addr) = (
        client.local_addr().expect("addr"),
        server.local_addr().expect("addr"),
    );
    drop((client, server, listener));
    capture.stop_handle().stop();

    let mut processor = Processor::new(CoreConfig::default());
    let mut records: Vec<SysFlow> = Vec::new();
    for item in capture.take_proc_items() {
        processor.handle(&item, &mut records).expect("vec sink");
    }
    while let Some(ev) = capture.next_event().expect("live event") {
        processor.handle_event(&ev, &mut records).expect("vec sink");
    }
    processor.finish(&mut records).expect("vec sink");
    for r in &records {
        println!("{r:?}");
    }
    let pid = i64::from(std::process::id());

    // The temp file: opened to write (PPM_O_WRONLY|CREAT|TRUNC|CLOEXEC),
    // one write of 4321 bytes.
    let path_text = path.to_string_lossy();
    let file = records
        .iter()
        .find_map(|r| match r {
            SysFlow::File(f) if f.path == path_text => Some(f.oid),
            _ => None,
        })
        .expect("no File record of the temp file");
    let flow = records
        .iter()
        .find_map(|r| match r {
            SysFlow::FileFlow(f) if f.file_oid == file => Some(f),
            _ => None,
        })
        .expect("no FileFlow of the temp file");
    assert_eq!(flow.proc_oid.hpid, pid);
    assert_eq!(flow.open_flags.0, 4358);
    assert_eq!((flow.num_w_send_ops, flow.num_w_send_bytes), (1, 4321));
    assert_eq!((flow.num_r_recv_ops, flow.num_r_recv_bytes), (0, 0));

    // TCP: the accepted socket carries the client->server tuple, 1000 bytes
    // in and 300 out.
    let port = |a: std::net::SocketAddr| i32::from(a.port());
    let nets: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            SysFlow::NetworkFlow(n) if n.proc_oid.hpid == pid => Some(n),
            _ => None,
        })
        .collect();
    // Both ends report the client->server tuple, as the reference does: the
    // accepted socket read 1000 bytes and wrote 300, the connecting one the
    // reverse.
    for (recv, sent) in [(1000, 300), (300, 1000)] {
        let flow = nets
            .iter()
            .find(|n| (n.num_r_recv_bytes, n.num_w_send_bytes) == (recv, sent))
            .unwrap_or_else(|| {
                panic!("no NetworkFlow with {recv} bytes in and {sent} out: {nets:#?}")
            });
        assert_eq!(
            (flow.sport, flow.dport),
            (port(client_addr), port(server_addr)),
            "{flow:?}"
        );
        assert_eq!(flow.sip, i32::from_le_bytes([127, 0, 0, 1]));
        assert_eq!(flow.dip, i32::from_le_bytes([127, 0, 0, 1]));
        assert_eq!(flow.proto, 6);
    }

    let cwd = std::env::current_dir().expect("cwd");
    // The probe reports the executable's resolved path (/bin may be a link).
    let true_path = std::fs::canonicalize("/bin/true").expect("canonicalize");
    let child = records
        .iter()
        .find_map(|r| match r {
            SysFlow::Process(p)
                if p.exe == true_path.to_string_lossy()
                    && p.exe_args == "--sysflow-live-records" =>
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

/// A live run through the facade, stopped by `ExitHandle::exit` from
/// another thread: `run` returns promptly, the file is closed and valid, and
/// the callback got exactly the file's event and flow records.
#[test]
fn a_live_run_stops_on_exit_from_another_thread() {
    let _turn = live_turn();
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{Duration, Instant};

    use libsysflow::SysFlowConfig;

    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("live.sf");
    let delivered = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&delivered);
    let config = SysFlowConfig::builder()
        .file_path(&out)
        .rotate_interval(0)
        .exporter_id("exit-test")
        .callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        })
        .build();
    let Some(mut driver) = live_driver_or_skip(config, "live exit test") else {
        return;
    };
    let exit = driver.exit_handle();
    let run = std::thread::spawn(move || {
        let result = driver.run();
        (result, driver)
    });
    // Until the file exists the probe is not attached yet.
    let waited = Instant::now();
    while !out.exists() && waited.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    for _ in 0..3 {
        let _ = Command::new("/bin/true").status();
    }
    std::thread::sleep(Duration::from_millis(300));
    let asked = Instant::now();
    exit.exit();
    let (result, driver) = run.join().expect("driver thread");
    assert!(
        asked.elapsed() < Duration::from_secs(5),
        "run took {:?} to stop",
        asked.elapsed()
    );
    result.expect("live run");
    let stats = driver.stats();
    // Stopping is how a live capture ends: not early.
    assert!(!stats.exited_early);
    assert!(stats.events > 0);
    let records: Vec<SysFlow> = libsysflow::types::SfReader::open(&out)
        .expect("open")
        .collect::<Result<_, _>>()
        .expect("a valid, closed file");
    let behaviour = records
        .iter()
        .filter(|r| {
            !matches!(
                r,
                SysFlow::Header(_) | SysFlow::Container(_) | SysFlow::Process(_) | SysFlow::File(_)
            )
        })
        .count() as u64;
    assert!(behaviour > 0);
    assert_eq!(delivered.load(Ordering::Relaxed), behaviour);
    assert_eq!(stats.records_total(), records.len() as u64);
}
