//! Against a real Docker Engine: a private `dockerd` of the test's own
//! (sysflow-test-support's [`Dockerd`]: its own data root, exec root,
//! socket and cgroup parent; no iptables, no bridge, the vfs storage
//! driver), an image imported from a busybox-static root filesystem
//! (nothing from a registry), and containers named, labelled and exiting at
//! once. Needs root, `docker.io` and `busybox-static`; skips elsewhere and
//! fails under CI, which installs them.

use std::time::Duration;

use sysflow_runtimes::{DockerClient, RuntimeError, RuntimeKind};
use sysflow_test_support::runtimes::Dockerd;

#[test]
fn inspect_matches_docker_inspect() {
    let Some(d) = Dockerd::start_or_skip() else {
        return;
    };
    d.import_busybox("sf-busybox:it");
    let sleeper = d.run(&[
        "--name",
        "sf-it-sleeper",
        "sf-busybox:it",
        "/bin/sleep",
        "60",
    ]);
    let labelled = d.run(&[
        "--name",
        "sf-it-labelled",
        "--label",
        "app=web",
        "--label",
        "tier=front",
        "sf-busybox:it",
        "/bin/sleep",
        "60",
    ]);
    let quick = d.run(&["--name", "sf-it-quick", "sf-busybox:it", "/bin/true"]);
    assert_eq!(d.wait(&quick), 0);

    let client = DockerClient::new(d.socket(), RuntimeKind::Docker, Duration::from_secs(5));
    for id in [&sleeper, &labelled, &quick] {
        let expected = d.docker(&[
            "inspect",
            "--format",
            "{{.Name}}|{{.Config.Image}}|{{.Image}}|{{.HostConfig.Privileged}}|{{json .Config.Labels}}",
            id,
        ]);
        // By the 12-digit id libsinsp keeps, as the collector will ask.
        let meta = client.inspect(&id[..12]).expect("inspect");
        assert_eq!(&meta.id, id);
        let labels: String = meta
            .labels
            .iter()
            .map(|(k, v)| format!("\"{k}\":\"{v}\""))
            .collect::<Vec<_>>()
            .join(",");
        let got = format!(
            "/{}|{}|sha256:{}|{}|{{{labels}}}",
            meta.name, meta.image, meta.image_id, meta.privileged
        );
        assert_eq!(got, expected);
        assert_eq!(
            (meta.image_repo.as_str(), meta.image_tag.as_str()),
            ("sf-busybox", "it")
        );
    }
    let err = client.inspect("sf-it-nonesuch").expect_err("unknown");
    assert!(matches!(err, RuntimeError::NotFound { .. }), "{err:?}");
}
