//! NetworkFlows: the connects, accepts, sends, receives and closes of a
//! thread on one IPv4 socket, aggregated into one flow per thread, fd and
//! tuple, written at close with the same socket's flows of other threads.

use sysflow_types::{NetworkFlow, Oid, OpFlags, SfObjectState};

use super::{NS, Processor};
use crate::config::CollectionMode;
use crate::event::Ev;
use crate::flow::{NetKey, OpenNetFlow, apply, worth_writing};

impl Processor {
    /// Operation `op` (returning `ret`) on IPv4 socket `key`: its flow is
    /// created or updated, and written at close (consumer mode keeps only
    /// connects and accepts).
    pub(super) fn net_flow(&mut self, ev: &Ev<'_>, op: OpFlags, key: NetKey, proto: u8, ret: i64) {
        let tid = ev.tid();
        let Some((oid, _)) = self.process_of(ev, SfObjectState::Reup) else {
            return;
        };
        let proto = match proto {
            6 => 6,
            17 => 17,
            1 => 1,
            254 => 254,
            _ => -1,
        };
        let new_rec = || NetworkFlow {
            proc_oid: oid,
            ts: ev.ts() as i64,
            tid,
            op_flags: OpFlags::NONE,
            end_ts: 0,
            sip: key.sip as i32,
            sport: i32::from(key.sport),
            dip: key.dip as i32,
            dport: i32::from(key.dport),
            proto,
            fd: key.fd as i32,
            num_r_recv_ops: 0,
            num_w_send_ops: 0,
            num_r_recv_bytes: 0,
            num_w_send_bytes: 0,
        };
        if self.config.collection_mode == CollectionMode::Consumer
            && op != OpFlags::CONNECT
            && op != OpFlags::ACCEPT
        {
            return;
        }
        let exists = self
            .flows
            .get(&oid)
            .is_some_and(|pf| pf.nets.contains_key(&key));
        if !exists {
            if op == OpFlags::CLOSE {
                self.close_related_nets(oid, key, ev.ts());
                let mut rec = new_rec();
                rec.op_flags = OpFlags::CLOSE;
                rec.end_ts = ev.ts() as i64;
                self.write_net(rec);
                return;
            }
            let timing = self.timing();
            self.flow_upper += 1;
            self.flows.entry(oid).or_default().nets.insert(
                key,
                OpenNetFlow {
                    rec: new_rec(),
                    timing,
                },
            );
        }
        let now_secs = self.now / NS;
        let Some(flow) = self
            .flows
            .get_mut(&oid)
            .and_then(|pf| pf.nets.get_mut(&key))
        else {
            return;
        };
        apply(op, ret, &mut flow.rec);
        flow.timing.update_secs = now_secs;
        if op == OpFlags::CLOSE {
            self.close_related_nets(oid, key, ev.ts());
            if let Some(mut flow) = self.flows.get_mut(&oid).and_then(|pf| pf.nets.remove(&key)) {
                flow.rec.end_ts = ev.ts() as i64;
                self.write_net(flow.rec);
            }
        }
    }

    /// On close, flows of the same socket on other threads of the process
    /// are written with `TRUNCATE`, connects and accepts first.
    fn close_related_nets(&mut self, oid: Oid, key: NetKey, ts: u64) {
        let Some(pf) = self.flows.get_mut(&oid) else {
            return;
        };
        let mut related: Vec<NetKey> = pf
            .nets
            .keys()
            .filter(|k| {
                k.tid != key.tid
                    && NetKey {
                        tid: key.tid,
                        ..**k
                    } == key
            })
            .copied()
            .collect();
        related.sort_unstable();
        let mut recs: Vec<OpenNetFlow> = related.iter().filter_map(|k| pf.nets.remove(k)).collect();
        recs.sort_by_key(|f| {
            !f.rec
                .op_flags
                .intersects(OpFlags::ACCEPT | OpFlags::CONNECT)
        });
        for mut f in recs {
            f.rec.op_flags |= OpFlags::TRUNCATE;
            f.rec.end_ts = ts as i64;
            self.write_net(f.rec);
        }
    }

    /// Writes a network flow worth writing, after its process if this segment
    /// has not written it yet.
    pub(super) fn write_net(&mut self, rec: NetworkFlow) {
        if worth_writing(rec.op_flags) {
            self.procs.export(&self.state, rec.proc_oid, &mut self.out);
            self.out.push(rec);
        }
    }
}
