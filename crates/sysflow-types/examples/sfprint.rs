//! `sfprint [--entities] FILE.sf`: prints a `.sf` file as a table, one line per
//! behaviour record, joined with its process and file the way `sysprint` shows
//! them. `--entities` also prints the header, container, process and file records.
//!
//! `sfprint --write-sample FILE.sf` first writes a small made-up sample (a
//! process that reads, renames and connects), then prints it: a file to look
//! at without any capture. (The README's first command converts the example
//! capture with sysporter and prints the result.)

use std::collections::HashMap;
use std::io::Write as _;
use std::process::ExitCode;

use sysflow_types::*;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut flag = |name: &str| {
        let before = args.len();
        args.retain(|a| a != name);
        args.len() != before
    };
    let (entities, sample) = (flag("--entities"), flag("--write-sample"));
    let [path] = args.as_slice() else {
        eprintln!("usage: sfprint [--entities] [--write-sample] FILE.sf");
        return ExitCode::from(2);
    };
    if sample {
        if let Err(e) = write_sample(path) {
            eprintln!("sfprint: {path}: {e}");
            return ExitCode::FAILURE;
        }
        eprintln!("sfprint: wrote a small sample capture to {path}");
    }
    match print(path, entities) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`sfprint FILE | head`): not an error.
        Err(SfError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sfprint: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The processes and files seen since the last header, to name the actors of
/// behaviour records (each segment of a `.sf` file stands alone).
#[derive(Default)]
struct Entities {
    processes: HashMap<Oid, Process>,
    files: HashMap<Foid, File>,
}

impl Entities {
    fn exe(&self, oid: &Oid) -> &str {
        self.processes.get(oid).map_or("?", |p| p.exe.as_str())
    }

    fn path(&self, foid: &Foid) -> &str {
        self.files.get(foid).map_or("?", |f| f.path.as_str())
    }
}

fn print(path: &str, show_entities: bool) -> Result<(), SfError> {
    let mut out = std::io::stdout().lock();
    let reader = SfReader::open(path)?;
    let mut seen = Entities::default();
    writeln!(
        out,
        "{:>6} {:>19} {:<4} {:<24} {:>7} {:>7} {:<11} {:<40} {:>8} {:>8}",
        "#", "ts", "type", "exe", "pid", "tid", "ops", "resource", "read", "written"
    )?;
    for (n, rec) in reader.enumerate() {
        let rec = rec?;
        let line = match &rec {
            SysFlow::Header(h) => {
                seen = Entities::default();
                show_entities.then(|| {
                    format!(
                        "HDR  v{} exporter={:?} ip={:?} file={:?}",
                        h.version, h.exporter, h.ip, h.filename
                    )
                })
            }
            SysFlow::Container(c) => {
                show_entities.then(|| format!("CONT {} {} {}", c.id, c.name, c.image))
            }
            SysFlow::Process(p) => {
                let line = show_entities.then(|| {
                    format!(
                        "PROC {} {} {} {} {}",
                        p.state, p.oid, p.exe, p.exe_args, p.user_name
                    )
                });
                seen.processes.insert(p.oid, p.clone());
                line
            }
            SysFlow::File(f) => {
                let line = show_entities.then(|| {
                    format!(
                        "FILE {} {} {}",
                        f.state,
                        f.file_type().map_or('?', FileType::as_char),
                        f.path
                    )
                });
                seen.files.insert(f.oid, f.clone());
                line
            }
            SysFlow::ProcessEvent(e) => Some(row(
                &seen,
                e.ts,
                "PE",
                &e.proc_oid,
                e.tid,
                e.op_flags,
                &e.args.join(" "),
                None,
            )),
            SysFlow::FileFlow(f) => Some(row(
                &seen,
                f.ts,
                "FF",
                &f.proc_oid,
                f.tid,
                f.op_flags,
                seen.path(&f.file_oid),
                Some((f.num_r_recv_bytes, f.num_w_send_bytes)),
            )),
            SysFlow::FileEvent(e) => {
                let mut resource = seen.path(&e.file_oid).to_owned();
                if let Some(new) = &e.new_file_oid {
                    resource = format!("{resource} -> {}", seen.path(new));
                }
                Some(row(
                    &seen,
                    e.ts,
                    "FE",
                    &e.proc_oid,
                    e.tid,
                    e.op_flags,
                    &resource,
                    None,
                ))
            }
            SysFlow::NetworkFlow(f) => {
                let resource = format!(
                    "{}:{}-{}:{}",
                    ipv4_from_sysflow(f.sip),
                    f.sport,
                    ipv4_from_sysflow(f.dip),
                    f.dport
                );
                Some(row(
                    &seen,
                    f.ts,
                    "NF",
                    &f.proc_oid,
                    f.tid,
                    f.op_flags,
                    &resource,
                    Some((f.num_r_recv_bytes, f.num_w_send_bytes)),
                ))
            }
            SysFlow::NetworkEvent(e) => Some(row(
                &seen,
                e.ts,
                "NE",
                &e.proc_oid,
                e.tid,
                e.op_flags,
                "",
                None,
            )),
            SysFlow::ProcessFlow(f) => Some(row(
                &seen,
                f.ts,
                "PF",
                &f.proc_oid,
                f.proc_oid.hpid,
                f.op_flags,
                "",
                None,
            )),
            SysFlow::Pod(p) => {
                show_entities.then(|| format!("POD  {} {}/{}", p.id, p.namespace, p.name))
            }
            SysFlow::K8sEvent(e) => Some(format!("KE   {} {} {}", e.kind, e.action, e.message)),
        };
        if let Some(line) = line {
            writeln!(out, "{n:>6} {line}")?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn row(
    seen: &Entities,
    ts: i64,
    kind: &str,
    oid: &Oid,
    tid: i64,
    ops: OpFlags,
    resource: &str,
    bytes: Option<(i64, i64)>,
) -> String {
    let (r, w) = bytes.map_or((String::new(), String::new()), |(r, w)| {
        (r.to_string(), w.to_string())
    });
    format!(
        "{ts:>19} {kind:<4} {:<24} {:>7} {tid:>7} {:<11} {resource:<40} {r:>8} {w:>8}",
        seen.exe(oid),
        oid.hpid,
        ops.to_string()
    )
}

fn write_sample(path: &str) -> std::io::Result<()> {
    let proc_oid = Oid::new(1_700_000_000_000_000_000, 4242);
    let file_oid = Foid([0x11; 20]);
    let renamed = Foid([0x22; 20]);
    let ts = 1_700_000_000_100_000_000;
    let records = [
        SysFlow::Header(SfHeader {
            version: SCHEMA_VERSION,
            exporter: "sample".into(),
            ip: String::new(),
            filename: path.into(),
        }),
        SysFlow::Process(Process {
            state: SfObjectState::Created,
            oid: proc_oid,
            poid: None,
            ts,
            exe: "/usr/bin/cp".into(),
            exe_args: "notes.txt notes.bak".into(),
            uid: 1000,
            user_name: "alice".into(),
            gid: 1000,
            group_name: "alice".into(),
            tty: true,
            container_id: None,
            entry: false,
            cwd: "/home/alice".into(),
            env: vec!["LANG=C.UTF-8".into()].into(),
        }),
        SysFlow::ProcessEvent(ProcessEvent {
            proc_oid,
            ts,
            tid: 4242,
            op_flags: OpFlags::EXEC,
            args: vec![],
            ret: 0,
        }),
        SysFlow::File(File {
            state: SfObjectState::Reup,
            oid: file_oid,
            ts: ts + 10,
            restype: FileType::File.restype(),
            path: "/home/alice/notes.txt".into(),
            container_id: None,
        }),
        SysFlow::FileFlow(FileFlow {
            proc_oid,
            ts: ts + 10,
            tid: 4242,
            op_flags: OpFlags::OPEN | OpFlags::READ_RECV | OpFlags::CLOSE,
            open_flags: OpenFlags::RDONLY | OpenFlags::CLOEXEC,
            end_ts: ts + 90,
            file_oid,
            fd: 3,
            num_r_recv_ops: 2,
            num_w_send_ops: 0,
            num_r_recv_bytes: 5120,
            num_w_send_bytes: 0,
        }),
        SysFlow::File(File {
            state: SfObjectState::Created,
            oid: renamed,
            ts: ts + 100,
            restype: FileType::Unknown.restype(),
            path: "/home/alice/notes.bak".into(),
            container_id: None,
        }),
        SysFlow::FileEvent(FileEvent {
            proc_oid,
            ts: ts + 100,
            tid: 4242,
            op_flags: OpFlags::RENAME,
            file_oid,
            ret: 0,
            new_file_oid: Some(renamed),
        }),
        SysFlow::NetworkFlow(NetworkFlow {
            proc_oid,
            ts: ts + 200,
            tid: 4242,
            op_flags: OpFlags::CONNECT | OpFlags::WRITE_SEND | OpFlags::READ_RECV | OpFlags::CLOSE,
            end_ts: ts + 900,
            sip: ipv4_to_sysflow(std::net::Ipv4Addr::LOCALHOST),
            sport: 40556,
            dip: ipv4_to_sysflow(std::net::Ipv4Addr::LOCALHOST),
            dport: 8080,
            proto: 6,
            fd: 4,
            num_r_recv_ops: 1,
            num_w_send_ops: 1,
            num_r_recv_bytes: 612,
            num_w_send_bytes: 78,
        }),
        SysFlow::ProcessEvent(ProcessEvent {
            proc_oid,
            ts: ts + 1000,
            tid: 4242,
            op_flags: OpFlags::EXIT,
            args: vec![],
            ret: 0,
        }),
    ];
    let mut writer = SfWriter::create(path)?;
    for rec in &records {
        writer.append(rec)?;
    }
    writer.finish()?;
    Ok(())
}
