//! How `ContainerStatus` fields become a `ContainerMeta`, for the shapes
//! containerd 1.x, containerd 2 and CRI-O give them.

use super::*;

fn status(image: &str, image_ref: &str, image_id: &str) -> api::ContainerStatus {
    api::ContainerStatus {
        id: "c".repeat(64),
        metadata: Some(api::ContainerMetadata {
            name: "app".into(),
            attempt: 2,
        }),
        image: Some(api::ImageSpec {
            image: image.into(),
        }),
        image_ref: image_ref.into(),
        labels: [("k".to_owned(), "v".to_owned())].into(),
        image_id: image_id.into(),
    }
}

const ID: &str = "a1e366cfc577e98073fa30d0f59403f3882cb9e2f8001fe1f6b4b0929123ba5d";

#[test]
fn containerd_1_puts_the_image_id_in_image_ref() {
    let meta = container_meta(
        status(
            "docker.io/library/busybox:1.35",
            &format!("sha256:{ID}"),
            "",
        ),
        None,
        RuntimeKind::Containerd,
        None,
    );
    assert_eq!(meta.image, "docker.io/library/busybox:1.35");
    assert_eq!(
        (meta.image_repo.as_str(), meta.image_tag.as_str()),
        ("docker.io/library/busybox", "1.35")
    );
    assert_eq!(meta.image_digest, "");
    assert_eq!(meta.image_id, ID);
    assert_eq!(meta.name, "app");
    assert!(!meta.privileged);
}

#[test]
fn cri_o_and_containerd_2_put_a_digested_reference_in_image_ref() {
    let meta = container_meta(
        status(
            "quay.io/app/web:2",
            &format!("quay.io/app/web@sha256:{ID}"),
            &format!("sha256:{}", "b".repeat(64)),
        ),
        None,
        RuntimeKind::Crio,
        None,
    );
    assert_eq!(meta.image_repo, "quay.io/app/web");
    assert_eq!(meta.image_tag, "2");
    assert_eq!(meta.image_digest, format!("sha256:{ID}"));
    assert_eq!(meta.image_id, "b".repeat(64));
}

#[test]
fn an_image_given_by_id_takes_its_name_from_image_ref() {
    let meta = container_meta(
        status(
            &format!("sha256:{ID}"),
            &format!("registry:5000/web@sha256:{ID}"),
            "",
        ),
        None,
        RuntimeKind::Cri,
        None,
    );
    assert_eq!(meta.image, format!("sha256:{ID}"));
    assert_eq!(meta.image_repo, "registry:5000/web");
    assert_eq!(meta.image_tag, "");
    assert_eq!(meta.image_digest, format!("sha256:{ID}"));
    assert_eq!(meta.image_id, "");
    // Neither a name: no repository.
    let meta = container_meta(
        status(&format!("sha256:{ID}"), &format!("sha256:{ID}"), ""),
        None,
        RuntimeKind::Cri,
        None,
    );
    assert_eq!((meta.image_repo.as_str(), meta.image_id.as_str()), ("", ID));
}

#[test]
fn privileged_is_read_where_each_runtime_puts_it() {
    let crio: Value = serde_json::json!({"sandboxID": "s", "privileged": true});
    let containerd: Value =
        serde_json::json!({"config": {"linux": {"security_context": {"privileged": true}}}});
    let neither: Value = serde_json::json!({"privileged": "yes", "config": []});
    for (info, privileged) in [(crio, true), (containerd, true), (neither, false)] {
        let meta = container_meta(status("x", "", ""), Some(&info), RuntimeKind::Cri, None);
        assert_eq!(meta.privileged, privileged, "{info}");
    }
}

#[test]
fn image_ids_are_told_from_names() {
    assert!(is_image_id(&format!("sha256:{ID}")));
    assert!(is_image_id(ID));
    assert!(is_image_id("sha256:abc"));
    assert!(!is_image_id("sha256:"));
    assert!(!is_image_id("abc"));
    assert!(!is_image_id("busybox:1.35"));
    assert!(!is_image_id(&format!("busybox@sha256:{ID}")));
}

#[test]
fn the_client_can_move_to_a_worker_thread() {
    fn send<T: Send>() {}
    send::<CriClient>();
}
