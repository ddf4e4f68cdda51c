//! The reference collector's output file names (`SFFileWriter::getFileName`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// How output files are named from the configured path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Naming {
    /// A prefix is the file name itself; a directory gets `<secs>` appended.
    /// The reference names files this way offline and when rotation is off.
    #[default]
    Exact,
    /// A prefix gets `.<secs>` appended; a directory gets `<secs>`. The
    /// reference names files this way live with rotation on.
    Timestamped,
}

/// Whether `path` names a prefix (the reference's `hasPrefix`): it is not
/// empty and does not end in `/`. Anything else is a directory.
pub fn is_prefix(path: &Path) -> bool {
    path.as_os_str()
        .as_encoded_bytes()
        .last()
        .is_some_and(|&b| b != b'/')
}

/// The file the reference collector writes for the configured `path` at
/// `secs` seconds since the epoch.
///
/// A directory is plain string concatenation, as in the reference: `out/`
/// gives `out/1700000000`, and an empty path gives `1700000000` in the
/// current directory.
pub fn file_name(path: &Path, naming: Naming, secs: u64) -> PathBuf {
    let prefix = is_prefix(path);
    let mut name = OsString::from(path.as_os_str());
    match (prefix, naming) {
        (true, Naming::Exact) => {}
        (true, Naming::Timestamped) => name.push(format!(".{secs}")),
        (false, _) => name.push(secs.to_string()),
    }
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_and_directory_follow_the_reference() {
        let at = 1_700_000_123;
        let cases = [
            ("out.sf", Naming::Exact, "out.sf"),
            ("out.sf", Naming::Timestamped, "out.sf.1700000123"),
            ("/tmp/sf/", Naming::Exact, "/tmp/sf/1700000123"),
            ("/tmp/sf/", Naming::Timestamped, "/tmp/sf/1700000123"),
            ("", Naming::Exact, "1700000123"),
            ("/tmp/sf", Naming::Exact, "/tmp/sf"),
        ];
        for (path, naming, want) in cases {
            assert_eq!(
                file_name(Path::new(path), naming, at),
                PathBuf::from(want),
                "{path:?} {naming:?}"
            );
        }
    }

    #[test]
    fn prefix_means_non_empty_without_trailing_slash() {
        assert!(is_prefix(Path::new("a")));
        assert!(is_prefix(Path::new("dir/a.sf")));
        assert!(!is_prefix(Path::new("dir/")));
        assert!(!is_prefix(Path::new("")));
    }
}
