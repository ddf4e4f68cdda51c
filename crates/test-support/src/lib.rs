//! What the workspace's tests share: finding `../shared` (the golden traces
//! beside the checkout), skipping a test so that the skip is counted, and
//! private container runtimes ([`runtimes`]: a dockerd and a podman of the
//! test's own).
//!
//! A test that cannot run here (no `../shared` in a user's checkout, not
//! root, no kernel BTF, a missing tool) passes without testing anything.
//! libtest has no "skipped" outcome and shows a passing test's output only
//! with `--nocapture`, so [`skip`] also appends one line to the file named
//! by [`SKIP_LOG_ENV`] when it is set: `cargo xtask test` sets it and ends
//! with the number of skipped tests and why. Under CI (`CI` set) the
//! callers fail instead of skipping where CI must be able to run the test.
//!
//! [`containerd`] starts a private containerd and runs pods through its CRI
//! plugin, for live tests of container metadata and capture.
//!
//! A dev-dependency only (the tidy check keeps it out of `[dependencies]`).

pub mod containerd;
pub mod runtimes;

use std::fmt::Display;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The environment variable naming the file [`skip`] appends to.
pub const SKIP_LOG_ENV: &str = "SYSFLOW_SKIP_LOG";

/// Whether this run is CI's, which must have everything the tests need.
pub fn under_ci() -> bool {
    std::env::var_os("CI").is_some()
}

/// The first of `tools` (a program, an argument it succeeds with, its
/// Debian package) that does not run here, as a reason to skip: `TOOL is
/// not installed (apt-get install PACKAGE)`.
pub fn missing_tool(tools: &[(&str, &str, &str)]) -> Option<String> {
    tools.iter().find_map(|&(tool, arg, package)| {
        let found = std::process::Command::new(tool)
            .arg(arg)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        (!found).then(|| format!("{tool} is not installed (apt-get install {package})"))
    })
}

/// Records that the running test skips, and why: prints it, and appends a
/// line `binary<TAB>test<TAB>reason` to `$SYSFLOW_SKIP_LOG` when set.
///
/// The test is named after libtest's thread; a test binary without
/// libtest's harness (on its main thread) is named after the binary.
pub fn skip(reason: impl Display) {
    let reason = reason.to_string().replace(['\n', '\t'], " ");
    let binary = binary_name();
    let thread = std::thread::current();
    let test = match thread.name() {
        Some(name) if name != "main" => name.to_owned(),
        _ => binary.clone(),
    };
    eprintln!("skipped {test}: {reason}");
    if let Some(log) = std::env::var_os(SKIP_LOG_ENV) {
        let log = Path::new(&log);
        if let Err(e) = append_skip(log, &binary, &test, &reason) {
            eprintln!("warning: cannot record the skip in {}: {e}", log.display());
        }
    }
}

/// Appends one skip line to `log`. One write of one short line on an
/// O_APPEND file: the lines of tests skipping at once, in one binary or
/// several, do not interleave.
fn append_skip(log: &Path, binary: &str, test: &str, reason: &str) -> std::io::Result<()> {
    let line = format!("{binary}\t{test}\t{reason}\n");
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)?
        .write_all(line.as_bytes())
}

/// The running test binary's name without cargo's hash suffix.
fn binary_name() -> String {
    let exe = std::env::current_exe().ok();
    let stem = exe
        .as_deref()
        .and_then(Path::file_stem)
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "?".to_owned());
    match stem.rsplit_once('-') {
        Some((name, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            name.to_owned()
        }
        _ => stem,
    }
}

/// `../shared` beside the workspace root (the golden traces, extra traces
/// and reference notes), or `None` after [`skip`]ping when this checkout
/// lacks it. Under CI its absence is a failure.
pub fn shared_dir() -> Option<PathBuf> {
    // crates/test-support -> crates -> the workspace -> beside it.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let beside = manifest.ancestors().nth(3).unwrap_or(manifest);
    let dir = beside.join("shared");
    if dir.join("golden").is_dir() {
        return Some(dir);
    }
    assert!(
        !under_ci(),
        "{} (the golden traces) is missing, and CI must have it",
        dir.display()
    );
    skip(format_args!(
        "../shared is absent: the golden traces live beside the checkout ({})",
        dir.display()
    ));
    None
}

/// `../shared/golden`, or `None` as for [`shared_dir`].
pub fn golden_dir() -> Option<PathBuf> {
    shared_dir().map(|d| d.join("golden"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_name_drops_cargo_hash() {
        // This unit-test binary is `sysflow_test_support-<16 hex digits>`.
        assert_eq!(binary_name(), "sysflow_test_support");
    }

    #[test]
    fn skips_append_one_line_each() {
        let dir = std::env::temp_dir().join(format!("sysflow-skip-log-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("skips");
        let _ = std::fs::remove_file(&log);
        append_skip(&log, "it", "a::one", "not root").unwrap();
        append_skip(&log, "it", "a::two", "no BTF").unwrap();
        let text = std::fs::read_to_string(&log).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(text, "it\ta::one\tnot root\nit\ta::two\tno BTF\n");
    }
}
