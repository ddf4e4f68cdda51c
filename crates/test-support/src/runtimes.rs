//! Private container runtimes for tests: a [`Dockerd`] and a [`Podman`] of
//! the test's own, which run containers from a busybox-static root
//! filesystem (nothing comes from a registry) and leave the machine as they
//! found it when dropped, also when the test panics midway.
//!
//! Both need root, and each its runtime's packages plus `busybox-static`
//! and `tar`. [`Dockerd::start`] and [`Podman::start`] say why they cannot
//! start (`Err`, with the daemon's log when it started but never answered);
//! [`Dockerd::start_or_skip`] and [`Podman::start_or_skip`] turn a missing
//! prerequisite into a [`skip`] (a failure under CI) and any other failure
//! into a panic.
//!
//! Everything an instance makes is named after its temporary directory
//! (`/tmp/sf-dockerd-XXXXXX`, `/tmp/sf-podman-XXXXXX`): data, sockets,
//! pidfile, log and the cgroup parent its containers run under
//! (`/sf-dockerd-XXXXXX/<64 hex>`, `/sf-podman-XXXXXX/libpod-<64 hex>` in
//! every hierarchy), so that tests in several threads and processes each
//! have their own runtime. Dropping one removes its containers, stops its
//! daemon (TERM, a deadline, then KILL), ends what is left of its processes
//! (those in its cgroups, and those whose command line names its directory:
//! containerd, shims, conmon), unmounts what is mounted under its
//! directory, removes its cgroup directories and then the directory.
//! [`leftovers`] lists what would remain of one, for the tests to check.
//!
//! Startup waits on conditions with generous deadlines ([`START_TIMEOUT`]),
//! never fixed sleeps, so a busy 2-core machine only makes it slower; every
//! runtime command is bounded by [`COMMAND_TIMEOUT`].
//!
//! # dockerd (docker.io 20.10)
//!
//! `dockerd --iptables=false --bridge=none --storage-driver=vfs` with its
//! own `--data-root`, `--exec-root`, `--pidfile`, `-H unix://…`,
//! `--config-file` (an empty one: the host's `/etc/docker/daemon.json` is
//! not read), `--cgroup-parent` and containerd namespaces. It starts a
//! containerd of its own under its exec root, unless a system containerd
//! answers at `/run/containerd/containerd.sock`: dockerd 20.10 then uses
//! that one, and the instance's namespaces keep it apart (they are removed
//! with `ctr` on drop). Containers run without a network; `--privileged`
//! fails here (runc: "unable to apply caps: operation not permitted").
//! Global state it touches anyway: `/etc/docker/key.json` (created once,
//! kept) and `/run/docker/plugins` (an empty directory).
//!
//! # podman (4.3.1)
//!
//! Every command, and the API service, runs with `--root`, `--runroot`,
//! `--tmpdir`, `--cgroup-manager=cgroupfs`, `--events-backend=file` and
//! `--storage-driver=vfs` of the instance, and with `CONTAINERS_CONF`
//! naming a `containers.conf` of its own (which then replaces the host's),
//! which says what has no flag:
//! - `default_ulimits = nofile=20000:20000, nproc=4096:4096`: podman's
//!   default limits exceed the hard limits root has without
//!   CAP_SYS_RESOURCE (runc: "error setting rlimit type 7");
//! - `netns = "none"`: containers get no network unless a test asks
//!   (`--network=host` works too; the default CNI bridge was not tried, as
//!   it would change the host's network and firewall), and
//!   `network_config_dir` is the instance's, so podman's CNI backend keeps
//!   its files there rather than in `/etc/cni/net.d`;
//! - `lock_type = "file"`: locks are files under the instance's tmpdir
//!   instead of slots in the machine-wide `/dev/shm/libpod_lock`, so
//!   instances share no lock state with each other or with the machine's
//!   own podman;
//! - `conmon_env_vars` hands `CONTAINERS_CONF` to conmon, and so to the
//!   `podman container cleanup` it runs when a container exits.
//!
//! [`Podman::run`] puts containers under the instance's cgroup parent
//! (`--cgroup-parent`, which podman's cgroupfs manager honours: the
//! container's cgroup is `<parent>/libpod-<id>` and conmon's
//! `<parent>/conmon`); containers run with a bare `podman run` go under the
//! machine's `/libpod_parent`, and dropping the instance removes only their
//! own `libpod-<id>` directories there. `--privileged` works. The API is
//! `podman system service --time=0 unix://SOCK`, a child process with the
//! same flags. Global state podman touches anyway:
//! `/var/lib/containers/cache/blob-info-cache-v1.boltdb` (`podman import`
//! records layer digests there; no flag moves it) and runc's
//! `/run/runc/<id>` while a container exists.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

mod dockerd;
mod host;
mod podman;

pub use dockerd::Dockerd;
pub use host::leftovers;
pub use podman::Podman;

use crate::{skip, under_ci};

/// How long a daemon may take to answer after it was started.
pub const START_TIMEOUT: Duration = Duration::from_secs(120);

/// How long one runtime command (`docker …`, `podman …`) may take.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(180);

/// The busybox applets linked in the root filesystem, beside `/bin/busybox`.
pub const APPLETS: &[&str] = &[
    "sh", "sleep", "true", "false", "cat", "echo", "ls", "env", "id", "ps", "kill", "touch", "rm",
    "mkdir", "head", "wc", "grep", "hostname", "nc", "wget",
];

/// A program on the PATH, or in root's sbin directories.
pub(crate) fn tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/sbin".into()])
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Why a runtime cannot run here at all (not root, or programs missing,
/// each group of `alternatives` met by any of its programs), or `None`.
pub(crate) fn missing(alternatives: &[&[&str]], packages: &str) -> Option<String> {
    if !rustix::process::geteuid().is_root() {
        return Some("not root".to_owned());
    }
    let missing: Vec<String> = alternatives
        .iter()
        .filter(|any| !any.iter().any(|name| tool(name).is_some()))
        .map(|any| any.join(" or "))
        .collect();
    (!missing.is_empty()).then(|| format!("{missing:?} not installed ({packages})"))
}

/// What [`Dockerd::start_or_skip`] and [`Podman::start_or_skip`] share:
/// skip (fail under CI) when a prerequisite is missing, else start or
/// panic with the reason.
pub(crate) fn start_or_skip<T>(
    what: &str,
    unavailable: Option<String>,
    start: impl FnOnce() -> Result<T, String>,
) -> Option<T> {
    if let Some(reason) = unavailable {
        assert!(!under_ci(), "CI must be able to run {what}: {reason}");
        skip(format!("needs {what}: {reason}"));
        return None;
    }
    match start() {
        Ok(runtime) => Some(runtime),
        Err(e) => panic!("{what} did not start: {e}"),
    }
}

/// A temporary directory named `/tmp/<prefix>XXXXXX`, and its name, which
/// names everything else of the instance. `/tmp` rather than `$TMPDIR`: unix
/// socket paths must stay under 108 bytes.
pub(crate) fn instance_dir(prefix: &str) -> Result<(tempfile::TempDir, String), String> {
    let dir = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in("/tmp")
        .map_err(|e| format!("cannot make a directory in /tmp: {e}"))?;
    let name = dir
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((dir, name))
}

/// Makes a busybox-static root filesystem in `dir`: `/bin/busybox` and a
/// symlink to it for each of [`APPLETS`], plus the directories a runtime
/// mounts over.
pub fn busybox_rootfs(dir: &Path) -> Result<(), String> {
    let busybox = tool("busybox").ok_or("busybox is not installed (busybox-static)")?;
    let bin = dir.join("bin");
    for sub in ["bin", "etc", "proc", "sys", "dev", "tmp", "run"] {
        std::fs::create_dir_all(dir.join(sub))
            .map_err(|e| format!("cannot make {}: {e}", dir.join(sub).display()))?;
    }
    std::fs::copy(&busybox, bin.join("busybox"))
        .map_err(|e| format!("cannot copy {}: {e}", busybox.display()))?;
    for applet in APPLETS {
        std::os::unix::fs::symlink("busybox", bin.join(applet))
            .map_err(|e| format!("cannot link {applet}: {e}"))?;
    }
    Ok(())
}

/// Packs the root filesystem `rootfs` into the tarball `tarball`.
pub(crate) fn tar_rootfs(rootfs: &Path, tarball: &Path) -> Result<(), String> {
    let mut cmd = Command::new(tool("tar").ok_or("tar is not installed")?);
    cmd.arg("-C")
        .arg(rootfs)
        .args(["--numeric-owner", "--owner=0", "--group=0", "-cf"])
        .arg(tarball)
        .arg(".");
    let out = exec(cmd, COMMAND_TIMEOUT)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("tar: {}", String::from_utf8_lossy(&out.stderr)))
    }
}

/// Runs `cmd` (stdin closed) to its end, or kills it after `timeout`.
pub(crate) fn exec(mut cmd: Command, timeout: Duration) -> Result<Output, String> {
    let shown = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    // Drain both pipes beside the wait, so a chatty command cannot block.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{shown} did not end within {timeout:?}"));
            }
            Err(e) => return Err(format!("cannot wait for {shown}: {e}")),
        }
    };
    // A daemonizing command's children may hold the pipes open: wait for
    // them only until the deadline.
    let collect = |h: std::thread::JoinHandle<Vec<u8>>| {
        while !h.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        if h.is_finished() {
            h.join().unwrap_or_default()
        } else {
            Vec::new()
        }
    };
    Ok(Output {
        status,
        stdout: collect(stdout),
        stderr: collect(stderr),
    })
}

/// Runs `cmd` and returns its trimmed stdout, or an error with its stderr.
pub(crate) fn output(cmd: Command) -> Result<String, String> {
    let shown = format!("{cmd:?}");
    let out = exec(cmd, COMMAND_TIMEOUT)?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    } else {
        Err(format!(
            "{shown} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// A number no other call in this process gets, for file names.
pub(crate) fn unique() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The first object of an `inspect` command's JSON array.
pub(crate) fn first_object(json: &str) -> Result<serde_json::Value, String> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("inspect printed no JSON ({e}): {json}"))?;
    match v {
        serde_json::Value::Array(mut items) if !items.is_empty() => Ok(items.swap_remove(0)),
        other => Err(format!("inspect printed no object: {other}")),
    }
}

/// Whether the Docker Engine API at `socket` answers `GET /_ping` with 200.
/// HTTP/1.0, so that the server closes the connection after its answer.
pub(crate) fn ping(socket: &Path) -> bool {
    let attempt = || -> std::io::Result<bool> {
        let mut stream = UnixStream::connect(socket)?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        stream.set_write_timeout(Some(Duration::from_secs(5)))?;
        stream.write_all(b"GET /_ping HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
        let mut answer = Vec::new();
        stream.take(64 * 1024).read_to_end(&mut answer)?;
        let status = answer.split(|&b| b == b'\r').next().unwrap_or_default();
        Ok(status.starts_with(b"HTTP/1.") && status.ends_with(b" 200 OK"))
    };
    attempt().unwrap_or(false)
}

/// Polls `ready` until it holds, `failed` says why it never will, or
/// `timeout` passes.
pub(crate) fn wait_until(
    what: &str,
    timeout: Duration,
    mut ready: impl FnMut() -> bool,
    mut failed: impl FnMut() -> Option<String>,
) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(20);
    loop {
        if ready() {
            return Ok(());
        }
        if let Some(why) = failed() {
            return Err(format!("{what}: {why}"));
        }
        if Instant::now() >= deadline {
            return Err(format!("{what}: not within {timeout:?}"));
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(500));
    }
}

/// The last `max` bytes of the file `log`, for an error message.
pub(crate) fn log_tail(log: &Path, max: usize) -> String {
    let text = std::fs::read(log).unwrap_or_default();
    let tail = &text[text.len().saturating_sub(max)..];
    format!(
        "{} says:\n{}",
        log.display(),
        String::from_utf8_lossy(tail).trim_end()
    )
}

#[cfg(test)]
mod tests;
