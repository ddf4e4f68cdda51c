//! `scapdump`: print the events of a scap capture as JSON lines.
//!
//! Usage: `scapdump [--abi current|sysdig] [--engine ours|libscap] FILE` prints one JSON object per
//! event in file order with `num` (1-based position among the file's events),
//! `ts` (ns), `cpu`, `tid`, `type` (the name sysdig shows as `evt.type`; the
//! syscall name for generic events), `dir` (`>` or `<`) and `params` (an array
//! of `{"name", "value"}` decoded by the chosen table revision, default
//! `current`). `scapdump --count FILE` decodes everything and prints only the
//! number of events.
//!
//! `--engine libscap` (built with feature `libscap`) reads the file through
//! Falco's libscap instead of our reader; the events go through the same
//! printer, so the output is the same, except that this 2022 libscap skips
//! events whose ids are past its table (see sysflow-capture's
//! `LibscapCapture`), and `num` then counts the events it delivered.
//!
//! Value encoding: integers as numbers, text and paths as strings (lossy
//! UTF-8), byte buffers as base64, socket addresses as `ip:port` / unix path,
//! tuples as `src->dst`, fd lists as `[[fd, flags], ...]`, empty parameters as
//! `null`.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Value, json};
use sysflow_capture::{
    AbiRevision, CaptureError, Event, EventRef, ParamValue, ScapReader, SockAddr, SockTuple,
};

/// Which reader produces the events.
#[derive(Clone, Copy)]
enum Engine {
    /// sysflow-capture's own `ScapReader`.
    Ours,
    /// Falco's libscap (feature `libscap`).
    Libscap,
}

fn main() -> ExitCode {
    let mut count_only = false;
    let mut rev = AbiRevision::Current;
    let mut engine = Engine::Ours;
    let mut path = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--count" => count_only = true,
            "--abi" => match args.next().as_deref() {
                Some("current") => rev = AbiRevision::Current,
                Some("sysdig") => rev = AbiRevision::Sysdig0_29,
                _ => return usage(),
            },
            "--engine" => match args.next().as_deref() {
                Some("ours") => engine = Engine::Ours,
                Some("libscap") => engine = Engine::Libscap,
                _ => return usage(),
            },
            _ if path.is_none() => path = Some(a),
            _ => return usage(),
        }
    }
    let Some(path) = path else {
        return usage();
    };
    match run(&path, count_only, rev, engine) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scapdump: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: scapdump [--count] [--abi current|sysdig] [--engine ours|libscap] FILE");
    ExitCode::from(2)
}

/// Reads the next event into a reused [`Event`]; `Ok(false)` at the end.
type ReadEvent = Box<dyn FnMut(&mut Event) -> Result<bool, CaptureError>>;

/// Opens `path` through Falco's libscap.
#[cfg(feature = "libscap")]
fn open_libscap(path: &str) -> Result<ReadEvent, Box<dyn std::error::Error>> {
    let mut capture = sysflow_capture::LibscapCapture::open_file(path)?;
    Ok(Box::new(move |ev| capture.read_event(ev)))
}

#[cfg(not(feature = "libscap"))]
fn open_libscap(_path: &str) -> Result<ReadEvent, Box<dyn std::error::Error>> {
    Err("this scapdump was built without the `libscap` feature \
         (cargo run -p sysflow-capture --features libscap --example scapdump)"
        .into())
}

fn run(
    path: &str,
    count_only: bool,
    rev: AbiRevision,
    engine: Engine,
) -> Result<(), Box<dyn std::error::Error>> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut count = 0u64;
    let mut each = |ev: EventRef<'_>| -> Result<(), Box<dyn std::error::Error>> {
        count += 1;
        if count_only {
            // Decode every parameter even when only counting.
            decode_all(ev, rev)?;
        } else {
            writeln!(out, "{}", event_json(ev, rev)?)?;
        }
        Ok(())
    };
    match engine {
        Engine::Ours => {
            // Events where they lie in the reader's buffer: nothing copied.
            let mut reader = ScapReader::open(path)?;
            while let Some(ev) = reader.read_event_ref()? {
                each(ev)?;
            }
        }
        Engine::Libscap => {
            let mut read_event = open_libscap(path)?;
            // One event, reused: its buffers are allocated once.
            let mut ev = Event::default();
            while read_event(&mut ev)? {
                each(ev.view())?;
            }
        }
    }
    if count_only {
        writeln!(out, "{count}")?;
    }
    out.flush()?;
    Ok(())
}

/// Decode the event's type name and every parameter, and drop the results
/// (`black_box` keeps the compiler from skipping the work).
fn decode_all(ev: EventRef<'_>, rev: AbiRevision) -> Result<(), sysflow_capture::CaptureError> {
    std::hint::black_box(ev.type_name(rev));
    for (name, value) in ev.params(rev) {
        let value = value?;
        std::hint::black_box((name, &value));
    }
    Ok(())
}

fn event_json(ev: EventRef<'_>, rev: AbiRevision) -> Result<Value, sysflow_capture::CaptureError> {
    let ty = ev
        .type_name(AbiRevision::Sysdig0_29)
        .or_else(|| ev.type_name(AbiRevision::Current));
    let mut params = Vec::new();
    for (name, value) in ev.params(rev) {
        params.push(json!({ "name": name, "value": value_json(&value?) }));
    }
    Ok(json!({
        "num": ev.index,
        "ts": ev.ts,
        "cpu": ev.cpu,
        "tid": ev.tid as i64,
        "type": ty,
        "dir": ev.direction().as_char().to_string(),
        "params": params,
    }))
}

fn text(b: &[u8]) -> Value {
    Value::String(String::from_utf8_lossy(b).into_owned())
}

fn value_json(v: &ParamValue<'_>) -> Value {
    match v {
        ParamValue::Empty => Value::Null,
        ParamValue::Int(i) | ParamValue::Fd(i) | ParamValue::Pid(i) | ParamValue::Errno(i) => {
            json!(i)
        }
        ParamValue::Uint(u) | ParamValue::RelTime(u) | ParamValue::AbsTime(u) => json!(u),
        ParamValue::Flags(u) | ParamValue::Mode(u) | ParamValue::Uid(u) | ParamValue::Gid(u) => {
            json!(u)
        }
        ParamValue::SyscallId(u) | ParamValue::Port(u) => json!(u),
        ParamValue::Signal(u) | ParamValue::L4Proto(u) | ParamValue::SockFamily(u) => json!(u),
        ParamValue::Bool(b) => json!(b),
        ParamValue::Double(d) => json!(d),
        ParamValue::Str(s) | ParamValue::Path(s) => text(s),
        ParamValue::Bytes(b) | ParamValue::Raw(b) => json!(B64.encode(b)),
        ParamValue::SockAddr(SockAddr::Unix(p)) => text(p),
        ParamValue::SockAddr(SockAddr::Inet(a)) => json!(a.to_string()),
        ParamValue::SockAddr(SockAddr::Inet6(a)) => json!(a.to_string()),
        ParamValue::SockTuple(SockTuple::Inet { src, dst }) => json!(format!("{src}->{dst}")),
        ParamValue::SockTuple(SockTuple::Inet6 { src, dst }) => json!(format!("{src}->{dst}")),
        ParamValue::SockTuple(SockTuple::Unix { source, dest, path }) => json!(format!(
            "{source:x}->{dest:x} {}",
            String::from_utf8_lossy(path)
        )),
        ParamValue::FdList(l) => json!(l),
        ParamValue::Dyn { index, data } => json!({ "index": index, "data": B64.encode(data) }),
        ParamValue::Ipv4(a) => json!(a.to_string()),
        ParamValue::Ipv6(a) => json!(a.to_string()),
        _ => Value::Null,
    }
}
