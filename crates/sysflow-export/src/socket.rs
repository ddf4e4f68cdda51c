//! The socket sink: one bare Avro datum per `SOCK_SEQPACKET` packet, for
//! sf-processor, with reconnection, bounded sends and counted drops.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use socket2::{Domain, SockAddr, Socket, Type};
use sysflow_types::{RecordSink, SCHEMA_VERSION, SfHeader, SysFlow};
use tracing::{debug, info, warn};

use crate::error::ExportError;
use crate::sink::ExportSink;
use crate::stats::{DropReason, SinkStats};

/// The largest packet sf-processor reads: its socket driver receives into a
/// buffer of this many bytes and discards a truncated packet.
pub const SF_PROCESSOR_MAX_PACKET: usize = 16_384;

/// The longest socket path a `sockaddr_un` holds on Linux: `sun_path` is 108
/// bytes and the kernel wants room for a terminating NUL.
pub const MAX_SOCKET_PATH: usize = 107;

/// Where a [`SocketSink`] connects, what its headers say, and its limits.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SocketSinkConfig {
    /// The server's socket file; the server creates it, the sink only
    /// connects.
    pub path: PathBuf,
    /// The header's `exporter`.
    pub exporter: String,
    /// The header's `ip`.
    pub ip: String,
    /// How long one packet may wait for room in the server's queue before it
    /// is dropped; bounds how long the capture can be held up by a slow
    /// server.
    pub send_timeout: Duration,
    /// Packets larger than this are dropped (and counted) instead of sent.
    pub max_packet: usize,
    /// The first wait before reconnecting, doubled after each failed
    /// attempt up to [`retry_max`](SocketSinkConfig::retry_max); also how
    /// often a stalled server is checked (without waiting) for room or a
    /// hang-up.
    pub retry_initial: Duration,
    /// The longest wait between connection attempts: a server that comes
    /// back is connected to within this delay.
    pub retry_max: Duration,
    /// Send to a server that runs as another user than root or this
    /// process's; by default (false) such a connection is refused with
    /// [`ExportError::ForeignSocket`], so that a socket another user binds
    /// at the path (while sf-processor is down, in a directory they can
    /// write) gets no record.
    pub allow_foreign_socket: bool,
}

impl SocketSinkConfig {
    /// A configuration with sf-processor's packet limit, a 100 ms send
    /// timeout and connection attempts from 100 ms up to 500 ms apart.
    pub fn new(
        path: impl Into<PathBuf>,
        exporter: impl Into<String>,
        ip: impl Into<String>,
    ) -> SocketSinkConfig {
        SocketSinkConfig {
            path: path.into(),
            exporter: exporter.into(),
            ip: ip.into(),
            send_timeout: Duration::from_millis(100),
            max_packet: SF_PROCESSOR_MAX_PACKET,
            retry_initial: Duration::from_millis(100),
            retry_max: Duration::from_millis(500),
            allow_foreign_socket: false,
        }
    }
}

/// The connection, as far as the sink knows.
#[derive(Debug)]
enum Link {
    /// Connected, and every record of the segment went out: records are sent.
    Streaming(Socket),
    /// Connected, but records were lost before: waiting for the producer to
    /// start a new segment ([`ExportSink::start_segment`]); records are dropped.
    AwaitingSegment(Socket),
    /// Connected, but the server stopped taking packets: records are dropped
    /// until `retry_at`; then a server that hung up is reconnected to at
    /// once, and otherwise the sink asks for a new segment, whose header is
    /// sent without waiting (if there is no room yet, the sink is stalled
    /// again).
    Stalled { socket: Socket, retry_at: Instant },
    /// No connection; the next attempt is at `retry_at`.
    Disconnected { retry_at: Instant },
    /// [`SocketSink::finish`] was called.
    Closed,
}

/// Sends records to sf-processor over a unix `SOCK_SEQPACKET` socket, the
/// way the reference collector's socket writer does: one packet per record,
/// holding the record's bare Avro datum (the `SysFlow` union branch index and
/// the record, no container-file framing), a header first.
///
/// The sink is a client: the server (sf-processor) creates and listens on the
/// socket file, the sink never creates or removes it. It sends only to a
/// server that runs as root or as this process's user: at every connection
/// it reads the server's credentials (`SO_PEERCRED`, the listener's when it
/// called `listen`, so a path swapped between a check and the connect cannot
/// fool it) and refuses anyone else with [`ExportError::ForeignSocket`],
/// unless [`SocketSinkConfig::allow_foreign_socket`] is set.
///
/// It never makes the capture wait long and never fails because of the
/// server:
/// - sends use `MSG_NOSIGNAL`, so a server that goes away gives `EPIPE`, not a
///   `SIGPIPE` that kills the process;
/// - a packet waits at most [`send_timeout`](SocketSinkConfig::send_timeout)
///   for room; a server that does not read makes the sink drop records
///   (counted) and retry later, never block;
/// - without a connection, records are dropped (counted by type in
///   [`SinkStats`]) and a reconnection is tried when a record arrives (or
///   at [`ExportSink::poll`]) after the retry delay, which doubles from
///   [`retry_initial`](SocketSinkConfig::retry_initial) up to
///   [`retry_max`](SocketSinkConfig::retry_max) (500 ms): never a busy
///   loop, a server that comes back is connected to within that delay, and
///   the sink never gives up (the reference exits after about 80 s);
/// - a stalled server is checked every `retry_initial` without waiting: a
///   hang-up is noticed (and the server reconnected to) at once, and room
///   in its queue starts a new segment;
/// - an outage is logged once, as a warning, when records start being
///   dropped, and its end once, with the count, when a header goes out
///   again; the attempts in between are debug messages.
///
/// Every connection's packet stream is self-contained: after records were
/// lost (reconnection, stalled server) the sink drops everything until a
/// new segment starts ([`ExportSink::needs_segment`],
/// [`ExportSink::start_segment`]), which sends a fresh header; then every
/// entity is written again before it is referenced, by the
/// [`MultiSink`](crate::MultiSink) the sink is in, or else by the producer.
#[derive(Debug)]
pub struct SocketSink {
    config: SocketSinkConfig,
    addr: SockAddr,
    link: Link,
    /// Records were dropped since the last header that went out, so the
    /// stream lacks something and the next connection needs a new segment.
    lost: bool,
    /// The current wait between attempts.
    retry: Duration,
    /// Whether a connection was ever made (to count reconnections).
    connected_once: bool,
    /// Records are being dropped and a warning said so: the next header
    /// that goes out ends the outage (logged once too).
    outage: bool,
    /// The encoding buffer, reused for every packet.
    buf: Vec<u8>,
    stats: SinkStats,
}

impl SocketSink {
    /// Checks the path and connects; the header goes out at once when the
    /// server is there.
    ///
    /// A server that is not listening yet is not an error (as in the
    /// reference): records are dropped and counted until a connection is
    /// made. Errors are a path too long for a unix socket address
    /// ([`ExportError::SocketPathTooLong`]), a socket that cannot be made
    /// at all ([`ExportError::Socket`]), and a server of another user
    /// ([`ExportError::ForeignSocket`], which a later reconnection returns
    /// too, from [`record`](RecordSink::record) or [`poll`](ExportSink::poll)).
    pub fn connect(config: SocketSinkConfig) -> Result<SocketSink, ExportError> {
        let len = config.path.as_os_str().len();
        if len > MAX_SOCKET_PATH {
            return Err(ExportError::SocketPathTooLong {
                path: config.path.clone(),
                len,
                max: MAX_SOCKET_PATH,
            });
        }
        let addr = SockAddr::unix(&config.path).map_err(|source| ExportError::Socket {
            path: config.path.clone(),
            source,
        })?;
        let retry = config.retry_initial;
        let mut sink = SocketSink {
            config,
            addr,
            link: Link::Disconnected {
                retry_at: Instant::now(),
            },
            lost: false,
            retry,
            connected_once: false,
            outage: false,
            buf: Vec::with_capacity(1024),
            stats: SinkStats::default(),
        };
        sink.attempt()?;
        Ok(sink)
    }

    /// The server's socket path.
    pub fn path(&self) -> &Path {
        &self.config.path
    }

    /// Whether the sink is connected and sending records.
    pub fn is_streaming(&self) -> bool {
        matches!(self.link, Link::Streaming(_))
    }

    /// The header of every segment; the reference leaves `filename` empty on
    /// a socket.
    fn header(&self) -> SysFlow {
        SysFlow::Header(SfHeader {
            version: SCHEMA_VERSION,
            exporter: self.config.exporter.clone(),
            ip: self.config.ip.clone(),
            filename: String::new(),
        })
    }

    /// One connection attempt. Only a socket that cannot be made is an
    /// error; a server that is absent or refuses leaves the sink disconnected
    /// with a longer wait.
    fn attempt(&mut self) -> Result<(), ExportError> {
        let socket_error = |source| ExportError::Socket {
            path: self.config.path.clone(),
            source,
        };
        let socket = Socket::new(Domain::UNIX, Type::SEQPACKET, None).map_err(socket_error)?;
        // SO_SNDTIMEO bounds both a send and a connect to a full backlog.
        socket
            .set_write_timeout(Some(self.send_timeout()))
            .map_err(socket_error)?;
        if let Err(e) = socket.connect(&self.addr) {
            if self.outage {
                debug!(path = %self.config.path.display(), error = %e, retry_in = ?self.retry, "cannot connect to the socket");
            } else {
                self.outage = true;
                warn!(path = %self.config.path.display(), error = %e,
                    "cannot connect to the socket's server; dropping records (counted) and retrying until it is up");
            }
            self.link = Link::Disconnected {
                retry_at: Instant::now() + self.retry,
            };
            self.retry = (self.retry * 2).min(self.config.retry_max);
            return Ok(());
        }
        if let Err(e) = self.check_server(&socket) {
            // Closed unused: nothing, not even a header, went to it.
            self.link = Link::Disconnected {
                retry_at: Instant::now() + self.retry,
            };
            self.retry = (self.retry * 2).min(self.config.retry_max);
            return Err(e);
        }
        if self.connected_once {
            self.stats.reconnects += 1;
        }
        self.connected_once = true;
        // The next outage starts from the shortest wait again.
        self.retry = self.config.retry_initial;
        if self.lost {
            debug!(path = %self.config.path.display(), dropped = self.stats.dropped_total(),
                "connected to the socket; waiting for a new segment");
            self.link = Link::AwaitingSegment(socket);
        } else {
            debug!(path = %self.config.path.display(), "connected to the socket");
            self.link = Link::Streaming(socket);
            self.send_header(true);
        }
        Ok(())
    }

    /// Fails unless the server at the other end of `socket` runs as root or
    /// as this process's user, or foreign servers are allowed.
    fn check_server(&self, socket: &Socket) -> Result<(), ExportError> {
        if self.config.allow_foreign_socket {
            return Ok(());
        }
        let server =
            rustix::net::sockopt::socket_peercred(socket).map_err(|e| ExportError::Socket {
                path: self.config.path.clone(),
                source: e.into(),
            })?;
        let server_uid = server.uid.as_raw();
        let ours = rustix::process::geteuid().as_raw();
        if server_uid == 0 || server_uid == ours {
            return Ok(());
        }
        Err(ExportError::ForeignSocket {
            path: self.config.path.clone(),
            server_uid,
            ours,
        })
    }

    /// The send timeout, at least 1 ms: a zero `SO_SNDTIMEO` means "wait
    /// forever".
    fn send_timeout(&self) -> Duration {
        self.config.send_timeout.max(Duration::from_millis(1))
    }

    /// Sends a fresh header on a connected socket and, if it went out, the
    /// segment is whole again. With `wait`, the send waits for room as any
    /// record's does; without, it is a probe of a server that stalled: no
    /// room means stalled again, at no cost to the capture.
    ///
    /// A header that does not go out is not a dropped record (the producer
    /// never gave it), but the stream then lacks it: the next connection or
    /// recovery asks for a new segment again.
    fn send_header(&mut self, wait: bool) {
        let link = std::mem::replace(&mut self.link, Link::Closed);
        let socket = match link {
            Link::Streaming(s) | Link::AwaitingSegment(s) => s,
            other => {
                self.link = other;
                return;
            }
        };
        self.buf.clear();
        self.header().encode(&mut self.buf);
        let mut flags = libc::MSG_NOSIGNAL;
        if !wait {
            flags |= libc::MSG_DONTWAIT;
        }
        let mut result = socket.send_with_flags(&self.buf, flags);
        if matches!(&result, Err(e) if e.kind() == io::ErrorKind::Interrupted) {
            result = socket.send_with_flags(&self.buf, flags);
        }
        self.lost = true;
        match result {
            Ok(n) if n == self.buf.len() => {
                self.link = Link::Streaming(socket);
                self.lost = false;
                self.stats.count_sent(sysflow_types::RecordType::Header);
                self.stats.bytes += n as u64;
                self.stats.segments += 1;
                if self.outage {
                    self.outage = false;
                    info!(path = %self.config.path.display(), dropped = self.stats.dropped_total(),
                        reconnects = self.stats.reconnects, "streaming to the socket again");
                }
            }
            Err(e) if is_timeout(&e) => {
                if wait {
                    self.warn_outage(
                        "the socket's server does not read; dropping records until it does",
                    );
                } else {
                    debug!(path = %self.config.path.display(), "the socket's server still does not read");
                }
                self.link = Link::Stalled {
                    socket,
                    retry_at: Instant::now() + self.config.retry_initial,
                };
            }
            Ok(_) | Err(_) => {
                self.warn_outage("lost the socket's server; dropping records until it is back");
                self.disconnect();
            }
        }
    }

    /// Says once per outage that records are being dropped.
    fn warn_outage(&mut self, what: &'static str) {
        if self.outage {
            debug!(path = %self.config.path.display(), "{what}");
        } else {
            self.outage = true;
            warn!(path = %self.config.path.display(), "{what}");
        }
    }

    /// Encodes and sends one record on a streaming link; drops (and counts)
    /// it otherwise. Returns whether it went out.
    fn send(&mut self, rec: &SysFlow) -> bool {
        let ty = rec.record_type();
        let Link::Streaming(socket) = &self.link else {
            let why = match self.link {
                Link::AwaitingSegment(_) => DropReason::AwaitingSegment,
                Link::Stalled { .. } => DropReason::TimedOut,
                _ => DropReason::Disconnected,
            };
            self.drop_record(rec, why);
            return false;
        };
        self.buf.clear();
        rec.encode(&mut self.buf);
        if self.buf.len() > self.config.max_packet {
            self.oversized(rec);
            return false;
        }
        let flags = libc::MSG_NOSIGNAL;
        let mut result = socket.send_with_flags(&self.buf, flags);
        // A signal during the wait: try once more, still bounded by the timeout.
        if matches!(&result, Err(e) if e.kind() == io::ErrorKind::Interrupted) {
            result = socket.send_with_flags(&self.buf, flags);
        }
        match result {
            Ok(n) if n == self.buf.len() => {
                self.stats.count_sent(ty);
                self.stats.bytes += n as u64;
                true
            }
            Ok(n) => {
                // A seqpacket send is all or nothing; a short one means the
                // stream can no longer be trusted.
                debug!(path = %self.config.path.display(), sent = n, len = self.buf.len(), "short send on the socket");
                self.warn_outage("short send on the socket; reconnecting");
                self.disconnect();
                self.drop_record(rec, DropReason::Disconnected);
                false
            }
            Err(e) if is_timeout(&e) => {
                self.warn_outage(
                    "the socket's server does not read; dropping records until it does",
                );
                let link = std::mem::replace(&mut self.link, Link::Closed);
                if let Link::Streaming(socket) = link {
                    self.link = Link::Stalled {
                        socket,
                        retry_at: Instant::now() + self.config.retry_initial,
                    };
                }
                self.drop_record(rec, DropReason::TimedOut);
                false
            }
            Err(e) if e.raw_os_error() == Some(libc::EMSGSIZE) => {
                self.oversized(rec);
                false
            }
            Err(e) => {
                debug!(path = %self.config.path.display(), error = %e, "send on the socket failed");
                self.warn_outage("lost the socket's server; dropping records until it is back");
                self.disconnect();
                self.drop_record(rec, DropReason::Disconnected);
                false
            }
        }
    }

    fn disconnect(&mut self) {
        self.link = Link::Disconnected {
            retry_at: Instant::now() + self.retry,
        };
    }

    fn drop_record(&mut self, rec: &SysFlow, why: DropReason) {
        self.stats.count_dropped(rec.record_type(), why);
        if why != DropReason::Oversized {
            self.lost = true;
        }
    }

    fn oversized(&mut self, rec: &SysFlow) {
        self.drop_record(rec, DropReason::Oversized);
        let n = self.stats.drop_reasons.oversized;
        // The first one, then one in a thousand: a flood of warnings would
        // cost more than the records.
        if n == 1 || n.is_multiple_of(1000) {
            warn!(path = %self.config.path.display(), record = %rec.record_type(), len = self.buf.len(),
                max = self.config.max_packet, dropped = n, "record too large for a socket packet; dropped");
        }
    }

    /// Moves on when a wait is over: reconnects; or checks a stalled server
    /// without waiting, reconnecting at once when it hung up and otherwise
    /// asking for a new segment, whose header probes it for room. Reads the
    /// clock only while waiting.
    fn maintain(&mut self) -> Result<(), ExportError> {
        match &self.link {
            Link::Disconnected { retry_at } if Instant::now() >= *retry_at => self.attempt(),
            Link::Stalled { socket, retry_at } if Instant::now() >= *retry_at => {
                if hung_up(socket) {
                    debug!(path = %self.config.path.display(), "the stalled server hung up; reconnecting");
                    self.retry = self.config.retry_initial;
                    self.disconnect();
                    return self.attempt();
                }
                let link = std::mem::replace(&mut self.link, Link::Closed);
                if let Link::Stalled { socket, .. } = link {
                    self.link = Link::AwaitingSegment(socket);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// What the sink did so far.
    pub fn stats(&self) -> SinkStats {
        self.stats.clone()
    }

    /// Closes the connection (the server reads to its end, then sees the
    /// close). Records after it are refused with [`ExportError::Closed`].
    pub fn finish(&mut self) -> Result<(), ExportError> {
        if !matches!(self.link, Link::Closed) {
            debug!(path = %self.config.path.display(), stats = ?self.stats, "closing the socket");
        }
        self.link = Link::Closed;
        Ok(())
    }
}

/// Whether the server closed its end: a peek that does not wait reads the
/// end of the stream (the server never sends, so there is nothing else to
/// read); `EAGAIN` means it is still there.
fn hung_up(socket: &Socket) -> bool {
    let mut byte = [std::mem::MaybeUninit::<u8>::uninit(); 1];
    match socket.recv_with_flags(&mut byte, libc::MSG_PEEK | libc::MSG_DONTWAIT) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => !is_timeout(&e) && e.kind() != io::ErrorKind::Interrupted,
    }
}

/// A send that ran into `SO_SNDTIMEO` (`EAGAIN`), or a would-block.
fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

impl RecordSink for SocketSink {
    type Error = ExportError;

    /// Sends the record, or drops and counts it; fails only after
    /// [`finish`](SocketSink::finish).
    fn record(&mut self, rec: &SysFlow) -> Result<(), ExportError> {
        if matches!(self.link, Link::Closed) {
            return Err(ExportError::Closed {
                path: self.config.path.clone(),
            });
        }
        self.maintain()?;
        self.send(rec);
        Ok(())
    }
}

impl ExportSink for SocketSink {
    fn stats(&self) -> SinkStats {
        SocketSink::stats(self)
    }

    fn path(&self) -> Option<&Path> {
        Some(SocketSink::path(self))
    }

    fn needs_segment(&self) -> bool {
        matches!(self.link, Link::AwaitingSegment(_))
    }

    fn may_need_segment(&self) -> bool {
        true
    }

    /// Reconnects (or gives a stalled server another chance) when the wait
    /// is over, without a record to send.
    fn poll(&mut self) -> Result<(), ExportError> {
        if matches!(self.link, Link::Closed) {
            return Ok(());
        }
        self.maintain()
    }

    /// Sends the new segment's header without waiting: a server that still
    /// has no room leaves the sink stalled, to be checked again later.
    fn start_segment(&mut self) -> Result<(), ExportError> {
        if self.needs_segment() {
            self.send_header(false);
        }
        Ok(())
    }

    /// Sends a fresh header when connected; a disconnected sink starts its
    /// segment when it reconnects.
    fn rotate(&mut self, _now_secs: u64) -> Result<(), ExportError> {
        if matches!(self.link, Link::Closed) {
            return Err(ExportError::Closed {
                path: self.config.path.clone(),
            });
        }
        self.send_header(true);
        Ok(())
    }

    fn finish(&mut self) -> Result<(), ExportError> {
        SocketSink::finish(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_longer_than_sun_path_is_a_typed_error() {
        let long = format!("/tmp/{}", "x".repeat(MAX_SOCKET_PATH));
        let err = SocketSink::connect(SocketSinkConfig::new(&long, "e", "")).unwrap_err();
        assert!(
            matches!(err, ExportError::SocketPathTooLong { len, max: MAX_SOCKET_PATH, .. } if len == long.len()),
            "{err:?}"
        );
    }

    #[test]
    fn no_server_is_not_an_error_and_records_are_counted_as_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = SocketSinkConfig::new(dir.path().join("none.sock"), "e", "");
        config.retry_initial = Duration::from_secs(3600);
        let mut sink = SocketSink::connect(config).unwrap();
        assert!(!sink.is_streaming());
        sink.record(&SysFlow::Header(SfHeader::default())).unwrap();
        let stats = sink.stats();
        assert_eq!(stats.dropped_total(), 1);
        assert_eq!(stats.drop_reasons.disconnected, 1);
        assert_eq!(stats.sent_total(), 0);
        sink.finish().unwrap();
        assert!(matches!(
            sink.record(&SysFlow::Header(SfHeader::default())),
            Err(ExportError::Closed { .. })
        ));
    }
}
