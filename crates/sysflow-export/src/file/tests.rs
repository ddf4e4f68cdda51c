//! Unit tests of the file sink, on real files in temporary directories.

use std::fs;

use sysflow_types::{Oid, OpFlags, ProcessEvent, RecordSink, RecordType, SfReader, SysFlow};

use super::*;
use crate::error::ExistingOutput;

fn event(ts: i64) -> SysFlow {
    SysFlow::ProcessEvent(ProcessEvent {
        proc_oid: Oid::new(ts, 42),
        ts,
        tid: 42,
        op_flags: OpFlags::EXEC,
        args: vec!["-c".into(), "true".into()],
        ret: 0,
    })
}

fn read_all(path: &Path) -> Vec<SysFlow> {
    SfReader::open(path)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

fn header(rec: &SysFlow) -> &SfHeader {
    match rec {
        SysFlow::Header(h) => h,
        other => panic!("expected a header, got {other:?}"),
    }
}

#[test]
fn a_prefix_is_written_exactly_header_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.sf");
    let config = FileSinkConfig::new(&path, Naming::Exact, "tests", "10.0.0.1");
    let mut sink = FileSink::create(config, 1_700_000_000).unwrap();
    assert_eq!(sink.path(), path);
    for ts in 1..=3 {
        sink.record(&event(ts)).unwrap();
    }
    sink.finish().unwrap();
    sink.finish().unwrap();

    let records = read_all(&path);
    assert_eq!(records.len(), 4);
    let h = header(&records[0]);
    assert_eq!(h.version, SCHEMA_VERSION);
    assert_eq!(h.exporter, "tests");
    assert_eq!(h.ip, "10.0.0.1");
    assert_eq!(h.filename, path.to_string_lossy());
    assert_eq!(records[1..], [event(1), event(2), event(3)]);
    assert_eq!(sink.records_of(RecordType::Header), 1);
    assert_eq!(sink.records_of(RecordType::ProcessEvent), 3);
    assert_eq!(sink.records_total(), 4);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_directory_gets_a_file_named_by_the_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut out = dir.path().as_os_str().to_os_string();
    out.push("/");
    let config = FileSinkConfig::new(&out, Naming::Exact, "tests", "");
    let mut sink = FileSink::create(config, 1_700_000_000).unwrap();
    sink.finish().unwrap();
    let want = dir.path().join("1700000000");
    assert_eq!(sink.path(), want);
    let records = read_all(&want);
    assert_eq!(records.len(), 1);
    assert_eq!(header(&records[0]).filename, want.to_string_lossy());
}

#[test]
fn flush_makes_records_readable_before_the_file_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.sf");
    let mut sink = FileSink::create(FileSinkConfig::new(&path, Naming::Exact, "e", ""), 0).unwrap();
    sink.record(&event(7)).unwrap();
    sink.flush().unwrap();
    assert_eq!(read_all(&path).len(), 2);
    sink.record(&event(8)).unwrap();
    drop(sink);
    assert_eq!(
        read_all(&path).len(),
        3,
        "dropping the sink closes the file"
    );
}

#[test]
fn rotation_opens_the_next_file_with_its_own_header() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("seg");
    let config = FileSinkConfig::new(&prefix, Naming::Timestamped, "tests", "");
    let mut sink = FileSink::create(config, 100).unwrap();
    sink.record(&event(1)).unwrap();
    sink.rotate(130).unwrap();
    sink.record(&event(2)).unwrap();
    sink.record(&event(3)).unwrap();
    sink.finish().unwrap();

    let first = dir.path().join("seg.100");
    let second = dir.path().join("seg.130");
    let a = read_all(&first);
    let b = read_all(&second);
    assert_eq!(a.len(), 2);
    assert_eq!(header(&a[0]).filename, first.to_string_lossy());
    assert_eq!(b.len(), 3);
    assert_eq!(header(&b[0]).filename, second.to_string_lossy());
    assert_eq!(b[1..], [event(2), event(3)]);
    assert_eq!(sink.files_opened(), 2);
    assert_eq!(sink.records_of(RecordType::Header), 2);
}

#[test]
fn records_after_finish_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.sf");
    let mut sink = FileSink::create(FileSinkConfig::new(&path, Naming::Exact, "e", ""), 0).unwrap();
    sink.finish().unwrap();
    let err = sink.record(&event(1)).unwrap_err();
    assert!(
        matches!(err, ExportError::Closed { ref path } if path.ends_with("x.sf")),
        "{err}"
    );
}

#[test]
fn a_directory_at_the_output_path_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.sf");
    fs::create_dir(&path).unwrap();
    let err = FileSink::create(FileSinkConfig::new(&path, Naming::Exact, "e", ""), 0).unwrap_err();
    assert!(
        matches!(
            err,
            ExportError::Exists {
                found: ExistingOutput::Directory,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_missing_directory_is_a_create_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/out.sf");
    let err = FileSink::create(FileSinkConfig::new(&path, Naming::Exact, "e", ""), 0).unwrap_err();
    match err {
        ExportError::Create { path: p, source } => {
            assert_eq!(p, path);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn files_are_created_owner_only_and_bytes_are_counted() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("private.sf");
    let mut sink = FileSink::create(FileSinkConfig::new(&path, Naming::Exact, "e", ""), 0).unwrap();
    sink.record(&event(1)).unwrap();
    sink.finish().unwrap();
    let meta = fs::metadata(&path).unwrap();
    // The umask can only narrow 0600 further.
    assert_eq!(
        meta.permissions().mode() & 0o077,
        0,
        "{:o}",
        meta.permissions().mode()
    );
    assert_eq!(sink.stats().bytes, meta.len());
    assert_eq!(sink.stats().segments, 1);
    assert_eq!(sink.stats().sent_total(), 2);
}

#[test]
fn a_symlink_at_the_output_path_is_refused_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("precious");
    fs::write(&target, b"keep me").unwrap();
    let link = dir.path().join("out.sf");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let err = FileSink::create(FileSinkConfig::new(&link, Naming::Exact, "e", ""), 0).unwrap_err();
    assert!(
        matches!(err, ExportError::Exists { ref path, found: ExistingOutput::SymbolicLink } if *path == link),
        "{err:?}"
    );
    assert_eq!(fs::read(&target).unwrap(), b"keep me");
    // A dangling link too: creating through it would make a file elsewhere.
    let dangling = dir.path().join("dangling.sf.5");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
    let config = FileSinkConfig::new(dir.path().join("dangling.sf"), Naming::Timestamped, "e", "");
    let err = FileSink::create(config, 5).unwrap_err();
    assert!(matches!(err, ExportError::Exists { .. }), "{err:?}");
    assert!(!dir.path().join("nowhere").exists());
}

/// Whether this process is root, so that it can make files of another user.
fn is_root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    })
}

/// A file another user created in advance at the output path (mode 0666,
/// so that we could write it) is refused, not written, and left as it was.
#[test]
fn a_file_another_user_made_at_the_output_path_is_refused_and_left_alone() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    if !is_root() {
        sysflow_test_support::skip("only root can make a file of another user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.sf");
    fs::write(&path, b"planted").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    let err = FileSink::create(FileSinkConfig::new(&path, Naming::Exact, "e", ""), 0).unwrap_err();
    assert!(
        matches!(err, ExportError::Exists { ref path, found: ExistingOutput::OtherOwner { owner: 65534, ours: 0 } } if path.ends_with("out.sf")),
        "{err:?}"
    );
    let message = format!("{err}");
    assert!(message.contains("out.sf"), "{message}");
    assert!(message.contains("uid 65534"), "{message}");
    // Nor is it taken as one of ours when its name is made of the time.
    let mut out = dir.path().as_os_str().to_os_string();
    out.push("/");
    fs::rename(&path, dir.path().join("7")).unwrap();
    let err = FileSink::create(FileSinkConfig::new(&out, Naming::Exact, "e", ""), 7).unwrap_err();
    assert!(matches!(err, ExportError::Exists { .. }), "{err:?}");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    fs::rename(dir.path().join("7"), &path).unwrap();
    let meta = fs::symlink_metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.mode() & 0o777), (65534, 0o666));
    assert_eq!(fs::read(&path).unwrap(), b"planted");
}

/// A file of our own at the output path is replaced by a new file, created
/// exclusively with mode 0600: not truncated in place, so that neither its
/// old permissions nor a hard link to it carry over.
#[test]
fn a_file_of_our_own_at_the_output_path_is_replaced_by_a_new_private_file() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.sf");
    fs::write(&path, b"last run").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
    let link = dir.path().join("another-name");
    fs::hard_link(&path, &link).unwrap();
    let old_inode = fs::metadata(&path).unwrap().ino();
    let mut sink = FileSink::create(FileSinkConfig::new(&path, Naming::Exact, "e", ""), 0).unwrap();
    sink.record(&event(1)).unwrap();
    sink.finish().unwrap();
    assert_eq!(sink.path(), path);
    let meta = fs::metadata(&path).unwrap();
    assert_ne!(meta.ino(), old_inode, "the old file was written in place");
    assert_eq!(meta.mode() & 0o077, 0, "{:o}", meta.mode());
    assert_eq!(read_all(&path).len(), 2);
    assert_eq!(fs::read(&link).unwrap(), b"last run");
}

/// Rotations in the same second never reuse a name: the next file gets a
/// counter, and every file keeps its records.
#[test]
fn rotations_in_the_same_second_keep_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("seg");
    let config = FileSinkConfig::new(&prefix, Naming::Timestamped, "tests", "");
    let mut sink = FileSink::create(config, 100).unwrap();
    sink.record(&event(1)).unwrap();
    sink.rotate(100).unwrap();
    sink.record(&event(2)).unwrap();
    sink.rotate(100).unwrap();
    sink.record(&event(3)).unwrap();
    sink.rotate(101).unwrap();
    sink.finish().unwrap();
    for (name, ts) in [("seg.100", 1), ("seg.100.1", 2), ("seg.100.2", 3)] {
        let path = dir.path().join(name);
        let records = read_all(&path);
        assert_eq!(header(&records[0]).filename, path.to_string_lossy());
        assert_eq!(records[1..], [event(ts)], "{name}");
    }
    assert_eq!(read_all(&dir.path().join("seg.101")).len(), 1);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 4);
}

/// A name made of the time never replaces a file, even one of our own (a
/// run that started in the same second): the new file gets a counter.
#[test]
fn a_directory_output_never_replaces_an_earlier_file() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("1700000000");
    fs::write(&earlier, b"an earlier run").unwrap();
    let mut out = dir.path().as_os_str().to_os_string();
    out.push("/");
    let config = FileSinkConfig::new(&out, Naming::Exact, "tests", "");
    let mut sink = FileSink::create(config, 1_700_000_000).unwrap();
    sink.finish().unwrap();
    let want = dir.path().join("1700000000.1");
    assert_eq!(sink.path(), want);
    assert_eq!(read_all(&want).len(), 1);
    assert_eq!(fs::read(&earlier).unwrap(), b"an earlier run");
}
