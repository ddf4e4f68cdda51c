//! The parser: libsinsp 0.29's condition grammar into an [`Expr`].
//!
//! ```text
//! expr    := group
//! group   := operand (("and" | "or") operand)*     -- one of the two per group
//! operand := "not"* (check | "(" group ")")
//! check   := FIELD "exists"
//!          | FIELD ("in" | "intersects" | "pmatch") "(" VALUE ("," VALUE)* ")"
//!          | FIELD OP VALUE
//! ```
//!
//! As in libsinsp 0.29 (whose compiler is a scanner, not this grammar, but
//! accepts the same language on every expression of our tests):
//! - `and` and `or` never mix at one level without parentheses (there is no
//!   precedence between them); `not` applies to the operand after it, and
//!   repeating it does not cancel it (`not not a` is `not a`);
//! - keywords and operators need no blank after them (`a=1 orb=2`,
//!   `x containsfoo`);
//! - values may be empty (`proc.name=`, `in ()`, `in (a,)`).
//!
//! Where 0.29's scanner accepts text no grammar would, we refuse it
//! (docs/filters.md lists these): `not` right after an operand (0.29 then
//! ignores or re-joins the next condition), a quote before a field name,
//! spaces inside keywords (`a n d`), empty parentheses, unbalanced `)`.

use crate::ast::{Expr, ExprKind, FieldRef, Operand, Span};
use crate::error::{ErrorKind, FilterError};
use crate::lexer::Lexer;

/// How deep parentheses may nest (the parser and the evaluator recurse).
pub const MAX_DEPTH: usize = 100;

/// Parses an expression into its syntax tree, without looking up fields or
/// values (that is [`compile`](crate::compile)'s job).
pub fn parse(expr: &str) -> Result<Expr, FilterError> {
    let mut lexer = Lexer::new(expr);
    lexer.skip_blanks();
    if lexer.peek().is_none() {
        return Err(lexer.error(ErrorKind::Empty, Span::new(0, expr.len())));
    }
    let tree = group(&mut lexer, 0)?;
    if lexer.peek() == Some(b')') {
        let at = lexer.pos;
        return Err(lexer.error(ErrorKind::UnbalancedParen, Span::new(at, at + 1)));
    }
    Ok(tree)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Joiner {
    And,
    Or,
}

/// Operands joined by one of `and`/`or`, up to `)` or the end.
fn group(lexer: &mut Lexer<'_>, depth: usize) -> Result<Expr, FilterError> {
    lexer.skip_blanks();
    let start = lexer.pos;
    let mut items = Vec::new();
    let mut joiner: Option<Joiner> = None;
    loop {
        items.push(operand(lexer, depth)?);
        lexer.skip_blanks();
        let at = lexer.pos;
        let next = match lexer.peek() {
            None | Some(b')') => break,
            _ if lexer.eat("and") => Joiner::And,
            _ if lexer.eat("or") => Joiner::Or,
            _ if lexer.starts_with("not") => {
                return Err(lexer.expected("'and' or 'or' before 'not'"));
            }
            _ if depth == 0 => return Err(lexer.expected("'and', 'or' or the end")),
            _ => return Err(lexer.expected("'and', 'or' or ')'")),
        };
        if joiner.is_some_and(|j| j != next) {
            return Err(lexer.error(ErrorKind::MixedAndOr, Span::new(at, lexer.pos)));
        }
        joiner = Some(next);
    }
    let span = Span::new(start, items.last().map_or(start, |e| e.span.end));
    Ok(match (joiner, items.len()) {
        (_, 1) | (None, _) => items.swap_remove(0),
        (Some(Joiner::And), _) => Expr {
            kind: ExprKind::And(items),
            span,
        },
        (Some(Joiner::Or), _) => Expr {
            kind: ExprKind::Or(items),
            span,
        },
    })
}

/// `not`s, then a check or a parenthesised group.
fn operand(lexer: &mut Lexer<'_>, depth: usize) -> Result<Expr, FilterError> {
    lexer.skip_blanks();
    let start = lexer.pos;
    let mut negated = false;
    while lexer.eat("not") {
        negated = true;
        lexer.skip_blanks();
    }
    let inner = match lexer.peek() {
        Some(b'(') => {
            let open = lexer.pos;
            lexer.pos += 1;
            lexer.skip_blanks();
            if lexer.peek() == Some(b')') {
                return Err(lexer.error(ErrorKind::EmptyParens, Span::new(open, lexer.pos + 1)));
            }
            if depth + 1 >= MAX_DEPTH {
                return Err(lexer.error(ErrorKind::TooDeep, Span::new(open, open + 1)));
            }
            let mut inner = group(lexer, depth + 1)?;
            lexer.skip_blanks();
            if lexer.peek() != Some(b')') {
                return Err(lexer.error(ErrorKind::UnclosedParen, Span::new(open, open + 1)));
            }
            lexer.pos += 1;
            // The node spans its parentheses.
            inner.span = Span::new(open, lexer.pos);
            inner
        }
        None | Some(b')') => return Err(lexer.expected("a field name, 'not' or '('")),
        _ => check(lexer)?,
    };
    Ok(if negated {
        let span = Span::new(start, inner.span.end);
        Expr {
            kind: ExprKind::Not(Box::new(inner)),
            span,
        }
    } else {
        inner
    })
}

/// `field op value`, `field op (values)` or `field exists`.
fn check(lexer: &mut Lexer<'_>) -> Result<Expr, FilterError> {
    let at = lexer.pos;
    let (name, field_span) = lexer.field_name()?;
    if name == "and" || name == "or" {
        lexer.pos = at;
        return Err(lexer.expected("a field name, 'not' or '('"));
    }
    let field = FieldRef {
        name,
        span: field_span,
    };
    let (op, op_span) = lexer.operator()?;
    let Some(op) = op else {
        return Ok(Expr {
            kind: ExprKind::Exists { field },
            span: Span::new(field_span.start, op_span.end),
        });
    };
    let value = if op.takes_list() {
        lexer.skip_blanks();
        let open = lexer.pos;
        if lexer.peek() != Some(b'(') {
            return Err(lexer.expected(match op {
                crate::CmpOp::PMatch => "'(' after 'pmatch'",
                crate::CmpOp::Intersects => "'(' after 'intersects'",
                _ => "'(' after 'in'",
            }));
        }
        lexer.pos += 1;
        let mut items = Vec::new();
        loop {
            items.push(lexer.value(true)?);
            lexer.skip_blanks();
            match lexer.peek() {
                Some(b')') => {
                    lexer.pos += 1;
                    break;
                }
                Some(b',') => lexer.pos += 1,
                _ => return Err(lexer.expected("',' or ')' after a value of the list")),
            }
        }
        Operand::List {
            items,
            span: Span::new(open, lexer.pos),
        }
    } else {
        Operand::Single(lexer.value(false)?)
    };
    let end = match &value {
        Operand::Single(lit) => lit.span.end.max(op_span.end),
        Operand::List { span, .. } => span.end,
    };
    Ok(Expr {
        kind: ExprKind::Compare { field, op, value },
        span: Span::new(field_span.start, end),
    })
}
