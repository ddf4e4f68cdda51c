//! The response parser, on well-formed, partial and broken input.

use super::{MAX_RESPONSE, parse};

fn complete(raw: &[u8]) -> (u16, Vec<u8>) {
    let r = parse(raw, false)
        .ok()
        .flatten()
        .or_else(|| parse(raw, true).ok().flatten());
    let r = r.unwrap_or_else(|| panic!("incomplete: {:?}", String::from_utf8_lossy(raw)));
    (r.status, r.body)
}

#[test]
fn content_length_bodies_end_at_their_length() {
    let raw = b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}trailing";
    assert_eq!(complete(raw), (404, b"{}".to_vec()));
    // Every prefix is "not yet", never an error.
    for n in 0..raw.len() - "trailing".len() - 1 {
        assert!(matches!(parse(&raw[..n], false), Ok(None)), "prefix {n}");
    }
}

#[test]
fn chunked_bodies_are_joined() {
    let raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n";
    assert_eq!(complete(raw), (200, b"abcde".to_vec()));
    for n in 0..raw.len() {
        assert!(matches!(parse(&raw[..n], false), Ok(None)), "prefix {n}");
    }
}

#[test]
fn a_body_without_length_ends_with_the_connection() {
    let raw = b"HTTP/1.0 200 OK\r\n\r\nhello";
    assert!(matches!(parse(raw, false), Ok(None)));
    assert_eq!(complete(raw), (200, b"hello".to_vec()));
}

#[test]
fn broken_responses_are_errors() {
    for raw in [
        &b"SSH-2.0-OpenSSH\r\n\r\n"[..],
        b"HTTP/1.1 2000 OK\r\n\r\n",
        b"HTTP/1.1 abc OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n",
        b"HTTP/1.1 200 OK\r\n\xff: x\r\n\r\n",
    ] {
        assert!(
            parse(raw, true).is_err(),
            "accepted {:?}",
            String::from_utf8_lossy(raw)
        );
    }
    let big = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n",
        MAX_RESPONSE + 1
    );
    assert!(parse(big.as_bytes(), false).is_err());
    assert!(parse(&vec![b'a'; 100 << 10], false).is_err());
}

/// Bytes from a fixed-seed generator, biased towards the bytes HTTP's
/// syntax is made of, so that the parser's branches are reached.
#[test]
fn garbage_never_panics() {
    let alphabet = b"HTTP/1.1 200\r\n:;0123456789abcdefABCDEF chunked Content-Length Transfer-Encoding\xff\x00";
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..20_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let len = (state % 200) as usize;
        let mut raw = b"HTTP/1.1 200 OK\r\n".to_vec();
        let mut s = state;
        for _ in 0..len {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            raw.push(alphabet[(s >> 33) as usize % alphabet.len()]);
        }
        let _ = parse(&raw, false);
        let _ = parse(&raw, true);
        let _ = parse(&raw[17..], true);
    }
}
