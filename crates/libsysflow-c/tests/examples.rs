//! The C and C++ examples (`examples/c/consumer.c`, `examples/cpp/callback.cpp`)
//! built as a consumer builds them, against `include/` and the archive this
//! crate builds (`libsysflow.a`), strictly (`-Wall -Wextra -Werror
//! -pedantic`), and run on every golden trace: each prints exactly the
//! lines the Rust example's `describe` makes of the records a Rust callback
//! gets. `tests/cpp/throws.cpp` checks that a throwing C++ callback stops
//! the run with a `SysFlowException` that carries its exception, and that
//! bad configurations throw with the reference's codes.
//!
//! The installed packages are checked the same way by `cargo xtask dist
//! --verify` in CI. Without g++ or gcc these tests skip (and fail under CI).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use libsysflow::{FileReadMode, SysFlowConfig, SysFlowDriver};
use sysflow_test_support::{golden_dir, skip, under_ci};

/// What the archive needs besides itself: rustc's `native-static-libs` for
/// x86_64-unknown-linux-gnu (the packages' `sysflow.pc` computes its list).
const NATIVE_LIBS: [&str; 6] = ["-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl"];

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// `libsysflow.a` beside this test's binary (target/<profile>/deps/..),
/// built first: cargo builds only the rlib of a crate for its integration
/// tests, so the archive is there only after a build of the crate itself.
fn archive() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let exe = std::env::current_exe().unwrap();
            let profile = exe.parent().and_then(Path::parent).unwrap();
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let mut build = Command::new(cargo);
            build.args(["build", "--quiet", "-p", "libsysflow-c", "--lib"]);
            if profile.file_name().is_some_and(|n| n == "release") {
                build.arg("--release");
            }
            let status = build.status().unwrap();
            assert!(status.success(), "building libsysflow.a failed ({status})");
            let archive = profile.join("libsysflow.a");
            assert!(archive.is_file(), "{} was not built", archive.display());
            archive
        })
        .clone()
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Builds `source` with `compiler` into `exe`, or `false` after a skip.
fn build(compiler: &str, std: &str, source: &Path, exe: &Path) -> bool {
    if !installed(compiler) {
        assert!(
            !under_ci(),
            "{compiler} is not installed, and CI must have it"
        );
        skip(format_args!("{compiler} is not installed"));
        return false;
    }
    let out = Command::new(compiler)
        .args([std, "-O1", "-Wall", "-Wextra", "-Werror", "-pedantic", "-I"])
        .arg(root().join("crates/libsysflow-c/include"))
        .arg(source)
        .arg(archive())
        .args(NATIVE_LIBS)
        .arg("-o")
        .arg(exe)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{compiler} {} failed:\n{}",
        source.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

fn run(exe: &Path, args: &[&Path]) -> Output {
    let out = Command::new(exe)
        .args(args)
        .envs(GOLDEN_ENV)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} failed ({}):\n{}",
        exe.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The reference's golden-test environment.
const GOLDEN_ENV: [(&str, &str); 4] = [
    ("ENABLE_PROC_FLOW", "0"),
    ("FILE_ONLY", "0"),
    ("FILE_READ_MODE", "0"),
    ("ENABLE_DROP_MODE", "0"),
];

/// The Rust consumer's lines for `trace`, as the C and C++ examples print them.
fn expected_lines(trace: &Path) -> String {
    let lines = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = lines.clone();
    let config = SysFlowConfig::builder()
        .scap_input_path(trace)
        .enable_process_flow(false)
        .file_only(false)
        .drop_mode(false)
        .file_read_mode(FileReadMode::All)
        .callback(move |r| {
            let mut lines = sink.lock().unwrap();
            lines.push_str(&consumer::describe(r));
            lines.push('\n');
        })
        .build();
    SysFlowDriver::new(config).unwrap().run().unwrap();
    lines.lock().unwrap().clone()
}

fn golden_cases() -> Vec<PathBuf> {
    let Some(golden) = golden_dir() else {
        return Vec::new();
    };
    let mut cases: Vec<PathBuf> = std::fs::read_dir(golden)
        .unwrap()
        .map(|e| e.unwrap().path().join("trace.scap"))
        .collect();
    cases.sort();
    cases
}

#[test]
fn c_and_cpp_examples_print_the_rust_consumers_lines() {
    let cases = golden_cases();
    if cases.is_empty() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("consumer");
    let cpp = dir.path().join("callback");
    if !build("gcc", "-std=c99", &root().join("examples/c/consumer.c"), &c)
        || !build(
            "g++",
            "-std=c++17",
            &root().join("examples/cpp/callback.cpp"),
            &cpp,
        )
    {
        return;
    }
    let mut total = 0;
    for trace in &cases {
        let expected = expected_lines(trace);
        for exe in [&c, &cpp] {
            let out = run(exe, &[trace]);
            assert_eq!(
                String::from_utf8(out.stdout).unwrap(),
                expected,
                "{} on {}",
                exe.display(),
                trace.display()
            );
        }
        total += expected.lines().count();
    }
    assert!(total > 10_000, "only {total} lines in all the golden cases");
}

#[test]
fn a_throwing_cpp_callback_stops_the_run_with_its_exception_nested() {
    let cases = golden_cases();
    let Some(trace) = cases
        .iter()
        .find(|t| t.to_string_lossy().contains("mpm-event-full"))
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("throws");
    if !build(
        "g++",
        "-std=c++17",
        &root().join("crates/libsysflow-c/tests/cpp/throws.cpp"),
        &exe,
    ) {
        return;
    }
    let out_sf = dir.path().join("out.sf");
    let out = run(&exe, &[trace, &out_sf]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("SysFlowException code=0 seen=3: the callback threw, and the run stopped: third record refused"),
        "{text}"
    );
    assert!(text.contains("nested: third record refused"), "{text}");
    // The reference's codes: ErrorReadingFileSystem, OperationNotSupported.
    assert!(text.contains("constructor: code=3"), "{text}");
    assert!(text.contains("unknown driver type: code=10"), "{text}");
    assert!(text.contains("value-initialised: run 0"), "{text}");
    // The file the run was writing was closed whole.
    let records = libsysflow::types::SfReader::open(&out_sf)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert!(records.len() > 3, "{} records", records.len());
}
