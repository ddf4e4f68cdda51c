//! `cargo xtask dist [--verify]`: the installable packages, in `target/dist/`
//! (docs/packaging.md says what each installs).
//!
//! Two builds, each once, in the release profile: glibc (the host,
//! x86_64-unknown-linux-gnu) and musl (x86_64-unknown-linux-musl, whose
//! `sysporter` is fully static). Each gives `sysporter` and libsysflow-c's
//! archive, built alone as a static library (`cargo rustc --crate-type
//! staticlib`, so that the release profile's LTO applies to it) with rustc
//! printing the system libraries it needs, which go into `sysflow.pc`.
//! Four packages come out, each as `.deb`, `.rpm` and `.tgz`, named
//! `NAME-VERSION-x86_64.EXT`: `libsysflow`, `sysporter`, `libsysflow-musl`
//! and `sysporter-musl`, VERSION being libsysflow's.
//!
//! What each package holds is its crate's `[package.metadata.deb]` (and its
//! variant `musl`) for cargo-deb and `[package.metadata.generate-rpm]` (and
//! its variant `musl`) for cargo-generate-rpm. Their built files come from
//! `target/release/package-files/` (which both tools read from
//! `target/x86_64-unknown-linux-musl/release/package-files/` with `--target`),
//! filled here: stripped copies of `sysporter` and `libsysflow.a` (debug
//! information and LLVM bitcode dropped, symbols kept; for musl, with
//! LLVM's libunwind added, see [`bundle_unwind`]), `sysflow.pc`, the man page rendered
//! from sysporter's clap definition (its `manpage` example) and the example
//! sources (`examples/c`, `examples/cpp` and `examples/README.md`; without
//! `c/consumer.c`, `cpp/callback.cpp` or the README the packaging fails). Each `.tgz` is its `.deb`'s data archive, gzipped, so that it
//! holds the very same files; `--verify` checks that the `.rpm` does too,
//! and more (see `verify.rs`).
//!
//! Needs cargo-deb and cargo-generate-rpm (`cargo install --locked`), the
//! rustup target x86_64-unknown-linux-musl, and the Debian packages
//! musl-tools (musl-gcc builds zlib's C for musl), dpkg, binutils and gzip;
//! `--verify` also rpm, tar, pkg-config, a C compiler, util-linux (unshare)
//! and procps (kill).

mod elf;
mod verify;

use std::ffi::OsString;
use std::fs;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, Result, bail};

use crate::tool;

/// The musl target.
const MUSL_TARGET: &str = "x86_64-unknown-linux-musl";

/// The host the glibc packages are built on, and for (what their names say).
const GLIBC_HOST: &str = "x86_64-unknown-linux-gnu";

/// The directory, in each target's release directory, that the package
/// metadata takes its built files from.
const STAGE_DIR: &str = "package-files";

/// The example sources packaged into `/usr/share/doc/libsysflow/examples/`,
/// relative to `examples/`: directories whole.
const EXAMPLES: [&str; 3] = ["README.md", "c", "cpp"];

/// The examples docs/packaging.md promises, relative to `examples/`: the
/// packaging fails without them.
const PROMISED_EXAMPLES: [&str; 3] = ["README.md", "c/consumer.c", "cpp/callback.cpp"];

/// A C library the packages are built for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Libc {
    /// glibc: the host's target, dynamically linked.
    Glibc,
    /// musl: `sysporter` fully static, the archive for musl-gcc.
    Musl,
}

impl Libc {
    /// Both, in the order they are built.
    pub const ALL: [Libc; 2] = [Libc::Glibc, Libc::Musl];

    /// `--target` for cargo and the packagers; none for glibc, the host.
    fn target(self) -> Option<&'static str> {
        match self {
            Libc::Glibc => None,
            Libc::Musl => Some(MUSL_TARGET),
        }
    }

    /// The release directory its build goes to.
    fn release_dir(self, target_dir: &Path) -> PathBuf {
        match self.target() {
            None => target_dir.join("release"),
            Some(t) => target_dir.join(t).join("release"),
        }
    }

    /// The suffix of its package names, which is also its metadata variant
    /// (`-musl`: variant `musl`).
    pub fn suffix(self) -> &'static str {
        match self {
            Libc::Glibc => "",
            Libc::Musl => "-musl",
        }
    }
}

/// A crate that gives packages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crate {
    /// libsysflow-c: the archive, headers, `sysflow.pc`, examples.
    Libsysflow,
    /// sysporter: the collector, its man page and its systemd unit.
    Sysporter,
}

impl Crate {
    /// The Cargo package.
    fn cargo_name(self) -> &'static str {
        match self {
            Crate::Libsysflow => "libsysflow-c",
            Crate::Sysporter => "sysporter",
        }
    }

    /// Its directory, relative to the workspace root.
    fn dir(self) -> &'static str {
        match self {
            Crate::Libsysflow => "crates/libsysflow-c",
            Crate::Sysporter => "crates/sysporter",
        }
    }

    /// The name of its glibc package.
    fn package_name(self) -> &'static str {
        match self {
            Crate::Libsysflow => "libsysflow",
            Crate::Sysporter => "sysporter",
        }
    }
}

/// One package: a crate's, for a C library.
#[derive(Clone, Copy, Debug)]
pub struct Package {
    /// The crate whose metadata lists its files.
    pub krate: Crate,
    /// The C library it is built for.
    pub libc: Libc,
}

impl Package {
    /// The four, glibc's first.
    pub const ALL: [Package; 4] = [
        Package {
            krate: Crate::Libsysflow,
            libc: Libc::Glibc,
        },
        Package {
            krate: Crate::Sysporter,
            libc: Libc::Glibc,
        },
        Package {
            krate: Crate::Libsysflow,
            libc: Libc::Musl,
        },
        Package {
            krate: Crate::Sysporter,
            libc: Libc::Musl,
        },
    ];

    /// Its name, e.g. `sysporter-musl`.
    pub fn name(self) -> String {
        format!("{}{}", self.krate.package_name(), self.libc.suffix())
    }

    /// Its file of format `ext` (`deb`, `rpm`, `tgz`), e.g.
    /// `sysporter-musl-0.1.0-x86_64.deb`.
    pub fn file_name(self, version: &str, ext: &str) -> String {
        format!("{}-{version}-x86_64.{ext}", self.name())
    }

    /// Its twin for the other C library, which it conflicts with.
    pub fn twin(self) -> Package {
        Package {
            krate: self.krate,
            libc: match self.libc {
                Libc::Glibc => Libc::Musl,
                Libc::Musl => Libc::Glibc,
            },
        }
    }
}

/// `cargo xtask dist [--verify]`.
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode> {
    let verify = match args {
        [] => false,
        [a] if a == "--verify" => true,
        _ => bail!("usage: cargo xtask dist [--verify]"),
    };
    let version = libsysflow_version(root)?;
    preflight(root)?;
    let target_dir = target_dir(root);
    let dist = target_dir.join("dist");
    fs::create_dir_all(&dist).with_context(|| format!("cannot create {}", dist.display()))?;

    let mut man_page = None;
    for libc in Libc::ALL {
        let native_libs = build(root, libc)?;
        let release = libc.release_dir(&target_dir);
        let man = match &man_page {
            Some(man) => man,
            // The glibc build runs the example, for both.
            None => man_page.insert(render_man_page(&release, &version)?),
        };
        stage(root, &release, libc, &version, &native_libs, man)?;
    }

    let mut made = Vec::new();
    for package in Package::ALL {
        made.extend(make_package(root, &dist, package, &version)?);
    }
    eprintln!("xtask: made in {}:", dist.display());
    for path in &made {
        let size = fs::metadata(path)
            .with_context(|| format!("cannot stat {}", path.display()))?
            .len();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        eprintln!("xtask:   {name:<40} {:>10}", human_size(size));
    }
    if verify {
        verify::run(root, &dist, &version)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// libsysflow's version, which every package carries (libsysflow-c and
/// sysporter are internal crates, `0.0.0`).
pub fn libsysflow_version(root: &Path) -> Result<String> {
    let path = root.join("crates/libsysflow/Cargo.toml");
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let doc: toml::Table = text
        .parse()
        .with_context(|| format!("{} is not valid TOML", path.display()))?;
    doc.get("package")
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .with_context(|| format!("{} has no package.version", path.display()))
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, else `target/`.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

/// Fails early, saying what to install, when a tool the packaging needs is
/// missing or the host is not the one the glibc packages are named after.
fn preflight(root: &Path) -> Result<()> {
    let host = command_output(Command::new("rustc").arg("-vV"))?;
    let host = host
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .unwrap_or_default();
    if host != GLIBC_HOST {
        bail!("the packages are for {GLIBC_HOST} hosts; this one is {host}");
    }
    let mut missing = Vec::new();
    for (sub, crate_name) in [("deb", "cargo-deb"), ("generate-rpm", "cargo-generate-rpm")] {
        let found = cargo(root, None)
            .args([sub, "--version"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            missing.push(format!("`cargo install --locked {crate_name}`"));
        }
    }
    let sysroot = command_output(Command::new("rustc").args(["--print", "sysroot"]))?;
    if !Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(MUSL_TARGET)
        .is_dir()
    {
        missing.push(format!("`rustup target add {MUSL_TARGET}`"));
    }
    for (program, package) in [
        ("musl-gcc", "musl-tools"),
        ("dpkg-deb", "dpkg"),
        ("strip", "binutils"),
        ("gzip", "gzip"),
    ] {
        if !on_path(program) {
            missing.push(format!("`apt-get install {package}` ({program})"));
        }
    }
    if !missing.is_empty() {
        bail!("packaging needs: {}", missing.join(", "));
    }
    Ok(())
}

/// Whether `program` is an executable file in a `PATH` directory.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            fs::metadata(dir.join(program)).is_ok_and(|m| {
                m.is_file()
                    && std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o111 != 0
            })
        })
    })
}

/// `cargo` (the one running xtask) in the workspace root, for `libc`'s
/// target; its C (libz-sys's zlib) is compiled with musl-gcc for musl,
/// unless `CC_x86_64_unknown_linux_musl` says otherwise.
fn cargo(root: &Path, libc: Option<Libc>) -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut cmd = Command::new(program);
    cmd.current_dir(root);
    if libc == Some(Libc::Musl) && std::env::var_os("CC_x86_64_unknown_linux_musl").is_none() {
        cmd.env("CC_x86_64_unknown_linux_musl", "musl-gcc");
    }
    cmd
}

/// Builds `sysporter` and libsysflow-c's archive for `libc`, in the release
/// profile (for glibc, the `manpage` example too); returns the system
/// libraries the archive needs, as rustc prints them.
fn build(root: &Path, libc: Libc) -> Result<String> {
    let target: Vec<&str> = libc.target().map_or(vec![], |t| vec!["--target", t]);
    eprintln!("xtask: building sysporter and libsysflow.a for {libc:?}");
    let mut build = cargo(root, Some(libc));
    build
        .args(["build", "--release", "--locked", "-p", "sysporter"])
        .args(["--bin", "sysporter"])
        .args(&target);
    if libc == Libc::Glibc {
        build.args(["--example", "manpage"]);
    }
    run_cargo(&mut build)?;

    // The static library alone: with the rlib beside it, rustc would not
    // apply LTO, and the archive would hold every crate's code and bitcode
    // whole. rustc prints the libraries it needs as a note, which cargo
    // replays when the archive is fresh.
    let mut rustc = cargo(root, Some(libc));
    rustc
        .args([
            "rustc",
            "--release",
            "--locked",
            "-p",
            "libsysflow-c",
            "--lib",
        ])
        .args(["--crate-type", "staticlib"])
        .args(&target)
        .args(["--", "--print", "native-static-libs"]);
    let stderr = run_cargo_capturing_stderr(&mut rustc)?;
    native_static_libs(&stderr).context(
        "rustc printed no `native-static-libs` note for libsysflow-c \
         (remove target/*/release/libsysflow.a and run again)",
    )
}

/// Runs a cargo command, failing unless it succeeds.
fn run_cargo(cmd: &mut Command) -> Result<()> {
    let status = cmd.status().context("cannot run cargo")?;
    if !status.success() {
        bail!("{} failed: {status}", describe(cmd));
    }
    Ok(())
}

/// Runs a cargo command, passing its stderr through and returning it.
fn run_cargo_capturing_stderr(cmd: &mut Command) -> Result<String> {
    let mut child = cmd
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run cargo")?;
    let mut text = String::new();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines() {
            let line = line.context("cannot read cargo's stderr")?;
            eprintln!("{line}");
            text.push_str(&line);
            text.push('\n');
        }
    }
    let status = child.wait().context("cannot wait for cargo")?;
    if !status.success() {
        bail!("{} failed: {status}", describe(cmd));
    }
    Ok(text)
}

/// A command as it would be typed (for messages).
fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The libraries of rustc's `note: native-static-libs: ...` line, the last
/// one if several.
pub fn native_static_libs(stderr: &str) -> Option<String> {
    stderr
        .lines()
        .filter_map(|l| l.split_once("native-static-libs:").map(|(_, libs)| libs))
        .next_back()
        .map(|libs| libs.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// sysporter's man page, gzipped as Debian policy wants it (`-n`: no name
/// or time in the header, so the bytes depend only on the page).
fn render_man_page(release: &Path, version: &str) -> Result<Vec<u8>> {
    let example = release.join("examples/manpage");
    let roff = Command::new(&example)
        .arg(version)
        .output()
        .with_context(|| format!("cannot run {}", example.display()))?;
    if !roff.status.success() || roff.stdout.is_empty() {
        bail!(
            "{} failed ({}): {}",
            example.display(),
            roff.status,
            String::from_utf8_lossy(&roff.stderr)
        );
    }
    gzip(&roff.stdout)
}

/// `bytes` gzipped at level 9, without a name or time.
fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write as _;

    let mut child = Command::new("gzip")
        .args(["-9", "-n", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot run gzip (apt-get install gzip)")?;
    // Written from a thread: gzip's output pipe fills while we write.
    let mut stdin = child.stdin.take().context("gzip has no stdin")?;
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().context("cannot wait for gzip")?;
    match writer.join() {
        Ok(written) => written.context("cannot write to gzip")?,
        Err(_) => bail!("the thread writing to gzip panicked"),
    }
    if !out.status.success() {
        bail!("gzip failed: {}", out.status);
    }
    Ok(out.stdout)
}

/// Fills `release/package-files/` anew with what the package metadata
/// takes from there.
fn stage(
    root: &Path,
    release: &Path,
    libc: Libc,
    version: &str,
    native_libs: &str,
    man_page: &[u8],
) -> Result<()> {
    let stage = release.join(STAGE_DIR);
    if stage.exists() {
        fs::remove_dir_all(&stage).with_context(|| format!("cannot remove {}", stage.display()))?;
    }
    fs::create_dir_all(&stage).with_context(|| format!("cannot create {}", stage.display()))?;
    // Debug information out (the release profile keeps line tables), symbols
    // in: the archive needs them, and sysporter's backtraces name functions.
    // The archive's LLVM bitcode (.llvmbc, .llvmcmd: what rustc's LTO reads,
    // half its size) goes too: no C toolchain reads it, and binutils' LLVM
    // plugin warns about every such object it meets.
    let archive = stage.join("libsysflow.a");
    for (from, to, extra) in [
        ("sysporter", stage.join("sysporter"), &[][..]),
        (
            "libsysflow.a",
            archive.clone(),
            &["--remove-section=.llvmbc", "--remove-section=.llvmcmd"][..],
        ),
    ] {
        let mut strip = Command::new("strip");
        strip
            .arg("--strip-debug")
            .args(extra)
            .arg("-o")
            .arg(to)
            .arg(release.join(from));
        tool::run(&mut strip, "binutils")?;
    }
    let native_libs = match libc {
        Libc::Glibc => native_libs.to_owned(),
        Libc::Musl => bundle_unwind(&archive, native_libs, &release.join("unwind"))?,
    };
    write(
        &stage.join("sysflow.pc"),
        pkg_config_file(version, &native_libs),
    )?;
    write(&stage.join("sysporter.1.gz"), man_page)?;
    let missing: Vec<String> = PROMISED_EXAMPLES
        .iter()
        .map(|name| format!("examples/{name}"))
        .filter(|path| !root.join(path).is_file())
        .collect();
    if !missing.is_empty() {
        bail!(
            "{} missing: the libsysflow packages install the C and C++ examples",
            missing.join(", ")
        );
    }
    let examples = stage.join("examples");
    for name in EXAMPLES {
        copy_tree(&root.join("examples").join(name), &examples.join(name))?;
    }
    Ok(())
}

/// For musl, rustc leaves LLVM's libunwind out of the archive and asks
/// for `-lunwind`, which musl-gcc does not have (measured: `cannot find
/// -lunwind`; and gcc's own unwinder, libgcc_eh, needs glibc's
/// `_dl_find_object`). So the objects of the libunwind.a that Rust's musl
/// target carries (`lib/self-contained/`, the one rustc links into static
/// musl programs) are added to the archive, and `-lunwind` leaves the
/// libraries it needs: a musl-gcc program then links with `-lsysflow -lc`.
/// `scratch` is a directory for the objects.
fn bundle_unwind(archive: &Path, native_libs: &str, scratch: &Path) -> Result<String> {
    let libs: Vec<&str> = native_libs.split_whitespace().collect();
    if !libs.contains(&"-lunwind") {
        return Ok(native_libs.to_owned());
    }
    let sysroot = command_output(Command::new("rustc").args(["--print", "sysroot"]))?;
    let libunwind = Path::new(&sysroot)
        .join("lib/rustlib")
        .join(MUSL_TARGET)
        .join("lib/self-contained/libunwind.a");
    if scratch.exists() {
        fs::remove_dir_all(scratch)
            .with_context(|| format!("cannot remove {}", scratch.display()))?;
    }
    fs::create_dir_all(scratch).with_context(|| format!("cannot create {}", scratch.display()))?;
    tool::run(
        Command::new("ar")
            .arg("x")
            .arg(&libunwind)
            .current_dir(scratch),
        "binutils",
    )
    .with_context(|| format!("cannot unpack {}", libunwind.display()))?;
    let mut objects: Vec<PathBuf> = fs::read_dir(scratch)
        .with_context(|| format!("cannot list {}", scratch.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot list {}", scratch.display()))?;
    if objects.is_empty() {
        bail!("{} holds no object", libunwind.display());
    }
    objects.sort();
    tool::run(
        Command::new("ar").arg("qs").arg(archive).args(&objects),
        "binutils",
    )?;
    Ok(libs
        .into_iter()
        .filter(|l| *l != "-lunwind")
        .collect::<Vec<_>>()
        .join(" "))
}

/// `sysflow.pc`: where the headers and the archive are installed, and in
/// `Libs.private` the system libraries the archive needs, so that
/// `pkg-config --libs --static sysflow` is a consumer's whole link line.
pub fn pkg_config_file(version: &str, native_libs: &str) -> String {
    format!(
        "\
# libsysflow {version}, the SysFlow collector library: C and C++ API.
# Link statically: pkg-config --cflags --libs --static sysflow
prefix=/usr
includedir=${{prefix}}/include/sysflow
libdir=${{prefix}}/lib/sysflow

Name: sysflow
Description: Collect SysFlow telemetry from Linux system calls (libsysflow)
Version: {version}
URL: https://sysflow.readthedocs.io
Cflags: -I${{includedir}}
Libs: -L${{libdir}} -lsysflow
Libs.private: {native_libs}
"
    )
}

/// Writes `contents` to `path`.
fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

/// Copies a file, or a directory's files recursively, to `to`.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    let meta = fs::metadata(from).with_context(|| format!("cannot stat {}", from.display()))?;
    if meta.is_dir() {
        fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
        for entry in
            fs::read_dir(from).with_context(|| format!("cannot list {}", from.display()))?
        {
            let entry = entry.with_context(|| format!("cannot list {}", from.display()))?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
    } else {
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::copy(from, to)
            .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    }
    Ok(())
}

/// Makes one package's `.deb` (cargo-deb), `.rpm` (cargo-generate-rpm) and
/// `.tgz` (the `.deb`'s data archive) in `dist`; returns their paths.
fn make_package(root: &Path, dist: &Path, package: Package, version: &str) -> Result<[PathBuf; 3]> {
    let [deb, rpm, tgz] =
        ["deb", "rpm", "tgz"].map(|ext| dist.join(package.file_name(version, ext)));
    let variant: Vec<&str> = match package.libc.target() {
        None => vec![],
        Some(target) => vec!["--variant", "musl", "--target", target],
    };

    let mut cargo_deb = cargo(root, None);
    cargo_deb
        .args(["deb", "--quiet", "-p", package.krate.cargo_name()])
        // Built and stripped above.
        .args(["--no-build", "--no-strip"])
        .args(["--deb-version", &format!("{version}-1")])
        .args(&variant)
        .arg("-o")
        .arg(&deb);
    run_cargo(&mut cargo_deb)?;

    let mut generate_rpm = cargo(root, None);
    generate_rpm
        .args(["generate-rpm", "-p", package.krate.dir()])
        .args(["--set-metadata", &format!("version = \"{version}\"")])
        .args(&variant)
        .arg("-o")
        .arg(&rpm);
    run_cargo(&mut generate_rpm)?;

    tgz_from_deb(&deb, &tgz)?;
    Ok([deb, rpm, tgz])
}

/// Writes the data archive of `deb` (its files, as dpkg installs them),
/// gzipped, to `tgz`.
fn tgz_from_deb(deb: &Path, tgz: &Path) -> Result<()> {
    let mut tar = Command::new("dpkg-deb")
        .arg("--fsys-tarfile")
        .arg(deb)
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot run dpkg-deb (apt-get install dpkg)")?;
    let tar_out = tar.stdout.take().context("dpkg-deb has no stdout")?;
    let out = fs::File::create(tgz).with_context(|| format!("cannot create {}", tgz.display()))?;
    let gzip = Command::new("gzip")
        .args(["-9", "-n", "-c"])
        .stdin(tar_out)
        .stdout(out)
        .status()
        .context("cannot run gzip (apt-get install gzip)")?;
    let tar = tar.wait().context("cannot wait for dpkg-deb")?;
    if !tar.success() || !gzip.success() {
        bail!(
            "cannot make {} from {}: dpkg-deb {tar}, gzip {gzip}",
            tgz.display(),
            deb.display()
        );
    }
    Ok(())
}

/// The trimmed stdout of a command that must succeed.
pub fn command_output(cmd: &mut Command) -> Result<String> {
    let out = cmd
        .output()
        .with_context(|| format!("cannot run `{}`", describe(cmd)))?;
    if !out.status.success() {
        bail!(
            "`{}` failed ({}): {}",
            describe(cmd),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// A size in bytes for people: `12.3 MB`, `845 kB`.
fn human_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.0} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_static_libs_are_read_from_rustc_s_note() {
        let stderr = "   Compiling libsysflow-c v0.0.0\n\
            note: Link against the following native artifacts when linking against this static library. The order and any duplication can be significant on some platforms.\n\
            \n\
            note: native-static-libs: -lgcc_s -lutil  -lrt -lc\n\
            \x20   Finished `release` profile\n";
        assert_eq!(
            native_static_libs(stderr).as_deref(),
            Some("-lgcc_s -lutil -lrt -lc")
        );
        assert_eq!(native_static_libs("Finished\n"), None);
    }

    #[test]
    fn the_pc_file_gives_the_whole_static_link_line() {
        let pc = pkg_config_file("1.2.3", "-lgcc_s -lc");
        assert!(pc.contains("\nVersion: 1.2.3\n"), "{pc}");
        assert!(pc.contains("\nCflags: -I${includedir}\n"), "{pc}");
        assert!(
            pc.contains("\nincludedir=${prefix}/include/sysflow\n"),
            "{pc}"
        );
        assert!(pc.contains("\nLibs: -L${libdir} -lsysflow\n"), "{pc}");
        assert!(pc.contains("\nLibs.private: -lgcc_s -lc\n"), "{pc}");
    }

    #[test]
    fn packages_are_named_as_the_issue_lists_them() {
        let names: Vec<String> = Package::ALL
            .iter()
            .map(|p| p.file_name("0.1.0", "deb"))
            .collect();
        assert_eq!(
            names,
            [
                "libsysflow-0.1.0-x86_64.deb",
                "sysporter-0.1.0-x86_64.deb",
                "libsysflow-musl-0.1.0-x86_64.deb",
                "sysporter-musl-0.1.0-x86_64.deb",
            ]
        );
        assert_eq!(Package::ALL[3].twin().name(), "sysporter");
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(845_300), "845 kB");
        assert_eq!(human_size(12_345_678), "12.3 MB");
    }
}
