//! `cargo xtask bench cpp [--runs N]`: the C++ API's cost. The C++ example
//! (`examples/cpp/callback.cpp`, the reference's consumer shape over
//! `sysflowlibs.hpp` and `libsysflow.a`) and the Rust example `consumer`
//! read the same capture and print the same line per record; their median
//! wall times are compared on the benchmark file of `cargo xtask bench`
//! (40 copies of a golden trace, about 107 MB), output discarded, with the
//! golden tests' environment (`ENABLE_PROC_FLOW=0 FILE_ONLY=0
//! FILE_READ_MODE=0`), so that every flow reaches the callback: about
//! 187,000 records. The target: the C++ path at most 1.2 times the Rust
//! one's time. The C example runs too, for the record (no target).
//!
//! What the ratio covers: the C ABI's views of each record, their copy into
//! the reference's C++ structs (`sysflow.hh`), `std::function` dispatch,
//! and printf against Rust's formatting; the capture's decoding and the
//! state machines are the same code on both sides.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

use crate::bench::{alternate, bench_file, has_hyperfine, hyperfine, ms};

/// The largest acceptable ratio of median wall times, C++ over Rust.
const MAX_RATIO: f64 = 1.2;
/// Timed runs of each command, unless `--runs` says otherwise.
const DEFAULT_RUNS: usize = 5;

/// `cargo xtask bench cpp [--runs N]`.
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode> {
    let runs = match args {
        [] => DEFAULT_RUNS,
        [flag, n] if flag == "--runs" => n
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .with_context(|| format!("--runs needs a positive number, not `{n}`"))?,
        _ => bail!("usage: cargo xtask bench cpp [--runs N]"),
    };
    let file = bench_file(root)?;
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let libs = build_archive(root)?;
    let consumer = target.join("release/consumer");
    let cpp = compile(
        root,
        "g++",
        &["-std=c++17"],
        "examples/cpp/callback.cpp",
        &target.join("bench/callback"),
        &libs,
    )?;
    let c = compile(
        root,
        "cc",
        &["-std=c99"],
        "examples/c/consumer.c",
        &target.join("bench/c-consumer"),
        &libs,
    )?;
    let file = file.display().to_string();
    // Each command runs under `env`, which sets the overrides all three read.
    let with_env = |argv: &[String]| -> Vec<String> {
        let mut v: Vec<String> = [
            "env",
            "ENABLE_PROC_FLOW=0",
            "FILE_ONLY=0",
            "FILE_READ_MODE=0",
        ]
        .map(str::to_owned)
        .to_vec();
        v.extend_from_slice(argv);
        v
    };
    let rust = with_env(&[
        consumer.display().to_string(),
        "-r".to_owned(),
        file.clone(),
    ]);
    let mut ok = true;
    let cpp = with_env(&[cpp.display().to_string(), file.clone()]);
    let c = with_env(&[c.display().to_string(), file.clone()]);
    for (name, ours, has_target) in [("C++ callback.cpp", cpp, true), ("C consumer.c", c, false)] {
        let (a, b) = if has_hyperfine() {
            hyperfine(root, &ours, &rust, runs)?
        } else {
            eprintln!("xtask: hyperfine not found; timing {runs} alternating runs here");
            alternate(&ours, &rust, runs)?
        };
        let ratio = a.as_secs_f64() / b.as_secs_f64();
        println!("{name}: median {:.1} ms", ms(a));
        println!("Rust consumer -r: median {:.1} ms", ms(b));
        if !has_target {
            println!("{name}: ratio {ratio:.3} to the Rust consumer");
            continue;
        }
        println!("{name}: ratio {ratio:.3} to the Rust consumer (target <= {MAX_RATIO})");
        if ratio > MAX_RATIO {
            println!("FAIL: {name}: ratio above {MAX_RATIO}");
            ok = false;
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Builds the release archive and the Rust consumer; returns the native
/// libraries the archive needs (rustc's `native-static-libs`).
fn build_archive(root: &Path) -> Result<Vec<String>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(&cargo)
        .current_dir(root)
        .args(["build", "--release", "--quiet", "-p", "consumer"])
        .status()
        .context("cannot run cargo build")?;
    if !status.success() {
        bail!("building the Rust consumer failed ({status})");
    }
    let out = Command::new(&cargo)
        .current_dir(root)
        .args([
            "rustc",
            "--release",
            "--quiet",
            "-p",
            "libsysflow-c",
            "--lib",
        ])
        .args([
            "--crate-type",
            "staticlib",
            "--",
            "--print",
            "native-static-libs",
        ])
        .output()
        .context("cannot run cargo rustc")?;
    if !out.status.success() {
        bail!(
            "building libsysflow.a failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let libs = crate::dist::native_static_libs(&stderr)
        .context("rustc did not print the archive's native libraries")?;
    Ok(libs.split_whitespace().map(str::to_owned).collect())
}

/// Compiles an example against the workspace's headers and release archive.
fn compile(
    root: &Path,
    compiler: &str,
    flags: &[&str],
    source: &str,
    exe: &Path,
    libs: &[String],
) -> Result<PathBuf> {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let status = Command::new(compiler)
        .current_dir(root)
        .args(flags)
        .args(["-O2", "-Icrates/libsysflow-c/include", source])
        .arg(target.join("release/libsysflow.a"))
        .args(libs)
        .arg("-o")
        .arg(exe)
        .status()
        .with_context(|| format!("cannot run {compiler}"))?;
    if !status.success() {
        bail!("{compiler} {source} failed ({status})");
    }
    Ok(exe.to_path_buf())
}
