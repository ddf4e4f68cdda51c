//! Generated records: encode/decode is the identity, and the bytes are those a
//! general Avro implementation (the `apache-avro` crate, driven by the schema
//! text) reads back and writes again.

use apache_avro::{Schema, from_avro_datum, to_avro_datum};
use proptest::collection::vec;
use proptest::prelude::*;
use sysflow_types::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-z/._=-]{1,12}", any::<String>()]
}

fn oid() -> impl Strategy<Value = Oid> {
    (any::<i64>(), any::<i64>()).prop_map(|(c, h)| Oid::new(c, h))
}

fn foid() -> impl Strategy<Value = Foid> {
    any::<[u8; 20]>().prop_map(Foid)
}

fn state() -> impl Strategy<Value = SfObjectState> {
    (0..SfObjectState::ALL.len()).prop_map(|i| SfObjectState::ALL[i])
}

fn record() -> impl Strategy<Value = SysFlow> {
    prop_oneof![
        (any::<i64>(), text(), text(), text()).prop_map(|(version, exporter, ip, filename)| {
            SysFlow::Header(SfHeader {
                version,
                exporter,
                ip,
                filename,
            })
        }),
        (
            text(),
            text(),
            text(),
            text(),
            0..ContainerType::ALL.len(),
            any::<bool>(),
            proptest::option::of(text())
        )
            .prop_map(|(id, name, image, imageid, t, privileged, pod_id)| {
                SysFlow::Container(Container {
                    id,
                    name,
                    image,
                    imageid,
                    container_type: ContainerType::ALL[t],
                    privileged,
                    pod_id,
                })
            }),
        (
            (
                state(),
                oid(),
                proptest::option::of(oid()),
                any::<i64>(),
                text(),
                text()
            ),
            (
                any::<i32>(),
                text(),
                any::<i32>(),
                text(),
                any::<bool>(),
                proptest::option::of(text())
            ),
            (any::<bool>(), text(), vec(text(), 0..5)),
        )
            .prop_map(
                |(
                    (state, oid, poid, ts, exe, exe_args),
                    (uid, user_name, gid, group_name, tty, container_id),
                    (entry, cwd, env),
                )| {
                    SysFlow::Process(Process {
                        state,
                        oid,
                        poid,
                        ts,
                        exe,
                        exe_args,
                        uid,
                        user_name,
                        gid,
                        group_name,
                        tty,
                        container_id,
                        entry,
                        cwd,
                        env: env.into(),
                    })
                }
            ),
        (
            state(),
            foid(),
            any::<i64>(),
            any::<i32>(),
            text(),
            proptest::option::of(text())
        )
            .prop_map(
                |(state, oid, ts, restype, path, container_id)| SysFlow::File(File {
                    state,
                    oid,
                    ts,
                    restype,
                    path,
                    container_id
                })
            ),
        (
            oid(),
            any::<i64>(),
            any::<i64>(),
            any::<i32>(),
            vec(text(), 0..3),
            any::<i32>()
        )
            .prop_map(|(proc_oid, ts, tid, op, args, ret)| SysFlow::ProcessEvent(
                ProcessEvent {
                    proc_oid,
                    ts,
                    tid,
                    op_flags: OpFlags(op),
                    args,
                    ret
                }
            )),
        (oid(), any::<[i64; 7]>(), any::<[i32; 8]>()).prop_map(|(proc_oid, l, i)| {
            SysFlow::NetworkFlow(NetworkFlow {
                proc_oid,
                ts: l[0],
                tid: l[1],
                op_flags: OpFlags(i[0]),
                end_ts: l[2],
                sip: i[1],
                sport: i[2],
                dip: i[3],
                dport: i[4],
                proto: i[5],
                fd: i[6],
                num_r_recv_ops: l[3],
                num_w_send_ops: l[4],
                num_r_recv_bytes: l[5],
                num_w_send_bytes: l[6],
            })
        }),
        (oid(), any::<[i64; 7]>(), any::<[i32; 3]>(), foid()).prop_map(
            |(proc_oid, l, i, file_oid)| {
                SysFlow::FileFlow(FileFlow {
                    proc_oid,
                    ts: l[0],
                    tid: l[1],
                    op_flags: OpFlags(i[0]),
                    open_flags: OpenFlags(i[1]),
                    end_ts: l[2],
                    file_oid,
                    fd: i[2],
                    num_r_recv_ops: l[3],
                    num_w_send_ops: l[4],
                    num_r_recv_bytes: l[5],
                    num_w_send_bytes: l[6],
                })
            }
        ),
        (
            oid(),
            any::<i64>(),
            any::<i64>(),
            any::<i32>(),
            foid(),
            any::<i32>(),
            proptest::option::of(foid())
        )
            .prop_map(|(proc_oid, ts, tid, op, file_oid, ret, new_file_oid)| {
                SysFlow::FileEvent(FileEvent {
                    proc_oid,
                    ts,
                    tid,
                    op_flags: OpFlags(op),
                    file_oid,
                    ret,
                    new_file_oid,
                })
            }),
        (oid(), any::<[i64; 2]>(), any::<[i32; 7]>()).prop_map(|(proc_oid, l, i)| {
            SysFlow::NetworkEvent(NetworkEvent {
                proc_oid,
                ts: l[0],
                tid: l[1],
                op_flags: OpFlags(i[0]),
                sip: i[1],
                sport: i[2],
                dip: i[3],
                dport: i[4],
                proto: i[5],
                ret: i[6],
            })
        }),
        (oid(), any::<[i64; 5]>(), any::<i32>()).prop_map(|(proc_oid, l, op)| {
            SysFlow::ProcessFlow(ProcessFlow {
                proc_oid,
                ts: l[0],
                num_threads_cloned: l[1],
                op_flags: OpFlags(op),
                end_ts: l[2],
                num_threads_exited: l[3],
                num_clone_errors: l[4],
            })
        }),
        pod(),
        (
            0..K8sComponent::ALL.len(),
            0..K8sAction::ALL.len(),
            any::<i64>(),
            text()
        )
            .prop_map(|(k, a, ts, message)| {
                SysFlow::K8sEvent(K8sEvent {
                    kind: K8sComponent::ALL[k],
                    action: K8sAction::ALL[a],
                    ts,
                    message,
                })
            }),
    ]
}

/// Pods with at most one label and one selector: a general Avro library keeps
/// maps unordered, so only single-entry maps re-encode to the same bytes there.
fn pod() -> impl Strategy<Value = SysFlow> {
    let port = (any::<[i32; 3]>(), text()).prop_map(|(p, proto)| Port {
        port: p[0],
        target_port: p[1],
        node_port: p[2],
        proto,
    });
    let service = (
        text(),
        text(),
        text(),
        vec(port, 0..3),
        vec(any::<i64>(), 0..3),
    )
        .prop_map(|(name, id, namespace, port_list, cluster_ip)| Service {
            name,
            id,
            namespace,
            port_list,
            cluster_ip,
        });
    (
        (
            any::<i64>(),
            text(),
            text(),
            text(),
            vec(any::<i64>(), 0..3),
            vec(any::<i64>(), 0..3),
        ),
        (
            text(),
            any::<i64>(),
            vec((text(), text()), 0..2),
            vec((text(), text()), 0..2),
        ),
        vec(service, 0..3),
    )
        .prop_map(
            |(
                (ts, id, name, node_name, host_ip, internal_ip),
                (namespace, restart_count, labels, selectors),
                services,
            )| {
                SysFlow::Pod(Pod {
                    ts,
                    id,
                    name,
                    node_name,
                    host_ip,
                    internal_ip,
                    namespace,
                    restart_count,
                    labels,
                    selectors,
                    services,
                })
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn datum_roundtrip_and_apache_avro_agree(rec in record()) {
        let schema = Schema::parse_str(SCHEMA_JSON).unwrap();
        let bytes = rec.to_bytes();
        prop_assert_eq!(SysFlow::decode(&bytes), Ok(rec.clone()));
        let mut input = &bytes[..];
        let value = from_avro_datum(&schema, &mut input, None).unwrap();
        prop_assert!(input.is_empty(), "apache-avro left {} bytes unread", input.len());
        prop_assert_eq!(to_avro_datum(&schema, value).unwrap(), bytes);
    }

    #[test]
    fn file_roundtrip(
        recs in vec(record(), 0..60),
        block_size in 1usize..4_000,
        codec in prop_oneof![Just(Codec::Null), Just(Codec::Deflate), Just(Codec::Zstandard)],
        compression_threads in 0usize..3,
    ) {
        let options = WriterOptions {
            codec,
            block_size,
            compression_threads,
            ..WriterOptions::default()
        };
        let mut writer = SfWriter::with_options(Vec::new(), options).unwrap();
        for rec in &recs {
            writer.append(rec).unwrap();
        }
        let bytes = writer.finish().unwrap();
        let back: Vec<SysFlow> = SfReader::new(&bytes[..]).unwrap().collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(back, recs);
    }
}

#[test]
fn apache_avro_reads_every_record_type_we_write() {
    let schema = Schema::parse_str(SCHEMA_JSON).unwrap();
    let mut writer = SfWriter::new(Vec::new()).unwrap();
    let records = crate::common::one_of_each();
    for rec in &records {
        writer.append(rec).unwrap();
    }
    let bytes = writer.finish().unwrap();
    let reader = apache_avro::Reader::with_schema(&schema, &bytes[..]).unwrap();
    let values: Vec<_> = reader.map(|v| v.unwrap()).collect();
    assert_eq!(values.len(), records.len());
    for (value, rec) in values.into_iter().zip(&records) {
        let apache_avro::types::Value::Record(fields) = value else {
            panic!("not a record")
        };
        let apache_avro::types::Value::Union(index, _) = &fields[0].1 else {
            panic!("not a union")
        };
        assert_eq!(*index as usize, rec.record_type().index());
        let theirs = to_avro_datum(&schema, apache_avro::types::Value::Record(fields)).unwrap();
        if let SysFlow::Pod(pod) = rec {
            // apache-avro keeps maps in a HashMap: same entries, any order.
            let SysFlow::Pod(mut back) = SysFlow::decode(&theirs).unwrap() else {
                panic!("not a pod")
            };
            let mut pod = pod.clone();
            for p in [&mut pod, &mut back] {
                p.labels.sort();
                p.selectors.sort();
            }
            assert_eq!(back, pod);
        } else {
            assert_eq!(theirs, rec.to_bytes(), "{}", rec.record_type());
        }
    }
}
