#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod config;
mod driver;
mod error;
mod logging;
mod print;
mod progress;

pub use config::{
    Callback, CallbackFn, DriverType, ENV_OVERRIDES, LIVE_COMPRESSION_LEVEL,
    OFFLINE_COMPRESSION_LEVEL, SysFlowConfig, SysFlowConfigBuilder, ZSTD_COMPRESSION_LEVEL,
};
pub use driver::{DriverStats, ExitHandle, OutputKind, OutputStats, STDIN_PATH, SysFlowDriver};
pub use error::{ErrorCode, SysFlowError};
pub use logging::{log_directives, log_directives_from_env};
pub use print::{PrintStats, print_events};
pub use progress::Progress;
pub use sysflow_capture::{CaptureError, LiveStats, drop_thread_privileges};
pub use sysflow_core::{CollectionMode, CoreStats, FileReadMode};
pub use sysflow_export::{CallbackRecord, CallbackSink, DropReasons, ExportError, SinkStats};
pub use sysflow_filter::FilterError;
pub use sysflow_types as types;
pub use sysflow_types::{Codec, RecordType, SCHEMA_VERSION};

/// The library's version (the crate version, e.g. `0.1.0`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
