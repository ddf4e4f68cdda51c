//! A unix socket server for the tests: each connection reads one request
//! and gets the next canned answer.

use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// What the server does with a connection.
#[derive(Clone)]
pub enum Answer {
    /// Writes these bytes and closes.
    Raw(Vec<u8>),
    /// Reads the request and then holds the connection open, saying nothing.
    Silent,
}

/// An HTTP response with a `Content-Length` body.
pub fn with_length(status: &str, body: &[u8]) -> Answer {
    let mut raw = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(body);
    Answer::Raw(raw)
}

/// An HTTP response with a chunked body, split into small chunks as
/// Docker's own are (it sends one chunk per write of its encoder).
pub fn chunked(status: &str, body: &[u8]) -> Answer {
    let mut raw = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .into_bytes();
    for chunk in body.chunks(1000) {
        raw.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        raw.extend_from_slice(chunk);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    Answer::Raw(raw)
}

/// A running server; dropping it stops accepting (held connections close
/// when the test's process does).
pub struct Server {
    _dir: tempfile::TempDir,
    path: PathBuf,
    requests: Arc<Mutex<Vec<String>>>,
    _thread: JoinHandle<()>,
}

impl Server {
    /// Serves `answers` in turn, the last one for every further connection.
    pub fn start(answers: Vec<Answer>) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("api.sock");
        let listener = UnixListener::bind(&path).expect("bind");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        let thread = std::thread::spawn(move || {
            let mut held = Vec::new();
            for (i, conn) in listener.incoming().enumerate() {
                let Ok(mut conn) = conn else { return };
                let request = read_request(&mut conn);
                seen.lock().expect("lock").push(request);
                match answers.get(i).or(answers.last()) {
                    Some(Answer::Raw(raw)) => {
                        let _ = conn.write_all(raw);
                    }
                    Some(Answer::Silent) | None => held.push(conn),
                }
            }
        });
        Server {
            _dir: dir,
            path,
            requests,
            _thread: thread,
        }
    }

    /// The socket's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The request lines received so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("lock").clone()
    }
}

/// Reads a request's head and returns its first line.
fn read_request(conn: &mut UnixStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 8192 {
        match conn.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// A recorded response body from `tests/data`.
pub fn data(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
