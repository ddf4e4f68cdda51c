#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

/// Defines a schema enum: a Rust enum whose variants are the Avro symbols in
/// schema order, so that the discriminant is the encoded index.
macro_rules! avro_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $symbol:literal ),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),*
        }

        impl $name {
            /// Every symbol, in schema order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The index written in the encoding.
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The value at an encoded index.
            pub fn from_index(index: usize) -> Option<$name> {
                Self::ALL.get(index).copied()
            }

            /// The Avro symbol, e.g. `REUP`.
            pub const fn symbol(self) -> &'static str {
                match self {
                    $($name::$variant => $symbol),*
                }
            }
        }

        impl crate::AvroEnum for $name {
            const ALL: &'static [$name] = $name::ALL;
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.symbol())
            }
        }
    };
}

mod container_file;
mod datum;
mod entity;
mod error;
mod event;
mod flow;
mod ident;
mod k8s;
mod op_flags;
mod schema;
mod segment;
mod sink;
mod sysflow;

pub use container_file::{
    Codec, DEFLATE_THREAD_NAME, DeflateEngine, SfReader, SfWriter, WriterOptions,
};
pub use entity::{Container, ContainerType, File, FileType, Process, SfHeader, SfObjectState};
pub use error::{DecodeError, SfError};
pub use event::{FileEvent, NetworkEvent, ProcessEvent};
pub use flow::{FileFlow, NetworkFlow, ProcessFlow, ipv4_from_sysflow, ipv4_to_sysflow};
pub use ident::{Foid, Oid};
pub use k8s::{K8sAction, K8sComponent, K8sEvent, Pod, Port, Service};
pub use op_flags::{OpFlags, OpenFlags};
pub use schema::{SCHEMA_JSON, SCHEMA_VERSION, canonical_form};
pub use segment::{SegmentCheck, Undefined};
pub use sink::{FnSink, RecordSink};
pub use sysflow::{EntityRefs, RecordType, SysFlow};

/// Schema enums, for the generic decoder.
trait AvroEnum: Copy + 'static {
    const ALL: &'static [Self];
}
