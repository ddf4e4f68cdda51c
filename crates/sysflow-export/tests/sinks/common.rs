//! Shared helpers: the golden files, and a server that reads the socket the
//! way sf-processor's socket driver does.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use socket2::{Domain, SockAddr, Socket, Type};
use sysflow_export::SF_PROCESSOR_MAX_PACKET;
use sysflow_types::{SfReader, SysFlow};

/// Every golden case's `expected.sf` in `../shared/golden` beside the
/// repository, sorted; `None` (with a message) when `../shared` is absent,
/// which only a user's checkout may lack: under CI (`CI` set) it fails.
pub fn golden_files() -> Option<Vec<(String, PathBuf)>> {
    let shared = sysflow_test_support::shared_dir()?;
    let mut cases: Vec<_> = std::fs::read_dir(shared.join("golden"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.sf").is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                p.join("expected.sf"),
            )
        })
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no golden case in {}", shared.display());
    Some(cases)
}

/// Every record of a `.sf` file.
pub fn read_sf(path: &Path) -> Vec<SysFlow> {
    SfReader::open(path)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

/// A golden file's records after its header: what a producer hands a sink
/// (sinks write their own headers).
pub fn golden_body(path: &Path) -> Vec<SysFlow> {
    let mut records = read_sf(path);
    assert!(matches!(records.first(), Some(SysFlow::Header(_))));
    records.remove(0);
    records
}

/// A listening `SOCK_SEQPACKET` socket, as sf-processor makes it: it removes
/// whatever is at the path, binds and listens.
pub struct Server {
    listener: Socket,
    pub path: PathBuf,
}

impl Server {
    pub fn bind(path: &Path) -> Server {
        let _ = std::fs::remove_file(path);
        let listener = Socket::new(Domain::UNIX, Type::SEQPACKET, None).unwrap();
        listener.bind(&SockAddr::unix(path).unwrap()).unwrap();
        listener.listen(16).unwrap();
        Server {
            listener,
            path: path.to_path_buf(),
        }
    }

    pub fn accept(&self) -> Conn {
        let (socket, _) = self.listener.accept().unwrap();
        // A sink bug must fail the test, not hang it.
        socket
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        Conn(socket)
    }

    /// Accepts one connection in a thread and returns every packet until the
    /// client closes it.
    pub fn collect(self) -> JoinHandle<Vec<SysFlow>> {
        std::thread::spawn(move || {
            let conn = self.accept();
            let mut got = Vec::new();
            while let Some(rec) = conn.recv() {
                got.push(rec);
            }
            got
        })
    }
}

/// One accepted connection.
pub struct Conn(pub Socket);

/// A server that goes away shuts its connection down rather than only
/// closing its descriptor: a process another test forks meanwhile holds a
/// copy of the descriptor until its exec, and the socket, kept alive by it,
/// would take the sink's next packets (a test that counts the drops of a
/// dead server saw none).
impl Drop for Conn {
    fn drop(&mut self) {
        let _ = self.0.shutdown(std::net::Shutdown::Both);
    }
}

/// The listener too: shut down, it refuses connections even while a forked
/// process holds a copy of it.
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.listener.shutdown(std::net::Shutdown::Both);
    }
}

impl Conn {
    /// The next packet decoded as one SysFlow datum (sf-processor's reading:
    /// a 16 KiB buffer, one datum per packet), or `None` when the client
    /// closed the connection. Fails on a packet sf-processor would have
    /// truncated, on a decoding error, and on a datum that does not encode
    /// back to the packet's exact bytes.
    pub fn recv(&self) -> Option<SysFlow> {
        let mut buf = vec![0u8; SF_PROCESSOR_MAX_PACKET + 1];
        let n = (&self.0).read(&mut buf).unwrap();
        if n == 0 {
            return None;
        }
        assert!(
            n <= SF_PROCESSOR_MAX_PACKET,
            "a {n}-byte packet: sf-processor would truncate it"
        );
        let packet = &buf[..n];
        let rec = SysFlow::decode(packet).unwrap();
        assert_eq!(rec.to_bytes(), packet, "the packet is not one bare datum");
        Some(rec)
    }
}

/// A `SOCK_SEQPACKET` server run by another user (nobody, uid 65534): a
/// Python script under `setpriv` that binds `path`, listens, and after each
/// connection prints how many packets it got. `None`, with a message, where
/// this process cannot start one (not root, no setpriv or /usr/bin/python3);
/// CI, which runs as root with both, must.
pub struct ForeignServer {
    child: std::process::Child,
    lines: std::io::Lines<std::io::BufReader<std::process::ChildStdout>>,
}

/// The uid [`ForeignServer`] runs as.
pub const NOBODY: u32 = 65534;

const FOREIGN_SERVER: &str = r#"
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.bind(sys.argv[1])
s.listen(8)
print("listening", flush=True)
while True:
    c, _ = s.accept()
    n = 0
    while c.recv(65536):
        n += 1
    c.close()
    print(n, flush=True)
"#;

impl ForeignServer {
    /// Starts the server on `path`; its directory is handed to nobody so
    /// that it can bind there.
    pub fn start(path: &Path) -> Option<ForeignServer> {
        use std::io::BufRead;
        use std::os::unix::fs::MetadataExt;

        let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
        let tools = Path::new("/usr/bin/python3").exists()
            && std::process::Command::new("setpriv")
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success());
        if !root || !tools {
            assert!(
                !sysflow_test_support::under_ci(),
                "CI runs as root, with setpriv and /usr/bin/python3"
            );
            sysflow_test_support::skip(
                "a server of another user needs root, setpriv and /usr/bin/python3",
            );
            return None;
        }
        let dir = path.parent().unwrap();
        std::os::unix::fs::chown(dir, Some(NOBODY), Some(NOBODY)).unwrap();
        let mut child = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .args(["/usr/bin/python3", "-c", FOREIGN_SERVER])
            .arg(path)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        assert_eq!(lines.next().unwrap().unwrap(), "listening");
        assert_eq!(std::fs::metadata(path).unwrap().uid(), NOBODY);
        Some(ForeignServer { child, lines })
    }

    /// Waits for the end of the next connection and returns how many
    /// packets it carried.
    pub fn packets(&mut self) -> usize {
        self.lines.next().unwrap().unwrap().parse().unwrap()
    }
}

impl Drop for ForeignServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
