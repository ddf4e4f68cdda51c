//! The corpus of `tests/data/filters.txt`: its lines, what each expects of
//! sysdig 0.29.3 and of us, and the checks that keep it complete (every
//! field of `sysflow_filter::FIELDS` at least twice, every operator,
//! quoting, lists, negation, field arguments), which need no trace.

use std::collections::BTreeMap;

use sysflow_filter::{CmpOp, Expr, ExprKind, FIELDS, Operand};

/// How a corpus line is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `eq`: both read it alike; the events must be the same, and on some
    /// trace it selects some events but not all.
    Eq,
    /// `none`: as `eq`, but it selects nothing on any trace (a check that
    /// the field or operator does not match what it should not).
    None,
    /// `refused`: sysdig 0.29.3 refuses it, we accept it (docs/filters.md,
    /// "Differences from sysdig 0.29.3"); ours must select what sysdig
    /// selects with the line's equivalent.
    Refused,
    /// `misread`: sysdig 0.29.3 compiles it with another meaning and
    /// selects nothing (`proc.name==x` compares with `=x`); ours must
    /// select what sysdig selects with the equivalent.
    Misread,
    /// `differs`: sysdig 0.29.3 evaluates it otherwise, a difference
    /// `docs/deviations.md` names (`proc.apid[2] in (...)` ignores the
    /// index); ours must select what sysdig selects with the equivalent,
    /// and sysdig's own selection must differ from that on some trace.
    Differs,
    /// `error`: both refuse it; sysporter exits 1 with a caret under the
    /// position.
    Error,
}

/// One corpus line.
#[derive(Debug, Clone)]
pub struct Case {
    /// 1-based line number in filters.txt.
    pub line: usize,
    pub kind: Kind,
    /// The expression given to sysporter (and, for `eq` and `none`, to
    /// sysdig).
    pub expr: String,
    /// For `refused` and `misread`: what sysdig is given instead.
    pub equivalent: Option<String>,
}

impl Case {
    /// The expression whose events sysdig selects for comparison, if any.
    pub fn sysdig_expr(&self) -> Option<&str> {
        match self.kind {
            Kind::Eq | Kind::None => Some(&self.expr),
            Kind::Refused | Kind::Misread | Kind::Differs => self.equivalent.as_deref(),
            Kind::Error => None,
        }
    }
}

/// Reads the corpus: `KIND<TAB>EXPR[<TAB>EQUIVALENT]`, `#` comments and
/// blank lines skipped (an expression may hold tabs: the equivalent, for
/// the kinds that take one, follows the last). Panics on a malformed line (the file is ours).
pub fn parse(text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((kind, rest)) = line.split_once('\t') else {
            panic!("filters.txt:{}: no tab after the kind", i + 1)
        };
        let kind = match kind {
            "eq" => Kind::Eq,
            "none" => Kind::None,
            "refused" => Kind::Refused,
            "misread" => Kind::Misread,
            "differs" => Kind::Differs,
            "error" => Kind::Error,
            other => panic!("filters.txt:{}: unknown kind {other:?}", i + 1),
        };
        // The equivalent follows the last tab; elsewhere tabs are blanks
        // of the expression.
        let (expr, equivalent) = match kind {
            Kind::Refused | Kind::Misread | Kind::Differs => {
                let Some((expr, equivalent)) = rest.rsplit_once('\t') else {
                    panic!("filters.txt:{}: `{kind:?}` takes an equivalent", i + 1)
                };
                (expr.to_owned(), Some(equivalent.to_owned()))
            }
            _ => (rest.to_owned(), None),
        };
        cases.push(Case {
            line: i + 1,
            kind,
            expr,
            equivalent,
        });
    }
    cases
}

/// What the corpus exercises, counted.
#[derive(Debug, Default)]
pub struct Coverage {
    /// Expressions naming each field of the catalogue.
    pub fields: BTreeMap<&'static str, usize>,
    /// Expressions using each operator (`==` apart from `=`).
    pub operators: BTreeMap<&'static str, usize>,
    /// Expressions with each construct (`not`, lists, quotes, escapes,
    /// nested groups, field arguments).
    pub constructs: BTreeMap<&'static str, usize>,
}

/// Every construct the corpus must use at least this many times.
pub const CONSTRUCTS: [(&str, usize); 9] = [
    ("not", 10),
    ("list", 10),
    ("double-quoted", 5),
    ("single-quoted", 5),
    ("escape", 3),
    ("nested group", 10),
    ("indexed argument", 4),
    ("named argument", 4),
    ("and/or", 30),
];

/// Every operator the corpus must use at least once.
pub const OPERATORS: [&str; 18] = [
    "=",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "contains",
    "icontains",
    "bcontains",
    "startswith",
    "bstartswith",
    "endswith",
    "glob",
    "in",
    "intersects",
    "pmatch",
    "exists",
];

/// The catalogue field a name as written refers to (`proc.aname[2]` is
/// `proc.aname`, `evt.arg.fd` is `evt.arg`).
fn catalogue_name(written: &str) -> Option<&'static str> {
    FIELDS.iter().map(|f| f.name).find(|name| {
        written == *name
            || written.strip_prefix(name).is_some_and(|rest| {
                rest.starts_with('[') || (*name == "evt.arg" && rest.starts_with('.'))
            })
    })
}

/// What one expression uses.
#[derive(Default)]
struct Uses {
    fields: Vec<&'static str>,
    ops: Vec<&'static str>,
    constructs: Vec<&'static str>,
}

fn walk(expr: &Expr, text: &str, groups: usize, uses: &mut Uses) {
    match &expr.kind {
        ExprKind::And(v) | ExprKind::Or(v) => {
            uses.constructs.push("and/or");
            if groups > 0 {
                uses.constructs.push("nested group");
            }
            for e in v {
                walk(e, text, groups + 1, uses);
            }
        }
        ExprKind::Not(e) => {
            uses.constructs.push("not");
            walk(e, text, groups, uses);
        }
        ExprKind::Compare { field, op, value } => {
            field_uses(&field.name, uses);
            let literals = match value {
                Operand::Single(l) => std::slice::from_ref(l),
                Operand::List { items, .. } => {
                    uses.constructs.push("list");
                    items.as_slice()
                }
            };
            for l in literals {
                let written = text.get(l.span.start..l.span.end).unwrap_or_default();
                if l.quoted && written.starts_with('"') {
                    uses.constructs.push("double-quoted");
                }
                if l.quoted && written.starts_with('\'') {
                    uses.constructs.push("single-quoted");
                }
                if written.contains('\\') {
                    uses.constructs.push("escape");
                }
            }
            let written = text.get(field.span.end..).unwrap_or_default().trim_start();
            uses.ops
                .push(if *op == CmpOp::Eq && written.starts_with("==") {
                    "=="
                } else {
                    OPERATORS
                        .iter()
                        .copied()
                        .find(|o| *o == op.as_str())
                        .unwrap_or("?")
                });
        }
        ExprKind::Exists { field } => {
            field_uses(&field.name, uses);
            uses.ops.push("exists");
        }
    }
}

fn field_uses(written: &str, uses: &mut Uses) {
    let Some(name) = catalogue_name(written) else {
        return;
    };
    uses.fields.push(name);
    match written.as_bytes().get(name.len()) {
        Some(b'[') => uses.constructs.push("indexed argument"),
        Some(b'.') => uses.constructs.push("named argument"),
        _ => {}
    }
}

/// Checks each line's own verdict (`error` lines must not compile, the
/// others must) and counts what the corpus covers; returns the problems.
pub fn check(cases: &[Case]) -> (Coverage, Vec<String>) {
    let mut problems = Vec::new();
    let mut cov = Coverage::default();
    for f in FIELDS {
        cov.fields.insert(f.name, 0);
    }
    for o in OPERATORS {
        cov.operators.insert(o, 0);
    }
    for (c, _) in CONSTRUCTS {
        cov.constructs.insert(c, 0);
    }
    for case in cases {
        let compiled = sysflow_filter::compile(&case.expr);
        match (case.kind, &compiled) {
            (Kind::Error, Ok(_)) => problems.push(format!(
                "filters.txt:{}: `{}` is marked `error` but compiles",
                case.line, case.expr
            )),
            (Kind::Error, Err(_)) => continue,
            (_, Err(e)) => {
                problems.push(format!("filters.txt:{}: does not compile: {e}", case.line));
                continue;
            }
            _ => {}
        }
        let Ok(tree) = sysflow_filter::parse(&case.expr) else {
            continue;
        };
        let mut uses = Uses::default();
        walk(&tree, &case.expr, 0, &mut uses);
        for (list, counts) in [
            (&mut uses.fields, &mut cov.fields),
            (&mut uses.ops, &mut cov.operators),
            (&mut uses.constructs, &mut cov.constructs),
        ] {
            list.sort_unstable();
            list.dedup();
            for item in list.iter() {
                *counts.entry(item).or_default() += 1;
            }
        }
    }
    for (field, n) in &cov.fields {
        if *n < 2 {
            problems.push(format!(
                "the corpus names {field} in {n} expressions (at least 2)"
            ));
        }
    }
    for (op, n) in &cov.operators {
        if *n == 0 {
            problems.push(format!("the corpus never uses the operator {op}"));
        }
    }
    for (construct, min) in CONSTRUCTS {
        let n = cov.constructs.get(construct).copied().unwrap_or(0);
        if n < min {
            problems.push(format!(
                "the corpus has {n} expressions with {construct} (at least {min})"
            ));
        }
    }
    let compared = cases.iter().filter(|c| c.kind != Kind::Error).count();
    if compared < 170 {
        problems.push(format!(
            "the corpus has {compared} compared expressions (at least 170)"
        ));
    }
    (cov, problems)
}
