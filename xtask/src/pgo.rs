//! `cargo xtask pgo`: a profile-guided build of the release `sysporter`.
//!
//! The collector's per-event path is long and branchy (state tables, flow
//! tables, parameter decoding), and most of its branches go one way on any
//! real capture; with LLVM's profile, the hot paths are laid out straight
//! and inlined where the calls are hot. On the 107 MB replay benchmark it
//! ran about a sixth fewer instructions, and took about a sixth less wall
//! time, than the plain release build (21 alternated pairs).
//!
//! The profile comes from an instrumented build running:
//! - every capture of `../shared/golden/` and `../shared/traces/` except the
//!   replay benchmark's own trace, which the profile must not be tuned to;
//! - with root and BTF, a live capture of the live benchmarks' workloads
//!   (a `dd bs=1` loop, `tar | cat`, execs): code a profile never ran is
//!   laid out as cold, so a build trained offline alone would make the live
//!   collector slower. Without them the build says so and goes on.
//!
//! Everything lives under `target/pgo/`: the instrumented build, the raw
//! and merged profiles, and the optimized build, whose path is printed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, Result, bail};

/// `cargo xtask pgo`: builds the profile-guided sysporter and prints its path.
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode> {
    if !args.is_empty() {
        eprintln!("usage: cargo xtask pgo");
        return Ok(ExitCode::from(2));
    }
    let exe = build(root)?;
    println!("{}", exe.display());
    Ok(ExitCode::SUCCESS)
}

/// Builds the profile-guided release sysporter (see the module's
/// documentation) and returns its path.
pub fn build(root: &Path) -> Result<PathBuf> {
    let profdata = llvm_profdata()?;
    let dir = root.join("target/pgo");
    let profiles = dir.join("profiles");
    if profiles.exists() {
        fs::remove_dir_all(&profiles)
            .with_context(|| format!("cannot empty {}", profiles.display()))?;
    }
    fs::create_dir_all(&profiles)
        .with_context(|| format!("cannot create {}", profiles.display()))?;

    eprintln!("xtask: pgo: building the instrumented sysporter");
    let flags = format!("-Cprofile-generate={}", profiles.display());
    let instrumented = cargo_build(root, &dir.join("gen"), &flags)?;
    train(root, &instrumented, &dir)?;

    let merged = dir.join("sysporter.profdata");
    let raw: Vec<PathBuf> = fs::read_dir(&profiles)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "profraw"))
        .collect();
    if raw.is_empty() {
        bail!(
            "the training runs left no profile in {}",
            profiles.display()
        );
    }
    let status = Command::new(&profdata)
        .arg("merge")
        .arg("-o")
        .arg(&merged)
        .args(&raw)
        .status()
        .with_context(|| format!("cannot run {}", profdata.display()))?;
    if !status.success() {
        bail!("llvm-profdata merge failed ({status})");
    }

    // Cargo knows the profile by its path alone: named after its contents,
    // a new profile rebuilds every crate, and an unchanged one nothing.
    let bytes = fs::read(&merged).with_context(|| format!("cannot read {}", merged.display()))?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&bytes, &mut hasher);
    let named = dir.join(format!(
        "sysporter-{:016x}.profdata",
        std::hash::Hasher::finish(&hasher)
    ));
    for old in fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())) {
        if old.extension().is_some_and(|x| x == "profdata") && old != merged {
            let _ = fs::remove_file(old);
        }
    }
    fs::rename(&merged, &named).with_context(|| format!("cannot rename {}", merged.display()))?;

    eprintln!("xtask: pgo: building the optimized sysporter");
    let flags = format!("-Cprofile-use={}", named.display());
    cargo_build(root, &dir.join("use"), &flags)
}

/// Builds the release sysporter into `target_dir` with `rustflags`.
fn cargo_build(root: &Path, target_dir: &Path, rustflags: &str) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--release", "--quiet", "-p", "sysporter"])
        .env("CARGO_TARGET_DIR", target_dir)
        .env("RUSTFLAGS", rustflags)
        .status()
        .context("cannot run cargo build")?;
    if !status.success() {
        bail!("building sysporter with {rustflags} failed ({status})");
    }
    let exe = target_dir.join("release/sysporter");
    if !exe.is_file() {
        bail!("{} was not built", exe.display());
    }
    Ok(exe)
}

/// Runs the instrumented build over the training captures, then live.
fn train(root: &Path, sysporter: &Path, dir: &Path) -> Result<()> {
    let shared = root.join("../shared");
    let benchmark = shared.join(crate::bench::TRACE);
    let mut captures = Vec::new();
    for (sub, nested) in [("golden", true), ("traces", false)] {
        let Ok(entries) = fs::read_dir(shared.join(sub)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = if nested {
                entry.path().join("trace.scap")
            } else {
                entry.path()
            };
            if path.is_file() && path != benchmark {
                captures.push(path);
            }
        }
    }
    if captures.is_empty() {
        bail!(
            "no training capture in {} (the shared folder beside the repository)",
            shared.display()
        );
    }
    captures.sort();
    let out = dir.join("train.sf");
    for capture in &captures {
        let status = Command::new(sysporter)
            .arg("-r")
            .arg(capture)
            .arg("-w")
            .arg(&out)
            .args(["-e", "pgo"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .with_context(|| format!("cannot run {}", sysporter.display()))?;
        if !status.success() {
            bail!("training on {} failed ({status})", capture.display());
        }
    }
    eprintln!("xtask: pgo: trained on {} captures", captures.len());

    let btf = Path::new("/sys/kernel/btf/vmlinux").exists();
    if is_root() && btf {
        crate::bench_live::train(sysporter, &dir.join("live"))?;
    } else {
        eprintln!(
            "xtask: pgo: WARNING: not root or no BTF: the live capture is not trained, \
             and this build's live collector may be slower than a plain release build"
        );
    }
    Ok(())
}

/// Whether this process runs as root (`/proc/self/status`'s effective uid).
fn is_root() -> bool {
    fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1).map(|e| e == "0"))
            .unwrap_or(false)
    })
}

/// The toolchain's `llvm-profdata` (rustup's `llvm-tools` component,
/// added if missing).
fn llvm_profdata() -> Result<PathBuf> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let text = |args: &[&str]| -> Result<String> {
        let out = Command::new(&rustc)
            .args(args)
            .output()
            .context("cannot run rustc")?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let sysroot = text(&["--print", "sysroot"])?;
    let host = text(&["-vV"])?
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
        .context("rustc -vV names no host")?;
    let tool = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(host)
        .join("bin/llvm-profdata");
    if !tool.is_file() {
        eprintln!("xtask: pgo: adding rustup's llvm-tools component");
        let status = Command::new("rustup")
            .args(["component", "add", "llvm-tools"])
            .status()
            .context("cannot run rustup (llvm-profdata comes with its llvm-tools)")?;
        if !status.success() || !tool.is_file() {
            bail!("no {} after adding llvm-tools", tool.display());
        }
    }
    Ok(tool)
}
