#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod error;
mod file;
mod naming;
mod sink;
mod stats;

pub use error::ExportError;
pub use file::{DEFAULT_FILE_MODE, FileSink, FileSinkConfig};
pub use naming::{Naming, file_name, is_prefix};
pub use sink::ExportSink;
pub use stats::{DropReasons, SinkStats};
