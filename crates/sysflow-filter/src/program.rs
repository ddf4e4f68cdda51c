//! What evaluation runs: the checked tree as flat programs, one for each
//! group of event types.
//!
//! Conditions on `evt.type` with `=`, `!=`, `in` and `intersects` are
//! decided by the event type alone, so they are decided at compile time:
//! for every event type (and for an event without one) the tree is
//! specialized with those conditions replaced by their results and
//! simplified, and the types whose results are all the same share one
//! program. At run time an event's type picks its program, which tests the
//! other conditions only: a filter whose every clause starts with an
//! `evt.type` condition, as Falco's rules do, costs one table read for the
//! events of other types.
//!
//! A program is a list of [`Op`]s run front to back with one boolean,
//! the last result; `and` and `or` are jumps past the rest of their
//! operands once the result is known, so that evaluation is a loop, with
//! no recursion, that stops where the tree's short-circuit would.
//! Every check is free of side effects, so dropping the decided ones
//! changes no result.

use crate::abi_names::EVENT_TYPE_NAMES;
use crate::compile::{Check, Node, Test};
use crate::event_types::{EventTypeCode, TypeSet};

/// One step of a program.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// The result is `check`'s, negated if `negate`. (The check is kept
    /// in the step: evaluation reads the program front to back.)
    Test { check: Check, negate: bool },
    /// The result is negated.
    Not,
    /// When the result is false, go on at step `to` (`and`).
    JumpIfFalse(u32),
    /// When the result is true, go on at step `to` (`or`).
    JumpIfTrue(u32),
    /// The result is this (a decided tree, or an empty `and` or `or`).
    Const(bool),
}

/// A filter's programs and which one each event type runs.
#[derive(Debug, Clone)]
pub(crate) struct Programs {
    /// For each event type code, then for a name not in the ABI
    /// ([`EventTypeCode::UNKNOWN`]), then for an event without a type: its
    /// program's place in `programs`. Empty when the tree has no decidable
    /// `evt.type` condition: then `programs` has the one program.
    by_type: Box<[u16]>,
    programs: Box<[Box<[Op]>]>,
}

/// The slot of [`EventTypeCode::UNKNOWN`] in `by_type`.
const UNKNOWN_SLOT: usize = EVENT_TYPE_NAMES.len();
/// The slot of an event without a type.
const ABSENT_SLOT: usize = EVENT_TYPE_NAMES.len() + 1;

impl Programs {
    pub(crate) fn new(root: &Node) -> Programs {
        let mut sets = Vec::new();
        type_sets(root, &mut sets);
        if sets.is_empty() {
            return Programs {
                by_type: Box::default(),
                programs: Box::new([program(root)]),
            };
        }
        // A type's results for the decidable conditions, in tree order,
        // name its program.
        let mut seen: Vec<Vec<bool>> = Vec::new();
        let mut programs = Vec::new();
        let by_type = (0..=ABSENT_SLOT)
            .map(|slot| {
                let code = slot_code(slot);
                let results: Vec<bool> = sets
                    .iter()
                    .map(|(set, negated)| code.is_some_and(|c| set.contains(c) != *negated))
                    .collect();
                let found = seen.iter().position(|r| *r == results);
                let at = found.unwrap_or_else(|| {
                    let mut decided = results.iter().copied();
                    programs.push(program(&simplify(specialize(root, &mut decided))));
                    seen.push(results);
                    seen.len() - 1
                });
                // At most one program per slot, and slots are few.
                u16::try_from(at).unwrap_or(u16::MAX)
            })
            .collect();
        Programs {
            by_type,
            programs: programs.into_boxed_slice(),
        }
    }

    /// Whether the program depends on the event type (then
    /// [`Programs::for_type`] needs it).
    #[inline]
    pub(crate) fn by_type(&self) -> bool {
        !self.by_type.is_empty()
    }

    /// The program of an event of type `code` (`None`: the event has no
    /// type), or the only one.
    #[inline]
    pub(crate) fn for_type(&self, code: Option<EventTypeCode>) -> &[Op] {
        let at = if self.by_type.is_empty() {
            0
        } else {
            let slot = match code {
                None => ABSENT_SLOT,
                Some(c) if c == EventTypeCode::UNKNOWN => UNKNOWN_SLOT,
                Some(c) => usize::from(c.index()).min(UNKNOWN_SLOT),
            };
            self.by_type.get(slot).map_or(0, |&p| usize::from(p))
        };
        self.programs.get(at).map_or(&[], |p| p)
    }
}

/// The code of slot `slot` (`None`: no type).
fn slot_code(slot: usize) -> Option<EventTypeCode> {
    match slot {
        UNKNOWN_SLOT => Some(EventTypeCode::UNKNOWN),
        ABSENT_SLOT => None,
        // Slots below UNKNOWN_SLOT are codes, which fit a u16.
        i => Some(EventTypeCode::from_index(
            u16::try_from(i).unwrap_or(u16::MAX),
        )),
    }
}

/// The decidable `evt.type` conditions of `node`, in tree order.
fn type_sets<'a>(node: &'a Node, out: &mut Vec<(&'a TypeSet, bool)>) {
    match node {
        Node::And(items) | Node::Or(items) => items.iter().for_each(|n| type_sets(n, out)),
        Node::Not(inner) => type_sets(inner, out),
        Node::Check(Check {
            test: Test::TypeSet { set, negated },
            ..
        }) => out.push((set, *negated)),
        Node::Check(_) | Node::Const(_) => {}
    }
}

/// `node` with each decidable `evt.type` condition replaced by the next of
/// `decided`, in the order of [`type_sets`].
fn specialize(node: &Node, decided: &mut impl Iterator<Item = bool>) -> Node {
    match node {
        Node::And(items) => Node::And(items.iter().map(|n| specialize(n, decided)).collect()),
        Node::Or(items) => Node::Or(items.iter().map(|n| specialize(n, decided)).collect()),
        Node::Not(inner) => Node::Not(Box::new(specialize(inner, decided))),
        Node::Check(Check {
            test: Test::TypeSet { .. },
            ..
        }) => Node::Const(decided.next().unwrap_or(false)),
        other => other.clone(),
    }
}

/// `node` with its constants folded: `and`/`or` lose their decided
/// operands, or become decided themselves.
fn simplify(node: Node) -> Node {
    match node {
        Node::And(items) => fold(items, true),
        Node::Or(items) => fold(items, false),
        Node::Not(inner) => match simplify(*inner) {
            Node::Const(b) => Node::Const(!b),
            other => Node::Not(Box::new(other)),
        },
        other => other,
    }
}

/// An `and` (`and` true) or an `or` of `items`, folded.
fn fold(items: Box<[Node]>, and: bool) -> Node {
    let mut kept = Vec::with_capacity(items.len());
    for item in items.into_vec() {
        match simplify(item) {
            // The neutral value: drop it.
            Node::Const(b) if b == and => {}
            // The absorbing value: the whole is decided.
            Node::Const(b) => return Node::Const(b),
            other => kept.push(other),
        }
    }
    match kept.len() {
        0 => Node::Const(and),
        1 => kept.pop().unwrap_or(Node::Const(and)),
        _ if and => Node::And(kept.into_boxed_slice()),
        _ => Node::Or(kept.into_boxed_slice()),
    }
}

/// The steps of `node`.
fn program(node: &Node) -> Box<[Op]> {
    let mut out = Vec::new();
    emit(node, &mut out);
    out.into_boxed_slice()
}

/// Appends `node`'s steps to `program`.
fn emit(node: &Node, program: &mut Vec<Op>) {
    match node {
        Node::Const(b) => program.push(Op::Const(*b)),
        Node::Check(check) => program.push(Op::Test {
            check: check.clone(),
            negate: false,
        }),
        Node::Not(inner) => match &**inner {
            Node::Check(check) => program.push(Op::Test {
                check: check.clone(),
                negate: true,
            }),
            other => {
                emit(other, program);
                program.push(Op::Not);
            }
        },
        Node::And(items) | Node::Or(items) => {
            let and = matches!(node, Node::And(_));
            if items.is_empty() {
                program.push(Op::Const(and));
                return;
            }
            let mut jumps = Vec::new();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    jumps.push(program.len());
                    program.push(Op::Const(false));
                }
                emit(item, program);
            }
            let end = u32::try_from(program.len()).unwrap_or(u32::MAX);
            for j in jumps {
                program[j] = if and {
                    Op::JumpIfFalse(end)
                } else {
                    Op::JumpIfTrue(end)
                };
            }
        }
    }
}
