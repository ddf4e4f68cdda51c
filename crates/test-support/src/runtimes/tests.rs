//! Unit tests of the harness's parts that need no runtime: commands with a
//! deadline, the ping, inspect's JSON, mountinfo's escapes, the rootfs.

use std::process::Command;
use std::time::{Duration, Instant};

use super::*;

#[test]
fn a_command_past_its_deadline_is_killed() {
    let mut cmd = Command::new("sleep");
    cmd.arg("30");
    let started = Instant::now();
    let err = exec(cmd, Duration::from_millis(300)).expect_err("killed");
    assert!(err.contains("did not end"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn output_is_stdout_or_stderr() {
    let mut ok = Command::new("sh");
    ok.args(["-c", "echo ' out '; echo err >&2"]);
    assert_eq!(output(ok).expect("ok"), "out");
    let mut failing = Command::new("sh");
    failing.args(["-c", "echo out; echo oops >&2; exit 3"]);
    let err = output(failing).expect_err("fails");
    assert!(err.contains("oops") && err.contains('3'), "{err}");
}

#[test]
fn nothing_answers_a_missing_socket() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert!(!ping(&dir.path().join("none.sock")));
}

#[test]
fn a_socket_answering_200_is_up() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("api.sock");
    let listener = std::os::unix::net::UnixListener::bind(&path).expect("bind");
    let server = std::thread::spawn(move || {
        for answer in [
            "HTTP/1.1 500 Internal Server Error\r\n\r\n",
            "HTTP/1.0 200 OK\r\n\r\nOK",
        ] {
            let (mut conn, _) = listener.accept().expect("accept");
            let mut request = [0u8; 256];
            let _ = conn.read(&mut request);
            conn.write_all(answer.as_bytes()).expect("answer");
        }
    });
    assert!(!ping(&path));
    assert!(ping(&path));
    server.join().expect("server");
}

#[test]
fn waiting_ends_at_the_condition_the_failure_or_the_deadline() {
    let mut n = 0;
    wait_until(
        "count",
        Duration::from_secs(5),
        || {
            n += 1;
            n == 3
        },
        || None,
    )
    .expect("ready");
    let err = wait_until(
        "fails",
        Duration::from_secs(5),
        || false,
        || Some("exited".into()),
    )
    .expect_err("failed");
    assert_eq!(err, "fails: exited");
    let err = wait_until("never", Duration::from_millis(50), || false, || None).expect_err("late");
    assert!(err.starts_with("never: not within"), "{err}");
}

#[test]
fn inspect_output_gives_its_first_object() {
    let v = first_object(r#"[{"Id":"abc"}]"#).expect("object");
    assert_eq!(v["Id"], "abc");
    assert!(first_object("[]").is_err());
    assert!(first_object("Error: no such container").is_err());
}

#[test]
fn mountinfo_escapes_are_undone() {
    assert_eq!(host::unescape_octal(r"/tmp/a\040b\134c"), r"/tmp/a b\c");
    assert_eq!(host::unescape_octal(r"/plain\0"), r"/plain\0");
}

#[test]
fn no_cgroup_parent_names_no_directory() {
    assert!(host::cgroup_dirs("").is_empty());
    assert!(host::cgroup_dirs("/").is_empty());
}

#[test]
fn the_rootfs_links_each_applet_to_busybox() {
    if tool("busybox").is_none() {
        assert!(!crate::under_ci(), "CI installs busybox-static");
        crate::skip("busybox is not installed (busybox-static)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    busybox_rootfs(dir.path()).expect("rootfs");
    assert!(dir.path().join("bin/busybox").is_file());
    for applet in APPLETS {
        let link = std::fs::read_link(dir.path().join("bin").join(applet)).expect("link");
        assert_eq!(link, std::path::Path::new("busybox"));
    }
}
