//! What can go wrong when asking a runtime about a container.

use std::path::PathBuf;
use std::time::Duration;

/// A failed look-up: which socket, and what went wrong.
///
/// None of these stop a capture: the caller keeps the container
/// `incomplete`, counts the failure and logs it once per container.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuntimeError {
    /// Nothing listens at the socket's path (the runtime is not installed or
    /// not running).
    #[error("no runtime socket at {path}")]
    SocketMissing {
        /// The socket's path.
        path: PathBuf,
    },
    /// The socket exists but connecting failed (refused, permission denied,
    /// listen backlog full).
    #[error("cannot connect to {path}")]
    Connect {
        /// The socket's path.
        path: PathBuf,
        /// The connect call's error.
        #[source]
        source: std::io::Error,
    },
    /// The runtime did not answer in time.
    #[error("{path} did not answer within {after:?}")]
    Timeout {
        /// The socket's path.
        path: PathBuf,
        /// The time allowed for the whole request.
        after: Duration,
    },
    /// Reading or writing the connection failed.
    #[error("i/o error on {path}")]
    Io {
        /// The socket's path.
        path: PathBuf,
        /// The read or write call's error.
        #[source]
        source: std::io::Error,
    },
    /// The answer is not an HTTP/1.x response this client understands.
    #[error("bad HTTP response from {path}: {problem}")]
    BadHttp {
        /// The socket's path.
        path: PathBuf,
        /// What was wrong with it.
        problem: &'static str,
    },
    /// The answer is larger than the client accepts.
    #[error("response from {path} exceeds {limit} bytes")]
    TooLarge {
        /// The socket's path.
        path: PathBuf,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The runtime knows no container by this id or name (HTTP 404, gRPC
    /// NOT_FOUND, or containerd's UNKNOWN "does not exist").
    #[error("no container {id} at {path}")]
    NotFound {
        /// The socket's path.
        path: PathBuf,
        /// The id or name asked for.
        id: String,
    },
    /// The runtime answered with an HTTP error status: other than 404 from
    /// the Docker Engine API, other than 200 from a CRI runtime (whose
    /// errors are gRPC statuses, [`RuntimeError::GrpcStatus`]).
    #[error("{path} answered HTTP {status}: {message}")]
    Status {
        /// The socket's path.
        path: PathBuf,
        /// The HTTP status code.
        status: u16,
        /// The API's error message (its JSON `message`), or empty.
        message: String,
    },
    /// The body is not JSON.
    #[error("bad JSON from {path}")]
    BadJson {
        /// The socket's path.
        path: PathBuf,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// A CRI runtime answered a call with a gRPC status other than OK (and
    /// other than NOT_FOUND for the container asked about, which is
    /// [`RuntimeError::NotFound`]).
    #[error("{path} answered {method} with gRPC status {code}: {message}")]
    GrpcStatus {
        /// The socket's path.
        path: PathBuf,
        /// The gRPC method, e.g. `/runtime.v1.RuntimeService/ContainerStatus`.
        method: &'static str,
        /// The gRPC status code (2 UNKNOWN, 12 UNIMPLEMENTED, …).
        code: u32,
        /// The runtime's `grpc-message`, decoded.
        message: String,
    },
    /// The HTTP/2 connection to a CRI runtime failed: the peer does not
    /// speak HTTP/2, broke the protocol, or reset the call.
    #[error("HTTP/2 error on {path}")]
    Http2 {
        /// The socket's path.
        path: PathBuf,
        /// h2's error.
        #[source]
        source: h2::Error,
    },
    /// A CRI runtime's HTTP/2 answer is not a unary gRPC response.
    #[error("bad gRPC response from {path} to {method}: {problem}")]
    BadGrpc {
        /// The socket's path.
        path: PathBuf,
        /// The gRPC method called.
        method: &'static str,
        /// What was wrong with it.
        problem: &'static str,
    },
    /// A CRI runtime's message does not decode as the CRI message expected.
    #[error("bad protobuf from {path} answering {method}")]
    BadProtobuf {
        /// The socket's path.
        path: PathBuf,
        /// The gRPC method called.
        method: &'static str,
        /// prost's error.
        #[source]
        source: prost::DecodeError,
    },
    /// The answer lacks a field every container description has.
    #[error("container description from {path} lacks {field}")]
    MissingField {
        /// The socket's path.
        path: PathBuf,
        /// The field's path, e.g. `Id` (Docker's JSON) or `status.id`
        /// (CRI's `ContainerStatusResponse`).
        field: &'static str,
    },
    /// The id is not something a runtime could know (only letters, digits,
    /// `_`, `.` and `-`, up to 128 bytes, are asked for), so it was not sent.
    #[error("not a container id or name: {id:?}")]
    BadId {
        /// The id as given.
        id: String,
    },
}

/// An error and its sources, `: `-separated, for a log line.
pub(crate) fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
