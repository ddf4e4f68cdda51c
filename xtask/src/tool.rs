//! What the code generators (`bpf`, `bindgen`) share: running a build tool,
//! and comparing a fresh output with the committed one for `--check`.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

/// Runs `cmd` to success; `install` says which Debian packages provide it.
pub fn run(cmd: &mut Command, install: &str) -> Result<()> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let status = cmd
        .status()
        .with_context(|| format!("cannot run `{program}` (apt-get install {install})"))?;
    if !status.success() {
        bail!("`{program}` failed: {status}");
    }
    Ok(())
}

/// Whether the freshly built `built` equals `committed` byte for byte (a
/// missing committed file is not).
pub fn same_bytes(built: &Path, committed: &Path) -> Result<bool> {
    let built = fs::read(built).with_context(|| format!("cannot read {}", built.display()))?;
    Ok(fs::read(committed).is_ok_and(|c| c == built))
}
