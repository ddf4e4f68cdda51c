//! Evaluation: the [`Fields`] seam an event's evaluator implements, the
//! [`Value`]s it returns, and [`Filter::matches`], with libsinsp 0.29.3's
//! semantics for every operator. Nothing here allocates.
//!
//! - A field that cannot be extracted for the event ([`Value::Absent`])
//!   fails every comparison, `!=` and `exists` included; `not` of such a
//!   comparison holds (checked with sysdig: on a file trace,
//!   `fd.name != /nonexistent` passes only the events with an fd, and
//!   `not fd.name = /nonexistent` passes all of them).
//! - Strings compare as C strings: bytes, cut at a NUL, case-sensitive;
//!   `<`/`>` as `strcmp`; `icontains` ignores ASCII case only.

use std::net::IpAddr;

use crate::ast::CmpOp;
use crate::compile::{Check, Const, Filter, Test};
use crate::event_types::{EventTypeCode, event_type_code};
use crate::fields::{FieldArg, FieldId, Multiplicity};
use crate::matching::{contains, fnmatch, icontains, path_prefix};
use crate::program::Op;

/// A field's value for the event being filtered, borrowed from the
/// evaluator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    /// The field has no value for this event (no fd, no thread, no such
    /// parameter, no such ancestor): every test on it fails.
    Absent,
    /// A string field's bytes (compared up to a NUL, if any).
    Str(&'a [u8]),
    /// An unsigned number (`u64`, `u32`, `port` fields).
    U64(u64),
    /// A signed number (`i64`, `i32` fields).
    I64(i64),
    /// A boolean field.
    Bool(bool),
    /// An address (`ipaddr` and `ipnet` fields).
    Ip(IpAddr),
}

/// What a [`Filter`] needs from an event: its fields' values.
///
/// Implementations return each field as its catalogue type says
/// ([`FieldId::field_type`]): strings as [`Value::Str`], `u64`/`u32`/`port`
/// as [`Value::U64`], `i64`/`i32` as [`Value::I64`], `bool` as
/// [`Value::Bool`], `ipaddr`/`ipnet` as [`Value::Ip`]; and
/// [`Value::Absent`] where libsinsp's extraction returns nothing. A value
/// of another variant fails the test, like an absent one (numbers of the
/// other signedness are compared by their bits, as libsinsp reads them).
///
/// The filter calls [`get`](Fields::get) for single-valued fields and
/// [`any`](Fields::any) for [`Multiplicity::Ancestors`] and
/// [`Multiplicity::Either`] ones, at most once per check, only for the
/// checks evaluation reaches (`and`/`or` short-circuit).
pub trait Fields {
    /// The value of `field` with argument `arg` for the current event.
    fn get(&mut self, field: FieldId, arg: &FieldArg) -> Value<'_>;

    /// The event's `evt.type` as a code: [`event_type_code`] of the name
    /// [`get`](Fields::get) gives for [`FieldId::EvtType`], `None` where
    /// that is absent. Conditions on event types with `=`, `!=`, `in` and
    /// `intersects` read this instead of the name. The default looks the
    /// name up; implement it where a table by event id is cheaper.
    fn event_type(&mut self) -> Option<EventTypeCode> {
        match self.get(FieldId::EvtType, &FieldArg::None) {
            Value::Str(name) => Some(
                std::str::from_utf8(c_str(name)).map_or(EventTypeCode::UNKNOWN, event_type_code),
            ),
            _ => None,
        }
    }

    /// Calls `visit` with each value of a field that has several: for
    /// `proc.aname`/`proc.apid` without an index, each ancestor's from the
    /// parent up (not the process itself); for `fd.ip`/`fd.port`/`fd.net`,
    /// the client's then the server's (a listening socket's one address).
    /// Stops at the first value `visit` returns true for; returns whether
    /// one did. The default visits the one value [`get`](Fields::get) gives.
    fn any(
        &mut self,
        field: FieldId,
        arg: &FieldArg,
        visit: &mut dyn FnMut(Value<'_>) -> bool,
    ) -> bool {
        let value = self.get(field, arg);
        visit(value)
    }
}

impl<F: Fields + ?Sized> Fields for &mut F {
    fn get(&mut self, field: FieldId, arg: &FieldArg) -> Value<'_> {
        (**self).get(field, arg)
    }

    fn event_type(&mut self) -> Option<EventTypeCode> {
        (**self).event_type()
    }

    fn any(
        &mut self,
        field: FieldId,
        arg: &FieldArg,
        visit: &mut dyn FnMut(Value<'_>) -> bool,
    ) -> bool {
        (**self).any(field, arg, visit)
    }
}

impl Filter {
    /// Whether the event `fields` describes passes the filter.
    pub fn matches<F: Fields + ?Sized>(&self, fields: &mut F) -> bool {
        let code = if self.programs.by_type() {
            fields.event_type()
        } else {
            None
        };
        self.matches_type(code, fields)
    }

    /// Whether the condition depends on the event type (`evt.type` with
    /// `=`, `!=`, `in` or `intersects`): then [`Filter::decided`] and
    /// [`Filter::matches_type`] want the event's
    /// [`Fields::event_type`]; otherwise any value will do.
    #[inline]
    pub fn depends_on_type(&self) -> bool {
        self.programs.by_type()
    }

    /// The verdict on every event whose [`Fields::event_type`] is `code`,
    /// if its type alone decides it (`evt.type = open and ...` for a
    /// read): a caller can skip making the event's fields.
    #[inline]
    pub fn decided(&self, code: Option<EventTypeCode>) -> Option<bool> {
        match self.programs.for_type(code) {
            [Op::Const(value)] => Some(*value),
            _ => None,
        }
    }

    /// [`Filter::matches`] for an event whose [`Fields::event_type`] the
    /// caller already has.
    pub fn matches_type<F: Fields + ?Sized>(
        &self,
        code: Option<EventTypeCode>,
        fields: &mut F,
    ) -> bool {
        let program = self.programs.for_type(code);
        let mut result = true;
        let mut pc = 0;
        while let Some(op) = program.get(pc) {
            pc += 1;
            match op {
                Op::Test { check, negate } => result = eval_check(check, fields) != *negate,
                Op::Not => result = !result,
                Op::JumpIfFalse(to) if !result => pc = *to as usize,
                Op::JumpIfTrue(to) if result => pc = *to as usize,
                Op::JumpIfFalse(_) | Op::JumpIfTrue(_) => {}
                Op::Const(value) => result = *value,
            }
        }
        result
    }
}

#[inline]
fn eval_check<F: Fields + ?Sized>(check: &Check, fields: &mut F) -> bool {
    // (`Test::TypeSet` is decided before evaluation, see `program`; should
    // one reach here, `test` compares the event type's name.)
    match check.multiplicity {
        Multiplicity::Single => {
            let value = fields.get(check.field, &check.arg);
            // The commonest tests of rules, without a call.
            match (&check.test, value) {
                (Test::StartsWith(c), Value::Str(s)) => starts_with(s, c.as_slice()),
                (Test::StrEq { value: c, negated }, Value::Str(s)) => {
                    str_eq(s, c.as_slice()) != *negated
                }
                (Test::StrIn(set), Value::Str(s)) => set.contains(c_str(s)),
                (other, v) => test(other, v),
            }
        }
        Multiplicity::Ancestors => {
            fields.any(check.field, &check.arg, &mut |v| test(&check.test, v))
        }
        Multiplicity::Either => match &check.test {
            // Different from every value, and there is one.
            Test::Cmp(CmpOp::Ne, constant) => {
                let mut present = false;
                let equal = fields.any(check.field, &check.arg, &mut |v| {
                    if v == Value::Absent {
                        return false;
                    }
                    present = true;
                    compare(CmpOp::Eq, v, constant)
                });
                present && !equal
            }
            other => fields.any(check.field, &check.arg, &mut |v| test(other, v)),
        },
    }
}

#[inline]
fn test(test: &Test, value: Value<'_>) -> bool {
    if value == Value::Absent {
        return false;
    }
    match test {
        Test::StartsWith(c) => match value {
            Value::Str(s) => starts_with(s, c.as_slice()),
            _ => false,
        },
        Test::StrEq { value: c, negated } => match value {
            Value::Str(s) => str_eq(s, c.as_slice()) != *negated,
            _ => false,
        },
        Test::Exists => true,
        Test::Cmp(op, constant) => compare(*op, value, constant),
        Test::StrIn(set) => match value {
            Value::Str(s) => set.contains(c_str(s)),
            _ => false,
        },
        Test::AnyOf(constants) => constants.iter().any(|c| compare(CmpOp::Eq, value, c)),
        Test::PMatch(paths) => match value {
            Value::Str(s) => paths.iter().any(|p| path_prefix(p, c_str(s))),
            _ => false,
        },
        Test::TypeSet { set, negated } => match value {
            Value::Str(s) => {
                let code =
                    std::str::from_utf8(c_str(s)).map_or(EventTypeCode::UNKNOWN, event_type_code);
                set.contains(code) != *negated
            }
            _ => false,
        },
    }
}

/// `s.starts_with(prefix)`, refusing on the prefix's last byte before
/// comparing the rest: paths share their first bytes far more often than
/// their `n`th.
#[inline]
fn starts_with(s: &[u8], prefix: &[u8]) -> bool {
    match (prefix.last(), s.get(prefix.len().wrapping_sub(1))) {
        (None, _) => true,
        (Some(a), Some(b)) => a == b && s.starts_with(prefix),
        (Some(_), None) => false,
    }
}

/// Whether C string `raw` (up to its first NUL) is `c`, which has no NUL.
#[inline]
fn str_eq(raw: &[u8], c: &[u8]) -> bool {
    starts_with(raw, c) && raw.get(c.len()).is_none_or(|&b| b == 0)
}

/// A string as C sees it: up to its first NUL.
#[inline]
fn c_str(s: &[u8]) -> &[u8] {
    s.iter().position(|&b| b == 0).map_or(s, |end| &s[..end])
}

#[inline]
fn compare(op: CmpOp, value: Value<'_>, constant: &Const) -> bool {
    match (value, constant) {
        (Value::Str(s), Const::Str(c)) => compare_str(op, s, c.as_slice()),
        (Value::U64(v), Const::U64(c)) => compare_ord(op, v, *c),
        (Value::I64(v), Const::I64(c)) => compare_ord(op, v, *c),
        // Same bits, other signedness: libsinsp reads raw bytes.
        (Value::U64(v), Const::I64(c)) => compare_ord(op, v, *c as u64),
        (Value::I64(v), Const::U64(c)) => compare_ord(op, v, *c as i64),
        (Value::Bool(v), Const::Bool(c)) => compare_eq(op, v == *c),
        (Value::Ip(v), Const::Ip(c)) => compare_eq(op, v == *c),
        (Value::Ip(v), Const::Net(net)) => compare_eq(op, net.contains(v)),
        _ => false,
    }
}

fn compare_eq(op: CmpOp, equal: bool) -> bool {
    match op {
        CmpOp::Eq | CmpOp::In | CmpOp::Intersects => equal,
        CmpOp::Ne => !equal,
        // The compiler allows only the above on these types.
        _ => false,
    }
}

fn compare_ord<T: Ord>(op: CmpOp, v: T, c: T) -> bool {
    match op {
        CmpOp::Eq | CmpOp::In | CmpOp::Intersects => v == c,
        CmpOp::Ne => v != c,
        CmpOp::Lt => v < c,
        CmpOp::Le => v <= c,
        CmpOp::Gt => v > c,
        CmpOp::Ge => v >= c,
        // The compiler refuses string operators on numbers.
        _ => false,
    }
}

#[inline]
fn compare_str(op: CmpOp, raw: &[u8], c: &[u8]) -> bool {
    // bcontains/bstartswith look at the raw bytes; the rest at C strings.
    match op {
        CmpOp::BContains => return contains(raw, c),
        CmpOp::BStartsWith => return raw.starts_with(c),
        _ => {}
    }
    // A constant has no NUL, so these need not find the raw value's end.
    match op {
        CmpOp::StartsWith => return starts_with(raw, c),
        CmpOp::Eq | CmpOp::In | CmpOp::Intersects => return str_eq(raw, c),
        CmpOp::Ne => return !str_eq(raw, c),
        _ => {}
    }
    let s = c_str(raw);
    match op {
        CmpOp::Contains => contains(s, c),
        CmpOp::IContains => icontains(s, c),
        CmpOp::StartsWith => s.starts_with(c),
        CmpOp::EndsWith => s.ends_with(c),
        CmpOp::Glob => fnmatch(c, s),
        // Compiled into Test::PMatch.
        CmpOp::PMatch | CmpOp::BContains | CmpOp::BStartsWith => false,
        // Equality and order, as strcmp orders C strings.
        _ => compare_ord(op, s, c),
    }
}
