//! Shared helpers: where the golden data lives, and a record of every type.

use std::path::PathBuf;

use sysflow_types::*;

/// Every golden case's `expected.sf`, sorted by case name; `None` (a
/// counted skip) when `../shared` is absent, which only a user's checkout
/// may lack.
pub fn golden_files() -> Option<Vec<(String, PathBuf)>> {
    let shared = sysflow_test_support::shared_dir()?;
    let mut cases: Vec<_> = std::fs::read_dir(shared.join("golden"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.sf").is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                p.join("expected.sf"),
            )
        })
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 13, "expected the 13 golden cases");
    Some(cases)
}

/// One record of each of the twelve types, with non-default values in every
/// field (env, args, newFileOID, maps and nested arrays included).
pub fn one_of_each() -> Vec<SysFlow> {
    let oid = Oid::new(1_554_906_981_522_000_000, 4698);
    let foid = Foid([0x8d; 20]);
    let mut foid2 = Foid([7; 20]);
    foid2.0[19] = 0xff;
    vec![
        SysFlow::Header(SfHeader {
            version: SCHEMA_VERSION,
            exporter: "interop".into(),
            ip: "10.1.2.3".into(),
            filename: "/tmp/out.sf".into(),
        }),
        SysFlow::Container(Container {
            id: "b199b3b57988".into(),
            name: "web".into(),
            image: "alpine:latest:latest".into(),
            imageid: "sha256:abc".into(),
            container_type: ContainerType::Crio,
            privileged: true,
            pod_id: Some("pod-1".into()),
        }),
        SysFlow::Process(Process {
            state: SfObjectState::Modified,
            oid,
            poid: Some(Oid::new(0, 1)),
            ts: 1_554_906_981_522_895_947,
            exe: "/usr/bin/python3".into(),
            exe_args: "-c print('héllo')".into(),
            uid: -1,
            user_name: "<NA>".into(),
            gid: 1000,
            group_name: "staff".into(),
            tty: true,
            container_id: Some("b199b3b57988".into()),
            entry: true,
            cwd: "/home/u".into(),
            env: vec![
                "PATH=/usr/bin:/bin".into(),
                "LANG=en_US.UTF-8".into(),
                "EMPTY=".into(),
            ]
            .into(),
        }),
        SysFlow::File(File {
            state: SfObjectState::Created,
            oid: foid,
            ts: 1_554_906_981_522_985_372,
            restype: FileType::File.restype(),
            path: "/etc/ld.so.cache".into(),
            container_id: None,
        }),
        SysFlow::ProcessEvent(ProcessEvent {
            proc_oid: oid,
            ts: 1_554_906_981_523_000_001,
            tid: 4699,
            op_flags: OpFlags::SETUID,
            args: vec!["root".into(), "second arg".into()],
            ret: -1,
        }),
        SysFlow::NetworkFlow(NetworkFlow {
            proc_oid: oid,
            ts: 1_554_906_981_600_000_000,
            tid: 4698,
            op_flags: OpFlags::CONNECT | OpFlags::WRITE_SEND | OpFlags::READ_RECV | OpFlags::CLOSE,
            end_ts: 1_554_906_981_700_000_000,
            sip: ipv4_to_sysflow("127.0.0.1".parse().unwrap()),
            sport: 40556,
            dip: ipv4_to_sysflow("192.168.200.254".parse().unwrap()),
            dport: 8080,
            proto: 6,
            fd: 3,
            num_r_recv_ops: 2,
            num_w_send_ops: 3,
            num_r_recv_bytes: 4096,
            num_w_send_bytes: 1 << 40,
        }),
        SysFlow::FileFlow(FileFlow {
            proc_oid: oid,
            ts: 1_554_906_981_522_985_372,
            tid: 4698,
            op_flags: OpFlags::OPEN | OpFlags::MMAP | OpFlags::CLOSE,
            open_flags: OpenFlags::RDONLY | OpenFlags::CLOEXEC,
            end_ts: 1_554_906_981_522_992_606,
            file_oid: foid,
            fd: 3,
            num_r_recv_ops: 1,
            num_w_send_ops: 0,
            num_r_recv_bytes: 832,
            num_w_send_bytes: 0,
        }),
        SysFlow::FileEvent(FileEvent {
            proc_oid: oid,
            ts: 1_554_906_981_800_000_000,
            tid: 4698,
            op_flags: OpFlags::RENAME,
            file_oid: foid,
            ret: 0,
            new_file_oid: Some(foid2),
        }),
        SysFlow::NetworkEvent(NetworkEvent {
            proc_oid: oid,
            ts: 1_554_906_981_900_000_000,
            tid: 4698,
            op_flags: OpFlags::ACCEPT,
            sip: ipv4_to_sysflow("10.0.0.1".parse().unwrap()),
            sport: 1234,
            dip: ipv4_to_sysflow("10.0.0.2".parse().unwrap()),
            dport: 443,
            proto: 17,
            ret: 5,
        }),
        SysFlow::ProcessFlow(ProcessFlow {
            proc_oid: oid,
            ts: 1_554_906_982_000_000_000,
            num_threads_cloned: 4,
            op_flags: OpFlags::CLONE | OpFlags::EXIT,
            end_ts: 1_554_906_983_000_000_000,
            num_threads_exited: 3,
            num_clone_errors: 1,
        }),
        SysFlow::Pod(Pod {
            ts: 1_554_906_984_000_000_000,
            id: "uid-1".into(),
            name: "web-0".into(),
            node_name: "node-a".into(),
            host_ip: vec![167_837_953],
            internal_ip: vec![16_777_343, 33_554_442],
            namespace: "default".into(),
            restart_count: 2,
            labels: vec![
                ("app".into(), "web".into()),
                ("tier".into(), "front".into()),
            ],
            selectors: vec![("app".into(), "web".into())],
            services: vec![Service {
                name: "web".into(),
                id: "svc-1".into(),
                namespace: "default".into(),
                port_list: vec![Port {
                    port: 80,
                    target_port: 8080,
                    node_port: 30080,
                    proto: "TCP".into(),
                }],
                cluster_ip: vec![167_772_161],
            }],
        }),
        SysFlow::K8sEvent(K8sEvent {
            kind: K8sComponent::Pods,
            action: K8sAction::Deleted,
            ts: 1_554_906_985_000_000_000,
            message: r#"{"kind":"Pod","type":"DELETED"}"#.into(),
        }),
    ]
}
