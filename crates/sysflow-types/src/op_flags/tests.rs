//! Unit tests of the flag renderings, checked against the official reader.

use super::*;

#[test]
fn columns_match_the_official_reader() {
    // Values from the golden outputs, rendered by sysflow-tools 0.6.1 (`getOpFlagsStr`).
    assert_eq!(OpFlags(1168).to_string(), "O    N  C  ");
    assert_eq!(OpFlags(9344).to_string(), "O     M C  ");
    assert_eq!(OpFlags(1088).to_string(), "  C     C  ");
    assert_eq!(OpFlags(2).to_string(), "EXEC");
    assert_eq!(OpFlags(262144).to_string(), "UNLINK");
}

#[test]
fn open_flags_render_access_mode_first() {
    assert_eq!(OpenFlags(4097).to_string(), "RDONLY|CLOEXEC");
    assert_eq!(OpenFlags(263).to_string(), "RDWR|CREAT|TRUNC");
    assert_eq!(OpenFlags(0).to_string(), "NONE");
}
