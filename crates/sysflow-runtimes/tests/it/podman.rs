//! Against a real podman: a private podman of the test's own
//! (sysflow-test-support's [`Podman`]: its own root, runroot, tmpdir,
//! `containers.conf` and cgroup parent) and the Docker-compatible API of
//! its `podman system service`. Containers run from a busybox-static root
//! filesystem (`--rootfs`, no image) and from an image `podman import`ed
//! from it: named, labelled, exiting at once and privileged. Needs root,
//! `podman` and `busybox-static`; skips elsewhere and fails under CI, which
//! installs them.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::Value;
use sysflow_runtimes::{DockerClient, RuntimeError, RuntimeKind};
use sysflow_test_support::runtimes::Podman;

#[test]
fn inspect_matches_podman_inspect() {
    let Some(p) = Podman::start_or_skip() else {
        return;
    };
    let rootfs = p.rootfs();
    let rootfs = rootfs.to_str().expect("a UTF-8 path");
    let image_id = p.import_busybox("localhost/sf-busybox:it");
    let sleeper = p.run(&[
        "--name",
        "pm-it-sleeper",
        "--rootfs",
        rootfs,
        "/bin/sleep",
        "60",
    ]);
    let labelled = p.run(&[
        "--name",
        "pm-it-labelled",
        "--label",
        "app=web",
        "--label",
        "tier=front",
        "localhost/sf-busybox:it",
        "/bin/sleep",
        "60",
    ]);
    let quick = p.run(&["--name", "pm-it-quick", "--rootfs", rootfs, "/bin/true"]);
    assert_eq!(p.wait(&quick), 0);
    let privileged = p.run(&[
        "--name",
        "pm-it-priv",
        "--privileged",
        "localhost/sf-busybox:it",
        "/bin/sleep",
        "60",
    ]);

    let client = DockerClient::new(p.socket(), RuntimeKind::Podman, Duration::from_secs(5));
    for (id, imaged) in [
        (&sleeper, false),
        (&labelled, true),
        (&quick, false),
        (&privileged, true),
    ] {
        let expected = p.inspect(id);
        // By the 12-digit id libsinsp keeps, as the collector will ask.
        let meta = client.inspect(&id[..12]).expect("inspect");
        assert_eq!(&meta.id, id);
        assert_eq!(meta.kind, RuntimeKind::Podman);
        assert_eq!(Value::from(meta.name.clone()), expected["Name"], "{id}");
        assert_eq!(
            Value::from(meta.image.clone()),
            expected["ImageName"],
            "{id}"
        );
        let inspected_image = expected["Image"].as_str().unwrap_or_default();
        assert_eq!(
            meta.image_id,
            inspected_image.trim_start_matches("sha256:"),
            "{id}"
        );
        let labels: BTreeMap<String, String> =
            serde_json::from_value(expected["Config"]["Labels"].clone()).unwrap_or_default();
        assert_eq!(meta.labels, labels, "{id}");
        assert_eq!(
            Value::from(meta.privileged),
            expected["HostConfig"]["Privileged"],
            "{id}"
        );
        if imaged {
            assert_eq!(meta.image, "localhost/sf-busybox:it");
            assert_eq!(
                (meta.image_repo.as_str(), meta.image_tag.as_str()),
                ("localhost/sf-busybox", "it")
            );
            assert_eq!(format!("sha256:{}", meta.image_id), image_id);
        } else {
            // From a root filesystem: no image at all.
            assert_eq!((meta.image.as_str(), meta.image_id.as_str()), ("", ""));
        }
    }
    // What each container was made to be, beside agreeing with podman.
    let name = |id: &str| client.inspect(id).expect("inspect").name;
    assert_eq!(name(&sleeper), "pm-it-sleeper");
    assert_eq!(name(&quick), "pm-it-quick");
    let labelled = client.inspect(&labelled).expect("inspect");
    assert_eq!(
        labelled.labels,
        BTreeMap::from([
            ("app".to_owned(), "web".to_owned()),
            ("tier".to_owned(), "front".to_owned())
        ])
    );
    assert!(client.inspect(&privileged).expect("inspect").privileged);
    assert!(!client.inspect(&sleeper).expect("inspect").privileged);
    let err = client.inspect("pm-it-nonesuch").expect_err("unknown");
    assert!(matches!(err, RuntimeError::NotFound { .. }), "{err:?}");
}
