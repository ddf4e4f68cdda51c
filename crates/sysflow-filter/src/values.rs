//! Values as libsinsp 0.29.3 parses them for each field type: numbers as
//! `sscanf("%lu%c")` reads them (optional blanks and sign, decimal only,
//! nothing after; the narrow types truncated as C truncates), booleans,
//! ports (digits, or a service name from `/etc/services`), IP addresses
//! and networks (`inet_pton`, a `/bits` mask for IPv4 networks; an IPv6
//! "network" is an address, compared on its first 64 bits as libsinsp
//! does), and the hex strings of `bcontains`/`bstartswith`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// `strtoull`/`strtoll`'s digits: blanks, a sign, decimal digits; the
/// magnitude saturated at `u64::MAX`. `None` unless the whole text is that.
fn scan_parts(text: &str) -> Option<(bool, u64, bool)> {
    let s = text.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut value: u64 = 0;
    let mut overflow = false;
    for b in digits.bytes() {
        match value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(b - b'0')))
        {
            Some(v) => value = v,
            None => {
                overflow = true;
                value = u64::MAX;
            }
        }
    }
    Some((negative, value, overflow))
}

/// An unsigned 64-bit number as `sscanf("%lu")` reads it (`-1` wraps).
pub(crate) fn scan_u64(text: &str) -> Option<u64> {
    let (negative, value, overflow) = scan_parts(text)?;
    Some(if overflow {
        u64::MAX
    } else if negative {
        value.wrapping_neg()
    } else {
        value
    })
}

/// A signed 64-bit number as `sscanf("%ld")` reads it (saturating).
pub(crate) fn scan_i64(text: &str) -> Option<i64> {
    let (negative, value, _) = scan_parts(text)?;
    Some(if negative {
        if value > i64::MAX as u64 {
            i64::MIN
        } else {
            -(value as i64)
        }
    } else {
        i64::try_from(value).unwrap_or(i64::MAX)
    })
}

/// A 32-bit number as `sscanf("%u")` reads it: read as 64 bits, truncated.
pub(crate) fn scan_u32(text: &str) -> Option<u32> {
    scan_u64(text).map(|v| v as u32)
}

/// A signed 32-bit number as `sscanf("%d")` reads it: read as a saturated
/// 64-bit `long`, truncated.
pub(crate) fn scan_i32(text: &str) -> Option<i32> {
    scan_i64(text).map(|v| v as i32)
}

/// A port: empty is 0, digits are a number (`stoi`, truncated to 16 bits),
/// anything else a service name looked up in `/etc/services`.
pub(crate) fn parse_port(text: &str) -> Option<u16> {
    if text.is_empty() {
        return Some(0);
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<i32>().ok().map(|v| v as u16);
    }
    service_port(text)
}

/// The port of a service name, as `getservbyname(name, NULL)` finds it in
/// `/etc/services` (names and aliases, any protocol, first entry).
fn service_port(name: &str) -> Option<u16> {
    let services = std::fs::read_to_string("/etc/services").ok()?;
    services.lines().find_map(|line| {
        let line = line.split('#').next().unwrap_or_default();
        let mut words = line.split_whitespace();
        let service = words.next()?;
        let port = words.next()?.split('/').next()?.parse::<u16>().ok()?;
        (service == name || words.any(|alias| alias == name)).then_some(port)
    })
}

/// A boolean: exactly `true` or `false`.
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// An address: IPv4 if the text has a dot, IPv6 otherwise, as libsinsp
/// decides.
pub(crate) fn parse_ip(text: &str) -> Option<IpAddr> {
    if text.contains('.') {
        text.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
    } else {
        text.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
    }
}

/// A network a field's address is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpNet {
    /// An IPv4 network: the address and the mask.
    V4 {
        /// The address, masked when compared.
        addr: Ipv4Addr,
        /// The mask's length, 0 to 32.
        bits: u8,
    },
    /// An IPv6 address; libsinsp 0.29 takes it as the /64 network it is in.
    V6(Ipv6Addr),
}

impl IpNet {
    /// Whether `ip` is in the network.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self, ip) {
            (IpNet::V4 { addr, bits }, IpAddr::V4(ip)) => {
                let mask = if *bits == 0 {
                    0
                } else {
                    u32::MAX << (32 - u32::from(*bits))
                };
                u32::from(*addr) & mask == u32::from(ip) & mask
            }
            (IpNet::V6(net), IpAddr::V6(ip)) => net.octets()[..8] == ip.octets()[..8],
            _ => false,
        }
    }
}

/// A network: `a.b.c.d/bits` (bits read as `%u` truncated to 8 bits, then
/// at most 32), or an IPv6 address.
pub(crate) fn parse_net(text: &str) -> Option<IpNet> {
    if text.contains('.') {
        let (addr, bits) = text.split_once('/')?;
        let addr = addr.parse::<Ipv4Addr>().ok()?;
        let bits = scan_u32(bits)? as u8;
        (bits <= 32).then_some(IpNet::V4 { addr, bits })
    } else {
        text.parse::<Ipv6Addr>().ok().map(IpNet::V6)
    }
}

/// Hex digits, two per byte (`bcontains`, `bstartswith`); not empty.
pub(crate) fn parse_hex(text: &[u8]) -> Option<Vec<u8>> {
    if text.is_empty() || !text.len().is_multiple_of(2) {
        return None;
    }
    text.chunks(2)
        .map(|pair| {
            let high = (pair[0] as char).to_digit(16)?;
            let low = (pair[1] as char).to_digit(16)?;
            // Two hex digits make a byte.
            Some((high * 16 + low) as u8)
        })
        .collect()
}
