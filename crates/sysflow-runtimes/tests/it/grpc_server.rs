//! A gRPC server for the tests: h2 on a unix socket in a temporary
//! directory, on a thread of its own, answering each unary call with what a
//! handler returns for its method and request message.

use std::os::unix::net::UnixListener as StdListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Response};

/// What the server answers to one call.
pub enum Reply {
    /// An encoded protobuf message, with `grpc-status: 0`.
    Message(Vec<u8>),
    /// An error status (headers alone, as gRPC servers send errors).
    Status(u32, &'static str),
    /// These bytes as the body (frame included), then `grpc-status: 0`.
    Body(Vec<u8>),
    /// Headers with this `:status` and nothing else.
    Http(u16),
    /// Nothing, ever: the call stays open.
    Stall,
}

type Handler = dyn Fn(&str, &[u8]) -> Reply + Send + Sync;

/// A running server; the thread stays until the test process ends.
pub struct GrpcServer {
    _dir: tempfile::TempDir,
    path: PathBuf,
    calls: Arc<Mutex<Vec<String>>>,
}

impl GrpcServer {
    /// Serves `handler(method, request message)` for every call.
    pub fn start(handler: impl Fn(&str, &[u8]) -> Reply + Send + Sync + 'static) -> GrpcServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("cri.sock");
        let listener = StdListener::bind(&path).expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let calls = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&calls);
        let handler: Arc<Handler> = Arc::new(handler);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::UnixListener::from_std(listener).expect("listener");
                loop {
                    let Ok((conn, _)) = listener.accept().await else {
                        return;
                    };
                    let handler = Arc::clone(&handler);
                    let seen = Arc::clone(&seen);
                    tokio::spawn(async move {
                        let Ok(mut h2) = h2::server::handshake(conn).await else {
                            return;
                        };
                        let mut stalled = Vec::new();
                        while let Some(Ok((request, mut respond))) = h2.accept().await {
                            let method = request.uri().path().to_owned();
                            let mut body = request.into_body();
                            let mut buf = Vec::new();
                            while let Some(Ok(chunk)) = body.data().await {
                                let _ = body.flow_control().release_capacity(chunk.len());
                                buf.extend_from_slice(&chunk);
                            }
                            seen.lock().expect("lock").push(method.clone());
                            let message = buf.get(5..).unwrap_or_default();
                            match handler(&method, message) {
                                Reply::Message(message) => {
                                    let mut framed = vec![0];
                                    framed.extend_from_slice(&(message.len() as u32).to_be_bytes());
                                    framed.extend_from_slice(&message);
                                    answer(&mut respond, framed);
                                }
                                Reply::Body(body) => answer(&mut respond, body),
                                Reply::Status(code, message) => {
                                    let head = Response::builder()
                                        .header("content-type", "application/grpc")
                                        .header("grpc-status", code.to_string())
                                        .header("grpc-message", message)
                                        .body(())
                                        .expect("response");
                                    let _ = respond.send_response(head, true);
                                }
                                Reply::Http(status) => {
                                    let head = Response::builder()
                                        .status(status)
                                        .body(())
                                        .expect("response");
                                    let _ = respond.send_response(head, true);
                                }
                                Reply::Stall => stalled.push(respond),
                            }
                        }
                    });
                }
            });
        });
        GrpcServer {
            _dir: dir,
            path,
            calls,
        }
    }

    /// The socket's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The methods called so far, in order.
    pub fn calls(&self) -> Vec<String> {
        self.calls.lock().expect("lock").clone()
    }
}

/// Sends a 200 with `body` and an OK `grpc-status` trailer.
fn answer(respond: &mut h2::server::SendResponse<Bytes>, body: Vec<u8>) {
    let head = Response::builder()
        .header("content-type", "application/grpc")
        .body(())
        .expect("response");
    let Ok(mut stream) = respond.send_response(head, false) else {
        return;
    };
    let _ = stream.send_data(Bytes::from(body), false);
    let mut trailers = HeaderMap::new();
    trailers.insert("grpc-status", HeaderValue::from_static("0"));
    let _ = stream.send_trailers(trailers);
}
