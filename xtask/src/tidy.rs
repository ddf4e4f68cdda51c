//! `cargo xtask tidy`: the workspace's written conventions, checked.
//!
//! Runs as a normal `#[test]` too, so `cargo test` enforces it:
//! - every Rust source file opens with a `//!` paragraph saying what it holds;
//! - crates depend only on the crates below them in the pipeline
//!   (docs/ARCHITECTURE.md), and `sysflow-types` on none of ours;
//! - internal crates are `version = "0.0.0"` with `publish = false`; only the
//!   crates we publish carry a real version;
//! - the Markdown documentation's commands, features and snippets hold up
//!   (`docs.rs`).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

mod docs;

/// Crates published with real semver; every other crate is internal.
const PUBLISHED: [&str; 2] = ["sysflow-types", "libsysflow"];

/// Our crates each crate may depend on (normal dependencies).
fn allowed_deps(krate: &str) -> Option<&'static [&'static str]> {
    Some(match krate {
        "falco-sys" | "sysflow-types" | "sysflow-filter" | "sysflow-test-support" => &[],
        "sysflow-capture" => &["falco-sys"],
        // The filter's fields are read from core's state.
        "sysflow-core" => &["sysflow-capture", "sysflow-types", "sysflow-filter"],
        "sysflow-export" => &["sysflow-types"],
        // Runtime clients: their types become core's at the facade.
        "sysflow-runtimes" => &[],
        "libsysflow" => &[
            "falco-sys",
            "sysflow-capture",
            "sysflow-types",
            "sysflow-core",
            "sysflow-export",
            "sysflow-runtimes",
            "sysflow-filter",
        ],
        // The example consumers use the facade, as any consumer would.
        "sysporter" | "consumer" => &["libsysflow"],
        _ => return None,
    })
}

const OURS: [&str; 11] = [
    "falco-sys",
    "sysflow-filter",
    "sysflow-capture",
    "sysflow-types",
    "sysflow-core",
    "sysflow-export",
    "sysflow-runtimes",
    "libsysflow",
    "sysporter",
    "sysflow-test-support",
    "xtask",
];

/// Every problem found, one sentence each.
pub fn problems(root: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut manifests = vec![root.join("xtask/Cargo.toml")];
    // Example crates (examples/<name>/) follow the same conventions.
    for parent in ["crates", "examples"] {
        for entry in
            fs::read_dir(root.join(parent)).with_context(|| format!("cannot list {parent}/"))?
        {
            let manifest = entry?.path().join("Cargo.toml");
            if manifest.is_file() {
                manifests.push(manifest);
            }
        }
    }
    problems.extend(docs::problems(root, &manifests)?);
    for manifest in manifests {
        check_manifest(&manifest, &mut problems)?;
        let dir = manifest.parent().context("manifest without a directory")?;
        for file in rust_files(dir)? {
            let text = fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            // A crate root may take its header from the README instead.
            let first = text.lines().find(|l| !l.trim().is_empty());
            if !first
                .is_some_and(|l| l.starts_with("//!") || l.starts_with("#![doc = include_str!"))
            {
                problems.push(format!(
                    "{} does not open with a `//!` paragraph",
                    file.display()
                ));
            }
        }
    }
    Ok(problems)
}

fn check_manifest(path: &Path, problems: &mut Vec<String>) -> Result<()> {
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let doc: toml::Table = text
        .parse()
        .with_context(|| format!("{} is not valid TOML", path.display()))?;
    let package = doc.get("package").and_then(|p| p.as_table());
    let name = package
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .unwrap_or_default();
    let version = package
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str());
    let publish = package
        .and_then(|p| p.get("publish"))
        .and_then(|v| v.as_bool());
    if !PUBLISHED.contains(&name) && (version != Some("0.0.0") || publish != Some(false)) {
        problems.push(format!(
            "{name}: an internal crate must be version 0.0.0 with publish = false"
        ));
    }
    let deps = doc.get("dependencies").and_then(|d| d.as_table());
    if let (Some(allowed), Some(deps)) = (allowed_deps(name), deps) {
        for dep in deps.keys().filter(|d| OURS.contains(&d.as_str())) {
            if !allowed.contains(&dep.as_str()) {
                problems.push(format!(
                    "{name} depends on {dep}, which crosses the layering"
                ));
            }
        }
    }
    Ok(())
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).with_context(|| format!("cannot list {}", d.display()))? {
            let path = entry?.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if path.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    stack.push(path);
                }
            } else if name.ends_with(".rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn workspace_is_tidy() {
        let root = super::super::workspace_root().unwrap();
        let problems = super::problems(&root).unwrap();
        assert!(problems.is_empty(), "tidy:\n{}", problems.join("\n"));
    }
}
