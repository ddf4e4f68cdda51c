#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod abi_names;
mod ast;
mod compile;
mod error;
mod eval;
mod event_types;
mod fields;
mod known_fields;
mod lexer;
mod matching;
mod parser;
mod program;
mod values;

pub use ast::{CmpOp, Expr, ExprKind, FieldRef, Literal, Operand, Span};
pub use compile::{Filter, compile};
pub use error::{ErrorKind, FilterError};
pub use eval::{Fields, Value};
pub use event_types::{EventTypeCode, event_type_code};
pub use fields::{FIELDS, FieldArg, FieldId, FieldInfo, FieldType, Multiplicity};
pub use parser::{MAX_DEPTH, parse};
pub use values::IpNet;

#[cfg(test)]
mod tests;
