#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod callback;
mod error;
mod file;
mod multi;
mod naming;
mod segment;
mod sink;
mod socket;
mod stats;

pub use callback::{CallbackRecord, CallbackSink};
pub use error::{ExistingOutput, ExportError};
pub use file::{
    DEFAULT_FILE_MODE, FileSink, FileSinkConfig, create_output_file, create_unused_output_file,
};
pub use multi::{BoxedSink, MultiSink, OnSinkError};
pub use naming::{Naming, file_name, is_prefix};
pub use sink::ExportSink;
pub use socket::{MAX_SOCKET_PATH, SF_PROCESSOR_MAX_PACKET, SocketSink, SocketSinkConfig};
pub use stats::{DropReasons, SinkStats};
