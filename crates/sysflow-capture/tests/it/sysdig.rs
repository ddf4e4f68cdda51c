//! Differential test against Debian's sysdig 0.29.3 (libs e5c53d64).
//!
//! For every trace, sysdig is run as
//! `sysdig -D -v -b -j -r FILE -p '%evt.num %evt.rawtime %evt.cpu %thread.tid %evt.type %evt.dir %evt.args'`
//! (reading only; no driver is involved) and each printed event is compared
//! with ours: number, time, cpu, tid, type, direction and every parameter.
//!
//! Rules used to interpret sysdig's output (see also `docs/sysdig-oracle.md`):
//! - `evt.num` counts events whose id is below 336 (sysdig's
//!   `PPM_EVENT_MAX`); larger ids are neither printed nor numbered.
//! - Leading container events (ids 228/272/324 before any other event) are
//!   numbered but consumed while opening the file, so never printed.
//!   `EVF` events flagged state-only are numbered but not printed.
//! - `evt.type` is the e5c53d64 table name; for generic events (ids 0/1) it
//!   is the syscall name and `evt.args` is empty.
//! - `evt.args` is `name=value ` per parameter for `min(nparams, table)`
//!   parameters, where the value may be followed by a state-dependent
//!   `(resolved)` suffix, which is not compared.
//! - Raw values: DEC integers print the bit pattern as a signed number of
//!   the parameter's width, HEX uppercase without `0x`, OCT with a leading
//!   `0`; FLAGS unsigned decimal; FD/PID/ERRNO signed; UID/GID signed 32-bit;
//!   CHARBUF up to the first NUL; FSPATH/FSRELPATH up to the first NUL with
//!   non-printable bytes removed; BYTEBUF base64 (`-b`); SOCKADDR `NULL`,
//!   unix path, `ip:port`; SOCKTUPLE `sip:sport->dip:dport` (IPv4-mapped
//!   IPv6 shown as IPv4) or `%x->%x path` for unix; FDLIST `fd:<t><flags>`
//!   where only the fd numbers are compared (the type letter is state).
//! - A zero-length parameter prints stale text left by the previous
//!   parameter, so it is a wildcard, except BYTEBUF (prints nothing) and
//!   SOCKADDR/SOCKTUPLE (print `NULL`).

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use sysflow_capture::{
    AbiRevision, Event, Item, LegacyConverter, ParamInfo, ParamType, ParamValue, PrintFormat,
    ScapReader, ScapWriter, SockAddr, SockTuple,
};

use crate::{shared_dir, traces};

const FORMAT: &str = "%evt.num %evt.rawtime %evt.cpu %thread.tid %evt.type %evt.dir %evt.args";
const REV: AbiRevision = AbiRevision::Sysdig0_29;
/// Mismatches reported in full per file.
const SHOW: usize = 15;

fn sysdig_available() -> bool {
    Command::new("sysdig")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What sysdig must print for one parameter.
#[derive(Debug)]
enum Expect {
    /// Exactly this text (a `(resolved)` suffix may follow).
    Exact(String),
    /// Anything (stale text for empty parameters, unmodelled types).
    Any,
    /// An fd list: these fd numbers, in order, or nothing at all.
    FdList(Vec<i64>),
}

/// Reinterpret the low `width` bytes of `v` as a signed number.
fn as_signed(v: u64, width: usize) -> i64 {
    match width {
        1 => i64::from(v as u8 as i8),
        2 => i64::from(v as u16 as i16),
        4 => i64::from(v as u32 as i32),
        _ => v as i64,
    }
}

/// The low `width` bytes of a sign-extended `v`, as unsigned.
fn as_unsigned(v: i64, width: usize) -> u64 {
    match width {
        1 => u64::from(v as u8),
        2 => u64::from(v as u16),
        4 => u64::from(v as u32),
        _ => v as u64,
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// sysdig's raw rendering of an integer with print format `fmt`, given its
/// unsigned bit pattern and byte width.
fn integer(bits: u64, width: usize, fmt: PrintFormat) -> String {
    match fmt {
        PrintFormat::Hex => format!("{bits:X}"),
        PrintFormat::Oct if bits == 0 => "0".to_owned(),
        PrintFormat::Oct => format!("0{bits:o}"),
        _ => as_signed(bits, width).to_string(),
    }
}

/// IPv6 as inet_ntop prints it, IPv4-mapped addresses as plain IPv4.
fn ip6(ip: &std::net::Ipv6Addr) -> String {
    match ip.to_ipv4_mapped() {
        Some(v4) => v4.to_string(),
        None => ip.to_string(),
    }
}

/// What sysdig prints for parameter `index`, from the value our library
/// decoded (`raw` is used only for the integer width).
fn expect(ev: &Event, index: usize, info: &ParamInfo, raw: &[u8]) -> Option<Expect> {
    use ParamType as T;
    let value = ev.param(REV, index)?.ok()?;
    let width = raw.len();
    let text = match value {
        ParamValue::Empty => {
            return Some(match info.ty {
                T::ByteBuf => Expect::Exact(String::new()),
                T::SockAddr | T::SockTuple => Expect::Exact("NULL".to_owned()),
                _ => Expect::Any,
            });
        }
        ParamValue::Int(i) => integer(as_unsigned(i, width), width, info.fmt),
        ParamValue::Uint(u) => integer(u, width, info.fmt),
        ParamValue::Flags(f) => f.to_string(),
        ParamValue::Mode(m) => integer(u64::from(m), width, info.fmt),
        ParamValue::Fd(i) | ParamValue::Pid(i) | ParamValue::Errno(i) => i.to_string(),
        ParamValue::Uid(u) | ParamValue::Gid(u) => (u as i32).to_string(),
        ParamValue::SyscallId(u) | ParamValue::Port(u) => u.to_string(),
        ParamValue::Signal(u) => u.to_string(),
        ParamValue::RelTime(u) | ParamValue::AbsTime(u) => u.to_string(),
        ParamValue::Str(b) => lossy(b),
        ParamValue::Path(b) => {
            let printable: Vec<u8> = b
                .iter()
                .copied()
                .filter(|b| (0x20..0x7f).contains(b))
                .collect();
            lossy(&printable)
        }
        ParamValue::Bytes(b) => B64.encode(b),
        ParamValue::SockAddr(SockAddr::Unix(p)) => lossy(p),
        ParamValue::SockAddr(SockAddr::Inet(a)) => a.to_string(),
        ParamValue::SockAddr(SockAddr::Inet6(a)) => format!("{}:{}", ip6(a.ip()), a.port()),
        ParamValue::SockAddr(SockAddr::Other { family, .. }) => format!("family {family}"),
        ParamValue::SockTuple(SockTuple::Inet { src, dst }) => format!("{src}->{dst}"),
        ParamValue::SockTuple(SockTuple::Inet6 { src, dst }) => format!(
            "{}:{}->{}:{}",
            ip6(src.ip()),
            src.port(),
            ip6(dst.ip()),
            dst.port()
        ),
        ParamValue::SockTuple(SockTuple::Unix { source, dest, path }) => {
            format!("{source:x}->{dest:x} {}", lossy(path))
        }
        ParamValue::FdList(l) => return Some(Expect::FdList(l.iter().map(|e| e.0).collect())),
        ParamValue::Dyn { index: sub, data } => return dyn_value(ev, info, sub, data),
        _ => return Some(Expect::Any),
    };
    Some(Expect::Exact(text))
}

/// `DYN` values of setsockopt/getsockopt `val`: 0 bytebuf, 1 errno, 2 u32,
/// 3 u64, 4 reltime, rendered with the outer print format.
fn dyn_value(ev: &Event, info: &ParamInfo, sub: u8, d: &[u8]) -> Option<Expect> {
    let name = ev.type_name(REV)?;
    if name != "setsockopt" && name != "getsockopt" {
        return Some(Expect::Any);
    }
    let unsigned = |d: &[u8]| -> Option<u64> {
        Some(match d.len() {
            4 => u64::from(u32::from_le_bytes(d.try_into().ok()?)),
            8 => u64::from_le_bytes(d.try_into().ok()?),
            _ => return None,
        })
    };
    Some(Expect::Exact(match sub {
        0 => B64.encode(d),
        1 => as_signed(unsigned(d)?, d.len()).to_string(),
        2 | 3 => integer(unsigned(d)?, d.len(), info.fmt),
        4 => unsigned(d)?.to_string(),
        _ => return Some(Expect::Any),
    }))
}

/// Check `args` (sysdig's `evt.args`) against our event; returns a
/// description of the first difference, and counts compared parameters.
fn check_args(ev: &Event, args: &str, compared: &mut u64, wild: &mut u64) -> Result<(), String> {
    let Some(info) = ev.info_in(REV) else {
        return Err("unknown event type".to_owned());
    };
    if ev.event_type <= 1 {
        return if args.is_empty() {
            Ok(())
        } else {
            Err(format!("generic event with args {args:?}"))
        };
    }
    let slots: Vec<(&ParamInfo, &[u8])> = info.params.iter().zip(ev.raw_params()).collect();
    let mut pos = 0usize;
    for (i, (pinfo, raw)) in slots.iter().enumerate() {
        let rest = args.get(pos..).unwrap_or_default();
        let key = format!("{}=", pinfo.name);
        if !rest.starts_with(&key) {
            return Err(format!("param {i} {}: expected at {rest:?}", pinfo.name));
        }
        pos += key.len();
        let rest = args.get(pos..).unwrap_or_default();
        // End of this parameter's text (value plus any resolved suffix).
        let end = match slots.get(i + 1) {
            Some((next, _)) => rest
                .find(&format!(" {}=", next.name))
                .ok_or_else(|| format!("param {i}: next name {} not found", next.name))?,
            None => rest.len().saturating_sub(1),
        };
        let text = rest.get(..end).unwrap_or_default();
        let want = expect(ev, i, pinfo, raw)
            .ok_or_else(|| format!("param {i} {}: cannot render {raw:?}", pinfo.name))?;
        let ok = match &want {
            Expect::Any => {
                *wild += 1;
                true
            }
            Expect::Exact(v) => {
                text == v || (text.starts_with(v.as_str()) && text[v.len()..].starts_with('('))
            }
            Expect::FdList(fds) => {
                let got: Vec<&str> = text.split(' ').filter(|s| !s.is_empty()).collect();
                got.is_empty()
                    || (got.len() == fds.len()
                        && got
                            .iter()
                            .zip(fds)
                            .all(|(g, fd)| g.starts_with(&format!("{fd}:"))))
            }
        };
        if !ok {
            return Err(format!(
                "param {i} {} ({:?}/{:?}): sysdig {text:?}, ours {want:?}",
                pinfo.name, pinfo.ty, pinfo.fmt
            ));
        }
        *compared += 1;
        pos += end + 1;
    }
    Ok(())
}

#[derive(Default)]
struct Outcome {
    printed: u64,
    params: u64,
    wildcards: u64,
    mismatches: Vec<String>,
}

fn compare_file(path: &Path) -> Outcome {
    let out = Command::new("sysdig")
        .args(["-D", "-v", "-b", "-j", "-r"])
        .arg(path)
        .args(["-p", FORMAT])
        .output()
        .expect("run sysdig");
    assert!(out.status.success(), "sysdig failed on {}", path.display());

    // Our events, numbered the way sysdig numbers them.
    let mut ours: Vec<Option<Event>> = vec![None];
    let mut hidden = 0u64;
    let mut leading = true;
    for item in ScapReader::open(path).expect("open") {
        let Item::Event(ev) = item.expect("decode") else {
            continue;
        };
        if ev.event_type >= REV.event_max() {
            continue;
        }
        let container = matches!(ev.event_type, 228 | 272 | 324);
        leading &= container;
        if leading || ev.is_state_only() {
            hidden += 1;
            ours.push(None);
        } else {
            ours.push(Some(ev));
        }
    }
    let expected_printed = ours.len() as u64 - 1 - hidden;

    let mut o = Outcome::default();
    let miss = |o: &mut Outcome, m: String| o.mismatches.push(m);
    for line in out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let line = String::from_utf8_lossy(line);
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                miss(&mut o, format!("unparsable line {e}: {line}"));
                continue;
            }
        };
        o.printed += 1;
        let num = v["evt.num"].as_u64().unwrap_or(0);
        let Some(Some(ev)) = usize::try_from(num).ok().and_then(|n| ours.get_mut(n)) else {
            miss(&mut o, format!("#{num}: printed by sysdig, not expected"));
            continue;
        };
        let ev = ev.clone();
        // Mark as seen so duplicates are reported.
        if let Some(slot) = usize::try_from(num).ok().and_then(|n| ours.get_mut(n)) {
            *slot = None;
        }
        let tid_ok = v["thread.tid"].as_i64() == Some(ev.tid as i64)
            || v["thread.tid"].as_u64() == Some(ev.tid);
        let header_ok = v["evt.rawtime"].as_u64() == Some(ev.ts)
            && v["evt.cpu"].as_u64() == Some(u64::from(ev.cpu))
            && tid_ok
            && v["evt.type"].as_str() == ev.type_name(REV)
            && v["evt.dir"].as_str() == Some(&ev.direction().as_char().to_string());
        if !header_ok {
            miss(
                &mut o,
                format!(
                    "#{num}: header differs: sysdig {line} / ours ts={} cpu={} tid={} type={:?} dir={}",
                    ev.ts,
                    ev.cpu,
                    ev.tid,
                    ev.type_name(REV),
                    ev.direction().as_char()
                ),
            );
            continue;
        }
        let args = v["evt.args"].as_str().unwrap_or_default();
        if let Err(e) = check_args(&ev, args, &mut o.params, &mut o.wildcards) {
            miss(&mut o, format!("#{num} {:?}: {e}", ev.type_name(REV)));
        }
    }
    if o.printed != expected_printed {
        o.mismatches.push(format!(
            "sysdig printed {} events, expected {expected_printed}",
            o.printed
        ));
    }
    o
}

#[test]
fn events_match_sysdig() {
    let Some(shared) = shared_dir() else { return };
    if !sysdig_available() {
        assert!(
            !sysflow_test_support::under_ci(),
            "CI is set but sysdig is not installed (apt-get install sysdig)"
        );
        sysflow_test_support::skip("sysdig is not installed (apt-get install sysdig)");
        return;
    }
    let mut failed = Vec::new();
    let mut total = (0u64, 0u64, 0u64);
    for (name, path) in traces(&shared) {
        let o = compare_file(&path);
        eprintln!(
            "{name}: {} events, {} parameters compared ({} wildcards), {} mismatches",
            o.printed,
            o.params,
            o.wildcards,
            o.mismatches.len()
        );
        for m in o.mismatches.iter().take(SHOW) {
            eprintln!("  {m}");
        }
        total.0 += o.printed;
        total.1 += o.params;
        total.2 += o.wildcards;
        if !o.mismatches.is_empty() {
            failed.push(name);
        }
    }
    eprintln!(
        "total: {} events, {} parameters ({} wildcards)",
        total.0, total.1, total.2
    );
    assert!(failed.is_empty(), "mismatches in {failed:?}");
    assert!(total.0 > 100_000, "too few events compared: {}", total.0);
}

/// The comparison itself must notice a changed value, a changed name and a
/// missing parameter (guards against a comparator that accepts anything).
#[test]
fn comparator_detects_differences() {
    let Some(shared) = shared_dir() else { return };
    let path = shared.join("golden/files-files/trace.scap");
    let ev = ScapReader::open(&path)
        .expect("open")
        .filter_map(|i| match i.expect("decode") {
            Item::Event(ev) if ev.event_type == 3 && ev.nparams() >= 4 => Some(ev),
            _ => None,
        })
        .find(|ev| ev.raw_param(1).is_some_and(|p| p.len() > 1))
        .expect("an open exit");
    let info = ev.info_in(REV).expect("open exit in table");
    let mut good = String::new();
    for (i, (p, raw)) in info.params.iter().zip(ev.raw_params()).enumerate() {
        let Some(Expect::Exact(v)) = expect(&ev, i, p, raw) else {
            panic!("open exit params render exactly");
        };
        good.push_str(&format!("{}={v} ", p.name));
    }
    let (mut n, mut w) = (0, 0);
    assert_eq!(check_args(&ev, &good, &mut n, &mut w), Ok(()), "{good}");
    assert_eq!((n, w), (info.params.len().min(ev.nparams()) as u64, 0));
    // A resolved suffix is accepted.
    let fd = good.find(' ').expect("space");
    let resolved = format!("{}(<f>/x){}", &good[..fd], &good[fd..]);
    assert_eq!(check_args(&ev, &resolved, &mut n, &mut w), Ok(()));
    // A changed path, a renamed parameter and a truncated list are not.
    let changed = good.replacen("name=", "name=x", 1);
    assert_ne!(changed, good);
    assert!(
        check_args(&ev, &changed, &mut n, &mut w).is_err(),
        "{changed}"
    );
    let renamed = good.replacen("flags=", "flagz=", 1);
    assert!(check_args(&ev, &renamed, &mut n, &mut w).is_err());
    let cut = &good[..good.rfind(" mode=").expect("mode")];
    assert!(check_args(&ev, cut, &mut n, &mut w).is_err());
}

/// An exit-only capture of our probe, rewritten into 2022 enter/exit pairs
/// by [`LegacyConverter`], reads in sysdig 0.29.3 exactly as our 2022 table
/// decodes it, and sysdig then follows its fd state: a close names the file
/// the same thread opened on that fd (unconverted, sysdig never learns
/// which fd a close was for, and names later events after closed files).
#[test]
fn converted_exit_only_capture_matches_sysdig() {
    if !sysdig_available() {
        assert!(
            !sysflow_test_support::under_ci(),
            "CI is set but sysdig is not installed (apt-get install sysdig)"
        );
        sysflow_test_support::skip("sysdig is not installed (apt-get install sysdig)");
        return;
    }
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/live-workload.scap");
    let dir = tempfile::tempdir().expect("tempdir");
    let converted = dir.path().join("legacy.scap");
    let mut writer =
        ScapWriter::new(std::fs::File::create(&converted).expect("create")).expect("writer");
    let mut converter = LegacyConverter::new();
    let mut events = Vec::new();
    // The name each close must show: the path the same thread opened on
    // that fd (opens of other threads or inherited fds are not followed).
    let mut open: HashMap<(u64, i64), String> = HashMap::new();
    let mut expected = Vec::new();
    for item in ScapReader::open(&input).expect("open example") {
        match item.expect("decode") {
            Item::Event(ev) => {
                let int = |i| match ev.param(AbiRevision::Current, i) {
                    Some(Ok(ParamValue::Fd(v) | ParamValue::Errno(v))) => Some(v),
                    _ => None,
                };
                match ev.event_type {
                    307 => {
                        if let (Some(fd), Some(Ok(ParamValue::Path(p)))) =
                            (int(0), ev.param(AbiRevision::Current, 2))
                        {
                            open.insert((ev.tid, fd), lossy(p));
                        }
                    }
                    5 => {
                        let name = int(1).and_then(|fd| open.remove(&(ev.tid, fd)));
                        expected.push(name);
                    }
                    _ => {}
                }
                converter.convert(&ev, &mut events);
                for e in events.drain(..) {
                    writer.write_event(&e).expect("write");
                }
            }
            other => writer.write_item(&other).expect("write"),
        }
    }
    writer.finish().expect("finish");

    let o = compare_file(&converted);
    for m in o.mismatches.iter().take(SHOW) {
        eprintln!("  {m}");
    }
    assert!(o.mismatches.is_empty(), "{} mismatches", o.mismatches.len());
    assert!(o.printed > 1000, "too few events: {}", o.printed);

    let out = Command::new("sysdig")
        .arg("-r")
        .arg(&converted)
        .args(["-p", "%fd.name", "evt.type=close and evt.dir=<"])
        .output()
        .expect("run sysdig");
    let text = String::from_utf8_lossy(&out.stdout);
    let shown: Vec<&str> = text.lines().collect();
    assert_eq!(shown.len(), expected.len(), "{text}");
    let followed = expected.iter().filter(|e| e.is_some()).count();
    assert!(followed > 20, "too few closes of files opened: {followed}");
    for (shown, expected) in shown.iter().zip(&expected) {
        if let Some(path) = expected {
            // sysdig resolves a relative path against the thread's cwd.
            if path.starts_with('/') {
                assert_eq!(shown, path);
            } else {
                assert!(shown.ends_with(&format!("/{path}")), "{shown} for {path}");
            }
        }
    }
}
