//! The state stage of sysflow-rs (capture → **state** → records → sinks): thread,
//! fd, user and container tables kept current by syscall events, and the
//! process, file and network flow state machines that turn those events into
//! SysFlow records the way the reference collector (sf-collector 0.7) does.
//!
//! **Who should use this.** The `libsysflow` facade drives it; use it directly
//! only to replay events into records without any output handling.
//!
//! # Overview
//!
//! A [`Processor`] takes a capture's [`Item`](sysflow_capture::Item)s in order
//! (the process, fd and user lists a capture starts with, then events) and
//! writes records to any [`RecordSink`](sysflow_types::RecordSink). Entities
//! (containers, processes, files) are written before the first record that
//! references them in each output segment; [`Processor::new_segment`] starts a
//! new one after the pipeline wrote a new header. [`Processor::finish`] ends the
//! input, writing every open flow with `TRUNCATE`. [`CoreConfig`] holds the
//! options that shape records (process flows, file-only, read mode, collection
//! mode); [`CoreLimits`] bounds the tables ([`Processor::with_limits`]), and
//! [`CoreStats`] tells their sizes and [`Evictions`].
//!
//! # Invariants
//!
//! - No IO, no threads, no clock: time comes from event timestamps (and, live,
//!   from [`Processor::tick`]), so output depends only on the input.
//! - Bad input is not an error: an event for an unknown thread gets a
//!   best-effort record and a counted diagnostic. The only errors are the sink's.
//! - Every table is bounded by the live state of the traced system (exited
//!   processes and closed flows leave the tables), and by its
//!   [`CoreLimits`] whatever the input: at a bound the least recently used
//!   entries go, counted in [`CoreStats::evictions`], and records still
//!   name only entities written before them.

mod bounds;
mod config;
mod emit;
mod event;
mod file;
mod filter;
mod flow;
mod process;
mod processor;
mod state;
mod syscalls;

pub use bounds::Evictions;
pub use config::{CollectionMode, CoreConfig, CoreLimits, FileReadMode};
pub use processor::{CoreStats, Processor};
