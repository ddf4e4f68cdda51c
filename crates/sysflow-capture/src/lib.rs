//! A pure-Rust reader of Falco/sysdig **scap** capture files, and Falco's
//! kernel event ABI as safe, owned Rust types.
//!
//! This crate is the first stage of the sysflow pipeline (capture → state →
//! records → sinks): it turns capture bytes into events and the metadata
//! that describes the system at capture start. It knows nothing about
//! SysFlow records.
//!
//! # Overview
//!
//! - [`ScapReader`] streams a capture (plain or gzip) block by block and
//!   yields [`Item`]s in file order: [`SectionHeader`], [`MachineInfo`],
//!   [`ProcessEntry`], [`FdEntry`], [`Interface`], [`User`], [`Group`] and
//!   [`Event`].
//! - [`Event`] keeps the header fields and raw parameters exactly as stored;
//!   [`Event::params`] decodes them into [`ParamValue`]s by the table of an
//!   [`AbiRevision`].
//! - [`EventSource`] is the seam the rest of the pipeline consumes;
//!   [`ScapReader`] implements it, and so does `LiveCapture` (feature
//!   `ebpf`), live capture through our own CO-RE eBPF probe whose ring
//!   records decode exactly like the event blocks of capture files.
//!   `LibscapCapture` (feature `libscap`) is a second engine: capture files,
//!   or live capture through Falco's kernel module, read by Falco's own
//!   libscap (`falco-sys`), yielding the same [`Event`]s.
//! - [`ScapWriter`] writes items back as a capture that sysdig 0.29.3 and
//!   current libs read; [`LegacyConverter`] rewrites exit-only events (ours,
//!   current Falco's) into the enter/exit pairs of the 2022 ABI, so that
//!   sysdig 0.29.3 resolves their state.
//! - [`AbiRevision`] / [`EventInfo`] describe every event id of the current
//!   libs and of the 2022 snapshot that sysdig 0.29.3 uses.
//!
//! # Example
//!
//! ```no_run
//! use sysflow_capture::{AbiRevision, Item, ScapReader};
//!
//! let mut reader = ScapReader::open("trace.scap")?;
//! while let Some(item) = reader.next_item()? {
//!     if let Item::Event(ev) = item {
//!         let name = ev.type_name(AbiRevision::Current).unwrap_or("?");
//!         println!("{} {} {} {}", ev.ts, ev.tid, name, ev.direction().as_char());
//!     }
//! }
//! # Ok::<(), sysflow_capture::CaptureError>(())
//! ```
//!
//! # Invariants
//!
//! - No panics on any input; length fields never cause allocations beyond
//!   the bytes actually present in the block.
//! - The public API is made of owned, safe Rust types.

#![warn(missing_docs)]

mod abi;
mod error;
mod event;
mod fd;
mod input;
mod interface;
mod legacy;
#[cfg(feature = "libscap")]
mod libscap;
#[cfg(feature = "ebpf")]
mod live;
mod machine;
mod param;
mod process;
mod reader;
mod section;
mod source;
mod user;
mod wire;
mod writer;

pub use abi::{
    AbiRevision, Direction, EventFlags, EventInfo, ParamInfo, ParamType, PrintFormat, event_info,
    has_large_payload,
};
pub use error::{CaptureError, EventDefect};
pub use event::{Event, EventRef};
pub use fd::{FdEntry, FdInfo, L4Proto};
pub use interface::Interface;
pub use legacy::LegacyConverter;
#[cfg(feature = "libscap")]
pub use libscap::{
    KMOD_NAMES, LIBSCAP_EVENT_MAX, LibscapCapture, LibscapError, LibscapNext, check_kmod,
    check_kmod_with, kmod_device,
};
#[cfg(feature = "ebpf")]
pub use live::{
    KeptPrivileges, LiveCapture, LiveConfig, LiveError, LiveNext, LiveStats, LoaderError,
    StopHandle, check_live_support, drop_thread_privileges, machine_info, scan_proc,
    supported_syscalls,
};
pub use machine::MachineInfo;
pub use param::{ParamValue, SockAddr, SockTuple};
pub use process::{ProcessEntry, split_nul_list};
pub use reader::{Item, Next, NextRef, ScapReader};
pub use section::SectionHeader;
pub use source::EventSource;
pub use user::{Group, User};
pub use writer::ScapWriter;
