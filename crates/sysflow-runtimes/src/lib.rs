#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod container;
mod cri;
mod docker;
mod error;
mod http;
mod resolver;

pub use container::{ContainerMeta, PodMeta, RuntimeKind};
pub use cri::{CONTAINERD_SOCKET, CRIO_SOCKET, CriClient, DEFAULT_CRI_SOCKETS, K3S_SOCKET};
pub use docker::{DOCKER_SOCKET, DockerClient, PODMAN_SOCKET};
pub use error::RuntimeError;
pub use resolver::{Described, LookupStats, Resolver, ResolverConfig, RuntimeSocket};
