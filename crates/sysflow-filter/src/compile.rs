//! The compiler: a syntax tree checked against the field catalogue and
//! turned into a [`Filter`], whose values are typed constants parsed once
//! (numbers, addresses, networks, sorted string sets, split paths), so that
//! evaluation never parses or allocates.

use std::net::IpAddr;

use crate::abi_names::EVENT_TYPE_NAMES;
use crate::ast::{CmpOp, Expr, ExprKind, FieldRef, Literal, Operand, Span};
use crate::error::{ErrorKind, FilterError};
use crate::fields::{FieldArg, FieldId, FieldType, Multiplicity, ResolveError, resolve};
use crate::parser::parse;
use crate::values::{
    IpNet, parse_bool, parse_hex, parse_ip, parse_net, parse_port, scan_i32, scan_i64, scan_u32,
    scan_u64,
};

/// A compiled filter: [`compile`] makes it, [`Filter::matches`] runs it on
/// an event's [`Fields`](crate::Fields).
#[derive(Debug, Clone)]
pub struct Filter {
    pub(crate) root: Node,
    expr: String,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    And(Box<[Node]>),
    Or(Box<[Node]>),
    Not(Box<Node>),
    Check(Check),
}

/// One condition on one field.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub(crate) field: FieldId,
    pub(crate) arg: FieldArg,
    pub(crate) multiplicity: Multiplicity,
    pub(crate) test: Test,
}

/// What a field's value is tested for.
#[derive(Debug, Clone)]
pub(crate) enum Test {
    Exists,
    /// `=`, `!=`, `<`, ... with one constant.
    Cmp(CmpOp, Const),
    /// `in`/`intersects` on strings: the values sorted, for binary search.
    StrIn(Box<[Box<[u8]>]>),
    /// `in`/`intersects` on other types: equal to one of them.
    AnyOf(Box<[Const]>),
    /// `pmatch`: each path split into its non-empty components.
    PMatch(Box<[SplitPath]>),
}

/// A path's non-empty components.
pub(crate) type SplitPath = Box<[Box<[u8]>]>;

/// A typed constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Const {
    /// A string, cut at its first NUL as libsinsp's C strings are (or the
    /// raw bytes of a `bcontains`/`bstartswith` hex value).
    Str(Box<[u8]>),
    U64(u64),
    I64(i64),
    Bool(bool),
    Ip(IpAddr),
    Net(IpNet),
}

/// Parses and checks `expr`: every field known and supported, every
/// operator applicable to its field's type, every value valid for it.
///
/// An empty expression is an error (as in libsinsp's compiler); callers
/// that take "no filter" as empty should not compile it.
pub fn compile(expr: &str) -> Result<Filter, FilterError> {
    let tree = parse(expr)?;
    let root = node(&tree, expr)?;
    Ok(Filter {
        root,
        expr: expr.to_owned(),
    })
}

impl Filter {
    /// The expression this filter was compiled from.
    pub fn expression(&self) -> &str {
        &self.expr
    }

    /// Every field (with its argument) the filter reads, in the order of
    /// the expression, repeats included: what an evaluator must be able to
    /// extract.
    pub fn fields(&self) -> Vec<(FieldId, FieldArg)> {
        fn walk(node: &Node, out: &mut Vec<(FieldId, FieldArg)>) {
            match node {
                Node::And(items) | Node::Or(items) => items.iter().for_each(|n| walk(n, out)),
                Node::Not(inner) => walk(inner, out),
                Node::Check(check) => out.push((check.field, check.arg.clone())),
            }
        }
        let mut out = Vec::new();
        walk(&self.root, &mut out);
        out
    }
}

fn node(expr: &Expr, src: &str) -> Result<Node, FilterError> {
    Ok(match &expr.kind {
        ExprKind::And(items) => Node::And(
            items
                .iter()
                .map(|e| node(e, src))
                .collect::<Result<_, _>>()?,
        ),
        ExprKind::Or(items) => Node::Or(
            items
                .iter()
                .map(|e| node(e, src))
                .collect::<Result<_, _>>()?,
        ),
        ExprKind::Not(inner) => Node::Not(Box::new(node(inner, src)?)),
        ExprKind::Exists { field } => {
            let (id, arg, multiplicity) = field_of(field, src)?;
            if multiplicity == Multiplicity::Either {
                // libsinsp 0.29 throws at evaluation ("IP filter only
                // supports '=' and '!=' operators").
                return Err(FilterError::new(
                    ErrorKind::OperatorNotForType {
                        op: "exists",
                        field_type: "client-or-server",
                    },
                    field.span,
                    src,
                ));
            }
            Node::Check(Check {
                field: id,
                arg,
                multiplicity,
                test: Test::Exists,
            })
        }
        ExprKind::Compare { field, op, value } => {
            let (id, arg, multiplicity) = field_of(field, src)?;
            let ty = id.field_type();
            if !ty.accepts(*op) {
                return Err(FilterError::new(
                    ErrorKind::OperatorNotForType {
                        op: op.as_str(),
                        field_type: ty.name(),
                    },
                    Span::new(field.span.start, expr.span.end),
                    src,
                ));
            }
            let test = match (op, value) {
                (CmpOp::PMatch, Operand::List { items, .. }) => Test::PMatch(
                    items
                        .iter()
                        .map(|lit| check_str(id, lit, src).map(|s| split_path(&s)))
                        .collect::<Result<_, _>>()?,
                ),
                (_, Operand::List { items, .. }) if ty == FieldType::Str => {
                    let mut set = items
                        .iter()
                        .map(|lit| check_str(id, lit, src))
                        .collect::<Result<Vec<_>, _>>()?;
                    set.sort();
                    set.dedup();
                    Test::StrIn(set.into_boxed_slice())
                }
                (_, Operand::List { items, .. }) => Test::AnyOf(
                    items
                        .iter()
                        .map(|lit| constant(id, ty, lit, src))
                        .collect::<Result<_, _>>()?,
                ),
                (CmpOp::BContains | CmpOp::BStartsWith, Operand::Single(lit)) => {
                    let bytes = parse_hex(&lit.bytes).ok_or_else(|| {
                        bad_value(lit, "an even number of hex digits (bytes)", src)
                    })?;
                    Test::Cmp(*op, Const::Str(bytes.into_boxed_slice()))
                }
                (_, Operand::Single(lit)) => Test::Cmp(*op, constant(id, ty, lit, src)?),
            };
            Node::Check(Check {
                field: id,
                arg,
                multiplicity,
                test,
            })
        }
    })
}

fn field_of(field: &FieldRef, src: &str) -> Result<(FieldId, FieldArg, Multiplicity), FilterError> {
    let (id, arg) = resolve(&field.name).map_err(|e| {
        let kind = match e {
            ResolveError::Unknown => ErrorKind::UnknownField,
            ResolveError::Unsupported => ErrorKind::UnsupportedField,
            ResolveError::BadArgument(expected) => ErrorKind::BadFieldArgument { expected },
        };
        FilterError::new(kind, field.span, src)
    })?;
    let info = id.info();
    let multiplicity = if info.either {
        Multiplicity::Either
    } else if matches!(id, FieldId::ProcAname | FieldId::ProcApid) && arg == FieldArg::None {
        Multiplicity::Ancestors
    } else {
        Multiplicity::Single
    };
    Ok((id, arg, multiplicity))
}

fn bad_value(lit: &Literal, expected: &'static str, src: &str) -> FilterError {
    FilterError::new(ErrorKind::BadValue { expected }, lit.span, src)
}

/// A string value, cut at its first NUL; for `evt.type`, a known name.
fn check_str(id: FieldId, lit: &Literal, src: &str) -> Result<Box<[u8]>, FilterError> {
    let end = lit
        .bytes
        .iter()
        .position(|&b| b == 0)
        .unwrap_or(lit.bytes.len());
    let bytes = &lit.bytes[..end];
    if id == FieldId::EvtType
        && std::str::from_utf8(bytes)
            .map_or(true, |name| EVENT_TYPE_NAMES.binary_search(&name).is_err())
    {
        return Err(bad_value(
            lit,
            "a known event type (as evt.type prints it)",
            src,
        ));
    }
    Ok(bytes.into())
}

fn constant(id: FieldId, ty: FieldType, lit: &Literal, src: &str) -> Result<Const, FilterError> {
    // Non-string values are C strings to libsinsp too.
    let end = lit
        .bytes
        .iter()
        .position(|&b| b == 0)
        .unwrap_or(lit.bytes.len());
    let text = std::str::from_utf8(&lit.bytes[..end]).unwrap_or("\u{fffd}");
    let (parsed, expected) = match ty {
        FieldType::Str => return check_str(id, lit, src).map(Const::Str),
        FieldType::U64 => (scan_u64(text).map(Const::U64), "a number"),
        FieldType::I64 => (scan_i64(text).map(Const::I64), "a number"),
        FieldType::U32 => (scan_u32(text).map(|v| Const::U64(v.into())), "a number"),
        FieldType::I32 => (scan_i32(text).map(|v| Const::I64(v.into())), "a number"),
        FieldType::Port => (
            parse_port(text).map(|v| Const::U64(v.into())),
            "a port number or a service name",
        ),
        FieldType::Bool => (parse_bool(text).map(Const::Bool), "true or false"),
        FieldType::IpAddr => (parse_ip(text).map(Const::Ip), "an IPv4 or IPv6 address"),
        FieldType::IpNet => (
            parse_net(text).map(Const::Net),
            "an IPv4 network (a.b.c.d/bits) or an IPv6 address",
        ),
    };
    parsed.ok_or_else(|| bad_value(lit, expected, src))
}

/// A path's components, as libsinsp's `pmatch` splits it: on `/`, empty
/// components dropped (so `/` and `` match every path).
fn split_path(path: &[u8]) -> SplitPath {
    path.split(|&b| b == b'/')
        .filter(|c| !c.is_empty())
        .map(Box::from)
        .collect()
}
