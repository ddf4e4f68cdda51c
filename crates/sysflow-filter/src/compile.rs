//! The compiler: a syntax tree checked against the field catalogue and
//! turned into a [`Filter`], whose values are typed constants parsed once
//! (numbers, addresses, networks, sorted string sets, split paths), so that
//! evaluation never parses or allocates.

use std::net::IpAddr;

use crate::abi_names::EVENT_TYPE_NAMES;
use crate::ast::{CmpOp, Expr, ExprKind, FieldRef, Literal, Operand, Span};
use crate::error::{ErrorKind, FilterError};
use crate::event_types::TypeSet;
use crate::fields::{FieldArg, FieldId, FieldType, Multiplicity, ResolveError, resolve};
use crate::parser::parse;
use crate::program::Programs;
use crate::values::{
    IpNet, parse_bool, parse_hex, parse_ip, parse_net, parse_port, scan_i32, scan_i64, scan_u32,
    scan_u64,
};

/// A compiled filter: [`compile`] makes it, [`Filter::matches`] runs it on
/// an event's [`Fields`](crate::Fields).
#[derive(Debug, Clone)]
pub struct Filter {
    pub(crate) root: Node,
    /// What evaluation runs (see [`Programs`]).
    pub(crate) programs: Programs,
    expr: String,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    And(Box<[Node]>),
    Or(Box<[Node]>),
    Not(Box<Node>),
    Check(Check),
    /// A known result (only in trees specialized to an event type).
    Const(bool),
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
    /// `in`/`intersects` on strings.
    StrIn(StrSet),
    /// `startswith` on a string.
    StartsWith(Bytes),
    /// `=` on a string (`!=` if `negated`).
    StrEq {
        value: Bytes,
        negated: bool,
    },
    /// `in`/`intersects` on other types: equal to one of them.
    AnyOf(Box<[Const]>),
    /// `pmatch`: each path split into its non-empty components.
    PMatch(Box<[SplitPath]>),
    /// `evt.type` `=`, `in`, `intersects` (or, `negated`, `!=`): the
    /// names' codes, tested on [`Fields::event_type`](crate::Fields::event_type).
    TypeSet {
        set: TypeSet,
        negated: bool,
    },
}

/// The strings of an `in` list, sorted by length then bytes, with a mask
/// of their lengths: most values are refused by their length alone, the
/// others by a binary search that compares lengths before bytes. The
/// strings are kept end to end in one buffer, so that a search reads two
/// short arrays rather than one allocation per string.
#[derive(Debug, Clone)]
pub(crate) struct StrSet {
    /// Bit `n` for a string of length `n` (bit 63: 63 or more).
    lens: u64,
    /// Each string's start in `bytes` and its length.
    spans: Box<[(u32, u32)]>,
    bytes: Box<[u8]>,
}

impl StrSet {
    fn new(mut items: Vec<Box<[u8]>>) -> StrSet {
        items.sort_by(|a, b| by_len(a, b));
        items.dedup();
        let lens = items.iter().fold(0, |m, s| m | len_bit(s.len()));
        let mut bytes = Vec::new();
        let spans = items
            .iter()
            .map(|s| {
                let start = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
                bytes.extend_from_slice(s);
                (start, u32::try_from(s.len()).unwrap_or(u32::MAX))
            })
            .collect();
        StrSet {
            lens,
            spans,
            bytes: bytes.into_boxed_slice(),
        }
    }

    /// Whether `s` is one of the strings.
    #[inline]
    pub(crate) fn contains(&self, s: &[u8]) -> bool {
        if self.lens & len_bit(s.len()) == 0 {
            return false;
        }
        self.spans
            .binary_search_by(|&(start, len)| {
                let item = self
                    .bytes
                    .get(start as usize..(start as usize).saturating_add(len as usize))
                    .unwrap_or_default();
                by_len(item, s)
            })
            .is_ok()
    }
}

/// A string constant, kept in the check itself when it is short (names,
/// path prefixes): evaluation then compares it without following a
/// pointer to another cache line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Bytes {
    Inline { len: u8, buf: [u8; INLINE] },
    Heap(Box<[u8]>),
}

/// The longest string a [`Bytes`] keeps inline.
const INLINE: usize = 30;

impl Bytes {
    fn new(bytes: &[u8]) -> Bytes {
        match u8::try_from(bytes.len()) {
            Ok(len) if bytes.len() <= INLINE => {
                let mut buf = [0; INLINE];
                buf[..bytes.len()].copy_from_slice(bytes);
                Bytes::Inline { len, buf }
            }
            _ => Bytes::Heap(bytes.into()),
        }
    }

    /// The string.
    #[inline]
    pub(crate) fn as_slice(&self) -> &[u8] {
        match self {
            // `len` is at most INLINE (see `new`).
            Bytes::Inline { len, buf } => &buf[..usize::from(*len)],
            Bytes::Heap(b) => b,
        }
    }
}

fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

fn by_len(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// A path's non-empty components.
pub(crate) type SplitPath = Box<[Box<[u8]>]>;

/// A typed constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Const {
    /// A string, cut at its first NUL as libsinsp's C strings are (or the
    /// raw bytes of a `bcontains`/`bstartswith` hex value).
    Str(Bytes),
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
    let programs = Programs::new(&root);
    Ok(Filter {
        root,
        programs,
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
                Node::Const(_) => {}
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
                (CmpOp::Eq | CmpOp::Ne, Operand::Single(lit)) if id == FieldId::EvtType => {
                    let name = check_str(id, lit, src)?;
                    Test::TypeSet {
                        set: TypeSet::of([&*name]),
                        negated: *op == CmpOp::Ne,
                    }
                }
                (CmpOp::In | CmpOp::Intersects, Operand::List { items, .. })
                    if id == FieldId::EvtType =>
                {
                    let names = items
                        .iter()
                        .map(|lit| check_str(id, lit, src))
                        .collect::<Result<Vec<_>, _>>()?;
                    Test::TypeSet {
                        set: TypeSet::of(names.iter().map(|n| &**n)),
                        negated: false,
                    }
                }
                (CmpOp::PMatch, Operand::List { items, .. }) => Test::PMatch(
                    items
                        .iter()
                        .map(|lit| check_str(id, lit, src).map(|s| split_path(&s)))
                        .collect::<Result<_, _>>()?,
                ),
                (_, Operand::List { items, .. }) if ty == FieldType::Str => {
                    let set = items
                        .iter()
                        .map(|lit| check_str(id, lit, src))
                        .collect::<Result<Vec<_>, _>>()?;
                    Test::StrIn(StrSet::new(set))
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
                    Test::Cmp(*op, Const::Str(Bytes::new(&bytes)))
                }
                (_, Operand::Single(lit)) => match (op, constant(id, ty, lit, src)?) {
                    (CmpOp::StartsWith, Const::Str(c)) => Test::StartsWith(c),
                    (CmpOp::Eq | CmpOp::Ne, Const::Str(value))
                        if multiplicity == Multiplicity::Single =>
                    {
                        Test::StrEq {
                            value,
                            negated: *op == CmpOp::Ne,
                        }
                    }
                    (op, c) => Test::Cmp(*op, c),
                },
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
        FieldType::Str => return check_str(id, lit, src).map(|s| Const::Str(Bytes::new(&s))),
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
