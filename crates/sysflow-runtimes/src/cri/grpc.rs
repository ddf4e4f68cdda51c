//! Unary gRPC calls over one HTTP/2 connection (h2), as CRI runtimes serve
//! them on their unix sockets.
//!
//! A call is a `POST` of one length-prefixed protobuf message; the answer is
//! one such message followed by trailers carrying `grpc-status` (or, for an
//! error, those headers alone). Messages are never compressed: the client
//! advertises no `grpc-accept-encoding`, so a server must not compress.

use std::future::Future;
use std::path::Path;
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use bytes::Bytes;
use h2::client::{Connection, SendRequest};
use tokio::net::UnixStream;

use crate::RuntimeError;
use crate::http::MAX_RESPONSE;

/// gRPC's NOT_FOUND status.
pub(crate) const NOT_FOUND: u32 = 5;
/// gRPC's UNKNOWN status.
pub(crate) const UNKNOWN: u32 = 2;

/// The largest header block accepted from the runtime.
const MAX_HEADERS: u32 = 64 << 10;

/// Opens the HTTP/2 connection (client preface and settings) on `stream`.
pub(crate) async fn handshake(
    socket: &Path,
    stream: UnixStream,
) -> Result<(SendRequest<Bytes>, Connection<UnixStream, Bytes>), RuntimeError> {
    h2::client::Builder::new()
        // Answers are at most a few tens of kilobytes: one window for all.
        .initial_window_size(1 << 20)
        .initial_connection_window_size(1 << 20)
        .max_header_list_size(MAX_HEADERS)
        .enable_push(false)
        .handshake(stream)
        .await
        .map_err(|e| h2_error(socket, e))
}

/// Runs `work` while driving the connection's IO, and returns what `work`
/// returns; dropping the connection at the end closes it. A connection that
/// fails first ends the call with its error.
pub(crate) async fn with_connection<T>(
    socket: &Path,
    connection: Connection<UnixStream, Bytes>,
    work: impl Future<Output = Result<T, RuntimeError>>,
) -> Result<T, RuntimeError> {
    let mut connection = pin!(connection);
    let mut work = pin!(work);
    let mut connection_done = false;
    std::future::poll_fn(|cx| {
        if let Poll::Ready(result) = work.as_mut().poll(cx) {
            return Poll::Ready(result);
        }
        if !connection_done && let Poll::Ready(result) = connection.as_mut().poll(cx) {
            connection_done = true;
            if let Err(e) = result {
                return Poll::Ready(Err(h2_error(socket, e)));
            }
        }
        Poll::Pending
    })
    .await
}

/// Calls `method` (`/package.Service/Method`) with `request` and decodes
/// its answer as `R`. `timeout` is sent as `grpc-timeout`, so that the
/// runtime may give up when the client has.
pub(crate) async fn unary<R: prost::Message + Default>(
    socket: &Path,
    send: &mut SendRequest<Bytes>,
    method: &'static str,
    request: &impl prost::Message,
    timeout: Duration,
) -> Result<R, RuntimeError> {
    let h2 = |e| h2_error(socket, e);
    let bad = |problem| RuntimeError::BadGrpc {
        path: socket.to_owned(),
        method,
        problem,
    };
    let message = request.encode_to_vec();
    let mut frame = Vec::with_capacity(5 + message.len());
    frame.push(0);
    let len = u32::try_from(message.len()).map_err(|_| bad("request too large"))?;
    frame.extend_from_slice(&len.to_be_bytes());
    frame.extend_from_slice(&message);

    let head = http::Request::post(format!("http://localhost{method}"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .header("user-agent", "sysflow-rs")
        // Milliseconds, in at most the 8 digits gRPC allows.
        .header(
            "grpc-timeout",
            format!("{}m", timeout.as_millis().clamp(1, 99_999_999)),
        )
        .body(())
        .map_err(|_| bad("cannot build the request"))?;
    let mut send = send.clone().ready().await.map_err(h2)?;
    let (response, mut stream) = send.send_request(head, false).map_err(h2)?;
    stream.send_data(Bytes::from(frame), true).map_err(h2)?;

    let (parts, mut body) = response.await.map_err(h2)?.into_parts();
    if parts.status != http::StatusCode::OK {
        return Err(RuntimeError::Status {
            path: socket.to_owned(),
            status: parts.status.as_u16(),
            message: String::new(),
        });
    }
    // An error comes as headers alone ("trailers-only").
    if let Some(status) = grpc_status(socket, method, &parts.headers)? {
        return Err(status);
    }
    let mut buf = Vec::new();
    while let Some(chunk) = body.data().await {
        let chunk = chunk.map_err(h2)?;
        let _ = body.flow_control().release_capacity(chunk.len());
        if buf.len() + chunk.len() > MAX_RESPONSE {
            return Err(RuntimeError::TooLarge {
                path: socket.to_owned(),
                limit: MAX_RESPONSE,
            });
        }
        buf.extend_from_slice(&chunk);
    }
    let trailers = body
        .trailers()
        .await
        .map_err(h2)?
        .ok_or_else(|| bad("no trailers"))?;
    match grpc_status(socket, method, &trailers)? {
        Some(status) => return Err(status),
        None if trailers.contains_key("grpc-status") => {}
        None => return Err(bad("no grpc-status")),
    }
    let message = unframe(&buf).map_err(bad)?;
    R::decode(message).map_err(|source| RuntimeError::BadProtobuf {
        path: socket.to_owned(),
        method,
        source,
    })
}

/// The one message in a response body: a compression flag (0), a 4-byte
/// big-endian length, the message.
fn unframe(buf: &[u8]) -> Result<&[u8], &'static str> {
    let (&[flag, len @ ..], message) = buf.split_first_chunk::<5>().ok_or("no message")?;
    let len = u32::from_be_bytes(len) as usize;
    if flag != 0 {
        return Err("compressed message");
    }
    match message.len().cmp(&len) {
        std::cmp::Ordering::Less => Err("message cut short"),
        std::cmp::Ordering::Greater => Err("more than one message"),
        std::cmp::Ordering::Equal => Ok(message),
    }
}

/// The error a `grpc-status` header other than OK (0) stands for; `None`
/// when absent or OK.
fn grpc_status(
    socket: &Path,
    method: &'static str,
    headers: &http::HeaderMap,
) -> Result<Option<RuntimeError>, RuntimeError> {
    let Some(value) = headers.get("grpc-status") else {
        return Ok(None);
    };
    let code = value
        .to_str()
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .ok_or(RuntimeError::BadGrpc {
            path: socket.to_owned(),
            method,
            problem: "grpc-status is not a number",
        })?;
    if code == 0 {
        return Ok(None);
    }
    let message = headers
        .get("grpc-message")
        .map(|m| percent_decode(m.as_bytes()))
        .unwrap_or_default();
    Ok(Some(RuntimeError::GrpcStatus {
        path: socket.to_owned(),
        method,
        code,
        message,
    }))
}

/// `grpc-message` is percent-encoded UTF-8; a bad escape is kept as is.
fn percent_decode(raw: &[u8]) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%'
            && let (Some(h), Some(l)) = (
                raw.get(i + 1).copied().and_then(hex),
                raw.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An h2 error: an IO error as [`RuntimeError::Io`], a protocol one as
/// [`RuntimeError::Http2`].
pub(crate) fn h2_error(socket: &Path, e: h2::Error) -> RuntimeError {
    match e.get_io() {
        // h2 keeps its IO error; a copy of its kind and text is enough.
        Some(io) => RuntimeError::Io {
            path: socket.to_owned(),
            source: std::io::Error::new(io.kind(), io.to_string()),
        },
        None => RuntimeError::Http2 {
            path: socket.to_owned(),
            source: e,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_hold_exactly_one_message() {
        assert_eq!(unframe(&[0, 0, 0, 0, 2, 8, 1]), Ok(&[8u8, 1][..]));
        assert_eq!(unframe(&[0, 0, 0, 0, 0]), Ok(&[][..]));
        assert_eq!(unframe(&[0, 0, 0]), Err("no message"));
        assert_eq!(unframe(&[1, 0, 0, 0, 0]), Err("compressed message"));
        assert_eq!(unframe(&[0, 0, 0, 0, 3, 8, 1]), Err("message cut short"));
        assert_eq!(
            unframe(&[0, 0, 0, 0, 1, 8, 1]),
            Err("more than one message")
        );
    }

    #[test]
    fn grpc_messages_are_percent_decoded() {
        assert_eq!(percent_decode(b"not%20found%3A x"), "not found: x");
        assert_eq!(percent_decode(b"50%"), "50%");
        assert_eq!(percent_decode(b"%zz%e2%9c%93"), "%zz\u{2713}");
    }
}
