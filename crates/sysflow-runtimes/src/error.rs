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
    /// The runtime knows no container by this id or name (HTTP 404).
    #[error("no container {id} at {path}")]
    NotFound {
        /// The socket's path.
        path: PathBuf,
        /// The id or name asked for.
        id: String,
    },
    /// The runtime answered with an error status other than 404.
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
    /// The JSON lacks a field every container description has.
    #[error("container description from {path} lacks {field}")]
    MissingField {
        /// The socket's path.
        path: PathBuf,
        /// The field's JSON path, e.g. `Id`.
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
