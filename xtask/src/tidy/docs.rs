//! Tidy's checks of the Markdown documentation, so that what it tells a
//! reader to do works:
//! - every `cargo run` command names a package of the workspace and which
//!   of its programs runs (`--bin`, `--example`, or its only or default
//!   binary), and the repository files it reads exist;
//! - the files the README's commands write (`-w PATH`) are git-ignored;
//! - every feature of a crate is named in its README;
//! - a Rust snippet that uses a crate from outside the workspace names
//!   that crate (as Cargo spells it) in its document's text.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

/// What `cargo run` can run of one package.
#[derive(Debug, Default)]
struct Package {
    bins: BTreeSet<String>,
    examples: BTreeSet<String>,
    default_run: Option<String>,
    features: Vec<String>,
    dir: PathBuf,
}

/// Every problem of the workspace's Markdown files, one sentence each.
pub fn problems(root: &Path, manifests: &[PathBuf]) -> Result<Vec<String>> {
    let mut packages = BTreeMap::new();
    for manifest in manifests {
        if let Some((name, package)) = package(manifest)? {
            packages.insert(name, package);
        }
    }
    let mut problems = Vec::new();
    for (name, package) in &packages {
        let readme = package.dir.join("README.md");
        let text = fs::read_to_string(&readme).unwrap_or_default();
        for feature in &package.features {
            if !text.contains(&format!("`{feature}`")) {
                problems.push(format!(
                    "{}: feature `{feature}` of {name} is not documented",
                    readme.strip_prefix(root).unwrap_or(&readme).display()
                ));
            }
        }
    }
    let external = external_crates(root)?;
    for doc in markdown_files(root)? {
        let text =
            fs::read_to_string(&doc).with_context(|| format!("cannot read {}", doc.display()))?;
        let shown = doc.strip_prefix(root).unwrap_or(&doc).display().to_string();
        for command in cargo_runs(&text) {
            check_cargo_run(root, &packages, &shown, &command, &mut problems);
        }
        check_snippet_crates(&shown, &text, &external, &mut problems);
    }
    check_outputs_ignored(root, &mut problems)?;
    Ok(problems)
}

/// The package a manifest declares, with its binaries, examples and features.
fn package(manifest: &Path) -> Result<Option<(String, Package)>> {
    let text = fs::read_to_string(manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let doc: toml::Table = text
        .parse()
        .with_context(|| format!("{} is not valid TOML", manifest.display()))?;
    let Some(pkg) = doc.get("package").and_then(|p| p.as_table()) else {
        return Ok(None);
    };
    let name = pkg
        .get("name")
        .and_then(|n| n.as_str())
        .unwrap_or_default()
        .to_owned();
    let dir = manifest
        .parent()
        .context("manifest without a directory")?
        .to_path_buf();
    let names = |key: &str| -> Vec<String> {
        doc.get(key)
            .and_then(|t| t.as_array())
            .into_iter()
            .flatten()
            .filter_map(|t| t.get("name")?.as_str().map(str::to_owned))
            .collect()
    };
    let stems = |sub: &str| -> Vec<String> {
        fs::read_dir(dir.join(sub))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let p = e.path();
                let stem = p.file_stem()?.to_str()?.to_owned();
                (p.extension().is_some_and(|x| x == "rs") || p.join("main.rs").is_file())
                    .then_some(stem)
            })
            .collect()
    };
    let mut package = Package {
        default_run: pkg
            .get("default-run")
            .and_then(|d| d.as_str())
            .map(str::to_owned),
        features: doc
            .get("features")
            .and_then(|f| f.as_table())
            .map(|f| f.keys().filter(|k| *k != "default").cloned().collect())
            .unwrap_or_default(),
        ..Package::default()
    };
    package.bins.extend(names("bin"));
    package.bins.extend(stems("src/bin"));
    if dir.join("src/main.rs").is_file() && doc.get("bin").is_none() {
        package.bins.insert(name.clone());
    }
    package.examples.extend(names("example"));
    package.examples.extend(stems("examples"));
    package.dir = dir;
    Ok(Some((name, package)))
}

/// The crates the workspace depends on that are not its own, as Rust
/// spells them (`signal_hook`), with Cargo's name (`signal-hook`).
fn external_crates(root: &Path) -> Result<BTreeMap<String, String>> {
    let text = fs::read_to_string(root.join("Cargo.toml")).context("cannot read Cargo.toml")?;
    let doc: toml::Table = text.parse().context("Cargo.toml is not valid TOML")?;
    let deps = doc
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table());
    Ok(deps
        .into_iter()
        .flatten()
        .filter(|(_, spec)| spec.get("path").is_none())
        .map(|(name, _)| (name.replace('-', "_"), name.clone()))
        .collect())
}

/// The Markdown files a reader follows: the READMEs and `docs/`.
fn markdown_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files = vec![root.join("README.md")];
    for dir in ["docs", "crates", "examples"] {
        for entry in fs::read_dir(root.join(dir)).with_context(|| format!("cannot list {dir}/"))? {
            let path = entry?.path();
            if path.extension().is_some_and(|x| x == "md") {
                files.push(path);
            } else if path.join("README.md").is_file() {
                files.push(path.join("README.md"));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Every `cargo run` command in `text`: its words, up to the end of its
/// line, code span or shell list (`&&`, `;`, `|`, `#`).
fn cargo_runs(text: &str) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(at) = rest.find("cargo run") {
            let after = rest.get(at..).unwrap_or_default();
            let end = after
                .char_indices()
                .skip(1)
                .find(|&(_, c)| matches!(c, '`' | ';' | '|' | '#' | '&'))
                .map_or(after.len(), |(i, _)| i);
            let command = after.get(..end).unwrap_or(after);
            let words: Vec<String> = command.split_whitespace().map(str::to_owned).collect();
            // "`cargo run`" alone is a mention in prose, not a command.
            if words.len() > 2 {
                commands.push(words);
            }
            rest = after.get(end..).unwrap_or_default();
        }
    }
    commands
}

/// The problems of one `cargo run` command.
fn check_cargo_run(
    root: &Path,
    packages: &BTreeMap<String, Package>,
    doc: &str,
    words: &[String],
    problems: &mut Vec<String>,
) {
    let command = words.join(" ");
    let (mut package, mut bin, mut example) = (None, None, None);
    let mut args = words.iter().skip(2);
    while let Some(word) = args.next() {
        match word.as_str() {
            "--" => break,
            "-p" | "--package" => package = args.next(),
            "--bin" => bin = args.next(),
            "--example" => example = args.next(),
            "--features" | "-F" | "--profile" | "--target" => {
                args.next();
            }
            _ => {}
        }
    }
    let Some(name) = package else {
        // Without -p, cargo looks for the binary or example in every member.
        let found = |has: &dyn Fn(&Package) -> bool| packages.values().filter(|p| has(p)).count();
        let ok = match (bin, example) {
            (Some(b), _) => found(&|p| p.bins.contains(b.as_str())) == 1,
            (_, Some(e)) => found(&|p| p.examples.contains(e.as_str())) == 1,
            _ => false,
        };
        if !ok {
            problems.push(format!(
                "{doc}: `{command}` names no package (-p) and no program of exactly one"
            ));
        }
        return;
    };
    let Some(p) = packages.get(name.as_str()) else {
        problems.push(format!("{doc}: `{command}`: there is no package {name}"));
        return;
    };
    let runs = match (bin, example) {
        (Some(b), _) => p.bins.contains(b.as_str()),
        (_, Some(e)) => p.examples.contains(e.as_str()),
        _ => p.bins.len() == 1 || p.default_run.is_some(),
    };
    if !runs {
        problems.push(format!(
            "{doc}: `{command}` does not say which program of {name} to run (binaries: {:?}, examples: {:?})",
            p.bins, p.examples
        ));
    }
    // The repository's files the program is given.
    for arg in words.iter().skip_while(|w| *w != "--") {
        let repo_file = ["examples/", "crates/", "docs/"]
            .iter()
            .any(|dir| arg.starts_with(dir));
        if repo_file && !root.join(arg).exists() {
            problems.push(format!(
                "{doc}: `{command}` reads {arg}, which does not exist"
            ));
        }
    }
}

/// A Rust snippet's crates from outside the workspace must be named in the
/// document's text, so that a reader knows what to add to Cargo.toml.
fn check_snippet_crates(
    doc: &str,
    text: &str,
    external: &BTreeMap<String, String>,
    problems: &mut Vec<String>,
) {
    let mut prose = String::new();
    let mut used = BTreeSet::new();
    let mut in_rust = None;
    for line in text.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (fence, in_rust) {
            (Some(info), None) => in_rust = Some(info.starts_with("rust")),
            (Some(_), Some(_)) => in_rust = None,
            (None, Some(true)) => {
                for ident in external.keys() {
                    let path = format!("{ident}::");
                    if line.match_indices(&path).any(|(i, _)| {
                        !line[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
                    }) {
                        used.insert(ident.clone());
                    }
                }
            }
            (None, Some(false)) => {}
            (None, None) => {
                prose.push_str(line);
                prose.push('\n');
            }
        }
    }
    for ident in used {
        let cargo_name = &external[&ident];
        if !prose.contains(&format!("`{cargo_name}`")) {
            problems.push(format!(
                "{doc}: a Rust snippet uses the crate `{cargo_name}`, which the text never names"
            ));
        }
    }
}

/// What the README's commands write (`-w PATH` with a relative path) must
/// be git-ignored, so that following them leaves the checkout clean.
fn check_outputs_ignored(root: &Path, problems: &mut Vec<String>) -> Result<()> {
    let text = fs::read_to_string(root.join("README.md")).context("cannot read README.md")?;
    let mut outputs = BTreeSet::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for pair in words.windows(2) {
            if let [flag, path] = pair
                && *flag == "-w"
                && !path.starts_with('/')
                && !path.starts_with("..")
            {
                outputs.insert(path.trim_end_matches('`').to_owned());
            }
        }
    }
    for output in outputs {
        // git decides; without git (an unpacked source tree) nothing is checked.
        let Ok(status) = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["check-ignore", "-q", "--no-index", &output])
            .status()
        else {
            return Ok(());
        };
        match status.code() {
            Some(0) => {}
            Some(1) => problems.push(format!(
                "README.md's commands write {output}, which .gitignore does not ignore"
            )),
            _ => return Ok(()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_runs_end_with_their_span_or_list() {
        let text = "see `cargo run -q -p consumer -- -r x.scap` (prints), not `cargo run`\n\
                    cargo run -p a -- b && cargo run -p c --example d -- e";
        let got: Vec<String> = cargo_runs(text).iter().map(|w| w.join(" ")).collect();
        assert_eq!(
            got,
            [
                "cargo run -q -p consumer -- -r x.scap",
                "cargo run -p a -- b",
                "cargo run -p c --example d -- e"
            ]
        );
    }

    #[test]
    fn a_package_of_two_binaries_needs_bin() {
        let mut packages = BTreeMap::new();
        packages.insert(
            "two".to_owned(),
            Package {
                bins: ["a".to_owned(), "b".to_owned()].into(),
                ..Package::default()
            },
        );
        let mut problems = Vec::new();
        let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        check_cargo_run(
            Path::new("."),
            &packages,
            "d",
            &words("cargo run -p two"),
            &mut problems,
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        check_cargo_run(
            Path::new("."),
            &packages,
            "d",
            &words("cargo run -p two --bin a"),
            &mut problems,
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn snippet_crates_must_be_named() {
        let external = [("signal_hook".to_owned(), "signal-hook".to_owned())].into();
        let snippet = "```rust\nsignal_hook::flag::register(1, f)?;\n```\n";
        let mut problems = Vec::new();
        check_snippet_crates("d", snippet, &external, &mut problems);
        assert_eq!(problems.len(), 1);
        let named = format!("Needs the `signal-hook` crate.\n{snippet}");
        let mut problems = Vec::new();
        check_snippet_crates("d", &named, &external, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
