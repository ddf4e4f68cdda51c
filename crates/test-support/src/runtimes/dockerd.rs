//! [`Dockerd`]: a private Docker Engine (docker.io 20.10) for a test.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{
    START_TIMEOUT, busybox_rootfs, first_object, host, instance_dir, log_tail, missing, output,
    ping, tar_rootfs, tool, unique, wait_until,
};

/// The socket a system containerd answers at, which dockerd 20.10 uses
/// instead of starting its own when it answers.
const SYSTEM_CONTAINERD: &str = "/run/containerd/containerd.sock";

/// A private `dockerd` with its own data root, exec root, socket, pidfile,
/// cgroup parent and containerd namespaces (see the [module
/// docs](super)). Dropping it removes its containers, stops it and removes
/// everything it made.
#[derive(Debug)]
pub struct Dockerd {
    child: Child,
    docker: PathBuf,
    host: String,
    cgroup_parent: String,
    namespace: String,
    shared_containerd: bool,
    dir: tempfile::TempDir,
}

impl Dockerd {
    /// Why no private dockerd can run here (not root, programs missing),
    /// or `None`.
    pub fn unavailable() -> Option<String> {
        missing(
            &[&["dockerd"], &["docker"], &["busybox"], &["tar"]],
            "Debian: docker.io, busybox-static",
        )
    }

    /// Starts a private dockerd and waits until its API answers; the error
    /// says why not, with the daemon's log when it started.
    pub fn start() -> Result<Dockerd, String> {
        if let Some(reason) = Dockerd::unavailable() {
            return Err(reason);
        }
        let dockerd = tool("dockerd").ok_or("dockerd is missing")?;
        let docker = tool("docker").ok_or("docker is missing")?;
        let (dir, name) = instance_dir("sf-dockerd-")?;
        let path = dir.path().to_path_buf();
        let host = format!("unix://{}", path.join("docker.sock").display());
        let config = path.join("daemon.json");
        std::fs::write(&config, "{}\n").map_err(|e| format!("cannot write daemon.json: {e}"))?;
        let log_path = path.join("dockerd.log");
        let log = std::fs::File::create(&log_path).map_err(|e| format!("dockerd.log: {e}"))?;
        let log2 = log.try_clone().map_err(|e| format!("dockerd.log: {e}"))?;
        let cgroup_parent = name.clone();
        let namespace = name.replace('-', "");
        let shared_containerd = Path::new(SYSTEM_CONTAINERD).exists();
        let child = Command::new(dockerd)
            .args(["--iptables=false", "--bridge=none", "--storage-driver=vfs"])
            .arg("--data-root")
            .arg(path.join("data"))
            .arg("--exec-root")
            .arg(path.join("exec"))
            .arg("--pidfile")
            .arg(path.join("docker.pid"))
            .arg("--config-file")
            .arg(&config)
            .arg(format!("--cgroup-parent=/{cgroup_parent}"))
            .arg(format!("--containerd-namespace={namespace}"))
            .arg(format!("--containerd-plugins-namespace={namespace}p"))
            .args(["-H", &host])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log2)
            .spawn()
            .map_err(|e| format!("cannot start dockerd: {e}"))?;
        // From here on, dropping `d` cleans up whatever went wrong.
        let mut d = Dockerd {
            child,
            docker,
            host,
            cgroup_parent,
            namespace,
            shared_containerd,
            dir,
        };
        let socket = d.socket();
        let started = wait_until(
            "dockerd's API (GET /_ping)",
            START_TIMEOUT,
            || ping(&socket),
            || match d.child.try_wait() {
                Ok(Some(status)) => Some(format!("dockerd exited ({status})")),
                _ => None,
            },
        );
        if let Err(e) = started {
            return Err(format!("{e}; {}", log_tail(&log_path, 8192)));
        }
        let rootfs = d.dir.path().join("rootfs");
        busybox_rootfs(&rootfs)?;
        Ok(d)
    }

    /// [`start`](Dockerd::start)s, or [`skip`](crate::skip)s when
    /// [`unavailable`](Dockerd::unavailable) (a failure under CI); any
    /// other failure to start panics.
    pub fn start_or_skip() -> Option<Dockerd> {
        super::start_or_skip("a private dockerd", Dockerd::unavailable(), Dockerd::start)
    }

    /// The daemon's API socket.
    pub fn socket(&self) -> PathBuf {
        self.dir.path().join("docker.sock")
    }

    /// The instance's directory, which every path of it is under.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The cgroup parent of its containers, without the leading `/`: a
    /// container's cgroup is `/<cgroup_parent>/<64 hex>` in every hierarchy.
    pub fn cgroup_parent(&self) -> &str {
        &self.cgroup_parent
    }

    /// The busybox-static root filesystem [`import_busybox`](Dockerd::import_busybox) packs.
    pub fn rootfs(&self) -> PathBuf {
        self.dir.path().join("rootfs")
    }

    /// Runs `docker ARGS` against this daemon and returns its trimmed
    /// stdout, or the error with its stderr.
    pub fn try_docker(&self, args: &[&str]) -> Result<String, String> {
        let mut cmd = Command::new(&self.docker);
        cmd.arg("--config")
            .arg(self.dir.path().join("client"))
            .args(["-H", &self.host])
            .args(args);
        output(cmd)
    }

    /// Runs `docker ARGS` against this daemon and returns its trimmed
    /// stdout; panics with its stderr when it fails.
    pub fn docker(&self, args: &[&str]) -> String {
        self.try_docker(args).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Imports the busybox-static root filesystem as image `tag` (e.g.
    /// `sf-busybox:it`) and returns the image's id (`sha256:…`).
    pub fn import_busybox(&self, tag: &str) -> String {
        let tarball = self.dir.path().join(format!("rootfs-{}.tar", unique()));
        tar_rootfs(&self.rootfs(), &tarball).unwrap_or_else(|e| panic!("{e}"));
        let id = self.docker(&["import", &tarball.to_string_lossy(), tag]);
        let _ = std::fs::remove_file(&tarball);
        id
    }

    /// `docker run -d ARGS`: starts a container and returns its full id.
    /// Wait for a quick one to exit with [`wait`](Dockerd::wait).
    pub fn run(&self, args: &[&str]) -> String {
        let mut all = vec!["run", "-d"];
        all.extend_from_slice(args);
        self.docker(&all)
    }

    /// Waits for the container `id` to exit, at most
    /// [`COMMAND_TIMEOUT`](super::COMMAND_TIMEOUT), and returns its exit code.
    pub fn wait(&self, id: &str) -> i64 {
        let code = self.docker(&["wait", id]);
        code.parse()
            .unwrap_or_else(|_| panic!("docker wait {id} printed {code:?}"))
    }

    /// `docker inspect --type container ID`'s object.
    pub fn inspect(&self, id: &str) -> serde_json::Value {
        let json = self.docker(&["inspect", "--type", "container", id]);
        first_object(&json).unwrap_or_else(|e| panic!("{e}"))
    }
}

impl Drop for Dockerd {
    fn drop(&mut self) {
        if let Ok(ids) = self.try_docker(&["ps", "-aq", "--no-trunc"]) {
            let ids: Vec<&str> = ids.split_whitespace().collect();
            if !ids.is_empty() {
                let mut rm = vec!["rm", "-f"];
                rm.extend(ids);
                if let Err(e) = self.try_docker(&rm) {
                    eprintln!("warning: {e}");
                }
            }
        }
        if let Some(pid) = rustix::process::Pid::from_raw(self.child.id() as i32) {
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        host::end_processes(self.dir.path(), &host::cgroup_dirs(&self.cgroup_parent));
        if self.shared_containerd {
            self.remove_namespaces();
        }
        host::unmount_under(self.dir.path());
        host::remove_cgroups(&self.cgroup_parent);
    }
}

impl Dockerd {
    /// Removes this instance's namespaces from the system containerd it
    /// used (dockerd does not).
    fn remove_namespaces(&self) {
        let Some(ctr) = tool("ctr") else {
            eprintln!(
                "warning: no ctr to remove namespaces {0} and {0}p from {SYSTEM_CONTAINERD}",
                self.namespace
            );
            return;
        };
        for ns in [self.namespace.clone(), format!("{}p", self.namespace)] {
            let mut cmd = Command::new(&ctr);
            cmd.args(["--address", SYSTEM_CONTAINERD, "namespaces", "remove", &ns]);
            if let Err(e) = output(cmd) {
                eprintln!("warning: {e}");
            }
        }
    }
}
