#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod container;
mod docker;
mod error;
mod http;

pub use container::{ContainerMeta, PodMeta, RuntimeKind};
pub use docker::{DOCKER_SOCKET, DockerClient, PODMAN_SOCKET};
pub use error::RuntimeError;
