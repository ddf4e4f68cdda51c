//! A minimal HTTP/1.1 client over a unix stream socket: one `GET` per
//! connection, the whole exchange bounded by one deadline.
//!
//! Why not hyper: a runtime look-up is one small GET on a local socket now
//! and then (a container start), from a thread beside the event loop.
//! hyper's client needs an async runtime (tokio) and hyper-util for unix
//! sockets, about 40 more crates in the lock and a reactor thread, for
//! features (keep-alive pools, HTTP/2, streaming bodies) these look-ups do
//! not use; the Docker and podman APIs answer a `Connection: close` GET with
//! either a `Content-Length` or a chunked body, which is all this parses.
//! Static musl builds keep working since nothing here links C.

use std::io::{ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

use socket2::{Domain, SockAddr, Socket, Type};

use crate::RuntimeError;

/// The largest response accepted, headers and body: a container description
/// is a few kilobytes, one with hundreds of labels or mounts some tens.
pub(crate) const MAX_RESPONSE: usize = 4 << 20;

/// The largest header block accepted.
const MAX_HEADERS: usize = 64 << 10;

/// A complete response.
#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Sends `GET target` to the server at `socket` and reads its answer, all
/// within `timeout`.
pub(crate) fn get(
    socket: &Path,
    target: &str,
    timeout: Duration,
) -> Result<Response, RuntimeError> {
    let deadline = Instant::now() + timeout;
    let timed_out = || RuntimeError::Timeout {
        path: socket.to_owned(),
        after: timeout,
    };
    let io = |source: std::io::Error| {
        if matches!(source.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) {
            timed_out()
        } else {
            RuntimeError::Io {
                path: socket.to_owned(),
                source,
            }
        }
    };
    let mut stream = connect(socket, timeout)?;
    let request = format!(
        "GET {target} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: sysflow-rs\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
    );
    let remaining = |deadline: Instant| {
        deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
    };
    let left = remaining(deadline).ok_or_else(timed_out)?;
    stream.set_write_timeout(Some(left)).map_err(io)?;
    stream.write_all(request.as_bytes()).map_err(io)?;

    let mut buf = Vec::with_capacity(8 << 10);
    let mut chunk = [0u8; 16 << 10];
    loop {
        if let Some(response) = parse(&buf, false).map_err(|problem| bad(socket, problem))? {
            return Ok(response);
        }
        let left = remaining(deadline).ok_or_else(timed_out)?;
        stream.set_read_timeout(Some(left)).map_err(io)?;
        let n = match stream.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        if n == 0 {
            return parse(&buf, true)
                .map_err(|problem| bad(socket, problem))?
                .ok_or_else(|| bad(socket, "connection closed before the response ended"));
        }
        if buf.len() + n > MAX_RESPONSE {
            return Err(RuntimeError::TooLarge {
                path: socket.to_owned(),
                limit: MAX_RESPONSE,
            });
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

fn bad(socket: &Path, problem: &'static str) -> RuntimeError {
    RuntimeError::BadHttp {
        path: socket.to_owned(),
        problem,
    }
}

/// Connects without blocking past `timeout`: a unix `connect` blocks while
/// the listener's backlog is full (a runtime that stopped accepting).
pub(crate) fn connect(socket: &Path, timeout: Duration) -> Result<UnixStream, RuntimeError> {
    let err = |source: std::io::Error| match source.kind() {
        ErrorKind::NotFound => RuntimeError::SocketMissing {
            path: socket.to_owned(),
        },
        _ => RuntimeError::Connect {
            path: socket.to_owned(),
            source,
        },
    };
    let addr = SockAddr::unix(socket).map_err(err)?;
    let sock = Socket::new(Domain::UNIX, Type::STREAM, None).map_err(err)?;
    sock.connect_timeout(&addr, timeout).map_err(err)?;
    Ok(UnixStream::from(std::os::fd::OwnedFd::from(sock)))
}

/// Parses a response from the bytes read so far: `Ok(None)` while more are
/// needed, and at the end of the stream (`eof`) a body without a length
/// ends there.
pub(crate) fn parse(buf: &[u8], eof: bool) -> Result<Option<Response>, &'static str> {
    let Some(head_len) = find(buf, b"\r\n\r\n") else {
        if buf.len() > MAX_HEADERS {
            return Err("header block too large");
        }
        return Ok(None);
    };
    let head = std::str::from_utf8(&buf[..head_len]).map_err(|_| "headers are not UTF-8")?;
    let body = &buf[head_len + 4..];
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/1.") {
        return Err("not an HTTP/1.x status line");
    }
    let status = parts
        .next()
        .filter(|s| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or("bad status code")?;
    let mut length = None;
    let mut chunked = false;
    for line in lines {
        let (name, value) = line.split_once(':').ok_or("header line without a colon")?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            let n = value.parse::<usize>().map_err(|_| "bad Content-Length")?;
            if n > MAX_RESPONSE {
                return Err("Content-Length beyond the response limit");
            }
            length = Some(n);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value
                .rsplit(',')
                .next()
                .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"));
            if !chunked {
                return Err("unsupported Transfer-Encoding");
            }
        }
    }
    // 1xx, 204 and 304 have no body whatever the headers say.
    if (100..200).contains(&status) || status == 204 || status == 304 {
        return Ok(Some(Response {
            status,
            body: Vec::new(),
        }));
    }
    if chunked {
        return Ok(dechunk(body)?.map(|body| Response { status, body }));
    }
    match length {
        Some(n) if body.len() >= n => Ok(Some(Response {
            status,
            body: body[..n].to_vec(),
        })),
        Some(_) if eof => Err("connection closed inside the body"),
        Some(_) => Ok(None),
        None if eof => Ok(Some(Response {
            status,
            body: body.to_vec(),
        })),
        None => Ok(None),
    }
}

/// Decodes a chunked body: `Ok(None)` until the last chunk and the
/// trailers' end have arrived.
fn dechunk(mut rest: &[u8]) -> Result<Option<Vec<u8>>, &'static str> {
    let mut body = Vec::new();
    loop {
        let Some(line_len) = find(rest, b"\r\n") else {
            return if rest.len() > 1024 {
                Err("chunk size line too long")
            } else {
                Ok(None)
            };
        };
        let line = std::str::from_utf8(&rest[..line_len]).map_err(|_| "bad chunk size")?;
        // Chunk extensions (`;name=value`) carry nothing we need.
        let hex = line.split(';').next().unwrap_or_default().trim();
        if hex.is_empty() || hex.len() > 8 {
            return Err("bad chunk size");
        }
        let size = usize::from_str_radix(hex, 16).map_err(|_| "bad chunk size")?;
        rest = &rest[line_len + 2..];
        if size == 0 {
            // Trailers, then an empty line.
            loop {
                let Some(n) = find(rest, b"\r\n") else {
                    return Ok(None);
                };
                if n == 0 {
                    return Ok(Some(body));
                }
                rest = &rest[n + 2..];
            }
        }
        if body.len() + size > MAX_RESPONSE {
            return Err("chunked body beyond the response limit");
        }
        if rest.len() < size + 2 {
            return Ok(None);
        }
        if &rest[size..size + 2] != b"\r\n" {
            return Err("chunk not followed by CRLF");
        }
        body.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests;
