//! `socket-consumer PATH`: an sf-processor-style server. It creates a unix
//! `SOCK_SEQPACKET` socket at `PATH` (owner-only permissions), accepts the
//! collector's connections (`sysporter -u PATH`), decodes one SysFlow datum
//! per packet, and prints each behaviour record on one line, exactly as
//! `consumer` prints it: the packets go through the same callback sink the
//! driver uses, which resolves each record's process and files from the
//! stream.
//!
//! ```text
//! socket-consumer [--once] PATH
//! ```
//!
//! With `--once` it ends when the first connection closes; otherwise it
//! serves one connection after the other until killed.

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::ExitCode;

use libsysflow::CallbackSink;
use libsysflow::types::{RecordSink, SysFlow};
use socket2::{Domain, SockAddr, Socket, Type};

/// sf-processor's receive buffer; a larger packet would be truncated there.
const MAX_PACKET: usize = 16_384;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (once, path) = match args.as_slice() {
        [path] => (false, PathBuf::from(path)),
        [flag, path] if flag == "--once" => (true, PathBuf::from(path)),
        _ => {
            eprintln!("usage: socket-consumer [--once] PATH");
            return ExitCode::FAILURE;
        }
    };
    match serve(&path, once) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("socket-consumer: {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

fn serve(path: &std::path::Path, once: bool) -> std::io::Result<()> {
    // A stale socket from an earlier run would make bind fail.
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    // Bound under a temporary name and renamed into place once it is the
    // owner's only and listening, so that the path never shows a socket
    // that is not ready: a client (or a test) that sees it can connect.
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = std::path::PathBuf::from(temporary);
    let listener = Socket::new(Domain::UNIX, Type::SEQPACKET, None)?;
    listener.bind(&SockAddr::unix(&temporary)?)?;
    // Records carry command lines and environments: only the owner may
    // connect.
    std::fs::set_permissions(&temporary, std::fs::Permissions::from_mode(0o600))?;
    listener.listen(4)?;
    std::fs::rename(&temporary, path)?;
    loop {
        let (conn, _) = listener.accept()?;
        consume(&conn)?;
        if once {
            return std::fs::remove_file(path);
        }
    }
}

/// Prints every behaviour record of one connection.
fn consume(conn: &Socket) -> std::io::Result<()> {
    let mut last_header = None;
    let mut out = std::io::stdout().lock();
    // The sink's header is replaced by the stream's first packet.
    let mut sink = CallbackSink::new("", "", |r: &libsysflow::CallbackRecord<'_>| {
        if last_header.as_ref() != Some(r.header) {
            eprintln!("{}", consumer::describe_header(r));
            last_header = Some(r.header.clone());
        }
        let _ = writeln!(out, "{}", consumer::describe(r));
    });
    let mut buf = vec![0u8; MAX_PACKET];
    let mut conn = conn;
    loop {
        let n = conn.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        let Some(packet) = buf.get(..n) else {
            continue;
        };
        match SysFlow::decode(packet) {
            Ok(rec) => {
                if let Err(e) = sink.record(&rec) {
                    eprintln!("socket-consumer: {e}");
                }
            }
            Err(e) => {
                eprintln!("socket-consumer: a packet of {n} bytes is not a SysFlow record: {e}")
            }
        }
    }
}
