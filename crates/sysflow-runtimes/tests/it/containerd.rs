//! Against a real containerd (its CRI plugin): a private daemon of the
//! test's own (`sysflow_test_support::containerd`), a pod `sf-pod` in
//! namespace `sf-ns` with labels, a container that sleeps and one that
//! exits at once; `inspect` must say what containerd itself says
//! (`ctr containers info`, `ctr images ls`) and what the pod was given.
//! Needs root, `containerd` and `busybox-static`; skips elsewhere and fails
//! under CI, which installs them.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::Value;
use sysflow_runtimes::{CriClient, PodMeta, RuntimeError, RuntimeKind};
use sysflow_test_support::containerd::{ContainerSpec, Containerd, IMAGE, PodSpec};

fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn inspect_matches_containerd() {
    let Some(ctd) = Containerd::start() else {
        return;
    };
    let uid = format!("sf-uid-{}", std::process::id());
    let pod_labels = pairs(&[("app", "sf"), ("tier", "pod")]);
    let ids = ctd.run_pod(&PodSpec {
        name: "sf-pod".into(),
        namespace: "sf-ns".into(),
        uid: uid.clone(),
        labels: pod_labels.clone(),
        containers: vec![
            ContainerSpec {
                name: "sf-ctr".into(),
                command: vec!["/bin/sleep".into(), "300".into()],
                labels: pairs(&[("app", "sf"), ("role", "worker")]),
            },
            ContainerSpec {
                name: "sf-ctr-quick".into(),
                command: vec!["/bin/true".into()],
                labels: Vec::new(),
            },
        ],
    });
    ctd.wait_exited(&ids.containers[1]);
    // The image's id, as containerd names it among its images.
    let images = ctd.ctr(&["images", "ls", "-q"]);
    let image_ids: Vec<&str> = images
        .lines()
        .filter_map(|l| l.strip_prefix("sha256:"))
        .collect();
    assert_eq!(image_ids.len(), 1, "{images}");

    let mut client = CriClient::new(ctd.socket(), Duration::from_secs(5));
    let expected_labels = [pairs(&[("app", "sf"), ("role", "worker")]), Vec::new()];
    for ((id, name), labels) in ids
        .containers
        .iter()
        .zip(["sf-ctr", "sf-ctr-quick"])
        .zip(expected_labels)
    {
        let info: Value = serde_json::from_str(&ctd.ctr(&["containers", "info", id])).unwrap();
        let annotation = |key: &str| {
            info["Spec"]["annotations"][key]
                .as_str()
                .unwrap_or_else(|| panic!("{key} in {info}"))
                .to_owned()
        };
        let start = Instant::now();
        // By the 12-digit id libsinsp keeps, as the collector will ask.
        let meta = client.inspect(&id[..12]).expect("inspect");
        eprintln!("inspect {name}: {:?}", start.elapsed());
        assert_eq!(&meta.id, id);
        assert_eq!(info["ID"], meta.id.as_str());
        assert_eq!(meta.name, name);
        assert_eq!(meta.name, annotation("io.kubernetes.cri.container-name"));
        assert_eq!(meta.image, IMAGE);
        assert_eq!(info["Image"], meta.image.as_str());
        assert_eq!(meta.image_repo, "docker.io/sysflow/busybox");
        assert_eq!(meta.image_tag, "test");
        assert_eq!(meta.image_digest, "");
        assert_eq!(meta.image_id, image_ids[0]);
        assert!(!meta.privileged);
        assert_eq!(meta.kind, RuntimeKind::Containerd);
        let labels: BTreeMap<String, String> = labels.into_iter().collect();
        assert_eq!(meta.labels, labels);
        // containerd keeps them among its own labels.
        for (k, v) in &meta.labels {
            assert_eq!(info["Labels"][k], v.as_str(), "{k}");
        }
        assert_eq!(
            meta.pod,
            Some(PodMeta {
                sandbox_id: ids.sandbox.clone(),
                uid: uid.clone(),
                name: "sf-pod".into(),
                namespace: "sf-ns".into(),
                labels: pod_labels.iter().cloned().collect(),
                // Host network: no IP of the pod's own.
                ips: Vec::new(),
                restart_count: 0,
            })
        );
        let pod = meta.pod.as_ref().unwrap();
        assert_eq!(pod.sandbox_id, annotation("io.kubernetes.cri.sandbox-id"));
        assert_eq!(pod.name, annotation("io.kubernetes.cri.sandbox-name"));
        assert_eq!(
            pod.namespace,
            annotation("io.kubernetes.cri.sandbox-namespace")
        );
        assert_eq!(pod.uid, annotation("io.kubernetes.cri.sandbox-uid"));
        // The full id gives the same.
        assert_eq!(client.inspect(id).expect("inspect"), meta);
    }

    // Unknown ids, and a sandbox's id (not a container's).
    for id in ["0123456789ab", &ids.sandbox[..12]] {
        let err = client.inspect(id).expect_err("unknown");
        assert!(
            matches!(err, RuntimeError::NotFound { .. }),
            "{id}: {err:?}"
        );
    }
    // Gone once the pod is removed.
    ctd.remove_pod(&ids.sandbox).expect("remove pod");
    let err = client.inspect(&ids.containers[0]).expect_err("removed");
    assert!(matches!(err, RuntimeError::NotFound { .. }), "{err:?}");
}
