//! A private containerd for live tests: its own root, state, socket, runc
//! root and cgroup parent under a temporary directory, an image made from
//! busybox-static (nothing from a registry), and pods run through its CRI
//! plugin, with the workarounds root without CAP_SYS_RESOURCE needs
//! (`docs/container-metadata.md`).
//!
//! [`Containerd::start`] skips (returns `None`) where the test cannot run:
//! not root, or `containerd`, `ctr`, `runc`, `busybox`, `tar` or
//! `sha256sum` missing (Debian: `containerd`, `busybox-static`); under CI it
//! fails instead. [`Containerd::run_pod`] runs a pod with the host's network
//! (no CNI) and its containers, and returns their ids. Dropping the
//! [`Containerd`] removes every pod, stops the daemon and its shims, and
//! removes its mounts, cgroups and files.
//!
//! CRI is driven with a few hand-written `runtime.v1` messages over a
//! blocking gRPC call of this module's own (h2 on a current-thread tokio
//! runtime): Debian has no `crictl`, and test-support depends on none of
//! the workspace's crates.

// A test harness: a setup step that fails fails the test that asked.
#![allow(clippy::expect_used)]

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bytes::Bytes;
use prost::Message;

use crate::{skip, under_ci};

/// The image every pod and container runs (its default command sleeps).
pub const IMAGE: &str = "docker.io/sysflow/busybox:test";

/// The CRI namespace containerd keeps CRI's images and containers in.
const NAMESPACE: &str = "k8s.io";

/// How long the daemon may take to start or stop, and a call to answer.
const DAEMON_WAIT: Duration = Duration::from_secs(60);
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// A pod to run: its metadata, labels and containers.
#[derive(Debug, Clone, Default)]
pub struct PodSpec {
    /// The pod's name.
    pub name: String,
    /// The pod's namespace.
    pub namespace: String,
    /// The pod's uid.
    pub uid: String,
    /// The pod's labels.
    pub labels: Vec<(String, String)>,
    /// Its containers, created and started in this order.
    pub containers: Vec<ContainerSpec>,
}

/// A container of a [`PodSpec`].
#[derive(Debug, Clone, Default)]
pub struct ContainerSpec {
    /// The container's name.
    pub name: String,
    /// Its command, e.g. `["/bin/sleep", "300"]` (busybox applets `sh`,
    /// `sleep` and `true` are in the image's `/bin`).
    pub command: Vec<String>,
    /// Its labels.
    pub labels: Vec<(String, String)>,
}

/// The ids of a pod [`Containerd::run_pod`] ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodIds {
    /// The pod sandbox's id.
    pub sandbox: String,
    /// The containers' ids, in the [`PodSpec`]'s order.
    pub containers: Vec<String>,
}

/// The private daemon (see the module's docs).
pub struct Containerd {
    child: Child,
    ctr: PathBuf,
    cgroup_parent: String,
    grpc: Grpc,
    dir: tempfile::TempDir,
}

/// A program on the PATH, or in root's sbin directories.
fn tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/sbin".into()])
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Runs `command` and returns its standard output, or panics with its
/// standard error.
fn run(command: &mut Command) -> String {
    let out = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        out.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

impl Containerd {
    /// Starts a private containerd with [`IMAGE`] imported, or skips (see
    /// the module's docs).
    pub fn start() -> Option<Containerd> {
        const TOOLS: [&str; 6] = ["containerd", "ctr", "runc", "busybox", "tar", "sha256sum"];
        let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
        let tools = TOOLS.map(tool);
        let missing: Vec<_> = TOOLS
            .iter()
            .zip(&tools)
            .filter(|(_, t)| t.is_none())
            .map(|(n, _)| *n)
            .collect();
        let reason = if !root {
            "not root".to_owned()
        } else if !missing.is_empty() {
            format!("{missing:?} not installed (Debian: containerd, busybox-static)")
        } else {
            String::new()
        };
        if !reason.is_empty() {
            assert!(!under_ci(), "CI must run the containerd tests: {reason}");
            skip(format!("needs a private containerd: {reason}"));
            return None;
        }
        let [
            Some(containerd),
            Some(ctr),
            Some(_runc),
            Some(busybox),
            Some(tar),
            Some(sha256sum),
        ] = tools
        else {
            unreachable!("checked above");
        };
        let dir = tempfile::Builder::new()
            .prefix("sfctd")
            .tempdir_in("/tmp")
            .expect("temp dir");
        let d = dir.path();
        let socket = d.join("containerd.sock");
        let cgroup_parent = format!("sysflow-test-ctd-{}", std::process::id());
        std::fs::write(d.join("config.toml"), config(d)).expect("config");
        let log = std::fs::File::create(d.join("containerd.log")).expect("log");
        let child = Command::new(containerd)
            .arg("--config")
            .arg(d.join("config.toml"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("start containerd");
        let daemon = Containerd {
            child,
            ctr,
            cgroup_parent,
            grpc: Grpc::new(socket),
            dir,
        };
        let deadline = Instant::now() + DAEMON_WAIT;
        while daemon
            .grpc
            .call::<Empty>(VERSION, &Empty::default())
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "containerd did not start: {}",
                daemon.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        daemon.import_image(&busybox, &tar, &sha256sum);
        Some(daemon)
    }

    /// The daemon's socket (containerd's API and its CRI plugin).
    pub fn socket(&self) -> &Path {
        &self.grpc.socket
    }

    /// The cgroup (in every hierarchy) pods run under: a container's is
    /// `/<cgroup_parent>/<64 hex>`.
    pub fn cgroup_parent(&self) -> &str {
        &self.cgroup_parent
    }

    /// The daemon's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("containerd.log")).unwrap_or_default()
    }

    /// Runs `ctr -n k8s.io args…` against the daemon and returns its
    /// output (e.g. `containers info ID`, the runtime's own JSON).
    pub fn ctr(&self, args: &[&str]) -> String {
        run(Command::new(&self.ctr)
            .arg("--address")
            .arg(self.socket())
            .args(["--namespace", NAMESPACE])
            .args(args))
    }

    /// Runs a pod (host network, host IPC, a PID namespace of its own) and
    /// starts its containers; returns their ids.
    pub fn run_pod(&self, pod: &PodSpec) -> PodIds {
        let logs = self.dir.path().join("logs");
        let sandbox_config = PodSandboxConfig {
            metadata: Some(PodSandboxMetadata {
                name: pod.name.clone(),
                uid: pod.uid.clone(),
                namespace: pod.namespace.clone(),
                attempt: 0,
            }),
            log_directory: logs.to_string_lossy().into_owned(),
            labels: pod.labels.iter().cloned().collect(),
            linux: Some(LinuxPodSandboxConfig {
                cgroup_parent: format!("/{}", self.cgroup_parent),
                security_context: Some(LinuxSandboxSecurityContext {
                    namespace_options: Some(HOST_NETWORK),
                }),
            }),
        };
        let sandbox = self
            .grpc
            .call::<IdResponse>(
                RUN_POD_SANDBOX,
                &RunPodSandboxRequest {
                    config: Some(sandbox_config.clone()),
                },
            )
            .unwrap_or_else(|e| panic!("RunPodSandbox: {e}\n{}", self.log()))
            .id;
        let containers = pod
            .containers
            .iter()
            .map(|c| {
                let config = ContainerConfig {
                    metadata: Some(ContainerMetadata {
                        name: c.name.clone(),
                        attempt: 0,
                    }),
                    image: Some(ImageSpec {
                        image: IMAGE.to_owned(),
                    }),
                    command: c.command.clone(),
                    labels: c.labels.iter().cloned().collect(),
                    log_path: format!("{}.log", c.name),
                    linux: Some(LinuxContainerConfig {
                        security_context: Some(LinuxContainerSecurityContext {
                            namespace_options: Some(HOST_NETWORK),
                        }),
                    }),
                };
                let id = self
                    .grpc
                    .call::<IdResponse>(
                        CREATE_CONTAINER,
                        &CreateContainerRequest {
                            pod_sandbox_id: sandbox.clone(),
                            config: Some(config),
                            sandbox_config: Some(sandbox_config.clone()),
                        },
                    )
                    .unwrap_or_else(|e| panic!("CreateContainer: {e}\n{}", self.log()))
                    .id;
                self.grpc
                    .call::<Empty>(START_CONTAINER, &IdRequest { id: id.clone() })
                    .unwrap_or_else(|e| panic!("StartContainer: {e}\n{}", self.log()));
                id
            })
            .collect();
        PodIds {
            sandbox,
            containers,
        }
    }

    /// Waits until container `id` has exited (its CRI state is EXITED).
    pub fn wait_exited(&self, id: &str) {
        const EXITED: i32 = 2;
        let deadline = Instant::now() + DAEMON_WAIT;
        loop {
            let status = self
                .grpc
                .call::<ContainerStatusResponse>(CONTAINER_STATUS, &IdRequest { id: id.to_owned() })
                .unwrap_or_else(|e| panic!("ContainerStatus: {e}"));
            if status.status.is_some_and(|s| s.state == EXITED) {
                return;
            }
            assert!(Instant::now() < deadline, "{id} did not exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops and removes pod `sandbox` and its containers.
    pub fn remove_pod(&self, sandbox: &str) -> Result<(), String> {
        let id = IdRequest {
            id: sandbox.to_owned(),
        };
        self.grpc.call::<Empty>(STOP_POD_SANDBOX, &id)?;
        self.grpc.call::<Empty>(REMOVE_POD_SANDBOX, &id)?;
        Ok(())
    }

    /// An image from a busybox-static root filesystem, as a docker-archive
    /// tarball (`manifest.json`, the config, one layer), imported with
    /// `ctr images import` and unpacked for the native snapshotter.
    fn import_image(&self, busybox: &Path, tar: &Path, sha256sum: &Path) {
        let d = self.dir.path();
        let rootfs = d.join("rootfs");
        let image = d.join("image");
        std::fs::create_dir_all(rootfs.join("bin")).expect("rootfs");
        std::fs::create_dir_all(&image).expect("image dir");
        std::fs::copy(busybox, rootfs.join("bin/busybox")).expect("copy busybox");
        for applet in ["sh", "sleep", "true"] {
            std::os::unix::fs::symlink("busybox", rootfs.join("bin").join(applet))
                .expect("symlink");
        }
        run(Command::new(tar)
            .arg("-C")
            .arg(&rootfs)
            .arg("-cf")
            .arg(image.join("layer.tar"))
            .arg("."));
        let sum = run(Command::new(sha256sum).arg(image.join("layer.tar")));
        let diff_id = sum.split_whitespace().next().unwrap_or_default();
        let name = IMAGE.trim_start_matches("docker.io/");
        std::fs::write(
            image.join("config.json"),
            format!(
                r#"{{"architecture":"amd64","os":"linux","config":{{"Cmd":["/bin/sleep","2147483647"]}},"rootfs":{{"type":"layers","diff_ids":["sha256:{diff_id}"]}}}}"#
            ),
        )
        .expect("image config");
        std::fs::write(
            image.join("manifest.json"),
            format!(r#"[{{"Config":"config.json","RepoTags":["{name}"],"Layers":["layer.tar"]}}]"#),
        )
        .expect("image manifest");
        let archive = d.join("image.tar");
        run(Command::new(tar)
            .arg("-C")
            .arg(&image)
            .arg("-cf")
            .arg(&archive)
            .args(["manifest.json", "config.json", "layer.tar"]));
        let archive = archive.to_string_lossy();
        self.ctr(&["images", "import", "--snapshotter", "native", &archive]);
    }

    /// Kills, by pid, the shims this daemon started (their command lines
    /// name its socket), in case a pod could not be removed.
    fn kill_shims(&self) {
        let socket = self.socket().to_string_lossy().into_owned();
        let Ok(procs) = std::fs::read_dir("/proc") else {
            return;
        };
        for entry in procs.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|p| p.parse::<u32>().ok())
            else {
                continue;
            };
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            let args: Vec<_> = cmdline
                .split(|&b| b == 0)
                .map(String::from_utf8_lossy)
                .collect();
            if args.first().is_some_and(|a| a.contains("containerd-shim"))
                && args.iter().any(|a| *a == socket)
            {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
        }
    }
}

impl Drop for Containerd {
    fn drop(&mut self) {
        // Every pod, with its containers.
        if let Ok(list) = self
            .grpc
            .call::<ListPodSandboxResponse>(LIST_POD_SANDBOX, &Empty::default())
        {
            for pod in list.items {
                let _ = self.remove_pod(&pod.id);
            }
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + DAEMON_WAIT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.kill_shims();
        // Mounts left under the directory (a rootfs, a sandbox's files),
        // innermost first.
        let dir = self.dir.path().to_string_lossy().into_owned();
        let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
        let mut mounts: Vec<&str> = mountinfo
            .lines()
            .filter_map(|l| l.split(' ').nth(4))
            .filter(|m| m.starts_with(&dir))
            .collect();
        mounts.sort_by_key(|m| std::cmp::Reverse(m.len()));
        for mount in mounts {
            let _ = Command::new("umount").args(["-l", mount]).status();
        }
        // The cgroup parent, in every hierarchy, children first.
        if let Ok(hierarchies) = std::fs::read_dir("/sys/fs/cgroup") {
            for h in hierarchies.flatten() {
                remove_cgroup(&h.path().join(&self.cgroup_parent));
            }
        }
        remove_cgroup(&Path::new("/sys/fs/cgroup").join(&self.cgroup_parent));
    }
}

/// Removes a cgroup directory and the cgroups below it (`rmdir` each).
fn remove_cgroup(path: &Path) {
    if let Ok(children) = std::fs::read_dir(path) {
        for child in children.flatten() {
            if child.file_type().is_ok_and(|t| t.is_dir()) {
                remove_cgroup(&child.path());
            }
        }
    }
    let _ = std::fs::remove_dir(path);
}

/// containerd's configuration: everything under `d`, the CRI plugin with
/// the native snapshotter (no overlay mounts to clean up), runc's state in
/// `d`, [`IMAGE`] as the sandbox image, and `restrict_oom_score_adj` (the
/// sandbox's -998 needs CAP_SYS_RESOURCE).
fn config(d: &Path) -> String {
    let d = d.display();
    format!(
        r#"version = 2
root = "{d}/root"
state = "{d}/state"
[grpc]
  address = "{d}/containerd.sock"
[ttrpc]
  address = "{d}/containerd.sock.ttrpc"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "{IMAGE}"
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "native"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        Root = "{d}/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "{d}/cni/bin"
    conf_dir = "{d}/cni/conf"
"#
    )
}

/// A blocking unary gRPC client of one unix socket: a connection per call.
struct Grpc {
    socket: PathBuf,
}

impl Grpc {
    fn new(socket: PathBuf) -> Grpc {
        Grpc { socket }
    }

    /// Calls `method` with `request`, within [`CALL_TIMEOUT`].
    fn call<R: Message + Default>(
        &self,
        method: &str,
        request: &impl Message,
    ) -> Result<R, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        runtime.block_on(async {
            tokio::time::timeout(CALL_TIMEOUT, self.call_async(method, request))
                .await
                .map_err(|_| format!("{method}: no answer within {CALL_TIMEOUT:?}"))?
        })
    }

    async fn call_async<R: Message + Default>(
        &self,
        method: &str,
        request: &impl Message,
    ) -> Result<R, String> {
        let e = |e: &dyn std::fmt::Display| format!("{method}: {e}");
        let stream = tokio::net::UnixStream::connect(&self.socket)
            .await
            .map_err(|x| e(&x))?;
        let (send, connection) = h2::client::handshake(stream).await.map_err(|x| e(&x))?;
        // The connection is driven beside the call, and ends with the
        // runtime at the end of `call`.
        tokio::spawn(connection);
        let mut send = send.ready().await.map_err(|x| e(&x))?;
        let head = http::Request::post(format!("http://localhost{method}"))
            .header("content-type", "application/grpc")
            .header("te", "trailers")
            .body(())
            .map_err(|x| e(&x))?;
        let (response, mut stream) = send.send_request(head, false).map_err(|x| e(&x))?;
        let message = request.encode_to_vec();
        let mut frame = vec![0];
        frame.extend_from_slice(&(message.len() as u32).to_be_bytes());
        frame.extend_from_slice(&message);
        stream
            .send_data(Bytes::from(frame), true)
            .map_err(|x| e(&x))?;
        let (head, mut body) = response.await.map_err(|x| e(&x))?.into_parts();
        let mut buf = Vec::new();
        while let Some(chunk) = body.data().await {
            let chunk = chunk.map_err(|x| e(&x))?;
            let _ = body.flow_control().release_capacity(chunk.len());
            buf.extend_from_slice(&chunk);
        }
        let trailers = body.trailers().await.map_err(|x| e(&x))?;
        let status = trailers
            .as_ref()
            .and_then(|t| t.get("grpc-status"))
            .or(head.headers.get("grpc-status"))
            .and_then(|s| s.to_str().ok())
            .unwrap_or("?");
        if status != "0" {
            let message = trailers
                .as_ref()
                .and_then(|t| t.get("grpc-message"))
                .or(head.headers.get("grpc-message"))
                .map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned())
                .unwrap_or_default();
            return Err(e(&format!("gRPC status {status}: {message}")));
        }
        R::decode(buf.get(5..).unwrap_or_default()).map_err(|x| e(&x))
    }
}

// The CRI `runtime.v1` messages the harness sends, with the field numbers
// of `k8s.io/cri-api/pkg/apis/runtime/v1/api.proto` (only those it sets).

const VERSION: &str = "/runtime.v1.RuntimeService/Version";
const RUN_POD_SANDBOX: &str = "/runtime.v1.RuntimeService/RunPodSandbox";
const STOP_POD_SANDBOX: &str = "/runtime.v1.RuntimeService/StopPodSandbox";
const REMOVE_POD_SANDBOX: &str = "/runtime.v1.RuntimeService/RemovePodSandbox";
const LIST_POD_SANDBOX: &str = "/runtime.v1.RuntimeService/ListPodSandbox";
const CREATE_CONTAINER: &str = "/runtime.v1.RuntimeService/CreateContainer";
const START_CONTAINER: &str = "/runtime.v1.RuntimeService/StartContainer";
const CONTAINER_STATUS: &str = "/runtime.v1.RuntimeService/ContainerStatus";

/// Network and IPC of the node (no CNI needed), PID of the container
/// (`NamespaceOption`: NODE is 2, CONTAINER 1).
const HOST_NETWORK: NamespaceOption = NamespaceOption {
    network: 2,
    pid: 1,
    ipc: 2,
};

/// An empty message (requests and answers the harness does not read).
#[derive(Clone, PartialEq, Message)]
struct Empty {}

/// Requests made of one id: `StartContainerRequest`,
/// `StopPodSandboxRequest`, `RemovePodSandboxRequest`,
/// `ContainerStatusRequest`.
#[derive(Clone, PartialEq, Message)]
struct IdRequest {
    #[prost(string, tag = "1")]
    id: String,
}

/// Answers made of one id: `RunPodSandboxResponse`,
/// `CreateContainerResponse`.
#[derive(Clone, PartialEq, Message)]
struct IdResponse {
    #[prost(string, tag = "1")]
    id: String,
}

#[derive(Clone, PartialEq, Message)]
struct RunPodSandboxRequest {
    #[prost(message, optional, tag = "1")]
    config: Option<PodSandboxConfig>,
}

#[derive(Clone, PartialEq, Message)]
struct PodSandboxConfig {
    #[prost(message, optional, tag = "1")]
    metadata: Option<PodSandboxMetadata>,
    #[prost(string, tag = "3")]
    log_directory: String,
    #[prost(map = "string, string", tag = "6")]
    labels: HashMap<String, String>,
    #[prost(message, optional, tag = "8")]
    linux: Option<LinuxPodSandboxConfig>,
}

#[derive(Clone, PartialEq, Message)]
struct PodSandboxMetadata {
    #[prost(string, tag = "1")]
    name: String,
    #[prost(string, tag = "2")]
    uid: String,
    #[prost(string, tag = "3")]
    namespace: String,
    #[prost(uint32, tag = "4")]
    attempt: u32,
}

#[derive(Clone, PartialEq, Message)]
struct LinuxPodSandboxConfig {
    #[prost(string, tag = "1")]
    cgroup_parent: String,
    #[prost(message, optional, tag = "2")]
    security_context: Option<LinuxSandboxSecurityContext>,
}

#[derive(Clone, PartialEq, Message)]
struct LinuxSandboxSecurityContext {
    #[prost(message, optional, tag = "1")]
    namespace_options: Option<NamespaceOption>,
}

#[derive(Clone, Copy, PartialEq, Message)]
struct NamespaceOption {
    #[prost(int32, tag = "1")]
    network: i32,
    #[prost(int32, tag = "2")]
    pid: i32,
    #[prost(int32, tag = "3")]
    ipc: i32,
}

#[derive(Clone, PartialEq, Message)]
struct CreateContainerRequest {
    #[prost(string, tag = "1")]
    pod_sandbox_id: String,
    #[prost(message, optional, tag = "2")]
    config: Option<ContainerConfig>,
    #[prost(message, optional, tag = "3")]
    sandbox_config: Option<PodSandboxConfig>,
}

#[derive(Clone, PartialEq, Message)]
struct ContainerConfig {
    #[prost(message, optional, tag = "1")]
    metadata: Option<ContainerMetadata>,
    #[prost(message, optional, tag = "2")]
    image: Option<ImageSpec>,
    #[prost(string, repeated, tag = "3")]
    command: Vec<String>,
    #[prost(map = "string, string", tag = "9")]
    labels: HashMap<String, String>,
    #[prost(string, tag = "11")]
    log_path: String,
    #[prost(message, optional, tag = "15")]
    linux: Option<LinuxContainerConfig>,
}

#[derive(Clone, PartialEq, Message)]
struct ContainerMetadata {
    #[prost(string, tag = "1")]
    name: String,
    #[prost(uint32, tag = "2")]
    attempt: u32,
}

#[derive(Clone, PartialEq, Message)]
struct ImageSpec {
    #[prost(string, tag = "1")]
    image: String,
}

#[derive(Clone, PartialEq, Message)]
struct LinuxContainerConfig {
    #[prost(message, optional, tag = "2")]
    security_context: Option<LinuxContainerSecurityContext>,
}

#[derive(Clone, PartialEq, Message)]
struct LinuxContainerSecurityContext {
    #[prost(message, optional, tag = "3")]
    namespace_options: Option<NamespaceOption>,
}

#[derive(Clone, PartialEq, Message)]
struct ContainerStatusResponse {
    #[prost(message, optional, tag = "1")]
    status: Option<ContainerState>,
}

/// `ContainerStatus`'s state alone.
#[derive(Clone, PartialEq, Message)]
struct ContainerState {
    #[prost(int32, tag = "3")]
    state: i32,
}

#[derive(Clone, PartialEq, Message)]
struct ListPodSandboxResponse {
    #[prost(message, repeated, tag = "1")]
    items: Vec<IdResponse>,
}
