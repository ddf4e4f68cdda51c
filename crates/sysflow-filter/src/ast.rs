//! The syntax tree of a filter expression, as the parser reads it: boolean
//! nodes, comparisons and `exists` checks, each with the byte range of the
//! expression text it came from. Fields and values are kept as written
//! (values unescaped); the compiler gives them meaning.

use std::fmt;

/// A byte range `start..end` of the expression text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The range `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// A node of the tree, with the text it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    /// What the node is.
    pub kind: ExprKind,
    /// Where it is in the expression.
    pub span: Span,
}

/// The kinds of node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprKind {
    /// Every operand holds; two or more operands, evaluated left to right
    /// until one fails.
    And(Vec<Expr>),
    /// Some operand holds; two or more operands, evaluated left to right
    /// until one holds.
    Or(Vec<Expr>),
    /// The operand does not hold.
    Not(Box<Expr>),
    /// `field op value`.
    Compare {
        /// The field, as written.
        field: FieldRef,
        /// The operator.
        op: CmpOp,
        /// The value or list of values.
        value: Operand,
    },
    /// `field exists`.
    Exists {
        /// The field, as written.
        field: FieldRef,
    },
}

/// A field name as written, with its argument (`proc.aname[2]`,
/// `evt.arg.fd`) still in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRef {
    /// The text.
    pub name: String,
    /// Where it is.
    pub span: Span,
}

/// The comparison operators (`exists` is [`ExprKind::Exists`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CmpOp {
    /// `=` (or `==`).
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `contains`: substring.
    Contains,
    /// `icontains`: substring, ASCII case-insensitive.
    IContains,
    /// `bcontains`: byte substring, the value written as hex digits.
    BContains,
    /// `startswith`: prefix.
    StartsWith,
    /// `bstartswith`: byte prefix, the value written as hex digits.
    BStartsWith,
    /// `endswith`: suffix.
    EndsWith,
    /// `glob`: shell wildcard match (`fnmatch` without flags).
    Glob,
    /// `in (a, b, ...)`: equal to one of the values.
    In,
    /// `intersects (a, b, ...)`: as `in` for the fields we support.
    Intersects,
    /// `pmatch (p, q, ...)`: path prefix match, component by component.
    PMatch,
}

impl CmpOp {
    /// The operator as written (`=` for both `=` and `==`).
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Contains => "contains",
            CmpOp::IContains => "icontains",
            CmpOp::BContains => "bcontains",
            CmpOp::StartsWith => "startswith",
            CmpOp::BStartsWith => "bstartswith",
            CmpOp::EndsWith => "endswith",
            CmpOp::Glob => "glob",
            CmpOp::In => "in",
            CmpOp::Intersects => "intersects",
            CmpOp::PMatch => "pmatch",
        }
    }

    /// Whether the operator takes a parenthesised list.
    pub fn takes_list(self) -> bool {
        matches!(self, CmpOp::In | CmpOp::Intersects | CmpOp::PMatch)
    }
}

impl fmt::Display for CmpOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    /// One value (every operator but the list ones).
    Single(Literal),
    /// `(a, b, ...)`, for `in`, `intersects` and `pmatch`.
    List {
        /// The values, in order.
        items: Vec<Literal>,
        /// From `(` to `)`.
        span: Span,
    },
}

/// A value as written, unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    /// The bytes, escapes resolved (`\\`, `\"`, `\xHH`).
    pub bytes: Vec<u8>,
    /// Whether it was written in quotes.
    pub quoted: bool,
    /// Where it is, quotes included.
    pub span: Span,
}
