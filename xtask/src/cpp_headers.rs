//! `cargo xtask headers [--check]`: writes libsysflow-c's generated C++
//! headers, committed under `crates/libsysflow-c/include/`:
//!
//! - `sysflow/sysflow.hh`, the schema's records as C++ types named the way
//!   avrogencpp names them (`sysflow_hh.rs`), from the schema sysflow-types
//!   embeds;
//! - `sysflow/enums.hh`, the record type ids, operation flags and open flags
//!   (`enums_hh.rs`), from sysflow-types' constants.
//!
//! Generation is pure Rust (no tool to install), so a test also checks the
//! committed headers are current. With `--check` nothing is written and a
//! stale header fails (CI runs this).

mod enums_hh;
mod sysflow_hh;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

/// Where the headers go, from the workspace root.
const INCLUDE_DIR: &str = "crates/libsysflow-c/include";

/// One generated header: its path under [`INCLUDE_DIR`] and its text.
pub struct Header {
    pub path: &'static str,
    pub text: String,
}

/// Every generated header.
pub fn generate() -> Result<Vec<Header>> {
    let schema = sysflow_types::SCHEMA_JSON;
    Ok(vec![
        Header {
            path: "sysflow/sysflow.hh",
            text: sysflow_hh::generate(schema).context("cannot generate sysflow/sysflow.hh")?,
        },
        Header {
            path: "sysflow/enums.hh",
            text: enums_hh::generate(schema).context("cannot generate sysflow/enums.hh")?,
        },
    ])
}

/// The committed headers that differ from `headers` (or are missing), as
/// paths from the workspace root.
pub fn stale(root: &Path, headers: &[Header]) -> Vec<PathBuf> {
    headers
        .iter()
        .map(|h| Path::new(INCLUDE_DIR).join(h.path))
        .zip(headers)
        .filter(|(path, h)| fs::read(root.join(path)).ok().as_deref() != Some(h.text.as_bytes()))
        .map(|(path, _)| path)
        .collect()
}

/// `cargo xtask headers [--check]`.
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode> {
    let check = match args {
        [] => false,
        [a] if a == "--check" => true,
        _ => bail!("usage: cargo xtask headers [--check]"),
    };
    let headers = generate()?;
    let stale = stale(root, &headers);
    if check {
        if stale.is_empty() {
            println!("headers: the committed C++ headers are up to date");
            return Ok(ExitCode::SUCCESS);
        }
        for path in &stale {
            eprintln!(
                "headers: {} is stale; run `cargo xtask headers` and commit it",
                path.display()
            );
        }
        return Ok(ExitCode::FAILURE);
    }
    for header in &headers {
        let path = root.join(INCLUDE_DIR).join(header.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        // Unchanged files keep their timestamps, so builds that watch them
        // do not rerun.
        if stale.iter().any(|s| root.join(s) == path) {
            fs::write(&path, &header.text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            println!("headers: wrote {}", path.display());
        }
    }
    if stale.is_empty() {
        println!("headers: the C++ headers were up to date");
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests;
