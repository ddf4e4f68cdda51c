//! Placeholder until the CRI client lands (replaced by `cri`).
#![allow(missing_docs, dead_code)]
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::{ContainerMeta, RuntimeError};

pub const DEFAULT_CRI_SOCKETS: [&str; 0] = [];

#[derive(Debug)]
pub struct CriClient {
    socket: PathBuf,
}

impl CriClient {
    pub fn new(socket: impl Into<PathBuf>, _timeout: Duration) -> CriClient {
        CriClient {
            socket: socket.into(),
        }
    }
    pub fn socket(&self) -> &Path {
        &self.socket
    }
    pub fn inspect(&mut self, _id: &str) -> Result<ContainerMeta, RuntimeError> {
        Err(RuntimeError::SocketMissing {
            path: self.socket.clone(),
        })
    }
}
