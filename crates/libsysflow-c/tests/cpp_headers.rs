//! The C++ headers under `include/` compile, strictly, with g++ (and with
//! clang++ when it is installed) and do what the reference's do:
//! `tests/cpp/headers.cpp` exercises them and runs; `tests/cpp/consumer.cpp`,
//! a consumer in the shape of the reference collector's example, compiles
//! against them; each header compiles on its own; and
//! `sysflowexception.h`'s error codes are libsysflow's. `examples.rs` links
//! and runs the examples.
//!
//! Without g++ the compiling tests skip (and fail under CI, which installs
//! it). That the generated headers are current is checked by
//! `cargo xtask headers --check` and xtask's tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use libsysflow::ErrorCode;

/// What every compilation gets.
const FLAGS: [&str; 5] = ["-std=c++17", "-Wall", "-Wextra", "-Werror", "-pedantic"];

/// The headers a consumer includes directly (the generated ones and the
/// hand-written ones).
const HEADERS: [&str; 7] = [
    "sysflowlibs.hpp",
    "libsysflow.h",
    "sysflow.h",
    "sfconfig.h",
    "sysflowexception.h",
    "sysflow/sysflow.hh",
    "sysflow/enums.hh",
];

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn include_dir() -> PathBuf {
    crate_dir().join("include")
}

fn cpp_dir() -> PathBuf {
    crate_dir().join("tests/cpp")
}

/// Whether `program --version` runs.
fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The C++ compilers to build with: g++, and clang++ too when installed.
/// Empty after a skip when g++ is missing.
fn compilers() -> Vec<&'static str> {
    if !installed("g++") {
        assert!(
            !sysflow_test_support::under_ci(),
            "g++ is not installed, and CI must have it"
        );
        sysflow_test_support::skip("g++ is not installed (apt-get install g++)");
        return Vec::new();
    }
    if installed("clang++") {
        vec!["g++", "clang++"]
    } else {
        eprintln!("clang++ is not installed: building with g++ only");
        vec!["g++"]
    }
}

/// Runs `cmd`, failing the test with its output unless it succeeds.
fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn headers_program_passes() {
    let dir = tempfile::tempdir().unwrap();
    for cxx in compilers() {
        let exe = dir.path().join(format!("headers-{cxx}"));
        run(Command::new(cxx)
            .args(FLAGS)
            .arg("-I")
            .arg(include_dir())
            .arg(cpp_dir().join("headers.cpp"))
            .arg("-o")
            .arg(&exe));
        let out = run(&mut Command::new(&exe));
        eprint!("{cxx}: {}", String::from_utf8_lossy(&out.stdout));
    }
}

#[test]
fn reference_shaped_consumer_compiles() {
    for cxx in compilers() {
        run(Command::new(cxx)
            .args(FLAGS)
            .arg("-fsyntax-only")
            .arg("-I")
            .arg(include_dir())
            .arg(cpp_dir().join("consumer.cpp")));
    }
}

#[test]
fn each_header_stands_alone() {
    for cxx in compilers() {
        for header in HEADERS {
            // Twice: the include guards hold.
            let source = format!("#include \"{header}\"\n#include \"{header}\"\n");
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("alone.cpp");
            std::fs::write(&file, source).unwrap();
            run(Command::new(cxx)
                .args(FLAGS)
                .arg("-fsyntax-only")
                .arg("-I")
                .arg(include_dir())
                .arg(&file));
        }
    }
    // enums.hh says it is C too.
    if installed("gcc") {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("enums.c");
        std::fs::write(&file, "#include \"sysflow/enums.hh\"\n").unwrap();
        run(Command::new("gcc")
            .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"])
            .arg("-fsyntax-only")
            .arg("-I")
            .arg(include_dir())
            .arg(&file));
    }
}

/// `sysflowexception.h`'s `enum SysFlowError` entries, `Name = value`, in
/// order, or what in `text` is not as expected.
fn header_error_codes(text: &str) -> Result<Vec<(String, i32)>, String> {
    let start = text
        .find("enum SysFlowError {")
        .ok_or("no `enum SysFlowError {`")?;
    let body = &text[start..];
    let body = &body[..body.find("};").ok_or("enum SysFlowError has no `};`")?];
    body.lines()
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .map(|l| {
            let entry = l.trim_end_matches(',').split_once(" = ");
            match entry.map(|(name, value)| (name, value.parse())) {
                Some((name, Ok(value))) => Ok((name.to_owned(), value)),
                _ => Err(format!("`{l}` is not `Name = value`")),
            }
        })
        .collect()
}

#[test]
fn error_codes_are_libsysflows() {
    let text = std::fs::read_to_string(include_dir().join("sysflowexception.h")).unwrap();
    let ours: Vec<(String, i32)> = ErrorCode::ALL
        .iter()
        .map(|c| (c.name().to_owned(), c.value()))
        .collect();
    assert_eq!(header_error_codes(&text).unwrap(), ours);
}

/// `enums.hh`'s `PPM_O_*` names are Falco's, value for value, and Falco's
/// driver header can be included before or after it without a warning
/// (identical redefinitions). Needs Debian's libfalcosecurity0-dev, which
/// CI installs.
#[test]
fn falco_open_flag_names_coexist_with_falcos_header() {
    let falco = Path::new("/usr/include/falcosecurity-libs");
    if !falco.join("driver/ppm_events_public.h").is_file() {
        assert!(
            !sysflow_test_support::under_ci(),
            "Falco's driver header is missing, and CI must have it"
        );
        sysflow_test_support::skip(
            "Falco's driver header is not installed (libfalcosecurity0-dev)",
        );
        return;
    }
    if !installed("gcc") {
        sysflow_test_support::skip("gcc is not installed");
        return;
    }
    let ours = "#include \"sysflow/enums.hh\"\n";
    let theirs = "#include <driver/ppm_events_public.h>\n";
    let checks = "\
_Static_assert(PPM_O_NONE == SF_O_NONE, \"none\");
_Static_assert(PPM_O_RDWR == SF_O_RDWR, \"rdwr\");
_Static_assert(PPM_O_APPEND == SF_O_APPEND, \"append\");
_Static_assert(PPM_O_TMPFILE == SF_O_TMPFILE, \"tmpfile\");
_Static_assert(PPM_O_F_CREATED == SF_O_F_CREATED, \"created\");
int main(void) { return 0; }
";
    let dir = tempfile::tempdir().unwrap();
    for (name, first, second) in [
        ("ours-first.c", ours, theirs),
        ("theirs-first.c", theirs, ours),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, format!("{first}{second}{checks}")).unwrap();
        run(Command::new("gcc")
            .args([
                "-std=c11",
                "-Wall",
                "-Wextra",
                "-Werror",
                "-fsyntax-only",
                "-I",
            ])
            .arg(include_dir())
            .arg("-I")
            .arg(falco)
            .arg(&file));
    }
}
