//! Unit tests of the read buffer: what it allocates, and that it hands out
//! the stream's bytes unchanged however the source splits them.

use std::io::{self, Read};

use super::{CHUNK, FIRST_CHUNK, Input};

/// A source that hands out at most `step` bytes per read.
struct Dribble {
    data: Vec<u8>,
    pos: usize,
    step: usize,
}

impl Read for Dribble {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let rest = self.data.get(self.pos..).unwrap_or_default();
        let n = buf.len().min(rest.len()).min(self.step);
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
}

fn bytes(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 7 % 251) as u8).collect()
}

#[test]
fn a_huge_request_on_a_short_input_allocates_the_first_chunk_only() {
    let data = bytes(1000);
    let mut input = Input::new(&data[..]).unwrap();
    assert_eq!(input.fill(200 << 20).unwrap(), 1000);
    assert_eq!(input.buf.len(), FIRST_CHUNK);
    assert_eq!(input.peek(usize::MAX), &data[..]);
}

#[test]
fn the_buffer_grows_with_the_bytes_that_arrived() {
    // A 3 MiB "block" requested at once, arriving 1000 bytes per read: the
    // buffer never exceeds twice what has arrived.
    let data = bytes(3 << 20);
    let mut input = Input::new(Dribble {
        data: data.clone(),
        pos: 0,
        step: 1000,
    })
    .unwrap();
    assert_eq!(input.fill(data.len()).unwrap(), data.len());
    assert!(input.buf.len() <= 2 * data.len(), "{}", input.buf.len());
    assert_eq!(input.peek(data.len()), &data[..]);
    // More than the stream holds: everything, and the end is remembered.
    assert_eq!(input.fill(data.len() + 1).unwrap(), data.len());
    assert!(input.eof);
}

#[test]
fn small_blocks_stream_through_a_bounded_buffer() {
    let data = bytes(5 << 20);
    for step in [1, 997, 4096, 1 << 20] {
        let mut input = Input::new(Dribble {
            data: data.clone(),
            pos: 0,
            step,
        })
        .unwrap();
        let mut out = Vec::new();
        loop {
            let n = input.fill(4000).unwrap();
            if n == 0 {
                break;
            }
            assert_eq!(input.offset(), out.len() as u64);
            out.extend_from_slice(input.peek(n));
            input.consume(n);
        }
        assert!(out == data, "step {step}");
        assert!(input.buf.len() <= CHUNK, "step {step}: {}", input.buf.len());
    }
}

#[test]
fn gzip_input_is_decompressed() {
    use std::io::Write;
    let data = bytes(100_000);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&data).unwrap();
    let gz = gz.finish().unwrap();
    let mut input = Input::new(&gz[..]).unwrap();
    assert_eq!(input.fill(data.len() + 10).unwrap(), data.len());
    assert!(input.peek(data.len()) == &data[..]);
}

/// A source that fails after handing out its bytes.
struct FailsAtEnd {
    data: Vec<u8>,
    pos: usize,
}

impl Read for FailsAtEnd {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let rest = self.data.get(self.pos..).unwrap_or_default();
        if rest.is_empty() {
            return Err(io::Error::other("the disk went away"));
        }
        let n = buf.len().min(rest.len()).min(5000);
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
}

/// Reads `input` in requests of `want` bytes, checking offsets; returns
/// the bytes.
fn drain<R: Read>(input: &mut Input<R>, want: usize) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let n = input.fill(want)?;
        if n == 0 {
            return Ok(out);
        }
        assert_eq!(input.offset(), out.len() as u64);
        out.extend_from_slice(input.peek(n));
        input.consume(n);
    }
}

#[test]
fn read_ahead_hands_out_the_stream_unchanged() {
    let data = bytes(5 << 20);
    // Requests smaller than the headroom, across buffer boundaries at every
    // phase; and blocks longer than the headroom, which are joined.
    for want in [1, 4000, 70_000, super::HEADROOM + 1, 3 << 20] {
        for step in [997, 1 << 20] {
            let mut input = Input::read_ahead(Dribble {
                data: data.clone(),
                pos: 0,
                step,
            })
            .unwrap();
            let out = drain(&mut input, want).unwrap();
            assert!(out == data, "want {want}, step {step}");
        }
    }
}

#[test]
fn read_ahead_decompresses_gzip() {
    use std::io::Write;
    let data = bytes(3 << 20);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&data).unwrap();
    let gz = gz.finish().unwrap();
    let mut input = Input::read_ahead(io::Cursor::new(gz)).unwrap();
    assert!(drain(&mut input, 4000).unwrap() == data);
}

#[test]
fn read_ahead_reports_a_read_error_where_reading_here_does() {
    let data = bytes(3 << 20);
    let mut results = Vec::new();
    for ahead in [false, true] {
        let src = FailsAtEnd {
            data: data.clone(),
            pos: 0,
        };
        let mut input = if ahead {
            Input::read_ahead(src).unwrap()
        } else {
            Input::new(src).unwrap()
        };
        let mut out = Vec::new();
        let err = loop {
            match input.fill(4000) {
                Ok(0) => panic!("the error was lost"),
                Ok(n) => {
                    out.extend_from_slice(input.peek(n));
                    input.consume(n);
                }
                Err(e) => break e.to_string(),
            }
        };
        results.push((out, err));
    }
    let (here, there) = (&results[0], &results[1]);
    assert_eq!(there.1, "the disk went away");
    assert_eq!(here.1, there.1);
    // Every whole request before the error, as the caller asked for them.
    assert_eq!(here.0.len(), data.len() / 4000 * 4000);
    assert!(here.0 == there.0);
}

/// A stream that has `first` bytes now and the rest only once the test
/// says so, as a pipe from a live capture does.
struct Later {
    first: Vec<u8>,
    go: std::sync::mpsc::Receiver<Vec<u8>>,
}

impl Read for Later {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.first.is_empty() {
            let n = buf.len().min(self.first.len());
            buf[..n].copy_from_slice(&self.first[..n]);
            self.first.drain(..n);
            return Ok(n);
        }
        // A guard against a hang, not a wait for success: the reader must
        // have handed out the first bytes long before.
        match self.go.recv_timeout(std::time::Duration::from_secs(60)) {
            Ok(more) => {
                self.first = more;
                self.read(buf)
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Ok(0),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                Err(io::Error::other("the first bytes were held back"))
            }
        }
    }
}

#[test]
fn read_ahead_hands_out_what_a_pipe_has_without_waiting_for_more() {
    let (tx, go) = std::sync::mpsc::channel();
    let mut input = Input::read_ahead(Later {
        first: bytes(100),
        go,
    })
    .unwrap();
    assert_eq!(input.fill(100).unwrap(), 100);
    assert_eq!(input.peek(100), &bytes(100)[..]);
    input.consume(100);
    tx.send(bytes(50)).unwrap();
    drop(tx);
    assert_eq!(input.fill(1000).unwrap(), 50);
}
