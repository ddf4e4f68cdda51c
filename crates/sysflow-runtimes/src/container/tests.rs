//! Image references split as Docker reads them.

use super::ImageRef;

fn split(image: &str) -> (String, String, String) {
    let r = ImageRef::parse(image);
    (r.repo, r.tag, r.digest)
}

#[test]
fn image_references_split_into_repo_tag_and_digest() {
    let s = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(split("sfbusybox:1.35"), s("sfbusybox", "1.35", ""));
    assert_eq!(split("webapp"), s("webapp", "latest", ""));
    assert_eq!(
        split("localhost/sfbusybox:1.35"),
        s("localhost/sfbusybox", "1.35", "")
    );
    // A registry's port is not a tag.
    assert_eq!(
        split("registry:5000/team/app"),
        s("registry:5000/team/app", "latest", "")
    );
    assert_eq!(
        split("registry:5000/app:v2@sha256:ab"),
        s("registry:5000/app", "v2", "sha256:ab")
    );
    assert_eq!(split("app@sha256:ab"), s("app", "", "sha256:ab"));
    // podman's `--rootfs` containers have no image at all.
    assert_eq!(split(""), s("", "", ""));
    // Nonsense stays nonsense, without panicking.
    assert_eq!(split(":@"), s("", "", ""));
    assert_eq!(split("a:"), s("a", "latest", ""));
}
