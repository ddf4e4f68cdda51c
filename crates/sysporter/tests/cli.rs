//! Tests of the `sysporter` binary as a user runs it: flags, exit codes,
//! messages, and the files it leaves, on the golden traces in
//! `../shared/golden` (skipped with a message when absent, failing under CI).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use libsysflow::types::{SfReader, SysFlow};

fn sysporter(args: &[&str]) -> Output {
    sysporter_env(args, &[])
}

/// The binary, without any of the reference's override variables this
/// test process may have inherited.
fn sysporter_command() -> Command {
    without_overrides(Command::new(env!("CARGO_BIN_EXE_sysporter")))
}

/// `cmd` with the reference's override variables removed from its
/// environment (for sysporter itself or a wrapper that execs it).
fn without_overrides(mut cmd: Command) -> Command {
    for var in libsysflow::ENV_OVERRIDES {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs the binary with only the override variables in `env`.
fn sysporter_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    sysporter_command()
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A golden case's trace, or `None` (a counted skip) without `../shared`.
fn trace(case: &str) -> Option<PathBuf> {
    let path = sysflow_test_support::golden_dir()?
        .join(case)
        .join("trace.scap");
    assert!(
        path.is_file(),
        "{} is missing from ../shared",
        path.display()
    );
    Some(path)
}

/// Every record of a `.sf` file; panics unless it reads cleanly to the end.
fn read_sf(path: &Path) -> Vec<SysFlow> {
    SfReader::open(path)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{} is not a valid, closed .sf file: {e}", path.display()))
}

/// The records of the `.sf` file a run wrote, checked against what the run
/// said on `stderr`: the header names `exporter` and the summary counts
/// every record the file holds.
fn read_reported_sf(path: &Path, stderr: &str, exporter: &str) -> Vec<SysFlow> {
    let records = read_sf(path);
    assert_eq!(header(&records[0]).exporter, exporter);
    assert!(
        stderr.contains(&format!("wrote {} records", records.len())),
        "{stderr}"
    );
    records
}

fn header(rec: &SysFlow) -> &libsysflow::types::SfHeader {
    match rec {
        SysFlow::Header(h) => h,
        other => panic!("the first record is {other:?}, not a header"),
    }
}

#[test]
fn v_prints_both_versions_to_stderr() {
    let out = sysporter(&["-v"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("Version: {}", libsysflow::VERSION)),
        "{err}"
    );
    assert!(err.contains("Avro Schema Version: 5"), "{err}");
    assert!(out.stdout.is_empty());
}

/// `--version` is `-v`, as users of other tools expect.
#[test]
fn long_version_is_v() {
    let short = sysporter(&["-v"]);
    let long = sysporter(&["--version"]);
    assert!(long.status.success(), "{}", stderr(&long));
    assert_eq!(stderr(&long), stderr(&short));
    let help = String::from_utf8_lossy(&sysporter(&["--help"]).stdout).into_owned();
    assert!(help.contains("-v, --version"), "{help}");
}

#[test]
fn help_explains_every_flag() {
    let out = sysporter(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "-r <FILE>",
        "-w <PATH>",
        "-e <ID>",
        "-G <SECS>",
        "-m <MODE>",
        "-d",
        "-v",
        "-c",
    ] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
    for flag in ["-u", "-s", "-f", "-p", "-t", "-k", "-l"] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
    assert!(help.contains("ENABLE_PROC_FLOW"), "{help}");
    assert!(help.contains("GLOG_minloglevel"), "{help}");
    assert!(sysporter(&["-h"]).status.success());
}

/// `-t` is the reference's `criTO`, in seconds (docs/config.md); its help
/// said milliseconds.
#[test]
fn t_is_in_seconds() {
    let help = String::from_utf8_lossy(&sysporter(&["-h"]).stdout).into_owned();
    let t = help
        .lines()
        .find(|l| l.trim_start().starts_with("-t <N>"))
        .unwrap_or_else(|| panic!("no -t in:\n{help}"));
    assert!(t.contains("seconds"), "{t}");
    let config =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/config.md"))
            .unwrap();
    assert!(
        config
            .lines()
            .any(|l| l.contains("`cri_timeout`") && l.contains("(s)") && l.contains("`-t`")),
        "docs/config.md gives -t in seconds"
    );
}

#[test]
fn argument_errors_exit_1_like_the_reference() {
    for args in [
        &["-z"][..],
        &["-G", "x", "-w", "x.sf"],
        &["-G", "-1", "-w", "x.sf"],
        &["-m", "fast", "-w", "x.sf"],
    ] {
        let out = sysporter(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
    }
    let out = sysporter(&["-r", "t.scap"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("-w PATH"), "{}", stderr(&out));
    assert!(stderr(&out).contains("-u PATH"), "{}", stderr(&out));
}

#[test]
fn flags_without_a_capability_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("t.scap");
    fs::write(&input, b"").unwrap();
    let input = input.to_str().unwrap();
    let out_sf = dir.path().join("o.sf");
    let out_sf = out_sf.to_str().unwrap();
    let cases: [(&[&str], &str); 4] = [
        (
            &["-r", input, "-w", out_sf, "-f", "proc.name=sh and"],
            "bad falco_filter",
        ),
        (&["-r", input, "-w", out_sf, "-s", "10"], "sampling"),
        (&["-w", out_sf, "-k", "kmod"], "driver"),
        (&["-r", input, "-w", out_sf, "-l", "log.conf"], "RUST_LOG"),
    ];
    for (args, want) in cases {
        let out = sysporter(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let out = sysporter(&["-r", input, "-w", out_sf, "-k", "ebpf"]);
    assert!(stderr(&out).contains("both -r and -k"), "{}", stderr(&out));
    assert!(!Path::new(out_sf).exists(), "a refused run writes nothing");
}

#[test]
fn a_golden_trace_converts_to_a_valid_file() {
    let Some(trace) = trace("setuid-setuid") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out_sf = dir.path().join("out.sf");
    let env = [
        ("ENABLE_PROC_FLOW", "0"),
        ("FILE_ONLY", "0"),
        ("FILE_READ_MODE", "0"),
        ("ENABLE_DROP_MODE", "0"),
        ("NODE_IP", "10.9.8.7"),
    ];
    let args = [
        "-r",
        trace.to_str().unwrap(),
        "-w",
        out_sf.to_str().unwrap(),
        "-e",
        "tests",
    ];
    let out = sysporter_env(&args, &env);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let records = read_sf(&out_sf);
    let h = header(&records[0]);
    assert_eq!(h.exporter, "tests");
    assert_eq!(h.ip, "10.9.8.7", "NODE_IP overrides the header ip");
    assert_eq!(h.filename, out_sf.to_str().unwrap());
    assert!(records.len() > 1, "only a header");
    let summary = err
        .lines()
        .find(|l| l.contains("events"))
        .unwrap_or_default();
    assert!(
        summary.contains(&format!("wrote {} records", records.len())),
        "{err}"
    );
    assert!(summary.contains("1 SFHeader"), "{err}");
}

/// `-r -` reads the capture from standard input, plain or gzipped, into
/// the records `-r FILE` gives.
#[test]
fn r_dash_reads_the_capture_from_stdin() {
    use std::process::Stdio;

    let Some(trace) = trace("setuid-setuid") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let from_file = dir.path().join("file.sf");
    let out = sysporter(&[
        "-r",
        trace.to_str().unwrap(),
        "-w",
        from_file.to_str().unwrap(),
        "-e",
        "stdin-test",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let want = read_sf(&from_file).len();
    let gzipped = dir.path().join("trace.scap.gz");
    let gzip = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "gzip -c < '{}' > '{}'",
            trace.display(),
            gzipped.display()
        ))
        .status()
        .is_ok_and(|s| s.success());
    let mut inputs = vec![trace.clone()];
    if gzip {
        inputs.push(gzipped);
    } else {
        assert!(!sysflow_test_support::under_ci(), "gzip is needed under CI");
        sysflow_test_support::skip(
            "gzip is not installed: only the plain capture is read from stdin",
        );
    }
    for input in inputs {
        let out_sf = dir.path().join("stdin.sf");
        let out = sysporter_command()
            .args([
                "-r",
                "-",
                "-w",
                out_sf.to_str().unwrap(),
                "-e",
                "stdin-test",
            ])
            .stdin(Stdio::from(fs::File::open(&input).unwrap()))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(out.status.success(), "{}: {err}", input.display());
        let records = read_reported_sf(&out_sf, &err, "stdin-test");
        assert_eq!(records.len(), want, "{}", input.display());
        // Through a pipe, whose size is unknown.
        let piped = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "cat '{}' | '{}' -r - -w '{}' -e stdin-test",
                input.display(),
                env!("CARGO_BIN_EXE_sysporter"),
                out_sf.display()
            ))
            .output()
            .unwrap();
        assert!(piped.status.success(), "{}", stderr(&piped));
        assert_eq!(read_sf(&out_sf).len(), want, "piped {}", input.display());
    }
}

/// `-u` alone is an output: without a server every record is dropped and
/// counted, with one warning; a converted capture whose records were not
/// delivered says so and exits 1 (issue 14, item 7: it exited 0).
#[test]
fn a_socket_without_its_server_counts_drops_and_fails() {
    let Some(trace) = trace("setuid-setuid") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("absent.sock");
    let out = sysporter(&["-r", trace.to_str().unwrap(), "-u", sock.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("; socket: 0 records sent, 19 dropped, 0 reconnections"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "sysporter: error [OutputIncomplete]: socket {}: 19 of 19 records were not delivered",
            sock.display()
        )),
        "{err}"
    );
    assert_eq!(err.matches(" WARN ").count(), 1, "one warning: {err}");
    assert!(!sock.exists(), "the client never creates the socket file");
}

/// GLOG_minloglevel=0 with GLOG_logtostderr=1 (the reference's container
/// defaults) shows info messages; by default only warnings and errors show.
#[test]
fn glog_variables_set_the_log_level() {
    let Some(trace) = trace("setuid-setuid") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out_sf = dir.path().join("out.sf");
    let args = [
        "-r",
        trace.to_str().unwrap(),
        "-w",
        out_sf.to_str().unwrap(),
    ];
    let quiet = sysporter_command()
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert!(!stderr(&quiet).contains("INFO"), "{}", stderr(&quiet));
    let loud = sysporter_command()
        .args(args)
        .env_remove("RUST_LOG")
        .env("GLOG_logtostderr", "1")
        .env("GLOG_minloglevel", "0")
        .output()
        .unwrap();
    assert!(stderr(&loud).contains("INFO"), "{}", stderr(&loud));
    assert!(
        stderr(&loud).contains("converting capture"),
        "{}",
        stderr(&loud)
    );
}

#[test]
fn a_directory_output_gets_a_timestamp_name_and_the_capture_host_as_exporter() {
    let Some(trace) = trace("setuid-setuid") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out_dir = format!("{}/", dir.path().display());
    let out = sysporter(&["-r", trace.to_str().unwrap(), "-w", &out_dir, "-d"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("stats: processes"),
        "{}",
        stderr(&out)
    );
    let quiet = tempfile::tempdir().unwrap();
    let quiet_dir = format!("{}/", quiet.path().display());
    let args = ["-r", trace.to_str().unwrap(), "-w", &quiet_dir];
    let out = sysporter(&args);
    assert!(
        !stderr(&out).contains("stats: processes"),
        "{}",
        stderr(&out)
    );
    let out = sysporter_env(&args, &[("ENABLE_STATS", "1")]);
    assert!(
        stderr(&out).contains("stats: processes"),
        "ENABLE_STATS=1 is -d: {}",
        stderr(&out)
    );
    let files: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_str().unwrap().to_owned();
    assert!(
        name.parse::<u64>().is_ok_and(|secs| secs > 1_600_000_000),
        "{name}"
    );
    let records = read_sf(&files[0]);
    assert!(!header(&records[0]).exporter.is_empty());
}

#[test]
fn a_truncated_capture_fails_naming_the_offset_and_leaves_a_closed_file() {
    let Some(trace) = trace("setuid-setuid") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bytes = fs::read(&trace).unwrap();
    let cut = dir.path().join("cut.scap");
    fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out_sf = dir.path().join("out.sf");
    let out = sysporter(&[
        "-r",
        cut.to_str().unwrap(),
        "-w",
        out_sf.to_str().unwrap(),
        "-e",
        "tests",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("at byte "), "{err}");
    assert!(err.contains("EventParsingError"), "{err}");
    read_reported_sf(&out_sf, &err, "tests");
}

#[test]
fn sigterm_stops_the_run_and_leaves_a_closed_file() {
    use std::io::Write;
    use std::process::Stdio;
    use std::time::Duration;

    let Some(trace) = trace("mpm-event-full-capture") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.scap");
    if !Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        assert!(!sysflow_test_support::under_ci(), "mkfifo failed");
        sysflow_test_support::skip("mkfifo is not available");
        return;
    }
    let out_sf = dir.path().join("out.sf");
    let child = sysporter_command()
        .args([
            "-r",
            fifo.to_str().unwrap(),
            "-w",
            out_sf.to_str().unwrap(),
            "-e",
            "tests",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let bytes = fs::read(&trace).unwrap();
    let (first, rest) = bytes.split_at(bytes.len() / 2);
    // Opening the pipe waits for sysporter to open it, after it installed its handlers.
    let mut pipe = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    pipe.write_all(first).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(200));
    // sysporter stops at the next item and closes the pipe: the write may fail.
    let _ = pipe.write_all(rest);
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("(stopped early)"), "{err}");
    read_reported_sf(&out_sf, &err, "tests");
}

/// Without -r sysporter captures live until SIGTERM and leaves a valid,
/// closed file. Without root (or CAP_BPF and CAP_PERFMON) it is refused
/// with ProbeAccessDenied's message; without BTF, OperationNotSupported's.
#[test]
fn live_capture_until_sigterm() {
    let _turn = live_turn();
    let dir = tempfile::tempdir().unwrap();
    let out_sf = dir.path().join("live.sf");
    let scap = dir.path().join("live.scap");
    let child = sysporter_command()
        .args([
            "-w",
            out_sf.to_str().unwrap(),
            "-e",
            "live-test",
            "--scap-out",
            scap.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // sysporter creates the scap copy once the probe is attached: wait for
    // it (or for sysporter to give up), then make something to capture.
    let mut child = child;
    let waited = std::time::Instant::now();
    while saved_scap_files(&scap).is_empty()
        && child.try_wait().unwrap().is_none()
        && waited.elapsed() < std::time::Duration::from_secs(60)
    {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    let _ = Command::new("/bin/true").status();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    if live_refused(&out) {
        return;
    }
    assert!(out.status.success(), "{err}");
    // Live with rotation on (the default interval) names files `PATH.<secs>`,
    // the saved capture's too.
    let scaps = saved_scap_files(&scap);
    assert_eq!(scaps.len(), 1, "{scaps:?}");
    let scap = scaps[0].clone();
    assert!(
        err.contains(&format!("capture saved to {}", scap.display())),
        "{err}"
    );
    let files: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p != &scap)
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(
        files[0]
            .to_string_lossy()
            .starts_with(&format!("{}.", out_sf.display())),
        "{files:?}"
    );
    let records = read_reported_sf(&files[0], &err, "live-test");
    assert!(records.len() > 1, "only a header: {err}");
    // Records and raw captures hold command lines and environments.
    for path in [&files[0], &scap] {
        let mode =
            std::os::unix::fs::PermissionsExt::mode(&fs::metadata(path).unwrap().permissions());
        assert_eq!(mode & 0o077, 0, "{} is mode {mode:o}", path.display());
    }
    assert!(err.contains("; probe: "), "drops are reported: {err}");
    assert!(err.contains(" dropped ("), "drops are reported: {err}");

    // The saved scap replays offline into records, and sysdig reads it.
    let replay = dir.path().join("replay.sf");
    let out = sysporter(&[
        "-r",
        scap.to_str().unwrap(),
        "-w",
        replay.to_str().unwrap(),
        "-e",
        "replay",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(read_sf(&replay).len() > 1, "{}", stderr(&out));
    match Command::new("sysdig")
        .args(["-r", scap.to_str().unwrap(), "-q"])
        .output()
    {
        Ok(out) => assert!(out.status.success(), "sysdig: {}", stderr(&out)),
        Err(_) if !sysflow_test_support::under_ci() => {
            sysflow_test_support::skip("sysdig is not installed (apt-get install sysdig)");
        }
        Err(e) => panic!("sysdig is needed under CI: {e}"),
    }
}

/// Captures live (saving scap) while a process that started before the
/// capture and an exec during it both carry `secret` in their environment;
/// returns the saved scap's bytes, or `None` when live capture is refused
/// here (not root, no BTF, old kernel).
fn live_scap_with_secret_env(extra: &[&str], secret: &str, marker: &str) -> Option<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let scap_dir = tempfile::tempdir().unwrap();
    let scap = scap_dir.path().join("live.scap");
    let mut before = Command::new("sleep")
        .arg("30")
        .env("SYSFLOW_TEST_SECRET", secret)
        .spawn()
        .unwrap();
    let out_dir = format!("{}/", dir.path().display());
    let mut child = sysporter_command()
        .args(["-w", &out_dir, "-e", "scrub-test", "--scap-out"])
        .arg(&scap)
        .args(extra)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Capturing once the .sf output exists (after the probe attached and
    // /proc was scanned): a fixed wait was too short under load.
    let waited = std::time::Instant::now();
    while sf_files(dir.path()).is_empty()
        && child.try_wait().unwrap().is_none()
        && waited.elapsed() < std::time::Duration::from_secs(60)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = Command::new("/bin/true")
        .arg(marker)
        .env("SYSFLOW_TEST_SECRET", secret)
        .status();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let _ = before.kill();
    let _ = before.wait();
    let err = stderr(&out);
    if live_refused(&out) {
        return None;
    }
    assert!(out.status.success(), "{err}");
    Some(
        saved_scap_files(&scap)
            .iter()
            .flat_map(|f| fs::read(f).unwrap())
            .collect(),
    )
}

/// The files a live run saved for `--scap-out PATH`: `PATH` itself (no
/// rotation), or `PATH.<secs>` and `PATH.<secs>.<n>`, in the order they
/// were written.
fn saved_scap_files(path: &Path) -> Vec<PathBuf> {
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    let mut files: Vec<(Vec<u64>, PathBuf)> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let n = p.file_name()?.to_str()?.to_owned();
            if n == name {
                return Some((Vec::new(), p));
            }
            let key: Option<Vec<u64>> = n
                .strip_prefix(&format!("{name}."))?
                .split('.')
                .map(|x| x.parse().ok())
                .collect();
            Some((key?, p))
        })
        .collect();
    files.sort();
    files.into_iter().map(|(_, p)| p).collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// With --scrub-env no environment value of a captured process reaches the
/// saved scap (neither from the `/proc` scan nor from execve events), while
/// without it both do; the exec itself is still captured.
#[test]
fn scrub_env_keeps_environment_values_out_of_the_capture() {
    let _turn = live_turn();
    let secret = format!("s3cr3t-{}-value", std::process::id());
    let marker = format!("--sysflow-scrub-marker-{}", std::process::id());
    let Some(plain) = live_scap_with_secret_env(&[], &secret, &marker) else {
        return;
    };
    assert!(
        contains(&plain, &secret),
        "control: env is captured by default"
    );
    let scrubbed = live_scap_with_secret_env(&["--scrub-env"], &secret, &marker).unwrap();
    assert!(contains(&scrubbed, &marker), "the exec was captured");
    assert!(!contains(&scrubbed, &secret), "an env value was saved");
    assert!(
        !contains(&scrubbed, "SYSFLOW_TEST_SECRET="),
        "an env entry was saved"
    );
    // Offline runs have nothing to scrub: refused.
    let out = sysporter(&["-r", "x.scap", "-w", "x.sf", "--scrub-env"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--scrub-env"), "{}", stderr(&out));
}

/// Whether a live run failed only because live capture is impossible here
/// (not root, no BTF, an old kernel): then the test skips, except under CI,
/// which has root and BTF and must run it.
fn live_refused(out: &Output) -> bool {
    let err = stderr(out);
    let refused = !out.status.success()
        && (err.contains("access denied") || err.contains("no BTF") || err.contains("too old"));
    if refused {
        assert!(
            !sysflow_test_support::under_ci(),
            "live capture must work under CI: {err}"
        );
        sysflow_test_support::skip(format_args!(
            "live capture is impossible here: {}",
            err.trim()
        ));
    }
    refused
}

/// Live, sysporter's polling (main) thread runs at idle priority while its
/// ring has room, unless `--normal-priority` keeps it at normal priority, or
/// it could not come back from idle (no CAP_SYS_NICE): then it says so and
/// stays at normal priority.
#[test]
fn live_collector_runs_in_the_background_unless_told_not_to() {
    let _turn = live_turn();
    let has_setpriv = Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let no_sys_nice = [
        "--bounding-set",
        "-sys_nice",
        "--inh-caps",
        "-sys_nice",
        "--",
    ];
    for (wrapper, args, expected, what) in [
        (&[][..], &[][..], 5, "SCHED_IDLE by default"),
        (
            &[][..],
            &["--normal-priority"][..],
            0,
            "SCHED_OTHER with --normal-priority",
        ),
        (
            &no_sys_nice[..],
            &[][..],
            0,
            "SCHED_OTHER without CAP_SYS_NICE",
        ),
    ] {
        if !wrapper.is_empty() && !has_setpriv {
            sysflow_test_support::skip(
                "util-linux's setpriv is not installed: the CAP_SYS_NICE case is not run",
            );
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = if wrapper.is_empty() {
            sysporter_command()
        } else {
            let mut cmd = without_overrides(Command::new("setpriv"));
            cmd.args(wrapper).arg(env!("CARGO_BIN_EXE_sysporter"));
            cmd
        };
        let child = start_live_with(&mut cmd, dir.path(), args);
        // The first poll follows the file's creation closely.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let stat = fs::read_to_string(format!("/proc/{0}/task/{0}/stat", child.id()));
        sigterm(&child);
        let out = child.wait_with_output().unwrap();
        if live_refused(&out) {
            return;
        }
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        let stat = stat.unwrap();
        // Field 41 is the policy; fields count from 3 after the command name.
        let policy: u32 = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(41 - 3))
            .and_then(|f| f.parse().ok())
            .unwrap();
        assert_eq!(policy, expected, "{what}: {err}");
        assert_eq!(
            err.contains("stays at normal priority"),
            !wrapper.is_empty(),
            "{what}: {err}"
        );
    }
}

/// Starts `sysporter` capturing live into the directory `dir` with `args`,
/// and waits until its first file exists (the probe is attached and the
/// `/proc` scan done) or it gave up.
fn start_live(dir: &Path, args: &[&str]) -> std::process::Child {
    start_live_with(&mut sysporter_command(), dir, args)
}

/// [`start_live`] with `cmd`, which runs sysporter (perhaps through a wrapper
/// that execs it).
fn start_live_with(cmd: &mut Command, dir: &Path, args: &[&str]) -> std::process::Child {
    let out_dir = format!("{}/", dir.display());
    let mut child = cmd
        .args(["-w", &out_dir])
        .args(args)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let waited = std::time::Instant::now();
    while fs::read_dir(dir).unwrap().next().is_none()
        && child.try_wait().unwrap().is_none()
        && waited.elapsed() < std::time::Duration::from_secs(60)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
}

fn sigterm(child: &std::process::Child) {
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
}

/// A shell loop that keeps making processes, files and reads until killed.
fn busy_workload(dir: &Path, pause: &str) -> std::process::Child {
    let script = format!(
        "i=0; while true; do i=$((i+1)); echo $i > {d}/w.$((i % 8)); cat {d}/w.$((i % 8)) > /dev/null; sleep {pause}; done",
        d = dir.display()
    );
    Command::new("sh").args(["-c", &script]).spawn().unwrap()
}

/// Waits until `ready` says so, failing after two minutes (a bound far
/// above what a busy machine takes, so that a bug fails instead of hanging).
fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let started = std::time::Instant::now();
    while !ready() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "waited two minutes for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Waits until `dir` holds `n` files, or `child` (the live sysporter
/// writing them) has ended.
fn wait_for_files(dir: &Path, n: usize, child: &mut std::process::Child) {
    wait_until(&format!("{n} files in {}", dir.display()), || {
        sf_files(dir).len() >= n || child.try_wait().unwrap().is_some()
    });
}

/// Held by the test whose live sysporter runs: every probe sees the whole
/// host, so two live runs at once each count the other's workload (a busy
/// one's processes, killed at its end, left orphans in the other's files).
/// libtest runs the tests on parallel threads; the live ones take turns.
fn live_turn() -> std::sync::MutexGuard<'static, ()> {
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    TURN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The `.sf` files in `dir`, sorted by name (their creation times).
fn sf_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Fails unless `records` stand alone: a header first, and every process
/// (a Process's parent included), file and container a record references
/// is defined earlier in the same file (sysflow-types' `SegmentCheck`).
fn assert_standalone(records: &[SysFlow], what: &str) {
    header(&records[0]);
    let undefined = libsysflow::types::SegmentCheck::stream(records);
    assert!(
        undefined.is_empty(),
        "{what}: records name what the file does not define before them: {:?}",
        &undefined[..undefined.len().min(5)]
    );
}

/// `-G 2` live, until three rotations made four files: each starts with its
/// header and reads on its own, every process (its parent included) and
/// file defined before the records that name them (a parent that had
/// exited before a file began, while its child lived on, was not).
#[test]
fn live_rotation_leaves_files_that_stand_alone() {
    let _turn = live_turn();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut child = start_live(&out, &["-G", "2", "-e", "rotation-test"]);
    let mut workload = busy_workload(work.path(), "0.05");
    // Three files closed by rotation and a fourth begun, however slowly a
    // busy machine gets there.
    wait_for_files(&out, 4, &mut child);
    sigterm(&child);
    let out_run = child.wait_with_output().unwrap();
    let _ = workload.kill();
    let _ = workload.wait();
    if live_refused(&out_run) {
        return;
    }
    let err = stderr(&out_run);
    assert!(out_run.status.success(), "{err}");
    let files = sf_files(&out);
    assert!(files.len() >= 3, "{} files: {files:?}\n{err}", files.len());
    // The summary names them all, not just the last one.
    assert!(
        err.contains(&format!(
            "to {} files, {} to {}",
            files.len(),
            files[0].display(),
            files[files.len() - 1].display()
        )),
        "{files:?}: {err}"
    );
    let mut behaviour = 0;
    let mut total = 0;
    for file in &files {
        let records = read_sf(file);
        total += records.len();
        let h = header(&records[0]);
        assert_eq!(h.exporter, "rotation-test");
        assert_eq!(h.filename, file.to_string_lossy());
        assert_eq!(
            records
                .iter()
                .filter(|r| matches!(r, SysFlow::Header(_)))
                .count(),
            1,
            "{}",
            file.display()
        );
        assert_standalone(&records, &file.display().to_string());
        behaviour += records
            .iter()
            .filter(|r| matches!(r, SysFlow::ProcessEvent(_) | SysFlow::FileFlow(_)))
            .count();
    }
    assert!(behaviour > 0, "the workload left no records: {err}");
    assert!(err.contains(&format!("wrote {total} records")), "{err}");
}

/// SIGTERM while the capture is busy: sysporter stops at once, writes the
/// open flows with TRUNCATE, and leaves a valid, closed file; the summary
/// does not call the stop early (a replay cut short is).
#[test]
fn sigterm_during_a_busy_live_capture_leaves_a_valid_file() {
    let _turn = live_turn();
    use libsysflow::types::OpFlags;

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let work = tempfile::tempdir().unwrap();
    let held = work.path().join("held-open");
    let child = start_live(&out, &["-e", "sigterm-test"]);
    // A process that keeps a file open (written once) across the stop: its
    // flow can only end as TRUNCATE.
    let mut holder = Command::new("sh")
        .args([
            "-c",
            &format!("exec 3>{}; echo held >&3; sleep 30", held.display()),
        ])
        .spawn()
        .unwrap();
    let mut workload = busy_workload(work.path(), "0");
    // The holder wrote (the capture, attached, saw it), and the workload
    // made a few files.
    wait_until("the holder's write and the workload's files", || {
        fs::read(&held).is_ok_and(|b| b == b"held\n")
            && fs::read_dir(work.path()).unwrap().count() >= 4
    });
    sigterm(&child);
    let out_run = child.wait_with_output().unwrap();
    let _ = workload.kill();
    let _ = workload.wait();
    let _ = holder.kill();
    let _ = holder.wait();
    if live_refused(&out_run) {
        return;
    }
    let err = stderr(&out_run);
    assert!(out_run.status.success(), "{err}");
    // A signal is how a live capture is meant to end.
    assert!(!err.contains("stopped early"), "{err}");
    let files = sf_files(&out);
    assert_eq!(files.len(), 1, "{files:?}");
    let records = read_reported_sf(&files[0], &err, "sigterm-test");
    assert_standalone(&records, "live file");
    let held_file = records
        .iter()
        .find_map(|r| match r {
            SysFlow::File(f) if f.path == held.to_string_lossy() => Some(f.oid),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no File record of {}: {err}", held.display()));
    let truncated = records.iter().any(|r| {
        matches!(r, SysFlow::FileFlow(f) if f.file_oid == held_file && f.op_flags.contains(OpFlags::TRUNCATE))
    });
    assert!(
        truncated,
        "the held file's flow was not written with TRUNCATE"
    );
}

/// SIGINT while the probe is still loading (the verifier needs a second or
/// more for the largest program) ends sysporter at once: nothing attached,
/// no output, exit status 0. A signal used to make the load fail with
/// EAGAIN, which the loader retried with the verifier's log on: 3.5 to 18 s
/// before the exit.
#[test]
fn sigint_while_the_probe_loads_exits_at_once() {
    let _turn = live_turn();
    use std::time::{Duration, Instant};

    // Across the load: before, inside and after the longest verification.
    for delay_ms in [150, 450, 900] {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = format!("{}/", dir.path().display());
        let child = sysporter_command()
            .args(["-w", &out_dir, "-e", "load-test"])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let killed = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        let signalled = Instant::now();
        let out = child.wait_with_output().unwrap();
        let took = signalled.elapsed();
        if killed.success() && live_refused(&out) {
            return;
        }
        let err = stderr(&out);
        assert!(out.status.success(), "{delay_ms} ms: {err}");
        // ~50 ms here; a second is generous.
        assert!(
            took < Duration::from_secs(1),
            "SIGINT {delay_ms} ms after the start took {took:?} to end sysporter: {err}"
        );
        // Stopped before the capture: no file; after: a valid one.
        for file in sf_files(dir.path()) {
            read_reported_sf(&file, &err, "load-test");
        }
        if sf_files(dir.path()).is_empty() {
            assert!(err.contains("before the capture started"), "{err}");
        }
    }
}

/// `-G 0` turns rotation off live, as docs/config.md says: one file, named
/// exactly as `-w` says.
#[test]
fn g_0_turns_live_rotation_off() {
    let _turn = live_turn();
    let dir = tempfile::tempdir().unwrap();
    let out_sf = dir.path().join("live.sf");
    let scap_dir = tempfile::tempdir().unwrap();
    let scap = scap_dir.path().join("live.scap");
    let mut child = sysporter_command()
        .args(["-w", out_sf.to_str().unwrap(), "-G", "0", "-e", "g0-test"])
        .arg("--scap-out")
        .arg(&scap)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let waited = std::time::Instant::now();
    while fs::read_dir(dir.path()).unwrap().next().is_none()
        && child.try_wait().unwrap().is_none()
        && waited.elapsed() < std::time::Duration::from_secs(60)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = Command::new("/bin/true").status();
    std::thread::sleep(std::time::Duration::from_millis(300));
    sigterm(&child);
    let out = child.wait_with_output().unwrap();
    if live_refused(&out) {
        return;
    }
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(sf_files(dir.path()), vec![out_sf.clone()], "{err}");
    read_reported_sf(&out_sf, &err, "g0-test");
    assert_eq!(sf_files(scap_dir.path()), vec![scap], "{err}");
}

/// A second signal stops a busy live capture without reading the rest of
/// the ring, but still closes the file, and says so; it used to end
/// sysporter at once with status 1 and a truncated file.
#[test]
fn a_second_signal_still_closes_the_file() {
    let _turn = live_turn();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let work = tempfile::tempdir().unwrap();
    let child = start_live(&out, &["-e", "second-signal"]);
    let mut workload = busy_workload(work.path(), "0");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    // Two different signals, back to back: two of one kind may merge into one.
    let pid = child.id();
    let sent = Command::new("sh")
        .arg("-c")
        .arg(format!("kill -TERM {pid}; kill -INT {pid}"))
        .status()
        .unwrap();
    let out_run = child.wait_with_output().unwrap();
    let _ = workload.kill();
    let _ = workload.wait();
    if live_refused(&out_run) {
        return;
    }
    assert!(sent.success());
    let err = stderr(&out_run);
    assert!(out_run.status.success(), "{err}");
    assert!(err.contains("second signal"), "{err}");
    let files = sf_files(&out);
    assert_eq!(files.len(), 1, "{files:?}");
    let records = read_reported_sf(&files[0], &err, "second-signal");
    assert_standalone(&records, "live file");
}

/// A symbolic link or a directory at `--scap-out` is refused before
/// anything is captured, with a message naming `--scap-out` and what is in
/// the way, and no `.sf` file is left behind (it said "output directory …
/// is not usable" and left a partial `.sf`). With `-G 0`: rotated, the
/// saved files are named `PATH.<secs>`, and nothing at `PATH` is in the way.
#[test]
fn scap_out_in_the_way_is_named_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let target = dir.path().join("elsewhere.scap");
    let link = dir.path().join("link.scap");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let a_dir = dir.path().join("a-dir");
    fs::create_dir(&a_dir).unwrap();
    for (scap, what) in [(&link, "a symbolic link"), (&a_dir, "a directory")] {
        // Refused at once; should it capture instead, it must not run forever.
        let mut child = sysporter_command()
            .args([
                "-w",
                &format!("{}/", out.display()),
                "-G",
                "0",
                "--scap-out",
            ])
            .arg(scap)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while child.try_wait().unwrap().is_none()
            && started.elapsed() < std::time::Duration::from_secs(30)
        {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        if child.try_wait().unwrap().is_none() {
            sigterm(&child);
        }
        let out_run = child.wait_with_output().unwrap();
        let err = stderr(&out_run);
        assert_eq!(out_run.status.code(), Some(1), "{err}");
        assert!(err.contains("--scap-out"), "{err}");
        assert!(err.contains(what), "{err}");
        assert!(!err.contains("output directory"), "{err}");
        assert!(sf_files(&out).is_empty(), "{:?}", sf_files(&out));
    }
    assert!(!target.exists(), "the link was followed");
}

/// `-w DIR` without the trailing `/`, where the file is named exactly as
/// given (offline, or live with `-G 0`), is refused with the `/` suggested
/// (it said only "Is a directory").
#[test]
fn w_directory_without_slash_suggests_the_slash() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let out = out.to_str().unwrap();
    let input = trace("setuid-setuid").unwrap_or_else(|| PathBuf::from("x.scap"));
    let input = input.to_str().unwrap();
    for args in [&["-r", input, "-w", out][..], &["-w", out, "-G", "0"][..]] {
        let out_run = sysporter(args);
        let err = stderr(&out_run);
        assert_eq!(out_run.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(&format!("{out}/")), "{args:?}: {err}");
        assert!(err.contains("is a directory"), "{args:?}: {err}");
    }
}

/// An input that is not a capture at all fails with EventParsingError at
/// byte 0 and leaves no output (it left a header-only `.sf`).
#[test]
fn not_a_capture_leaves_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("notes.txt");
    fs::write(&input, "this is not a capture at all\n").unwrap();
    let out_sf = dir.path().join("out.sf");
    for exporter in [&["-e", "tests"][..], &[]] {
        let mut args = vec![
            "-r",
            input.to_str().unwrap(),
            "-w",
            out_sf.to_str().unwrap(),
        ];
        args.extend_from_slice(exporter);
        let out = sysporter(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("EventParsingError"), "{err}");
        assert!(err.contains("wrote nothing"), "{err}");
        assert!(!out_sf.exists(), "{args:?} left {}", out_sf.display());
    }
}

/// Runs sysporter with `args` under a file size limit of `limit` bytes,
/// SIGXFSZ ignored, so that writing past it fails (EFBIG) as a full disk
/// fails writes (ENOSPC); `None` without util-linux's prlimit.
fn sysporter_with_file_limit(limit: u64, args: &[&str]) -> Option<std::process::Child> {
    if !Command::new("prlimit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        assert!(
            !sysflow_test_support::under_ci(),
            "prlimit is needed under CI"
        );
        sysflow_test_support::skip("util-linux's prlimit is not installed");
        return None;
    }
    let mut cmd = without_overrides(Command::new("sh"));
    cmd.arg("-c")
        .arg(format!(
            "trap '' XFSZ; exec prlimit --fsize={limit} \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_sysporter"))
        .args(args)
        .stderr(std::process::Stdio::piped());
    Some(cmd.spawn().unwrap())
}

/// The records a reader gets from a `.sf` file up to its first fault.
fn readable_records(path: &Path) -> usize {
    SfReader::open(path).unwrap().map_while(Result::ok).count()
}

/// When the disk fills up, the summary counts only the records that reached
/// the file (its complete blocks), and the failure is logged once, not
/// again as "already closed" for each record after it. It counted every
/// record the file sink had taken, and, live, repeated the error.
#[test]
fn a_full_disk_counts_only_the_records_written() {
    let _turn = live_turn();
    let Some(trace) = trace("mpm-event-full-capture") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // Fifteen copies of the capture, concatenated: several 80 kB blocks of
    // records at level 0, so that the file fills up part way.
    let big = dir.path().join("big.scap");
    let bytes = fs::read(&trace).unwrap();
    fs::write(&big, bytes.repeat(15)).unwrap();
    let out_sf = dir.path().join("out.sf");
    let Some(child) = sysporter_with_file_limit(
        120_000,
        &[
            "-r",
            big.to_str().unwrap(),
            "-w",
            out_sf.to_str().unwrap(),
            "-e",
            "full-disk",
            "--compression-level",
            "0",
        ],
    ) else {
        return;
    };
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("File too large"), "{err}");
    let written = readable_records(&out_sf);
    assert!(written > 1, "the limit should leave complete blocks: {err}");
    assert!(
        err.contains(&format!("wrote {written} records")),
        "{written} records are in the file: {err}"
    );

    // Live: the file fills up while the capture goes on.
    let out_dir = dir.path().join("live");
    fs::create_dir(&out_dir).unwrap();
    let work = tempfile::tempdir().unwrap();
    let Some(child) = sysporter_with_file_limit(
        20_000,
        &[
            "-w",
            &format!("{}/", out_dir.display()),
            "-e",
            "full-disk",
            "--compression-level",
            "0",
        ],
    ) else {
        return;
    };
    let mut child = child;
    let waited = std::time::Instant::now();
    while sf_files(&out_dir).is_empty()
        && child.try_wait().unwrap().is_none()
        && waited.elapsed() < std::time::Duration::from_secs(60)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut workload = busy_workload(work.path(), "0");
    // Until the file fails (the run ends by itself), or 20 s.
    while child.try_wait().unwrap().is_none()
        && waited.elapsed() < std::time::Duration::from_secs(80)
    {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = workload.kill();
    let _ = workload.wait();
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    if live_refused(&out) {
        return;
    }
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("already closed"), "{err}");
    let files = sf_files(&out_dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let written = readable_records(&files[0]);
    let said = if written == 0 {
        "wrote nothing".to_owned()
    } else {
        format!("wrote {written} records")
    };
    assert!(
        err.contains(&said),
        "{written} records are in the file: {err}"
    );
}

/// `--scap-out` rotates with the `.sf` files (`-G`), named for the same
/// second, and at `--scap-out-size` megabytes; each file is a capture of its
/// own: it replays with `-r` into a valid file whose processes started
/// before it are known (the machine and a new process list begin it). It
/// never rotated: ten busy minutes wrote one 14 GB file.
#[test]
fn scap_out_rotates_with_g_and_at_its_size_limit() {
    let _turn = live_turn();
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let scap = dir.path().join("cap.scap");
    let work = tempfile::tempdir().unwrap();
    // Another user's process with a file open, reading it now and then:
    // every rotated file's /proc scan must still list its fds after
    // sysporter dropped its privileges (it keeps CAP_SYS_PTRACE and
    // CAP_DAC_READ_SEARCH for these scans), or a replay of a later file
    // could not name the file its reads are on.
    let held = work.path().join("held-by-nobody");
    fs::write(&held, b"nobody's data\n").unwrap();
    fs::set_permissions(work.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&held, fs::Permissions::from_mode(0o644)).unwrap();
    let mut nobody = is_root()
        .then(|| {
            Command::new("setpriv")
                .args([
                    "--reuid=65534",
                    "--regid=65534",
                    "--clear-groups",
                    "sh",
                    "-c",
                ])
                .arg(format!(
                    "exec 3<{}; while :; do cat <&3 >/dev/null; sleep 0.1; done",
                    held.display()
                ))
                .spawn()
                .ok()
        })
        .flatten();
    if nobody.is_none() {
        assert!(!sysflow_test_support::under_ci(), "CI has root and setpriv");
        sysflow_test_support::skip("not root, or no setpriv: another user's fds are not checked");
    }
    let mut child = start_live(
        &out,
        &[
            "-G",
            "2",
            "-e",
            "scap-rotation",
            "--scap-out",
            scap.to_str().unwrap(),
            "--scap-out-size",
            "1",
        ],
    );
    let mut workload = busy_workload(work.path(), "0");
    // Two rotations by -G (three .sf files) and three saved files at
    // least, however slowly a busy machine gets there.
    wait_until("three .sf files and three saved scap files", || {
        (sf_files(&out).len() >= 3 && saved_scap_files(&scap).len() >= 3)
            || child.try_wait().unwrap().is_some()
    });
    sigterm(&child);
    let out_run = child.wait_with_output().unwrap();
    let shell = workload.id();
    let _ = workload.kill();
    let _ = workload.wait();
    if let Some(n) = nobody.as_mut() {
        let _ = n.kill();
        let _ = n.wait();
    }
    if live_refused(&out_run) {
        return;
    }
    let err = stderr(&out_run);
    assert!(out_run.status.success(), "{err}");
    let scaps = saved_scap_files(&scap);
    assert!(scaps.len() >= 3, "{scaps:?}: {err}");
    assert!(
        err.contains(&format!(
            "capture saved to {} files, {} to {}",
            scaps.len(),
            scaps[0].display(),
            scaps[scaps.len() - 1].display()
        )),
        "{scaps:?}: {err}"
    );
    // Each .sf file has the scap file named for its second.
    let sfs = sf_files(&out);
    assert!(sfs.len() >= 2, "{sfs:?}");
    for sf in &sfs {
        let secs = sf.file_name().unwrap().to_str().unwrap();
        let twin = PathBuf::from(format!("{}.{secs}", scap.display()));
        assert!(scaps.contains(&twin), "no {} in {scaps:?}", twin.display());
    }
    // The size limit: a file ends with the event that reaches 1 MB.
    let sizes: Vec<u64> = scaps
        .iter()
        .map(|f| fs::metadata(f).unwrap().len())
        .collect();
    assert!(sizes.iter().any(|s| *s >= 1_000_000), "{sizes:?}");
    assert!(sizes.iter().all(|s| *s < 1_100_000), "{sizes:?}");
    let mut shown = 0;
    let mut nobody_reads = 0;
    for (i, file) in scaps.iter().enumerate() {
        let replay = dir.path().join(format!("replay-{i}.sf"));
        let out = sysporter(&[
            "-r",
            file.to_str().unwrap(),
            "-w",
            replay.to_str().unwrap(),
            "-e",
            "replay",
        ]);
        let replay_err = stderr(&out);
        assert!(out.status.success(), "{}: {replay_err}", file.display());
        let records = read_reported_sf(&replay, &replay_err, "replay");
        assert_standalone(&records, &file.display().to_string());
        // The workload's shell began before every file: each that shows it
        // knows its program, from the process list the file starts with.
        for rec in &records {
            if let SysFlow::Process(p) = rec
                && p.oid.hpid == i64::from(shell)
            {
                assert!(!p.exe.is_empty(), "{}: {p:?}", file.display());
                shown += 1;
            }
        }
        // After the first file, the held file is known from the scan only.
        let held_oid = records.iter().find_map(|r| match r {
            SysFlow::File(f) if f.path == held.to_string_lossy() => Some(f.oid),
            _ => None,
        });
        if i > 0
            && held_oid.is_some_and(|oid| {
                records
                    .iter()
                    .any(|r| matches!(r, SysFlow::FileFlow(f) if f.file_oid == oid))
            })
        {
            nobody_reads += 1;
        }
    }
    assert!(shown >= 2, "the workload's shell is in {shown} files");
    if nobody.is_some() {
        assert!(
            nobody_reads >= 1,
            "no rotated file names the file another user's process reads: {scaps:?}"
        );
    }
}

/// Whether the tests run as root (so that they can make files and sockets
/// of another user).
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// An output file another user created in advance is refused with a clear
/// error and left as it was; one of our own is replaced.
#[test]
fn an_output_file_another_user_made_is_refused() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    let Some(trace) = trace("setuid-setuid") else {
        return;
    };
    if !is_root() {
        sysflow_test_support::skip("only root can make a file of another user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out_sf = dir.path().join("out.sf");
    fs::write(&out_sf, b"planted").unwrap();
    fs::set_permissions(&out_sf, fs::Permissions::from_mode(0o666)).unwrap();
    std::os::unix::fs::chown(&out_sf, Some(65534), Some(65534)).unwrap();
    let args = [
        "-r",
        trace.to_str().unwrap(),
        "-w",
        out_sf.to_str().unwrap(),
    ];
    let out = sysporter(&args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("ErrorReadingFileSystem"), "{err}");
    assert!(err.contains("uid 65534"), "{err}");
    assert_eq!(fs::read(&out_sf).unwrap(), b"planted");
    assert_eq!(fs::metadata(&out_sf).unwrap().uid(), 65534);

    let help = String::from_utf8_lossy(&sysporter(&["--help"]).stdout).into_owned();
    assert!(
        help.contains("A name that already exists is refused"),
        "{help}"
    );

    fs::remove_file(&out_sf).unwrap();
    fs::write(&out_sf, b"ours").unwrap();
    let out = sysporter(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(read_sf(&out_sf).len() > 1);
}

/// A `SOCK_SEQPACKET` server run by nobody (uid 65534) on `path`, printing
/// how many packets each connection carried; `None`, with a message, where
/// it cannot run (not root, no setpriv or /usr/bin/python3).
fn foreign_server(
    path: &Path,
) -> Option<(
    std::process::Child,
    std::io::Lines<std::io::BufReader<std::process::ChildStdout>>,
)> {
    use std::io::BufRead;

    let has_setpriv = Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !is_root() || !has_setpriv || !Path::new("/usr/bin/python3").exists() {
        assert!(
            !sysflow_test_support::under_ci(),
            "CI runs as root, with setpriv and /usr/bin/python3"
        );
        sysflow_test_support::skip(
            "a server of another user needs root, setpriv and /usr/bin/python3",
        );
        return None;
    }
    let script = "import socket, sys\n\
        s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)\n\
        s.bind(sys.argv[1]); s.listen(8); print('listening', flush=True)\n\
        while True:\n    c, _ = s.accept(); n = 0\n    while c.recv(65536): n += 1\n    c.close(); print(n, flush=True)\n";
    std::os::unix::fs::chown(path.parent().unwrap(), Some(65534), Some(65534)).unwrap();
    let mut child = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .args(["/usr/bin/python3", "-c", script])
        .arg(path)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "listening");
    Some((child, lines))
}

/// `-u` to a socket whose server runs as another user (neither root nor
/// sysporter's) is refused with a clear error, and the server gets nothing;
/// --allow-foreign-socket sends to it.
#[test]
fn a_socket_of_another_user_is_refused_unless_allowed() {
    let Some(trace) = trace("setuid-setuid") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("foreign.sock");
    let Some((mut server, mut counts)) = foreign_server(&sock) else {
        return;
    };
    let args = ["-r", trace.to_str().unwrap(), "-u", sock.to_str().unwrap()];
    let refused = sysporter(&args);
    let allowed = sysporter(&[&args[..], &["--allow-foreign-socket"]].concat());
    // One line per connection: the refused one carried nothing.
    let packets: Vec<String> = counts.by_ref().take(2).map(Result::unwrap).collect();
    let _ = server.kill();
    let _ = server.wait();
    let err = stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert!(err.contains("ErrorReadingFileSystem"), "{err}");
    assert!(err.contains("uid 65534"), "{err}");
    assert!(err.contains("--allow-foreign-socket"), "{err}");
    assert!(allowed.status.success(), "{}", stderr(&allowed));
    assert!(
        stderr(&allowed).contains("; socket: 20 records sent, 0 dropped"),
        "{}",
        stderr(&allowed)
    );
    assert_eq!(packets, ["0", "20"]);
}

/// Where a test may create a cgroup: the memory controller's hierarchy
/// (cgroup v1) or the unified one (v2), from this process's mounts.
fn cgroup_hierarchy() -> Option<PathBuf> {
    let mounts = fs::read_to_string("/proc/self/mountinfo").ok()?;
    let mut unified = None;
    for line in mounts.lines() {
        let (left, right) = line.split_once(" - ")?;
        let point = left.split(' ').nth(4)?;
        let mut r = right.split(' ');
        match (r.next(), r.nth(1)) {
            (Some("cgroup"), Some(opts)) if opts.split(',').any(|o| o == "memory") => {
                return Some(point.into());
            }
            (Some("cgroup2"), _) => unified = Some(point.into()),
            _ => {}
        }
    }
    unified
}

/// A capability mask field (`CapEff:` …) of a `/proc/PID/status` text.
fn status_field(status: &str, name: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(name))
        .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
}

const CAP_SYS_PTRACE: u32 = 19;
const CAP_SYS_NICE: u32 = 23;
const CAP_BPF: u32 = 39;

/// The capabilities a live run may keep after attaching, on this machine:
/// CAP_SYS_NICE in background mode (the watchdog raises the collector from
/// SCHED_IDLE), CAP_BPF before Linux 5.19 (reading the probe's counters),
/// CAP_SYS_PTRACE under a /proc mounted with hidepid (the cgroups of new
/// processes of other users).
fn expected_caps(background: bool) -> u64 {
    let release = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap();
    let mut parts = release.trim().split(['.', '-']);
    let version: (u32, u32) = (
        parts.next().unwrap().parse().unwrap(),
        parts.next().unwrap().parse().unwrap(),
    );
    let hidepid = fs::read_to_string("/proc/self/mountinfo")
        .unwrap()
        .lines()
        .any(|l| {
            l.split(' ').nth(4) == Some("/proc")
                && l.contains("hidepid=")
                && !l.contains("hidepid=0")
                && !l.contains("hidepid=off")
        });
    let mut caps = 0;
    if background {
        caps |= 1 << CAP_SYS_NICE;
    }
    if version < (5, 19) {
        caps |= 1 << CAP_BPF;
    }
    if hidepid {
        caps |= 1 << CAP_SYS_PTRACE;
    }
    caps
}

/// Once it captures, live sysporter keeps only the capabilities the rest of
/// the run needs (in its effective, permitted and bounding sets, none
/// inheritable or ambient, in every thread) and has no_new_privs set; and it
/// still records a workload started after that: a process of another user
/// (nobody) in a container's cgroup, whose cgroup the engine reads from
/// /proc, with its exec and a file flow. --keep-privileges keeps them all.
#[test]
fn live_capture_drops_privileges_and_still_records() {
    let _turn = live_turn();
    use libsysflow::types::OpFlags;

    let own = fs::read_to_string("/proc/self/status").unwrap();
    for (args, background) in [
        (&[][..], true),
        (&["--normal-priority"][..], false),
        (&["--keep-privileges"][..], true),
    ] {
        let keep = args.contains(&"--keep-privileges");
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        // The first file exists once the probe is attached and the
        // privileges are dropped.
        let child = start_live(&out, args);
        let pid = child.id();
        let mut threads = Vec::new();
        if let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) {
            for task in tasks {
                let task = task.unwrap().path();
                if let Ok(status) = fs::read_to_string(task.join("status")) {
                    threads.push((task, status));
                }
            }
        }
        let workload = if background && !keep {
            workload_in_a_container_as_nobody(dir.path())
        } else {
            None
        };
        sigterm(&child);
        let out_run = child.wait_with_output().unwrap();
        let records = workload.map(ContainedWorkload::stop);
        if live_refused(&out_run) {
            return;
        }
        let err = stderr(&out_run);
        assert!(out_run.status.success(), "{err}");
        assert!(!threads.is_empty(), "no thread of sysporter was read");
        let want = expected_caps(background);
        for (task, status) in threads.iter().filter(|_| keep) {
            for field in ["CapEff:", "CapPrm:", "CapBnd:"] {
                assert_eq!(
                    status_field(status, field),
                    status_field(&own, field),
                    "{}: {field} with --keep-privileges",
                    task.display()
                );
            }
            assert!(status.lines().any(|l| l == "NoNewPrivs:\t0"), "{status}");
        }
        for (task, status) in threads.iter().filter(|_| !keep) {
            let what = format!("{} ({args:?})", task.display());
            // The main thread keeps exactly what the run needs; the others
            // no more (the signal thread drops everything).
            let main_thread = task.file_name()
                == task
                    .parent()
                    .and_then(Path::parent)
                    .and_then(Path::file_name);
            for field in ["CapEff:", "CapPrm:", "CapBnd:"] {
                let caps = status_field(status, field);
                if main_thread {
                    assert_eq!(
                        caps,
                        Some(want),
                        "{what}: {field} is not {want:#x}:\n{status}"
                    );
                } else {
                    assert!(
                        caps.is_some_and(|c| c & !want == 0),
                        "{what}: {field} holds more than {want:#x}:\n{status}"
                    );
                }
            }
            for field in ["CapInh:", "CapAmb:"] {
                assert_eq!(status_field(status, field), Some(0), "{what}:\n{status}");
            }
            assert!(
                status.lines().any(|l| l == "NoNewPrivs:\t1"),
                "{what}: no_new_privs is not set:\n{status}"
            );
        }
        // The probe's counters are still read after the drop.
        assert!(err.contains("; probe: "), "{err}");
        assert!(!err.contains("cannot read the probe's counters"), "{err}");

        let Some(w) = records else {
            continue;
        };
        let files = sf_files(&out);
        assert_eq!(files.len(), 1, "{files:?}");
        let records = read_sf(&files[0]);
        let procs: Vec<_> = records
            .iter()
            .filter_map(|r| match r {
                SysFlow::Process(p) if p.uid == 65534 && p.exe_args.contains(&w.marker) => Some(p),
                _ => None,
            })
            .collect();
        assert!(
            !procs.is_empty(),
            "no Process record of the workload: {err}"
        );
        for p in &procs {
            assert_eq!(
                p.container_id.as_deref(),
                Some(&w.container[..12]),
                "the new process's cgroup was not read: {p:?}"
            );
        }
        let oids: Vec<_> = procs.iter().map(|p| p.oid).collect();
        let exec = records.iter().any(|r| {
            matches!(r, SysFlow::ProcessEvent(e) if oids.contains(&e.proc_oid) && e.op_flags.contains(OpFlags::EXEC))
        });
        assert!(exec, "no exec of the workload: {err}");
        let file = records
            .iter()
            .find_map(|r| match r {
                SysFlow::File(f) if f.path == w.written.to_string_lossy() => Some(f.oid),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no File record of {}: {err}", w.written.display()));
        let flow = records.iter().any(|r| {
            matches!(r, SysFlow::FileFlow(f) if f.file_oid == file && oids.contains(&f.proc_oid))
        });
        assert!(flow, "no file flow of the workload: {err}");
    }
}

/// A process started in a new container-like cgroup that becomes nobody,
/// writes a file and lives on.
struct ContainedWorkload {
    child: std::process::Child,
    cgroup: PathBuf,
    /// The 64-hex-digit container id of the cgroup's name.
    container: String,
    /// In the workload's arguments, to find its records.
    marker: String,
    written: PathBuf,
}

impl ContainedWorkload {
    /// Kills its process group and removes the cgroup once it is empty.
    fn stop(mut self) -> ContainedWorkload {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.wait();
        let waited = std::time::Instant::now();
        while fs::remove_dir(&self.cgroup).is_err()
            && waited.elapsed() < std::time::Duration::from_secs(10)
        {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        self
    }
}

/// Starts a [`ContainedWorkload`] under `dir` and waits until it wrote its
/// file; `None`, with a message, where it cannot (no cgroup hierarchy, not
/// root, no setpriv), which CI must not be.
fn workload_in_a_container_as_nobody(dir: &Path) -> Option<ContainedWorkload> {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;

    let has_setpriv = Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let hierarchy = cgroup_hierarchy();
    let (Some(hierarchy), true, true) = (hierarchy, has_setpriv, is_root()) else {
        assert!(
            !sysflow_test_support::under_ci(),
            "CI has root, setpriv and a cgroup hierarchy"
        );
        sysflow_test_support::skip(
            "a workload in a container as nobody needs root, setpriv and a cgroup hierarchy",
        );
        return None;
    };
    let container = format!("{:016x}", std::process::id()).repeat(4);
    let cgroup = hierarchy.join(format!("docker-{container}.scope"));
    fs::create_dir(&cgroup).unwrap();
    let work = dir.join("work");
    fs::create_dir(&work).unwrap();
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&work, fs::Permissions::from_mode(0o777)).unwrap();
    let written = work.join("nobody.txt");
    let marker = format!("sysflow-drop-marker-{}", std::process::id());
    // The shell joins the cgroup, then starts the workload: a new process
    // (its clone carries the cgroup), which becomes nobody and execs.
    let script = format!(
        "echo $$ > {procs} && setpriv --reuid=65534 --regid=65534 --clear-groups \
         sh -c 'echo flow > {file}; exec sleep 30' {marker}; true",
        procs = cgroup.join("cgroup.procs").display(),
        file = written.display(),
    );
    let child = Command::new("sh")
        .args(["-c", &script])
        .process_group(0)
        .spawn()
        .unwrap();
    let waited = std::time::Instant::now();
    while fs::read(&written).map_or(true, |b| b != b"flow\n") {
        assert!(
            waited.elapsed() < std::time::Duration::from_secs(30),
            "the workload did not write {}",
            written.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    Some(ContainedWorkload {
        child,
        cgroup,
        container,
        marker,
        written,
    })
}
