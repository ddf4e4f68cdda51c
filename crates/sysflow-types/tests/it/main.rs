//! Integration tests of `sysflow-types`, one binary.
//!
//! - `golden`: the reference collector's 13 outputs decode, re-encode to the
//!   same bytes, and survive a copy through our writer (and the `sfcopy` example).
//! - `corrupt`: damaged files give typed errors after every record before the damage.
//! - `interop`: the official Python reader (`sysflow-tools`) reads what we write.
//! - `roundtrip`: generated records survive encode/decode, and our bytes equal
//!   those of the `apache-avro` crate driven by the same schema.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod corrupt;
mod golden;
mod interop;
mod roundtrip;
