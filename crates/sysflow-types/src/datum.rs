//! The Avro binary encoding of one SysFlow datum, written by hand for this one schema.
//!
//! A datum is the union branch index (a zig-zag varint) followed by the record's
//! fields in schema order. This is what a `.sf` block holds back to back and what
//! one unix-socket packet carries. The encoder is specialised to the schema rather
//! than driven by a parsed schema: the crate docs give the measurements behind
//! that choice.

use crate::AvroEnum;
use crate::entity::{Container, File, Process, SfHeader};
use crate::error::DecodeError;
use crate::event::{FileEvent, NetworkEvent, ProcessEvent};
use crate::flow::{FileFlow, NetworkFlow, ProcessFlow};
use crate::ident::{Foid, Oid};
use crate::k8s::{K8sEvent, Pod, Port, Service};
use crate::op_flags::{OpFlags, OpenFlags};
use crate::sysflow::{RecordType, SysFlow};

impl SysFlow {
    /// Appends the datum's Avro binary encoding to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        put_long(out, self.record_type().index() as i64);
        match self {
            SysFlow::Header(r) => r.encode(out),
            SysFlow::Container(r) => r.encode(out),
            SysFlow::Process(r) => r.encode(out),
            SysFlow::File(r) => r.encode(out),
            SysFlow::ProcessEvent(r) => r.encode(out),
            SysFlow::NetworkFlow(r) => r.encode(out),
            SysFlow::FileFlow(r) => r.encode(out),
            SysFlow::FileEvent(r) => r.encode(out),
            SysFlow::NetworkEvent(r) => r.encode(out),
            SysFlow::ProcessFlow(r) => r.encode(out),
            SysFlow::Pod(r) => r.encode(out),
            SysFlow::K8sEvent(r) => r.encode(out),
        }
    }

    /// The datum's Avro binary encoding in a new buffer (one socket packet).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(128);
        self.encode(&mut out);
        out
    }

    /// Decodes a datum that fills `bytes` exactly, as a socket packet does.
    pub fn decode(bytes: &[u8]) -> Result<SysFlow, DecodeError> {
        let (rec, used) = SysFlow::decode_prefix(bytes)?;
        if used != bytes.len() {
            return Err(DecodeError::TrailingBytes {
                offset: used,
                extra: bytes.len() - used,
            });
        }
        Ok(rec)
    }

    /// Decodes the datum at the start of `bytes` and returns it with the number
    /// of bytes it used.
    pub fn decode_prefix(bytes: &[u8]) -> Result<(SysFlow, usize), DecodeError> {
        let mut d = Decoder::new(bytes);
        let rec = d.sysflow()?;
        Ok((rec, d.pos))
    }
}

// ---------------------------------------------------------------------------
// Encoding

/// Zig-zag varint, the encoding of Avro `int` and `long`.
#[inline]
pub(crate) fn put_long(out: &mut Vec<u8>, v: i64) {
    let mut n = ((v << 1) ^ (v >> 63)) as u64;
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

#[inline]
fn put_int(out: &mut Vec<u8>, v: i32) {
    put_long(out, i64::from(v));
}

#[inline]
fn put_bool(out: &mut Vec<u8>, v: bool) {
    out.push(u8::from(v));
}

#[inline]
fn put_str(out: &mut Vec<u8>, s: &str) {
    put_long(out, s.len() as i64);
    out.extend_from_slice(s.as_bytes());
}

/// An array or map: one counted block holding every item, then the empty block.
fn put_array<T>(out: &mut Vec<u8>, items: &[T], mut put: impl FnMut(&mut Vec<u8>, &T)) {
    if !items.is_empty() {
        put_long(out, items.len() as i64);
        for item in items {
            put(out, item);
        }
    }
    out.push(0);
}

fn put_opt_str(out: &mut Vec<u8>, s: &Option<String>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(2);
            put_str(out, s);
        }
    }
}

fn put_oid(out: &mut Vec<u8>, oid: &Oid) {
    put_long(out, oid.create_ts);
    put_long(out, oid.hpid);
}

trait Encode {
    fn encode(&self, out: &mut Vec<u8>);
}

impl Encode for SfHeader {
    fn encode(&self, out: &mut Vec<u8>) {
        put_long(out, self.version);
        put_str(out, &self.exporter);
        put_str(out, &self.ip);
        put_str(out, &self.filename);
    }
}

impl Encode for Container {
    fn encode(&self, out: &mut Vec<u8>) {
        put_str(out, &self.id);
        put_str(out, &self.name);
        put_str(out, &self.image);
        put_str(out, &self.imageid);
        put_long(out, self.container_type.index() as i64);
        put_bool(out, self.privileged);
        put_opt_str(out, &self.pod_id);
    }
}

impl Encode for Process {
    fn encode(&self, out: &mut Vec<u8>) {
        put_long(out, self.state.index() as i64);
        put_oid(out, &self.oid);
        match &self.poid {
            None => out.push(0),
            Some(poid) => {
                out.push(2);
                put_oid(out, poid);
            }
        }
        put_long(out, self.ts);
        put_str(out, &self.exe);
        put_str(out, &self.exe_args);
        put_int(out, self.uid);
        put_str(out, &self.user_name);
        put_int(out, self.gid);
        put_str(out, &self.group_name);
        put_bool(out, self.tty);
        put_opt_str(out, &self.container_id);
        put_bool(out, self.entry);
        put_str(out, &self.cwd);
        put_array(out, &self.env, |out, s| put_str(out, s));
    }
}

impl Encode for File {
    fn encode(&self, out: &mut Vec<u8>) {
        put_long(out, self.state.index() as i64);
        out.extend_from_slice(&self.oid.0);
        put_long(out, self.ts);
        put_int(out, self.restype);
        put_str(out, &self.path);
        put_opt_str(out, &self.container_id);
    }
}

impl Encode for ProcessEvent {
    fn encode(&self, out: &mut Vec<u8>) {
        put_oid(out, &self.proc_oid);
        put_long(out, self.ts);
        put_long(out, self.tid);
        put_int(out, self.op_flags.0);
        put_array(out, &self.args, |out, s| put_str(out, s));
        put_int(out, self.ret);
    }
}

impl Encode for NetworkFlow {
    fn encode(&self, out: &mut Vec<u8>) {
        put_oid(out, &self.proc_oid);
        put_long(out, self.ts);
        put_long(out, self.tid);
        put_int(out, self.op_flags.0);
        put_long(out, self.end_ts);
        put_int(out, self.sip);
        put_int(out, self.sport);
        put_int(out, self.dip);
        put_int(out, self.dport);
        put_int(out, self.proto);
        put_int(out, self.fd);
        put_long(out, self.num_r_recv_ops);
        put_long(out, self.num_w_send_ops);
        put_long(out, self.num_r_recv_bytes);
        put_long(out, self.num_w_send_bytes);
    }
}

impl Encode for FileFlow {
    fn encode(&self, out: &mut Vec<u8>) {
        put_oid(out, &self.proc_oid);
        put_long(out, self.ts);
        put_long(out, self.tid);
        put_int(out, self.op_flags.0);
        put_int(out, self.open_flags.0);
        put_long(out, self.end_ts);
        out.extend_from_slice(&self.file_oid.0);
        put_int(out, self.fd);
        put_long(out, self.num_r_recv_ops);
        put_long(out, self.num_w_send_ops);
        put_long(out, self.num_r_recv_bytes);
        put_long(out, self.num_w_send_bytes);
    }
}

impl Encode for FileEvent {
    fn encode(&self, out: &mut Vec<u8>) {
        put_oid(out, &self.proc_oid);
        put_long(out, self.ts);
        put_long(out, self.tid);
        put_int(out, self.op_flags.0);
        out.extend_from_slice(&self.file_oid.0);
        put_int(out, self.ret);
        match &self.new_file_oid {
            None => out.push(0),
            Some(foid) => {
                out.push(2);
                out.extend_from_slice(&foid.0);
            }
        }
    }
}

impl Encode for NetworkEvent {
    fn encode(&self, out: &mut Vec<u8>) {
        put_oid(out, &self.proc_oid);
        put_long(out, self.ts);
        put_long(out, self.tid);
        put_int(out, self.op_flags.0);
        put_int(out, self.sip);
        put_int(out, self.sport);
        put_int(out, self.dip);
        put_int(out, self.dport);
        put_int(out, self.proto);
        put_int(out, self.ret);
    }
}

impl Encode for ProcessFlow {
    fn encode(&self, out: &mut Vec<u8>) {
        put_oid(out, &self.proc_oid);
        put_long(out, self.ts);
        put_long(out, self.num_threads_cloned);
        put_int(out, self.op_flags.0);
        put_long(out, self.end_ts);
        put_long(out, self.num_threads_exited);
        put_long(out, self.num_clone_errors);
    }
}

impl Encode for Port {
    fn encode(&self, out: &mut Vec<u8>) {
        put_int(out, self.port);
        put_int(out, self.target_port);
        put_int(out, self.node_port);
        put_str(out, &self.proto);
    }
}

impl Encode for Service {
    fn encode(&self, out: &mut Vec<u8>) {
        put_str(out, &self.name);
        put_str(out, &self.id);
        put_str(out, &self.namespace);
        put_array(out, &self.port_list, |out, p| p.encode(out));
        put_array(out, &self.cluster_ip, |out, ip| put_long(out, *ip));
    }
}

impl Encode for Pod {
    fn encode(&self, out: &mut Vec<u8>) {
        put_long(out, self.ts);
        put_str(out, &self.id);
        put_str(out, &self.name);
        put_str(out, &self.node_name);
        put_array(out, &self.host_ip, |out, ip| put_long(out, *ip));
        put_array(out, &self.internal_ip, |out, ip| put_long(out, *ip));
        put_str(out, &self.namespace);
        put_long(out, self.restart_count);
        let put_pair = |out: &mut Vec<u8>, (k, v): &(String, String)| {
            put_str(out, k);
            put_str(out, v);
        };
        put_array(out, &self.labels, put_pair);
        put_array(out, &self.selectors, put_pair);
        put_array(out, &self.services, |out, s| s.encode(out));
    }
}

impl Encode for K8sEvent {
    fn encode(&self, out: &mut Vec<u8>) {
        put_long(out, self.kind.index() as i64);
        put_long(out, self.action.index() as i64);
        put_long(out, self.ts);
        put_str(out, &self.message);
    }
}

// ---------------------------------------------------------------------------
// Decoding

/// A cursor over one datum's bytes. Every length is checked against what
/// remains before anything is allocated, so corrupt input cannot make it
/// allocate more than the input's size.
struct Decoder<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Decoder<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Decoder { buf, pos: 0 }
    }

    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn long(&mut self, field: &'static str) -> Result<i64, DecodeError> {
        let start = self.pos;
        let mut n: u64 = 0;
        let mut shift = 0u32;
        loop {
            let Some(&b) = self.buf.get(self.pos) else {
                return Err(DecodeError::UnexpectedEnd {
                    offset: self.pos,
                    field,
                });
            };
            self.pos += 1;
            // The tenth byte may only contribute the top bit of a 64-bit value.
            if shift == 63 && b > 1 {
                return Err(DecodeError::BadVarint {
                    offset: start,
                    field,
                });
            }
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok((n >> 1) as i64 ^ -((n & 1) as i64));
            }
            shift += 7;
        }
    }

    fn int(&mut self, field: &'static str) -> Result<i32, DecodeError> {
        let start = self.pos;
        let v = self.long(field)?;
        i32::try_from(v).map_err(|_| DecodeError::BadVarint {
            offset: start,
            field,
        })
    }

    fn boolean(&mut self, field: &'static str) -> Result<bool, DecodeError> {
        match self.buf.get(self.pos) {
            None => Err(DecodeError::UnexpectedEnd {
                offset: self.pos,
                field,
            }),
            Some(&b @ (0 | 1)) => {
                self.pos += 1;
                Ok(b == 1)
            }
            Some(&byte) => Err(DecodeError::BadBool {
                offset: self.pos,
                byte,
                field,
            }),
        }
    }

    /// A length that must fit in what remains of the buffer.
    fn length(&mut self, field: &'static str) -> Result<usize, DecodeError> {
        let start = self.pos;
        let length = self.long(field)?;
        match usize::try_from(length) {
            Ok(n) if n <= self.remaining() => Ok(n),
            _ => Err(DecodeError::BadLength {
                offset: start,
                length,
                field,
            }),
        }
    }

    fn bytes(&mut self, n: usize, field: &'static str) -> Result<&'a [u8], DecodeError> {
        let Some(slice) = self.buf.get(self.pos..self.pos + n) else {
            return Err(DecodeError::UnexpectedEnd {
                offset: self.buf.len(),
                field,
            });
        };
        self.pos += n;
        Ok(slice)
    }

    fn string(&mut self, field: &'static str) -> Result<String, DecodeError> {
        let n = self.length(field)?;
        let start = self.pos;
        let bytes = self.bytes(n, field)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(DecodeError::BadUtf8 {
                offset: start,
                field,
            }),
        }
    }

    fn foid(&mut self, field: &'static str) -> Result<Foid, DecodeError> {
        let bytes = self.bytes(Foid::LEN, field)?;
        let mut foid = Foid::default();
        foid.0.copy_from_slice(bytes);
        Ok(foid)
    }

    fn oid(&mut self, field: &'static str) -> Result<Oid, DecodeError> {
        Ok(Oid {
            create_ts: self.long(field)?,
            hpid: self.long(field)?,
        })
    }

    /// The branch of a `["null", T]` union: false for null.
    fn present(&mut self, field: &'static str) -> Result<bool, DecodeError> {
        let start = self.pos;
        match self.long(field)? {
            0 => Ok(false),
            1 => Ok(true),
            index => Err(DecodeError::BadUnionBranch {
                offset: start,
                index,
                field,
            }),
        }
    }

    fn opt_string(&mut self, field: &'static str) -> Result<Option<String>, DecodeError> {
        if self.present(field)? {
            self.string(field).map(Some)
        } else {
            Ok(None)
        }
    }

    fn enumeration<E: AvroEnum>(&mut self, field: &'static str) -> Result<E, DecodeError> {
        let start = self.pos;
        let index = self.long(field)?;
        usize::try_from(index)
            .ok()
            .and_then(|i| E::ALL.get(i))
            .copied()
            .ok_or(DecodeError::BadEnumIndex {
                offset: start,
                index,
                field,
            })
    }

    /// An array or map: blocks of items until an empty block. A negative count
    /// is followed by the block's byte size, which is read and not needed.
    fn array<T>(
        &mut self,
        field: &'static str,
        mut item: impl FnMut(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        let mut items = Vec::new();
        loop {
            let start = self.pos;
            let count = self.long(field)?;
            if count == 0 {
                return Ok(items);
            }
            if count < 0 {
                self.long(field)?;
            }
            // Every item takes at least one byte, which bounds a believable count.
            let n = match usize::try_from(count.unsigned_abs()) {
                Ok(n) if n <= self.remaining() => n,
                _ => {
                    return Err(DecodeError::BadLength {
                        offset: start,
                        length: count,
                        field,
                    });
                }
            };
            items.reserve(n);
            for _ in 0..n {
                items.push(item(self)?);
            }
        }
    }

    fn sysflow(&mut self) -> Result<SysFlow, DecodeError> {
        let start = self.pos;
        let index = self.long("SysFlow.rec")?;
        let Some(kind) = usize::try_from(index).ok().and_then(RecordType::from_index) else {
            return Err(DecodeError::BadUnionBranch {
                offset: start,
                index,
                field: "SysFlow.rec",
            });
        };
        Ok(match kind {
            RecordType::Header => SysFlow::Header(self.header()?),
            RecordType::Container => SysFlow::Container(self.container()?),
            RecordType::Process => SysFlow::Process(self.process()?),
            RecordType::File => SysFlow::File(self.file()?),
            RecordType::ProcessEvent => SysFlow::ProcessEvent(self.process_event()?),
            RecordType::NetworkFlow => SysFlow::NetworkFlow(self.network_flow()?),
            RecordType::FileFlow => SysFlow::FileFlow(self.file_flow()?),
            RecordType::FileEvent => SysFlow::FileEvent(self.file_event()?),
            RecordType::NetworkEvent => SysFlow::NetworkEvent(self.network_event()?),
            RecordType::ProcessFlow => SysFlow::ProcessFlow(self.process_flow()?),
            RecordType::Pod => SysFlow::Pod(self.pod()?),
            RecordType::K8sEvent => SysFlow::K8sEvent(self.k8s_event()?),
        })
    }

    fn header(&mut self) -> Result<SfHeader, DecodeError> {
        Ok(SfHeader {
            version: self.long("SFHeader.version")?,
            exporter: self.string("SFHeader.exporter")?,
            ip: self.string("SFHeader.ip")?,
            filename: self.string("SFHeader.filename")?,
        })
    }

    fn container(&mut self) -> Result<Container, DecodeError> {
        Ok(Container {
            id: self.string("Container.id")?,
            name: self.string("Container.name")?,
            image: self.string("Container.image")?,
            imageid: self.string("Container.imageid")?,
            container_type: self.enumeration("Container.type")?,
            privileged: self.boolean("Container.privileged")?,
            pod_id: self.opt_string("Container.podId")?,
        })
    }

    fn process(&mut self) -> Result<Process, DecodeError> {
        Ok(Process {
            state: self.enumeration("Process.state")?,
            oid: self.oid("Process.oid")?,
            poid: if self.present("Process.poid")? {
                Some(self.oid("Process.poid")?)
            } else {
                None
            },
            ts: self.long("Process.ts")?,
            exe: self.string("Process.exe")?,
            exe_args: self.string("Process.exeArgs")?,
            uid: self.int("Process.uid")?,
            user_name: self.string("Process.userName")?,
            gid: self.int("Process.gid")?,
            group_name: self.string("Process.groupName")?,
            tty: self.boolean("Process.tty")?,
            container_id: self.opt_string("Process.containerId")?,
            entry: self.boolean("Process.entry")?,
            cwd: self.string("Process.cwd")?,
            env: self
                .array("Process.env", |d| d.string("Process.env"))?
                .into(),
        })
    }

    fn file(&mut self) -> Result<File, DecodeError> {
        Ok(File {
            state: self.enumeration("File.state")?,
            oid: self.foid("File.oid")?,
            ts: self.long("File.ts")?,
            restype: self.int("File.restype")?,
            path: self.string("File.path")?,
            container_id: self.opt_string("File.containerId")?,
        })
    }

    fn process_event(&mut self) -> Result<ProcessEvent, DecodeError> {
        Ok(ProcessEvent {
            proc_oid: self.oid("ProcessEvent.procOID")?,
            ts: self.long("ProcessEvent.ts")?,
            tid: self.long("ProcessEvent.tid")?,
            op_flags: OpFlags(self.int("ProcessEvent.opFlags")?),
            args: self.array("ProcessEvent.args", |d| d.string("ProcessEvent.args"))?,
            ret: self.int("ProcessEvent.ret")?,
        })
    }

    fn network_flow(&mut self) -> Result<NetworkFlow, DecodeError> {
        Ok(NetworkFlow {
            proc_oid: self.oid("NetworkFlow.procOID")?,
            ts: self.long("NetworkFlow.ts")?,
            tid: self.long("NetworkFlow.tid")?,
            op_flags: OpFlags(self.int("NetworkFlow.opFlags")?),
            end_ts: self.long("NetworkFlow.endTs")?,
            sip: self.int("NetworkFlow.sip")?,
            sport: self.int("NetworkFlow.sport")?,
            dip: self.int("NetworkFlow.dip")?,
            dport: self.int("NetworkFlow.dport")?,
            proto: self.int("NetworkFlow.proto")?,
            fd: self.int("NetworkFlow.fd")?,
            num_r_recv_ops: self.long("NetworkFlow.numRRecvOps")?,
            num_w_send_ops: self.long("NetworkFlow.numWSendOps")?,
            num_r_recv_bytes: self.long("NetworkFlow.numRRecvBytes")?,
            num_w_send_bytes: self.long("NetworkFlow.numWSendBytes")?,
        })
    }

    fn file_flow(&mut self) -> Result<FileFlow, DecodeError> {
        Ok(FileFlow {
            proc_oid: self.oid("FileFlow.procOID")?,
            ts: self.long("FileFlow.ts")?,
            tid: self.long("FileFlow.tid")?,
            op_flags: OpFlags(self.int("FileFlow.opFlags")?),
            open_flags: OpenFlags(self.int("FileFlow.openFlags")?),
            end_ts: self.long("FileFlow.endTs")?,
            file_oid: self.foid("FileFlow.fileOID")?,
            fd: self.int("FileFlow.fd")?,
            num_r_recv_ops: self.long("FileFlow.numRRecvOps")?,
            num_w_send_ops: self.long("FileFlow.numWSendOps")?,
            num_r_recv_bytes: self.long("FileFlow.numRRecvBytes")?,
            num_w_send_bytes: self.long("FileFlow.numWSendBytes")?,
        })
    }

    fn file_event(&mut self) -> Result<FileEvent, DecodeError> {
        Ok(FileEvent {
            proc_oid: self.oid("FileEvent.procOID")?,
            ts: self.long("FileEvent.ts")?,
            tid: self.long("FileEvent.tid")?,
            op_flags: OpFlags(self.int("FileEvent.opFlags")?),
            file_oid: self.foid("FileEvent.fileOID")?,
            ret: self.int("FileEvent.ret")?,
            new_file_oid: if self.present("FileEvent.newFileOID")? {
                Some(self.foid("FileEvent.newFileOID")?)
            } else {
                None
            },
        })
    }

    fn network_event(&mut self) -> Result<NetworkEvent, DecodeError> {
        Ok(NetworkEvent {
            proc_oid: self.oid("NetworkEvent.procOID")?,
            ts: self.long("NetworkEvent.ts")?,
            tid: self.long("NetworkEvent.tid")?,
            op_flags: OpFlags(self.int("NetworkEvent.opFlags")?),
            sip: self.int("NetworkEvent.sip")?,
            sport: self.int("NetworkEvent.sport")?,
            dip: self.int("NetworkEvent.dip")?,
            dport: self.int("NetworkEvent.dport")?,
            proto: self.int("NetworkEvent.proto")?,
            ret: self.int("NetworkEvent.ret")?,
        })
    }

    fn process_flow(&mut self) -> Result<ProcessFlow, DecodeError> {
        Ok(ProcessFlow {
            proc_oid: self.oid("ProcessFlow.procOID")?,
            ts: self.long("ProcessFlow.ts")?,
            num_threads_cloned: self.long("ProcessFlow.numThreadsCloned")?,
            op_flags: OpFlags(self.int("ProcessFlow.opFlags")?),
            end_ts: self.long("ProcessFlow.endTs")?,
            num_threads_exited: self.long("ProcessFlow.numThreadsExited")?,
            num_clone_errors: self.long("ProcessFlow.numCloneErrors")?,
        })
    }

    fn port(&mut self) -> Result<Port, DecodeError> {
        Ok(Port {
            port: self.int("Port.port")?,
            target_port: self.int("Port.targetPort")?,
            node_port: self.int("Port.nodePort")?,
            proto: self.string("Port.proto")?,
        })
    }

    fn service(&mut self) -> Result<Service, DecodeError> {
        Ok(Service {
            name: self.string("Service.name")?,
            id: self.string("Service.id")?,
            namespace: self.string("Service.namespace")?,
            port_list: self.array("Service.portList", Self::port)?,
            cluster_ip: self.array("Service.clusterIP", |d| d.long("Service.clusterIP"))?,
        })
    }

    fn pod(&mut self) -> Result<Pod, DecodeError> {
        let pair = |field| {
            move |d: &mut Self| -> Result<(String, String), DecodeError> {
                Ok((d.string(field)?, d.string(field)?))
            }
        };
        Ok(Pod {
            ts: self.long("Pod.ts")?,
            id: self.string("Pod.id")?,
            name: self.string("Pod.name")?,
            node_name: self.string("Pod.nodeName")?,
            host_ip: self.array("Pod.hostIP", |d| d.long("Pod.hostIP"))?,
            internal_ip: self.array("Pod.internalIP", |d| d.long("Pod.internalIP"))?,
            namespace: self.string("Pod.namespace")?,
            restart_count: self.long("Pod.restartCount")?,
            labels: self.array("Pod.labels", pair("Pod.labels"))?,
            selectors: self.array("Pod.selectors", pair("Pod.selectors"))?,
            services: self.array("Pod.services", Self::service)?,
        })
    }

    fn k8s_event(&mut self) -> Result<K8sEvent, DecodeError> {
        Ok(K8sEvent {
            kind: self.enumeration("K8sEvent.kind")?,
            action: self.enumeration("K8sEvent.action")?,
            ts: self.long("K8sEvent.ts")?,
            message: self.string("K8sEvent.message")?,
        })
    }
}

#[cfg(test)]
mod tests;
