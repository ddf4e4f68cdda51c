//! Against a real Docker Engine: a private `dockerd` of the test's own
//! (its own data root, exec root, socket and cgroup parent; no iptables, no
//! bridge, the vfs storage driver), an image imported from a busybox-static
//! root filesystem (nothing from a registry), and containers named, labelled
//! and exiting at once. Needs root, `docker.io` and `busybox-static`; skips
//! elsewhere and fails under CI, which installs them.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sysflow_runtimes::{DockerClient, RuntimeError, RuntimeKind};
use sysflow_test_support::{skip, under_ci};

/// A program on the PATH, or in root's sbin directories.
fn tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/sbin".into()])
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The private daemon; dropping it removes its containers, stops it and
/// removes its cgroups (its data lives in a temporary directory).
struct Dockerd {
    child: Child,
    docker: PathBuf,
    host: String,
    cgroup_parent: String,
    dir: tempfile::TempDir,
}

impl Dockerd {
    fn docker(&self, args: &[&str]) -> String {
        let out = Command::new(&self.docker)
            .arg("-H")
            .arg(&self.host)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run docker");
        assert!(
            out.status.success(),
            "docker {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    fn socket(&self) -> PathBuf {
        self.dir.path().join("docker.sock")
    }
}

impl Drop for Dockerd {
    fn drop(&mut self) {
        let ids = Command::new(&self.docker)
            .args(["-H", &self.host, "ps", "-aq"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
            .unwrap_or_default();
        for id in ids.split_whitespace() {
            let _ = Command::new(&self.docker)
                .args(["-H", &self.host, "rm", "-f", id])
                .stdout(Stdio::null())
                .status();
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The daemon leaves its (empty) cgroup parent in every hierarchy.
        if let Ok(hierarchies) = std::fs::read_dir("/sys/fs/cgroup") {
            for h in hierarchies.flatten() {
                let _ = std::fs::remove_dir(h.path().join(&self.cgroup_parent));
            }
        }
        let _ = std::fs::remove_dir(Path::new("/sys/fs/cgroup").join(&self.cgroup_parent));
    }
}

fn start() -> Option<Dockerd> {
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    let tools = ["dockerd", "docker", "busybox", "tar"].map(tool);
    let missing: Vec<_> = ["dockerd", "docker", "busybox", "tar"]
        .iter()
        .zip(&tools)
        .filter(|(_, t)| t.is_none())
        .map(|(n, _)| *n)
        .collect();
    let reason = if !root {
        "not root".to_owned()
    } else if !missing.is_empty() {
        format!("{missing:?} not installed (Debian: docker.io, busybox-static)")
    } else {
        String::new()
    };
    if !reason.is_empty() {
        assert!(!under_ci(), "CI must run the dockerd test: {reason}");
        skip(format!("needs a private dockerd: {reason}"));
        return None;
    }
    let [Some(dockerd), Some(docker), Some(busybox), Some(tar)] = tools else {
        unreachable!("checked above");
    };
    let dir = tempfile::Builder::new()
        .prefix("sfrt")
        .tempdir_in("/tmp")
        .expect("temp dir");
    let host = format!("unix://{}", dir.path().join("docker.sock").display());
    let cgroup_parent = format!("sysflow-test-{}", std::process::id());
    let log = std::fs::File::create(dir.path().join("dockerd.log")).expect("log");
    let child = Command::new(dockerd)
        .args(["--iptables=false", "--bridge=none", "--storage-driver=vfs"])
        .arg("--data-root")
        .arg(dir.path().join("data"))
        .arg("--exec-root")
        .arg(dir.path().join("exec"))
        .arg("--pidfile")
        .arg(dir.path().join("docker.pid"))
        .arg(format!("--cgroup-parent=/{cgroup_parent}"))
        .args(["-H", &host])
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("start dockerd");
    let d = Dockerd {
        child,
        docker,
        host,
        cgroup_parent,
        dir,
    };
    let client = DockerClient::new(d.socket(), RuntimeKind::Docker, Duration::from_secs(2));
    let deadline = Instant::now() + Duration::from_secs(60);
    while client.ping().is_err() {
        assert!(
            Instant::now() < deadline,
            "dockerd did not start: {}",
            std::fs::read_to_string(d.dir.path().join("dockerd.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // An image from a busybox-static root filesystem.
    let rootfs = d.dir.path().join("rootfs");
    std::fs::create_dir_all(rootfs.join("bin")).expect("rootfs");
    std::fs::copy(busybox, rootfs.join("bin/busybox")).expect("copy busybox");
    for applet in ["sh", "sleep", "true"] {
        std::os::unix::fs::symlink("busybox", rootfs.join("bin").join(applet)).expect("symlink");
    }
    let tarball = d.dir.path().join("rootfs.tar");
    let ok = Command::new(tar)
        .arg("-C")
        .arg(&rootfs)
        .arg("-cf")
        .arg(&tarball)
        .arg(".")
        .status()
        .expect("tar");
    assert!(ok.success());
    d.docker(&["import", &tarball.to_string_lossy(), "sf-busybox:it"]);
    Some(d)
}

#[test]
fn inspect_matches_docker_inspect() {
    let Some(d) = start() else { return };
    let sleeper = d.docker(&[
        "run",
        "-d",
        "--name",
        "sf-it-sleeper",
        "sf-busybox:it",
        "/bin/sleep",
        "60",
    ]);
    let labelled = d.docker(&[
        "run",
        "-d",
        "--name",
        "sf-it-labelled",
        "--label",
        "app=web",
        "--label",
        "tier=front",
        "sf-busybox:it",
        "/bin/sleep",
        "60",
    ]);
    d.docker(&["run", "--name", "sf-it-quick", "sf-busybox:it", "/bin/true"]);
    let quick = d.docker(&["inspect", "--format", "{{.Id}}", "sf-it-quick"]);

    let client = DockerClient::new(d.socket(), RuntimeKind::Docker, Duration::from_secs(5));
    for id in [&sleeper, &labelled, &quick] {
        let expected = d.docker(&[
            "inspect",
            "--format",
            "{{.Name}}|{{.Config.Image}}|{{.Image}}|{{.HostConfig.Privileged}}|{{json .Config.Labels}}",
            id,
        ]);
        // By the 12-digit id libsinsp keeps, as the collector will ask.
        let meta = client.inspect(&id[..12]).expect("inspect");
        assert_eq!(&meta.id, id);
        let labels: String = meta
            .labels
            .iter()
            .map(|(k, v)| format!("\"{k}\":\"{v}\""))
            .collect::<Vec<_>>()
            .join(",");
        let got = format!(
            "/{}|{}|sha256:{}|{}|{{{labels}}}",
            meta.name, meta.image, meta.image_id, meta.privileged
        );
        assert_eq!(got, expected);
        assert_eq!(
            (meta.image_repo.as_str(), meta.image_tag.as_str()),
            ("sf-busybox", "it")
        );
    }
    let err = client.inspect("sf-it-nonesuch").expect_err("unknown");
    assert!(matches!(err, RuntimeError::NotFound { .. }), "{err:?}");
}
