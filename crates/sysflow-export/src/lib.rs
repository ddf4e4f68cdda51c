#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod error;
mod file;
mod naming;

pub use error::ExportError;
pub use file::{FileSink, FileSinkConfig};
pub use naming::{Naming, file_name, is_prefix};
