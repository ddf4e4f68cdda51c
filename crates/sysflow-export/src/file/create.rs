//! Creating output files: exclusively, never through a symbolic link, and
//! never into a file someone else made.
//!
//! Outputs hold every process's command line and environment, and their
//! names are easy to predict (`-w DIR/` names are the current second). A
//! file another user creates in advance at that name must not receive the
//! capture: opened with `O_TRUNC` it would keep its owner and its mode (say
//! 0666). So every output is created with `O_CREAT | O_EXCL | O_NOFOLLOW`,
//! which fails on any existing name, a symbolic link included. Then:
//!
//! - a name chosen by the user ([`create_output_file`]) that holds a regular
//!   file of this process's own user (an earlier run's output) is replaced:
//!   the file is unlinked and a new one created exclusively, so the new file
//!   has our owner and the configured mode whatever the old one had, and a
//!   hard link or an open descriptor to the old file never sees the new
//!   records (truncating in place would give them both);
//! - a name made of the time ([`create_unused_output_file`]) never replaces
//!   anything: a regular file of our own there (a rotation or a run in the
//!   same second) makes the next name, `NAME.1`, `NAME.2`, …;
//! - anything else at the name (another user's file, a link, a directory,
//!   a pipe) is refused with [`ExportError::Exists`], and left alone.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::error::{ExistingOutput, ExportError};

/// How many numbered names a time-named output tries after its own: more
/// files of our own for one second than this means something else is
/// going on.
const MAX_NUMBER: u32 = 1000;

/// Creates the output file `path` exclusively, with permission bits `mode`
/// (the umask still applies), without following a symbolic link.
///
/// When `path` already exists and is a regular file owned by this process's
/// effective user, that file is unlinked and a new one created exclusively
/// in its place (its contents, owner and mode are not reused; a hard link
/// to it keeps the old contents). Anything else at `path` is refused with
/// [`ExportError::Exists`] and left as it was; a name that something takes
/// again between the unlink and the creation is refused too.
///
/// This is how [`FileSink`](crate::FileSink) creates a file whose name the
/// user gave, and how a program should create any other output (the
/// driver's saved scap capture).
pub fn create_output_file(path: &Path, mode: u32) -> Result<File, ExportError> {
    match open_new(path, mode) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        other => return other.map_err(|source| create_error(path, source)),
    }
    check_replaceable(path)?;
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(create_error(path, e)),
        _ => {}
    }
    match open_new(path, mode) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            // Taken again since the unlink: refuse whatever is there now.
            check_replaceable(path)?;
            Err(create_error(path, e))
        }
        other => other.map_err(|source| create_error(path, source)),
    }
}

/// Creates a time-named output file exclusively, as
/// [`create_output_file`] does, but never replaces a file: when `path` is a
/// regular file of our own, the next unused of `path.1`, `path.2`, … is
/// created instead. Returns the file and the name it got.
pub fn create_unused_output_file(path: &Path, mode: u32) -> Result<(File, PathBuf), ExportError> {
    let mut candidate = path.to_path_buf();
    for number in 1..=MAX_NUMBER + 1 {
        match open_new(&candidate, mode) {
            Ok(file) => return Ok((file, candidate)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                check_replaceable(&candidate)?;
            }
            Err(source) => return Err(create_error(&candidate, source)),
        }
        candidate = numbered(path, number);
    }
    Err(ExportError::Exists {
        path: path.to_path_buf(),
        found: ExistingOutput::NumbersTaken { last: MAX_NUMBER },
    })
}

/// `path` with `.number` appended.
fn numbered(path: &Path, number: u32) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(format!(".{number}"));
    PathBuf::from(name)
}

/// `O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC` with `mode`.
fn open_new(path: &Path, mode: u32) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        // O_EXCL already fails on a symbolic link (even a dangling one);
        // O_NOFOLLOW keeps that true whatever the flags around it become.
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

/// Fails with [`ExportError::Exists`] unless `path` is a regular file owned
/// by this process's effective user, or is gone.
fn check_replaceable(path: &Path) -> Result<(), ExportError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(create_error(path, source)),
    };
    let ours = rustix::process::geteuid().as_raw();
    let kind = meta.file_type();
    let found = if kind.is_symlink() {
        ExistingOutput::SymbolicLink
    } else if kind.is_dir() {
        ExistingOutput::Directory
    } else if !kind.is_file() {
        ExistingOutput::Special
    } else if meta.uid() != ours {
        ExistingOutput::OtherOwner {
            owner: meta.uid(),
            ours,
        }
    } else {
        return Ok(());
    };
    Err(ExportError::Exists {
        path: path.to_path_buf(),
        found,
    })
}

fn create_error(path: &Path, source: io::Error) -> ExportError {
    ExportError::Create {
        path: path.to_path_buf(),
        source,
    }
}
