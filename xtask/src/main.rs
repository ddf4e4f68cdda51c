//! Development tasks for the sysflow-rs workspace, run as `cargo xtask <task>`
//! (the alias is in `.cargo/config.toml`).
//!
//! - `test [ARGS...]`: makes sure `target/sysflow-venv` is a Python virtual
//!   environment with the official SysFlow reader (`sysflow-tools`, pinned),
//!   then runs `cargo test --workspace --no-fail-fast ARGS...` with
//!   `SYSFLOW_PYTHON` set to its python, so that the interop tests of
//!   `sysflow-types` run. When the
//!   environment cannot be made (no `python3`, no `venv` module, no network),
//!   it warns and runs the tests anyway: they then skip, or fail under `CI`.
//!   It ends with the number of tests that skipped and why (they record it
//!   in `target/test-skips.log`). The exit status is cargo's.
//! - `tidy`: checks the workspace's conventions (see `tidy.rs`); it also runs
//!   as a test.
//! - `bench [--pgo] [--runs N]`: times `scapdump --count` and `sysporter -r`
//!   against `sysdig -r FILE -q` on 40 concatenated copies of a golden trace
//!   and prints the ratios of median wall times (see `bench.rs`); `--pgo`
//!   times the profile-guided sysporter. A manual benchmark: CI does not run it.
//! - `pgo`: builds a profile-guided release sysporter into `target/pgo/`,
//!   trained on the shared captures and, as root, live (see `pgo.rs`).
//! - `bench live [--pgo] [--runs N] [--full] [--only FIGURE]`: the live-capture benchmarks (root):
//!   costs of capture as ratios against the same workloads without it,
//!   events/s, collector CPU and RSS, and the collector CPU containers
//!   starting at 20 a second add (see `bench_live.rs`). Manual too.
//! - `bench cpp [--runs N]`: the C++ example's callback path against the
//!   Rust consumer on the same file; target ratio at most 1.2 (see
//!   `bench_cpp.rs`). Manual.
//! - `bpf [--check]`: rebuilds sysflow-capture's eBPF probe object and the
//!   bindings of its shared header (see `bpf.rs`); `--check` fails when the
//!   committed ones are stale.
//! - `cheader [--check]`: regenerates libsysflow-c's C header with cbindgen
//!   (see `cheader.rs`); `--check` fails when the committed one is stale.
//! - `bindgen [--check]`: regenerates falco-sys's committed bindings of
//!   Falco's libscap (see `bindgen.rs`); `--check` fails when they are stale.
//! - `headers [--check]`: writes libsysflow-c's generated C++ headers,
//!   `sysflow/sysflow.hh` from the schema and `sysflow/enums.hh` from
//!   sysflow-types' constants (see `cpp_headers.rs`); `--check` fails when
//!   the committed ones are stale.
//! - `dist [--verify]`: builds the glibc and static musl packages (`.deb`,
//!   `.rpm`, `.tgz`) of libsysflow and sysporter into `target/dist/` (see
//!   `dist.rs`); `--verify` then checks them (CI runs this).

mod bench;
mod bench_cpp;
mod bench_live;
mod bindgen;
mod bpf;
mod cheader;
mod cpp_headers;
mod dist;
mod pgo;
mod tidy;
mod tool;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

/// The `sysflow-tools` release the interop tests are written against.
const SYSFLOW_TOOLS_VERSION: &str = "0.6.1";

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  test [ARGS...]   install sysflow-tools into target/sysflow-venv, then run
                   `cargo test --workspace --no-fail-fast ARGS...` with
                   SYSFLOW_PYTHON set;
                   end with the number of skipped tests and why
  tidy             check file headers, crate versions and the layering
  bench [--pgo] [--runs N]
                   time `scapdump --count` and `sysporter -r` against
                   `sysdig -r FILE -q` on 40 concatenated copies of a golden
                   trace; print the ratios (--pgo: the profile-guided build)
  pgo              build a profile-guided sysporter into target/pgo/ (trained
                   on the shared captures and, as root, live); print its path
  bench live [--pgo] [--runs N] [--full] [--only FIGURE]
                   live-capture benchmarks (root): overhead ratios, events/s,
                   collector CPU and RSS (--full: 10-minute RSS run);
                   FIGURE: loop, pipeline, throughput, exec, rss, containers
                   (collector CPU with 20 containers/s started, against the
                   same processes on the host; --runs N rounds, default 5)
  bench cpp [--runs N]
                   the C++ example's callback path against the Rust consumer
  bpf [--check]    rebuild the eBPF probe object and its header's bindings
                   (--check: fail if the committed ones are stale)
  cheader [--check]
                   regenerate libsysflow-c's C header, include/libsysflow.h
                   (--check: fail if the committed one is stale)
  bindgen [--check]
                   regenerate falco-sys's libscap bindings
                   (--check: fail if the committed ones are stale)
  headers [--check]
                   write libsysflow-c's generated C++ headers (sysflow.hh,
                   enums.hh) (--check: fail if the committed ones are stale)
  dist [--verify]  build the deb, rpm and tgz packages of libsysflow and
                   sysporter, for glibc and static musl, into target/dist/
                   (--verify: then check their files, a C program linked
                   by sysflow.pc, the sysporters on a golden trace and
                   live, the musl one static, dpkg -i and -r)";

fn main() -> Result<ExitCode> {
    let mut args = std::env::args_os().skip(1);
    let task = args.next();
    match task.as_ref().map(|t| t.to_string_lossy()).as_deref() {
        Some("test") => test(args.collect()),
        Some("tidy") => {
            let problems = tidy::problems(&workspace_root()?)?;
            for p in &problems {
                eprintln!("tidy: {p}");
            }
            Ok(if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some("bench") => {
            let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
            bench::run(&workspace_root()?, &args)
        }
        Some("bpf") => {
            let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
            bpf::run(&workspace_root()?, &args)
        }
        Some("cheader") => {
            let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
            cheader::run(&workspace_root()?, &args)
        }
        Some("dist") => {
            let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
            dist::run(&workspace_root()?, &args)
        }
        Some("pgo") => {
            let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
            pgo::run(&workspace_root()?, &args)
        }
        Some("bindgen") => {
            let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
            bindgen::run(&workspace_root()?, &args)
        }
        Some("headers") => {
            let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
            cpp_headers::run(&workspace_root()?, &args)
        }
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => usage_error(&format!("unknown task `{other}`")),
        None => usage_error("no task given"),
    }
}

/// Reports a command-line mistake without anyhow's backtrace.
fn usage_error(msg: &str) -> Result<ExitCode> {
    eprintln!("error: {msg}\n\n{USAGE}");
    Ok(ExitCode::from(2))
}

/// `cargo xtask test`.
fn test(args: Vec<OsString>) -> Result<ExitCode> {
    let root = workspace_root()?;
    let venv = root.join("target").join("sysflow-venv");
    let python = venv_python(&venv);
    if let Err(e) = ensure_venv(&venv, &python) {
        eprintln!(
            "xtask: warning: no sysflow-tools {SYSFLOW_TOOLS_VERSION} in {}: {e:#}\n\
             xtask: warning: the interop tests will skip (and fail under CI)",
            venv.display()
        );
    }

    // The tests that skip say why in this file (sysflow-test-support's
    // `skip`); libtest would count them as passed without a word.
    let skip_log = root.join("target").join("test-skips.log");
    match std::fs::remove_file(&skip_log) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => bail!("cannot remove {}: {e}", skip_log.display()),
    }

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(&cargo)
        .current_dir(&root)
        // Every test binary runs even after one fails: the failures and the
        // skip count below are then the whole suite's.
        .args(["test", "--workspace", "--no-fail-fast"])
        .args(&args)
        .env("SYSFLOW_PYTHON", &python)
        .env("SYSFLOW_SKIP_LOG", &skip_log)
        .status()
        .with_context(|| format!("cannot run `{} test`", Path::new(&cargo).display()))?;
    let skips = match std::fs::read_to_string(&skip_log) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => bail!("cannot read {}: {e}", skip_log.display()),
    };
    eprint!("{}", skip_summary(&skips));
    Ok(match status.code() {
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        // Killed by a signal.
        None => ExitCode::FAILURE,
    })
}

/// The closing lines of `cargo xtask test`: how many tests skipped, grouped
/// by reason, from the skip log's `binary<TAB>test<TAB>reason` lines. A test
/// that skips twice (two helpers each saying why) counts once, under its
/// first reason.
fn skip_summary(log: &str) -> String {
    let mut seen = std::collections::HashSet::new();
    // Reasons in the order first seen, each with its tests.
    let mut reasons: Vec<(&str, Vec<String>)> = Vec::new();
    for line in log.lines() {
        let mut fields = line.splitn(3, '\t');
        let (Some(binary), Some(test), Some(reason)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let name = if binary == test {
            binary.to_owned()
        } else {
            format!("{binary}::{test}")
        };
        if !seen.insert(name.clone()) {
            continue;
        }
        match reasons.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, tests)) => tests.push(name),
            None => reasons.push((reason, vec![name])),
        }
    }
    if seen.is_empty() {
        return "xtask: no test skipped\n".to_owned();
    }
    let mut out = format!(
        "xtask: {} test{} skipped what this machine cannot run (libtest counted them as passed):\n",
        seen.len(),
        if seen.len() == 1 { "" } else { "s" }
    );
    for (reason, mut tests) in reasons {
        tests.sort();
        const SHOWN: usize = 4;
        let more = tests.len().saturating_sub(SHOWN);
        out.push_str(&format!("xtask:   {:>3}  {reason}\n", tests.len()));
        out.push_str(&format!(
            "xtask:          {}",
            tests[..tests.len() - more].join(", ")
        ));
        if more > 0 {
            out.push_str(&format!(" and {more} more"));
        }
        out.push('\n');
    }
    out
}

/// The workspace root: the parent of this crate's directory.
fn workspace_root() -> Result<PathBuf> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .with_context(|| format!("{} has no parent directory", manifest_dir.display()))
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// Creates the virtual environment if needed and installs the pinned
/// `sysflow-tools` into it, unless that version is already there, and
/// `backports.zstd`, with which fastavro 1.13 reads the `zstandard` codec
/// (before Python 3.14's own `compression.zstd`).
fn ensure_venv(venv: &Path, python: &Path) -> Result<()> {
    ensure_tools(venv, python)?;
    let has_zstd = Command::new(python)
        .args(["-c", "from backports import zstd"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_zstd {
        eprintln!(
            "xtask: installing backports.zstd=={ZSTD_BACKPORT_VERSION} into {}",
            venv.display()
        );
        pip_install(python, &format!("backports.zstd=={ZSTD_BACKPORT_VERSION}"))?;
    }
    Ok(())
}

/// The `backports.zstd` release installed beside sysflow-tools.
const ZSTD_BACKPORT_VERSION: &str = "1.8.1";

/// `python -m pip install --quiet SPEC`.
fn pip_install(python: &Path, spec: &str) -> Result<()> {
    run(Command::new(python).args([
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--quiet",
        spec,
    ]))
    .with_context(|| format!("cannot install {spec} with pip"))
}

/// The pinned `sysflow-tools`, in a virtual environment made if missing.
fn ensure_tools(venv: &Path, python: &Path) -> Result<()> {
    if installed_version(python).as_deref() == Some(SYSFLOW_TOOLS_VERSION) {
        eprintln!(
            "xtask: sysflow-tools {SYSFLOW_TOOLS_VERSION} is in {}",
            venv.display()
        );
        return Ok(());
    }
    if !python.exists() {
        eprintln!("xtask: creating {}", venv.display());
        run(Command::new("python3").arg("-m").arg("venv").arg(venv))
            .context("cannot create the virtual environment with `python3 -m venv`")?;
    }
    eprintln!(
        "xtask: installing sysflow-tools=={SYSFLOW_TOOLS_VERSION} into {}",
        venv.display()
    );
    pip_install(python, &format!("sysflow-tools=={SYSFLOW_TOOLS_VERSION}"))?;
    match installed_version(python) {
        Some(v) if v == SYSFLOW_TOOLS_VERSION => Ok(()),
        Some(v) => bail!("pip left sysflow-tools {v} installed"),
        None => bail!("sysflow-tools is still not importable after pip install"),
    }
}

/// The version of `sysflow-tools` installed for `python`, if it runs and has one.
fn installed_version(python: &Path) -> Option<String> {
    let out = Command::new(python)
        .args([
            "-c",
            "import importlib.metadata as m, sysflow.reader; print(m.version('sysflow-tools'))",
        ])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout)
        .ok()
        .map(|v| v.trim().to_owned())
}

/// Runs a command to completion, failing unless it exits with status 0.
fn run(cmd: &mut Command) -> Result<()> {
    let program = cmd.get_program().to_owned();
    let status = cmd
        .status()
        .with_context(|| format!("cannot start `{}`", Path::new(&program).display()))?;
    if !status.success() {
        bail!("`{}` failed ({status})", Path::new(&program).display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::skip_summary;

    #[test]
    fn skip_summary_counts_each_test_once_by_reason() {
        let log = "it\tgolden::a\t../shared is absent\n\
                   it\tlive::b\tnot root\n\
                   it\tgolden::a\tnot root\n\
                   cli\tc\t../shared is absent\n\
                   differential\tdifferential\tnot root\n\
                   a torn line\n";
        assert_eq!(
            skip_summary(log),
            "xtask: 4 tests skipped what this machine cannot run (libtest counted them as passed):\n\
             xtask:     2  ../shared is absent\n\
             xtask:          cli::c, it::golden::a\n\
             xtask:     2  not root\n\
             xtask:          differential, it::live::b\n"
        );
        assert_eq!(skip_summary(""), "xtask: no test skipped\n");
    }

    #[test]
    fn skip_summary_shortens_long_lists() {
        let log: String = (0..6).map(|i| format!("it\tt{i}\tr\n")).collect();
        assert!(
            skip_summary(&log).ends_with("it::t0, it::t1, it::t2, it::t3 and 2 more\n"),
            "{}",
            skip_summary(&log)
        );
    }
}
