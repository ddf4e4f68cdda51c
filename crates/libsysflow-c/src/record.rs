//! The SysFlow records as C structs, borrowed for one callback, and their
//! making from [`CallbackRecord`]s.
//!
//! Fields follow schema v5 (`sysflow.entity.*`, `sysflow.event.*`,
//! `sysflow.flow.*`) in order, with snake_case names. Strings are
//! [`sf_str`]s pointing into the library's own strings: no copy is made for
//! the call, so they are not NUL-terminated (print them with `%.*s`).

#![allow(non_camel_case_types)]

use std::ffi::c_char;

use libsysflow::CallbackRecord;
use libsysflow::types::{
    Container, File, FileEvent, FileFlow, Foid, K8sEvent, NetworkEvent, NetworkFlow, Oid, Process,
    ProcessEvent, ProcessFlow, SfHeader, SysFlow,
};

/// Record type of a header (`SF_HEADER`; never delivered to a callback).
pub const SF_RECORD_HEADER: u32 = 0;
/// Record type of a container (`SF_CONT`; never delivered to a callback).
pub const SF_RECORD_CONTAINER: u32 = 1;
/// Record type of a process (`SF_PROC`; never delivered to a callback).
pub const SF_RECORD_PROCESS: u32 = 2;
/// Record type of a file (`SF_FILE_OBJ`; never delivered to a callback).
pub const SF_RECORD_FILE: u32 = 3;
/// Record type of a process event (`SF_PROC_EVT`): `data.process_event`.
pub const SF_RECORD_PROCESS_EVENT: u32 = 4;
/// Record type of a network flow (`SF_NET_FLOW`): `data.network_flow`.
pub const SF_RECORD_NETWORK_FLOW: u32 = 5;
/// Record type of a file flow (`SF_FILE_FLOW`): `data.file_flow`.
pub const SF_RECORD_FILE_FLOW: u32 = 6;
/// Record type of a file event (`SF_FILE_EVT`): `data.file_event`.
pub const SF_RECORD_FILE_EVENT: u32 = 7;
/// Record type of a network event (`SF_NET_EVT`): `data.network_event`.
pub const SF_RECORD_NETWORK_EVENT: u32 = 8;
/// Record type of a process flow (`SF_PROC_FLOW`): `data.process_flow`.
pub const SF_RECORD_PROCESS_FLOW: u32 = 9;
/// Record type of a pod (`SF_POD`; never delivered to a callback).
pub const SF_RECORD_POD: u32 = 10;
/// Record type of a Kubernetes event (`SF_K8S_EVT`): `data.k8s_event`.
pub const SF_RECORD_K8S_EVENT: u32 = 11;

/// A UTF-8 string borrowed for the call: `len` bytes at `ptr`, not
/// NUL-terminated. In an optional field (a union with null in the schema)
/// `ptr` is null when the field is null; otherwise it is never null, also
/// for an empty string.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sf_str {
    /// The first byte.
    pub ptr: *const c_char,
    /// The length in bytes.
    pub len: usize,
}

impl sf_str {
    /// The null string of an absent optional field.
    pub const NULL: sf_str = sf_str {
        ptr: std::ptr::null(),
        len: 0,
    };

    fn of(s: &str) -> sf_str {
        sf_str {
            ptr: s.as_ptr().cast(),
            len: s.len(),
        }
    }

    fn of_opt(s: Option<&String>) -> sf_str {
        s.map_or(sf_str::NULL, |s| sf_str::of(s))
    }
}

/// A process's identity (`sysflow.type.OID`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sf_oid {
    /// Creation time of the main thread, ns since the epoch (`createTS`).
    pub create_ts: i64,
    /// Process id in the host pid namespace.
    pub hpid: i64,
}

impl From<Oid> for sf_oid {
    fn from(o: Oid) -> sf_oid {
        sf_oid {
            create_ts: o.create_ts,
            hpid: o.hpid,
        }
    }
}

/// A file's identity, a SHA-1 (`sysflow.type.FOID`, fixed 20).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sf_foid {
    /// The 20 bytes.
    pub bytes: [u8; 20],
}

impl From<Foid> for sf_foid {
    fn from(f: Foid) -> sf_foid {
        sf_foid { bytes: f.0 }
    }
}

/// The header of the segment the record belongs to (`SFHeader`).
#[repr(C)]
#[derive(Debug)]
pub struct sf_header {
    /// Schema version.
    pub version: i64,
    /// Exporter id.
    pub exporter: sf_str,
    /// Node IP, or empty.
    pub ip: sf_str,
    /// The file being written, or empty.
    pub filename: sf_str,
}

/// A container (`Container`).
#[repr(C)]
#[derive(Debug)]
pub struct sf_container {
    /// Container id.
    pub id: sf_str,
    /// Name.
    pub name: sf_str,
    /// Image with its tag.
    pub image: sf_str,
    /// Image id.
    pub imageid: sf_str,
    /// `ContainerType` ordinal (`CT_DOCKER` = 0 …, the schema's order).
    pub container_type: i32,
    /// Whether it runs privileged.
    pub privileged: bool,
    /// Pod id; null `ptr` when none.
    pub pod_id: sf_str,
}

/// A process (`Process`).
#[repr(C)]
#[derive(Debug)]
pub struct sf_process {
    /// `SFObjectState` ordinal: 0 CREATED, 1 MODIFIED, 2 REUP.
    pub state: i32,
    /// Identity.
    pub oid: sf_oid,
    /// The parent's identity; null when unknown.
    pub poid: *const sf_oid,
    /// Time (ns) of the event that created or changed the record.
    pub ts: i64,
    /// Executable path.
    pub exe: sf_str,
    /// Arguments after argv\[0\], joined by spaces (`exeArgs`).
    pub exe_args: sf_str,
    /// User id, -1 when unknown.
    pub uid: i32,
    /// User name (`userName`).
    pub user_name: sf_str,
    /// Group id, -1 when unknown.
    pub gid: i32,
    /// Group name (`groupName`).
    pub group_name: sf_str,
    /// Whether it has a controlling terminal.
    pub tty: bool,
    /// Container id; null `ptr` when none (`containerId`).
    pub container_id: sf_str,
    /// Whether it is its pid namespace's pid 1.
    pub entry: bool,
    /// Working directory.
    pub cwd: sf_str,
    /// Environment, `env_len` `NAME=value` strings.
    pub env: *const sf_str,
    /// How many strings `env` holds.
    pub env_len: usize,
}

/// A file, directory, pipe or unix socket (`File`).
#[repr(C)]
#[derive(Debug)]
pub struct sf_file {
    /// `SFObjectState` ordinal.
    pub state: i32,
    /// Identity.
    pub oid: sf_foid,
    /// Time (ns) of the first reference.
    pub ts: i64,
    /// Resource type as a character: `f`, `d`, `u`, `p`, `?`.
    pub restype: i32,
    /// Path or descriptor name.
    pub path: sf_str,
    /// Container id; null `ptr` when none (`containerId`).
    pub container_id: sf_str,
}

/// A process event: clone, exec, exit, setuid (`ProcessEvent`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sf_process_event {
    /// The process (`procOID`).
    pub proc_oid: sf_oid,
    /// Time (ns).
    pub ts: i64,
    /// Thread id.
    pub tid: i64,
    /// `OP_*` flags (`opFlags`).
    pub op_flags: i32,
    /// Arguments, `args_len` strings.
    pub args: *const sf_str,
    /// How many strings `args` holds.
    pub args_len: usize,
    /// Return value.
    pub ret: i32,
}

/// A network flow (`NetworkFlow`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sf_network_flow {
    /// The process (`procOID`).
    pub proc_oid: sf_oid,
    /// Start (ns).
    pub ts: i64,
    /// Thread id.
    pub tid: i64,
    /// `OP_*` flags (`opFlags`).
    pub op_flags: i32,
    /// End (ns) (`endTs`).
    pub end_ts: i64,
    /// Source IPv4, network-order bytes read as little-endian.
    pub sip: i32,
    /// Source port.
    pub sport: i32,
    /// Destination IPv4, as `sip`.
    pub dip: i32,
    /// Destination port.
    pub dport: i32,
    /// IP protocol.
    pub proto: i32,
    /// Descriptor.
    pub fd: i32,
    /// Receive operations (`numRRecvOps`).
    pub num_r_recv_ops: i64,
    /// Send operations (`numWSendOps`).
    pub num_w_send_ops: i64,
    /// Bytes received (`numRRecvBytes`).
    pub num_r_recv_bytes: i64,
    /// Bytes sent (`numWSendBytes`).
    pub num_w_send_bytes: i64,
}

/// A file flow (`FileFlow`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sf_file_flow {
    /// The process (`procOID`).
    pub proc_oid: sf_oid,
    /// Start (ns).
    pub ts: i64,
    /// Thread id.
    pub tid: i64,
    /// `OP_*` flags (`opFlags`).
    pub op_flags: i32,
    /// Falco's `PPM_O_*` open flags (`openFlags`).
    pub open_flags: i32,
    /// End (ns) (`endTs`).
    pub end_ts: i64,
    /// The file (`fileOID`).
    pub file_oid: sf_foid,
    /// Descriptor.
    pub fd: i32,
    /// Read operations (`numRRecvOps`).
    pub num_r_recv_ops: i64,
    /// Write operations (`numWSendOps`).
    pub num_w_send_ops: i64,
    /// Bytes read (`numRRecvBytes`).
    pub num_r_recv_bytes: i64,
    /// Bytes written (`numWSendBytes`).
    pub num_w_send_bytes: i64,
}

/// A file event: mkdir, rmdir, link, symlink, unlink, rename (`FileEvent`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sf_file_event {
    /// The process (`procOID`).
    pub proc_oid: sf_oid,
    /// Time (ns).
    pub ts: i64,
    /// Thread id.
    pub tid: i64,
    /// `OP_*` flags (`opFlags`).
    pub op_flags: i32,
    /// The file (`fileOID`).
    pub file_oid: sf_foid,
    /// Return value.
    pub ret: i32,
    /// The second file of a rename or link (`newFileOID`); null when none.
    pub new_file_oid: *const sf_foid,
}

/// A network event (`NetworkEvent`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sf_network_event {
    /// The process (`procOID`).
    pub proc_oid: sf_oid,
    /// Time (ns).
    pub ts: i64,
    /// Thread id.
    pub tid: i64,
    /// `OP_*` flags (`opFlags`).
    pub op_flags: i32,
    /// Source IPv4.
    pub sip: i32,
    /// Source port.
    pub sport: i32,
    /// Destination IPv4.
    pub dip: i32,
    /// Destination port.
    pub dport: i32,
    /// IP protocol.
    pub proto: i32,
    /// Return value.
    pub ret: i32,
}

/// A process flow: thread clones and exits (`ProcessFlow`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sf_process_flow {
    /// The process (`procOID`).
    pub proc_oid: sf_oid,
    /// Start (ns).
    pub ts: i64,
    /// Threads cloned (`numThreadsCloned`).
    pub num_threads_cloned: i64,
    /// `OP_*` flags (`opFlags`).
    pub op_flags: i32,
    /// End (ns) (`endTs`).
    pub end_ts: i64,
    /// Threads exited (`numThreadsExited`).
    pub num_threads_exited: i64,
    /// Failed clones (`numCloneErrors`).
    pub num_clone_errors: i64,
}

/// A Kubernetes event (`K8sEvent`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sf_k8s_event {
    /// `K8sComponent` ordinal.
    pub kind: i32,
    /// `K8sAction` ordinal.
    pub action: i32,
    /// Time (ns).
    pub ts: i64,
    /// Message.
    pub message: sf_str,
}

/// The record's body; `sf_record::record_type` says which member is valid.
#[repr(C)]
#[derive(Clone, Copy)]
pub union sf_record_data {
    /// `SF_RECORD_PROCESS_EVENT`.
    pub process_event: sf_process_event,
    /// `SF_RECORD_NETWORK_FLOW`.
    pub network_flow: sf_network_flow,
    /// `SF_RECORD_FILE_FLOW`.
    pub file_flow: sf_file_flow,
    /// `SF_RECORD_FILE_EVENT`.
    pub file_event: sf_file_event,
    /// `SF_RECORD_NETWORK_EVENT`.
    pub network_event: sf_network_event,
    /// `SF_RECORD_PROCESS_FLOW`.
    pub process_flow: sf_process_flow,
    /// `SF_RECORD_K8S_EVENT`.
    pub k8s_event: sf_k8s_event,
}

/// A behaviour record (the `rec` of `sysflow.SysFlow`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct sf_record {
    /// One of the `SF_RECORD_*` values (the schema's union index, the
    /// reference's `SF_*` ids).
    pub record_type: u32,
    /// The record.
    pub data: sf_record_data,
}

/// Buffers reused from call to call, so that making the C view of a record
/// allocates nothing once they have grown.
#[derive(Default)]
pub(crate) struct Scratch {
    env: Vec<sf_str>,
    args: Vec<sf_str>,
}

// SAFETY: the raw pointers in the buffers point into records of the call
// that filled them and are never read after it; the buffers only keep
// their capacity from call to call.
unsafe impl Send for Scratch {}

/// The C view of one [`CallbackRecord`], valid while it and the scratch
/// buffers are borrowed.
pub(crate) struct View {
    pub(crate) header: sf_header,
    pub(crate) container: Option<sf_container>,
    pub(crate) process: Option<sf_process>,
    pub(crate) poid: Option<sf_oid>,
    pub(crate) file: Option<sf_file>,
    pub(crate) new_file: Option<sf_file>,
    pub(crate) new_file_oid: Option<sf_foid>,
    pub(crate) record: sf_record,
}

impl View {
    /// The C view of `r`, or `None` for a record a callback never receives
    /// (an entity).
    pub(crate) fn of(r: &CallbackRecord<'_>, scratch: &mut Scratch) -> Option<View> {
        let (record, new_file_oid) = record(r.record, &mut scratch.args)?;
        let poid = r.process.and_then(|p| p.poid).map(sf_oid::from);
        Some(View {
            header: header(r.header),
            container: r.container.map(container),
            process: r.process.map(|p| process(p, &mut scratch.env)),
            poid,
            file: r.file.map(file),
            new_file: r.new_file.map(file),
            new_file_oid,
            record,
        })
    }

    /// Points the view's optional members at their values, once the view
    /// has its final address.
    pub(crate) fn link(&mut self) {
        if let Some(p) = &mut self.process {
            p.poid = self
                .poid
                .as_ref()
                .map_or(std::ptr::null(), |o| o as *const sf_oid);
        }
        if self.record.record_type == SF_RECORD_FILE_EVENT {
            // SAFETY: the tag says the union holds a file event.
            let e = unsafe { &mut self.record.data.file_event };
            e.new_file_oid = self
                .new_file_oid
                .as_ref()
                .map_or(std::ptr::null(), |o| o as *const sf_foid);
        }
    }
}

fn header(h: &SfHeader) -> sf_header {
    sf_header {
        version: h.version,
        exporter: sf_str::of(&h.exporter),
        ip: sf_str::of(&h.ip),
        filename: sf_str::of(&h.filename),
    }
}

fn ordinal(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

fn container(c: &Container) -> sf_container {
    sf_container {
        id: sf_str::of(&c.id),
        name: sf_str::of(&c.name),
        image: sf_str::of(&c.image),
        imageid: sf_str::of(&c.imageid),
        container_type: ordinal(c.container_type.index()),
        privileged: c.privileged,
        pod_id: sf_str::of_opt(c.pod_id.as_ref()),
    }
}

fn process(p: &Process, env: &mut Vec<sf_str>) -> sf_process {
    env.clear();
    env.extend(p.env.iter().map(|s| sf_str::of(s)));
    sf_process {
        state: ordinal(p.state.index()),
        oid: p.oid.into(),
        poid: std::ptr::null(),
        ts: p.ts,
        exe: sf_str::of(&p.exe),
        exe_args: sf_str::of(&p.exe_args),
        uid: p.uid,
        user_name: sf_str::of(&p.user_name),
        gid: p.gid,
        group_name: sf_str::of(&p.group_name),
        tty: p.tty,
        container_id: sf_str::of_opt(p.container_id.as_ref()),
        entry: p.entry,
        cwd: sf_str::of(&p.cwd),
        env: env.as_ptr(),
        env_len: env.len(),
    }
}

fn file(f: &File) -> sf_file {
    sf_file {
        state: ordinal(f.state.index()),
        oid: f.oid.into(),
        ts: f.ts,
        restype: f.restype,
        path: sf_str::of(&f.path),
        container_id: sf_str::of_opt(f.container_id.as_ref()),
    }
}

/// The record's C form, and a file event's second file (linked later).
fn record(rec: &SysFlow, args: &mut Vec<sf_str>) -> Option<(sf_record, Option<sf_foid>)> {
    let mut new_file_oid = None;
    let (record_type, data) = match rec {
        SysFlow::ProcessEvent(e) => (SF_RECORD_PROCESS_EVENT, process_event(e, args)),
        SysFlow::NetworkFlow(f) => (SF_RECORD_NETWORK_FLOW, network_flow(f)),
        SysFlow::FileFlow(f) => (SF_RECORD_FILE_FLOW, file_flow(f)),
        SysFlow::FileEvent(e) => {
            new_file_oid = e.new_file_oid.map(sf_foid::from);
            (SF_RECORD_FILE_EVENT, file_event(e))
        }
        SysFlow::NetworkEvent(e) => (SF_RECORD_NETWORK_EVENT, network_event(e)),
        SysFlow::ProcessFlow(f) => (SF_RECORD_PROCESS_FLOW, process_flow(f)),
        SysFlow::K8sEvent(e) => (SF_RECORD_K8S_EVENT, k8s_event(e)),
        SysFlow::Header(_)
        | SysFlow::Container(_)
        | SysFlow::Process(_)
        | SysFlow::File(_)
        | SysFlow::Pod(_) => return None,
    };
    Some((sf_record { record_type, data }, new_file_oid))
}

fn process_event(e: &ProcessEvent, args: &mut Vec<sf_str>) -> sf_record_data {
    args.clear();
    args.extend(e.args.iter().map(|s| sf_str::of(s)));
    sf_record_data {
        process_event: sf_process_event {
            proc_oid: e.proc_oid.into(),
            ts: e.ts,
            tid: e.tid,
            op_flags: e.op_flags.bits(),
            args: args.as_ptr(),
            args_len: args.len(),
            ret: e.ret,
        },
    }
}

fn network_flow(f: &NetworkFlow) -> sf_record_data {
    sf_record_data {
        network_flow: sf_network_flow {
            proc_oid: f.proc_oid.into(),
            ts: f.ts,
            tid: f.tid,
            op_flags: f.op_flags.bits(),
            end_ts: f.end_ts,
            sip: f.sip,
            sport: f.sport,
            dip: f.dip,
            dport: f.dport,
            proto: f.proto,
            fd: f.fd,
            num_r_recv_ops: f.num_r_recv_ops,
            num_w_send_ops: f.num_w_send_ops,
            num_r_recv_bytes: f.num_r_recv_bytes,
            num_w_send_bytes: f.num_w_send_bytes,
        },
    }
}

fn file_flow(f: &FileFlow) -> sf_record_data {
    sf_record_data {
        file_flow: sf_file_flow {
            proc_oid: f.proc_oid.into(),
            ts: f.ts,
            tid: f.tid,
            op_flags: f.op_flags.bits(),
            open_flags: f.open_flags.bits(),
            end_ts: f.end_ts,
            file_oid: f.file_oid.into(),
            fd: f.fd,
            num_r_recv_ops: f.num_r_recv_ops,
            num_w_send_ops: f.num_w_send_ops,
            num_r_recv_bytes: f.num_r_recv_bytes,
            num_w_send_bytes: f.num_w_send_bytes,
        },
    }
}

fn file_event(e: &FileEvent) -> sf_record_data {
    sf_record_data {
        file_event: sf_file_event {
            proc_oid: e.proc_oid.into(),
            ts: e.ts,
            tid: e.tid,
            op_flags: e.op_flags.bits(),
            file_oid: e.file_oid.into(),
            ret: e.ret,
            new_file_oid: std::ptr::null(),
        },
    }
}

fn network_event(e: &NetworkEvent) -> sf_record_data {
    sf_record_data {
        network_event: sf_network_event {
            proc_oid: e.proc_oid.into(),
            ts: e.ts,
            tid: e.tid,
            op_flags: e.op_flags.bits(),
            sip: e.sip,
            sport: e.sport,
            dip: e.dip,
            dport: e.dport,
            proto: e.proto,
            ret: e.ret,
        },
    }
}

fn process_flow(f: &ProcessFlow) -> sf_record_data {
    sf_record_data {
        process_flow: sf_process_flow {
            proc_oid: f.proc_oid.into(),
            ts: f.ts,
            num_threads_cloned: f.num_threads_cloned,
            op_flags: f.op_flags.bits(),
            end_ts: f.end_ts,
            num_threads_exited: f.num_threads_exited,
            num_clone_errors: f.num_clone_errors,
        },
    }
}

fn k8s_event(e: &K8sEvent) -> sf_record_data {
    sf_record_data {
        k8s_event: sf_k8s_event {
            kind: ordinal(e.kind.index()),
            action: ordinal(e.action.index()),
            ts: e.ts,
            message: sf_str::of(&e.message),
        },
    }
}
