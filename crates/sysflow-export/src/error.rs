//! The crate's error type, [`ExportError`].

use std::io;
use std::path::PathBuf;

/// An output could not be written.
///
/// Every variant names the file; after an error the sink's current file may
/// lack its tail, and the sink refuses further records.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The output file could not be created (missing directory, permissions).
    #[error("cannot create output file {}", path.display())]
    Create {
        /// The file that could not be created.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// Writing to the output file failed.
    #[error("cannot write output file {} after {records} records", path.display())]
    Write {
        /// The file being written.
        path: PathBuf,
        /// Records of this file written before the failure (header included).
        records: u64,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// A record arrived after the sink was finished or had failed.
    #[error("output {} is already closed", path.display())]
    Closed {
        /// The last file the sink wrote, or the output's name.
        path: PathBuf,
    },
}
