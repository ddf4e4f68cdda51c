//! Live capture of containers: their metadata looked up from the runtimes
//! beside the event loop, and what happens when a runtime is missing,
//! silent or broken.
//!
//! A container here is what the collector sees of one: a process whose
//! cgroups name a 64-digit id. The fault tests make such a "container" by
//! hand (a cgroup directory named with an id, in cgroup v1's `memory`
//! hierarchy, or cgroup v2's), and point the runtime sockets at servers of
//! their own; the runtime tests run real ones (a private `dockerd`, podman)
//! and compare each Container record with what the runtime reports.
//!
//! Needs root and kernel BTF (live capture): skipped elsewhere, a failure
//! under CI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use libsysflow::types::{Container, ContainerType, Pod, SfReader, SysFlow};
use sysflow_test_support::containerd::{ContainerSpec, Containerd, PodSpec};
use sysflow_test_support::runtimes::{Dockerd, Podman};

/// Every record of the `.sf` files in `dir`, in file order.
fn records(dir: &Path) -> Vec<SysFlow> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none_or(|e| e != "scap") && p.is_file())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("out"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| SfReader::open(f).unwrap().map(Result::unwrap))
        .collect()
}

/// Whether live capture can run here; when not, the test is skipped (and
/// fails under CI).
fn live_possible() -> bool {
    let root = fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .is_some_and(|l| l.split_whitespace().nth(2) == Some("0"))
    });
    let btf = Path::new("/sys/kernel/btf/vmlinux").exists();
    if root && btf {
        return true;
    }
    assert!(
        !sysflow_test_support::under_ci(),
        "live capture must work under CI (root: {root}, BTF: {btf})"
    );
    sysflow_test_support::skip("live capture needs root and kernel BTF");
    false
}

/// Held by each test while its live sysporter runs: two probes at once on
/// two cores would make each other's drops.
static LIVE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The environment that sends look-ups to the Docker API at `docker` and
/// podman's at `podman` (either may be a path where nothing listens).
fn runtime_env(docker: &Path, podman: &Path) -> [(&'static str, String); 2] {
    [
        ("DOCKER_HOST", format!("unix://{}", docker.display())),
        ("CONTAINER_HOST", format!("unix://{}", podman.display())),
    ]
}

/// A live sysporter whose log lines are read as they come.
struct Live {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Live {
    /// Starts capturing into `dir` (`out.sf`, and `cap.scap` when `save`)
    /// with the runtime environment `env`, and waits until the capture runs.
    fn start(dir: &Path, env: &[(&str, String)], extra: &[&str], save: bool) -> Live {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sysporter"));
        for var in libsysflow::ENV_OVERRIDES {
            cmd.env_remove(var);
        }
        cmd.env_remove("DOCKER_HOST").env_remove("CONTAINER_HOST");
        let out = dir.join("out.sf");
        cmd.args(["-w", out.to_str().unwrap()]);
        if save {
            cmd.args(["--scap-out", dir.join("cap.scap").to_str().unwrap()]);
        }
        // The golden traces' settings: every flow is written.
        cmd.env("ENABLE_PROC_FLOW", "0")
            .env("FILE_ONLY", "0")
            .env("FILE_READ_MODE", "0")
            .env("ENABLE_DROP_MODE", "0")
            .env("RUST_LOG", "info,sysflow_runtimes=debug")
            .args(["-e", "tests"])
            // At idle priority a collector on a saturated machine reads
            // nothing until its ring fills, which a few containers never
            // do: these tests are about metadata, not scheduling.
            .arg("--normal-priority")
            .args(extra)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let (tx, lines) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let mut live = Live {
            child,
            lines,
            seen: Vec::new(),
        };
        live.wait_for("the capture to start", |l| l.contains("capturing live"));
        live
    }

    /// Waits (two minutes at most) until a log line satisfies `what`.
    fn wait_for(&mut self, what: &str, mut ok: impl FnMut(&str) -> bool) {
        if self.seen.iter().any(|l| ok(l)) {
            return;
        }
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let hit = ok(&line);
                    self.seen.push(line);
                    if hit {
                        return;
                    }
                }
                Err(_) => panic!(
                    "waited for {what}; sysporter said:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Stops the capture (SIGINT) and returns its whole log.
    fn stop(mut self) -> String {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let status = self.child.wait().unwrap();
        self.seen.extend(self.lines.iter());
        let log = self.seen.join("\n");
        assert!(status.success(), "sysporter failed:\n{log}");
        log
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A hand-made container: a cgroup named with a 64-digit id, an init
/// process in it that lives as long as the container, and the processes
/// `run` starts there.
///
/// The init matters: the collector reads a new cgroup's path from
/// `/proc` once per cgroup, after the event, so the cgroup's first process
/// must outlive that read (a runtime's own init does).
struct FakeContainer {
    id: String,
    dirs: Vec<PathBuf>,
    init: Child,
}

impl FakeContainer {
    fn new(tag: u32) -> FakeContainer {
        // Unique in its first 12 digits, the id the records carry.
        let id = format!(
            "{:06x}{:06x}{}",
            std::process::id() & 0xff_ffff,
            tag,
            "e".repeat(52)
        );
        // cgroup v1's memory hierarchy, else the v2 root: the probe keys a
        // thread's cgroups by its memory and unified cgroups (a move in
        // another v1 hierarchy alone is not seen).
        let base = ["/sys/fs/cgroup/memory", "/sys/fs/cgroup"]
            .into_iter()
            .map(Path::new)
            .find(|p| p.join("cgroup.procs").exists())
            .expect("a cgroup hierarchy");
        let parent = base.join(format!("sf-test-{}-{tag}", std::process::id()));
        let dir = parent.join(&id);
        fs::create_dir_all(&dir).unwrap();
        let init = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "echo $$ > {}; exec sleep 100000",
                dir.join("cgroup.procs").display()
            ))
            .spawn()
            .unwrap();
        let container = FakeContainer {
            id,
            dirs: vec![dir, parent],
            init,
        };
        let cgroup = format!("/proc/{}/cgroup", container.init.id());
        let deadline = Instant::now() + Duration::from_secs(60);
        while !fs::read_to_string(&cgroup).is_ok_and(|c| c.contains(&container.id))
            || !fs::read_to_string(format!("/proc/{}/comm", container.init.id()))
                .is_ok_and(|c| c.trim() == "sleep")
        {
            assert!(
                Instant::now() < deadline,
                "the init never entered its cgroup"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        container
    }

    /// The 12-digit id the records carry.
    fn short(&self) -> &str {
        &self.id[..12]
    }

    /// Runs `script` with `sh` inside the container, to its end.
    fn run(&self, script: &str) {
        let procs = self.dirs[0].join("cgroup.procs");
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "echo $$ > {}; exec sh -c '{script}'",
                procs.display()
            ))
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for FakeContainer {
    fn drop(&mut self) {
        let _ = self.init.kill();
        let _ = self.init.wait();
        for dir in &self.dirs {
            // An exited process leaves its cgroup a moment later.
            let deadline = Instant::now() + Duration::from_secs(30);
            while fs::remove_dir(dir).is_err() && dir.exists() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

/// The Container records of container `short`, in order.
fn containers_of<'a>(records: &'a [SysFlow], short: &str) -> Vec<&'a Container> {
    records
        .iter()
        .filter_map(|r| match r {
            SysFlow::Container(c) if c.id == short => Some(c),
            _ => None,
        })
        .collect()
}

/// A socket that accepts connections and never answers.
fn silent_runtime(dir: &Path) -> (PathBuf, std::thread::JoinHandle<()>) {
    let path = dir.join("silent.sock");
    let listener = UnixListener::bind(&path).unwrap();
    let handle = std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming().map_while(Result::ok) {
            held.push(conn);
        }
    });
    (path, handle)
}

/// A socket that answers every request with garbage.
fn garbage_runtime(dir: &Path) -> PathBuf {
    let path = dir.join("garbage.sock");
    let listener = UnixListener::bind(&path).unwrap();
    std::thread::spawn(move || {
        for mut conn in listener.incoming().map_while(Result::ok) {
            let mut buf = [0u8; 4096];
            let _ = conn.read(&mut buf);
            let _ = std::io::Write::write_all(&mut conn, b"\x00\xffnot HTTP at all\r\n\r\n");
        }
    });
    path
}

/// Runs sysporter with Docker's socket at `socket` (podman's and the CRI
/// socket where nothing listens) while a container makes `files` files;
/// stops once the log says `ended`. Returns the records, the log and the
/// container's id.
fn capture_with_runtime(
    dir: &Path,
    socket: &Path,
    tag: u32,
    files: usize,
    ended: &str,
) -> (Vec<SysFlow>, String, String) {
    let nothing = dir.join("no-runtime.sock");
    let env = runtime_env(socket, &nothing);
    let mut live = Live::start(
        dir,
        &env,
        &["-t", "2", "-p", nothing.to_str().unwrap()],
        false,
    );
    let container = FakeContainer::new(tag);
    let work = dir.join("work");
    fs::create_dir_all(&work).unwrap();
    container.run(&format!(
        "i=0; while [ $i -lt {files} ]; do echo $i > {w}/f.$i; i=$((i+1)); done",
        w = work.display()
    ));
    // The look-up ends (failed, timed out) beside the loop, and the loop
    // takes its end (the worker logs its own view first, at debug level).
    live.wait_for(ended, |l| l.contains(" WARN ") && l.contains(ended));
    let log = live.stop();
    let short = container.short().to_owned();
    (records(dir), log, short)
}

#[test]
fn a_missing_silent_or_broken_runtime_leaves_containers_incomplete_and_the_capture_whole() {
    if !live_possible() {
        return;
    }
    let _live = LIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let files = 2000;
    let cases: [(&str, &str); 3] = [
        ("missing", "no container runtime socket found"),
        ("silent", "did not answer within"),
        ("garbage", "container metadata look-up failed"),
    ];
    for (tag, (what, ended)) in cases.into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let socket = match what {
            "missing" => dir.path().join("docker.sock"),
            "silent" => silent_runtime(dir.path()).0,
            _ => garbage_runtime(dir.path()),
        };
        let (records, log, short) =
            capture_with_runtime(dir.path(), &socket, tag as u32 + 1, files, ended);
        // Containers stay incomplete.
        let written = containers_of(&records, &short);
        let all: Vec<&SysFlow> = records
            .iter()
            .filter(|r| matches!(r, SysFlow::Container(_)))
            .collect();
        assert!(
            !written.is_empty(),
            "{what}: no Container record of {short} in {all:?}:\n{log}"
        );
        assert!(
            written.iter().all(|c| c.name == "incomplete"),
            "{what}: {written:?}"
        );
        // Every file the container made is in the records: the look-up
        // held nothing up (the silent runtime held it for its whole timeout).
        let made = format!("{}/f.", dir.path().join("work").display());
        let named: std::collections::BTreeSet<String> = records
            .iter()
            .filter_map(|r| match r {
                SysFlow::File(f) if f.path.starts_with(&made) => Some(f.path.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(named.len(), files, "{what}: files recorded\n{log}");
        assert!(log.contains(" 0 dropped"), "{what}: drops:\n{log}");
        // Counted in the summary (other containers on the host may be
        // counted too), logged once for the container.
        let summary = log
            .lines()
            .find(|l| l.starts_with("sysporter:"))
            .unwrap_or_default();
        let counted = |what: &str| -> u64 {
            summary
                .split([',', ';'])
                .find_map(|part| {
                    let n = part.trim().strip_suffix(what)?.split_whitespace().last()?;
                    n.parse().ok()
                })
                .unwrap_or(0)
        };
        assert!(counted("looked up") >= 1, "{what}: {summary}");
        assert_eq!(counted("described"), 0, "{what}: {summary}");
        let failed = if what == "silent" {
            "timed out"
        } else {
            "failed"
        };
        assert!(counted(failed) >= 1, "{what}: {summary}");
        let logged = log
            .lines()
            .filter(|l| l.contains(" WARN ") && l.contains(ended))
            .filter(|l| what == "missing" || l.contains(short.as_str()))
            .count();
        assert_eq!(logged, 1, "{what}: logged once:\n{log}");
    }
}

/// A Docker API that describes every container as Docker 20.10 described
/// `sf-labelled` (recorded in sysflow-runtimes' test data).
fn canned_runtime(dir: &Path) -> PathBuf {
    let body = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../sysflow-runtimes/tests/data/docker/sf-labelled.json"),
    )
    .unwrap();
    let path = dir.join("docker.sock");
    let listener = UnixListener::bind(&path).unwrap();
    std::thread::spawn(move || {
        for mut conn in listener.incoming().map_while(Result::ok) {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).is_ok_and(|n| n == 1) {
                head.push(byte[0]);
            }
            let mut answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                body.len()
            )
            .into_bytes();
            answer.extend_from_slice(&body);
            let _ = std::io::Write::write_all(&mut conn, &answer);
        }
    });
    path
}

/// The records of `sysporter -r capture` with the live run's settings.
fn replay(capture: &Path, dir: &Path) -> Vec<SysFlow> {
    let out = dir.join("replay.sf");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sysporter"));
    for var in libsysflow::ENV_OVERRIDES {
        cmd.env_remove(var);
    }
    let status = cmd
        .env("ENABLE_PROC_FLOW", "0")
        .env("FILE_ONLY", "0")
        .env("FILE_READ_MODE", "0")
        .env("ENABLE_DROP_MODE", "0")
        .args(["-e", "tests", "-r", capture.to_str().unwrap()])
        .args(["-w", out.to_str().unwrap()])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    SfReader::open(&out).unwrap().map(Result::unwrap).collect()
}

/// The container metadata of two runs' records: the Container and Pod
/// records, in order, and which container each process names.
///
/// What the saved capture must reproduce. (Other records can differ when
/// the live run's idle ticks, on the wall clock, export a flow that the
/// replay, on event time, exports later: seen on a saturated machine.)
fn assert_same_metadata(live: &[SysFlow], replayed: &[SysFlow]) {
    let entities = |rs: &[SysFlow]| -> Vec<SysFlow> {
        rs.iter()
            .filter(|r| matches!(r, SysFlow::Container(_) | SysFlow::Pod(_)))
            .cloned()
            .collect()
    };
    let named = |rs: &[SysFlow]| -> std::collections::BTreeSet<(i64, i64, Option<String>)> {
        rs.iter()
            .filter_map(|r| match r {
                SysFlow::Process(p) => Some((p.oid.create_ts, p.oid.hpid, p.container_id.clone())),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        entities(replayed),
        entities(live),
        "Container and Pod records"
    );
    assert_eq!(named(replayed), named(live), "the processes' containers");
}

/// The saved capture's files, in order.
fn scap_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("cap.scap")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_container_described_late_is_written_again_and_its_capture_replays_the_same() {
    if !live_possible() {
        return;
    }
    let _live = LIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let socket = canned_runtime(dir.path());
    let nothing = dir.path().join("nothing.sock");
    let env = runtime_env(&socket, &nothing);
    let mut live = Live::start(dir.path(), &env, &["-p", nothing.to_str().unwrap()], true);
    let container = FakeContainer::new(100);
    // A process that exits at once: gone before its metadata arrives.
    container.run("true");
    let short = container.short().to_owned();
    live.wait_for("the container's metadata", |l| {
        l.contains("container described") && l.contains(&short)
    });
    // One more process in it once it is known: written complete at once.
    container.run("exec cat /dev/null");
    let log = live.stop();
    let records = records(dir.path());
    let written = containers_of(&records, &short);
    let names: Vec<&str> = written.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["incomplete", "sf-labelled"], "{log}");
    let described = written[1];
    assert_eq!(described.image, "sfbusybox:1.35");
    assert_eq!(
        described.imageid,
        "a1e366cfc577e98073fa30d0f59403f3882cb9e2f8001fe1f6b4b0929123ba5d"
    );
    assert!(!described.privileged);
    // The processes inside name it.
    let inside = records
        .iter()
        .filter(|r| matches!(r, SysFlow::Process(p) if p.container_id.as_deref() == Some(&short)))
        .count();
    assert!(inside >= 2, "{inside} processes in {short}");

    // The saved capture carries the metadata: its replay writes the same.
    let files = scap_files(dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let replayed = replay(&files[0], dir.path());
    assert_eq!(
        containers_of(&replayed, &short),
        containers_of(&records, &short)
    );
    assert_same_metadata(&records, &replayed);
}

/// What a Container record must say, from the runtime's own report.
#[derive(Debug)]
struct Expected {
    /// The full id.
    id: String,
    name: String,
    image: String,
    imageid: String,
    kind: ContainerType,
    privileged: bool,
    /// The pod's uid, for a CRI container.
    pod: Option<String>,
}

impl Expected {
    /// From `docker inspect`'s or `podman inspect`'s object.
    fn from_inspect(v: &serde_json::Value, kind: ContainerType) -> Expected {
        let text = |p: &str| v.pointer(p).and_then(|x| x.as_str()).unwrap_or_default();
        let image = text("/Config/Image");
        // The tag Docker reads into a reference without one.
        let image = match image.rsplit_once('/').map_or(image, |(_, last)| last) {
            last if !image.is_empty() && !last.contains(':') && !last.contains('@') => {
                format!("{image}:latest")
            }
            _ => image.to_owned(),
        };
        Expected {
            id: text("/Id").to_owned(),
            name: text("/Name").trim_start_matches('/').to_owned(),
            image,
            imageid: text("/Image").trim_start_matches("sha256:").to_owned(),
            kind,
            privileged: v
                .pointer("/HostConfig/Privileged")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false),
            pod: None,
        }
    }
}

/// Captures live while `workload` runs containers (returning what each
/// must look like), waits until each is described, and checks the records
/// and the replay of the saved capture; returns the records.
fn check_runtime(
    env: &[(&str, String)],
    extra: &[&str],
    workload: impl FnOnce() -> Vec<Expected>,
) -> Vec<SysFlow> {
    let dir = tempfile::tempdir().unwrap();
    let mut live = Live::start(dir.path(), env, extra, true);
    let expected = workload();
    for e in &expected {
        let short = &e.id[..12];
        live.wait_for(&format!("{} described", e.name), |l| {
            l.contains("container described") && l.contains(short)
        });
    }
    let log = live.stop();
    let records = records(dir.path());
    for e in &expected {
        let short = &e.id[..12];
        let written = containers_of(&records, short);
        let last = written
            .last()
            .unwrap_or_else(|| panic!("no Container record of {e:?}:\n{log}"));
        assert_eq!(last.name, e.name, "{e:?}");
        assert_eq!(last.image, e.image, "{e:?}");
        assert_eq!(last.imageid, e.imageid, "{e:?}");
        assert_eq!(last.container_type, e.kind, "{e:?}");
        assert_eq!(last.privileged, e.privileged, "{e:?}");
        assert_eq!(last.pod_id, e.pod, "{e:?}");
        // Only the first can be incomplete: once known, always complete.
        assert!(
            written.iter().skip(1).all(|c| c.name == e.name),
            "{e:?}: {written:?}"
        );
        let inside = records
            .iter()
            .filter(
                |r| matches!(r, SysFlow::Process(p) if p.container_id.as_deref() == Some(short)),
            )
            .count();
        assert!(inside >= 1, "no process names {e:?}");
        if let Some(uid) = &e.pod {
            let pods: Vec<&Pod> = records
                .iter()
                .filter_map(|r| match r {
                    SysFlow::Pod(p) if &p.id == uid => Some(p),
                    _ => None,
                })
                .collect();
            assert!(!pods.is_empty(), "no Pod record {uid}");
        }
    }
    // The saved capture replays into the same records.
    let files = scap_files(dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let replayed = replay(&files[0], dir.path());
    assert_same_metadata(&records, &replayed);
    records
}

/// Docker: named, labelled and exiting containers, each Container record
/// as `docker inspect` reports it. (A privileged container cannot start on
/// this kind of machine; the recorded-response tests cover the flag.)
#[test]
fn docker_containers_are_written_as_docker_inspect_reports_them() {
    if !live_possible() {
        return;
    }
    let Some(docker) = Dockerd::start_or_skip() else {
        return;
    };
    docker.import_busybox("sfbusybox:1.35");
    let _live = LIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let nothing = docker.dir().join("nothing.sock");
    let env = runtime_env(&docker.socket(), &nothing);
    let _ = check_runtime(&env, &["-p", nothing.to_str().unwrap()], || {
        let ids = [
            docker.run(&["--name", "sf-sleeper", "sfbusybox:1.35", "sleep", "1"]),
            docker.run(&[
                "--name",
                "sf-labelled",
                "--label",
                "app=web",
                "sfbusybox:1.35",
                "sh",
                "-c",
                "echo hi > /tmp/x; sleep 1",
            ]),
            docker.run(&["--name", "sf-quick", "sfbusybox:1.35", "true"]),
        ];
        ids.iter()
            .map(|id| {
                docker.wait(id);
                Expected::from_inspect(&docker.inspect(id), ContainerType::Docker)
            })
            .collect()
    });
}

/// podman, through its Docker-compatible API: from an imported image and a
/// root filesystem, privileged or not. SysFlow has no podman type: such a
/// container is `CT_DOCKER` (see docs/deviations.md).
#[test]
fn podman_containers_are_written_as_podman_inspect_reports_them() {
    if !live_possible() {
        return;
    }
    let Some(podman) = Podman::start_or_skip() else {
        return;
    };
    podman.import_busybox("localhost/sfbusybox:1.35");
    let _live = LIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let nothing = podman.dir().join("nothing.sock");
    let env = runtime_env(&nothing, &podman.socket());
    let rootfs = podman.rootfs();
    let _ = check_runtime(&env, &["-p", nothing.to_str().unwrap()], || {
        let ids = [
            podman.run(&[
                "--name",
                "pm-imaged",
                "localhost/sfbusybox:1.35",
                "sleep",
                "1",
            ]),
            podman.run(&[
                "--name",
                "pm-priv",
                "--privileged",
                "--rootfs",
                rootfs.to_str().unwrap(),
                "true",
            ]),
        ];
        ids.iter()
            .map(|id| {
                podman.wait(id);
                Expected::from_inspect(&podman.inspect(id), ContainerType::Docker)
            })
            .collect()
    });
}

/// containerd's CRI plugin (a private containerd, pods run through CRI as
/// a kubelet would): Container records of type `CT_CONTAINERD` naming
/// their pod, and the Pod record.
#[test]
fn cri_containers_name_their_pod() {
    if !live_possible() {
        return;
    }
    let Some(containerd) = Containerd::start() else {
        return;
    };
    let _live = LIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let nothing = dir.path().join("nothing.sock");
    let env = runtime_env(&nothing, &nothing);
    let uid = "6f1e2d3c-1111-4000-8000-000000000016";
    let records = check_runtime(&env, &["-p", containerd.socket().to_str().unwrap()], || {
        let spec = PodSpec {
            name: "sf-pod".into(),
            namespace: "sf-ns".into(),
            uid: uid.into(),
            labels: vec![("team".into(), "blue".into())],
            containers: vec![
                ContainerSpec {
                    name: "sf-ctr".into(),
                    command: vec!["/bin/sleep".into(), "1".into()],
                    labels: Vec::new(),
                },
                ContainerSpec {
                    name: "sf-ctr-quick".into(),
                    command: vec!["/bin/true".into()],
                    labels: Vec::new(),
                },
            ],
        };
        let ids = containerd.run_pod(&spec);
        spec.containers
            .iter()
            .zip(&ids.containers)
            .map(|(c, id)| {
                containerd.wait_exited(id);
                let info: serde_json::Value =
                    serde_json::from_str(&containerd.ctr(&["containers", "info", id])).unwrap();
                let image = info["Image"].as_str().unwrap_or_default().to_owned();
                Expected {
                    id: id.clone(),
                    name: c.name.clone(),
                    imageid: image_id(&containerd),
                    // As CRI names it, registry included.
                    image,
                    kind: ContainerType::Containerd,
                    privileged: false,
                    pod: Some(uid.to_owned()),
                }
            })
            .collect()
    });
    // What CRI says of the sandbox; the rest is the Kubernetes API's.
    let pod = records
        .iter()
        .find_map(|r| match r {
            SysFlow::Pod(p) if p.id == uid => Some(p),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        (pod.name.as_str(), pod.namespace.as_str()),
        ("sf-pod", "sf-ns")
    );
    assert!(
        pod.labels.contains(&("team".to_owned(), "blue".to_owned())),
        "{:?}",
        pod.labels
    );
    assert_eq!(pod.restart_count, 0);
    // The host's network: the sandbox has no address of its own.
    assert!(pod.internal_ip.is_empty(), "{:?}", pod.internal_ip);
    assert!(pod.node_name.is_empty() && pod.host_ip.is_empty() && pod.services.is_empty());
}

/// The id CRI gives the one image (its config's digest, without
/// `sha256:`): containerd's CRI plugin lists the image under it too.
fn image_id(containerd: &Containerd) -> String {
    let listed = containerd.ctr(&["images", "ls", "-q"]);
    let ids: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.strip_prefix("sha256:"))
        .collect();
    assert_eq!(ids.len(), 1, "{listed}");
    ids[0].to_owned()
}

/// `-c` (filterContainers) with real containers: only what runs in a
/// container is written, and the container's workload is all there.
#[test]
fn filter_containers_keeps_only_a_real_containers_records() {
    if !live_possible() {
        return;
    }
    let Some(docker) = Dockerd::start_or_skip() else {
        return;
    };
    docker.import_busybox("sfbusybox:1.35");
    let _live = LIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let nothing = dir.path().join("nothing.sock");
    let env = runtime_env(&docker.socket(), &nothing);
    let mut live = Live::start(
        dir.path(),
        &env,
        &["-c", "-p", nothing.to_str().unwrap()],
        false,
    );
    let id = docker.run(&[
        "--name",
        "sf-filtered",
        "sfbusybox:1.35",
        "sh",
        "-c",
        "for i in 1 2 3 4 5; do echo $i > /tmp/in-container.$i; done",
    ]);
    docker.wait(&id);
    // The host works meanwhile; none of it may be written.
    let host = dir.path().join("on-the-host");
    fs::write(&host, b"host").unwrap();
    let short = id[..12].to_owned();
    live.wait_for("the container's metadata", |l| {
        l.contains("container described") && l.contains(&short)
    });
    let log = live.stop();
    let records = records(dir.path());
    let in_container: std::collections::HashSet<_> = records
        .iter()
        .filter_map(|r| match r {
            SysFlow::Process(p) if p.container_id.as_deref() == Some(short.as_str()) => Some(p.oid),
            _ => None,
        })
        .collect();
    let mut files = Vec::new();
    for r in &records {
        let oid = match r {
            SysFlow::FileFlow(f) => f.proc_oid,
            SysFlow::FileEvent(f) => f.proc_oid,
            SysFlow::ProcessEvent(p) => p.proc_oid,
            SysFlow::NetworkFlow(n) => n.proc_oid,
            SysFlow::File(f) => {
                files.push(f.path.clone());
                continue;
            }
            _ => continue,
        };
        let proc = records.iter().find_map(|p| match p {
            SysFlow::Process(p) if p.oid == oid => Some(p),
            _ => None,
        });
        assert!(
            proc.is_some_and(|p| p.container_id.is_some()),
            "a host process's record was written: {r:?}\n{log}"
        );
    }
    assert!(!in_container.is_empty(), "{log}");
    let made = files
        .iter()
        .filter(|p| p.contains("/tmp/in-container."))
        .count();
    assert_eq!(made, 5, "{files:?}");
    assert!(!files.iter().any(|p| p.contains("on-the-host")));
    let last = containers_of(&records, &short).pop().unwrap();
    assert_eq!(last.name, "sf-filtered");
}
