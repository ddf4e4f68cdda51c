#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod container;
mod cri_stub;
mod docker;
mod error;
mod http;
mod resolver;

pub use container::{ContainerMeta, PodMeta, RuntimeKind};
pub use cri_stub::{CriClient, DEFAULT_CRI_SOCKETS};
pub use docker::{DOCKER_SOCKET, DockerClient, PODMAN_SOCKET};
pub use error::RuntimeError;
pub use resolver::{LookupStats, Resolver, ResolverConfig, RuntimeSocket};
