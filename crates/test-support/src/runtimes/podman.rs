//! [`Podman`]: a private podman (4.3) store, and its Docker-compatible API
//! service, for a test.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{
    START_TIMEOUT, busybox_rootfs, first_object, host, instance_dir, log_tail, missing, output,
    ping, tar_rootfs, tool, unique, wait_until,
};

/// A private podman: its own root, runroot, tmpdir, `containers.conf`,
/// cgroup parent and API socket (see the [module docs](super)), with
/// `podman system service` answering on the socket. Dropping it removes its
/// containers, stops the service and removes everything it made.
#[derive(Debug)]
pub struct Podman {
    service: Child,
    podman: PathBuf,
    cgroup_parent: String,
    dir: tempfile::TempDir,
}

impl Podman {
    /// Why no private podman can run here (not root, programs missing), or
    /// `None`.
    pub fn unavailable() -> Option<String> {
        missing(
            &[
                &["podman"],
                &["conmon"],
                &["crun", "runc"],
                &["busybox"],
                &["tar"],
            ],
            "Debian: podman, busybox-static",
        )
    }

    /// Makes a private podman store, starts its API service and waits until
    /// the socket answers; the error says why not, with the service's log
    /// when it started.
    pub fn start() -> Result<Podman, String> {
        if let Some(reason) = Podman::unavailable() {
            return Err(reason);
        }
        let podman = tool("podman").ok_or("podman is missing")?;
        let (dir, name) = instance_dir("sf-podman-")?;
        let path = dir.path().to_path_buf();
        std::fs::write(path.join("containers.conf"), containers_conf(&path))
            .map_err(|e| format!("cannot write containers.conf: {e}"))?;
        busybox_rootfs(&path.join("rootfs"))?;
        let log_path = path.join("service.log");
        let log = std::fs::File::create(&log_path).map_err(|e| format!("service.log: {e}"))?;
        let log2 = log.try_clone().map_err(|e| format!("service.log: {e}"))?;
        let socket = path.join("podman.sock");
        let service = command(&podman, &path)
            .args(["system", "service", "--time=0"])
            .arg(format!("unix://{}", socket.display()))
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log2)
            .spawn()
            .map_err(|e| format!("cannot start podman system service: {e}"))?;
        // From here on, dropping `p` cleans up whatever went wrong.
        let mut p = Podman {
            service,
            podman,
            cgroup_parent: name,
            dir,
        };
        let started = wait_until(
            "podman's API (GET /_ping)",
            START_TIMEOUT,
            || ping(&socket),
            || match p.service.try_wait() {
                Ok(Some(status)) => Some(format!("podman system service exited ({status})")),
                _ => None,
            },
        );
        match started {
            Ok(()) => Ok(p),
            Err(e) => Err(format!("{e}; {}", log_tail(&log_path, 8192))),
        }
    }

    /// [`start`](Podman::start)s, or [`skip`](crate::skip)s when
    /// [`unavailable`](Podman::unavailable) (a failure under CI); any other
    /// failure to start panics.
    pub fn start_or_skip() -> Option<Podman> {
        super::start_or_skip("a private podman", Podman::unavailable(), Podman::start)
    }

    /// The Docker-compatible API socket.
    pub fn socket(&self) -> PathBuf {
        self.dir.path().join("podman.sock")
    }

    /// The instance's directory, which every path of it is under.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The cgroup parent [`run`](Podman::run) puts containers under, without
    /// the leading `/`: a container's cgroup is
    /// `/<cgroup_parent>/libpod-<64 hex>` in every hierarchy.
    pub fn cgroup_parent(&self) -> &str {
        &self.cgroup_parent
    }

    /// A busybox-static root filesystem, for `--rootfs`.
    pub fn rootfs(&self) -> PathBuf {
        self.dir.path().join("rootfs")
    }

    /// Runs `podman ARGS` with the instance's global flags and
    /// `containers.conf`, and returns its trimmed stdout, or the error with
    /// its stderr.
    pub fn try_podman(&self, args: &[&str]) -> Result<String, String> {
        let mut cmd = command(&self.podman, self.dir.path());
        cmd.args(args);
        output(cmd)
    }

    /// Runs `podman ARGS` as [`try_podman`](Podman::try_podman) does, and
    /// panics with its stderr when it fails.
    pub fn podman(&self, args: &[&str]) -> String {
        self.try_podman(args).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Imports the busybox-static root filesystem as image `tag` (e.g.
    /// `localhost/sf-busybox:it`) and returns the image's id (`sha256:…`).
    pub fn import_busybox(&self, tag: &str) -> String {
        let tarball = self.dir.path().join(format!("rootfs-{}.tar", unique()));
        tar_rootfs(&self.rootfs(), &tarball).unwrap_or_else(|e| panic!("{e}"));
        let id = self.podman(&["import", "--quiet", &tarball.to_string_lossy(), tag]);
        let _ = std::fs::remove_file(&tarball);
        id
    }

    /// `podman run -d --cgroup-parent=/<cgroup_parent> ARGS`: starts a
    /// container (from an image, or from `--rootfs DIR`) and returns its
    /// full id. Wait for a quick one to exit with [`wait`](Podman::wait).
    pub fn run(&self, args: &[&str]) -> String {
        let parent = format!("--cgroup-parent=/{}", self.cgroup_parent);
        let mut all = vec!["run", "-d", &parent];
        all.extend_from_slice(args);
        self.podman(&all)
    }

    /// Waits for the container `id` to exit, at most
    /// [`COMMAND_TIMEOUT`](super::COMMAND_TIMEOUT), and returns its exit code.
    pub fn wait(&self, id: &str) -> i64 {
        let code = self.podman(&["wait", id]);
        code.parse()
            .unwrap_or_else(|_| panic!("podman wait {id} printed {code:?}"))
    }

    /// `podman inspect --type container ID`'s object.
    pub fn inspect(&self, id: &str) -> serde_json::Value {
        let json = self.podman(&["inspect", "--type", "container", id]);
        first_object(&json).unwrap_or_else(|e| panic!("{e}"))
    }
}

impl Drop for Podman {
    fn drop(&mut self) {
        let ids: Vec<String> = self
            .try_podman(&["ps", "-aq", "--no-trunc"])
            .map(|ids| ids.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        if !ids.is_empty() {
            // At once: busybox as PID 1 ignores the TERM of the default
            // 10-second stop.
            if let Err(e) = self.try_podman(&["rm", "-f", "-a", "--time=0"]) {
                eprintln!("warning: {e}");
            }
        }
        if let Some(pid) = rustix::process::Pid::from_raw(self.service.id() as i32) {
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline && matches!(self.service.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.service.kill();
        let _ = self.service.wait();
        // Containers run without our cgroup parent went under podman's
        // default, shared with everyone's: only theirs are ended and removed.
        let mut cgroups = host::cgroup_dirs(&self.cgroup_parent);
        let shared: Vec<_> = ids
            .iter()
            .flat_map(|id| host::cgroup_dirs(&format!("libpod_parent/libpod-{id}")))
            .collect();
        cgroups.extend(shared.iter().cloned());
        host::end_processes(self.dir.path(), &cgroups);
        host::unmount_under(self.dir.path());
        host::remove_cgroups(&self.cgroup_parent);
        for dir in &shared {
            host::remove_cgroup_tree(dir);
        }
    }
}

/// `podman` with the instance at `dir`'s global flags and configuration.
fn command(podman: &Path, dir: &Path) -> Command {
    let mut cmd = Command::new(podman);
    cmd.env("CONTAINERS_CONF", dir.join("containers.conf"))
        .args(global_flags(dir));
    cmd
}

/// The global flags every podman command of the instance at `dir` takes.
fn global_flags(dir: &Path) -> Vec<OsString> {
    let mut flags = Vec::new();
    for (flag, sub) in [
        ("--root", "root"),
        ("--runroot", "run"),
        ("--tmpdir", "tmp"),
    ] {
        flags.push(OsString::from(flag));
        flags.push(dir.join(sub).into_os_string());
    }
    for flag in [
        "--cgroup-manager=cgroupfs",
        "--events-backend=file",
        "--storage-driver=vfs",
    ] {
        flags.push(flag.into());
    }
    flags
}

/// The instance's `containers.conf` (see the module docs for each line).
fn containers_conf(dir: &Path) -> String {
    let quoted = |p: PathBuf| format!("{:?}", p.display().to_string());
    format!(
        "# A private podman of sysflow-test-support's runtimes harness.\n\
         [containers]\n\
         default_ulimits = [\"nofile=20000:20000\", \"nproc=4096:4096\"]\n\
         netns = \"none\"\n\
         \n\
         [network]\n\
         network_config_dir = {net}\n\
         \n\
         [engine]\n\
         lock_type = \"file\"\n\
         conmon_env_vars = [\n  \
           \"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\n  \
           \"CONTAINERS_CONF={conf}\",\n\
         ]\n",
        net = quoted(dir.join("net")),
        conf = dir.join("containers.conf").display(),
    )
}
