//! The file sink: `.sf` files, each opened with an SFHeader.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use sysflow_types::{
    RecordSink, RecordType, SCHEMA_VERSION, SfHeader, SfWriter, SysFlow, WriterOptions,
};
use tracing::debug;

use crate::error::ExportError;
use crate::naming::{Naming, file_name, is_prefix};
use crate::sink::ExportSink;
use crate::stats::SinkStats;

mod create;

pub use create::{create_output_file, create_unused_output_file};

/// The permissions of the files a [`FileSink`] creates: owner read and write
/// only. Records carry command lines and environments, which may hold
/// secrets; whoever needs group or world access widens it explicitly with
/// [`FileSinkConfig::mode`].
pub const DEFAULT_FILE_MODE: u32 = 0o600;

/// Where a [`FileSink`] writes, and what its headers say.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileSinkConfig {
    /// The configured output: a prefix (file) or a directory (ends in `/`).
    pub path: PathBuf,
    /// How file names are made from [`path`](FileSinkConfig::path).
    pub naming: Naming,
    /// The header's `exporter`.
    pub exporter: String,
    /// The header's `ip`.
    pub ip: String,
    /// How the `.sf` container is written; [`FileSinkConfig::new`] deflates on
    /// one background thread, as a collector wants.
    pub writer_options: WriterOptions,
    /// Permission bits of each file the sink creates (the umask still
    /// applies); [`DEFAULT_FILE_MODE`] unless set. Every file is new
    /// (created exclusively), so it always gets them.
    pub mode: u32,
}

impl FileSinkConfig {
    /// A configuration with one background compression thread.
    pub fn new(
        path: impl Into<PathBuf>,
        naming: Naming,
        exporter: impl Into<String>,
        ip: impl Into<String>,
    ) -> FileSinkConfig {
        FileSinkConfig {
            path: path.into(),
            naming,
            exporter: exporter.into(),
            ip: ip.into(),
            writer_options: WriterOptions {
                compression_threads: 1,
                ..WriterOptions::default()
            },
            mode: DEFAULT_FILE_MODE,
        }
    }
}

/// Writes records to `.sf` files named by the reference's rules.
///
/// [`create`](FileSink::create) opens the first file and writes its
/// [`SfHeader`]; [`rotate`](FileSink::rotate) closes it and opens the next,
/// with a new header. The caller then starts a new segment (entities are
/// written again after each header). [`finish`](FileSink::finish) closes the
/// file; dropping the sink closes it too, ignoring errors.
///
/// As a [`RecordSink`], `record` buffers into the current block and `flush`
/// writes the pending block so that a reader sees every record so far.
///
/// Files are created exclusively (`O_CREAT | O_EXCL | O_NOFOLLOW`) with
/// [`FileSinkConfig::mode`] (0600 by default), so a file or symbolic link
/// planted at a predictable name in a shared output directory can neither
/// receive the records nor redirect them. When the name is taken:
///
/// - a name the user gave ([`Naming::Exact`] with a prefix) that holds a
///   regular file of this process's own user (an earlier run's output) is
///   replaced by a new file, not truncated in place (see
///   [`create_output_file`]);
/// - a name made of the time (a directory, or [`Naming::Timestamped`])
///   never replaces a file: when it holds a regular file of our own (a
///   rotation or another run in the same second), the file gets the first
///   unused of `NAME.1`, `NAME.2`, …, so no rotation ever overwrites one;
/// - anything else (another user's file, a symbolic link, a directory, a
///   pipe) is refused with [`ExportError::Exists`] and left as it was.
#[derive(Debug)]
pub struct FileSink {
    config: FileSinkConfig,
    writer: Option<SfWriter<BufWriter<Counted>>>,
    path: PathBuf,
    /// Records of the current file.
    file_records: u64,
    /// Records of every file, by type, and bytes of finished files.
    stats: SinkStats,
}

/// A file that counts the bytes written to it, for [`SinkStats::bytes`].
#[derive(Debug)]
struct Counted {
    file: File,
    bytes: u64,
}

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl FileSink {
    /// Creates the first file for time `now_secs` (seconds since the epoch,
    /// used only for names that carry a time) and writes its header.
    pub fn create(config: FileSinkConfig, now_secs: u64) -> Result<FileSink, ExportError> {
        let path = file_name(&config.path, config.naming, now_secs);
        let mut sink = FileSink {
            config,
            writer: None,
            path: path.clone(),
            file_records: 0,
            stats: SinkStats::default(),
        };
        sink.open(path)?;
        Ok(sink)
    }

    /// Closes the current file and opens the next one, named for
    /// `now_secs`, starting with a new header.
    ///
    /// With [`Naming::Exact`] and a prefix, the next file has the same name
    /// and replaces the previous one, as in the reference. Names made of the
    /// time never repeat: a rotation in the same second as the previous file
    /// gets the next numbered name (`NAME.1`, …).
    pub fn rotate(&mut self, now_secs: u64) -> Result<(), ExportError> {
        self.finish()?;
        let path = file_name(&self.config.path, self.config.naming, now_secs);
        self.open(path)
    }

    /// Writes the last block and closes the current file. Calling it again
    /// does nothing; records after it are refused with
    /// [`ExportError::Closed`].
    pub fn finish(&mut self) -> Result<(), ExportError> {
        let Some(writer) = self.writer.take() else {
            return Ok(());
        };
        let records = self.file_records;
        let out = writer
            .finish()
            .map_err(|source| self.write_error(records, source))?;
        let file = out
            .into_inner()
            .map_err(|e| self.write_error(records, e.into_error()))?;
        self.stats.bytes += file.bytes;
        debug!(path = %self.path.display(), records, "closed output file");
        Ok(())
    }

    /// The file being written (or last written, once finished).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Files opened so far.
    pub fn files_opened(&self) -> u64 {
        self.stats.segments
    }

    /// Records of one type written to every file so far, headers included.
    pub fn records_of(&self, ty: RecordType) -> u64 {
        self.stats.sent_of(ty)
    }

    /// Records written to every file so far, headers included.
    pub fn records_total(&self) -> u64 {
        self.stats.sent_total()
    }

    /// Records written by type, files opened, and bytes that reached the
    /// files (a block still buffered is not counted yet).
    pub fn stats(&self) -> SinkStats {
        let mut stats = self.stats.clone();
        if let Some(out) = self.writer.as_ref().and_then(|w| w.get_ref()) {
            stats.bytes += out.get_ref().bytes;
        }
        stats
    }

    /// The header every file starts with.
    fn header(&self) -> SysFlow {
        SysFlow::Header(SfHeader {
            version: SCHEMA_VERSION,
            exporter: self.config.exporter.clone(),
            ip: self.config.ip.clone(),
            filename: self.path.to_string_lossy().into_owned(),
        })
    }

    /// Creates the file named `path` (or, for a name made of the time, the
    /// first unused numbered name after it) and writes its header.
    fn open(&mut self, path: PathBuf) -> Result<(), ExportError> {
        let time_named = !is_prefix(&self.config.path) || self.config.naming == Naming::Timestamped;
        let file = if time_named {
            let (file, path) = create::create_unused_output_file(&path, self.config.mode)?;
            self.path = path;
            file
        } else {
            let file = create_output_file(&path, self.config.mode)?;
            self.path = path;
            file
        };
        let out = BufWriter::new(Counted { file, bytes: 0 });
        let writer = SfWriter::with_options(out, self.config.writer_options.clone())
            .map_err(|source| self.write_error(0, source))?;
        self.writer = Some(writer);
        self.file_records = 0;
        self.stats.segments += 1;
        debug!(path = %self.path.display(), "opened output file");
        let header = self.header();
        self.record(&header)
    }

    fn write_error(&self, records: u64, source: std::io::Error) -> ExportError {
        ExportError::Write {
            path: self.path.clone(),
            records,
            source,
        }
    }
}

impl RecordSink for FileSink {
    type Error = ExportError;

    fn record(&mut self, rec: &SysFlow) -> Result<(), ExportError> {
        let Some(writer) = self.writer.as_mut() else {
            return Err(ExportError::Closed {
                path: self.path.clone(),
            });
        };
        if let Err(source) = writer.append(rec) {
            // The file is in an unknown state: refuse everything after this.
            self.writer = None;
            return Err(self.write_error(self.file_records, source));
        }
        self.file_records += 1;
        self.stats.count_sent(rec.record_type());
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        let records = self.file_records;
        let result = match self.writer.as_mut() {
            None => return Ok(()),
            Some(writer) => writer.flush(),
        };
        result.map_err(|source| self.write_error(records, source))
    }
}

impl ExportSink for FileSink {
    fn stats(&self) -> SinkStats {
        FileSink::stats(self)
    }
    fn path(&self) -> Option<&Path> {
        Some(FileSink::path(self))
    }
    fn rotate(&mut self, now_secs: u64) -> Result<(), ExportError> {
        FileSink::rotate(self, now_secs)
    }
    fn finish(&mut self) -> Result<(), ExportError> {
        FileSink::finish(self)
    }
}

#[cfg(test)]
mod tests;
