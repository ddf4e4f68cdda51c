//! Unit tests of the defaults and the environment overrides.

use std::collections::HashMap;

use super::*;

fn with_env(config: &mut SysFlowConfig, vars: &[(&str, &str)]) {
    let env: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    config.apply_env_with(|name| env.get(name).cloned());
}

#[test]
fn defaults_are_the_reference_library_defaults() {
    let c = SysFlowConfig::default();
    assert!(!c.filter_containers);
    assert_eq!(c.rotate_interval, 300);
    assert_eq!(c.exporter_id, "");
    assert_eq!(c.node_ip, "");
    assert_eq!(c.file_path, None);
    assert_eq!(c.scap_input_path, None);
    assert_eq!(c.sampling_ratio, 1);
    assert_eq!(c.cri_timeout, 30);
    assert!(!c.enable_stats);
    assert!(c.enable_process_flow);
    assert!(c.file_only);
    assert_eq!(c.file_read_mode, FileReadMode::NoSystemReads);
    assert!(c.drop_mode);
    assert!(!c.debug_mode);
    assert!(c.module_checks);
    assert_eq!(c.single_buffer_dimension, 8 * 1024 * 1024);
    assert_eq!(c.app_name, "sysflowlibs");
    assert_eq!(c.collection_mode, CollectionMode::Flow);
    assert_eq!(c.driver_type, DriverType::NoDriver);
    assert_eq!(c.core_config(), CoreConfig::default());
}

#[test]
fn unset_variables_change_nothing() {
    let mut c = SysFlowConfig::default();
    with_env(&mut c, &[]);
    assert_eq!(c, SysFlowConfig::default());
}

#[test]
fn the_reference_test_environment_turns_everything_on_or_off() {
    let mut c = SysFlowConfig::default();
    with_env(
        &mut c,
        &[
            ("ENABLE_PROC_FLOW", "0"),
            ("FILE_ONLY", "0"),
            ("FILE_READ_MODE", "0"),
            ("ENABLE_DROP_MODE", "0"),
        ],
    );
    assert!(!c.enable_process_flow);
    assert!(!c.file_only);
    assert_eq!(c.file_read_mode, FileReadMode::All);
    assert!(!c.drop_mode);
    let core = c.core_config();
    assert!(!core.enable_process_flow && !core.file_only);
    assert_eq!(core.file_read_mode, FileReadMode::All);
}

#[test]
fn flags_are_on_only_for_exactly_1() {
    for (value, want) in [
        ("1", true),
        ("0", false),
        ("true", false),
        ("", false),
        ("yes", false),
    ] {
        let mut c = SysFlowConfig {
            enable_process_flow: !want,
            file_only: !want,
            drop_mode: !want,
            debug_mode: !want,
            ..SysFlowConfig::default()
        };
        with_env(
            &mut c,
            &[
                ("ENABLE_PROC_FLOW", value),
                ("FILE_ONLY", value),
                ("ENABLE_DROP_MODE", value),
                ("DRIVER_LOG", value),
            ],
        );
        assert_eq!(
            (
                c.enable_process_flow,
                c.file_only,
                c.drop_mode,
                c.debug_mode
            ),
            (want, want, want, want),
            "value {value:?}"
        );
    }
}

#[test]
fn node_ip_set_but_empty_clears_the_configured_ip() {
    let mut c = SysFlowConfig {
        node_ip: "10.1.1.1".into(),
        ..SysFlowConfig::default()
    };
    with_env(&mut c, &[]);
    assert_eq!(c.node_ip, "10.1.1.1");
    with_env(&mut c, &[("NODE_IP", "192.168.0.7")]);
    assert_eq!(c.node_ip, "192.168.0.7");
    with_env(&mut c, &[("NODE_IP", "")]);
    assert_eq!(c.node_ip, "");
}

#[test]
fn enable_stats_only_ever_enables() {
    let mut c = SysFlowConfig::default();
    with_env(&mut c, &[("ENABLE_STATS", "0")]);
    assert!(!c.enable_stats);
    with_env(&mut c, &[("ENABLE_STATS", "1")]);
    assert!(c.enable_stats);
    with_env(&mut c, &[("ENABLE_STATS", "0")]);
    assert!(
        c.enable_stats,
        "the reference never disables stats from the environment"
    );
}

#[test]
fn file_read_mode_takes_0_1_2_and_keeps_the_config_otherwise() {
    for (value, want) in [
        ("0", FileReadMode::All),
        ("1", FileReadMode::NoReads),
        ("2", FileReadMode::NoSystemReads),
        ("3", FileReadMode::NoReads),
        ("x", FileReadMode::NoReads),
    ] {
        let mut c = SysFlowConfig {
            file_read_mode: FileReadMode::NoReads,
            ..SysFlowConfig::default()
        };
        with_env(&mut c, &[("FILE_READ_MODE", value)]);
        assert_eq!(c.file_read_mode, want, "value {value:?}");
    }
}

#[test]
fn file_read_mode_is_ignored_in_nofiles_mode() {
    let mut c = SysFlowConfig {
        collection_mode: CollectionMode::NoFiles,
        ..SysFlowConfig::default()
    };
    with_env(&mut c, &[("FILE_READ_MODE", "0")]);
    assert_eq!(c.file_read_mode, FileReadMode::NoSystemReads);
}

#[test]
fn compression_level_follows_the_mode_unless_set() {
    let mut c = SysFlowConfig::default();
    assert_eq!(c.effective_compression_level(), LIVE_COMPRESSION_LEVEL);
    c.scap_input_path = Some("in.scap".into());
    assert_eq!(c.effective_compression_level(), OFFLINE_COMPRESSION_LEVEL);
    c.compression_level = Some(9);
    assert_eq!(c.effective_compression_level(), 9);
    // zstandard's level: its own default unless set (0 is the default too).
    c.file_codec = Codec::Zstandard;
    assert_eq!(c.effective_compression_level(), 9);
    c.compression_level = None;
    assert_eq!(c.effective_compression_level(), ZSTD_COMPRESSION_LEVEL);
    c.compression_level = Some(0);
    assert_eq!(c.effective_compression_level(), ZSTD_COMPRESSION_LEVEL);
}

#[test]
fn the_kubernetes_variables_set_both_fields_together() {
    let mut c = SysFlowConfig {
        k8s_api_cert: Some("/from/config.crt".into()),
        ..SysFlowConfig::default()
    };
    with_env(&mut c, &[("SF_K8S_API_CERT", "/from/env.crt")]);
    assert_eq!(c.k8s_api_url, None, "a certificate alone changes nothing");
    assert_eq!(c.k8s_api_cert, Some("/from/config.crt".into()));
    with_env(&mut c, &[("SF_K8S_API_URL", "https://k8s:6443")]);
    assert_eq!(c.k8s_api_url.as_deref(), Some("https://k8s:6443"));
    assert_eq!(
        c.k8s_api_cert, None,
        "the URL comes with the env's certificate"
    );
    assert!(ENV_OVERRIDES.contains(&"SF_K8S_API_URL"));
}

#[test]
fn the_builder_sets_fields_from_the_defaults() {
    let c = SysFlowConfig::builder()
        .file_path("out/")
        .socket_path("/run/sf.sock")
        .exporter_id("host")
        .rotate_interval(2)
        .filter_containers(true)
        .compression_level(3u32)
        .allow_foreign_socket(true)
        .build();
    assert!(c.allow_foreign_socket);
    assert!(!SysFlowConfig::default().allow_foreign_socket);
    assert!(
        !SysFlowConfig::default().drop_privileges,
        "off unless asked"
    );
    assert!(
        SysFlowConfig::builder()
            .drop_privileges(true)
            .build()
            .drop_privileges
    );
    assert_eq!(c.file_path, Some("out/".into()));
    assert_eq!(c.socket_path, Some("/run/sf.sock".into()));
    assert_eq!(c.exporter_id, "host");
    assert_eq!(c.rotate_interval, 2);
    assert!(c.filter_containers);
    assert_eq!(c.compression_level, Some(3));
    assert_eq!(c.sampling_ratio, 1, "the rest keeps the defaults");
    assert!(c.callback.is_none());
}

#[test]
fn callbacks_compare_by_identity_and_clones_share_the_closure() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let a = SysFlowConfig::builder()
        .callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        })
        .build();
    let b = a.clone();
    assert_eq!(a, b);
    let other = SysFlowConfig::builder().callback(|_| {}).build();
    assert_ne!(a, other);
    assert_ne!(a, SysFlowConfig::default());

    // Two sinks calling through two clones of the configuration.
    use sysflow_types::{Oid, OpFlags, ProcessEvent, RecordSink, SysFlow};
    let rec = SysFlow::ProcessEvent(ProcessEvent {
        proc_oid: Oid::new(1, 2),
        ts: 1,
        tid: 2,
        op_flags: OpFlags::EXIT,
        args: Vec::new(),
        ret: 0,
    });
    for config in [a, b] {
        let cb = config.callback.unwrap();
        let mut sink = sysflow_export::CallbackSink::new("h", "", move |r| cb.call(r));
        sink.record(&rec).unwrap();
    }
    assert_eq!(calls.load(Ordering::Relaxed), 2);
}
