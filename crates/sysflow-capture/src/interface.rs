//! The interface list block: the capturing host's network interfaces.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::wire::Cursor;

/// A network interface address from an interface list block.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Interface {
    /// An IPv4 interface address.
    V4 {
        /// Interface name, e.g. `eth0`.
        name: Vec<u8>,
        /// Address.
        addr: Ipv4Addr,
        /// Netmask.
        netmask: Ipv4Addr,
        /// Broadcast address.
        broadcast: Ipv4Addr,
        /// Link speed, when the entry carries one.
        link_speed: Option<u64>,
    },
    /// An IPv6 interface address.
    V6 {
        /// Interface name.
        name: Vec<u8>,
        /// Address.
        addr: Ipv6Addr,
        /// Netmask.
        netmask: Ipv6Addr,
        /// Broadcast address.
        broadcast: Ipv6Addr,
        /// Link speed, when the entry carries one.
        link_speed: Option<u64>,
    },
}

impl Interface {
    /// The interface name.
    pub fn name(&self) -> &[u8] {
        match self {
            Interface::V4 { name, .. } | Interface::V6 { name, .. } => name,
        }
    }
}

/// Decode one entry; `None` if malformed or of an unknown type.
pub(crate) fn decode_entry(c: &mut Cursor<'_>) -> Option<Interface> {
    let ty = c.u16()?;
    let namelen = usize::from(c.u16()?);
    match ty {
        1 | 3 => {
            let addr = c.ipv4()?;
            let netmask = c.ipv4()?;
            let broadcast = c.ipv4()?;
            let link_speed = if ty == 1 { Some(c.u64()?) } else { None };
            let name = c.bytes(namelen)?.to_vec();
            Some(Interface::V4 {
                name,
                addr,
                netmask,
                broadcast,
                link_speed,
            })
        }
        2 | 4 => {
            let addr = c.ipv6()?;
            let netmask = c.ipv6()?;
            let broadcast = c.ipv6()?;
            let link_speed = if ty == 2 { Some(c.u64()?) } else { None };
            let name = c.bytes(namelen)?.to_vec();
            Some(Interface::V6 {
                name,
                addr,
                netmask,
                broadcast,
                link_speed,
            })
        }
        _ => None,
    }
}
