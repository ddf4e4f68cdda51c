//! `cargo xtask bpf [--check]`: builds sysflow-capture's CO-RE probe and the
//! Rust bindings of its shared header, both committed so that `cargo build`
//! needs neither clang nor libclang.
//!
//! - `crates/sysflow-capture/bpf/probe.bpf.c` → `probe.bpf.o`: clang (Debian's
//!   clang 14 is what the committed object was built with) with
//!   `-fdebug-prefix-map` so the object does not depend on the checkout's
//!   path, then `llvm-strip -g` (BTF and BTF.ext, which CO-RE needs, stay).
//! - `bpf/event.h` → `src/live/event_gen.rs`: the `bindgen` command-line tool,
//!   then `rustfmt`.
//!
//! With `--check` both are built into `target/` and compared with the
//! committed files byte for byte; a difference fails (CI runs this).
//! Needs the Debian packages `clang llvm libbpf-dev bindgen`.

use std::fs;
use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

use crate::tool;

/// Header of the generated bindings (bindgen's own first line follows).
const GEN_HEADER: &str = "\
//! Rust mirror of `bpf/event.h`, the ABI shared with the probe.
//!
//! GENERATED FILE, do not edit by hand: `cargo xtask bpf` regenerates it
//! (with the `bindgen` tool) together with `bpf/probe.bpf.o`.

";

/// `cargo xtask bpf [--check]`.
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode> {
    let check = match args {
        [] => false,
        [a] if a == "--check" => true,
        _ => bail!("usage: cargo xtask bpf [--check]"),
    };
    let krate = root.join("crates/sysflow-capture");
    let bpf = krate.join("bpf");
    let committed_obj = bpf.join("probe.bpf.o");
    let committed_gen = krate.join("src/live/event_gen.rs");
    let out = root.join("target/xtask-bpf");
    fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    let obj = if check {
        out.join("probe.bpf.o")
    } else {
        committed_obj.clone()
    };
    let gen_rs = if check {
        out.join("event_gen.rs")
    } else {
        committed_gen.clone()
    };

    let unstripped = out.join("probe.debug.o");
    let prefix_map = format!("-fdebug-prefix-map={}=.", bpf.display());
    run_tool(
        Command::new("clang")
            .current_dir(&bpf)
            .args(["-g", "-O2", "-Wall", "-Werror", "-target", "bpf"])
            .args(["-D__TARGET_ARCH_x86", "-mcpu=v3", &prefix_map])
            .args(["-I", ".", "-I", "/usr/include/x86_64-linux-gnu"])
            .args(["-c", "probe.bpf.c", "-o"])
            .arg(&unstripped),
    )?;
    run_tool(
        Command::new("llvm-strip")
            .arg("-g")
            .arg(&unstripped)
            .arg("-o")
            .arg(&obj),
    )?;

    let raw = out.join("event_gen.raw.rs");
    run_tool(
        Command::new("bindgen")
            .current_dir(&bpf)
            .args(["event.h", "--no-layout-tests", "--no-rustfmt-bindings"])
            .args(["--allowlist-type", "sf_.*", "--use-core"])
            .args(["--no-doc-comments", "--output"])
            .arg(&raw),
    )?;
    let body =
        fs::read_to_string(&raw).with_context(|| format!("cannot read {}", raw.display()))?;
    fs::write(&gen_rs, format!("{GEN_HEADER}{body}"))
        .with_context(|| format!("cannot write {}", gen_rs.display()))?;
    run_tool(
        Command::new("rustfmt")
            .args(["--edition", "2024"])
            .arg(&gen_rs),
    )?;

    if check {
        let mut stale = Vec::new();
        for (built, committed) in [(&obj, &committed_obj), (&gen_rs, &committed_gen)] {
            if !tool::same_bytes(built, committed)? {
                stale.push(
                    committed
                        .strip_prefix(root)
                        .unwrap_or(committed)
                        .to_path_buf(),
                );
            }
        }
        if !stale.is_empty() {
            for p in &stale {
                eprintln!(
                    "bpf: {} is stale; run `cargo xtask bpf` and commit it",
                    p.display()
                );
            }
            return Ok(ExitCode::FAILURE);
        }
        println!("bpf: the committed probe object and bindings are up to date");
    } else {
        println!("bpf: wrote {} and {}", obj.display(), gen_rs.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn run_tool(cmd: &mut Command) -> Result<()> {
    tool::run(cmd, "clang llvm libbpf-dev bindgen")
}
