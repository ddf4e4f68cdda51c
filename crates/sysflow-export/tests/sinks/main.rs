//! Integration tests of the sinks against real files and a real
//! `SOCK_SEQPACKET` server, on the reference's golden outputs.

// Test helpers fail loudly on any surprise.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod callback;
mod common;
mod multi;
mod socket;
