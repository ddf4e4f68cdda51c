//! `cargo xtask cheader [--check]`: generates libsysflow-c's C header,
//! `crates/libsysflow-c/include/libsysflow.h`, from the crate's sources with
//! cbindgen (its settings: `crates/libsysflow-c/cbindgen.toml`). `--check`
//! fails when the committed header differs from what the sources give.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

/// The crate, relative to the workspace root.
const CRATE: &str = "crates/libsysflow-c";
/// The header, relative to the crate.
const HEADER: &str = "include/libsysflow.h";

/// The header the sources give.
pub fn generate(root: &Path) -> Result<String> {
    let crate_dir = root.join(CRATE);
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .map_err(|e| anyhow::anyhow!("{CRATE}/cbindgen.toml: {e}"))?;
    let bindings = cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .with_context(|| format!("cbindgen cannot generate the header of {CRATE}"))?;
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).context("cbindgen wrote a header that is not UTF-8")
}

/// `cargo xtask cheader [--check]`.
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => bail!("usage: cargo xtask cheader [--check]"),
    };
    let header = generate(root)?;
    let path = root.join(CRATE).join(HEADER);
    if check {
        let committed =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        if committed != header {
            eprintln!(
                "xtask: {CRATE}/{HEADER} is stale: run `cargo xtask cheader` and commit the result"
            );
            return Ok(ExitCode::FAILURE);
        }
        eprintln!("xtask: {CRATE}/{HEADER} is up to date");
    } else {
        fs::write(&path, header).with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("xtask: wrote {CRATE}/{HEADER}");
    }
    Ok(ExitCode::SUCCESS)
}
