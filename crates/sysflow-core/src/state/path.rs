//! Path arithmetic the way the reference's capture library does it: lexical,
//! never touching the file system of the machine that replays a capture.

use std::sync::Arc;

/// `path` made absolute against `base` (a directory) and normalized: `.` and
/// empty components dropped, `..` removes the previous component.
pub(crate) fn resolve(base: &str, path: &str) -> String {
    if path.starts_with('/') {
        return normalize(path);
    }
    if base.is_empty() {
        return normalize(path);
    }
    normalize(&format!("{base}/{path}"))
}

/// [`resolve`] into a shared string: an already absolute, normal path (the
/// usual open) is copied once, with no intermediate `String`.
pub(crate) fn resolve_shared(base: &str, path: &str) -> Arc<str> {
    if is_normal(path) {
        return Arc::from(path);
    }
    // A plain name under a known directory (how `tar` and `find` open files,
    // with `openat(dirfd, name)`): joined once, with no normalizing pass.
    if is_normal(base) && is_plain_relative(path) {
        let mut joined = String::with_capacity(base.len() + 1 + path.len());
        joined.push_str(base);
        if base != "/" {
            joined.push('/');
        }
        joined.push_str(path);
        return joined.into();
    }
    resolve(base, path).into()
}

/// A relative path with no empty, `.` or `..` component.
fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && path
            .as_bytes()
            .split(|&b| b == b'/')
            .all(|c| !matches!(c, b"" | b"." | b".."))
}

/// A path of a file event made absolute the way the reference collector does
/// it: like [`resolve`], except that a relative path with no directory to
/// anchor it (a thread whose cwd is unknown) is kept exactly as the call gave it.
pub(crate) fn resolve_event_path(base: &str, path: &str) -> String {
    if base.is_empty() && !path.starts_with('/') {
        return path.to_owned();
    }
    resolve(base, path)
}

/// Lexically normalized absolute path; a relative path stays relative.
pub(crate) fn normalize(path: &str) -> String {
    if is_normal(path) {
        return path.to_owned();
    }
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Whether an absolute path is already normalized (the common case, checked
/// without allocating).
fn is_normal(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    // Byte-wise: every open's path comes through here, and components are
    // too short for `str::split`'s searcher to pay off.
    rest.is_empty()
        || rest
            .as_bytes()
            .split(|&b| b == b'/')
            .all(|c| !matches!(c, b"" | b"." | b".."))
}

/// A working directory as libsinsp keeps it: with a trailing slash.
pub(super) fn with_slash(mut dir: String) -> String {
    if !dir.is_empty() && !dir.ends_with('/') {
        dir.push('/');
    }
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_the_reference() {
        assert_eq!(resolve("/tmp", "x.txt"), "/tmp/x.txt");
        assert_eq!(resolve("/tmp/", "./x.txt"), "/tmp/x.txt");
        assert_eq!(resolve("/a/b", "../c"), "/a/c");
        assert_eq!(resolve("/a", "/etc//passwd"), "/etc/passwd");
        assert_eq!(resolve("/", ".."), "/");
        assert_eq!(normalize("/var/lib/x/"), "/var/lib/x");
        assert_eq!(normalize("/a/./b/../c"), "/a/c");
        assert_eq!(normalize("/a/b/.."), "/a");
        assert_eq!(normalize("/a/b"), "/a/b");
    }

    #[test]
    fn the_shared_fast_paths_agree_with_resolve() {
        let bases = ["", "/", "/tmp", "/tmp/", "/a/./b", "/a/b/..", "rel/dir"];
        let paths = [
            "x", "x/y", "./x", "x/../y", "x//y", "x/", "..", "/abs", "/a/../b", "", ".",
        ];
        for base in bases {
            for path in paths {
                assert_eq!(
                    &*resolve_shared(base, path),
                    resolve(base, path),
                    "base {base:?}, path {path:?}"
                );
            }
        }
    }
}
