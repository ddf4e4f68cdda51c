//! `FilterError`: what is wrong with an expression, where (a byte range), the
//! text found there and what was expected; its `Display` shows the
//! expression with a caret under the position.

use std::fmt;

use crate::ast::Span;

/// Why an expression was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The expression is empty or blank.
    Empty,
    /// Something other than what the grammar allows here.
    Syntax {
        /// What would have been accepted.
        expected: &'static str,
    },
    /// A quoted value runs to the end of the expression.
    UnclosedQuote,
    /// A `\x` escape not followed by two hex digits, or a `\` at the end of
    /// a bare value.
    BadEscape,
    /// A `(` without its `)`.
    UnclosedParen,
    /// A `)` without its `(`.
    UnbalancedParen,
    /// `()`.
    EmptyParens,
    /// `and` and `or` at one level without parentheses, which libsinsp 0.29
    /// refuses as ambiguous.
    MixedAndOr,
    /// Parentheses nested deeper than the compiler allows.
    TooDeep,
    /// Not an operator.
    UnknownOperator,
    /// A field name libsinsp does not know either.
    UnknownField,
    /// A field libsinsp knows but this implementation does not support.
    UnsupportedField,
    /// A field's argument is malformed or names nothing (`evt.arg.nosuch`,
    /// `proc.aname[x]`).
    BadFieldArgument {
        /// What the argument should be.
        expected: &'static str,
    },
    /// The operator does not apply to the field's type.
    OperatorNotForType {
        /// The operator.
        op: &'static str,
        /// The field's type, as docs/filters.md names it.
        field_type: &'static str,
    },
    /// A value that does not parse as the field's type.
    BadValue {
        /// What the value should be.
        expected: &'static str,
    },
}

/// An expression that does not compile: what, where, and what was found
/// there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FilterError {
    kind: ErrorKind,
    span: Span,
    found: String,
    expr: String,
}

impl FilterError {
    pub(crate) fn new(kind: ErrorKind, span: Span, expr: &str) -> FilterError {
        let found = expr
            .get(span.start..span.end.min(expr.len()))
            .unwrap_or_default()
            .to_owned();
        FilterError {
            kind,
            span,
            found,
            expr: expr.to_owned(),
        }
    }

    /// Why.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The byte offset in the expression where the problem is.
    pub fn position(&self) -> usize {
        self.span.start
    }

    /// The byte range of the offending text (empty at the end of the
    /// expression).
    pub fn span(&self) -> Span {
        self.span
    }

    /// The offending text ("" at the end of the expression).
    pub fn found(&self) -> &str {
        &self.found
    }

    /// The whole expression.
    pub fn expression(&self) -> &str {
        &self.expr
    }

    fn describe(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let found = &self.found;
        match &self.kind {
            ErrorKind::Empty => write!(f, "empty filter expression"),
            ErrorKind::Syntax { expected } if found.is_empty() => {
                write!(f, "expected {expected}, found the end of the expression")
            }
            ErrorKind::Syntax { expected } => write!(f, "expected {expected}, found '{found}'"),
            ErrorKind::UnclosedQuote => write!(f, "unclosed quote"),
            ErrorKind::BadEscape => write!(
                f,
                "bad escape sequence '{found}': expected \\\\, \\\" or \\x and two hex digits"
            ),
            ErrorKind::UnclosedParen => write!(f, "'(' is never closed: expected ')'"),
            ErrorKind::UnbalancedParen => write!(f, "')' without a matching '('"),
            ErrorKind::EmptyParens => write!(f, "empty parentheses: expected a condition"),
            ErrorKind::MixedAndOr => write!(
                f,
                "'{found}' mixes 'and' and 'or' at one level: add parentheses \
                 (libsinsp 0.29 refuses this as ambiguous)"
            ),
            ErrorKind::TooDeep => write!(f, "parentheses nested too deeply"),
            ErrorKind::UnknownOperator => write!(
                f,
                "unknown operator '{found}': expected one of =, ==, !=, <, <=, >, >=, contains, \
                 icontains, bcontains, startswith, bstartswith, endswith, glob, in, intersects, \
                 pmatch, exists"
            ),
            ErrorKind::UnknownField => write!(f, "unknown field '{found}'"),
            ErrorKind::UnsupportedField => write!(
                f,
                "field '{found}' is not supported (libsinsp has it; see docs/filters.md for the \
                 supported fields)"
            ),
            ErrorKind::BadFieldArgument { expected } => {
                write!(f, "bad field argument in '{found}': expected {expected}")
            }
            ErrorKind::OperatorNotForType { op, field_type } => {
                write!(f, "operator '{op}' does not apply to {field_type} fields")
            }
            ErrorKind::BadValue { expected } => {
                write!(f, "bad value '{found}': expected {expected}")
            }
        }
    }
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.describe(f)?;
        write!(f, " at position {}", self.span.start)?;
        // The expression on one line (line breaks and tabs shown as
        // spaces), and a caret under the position.
        let shown: String = self
            .expr
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let before = self
            .expr
            .get(..self.span.start.min(self.expr.len()))
            .map_or(0, |s| s.chars().count());
        write!(f, "\n  {shown}\n  {:before$}^", "")
    }
}
