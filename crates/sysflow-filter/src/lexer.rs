//! The lexer: the expression's tokens, read on the parser's demand because,
//! as in libsinsp 0.29's compiler, what a token is depends on where it
//! stands. A field name runs to a blank or one of `()!=<>`; an operator is
//! the longest operator the text starts with; a value is a bare word
//! (ending at a blank, a parenthesis, or in a list a comma) or a quoted
//! string, with the escapes libsinsp resolves (`\\`, `\"`, `\xHH`; any
//! other backslash stays as written) in both.
//!
//! Blanks are space, tab, CR and LF, as libsinsp's.

use crate::ast::{CmpOp, Literal, Span};
use crate::error::{ErrorKind, FilterError};

/// A position in the expression, and the reading functions.
pub(crate) struct Lexer<'a> {
    src: &'a str,
    b: &'a [u8],
    pub(crate) pos: usize,
}

/// The operators by their spelling, tried in order: a spelling that starts
/// another comes after it (`==` before `=`, `intersects` before `in`).
const OPERATORS: &[(&str, Option<CmpOp>)] = &[
    ("==", Some(CmpOp::Eq)),
    ("=", Some(CmpOp::Eq)),
    ("!=", Some(CmpOp::Ne)),
    ("<=", Some(CmpOp::Le)),
    ("<", Some(CmpOp::Lt)),
    (">=", Some(CmpOp::Ge)),
    (">", Some(CmpOp::Gt)),
    ("contains", Some(CmpOp::Contains)),
    ("icontains", Some(CmpOp::IContains)),
    ("bcontains", Some(CmpOp::BContains)),
    ("bstartswith", Some(CmpOp::BStartsWith)),
    ("startswith", Some(CmpOp::StartsWith)),
    ("endswith", Some(CmpOp::EndsWith)),
    ("glob", Some(CmpOp::Glob)),
    ("intersects", Some(CmpOp::Intersects)),
    ("in", Some(CmpOp::In)),
    ("pmatch", Some(CmpOp::PMatch)),
    // None: `exists`.
    ("exists", None),
];

pub(crate) fn is_blank(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// The characters that end a field name besides blanks.
fn ends_field(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'!' | b'=' | b'<' | b'>')
}

enum Escape {
    None,
    Slash,
    Hex(Option<u8>),
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            src,
            b: src.as_bytes(),
            pos: 0,
        }
    }

    pub(crate) fn error(&self, kind: ErrorKind, span: Span) -> FilterError {
        FilterError::new(kind, span, self.src)
    }

    /// A syntax error at the current position, showing the next word (or
    /// the next character if it is punctuation).
    pub(crate) fn expected(&self, expected: &'static str) -> FilterError {
        let start = self.pos;
        let mut end = start;
        while end < self.b.len() && !is_blank(self.b[end]) && !ends_field(self.b[end]) {
            end += 1;
        }
        if end == start && start < self.b.len() {
            end = self.next_char_end(start);
        }
        self.error(ErrorKind::Syntax { expected }, Span::new(start, end))
    }

    /// The end of the character starting at `at`.
    fn next_char_end(&self, at: usize) -> usize {
        let mut end = at + 1;
        while end < self.b.len() && !self.src.is_char_boundary(end) {
            end += 1;
        }
        end
    }

    pub(crate) fn skip_blanks(&mut self) {
        while self.pos < self.b.len() && is_blank(self.b[self.pos]) {
            self.pos += 1;
        }
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// Consumes `word` if the text starts with it here. Like libsinsp's,
    /// no word boundary is needed after it (`notproc.name=x`).
    pub(crate) fn eat(&mut self, word: &str) -> bool {
        if self.b[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    pub(crate) fn starts_with(&self, word: &str) -> bool {
        self.b[self.pos..].starts_with(word.as_bytes())
    }

    /// A field name: up to a blank or one of `()!=<>`.
    pub(crate) fn field_name(&mut self) -> Result<(String, Span), FilterError> {
        let start = self.pos;
        if matches!(self.peek(), Some(b'"' | b'\'')) {
            return Err(self.expected("a field name"));
        }
        while self.pos < self.b.len()
            && !is_blank(self.b[self.pos])
            && !ends_field(self.b[self.pos])
        {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.expected("a field name"));
        }
        Ok((
            self.src[start..self.pos].to_owned(),
            Span::new(start, self.pos),
        ))
    }

    /// An operator (`None` is `exists`), after optional blanks.
    pub(crate) fn operator(&mut self) -> Result<(Option<CmpOp>, Span), FilterError> {
        self.skip_blanks();
        let start = self.pos;
        for (spelling, op) in OPERATORS {
            if self.eat(spelling) {
                return Ok((*op, Span::new(start, self.pos)));
            }
        }
        if self.peek().is_none() {
            return Err(self.expected("an operator"));
        }
        let mut end = start;
        while end < self.b.len() && !is_blank(self.b[end]) {
            end += 1;
        }
        Err(self.error(ErrorKind::UnknownOperator, Span::new(start, end)))
    }

    /// A value, after optional blanks: quoted, or bare up to a blank, a
    /// parenthesis or (in a list) a comma; possibly empty, as libsinsp
    /// allows. A quoted value ends at the first unescaped quote of either
    /// kind, as libsinsp's does.
    pub(crate) fn value(&mut self, in_list: bool) -> Result<Literal, FilterError> {
        self.skip_blanks();
        let start = self.pos;
        let quoted = matches!(self.peek(), Some(b'"' | b'\''));
        if quoted {
            self.pos += 1;
        }
        let mut bytes = Vec::new();
        let mut escape = Escape::None;
        let mut escape_start = start;
        while let Some(c) = self.peek() {
            let end_of_word = if quoted {
                !matches!(escape, Escape::Slash) && (c == b'"' || c == b'\'')
            } else {
                is_blank(c) || c == b'(' || c == b')' || (in_list && c == b',')
            };
            if end_of_word {
                if !matches!(escape, Escape::None) {
                    return Err(self.error(ErrorKind::BadEscape, Span::new(escape_start, self.pos)));
                }
                if quoted {
                    self.pos += 1;
                }
                return Ok(Literal {
                    bytes,
                    quoted,
                    span: Span::new(start, self.pos),
                });
            }
            escape = match escape {
                Escape::None if c == b'\\' => {
                    escape_start = self.pos;
                    Escape::Slash
                }
                Escape::None => {
                    bytes.push(c);
                    Escape::None
                }
                Escape::Slash => match c {
                    b'\\' | b'"' => {
                        bytes.push(c);
                        Escape::None
                    }
                    b'x' => Escape::Hex(None),
                    _ => {
                        bytes.push(b'\\');
                        bytes.push(c);
                        Escape::None
                    }
                },
                Escape::Hex(high) => {
                    let Some(digit) = (c as char).to_digit(16) else {
                        let end = self.next_char_end(self.pos);
                        return Err(self.error(ErrorKind::BadEscape, Span::new(escape_start, end)));
                    };
                    // A hex digit is below 16.
                    let digit = digit as u8;
                    match high {
                        None => Escape::Hex(Some(digit)),
                        Some(high) => {
                            bytes.push(high * 16 + digit);
                            Escape::None
                        }
                    }
                }
            };
            self.pos += 1;
        }
        if quoted {
            return Err(self.error(ErrorKind::UnclosedQuote, Span::new(start, self.pos)));
        }
        // At the end of the expression an unfinished escape is dropped, as
        // libsinsp drops it.
        Ok(Literal {
            bytes,
            quoted,
            span: Span::new(start, self.pos),
        })
    }
}
